//! Running the real `tutor` binary from the integration tests, hermetically: its own
//! `--data-dir`, no `TUTOR_DECKS`/`TUTOR_DATA_DIR`/`NO_COLOR`/`TUTOR_LLM_CA_FILE` from the machine, UTC (study
//! days start at 04:00 local time), stdin closed.

// Each test crate uses its own subset of these.
#![allow(dead_code)]

pub mod fake_llm;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use tempfile::TempDir;
use tutor::content::{Library, LoadOptions, load_library};

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// `tutor --data-dir DATA`, with a clean environment, UTC and stdin closed.
pub fn command(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tutor"));
    cmd.arg("--data-dir")
        .arg(data)
        .env_remove("TUTOR_DECKS")
        .env_remove("TUTOR_DATA_DIR")
        .env_remove("NO_COLOR")
        .env_remove("TUTOR_LLM_CA_FILE")
        .env("TZ", "UTC0")
        .stdin(Stdio::null());
    cmd
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{cmd:?} printed non-UTF-8: {e}"))
    };
    Run {
        code: out.status.code(),
        stdout: text(out.stdout),
        stderr: text(out.stderr),
    }
}

pub fn tutor(data: &Path, args: &[&str]) -> Run {
    run(command(data).args(args))
}

/// Runs and asserts exit 0 with nothing on stderr; gives stdout.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let out = tutor(data, args);
    assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
    assert_eq!(out.stderr, "", "{args:?}");
    out.stdout
}

pub fn temp() -> TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("cannot create a temporary folder: {e}"))
}

/// The bundled decks, loaded once per test binary: borrow them, or clone them to own.
pub fn bundled() -> &'static Library {
    static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
        load_library(&LoadOptions {
            bundled: true,
            ..Default::default()
        })
    });
    &LIBRARY
}

/// The bundled decks as their files in `content/` hold them, recall `examples` included
/// (the copy in the binary leaves them out: build/examples.rs), loaded once per test
/// binary.
pub fn content() -> &'static Library {
    static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
        load_library(&LoadOptions {
            dirs: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("content")],
            ..Default::default()
        })
    });
    &LIBRARY
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let path = dir.join(name);
    fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// How a path is named in messages.
pub fn shown(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

// A deck of the user's own (`--decks`), for the tests that need one.

pub const USER_DECK: &str = "\
id: mine
title: My deck
description: My own cards.
topics:
  - id: basics
    title: Basics
";

/// A complete, valid card; `@ID@`, `@TITLE@` and `@PROMPT@` are filled in by [`card`].
/// Title and prompt are YAML double-quoted strings, so they may hold `\u` escapes.
pub const CARD_TEMPLATE: &str = r#"id: @ID@
title: "@TITLE@"
topic: basics
tags: [math]
difficulty: easy
prompt: "@PROMPT@"
python:
  solution: |
    def add(a, b):
        return a + b
  tests: |
    assert add(1, 2) == 3
rust:
  solution: |
    pub fn add(a: i32, b: i32) -> i32 {
        a + b
    }
  tests: |
    #[cfg(test)]
    mod tests {
        use super::*;
        #[test]
        fn adds() {
            assert_eq!(add(1, 2), 3);
        }
    }
explanation: The + operator does it.
key_points:
  - Use the + operator.
pitfalls:
  - Overflow in Rust.
complexity:
  time: O(1)
  space: O(1)
follow_ups:
  - What happens on overflow?
"#;

pub fn card(id: &str, title: &str, prompt: &str) -> String {
    CARD_TEMPLATE
        .replace("@ID@", id)
        .replace("@TITLE@", title)
        .replace("@PROMPT@", prompt)
}

/// A deck folder `mine` under `root` holding one valid card.
pub fn user_deck(root: &Path, id: &str, title: &str, prompt: &str) -> PathBuf {
    let dir = root.join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    write(&dir, "01-card.yaml", &card(id, title, prompt));
    dir
}
