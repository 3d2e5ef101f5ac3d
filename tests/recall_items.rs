//! The bundled recall and cloze items against answers a learner could give: every
//! recall item carries examples, and the fixes of issue 13 (points the question asks
//! for, other right algorithms, "two of n" fixes, the `abba` guard, cloze answers that
//! also work) each hold here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tutor::content::{Card, LoadOptions, QuizItem, load_library};
use tutor::quiz::synonyms::Synonyms;
use tutor::quiz::{AnswerState, Verdict, score};

fn bundled() -> tutor::content::Library {
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    assert_eq!(library.problems, []);
    library
}

/// The bundled decks as the files in `content/` hold them, with the recall examples the
/// binary's copy leaves out (build/examples.rs).
fn from_files() -> tutor::content::Library {
    let library = load_library(&LoadOptions {
        dirs: vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")],
        ..LoadOptions::default()
    });
    assert_eq!(library.problems, []);
    library
}

fn card<'a>(library: &'a tutor::content::Library, id: &str) -> &'a Card {
    library.card(id).unwrap_or_else(|| panic!("no card {id}")).1
}

/// The synonyms card `id` is scored with: the general set and its deck's.
fn synonyms(library: &tutor::content::Library, id: &str) -> Synonyms {
    let deck = library.card(id).unwrap_or_else(|| panic!("no card {id}")).0;
    Synonyms::with_deck(&deck.meta.synonyms)
}

/// Item `n` (from 1, as `tutor quiz --item` counts) of card `id`.
fn item<'a>(library: &'a tutor::content::Library, id: &str, n: usize) -> &'a QuizItem {
    &card(library, id).quiz[n - 1]
}

fn recall(library: &tutor::content::Library, id: &str, n: usize, answer: &str) -> Verdict {
    score(
        item(library, id, n),
        &AnswerState::Recall {
            text: answer.to_string(),
        },
        &synonyms(library, id),
    )
}

/// Whether gap `gap` (from 1) of cloze item `n` of card `id` takes `answer`.
fn gap_takes(
    library: &tutor::content::Library,
    id: &str,
    n: usize,
    gap: usize,
    answer: &str,
) -> bool {
    let QuizItem::Cloze(cloze) = item(library, id, n) else {
        panic!("{id} item {n} is not a cloze item");
    };
    let mut gaps: Vec<String> = cloze.gaps.iter().map(|g| g.accept[0].to_string()).collect();
    gaps[gap - 1] = answer.to_string();
    score(
        item(library, id, n),
        &AnswerState::Cloze { cursor: 0, gaps },
        &synonyms(library, id),
    )
    .correct()
}

#[test]
fn every_bundled_recall_item_has_examples_both_ways() {
    let library = from_files();
    let mut items = 0;
    for (deck, card) in library.cards() {
        let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
        for (i, item) in card.quiz.iter().enumerate() {
            let QuizItem::Recall(recall) = item else {
                continue;
            };
            items += 1;
            let (right, wrong) = (&recall.examples.right, &recall.examples.wrong);
            assert!(
                right.len() >= 2 && !wrong.is_empty(),
                "{} item {}: {} right and {} wrong examples; at least 2 and 1 are needed",
                card.id,
                i + 1,
                right.len(),
                wrong.len()
            );
            // The check has scored them already; this says so in the test, too.
            for example in right {
                let v = score(
                    item,
                    &AnswerState::Recall {
                        text: example.clone(),
                    },
                    &synonyms,
                );
                assert!(
                    v.correct(),
                    "{} item {}: {example:?}: {v:?}",
                    card.id,
                    i + 1
                );
            }
            for example in wrong {
                let v = score(
                    item,
                    &AnswerState::Recall {
                        text: example.clone(),
                    },
                    &synonyms,
                );
                assert!(!v.correct(), "{} item {}: {example:?}", card.id, i + 1);
            }
        }
    }
    assert!(items >= 24, "{items} recall items");
}

