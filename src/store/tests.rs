use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::revlog::{read_csv, write_csv};
use super::*;
use crate::srs::Settings;

fn t0() -> Timestamp {
    "2026-02-01T09:00:00Z".parse().unwrap()
}

fn scheduler() -> Scheduler {
    Scheduler::new(&Settings::default()).unwrap()
}

fn grade(store: &mut Store, card: &str, rating: Rating, at: Timestamp) -> Recorded {
    store
        .grade(
            &scheduler(),
            card,
            rating,
            at,
            Duration::from_secs(7),
            &Days::utc(),
        )
        .unwrap()
}

/// A few cards graded over a month, every grade at the time the card came due.
fn history(store: &mut Store) {
    let mut now = t0();
    for (i, card) in ["a", "b", "c"].iter().enumerate() {
        let mut at = now + SignedDuration::from_mins(i64::try_from(i).unwrap());
        for rating in [
            Rating::Good,
            Rating::Good,
            Rating::Again,
            Rating::Good,
            Rating::Hard,
            Rating::Easy,
        ] {
            let r = grade(store, card, rating, at);
            at = r.outcome.state.due;
        }
        now += SignedDuration::from_hours(1);
    }
}

#[test]
fn a_grade_round_trips() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.card_state("a").unwrap(), None);
    let r = grade(&mut store, "a", Rating::Good, t0());
    assert_eq!(store.card_state("a").unwrap(), Some(r.outcome.state));
    assert_eq!(store.review_count().unwrap(), 1);
    let log = store.revlog().unwrap();
    assert_eq!(
        log,
        [RevlogRow {
            card_id: "a".into(),
            review_time: t0().as_millisecond(),
            rating: 3,
            state: 0,
            duration_ms: 7000
        }]
    );
}

/// Two tutors grading one card in the same millisecond both keep their grade: the later
/// transaction's review goes one millisecond after the other's, which it builds on.
#[test]
fn two_grades_of_one_card_in_one_millisecond_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(dir.path()).unwrap();
    let mut second = Store::open(dir.path()).unwrap();
    let a = grade(&mut first, "a", Rating::Good, t0());
    let b = grade(&mut second, "a", Rating::Again, t0());
    assert_ne!(a.id, b.id);
    assert_eq!(
        b.outcome.state.last_review,
        t0() + SignedDuration::from_millis(1)
    );
    assert_eq!(
        b.outcome.state.reps, 2,
        "the second grade builds on the first"
    );
    // And a third, in the same process, in the same millisecond still.
    grade(&mut first, "a", Rating::Good, t0());
    let times: Vec<i64> = first
        .revlog()
        .unwrap()
        .iter()
        .map(|r| r.review_time - t0().as_millisecond())
        .collect();
    assert_eq!(times, [0, 1, 2]);
    let report = first.rebuild(&scheduler()).unwrap();
    assert_eq!(report.changed, 0, "{report:?}");
}

/// A grade worked out from a state another tutor has since changed: both grades are in
/// the log, and the card's state is the log's replay, which the store answers with.
#[test]
fn a_grade_from_a_stale_state_is_kept_and_the_card_is_recomputed_from_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(dir.path()).unwrap();
    let mut second = Store::open(dir.path()).unwrap();
    let s = scheduler();
    // Both tutors hold "a" as new; the first grades it.
    let a = s.review("a", None, Rating::Good, t0()).unwrap();
    let saved = first
        .record_review(&s, "a", None, &a, Duration::from_secs(3), &Days::utc())
        .unwrap();
    assert_eq!(
        saved.state, a.state,
        "nothing changed meanwhile: the state as given"
    );
    // The second still holds "a" as new, and grades it a minute later.
    let later = t0() + SignedDuration::from_mins(1);
    let b = s.review("a", None, Rating::Again, later).unwrap();
    let recorded = second
        .record_review(&s, "a", None, &b, Duration::from_secs(4), &Days::utc())
        .unwrap();
    assert_eq!(second.review_count().unwrap(), 2, "no grade is dropped");
    let (replayed, _) = srs::replay(
        &s,
        "a",
        &[
            Review {
                at: t0(),
                rating: Rating::Good,
            },
            Review {
                at: later,
                rating: Rating::Again,
            },
        ],
    )
    .unwrap();
    let replayed = replayed.unwrap();
    assert_ne!(
        replayed, b.state,
        "the stale outcome is not the card's state"
    );
    assert_eq!(recorded.state, replayed);
    assert_eq!(
        recorded.outcome.state.reps, 2,
        "the grade builds on the other"
    );
    assert_eq!(first.card_state("a").unwrap(), Some(replayed));
    assert_eq!(first.rebuild(&s).unwrap().changed, 0);
}

