//! The practice screen: opening it on a coding card, typing code, saving it (the shell
//! writes the file), the solution behind a confirmation, and leaving back to where it
//! was opened from.

use jiff::Timestamp;

use super::{flash, flash_error, panes};
use crate::action::{Action, Effect, Effects};
use crate::highlight::Lang;
use crate::practice::{DiskChange, Focus, PracticeAction, PracticeSession, Results};
use crate::runner::trust;
use crate::state::{App, Confirm, Overlay, Screen};
use crate::store::{AttemptRecord, RunOutcome};

/// Opens practice on `card` in `lang`: from the starter, the saved attempt asked for
/// (it replaces the starter when it arrives), the screen now showing kept for Esc.
pub fn open_practice(app: &mut App, card: usize, lang: Lang) -> Effects {
    let Some((deck, c)) = app.card(card) else {
        return Effects::none();
    };
    let Some((python, rust)) = c.code() else {
        let unreadable = c.has_code();
        flash_error(
            app,
            if unreadable {
                crate::content::cache::UNREADABLE
            } else {
                "this card has no code to practise"
            },
        );
        return Effects::none();
    };
    let solution = match lang {
        Lang::Python => python,
        Lang::Rust => rust,
    };
    let starter = solution.starter.clone().unwrap_or_default();
    let card_id = c.id.as_str().to_string();
    let mut session = PracticeSession::new(card, &card_id, lang, &starter);
    // A bundled deck's tests ship with tutor; another deck's need the user's yes,
    // which may have been given before.
    session.trusted = trust::is_bundled(deck);
    let ask_trust = (!session.trusted).then(|| Effect::LoadTrust {
        deck: deck.meta.id.clone(),
        hash: trust::tests_hash(deck),
    });
    // Active time counts from the opening.
    session.touch(app.now);
    let from = Box::new(std::mem::take(&mut app.screen));
    app.screen = Screen::Practice { session, from };
    let mut effects = Effects::one(Effect::LoadAttempt {
        card: card_id,
        lang,
    });
    effects.0.extend(ask_trust);
    // The solution pane draws it highlighted once asked for.
    effects.push(Effect::Highlight(card));
    effects
}

/// The card `tutor practice` opens without one named: the first coding card due now
/// (in review order), else the first coding card; `None` if no card has code.
pub fn first_coding_card(app: &App, now: Timestamp) -> Option<usize> {
    let coding = |i: &usize| app.card(*i).is_some_and(|(_, c)| c.has_code());
    let due = super::review::build_queue(&app.study, app.study.deck_filter.as_deref(), now).now;
    due.into_iter()
        .find(coding)
        .or_else(|| (0..app.study.cards.len()).find(coding))
}

/// Rebuilds the Question pane's rows when the pane's width or the highlighted code
/// changed (after every action, as the card view's are).
pub fn refresh(app: &mut App) {
    let Screen::Practice { session: shown, .. } = &app.screen else {
        return;
    };
    let key = crate::layout::practice::question_key(app, shown);
    if shown.question_key == Some(key) {
        return;
    }
    let rows = crate::layout::practice::question_rows(app, shown);
    if let Some(session) = session(app) {
        session.question = rows;
        session.question_key = Some(key);
    }
    // The scroll stays within what the pane can show at its new size (a taller pane
    // needs less of it), as the card view's does.
    if let Screen::Practice { session: shown, .. } = &app.screen {
        let (max, _) = crate::layout::practice::question_limits(app, shown);
        if let Some(session) = session(app) {
            session.scroll = session.scroll.min(max);
        }
    }
}

/// `p` on a card view: practise the card shown, in Python.
pub fn open_from_card(app: &mut App) -> Effects {
    match app.current_card() {
        Some(card) => open_practice(app, card, Lang::Python),
        None => Effects::none(),
    }
}

fn session(app: &mut App) -> Option<&mut PracticeSession> {
    match &mut app.screen {
        Screen::Practice { session, .. } => Some(session),
        _ => None,
    }
}

