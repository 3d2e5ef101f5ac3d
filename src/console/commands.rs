//! The console's `:` commands: one table ([`COMMANDS`]) that parsing, Tab completion and
//! the help overlay all read. A handler only parses; update maps the [`Command`] to what
//! it does.

use crate::command_table::{self, CommandSpec};
use crate::srs::Rating;

/// A console command: the same actions the keys give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Reveal,
    Grade(Rating),
    Undo,
    Quit,
    Home,
    Stats,
    Browse,
    /// `:run`: the card's tests on the code being practised, as Ctrl-R.
    Run,
}

/// Why a `:` line is not a command update can run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// No command has this name (lowercased as typed).
    // Short enough for the console's border and a one-row flash at 80 columns; the
    // help lists the commands.
    #[error("unknown command `{}`: :help lists the commands", clip(.0))]
    Unknown(String),
    /// The command (named as typed) takes no arguments, and some followed.
    #[error(":{0} takes no arguments")]
    NoArguments(String),
    /// `:grade` with a word that is not a grade.
    #[error("unknown grade `{}`: again, hard, good, easy or 1-4", clip(.0))]
    UnknownGrade(String),
    /// `:grade` without exactly one grade.
    #[error(":grade takes one of again, hard, good, easy (or 1-4)")]
    GradeNeedsOne,
    /// A command that works on another screen or in another phase (the line as typed).
    #[error("{0} does nothing here")]
    NotHere(String),
}

/// Where a command does something: help and Tab completion offer it only there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Here {
    /// On every screen with a console.
    Anywhere,
    /// In a review.
    Review,
    /// On the practice screen.
    Practice,
}

impl Here {
    /// Whether a command of this kind does something on `screen` (itself a `Review`,
    /// `Practice` or `Anywhere` for the others).
    fn offered_on(self, screen: Self) -> bool {
        self == Self::Anywhere || self == screen
    }
}

/// A row of [`COMMANDS`].
pub struct ConsoleCommand {
    pub spec: CommandSpec<Command, CommandError>,
    /// Where it works: the help lists it only there.
    pub here: Here,
}

const fn row(
    name: &'static str,
    aliases: &'static [&'static str],
    args: &'static str,
    doc: &'static str,
    here: Here,
    handler: fn(&[&str]) -> Result<Command, CommandError>,
) -> ConsoleCommand {
    ConsoleCommand {
        spec: CommandSpec {
            name,
            aliases,
            args,
            doc,
            handler,
        },
        here,
    }
}

/// Every `:` command, in the order help lists them.
#[rustfmt::skip]
pub static COMMANDS: &[ConsoleCommand] = &[
    row("reveal", &["show"], "", "show the answer", Here::Review, |_| Ok(Command::Reveal)),
    row("grade", &["g"], "good", "grade: again, hard, good, easy, or 1-4", Here::Review, grade),
    row("undo", &["u"], "", "take back the last grade", Here::Review, |_| Ok(Command::Undo)),
    row("run", &["r"], "", "run the card's tests on your code", Here::Practice, |_| Ok(Command::Run)),
    row("home", &[], "", "go home", Here::Anywhere, |_| Ok(Command::Home)),
    row("browse", &[], "", "the card list", Here::Anywhere, |_| Ok(Command::Browse)),
    row("stats", &[], "", "stats and heatmap", Here::Anywhere, |_| Ok(Command::Stats)),
    row("help", &["h", "?"], "", "this help", Here::Anywhere, |_| Ok(Command::Help)),
    row("quit", &["q"], "", "quit", Here::Anywhere, |_| Ok(Command::Quit)),
];

/// The table's command specs, for lookup and completion.
fn specs() -> impl Iterator<Item = &'static CommandSpec<Command, CommandError>> {
    COMMANDS.iter().map(|c| &c.spec)
}

/// The help overlay's rows: `:grade good` and what it does; the review's commands only
/// in a review, practice's only there.
pub fn help_rows(screen: Here) -> Vec<(String, String)> {
    COMMANDS
        .iter()
        .filter(|c| c.here.offered_on(screen))
        .map(|c| (format!(":{}", c.spec.syntax()), c.spec.doc.to_string()))
        .collect()
}

/// What Tab does to `word`, the start of a command's name typed after `:`: only the
/// commands that do something on `screen` (the review's only in a review), as help
/// lists them.
pub fn complete(word: &str, screen: Here) -> command_table::Completion {
    let here = COMMANDS.iter().filter(|c| c.here.offered_on(screen));
    command_table::complete(here.map(|c| &c.spec), word)
}

/// What Tab does to `word` among every command, wherever it works.
pub fn complete_every(word: &str) -> command_table::Completion {
    command_table::complete(specs(), word)
}

