//! Sync between machines without a server (issue 18): a folder the user syncs with
//! Syncthing, Dropbox or git holds one append-only file per device,
//! `tutor-<device>.log` (format in [`file`]). A sync appends the rows made on this
//! device that its file lacks (the store marks them sent), then reads every other
//! device's file and imports what is new: reviews through the store's revlog importer
//! (keyed by card and time, so a review is never doubled, and the cards it touches are
//! replayed from their whole log, as `tutor rebuild` would), quiz answers keyed by
//! card, item and time, practice runs by card, language and time, mock interviews by
//! start time and seed. Rows brought from another device are never written to this
//! device's file. Nothing is ever rewritten, so there are no conflicts to resolve.
//!
//! Two tutors on one data dir (a session starting while `tutor sync` runs, or two
//! `tutor sync`s) would otherwise race: both find this device's file new and write a
//! header each, both append the same unsent rows, one cuts off the line the other is
//! writing as "half-written", or one reads `device-id` while the other is still writing
//! it. So a sync runs whole under an advisory lock, [`LOCK_FILE`] in the data dir
//! (`File::lock`, `flock` on Unix): sending is read, decide, append, mark in the
//! database, which only mutual exclusion keeps consistent (`O_EXCL` and whole-line
//! appends alone would still send rows twice and write a second header). The lock is in
//! the data dir, not the sync folder, so the sync tool never copies it, and the kernel
//! drops it when a tutor dies, so a crash never leaves it held.

pub mod file;
#[cfg(test)]
mod race_tests;

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher as _, RandomState};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::days::Days;
use crate::srs::Scheduler;
use crate::store::revlog::ImportError;
use crate::store::{Store, StoreError, Unsent};
use crate::text::sanitize;

/// The file in the data dir that holds this device's id.
pub const DEVICE_FILE: &str = "device-id";
/// The file in the data dir a sync holds locked while it runs (it is never written).
pub const LOCK_FILE: &str = "sync.lock";

/// What a sync does when another tutor is syncing this data dir.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Waits for it to finish (`tutor sync`).
    Yes,
    /// Gives up at once with [`SyncError::Busy`] (the sync a session starts with,
    /// which must not hold up the first frame).
    No,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the sync folder {} {why}", sanitize(&dir.display().to_string()))]
    Dir { dir: PathBuf, why: String },
    #[error("cannot {what} {}: {source}", sanitize(&path.display().to_string()))]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} does not hold a device id (lowercase letters, digits and dashes); move it away \
         and tutor makes a new one",
        sanitize(&path.display().to_string())
    )]
    BadDeviceId { path: PathBuf },
    #[error("another tutor is syncing this data dir now; try again when it is done")]
    Busy,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Settings(#[from] crate::srs::SrsError),
}

/// What one other device's file brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub file: String,
    pub reviews: usize,
    pub reviews_added: usize,
    pub cards: usize,
    pub quiz: usize,
    pub quiz_added: usize,
    pub attempts: usize,
    pub attempts_added: usize,
    pub interviews: usize,
    pub interviews_added: usize,
}

/// What a sync did. `notes` are files skipped for now (read again next time);
/// `errors` are files whose content is wrong, each with its line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub device: String,
    pub file: PathBuf,
    pub sent_reviews: usize,
    pub sent_quiz: usize,
    pub sent_attempts: usize,
    pub sent_interviews: usize,
    pub imported: Vec<Imported>,
    pub notes: Vec<String>,
    pub errors: Vec<String>,
}

impl Report {
    pub fn reviews_added(&self) -> usize {
        self.imported.iter().map(|i| i.reviews_added).sum()
    }

    pub fn quiz_added(&self) -> usize {
        self.imported.iter().map(|i| i.quiz_added).sum()
    }

    pub fn attempts_added(&self) -> usize {
        self.imported.iter().map(|i| i.attempts_added).sum()
    }

