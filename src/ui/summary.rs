//! The end of a review: the session's summary, or the wait for a learning card.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::shown;
use crate::state::{App, ReviewStep};
use crate::text::{Shown, line, raw, span};

pub use crate::srs::interval_label;

/// The summary after the last card, or the wait for a learning card.
pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let Some(session) = app.review() else {
        return;
    };
    let now = app.now;
    let reviewed: std::collections::BTreeSet<usize> =
        session.graded.iter().map(|g| g.card).collect();
    let agains = session
        .graded
        .iter()
        .filter(|g| g.rating == crate::srs::Rating::Again)
        .count();
    let spent_ms: u64 = session.graded.iter().map(|g| g.duration_ms).sum();
    let mut lines = vec![];
    match &session.phase {
        ReviewStep::Waiting { until } => {
            lines.push(line("Waiting for a learning card", t.accent()));
            lines.push(Line::from(raw(shown!(
                "The next one is due in {}; it comes back here by itself.",
                interval_label(until.duration_since(now).as_secs())
            ))));
        }
        _ => {
            let title = if session.practice && session.graded.is_empty() {
                // Nothing due, no new card left today, nothing studied to practise.
                "Nothing to study now"
            } else if session.practice {
                "Practice done (nothing was saved)"
            } else {
                "Session done"
            };
            lines.push(line(Shown::from(title.to_string()), t.accent()));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(raw(shown!(
        "{} reviewed, {} again, {} answering",
        plural(reviewed.len(), "card"),
        agains,
        interval_label(i64::try_from(spent_ms / 1000).unwrap_or(0))
    ))));
    let left = app.due.all;
    if session.phase == ReviewStep::Finished && left.today() > 0 && !session.practice {
        lines.push(Line::from(raw(Shown::from(crate::hints::summary_left(
            &left.summary(),
        )))));
    } else if let Some(next) = next_due(app, now) {
        lines.push(Line::from(raw(shown!(
            "Next card due in {} ({})",
            interval_label(next.duration_since(now).as_secs()),
            app.study.days.local_time(next)
        ))));
    }
    lines.push(Line::default());
    lines.push(line(Shown::from(crate::hints::summary_keys()), t.dim()));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(span(" Review ", t.title()));
    frame.render_widget(Clear, body);
    frame.render_widget(Paragraph::new(lines).block(block), body);
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn next_due(app: &App, now: Timestamp) -> Option<Timestamp> {
    app.study
        .states
        .values()
        .map(|s| s.due)
        .filter(|d| *d > now)
        .min()
}
