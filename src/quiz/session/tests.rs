use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::content::{
    CardId, Cloze, CodeLang, Gap, MultipleChoice, Recall, RecallExamples, RecallPoint, Reorder,
    SingleChoice,
};
use crate::quiz::score::OptionMark;
use crate::quiz::scorecard::Tally;

fn t0() -> Timestamp {
    "2026-03-01T10:00:00Z".parse().unwrap()
}

fn at(secs: i64) -> Timestamp {
    t0() + SignedDuration::from_secs(secs)
}

/// Deck text (`Shown`) or typed answers (`String`).
fn strings<'a, T: From<&'a str>>(items: &[&'a str]) -> Vec<T> {
    items.iter().map(|&s| s.into()).collect()
}

fn single() -> QuizItem {
    QuizItem::Single(SingleChoice {
        question: "Which?".into(),
        options: strings(&["a", "b", "c"]),
        answer: 1,
        explanation: "b".into(),
        shuffle: true,
    })
}

fn multiple() -> QuizItem {
    QuizItem::Multiple(MultipleChoice {
        question: "Which ones?".into(),
        options: strings(&["a", "b", "c", "d"]),
        answers: vec![0, 2],
        explanation: "a and c".into(),
        shuffle: true,
    })
}

fn cloze() -> QuizItem {
    QuizItem::Cloze(Cloze {
        question: "Fill".into(),
        text: "x = {{1}}({{2}})".into(),
        lang: CodeLang::Python,
        gaps: vec![
            Gap {
                accept: strings(&["tuple"]),
                case_sensitive: None,
            },
            Gap {
                accept: strings(&["counts"]),
                case_sensitive: None,
            },
        ],
        explanation: "e".into(),
    })
}

fn reorder() -> QuizItem {
    QuizItem::Reorder(Reorder {
        question: "Order".into(),
        code: "def f():\n    x = 1\n    return x\n".into(),
        lang: CodeLang::Python,
        explanation: "e".into(),
    })
}

fn recall() -> QuizItem {
    QuizItem::Recall(Recall {
        question: "Why?".into(),
        points: vec![
            RecallPoint::new("hashable", strings(&["hashable"])),
            RecallPoint::new("immutable", strings(&["immutable"])),
        ],
        model_answer: "Keys must be hashable; tuples are immutable.".into(),
        explanation: "e".into(),
        examples: RecallExamples::default(),
        misconceptions: Vec::new(),
    })
}

fn session_item(item: QuizItem, topic: &str) -> SessionItem {
    SessionItem {
        deck_id: "d".into(),
        card_id: CardId(format!("card-{}", item.kind().label())),
        card_title: format!("Card {}", item.kind().label()).into(),
        topic: topic.into(),
        topic_title: topic.to_uppercase().into(),
        item_index: 2,
        start_order: if matches!(item, QuizItem::Reorder(_)) {
            vec![2, 0, 1]
        } else {
            Vec::new()
        },
        option_order: Vec::new(),
        item,
        synonyms: std::sync::Arc::default(),
    }
}

fn session(item: QuizItem) -> QuizSession {
    QuizSession::new(vec![session_item(item, "t")], t0())
}

fn answer(s: &QuizSession) -> &AnswerState {
    match s.phase() {
        QuizStep::Answering(a) => a,
        other => panic!("not answering: {other:?}"),
    }
}

#[test]
#[allow(clippy::too_many_lines, reason = "one table, read top to bottom")]
fn answer_transitions() {
    use AnswerState as A;
    use QuizAction::{
        CursorDown as Down, CursorUp as Up, Fill, MoveLineDown, MoveLineUp, Pick, Toggle,
    };
    let fill = |s: &str| Fill(s.to_string());
    let multi = |cursor, picked: [bool; 4]| A::Multiple {
        cursor,
        picked: picked.to_vec(),
    };
    let gaps = |cursor, g: [&str; 2]| A::Cloze {
        cursor,
        gaps: strings(&g),
    };
    let order = |cursor, o: [usize; 3]| A::Reorder {
        cursor,
        order: o.to_vec(),
    };
    // (item, actions, the answer afterwards)
    let table: Vec<(QuizItem, Vec<QuizAction>, AnswerState)> = vec![
        (single(), vec![], A::Single { choice: None }),
        (single(), vec![Down], A::Single { choice: Some(0) }),
        (single(), vec![Down, Down], A::Single { choice: Some(1) }),
        (single(), vec![Up], A::Single { choice: None }),
        (single(), vec![Pick(2), Down], A::Single { choice: Some(2) }),
        (
            single(),
            vec![Pick(2), Up, Up, Up],
            A::Single { choice: Some(0) },
        ),
        (single(), vec![Pick(3)], A::Single { choice: None }),
        (
            single(),
            vec![Toggle, MoveLineDown, fill("b")],
            A::Single { choice: None },
        ),
        (
            multiple(),
            vec![Toggle],
            multi(0, [true, false, false, false]),
        ),
        (
            multiple(),
            vec![Pick(2)],
            multi(2, [false, false, true, false]),
        ),
        (multiple(), vec![Pick(2), Pick(2)], multi(2, [false; 4])),
        (
            multiple(),
            vec![Pick(0), Down, Down, Toggle],
            multi(2, [true, false, true, false]),
        ),
        (
            multiple(),
            vec![Down, Down, Down, Down, Down],
            multi(3, [false; 4]),
        ),
        (multiple(), vec![Up], multi(0, [false; 4])),
        (
            multiple(),
            vec![Pick(4), MoveLineUp, fill("a")],
            multi(0, [false; 4]),
        ),
        (cloze(), vec![fill("tuple")], gaps(1, ["tuple", ""])),
        (
            cloze(),
            vec![fill("tuple"), fill("counts")],
            gaps(1, ["tuple", "counts"]),
        ),
        (
            cloze(),
            vec![Down, fill("counts"), Up],
            gaps(0, ["", "counts"]),
        ),
        (cloze(), vec![fill("a"), Up, fill("b")], gaps(1, ["b", ""])),
        (
            cloze(),
            vec![Down, Down, Pick(0), Toggle],
            gaps(1, ["", ""]),
        ),
        (reorder(), vec![MoveLineDown], order(1, [0, 2, 1])),
        (reorder(), vec![MoveLineUp, Up], order(0, [2, 0, 1])),
        (reorder(), vec![Down, MoveLineUp], order(0, [0, 2, 1])),
        (
            reorder(),
            vec![Down, Down, Down, MoveLineDown],
            order(2, [2, 0, 1]),
        ),
        (
            reorder(),
            vec![Pick(1), Toggle, fill("x")],
            order(0, [2, 0, 1]),
        ),
        (
            recall(),
            vec![fill("hashable")],
            A::Recall {
                text: "hashable".into(),
            },
        ),
        (
            recall(),
            vec![fill("a"), fill("b"), Down, Pick(0), Toggle],
            A::Recall { text: "b".into() },
        ),
    ];
    for (row, (item, actions, want)) in table.into_iter().enumerate() {
        let mut s = session(item);
        for action in actions {
            let allowed = s.can(&action);
            let before = s.clone();
            assert_eq!(
                s.update(action.clone(), t0()),
                None,
                "row {row}: {action:?}"
            );
            assert_eq!(
                allowed,
                s != before,
                "row {row}: can({action:?}) must say whether it changes anything"
            );
        }
        assert_eq!(answer(&s), &want, "row {row}");
    }
}

#[test]
fn submit_needs_an_answer_and_next_needs_feedback() {
    // (item, actions that give an answer)
    let table: Vec<(QuizItem, Vec<QuizAction>)> = vec![
        (single(), vec![QuizAction::Pick(0)]),
        (multiple(), vec![QuizAction::Toggle]),
        (cloze(), vec![QuizAction::Fill("x".into())]),
        (reorder(), vec![]),
        (recall(), vec![QuizAction::Fill("hashable".into())]),
    ];
    for (item, actions) in table {
        let kind = item.kind();
        let mut s = session(item);
        assert!(!s.can(&QuizAction::Next), "{kind:?}");
        assert_eq!(s.update(QuizAction::Next, at(1)), None);
        if kind != QuizKind::Reorder {
            assert!(
                !s.can(&QuizAction::Submit),
                "{kind:?}: nothing to submit yet"
            );
            assert_eq!(s.update(QuizAction::Submit, at(1)), None);
            // Blank text is no answer either.
            let _ = s.update(QuizAction::Fill("   ".into()), at(1));
            assert!(!s.can(&QuizAction::Submit), "{kind:?}");
        }
        for action in actions {
            assert_eq!(s.update(action, at(2)), None);
        }
        let record = s.update(QuizAction::Submit, at(5)).expect("submitted");
        assert_eq!(record.kind, kind);
        assert_eq!(record.duration, Duration::from_secs(5));
        assert_eq!(record.answered_at, at(5));
        assert!(matches!(s.phase(), QuizStep::Feedback { .. }), "{kind:?}");
        // In feedback only Next does anything.
        for action in [
            QuizAction::Submit,
            QuizAction::GiveUp,
            QuizAction::CursorDown,
            QuizAction::Pick(0),
            QuizAction::Fill("x".into()),
        ] {
            assert!(!s.can(&action));
            assert_eq!(s.update(action, at(6)), None);
        }
        assert_eq!(s.update(QuizAction::Next, at(7)), None);
        assert!(s.is_finished());
        assert_eq!(s.current(), None);
        assert!(!s.can(&QuizAction::Next));
        assert_eq!(s.update(QuizAction::GiveUp, at(8)), None);
    }
}

#[test]
fn give_up_always_counts_wrong() {
    for item in [single(), multiple(), cloze(), reorder(), recall()] {
        let kind = item.kind();
        let mut s = session(item);
        let record = s
            .update(QuizAction::GiveUp, at(3))
            .expect("always possible");
        assert!(!record.correct, "{kind:?}");
        let QuizStep::Feedback {
            verdict, gave_up, ..
        } = s.phase()
        else {
            panic!("{kind:?}: no feedback");
        };
        assert!(!verdict.correct());
        assert!(gave_up);
    }
}

/// "I don't know" after picking the right option is still a miss: the pick was not
/// submitted.
#[test]
fn give_up_after_a_right_pick_counts_wrong() {
    let mut s = session(single());
    let _ = s.update(QuizAction::Pick(1), at(1));
    let record = s.update(QuizAction::GiveUp, at(2)).unwrap();
    assert!(!record.correct);
    assert_eq!(s.scorecard().score.correct, 0);
}

#[test]
fn right_answers_of_every_kind() {
    use QuizAction::{Fill, MoveLineDown, MoveLineUp, Pick, Submit};
    let table: Vec<(QuizItem, Vec<QuizAction>)> = vec![
        (single(), vec![Pick(1), Submit]),
        (multiple(), vec![Pick(2), Pick(0), Submit]),
        (
            cloze(),
            vec![Fill(" tuple ".into()), Fill("counts".into()), Submit],
        ),
        // Starts [2, 0, 1]: move line 2 from the top to the bottom.
        (reorder(), vec![MoveLineDown, MoveLineDown, Submit]),
        (
            recall(),
            vec![Fill("They are IMMUTABLE, so hashable.".into()), Submit],
        ),
    ];
    for (item, actions) in table {
        let kind = item.kind();
        let mut s = session(item);
        let mut records = Vec::new();
        for action in actions {
            records.extend(s.update(action, at(4)));
        }
        assert_eq!(records.len(), 1, "{kind:?}");
        assert!(records[0].correct, "{kind:?}: {:?}", s.phase());
        assert_eq!(records[0].card_id, format!("card-{}", kind.label()));
        assert_eq!(records[0].item_index, 2);
    }
    // And a wrong reorder: one move short.
    let mut s = session(reorder());
    let _ = s.update(MoveLineDown, at(1));
    let _ = s.update(MoveLineUp, at(1));
    assert!(!s.update(Submit, at(2)).unwrap().correct);
}

#[test]
fn feedback_keeps_the_answer_and_the_verdict() {
    let mut s = session(multiple());
    let _ = s.update(QuizAction::Pick(0), at(1));
    let _ = s.update(QuizAction::Pick(1), at(1));
    let record = s.update(QuizAction::Submit, at(2)).unwrap();
    assert!(!record.correct);
    let QuizStep::Feedback {
        answer,
        verdict,
        gave_up: false,
    } = s.phase()
    else {
        panic!("no feedback");
    };
    assert_eq!(
        answer,
        &AnswerState::Multiple {
            cursor: 1,
            picked: vec![true, true, false, false]
        }
    );
    let Verdict::Multiple(v) = verdict else {
        panic!("{verdict:?}");
    };
    assert_eq!(
        v.marks,
        [
            OptionMark::Hit,
            OptionMark::WronglyPicked,
            OptionMark::Missed,
            OptionMark::Skipped
        ]
    );
}

#[test]
fn a_whole_quiz_ends_on_the_scorecard() {
    let items = vec![
        session_item(single(), "python"),
        session_item(cloze(), "python"),
        session_item(reorder(), "algo"),
        session_item(multiple(), "python"),
        session_item(recall(), "algo"),
    ];
    let mut s = QuizSession::new(items, t0());
    let mut clock = 0;
    let mut records = Vec::new();
    let mut step = |s: &mut QuizSession, action: QuizAction, secs: i64| {
        clock += secs;
        records.extend(s.update(action, at(clock)));
    };
    // Single, right, 3 s.
    step(&mut s, QuizAction::Pick(1), 3);
    step(&mut s, QuizAction::Submit, 0);
    step(&mut s, QuizAction::Next, 1);
    assert_eq!(s.position(), 1);
    assert_eq!(
        s.scorecard().score,
        Tally {
            correct: 1,
            total: 1
        }
    );
    // Cloze, half right, 10 s: wrong overall.
    step(&mut s, QuizAction::Fill("tuple".into()), 6);
    step(&mut s, QuizAction::Fill("count".into()), 4);
    step(&mut s, QuizAction::Submit, 0);
    step(&mut s, QuizAction::Next, 1);
    // Reorder, given up at once.
    step(&mut s, QuizAction::GiveUp, 2);
    step(&mut s, QuizAction::Next, 1);
    // Multiple, right, 5 s.
    step(&mut s, QuizAction::Pick(0), 2);
    step(&mut s, QuizAction::Pick(2), 3);
    step(&mut s, QuizAction::Submit, 0);
    step(&mut s, QuizAction::Next, 1);
    // Recall, one point of two, 20 s.
    step(&mut s, QuizAction::Fill("they are hashable".into()), 20);
    step(&mut s, QuizAction::Submit, 0);
    assert!(
        !s.is_finished(),
        "the last feedback shows before the scorecard"
    );
    step(&mut s, QuizAction::Next, 1);
    assert!(s.is_finished());

    let correct: Vec<bool> = records.iter().map(|r| r.correct).collect();
    assert_eq!(correct, [true, false, false, true, false]);
    let card = s.scorecard();
    assert_eq!(
        card.score,
        Tally {
            correct: 2,
            total: 5
        }
    );
    assert_eq!(card.asked, 5);
    let topics: Vec<(&str, &str, Tally)> = card
        .by_topic
        .iter()
        .map(|t| (t.topic.as_str(), t.title.as_str(), t.tally))
        .collect();
    assert_eq!(
        topics,
        [
            (
                "python",
                "PYTHON",
                Tally {
                    correct: 2,
                    total: 3
                }
            ),
            (
                "algo",
                "ALGO",
                Tally {
                    correct: 0,
                    total: 2
                }
            ),
        ]
    );
    let one = |correct| Tally { correct, total: 1 };
    assert_eq!(
        card.by_kind,
        [
            (QuizKind::Single, one(1)),
            (QuizKind::Multiple, one(1)),
            (QuizKind::Cloze, one(0)),
            (QuizKind::Reorder, one(0)),
            (QuizKind::Recall, one(0)),
        ]
    );
    let times: Vec<u64> = card.items.iter().map(|i| i.duration.as_secs()).collect();
    assert_eq!(times, [3, 10, 2, 5, 20]);
    assert_eq!(card.total_time, Duration::from_secs(40));
    assert_eq!(card.mean_time(), Some(Duration::from_secs(8)));
    assert_eq!(card.items[1].parts, (1, 2));
    assert_eq!(card.items[4].parts, (1, 2));
    assert_eq!(card.score.rate(), Some(0.4));
}

#[test]
fn a_clock_that_goes_back_gives_zero_time() {
    let mut s = session(single());
    let _ = s.update(QuizAction::Pick(1), at(1));
    let record = s.update(QuizAction::Submit, at(-30)).unwrap();
    assert_eq!(record.duration, Duration::ZERO);
}

#[test]
fn the_console_can_start_from_what_was_typed() {
    let mut s = session(cloze());
    let _ = s.update(QuizAction::Fill("tuple".into()), at(1));
    assert_eq!(answer(&s).input(), Some(""));
    let _ = s.update(QuizAction::CursorUp, at(1));
    assert_eq!(answer(&s).input(), Some("tuple"));
    assert_eq!(AnswerState::new(&single(), &[]).input(), None);
}

#[test]
fn a_reorder_without_a_valid_start_is_still_scrambled() {
    for start in [vec![], vec![0, 0, 1], vec![0, 1, 5]] {
        let state = AnswerState::new(&reorder(), &start);
        let AnswerState::Reorder { order, .. } = state else {
            panic!("{state:?}");
        };
        assert_ne!(order, [0, 1, 2], "{start:?}");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2]);
    }
}