#[test]
fn questions_ask_for_every_point() {
    let library = bundled();
    for (id, n, asks) in [
        // The point about functools.wraps.
        ("timing-decorator", 6, "name and docstring"),
        // The point about bucketing words in a defaultdict(list).
        ("group-anagrams", 6, "collect"),
        // The point about asyncio.to_thread.
        ("asyncio-threads-processes", 4, "blocking call"),
        // The point about creating one bucket per client.
        ("token-bucket-rate-limiter", 5, "per client"),
        // The point about pop_all, which keeps the connections open past the block.
        ("context-managers", 4, "still open"),
    ] {
        let question = item(&library, id, n).question();
        assert!(question.contains(asks), "{id} item {n}: {question}");
    }
}

#[test]
fn course_schedule_takes_dfs_with_three_colours() {
    let library = bundled();
    let dfs = "Build a directed graph from prerequisite to course. Run a DFS with three \
               colours: white is unvisited, grey is on the current path, black is done. \
               Reaching a grey node again means a back edge, so there is a cycle and no \
               order exists; otherwise the reversed post-order is a valid order. That is \
               O(V + E).";
    let v = recall(&library, "course-schedule", 4, dfs);
    assert!(v.correct(), "{v:?}");
    let kahn_without_cycle = "Make a graph, do a topological sort with Kahn's algorithm from \
                              the in-degree 0 courses, O(V + E).";
    assert!(!recall(&library, "course-schedule", 4, kahn_without_cycle).correct());
}

#[test]
fn mutable_defaults_takes_any_two_fixes() {
    let library = bundled();
    let lead = "It is late binding: the closures look pct up when they are called, and they \
                all share the same variable, which ends at 50. ";
    for fixes in [
        "Fix it with a default argument pct=pct, or with functools.partial.",
        "Fix it with functools.partial, or with a factory function that returns the lambda.",
        "Fix it with a factory function, or bind a default argument pct=pct.",
    ] {
        let v = recall(
            &library,
            "mutable-defaults-late-binding",
            4,
            &format!("{lead}{fixes}"),
        );
        assert!(v.correct(), "{fixes}: {v:?}");
    }
    let one = format!("{lead}Fix it with functools.partial.");
    assert!(!recall(&library, "mutable-defaults-late-binding", 4, &one).correct());
}

#[test]
fn sliding_window_needs_the_abba_guard_not_just_a_max() {
    let library = bundled();
    let base = "Use a sliding window with two pointers and a dict of the last index of each \
                character. On a repeat, jump the start to just after the earlier occurrence";
    let no_guard = format!("{base}, and keep the max length seen so far.");
    assert!(!recall(&library, "longest-substring-without-repeats", 4, &no_guard).correct());
    // The guard said as a bare condition, with no word on the case it handles: the
    // question asks for the edge case, and the blind writers of sets 5, 8, 9 and 11 each
    // marked such an answer wrong (tune11a).
    let unexplained = format!("{base}, but only if that index is still inside the window.");
    assert!(
        !recall(
            &library,
            "longest-substring-without-repeats",
            4,
            &unexplained
        )
        .correct()
    );
    for guard in [
        ", but only if that index is still inside the window, else \"abba\" pulls it back.",
        ", taking start = max(start, last + 1) so it never moves back.",
    ] {
        let v = recall(
            &library,
            "longest-substring-without-repeats",
            4,
            &format!("{base}{guard}"),
        );
        assert!(v.correct(), "{guard}: {v:?}");
    }
}

