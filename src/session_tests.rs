//! The session end to end, without a terminal: the review state machine as a table, and
//! key sequences through the key table and `update` with a real (in-memory) store behind a
//! real shell, drawn by `ui::view` where a test checks what shows. Here, not in `update`,
//! because they use every layer (`update` itself never imports `ui`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::{SignedDuration, Timestamp};

use crate::action::Action;
use crate::action::{Effect, Effects};
use crate::app::{self, Shell, Start};
use crate::days::Days;
use crate::srs::Rating;
use crate::state::ReviewStep;
use crate::state::{App, HOME_ITEMS, HomeItem, Overlay, Screen};
use crate::store::Store;
use crate::update::update;

mod interview;
mod model;
mod practice;
mod unreadable_code;

fn t0() -> Timestamp {
    "2026-05-04T10:00:00Z".parse().unwrap()
}

fn fixture(start: &Start) -> (App, Shell) {
    let library = crate::content::bundled_library().clone();
    let store = Store::open_in_memory().unwrap();
    let mut app = app::build(library, &store, t0(), Days::utc(), false, None, None).unwrap();
    let _ = update(&mut app, Action::Resize(160, 48), t0());
    let mut shell = Shell::new(store, None);
    let first = app::start(&mut app, start, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    (app, shell)
}

fn key(name: &str) -> KeyEvent {
    let code = match name {
        "space" => KeyCode::Char(' '),
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "bs" => KeyCode::Backspace,
        "pgdn" => KeyCode::PageDown,
        "alt-enter" => return KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT),
        "ctrl-enter" => return KeyEvent::new(KeyCode::Enter, KeyModifiers::CONTROL),
        other if other.starts_with("ctrl-") => {
            let c = other.chars().last().unwrap();
            return KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        }
        other => KeyCode::Char(other.chars().next().unwrap()),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses keys (space-separated names; `"x y"`) at `now`, carrying out effects.
fn press(app: &mut App, shell: &mut Shell, keys: &str, now: Timestamp) -> Vec<Effect> {
    let mut all = Vec::new();
    for name in keys.split_whitespace() {
        if let Some(action) = crate::keymap::action_for(app, &key(name)) {
            let effects = update(app, action, now);
            all.extend(effects.0.iter().cloned());
            shell.execute(app, effects, now);
        }
    }
    all
}

/// Which screen is up, by name.
fn on(app: &App) -> &'static str {
    match app.screen {
        Screen::Home(_) => "home",
        Screen::Review(_) => "review",
        Screen::Browse(_) => "browse",
        Screen::Card { .. } => "card",
        Screen::Quiz(_) => "quiz",
        Screen::Stats(_) => "stats",
        Screen::Practice { .. } => "practice",
        Screen::Interview(_) => "interview",
    }
}

fn home_selected(app: &App) -> usize {
    match &app.screen {
        Screen::Home(home) => home.selected,
        other => panic!("not home: {other:?}"),
    }
}

fn help_scroll(app: &App) -> u16 {
    match app.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        _ => 0,
    }
}

fn review_mut(app: &mut App) -> &mut crate::state::ReviewSession {
    match &mut app.screen {
        Screen::Review(session) => session,
        other => panic!("not a review: {other:?}"),
    }
}

fn phase(app: &App) -> ReviewStep {
    app.review().unwrap().phase.clone()
}

fn kind(p: &ReviewStep) -> &'static str {
    match p {
        ReviewStep::Prompt { .. } => "prompt",
        ReviewStep::Revealed { .. } => "revealed",
        ReviewStep::Waiting { .. } => "waiting",
        ReviewStep::Finished => "finished",
    }
}

#[test]
fn review_transitions_table() {
    // (keys pressed from a fresh session's first prompt, phase after, reviews saved)
    let cases: &[(&str, &str, u64)] = &[
        ("", "prompt", 0),
        ("3", "prompt", 0), // grading before the reveal does nothing
        ("u", "prompt", 0), // nothing to undo
        ("space", "revealed", 0),
        ("space space", "prompt", 1), // Space reveals, then grades Good
        ("space 1", "prompt", 1),
        ("space 4 u", "prompt", 0),   // undo removes the saved review
        ("space 3 u u", "prompt", 0), // a second undo has nothing left
        ("space enter", "prompt", 1),
        ("space 2 space 4", "prompt", 2),
    ];
    for (keys, want, saved) in cases {
        let (mut app, mut shell) = fixture(&Start::Review);
        press(&mut app, &mut shell, keys, t0());
        assert_eq!(kind(&phase(&app)), *want, "after {keys:?}");
        assert_eq!(
            shell.store.review_count().unwrap(),
            *saved,
            "after {keys:?}"
        );
    }
}

#[test]
fn a_grade_is_saved_before_the_next_card_shows() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let ReviewStep::Prompt { card: first, .. } = phase(&app) else {
        panic!()
    };
    let effects = press(&mut app, &mut shell, "space 3", t0());
    assert!(matches!(
        effects.last(),
        Some(Effect::RecordReview { outcome, .. }) if outcome.rating == Rating::Good
    ));
    let ReviewStep::Prompt { card: second, .. } = phase(&app) else {
        panic!()
    };
    assert_ne!(first, second);
    let id = app.card_id(first).unwrap().to_string();
    assert_eq!(
        shell.store.card_state(&id).unwrap(),
        app.study.states.get(&id).copied()
    );
    assert_eq!(app.study.done_today.new, 1);
}

/// An App with nothing studied, in review, driven by `update` alone: no shell runs effects.
fn pure_review() -> App {
    let library = crate::content::bundled_library().clone();
    let store = Store::open_in_memory().unwrap();
    let mut app = app::build(library, &store, t0(), Days::utc(), false, None, None).unwrap();
    drop(store);
    let _ = update(&mut app, Action::Resize(160, 48), t0());
    let _ = app::start(&mut app, &Start::Review, t0()).unwrap();
    app
}

/// update works out the grade's schedule from the state it holds, once, and the effect
/// carries it; the store's answer is what the card becomes.
#[test]
fn a_grade_is_scheduled_in_update_and_the_store_has_the_last_word() {
    let mut app = pure_review();
    let ReviewStep::Prompt { card, .. } = phase(&app) else {
        panic!()
    };
    let id = app.card_id(card).unwrap().to_string();
    let at = t0() + SignedDuration::from_secs(9);
    let _ = update(&mut app, Action::Reveal, t0());
    let effects = update(&mut app, Action::Grade(Rating::Good), at);
    let Some(Effect::RecordReview {
        card: graded,
        before,
        outcome,
        duration_ms,
    }) = effects.0.last().cloned()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(graded, id);
    assert_eq!(before, None);
    assert_eq!(duration_ms, 9000);
    assert_eq!(
        outcome,
        app.study
            .scheduler
            .review(&id, None, Rating::Good, at)
            .unwrap()
    );
    assert_eq!(
        app.study.states.get(&id),
        None,
        "nothing changes before it is saved"
    );
    // Another tutor graded the card meanwhile: the store answers with the log's state.
    let from_log = crate::srs::CardState {
        reps: 2,
        ..outcome.state
    };
    let _ = update(
        &mut app,
        Action::ReviewSaved(crate::store::Recorded {
            id: 7,
            outcome,
            state: from_log,
        }),
        at,
    );
    assert_eq!(app.study.states.get(&id), Some(&from_log));
    assert_ne!(phase(&app).card(), Some(card), "the next card shows");
    assert_eq!(app.study.done_today.new, 1);
}

/// A grade the store saved as given says nothing more; one it worked out again from the
/// log (another tutor graded the card from a state this one had not seen) says so, with
/// the wait saved, since the grade key showed another.
#[test]
fn a_grade_recomputed_from_the_log_says_so() {
    let grade = |app: &mut App| {
        let _ = update(app, Action::Reveal, t0());
        let effects = update(app, Action::Grade(Rating::Easy), t0());
        match effects.0.last() {
            Some(Effect::RecordReview { outcome, .. }) => *outcome,
            other => panic!("{other:?}"),
        }
    };
    let saved = |outcome: crate::srs::Outcome, state| {
        Action::ReviewSaved(crate::store::Recorded {
            id: 1,
            outcome,
            state,
        })
    };
    let mut app = pure_review();
    let outcome = grade(&mut app);
    let _ = update(&mut app, saved(outcome, outcome.state), t0());
    assert_eq!(app.flash, None);

    let mut app = pure_review();
    let outcome = grade(&mut app);
    let from_log = crate::srs::CardState {
        reps: outcome.state.reps + 1,
        due: t0() + SignedDuration::from_hours(4 * 24),
        ..outcome.state
    };
    assert_ne!(from_log.due, outcome.state.due);
    let _ = update(&mut app, saved(outcome, from_log), t0());
    let flash = app.flash.as_ref().map(|f| (f.text.as_str(), f.error));
    assert_eq!(
        flash,
        Some((
            "another tutor graded this card meanwhile; due in 4d, from the whole log",
            false
        ))
    );
}

#[test]
fn a_failed_save_keeps_the_card_and_says_so() {
    let (mut app, _shell) = fixture(&Start::Review);
    let _ = update(&mut app, Action::Reveal, t0());
    let effects = update(&mut app, Action::Grade(Rating::Good), t0());
    assert_eq!(effects.0.len(), 1);
    // A second grade while saving does nothing.
    assert!(update(&mut app, Action::Grade(Rating::Easy), t0()).is_empty());
    let card = app
        .card_id(phase(&app).card().unwrap())
        .unwrap()
        .to_string();
    let _ = update(
        &mut app,
        Action::Failed(crate::action::Failure::Save {
            card,
            cause: "the disk is full".into(),
        }),
        t0(),
    );
    assert_eq!(kind(&phase(&app)), "revealed");
    let flash = app.flash.clone().unwrap();
    assert!(flash.error, "{flash:?}");
    assert_eq!(
        flash.text,
        "not saved: the disk is full; the card stays, grade again to retry"
    );
    // Grading again retries.
    assert_eq!(
        update(&mut app, Action::Grade(Rating::Good), t0()).0.len(),
        1
    );
}

#[test]
fn learning_cards_come_back_in_the_same_session() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let ReviewStep::Prompt { card: first, .. } = phase(&app) else {
        panic!()
    };
    let mut now = t0();
    let cards = app.review().unwrap().queue.len() + 1; // the one showing, and the rest
    // A second a card, so that every card is graded before the first comes due.
    let tick = |now: &mut Timestamp| {
        *now += SignedDuration::from_secs(1);
        *now
    };
    // Again on every card: each comes back a minute later.
    for _ in 0..cards {
        press(&mut app, &mut shell, "space 1", tick(&mut now));
    }
    // Within the 20-minute learn-ahead window the first card is shown again at once.
    let ReviewStep::Prompt { card, .. } = phase(&app) else {
        panic!("{:?}", phase(&app))
    };
    assert_eq!(card, first);
    // Easy graduates each card and the session ends.
    for _ in 0..cards {
        press(&mut app, &mut shell, "space 4", tick(&mut now));
    }
    assert_eq!(kind(&phase(&app)), "finished");
    assert_eq!(shell.store.review_count().unwrap(), 2 * cards as u64);
}

