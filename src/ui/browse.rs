//! Browse: every card, filtered by `/` (id, title, question, topic, tag), opening the
//! card view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::theme;
use crate::layout::browse::{FILTER_HEIGHT, first_row};
use crate::shown;
use crate::state::{App, BrowseState};
use crate::text::{Shown, line, raw, span};
use crate::wrap::fit;

pub fn render(frame: &mut Frame, body: Rect, app: &App, browse: &BrowseState) {
    let t = theme(app);
    let [filter, list] =
        Layout::vertical([Constraint::Length(FILTER_HEIGHT), Constraint::Min(0)]).areas(body);
    // A filter longer than its box scrolls sideways, as the console does, so the end
    // being typed (and the cursor after it) stays in view.
    let room = usize::from(filter.width.saturating_sub(5)).max(1);
    let typed = browse.filter.chars().count();
    let (shown, cursor_col) = super::console::visible_input(&browse.filter, typed, room);
    let prompt = if browse.filtering || !browse.filter.is_empty() {
        Line::from(vec![span("/ ", t.key()), raw(Shown::from(shown))])
    } else {
        line(Shown::from(crate::hints::browse_filter()), t.dim())
    };
    let matches = browse.matches(&app.study);
    frame.render_widget(
        Paragraph::new(prompt).block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(if browse.filtering {
                    t.focus_border()
                } else {
                    t.border()
                })
                .title(span(
                    shown!(
                        " Browse: {} of {} cards ",
                        matches.len(),
                        app.study.cards.len()
                    ),
                    t.title(),
                )),
        ),
        filter,
    );
    if browse.filtering {
        let x = filter
            .x
            .saturating_add(3)
            .saturating_add(u16::try_from(cursor_col).unwrap_or(u16::MAX));
        if x < filter.right().saturating_sub(1) {
            frame.set_cursor_position((x, filter.y.saturating_add(1)));
        }
    }
    let rows = usize::from(list.height.saturating_sub(2));
    let first = first_row(browse.offset, browse.selected, rows);
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
    let width = |i: usize| columns.get(i).map_or(0, |c| c.width);
    let cell = |i: usize, text: &str| raw(Shown::from(fit(text, width(i))));
    let mut table_rows = Vec::new();
    for (n, &i) in matches.iter().enumerate().skip(first).take(rows) {
        let Some((deck, card)) = app.card(i) else {
            continue;
        };
        let state = app
            .study
            .states
            .get(card.id.as_str())
            .map_or("new", |s| s.phase.label());
        let topic = deck.topic_name(&card.topic);
        let row = Row::new([
            Cell::from(cell(0, card.id.as_str())),
            Cell::from(cell(1, &card.title)),
            Cell::from(cell(2, &topic)),
            Cell::from(card.difficulty.label()),
            Cell::from(state),
        ]);
        table_rows.push(if n == browse.selected {
            row.style(t.selected())
        } else {
            row
        });
    }
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(line("no card matches", t.dim())).block(block),
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

#[cfg(test)]
mod tests {
    use crate::wrap::fit;

    #[test]
    fn a_cut_text_ends_in_an_ellipsis() {
        assert_eq!(fit("lru-cache", 20), "lru-cache");
        assert_eq!(fit("longest-substring", 8), "longest…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcd", 1), "…");
        assert_eq!(fit("abcd", 0), "");
    }
}
