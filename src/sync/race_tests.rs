//! Syncs interleaved with everything a device records, and two tutors syncing one data
//! dir at once: nothing lost, doubled or corrupted, and each side's card states are what
//! a rebuild of the merged log gives.

use std::path::{Path, PathBuf};
use std::sync::Barrier;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::*;
use crate::content::QuizKind;
use crate::quiz::QuizRecord;
use crate::srs::{Rating, Settings};
use crate::store::{AttemptRecord, InterviewRow, RunOutcome};

fn t0() -> Timestamp {
    "2026-02-01T09:00:00Z".parse().unwrap()
}

fn scheduler() -> Scheduler {
    Scheduler::new(&Settings::default()).unwrap()
}

const CARDS: [&str; 3] = ["lru-cache", "gil", "two-sum"];

/// One thing a device does, at minute `at` after [`t0`].
#[derive(Debug, Clone)]
enum Op {
    Review(usize, u8),
    Quiz(usize, bool),
    Attempt(usize),
    Interview(u64),
    Sync,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..CARDS.len(), 1..=4u8).prop_map(|(c, r)| Op::Review(c, r)),
        1 => (0..CARDS.len(), any::<bool>()).prop_map(|(c, ok)| Op::Quiz(c, ok)),
        1 => (0..CARDS.len()).prop_map(Op::Attempt),
        1 => any::<u64>().prop_map(Op::Interview),
        2 => Just(Op::Sync),
    ]
}

fn rating(r: u8) -> Rating {
    match r {
        1 => Rating::Again,
        2 => Rating::Hard,
        3 => Rating::Good,
        _ => Rating::Easy,
    }
}

fn interview(at: Timestamp, seed: u64) -> InterviewRow {
    InterviewRow {
        started_at: at.as_millisecond(),
        deck: Some("amazon-python".into()),
        seed,
        minutes: 45,
        signal: "lean-no-hire".into(),
        problem_solving: Some("good".into()),
        knowledge: None,
        communication: Some("weak".into()),
        leadership: Some("poor".into()),
        scorecard: r#"{"signal":"lean-no-hire","missed":[]}"#.into(),
        transcript: Some("round.md".into()),
    }
}

/// Does `op` on `store` at `at`.
fn apply(store: &mut Store, op: &Op, at: Timestamp, sync_now: &dyn Fn(&mut Store)) {
    let days = Days::utc();
    match *op {
        Op::Review(card, r) => {
            store
                .grade(
                    &scheduler(),
                    CARDS[card],
                    rating(r),
                    at,
                    Duration::from_secs(4),
                    &days,
                )
                .unwrap();
        }
        Op::Quiz(card, correct) => {
            let answer = QuizRecord {
                card_id: CARDS[card].into(),
                item_index: 0,
                kind: QuizKind::Single,
                correct,
                answered_at: at,
                duration: Duration::from_secs(3),
                picked: Some(vec![1]),
                points: None,
            };
            store.record_quiz_result(&answer, &days).unwrap();
        }
        Op::Attempt(card) => store
            .record_attempt(&AttemptRecord {
                card_id: CARDS[card].into(),
                lang: "python",
                ran_at: at,
                passed: 1,
                failed: 0,
                outcome: RunOutcome::Passed,
                seconds_spent: 30,
                solution_shown: false,
            })
            .unwrap(),
        Op::Interview(seed) => store.record_interview(&interview(at, seed)).unwrap(),
        Op::Sync => sync_now(store),
    }
}

/// Everything a sync carries, as text to compare: the review log, the card states, the
/// quiz answers, the practice figures, the interviews (without the transcript's name,
/// which only the device that made the round has).
fn everything(store: &Store) -> (Vec<String>, Vec<String>, String, String, Vec<String>) {
    let mut states: Vec<String> = store
        .card_states()
        .unwrap()
        .iter()
        .map(|s| format!("{s:?}"))
        .collect();
    states.sort();
    let quiz = store
        .conn()
        .prepare(
            "SELECT card_id || ' ' || item_index || ' ' || correct || ' ' || answered_at \
             || ' ' || ifnull(picked, '-') FROM quiz_result ORDER BY answered_at, card_id",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .join("\n");
    let interviews = store
        .interviews()
        .unwrap()
        .into_iter()
        .map(|i| {
            format!(
                "{:?}",
                InterviewRow {
                    transcript: None,
                    // Key order aside: a scorecard goes through the file as JSON.
                    scorecard: serde_json::from_str::<serde_json::Value>(&i.scorecard)
                        .unwrap()
                        .to_string(),
                    ..i
                }
            )
        })
        .collect();
    (
        store
            .revlog()
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}"))
            .collect(),
        states,
        quiz,
        format!("{:?}", store.practice_summary().unwrap()),
        interviews,
    )
}

/// A temporary folder with two devices' data dirs, `a` and `b` (not made yet), and
/// the sync folder `s` (made).
pub(super) fn two_dirs() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, dir) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("s"),
    );
    std::fs::create_dir(&dir).unwrap();
    (tmp, a, b, dir)
}

