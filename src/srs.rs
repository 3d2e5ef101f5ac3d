//! Spaced-repetition scheduling on the `fsrs` crate (FSRS-6), Anki-style.
//!
//! Pure: every function takes `now`; nothing here reads a clock or a disk. A card's
//! state is a fold of its reviews ([`replay`]), so the store can always rebuild it from
//! the review log. Memory state (stability, difficulty) comes from `fsrs::FSRS::
//! next_states` with whole days elapsed since the previous review, as the FSRS
//! reference implementations count them; the learning steps, graduation, interval
//! ordering and fuzz around it follow Anki's scheduler.

pub mod queue;

use std::fmt;

use fsrs::{FSRS, MemoryState, NextStates};
use jiff::{SignedDuration, Timestamp};
use xxhash_rust::xxh3::xxh3_64;

/// Desired probability of recall when a card comes due.
pub const DESIRED_RETENTION: f32 = 0.9;
/// The range `desired-retention` may be set in.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f32> = 0.70..=0.97;
/// Anki's default learning steps.
pub const LEARNING_STEPS: [SignedDuration; 2] =
    [SignedDuration::from_mins(1), SignedDuration::from_mins(10)];
/// Anki's default relearning step.
pub const RELEARNING_STEPS: [SignedDuration; 1] = [SignedDuration::from_mins(10)];
/// The longest interval ever given: a hundred years.
pub const MAX_INTERVAL_DAYS: u32 = 36_500;
/// A card forgotten this many times is a leech: it needs rewriting, not more reviews.
pub const LEECH_LAPSES: u32 = 8;

const DAY: SignedDuration = SignedDuration::from_hours(24);

/// The four answer buttons, with FSRS's numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Self; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|r| *r as u8 == n)
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Again => "Again",
            Self::Hard => "Hard",
            Self::Good => "Good",
            Self::Easy => "Easy",
        }
    }

    fn pick<T: Clone>(self, [again, hard, good, easy]: &[T; 4]) -> T {
        match self {
            Self::Again => again.clone(),
            Self::Hard => hard.clone(),
            Self::Good => good.clone(),
            Self::Easy => easy.clone(),
        }
    }
}

/// Where a card is in its life; the numbers are the FSRS optimizer's `review_state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardStage {
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3,
}

impl CardStage {
    pub fn from_number(n: u8) -> Option<Self> {
        [Self::New, Self::Learning, Self::Review, Self::Relearning]
            .into_iter()
            .find(|p| *p as u8 == n)
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Learning => "learning",
            Self::Review => "review",
            Self::Relearning => "relearning",
        }
    }
}

/// A card's scheduling state. A card never reviewed has none (it is new).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardState {
    pub phase: CardStage,
    /// Index into the learning or relearning steps (0 otherwise).
    pub step: u8,
    pub memory: MemoryState,
    pub due: Timestamp,
    pub last_review: Timestamp,
    /// Days until due when it was last scheduled (0 for a step measured in minutes).
    pub interval_days: u32,
    pub reps: u32,
    pub lapses: u32,
}

impl CardState {
    pub fn is_leech(&self) -> bool {
        self.lapses >= LEECH_LAPSES
    }
}

/// Scheduler settings; [`Default`] is Anki's defaults with FSRS-6's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub desired_retention: f32,
    /// Empty means the FSRS-6 defaults.
    pub parameters: Vec<f32>,
    pub new_per_day: u32,
    pub reviews_per_day: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            desired_retention: DESIRED_RETENTION,
            parameters: Vec::new(),
            new_per_day: queue::NEW_PER_DAY,
            reviews_per_day: queue::REVIEWS_PER_DAY,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SrsError {
    #[error("desired retention {0} is out of range: it must be between 0.70 and 0.97")]
    Retention(f32),
    #[error("invalid FSRS parameters: {0}")]
    Parameters(fsrs::FSRSError),
    #[error("FSRS could not compute the next state: {0}")]
    Fsrs(fsrs::FSRSError),
}

/// What grading with one rating would do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub rating: Rating,
    pub state: CardState,
    /// The state the card was in when graded.
    pub phase_before: CardStage,
    /// Whole days since the previous review (0 for the first).
    pub days_elapsed: u32,
}

impl Outcome {
    /// Time until the card is due again, counted from `now`.
    pub fn wait(&self, now: Timestamp) -> SignedDuration {
        self.state.due.duration_since(now)
    }

    /// The wait this grade schedules, from the moment it was worked out: what a grade
    /// key shows, however long the answer has been on screen.
    pub fn interval(&self) -> SignedDuration {
        self.state.due.duration_since(self.state.last_review)
    }
}

