//! The LRU lab drawn as text: the hash map (key -> slot), the recency list with its
//! links, the last operation highlighted, capacity, size, counters and a log.
//!
//! Every mark that colour carries is also in the text (`HIT`, `MISS`, `+NEW`, `~UPD`,
//! `x`), so the drawing reads the same with `NO_COLOR` and in `tutor lru --diagram`'s
//! plain output. Three forms: the full one (at least [`FULL_WIDTH`] columns) with section
//! titles, slot numbers in the list and blank lines between sections; from
//! [`WIDE_WIDTH`] on, the same with the list's nodes drawn as boxes; the compact one for
//! narrower areas, such as the lab at 80×24 or the Diagram pane next to a card. When the height is
//! short, sections give way in a fixed order: the log first, then the map, then the
//! tail of the list; the header and the last operation stay.
//!
//! Read-only and free of I/O: it only looks at a [`Lab`].

mod boxes;
mod flow;
mod header;
mod last;
mod list;
mod log;
mod map;
mod mark;
mod sections;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use super::lab::Lab;
use mark::Painter;
use sections::{Sections, fit};

/// From this many columns on, the full form is drawn.
pub const FULL_WIDTH: u16 = 100;

/// From this many columns on, the full form draws the list's nodes as boxes.
pub const WIDE_WIDTH: u16 = 140;

/// The lab drawn into an area, as a ratatui widget.
#[derive(Debug, Clone, Copy)]
pub struct Diagram<'a> {
    pub lab: &'a Lab,
    /// `false` draws with text marks and bold only (`NO_COLOR`, `--color never`).
    pub color: bool,
}

impl Widget for Diagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(text(self.lab, area.width, area.height, self.color)).render(area, buf);
    }
}

/// The drawing for an area of `width` × `height` cells. Lines are at most `width` wide
/// unless a single node or number is wider (a renderer clips it), and there are at most
/// `height` of them.
pub fn text(lab: &Lab, width: u16, height: u16, color: bool) -> Text<'static> {
    let form = if width >= WIDE_WIDTH {
        Form::Wide
    } else if width >= FULL_WIDTH {
        Form::Full
    } else {
        Form::Compact
    };
    let width = usize::from(width);
    let paint = Painter {
        color,
        console: true,
    };
    let lines = draw(lab, form, width, usize::from(height), paint);
    Text::from(
        lines
            .into_iter()
            .map(|l| clip(l, width))
            .collect::<Vec<_>>(),
    )
}

/// `line` cut to `width` cells: a node or a log row wider than the area loses its end
/// rather than spilling (everything drawn here is one cell a character).
fn clip(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut room = width;
    let mut spans = Vec::new();
    for span in line.spans {
        if room == 0 {
            break;
        }
        let len = span.content.chars().count();
        if len <= room {
            room -= len;
            spans.push(span);
        } else {
            let cut: String = span.content.chars().take(room).collect();
            spans.push(Span::styled(cut, span.style));
            room = 0;
        }
    }
    Line::from(spans)
}

