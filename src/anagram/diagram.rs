//! The anagram lab drawn for a terminal: a header (key mode, counts), the last
//! operation, then each bucket as a box headed by its key and holding its words.
//!
//! The bucket the last `add` touched is marked by a word and a shape as well as a
//! colour: a double-lined box, `NEW` after the key of a bucket it created, `+word` on
//! the word it appended. Boxes wrap onto further rows; what does not fit is counted
//! (`+N not shown`). Narrower than [`BOX_WIDTH`] or shorter than [`BOX_HEIGHT`], the
//! compact text form draws one bucket a line. Pure: it only looks at a [`Lab`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use super::{Event, Lab};

/// From this many columns on, buckets are boxes.
pub const BOX_WIDTH: u16 = 24;

/// From this many rows on (and [`BOX_WIDTH`] columns), buckets are boxes: the header,
/// the last operation and one box of one word.
pub const BOX_HEIGHT: u16 = 6;

/// The most words a box lists before `+N more`.
const BOX_WORDS: usize = 6;

/// The lab drawn into an area.
#[derive(Debug, Clone, Copy)]
pub struct Diagram<'a> {
    pub lab: &'a Lab,
    /// `false` draws with text marks and bold only.
    pub color: bool,
}

impl Widget for Diagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(text(self.lab, area.width, area.height, self.color)).render(area, buf);
    }
}

/// What the last operation did to bucket `i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Touch {
    None,
    New,
    /// Appended its last word.
    Appended,
}

fn touch(lab: &Lab, i: usize) -> Touch {
    match lab.last() {
        Some(Event::Added { bucket, new, .. }) if *bucket == i => {
            if *new {
                Touch::New
            } else {
                Touch::Appended
            }
        }
        _ => Touch::None,
    }
}

fn marked(color: bool) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if color { bold.fg(Color::Cyan) } else { bold }
}

fn title(color: bool) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if color { bold.fg(Color::Blue) } else { bold }
}

/// `s` cut to `max` chars, with `…` when cut.
fn cut(s: &str, max: usize) -> String {
    crate::command_table::cut(s, max)
}

/// The drawing for `width` × `height` cells: lines at most `width` wide, at most
/// `height` of them.
pub fn text(lab: &Lab, width: u16, height: u16, color: bool) -> Text<'static> {
    let (w, h) = (usize::from(width), usize::from(height));
    if w == 0 || h == 0 {
        return Text::default();
    }
    let mut out = vec![
        Line::from(Span::styled(
            cut(
                &format!(
                    "key: {}  words: {}  buckets: {}",
                    lab.mode().name(),
                    lab.len(),
                    lab.buckets().len()
                ),
                w,
            ),
            title(color),
        )),
        Line::from(cut(
            &lab.last().map_or_else(
                || "last: none (try `add eat`)".to_string(),
                |e| format!("last: {e}"),
            ),
            w,
        )),
    ];
    // `help`'s reply, wrapped: the console's border shows only its first columns.
    if let Some(note) = lab.note() {
        let rows = crate::wrap::wrap_plain(note, width.saturating_sub(2).max(1));
        out.extend(rows.into_iter().enumerate().map(|(i, row)| {
            let lead = if i == 0 { "? " } else { "  " };
            Line::from(cut(&format!("{lead}{row}"), w))
        }));
    }
    let room = h.saturating_sub(out.len());
    // Boxes when the first row of them fits, else one bucket a line.
    match boxes(lab, w, room, color) {
        Some(drawn) if width >= BOX_WIDTH && height >= BOX_HEIGHT => out.extend(drawn),
        _ => out.extend(compact(lab, w, room, color)),
    }
    out.truncate(h);
    Text::from(out)
}

/// One bucket a line: `aet NEW: eat` or `aet: eat tea +ate`, and `+N not shown`.
fn compact(lab: &Lab, width: usize, room: usize, color: bool) -> Vec<Line<'static>> {
    let buckets = lab.buckets();
    let shown = if buckets.len() > room {
        room.saturating_sub(1)
    } else {
        buckets.len()
    };
    let mut out: Vec<Line<'static>> = buckets[..shown]
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let t = touch(lab, i);
            let mut words: Vec<String> = b.words.clone();
            if t == Touch::Appended
                && let Some(last) = words.last_mut()
            {
                *last = format!("+{last}");
            }
            let head = if t == Touch::New {
                format!("{} NEW", b.key)
            } else {
                b.key.clone()
            };
            let line = cut(&format!("{head}: {}", words.join(" ")), width);
            if t == Touch::None {
                Line::from(line)
            } else {
                Line::from(Span::styled(line, marked(color)))
            }
        })
        .collect();
    if shown < buckets.len() && room > 0 {
        out.push(Line::from(cut(
            &format!("+{} not shown", buckets.len() - shown),
            width,
        )));
    }
    out
}

