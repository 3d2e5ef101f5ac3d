//! One `said` entry of a misconception: a phrase, found as an accepted phrase is, or
//! several phrases joined by ` & ` that must all be found in one sentence, in any
//! order. A candidate says "the decorator gets called again on each invocation" with
//! the subject and "each invocation" far apart, and a phrase's gaps are one word: the
//! entry `decorator & each call` finds both, wherever they stand in the sentence.
//! Every part is under the negation guard on its own ("the decorator is not called on
//! each call" denies `each call`, so the entry is not stated), and so is a plain
//! phrase. A plain phrase is also taken back where its sentence judges it wrong
//! (`negation::judged_wrong`: "evicting the most recently used node *would be a bug*",
//! "people say X, *but that's a myth*"), which no entry needs to list; an entry of
//! parts where the sentence judges its words from the first part to the last ("it's a
//! myth that quickselect works on a stream"), not one part alone ("my quickselect was
//! buggy, but it works on a stream" states `quickselect & works on a stream`). What the answer
//! said is reported part by part, in the answer's order, joined by ` … `.
//!
//! A part written `!phrase` is an exception: a sentence that also says it does not
//! state the entry. "A min-heap of size k" is the misconception of k-closest-points,
//! "a min-heap of size k of negated distances" is heapq's max-heap and right:
//! `min heap of size k & !negat*`. An exception is under the negation guard too ("the
//! distances are not negated" excuses nothing), but not judged: a judgement after it
//! judges the whole clause, the exception's words with the rest. An entry needs at least one part that
//! is not an exception.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::negation::{
    denial_after, denial_before, denied, denied_after, denied_inside, judged_wrong, one_clause,
};
use super::phrase::{Answer, Phrase};
use super::synonyms::{Synonyms, content_tokens};
use super::tokens::{Token, tokens};

/// What joins the parts of an entry: `decorator & each call`.
pub const JOIN: char = '&';

/// What marks a part as an exception: `min heap of size k & !negat*`.
pub const UNLESS: char = '!';

/// What joins the parts of an entry that may stand in the next sentence: `most recent*
/// at the head >> evict* the head` ("The newest sits at the head. When full I evict the
/// head.").
pub const NEXT: &str = ">>";

/// What, after [`UNLESS`], marks an exception that excuses even where it is denied:
/// `count* & unbounded & !?exceed*` is excused by "a count can never exceed n".
pub const ANYWAY: char = '?';

/// A part's place in an answer: its words, the words of a denial just before them and
/// the word of one just after them, if any.
type Run = (usize, usize, Option<Range<usize>>, Option<usize>);

/// A `said` entry, ready to be looked for in answers.
#[derive(Debug, Clone)]
pub struct Said {
    /// Each part's phrase and its own words (for the negation guard).
    parts: Vec<(Phrase, Vec<Token>)>,
    /// Each part's group: parts after a [`NEXT`] are found in the sentence of those
    /// before it or in the next one.
    group: Vec<usize>,
    /// The exceptions (`!phrase`), their own words and whether one excuses even where
    /// it is denied (`!?phrase`): a sentence that says one, where no negation denies it,
    /// states nothing.
    unless: Vec<(Phrase, Vec<Token>, bool)>,
}

impl Said {
    pub fn new(text: &str, synonyms: &Synonyms) -> Self {
        let mut parts = Vec::new();
        let mut group = Vec::new();
        let mut unless = Vec::new();
        for (g, text) in text.split(NEXT).enumerate() {
            for part in text.split(JOIN) {
                match part.trim_start().strip_prefix(UNLESS) {
                    Some(except) => {
                        let anyway = except.starts_with(ANYWAY);
                        let except = except.trim_start_matches(ANYWAY);
                        // A form of `be` that opens an exception is kept (`!is threads`
                        // is not `!threads`), as the stop word that ends a phrase is.
                        let own = tokens(except);
                        let mut words = content_tokens(except);
                        if let Some(be) = own.first().filter(|t| {
                            matches!(t.text.as_str(), "is" | "are" | "was" | "were" | "be")
                                && words.first().is_some_and(|w| w.span != t.span)
                        }) {
                            words.insert(0, be.clone());
                        }
                        let phrase = Phrase::of_words(&words, except, synonyms);
                        unless.push((phrase, own, anyway));
                    }
                    None => {
                        parts.push((Phrase::new(part, synonyms), tokens(part)));
                        group.push(g);
                    }
                }
            }
        }
        Self {
            parts,
            group,
            unless,
        }
    }

