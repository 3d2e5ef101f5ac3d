//! Browse: every card, filtered by `/` (id, title, question, topic, tag), opening the
//! card view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::theme;
use super::wrap::fit;
use crate::state::App;
use crate::text::sanitize;

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let [filter, list] =
        Layout::vertical([Constraint::Length(FILTER_HEIGHT), Constraint::Min(0)]).areas(body);
    // A filter longer than its box scrolls sideways, as the console does, so the end
    // being typed (and the cursor after it) stays in view.
    let room = usize::from(filter.width.saturating_sub(5)).max(1);
    let typed = app.browse.filter.chars().count();
    let (shown, cursor_col) = super::card::visible_input(&app.browse.filter, typed, room);
    let prompt = if app.browse.filtering || !app.browse.filter.is_empty() {
        Line::from(vec![Span::styled("/ ", t.key()), Span::raw(shown)])
    } else {
        Line::styled(super::hints::browse_filter(), t.dim())
    };
    let matches = app.browse_matches();
    frame.render_widget(
        Paragraph::new(prompt).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(if app.browse.filtering {
                    t.focus_border()
                } else {
                    t.border()
                })
                .title(Span::styled(
                    format!(" Browse: {} of {} cards ", matches.len(), app.cards.len()),
                    t.title(),
                )),
        ),
        filter,
    );
    if app.browse.filtering {
        let x = filter
            .x
            .saturating_add(3)
            .saturating_add(u16::try_from(cursor_col).unwrap_or(u16::MAX));
        if x < filter.right().saturating_sub(1) {
            frame.set_cursor_position((x, filter.y.saturating_add(1)));
        }
    }
    let rows = usize::from(list.height.saturating_sub(2));
    let first = first_row(app.browse.offset, app.browse.selected, rows);
    let id_width = matches
        .iter()
        .filter_map(|&i| app.card(i))
        .map(|(_, c)| c.id.as_str().chars().count())
        .max()
        .unwrap_or(0)
        .clamp(8, (usize::from(list.width) * 3 / 10).max(8));
    // Id, difficulty and state keep their width; title and topic share the rest.
    let widths = [
        Constraint::Length(u16::try_from(id_width).unwrap_or(u16::MAX)),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(6),
        Constraint::Length(10),
    ];
    // The columns as the table lays them out, so a cut text can end in "…".
    let block = Block::new().borders(Borders::ALL).border_style(t.border());
    let columns = Layout::horizontal(widths)
        .spacing(1)
        .split(block.inner(list));
    let cell = |i: usize, text: &str| fit(text, columns.get(i).map_or(0, |c| c.width));
    let mut table_rows = Vec::new();
    for (n, &i) in matches.iter().enumerate().skip(first).take(rows) {
        let Some((deck, card)) = app.card(i) else {
            continue;
        };
        let state = app
            .states
            .get(card.id.as_str())
            .map_or("new", |s| s.phase.label());
        let topic = deck.topic_name(&card.topic);
        let row = Row::new([
            Cell::from(cell(0, card.id.as_str())),
            Cell::from(cell(1, &sanitize(&card.title))),
            Cell::from(cell(2, &topic)),
            Cell::from(card.difficulty.label()),
            Cell::from(state),
        ]);
        table_rows.push(if n == app.browse.selected {
            row.style(t.selected())
        } else {
            row
        });
    }
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("no card matches".to_string(), t.dim())).block(block),
            list,
        );
        return;
    }
    frame.render_widget(
        Table::new(table_rows, widths)
            .column_spacing(1)
            .block(block),
        list,
    );
}

/// Rows of cards the list shows in a terminal of `size`: the body less the filter box
/// and the list's two borders.
pub fn list_rows((width, height): (u16, u16)) -> usize {
    let body = super::frame_areas(Rect::new(0, 0, width, height), false).body;
    usize::from(body.height.saturating_sub(FILTER_HEIGHT + 2))
}

/// The filter box above the list, borders included.
const FILTER_HEIGHT: u16 = 3;

/// The first row shown: `offset` (where the list was) moved just enough to show
/// `selected`, so moving within the page moves only the highlight.
pub fn first_row(offset: usize, selected: usize, rows: usize) -> usize {
    offset.clamp((selected + 1).saturating_sub(rows.max(1)), selected)
}

#[cfg(test)]
mod tests {
    use super::first_row;
    use crate::ui::wrap::fit;

    #[test]
    fn a_cut_text_ends_in_an_ellipsis() {
        assert_eq!(fit("lru-cache", 20), "lru-cache");
        assert_eq!(fit("longest-substring", 8), "longest…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 1), "…");
        assert_eq!(fit("abcd", 0), "");
    }

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
