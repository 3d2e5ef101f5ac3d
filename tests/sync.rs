#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `tutor sync` as a user runs it on two machines: two data dirs, one sync folder.
//! Reviews are made on each side with `tutor import revlog` (rows made on that device,
//! as far as sync is concerned), interleaved in time on the same cards; quiz answers,
//! practice runs and mock interviews are put in each side's database as the screens
//! save them, interleaved in time with the reviews.

mod common;

use common::{command, ok, shown, temp, tutor, write};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use serde_json::Value;
use tempfile::TempDir;
use tutor::content::QuizKind;
use tutor::days::Days;
use tutor::quiz::QuizRecord;
use tutor::store::{AttemptRecord, InterviewRow, RunOutcome, Store};

/// Every card's state as `tutor stats --json` gives it.
fn states(data: &Path) -> Value {
    let json: Value =
        serde_json::from_str(&ok(data, &["stats", "--json"])).expect("stats --json is JSON");
    json["per_card"].clone()
}

fn export(data: &Path) -> String {
    ok(data, &["export", "revlog", "-"])
}

const DAY_MS: i64 = 24 * 3600 * 1000;

fn now_ms() -> i64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(now.as_millis()).unwrap()
}

/// Imports `rows` (card, days ago, rating) into `data` as reviews made there.
fn review(tmp: &TempDir, data: &Path, name: &str, rows: &[(&str, i64, u8)]) {
    let now = now_ms();
    let mut text = "card_id,review_time,review_rating,review_state,review_duration\n".to_string();
    for (card, days_ago, rating) in rows {
        writeln!(
            text,
            "{card},{},{rating},0,5000",
            now - days_ago * DAY_MS - 60_000
        )
        .unwrap();
    }
    let file = write(tmp.path(), name, &text);
    ok(data, &["import", "revlog", &shown(&file)]);
}

