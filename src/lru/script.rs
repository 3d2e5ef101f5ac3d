//! `tutor lru --script`: `LeetCode` 146's operations run without a screen.
//!
//! A script is `put KEY VALUE` and `get KEY` commands separated by `;` or newlines. It
//! is checked whole before anything runs, so a bad script prints nothing but the error.
//! The output is what `LeetCode` 146 prints, one line per operation (`null` for a put, the
//! value or `-1` for a get), then `order:` and the keys from most to least recently
//! used; with the diagram, the plain drawing follows each operation.

use std::fmt;

use super::command::{Command, parse_words, shorten};
use super::diagram;
use super::lab::{Lab, Reply};

/// Where a token sits: line and column count from 1, columns in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    text: &'a str,
    at: Position,
}

/// A bad script: which token (counted from 1, `;` included) and where, or the end of
/// the script, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScriptError {
    /// The offending token's number and text; `None` when the script ended too soon.
    pub token: Option<(usize, String)>,
    pub line: usize,
    pub column: usize,
    /// Whether the script has more than one line, so the message names the line.
    pub multiline: bool,
    pub expected: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.token {
            Some((number, text)) => write!(f, "script token {number} (\"{}\")", shorten(text))?,
            None if self.multiline => write!(f, "end of line {}", self.line)?,
            None => f.write_str("end of script")?,
        }
        if self.multiline && self.token.is_some() {
            write!(f, " at line {}, column {}", self.line, self.column)?;
        } else {
            write!(f, " at column {}", self.column)?;
        }
        write!(f, ": expected {}", self.expected)
    }
}

/// The tokens of a script: runs of characters other than whitespace and `;`, and each
/// `;` on its own.
struct Lexed<'a> {
    tokens: Vec<Token<'a>>,
    /// For each token: whether it is the first of a line after the first line. A newline
    /// ends a command as `;` does.
    starts_line: Vec<bool>,
    /// Just past the last character of each line, for "missing" errors.
    line_ends: Vec<Position>,
}

fn tokenize(script: &str) -> Lexed<'_> {
    let mut out = Lexed {
        tokens: Vec::new(),
        starts_line: Vec::new(),
        line_ends: Vec::new(),
    };
    for (index, line) in script.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let number = index + 1;
        let first = out.tokens.len();
        // Byte offset and column where the current word began.
        let mut word: Option<(usize, usize)> = None;
        let mut column = 0;
        for (offset, c) in line.char_indices() {
            column += 1;
            let ends_word = c.is_whitespace() || c == ';';
            if ends_word && let Some((begin, at)) = word.take() {
                out.push(&line[begin..offset], number, at);
            }
            if c == ';' {
                out.push(&line[offset..=offset], number, column);
            } else if !ends_word && word.is_none() {
                word = Some((offset, column));
            }
        }
        if let Some((begin, at)) = word {
            out.push(&line[begin..], number, at);
        }
        if index > 0 && first < out.tokens.len() {
            out.starts_line[first] = true;
        }
        out.line_ends.push(Position {
            line: number,
            column: column + 1,
        });
    }
    out
}

impl<'a> Lexed<'a> {
    fn push(&mut self, text: &'a str, line: usize, column: usize) {
        self.tokens.push(Token {
            text,
            at: Position { line, column },
        });
        self.starts_line.push(false);
    }

    fn multiline(&self) -> bool {
        self.line_ends.len() > 1
    }

    /// Token `index` (from 0) is wrong.
    fn bad(&self, index: usize, expected: String) -> ScriptError {
        let t = &self.tokens[index];
        ScriptError {
            token: Some((index + 1, t.text.to_string())),
            line: t.at.line,
            column: t.at.column,
            multiline: self.multiline(),
            expected,
        }
    }

    /// The command ending before token `end` (or at the end of the script) needed more.
    fn missing(&self, end: usize, expected: String) -> ScriptError {
        if self.tokens.get(end).is_some_and(|t| t.text == ";") {
            return self.bad(end, expected);
        }
        // A newline or the end of the script ended it: point just past its last token's line.
        let line = end
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(1, |t| t.at.line);
        let at = self
            .line_ends
            .get(line - 1)
            .copied()
            .unwrap_or(Position { line, column: 1 });
        ScriptError {
            token: None,
            line: at.line,
            column: at.column,
            multiline: self.multiline(),
            expected,
        }
    }
}

