//! The `spoken` answers of every LP card pass the mock interview's own LP checks
//! (`interview::star`): the four STAR parts, first person, a number, 150-450 words, and
//! the points of the card's first recall item, the item the interview scores the answer
//! on. A model answer the tool would mark down teaches the wrong thing, and a check that
//! marks down a good story told naturally is unfair to a candidate.

use tutor::content::{CardKind, LoadOptions, QuizItem, load_library};
use tutor::interview::star::LpCheck;
use tutor::quiz::synonyms::Synonyms;

/// Every behavioural card of the bundled deck, cards 50-65.
const CARDS: &[&str] = &[
    "lp-customer-obsession",
    "lp-ownership",
    "lp-dive-deep",
    "lp-deliver-results",
    "lp-invent-and-simplify",
    "lp-are-right-a-lot",
    "lp-learn-and-be-curious",
    "lp-hire-and-develop-the-best",
    "lp-insist-on-the-highest-standards",
    "lp-think-big",
    "lp-bias-for-action",
    "lp-frugality",
    "lp-earn-trust",
    "lp-backbone-disagree-commit",
    "lp-earths-best-employer",
    "lp-success-and-scale",
];

/// Recall points a spoken answer misses because the point's accepted phrases are
/// narrower than the point (the story makes it in other words), while they are being
/// widened: none today (the last three were widened on 2026-12-06). Every other check of
/// these answers must pass, and each listed point must still be missed: remove an entry
/// once its point hears the story.
const POINTS_PENDING: &[(&str, &str)] = &[];

#[test]
fn every_lp_cards_spoken_answer_passes_the_lp_checks() {
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    assert_eq!(library.problems, []);
    let mut checked = Vec::new();
    let mut behavioural = 0;
    let mut failures = Vec::new();
    for deck in &library.decks {
        let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
        for card in &deck.cards {
            if card.kind != CardKind::Behavioral {
                continue;
            }
            behavioural += 1;
            if !CARDS.contains(&card.id.as_str()) {
                continue;
            }
            let Some(spoken) = &card.spoken else {
                continue;
            };
            let recall = card.quiz.iter().find_map(|item| match item {
                QuizItem::Recall(r) => Some(r),
                _ => None,
            });
            let mut check = LpCheck::of(spoken.as_str(), recall, &synonyms);
            let id = card.id.as_str();
            for &(card_id, point) in POINTS_PENDING.iter().filter(|(c, _)| *c == id) {
                let before = check.missed.len();
                check.missed.retain(|m| m.point.as_str() != point);
                if check.missed.len() == before {
                    failures.push(format!(
                        "{card_id}: pending point now made, unlist it: {point}"
                    ));
                }
            }
            let (passed, all) = check.passed();
            let pending = check.points.map_or(0, |(made, all)| all - made) - check.missed.len();
            if passed + pending != all {
                failures.push(format!(
                    "{}: {passed}/{all}: {:?}",
                    card.id.as_str(),
                    check
                        .feedback()
                        .iter()
                        .map(|s| s.as_str().to_owned())
                        .collect::<Vec<_>>()
                ));
            }
            checked.push(card.id.as_str().to_owned());
        }
    }
    assert_eq!(
        checked.len(),
        CARDS.len(),
        "a listed card is missing or has no spoken answer: checked {checked:?}"
    );
    assert_eq!(
        behavioural,
        CARDS.len(),
        "a behavioural card is not listed in CARDS"
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
