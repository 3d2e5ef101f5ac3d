//! The card view: Question, Python, Rust and (for cards with a visual) Diagram panes, the
//! console, and the session's end screens. Side by side from 160 columns; below that the
//! two code panes share one slot (the focused one shows) and so do Question and Diagram.

use std::borrow::Cow;

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::theme::Theme;
use super::{frame_areas, theme, wrap::wrap};
use crate::content::Card;
use crate::markdown;
use crate::state::{App, Pane, Phase};
use crate::text::sanitize;

/// Width from which Python and Rust sit side by side.
pub const WIDE: u16 = 160;

/// Where each pane is drawn (`None`: not shown now).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub question: Option<Rect>,
    pub python: Option<Rect>,
    pub rust: Option<Rect>,
    pub diagram: Option<Rect>,
}

impl Areas {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Question => self.question,
            Pane::Python => self.python,
            Pane::Rust => self.rust,
            Pane::Diagram => self.diagram,
        }
    }
}

/// Whether the current card has a live diagram (the LRU lab draws `visual: lru`).
pub fn has_diagram(app: &App) -> bool {
    app.current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.visual.is_some())
}

/// Rows (inside its border) the top slot keeps for the Diagram when the card has one:
/// the compact drawing of a small cache and its last few operations. A constant, so the
/// panes do not grow and shrink while the lab's log fills.
const DIAGRAM_ROWS: u16 = 10;

/// The fewest rows (borders included) the top slot gets: three rows of text.
const MIN_TOP: u16 = 5;

/// The pane rects for the card view in `body`. The top slot (Question, and the Diagram
/// when the card has one) is as tall as its text needs, within limits; the code panes
/// get the rest.
pub fn layout(app: &App, body: Rect) -> Areas {
    let focus = app.view.focus();
    let diagram = has_diagram(app);
    if app.view.zoom {
        let mut areas = Areas::default();
        match focus {
            Pane::Question => areas.question = Some(body),
            Pane::Python => areas.python = Some(body),
            Pane::Rust => areas.rust = Some(body),
            Pane::Diagram => areas.diagram = Some(body),
        }
        return areas;
    }
    let behavioral = is_behavioral(app);
    let side_by_side = body.width >= WIDE && !behavioral;
    // The Question's width does not depend on the heights, so its text can be measured
    // before the heights are chosen.
    let halves = |area: Rect| Layout::horizontal([Constraint::Percentage(50); 2]).areas(area);
    let question_width = if side_by_side && diagram {
        halves(body)[0].width
    } else {
        body.width
    };
    let mut need = content_height(app, Pane::Question, question_width.saturating_sub(2));
    if diagram {
        need = need.max(DIAGRAM_ROWS);
    }
    // The answer panes' widths do not depend on the heights either. Both code panes
    // count, even where only one shows, so a Tab between them does not move the split.
    let code_width = if side_by_side {
        halves(body)[0].width
    } else {
        body.width
    };
    let answer_need = [Pane::Python, Pane::Rust]
        .map(|pane| content_height(app, pane, code_width.saturating_sub(2)))
        .into_iter()
        .max()
        .unwrap_or(0);
    let top_h = top_height(
        body.height,
        need.saturating_add(2),
        answer_need.saturating_add(2),
    );
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(body);
    let mut areas = Areas::default();
    if behavioral {
        areas.python = Some(bottom);
        areas.question = Some(top);
        return areas;
    }
    if side_by_side {
        let [left, right] = halves(bottom);
        areas.python = Some(left);
        areas.rust = Some(right);
        if diagram {
            let [q, d] = halves(top);
            areas.question = Some(q);
            areas.diagram = Some(d);
        } else {
            areas.question = Some(top);
        }
    } else {
        if focus == Pane::Rust {
            areas.rust = Some(bottom);
        } else {
            areas.python = Some(bottom);
        }
        if diagram && focus == Pane::Diagram {
            areas.diagram = Some(top);
        } else {
            areas.question = Some(top);
        }
    }
    areas
}

/// The top slot's height (borders included) in a body `body` rows tall, for a question
/// that needs `need` rows and answer panes that need `answer` (borders included both).
/// The question gets what it needs, but at least [`MIN_TOP`]; the answer panes keep
/// what they need up to three fifths of the body (before the reveal they hold a short
/// note, so the question may take nearly everything), and any rows they do not need go
/// to the question.
fn top_height(body: u16, need: u16, answer: u16) -> u16 {
    let kept = answer.min(body - (body * 2 / 5).max(7).min(body));
    need.min(body - kept).max(MIN_TOP).min(body)
}