/// Checks a whole script; the commands are `put` and `get` only.
pub fn parse(script: &str) -> Result<Vec<Command>, ScriptError> {
    let t = tokenize(script);
    let mut commands = Vec::new();
    let mut i = 0;
    while i < t.tokens.len() {
        if t.tokens[i].text == ";" {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < t.tokens.len() && t.tokens[end].text != ";" && !t.starts_line[end] {
            end += 1;
        }
        let words: Vec<&str> = t.tokens[start..end].iter().map(|t| t.text).collect();
        let name = words[0].to_ascii_lowercase();
        if name != "put" && name != "get" {
            return Err(t.bad(
                start,
                "`put KEY VALUE` or `get KEY` (a script runs LeetCode 146's two operations)"
                    .to_string(),
            ));
        }
        match parse_words(&words) {
            Ok(command) => commands.push(command),
            Err(e) if e.at < words.len() => return Err(t.bad(start + e.at, e.expected)),
            Err(e) => return Err(t.missing(end, e.expected)),
        }
        i = end;
    }
    Ok(commands)
}

/// Runs `script` on a cache of `capacity` (at most the lab's limit) and returns what to
/// print: `LeetCode` 146's output lines, the diagram after each when `diagram` is set, and
/// the `order:` line.
pub fn run(capacity: usize, script: &str, diagram: bool) -> Result<String, ScriptError> {
    let commands = parse(script)?;
    let mut lab = Lab::without_history(capacity);
    let mut out = String::new();
    for command in commands {
        // Only puts and gets get here, and those cannot fail.
        if let Ok(Reply::Did(event)) = lab.apply(command)
            && let Some(line) = event.leetcode_output()
        {
            out.push_str(&line);
            out.push('\n');
        }
        if diagram {
            out.push_str(&diagram::plain(&lab, diagram::FULL_WIDTH));
            out.push('\n');
        }
    }
    out.push_str("order:");
    for key in lab.order() {
        out.push(' ');
        out.push_str(&key.to_string());
    }
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEETCODE: &str = "put 1 1; put 2 2; get 1; put 3 3; get 2; put 4 4; get 1; get 3; get 4";

    #[test]
    fn leetcode_146_example() {
        assert_eq!(
            run(2, LEETCODE, false).unwrap(),
            "null\nnull\n1\nnull\n-1\nnull\n-1\n3\n4\norder: 4 3\n"
        );
    }

    #[test]
    fn separators_newlines_and_case() {
        let commands = parse("PUT 1 1;get 1\n\n  get 2 ;;\r\nput 3 -3;").unwrap();
        assert_eq!(
            commands,
            [
                Command::Put { key: 1, value: 1 },
                Command::Get { key: 1 },
                Command::Get { key: 2 },
                Command::Put { key: 3, value: -3 },
            ]
        );
        assert_eq!(parse("").unwrap(), []);
        assert_eq!(run(1, " ; ", false).unwrap(), "order:\n");
    }

    #[test]
    fn capacity_zero() {
        assert_eq!(
            run(0, "put 1 1; get 1", false).unwrap(),
            "null\n-1\norder:\n"
        );
    }

    fn error(script: &str) -> String {
        parse(script).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_token_and_its_position() {
        let table = [
            (
                "put 1 x",
                "script token 3 (\"x\") at column 7: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "put 1 1; pet 2",
                "script token 5 (\"pet\") at column 10: expected `put KEY VALUE` or `get KEY` (a script runs LeetCode 146's two operations)",
            ),
            (
                "put 1 1\npet 2",
                "script token 4 (\"pet\") at line 2, column 1: expected `put KEY VALUE` or `get KEY` (a script runs LeetCode 146's two operations)",
            ),
            (
                "get 1; cap 3",
                "script token 4 (\"cap\") at column 8: expected `put KEY VALUE` or `get KEY` (a script runs LeetCode 146's two operations)",
            ),
            (
                "put 1; get 1",
                "script token 3 (\";\") at column 6: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "get 1 2",
                "script token 3 (\"2\") at column 7: expected nothing more after `get K`",
            ),
            (
                "put 1 1;get",
                "end of script at column 12: expected an integer key after `get` (`get KEY`, e.g. `get 3`)",
            ),
            (
                "put 1 1\nget x",
                "script token 5 (\"x\") at line 2, column 5: expected an integer key after `get` (`get KEY`, e.g. `get 3`)",
            ),
            (
                "put 1\nget 1",
                "end of line 1 at column 6: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "get 1\nput 2  \n",
                "end of line 2 at column 8: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)",
            ),
            (
                "get \u{1b}[2J",
                "script token 2 (\"\\u{1b}[2J\") at column 5: expected an integer key after `get` (`get KEY`, e.g. `get 3`)",
            ),
        ];
        for (script, message) in table {
            assert_eq!(error(script), message, "{script:?}");
        }
    }

    #[test]
    fn columns_count_characters() {
        assert!(error("get é; get x").contains("(\"é\") at column 5"));
        assert!(error("get 1; get ü").contains("token 5 (\"ü\") at column 12"));
    }

    #[test]
    fn a_bad_script_runs_nothing() {
        assert!(run(2, "put 1 1; get oops", false).is_err());
    }

    #[test]
    fn the_diagram_follows_each_operation() {
        let out = run(2, "put 1 1; get 1", true).unwrap();
        let mut lab = Lab::without_history(2);
        let mut expected = String::from("null\n");
        lab.put(1, 1);
        expected.push_str(&diagram::plain(&lab, diagram::FULL_WIDTH));
        expected.push_str("\n1\n");
        lab.get(1);
        expected.push_str(&diagram::plain(&lab, diagram::FULL_WIDTH));
        expected.push_str("\norder: 1\n");
        assert_eq!(out, expected);
        assert!(
            out.contains("[+NEW #0 1:1]") && out.contains("[HIT #0 1:1]"),
            "{out}"
        );
    }
}
