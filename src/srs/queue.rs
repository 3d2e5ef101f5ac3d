//! What to study now: due learning cards, then due reviews, then new cards, within the
//! daily limits; which card comes next as the session goes; and what practising ahead
//! offers.

use std::collections::VecDeque;

use jiff::{SignedDuration, Timestamp};

use super::{CardStage, CardState};

/// Anki's default daily limits.
pub const NEW_PER_DAY: u32 = 20;
pub const REVIEWS_PER_DAY: u32 = 200;

/// What the user already did today, counted against the limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DoneToday {
    /// Cards seen for the first time today.
    pub new: u32,
    /// Reviews of cards that were in the review phase.
    pub reviews: u32,
}

/// The study queue, as indices into the cards given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    /// Due now, in the order to study them.
    pub now: Vec<usize>,
    /// Learning cards due later today, soonest first: they come back this session.
    pub later: Vec<(usize, Timestamp)>,
}

/// Builds the queue. `cards` is every card in deck order with its state (`None`: new);
/// `day_end` is when the user's day ends. Learning cards are never limited (a step
/// must not be skipped); reviews due by the end of the day fill `reviews_per_day`
/// less those done; new cards fill `new_per_day` less those introduced.
pub fn build<'a>(
    cards: impl IntoIterator<Item = Option<&'a CardState>>,
    now: Timestamp,
    day_end: Timestamp,
    limits: (u32, u32),
    done: DoneToday,
) -> Queue {
    let (new_per_day, reviews_per_day) = limits;
    let mut learning = Vec::new();
    let mut reviews = Vec::new();
    let mut new = Vec::new();
    let mut later = Vec::new();
    for (i, state) in cards.into_iter().enumerate() {
        match state {
            None => new.push(i),
            Some(s) if matches!(s.phase, CardStage::Learning | CardStage::Relearning) => {
                if s.due <= now {
                    learning.push((s.due, i));
                } else if s.due < day_end {
                    later.push((i, s.due));
                }
            }
            Some(s) if s.phase == CardStage::Review && s.due < day_end => reviews.push((s.due, i)),
            Some(_) => {}
        }
    }
    learning.sort();
    reviews.sort();
    later.sort_by_key(|&(i, due)| (due, i));
    let review_room = reviews_per_day.saturating_sub(done.reviews) as usize;
    let new_room = new_per_day.saturating_sub(done.new) as usize;
    let mut now_queue: Vec<usize> = learning.into_iter().map(|(_, i)| i).collect();
    now_queue.extend(reviews.into_iter().take(review_room).map(|(_, i)| i));
    now_queue.extend(new.into_iter().take(new_room));
    Queue {
        now: now_queue,
        later,
    }
}

/// The next card to show. A learning card that has come due goes first, before the
/// rest of the queue (Anki's order: a step of a minute must not wait behind the day's
/// new cards); then the queue; then, when nothing else is left, a learning card due
/// within `learn_ahead` rather than a wait. `later` is kept soonest first.
pub fn next(
    queue: &mut VecDeque<usize>,
    later: &mut Vec<(usize, Timestamp)>,
    now: Timestamp,
    learn_ahead: SignedDuration,
) -> Option<usize> {
    later.sort_by_key(|&(i, at)| (at, i));
    if later.first().is_some_and(|&(_, at)| at <= now) {
        return Some(later.remove(0).0);
    }
    if let Some(card) = queue.pop_front() {
        return Some(card);
    }
    if later
        .first()
        .is_some_and(|&(_, at)| at <= now + learn_ahead)
    {
        return Some(later.remove(0).0);
    }
    None
}

/// What practising ahead offers when nothing is due: the cards already studied,
/// soonest due first. A new card is left out: its first grade's intervals would be
/// shown and then not saved, and it is the daily new-card limit that holds it back.
pub fn practice<'a>(cards: impl IntoIterator<Item = Option<&'a CardState>>) -> Vec<usize> {
    let mut studied: Vec<(Timestamp, usize)> = cards
        .into_iter()
        .enumerate()
        .filter_map(|(i, state)| {
            state
                .filter(|s| s.phase != CardStage::New)
                .map(|s| (s.due, i))
        })
        .collect();
    studied.sort();
    studied.into_iter().map(|(_, i)| i).collect()
}
