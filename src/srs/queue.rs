//! What to study now: due learning cards, then due reviews, then new cards, within the
//! daily limits.

use jiff::Timestamp;

use super::{CardState, Phase};

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
            Some(s) if matches!(s.phase, Phase::Learning | Phase::Relearning) => {
                if s.due <= now {
                    learning.push((s.due, i));
                } else if s.due < day_end {
                    later.push((i, s.due));
                }
            }
            Some(s) if s.phase == Phase::Review && s.due < day_end => reviews.push((s.due, i)),
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
