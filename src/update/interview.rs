//! The mock interview screen (issue 15): opening a round, the answer and code editors,
//! test runs on the worker, pause and end, the clock's ticks, and the scorecard, which
//! is saved (`Effect::SaveInterview`) once the round is over and from which one key
//! starts a practice-ahead review of the cards with missed points.

use jiff::Timestamp;

use super::{flash, flash_error, go_home, panes};
use crate::action::{Action, Effect, Effects, Failure};
use crate::interview::{Awaiting, Choice, Event, PhaseKind, Round, choose};
use crate::llm::LlmError;
use crate::mock::{MockAction, MockSession};
use crate::runner::{Outcome, Report, trust};
use crate::state::{App, HomeItem, Screen};

/// Opens the interview on a round chosen by `choice`, started at `now`; `Err` says why
/// no round can be drawn (no coding card, an unknown deck, no time).
pub fn start_interview(app: &mut App, choice: &Choice, now: Timestamp) -> Result<Effects, String> {
    let plan = choose(&app.study.library, choice).map_err(|e| e.to_string())?;
    let coding = plan
        .phases
        .iter()
        .find(|p| p.kind == PhaseKind::Coding)
        .and_then(|p| app.study.index_of(p.card.id.as_str()));
    let starter = coding
        .and_then(|i| app.card(i))
        .and_then(|(_, c)| c.code())
        .and_then(|(python, _)| python.starter.clone())
        .unwrap_or_default();
    let mut session = MockSession::new(Round::start(plan, now), now, &starter, coding);
    session.model.clone_from(&app.model);
    let mut effects = Effects::none();
    if let Some((deck, _)) = coding.and_then(|i| app.card(i)) {
        // A bundled deck's tests ship with tutor; another deck's need the user's yes,
        // given before (in practice, or `tutor interview --trust`).
        session.trusted = trust::is_bundled(deck);
        if !session.trusted {
            effects.push(Effect::LoadTrust {
                deck: deck.meta.id.clone(),
                hash: trust::tests_hash(deck),
            });
        }
    }
    app.screen = Screen::Interview(Box::new(session));
    app.console.active = false;
    Ok(effects)
}

/// Home's "Mock interview": a round of the default length from the deck chosen (if
/// any), seeded by the clock.
pub fn open_from_home(app: &mut App, now: Timestamp) -> Effects {
    let choice = Choice {
        deck: app
            .study
            .deck_filter
            .as_deref()
            .map(crate::text::Shown::new),
        topic: None,
        minutes: crate::interview::plan::DEFAULT_MINUTES,
        seed: u64::try_from(now.as_millisecond()).unwrap_or(0),
    };
    start_interview(app, &choice, now).unwrap_or_else(|why| {
        flash_error(app, why);
        Effects::none()
    })
}

fn session(app: &mut App) -> Option<&mut MockSession> {
    match &mut app.screen {
        Screen::Interview(session) => Some(session),
        _ => None,
    }
}

/// The interview's keys, edits, ticks, test reports, and the shell's answers.
pub fn update_interview(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let shell = matches!(
        action,
        Action::Interview(MockAction::ReviewMissed)
            | Action::InterviewSaved(_)
            | Action::Failed(_)
            | Action::CancelJob
            | Action::DeckTrusted { .. }
            | Action::ModelText { .. }
            | Action::ModelDone { .. }
    );
    if shell {
        from_the_shell(app, action, now)
    } else {
        on_the_round(app, action, now)
    }
}

/// What is not for the round itself: the shell's answers, a cancelled run, `r` on the
/// scorecard.
fn from_the_shell(app: &mut App, action: Action, now: Timestamp) -> Effects {
    match action {
        Action::Interview(MockAction::ReviewMissed) => review_missed(app, now),
        Action::InterviewSaved(path) => {
            if let Some(session) = session(app) {
                session.saved = Some(Ok(path));
            }
            Effects::none()
        }
        Action::Failed(failure @ Failure::Interview { .. }) => {
            let cause = failure.to_string();
            if let Some(session) = session(app) {
                session.saved = Some(Err(cause.clone()));
            }
            flash_error(app, cause);
            Effects::none()
        }
        Action::Failed(failure) => {
            flash_error(app, failure.to_string());
            Effects::none()
        }
        Action::ModelText { turn, piece } => {
            if let Some(session) = session(app) {
                session.model_text(turn, &piece);
            }
            Effects::none()
        }
        Action::ModelDone { turn, reply } => model_done(app, turn, reply, now),
        Action::CancelJob if app.interview().is_some_and(|s| s.asking.is_some()) => {
            // Esc on the model's reply: the scripted question stands (the critique:
            // the round is saved without it).
            let turn = app
                .interview()
                .and_then(|s| s.asking.as_ref())
                .and_then(|a| a.turn);
            let mut effects = model_done(app, turn, Err(LlmError::Cancelled), now);
            effects.extend(super::jobs::update_jobs(app, action, now));
            effects
        }
        Action::CancelJob => {
            // The run is over for the round too: it gets a cancelled report.
            if let Some(session) = session(app)
                && session.awaiting() == Awaiting::Tests
            {
                let cancelled = Report {
                    lang: crate::practice::runner_lang(session.lang),
                    outcome: Outcome::Cancelled,
                    tests: Vec::new(),
                    failure: None,
                    diagnostics: Vec::new(),
                    output: String::new(),
                    output_cut: false,
                };
                session.submit_after_run = false;
                session.tests_ran(Box::new(cancelled), now);
            }
            super::jobs::update_jobs(app, action, now)
        }
        Action::DeckTrusted { .. } => {
            if let Some(session) = session(app) {
                session.trusted = true;
            }
            Effects::none()
        }
        _ => Effects::none(),
    }
}