/// A stale grade timed before the other tutor's (another clock): it goes into the log at
/// its time, and the card's state is the replay of the whole log, in time order.
#[test]
fn a_stale_grade_timed_before_the_others_is_replayed_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(dir.path()).unwrap();
    let mut second = Store::open(dir.path()).unwrap();
    let s = scheduler();
    let later = t0() + SignedDuration::from_mins(1);
    let a = s.review("a", None, Rating::Good, later).unwrap();
    first
        .record_review(&s, "a", None, &a, Duration::ZERO, &Days::utc())
        .unwrap();
    let b = s.review("a", None, Rating::Again, t0()).unwrap();
    let recorded = second
        .record_review(&s, "a", None, &b, Duration::ZERO, &Days::utc())
        .unwrap();
    assert_eq!(
        recorded.outcome, b,
        "nothing was before it: graded as given"
    );
    let (replayed, _) = srs::replay(
        &s,
        "a",
        &[
            Review {
                at: t0(),
                rating: Rating::Again,
            },
            Review {
                at: later,
                rating: Rating::Good,
            },
        ],
    )
    .unwrap();
    assert_eq!(Some(recorded.state), replayed);
    assert_eq!(first.card_state("a").unwrap(), replayed);
    assert_eq!(first.rebuild(&s).unwrap().changed, 0);
}

#[test]
fn replay_gives_exactly_the_stored_states() {
    let mut store = Store::open_in_memory().unwrap();
    history(&mut store);
    let before = store.card_states().unwrap();
    let report = store.rebuild(&scheduler()).unwrap();
    assert_eq!(
        report,
        RebuildReport {
            cards: 3,
            reviews: 18,
            changed: 0
        }
    );
    assert_eq!(store.card_states().unwrap(), before);
}

#[test]
fn rebuild_repairs_a_damaged_state_table() {
    let mut store = Store::open_in_memory().unwrap();
    history(&mut store);
    let before = store.card_states().unwrap();
    store
        .conn
        .execute("UPDATE card_state SET reps = 99 WHERE card_id = 'b'", [])
        .unwrap();
    store
        .conn
        .execute("DELETE FROM card_state WHERE card_id = 'c'", [])
        .unwrap();
    store
        .conn
        .execute(
            "INSERT INTO card_state SELECT 'ghost', phase, step, stability, difficulty, due_at, \
             last_review_at, interval_days, reps, lapses FROM card_state WHERE card_id = 'a'",
            [],
        )
        .unwrap();
    let report = store.rebuild(&scheduler()).unwrap();
    assert_eq!(report.changed, 3);
    assert_eq!(store.card_states().unwrap(), before);
}

#[test]
fn undo_steps_back_through_a_whole_session() {
    let mut store = Store::open_in_memory().unwrap();
    let s = scheduler();
    let mut ids = Vec::new();
    let mut states = vec![None];
    let mut at = t0();
    for rating in [Rating::Good, Rating::Again, Rating::Good, Rating::Good] {
        let r = grade(&mut store, "a", rating, at);
        ids.push((r.id, rating));
        states.push(Some(r.outcome.state));
        at = r.outcome.state.due;
    }
    let other = grade(&mut store, "b", Rating::Easy, at);
    assert!(matches!(
        store.undo(&s, ids[0].0),
        Err(StoreError::NotLatest { .. })
    ));
    assert!(matches!(
        store.undo(&s, 12345),
        Err(StoreError::NoSuchReview(12345))
    ));
    store.undo(&s, other.id).unwrap();
    assert_eq!(store.card_state("b").unwrap(), None);
    for (id, rating) in ids.into_iter().rev() {
        states.pop();
        let undone = store.undo(&s, id).unwrap();
        assert_eq!((undone.card_id.as_str(), undone.rating), ("a", rating));
        assert_eq!(undone.restored, *states.last().unwrap());
        assert_eq!(store.card_state("a").unwrap(), undone.restored);
    }
    assert_eq!(store.review_count().unwrap(), 0);
}