    pub fn interviews_added(&self) -> usize {
        self.imported.iter().map(|i| i.interviews_added).sum()
    }
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> SyncError {
    let path = path.to_path_buf();
    move |source| SyncError::Io { what, path, source }
}

/// Holds the data dir's sync lock until dropped (closing the file releases it).
#[derive(Debug)]
pub struct Lock(#[allow(dead_code, reason = "held only to be closed on drop")] File);

/// Takes the data dir's sync lock, waiting for another tutor's sync or not.
pub fn lock(data_dir: &Path, wait: Wait) -> Result<Lock, SyncError> {
    std::fs::create_dir_all(data_dir).map_err(io("create", data_dir))?;
    let path = data_dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io("open", &path))?;
    match wait {
        Wait::Yes => file.lock().map_err(io("lock", &path))?,
        Wait::No => match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(SyncError::Busy),
            Err(std::fs::TryLockError::Error(e)) => return Err(io("lock", &path)(e)),
        },
    }
    Ok(Lock(file))
}

/// This device's id, made once (16 hex digits from the standard library's randomly
/// keyed hasher, the clock and the process id) and kept in `<data_dir>/device-id`.
/// Made only under the sync [`Lock`], so no tutor reads it half-written; an empty file
/// is a creation a crash cut short and is made again.
pub fn device_id(data_dir: &Path, _held: &Lock) -> Result<String, SyncError> {
    let path = data_dir.join(DEVICE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) if text.trim().is_empty() => {}
        Ok(text) => {
            let id = text.trim();
            return if file::is_device_id(id) {
                Ok(id.to_string())
            } else {
                Err(SyncError::BadDeviceId { path })
            };
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io("read", &path)(e)),
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let id = format!(
        "{:016x}",
        RandomState::new().hash_one((nanos, std::process::id()))
    );
    let mut f = File::create(&path).map_err(io("create", &path))?;
    f.write_all(format!("{id}\n").as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(io("write", &path))?;
    Ok(id)
}

/// Checks that `dir` is a folder tutor can write in (by making and removing a file).
pub fn check_dir(dir: &Path) -> Result<(), SyncError> {
    let fail = |why: String| SyncError::Dir {
        dir: dir.to_path_buf(),
        why,
    };
    if !dir.exists() {
        return Err(fail("does not exist; make it first".into()));
    }
    if !dir.is_dir() {
        return Err(fail("is not a folder".into()));
    }
    let probe = dir.join(format!(".tutor-write-check-{}", std::process::id()));
    File::create(&probe).map_err(|e| fail(format!("cannot be written to: {e}")))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// This device's file name in the sync folder.
pub fn file_name(device: &str) -> String {
    format!("tutor-{device}.log")
}

/// Where and when a sync runs: the data dir (its device id and lock), the sync
/// folder, the study days, the time, and whether to wait for another tutor's sync.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub data_dir: &'a Path,
    pub dir: &'a Path,
    pub days: &'a Days,
    pub now: Timestamp,
    pub wait: Wait,
}

/// Syncs with `dir`, under the data dir's lock: sends this device's new rows, then
/// imports every other device's.
pub fn sync(store: &mut Store, scheduler: &Scheduler, at: Place) -> Result<Report, SyncError> {
    let Place {
        data_dir,
        dir,
        days,
        now,
        wait,
    } = at;
    check_dir(dir)?;
    let held = lock(data_dir, wait)?;
    let device = device_id(data_dir, &held)?;
    let mut report = Report {
        file: dir.join(file_name(&device)),
        device,
        ..Report::default()
    };
    send(store, &mut report)?;
    let mut others: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io("read", dir))? {
        let entry = entry.map_err(io("read", dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(other) = name
            .strip_prefix("tutor-")
            .and_then(|n| n.strip_suffix(".log"))
        else {
            continue;
        };
        if other == report.device {
            continue;
        }
        if !file::is_device_id(other) {
            report.notes.push(format!(
                "skipped {}: not a device's file (a sync tool's conflict copy?)",
                sanitize(&name)
            ));
            continue;
        }
        others.push((other.to_string(), entry.path()));
    }
    others.sort();
    for (device, path) in others {
        receive(store, scheduler, &device, &path, days, now, &mut report)?;
    }
    Ok(report)
}

/// Appends this device's rows its file lacks, fsyncs, then marks them sent: a crash in
/// between writes them again next time, which the importers skip.
fn send(store: &mut Store, report: &mut Report) -> Result<(), SyncError> {
    let path = report.file.clone();
    let mut f = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)
        .map_err(io("open", &path))?;
    let mut text = Vec::new();
    f.read_to_end(&mut text).map_err(io("read", &path))?;
    // A line this tutor was cut off writing (a crash) is dropped; its rows are unsent.
    let keep = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let fresh = keep == 0;
    if keep < text.len() {
        f.set_len(keep as u64).map_err(io("write", &path))?;
        f.seek(SeekFrom::End(0)).map_err(io("write", &path))?;
    }
    let unsent = store.unsent(fresh)?;
    if !fresh && unsent == Unsent::default() {
        return Ok(());
    }
    let mut out = if fresh {
        file::header(&report.device)
    } else {
        String::new()
    };
    out.push_str(&file::lines(&unsent));
    f.write_all(out.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(io("write", &path))?;
    store.mark_sent(&unsent)?;
    report.sent_reviews = unsent.reviews.len();
    report.sent_quiz = unsent.quiz.len();
    report.sent_attempts = unsent.attempts.len();
    report.sent_interviews = unsent.interviews.len();
    Ok(())
}

/// Imports one other device's file, or notes why not.
fn receive(
    store: &mut Store,
    scheduler: &Scheduler,
    device: &str,
    path: &Path,
    days: &Days,
    now: Timestamp,
    report: &mut Report,
) -> Result<(), SyncError> {
    let name = sanitize(&path.file_name().unwrap_or_default().to_string_lossy()).into_owned();
    let bytes = match read_capped(path) {
        Ok(bytes) => bytes,
        Err(why) => {
            report.notes.push(format!("skipped {name}: {why}"));
            return Ok(());
        }
    };
    let contents = match file::parse(&bytes, now.as_millisecond()) {
        Ok(c) => c,
        Err(skip @ (file::Skip::Unfinished | file::Skip::TooNew(_))) => {
            report.notes.push(format!("skipped {name}: {skip}"));
            return Ok(());
        }
        Err(file::Skip::Bad { line, message }) => {
            report.errors.push(format!(
                "{name}:{line}: {message}; nothing was imported from it"
            ));
            return Ok(());
        }
    };
    if contents.device != device {
        report.errors.push(format!(
            "{name}:1: its header names device {}, not {device}; nothing was imported from it",
            sanitize(&contents.device)
        ));
        return Ok(());
    }
    let imported = match store.import_revlog_from(scheduler, &contents.reviews, days, Some(device))
    {
        Ok(r) => r,
        Err(ImportError::Store(e)) => return Err(e.into()),
        Err(e @ ImportError::Conflict { .. }) => {
            report
                .errors
                .push(format!("{name}: {e}; nothing was imported from it"));
            return Ok(());
        }
    };
    let quiz_added = store.import_quiz(&contents.quiz, device, days)?;
    let attempts_added = store.import_attempts(&contents.attempts, device)?;
    let interviews_added = store.import_interviews(&contents.interviews, device)?;
    report.imported.push(Imported {
        file: name,
        reviews: imported.rows,
        reviews_added: imported.added,
        cards: imported.cards,
        quiz: contents.quiz.len(),
        quiz_added,
        attempts: contents.attempts.len(),
        attempts_added,
        interviews: contents.interviews.len(),
        interviews_added,
    });
    Ok(())
}

/// A file's bytes, refusing one over [`file::MAX_FILE_BYTES`] or that is not a file.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let f = File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let meta = f.metadata().map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("not a file".into());
    }
    let mut bytes = Vec::new();
    f.take(file::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > file::MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB",
            file::MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::content::QuizKind;
    use crate::quiz::{Claim, QuizRecord};
    use crate::srs::Settings;

    fn t0() -> Timestamp {
        "2026-02-01T09:00:00Z".parse().unwrap()
    }

    fn answer(card: &str, kind: QuizKind, correct: bool, at: Timestamp) -> QuizRecord {
        QuizRecord {
            card_id: card.into(),
            item_index: 1,
            kind,
            correct,
            answered_at: at,
            duration: Duration::from_secs(7),
            picked: (kind == QuizKind::Single).then(|| vec![2]),
            points: (kind == QuizKind::Recall).then_some((1, 2)),
        }
    }

    /// Every quiz answer and claim, as text, oldest first.
    fn dump(store: &Store) -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT card_id, item_index, kind, correct, answered_at, duration_ms, \
                 local_day, points_made, points_total, self_assessed, picked, \
                 (SELECT group_concat(point_index || '@' || claimed_at) FROM quiz_claim \
                  WHERE result_id = quiz_result.id) FROM quiz_result ORDER BY answered_at, card_id",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((0..12)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect::<Vec<_>>()
                .join(" "))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    #[test]
    fn quiz_answers_later_claims_and_practice_runs_sync_once() {
        let (_tmp, a_dir, b_dir, dir) = race_tests::two_dirs();
        let mut a = Store::open(&a_dir).unwrap();
        let mut b = Store::open(&b_dir).unwrap();
        let scheduler = Scheduler::new(&Settings::default()).unwrap();
        let days = Days::utc();
        let now = t0() + jiff::SignedDuration::from_hours(1);
        let sync_one = |store: &mut Store, data: &Path| {
            let at = Place {
                data_dir: data,
                dir: &dir,
                days: &days,
                now,
                wait: Wait::Yes,
            };
            sync(store, &scheduler, at).unwrap()
        };
        a.record_quiz_result(&answer("gil", QuizKind::Recall, false, t0()), &days)
            .unwrap();
        b.record_quiz_result(&answer("lru-cache", QuizKind::Single, true, t0()), &days)
            .unwrap();
        a.record_attempt(&crate::store::AttemptRecord {
            card_id: "two-sum".into(),
            lang: "rust",
            ran_at: t0(),
            passed: 2,
            failed: 1,
            outcome: crate::store::RunOutcome::Failed,
            seconds_spent: 80,
            solution_shown: false,
        })
        .unwrap();
        sync_one(&mut a, &a_dir);
        let report = sync_one(&mut b, &b_dir);
        assert_eq!((report.quiz_added(), report.attempts_added()), (1, 1));
        assert_eq!(b.practice_summary().unwrap(), a.practice_summary().unwrap());
        assert_eq!(b.practice_summary().unwrap().all().tried, 1);
        sync_one(&mut a, &a_dir);
        assert_eq!(dump(&a).len(), 2);
        assert_eq!(dump(&a), dump(&b));

        // A claim made after the answer went out goes out again, with the answer.
        a.record_claim(&Claim {
            card_id: "gil".into(),
            item_index: 1,
            answered_at: t0(),
            point: 1,
            claimed_at: t0() + jiff::SignedDuration::from_mins(1),
        })
        .unwrap();
        assert_eq!(sync_one(&mut a, &a_dir).sent_quiz, 1);
        let report = sync_one(&mut b, &b_dir);
        assert_eq!((report.quiz_added(), report.sent_quiz), (0, 0));
        assert_eq!(dump(&a), dump(&b));
        assert!(
            dump(&b)[0].starts_with("Text(\"gil\")") && dump(&b)[0].contains("Text(\"1@"),
            "{:?}",
            dump(&b)
        );

        // Nothing more to send or take; each file holds only its own device's answers.
        for (store, data) in [(&mut a, &a_dir), (&mut b, &b_dir)] {
            let report = sync_one(store, data);
            assert_eq!((report.sent_quiz, report.quiz_added()), (0, 0));
            assert_eq!((report.sent_attempts, report.attempts_added()), (0, 0));
        }
        let b_id = device_id(&b_dir, &lock(&b_dir, Wait::No).unwrap()).unwrap();
        let b_file = std::fs::read_to_string(dir.join(file_name(&b_id)));
        assert_eq!(b_file.unwrap().matches("\"quiz\"").count(), 1);
    }
}
