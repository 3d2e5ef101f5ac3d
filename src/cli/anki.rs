//! `tutor export anki FILE [--deck ID]`: the cards as notes for Anki's text import
//! (the format is `crate::anki`'s).

use std::path::Path;
use std::process::ExitCode;

use super::Cli;
use crate::anki;
use crate::highlight::Highlighter;
use crate::text::{Shown, sanitize};

pub fn export(cli: &Cli, file: &Path, deck: Option<&Shown>) -> eyre::Result<ExitCode> {
    let library = cli.load();
    super::warn_problems(&library.problems);
    let Some(decks) = anki::decks(&library, deck.map(Shown::as_str)) else {
        let known: Vec<&str> = library.decks.iter().map(|d| d.meta.id.as_str()).collect();
        eprintln!(
            "error: no deck with id `{}`; the decks are: {}",
            deck.map_or("", Shown::as_str),
            known.join(", ")
        );
        return Ok(ExitCode::FAILURE);
    };
    let highlighter = Highlighter::new()?;
    let notes = anki::notes(decks, &highlighter);
    let mut text = Vec::new();
    anki::write(&notes, &mut text)?;
    if file == Path::new("-") {
        use std::io::Write as _;
        std::io::stdout().lock().write_all(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Whole or not at all: an existing file is replaced only by a complete export.
    if let Err(e) = crate::paths::replace_file(file, &[&text]) {
        eprintln!(
            "error: cannot write {}: {e}",
            sanitize(&file.display().to_string())
        );
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "exported {} to {} (in Anki: File > Import; importing again updates the same notes)",
        super::plural(notes.len(), "note", "notes"),
        sanitize(&file.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