#[test]
fn a_file_database_persists_and_uses_wal_and_full_sync() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let state = {
        let mut store = Store::open(&data).unwrap();
        grade(&mut store, "a", Rating::Good, t0()).outcome.state
    };
    let store = Store::open(&data).unwrap();
    assert_eq!(store.card_state("a").unwrap(), Some(state));
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let sync: i64 = store
        .conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 2));
}

#[test]
fn migration_from_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DB_FILE), b"").unwrap();
    let store = Store::open(dir.path()).unwrap();
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(usize::try_from(version).unwrap(), migrations::latest());
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{message}"
    );
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("newer tutor"), "{message}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file was modified"
    );
}

#[test]
fn a_corrupt_database_is_reported_with_its_path_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let garbage = b"this is not a database, it is a shopping list\n".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let message = Store::open(dir.path()).unwrap_err().to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("not a tutor database"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

/// A database tutor makes carries tutor's application id; one made before tutor set it
/// (tutor's tables and version, no id) still opens, keeps its reviews and gets the id.
#[test]
fn tutor_databases_carry_the_application_id_and_older_ones_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let application_id = |conn: &Connection| -> i32 {
        conn.query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap()
    };
    {
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(application_id(&store.conn), identify::APPLICATION_ID);
        grade(&mut store, "a", Rating::Good, t0());
    }
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA application_id = 0;")
        .unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(application_id(&store.conn), identify::APPLICATION_ID);
    assert_eq!(store.review_count().unwrap(), 1);
}

#[test]
fn a_data_dir_that_cannot_be_created_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let message = Store::open(&file.join("data")).unwrap_err().to_string();
    assert!(message.contains("cannot create the data dir"), "{message}");
    assert!(message.contains("a-file"), "{message}");
    // The data dir itself a file: said plainly.
    let message = Store::open(&file).unwrap_err().to_string();
    assert!(message.contains("is a file, not a folder"), "{message}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

#[test]
fn a_full_disk_keeps_every_saved_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut saved = 0;
    // Cap the file so it fills up: the same error SQLite gives on a full disk.
    let pages: i64 = store
        .conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .conn
        .pragma_update(None, "max_page_count", pages + 2)
        .unwrap();
    let mut at = t0();
    let err = loop {
        let card = format!("card-{saved:05}-{}", "x".repeat(200));
        match store.grade(
            &scheduler(),
            &card,
            Rating::Good,
            at,
            Duration::ZERO,
            &Days::utc(),
        ) {
            Ok(_) => saved += 1,
            Err(e) => break e,
        }
        at += SignedDuration::from_secs(1);
        assert!(saved < 100_000, "the cap never hit");
    };
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err}");
    assert!(
        err.to_string().contains(&dir.path().display().to_string()),
        "{err}"
    );
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.review_count().unwrap(), saved);
    assert_eq!(
        store.card_states().unwrap().len(),
        usize::try_from(saved).unwrap()
    );
}

#[test]
fn export_import_round_trip_is_idempotent() {
    let mut source = Store::open_in_memory().unwrap();
    history(&mut source);
    let mut csv = Vec::new();
    write_csv(&source.revlog().unwrap(), &mut csv).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.starts_with("card_id,review_time,review_rating,review_state,review_duration\n"));

    let rows = read_csv(csv.as_slice(), "log.csv", later()).unwrap().rows;
    let mut target = Store::open_in_memory().unwrap();
    let report = target
        .import_revlog(&scheduler(), &rows, &Days::utc())
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            rows: 18,
            added: 18,
            already_present: 0,
            cards: 3
        }
    );
    assert_eq!(target.revlog().unwrap(), source.revlog().unwrap());
    assert_eq!(target.card_states().unwrap(), source.card_states().unwrap());
    let again = target
        .import_revlog(&scheduler(), &rows, &Days::utc())
        .unwrap();
    assert_eq!((again.added, again.already_present), (0, 18));
    assert_eq!(target.review_count().unwrap(), 18);
    // Derived columns agree with what grading stored.
    let derived = |s: &Store| -> Vec<(i64, i64)> {
        let mut stmt = s
            .conn
            .prepare("SELECT days_elapsed, interval_ms FROM review_log ORDER BY reviewed_at")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(derived(&target), derived(&source));
}

