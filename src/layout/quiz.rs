//! The quiz screen's text: the item being answered (options, gaps, lines to order, or a recall
//! question), then the feedback with the explanation, then the scorecard.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::theme;
use crate::content::{ClozePart, QuizItem};
use crate::hints;
use crate::markdown;
use crate::quiz::score::{OptionMark, PointMark, denial_note};
use crate::quiz::{AnswerState, QuizSession, QuizStep, Verdict};
use crate::shown;
use crate::state::App;
use crate::text::{Shown, line, raw, span};
use crate::theme::Theme;
use crate::wrap::wrap;

/// The screen's rows before wrapping, and its title.
pub fn content(app: &App) -> Option<(Shown, Vec<Line<'static>>)> {
    let t = theme(app);
    let session = app.quiz()?;
    Some(match session.phase() {
        QuizStep::Finished => (Shown::new(" Quiz: scorecard "), scorecard(session, t)),
        phase => {
            let current = session.current()?;
            let title = shown!(
                " Quiz {}/{} · {} · {} ",
                session.position() + 1,
                session.items().len(),
                current.card_title,
                current.item.kind().title()
            );
            // Highlighted when the quiz started (the shell did it), else plain.
            let code = crate::highlight::quiz_key(&current.item)
                .and_then(|key| app.highlights.code.get(&key))
                .map(Vec::as_slice);
            let lines = match phase {
                QuizStep::Answering(answer) => answering(&current.item, answer, code, t),
                QuizStep::Feedback {
                    answer,
                    verdict,
                    gave_up,
                } => {
                    let claims = Claims {
                        claimed: session.claimed(),
                        cursor: session.claimable(),
                    };
                    feedback(&current.item, answer, verdict, *gave_up, claims, code, t)
                }
                QuizStep::Finished => Vec::new(),
            };
            (title, lines)
        }
    })
}

/// Rows of the answer editor's pane, borders included (at most half the body).
const EDITOR_ROWS: u16 = 10;

/// The quiz's body split in the item's pane and, while a free-recall item is answered,
/// the answer editor's pane under it.
pub fn areas(app: &App, body: Rect) -> (Rect, Option<Rect>) {
    if app.quiz().and_then(QuizSession::editor).is_none() {
        return (body, None);
    }
    let rows = EDITOR_ROWS.min(body.height / 2);
    let [item, editor] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(body);
    (item, Some(editor))
}

/// Inside the item's pane's border.
fn item_inner(app: &App) -> Rect {
    let (w, h) = app.size;
    let body = super::frame_areas(Rect::new(0, 0, w, h), true).body;
    Block::new().borders(Borders::ALL).inner(areas(app, body).0)
}

/// How many rows of the quiz show at once.
pub fn page_height(app: &App) -> u16 {
    item_inner(app).height
}

/// How far the quiz screen can scroll at the current terminal size.
pub fn max_scroll(app: &App) -> u16 {
    let inner = item_inner(app);
    let rows = content(app).map_or(0, |(_, lines)| wrap(&lines, inner.width).len());
    u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height)
}

/// The question (Markdown), in bold.
fn question(out: &mut Vec<Line<'static>>, text: &str, t: Theme) {
    for line in markdown::lines(text, &t.markdown()) {
        out.push(styled(line.spans, t.title()));
    }
    out.push(Line::default());
}

/// `spans` as a line with `style` under each span's own (so inline code keeps its
/// colour on a selected or coloured line).
fn styled(spans: Vec<Span<'static>>, style: Style) -> Line<'static> {
    Line::from(
        spans
            .into_iter()
            .map(|s| {
                let own = s.style;
                s.style(style.patch(own))
            })
            .collect::<Vec<_>>(),
    )
}

/// `prefix`, the Markdown text `md` on one line, then `suffix`, all in `style`.
fn text_line(prefix: Shown, md: &str, suffix: Shown, style: Style, t: Theme) -> Line<'static> {
    let mut spans = vec![raw(prefix)];
    spans.extend(markdown::inline(md, &t.markdown()));
    if !suffix.is_empty() {
        spans.push(raw(suffix));
    }
    styled(spans, style)
}