/// How many rows a pane's text takes at `width` (inside its border): what the layout
/// sizes the panes by. The Diagram fits itself to whatever it gets and counts none.
pub fn content_height(app: &App, pane: Pane, width: u16) -> u16 {
    let rows = match pane {
        Pane::Diagram => 0,
        _ => pane_rows(app, pane, width).len(),
    };
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn inner(rect: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(rect)
}

fn card_areas(app: &App) -> Areas {
    let (w, h) = app.size;
    let body = frame_areas(Rect::new(0, 0, w, h), true).body;
    layout(app, body)
}

/// Whether the pane is drawn now, at the current terminal size, focus and zoom.
pub fn is_shown(app: &App, pane: Pane) -> bool {
    card_areas(app).get(pane).is_some()
}

/// Rows the pane can show.
pub fn page_height(app: &App, pane: Pane) -> u16 {
    card_areas(app).get(pane).map_or(0, |r| inner(r).height)
}

/// The width inside the pane's border, when the pane is shown.
pub fn inner_width(app: &App, pane: Pane) -> Option<u16> {
    card_areas(app).get(pane).map(|r| inner(r).width)
}

/// How far the pane can scroll: content rows less visible rows.
pub fn max_scroll(app: &App, pane: Pane) -> u16 {
    let Some(rect) = card_areas(app).get(pane) else {
        return 0;
    };
    let inner = inner(rect);
    let rows = pane_rows(app, pane, inner.width).len();
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height)
}

/// The Question pane's rows at `width`: computed by `update` when they change.
pub fn question_rows(app: &App, width: u16) -> Vec<Line<'static>> {
    match app.current_card().and_then(|i| app.card(i)) {
        Some((deck, card)) => wrap(&question_lines(app, deck, card, theme(app)), width),
        None => Vec::new(),
    }
}

/// The rows a pane draws at `width`, before scrolling; borrowed from what `update` and
/// the shell prepared whenever possible, so a frame copies only the visible rows.
fn pane_rows(app: &App, pane: Pane, width: u16) -> Cow<'_, [Line<'static>]> {
    let Some(index) = app.current_card() else {
        return Cow::Owned(Vec::new());
    };
    let Some((_, card)) = app.card(index) else {
        return Cow::Owned(Vec::new());
    };
    let t = theme(app);
    match pane {
        Pane::Question => {
            if app.view.question_key == Some((index, app.revealed(), width)) {
                Cow::Borrowed(&app.view.question_rows)
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
            match (app.highlights.get(&index), card.code()) {
                (Some(h), _) => Cow::Borrowed(&h[slot]),
                (None, Some((python, rust))) => {
                    let source = if slot == 1 {
                        &rust.solution
                    } else {
                        &python.solution
                    };
                    Cow::Owned(plain_code(source, t))
                }
                (None, None) => Cow::Owned(Vec::new()),
            }
        }
        Pane::Diagram => Cow::Owned(Vec::new()),
    }
}

/// The titles of the Question pane's sections after the reveal, as `question_lines`
/// writes them: a pane that has more below names those still out of sight.
const SECTIONS: [&str; 5] = [
    "Explanation",
    "Key points",
    "Pitfalls",
    "Complexity",
    "Follow-up questions",
];

/// The section titles among `rows`, in order.
fn sections_in(rows: &[Line<'_>]) -> Vec<&'static str> {
    rows.iter()
        .filter_map(|row| {
            let text: String = row.spans.iter().map(|s| s.content.as_ref()).collect();
            SECTIONS.iter().copied().find(|title| text == *title)
        })
        .collect()
}

fn section(out: &mut Vec<Line<'static>>, title: &str, t: Theme) {
    out.push(Line::default());
    out.push(Line::styled(title.to_string(), t.accent()));
}

fn bullets(out: &mut Vec<Line<'static>>, items: &[crate::text::Shown], t: Theme) {
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
        app.code_highlights.get(&key).cloned()
    };
    out.extend(markdown::lines_highlighted(
        text,
        &t.markdown(),
        &highlighted,
    ));
}

/// The Question pane: title, facts, prompt; after the reveal, the explanation and the
/// rest of the answer.
fn question_lines(
    app: &App,
    deck: &crate::content::Deck,
    card: &Card,
    t: Theme,
) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(sanitize(&card.title).into_owned(), t.title())];
    let topic = deck.topic_name(&card.topic);
    let mut facts = format!("{topic} · {}", card.difficulty.label());
    if !card.tags.is_empty() {
        facts.push_str(" · ");
        facts.push_str(&card.tags.join(", "));
    }
    if let Some(state) = app.states.get(card.id.as_str())
        && state.is_leech()
    {
        facts.push_str(" · leech");
    }
    out.push(Line::styled(facts, t.dim()));
    out.push(Line::default());
    prose_with_code(&mut out, &card.prompt, app, t);
    if !app.revealed() {
        out.push(Line::default());
        // On the LRU card the console drives the lab, so it keeps no attempt.
        out.push(Line::styled(
            super::hints::prompt(has_diagram(app)),
            t.dim(),
        ));
        return out;
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
            let mut spans = vec![Span::raw(label)];
            spans.extend(markdown::inline(text, &t.markdown()));
            out.push(Line::from(spans));
        }
    }
    section(&mut out, "Follow-up questions", t);
    bullets(&mut out, &card.follow_ups, t);
    out
}

