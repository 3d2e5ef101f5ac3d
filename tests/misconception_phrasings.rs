//! Each misconception of the bundled recall items, stated the many ways a candidate
//! says it, and right answers that deny or avoid it: the `said` entries must catch
//! every statement and none of the right answers. The table,
//! `tests/fixtures/misconception_phrasings.yaml`, was written for this test from the
//! questions and the misconceptions' `why` (it is the authors' own training set; the
//! held-out answers are elsewhere and are not used here).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tutor::content::{QuizItem, Recall};
use tutor::quiz::score::score_recall;
use tutor::quiz::synonyms::Synonyms;

/// One card's phrasings: `states[k]` state misconception `k` (from 0, in the item's
/// order), `right` answers state none.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrasings {
    card: String,
    states: Vec<Vec<String>>,
    right: Vec<String>,
}

fn table() -> Vec<Phrasings> {
    serde_yaml::from_str(include_str!("fixtures/misconception_phrasings.yaml")).unwrap()
}

/// The recall item of card `id`, with its deck's synonyms.
fn recall(id: &str) -> (Recall, Synonyms) {
    let library = common::bundled();
    let (deck, card) = library.card(id).unwrap_or_else(|| panic!("no card {id}"));
    let mut items = card.quiz.iter().filter_map(|item| match item {
        QuizItem::Recall(r) => Some(r.clone()),
        _ => None,
    });
    let item = items
        .next()
        .unwrap_or_else(|| panic!("{id} has no recall item"));
    assert!(items.next().is_none(), "{id} has two recall items");
    (item, Synonyms::with_deck(&deck.meta.synonyms))
}

#[test]
fn every_misconception_has_four_phrasings_and_every_item_four_right_answers() {
    let table = table();
    let library = common::bundled();
    let mut cards = Vec::new();
    for (_, card) in library.cards() {
        if card.quiz.iter().any(|i| matches!(i, QuizItem::Recall(_))) {
            cards.push(card.id.to_string());
        }
    }
    for id in &cards {
        let row = table
            .iter()
            .find(|p| &p.card == id)
            .unwrap_or_else(|| panic!("{id} has no row in the table"));
        let (item, _) = recall(id);
        assert_eq!(
            row.states.len(),
            item.misconceptions.len(),
            "{id}: one list of phrasings per misconception"
        );
        for (k, list) in row.states.iter().enumerate() {
            assert!(
                list.len() >= 4,
                "{id}: misconception {} has {}",
                k + 1,
                list.len()
            );
        }
        assert!(
            row.right.len() >= 4,
            "{id}: {} right answers",
            row.right.len()
        );
    }
    assert_eq!(
        table.len(),
        cards.len(),
        "a row for a card with no recall item"
    );
}

#[test]
fn every_phrasing_states_its_misconception_and_no_right_answer_states_one() {
    let (mut missed, mut wrongly) = (Vec::new(), Vec::new());
    let (mut stated, mut right) = (0, 0);
    for row in table() {
        let (item, synonyms) = recall(&row.card);
        for (k, list) in row.states.iter().enumerate() {
            for answer in list {
                stated += 1;
                let v = score_recall(&item, answer, &synonyms);
                if !v.misconceptions.iter().any(|m| m.misconception == k) {
                    missed.push(format!("{} #{}: {answer}", row.card, k + 1));
                }
            }
        }
        for answer in &row.right {
            right += 1;
            let v = score_recall(&item, answer, &synonyms);
            for m in &v.misconceptions {
                wrongly.push(format!(
                    "{} #{} (\"{}\" by `{}`): {answer}",
                    row.card,
                    m.misconception + 1,
                    m.said,
                    m.phrase
                ));
            }
        }
    }
    println!(
        "misconception phrasings caught: {} of {stated}; right answers marked with one: {} of {right}",
        stated - missed.len(),
        wrongly.len()
    );
    assert!(
        missed.is_empty() && wrongly.is_empty(),
        "not caught:\n{}\n\nright answers caught:\n{}",
        missed.join("\n"),
        wrongly.join("\n")
    );
}
