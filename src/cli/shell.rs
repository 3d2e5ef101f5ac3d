//! `tutor completions SHELL` and `tutor man`: tutor in the shell's own tools.
//!
//! Completion scripts are generated from the clap definition, so they follow it. Card,
//! deck and topic ids are not part of the definition (a deck of your own adds some), so
//! the script is generated from a copy of it that lists the ids of the decks loaded when
//! it runs as each such argument's possible values: shells that complete values (bash,
//! zsh, fish, elvish, PowerShell) then offer them. Regenerate after adding a deck.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap::builder::PossibleValuesParser;
use clap_complete::Shell;

use super::Cli;
use crate::content::Library;

/// The argument names (clap ids) that take a card id, a deck id or a topic (or tag).
const CARD_ARGS: &[&str] = &["card_id", "card"];
const DECK_ARGS: &[&str] = &["deck"];
const TOPIC_ARGS: &[&str] = &["topic"];

/// Prints the completion script for `shell`.
pub fn completions(cli: &Cli, shell: Shell) -> eyre::Result<ExitCode> {
    let library = cli.load();
    let mut command = with_ids(Cli::command(), &library);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "tutor", &mut out);
    print(&out)
}

/// Prints the man page, as roff: clap's sections, then where tutor keeps its files.
pub fn man() -> eyre::Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.extend_from_slice(FILES.as_bytes());
    print(&out)
}

/// The man page's FILES section (README.md, "Where data lives", says the same at length).
const FILES: &str = r".SH FILES
.TP
\fI$XDG_DATA_HOME/tutor\fR (usually \fI~/.local/share/tutor\fR)
The data dir, unless \fB\-\-data\-dir\fR or \fBTUTOR_DATA_DIR\fR names another.
.TP
\fItutor.db\fR
The SQLite database: the review log, each card\*(Aqs scheduling state (rebuilt from the log by
\fBtutor rebuild\fR), quiz answers and the decks whose tests you agreed to run.
.TP
\fIattempts/\fR
Your code from the practice screen, one folder per card.
.TP
\fIcache/\fR
Parsed decks and highlighted code; deleting it is always safe.
.SH SEE ALSO
\fBtutor help\fR \fICOMMAND\fR for each command\*(Aqs options; in the session, \fB?\fR lists the keys.
";

fn print(bytes: &[u8]) -> eyre::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`tutor man | head`) is not an error worth a message.
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// `command` with the loaded library's ids as the possible values of every argument
/// that takes one, in every subcommand. Only the generated script sees this copy: the
/// parser itself accepts any id and says which are known when one is not.
fn with_ids(command: clap::Command, library: &Library) -> clap::Command {
    let cards: BTreeSet<String> = library.cards().map(|(_, c)| c.id.to_string()).collect();
    let decks: BTreeSet<String> = library.decks.iter().map(|d| d.meta.id.clone()).collect();
    let topics: BTreeSet<String> = library
        .decks
        .iter()
        .flat_map(|d| d.meta.topics.iter().map(|t| t.id.clone()))
        .chain(library.cards().flat_map(|(_, c)| c.tags.iter().cloned()))
        .collect();
    command.mut_subcommands(|sub| {
        sub.mut_args(|arg| {
            let id = arg.get_id().as_str();
            let values = if CARD_ARGS.contains(&id) {
                &cards
            } else if DECK_ARGS.contains(&id) {
                &decks
            } else if TOPIC_ARGS.contains(&id) {
                &topics
            } else {
                return arg;
            };
            arg.value_parser(PossibleValuesParser::new(values.iter().cloned()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn possible(command: &clap::Command, sub: &str, arg: &str) -> Vec<String> {
        let sub = command.find_subcommand(sub).expect("the subcommand");
        let arg = sub
            .get_arguments()
            .find(|a| a.get_id() == arg)
            .expect("the argument");
        arg.get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    #[test]
    fn card_deck_and_topic_arguments_list_the_library_ids() {
        let library = crate::content::bundled_library();
        let command = with_ids(Cli::command(), library);
        let cards = possible(&command, "show", "card_id");
        assert!(cards.contains(&"lru-cache".to_string()), "{cards:?}");
        assert_eq!(cards.len(), library.card_count());
        assert_eq!(possible(&command, "practice", "card_id"), cards);
        assert_eq!(possible(&command, "quiz", "card"), cards);
        assert_eq!(possible(&command, "review", "deck"), ["amazon-python"]);
        let topics = possible(&command, "review", "topic");
        assert!(topics.contains(&"aws".to_string()), "{topics:?}");
        // Arguments that take other things are left alone.
        assert!(possible(&command, "test", "file").is_empty());
    }

    #[test]
    fn the_parser_itself_still_takes_any_id() {
        // The real parser is not the completion copy: an id from a deck added later
        // parses, and `show` says whether it is known.
        let cli = <Cli as clap::Parser>::try_parse_from(["tutor", "show", "not-a-card-yet"]);
        assert!(cli.is_ok());
    }
}
