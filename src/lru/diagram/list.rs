//! The recency list as one flowing line of nodes (the compact and full forms).

use ratatui::text::{Line, Span};

use super::super::lab::{Event, Lab};
use super::Form;
use super::flow::{Piece, flow};
use super::last::{gone, touched};
use super::mark::{Mark, Painter};
use super::sections::Section;

const LIST_TITLE: &str = "recency list: most recent first, <-> links prev/next";

pub(super) fn list(lab: &Lab, form: Form, width: usize, paint: Painter) -> Section {
    let touched = touched(lab.last());
    let mut pieces = Vec::new();
    let nodes: Vec<_> = lab.cache().iter().collect();
    let count = nodes.len();
    for (i, entry) in nodes.into_iter().enumerate() {
        let (tag, mark) = match touched {
            Some((key, mark, tag)) if key == *entry.key => (tag, mark),
            _ => ("", Mark::Plain),
        };
        let slot = match form {
            Form::Full => format!("#{} ", entry.slot),
            Form::Compact => String::new(),
        };
        let link = if i + 1 < count { " <->" } else { "" };
        pieces.push(Piece::new(
            format!("[{tag}{slot}{}:{}]{link}", entry.key, entry.value),
            mark,
        ));
    }
    if count == 0 {
        pieces.push(Piece::new("(empty)", Mark::Dim));
    }
    let (mru, lru) = match form {
        Form::Full => ("(most recent)", "(least recent)"),
        Form::Compact => ("MRU", "LRU"),
    };
    pieces.insert(0, Piece::new(mru, Mark::Dim));
    pieces.push(Piece::new(lru, Mark::Dim));
    let gone = gone(lab.last());
    if !gone.is_empty() {
        let what = match lab.last() {
            Some(Event::Discard { .. }) => "discarded: capacity 0",
            _ => "evicted",
        };
        for (key, value) in &gone {
            pieces.push(Piece::new(format!("x[{key}:{value}]"), Mark::Evicted));
        }
        pieces.push(Piece::new(what, Mark::Evicted));
    }
    let (title, first, indent) = match form {
        Form::Full => (
            Some(Line::from(Span::styled(
                LIST_TITLE,
                paint.style(Mark::Title),
            ))),
            "  ",
            "    ",
        ),
        Form::Compact => (None, "list ", "     "),
    };
    Section {
        title,
        rows: flow(&pieces, " ", first, indent, width, paint),
        more: |n| format!("  ... {n} more lines of the list"),
        unit: 1,
    }
}
