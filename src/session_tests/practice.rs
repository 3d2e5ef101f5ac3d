//! The practice screen through the key table, `update` and a real shell writing
//! attempts to a temporary data folder.

use jiff::{SignedDuration, Timestamp};

use super::{fixture, on, press, t0};
use crate::action::{Action, Effect};
use crate::app::{Shell, Start};
use crate::highlight::Lang;
use crate::practice::PracticeSession;
use crate::state::{App, Confirm, Overlay, Screen};
use crate::update::update;

fn session(app: &App) -> &PracticeSession {
    match &app.screen {
        Screen::Practice { session, .. } => session,
        other => panic!("not practice: {other:?}"),
    }
}

fn code(app: &App) -> String {
    session(app).editor.text()
}

/// `text` with `inserted` at the editor's cursor as it is now.
fn at_cursor(app: &App, inserted: &str) -> String {
    let (line, column) = session(app).editor.cursor();
    let text = code(app);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line];
    let byte = l.char_indices().nth(column).map_or(l.len(), |(i, _)| i);
    l.insert_str(byte, inserted);
    lines.join("\n")
}

/// The bundled LRU card, in practice, with attempts kept in a fresh folder.
fn practising(lang: Lang) -> (App, Shell, tempfile::TempDir) {
    let (mut app, mut shell) = fixture(&Start::Home);
    let dir = tempfile::tempdir().unwrap();
    shell.set_attempts_dir(dir.path().to_path_buf());
    let card = app.study.index_of("lru-cache").unwrap();
    let effects = crate::update::open_practice(&mut app, card, lang);
    shell.execute(&mut app, effects, t0());
    (app, shell, dir)
}

fn starter(app: &App, lang: Lang) -> String {
    let (_, card) = app.card(session(app).card).unwrap();
    let (python, rust) = card.code().unwrap();
    match lang {
        Lang::Python => python.starter.clone().unwrap(),
        Lang::Rust => rust.starter.clone().unwrap(),
    }
}

#[test]
fn practice_starts_from_the_starter_with_keys_going_to_the_code() {
    let (app, _shell, _dir) = practising(Lang::Python);
    assert_eq!(code(&app), starter(&app, Lang::Python));
    assert!(session(&app).editor.focused());
    let (app, _shell, _dir) = practising(Lang::Rust);
    assert_eq!(code(&app), starter(&app, Lang::Rust));
}

#[test]
fn tab_indents_enter_keeps_the_indent_and_undo_takes_back() {
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    // The cursor starts on the first body to write, `        ...`; to its end.
    assert_eq!(session(&app).editor.cursor().1, 8);
    press(&mut app, &mut shell, "ctrl-e", t0());
    let (one, two, three, four) = (
        at_cursor(&app, "\n        def f():\n            "),
        at_cursor(&app, "\n        def f():\n                x"),
        at_cursor(&app, "\n        def f():\n                xq?"),
        at_cursor(&app, "\n        def f():"),
    );
    press(
        &mut app,
        &mut shell,
        "enter d e f space f ( ) : enter",
        t0(),
    );
    assert_eq!(code(&app), one);
    press(&mut app, &mut shell, "tab x", t0());
    assert_eq!(code(&app), two);
    // q and ? are text while typing.
    press(&mut app, &mut shell, "q ?", t0());
    assert_eq!(code(&app), three);
    press(&mut app, &mut shell, "ctrl-u ctrl-u ctrl-u ctrl-u", t0());
    assert_eq!(code(&app), one);
    press(&mut app, &mut shell, "ctrl-u", t0());
    assert_eq!(code(&app), four);

    let (mut app, mut shell, _dir) = practising(Lang::Rust);
    press(&mut app, &mut shell, "ctrl-e", t0());
    let expected = at_cursor(&app, "\n        {\n            ");
    press(&mut app, &mut shell, "enter { enter", t0());
    assert_eq!(code(&app), expected);
}

