//! Home: the decks with their card counts and what is due today, the streak, and the
//! entries (Review, Browse, Stats, Quit).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme;
use crate::state::App;
use crate::text::sanitize;
use crate::update::{HOME_ITEMS, HomeItem};

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let [top, menu] = Layout::vertical([Constraint::Min(6), Constraint::Length(8)]).areas(body);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("tutor", t.accent()),
            Span::styled("  keyboard-only interview practice", t.dim()),
        ]),
        Line::from(format!(
            "streak: {} day{} · today: {} new cards started, {} due cards reviewed",
            app.streak,
            if app.streak == 1 { "" } else { "s" },
            app.done_today.new,
            app.done_today.reviews
        )),
        Line::default(),
        Line::styled(
            format!(
                "{:<40} {:>6} {:>6} {:>9} {:>7}",
                "Deck", "cards", "new", "learning", "review"
            ),
            t.dim(),
        ),
    ];
    for (i, deck) in app.library.decks.iter().enumerate() {
        let counts = app.home_counts.get(i).copied().unwrap_or_default();
        let title: String = sanitize(&deck.meta.title).chars().take(40).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{title:<40} "), t.title()),
            Span::raw(format!("{:>6} ", deck.cards.len())),
            Span::styled(format!("{:>6} ", counts.new), t.accent()),
            Span::styled(format!("{:>9} ", counts.learning), t.warn()),
            Span::styled(format!("{:>7}", counts.review), t.good()),
        ]));
        let mut topics: Vec<String> = Vec::new();
        for topic in &deck.meta.topics {
            let n = deck.cards.iter().filter(|c| c.topic == topic.id).count();
            if n > 0 {
                topics.push(format!("{} {n}", sanitize(&topic.title)));
            }
        }
        lines.push(Line::styled(format!("  {}", topics.join(" · ")), t.dim()));
    }
    if !app.library.problems.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "{} problem(s) in your decks: those cards were skipped; run `tutor check`",
                app.library.problems.len()
            ),
            t.error(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(
                Block::new()
                    .borders(Borders::BOTTOM)
                    .border_style(t.border()),
            ),
        top,
    );
    let all = app.home_due;
    let mut items = Vec::new();
    for (i, item) in HOME_ITEMS.iter().enumerate() {
        let label = match item {
            HomeItem::Review if all.today() == 0 => {
                "Review: nothing due, practise ahead".to_string()
            }
            HomeItem::Review => format!("Review: {}", all.summary()),
            HomeItem::Quiz => "Quiz: ten questions, checked for you".to_string(),
            HomeItem::Lab => "LRU lab: put and get, and watch the cache".to_string(),
            HomeItem::Browse => "Browse every card".to_string(),
            HomeItem::Stats => "Stats and heatmap".to_string(),
            HomeItem::Quit => "Quit".to_string(),
        };
        let style = if i == app.home.selected {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        let marker = if i == app.home.selected { "› " } else { "  " };
        items.push(Line::from(Span::styled(format!("{marker}{label}"), style)));
    }
    items.insert(0, Line::default());
    frame.render_widget(Paragraph::new(items), menu);
}