#[test]
fn import_merges_histories_and_keeps_unknown_cards() {
    let mut store = Store::open_in_memory().unwrap();
    grade(&mut store, "a", Rating::Good, t0());
    let rows = vec![
        RevlogRow {
            card_id: "gone-from-every-deck".into(),
            review_time: (t0() - SignedDuration::from_hours(1)).as_millisecond(),
            rating: 3,
            state: 0,
            duration_ms: 1000,
        },
        RevlogRow {
            card_id: "a".into(),
            review_time: (t0() - SignedDuration::from_hours(30)).as_millisecond(),
            rating: 1,
            state: 0,
            duration_ms: 1000,
        },
    ];
    let report = store
        .import_revlog(&scheduler(), &rows, &Days::utc())
        .unwrap();
    assert_eq!((report.added, report.cards), (2, 2));
    assert!(store.card_state("gone-from-every-deck").unwrap().is_some());
    // "a" is now the replay of both reviews, the imported one first.
    let expected = srs::replay(
        &scheduler(),
        "a",
        &[
            Review {
                at: t0() - SignedDuration::from_hours(30),
                rating: Rating::Again,
            },
            Review {
                at: t0(),
                rating: Rating::Good,
            },
        ],
    )
    .unwrap()
    .0;
    assert_eq!(store.card_state("a").unwrap(), expected);
}

/// A moment after every review these tests make: "now" for the parser.
fn later() -> Timestamp {
    "2027-01-01T00:00:00Z".parse().unwrap()
}

/// `t0` in milliseconds, as a CSV holds it.
const T: i64 = 1_769_936_400_000;

#[test]
fn malformed_csv_is_refused_with_line_and_column() {
    let header = "card_id,review_time,review_rating,review_state,review_duration\n";
    let cases = [
        (
            format!("a,{T},3,0,5\nb,{},5,0,5\n", T + 1),
            3,
            3,
            "review_rating",
        ),
        (format!("a,{T},3,0,5\n,{},3,0,5\n", T + 1), 3, 1, "card_id"),
        ("a,abc,3,0,5\n".to_string(), 2, 2, "review_time"),
        (format!("a,{T},3,7,5\n"), 2, 4, "review_state"),
        (format!("a,{T},3,0,-1\n"), 2, 5, "review_duration"),
        (format!("a,{T},3,0\n"), 2, 1, "(row)"),
    ];
    for (body, line, column, name) in cases {
        let err = read_csv(format!("{header}{body}").as_bytes(), "log.csv", later()).unwrap_err();
        assert_eq!(
            (err.line, err.column, err.name.as_str()),
            (line, column, name),
            "{err}"
        );
        assert!(
            err.to_string()
                .starts_with(&format!("log.csv:{line}:{column}: error: {name}: ")),
            "{err}"
        );
    }
    let err = read_csv("card_id,review_time\n".as_bytes(), "log.csv", later()).unwrap_err();
    assert!(
        err.message.contains("missing column `review_rating`"),
        "{err}"
    );
    // Columns in another order, and extra columns, are fine.
    let rows = read_csv(
        format!(
            "review_rating,card_id,extra,review_time,review_duration,review_state\n4,z,?,{T},10,0\n"
        )
        .as_bytes(),
        "log.csv",
        later(),
    )
    .unwrap();
    assert_eq!(
        rows.rows,
        [RevlogRow {
            card_id: "z".into(),
            review_time: T,
            rating: 4,
            state: 0,
            duration_ms: 10
        }]
    );
    assert_eq!(rows.lines, [2]);
}

