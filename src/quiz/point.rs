//! One key point of a recall item looked for in an answer. A point's phrase counts
//! where the answer says it, not where the answer denies it: "you don't actually need a
//! lock" does not make the point "make park atomic with a lock". A point whose own
//! statement is a denial, a supposition or a bound ("the GIL does *not* make it
//! atomic", "*at most* 10,000 parts") is made in a denial of its words as often as not
//! ("the GIL doesn't save you"), so its phrases count wherever they stand (see
//! [`negation::denies_itself`](super::negation::denies_itself)), except after a denial
//! of need ("you don't need `to_thread`"; see
//! [`negation::need_denied`](super::negation::need_denied)). Only the phrases that say
//! what such a point denies are exempt: a phrase whose words stand in the statement's
//! affirmative clause ("a *visited* set, so no word is processed twice") is guarded as
//! any point's (see [`negation::says_the_denial`](super::negation::says_the_denial)).

use crate::content::RecallPoint;

use super::negation::{
    denied_before_or_inside, denies_itself, need_denied, says_the_denial, speaks_of_need,
};
use super::phrase::{Answer, Found, Phrase};
use super::tokens::{Token, tokens};

/// How a point's phrases are looked for: whether a negation before or among the words
/// found takes them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointRule {
    guarded: bool,
    /// The point's statement and its words, for a point not guarded: which of its
    /// phrases say what it denies ([`says_the_denial`]).
    statement: (String, Vec<Token>),
    /// For a point not guarded: whether a denial of need still takes its phrases back
    /// (its statement does not speak of need itself).
    need_denies: bool,
}

impl PointRule {
    pub fn of(point: &RecallPoint) -> Self {
        let statement = tokens(point.point.as_str());
        let guarded = !denies_itself(&statement);
        Self {
            guarded,
            need_denies: !speaks_of_need(&statement),
            statement: if guarded {
                (String::new(), Vec::new())
            } else {
                (point.point.as_str().to_string(), statement)
            },
        }
    }

