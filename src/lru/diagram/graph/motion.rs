//! The frames between the old state and the new one ([`Moment::Between`]): the node an
//! operation moves is lifted off the list onto a lane, the four lines under its row of
//! boxes, and travels along it toward the tail (the most recent end).
//!
//! - A hit or an update: at step 1 the node is on the lane under its old place, which
//!   is a gap (its links gone); from step 2 the rest of the list is closed up, with an
//!   empty place after the tail, and the node travels toward that place, over it at the
//!   last step. [`Moment::After`] sets it down there.
//! - An insert: the list as it was, an empty place after the tail, and the new node
//!   sliding in on the lane from one place beyond it (cut at the pane's edge when the
//!   tail ends a row). An insert that evicts draws the head unlinked, dashed and
//!   `EVICTED`, in the place it keeps after the operation.
//!
//! Positions are counted in quarters of a place, so the middle step falls halfway. When
//! the way crosses rows, the node runs on past the end of its row (cut at the edge)
//! and then starts the next row's lane: each frame it sits under the place it passes.
//! O(nodes) a frame, as the still drawing.

use super::super::super::LruCache;
use super::super::super::lab::{Event, Lab};
use super::super::flow::Row;
use super::super::last::touched;
use super::super::mark::{Mark, Painter};
use super::{LINK, Moment, NodeBox, Outline, box_lines, linked_boxes};

/// Quarters of a place the travelling node moves a step.
const QUARTERS: usize = (Moment::STEPS - 1) as usize;

/// What the list draws at one step: its boxes in their places (gaps as blank boxes) and
/// the node on the lane.
pub(super) struct Frame {
    pub(super) boxes: Vec<NodeBox>,
    pub(super) travel: Travel,
}

/// The node off the list and where it is.
pub(super) struct Travel {
    pub(super) node: NodeBox,
    /// Its place, in quarters of a place from the first box: place `q / 4`, `q % 4`
    /// quarters on toward the next.
    pub(super) quarter: usize,
}

/// The frame at `step` (1..=[`Moment::STEPS`]) of the last operation's motion; `None`
/// when it moved nothing (a miss, a hit on the tail) or there is no state before it.
pub(super) fn frame(lab: &Lab, step: u8) -> Option<Frame> {
    let before = lab.before()?;
    let done = usize::from(step.clamp(1, Moment::STEPS) - 1);
    let plain = |_| ("", Outline::Plain, Mark::Plain);
    match *lab.last()? {
        Event::Hit { key, .. } | Event::Update { key, .. } => {
            let mut boxes = linked_boxes(before, plain);
            let from = head_first(before).position(|k| k == key)?;
            if from + 1 == boxes.len() {
                return None;
            }
            let node = off_list(lab, key, "MOVING", Mark::Moving)?;
            let quarter = if done == 0 {
                boxes[from] = blank();
                from * QUARTERS
            } else {
                boxes.remove(from);
                boxes.push(blank());
                let to = boxes.len() - 1;
                from * QUARTERS + (to - from) * done
            };
            Some(Frame {
                boxes,
                travel: Travel { node, quarter },
            })
        }
        Event::Insert { key, evicted, .. } => {
            let mut boxes = linked_boxes(before, plain);
            if let (Some((old, value)), Some(head)) = (evicted, boxes.first_mut())
                && head_first(before).next() == Some(old)
            {
                *head = NodeBox {
                    label: "x EVICTED".to_string(),
                    body: format!("{old} : {value}"),
                    outline: Outline::Dashed,
                    mark: Mark::Evicted,
                    linked: false,
                    tag: "",
                };
            }
            boxes.push(blank());
            let to = boxes.len() - 1;
            let node = off_list(lab, key, "", Mark::New)?;
            Some(Frame {
                boxes,
                travel: Travel {
                    node,
                    quarter: (to + 1) * QUARTERS - done,
                },
            })
        }
        _ => None,
    }
}

/// The moment drawn instead of `Between(step)` where the lane does not fit: the old
/// state for the first half, the new one for the rest.
pub(super) fn without_lane(step: u8) -> Moment {
    if step <= Moment::STEPS / 2 {
        Moment::Before
    } else {
        Moment::After
    }
}

/// Where the travelling node is drawn: the row of boxes it runs under and its column,
/// for `rows` laid out by `rows_of` with boxes `box_width` wide. Past the last place it
/// keeps to the last row.
pub(super) fn place(
    rows: &[Vec<(usize, bool)>],
    box_width: usize,
    quarter: usize,
) -> (usize, usize) {
    let pitch = box_width + LINK.chars().count();
    let last = rows.iter().map(Vec::len).sum::<usize>().saturating_sub(1);
    let at = (quarter / QUARTERS).min(last);
    let beyond = quarter - at * QUARTERS;
    let mut seen = 0;
    for (r, row) in rows.iter().enumerate() {
        if at < seen + row.len() {
            // Every box but the very first has its link (or gap) on its left.
            let left = if r == 0 { 0 } else { LINK.chars().count() };
            return (r, left + (at - seen) * pitch + beyond * pitch / QUARTERS);
        }
        seen += row.len();
    }
    (0, 0)
}

