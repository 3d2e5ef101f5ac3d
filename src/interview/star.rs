//! The checks a bar-raiser makes of a behavioural (Leadership Principle) answer (issue
//! 15, item 4), each one a pure function of the answer's text:
//!
//! - **STAR**: situation, task, action and result each present, found by cue phrases
//!   ([`SITUATION`], [`TASK`], [`ACTION`], [`RESULT`]) matched as recall phrases are
//!   (`quiz::phrase`: by stem, in order, small gaps, the general synonyms). The cues are
//!   the ways people tell a story aloud (`last year`, `I was on call`, `my manager asked
//!   me to`, `fell from`, `afterwards`), not the labels of a STAR template, so a story
//!   told naturally is not marked down for skipping "my goal was" or "as a result". The
//!   action is also found as `I` and a verb in the past tense ([`is_deed`]: `I
//!   migrated`, `I then rewrote`), since no list of verbs is complete;
//! - **first person**: the share of `I`/`me`/`my` among those and `we`/`us`/`our`;
//!   the check fails when `we` outnumbers `I`;
//! - **a number**: at least one word with a digit (`40%`, `3x`, `2 weeks`) or a number
//!   word (`half`, `twice`, `double`, `ten`, ...) anywhere in the answer;
//! - **length**: 150 to 450 words, one to three minutes spoken at 150 words a minute;
//! - **the card's points**, when the card has a recall item: each point made.
//!
//! Each failed check is one concrete feedback line ([`LpCheck::feedback`]); the weakest
//! part picks the one probe the interviewer asks next ([`LpCheck::probe`]).

use std::sync::LazyLock;

use crate::content::{Recall, RecallPoint};
use crate::quiz::score::{PointMark, RecallVerdict, denial_note, score_recall};
use crate::quiz::synonyms::Synonyms;
use crate::quiz::tokens::{Token, tokens};
use crate::shown;
use crate::text::Shown;

/// Cues of the situation: where and when the story happened, as people open one.
pub const SITUATION: &[&str] = &[
    "situation",
    "context",
    "background",
    "at the time",
    "back in",
    "back then",
    "when i was",
    "while i was",
    "i was working",
    "i worked at",
    "i worked on",
    "i was on call",
    "i joined",
    "tech lead",
    "engineer on",
    "engineer at",
    "developer on",
    "developer at",
    "as an intern",
    "we were about to",
    "we were running",
    "we were building",
    "we were migrating",
    "we were launching",
    "last year",
    "last quarter",
    "last month",
    "last week",
    "years ago",
    "months ago",
    "weeks ago",
    "one day",
    "one evening",
    "one night",
    "one morning",
    "a friday",
    "a monday",
    "during",
    "at my previous",
    "at my last",
    "at my current",
    "in my previous",
    "in my last",
    "in my first",
    "our team",
    "my team",
    "team of",
    "our service",
    "our system",
    "our database",
    "our app",
    "our site",
    "our website",
    "our api",
    "our platform",
    "our product",
    "our pipeline",
    "our cluster",
    "our company",
    "we had",
    "there was",
];
/// Cues of the task: what the speaker had to achieve, was asked for or took on.
pub const TASK: &[&str] = &[
    "task",
    "my job",
    "my role",
    "my goal",
    "our goal",
    "the goal",
    "my aim",
    "the aim",
    "target",
    "i was responsible",
    "i was asked",
    "asked me to",
    "wanted me to",
    "i was tasked",
    "responsible for",
    "in charge of",
    "i had to",
    "i needed to",
    "i need to",
    "we had to",
    "we needed to",
    "i owned",
    "i wanted to",
    "i wanted",
    "i set out to",
    "i took on",
    "i volunteered",
    "i was on call",
    "on call for",
    "the deadline",
    "deadline",
    "challenge",
    "problem was",
    "the plan was",
];
/// Cues of the action: what the speaker did, in the first person. A past-tense verb
/// after `I` counts too (see [`is_deed`]); these are the ones it cannot see.
pub const ACTION: &[&str] = &[
    "i decided",
    "i built",
    "i wrote",
    "i proposed",
    "i led",
    "i created",
    "i analy*",
    "i talked",
    "i spoke",
    "i met",
    "i started",
    "i set up",
    "i implemented",
    "i designed",
    "i changed",
    "i added",
    "i fixed",
    "i dug",
    "i looked",
    "i asked",
    "i worked",
    "i organi*",
    "i measured",
    "i rewrote",
    "i reviewed",
    "i escalated",
    "i prototyped",
    "i automated",
    "so i",
    "then i",
    "first i",
];
/// Cues of the result: how it ended, and what moved.
pub const RESULT: &[&str] = &[
    "result",
    "outcome",
    "in the end",
    "as a result",
    "by the end",
    "afterwards",
    "after the fix",
    "after the change",
    "after the launch",
    "after the release",
    "since then",
    "from then on",
    "months later",
    "weeks later",
    "days later",
    "year later",
    "eventually",
    "reduced",
    "increased",
    "improved",
    "saved",
    "cut",
    "shipped",
    "launched",
    "delivered",
    "grew",
    "dropped",
    "fell",
    "rose",
    "went from",
    "went down",
    "went up",
    "down from",
    "up from",
    "halved",
    "doubled",
    "tripled",
    "no longer",
    "recovered",
    "cleared",
    "came down",
    "back to normal",
    "finished",
    "succeeded",
    "paid off",
    "adopted",
    "learned",
    "impact",
];

