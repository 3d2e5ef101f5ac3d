//! The log of recent operations, newest first.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::lab::Lab;
use super::Form;
use super::flow::Row;
use super::mark::{Mark, Painter, event_mark};
use super::sections::Section;

/// How many recent operations [`super::plain`] lists.
const PLAIN_LOG: usize = 5;

pub(super) fn log(lab: &Lab, form: Form, paint: Painter) -> Section {
    let (title, indent) = match form {
        Form::Full => (
            Some(Line::from(Span::styled(
                "recent operations, newest first",
                paint.style(Mark::Title),
            ))),
            "  ",
        ),
        Form::Compact => (None, "log  "),
    };
    // Without a console the output is already a sequence of operations: a few suffice.
    let limit = if paint.console { usize::MAX } else { PLAIN_LOG };
    let mut rows: Vec<Line<'static>> = lab
        .log()
        .take(limit)
        .enumerate()
        .map(|(i, event)| {
            let mut row = Row::default();
            row.push(
                if i == 0 || form != Form::Compact {
                    indent
                } else {
                    "     "
                },
                paint.style(Mark::Dim),
            );
            row.push(format!("{:<16}", event.command().to_string()), Style::new());
            row.push(event.outcome(), paint.style(event_mark(event)));
            row.line()
        })
        .collect();
    if lab.log().len() > limit {
        rows.push(Line::from(Span::styled(
            format!("  ... {} older", lab.log().len() - limit),
            paint.style(Mark::Dim),
        )));
    }
    Section {
        title,
        rows,
        more: |n| format!("  ... {n} older"),
        unit: 1,
    }
}
