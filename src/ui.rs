//! `view`: draws `App` and nothing else (read-only; no disk, no syntect). Each screen
//! and pane has its own module; [`frame_areas`] splits the screen, `card::layout` a card.

pub mod browse;
pub mod card;
pub mod confirm;
pub mod footer;
pub mod help;
pub mod hints;
pub mod home;
pub mod quiz;
pub mod stats;
pub mod theme;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::state::{App, Screen};
use theme::Theme;

/// The smallest terminal the session draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn theme(app: &App) -> Theme {
    Theme { color: app.color }
}

/// Splits the screen: body, console (card screens only) and footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame3 {
    pub body: Rect,
    pub console: Option<Rect>,
    pub footer: Rect,
}

pub fn frame_areas(area: Rect, with_console: bool) -> Frame3 {
    let footer_h = 1.min(area.height);
    let console_h = if with_console {
        3.min(area.height - footer_h)
    } else {
        0
    };
    let body_h = area.height - footer_h - console_h;
    Frame3 {
        body: Rect::new(area.x, area.y, area.width, body_h),
        console: with_console.then(|| Rect::new(area.x, area.y + body_h, area.width, console_h)),
        footer: Rect::new(area.x, area.y + body_h + console_h, area.width, footer_h),
    }
}

/// The inside of the bordered pane a one-pane screen (quiz, stats) fills, at the
/// current terminal size.
pub fn one_pane_inner(app: &App, with_console: bool) -> Rect {
    let (w, h) = app.size;
    let body = frame_areas(Rect::new(0, 0, w, h), with_console).body;
    Block::new()
        .borders(ratatui::widgets::Borders::ALL)
        .inner(body)
}

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
            Line::styled(
                format!(" {} ", wrap::fit(&hint, width.saturating_sub(4))),
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
    let parts = frame_areas(area, card_screen || app.screen == Screen::Quiz);
    match app.screen {
        Screen::Home => home::render(frame, parts.body, app),
        Screen::Browse => browse::render(frame, parts.body, app),
        Screen::Stats => stats::render(frame, parts.body, app),
        Screen::Quiz => quiz::render(frame, parts.body, app),
        Screen::Review | Screen::Card => {
            if card_screen {
                card::render(frame, parts.body, app);
            } else {
                card::render_session_end(frame, parts.body, app);
            }
        }
    }
    if let Some(console) = parts.console {
        card::render_console(frame, console, app);
    }
    footer::render(frame, parts.footer, app, t);
    if app.help {
        help::render(frame, area, app);
    }
    if let Some(question) = app.confirm {
        confirm::render(frame, area, app, question);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("terminal too small"),
        Line::from(format!(
            "(need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})",
            area.width, area.height
        )),
        Line::from(self::hints::too_small()),
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
