//! A multi-line text editor for answers in the learner's own words (a recall item's
//! answer, in [`Mode::Prose`]) and for code (practice's solution, in [`Mode::Code`]). It wraps `ratatui-textarea`'s
//! `TextArea` (soft word wrap, undo history, multi-line paste) behind [`Edit`], plain
//! data that the key table makes from keys, so which key does what is decided in
//! `keymap::BINDINGS` (and shown in the help and footer), never by the widget's own
//! key handling, and applying an edit is a pure state change for `update`.
//!
//! A leaf: it imports nothing from the crate, so any screen's state can hold one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// One change to the text or the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A typed character.
    Insert(char),
    /// Pasted text, line breaks and all, in one step (one undo takes it back).
    Paste(String),
    Newline,
    /// Tab: four spaces (code is indented with spaces in both languages).
    Tab,
    /// Deletes the character before the cursor (joins lines at a line's start).
    Backspace,
    /// Deletes the character under the cursor.
    Delete,
    /// Deletes the word before the cursor.
    DeleteWord,
    Left,
    Right,
    /// Up or down one row as shown (a wrapped line has several).
    Up,
    Down,
    WordLeft,
    WordRight,
    Home,
    End,
    Undo,
    Redo,
}

impl Edit {
    /// This edit with a paste cut to its first `room` bytes (at a character), and the
    /// paste's whole size when it was cut; any other edit as it is.
    #[must_use]
    pub fn within(self, room: usize) -> (Self, Option<usize>) {
        match self {
            Self::Paste(text) if text.len() > room => {
                let mut end = room;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let size = text.len();
                (Self::Paste(text[..end].to_string()), Some(size))
            }
            other => (other, None),
        }
    }
}

/// What the text is, which decides how it wraps and what a new line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A paragraph: soft-wrapped at words; a new line starts empty.
    Prose,
    /// Code: not wrapped (a wrapped line would read as two), numbered; a new line keeps
    /// the indent of the line it breaks, one level more after a line ending in `opens`
    /// (`:` in Python, `{` in Rust).
    Code { opens: char },
}

/// One level of indent in code.
const INDENT: &str = "    ";

/// The text being written, its cursor and its undo history, and whether keys go to it.
#[derive(Debug, Clone)]
pub struct Editor {
    area: TextArea<'static>,
    focused: bool,
    mode: Mode,
}

impl Default for Editor {
    fn default() -> Self {
        Self::new("")
    }
}

/// Two editors are the same when they hold the same text, cursor and focus (the undo
/// history and the scroll are not compared).
impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        self.area.lines() == other.area.lines()
            && self.area.cursor() == other.area.cursor()
            && self.focused == other.focused
    }
}

impl Editor {
    /// An editor holding `text` (line breaks split it into lines), cursor at the end,
    /// not focused.
    pub fn new(text: &str) -> Self {
        Self::with_mode(text, Mode::Prose)
    }

    /// An editor for code (see [`Mode::Code`]), cursor at the end, not focused.
    pub fn code(text: &str, opens: char) -> Self {
        Self::with_mode(text, Mode::Code { opens })
    }