#[test]
fn the_same_card_graded_twice_in_one_millisecond_keeps_both_grades() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let cards = app.review().unwrap().queue.len() + 1;
    press(&mut app, &mut shell, "space 1", t0());
    for _ in 1..cards {
        press(
            &mut app,
            &mut shell,
            "space 1",
            t0() + SignedDuration::from_secs(1),
        );
    }
    // The first card is back; graded at the very instant of its first grade, it is saved
    // a millisecond later instead of being refused by the log's (card, time) key.
    press(&mut app, &mut shell, "space 1", t0());
    assert_ne!(kind(&phase(&app)), "revealed");
    assert!(
        app.flash.as_ref().is_none_or(|f| !f.error),
        "{:?}",
        app.flash
    );
    assert_eq!(shell.store.review_count().unwrap(), cards as u64 + 1);
}

#[test]
fn waiting_for_a_learning_card_then_tick() {
    let (mut app, mut shell) = fixture(&Start::Review);
    // Hard on a relearning-free new card: 5.5 minutes. Make the window matter by
    // putting the card 30 minutes out instead.
    press(&mut app, &mut shell, "space 1", t0());
    let session = review_mut(&mut app);
    session.queue.clear();
    session.later = vec![(0, t0() + SignedDuration::from_mins(30))];
    session.phase = ReviewStep::Finished;
    let _ = update(&mut app, Action::Tick, t0());
    assert_eq!(
        kind(&phase(&app)),
        "finished",
        "tick only moves a waiting session"
    );
    review_mut(&mut app).phase = ReviewStep::Waiting {
        until: t0() + SignedDuration::from_mins(30),
    };
    let _ = update(&mut app, Action::Tick, t0());
    assert_eq!(kind(&phase(&app)), "waiting");
    let _ = update(&mut app, Action::Tick, t0() + SignedDuration::from_mins(11));
    assert_eq!(kind(&phase(&app)), "prompt");
}

#[test]
fn nothing_due_means_practice_that_saves_nothing() {
    let (mut app, mut shell) = fixture(&Start::Review);
    for _ in 0..app.study.cards.len() {
        press(&mut app, &mut shell, "space 4", t0());
    }
    assert_eq!(kind(&phase(&app)), "finished");
    let saved = shell.store.review_count().unwrap();
    press(&mut app, &mut shell, "enter", t0()); // home
    assert_eq!(on(&app), "home");
    press(&mut app, &mut shell, "enter", t0()); // review again: nothing due
    assert!(app.review().unwrap().practice);
    assert!(
        app.flash
            .as_ref()
            .unwrap()
            .text
            .contains("practising ahead")
    );
    // Said on every card, not only in the flash that the next key clears.
    press(&mut app, &mut shell, "j", t0());
    let footer = crate::ui::footer::footer_line(&app, crate::ui::theme(&app), 160);
    let footer: String = footer.spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(footer.starts_with("practice, not saved"), "{footer}");
    let before = app.study.states.clone();
    let effects = press(&mut app, &mut shell, "space 1 space 3", t0());
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::RecordReview { .. }))
    );
    assert_eq!(shell.store.review_count().unwrap(), saved);
    assert_eq!(app.study.states, before);
}

#[test]
fn vim_keys_never_fire_while_typing() {
    let (mut app, mut shell) = fixture(&Start::Review);
    press(&mut app, &mut shell, "i j k q space 3 G", t0());
    assert!(!app.quit);
    assert_eq!(app.console.input, "jkq 3G");
    assert_eq!(kind(&phase(&app)), "prompt");
    press(&mut app, &mut shell, "enter", t0());
    // The first card is the LRU card, whose console drives the lab: not a lab command.
    let said = app.console.output.last().unwrap();
    assert!(
        said.starts_with("> jkq 3G: ") && said.contains("expected a command"),
        "{said}"
    );
    press(&mut app, &mut shell, "esc q", t0());
    assert!(app.quit);
}

#[test]
fn console_commands_map_to_the_same_actions() {
    let (mut app, mut shell) = fixture(&Start::Review);
    for c in ":reveal".chars() {
        let _ = update(
            &mut app,
            Action::Console(crate::action::ConsoleEdit::Insert(c)),
            t0(),
        );
    }
    app.console.active = true;
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(kind(&phase(&app)), "revealed");
    app.console.active = true;
    app.console.input = ":grade good".into();
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(shell.store.review_count().unwrap(), 1);
    app.console.active = true;
    app.console.input = ":frobnicate".into();
    press(&mut app, &mut shell, "enter", t0());
    assert!(app.flash.as_ref().unwrap().error);
    assert!(app.console.active, "a bad command leaves the console open");
}

/// Each failed effect comes back as a `Failure` naming the operation, and the flash
/// says which and why, as the store put it.
#[test]
fn a_failure_flashes_what_failed_and_why() {
    use crate::action::Failure;
    let cause = || "database is locked".to_string();
    let (mut app, _shell) = fixture(&Start::Review);
    for (failure, said) in [
        (
            Failure::Undo {
                id: 7,
                cause: cause(),
            },
            "cannot undo: database is locked",
        ),
        (
            Failure::Stats { cause: cause() },
            "stats: database is locked",
        ),
    ] {
        let _ = update(&mut app, Action::Failed(failure), t0());
        let flash = app.flash.clone().unwrap();
        assert!(flash.error && flash.text == said, "{flash:?}");
    }
    let quiz = Start::Quiz(crate::quiz::Selection {
        count: Some(1),
        ..crate::quiz::Selection::default()
    });
    let (mut app, _shell) = fixture(&quiz);
    let failure = Failure::QuizSave {
        card: "lru-cache".into(),
        item: 0,
        cause: cause(),
    };
    let _ = update(&mut app, Action::Failed(failure), t0());
    let flash = app.flash.clone().unwrap();
    assert!(flash.error, "{flash:?}");
    assert_eq!(flash.text, "quiz answer not saved: database is locked");
}

/// Tab completes a `:` command's name from the command table, and lists the
/// candidates when several match; Enter still runs the line.
#[test]
fn tab_completes_a_command_name() {
    let (mut app, mut shell) = fixture(&Start::Review);
    press(&mut app, &mut shell, ": h tab", t0());
    assert_eq!(app.console.input, ":h", ":home and :help share only the h");
    assert_eq!(app.console.output.last().unwrap(), "  :home  :help");
    press(&mut app, &mut shell, "e tab", t0());
    assert_eq!(app.console.input, ":help");
    press(&mut app, &mut shell, "ctrl-u : g tab", t0());
    assert_eq!(app.console.input, ":grade ", "a space for its argument");
    press(&mut app, &mut shell, "tab", t0());
    assert_eq!(
        app.console.input, ":grade ",
        "nothing to complete after the name"
    );
    press(&mut app, &mut shell, "ctrl-u : r e v tab", t0());
    assert_eq!(app.console.input, ":reveal");
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(kind(&phase(&app)), "revealed");
    // Every command that works in a review when nothing is typed yet (not practice's).
    press(&mut app, &mut shell, ": tab", t0());
    let listed = app.console.output.last().unwrap().clone();
    for row in crate::console::COMMANDS {
        let here = row.here != crate::console::Here::Practice;
        assert_eq!(
            listed.contains(&format!(":{} ", row.spec.name))
                || listed.ends_with(&format!(":{}", row.spec.name)),
            here,
            "{listed}"
        );
    }
}

/// In the LRU lab a line without `:` completes a lab command's name.
#[test]
fn tab_completes_a_lab_command() {
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    assert!(app.console.active);
    press(&mut app, &mut shell, "r e tab", t0());
    assert_eq!(app.console.input, "re");
    assert_eq!(app.console.output.last().unwrap(), "  reset  redo");
    press(&mut app, &mut shell, "ctrl-u f tab", t0());
    assert_eq!(app.console.input, "fill ");
    press(&mut app, &mut shell, "ctrl-u : q u tab", t0());
    assert_eq!(
        app.console.input, ":quit",
        "a `:` line is a console command"
    );
}

/// `help CMD` in the lab answers with that command's row of the table, and the diagram
/// keeps the reply (wrapped there, as the console's border cuts it) until the next
/// command; `help` alone lists every command with its arguments.
#[test]
fn lab_help_explains_one_command() {
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    press(&mut app, &mut shell, "h e l p space p u t enter", t0());
    let doc = "put K V: insert K with value V, or update it; K becomes most recent";
    assert_eq!(
        app.console.output.last().unwrap(),
        &format!("> help put: {doc}")
    );
    assert_eq!(lab_note(&app), Some(doc));
    press(&mut app, &mut shell, "h e l p enter", t0());
    assert!(
        app.console
            .output
            .last()
            .unwrap()
            .ends_with("fill N [SEED], help [CMD]; `;` between commands runs them in turn"),
        "{:?}",
        app.console.output.last()
    );
    press(&mut app, &mut shell, "g e t space 1 enter", t0());
    assert_eq!(lab_note(&app), None);
}

/// The anagram lab through the same console: a line runs, Tab completes from its own
/// table, a bad word is refused by name and changes nothing, the code panes follow.
#[test]
fn the_anagram_lab_runs_from_the_console() {
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Anagrams, 2));
    assert!(app.console.active);
    assert_eq!(
        app.current_card()
            .and_then(|i| app.card(i))
            .map(|(_, c)| c.id.to_string()),
        Some("group-anagrams".to_string())
    );
    press(&mut app, &mut shell, "a d d space e a t enter", t0());
    press(&mut app, &mut shell, "k e tab", t0());
    assert_eq!(app.console.input, "key ");
    press(&mut app, &mut shell, "c o u n t enter", t0());
    press(&mut app, &mut shell, "a d d space t e a enter", t0());
    assert_eq!(
        app.console.output.last().unwrap(),
        "> add tea -> +tea in bucket a1e1t1"
    );
    let live = app.lab.as_ref().unwrap();
    assert_eq!(
        live.code_events(),
        &[
            crate::content::CodeEvent::CountKey,
            crate::content::CodeEvent::Append
        ]
    );
    press(&mut app, &mut shell, "a d d space 1 2 enter", t0());
    assert_eq!(
        app.console.output.last().unwrap(),
        "> `12`: a word is letters a-z only"
    );
    let Some(crate::visual::Live::Anagrams(lab)) = app.lab.as_ref() else {
        panic!("the anagram lab");
    };
    assert_eq!(lab.len(), 2, "the refused word changed nothing");
    press(&mut app, &mut shell, "h e l p enter", t0());
    assert!(
        app.console.output.last().unwrap().ends_with(
            "add WORD, key MODE, reset, undo, help [CMD]; `;` between commands runs them in turn"
        ),
        "{:?}",
        app.console.output.last()
    );
}

