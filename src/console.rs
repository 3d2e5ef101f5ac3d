//! The console: one input line with a cursor and history; the `:` commands it takes are
//! in [`commands`].

mod commands;

pub use commands::{COMMANDS, Command, CommandError, Here, complete, help_rows, parse};

use crate::action::ConsoleEdit;
use crate::command_table::Completion;

/// How many submitted lines history keeps.
const HISTORY: usize = 200;

/// The longest a word Tab found no command for is echoed, in chars.
const NO_MATCH_ECHO: usize = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Console {
    /// Typing goes here (and vim keys do not fire) while active.
    pub active: bool,
    pub input: String,
    /// Cursor position in chars.
    pub cursor: usize,
    pub history: Vec<String>,
    /// Index into history while browsing it with Up/Down.
    browsing: Option<usize>,
    /// The last lines of output (command feedback, attempts), newest last.
    pub output: Vec<String>,
}

impl Console {
    /// A fresh line and no output for the next card or quiz item; the history stays.
    pub fn start_over(&mut self) {
        self.active = false;
        self.input.clear();
        self.cursor = 0;
        self.browsing = None;
        self.output.clear();
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.input
            .char_indices()
            .nth(char_index)
            .map_or(self.input.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.input.chars().count()
    }

    pub fn edit(&mut self, edit: ConsoleEdit) {
        match edit {
            ConsoleEdit::Insert(c) if !crate::text::needs_escape(c) => {
                let at = self.byte_at(self.cursor);
                self.input.insert(at, c);
                self.cursor += 1;
            }
            ConsoleEdit::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.input.remove(at);
                self.cursor -= 1;
            }
            ConsoleEdit::Delete if self.cursor < self.len() => {
                let at = self.byte_at(self.cursor);
                self.input.remove(at);
            }
            ConsoleEdit::Newline => {
                let at = self.byte_at(self.cursor);
                self.input.insert(at, '\n');
                self.cursor += 1;
            }
            ConsoleEdit::Insert(_) | ConsoleEdit::Backspace | ConsoleEdit::Delete => {}
            ConsoleEdit::Left => self.cursor = self.cursor.saturating_sub(1),
            ConsoleEdit::Right => self.cursor = (self.cursor + 1).min(self.len()),
            // Home, End and Ctrl-U keep to the cursor's line (the whole input when it
            // has one line).
            ConsoleEdit::Home => self.cursor = self.line_start(),
            ConsoleEdit::End => self.cursor = self.line_end(),
            ConsoleEdit::KillToStart => {
                let start = self.line_start();
                let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
                self.input.replace_range(from..to, "");
                self.cursor = start;
            }
            ConsoleEdit::LineUp | ConsoleEdit::LineDown => {
                self.move_line(edit == ConsoleEdit::LineDown);
            }
            ConsoleEdit::KillWord => {
                let chars: Vec<char> = self.input.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
                self.input.replace_range(from..to, "");
                self.cursor = start;
            }
            ConsoleEdit::HistoryPrev => {
                let next = match self.browsing {
                    None => self.history.len().checked_sub(1),
                    Some(i) => Some(i.saturating_sub(1)),
                };
                if let Some(i) = next {
                    self.browsing = Some(i);
                    self.restore(self.history[i].clone());
                }
            }
            // Every command: update completes with the current screen's own list.
            ConsoleEdit::Complete => self.complete(":", commands::complete_every),
            ConsoleEdit::HistoryNext => match self.browsing {
                Some(i) if i + 1 < self.history.len() => {
                    self.browsing = Some(i + 1);
                    self.restore(self.history[i + 1].clone());
                }
                Some(_) => {
                    self.browsing = None;
                    self.restore(String::new());
                }
                None => {}
            },
        }
    }

    /// The char index where the cursor's line starts.
    fn line_start(&self) -> usize {
        let before = self.input.chars().take(self.cursor);
        before
            .enumerate()
            .filter(|&(_, c)| c == '\n')
            .last()
            .map_or(0, |(i, _)| i + 1)
    }

    /// The char index where the cursor's line ends (before its line break).
    fn line_end(&self) -> usize {
        self.input
            .chars()
            .enumerate()
            .skip(self.cursor)
            .find(|&(_, c)| c == '\n')
            .map_or(self.len(), |(i, _)| i)
    }

