//! The footer: the keys that work right now, from the key table, with each grade's next
//! interval ("3 Good 4d"); or a flash message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::card::interval_label;
use super::theme::Theme;
use crate::action::Action;
use crate::keymap;
use crate::state::{App, Phase};
use crate::text::sanitize;

pub fn footer_line(app: &App, t: Theme) -> Line<'static> {
    if let Some(flash) = &app.flash {
        let style = if flash.error { t.error() } else { t.warn() };
        return Line::from(Span::styled(sanitize(&flash.text).into_owned(), style));
    }
    let outcomes = match app.review.as_ref().map(|r| &r.phase) {
        Some(Phase::Revealed { outcomes, .. }) => Some(*outcomes),
        _ => None,
    };
    let mut spans = Vec::new();
    for (_, binding) in keymap::active(app, true) {
        // In a quiz, only the keys that would do something to this item.
        if let (Action::Quiz(action), Some(quiz)) = (&binding.action, &app.quiz)
            && !quiz.can(action)
        {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::styled("  ", t.dim()));
        }
        let key = binding.keys[0].label();
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(" "));
        match (&binding.action, outcomes) {
            (Action::Grade(r), Some(outcomes)) => {
                let o = outcomes[usize::from(r.number() - 1)];
                spans.push(Span::styled(binding.help.to_string(), t.rating(r.number())));
                spans.push(Span::styled(
                    format!(" · {}", interval_label(o.interval().as_secs())),
                    t.dim(),
                ));
            }
            _ => spans.push(Span::raw(binding.help.to_string())),
        }
    }
    Line::from(spans)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, t: Theme) {
    frame.render_widget(Paragraph::new(footer_line(app, t)), area);
}