    /// Whether some part has no words to look for, or every part is an exception
    /// (`check` reports it).
    /// A group with no part to look for counts as such a part (`a >> !b`).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
            || self.parts.iter().any(|(phrase, _)| phrase.is_empty())
            || self.unless.iter().any(|(phrase, _, _)| phrase.is_empty())
            || (1..=self.groups()).any(|g| !self.group.contains(&(g - 1)))
    }

    /// How many groups of parts the entry has: one more than its [`NEXT`]s.
    fn groups(&self) -> usize {
        self.group.last().map_or(0, |g| g + 1)
    }

    /// Whether every part is an exception (`!phrase`): nothing to look for.
    pub fn only_exceptions(&self) -> bool {
        self.parts.is_empty() && !self.unless.is_empty()
    }

    /// How many parts the entry has, exceptions included: 1 for a plain phrase.
    pub fn len(&self) -> usize {
        self.parts.len() + self.unless.len()
    }

    /// Words compared at each word of an answer, at most (see [`Phrase::cost`]).
    pub fn cost(&self) -> usize {
        self.parts
            .iter()
            .map(|(phrase, _)| phrase)
            .chain(self.unless.iter().map(|(phrase, _, _)| phrase))
            .map(Phrase::cost)
            .fold(0, usize::saturating_add)
    }

    /// The words of `answer` that state the entry, where no negation denies them: for
    /// a plain phrase its shortest place; for parts, the first sentence where each
    /// part is found and no exception is, each part's shortest place there, in the
    /// answer's order.
    pub fn stated_in(&self, answer: &Answer<'_>) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        if let ([(phrase, own)], []) = (self.parts.as_slice(), self.unless.as_slice()) {
            let found = phrase.find_where(answer, |s, e| {
                !denied(answer, s, e, own) && !judged_wrong(answer, s, e)
            })?;
            return Some(found.said.to_string());
        }
        let sentence = answer.sentences();
        // Each part's places where no negation among its words denies it, with the
        // words of a denial just before them and of one just after them, if any.
        let runs: Vec<Vec<Run>> = self
            .parts
            .iter()
            .map(|(phrase, own)| {
                // A part that says a denial itself (`not needed`) is not denied by a
                // second one after it: "tuples aren't hashable and can't be keys" is
                // two claims. A `would` after it still makes it a supposition ("saying
                // a tie breaker isn't needed would be wrong").
                let negative = own
                    .iter()
                    .any(|t| matches!(t.text.as_str(), "not" | "no" | "never"));
                let tokens = answer.tokens();
                phrase
                    .runs_where(answer, |s, e| !denied_inside(answer, s, e, own))
                    .into_iter()
                    .map(|(s, e)| {
                        let after = denial_after(answer, e)
                            .filter(|&k| !negative || tokens[k].text == "would");
                        (s, e, denial_before(answer, s), after)
                    })
                    .collect()
            })
            .collect();
        // A denial next to a part that is another part's own words states the entry
        // rather than denying it: in "a tie breaker isn't needed" the `not` after `tie
        // breaker` is the one of the part `not needed`, and in "you can't hash a tuple"
        // the `not` before `tuple` is the one of `not hash`. The words of each part's
        // places that nothing denies, in one clause: in "the tie breaker isn't optional,
        // it's needed" the gap of `not needed` reaches across the comma, and its `not`
        // is the denial of `optional`, not the part's.
        let undenied: Vec<HashSet<usize>> = runs
            .iter()
            .map(|part| {
                part.iter()
                    .filter(|&&(s, e, ref before, after)| {
                        before.is_none() && after.is_none() && one_clause(answer, s, e)
                    })
                    .flat_map(|&(s, e, _, _)| s..e)
                    .collect()
            })
            .collect();
        let owned_by_other = |i: usize, words: Range<usize>| {
            undenied
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && words.clone().any(|k| other.contains(&k)))
        };
        // The sentences where an exception is said and not denied: not by a cue that is
        // a part's own word, outside that part's words ("deep recursion *is not a
        // concern* with a queue" says `!queue`; in "min_freq is *never reset*" the
        // `!reset*` of `never reset*` is denied).
        let excepted: HashSet<usize> = self
            .unless
            .iter()
            .flat_map(|(phrase, own, anyway)| {
                phrase.runs_where(answer, |s, e| {
                    let owned = denial_before(answer, s)
                        .is_some_and(|cue| owned_by_other(usize::MAX, cue))
                        && !owned_by_other(usize::MAX, s..e)
                        && !denied_after(answer, e)
                        && !denied_inside(answer, s, e, own);
                    *anyway || owned || !denied(answer, s, e, own)
                })
            })
            .filter_map(|(s, _)| sentence.get(s).copied())
            .collect();
        // Each part's shortest place in each sentence it is said in, found in one pass
        // over its places (looking through them again for every sentence took minutes
        // on an answer of a hundred thousand short sentences).
        let places: Vec<HashMap<usize, (usize, usize)>> = runs
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let mut best: HashMap<usize, (usize, usize)> = HashMap::new();
                for (s, e, before, after) in part.iter().cloned() {
                    if before.is_some_and(|cue| !owned_by_other(i, cue))
                        || after.is_some_and(|k| !owned_by_other(i, k..k + 1))
                    {
                        continue;
                    }
                    let Some(&n) = sentence.get(s) else { continue };
                    let place = best.entry(n).or_insert((s, e));
                    if (e - s, s) < (place.1 - place.0, place.0) {
                        *place = (s, e);
                    }
                }
                best
            })
            .collect();
        self.first_chain(answer, &places, &sentence, &excepted)
    }

    /// The words of the first chain of sentences that states the entry: group 0 of its
    /// parts in one sentence, each next group in that sentence or the next, no exception
    /// said in them, and no sentence judging the words it holds. `places` holds each
    /// part's shortest place in each sentence it is said in.
    fn first_chain(
        &self,
        answer: &Answer<'_>,
        places: &[HashMap<usize, (usize, usize)>],
        sentence: &[usize],
        excepted: &HashSet<usize>,
    ) -> Option<String> {
        let mut sentences: Vec<usize> = places.first()?.keys().copied().collect();
        sentences.sort_unstable();
        let groups = self.groups();
        // Group 0 in sentence `n`, each next group in the sentence of the one before it
        // or in the next: bit `g - 1` of `steps` says which, for group `g`.
        let chains = sentences
            .into_iter()
            .flat_map(|n| (0..1usize << (groups - 1).min(8)).map(move |steps| (n, steps)));
        chains.into_iter().find_map(|(n, steps)| {
            // Only the first 8 steps vary; a bit past the word's width is 0, not a panic.
            let step = |b: usize| {
                u32::try_from(b)
                    .ok()
                    .and_then(|b| steps.checked_shr(b))
                    .is_some_and(|s| s & 1 == 1)
            };
            let at = |g: usize| n + (0..g).filter(|&b| step(b)).count();
            let last = at(groups - 1);
            if (n..=last).any(|m| excepted.contains(&m)) {
                return None;
            }
            let mut found = places
                .iter()
                .zip(&self.group)
                .map(|(part, &g)| part.get(&at(g)).copied())
                .collect::<Option<Vec<_>>>()?;
            found.sort_unstable();
            // A judgement of the words from the first part to the last in a sentence:
            // "my quickselect was buggy, but it works on a stream" judges the
            // quickselect, not what the sentence says of it.
            for m in n..=last {
                let here: Vec<_> = found
                    .iter()
                    .filter(|p| sentence.get(p.0) == Some(&m))
                    .collect();
                if let (Some(first), Some(end)) = (here.first(), here.last())
                    && judged_wrong(answer, first.0, end.1)
                {
                    return None;
                }
            }
            Some(
                found
                    .into_iter()
                    .map(|(s, e)| answer.words(s..e))
                    .collect::<Vec<_>>()
                    .join(" … "),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hostile entry with more `>>` groups than a word has bits: no shift overflow.
    #[test]
    fn many_next_sentence_groups_do_not_overflow() {
        let entry = ["cat"; 70].join(" >> ");
        // Found or not, it must not panic; past the 8 steps that vary, groups stay in
        // the sentence of the one before.
        let _ = stated(&entry, "cat. cat cat. dog.");
        let entry = ["cat"; 3].join(" >> ");
        assert!(stated(&entry, "cat. cat. cat.").is_some());
    }

    fn stated(said: &str, answer: &str) -> Option<String> {
        Said::new(said, &Synonyms::general()).stated_in(&Answer::new(answer))
    }

    #[test]
    fn a_plain_entry_is_a_phrase_under_the_guard() {
        assert_eq!(
            stated("runs on every call", "it runs on every call").as_deref(),
            Some("runs on every call")
        );
        assert_eq!(
            stated("runs on every call", "it never runs on every call"),
            None
        );
    }

    #[test]
    fn parts_are_found_in_one_sentence_in_any_order() {
        let said = "decorator & each call";
        assert_eq!(
            stated(
                said,
                "The decorator, as far as I know, gets called again on each call."
            )
            .as_deref(),
            Some("decorator … each call")
        );
        assert_eq!(
            stated(said, "On each call Python goes back and runs the decorator").as_deref(),
            Some("each call … decorator")
        );
        // Stems and synonyms work in parts as in any phrase.
        assert!(stated(said, "the decorators get re-run on each calls").is_some());
        // Two sentences: not stated.
        assert_eq!(
            stated(said, "I wrote a decorator. Each call is timed."),
            None
        );
        // A `;` joins the clauses of one sentence.
        assert!(stated(said, "I wrote a decorator; each call is timed").is_some());
        assert_eq!(
            stated(said, "I wrote a decorator\neach call is timed"),
            None
        );
        // A dot inside a name or a number ends no sentence.
        assert!(stated("took & each call", "it took 0.5 s on each call").is_some());
        assert!(stated("functools & each call", "functools.wraps on each call").is_some());
        // A part missing: not stated.
        assert_eq!(stated(said, "the wrapper runs on each call"), None);
    }

    #[test]
    fn each_part_is_under_the_negation_guard() {
        let said = "decorator & each call";
        assert_eq!(
            stated(said, "the decorator does not run on each call"),
            None
        );
        assert_eq!(stated(said, "no decorator is involved on each call"), None);
        // The one sentence that states it counts, whatever others deny.
        assert!(
            stated(
                said,
                "The decorator does not run on each call. Wait, the decorator runs on each call."
            )
            .is_some()
        );
    }

    #[test]
    fn a_negation_that_is_another_part_own_word_denies_nothing() {
        // The `not` after `tie breaker` is the `not` of `not needed`.
        assert_eq!(
            stated("tie breaker & not needed", "a tie breaker isn't needed").as_deref(),
            Some("tie breaker … isn't needed")
        );
        // The `not` before `tuple` is the one of `not hash`.
        assert_eq!(
            stated("tuple* & not hash", "you can't hash a tuple").as_deref(),
            Some("can't hash … tuple")
        );
        // A part that denies itself is not denied again by a second claim after it.
        assert_eq!(
            stated(
                "tuple* & not hashable",
                "tuples aren't hashable and can't be dict keys"
            )
            .as_deref(),
            Some("tuples … aren't hashable")
        );
        // A negation that no part has still denies the part it stands by.
        assert_eq!(
            stated("tie breaker & needed", "a tie breaker isn't needed"),
            None
        );
        assert_eq!(stated("tuple* & hashable", "tuples aren't hashable"), None);
        // A negative part's place whose gap crosses a comma does not own its `not`:
        // here it denies `optional`, and the sentence says the tie breaker is needed.
        assert_eq!(
            stated(
                "tie breaker & not needed",
                "the tie breaker isn't optional, it's needed"
            ),
            None
        );
        // A `would` after a negative part still makes it a supposition.
        assert_eq!(
            stated(
                "tie breaker & not needed",
                "saying a tie breaker isn't needed would be wrong"
            ),
            None
        );
        // And a part denied by a cue of its own stays denied.
        assert_eq!(
            stated(
                "tie breaker & not needed",
                "no tie breaker, it's not needed"
            ),
            None
        );
    }

    /// An entry of parts or a plain phrase is taken back where the sentence judges its
    /// words wrong; a denied judgement, or one about something else, excuses nothing.
    #[test]
    fn a_judgement_that_it_is_wrong_takes_an_entry_back() {
        let said = "evict* & most recent* & !least";
        for right in [
            "Evicting the most recently used node would be a bug.",
            "evicting the most recent node is wrong",
            "it's wrong to evict the most recent node",
            "some evict the most recent node, which is a mistake",
            "people evict the most recent entry, but that's a myth",
        ] {
            assert_eq!(stated(said, right), None, "{right}");
            assert_eq!(stated("evict the most recent", right), None, "{right}");
        }
        for wrong in [
            "evict the most recent node, so the bug is fixed",
            "to avoid the bug, evict the most recent node",
            "evicting the most recent node is not wrong",
            "it isn't a mistake to evict the most recent node",
            "evict the most recent node; the wrong one would stay otherwise",
        ] {
            assert!(stated(said, wrong).is_some(), "{wrong}");
            assert!(stated("evict the most recent", wrong).is_some(), "{wrong}");
        }
    }

    /// A judgement of one part before the others judges that part, not the entry: the
    /// words from the first part to the last are what a judgement must be of.
    #[test]
    fn a_judgement_of_one_part_takes_nothing_back() {
        let said = "quickselect & works on a stream";
        for wrong in [
            "my quickselect was buggy at first, but now it works on a stream",
            "quickselect is a myth to some, yet it works on a stream",
        ] {
            assert!(stated(said, wrong).is_some(), "{wrong}");
        }
        for right in [
            "saying quickselect works on a stream is wrong",
            "it's a myth that quickselect works on a stream",
        ] {
            assert_eq!(stated(said, right), None, "{right}");
        }
    }

    #[test]
    fn an_entry_with_an_empty_part_finds_nothing() {
        for said in ["decorator &", "& each call", "&", "decorator && each call"] {
            assert!(Said::new(said, &Synonyms::general()).is_empty(), "{said}");
            assert_eq!(stated(said, "decorator each call"), None, "{said}");
        }
        assert_eq!(Said::new("a & b & c", &Synonyms::general()).len(), 3);
    }

    #[test]
    fn an_exception_in_the_sentence_states_nothing() {
        let said = "min heap of size k & !negat*";
        assert_eq!(
            stated(said, "Keep a min-heap of size k and pop the smallest.").as_deref(),
            Some("min-heap of size k")
        );
        assert_eq!(
            stated(
                said,
                "A min-heap of size k of negated distances, as heapq has no max-heap."
            ),
            None
        );
        // Only the sentence that says it: another sentence's exception excuses nothing.
        assert!(
            stated(
                said,
                "I negate nothing. Keep a min heap of size k and pop the smallest."
            )
            .is_some()
        );
        // With parts: every part found, and no exception in that sentence.
        let said = "min heap & pop the smallest & !negat*";
        assert!(stated(said, "a min heap where I pop the smallest").is_some());
        assert_eq!(
            stated(
                said,
                "a min heap of negated distances where I pop the smallest"
            ),
            None
        );
        // A denied exception excuses nothing: "not negated" is the min-heap after all.
        assert!(
            stated(
                "min heap of size k & !negat*",
                "a min heap of size k, the distances not negated"
            )
            .is_some()
        );
    }

    #[test]
    fn an_entry_of_exceptions_alone_finds_nothing() {
        for said in ["!negat*", "! & !x", "min heap & !", "!"] {
            assert!(Said::new(said, &Synonyms::general()).is_empty(), "{said}");
            assert_eq!(stated(said, "min heap negated x"), None, "{said}");
        }
        assert_eq!(Said::new("a & !b", &Synonyms::general()).len(), 2);
    }

    /// Exceptions probed from other sides (review of 41123e8): a synonym of the
    /// exception's words, a wildcard, a denial, another sentence, several exceptions.
    #[test]
    fn exceptions_under_review() {
        let said = "min heap of size k & !negat*";
        // The wildcard takes every form of the stem, before or after the part.
        for right in [
            "Negate the distances and keep a min heap of size k.",
            "a min heap of size k keyed on the negative distance",
            "a min heap of size k; the distances negated going in",
            "a min heap of size k (heapq), pushing negations of the distances",
        ] {
            assert_eq!(stated(said, right), None, "{right}");
        }
        // A denied exception excuses nothing, in any of the guard's forms.
        for wrong in [
            "a min heap of size k; there is no need to negate anything",
            "a min heap of size k without negating the distances",
            "a min heap of size k, and I never negate the distances",
        ] {
            assert!(stated(said, wrong).is_some(), "{wrong}");
        }
        // An exception in another sentence excuses nothing (a known limit: a right
        // answer that explains the negation in its next sentence is not excused).
        assert!(
            stated(
                said,
                "A min heap of size k. Its keys are the negated distances."
            )
            .is_some()
        );
        // Several exceptions: any one of them excuses the sentence.
        let said = "min heap of size k & !negat* & !minus";
        assert_eq!(
            stated(said, "a min heap of size k of minus the distance"),
            None
        );
        assert_eq!(
            stated(said, "a min heap of size k of negated distances"),
            None
        );
        assert!(stated(said, "a min heap of size k of distances").is_some());
        // The exception's place does not matter in the entry.
        assert_eq!(
            stated(
                "!negat* & min heap of size k",
                "a min heap of size k, negated"
            ),
            None
        );
        // A `!` that is not at a part's start is no exception mark.
        assert!(!Said::new("min heap! & size k", &Synonyms::general()).is_empty());
        // An exception made only of a stop word, or spaces after `!`.
        assert!(Said::new("min heap & ! ", &Synonyms::general()).is_empty());
        assert!(stated("min heap & ! negat*", "a min heap, negated").is_none());
    }

    /// Many sentences where the first part is said and the second is not: each part's
    /// places are sorted into sentences once. Looking through every place again for
    /// each sentence took minutes here (and a hostile deck's model answer may hold a
    /// million bytes).
    #[test]
    fn parts_in_a_hundred_thousand_sentences() {
        let answer = format!("{}{}", "xq. ".repeat(100_000), "yq ".repeat(100_000));
        assert_eq!(stated("xq & yq", &answer), None);
        let answer = format!("{}xq yq.", "xq. ".repeat(100_000));
        assert_eq!(stated("xq & yq", &answer).as_deref(), Some("xq … yq"));
        let answer = "xq zq. ".repeat(100_000);
        assert_eq!(stated("xq & !zq", &answer), None);
    }

    proptest::proptest! {
        /// No input panics, and an entry of parts is stated only where each of its
        /// parts is stated on its own.
        #[test]
        fn parts_never_say_more_than_each_part(
            left in "[a-z .;]{0,12}",
            right in "[a-z ]{0,12}",
            answer in "\\PC{0,80}",
        ) {
            let said = format!("{left} & {right}");
            if stated(&said, &answer).is_some() {
                proptest::prop_assert!(stated(&left, &answer).is_some());
                proptest::prop_assert!(stated(&right, &answer).is_some());
            }
        }

        /// An answer without the words of one part does not state the entry, however
        /// the other part's words and negations stand around.
        #[test]
        fn an_answer_without_the_words_is_unaffected(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "decorator", "decorators", "each", "call", "not", "the", "wrapper",
                    "runs", "time", ",", ".", ";", "\n", "every",
                ]),
                0..30,
            ),
        ) {
            let answer = words.join(" ");
            proptest::prop_assert_eq!(stated("decorator & invocation", &answer), None);
            proptest::prop_assert_eq!(stated("invocation & each call", &answer), None);
        }
    }
}