/// Every hostile row a file could hold: refused with its line, column and a message
/// of ours that repeats the value display-safe and short, never a panic.
#[test]
#[allow(clippy::too_many_lines)]
fn hostile_rows_are_refused_with_line_column_and_our_message() {
    let header = "card_id,review_time,review_rating,review_state,review_duration\n";
    let year_9999: i64 = 253_402_214_400_000 - 2 * 86_400_000;
    let tomorrow = later().as_millisecond() + 2 * 86_400_000;
    let cases: Vec<(String, u64, usize, &str, &str)> = vec![
        (
            format!("a,{year_9999},3,0,5\n"),
            2,
            2,
            "review_time",
            "(9999-12-29 00:00:00 UTC) is more than a day in the future",
        ),
        (
            format!("a,{tomorrow},3,0,5\n"),
            2,
            2,
            "review_time",
            "is more than a day in the future",
        ),
        (
            "a,1000,3,0,5\n".into(),
            2,
            2,
            "review_time",
            "1000 (1970-01-01 00:00:01 UTC) is before 2006",
        ),
        (
            "a,1769936400,3,0,5\n".into(),
            2,
            2,
            "review_time",
            "(this looks like seconds)",
        ),
        ("a,-5,3,0,5\n".into(), 2, 2, "review_time", "is before 2006"),
        (
            "a,99999999999999999999999,3,0,5\n".to_string(),
            2,
            2,
            "review_time",
            "must be milliseconds since 1970-01-01 UTC, not \"99999999999999999999999\"",
        ),
        (
            format!("a\u{1b}[2J,{T},3,0,5\n"),
            2,
            1,
            "card_id",
            "\"a\\u{1b}[2J\" is not a card id",
        ),
        (
            format!("\"a\nb\",{T},3,0,5\n"),
            2,
            1,
            "card_id",
            "\"a\\u{a}b\" is not a card id",
        ),
        (
            format!("a\u{9b}b,{T},3,0,5\n"),
            2,
            1,
            "card_id",
            "\"a\\u{9b}b\" is not a card id",
        ),
        (
            format!("LRU Cache,{T},3,0,5\n"),
            2,
            1,
            "card_id",
            "is not a card id",
        ),
        (format!("a,{T},0,0,5\n"), 2, 3, "review_rating", "not \"0\""),
        (format!("a,{T},5,0,5\n"), 2, 3, "review_rating", "not \"5\""),
        (format!("a,{T},x,0,5\n"), 2, 3, "review_rating", "not \"x\""),
        (
            format!("a,{T},3,-1,5\n"),
            2,
            4,
            "review_state",
            "not \"-1\"",
        ),
        (
            format!("a,{T},3,0,-3\n"),
            2,
            5,
            "review_duration",
            "0 or more, not \"-3\"",
        ),
        (
            format!("a,{T},3,0,{}\n", "9".repeat(200)),
            2,
            5,
            "review_duration",
            "not \"9999999999999999999999999999999999999999…\"",
        ),
        (
            format!("a,{T},3,0\n"),
            2,
            1,
            "(row)",
            "has 4 fields; the header line has 5",
        ),
        (
            format!("a,{T},3,0,5,6\n"),
            2,
            1,
            "(row)",
            "has 6 fields; the header line has 5",
        ),
        (
            format!("a,{T},3,0,5\na,{T},4,0,5\n"),
            3,
            3,
            "review_rating",
            "line 2 has a review of this card at the same time with review_rating 3, this one 4",
        ),
        (
            format!("a,{T},3,0,5\nb,{T},3,0,5\na,{T},3,1,5\n"),
            4,
            4,
            "review_state",
            "line 2 has a review",
        ),
    ];
    for (body, line, column, name, message) in cases {
        let err =
            read_csv(format!("{header}{body}").as_bytes(), "log.csv", later()).expect_err(&body);
        assert_eq!(
            (err.line, err.column, err.name.as_str()),
            (line, column, name),
            "{body:?}: {err}"
        );
        assert!(err.message.contains(message), "{body:?}: {err}");
        assert!(!err.to_string().contains('\u{1b}'), "{err}");
        assert!(!err.to_string().contains('\u{9b}'), "{err}");
    }
    let empty = read_csv("".as_bytes(), "log.csv", later()).unwrap_err();
    assert_eq!(
        (empty.line, empty.name.as_str()),
        (1, "(header)"),
        "{empty}"
    );
    assert!(empty.message.contains("the file is empty"), "{empty}");
}

