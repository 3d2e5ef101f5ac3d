//! The confirmation overlay: a question in a box over the screen, answered by `y` or `n`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::theme;
use crate::state::{App, Confirm};
use crate::text::{Shown, raw, span};
use crate::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, question: Confirm) {
    let t = theme(app);
    let (title, text, (yes, no)) = match question {
        Confirm::LeaveQuiz => {
            let (answered, total) = app
                .quiz()
                .map_or((0, 0), |q| (q.answered().len(), q.items().len()));
            (
                " Leave the quiz? ",
                format!(
                    "You answered {answered} of {total}. Your answers are saved, but the \
                     scorecard shows only at the end of the quiz."
                ),
                ("leave", "stay"),
            )
        }
        Confirm::ShowSolution => (
            " Show the solution? ",
            "The card's solution shows beside your code. Once seen, it is hard to \
             unsee: try a little longer first?"
                .to_string(),
            ("show it", "not yet"),
        ),
        Confirm::TrustTests => (
            " Run this deck's tests? ",
            "This card's deck is not one of tutor's own: its tests are code from someone \
             else, and they run as you, with your files and network (not a sandbox). \
             Run them? tutor asks again only if they change."
                .to_string(),
            ("run them", "don't"),
        ),
    };
    let lines = vec![
        Line::from(raw(Shown::from(text))),
        Line::default(),
        keys_line(t, yes, no),
    ];
    let width = area.width.min(60);
    // The trust question is the long one: four rows of text at 60 columns.
    let height = if question == Confirm::TrustTests {
        9
    } else {
        6
    };
    let rect = super::centered(area, width, height);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.focus_border())
        .title(span(title, t.title()));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        rect,
    );
}

/// `y leave   n/Esc stay`, with the keys the table binds and the words given.
fn keys_line(t: Theme, yes_word: &str, no_word: &str) -> Line<'static> {
    let (yes, no) = crate::hints::confirm();
    let mut spans = vec![
        span(Shown::from(yes), t.key()),
        raw(Shown::from(format!(" {yes_word}   "))),
    ];
    for (i, key) in no.into_iter().enumerate() {
        if i > 0 {
            spans.push(raw("/"));
        }
        spans.push(span(Shown::from(key), t.key()));
    }
    spans.push(raw(Shown::from(format!(" {no_word}"))));
    Line::from(spans)
}