/// While the diagram shows an operation, the code panes mark the lines of their solution
/// that the operation runs (the card's `code_links`), with a `▶` and reverse video so
/// it shows without colour.
fn mark_linked_lines(app: &App, pane: Pane, first_row: usize, rows: &mut [Line<'static>]) {
    let lang = match pane {
        Pane::Python => crate::highlight::Lang::Python,
        Pane::Rust => crate::highlight::Lang::Rust,
        _ => return,
    };
    if !app.revealed() {
        return;
    }
    let (Some(event), Some((_, card))) = (
        app.lab.as_ref().and_then(crate::lru::lab::Lab::last),
        app.current_card().and_then(|i| app.card(i)),
    ) else {
        return;
    };
    for linked in crate::lru::links::lines_for_event(card, lang, event) {
        let Some(row) = linked
            .line
            .checked_sub(1 + first_row)
            .and_then(|r| rows.get_mut(r))
        else {
            continue;
        };
        // The marker takes the gutter's trailing space, so the code does not shift.
        if let Some(gutter) = row.spans.first_mut() {
            gutter.content = format!("{}▶", gutter.content.trim_end()).into();
        }
        *row = std::mem::take(row).patch_style(
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
    }
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
        out.push(Line::styled(label.to_string(), t.accent()));
        prose(&mut out, text, t);
    }
    out
}

/// A behavioural card: one answer pane (the STAR outline) instead of two code panes.
pub fn is_behavioral(app: &App) -> bool {
    app.current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.star.is_some())
}

fn hidden_note(app: &App, t: Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(super::hints::hidden(), t.dim()),
        Line::default(),
        Line::styled(super::hints::own_attempt(has_diagram(app)), t.dim()),
    ]
}

/// Code without highlighting (colour off, or not highlighted yet), with line numbers.
pub fn plain_code(source: &str, t: Theme) -> Vec<Line<'static>> {
    let text = Text::from(
        sanitize(source.trim_end())
            .lines()
            .map(|l| Line::from(l.to_string()))
            .collect::<Vec<_>>(),
    );
    with_gutter(text, t)
}

/// Prefixes each line with its number, right-aligned.
pub fn with_gutter(text: Text<'static>, t: Theme) -> Vec<Line<'static>> {
    let digits = text.lines.len().to_string().len();
    text.lines
        .into_iter()
        .enumerate()
        .map(|(i, mut line)| {
            line.spans
                .insert(0, Span::styled(format!("{:>digits$} ", i + 1), t.dim()));
            line
        })
        .collect()
}

fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let t = theme(app);
    let focused = app.view.focus() == pane;
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
        .title(Span::styled(
            title,
            if focused { t.focus_border() } else { t.title() },
        ))
}

fn pane_title(app: &App, pane: Pane) -> String {
    let wide = app.size.0 >= WIDE;
    let tabs = |a: Pane, b: Pane| {
        let mark = |p: Pane| {
            if p == pane {
                format!("[{}]", p.title())
            } else {
                p.title().to_string()
            }
        };
        format!(" {} {} ", mark(a), mark(b))
    };
    match pane {
        Pane::Python if is_behavioral(app) => " Answer outline (STAR) ".to_string(),
        Pane::Python | Pane::Rust if !wide && !app.view.zoom => tabs(Pane::Python, Pane::Rust),
        Pane::Question | Pane::Diagram if !wide && !app.view.zoom && has_diagram(app) => {
            tabs(Pane::Question, Pane::Diagram)
        }
        _ => format!(" {} ", pane.title()),
    }
}