/// Tab with no command to offer says so, rather than leaving an earlier Tab's list on
/// the console's last line as if it were this one's.
#[test]
fn tab_with_no_match_says_so() {
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    press(&mut app, &mut shell, "tab", t0());
    assert!(app.console.output.last().unwrap().contains("reset"));
    press(&mut app, &mut shell, "x tab", t0());
    assert_eq!(
        app.console.output.last().unwrap(),
        "no command starts with `x`"
    );
    press(&mut app, &mut shell, "ctrl-u : z tab", t0());
    assert_eq!(
        app.console.output.last().unwrap(),
        "no command starts with `:z`"
    );
}

/// Tab offers only the `:` commands that do something on this screen: the review's
/// (`:reveal`, `:grade`, `:undo`) only in a review, as the help lists them.
#[test]
fn tab_offers_the_review_commands_only_in_a_review() {
    let listed = |start: &Start| {
        let (mut app, mut shell) = fixture(start);
        press(&mut app, &mut shell, ": tab", t0());
        app.console.output.last().cloned().unwrap_or_default()
    };
    let on_card = listed(&Start::Browse(Some("gil".into())));
    assert!(on_card.contains(":home"), "{on_card}");
    for review_only in [":reveal", ":grade", ":undo"] {
        assert!(!on_card.contains(review_only), "{on_card}");
    }
    let in_review = listed(&Start::Review);
    assert!(
        in_review.contains(":reveal") && in_review.contains(":undo"),
        "{in_review}"
    );
    let (mut app, mut shell) = fixture(&Start::Browse(Some("gil".into())));
    press(&mut app, &mut shell, ": u tab", t0());
    assert_eq!(app.console.input, ":u", "`:undo` is not offered on a card");
}

#[test]
fn focus_scroll_and_zoom() {
    let (mut app, mut shell) = fixture(&Start::Browse(Some("gil".into())));
    assert_eq!(on(&app), "card");
    press(&mut app, &mut shell, "tab", t0());
    assert_eq!(app.card_view.focus(), crate::state::Pane::Python);
    press(&mut app, &mut shell, "j j j", t0());
    assert_eq!(app.card_view.scroll[1], 3);
    press(&mut app, &mut shell, "G", t0());
    let bottom = app.card_view.scroll[1];
    assert!(bottom > 3);
    press(&mut app, &mut shell, "j", t0());
    assert_eq!(app.card_view.scroll[1], bottom, "no scrolling past the end");
    press(&mut app, &mut shell, "g z", t0());
    assert_eq!((app.card_view.scroll[1], app.card_view.zoom), (0, true));
    press(&mut app, &mut shell, "backtab backtab", t0());
    assert_eq!(
        app.card_view.focus(),
        crate::state::Pane::Rust,
        "wraps around"
    );
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "browse");
}

#[test]
fn browse_filters_and_opens() {
    let (mut app, mut shell) = fixture(&Start::Browse(None));
    press(&mut app, &mut shell, "/ g r o u p - a n a g", t0());
    assert_eq!(app.browse().unwrap().filter, "group-anag");
    let matches = app.browse_matches();
    assert_eq!(matches.len(), 1);
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(on(&app), "card");
    assert_eq!(
        app.card_id(app.current_card().unwrap()),
        Some("group-anagrams")
    );
}

#[test]
fn help_toggles_and_swallows_keys() {
    let (mut app, mut shell) = fixture(&Start::Home);
    press(&mut app, &mut shell, "?", t0());
    assert!(app.help());
    press(&mut app, &mut shell, "q", t0());
    assert!(!app.help() && !app.quit, "q closes help first");
    press(&mut app, &mut shell, "ctrl-c", t0());
    assert!(app.quit);
}

/// Below 80×24 only the "terminal too small" notice shows, so only `q`, Ctrl-C (and
/// Ctrl-Z) and resizes act: Space and the grade keys touch no card nobody can see.
#[test]
fn the_too_small_screen_takes_only_quit_and_resizes() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let _ = update(&mut app, Action::Resize(60, 20), t0());
    let effects = press(
        &mut app,
        &mut shell,
        "space 1 space 3 4 ? : i tab j u esc",
        t0(),
    );
    assert_eq!(effects, [], "keys acted on the unseen screen");
    assert_eq!(kind(&phase(&app)), "prompt");
    assert!(!app.help() && !app.console.active && matches!(app.screen, Screen::Review { .. }));
    assert_eq!(crate::keymap::paste(&app, "3 apples"), None);
    assert_eq!(shell.store.review_count().unwrap(), 0);
    for quit in ["q", "ctrl-c"] {
        assert_eq!(
            crate::keymap::action_for(&app, &key(quit)),
            Some(Action::Quit),
            "{quit}"
        );
    }
    // Big enough again: the same card, at its question, takes keys again.
    let _ = update(&mut app, Action::Resize(80, 24), t0());
    press(&mut app, &mut shell, "space", t0());
    assert_eq!(kind(&phase(&app)), "revealed");
}

/// A paste is text for the field being typed, whole, or nothing: never keys.
#[test]
fn a_paste_goes_into_the_console_whole_or_nowhere() {
    let (mut app, mut shell) = fixture(&Start::Review);
    // Outside a text field: ignored, so `3 apples 4 pears` grades nothing.
    assert_eq!(crate::keymap::paste(&app, "3 apples 4 pears"), None);
    press(&mut app, &mut shell, "space", t0());
    assert_eq!(crate::keymap::paste(&app, "3 apples 4 pears"), None);
    assert_eq!(kind(&phase(&app)), "revealed");

    press(&mut app, &mut shell, "i", t0());
    let long = "x".repeat(5_000);
    let pasted = |app: &mut App, text: &str| {
        let action = crate::keymap::paste(app, text).expect("the console takes it");
        update(app, action, t0())
    };
    assert_eq!(pasted(&mut app, &long), Effects::none());
    assert_eq!(app.console.input, long);
    assert_eq!(app.console.cursor, 5_000);
    // Into the middle of the line, at the cursor; line breaks in a one-line field
    // become spaces (never one glued word), the one taken along at the end goes.
    press(&mut app, &mut shell, "ctrl-u", t0());
    app.console.input = "ab".into();
    app.console.cursor = 1;
    let _ = pasted(&mut app, "prerequisite\ngraph\r\nx\ty\u{1b}[2J\n");
    assert_eq!(app.console.input, "aprerequisite graph x y[2Jb");
    assert_eq!(app.console.cursor, 26);
    assert_eq!(kind(&phase(&app)), "revealed");
    assert_eq!(shell.store.review_count().unwrap(), 0);

    // The browse filter takes a paste too.
    let (mut app, mut shell) = fixture(&Start::Browse(None));
    press(&mut app, &mut shell, "/", t0());
    let _ = pasted(&mut app, "group-anag\n");
    assert_eq!(app.browse().unwrap().filter, "group-anag");
}

#[test]
fn ctrl_z_suspends_everywhere() {
    for start in [Start::Home, Start::Review, Start::Browse(None)] {
        let (mut app, mut shell) = fixture(&start);
        press(&mut app, &mut shell, "i", t0());
        assert_eq!(
            crate::keymap::action_for(&app, &key("ctrl-z")),
            Some(Action::Suspend),
            "{start:?}"
        );
        assert_eq!(
            update(&mut app, Action::Suspend, t0()),
            Effects::one(Effect::Suspend)
        );
    }
}

#[test]
fn esc_leaves_a_review_for_home() {
    let (mut app, mut shell) = fixture(&Start::Review);
    press(&mut app, &mut shell, "space 3", t0());
    press(
        &mut app,
        &mut shell,
        "esc",
        t0() + SignedDuration::from_secs(1),
    );
    assert_eq!(on(&app), "home");
}

#[test]
fn the_lab_console_drives_the_diagram_and_scrolls_to_the_linked_code() {
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    assert!(app.console.active, "the lab opens with the console ready");
    assert_eq!(app.card_view.focus(), crate::state::Pane::Diagram);
    for line in ["put 1 1", "put 2 2", "get 1", "put 3 3"] {
        for c in line.chars() {
            let _ = update(
                &mut app,
                Action::Console(crate::action::ConsoleEdit::Insert(c)),
                t0(),
            );
        }
        press(&mut app, &mut shell, "enter", t0());
    }
    let lab = app.lab.as_ref().and_then(crate::visual::Live::lru).unwrap();
    assert_eq!(lab.order(), [3, 1], "2 was evicted");
    assert!(app.console.output.last().unwrap().contains("EVICT 2"));
    // The Python pane shows the eviction line.
    assert!(app.card_view.scroll[1] > 0 || app.card_view.scroll[2] > 0);
    // A bad command changes nothing and says what was expected.
    app.console.input = "put x".into();
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(
        app.lab
            .as_ref()
            .and_then(crate::visual::Live::lru)
            .unwrap()
            .order(),
        [3, 1]
    );
    assert!(app.flash.as_ref().unwrap().error);
}

/// `put 1 1; put 2 2; get 1` in the lab's console does what the three lines typed one
/// by one do: the same replies in the same order, the same log, one undo step each. A
/// refused command stops the line there, naming it; those before it stay done. The
/// anagram lab takes `;` through the same console.
#[test]
fn a_lab_line_runs_its_commands_separated_by_semicolons_in_turn() {
    let lru = |app: &App| {
        app.lab
            .as_ref()
            .and_then(crate::visual::Live::lru)
            .cloned()
            .unwrap()
    };
    let log = |app: &App| -> Vec<String> {
        lru(app)
            .log()
            .map(|e| format!("{} {}", e.command(), e.outcome()))
            .collect()
    };
    let (mut one_by_one, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    for line in ["put 1 1", "put 2 2", "get 1"] {
        lab_line(&mut one_by_one, &mut shell, line, t0());
    }
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    lab_line(&mut app, &mut shell, "put 1 1; put 2 2;get 1", t0());
    assert_eq!(app.console.output, one_by_one.console.output);
    assert!(
        app.console
            .output
            .last()
            .unwrap()
            .starts_with("> get 1 -> HIT"),
        "{:?}",
        app.console.output
    );
    assert_eq!(log(&app), log(&one_by_one));
    assert_eq!(log(&app).len(), 3);
    assert_eq!(lru(&app).order(), [1, 2]);
    assert!(app.flash.is_none(), "{:?}", app.flash);
    lab_line(&mut app, &mut shell, "undo", t0());
    assert_eq!(log(&app).len(), 2, "undo takes back the last command only");

    lab_line(&mut app, &mut shell, "put 3 3; put x 1; get 2", t0());
    let said = app.console.output.last().unwrap();
    assert!(
        said.starts_with("> command 2 of 3 failed: put x 1: ")
            && said.ends_with("; 1 more not run"),
        "{said}"
    );
    let flash = app.flash.as_ref().unwrap();
    assert!(
        flash.error && flash.text.starts_with("command 2 of 3 failed"),
        "{flash:?}"
    );
    let after = log(&app);
    assert_eq!(after.len(), 3, "put 3 3 ran, get 2 did not: {after:?}");
    assert!(after[0].starts_with("put 3 3"), "{after:?}");

    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Anagrams, 2));
    lab_line(&mut app, &mut shell, "add eat; add tea;", t0());
    assert_eq!(
        app.console.output[app.console.output.len() - 2..],
        [
            "> add eat -> NEW bucket aet",
            "> add tea -> +tea in bucket aet"
        ]
    );
    let Some(crate::visual::Live::Anagrams(lab)) = app.lab.as_ref() else {
        panic!("the anagram lab");
    };
    assert_eq!((lab.len(), lab.buckets().len()), (2, 1));
}

