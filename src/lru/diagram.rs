//! The LRU lab drawn for a terminal: the hash map (key -> slot), the recency list with
//! its links, the last operation marked, capacity, size, counters and a log.
//!
//! Every mark that colour carries is also a word or a shape (`HIT`, `MISS`, `+NEW`,
//! `~UPD`, `EVICTED`, a double or dashed box), so the drawing reads the same with
//! `NO_COLOR` and in `tutor lru --diagram`'s plain output. Three forms, by the area:
//! - boxes and arrows ([`graph`]) from [`GRAPH_WIDTH`] × [`GRAPH_HEIGHT`] cells: the
//!   map as a column of keys pointing at slots, the list as linked node boxes from the
//!   head (least recent) to the tail (most recent);
//! - the full text form from [`FULL_WIDTH`] columns (and always for [`plain`]), with
//!   section titles and slot numbers;
//! - the compact text form for narrower or shorter areas, such as the Diagram pane next
//!   to a card at 80×24.
//!
//! In the text forms, when the height is short, sections give way in a fixed order: the
//! log first, then the map, then the tail of the list; the header and the last operation
//! stay.
//!
//! Read-only and free of I/O: it only looks at a [`Lab`].

mod flow;
mod graph;
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
pub use graph::Moment;
use mark::Painter;
use sections::{Sections, fit};

/// From this many columns on, the full text form is drawn (when boxes do not fit).
pub const FULL_WIDTH: u16 = 100;

/// From this many columns on, and [`GRAPH_HEIGHT`] rows, the lab is drawn as boxes and
/// arrows: a map column of about 12 columns, and two node boxes with their link (each
/// box 12 columns at least, `head LRU` above it) beside it. Narrower, the boxes would
/// be one a row and the text form says more in the same room.
pub const GRAPH_WIDTH: u16 = 56;

/// From this many rows on (and [`GRAPH_WIDTH`] columns) boxes and arrows are drawn: the
/// compact header's two lines, the list's title and one row of boxes (five lines), as in
/// the Diagram pane of the lab at 100×30. Shorter, a row of boxes does not fit and the
/// compact text form shows the whole list.
pub const GRAPH_HEIGHT: u16 = 8;

/// The lab drawn into an area, as a ratatui widget.
#[derive(Debug, Clone, Copy)]
pub struct Diagram<'a> {
    pub lab: &'a Lab,
    /// `false` draws with text marks and bold only (`NO_COLOR`, `--color never`).
    pub color: bool,
    /// Which side of the last operation to draw (the motion's frames).
    pub moment: Moment,
}

impl Widget for Diagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(text_at(
            self.lab,
            area.width,
            area.height,
            self.color,
            self.moment,
        ))
        .render(area, buf);
    }
}

/// The drawing for an area of `width` × `height` cells, after the last operation. Lines
/// are at most `width` wide and there are at most `height` of them.
pub fn text(lab: &Lab, width: u16, height: u16, color: bool) -> Text<'static> {
    text_at(lab, width, height, color, Moment::After)
}