/// A quiz answer, a practice run and a mock interview made in `data`, each `days_ago`
/// (fractions of a day, so they fall between the reviews).
struct Made<'a> {
    quiz: (&'a str, f64, bool),
    attempt: (&'a str, &'static str, f64),
    interview: (f64, u64, &'a str),
}

fn at(days_ago: f64) -> Timestamp {
    #[allow(clippy::cast_possible_truncation)]
    let ago = (days_ago * 86_400_000.0) as i64;
    Timestamp::from_millisecond(now_ms() - ago).unwrap()
}

fn make(data: &Path, made: &Made) {
    let mut store = Store::open(data).unwrap();
    let (card, days_ago, correct) = made.quiz;
    let answer = QuizRecord {
        card_id: card.into(),
        item_index: 0,
        kind: QuizKind::Single,
        correct,
        answered_at: at(days_ago),
        duration: Duration::from_secs(9),
        picked: Some(vec![usize::from(!correct)]),
        points: None,
    };
    store.record_quiz_result(&answer, &Days::utc()).unwrap();
    let (card, lang, days_ago) = made.attempt;
    store
        .record_attempt(&AttemptRecord {
            card_id: card.into(),
            lang,
            ran_at: at(days_ago),
            passed: 3,
            failed: 0,
            outcome: RunOutcome::Passed,
            seconds_spent: 300,
            solution_shown: false,
        })
        .unwrap();
    let (days_ago, seed, signal) = made.interview;
    store
        .record_interview(&InterviewRow {
            started_at: at(days_ago).as_millisecond(),
            deck: Some("amazon-python".into()),
            seed,
            minutes: 45,
            signal: signal.into(),
            problem_solving: Some("good".into()),
            knowledge: Some("strong".into()),
            communication: None,
            leadership: Some("weak".into()),
            scorecard: format!(r#"{{"signal":"{signal}","missed":[]}}"#),
            transcript: Some(format!("{seed}.md")),
        })
        .unwrap();
}

/// What `tutor stats --json` says of quiz answers, practice runs and interviews (each
/// interview without its transcript's file name, which only its own machine has).
fn others(data: &Path) -> Value {
    let mut json: Value =
        serde_json::from_str(&ok(data, &["stats", "--json"])).expect("stats --json is JSON");
    for round in json["interviews"].as_array_mut().unwrap() {
        round["transcript"] = Value::Null;
    }
    serde_json::json!([json["quiz"], json["practice"], json["interviews"]])
}

struct Two {
    tmp: TempDir,
    a: PathBuf,
    b: PathBuf,
    dir: PathBuf,
}

/// Two devices and a sync folder, with interleaved reviews on both: the same cards
/// reviewed on alternate days on each machine, and one card only on each.
fn two_devices() -> Two {
    let tmp = temp();
    let (a, b, dir) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("sync"),
    );
    fs::create_dir(&dir).unwrap();
    review(
        &tmp,
        &a,
        "a.csv",
        &[
            ("lru-cache", 9, 3),
            ("lru-cache", 5, 3),
            ("gil", 8, 1),
            ("gil", 2, 3),
            ("two-sum", 4, 4),
        ],
    );
    review(
        &tmp,
        &b,
        "b.csv",
        &[
            ("lru-cache", 7, 3),
            ("lru-cache", 1, 2),
            ("gil", 6, 3),
            ("group-anagrams", 3, 3),
        ],
    );
    make(
        &a,
        &Made {
            quiz: ("gil", 8.5, true),
            attempt: ("two-sum", "python", 4.5),
            interview: (6.5, 1, "hire"),
        },
    );
    make(
        &b,
        &Made {
            quiz: ("gil", 7.5, false),
            attempt: ("group-anagrams", "rust", 2.5),
            interview: (5.5, 2, "lean-no-hire"),
        },
    );
    Two { tmp, a, b, dir }
}

/// Rows each device's file holds: a header and the rows [`two_devices`] made there.
const A_LINES: usize = 1 + 5 + 3;
const B_LINES: usize = 1 + 4 + 3;

fn sync(data: &Path, dir: &Path) -> String {
    ok(data, &["sync", &shown(dir)])
}

/// The sync folder's files and their bytes.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn both_sides_end_with_the_states_a_rebuild_of_the_merged_log_gives() {
    let t = two_devices();
    assert_ne!(states(&t.a), states(&t.b));
    sync(&t.a, &t.dir);
    let b_out = sync(&t.b, &t.dir);
    assert!(b_out.contains("added 5 of 5 reviews"), "{b_out}");
    let a_out = sync(&t.a, &t.dir);
    assert!(a_out.contains("added 4 of 4 reviews"), "{a_out}");
    assert!(a_out.contains("wrote 0 reviews"), "{a_out}");
    for out in [&a_out, &b_out] {
        assert!(
            out.contains("1 of 1 quiz answer, 1 of 1 practice run, 1 of 1 interview\n"),
            "{out}"
        );
    }
    // Quiz answers, practice runs and interviews: both sides hold both sides'.
    let rest = others(&t.a);
    assert_eq!(rest, others(&t.b));
    assert_eq!(rest[0]["answered"], 2, "{rest}");
    assert_eq!(rest[1]["tried"], 2, "{rest}");
    let signals: Vec<&Value> = rest[2]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["signal"])
        .collect();
    assert_eq!(signals, ["hire", "lean-no-hire"], "{rest}");
    for data in [&t.a, &t.b] {
        let text = ok(data, &["stats"]);
        assert!(
            text.contains("Interviews 2 · latest Lean no hire"),
            "{text}"
        );
    }

    // The same log on both sides: 9 reviews, none lost or doubled.
    let log = export(&t.a);
    assert_eq!(log, export(&t.b));
    assert_eq!(log.lines().count(), 1 + 9, "{log}");
    let merged = states(&t.a);
    assert_eq!(merged, states(&t.b));

    // A third machine that gets only the merged log and rebuilds agrees.
    let c = t.tmp.path().join("c");
    let file = write(t.tmp.path(), "merged.csv", &log);
    ok(&c, &["import", "revlog", &shown(&file)]);
    ok(&c, &["rebuild"]);
    assert_eq!(states(&c), merged);
    // And so does a rebuild on each side.
    for data in [&t.a, &t.b] {
        ok(data, &["rebuild"]);
        assert_eq!(states(data), merged);
        assert_eq!(others(data), rest);
    }
    // Rows one device brought from the other are not written into its own file.
    for (name, bytes) in folder(&t.dir) {
        let lines = String::from_utf8(bytes).unwrap().lines().count();
        assert!(
            lines == A_LINES || lines == B_LINES,
            "{name}: {lines} lines"
        );
    }
}

