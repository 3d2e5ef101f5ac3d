//! The mock interview (issue 15): a timed round of a Leadership Principle question, a
//! coding question with the card's tests, that card's follow-ups and a discussion
//! question, scored offline and deterministically.
//!
//! - [`plan`]: what a round asks, phase by phase, with time budgets (plain data).
//! - [`round`]: the round as pure state, driven one event at a time, time passed in.
//! - [`star`]: the checks of a behavioural answer (STAR, I against we, a number,
//!   length, the card's points).
//! - [`clock`]: the round's stopwatch (pauses not counted).

pub mod clock;
pub mod plan;
pub mod round;
pub mod scorecard;
pub mod star;
pub mod transcript;

pub use plan::{
    Body, CardRef, Choice, Phase, PhaseKind, Plan, PlanError, Question, Scored, choose,
};
pub use round::{Awaiting, Event, Request, Round, Turn, Who};
pub use scorecard::{Level, Scorecard, Signal};
