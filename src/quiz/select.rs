//! Choosing a quiz's items: by deck, card and count, in an order fixed by a seed.

use std::sync::Arc;

use crate::content::{CardId, Deck, Library, QuizItem};
use crate::text::Shown;

use super::synonyms::Synonyms;

use super::options::arrange;

/// How many items a quiz asks when no count is given.
pub const DEFAULT_COUNT: usize = 10;

/// What to quiz on: `tutor quiz [--deck ID] [--card ID] [--count N] [--seed N]`. The ids
/// are as typed, so [`Shown`]: a wrong one is echoed in the error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub deck: Option<Shown>,
    pub card: Option<Shown>,
    /// Only cards of this topic (a deck topic id) or with this tag.
    pub topic: Option<Shown>,
    /// How many items; `None` means [`DEFAULT_COUNT`]. Fewer are asked when fewer exist.
    pub count: Option<usize>,
    /// What the quiz's order is drawn from (items, reorder lines, options): the same
    /// seed and library give the same quiz. `None`: the clock, so each quiz differs.
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("no deck with id `{id}`; the decks are: {}", known.join(", "))]
    UnknownDeck { id: Shown, known: Vec<String> },
    #[error("no card with id `{id}`; `tutor` with no arguments lists every card")]
    UnknownCard { id: Shown },
    #[error("card `{card}` is in deck `{actual}`, not in deck `{deck}`")]
    CardNotInDeck {
        card: Shown,
        deck: Shown,
        actual: String,
    },
    #[error("the count must be at least 1")]
    ZeroCount,
    #[error("{scope} has no quiz items")]
    NoItems { scope: String },
}

/// One item of a quiz, with what the scorecard and the screen need about its card.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionItem {
    pub deck_id: String,
    pub card_id: CardId,
    pub card_title: Shown,
    /// The card's topic id, and its title from the deck (the id when the deck has none).
    pub topic: String,
    pub topic_title: Shown,
    /// The item's position in the card's `quiz` list, from 0.
    pub item_index: usize,
    /// The item as the quiz shows it: a choice item's options in [`Self::option_order`]
    /// (see [`super::options`]), every other kind as in the card.
    pub item: QuizItem,
    /// For a reorder item, the shuffled arrangement it starts in (indices into
    /// `Reorder::lines`); never already in the right order. Empty for other kinds.
    pub start_order: Vec<usize>,
    /// For a choice item, the card's index (the option's identity) of each option as
    /// shown, so a saved answer names options the same way under any seed. Empty for
    /// other kinds.
    pub option_order: Vec<usize>,
    /// The synonyms recall answers are scored with: the general set and the deck's.
    pub synonyms: Arc<Synonyms>,
}

/// The items `selection` asks for, shuffled by `seed` (the same seed and library give
/// the same quiz), at most `count` of them.
pub fn select(
    library: &Library,
    selection: &Selection,
    seed: u64,
) -> Result<Vec<SessionItem>, SelectError> {
    let count = selection.count.unwrap_or(DEFAULT_COUNT);
    if count == 0 {
        return Err(SelectError::ZeroCount);
    }
    if let Some(id) = &selection.deck
        && library.deck(id).is_none()
    {
        return Err(SelectError::UnknownDeck {
            id: id.clone(),
            known: library.decks.iter().map(|d| d.meta.id.clone()).collect(),
        });
    }
    if let Some(id) = &selection.card {
        let Some((deck, _)) = library.card(id) else {
            return Err(SelectError::UnknownCard { id: id.clone() });
        };
        if let Some(wanted) = &selection.deck
            && *wanted != deck.meta.id
        {
            return Err(SelectError::CardNotInDeck {
                card: id.clone(),
                deck: wanted.clone(),
                actual: deck.meta.id.clone(),
            });
        }
    }
    // One set of synonyms per deck, shared by its items.
    let synonyms: Vec<Arc<Synonyms>> = library
        .decks
        .iter()
        .map(|d| Arc::new(Synonyms::with_deck(&d.meta.synonyms)))
        .collect();
    let deck_synonyms = |deck: &Deck| {
        library
            .decks
            .iter()
            .position(|d| std::ptr::eq(d, deck))
            .and_then(|i| synonyms.get(i).cloned())
            .unwrap_or_default()
    };
    let mut items: Vec<SessionItem> = library
        .cards()
        .filter(|(deck, card)| {
            selection.deck.as_ref().is_none_or(|d| *d == deck.meta.id)
                && selection
                    .card
                    .as_ref()
                    .is_none_or(|c| c == card.id.as_str())
                && selection
                    .topic
                    .as_ref()
                    .is_none_or(|t| *t == card.topic || card.tags.iter().any(|tag| tag == t))
        })
        .flat_map(|(deck, card)| {
            let synonyms = deck_synonyms(deck);
            card.quiz
                .iter()
                .enumerate()
                .map(move |(i, item)| SessionItem {
                    deck_id: deck.meta.id.clone(),
                    card_id: card.id.clone(),
                    card_title: card.title.clone(),
                    topic: card.topic.clone(),
                    topic_title: deck.topic_name(&card.topic).into_owned(),
                    item_index: i,
                    item: item.clone(),
                    start_order: Vec::new(),
                    option_order: Vec::new(),
                    synonyms: Arc::clone(&synonyms),
                })
        })
        .collect();
    if items.is_empty() {
        let scope = match (&selection.card, &selection.deck) {
            (Some(card), _) => format!("card `{card}`"),
            (None, Some(deck)) => format!("deck `{deck}`"),
            (None, None) => match &selection.topic {
                Some(topic) => format!("topic or tag `{topic}`"),
                None => "the library".to_string(),
            },
        };
        return Err(SelectError::NoItems { scope });
    }
    let mut rng = SplitMix64(seed);
    shuffle(&mut items, &mut rng);
    items.truncate(count);
    for item in &mut items {
        if let QuizItem::Reorder(reorder) = &item.item {
            item.start_order = scrambled(&reorder.lines(), &mut rng);
        }
    }
    // After the reorder lines, so a seed's items and lines are what they were before
    // options were shuffled.
    for item in &mut items {
        (item.item, item.option_order) = arrange(&item.item, &mut rng);
    }
    Ok(items)
}

