//! `update`: the pure heart of the session. It takes the app, an action and the time, and
//! returns the effects the shell must carry out. No clock, no disk, no terminal here.

mod browse;
mod interview;
mod jobs;
mod panes;
mod practice;
mod quiz;
mod review;

use jiff::Timestamp;

use crate::action::{Action, ConsoleEdit, Effect, Effects, Failure};
use crate::console::{self, Command};
use crate::state::{
    App, BrowseState, CardFrom, Confirm, Flash, HOME_ITEMS, HomeItem, HomeState, Overlay,
    ReviewStep, Screen, StatsState,
};

pub use interview::start_interview;
pub use practice::{first_coding_card, open_practice};
pub use quiz::start_quiz;
pub use review::{deck_counts, start_review};

pub fn update(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let effects = route(app, action, now);
    refresh_panes(app);
    // Home and the review's summary show what is left to study today.
    let summary = matches!(&app.screen, Screen::Review(r) if r.phase == ReviewStep::Finished);
    if matches!(app.screen, Screen::Home(_)) || summary {
        refresh_home(app);
    }
    effects
}

/// Rebuilds the wrapped rows of the Question pane shown (the card view's or
/// practice's) when what they depend on changed.
pub fn refresh_panes(app: &mut App) {
    panes::refresh(app);
    practice::refresh(app);
    interview::refresh(app);
}

/// The home screen's due counts, per deck and in all.
fn refresh_home(app: &mut App) {
    let now = app.now;
    app.due.per_deck = app
        .study
        .library
        .decks
        .iter()
        .map(|d| deck_counts(&app.study, Some(&d.meta.id), now))
        .collect();
    app.due.all = deck_counts(&app.study, app.study.deck_filter.as_deref(), now);
}

