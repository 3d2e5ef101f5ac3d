//! `tutor test CARD FILE [--trust]`: the card's tests on FILE, the language from its
//! extension (`.py`, `.rs`), each test's result and a summary line. Exit status: 0 when
//! every test passed; 1 on a failure, a timeout, a compile error or a missing tool; 2 for
//! a usage error: an unknown card, a card without code, an unreadable FILE or another
//! extension, and tests of a deck that is not bundled and not trusted (pass --trust).

use std::path::Path;
use std::process::ExitCode;

use super::Cli;
use crate::runner::{self, Lang, Outcome, trust};
use crate::store::Store;
use crate::text::sanitize;
use crate::worker::Cancel;

const USAGE: u8 = 2;

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {}", sanitize(message));
    ExitCode::from(USAGE)
}

pub fn test(cli: &Cli, card_id: &str, file: &Path, trusted: bool) -> ExitCode {
    let shown = file.display().to_string();
    let Some(lang) = Lang::of_path(file) else {
        return usage(&format!(
            "{shown}: the file must end in .py (Python) or .rs (Rust)"
        ));
    };
    let source = match crate::paths::read_code(file) {
        Ok(source) => source,
        Err(e) => return usage(&format!("cannot read {shown}: {e}")),
    };
    let library = cli.load();
    let Some((deck, card)) = library.card(card_id) else {
        return usage(&super::decks::unknown_card(&library, card_id));
    };
    let Some((python, rust)) = card.code() else {
        return usage(&format!("card {card_id} has no code to test"));
    };
    if let Err(why) = may_run_tests(cli, deck, trusted) {
        return usage(&why);
    }
    let tests = match lang {
        Lang::Python => &python.tests,
        Lang::Rust => &rust.tests,
    };
    let report = runner::run(lang, &source, tests, &Cancel::new());
    let mut out = std::io::stdout().lock();
    for line in report.lines() {
        let _ = writeln_safe(&mut out, &line);
    }
    let summary = report.summary();
    let _ = writeln_safe(&mut out, &summary);
    if report.outcome == Outcome::Passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Whether the tests of `deck` may run: a bundled deck's always; another's once the
/// user agreed (`--trust`, remembered in the store until its tests change). The error
/// says why not, and what to do.
pub(super) fn may_run_tests(
    cli: &Cli,
    deck: &crate::content::Deck,
    trusted: bool,
) -> Result<(), String> {
    if trust::is_bundled(deck) {
        return Ok(());
    }
    let hash = trust::tests_hash(deck);
    let store = Store::open(&cli.data_dir().map_err(|e| e.to_string())?);
    let agreed = store
        .as_ref()
        .is_ok_and(|s| s.trusts(&deck.meta.id, &hash).unwrap_or(false));
    if !agreed && !trusted {
        return Err(format!(
            "the deck {} ({}) is not bundled with tutor: its tests are someone else's \
             code and run as you, with your files (this is not a sandbox). Read them, \
             then pass --trust to run them; tutor remembers until they change.",
            deck.meta.id, deck.origin
        ));
    }
    if !agreed && let Ok(store) = &store {
        let now = jiff::Timestamp::now().as_millisecond();
        if let Err(e) = store.trust(&deck.meta.id, &hash, now) {
            eprintln!("warning: {}", sanitize(&e.to_string()));
        }
    }
    Ok(())
}

fn writeln_safe(out: &mut impl std::io::Write, line: &str) -> std::io::Result<()> {
    writeln!(out, "{}", sanitize(line))
}