#[test]
fn a_paste_goes_into_the_code_whole() {
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    let start = code(&app);
    let expected = at_cursor(&app, "if a:\n    b = 1");
    let action = crate::keymap::paste(&app, "if a:\n    b = 1").unwrap();
    let effects = update(&mut app, action, t0());
    shell.execute(&mut app, effects, t0());
    assert_eq!(code(&app), expected);
    press(&mut app, &mut shell, "ctrl-u", t0());
    assert_eq!(code(&app), start);
}

#[test]
fn the_solution_shows_only_after_a_yes() {
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    // While typing, s is text.
    let expected = at_cursor(&app, "s");
    press(&mut app, &mut shell, "s", t0());
    assert!(code(&app) == expected && app.overlay.is_none());
    press(&mut app, &mut shell, "esc s", t0());
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::ShowSolution)));
    press(&mut app, &mut shell, "n", t0());
    assert!(app.overlay.is_none() && !session(&app).solution_shown);
    press(&mut app, &mut shell, "s esc", t0());
    assert!(app.overlay.is_none() && !session(&app).solution_shown);
    // Before the solution shows, Tab moves the scroll keys between Question and Results.
    press(&mut app, &mut shell, "tab", t0());
    assert_eq!(session(&app).focus, crate::practice::Focus::Results);
    press(&mut app, &mut shell, "tab", t0());
    assert_eq!(session(&app).focus, crate::practice::Focus::Question);
    press(&mut app, &mut shell, "s y", t0());
    assert!(session(&app).solution_shown);
    assert_eq!(on(&app), "practice");
    // Tab: j scrolls the solution; Tab again: the Question.
    press(&mut app, &mut shell, "tab tab j j", t0());
    assert_eq!(session(&app).solution_scroll, 2);
    press(&mut app, &mut shell, "tab", t0());
    assert_eq!(session(&app).focus, crate::practice::Focus::Question);
    // `i` types again.
    press(&mut app, &mut shell, "i", t0());
    assert!(session(&app).editor.focused());
}

#[test]
fn code_is_saved_after_a_pause_on_leaving_and_on_quit_and_reloaded() {
    let (mut app, mut shell, dir) = practising(Lang::Python);
    let file = dir.path().join("lru-cache").join("solution.py");
    let saves = |effects: &[Effect]| {
        effects
            .iter()
            .filter(|e| matches!(e, Effect::SaveAttempt { .. }))
            .count()
    };
    assert_eq!(saves(&press(&mut app, &mut shell, "x", t0())), 0);
    let tick = |app: &mut App, shell: &mut Shell, at: Timestamp| {
        let effects = update(app, Action::Tick, at);
        let n = saves(&effects.0);
        shell.execute(app, effects, at);
        n
    };
    assert_eq!(
        tick(
            &mut app,
            &mut shell,
            t0() + SignedDuration::from_millis(500)
        ),
        0
    );
    assert!(!file.exists());
    assert_eq!(
        tick(&mut app, &mut shell, t0() + SignedDuration::from_secs(1)),
        1
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), code(&app));
    // Nothing new, nothing written.
    assert_eq!(
        tick(&mut app, &mut shell, t0() + SignedDuration::from_secs(9)),
        0
    );

    // Typing without a pause is saved every few seconds.
    let mut written = 0;
    for tenth in 100..=201 {
        let at = t0() + SignedDuration::from_millis(tenth * 100);
        written += saves(&press(&mut app, &mut shell, "y", at));
    }
    assert_eq!(
        written, 2,
        "ten seconds of typing, saved 5 s after each first change"
    );

    // Esc stops typing and saves; a second Esc leaves.
    press(
        &mut app,
        &mut shell,
        "z",
        t0() + SignedDuration::from_secs(30),
    );
    let effects = press(
        &mut app,
        &mut shell,
        "esc",
        t0() + SignedDuration::from_secs(30),
    );
    assert_eq!(saves(&effects), 1);
    let typed = code(&app);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), typed);
    press(
        &mut app,
        &mut shell,
        "esc",
        t0() + SignedDuration::from_secs(31),
    );
    assert_eq!(on(&app), "home");

    // Back in: the code is what was typed, not the starter.
    let card = app.study.index_of("lru-cache").unwrap();
    let effects = crate::update::open_practice(&mut app, card, Lang::Python);
    shell.execute(&mut app, effects, t0());
    assert_eq!(code(&app), typed);
    // Quit writes what is unsaved first.
    press(&mut app, &mut shell, "w", t0());
    let effects = press(&mut app, &mut shell, "ctrl-c", t0());
    assert_eq!(saves(&effects), 1);
    assert!(matches!(effects.last(), Some(Effect::Quit)));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), format!("{typed}w"));
    // Rust is its own file.
    let effects = crate::update::open_practice(&mut app, card, Lang::Rust);
    shell.execute(&mut app, effects, t0());
    assert_eq!(code(&app), starter(&app, Lang::Rust));
}

