//! The model interviewer on the interview screen (issue 19), through `update`: the
//! requests it makes, the reply streamed into the transcript, Esc, a failure noted once,
//! and the critique before the round is saved. The replies are fed in as the worker
//! would send them, so nothing here opens a connection (tests/interview.rs and
//! tests/tmux.rs run the real client against a fake server).

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use super::{fixture, t0};
use crate::action::{Action, Effect, Effects};
use crate::app::{Shell, Start};
use crate::interview::{Choice, Who};
use crate::llm::{LlmConfig, LlmError};
use crate::mock::{MockAction, MockSession, ModelRequest};
use crate::state::{App, Screen};
use crate::update::update;

fn at(secs: i64) -> Timestamp {
    t0() + SignedDuration::from_secs(secs)
}

/// A round on the screen with a model configured (never contacted here).
fn with_model() -> (App, Shell, tempfile::TempDir) {
    let choice = Choice {
        deck: None,
        topic: None,
        minutes: 45,
        seed: 7,
    };
    let (mut app, mut shell) = fixture(&Start::Interview(choice));
    let config = Arc::new(LlmConfig {
        url: "http://127.0.0.1:9/v1".into(),
        model: "fake".into(),
        timeout: std::time::Duration::from_secs(1),
        key: None,
        ca_file: None,
    });
    if let Screen::Interview(session) = &mut app.screen {
        session.model = Some(config);
    }
    let dir = tempfile::tempdir().unwrap();
    shell.set_data_dir(dir.path().to_path_buf());
    (app, shell, dir)
}

fn session(app: &App) -> &MockSession {
    app.interview().expect("the interview is up")
}

/// Types and submits `text`; the model request it made, if any (not carried out).
fn answer(app: &mut App, text: &str, now: Timestamp) -> Option<ModelRequest> {
    let action = crate::keymap::paste(app, text).unwrap();
    let _ = update(app, action, now);
    let effects = update(app, Action::Interview(MockAction::Submit), now);
    asked(&effects)
}

fn asked(effects: &Effects) -> Option<ModelRequest> {
    effects.0.iter().find_map(|e| match e {
        Effect::AskModel(ask) => Some((**ask).clone()),
        _ => None,
    })
}

fn notes(app: &App, words: &str) -> usize {
    session(app)
        .round
        .transcript()
        .iter()
        .filter(|t| t.who == Who::Note && t.text.contains(words))
        .count()
}

#[test]
fn the_reply_streams_into_the_transcript_and_takes_the_questions_place() {
    let (mut app, _shell, _dir) = with_model();
    let ask = answer(&mut app, "I fixed the flaky build.", at(5)).expect("the model is asked");
    let turn = ask.turn.unwrap();
    assert_eq!(session(&app).round.transcript()[turn].who, Who::Interviewer);
    assert!(ask.messages[1].content.contains("I fixed the flaky build."));
    let scripted = session(&app).round.transcript()[turn].text.clone();
    // Pieces as they stream, a control sequence among them.
    for piece in ["What broke ", "\u{1b}[2Jfirst?"] {
        let _ = update(
            &mut app,
            Action::ModelText {
                turn: Some(turn),
                piece: piece.into(),
            },
            at(6),
        );
    }
    let shown: String = session(&app)
        .rows
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
        .collect();
    assert!(shown.contains("What broke"), "{shown}");
    assert!(
        !shown.contains('\u{1b}'),
        "made safe on the way to the screen"
    );
    assert_eq!(session(&app).round.transcript()[turn].text, scripted);
    let _ = update(
        &mut app,
        Action::ModelDone {
            turn: Some(turn),
            reply: Ok("What broke \u{1b}[2Jfirst?".into()),
        },
        at(7),
    );
    let text = &session(&app).round.transcript()[turn].text;
    assert!(
        text.starts_with("What broke") && !text.contains('\u{1b}'),
        "{text}"
    );
    assert!(session(&app).asking.is_none());
    assert!(
        session(&app).model.is_some(),
        "the model is asked again next time"
    );
}

