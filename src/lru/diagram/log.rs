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
            // A column of 16 for the command, and always one space after it.
            row.push(
                format!("{:<15} ", event.command().to_string()),
                Style::new(),
            );
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

#[cfg(test)]
mod tests {
    use super::super::super::lab::Lab;

    /// A command as wide as the log's command column, or wider, is still apart from its
    /// outcome: `tutor lru --script "put 9223372036854775807 1" --diagram` printed
    /// `put 9223372036854775807 1INSERT ...`.
    #[test]
    fn a_long_command_is_kept_apart_from_its_outcome() {
        let mut lab = Lab::new(2, 42);
        for line in ["put 1234567890 1", "put 9223372036854775807 -1", "get 1"] {
            lab.run(line).unwrap();
        }
        let text = super::super::plain(&lab, 200);
        assert!(
            text.contains("  put 1234567890 1 INSERT 1234567890 = 1"),
            "{text}"
        );
        assert!(
            text.contains("  put 9223372036854775807 -1 INSERT 9223372036854775807 = -1"),
            "{text}"
        );
        // A short command keeps the column: its outcome starts at the same place.
        assert!(text.contains("  get 1           MISS 1"), "{text}");
    }
}
