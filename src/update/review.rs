//! The review state machine: Prompt → Revealed → graded (saved by the shell) → the next
//! card's Prompt, or the summary. Undo steps back. Anything else does nothing.

use std::collections::VecDeque;

use jiff::{SignedDuration, Timestamp};

use super::{flash, flash_error, panes};
use crate::action::{Action, Effect, Effects, Failure};
use crate::srs::{Phase as CardPhase, queue};
use crate::state::{App, Graded, Phase, ReviewSession, Screen};

/// A learning card due within this long is shown rather than waited for, as in Anki.
pub const LEARN_AHEAD: SignedDuration = SignedDuration::from_mins(20);

/// Whether card `i` is in the deck (when given) and the review's topic or tag filter.
fn in_scope(app: &App, i: usize, deck: Option<&str>) -> bool {
    app.card(i).is_some_and(|(d, card)| {
        deck.is_none_or(|id| d.meta.id == id)
            && app
                .topic_filter
                .as_ref()
                .is_none_or(|t| *t == card.topic || card.tags.contains(t))
    })
}

/// Due and new counts for the home screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeckCounts {
    pub learning: usize,
    pub review: usize,
    pub new: usize,
}

impl DeckCounts {
    /// Everything to study today: new cards and due ones.
    pub fn today(self) -> usize {
        self.new + self.due()
    }

    /// Cards already studied and due again (learning or review).
    pub fn due(self) -> usize {
        self.learning + self.review
    }

    /// "N today (x new, y due)".
    pub fn summary(self) -> String {
        format!(
            "{} today ({} new, {} due)",
            self.today(),
            self.new,
            self.due()
        )
    }
}

/// What is left of the review session, counted as Anki does: the card on screen, the
/// rest of the queue and the learning cards coming back later, by their phase now.
/// `None` outside a review.
pub fn session_counts(app: &App) -> Option<DeckCounts> {
    let session = app.review.as_ref()?;
    let cards = session
        .phase
        .card()
        .into_iter()
        .chain(session.queue.iter().copied())
        .chain(session.later.iter().map(|&(i, _)| i));
    Some(count_by_phase(app, cards))
}

/// Cards counted by their phase now, as Anki counts them: new, learning, review.
fn count_by_phase(app: &App, cards: impl IntoIterator<Item = usize>) -> DeckCounts {
    let mut counts = DeckCounts::default();
    for i in cards {
        match app
            .card_id(i)
            .and_then(|id| app.states.get(id))
            .map(|s| s.phase)
        {
            None | Some(CardPhase::New) => counts.new += 1,
            Some(CardPhase::Review) => counts.review += 1,
            Some(CardPhase::Learning | CardPhase::Relearning) => counts.learning += 1,
        }
    }
    counts
}

