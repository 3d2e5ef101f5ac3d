//! The lab as boxes and arrows, for a pane with room for it: the hash map as a column of
//! keys pointing at slot numbers, the recency list as a row of node boxes linked by
//! `◀─▶`, from the head (least recently used, evicted next) to the tail (most recent),
//! wrapping onto more rows and saying how many nodes it could not show.
//!
//! The last operation is marked by shape and word as well as colour: the node it touched
//! has a double border and `HIT`, `+NEW` or `~UPD`; an evicted node is drawn leaving, in
//! a dashed box before the head with `EVICTED`. While motion runs ([`Moment::Before`]),
//! the state before the operation is drawn instead, the node about to move marked
//! `MOVING` in its old place and the one about to go marked `LEAVING`; the frames in
//! between ([`Moment::Between`], `motion.rs`) draw the node travelling on a lane under
//! its row of boxes.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::LruCache;
use super::super::lab::{Event, Lab};
use super::Form;
use super::flow::Row;
use super::header::header;
use super::last::{gone, touched};
use super::log::log;
use super::mark::{Mark, Painter};

mod motion;

/// Which state of the last operation to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Moment {
    /// After it: the current state, with its marks.
    #[default]
    After,
    /// Before it: the previous state, the node that moves and the one that leaves marked
    /// in their old places (the motion's first frame).
    Before,
    /// A frame between the two, `1..=STEPS`: the node that moves lifted out of the list
    /// onto a lane under its row (at step 1 its old place is a gap, then the rest close
    /// up) and travelling toward the tail, over its new place at the last step; an
    /// inserted node slides in on the lane from beyond the tail, an evicted one is
    /// unlinked at the head. Where the lane does not fit, the first half draws
    /// [`Moment::Before`] and the second [`Moment::After`].
    Between(u8),
}

impl Moment {
    /// How many frames [`Moment::Between`] has.
    pub const STEPS: u8 = 5;
}

/// How a box is outlined: the shape that says what happened without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outline {
    Plain,
    /// The node the last operation touched (or, before it, the one about to move).
    Double,
    /// A node leaving the cache.
    Dashed,
    /// No box: the empty place a moving node left, or the one it is going to.
    Blank,
}

impl Outline {
    /// Corners and edges: top-left, top-right, bottom-left, bottom-right, across, down.
    fn glyphs(self) -> [char; 6] {
        match self {
            Self::Plain => ['┌', '┐', '└', '┘', '─', '│'],
            Self::Double => ['╔', '╗', '╚', '╝', '═', '║'],
            Self::Dashed => ['┌', '┐', '└', '┘', '╌', '╎'],
            Self::Blank => [' '; 6],
        }
    }
}

/// One node as a box: its slot and mark word over `key : value`.
struct NodeBox {
    label: String,
    body: String,
    outline: Outline,
    mark: Mark,
    /// Whether it is linked into the list (an evicted node is not).
    linked: bool,
    /// A word in its top border while it moves (`MOVING`, `LEAVING`): there it takes no
    /// width, so the boxes keep the width they have after the move.
    tag: &'static str,
}

impl NodeBox {
    /// The widest of its two lines.
    fn width(&self) -> usize {
        self.label.chars().count().max(self.body.chars().count())
    }
}

/// The link drawn between two linked boxes.
const LINK: &str = "◀─▶";
/// Columns between the map column and the list.
const GUTTER: usize = 2;
/// Lines a row of boxes takes: the end labels, then the box's four lines.
const ROW_LINES: usize = 5;
/// Lines the lane of a moving node takes: its box's four lines.
const LANE_LINES: usize = 4;
/// The narrowest box inside its border: room for the `head LRU` label above it.
const MIN_INNER: usize = 8;

