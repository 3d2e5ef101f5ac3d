//! Quizzing: scoring answers to quiz items and running a quiz session, with no I/O.
//!
//! - [`normalize`]: how typed gap answers are compared (whitespace, case, punctuation).
//! - [`tokens`], [`phrase`], [`synonyms`]: how free-recall answers are matched: words
//!   normalised and stemmed, phrases found in order with small gaps within a sentence
//!   ([`boundary`]: where sentences end), synonym groups.
//! - [`said`]: a misconception's `said` entry, one phrase or parts joined by `&` that
//!   must be said in one sentence ("decorator & each call").
//! - [`negation`]: whether an answer denies what it says at some word ("it does not
//!   run on every call"), so a misconception it rejects does not count against it.
//! - [`score`]: one pure scoring function per kind of item, each returning a verdict
//!   part by part.
//! - [`select`]: which items a quiz asks, by deck, card and count, in seeded order.
//! - [`options`]: the seeded order a choice item's options are shown in, and how an
//!   answer maps back to the options' identities.
//! - [`session`]: the state machine the quiz screen drives, one action at a time with
//!   the time passed in; each submitted answer yields a [`QuizRecord`] to save.
//! - [`scorecard`]: the end-of-quiz summary.
//!
//! The item types themselves live in [`crate::content::quiz`]. Quizzing never touches
//! the spaced-repetition schedule: results go to their own table.

pub mod boundary;
pub mod complexity;
pub mod negation;
pub mod normalize;
pub mod options;
pub mod phrase;
pub mod point;
pub mod said;
pub mod score;
pub mod scorecard;
pub mod select;
pub mod session;
pub mod synonyms;
pub mod tokens;

pub use score::Verdict;
pub use scorecard::{Scorecard, Tally};
pub use select::{DEFAULT_COUNT, SelectError, Selection, SessionItem, select};
pub use session::{
    AnswerState, Answered, Claim, Draft, MAX_RECALL_ANSWER, QuizAction, QuizRecord, QuizSession,
    QuizStep, score,
};