fn place<'a>(data_dir: &'a Path, dir: &'a Path, days: &'a Days, now: Timestamp) -> Place<'a> {
    Place {
        data_dir,
        dir,
        days,
        now,
        wait: Wait::Yes,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Two devices record reviews, quiz answers, practice runs and interviews and sync,
    /// in any interleaving; after a last round of syncs both hold the same rows, and
    /// each side's card states are those a rebuild of the merged log gives.
    #[test]
    fn any_interleaving_ends_the_same_on_both_sides_and_as_a_rebuild(
        ops in proptest::collection::vec((any::<bool>(), op()), 1..24)
    ) {
        let (_tmp, a_dir, b_dir, dir) = two_dirs();
        let mut a = Store::open(&a_dir).unwrap();
        let mut b = Store::open(&b_dir).unwrap();
        let days = Days::utc();
        let now = t0() + SignedDuration::from_hours(2);
        for (i, (on_a, op)) in ops.iter().enumerate() {
            let at = t0() + SignedDuration::from_mins(i64::try_from(i).unwrap());
            let data = if *on_a { &a_dir } else { &b_dir };
            let sync_now = |store: &mut Store| {
                sync(store, &scheduler(), place(data, &dir, &days, now)).unwrap();
            };
            let store = if *on_a { &mut a } else { &mut b };
            apply(store, op, at, &sync_now);
        }
        for on_a in [true, false, true] {
            let (store, data) = if on_a { (&mut a, &a_dir) } else { (&mut b, &b_dir) };
            let report = sync(store, &scheduler(), place(data, &dir, &days, now)).unwrap();
            prop_assert!(report.errors.is_empty() && report.notes.is_empty(), "{report:?}");
        }
        let merged = everything(&a);
        prop_assert_eq!(&everything(&b), &merged);
        let made = ops.iter().filter(|(_, op)| matches!(op, Op::Review(..))).count();
        prop_assert_eq!(merged.0.len(), made);
        for store in [&mut a, &mut b] {
            store.rebuild(&scheduler()).unwrap();
            prop_assert_eq!(&everything(store), &merged);
        }
    }
}

/// Two tutors on one data dir syncing at the same moment, again and again, with new
/// rows between rounds; the first round also makes the device id. This device's file
/// keeps one header and each row once, both tutors use one device id, and another
/// device that reads the file ends with the card states of a rebuild.
#[test]
fn two_tutors_syncing_one_data_dir_at_once_write_each_row_once() {
    const ROUNDS: i64 = 12;
    let (_tmp, a_dir, b_dir, dir) = two_dirs();
    let days = Days::utc();
    let now = t0() + SignedDuration::from_hours(24);
    let barrier = Barrier::new(2);
    let devices = std::thread::scope(|s| {
        let tutor = |first: i64| {
            let (barrier, a_dir, dir, days) = (&barrier, &a_dir, &dir, &days);
            s.spawn(move || {
                let mut store = Store::open(a_dir).unwrap();
                let mut devices = Vec::new();
                for round in 0..ROUNDS {
                    let at = t0() + SignedDuration::from_mins(round * 2 + first);
                    let op = match round % 4 {
                        0 => Op::Review(usize::try_from(first).unwrap(), 3),
                        1 => Op::Quiz(2, true),
                        2 => Op::Interview(u64::try_from(round + first).unwrap()),
                        _ => Op::Attempt(usize::try_from(first).unwrap()),
                    };
                    apply(&mut store, &op, at, &|_: &mut Store| {});
                    barrier.wait();
                    let report = sync(&mut store, &scheduler(), place(a_dir, dir, days, now));
                    devices.push(report.unwrap().device);
                }
                devices
            })
        };
        let (one, two) = (tutor(0), tutor(1));
        [one.join().unwrap(), two.join().unwrap()]
    });
    let device = &devices[0][0];
    assert!(devices.iter().flatten().all(|d| d == device), "{devices:?}");
    let text = std::fs::read_to_string(dir.join(file_name(device))).unwrap();
    assert_eq!(text.matches("tutor_sync").count(), 1, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let mut unique = lines.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "a row written twice:\n{text}");
    assert_eq!(
        lines.len(),
        1 + 2 * usize::try_from(ROUNDS).unwrap(),
        "{text}"
    );

    // Another device takes it all in; a rebuild there changes nothing.
    let a = Store::open(&a_dir).unwrap();
    let mut b = Store::open(&b_dir).unwrap();
    let report = sync(&mut b, &scheduler(), place(&b_dir, &dir, &days, now)).unwrap();
    assert!(
        report.errors.is_empty() && report.notes.is_empty(),
        "{report:?}"
    );
    let merged = everything(&b);
    assert_eq!(merged, everything(&a));
    b.rebuild(&scheduler()).unwrap();
    assert_eq!(everything(&b), merged);
}

/// While one tutor syncs, a session's start does not wait for it: it is told, and the
/// lock is free again once the sync is done (dropping the file releases it).
#[test]
fn a_sync_that_must_not_wait_is_told_the_data_dir_is_busy() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, dir) = (tmp.path().join("a"), tmp.path().join("s"));
    std::fs::create_dir(&dir).unwrap();
    let mut store = Store::open(&data).unwrap();
    let days = Days::utc();
    let held = lock(&data, Wait::No).unwrap();
    let at = Place {
        wait: Wait::No,
        ..place(&data, &dir, &days, t0())
    };
    assert!(matches!(
        sync(&mut store, &scheduler(), at),
        Err(SyncError::Busy)
    ));
    assert!(!data.join(DEVICE_FILE).exists());
    drop(held);
    assert!(sync(&mut store, &scheduler(), at).is_ok());
}

/// A `device-id` left empty (a crash between creating and writing it) is made again.
#[test]
fn an_empty_device_id_is_made_again() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join(DEVICE_FILE), "").unwrap();
    let held = lock(tmp.path(), Wait::Yes).unwrap();
    let id = device_id(tmp.path(), &held).unwrap();
    assert!(file::is_device_id(&id) && id.len() == 16, "{id}");
    assert_eq!(device_id(tmp.path(), &held).unwrap(), id);
}
