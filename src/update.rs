//! `update`: the pure heart of the session. It takes the app, an action and the time, and
//! returns the effects the shell must carry out. No clock, no disk, no terminal here.

mod browse;
mod panes;
mod quiz;
mod review;

use jiff::Timestamp;

use crate::action::{Action, ConsoleEdit, Effect, Effects, Failure};
use crate::console::{self, Command};
use crate::lru::lab::LabError;
use crate::state::{App, Confirm, Flash, Phase, Screen};

pub use panes::refresh as refresh_panes;
pub use quiz::start_quiz;
pub use review::{DeckCounts, deck_counts, session_counts, start_review};

/// The entries of the home screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    Review,
    Quiz,
    Lab,
    Browse,
    Stats,
    Quit,
}

pub const HOME_ITEMS: [HomeItem; 6] = [
    HomeItem::Review,
    HomeItem::Quiz,
    HomeItem::Lab,
    HomeItem::Browse,
    HomeItem::Stats,
    HomeItem::Quit,
];

pub fn update(app: &mut App, action: Action, now: Timestamp) -> Effects {
    let effects = dispatch(app, action, now);
    panes::refresh(app);
    // Home and the review's summary show what is left to study today.
    let summary = app.screen == Screen::Review
        && app
            .review
            .as_ref()
            .is_some_and(|r| r.phase == Phase::Finished);
    if app.screen == Screen::Home || summary {
        refresh_home(app);
    }
    effects
}

/// The home screen's due counts, per deck and in all.
fn refresh_home(app: &mut App) {
    let now = app.now;
    app.home_counts = app
        .library
        .decks
        .iter()
        .map(|d| deck_counts(app, Some(&d.meta.id), now))
        .collect();
    app.home_due = deck_counts(app, app.deck_filter.as_deref(), now);
}

fn dispatch(app: &mut App, action: Action, now: Timestamp) -> Effects {
    app.now = now;
    if is_user_action(&action) {
        app.flash = None;
    }
    match action {
        Action::Quit => {
            app.quit = true;
            Effects::one(Effect::Quit)
        }
        Action::Suspend | Action::Paste(_) => from_the_terminal(app, action),
        Action::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
            Effects::none()
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
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
        Action::StartFilter => {
            app.browse.filtering = true;
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
            app.console.active = true;
            if action == Action::EnterConsole
                && app.screen == Screen::Quiz
                && let Some(text) = quiz::console_prefill(app)
            {
                app.console.input.clone_from(&text);
                app.console.cursor = text.chars().count();
                return Effects::none();
            }
            if action == Action::EnterCommand && app.console.input.is_empty() {
                app.console.edit(ConsoleEdit::Insert(':'));
            }
            Effects::none()
        }
        Action::LeaveConsole => {
            app.console.active = false;
            quiz::keep_answer(app, now)
        }
        Action::Console(edit) => {
            if app.screen == Screen::Browse && app.browse.filtering {
                edit_filter(app, edit);
            } else if edit == ConsoleEdit::Complete
                && app.lab.is_some()
                && crate::ui::card::has_diagram(app)
                && !app.console.input.trim_start().starts_with(':')
            {
                // On the LRU card a line without `:` is a lab command.
                app.console.complete("", crate::lru::command::complete);
            } else {
                app.console.edit(edit);
            }
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
            app.stats = Some(crate::ui::stats::report(&stats, app));
            Effects::none()
        }
        Action::Failed(failure @ Failure::Stats { .. }) => {
            flash_error(app, failure.to_string());
            Effects::none()
        }
        Action::Quiz(_) | Action::QuizEnter | Action::Failed(Failure::QuizSave { .. }) => {
            quiz::update_quiz(app, action, now)
        }
    }
}

