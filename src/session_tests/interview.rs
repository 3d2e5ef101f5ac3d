//! The mock interview screen through the key table, `update` and a real shell (an
//! in-memory store, interviews saved to a temporary data folder), time passed in.

use jiff::{SignedDuration, Timestamp};

use super::{fixture, on, press, t0};
use crate::action::{Action, Effect};
use crate::app::{Shell, Start};
use crate::interview::{Awaiting, Choice, PhaseKind, Who};
use crate::keymap::{Scope, scopes};
use crate::mock::MockSession;
use crate::state::{App, HOME_ITEMS, HomeItem, Screen};
use crate::update::update;

fn at(secs: i64) -> Timestamp {
    t0() + SignedDuration::from_secs(secs)
}

fn choice() -> Choice {
    Choice {
        deck: None,
        topic: None,
        minutes: 45,
        seed: 7,
    }
}

/// A round on the screen, saved (when it ends) under a fresh data folder.
fn interviewing() -> (App, Shell, tempfile::TempDir) {
    let (app, mut shell) = fixture(&Start::Interview(choice()));
    let dir = tempfile::tempdir().unwrap();
    shell.set_data_dir(dir.path().to_path_buf());
    (app, shell, dir)
}

fn session(app: &App) -> &MockSession {
    app.interview().expect("the interview is up")
}

fn phase(app: &App) -> Option<PhaseKind> {
    session(app).round.phase().map(|p| p.kind)
}

/// Types `text` into the editor in use, as a paste.
fn paste(app: &mut App, shell: &mut Shell, text: &str, now: Timestamp) {
    let action = crate::keymap::paste(app, text).expect("an editor takes the paste");
    let effects = update(app, action, now);
    shell.execute(app, effects, now);
}

fn tick(app: &mut App, shell: &mut Shell, now: Timestamp) {
    let effects = update(app, Action::Tick, now);
    shell.execute(app, effects, now);
}

#[test]
fn home_lists_the_interview_and_opens_a_round_on_its_first_question() {
    let (mut app, mut shell) = fixture(&Start::Home);
    let index = HOME_ITEMS
        .iter()
        .position(|&i| i == HomeItem::Interview)
        .unwrap();
    for _ in 0..index {
        press(&mut app, &mut shell, "j", t0());
    }
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(on(&app), "interview");
    assert_eq!(phase(&app), Some(PhaseKind::Behavioural));
    let last = session(&app).round.transcript().last().unwrap();
    assert_eq!(last.who, Who::Interviewer);
    assert_eq!(scopes(&app)[0], Scope::MockAnswer);
    // Esc pauses; from the scorecard, Esc goes home, its cursor on the entry.
    press(&mut app, &mut shell, "esc", at(1));
    press(&mut app, &mut shell, "e", at(1));
    press(&mut app, &mut shell, "esc", at(2));
    assert_eq!(on(&app), "home");
    assert_eq!(super::home_selected(&app), index);
}

#[test]
fn enter_breaks_the_line_and_ctrl_d_submits_the_answer() {
    let (mut app, mut shell, _dir) = interviewing();
    press(&mut app, &mut shell, "I enter l e d", at(5));
    assert_eq!(session(&app).answer.text(), "I\nled");
    assert!(
        session(&app)
            .round
            .transcript()
            .iter()
            .all(|t| t.who != Who::Candidate)
    );
    press(&mut app, &mut shell, "ctrl-d", at(6));
    let said: Vec<&str> = session(&app)
        .round
        .transcript()
        .iter()
        .filter(|t| t.who == Who::Candidate)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(said, ["I\nled"]);
    assert!(session(&app).answer.is_empty(), "the editor empties");
    // The LP probe is asked next, in the same phase.
    assert_eq!(phase(&app), Some(PhaseKind::Behavioural));
    assert_eq!(
        session(&app).round.transcript().last().unwrap().who,
        Who::Interviewer
    );
}

