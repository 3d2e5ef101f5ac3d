//! The negation guard on the bundled recall items: every item names the misconceptions
//! a candidate states, and the guard on points (a point's phrase does not count where
//! a negation denies it) costs no right example its verdict.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tutor::content::{QuizItem, Recall};
use tutor::quiz::phrase::{Answer, Phrase};
use tutor::quiz::score::{PointMark, score_recall};
use tutor::quiz::synonyms::Synonyms;

/// Every recall item of the bundled decks, examples included (from `content/`), with
/// its deck's synonyms.
fn recall_items() -> Vec<(String, Recall, Synonyms)> {
    let mut out = Vec::new();
    for deck in &common::content().decks {
        let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
        for card in &deck.cards {
            for item in &card.quiz {
                if let QuizItem::Recall(r) = item {
                    out.push((card.id.to_string(), r.clone(), synonyms.clone()));
                }
            }
        }
    }
    out
}

/// Whether `answer` makes every point of `item`: as scoring finds them when `guarded`
/// (a point's phrase does not count where a negation denies it, see `quiz::point`), or
/// wherever its phrases stand.
fn makes_every_point(item: &Recall, answer: &str, synonyms: &Synonyms, guarded: bool) -> bool {
    if guarded {
        return score_recall(item, answer, synonyms)
            .points
            .iter()
            .all(PointMark::is_hit);
    }
    let answer = Answer::new(answer);
    item.points.iter().all(|point| {
        point
            .made_by(|phrase| Phrase::new(phrase, synonyms).find(&answer))
            .is_some()
    })
}

/// At least one: a reviewer who finds another wrong answer a real candidate gives adds
/// it, so there is no upper bound (card 37 names four).
#[test]
fn every_bundled_recall_item_names_a_misconception() {
    let items = recall_items();
    assert!(items.len() >= 24, "{} recall items", items.len());
    for (card, item, _) in &items {
        let n = item.misconceptions.len();
        assert!(n >= 1, "{card}: no misconceptions");
    }
}

/// The guard on points: it turns no right example wrong, and it catches wrong examples
/// that name every point's words, some of them inside a denial ("the bucket itself is
/// safe without a lock"). Run with `--nocapture` for the figures.
#[test]
fn the_guard_on_points_costs_no_right_example_and_catches_denials() {
    let (mut right, mut lost, mut wrong_full, mut caught) = (0, Vec::new(), 0, Vec::new());
    for (card, item, synonyms) in &recall_items() {
        for example in &item.examples.right {
            right += 1;
            if !makes_every_point(item, example, synonyms, true) {
                lost.push(format!("{card}: {example}"));
            }
        }
        for example in &item.examples.wrong {
            if makes_every_point(item, example, synonyms, false) {
                wrong_full += 1;
                if !makes_every_point(item, example, synonyms, true) {
                    caught.push(format!("{card}: {example}"));
                }
            }
        }
    }
    println!(
        "guard on points: {} of {right} right examples lose their verdict; {} of \
         {wrong_full} wrong examples that name every point's words miss one",
        lost.len(),
        caught.len()
    );
    for example in &caught {
        println!("  caught: {example}");
    }
    assert!(lost.is_empty(), "{lost:#?}");
    assert!(!caught.is_empty(), "the guard catches no wrong example");
}
