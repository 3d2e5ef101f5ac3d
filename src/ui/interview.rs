//! The mock interview screen: the transcript (its title carries the clocks) above the
//! answer editor, or above the code and its test results in the coding question; a
//! small box over it while paused; the scorecard once the round is over.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::action::Action;
use crate::interview::Awaiting;
use crate::keymap::{Scope, key_for};
use crate::layout::interview::{
    clocks_line, current, inner, rows_key, scorecard_lines, transcript_rows,
};
use crate::mock::{MockAction, MockSession};
use crate::runner::Outcome;
use crate::shown;
use crate::state::App;
use crate::text::{Shown, line, span};
use crate::theme::Theme;
use crate::wrap::{fit, wrap};

pub fn render(frame: &mut Frame, body: Rect, app: &App, session: &MockSession) {
    let t = theme(app);
    if session.scorecard.is_some() {
        scorecard(frame, body, app, session, t);
        return;
    }
    let areas = current(app, session);
    transcript(frame, areas.transcript, app, session, t);
    editor(frame, areas.editor, session, t);
    if let Some(area) = areas.results {
        results(frame, area, session, t);
    }
    if session.awaiting() == Awaiting::Paused {
        paused(frame, body, t);
    }
}

fn pane(title: Shown, border: ratatui::style::Style, t: Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(span(title, t.title()))
}

/// The transcript pane's title, beside the clocks.
const TITLE: &str = " Mock interview ";

fn transcript(frame: &mut Frame, area: Rect, app: &App, session: &MockSession, t: Theme) {
    // Built by `update`; only a frame drawn before it ran (a test's) builds them.
    let built;
    let rows = if session.rows_key == Some(rows_key(app, session)) {
        &session.rows
    } else {
        built = transcript_rows(app, session);
        &built
    };
    let height = usize::from(inner(area).height);
    let max = rows.len().saturating_sub(height);
    let start = session.scroll.map_or(max, usize::from).min(max);
    let end = (start + height).min(rows.len());
    let clocks = clocks_line(&session.clocks(app.now));
    let style = if session.clocks(app.now).paused {
        t.warn()
    } else {
        t.accent()
    };
    // The clocks first: the pane's own title only where both fit.
    let room = usize::from(area.width.saturating_sub(4));
    let title = if clocks.chars().count() + 2 + TITLE.len() <= room {
        Shown::new(TITLE)
    } else {
        Shown::default()
    };
    let block = pane(title, t.border(), t).title(
        line(
            shown!(" {} ", fit(&clocks, area.width.saturating_sub(4))),
            style,
        )
        .right_aligned(),
    );
    let block = super::with_scroll_hint(block, area.width, (start, rows.len() - end), &[], t);
    frame.render_widget(Paragraph::new(rows[start..end].to_vec()).block(block), area);
}

fn editor(frame: &mut Frame, area: Rect, session: &MockSession, t: Theme) {
    let (title, editor) = if session.coding() {
        let submit = key_for(Scope::MockCode, &Action::Interview(MockAction::SubmitCode));
        let run = key_for(Scope::MockCode, &Action::Interview(MockAction::Run));
        (
            shown!(
                " Your code · {} · {run} runs the tests, {submit} submits and moves on ",
                crate::practice::file_name(session.lang)
            ),
            &session.code,
        )
    } else {
        let submit = key_for(Scope::MockAnswer, &Action::Interview(MockAction::Submit));
        (
            shown!(" Your answer · Enter: new line, {submit}: submit "),
            &session.answer,
        )
    };
    let border = if editor.focused() {
        t.accent()
    } else {
        t.border()
    };
    let block = pane(
        Shown::from(fit(&title, area.width.saturating_sub(2))),
        border,
        t,
    );
    let inside = block.inner(area);
    frame.render_widget(block, area);
    editor.render(inside, frame.buffer_mut(), ratatui::style::Style::new());
}

/// The last test run under the code: its summary and the first lines of its report.
fn results(frame: &mut Frame, area: Rect, session: &MockSession, t: Theme) {
    let run = key_for(Scope::MockCode, &Action::Interview(MockAction::Run));
    let lines = if session.awaiting() == Awaiting::Tests {
        let cancel = key_for(Scope::Job, &Action::CancelJob);
        vec![line(
            shown!("Running the tests… ({cancel} cancels)"),
            t.dim(),
        )]
    } else if let Some(report) = &session.report {
        let verdict = if report.outcome == Outcome::Passed {
            t.good()
        } else {
            t.error()
        };
        let mut out = vec![line(Shown::from(report.summary()), verdict)];
        out.extend(
            report
                .lines()
                .into_iter()
                .map(|text| line(Shown::from(text), t.dim())),
        );
        out
    } else {
        vec![line(
            shown!("No run yet: {run} runs the card's tests on your code."),
            t.dim(),
        )]
    };
    let inside = inner(area);
    let rows: Vec<Line<'static>> = wrap(&lines, inside.width)
        .into_iter()
        .take(usize::from(inside.height))
        .collect();
    frame.render_widget(
        Paragraph::new(rows).block(pane(Shown::new(" Tests "), t.border(), t)),
        area,
    );
}

/// The pause box: the clock is stopped; resume or end.
fn paused(frame: &mut Frame, body: Rect, t: Theme) {
    let resume = key_for(Scope::MockPaused, &Action::Interview(MockAction::Resume));
    let end = key_for(Scope::MockPaused, &Action::Interview(MockAction::End));
    let area = super::centered(body, 46, 6);
    let text = vec![
        line("The clock is stopped.", t.dim()),
        Line::default(),
        Line::from(vec![
            span(Shown::from(resume), t.key()),
            span("  resume", ratatui::style::Style::new()),
        ]),
        Line::from(vec![
            span(Shown::from(end), t.key()),
            span(
                "  end the round and see the scorecard",
                ratatui::style::Style::new(),
            ),
        ]),
    ];
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(text).block(pane(Shown::new(" Paused "), t.accent(), t)),
        area,
    );
}

fn scorecard(frame: &mut Frame, body: Rect, app: &App, session: &MockSession, t: Theme) {
    let inside = inner(body);
    let rows = scorecard_lines(app, session, inside.width);
    let height = usize::from(inside.height);
    let start = usize::from(session.card_scroll).min(rows.len());
    let end = (start + height).min(rows.len());
    let review = key_for(Scope::MockEnd, &Action::Interview(MockAction::ReviewMissed));
    let block = pane(Shown::new(" Mock interview: scorecard "), t.border(), t).title(
        line(
            shown!(" {review}: review the cards you missed points on "),
            t.dim(),
        )
        .right_aligned(),
    );
    let block = super::with_scroll_hint(block, body.width, (start, rows.len() - end), &[], t);
    frame.render_widget(Paragraph::new(rows[start..end].to_vec()).block(block), body);
}
