//! `tutor lru --script`: `LeetCode` 146's operations run without a screen.
//!
//! A script is `put KEY VALUE` and `get KEY` commands separated by `;` or newlines. A
//! script given on the command line is checked whole before anything runs, so a bad one
//! prints nothing but the error. A script read from stdin ([`run_stream`]) runs each
//! command as soon as it is read, in memory that does not grow with the script: a bad
//! command stops it there, after the output of the commands before it. The output is
//! what `LeetCode` 146 prints, one line per operation (`null` for a put, the value or `-1`
//! for a get), then `order:` and the keys from most to least recently used; with the
//! diagram, the plain drawing follows each operation.

use std::fmt::{self, Write as _};
use std::io::{self, Read, Write};

use super::command::{Command, parse_words, shorten};
use super::diagram;
use super::lab::{Lab, Reply};

/// Where a token sits: line and column count from 1, columns in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: usize,
    column: usize,
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

/// Why a script read from a stream stopped.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Script(#[from] ScriptError),
    /// `byte` counts from 0, over the whole input.
    #[error("the script on stdin is not UTF-8 (byte {byte} is invalid)")]
    NotUtf8 { byte: u64 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// A word of the command being read: its text, where it starts, its token number.
struct Word {
    text: String,
    /// Characters in `text`, at most [`MAX_WORD`].
    chars: usize,
    at: Position,
    number: usize,
}

/// What ended a command.
enum End {
    /// A `;`: its token number and position.
    Semicolon(usize, Position),
    /// A newline or the end of the script: the position just past the line's last
    /// character.
    Line(Position),
}

/// Reads a script one character at a time. The tokens are runs of characters other
/// than whitespace and `;`, and each `;` on its own; a command ends at a `;` or a
/// newline. Only the command being read is kept, so memory does not grow with the
/// script.
struct Parser {
    /// Tokens so far, for numbering them.
    tokens: usize,
    /// The current command's words: at most four, since a fourth word is an error.
    words: Vec<Word>,
    /// The word being read.
    word: Option<Word>,
    line: usize,
    /// Characters read on this line.
    column: usize,
    /// A `\r` not yet counted: dropped if a newline (or the end) follows.
    cr: bool,
    /// A newline was read.
    multiline: bool,
}

/// The longest word a script may have. The longest a command needs is a key or value
/// of 20 characters (`-9223372036854775808`); a word that goes on past this is refused as
/// it is read, so an endless one is never held whole.
const MAX_WORD: usize = 64;

/// The most words a `put` or `get` can have, plus the one that makes it wrong.
const MAX_WORDS: usize = 4;

impl Parser {
    fn new() -> Self {
        Self {
            tokens: 0,
            words: Vec::with_capacity(MAX_WORDS),
            word: None,
            line: 1,
            column: 0,
            cr: false,
            multiline: false,
        }
    }

    /// Reads one character; a command it completes is returned.
    fn feed(&mut self, c: char) -> Result<Option<Command>, ScriptError> {
        if std::mem::take(&mut self.cr) {
            if c == '\n' {
                return self.line_end();
            }
            self.column += 1; // the `\r` was whitespace inside the line
        }
        if c == '\n' {
            return self.line_end();
        }
        if c == '\r' {
            self.end_word()?;
            self.cr = true;
            return Ok(None);
        }
        self.column += 1;
        if c.is_whitespace() || c == ';' {
            self.end_word()?;
        }
        if c == ';' {
            self.tokens += 1;
            let at = self.position();
            if !self.words.is_empty() {
                return self.command(&End::Semicolon(self.tokens, at));
            }
        } else if !c.is_whitespace() {
            match &mut self.word {
                Some(word) if word.chars == MAX_WORD => {
                    return Err(ScriptError {
                        token: Some((word.number, word.text.clone())),
                        line: word.at.line,
                        column: word.at.column,
                        multiline: self.multiline,
                        expected: format!(
                            "a word of at most {MAX_WORD} characters (`put`, `get`, a key or a \
                             value)"
                        ),
                    });
                }
                Some(word) => {
                    word.text.push(c);
                    word.chars += 1;
                }
                None => {
                    self.tokens += 1;
                    self.word = Some(Word {
                        text: c.to_string(),
                        chars: 1,
                        at: self.position(),
                        number: self.tokens,
                    });
                }
            }
        }
        Ok(None)
    }

    /// The end of the script: the last command, if one is pending.
    fn finish(&mut self) -> Result<Option<Command>, ScriptError> {
        self.cr = false;
        self.end_word()?;
        if self.words.is_empty() {
            return Ok(None);
        }
        let at = Position {
            line: self.line,
            column: self.column + 1,
        };
        self.command(&End::Line(at))
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn line_end(&mut self) -> Result<Option<Command>, ScriptError> {
        self.multiline = true;
        self.end_word()?;
        let at = Position {
            line: self.line,
            column: self.column + 1,
        };
        self.line += 1;
        self.column = 0;
        if self.words.is_empty() {
            return Ok(None);
        }
        self.command(&End::Line(at))
    }

    /// Ends the word being read. A wrong first word, or a fourth word, is an error
    /// already: nothing later can make the command right.
    fn end_word(&mut self) -> Result<(), ScriptError> {
        let Some(word) = self.word.take() else {
            return Ok(());
        };
        self.words.push(word);
        if self.words.len() == 1 {
            let name = self.words[0].text.to_ascii_lowercase();
            if name != "put" && name != "get" {
                return Err(self.bad(
                    0,
                    "`put KEY VALUE` or `get KEY` (a script runs LeetCode 146's two operations)"
                        .to_string(),
                ));
            }
        }
        if self.words.len() == MAX_WORDS {
            // The end is not known yet, but a fourth word fails before it matters.
            let at = self.position();
            self.command(&End::Line(at))?;
        }
        Ok(())
    }

    /// The command of the words read so far, which `end` ended.
    fn command(&mut self, end: &End) -> Result<Option<Command>, ScriptError> {
        let texts: Vec<&str> = self.words.iter().map(|w| w.text.as_str()).collect();
        let parsed = parse_words(&texts);
        let result = match parsed {
            Ok(command) => Ok(Some(command)),
            Err(e) if e.at < self.words.len() => Err(self.bad(e.at, e.expected)),
            Err(e) => Err(match *end {
                End::Semicolon(number, at) => ScriptError {
                    token: Some((number, ";".to_string())),
                    line: at.line,
                    column: at.column,
                    multiline: self.multiline,
                    expected: e.expected,
                },
                End::Line(at) => ScriptError {
                    token: None,
                    line: at.line,
                    column: at.column,
                    multiline: self.multiline,
                    expected: e.expected,
                },
            }),
        };
        self.words.clear();
        result
    }

    /// Word `index` of the current command is wrong.
    fn bad(&self, index: usize, expected: String) -> ScriptError {
        let word = &self.words[index];
        ScriptError {
            token: Some((word.number, word.text.clone())),
            line: word.at.line,
            column: word.at.column,
            multiline: self.multiline,
            expected,
        }
    }
}

/// Checks a whole script; the commands are `put` and `get` only.
pub fn parse(script: &str) -> Result<Vec<Command>, ScriptError> {
    let mut parser = Parser::new();
    let mut commands = Vec::new();
    for (offset, c) in script.char_indices() {
        match parser.feed(c) {
            Ok(command) => commands.extend(command),
            Err(mut e) => {
                // A message names the line only in a script of more than one.
                e.multiline |= script[offset + c.len_utf8()..].contains('\n');
                return Err(e);
            }
        }
    }
    commands.extend(parser.finish()?);
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
        step(&mut lab, command, diagram, &mut out);
    }
    order(&lab, &mut out);
    Ok(out)
}

/// How much of the input is read at a time.
const CHUNK: usize = 64 * 1024;

/// Runs a script read from `input` as it is read, writing to `out` what [`run`] returns.
/// `out` is flushed before every read, so each command's output is out before the
/// reader waits for more. The first bad command stops the run: what ran before it has
/// been written, and nothing after it is read (but for looking for a newline, which
/// decides whether the message names the line).
pub fn run_stream(
    capacity: usize,
    mut input: impl Read,
    out: &mut impl Write,
    diagram: bool,
) -> Result<(), StreamError> {
    let mut parser = Parser::new();
    let mut lab = Lab::without_history(capacity);
    let mut text = String::new();
    let mut chunk = vec![0; CHUNK];
    // The bytes of a character cut by the end of the last chunk.
    let mut carry: Vec<u8> = Vec::new();
    // Bytes of input before the ones being decoded, for the UTF-8 error.
    let mut offset: u64 = 0;
    loop {
        out.flush()?;
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        carry.extend_from_slice(&chunk[..n]);
        let (valid, invalid) = match std::str::from_utf8(&carry) {
            Ok(valid) => (valid, false),
            Err(e) => (
                std::str::from_utf8(&carry[..e.valid_up_to()]).unwrap_or_default(),
                e.error_len().is_some(),
            ),
        };
        for (at, c) in valid.char_indices() {
            match parser.feed(c) {
                Ok(Some(command)) => {
                    text.clear();
                    step(&mut lab, command, diagram, &mut text);
                    out.write_all(text.as_bytes())?;
                }
                Ok(None) => {}
                Err(mut e) => {
                    out.flush()?;
                    if !e.multiline {
                        let after = &carry[at + c.len_utf8()..];
                        e.multiline = newline_ahead(after, &mut input, &mut chunk)?;
                    }
                    return Err(e.into());
                }
            }
        }
        let used = valid.len();
        if invalid {
            out.flush()?;
            return Err(StreamError::NotUtf8 {
                byte: offset + used as u64,
            });
        }
        offset += used as u64;
        carry.drain(..used);
    }
    if !carry.is_empty() {
        // The input ended inside a character.
        out.flush()?;
        return Err(StreamError::NotUtf8 { byte: offset });
    }
    if let Some(command) = parser.finish()? {
        text.clear();
        step(&mut lab, command, diagram, &mut text);
        out.write_all(text.as_bytes())?;
    }
    text.clear();
    order(&lab, &mut text);
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether a newline follows: in `after`, or in what is left of `input`.
fn newline_ahead(after: &[u8], input: &mut impl Read, chunk: &mut [u8]) -> io::Result<bool> {
    if after.contains(&b'\n') {
        return Ok(true);
    }
    loop {
        match input.read(chunk) {
            Ok(0) => return Ok(false),
            Ok(n) if chunk[..n].contains(&b'\n') => return Ok(true),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Runs one command and appends what it prints.
fn step(lab: &mut Lab, command: Command, diagram: bool, out: &mut String) {
    // Only puts and gets get here, and those cannot fail.
    if let Ok(Reply::Did(event)) = lab.apply(command)
        && let Some(line) = event.leetcode_output()
    {
        out.push_str(&line);
        out.push('\n');
    }
    if diagram {
        out.push_str(&diagram::plain(lab, diagram::FULL_WIDTH));
        out.push('\n');
    }
}

/// The `order:` line: keys from the most to the least recently used.
fn order(lab: &Lab, out: &mut String) {
    out.push_str("order:");
    for key in lab.order() {
        let _ = write!(out, " {key}");
    }
    out.push('\n');
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

    /// Bad scripts and what they say, on the command line and on stdin alike.
    const ERRORS: &[(&str, &str)] = &[
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
            // The newline ended `get`; the `;` on the next line is not to blame.
            "get\n;",
            "end of line 1 at column 4: expected an integer key after `get` (`get KEY`, e.g. `get 3`)",
        ),
        (
            "get \u{1b}[2J",
            "script token 2 (\"\\u{1b}[2J\") at column 5: expected an integer key after `get` (`get KEY`, e.g. `get 3`)",
        ),
    ];

    #[test]
    fn errors_name_the_token_and_its_position() {
        for (script, message) in ERRORS {
            assert_eq!(error(script), *message, "{script:?}");
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

    /// A reader that hands out its chunks one at a time and notes, at each read, what
    /// `out` held by then.
    struct Chunks {
        pending: std::collections::VecDeque<Vec<u8>>,
        out: std::rc::Rc<std::cell::RefCell<Vec<u8>>>,
        seen: Vec<String>,
    }

    impl Read for Chunks {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.seen
                .push(String::from_utf8_lossy(&self.out.borrow()).into_owned());
            let Some(mut chunk) = self.pending.pop_front() else {
                return Ok(0);
            };
            let n = chunk.len().min(buf.len());
            buf[..n].copy_from_slice(&chunk[..n]);
            if n < chunk.len() {
                self.pending.push_front(chunk.split_off(n));
            }
            Ok(n)
        }
    }

    /// A writer into the vector a [`Chunks`] reader looks at.
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Streams `chunks`: the output, the error, and what the output was at each read.
    fn stream(chunks: &[&[u8]]) -> (String, Option<String>, Vec<String>) {
        let shared = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let mut reader = Chunks {
            pending: chunks.iter().map(|c| c.to_vec()).collect(),
            out: shared.clone(),
            seen: Vec::new(),
        };
        let result = run_stream(2, &mut reader, &mut Shared(shared.clone()), false);
        let out = String::from_utf8_lossy(&shared.borrow()).into_owned();
        (out, result.err().map(|e| e.to_string()), reader.seen)
    }

    #[test]
    fn a_stream_runs_each_command_as_it_is_read() {
        let (out, error, seen) = stream(&[b"put 1 1\nget 1\n", b"get 2; put 3", b" 3\n"]);
        assert_eq!(error, None);
        assert_eq!(out, "null\n1\n-1\nnull\norder: 3 1\n");
        assert_eq!(
            seen,
            ["", "null\n1\n", "null\n1\n-1\n", "null\n1\n-1\nnull\n"]
        );
    }

    #[test]
    fn a_stream_stops_reading_at_the_first_bad_command() {
        let (out, error, seen) = stream(&[b"put 1 1\nget x\n", b"put 2 2\n", b"get 2\n"]);
        assert_eq!(out, "null\n");
        assert_eq!(error, Some(error_of("put 1 1\nget x\nput 2 2\nget 2\n")));
        assert_eq!(seen.len(), 1, "nothing after the bad line is read");
    }

    /// One endless word (no space, no `;`) is refused once it is longer than any word of
    /// a command can be, not held whole: 50 MB of `a` took 150 MB and read to the end.
    #[test]
    fn an_endless_word_is_refused_without_reading_it_whole() {
        let word = vec![b'a'; 4 * CHUNK];
        let (out, error, seen) = stream(&[b"put 1 1\nput ", &word, &word, &word]);
        assert_eq!(out, "null\n");
        let error = error.unwrap();
        assert!(
            error.contains(&format!("a word of at most {MAX_WORD} characters")),
            "{error}"
        );
        assert!(seen.len() <= 3, "read {} chunks", seen.len());
        assert_eq!(
            error,
            error_of(&format!("put 1 1\nput {}", "a".repeat(100)))
        );
        // A number of 64 digits is still a number (and out of range), not a long word.
        assert!(error_of(&format!("get {}", "9".repeat(MAX_WORD))).contains("integer"));
    }

    fn error_of(script: &str) -> String {
        parse(script).unwrap_err().to_string()
    }

    /// Fed a byte at a time (tokens, `\r\n` and characters cut between reads), a stream
    /// says what the whole script says: the same output, the same message.
    #[test]
    fn a_stream_says_what_the_whole_script_says() {
        let good = [
            LEETCODE,
            "PUT 1 1;get 1\n\n  get 2 ;;\r\nput 3 -3;",
            "put 1 1\r\nget 1\r\n",
            " ; ",
            "",
        ];
        let bad = ERRORS.iter().map(|(script, _)| *script);
        for script in
            good.into_iter()
                .chain(bad)
                .chain(["get é; get x", "get 1; get ü", "put 1 1\r\rget 1"])
        {
            let bytes: Vec<&[u8]> = script.as_bytes().chunks(1).collect();
            let (out, error, _) = stream(&bytes);
            match run(2, script, false) {
                Ok(whole) => assert_eq!((out, error), (whole, None), "{script:?}"),
                Err(e) => assert_eq!(error, Some(e.to_string()), "{script:?}"),
            }
        }
    }

    #[test]
    fn a_stream_that_is_not_utf8_says_where() {
        let (out, error, _) = stream(&[b"put 1 1\nget \xff\n"]);
        assert_eq!(out, "null\n");
        assert_eq!(
            error.as_deref(),
            Some("the script on stdin is not UTF-8 (byte 12 is invalid)")
        );
        let (_, error, _) = stream(&[b"get 1\n\xc3"]);
        assert_eq!(
            error.as_deref(),
            Some("the script on stdin is not UTF-8 (byte 6 is invalid)")
        );
    }
}
