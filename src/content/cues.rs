//! Length cues: choice items whose right options a test-wise learner can pick by their
//! length alone, without knowing the answer (issue 16). `tutor check` warns about them;
//! the card still loads, since it is answerable, only less worth answering.
//!
//! Length is counted in characters (code points) of the option as shown, surrounding
//! whitespace left out: what a reader sees at a glance, and what `benches/quiz_cues.py`
//! counts.

use super::validate::DocRef;
use super::{Card, MultipleChoice, Problem, QuizItem, SingleChoice};
use crate::path;

/// A `single` item warns when its right option is the only longest and at least this
/// many times as long as the longest distractor: by then "pick the longest" is a rule a
/// learner notices.
pub const SINGLE_MARGIN: f64 = 1.5;

/// A `multiple` item warns when its right options are on average at least this many
/// times as long as its wrong ones. The same margin as [`SINGLE_MARGIN`]: the bundled
/// deck's items were between 0.6 and 1.94 before issue 16's rewrite, and the two over
/// 1.5 were the ones a reader spots by eye (explanations dressed as options).
pub const MULTIPLE_RATIO: f64 = 1.5;

/// An option's length, as this module compares them.
pub fn length(option: &str) -> usize {
    option.trim().chars().count()
}

/// The index of the one longest option, `None` when the longest length is shared (or
/// there are no options): what "pick the longest" picks.
pub fn unique_longest<S: AsRef<str>>(options: &[S]) -> Option<usize> {
    let lengths: Vec<usize> = options.iter().map(|o| length(o.as_ref())).collect();
    let top = *lengths.iter().max()?;
    let mut at = lengths.iter().enumerate().filter(|(_, l)| **l == top);
    match (at.next(), at.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// `(right, longest distractor)` lengths when the right option of `item` gives itself
/// away by length (see [`SINGLE_MARGIN`]).
pub fn single_cue(item: &SingleChoice) -> Option<(usize, usize)> {
    if unique_longest(&item.options)? != item.answer {
        return None;
    }
    let right = length(&item.options[item.answer]);
    let longest_wrong = item
        .options
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != item.answer)
        .map(|(_, o)| length(o))
        .max()?;
    (as_f64(right) >= SINGLE_MARGIN * as_f64(longest_wrong)).then_some((right, longest_wrong))
}

/// Mean length of the right options over mean length of the wrong ones; `None` when
/// either group is empty (or the wrong ones are all empty text).
pub fn multiple_ratio(item: &MultipleChoice) -> Option<f64> {
    let (mut right, mut wrong) = (Vec::new(), Vec::new());
    for (i, option) in item.options.iter().enumerate() {
        let group = if item.answers.contains(&i) {
            &mut right
        } else {
            &mut wrong
        };
        group.push(as_f64(length(option)));
    }
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / as_f64(v.len()));
    let (right, wrong) = (mean(&right)?, mean(&wrong)?);
    (wrong > 0.0).then(|| right / wrong)
}

/// The length-cue warnings of a card that otherwise loads: each at the right option of
/// a `single` item, or at the `answers` of a `multiple` one.
pub fn warnings(card: &Card, doc: DocRef<'_>) -> Vec<Problem> {
    let mut found = Vec::new();
    for (i, item) in card.quiz.iter().enumerate() {
        match item {
            QuizItem::Single(single) => {
                if let Some((right, wrong)) = single_cue(single) {
                    found.push(doc.problem(
                        &path!["quiz", i, "options", single.answer],
                        format!(
                            "the right option is the only longest, {right} characters against \
                             at most {wrong} in the others (at least {SINGLE_MARGIN}x): picking \
                             the longest answers it; make the distractors as specific and as \
                             long as the answer"
                        ),
                    ));
                }
            }
            QuizItem::Multiple(multiple) => {
                if let Some(ratio) = multiple_ratio(multiple).filter(|r| *r >= MULTIPLE_RATIO) {
                    found.push(doc.problem(
                        &path!["quiz", i, "answers"],
                        format!(
                            "the right options are on average {ratio:.2}x as long as the wrong \
                             ones (at least {MULTIPLE_RATIO}x): picking the long ones answers it; \
                             make the distractors as specific and as long as the answers"
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    found.into_iter().map(Problem::warning).collect()
}

fn as_f64(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(options: &[&str], answer: usize) -> SingleChoice {
        SingleChoice {
            question: "q".into(),
            options: options.iter().map(|&o| o.into()).collect(),
            answer,
            explanation: "e".into(),
            shuffle: true,
        }
    }

    #[test]
    fn the_unique_longest_is_found_and_a_tie_is_none() {
        let o = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(unique_longest(&o(&["ab", "abcd", "abc"])), Some(1));
        assert_eq!(unique_longest(&o(&["abcd", "dcba", "a"])), None);
        assert_eq!(unique_longest::<String>(&[]), None);
        // Characters, not bytes; surrounding spaces do not count.
        assert_eq!(unique_longest(&o(&["ééé", "abcd", "  ab  "])), Some(1));
    }

    #[test]
    fn a_single_item_warns_only_at_the_margin() {
        assert_eq!(
            single_cue(&single(&["aaaaaa", "bbbb", "cc"], 0)),
            Some((6, 4))
        );
        assert_eq!(
            single_cue(&single(&["aaaaa", "bbbb", "cc"], 0)),
            None,
            "1.25x"
        );
        assert_eq!(
            single_cue(&single(&["aaaaaa", "bbbb", "cc"], 1)),
            None,
            "not the answer"
        );
        assert_eq!(single_cue(&single(&["aaaaaa", "bbbbbb"], 0)), None, "a tie");
        assert_eq!(single_cue(&single(&["a"], 0)), None, "no distractor");
    }

    #[test]
    fn a_multiple_item_compares_mean_lengths() {
        let m = |options: &[&str], answers: &[usize]| MultipleChoice {
            question: "q".into(),
            options: options.iter().map(|&o| o.into()).collect(),
            answers: answers.to_vec(),
            explanation: "e".into(),
            shuffle: true,
        };
        let ratio = multiple_ratio(&m(&["aaaaaa", "aaaaaa", "bbbb"], &[0, 1])).unwrap();
        assert!((ratio - 1.5).abs() < 1e-9);
        assert_eq!(
            multiple_ratio(&m(&["a", "b"], &[0, 1])),
            None,
            "no wrong option"
        );
        assert_eq!(
            multiple_ratio(&m(&["a", " "], &[0])),
            None,
            "empty wrong text"
        );
    }
}
