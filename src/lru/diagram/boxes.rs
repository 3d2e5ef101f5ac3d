//! The recency list drawn as boxes, in rows (the wide form).

use ratatui::text::{Line, Span};

use super::super::lab::{Event, Lab};
use super::flow::Row;
use super::last::{gone, touched};
use super::list::LIST_TITLE;
use super::mark::{Mark, Painter};
use super::sections::Section;

/// One node drawn as a box: a label line (mark and slot) over `key:value`.
pub(super) struct NodeBox {
    label: String,
    body: String,
    mark: Mark,
}

impl NodeBox {
    fn inner(&self) -> usize {
        self.label.len().max(self.body.len())
    }

    /// Top border, label, body, bottom border, each `inner + 4` wide.
    fn lines(&self) -> [String; 4] {
        let inner = self.inner();
        let border = format!("+{}+", "-".repeat(inner + 2));
        [
            border.clone(),
            format!("| {:<inner$} |", self.label),
            format!("| {:<inner$} |", self.body),
            border,
        ]
    }
}

/// The list as rows of boxes, four lines a row, `<->` between linked nodes; what the
/// last operation pushed out follows the least recent end, crossed out.
pub(super) fn boxed_list(lab: &Lab, width: usize, paint: Painter) -> Section {
    const LEAD: usize = 6;
    const LINK: &str = " <-> ";
    let touched = touched(lab.last());
    let mut boxes: Vec<NodeBox> = lab
        .cache()
        .iter()
        .map(|entry| {
            let (tag, mark) = match touched {
                Some((key, mark, tag)) if key == *entry.key => (tag, mark),
                _ => ("", Mark::Plain),
            };
            NodeBox {
                label: format!("{tag}#{}", entry.slot),
                body: format!("{}:{}", entry.key, entry.value),
                mark,
            }
        })
        .collect();
    let linked = boxes.len();
    let out = match lab.last() {
        Some(Event::Discard { .. }) => "x DISCARDED",
        _ => "x EVICTED",
    };
    boxes.extend(gone(lab.last()).into_iter().map(|(key, value)| NodeBox {
        label: out.to_string(),
        body: format!("{key}:{value}"),
        mark: Mark::Evicted,
    }));
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut i = 0;
    while i < boxes.len() {
        // As many boxes as fit after the lead column, at least one.
        let mut used = LEAD;
        let mut end = i;
        while end < boxes.len() {
            let w = boxes[end].inner() + 4 + LINK.len();
            if end > i && used + w > width {
                break;
            }
            used += w;
            end += 1;
        }
        let mut lines: [Row; 4] = Default::default();
        let lead = if i == 0 {
            "MRU"
        } else if i < linked {
            "<->"
        } else {
            ""
        };
        for (n, row) in lines.iter_mut().enumerate() {
            let text = if n == 1 { lead } else { "" };
            row.push(format!("  {text:<4}"), paint.style(Mark::Dim));
        }
        for (j, node) in boxes.iter().enumerate().take(end).skip(i) {
            for (row, text) in lines.iter_mut().zip(node.lines()) {
                row.push(text, paint.style(node.mark));
            }
            // After each box: a link, the LRU end, or a gap before the evicted ones.
            let after = match (j + 1).cmp(&linked) {
                std::cmp::Ordering::Less => LINK,
                std::cmp::Ordering::Equal => " LRU ",
                std::cmp::Ordering::Greater => "     ",
            };
            for (n, row) in lines.iter_mut().enumerate() {
                let text = if n == 1 { after } else { "     " };
                row.push(text, paint.style(Mark::Dim));
            }
        }
        rows.extend(lines.into_iter().map(Row::line));
        i = end;
    }
    Section {
        title: Some(Line::from(Span::styled(
            LIST_TITLE,
            paint.style(Mark::Title),
        ))),
        rows,
        more: |n| format!("  ... {} more rows of nodes", n / 4),
        unit: 4,
    }
}
