//! The review state machine: Prompt → Revealed → graded (saved by the shell) → the next
//! card's Prompt, or the summary. Undo steps back. Anything else does nothing.

use std::collections::VecDeque;

use jiff::{SignedDuration, Timestamp};

use super::{flash, flash_error, panes};
use crate::action::{Action, Effect, Effects};
use crate::srs::{CardStage, queue};
use crate::state::{App, DeckCounts, Graded, ReviewSession, ReviewStep, Screen};

/// A learning card due within this long is shown rather than waited for, as in Anki.
pub const LEARN_AHEAD: SignedDuration = SignedDuration::from_mins(20);

/// Whether card `i` is in the deck (when given) and the review's topic or tag filter.
fn in_scope(app: &App, i: usize, deck: Option<&str>) -> bool {
    app.card(i).is_some_and(|(d, card)| {
        deck.is_none_or(|id| d.meta.id == id)
            && app
                .study
                .topic_filter
                .as_ref()
                .is_none_or(|t| *t == card.topic || card.tags.contains(t))
    })
}

/// The study queue now, over every card or one deck.
fn build_queue(app: &App, deck: Option<&str>, now: Timestamp) -> queue::Queue {
    let indices: Vec<usize> = (0..app.study.cards.len())
        .filter(|&i| in_scope(app, i, deck))
        .collect();
    let states = indices
        .iter()
        .map(|&i| app.card_id(i).and_then(|id| app.study.states.get(id)));
    let q = queue::build(
        states,
        now,
        app.study.day_end,
        (app.study.new_per_day, app.study.reviews_per_day),
        app.study.done_today,
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
    app.study.count_by_phase(build_queue(app, deck, now).now)
}

/// Starts a review session of what is due; with nothing due, practice ahead.
pub fn start_review(app: &mut App, now: Timestamp) -> Effects {
    let deck = app.study.deck_filter.clone();
    let q = build_queue(app, deck.as_deref(), now);
    let mut queue: VecDeque<usize> = q.now.into_iter().collect();
    let mut practice = false;
    if queue.is_empty() && q.later.is_empty() {
        // Practise ahead: the deck's studied cards, soonest due first; nothing is saved.
        let all: Vec<usize> = (0..app.study.cards.len())
            .filter(|&i| in_scope(app, i, deck.as_deref()))
            .collect();
        let states = all
            .iter()
            .map(|&i| app.card_id(i).and_then(|id| app.study.states.get(id)));
        queue = queue::practice(states)
            .into_iter()
            .map(|i| all[i])
            .collect();
        practice = true;
    }
    if let Some(limit) = app.study.limit {
        queue.truncate(limit);
    }
    let nothing = queue.is_empty();
    app.screen = Screen::Review(ReviewSession {
        practice,
        queue,
        later: q.later,
        phase: ReviewStep::Finished,
        graded: Vec::new(),
        started: now,
        saving: None,
    });
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
    advance(app, now)
}

/// Moves to the next card, the wait for a learning card, or the summary.
fn advance(app: &mut App, now: Timestamp) -> Effects {
    let Some(session) = review_mut(app) else {
        return Effects::none();
    };
    match queue::next(&mut session.queue, &mut session.later, now, LEARN_AHEAD) {
        Some(card) => {
            session.phase = ReviewStep::Prompt {
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
                Some(&(_, at)) => ReviewStep::Waiting { until: at },
                None => ReviewStep::Finished,
            };
            Effects::none()
        }
    }
}

/// The review session, when the review is up.
fn review_mut(app: &mut App) -> Option<&mut ReviewSession> {
    match &mut app.screen {
        Screen::Review(session) => Some(session),
        _ => None,
    }
}

pub fn update_review(app: &mut App, action: Action, now: Timestamp) -> Effects {
    if !matches!(app.screen, Screen::Review(_)) {
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
        Action::SaveFailed(message) => {
            if let Some(s) = review_mut(app) {
                s.saving = None;
            }
            flash_error(
                app,
                format!("not saved: {message}; the card stays, grade again to retry"),
            );
            Effects::none()
        }
        Action::Undo => undo(app, now),
        Action::Undone(undone) => {
            let restored = undone.restored;
            let card = app.study.index_of(&undone.card_id);
            match restored {
                Some(state) => {
                    app.study.states.insert(undone.card_id.clone(), state);
                }
                None => {
                    app.study.states.remove(&undone.card_id);
                }
            }
            stepped_back(app, card, now);
            flash(
                app,
                format!("undid {} on {}", undone.rating.label(), undone.card_id),
            );
            Effects::none()
        }
        Action::UndoFailed(message) => {
            flash_error(app, format!("cannot undo: {message}"));
            Effects::none()
        }
        Action::Tick => match app.review().map(|s| &s.phase) {
            Some(ReviewStep::Waiting { until }) if *until <= now + LEARN_AHEAD => advance(app, now),
            _ => Effects::none(),
        },
        _ => Effects::none(),
    }
}

fn reveal(app: &mut App, now: Timestamp) -> Effects {
    let Some(ReviewStep::Prompt { card, shown_at }) = app.review().map(|s| s.phase.clone()) else {
        return Effects::none();
    };
    let Some(id) = app.card_id(card).map(str::to_string) else {
        return Effects::none();
    };
    match app
        .study
        .scheduler
        .preview(&id, app.study.states.get(&id), now)
    {
        Ok(outcomes) => {
            if let Some(s) = review_mut(app) {
                s.phase = ReviewStep::Revealed {
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
    let Some(session) = review_mut(app) else {
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
    if session.practice {
        let outcome = outcomes[usize::from(rating.number() - 1)];
        return saved(app, None, outcome, outcome.state, now);
    }
    let Some(card_id) = app.card_id(card).map(str::to_string) else {
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
        Err(e) => {
            flash_error(app, format!("cannot schedule {card_id}: {e}"));
            return Effects::none();
        }
    };
    if let Some(s) = review_mut(app) {
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
    let current = app.review().and_then(|s| match &s.phase {
        ReviewStep::Prompt { card, shown_at } | ReviewStep::Revealed { card, shown_at, .. } => {
            Some((*card, *shown_at))
        }
        ReviewStep::Waiting { .. } | ReviewStep::Finished => None,
    });
    let Some((card, shown_at)) = current else {
        return Effects::none();
    };
    let Some(id) = app.card_id(card).map(str::to_string) else {
        return Effects::none();
    };
    let before = app.study.states.get(&id).copied();
    let day_end = app.study.day_end;
    let Some(session) = review_mut(app) else {
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
        matches!(state.phase, CardStage::Learning | CardStage::Relearning) && state.due < day_end;
    if comes_back {
        session.later.push((card, state.due));
    }
    if !session.practice {
        match outcome.phase_before {
            CardStage::New => app.study.done_today.new += 1,
            CardStage::Review => app.study.done_today.reviews += 1,
            CardStage::Learning | CardStage::Relearning => {}
        }
        app.study.states.insert(id, state);
    }
    advance(app, now)
}

fn undo(app: &mut App, now: Timestamp) -> Effects {
    let Some(session) = review_mut(app) else {
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
    let Some(session) = review_mut(app) else {
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
    session.phase = ReviewStep::Prompt {
        card,
        shown_at: now,
    };
    if !session.practice {
        match last.before.map(|s| s.phase) {
            None | Some(CardStage::New) => {
                app.study.done_today.new = app.study.done_today.new.saturating_sub(1);
            }
            Some(CardStage::Review) => {
                app.study.done_today.reviews = app.study.done_today.reviews.saturating_sub(1);
            }
            _ => {}
        }
    }
    panes::reset_view(app);
    app.console.start_over();
}
