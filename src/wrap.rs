//! Word wrapping that keeps span styles, so the view and `update` (which needs to know
//! how far a pane can scroll) agree on line counts.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Wraps each line to `width` columns at spaces; words longer than a line are split.
/// Continuation rows keep the line's leading indentation, and those of a list item
/// (indentation, then a marker such as `• `, `- ` or `2. `, as `crate::markdown`
/// draws them) hang under the item's text. An indent of half the width or more is
/// not kept.
///
/// No columns, no rows: `app::start` builds a screen's rows before the terminal's size
/// is known (the size is 0 × 0 then), and wrapping a card one character a row took 0.9
/// MB of the heap at the first frame; the first `Resize` builds them at the real width.
pub fn wrap(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let width = usize::from(width);
    let mut out = Vec::new();
    for line in lines {
        let hang = match hanging_indent(line) {
            h if h < width / 2 => h,
            _ => 0,
        };
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0usize;
        let mut continuation = false;
        let flush = |row: &mut Vec<Span<'static>>, out: &mut Vec<Line<'static>>| {
            // Spaces at a break are not shown.
            while row.last().is_some_and(|s| s.content.trim().is_empty()) {
                row.pop();
            }
            out.push(Line::from(merge(std::mem::take(row))).style(line.style));
        };
        // Starts a continuation row: indented by `hang` (its spaces are dropped should
        // nothing follow them).
        let next_row = |row: &mut Vec<Span<'static>>, used: &mut usize| {
            if hang > 0 {
                row.push(Span::raw(" ".repeat(hang)));
            }
            *used = hang;
        };
        for (pieces, is_space) in tokens(line) {
            let w: usize = pieces.iter().map(|(text, _)| text_width(text)).sum();
            if is_space {
                if continuation && used == hang {
                    continue;
                }
                if used + w <= width {
                    row.extend(
                        pieces
                            .into_iter()
                            .map(|(text, style)| Span::styled(text, style)),
                    );
                    used += w;
                } else {
                    flush(&mut row, &mut out);
                    continuation = true;
                    next_row(&mut row, &mut used);
                }
                continue;
            }
            // Past the indent (and an item's marker) something is on the row.
            if used > hang && used + w > width {
                flush(&mut row, &mut out);
                continuation = true;
                next_row(&mut row, &mut used);
            }
            // A word may hold several styles (`code` then a comma): it breaks only
            // where it is longer than a row.
            for (text, style) in pieces {
                let mut chunk = String::new();
                for c in text.chars() {
                    let cw = c.width().unwrap_or(0);
                    if used + cw > width && used > hang {
                        if !chunk.is_empty() {
                            row.push(Span::styled(std::mem::take(&mut chunk), style));
                        }
                        flush(&mut row, &mut out);
                        continuation = true;
                        next_row(&mut row, &mut used);
                    }
                    chunk.push(c);
                    used += cw;
                }
                if !chunk.is_empty() {
                    row.push(Span::styled(chunk, style));
                }
            }
        }
        // A line that broke just before trailing spaces has nothing left for a last row.
        if !(continuation && row.iter().all(|s| s.content.trim().is_empty())) {
            flush(&mut row, &mut out);
        }
    }
    out
}

/// Adjacent spans of one style as one span (words and spaces were split to wrap).
///
/// The row's vector holds exactly the merged spans: a row of many words is a few
/// spans once merged, and room for all its words, kept in every row a pane holds, was
/// most of the card view's wrapped Question (about 0.1 MB).
fn merge(spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    let merged = 1 + spans
        .windows(2)
        .filter(|w| w[0].style != w[1].style)
        .count();
    let mut out: Vec<Span<'static>> = Vec::with_capacity(merged.min(spans.len()));
    for span in spans {
        match out.last_mut() {
            Some(last) if last.style == span.style => {
                last.content.to_mut().push_str(&span.content);
            }
            _ => out.push(span),
        }
    }
    out
}

/// The columns a line's continuation rows are indented by: its leading spaces and,
/// for a list item, its marker (a bullet, `-`, `*`, `│` or a number with `.` or `)`,
/// then a space).
fn hanging_indent(line: &Line<'_>) -> usize {
    let mut start = String::new();
    for span in &line.spans {
        start.push_str(&span.content);
        if start.len() > 40 {
            break;
        }
    }
    let body = start.trim_start_matches(' ');
    let indent = start.len() - body.len();
    let marker = ["• ", "◦ ", "▪ ", "- ", "* ", "│ "]
        .iter()
        .find(|m| body.starts_with(*m))
        .map(|m| text_width(m))
        .or_else(|| {
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &body[digits..];
            (digits > 0 && digits < 4 && (rest.starts_with(". ") || rest.starts_with(") ")))
                .then_some(digits + 2)
        })
        .unwrap_or(0);
    indent + marker
}