    /// To the same column of the next or previous line (its end when shorter); nothing
    /// on the first or last line.
    fn move_line(&mut self, down: bool) {
        let column = self.cursor - self.line_start();
        let target_start = if down {
            let end = self.line_end();
            if end == self.len() {
                return;
            }
            end + 1
        } else {
            let start = self.line_start();
            if start == 0 {
                return;
            }
            self.cursor = start - 1;
            self.line_start()
        };
        self.cursor = target_start;
        self.cursor = (target_start + column).min(self.line_end());
    }

    /// The cursor's line of the input, its number (from 1), the number of lines, and
    /// the cursor's char index within the line: what a one-row console shows.
    pub fn cursor_line(&self) -> (&str, usize, usize, usize) {
        let start = self.line_start();
        let end = self.line_end();
        let (from, to) = (self.byte_at(start), self.byte_at(end));
        let number = self.input[..from].matches('\n').count() + 1;
        let lines = self.input.matches('\n').count() + 1;
        (&self.input[from..to], number, lines, self.cursor - start)
    }

    /// Tab: completes the command name being typed after `lead` (`:` for the console's
    /// commands) with `complete`. One match is filled in, with a space after it when it
    /// takes arguments; several fill in the start they share and are listed on the
    /// console's last line; none is said there too. Nothing happens unless the cursor is at the end of a line
    /// that is `lead` and the start of a name.
    pub fn complete(&mut self, lead: &str, complete: impl Fn(&str) -> Completion) {
        if self.cursor != self.len() {
            return;
        }
        let Some(word) = self.input.trim_start().strip_prefix(lead) else {
            return;
        };
        if word.contains(char::is_whitespace) {
            return;
        }
        match complete(word) {
            // Said, so a list an earlier Tab printed is not taken for this one's.
            Completion::None => self.say(format!(
                "no command starts with `{lead}{}`",
                crate::command_table::cut(word, NO_MATCH_ECHO)
            )),
            Completion::One { name, args } => {
                let space = if args { " " } else { "" };
                self.restore(format!("{lead}{name}{space}"));
            }
            Completion::Several { shared, names } => {
                if shared.len() > word.len() {
                    self.restore(format!("{lead}{shared}"));
                }
                let listed: Vec<String> = names.iter().map(|n| format!("{lead}{n}")).collect();
                self.say(format!("  {}", listed.join("  ")));
            }
        }
    }

    /// Puts `text` back on the line, the cursor at its end.
    pub fn restore(&mut self, text: String) {
        self.input = text;
        self.cursor = self.len();
    }

    /// Takes the line for execution and records it in history.
    pub fn submit(&mut self) -> String {
        let line = std::mem::take(&mut self.input);
        self.cursor = 0;
        self.browsing = None;
        let trimmed = line.trim();
        if !trimmed.is_empty() && self.history.last().is_none_or(|l| l != trimmed) {
            self.history.push(trimmed.to_string());
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
        }
        line
    }

    /// Inserts a paste at the cursor, whole, as one edit. `text` comes through
    /// [`pasted`]; any control character but a line break is dropped all the same.
    pub fn paste(&mut self, text: &str) {
        let text: String = text
            .chars()
            .filter(|&c| c == '\n' || !c.is_control())
            .collect();
        let at = self.byte_at(self.cursor);
        self.input.insert_str(at, &text);
        self.cursor += text.chars().count();
    }

    pub fn say(&mut self, line: impl Into<String>) {
        self.output.push(line.into());
        if self.output.len() > HISTORY {
            self.output.remove(0);
        }
    }
}

