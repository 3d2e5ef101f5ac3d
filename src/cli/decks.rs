//! Commands about decks: the listing `tutor` prints, `check` and `show`.

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Cli, plural, starters, warn_problems};
use crate::ansi;
use crate::content::starters::StarterSite;
use crate::content::{
    Library, LoadOptions, Problem, Severity, load::check_library, load::check_paths,
};
use crate::highlight::Highlighter;
use crate::show::card_text;
use crate::text::Shown;

pub fn home(cli: &Cli) -> ExitCode {
    let library = cli.load();
    warn_problems(&library.problems);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "tutor {}: keyboard-only coding-interview practice\n",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("Decks\n");
    // One column for every title, after the longest id.
    let id_width = library
        .cards()
        .map(|(_, card)| card.id.as_str().chars().count())
        .max()
        .unwrap_or(0);
    for deck in &library.decks {
        let _ = writeln!(
            out,
            "  {}  {} ({}), {}",
            deck.meta.id,
            deck.meta.title,
            plural(deck.cards.len(), "card", "cards"),
            origin(&deck.origin)
        );
        for card in &deck.cards {
            let _ = writeln!(out, "    {:<id_width$}  {}", card.id.as_str(), card.title);
        }
    }
    if library.decks.is_empty() {
        out.push_str("  (none)\n");
    }
    out.push_str(
        "\nRun `tutor` in a terminal for the full-screen session (review, browse, stats).\n",
    );
    out.push_str(&super::commands::listing());
    print!("{out}");
    ExitCode::SUCCESS
}

/// Where a deck comes from, for the listing: a bundled deck is in the binary, not in a
/// `content/` folder the user could look for.
fn origin(origin: &str) -> String {
    if crate::content::source::bundled()
        .iter()
        .any(|b| b.origin == origin)
    {
        "bundled".to_string()
    } else {
        format!("from {}", crate::text::sanitize(origin))
    }
}

/// Prints every problem and warning in file order. Exit 1 on a problem, or on a warning
/// when `strict` (which reports warnings as errors).
pub fn check(cli: &Cli, paths: &[PathBuf], strict: bool) -> eyre::Result<ExitCode> {
    let mut library = if paths.is_empty() {
        // No cache: check always parses and validates everything.
        check_library(&LoadOptions {
            bundled: true,
            dirs: cli.decks.clone(),
            cache_dir: None,
        })
    } else {
        check_paths(paths)
    };
    // Warnings go apart: they are printed with the problems but fail only with --strict.
    let mut warnings = std::mem::take(&mut library.warnings);
    // The bundled decks' starters were compiled and run against their tests when this
    // tutor was built (tests/samples.rs); a deck named by path, or added with --decks,
    // gets them compiled here.
    let sites: Vec<&StarterSite> = library
        .starters
        .iter()
        .filter(|site| {
            !paths.is_empty()
                || library
                    .card(site.card.as_str())
                    .is_none_or(|(deck, _)| !crate::runner::trust::is_bundled(deck))
        })
        .collect();
    let report = starters::check(&sites, |site| starter_text(&library, site));
    for note in &report.notes {
        eprintln!("note: {}", crate::text::sanitize(note));
    }
    let mut problems = library.problems.clone();
    problems.extend(report.problems.iter().map(|(_, p)| p.clone()));
    // A card whose starter does not compile is not a card without problems.
    let mut broken: Vec<(&str, usize)> = report
        .problems
        .iter()
        .map(|&(i, _)| (sites[i].file.as_str(), sites[i].card_at.0))
        .collect();
    broken.sort_unstable();
    broken.dedup();
    let cards = library.card_count() - broken.len();
    let decks = library
        .decks
        .iter()
        .filter(|d| !d.meta.id.is_empty())
        .count();
    let mut what = plural(cards, "card", "cards");
    if decks > 0 {
        let _ = write!(what, " in {}", plural(decks, "deck", "decks"));
    }
    if strict {
        for warning in &mut warnings {
            warning.severity = Severity::Error;
        }
    }
    let errors = problems.len() + if strict { warnings.len() } else { 0 };
    let mut all: Vec<&Problem> = problems.iter().chain(&warnings).collect();
    all.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    let mut out = std::io::stdout().lock();
    for problem in all {
        writeln!(out, "{problem}")?;
    }
    match (errors, warnings.len()) {
        (0, 0) => writeln!(out, "{what}, no problems")?,
        (0, n) => writeln!(
            out,
            "{what}, no problems, {} (--strict makes them errors)",
            plural(n, "warning", "warnings")
        )?,
        (n, _) if strict => writeln!(
            out,
            "{} ({what} loaded; --strict counts warnings as problems)",
            plural(n, "problem", "problems")
        )?,
        (n, w) => writeln!(
            out,
            "{}{} ({what} without problems)",
            plural(n, "problem", "problems"),
            if w == 0 {
                String::new()
            } else {
                format!(", {}", plural(w, "warning", "warnings"))
            }
        )?,
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The starter at `site`, from the card loaded there.
fn starter_text<'a>(library: &'a Library, site: &StarterSite) -> Option<&'a str> {
    let (_, card) = library.card(site.card.as_str())?;
    let block = match site.lang {
        "python" => card.python(),
        _ => card.rust(),
    };
    block?.starter.as_deref()
}

