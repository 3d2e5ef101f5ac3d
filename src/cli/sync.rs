//! `tutor sync [DIR]`, `tutor config sync-dir DIR`, and the sync a session starts with
//! when a sync folder is set (see `crate::sync`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::Timestamp;

use super::Cli;
use crate::days::Days;
use crate::srs::Scheduler;
use crate::store::Store;
use crate::sync::{self, Place, Report, Wait};
use crate::text::sanitize;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {}", sanitize(&message.to_string()));
    ExitCode::FAILURE
}

/// How `tutor config` shows the sync folder.
pub fn shown_dir(dir: Option<&Path>) -> String {
    dir.map_or_else(
        || "(not set)".to_string(),
        |d| sanitize(&d.display().to_string()).into_owned(),
    )
}

/// `tutor config sync-dir [DIR]`: shows it, sets it (a folder tutor can write in, kept
/// as an absolute path) or, given "", unsets it.
pub fn config(store: &Store, value: Option<&str>) -> ExitCode {
    let result = match value {
        None => store
            .sync_dir()
            .map(|dir| println!("{}", shown_dir(dir.as_deref()))),
        Some("") => store
            .set_sync_dir(None)
            .map(|()| println!("{}", shown_dir(None))),
        Some(value) => {
            let dir = PathBuf::from(value);
            if let Err(e) = sync::check_dir(&dir) {
                return fail(e);
            }
            let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
            store
                .set_sync_dir(Some(&dir))
                .map(|()| println!("{}", shown_dir(Some(&dir))))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// Syncs with `dir`, or the sync folder set; exit 2 when there is neither, 1 when a
/// file's content is wrong (the others are still imported) or the sync failed.
pub fn run(cli: &Cli, dir: Option<&Path>) -> eyre::Result<ExitCode> {
    let data_dir = cli.data_dir()?;
    let mut store = match Store::open(&data_dir) {
        Ok(store) => store,
        Err(e) => return Ok(fail(e)),
    };
    let dir = match dir.map(Path::to_path_buf) {
        Some(dir) => dir,
        None => match store.sync_dir() {
            Ok(Some(dir)) => dir,
            Ok(None) => {
                eprintln!(
                    "error: no sync folder: give one (`tutor sync DIR`) or set it with \
                     `tutor config sync-dir DIR`"
                );
                return Ok(ExitCode::from(2));
            }
            Err(e) => return Ok(fail(e)),
        },
    };
    let report = match sync_with(&mut store, (&data_dir, &dir), Timestamp::now(), Wait::Yes) {
        Ok(report) => report,
        Err(e) => return Ok(fail(e)),
    };
    println!("device {}", report.device);
    println!(
        "wrote {}, {}, {} and {} to {}",
        super::plural(report.sent_reviews, "review", "reviews"),
        super::plural(report.sent_quiz, "quiz answer", "quiz answers"),
        super::plural(report.sent_attempts, "practice run", "practice runs"),
        super::plural(report.sent_interviews, "interview", "interviews"),
        sanitize(&report.file.display().to_string())
    );
    for i in &report.imported {
        println!(
            "read {}: added {} of {} (the rest already here) for {}, {} of {}, {} of {}, \
             {} of {}",
            i.file,
            i.reviews_added,
            super::plural(i.reviews, "review", "reviews"),
            super::plural(i.cards, "card", "cards"),
            i.quiz_added,
            super::plural(i.quiz, "quiz answer", "quiz answers"),
            i.attempts_added,
            super::plural(i.attempts, "practice run", "practice runs"),
            i.interviews_added,
            super::plural(i.interviews, "interview", "interviews"),
        );
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    for error in &report.errors {
        eprintln!("error: {error}");
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A sync of the data dir with the folder (in that order), with the store's own
/// scheduler settings and the system's study days.
pub fn sync_with(
    store: &mut Store,
    (data_dir, dir): (&Path, &Path),
    now: Timestamp,
    wait: Wait,
) -> Result<Report, sync::SyncError> {
    let settings = store.settings()?;
    let scheduler = Scheduler::new(&settings)?;
    let at = Place {
        data_dir,
        dir,
        days: &Days::system(),
        now,
        wait,
    };
    sync::sync(store, &scheduler, at)
}

/// The sync a session starts with, when a sync folder is set: what to flash, if
/// anything (a failure is a message, never the end of the session), and whether it is
/// an error.
pub fn at_start(store: &mut Store, data_dir: &Path, now: Timestamp) -> Option<(String, bool)> {
    let dir = match store.sync_dir() {
        Ok(Some(dir)) => dir,
        Ok(None) => return None,
        Err(e) => return Some((format!("sync: {e}"), true)),
    };
    match sync_with(store, (data_dir, &dir), now, Wait::No) {
        // `tutor sync` or another session is at it: this one starts without waiting.
        Err(e @ sync::SyncError::Busy) => Some((format!("sync skipped: {e}"), false)),
        Err(e) => Some((format!("sync failed: {e}"), true)),
        Ok(report) => {
            if let Some(problem) = report.errors.first().or(report.notes.first()) {
                Some((format!("sync: {problem}"), true))
            } else {
                brought(&report).map(|text| (text, false))
            }
        }
    }
}

/// `synced: 2 reviews and 1 interview from your other devices`: what a sync added, by
/// kind, the kinds it added none of left out; `None` when it added nothing.
fn brought(report: &Report) -> Option<String> {
    let parts: Vec<String> = [
        (report.reviews_added(), "review", "reviews"),
        (report.quiz_added(), "quiz answer", "quiz answers"),
        (report.attempts_added(), "practice run", "practice runs"),
        (report.interviews_added(), "interview", "interviews"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| super::plural(n, one, many))
    .collect();
    let (last, rest) = parts.split_last()?;
    let list = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    Some(format!("synced: {list} from your other devices"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::Imported;

    #[test]
    fn a_session_is_told_what_each_kind_brought() {
        let from = |reviews_added, interviews_added| Imported {
            file: "tutor-ab.log".into(),
            reviews: 9,
            reviews_added,
            cards: 1,
            quiz: 0,
            quiz_added: 0,
            attempts: 0,
            attempts_added: 0,
            interviews: 3,
            interviews_added,
        };
        let report = |imported| Report {
            imported,
            ..Report::default()
        };
        assert_eq!(brought(&report(vec![from(0, 0)])), None);
        assert_eq!(
            brought(&report(vec![from(0, 1)])).as_deref(),
            Some("synced: 1 interview from your other devices")
        );
        assert_eq!(
            brought(&report(vec![from(2, 1), from(1, 0)])).as_deref(),
            Some("synced: 3 reviews and 1 interview from your other devices")
        );
    }
}
