//! The hash map: each key and the slot of its node.

use ratatui::text::{Line, Span};

use super::super::lab::{Event, Lab};
use super::Form;
use super::flow::{Piece, flow};
use super::last::{gone, touched};
use super::mark::{Mark, Painter};
use super::sections::Section;

pub(super) fn map(lab: &Lab, form: Form, width: usize, paint: Painter) -> Section {
    let touched = touched(lab.last());
    let mut entries: Vec<(i64, usize)> = lab.cache().iter().map(|e| (*e.key, e.slot)).collect();
    entries.sort_unstable();
    let mut pieces: Vec<Piece> = entries
        .into_iter()
        .map(|(key, slot)| match touched {
            Some((k, mark, tag)) if k == key => {
                Piece::new(format!("{key}->#{slot} {}", tag.trim_end()), mark)
            }
            _ => Piece::new(format!("{key}->#{slot}"), Mark::Plain),
        })
        .collect();
    if let Some(Event::Miss { key }) = lab.last() {
        pieces.push(Piece::new(format!("{key}->none MISS"), Mark::Miss));
    }
    // Evicted keys were just deleted from the map; a discarded one never got in.
    if !matches!(lab.last(), Some(Event::Discard { .. })) {
        for (key, _) in gone(lab.last()) {
            pieces.push(Piece::new(format!("{key}->x"), Mark::Evicted));
        }
    }
    if pieces.is_empty() {
        pieces.push(Piece::new("(empty)", Mark::Dim));
    }
    let (title, first, indent, gap) = match form {
        Form::Full => (
            Some(Line::from(Span::styled(
                "hash map: key -> #slot of its node",
                paint.style(Mark::Title),
            ))),
            "  ",
            "  ",
            "   ",
        ),
        Form::Compact => (None, "map  ", "     ", "  "),
    };
    Section {
        title,
        rows: flow(&pieces, gap, first, indent, width, paint),
        more: |n| format!("  ... {n} more lines of the map"),
        unit: 1,
    }
}