/// Sends the action to the screen or part of the app it is for (after clearing the flash
/// on a user's action).
#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind of action, each a call or two"
)]
fn route(app: &mut App, action: Action, now: Timestamp) -> Effects {
    app.now = now;
    if !crate::visual::moving(app.motion, now) {
        app.motion = None;
    }
    if is_user_action(&action) {
        app.flash = None;
    }
    match action {
        Action::Interview(_)
        | Action::InterviewSaved(_)
        | Action::ModelText { .. }
        | Action::ModelDone { .. }
        | Action::Failed(Failure::Interview { .. }) => {
            interview::update_interview(app, action, now)
        }
        Action::Tick
        | Action::TestsRan { .. }
        | Action::CancelJob
        | Action::Edit(_)
        | Action::Back
        | Action::DeckTrusted { .. }
        | Action::Failed(Failure::Trust { .. })
            if app.interview().is_some() && !app.help() =>
        {
            interview::update_interview(app, action, now)
        }
        Action::Tick | Action::RecallDraftLoaded { .. }
            if matches!(app.screen, Screen::Quiz(_)) =>
        {
            quiz::update_quiz(app, action, now)
        }
        // A draft read for a quiz already left: nothing to put it in.
        Action::RecallDraftLoaded { .. } => Effects::none(),
        Action::Tick | Action::TestsRan { .. } | Action::CancelJob if app.practice().is_some() => {
            edit_or_practice(app, action, now)
        }
        Action::Edit(_)
        | Action::OpenPractice
        | Action::Practice(_)
        | Action::AttemptLoaded { .. }
        | Action::AttemptOnDisk { .. }
        | Action::EditedOutside { .. }
        | Action::DeckTrusted { .. }
        | Action::Failed(Failure::Attempt { .. } | Failure::Trust { .. }) => {
            edit_or_practice(app, action, now)
        }
        Action::Quit => quit(app, now),
        Action::Suspend | Action::Paste(_) => from_the_terminal(app, action),
        Action::ToggleHelp => {
            app.overlay = if app.help() {
                None
            } else {
                Some(Overlay::Help { scroll: 0 })
            };
            Effects::none()
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
            // The Question's rows at the new width first: the scroll limits measure them,
            // and would otherwise build them afresh for every pane.
            refresh_panes(app);
            panes::clamp_scroll(app);
            Effects::none()
        }
        Action::Back => back(app),
        Action::Confirm(yes) => confirmed(app, yes),
        Action::SelectNext | Action::SelectPrev => {
            select(app, matches!(action, Action::SelectNext));
            Effects::none()
        }
        Action::Open => open(app, now),
        Action::StartFilter | Action::ClearFilter => {
            if let Screen::Browse(browse) = &mut app.screen {
                if action == Action::StartFilter {
                    browse.filtering = true;
                } else {
                    browse.clear_filter(&app.study, app.size);
                }
            }
            Effects::none()
        }
        Action::FocusNext
        | Action::FocusPrev
        | Action::ScrollDown
        | Action::ScrollUp
        | Action::PageDown
        | Action::PageUp
        | Action::ScrollTop
        | Action::ScrollBottom
        | Action::ToggleZoom => scroll(app, &action),
        Action::EnterConsole | Action::EnterCommand => {
            enter_console(app, action == Action::EnterCommand);
            Effects::none()
        }
        Action::LeaveConsole => {
            app.console.active = false;
            Effects::none()
        }
        Action::Console(edit) => {
            edit_console(app, edit);
            Effects::none()
        }
        Action::ConsoleSubmit => submit(app, now),
        Action::Reveal
        | Action::Grade(_)
        | Action::Undo
        | Action::Tick
        | Action::ReviewSaved(_)
        | Action::Failed(Failure::Save { .. } | Failure::Undo { .. })
        | Action::Undone(_) => review::update_review(app, action, now),
        Action::StatsLoaded(stats) => {
            show_stats(app, &stats);
            Effects::none()
        }
        Action::Failed(failure @ Failure::Stats { .. }) => {
            flash_error(app, failure.to_string());
            Effects::none()
        }
        Action::Quiz(_)
        | Action::QuizEnter
        | Action::ClaimPoint
        | Action::NextMissed
        | Action::Failed(Failure::QuizSave { .. } | Failure::ClaimSave { .. }) => {
            quiz::update_quiz(app, action, now)
        }
        Action::Highlighted(_)
        | Action::StreakLoaded(_)
        | Action::JobStarted { .. }
        | Action::JobFinished { .. }
        | Action::TestsRan { .. }
        | Action::CancelJob => jobs::update_jobs(app, action, now),
    }
}

/// Ends the session, practice's code written first.
fn quit(app: &mut App, now: Timestamp) -> Effects {
    app.quit = true;
    let mut effects = practice::save_now(app);
    effects.extend(quiz::save_draft_now(app));
    // A mock interview left mid-round (q, a signal, the window closed) ends there and
    // is saved like any ended round, so nothing already answered is lost.
    if let Screen::Interview(session) = &mut app.screen
        && !session.round.is_over()
    {
        session.keep_unsent();
        session.event(crate::interview::Event::End, now);
        if session.score_if_over() {
            effects.push(Effect::SaveInterview);
        }
    } else if let Screen::Interview(session) = &mut app.screen
        && session.awaiting_critique()
    {
        // Over, and waiting on the model's critique to be saved: saved without it.
        session.asking = None;
        effects.push(Effect::SaveInterview);
    }
    effects.push(Effect::Quit);
    effects
}

/// An edit goes to the editor of the screen up (the quiz's recall answer, practice's
/// code); the jobs' news to practice's Results; practice's own actions to practice.
fn edit_or_practice(app: &mut App, action: Action, now: Timestamp) -> Effects {
    match action {
        Action::Edit(edit) if matches!(app.screen, Screen::Quiz(_)) => {
            quiz::update_quiz(app, Action::Quiz(crate::quiz::QuizAction::Edit(edit)), now)
        }
        Action::OpenPractice => practice::open_from_card(app),
        Action::TestsRan { .. } | Action::CancelJob => practice::from_jobs(app, action, now),
        _ => practice::update_practice(app, action, now),
    }
}