#[test]
fn review_and_quiz_filter_by_area() {
    let (mut app, mut shell) = fixture(&Start::Home);
    app.study.topic_filter = Some("aws".into());
    press(&mut app, &mut shell, "enter", t0()); // Review
    let session = app.review().unwrap();
    let mut shown: Vec<usize> = session.queue.iter().copied().collect();
    shown.extend(session.phase.card());
    assert!(shown.len() >= 5, "{shown:?}");
    for i in shown {
        assert_eq!(app.card(i).unwrap().1.topic, "aws");
    }
    let selection = crate::quiz::Selection {
        topic: Some("leadership-principles".into()),
        count: Some(100),
        ..crate::quiz::Selection::default()
    };
    let items = crate::quiz::select(&app.study.library, &selection, 1).unwrap();
    assert!(items.len() >= 12);
    assert!(items.iter().all(|i| i.topic == "leadership-principles"));
}

/// What the footer and the help list is what the keys do: on every screen reached by
/// these key sequences, each key shown is dispatched to the action shown next to it
/// (under the help, once the help is closed).
#[test]
fn listed_keys_do_what_they_say() {
    let quiz = |card: &str| {
        Start::Quiz(crate::quiz::Selection {
            card: Some(card.into()),
            ..crate::quiz::Selection::default()
        })
    };
    let cases = [
        (Start::Home, ""),
        (Start::Home, "?"),
        (Start::Review, ""),
        (Start::Review, "space"),
        (Start::Review, "space 3"),
        (Start::Review, "i"),
        (Start::Review, ":"),
        (Start::Review, "space ?"),
        (Start::Lab(crate::content::Visual::Lru, 0), ""),
        (Start::Lab(crate::content::Visual::Lru, 0), "esc"),
        (Start::Browse(None), ""),
        (Start::Browse(None), "/"),
        (Start::Browse(None), "enter"),
        (Start::Browse(None), "/ g i l enter esc"),
        (Start::Browse(None), "enter ?"),
        (Start::Home, "j j j j enter"),
        (quiz("lru-cache"), ""),
        (quiz("lru-cache"), "i"),
        (quiz("lru-cache"), "?"),
        (quiz("lru-cache"), "s"),
        (quiz("lru-cache"), "s enter s"),
        (quiz("two-sum"), ""),
        (quiz("two-sum"), "s ?"),
    ];
    for (start, keys) in cases {
        let (mut app, mut shell) = fixture(&start);
        press(&mut app, &mut shell, keys, t0());
        let help = app.help();
        let listed: Vec<_> = if help {
            crate::keymap::for_help(&app)
        } else {
            crate::keymap::active(&app, false)
        };
        app.overlay = None;
        for (scope, binding) in listed {
            for key in binding.keys {
                let modifiers = if key.ctrl {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::NONE
                };
                let event = KeyEvent::new(key.code, modifiers);
                assert_eq!(
                    crate::keymap::action_for(&app, &event).as_ref(),
                    Some(&binding.action),
                    "{start:?} then {keys:?}: {} is listed in {scope:?} as {:?}",
                    key.label(),
                    binding.help
                );
            }
        }
    }
}

/// Two undos in a row put both cards back exactly once: the first card is shown again,
/// the second waits in the queue, and neither can be graded twice.
#[test]
fn undoing_twice_puts_each_card_back_once() {
    let (mut app, mut shell) = fixture(&Start::Home);
    app.study.limit = Some(2);
    let first = app::start(&mut app, &Start::Review, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    let a = phase(&app).card().unwrap();
    press(&mut app, &mut shell, "space 1", t0());
    let b = phase(&app).card().unwrap();
    assert_ne!(a, b);
    // A minute on, the Again card is due again and shows.
    let later = t0() + SignedDuration::from_mins(2);
    press(&mut app, &mut shell, "space 3", later);
    press(&mut app, &mut shell, "u u", later);
    let session = app.review().unwrap();
    assert_eq!(session.phase.card(), Some(a));
    assert_eq!(session.queue.iter().copied().collect::<Vec<_>>(), [b]);
    assert!(session.later.is_empty());
    assert_eq!(shell.store.review_count().unwrap(), 0);
}

/// Each card starts with an empty console: what was typed on one card is not left on
/// the next.
#[test]
fn the_console_starts_over_on_each_card() {
    let (mut app, mut shell) = fixture(&Start::Review);
    press(
        &mut app,
        &mut shell,
        "i p u t space 1 space 1 enter h a l f esc",
        t0(),
    );
    assert_eq!(app.console.input, "half");
    assert!(!app.console.output.is_empty());
    press(&mut app, &mut shell, "space 3", t0());
    assert_eq!(app.console.input, "");
    assert!(app.console.output.is_empty());
    assert!(!app.console.history.is_empty(), "history is kept");
}

/// Leaving a quiz lands on Quiz in the home menu, so mashing Enter past the scorecard
/// starts another quiz, never a review that would save grades.
#[test]
fn leaving_a_screen_rests_home_on_its_entry() {
    let quiz = Start::Quiz(crate::quiz::Selection {
        count: Some(1),
        ..crate::quiz::Selection::default()
    });
    let (mut app, mut shell) = fixture(&quiz);
    press(&mut app, &mut shell, "s enter enter", t0());
    assert_eq!(on(&app), "home");
    assert_eq!(HOME_ITEMS[home_selected(&app)], HomeItem::Quiz);
    press(&mut app, &mut shell, "enter enter enter enter", t0());
    assert_eq!(shell.store.review_count().unwrap(), 0);
    for (start, item) in [
        (Start::Browse(None), HomeItem::Browse),
        (Start::Review, HomeItem::Review),
    ] {
        let (mut app, mut shell) = fixture(&start);
        press(&mut app, &mut shell, "esc", t0());
        assert_eq!(HOME_ITEMS[home_selected(&app)], item, "{start:?}");
    }
}

/// At 80×24 the stats run past the screen: j, G and g scroll them, within bounds.
#[test]
fn the_stats_scroll_at_a_small_size() {
    // One quiz answer adds a line to the report, enough to overflow.
    let quiz = Start::Quiz(crate::quiz::Selection {
        count: Some(1),
        ..crate::quiz::Selection::default()
    });
    let (mut app, mut shell) = fixture(&quiz);
    let _ = update(&mut app, Action::Resize(80, 24), t0());
    press(&mut app, &mut shell, "s enter enter j j j j enter", t0());
    assert_eq!(on(&app), "stats");
    let (max, _) = crate::layout::stats_scroll_limits(&app);
    assert!(max > 0, "the report is taller than 80x24");
    press(&mut app, &mut shell, "j", t0());
    assert_eq!(app.card_view.scroll[0], 1);
    press(&mut app, &mut shell, "G j", t0());
    assert_eq!(app.card_view.scroll[0], max);
    press(&mut app, &mut shell, "g", t0());
    assert_eq!(app.card_view.scroll[0], 0);
}

/// A session cut short by `--limit` says how much is left today instead of pointing
/// days ahead.
#[test]
fn the_summary_counts_what_is_left_today() {
    let (mut app, mut shell) = fixture(&Start::Home);
    let before = app.due.all;
    assert_eq!(before.due(), 0);
    app.study.limit = Some(1);
    let first = app::start(&mut app, &Start::Review, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    press(&mut app, &mut shell, "space 4", t0());
    assert_eq!(kind(&phase(&app)), "finished");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| crate::ui::view(f, &app)).unwrap();
    let screen = format!("{}", terminal.backend());
    // One new card was graded Easy (due in days): one new card fewer is left.
    let new = before.new - 1;
    assert!(
        screen.contains(&format!("Still to study: {new} today ({new} new, 0 due)")),
        "{screen}"
    );
}

/// Home offers both labs the same way: an entry each, Enter opens the lab with its
/// console ready, Esc goes back home onto that entry, and `?` titles the lab's keys
/// "Lab" (not "LRU lab") and lists that lab's commands.
#[test]
fn home_offers_both_labs() {
    use crate::content::Visual;
    for (visual, card, down, title) in [
        (Visual::Lru, "lru-cache", "j j", "LRU lab"),
        (Visual::Anagrams, "group-anagrams", "j j j", "Anagrams lab"),
    ] {
        let (mut app, mut shell) = fixture(&Start::Home);
        let label = format!("› {title}: ");
        press(&mut app, &mut shell, down, t0());
        assert!(screen_text(&app).contains(&label), "{}", screen_text(&app));
        assert_eq!(HOME_ITEMS[home_selected(&app)], HomeItem::Lab(visual));
        press(&mut app, &mut shell, "enter", t0());
        assert_eq!(on(&app), "card", "{visual:?}");
        assert_eq!(
            app.current_card()
                .and_then(|i| app.card(i))
                .map(|(_, c)| c.id.to_string()),
            Some(card.to_string())
        );
        assert_eq!(
            app.lab.as_ref().map(crate::visual::Live::kind),
            Some(visual)
        );
        assert!(app.console.active);
        press(&mut app, &mut shell, "esc ?", t0());
        let help = screen_text(&app);
        assert!(
            help.contains(&format!("{title} (press i and type)")),
            "{help}"
        );
        if visual == Visual::Anagrams {
            assert!(!help.contains("LRU"), "{help}");
        }
        press(&mut app, &mut shell, "? esc", t0());
        assert_eq!(on(&app), "home");
        assert_eq!(HOME_ITEMS[home_selected(&app)], HomeItem::Lab(visual));
    }
}

/// The LRU lab opened from home goes back home (on the Lab entry); a card opened from
/// the list goes back to the list.
#[test]
fn esc_leaves_the_lab_for_home_and_a_card_for_its_list() {
    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    press(&mut app, &mut shell, "esc esc", t0());
    assert_eq!(on(&app), "home");
    assert_eq!(
        HOME_ITEMS[home_selected(&app)],
        HomeItem::Lab(crate::content::Visual::Lru)
    );
    let (mut app, mut shell) = fixture(&Start::Browse(None));
    press(&mut app, &mut shell, "enter esc", t0());
    assert_eq!(on(&app), "browse");
    // The list comes back as it was left: the card opened still selected.
    press(&mut app, &mut shell, "j j j enter", t0());
    assert_eq!(on(&app), "card");
    assert_eq!(app.current_card(), Some(3));
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(app.browse().map(|b| b.selected), Some(3));
}

/// The help lists what works where it is opened: no "pick option 5" on a four-option
/// question, no `:reveal` on a card opened from the list.
#[test]
fn the_help_lists_only_what_applies_here() {
    let help_text = |app: &App| -> String {
        crate::layout::help::lines(app, 100)
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    };
    let quiz = Start::Quiz(crate::quiz::Selection {
        card: Some("two-sum".into()),
        ..crate::quiz::Selection::default()
    });
    let (mut app, mut shell) = fixture(&quiz);
    // Find a single-choice item and count its options.
    let mut found = false;
    for _ in 0..10 {
        let options = match app.quiz().and_then(|q| q.current()).map(|i| &i.item) {
            Some(crate::content::QuizItem::Single(q)) => Some(q.options.len()),
            _ => None,
        };
        if let Some(n) = options {
            press(&mut app, &mut shell, "?", t0());
            let text = help_text(&app);
            assert!(text.contains(&format!("pick option {n}")), "{text}");
            assert!(!text.contains(&format!("pick option {}", n + 1)), "{text}");
            assert!(!text.contains("move line"), "{text}");
            found = true;
            break;
        }
        press(&mut app, &mut shell, "s enter", t0());
    }
    assert!(found, "two-sum has a single-choice quiz item");
    let (mut app, mut shell) = fixture(&Start::Browse(Some("gil".into())));
    press(&mut app, &mut shell, "?", t0());
    let text = help_text(&app);
    assert!(
        text.contains(":home") && !text.contains(":reveal"),
        "{text}"
    );
}

/// Undoing the only grade of the day takes the streak back to zero.
#[test]
fn undo_takes_the_streak_back() {
    let (mut app, mut shell) = fixture(&Start::Review);
    assert_eq!(app.study.streak, 0);
    press(&mut app, &mut shell, "space 4", t0());
    assert_eq!(app.study.streak, 1);
    press(&mut app, &mut shell, "u", t0());
    assert_eq!(app.study.streak, 0);
}

/// On a free-recall item, Esc leaves the answer editor and keeps what was typed as the
/// answer (lines and all), and Enter then submits it; `i` goes on from it.
#[test]
fn esc_keeps_a_recall_answer_and_enter_submits_it() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    press(&mut app, &mut shell, "i a b enter c esc", t0());
    assert!(!app.quiz().unwrap().editing());
    assert!(
        !app.console.active,
        "the answer is not typed in the console"
    );
    let crate::quiz::QuizStep::Answering(crate::quiz::AnswerState::Recall { text }) =
        quiz_phase(&app)
    else {
        panic!("{:?}", quiz_phase(&app))
    };
    assert_eq!(text, "ab\nc");
    press(&mut app, &mut shell, "i d", t0());
    let editor = app
        .quiz()
        .and_then(crate::quiz::QuizSession::editor)
        .unwrap();
    assert_eq!(editor.text(), "ab\ncd", "the editor goes on from it");
    press(&mut app, &mut shell, "esc enter", t0());
    assert!(matches!(
        quiz_phase(&app),
        crate::quiz::QuizStep::Feedback { gave_up: false, .. }
    ));
}

