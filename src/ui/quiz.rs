//! The quiz screen: `layout::quiz`'s lines in one bordered pane, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::layout::quiz::content;
use crate::state::App;
use crate::wrap::wrap;

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let Some((title, lines)) = content(app) else {
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(title, t.title()));
    let inner = block.inner(body);
    let all = wrap(&lines, inner.width);
    let start = usize::from(app.card_view.scroll[0]).min(all.len());
    let end = (start + usize::from(inner.height)).min(all.len());
    let block = super::with_scroll_hint(block, body.width, (start, all.len() - end), &[], t);
    frame.render_widget(Paragraph::new(all[start..end].to_vec()).block(block), body);
}