#[test]
fn an_empty_session_is_finished() {
    let s = QuizSession::new(Vec::new(), t0());
    assert!(s.is_finished());
    assert_eq!(s.scorecard().asked, 0);
    assert_eq!(s.scorecard().mean_time(), None);
}

#[test]
fn the_bundled_decks_play_through() {
    let library = crate::content::bundled_library();
    let selection = Selection {
        count: Some(1000),
        ..Selection::default()
    };
    let mut s = QuizSession::start(library, &selection, 99, t0()).unwrap();
    let total = s.items().len();
    let mut saved = 0;
    let mut guard = 0;
    while !s.is_finished() && guard < 10 * total {
        guard += 1;
        // Answer with whatever the item's own model answer or first choice is.
        let action = match s.phase() {
            QuizStep::Answering(AnswerState::Recall { text }) if text.is_empty() => {
                match s.current().map(|i| &i.item) {
                    Some(QuizItem::Recall(r)) => QuizAction::Fill(r.model_answer.to_string()),
                    _ => QuizAction::GiveUp,
                }
            }
            QuizStep::Answering(AnswerState::Recall { .. }) => QuizAction::Submit,
            QuizStep::Answering(AnswerState::Single { choice: None }) => QuizAction::CursorDown,
            QuizStep::Answering(_) => QuizAction::GiveUp,
            _ => QuizAction::Next,
        };
        saved += usize::from(s.update(action, at(1)).is_some());
    }
    assert!(s.is_finished());
    assert_eq!(saved, total);
    let card = s.scorecard();
    assert_eq!(card.score.total, total);
    // Every recall item's model answer makes all its points (check enforces it).
    let recall = card
        .by_kind
        .iter()
        .find(|(k, _)| *k == QuizKind::Recall)
        .map(|(_, t)| *t);
    if let Some(recall) = recall {
        assert_eq!(recall.correct, recall.total);
    }
}