#[test]
fn p_on_a_coding_card_practises_it_and_esc_comes_back() {
    // From a card opened in Browse: back to the card, its list kept.
    let (mut app, mut shell) = fixture(&Start::Browse(Some("lru-cache".into())));
    let before = app.screen.clone();
    press(&mut app, &mut shell, "p", t0());
    assert_eq!(on(&app), "practice");
    assert_eq!(session(&app).card_id, "lru-cache");
    press(&mut app, &mut shell, "esc esc", t0());
    assert_eq!(app.screen, before);
    press(&mut app, &mut shell, "esc", t0());
    assert_eq!(on(&app), "browse");

    // From a review: back to the same card, same step.
    let (mut app, mut shell) = fixture(&Start::Review);
    let coding = app
        .current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.code().is_some());
    assert!(coding, "the first card due in the bundled decks has code");
    press(&mut app, &mut shell, "space", t0());
    let before = app.screen.clone();
    press(&mut app, &mut shell, "p", t0());
    assert_eq!(on(&app), "practice");
    press(&mut app, &mut shell, "esc esc", t0());
    assert_eq!(app.screen, before);

    // A behavioural card has nothing to practise: p is not offered and does nothing.
    let (mut app, mut shell) = fixture(&Start::Browse(Some("lp-deliver-results".into())));
    assert!(
        !crate::keymap::active(&app, true)
            .iter()
            .any(|(_, b)| b.action == Action::OpenPractice)
    );
    press(&mut app, &mut shell, "p", t0());
    assert_eq!(on(&app), "card");
}

#[test]
fn practice_keys_show_in_the_footer_and_help() {
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    let footer: Vec<String> = crate::keymap::active(&app, true)
        .iter()
        .map(|(_, b)| b.help.to_string())
        .collect();
    for help in ["stop typing", "indent (4 spaces)", "new line", "undo"] {
        assert!(footer.iter().any(|h| h == help), "{help} in {footer:?}");
    }
    press(&mut app, &mut shell, "esc", t0());
    let help: Vec<String> = crate::keymap::for_help(&app)
        .iter()
        .map(|(_, b)| b.help.to_string())
        .collect();
    // The editor's keys too: while typing, `?` is text.
    for want in [
        "type code",
        "show solution",
        "back",
        "scroll down",
        "stop typing",
        "indent (4 spaces)",
        "undo",
        "redo",
    ] {
        assert!(help.iter().any(|h| h == want), "{want} in {help:?}");
    }
}