#[test]
fn a_second_sync_changes_nothing() {
    let t = two_devices();
    for data in [&t.a, &t.b, &t.a] {
        sync(data, &t.dir);
    }
    let (files, log_a, log_b, states_a) =
        (folder(&t.dir), export(&t.a), export(&t.b), states(&t.a));
    for data in [&t.a, &t.b] {
        let out = sync(data, &t.dir);
        assert!(
            out.contains("wrote 0 reviews, 0 quiz answers, 0 practice runs and 0 interviews"),
            "{out}"
        );
        assert!(out.contains("added 0 of"), "{out}");
        assert!(out.contains(", 0 of 1 interview\n"), "{out}");
    }
    assert_eq!(folder(&t.dir), files);
    assert_eq!(export(&t.a), log_a);
    assert_eq!(export(&t.b), log_b);
    assert_eq!(states(&t.a), states_a);
    assert_eq!(others(&t.a), others(&t.b));
    // New reviews later go out as only the new rows.
    review(&t.tmp, &t.a, "later.csv", &[("two-sum", 0, 3)]);
    let out = sync(&t.a, &t.dir);
    assert!(
        out.contains("wrote 1 review, 0 quiz answers, 0 practice runs and 0 interviews"),
        "{out}"
    );
    let out = sync(&t.b, &t.dir);
    assert!(out.contains("added 1 of 6 reviews"), "{out}");
}

const HEADER: &str = "{\"tutor_sync\":1,\"device\":\"c0ffee\"}\n";

fn review_line(card: &str) -> String {
    format!(
        "{{\"review\":{{\"card\":\"{card}\",\"at\":{},\"rating\":3,\"state\":0,\"duration_ms\":1}}}}",
        now_ms() - DAY_MS
    )
}