pub fn render(frame: &mut Frame, body: Rect, app: &App) {
    let areas = layout(app, body);
    for pane in Pane::ALL {
        let Some(rect) = areas.get(pane) else {
            continue;
        };
        let block = pane_block(app, pane, pane_title(app, pane));
        let inner = block.inner(rect);
        if pane == Pane::Diagram {
            if let Some(lab) = &app.lab {
                frame.render_widget(&block, rect);
                frame.render_widget(
                    crate::lru::diagram::Diagram {
                        lab,
                        color: app.color,
                    },
                    inner,
                );
            }
            continue;
        }
        let scroll = app.view.scroll[pane.index()];
        let all = pane_rows(app, pane, inner.width);
        let start = usize::from(scroll).min(all.len());
        let end = (start + usize::from(inner.height)).min(all.len());
        let mut rows: Vec<Line<'static>> = all[start..end].to_vec();
        mark_linked_lines(app, pane, start, &mut rows);
        let block = super::with_scroll_hint(
            block,
            rect.width,
            (start, all.len() - end),
            &sections_in(&all[end..]),
            theme(app),
        );
        frame.render_widget(Paragraph::new(rows).block(block), rect);
    }
}

pub fn render_console(frame: &mut Frame, area: Rect, app: &App) {
    let t = theme(app);
    let active = app.console.active;
    let last = app.console.output.last().map(|l| sanitize(l).into_owned());
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_type(if active {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if active { t.focus_border() } else { t.border() })
        .title(Span::styled(
            " Console ",
            if active { t.focus_border() } else { t.title() },
        ));
    if let Some(last) = last {
        block = block.title_bottom(Span::styled(format!(" {last} "), t.dim()));
    }
    if let Some(left) = review_left(app) {
        block = block.title(Line::styled(left, t.dim()).right_aligned());
    }
    // An answer of several lines shows the cursor's line, and says which it is.
    let (line_text, number, lines, cursor) = app.console.cursor_line();
    if lines > 1 {
        block = block.title(Span::styled(format!(" line {number} of {lines} "), t.dim()));
    }
    let inner = block.inner(area);
    // A line longer than the box scrolls sideways so the cursor stays in view.
    let room = usize::from(inner.width.saturating_sub(3)).max(1);
    let (shown, cursor_col) = visible_input(line_text, cursor, room);
    let line = if active || !app.console.input.is_empty() {
        Line::from(vec![Span::styled("› ", t.key()), Span::raw(shown)])
    } else if app.screen == crate::state::Screen::Quiz {
        use super::hints::QuizConsole;
        let at = match app.quiz.as_ref().map(|q| (q.takes_text(), q.phase())) {
            Some((true, _)) => QuizConsole::Typed,
            Some((false, crate::quiz::Phase::Answering(_))) => QuizConsole::Keys,
            Some((false, crate::quiz::Phase::Feedback { .. })) => QuizConsole::Feedback,
            Some((false, crate::quiz::Phase::Finished)) | None => QuizConsole::Finished,
        };
        Line::styled(super::hints::quiz_console(at), t.dim())
    } else {
        let lab = app.lab.is_some() && has_diagram(app);
        Line::styled(super::hints::card_console(lab), t.dim())
    };
    frame.render_widget(Paragraph::new(line).block(block), area);
    if active {
        let x = inner
            .x
            .saturating_add(2)
            .saturating_add(u16::try_from(cursor_col).unwrap_or(u16::MAX));
        if x < inner.right() {
            frame.set_cursor_position((x, inner.y));
        }
    }
}

/// What is left of a review, on the console's top border where every card shows it:
/// Anki's counts (`19 new · 1 learning · 3 due`), or the cards left to practise.
fn review_left(app: &App) -> Option<String> {
    if app.screen != crate::state::Screen::Review {
        return None;
    }
    let session = app.review.as_ref()?;
    session.phase.card()?;
    let left = crate::update::session_counts(app)?;
    Some(if session.practice {
        format!(" practice · {} left ", left.today())
    } else {
        format!(
            " {} new · {} learning · {} due ",
            left.new, left.learning, left.review
        )
    })
}

/// The part of `input` (sanitized) that fits `room` columns with the cursor (a char
/// index) in view, and the cursor's column within it.
pub(super) fn visible_input(input: &str, cursor: usize, room: usize) -> (String, usize) {
    use unicode_width::UnicodeWidthChar as _;
    let chars: Vec<(String, usize)> = input
        .chars()
        .map(|c| {
            let shown = sanitize(c.encode_utf8(&mut [0; 4])).into_owned();
            let width = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            (shown, width)
        })
        .collect();
    let cursor = cursor.min(chars.len());
    // Start as far left as keeps the cursor within `room` columns.
    let mut start = 0;
    let mut col: usize = chars[..cursor].iter().map(|(_, w)| w).sum();
    while col >= room && start < cursor {
        col -= chars[start].1;
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for (text, width) in &chars[start..] {
        if used + width > room {
            break;
        }
        shown.push_str(text);
        used += width;
    }
    (shown, col)
}

/// Human-friendly time until: 45s, 10m, 3h, 4d, 2.5mo, 1.2y.
pub fn interval_label(seconds: i64) -> String {
    let s = seconds.max(0);
    #[allow(clippy::cast_precision_loss)]
    let days = s as f64 / 86_400.0;
    if s < 60 {
        format!("{s}s")
    } else if s < 3_600 {
        format!("{}m", (s + 30) / 60)
    } else if s < 86_400 {
        format!("{}h", (s + 1_800) / 3_600)
    } else if days < 30.0 {
        format!("{}d", days.round())
    } else if days < 365.0 {
        format!("{:.1}mo", days / 30.0)
    } else {
        format!("{:.1}y", days / 365.0)
    }
}

/// The summary after the last card, or the wait for a learning card.
pub fn render_session_end(frame: &mut Frame, body: Rect, app: &App) {
    let t = theme(app);
    let Some(session) = app.review.as_ref() else {
        return;
    };
    let now = app.now;
    let reviewed: std::collections::BTreeSet<usize> =
        session.graded.iter().map(|g| g.card).collect();
    let agains = session
        .graded
        .iter()
        .filter(|g| g.rating == crate::srs::Rating::Again)
        .count();
    let spent_ms: u64 = session.graded.iter().map(|g| g.duration_ms).sum();
    let mut lines = vec![];
    match &session.phase {
        Phase::Waiting { until } => {
            lines.push(Line::styled(
                "Waiting for a learning card".to_string(),
                t.accent(),
            ));
            lines.push(Line::from(format!(
                "The next one is due in {}; it comes back here by itself.",
                interval_label(until.duration_since(now).as_secs())
            )));
        }
        _ => {
            let title = if session.practice && session.graded.is_empty() {
                // Nothing due, no new card left today, nothing studied to practise.
                "Nothing to study now"
            } else if session.practice {
                "Practice done (nothing was saved)"
            } else {
                "Session done"
            };
            lines.push(Line::styled(title.to_string(), t.accent()));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(format!(
        "{} reviewed, {} again, {} answering",
        plural(reviewed.len(), "card"),
        agains,
        interval_label(i64::try_from(spent_ms / 1000).unwrap_or(0))
    )));
    let left = app.home_due;
    if session.phase == Phase::Finished && left.today() > 0 && !session.practice {
        lines.push(Line::from(super::hints::summary_left(&left.summary())));
    } else if let Some(next) = next_due(app, now) {
        lines.push(Line::from(format!(
            "Next card due in {} ({})",
            interval_label(next.duration_since(now).as_secs()),
            app.days.local_time(next)
        )));
    }
    lines.push(Line::default());
    lines.push(Line::styled(super::hints::summary_keys(), t.dim()));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Review ", t.title()));
    frame.render_widget(Clear, body);
    frame.render_widget(Paragraph::new(lines).block(block), body);
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn next_due(app: &App, now: Timestamp) -> Option<Timestamp> {
    app.states
        .values()
        .map(|s| s.due)
        .filter(|d| *d > now)
        .min()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_console_line_scrolls_to_keep_the_cursor_in_view() {
        use super::visible_input;
        assert_eq!(visible_input("abc", 3, 10), ("abc".to_string(), 3));
        let long = "a".repeat(30) + "END";
        let (shown, col) = visible_input(&long, 33, 10);
        assert!(shown.ends_with("END"), "{shown}");
        assert_eq!(col, 9);
        assert_eq!(shown.chars().count(), 9);
        // Cursor at the start: the start shows.
        let (shown, col) = visible_input(&long, 0, 10);
        assert_eq!((shown.len(), col), (10, 0));
    }
}
