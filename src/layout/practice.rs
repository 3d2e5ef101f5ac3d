//! The practice screen's geometry: where the Question, Your code, the solution (once
//! shown) and Results go, and the Question's rows, which `update` scrolls and `ui`
//! draws.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::{frame_areas, theme};
use crate::practice::PracticeSession;
use crate::shown;
use crate::state::App;
use crate::text::{Shown, line};
use crate::wrap::wrap;

/// At this width and more, the Question and Results stand in a column left of the
/// code; below it, everything is stacked.
const SIDE_BY_SIDE: u16 = 120;

/// The panes of the practice screen (outer rectangles, borders included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub question: Rect,
    pub code: Rect,
    /// Right of the code, once the learner asked to see the solution.
    pub solution: Option<Rect>,
    pub results: Rect,
}

/// Splits the screen's body.
pub fn areas(body: Rect, solution_shown: bool) -> Areas {
    let (question, middle, results) = if body.width >= SIDE_BY_SIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(38), Constraint::Fill(1)]).areas(body);
        let [question, results] =
            Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(left);
        (question, right, results)
    } else {
        let [question, middle, results] = Layout::vertical([
            Constraint::Percentage(30),
            Constraint::Fill(1),
            Constraint::Length(5),
        ])
        .areas(body);
        (question, middle, results)
    };
    let (code, solution) = if solution_shown {
        let [code, solution] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(middle);
        (code, Some(solution))
    } else {
        (middle, None)
    };
    Areas {
        question,
        code,
        solution,
        results,
    }
}

/// The practice screen's panes at the current terminal size.
pub fn current(app: &App, session: &PracticeSession) -> Areas {
    let (w, h) = app.size;
    areas(
        frame_areas(Rect::new(0, 0, w, h), app.has_console()).body,
        session.solution_shown,
    )
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// What the Question pane's rows depend on: its width, and how many code blocks are
/// highlighted (a fenced block in the prompt is drawn plain until it is).
pub fn question_key(app: &App, session: &PracticeSession) -> (u16, usize) {
    (
        inner(current(app, session).question).width,
        app.highlights.code.len(),
    )
}

/// The Question pane's rows, wrapped to its width: `update` keeps them in the
/// session (`PracticeSession::question`).
pub fn question_rows(app: &App, session: &PracticeSession) -> Vec<Line<'static>> {
    let Some((_, card)) = app.card(session.card) else {
        return Vec::new();
    };
    wrap(
        &super::card_text::practice_question(app, card, theme(app)),
        question_key(app, session).0,
    )
}

/// How far the Question pane scrolls, and its height.
pub fn question_limits(app: &App, session: &PracticeSession) -> (u16, u16) {
    let rows = u16::try_from(session.question.len()).unwrap_or(u16::MAX);
    let page = inner(current(app, session).question).height;
    (rows.saturating_sub(page), page)
}

/// The solution in the session's language: its source.
pub fn solution_source<'a>(app: &'a App, session: &PracticeSession) -> Option<&'a str> {
    let (_, card) = app.card(session.card)?;
    let (python, rust) = card.code()?;
    Some(match session.lang {
        crate::highlight::Lang::Python => &python.solution,
        crate::highlight::Lang::Rust => &rust.solution,
    })
}

/// How far the solution pane scrolls, and its height (0 and 0 while it is hidden).
pub fn solution_limits(app: &App, session: &PracticeSession) -> (u16, u16) {
    let Some(area) = current(app, session).solution else {
        return (0, 0);
    };
    let rows = solution_source(app, session).map_or(0, |s| s.lines().count());
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let page = inner(area).height;
    (rows.saturating_sub(page), page)
}

/// What the Results pane says, wrapped to `width`: the run's summary (in the colour of
/// its verdict), then each test and the first failure; or that there is no run yet, or
/// one running, or cancelled. The report's text comes from the learner's code, so it
/// is made display-safe.
pub fn results_lines(app: &App, session: &PracticeSession, width: u16) -> Vec<Line<'static>> {
    use crate::keymap::{Scope, key_for};
    use crate::practice::{PracticeAction, Results};
    use crate::runner::Outcome;
    let t = theme(app);
    let run = key_for(
        Scope::Practice,
        &crate::action::Action::Practice(PracticeAction::Run),
    );
    let cancel = key_for(Scope::Job, &crate::action::Action::CancelJob);
    let lines = match &session.results {
        Results::NotRun => vec![line(
            shown!("No run yet: {run} runs the card's tests on your code."),
            t.dim(),
        )],
        Results::Running => vec![line(
            shown!("Running the tests… ({cancel} cancels)"),
            t.dim(),
        )],
        Results::Cancelled => vec![line(
            shown!("Cancelled. {run} runs the tests again."),
            t.dim(),
        )],
        Results::Done(report) => {
            let verdict = if report.outcome == Outcome::Passed {
                t.good()
            } else {
                t.error()
            };
            let mut out = vec![
                line(Shown::from(report.summary()), verdict),
                Line::default(),
            ];
            out.extend(report.lines().into_iter().map(|text| {
                let style = if text.starts_with("FAILED") || text.starts_with("error") {
                    t.error()
                } else if text.starts_with("ok") {
                    t.good()
                } else {
                    ratatui::style::Style::new()
                };
                line(Shown::from(text), style)
            }));
            out
        }
    };
    wrap(&lines, width)
}

/// How far the Results pane scrolls, and its height.
pub fn results_limits(app: &App, session: &PracticeSession) -> (u16, u16) {
    let area = inner(current(app, session).results);
    let rows = results_lines(app, session, area.width).len();
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    (rows.saturating_sub(area.height), area.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_put_the_code_right_and_the_solution_beside_it() {
        let a = areas(Rect::new(0, 0, 200, 49), true);
        assert!(a.code.x > a.question.x && a.results.x == a.question.x);
        let solution = a.solution.unwrap();
        assert_eq!(solution.y, a.code.y);
        assert!(solution.x > a.code.x);
        let narrow = areas(Rect::new(0, 0, 80, 23), false);
        assert!(narrow.question.y < narrow.code.y && narrow.code.y < narrow.results.y);
        assert_eq!(narrow.solution, None);
        assert_eq!(narrow.results.height, 5);
    }
}
