//! What the lab's console accepts, parsed from words into a [`Command`].
//!
//! Parsing works on a slice of words so that the console (one line) and `tutor lru
//! --script` (many commands with positions) share it: an error names the index of the
//! word that broke the rule, or the word count when something is missing, and says what
//! was expected in a phrase that reads after "expected".

use std::fmt;

use crate::command_table::{self, CommandSpec, Completion};

/// The largest capacity the lab takes: `LeetCode` 146's own upper bound.
pub const MAX_CAPACITY: usize = 3000;

/// The most operations one `fill` generates.
pub const MAX_FILL: usize = 1000;

/// The most steps one `undo N` or `redo N` asks for (the history is bounded anyway).
pub const MAX_STEPS: usize = 1000;

/// One console command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `put K V`: insert or update.
    Put { key: i64, value: i64 },
    /// `get K`: look up, refreshing recency on a hit.
    Get { key: i64 },
    /// `cap N`: change the capacity, evicting as needed.
    Cap(usize),
    /// `reset`: empty the cache and clear the counters and log.
    Reset,
    /// `undo [N]`: step back N operations (1 by default).
    Undo(usize),
    /// `redo [N]`: step forward again.
    Redo(usize),
    /// `fill N [SEED]`: N random operations, from the lab's next seed unless given.
    Fill { count: usize, seed: Option<u64> },
    /// `help [CMD]`: list the commands, or explain one (its name, from [`COMMANDS`]).
    Help(Option<&'static str>),
}

/// A row of [`COMMANDS`]: the handler gets all the words, the name first.
pub type LabCommand = CommandSpec<Command, ParseError>;

/// Every command: what parsing, Tab completion, `help` and the help overlay read.
#[rustfmt::skip]
pub static COMMANDS: &[LabCommand] = &[
    row("put", "K V", "insert K with value V, or update it; K becomes most recent", put),
    row("get", "K", "the value of K (a hit makes it most recent) or -1 (a miss)", get),
    row("cap", "N", "set the capacity to N (0-3000), evicting the least recent", cap),
    row("reset", "", "empty the cache, clear the counters and the log", |_| Ok(Command::Reset)),
    row("undo", "[N]", "step back 1 (or N) operations", |w| Ok(Command::Undo(optional_count(w, "undo")?))),
    row("redo", "[N]", "step forward again after undo", |w| Ok(Command::Redo(optional_count(w, "redo")?))),
    row("fill", "N [SEED]", "N random gets and puts (1-1000) from the seed shown", fill),
    row("help", "[CMD]", "list the commands, or explain CMD", help),
];

use command_table::row;

/// The commands' syntax, `put K V, get K, ...`; `short` leaves out optional arguments.
pub fn syntax_list(short: bool) -> String {
    command_table::syntax_list(COMMANDS, short)
}

/// What Tab does to `word`, the start of a command's name.
pub fn complete(word: &str) -> Completion {
    command_table::complete(COMMANDS, word)
}

/// Why a command did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Index of the offending word; equal to the word count when a word is missing.
    pub at: usize,
    /// What would have been valid, phrased to follow "expected".
    pub expected: String,
}

impl ParseError {
    fn new(at: usize, expected: impl Into<String>) -> Self {
        Self {
            at,
            expected: expected.into(),
        }
    }
}

/// Why a console line is not a lab command: the one-line message the console shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    /// Nothing was typed.
    #[error("expected {expected}")]
    Empty { expected: String },
    /// `word` (as typed) is wrong.
    #[error("`{}`: expected {expected}", shorten(word))]
    Word { word: String, expected: String },
    /// The line ended too soon; `line` is its words, one space apart.
    #[error("`{line}` is incomplete: expected {expected}")]
    Incomplete { line: String, expected: String },
}

impl LineError {
    /// Whether the message already quotes all of `line` (a one-word line), so the
    /// console need not repeat it.
    pub fn quotes(&self, line: &str) -> bool {
        matches!(self, Self::Word { word, .. } if word == line)
    }
}

