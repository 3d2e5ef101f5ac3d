//! `tutor`: keyboard-only coding-interview practice in the terminal.
//!
//! Module map:
//! - [`cli`]: clap definitions and the non-interactive commands (`check`, `show`).
//! - [`content`]: decks and cards: serde types, loading, validation, the parse cache;
//!   `content::yaml` is the only module that calls `serde_yaml`.
//! - [`highlight`]: syntect to ratatui `Text`, computed once per solution.
//! - [`show`]: a card as styled text; [`ansi`]: styled text as ANSI for stdout.
//! - [`markdown`]: card text (Markdown) as styled lines, or plain text.
//! - [`text`]: sanitizing untrusted content before it reaches a terminal.
//! - [`color`]: whether to colour; [`paths`]: the data dir.
//! - [`terminal`]: full-screen mode in and out, and each frame drawn in one piece.
//! - [`quiz`]: scoring quiz answers and the quiz session's state machine.
//! - [`lru`]: the LRU lab: the O(1) cache engine, the console's commands and history,
//!   the diagram, `tutor lru --script`, and the solution lines each operation runs.

pub mod action;
pub mod ansi;
pub mod app;
pub mod cli;
pub mod color;
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