/// The lane's lines: the node's box at column `x`, as wide as the list's boxes or as its
/// own words (`MOVING`) need.
pub(super) fn lane(
    node: &NodeBox,
    x: usize,
    inner: usize,
    paint: Painter,
) -> Vec<ratatui::text::Line<'static>> {
    box_lines(node, inner.max(node.width()))
        .into_iter()
        .map(|text| {
            let mut row = Row::default();
            row.push(" ".repeat(x), paint.style(Mark::Plain));
            row.push(text, paint.style(node.mark));
            row.line()
        })
        .collect()
}

/// Keys from the head (least recent) to the tail, as the boxes are drawn.
fn head_first(cache: &LruCache<i64, i64>) -> impl Iterator<Item = i64> + '_ {
    let keys: Vec<i64> = cache.keys().copied().collect();
    keys.into_iter().rev()
}

/// The node of `key` as it is after the operation (its slot, its value, its word:
/// `HIT`, `~UPD`, `+NEW`), off the list, with `tag` in its top border.
fn off_list(lab: &Lab, key: i64, tag: &'static str, mark: Mark) -> Option<NodeBox> {
    let entry = lab.cache().iter().find(|e| *e.key == key)?;
    let word = touched(lab.last()).map_or("", |(_, _, word)| word);
    Some(NodeBox {
        label: format!("#{} {word}", entry.slot).trim_end().to_string(),
        body: format!("{key} : {}", entry.value),
        outline: Outline::Double,
        mark,
        linked: false,
        tag,
    })
}

