//! Content is untrusted text: a deck could carry escape sequences that would drive the
//! terminal. Everything from a deck passes through [`sanitize`] before it is shown.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Spaces a tab stands for in displayed code.
pub const TAB_WIDTH: usize = 4;

/// Control characters (C0 but newline, DEL, C1) and bidirectional overrides become
/// visible escapes such as `\u{1b}`; tabs become spaces. Anything else is unchanged.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.extend(std::iter::repeat_n(' ', TAB_WIDTH));
        } else if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
    fn escapes_terminal_controls_and_keeps_text() {
        assert_eq!(sanitize("plain\nline"), "plain\nline");
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("\u{9b}x\u{7f}"), "\\u{9b}x\\u{7f}");
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("\r\u{202e}"), "\\u{d}\\u{202e}");
        assert_eq!(sanitize("héllo ✓"), "héllo ✓");
    }
}
