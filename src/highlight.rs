//! Syntax highlighting: syntect turns a solution into ratatui `Text`, once per solution.
//!
//! The one highlighter for `tutor show` and the full-screen session. Loading syntect's
//! syntax definitions takes milliseconds, and highlighting a solution about as long, so
//! callers build one [`Highlighter`] and keep what it returns; nothing here belongs on a
//! draw path. The theme (`assets/tutor.tmTheme`) names slots of the terminal's own
//! palette instead of fixed colours, so it reads well on dark and light backgrounds.

use std::io::Cursor;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme, ThemeSet};
use syntect::parsing::SyntaxSet;

use crate::text::sanitize;

const THEME: &[u8] = include_bytes!("../assets/tutor.tmTheme");

/// A language a card has a solution in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    Rust,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Self::Python => "Python",
            Self::Rust => "Rust",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Python => "py",
            Self::Rust => "rs",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HighlightError {
    #[error("the bundled syntax theme assets/tutor.tmTheme is invalid: {0}")]
    Theme(#[from] syntect::LoadingError),
}

pub struct Highlighter {
    syntaxes: SyntaxSet,
    theme: Theme,
}

impl Highlighter {
    pub fn new() -> Result<Self, HighlightError> {
        let theme = ThemeSet::load_from_reader(&mut Cursor::new(THEME))?;
        Ok(Self {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            theme,
        })
    }

    /// Highlights `code` (sanitized first: content is untrusted). Never fails: a line
    /// syntect cannot parse is kept as plain text.
    pub fn highlight(&self, code: &str, lang: Lang) -> Text<'static> {
        let code = sanitize(code);
        let syntax = self
            .syntaxes
            .find_syntax_by_extension(lang.extension())
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut lines = HighlightLines::new(syntax, &self.theme);
        let mut out = Vec::new();
        for line in code.lines() {
            // syntect's "newlines" syntaxes expect each line to end in '\n'.
            let with_newline = format!("{line}\n");
            let spans = match lines.highlight_line(&with_newline, &self.syntaxes) {
                Ok(regions) => regions
                    .into_iter()
                    .filter_map(|(style, piece)| {
                        let piece = piece.trim_end_matches('\n');
                        (!piece.is_empty()).then(|| Span::styled(piece.to_string(), convert(style)))
                    })
                    .collect(),
                Err(_) => vec![Span::raw(line.to_string())],
            };
            out.push(Line::from(spans));
        }
        Text::from(out)
    }
}

/// A syntect style as a ratatui style. Colours with alpha 0 are palette slots (red holds
/// the slot), alpha 1 is the terminal's default colour; anything else is true colour.
fn convert(style: syntect::highlighting::Style) -> Style {
    let mut out = Style::default();
    if let Some(fg) = palette(style.foreground) {
        out = out.fg(fg);
    }
    if style.font_style.contains(FontStyle::BOLD) {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.font_style.contains(FontStyle::ITALIC) {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.font_style.contains(FontStyle::UNDERLINE) {
        out = out.add_modifier(Modifier::UNDERLINED);
    }
    out
}

fn palette(c: syntect::highlighting::Color) -> Option<Color> {
    match c.a {
        0 => Some(match c.r {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            15 => Color::White,
            n => Color::Indexed(n),
        }),
        1 => None,
        _ => Some(Color::Rgb(c.r, c.g, c.b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles_of(text: &Text<'_>, word: &str) -> Vec<Style> {
        text.lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.content.contains(word))
            .map(|s| s.style)
            .collect()
    }

    #[test]
    fn keywords_strings_and_comments_get_palette_colours() {
        let h = Highlighter::new().unwrap();
        let py = h.highlight("def f():\n    # note\n    return 'x'\n", Lang::Python);
        assert_eq!(py.lines.len(), 3);
        assert_eq!(styles_of(&py, "def")[0].fg, Some(Color::Magenta));
        assert_eq!(styles_of(&py, "note")[0].fg, Some(Color::DarkGray));
        assert_eq!(styles_of(&py, "x")[0].fg, Some(Color::Green));
        let rs = h.highlight("fn main() { let x = 1; }", Lang::Rust);
        assert_eq!(styles_of(&rs, "fn")[0].fg, Some(Color::Magenta));
        assert_eq!(styles_of(&rs, "1")[0].fg, Some(Color::Yellow));
    }

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let h = Highlighter::new().unwrap();
        let text = h.highlight("x = '\u{1b}[31m'\n", Lang::Python);
        let all: String = text.lines[0]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(!all.contains('\u{1b}'));
        assert!(all.contains("\\u{1b}[31m"));
    }
}