/// A paste bigger than a recall answer keeps is cut, and the footer says so, with the
/// sizes: the learner sees why the end of their text is missing.
#[test]
fn a_paste_cut_in_a_recall_answer_is_flashed() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    press(&mut app, &mut shell, "i", t0());
    let _ = update(
        &mut app,
        Action::Edit(crate::editor::Edit::Paste("x".repeat(1024 * 1024))),
        t0(),
    );
    let flash = app.flash.clone().expect("a flash").text;
    assert!(
        flash.contains("1024 KiB") && flash.contains("16 KiB"),
        "{flash}"
    );
    let kept = app
        .quiz()
        .and_then(crate::quiz::QuizSession::editor)
        .unwrap();
    assert_eq!(kept.text().len(), crate::quiz::MAX_RECALL_ANSWER);
    // A paste that fits says nothing.
    app.flash = None;
    press(&mut app, &mut shell, "ctrl-u", t0());
    let _ = update(
        &mut app,
        Action::Edit(crate::editor::Edit::Paste("a short answer".into())),
        t0(),
    );
    assert!(app.flash.is_none(), "{:?}", app.flash);
}

/// At 80×24 the LRU card's help is taller than the screen even in two columns: j
/// scrolls it to its last line, and the title says so.
#[test]
fn a_help_taller_than_the_screen_scrolls() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let _ = update(&mut app, Action::Resize(80, 24), t0());
    press(&mut app, &mut shell, "space ?", t0());
    let max = crate::layout::help::max_scroll(&app);
    assert!(max > 0);
    let draw = |app: &App| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| crate::ui::view(f, app)).unwrap();
        format!("{}", terminal.backend())
    };
    let first = draw(&app);
    assert!(first.contains("j/k scroll"), "{first}");
    assert!(!first.contains("G, End"), "{first}");
    for _ in 0..max + 3 {
        press(&mut app, &mut shell, "j", t0());
    }
    assert_eq!(help_scroll(&app), max);
    assert!(draw(&app).contains("G, End"), "{}", draw(&app));
    press(&mut app, &mut shell, "?", t0());
    assert!(!app.help());
    assert_eq!(help_scroll(&app), 0);
}

/// `G`, `g`, `PgDn` and `PgUp` move Browse's list, which they did not (only `j`/`k` did).
#[test]
fn browse_list_pages_and_jumps() {
    let (mut app, mut shell) = fixture(&Start::Browse(None));
    let _ = update(&mut app, Action::Resize(100, 24), t0());
    let rows = crate::layout::browse::list_rows(app.size);
    let last = app.browse_matches().len() - 1;
    assert!(last > rows, "{last} cards, {rows} rows");
    press(&mut app, &mut shell, "pgdn", t0());
    assert_eq!(app.browse().unwrap().selected, rows);
    assert_eq!(app.browse().unwrap().offset, 1, "the selection just shows");
    press(&mut app, &mut shell, "G", t0());
    assert_eq!(
        (app.browse().unwrap().selected, app.browse().unwrap().offset),
        (last, last + 1 - rows)
    );
    press(&mut app, &mut shell, "ctrl-u", t0());
    assert_eq!(app.browse().unwrap().selected, last - rows);
    press(&mut app, &mut shell, "g", t0());
    assert_eq!(
        (app.browse().unwrap().selected, app.browse().unwrap().offset),
        (0, 0)
    );
    press(&mut app, &mut shell, "/ l p - pgdn", t0());
    let lp = app.browse_matches().len();
    assert!(lp > 1);
    assert_eq!(
        app.browse().unwrap().selected,
        lp - 1,
        "PgDn while typing a filter"
    );
}

/// The filter finds a card by its question too, and Esc clears it: typing stops and the
/// list is whole again, and leaving Browse leaves no filter behind for next time.
#[test]
fn browse_filter_reads_the_question_and_esc_clears_it() {
    let (mut app, mut shell) = fixture(&Start::Browse(None));
    let all = app.browse_matches().len();
    // A word of some card's question that its id, title, topic and tags do not have.
    let (index, word) = (0..app.study.cards.len())
        .find_map(|i| {
            let (deck, card) = app.card(i)?;
            let elsewhere = format!(
                "{} {} {} {} {}",
                card.id.as_str(),
                card.title,
                card.topic,
                deck.topic_name(&card.topic),
                card.tags.join(" ")
            )
            .to_lowercase();
            card.prompt
                .split(|c: char| !c.is_ascii_alphabetic())
                .find(|w| w.len() >= 6 && !elsewhere.contains(&w.to_lowercase()))
                .map(|w| (i, w.to_lowercase()))
        })
        .expect("a question word");
    let keys: Vec<String> = word.chars().map(String::from).collect();
    press(&mut app, &mut shell, &format!("/ {}", keys.join(" ")), t0());
    assert!(
        app.browse_matches().contains(&index),
        "{word:?} finds {:?}",
        app.card_id(index)
    );
    press(&mut app, &mut shell, "esc", t0());
    assert!(!app.browse().unwrap().filtering);
    assert_eq!(app.browse().unwrap().filter, "");
    assert_eq!(app.browse_matches().len(), all);
    // A filter kept to open a card: back on the list, Esc clears it (the footer says
    // so), the card opened still selected; the next Esc goes home.
    press(&mut app, &mut shell, "/ g i l enter esc", t0());
    assert_eq!(
        (on(&app), app.browse().unwrap().filter.as_str()),
        ("browse", "gil")
    );
    let footer: Vec<_> = crate::keymap::active(&app, true)
        .iter()
        .map(|(_, b)| b.help)
        .collect();
    assert!(footer.contains(&"clear filter"), "{footer:?}");
    assert!(!footer.contains(&"home"), "{footer:?}");
    let gil = app.study.index_of("gil").unwrap();
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "browse");
    assert_eq!(app.browse().unwrap().filter, "");
    assert_eq!(app.browse_matches().len(), all);
    let browse = app.browse().unwrap();
    assert_eq!(app.browse_matches()[browse.selected], gil);
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "home");
    press(&mut app, &mut shell, "enter", t0());
    assert_eq!(on(&app), "browse");
    assert_eq!(app.browse().unwrap().filter, "");
    assert_eq!(app.browse_matches().len(), all);
    // `h` is home at once, filter or not.
    press(&mut app, &mut shell, "/ g i l enter esc h", t0());
    assert_eq!(on(&app), "home");
}