#[test]
fn cloze_gaps_take_every_answer_that_works() {
    let library = bundled();
    // `last.get(ch, -1)` is what the guard above the gap reads.
    assert!(gap_takes(
        &library,
        "longest-substring-without-repeats",
        1,
        2,
        "last.get(ch, -1) + 1"
    ));
    // A shift doubles like a power, but binds looser than `*`: `base_delay * 1 << attempt`
    // shifts a float, a TypeError.
    assert!(gap_takes(
        &library,
        "s3-bulk-processing",
        5,
        3,
        "(1 << attempt)"
    ));
    assert!(!gap_takes(
        &library,
        "s3-bulk-processing",
        5,
        3,
        "1 << attempt"
    ));
    // A forward reference is a string in either quotes.
    assert!(gap_takes(
        &library,
        "composition-over-inheritance",
        3,
        2,
        "'Channel'"
    ));
    assert!(gap_takes(
        &library,
        "composition-over-inheritance",
        3,
        2,
        "\"Channel\""
    ));
    // Rc<dyn Discount> and Arc<dyn Discount> compile too (the card's code and tests pass
    // with either in place of Box); a bare reference needs a lifetime and does not.
    for pointer in ["Box", "Rc", "Arc"] {
        assert!(
            gap_takes(&library, "solid-principles", 3, 1, pointer),
            "{pointer}"
        );
    }
    assert!(!gap_takes(&library, "solid-principles", 3, 1, "&"));
}

/// One item's held-out answers in `tests/fixtures/recall_heldout.yaml`.
#[derive(serde::Deserialize)]
struct HeldOut {
    card: String,
    item: usize,
    right: Vec<String>,
    wrong: Vec<String>,
}

/// Scores every held-out answer in `text`: (right answers, right accepted, wrong
/// answers, wrong accepted, the figure, the misjudged answers).
fn measure(text: &str) -> (usize, usize, usize, usize, String, Vec<String>) {
    let library = bundled();
    let held_out: Vec<HeldOut> = serde_yaml::from_str(text).unwrap();
    let (mut right, mut right_accepted, mut wrong, mut misjudged) = (0, 0, 0, Vec::new());
    for set in &held_out {
        let item = item(&library, &set.card, set.item);
        let synonyms = synonyms(&library, &set.card);
        for (answers, should_be_right) in [(&set.right, true), (&set.wrong, false)] {
            for answer in answers {
                let verdict = score(
                    item,
                    &AnswerState::Recall {
                        text: answer.clone(),
                    },
                    &synonyms,
                );
                if should_be_right {
                    right += 1;
                    right_accepted += usize::from(verdict.correct());
                } else {
                    wrong += 1;
                }
                if verdict.correct() != should_be_right {
                    misjudged.push(format!(
                        "{} item {} ({}): {answer:?}\n    {verdict:?}",
                        set.card,
                        set.item,
                        if should_be_right {
                            "right, rejected"
                        } else {
                            "wrong, accepted"
                        }
                    ));
                }
            }
        }
    }
    let wrong_accepted = misjudged
        .iter()
        .filter(|m| m.contains("wrong, accepted"))
        .count();
    let figure = format!(
        "{right_accepted} of {right} right answers accepted ({:.1}%), {wrong_accepted} of \
         {wrong} wrong answers accepted",
        100.0 * f64::from(u32::try_from(right_accepted).unwrap())
            / f64::from(u32::try_from(right).unwrap())
    );
    (
        right,
        right_accepted,
        wrong,
        wrong_accepted,
        figure,
        misjudged,
    )
}

/// A held-out set as a ratchet: `counts` right and wrong answers, at least `min_right`
/// of the right ones accepted and at most `max_wrong` of the wrong ones. `show` prints
/// (with `--nocapture`) and names in a failure which answers were misjudged; a blind
/// set gives only how many, so that whoever tunes the items never reads its answers.
fn ratchet(text: &str, counts: (usize, usize), min_right: usize, max_wrong: usize, show: bool) {
    let (right, right_accepted, wrong, wrong_accepted, figure, misjudged) = measure(text);
    let detail = if show {
        misjudged.join("\n")
    } else {
        format!("{} misjudged", misjudged.len())
    };
    println!("{figure}\n{detail}");
    assert!((right, wrong) == counts, "{figure}");
    assert!(
        right_accepted >= min_right && wrong_accepted <= max_wrong,
        "{figure}\n{detail}"
    );
}

