//! ratatui `Text` as a string with ANSI SGR escapes, for commands that print to stdout.

use std::fmt::Write as _;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Text;

/// One line of output per line of `text`; styles are reset at the end of each line so a
/// pager or a cut-off line never leaks colour. With `color` false, the plain text.
pub fn render(text: &Text<'_>, color: bool) -> String {
    let mut out = String::new();
    for line in &text.lines {
        for span in &line.spans {
            let style = line.style.patch(span.style);
            let codes = if color { sgr(style) } else { String::new() };
            if codes.is_empty() {
                out.push_str(&span.content);
            } else {
                let _ = write!(out, "\x1b[{codes}m{}\x1b[0m", span.content);
            }
        }
        out.push('\n');
    }
    out
}

fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    for (modifier, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
    ] {
        if style.add_modifier.contains(modifier) {
            codes.push(code.to_string());
        }
    }
    if let Some(fg) = style.fg
        && let Some(code) = color_code(fg, false)
    {
        codes.push(code);
    }
    if let Some(bg) = style.bg
        && let Some(code) = color_code(bg, true)
    {
        codes.push(code);
    }
    codes.join(";")
}

fn color_code(color: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    let code = match color {
        Color::Reset => return None,
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => bright.to_string(),
        Color::LightRed => (bright + 1).to_string(),
        Color::LightGreen => (bright + 2).to_string(),
        Color::LightYellow => (bright + 3).to_string(),
        Color::LightBlue => (bright + 4).to_string(),
        Color::LightMagenta => (bright + 5).to_string(),
        Color::LightCyan => (bright + 6).to_string(),
        Color::White => (bright + 7).to_string(),
        Color::Indexed(n) => format!("{};5;{n}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::{Line, Span};

    #[test]
    fn styled_spans_get_sgr_and_reset() {
        let text = Text::from(vec![Line::from(vec![
            Span::styled(
                "def",
                Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            ),
            Span::raw(" f"),
        ])]);
        assert_eq!(render(&text, true), "\x1b[1;35mdef\x1b[0m f\n");
        assert_eq!(render(&text, false), "def f\n");
    }

    #[test]
    fn bright_indexed_and_rgb_colours() {
        assert_eq!(color_code(Color::DarkGray, false).as_deref(), Some("90"));
        assert_eq!(
            color_code(Color::Indexed(200), false).as_deref(),
            Some("38;5;200")
        );
        assert_eq!(
            color_code(Color::Rgb(1, 2, 3), true).as_deref(),
            Some("48;2;1;2;3")
        );
        assert_eq!(color_code(Color::Reset, false), None);
    }
}