/// [`text`] at a moment of the last operation's motion: boxes and arrows where the area
/// has room for them ([`GRAPH_WIDTH`] × [`GRAPH_HEIGHT`]), else a text form, which does
/// not move.
pub fn text_at(lab: &Lab, width: u16, height: u16, color: bool, moment: Moment) -> Text<'static> {
    let paint = Painter {
        color,
        console: true,
    };
    let (w, h) = (usize::from(width), usize::from(height));
    let graph = if width >= GRAPH_WIDTH && height >= GRAPH_HEIGHT {
        graph::graph(lab, w, h, paint, moment)
    } else {
        None
    };
    let form = if width >= FULL_WIDTH {
        Form::Full
    } else {
        Form::Compact
    };
    let lines = graph.unwrap_or_else(|| draw(lab, form, w, h, paint));
    let width = w;
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
                frame.render_widget(
                    Diagram {
                        lab,
                        color: true,
                        moment: Moment::After,
                    },
                    frame.area(),
                );
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
        // 100×6 is too short for boxes: the full text form; 100×30 draws boxes.
        for (height, evicted, new) in [(6, "x[1:1]", "[+NEW #0 4:4]"), (30, "x EVICTED", "#0 +NEW")]
        {
            let text = text(&lab, 100, height, true);
            let styled = |needle: &str| {
                text.lines
                    .iter()
                    .flat_map(|l| &l.spans)
                    .find(|s| s.content.contains(needle))
                    .map_or_else(|| panic!("no span with {needle:?}"), |s| s.style.fg)
            };
            assert_eq!(styled(evicted), Some(Color::Red));
            assert_eq!(styled(new), Some(Color::Cyan));
            let plain_text = super::text(&lab, 100, height, false);
            assert!(
                plain_text
                    .lines
                    .iter()
                    .flat_map(|l| &l.spans)
                    .all(|s| s.style.fg.is_none()),
                "no colour when colour is off"
            );
        }
    }

    /// The drawing as one string a line, at `width` × `height`, without colour.
    fn drawn(lab: &Lab, width: u16, height: u16, moment: Moment) -> Vec<String> {
        text_at(lab, width, height, false, moment)
            .lines
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn boxes_mark_every_kind_of_operation_by_shape_and_word() {
        // (commands, capacity, what must be drawn somewhere)
        let cases: &[(&[&str], usize, &[&str])] = &[
            (
                &["put 1 1", "put 2 2", "get 1"],
                2,
                &["║ #0 HIT", "1 ─▶ #0 HIT", "head LRU", "tail MRU"],
            ),
            (&["put 1 1", "get 9"], 2, &["9 ─▶ ∅ MISS", "│ #0"]),
            (&["put 1 1"], 2, &["║ #0 +NEW", "head=tail"]),
            (&["put 1 1", "put 1 5"], 2, &["║ #0 ~UPD", "║ 1 : 5"]),
            (
                &["put 1 1", "put 2 2"],
                1,
                &["╎ x EVICTED", "╎ 1 : 1", "1 ─▶ x gone", "║ #0 +NEW"],
            ),
            (&["put 1 1"], 0, &["╎ x REFUSED", "(empty)"]),
            (
                &["put 1 1", "put 2 2", "cap 0"],
                2,
                &["╎ 1 : 1", "╎ 2 : 2", "2 ─▶ x gone"],
            ),
            (&[], 2, &["head ─▶ (empty) ◀─ tail"]),
        ];
        for (lines, capacity, expected) in cases {
            let drawn = drawn(&lab(lines, *capacity), 100, 30, Moment::After).join("\n");
            for needle in *expected {
                assert!(
                    drawn.contains(needle),
                    "{lines:?}: no {needle:?} in\n{drawn}"
                );
            }
        }
    }

    #[test]
    fn boxes_run_from_the_least_recent_head_to_the_most_recent_tail() {
        let lab = lab(&["put 1 10", "put 2 20", "put 3 30", "get 1"], 3);
        let drawn = drawn(&lab, 100, 30, Moment::After).join("\n");
        let at = |needle: &str| drawn.find(needle).unwrap_or_else(|| panic!("no {needle}"));
        assert!(
            at("2 : 20") < at("3 : 30") && at("3 : 30") < at("1 : 10"),
            "{drawn}"
        );
        assert_eq!(
            drawn.matches("◀─▶").count(),
            2,
            "two links between three nodes"
        );
    }

    #[test]
    fn boxes_wrap_onto_more_rows_then_say_how_many_are_not_shown() {
        let mut lab = lab(&["cap 40"], 2);
        for k in 0..40 {
            lab.run(&format!("put {k} {k}")).unwrap();
        }
        // 80 columns: four boxes a row; 30 rows: a few rows of boxes.
        let tall = drawn(&lab, 80, 60, Moment::After);
        let rows = tall.iter().filter(|l| l.contains("┌──")).count();
        assert!(rows >= 4, "wraps onto rows of boxes: {tall:#?}");
        let short = drawn(&lab, 80, 20, Moment::After);
        let hidden: usize = short
            .iter()
            .filter_map(|l| l.split_once('+')?.1.strip_suffix(" not shown"))
            .map(|n| n.parse::<usize>().unwrap())
            .sum();
        let shown: usize = short
            .iter()
            .map(|l| l.matches("│ #").count())
            .sum::<usize>()
            + short
                .iter()
                .map(|l| l.matches("║ #").count())
                .sum::<usize>();
        assert!(hidden > 0 && shown + hidden == 40, "{short:#?}");
        assert!(short.len() <= 20);
        // Both ends stay in sight: the head, evicted next, and the tail, where the last
        // put landed, with the rows between them left out.
        let text = short.join("\n");
        assert!(
            text.contains("head LRU") && text.contains("tail MRU"),
            "{text}"
        );
        assert!(text.contains("+NEW") && text.contains("39 : 39"), "{text}");
    }

    #[test]
    fn the_node_an_operation_touched_stays_in_sight_when_rows_are_left_out() {
        let mut lab = lab(&["cap 40"], 2);
        for k in 0..40 {
            lab.run(&format!("put {k} {k}")).unwrap();
        }
        // Key 20 sits in the middle of the list; `get 20` moves it to the tail.
        let lab = lab_after(&lab, "get 20");
        let after = drawn(&lab, 80, 20, Moment::After).join("\n");
        assert!(
            after.contains("HIT") && after.contains("20 : 20"),
            "{after}"
        );
        // Before the move it is drawn in its old place, in a middle row, marked.
        let before = drawn(&lab, 80, 20, Moment::Before).join("\n");
        assert!(
            before.contains("MOVING") && before.contains("20 : 20"),
            "{before}"
        );
        assert!(
            before.contains("tail MRU") && before.contains("not shown"),
            "{before}"
        );
        // Too short for more than one row: the touched node's row, the count in the title.
        let tiny = drawn(&lab, 80, 12, Moment::After);
        let tiny_text = tiny.join("\n");
        if tiny_text.contains('┌') || tiny_text.contains('╔') {
            assert!(tiny_text.contains("HIT"), "{tiny_text}");
            assert!(tiny_text.contains("not shown"), "{tiny_text}");
        }
        assert!(tiny.len() <= 12);
    }

    #[test]
    fn narrow_or_short_areas_keep_the_text_forms() {
        let lab = leetcode();
        let narrow = drawn(&lab, GRAPH_WIDTH - 1, 30, Moment::After).join("\n");
        assert!(
            narrow.contains("list MRU") && !narrow.contains('┌'),
            "{narrow}"
        );
        let short = drawn(&lab, 120, GRAPH_HEIGHT - 1, Moment::After).join("\n");
        assert!(short.contains("recency list: most recent first") && !short.contains('┌'));
        let boxes = drawn(&lab, GRAPH_WIDTH, GRAPH_HEIGHT, Moment::After).join("\n");
        assert!(boxes.contains('┌'), "{boxes}");
        assert!(
            boxes.contains("+1 not shown"),
            "the tail wraps out of sight: {boxes}"
        );
    }

    #[test]
    fn before_a_move_the_node_is_drawn_in_its_old_place() {
        let lab = lab(&["put 1 10", "put 2 20", "put 3 30", "get 1"], 3);
        let before = drawn(&lab, 100, 30, Moment::Before).join("\n");
        let at = |needle: &str| before.find(needle).unwrap_or_else(|| panic!("no {needle}"));
        // 1 was the head (least recent) before `get 1` moved it to the tail.
        assert!(at("1 : 10") < at("2 : 20"), "{before}");
        assert!(before.contains("╔═ MOVING ═"), "{before}");
        assert!(before.contains("║ #0 "), "{before}");
        let evicting = lab_after(&lab, "put 4 40");
        let before = drawn(&evicting, 100, 30, Moment::Before).join("\n");
        assert!(
            before.contains("┌╌ LEAVING ╌") && before.contains("╎ 2 : 20"),
            "{before}"
        );
        // Script mode keeps no history: nothing to move from, so it draws the state after.
        let mut script = Lab::without_history(2);
        script.run("put 1 1").unwrap();
        assert_eq!(
            drawn(&script, 100, 30, Moment::Before),
            drawn(&script, 100, 30, Moment::After)
        );
    }

    fn lab_after(lab: &Lab, line: &str) -> Lab {
        let mut lab = lab.clone();
        lab.run(line).unwrap();
        lab
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
