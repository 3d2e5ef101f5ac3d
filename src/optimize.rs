//! Fitting personal FSRS parameters to the user's own review history, with the `fsrs`
//! crate's optimizer, and measuring the fit as log loss on that history.

use fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview, compute_parameters};

use crate::srs::{Review, whole_days};

/// Below this many reviews the defaults stay: a fit to a few hundred answers follows
/// their noise more than the user's memory. (The crate itself refits only the four
/// initial stabilities below 64 training items.)
pub const MIN_REVIEWS: usize = 400;

#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub reviews: usize,
    pub items: usize,
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum Optimized {
    NotEnough { reviews: usize, needed: usize },
    Fitted(Fit),
}

/// One training item per review that came at least a day after the card's previous one
/// (same-day reviews are learning steps, not tests of memory; the crate needs a
/// long-term review in every item): the card's history up to and including it, with
/// whole days between reviews (0 for the first).
pub fn training_items(history: &[(String, Vec<Review>)]) -> Vec<FSRSItem> {
    let mut items = Vec::new();
    for (_, reviews) in history {
        let mut fsrs_reviews = Vec::with_capacity(reviews.len());
        let mut previous = None;
        for review in reviews {
            fsrs_reviews.push(FSRSReview {
                rating: u32::from(review.rating.number()),
                delta_t: previous.map_or(0, |p| whole_days(p, review.at)),
            });
            previous = Some(review.at);
            if fsrs_reviews.len() >= 2 && fsrs_reviews.last().is_some_and(|r| r.delta_t > 0) {
                items.push(FSRSItem {
                    reviews: fsrs_reviews.clone(),
                });
            }
        }
    }
    items
}

/// Fits parameters to `history`, starting from `current` (empty: the defaults).
pub fn optimize(
    history: &[(String, Vec<Review>)],
    current: &[f32],
) -> Result<Optimized, fsrs::FSRSError> {
    let reviews: usize = history.iter().map(|(_, r)| r.len()).sum();
    if reviews < MIN_REVIEWS {
        return Ok(Optimized::NotEnough {
            reviews,
            needed: MIN_REVIEWS,
        });
    }
    let items = training_items(history);
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
    let loss = |params: &[f32]| -> Result<f32, fsrs::FSRSError> {
        Ok(FSRS::new(params)?
            .evaluate(items.clone(), |_| true)?
            .log_loss)
    };
    Ok(Optimized::Fitted(Fit {
        reviews,
        items: items.len(),
        old_log_loss: loss(&old)?,
        new_log_loss: loss(&new)?,
        old,
        new,
    }))
}

#[cfg(test)]
mod tests {
    use jiff::{SignedDuration, Timestamp};

    use super::*;
    use crate::srs::{Rating, Scheduler, Settings};

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
}
