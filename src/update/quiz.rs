//! The quiz screen: keys become `QuizAction`s for the session (pure, in `crate::quiz`);
//! each submitted answer becomes an effect to save it. A quiz never touches reviews.

use jiff::Timestamp;

use super::{flash, flash_error};
use crate::action::{Action, Effect, Effects, Failure};
use crate::editor::Edit;
use crate::quiz::{AnswerState, MAX_RECALL_ANSWER, QuizAction, QuizSession, QuizStep, Selection};
use crate::state::{App, Screen};

/// Starts a quiz over `selection`; the order is seeded by the selection's seed, else by
/// the time, so each quiz differs.
pub fn start_quiz(app: &mut App, selection: &Selection, now: Timestamp) -> Effects {
    let seed = selection
        .seed
        .unwrap_or_else(|| u64::try_from(now.as_millisecond()).unwrap_or(0));
    match QuizSession::start(&app.study.library, selection, seed, now) {
        Ok(session) => {
            let load = load_draft(&session);
            app.screen = Screen::Quiz(session);
            app.console.start_over();
            let mut effects = Effects::one(Effect::HighlightQuiz);
            effects.extend(load);
            effects
        }
        Err(e) => {
            flash_error(app, format!("cannot start a quiz: {e}"));
            Effects::none()
        }
    }
}

pub fn update_quiz(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let Screen::Quiz(session) = &mut app.screen else {
        return Effects::none();
    };
    let quiz_action = match action {
        Action::Quiz(a) => a,
        Action::Tick => return save_draft_if(session, |s| s.draft_due(now)),
        Action::RecallDraftLoaded { card, item, text } => {
            if session.restore_draft(&card, item, &text) {
                flash(app, "your unsent answer is back");
            }
            return Effects::none();
        }
        Action::QuizEnter => match session.phase() {
            QuizStep::Answering(_) => QuizAction::Submit,
            QuizStep::Feedback { .. } => QuizAction::Next,
            QuizStep::Finished => return Effects::none(),
        },
        Action::ClaimPoint => {
            return session.claim(now).map_or_else(Effects::none, |claim| {
                Effects::one(Effect::RecordClaim(claim))
            });
        }
        Action::NextMissed => {
            session.next_missed();
            return Effects::none();
        }
        Action::Failed(failure @ (Failure::QuizSave { .. } | Failure::ClaimSave { .. })) => {
            flash_error(app, failure.to_string());
            return Effects::none();
        }
        _ => return Effects::none(),
    };
    if !session.can(&quiz_action) {
        if quiz_action == QuizAction::Submit {
            let message = if session.editing() {
                "answer first: type your answer (Esc, then s: I don't know)"
            } else if session.takes_text() || session.editor().is_some() {
                "answer first: press i and type your answer (s: I don't know)"
            } else {
                "answer first: pick an option (s: I don't know)"
            };
            flash(app, message);
        }
        return Effects::none();
    }
    if matches!(
        quiz_action,
        QuizAction::Submit | QuizAction::Next | QuizAction::GiveUp
    ) {
        app.card_view.scroll[0] = 0;
    }
    if quiz_action == QuizAction::Next {
        app.console.start_over();
    }
    let cut = match &quiz_action {
        QuizAction::Edit(Edit::Paste(text)) => {
            Some(text.len()).filter(|&size| size > session.paste_room())
        }
        _ => None,
    };
    let recall = session.recall_item();
    let next = quiz_action == QuizAction::Next;
    let typed = matches!(quiz_action, QuizAction::Edit(_));
    let record = session.update(quiz_action, now);
    let mut effects = Effects::none();
    if typed {
        // Typing without a pause still saves every few seconds.
        effects.extend(save_draft_if(session, |s| s.draft_due(now)));
    }
    if next {
        effects.extend(load_draft(session));
    }
    if record.is_some()
        && let Some((card, item)) = recall
    {
        effects.push(Effect::RemoveRecallDraft { card, item });
    }
    if let Some(size) = cut {
        flash_error(
            app,
            format!(
                "the paste was {} KiB: only its first {} KiB were kept, the most an answer \
                 keeps",
                size / 1024,
                MAX_RECALL_ANSWER / 1024
            ),
        );
    }
    if let Some(record) = record {
        effects.push(Effect::RecordQuiz(record));
    }
    effects
}

/// Asks for the kept draft of the recall item now shown, if it is one.
fn load_draft(session: &QuizSession) -> Effects {
    session
        .recall_item()
        .map_or_else(Effects::none, |(card, item)| {
            Effects::one(Effect::LoadRecallDraft { card, item })
        })
}

/// Writes the recall answer's unwritten edits when `due` says so.
fn save_draft_if(session: &mut QuizSession, due: impl Fn(&QuizSession) -> bool) -> Effects {
    if !due(session) {
        return Effects::none();
    }
    session.take_draft().map_or_else(Effects::none, |draft| {
        Effects::one(Effect::SaveRecallDraft(draft))
    })
}

/// Writes what is unwritten of the recall answer, before quitting or leaving.
pub fn save_draft_now(app: &mut App) -> Effects {
    match &mut app.screen {
        Screen::Quiz(session) => save_draft_if(session, |_| true),
        _ => Effects::none(),
    }
}

/// A line typed in the console during a quiz: the answer for the gap under the cursor.
fn fill(app: &mut App, text: String, now: Timestamp) -> Effects {
    update_quiz(app, Action::Quiz(QuizAction::Fill(text)), now)
}

/// Answers were given and the scorecard is not reached: leaving would lose it.
pub fn half_done(quiz: &QuizSession) -> bool {
    !quiz.answered().is_empty() && !quiz.is_finished()
}

/// What the console submitted in a quiz (not a `:` command): a gap's text fills the
/// gap and the console moves on to the next gap's text; after the last gap the line is
/// empty. An empty line never blanks a gap: it skips to the next gap, or on the last one
/// submits, as does a line that would change nothing. (A free-recall answer is written
/// in the session's editor, not the console.)
pub fn typed(app: &mut App, line: &str, now: Timestamp) -> Effects {
    let text = line.trim();
    let Some(session) = app.quiz() else {
        return Effects::none();
    };
    let on_last_gap = match session.phase() {
        QuizStep::Answering(AnswerState::Cloze { cursor, gaps }) => cursor + 1 >= gaps.len(),
        _ => false,
    };
    let filled = QuizAction::Fill(text.to_string());
    let skip = text.is_empty() && !on_last_gap;
    if (text.is_empty() && on_last_gap) || !session.can(&filled) {
        app.console.active = false;
        return update_quiz(app, Action::QuizEnter, now);
    }
    let effects = if skip {
        update_quiz(app, Action::Quiz(QuizAction::CursorDown), now)
    } else {
        app.console.say(format!("> {text}"));
        fill(app, text.to_string(), now)
    };
    if on_last_gap {
        // Done with the gaps: an empty line, which Enter submits.
        app.console.restore(String::new());
    } else if let Some(text) = console_prefill(app) {
        app.console.restore(text);
    }
    effects
}

/// What the console should start from on the current item (the gap's text so far).
pub fn console_prefill(app: &App) -> Option<String> {
    match app.quiz()?.phase() {
        QuizStep::Answering(answer) => answer.input().map(str::to_string),
        _ => None,
    }
}