#[test]
fn tutor_practice_without_a_card_opens_a_coding_card() {
    let (app, _shell) = fixture(&Start::Practice {
        card: None,
        lang: Lang::Rust,
    });
    let s = session(&app);
    assert_eq!(s.lang, Lang::Rust);
    assert!(app.card(s.card).unwrap().1.code().is_some());
    let (mut app, _) = fixture(&Start::Home);
    let err = crate::app::start(
        &mut app,
        &Start::Practice {
            card: Some("lp-deliver-results".into()),
            lang: Lang::Python,
        },
        t0(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no code to practise"), "{err}");
}

#[test]
fn the_question_rows_are_built_by_update_and_follow_the_width() {
    let (mut app, mut shell) = fixture(&Start::Practice {
        card: Some("lru-cache".into()),
        lang: Lang::Python,
    });
    let wide = session(&app).question.clone();
    assert!(!wide.is_empty());
    assert_eq!(
        session(&app).question_key,
        Some(crate::layout::practice::question_key(&app, session(&app)))
    );
    let effects = update(&mut app, Action::Resize(80, 24), t0());
    shell.execute(&mut app, effects, t0());
    // From 160 columns (the question left of the code) to 80 (stacked, wider).
    assert!(session(&app).question.len() < wide.len());
    assert_eq!(session(&app).question_key.unwrap().0, 78);
}

fn results(app: &App) -> &crate::practice::Results {
    &session(app).results
}

#[test]
fn ctrl_r_runs_the_tests_on_the_code_and_results_show_them() {
    use crate::practice::Results;
    let (mut app, mut shell, dir) = practising(Lang::Python);
    assert_eq!(*results(&app), Results::NotRun);
    // Typed, not yet saved: Ctrl-R saves first, then runs (inline worker: at once).
    press(&mut app, &mut shell, "x", t0());
    let effects = press(&mut app, &mut shell, "ctrl-r", t0());
    assert!(matches!(effects[0], Effect::SaveAttempt { .. }));
    assert!(matches!(effects[1], Effect::RunTests(_)));
    let file = dir.path().join("lru-cache").join("solution.py");
    assert_eq!(std::fs::read_to_string(file).unwrap(), code(&app));
    let Results::Done(report) = results(&app) else {
        panic!("no report: {:?}", results(&app));
    };
    assert_ne!(
        report.outcome,
        crate::runner::Outcome::Passed,
        "the starter fails"
    );
    // The card's solution passes, from the screen out of typing too.
    let (_, card) = app.card(session(&app).card).unwrap();
    let solution = card.code().unwrap().0.solution.clone();
    if let Screen::Practice { session, .. } = &mut app.screen {
        session.editor.set_text(&solution);
    }
    press(&mut app, &mut shell, "esc ctrl-r", t0());
    let Results::Done(report) = results(&app) else {
        panic!("no report: {:?}", results(&app));
    };
    assert_eq!(report.outcome, crate::runner::Outcome::Passed, "{report:?}");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| crate::ui::view(f, &app)).unwrap();
    let drawn = format!("{}", terminal.backend());
    assert!(drawn.contains(&report.summary()), "{drawn}");
}

/// `:run` does what Ctrl-R does; the console shows only while the command is typed;
/// Tab and the help offer it on practice and nowhere else.
#[test]
fn colon_run_runs_the_tests_as_ctrl_r_does() {
    use crate::practice::Results;
    let (mut app, mut shell, dir) = practising(Lang::Python);
    assert!(!app.has_console());
    press(&mut app, &mut shell, "x esc :", t0());
    assert!(app.console.active && app.has_console());
    press(&mut app, &mut shell, "r u tab", t0());
    assert_eq!(app.console.input, ":run");
    // Esc saved the code already: `:run` runs the tests.
    let effects = press(&mut app, &mut shell, "enter", t0());
    assert!(matches!(effects[..], [Effect::RunTests(_)]), "{effects:?}");
    assert!(!app.console.active && !app.has_console());
    assert!(matches!(results(&app), Results::Done(_)));
    let file = dir.path().join("lru-cache").join("solution.py");
    assert_eq!(std::fs::read_to_string(file).unwrap(), code(&app));
    // The help lists it here, and a card's help does not.
    let help = |app: &App| {
        crate::layout::help::lines(app, 100)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(help(&app).contains(":run"), "{}", help(&app));
    let (mut app, mut shell) = fixture(&Start::Browse(Some("gil".into())));
    assert!(!help(&app).contains(":run"));
    press(&mut app, &mut shell, ": r u n enter", t0());
    assert_eq!(
        app.flash.as_ref().map(|f| f.text.as_str()),
        Some(":run does nothing here")
    );
}

#[test]
fn another_decks_tests_run_only_after_a_yes_remembered_per_deck() {
    let (mut app, mut shell) = fixture(&Start::Home);
    // The bundled deck, as if loaded from a folder with --decks.
    let mut library = (*app.study.library).clone();
    let deck = app
        .card(app.study.index_of("lru-cache").unwrap())
        .unwrap()
        .0
        .meta
        .id
        .clone();
    for d in &mut library.decks {
        d.origin = format!("/somewhere/{}", d.meta.id);
    }
    app.study.library = std::sync::Arc::new(library);
    let card = app.study.index_of("lru-cache").unwrap();
    let effects = crate::update::open_practice(&mut app, card, Lang::Python);
    shell.execute(&mut app, effects, t0());
    assert!(!session(&app).trusted);
    let effects = press(&mut app, &mut shell, "ctrl-r", t0());
    assert!(effects.is_empty());
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::TrustTests)));
    press(&mut app, &mut shell, "n", t0());
    assert_eq!(*results(&app), crate::practice::Results::NotRun);
    let effects = press(&mut app, &mut shell, "ctrl-r y", t0());
    assert!(matches!(&effects[0], Effect::TrustDeck { deck: d, .. } if *d == deck));
    assert!(matches!(results(&app), crate::practice::Results::Done(_)));
    // Opened again: the store remembers the yes.
    press(&mut app, &mut shell, "esc esc", t0());
    let effects = crate::update::open_practice(&mut app, card, Lang::Python);
    shell.execute(&mut app, effects, t0());
    assert!(session(&app).trusted);
}