#[test]
fn a_row_longer_than_the_limit_is_refused_before_it_is_read_whole() {
    use super::revlog::MAX_ROW_BYTES;
    use std::io::Read as _;
    let header = "card_id,review_time,review_rating,review_state,review_duration\n";
    // 64 MiB of one line: refused after the first 64 KiB, without holding the rest.
    let start = format!("{header}a,{T},3,0,5\n");
    let huge = start
        .as_bytes()
        .chain(std::io::repeat(b'x').take(64 << 20))
        .chain("\n".as_bytes());
    let err = read_csv(huge, "log.csv", later()).unwrap_err();
    assert_eq!((err.line, err.name.as_str()), (3, "(row)"), "{err}");
    assert!(
        err.message
            .starts_with(&format!("longer than {} KiB", MAX_ROW_BYTES / 1024)),
        "{err}"
    );
    // Not UTF-8: our message, with the line and field.
    let mut bytes = format!("{header}a,{T},3,0,5\n").into_bytes();
    bytes.extend_from_slice(b"b\xff,1769936400000,3,0,5\n");
    let err = read_csv(bytes.as_slice(), "log.csv", later()).unwrap_err();
    assert_eq!((err.line, err.column), (3, 1), "{err}");
    assert!(err.message.contains("not UTF-8"), "{err}");
}

#[test]
fn bom_crlf_header_only_and_repeated_rows_are_read() {
    let rows = read_csv(
        format!("\u{feff}card_id,review_time,review_rating,review_state,review_duration\r\na,{T},3,0,5\r\na,{T},3,0,5\r\n").as_bytes(),
        "log.csv",
        later(),
    )
    .unwrap();
    assert_eq!(
        rows.rows.len(),
        2,
        "an exact repeat is kept for the import to skip"
    );
    assert_eq!(rows.lines, [2, 3]);
    let none = read_csv(
        "card_id,review_time,review_rating,review_state,review_duration\n".as_bytes(),
        "log.csv",
        later(),
    )
    .unwrap();
    assert!(none.rows.is_empty());
}

#[test]
fn an_import_that_disagrees_with_the_log_is_a_conflict_and_adds_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let logged = grade(&mut store, "a", Rating::Good, t0());
    let at = t0().as_millisecond();
    let row = |card: &str, time: i64, rating: u8| RevlogRow {
        card_id: card.into(),
        review_time: time,
        rating,
        state: 0,
        duration_ms: 7000,
    };
    // The same review again is already present.
    let same = store
        .import_revlog(&scheduler(), &[row("a", at, 3)], &Days::utc())
        .unwrap();
    assert_eq!((same.added, same.already_present), (0, 1));
    let err = store
        .import_revlog(
            &scheduler(),
            &[row("b", at, 3), row("a", at, 1)],
            &Days::utc(),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            revlog::ImportError::Conflict {
                index: 1,
                column: "review_rating",
                stored: 3,
                imported: 1
            }
        ),
        "{err:?}"
    );
    assert_eq!(store.revlog().unwrap().len(), 1);
    assert_eq!(store.card_state("b").unwrap(), None);
    assert_eq!(store.card_state("a").unwrap(), Some(logged.outcome.state));
}

#[test]
fn an_import_that_fails_midway_adds_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let good = RevlogRow {
        card_id: "a".into(),
        review_time: T,
        rating: 3,
        state: 0,
        duration_ms: 0,
    };
    // A time no timestamp can hold fails inside the transaction, after the first insert.
    let bad = RevlogRow {
        review_time: i64::MAX,
        ..good.clone()
    };
    assert!(
        store
            .import_revlog(&scheduler(), &[good, bad], &Days::utc())
            .is_err()
    );
    assert_eq!(store.review_count().unwrap(), 0);
    assert!(store.card_states().unwrap().is_empty());
}

