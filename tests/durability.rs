//! Nothing saved is lost: a process killed with SIGKILL mid-stream keeps every review it
//! reported as saved, and two processes grading the same cards at once lose nothing.
//!
//! The writers are this test binary run again as child processes (the `child_writer`
//! test, ignored unless run this way, does the writing when `TUTOR_CHILD_DATA` is set),
//! printing one line per committed review.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::io::{BufRead as _, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use tutor::days::Days;
use tutor::srs::{Rating, Scheduler, Settings};
use tutor::store::Store;

const CHILD_DATA: &str = "TUTOR_CHILD_DATA";
const CHILD_TAG: &str = "TUTOR_CHILD_TAG";
const CHILD_COUNT: &str = "TUTOR_CHILD_COUNT";

fn base() -> Timestamp {
    "2026-03-01T08:00:00Z".parse().unwrap()
}

/// The body of a child writer process. The tests below run this binary again with
/// `--ignored --exact child_writer` and [`CHILD_DATA`] set, and check every review it
/// reports saved against the database, so it is ignored in a normal run. Run on its own
/// (`cargo test --test durability -- --ignored`) it writes a few reviews to a temporary
/// folder and checks them itself.
#[test]
#[ignore = "a child process of the other durability tests, which run it"]
fn child_writer() {
    if let Ok(dir) = std::env::var(CHILD_DATA) {
        let tag: i64 = std::env::var(CHILD_TAG).unwrap().parse().unwrap();
        let count: i64 = std::env::var(CHILD_COUNT).map_or(i64::MAX, |c| c.parse().unwrap());
        write_reviews(Path::new(&dir), tag, count, &mut std::io::stdout().lock());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    write_reviews(dir.path(), 0, 20, &mut out);
    let text = String::from_utf8(out).unwrap();
    let saved: HashSet<(String, i64)> = text.lines().filter_map(saved_line).collect();
    assert_eq!(saved.len(), 20, "{text}");
    assert_eq!(logged(dir.path()), saved);
}

/// Grades `count` reviews of ten cards into the store in `dir`, one line to `out` as each
/// is committed: `saved ID CARD MILLISECONDS`.
fn write_reviews(dir: &Path, tag: i64, count: i64, out: &mut impl Write) {
    let scheduler = Scheduler::new(&Settings::default()).unwrap();
    let mut store = Store::open(dir).unwrap();
    let mut i = 0;
    while i < count {
        let card = format!("card-{}", i % 10);
        // Distinct instants per writer: writer 0 on even seconds, writer 1 on odd ones.
        let at = base() + SignedDuration::from_secs(i * 2 + tag);
        let rating = Rating::ALL[usize::try_from(i % 4).unwrap()];
        let saved = store
            .grade(
                &scheduler,
                &card,
                rating,
                at,
                Duration::from_millis(900),
                &Days::utc(),
            )
            .unwrap();
        writeln!(out, "saved {} {card} {}", saved.id, at.as_millisecond()).unwrap();
        out.flush().unwrap();
        i += 1;
    }
}

/// The (card, time) of a `saved` line; the harness may print `test child_writer ... `
/// on the same line first.
fn saved_line(line: &str) -> Option<(String, i64)> {
    let at = line.find("saved ")?;
    let mut parts = line[at + "saved ".len()..].split(' ');
    let (_id, card, at) = (parts.next()?, parts.next()?, parts.next()?);
    Some((card.to_string(), at.parse().unwrap()))
}

fn spawn_writer(dir: &Path, tag: i64, count: Option<u32>) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "child_writer",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_DATA, dir)
    .env(CHILD_TAG, tag.to_string())
    .stdout(Stdio::piped())
    .stderr(Stdio::inherit());
    if let Some(count) = count {
        cmd.env(CHILD_COUNT, count.to_string());
    }
    cmd.spawn().unwrap()
}

/// The (card, time) of each review a writer reported saved, reading at most `limit`.
fn saved_lines(child: &mut Child, limit: usize) -> Vec<(String, i64)> {
    let stdout = child.stdout.take().unwrap();
    let mut saved = Vec::new();
    for line in BufReader::new(stdout).lines() {
        if let Some(line) = saved_line(&line.unwrap()) {
            saved.push(line);
            if saved.len() >= limit {
                break;
            }
        }
    }
    saved
}

fn logged(dir: &Path) -> HashSet<(String, i64)> {
    let store = Store::open(dir).unwrap();
    store
        .revlog()
        .unwrap()
        .into_iter()
        .map(|r| (r.card_id, r.review_time))
        .collect()
}

