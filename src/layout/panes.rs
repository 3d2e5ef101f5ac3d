//! The card view's panes: where each sits (Question, Python, Rust and, for cards with a
//! visual, Diagram) and how far each scrolls. Side by side from 160 columns; below that the
//! two code panes share one slot (the focused one shows) and so do Question and Diagram.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders};

use super::card_text::pane_rows;
use super::frame_areas;
use crate::state::{App, Pane};

/// Width from which Python and Rust sit side by side.
pub const WIDE: u16 = 160;

/// Where each pane is drawn (`None`: not shown now).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub question: Option<Rect>,
    pub python: Option<Rect>,
    pub rust: Option<Rect>,
    pub diagram: Option<Rect>,
}

impl Areas {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Question => self.question,
            Pane::Python => self.python,
            Pane::Rust => self.rust,
            Pane::Diagram => self.diagram,
        }
    }
}

/// Whether the current card has a live diagram (the LRU lab draws `visual: lru`).
pub fn has_diagram(app: &App) -> bool {
    app.current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.visual.is_some())
}

/// Rows (inside its border) the top slot keeps for the Diagram when the card has one:
/// the compact drawing of a small cache and its last few operations. A constant, so the
/// panes do not grow and shrink while the lab's log fills.
const DIAGRAM_ROWS: u16 = 10;

/// The fewest rows (borders included) the top slot gets: three rows of text.
const MIN_TOP: u16 = 5;

/// The pane rects for the card view in `body`. The top slot (Question, and the Diagram
/// when the card has one) is as tall as its text needs, within limits; the code panes
/// get the rest.
pub fn layout(app: &App, body: Rect) -> Areas {
    let focus = app.card_view.focus();
    let diagram = has_diagram(app);
    if app.card_view.zoom {
        let mut areas = Areas::default();
        match focus {
            Pane::Question => areas.question = Some(body),
            Pane::Python => areas.python = Some(body),
            Pane::Rust => areas.rust = Some(body),
            Pane::Diagram => areas.diagram = Some(body),
        }
        return areas;
    }
    let behavioral = is_behavioral(app);
    let side_by_side = body.width >= WIDE && !behavioral;
    // The Question's width does not depend on the heights, so its text can be measured
    // before the heights are chosen.
    let halves = |area: Rect| Layout::horizontal([Constraint::Percentage(50); 2]).areas(area);
    let question_width = if side_by_side && diagram {
        halves(body)[0].width
    } else {
        body.width
    };
    let mut need = content_height(app, Pane::Question, question_width.saturating_sub(2));
    if diagram {
        need = need.max(DIAGRAM_ROWS);
    }
    // The answer panes' widths do not depend on the heights either. Both code panes
    // count, even where only one shows, so a Tab between them does not move the split.
    let code_width = if side_by_side {
        halves(body)[0].width
    } else {
        body.width
    };
    let answer_need = [Pane::Python, Pane::Rust]
        .map(|pane| content_height(app, pane, code_width.saturating_sub(2)))
        .into_iter()
        .max()
        .unwrap_or(0);
    let top_h = top_height(
        body.height,
        need.saturating_add(2),
        answer_need.saturating_add(2),
    );
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(body);
    let mut areas = Areas::default();
    if behavioral {
        areas.python = Some(bottom);
        areas.question = Some(top);
        return areas;
    }
    if side_by_side {
        let [left, right] = halves(bottom);
        areas.python = Some(left);
        areas.rust = Some(right);
        if diagram {
            let [q, d] = halves(top);
            areas.question = Some(q);
            areas.diagram = Some(d);
        } else {
            areas.question = Some(top);
        }
    } else {
        if focus == Pane::Rust {
            areas.rust = Some(bottom);
        } else {
            areas.python = Some(bottom);
        }
        if diagram && focus == Pane::Diagram {
            areas.diagram = Some(top);
        } else {
            areas.question = Some(top);
        }
    }
    areas
}

/// The top slot's height (borders included) in a body `body` rows tall, for a question
/// that needs `need` rows and answer panes that need `answer` (borders included both).
/// The question gets what it needs, but at least [`MIN_TOP`]; the answer panes keep
/// what they need up to three fifths of the body (before the reveal they hold a short
/// note, so the question may take nearly everything), and any rows they do not need go
/// to the question.
fn top_height(body: u16, need: u16, answer: u16) -> u16 {
    let kept = answer.min(body - (body * 2 / 5).max(7).min(body));
    need.min(body - kept).max(MIN_TOP).min(body)
}

/// How many rows a pane's text takes at `width` (inside its border): what the layout
/// sizes the panes by. The Diagram fits itself to whatever it gets and counts none.
pub fn content_height(app: &App, pane: Pane, width: u16) -> u16 {
    let rows = match pane {
        Pane::Diagram => 0,
        _ => pane_rows(app, pane, width).len(),
    };
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn inner(rect: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(rect)
}

fn card_areas(app: &App) -> Areas {
    let (w, h) = app.size;
    let body = frame_areas(Rect::new(0, 0, w, h), true).body;
    layout(app, body)
}

/// Whether the pane is drawn now, at the current terminal size, focus and zoom.
pub fn is_shown(app: &App, pane: Pane) -> bool {
    card_areas(app).get(pane).is_some()
}

/// Rows the pane can show.
pub fn page_height(app: &App, pane: Pane) -> u16 {
    card_areas(app).get(pane).map_or(0, |r| inner(r).height)
}

/// The width inside the pane's border, when the pane is shown.
pub fn inner_width(app: &App, pane: Pane) -> Option<u16> {
    card_areas(app).get(pane).map(|r| inner(r).width)
}

/// How far the pane can scroll: content rows less visible rows.
pub fn max_scroll(app: &App, pane: Pane) -> u16 {
    let Some(rect) = card_areas(app).get(pane) else {
        return 0;
    };
    let inner = inner(rect);
    let rows = pane_rows(app, pane, inner.width).len();
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height)
}

/// A behavioural card: one answer pane (the STAR outline) instead of two code panes.
pub fn is_behavioral(app: &App) -> bool {
    app.current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.star.is_some())
}
