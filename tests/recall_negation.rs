//! The negation guard on the bundled recall items: every item names the misconceptions
//! a candidate states, and the guard that keeps a denied misconception from counting
//! is not applied to points, because it would cost a right example its verdict.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tutor::content::{QuizItem, Recall};
use tutor::quiz::negation::denied;
use tutor::quiz::phrase::{Answer, Phrase};
use tutor::quiz::synonyms::Synonyms;
use tutor::quiz::tokens::tokens;

/// Every recall item of the bundled decks, with its deck's synonyms.
fn recall_items() -> Vec<(String, Recall, Synonyms)> {
    let mut out = Vec::new();
    for deck in &common::bundled().decks {
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

/// Whether `answer` makes every point of `item`, finding each phrase only where the
/// negation guard does not deny it when `guarded`.
fn makes_every_point(item: &Recall, answer: &str, synonyms: &Synonyms, guarded: bool) -> bool {
    let answer = Answer::new(answer);
    item.points.iter().all(|point| {
        point
            .made_by(|phrase| {
                let own = tokens(phrase);
                Phrase::new(phrase, synonyms).find_where(&answer, |start, end| {
                    !guarded || !denied(&answer, start, end, &own)
                })
            })
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

/// The guard on points: which right examples it would turn wrong, and which wrong
/// examples that make every point it would turn wrong. Run with `--nocapture` for the
/// figures. It stays off for points while it costs any right example: "Without jitter
/// all clients retry simultaneously" says the point it seems to deny.
#[test]
fn the_guard_on_points_would_cost_a_right_example() {
    let (mut right, mut lost, mut wrong_full, mut caught) = (0, Vec::new(), 0, 0);
    for (card, item, synonyms) in &recall_items() {
        for example in &item.examples.right {
            right += 1;
            assert!(
                makes_every_point(item, example, synonyms, false),
                "{card}: {example}"
            );
            if !makes_every_point(item, example, synonyms, true) {
                lost.push(format!("{card}: {example}"));
            }
        }
        for example in &item.examples.wrong {
            if makes_every_point(item, example, synonyms, false) {
                wrong_full += 1;
                caught += usize::from(!makes_every_point(item, example, synonyms, true));
            }
        }
    }
    println!(
        "guard on points: {} of {right} right examples lose their verdict; {caught} of \
         {wrong_full} wrong examples that make every point would miss one",
        lost.len()
    );
    for example in &lost {
        println!("  lost: {example}");
    }
    assert!(
        lost.iter()
            .any(|e| e.contains("Without jitter all clients retry simultaneously")),
        "{lost:#?}"
    );
}
