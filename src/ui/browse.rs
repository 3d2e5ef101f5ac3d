//! Browse: every card, filtered by `/` (id, title, topic, tag), opening the card view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::state::App;
use crate::text::sanitize;

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let [filter, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(body);
    let prompt = if app.browse.filtering || !app.browse.filter.is_empty() {
        Line::from(vec![
            Span::styled("/ ", t.key()),
            Span::raw(sanitize(&app.browse.filter).into_owned()),
        ])
    } else {
        Line::styled(
            "press / to filter by id, title, topic or tag".to_string(),
            t.dim(),
        )
    };
    let matches = app.browse_matches();
    frame.render_widget(
        Paragraph::new(prompt).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(if app.browse.filtering {
                    t.focus_border()
                } else {
                    t.border()
                })
                .title(Span::styled(
                    format!(" Browse: {} of {} cards ", matches.len(), app.cards.len()),
                    t.title(),
                )),
        ),
        filter,
    );
    let rows = usize::from(list.height.saturating_sub(2));
    let first = app.browse.selected.saturating_sub(rows.saturating_sub(1));
    let mut lines = Vec::new();
    for (n, &i) in matches.iter().enumerate().skip(first).take(rows) {
        let Some((deck, card)) = app.card(i) else {
            continue;
        };
        let state = app
            .states
            .get(card.id.as_str())
            .map_or("new", |s| s.phase.label());
        let topic = deck.topic_title(&card.topic).unwrap_or(&card.topic);
        let text = format!(
            "{:<26} {:<36} {:<28} {:<7} {}",
            card.id.as_str(),
            sanitize(&card.title).chars().take(36).collect::<String>(),
            sanitize(topic).chars().take(28).collect::<String>(),
            card.difficulty.label(),
            state
        );
        let style = if n == app.browse.selected {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    if matches.is_empty() {
        lines.push(Line::styled("no card matches".to_string(), t.dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::ALL).border_style(t.border())),
        list,
    );
}