#[test]
fn esc_during_a_run_cancels_it_and_results_say_so() {
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    press(&mut app, &mut shell, "esc", t0());
    // A run in flight (a pool's; the inline worker would have finished it at once).
    if let Screen::Practice { session, .. } = &mut app.screen {
        session.results = crate::practice::Results::Running;
    }
    let effects = update(
        &mut app,
        Action::JobStarted {
            id: 7,
            label: "running the tests",
            kind: crate::worker::JobKind::Foreground,
        },
        t0(),
    );
    assert!(effects.is_empty());
    // Ctrl-R again does nothing while one runs.
    assert!(press(&mut app, &mut shell, "ctrl-r", t0()).is_empty());
    let effects = press(&mut app, &mut shell, "esc", t0());
    assert!(matches!(effects[..], [Effect::CancelJob(_)]), "{effects:?}");
    assert_eq!(*results(&app), crate::practice::Results::Cancelled);
    assert_eq!(on(&app), "practice", "Esc cancelled, it did not leave");
}

/// A `kill -9` in the middle of saving leaves `solution.py.<pid>.<n>.tmp` beside the
/// attempt; opening the card again sweeps it (its writer is gone), not the attempt.
#[test]
fn opening_an_attempt_sweeps_what_a_killed_save_left() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("lru-cache");
    std::fs::create_dir_all(&folder).unwrap();
    // No process has this pid (above Linux's pid_max).
    let left = folder.join("solution.py.4194400.0.tmp");
    std::fs::write(&left, "").unwrap();
    std::fs::write(folder.join("solution.py"), "kept = 1\n").unwrap();
    let (mut app, mut shell) = fixture(&Start::Home);
    shell.set_attempts_dir(dir.path().to_path_buf());
    let card = app.study.index_of("lru-cache").unwrap();
    let effects = crate::update::open_practice(&mut app, card, Lang::Python);
    shell.execute(&mut app, effects, t0());
    assert_eq!(code(&app), "kept = 1\n");
    assert!(!left.exists(), "the stale temporary file is still there");
}

/// Scrolled to the end of the Question at 80x24, then the window grows: the pane shows
/// more rows, so the scroll comes back to what it can still use, with no blank tail.
#[test]
fn a_taller_window_brings_the_question_scroll_back() {
    let (mut app, _shell, _dir) = practising(Lang::Python);
    let _ = update(&mut app, Action::Resize(80, 24), t0());
    let (max_small, _) = crate::layout::practice::question_limits(&app, session(&app));
    assert!(max_small > 0, "the question overflows at 80x24");
    if let Screen::Practice { session, .. } = &mut app.screen {
        session.scroll = max_small;
    }
    let _ = update(&mut app, Action::Resize(200, 50), t0());
    let (max_big, _) = crate::layout::practice::question_limits(&app, session(&app));
    assert!(max_big < max_small);
    assert_eq!(session(&app).scroll, max_big);
}

