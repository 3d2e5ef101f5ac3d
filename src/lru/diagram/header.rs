//! The header: capacity, size, counters (and the console's numbers), then the last
//! operation, and the reply to `help` when that was the last command.

use ratatui::text::Line;

use super::super::lab::Lab;
use super::Form;
use super::flow::{Piece, flow, words};
use super::mark::{Mark, Painter, event_mark};

pub(super) fn header(
    lab: &Lab,
    form: Form,
    width: usize,
    console: bool,
    paint: Painter,
) -> Vec<Line<'static>> {
    let cache = lab.cache();
    let c = lab.counters();
    let full = form != Form::Compact;
    let mut fields = vec![
        (
            if full { "capacity" } else { "cap" },
            cache.capacity().to_string(),
        ),
        ("size", format!("{}/{}", cache.len(), cache.capacity())),
        ("hits", c.hits.to_string()),
        ("misses", c.misses.to_string()),
        (
            if full { "evictions" } else { "evicted" },
            c.evictions.to_string(),
        ),
        (
            if full { "fill seed" } else { "seed" },
            lab.next_seed().to_string(),
        ),
    ];
    if !console {
        // Without a console (`--script --diagram`) there is no fill, undo or redo.
        fields.truncate(5);
    } else if full {
        fields.push(("undo", lab.undo_depth().to_string()));
        fields.push(("redo", lab.redo_depth().to_string()));
    }
    let mut stats: Vec<Piece> = Vec::new();
    if full {
        stats.push(Piece::new("LRU cache", Mark::Title));
    }
    stats.extend(
        fields.into_iter().map(|(name, value)| {
            Piece::new(format!("{name} "), Mark::Dim).with(value, Mark::Value)
        }),
    );
    let mut last: Vec<Piece> = Vec::new();
    match lab.last() {
        Some(event) => {
            last.extend(words(&event.command().to_string(), Mark::Plain));
            last.push(Piece::new("->", Mark::Dim));
            last.extend(words(&event.outcome(), event_mark(event)));
        }
        None => last.extend(words(
            "nothing yet: try `put 1 1`, `get 1` or `help`",
            Mark::Dim,
        )),
    }
    let (gap, first) = if full { ("  ", "") } else { (" ", "") };
    let mut out = flow(&stats, gap, first, "", width, paint);
    let lead = if full { "last: " } else { "> " };
    out.extend(flow(&last, " ", lead, "  ", width, paint));
    // `help`'s reply, wrapped: the console's border shows only its first columns.
    if let Some(note) = lab.note() {
        let note: Vec<Piece> = words(note, Mark::Plain).collect();
        out.extend(flow(&note, " ", "? ", "  ", width, paint));
    }
    out
}
