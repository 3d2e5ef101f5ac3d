//! Home: the decks with their card counts and what is due today (new cards to start,
//! learning steps and reviews due), the streak, and the entries (Review, Quiz, the LRU and
//! anagrams labs, Browse, Stats, Mock interview, Quit) right under them.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::shown;
use crate::state::{App, HOME_ITEMS, HomeItem, HomeState};
use crate::text::{Shown, line, raw, span};
use crate::wrap::{fit, wrap};

/// The count columns after the deck's title: what each one counts, and its width. The
/// counts are today's (what a review would show now), not the cards' states.
const COLUMNS: [(&str, usize); 4] = [
    ("cards", 5),
    ("new today", 9),
    ("learning due", 12),
    ("reviews due", 11),
];

/// Between two columns.
const GAP: &str = "  ";

/// The widest a deck's title column gets.
const TITLE_WIDTH: usize = 40;

/// Rows the menu takes: a blank row and one per entry.
const MENU_ROWS: u16 = 9;
const _: () = assert!(MENU_ROWS as usize == 1 + HOME_ITEMS.len());

pub fn render(frame: &mut Frame, body: Rect, app: &App, home: &HomeState) {
    let t = theme(app);
    let lines = table(app, t, body.width);
    // The table is as tall as its rows (and the rule under them), and the menu follows
    // it; what a short window cannot show is counted in the rule.
    let rows = wrap(&lines, body.width);
    let room = body.height.saturating_sub(MENU_ROWS);
    let needed = u16::try_from(rows.len() + 1).unwrap_or(u16::MAX);
    let [top, menu, _] = Layout::vertical([
        Constraint::Length(needed.min(room)),
        Constraint::Length(MENU_ROWS),
        Constraint::Min(0),
    ])
    .areas(body);
    let hidden = rows
        .len()
        .saturating_sub(usize::from(top.height.saturating_sub(1)));
    let mut block = Block::new()
        .borders(Borders::BOTTOM)
        .border_style(t.border());
    if hidden > 0 {
        block = block.title_bottom(span(
            shown!(" ↓ {hidden} more rows: a taller window shows them "),
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(rows).block(block), top);
    let all = app.due.all;
    let mut items = Vec::new();
    for (i, item) in HOME_ITEMS.iter().enumerate() {
        let label = match item {
            HomeItem::Review if all.today() == 0 => {
                "Review: nothing due, practise ahead".to_string()
            }
            HomeItem::Review => format!("Review: {}", all.summary()),
            HomeItem::Quiz => "Quiz: ten questions, checked for you".to_string(),
            HomeItem::Lab(crate::content::Visual::Lru) => {
                "LRU lab: put and get, and watch the cache".to_string()
            }
            HomeItem::Lab(crate::content::Visual::Anagrams) => {
                "Anagrams lab: add words, and watch them group".to_string()
            }
            HomeItem::Interview => "Mock interview: a timed round, scored".to_string(),
            HomeItem::Browse => "Browse every card".to_string(),
            HomeItem::Stats => "Stats and heatmap".to_string(),
            HomeItem::Quit => "Quit".to_string(),
        };
        let style = if i == home.selected {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        let marker = if i == home.selected { "› " } else { "  " };
        items.push(Line::from(span(shown!("{marker}{label}"), style)));
    }
    items.insert(0, Line::default());
    frame.render_widget(Paragraph::new(items), menu);
}

/// The lines above the menu: the title, the streak and a row (and its topics) a deck,
/// fitted to `width` columns.
fn table(app: &App, t: crate::theme::Theme, width: u16) -> Vec<Line<'static>> {
    // The title column takes what the counts leave of the width, so the table fits
    // 80 columns on one row a deck.
    let counts_width: usize = COLUMNS.iter().map(|(_, w)| w + GAP.len()).sum();
    let title_width = usize::from(width)
        .saturating_sub(counts_width)
        .clamp(4, TITLE_WIDTH);
    let mut header = pad("Deck", title_width);
    for (name, width) in COLUMNS {
        let _ = write!(header, "{GAP}{name:>width$}");
    }
    let mut lines = vec![
        Line::from(vec![
            span("tutor", t.accent()),
            span("  keyboard-only interview practice", t.dim()),
        ]),
        Line::from(raw(shown!(
            "streak: {} day{} · today: {} new cards started, {} due cards reviewed",
            app.study.streak,
            if app.study.streak == 1 { "" } else { "s" },
            app.study.done_today.new,
            app.study.done_today.reviews
        ))),
        Line::default(),
        line(Shown::from(header), t.dim()),
    ];
    let [cards_w, new_w, learning_w, review_w] = COLUMNS.map(|(_, w)| w);
    for (i, deck) in app.study.library.decks.iter().enumerate() {
        let counts = app.due.per_deck.get(i).copied().unwrap_or_default();
        let title = pad(
            &fit(
                &deck.meta.title,
                u16::try_from(title_width).unwrap_or(u16::MAX),
            ),
            title_width,
        );
        lines.push(Line::from(vec![
            span(Shown::from(title), t.title()),
            raw(shown!("{GAP}{:>cards_w$}", deck.cards.len())),
            span(shown!("{GAP}{:>new_w$}", counts.new), t.accent()),
            span(shown!("{GAP}{:>learning_w$}", counts.learning), t.warn()),
            span(shown!("{GAP}{:>review_w$}", counts.review), t.good()),
        ]));
        let mut topics: Vec<String> = Vec::new();
        for topic in &deck.meta.topics {
            let n = deck.cards.iter().filter(|c| c.topic == topic.id).count();
            if n > 0 {
                topics.push(format!("{} {n}", topic.title));
            }
        }
        for row in topic_rows(&topics, usize::from(width)) {
            lines.push(line(Shown::from(row), t.dim()));
        }
    }
    if !app.study.library.problems.is_empty() {
        lines.push(Line::default());
        lines.push(line(
            shown!(
                "{} problem(s) in your decks: those cards were skipped; run `tutor check`",
                app.study.library.problems.len()
            ),
            t.error(),
        ));
    }
    lines
}

const SEPARATOR: &str = " · ";
const SEPARATOR_WIDTH: usize = 3;

/// A deck's topics (`title n`) as rows of `width` columns, indented two, joined by
/// ` · ` and broken between topics, so no row ends or starts with the separator; a
/// topic wider than a row gets a row of its own, which wrapping then breaks.
fn topic_rows(topics: &[String], width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for topic in topics {
        let used = unicode_width::UnicodeWidthStr::width(row.as_str());
        let more = unicode_width::UnicodeWidthStr::width(topic.as_str());
        if row.is_empty() {
            row = format!("  {topic}");
        } else if used + SEPARATOR_WIDTH + more <= width {
            row.push_str(SEPARATOR);
            row.push_str(topic);
        } else {
            rows.push(std::mem::replace(&mut row, format!("  {topic}")));
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// `text` followed by spaces up to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At 80 columns the bundled deck's topics took two rows, the first ending in `·`.
    #[test]
    fn topic_rows_break_between_topics() {
        let topics: Vec<String> = [
            "Data structures and algorithms 7",
            "Python internals 8",
            "AWS in Python 6",
            "Object-oriented design 5",
            "Leadership Principles 4",
        ]
        .map(String::from)
        .to_vec();
        let rows = topic_rows(&topics, 80);
        assert_eq!(
            rows,
            [
                "  Data structures and algorithms 7 · Python internals 8 · AWS in Python 6",
                "  Object-oriented design 5 · Leadership Principles 4",
            ]
        );
        for width in 10..=120 {
            for row in topic_rows(&topics, width) {
                assert!(row.starts_with("  ") && !row.trim_start().starts_with('·'));
                assert!(
                    !row.ends_with('·') && !row.ends_with("· "),
                    "{width}: {row:?}"
                );
                let fits = unicode_width::UnicodeWidthStr::width(row.as_str()) <= width;
                assert!(fits || !row.contains(SEPARATOR), "{width}: {row:?}");
            }
        }
        assert_eq!(topic_rows(&topics, 200).len(), 1);
        assert!(topic_rows(&[], 80).is_empty());
    }
}