/// The practice screen's own actions, its edits, its loaded attempt, and the tick that
/// saves after a pause in typing.
pub fn update_practice(app: &mut App, action: Action, now: Timestamp) -> Effects {
    if let Action::Failed(failure) = action {
        flash_error(app, failure.to_string());
        return Effects::none();
    }
    let Some(session) = session(app) else {
        return Effects::none();
    };
    if matches!(
        action,
        Action::Edit(_) | Action::Practice(_) | Action::EditedOutside { .. }
    ) {
        session.touch(now);
    }
    match action {
        Action::Practice(PracticeAction::Type) => session.editor.set_focused(true),
        Action::Practice(PracticeAction::StopTyping) => {
            session.editor.set_focused(false);
            return save(session);
        }
        Action::Practice(PracticeAction::ShowSolution) if !session.solution_shown => {
            app.overlay = Some(Overlay::Confirm(Confirm::ShowSolution));
        }
        Action::Edit(edit) => {
            session.edit(edit, now);
            // Typing without a pause still saves every few seconds.
            if session.save_due(now) {
                return save(session);
            }
        }
        Action::AttemptLoaded { card, lang, text }
            if card == session.card_id && lang == session.lang =>
        {
            session.loaded(&text);
        }
        Action::Tick => {
            // Due code first, then a look at the file: tutor's own write is known.
            let mut effects = if session.save_due(now) {
                save(session)
            } else {
                Effects::none()
            };
            effects.push(Effect::WatchAttempt {
                card: session.card_id.clone(),
                lang: session.lang,
                seen: session.disk,
            });
            return effects;
        }
        Action::AttemptOnDisk { .. } | Action::EditedOutside { .. } => {
            return from_outside(app, action);
        }
        Action::Practice(PracticeAction::EditOutside) => {
            return Effects::one(Effect::EditOutside {
                card: session.card_id.clone(),
                lang: session.lang,
                text: session.take_all(),
            });
        }
        Action::Practice(PracticeAction::Run) => return run(app),
        Action::DeckTrusted { deck, hash } => {
            let card = session.card;
            if app
                .card(card)
                .is_some_and(|(d, _)| d.meta.id == deck && trust::tests_hash(d) == hash)
                && let Some(session) = self::session(app)
            {
                session.trusted = true;
            }
        }
        _ => {}
    }
    Effects::none()
}

/// The code changed outside tutor: on disk (watch mode), or in `$EDITOR` (`e`). For
/// another card or language (practice was left and opened again), nothing.
fn from_outside(app: &mut App, action: Action) -> Effects {
    let Some(session) = session(app) else {
        return Effects::none();
    };
    match action {
        Action::AttemptOnDisk {
            card,
            lang,
            stamp,
            text,
        } if card == session.card_id && lang == session.lang => {
            let file = crate::practice::file_name(lang);
            match session.changed_on_disk(stamp, &text) {
                DiskChange::Ours => {}
                DiskChange::Reloaded => {
                    flash(
                        app,
                        format!("{file} changed on disk: reloaded, tests running"),
                    );
                    return run(app);
                }
                DiskChange::KeptYours => flash_error(
                    app,
                    format!("{file} changed on disk: kept your unsaved edits here, not the file's"),
                ),
            }
        }
        Action::EditedOutside { card, lang, result }
            if card == session.card_id && lang == session.lang =>
        {
            match result {
                Ok(text) => {
                    session.editor.set_text(&text);
                    session.unsaved = None;
                    session.written = Some(text);
                    return run(app);
                }
                Err(cause) => flash_error(app, cause),
            }
        }
        _ => {}
    }
    Effects::none()
}

/// Ctrl-R: the code saved, then the card's tests run on it as a job; a deck that is
/// not bundled asks first. Nothing while a run is under way.
fn run(app: &mut App) -> Effects {
    let Some(session) = app.practice() else {
        return Effects::none();
    };
    if session.running() {
        return Effects::none();
    }
    if !session.trusted {
        app.overlay = Some(Overlay::Confirm(Confirm::TrustTests));
        return Effects::none();
    }
    let card = session.card;
    let lang = session.lang;
    let Some((_, c)) = app.card(card) else {
        return Effects::none();
    };
    let Some((python, rust)) = c.code() else {
        return Effects::none();
    };
    let tests = match lang {
        Lang::Python => &python.tests,
        Lang::Rust => &rust.tests,
    };
    let test_run = session.test_run(c.id.clone(), tests);
    let Some(session) = self::session(app) else {
        return Effects::none();
    };
    let mut effects = save(session);
    session.results = Results::Running;
    session.results_scroll = 0;
    effects.push(Effect::RunTests(Box::new(test_run)));
    effects
}

/// `y` to "run this deck's tests?": remembered for the deck's tests as they are, then
/// the run.
pub fn trust_and_run(app: &mut App) -> Effects {
    let Some(session) = app.practice() else {
        return Effects::none();
    };
    let Some((deck, _)) = app.card(session.card) else {
        return Effects::none();
    };
    let mut effects = Effects::one(Effect::TrustDeck {
        deck: deck.meta.id.clone(),
        hash: trust::tests_hash(deck),
    });
    if let Some(session) = self::session(app) {
        session.trusted = true;
    }
    effects.extend(run(app));
    effects
}