/// One bucket drawn as a box: its lines, all as wide, and whether it is marked.
struct BucketBox {
    lines: Vec<String>,
    width: usize,
    touched: bool,
}

fn bucket_box(lab: &Lab, i: usize, max_width: usize) -> BucketBox {
    let bucket = &lab.buckets()[i];
    let t = touch(lab, i);
    let head = if t == Touch::New {
        format!("{} NEW", bucket.key)
    } else {
        bucket.key.clone()
    };
    let mut rows: Vec<String> = bucket
        .words
        .iter()
        .take(BOX_WORDS)
        .map(|w| format!(" {w}"))
        .collect();
    let appended = t == Touch::Appended;
    let hidden = bucket.words.len().saturating_sub(BOX_WORDS);
    if hidden > 0 {
        // The appended word is the last, beyond the shown ones: it gets its own row.
        rows.push(format!("+{} more", hidden - usize::from(appended)));
        if appended && let Some(word) = bucket.words.last() {
            rows.push(format!("+{word}"));
        }
    } else if appended && let (Some(row), Some(word)) = (rows.last_mut(), bucket.words.last()) {
        *row = format!("+{word}");
    }
    let natural = rows
        .iter()
        .map(String::len)
        .chain([head.len() + 2])
        .max()
        .unwrap_or(0);
    let inner = natural.min(max_width.saturating_sub(2)).max(1);
    let double = t != Touch::None;
    let (tl, tr, bl, br, hz, vt) = if double {
        ('╔', '╗', '╚', '╝', '═', '║')
    } else {
        ('┌', '┐', '└', '┘', '─', '│')
    };
    let head = cut(&head, inner.saturating_sub(2).max(1));
    let fill = inner.saturating_sub(head.chars().count() + 1);
    let mut lines = vec![format!("{tl}{hz}{head}{}{tr}", hz.to_string().repeat(fill))];
    for row in rows {
        let row = cut(&row, inner);
        let pad = inner - row.chars().count();
        lines.push(format!("{vt}{row}{}{vt}", " ".repeat(pad)));
    }
    lines.push(format!("{bl}{}{br}", hz.to_string().repeat(inner)));
    BucketBox {
        lines,
        width: inner + 2,
        touched: double,
    }
}

