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
    for (scope, binding) in keymap::for_help(app) {
        if last != Some(scope) {
            if last.is_some() {
                out.push(Line::default());
            }
            out.push(Line::styled(scope.title().to_string(), t.accent()));
            last = Some(scope);
        }
        let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
        out.push(Line::from(vec![
            Span::styled(format!("  {:<16}", keys.join(", ")), t.key()),
            Span::raw(binding.help.to_string()),
        ]));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme(app);
    let mut body = lines(app);
    // Two columns when one would not fit.
    let rows = usize::from(area.height.saturating_sub(2));
    let two = body.len() > rows;
    let width = if two {
        120.min(area.width)
    } else {
        64.min(area.width)
    };
    if two {
        let half = body.len().div_ceil(2);
        let right: Vec<Line<'static>> = body.split_off(half);
        let col = usize::from(width.saturating_sub(2)) / 2;
        body = body
            .into_iter()
            .zip(right.into_iter().map(Some).chain(std::iter::repeat(None)))
            .map(|(left, right)| {
                let used: usize = left.spans.iter().map(|s| s.content.chars().count()).sum();
                let mut spans = left.spans;
                spans.push(Span::raw(" ".repeat(col.saturating_sub(used))));
                if let Some(right) = right {
                    spans.extend(right.spans);
                }
                Line::from(spans)
            })
            .collect();
    }
    let height = u16::try_from(body.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
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
