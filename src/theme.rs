//! Styles. Colours are slots of the terminal's own palette (readable on dark and light
//! backgrounds, and in 16-colour terminals); with colour off every style keeps only its
//! modifiers, and focus, selection and errors stay visible through bold, reverse video
//! and border shapes.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn focus_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.dim()
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// How card text (Markdown) is drawn: bold, italics, and inline code in cyan (with
    /// colour off, code is plain).
    pub fn markdown(self) -> crate::markdown::Styles {
        crate::markdown::Styles {
            code: self.fg(Color::Cyan),
            code_block: self.fg(Color::Cyan),
            ..crate::markdown::Styles::modifiers()
        }
    }

    /// A rating's colour on the grade buttons.
    pub fn rating(self, n: u8) -> Style {
        match n {
            1 => self.fg(Color::Red),
            2 => self.fg(Color::Yellow),
            3 => self.fg(Color::Green),
            _ => self.fg(Color::Blue),
        }
    }
}