fn stamp(len: u64) -> crate::practice::Stamp {
    crate::practice::Stamp {
        modified: Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(len)),
        len,
    }
}

fn on_disk(app: &mut App, stamp: crate::practice::Stamp, text: &str) -> Vec<Effect> {
    let action = Action::AttemptOnDisk {
        card: "lru-cache".into(),
        lang: Lang::Python,
        stamp,
        text: text.into(),
    };
    update(app, action, t0()).0
}

/// The stamp a tick's `WatchAttempt` says was seen last (panics if it asks nothing).
fn watched(effects: &[Effect]) -> Option<crate::practice::Stamp> {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::WatchAttempt { seen, .. } => Some(*seen),
            _ => None,
        })
        .expect("a tick looks at the file")
}

/// Watch mode at update level, the file's stamp faked: each tick asks the shell to
/// look (with the stamp last seen); tutor's own write changes nothing; a change made
/// outside replaces the code and runs the tests; unsaved edits here are kept.
#[test]
fn watch_mode_reloads_a_change_made_outside_and_keeps_unsaved_edits() {
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    let effects = update(&mut app, Action::Tick, t0()).0;
    assert_eq!(watched(&effects), None);
    // What tutor wrote (the starter, saved on Esc) comes back: nothing happens.
    press(&mut app, &mut shell, "x esc", t0());
    let mine = code(&app);
    assert!(on_disk(&mut app, stamp(1), &mine).is_empty());
    assert_eq!(code(&app), mine);
    assert_eq!(app.flash, None);
    let effects = update(&mut app, Action::Tick, t0()).0;
    assert_eq!(watched(&effects), Some(stamp(1)));
    // Written in another window: reloaded, and the tests run.
    let effects = on_disk(&mut app, stamp(2), "class LRUCache:\n    pass\n");
    assert!(matches!(effects[..], [Effect::RunTests(_)]), "{effects:?}");
    assert_eq!(code(&app), "class LRUCache:\n    pass\n");
    assert!(app.flash.as_ref().unwrap().text.contains("reloaded"));
    // Unsaved edits here and a change there: the edits stay, a flash says so.
    press(&mut app, &mut shell, "i y", t0());
    let typed = code(&app);
    let effects = on_disk(&mut app, stamp(3), "print('other window')\n");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(code(&app), typed);
    let flash = app.flash.clone().unwrap();
    assert!(
        flash.error && flash.text.contains("kept your unsaved edits"),
        "{flash:?}"
    );
    // They are saved over the file at the next pause.
    let later = t0() + SignedDuration::from_secs(2);
    let effects = update(&mut app, Action::Tick, later).0;
    assert!(
        matches!(&effects[0], Effect::SaveAttempt { text, .. } if *text == typed),
        "{effects:?}"
    );
}

/// `e` writes the code as the pane shows it and hands it to the editor; what the
/// editor left is the code, and the tests run; a failure is flashed, the code kept.
#[test]
fn e_hands_the_code_to_the_editor_and_runs_the_tests_after() {
    let (mut app, _shell, _dir) = practising(Lang::Python);
    let shown = code(&app);
    let _ = update(
        &mut app,
        Action::Practice(crate::practice::PracticeAction::StopTyping),
        t0(),
    );
    let key = crate::keymap::action_for(&app, &super::key("e")).unwrap();
    let effects = update(&mut app, key, t0()).0;
    assert_eq!(
        effects,
        [Effect::EditOutside {
            card: "lru-cache".into(),
            lang: Lang::Python,
            text: shown.clone(),
        }]
    );
    let back = |result| Action::EditedOutside {
        card: "lru-cache".into(),
        lang: Lang::Python,
        result,
    };
    let effects = update(&mut app, back(Err("no editor `nope`".into())), t0()).0;
    assert!(effects.is_empty());
    assert_eq!(code(&app), shown);
    assert_eq!(app.flash.as_ref().unwrap().text, "no editor `nope`");
    let effects = update(&mut app, back(Ok("x = 1\n".into())), t0()).0;
    assert!(matches!(effects[..], [Effect::RunTests(_)]), "{effects:?}");
    assert_eq!(code(&app), "x = 1\n");
    // The editor's file is tutor's own now: watch mode does not run it twice.
    assert!(on_disk(&mut app, stamp(9), "x = 1\n").is_empty());
}