/// Human-friendly time until: 45s, 10m, 3h, 4d, 2.5mo, 1.2y.
pub fn interval_label(seconds: i64) -> String {
    let s = seconds.max(0);
    #[allow(clippy::cast_precision_loss)]
    let days = s as f64 / 86_400.0;
    if s < 60 {
        format!("{s}s")
    } else if s < 3_600 {
        format!("{}m", (s + 30) / 60)
    } else if s < 86_400 {
        format!("{}h", (s + 1_800) / 3_600)
    } else if days < 30.0 {
        format!("{}d", days.round())
    } else if days < 365.0 {
        format!("{:.1}mo", days / 30.0)
    } else {
        format!("{:.1}y", days / 365.0)
    }
}

pub struct Scheduler {
    fsrs: FSRS,
    retention: f32,
}

impl fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scheduler")
            .field("retention", &self.retention)
            .finish_non_exhaustive()
    }
}

impl Scheduler {
    pub fn new(settings: &Settings) -> Result<Self, SrsError> {
        if !RETENTION_RANGE.contains(&settings.desired_retention) {
            return Err(SrsError::Retention(settings.desired_retention));
        }
        let fsrs = FSRS::new(&settings.parameters).map_err(SrsError::Parameters)?;
        Ok(Self {
            fsrs,
            retention: settings.desired_retention,
        })
    }

    /// What each of the four ratings would do to the card now. The fuzz is seeded by
    /// `card_key` and the card's previous review (as Anki seeds it by card and review
    /// count), not by `now`: the interval a grade key shows when the answer is revealed
    /// is the one the grade saves moments later, and a rebuild from the log repeats it.
    pub fn preview(
        &self,
        card_key: &str,
        state: Option<&CardState>,
        now: Timestamp,
    ) -> Result<[Outcome; 4], SrsError> {
        let days_elapsed = state.map_or(0, |s| whole_days(s.last_review, now));
        let next = self
            .fsrs
            .next_states(state.map(|s| s.memory), self.retention, days_elapsed)
            .map_err(SrsError::Fsrs)?;
        let intervals = review_intervals(&next, state, days_elapsed, fuzz_seed(card_key, state));
        let memories = [
            next.again.memory,
            next.hard.memory,
            next.good.memory,
            next.easy.memory,
        ];
        let base = state.copied();
        Ok(Rating::ALL.map(|rating| {
            let memory = rating.pick(&memories);
            let phase_before = base.map_or(CardStage::New, |s| s.phase);
            let (phase, step, wait, interval_days) =
                transition(phase_before, base.map_or(0, |s| s.step), rating, &intervals);
            let lapses = base.map_or(0, |s| s.lapses)
                + u32::from(phase_before == CardStage::Review && rating == Rating::Again);
            Outcome {
                rating,
                phase_before,
                days_elapsed,
                state: CardState {
                    phase,
                    step,
                    memory,
                    // Saturates: a time near the end of time is never due, not a panic.
                    due: now.checked_add(wait).unwrap_or(Timestamp::MAX),
                    last_review: now,
                    interval_days,
                    reps: base.map_or(0, |s| s.reps) + 1,
                    lapses,
                },
            }
        }))
    }

    /// Grades the card: the outcome for `rating`.
    pub fn review(
        &self,
        card_key: &str,
        state: Option<&CardState>,
        rating: Rating,
        now: Timestamp,
    ) -> Result<Outcome, SrsError> {
        Ok(rating.pick(&self.preview(card_key, state, now)?))
    }
}

/// One review of a card, as the log keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    pub at: Timestamp,
    pub rating: Rating,
}

/// A card's state after its reviews, oldest first, and the outcome of each review.
pub fn replay(
    scheduler: &Scheduler,
    card_key: &str,
    reviews: &[Review],
) -> Result<(Option<CardState>, Vec<Outcome>), SrsError> {
    let mut state = None;
    let mut outcomes = Vec::with_capacity(reviews.len());
    for review in reviews {
        let outcome = scheduler.review(card_key, state.as_ref(), review.rating, review.at)?;
        state = Some(outcome.state);
        outcomes.push(outcome);
    }
    Ok((state, outcomes))
}

/// Whole 24-hour days from `from` to `to` (0 when `to` is earlier), as FSRS counts them.
pub fn whole_days(from: Timestamp, to: Timestamp) -> u32 {
    let secs = to.duration_since(from).as_secs();
    u32::try_from(secs.div_euclid(DAY.as_secs())).unwrap_or(0)
}