/// Esc in the middle of a quiz asks first, since leaving loses the scorecard: `n` or
/// Esc stays, `y` leaves, other keys wait for the answer. Before any answer, and on the
/// scorecard, Esc leaves at once.
#[test]
fn esc_asks_before_leaving_a_quiz_with_answers() {
    let quiz = Start::Quiz(crate::quiz::Selection {
        count: Some(3),
        ..crate::quiz::Selection::default()
    });
    let (mut app, mut shell) = fixture(&quiz);
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "home", "nothing answered: nothing to lose");

    let (mut app, mut shell) = fixture(&quiz);
    press(&mut app, &mut shell, "s", t0());
    for keys in ["esc", "enter esc"] {
        press(&mut app, &mut shell, keys, t0());
        assert_eq!(on(&app), "quiz", "{keys}: asked, not left");
        assert_eq!(
            app.overlay,
            Some(Overlay::Confirm(crate::state::Confirm::LeaveQuiz)),
            "{keys}"
        );
        let position = app.quiz().map(crate::quiz::QuizSession::position);
        press(&mut app, &mut shell, "s enter q", t0());
        assert!(!app.quit, "{keys}: the question takes no other key");
        assert_eq!(
            app.quiz().map(crate::quiz::QuizSession::position),
            position,
            "{keys}"
        );
        press(
            &mut app,
            &mut shell,
            if keys == "esc" { "esc" } else { "n" },
            t0(),
        );
        assert_eq!((on(&app), app.overlay), ("quiz", None), "{keys}: stayed");
    }
    press(&mut app, &mut shell, "esc y", t0());
    assert_eq!((on(&app), app.overlay), ("home", None));
    assert_eq!(HOME_ITEMS[home_selected(&app)], HomeItem::Quiz);

    let (mut app, mut shell) = fixture(&quiz);
    press(&mut app, &mut shell, "s enter s enter s enter", t0());
    assert!(
        app.quiz()
            .is_some_and(crate::quiz::QuizSession::is_finished)
    );
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "home", "the scorecard was seen");
}

/// Anki's order: a learning card that has come due is shown before the next new card,
/// not after every new card of the day.
#[test]
fn a_due_learning_card_comes_before_new_cards() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let ReviewStep::Prompt { card: first, .. } = phase(&app) else {
        panic!()
    };
    assert!(app.review().unwrap().queue.len() > 2, "new cards wait");
    // Again: the first card comes back a minute later.
    press(&mut app, &mut shell, "space 1", t0());
    let ReviewStep::Prompt { card: second, .. } = phase(&app) else {
        panic!()
    };
    assert_ne!(second, first, "not due yet: a new card shows meanwhile");
    // Five minutes on, the first card is due: it comes before the remaining new cards.
    press(
        &mut app,
        &mut shell,
        "space 3",
        t0() + SignedDuration::from_mins(5),
    );
    let ReviewStep::Prompt { card, .. } = phase(&app) else {
        panic!()
    };
    assert_eq!(card, first, "the due learning card is next");
}

/// Practising ahead offers only cards already studied: a new card's intervals would be
/// shown and then not saved.
#[test]
fn practice_ahead_offers_no_new_cards() {
    let (mut app, mut shell) = fixture(&Start::Review);
    press(&mut app, &mut shell, "space 4 space 4", t0());
    let studied: Vec<String> = app.study.states.keys().cloned().collect();
    assert_eq!(studied.len(), 2);
    // Today's new cards are used up: nothing is due, so the review practises ahead.
    app.study.new_per_day = 0;
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "home");
    let first = app::start(&mut app, &Start::Review, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    let session = app.review().unwrap();
    assert!(session.practice);
    let mut offered: Vec<usize> = session.queue.iter().copied().collect();
    offered.extend(session.phase.card());
    let offered: Vec<&str> = offered.iter().filter_map(|&i| app.card_id(i)).collect();
    assert_eq!(offered.len(), 2, "{offered:?}");
    assert!(
        offered.iter().all(|id| studied.iter().any(|s| s == id)),
        "{offered:?}"
    );
    // With nothing studied either, there is nothing to practise, and the screen says so.
    let (mut app, mut shell) = fixture(&Start::Home);
    app.study.new_per_day = 0;
    let first = app::start(&mut app, &Start::Review, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    assert_eq!(kind(&phase(&app)), "finished");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::ui::view(f, &app)).unwrap();
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("Nothing to study now"), "{screen}");
    assert!(
        screen.contains("nothing to study now: nothing is due"),
        "{screen}"
    );
}

/// The review says what is left, Anki's three counts, on every card; the card on
/// screen counts as left until it is graded.
#[test]
fn the_review_shows_new_learning_and_due_left() {
    let (mut app, mut shell) = fixture(&Start::Review);
    let draw = |app: &App, (w, h): (u16, u16)| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| crate::ui::view(f, app)).unwrap();
        format!("{}", terminal.backend())
    };
    let new = app.review().unwrap().queue.len() + 1;
    assert_eq!(new, 20, "the daily new-card limit");
    for size in [(160, 48), (80, 24)] {
        let screen = draw(&app, size);
        assert!(screen.contains("20 new · 0 learning · 0 due"), "{screen}");
    }
    press(&mut app, &mut shell, "space 1", t0());
    let screen = draw(&app, (80, 24));
    assert!(screen.contains("19 new · 1 learning · 0 due"), "{screen}");
    press(&mut app, &mut shell, "space", t0());
    let screen = draw(&app, (80, 24));
    assert!(
        screen.contains("19 new · 1 learning · 0 due"),
        "revealed too: {screen}"
    );
}

/// The summary's "next card due" is a local time, as the days are.
#[test]
fn the_next_due_time_is_local() {
    let library = crate::content::bundled_library().clone();
    let store = Store::open_in_memory().unwrap();
    let tz = jiff::tz::TimeZone::get("America/New_York").unwrap();
    let mut app = app::build(library, &store, t0(), Days::new(tz), false, None, None).unwrap();
    // The size comes first, as in the real loop: keys do nothing on a screen too small.
    let _ = update(&mut app, Action::Resize(160, 48), t0());
    app.study.new_per_day = 1;
    let mut shell = Shell::new(store, None);
    let first = app::start(&mut app, &Start::Review, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    press(&mut app, &mut shell, "space 4", t0());
    assert_eq!(kind(&phase(&app)), "finished");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| crate::ui::view(f, &app)).unwrap();
    let screen = format!("{}", terminal.backend());
    // Graded at 10:00 UTC, due whole days later: 06:00 in New York's summer time.
    assert!(screen.contains("Next card due in"), "{screen}");
    assert!(screen.contains(" 06:00 EDT)"), "{screen}");
}

/// A quiz over every item, moved on ("I don't know") to the first item of `kind`.
fn quiz_at(kind: crate::content::QuizKind) -> (App, Shell) {
    let quiz = Start::Quiz(crate::quiz::Selection {
        count: Some(200),
        ..crate::quiz::Selection::default()
    });
    let (mut app, mut shell) = fixture(&quiz);
    for _ in 0..200 {
        let current = app.quiz().and_then(|q| q.current());
        if current.is_some_and(|i| i.item.kind() == kind) {
            return (app, shell);
        }
        press(&mut app, &mut shell, "s enter", t0());
    }
    panic!("the bundled decks have a {kind:?} item");
}

/// Types `text` key by key, as a user would.
fn type_text(app: &mut App, shell: &mut Shell, text: &str) {
    for c in text.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = crate::keymap::action_for(app, &event) {
            let effects = update(app, action, t0());
            shell.execute(app, effects, t0());
        }
    }
}

fn quiz_phase(app: &App) -> crate::quiz::QuizStep {
    app.quiz().unwrap().phase().clone()
}

/// A free-recall answer takes several lines: Enter breaks the line and the answer keeps
/// the break (it used to submit the line and glue the next one onto its last word);
/// Ctrl-D submits the whole answer.
#[test]
fn enter_breaks_a_recall_answer_and_ctrl_d_submits_it() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    press(&mut app, &mut shell, "i", t0());
    type_text(&mut app, &mut shell, "prerequisite");
    press(&mut app, &mut shell, "enter", t0());
    type_text(&mut app, &mut shell, "graph");
    assert!(
        matches!(quiz_phase(&app), crate::quiz::QuizStep::Answering(_)),
        "Enter does not submit"
    );
    assert!(app.quiz().unwrap().editing());
    press(&mut app, &mut shell, "ctrl-d", t0());
    let crate::quiz::QuizStep::Feedback {
        answer: crate::quiz::AnswerState::Recall { text },
        gave_up: false,
        ..
    } = quiz_phase(&app)
    else {
        panic!("{:?}", quiz_phase(&app))
    };
    assert_eq!(text, "prerequisite\ngraph");
    assert!(!app.quiz().unwrap().editing());
}

/// Alt-Enter and Ctrl-Enter submit a recall answer too, where the terminal reports
/// them; a plain Enter only breaks the line.
#[test]
fn alt_enter_and_ctrl_enter_submit_a_recall_answer() {
    for submit in ["alt-enter", "ctrl-enter"] {
        let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
        press(&mut app, &mut shell, "i a enter", t0());
        assert!(matches!(
            quiz_phase(&app),
            crate::quiz::QuizStep::Answering(_)
        ));
        press(&mut app, &mut shell, submit, t0());
        let crate::quiz::QuizStep::Feedback {
            answer: crate::quiz::AnswerState::Recall { text },
            ..
        } = quiz_phase(&app)
        else {
            panic!("{submit}: {:?}", quiz_phase(&app))
        };
        assert_eq!(text, "a\n", "{submit}");
    }
}

/// Ctrl-U undoes in the answer editor and Ctrl-R redoes (Ctrl-Z suspends tutor), and
/// the footer names the editor's keys from the key table.
#[test]
fn the_answer_editor_undoes_with_ctrl_u_and_shows_its_keys() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    press(&mut app, &mut shell, "i a b bs", t0());
    let text = |app: &App| {
        app.quiz()
            .and_then(crate::quiz::QuizSession::editor)
            .unwrap()
            .text()
    };
    assert_eq!(text(&app), "a");
    press(&mut app, &mut shell, "ctrl-u", t0());
    assert_eq!(text(&app), "ab");
    press(&mut app, &mut shell, "ctrl-r", t0());
    assert_eq!(text(&app), "a");
    let footer: Vec<String> = crate::keymap::active(&app, true)
        .iter()
        .map(|(_, b)| format!("{} {}", b.keys[0].label(), b.help))
        .collect();
    assert_eq!(
        footer,
        [
            "Ctrl-D submit answer",
            "Esc stop typing",
            "Enter new line",
            "Ctrl-U undo"
        ]
    );
    let help: String = crate::layout::help::lines(&app, 100)
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
        .collect();
    assert!(
        help.contains("Alt-Enter") && help.contains("Ctrl-R"),
        "{help}"
    );
}