/// A shuffled arrangement of `lines` (indices) that does not already read in the right
/// order, unless no such arrangement exists (all lines the same).
pub fn scrambled(lines: &[&str], rng: &mut SplitMix64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    shuffle(&mut order, rng);
    let in_order = |order: &[usize]| order.iter().enumerate().all(|(i, &j)| lines[i] == lines[j]);
    if in_order(&order) {
        // Rotating by one changes the text unless every line is the same.
        order.rotate_left(1);
    }
    order
}

/// `SplitMix64`: a tiny, fast generator whose sequence for a seed never changes between
/// versions, so a seeded quiz can be replayed (and tested).
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0). The modulo bias is below 2^-40 for any list a
    /// quiz shuffles.
    pub fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }
}

/// Fisher-Yates.
pub fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> &'static Library {
        crate::content::bundled_library()
    }

    fn ids(items: &[SessionItem]) -> Vec<(String, usize)> {
        items
            .iter()
            .map(|i| (i.card_id.to_string(), i.item_index))
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_quiz() {
        let lib = library();
        let all = Selection {
            count: Some(1000),
            ..Selection::default()
        };
        let a = select(lib, &all, 7).unwrap();
        assert_eq!(ids(&a), ids(&select(lib, &all, 7).unwrap()));
        assert_ne!(ids(&a), ids(&select(lib, &all, 8).unwrap()));
        let total: usize = lib.cards().map(|(_, c)| c.quiz.len()).sum();
        assert_eq!(a.len(), total, "every item once");
        let mut unique = ids(&a);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), total);
    }

    #[test]
    fn filters_and_count() {
        let lib = library();
        let ten = select(lib, &Selection::default(), 1).unwrap();
        assert_eq!(ten.len(), DEFAULT_COUNT);
        let gil = Selection {
            card: Some("gil".into()),
            count: Some(2),
            ..Selection::default()
        };
        let items = select(lib, &gil, 1).unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|i| i.card_id.as_str() == "gil"));
        assert_eq!(items[0].topic_title, "Python internals");
        let deck = Selection {
            deck: Some("amazon-python".into()),
            count: Some(1000),
            ..Selection::default()
        };
        assert!(select(lib, &deck, 1).unwrap().len() >= 18);
    }

    #[test]
    fn selection_errors() {
        let lib = library();
        let err = |s: Selection| select(lib, &s, 1).unwrap_err();
        assert_eq!(
            err(Selection {
                count: Some(0),
                ..Selection::default()
            }),
            SelectError::ZeroCount
        );
        let unknown = err(Selection {
            deck: Some("nope".into()),
            ..Selection::default()
        });
        assert!(unknown.to_string().contains("amazon-python"), "{unknown}");
        assert!(matches!(
            err(Selection {
                card: Some("nope".into()),
                ..Selection::default()
            }),
            SelectError::UnknownCard { .. }
        ));
        // What was typed is echoed, display-safe: `tutor quiz --card $'\e[2J'`.
        let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2J";
        for selection in [
            Selection {
                deck: Some(hostile.into()),
                ..Selection::default()
            },
            Selection {
                card: Some(hostile.into()),
                ..Selection::default()
            },
            Selection {
                topic: Some(hostile.into()),
                ..Selection::default()
            },
            Selection {
                card: Some("gil".into()),
                deck: Some(hostile.into()),
                ..Selection::default()
            },
        ] {
            let message = err(selection).to_string();
            assert!(!message.contains(['\u{1b}', '\u{7}']), "{message:?}");
            assert!(message.contains("\\u{1b}]0;owned"), "{message}");
        }
        let empty = Library::default();
        assert_eq!(
            select(&empty, &Selection::default(), 1).unwrap_err(),
            SelectError::NoItems {
                scope: "the library".into()
            }
        );
    }

    #[test]
    fn reorder_items_never_start_solved() {
        let mut rng = SplitMix64(3);
        for _ in 0..200 {
            let lines = ["a", "b"];
            assert_eq!(scrambled(&lines, &mut rng), [1, 0]);
            let lines = ["x", "y", "x", "y"];
            let order = scrambled(&lines, &mut rng);
            assert!(order.iter().enumerate().any(|(i, &j)| lines[i] != lines[j]));
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, [0, 1, 2, 3]);
        }
        assert_eq!(scrambled(&["same", "same"], &mut rng).len(), 2);
    }

    #[test]
    fn splitmix_is_stable() {
        // The first output for seed 0 is fixed by the algorithm's definition.
        assert_eq!(SplitMix64(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut rng = SplitMix64(42);
        assert!((0..1000).all(|_| rng.below(7) < 7));
    }
}
