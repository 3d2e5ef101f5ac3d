//! The mock interview screen's geometry and text: the transcript pane above the editor
//! (and, in the coding question, the test results under the code), the transcript's
//! rows (built by `update`, kept in the session), the clocks' line, and the scorecard.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

use super::{frame_areas, theme};
use crate::interview::round::Clocks;
use crate::interview::transcript::{clock, competency_title};
use crate::interview::{Scorecard, Who};
use crate::mock::MockSession;
use crate::quiz::score::denial_note;
use crate::shown;
use crate::state::App;
use crate::text::{Shown, line, span};
use crate::theme::Theme;
use crate::wrap::wrap;

/// The panes of the screen (outer rectangles, borders included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub transcript: Rect,
    pub editor: Rect,
    /// Under the code: the last test run.
    pub results: Option<Rect>,
}

/// At this width and more, the transcript stands left of the editor; below it, the
/// transcript is on top.
const SIDE_BY_SIDE: u16 = 140;

/// Splits the body: the transcript, and the editor (taller for code, with the test
/// results under it).
pub fn areas(body: Rect, coding: bool) -> Areas {
    let (transcript, editor) = if body.width >= SIDE_BY_SIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(body);
        (left, right)
    } else {
        let split = if coding {
            [Constraint::Percentage(30), Constraint::Fill(1)]
        } else {
            [Constraint::Fill(1), Constraint::Percentage(35)]
        };
        let [top, bottom] = Layout::vertical(split).areas(body);
        (top, bottom)
    };
    if coding {
        let [editor, results] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(editor);
        Areas {
            transcript,
            editor,
            results: Some(results),
        }
    } else {
        Areas {
            transcript,
            editor,
            results: None,
        }
    }
}

/// The body at the current terminal size (the screen has no console).
fn body(app: &App) -> Rect {
    let (w, h) = app.size;
    frame_areas(Rect::new(0, 0, w, h), false).body
}

/// The screen's panes at the current terminal size.
pub fn current(app: &App, session: &MockSession) -> Areas {
    areas(body(app), session.coding())
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    super::practice::inner(area)
}

/// What the transcript's rows depend on: how many turns, and the pane's width.
pub fn rows_key(app: &App, session: &MockSession) -> (usize, u16) {
    (
        session.round.transcript().len(),
        inner(current(app, session).transcript).width,
    )
}

/// The transcript, wrapped to its pane: the interviewer's turns in the accent colour,
/// yours plain, the round's notes dimmed; a blank row between turns.
pub fn transcript_rows(app: &App, session: &MockSession) -> Vec<Line<'static>> {
    let t = theme(app);
    let mut lines = Vec::new();
    let mut last = None;
    for (index, turn) in session.round.transcript().iter().enumerate() {
        let (who, style): (&'static str, Style) = match turn.who {
            Who::Interviewer => ("Interviewer: ", t.accent()),
            Who::Candidate => ("You: ", t.title()),
            Who::Note => ("", t.dim().add_modifier(Modifier::ITALIC)),
        };
        let text = match turn.who {
            Who::Candidate if turn.text.trim().is_empty() => "(no answer)".to_string(),
            // The learner's line breaks are theirs; a card's are the YAML's.
            Who::Candidate => turn.text.to_string(),
            Who::Interviewer | Who::Note => unfold(&turn.text),
        };
        // The model's words as they stream in, in place of the script's (issue 19).
        let text = match session.asking.as_ref().filter(|a| a.turn == Some(index)) {
            Some(asking) if !asking.text.trim().is_empty() => {
                format!("{} ▍", one_line(&asking.text))
            }
            Some(_) => format!("{text} (the model is phrasing it…)"),
            None => text,
        };
        // A blank row between turns, except between the round's own notes.
        if last.is_some() && !(last == Some(Who::Note) && turn.who == Who::Note) {
            lines.push(Line::default());
        }
        last = Some(turn.who);
        for (i, part) in text.trim_end().split('\n').enumerate() {
            let mut row = Line::default();
            if i == 0 && !who.is_empty() {
                row.push_span(span(who, style.add_modifier(Modifier::BOLD)));
            }
            let body = if turn.who == Who::Note {
                style
            } else {
                Style::new()
            };
            row.push_span(span(Shown::new(part), body));
            lines.push(row);
        }
    }
    wrap(&lines, rows_key(app, session).1)
}

/// Text on one line: its words joined by single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A card's text as one paragraph per blank-line break: a line break inside a
/// paragraph (a YAML block's) becomes a space, unless the next line starts a list item
/// or is indented (code, a list's continuation).
pub fn unfold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        out.push_str(l);
        if let Some(next) = lines.peek() {
            let keeps = l.trim().is_empty()
                || next.trim().is_empty()
                || next.starts_with([' ', '-', '*', '`', '|', '#'])
                || next.trim_start().starts_with(|c: char| c.is_ascii_digit());
            out.push(if keeps { '\n' } else { ' ' });
        }
    }
    out
}

/// How far the transcript scrolls, and its height.
pub fn transcript_limits(app: &App, session: &MockSession) -> (u16, u16) {
    let rows = u16::try_from(session.rows.len()).unwrap_or(u16::MAX);
    let page = inner(current(app, session).transcript).height;
    (rows.saturating_sub(page), page)
}

