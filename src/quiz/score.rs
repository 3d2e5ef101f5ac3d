//! Scoring one answer to one quiz item: pure functions, one per kind, each returning a
//! verdict that says what was right and what was not, part by part.

use crate::content::{Cloze, MultipleChoice, Recall, Reorder, SingleChoice};
use crate::text::Shown;

use super::normalize::{Rule, matches};
use super::phrase::{Answer, Phrase};
use super::point::PointRule;
use super::said::Said;
use super::synonyms::Synonyms;

/// What scoring an answer found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Single(SingleVerdict),
    Multiple(MultipleVerdict),
    Cloze(ClozeVerdict),
    Reorder(ReorderVerdict),
    Recall(RecallVerdict),
}

impl Verdict {
    /// Whether the whole item was answered right: every part of it, and, for a recall
    /// answer, no misconception stated.
    pub fn correct(&self) -> bool {
        let (right, total) = self.parts();
        let stated = matches!(self, Self::Recall(v) if !v.misconceptions.is_empty());
        total > 0 && right == total && !stated
    }

    /// (parts right, parts in all): options, gaps, line positions or key points.
    pub fn parts(&self) -> (usize, usize) {
        let count = |bits: &mut dyn Iterator<Item = bool>| {
            bits.fold((0, 0), |(r, t), ok| (r + usize::from(ok), t + 1))
        };
        match self {
            Self::Single(v) => (usize::from(v.picked == Some(v.answer)), 1),
            Self::Multiple(v) => count(&mut v.marks.iter().map(|m| m.is_ok())),
            Self::Cloze(v) => count(&mut v.gaps.iter().map(|g| g.correct)),
            Self::Reorder(v) => count(&mut v.right.iter().copied()),
            Self::Recall(v) => count(&mut v.points.iter().map(PointMark::is_hit)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleVerdict {
    /// `None` when the user gave up without choosing.
    pub picked: Option<usize>,
    pub answer: usize,
}

/// How one option of a multiple-answer item came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionMark {
    /// Right, and picked.
    Hit,
    /// Right, but not picked.
    Missed,
    /// Wrong, but picked.
    WronglyPicked,
    /// Wrong, and left alone.
    Skipped,
}

impl OptionMark {
    pub fn is_ok(self) -> bool {
        matches!(self, Self::Hit | Self::Skipped)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultipleVerdict {
    /// One mark per option, in the item's order.
    pub marks: Vec<OptionMark>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapVerdict {
    /// What the user typed, as typed.
    pub given: String,
    pub correct: bool,
    /// The first accepted answer, to show as the solution.
    pub expected: Shown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClozeVerdict {
    pub gaps: Vec<GapVerdict>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReorderVerdict {
    /// The arrangement submitted: `order[i]` is the index (into the right order) of the
    /// line shown at position `i`.
    pub order: Vec<usize>,
    /// Whether each position holds the right line. Two identical lines are
    /// interchangeable.
    pub right: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointMark {
    /// The point was made; `phrase` is the accepted phrase that was found, `said` the
    /// words of the answer that made it (`gives the lock up` for `releas*`).
    Hit {
        phrase: String,
        said: String,
    },
    /// Not made, though one of its phrases is said, only where a negation or a
    /// dismissal takes it back ("you don't actually need a lock"): `phrase` is the first
    /// such phrase, `said` the answer's words for it. Missed in every count; named so
    /// the learner sees why.
    Denied {
        phrase: String,
        said: String,
    },
    Missed,
}

impl PointMark {
    pub fn is_hit(&self) -> bool {
        matches!(self, Self::Hit { .. })
    }

    /// The answer's words that named this point only to deny it, for a denied point.
    pub fn denied(&self) -> Option<&str> {
        match self {
            Self::Denied { said, .. } => Some(said),
            _ => None,
        }
    }
}

/// What a screen says after a point named only in a denial, for the learner to see why
/// it was missed: ` — named only in a denial: "don't actually need a lock"` (the
/// answer's `said` words on one line, display-safe).
pub fn denial_note(said: &str) -> Shown {
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    Shown::from(format!(" — named only in a denial: \"{said}\""))
}

/// A misconception the answer states: which one (index into the item's
/// `misconceptions`), the `said` phrase found and the learner's words that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    pub misconception: usize,
    pub phrase: String,
    pub said: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallVerdict {
    /// One mark per key point, in the item's order.
    pub points: Vec<PointMark>,
    /// The misconceptions the answer states, in the item's order: any one makes the
    /// answer wrong, whatever points it makes.
    pub misconceptions: Vec<Stated>,
}

impl RecallVerdict {
    /// Indices of the points made.
    pub fn hit(&self) -> Vec<usize> {
        self.indices(true)
    }

    /// Indices of the points missed.
    pub fn missed(&self) -> Vec<usize> {
        self.indices(false)
    }

    fn indices(&self, hit: bool) -> Vec<usize> {
        (0..self.points.len())
            .filter(|&i| self.points[i].is_hit() == hit)
            .collect()
    }
}

pub fn score_single(item: &SingleChoice, picked: Option<usize>) -> SingleVerdict {
    SingleVerdict {
        picked,
        answer: item.answer,
    }
}

/// `picked`: the indices of the options chosen, in any order.
pub fn score_multiple(item: &MultipleChoice, picked: &[usize]) -> MultipleVerdict {
    let marks = (0..item.options.len())
        .map(|i| match (item.answers.contains(&i), picked.contains(&i)) {
            (true, true) => OptionMark::Hit,
            (true, false) => OptionMark::Missed,
            (false, true) => OptionMark::WronglyPicked,
            (false, false) => OptionMark::Skipped,
        })
        .collect();
    MultipleVerdict { marks }
}

/// `answers[i]` is what was typed into gap `i`; missing entries count as empty.
pub fn score_cloze(item: &Cloze, answers: &[String]) -> ClozeVerdict {
    let gaps = item
        .gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            let given = answers.get(i).cloned().unwrap_or_default();
            let rule = Rule {
                syntax: item.lang.into(),
                case_sensitive: item.case_sensitive(i),
            };
            GapVerdict {
                correct: gap.accept.iter().any(|a| matches(&given, a, rule)),
                expected: gap.accept.first().cloned().unwrap_or_default(),
                given,
            }
        })
        .collect();
    ClozeVerdict { gaps }
}

/// `order[i]`: the index (into [`Reorder::lines`]) of the line placed at position `i`.
pub fn score_reorder(item: &Reorder, order: &[usize]) -> ReorderVerdict {
    let lines = item.lines();
    let right = (0..lines.len())
        .map(|i| {
            order
                .get(i)
                .and_then(|&j| lines.get(j))
                .is_some_and(|line| *line == lines[i])
        })
        .collect();
    ReorderVerdict {
        order: order.to_vec(),
        right,
    }
}

/// A point is made when any of its accepted phrases is found in the answer (see
/// [`crate::quiz::phrase`]) where no negation before or among its words denies it,
/// unless the point's own statement is a denial or a bound (see [`crate::quiz::point`]),
/// or, for a "k of n" point, enough of its alternatives are (see
/// [`RecallPoint::made_by`](crate::content::RecallPoint::made_by)); the phrases found
/// are the ones named. A point not made whose phrase is said only where it is denied is
/// [`PointMark::Denied`], with the first such phrase: missed, and why. A misconception
/// is stated when any of its `said` entries
/// is found where no negation denies it, before or among the words found (see
/// [`crate::quiz::negation`]); an entry of parts joined by `&` needs each part in one
/// sentence (see [`crate::quiz::said`]). `synonyms` are
/// the general set and the item's deck's own.
pub fn score_recall(item: &Recall, answer: &str, synonyms: &Synonyms) -> RecallVerdict {
    let answer = Answer::new(answer);
    let misconceptions = item
        .misconceptions
        .iter()
        .enumerate()
        .filter_map(|(k, m)| {
            m.said.iter().find_map(|phrase| {
                Said::new(phrase, synonyms)
                    .stated_in(&answer)
                    .map(|said| Stated {
                        misconception: k,
                        phrase: phrase.clone(),
                        said,
                    })
            })
        })
        .collect();
    let points = item
        .points
        .iter()
        .map(|point| {
            let rule = PointRule::of(point);
            // The first phrase said only where it is denied, for a point not made.
            let mut denied: Option<(String, &str)> = None;
            point
                .made_by(|phrase| {
                    match rule.look(&Phrase::new(phrase, synonyms), phrase, &answer) {
                        Ok(found) => Some(found),
                        Err(Some(found)) => {
                            denied.get_or_insert((phrase.to_string(), found.said));
                            None
                        }
                        Err(None) => None,
                    }
                })
                .map_or_else(
                    || match denied.take() {
                        Some((phrase, said)) => PointMark::Denied {
                            phrase,
                            said: said.to_string(),
                        },
                        None => PointMark::Missed,
                    },
                    |hits| {
                        let (phrases, said): (Vec<&str>, Vec<&str>) = hits
                            .iter()
                            .map(|(phrase, found)| (*phrase, found.said))
                            .unzip();
                        PointMark::Hit {
                            phrase: phrases.join(" + "),
                            said: said.join(" + "),
                        }
                    },
                )
        })
        .collect();
    RecallVerdict {
        points,
        misconceptions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{CodeLang, Gap, RecallExamples, RecallPoint};

    /// Deck text (`Shown`) or typed answers (`String`).
    fn strings<'a, T: From<&'a str>>(items: &[&'a str]) -> Vec<T> {
        items.iter().map(|&s| s.into()).collect()
    }

    #[test]
    fn single() {
        let item = SingleChoice {
            question: "q".into(),
            options: strings(&["a", "b", "c"]),
            answer: 1,
            explanation: "e".into(),
            shuffle: true,
        };
        assert!(Verdict::Single(score_single(&item, Some(1))).correct());
        assert!(!Verdict::Single(score_single(&item, Some(0))).correct());
        assert!(!Verdict::Single(score_single(&item, None)).correct());
        assert_eq!(
            Verdict::Single(score_single(&item, Some(2))).parts(),
            (0, 1)
        );
    }

    #[test]
    fn multiple_needs_exactly_the_right_set() {
        use OptionMark::{Hit, Missed, Skipped, WronglyPicked};
        let item = MultipleChoice {
            question: "q".into(),
            options: strings(&["a", "b", "c", "d"]),
            answers: vec![0, 2],
            explanation: "e".into(),
            shuffle: true,
        };
        let verdict = |picked: &[usize]| Verdict::Multiple(score_multiple(&item, picked));
        assert!(verdict(&[2, 0]).correct(), "order does not matter");
        assert!(!verdict(&[0]).correct(), "all right options are needed");
        assert!(!verdict(&[0, 1, 2]).correct(), "a wrong pick spoils it");
        assert!(!verdict(&[]).correct());
        assert_eq!(
            score_multiple(&item, &[0, 1]).marks,
            [Hit, WronglyPicked, Missed, Skipped]
        );
        assert_eq!(verdict(&[0, 1]).parts(), (2, 4));
    }

    fn cloze(lang: CodeLang, gaps: &[(&[&str], Option<bool>)]) -> Cloze {
        Cloze {
            question: "q".into(),
            text: (1..=gaps.len())
                .map(|n| format!("{{{{{n}}}}}"))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
            lang,
            gaps: gaps
                .iter()
                .map(|(accept, case_sensitive)| Gap {
                    accept: strings(accept),
                    case_sensitive: *case_sensitive,
                })
                .collect(),
            explanation: "e".into(),
        }
    }

    #[test]
    fn cloze_gap_by_gap() {
        let item = cloze(
            CodeLang::Python,
            &[
                (&["popitem(last=False)"], None),
                (&["move_to_end", "move_to_end(key)"], None),
                (&["KeyError"], Some(false)),
            ],
        );
        let v = score_cloze(
            &item,
            &strings(&["popitem( last = False )", "move_to_end(key)", "keyerror"]),
        );
        assert!(Verdict::Cloze(v.clone()).correct(), "{v:?}");
        let v = score_cloze(&item, &strings(&["popitem(last=false)", "move_to_end"]));
        assert_eq!(
            v.gaps.iter().map(|g| g.correct).collect::<Vec<_>>(),
            [false, true, false],
            "code is case-sensitive unless the gap says otherwise; a missing gap is wrong"
        );
        assert_eq!(v.gaps[0].expected, "popitem(last=False)");
        assert_eq!(v.gaps[2].given, "");
        assert!(!Verdict::Cloze(v).correct());
    }

    #[test]
    fn cloze_in_prose_ignores_case_and_a_full_stop() {
        let item = cloze(CodeLang::Text, &[(&["tuple"], None)]);
        assert!(score_cloze(&item, &strings(&[" Tuple."])).gaps[0].correct);
        assert!(!score_cloze(&item, &strings(&["tuples"])).gaps[0].correct);
        let strict = cloze(CodeLang::Text, &[(&["GIL"], Some(true))]);
        assert!(!score_cloze(&strict, &strings(&["gil"])).gaps[0].correct);
    }

    fn reorder(code: &str) -> Reorder {
        Reorder {
            question: "q".into(),
            code: code.into(),
            lang: CodeLang::Python,
            explanation: "e".into(),
        }
    }

    #[test]
    fn reorder_exact_order_with_indentation() {
        let item = reorder("def f(x):\n    if x:\n        return 1\n    return 2\n");
        let v = score_reorder(&item, &[0, 1, 2, 3]);
        assert!(Verdict::Reorder(v).correct());
        let v = score_reorder(&item, &[0, 1, 3, 2]);
        assert_eq!(v.right, [true, true, false, false]);
        assert_eq!(Verdict::Reorder(v).parts(), (2, 4));
        // Too short or with indices that do not exist: wrong where it does not fit.
        assert_eq!(
            score_reorder(&item, &[0, 9]).right,
            [true, false, false, false]
        );
    }

    #[test]
    fn reorder_identical_lines_are_interchangeable() {
        let item = reorder("a = []\nx.append(1)\nx.append(1)\nreturn x\n");
        assert!(Verdict::Reorder(score_reorder(&item, &[0, 2, 1, 3])).correct());
        let item = reorder("if a:\n    pass\nif b:\n    pass\n");
        assert!(Verdict::Reorder(score_reorder(&item, &[0, 3, 2, 1])).correct());
        assert!(!Verdict::Reorder(score_reorder(&item, &[1, 0, 2, 3])).correct());
    }

    fn recall() -> Recall {
        let point = |point: &str, accept: &[&str]| RecallPoint::new(point, strings(accept));
        Recall {
            question: "q".into(),
            points: vec![
                point("a hash map for lookup", &["hash map", "hashmap", "dict*"]),
                point("a linked list for order", &["linked list"]),
                point(
                    "evict the least recently used",
                    &["least recently used", "lru", "oldest"],
                ),
            ],
            model_answer: "m".into(),
            explanation: "e".into(),
            examples: RecallExamples::default(),
            misconceptions: Vec::new(),
        }
    }

    fn score(answer: &str) -> RecallVerdict {
        score_recall(&recall(), answer, &Synonyms::general())
    }

    #[test]
    fn recall_lists_hit_and_missed_points() {
        let v = score("A dictionary maps keys to nodes; evict the OLDEST.");
        assert_eq!(v.hit(), [0, 2]);
        assert_eq!(v.missed(), [1]);
        // `hash map` is the first accepted phrase, and `dictionary` is its synonym.
        assert_eq!(
            v.points[0],
            PointMark::Hit {
                phrase: "hash map".into(),
                said: "dictionary".into(),
            }
        );
        assert!(!Verdict::Recall(v).correct());
        let v = score("hash-map + doubly linked-list, drop the least recently used");
        assert!(Verdict::Recall(v).correct());
        let v = score("");
        assert_eq!(v.missed(), [0, 1, 2]);
        // Whole words only: "lru" inside "lrucache" does not count.
        assert_eq!(score("an lrucache").hit(), Vec::<usize>::new());
    }

    #[test]
    fn a_point_named_only_in_a_denial_is_missed_and_says_so() {
        let v = score("A dict for lookup, evict the oldest; you don't need a linked list.");
        assert_eq!(
            v.points[1],
            PointMark::Denied {
                phrase: "linked list".into(),
                said: "linked list".into(),
            }
        );
        assert_eq!(v.points[1].denied(), Some("linked list"));
        assert_eq!(v.hit(), [0, 2]);
        assert_eq!(v.missed(), [1], "a denied point is missed");
        let verdict = Verdict::Recall(v);
        assert!(!verdict.correct());
        assert_eq!(verdict.parts(), (2, 3));
        // Said where it counts as well: made, and no denial named.
        let v = score("A dict; no linked list? No: a linked list keeps the order; the oldest.");
        assert!(v.points[1].is_hit(), "{v:?}");
        // Not said at all: plainly missed.
        assert_eq!(
            score("A dict; evict the oldest.").points[1],
            PointMark::Missed
        );
        // The first phrase found only in a denial is named, in the answer's words.
        let v = score("A linked list, and never a dictionary.");
        assert_eq!(
            v.points[0],
            PointMark::Denied {
                phrase: "hash map".into(),
                said: "dictionary".into(),
            }
        );
    }

    #[test]
    fn a_deck_adds_its_own_synonyms() {
        let item = recall();
        let answer = "an LHM evicts the oldest";
        assert_eq!(score_recall(&item, answer, &Synonyms::general()).hit(), [2]);
        let deck = Synonyms::with_deck(&[vec!["LHM".into(), "linked hash map".into()]]);
        // A group joins only its own members: `linked hash map` is not `hash map`.
        assert_eq!(score_recall(&item, answer, &deck).hit(), [2]);
        let deck = Synonyms::with_deck(&[vec!["LHM".into(), "hash map".into()]]);
        assert_eq!(score_recall(&item, answer, &deck).hit(), [0, 2]);
    }

    fn with_misconception() -> Recall {
        Recall {
            misconceptions: vec![crate::content::Misconception {
                said: strings(&["scan the list", "search the list"]),
                why: "A scan is O(n); the dict finds the node in O(1).".into(),
            }],
            ..recall()
        }
    }

    #[test]
    fn a_misconception_makes_a_full_answer_wrong_and_says_why() {
        let item = with_misconception();
        let synonyms = Synonyms::general();
        let full = "a dict and a linked list; evict the least recently used";
        let v = score_recall(&item, full, &synonyms);
        assert!(Verdict::Recall(v.clone()).correct(), "{v:?}");
        assert!(v.misconceptions.is_empty());
        let v = score_recall(
            &item,
            &format!("{full}, and to find a key you scan the linked list"),
            &synonyms,
        );
        assert_eq!(v.hit(), [0, 1, 2], "the points are still made");
        assert_eq!(
            v.misconceptions,
            [Stated {
                misconception: 0,
                phrase: "scan the list".into(),
                said: "scan the linked list".into(),
            }]
        );
        assert!(!Verdict::Recall(v.clone()).correct());
        assert_eq!(
            Verdict::Recall(v).parts(),
            (3, 3),
            "parts count points only"
        );
    }

    #[test]
    fn a_denied_misconception_does_not_count() {
        let item = with_misconception();
        let synonyms = Synonyms::general();
        let answer = "a dict and a linked list, evict the least recently used; you never \
                      scan the list, you look the node up in the dict";
        let v = score_recall(&item, answer, &synonyms);
        assert!(v.misconceptions.is_empty(), "{v:?}");
        assert!(Verdict::Recall(v).correct());
    }

    #[test]
    fn an_item_with_no_parts_is_not_correct() {
        assert!(!Verdict::Cloze(ClozeVerdict { gaps: vec![] }).correct());
        assert!(
            !Verdict::Recall(RecallVerdict {
                points: vec![],
                misconceptions: vec![]
            })
            .correct()
        );
    }
}