/// The whole drawing in `width` × `height` cells, or `None` when not even the header and
/// one row of boxes fit (the caller then draws the text form). Where the full header and
/// a blank line leave no room for a row of boxes, the compact header's two lines do.
pub(super) fn graph(
    lab: &Lab,
    width: usize,
    height: usize,
    paint: Painter,
    moment: Moment,
) -> Option<Vec<Line<'static>>> {
    let map = map_column(lab, paint);
    let map_width = map
        .iter()
        .map(|r| r.width)
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let list_width = width.checked_sub(map_width + GUTTER)?;
    let (head, gap, room, list) =
        [(Form::Full, 1), (Form::Compact, 0)]
            .into_iter()
            .find_map(|(form, gap)| {
                let head = header(lab, form, width, paint.console, paint);
                let room = height.checked_sub(head.len() + gap)?;
                let list = list_rows(lab, list_width, room, paint, moment)?;
                Some((head, gap, room, list))
            })?;
    let body_height = list.len().max(map.len()).min(room);
    let map = cut_column(map, body_height, paint);
    let mut out = head;
    out.extend(std::iter::repeat_n(Line::default(), gap));
    let mut map = map.into_iter();
    let mut list = list.into_iter();
    for _ in 0..body_height {
        let mut row = Row::default();
        if let Some(cell) = map.next() {
            let pad = map_width.saturating_sub(cell.width);
            let cell = clip_row(cell, map_width);
            row.spans.extend(cell.spans);
            row.push(" ".repeat(pad + GUTTER), Style::new());
        } else {
            row.push(" ".repeat(map_width + GUTTER), Style::new());
        }
        if let Some(line) = list.next() {
            row.spans.extend(line.spans);
        }
        out.push(row.line());
    }
    // The log takes what is left, after a blank line, when a title and a row fit.
    let left = room - body_height;
    if left >= 3 && lab.log().len() > 0 {
        let lines = log(lab, Form::Full, paint).fit(left - 1, paint);
        if !lines.is_empty() {
            out.push(Line::default());
            out.extend(lines);
        }
    }
    Some(out)
}

/// `row` cut to `width` cells.
fn clip_row(row: Row, width: usize) -> Row {
    if row.width <= width {
        return row;
    }
    let mut out = Row::default();
    for span in row.spans {
        let room = width - out.width;
        if room == 0 {
            break;
        }
        let text: String = span.content.chars().take(room).collect();
        out.push(text, span.style);
    }
    out
}

/// The map column: a title, then each key pointing at its node's slot, sorted by key;
/// the last operation's key carries its word (`HIT`, `MISS`, `NEW`, `UPD`, `gone`).
fn map_column(lab: &Lab, paint: Painter) -> Vec<Row> {
    let touched = touched(lab.last());
    let mut entries: Vec<(i64, String, Mark)> = lab
        .cache()
        .iter()
        .map(|e| {
            let key = *e.key;
            match touched {
                Some((k, mark, tag)) if k == key => {
                    (key, format!("#{} {}", e.slot, tag.trim_end()), mark)
                }
                _ => (key, format!("#{}", e.slot), Mark::Plain),
            }
        })
        .collect();
    if let Some(Event::Miss { key }) = lab.last() {
        entries.push((*key, "∅ MISS".to_string(), Mark::Miss));
    }
    // A discarded key never got into the map.
    if !matches!(lab.last(), Some(Event::Discard { .. })) {
        for (key, _) in gone(lab.last()) {
            entries.push((key, "x gone".to_string(), Mark::Evicted));
        }
    }
    entries.sort_by_key(|(key, ..)| *key);
    let key_width = entries
        .iter()
        .map(|(k, ..)| k.to_string().len())
        .max()
        .unwrap_or(0);
    let mut rows = vec![{
        let mut row = Row::default();
        row.push("hash map", paint.style(Mark::Title));
        row
    }];
    if entries.is_empty() {
        let mut row = Row::default();
        row.push("(empty)", paint.style(Mark::Dim));
        rows.push(row);
    }
    for (key, target, mark) in entries {
        let mut row = Row::default();
        row.push(format!("{key:>key_width$}"), paint.style(mark));
        row.push(" ─▶ ", paint.style(Mark::Dim));
        row.push(target, paint.style(mark));
        rows.push(row);
    }
    rows
}

