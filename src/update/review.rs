//! The review state machine: Prompt → Revealed → graded (saved by the shell) → the next
//! card's Prompt, or the summary. Undo steps back. Anything else does nothing.

use std::collections::VecDeque;

use jiff::{SignedDuration, Timestamp};

use super::{flash, flash_error, panes};
use crate::action::{Action, Effect, Effects, Failure};
use crate::srs::{CardStage, queue};
use crate::srs::{CardState, Outcome, Rating};
use crate::state::{App, DeckCounts, Graded, ReviewSession, ReviewStep, Screen, Study};

/// The scheduler could not work out a card's next states (to show or to grade).
#[derive(Debug, thiserror::Error)]
#[error("cannot schedule {card}: {source}")]
struct ScheduleError {
    card: String,
    source: crate::srs::SrsError,
}

/// A learning card due within this long is shown rather than waited for, as in Anki.
pub const LEARN_AHEAD: SignedDuration = SignedDuration::from_mins(20);

/// Whether card `i` is in the deck (when given) and the review's topic or tag filter.
fn in_scope(study: &Study, i: usize, deck: Option<&str>) -> bool {
    study.card(i).is_some_and(|(d, card)| {
        deck.is_none_or(|id| d.meta.id == id)
            && study
                .topic_filter
                .as_ref()
                .is_none_or(|t| *t == card.topic || card.tags.contains(t))
    })
}

/// The study queue now, over every card or one deck.
pub(super) fn build_queue(study: &Study, deck: Option<&str>, now: Timestamp) -> queue::Queue {
    let indices: Vec<usize> = (0..study.cards.len())
        .filter(|&i| in_scope(study, i, deck))
        .collect();
    let states = indices
        .iter()
        .map(|&i| study.card_id(i).and_then(|id| study.states.get(id)));
    let q = queue::build(
        states,
        now,
        study.day_end,
        (study.new_per_day, study.reviews_per_day),
        study.done_today,
    );
    queue::Queue {
        now: q.now.into_iter().map(|i| indices[i]).collect(),
        later: q
            .later
            .into_iter()
            .map(|(i, at)| (indices[i], at))
            .collect(),
    }
}

/// What is due now in a deck (or everywhere), split as the home screen shows it.
pub fn deck_counts(study: &Study, deck: Option<&str>, now: Timestamp) -> DeckCounts {
    study.count_by_phase(build_queue(study, deck, now).now)
}

/// Starts a review session of what is due; with nothing due, practice ahead.
pub fn start_review(app: &mut App, now: Timestamp) -> Effects {
    let study = &app.study;
    let deck = study.deck_filter.as_deref();
    let q = build_queue(study, deck, now);
    let mut queue: VecDeque<usize> = q.now.into_iter().collect();
    let mut practice = false;
    if queue.is_empty() && q.later.is_empty() {
        // Practise ahead: the deck's studied cards, soonest due first; nothing is saved.
        let all: Vec<usize> = (0..study.cards.len())
            .filter(|&i| in_scope(study, i, deck))
            .collect();
        let states = all
            .iter()
            .map(|&i| study.card_id(i).and_then(|id| study.states.get(id)));
        queue = queue::practice(states)
            .into_iter()
            .map(|i| all[i])
            .collect();
        practice = true;
    }
    if let Some(limit) = study.limit {
        queue.truncate(limit);
    }
    let nothing = queue.is_empty();
    let mut session = ReviewSession::new(practice, queue, q.later, now);
    let shown = session.advance(now);
    app.screen = Screen::Review(session);
    if practice && nothing {
        flash(
            app,
            "nothing to study now: nothing is due and today's new cards are done",
        );
    } else if practice {
        flash(
            app,
            "nothing is due: practising ahead; these grades are not saved and change no schedule",
        );
    }
    show(app, shown, now)
}

/// Practises `cards` ahead, in that order (the mock interview's missed points): as a
/// review with nothing due does, its grades are not saved and change no schedule.
pub fn start_practice_ahead(app: &mut App, cards: Vec<usize>, now: Timestamp) -> Effects {
    let mut session = ReviewSession::new(true, cards.into_iter().collect(), Vec::new(), now);
    let shown = session.advance(now);
    app.screen = Screen::Review(session);
    flash(
        app,
        "practising the cards you missed points on: these grades are not saved and change no schedule",
    );
    show(app, shown, now)
}

/// The card the session moved on to, if any, shown from the top with the console fresh.
fn show(app: &mut App, card: Option<usize>, now: Timestamp) -> Effects {
    let Some(card) = card else {
        return Effects::none();
    };
    panes::reset_view(app);
    app.console.start_over();
    super::ensure_lab(app, now);
    Effects::one(Effect::Highlight(card))
}