/// Issue 13's measure: answers written by someone who saw neither the accept lists nor
/// the examples. At least 85% of the right ones must be accepted, and no wrong one.
#[test]
fn held_out_answers_score_as_labelled() {
    let (right, right_accepted, wrong, wrong_accepted, figure, misjudged) =
        measure(include_str!("fixtures/recall_heldout.yaml"));
    println!("{figure}");
    assert!(right + wrong >= 96 && wrong >= 40, "{figure}");
    assert!(
        right_accepted * 100 >= right * 85 && wrong_accepted == 0,
        "{figure}\n{}",
        misjudged.join("\n")
    );
}

/// The second held-out set, written blind; a development set since 2026-12-06, when the
/// items were tuned on it (and on the first and third sets) for issue 13: a ratchet at
/// the figure after that tuning (73 of 73 right accepted, 0 of 47 wrong accepted; before it 65 of 73 and 2 of 47; the target
/// is none wrong, see the fixture's header), so a change to the scorer or the items that
/// loses ground fails. Print the figure with `--nocapture`. It no longer measures
/// anything blind, and neither does the fourth set since it became a development set.
#[test]
fn fresh_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout_fresh.yaml"),
        (73, 47),
        73,
        0,
        true,
    );
}

/// The third held-out set (44 items, two right and two wrong answers each), written
/// blind on 2026-12-06 and a development set since that evening's tuning: a ratchet at
/// the figure after it (88 of 88 right accepted, 3 of 88 wrong accepted; before it, 69 of 88 and 6 of 88; the target is none
/// wrong, see the fixture's header); 2 wrong since a point's phrase no longer counts
/// where a negation denies it. The two wrong ones still accepted (lp-think-big,
/// k-closest-points) are labels the tuners and their reviewers judged unfair: the first
/// was written against points the item no longer has, the second states every cost
/// correctly.
#[test]
fn third_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout3.yaml"),
        (88, 88),
        88,
        2,
        true,
    );
}

/// The fourth held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-06 by two engineers who saw neither the accept lists nor the
/// examples, and issue 13's blind measure that evening: 109 of 120 right accepted (90.8%)
/// and 6 of 120 wrong accepted (96 and 7 on the items before sets 1-3's tuning). A
/// development set since that night, when the matcher (big-O as one word, units as
/// their names) and the items were tuned on it: a ratchet at the figure after that
/// tuning, 120 of 120 right accepted and 0 of 120 wrong, so a change to the scorer or the
/// items that loses ground fails. Every label was judged fair (see the fixture's
/// header). Print the figure and any misjudged answer with `--nocapture`.
#[test]
fn fourth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout4.yaml"),
        (120, 120),
        120,
        0,
        true,
    );
}

/// The fifth held-out set (all 60 items, two right and two wrong answers each), written
/// blind on 2026-12-06 (20:55-21:10 UTC) by two engineers who saw neither the accept
/// lists, the misconceptions nor the examples, and issue 13's blind measure after the
/// tuning on the fourth set: 109 of 120 right accepted (90.8%) and 14 of 120 wrong
/// accepted (108 and 14 on main at `b27b2f8`). A development set since that night, when
/// the negation guard (others' belief as a cue) and the items were tuned on it: a
/// ratchet at the figure after that tuning, 119 of 120 right accepted and 1 of 120
/// wrong, so a change to the scorer or the items that loses ground fails. The wrong one
/// left is a label judged unfair (see the fixture's header). Print the figure and any
/// misjudged answer with `--nocapture`.
#[test]
fn fifth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout5.yaml"),
        (120, 120),
        RIGHT5,
        WRONG5,
        true,
    );
}

/// The fifth set's ratchet (see `fifth_held_out_answers`).
const RIGHT5: usize = 120;
const WRONG5: usize = 0;