/// Options are shown in the seed's order, scored as shown and saved by identity: the
/// right answer picked where it appears on screen is right, and the record names the
/// card's own indices.
#[test]
fn options_are_shuffled_by_the_seed_and_saved_by_identity() {
    let library = crate::content::bundled_library();
    let all = Selection {
        count: Some(1000),
        ..Selection::default()
    };
    let orders = |seed| -> Vec<Vec<usize>> {
        crate::quiz::select(library, &all, seed)
            .unwrap()
            .into_iter()
            .map(|i| i.option_order)
            .collect()
    };
    assert_eq!(orders(5), orders(5), "a quiz can be repeated");
    let mut s = QuizSession::start(library, &all, 5, t0()).unwrap();
    let (mut choice_items, mut moved) = (0, 0);
    while let Some(item) = s.current().cloned() {
        let (_, card) = library.card(item.card_id.as_str()).unwrap();
        let original = &card.quiz[item.item_index];
        let actions: Vec<QuizAction> = match (&item.item, original) {
            (QuizItem::Single(shown), QuizItem::Single(file)) => {
                assert_eq!(shown.options[shown.answer], file.options[file.answer]);
                vec![QuizAction::Pick(shown.answer)]
            }
            (QuizItem::Multiple(shown), QuizItem::Multiple(_)) => {
                shown.answers.iter().map(|&a| QuizAction::Pick(a)).collect()
            }
            _ => {
                assert!(item.option_order.is_empty());
                let _ = s.update(QuizAction::GiveUp, at(1));
                let _ = s.update(QuizAction::Next, at(1));
                continue;
            }
        };
        choice_items += 1;
        let (shown, file) = match (&item.item, original) {
            (QuizItem::Single(a), QuizItem::Single(b)) => (&a.options, &b.options),
            (QuizItem::Multiple(a), QuizItem::Multiple(b)) => (&a.options, &b.options),
            _ => unreachable!(),
        };
        for (at_screen, &identity) in item.option_order.iter().enumerate() {
            assert_eq!(shown[at_screen], file[identity]);
        }
        moved += usize::from(item.option_order.iter().enumerate().any(|(i, &o)| i != o));
        for action in actions {
            let _ = s.update(action, at(1));
        }
        let record = s.update(QuizAction::Submit, at(2)).unwrap();
        assert!(record.correct, "{} quiz[{}]", item.card_id, item.item_index);
        let expected = match original {
            QuizItem::Single(file) => vec![file.answer],
            QuizItem::Multiple(file) => {
                let mut answers = file.answers.clone();
                answers.sort_unstable();
                answers
            }
            _ => unreachable!(),
        };
        assert_eq!(record.picked, Some(expected));
        let _ = s.update(QuizAction::Next, at(3));
    }
    assert!(choice_items >= 20, "{choice_items} choice items");
    assert!(
        moved * 2 > choice_items,
        "only {moved} of {choice_items} choice items shown out of the file's order"
    );
}