pub fn update_review(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let Screen::Review(session) = &mut app.screen else {
        return Effects::none();
    };
    match action {
        Action::Reveal => match session.reveal(&app.study, now) {
            Ok(true) => {
                panes::show_answer(app);
                Effects::none()
            }
            Ok(false) => Effects::none(),
            Err(error) => {
                flash_error(app, error.to_string());
                Effects::none()
            }
        },
        Action::Grade(rating) => grade(app, rating, now),
        Action::ReviewSaved(recorded) => {
            // Another tutor graded the card meanwhile: the store graded this one again
            // from the whole log, so the wait the grade key showed is not the one saved.
            let recomputed = session
                .saving
                .is_some_and(|computed| computed.state != recorded.state);
            let shown = session.saved(
                &mut app.study,
                Some(recorded.id),
                recorded.outcome,
                recorded.state,
                now,
            );
            if recomputed {
                let wait = recorded.state.due.duration_since(now).as_secs();
                flash(
                    app,
                    format!(
                        "another tutor graded this card meanwhile; due in {}, from the whole log",
                        crate::srs::interval_label(wait)
                    ),
                );
            }
            show(app, shown, now)
        }
        Action::Failed(failure @ Failure::Save { .. }) => {
            session.saving = None;
            flash_error(app, failure.to_string());
            Effects::none()
        }
        Action::Undo => undo(app, now),
        Action::Undone(undone) => {
            let card = app.study.index_of(&undone.card_id);
            match undone.restored {
                Some(state) => {
                    app.study.states.insert(undone.card_id.clone(), state);
                }
                None => {
                    app.study.states.remove(&undone.card_id);
                }
            }
            if session.stepped_back(&mut app.study, card, now) {
                panes::reset_view(app);
                app.console.start_over();
            }
            flash(
                app,
                format!("undid {} on {}", undone.rating.label(), undone.card_id),
            );
            Effects::none()
        }
        Action::Failed(failure @ Failure::Undo { .. }) => {
            flash_error(app, failure.to_string());
            Effects::none()
        }
        Action::Tick => match session.phase {
            ReviewStep::Waiting { until } if until <= now + LEARN_AHEAD => {
                let shown = session.advance(now);
                show(app, shown, now)
            }
            _ => Effects::none(),
        },
        _ => Effects::none(),
    }
}

/// A grade on the revealed card: scheduled here, from the state the app holds, then
/// saved by the shell (`RecordReview`); practising, it counts at once.
fn grade(app: &mut App, rating: Rating, now: Timestamp) -> Effects {
    let Screen::Review(session) = &mut app.screen else {
        return Effects::none();
    };
    let ReviewStep::Revealed {
        card,
        shown_at,
        outcomes,
    } = &session.phase
    else {
        return Effects::none();
    };
    if session.saving.is_some() {
        return Effects::none();
    }
    let (card, shown_at) = (*card, *shown_at);
    session.suggested = None;
    if session.practice {
        let outcome = outcomes[usize::from(rating.number() - 1)];
        let shown = session.saved(&mut app.study, None, outcome, outcome.state, now);
        return show(app, shown, now);
    }
    let Some(card_id) = app.study.card_id(card).map(str::to_string) else {
        return Effects::none();
    };
    // The log keeps milliseconds: graded at a whole one, the state saved is the state held.
    let at = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
    let before = app.study.states.get(&card_id).copied();
    let outcome = match app
        .study
        .scheduler
        .review(&card_id, before.as_ref(), rating, at)
    {
        Ok(outcome) => outcome,
        Err(source) => {
            let error = ScheduleError {
                card: card_id,
                source,
            };
            flash_error(app, error.to_string());
            return Effects::none();
        }
    };
    session.saving = Some(outcome);
    Effects::one(Effect::RecordReview {
        card: card_id,
        before,
        outcome,
        duration_ms: elapsed_ms(shown_at, now),
    })
}

fn elapsed_ms(from: Timestamp, to: Timestamp) -> u64 {
    u64::try_from(to.duration_since(from).as_millis()).unwrap_or(0)
}