#[test]
fn a_failure_is_noted_once_and_the_round_goes_on_with_the_script() {
    let (mut app, _shell, _dir) = with_model();
    let ask = answer(&mut app, "We shipped it.", at(5)).unwrap();
    let scripted = session(&app).round.transcript()[ask.turn.unwrap()]
        .text
        .clone();
    let _ = update(
        &mut app,
        Action::ModelDone {
            turn: ask.turn,
            reply: Err(LlmError::Timeout { secs: 1 }),
        },
        at(6),
    );
    assert_eq!(
        notes(&app, "The model did not answer (no reply within 1 s"),
        1
    );
    assert_eq!(
        session(&app).round.transcript()[ask.turn.unwrap()].text,
        scripted
    );
    // The next answers go on with the script, and no other note.
    assert_eq!(answer(&mut app, "It got faster.", at(7)), None);
    assert_eq!(notes(&app, "The model did not answer"), 1);
}

#[test]
fn esc_cancels_the_reply_and_the_scripted_question_stands() {
    let (mut app, mut shell, _dir) = with_model();
    let ask = answer(&mut app, "We shipped it.", at(5)).unwrap();
    // The job as the shell starts it: Esc then goes to it, not to the pause.
    let _ = update(
        &mut app,
        Action::JobStarted {
            id: crate::worker::JobId::default(),
            label: "asking the model",
            kind: crate::worker::JobKind::Foreground,
        },
        at(5),
    );
    super::press(&mut app, &mut shell, "esc", at(6));
    assert!(session(&app).asking.is_none());
    assert_ne!(session(&app).awaiting(), crate::interview::Awaiting::Paused);
    assert_eq!(notes(&app, "cancelled"), 1);
    // A late piece of the cancelled reply changes nothing.
    let before = session(&app).round.transcript().to_vec();
    let _ = update(
        &mut app,
        Action::ModelDone {
            turn: ask.turn,
            reply: Ok("Late words?".into()),
        },
        at(7),
    );
    assert_eq!(session(&app).round.transcript(), before.as_slice());
    assert!(
        session(&app).model.is_some(),
        "Esc drops one reply, not the model"
    );
}

#[test]
fn the_round_is_saved_with_the_critique_once_it_has_come() {
    let (mut app, mut shell, _dir) = with_model();
    let _ = update(&mut app, Action::Interview(MockAction::Pause), at(6));
    let effects = update(&mut app, Action::Interview(MockAction::End), at(7));
    let ask = asked(&effects).expect("the critique is asked for");
    assert_eq!(ask.turn, None);
    assert!(
        !effects.0.contains(&Effect::SaveInterview),
        "not before it comes"
    );
    assert!(ask.messages[1].content.contains("Signal: "));
    let effects = update(
        &mut app,
        Action::ModelDone {
            turn: None,
            reply: Ok("Say what you did, with a number.".into()),
        },
        at(8),
    );
    assert!(effects.0.contains(&Effect::SaveInterview));
    shell.execute(&mut app, effects, at(8));
    let card = session(&app).scorecard.clone().unwrap();
    assert_eq!(
        card.critique.as_deref(),
        Some("Say what you did, with a number.")
    );
    let Some(Ok(path)) = &session(&app).saved else {
        panic!("not saved: {:?}", session(&app).saved);
    };
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains("## Critique") && text.contains("with a number."),
        "{text}"
    );
}

#[test]
fn quitting_while_the_critique_is_on_its_way_saves_the_round_without_it() {
    let (mut app, mut shell, _dir) = with_model();
    let _ = update(&mut app, Action::Interview(MockAction::Pause), at(6));
    let effects = update(&mut app, Action::Interview(MockAction::End), at(7));
    assert!(asked(&effects).is_some());
    let effects = update(&mut app, Action::Quit, at(8));
    assert!(effects.0.contains(&Effect::SaveInterview), "{effects:?}");
    shell.execute(&mut app, effects, at(8));
    assert_eq!(shell.store.interviews().unwrap().len(), 1);
    assert_eq!(session(&app).scorecard.as_ref().unwrap().critique, None);
}