fn report(outcome: crate::runner::Outcome, passed: &[bool]) -> Box<crate::runner::Report> {
    Box::new(crate::runner::Report {
        lang: crate::runner::Lang::Python,
        outcome,
        tests: passed
            .iter()
            .enumerate()
            .map(|(i, &passed)| crate::runner::TestResult {
                name: format!("t{i}"),
                passed,
            })
            .collect(),
        failure: None,
        diagnostics: Vec::new(),
        output: String::new(),
        output_cut: false,
    })
}

fn ran(app: &mut App, report: Box<crate::runner::Report>, at: Timestamp) -> Vec<Effect> {
    let card = crate::content::CardId("lru-cache".into());
    update(app, Action::TestsRan { card, report }, at).0
}

/// Every completed run is recorded through an effect (a cancelled one is not): the
/// counts, how it ended, the active seconds since practice opened, the solution shown.
#[test]
fn each_completed_run_is_recorded_with_active_time() {
    use crate::runner::Outcome;
    use crate::store::{AttemptRecord, RunOutcome};
    let (mut app, mut shell, _dir) = practising(Lang::Python);
    let later = |s: i64| t0() + SignedDuration::from_secs(s);
    press(&mut app, &mut shell, "x", later(20));
    // An hour away counts as a minute.
    press(&mut app, &mut shell, "y", later(3620));
    let effects = ran(
        &mut app,
        report(Outcome::Failed, &[true, false]),
        later(3630),
    );
    let expected = AttemptRecord {
        card_id: "lru-cache".into(),
        lang: "python",
        ran_at: later(3630),
        passed: 1,
        failed: 1,
        outcome: RunOutcome::Failed,
        seconds_spent: 80,
        solution_shown: false,
    };
    assert_eq!(effects, [Effect::RecordAttempt(expected)]);
    assert!(ran(&mut app, report(Outcome::Cancelled, &[]), later(3640)).is_empty());
    press(&mut app, &mut shell, "esc s y", later(3650));
    let effects = ran(
        &mut app,
        report(Outcome::Passed, &[true, true]),
        later(3660),
    );
    assert!(
        matches!(&effects[..], [Effect::RecordAttempt(r)]
            if r.solution_shown && r.outcome == RunOutcome::Passed && r.passed == 2),
        "{effects:?}"
    );
    assert_eq!(
        (session(&app).runs, session(&app).first_run_passed),
        (2, Some(false))
    );
}