/// The model's reply (or why there is none) for `turn`: the round takes it; the
/// critique awaited, the round is then saved.
fn model_done(
    app: &mut App,
    turn: Option<usize>,
    reply: Result<String, LlmError>,
    now: Timestamp,
) -> Effects {
    let Some(session) = session(app) else {
        return Effects::none();
    };
    let mut effects = Effects::none();
    if session.model_done(turn, reply, now) {
        effects.push(Effect::SaveInterview);
    }
    effects
}

/// Keys, edits, ticks and test reports: to the round.
fn on_the_round(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let trusted = app.interview().is_some_and(|s| s.trusted);
    let Some(session) = session(app) else {
        return super::jobs::update_jobs(app, action, now);
    };
    let mut effects = Effects::none();
    match action {
        Action::Edit(edit) => {
            if !session.coding() {
                session.draft_changed(now);
            }
            if let Some(size) = session.edit(edit) {
                flash_error(
                    app,
                    format!(
                        "the paste was {} KiB: only its first {} KiB were kept, all an \
                         answer is scored on",
                        size / 1024,
                        crate::interview::round::MAX_ANSWER / 1024
                    ),
                );
                return Effects::none();
            }
        }
        Action::Tick => {
            session.event(Event::Tick, now);
        }
        Action::TestsRan { report, .. } => session.tests_ran(report, now),
        Action::Interview(MockAction::Submit) => {
            let before = session.round.transcript().len();
            session.submit_answer(now);
            session.draft_changed(now);
            if let Some(ask) = session.ask_follow_up(before) {
                effects.push(Effect::AskModel(Box::new(ask)));
            }
        }
        Action::Interview(MockAction::Skip) => {
            session.event(Event::Next, now);
        }
        Action::Interview(MockAction::Pause) | Action::Back if !session.round.is_over() => {
            session.event(Event::Pause, now);
        }
        Action::Interview(MockAction::Resume) => {
            session.event(Event::Resume, now);
        }
        Action::Interview(MockAction::End) => {
            session.event(Event::End, now);
        }
        Action::Interview(MockAction::Run | MockAction::SubmitCode) if !trusted => {
            flash_error(
                app,
                "this deck's tests are not trusted yet: run them once in practice \
                 (`tutor practice CARD`) to trust them",
            );
            return Effects::none();
        }
        Action::Interview(MockAction::Run) => {
            if let Some(run) = session.run(now) {
                session.report = None;
                effects.push(Effect::RunTests(Box::new(run)));
            }
        }
        Action::Interview(MockAction::SubmitCode) => {
            if let Some(run) = session.submit_code(now) {
                session.report = None;
                effects.push(Effect::RunTests(Box::new(run)));
            }
        }
        Action::Back if session.awaiting_critique() => {
            // Leaving drops the screen: the round is saved first, without the critique.
            session.asking = None;
            effects.push(Effect::SaveInterview);
            flash(
                app,
                "the critique was left out: the round is saved without it",
            );
            return effects;
        }
        Action::Back => {
            go_home(app, HomeItem::Interview);
            return Effects::none();
        }
        _ => {}
    }
    // The answer being typed, to the round's draft file after a pause in typing or
    // every few seconds of it (as practice's code).
    if let Some(text) = session.take_draft(now, false) {
        effects.push(Effect::SaveInterviewDraft {
            started: session.started,
            text,
        });
    }
    if session.score_if_over() {
        match session.ask_critique() {
            Some(ask) => effects.push(Effect::AskModel(Box::new(ask))),
            None => effects.push(Effect::SaveInterview),
        }
        flash(app, "the round is over: its scorecard");
    }
    effects
}

/// `r` on the scorecard: the cards with a missed point, practised ahead (grades there
/// are not saved and change no schedule).
fn review_missed(app: &mut App, now: Timestamp) -> Effects {
    let Some(card) = app.interview().and_then(|s| s.scorecard.as_ref()) else {
        return Effects::none();
    };
    let cards: Vec<usize> = card
        .missed_cards()
        .iter()
        .filter_map(|id| app.study.index_of(id.as_str()))
        .collect();
    if cards.is_empty() {
        flash(app, "no point was missed: nothing to review");
        return Effects::none();
    }
    super::review::start_practice_ahead(app, cards, now)
}

/// j/k and the page keys: the scorecard once the round is over, else the transcript
/// (which then stops following the newest turn until scrolled back to the bottom).
pub fn scroll(app: &mut App, action: &Action) {
    let Screen::Interview(shown) = &app.screen else {
        return;
    };
    let over = shown.scorecard.is_some();
    let (max, page) = if over {
        crate::layout::interview::scorecard_limits(app, shown)
    } else {
        crate::layout::interview::transcript_limits(app, shown)
    };
    let Some(session) = session(app) else {
        return;
    };
    if over {
        panes::scroll_one(&mut session.card_scroll, action, max, page);
        return;
    }
    let mut at = session.scroll.unwrap_or(max).min(max);
    panes::scroll_one(&mut at, action, max, page);
    session.scroll = (at < max).then_some(at);
}

/// Rebuilds the transcript's wrapped rows when a turn was added or the pane's width
/// changed (after every action).
pub fn refresh(app: &mut App) {
    let Screen::Interview(shown) = &app.screen else {
        return;
    };
    let key = crate::layout::interview::rows_key(app, shown);
    if shown.rows_key == Some(key) {
        return;
    }
    let rows = crate::layout::interview::transcript_rows(app, shown);
    if let Some(session) = session(app) {
        session.rows = rows;
        session.rows_key = Some(key);
    }
}
