//! What the last operation did to the nodes, which the list and the map mark.

use super::super::lab::Event;
use super::mark::Mark;

/// The key the last operation put at the front, and how to mark it.
pub(super) fn touched(event: Option<&Event>) -> Option<(i64, Mark, &'static str)> {
    match event? {
        Event::Hit { key, .. } => Some((*key, Mark::Hit, "HIT ")),
        Event::Insert { key, .. } => Some((*key, Mark::New, "+NEW ")),
        Event::Update { key, .. } => Some((*key, Mark::Updated, "~UPD ")),
        _ => None,
    }
}

/// Entries the last operation pushed out (or refused), least recent first.
pub(super) fn gone(event: Option<&Event>) -> Vec<(i64, i64)> {
    match event {
        Some(Event::Insert {
            evicted: Some(entry),
            ..
        }) => vec![*entry],
        Some(Event::Resize { evicted, .. }) => evicted.clone(),
        Some(Event::Discard { key, value }) => vec![(*key, *value)],
        _ => Vec::new(),
    }
}
