//! Fitting personal FSRS parameters to the user's own review history, with the `fsrs`
//! crate's optimizer, and measuring the fit as log loss on that history.
//!
//! Memory is bounded however long the history: the log is read twice, card by card,
//! never whole (once to choose the cards, once to build their training items), and a
//! fit holds at most [`MAX_TRAINING_STEPS`] review steps: the cards reviewed most
//! recently, whole, as many as fit in that. (A million reviews took 1.3 GB when every
//! item was built; see BENCHMARKS.md.) Whole cards, not the newest items: a card's
//! first items are the ones the crate starts its fit from, and the newest items of a
//! long history are all late in their cards.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview, compute_parameters};
use jiff::Timestamp;

use crate::srs::{Review, whole_days};
use crate::store::{Store, StoreError};

/// Below this many reviews the defaults stay: a fit to a few hundred answers follows
/// their noise more than the user's memory. (The crate itself refits only the four
/// initial stabilities below 64 training items.)
pub const MIN_REVIEWS: usize = 400;

/// The most training data one fit holds, in review steps (an item of n reviews is n
/// steps: the card's history up to the review it predicts). A longer history is fitted
/// on the cards reviewed most recently, whole, up to this. Two million steps are tens
/// of thousands of items, far more than a stable fit needs; see BENCHMARKS.md for the
/// memory and time at a million reviews.
pub const MAX_TRAINING_STEPS: usize = 2_000_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Reviews in the whole history.
    pub reviews: usize,
    /// Training items the fit used, from `cards` cards.
    pub items: usize,
    pub cards: usize,
    /// Training items and cards in the whole history.
    pub all_items: usize,
    pub all_cards: usize,
    pub old: Vec<f32>,
    pub new: Vec<f32>,
    pub old_log_loss: f32,
    pub new_log_loss: f32,
}

impl Fit {
    /// The new parameters predict the history at least as well as the old ones.
    pub fn improves(&self) -> bool {
        self.new_log_loss <= self.old_log_loss
    }

    /// Cards were left out to keep within [`MAX_TRAINING_STEPS`].
    pub fn bounded(&self) -> bool {
        self.cards < self.all_cards
    }