/// The study queue now, over every card or one deck.
fn build_queue(app: &App, deck: Option<&str>, now: Timestamp) -> queue::Queue {
    let indices: Vec<usize> = (0..app.cards.len())
        .filter(|&i| in_scope(app, i, deck))
        .collect();
    let states = indices
        .iter()
        .map(|&i| app.card_id(i).and_then(|id| app.states.get(id)));
    let q = queue::build(
        states,
        now,
        app.day_end,
        (app.new_per_day, app.reviews_per_day),
        app.done_today,
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
pub fn deck_counts(app: &App, deck: Option<&str>, now: Timestamp) -> DeckCounts {
    count_by_phase(app, build_queue(app, deck, now).now)
}

/// Starts a review session of what is due; with nothing due, practice ahead.
pub fn start_review(app: &mut App, now: Timestamp) -> Effects {
    let deck = app.deck_filter.clone();
    let q = build_queue(app, deck.as_deref(), now);
    let mut queue: VecDeque<usize> = q.now.into_iter().collect();
    let mut practice = false;
    if queue.is_empty() && q.later.is_empty() {
        // Practise ahead: the deck's studied cards, soonest due first; nothing is saved.
        let all: Vec<usize> = (0..app.cards.len())
            .filter(|&i| in_scope(app, i, deck.as_deref()))
            .collect();
        let states = all
            .iter()
            .map(|&i| app.card_id(i).and_then(|id| app.states.get(id)));
        queue = queue::practice(states)
            .into_iter()
            .map(|i| all[i])
            .collect();
        practice = true;
    }
    if let Some(limit) = app.limit {
        queue.truncate(limit);
    }
    app.review = Some(ReviewSession {
        practice,
        queue,
        later: q.later,
        phase: Phase::Finished,
        graded: Vec::new(),
        started: now,
        saving: None,
    });
    app.screen = Screen::Review;
    if practice && app.review.as_ref().is_some_and(|r| r.queue.is_empty()) {
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
    advance(app, now)
}

/// Moves to the next card, the wait for a learning card, or the summary.
fn advance(app: &mut App, now: Timestamp) -> Effects {
    let Some(session) = app.review.as_mut() else {
        return Effects::none();
    };
    match queue::next(&mut session.queue, &mut session.later, now, LEARN_AHEAD) {
        Some(card) => {
            session.phase = Phase::Prompt {
                card,
                shown_at: now,
            };
            panes::reset_view(app);
            app.console.start_over();
            super::ensure_lab(app, now);
            Effects::one(Effect::Highlight(card))
        }
        None => {
            session.phase = match session.later.first() {
                Some(&(_, at)) => Phase::Waiting { until: at },
                None => Phase::Finished,
            };
            Effects::none()
        }
    }
}

pub fn update_review(app: &mut App, action: Action, now: Timestamp) -> Effects {
    if app.screen != Screen::Review {
        return Effects::none();
    }
    match action {
        Action::Reveal => reveal(app, now),
        Action::Grade(rating) => grade(app, rating, now),
        Action::ReviewSaved(recorded) => saved(
            app,
            Some(recorded.id),
            recorded.outcome,
            recorded.state,
            now,
        ),
        Action::Failed(failure @ Failure::Save { .. }) => {
            if let Some(s) = app.review.as_mut() {
                s.saving = None;
            }
            flash_error(app, failure.to_string());
            Effects::none()
        }
        Action::Undo => undo(app, now),
        Action::Undone(undone) => {
            let restored = undone.restored;
            let card = app.index_of(&undone.card_id);
            match restored {
                Some(state) => {
                    app.states.insert(undone.card_id.clone(), state);
                }
                None => {
                    app.states.remove(&undone.card_id);
                }
            }
            stepped_back(app, card, now);
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
        Action::Tick => match app.review.as_ref().map(|s| &s.phase) {
            Some(Phase::Waiting { until }) if *until <= now + LEARN_AHEAD => advance(app, now),
            _ => Effects::none(),
        },
        _ => Effects::none(),
    }
}

fn reveal(app: &mut App, now: Timestamp) -> Effects {
    let Some(Phase::Prompt { card, shown_at }) = app.review.as_ref().map(|s| s.phase.clone())
    else {
        return Effects::none();
    };
    let Some(id) = app.card_id(card).map(str::to_string) else {
        return Effects::none();
    };
    match app.scheduler.preview(&id, app.states.get(&id), now) {
        Ok(outcomes) => {
            if let Some(s) = app.review.as_mut() {
                s.phase = Phase::Revealed {
                    card,
                    shown_at,
                    outcomes,
                };
            }
            panes::show_answer(app);
        }
        Err(e) => flash_error(app, format!("cannot schedule {id}: {e}")),
    }
    Effects::none()
}

fn grade(app: &mut App, rating: crate::srs::Rating, now: Timestamp) -> Effects {
    let Some(session) = app.review.as_mut() else {
        return Effects::none();
    };
    let Phase::Revealed {
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
    if session.practice {
        let outcome = outcomes[usize::from(rating.number() - 1)];
        return saved(app, None, outcome, outcome.state, now);
    }
    let Some(card_id) = app.card_id(card).map(str::to_string) else {
        return Effects::none();
    };
    // The log keeps milliseconds: graded at a whole one, the state saved is the state held.
    let at = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
    let before = app.states.get(&card_id).copied();
    let outcome = match app.scheduler.review(&card_id, before.as_ref(), rating, at) {
        Ok(outcome) => outcome,
        Err(e) => {
            flash_error(app, format!("cannot schedule {card_id}: {e}"));
            return Effects::none();
        }
    };
    if let Some(s) = app.review.as_mut() {
        s.saving = Some(rating);
    }
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

/// A grade is safe (saved, or practice): record it and move on. `state` is the card's
/// state now: `outcome.state`, or what the store recomputed when another tutor had graded
/// the card meanwhile.
fn saved(
    app: &mut App,
    review_id: Option<i64>,
    outcome: crate::srs::Outcome,
    state: crate::srs::CardState,
    now: Timestamp,
) -> Effects {
    let current = app.review.as_ref().and_then(|s| match &s.phase {
        Phase::Prompt { card, shown_at } | Phase::Revealed { card, shown_at, .. } => {
            Some((*card, *shown_at))
        }
        Phase::Waiting { .. } | Phase::Finished => None,
    });
    let Some((card, shown_at)) = current else {
        return Effects::none();
    };
    let Some(id) = app.card_id(card).map(str::to_string) else {
        return Effects::none();
    };
    let before = app.states.get(&id).copied();
    let day_end = app.day_end;
    let Some(session) = app.review.as_mut() else {
        return Effects::none();
    };
    session.saving = None;
    session.graded.push(Graded {
        card,
        rating: outcome.rating,
        review_id,
        before,
        after: state,
        duration_ms: elapsed_ms(shown_at, now),
    });
    let comes_back =
        matches!(state.phase, CardPhase::Learning | CardPhase::Relearning) && state.due < day_end;
    if comes_back {
        session.later.push((card, state.due));
    }
    if !session.practice {
        match outcome.phase_before {
            CardPhase::New => app.done_today.new += 1,
            CardPhase::Review => app.done_today.reviews += 1,
            CardPhase::Learning | CardPhase::Relearning => {}
        }
        app.states.insert(id, state);
    }
    advance(app, now)
}

fn undo(app: &mut App, now: Timestamp) -> Effects {
    let Some(session) = app.review.as_mut() else {
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
            stepped_back(app, Some(last.card), now);
            let id = app.card_id(last.card).unwrap_or_default().to_string();
            flash(
                app,
                format!("undid {} on {id} (practice)", last.rating.label()),
            );
            Effects::none()
        }
    }
}

/// After an undo: forget the last grade and show its card again.
fn stepped_back(app: &mut App, card: Option<usize>, now: Timestamp) {
    let Some(session) = app.review.as_mut() else {
        return;
    };
    let Some(last) = session.graded.pop() else {
        return;
    };
    let card = card.unwrap_or(last.card);
    // The card comes back from wherever it waits, so it is never in two places.
    session.later.retain(|&(c, _)| c != card);
    session.queue.retain(|&c| c != card);
    if let Some(current) = session.phase.card().filter(|&c| c != card) {
        session.queue.push_front(current);
    }
    session.phase = Phase::Prompt {
        card,
        shown_at: now,
    };
    if !session.practice {
        match last.before.map(|s| s.phase) {
            None | Some(CardPhase::New) => {
                app.done_today.new = app.done_today.new.saturating_sub(1);
            }
            Some(CardPhase::Review) => {
                app.done_today.reviews = app.done_today.reviews.saturating_sub(1);
            }
            _ => {}
        }
    }
    panes::reset_view(app);
    app.console.start_over();
}
