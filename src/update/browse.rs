//! Browse's list: jumping and paging the selection, and clearing the filter.

use crate::action::Action;
use crate::layout::browse::{first_row, list_rows};
use crate::state::App;

/// PgDn/PgUp move the selection by a page, G/g to the last or first card.
pub fn jump(app: &mut App, action: &Action) {
    let last = app.browse_matches().len().saturating_sub(1);
    let page = list_rows(app.size).max(1);
    let selected = app.browse.selected;
    let to = match action {
        Action::PageDown => selected.saturating_add(page).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::ScrollBottom => last,
        Action::ScrollTop => 0,
        _ => return,
    };
    select(app, to);
}

/// Drops the filter, keeping the selected card selected in the whole list.
pub fn clear_filter(app: &mut App) {
    let card = app.browse_matches().get(app.browse.selected).copied();
    app.browse.filter.clear();
    app.browse.filtering = false;
    select(app, card.unwrap_or(0));
}

/// Selects row `index`, scrolling the list just enough to show it.
fn select(app: &mut App, index: usize) {
    app.browse.selected = index;
    app.browse.offset = first_row(app.browse.offset, index, list_rows(app.size));
}
