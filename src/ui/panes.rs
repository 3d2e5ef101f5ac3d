//! Draws the card view's panes where `layout::panes` puts them, each scrolled, with the
//! lines the LRU lab's last operation ran marked in the code.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::theme;
use crate::layout::card_text::{pane_rows, sections_in};
use crate::layout::panes::{WIDE, has_diagram, is_behavioral, layout};
use crate::state::{App, Pane};
use crate::text::{Shown, span};

/// While the diagram shows an operation, the code panes mark the lines of their solution
/// that the operation runs (the card's `code_links`), with a `▶` and reverse video so
/// it shows without colour.
fn mark_linked_lines(app: &App, pane: Pane, first_row: usize, rows: &mut [Line<'static>]) {
    let lang = match pane {
        Pane::Python => crate::highlight::Lang::Python,
        Pane::Rust => crate::highlight::Lang::Rust,
        _ => return,
    };
    if !app.revealed() {
        return;
    }
    let (Some(live), Some((_, card))) = (
        app.lab.as_ref(),
        app.current_card().and_then(|i| app.card(i)),
    ) else {
        return;
    };
    for linked in live.linked_lines(card, lang) {
        let Some(row) = linked
            .line
            .checked_sub(1 + first_row)
            .and_then(|r| rows.get_mut(r))
        else {
            continue;
        };
        // The marker takes the gutter's trailing space, so the code does not shift.
        if let Some(gutter) = row.spans.first_mut() {
            gutter.content = format!("{}▶", gutter.content.trim_end()).into();
        }
        *row = std::mem::take(row).patch_style(
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
    }
}

fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let t = theme(app);
    let focused = app.card_view.focus() == pane;
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
        .title(span(
            Shown::from(title),
            if focused { t.focus_border() } else { t.title() },
        ))
}

fn pane_title(app: &App, pane: Pane) -> String {
    let wide = app.size.0 >= WIDE;
    let tabs = |a: Pane, b: Pane| {
        let mark = |p: Pane| {
            if p == pane {
                format!("[{}]", p.title())
            } else {
                p.title().to_string()
            }
        };
        format!(" {} {} ", mark(a), mark(b))
    };
    match pane {
        Pane::Python if is_behavioral(app) => " Answer outline (STAR) ".to_string(),
        Pane::Python | Pane::Rust if !wide && !app.card_view.zoom => tabs(Pane::Python, Pane::Rust),
        Pane::Question | Pane::Diagram if !wide && !app.card_view.zoom && has_diagram(app) => {
            tabs(Pane::Question, Pane::Diagram)
        }
        _ => format!(" {} ", pane.title()),
    }
}

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let areas = layout(app, body);
    for pane in Pane::ALL {
        let Some(rect) = areas.get(pane) else {
            continue;
        };
        let block = pane_block(app, pane, pane_title(app, pane));
        let inner = block.inner(rect);
        if pane == Pane::Diagram {
            if let Some(live) = &app.lab {
                frame.render_widget(&block, rect);
                frame.render_widget(
                    live.diagram(app.color, crate::visual::moment(app.motion, app.now)),
                    inner,
                );
            }
            continue;
        }
        let scroll = app.card_view.scroll[pane.index()];
        let all = pane_rows(app, pane, inner.width);
        let start = usize::from(scroll).min(all.len());
        let end = (start + usize::from(inner.height)).min(all.len());
        let mut rows: Vec<Line<'static>> = all[start..end].to_vec();
        mark_linked_lines(app, pane, start, &mut rows);
        let block = super::with_scroll_hint(
            block,
            rect.width,
            (start, all.len() - end),
            // Only the Question has section titles (code rows start with a line number).
            &if pane == Pane::Question {
                sections_in(&all[end..])
            } else {
                Vec::new()
            },
            theme(app),
        );
        frame.render_widget(Paragraph::new(rows).block(block), rect);
    }
}