    /// Where `phrase` (`text` parsed) is said in `answer` and, for a guarded point, not
    /// denied: its shortest place.
    pub fn find<'a>(&self, phrase: &Phrase, text: &str, answer: &Answer<'a>) -> Option<Found<'a>> {
        self.look(phrase, text, answer).ok()
    }

    /// As [`find`](Self::find), and, when the phrase is said only where it is denied,
    /// that place (its shortest): `Ok` where it counts, `Err(Some)` where it is named
    /// only in a denial ("you don't actually need a lock"), `Err(None)` where it is not
    /// said at all. One search, as `find`'s: every place is looked at once.
    pub fn look<'a>(
        &self,
        phrase: &Phrase,
        text: &str,
        answer: &Answer<'a>,
    ) -> Result<Found<'a>, Option<Found<'a>>> {
        let own: Vec<Token> = tokens(text);
        if !self.guarded && says_the_denial(&self.statement.0, &self.statement.1, &own) {
            return if self.need_denies {
                phrase.find_or_refused(answer, |start, _| !need_denied(answer, start))
            } else {
                phrase.find(answer).ok_or(None)
            };
        }
        phrase.find_or_refused(answer, |start, end| {
            !denied_before_or_inside(answer, start, end, &own)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::synonyms::Synonyms;

    fn made(point: &str, phrase: &str, answer: &str) -> bool {
        let point = RecallPoint::new(point, vec![phrase.to_string()]);
        let parsed = Phrase::new(phrase, &Synonyms::general());
        PointRule::of(&point)
            .find(&parsed, phrase, &Answer::new(answer))
            .is_some()
    }

    #[test]
    fn a_denied_phrase_does_not_make_a_plain_point() {
        let point = "In one process, make park atomic with a lock.";
        assert!(made(point, "lock", "Wrap park in a lock."));
        assert!(!made(
            point,
            "lock",
            "You don't actually need a lock in Python."
        ));
        assert!(!made(point, "lock", "It is safe without a lock."));
        // A later mention that is not denied still makes it.
        assert!(made(
            point,
            "lock",
            "Without a lock two cars get one spot, so take a lock in park."
        ));
        // A denial of something else, after the phrase, does not take it back.
        assert!(made(
            point,
            "lock",
            "Take a lock so that the second car does not get the same spot."
        ));
    }

    #[test]
    fn a_point_that_denies_or_bounds_counts_its_phrases_anywhere() {
        let point = "The GIL does not make a multi-step sequence atomic.";
        assert!(made(point, "GIL", "The GIL doesn't save you here."));
        let point = "Every part but the last is at least 5 MiB, with at most 10,000 parts.";
        assert!(made(
            point,
            "10,000 parts",
            "you can't have more than 10,000 parts"
        ));
        let point = "A lock held while calling handlers would deadlock.";
        assert!(made(
            point,
            "deadlock",
            "never call handlers under it, to avoid a deadlock"
        ));
    }

    #[test]
    fn a_denial_of_need_takes_back_even_a_point_that_denies() {
        let point = "`asyncio.to_thread` runs a blocking call without blocking the loop.";
        let visited = "No word is visited twice.";
        for (point, phrase, answer) in [
            (
                point,
                "to_thread",
                "Inside asyncio you don't need to_thread at all.",
            ),
            (visited, "visited", "No need to mark anything visited here."),
        ] {
            assert!(!made(point, phrase, answer), "{answer}");
        }
        // Other denials still count for such a point, as does its own talk of need, and
        // a denial of need after its words: "the GIL does not help" makes the GIL point.
        let gil = "The GIL does not make a multi-step sequence atomic.";
        assert!(made(gil, "GIL", "The GIL does not help here."));
        assert!(made(
            visited,
            "visited",
            "Words not visited yet are queued."
        ));
        let pipe = "Process and Pipe need no semaphore, so they work.";
        assert!(made(
            pipe,
            "semaphore",
            "Process and Pipe don't need a semaphore."
        ));
    }

    #[test]
    fn only_the_phrases_that_say_a_points_denial_are_exempt() {
        // The denial is in the statement's second clause; its first is said plainly.
        let visited = "A visited set (marked on enqueue) so no word is processed twice.";
        assert!(!made(visited, "visited", "You don't keep a visited set."));
        assert!(made(
            visited,
            "visited",
            "A visited set, marked when queued."
        ));
        let solid = "Dependency inversion: depend on abstractions, not concrete implementations.";
        assert!(!made(
            solid,
            "abstraction*",
            "Depend on concrete classes, not abstractions."
        ));
        let hire = "Real ownership handed over, not the hard work done for them.";
        assert!(!made(
            hire,
            "ownership",
            "Do the hard parts instead of handing over ownership."
        ));
        // Words near the denial, a phrase with a denial of its own, and a phrase the
        // statement does not have keep the exemption.
        let gil = "The GIL does not make a multi-step sequence atomic.";
        assert!(made(gil, "GIL", "The GIL doesn't save you here."));
        let applied = "A timeout does not tell you whether the write was applied.";
        assert!(made(
            applied,
            "may have been applied",
            "It may not have been applied."
        ));
        let bus = "Call the handlers after releasing the lock, never while holding it.";
        assert!(made(
            bus,
            "not holding",
            "Call them while not holding the lock."
        ));
        assert!(made(
            bus,
            "outside the lock",
            "Never call them inside, only outside the lock."
        ));
    }

    #[test]
    fn a_negation_inside_a_condition_argues_for_the_point() {
        let point = "Hold one lock across the whole refill, check and spend.";
        for answer in [
            "If you don't hold a lock across all three, two threads spend one token.",
            "When there is no lock around refill, check and spend, they interleave.",
        ] {
            assert!(made(point, "lock", answer), "{answer}");
        }
        // Outside a condition, or with the condition closed before it, it denies; a
        // condition ends after two words even with no comma.
        assert!(!made(point, "lock", "You don't need a lock here."));
        for answer in [
            "If it's CPython you don't need a lock because of the GIL.",
            "When you're on CPython there's no need for a lock in park.",
            "Whenever you use the GIL there is no need for a lock.",
        ] {
            assert!(!made(point, "lock", answer), "{answer}");
        }
        assert!(!made(
            point,
            "lock",
            "If it is CPython, you don't need a lock."
        ));
    }

    #[test]
    fn a_dismissal_just_after_the_phrase_takes_it_back() {
        let point = "The class of problem fixed with a lasting mechanism, not only one instance.";
        assert!(!made(
            point,
            "mechanism",
            "I review every change myself, because mechanisms are just bureaucracy."
        ));
        assert!(!made(
            point,
            "mechanism",
            "A mechanism would be overkill here."
        ));
        assert!(made(
            point,
            "mechanism",
            "I built a mechanism, a lint in CI, so the whole class is caught."
        ));
        // Past the clause, or too far on, it judges something else.
        assert!(made(
            point,
            "mechanism",
            "I added a mechanism; the old manual review was pointless."
        ));
    }

    #[test]
    fn a_denial_of_need_just_after_the_phrase_takes_it_back() {
        let lock = "In one process, make park atomic with a lock.";
        let bfs = "BFS from the start word finds the shortest sequence.";
        let root = "The root cause fixed, not only the symptom patched.";
        for (point, phrase, answer) in [
            (lock, "lock", "In one process a lock isn't needed at all."),
            (
                lock,
                "lock",
                "A lock around park is never really necessary.",
            ),
            (
                bfs,
                "BFS",
                "I'd use DFS with backtracking; BFS is not needed here.",
            ),
            (bfs, "BFS", "BFS won't help with this one."),
            (
                root,
                "root cause",
                "You patched it; the root cause wasn't worth fixing.",
            ),
        ] {
            assert!(!made(point, phrase, answer), "{answer}");
        }
        for (point, phrase, answer) in [
            // Another verb, or a denial of need in another clause: not judged.
            (
                lock,
                "lock",
                "Take a lock so a second car does not get the spot.",
            ),
            (lock, "lock", "A lock never hurts here."),
            (lock, "lock", "Take a lock; retries are not needed then."),
            (
                lock,
                "lock",
                "Take a lock around find and take in park, not needed elsewhere.",
            ),
            (bfs, "BFS", "BFS, not DFS, is what you need here."),
        ] {
            assert!(made(point, phrase, answer), "{answer}");
        }
    }

    #[test]
    fn a_need_with_an_object_or_a_case_judges_something_else() {
        let lock = "In one process, make park atomic with a lock.";
        let write = "Claim the spot with a conditional write on its status.";
        let processes = "CPU-bound pure Python needs processes, each with its own GIL.";
        for (point, phrase, answer) in [
            (
                write,
                "conditional write",
                "A conditional write doesn't need any extra locking: DynamoDB applies it atomically.",
            ),
            (
                processes,
                "processes",
                "Move the scoring to separate processes that don't need to share a GIL.",
            ),
            (
                lock,
                "lock",
                "A lock isn't needed for just displaying free spots, but park must hold one.",
            ),
        ] {
            assert!(made(point, phrase, answer), "{answer}");
        }
        // A need that ends its clause, or `here`, still judges the phrase.
        for answer in [
            "In one process a lock isn't needed.",
            "A lock is not needed here, the GIL does it.",
            "A lock doesn't need to be there.",
        ] {
            let denied = !made(lock, "lock", answer);
            assert_eq!(denied, !answer.contains("doesn't need to"), "{answer}");
        }
    }

    #[test]
    fn a_condition_far_before_a_plain_denial_still_shields_it() {
        let lock = "In one process, make park atomic with a lock.";
        assert!(made(
            lock,
            "lock",
            "If the gate code in park doesn't hold a lock, both cars get the spot."
        ));
        // A denial of need is a claim, however the condition runs.
        assert!(!made(
            lock,
            "lock",
            "If it's CPython you don't need a lock."
        ));
    }

    #[test]
    fn past_tenses_and_forgetting_end_a_cue_as_reversing_verbs_do() {
        let visited = "A visited set (marked on enqueue) so no word is processed twice.";
        let quality = "Speed, with quality kept.";
        assert!(made(
            visited,
            "visited",
            "Don't forget to mark a word visited when you enqueue it."
        ));
        for answer in [
            "We never skipped the quality checks.",
            "We never compromised on quality.",
            "We never lowered the quality bar to ship.",
            "We never ignored what quality needed.",
        ] {
            assert!(made(quality, "quality", answer), "{answer}");
        }
        assert!(!made(quality, "quality", "We didn't care about quality."));
    }

    #[test]
    fn not_only_and_a_name_with_least_leave_a_point_guarded() {
        // "not only one instance" asserts the mechanism; "least recently used" bounds
        // nothing: both points are said plainly, so a denial of their words counts.
        let point = "The class of problem fixed with a lasting mechanism, not only one instance.";
        assert!(!made(
            point,
            "mechanism",
            "You don't need a mechanism for this."
        ));
        let point = "Evict the node at the least recently used end.";
        assert!(!made(point, "evict*", "You never evict anything."));
        assert!(made(point, "evict*", "Evict the least recently used node."));
    }

    #[test]
    fn a_cue_that_argues_for_the_point_takes_nothing_back() {
        let spot = "Both cars can be given the same spot (double allocation).";
        let lock = "In one process, make park atomic with a lock.";
        let wraps = "`functools.wraps` on the wrapper copies the original's name.";
        let idempotent = "So writes must be idempotent before they are retried.";
        for (point, phrase, answer) in [
            // A purpose names the hazard the fix is for.
            (
                spot,
                "double allocation",
                "A lock prevents double allocation of it.",
            ),
            (
                spot,
                "same spot",
                "Take a lock so that no two cars ever get the same spot.",
            ),
            // A `without` that opens its clause: the case against leaving it out.
            (
                wraps,
                "functools.wraps",
                "Without functools.wraps the name is lost.",
            ),
            (
                wraps,
                "functools.wraps",
                "It times each call; without functools.wraps the name is lost.",
            ),
            // Two negations cancel, and `unless` turns a cue around.
            (
                lock,
                "lock",
                "You can't get away without a lock held across park.",
            ),
            (
                lock,
                "lock",
                "No method may touch the dict or the list without holding the lock.",
            ),
            (
                idempotent,
                "idempotent",
                "Never retry a write unless it is idempotent.",
            ),
        ] {
            assert!(made(point, phrase, answer), "{answer}");
        }
        // A plain `without` after other words still denies, as does a plain `never`.
        assert!(!made(lock, "lock", "Park is atomic here without a lock."));
        assert!(!made(
            idempotent,
            "idempotent",
            "Writes never need to be idempotent."
        ));
    }

    #[test]
    fn a_boundary_with_no_comma_or_a_reversing_verb_ends_a_cue() {
        let lock = "In one process, make park atomic with a lock.";
        let quality = "Speed, with quality kept.";
        let lsp = "Liskov: a subclass honours the base class contract.";
        let writes = "A max-heap of the k closest points.";
        for (point, phrase, answer) in [
            (
                lock,
                "lock",
                "The GIL doesn't help here and a lock around park is what you need.",
            ),
            (
                lock,
                "lock",
                "There is no way around holding a lock for park.",
            ),
            (
                quality,
                "quality",
                "You moved fast without cutting corners on quality.",
            ),
            (
                quality,
                "quality",
                "We kept moving without sacrificing quality.",
            ),
            (
                lsp,
                "contract",
                "A subclass must not break the base class contract.",
            ),
            (
                writes,
                "heap",
                "You never keep more than k points in the heap.",
            ),
        ] {
            assert!(made(point, phrase, answer), "{answer}");
        }
        // Without such a word the cue still denies.
        assert!(!made(lock, "lock", "The GIL means you don't need a lock."));
        assert!(!made(quality, "quality", "You never minded quality."));
        assert!(!made(
            lsp,
            "contract",
            "A subclass need not honour the contract."
        ));
    }

    #[test]
    fn a_negation_reaches_over_an_or() {
        let point = "You questioned the need with data before spending.";
        let answer = "You didn't question the need or look at any data before spending.";
        assert!(!made(point, "data", answer));
        // Not without the `or`, nor past a dozen words in all.
        assert!(made(
            point,
            "data",
            "You didn't question the need, look at any data first."
        ));
        let far = format!(
            "You didn't {} or look at the data.",
            "ask twelve people ".repeat(4)
        );
        assert!(made(point, "data", &far), "{far}");
        assert!(!made(point, "data", "No lock or data."));
    }

    #[test]
    fn the_look_back_for_a_condition_stops_after_a_dozen_words() {
        // Each denied phrase looked back over its whole clause: an answer of one
        // endless clause of "no lock" took time growing with the square of its length.
        let point = "In one process, make park atomic with a lock.";
        let near = "If the two gates race, park is not safe without a lock.";
        assert!(made(point, "lock", near));
        let far = format!(
            "If {} park is safe without a lock.",
            "gates race ".repeat(7)
        );
        assert!(!made(point, "lock", &far), "{far}");
    }

    #[test]
    fn a_cue_that_names_a_mistake_takes_nothing_back() {
        let point = "A real failure owned in the first person.";
        assert!(made(point, "mine", "I'd pick a mistake that was mine."));
        assert!(!made(point, "mine", "Pick a failure that was not mine."));
        // A myth, a misconception, or "a mistake to" calls what follows false.
        let lock = "In one process, make park atomic with a lock.";
        for answer in [
            "It is a myth that one process needs a lock here.",
            "It's a mistake to put a lock around park in Python.",
            "A common misconception is that park needs a lock.",
        ] {
            assert!(!made(lock, "lock", answer), "{answer}");
        }
        let point = "A defaultdict(list) collects each group.";
        assert!(made(
            point,
            "defaultdict",
            "Watch out for the defaultdict, it makes the list for you."
        ));
    }

    #[test]
    fn a_phrase_with_its_own_negation_is_not_denied_by_it() {
        let point = "starts_with only needs the path to exist.";
        assert!(made(
            point,
            "not fall off",
            "for starts_with the walk must not fall off"
        ));
        assert!(!made(
            point,
            "fall off",
            "for starts_with the walk must not fall off"
        ));
    }
}
