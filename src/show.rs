//! A whole card as styled text: what `tutor show` prints.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};

use crate::content::{Card, Deck};
use crate::highlight::{Highlighter, Lang};
use crate::text::sanitize;

const INDENT: &str = "  ";

fn heading(title: &str) -> Line<'static> {
    Line::from(Span::styled(
        title.to_uppercase(),
        Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    ))
}

fn prose(out: &mut Vec<Line<'static>>, text: &str) {
    for line in sanitize(text.trim_end()).lines() {
        out.push(Line::from(format!("{INDENT}{line}")));
    }
}

fn bullets(out: &mut Vec<Line<'static>>, items: &[String]) {
    for item in items {
        let item = sanitize(item.trim());
        let mut lines = item.lines();
        if let Some(first) = lines.next() {
            out.push(Line::from(format!("{INDENT}- {first}")));
        }
        for rest in lines {
            out.push(Line::from(format!("{INDENT}  {rest}")));
        }
    }
}

fn code(out: &mut Vec<Line<'static>>, source: &str, lang: Lang, highlighter: Option<&Highlighter>) {
    let text = match highlighter {
        Some(h) => h.highlight(source.trim_end(), lang),
        None => Text::from(
            sanitize(source.trim_end())
                .lines()
                .map(|l| Line::from(l.to_string()))
                .collect::<Vec<_>>(),
        ),
    };
    for mut line in text.lines {
        line.spans.insert(0, Span::raw(INDENT));
        out.push(line);
    }
}

/// The card in reading order: title and facts, prompt, both solutions, explanation, key
/// points, pitfalls, complexity, follow-ups. Code is highlighted when a highlighter is
/// given; all content is sanitized.
pub fn card_text(deck: &Deck, card: &Card, highlighter: Option<&Highlighter>) -> Text<'static> {
    let mut out = Vec::new();
    out.push(Line::from(vec![
        Span::styled(
            sanitize(&card.title).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  [{}]", card.id), Style::new().fg(Color::DarkGray)),
    ]));
    let topic = deck.topic_title(&card.topic).unwrap_or(&card.topic);
    let mut facts = format!(
        "{} · {} · {}",
        sanitize(&deck.meta.title),
        sanitize(topic),
        card.difficulty.label()
    );
    if !card.tags.is_empty() {
        facts.push_str(" · ");
        facts.push_str(&card.tags.join(", "));
    }
    out.push(Line::styled(facts, Style::new().fg(Color::DarkGray)));
    let section = |out: &mut Vec<Line<'static>>, title: &str| {
        out.push(Line::default());
        out.push(heading(title));
    };
    section(&mut out, "Question");
    prose(&mut out, &card.prompt);
    if let Some((python, rust)) = card.code() {
        section(&mut out, "Python");
        code(&mut out, &python.solution, Lang::Python, highlighter);
        section(&mut out, "Rust");
        code(&mut out, &rust.solution, Lang::Rust, highlighter);
    }
    if let Some(star) = &card.star {
        section(&mut out, "A STAR outline");
        for (label, text) in [
            ("Situation", &star.situation),
            ("Task", &star.task),
            ("Action", &star.action),
            ("Result", &star.result),
        ] {
            out.push(Line::styled(
                format!("{INDENT}{label}"),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            prose(&mut out, text);
        }
    }
    section(&mut out, "Explanation");
    prose(&mut out, &card.explanation);
    section(&mut out, "Key points");
    bullets(&mut out, &card.key_points);
    section(&mut out, "Pitfalls");
    bullets(&mut out, &card.pitfalls);
    if let Some(complexity) = &card.complexity {
        section(&mut out, "Complexity");
        out.push(Line::from(format!(
            "{INDENT}time:  {}",
            sanitize(&complexity.time)
        )));
        out.push(Line::from(format!(
            "{INDENT}space: {}",
            sanitize(&complexity.space)
        )));
    }
    section(&mut out, "Follow-up questions");
    bullets(&mut out, &card.follow_ups);
    Text::from(out)
}