/// The stats report, rendered once when the figures arrive.
fn show_stats(app: &mut App, stats: &crate::stats::Stats) {
    if let Screen::Stats(screen) = &mut app.screen {
        screen.report = Some(crate::stats::render::session_report(
            stats,
            &app.study.days,
            app.color,
        ));
    }
}

/// Focus, scrolling and zoom: the help over anything, Browse's list, the one pane of
/// stats and quiz feedback, or the card's panes.
fn scroll(app: &mut App, action: &Action) -> Effects {
    if app.help() {
        let max = crate::layout::help::max_scroll(app);
        let page = app.size.1.saturating_sub(2);
        if let Some(Overlay::Help { scroll }) = &mut app.overlay {
            panes::scroll_one(scroll, action, max, page);
        }
        return Effects::none();
    }
    if let Screen::Browse(browse) = &mut app.screen {
        browse.jump(action, &app.study, app.size);
        return Effects::none();
    }
    if matches!(app.screen, Screen::Practice { .. }) {
        practice::scroll(app, action);
        return Effects::none();
    }
    if matches!(app.screen, Screen::Interview(_)) {
        interview::scroll(app, action);
        return Effects::none();
    }
    if let Some((max, page)) = panes::one_pane_limits(app) {
        panes::scroll_one(&mut app.card_view.scroll[0], action, max, page);
        return Effects::none();
    }
    panes::update_panes(app, action);
    Effects::none()
}

fn is_user_action(action: &Action) -> bool {
    !matches!(
        action,
        Action::Resize(..)
            | Action::Tick
            | Action::ReviewSaved(_)
            | Action::Undone(_)
            | Action::StatsLoaded(_)
            | Action::Failed(_)
            | Action::StreakLoaded(_)
            | Action::Highlighted(_)
            | Action::JobStarted { .. }
            | Action::JobFinished { .. }
            | Action::AttemptLoaded { .. }
            | Action::RecallDraftLoaded { .. }
            | Action::AttemptOnDisk { .. }
            | Action::EditedOutside { .. }
            | Action::DeckTrusted { .. }
            | Action::TestsRan { .. }
            | Action::InterviewSaved(_)
            | Action::ModelText { .. }
            | Action::ModelDone { .. }
    )
}

pub(crate) fn flash(app: &mut App, text: impl Into<String>) {
    app.flash = Some(Flash {
        text: text.into(),
        error: false,
    });
}

pub(crate) fn flash_error(app: &mut App, text: impl Into<String>) {
    app.flash = Some(Flash {
        text: text.into(),
        error: true,
    });
}

fn back(app: &mut App) -> Effects {
    if app.help() {
        app.overlay = None;
        return Effects::none();
    }
    match &mut app.screen {
        Screen::Card {
            from: CardFrom::Lab(visual),
            ..
        } => {
            let item = HomeItem::Lab(*visual);
            go_home(app, item);
        }
        Screen::Card {
            from: CardFrom::Browse(browse),
            ..
        } => app.screen = Screen::Browse(std::mem::take(browse)),
        // Esc clears the filter, as it does in a search field; a filter kept to open
        // a card goes when Browse is left, so the list is whole the next time.
        Screen::Browse(browse) if browse.filtering => browse.clear_filter(&app.study, app.size),
        // Home's cursor rests on the entry just left, so a stray Enter reopens it instead
        // of starting something else (a review after a quiz).
        Screen::Browse(_) => go_home(app, HomeItem::Browse),
        Screen::Stats(_) => go_home(app, HomeItem::Stats),
        // Leaving a quiz half done loses its scorecard: ask first.
        // The recall answer being written is kept either way.
        Screen::Quiz(quiz) if quiz::half_done(quiz) => {
            app.overlay = Some(Overlay::Confirm(Confirm::LeaveQuiz));
            return quiz::save_draft_now(app);
        }
        Screen::Quiz(_) => {
            let effects = quiz::save_draft_now(app);
            go_home(app, HomeItem::Quiz);
            return effects;
        }
        Screen::Review(_) => go_home(app, HomeItem::Review),
        Screen::Practice { .. } => return practice::leave(app),
        Screen::Interview(_) => go_home(app, HomeItem::Interview),
        Screen::Home(_) => {}
    }
    Effects::none()
}

