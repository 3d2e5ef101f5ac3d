//! The bundled quiz items scored as a user would answer them: the right answer scores
//! full marks and a wrong one does not, for every item of every card.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tutor::content::{LoadOptions, QuizItem, load_library};
use tutor::quiz::synonyms::Synonyms;
use tutor::quiz::{AnswerState, score};

fn right_answer(item: &QuizItem) -> AnswerState {
    match item {
        QuizItem::Single(s) => AnswerState::Single {
            choice: Some(s.answer),
        },
        QuizItem::Multiple(m) => AnswerState::Multiple {
            cursor: 0,
            picked: (0..m.options.len())
                .map(|i| m.answers.contains(&i))
                .collect(),
        },
        QuizItem::Cloze(c) => AnswerState::Cloze {
            cursor: 0,
            gaps: c.gaps.iter().map(|g| g.accept[0].to_string()).collect(),
        },
        QuizItem::Reorder(r) => AnswerState::Reorder {
            cursor: 0,
            order: (0..r.lines().len()).collect(),
        },
        QuizItem::Recall(r) => AnswerState::Recall {
            text: r.model_answer.to_string(),
        },
    }
}

fn wrong_answer(item: &QuizItem) -> AnswerState {
    match (item, right_answer(item)) {
        (QuizItem::Single(s), _) => AnswerState::Single {
            choice: Some((s.answer + 1) % s.options.len()),
        },
        (_, AnswerState::Multiple { cursor, mut picked }) => {
            picked[0] = !picked[0];
            AnswerState::Multiple { cursor, picked }
        }
        (_, AnswerState::Cloze { cursor, mut gaps }) => {
            gaps[0].push_str(" x");
            AnswerState::Cloze { cursor, gaps }
        }
        (QuizItem::Reorder(r), _) => AnswerState::Reorder {
            cursor: 0,
            order: (0..r.lines().len()).rev().collect(),
        },
        (_, _) => AnswerState::Recall {
            text: "I do not know".into(),
        },
    }
}

#[test]
fn every_bundled_item_scores_its_own_answer_right() {
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    assert_eq!(library.problems, []);
    let mut checked = 0;
    for (deck, card) in library.cards() {
        let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
        for (i, item) in card.quiz.iter().enumerate() {
            let right = score(item, &right_answer(item), &synonyms);
            assert!(right.correct(), "{} quiz[{i}]: {right:?}", card.id);
            let wrong = score(item, &wrong_answer(item), &synonyms);
            assert!(!wrong.correct(), "{} quiz[{i}]: {wrong:?}", card.id);
            checked += 1;
        }
    }
    assert!(checked >= 18, "{checked} items");
}