/// Parses one console line.
pub fn parse(line: &str) -> Result<Command, LineError> {
    let words: Vec<&str> = line.split_whitespace().collect();
    parse_words(&words).map_err(|e| line_error(&words, e))
}

/// A [`ParseError`] in `words` as the console says it, quoting the word it names.
pub fn line_error(words: &[&str], e: ParseError) -> LineError {
    match words.get(e.at) {
        Some(word) => LineError::Word {
            word: (*word).to_string(),
            expected: e.expected,
        },
        None if words.is_empty() => LineError::Empty {
            expected: e.expected,
        },
        None => LineError::Incomplete {
            line: words.join(" "),
            expected: e.expected,
        },
    }
}

/// A word as quoted back in a message: control characters escaped, and at most 24
/// characters, so a pasted wall of text cannot push the rest of the message off the line.
pub fn shorten(word: &str) -> String {
    command_table::cut(&crate::text::sanitize(word), 24)
}

/// Parses a command from its words (no empty words).
pub fn parse_words(words: &[&str]) -> Result<Command, ParseError> {
    let Some(name) = words.first() else {
        return Err(ParseError::new(
            0,
            "a command such as `put 3 3` or `get 3` (`help` lists them all)",
        ));
    };
    let Some(spec) = command_table::find(COMMANDS, name) else {
        return Err(ParseError::new(0, unknown(name)));
    };
    let command = (spec.handler)(words)?;
    let most = 1 + spec.max_args();
    if words.len() > most {
        return Err(ParseError::new(
            most,
            format!("nothing more after `{}`", spec.syntax()),
        ));
    }
    Ok(command)
}

fn put(words: &[&str]) -> Result<Command, ParseError> {
    Ok(Command::Put {
        key: integer(
            words,
            1,
            "an integer key after `put` (`put KEY VALUE`, e.g. `put 3 3`)",
        )?,
        value: integer(
            words,
            2,
            "an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
        )?,
    })
}

fn get(words: &[&str]) -> Result<Command, ParseError> {
    Ok(Command::Get {
        key: integer(
            words,
            1,
            "an integer key after `get` (`get KEY`, e.g. `get 3`)",
        )?,
    })
}

fn cap(words: &[&str]) -> Result<Command, ParseError> {
    Ok(Command::Cap(count(
        words,
        1,
        0..=MAX_CAPACITY,
        "a capacity from 0 to 3000 after `cap` (e.g. `cap 2`)",
    )?))
}

fn fill(words: &[&str]) -> Result<Command, ParseError> {
    Ok(Command::Fill {
        count: count(
            words,
            1,
            1..=MAX_FILL,
            "how many operations to generate, from 1 to 1000 (`fill N [SEED]`, e.g. `fill 10`)",
        )?,
        seed: match words.get(2) {
            None => None,
            Some(word) => Some(word.parse::<u64>().map_err(|_| {
                ParseError::new(2, "a seed: a whole number from 0 (`fill N SEED`)")
            })?),
        },
    })
}

fn help(words: &[&str]) -> Result<Command, ParseError> {
    let Some(word) = words.get(1) else {
        return Ok(Command::Help(None));
    };
    command_table::find(COMMANDS, word)
        .map(|spec| Command::Help(Some(spec.name)))
        .ok_or_else(|| {
            ParseError::new(1, format!("a command to explain after `help`: {}", names()))
        })
}

/// `help CMD`'s answer: the command's syntax and what it does, from its row.
pub fn explain(name: &str) -> Option<String> {
    command_table::explain(COMMANDS, name)
}