/// The answer to the confirmation overlay: `y` does what it asked about.
fn confirmed(app: &mut App, yes: bool) -> Effects {
    let Some(Overlay::Confirm(question)) = app.overlay else {
        return Effects::none();
    };
    app.overlay = None;
    match question {
        Confirm::LeaveQuiz if yes => go_home(app, HomeItem::Quiz),
        Confirm::ShowSolution if yes => practice::show_solution(app),
        Confirm::TrustTests if yes => return practice::trust_and_run(app),
        _ => {}
    }
    Effects::none()
}

/// The console opened: for a command (`:` typed for the learner), or for a line (a
/// quiz item's own text given to edit, where it has one).
fn enter_console(app: &mut App, command: bool) {
    app.console.active = true;
    if !command && let Some(text) = quiz::console_prefill(app) {
        app.console.input.clone_from(&text);
        app.console.cursor = text.chars().count();
    } else if command && app.console.input.is_empty() {
        app.console.edit(ConsoleEdit::Insert(':'));
    }
}

/// Home, its cursor on `item`.
fn go_home(app: &mut App, item: HomeItem) {
    let selected = HOME_ITEMS
        .iter()
        .position(|&entry| entry == item)
        .unwrap_or(0);
    app.screen = Screen::Home(HomeState { selected });
    app.card_view.zoom = false;
}

/// Browse: the list a card shown from it keeps, or the whole list from its top.
fn open_browse(app: &mut App) {
    let browse = match std::mem::take(&mut app.screen) {
        Screen::Browse(browse)
        | Screen::Card {
            from: CardFrom::Browse(browse),
            ..
        } => browse,
        _ => BrowseState::default(),
    };
    app.screen = Screen::Browse(browse);
}

/// Stats, scrolled to the top, with the figures loaded afresh.
fn open_stats(app: &mut App) -> Effects {
    app.screen = Screen::Stats(StatsState::default());
    app.card_view.scroll[0] = 0;
    Effects::one(Effect::LoadStats)
}

fn select(app: &mut App, down: bool) {
    match &mut app.screen {
        Screen::Home(home) => home.selected = step(home.selected, HOME_ITEMS.len(), down),
        Screen::Browse(browse) => browse.step(down, &app.study, app.size),
        _ => {}
    }
}

/// `selected` one down (or up) in a list of `len`, staying within it.
fn step(selected: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (selected + 1).min(len - 1)
    } else {
        selected.saturating_sub(1)
    }
}

fn open(app: &mut App, now: Timestamp) -> Effects {
    match &mut app.screen {
        Screen::Home(home) => match HOME_ITEMS.get(home.selected) {
            Some(HomeItem::Review) => start_review(app, now),
            Some(&HomeItem::Lab(visual)) => open_lab(app, visual, now),
            Some(HomeItem::Quiz) => {
                let selection = app.study.quiz_selection.clone();
                start_quiz(app, &selection, now)
            }
            Some(HomeItem::Browse) => {
                open_browse(app);
                Effects::none()
            }
            Some(HomeItem::Stats) => open_stats(app),
            Some(HomeItem::Interview) => interview::open_from_home(app, now),
            Some(HomeItem::Quit) => update(app, Action::Quit, now),
            None => Effects::none(),
        },
        Screen::Browse(browse) => {
            browse.filtering = false;
            match browse.matches(&app.study).get(browse.selected) {
                Some(&card) => open_card(app, card),
                None => Effects::none(),
            }
        }
        _ => Effects::none(),
    }
}

/// Shows a card from Browse (its list kept for Esc): all panes, no grading.
pub fn open_card(app: &mut App, card: usize) -> Effects {
    let browse = match std::mem::take(&mut app.screen) {
        Screen::Browse(browse) => browse,
        _ => BrowseState::default(),
    };
    show_card(app, card, CardFrom::Browse(browse))
}