#[test]
fn a_half_written_file_is_skipped_with_a_note_and_read_next_time() {
    let t = two_devices();
    let file = t.dir.join("tutor-c0ffee.log");
    fs::write(&file, format!("{HEADER}{}", review_line("lru-cache"))).unwrap();
    let before = export(&t.a);
    let out = tutor(&t.a, &["sync", &shown(&t.dir)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr
            .contains("note: skipped tutor-c0ffee.log: its last line is unfinished"),
        "{out:?}"
    );
    assert_eq!(export(&t.a), before);
    // The sync tool finishes copying.
    fs::write(&file, format!("{HEADER}{}\n", review_line("lru-cache"))).unwrap();
    let out = sync(&t.a, &t.dir);
    assert!(
        out.contains("read tutor-c0ffee.log: added 1 of 1 review"),
        "{out}"
    );
    assert_eq!(export(&t.a).lines().count(), before.lines().count() + 1);
}

/// An interview line: a sound one with the fields of `change` (a JSON object) put in.
fn interview_line(change: &str) -> String {
    let mut row = serde_json::json!({"at": now_ms() - DAY_MS, "deck": null, "seed": 5,
        "minutes": 45, "signal": "hire", "problem_solving": null, "knowledge": null,
        "communication": null, "leadership": null, "scorecard": {}});
    let change: Value = serde_json::from_str(change).unwrap();
    for (key, value) in change.as_object().unwrap() {
        row[key] = value.clone();
    }
    serde_json::json!({ "interview": row }).to_string()
}

#[test]
fn hostile_and_newer_files_change_nothing() {
    let t = two_devices();
    sync(&t.a, &t.dir);
    let before = (export(&t.a), states(&t.a), others(&t.a));
    let hostile = t.dir.join("tutor-c0ffee.log");
    let newer = t.dir.join("tutor-beef.log");
    fs::write(
        &newer,
        "{\"tutor_sync\":9,\"device\":\"beef\"}\n{\"hologram\":1}\n",
    )
    .unwrap();
    let good = review_line("gil");
    let mut invalid_utf8 = HEADER.as_bytes().to_vec();
    invalid_utf8.extend_from_slice(b"{\"review\":{\"card\":\"g\xff\xfeil\"}}\n");
    invalid_utf8.extend_from_slice(format!("{good}\n").as_bytes());
    for (body, says) in [
        (
            format!("{HEADER}{}\n{good}\n", review_line("x\\u001b[2Jy")).into_bytes(),
            "is not a card id",
        ),
        (
            format!("{HEADER}{}\n{good}\n", "x".repeat(100_000)).into_bytes(),
            "longer than 64 KiB",
        ),
        (
            format!("{HEADER}{{\"review\":[[[\n{good}\n").into_bytes(),
            "cannot be read",
        ),
        (
            format!(
                "{HEADER}{}\n",
                good.replace("\"rating\":3", "\"rating\":77")
            )
            .into_bytes(),
            "rating must be 1 to 4",
        ),
        (invalid_utf8, "is not UTF-8 text"),
        (
            format!(
                "{HEADER}{}\n{good}\n",
                interview_line(r#"{"minutes":99999}"#)
            )
            .into_bytes(),
            "minutes must be 1 to 600, not 99999",
        ),
        (
            format!("{HEADER}{}\n", interview_line(r#"{"seed":-3}"#)).into_bytes(),
            "cannot be read",
        ),
        (
            format!(
                "{HEADER}{}\n",
                interview_line(r#"{"leadership":"\u001b]0;owned\u0007"}"#)
            )
            .into_bytes(),
            "a level must be one of",
        ),
    ] {
        fs::write(&hostile, &body).unwrap();
        let out = tutor(&t.a, &["sync", &shown(&t.dir)]);
        assert_eq!(out.code, Some(1), "{out:?}");
        assert!(
            out.stderr.contains("error: tutor-c0ffee.log:2: "),
            "{out:?}"
        );
        assert!(out.stderr.contains(says), "{says}: {out:?}");
        assert!(
            out.stderr.contains("nothing was imported from it"),
            "{out:?}"
        );
        assert!(
            out.stderr
                .contains("note: skipped tutor-beef.log: it was written by a newer tutor"),
            "{out:?}"
        );
        assert!(
            !out.stderr.contains(['\u{1b}', '\u{7}']) && !out.stdout.contains('\u{1b}'),
            "{out:?}"
        );
        assert_eq!((export(&t.a), states(&t.a), others(&t.a)), before);
    }
}

#[test]
fn the_sync_folder_is_a_setting() {
    let t = two_devices();
    let out = tutor(&t.a, &["sync"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("tutor config sync-dir DIR"), "{out:?}");
    let missing = t.tmp.path().join("nowhere");
    let out = tutor(&t.a, &["config", "sync-dir", &shown(&missing)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("does not exist"), "{out:?}");
    assert!(ok(&t.a, &["config"]).contains("sync-dir = (not set)\n"));
    ok(&t.a, &["config", "sync-dir", &shown(&t.dir)]);
    let dir = fs::canonicalize(&t.dir).unwrap();
    assert!(ok(&t.a, &["config"]).contains(&format!("sync-dir = {}\n", shown(&dir))));
    let out = ok(&t.a, &["sync"]);
    let device = fs::read_to_string(t.a.join("device-id")).unwrap();
    assert!(
        out.starts_with(&format!("device {}\n", device.trim())),
        "{out}"
    );
    assert_eq!(device.trim().len(), 16);
    assert!(t.dir.join(format!("tutor-{}.log", device.trim())).is_file());
    ok(&t.a, &["config", "sync-dir", ""]);
    assert_eq!(tutor(&t.a, &["sync"]).code, Some(2));
}

/// Two `tutor sync`s on one data dir at once (a second terminal, or a session starting
/// while one runs), round after round with new reviews between, the first round also
/// making the device id: this device's file keeps one header and every row once, and
/// the other machine ends with the states of a rebuild.
#[test]
fn two_syncs_at_once_on_one_data_dir_lose_and_double_nothing() {
    let t = two_devices();
    let dir = shown(&t.dir);
    let mut made = A_LINES - 1;
    for round in 0..4 {
        if round > 0 {
            review(
                &t.tmp,
                &t.a,
                &format!("round{round}.csv"),
                &[("two-sum", 0, 3), ("gil", 0, 2)],
            );
            made += 2;
        }
        let both: Vec<_> = (0..2)
            .map(|_| {
                command(&t.a)
                    .args(["sync", &dir])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in both {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success() && stderr.is_empty(), "{stderr}");
        }
    }
    let device = fs::read_to_string(t.a.join("device-id")).unwrap();
    let text = fs::read_to_string(t.dir.join(format!("tutor-{}.log", device.trim()))).unwrap();
    assert_eq!(text.matches("tutor_sync").count(), 1, "{text}");
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + made, "{text}");
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), 1 + made, "a line written twice:\n{text}");

    // The other machine takes it all in, once, and sends its own to this one.
    let out = sync(&t.b, &t.dir);
    let reviews = made - 3;
    assert!(
        out.contains(&format!("added {reviews} of {reviews} reviews")),
        "{out}"
    );
    sync(&t.a, &t.dir);
    assert_eq!(export(&t.a), export(&t.b));
    let merged = states(&t.b);
    assert_eq!(states(&t.a), merged);
    ok(&t.b, &["rebuild"]);
    assert_eq!(states(&t.b), merged);
}
