//! Which solution lines an LRU operation executes, from the card's `code_links`, so the
//! Python and Rust panes can highlight them while the diagram shows the operation.

use crate::content::{Card, CodeEvent};
use crate::highlight::Lang;

use super::lab::Event;

/// One line to highlight (counted from 1, as in the card) and the event it belongs to,
/// so a pane can style an eviction apart from an insertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkedLine {
    pub line: usize,
    pub event: CodeEvent,
}

/// The lines of `card`'s `lang` solution that `events` execute, sorted by line, each
/// once (a line shared by two events keeps the first event listed). Empty when the card
/// has no `code_links`.
pub fn lines_for(card: &Card, lang: Lang, events: &[CodeEvent]) -> Vec<LinkedLine> {
    let Some(links) = &card.code_links else {
        return Vec::new();
    };
    let solution = match lang {
        Lang::Python => &links.python,
        Lang::Rust => &links.rust,
    };
    let mut out: Vec<LinkedLine> = Vec::new();
    for &event in events {
        for &line in solution.lines(event) {
            if !out.iter().any(|l| l.line == line) {
                out.push(LinkedLine { line, event });
            }
        }
    }
    out.sort_by_key(|l| l.line);
    out
}

/// The lines `event` (what the lab just did) executes in `card`'s `lang` solution.
pub fn lines_for_event(card: &Card, lang: Lang, event: &Event) -> Vec<LinkedLine> {
    lines_for(card, lang, event.code_events())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lru_card() -> Card {
        let library = crate::content::bundled_library();
        library
            .card("lru-cache")
            .map(|(_, card)| card.clone())
            .expect("the bundled lru-cache card")
    }

    /// The text of the linked lines, trimmed.
    fn texts(card: &Card, lang: Lang, events: &[CodeEvent]) -> Vec<String> {
        let (python, rust) = card.code().expect("a coding card");
        let source = match lang {
            Lang::Python => &python.solution,
            Lang::Rust => &rust.solution,
        };
        let lines: Vec<&str> = source.lines().collect();
        lines_for(card, lang, events)
            .iter()
            .map(|l| lines[l.line - 1].trim().to_string())
            .collect()
    }

    fn any_contains(texts: &[String], needle: &str) -> bool {
        texts.iter().any(|t| t.contains(needle))
    }

    #[test]
    fn a_hit_marks_the_move_to_front_lines() {
        let card = lru_card();
        let py = texts(&card, Lang::Python, &[CodeEvent::Hit]);
        assert!(any_contains(&py, "self.data.move_to_end(key)"), "{py:#?}");
        assert!(any_contains(&py, "self._unlink(node)"), "{py:#?}");
        assert!(any_contains(&py, "self._append(node)"), "{py:#?}");
        assert!(!any_contains(&py, "return -1"), "{py:#?}");
        let rs = texts(&card, Lang::Rust, &[CodeEvent::Hit]);
        assert!(any_contains(&rs, "self.move_to_back(i);"), "{rs:#?}");
    }

    #[test]
    fn a_miss_marks_the_early_return() {
        let card = lru_card();
        let py = texts(&card, Lang::Python, &[CodeEvent::Miss]);
        assert!(any_contains(&py, "return -1"), "{py:#?}");
        assert!(!any_contains(&py, "move_to_end"), "{py:#?}");
        let rs = texts(&card, Lang::Rust, &[CodeEvent::Miss]);
        assert_eq!(rs, ["let i = *self.map.get(key)?;"]);
    }

    #[test]
    fn an_eviction_marks_the_pop_lines() {
        let card = lru_card();
        let py = texts(&card, Lang::Python, &[CodeEvent::Evict]);
        assert!(any_contains(&py, "popitem(last=False)"), "{py:#?}");
        assert!(any_contains(&py, "del self.nodes[oldest.key]"), "{py:#?}");
        let rs = texts(&card, Lang::Rust, &[CodeEvent::Evict]);
        assert!(any_contains(&rs, "self.remove_slot(lru);"), "{rs:#?}");
        assert!(any_contains(&rs, "self.map.remove(&node.key);"), "{rs:#?}");
    }

    #[test]
    fn updates_inserts_and_discards() {
        let card = lru_card();
        let py = texts(&card, Lang::Python, &[CodeEvent::Update]);
        assert!(any_contains(&py, "node.value = value"), "{py:#?}");
        let rs = texts(&card, Lang::Rust, &[CodeEvent::Update]);
        assert!(
            any_contains(&rs, "self.node_mut(i).value = value;"),
            "{rs:#?}"
        );
        let py = texts(&card, Lang::Python, &[CodeEvent::Insert]);
        assert!(any_contains(&py, "node = _Node(key, value)"), "{py:#?}");
        let rs = texts(&card, Lang::Rust, &[CodeEvent::Insert]);
        assert!(any_contains(&rs, "self.map.insert(key, i);"), "{rs:#?}");
        for (lang, needle) in [
            (Lang::Python, "if self.capacity <= 0:"),
            (Lang::Rust, "if self.capacity == 0 {"),
        ] {
            let found = texts(&card, lang, &[CodeEvent::Discard]);
            assert!(any_contains(&found, needle), "{found:#?}");
        }
    }

    #[test]
    fn events_combine_sorted_and_without_repeats() {
        let card = lru_card();
        let event = Event::Insert {
            key: 3,
            value: 3,
            evicted: Some((1, 1)),
        };
        let lines = lines_for_event(&card, Lang::Python, &event);
        assert!(lines.windows(2).all(|w| w[0].line < w[1].line), "{lines:?}");
        let kinds: Vec<CodeEvent> = lines.iter().map(|l| l.event).collect();
        assert!(kinds.contains(&CodeEvent::Evict) && kinds.contains(&CodeEvent::Insert));
        // Lab-only commands highlight nothing.
        let resize = Event::Resize {
            from: 2,
            to: 1,
            evicted: vec![(1, 1)],
        };
        assert_eq!(lines_for_event(&card, Lang::Rust, &resize), []);
    }

    #[test]
    fn a_card_without_links_highlights_nothing() {
        let mut card = lru_card();
        card.code_links = None;
        assert_eq!(lines_for(&card, Lang::Python, &CodeEvent::ALL), []);
    }
}
