//! Content is untrusted text: a deck could carry escape sequences that would drive the
//! terminal. Deck text is made display-safe once, when it is read: the deck types hold it
//! as [`Shown`], which only [`sanitize`] builds. Other untrusted text (a card id typed on
//! the command line or read from a database, an error quoting a file) becomes [`Shown`]
//! where it enters, or is sanitized by the one `Display` that prints it.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Deref;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use serde::{Deserialize, Serialize};

/// Text that is safe to write to a terminal: it can only be built by [`sanitize`]
/// (every constructor runs it, and so does deserializing), so holding one is the proof.
/// It reads as a `&str`. Sanitizing is idempotent, so a `Shown` built from text that
/// already was one is the same text (and costs only a scan).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(from = "String")]
pub struct Shown(String);

impl Serialize for Shown {
    /// As the string it holds (the parse cache writes every card's text through here).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl Shown {
    /// `text`, sanitized.
    pub fn new(text: &str) -> Self {
        Self(sanitize(text).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for Shown {
    /// Sanitizes, keeping the allocation when nothing needs escaping.
    fn from(text: String) -> Self {
        match sanitize(&text) {
            Cow::Borrowed(_) => Self(text),
            Cow::Owned(clean) => Self(clean),
        }
    }
}

impl From<&str> for Shown {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<Shown> for String {
    fn from(text: Shown) -> Self {
        text.0
    }
}

impl<'a> From<&'a Shown> for Cow<'a, str> {
    fn from(text: &'a Shown) -> Self {
        Cow::Borrowed(&text.0)
    }
}

impl From<Shown> for Cow<'_, str> {
    fn from(text: Shown) -> Self {
        Cow::Owned(text.0)
    }
}

impl Deref for Shown {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shown {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shown {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl PartialEq<str> for Shown {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Shown {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// [`Shown`] from `format!` arguments: `shown!("{n} more")`. The formatted text is
/// sanitized like any other (its parts may be deck text or what the user typed).
#[macro_export]
macro_rules! shown {
    ($($arg:tt)*) => {
        $crate::text::Shown::from(::std::format!($($arg)*))
    };
}

/// What screen text is built from: a literal of tutor's own (`"Question"`, `" · "`)
/// or [`Shown`] text. A `String` or a borrowed `&str` is not accepted, so the compiler
/// stops any text that has not been made safe: wrap it in [`Shown`] (or `shown!`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Safe<'a>(Cow<'a, str>);

impl From<&'static str> for Safe<'_> {
    fn from(text: &'static str) -> Self {
        Self(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a Shown> for Safe<'a> {
    fn from(text: &'a Shown) -> Self {
        Self(Cow::Borrowed(&text.0))
    }
}

impl From<Shown> for Safe<'_> {
    fn from(text: Shown) -> Self {
        Self(Cow::Owned(text.0))
    }
}

impl<'a> From<Cow<'a, Shown>> for Safe<'a> {
    fn from(text: Cow<'a, Shown>) -> Self {
        match text {
            Cow::Borrowed(text) => text.into(),
            Cow::Owned(text) => text.into(),
        }
    }
}

/// A span of safe text in `style`: in the view modules, the way to put a string on the
/// screen (`Span::raw`/`Span::styled` are disallowed there, see clippy.toml).
#[allow(
    clippy::disallowed_methods,
    reason = "the one constructor of spans from strings, and it takes Safe"
)]
pub fn span<'a>(text: impl Into<Safe<'a>>, style: Style) -> Span<'a> {
    Span::styled(text.into().0, style)
}

/// [`span`] without a style.
pub fn raw<'a>(text: impl Into<Safe<'a>>) -> Span<'a> {
    span(text, Style::new())
}

/// A line of one span of safe text, the line styled (as `Line::styled`).
#[allow(
    clippy::disallowed_methods,
    reason = "the one constructor of lines from strings, and it takes Safe"
)]
pub fn line<'a>(text: impl Into<Safe<'a>>, style: Style) -> Line<'a> {
    Line::styled(text.into().0, style)
}