/// Shows `card` whole, as a card from `from`.
fn show_card(app: &mut App, card: usize, from: CardFrom) -> Effects {
    app.screen = Screen::Card { card, from };
    panes::reset_view(app);
    app.console.start_over();
    ensure_lab(app, app.now);
    Effects::one(Effect::Highlight(card))
}

/// A card with a `visual:` gets its lab the first time one shows (a card with another
/// visual than the lab held gets a new one).
pub fn ensure_lab(app: &mut App, now: Timestamp) {
    let visual = app
        .current_card()
        .and_then(|i| app.card(i))
        .and_then(|(_, c)| c.visual);
    if let Some(kind) = visual
        && app.lab.as_ref().is_none_or(|live| live.kind() != kind)
    {
        let seed = u64::try_from(now.as_millisecond()).unwrap_or(0);
        app.lab = Some(crate::visual::Live::new(kind, app.study.lab_capacity, seed));
    }
}

/// A lab: the first card with `visual`, its diagram focused, the console open.
pub fn open_lab(app: &mut App, visual: crate::content::Visual, now: Timestamp) -> Effects {
    let card = (0..app.study.cards.len())
        .find(|&i| app.card(i).is_some_and(|(_, c)| c.visual == Some(visual)));
    let title = crate::visual::title(visual);
    let Some(card) = card else {
        flash_error(
            app,
            format!(
                "no card with `visual: {}` is loaded",
                crate::visual::name(visual)
            ),
        );
        return Effects::none();
    };
    app.now = now;
    let effects = show_card(app, card, CardFrom::Lab(visual));
    app.card_view.focus = Some(crate::state::Pane::Diagram);
    app.console.active = true;
    app.console.say(format!(
        "{title} lab: type {}",
        crate::visual::syntax_list(visual, true)
    ));
    effects
}

/// An edit of the field being typed: Browse's filter, or the console. On the LRU card
/// Tab on a line without `:` completes a lab command (the console completes `:` ones).
fn edit_console(app: &mut App, edit: ConsoleEdit) {
    let lab_line = edit == ConsoleEdit::Complete
        && app.lab.is_some()
        && crate::layout::panes::has_diagram(app)
        && !app.console.input.trim_start().starts_with(':');
    // The review's commands are offered only in a review, where they do something.
    let here = app.commands_here();
    match &mut app.screen {
        Screen::Browse(browse) if browse.filtering => browse.edit_filter(edit),
        _ if lab_line => {
            if let Some(kind) = app.lab.as_ref().map(crate::visual::Live::kind) {
                app.console
                    .complete("", |word| crate::visual::complete(kind, word));
            }
        }
        _ if edit == ConsoleEdit::Complete => app
            .console
            .complete(":", |word| console::complete(word, here)),
        _ => app.console.edit(edit),
    }
}

/// Ctrl-Z asks the shell to suspend; a paste goes whole into the field being typed:
/// the browse filter or the console (made fit for it by `keymap::paste`). A paste into
/// the answer editor comes as a quiz action.
fn from_the_terminal(app: &mut App, action: Action) -> Effects {
    match action {
        Action::Suspend => return Effects::one(Effect::Suspend),
        Action::Paste(text) if matches!(&app.screen, Screen::Browse(b) if b.filtering) => {
            if let Screen::Browse(browse) = &mut app.screen {
                for c in console::pasted(&text, false).chars() {
                    browse.edit_filter(ConsoleEdit::Insert(c));
                }
            }
        }
        Action::Paste(text) if app.console.active => app.console.paste(&text),
        _ => {}
    }
    Effects::none()
}