/// `I` and a past-tense verb that is not a deed: a want, a need, a belief, or taking
/// part (`I helped`, `I supported`), which a bar-raiser hears as the team's action.
const NOT_DEEDS: &[&str] = &[
    "needed",
    "wanted",
    "used",
    "seemed",
    "liked",
    "loved",
    "hated",
    "hoped",
    "assumed",
    "expected",
    "supposed",
    "believed",
    "wondered",
    "worried",
    "feared",
    "joined",
    "helped",
    "supported",
    "assisted",
    "participated",
    "contributed",
];

/// Irregular past tenses of things people do at work, after `I`.
const IRREGULAR_DEEDS: &[&str] = &[
    "built",
    "rebuilt",
    "wrote",
    "rewrote",
    "made",
    "ran",
    "took",
    "set",
    "led",
    "met",
    "spoke",
    "found",
    "gave",
    "got",
    "went",
    "chose",
    "drew",
    "put",
    "told",
    "brought",
    "sent",
    "kept",
    "began",
    "dug",
    "caught",
    "taught",
    "held",
    "cut",
    "split",
    "broke",
    "paid",
    "sought",
    "fought",
    "bought",
    "sold",
    "won",
    "threw",
    "drove",
    "stood",
    "spent",
    "dealt",
    "stuck",
    "struck",
    "withdrew",
    "undertook",
    "shut",
    "hid",
    "rang",
    "shrank",
    "sped",
    "froze",
];

/// Whether the answer says `I` and then a past-tense verb of a deed (`I migrated`,
/// `I rewrote`), with at most one word between (`I then built`, `I quickly wrote`).
/// `I was asked` is not one: a form of `be` straight after `I` ends the look.
fn is_deed(said: &[Token]) -> bool {
    let deed = |t: &Token| {
        let w = t.text.as_str();
        !t.stop
            && !NOT_DEEDS.contains(&w)
            && (IRREGULAR_DEEDS.contains(&w) || (w.len() > 4 && w.ends_with("ed")))
    };
    said.iter().enumerate().any(|(i, t)| {
        if t.text != "i" {
            return false;
        }
        let mut next = said.iter().skip(i + 1);
        match next.next() {
            Some(first) if deed(first) => true,
            Some(first) if !first.stop && !NOT_BETWEEN.contains(&first.text.as_str()) => {
                next.next().is_some_and(deed)
            }
            _ => false,
        }
    })
}

/// Words that may not stand between `I` and a deed: they deny it or make it a wish.
const NOT_BETWEEN: &[&str] = &[
    "not", "never", "did", "had", "would", "could", "should", "might", "will", "can", "to",
];

/// Words that count as a number in a result.
pub const NUMBER_WORDS: &[&str] = &[
    "half",
    "twice",
    "double",
    "doubled",
    "triple",
    "tripled",
    "quarter",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
];

const FIRST_PERSON: &[&str] = &["i", "me", "my", "mine", "myself"];
const PLURAL: &[&str] = &["we", "us", "our", "ours", "ourselves"];