fn marked(cursor: bool, prefix: Shown, md: &str, t: Theme) -> Line<'static> {
    let style = if cursor { t.selected() } else { Style::new() };
    text_line(prefix, md, Shown::default(), style, t)
}

/// One line of a reorder item: highlighted when `code` has it, else plain.
fn code_line(code: Option<&[Line<'static>]>, lines: &[&str], i: usize) -> Vec<Span<'static>> {
    match code
        .filter(|c| c.len() == lines.len())
        .and_then(|c| c.get(i))
    {
        Some(line) => line.spans.clone(),
        None => vec![raw(Shown::new(lines.get(i).copied().unwrap_or("")))],
    }
}

/// The item as it is being answered.
#[allow(clippy::too_many_lines)] // one arm per kind of item, each short
pub fn answering(
    item: &QuizItem,
    answer: &AnswerState,
    code: Option<&[Line<'static>]>,
    t: Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    match (item, answer) {
        (QuizItem::Single(q), AnswerState::Single { choice }) => {
            question(&mut out, &q.question, t);
            for (i, option) in q.options.iter().enumerate() {
                let on = *choice == Some(i);
                let mark = if on { "(•)" } else { "( )" };
                out.push(marked(on, shown!("{mark} {}. ", i + 1), option, t));
            }
            out.push(Line::default());
            out.push(line(Shown::from(hints::quiz_single()), t.dim()));
        }
        (QuizItem::Multiple(q), AnswerState::Multiple { cursor, picked }) => {
            question(&mut out, &q.question, t);
            for (i, option) in q.options.iter().enumerate() {
                let mark = if picked.get(i).copied().unwrap_or(false) {
                    "[x]"
                } else {
                    "[ ]"
                };
                out.push(marked(
                    *cursor == i,
                    shown!("{mark} {}. ", i + 1),
                    option,
                    t,
                ));
            }
            out.push(Line::default());
            out.push(line(Shown::from(hints::quiz_multiple()), t.dim()));
        }
        (QuizItem::Cloze(q), AnswerState::Cloze { cursor, gaps }) => {
            question(&mut out, &q.question, t);
            out.extend(cloze_lines(q, code, |n| {
                let text = gaps.get(n - 1).map_or("", String::as_str);
                let shown = if text.is_empty() {
                    shown!("[{n}:____]")
                } else {
                    shown!("[{n}:{text}]")
                };
                let style = if n - 1 == *cursor {
                    t.selected()
                } else {
                    t.key()
                };
                span(shown, style)
            }));
            out.push(Line::default());
            out.push(line(
                Shown::from(hints::quiz_cloze(cursor + 1, gaps.len())),
                t.dim(),
            ));
        }
        (QuizItem::Reorder(q), AnswerState::Reorder { cursor, order }) => {
            question(&mut out, &q.question, t);
            let lines = q.lines();
            for (pos, &i) in order.iter().enumerate() {
                let pointer = if pos == *cursor { "› " } else { "  " };
                let style = if pos == *cursor {
                    t.selected()
                } else {
                    Style::new()
                };
                let mut spans = vec![raw(pointer)];
                spans.extend(code_line(code, &lines, i));
                out.push(styled(spans, style));
            }
            out.push(Line::default());
            out.push(line(Shown::from(hints::quiz_reorder()), t.dim()));
        }
        // The answer itself is in the editor's pane, under this one.
        (QuizItem::Recall(q), AnswerState::Recall { .. }) => {
            question(&mut out, &q.question, t);
            out.push(line(Shown::from(hints::quiz_recall()), t.dim()));
        }
        _ => {}
    }
    out
}

/// The cloze text with each gap drawn by `gap` (numbered from 1): from the highlighted
/// `code` when there is one, else plain.
fn cloze_lines(
    q: &crate::content::Cloze,
    code: Option<&[Line<'static>]>,
    gap: impl Fn(usize) -> Span<'static>,
) -> Vec<Line<'static>> {
    let gaps = q
        .parts()
        .iter()
        .filter(|p| matches!(p, ClozePart::Gap(_)))
        .count();
    if let Some(lines) = code.and_then(|c| with_gaps(c, gaps, &gap)) {
        return lines;
    }
    let mut lines = vec![Vec::new()];
    for part in q.parts() {
        match part {
            ClozePart::Text(text) => {
                for (k, piece) in text.split('\n').enumerate() {
                    if k > 0 {
                        lines.push(Vec::new());
                    }
                    if !piece.is_empty()
                        && let Some(last) = lines.last_mut()
                    {
                        last.push(raw(Shown::new(piece)));
                    }
                }
            }
            ClozePart::Gap(n) => {
                if let Some(last) = lines.last_mut() {
                    last.push(gap(n));
                }
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// Highlighted cloze code with each gap mark (`highlight::gap_mark`) drawn by `gap`;
/// `None` unless exactly `gaps` marks are found whole, each inside one span.
fn with_gaps(
    code: &[Line<'static>],
    gaps: usize,
    gap: &impl Fn(usize) -> Span<'static>,
) -> Option<Vec<Line<'static>>> {
    let mut found = 0;
    let mut out = Vec::with_capacity(code.len());
    for line in code {
        let mut spans = Vec::new();
        for part in &line.spans {
            // Pieces of highlighted code, which is display-safe: sanitizing them again
            // changes nothing.
            let mut rest = part.content.as_ref();
            while let Some(at) = rest.find("__gap") {
                let after = &rest[at + "__gap".len()..];
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                let n: usize = after[..digits].parse().ok()?;
                let tail = after[digits..].strip_prefix("__")?;
                if at > 0 {
                    spans.push(span(Shown::new(&rest[..at]), part.style));
                }
                spans.push(gap(n));
                found += 1;
                rest = tail;
            }
            if !rest.is_empty() {
                spans.push(span(Shown::new(rest), part.style));
            }
        }
        out.push(Line::from(spans));
    }
    (found == gaps).then_some(out)
}

/// Under a recall answer judged right: what the verdict does and does not check.
pub const RIGHT_MEANS: &str = "Each point was named and no mistake tutor knows of was said; \
     it cannot check every detail, so read the model answer against yours.";

/// A recall verdict's missed points the learner claimed ("I did say that"), and the one
/// the claim key would claim next.
#[derive(Debug, Clone, Copy, Default)]
pub struct Claims<'a> {
    pub claimed: &'a [usize],
    pub cursor: Option<usize>,
}

/// The answer as submitted, what was right and wrong (a recall answer's points made,
/// with the words that made each, and missed, claimed or to claim), and the explanation.
#[allow(clippy::too_many_lines)] // one arm per kind of item, each short
pub fn feedback(
    item: &QuizItem,
    answer: &AnswerState,
    verdict: &Verdict,
    gave_up: bool,
    claims: Claims<'_>,
    code: Option<&[Line<'static>]>,
    t: Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let (right, total) = verdict.parts();
    let claimed = claims.claimed.len();
    // A misconception stated keeps the answer wrong, whatever was claimed.
    let stated = match verdict {
        Verdict::Recall(v) => match v.misconceptions.len() {
            0 => String::new(),
            1 => ", and a misconception".to_string(),
            n => format!(", and {n} misconceptions"),
        },
        _ => String::new(),
    };
    out.push(if gave_up {
        line("✗ Skipped (I don't know): the answer is below", t.error())
    } else if verdict.correct() && matches!(verdict, Verdict::Recall(_)) {
        line(shown!("✓ Right: {total} of {total} points made"), t.good())
    } else if verdict.correct() {
        line("✓ Right", t.good())
    } else if claimed > 0 && right + claimed >= total && stated.is_empty() {
        line(
            shown!("✓ Right, self-assessed ({right} of {total} scored, {claimed} by your word)"),
            t.good(),
        )
    } else if claimed > 0 {
        line(
            shown!("✗ Not quite ({right} of {total} right, {claimed} by your word{stated})"),
            t.error(),
        )
    } else {
        line(
            shown!("✗ Not quite ({right} of {total} right{stated})"),
            t.error(),
        )
    });
    out.push(Line::default());
    let ok = |yes: bool| if yes { "✓" } else { "✗" };
    match (item, verdict) {
        (QuizItem::Single(q), Verdict::Single(v)) => {
            question(&mut out, &q.question, t);
            for (i, option) in q.options.iter().enumerate() {
                let mark = if i == v.answer {
                    "✓ right answer"
                } else if v.picked == Some(i) {
                    "✗ your pick"
                } else {
                    ""
                };
                let style = if i == v.answer {
                    t.good()
                } else if v.picked == Some(i) {
                    t.error()
                } else {
                    Style::new()
                };
                let prefix = shown!("  {}. ", i + 1);
                out.push(text_line(prefix, option, shown!("  {mark}"), style, t));
            }
        }
        (QuizItem::Multiple(q), Verdict::Multiple(v)) => {
            question(&mut out, &q.question, t);
            for (i, (option, mark)) in q.options.iter().zip(&v.marks).enumerate() {
                let (label, style) = match mark {
                    OptionMark::Hit => ("✓ right, picked", t.good()),
                    OptionMark::Missed => ("✗ right, missed", t.error()),
                    OptionMark::WronglyPicked => ("✗ wrong, picked", t.error()),
                    OptionMark::Skipped => ("  wrong, left alone", t.dim()),
                };
                let prefix = shown!("  {}. ", i + 1);
                out.push(text_line(prefix, option, shown!("  {label}"), style, t));
            }
        }
        (QuizItem::Cloze(q), Verdict::Cloze(v)) => {
            question(&mut out, &q.question, t);
            out.extend(cloze_lines(q, code, |n| {
                let g = v.gaps.get(n - 1);
                let text = g.map_or(Shown::default(), |g| {
                    if g.correct {
                        Shown::new(&g.given)
                    } else {
                        g.expected.clone()
                    }
                });
                let style = if g.is_some_and(|g| g.correct) {
                    t.good()
                } else {
                    t.error()
                };
                span(shown!("[{text}]"), style)
            }));
            out.push(Line::default());
            for (i, g) in v.gaps.iter().enumerate() {
                let given = if g.given.trim().is_empty() {
                    "(empty)"
                } else {
                    g.given.as_str()
                };
                out.push(line(
                    shown!(
                        "  gap {}: {} {given}{}",
                        i + 1,
                        ok(g.correct),
                        if g.correct {
                            String::new()
                        } else {
                            format!("  (expected {})", g.expected)
                        }
                    ),
                    if g.correct { t.good() } else { t.error() },
                ));
            }
        }
        (QuizItem::Reorder(q), Verdict::Reorder(v)) => {
            question(&mut out, &q.question, t);
            let lines = q.lines();
            for (pos, &i) in v.order.iter().enumerate() {
                let right = v.right.get(pos).copied().unwrap_or(false);
                let mark = if right { t.good() } else { t.error() };
                let mut spans = vec![span(shown!("{} ", ok(right)), mark)];
                spans.extend(code_line(code, &lines, i));
                out.push(Line::from(spans));
            }
            if !verdict.correct() {
                out.push(Line::default());
                out.push(line("The right order:", t.accent()));
                for i in 0..lines.len() {
                    let mut spans = vec![raw("  ")];
                    spans.extend(code_line(code, &lines, i));
                    out.push(Line::from(spans));
                }
            }
        }
        (QuizItem::Recall(q), Verdict::Recall(v)) => {
            question(&mut out, &q.question, t);
            if let AnswerState::Recall { text } = answer {
                // Each line of the answer on its own row (a line break inside a row
                // would glue the lines together).
                let label = "Your answer: ";
                let rows: Vec<&str> = if text.is_empty() {
                    vec![""]
                } else {
                    text.lines().collect()
                };
                for (i, line) in rows.into_iter().enumerate() {
                    let lead = if i == 0 { label } else { "             " };
                    out.push(Line::from(raw(shown!("{lead}{line}"))));
                }
                out.push(Line::default());
            }
            for (i, (point, mark)) in q.points.iter().zip(&v.points).enumerate() {
                match mark {
                    PointMark::Hit { phrase, said } => out.push(text_line(
                        Shown::new("  ✓ "),
                        &point.point,
                        // The learner's words too, when they are not the phrase itself
                        // (a synonym, another form of the word, a gap; a line break in
                        // the words is a space).
                        if said.split_whitespace().eq(phrase.split_whitespace())
                            || said.eq_ignore_ascii_case(phrase)
                        {
                            shown!("  (matched \"{phrase}\")")
                        } else {
                            shown!("  (matched \"{phrase}\" by \"{said}\")")
                        },
                        t.good(),
                        t,
                    )),
                    PointMark::Missed | PointMark::Denied { .. } if claims.claimed.contains(&i) => {
                        out.push(text_line(
                            Shown::new("  ✓ "),
                            &point.point,
                            Shown::new("  (you said so: self-assessed)"),
                            t.accent(),
                            t,
                        ));
                    }
                    PointMark::Missed | PointMark::Denied { .. } => {
                        // Why it was missed, when the answer named it only to deny it.
                        let denial = mark.denied().map(denial_note).unwrap_or_default();
                        out.push(if claims.cursor == Some(i) {
                            text_line(
                                Shown::new("› ✗ "),
                                &point.point,
                                shown!("{denial}  ({}: I did say that)", hints::claim_key()),
                                t.error().patch(t.selected()),
                                t,
                            )
                        } else {
                            text_line(Shown::new("  ✗ "), &point.point, denial, t.error(), t)
                        });
                    }
                }
            }
            // A misconception stated makes the answer wrong: say what was said, and why.
            for stated in &v.misconceptions {
                let why = q
                    .misconceptions
                    .get(stated.misconception)
                    .map_or("", |m| m.why.as_str());
                out.push(text_line(
                    shown!("  ✗ You said \"{}\": ", stated.said),
                    why,
                    Shown::default(),
                    t.error(),
                    t,
                ));
            }
            // What a recall "right" proves: the matcher finds the points and the mistakes
            // it was told of, not every false detail (README, "How well it does").
            if verdict.correct() && !gave_up {
                out.push(Line::default());
                out.push(line(RIGHT_MEANS, t.dim()));
            }
            out.push(Line::default());
            out.push(line("A model answer:", t.accent()));
            out.extend(markdown::item(&q.model_answer, "  ", &t.markdown()));
        }
        _ => {}
    }
    out.push(Line::default());
    out.push(line("Why", t.accent()));
    out.extend(markdown::lines(item.explanation(), &t.markdown()));
    out
}

fn seconds(d: std::time::Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

pub fn scorecard(session: &QuizSession, t: Theme) -> Vec<Line<'static>> {
    let card = session.scorecard();
    let mut out = vec![
        line(
            shown!("Score: {} of {}", card.score.correct, card.score.total),
            t.accent(),
        ),
        Line::from(raw(shown!(
            "time {} in all{}",
            seconds(card.total_time),
            card.mean_time().map_or(String::new(), |m| format!(
                ", {} an item on average",
                seconds(m)
            ))
        ))),
        Line::default(),
        line("By topic", t.title()),
    ];
    for topic in &card.by_topic {
        out.push(Line::from(raw(shown!(
            "  {:<34} {} of {}",
            topic.title,
            topic.tally.correct,
            topic.tally.total
        ))));
    }
    out.push(Line::default());
    out.push(line("By kind", t.title()));
    for (kind, tally) in &card.by_kind {
        out.push(Line::from(raw(shown!(
            "  {:<34} {} of {}",
            kind.title(),
            tally.correct,
            tally.total
        ))));
    }
    out.push(Line::default());
    out.push(line("Each item", t.title()));
    for item in &card.items {
        out.push(line(
            shown!(
                "  {} {:<30} {:<16} {:>6}{}",
                if item.correct { "✓" } else { "✗" },
                crate::wrap::fit(&item.card_title, 30),
                item.kind.title(),
                seconds(item.duration),
                if item.self_assessed {
                    "  self-assessed"
                } else {
                    ""
                }
            ),
            if item.correct { t.good() } else { t.error() },
        ));
        // The question's first line, so two items of one card can be told apart.
        let question = markdown::plain(&item.question);
        let first = question
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        out.push(line(
            shown!("      {}", crate::wrap::fit(first.trim(), 70)),
            t.dim(),
        ));
    }
    out.push(Line::default());
    out.push(line(Shown::from(hints::quiz_scorecard()), t.dim()));
    out
}