#[test]
fn sigkill_mid_stream_keeps_every_committed_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn_writer(dir.path(), 0, None);
    let saved = saved_lines(&mut child, 200);
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush, no goodbye
    child.wait().unwrap();
    assert_eq!(saved.len(), 200, "the writer stopped early");
    let log = logged(dir.path());
    let missing: Vec<_> = saved.iter().filter(|s| !log.contains(*s)).collect();
    assert!(missing.is_empty(), "reported saved but lost: {missing:?}");
    // The states derived from the log are intact too.
    let mut store = Store::open(dir.path()).unwrap();
    let report = store
        .rebuild(&Scheduler::new(&Settings::default()).unwrap())
        .unwrap();
    assert_eq!(report.changed, 0, "{report:?}");
    assert!(report.reviews >= 200);
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Create the database first so both writers only open it.
    drop(Store::open(dir.path()).unwrap());
    let per_writer = 150;
    let mut a = spawn_writer(dir.path(), 0, Some(per_writer));
    let mut b = spawn_writer(dir.path(), 1, Some(per_writer));
    let reader_a = std::thread::spawn(move || {
        let lines = saved_lines(&mut a, usize::MAX);
        (lines, a.wait().unwrap())
    });
    let (lines_b, status_b) = {
        let lines = saved_lines(&mut b, usize::MAX);
        (lines, b.wait().unwrap())
    };
    let (lines_a, status_a) = reader_a.join().unwrap();
    assert!(
        status_a.success() && status_b.success(),
        "{status_a} {status_b}"
    );
    let per = usize::try_from(per_writer).unwrap();
    assert_eq!((lines_a.len(), lines_b.len()), (per, per));
    let log = logged(dir.path());
    assert_eq!(log.len(), 2 * per);
    for s in lines_a.iter().chain(&lines_b) {
        assert!(log.contains(s), "lost {s:?}");
    }
    // No lost update: each card's rep count is the number of its reviews in the log,
    // though both writers graded the same ten cards.
    let store = Store::open(dir.path()).unwrap();
    let mut per_card: HashMap<String, u32> = HashMap::new();
    for (card, _) in &log {
        *per_card.entry(card.clone()).or_default() += 1;
    }
    for (card, state) in store.card_states().unwrap() {
        assert_eq!(Some(&state.reps), per_card.get(&card), "{card}");
    }
    assert_eq!(per_card.len(), 10);
}

/// Starts `tutor stats` once in each of `dirs` (a folder may be listed many times), all
/// at once, and gives each run's data dir, exit status and error output.
fn start_together(dirs: &[&Path]) -> Vec<(String, std::process::ExitStatus, String)> {
    let children: Vec<_> = dirs
        .iter()
        .map(|dir| {
            let child = Command::new(env!("CARGO_BIN_EXE_tutor"))
                .arg("--data-dir")
                .arg(dir)
                .arg("stats")
                .env_remove("TUTOR_DECKS")
                .env_remove("TUTOR_DATA_DIR")
                .env("TZ", "UTC0")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (dir.display().to_string(), child)
        })
        .collect();
    children
        .into_iter()
        .map(|(dir, child)| {
            let out = child.wait_with_output().unwrap();
            (
                dir,
                out.status,
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

fn assert_all_started(runs: &[(String, std::process::ExitStatus, String)]) {
    let failed: Vec<_> = runs
        .iter()
        .filter(|(_, status, _)| !status.success())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} starts failed: {failed:#?}",
        failed.len(),
        runs.len()
    );
}

/// Forty tutors started at once on one data dir that does not exist yet: one creates
/// the folder and the database, the others wait for it, and every one succeeds.
#[test]
fn forty_starts_at_once_on_one_new_data_dir_all_succeed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("new").join("data");
    let runs = start_together(&[data.as_path(); 40]);
    assert_all_started(&runs);
    let store = Store::open(&data).unwrap();
    assert_eq!(store.review_count().unwrap(), 0);
}

/// Forty tutors on eight new data dirs, five to each, all at once.
#[test]
fn forty_starts_at_once_on_several_new_data_dirs_all_succeed() {
    let tmp = tempfile::tempdir().unwrap();
    let dirs: Vec<_> = (0..8)
        .map(|i| tmp.path().join(format!("data-{i}")))
        .collect();
    let each: Vec<&Path> = (0..40).map(|i| dirs[i % 8].as_path()).collect();
    assert_all_started(&start_together(&each));
}