#[test]
fn esc_pauses_the_clock_until_resumed() {
    let (mut app, mut shell, _dir) = interviewing();
    press(&mut app, &mut shell, "esc", at(10));
    assert_eq!(session(&app).awaiting(), Awaiting::Paused);
    assert_eq!(scopes(&app)[0], Scope::MockPaused);
    assert!(!session(&app).clock_running(), "no redraws while paused");
    // Ten minutes pass paused: the LP phase does not run out.
    tick(&mut app, &mut shell, at(700));
    assert_eq!(session(&app).clocks(at(700)).used, 10_000);
    assert_eq!(phase(&app), Some(PhaseKind::Behavioural));
    // Keys typed while paused do not reach the answer.
    press(&mut app, &mut shell, "x", at(701));
    assert!(session(&app).answer.is_empty());
    press(&mut app, &mut shell, "esc", at(710));
    assert_eq!(session(&app).awaiting(), Awaiting::Answer);
    assert!(session(&app).clock_running());
    assert_eq!(session(&app).clocks(at(720)).used, 20_000);
}

#[test]
fn a_phase_that_runs_out_moves_on_with_a_note() {
    let (mut app, mut shell, _dir) = interviewing();
    let budget = session(&app).round.phase().unwrap().budget;
    let secs = i64::try_from(budget / 1000).unwrap();
    tick(&mut app, &mut shell, at(secs - 1));
    assert_eq!(phase(&app), Some(PhaseKind::Behavioural));
    tick(&mut app, &mut shell, at(secs + 1));
    assert_eq!(phase(&app), Some(PhaseKind::Coding));
    assert!(
        session(&app)
            .round
            .transcript()
            .iter()
            .any(|t| t.who == Who::Note
                && t.text.starts_with("Time is up for Leadership Principles"))
    );
    // The code editor takes the keys now.
    assert!(session(&app).coding());
    assert_eq!(scopes(&app)[0], Scope::MockCode);
    assert!(session(&app).code.focused() && !session(&app).answer.focused());
}

#[test]
fn ctrl_r_runs_the_tests_on_the_worker_and_ctrl_d_moves_on() {
    let (mut app, mut shell, _dir) = interviewing();
    press(&mut app, &mut shell, "ctrl-n", at(1));
    assert_eq!(phase(&app), Some(PhaseKind::Coding));
    let effects = press(&mut app, &mut shell, "ctrl-r", at(2));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::RunTests(_))),
        "{effects:?}"
    );
    // The inline worker ran them: the starter fails, and the round stays on the code.
    let report = session(&app).report.clone().expect("a report");
    assert_ne!(report.outcome, crate::runner::Outcome::Passed);
    assert_eq!(phase(&app), Some(PhaseKind::Coding));
    // The same code, submitted: no second run, the round moves on.
    let effects = press(&mut app, &mut shell, "ctrl-d", at(3));
    assert!(!effects.iter().any(|e| matches!(e, Effect::RunTests(_))));
    assert_ne!(phase(&app), Some(PhaseKind::Coding));
    assert_eq!(session(&app).round.coding().unwrap().runs, 1);
    assert_eq!(scopes(&app)[0], Scope::MockAnswer);
}