#[test]
fn an_unshuffled_item_keeps_the_files_order_and_giving_up_picks_nothing() {
    let QuizItem::Single(mut item) = single() else {
        unreachable!()
    };
    item.shuffle = false;
    let (shown, order) = crate::quiz::options::arrange(
        &QuizItem::Single(item.clone()),
        &mut crate::quiz::select::SplitMix64(1),
    );
    assert_eq!(shown, QuizItem::Single(item));
    let mut s = QuizSession::new(
        vec![SessionItem {
            option_order: order,
            ..session_item(shown, "t")
        }],
        t0(),
    );
    let _ = s.update(QuizAction::Pick(1), at(1));
    let record = s.update(QuizAction::GiveUp, at(2)).unwrap();
    assert_eq!(record.picked, Some(Vec::new()));
    let mut s = session(cloze());
    let _ = s.update(QuizAction::Fill("key".into()), at(1));
    let record = s.update(QuizAction::Submit, at(2)).unwrap();
    assert_eq!(record.picked, None, "no options to pick");
}

/// The answer editor: `Type` focuses it, edits change the recall answer, `StopTyping`
/// keeps the text, and a new item starts with an empty, unfocused editor.
#[test]
fn recall_answers_are_written_in_the_editor() {
    use crate::editor::Edit;
    let mut s = QuizSession::new(
        vec![session_item(recall(), "t"), session_item(recall(), "t")],
        t0(),
    );
    assert!(
        !s.can(&QuizAction::Edit(Edit::Insert('a'))),
        "not focused yet"
    );
    let _ = s.update(QuizAction::Type, at(1));
    assert!(s.editing());
    for edit in [Edit::Insert('h'), Edit::Newline, Edit::Paste("i\nj".into())] {
        let _ = s.update(QuizAction::Edit(edit), at(1));
    }
    assert_eq!(
        answer(&s),
        &AnswerState::Recall {
            text: "h\ni\nj".into()
        }
    );
    let _ = s.update(QuizAction::Edit(Edit::Undo), at(1));
    assert_eq!(answer(&s), &AnswerState::Recall { text: "h\n".into() });
    let _ = s.update(QuizAction::StopTyping, at(1));
    assert!(!s.editing() && s.editor().is_some_and(|e| e.text() == "h\n"));
    let _ = s.update(QuizAction::Submit, at(2)).unwrap();
    assert!(s.editor().is_none(), "no editor during the feedback");
    let _ = s.update(QuizAction::Next, at(3));
    assert!(s.editor().is_some_and(|e| e.is_empty() && !e.focused()));
}