/// The commands' names: `put, get, ... or help`.
fn names() -> String {
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    match names.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn unknown(name: &str) -> String {
    let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    let list = format!("a command: {}", self::names());
    let lower = name.to_ascii_lowercase();
    // The first of the closest names, so `pet` suggests `put` before `get`.
    let closest = names
        .iter()
        .map(|n| (strsim::levenshtein(&lower, n), n))
        .min_by_key(|(distance, _)| *distance);
    match closest {
        // With a likely name the list is left out, so the message fits one console row
        // at 80 columns; `help` still lists every command.
        Some((distance, n)) if distance <= 2 && name.chars().count() > 1 => {
            format!("a command: did you mean `{n}`? (`help` lists them)")
        }
        _ => list,
    }
}

fn integer(words: &[&str], at: usize, expected: &str) -> Result<i64, ParseError> {
    let word = words.get(at).ok_or_else(|| ParseError::new(at, expected))?;
    word.parse::<i64>().map_err(|e| {
        let why = match e.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                " (keys and values are 64-bit integers)"
            }
            _ => "",
        };
        ParseError::new(at, format!("{expected}{why}"))
    })
}

fn count(
    words: &[&str],
    at: usize,
    range: std::ops::RangeInclusive<usize>,
    expected: &str,
) -> Result<usize, ParseError> {
    let word = words.get(at).ok_or_else(|| ParseError::new(at, expected))?;
    match word.parse::<usize>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(ParseError::new(at, expected)),
    }
}

fn optional_count(words: &[&str], name: &str) -> Result<usize, ParseError> {
    if words.len() < 2 {
        return Ok(1);
    }
    count(
        words,
        1,
        1..=MAX_STEPS,
        &format!("how many steps, from 1 to 1000 (`{name} [N]`, e.g. `{name} 3`)"),
    )
}

impl fmt::Display for Command {
    /// The command as the user would type it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Put { key, value } => write!(f, "put {key} {value}"),
            Self::Get { key } => write!(f, "get {key}"),
            Self::Cap(n) => write!(f, "cap {n}"),
            Self::Reset => f.write_str("reset"),
            Self::Undo(n) => write!(f, "undo {n}"),
            Self::Redo(n) => write!(f, "redo {n}"),
            Self::Fill {
                count,
                seed: Some(seed),
            } => write!(f, "fill {count} {seed}"),
            Self::Fill { count, seed: None } => write!(f, "fill {count}"),
            Self::Help(None) => f.write_str("help"),
            Self::Help(Some(name)) => write!(f, "help {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_commands() {
        let table: &[(&str, Command)] = &[
            ("put 3 3", Command::Put { key: 3, value: 3 }),
            ("  PUT   -7  0 ", Command::Put { key: -7, value: 0 }),
            (
                "put +5 9223372036854775807",
                Command::Put {
                    key: 5,
                    value: i64::MAX,
                },
            ),
            ("get 3", Command::Get { key: 3 }),
            ("Get -9223372036854775808", Command::Get { key: i64::MIN }),
            ("cap 0", Command::Cap(0)),
            ("cap 3000", Command::Cap(3000)),
            ("reset", Command::Reset),
            ("undo", Command::Undo(1)),
            ("undo 4", Command::Undo(4)),
            ("redo", Command::Redo(1)),
            ("redo 1000", Command::Redo(1000)),
            (
                "fill 10",
                Command::Fill {
                    count: 10,
                    seed: None,
                },
            ),
            (
                "fill 1000 42",
                Command::Fill {
                    count: 1000,
                    seed: Some(42),
                },
            ),
            ("help", Command::Help(None)),
            ("help PUT", Command::Help(Some("put"))),
        ];
        for (line, expected) in table {
            assert_eq!(parse(line).as_ref(), Ok(expected), "{line:?}");
        }
    }

    #[test]
    fn every_command_displays_as_it_parses() {
        for line in [
            "put 1 -2", "get 0", "cap 7", "reset", "undo 2", "redo 3", "fill 5", "fill 5 9",
            "help", "help cap",
        ] {
            assert_eq!(parse(line).map(|c| c.to_string()).as_deref(), Ok(line));
        }
    }