    /// What the fit was made on, in one sentence: all of the history, or which part of it
    /// and why.
    pub fn summary(&self) -> String {
        if self.bounded() {
            format!(
                "fitted on the {} cards reviewed most recently, of {} ({} of {} training items; \
                 {} reviews in all): a fit holds at most {} review steps, which bounds its memory",
                self.cards,
                self.all_cards,
                self.items,
                self.all_items,
                self.reviews,
                MAX_TRAINING_STEPS
            )
        } else {
            format!(
                "fitted on {} reviews ({} training items)",
                self.reviews, self.items
            )
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Optimized {
    NotEnough { reviews: usize, needed: usize },
    Fitted(Fit),
}

#[derive(Debug, thiserror::Error)]
pub enum OptimizeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the optimizer failed: {0}")]
    Fsrs(#[from] fsrs::FSRSError),
}

/// Turns reviews, card by card and each card's oldest first, into training items,
/// holding one card's reviews at a time.
#[derive(Default)]
struct ItemBuilder {
    card: String,
    /// Cards seen so far: the current card's place in the history, from 1.
    cards: usize,
    reviews: Vec<FSRSReview>,
    previous: Option<Timestamp>,
}

impl ItemBuilder {
    /// Adds a review; gives the length of the item it makes, if it makes one (see
    /// [`training_items`]): the item is [`ItemBuilder::reviews`] then.
    fn push(&mut self, card: &str, review: Review) -> Option<usize> {
        if card != self.card || self.cards == 0 {
            self.card.clear();
            self.card.push_str(card);
            self.cards += 1;
            self.reviews.clear();
            self.previous = None;
        }
        self.reviews.push(FSRSReview {
            rating: u32::from(review.rating.number()),
            delta_t: self.previous.map_or(0, |p| whole_days(p, review.at)),
        });
        self.previous = Some(review.at);
        let makes = self.reviews.len() >= 2 && self.reviews.last().is_some_and(|r| r.delta_t > 0);
        makes.then_some(self.reviews.len())
    }
}

/// One training item per review that came at least a day after the card's previous one
/// (same-day reviews are learning steps, not tests of memory; the crate needs a
/// long-term review in every item): the card's history up to and including it, with
/// whole days between reviews (0 for the first).
pub fn training_items(history: &[(String, Vec<Review>)]) -> Vec<FSRSItem> {
    let mut builder = ItemBuilder::default();
    let mut items = Vec::new();
    for (card, reviews) in history {
        for review in reviews {
            if builder.push(card, *review).is_some() {
                items.push(FSRSItem {
                    reviews: builder.reviews.clone(),
                });
            }
        }
    }
    items
}

/// A history read card by card, each card's reviews oldest first, as often as asked.
pub trait Source {
    type Error: From<fsrs::FSRSError>;
    fn each(&self, f: &mut dyn FnMut(&str, Review)) -> Result<(), Self::Error>;
}

impl Source for [(String, Vec<Review>)] {
    type Error = fsrs::FSRSError;
    fn each(&self, f: &mut dyn FnMut(&str, Review)) -> Result<(), Self::Error> {
        for (card, reviews) in self {
            for review in reviews {
                f(card, *review);
            }
        }
        Ok(())
    }
}

impl Source for Store {
    type Error = OptimizeError;
    fn each(&self, f: &mut dyn FnMut(&str, Review)) -> Result<(), Self::Error> {
        Ok(self.each_review_by_card(f)?)
    }
}

/// The cards a fit uses: the most recently reviewed, whole, whose items add up to at
/// most `max_steps` review steps. The first pass keeps each card's last review, place
/// and size in a heap (least recent on top, dropped while over the limit), so it holds
/// no more than the limit allows.
struct Chosen {
    reviews: usize,
    all_items: usize,
    all_cards: usize,
    /// The places (see [`ItemBuilder::cards`]) of the chosen cards, ascending.
    cards: Vec<usize>,
}

/// A card as the first pass sees it: (last review in ms, place), then its steps.
type CardSize = Reverse<((i64, usize), usize)>;

fn choose<S: Source + ?Sized>(source: &S, max_steps: usize) -> Result<Chosen, S::Error> {
    let mut builder = ItemBuilder::default();
    let mut kept: BinaryHeap<CardSize> = BinaryHeap::new();
    let mut steps = 0usize;
    let (mut reviews, mut all_items) = (0usize, 0usize);
    // The card being read: its place, last review and steps so far.
    let mut card: Option<(usize, i64, usize)> = None;
    let mut keep = |card: (usize, i64, usize)| {
        let (place, last, size) = card;
        kept.push(Reverse(((last, place), size)));
        steps += size;
        while steps > max_steps {
            let Some(Reverse((_, size))) = kept.pop() else {
                break;
            };
            steps -= size;
        }
    };
    source.each(&mut |id, review| {
        reviews += 1;
        let item = builder.push(id, review);
        let place = builder.cards;
        match &mut card {
            Some((p, last, size)) if *p == place => {
                *last = review.at.as_millisecond();
                *size += item.unwrap_or(0);
            }
            _ => {
                if let Some(done) = card.take() {
                    keep(done);
                }
                card = Some((place, review.at.as_millisecond(), item.unwrap_or(0)));
            }
        }
        all_items += usize::from(item.is_some());
    })?;
    if let Some(done) = card {
        keep(done);
    }
    let mut cards: Vec<usize> = kept
        .into_iter()
        .map(|Reverse(((_, place), _))| place)
        .collect();
    cards.sort_unstable();
    Ok(Chosen {
        reviews,
        all_items,
        all_cards: builder.cards,
        cards,
    })
}

/// Fits parameters to `history`, starting from `current` (empty: the defaults).
pub fn optimize(
    history: &[(String, Vec<Review>)],
    current: &[f32],
) -> Result<Optimized, fsrs::FSRSError> {
    optimize_within(history, current, MAX_TRAINING_STEPS)
}

/// Fits parameters to the history `source` reads, on its newest items up to
/// `max_steps` review steps.
pub fn optimize_within<S: Source + ?Sized>(
    source: &S,
    current: &[f32],
    max_steps: usize,
) -> Result<Optimized, S::Error> {
    let chosen = choose(source, max_steps)?;
    if chosen.reviews < MIN_REVIEWS {
        return Ok(Optimized::NotEnough {
            reviews: chosen.reviews,
            needed: MIN_REVIEWS,
        });
    }
    let mut items = Vec::new();
    let mut builder = ItemBuilder::default();
    source.each(&mut |card, review| {
        if builder.push(card, review).is_some()
            && chosen.cards.binary_search(&builder.cards).is_ok()
        {
            items.push(FSRSItem {
                reviews: builder.reviews.clone(),
            });
        }
    })?;
    let old = if current.is_empty() {
        fsrs::DEFAULT_PARAMETERS.to_vec()
    } else {
        current.to_vec()
    };
    let new = compute_parameters(ComputeParametersInput {
        train_set: items.clone(),
        enable_short_term: true,
        num_relearning_steps: Some(crate::srs::RELEARNING_STEPS.len()),
        ..ComputeParametersInput::default()
    })?;
    let loss = |params: &[f32], items: Vec<FSRSItem>| -> Result<f32, fsrs::FSRSError> {
        Ok(FSRS::new(params)?.evaluate(items, |_| true)?.log_loss)
    };
    let count = items.len();
    let old_log_loss = loss(&old, items.clone())?;
    let new_log_loss = loss(&new, items)?;
    Ok(Optimized::Fitted(Fit {
        reviews: chosen.reviews,
        items: count,
        cards: chosen.cards.len(),
        all_items: chosen.all_items,
        all_cards: chosen.all_cards,
        old_log_loss,
        new_log_loss,
        old,
        new,
    }))
}

#[cfg(test)]
mod tests {
    use jiff::{SignedDuration, Timestamp};

    use super::*;
    use crate::srs::{Rating, Scheduler, Settings};

    /// A bounded fit says it used part of the history, never "fitted on" all of it (it
    /// said "fitted on 1000000 reviews" and then that 1,619 of 20,000 cards were used).
    #[test]
    fn the_summary_says_what_the_fit_was_made_on() {
        let mut fit = Fit {
            reviews: 1_000_000,
            items: 76_915,
            cards: 1_619,
            all_items: 980_000,
            all_cards: 20_000,
            old: Vec::new(),
            new: Vec::new(),
            old_log_loss: 0.3,
            new_log_loss: 0.2,
        };
        assert_eq!(
            fit.summary(),
            "fitted on the 1619 cards reviewed most recently, of 20000 (76915 of 980000 \
             training items; 1000000 reviews in all): a fit holds at most 2000000 review \
             steps, which bounds its memory"
        );
        fit.cards = fit.all_cards;
        fit.items = fit.all_items;
        assert_eq!(
            fit.summary(),
            "fitted on 1000000 reviews (980000 training items)"
        );
    }

    /// A deterministic pseudo-random stream (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn unit(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
            #[allow(clippy::cast_precision_loss)]
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            unit
        }
    }

    /// A learner who forgets faster than the default model expects: recall follows the
    /// FSRS curve with a third of the scheduled stability.
    fn simulated_history(cards: usize, reviews_per_card: usize) -> Vec<(String, Vec<Review>)> {
        let scheduler = Scheduler::new(&Settings::default()).unwrap();
        let mut rng = Rng(0x5EED);
        let start: Timestamp = "2025-01-01T08:00:00Z".parse().unwrap();
        (0..cards)
            .map(|c| {
                let id = format!("card-{c}");
                let mut at = start + SignedDuration::from_mins(i64::try_from(c).unwrap());
                let mut state = None;
                let mut reviews = Vec::new();
                for _ in 0..reviews_per_card {
                    let rating = match &state {
                        None => Rating::Good,
                        Some(s) => {
                            let s: &crate::srs::CardState = s;
                            let days = f64::from(whole_days(s.last_review, at));
                            let stability = f64::from(s.memory.stability) / 3.0;
                            let recall = (1.0 + 19.0 / 81.0 * days / stability).powf(-0.5);
                            let roll = rng.unit();
                            if roll > recall {
                                Rating::Again
                            } else if roll > recall * 0.85 {
                                Rating::Hard
                            } else if roll < 0.1 {
                                Rating::Easy
                            } else {
                                Rating::Good
                            }
                        }
                    };
                    let outcome = scheduler.review(&id, state.as_ref(), rating, at).unwrap();
                    reviews.push(Review { at, rating });
                    at = outcome.state.due;
                    state = Some(outcome.state);
                }
                (id, reviews)
            })
            .collect()
    }

    #[test]
    fn items_carry_whole_days_between_reviews() {
        let t: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
        let history = vec![(
            "a".to_string(),
            vec![
                Review {
                    at: t,
                    rating: Rating::Good,
                },
                Review {
                    at: t + SignedDuration::from_hours(30),
                    rating: Rating::Again,
                },
                Review {
                    at: t + SignedDuration::from_hours(31),
                    rating: Rating::Good,
                },
            ],
        )];
        let items = training_items(&history);
        assert_eq!(items.len(), 1, "the same-day review makes no item");
        let only: Vec<(u32, u32)> = items[0]
            .reviews
            .iter()
            .map(|r| (r.rating, r.delta_t))
            .collect();
        assert_eq!(only, [(3, 0), (1, 1)]);
    }

    #[test]
    fn too_little_history_keeps_the_defaults() {
        let history = simulated_history(10, 5);
        assert_eq!(
            optimize(&history, &[]).unwrap(),
            Optimized::NotEnough {
                reviews: 50,
                needed: MIN_REVIEWS
            }
        );
    }

    #[test]
    fn a_fit_to_a_forgetful_learner_beats_the_defaults() {
        let history = simulated_history(120, 8);
        let Optimized::Fitted(fit) = optimize(&history, &[]).unwrap() else {
            panic!("960 reviews should be enough");
        };
        assert_eq!(fit.reviews, 960);
        assert_eq!(fit.old, fsrs::DEFAULT_PARAMETERS.to_vec());
        assert_eq!(fit.new.len(), 21);
        assert_ne!(fit.new, fit.old);
        assert!(
            fit.improves(),
            "new {} vs old {}",
            fit.new_log_loss,
            fit.old_log_loss
        );
        assert!(fit.new_log_loss < fit.old_log_loss * 0.98, "{fit:?}");
    }

    /// A history too long for the bound is fitted on the cards reviewed most recently,
    /// whole, as many as fit in the bound, and says so; the store's streamed history
    /// gives the same fit as the history in memory.
    #[test]
    fn a_long_history_is_fitted_on_its_latest_cards_within_the_bound() {
        // In the store's order (by id), so both sources give the fit the same items in
        // the same order.
        let mut history = simulated_history(120, 8);
        history.sort_by(|a, b| a.0.cmp(&b.0));
        // Every card's last review and steps, most recent first.
        let mut cards: Vec<(i64, usize, usize)> = history
            .iter()
            .enumerate()
            .map(|(place, (card, reviews))| {
                let steps = training_items(&[(card.clone(), reviews.clone())])
                    .iter()
                    .map(|item| item.reviews.len())
                    .sum();
                (
                    reviews.last().unwrap().at.as_millisecond(),
                    place + 1,
                    steps,
                )
            })
            .collect();
        cards.sort_unstable_by(|a, b| b.cmp(a));
        let max_steps = 2_500;
        let mut steps = 0;
        let mut latest: Vec<usize> = cards
            .iter()
            .take_while(|(_, _, size)| {
                steps += size;
                steps <= max_steps
            })
            .map(|(_, place, _)| *place)
            .collect();
        latest.sort_unstable();
        assert!(latest.len() > 20 && latest.len() < 120, "{}", latest.len());

        let chosen = choose(history.as_slice(), max_steps).unwrap();
        assert_eq!((chosen.reviews, chosen.all_cards), (960, 120));
        assert_eq!(chosen.cards, latest);

        let Optimized::Fitted(fit) = optimize_within(history.as_slice(), &[], max_steps).unwrap()
        else {
            panic!("960 reviews should be enough");
        };
        assert_eq!(
            (fit.reviews, fit.cards, fit.all_cards),
            (960, latest.len(), 120)
        );
        assert_eq!(fit.all_items, training_items(&history).len());
        assert!(fit.bounded() && fit.items < fit.all_items);
        assert!(fit.new_log_loss.is_finite());

        let mut store = Store::open_in_memory().unwrap();
        let rows: Vec<crate::store::RevlogRow> = history
            .iter()
            .flat_map(|(card, reviews)| {
                reviews.iter().map(move |r| crate::store::RevlogRow {
                    card_id: card.clone(),
                    review_time: r.at.as_millisecond(),
                    rating: r.rating.number(),
                    state: 0,
                    duration_ms: 1000,
                })
            })
            .collect();
        let scheduler = Scheduler::new(&Settings::default()).unwrap();
        store
            .import_revlog(&scheduler, &rows, &crate::days::Days::utc())
            .unwrap();
        let Optimized::Fitted(streamed) = optimize_within(&store, &[], max_steps).unwrap() else {
            panic!("960 reviews should be enough");
        };
        assert_eq!(streamed, fit);
    }
}