/// The sixth held-out set (all 60 items, two right and two wrong answers each), written
/// blind on 2026-12-06 (22:00-22:10 UTC) by two engineers who saw neither the accept
/// lists, the misconceptions nor the examples, and never shown to the engineers who tuned
/// the items on the fourth and fifth sets: issue 13's blind measure until the seventh set.
/// On main at `5541f1e` (the items tuned on sets 1-3 only): 106 of 120 right accepted
/// (88.3%), 13 of 120 wrong accepted; after the tuning on set 4 (`04f8238`), 108 of 120
/// (90.0%) and 13 of 120 wrong; after the tuning on set 5 (branch tune5), 110 of 120
/// (91.7%) and 11 of 120 wrong; after the reviews' fixes and big-O phrases matching only a
/// whole expression (branch fix4), 109 of 120 (90.8%) and 11 of 120 wrong; once a point's
/// phrase no longer counted where a negation denies it (2026-12-07, decided on this set's
/// counts, never on its answers), 109 of 120 and 8 of 120 wrong (the blind figure). A
/// development set since 2026-12-07, when the matcher (a dismissal after a point's phrase;
/// `not only` and `at most` in a point) and the items were tuned on it (branch tune6): a
/// ratchet at the figure after that tuning, 119 of 120 right accepted and 1 of 120 wrong,
/// so a change to the scorer or the items that loses ground fails. The wrong one left is
/// a label judged unfair and the right one left would put a wrong example over `check`'s
/// search budget (see the fixture's header). Print the figure and any misjudged answer
/// with `--nocapture`.
#[test]
fn sixth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout6.yaml"),
        (120, 120),
        RIGHT6,
        WRONG6,
        true,
    );
}

/// The sixth set's ratchet (see `sixth_held_out_answers`).
const RIGHT6: usize = 120;
const WRONG6: usize = 1;

/// The seventh held-out set (all 60 items, two right and two wrong answers each), written
/// blind on 2026-12-07 (00:00-00:20 UTC) by two engineers who saw neither the accept
/// lists, the misconceptions nor the examples, and issue 13's blind measure until the
/// eighth set. On main at `ed1e883` (the items tuned on sets 1-5): 111 of 120 right
/// accepted (92.5%), 17 of 120 wrong accepted; once a point's phrase no longer counted
/// where a negation denies it, 111 and 12; with a dismissal after a point's phrase, 111
/// and 11; after the items were tuned on set 6 and both were merged, 113 of 120 (94.2%)
/// and 10; once cues that argue for a point stopped denying it, 113 and 11 (the blind
/// figure; decided on the other sets, this set's answers never seen). A development set
/// since 2026-12-07 at 03:00 UTC, when the items were tuned on it (branch tune7): a
/// ratchet at the figure after that tuning, 120 of 120 right accepted and 0 of 120 wrong,
/// so a change to the scorer or the items that loses ground fails. Of the 11 wrong
/// answers it let through, 4 were incomplete answers whose missing point a too-broad
/// accept made and 7 stated a listed misconception in other words (see the fixture's
/// header). Print the figure and any misjudged answer with `--nocapture`.
#[test]
fn seventh_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout7.yaml"),
        (120, 120),
        RIGHT7,
        WRONG7,
        true,
    );
}

/// The seventh set's ratchet (see `seventh_held_out_answers`).
const RIGHT7: usize = 120;
const WRONG7: usize = 0;

/// The eighth held-out set (all 60 items, two right and two wrong answers each), written
/// blind on 2026-12-07 (02:55-03:05 UTC) by two engineers who saw neither the accept
/// lists, the misconceptions nor the examples, and issue 13's blind measure until the
/// ninth set. On main at `6485975` (the items tuned on sets 1-6): 113 of 120 right
/// accepted (94.2%), 11 of 120 wrong; after the tuning on set 7 and the guard's second
/// round, 114 of 120 (95.0%) and 11 (the blind figure). A development set since
/// 2026-12-07 at 04:05 UTC, when the items were tuned on it (branch tune8): a ratchet at
/// the figure after that tuning, 116 of 120 right accepted and 2 of 120 wrong, so a
/// change to the scorer or the items that loses ground fails. Of the 11 wrong answers it
/// let through, 1 was an incomplete answer whose missing point a too-broad accept made,
/// 1 a false claim no misconception named, 8 a listed misconception in other words, and
/// 1 a label judged unfair (see the fixture's header). Print the figure and any
/// misjudged answer with `--nocapture`.
#[test]
fn eighth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout8.yaml"),
        (120, 120),
        RIGHT8,
        WRONG8,
        true,
    );
}