    #[test]
    fn errors_say_what_was_expected() {
        let table: &[(&str, &str)] = &[
            (
                "",
                "expected a command such as `put 3 3` or `get 3` (`help` lists them all)",
            ),
            (
                "pet 1 1",
                "`pet`: expected a command: did you mean `put`? (`help` lists them)",
            ),
            (
                "xyzzy",
                "`xyzzy`: expected a command: put, get, cap, reset, undo, redo, fill or help",
            ),
            (
                "help frob",
                "`frob`: expected a command to explain after `help`: put, get, cap, reset, undo, redo, fill or help",
            ),
            (
                "put",
                "`put` is incomplete: expected an integer key after `put` (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "put 3",
                "`put 3` is incomplete: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "put x 3",
                "`x`: expected an integer key after `put` (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "put 3 3.5",
                "`3.5`: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            ("put 3 3 3", "`3`: expected nothing more after `put K V`"),
            (
                "get 99999999999999999999",
                "`99999999999999999999`: expected an integer key after `get` (`get KEY`, e.g. `get 3`) (keys and values are 64-bit integers)",
            ),
            (
                "get",
                "`get` is incomplete: expected an integer key after `get` (`get KEY`, e.g. `get 3`)",
            ),
            ("get 1 2", "`2`: expected nothing more after `get K`"),
            (
                "cap -1",
                "`-1`: expected a capacity from 0 to 3000 after `cap` (e.g. `cap 2`)",
            ),
            (
                "cap 3001",
                "`3001`: expected a capacity from 0 to 3000 after `cap` (e.g. `cap 2`)",
            ),
            ("reset now", "`now`: expected nothing more after `reset`"),
            (
                "undo 0",
                "`0`: expected how many steps, from 1 to 1000 (`undo [N]`, e.g. `undo 3`)",
            ),
            (
                "redo x",
                "`x`: expected how many steps, from 1 to 1000 (`redo [N]`, e.g. `redo 3`)",
            ),
            (
                "fill",
                "`fill` is incomplete: expected how many operations to generate, from 1 to 1000 (`fill N [SEED]`, e.g. `fill 10`)",
            ),
            (
                "fill 1001",
                "`1001`: expected how many operations to generate, from 1 to 1000 (`fill N [SEED]`, e.g. `fill 10`)",
            ),
            (
                "fill 5 -1",
                "`-1`: expected a seed: a whole number from 0 (`fill N SEED`)",
            ),
            (
                "fill 5 1 2",
                "`2`: expected nothing more after `fill N [SEED]`",
            ),
        ];
        for (line, message) in table {
            assert_eq!(parse(line).unwrap_err().to_string(), *message, "{line:?}");
        }
    }

    /// A one-word line's error quotes the whole line, so the console need not repeat it.
    #[test]
    fn an_error_knows_when_it_quotes_the_line() {
        assert!(parse("frob").unwrap_err().quotes("frob"));
        assert!(!parse("put x 1").unwrap_err().quotes("put x 1"));
        assert!(!parse("put").unwrap_err().quotes("put"));
    }

    /// The lists of commands come from the table, in its order.
    #[test]
    fn lists_come_from_the_table() {
        assert_eq!(
            syntax_list(false),
            "put K V, get K, cap N, reset, undo [N], redo [N], fill N [SEED], help [CMD]"
        );
        assert_eq!(
            syntax_list(true),
            "put K V, get K, cap N, reset, undo, redo, fill N, help"
        );
        for spec in COMMANDS {
            let example = spec.args.replace(['[', ']'], "").replace("SEED", "1");
            let example = example.replace("CMD", "fill");
            let example = example.replace(['K', 'V', 'N'], "2");
            let line = format!("{} {example}", spec.name);
            assert!(parse(&line).is_ok(), "{line}");
        }
    }

    #[test]
    fn error_positions() {
        assert_eq!(parse_words(&["put", "1"]).map_err(|e| e.at), Err(2));
        assert_eq!(parse_words(&["put", "a", "1"]).map_err(|e| e.at), Err(1));
        assert_eq!(parse_words(&["nope"]).map_err(|e| e.at), Err(0));
        assert_eq!(parse_words(&[]).map_err(|e| e.at), Err(0));
    }

    #[test]
    fn long_words_are_shortened_in_messages() {
        let word = "x".repeat(500);
        let message = parse(&format!("put {word} 1")).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("`{}…`", "x".repeat(23))),
            "{message}"
        );
        assert!(message.chars().count() < 150, "{message}");
    }
}