/// A paste into a free-recall answer keeps its line breaks (CRLF and CR too), as Enter
/// does there; the one taken along at the end is dropped, and tabs become spaces.
#[test]
fn a_paste_into_a_recall_answer_keeps_its_lines() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    press(&mut app, &mut shell, "i", t0());
    let action = crate::keymap::paste(&app, "prerequisite\r\ngraph\r\tnode\n").unwrap();
    let _ = update(&mut app, action, t0());
    let editor = app
        .quiz()
        .and_then(crate::quiz::QuizSession::editor)
        .unwrap();
    assert_eq!(editor.text(), "prerequisite\ngraph\n    node");
    assert_eq!(editor.cursor(), (2, 8), "the cursor after the paste");
    press(&mut app, &mut shell, "ctrl-d", t0());
    let crate::quiz::QuizStep::Feedback {
        answer: crate::quiz::AnswerState::Recall { text },
        ..
    } = quiz_phase(&app)
    else {
        panic!("{:?}", quiz_phase(&app))
    };
    assert_eq!(text, "prerequisite\ngraph\n    node");
}

/// After the last gap of a cloze item the console's line is empty (it used to keep the
/// last gap's text, as if waiting for more), and Enter on it submits.
#[test]
fn the_console_line_is_cleared_after_the_last_gap() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Cloze);
    let gaps = match quiz_phase(&app) {
        crate::quiz::QuizStep::Answering(crate::quiz::AnswerState::Cloze { gaps, .. }) => {
            gaps.len()
        }
        other => panic!("{other:?}"),
    };
    press(&mut app, &mut shell, "i", t0());
    for gap in 0..gaps {
        type_text(&mut app, &mut shell, &format!("gap{gap}"));
        press(&mut app, &mut shell, "enter", t0());
    }
    assert_eq!(app.console.input, "", "the line after the last gap");
    assert!(matches!(
        quiz_phase(&app),
        crate::quiz::QuizStep::Answering(_)
    ));
    press(&mut app, &mut shell, "enter", t0());
    let crate::quiz::QuizStep::Feedback {
        answer: crate::quiz::AnswerState::Cloze { gaps: typed, .. },
        ..
    } = quiz_phase(&app)
    else {
        panic!("{:?}", quiz_phase(&app))
    };
    assert_eq!(typed.last().unwrap(), &format!("gap{}", gaps - 1), "kept");
}

/// After an unknown `:` command the console is still taking a command, and the error
/// fits inside the console's border at the smallest size (a two-row flash used to cover
/// the border).
#[test]
fn an_unknown_command_keeps_command_mode_and_fits_the_border() {
    for screen in [Start::Review, Start::Browse(Some("gil".into()))] {
        let (mut app, mut shell) = fixture(&screen);
        let _ = update(&mut app, Action::Resize(80, 24), t0());
        press(&mut app, &mut shell, ":", t0());
        type_text(
            &mut app,
            &mut shell,
            "frobnicate-the-whole-thing-please now",
        );
        press(&mut app, &mut shell, "enter", t0());
        assert!(app.console.active);
        assert_eq!(app.console.input, ":", "still a command");
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| crate::ui::view(f, &app)).unwrap();
        let rows: Vec<String> = terminal
            .backend()
            .buffer()
            .content
            .chunks(80)
            .map(|row| row.iter().map(ratatui::buffer::Cell::symbol).collect())
            .collect();
        let top = rows
            .iter()
            .position(|r| r.starts_with("┏ Console"))
            .unwrap();
        let bottom = &rows[top + 2];
        assert!(
            bottom.starts_with('┗') && bottom.ends_with('┛'),
            "{}",
            rows.join("\n")
        );
        assert!(bottom.contains("unknown command"), "{bottom}");
        assert!(bottom.contains(":help"), "{bottom}");
        // A known command goes on working from there.
        type_text(&mut app, &mut shell, "help");
        press(&mut app, &mut shell, "enter", t0());
        assert!(app.help());
    }
}

/// Reviews of cards no loaded deck has (imported from another machine, or a deck left
/// out with `--decks`) are kept, but they use up none of today's limits: 25 of them
/// today left "today's new cards are done" with the bundled deck untouched.
#[test]
fn reviews_of_cards_not_loaded_use_up_no_daily_limit() {
    let mut store = Store::open_in_memory().unwrap();
    let rows: Vec<crate::store::revlog::RevlogRow> = (0..25)
        .map(|i| crate::store::revlog::RevlogRow {
            card_id: format!("ghost-{i}"),
            review_time: (t0() - SignedDuration::from_mins(10)).as_millisecond() + i,
            rating: 3,
            state: 0,
            duration_ms: 5000,
        })
        .collect();
    let scheduler = crate::srs::Scheduler::new(&crate::srs::Settings::default()).unwrap();
    store
        .import_revlog(&scheduler, &rows, &Days::utc())
        .unwrap();
    let library = crate::content::bundled_library().clone();
    let app = app::build(library, &store, t0(), Days::utc(), false, None, None).unwrap();
    assert_eq!(app.study.done_today.new, 0, "{:?}", app.study.done_today);
    assert_eq!(
        app.study.done_today.reviews, 0,
        "{:?}",
        app.study.done_today
    );
}

/// After a recall verdict the footer offers the claim key from the key table; each
/// press claims a missed point and saves it; with every one claimed the answer is right,
/// self-assessed, and the store counts the claims apart from the scored points.
#[test]
fn claiming_missed_points_is_saved_as_self_assessed() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    press(&mut app, &mut shell, "i x ctrl-d", t0());
    let missed = match quiz_phase(&app) {
        crate::quiz::QuizStep::Feedback {
            verdict: crate::quiz::Verdict::Recall(v),
            ..
        } => v.missed().len(),
        other => panic!("{other:?}"),
    };
    assert!(missed > 0);
    let footer: Vec<String> = crate::keymap::active(&app, true)
        .iter()
        .map(|(_, b)| format!("{} {}", b.keys[0].label(), b.help))
        .collect();
    assert_eq!(footer[0], "c I did say that");
    let mut claims = 0;
    for _ in 0..=missed {
        let effects = press(&mut app, &mut shell, "c", t0());
        claims += effects
            .iter()
            .filter(|e| matches!(e, Effect::RecordClaim(_)))
            .count();
    }
    assert_eq!(claims, missed, "one claim a missed point, and no more");
    assert!(app.flash.is_none(), "{:?}", app.flash);
    let summary = shell.store.quiz_summary(0).unwrap();
    assert_eq!(
        (
            summary.all_time.correct,
            summary.self_assessed,
            summary.points_claimed
        ),
        (1, 1, missed)
    );
    assert_eq!(summary.points_total - summary.points_scored, missed);
}

/// Esc cancels the latest running foreground job (the learner's) before it means Back,
/// and says so; the job's late end changes nothing; the next Esc is Back again. While
/// typing, Esc leaves the console first.
#[test]
fn esc_cancels_the_running_job_before_it_means_back() {
    let (mut app, mut shell) = fixture(&Start::Browse(None));
    let start = |id, label| Action::JobStarted {
        id,
        label,
        kind: crate::worker::JobKind::Foreground,
    };
    let _ = update(&mut app, start(7, "highlighting cards"), t0());
    let _ = update(&mut app, start(8, "highlighting"), t0());
    assert_eq!(
        press(&mut app, &mut shell, "esc", t0()),
        [Effect::CancelJob(8)]
    );
    assert!(matches!(app.screen, Screen::Browse(_)));
    let flash = app.flash.as_ref().map(|f| (f.text.as_str(), f.error));
    assert_eq!(flash, Some(("cancelled highlighting", false)));
    let end = crate::worker::End::Cancelled;
    let _ = update(&mut app, Action::JobFinished { id: 8, end }, t0());
    assert_eq!(app.jobs.len(), 1);
    assert_eq!(
        press(&mut app, &mut shell, "esc", t0()),
        [Effect::CancelJob(7)]
    );
    assert!(app.jobs.is_empty());
    press(&mut app, &mut shell, "esc", t0());
    assert!(matches!(app.screen, Screen::Home(_)));

    let (mut app, mut shell) = fixture(&Start::Review);
    press(&mut app, &mut shell, "i", t0());
    let _ = update(&mut app, start(1, "highlighting"), t0());
    assert!(press(&mut app, &mut shell, "esc", t0()).is_empty());
    assert!(!app.console.active);
    assert_eq!(
        press(&mut app, &mut shell, "esc", t0()),
        [Effect::CancelJob(1)]
    );
}

/// A background job (tutor's own: warming the highlight cache) leaves Esc its meaning
/// on every screen: back from a card, home from the lab in two Escs (console, then
/// lab), the quiz's Esc and its footer. Only on Home, where Esc does nothing else, does
/// it cancel the job; a foreground job started meanwhile is cancelled before it.
#[test]
fn a_background_job_leaves_esc_to_the_screen() {
    use crate::worker::JobKind::{Background, Foreground};
    let warming = |id| Action::JobStarted {
        id,
        label: "highlighting cards",
        kind: Background,
    };
    let (mut app, mut shell) = fixture(&Start::Browse(Some("group-anagrams".into())));
    let _ = update(&mut app, warming(1), t0());
    assert!(press(&mut app, &mut shell, "esc", t0()).is_empty());
    assert_eq!((on(&app), app.jobs.len()), ("browse", 1));
    assert!(app.flash.is_none(), "{:?}", app.flash);

    let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
    let _ = update(&mut app, warming(1), t0());
    press(&mut app, &mut shell, "esc esc", t0());
    assert_eq!((on(&app), app.jobs.len()), ("home", 1));

    let quiz = Start::Quiz(crate::quiz::Selection {
        card: Some("lru-cache".into()),
        ..crate::quiz::Selection::default()
    });
    let (mut app, mut shell) = fixture(&quiz);
    let _ = update(&mut app, warming(1), t0());
    let footer: Vec<_> = crate::keymap::active(&app, true)
        .iter()
        .map(|(_, b)| b.help)
        .collect();
    assert!(!footer.contains(&"cancel"), "{footer:?}");
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(app.jobs.len(), 1);
    assert!(
        on(&app) == "home" || app.overlay.is_some(),
        "Esc left the quiz"
    );

    // Home: Esc has nothing else to do, so it cancels; a foreground job goes first.
    let (mut app, mut shell) = fixture(&Start::Home);
    let _ = update(&mut app, warming(1), t0());
    let test_run = Action::JobStarted {
        id: 2,
        label: "running tests",
        kind: Foreground,
    };
    let _ = update(&mut app, test_run, t0());
    let _ = update(&mut app, warming(3), t0());
    let cancelled: Vec<_> = (0..3)
        .flat_map(|_| press(&mut app, &mut shell, "esc", t0()))
        .collect();
    assert_eq!(
        cancelled,
        [
            Effect::CancelJob(2),
            Effect::CancelJob(3),
            Effect::CancelJob(1)
        ]
    );
    assert_eq!(on(&app), "home");
}

