//! The order a quiz shows a choice item's options in (issue 16): drawn from the quiz's
//! seed, so where the author wrote the right option tells the learner nothing, and a
//! quiz can still be repeated.
//!
//! The session works on the item as shown (its options permuted, its answers
//! renumbered to match), so scoring and the screen need no mapping; what is saved maps
//! back through the order to each option's identity, its index in the card's own order.

use crate::content::QuizItem;

use super::select::{SplitMix64, shuffle};

/// `item` as a quiz shows it, and the order it is shown in: `order[i]` is the card's
/// index of the option shown at position `i`. A choice item is shuffled unless it says
/// `shuffle: false`; other kinds come back as they are, with an empty order.
pub fn arrange(item: &QuizItem, rng: &mut SplitMix64) -> (QuizItem, Vec<usize>) {
    let (count, shuffled) = match item {
        QuizItem::Single(s) => (s.options.len(), s.shuffle),
        QuizItem::Multiple(m) => (m.options.len(), m.shuffle),
        _ => return (item.clone(), Vec::new()),
    };
    let mut order: Vec<usize> = (0..count).collect();
    if shuffled {
        shuffle(&mut order, rng);
    }
    (in_order(item, &order), order)
}

/// `item` with its options in `order` (card indices, one per option) and its answers
/// pointing at the same options as before. An `order` that is not an arrangement of
/// the options leaves the item as it is.
pub fn in_order(item: &QuizItem, order: &[usize]) -> QuizItem {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    let shown = |at: usize| order.iter().position(|&i| i == at).unwrap_or(at);
    match item {
        QuizItem::Single(s) if sorted.iter().copied().eq(0..s.options.len()) => {
            let mut s = s.clone();
            s.options = order.iter().map(|&i| s.options[i].clone()).collect();
            s.answer = shown(s.answer);
            QuizItem::Single(s)
        }
        QuizItem::Multiple(m) if sorted.iter().copied().eq(0..m.options.len()) => {
            let mut m = m.clone();
            m.options = order.iter().map(|&i| m.options[i].clone()).collect();
            m.answers = m.answers.iter().map(|&a| shown(a)).collect();
            m.answers.sort_unstable();
            QuizItem::Multiple(m)
        }
        _ => item.clone(),
    }
}

/// The card indices of the options shown at `positions`, ascending: what is saved. A
/// position past `order` (an item shown unshuffled) is its own index.
pub fn identities(order: &[usize], positions: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut ids: Vec<usize> = positions
        .into_iter()
        .map(|p| order.get(p).copied().unwrap_or(p))
        .collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::content::{MultipleChoice, SingleChoice};

    fn options(n: usize) -> Vec<crate::text::Shown> {
        (0..n).map(|i| crate::shown!("option {i}")).collect()
    }

    fn single(n: usize, answer: usize, shuffle: bool) -> QuizItem {
        QuizItem::Single(SingleChoice {
            question: "q".into(),
            options: options(n),
            answer,
            explanation: "e".into(),
            shuffle,
        })
    }

    fn multiple(n: usize, answers: Vec<usize>) -> QuizItem {
        QuizItem::Multiple(MultipleChoice {
            question: "q".into(),
            options: options(n),
            answers,
            explanation: "e".into(),
            shuffle: true,
        })
    }

    #[test]
    fn the_right_option_follows_its_text() {
        let QuizItem::Single(s) = in_order(&single(3, 0, true), &[2, 0, 1]) else {
            panic!()
        };
        assert_eq!(s.options, ["option 2", "option 0", "option 1"]);
        assert_eq!(s.answer, 1);
        let QuizItem::Multiple(m) = in_order(&multiple(4, vec![0, 3]), &[3, 1, 0, 2]) else {
            panic!()
        };
        assert_eq!(m.options, ["option 3", "option 1", "option 0", "option 2"]);
        assert_eq!(m.answers, [0, 2]);
        assert_eq!(identities(&[3, 1, 0, 2], [2, 0]), [0, 3]);
    }

    #[test]
    fn shuffle_false_keeps_the_files_order_and_other_kinds_have_none() {
        let item = single(4, 2, false);
        let mut rng = SplitMix64(9);
        assert_eq!(arrange(&item, &mut rng), (item.clone(), vec![0, 1, 2, 3]));
        assert_eq!(
            in_order(&item, &[0, 0, 1, 2]),
            item,
            "not an arrangement: unchanged"
        );
        assert_eq!(identities(&[], [1]), [1]);
    }

    proptest! {
        /// Whatever the seed, the option shown where the answer points is the card's
        /// right option, and saving the shown answer gives back the card's answers.
        #[test]
        fn scoring_follows_identity_under_any_seed(
            seed: u64,
            n in 2usize..=9,
            picks in proptest::collection::vec(any::<bool>(), 9),
        ) {
            let answers: Vec<usize> = (0..n).filter(|i| picks[*i]).collect();
            let mut rng = SplitMix64(seed);
            let (shown, order) = arrange(&multiple(n, answers.clone()), &mut rng);
            let QuizItem::Multiple(m) = shown else { panic!() };
            let mut sorted = order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..n).collect::<Vec<_>>());
            for (at, text) in m.options.iter().enumerate() {
                prop_assert_eq!(text, &format!("option {}", order[at]));
            }
            prop_assert_eq!(identities(&order, m.answers.iter().copied()), answers);
            let answer = seed_answer(seed, n);
            let (shown, order) = arrange(&single(n, answer, true), &mut rng);
            let QuizItem::Single(s) = shown else { panic!() };
            prop_assert_eq!(&s.options[s.answer], &format!("option {answer}"));
            prop_assert_eq!(identities(&order, [s.answer]), vec![answer]);
        }
    }

    fn seed_answer(seed: u64, n: usize) -> usize {
        usize::try_from(seed % u64::try_from(n).unwrap()).unwrap()
    }
}
