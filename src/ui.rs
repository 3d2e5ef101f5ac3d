//! `view`: draws `App` and nothing else (read-only; no disk, no syntect). Each screen
//! and pane has its own module; where things go comes from `layout` ([`frame_areas`]
//! splits the screen, `layout::panes` a card).
#![deny(clippy::disallowed_methods)] // text only through `text::{span, raw, line}` (clippy.toml)

pub mod browse;
pub mod confirm;
pub mod console;
pub mod footer;
pub mod help;
pub mod home;
pub mod interview;
pub mod panes;
pub mod practice;
pub mod quiz;
pub mod stats;
pub mod summary;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub use crate::layout::{MIN_HEIGHT, MIN_WIDTH, frame_areas, theme};
use crate::shown;
use crate::state::{App, Overlay, Screen};
use crate::text::{Shown, line, raw};
use crate::theme::Theme;
use crate::wrap;

/// What a scrolling pane's bottom border says when its text goes on past what shows:
/// `above` rows out of sight above, `below` under it, and the titles of the sections
/// among those below. `None` when everything shows.
pub fn scroll_hint(above: usize, below: usize, sections: &[&str]) -> Option<String> {
    let mut hint = match (above, below) {
        (0, 0) => return None,
        (0, _) => format!("↓ {below} more below"),
        (_, 0) => format!("↑ {above} above"),
        _ => format!("↑ {above} above · ↓ {below} below"),
    };
    if below > 0 && !sections.is_empty() {
        hint.push_str(": ");
        hint.push_str(&sections.join(" · "));
    }
    Some(hint)
}

/// `block` (a bordered pane `width` columns wide) with its [`scroll_hint`], if any,
/// right-aligned in the bottom border and cut to fit.
pub fn with_scroll_hint<'a>(
    block: Block<'a>,
    width: u16,
    (above, below): (usize, usize),
    sections: &[&str],
    t: Theme,
) -> Block<'a> {
    match scroll_hint(above, below, sections) {
        Some(hint) => block.title_bottom(
            line(
                shown!(" {} ", wrap::fit(&hint, width.saturating_sub(4))),
                t.dim(),
            )
            .right_aligned(),
        ),
        None => block,
    }
}

/// An overlay's box: `width` by `height` in the middle of `area`, and no bigger.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub fn view(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let t = theme(app);
    let card_screen = app.current_card().is_some();
    let parts = frame_areas(area, app.has_console());
    match &app.screen {
        Screen::Home(home) => home::render(frame, parts.body, app, home),
        Screen::Browse(browse) => browse::render(frame, parts.body, app, browse),
        Screen::Stats(stats) => stats::render(frame, parts.body, app, stats),
        Screen::Quiz(_) => quiz::render(frame, parts.body, app),
        Screen::Practice { session, .. } => practice::render(frame, app, session),
        Screen::Interview(session) => interview::render(frame, parts.body, app, session),
        Screen::Review(_) | Screen::Card { .. } => {
            if card_screen {
                panes::render(frame, parts.body, app);
            } else {
                summary::render(frame, parts.body, app);
            }
        }
    }
    if let Some(console) = parts.console {
        console::render(frame, console, app);
    }
    footer::render(frame, parts.footer, app, t);
    match app.overlay {
        Some(Overlay::Help { scroll }) => help::render(frame, area, app, scroll),
        Some(Overlay::Confirm(question)) => confirm::render(frame, area, app, question),
        None => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("terminal too small"),
        Line::from(raw(shown!(
            "(need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})",
            area.width,
            area.height
        ))),
        Line::from(raw(Shown::from(crate::hints::too_small()))),
    ];
    let y = area.height.saturating_sub(3) / 2;
    let inner = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(Block::new()),
        inner,
    );
}

#[cfg(test)]
mod tests {
    use super::scroll_hint;

    #[test]
    fn the_scroll_hint_says_what_is_out_of_sight() {
        assert_eq!(scroll_hint(0, 0, &["Explanation"]), None);
        assert_eq!(scroll_hint(0, 12, &[]).unwrap(), "↓ 12 more below");
        assert_eq!(
            scroll_hint(0, 40, &["Explanation", "Key points"]).unwrap(),
            "↓ 40 more below: Explanation · Key points"
        );
        assert_eq!(scroll_hint(3, 0, &[]).unwrap(), "↑ 3 above");
        assert_eq!(scroll_hint(3, 5, &[]).unwrap(), "↑ 3 above · ↓ 5 below");
    }
}
