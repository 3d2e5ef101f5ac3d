#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `tutor sync` as a user runs it on two machines: two data dirs, one sync folder.
//! Reviews are made on each side with `tutor import revlog` (rows made on that device,
//! as far as sync is concerned), interleaved in time on the same cards.

mod common;

use common::{ok, shown, temp, tutor, write};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tempfile::TempDir;

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
    Two { tmp, a, b, dir }
}

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
    }
    // Rows one device brought from the other are not written into its own file.
    for (name, bytes) in folder(&t.dir) {
        let lines = String::from_utf8(bytes).unwrap().lines().count();
        assert!(lines == 1 + 5 || lines == 1 + 4, "{name}: {lines} lines");
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
    }
    assert_eq!(folder(&t.dir), files);
    assert_eq!(export(&t.a), log_a);
    assert_eq!(export(&t.b), log_b);
    assert_eq!(states(&t.a), states_a);
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

#[test]
fn hostile_and_newer_files_change_nothing() {
    let t = two_devices();
    sync(&t.a, &t.dir);
    let before = (export(&t.a), states(&t.a));
    let hostile = t.dir.join("tutor-c0ffee.log");
    let newer = t.dir.join("tutor-beef.log");
    fs::write(
        &newer,
        "{\"tutor_sync\":9,\"device\":\"beef\"}\n{\"hologram\":1}\n",
    )
    .unwrap();
    for body in [
        format!(
            "{HEADER}{}\n{}\n",
            review_line("x\\u001b[2Jy"),
            review_line("gil")
        ),
        format!("{HEADER}{}\n{}\n", "x".repeat(100_000), review_line("gil")),
        format!("{HEADER}{{\"review\":[[[\n{}\n", review_line("gil")),
        format!(
            "{HEADER}{}\n",
            review_line("gil").replace("\"rating\":3", "\"rating\":77")
        ),
    ] {
        fs::write(&hostile, &body).unwrap();
        let out = tutor(&t.a, &["sync", &shown(&t.dir)]);
        assert_eq!(out.code, Some(1), "{out:?}");
        assert!(
            out.stderr.contains("error: tutor-c0ffee.log:2: "),
            "{out:?}"
        );
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
            !out.stderr.contains('\u{1b}') && !out.stdout.contains('\u{1b}'),
            "{out:?}"
        );
        assert_eq!((export(&t.a), states(&t.a)), before);
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