/// A paste made fit for the field it goes into. A line break taken along at the end is
/// dropped; the others become `\n` in a multi-line answer (`lines`) and spaces in a
/// one-line field, so two pasted lines never run into one word. A tab becomes a space
/// (in an answer, [`crate::text::TAB_WIDTH`] of them: indentation); other control
/// characters are dropped, as they are when typed.
pub fn pasted(text: &str, lines: bool) -> String {
    let text = text.trim_end_matches(['\r', '\n']).replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' if lines => out.push('\n'),
            '\t' if lines => out.extend([' '; crate::text::TAB_WIDTH]),
            '\n' | '\r' | '\t' => out.push(' '),
            // Controls and bidirectional overrides: the editor draws what it holds as
            // it is, and an override would reorder what the terminal shows after it.
            c if crate::text::needs_escape(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Console {
        let mut c = Console::default();
        for ch in text.chars() {
            c.edit(ConsoleEdit::Insert(ch));
        }
        c
    }

    /// A bidirectional override pasted or typed would reorder what the terminal shows
    /// after it (the answer editor draws its text as it holds it): it never gets in.
    #[test]
    fn pasted_and_typed_text_keeps_no_controls_or_bidi_overrides() {
        let hostile = "a\u{202e}b\u{2066}c\u{1b}[2Jd\u{9b}e";
        assert_eq!(pasted(hostile, true), "abc[2Jde");
        assert_eq!(pasted(hostile, false), "abc[2Jde");
        assert_eq!(typed(hostile).input, "abc[2Jde");
    }

    #[test]
    fn editing_keys() {
        let mut c = typed("put 1 1");
        c.edit(ConsoleEdit::Home);
        c.edit(ConsoleEdit::Delete);
        assert_eq!(c.input, "ut 1 1");
        c.edit(ConsoleEdit::End);
        c.edit(ConsoleEdit::KillWord);
        assert_eq!((c.input.as_str(), c.cursor), ("ut 1 ", 5));
        c.edit(ConsoleEdit::Left);
        c.edit(ConsoleEdit::KillToStart);
        assert_eq!((c.input.as_str(), c.cursor), (" ", 0));
        c.edit(ConsoleEdit::Backspace);
        assert_eq!(c.input, " ");
        let mut u = typed("héllo");
        u.edit(ConsoleEdit::Backspace);
        u.edit(ConsoleEdit::Left);
        u.edit(ConsoleEdit::Left);
        u.edit(ConsoleEdit::Left);
        u.edit(ConsoleEdit::Backspace);
        assert_eq!(u.input, "éll");
    }

    #[test]
    fn history_walks_back_and_forth() {
        let mut c = Console::default();
        for line in ["one", "two", "two", "  "] {
            c.input = line.to_string();
            let _ = c.submit();
        }
        assert_eq!(c.history, ["one", "two"]);
        c.edit(ConsoleEdit::HistoryPrev);
        assert_eq!(c.input, "two");
        c.edit(ConsoleEdit::HistoryPrev);
        c.edit(ConsoleEdit::HistoryPrev);
        assert_eq!(c.input, "one");
        c.edit(ConsoleEdit::HistoryNext);
        assert_eq!(c.input, "two");
        c.edit(ConsoleEdit::HistoryNext);
        assert_eq!(c.input, "");
    }

    #[test]
    fn lines_of_an_answer() {
        let mut c = typed("first");
        c.edit(ConsoleEdit::Newline);
        for ch in "second line".chars() {
            c.edit(ConsoleEdit::Insert(ch));
        }
        assert_eq!(c.input, "first\nsecond line");
        assert_eq!(c.cursor_line(), ("second line", 2, 2, 11));
        c.edit(ConsoleEdit::Home);
        assert_eq!(c.cursor, 6);
        c.edit(ConsoleEdit::End);
        c.edit(ConsoleEdit::LineUp);
        assert_eq!(
            c.cursor_line(),
            ("first", 1, 2, 5),
            "the end of a shorter line"
        );
        c.edit(ConsoleEdit::LineUp);
        assert_eq!(c.cursor, 5, "nothing above the first line");
        c.edit(ConsoleEdit::Left);
        c.edit(ConsoleEdit::LineDown);
        assert_eq!(c.cursor_line(), ("second line", 2, 2, 4));
        c.edit(ConsoleEdit::LineDown);
        assert_eq!(c.cursor, 10, "nothing below the last line");
        c.edit(ConsoleEdit::KillToStart);
        assert_eq!((c.input.as_str(), c.cursor), ("first\nnd line", 6));
        // A line break separates words: Ctrl-W takes it and the word before.
        c.edit(ConsoleEdit::KillWord);
        assert_eq!((c.input.as_str(), c.cursor), ("nd line", 0));
    }
}
