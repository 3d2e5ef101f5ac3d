#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The progress commands as a user runs them: `stats`, `export`/`import revlog`,
//! `optimize`, `rebuild` and `config`, as real processes with real exit codes.
//!
//! Every run gets its own `--data-dir` in a temporary folder, with `TUTOR_DECKS`,
//! `TUTOR_DATA_DIR` and `NO_COLOR` removed and `TZ=UTC0`, so study days (which start at
//! 04:00 local time) are the same for the test and the binary. There is no grading
//! command yet, so review history comes from CSV files in the optimizer's columns,
//! with times relative to now so that "today" and the streak are known.

mod common;

use common::{bundled, ok, shown, temp, tutor, write};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tempfile::TempDir;

fn library_cards() -> usize {
    bundled().card_count()
}

fn stats_json(data: &Path) -> Value {
    serde_json::from_str(&ok(data, &["stats", "--json"])).expect("stats --json is JSON")
}

fn export(data: &Path) -> String {
    ok(data, &["export", "revlog", "-"])
}

const HEADER: &str = "card_id,review_time,review_rating,review_state,review_duration";
const DAY_MS: i64 = 24 * 3600 * 1000;
const ROLLOVER_MS: i64 = 4 * 3600 * 1000;

/// Moments on recent study days (UTC, starting at 04:00), all before now.
struct Clock {
    start_of_today: i64,
    /// A sixteenth of the time since today started: the spacing of reviews in a day.
    step: i64,
}

impl Clock {
    fn new() -> Self {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let now = i64::try_from(now.as_millis()).unwrap();
        let start_of_today = (now - ROLLOVER_MS).div_euclid(DAY_MS) * DAY_MS + ROLLOVER_MS;
        Self {
            start_of_today,
            step: ((now - start_of_today) / 16).max(1),
        }
    }

    /// The `nth` (0-7) moment of the study day `days_ago` days back, halfway into the
    /// part of that day that today has already had.
    fn at(&self, days_ago: i64, nth: i64) -> i64 {
        self.start_of_today - days_ago * DAY_MS + self.step * (8 + nth)
    }
}