    fn with_mode(text: &str, mode: Mode) -> Self {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        match mode {
            // Soft wrap at word boundaries, splitting only a word wider than the pane:
            // an answer is a paragraph, and no part of it may run off the edge.
            Mode::Prose => area.set_wrap_mode(WrapMode::WordOrGlyph),
            Mode::Code { .. } => {
                area.set_wrap_mode(WrapMode::None);
                area.set_line_number_style(Style::new().add_modifier(Modifier::DIM));
            }
        }
        area.set_cursor_line_style(Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        let mut editor = Self {
            area,
            focused: true,
            mode,
        };
        editor.set_focused(false);
        editor
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }

    pub fn focused(&self) -> bool {
        self.focused
    }

    /// Keys go to the editor (the cursor shows) or not (it is hidden).
    pub fn set_focused(&mut self, focused: bool) {
        if self.focused != focused {
            self.focused = focused;
            self.area.set_cursor_style(if focused {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            });
        }
    }

    /// Applies `edit`; returns whether the text changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let a = &mut self.area;
        let moved = |a: &mut TextArea<'static>, m: CursorMove| {
            a.move_cursor(m);
            false
        };
        match edit {
            Edit::Insert('\n') | Edit::Newline => match self.mode {
                Mode::Prose => {
                    a.insert_newline();
                    true
                }
                // One edit, so one undo takes back the break and its indent together.
                Mode::Code { opens } => {
                    let indent = next_indent(a, opens);
                    a.insert_str(format!("\n{indent}"))
                }
            },
            Edit::Tab => a.insert_str(INDENT),
            // Other control characters are not text (a paste drops them before here).
            Edit::Insert(c) if crate::text::needs_escape(c) => false,
            Edit::Insert(c) => {
                a.insert_char(c);
                true
            }
            Edit::Paste(text) => a.insert_str(text.replace("\r\n", "\n").replace('\r', "\n")),
            Edit::Backspace => a.delete_char(),
            Edit::Delete => a.delete_next_char(),
            Edit::DeleteWord => a.delete_word(),
            Edit::Left => moved(a, CursorMove::Back),
            Edit::Right => moved(a, CursorMove::Forward),
            Edit::Up => moved(a, CursorMove::Up),
            Edit::Down => moved(a, CursorMove::Down),
            Edit::WordLeft => moved(a, CursorMove::WordBack),
            Edit::WordRight => moved(a, CursorMove::WordForward),
            Edit::Home => moved(a, CursorMove::Head),
            Edit::End => moved(a, CursorMove::End),
            Edit::Undo => a.undo(),
            Edit::Redo => a.redo(),
        }
    }

    /// Replaces the whole text (a saved attempt, loaded), cursor at the end; the undo
    /// history starts afresh, so undo cannot bring back the text replaced.
    pub fn set_text(&mut self, text: &str) {
        let focused = self.focused;
        *self = Self::with_mode(text, self.mode);
        self.set_focused(focused);
    }

    /// Moves the cursor to `line`, `column` (both from 0, clamped to the text).
    pub fn jump_to(&mut self, line: usize, column: usize) {
        let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.area
            .move_cursor(CursorMove::Jump(at(line), at(column)));
    }

    /// The cursor as (line, column), both from 0, columns in characters.
    pub fn cursor(&self) -> (usize, usize) {
        let ratatui_textarea::DataCursor(line, column) = self.area.cursor();
        (line, column)
    }

    /// Draws the text in `area` with `style`, wrapped, scrolled to keep the cursor in
    /// view (the widget keeps its scroll in a `Cell`, so drawing needs only `&self`).
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) {
        buf.set_style(area, style);
        (&self.area).render(area, buf);
        if matches!(self.mode, Mode::Code { .. }) {
            self.mark_clipped(area, buf);
        }
    }

    /// Code is not wrapped, and the widget scrolls sideways only to keep the cursor in
    /// view: a line that runs past the right edge gets `→` in the last column, and once
    /// the view is scrolled right every line gets `←` in the first, so no line is
    /// silently cut. The cursor's own cell is never covered.
    fn mark_clipped(&self, area: Rect, buf: &mut Buffer) {
        use unicode_width::UnicodeWidthChar as _;
        if area.width < 2 {
            return;
        }
        let (top_row, top_col) = self.area.scroll_offset();
        let lines = self.area.lines();
        // The line numbers' gutter scrolls with the text: its digits and two spaces.
        let gutter = lines.len().to_string().len() + 2;
        let tab = usize::from(self.area.tab_length()).max(1);
        let (cursor_row, cursor_col) = self.cursor();
        let marker = Style::new().add_modifier(Modifier::DIM | Modifier::BOLD);
        for (y, row) in (area.top()..area.bottom()).zip(usize::from(top_row)..) {
            let Some(line) = lines.get(row) else { break };
            // Columns taken by the first `n` chars of the line (a tab is `tab` wide).
            let columns = |n: usize| -> usize {
                line.chars()
                    .take(n)
                    .map(|c| {
                        if c == '\t' {
                            tab
                        } else {
                            c.width().unwrap_or(0)
                        }
                    })
                    .sum()
            };
            let width = columns(usize::MAX);
            let on_cursor = |x: usize| row == cursor_row && gutter + columns(cursor_col) == x;
            let left = usize::from(top_col);
            let right = left + usize::from(area.width) - 1;
            if gutter + width > right + 1 && !on_cursor(right) {
                buf[(area.right() - 1, y)].set_symbol("→").set_style(marker);
            }
            if left > 0 && !on_cursor(left) {
                buf[(area.x, y)].set_symbol("←").set_style(marker);
            }
        }
    }
}

