//! The footer: the keys that work right now, from the key table, with each grade's next
//! interval ("3 Good · 4d"); or a flash message.
//!
//! When the keys do not fit the width, the ones listed last in the table are left out
//! first, but `? help` and `q quit` always stay: the help lists everything.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr as _;

use super::summary::interval_label;
use crate::action::Action;
use crate::keymap;
use crate::shown;
use crate::state::{App, ReviewStep};
use crate::text::{Shown, raw, span};
use crate::theme::Theme;

/// Between two keys.
const GAP: &str = "  ";

/// The key hints that fit in `width` columns.
pub fn footer_line(app: &App, t: Theme, width: u16) -> Line<'static> {
    let outcomes = match app.review().map(|r| &r.phase) {
        Some(ReviewStep::Revealed { outcomes, .. }) => Some(*outcomes),
        _ => None,
    };
    // The grade practice suggests for this card (the learner still presses it).
    let suggested = app
        .review()
        .and_then(|r| {
            r.suggested
                .filter(|(card, _)| r.phase.card() == Some(*card))
        })
        .map(|(_, grade)| grade);
    let mut hints: Vec<(bool, Vec<Span<'static>>)> = Vec::new();
    for (_, binding) in keymap::active(app, true) {
        // In a quiz, only the keys that would do something to this item.
        if let (Action::Quiz(action), Some(quiz)) = (&binding.action, app.quiz())
            && !quiz.can(action)
        {
            continue;
        }
        let kept = matches!(binding.action, Action::ToggleHelp | Action::Quit);
        let mut spans = vec![
            span(Shown::from(binding.keys[0].label()), t.key()),
            raw(" "),
        ];
        match (&binding.action, outcomes) {
            (Action::Grade(r), Some(outcomes)) => {
                let o = outcomes[usize::from(r.number() - 1)];
                // The suggested grade: `▸` before its key, the name in reverse video
                // (one column more, so the four grades still fit 80 columns).
                if suggested == Some(*r) {
                    spans.insert(0, span("▸", t.rating(r.number())));
                    spans.push(span(
                        binding.help,
                        t.rating(r.number())
                            .add_modifier(ratatui::style::Modifier::REVERSED),
                    ));
                } else {
                    spans.push(span(binding.help, t.rating(r.number())));
                }
                spans.push(span(
                    shown!(" · {}", interval_label(o.interval().as_secs())),
                    t.dim(),
                ));
            }
            _ => spans.push(raw(binding.help)),
        }
        hints.push((kept, spans));
    }
    let width_of = |spans: &[Span<'_>]| spans.iter().map(|s| s.content.width()).sum::<usize>();
    let gap = GAP.width();
    let mut room = usize::from(width);
    // Practising ahead saves nothing: said on every card, not only in a passing flash.
    let practice = app
        .review()
        .filter(|r| r.practice && matches!(app.screen, crate::state::Screen::Review(_)))
        .map(|_| span("practice, not saved", t.warn()));
    if let Some(p) = &practice {
        room = room.saturating_sub(p.content.width() + gap);
    }
    // Room for the hints that always stay, then the others in table order.
    let mut show: Vec<bool> = hints.iter().map(|(kept, _)| *kept).collect();
    for (kept, spans) in &hints {
        if *kept {
            room = room.saturating_sub(width_of(spans) + gap);
        }
    }
    for (i, (kept, spans)) in hints.iter().enumerate() {
        if !kept && width_of(spans) + gap <= room {
            room -= width_of(spans) + gap;
            show[i] = true;
        } else if !kept {
            // Keep the table's order: once one does not fit, the rest wait too.
            room = 0;
        }
    }
    let mut line: Vec<Span<'static>> = practice.into_iter().collect();
    for ((_, spans), shown) in hints.into_iter().zip(show) {
        if !shown {
            continue;
        }
        if !line.is_empty() {
            line.push(span(GAP, t.dim()));
        }
        line.extend(spans);
    }
    Line::from(line)
}

/// The braille spinner's frames, one per [`SPIN_MS`].
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPIN_MS: i64 = 100;

/// The latest running job, its spinner and how long it has run (`⠋ highlighting 1.2s`),
/// and how many others run; `None` when nothing runs. From `app.now`, so the same app
/// draws the same spinner.
pub fn jobs_line(app: &App) -> Option<String> {
    let job = app.jobs.last()?;
    let ms = app.now.duration_since(job.started).as_millis().max(0);
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    let frame = usize::try_from((ms / SPIN_MS) % 10).unwrap_or(0);
    let others = match app.jobs.len() - 1 {
        0 => String::new(),
        n => format!(" +{n}"),
    };
    Some(format!(
        "{} {} {}.{}s{others}",
        SPINNER[frame],
        job.label,
        ms / 1000,
        ms % 1000 / 100
    ))
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, t: Theme) {
    // A running job keeps the right end of the row, flash or not.
    let area = match jobs_line(app) {
        Some(jobs) => {
            let width = u16::try_from(jobs.width() + 1)
                .unwrap_or(u16::MAX)
                .min(area.width);
            let right = Rect::new(area.right() - width, area.y, width, area.height);
            frame.render_widget(
                Paragraph::new(Line::from(span(Shown::from(jobs), t.accent()))).right_aligned(),
                right,
            );
            Rect::new(area.x, area.y, area.width - width, area.height)
        }
        None => area,
    };
    if let Some(flash) = &app.flash {
        let style = if flash.error { t.error() } else { t.warn() };
        let text = Shown::new(&flash.text);
        // A message too long for one row takes the row above as well, until the next key.
        let area = if text.width() > usize::from(area.width) && area.y > 0 {
            Rect::new(area.x, area.y - 1, area.width, area.height + 1)
        } else {
            area
        };
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(Line::from(span(text, style))).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    frame.render_widget(Paragraph::new(footer_line(app, t, area.width)), area);
}