/// What the worker reports while practice is up: the run's report goes to Results,
/// and Esc cancelling the run says so there (the job itself is the jobs' business).
pub fn from_jobs(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let Some(session) = session(app) else {
        return super::jobs::update_jobs(app, action, now);
    };
    match action {
        Action::TestsRan { card, report } if card.as_str() == session.card_id => {
            let record = completed_run(session, &report, now);
            session.results = Results::Done(report);
            session.results_scroll = 0;
            record.map_or_else(Effects::none, |r| Effects::one(Effect::RecordAttempt(r)))
        }
        Action::CancelJob => {
            if session.running() {
                session.results = Results::Cancelled;
            }
            super::jobs::update_jobs(app, action, now)
        }
        other => super::jobs::update_jobs(app, other, now),
    }
}

/// A run that ended with a verdict, counted in the session and as the store's row; `None`
/// for a cancelled run, or one whose tool is missing (nothing ran).
fn completed_run(
    session: &mut PracticeSession,
    report: &crate::runner::Report,
    now: Timestamp,
) -> Option<AttemptRecord> {
    use crate::runner::Outcome;
    let outcome = match report.outcome {
        Outcome::Passed => RunOutcome::Passed,
        Outcome::Failed => RunOutcome::Failed,
        Outcome::CompileError => RunOutcome::CompileError,
        Outcome::TimedOut(_) => RunOutcome::TimedOut,
        Outcome::Broken(_) => RunOutcome::Broken,
        Outcome::Cancelled | Outcome::Missing(_) => return None,
    };
    session.runs += 1;
    session
        .first_run_passed
        .get_or_insert(outcome == RunOutcome::Passed);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Some(AttemptRecord {
        card_id: session.card_id.clone(),
        lang: match session.lang {
            Lang::Python => "python",
            Lang::Rust => "rust",
        },
        ran_at: now,
        passed: count(report.passed()),
        failed: count(report.failed()),
        outcome,
        seconds_spent: session.seconds_spent(),
        solution_shown: session.solution_shown,
    })
}

/// The code to disk, if anything is unsaved.
fn save(session: &mut PracticeSession) -> Effects {
    match session.take_unsaved() {
        Some(text) => Effects::one(Effect::SaveAttempt {
            card: session.card_id.clone(),
            lang: session.lang,
            text,
        }),
        None => Effects::none(),
    }
}

/// Saves what is unsaved, before quitting or leaving.
pub fn save_now(app: &mut App) -> Effects {
    session(app).map_or_else(Effects::none, save)
}

/// Esc: the code saved, back to the screen practice was opened from, as it was. Back
/// in a review on the same card with every test passing, the grade row marks the
/// grade practice suggests.
pub fn leave(app: &mut App) -> Effects {
    let effects = save_now(app);
    let suggested = app.practice().and_then(|session| {
        let (_, card) = app.card(session.card)?;
        let grade = session.suggested_grade(crate::practice::expected_time(card.difficulty))?;
        Some((session.card, grade))
    });
    // The card view's focus and scroll were left as they were: it comes back as it was.
    if let Screen::Practice { from, .. } = std::mem::take(&mut app.screen) {
        app.screen = *from;
    }
    if let Screen::Review(review) = &mut app.screen
        && let Some((card, grade)) = suggested
        && review.phase.card() == Some(card)
    {
        review.suggested = Some((card, grade));
        let why = match grade {
            crate::srs::Rating::Again => "solution shown",
            crate::srs::Rating::Good => "first run, in time",
            _ => "several runs or over time",
        };
        flash(
            app,
            format!("all tests passed: ▸ {} suggested ({why})", grade.label()),
        );
    }
    effects
}

/// `y` to "show the solution?".
pub fn show_solution(app: &mut App) {
    if let Some(session) = session(app) {
        session.solution_shown = true;
    }
}

/// Tab: the other pane; j/k and the page keys: the pane in focus.
pub fn scroll(app: &mut App, action: &Action) {
    let Screen::Practice { session: shown, .. } = &app.screen else {
        return;
    };
    let (max, page) = match shown.focus {
        Focus::Question => crate::layout::practice::question_limits(app, shown),
        Focus::Results => crate::layout::practice::results_limits(app, shown),
        Focus::Solution => crate::layout::practice::solution_limits(app, shown),
    };
    let Some(session) = session(app) else {
        return;
    };
    match (action, session.focus) {
        (Action::FocusNext | Action::FocusPrev, _) => session.switch_focus(),
        (_, Focus::Question) => panes::scroll_one(&mut session.scroll, action, max, page),
        (_, Focus::Results) => {
            panes::scroll_one(&mut session.results_scroll, action, max, page);
        }
        (_, Focus::Solution) => {
            panes::scroll_one(&mut session.solution_scroll, action, max, page);
        }
    }
}
