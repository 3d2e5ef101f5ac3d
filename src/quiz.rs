//! Quizzing: scoring answers to quiz items, with no I/O.
//!
//! - [`normalize`]: how typed answers are compared (whitespace, case, punctuation) and
//!   how free-recall answers are matched word by word.
//! - [`score`]: one pure scoring function per kind of item, each returning a verdict
//!   part by part.
//!
//! The item types themselves live in [`crate::content::quiz`].

pub mod normalize;
pub mod score;

pub use score::Verdict;