/// Parses a line typed after `:`. `Ok(None)` for an empty line.
pub fn parse(line: &str) -> Result<Option<Command>, CommandError> {
    let line = line.trim().trim_start_matches(':').trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some(&word) = words.first() else {
        return Ok(None);
    };
    let spec = command_table::find(specs(), word)
        .ok_or_else(|| CommandError::Unknown(word.to_lowercase()))?;
    let command = (spec.handler)(&words)?;
    if words.len() > 1 + spec.max_args() {
        return Err(CommandError::NoArguments(word.to_string()));
    }
    Ok(Some(command))
}

fn grade(words: &[&str]) -> Result<Command, CommandError> {
    match words {
        [_, grade] => parse_grade(grade)
            .map(Command::Grade)
            .ok_or_else(|| CommandError::UnknownGrade((*grade).to_string())),
        _ => Err(CommandError::GradeNeedsOne),
    }
}

/// The longest a word typed by the user is echoed in an error message, in chars.
const ECHO: usize = 16;

/// `word`, cut to [`ECHO`] chars with `…` when longer, so a message quoting it still
/// fits the console.
fn clip(word: &str) -> String {
    command_table::cut(word, ECHO)
}

fn parse_grade(word: &str) -> Option<Rating> {
    match word.to_lowercase().as_str() {
        "again" | "a" | "1" => Some(Rating::Again),
        "hard" | "2" => Some(Rating::Hard),
        "good" | "g" | "3" => Some(Rating::Good),
        "easy" | "e" | "4" => Some(Rating::Easy),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(parse(":help"), Ok(Some(Command::Help)));
        assert_eq!(
            parse("  :grade Good "),
            Ok(Some(Command::Grade(Rating::Good)))
        );
        assert_eq!(parse(":g 1"), Ok(Some(Command::Grade(Rating::Again))));
        assert_eq!(parse(":SHOW"), Ok(Some(Command::Reveal)));
        assert_eq!(parse(":"), Ok(None));
        assert_eq!(
            parse(":grade meh"),
            Err(CommandError::UnknownGrade("meh".into()))
        );
        assert_eq!(parse(":grade"), Err(CommandError::GradeNeedsOne));
        assert_eq!(parse(":grade good easy"), Err(CommandError::GradeNeedsOne));
        assert_eq!(
            parse(":Quit now"),
            Err(CommandError::NoArguments("Quit".into()))
        );
        assert_eq!(parse(":Frob"), Err(CommandError::Unknown("frob".into())));
    }

    /// The messages the console and the flash show, word for word.
    #[test]
    fn errors_read_as_before() {
        let said = |line: &str| parse(line).unwrap_err().to_string();
        assert_eq!(
            said(":grade meh"),
            "unknown grade `meh`: again, hard, good, easy or 1-4"
        );
        assert_eq!(
            said(":grade"),
            ":grade takes one of again, hard, good, easy (or 1-4)"
        );
        assert_eq!(said(":q now"), ":q takes no arguments");
        assert_eq!(
            said(":frob"),
            "unknown command `frob`: :help lists the commands"
        );
        // An error quoting a long word still fits the console at 80 columns.
        let long = said(&format!(":{}", "x".repeat(300)));
        assert!(long.chars().count() < 70, "{long}");
        let long = said(&format!(":grade {}", "x".repeat(300)));
        assert!(long.chars().count() < 70, "{long}");
    }

    /// Every name and alias in the table parses to a command (a row whose handler
    /// needs arguments gets an example), and no two rows share a name.
    #[test]
    fn every_row_parses_by_every_name() {
        let mut seen = Vec::new();
        for row in COMMANDS {
            let spec = &row.spec;
            for name in std::iter::once(&spec.name).chain(spec.aliases) {
                assert!(!seen.contains(name), "{name} twice");
                seen.push(name);
                let line = format!(":{name} {}", spec.args);
                assert!(parse(&line).is_ok_and(|c| c.is_some()), "{line}");
            }
        }
    }

    #[test]
    fn help_lists_the_review_commands_only_in_a_review() {
        let names = |here| -> Vec<String> { help_rows(here).into_iter().map(|(c, _)| c).collect() };
        assert_eq!(
            names(Here::Anywhere),
            [":home", ":browse", ":stats", ":help", ":quit"]
        );
        assert_eq!(
            names(Here::Practice),
            [":run", ":home", ":browse", ":stats", ":help", ":quit"]
        );
        let review = help_rows(Here::Review);
        assert_eq!(review.len(), COMMANDS.len() - 1);
        assert_eq!(
            review[1],
            (
                ":grade good".to_string(),
                "grade: again, hard, good, easy, or 1-4".to_string()
            )
        );
    }
}