pub fn show(cli: &Cli, card_id: &Shown, plain: bool) -> eyre::Result<ExitCode> {
    let library = cli.load();
    let Some((deck, card)) = library.card(card_id) else {
        warn_problems(&library.problems);
        eprintln!("error: {}", unknown_card(&library, card_id));
        return Ok(ExitCode::FAILURE);
    };
    let color = !plain && cli.color();
    let highlighter = if color {
        Some(Highlighter::new()?)
    } else {
        None
    };
    // Text wraps at the terminal's width (at most 100 columns, for reading), else at 80.
    let width = if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(crate::show::WIDTH, |(w, _)| w.min(100))
    } else {
        crate::show::WIDTH
    };
    let text = card_text(deck, card, highlighter.as_ref(), width);
    let mut out = std::io::stdout().lock();
    out.write_all(ansi::render(&text, color).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// What a command says of a card id no deck has: the ids it is close to, or every id,
/// so the learner can pick the right one (`tutor show`, `tutor browse`, `tutor quiz
/// --card ... --answer`).
pub fn unknown_card(library: &Library, card_id: &str) -> String {
    let ids: Vec<&str> = library.cards().map(|(_, c)| c.id.as_str()).collect();
    let close = closest(card_id, &ids);
    let mut message = format!("no card with id `{}`", crate::text::sanitize(card_id));
    if close.is_empty() {
        let _ = write!(message, "; the cards are: {}", ids.join(", "));
    } else {
        let _ = write!(message, "; did you mean: {}?", close.join(", "));
    }
    message
}

/// Up to three ids closest to `wanted`: those containing it first, then by edit
/// distance (only reasonably close ones).
pub fn closest<'a>(wanted: &str, ids: &[&'a str]) -> Vec<&'a str> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = ids
        .iter()
        .map(|&id| {
            let score = if !wanted.is_empty() && id.contains(wanted.as_str()) {
                2.0
            } else {
                strsim::normalized_damerau_levenshtein(&wanted, id)
                    .max(strsim::jaro_winkler(&wanted, id) - 0.2)
            };
            (score, id)
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_ids() {
        let ids = ["lru-cache", "group-anagrams", "gil", "args-kwargs"];
        assert_eq!(closest("lru", &ids), ["lru-cache"]);
        assert_eq!(closest("lru-cahce", &ids), ["lru-cache"]);
        assert_eq!(closest("anagram", &ids), ["group-anagrams"]);
        assert!(closest("zzzzzz", &ids).is_empty());
    }
}
