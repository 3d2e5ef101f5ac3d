//! The styling: what each piece of the drawing means ([`Mark`]) and how it is drawn,
//! with colour or with text marks and bold only ([`Painter`]).

use ratatui::style::{Color, Modifier, Style};

use super::super::lab::Event;

/// What a piece of the drawing means, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Plain,
    Title,
    Dim,
    /// A number in the header.
    Value,
    Hit,
    Miss,
    New,
    Updated,
    Evicted,
    /// The node an operation is moving, in its old place (the motion's first frames).
    Moving,
}

/// How to draw: with colour or not, and whether the lab's console is there (its
/// commands `fill`, `undo` and `redo` have numbers worth showing).
#[derive(Debug, Clone, Copy)]
pub(super) struct Painter {
    pub(super) color: bool,
    pub(super) console: bool,
}

impl Painter {
    pub(super) fn style(self, mark: Mark) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return match mark {
                Mark::Plain | Mark::Dim => Style::new(),
                _ => bold,
            };
        }
        match mark {
            Mark::Plain => Style::new(),
            Mark::Title => bold.fg(Color::Blue),
            Mark::Dim => Style::new().fg(Color::DarkGray),
            Mark::Value => bold,
            Mark::Hit => bold.fg(Color::Green),
            Mark::Miss => bold.fg(Color::Yellow),
            Mark::New => bold.fg(Color::Cyan),
            Mark::Updated => bold.fg(Color::Magenta),
            Mark::Evicted => bold.fg(Color::Red),
            Mark::Moving => bold.fg(Color::LightYellow),
        }
    }
}

/// The mark an event's summary is drawn with.
pub(super) fn event_mark(event: &Event) -> Mark {
    match event {
        Event::Hit { .. } => Mark::Hit,
        Event::Miss { .. } => Mark::Miss,
        Event::Insert { evicted: None, .. } => Mark::New,
        Event::Update { .. } => Mark::Updated,
        Event::Insert {
            evicted: Some(_), ..
        }
        | Event::Discard { .. } => Mark::Evicted,
        Event::Resize { evicted, .. } if !evicted.is_empty() => Mark::Evicted,
        Event::Resize { .. } | Event::Reset { .. } => Mark::Plain,
    }
}