fn undo(app: &mut App, now: Timestamp) -> Effects {
    let Screen::Review(session) = &mut app.screen else {
        return Effects::none();
    };
    if session.saving.is_some() {
        return Effects::none();
    }
    let Some(last) = session.graded.last().copied() else {
        flash(app, "nothing to undo in this session");
        return Effects::none();
    };
    match last.review_id {
        Some(id) => Effects::one(Effect::UndoReview { id }),
        None => {
            if session.stepped_back(&mut app.study, Some(last.card), now) {
                panes::reset_view(app);
                app.console.start_over();
            }
            let id = app.card_id(last.card).unwrap_or_default().to_string();
            flash(
                app,
                format!("undid {} on {id} (practice)", last.rating.label()),
            );
            Effects::none()
        }
    }
}

impl ReviewSession {
    /// A session of `queue` (and `later`), started at `now`, nothing shown yet.
    fn new(
        practice: bool,
        queue: VecDeque<usize>,
        later: Vec<(usize, Timestamp)>,
        now: Timestamp,
    ) -> Self {
        Self {
            practice,
            queue,
            later,
            phase: ReviewStep::Finished,
            graded: Vec::new(),
            started: now,
            saving: None,
            suggested: None,
        }
    }

    /// Moves to the next card (returned), the wait for a learning card, or the summary.
    fn advance(&mut self, now: Timestamp) -> Option<usize> {
        match queue::next(&mut self.queue, &mut self.later, now, LEARN_AHEAD) {
            Some(card) => {
                self.phase = ReviewStep::Prompt {
                    card,
                    shown_at: now,
                };
                Some(card)
            }
            None => {
                self.phase = match self.later.first() {
                    Some(&(_, at)) => ReviewStep::Waiting { until: at },
                    None => ReviewStep::Finished,
                };
                None
            }
        }
    }

    /// Shows the answer with the four grades' outcomes, from the card's state now; `false`
    /// when there is no prompt to reveal.
    fn reveal(&mut self, study: &Study, now: Timestamp) -> Result<bool, ScheduleError> {
        let ReviewStep::Prompt { card, shown_at } = self.phase else {
            return Ok(false);
        };
        let Some(id) = study.card_id(card) else {
            return Ok(false);
        };
        let outcomes = study
            .scheduler
            .preview(id, study.states.get(id), now)
            .map_err(|source| ScheduleError {
                card: id.to_string(),
                source,
            })?;
        self.phase = ReviewStep::Revealed {
            card,
            shown_at,
            outcomes,
        };
        Ok(true)
    }

    /// A grade is safe (saved, or practice): record it and move on; returns the card shown
    /// next. `state` is the card's state now: `outcome.state`, or what the store
    /// recomputed when another tutor had graded the card meanwhile.
    fn saved(
        &mut self,
        study: &mut Study,
        review_id: Option<i64>,
        outcome: Outcome,
        state: CardState,
        now: Timestamp,
    ) -> Option<usize> {
        let (ReviewStep::Prompt { card, shown_at } | ReviewStep::Revealed { card, shown_at, .. }) =
            self.phase
        else {
            return None;
        };
        let id = study.card_id(card)?.to_string();
        let before = study.states.get(&id).copied();
        self.saving = None;
        self.graded.push(Graded {
            card,
            rating: outcome.rating,
            review_id,
            before,
            after: state,
            duration_ms: elapsed_ms(shown_at, now),
        });
        let comes_back = matches!(state.phase, CardStage::Learning | CardStage::Relearning)
            && state.due < study.day_end;
        if comes_back {
            self.later.push((card, state.due));
        }
        if !self.practice {
            match outcome.phase_before {
                CardStage::New => study.done_today.new += 1,
                CardStage::Review => study.done_today.reviews += 1,
                CardStage::Learning | CardStage::Relearning => {}
            }
            study.states.insert(id, state);
        }
        self.advance(now)
    }

    /// After an undo: forget the last grade and show its card (`card`, or the graded one)
    /// again; `false` when there was no grade to forget.
    fn stepped_back(&mut self, study: &mut Study, card: Option<usize>, now: Timestamp) -> bool {
        let Some(last) = self.graded.pop() else {
            return false;
        };
        let card = card.unwrap_or(last.card);
        // The card comes back from wherever it waits, so it is never in two places.
        self.later.retain(|&(c, _)| c != card);
        self.queue.retain(|&c| c != card);
        if let Some(current) = self.phase.card().filter(|&c| c != card) {
            self.queue.push_front(current);
        }
        self.phase = ReviewStep::Prompt {
            card,
            shown_at: now,
        };
        if !self.practice {
            match last.before.map(|s| s.phase) {
                None | Some(CardStage::New) => {
                    study.done_today.new = study.done_today.new.saturating_sub(1);
                }
                Some(CardStage::Review) => {
                    study.done_today.reviews = study.done_today.reviews.saturating_sub(1);
                }
                _ => {}
            }
        }
        true
    }
}
