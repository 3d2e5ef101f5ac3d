//! What the card view's panes hold, as styled lines: the Question pane (title, facts,
//! prompt and, after the reveal, the answer's prose), the code panes' solutions with line
//! numbers, and a behavioural card's STAR outline.

use std::borrow::Cow;

use ratatui::text::{Line, Text};

use super::panes::has_diagram;
use super::theme;
use crate::content::{Card, FollowUp};
use crate::markdown;
use crate::shown;
use crate::state::{App, Pane};
use crate::text::{Shown, line, raw, span};
use crate::theme::Theme;
use crate::wrap::wrap;

/// The Question pane's rows at `width`: computed by `update` when they change.
pub fn question_rows(app: &App, width: u16) -> Vec<Line<'static>> {
    match app.current_card().and_then(|i| app.card(i)) {
        Some((deck, card)) => wrap(&question_lines(app, deck, card, theme(app)), width),
        None => Vec::new(),
    }
}

/// The rows a pane draws at `width`, before scrolling; borrowed from what `update` and
/// the shell prepared whenever possible, so a frame copies only the visible rows.
pub fn pane_rows(app: &App, pane: Pane, width: u16) -> Cow<'_, [Line<'static>]> {
    let Some(index) = app.current_card() else {
        return Cow::Owned(Vec::new());
    };
    let Some((_, card)) = app.card(index) else {
        return Cow::Owned(Vec::new());
    };
    let t = theme(app);
    match pane {
        Pane::Question => {
            if app.card_view.question_key == Some((index, app.revealed(), width)) {
                Cow::Borrowed(&app.card_view.question_rows)
            } else {
                Cow::Owned(question_rows(app, width))
            }
        }
        Pane::Python | Pane::Rust => {
            if !app.revealed() {
                return Cow::Owned(hidden_note(app, t));
            }
            if let Some(star) = &card.star {
                return Cow::Owned(wrap(&star_lines(star, t), width));
            }
            let slot = usize::from(pane == Pane::Rust);
            // The shell read the card's code when it opened the card (`Shell::highlight`);
            // the highlighted rows, when there, are all the view needs.
            if let Some(h) = app.highlights.solutions.get(&index) {
                return Cow::Borrowed(&h[slot]);
            }
            match card.code() {
                Some((python, rust)) => {
                    let source = if slot == 1 {
                        &rust.solution
                    } else {
                        &python.solution
                    };
                    Cow::Owned(plain_code(source, t))
                }
                // A coding card whose code the cache no longer gives back.
                None if card.has_code() => Cow::Owned(wrap(
                    &[line(
                        Shown::from(crate::content::cache::UNREADABLE),
                        t.error(),
                    )],
                    width,
                )),
                None => Cow::Owned(Vec::new()),
            }
        }
        Pane::Diagram => Cow::Owned(Vec::new()),
    }
}

/// The titles of the Question pane's sections after the reveal, as `question_lines`
/// writes them: a pane that has more below names those still out of sight.
const SECTIONS: [&str; 6] = [
    "In two minutes",
    "Explanation",
    "Key points",
    "Pitfalls",
    "Complexity",
    "Follow-up questions",
];

/// The section titles among `rows`, in order.
pub fn sections_in(rows: &[Line<'_>]) -> Vec<&'static str> {
    rows.iter()
        .filter_map(|row| {
            let text: String = row.spans.iter().map(|s| s.content.as_ref()).collect();
            SECTIONS.iter().copied().find(|title| text == *title)
        })
        .collect()
}

fn section(out: &mut Vec<Line<'static>>, title: &'static str, t: Theme) {
    out.push(Line::default());
    out.push(line(title, t.accent()));
}

fn bullets<'a>(out: &mut Vec<Line<'static>>, items: impl IntoIterator<Item = &'a Shown>, t: Theme) {
    for item in items {
        out.extend(markdown::item(item, "• ", &t.markdown()));
    }
}

/// Card text is Markdown: one line a paragraph or list item, wrapped later to the pane.
fn prose(out: &mut Vec<Line<'static>>, text: &str, t: Theme) {
    out.extend(markdown::lines(text, &t.markdown()));
}

/// [`prose`], with fenced Python and Rust blocks as the shell highlighted them.
fn prose_with_code(out: &mut Vec<Line<'static>>, text: &str, app: &App, t: Theme) {
    let highlighted = |code: &str, info: &str| {
        let (key, _) = crate::highlight::block_key(info, code)?;
        app.highlights.code.get(&key).cloned()
    };
    out.extend(markdown::lines_highlighted(
        text,
        &t.markdown(),
        &highlighted,
    ));
}

/// The practice screen's Question pane: the card's title and prompt (with its fenced
/// code highlighted), nothing of the answer.
pub fn practice_question(app: &App, card: &Card, t: Theme) -> Vec<Line<'static>> {
    let mut out = vec![line(card.title.clone(), t.title()), Line::default()];
    prose_with_code(&mut out, &card.prompt, app, t);
    out
}

