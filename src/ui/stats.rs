//! Stats: the figures of `tutor stats` drawn in the session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::state::App;

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let text = match &app.stats {
        Some(stats) => {
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
        None => Text::from(Line::styled("computing…".to_string(), t.dim())),
    };
    frame.render_widget(
        Paragraph::new(text).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(t.border())
                .title(Span::styled(" Stats ", t.title())),
        ),
        body,
    );
}