#[test]
fn ending_shows_the_scorecard_saves_it_and_r_practises_the_missed_cards_ahead() {
    let (mut app, mut shell, dir) = interviewing();
    paste(&mut app, &mut shell, "We did it.", at(1));
    press(&mut app, &mut shell, "ctrl-d", at(2));
    let effects = press(&mut app, &mut shell, "esc e", at(3));
    assert!(effects.contains(&Effect::SaveInterview), "{effects:?}");
    // The shell's answer (saved) keeps the flash that the round is over.
    let flash = app.flash.clone().expect("a flash").text;
    assert!(flash.contains("the round is over"), "{flash}");
    let shown = session(&app);
    let card = shown.scorecard.as_ref().expect("the scorecard");
    assert!(!card.missed.is_empty());
    assert_eq!(scopes(&app)[0], Scope::MockEnd);
    assert!(!shown.clock_running());
    // Saved as `tutor interview --answers` saves: the file, and the row.
    let Some(Ok(path)) = &shown.saved else {
        panic!("not saved: {:?}", shown.saved);
    };
    assert!(path.starts_with(dir.path().to_str().unwrap()));
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("We did it.") && text.contains("## Scorecard"));
    assert_eq!(shell.store.interviews().unwrap().len(), 1);
    // `r`: a practice-ahead review of the cards with missed points.
    let missed: Vec<usize> = card
        .missed_cards()
        .iter()
        .map(|id| app.study.index_of(id.as_str()).unwrap())
        .collect();
    let states_before = app.study.states.clone();
    press(&mut app, &mut shell, "r", at(4));
    let review = app.review().expect("a review");
    assert!(review.practice);
    assert_eq!(review.phase.card(), missed.first().copied());
    press(&mut app, &mut shell, "space 3", at(5));
    assert_eq!(app.study.states, states_before, "no schedule changed");
}

/// The scorecard screen says which words named a missed point only to deny it.
#[test]
fn the_scorecard_names_the_words_that_denied_a_missed_point() {
    let (mut app, mut shell, _dir) = interviewing();
    paste(&mut app, &mut shell, "We did it.", at(1));
    press(&mut app, &mut shell, "ctrl-d", at(2));
    press(&mut app, &mut shell, "esc e", at(3));
    let mut shown = session(&app).clone();
    let card = shown.scorecard.as_mut().expect("the scorecard");
    let point = card.missed[0].point.clone();
    card.missed[0].denied = Some(crate::text::Shown::new("don't need\x1b[2J a lock"));
    let rows: Vec<String> = crate::layout::interview::scorecard_lines(&app, &shown, 400)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let want =
        format!("  • missed: {point} — named only in a denial: \"don't need\\u{{1b}}[2J a lock\"");
    assert!(rows.contains(&want), "{want}\n{rows:#?}");
}

#[test]
fn a_megabyte_paste_is_cut_to_what_an_answer_keeps_and_says_so() {
    let (mut app, mut shell, _dir) = interviewing();
    paste(&mut app, &mut shell, "So: ", at(1));
    let big = "I measured it. ".repeat(70_000);
    paste(&mut app, &mut shell, &big, at(2));
    let kept = session(&app).answer.text();
    assert_eq!(kept.len(), crate::interview::round::MAX_ANSWER);
    assert!(kept.starts_with("So: I measured it."));
    let flash = app.flash.clone().expect("a flash").text;
    assert!(
        flash.contains("1025 KiB") && flash.contains("16 KiB"),
        "{flash}"
    );
    press(&mut app, &mut shell, "ctrl-d", at(3));
    let turns = session(&app).round.transcript();
    let said = turns.iter().find(|t| t.who == Who::Candidate).unwrap();
    assert_eq!(said.text.len(), crate::interview::round::MAX_ANSWER);
    // The transcript's rows were built once, by update, not by every frame.
    assert_eq!(
        session(&app).rows_key.map(|(turns, _)| turns),
        Some(session(&app).round.transcript().len())
    );
}

#[test]
fn the_transcript_scrolls_and_follows_the_newest_turn_again_at_its_bottom() {
    let (mut app, mut shell, _dir) = interviewing();
    let _ = update(&mut app, Action::Resize(80, 24), at(0));
    paste(&mut app, &mut shell, &"I shipped it.\n".repeat(40), at(1));
    press(&mut app, &mut shell, "ctrl-d", at(2));
    assert_eq!(session(&app).scroll, None, "following the newest turn");
    let effects = update(&mut app, Action::PageUp, at(3));
    shell.execute(&mut app, effects, at(3));
    let up = session(&app).scroll.expect("scrolled up");
    let effects = update(&mut app, Action::ScrollBottom, at(4));
    shell.execute(&mut app, effects, at(4));
    assert_eq!(session(&app).scroll, None);
    assert!(up > 0);
    assert!(matches!(app.screen, Screen::Interview(_)));
}

