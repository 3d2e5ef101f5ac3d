//! `layout`: the geometry `update` and `ui` both need, and the text whose size decides
//! it. `update` asks how far a pane scrolls; `ui` asks where to draw it; both get the same
//! answer from here, and neither imports the other. [`frame_areas`] splits the screen,
//! `panes` the card view, `card_text`, `quiz` and `help` build the lines they measure.
#![deny(clippy::disallowed_methods)] // text only through `text::{span, raw, line}` (clippy.toml)

pub mod browse;
pub mod card_text;
pub mod help;
pub mod interview;
pub mod panes;
pub mod practice;
pub mod quiz;

use ratatui::layout::Rect;
use ratatui::widgets::Block;

use crate::state::App;
use crate::theme::Theme;

pub use crate::state::{MIN_HEIGHT, MIN_WIDTH};

/// The styles to draw with: the app's colour choice.
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

/// How far the stats can scroll, and how many rows show at once.
pub fn stats_scroll_limits(app: &App) -> (u16, u16) {
    let rows = match &app.screen {
        crate::state::Screen::Stats(stats) => {
            stats.report.as_ref().map_or(0, |text| text.lines.len())
        }
        _ => 0,
    };
    let page = one_pane_inner(app, false).height;
    let max = u16::try_from(rows).unwrap_or(u16::MAX).saturating_sub(page);
    (max, page)
}