/// One CSV row: card, time, rating, state before, duration.
type Row = (&'static str, i64, u8, u8, i64);

fn csv(rows: &[Row]) -> String {
    let mut text = format!("{HEADER}\n");
    for (card, time, rating, state, duration) in rows {
        writeln!(text, "{card},{time},{rating},{state},{duration}").unwrap();
    }
    text
}

/// Seven reviews of three bundled cards over the last three study days, oldest first:
/// two on the day before yesterday, two yesterday, three today.
fn sample(clock: &Clock) -> Vec<Row> {
    vec![
        ("lru-cache", clock.at(2, 0), 3, 0, 12_000),
        ("lru-cache", clock.at(2, 1), 3, 1, 8_000),
        ("gil", clock.at(1, 0), 3, 0, 30_000),
        ("lru-cache", clock.at(1, 1), 3, 2, 5_000),
        ("lru-cache", clock.at(0, 0), 3, 2, 4_000),
        ("gil", clock.at(0, 1), 1, 1, 20_000),
        ("group-anagrams", clock.at(0, 2), 4, 0, 9_000),
    ]
}

/// A data dir holding [`sample`], and the CSV it came from.
fn imported() -> (TempDir, String) {
    let tmp = temp();
    let text = csv(&sample(&Clock::new()));
    let file = write(tmp.path(), "history.csv", &text);
    let data = tmp.path().join("data");
    assert_eq!(
        ok(&data, &["import", "revlog", &shown(&file)]),
        "imported 7 of 7 reviews (0 already present) for 3 cards\n"
    );
    (tmp, text)
}

fn data(tmp: &TempDir) -> PathBuf {
    tmp.path().join("data")
}

// ---------------------------------------------------------------- stats

#[test]
fn stats_on_an_empty_data_dir() {
    let tmp = temp();
    let cards = library_cards();
    let out = ok(tmp.path(), &["stats"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("Cards      {cards} total · {cards} new · 0 learning · 0 review · 0 relearning")
    );
    assert_eq!(lines[1], "Due        0 now · 0 today");
    assert_eq!(lines[2], "Today      0 reviews · streak 0 days");
    assert_eq!(
        lines[3],
        "Retention  no reviews of graduated cards in the last 30 days yet"
    );
    assert_eq!(lines[4], "Quiz       no quiz answers yet");
    assert!(out.contains("Due in the next 30 days  0 in all, at most 0 a day\n"));
    assert!(out.contains("Reviews, last 365 days  0 in all, busiest day 0\n"));
    assert_eq!(lines.last(), Some(&"      less ·░▒▓█ more"));
    assert!(!out.contains('\x1b'), "ESC in piped output: {out:?}");

    let json = stats_json(tmp.path());
    assert_eq!(json["cards"]["total"], cards);
    assert_eq!(json["cards"]["new"], cards);
    assert_eq!(json["streak_days"], 0);
    assert_eq!(json["reviews_today"], 0);
    assert_eq!(json["heatmap"], Value::Array(Vec::new()));
    assert_eq!(json["forecast"].as_array().map(Vec::len), Some(30));
    assert_eq!(json["quiz"]["answered"], 0);
    assert_eq!(json["quiz"]["last_30_days"]["answered"], 0);
    assert_eq!(json["quiz"]["by_kind"]["cloze"]["correct"], 0);
}

#[test]
fn stats_colours_only_when_asked() {
    let (tmp, _) = imported();
    let always = ok(&data(&tmp), &["stats", "--color", "always"]);
    assert!(always.contains('\x1b'), "no ESC with --color always");
    assert!(always.contains("\x1b[1mCards      \x1b[0m"), "{always:?}");
    let never = ok(&data(&tmp), &["stats", "--color", "never"]);
    assert!(!never.contains('\x1b'), "ESC with --color never: {never:?}");
    assert!(never.starts_with("Cards      "));
}

// ---------------------------------------------------------------- import and stats

#[test]
fn import_is_idempotent_and_stats_show_it() {
    let (tmp, text) = imported();
    let data = data(&tmp);
    let file = write(tmp.path(), "again.csv", &text);
    assert_eq!(
        ok(&data, &["import", "revlog", &shown(&file)]),
        "imported 0 of 7 reviews (7 already present) for 0 cards\n"
    );
    assert_eq!(export(&data), text, "a second import added rows");

    let cards = library_cards();
    let json = stats_json(&data);
    assert_eq!(json["cards"]["total"], cards);
    assert_eq!(json["cards"]["new"], cards - 3);
    assert_eq!(json["cards"]["learning"], 1);
    assert_eq!(json["cards"]["review"], 2);
    assert_eq!(json["reviews_today"], 3);
    assert_eq!(json["streak_days"], 3);
    // Review-phase answers (state 2): both of lru-cache's, both passed.
    assert_eq!(json["retention_30d"]["passed"], 2);
    assert_eq!(json["retention_30d"]["total"], 2);
    assert_eq!(json["retention_30d"]["rate"], 1.0);
    let per_day: Vec<&Value> = json["heatmap"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["reviews"])
        .collect();
    assert_eq!(per_day, [2, 2, 3]);

    let per_card = json["per_card"].as_array().unwrap();
    let library = bundled();
    let expected: Vec<(&str, &str)> = library
        .cards()
        .map(|(deck, card)| (card.id.as_str(), deck.meta.id.as_str()))
        .collect();
    let listed: Vec<(&str, &str)> = per_card
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["deck"].as_str().unwrap()))
        .collect();
    assert_eq!(listed, expected);
    let keys = [
        "deck",
        "difficulty",
        "due",
        "id",
        "lapses",
        "reps",
        "stability",
        "state",
    ];
    for card in per_card {
        let mut have: Vec<&str> = card
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        have.sort_unstable();
        assert_eq!(have, keys, "{card}");
        let (state, reps) = match card["id"].as_str().unwrap() {
            "lru-cache" => ("review", 4),
            "gil" => ("learning", 2),
            "group-anagrams" => ("review", 1),
            _ => ("new", 0),
        };
        assert_eq!(card["state"], state, "{card}");
        assert_eq!(card["reps"], reps, "{card}");
        assert_eq!(card["lapses"], 0, "{card}");
        if state == "new" {
            for key in ["due", "stability", "difficulty"] {
                assert!(card[key].is_null(), "{card}");
            }
        } else {
            let due = card["due"].as_str().unwrap();
            due.parse::<jiff::Timestamp>()
                .unwrap_or_else(|e| panic!("due {due:?} is not RFC 3339: {e}"));
            assert!(card["stability"].as_f64().unwrap() > 0.0, "{card}");
            assert!(card["difficulty"].as_f64().unwrap() > 0.0, "{card}");
        }
    }

    let out = ok(&data, &["stats"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "Cards      {cards} total · {} new · 1 learning · 2 review · 0 relearning",
            cards - 3
        )
    );
    assert_eq!(lines[2], "Today      3 reviews · streak 3 days");
    assert_eq!(
        lines[3],
        "Retention  100.0% over 30 days (2 of 2 review answers passed)"
    );
    assert!(out.contains("Reviews, last 365 days  7 in all, busiest day 3\n"));
}

#[test]
fn one_review_is_singular() {
    let tmp = temp();
    let text = csv(&[("gil", Clock::new().at(0, 0), 3, 0, 1_000)]);
    let file = write(tmp.path(), "one.csv", &text);
    let data = data(&tmp);
    assert_eq!(
        ok(&data, &["import", "revlog", &shown(&file)]),
        "imported 1 of 1 review (0 already present) for 1 card\n"
    );
    assert_eq!(
        ok(&data, &["rebuild"]),
        "replayed 1 review of 1 card; 0 card states changed\n"
    );
    let out = ok(&data, &["stats"]);
    assert!(
        out.contains("Today      1 review · streak 1 day\n"),
        "{out}"
    );
}

// ---------------------------------------------------------------- export

