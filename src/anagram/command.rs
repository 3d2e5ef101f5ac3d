//! What the anagram lab's console accepts: one table of commands (as the LRU lab's), so
//! parsing, Tab completion, `help` and the help overlay read the same rows. Errors reuse
//! the LRU lab's [`ParseError`] and [`LineError`], which say what was expected after
//! the word that broke the rule.

use crate::command_table::{self, CommandSpec, Completion};
pub use crate::lru::command::{LineError, ParseError, shorten};

use super::KeyMode;

/// One console command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `add WORD`: the word into its bucket (checked when it runs).
    Add(String),
    /// `key sorted|count`: the key mode; every word is re-bucketed.
    Key(KeyMode),
    /// `reset`: no buckets.
    Reset,
    /// `undo`: step back one operation.
    Undo,
    /// `help [CMD]`.
    Help(Option<&'static str>),
}

/// A row of [`COMMANDS`].
pub type AnagramCommand = CommandSpec<Command, ParseError>;

/// Every command.
#[rustfmt::skip]
pub static COMMANDS: &[AnagramCommand] = &[
    row("add", "WORD", "put WORD (letters a-z, at most 16) in the bucket of its key", add),
    row("key", "MODE", "key by `sorted` letters or letter `count`s; re-buckets every word", key),
    row("reset", "", "remove every bucket", |_| Ok(Command::Reset)),
    row("undo", "", "step back one operation", |_| Ok(Command::Undo)),
    row("help", "[CMD]", "list the commands, or explain CMD", help),
];

use command_table::row;

/// The commands' syntax, `add WORD, key MODE, ...`; `short` leaves out optional ones.
pub fn syntax_list(short: bool) -> String {
    command_table::syntax_list(COMMANDS, short)
}

/// What Tab does to `word`, the start of a command's name.
pub fn complete(word: &str) -> Completion {
    command_table::complete(COMMANDS, word)
}

/// `help CMD`'s answer.
pub fn explain(name: &str) -> Option<String> {
    command_table::explain(COMMANDS, name)
}

fn error(at: usize, expected: impl Into<String>) -> ParseError {
    ParseError {
        at,
        expected: expected.into(),
    }
}

/// Parses one console line.
pub fn parse(line: &str) -> Result<Command, LineError> {
    let words: Vec<&str> = line.split_whitespace().collect();
    parse_words(&words).map_err(|e| crate::lru::command::line_error(&words, e))
}

/// Parses a command from its words.
pub fn parse_words(words: &[&str]) -> Result<Command, ParseError> {
    let Some(name) = words.first() else {
        return Err(error(
            0,
            "a command such as `add eat` (`help` lists them all)",
        ));
    };
    let Some(spec) = command_table::find(COMMANDS, name) else {
        return Err(error(0, format!("a command: {}", syntax_list(true))));
    };
    let command = (spec.handler)(words)?;
    let most = 1 + spec.max_args();
    if words.len() > most {
        return Err(error(
            most,
            format!("nothing more after `{}`", spec.syntax()),
        ));
    }
    Ok(command)
}

fn add(words: &[&str]) -> Result<Command, ParseError> {
    words
        .get(1)
        .map(|w| Command::Add((*w).to_string()))
        .ok_or_else(|| error(1, "a word after `add` (e.g. `add eat`)"))
}

fn key(words: &[&str]) -> Result<Command, ParseError> {
    let expected = "`sorted` or `count` after `key`";
    match words.get(1).map(|w| w.to_ascii_lowercase()).as_deref() {
        Some("sorted") => Ok(Command::Key(KeyMode::Sorted)),
        Some("count") => Ok(Command::Key(KeyMode::Count)),
        _ => Err(error(1, expected)),
    }
}

fn help(words: &[&str]) -> Result<Command, ParseError> {
    let Some(word) = words.get(1) else {
        return Ok(Command::Help(None));
    };
    command_table::find(COMMANDS, word)
        .map(|spec| Command::Help(Some(spec.name)))
        .ok_or_else(|| {
            error(
                1,
                "a command to explain after `help`: add, key, reset, undo or help",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_and_errors_name_the_word() {
        assert_eq!(parse("add eat"), Ok(Command::Add("eat".into())));
        assert_eq!(parse("KEY count"), Ok(Command::Key(KeyMode::Count)));
        assert_eq!(parse("undo"), Ok(Command::Undo));
        assert_eq!(parse("help key"), Ok(Command::Help(Some("key"))));
        let e = parse("key up").unwrap_err().to_string();
        assert_eq!(e, "`up`: expected `sorted` or `count` after `key`");
        let e = parse("add").unwrap_err().to_string();
        assert!(e.starts_with("`add` is incomplete"), "{e}");
        let e = parse("add a b").unwrap_err().to_string();
        assert!(e.starts_with("`b`: expected nothing more"), "{e}");
        let e = parse("frob").unwrap_err().to_string();
        assert!(e.contains("add WORD, key MODE, reset, undo, help"), "{e}");
    }

    #[test]
    fn tab_completes_from_the_table() {
        assert_eq!(
            complete("k"),
            Completion::One {
                name: "key",
                args: true
            }
        );
        assert_eq!(
            complete("re"),
            Completion::One {
                name: "reset",
                args: false
            }
        );
        assert_eq!(complete("z"), Completion::None);
    }
}