/// The length an answer spoken in one to three minutes has, in words.
pub const MIN_WORDS: usize = 150;
pub const MAX_WORDS: usize = 450;

/// The most words of an answer that are scored: a little over three minutes spoken.
/// An interviewer stops listening there, and it bounds a turn's time (scoring grows
/// with the answer's length).
pub const HEARD_WORDS: usize = 500;

/// The part of `answer` that is scored: its first [`HEARD_WORDS`] words (split at
/// whitespace), and whether anything was left out.
pub fn heard(answer: &str) -> (&str, bool) {
    let end = answer
        .split_whitespace()
        .nth(HEARD_WORDS)
        .map(|word| word.as_ptr() as usize - answer.as_ptr() as usize);
    match end {
        Some(end) => (&answer[..end], true),
        None => (answer, false),
    }
}

/// The four parts of STAR, each as a recall item of one point, scored as an answer is.
static STAR: LazyLock<Recall> = LazyLock::new(|| {
    let point = |name: &str, cues: &[&str]| {
        RecallPoint::new(name, cues.iter().map(|c| (*c).to_string()).collect())
    };
    Recall {
        question: Shown::new("STAR"),
        points: vec![
            point("situation", SITUATION),
            point("task", TASK),
            point("action", ACTION),
            point("result", RESULT),
        ],
        model_answer: Shown::default(),
        explanation: Shown::default(),
        examples: crate::content::RecallExamples::default(),
        misconceptions: Vec::new(),
    }
});

static GENERAL: LazyLock<Synonyms> = LazyLock::new(Synonyms::general);

/// What the checks found in one answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is one independent check the scorecard reports"
)]
pub struct LpCheck {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
    /// `I`, `me`, `my`, ... counted.
    pub i_words: usize,
    /// `we`, `us`, `our`, ... counted.
    pub we_words: usize,
    pub number: bool,
    pub words: usize,
    /// The card's points: (made, in all), when the card has a recall item.
    pub points: Option<(usize, usize)>,
    /// The points missed, as the card words them.
    pub missed: Vec<Unmade>,
}

/// A point of the card's recall item the story does not make: as the card words it,
/// and the story's words that named it only to deny it, if they did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmade {
    pub point: Shown,
    pub denied: Option<Shown>,
}

impl serde::Serialize for Unmade {
    /// As the point alone, as the check's `missed` always was (the scorecard's missed
    /// points carry the denial).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.point.serialize(serializer)
    }
}

