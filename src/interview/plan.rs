//! What a round asks, phase by phase, with a time budget for each: plain data the round
//! ([`super::round`]) runs, built from the library by [`super::choose`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::content::{CardId, Recall};
use crate::quiz::synonyms::Synonyms;
use crate::text::Shown;

use super::clock::Millis;

/// The phases of a round, in the order a loop round runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseKind {
    /// A Leadership Principle question: a STAR story.
    Behavioural,
    /// A coding question, with the card's tests.
    Coding,
    /// The coding card's follow-ups.
    FollowUps,
    /// A discussion question on Python internals or AWS.
    Discussion,
}

impl PhaseKind {
    pub fn title(self) -> &'static str {
        match self {
            Self::Behavioural => "Leadership Principles",
            Self::Coding => "Coding",
            Self::FollowUps => "Follow-ups",
            Self::Discussion => "Discussion",
        }
    }
}

/// The card a phase comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardRef {
    pub id: CardId,
    pub title: Shown,
}

/// A question the interviewer asks and, when it is scored, how.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Asked and recorded, not scored (a follow-up written as a plain string).
    Asked(Shown),
    Scored(Scored),
}

impl Question {
    pub fn ask(&self) -> &Shown {
        match self {
            Self::Asked(ask) => ask,
            Self::Scored(s) => &s.recall.question,
        }
    }
}

/// A scored question: the recall item its answer is scored as (`question` is what is
/// asked), and the probe to ask when a point is missed, by the point's index.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub recall: Recall,
    pub probes: BTreeMap<usize, Shown>,
}

/// What a phase asks.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A behavioural question; `points` is the card's recall item, when it has one.
    Behavioural { ask: Shown, points: Option<Recall> },
    /// A coding question and the tests a solution runs against, per language.
    Coding {
        ask: Shown,
        python_tests: String,
        rust_tests: String,
    },
    /// Questions asked one after another (follow-ups, discussion).
    Questions(Vec<Question>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub card: CardRef,
    /// How long the phase may take on the round's clock.
    pub budget: Millis,
    pub body: Body,
}

/// A round's plan: its phases in order, and what the interviewer says first.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The deck it was drawn from (`None`: the whole library).
    pub deck: Option<String>,
    pub seed: u64,
    pub minutes: u32,
    pub phases: Vec<Phase>,
    /// Notes put at the top of the transcript ("this deck has no Leadership Principle
    /// card: the round skips that phase").
    pub notes: Vec<Shown>,
    /// What recall answers are scored with: the general set and the deck's own.
    pub synonyms: Arc<Synonyms>,
}

impl Plan {
    /// The whole round's budget: the phases' budgets added up.
    pub fn budget(&self) -> Millis {
        self.phases.iter().map(|p| p.budget).sum()
    }
}
