//! The practice screen: the Question, Your code (the editor), the solution once the
//! learner confirmed `s`, and Results.
//!
//! The code is drawn plain while it is typed: `ratatui-textarea` 0.9 draws its own
//! lines and can style no part of one (its only span styling is its regex search), so
//! colouring would mean painting syntect's styles over the widget's cells, which needs
//! the widget's private scroll offset. Time is not the obstacle: syntect takes 0.7 ms
//! for the LRU card's Python starter (44 lines) and 1.6 ms for its Rust one (69 lines).
//! The solution beside it is highlighted (the shell's cache).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::layout::practice::{
    current, inner, question_key, question_rows, results_lines, solution_source,
};
use crate::practice::{Focus, PracticeSession};
use crate::state::App;
use crate::text::{Shown, span};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, app: &App, session: &PracticeSession) {
    let t = theme(app);
    let areas = current(app, session);
    question(frame, areas.question, app, session, t);
    code(frame, areas.code, session, t);
    if let Some(area) = areas.solution {
        solution(frame, area, app, session, t);
    }
    results(frame, areas.results, app, session, t);
}

fn pane(title: String, border: ratatui::style::Style, t: Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(span(Shown::from(title), t.title()))
}

fn question(frame: &mut Frame, area: Rect, app: &App, session: &PracticeSession, t: Theme) {
    // Built by `update`; only a frame drawn before it ran (a test's) builds them.
    let built;
    let rows = if session.question_key == Some(question_key(app, session)) {
        &session.question
    } else {
        built = question_rows(app, session);
        &built
    };
    let focused = scrolls(session, Focus::Question);
    scrolled(
        frame,
        area,
        (" Question ", focused),
        rows,
        session.scroll,
        t,
    );
}

/// Whether `pane` is the one the scroll keys move (shown only out of the editor).
fn scrolls(session: &PracticeSession, pane: Focus) -> bool {
    !session.editor.focused() && session.focus == pane
}

/// A bordered pane of `rows` from `scroll` on, its border saying what is out of sight
/// and, if `focused`, that the scroll keys move it.
fn scrolled(
    frame: &mut Frame,
    area: Rect,
    (title, focused): (&'static str, bool),
    rows: &[Line<'static>],
    scroll: u16,
    t: Theme,
) {
    let height = usize::from(inner(area).height);
    let start = usize::from(scroll).min(rows.len());
    let end = (start + height).min(rows.len());
    let border = if focused {
        t.focus_border()
    } else {
        t.border()
    };
    let block = super::with_scroll_hint(
        pane(title.into(), border, t),
        area.width,
        (start, rows.len() - end),
        &[],
        t,
    );
    frame.render_widget(Paragraph::new(rows[start..end].to_vec()).block(block), area);
}

fn code(frame: &mut Frame, area: Rect, session: &PracticeSession, t: Theme) {
    let file = crate::practice::file_name(session.lang);
    let (title, border) = if session.editor.focused() {
        (format!(" Your code · {file} (typing) "), t.accent())
    } else {
        (format!(" Your code · {file} "), t.border())
    };
    let block = pane(title, border, t);
    let inside = block.inner(area);
    frame.render_widget(block, area);
    session
        .editor
        .render(inside, frame.buffer_mut(), ratatui::style::Style::new());
}

fn solution(frame: &mut Frame, area: Rect, app: &App, session: &PracticeSession, t: Theme) {
    let slot = usize::from(session.lang == crate::highlight::Lang::Rust);
    let height = usize::from(inner(area).height);
    let start = usize::from(session.solution_scroll);
    let lines = match app.highlights.solutions.get(&session.card) {
        Some(highlighted) => highlighted[slot]
            .iter()
            .skip(start)
            .take(height)
            .cloned()
            .collect(),
        None => solution_source(app, session).map_or_else(Vec::new, |source| {
            let plain = crate::layout::card_text::plain_code(source, t);
            plain.into_iter().skip(start).take(height).collect()
        }),
    };
    let total = solution_source(app, session).map_or(0, |s| s.lines().count());
    let below = total.saturating_sub(start + height);
    let border = if scrolls(session, Focus::Solution) {
        t.focus_border()
    } else {
        t.border()
    };
    let title = format!(" Solution · {} ", session.lang.name());
    let block = super::with_scroll_hint(
        pane(title, border, t),
        area.width,
        (start.min(total), below),
        &[],
        t,
    );
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn results(frame: &mut Frame, area: Rect, app: &App, session: &PracticeSession, t: Theme) {
    let rows = results_lines(app, session, inner(area).width);
    let focused = scrolls(session, Focus::Results);
    scrolled(
        frame,
        area,
        (" Results ", focused),
        &rows,
        session.results_scroll,
        t,
    );
}