impl LpCheck {
    /// Runs every check on `answer` (the length on all of it, the rest on what is
    /// [`heard`]); `points` is the card's recall item, if it has one.
    pub fn of(answer: &str, points: Option<&Recall>, synonyms: &Synonyms) -> Self {
        let words = answer.split_whitespace().count();
        let answer = heard(answer).0;
        let star = score_recall(&STAR, answer, &GENERAL);
        let made = |i: usize| star.points.get(i).is_some_and(PointMark::is_hit);
        let said = tokens(answer);
        let count = |list: &[&str]| {
            said.iter()
                .filter(|t| list.contains(&t.text.as_str()))
                .count()
        };
        let number = said.iter().any(|t| {
            t.text.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&t.text.as_str())
        });
        let verdict: Option<(RecallVerdict, &Recall)> =
            points.map(|item| (score_recall(item, answer, synonyms), item));
        Self {
            situation: made(0),
            task: made(1),
            action: made(2) || is_deed(&said),
            result: made(3),
            i_words: count(FIRST_PERSON),
            we_words: count(PLURAL),
            number,
            words,
            points: verdict
                .as_ref()
                .map(|(v, item)| (v.hit().len(), item.points.len())),
            missed: verdict
                .map(|(v, item)| {
                    v.missed()
                        .into_iter()
                        .filter_map(|i| {
                            item.points.get(i).map(|p| Unmade {
                                point: p.point.clone(),
                                denied: v.points.get(i).and_then(PointMark::denied).map(Shown::new),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The share of `I` among `I` and `we`, in percent, rounded; `None` when neither is
    /// said.
    pub fn i_share(&self) -> Option<usize> {
        let all = self.i_words + self.we_words;
        (all > 0).then(|| (self.i_words * 100 + all / 2) / all)
    }

    fn first_person(&self) -> bool {
        self.i_words > 0 && self.i_words >= self.we_words
    }

    fn length_ok(&self) -> bool {
        (MIN_WORDS..=MAX_WORDS).contains(&self.words)
    }

    /// (checks passed, checks made): the four STAR parts, first person, a number,
    /// length and, when the card has them, each of its points: a story that misses what
    /// the principle is about cannot rate well on its shape alone.
    pub fn passed(&self) -> (usize, usize) {
        let checks = [
            self.situation,
            self.task,
            self.action,
            self.result,
            self.first_person(),
            self.number,
            self.length_ok(),
        ];
        let (made, asked) = self.points.unwrap_or((0, 0));
        checks.iter().fold((made, asked), |(ok, all), &c| {
            (ok + usize::from(c), all + 1)
        })
    }

    /// One line for each check that failed, in the order of the list above.
    pub fn feedback(&self) -> Vec<Shown> {
        let mut out: Vec<Shown> = Vec::new();
        if !self.situation {
            out.push(Shown::new(
                "Set the scene first: where were you, when, and what was going on?",
            ));
        }
        if !self.task {
            out.push(Shown::new(
                "Say what your task was: what were you responsible for, or asked to achieve?",
            ));
        }
        if !self.action {
            out.push(Shown::new(
                "Say what you did, step by step, in the first person (\"I decided\", \"I built\").",
            ));
        }
        if !self.result {
            out.push(Shown::new(
                "Your answer has no result: how did it end, and what changed because of you?",
            ));
        }
        if !self.first_person() {
            out.push(match self.i_share() {
                Some(share) => shown!(
                    "You said \"we\" {} and \"I\" {} ({share}% I): say what you did.",
                    times(self.we_words),
                    times(self.i_words)
                ),
                None => {
                    Shown::new("You never said \"I\": the interviewer hires you, not the team.")
                }
            });
        }
        if !self.number {
            out.push(Shown::new(
                "Your result has no number: how much did it move (time, money, errors, customers)?",
            ));
        }
        if self.words < MIN_WORDS {
            out.push(shown!(
                "Your answer is {} words, under a minute spoken: aim for {MIN_WORDS}-{MAX_WORDS}.",
                self.words
            ));
        } else if self.words > MAX_WORDS {
            out.push(shown!(
                "Your answer is {} words, over three minutes spoken: aim for {MIN_WORDS}-{MAX_WORDS}.",
                self.words
            ));
        }
        for missed in &self.missed {
            let denial = missed
                .denied
                .as_deref()
                .map(denial_note)
                .unwrap_or_default();
            out.push(shown!("The story does not show: {}{denial}", missed.point));
        }
        out
    }

    /// The one probe the interviewer asks next, chosen by the weakest part, in this
    /// order: no result, no action, no first person, no number, no situation or task,
    /// too short; when every check passed, "What would you do differently?".
    pub fn probe(&self) -> &'static str {
        if !self.result {
            "How did it end? What was the result?"
        } else if !self.action {
            "What exactly did you do, step by step?"
        } else if !self.first_person() {
            "What was your own part in this, as opposed to the team's?"
        } else if !self.number {
            "What data did you look at, and how did you know it worked?"
        } else if !self.situation || !self.task {
            "What was the situation, and what were you asked to do?"
        } else if self.words < MIN_WORDS {
            "Tell me more: what was hard about it?"
        } else {
            "What would you do differently?"
        }
    }
}

/// `1 time`, `3 times`.
pub(crate) fn times(n: usize) -> String {
    format!("{n} time{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod stories_tests;

#[cfg(test)]
mod tests {
    use super::*;

    const STRONG: &str = "Last year at my previous company our checkout service had a \
        latency problem. My goal was to bring the p99 back under 200 ms before peak season. \
        I analyzed the traces, I found a slow query, and I rewrote it with an index. \
        As a result the p99 dropped by 40% and we saved 12 thousand dollars a month.";

    fn check(answer: &str) -> LpCheck {
        LpCheck::of(answer, None, &Synonyms::general())
    }

    #[test]
    fn a_complete_story_passes_star_first_person_and_number() {
        let c = check(STRONG);
        assert!(c.situation && c.task && c.action && c.result, "{c:?}");
        assert!(c.number);
        assert!(c.i_words > c.we_words);
        // Only the length fails: it is a short story.
        assert_eq!(c.feedback().len(), 1, "{:?}", c.feedback());
        assert!(c.feedback()[0].contains("words"));
        assert_eq!(c.passed(), (6, 7));
        assert_eq!(c.probe(), "Tell me more: what was hard about it?");
    }

    #[test]
    fn an_empty_answer_fails_every_check_once() {
        let c = check("");
        assert_eq!(c.passed(), (0, 7));
        assert_eq!(c.feedback().len(), 7);
        assert_eq!(c.i_share(), None);
        assert_eq!(c.probe(), "How did it end? What was the result?");
    }

    /// The share is rounded, not cut: "I" twice and "we" once is 67%, as a reader works
    /// it out (it said 66%).
    #[test]
    fn the_i_share_is_rounded() {
        let c = check("I built it and I shipped it; we celebrated.");
        assert_eq!((c.i_words, c.we_words), (2, 1));
        assert_eq!(c.i_share(), Some(67));
    }

    #[test]
    fn we_against_i_is_reported_and_probed() {
        let c = check(
            "Our team had a problem. We decided to fix it, we built a cache and we shipped \
             it; I helped. In the end latency improved by 30%.",
        );
        assert_eq!((c.i_words, c.we_words), (1, 4));
        assert_eq!(c.i_share(), Some(20));
        assert!(c.feedback().iter().any(|l| l.contains("20% I")));
        assert_eq!(
            c.probe(),
            "What exactly did you do, step by step?",
            "no first-person action comes before the I/we share"
        );
    }

    #[test]
    fn a_result_without_a_number_is_probed_for_data() {
        let c = check(&format!(
            "{} {}",
            "At my last job my task was to fix the deploys. I decided to automate them \
             and as a result the team shipped faster.",
            "word ".repeat(160)
        ));
        assert!(!c.number);
        assert!(c.feedback().iter().any(|l| l.contains("no number")));
        assert_eq!(
            c.probe(),
            "What data did you look at, and how did you know it worked?"
        );
    }

    #[test]
    fn the_cards_points_are_checked_when_it_has_them() {
        let item = Recall {
            question: "q".into(),
            points: vec![
                RecallPoint::new("you talked to the customer", vec!["customer".into()]),
                RecallPoint::new("you measured it", vec!["measur*".into()]),
            ],
            model_answer: "m".into(),
            explanation: "e".into(),
            examples: crate::content::RecallExamples::default(),
            misconceptions: Vec::new(),
        };
        let c = LpCheck::of(STRONG, Some(&item), &Synonyms::general());
        assert_eq!(c.points, Some((0, 2)));
        // Each point is a check of its own: 6 of the 7 others, none of the 2 points.
        assert_eq!(c.passed(), (6, 9));
        assert!(
            c.feedback()
                .iter()
                .any(|l| l.as_str() == "The story does not show: you measured it")
        );
        // A point the story names only to deny it says so.
        let c = LpCheck::of(
            &format!("{STRONG} I never talked to the customer."),
            Some(&item),
            &Synonyms::general(),
        );
        assert_eq!(c.points, Some((0, 2)));
        assert!(
            c.feedback().iter().any(|l| l.as_str()
                == "The story does not show: you talked to the customer — named only in a \
                    denial: \"customer\""),
            "{:?}",
            c.feedback()
        );
    }

    #[test]
    fn only_the_first_words_are_heard() {
        let answer = "word ".repeat(HEARD_WORDS) + "I measured 5 things.";
        let (kept, cut) = heard(&answer);
        assert!(cut);
        assert_eq!(kept.split_whitespace().count(), HEARD_WORDS);
        assert!(!LpCheck::of(&answer, None, &Synonyms::general()).number);
        assert_eq!(heard("a b"), ("a b", false));
        assert_eq!(heard(""), ("", false));
    }

    #[test]
    fn a_long_answer_is_too_long() {
        let c = check(&"I measured 5 things. ".repeat(200));
        assert_eq!(c.words, 800);
        assert!(
            c.feedback()
                .iter()
                .any(|l| l.contains("over three minutes"))
        );
    }
}
