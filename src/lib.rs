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
//! - [`highlight`]: syntect to ratatui `Text`, computed once per solution.
//! - [`keymap`]: the one key table: dispatch, footer and help.
//! - [`lru`]: the LRU lab: the O(1) cache engine, the console's commands and history,
//!   the diagram, `tutor lru --script`, and the solution lines each operation runs.
//! - [`markdown`]: card text (Markdown) as styled lines, or plain text.
//! - [`optimize`]: fitting personal FSRS parameters to the review history.
//! - [`paths`]: the data dir and the cache folders.
//! - [`quiz`]: scoring quiz answers and the quiz session's state machine.
//! - [`show`]: a card as styled text for `tutor show`.
//! - [`srs`]: scheduling on the `fsrs` crate; pure, time passed in.
//! - [`state`]: `App` and its sub-states, plain data.
//! - [`stats`]: progress figures and their report.
//! - [`store`]: `SQLite`: identifying the file, migrations, review log, card states.
//! - [`terminal`]: full-screen mode in and out, and each frame drawn in one piece.
//! - [`text`]: sanitizing untrusted content before it reaches a terminal.
//! - [`ui`]: `view`, read-only drawing, one module per screen or pane.
//! - [`update`]: the pure `update(app, action, now) -> Effects`.

pub mod action;
pub mod ansi;
pub mod app;
pub mod cli;
pub mod color;
pub mod command_table;
pub mod console;
pub mod content;
pub mod days;
pub mod highlight;
pub mod keymap;
pub mod lru;
pub mod markdown;
pub mod optimize;
pub mod paths;
pub mod quiz;
pub mod show;
pub mod srs;
pub mod state;
pub mod stats;
pub mod store;
pub mod terminal;
pub mod text;
pub mod ui;
pub mod update;