/// `rows` in at most `height` lines, the last saying how many keys were left out.
fn cut_column(mut rows: Vec<Row>, height: usize, paint: Painter) -> Vec<Row> {
    if rows.len() <= height {
        return rows;
    }
    let keep = height.saturating_sub(1);
    let hidden = rows.len() - keep;
    rows.truncate(keep);
    if height > 0 {
        let mut row = Row::default();
        row.push(format!("+{hidden} more"), paint.style(Mark::Dim));
        rows.push(row);
    }
    rows
}

/// The nodes to draw, head (least recent) first, then where the last operation's
/// leaving nodes go: before the head.
fn node_boxes(lab: &Lab, moment: Moment) -> Vec<NodeBox> {
    let event = lab.last();
    let before = match moment {
        Moment::Before => lab.before(),
        Moment::After | Moment::Between(_) => None,
    };
    if let (Some(cache), Some(event)) = (before, event) {
        return before_boxes(cache, event);
    }
    let touched = touched(event);
    let mut boxes: Vec<NodeBox> = gone(event)
        .into_iter()
        .map(|(key, value)| NodeBox {
            label: match event {
                Some(Event::Discard { .. }) => "x REFUSED".to_string(),
                _ => "x EVICTED".to_string(),
            },
            body: format!("{key} : {value}"),
            outline: Outline::Dashed,
            mark: Mark::Evicted,
            linked: false,
            tag: "",
        })
        .collect();
    let nodes = linked_boxes(lab.cache(), |key| match touched {
        Some((k, mark, tag)) if k == key => (tag.trim_end(), Outline::Double, mark),
        _ => ("", Outline::Plain, Mark::Plain),
    });
    boxes.extend(nodes);
    boxes
}

/// The state before `event`: the node it moves marked `MOVING` in its old place, the
/// ones it evicts marked `LEAVING` (the words in their top borders).
fn before_boxes(cache: &LruCache<i64, i64>, event: &Event) -> Vec<NodeBox> {
    let moving = match event {
        Event::Hit { key, .. } | Event::Update { key, .. } => Some(*key),
        _ => None,
    };
    let leaving: Vec<i64> = gone(Some(event)).into_iter().map(|(k, _)| k).collect();
    let mut boxes = linked_boxes(cache, |key| {
        if Some(key) == moving {
            ("", Outline::Double, Mark::Moving)
        } else if leaving.contains(&key) {
            ("", Outline::Dashed, Mark::Evicted)
        } else {
            ("", Outline::Plain, Mark::Plain)
        }
    });
    for node in &mut boxes {
        node.tag = match node.mark {
            Mark::Moving => "MOVING",
            Mark::Evicted => "LEAVING",
            _ => "",
        };
    }
    boxes
}

