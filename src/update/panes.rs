//! Focus, scroll and zoom of the card view's panes.

use crate::action::Action;
use crate::layout::card_text;
use crate::layout::panes as geometry;
use crate::state::{App, Overlay, Pane, Screen};

/// The panes the current card shows, in focus order.
pub fn available(app: &App) -> Vec<Pane> {
    Pane::ALL
        .into_iter()
        .filter(|p| *p != Pane::Diagram || geometry::has_diagram(app))
        .filter(|p| *p != Pane::Rust || !geometry::is_behavioral(app))
        .collect()
}

/// Recomputes the Question pane's wrapped rows when its card, reveal or width changed.
pub fn refresh(app: &mut App) {
    let Some(card) = app.current_card() else {
        return;
    };
    let Some(width) = geometry::inner_width(app, Pane::Question) else {
        return;
    };
    let key = (card, app.revealed(), width);
    if app.card_view.question_key != Some(key) {
        app.card_view.question_rows = card_text::question_rows(app, width);
        app.card_view.question_key = Some(key);
    }
}

pub fn reset_view(app: &mut App) {
    app.card_view.focus = None;
    app.card_view.zoom = false;
    app.card_view.scroll = [0; 4];
    app.card_view.question_key = None;
}

pub fn reset_scroll(app: &mut App) {
    app.card_view.scroll = [0; 4];
}

/// At the reveal: every pane from its top, and the Question (which now holds the
/// explanation) in front again if the lab's Diagram had taken its slot.
pub fn show_answer(app: &mut App) {
    reset_scroll(app);
    if app.card_view.focus() == Pane::Diagram
        && !app.card_view.zoom
        && !geometry::is_shown(app, Pane::Question)
    {
        app.card_view.focus = Some(Pane::Question);
    }
}

/// Keeps every offset within its pane's content (after a resize or a reveal).
pub fn clamp_scroll(app: &mut App) {
    if app.help() {
        let max = crate::layout::help::max_scroll(app);
        if let Some(Overlay::Help { scroll }) = &mut app.overlay {
            *scroll = (*scroll).min(max);
        }
    }
    if let Some((max, _)) = one_pane_limits(app) {
        app.card_view.scroll[0] = app.card_view.scroll[0].min(max);
        return;
    }
    for pane in Pane::ALL {
        let max = geometry::max_scroll(app, pane);
        let slot = &mut app.card_view.scroll[pane.index()];
        *slot = (*slot).min(max);
    }
}

pub fn update_panes(app: &mut App, action: &Action) {
    if app.current_card().is_none() {
        return;
    }
    let panes = available(app);
    let focus = app.card_view.focus();
    let at = panes.iter().position(|p| *p == focus).unwrap_or(0);
    let pane = focus;
    let max = geometry::max_scroll(app, pane);
    let page = geometry::page_height(app, pane).max(1);
    match action {
        Action::FocusNext => app.card_view.focus = Some(panes[(at + 1) % panes.len()]),
        Action::FocusPrev => {
            app.card_view.focus = Some(panes[(at + panes.len() - 1) % panes.len()]);
        }
        Action::ToggleZoom => app.card_view.zoom = !app.card_view.zoom,
        _ => scroll_one(&mut app.card_view.scroll[pane.index()], action, max, page),
    }
    if matches!(action, Action::ToggleZoom) {
        clamp_scroll(app);
    }
}

/// After a lab operation: the Diagram comes to the front where it shares its slot with
/// the Question (below [`geometry::WIDE`] columns, or another pane zoomed), so the
/// operation's effect shows; and the code panes scroll to the lines it ran.
pub fn follow_lab(app: &mut App) {
    if geometry::has_diagram(app) && !geometry::is_shown(app, Pane::Diagram) {
        app.card_view.focus = Some(Pane::Diagram);
    }
    show_linked_lines(app);
}

/// Scrolls each code pane so the first line the lab's last operation ran is in view,
/// a few lines down from the top.
fn show_linked_lines(app: &mut App) {
    let (Some(live), Some((_, card))) = (
        app.lab.as_ref(),
        app.current_card().and_then(|i| app.card(i)),
    ) else {
        return;
    };
    let targets: Vec<(Pane, usize)> = [
        (Pane::Python, crate::highlight::Lang::Python),
        (Pane::Rust, crate::highlight::Lang::Rust),
    ]
    .into_iter()
    .filter_map(|(pane, lang)| {
        live.linked_lines(card, lang)
            .first()
            .map(|l| (pane, l.line))
    })
    .collect();
    for (pane, line) in targets {
        let max = geometry::max_scroll(app, pane);
        let top = u16::try_from(line.saturating_sub(4)).unwrap_or(u16::MAX);
        app.card_view.scroll[pane.index()] = top.min(max);
    }
}

/// How far the one-pane screens (quiz, stats) can scroll and their page, or `None` on
/// the others.
pub fn one_pane_limits(app: &App) -> Option<(u16, u16)> {
    match app.screen {
        Screen::Quiz(_) => Some((
            crate::layout::quiz::max_scroll(app),
            crate::layout::quiz::page_height(app),
        )),
        Screen::Stats(_) => Some(crate::layout::stats_scroll_limits(app)),
        _ => None,
    }
}

/// Moves `scroll` for a scrolling action, within `0..=max`, a page at a time by `page`
/// rows; other actions leave it.
pub fn scroll_one(scroll: &mut u16, action: &Action, max: u16, page: u16) {
    let page = page.max(1);
    *scroll = match action {
        Action::ScrollDown => scroll.saturating_add(1),
        Action::ScrollUp => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(page),
        Action::PageUp => scroll.saturating_sub(page),
        Action::ScrollTop => 0,
        Action::ScrollBottom => max,
        _ => *scroll,
    }
    .min(max);
}