/// The clocks as the transcript's title shows them: the phase's time against its
/// budget, the round's against its own, and whether the clock is stopped.
pub fn clocks_line(clocks: &Clocks) -> String {
    let phase = clocks
        .phase
        .map_or_else(String::new, |(kind, used, budget)| {
            format!("{} {}/{} · ", kind.title(), clock(used), clock(budget))
        });
    let paused = if clocks.paused { " · paused" } else { "" };
    format!(
        "{phase}round {}/{}{paused}",
        clock(clocks.used),
        clock(clocks.budget)
    )
}

/// The scorecard: the signal, each competency with its level and what it was judged
/// on, every missed point with its model phrasing, and where the round was saved;
/// wrapped to `width`.
pub fn scorecard_lines(app: &App, session: &MockSession, width: u16) -> Vec<Line<'static>> {
    let t = theme(app);
    let Some(card) = &session.scorecard else {
        return Vec::new();
    };
    let mut lines = vec![
        Line::from(vec![
            span("Signal: ", t.title()),
            span(Shown::new(card.signal.name()), signal_style(card, t)),
        ]),
        Line::default(),
    ];
    for c in &card.competencies {
        lines.push(Line::from(vec![
            span(shown!("{:<22}", competency_title(c.name)), t.title()),
            span(
                shown!("{:<14}", c.level.map_or("not assessed", |l| l.name())),
                level_style(c.level, t),
            ),
            span(c.detail.clone(), t.dim()),
        ]));
    }
    lines.push(Line::default());
    // The model's critique (issue 19): its words, never a level.
    let critique = match (&card.critique, &session.asking) {
        (Some(text), _) => Some(text.clone()),
        (None, Some(asking)) if asking.turn.is_none() && !asking.text.trim().is_empty() => {
            Some(Shown::from(format!("{} ▍", asking.text.trim())))
        }
        (None, Some(asking)) if asking.turn.is_none() => {
            Some(Shown::new("the model is writing it…"))
        }
        _ => None,
    };
    if let Some(text) = critique {
        lines.push(line(
            "Critique (the model's words; the levels above are the scorer's)",
            t.title(),
        ));
        for part in text.trim().lines() {
            lines.push(line(Shown::new(part), Style::new()));
        }
        lines.push(Line::default());
    }
    if card.missed.is_empty() {
        lines.push(line("No point was missed.", t.good()));
    } else {
        lines.push(line(
            shown!("Missed points ({})", card.missed.len()),
            t.title(),
        ));
        // Grouped by the question they were missed on, then its model answer once.
        let flat = |text: &str| Shown::from(unfold(text).replace('\n', " "));
        let mut i = 0;
        while let Some(first) = card.missed.get(i) {
            let same = card.missed[i..]
                .iter()
                .take_while(|m| m.question == first.question && m.phase == first.phase)
                .count();
            lines.push(Line::default());
            lines.push(Line::from(vec![
                span(shown!("{}: ", first.phase.title()), t.title()),
                span(flat(&first.question), t.dim()),
            ]));
            for m in &card.missed[i..i + same] {
                let mut spans = vec![
                    span("  • missed: ", t.error()),
                    span(flat(&m.point), Style::new()),
                ];
                // Why, when the candidate named it only to deny it.
                if let Some(said) = &m.denied {
                    spans.push(span(denial_note(said), t.dim()));
                }
                lines.push(Line::from(spans));
            }
            if let Some(model) = &first.model_answer {
                lines.push(Line::from(vec![
                    span("  Model answer: ", t.dim()),
                    span(flat(model), t.dim()),
                ]));
            }
            i += same;
        }
    }
    lines.push(Line::default());
    match &session.saved {
        Some(Ok(path)) => lines.push(line(shown!("Saved to {path}"), t.dim())),
        Some(Err(why)) => lines.push(line(Shown::new(why), t.error())),
        None => lines.push(line("Saving…", t.dim())),
    }
    wrap(&lines, width)
}

fn signal_style(card: &Scorecard, t: Theme) -> Style {
    use crate::interview::Signal;
    match card.signal {
        Signal::StrongHire | Signal::Hire => t.good(),
        Signal::LeanNoHire => t.warn(),
        Signal::NoHire => t.error(),
    }
}

fn level_style(level: Option<crate::interview::Level>, t: Theme) -> Style {
    use crate::interview::Level;
    match level {
        Some(Level::Strong | Level::Good) => t.good(),
        Some(Level::Weak) => t.warn(),
        Some(Level::Poor) => t.error(),
        None => t.dim(),
    }
}

/// How far the scorecard scrolls, and its height.
pub fn scorecard_limits(app: &App, session: &MockSession) -> (u16, u16) {
    let area = inner(body(app));
    let rows = scorecard_lines(app, session, area.width).len();
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    (rows.saturating_sub(area.height), area.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_gets_more_room_than_an_answer() {
        let body = Rect::new(0, 0, 80, 23);
        let prose = areas(body, false);
        let code = areas(body, true);
        assert!(code.editor.height > prose.editor.height);
        assert_eq!(code.results.map(|r| r.height), Some(5));
        assert!(prose.transcript.height > prose.editor.height);
        // Wide: the transcript on the left, the editor beside it.
        let wide = areas(Rect::new(0, 0, 200, 49), true);
        assert!(wide.editor.x > wide.transcript.x);
        assert_eq!(wide.transcript.height, 49);
    }
}
