//! The quiz screen: `layout::quiz`'s lines in one bordered pane, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::editor::Editor;
use crate::layout::quiz::{areas, content};
use crate::quiz::QuizSession;
use crate::state::App;
use crate::text::span;
use crate::theme::Theme;
use crate::wrap::wrap;

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let Some((title, lines)) = content(app) else {
        return;
    };
    let (body, editor_area) = areas(app, body);
    if let (Some(area), Some(editor)) = (editor_area, app.quiz().and_then(QuizSession::editor)) {
        render_editor(frame, area, editor, t);
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(span(title, t.title()));
    let inner = block.inner(body);
    let all = wrap(&lines, inner.width);
    let start = usize::from(app.card_view.scroll[0]).min(all.len());
    let end = (start + usize::from(inner.height)).min(all.len());
    let block = super::with_scroll_hint(block, body.width, (start, all.len() - end), &[], t);
    frame.render_widget(Paragraph::new(all[start..end].to_vec()).block(block), body);
}

/// The free-recall answer being written, in its own pane: highlighted while keys go to
/// it, with the cursor shown.
fn render_editor(frame: &mut Frame, area: Rect, editor: &Editor, t: Theme) {
    let (title, border) = if editor.focused() {
        (" Your answer (typing) ", t.accent())
    } else {
        (" Your answer ", t.border())
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(span(title, t.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    editor.render(inner, frame.buffer_mut(), ratatui::style::Style::new());
}