/// An empty place in the list.
fn blank() -> NodeBox {
    NodeBox {
        label: String::new(),
        body: String::new(),
        outline: Outline::Blank,
        mark: Mark::Plain,
        linked: false,
        tag: "",
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{GRAPH_HEIGHT, GRAPH_WIDTH, text_at};
    use super::*;

    fn lab(capacity: usize, lines: &[&str]) -> Lab {
        let mut lab = Lab::new(capacity, 7);
        for line in lines {
            lab.run(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
        lab
    }

    /// The drawing at `moment`, one string a line, without colour.
    fn drawn(lab: &Lab, (width, height): (u16, u16), moment: Moment) -> Vec<String> {
        text_at(lab, width, height, false, moment)
            .lines
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// The line and column (in cells) where `needle` first shows.
    fn find(lines: &[String], needle: &str) -> Option<(usize, usize)> {
        lines
            .iter()
            .enumerate()
            .find_map(|(y, line)| line.find(needle).map(|at| (y, line[..at].chars().count())))
    }

    fn steps() -> impl Iterator<Item = u8> {
        1..=Moment::STEPS
    }

    const AREA: (u16, u16) = (100, 30);

    #[test]
    fn a_hit_is_lifted_out_travels_toward_the_tail_and_is_set_down() {
        let lab = lab(
            4,
            &["put 1 10", "put 2 20", "put 3 30", "put 4 40", "get 2"],
        );
        let (row, _) = find(&drawn(&lab, AREA, Moment::Before), "╔═ MOVING").expect("old");
        let after = drawn(&lab, AREA, Moment::After);
        let (_, settled) = find(&after, "║ #1 HIT").expect("its new place");
        let mut last = 0;
        for step in steps() {
            let frame = drawn(&lab, AREA, Moment::Between(step));
            let text = frame.join("\n");
            let (lane, at) = find(&frame, "╔═ MOVING").unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                find(&frame, "║ #1 HIT"),
                Some((lane + 1, at)),
                "its word\n{text}"
            );
            assert_eq!(
                lane,
                row + 4,
                "step {step}: on the lane under its row\n{text}"
            );
            // The list's row, where the node was: 1, then a gap or the rest closed up.
            let column = |needle| find(&frame, needle).map(|(y, x)| (y == row + 2).then_some(x));
            let (one, three, four) = (column("│ 1 : 10"), column("│ 3 : 30"), column("│ 4 : 40"));
            let (Some(Some(one)), Some(Some(three)), Some(Some(four))) = (one, three, four) else {
                panic!("step {step}: the rest on the row\n{text}");
            };
            if step == 1 {
                let pitch = four - three;
                assert_eq!(three - one, 2 * pitch, "a gap where it was\n{text}");
                assert_eq!(at, one + pitch, "lifted straight up\n{text}");
                assert!(
                    !frame[row + 2].contains("◀─▶│ 3"),
                    "no link into the gap\n{text}"
                );
                last = at;
                continue;
            }
            let pitch = three - one;
            assert_eq!(
                four - three,
                pitch,
                "step {step}: the rest closed up\n{text}"
            );
            let (old, new) = (one + pitch, four + pitch);
            if step == 3 {
                assert!(old < at && at < new, "halfway at the middle step\n{text}");
            }
            if step == Moment::STEPS {
                assert_eq!(at, new, "over its new place\n{text}");
                assert_eq!(at, settled, "set down where it is drawn after");
            }
            assert!(step == 2 || last < at, "step {step}: on toward the tail");
            last = at;
            // Readable without colour: the word and the double border, the ends named.
            for mark in ["MOVING", "╔═", "head LRU", "tail MRU", "last: get 2 -> HIT"] {
                assert!(text.contains(mark), "step {step}: no {mark:?}\n{text}");
            }
        }
    }

    #[test]
    fn an_insert_slides_in_at_the_tail_and_an_eviction_leaves_from_the_head() {
        let inserting = lab(3, &["put 1 1", "put 2 2", "put 3 3"]);
        let evicting = lab(2, &["put 1 1", "put 2 2", "put 3 3"]);
        for (lab, evicts) in [(inserting, false), (evicting, true)] {
            let after = drawn(&lab, AREA, Moment::After);
            let new_node = if evicts { "║ #0 +NEW" } else { "║ #2 +NEW" };
            let (_, new) = find(&after, new_node).expect("the new node");
            let mut last = usize::MAX;
            for step in steps() {
                let frame = drawn(&lab, AREA, Moment::Between(step));
                let text = frame.join("\n");
                let (_, at) = find(&frame, new_node).unwrap_or_else(|| panic!("{text}"));
                assert!(at < last, "step {step}: sliding in\n{text}");
                last = at;
                assert_eq!(text.contains("╎ x EVICTED"), evicts, "{text}");
                if evicts {
                    assert!(
                        !text.contains("╎◀─▶"),
                        "the evicted head is unlinked\n{text}"
                    );
                }
            }
            assert_eq!(last, new, "over its place at the last step: {after:#?}");
        }
    }

    #[test]
    fn nothing_moves_when_no_place_changed() {
        for lines in [
            &["put 1 1", "put 2 2", "get 2"][..],
            &["put 1 1", "put 2 2", "put 2 5"],
            &["put 1 1", "get 9"],
            &["put 1 1", "cap 0"],
        ] {
            let lab = lab(2, lines);
            let after = drawn(&lab, AREA, Moment::After);
            for step in steps() {
                assert_eq!(drawn(&lab, AREA, Moment::Between(step)), after, "{lines:?}");
            }
        }
        // Script mode keeps no state before: nothing to move from.
        let mut script = Lab::without_history(2);
        script.run("put 1 1").unwrap();
        assert_eq!(
            drawn(&script, AREA, Moment::Between(3)),
            drawn(&script, AREA, Moment::After)
        );
    }

    #[test]
    fn across_wrapped_rows_it_stays_under_a_row_and_within_the_area() {
        let mut lab = lab(10, &[]);
        for k in 0..10 {
            lab.run(&format!("put {k} {k}")).unwrap();
        }
        lab.run("get 0").unwrap();
        let area = (60, 40);
        let rows = |lines: &[String]| lines.iter().filter(|l| l.contains("┌─")).count();
        assert!(rows(&drawn(&lab, area, Moment::After)) >= 3, "wraps");
        let mut lanes = Vec::new();
        for step in steps() {
            let frame = drawn(&lab, area, Moment::Between(step));
            let text = frame.join("\n");
            assert!(frame.len() <= 40 && frame.iter().all(|l| l.chars().count() <= 60));
            let (lane, _) = find(&frame, "MOVING").unwrap_or_else(|| panic!("{text}"));
            lanes.push(lane);
        }
        assert!(
            lanes.windows(2).all(|w| w[0] <= w[1]),
            "down the rows: {lanes:?}"
        );
        assert!(
            lanes[0] < lanes[4],
            "from the first row to the last: {lanes:?}"
        );
    }

    #[test]
    fn without_room_for_the_lane_it_shows_fewer_steps() {
        let lab = lab(2, &["put 1 1", "put 2 2", "get 1"]);
        let small = (GRAPH_WIDTH, GRAPH_HEIGHT);
        let before = drawn(&lab, small, Moment::Before);
        let after = drawn(&lab, small, Moment::After);
        assert_ne!(before, after);
        assert_eq!(drawn(&lab, small, Moment::Between(1)), before);
        assert_eq!(drawn(&lab, small, Moment::Between(Moment::STEPS)), after);
        // The text forms of a narrow pane do not move.
        let narrow = (GRAPH_WIDTH - 1, 30);
        for step in steps() {
            assert_eq!(
                drawn(&lab, narrow, Moment::Between(step)),
                drawn(&lab, narrow, Moment::After)
            );
        }
    }

    #[test]
    fn no_step_at_any_size_spills_or_panics() {
        let labs = [
            lab(2, &["put 1 1", "put 2 2", "get 1"]),
            lab(2, &["put 1 1", "put 2 2", "put 3 3"]),
            lab(1, &["put 1 1", "put 2 2"]),
            lab(3, &["put 1 1"]),
        ];
        for lab in &labs {
            for width in [0, 1, 20, 55, 56, 57, 70, 99, 100, 200] {
                for height in [0, 1, 7, 8, 9, 12, 13, 14, 30, 60] {
                    for step in 0..=Moment::STEPS + 1 {
                        let text = text_at(lab, width, height, true, Moment::Between(step));
                        assert!(text.lines.len() <= usize::from(height));
                        assert!(text.lines.iter().all(|l| l.width() <= usize::from(width)));
                    }
                }
            }
        }
    }
}
