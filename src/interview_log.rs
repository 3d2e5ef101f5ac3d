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

/// Saves the round started at `started`, whose Markdown is `text`, under `data` and in
/// `store`; returns the Markdown file's path, or why it was not saved.
pub fn save(
    data: &Path,
    store: &Store,
    (round, card): (&Round, &Scorecard),
    text: &str,
    started: Timestamp,
) -> Result<PathBuf, String> {
    let dir = paths::interviews_dir(data);
    let stamp = started.strftime("%Y-%m-%dT%H-%M-%S").to_string();
    let millis = started.as_millisecond().rem_euclid(1000);
    let name = format!("{stamp}.{millis:03}Z.md");
    let path = dir.join(&name);
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