#[test]
fn a_run_cancelled_with_esc_leaves_the_round_on_the_code_not_waiting() {
    let (mut app, mut shell, _dir) = interviewing();
    press(&mut app, &mut shell, "ctrl-n", at(1));
    // The run asked for, not carried out: as while it runs on the worker.
    let effects = update(
        &mut app,
        Action::Interview(crate::mock::MockAction::Run),
        at(2),
    );
    assert!(effects.0.iter().any(|e| matches!(e, Effect::RunTests(_))));
    assert_eq!(session(&app).awaiting(), Awaiting::Tests);
    let _ = update(&mut app, Action::CancelJob, at(3));
    assert_eq!(session(&app).awaiting(), Awaiting::Code);
    let report = session(&app)
        .report
        .clone()
        .expect("the cancelled run shows");
    assert_eq!(report.outcome, crate::runner::Outcome::Cancelled);
    // Ctrl-R runs again.
    let effects = press(&mut app, &mut shell, "ctrl-r", at(4));
    assert!(effects.iter().any(|e| matches!(e, Effect::RunTests(_))));
}

#[test]
fn quitting_mid_round_ends_and_saves_it_so_nothing_answered_is_lost() {
    let (mut app, mut shell, _dir) = interviewing();
    paste(
        &mut app,
        &mut shell,
        "I rebuilt the importer myself.",
        at(1),
    );
    press(&mut app, &mut shell, "ctrl-d", at(2));
    // Quit as a signal or `:q` does: the round so far is kept.
    let effects = update(&mut app, Action::Quit, at(3));
    shell.execute(&mut app, effects, at(3));
    assert_eq!(
        shell.store.interviews().unwrap().len(),
        1,
        "the round was saved"
    );
    let shown = session(&app);
    let Some(Ok(path)) = &shown.saved else {
        panic!("not saved: {:?}", shown.saved);
    };
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("I rebuilt the importer myself."), "{text}");
}

/// Quit (as SIGTERM does) with an answer typed and not sent: the saved transcript keeps
/// it after the last turn, marked unsent.
#[test]
fn quitting_keeps_the_unsent_answer_in_the_transcript_marked_unsent() {
    let (mut app, mut shell, _dir) = interviewing();
    paste(&mut app, &mut shell, "Half of what I meant to say", at(1));
    let effects = update(&mut app, Action::Quit, at(3));
    shell.execute(&mut app, effects, at(3));
    let Some(Ok(path)) = &session(&app).saved else {
        panic!("not saved: {:?}", session(&app).saved);
    };
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains("**You (unsent)**: Half of what I meant to say"),
        "{text}"
    );
}

/// The spoken answer being typed is written to the round's draft file a second after
/// typing stops (so a `kill -9` loses seconds only); sending it empties the draft, and
/// the saved round (here by quit) removes the file.
#[test]
fn the_answer_being_typed_is_kept_in_a_draft_file_until_sent_or_saved() {
    let (mut app, mut shell, dir) = interviewing();
    let started = session(&app).started;
    let file = crate::interview_log::draft_path(dir.path(), started);
    paste(&mut app, &mut shell, "A first thought", at(1));
    assert!(!file.exists(), "not on every key");
    tick(&mut app, &mut shell, at(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "A first thought");
    press(&mut app, &mut shell, "ctrl-d", at(3));
    tick(&mut app, &mut shell, at(5));
    assert!(!file.exists(), "sent: nothing unsent is left");
    paste(&mut app, &mut shell, "Then a second", at(6));
    tick(&mut app, &mut shell, at(8));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "Then a second");
    let effects = update(&mut app, Action::Quit, at(9));
    shell.execute(&mut app, effects, at(9));
    assert!(
        matches!(&session(&app).saved, Some(Ok(_))),
        "{:?}",
        session(&app).saved
    );
    assert!(!file.exists(), "the saved transcript holds it now");
}