/// A job that fails says so, naming what it was doing.
#[test]
fn a_failed_job_is_flashed() {
    let (mut app, _) = fixture(&Start::Home);
    let _ = update(
        &mut app,
        Action::JobStarted {
            id: 3,
            label: "highlighting",
            kind: crate::worker::JobKind::Background,
        },
        t0(),
    );
    let end = crate::worker::End::Failed("boom".into());
    let _ = update(&mut app, Action::JobFinished { id: 3, end }, t0());
    assert!(app.jobs.is_empty());
    let flash = app.flash.as_ref().map(|f| (f.text.as_str(), f.error));
    assert_eq!(flash, Some(("highlighting failed: boom", true)));
}

/// `app::start` runs before the terminal is entered, at a size of 0 × 0: a card opened
/// from the command line has no Question rows until the event loop's first `Resize`,
/// which builds them at the pane's width. Before, they were wrapped at one column (a
/// character a row: 0.9 MB of the heap at the card view's first frame, freed at once).
#[test]
fn a_card_opened_at_start_is_wrapped_once_the_size_is_known() {
    let library = crate::content::bundled_library().clone();
    let store = Store::open_in_memory().unwrap();
    let mut app = app::build(library, &store, t0(), Days::utc(), false, None, None).unwrap();
    let _ = app::start(&mut app, &Start::Browse(Some("lru-cache".into())), t0()).unwrap();
    assert!(matches!(app.screen, Screen::Card { .. }));
    assert_eq!(app.card_view.question_rows.len(), 0);
    let _ = update(&mut app, Action::Resize(200, 50), t0());
    let rows = &app.card_view.question_rows;
    assert!(rows.len() > 5, "{} rows", rows.len());
    let width = app.card_view.question_key.unwrap().2;
    assert!(width > 40, "width {width}");
    assert!(rows.iter().all(|r| r.width() <= usize::from(width)));
}

/// `tutor quiz --seed N` repeats a quiz at any time: the same items, with options in the
/// same order; another seed orders them otherwise. Without a seed the clock decides.
#[test]
fn a_quiz_with_a_seed_is_repeated() {
    let quiz = |seed: Option<u64>, now: Timestamp| {
        let start = Start::Quiz(crate::quiz::Selection {
            count: Some(1000),
            seed,
            ..crate::quiz::Selection::default()
        });
        let library = crate::content::bundled_library().clone();
        let store = Store::open_in_memory().unwrap();
        let mut app = app::build(library, &store, now, Days::utc(), false, None, None).unwrap();
        let _ = app::start(&mut app, &start, now).unwrap();
        let Screen::Quiz(session) = &app.screen else {
            panic!("not on the quiz")
        };
        session
            .items()
            .iter()
            .map(|i| (i.card_id.to_string(), i.item_index, i.option_order.clone()))
            .collect::<Vec<_>>()
    };
    let later = t0() + jiff::SignedDuration::from_secs(3600);
    assert_eq!(quiz(Some(4), t0()), quiz(Some(4), later));
    assert_ne!(quiz(Some(4), t0()), quiz(Some(5), t0()));
    assert_ne!(quiz(None, t0()), quiz(None, later));
}

/// The whole screen at 160×48 as text.
fn screen_text(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| crate::ui::view(f, app)).unwrap();
    format!("{}", terminal.backend())
}

/// Types `line` into the lab's console at `now` and runs it.
fn lab_line(app: &mut App, shell: &mut Shell, line: &str, now: Timestamp) {
    for c in line.chars() {
        let _ = update(
            app,
            Action::Console(crate::action::ConsoleEdit::Insert(c)),
            now,
        );
    }
    press(app, shell, "enter", now);
}

/// A hit moves its node from the head to the tail: the diagram shows it in its old
/// place first, then travelling on a lane below the list, then in its new place. The
/// loop waits one frame at a time meanwhile and every frame is drawn; the tick after
/// 300 ms ends the motion and the loop idles again, redrawing nothing. A miss and a hit
/// on the tail move nothing; with motion off the node is in its new place at once. Time
/// is driven by hand.
#[test]
fn a_moved_node_travels_from_its_old_place_to_its_new_one() {
    let ms = |n: i64| t0() + SignedDuration::from_millis(n);
    for motion in [true, false] {
        let (mut app, mut shell) = fixture(&Start::Lab(crate::content::Visual::Lru, 2));
        app.study.motion = motion;
        assert_eq!(app::wait(&app), app::WAKE, "idle");
        lab_line(&mut app, &mut shell, "put 1 1", ms(0));
        assert_eq!(app.motion.is_some(), motion, "an insert slides in");
        lab_line(&mut app, &mut shell, "put 2 2", ms(1000));
        for quiet in ["get 9", "get 2"] {
            lab_line(&mut app, &mut shell, quiet, ms(1500));
            assert_eq!(app.motion, None, "{quiet} moves nothing");
            assert_eq!(app::wait(&app), app::WAKE, "{quiet}: the loop idles");
        }
        lab_line(&mut app, &mut shell, "get 1", ms(2000));
        let first = screen_text(&app);
        if !motion {
            assert!(
                first.contains("║ #0 HIT") && !first.contains("MOVING"),
                "{first}"
            );
            assert_eq!((app.motion, app::wait(&app)), (None, app::WAKE));
            continue;
        }
        assert!(
            first.contains("╔═ MOVING ═") && !first.contains("║ #0 HIT"),
            "{first}"
        );
        let mut frames = vec![first];
        for at in [2050, 2100, 2150, 2200, 2250] {
            assert_eq!(app::wait(&app), crate::visual::FRAME, "moving at {at}");
            let before = app::watched(&app);
            let _ = update(&mut app, Action::Tick, ms(at));
            assert_ne!(app::watched(&app), before, "the tick at {at} redraws");
            let frame = screen_text(&app);
            assert!(
                frame.contains("╔═ MOVING ═") && frame.contains("║ #0 HIT"),
                "on its way at {at}: {frame}"
            );
            assert!(!frames.contains(&frame), "a new frame at {at}: {frame}");
            frames.push(frame);
        }
        let before = app::watched(&app);
        let _ = update(&mut app, Action::Tick, ms(2300));
        assert_ne!(app::watched(&app), before, "set down");
        let after = screen_text(&app);
        assert!(
            after.contains("║ #0 HIT") && !after.contains("MOVING"),
            "{after}"
        );
        assert_eq!(
            (app.motion, app::wait(&app)),
            (None, app::WAKE),
            "a tick after 300 ms ends it: the loop idles again"
        );
        let before = app::watched(&app);
        let _ = update(&mut app, Action::Tick, ms(2550));
        assert_eq!(app::watched(&app), before, "an idle tick redraws nothing");
        assert_eq!(screen_text(&app), after, "nothing moves once it ended");
    }
}

/// The LRU lab's `help` note.
fn lab_note(app: &App) -> Option<&str> {
    app.lab
        .as_ref()
        .and_then(crate::visual::Live::lru)
        .and_then(crate::lru::lab::Lab::note)
}

/// The saves a run of effects asked for, as (card, item, text).
fn draft_saves(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SaveRecallDraft(draft) => Some(draft.text.clone()),
            _ => None,
        })
        .collect()
}

fn at_ms(ms: i64) -> Timestamp {
    t0() + jiff::SignedDuration::from_millis(ms)
}

/// A recall answer is written as practice's code is: a second after typing stops, every
/// 5 s while typing goes on, and on quit; not on every key.
#[test]
fn a_recall_answer_is_saved_after_a_pause_while_typing_and_on_quit() {
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    assert!(draft_saves(&press(&mut app, &mut shell, "i a b", at_ms(0))).is_empty());
    let tick = |app: &mut App, ms| update(app, Action::Tick, at_ms(ms)).0;
    assert!(draft_saves(&tick(&mut app, 999)).is_empty(), "too soon");
    assert_eq!(draft_saves(&tick(&mut app, 1000)), ["ab"], "after a pause");
    assert!(draft_saves(&tick(&mut app, 3000)).is_empty(), "nothing new");
    // Typing every half second: no pause, yet a save 5 s after the first unsaved key.
    let mut saved = Vec::new();
    for step in 0..12 {
        let ms = 4000 + step * 500;
        saved.extend(draft_saves(&press(&mut app, &mut shell, "c", at_ms(ms))));
        saved.extend(draft_saves(&tick(&mut app, ms + 100)));
    }
    assert_eq!(saved.len(), 1, "one save within 6 s of typing: {saved:?}");
    assert_eq!(
        draft_saves(&tick(&mut app, 15_000)).len(),
        1,
        "the rest, after a pause"
    );
    press(&mut app, &mut shell, "z", at_ms(20_000));
    let quit = update(&mut app, Action::Quit, at_ms(20_001)).0;
    let on_quit = draft_saves(&quit);
    assert_eq!(on_quit.len(), 1);
    assert!(on_quit[0].starts_with("abc") && on_quit[0].ends_with('z'));
}

/// The shell keeps the draft in `attempts/<card>/recall-<item>.txt`; opening the item
/// again puts it back with a footer note; submitting removes the file.
#[test]
fn a_saved_recall_answer_comes_back_and_goes_when_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut shell) = quiz_at(crate::content::QuizKind::Recall);
    shell.set_attempts_dir(dir.path().to_path_buf());
    press(&mut app, &mut shell, "i h a s h", at_ms(0));
    let effects = update(&mut app, Action::Tick, at_ms(1000));
    shell.execute(&mut app, effects, at_ms(1000));
    let (card, item) = app.quiz().unwrap().recall_item().unwrap();
    let file = dir.path().join(&card).join(format!("recall-{item}.txt"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hash");

    // A new session (as after a kill -9) on the same item: the answer is back.
    let (mut again, mut shell2) = quiz_at(crate::content::QuizKind::Recall);
    shell2.set_attempts_dir(dir.path().to_path_buf());
    assert_eq!(
        again.quiz().unwrap().recall_item(),
        Some((card.clone(), item))
    );
    let (card, item) = again.quiz().unwrap().recall_item().unwrap();
    let load = crate::action::Effects::one(Effect::LoadRecallDraft { card, item });
    shell2.execute(&mut again, load, at_ms(2000));
    assert_eq!(
        again
            .quiz()
            .and_then(crate::quiz::QuizSession::editor)
            .map(crate::editor::Editor::text),
        Some("hash".to_string())
    );
    assert!(
        again
            .flash
            .as_ref()
            .is_some_and(|f| f.text.contains("your unsent answer is back"))
    );
    press(&mut again, &mut shell2, "enter", at_ms(3000));
    assert!(matches!(
        quiz_phase(&again),
        crate::quiz::QuizStep::Feedback { .. }
    ));
    assert!(!file.exists(), "submitted and scored: the draft is gone");
}