fn submit(app: &mut App, now: Timestamp) -> Effects {
    let line = app.console.submit();
    let trimmed = line.trim();
    if matches!(app.screen, Screen::Quiz(_)) && !trimmed.starts_with(':') {
        return quiz::typed(app, &line, now);
    }
    if trimmed.is_empty() {
        return Effects::none();
    }
    let on_visual_card = crate::layout::panes::has_diagram(app);
    // On the LRU card every line but a `:` command drives the lab; an unknown word gets
    // the lab's list of commands (and the nearest one) instead of vanishing.
    if !trimmed.starts_with(':')
        && on_visual_card
        && let Some(lab) = app.lab.as_mut()
    {
        // `put 1 1; get 1` runs each in turn, its reply said as if typed alone; a bad
        // command changes nothing and stops the line there.
        let batch = lab.run_line(trimmed);
        let operation = batch.ran.iter().any(|ran| ran.operation);
        if let Some(last) = batch.ran.last() {
            // The last command's move is shown moving, when motion is on (those before it
            // are drawn at once); any other command last (an undo, `help`) ends a motion
            // still running, which would otherwise draw a move the lab no longer holds.
            app.motion = (last.operation && app.study.motion && lab.moved()).then_some(now);
        }
        for ran in batch.ran {
            app.console.say(ran.reply);
        }
        if operation {
            panes::follow_lab(app);
        }
        if let Some(refused) = batch.refused {
            app.console.say(refused.reply);
            flash_error(app, refused.error);
        }
        return Effects::none();
    }
    if !trimmed.starts_with(':') {
        // Not a command: an attempt at the answer, kept where the user can see it.
        app.console.say(format!("> {trimmed}"));
        return Effects::none();
    }
    app.console.say(trimmed.to_string());
    let command = match console::parse(trimmed) {
        Ok(Some(command)) => command,
        Ok(None) => return Effects::none(),
        Err(error) => {
            app.console.say(format!("  {error}"));
            flash_error(app, error.to_string());
            // Still taking a command: the next line is one too.
            app.console.restore(":".to_string());
            return Effects::none();
        }
    };
    app.console.active = false;
    // Leaving practice for another screen keeps the code, as Esc does.
    let leaving = if matches!(command, Command::Home | Command::Browse | Command::Stats) {
        let mut effects = practice::save_now(app);
        effects.extend(quiz::save_draft_now(app));
        effects
    } else {
        Effects::none()
    };
    let action = match command {
        Command::Help => Action::ToggleHelp,
        Command::Reveal => Action::Reveal,
        Command::Grade(r) => Action::Grade(r),
        Command::Undo => Action::Undo,
        Command::Quit => Action::Quit,
        Command::Home => {
            let item = home_item(&app.screen);
            go_home(app, item);
            return leaving;
        }
        Command::Browse => {
            open_browse(app);
            return leaving;
        }
        Command::Stats => {
            let mut effects = leaving;
            effects.extend(open_stats(app));
            return effects;
        }
        Command::Run => Action::Practice(crate::practice::PracticeAction::Run),
    };
    let allowed = matches!(
        (&action, app.review().map(|r| &r.phase)),
        (Action::Reveal, Some(ReviewStep::Prompt { .. }))
            | (Action::Grade(_), Some(ReviewStep::Revealed { .. }))
            | (Action::Undo, Some(_))
            | (Action::ToggleHelp | Action::Quit, _)
    ) || (matches!(action, Action::Practice(_)) && app.practice().is_some());
    if !allowed {
        let error = console::CommandError::NotHere(trimmed.to_string());
        app.console.say(format!("  {error}"));
        flash_error(app, error.to_string());
        app.console.active = true;
        app.console.restore(":".to_string());
        return Effects::none();
    }
    update(app, action, now)
}

/// The home entry that opens `screen`: where home's cursor rests when it is left.
fn home_item(screen: &Screen) -> HomeItem {
    match screen {
        Screen::Home(home) => HOME_ITEMS
            .get(home.selected)
            .copied()
            .unwrap_or(HomeItem::Review),
        Screen::Review(_) => HomeItem::Review,
        Screen::Quiz(_) => HomeItem::Quiz,
        Screen::Card {
            from: CardFrom::Lab(visual),
            ..
        } => HomeItem::Lab(*visual),
        Screen::Browse(_) | Screen::Card { .. } => HomeItem::Browse,
        Screen::Stats(_) => HomeItem::Stats,
        Screen::Interview(_) => HomeItem::Interview,
        Screen::Practice { from, .. } => home_item(from),
    }
}