#[test]
fn export_round_trips_byte_for_byte() {
    let (tmp, text) = imported();
    let out = tmp.path().join("out.csv");
    assert_eq!(
        ok(&data(&tmp), &["export", "revlog", &shown(&out)]),
        format!("exported 7 reviews to {}\n", shown(&out))
    );
    let first = fs::read(&out).unwrap();
    assert_eq!(String::from_utf8(first.clone()).unwrap(), text);

    let fresh = tmp.path().join("fresh");
    assert_eq!(
        ok(&fresh, &["import", "revlog", &shown(&out)]),
        "imported 7 of 7 reviews (0 already present) for 3 cards\n"
    );
    let again = tmp.path().join("again.csv");
    ok(&fresh, &["export", "revlog", &shown(&again)]);
    assert_eq!(fs::read(&again).unwrap(), first);

    let stdout = export(&data(&tmp));
    assert_eq!(stdout.lines().next(), Some(HEADER));
    assert_eq!(stdout.as_bytes(), first);
}

#[test]
fn export_of_an_empty_log_is_the_header() {
    let tmp = temp();
    assert_eq!(export(tmp.path()), format!("{HEADER}\n"));
}

#[test]
fn export_replaces_an_existing_file() {
    let (tmp, text) = imported();
    let out = write(tmp.path(), "old.csv", "stale contents\n");
    ok(&data(&tmp), &["export", "revlog", &shown(&out)]);
    assert_eq!(fs::read_to_string(&out).unwrap(), text);
}

