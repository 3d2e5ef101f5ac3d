//! Stats: the figures of `tutor stats` drawn in the session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Text;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::state::{App, StatsState};
use crate::text::{line, span};

pub fn render(frame: &mut Frame, body: Rect, app: &App, stats: &StatsState) {
    let t = theme(app);
    let text = match &stats.report {
        Some(text) => text.clone(),
        None => Text::from(line("computing…", t.dim())),
    };
    let scroll = app.card_view.scroll[0];
    let page = Block::new().borders(Borders::ALL).inner(body).height;
    let below = text
        .lines
        .len()
        .saturating_sub(usize::from(scroll) + usize::from(page));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(span(" Stats ", t.title()));
    let block = super::with_scroll_hint(block, body.width, (usize::from(scroll), below), &[], t);
    frame.render_widget(Paragraph::new(text).scroll((scroll, 0)).block(block), body);
}