/// The full form as plain text at `width` columns (at least [`FULL_WIDTH`]), without a
/// height limit, the console's numbers (seed, undo, redo) or more than the last few
/// operations: what `tutor lru --script ... --diagram` prints after each operation.
pub fn plain(lab: &Lab, width: u16) -> String {
    let lines = draw(
        lab,
        Form::Full,
        usize::from(width.max(FULL_WIDTH)),
        usize::MAX,
        Painter {
            color: false,
            console: false,
        },
    );
    let mut out = String::new();
    for line in lines {
        for span in &line.spans {
            out.push_str(&span.content);
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The full form with the list drawn as boxes.
    Wide,
    Full,
    Compact,
}

fn draw(lab: &Lab, form: Form, width: usize, height: usize, paint: Painter) -> Vec<Line<'static>> {
    let sections = Sections {
        header: header::header(lab, form, width, paint.console, paint),
        list: list::list(lab, form, width, paint),
        map: map::map(lab, form, width, paint),
        log: log::log(lab, form, paint),
    };
    fit(sections, form, height, paint)
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;

    use super::*;

    fn lab(lines: &[&str], capacity: usize) -> Lab {
        let mut lab = Lab::new(capacity, 42);
        for line in lines {
            lab.run(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
        lab
    }

    /// `LeetCode` 146's example up to `put 4 4`: an insert that evicts.
    fn leetcode() -> Lab {
        lab(
            &["put 1 1", "put 2 2", "get 1", "put 3 3", "get 2", "put 4 4"],
            2,
        )
    }

    fn busy() -> Lab {
        let mut lab = lab(&["cap 12"], 2);
        lab.run("fill 60 7").unwrap();
        lab.run("get 5").unwrap();
        lab
    }

    /// What a terminal of `width` × `height` shows, one string per row.
    fn screen(lab: &Lab, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                frame.render_widget(Diagram { lab, color: true }, frame.area());
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let row: String = (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                row.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn snapshot_160_columns() {
        insta::assert_snapshot!(screen(&busy(), 160, 30));
    }

    #[test]
    fn snapshot_100_columns() {
        insta::assert_snapshot!(screen(&busy(), 100, 30));
    }

    #[test]
    fn snapshot_80_by_24() {
        insta::assert_snapshot!(screen(&busy(), 80, 24));
    }

    #[test]
    fn snapshot_leetcode_eviction_plain() {
        insta::assert_snapshot!(plain(&leetcode(), 100));
    }

    #[test]
    fn snapshot_wide_eviction() {
        insta::assert_snapshot!(screen(&leetcode(), 160, 16));
    }

    #[test]
    fn snapshot_small_pane() {
        insta::assert_snapshot!(screen(&leetcode(), 40, 8));
    }

    #[test]
    fn every_kind_of_operation_is_marked_in_text() {
        let cases: &[(&[&str], usize, &[&str])] = &[
            (
                &["put 1 1", "get 1"],
                2,
                &["[HIT #0 1:1]", "HIT 1 = 1", "1->#0 HIT"],
            ),
            (&["put 1 1", "get 9"], 2, &["MISS 9", "9->none MISS"]),
            (&["put 1 1"], 2, &["[+NEW #0 1:1]", "INSERT 1 = 1"]),
            (
                &["put 1 1", "put 1 5"],
                2,
                &["[~UPD #0 1:5]", "UPDATE 1 = 5 (was 1)"],
            ),
            (
                &["put 1 1", "put 2 2"],
                1,
                &["x[1:1] evicted", "EVICT 1 = 1", "1->x"],
            ),
            (
                &["put 1 1"],
                0,
                &["x[1:1] discarded: capacity 0", "DISCARD"],
            ),
            (
                &["put 1 1", "put 2 2", "cap 0"],
                2,
                &["x[1:1] x[2:2] evicted", "RESIZE 2 to 0"],
            ),
        ];
        for (lines, capacity, expected) in cases {
            let drawn = plain(&lab(lines, *capacity), 100);
            for needle in *expected {
                assert!(
                    drawn.contains(needle),
                    "{lines:?}: no {needle:?} in\n{drawn}"
                );
            }
        }
    }

    #[test]
    fn colours_follow_the_event() {
        let lab = leetcode();
        let text = text(&lab, 100, 30, true);
        let styled = |needle: &str| {
            text.lines
                .iter()
                .flat_map(|l| &l.spans)
                .find(|s| s.content.contains(needle))
                .map_or_else(|| panic!("no span with {needle:?}"), |s| s.style.fg)
        };
        assert_eq!(styled("x[1:1]"), Some(Color::Red));
        assert_eq!(styled("[+NEW #0 4:4]"), Some(Color::Cyan));
        let plain_text = super::text(&lab, 100, 30, false);
        assert!(
            plain_text
                .lines
                .iter()
                .flat_map(|l| &l.spans)
                .all(|s| s.style.fg.is_none()),
            "no colour when colour is off"
        );
    }

    #[test]
    fn lines_fit_the_width_and_the_height() {
        let lab = busy();
        for (width, height) in [(160, 40), (100, 30), (99, 30), (80, 24), (50, 12), (30, 5)] {
            let text = text(&lab, width, height, false);
            assert!(text.lines.len() <= usize::from(height), "{width}x{height}");
            for line in &text.lines {
                assert!(
                    line.width() <= usize::from(width),
                    "{width}x{height}: {line}"
                );
            }
        }
    }

    #[test]
    fn no_size_panics() {
        let labs = [Lab::new(0, 0), leetcode(), busy()];
        for lab in &labs {
            for width in [0, 1, 2, 5, 13, 40, 79, 80, 99, 100, 101, 200] {
                for height in [0, 1, 2, 3, 4, 7, 24, 60] {
                    let text = text(lab, width, height, true);
                    assert!(text.lines.len() <= usize::from(height));
                    if width > 0 && height > 0 {
                        let _ = screen(lab, width, height);
                    }
                }
            }
        }
    }

    #[test]
    fn a_short_area_keeps_header_and_list_before_map_and_log() {
        let lab = busy();
        let drawn = text(&lab, 100, 6, false)
            .lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>();
        assert!(drawn[0].starts_with("LRU cache"), "{drawn:#?}");
        assert!(drawn[1].starts_with("last: get 5"), "{drawn:#?}");
        assert!(
            drawn.iter().any(|l| l.contains("recency list")),
            "{drawn:#?}"
        );
        assert!(
            !drawn.iter().any(|l| l.contains("recent operations")),
            "{drawn:#?}"
        );
    }
}
