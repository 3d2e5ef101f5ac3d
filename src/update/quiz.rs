//! The quiz screen: keys become `QuizAction`s for the session (pure, in `crate::quiz`);
//! each submitted answer becomes an effect to save it. A quiz never touches reviews.

use jiff::Timestamp;

use super::{flash, flash_error};
use crate::action::{Action, Effect, Effects};
use crate::quiz::{Phase, QuizAction, QuizSession, Selection};
use crate::state::{App, Screen};

/// Starts a quiz over `selection`; the order is seeded by the time, so each quiz differs.
pub fn start_quiz(app: &mut App, selection: &Selection, now: Timestamp) -> Effects {
    let seed = u64::try_from(now.as_millisecond()).unwrap_or(0);
    match QuizSession::start(&app.library, selection, seed, now) {
        Ok(session) => {
            app.quiz = Some(session);
            app.screen = Screen::Quiz;
            app.console.start_over();
        }
        Err(e) => flash_error(app, format!("cannot start a quiz: {e}")),
    }
    Effects::none()
}

pub fn update_quiz(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let Some(session) = app.quiz.as_mut() else {
        return Effects::none();
    };
    let quiz_action = match action {
        Action::Quiz(a) => a,
        Action::QuizEnter => match session.phase() {
            Phase::Answering(_) => QuizAction::Submit,
            Phase::Feedback { .. } => QuizAction::Next,
            Phase::Finished => return Effects::none(),
        },
        Action::QuizSaveFailed(message) => {
            flash_error(app, format!("quiz answer not saved: {message}"));
            return Effects::none();
        }
        _ => return Effects::none(),
    };
    if !session.can(&quiz_action) {
        if quiz_action == QuizAction::Submit {
            let typed = session.takes_text();
            flash(
                app,
                if typed {
                    "answer first: press i and type your answer (s: I don't know)"
                } else {
                    "answer first: pick an option (s: I don't know)"
                },
            );
        }
        return Effects::none();
    }
    if matches!(
        quiz_action,
        QuizAction::Submit | QuizAction::Next | QuizAction::GiveUp
    ) {
        app.view.scroll[0] = 0;
    }
    if quiz_action == QuizAction::Next {
        app.console.start_over();
    }
    let Some(session) = app.quiz.as_mut() else {
        return Effects::none();
    };
    let record = session.update(quiz_action, now);
    match record {
        Some(record) => Effects::one(Effect::RecordQuiz(record)),
        None => Effects::none(),
    }
}

/// A line typed in the console during a quiz: the answer for the gap under the cursor,
/// or the recall answer.
pub fn fill(app: &mut App, text: String, now: Timestamp) -> Effects {
    update_quiz(app, Action::Quiz(QuizAction::Fill(text)), now)
}

/// Answers were given and the scorecard is not reached: leaving would lose it.
pub fn half_done(app: &App) -> bool {
    app.quiz
        .as_ref()
        .is_some_and(|q| !q.answered().is_empty() && !q.is_finished())
}

/// What the console should start from on the current item (the gap's text so far).
pub fn console_prefill(app: &App) -> Option<String> {
    match app.quiz.as_ref()?.phase() {
        Phase::Answering(answer) => answer.input().map(str::to_string),
        _ => None,
    }
}