impl PartialEq<String> for Shown {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<Shown> for String {
    fn eq(&self, other: &Shown) -> bool {
        *self == other.0
    }
}

impl PartialEq<Shown> for &str {
    fn eq(&self, other: &Shown) -> bool {
        *self == other.0
    }
}

/// Spaces a tab stands for in displayed code.
pub const TAB_WIDTH: usize = 4;

/// Control characters (C0 but newline, DEL, C1) and bidirectional overrides become
/// visible escapes such as `\u{1b}`; tabs become spaces. Emoji sequences whose width
/// terminals disagree on are taken apart (see [`emoji_part`]). Anything else is unchanged.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    // Most text is printable ASCII: a byte scan first (deck text is sanitized as it is
    // read, the parse cache's too, so this runs over every card at every start).
    let printable_ascii = |b: u8| b == b'\n' || (b' '..=b'~').contains(&b);
    if s.bytes().all(printable_ascii)
        || !s
            .chars()
            .any(|c| needs_escape(c) || emoji_part(c).is_some())
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut after_emoji = false;
    for c in s.chars() {
        let part = emoji_part(c);
        if c == '\t' {
            out.extend(std::iter::repeat_n(' ', TAB_WIDTH));
        } else if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else if let Some(EmojiPart::Letter(letter)) = part {
            out.push(letter);
        } else if part == Some(EmojiPart::Joiner) && !after_emoji {
            // A joiner in a script (Devanagari, Arabic) shapes letters: keep it.
            out.push(c);
        } else if part.is_none() {
            out.push(c);
        }
        after_emoji = part.is_some() || is_emoji(c);
    }
    Cow::Owned(out)
}

/// What [`sanitize`] makes of a character that builds an emoji sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EmojiPart {
    /// A regional indicator: two make a flag, which a terminal draws as one wide glyph,
    /// as two letters of one or two cells each, or as two flags. It becomes its letter.
    Letter(char),
    /// Dropped: a variation selector (❤️ is two cells to ratatui, one to most
    /// terminals), a skin-tone modifier (a separate swatch in many terminals), a tag
    /// (subdivision flags), and a zero-width joiner after an emoji (a family is one
    /// glyph or three). What is left is one emoji per glyph, a width everyone agrees on.
    Dropped,
    /// A zero-width joiner: dropped after an emoji, kept in text.
    Joiner,
}

/// ratatui lays out a grapheme at the width `unicode-width` gives it and skips the
/// cells it believes covered; where the terminal draws the glyph wider, the excess is
/// never overwritten (a stray glyph stays on the next screen), and where it draws it
/// narrower, the skipped cell keeps what was there before.
fn emoji_part(c: char) -> Option<EmojiPart> {
    match c {
        '\u{1F1E6}'..='\u{1F1FF}' => {
            let offset = u32::from(c) - 0x1F1E6;
            char::from_u32(u32::from('A') + offset).map(EmojiPart::Letter)
        }
        '\u{200D}' => Some(EmojiPart::Joiner),
        '\u{FE0E}'
        | '\u{FE0F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => Some(EmojiPart::Dropped),
        _ => None,
    }
}

/// Pictographs and symbols that take part in emoji sequences.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
}

/// A character [`sanitize`] escapes (also for JSON, which leaves DEL, C1 and the
/// bidirectional controls raw).
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_is_sanitized_however_it_is_built() {
        let hostile = "a\u{1b}[2J\tb\u{202e}";
        let want = "a\\u{1b}[2J    b\\u{202e}";
        assert_eq!(Shown::new(hostile), want);
        assert_eq!(Shown::from(hostile.to_string()), want);
        let read: Shown = serde_json::from_str(&serde_json::to_string(hostile).unwrap()).unwrap();
        assert_eq!(read, want);
        // Sanitizing is idempotent: a round trip through serde changes nothing.
        let again: Shown = serde_json::from_value(serde_json::to_value(&read).unwrap()).unwrap();
        assert_eq!(again, read);
    }

    #[test]
    fn escapes_terminal_controls_and_keeps_text() {
        assert_eq!(sanitize("plain\nline"), "plain\nline");
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("\u{9b}x\u{7f}"), "\\u{9b}x\\u{7f}");
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("\r\u{202e}"), "\\u{d}\\u{202e}");
        assert_eq!(sanitize("héllo ✓"), "héllo ✓");
    }

    /// Each emoji sequence a terminal may draw at another width than ratatui lays out
    /// becomes glyphs whose width is not in doubt: as wide as their characters.
    #[test]
    fn emoji_sequences_become_glyphs_of_agreed_width() {
        use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};
        let cases = [
            ("flag \u{1F1FA}\u{1F1F8}!", "flag US!"),
            ("\u{2764}\u{FE0F} love", "\u{2764} love"),
            ("\u{1F44D}\u{1F3FD}", "\u{1F44D}"),
            (
                "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
                "\u{1F468}\u{1F469}\u{1F467}",
            ),
            (
                "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
                "\u{1F3F4}",
            ),
            ("1\u{FE0F}\u{20E3}", "1\u{20E3}"),
            ("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{1F3F3}\u{1F308}"),
        ];
        for (input, shown) in cases {
            let out = sanitize(input);
            assert_eq!(out, shown, "{input:?}");
            let by_char: usize = out.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(out.width(), by_char, "{input:?} -> {out:?}");
        }
        // A joiner in a script shapes its letters and stays.
        assert_eq!(
            sanitize("\u{915}\u{94D}\u{200D}\u{937}"),
            "\u{915}\u{94D}\u{200D}\u{937}"
        );
    }
}
