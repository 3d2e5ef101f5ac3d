//! The binary's copy of the bundled decks leaves out the recall examples (build.rs,
//! build/examples.rs): every card else is as the files in `content/` say, line numbers
//! included, and the examples are still there to check in the files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tutor::content::{Card, FollowUp, QuizItem, RecallExamples};

/// How many recall examples `cards` hold, in recall items and scored follow-ups.
fn examples(cards: &[Card]) -> usize {
    cards
        .iter()
        .flat_map(|c| {
            let recall = c.quiz.iter().filter_map(|q| match q {
                QuizItem::Recall(r) => Some(&r.examples),
                _ => None,
            });
            let follow_ups = c.follow_ups.iter().filter_map(|f| match f {
                FollowUp::Scored(s) => Some(&s.examples),
                FollowUp::Asked(_) => None,
            });
            recall.chain(follow_ups).collect::<Vec<_>>()
        })
        .map(|e| e.right.len() + e.wrong.len())
        .sum()
}

/// `card` as the binary bundles it.
fn without_examples(card: &Card) -> Card {
    let mut card = card.clone();
    for item in &mut card.quiz {
        if let QuizItem::Recall(r) = item {
            r.examples = RecallExamples::default();
        }
    }
    for follow_up in &mut card.follow_ups {
        if let FollowUp::Scored(s) = follow_up {
            s.examples = RecallExamples::default();
        }
    }
    card
}

#[test]
fn the_bundled_cards_are_the_files_without_their_examples() {
    let (bundled, files) = (common::bundled(), common::content());
    assert_eq!(bundled.problems, []);
    assert_eq!(files.problems, []);
    assert_eq!(bundled.decks.len(), files.decks.len());
    for (b, f) in bundled.decks.iter().zip(&files.decks) {
        assert_eq!(b.meta, f.meta);
        assert!(
            examples(&f.cards) > 100,
            "{}: the files hold examples",
            f.meta.id
        );
        assert_eq!(
            examples(&b.cards),
            0,
            "{}: the binary holds none",
            b.meta.id
        );
        assert_eq!(b.cards.len(), f.cards.len());
        for (bc, fc) in b.cards.iter().zip(&f.cards) {
            assert_eq!(*bc, without_examples(fc), "{}", fc.id.as_str());
        }
        // Each card's id where the file has it: the blanked examples kept their lines.
        let at = |d: &tutor::content::Deck| -> Vec<(String, usize, usize)> {
            d.locations
                .iter()
                .map(|l| {
                    let file = l.file.rsplit(['/', '\\']).next().unwrap_or_default();
                    (file.to_string(), l.line, l.col)
                })
                .collect()
        };
        assert_eq!(at(b), at(f));
    }
}