/// Focus, scrolling and zoom: the help over anything, Browse's list, the one pane of
/// stats and quiz feedback, or the card's panes.
fn scroll(app: &mut App, action: &Action) -> Effects {
    if app.help {
        let max = crate::ui::help::max_scroll(app);
        let page = app.size.1.saturating_sub(2);
        panes::scroll_one(&mut app.help_scroll, action, max, page);
        return Effects::none();
    }
    if app.screen == Screen::Browse {
        browse::jump(app, action);
        return Effects::none();
    }
    if let Some((max, page)) = panes::one_pane_limits(app) {
        panes::scroll_one(&mut app.view.scroll[0], action, max, page);
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
    if app.help {
        app.help = false;
        return Effects::none();
    }
    match app.screen {
        Screen::Card if app.card_return == Screen::Home => go_home(app, HomeItem::Lab),
        Screen::Card => app.screen = app.card_return,
        // Esc clears the filter, as it does in a search field; a filter kept to open
        // a card goes when Browse is left, so the list is whole the next time.
        Screen::Browse if app.browse.filtering => browse::clear_filter(app),
        // Home's cursor rests on the entry just left, so a stray Enter reopens it instead
        // of starting something else (a review after a quiz).
        Screen::Browse => {
            browse::clear_filter(app);
            go_home(app, HomeItem::Browse);
        }
        Screen::Stats => go_home(app, HomeItem::Stats),
        // Leaving a quiz half done loses its scorecard: ask first.
        Screen::Quiz if quiz::half_done(app) => app.confirm = Some(Confirm::LeaveQuiz),
        Screen::Quiz => go_home(app, HomeItem::Quiz),
        Screen::Review => go_home(app, HomeItem::Review),
        Screen::Home => {}
    }
    Effects::none()
}

/// The answer to the confirmation overlay: `y` does what it asked about.
fn confirmed(app: &mut App, yes: bool) -> Effects {
    if app.confirm.take() == Some(Confirm::LeaveQuiz) && yes {
        go_home(app, HomeItem::Quiz);
    }
    Effects::none()
}

/// Home, its cursor on `item`.
fn go_home(app: &mut App, item: HomeItem) {
    if let Some(i) = HOME_ITEMS.iter().position(|&entry| entry == item) {
        app.home.selected = i;
    }
    app.screen = Screen::Home;
    app.view.zoom = false;
}

/// Stats, scrolled to the top, with the figures loaded afresh.
fn open_stats(app: &mut App) -> Effects {
    app.screen = Screen::Stats;
    app.view.scroll[0] = 0;
    Effects::one(Effect::LoadStats)
}

fn select(app: &mut App, down: bool) {
    let (selected, len) = match app.screen {
        Screen::Home => (&mut app.home.selected, HOME_ITEMS.len()),
        Screen::Browse => {
            let len = app.browse_matches().len();
            (&mut app.browse.selected, len)
        }
        _ => return,
    };
    if len == 0 {
        *selected = 0;
    } else if down {
        *selected = (*selected + 1).min(len - 1);
    } else {
        *selected = selected.saturating_sub(1);
    }
    if app.screen == Screen::Browse {
        let rows = crate::ui::browse::list_rows(app.size);
        app.browse.offset =
            crate::ui::browse::first_row(app.browse.offset, app.browse.selected, rows);
    }
}

fn open(app: &mut App, now: Timestamp) -> Effects {
    match app.screen {
        Screen::Home => match HOME_ITEMS.get(app.home.selected) {
            Some(HomeItem::Review) => start_review(app, now),
            Some(HomeItem::Lab) => open_lab(app, now),
            Some(HomeItem::Quiz) => {
                let selection = app.quiz_selection.clone();
                start_quiz(app, &selection, now)
            }
            Some(HomeItem::Browse) => {
                app.screen = Screen::Browse;
                Effects::none()
            }
            Some(HomeItem::Stats) => open_stats(app),
            Some(HomeItem::Quit) => update(app, Action::Quit, now),
            None => Effects::none(),
        },
        Screen::Browse => {
            app.browse.filtering = false;
            let matches = app.browse_matches();
            match matches.get(app.browse.selected) {
                Some(&card) => open_card(app, card),
                None => Effects::none(),
            }
        }
        _ => Effects::none(),
    }
}

/// Shows a card from Browse: all panes, no grading.
pub fn open_card(app: &mut App, card: usize) -> Effects {
    app.browse_card = Some(card);
    app.screen = Screen::Card;
    app.card_return = Screen::Browse;
    panes::reset_view(app);
    app.console.start_over();
    ensure_lab(app, app.now);
    Effects::one(Effect::Highlight(card))
}

/// A card with `visual: lru` gets a lab the first time one shows.
pub fn ensure_lab(app: &mut App, now: Timestamp) {
    let lru_card = app
        .current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.visual == Some(crate::content::Visual::Lru));
    if lru_card && app.lab.is_none() {
        let seed = u64::try_from(now.as_millisecond()).unwrap_or(0);
        app.lab = Some(crate::lru::lab::Lab::new(app.lab_capacity, seed));
    }
}

