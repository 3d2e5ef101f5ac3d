//! A whole card as styled text: what `tutor show` prints.
#![deny(clippy::disallowed_methods)] // text only through `text::{span, line}` (clippy.toml)

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Text};

use crate::content::{Card, Deck, FollowUp};
use crate::highlight::{Highlighter, Lang};
use crate::markdown::{self, Styles};
use crate::shown;
use crate::text::{Shown, line, raw, span};

const INDENT: &str = "  ";

fn heading(title: &str) -> Line<'static> {
    Line::from(span(
        Shown::from(title.to_uppercase()),
        Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
    ))
}

/// How Markdown in a card is styled on a terminal (`--plain` drops the styles).
const MARKDOWN: Styles = Styles {
    strong: Style::new().add_modifier(Modifier::BOLD),
    emphasis: Style::new().add_modifier(Modifier::ITALIC),
    code: Style::new().fg(Color::Cyan),
    code_block: Style::new(),
    heading: Style::new().add_modifier(Modifier::BOLD),
    link: Style::new().add_modifier(Modifier::UNDERLINED),
    marker: Style::new(),
};

/// Columns `show` wraps text to when stdout is not a terminal.
pub const WIDTH: u16 = 80;

/// `lines` wrapped to `width` columns less the indent, then indented.
fn indented(out: &mut Vec<Line<'static>>, lines: &[Line<'static>], width: u16) {
    let room = width.saturating_sub(2).max(20);
    for mut line in crate::wrap::wrap(lines, room) {
        if !line.spans.is_empty() {
            line.spans.insert(0, raw(INDENT));
        }
        out.push(line);
    }
}

/// Markdown text, rendered; fenced Python and Rust blocks highlighted when a
/// highlighter is given.
fn prose(out: &mut Vec<Line<'static>>, text: &str, highlighter: Option<&Highlighter>, width: u16) {
    let lines = match highlighter {
        Some(h) => {
            let highlight = |code: &str, lang: &str| {
                Lang::from_info(lang).map(|lang| h.highlight(code, lang).lines)
            };
            markdown::lines_highlighted(text, &MARKDOWN, &highlight)
        }
        None => markdown::lines(text, &MARKDOWN),
    };
    indented(out, &lines, width);
}

fn bullets<'a>(
    out: &mut Vec<Line<'static>>,
    items: impl IntoIterator<Item = &'a Shown>,
    width: u16,
) {
    for item in items {
        indented(out, &markdown::item(item, "• ", &MARKDOWN), width);
    }
}

fn code(out: &mut Vec<Line<'static>>, source: &str, lang: Lang, highlighter: Option<&Highlighter>) {
    let text = match highlighter {
        Some(h) => h.highlight(source.trim_end(), lang),
        None => crate::highlight::plain(source),
    };
    for mut line in text.lines {
        line.spans.insert(0, raw(INDENT));
        out.push(line);
    }
}

/// The card in reading order: title and facts, prompt, both solutions, explanation, key
/// points, pitfalls, complexity, follow-ups. Card text is Markdown, rendered and wrapped
/// to `width` columns (code is not wrapped). Code is highlighted when a highlighter is
/// given. Card text is display-safe as loaded ([`Shown`]); code is sanitized by
/// `highlight`.
pub fn card_text(
    deck: &Deck,
    card: &Card,
    highlighter: Option<&Highlighter>,
    width: u16,
) -> Text<'static> {
    let mut out = Vec::new();
    out.push(Line::from(vec![
        span(
            card.title.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        span(shown!("  [{}]", card.id), Style::new().fg(Color::DarkGray)),
    ]));
    let mut facts = format!(
        "{} · {} · {}",
        deck.meta.title,
        deck.topic_name(&card.topic),
        card.difficulty.label()
    );
    if !card.tags.is_empty() {
        facts.push_str(" · ");
        facts.push_str(&card.tags.join(", "));
    }
    out.push(line(Shown::from(facts), Style::new().fg(Color::DarkGray)));
    let section = |out: &mut Vec<Line<'static>>, title: &str| {
        out.push(Line::default());
        out.push(heading(title));
    };
    section(&mut out, "Question");
    prose(&mut out, &card.prompt, highlighter, width);
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
            out.push(line(
                shown!("{INDENT}{label}"),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            prose(&mut out, text, highlighter, width);
        }
    }
    if let Some(spoken) = &card.spoken {
        section(&mut out, "In two minutes");
        prose(&mut out, spoken, highlighter, width);
    }
    section(&mut out, "Explanation");
    prose(&mut out, &card.explanation, highlighter, width);
    section(&mut out, "Key points");
    bullets(&mut out, &card.key_points, width);
    section(&mut out, "Pitfalls");
    bullets(&mut out, &card.pitfalls, width);
    if let Some(complexity) = &card.complexity {
        section(&mut out, "Complexity");
        for (label, text) in [
            ("time:  ", &complexity.time),
            ("space: ", &complexity.space),
        ] {
            let mut spans = vec![raw(shown!("{INDENT}{label}"))];
            spans.extend(markdown::inline(text, &MARKDOWN));
            out.push(Line::from(spans));
        }
    }
    section(&mut out, "Follow-up questions");
    bullets(&mut out, card.follow_ups.iter().map(FollowUp::ask), width);
    Text::from(out)
}