/// The Question pane: title, facts, prompt; after the reveal, the explanation and the
/// rest of the answer.
fn question_lines(
    app: &App,
    deck: &crate::content::Deck,
    card: &Card,
    t: Theme,
) -> Vec<Line<'static>> {
    let mut out = vec![line(card.title.clone(), t.title())];
    let topic = deck.topic_name(&card.topic);
    let mut facts = format!("{topic} · {}", card.difficulty.label());
    if !card.tags.is_empty() {
        facts.push_str(" · ");
        facts.push_str(&card.tags.join(", "));
    }
    if let Some(state) = app.study.states.get(card.id.as_str())
        && state.is_leech()
    {
        facts.push_str(" · leech");
    }
    out.push(line(Shown::from(facts), t.dim()));
    out.push(Line::default());
    prose_with_code(&mut out, &card.prompt, app, t);
    if !app.revealed() {
        out.push(Line::default());
        // On the LRU card the console drives the lab, so it keeps no attempt.
        out.push(line(
            Shown::from(crate::hints::prompt(has_diagram(app))),
            t.dim(),
        ));
        return out;
    }
    if let Some(spoken) = &card.spoken {
        section(&mut out, "In two minutes", t);
        prose_with_code(&mut out, spoken, app, t);
    }
    section(&mut out, "Explanation", t);
    prose_with_code(&mut out, &card.explanation, app, t);
    section(&mut out, "Key points", t);
    bullets(&mut out, &card.key_points, t);
    section(&mut out, "Pitfalls", t);
    bullets(&mut out, &card.pitfalls, t);
    if let Some(c) = &card.complexity {
        section(&mut out, "Complexity", t);
        for (label, text) in [("time: ", &c.time), ("space: ", &c.space)] {
            let mut spans = vec![raw(label)];
            spans.extend(markdown::inline(text, &t.markdown()));
            out.push(Line::from(spans));
        }
    }
    section(&mut out, "Follow-up questions", t);
    bullets(&mut out, card.follow_ups.iter().map(FollowUp::ask), t);
    out
}

/// A behavioural card's answer outline.
fn star_lines(star: &crate::content::Star, t: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (label, text) in [
        ("Situation", &star.situation),
        ("Task", &star.task),
        ("Action", &star.action),
        ("Result", &star.result),
    ] {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(line(label, t.accent()));
        prose(&mut out, text, t);
    }
    out
}

fn hidden_note(app: &App, t: Theme) -> Vec<Line<'static>> {
    vec![
        line(Shown::from(crate::hints::hidden()), t.dim()),
        Line::default(),
        line(
            Shown::from(crate::hints::own_attempt(has_diagram(app))),
            t.dim(),
        ),
    ]
}

/// Code without highlighting (colour off, or not highlighted yet), with line numbers.
pub fn plain_code(source: &str, t: Theme) -> Vec<Line<'static>> {
    with_gutter(crate::highlight::plain(source), t)
}

/// Prefixes each line with its number, right-aligned.
pub fn with_gutter(text: Text<'static>, t: Theme) -> Vec<Line<'static>> {
    let digits = text.lines.len().to_string().len();
    text.lines
        .into_iter()
        .enumerate()
        .map(|(i, mut line)| {
            line.spans
                .insert(0, span(shown!("{:>digits$} ", i + 1), t.dim()));
            line
        })
        .collect()
}