/// "I did say that": each missed point can be claimed once, in any order (the cursor
/// moves with Tab); when all are claimed the answer counts as right, self-assessed.
#[test]
fn claiming_every_missed_point_makes_the_answer_right_self_assessed() {
    let mut s = session(recall());
    let _ = s.update(QuizAction::Fill("no idea".into()), at(1));
    let record = s.update(QuizAction::Submit, at(2)).unwrap();
    assert_eq!(record.points, Some((0, 2)));
    assert!(!record.correct);
    assert_eq!(s.claimable(), Some(0));
    s.next_missed();
    assert_eq!(s.claimable(), Some(1));
    let claim = s.claim(at(3)).unwrap();
    assert_eq!(
        (
            claim.point,
            claim.answered_at,
            claim.claimed_at,
            claim.item_index
        ),
        (1, at(2), at(3), 2)
    );
    assert_eq!(claim.card_id, "card-recall");
    assert!(!s.answered()[0].correct, "one missed point still open");
    assert_eq!(s.claimable(), Some(0));
    assert!(s.claim(at(4)).is_some());
    assert_eq!(s.claimed(), [1, 0]);
    assert_eq!(s.claimable(), None);
    assert!(s.claim(at(5)).is_none(), "nothing left to claim");
    assert!(s.answered()[0].correct && s.answered()[0].self_assessed);
    assert!(
        s.scorecard().items[0].self_assessed,
        "the scorecard says so"
    );
    // After "I don't know" there is nothing the learner said to claim.
    let mut s = session(recall());
    let _ = s.update(QuizAction::GiveUp, at(1)).unwrap();
    assert_eq!(s.claimable(), None);
    assert!(s.claim(at(2)).is_none());
}

