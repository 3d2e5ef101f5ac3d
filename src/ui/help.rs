//! The `?` overlay: `layout::help`'s lines in a box over the screen, scrolled when
//! taller than it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::theme;
use crate::layout::help::arranged;
use crate::state::App;
use crate::text::{Shown, span};

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let t = theme(app);
    let (width, shown) = arranged(app, area);
    let overflows = shown.len() + 2 > usize::from(area.height);
    let height = u16::try_from(shown.len() + 2).unwrap_or(u16::MAX);
    let rect = super::centered(area, width, height);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.focus_border())
        .title(span(
            Shown::from(crate::hints::help_title(overflows)),
            t.title(),
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(shown).scroll((scroll, 0)).block(block), rect);
}