#[test]
fn settings_round_trip_and_refuse_bad_values() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.settings().unwrap(), Settings::default());
    store.set_setting("desired-retention", "0.85").unwrap();
    store.set_setting("new-per-day", "5").unwrap();
    store.set_parameters(&[1.5; 21]).unwrap();
    let s = store.settings().unwrap();
    assert_eq!(
        (s.desired_retention, s.new_per_day, s.parameters.len()),
        (0.85, 5, 21)
    );
    assert!(
        store
            .set_setting("desired-retention", "0.99")
            .unwrap_err()
            .contains("0.70 to 0.97")
    );
    assert!(store.set_setting("new-per-day", "-1").is_err());
    assert!(
        store
            .set_setting("colour", "red")
            .unwrap_err()
            .contains("desired-retention")
    );
}

/// A database from before the stable fuzz seed (schema 2) has its card states derived
/// from the log again, once, when it is opened; later opens leave the states alone.
#[test]
fn states_from_before_the_stable_fuzz_are_replayed_once() {
    let dir = tempfile::tempdir().unwrap();
    let replayed = {
        let mut store = Store::open(dir.path()).unwrap();
        history(&mut store);
        store.card_states().unwrap()
    };
    let shift = |version: usize| {
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        // Schema 4's claims and recall points taken out again, as schema 2 had none.
        let older = if version < 4 {
            "DROP TABLE quiz_claim; ALTER TABLE quiz_result DROP COLUMN points_made; \
             ALTER TABLE quiz_result DROP COLUMN points_total; \
             ALTER TABLE quiz_result DROP COLUMN self_assessed;"
        } else {
            ""
        };
        // Schema 5 added `quiz_result.picked`: an older version has no such column.
        let picked = if version < 5 {
            "ALTER TABLE quiz_result DROP COLUMN picked;"
        } else {
            ""
        };
        // Schema 6 added `deck_trust`.
        let trust = if version < 6 {
            "DROP TABLE deck_trust;"
        } else {
            ""
        };
        // Schema 7 added `attempts`.
        let attempts = if version < 7 {
            "DROP TABLE attempts;"
        } else {
            ""
        };
        // Schema 9 added where rows came from and whether a sync sent them.
        let sync = if version < 9 {
            "DROP INDEX review_log_unsent; DROP INDEX quiz_result_by_item; \
             ALTER TABLE review_log DROP COLUMN origin; ALTER TABLE review_log DROP COLUMN sent; \
             ALTER TABLE quiz_result DROP COLUMN origin; ALTER TABLE quiz_result DROP COLUMN sent; \
             ALTER TABLE attempts DROP COLUMN origin; ALTER TABLE attempts DROP COLUMN sent;"
        } else {
            ""
        };
        // Schema 8 added `interview`.
        let interview = if version < 8 {
            "DROP TABLE interview;"
        } else {
            ""
        };
        conn.execute_batch(&format!(
            "{sync} {older} {picked} {trust} {attempts} {interview} UPDATE card_state SET due_at = due_at + 86400000; \
             PRAGMA user_version = {version};"
        ))
        .unwrap();
    };
    // As an older tutor would have left it: schema 2, states scheduled another way.
    shift(migrations::RESCHEDULED - 1);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.card_states().unwrap(), replayed);
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(usize::try_from(version).unwrap(), migrations::latest());
    drop(store);
    // At the current version nothing is replayed on open.
    shift(migrations::latest());
    let store = Store::open(dir.path()).unwrap();
    assert_ne!(store.card_states().unwrap(), replayed);
}

/// `SQLite` VM instructions run by `f` on this store's connection: work a query does,
/// counted without a clock.
fn sql_steps(store: &Store, f: impl FnOnce()) -> u64 {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let steps = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&steps);
    store
        .conn
        .progress_handler(
            1,
            Some(move || {
                counter.fetch_add(1, Ordering::Relaxed);
                false
            }),
        )
        .unwrap();
    f();
    store
        .conn
        .progress_handler(1, None::<fn() -> bool>)
        .unwrap();
    steps.load(Ordering::Relaxed)
}

