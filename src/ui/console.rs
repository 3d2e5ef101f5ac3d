//! The console box under a card or a quiz: the line being typed (scrolled sideways to
//! keep the cursor in view), its last output, and what is left of the review.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::theme;
use crate::layout::panes::has_diagram;
use crate::shown;
use crate::state::App;
use crate::text::sanitize;
use crate::text::{Shown, line, raw, span};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme(app);
    let active = app.console.active;
    let last = app.console.output.last().map(|l| Shown::new(l));
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_type(if active {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if active { t.focus_border() } else { t.border() })
        .title(span(
            " Console ",
            if active { t.focus_border() } else { t.title() },
        ));
    if let Some(last) = last {
        block = block.title_bottom(span(shown!(" {last} "), t.dim()));
    }
    if let Some(left) = review_left(app) {
        block = block.title(line(Shown::from(left), t.dim()).right_aligned());
    }
    // An answer of several lines shows the cursor's line, and says which it is.
    let (line_text, number, lines, cursor) = app.console.cursor_line();
    if lines > 1 {
        block = block.title(span(shown!(" line {number} of {lines} "), t.dim()));
    }
    let inner = block.inner(area);
    // A line longer than the box scrolls sideways so the cursor stays in view.
    let room = usize::from(inner.width.saturating_sub(3)).max(1);
    let (shown, cursor_col) = visible_input(line_text, cursor, room);
    let line = if active || !app.console.input.is_empty() {
        Line::from(vec![span("› ", t.key()), raw(Shown::from(shown))])
    } else if matches!(app.screen, crate::state::Screen::Quiz(_)) {
        use crate::hints::QuizConsole;
        let at = match app.quiz().map(|q| (q.takes_text(), q.phase())) {
            _ if app.quiz().is_some_and(crate::quiz::QuizSession::editing) => QuizConsole::Editing,
            _ if app
                .quiz()
                .and_then(crate::quiz::QuizSession::editor)
                .is_some() =>
            {
                QuizConsole::Typed
            }
            Some((true, _)) => QuizConsole::Typed,
            Some((false, crate::quiz::QuizStep::Answering(_))) => QuizConsole::Keys,
            Some((false, crate::quiz::QuizStep::Feedback { .. })) => QuizConsole::Feedback,
            Some((false, crate::quiz::QuizStep::Finished)) | None => QuizConsole::Finished,
        };
        line(Shown::from(crate::hints::quiz_console(at)), t.dim())
    } else {
        let lab = app.lab.is_some() && has_diagram(app);
        line(Shown::from(crate::hints::card_console(lab)), t.dim())
    };
    frame.render_widget(Paragraph::new(line).block(block), area);
    if active {
        let x = inner
            .x
            .saturating_add(2)
            .saturating_add(u16::try_from(cursor_col).unwrap_or(u16::MAX));
        if x < inner.right() {
            frame.set_cursor_position((x, inner.y));
        }
    }
}

/// What is left of a review, on the console's top border where every card shows it:
/// Anki's counts (`19 new · 1 learning · 3 due`), or the cards left to practise.
fn review_left(app: &App) -> Option<String> {
    if !matches!(app.screen, crate::state::Screen::Review(_)) {
        return None;
    }
    let session = app.review()?;
    session.phase.card()?;
    let left = app.session_counts()?;
    Some(if session.practice {
        format!(" practice · {} left ", left.today())
    } else {
        format!(
            " {} new · {} learning · {} due ",
            left.new, left.learning, left.review
        )
    })
}

/// The part of `input` (sanitized) that fits `room` columns with the cursor (a char
/// index) in view, and the cursor's column within it.
pub(super) fn visible_input(input: &str, cursor: usize, room: usize) -> (String, usize) {
    use unicode_width::UnicodeWidthChar as _;
    let chars: Vec<(String, usize)> = input
        .chars()
        .map(|c| {
            let shown = sanitize(c.encode_utf8(&mut [0; 4])).into_owned();
            let width = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            (shown, width)
        })
        .collect();
    let cursor = cursor.min(chars.len());
    // Start as far left as keeps the cursor within `room` columns.
    let mut start = 0;
    let mut col: usize = chars[..cursor].iter().map(|(_, w)| w).sum();
    while col >= room && start < cursor {
        col -= chars[start].1;
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for (text, width) in &chars[start..] {
        if used + width > room {
            break;
        }
        shown.push_str(text);
        used += width;
    }
    (shown, col)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_console_line_scrolls_to_keep_the_cursor_in_view() {
        use super::visible_input;
        assert_eq!(visible_input("abc", 3, 10), ("abc".to_string(), 3));
        let long = "a".repeat(30) + "END";
        let (shown, col) = visible_input(&long, 33, 10);
        assert!(shown.ends_with("END"), "{shown}");
        assert_eq!(col, 9);
        assert_eq!(shown.chars().count(), 9);
        // Cursor at the start: the start shows.
        let (shown, col) = visible_input(&long, 0, 10);
        assert_eq!((shown.len(), col), (10, 0));
    }
}
