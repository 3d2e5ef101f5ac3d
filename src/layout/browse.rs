//! Browse's list: how many rows it shows, and which row comes first.

use ratatui::layout::Rect;

/// Rows of cards the list shows in a terminal of `size`: the body less the filter box
/// and the list's two borders.
pub fn list_rows((width, height): (u16, u16)) -> usize {
    let body = super::frame_areas(Rect::new(0, 0, width, height), false).body;
    usize::from(body.height.saturating_sub(FILTER_HEIGHT + 2))
}

/// The filter box above the list, borders included.
pub const FILTER_HEIGHT: u16 = 3;

/// The first row shown: `offset` (where the list was) moved just enough to show
/// `selected`, so moving within the page moves only the highlight.
pub fn first_row(offset: usize, selected: usize, rows: usize) -> usize {
    offset.clamp((selected + 1).saturating_sub(rows.max(1)), selected)
}

#[cfg(test)]
mod tests {
    use super::first_row;

    #[test]
    fn the_list_scrolls_only_when_the_selection_leaves_it() {
        // Down past the bottom of a 5-row page scrolls by one...
        assert_eq!(first_row(0, 4, 5), 0);
        assert_eq!(first_row(0, 5, 5), 1);
        // ...and back up within the page only moves the highlight.
        assert_eq!(first_row(10, 13, 5), 10);
        assert_eq!(first_row(10, 9, 5), 9);
        // No room at all still shows the selection.
        assert_eq!(first_row(3, 7, 0), 7);
    }
}