/// The LRU lab: the first card with `visual: lru`, its diagram focused, the console open.
pub fn open_lab(app: &mut App, now: Timestamp) -> Effects {
    let card = (0..app.cards.len()).find(|&i| {
        app.card(i)
            .is_some_and(|(_, c)| c.visual == Some(crate::content::Visual::Lru))
    });
    let Some(card) = card else {
        flash_error(app, "no card with `visual: lru` is loaded");
        return Effects::none();
    };
    app.now = now;
    let effects = open_card(app, card);
    app.card_return = Screen::Home;
    app.view.focus = Some(crate::state::Pane::Diagram);
    app.console.active = true;
    app.console.say(format!(
        "LRU lab: type {}",
        crate::lru::command::syntax_list(true)
    ));
    effects
}

fn edit_filter(app: &mut App, edit: ConsoleEdit) {
    match edit {
        ConsoleEdit::Insert(c) if !c.is_control() => app.browse.filter.push(c),
        ConsoleEdit::Backspace => {
            app.browse.filter.pop();
        }
        _ => {}
    }
    app.browse.selected = 0;
    app.browse.offset = 0;
}

/// Ctrl-Z asks the shell to suspend; a paste goes whole into the field being typed:
/// the browse filter or the console (made fit for it by `keymap::paste`).
fn from_the_terminal(app: &mut App, action: Action) -> Effects {
    match action {
        Action::Suspend => return Effects::one(Effect::Suspend),
        Action::Paste(text) if app.screen == Screen::Browse && app.browse.filtering => {
            for c in console::pasted(&text, false).chars() {
                edit_filter(app, ConsoleEdit::Insert(c));
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
    if app.screen == Screen::Quiz && !trimmed.starts_with(':') {
        return quiz::typed(app, &line, now);
    }
    if trimmed.is_empty() {
        return Effects::none();
    }
    let on_visual_card = crate::ui::card::has_diagram(app);
    // On the LRU card every line but a `:` command drives the lab; an unknown word gets
    // the lab's list of commands (and the nearest one) instead of vanishing.
    if !trimmed.starts_with(':')
        && on_visual_card
        && let Some(lab) = app.lab.as_mut()
    {
        // A bad command changes nothing.
        match lab.run(trimmed) {
            Ok(reply) => {
                // An operation's reply starts with the command itself.
                if matches!(reply, crate::lru::lab::Reply::Did(_)) {
                    app.console.say(format!("> {reply}"));
                } else {
                    app.console.say(format!("> {trimmed}: {reply}"));
                }
                panes::follow_lab(app);
            }
            Err(error) => {
                // "`frob`: expected a command…" already names a one-word line.
                let quoted = matches!(&error, LabError::Line(e) if e.quotes(trimmed));
                if quoted {
                    app.console.say(format!("> {error}"));
                } else {
                    app.console.say(format!("> {trimmed}: {error}"));
                }
                flash_error(app, error.to_string());
            }
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
    let action = match command {
        Command::Help => Action::ToggleHelp,
        Command::Reveal => Action::Reveal,
        Command::Grade(r) => Action::Grade(r),
        Command::Undo => Action::Undo,
        Command::Quit => Action::Quit,
        Command::Home => {
            app.screen = Screen::Home;
            return Effects::none();
        }
        Command::Browse => {
            app.screen = Screen::Browse;
            return Effects::none();
        }
        Command::Stats => return open_stats(app),
    };
    let allowed = match (&action, app.review.as_ref().map(|r| &r.phase)) {
        (Action::Reveal, Some(Phase::Prompt { .. }))
        | (Action::Grade(_), Some(Phase::Revealed { .. }))
        | (Action::Undo | Action::ToggleHelp | Action::Quit, _) => {
            app.screen == Screen::Review || matches!(action, Action::ToggleHelp | Action::Quit)
        }
        _ => false,
    };
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

#[cfg(test)]
mod tests;
