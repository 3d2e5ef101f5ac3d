//! Saving a mock interview (issue 15): the Markdown transcript to
//! `interviews/<time>.md` in the data dir (written whole, through a temporary file and
//! a rename), then its row in the store's `interview` table. `tutor interview
//! --answers` and the interview screen (through the shell's `Effect::SaveInterview`)
//! both save through [`save`].

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::interview::{Round, Scorecard, scorecard::Level};
use crate::paths;
use crate::store::{InterviewRow, Store};

fn level_name(level: Option<Level>) -> Option<String> {
    level.map(|l| l.name().to_lowercase())
}

/// A round's files are named by when it started, to the millisecond.
fn file_stem(started: Timestamp) -> String {
    let stamp = started.strftime("%Y-%m-%dT%H-%M-%S").to_string();
    let millis = started.as_millisecond().rem_euclid(1000);
    format!("{stamp}.{millis:03}Z")
}

/// Where the answer being typed in the round started at `started` is kept until it is
/// sent or the round is saved (`interviews/<time>.unsent.txt`): what a `kill -9` leaves.
pub fn draft_path(data: &Path, started: Timestamp) -> PathBuf {
    paths::interviews_dir(data).join(format!("{}.unsent.txt", file_stem(started)))
}

/// Writes the answer being typed to [`draft_path`] atomically; empty, removes the file.
pub fn save_draft(data: &Path, started: Timestamp, text: &str) -> Result<(), String> {
    let path = draft_path(data, started);
    if text.trim().is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("cannot remove {}: {e}", path.display()))
            }
            _ => Ok(()),
        };
    }
    paths::replace_file(&path, &[text.as_bytes()])
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Saves the round started at `started`, whose Markdown is `text`, under `data` and in
/// `store`; returns the Markdown file's path, or why it was not saved.
pub fn save(
    data: &Path,
    store: &Store,
    (round, card): (&Round, &Scorecard),
    text: &str,
    started: Timestamp,
) -> Result<PathBuf, String> {
    let name = format!("{}.md", file_stem(started));
    let path = paths::interviews_dir(data).join(&name);
    paths::replace_file(&path, &[text.as_bytes()])
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let plan = round.plan();
    let row = InterviewRow {
        started_at: started.as_millisecond(),
        deck: plan.deck.clone(),
        seed: plan.seed,
        minutes: plan.minutes,
        signal: serde_json::to_value(card.signal)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        problem_solving: level_name(card.level("problem-solving")),
        knowledge: level_name(card.level("knowledge")),
        communication: level_name(card.level("communication")),
        leadership: level_name(card.level("leadership-principles")),
        scorecard: serde_json::to_string(card).map_err(|e| e.to_string())?,
        transcript: Some(name),
    };
    store.record_interview(&row).map_err(|e| e.to_string())?;
    Ok(path)
}