/// The cache's nodes as boxes, the head (least recent) first; `mark_of` gives a key's
/// word, outline and mark.
fn linked_boxes(
    cache: &LruCache<i64, i64>,
    mark_of: impl Fn(i64) -> (&'static str, Outline, Mark),
) -> Vec<NodeBox> {
    let mut nodes: Vec<NodeBox> = cache
        .iter()
        .map(|e| {
            let (word, outline, mark) = mark_of(*e.key);
            NodeBox {
                label: format!("#{} {word}", e.slot).trim_end().to_string(),
                body: format!("{} : {}", e.key, e.value),
                outline,
                mark,
                linked: true,
                tag: "",
            }
        })
        .collect();
    nodes.reverse();
    nodes
}

/// The list section: its title, then rows of boxes, and `+N not shown` when not all
/// rows fit in `height`. `None` when not even one row fits.
fn list_rows(
    lab: &Lab,
    width: usize,
    height: usize,
    paint: Painter,
    moment: Moment,
) -> Option<Vec<Line<'static>>> {
    let title = Line::from(Span::styled(
        "recency list: head = least recent, tail = most recent",
        paint.style(Mark::Title),
    ));
    let (boxes, travel) = match moment {
        Moment::Between(step) => match motion::frame(lab, step) {
            Some(frame) => (frame.boxes, Some(frame.travel)),
            None => (node_boxes(lab, Moment::After), None),
        },
        _ => (node_boxes(lab, moment), None),
    };
    if boxes.is_empty() {
        if height < 2 {
            return None;
        }
        let empty = Line::from(Span::styled(
            "head ─▶ (empty) ◀─ tail",
            paint.style(Mark::Dim),
        ));
        return Some(vec![title, empty]);
    }
    // One width for every box, so the rows line up; a box no wider than the list.
    // While it moves, as wide as after the operation, so nothing shifts when it ends.
    let settled = if moment == Moment::After {
        Vec::new()
    } else {
        node_boxes(lab, Moment::After)
    };
    let widest = boxes
        .iter()
        .chain(&settled)
        .map(NodeBox::width)
        .max()
        .unwrap_or(0);
    let inner = widest
        .max(MIN_INNER)
        .min(width.saturating_sub(4 + LINK.chars().count()));
    if inner < 3 {
        return None;
    }
    let box_width = inner + 4;
    let first_linked = boxes.iter().position(|b| b.linked);
    let last_linked = boxes.iter().rposition(|b| b.linked);
    let rows = rows_of(&boxes, width, box_width);
    let fit_rows = height.saturating_sub(1) / ROW_LINES;
    if fit_rows == 0 {
        return None;
    }
    // The lane needs every row shown and its own lines; without them, fewer steps.
    let lane = match (&travel, moment) {
        (Some(travel), Moment::Between(step)) => {
            if 1 + rows.len() * ROW_LINES + LANE_LINES > height {
                return list_rows(lab, width, height, paint, motion::without_lane(step));
            }
            Some((travel, motion::place(&rows, box_width, travel.quarter)))
        }
        _ => None,
    };
    let picked = pick_rows(&rows, &boxes, height.saturating_sub(1));
    let hidden: usize = rows.iter().map(Vec::len).sum::<usize>()
        - picked.rows.iter().map(|&r| rows[r].len()).sum::<usize>();
    let title = if hidden > 0 && !picked.notes {
        Line::from(Span::styled(
            format!("recency list, head to tail: +{hidden} not shown"),
            paint.style(Mark::Title),
        ))
    } else {
        title
    };
    let mut out = vec![title];
    let mut next = 0;
    for &r in &picked.rows {
        if r > next && picked.notes {
            out.push(gap_note(rows[next..r].iter().map(Vec::len).sum(), paint));
        }
        next = r + 1;
        let ends = (first_linked, last_linked);
        out.extend(draw_row(&boxes, &rows[r], inner, ends, paint));
        if let Some((travel, (_, x))) = lane.filter(|(_, (lane_row, _))| *lane_row == r) {
            out.extend(motion::lane(&travel.node, x, inner, paint));
        }
    }
    if next < rows.len() && picked.notes {
        out.push(gap_note(rows[next..].iter().map(Vec::len).sum(), paint));
    }
    Some(out)
}

/// The line that stands for rows of boxes left out.
fn gap_note(hidden: usize, paint: Painter) -> Line<'static> {
    Line::from(Span::styled(
        format!("  ┆ +{hidden} not shown"),
        paint.style(Mark::Dim),
    ))
}

/// Which rows of boxes are drawn, in order, and whether each run of rows left out gets
/// a note line of its own (or, with no line to spare, the title says how many).
struct Picked {
    rows: Vec<usize>,
    notes: bool,
}

/// The rows to draw in `lines` lines when not all fit. The ones that matter come first:
/// a row with a marked box (the node the operation touched, or the one moving or
/// leaving), then the tail's row (where a hit or an insert lands), then the head's
/// (where the next eviction comes from), then the rows nearest the tail. Each run of
/// rows left out costs a line for its note while there is room for one.
fn pick_rows(rows: &[Vec<(usize, bool)>], boxes: &[NodeBox], lines: usize) -> Picked {
    let fit = lines / ROW_LINES;
    if rows.len() <= fit {
        return Picked {
            rows: (0..rows.len()).collect(),
            notes: false,
        };
    }
    let marked = |r: &usize| {
        rows[*r]
            .iter()
            .any(|&(i, _)| boxes[i].outline != Outline::Plain)
    };
    let last = rows.len() - 1;
    let mut order: Vec<usize> = (0..rows.len()).filter(marked).collect();
    for r in [last, 0].into_iter().chain((1..last).rev()) {
        if !order.contains(&r) {
            order.push(r);
        }
    }
    for count in (1..=fit.max(1)).rev() {
        let mut chosen: Vec<usize> = order[..count].to_vec();
        chosen.sort_unstable();
        let gaps = usize::from(chosen[0] > 0)
            + chosen.windows(2).filter(|w| w[1] > w[0] + 1).count()
            + usize::from(chosen[count - 1] < last);
        if count * ROW_LINES + gaps <= lines {
            return Picked {
                rows: chosen,
                notes: true,
            };
        }
        if count == 1 {
            return Picked {
                rows: chosen,
                notes: false,
            };
        }
    }
    Picked {
        rows: vec![order[0]],
        notes: false,
    }
}