/// The eighth set's ratchet (see `eighth_held_out_answers`); 119 right measured after the
/// review of tune9a's items (branch review9a).
const RIGHT8: usize = 120;
const WRONG8: usize = 0;

/// The ninth held-out set (all 60 items, two right and two wrong answers each), written
/// blind on 2026-12-07 (04:03-04:10 UTC) by two engineers who saw neither the accept
/// lists, the misconceptions nor the examples, and issue 13's blind measure until the
/// tenth set: 114 of 120 right accepted (95.0%), 7 of 120 wrong. A development set since
/// 2026-12-07 at 05:40 UTC, when the items were tuned on it (branches tune9a and tune9b,
/// one half of the items each): a ratchet at the figure after that tuning, 120 of 120
/// right and 1 of 120 wrong accepted. Of the 7 wrong answers it let through, 1 was an
/// incomplete answer whose missing point a too-broad accept made, 5 a listed
/// misconception in other words, and 1 a label judged unfair (longest-substring 4 moves
/// the start only "inside the current window", which is the `abba` guard; still
/// counted). Print the figure and any misjudged answer with `--nocapture`.
#[test]
fn ninth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout9.yaml"),
        (120, 120),
        RIGHT9,
        WRONG9,
        true,
    );
}

/// The ninth set's ratchet (see `ninth_held_out_answers`).
const RIGHT9: usize = 120;
const WRONG9: usize = 0;

/// The tenth held-out set (all 60 items, two right and two wrong answers each), written
/// blind on 2026-12-07 by two engineers who saw neither the accept lists, the
/// misconceptions nor the examples: issue 13's blind measure until the items were tuned
/// on it (tune10, 2026-12-07), a development set since, whose misjudged answers print
/// with `--nocapture`. The eleventh set took over as the blind measure. Figures in the
/// fixture's header.
#[test]
fn tenth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout10.yaml"),
        (120, 120),
        RIGHT10,
        WRONG10,
        true,
    );
}

/// The tenth set's ratchet (see `tenth_held_out_answers`).
const RIGHT10: usize = 120;
const WRONG10: usize = 0;

/// Answers aimed at the negation guard on points, written by a reviewer who read the
/// accept lists (not blind: see the fixture's header): a ratchet, so that a change to the
/// guard that takes back more right answers, or lets more wrong ones through, fails.
/// Print the figure and the misjudged answers with `--nocapture`. On 2026-12-07 one
/// sqs-partial-batch-failures answer moved from right to wrong (it says Lambda retries the
/// whole batch without `ReportBatchItemFailures`; AWS: it deletes it), so 63 of 73 right
/// and 8 of 45 wrong, from 64 of 74 and 8 of 44; 6 of 45 wrong after that day's rounds,
/// 5 after "so you don't need X" was read as a denial (2026-12-07, third session), 3
/// after that day's fourth, and 65 of 73 right after the fifth's gaps3 round ("instead
/// of X" without a comma, others' beliefs, flat denials, `; that's wrong`).
#[test]
fn answers_aimed_at_the_negation_guard() {
    ratchet(
        include_str!("fixtures/recall_negation_review.yaml"),
        (73, 45),
        65,
        3,
        true,
    );
}

/// Answers aimed at the guard's second round (the reviewer's fixture header says what
/// they probe; not blind): a ratchet, as for the first round's answers above. On
/// 2026-12-07 two sqs-partial-batch-failures answers moved from right to wrong for the same
/// fact, and the ratchet was set to the figure measured then: 93 of 93 right, 17 of 52 wrong
/// (from 95 of 95 and a ceiling of 21 of 50).
#[test]
fn answers_aimed_at_the_guards_second_round() {
    ratchet(
        include_str!("fixtures/recall_negation_review2.yaml"),
        (93, 52),
        93,
        13,
        true,
    );
}