/// A graduated card's interval in days for each rating, with Anki's ordering (hard <
/// good < easy, hard at most the current interval's growth) and fuzz applied.
fn review_intervals(
    next: &NextStates,
    state: Option<&CardState>,
    days_elapsed: u32,
    seed: u64,
) -> [u32; 4] {
    let days = |s: &fsrs::ItemState| round_days(s.interval);
    let again = days(&next.again);
    let mut hard = days(&next.hard);
    let mut good = days(&next.good);
    let mut easy = days(&next.easy);
    let in_review = state.is_some_and(|s| s.phase == CardStage::Review);
    if in_review {
        // As in Anki: the buttons always grow, so each is at least one day past the last.
        hard = hard.min(good);
        good = good.max(hard + 1);
        easy = easy.max(good + 1);
    } else {
        easy = easy.max(good + 1);
    }
    let fuzzed = |days| fuzz(days, days_elapsed, seed).min(MAX_INTERVAL_DAYS);
    [again, fuzzed(hard), fuzzed(good), fuzzed(easy)]
}

fn round_days(interval: f32) -> u32 {
    // Saturating float-to-int conversion; intervals are finite and positive here.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let days = interval.round().max(1.0) as u32;
    days.min(MAX_INTERVAL_DAYS)
}

/// Spreads intervals so cards learnt together do not stay due together: Anki's fuzz
/// ranges (none below 2.5 days; ±15% to 7 days, ±10% to 20, ±5% beyond, plus a day).
fn fuzz(interval: u32, days_elapsed: u32, seed: u64) -> u32 {
    let ivl = f64::from(interval);
    if ivl < 2.5 {
        return interval;
    }
    let mut delta = 1.0;
    for (start, end, factor) in [
        (2.5, 7.0, 0.15),
        (7.0, 20.0, 0.1),
        (20.0, f64::INFINITY, 0.05),
    ] {
        delta += factor * (ivl.min(end) - start).max(0.0);
    }
    let mut lo = (ivl - delta).round().max(2.0);
    let hi = (ivl + delta).round().min(f64::from(MAX_INTERVAL_DAYS));
    if interval > days_elapsed {
        lo = lo.max(f64::from(days_elapsed) + 1.0);
    }
    let lo = lo.min(hi);
    #[allow(clippy::cast_precision_loss)]
    let unit = (seed >> 11) as f64 / (1u64 << 53) as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let fuzzed = (unit * (hi - lo + 1.0) + lo).floor().min(hi) as u32;
    fuzzed
}

fn fuzz_seed(card_key: &str, state: Option<&CardState>) -> u64 {
    let mut bytes = card_key.as_bytes().to_vec();
    if let Some(state) = state {
        bytes.extend_from_slice(&state.last_review.as_millisecond().to_le_bytes());
        bytes.extend_from_slice(&state.reps.to_le_bytes());
    }
    xxh3_64(&bytes)
}

/// The next phase, step, wait and scheduled interval for a rating, Anki-style.
fn transition(
    phase: CardStage,
    step: u8,
    rating: Rating,
    intervals: &[u32; 4],
) -> (CardStage, u8, SignedDuration, u32) {
    let graduate = |rating: Rating| {
        let days = rating.pick(intervals);
        (
            CardStage::Review,
            0,
            DAY * i32::try_from(days).unwrap_or(i32::MAX),
            days,
        )
    };
    let learn = |phase: CardStage, steps: &[SignedDuration], step: usize, rating: Rating| {
        let last = steps.len().saturating_sub(1);
        let step = step.min(last);
        let at = |phase, i: usize| (phase, u8::try_from(i).unwrap_or(u8::MAX), steps[i], 0);
        match rating {
            Rating::Again => at(phase, 0),
            Rating::Hard => (
                phase,
                u8::try_from(step).unwrap_or(u8::MAX),
                hard_delay(steps, step),
                0,
            ),
            Rating::Good if step < last => at(phase, step + 1),
            Rating::Good | Rating::Easy => graduate(rating),
        }
    };
    match phase {
        CardStage::New => learn(CardStage::Learning, &LEARNING_STEPS, 0, rating),
        CardStage::Learning => learn(
            CardStage::Learning,
            &LEARNING_STEPS,
            usize::from(step),
            rating,
        ),
        CardStage::Relearning => learn(
            CardStage::Relearning,
            &RELEARNING_STEPS,
            usize::from(step),
            rating,
        ),
        CardStage::Review => match rating {
            Rating::Again => (CardStage::Relearning, 0, RELEARNING_STEPS[0], 0),
            _ => graduate(rating),
        },
    }
}

/// Anki's Hard delay in steps: on the first step, halfway to the second (or 1.5× a
/// lone step, at most a day longer); later, the current step again.
fn hard_delay(steps: &[SignedDuration], step: usize) -> SignedDuration {
    match (step, steps) {
        (0, [first, second, ..]) => (*first + *second) / 2,
        (0, [only]) => (*only * 3 / 2).min(*only + DAY),
        _ => steps[step],
    }
}

#[cfg(test)]
mod tests;
