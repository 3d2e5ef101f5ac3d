//! Browse's list, a sub-state with its own update: moving, jumping and paging the
//! selection, typing and clearing the filter. It needs only the cards and the terminal
//! size, never the rest of the app.

use crate::action::{Action, ConsoleEdit};
use crate::layout::browse::{first_row, list_rows};
use crate::state::{BrowseState, Study};

impl BrowseState {
    /// j/k: the selection one down or up.
    pub fn step(&mut self, down: bool, study: &Study, size: (u16, u16)) {
        let len = self.matches(study).len();
        let to = super::step(self.selected, len, down);
        self.select(to, size);
    }

    /// PgDn/PgUp move the selection by a page, G/g to the last or first card.
    pub fn jump(&mut self, action: &Action, study: &Study, size: (u16, u16)) {
        let last = self.matches(study).len().saturating_sub(1);
        let page = list_rows(size).max(1);
        let selected = self.selected;
        let to = match action {
            Action::PageDown => selected.saturating_add(page).min(last),
            Action::PageUp => selected.saturating_sub(page),
            Action::ScrollBottom => last,
            Action::ScrollTop => 0,
            _ => return,
        };
        self.select(to, size);
    }

    /// Drops the filter, keeping the selected card selected in the whole list.
    pub fn clear_filter(&mut self, study: &Study, size: (u16, u16)) {
        let card = self.matches(study).get(self.selected).copied();
        self.filter.clear();
        self.filtering = false;
        self.select(card.unwrap_or(0), size);
    }

    /// A key typed into the filter: the list starts again from its top.
    pub fn edit_filter(&mut self, edit: ConsoleEdit) {
        match edit {
            ConsoleEdit::Insert(c) if !crate::text::needs_escape(c) => self.filter.push(c),
            ConsoleEdit::Backspace => {
                self.filter.pop();
            }
            _ => {}
        }
        self.selected = 0;
        self.offset = 0;
    }

    /// Selects row `index`, scrolling the list just enough to show it.
    fn select(&mut self, index: usize, size: (u16, u16)) {
        self.selected = index;
        self.offset = first_row(self.offset, index, list_rows(size));
    }
}