/// The eleventh held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-07 by two engineers who saw neither the accept lists, the
/// misconceptions nor the examples: issue 13's blind measure until the items were tuned
/// on it (tune11, 2026-12-07, second session), a development set since, whose misjudged
/// answers print with `--nocapture`. The twelfth set took over as the blind measure.
/// Figures in the fixture's header.
#[test]
fn eleventh_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout11.yaml"),
        (120, 120),
        RIGHT11,
        WRONG11,
        true,
    );
}

/// The eleventh set's ratchet (see `eleventh_held_out_answers`).
const RIGHT11: usize = 120;
const WRONG11: usize = 0;

/// The twelfth held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-07 (second session) by two engineers who saw neither the
/// accept lists, the misconceptions nor the examples: issue 13's blind measure until the
/// items were tuned on it (tune12, 2026-12-07, third session), a development set since,
/// whose misjudged answers print with `--nocapture`. The thirteenth set took over as the
/// blind measure. Figures in the fixture's header.
#[test]
fn twelfth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout12.yaml"),
        (120, 120),
        RIGHT12,
        WRONG12,
        true,
    );
}

/// The twelfth set's ratchet (see `twelfth_held_out_answers`).
const RIGHT12: usize = 120;
const WRONG12: usize = 0;

/// The thirteenth held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-07 (third session) by two engineers who saw neither the
/// accept lists, the misconceptions nor the examples: issue 13's blind measure until the
/// items were tuned on it (tune13, 2026-12-07, fourth session), a development set since,
/// whose misjudged answers print with `--nocapture`. Figures in the fixture's header.
#[test]
fn thirteenth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout13.yaml"),
        (120, 120),
        RIGHT13,
        WRONG13,
        true,
    );
}

/// The thirteenth set's ratchet (see `thirteenth_held_out_answers`).
const RIGHT13: usize = 120;
const WRONG13: usize = 0;

/// The fourteenth held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-07 (fourth session) by two engineers who saw neither the
/// accept lists, the misconceptions nor the examples: issue 13's blind measure until the
/// items were tuned on it (tune14, 2026-12-07, fifth session), a development set since,
/// whose misjudged answers print with `--nocapture`. Figures in the fixture's header.
#[test]
fn fourteenth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout14.yaml"),
        (120, 120),
        RIGHT14,
        WRONG14,
        true,
    );
}

/// The fourteenth set's ratchet (see `fourteenth_held_out_answers`).
const RIGHT14: usize = 120;
const WRONG14: usize = 0;

/// The fifteenth held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-07 (fifth session) by two engineers who saw neither the
/// accept lists, the misconceptions nor the examples: issue 13's blind measure until the
/// items were tuned on it (tune15, 2026-12-07, sixth session), a development set since,
/// whose misjudged answers print with `--nocapture`. Figures in the fixture's header.
#[test]
fn fifteenth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout15.yaml"),
        (120, 120),
        RIGHT15,
        WRONG15,
        true,
    );
}

/// The fifteenth set's ratchet (see `fifteenth_held_out_answers`).
const RIGHT15: usize = 120;
const WRONG15: usize = 0;

/// The sixteenth held-out set (all 60 items, two right and two wrong answers each),
/// written blind on 2026-12-07 (sixth session) by two engineers who saw neither the
/// accept lists, the misconceptions nor the examples: issue 13's blind measure from then
/// on. Never tune an item or the matcher on these answers; its failure message gives only
/// how many answers are misjudged. Figures in the fixture's header.
#[test]
fn sixteenth_held_out_answers() {
    ratchet(
        include_str!("fixtures/recall_heldout16.yaml"),
        (120, 120),
        RIGHT16,
        WRONG16,
        false,
    );
}

/// The sixteenth set's ratchet (see `sixteenth_held_out_answers`).
const RIGHT16: usize = 114;
const WRONG16: usize = 8;