#[test]
fn export_to_a_missing_folder_fails() {
    let (tmp, _) = imported();
    let out = tmp.path().join("no-such-folder").join("out.csv");
    let run = tutor(&data(&tmp), &["export", "revlog", &shown(&out)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.starts_with("error: cannot write "), "{run:?}");
    assert!(run.stderr.contains(&shown(&out)), "{run:?}");
    assert_eq!(run.stdout, "");
}

// ---------------------------------------------------------------- import errors

/// Imports `body` as the file `name` and checks it is refused whole: exit 1, nothing on
/// stdout, "nothing was imported" last, and the store still exports `text`. Gives stderr
/// and the message expected in it (the file's path, then `message`).
fn refused(
    tmp: &TempDir,
    data: &Path,
    text: &str,
    name: &str,
    body: &str,
    message: &str,
) -> (String, String) {
    let file = write(tmp.path(), name, body);
    let out = tutor(data, &["import", "revlog", &shown(&file)]);
    assert_eq!(out.code, Some(1), "{name}: {out:?}");
    assert_eq!(out.stdout, "", "{name}");
    assert!(
        out.stderr.ends_with("\nnothing was imported\n"),
        "{name}: {:?}",
        out.stderr
    );
    assert_eq!(export(data), text, "{name} changed the store");
    (out.stderr, format!("{}{message}", shown(&file)))
}

#[test]
fn malformed_csvs_are_refused_whole() {
    let (tmp, text) = imported();
    let data = data(&tmp);
    let at = Clock::new().at(0, 3);
    let good = |card: &str, n: i64| format!("{card},{},3,0,1000\n", at + n);
    let cases = [
        (
            "rating.csv",
            format!(
                "{HEADER}\n{}{}args-kwargs,{at},5,2,1000\n",
                good("args-kwargs", 1),
                good("timing-decorator", 2)
            ),
            ":4:3: error: review_rating: must be 1 (again), 2 (hard), 3 (good) or 4 (easy), \
             not \"5\"",
        ),
        (
            "header.csv",
            format!("card_id,review_time,review_rating,review_duration\nargs-kwargs,{at},3,1000\n"),
            ":1:1: error: (header): missing column `review_state`; expected \
             card_id,review_time,review_rating,review_state,review_duration",
        ),
        (
            "time.csv",
            format!(
                "{HEADER}\n{}args-kwargs,yesterday,3,0,1000\n",
                good("timing-decorator", 1)
            ),
            ":3:2: error: review_time: must be milliseconds since 1970-01-01 UTC, not \"yesterday\"",
        ),
        (
            "state.csv",
            format!("{HEADER}\nargs-kwargs,{at},3,4,1000\n"),
            ":2:4: error: review_state: must be 0 (new), 1 (learning), 2 (review) or 3 \
             (relearning), not \"4\"",
        ),
        (
            // Columns in another order: the column number is where it is in the file.
            "reordered.csv",
            format!(
                "review_rating,card_id,review_time,review_duration,review_state\n\
                 3,args-kwargs,{},1000,0\n3,args-kwargs,{at},-1,1\n",
                at + 1
            ),
            ":3:4: error: review_duration: must be a duration in milliseconds, 0 or more, \
             not \"-1\"",
        ),
        (
            "empty-id.csv",
            format!("{HEADER}\n,{at},3,0,1000\n"),
            ":2:1: error: card_id: must not be empty",
        ),
        (
            "fields.csv",
            format!("{HEADER}\n{}args-kwargs,{at},3,0\n", good("args-kwargs", 1)),
            ":3:1: error: (row): ",
        ),
    ];
    for (name, body, message) in cases {
        let (stderr, expected) = refused(&tmp, &data, &text, name, &body, message);
        assert!(
            stderr.contains(&expected),
            "{name}: expected {expected:?} in {stderr:?}"
        );
    }
}

#[test]
fn a_time_the_store_cannot_hold_imports_nothing() {
    let (tmp, text) = imported();
    let data = data(&tmp);
    let at = Clock::new().at(0, 3);
    // The parser accepts any positive time; this one is past the year 9999.
    let body =
        format!("{HEADER}\nargs-kwargs,{at},3,0,1000\nargs-kwargs,9000000000000000000,3,1,1000\n");
    let file = write(tmp.path(), "future.csv", &body);
    let out = tutor(&data, &["import", "revlog", &shown(&file)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stdout, "");
    assert!(out.stderr.ends_with("\nnothing was imported\n"), "{out:?}");
    assert_eq!(export(&data), text);
}

/// Hostile files: each is refused whole with `file:line:col`, exit 1 and nothing
/// imported, never a panic (a time in the year 9999 panicked with exit 101).
#[test]
fn hostile_files_import_nothing_and_never_panic() {
    let (tmp, text) = imported();
    let data = data(&tmp);
    let at = Clock::new().at(0, 3);
    // The log's first review (lru-cache, rated 3), rated 1 instead.
    let first = text.lines().nth(1).unwrap();
    let (card_and_time, _) = first.split_at(first.find(",3,").unwrap());
    let cases = [
        (
            "year-9999.csv",
            format!("{HEADER}\nargs-kwargs,{at},3,0,1000\nargs-kwargs,253402041600000,3,1,1000\n"),
            ":3:2: error: review_time: 253402041600000 (9999-12-29 00:00:00 UTC) is more than a \
             day in the future",
        ),
        (
            "seconds.csv",
            format!("{HEADER}\nargs-kwargs,{},3,0,1000\n", at / 1000),
            ":2:2: error: review_time: ",
        ),
        (
            "escape.csv",
            format!("{HEADER}\nargs-kwargs\u{1b}]0;owned\u{7},{at},3,0,1000\n"),
            ":2:1: error: card_id: \"args-kwargs\\u{1b}]0;owned\\u{7}\" is not a card id",
        ),
        (
            "newline.csv",
            format!("{HEADER}\n\"args\nkwargs\",{at},3,0,1000\n"),
            ":2:1: error: card_id: \"args\\u{a}kwargs\" is not a card id",
        ),
        (
            "short.csv",
            format!("{HEADER}\nargs-kwargs,{at},3\n"),
            ":2:1: error: (row): has 3 fields; the header line has 5",
        ),
        (
            "twice.csv",
            format!("{HEADER}\nargs-kwargs,{at},3,0,1000\nargs-kwargs,{at},1,0,1000\n"),
            ":3:3: error: review_rating: line 2 has a review of this card at the same time \
             with review_rating 3, this one 1",
        ),
        (
            "against-the-log.csv",
            format!("{HEADER}\nargs-kwargs,{at},3,0,1000\n{card_and_time},1,0,12000\n"),
            ":3:3: error: review_rating: the log already has a review of this card at this \
             time with review_rating 3, this one 1",
        ),
        (
            "empty.csv",
            String::new(),
            ":1:1: error: (header): the file is empty",
        ),
    ];
    for (name, body, message) in cases {
        let (stderr, expected) = refused(&tmp, &data, &text, name, &body, message);
        assert!(
            stderr.starts_with(&expected),
            "{name}: expected {expected:?} in {stderr:?}"
        );
    }
}

/// `import revlog -` reads standard input, as `export revlog -` writes standard output.
#[test]
fn import_reads_standard_input() {
    let (tmp, text) = imported();
    let fresh = tmp.path().join("fresh");
    let mut child = common::command(&fresh)
        .args(["import", "revlog", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "imported 7 of 7 reviews (0 already present) for 3 cards\n"
    );
    assert_eq!(export(&fresh), text);
    // A bad row on standard input is named as `<stdin>`.
    let mut child = common::command(&fresh)
        .args(["import", "revlog", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut child.stdin.take().unwrap(),
        format!("{HEADER}\nlru-cache,1,3,0,0\n").as_bytes(),
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().starts_with(
        "<stdin>:2:2: error: review_time: 1 (1970-01-01 00:00:00 UTC) is before 2006"
    ));
}

/// True when `text` has a character that would drive a terminal: C0 controls but
/// newline, DEL, C1 controls, bidirectional overrides.
fn has_terminal_controls(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Nothing the database holds reaches a terminal raw: a card id and a quiz kind full of
/// escape sequences (written by an older tutor, or another program) come out escaped
/// the way the full-screen session shows them, in `export revlog -` and `stats`.
#[test]
fn what_the_database_holds_is_escaped_on_the_terminal() {
    let (tmp, _) = imported();
    let data = data(&tmp);
    let evil = "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}";
    {
        let db = rusqlite::Connection::open(data.join("tutor.db")).unwrap();
        let at = Clock::new().at(0, 4);
        db.execute(
            "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, days_elapsed, \
             interval_ms, duration_ms, local_day) VALUES (?1, ?2, 3, 0, 0, 60000, 1000, \
             (SELECT MAX(local_day) FROM review_log))",
            rusqlite::params![evil, at],
        )
        .unwrap();
        db.execute(
            "INSERT INTO quiz_result (card_id, item_index, kind, correct, answered_at, \
             duration_ms, local_day) VALUES (?1, 0, ?1, 1, ?2, 1000, \
             (SELECT MAX(local_day) FROM review_log))",
            rusqlite::params![evil, at],
        )
        .unwrap();
    }
    let csv = export(&data);
    assert!(!has_terminal_controls(&csv), "{csv:?}");
    assert!(
        csv.contains("x\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{7f}\\u{202e},"),
        "{csv}"
    );
    for args in [&["stats"][..], &["stats", "--json"], &["stats", "--items"]] {
        let out = ok(&data, args);
        assert!(!has_terminal_controls(&out), "{args:?}: {out:?}");
    }
    let json = stats_json(&data);
    let kinds = json["quiz"]["by_kind"].as_object().unwrap();
    assert!(
        kinds.contains_key(evil),
        "JSON escapes stay JSON: {kinds:?}"
    );
}

#[test]
fn import_of_a_missing_file_fails() {
    let tmp = temp();
    let file = tmp.path().join("nope.csv");
    let out = tutor(&data(&tmp), &["import", "revlog", &shown(&file)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .starts_with(&format!("error: cannot read {}: ", shown(&file))),
        "{out:?}"
    );
}

#[test]
fn reviews_of_cards_no_deck_has_are_kept() {
    let tmp = temp();
    let clock = Clock::new();
    let mut rows = sample(&clock);
    rows.insert(0, ("retired-card", clock.at(3, 0), 3, 0, 2_000));
    rows.insert(1, ("retired-card", clock.at(3, 1), 4, 1, 2_000));
    let text = csv(&rows);
    let file = write(tmp.path(), "history.csv", &text);
    let data = data(&tmp);
    let out = tutor(&data, &["import", "revlog", &shown(&file)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        out.stdout,
        "imported 9 of 9 reviews (0 already present) for 4 cards\n"
    );
    assert_eq!(
        out.stderr,
        "note: 1 card id is not in the loaded decks (retired-card); their reviews are kept \
         and count again when the card is loaded (--decks)\n"
    );
    assert_eq!(export(&data), text);
    assert_eq!(
        ok(&data, &["rebuild"]),
        "replayed 9 reviews of 4 cards; 0 card states changed\n"
    );
    let json = stats_json(&data);
    let per_card = json["per_card"].as_array().unwrap();
    assert_eq!(per_card.len(), library_cards());
    assert!(per_card.iter().all(|c| c["id"] != "retired-card"));
    assert_eq!(json["streak_days"], 4);
}

// ---------------------------------------------------------------- rebuild

#[test]
fn rebuild_after_import_changes_nothing() {
    let tmp = temp();
    assert_eq!(
        ok(tmp.path(), &["rebuild"]),
        "replayed 0 reviews of 0 cards; 0 card states changed\n"
    );
    let (tmp, _) = imported();
    let data = data(&tmp);
    let before = stats_json(&data)["per_card"].clone();
    assert_eq!(
        ok(&data, &["rebuild"]),
        "replayed 7 reviews of 3 cards; 0 card states changed\n"
    );
    assert_eq!(stats_json(&data)["per_card"], before);
}

// ---------------------------------------------------------------- optimize

#[test]
fn optimize_keeps_the_defaults_below_400_reviews() {
    let (tmp, _) = imported();
    let data = data(&tmp);
    assert_eq!(
        ok(&data, &["optimize"]),
        "7 reviews so far; fitting needs at least 400, so the FSRS-6 defaults stay. Keep \
         reviewing and run `tutor optimize` again later.\n"
    );
    assert!(ok(&data, &["config"]).ends_with("fsrs-parameters = FSRS-6 defaults\n"));
    assert_eq!(
        ok(&data, &["config", "fsrs-parameters"]),
        "FSRS-6 defaults\n"
    );
    let out = tutor(&data, &["config", "fsrs-parameters", "0.4"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("`tutor optimize` fits them"), "{out:?}");
}

/// 80 made-up cards with 6 reviews each at growing intervals, all in the past, with a
/// deterministic mix of ratings that forgets more often after long gaps.
fn synthetic_history(clock: &Clock) -> String {
    const GAPS: [i64; 6] = [0, 1, 3, 7, 16, 35];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % 100
    };
    let mut text = format!("{HEADER}\n");
    for card in 0..80_i64 {
        let mut time = clock.at(100 - card % 20, card % 8);
        for (k, gap) in GAPS.iter().enumerate() {
            time += gap * DAY_MS;
            let roll = next();
            let forgot = i64::try_from(roll).unwrap() < 5 + gap;
            let (rating, state) = match (k, forgot) {
                (0, _) if roll < 10 => (1, 0),
                (0, _) => (3, 0),
                (_, true) => (1, 2),
                (_, false) if roll > 90 => (4, 2),
                (_, false) if roll > 80 => (2, 2),
                (_, false) => (3, 2),
            };
            let duration = 3_000 + 97 * i64::try_from(roll).unwrap();
            writeln!(
                text,
                "synthetic-{card:02},{time},{rating},{state},{duration}"
            )
            .unwrap();
        }
    }
    text
}

#[test]
fn optimize_fits_21_parameters_from_400_reviews() {
    let tmp = temp();
    let file = write(
        tmp.path(),
        "synthetic.csv",
        &synthetic_history(&Clock::new()),
    );
    let data = data(&tmp);
    let out = tutor(&data, &["import", "revlog", &shown(&file)]);
    assert_eq!(
        out.stdout,
        "imported 480 of 480 reviews (0 already present) for 80 cards\n"
    );
    assert!(
        out.stderr
            .starts_with("note: 80 card ids are not in the loaded decks")
    );
    let out = ok(&data, &["optimize"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "fitted on 480 reviews (400 training items)",
        "{out}"
    );
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "  #    old        new");
    for (i, line) in lines[3..24].iter().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields.len(), 3, "{line:?}");
        assert_eq!(fields[0], format!("w{i}"), "{line:?}");
        for number in &fields[1..] {
            let value: f64 = number.parse().unwrap_or_else(|e| panic!("{line:?}: {e}"));
            assert!(value.is_finite(), "{line:?}");
        }
    }
    assert_eq!(lines[24], "", "{out}");
    let loss: Vec<f64> = lines[25]
        .strip_prefix("log loss on your history: ")
        .unwrap_or_else(|| panic!("no log loss line in {out}"))
        .split(' ')
        .filter_map(|w| w.trim_end_matches(',').parse().ok())
        .collect();
    assert_eq!(loss.len(), 2, "{}", lines[25]);
    assert!(
        lines[25].ends_with(" with the new") && lines[25].contains(" with the old parameters, "),
        "{}",
        lines[25]
    );
    assert_eq!(lines.len(), 27, "{out}");
    let saved = lines[26].starts_with("saved; every card's state was recomputed with them (");
    if !saved {
        assert_eq!(
            lines[26],
            "the new parameters fit no better, so the old ones stay"
        );
    }
    // Printed to four places, so equal losses may hide a tiny difference either way.
    if saved {
        assert!(loss[1] <= loss[0], "{out}");
    } else {
        assert!(loss[1] >= loss[0], "{out}");
    }
    let config = ok(&data, &["config"]);
    let expected = if saved {
        "fsrs-parameters = fitted by `tutor optimize`\n"
    } else {
        "fsrs-parameters = FSRS-6 defaults\n"
    };
    assert!(config.ends_with(expected), "{out}\n{config}");
    // Whatever optimize saved, the card states already match it.
    assert_eq!(
        ok(&data, &["rebuild"]),
        "replayed 480 reviews of 80 cards; 0 card states changed\n"
    );
}

// ---------------------------------------------------------------- config

#[test]
fn config_shows_and_sets_settings() {
    let tmp = temp();
    let data = tmp.path();
    let defaults = "desired-retention = 0.9\nnew-per-day = 20\nreviews-per-day = 200\n\
                    sync-dir = (not set)\nmotion = on\nllm-url = (not set)\nllm-model = (not set)\n\
                    llm-timeout = 30 (default)\nfsrs-parameters = FSRS-6 defaults\n";
    assert_eq!(ok(data, &["config"]), defaults);
    assert_eq!(ok(data, &["config", "desired-retention"]), "0.9\n");
    assert_eq!(ok(data, &["config", "new-per-day"]), "20\n");

    assert_eq!(
        ok(data, &["config", "desired-retention", "0.85"]),
        defaults.replace("0.9", "0.85")
    );
    assert_eq!(ok(data, &["config", "desired-retention"]), "0.85\n");
    ok(data, &["config", "reviews-per-day", "50"]);
    assert_eq!(ok(data, &["config", "reviews-per-day"]), "50\n");

    let out = tutor(data, &["config", "desired-retention", "0.5"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with("error: desired-retention"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains("0.70") && out.stderr.contains("0.97"),
        "{out:?}"
    );
    assert_eq!(ok(data, &["config", "desired-retention"]), "0.85\n");

    let out = tutor(data, &["config", "new-per-day", "lots"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("new-per-day"), "{out:?}");
    assert_eq!(ok(data, &["config", "new-per-day"]), "20\n");

    for args in [&["config", "colour", "red"][..], &["config", "colour"]] {
        let out = tutor(data, args);
        assert_eq!(out.code, Some(1), "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(
            out.stderr,
            "error: unknown setting \"colour\"; the settings are: desired-retention, \
             new-per-day, reviews-per-day, sync-dir, motion, llm-url, llm-model, llm-timeout\n",
            "{args:?}"
        );
    }

    // The lab's motion: on or off, shown in the listing.
    assert_eq!(ok(data, &["config", "motion"]), "on\n");
    assert_eq!(ok(data, &["config", "motion", "off"]), "off\n");
    assert!(ok(data, &["config"]).contains("motion = off\n"));
    let out = tutor(data, &["config", "motion", "slow"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stderr,
        "error: motion must be on or off, not \"slow\"\n"
    );
    assert_eq!(ok(data, &["config", "motion"]), "off\n");
}

// ---------------------------------------------------------------- bad data dirs

/// Runs every command that opens the store (an import with a valid CSV) against `data`,
/// asserts each fails with exit code 1 and nothing on stdout, and hands each run to
/// `check`.
fn every_store_command_fails(tmp: &TempDir, data: &Path, check: impl Fn(&[&str], &common::Run)) {
    let file = write(tmp.path(), "history.csv", &csv(&sample(&Clock::new())));
    let file = shown(&file);
    let commands: [&[&str]; 7] = [
        &["stats"],
        &["stats", "--json"],
        &["export", "revlog", "-"],
        &["import", "revlog", &file],
        &["optimize"],
        &["rebuild"],
        &["config"],
    ];
    for args in commands {
        let out = tutor(data, args);
        assert_eq!(out.code, Some(1), "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        check(args, &out);
    }
}

#[test]
fn a_corrupt_database_is_reported_and_left_alone() {
    let tmp = temp();
    let data = data(&tmp);
    fs::create_dir_all(&data).unwrap();
    let db = write(
        &data,
        "tutor.db",
        &"this is not a SQLite database, only text\n".repeat(200),
    );
    let before = fs::read(&db).unwrap();
    every_store_command_fails(&tmp, &data, |args, out| {
        assert!(out.stderr.contains(&shown(&db)), "{args:?}: {out:?}");
        assert!(out.stderr.contains("not a database"), "{args:?}: {out:?}");
        assert_eq!(fs::read(&db).unwrap(), before, "{args:?} changed the file");
    });
}

#[test]
fn a_database_from_a_newer_tutor_is_refused_untouched() {
    let tmp = temp();
    let data = data(&tmp);
    fs::create_dir_all(&data).unwrap();
    let db = data.join("tutor.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.execute("CREATE TABLE future (x INTEGER)", []).unwrap();
    }
    let before = fs::read(&db).unwrap();
    let expected = format!("error: {} was written by a newer tutor", shown(&db));
    every_store_command_fails(&tmp, &data, |args, out| {
        assert!(out.stderr.starts_with(&expected), "{args:?}: {out:?}");
        assert!(out.stderr.contains("schema version 99"), "{out:?}");
        assert_eq!(fs::read(&db).unwrap(), before, "{args:?} changed the file");
    });
}

#[test]
fn a_data_dir_that_cannot_be_created_is_named() {
    let tmp = temp();
    let blocker = write(tmp.path(), "a-file", "not a folder\n");
    let data = blocker.join("data");
    let expected = format!("error: cannot create the data dir {}: ", shown(&data));
    every_store_command_fails(&tmp, &data, |args, out| {
        assert!(out.stderr.starts_with(&expected), "{args:?}: {out:?}");
    });
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder\n");
}

/// A file name is text from outside too: escape sequences in the path of an imported or
/// exported file come out escaped in every message about it, as everywhere else.
#[test]
fn a_hostile_file_name_is_escaped_in_import_and_export_messages() {
    let (tmp, _) = imported();
    let data = data(&tmp);
    let folder = tmp.path().join("evil\u{1b}]0;PWN\u{7}\u{1b}[31mdir");
    fs::create_dir(&folder).unwrap();
    let at = Clock::new().at(0, 3);
    let bad = write(
        &folder,
        "r.csv",
        &format!("{HEADER}\nargs-kwargs,{at},9,0,1000\n"),
    );
    let out = tutor(&data, &["import", "revlog", &shown(&bad)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(!has_terminal_controls(&out.stderr), "{out:?}");
    assert!(out.stderr.contains("evil\\u{1b}]0;PWN"), "{out:?}");
    // A folder given as the file fails while reading, with the name escaped too.
    let out = tutor(&data, &["import", "revlog", &shown(&folder)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(!has_terminal_controls(&out.stderr), "{out:?}");
    let target = folder.join("out.csv");
    let out = tutor(&data, &["export", "revlog", &shown(&target)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(!has_terminal_controls(&out.stdout), "{out:?}");
}

/// The first two bundled single-choice items: (card id, item index, right option,
/// option count).
fn two_singles() -> Vec<(String, usize, usize, usize)> {
    bundled()
        .cards()
        .flat_map(|(_, card)| {
            card.quiz
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    tutor::content::QuizItem::Single(s) => {
                        Some((card.id.to_string(), i, s.answer, s.options.len()))
                    }
                    _ => None,
                })
        })
        .take(2)
        .collect()
}

/// `stats --items` flags an item everyone gets right and one whose wrong answers all
/// pick one distractor; `stats --json` has every answered item with its picks by option
/// identity (the card's index, whatever the screen showed).
#[test]
fn quiz_items_are_reported_one_by_one() {
    use tutor::quiz::QuizRecord;
    let tmp = temp();
    let data = data(&tmp);
    let singles = two_singles();
    let (easy, tricky) = (&singles[0], &singles[1]);
    let distractor = (tricky.2 + 1) % tricky.3;
    {
        let mut store = tutor::store::Store::open(&data).unwrap();
        let days = tutor::days::Days::utc();
        let answer =
            |(card, index, _, _): &(String, usize, usize, usize), pick, correct| QuizRecord {
                card_id: card.clone(),
                item_index: *index,
                kind: tutor::content::QuizKind::Single,
                correct,
                answered_at: jiff::Timestamp::now(),
                duration: std::time::Duration::from_secs(5),
                picked: Some(vec![pick]),
                points: None,
            };
        for record in [
            answer(easy, easy.2, true),
            answer(easy, easy.2, true),
            answer(easy, easy.2, true),
            answer(tricky, distractor, false),
            answer(tricky, tricky.2, true),
            answer(tricky, distractor, false),
        ] {
            store.record_quiz_result(&record, &days).unwrap();
        }
    }
    let table = ok(&data, &["stats", "--items"]);
    let line = |card: &str, index: usize| {
        table
            .lines()
            .find(|l| l.starts_with(&format!("{card} ")) && l.contains(&format!("quiz[{index}]")))
            .unwrap_or_else(|| panic!("no line for {card} quiz[{index}]:\n{table}"))
            .to_string()
    };
    let easy_line = line(&easy.0, easy.1);
    assert!(easy_line.contains("  3  "), "{easy_line}");
    assert!(easy_line.ends_with("everyone right: too easy, or the answer gives itself away"));
    let tricky_line = line(&tricky.0, tricky.1);
    assert!(
        tricky_line.contains(&format!(
            "every wrong answer picked options[{distractor}] \""
        )),
        "{tricky_line}"
    );
    assert!(table.ends_with("2 items answered, 2 flagged (everyone right after 3 answers or more; every wrong answer, 2 or more, on one distractor)\n"), "{table}");

    let json = stats_json(&data);
    let items = json["quiz"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{items:?}");
    let tricky_json = items
        .iter()
        .find(|i| i["card"] == tricky.0.as_str() && i["item"] == tricky.1)
        .unwrap();
    assert_eq!(
        (&tricky_json["asked"], &tricky_json["right"]),
        (&3.into(), &1.into())
    );
    assert_eq!(tricky_json["flag"], "same_distractor");
    assert_eq!(tricky_json["same_distractor"], distractor);
    let picked = tricky_json["picked"].as_array().unwrap();
    assert_eq!(picked.len(), tricky.3, "every option, picked or not");
    assert_eq!(picked[distractor]["count"], 2);
    assert_eq!(picked[distractor]["right"], false);
    assert_eq!(picked[tricky.2]["count"], 1);
    assert_eq!(picked[tricky.2]["right"], true);

    let out = tutor(&data, &["stats", "--json", "--items"]);
    assert_eq!(out.code, Some(2), "{out:?}");
}

/// `tutor stats` and `--json` show practice: cards solved per language and the share
/// of cards whose first run passed, from the runs the practice screen recorded.
#[test]
fn stats_show_practice_solved_per_language_and_first_try_rate() {
    use tutor::store::{AttemptRecord, RunOutcome};
    let tmp = temp();
    let data = data(&tmp);
    let text = ok(&data, &["stats"]);
    assert!(text.contains("Practice   no practice runs yet"), "{text}");
    {
        let store = tutor::store::Store::open(&data).unwrap();
        let run = |card: &str, lang, ms, outcome| AttemptRecord {
            card_id: card.into(),
            lang,
            ran_at: jiff::Timestamp::from_millisecond(ms).unwrap(),
            passed: 1,
            failed: u32::from(outcome != RunOutcome::Passed),
            outcome,
            seconds_spent: 30,
            solution_shown: false,
        };
        for record in [
            run("two-sum", "python", 1, RunOutcome::Passed),
            run("lru-cache", "python", 2, RunOutcome::TimedOut),
            run("lru-cache", "python", 3, RunOutcome::Passed),
            run("lru-cache", "rust", 4, RunOutcome::Passed),
            run("gil", "rust", 5, RunOutcome::Failed),
        ] {
            store.record_attempt(&record).unwrap();
        }
    }
    let text = ok(&data, &["stats"]);
    assert!(
        text.contains(
            "Practice   3 cards solved (python 2, rust 1) · first try 2 of 4 cards (50.0%)"
        ),
        "{text}"
    );
    let json = stats_json(&data);
    let p = &json["practice"];
    assert_eq!(p["solved"], 3);
    assert_eq!(p["first_try_rate"], 0.5);
    assert_eq!(p["by_lang"]["python"]["solved"], 2);
    assert_eq!(p["by_lang"]["python"]["first_try_rate"], 0.5);
    assert_eq!(p["by_lang"]["rust"]["solved"], 1);
    assert_eq!(p["by_lang"]["rust"]["tried"], 2);
}