/// The buckets as boxes in rows of `width`, and `+N not shown` when not all fit in
/// `room` lines; `None` when buckets there are but not one row of them fits.
fn boxes(lab: &Lab, width: usize, room: usize, color: bool) -> Option<Vec<Line<'static>>> {
    let all: Vec<BucketBox> = (0..lab.buckets().len())
        .map(|i| bucket_box(lab, i, width))
        .collect();
    // Greedy rows: boxes one column apart.
    let mut rows: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, b) in all.iter().enumerate() {
        let need = if i == start {
            b.width
        } else {
            used + 1 + b.width
        };
        if i > start && need > width {
            rows.push(start..i);
            start = i;
            used = b.width;
        } else {
            used = need;
        }
    }
    if start < all.len() {
        rows.push(start..all.len());
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut shown = 0;
    for (r, row) in rows.iter().enumerate() {
        let tall = all[row.clone()]
            .iter()
            .map(|b| b.lines.len())
            .max()
            .unwrap_or(0);
        let last_row = r + 1 == rows.len();
        // Leave a line for the note unless this is the last row.
        let note = usize::from(!last_row);
        if out.len() + tall + note > room {
            break;
        }
        for k in 0..tall {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (j, b) in all[row.clone()].iter().enumerate() {
                if j > 0 {
                    spans.push(Span::raw(" "));
                }
                let text = b
                    .lines
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| " ".repeat(b.width));
                spans.push(if b.touched {
                    Span::styled(text, marked(color))
                } else {
                    Span::raw(text)
                });
            }
            out.push(Line::from(spans));
        }
        shown = row.end;
    }
    if shown < all.len() && out.len() < room {
        out.push(Line::from(cut(
            &format!("+{} not shown", all.len() - shown),
            width,
        )));
    }
    (shown > 0 || all.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(lines: &[&str]) -> Lab {
        let mut lab = Lab::new();
        for line in lines {
            lab.run(line).unwrap();
        }
        lab
    }

    fn plain(lab: &Lab, w: u16, h: u16) -> Vec<String> {
        text(lab, w, h, false)
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn a_new_bucket_is_a_double_box_marked_new() {
        let l = lab(&["add eat", "add tan"]);
        let out = plain(&l, 60, 12);
        assert_eq!(out[0], "key: sorted  words: 2  buckets: 2");
        assert_eq!(out[1], "last: add tan -> NEW bucket ant");
        assert_eq!(out[2], "┌─aet─┐ ╔═ant NEW═╗");
        assert_eq!(out[3], "│ eat │ ║ tan     ║");
        assert_eq!(out[4], "└─────┘ ╚═════════╝");
    }

    #[test]
    fn an_appended_word_is_marked_with_plus() {
        let l = lab(&["add eat", "add tea", "key count", "add ate"]);
        let out = plain(&l, 60, 12);
        assert_eq!(out[2], "╔═a1e1t1═╗");
        assert_eq!(out[3], "║ eat    ║");
        assert_eq!(out[5], "║+ate    ║");
        let marked = text(&l, 60, 12, true).lines[2].spans[0].style;
        assert_eq!(marked.fg, Some(Color::Cyan), "colour as well as shape");
    }

    #[test]
    fn boxes_wrap_and_count_what_does_not_fit() {
        let mut l = Lab::new();
        for w in ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"] {
            l.run(&format!("add {w}")).unwrap();
        }
        let out = plain(&l, 24, 8);
        assert!(out.iter().all(|s| s.chars().count() <= 24), "{out:#?}");
        assert_eq!(out.len(), 6, "{out:#?}");
        assert_eq!(out[2], "┌─ab─┐ ┌─cd─┐ ┌─ef─┐");
        assert_eq!(out[5], "+5 not shown");
        let wide = plain(&l, 100, 20);
        assert!(!wide.iter().any(|s| s.contains("not shown")), "{wide:#?}");
    }

    #[test]
    fn narrow_panes_get_one_bucket_a_line() {
        let l = lab(&["add eat", "add tan", "add tea"]);
        let out = plain(&l, 20, 5);
        assert_eq!(out[2], "aet: eat +tea");
        assert_eq!(out[3], "ant: tan");
        let short = plain(&l, 20, 3);
        assert_eq!(short[2], "+2 not shown");
        assert!(plain(&l, 0, 0).is_empty());
        // Wide but too short for a box of three words: the compact form, not nothing.
        let three = lab(&["add eat", "add tan", "add tea", "add ate"]);
        let out = plain(&three, 78, 6);
        assert_eq!(out[2], "aet: eat tea +ate");
    }

    #[test]
    fn a_full_box_counts_the_rest_and_still_shows_the_new_word() {
        let mut l = Lab::new();
        for _ in 0..BOX_WORDS + 2 {
            l.run("add ab").unwrap();
        }
        l.run("add ba").unwrap();
        let out = plain(&l, 40, 20);
        assert_eq!(out[2 + BOX_WORDS + 1], "║+2 more║", "{out:#?}");
        assert_eq!(out[2 + BOX_WORDS + 2], "║+ba    ║", "{out:#?}");
    }

    /// `help`'s reply is drawn whole, wrapped under the last operation, until the next
    /// command: the console's border cuts it off at 80 columns.
    #[test]
    fn the_help_reply_is_shown_wrapped_until_the_next_command() {
        let mut l = lab(&["add eat", "help"]);
        let out = plain(&l, 40, 12);
        assert!(out.iter().all(|s| s.chars().count() <= 40), "{out:#?}");
        assert!(out[2].starts_with("? commands: add WORD"), "{out:#?}");
        let note: String = out[2..]
            .iter()
            .take_while(|row| row.starts_with("? ") || row.starts_with("  "))
            .map(|row| row[2..].trim_end().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(Some(note.as_str()), l.note(), "{out:#?}");
        assert!(
            note.ends_with("`;` between commands runs them in turn"),
            "{note}"
        );
        l.run("add tea").unwrap();
        assert_eq!(l.note(), None);
        assert!(!plain(&l, 40, 12).iter().any(|r| r.starts_with("? ")));
    }

    #[test]
    fn a_long_count_key_fits_a_narrow_box() {
        let l = lab(&["add abcdefghijklmnop"]);
        for w in [24u16, 30, 80] {
            let out = plain(&l, w, 10);
            assert!(
                out.iter().all(|s| s.chars().count() <= usize::from(w)),
                "{out:#?}"
            );
        }
    }
}