/// A misconception stated keeps the answer wrong: claiming its missed points records
/// the claims but does not make it right.
#[test]
fn claims_do_not_unsay_a_misconception() {
    let QuizItem::Recall(mut item) = recall() else {
        unreachable!()
    };
    item.misconceptions = vec![crate::content::Misconception {
        said: strings(&["lists are hashable"]),
        why: "A list is mutable, so it has no hash.".into(),
    }];
    let mut s = session(QuizItem::Recall(item));
    let _ = s.update(
        QuizAction::Fill("keys are hashable; lists are hashable".into()),
        at(1),
    );
    let record = s.update(QuizAction::Submit, at(2)).unwrap();
    assert_eq!(record.points, Some((1, 2)));
    assert!(!record.correct);
    assert!(s.claim(at(3)).is_some(), "the missed point is claimed");
    assert!(!s.answered()[0].correct && !s.answered()[0].self_assessed);
}

/// A paste into a recall answer is cut to [`MAX_RECALL_ANSWER`] bytes, the answer so far
/// counted, at a character: a megabyte pasted made the submit take half a minute
/// (scoring it, then drawing it in the verdict on every frame). `paste_room` says how
/// much a paste may bring, so the screen can say it was cut.
#[test]
fn a_paste_into_a_recall_answer_is_cut_to_the_most_an_answer_keeps() {
    use super::MAX_RECALL_ANSWER;
    use crate::editor::Edit;
    let mut s = session(recall());
    let _ = s.update(QuizAction::Type, at(1));
    let _ = s.update(QuizAction::Edit(Edit::Insert('é')), at(1));
    assert_eq!(s.paste_room(), MAX_RECALL_ANSWER - 'é'.len_utf8());
    let _ = s.update(
        QuizAction::Edit(Edit::Paste("é".repeat(MAX_RECALL_ANSWER))),
        at(1),
    );
    let AnswerState::Recall { text } = answer(&s) else {
        panic!("a recall answer")
    };
    assert!(text.len() <= MAX_RECALL_ANSWER, "{} bytes", text.len());
    assert!(
        text.len() > MAX_RECALL_ANSWER - 'é'.len_utf8(),
        "{} bytes",
        text.len()
    );
    assert!(text.chars().all(|c| c == 'é'), "cut at a character");
    assert_eq!(s.paste_room(), MAX_RECALL_ANSWER - text.len());
    // Typing is not cut (no one types 16 KiB), and a paste that fits goes in whole.
    let _ = s.update(QuizAction::Edit(Edit::Undo), at(1));
    let _ = s.update(QuizAction::Edit(Edit::Paste("a\nb".into())), at(1));
    assert_eq!(
        answer(&s),
        &AnswerState::Recall {
            text: "éa\nb".into()
        }
    );
}
