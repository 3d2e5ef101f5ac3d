//! The `?` overlay: every binding of the current screen, from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::theme;
use crate::keymap::{self, Scope};
use crate::state::App;

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = theme(app);
    let mut out = Vec::new();
    let mut last: Option<Scope> = None;
    for (scope, binding) in keymap::active(app, false) {
        if last != Some(scope) {
            if last.is_some() {
                out.push(Line::default());
            }
            out.push(Line::styled(scope.title().to_string(), t.accent()));
            last = Some(scope);
        }
        let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
        out.push(Line::from(vec![
            Span::styled(format!("  {:<22}", keys.join(", ")), t.key()),
            Span::raw(binding.help.to_string()),
        ]));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme(app);
    let body = lines(app);
    let height = u16::try_from(body.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let width = 64.min(area.width);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.focus_border())
        .title(Span::styled(" Keys (? or Esc to close) ", t.title()));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(body).block(block), rect);
}
