//! What the lab's console accepts, parsed from words into a [`Command`].
//!
//! Parsing works on a slice of words so that the console (one line) and `tutor lru
//! --script` (many commands with positions) share it: an error names the index of the
//! word that broke the rule, or the word count when something is missing, and says what
//! was expected in a phrase that reads after "expected".

use std::fmt;

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
    /// `help`: list the commands.
    Help,
}

/// Every command with its syntax and what it does, for `help` and the help overlay.
pub const HELP: &[(&str, &str)] = &[
    (
        "put K V",
        "insert K with value V, or update it; K becomes most recent",
    ),
    (
        "get K",
        "the value of K (a hit makes it most recent) or -1 (a miss)",
    ),
    (
        "cap N",
        "set the capacity to N (0-3000), evicting the least recent",
    ),
    ("reset", "empty the cache, clear the counters and the log"),
    ("undo [N]", "step back 1 (or N) operations"),
    ("redo [N]", "step forward again after undo"),
    (
        "fill N [SEED]",
        "N random gets and puts (1-1000) from the seed shown",
    ),
    ("help", "this list"),
];

const NAMES: &[&str] = &["put", "get", "cap", "reset", "undo", "redo", "fill", "help"];

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

/// Parses one console line. The error is the one-line message the console shows.
pub fn parse(line: &str) -> Result<Command, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    parse_words(&words).map_err(|e| match words.get(e.at) {
        Some(word) => format!("`{}`: expected {}", shorten(word), e.expected),
        None if words.is_empty() => format!("expected {}", e.expected),
        None => format!(
            "`{}` is incomplete: expected {}",
            words.join(" "),
            e.expected
        ),
    })
}

/// A word as quoted back in a message: control characters escaped, and at most 24
/// characters, so a pasted wall of text cannot push the rest of the message off the line.
pub fn shorten(word: &str) -> String {
    const MAX: usize = 24;
    let word = crate::text::sanitize(word);
    if word.chars().count() <= MAX {
        word.to_string()
    } else {
        let mut short: String = word.chars().take(MAX - 1).collect();
        short.push('…');
        short
    }
}

/// Parses a command from its words (no empty words).
pub fn parse_words(words: &[&str]) -> Result<Command, ParseError> {
    let Some(name) = words.first() else {
        return Err(ParseError::new(
            0,
            "a command such as `put 3 3` or `get 3` (`help` lists them all)",
        ));
    };
    let command = match name.to_ascii_lowercase().as_str() {
        "put" => Command::Put {
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
        },
        "get" => Command::Get {
            key: integer(
                words,
                1,
                "an integer key after `get` (`get KEY`, e.g. `get 3`)",
            )?,
        },
        "cap" => Command::Cap(count(
            words,
            1,
            0..=MAX_CAPACITY,
            "a capacity from 0 to 3000 after `cap` (e.g. `cap 2`)",
        )?),
        "reset" => Command::Reset,
        "undo" => Command::Undo(optional_count(words, "undo")?),
        "redo" => Command::Redo(optional_count(words, "redo")?),
        "fill" => Command::Fill {
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
        },
        "help" => Command::Help,
        _ => return Err(ParseError::new(0, unknown(name))),
    };
    let used = match command {
        Command::Put { .. } => 3,
        Command::Get { .. } | Command::Cap(_) => 2,
        Command::Reset | Command::Help => 1,
        Command::Undo(_) | Command::Redo(_) => words.len().min(2),
        Command::Fill { seed, .. } => 2 + usize::from(seed.is_some()),
    };
    if words.len() > used {
        return Err(ParseError::new(
            used,
            format!("nothing more after `{}`", syntax(&command)),
        ));
    }
    Ok(command)
}

/// The syntax of a command, as `help` shows it.
fn syntax(command: &Command) -> &'static str {
    let index = match command {
        Command::Put { .. } => 0,
        Command::Get { .. } => 1,
        Command::Cap(_) => 2,
        Command::Reset => 3,
        Command::Undo(_) => 4,
        Command::Redo(_) => 5,
        Command::Fill { .. } => 6,
        Command::Help => 7,
    };
    HELP.get(index).map_or("", |(syntax, _)| syntax)
}

fn unknown(name: &str) -> String {
    let list = "a command: put, get, cap, reset, undo, redo, fill or help";
    let lower = name.to_ascii_lowercase();
    // The first of the closest names, so `pet` suggests `put` before `get`.
    let closest = NAMES
        .iter()
        .map(|n| (strsim::levenshtein(&lower, n), n))
        .min_by_key(|(distance, _)| *distance);
    match closest {
        // With a likely name the list is left out, so the message fits one console row
        // at 80 columns; `help` still lists every command.
        Some((distance, n)) if distance <= 2 && name.chars().count() > 1 => {
            format!("a command: did you mean `{n}`? (`help` lists them)")
        }
        _ => list.to_string(),
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
            Self::Help => f.write_str("help"),
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
            ("help", Command::Help),
        ];
        for (line, expected) in table {
            assert_eq!(parse(line).as_ref(), Ok(expected), "{line:?}");
        }
    }

    #[test]
    fn every_command_displays_as_it_parses() {
        for line in [
            "put 1 -2", "get 0", "cap 7", "reset", "undo 2", "redo 3", "fill 5", "fill 5 9", "help",
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
            assert_eq!(parse(line).unwrap_err(), *message, "{line:?}");
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
        let message = parse(&format!("put {word} 1")).unwrap_err();
        assert!(
            message.starts_with(&format!("`{}…`", "x".repeat(23))),
            "{message}"
        );
        assert!(message.chars().count() < 150, "{message}");
    }
}