/// `per_day` reviews on each of the `days` study days before `t0`'s, written straight
/// into the log (grading them one by one would take long).
fn daily_history(store: &mut Store, days: i64, per_day: i64) {
    let today = Days::utc().day_of(t0());
    let tx = store.conn.transaction().unwrap();
    for d in 1..=days {
        for i in 0..per_day {
            let at = (t0() - SignedDuration::from_hours(24 * d)).as_millisecond() + i;
            tx.execute(
                "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, \
                 days_elapsed, interval_ms, duration_ms, local_day) \
                 VALUES (?1, ?2, 3, 2, 1, 86400000, 1000, ?3)",
                params![format!("card-{i}"), at, today - d],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// The streak is asked after every grade: with a long history that must not cost more
/// than with a short one (it walked every review of the streak: 40 ms a grade at a
/// million reviews).
#[test]
fn the_streak_after_a_grade_does_not_walk_the_history() {
    let today = Days::utc().day_of(t0());
    let steps_after_a_grade = |history_days: i64| {
        let mut store = Store::open_in_memory().unwrap();
        daily_history(&mut store, history_days, 20);
        assert_eq!(
            store.streak(today).unwrap(),
            u32::try_from(history_days).unwrap()
        );
        grade(&mut store, "a", Rating::Good, t0());
        let mut streak = 0;
        let steps = sql_steps(&store, || streak = store.streak(today).unwrap());
        assert_eq!(streak, u32::try_from(history_days).unwrap() + 1);
        steps
    };
    let short = steps_after_a_grade(10);
    let long = steps_after_a_grade(1_000);
    assert!(
        long <= short + 10,
        "the streak after a grade ran {short} SQL steps with 10 days of history, {long} with 1,000"
    );
}

/// The streak kept for the day follows every change to the past: this store's imports,
/// undos and grades dated before today, and another process's writes.
#[test]
fn the_kept_streak_follows_changes_to_past_days() {
    let days = Days::utc();
    let today = days.day_of(t0());
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut other = Store::open(dir.path()).unwrap();
    let day_ago = |n: i64| t0() - SignedDuration::from_hours(24 * n);
    grade(&mut store, "a", Rating::Good, day_ago(1));
    grade(&mut store, "b", Rating::Good, day_ago(3));
    assert_eq!(
        store.streak(today).unwrap(),
        1,
        "yesterday only: two days ago is a gap"
    );
    // Another process fills the gap.
    grade(&mut other, "c", Rating::Good, day_ago(2));
    assert_eq!(store.streak(today).unwrap(), 3);
    // This store grades a card on a past day (a clock put back).
    grade(&mut store, "d", Rating::Good, day_ago(4));
    assert_eq!(store.streak(today).unwrap(), 4);
    // An import of an older day.
    let row = RevlogRow {
        card_id: "e".into(),
        review_time: day_ago(5).as_millisecond(),
        rating: 3,
        state: 0,
        duration_ms: 1000,
    };
    store.import_revlog(&scheduler(), &[row], &days).unwrap();
    assert_eq!(store.streak(today).unwrap(), 5);
    // Today's grade counts at once; its undo takes it back.
    let graded = grade(&mut store, "f", Rating::Good, t0());
    assert_eq!(store.streak(today).unwrap(), 6);
    store.undo(&scheduler(), graded.id).unwrap();
    assert_eq!(store.streak(today).unwrap(), 5);
    // Undoing a grade of yesterday (a session that went past midnight) breaks the run.
    let yesterday = store.revlog().unwrap();
    assert_eq!(yesterday.iter().filter(|r| r.card_id == "a").count(), 1);
    let id: i64 = store
        .conn
        .query_row("SELECT id FROM review_log WHERE card_id = 'a'", [], |r| {
            r.get(0)
        })
        .unwrap();
    store.undo(&scheduler(), id).unwrap();
    assert_eq!(store.streak(today).unwrap(), 0);
}

#[test]
fn motion_is_on_until_set_off_and_takes_only_on_or_off() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.motion().unwrap(), "on by default");
    store.set_motion("off").unwrap();
    assert!(!store.motion().unwrap());
    let refused = store.set_motion("maybe").unwrap_err();
    assert!(refused.contains("motion must be on or off"), "{refused}");
    assert!(!store.motion().unwrap(), "a refused value changes nothing");
    store.set_motion(" on ").unwrap();
    assert!(store.motion().unwrap());
}