/// Back from practising a review's card with every test passing, the review marks a
/// suggested grade: Good for a first run that passed in time, Hard for several runs,
/// Again once the solution was shown. Nothing is graded until the learner grades.
#[test]
fn passing_practice_suggests_a_grade_in_the_review() {
    use crate::srs::Rating;
    let suggested = |app: &App| app.review().unwrap().suggested.map(|(_, r)| r);
    let solve = |app: &mut App| {
        let (_, card) = app.card(session(app).card).unwrap();
        let solution = card.code().unwrap().0.solution.clone();
        if let Screen::Practice { session, .. } = &mut app.screen {
            session.editor.set_text(&solution);
        }
    };
    let (mut app, mut shell) = fixture(&Start::Review);
    let dir = tempfile::tempdir().unwrap();
    shell.set_attempts_dir(dir.path().to_path_buf());
    press(&mut app, &mut shell, "space p", t0());
    solve(&mut app);
    press(&mut app, &mut shell, "ctrl-r esc esc", t0());
    assert_eq!(on(&app), "review");
    assert_eq!(suggested(&app), Some(Rating::Good));
    let footer = crate::ui::footer::footer_line(&app, crate::layout::theme(&app), 160).to_string();
    assert!(footer.contains("▸3 Good"), "{footer}");
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        "all tests passed: ▸ Good suggested (first run, in time)"
    );
    assert_eq!(app.review().unwrap().graded.len(), 0, "nothing graded");

    // A failing run first, then a passing one: Hard.
    let (mut app, mut shell) = fixture(&Start::Review);
    shell.set_attempts_dir(dir.path().join("2"));
    press(&mut app, &mut shell, "p", t0());
    press(&mut app, &mut shell, "ctrl-r", t0());
    solve(&mut app);
    press(&mut app, &mut shell, "ctrl-r esc esc", t0());
    assert_eq!(suggested(&app), Some(Rating::Hard));
    // Shown before grading (the suggestion waits for the reveal), cleared by a grade.
    press(&mut app, &mut shell, "space 3", t0());
    assert_eq!(suggested(&app), None);

    // The solution shown: Again.
    let (mut app, mut shell) = fixture(&Start::Review);
    shell.set_attempts_dir(dir.path().join("3"));
    press(&mut app, &mut shell, "space p esc s y", t0());
    solve(&mut app);
    press(&mut app, &mut shell, "ctrl-r esc", t0());
    assert_eq!(suggested(&app), Some(Rating::Again));

    // Tests not passing: no suggestion.
    let (mut app, mut shell) = fixture(&Start::Review);
    shell.set_attempts_dir(dir.path().join("4"));
    press(&mut app, &mut shell, "space p ctrl-r esc esc", t0());
    assert_eq!(suggested(&app), None);
}

/// The app on decks from the parse cache (every other session test has parsed decks,
/// whose cards hold their code): the card view's solutions, practice's starter and
/// Ctrl-R's tests are each the card's own, read from the cache file.
#[test]
fn a_card_from_the_parse_cache_shows_practises_and_runs_its_own_code() {
    use crate::content::{LoadOptions, load_library};
    let cache = tempfile::tempdir().unwrap();
    let options = LoadOptions {
        bundled: true,
        dirs: Vec::new(),
        cache_dir: Some(cache.path().to_path_buf()),
    };
    drop(load_library(&options));
    let library = load_library(&options);
    let parsed = crate::content::bundled_library();
    let store = crate::store::Store::open_in_memory().unwrap();
    let days = crate::days::Days::utc();
    let mut app = crate::app::build(library, &store, t0(), days, false, None, None).unwrap();
    let _ = update(&mut app, Action::Resize(160, 48), t0());
    let mut shell = Shell::new(store, None);
    let dir = tempfile::tempdir().unwrap();
    shell.set_attempts_dir(dir.path().to_path_buf());
    for id in ["two-sum", "lru-cache", "group-anagrams"] {
        let (_, own) = parsed.card(id).unwrap();
        let (own_py, own_rs) = own.code().unwrap();
        let card = app.study.index_of(id).unwrap();
        let (_, cached) = app.card(card).unwrap();
        assert!(cached.has_code());
        let first = crate::app::start(&mut app, &Start::Browse(Some(id.into())), t0());
        shell.execute(&mut app, first.unwrap(), t0());
        let backend = ratatui::backend::TestBackend::new(160, 48);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| crate::ui::view(f, &app)).unwrap();
        let screen = format!("{}", terminal.backend());
        for solution in [&own_py.solution, &own_rs.solution] {
            let line = solution.lines().next().unwrap();
            assert!(screen.contains(line), "{id}: {line:?} not in\n{screen}");
        }
        let effects = crate::update::open_practice(&mut app, card, Lang::Python);
        shell.execute(&mut app, effects, t0());
        assert_eq!(code(&app), own_py.starter.clone().unwrap(), "{id}");
        let effects = press(&mut app, &mut shell, "ctrl-r", t0());
        let run = effects.iter().find_map(|e| match e {
            Effect::RunTests(run) => Some(run),
            _ => None,
        });
        assert_eq!(
            run.map(|r| r.tests.as_str()),
            Some(own_py.tests.as_str()),
            "{id}"
        );
        press(&mut app, &mut shell, "esc esc", t0());
    }
}