/// Boxes laid out greedily in rows of `width`: each box but the first carries its link
/// (or, next to a box that is not linked, a gap) on its left, with whether it is a link.
fn rows_of(boxes: &[NodeBox], width: usize, box_width: usize) -> Vec<Vec<(usize, bool)>> {
    let link_width = LINK.chars().count();
    let mut rows: Vec<Vec<(usize, bool)>> = Vec::new();
    let mut used = 0;
    for (i, node) in boxes.iter().enumerate() {
        let linked_before = node.linked && i > 0 && boxes[i - 1].linked;
        let need = if i > 0 { link_width } else { 0 } + box_width;
        match rows.last_mut() {
            Some(row) if used + need <= width => {
                row.push((i, linked_before));
                used += need;
            }
            _ => {
                rows.push(vec![(i, linked_before)]);
                used = need;
            }
        }
    }
    rows
}

/// One row of boxes: the end labels line, then the boxes' four lines with the links on
/// the line of `key : value`. `ends` are the head's and the tail's indices.
fn draw_row(
    boxes: &[NodeBox],
    row: &[(usize, bool)],
    inner: usize,
    (first_linked, last_linked): (Option<usize>, Option<usize>),
    paint: Painter,
) -> Vec<Line<'static>> {
    let box_width = inner + 4;
    let mut lines: [Row; ROW_LINES] = Default::default();
    for &(i, linked_before) in row {
        let node = &boxes[i];
        // Left of every box but the first: its link, or a gap after an evicted box; at a
        // row's start the link continues from the row above.
        if i > 0 {
            let text = if linked_before { LINK } else { "   " };
            for (k, line) in lines.iter_mut().enumerate() {
                let t = if k == 3 { text } else { "   " };
                line.push(t, paint.style(Mark::Dim));
            }
        }
        let end = match (Some(i) == first_linked, Some(i) == last_linked) {
            (true, true) => "head=tail",
            (true, false) => "head LRU",
            (false, true) => "tail MRU",
            (false, false) => "",
        };
        let style = paint.style(if end.is_empty() {
            Mark::Plain
        } else {
            Mark::Title
        });
        lines[0].push(format!("{end:<box_width$}"), style);
        for (line, text) in lines[1..].iter_mut().zip(box_lines(node, inner)) {
            line.push(text, paint.style(node.mark));
        }
    }
    lines.into_iter().map(Row::line).collect()
}

/// A box's four lines at `inner` columns inside its border.
fn box_lines(node: &NodeBox, inner: usize) -> [String; 4] {
    let [tl, tr, bl, br, across, down] = node.outline.glyphs();
    let edge: String = std::iter::repeat_n(across, inner + 2).collect();
    let top = match inner.checked_sub(node.tag.chars().count() + 1) {
        Some(rest) if !node.tag.is_empty() => {
            let rest: String = std::iter::repeat_n(across, rest).collect();
            format!("{tl}{across} {} {rest}{tr}", node.tag)
        }
        _ => format!("{tl}{edge}{tr}"),
    };
    let cell = |text: &str| {
        let text: String = if text.chars().count() > inner {
            let mut t: String = text.chars().take(inner.saturating_sub(1)).collect();
            t.push('…');
            t
        } else {
            text.to_string()
        };
        let pad = inner - text.chars().count();
        format!("{down} {text}{} {down}", " ".repeat(pad))
    };
    [
        top,
        cell(&node.label),
        cell(&node.body),
        format!("{bl}{edge}{br}"),
    ]
}