/// The indent a new line gets when the cursor's line is broken: the line's own, and
/// one level more if the text before the cursor ends in `opens`.
fn next_indent(area: &TextArea<'static>, opens: char) -> String {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let line = area.lines().get(row).map_or("", String::as_str);
    let before: String = line.chars().take(col).collect();
    let mut indent: String = before
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if before.trim_end().ends_with(opens) {
        indent.push_str(INDENT);
    }
    indent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Editor {
        let mut e = Editor::default();
        for c in text.chars() {
            e.apply(Edit::Insert(c));
        }
        e
    }

    #[test]
    fn typing_and_newlines_make_lines() {
        let mut e = typed("ab");
        e.apply(Edit::Newline);
        e.apply(Edit::Insert('c'));
        assert_eq!(e.text(), "ab\nc");
        assert_eq!(e.cursor(), (1, 1));
    }

    #[test]
    fn a_paste_goes_in_whole_and_one_undo_takes_it_back() {
        let mut e = typed("x ");
        assert!(e.apply(Edit::Paste("one\r\ntwo\nthree".into())));
        assert_eq!(e.text(), "x one\ntwo\nthree");
        assert!(e.apply(Edit::Undo));
        assert_eq!(e.text(), "x ");
        assert!(e.apply(Edit::Redo));
        assert_eq!(e.text(), "x one\ntwo\nthree");
    }

    #[test]
    fn undo_takes_back_typing_and_deleting() {
        let mut e = typed("abc");
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "ab");
        e.apply(Edit::Undo);
        assert_eq!(e.text(), "abc");
    }

    #[test]
    fn cursor_moves_and_deletes() {
        let mut e = typed("hello world");
        e.apply(Edit::WordLeft);
        e.apply(Edit::DeleteWord);
        assert_eq!(e.text(), "world");
        e.apply(Edit::End);
        e.apply(Edit::Home);
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "orld");
        assert!(!e.apply(Edit::Right));
    }

    #[test]
    fn new_starts_at_the_end_unfocused() {
        let e = Editor::new("a\nbc");
        assert_eq!(e.cursor(), (1, 2));
        assert!(!e.focused());
        assert_eq!(e.text(), "a\nbc");
    }

    #[test]
    fn code_keeps_the_indent_and_indents_after_an_opener() {
        let mut e = Editor::code("def f(x):", ':');
        e.apply(Edit::Newline);
        assert_eq!(e.text(), "def f(x):\n    ");
        for c in "if x:".chars() {
            e.apply(Edit::Insert(c));
        }
        e.apply(Edit::Newline);
        for c in "return 1".chars() {
            e.apply(Edit::Insert(c));
        }
        e.apply(Edit::Newline);
        assert_eq!(e.text(), "def f(x):\n    if x:\n        return 1\n        ");
        // One undo takes back a break and its indent.
        e.apply(Edit::Undo);
        assert_eq!(e.text(), "def f(x):\n    if x:\n        return 1");
        let mut rust = Editor::code("fn f() {", '{');
        rust.apply(Edit::Newline);
        assert_eq!(rust.text(), "fn f() {\n    ");
        // A colon opens nothing in Rust; prose keeps no indent.
        let mut rust = Editor::code("    a: u8,", '{');
        rust.apply(Edit::Newline);
        assert_eq!(rust.text(), "    a: u8,\n    ");
        let mut prose = Editor::new("  x:");
        prose.apply(Edit::Newline);
        assert_eq!(prose.text(), "  x:\n");
    }

    #[test]
    fn tab_inserts_four_spaces() {
        let mut e = Editor::code("", ':');
        e.apply(Edit::Tab);
        e.apply(Edit::Insert('x'));
        assert_eq!(e.text(), "    x");
        e.apply(Edit::Undo);
        e.apply(Edit::Undo);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn set_text_replaces_the_text_and_keeps_focus() {
        let mut e = Editor::code("a", ':');
        e.set_focused(true);
        e.set_text("b\nc");
        assert_eq!(e.text(), "b\nc");
        assert!(e.focused());
        assert!(!e.apply(Edit::Undo));
    }

    /// The rows of `editor` drawn `w` columns wide.
    fn drawn(editor: &Editor, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        editor.render(area, &mut buf, Style::new());
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn code_cut_at_an_edge_is_marked() {
        // Line numbers take "1 " plus one: 3 columns; 12 columns leave 9 for text.
        let mut code = Editor::code("short\nthis line is far too long\nend", ':');
        code.jump_to(0, 0);
        let rows = drawn(&code, 12, 3);
        assert_eq!(rows[0], " 1 short    ");
        assert_eq!(rows[1], " 2 this lin→");
        assert_eq!(rows[2], " 3 end      ");
        // The cursor at the end of the long line: the view scrolls right, and what is
        // cut on the left is marked on every row.
        code.jump_to(1, 25);
        let rows = drawn(&code, 12, 3);
        assert!(rows.iter().all(|r| r.starts_with('←')), "{rows:?}");
        assert!(rows[1].contains("long"), "{rows:?}");
        assert!(!rows[1].ends_with('→'), "{rows:?}");
    }

    #[test]
    fn long_lines_wrap_at_words() {
        let e = typed("one two three four");
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 3));
        e.render(Rect::new(0, 0, 9, 3), &mut buf, Style::new());
        let rows: Vec<String> = (0..3)
            .map(|y| {
                (0..9)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect();
        assert_eq!(rows, ["one two", "three", "four"]);
    }
}