/// Plain text wrapped as [`wrap`] wraps a line, one string a row: for text printed
/// outside the full screen (the privacy question on the command line).
pub fn wrap_plain(text: &str, width: u16) -> Vec<String> {
    wrap(&[Line::raw(text)], width)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// `text` in `width` columns: cut with a trailing "…" when it does not fit.
pub fn fit(text: &str, width: u16) -> String {
    use unicode_width::UnicodeWidthChar as _;
    let width = usize::from(width);
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn text_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A line's words and runs of spaces, each as its styled pieces, and whether it is
/// spaces. A word is every character between two spaces, whatever its styles.
fn tokens(line: &Line<'_>) -> Vec<(Vec<(String, Style)>, bool)> {
    let mut out: Vec<(Vec<(String, Style)>, bool)> = Vec::new();
    for span in &line.spans {
        for c in span.content.chars() {
            let space = c == ' ';
            match out.last_mut() {
                Some((pieces, is_space)) if *is_space == space => match pieces.last_mut() {
                    Some((text, style)) if *style == span.style => text.push(c),
                    _ => pieces.push((c.to_string(), span.style)),
                },
                _ => out.push((vec![(c.to_string(), span.style)], space)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        let out = wrap(&[Line::from("the quick brown fox jumps")], 10);
        assert_eq!(texts(&out), ["the quick", "brown fox", "jumps"]);
        let out = wrap(&[Line::from("abcdefghijkl mn")], 5);
        assert_eq!(texts(&out), ["abcde", "fghij", "kl mn"]);
        let out = wrap(&[Line::from(""), Line::from("  - indented item")], 40);
        assert_eq!(texts(&out), ["", "  - indented item"]);
    }

    #[test]
    fn a_row_keeps_no_room_for_the_words_it_merged() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![
            Span::raw("many plain words in one style and "),
            Span::styled("bold", bold),
            Span::raw(" then plain again until the row ends"),
        ]);
        let rows = wrap(&[line], 60);
        assert_eq!(rows[0].spans.len(), 3);
        for row in &rows {
            assert_eq!(row.spans.capacity(), row.spans.len(), "{row:?}");
        }
    }

    #[test]
    fn no_columns_give_no_rows() {
        assert!(wrap(&[Line::from("the quick brown fox")], 0).is_empty());
        assert_eq!(texts(&wrap(&[Line::from("ab")], 1)), ["a", "b"]);
    }

    #[test]
    fn a_full_line_with_trailing_spaces_adds_no_blank_row() {
        let out = wrap(&[Line::from("abcde fghij  "), Line::from("next")], 11);
        assert_eq!(texts(&out), ["abcde fghij", "next"]);
        let out = wrap(&[Line::from("abcde fghij  ")], 5);
        assert_eq!(texts(&out), ["abcde", "fghij"]);
    }

    #[test]
    fn keeps_styles_across_spans() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![Span::styled("bold words", bold), Span::raw(" plain")]);
        let out = wrap(&[line], 6);
        assert_eq!(texts(&out), ["bold", "words", "plain"]);
        assert_eq!(out[1].spans[0].style, bold);
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let item = Line::from(vec![Span::raw("  • "), Span::raw("one two three four")]);
        assert_eq!(
            texts(&wrap(&[item], 12)),
            ["  • one two", "    three", "    four"]
        );
        let numbered = Line::from("10. alpha beta gamma");
        assert_eq!(
            texts(&wrap(&[numbered], 12)),
            ["10. alpha", "    beta", "    gamma"]
        );
        // A word too long for the rest of the row is split after the indent.
        let long = Line::from("- abcdefghijkl");
        assert_eq!(texts(&wrap(&[long], 6)), ["- abcd", "  efgh", "  ijkl"]);
        // Not an item: continuations keep the indentation.
        let code = Line::from("    f(alpha, beta)");
        assert_eq!(texts(&wrap(&[code], 12)), ["    f(alpha,", "    beta)"]);
        assert_eq!(texts(&wrap(&[Line::from("ab cd")], 3)), ["ab", "cd"]);
        // An indent of half the width or more is not kept.
        let deep = Line::from("          • a b");
        assert_eq!(texts(&wrap(&[deep], 14)), ["          • a", "b"]);
    }

    #[test]
    fn a_word_of_several_styles_breaks_only_at_spaces() {
        let code = Style::new().fg(ratatui::style::Color::Cyan);
        let line = Line::from(vec![
            Span::raw("use the "),
            Span::styled("key", code),
            Span::raw(", then "),
            Span::styled("get", code),
            Span::raw("."),
        ]);
        // "key," does not fit: the comma does not go to the next row alone.
        let out = wrap(&[line], 11);
        assert_eq!(texts(&out), ["use the", "key, then", "get."]);
        assert_eq!(out[1].spans[0].style, code);
        assert_eq!(out[2].spans[0].content, "get");
        let out = wrap(
            &[Line::from(vec![
                Span::raw("x "),
                Span::styled("abc", code),
                Span::raw("defg"),
            ])],
            4,
        );
        assert_eq!(texts(&out), ["x", "abcd", "efg"]);
    }

    #[test]
    fn wide_characters_count_double() {
        let out = wrap(&[Line::from("日本語 テキスト")], 6);
        assert_eq!(texts(&out), ["日本語", "テキス", "ト"]);
    }
}
