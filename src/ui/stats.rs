//! Stats: the figures of `tutor stats` drawn in the session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::state::App;
use crate::stats::Stats;

/// The report as the session draws it: rendered once, when the stats arrive (colours
/// left out when colour is off), never on the draw path.
pub fn report(stats: &Stats, app: &App) -> Text<'static> {
    let mut text = crate::stats::render::report(stats, &app.days);
    if !app.color {
        for line in &mut text.lines {
            for span in &mut line.spans {
                span.style.fg = None;
            }
        }
    }
    text
}

/// How far the stats can scroll, and how many rows show at once.
pub fn scroll_limits(app: &App) -> (u16, u16) {
    let rows = app.stats.as_ref().map_or(0, |text| text.lines.len());
    let page = super::one_pane_inner(app, false).height;
    let max = u16::try_from(rows).unwrap_or(u16::MAX).saturating_sub(page);
    (max, page)
}

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let text = match &app.stats {
        Some(text) => text.clone(),
        None => Text::from(Line::styled("computing…".to_string(), t.dim())),
    };
    let scroll = app.view.scroll[0];
    let page = Block::new().borders(Borders::ALL).inner(body).height;
    let below = text
        .lines
        .len()
        .saturating_sub(usize::from(scroll) + usize::from(page));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Stats ", t.title()));
    let block = super::with_scroll_hint(block, body.width, (usize::from(scroll), below), &[], t);
    frame.render_widget(Paragraph::new(text).scroll((scroll, 0)).block(block), body);
}
