//! `tutor`: keyboard-only coding-interview practice in the terminal.
//!
//! Module map, one line a module (ARCHITECTURE.md says what each may import):
//! - [`action`]: `Action`, what the user means, and `Effect`, what the shell must do.
//! - [`ansi`]: styled text as ANSI for stdout.
//! - [`app`]: the shell: the event loop, signals, and carrying out effects.
//! - [`cli`]: clap definitions and the non-interactive commands.
//! - [`color`]: whether to colour.
//! - [`command_table`]: the row type of a table of typed commands (console, LRU lab).
//! - [`console`]: the input line (buffer, cursor, history, Tab); the `:` commands' table.
//! - [`content`]: decks and cards: serde types, loading, validation, the parse cache;
//!   `content::yaml` is the only module that calls `serde_yaml`.
//! - [`days`]: the user's study days (from 04:00 local time) and local times.
//! - [`editor`]: the multi-line editor (a recall answer in prose; practice's code).
//! - [`highlight`]: syntect to ratatui `Text`, computed once per solution.
//! - [`interview`]: the mock interview: its plan, the round as pure state, the checks of
//!   a behavioural answer, the scorecard and the Markdown transcript.
//! - [`hints`]: the key hints screens write in prose, each key looked up in `keymap`.
//! - [`keymap`]: the one key table: key → action (`action_for`), footer and help.
//! - [`layout`]: geometry and measured text both `update` and `ui` need (panes, scroll).
//! - [`lru`]: the LRU lab: the O(1) cache engine, the console's commands and history,
//!   the diagram, `tutor lru --script`, and the solution lines each operation runs.
//! - [`anagram`]: the anagram-buckets lab (the second visual): engine, commands, diagram.
//! - [`markdown`]: card text (Markdown) as styled lines, or plain text.
//! - [`optimize`]: fitting personal FSRS parameters to the review history.
//! - [`paths`]: the data dir and the cache folders.
//! - [`practice`]: the practice screen's state: a coding card, the learner's code.
//! - [`quiz`]: scoring quiz answers and the quiz session's state machine.
//! - [`runner`]: a card's tests on a learner's code, bounded, as a structured report.
//! - [`show`]: a card as styled text for `tutor show`.
//! - [`srs`]: scheduling on the `fsrs` crate; pure, time passed in.
//! - [`state`]: `App`: `Study` (what is studied), the `Screen` with its state, overlays.
//! - [`stats`]: progress figures and their report.
//! - [`store`]: `SQLite`: identifying the file, migrations, review log, card states.
//! - [`terminal`]: full-screen mode in and out, and each frame drawn in one piece.
//! - [`text`]: `Shown`, display-safe text (only `sanitize` builds it), and the constructors
//!   of screen text (`span`, `raw`, `line`) that take nothing else.
//! - [`theme`]: styles, with colour or without.
//! - [`ui`]: `view`, read-only drawing, one module per screen or pane.
//! - [`update`]: the pure `update(app, action, now) -> Effects`.
//! - [`worker`]: jobs off the event loop (a thread pool, cancel tokens) and bounded
//!   child processes.
//! - [`wrap`]: wrapping styled lines to a width, and cutting text to fit.

pub mod action;
pub mod anagram;
pub mod anki;
pub mod ansi;
pub mod app;
pub mod cli;
pub mod color;
pub mod command_table;
pub mod console;
pub mod content;
pub mod days;
pub mod editor;
pub mod highlight;
pub mod hints;
pub mod interview;
pub mod interview_log;
pub mod interviewer;
pub mod keymap;
pub mod layout;
pub mod llm;
pub mod lru;
pub mod markdown;
pub mod mock;
pub mod optimize;
pub mod paths;
pub mod practice;
pub mod quiz;
pub mod runner;
pub mod show;
pub mod srs;
pub mod state;
pub mod stats;
pub mod store;
pub mod sync;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod update;
pub mod visual;
pub mod worker;
pub mod wrap;

#[cfg(test)]
mod session_tests;

/// The layering ARCHITECTURE.md promises, checked on the source: `update` and `ui` never
/// import each other, and what both build on (`state`, `layout`, `keymap`, ...) imports
/// neither. A new file under these modules is checked too.
#[cfg(test)]
mod layering {
    use std::path::{Path, PathBuf};

    /// Every `.rs` file of module `name`: `src/<name>.rs` and everything under `src/<name>/`.
    fn files(name: &str) -> Vec<PathBuf> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = vec![src.join(format!("{name}.rs"))];
        let mut dirs = vec![src.join(name)];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for path in entries.map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        out.retain(|p| p.exists());
        out
    }

    fn importers_of(target: &str, modules: &[&str]) -> Vec<String> {
        let needle = format!("crate::{target}");
        modules
            .iter()
            .flat_map(|m| files(m))
            .filter(|p| std::fs::read_to_string(p).unwrap().contains(&needle))
            .map(|p| p.display().to_string())
            .collect()
    }

    #[test]
    fn update_and_ui_never_import_each_other() {
        let below_ui = [
            "update", "state", "keymap", "show", "layout", "hints", "wrap", "theme",
        ];
        assert_eq!(importers_of("ui", &below_ui), Vec::<String>::new());
        let below_update = ["ui", "state", "keymap", "layout", "hints"];
        assert_eq!(importers_of("update", &below_update), Vec::<String>::new());
        // The interview engine is pure: the screen builds on it, never the other way.
        for above in ["update", "ui", "app", "state", "store"] {
            assert_eq!(importers_of(above, &["interview"]), Vec::<String>::new());
        }
        // The check sees the files it should.
        assert!(files("update").len() > 3 && files("ui").len() > 5);
    }
}
