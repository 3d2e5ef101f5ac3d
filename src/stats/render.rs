//! The stats report as styled text: summary lines, a forecast bar chart and a
//! GitHub-style heatmap (weeks across, weekdays down). Shades `·░▒▓█` carry the level,
//! so it reads without colour; with colour the shades are also green.
#![deny(clippy::disallowed_methods)] // text only through `text::{span, raw, line}` (clippy.toml)

use jiff::civil::Weekday;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};

use std::fmt::Write as _;

use super::{FORECAST_DAYS, HEATMAP_DAYS, Stats, first_heatmap_day};
use crate::days::{Days, offset};
use crate::shown;
use crate::text::{Shown, raw, span};

const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];
const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

fn bold(s: impl Into<String>) -> Span<'static> {
    span(
        Shown::from(s.into()),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

fn dim(s: impl Into<String>) -> Span<'static> {
    span(Shown::from(s.into()), Style::new().fg(Color::DarkGray))
}

/// The heatmap level (0-4) of a day's count, relative to the busiest day.
pub fn level(count: u32, max: u32) -> usize {
    if count == 0 || max == 0 {
        0
    } else {
        // 1..=4, in quarters of the busiest day.
        let quarters = (u64::from(count) * 4).div_ceil(u64::from(max));
        usize::try_from(quarters).unwrap_or(4).clamp(1, 4)
    }
}

pub fn report(stats: &Stats, days: &Days) -> Text<'static> {
    let c = &stats.counts;
    let mut lines = vec![
        Line::from(vec![
            bold("Cards      "),
            raw(shown!(
                "{} total · {} new · {} learning · {} review · {} relearning",
                c.total,
                c.new,
                c.learning,
                c.review,
                c.relearning
            )),
            dim(if c.leeches > 0 {
                format!(
                    "  ({} leech{})",
                    c.leeches,
                    if c.leeches == 1 { "" } else { "es" }
                )
            } else {
                String::new()
            }),
        ]),
        Line::from(vec![
            bold("Due        "),
            raw(shown!("{} now · {} today", stats.due_now, stats.due_today)),
        ]),
        Line::from(vec![
            bold("Today      "),
            raw(shown!(
                "{} review{} · streak {} day{}",
                stats.reviews_today,
                if stats.reviews_today == 1 { "" } else { "s" },
                stats.streak,
                if stats.streak == 1 { "" } else { "s" }
            )),
        ]),
        Line::from(vec![
            bold("Retention  "),
            raw(Shown::from(match stats.retention_rate() {
                Some(rate) => format!(
                    "{:.1}% over 30 days ({} of {} review answers passed)",
                    rate * 100.0,
                    stats.retention.0,
                    stats.retention.1
                ),
                None => "no reviews of graduated cards in the last 30 days yet".to_string(),
            })),
        ]),
    ];
    lines.extend(quiz(stats));
    lines.push(practice(stats));
    lines.extend(interviews(stats, days));
    lines.push(Line::default());
    lines.extend(forecast(stats));
    lines.push(Line::default());
    lines.extend(heatmap(stats, days));
    Text::from(lines)
}

/// `Quiz       7 of 9 right (77.8%) · last 30 days 4 of 5`, then the kinds answered,
/// then recall's key points: scored apart from self-assessed (claimed by the learner).
fn quiz(stats: &Stats) -> Vec<Line<'static>> {
    let q = &stats.quiz;
    let Some(rate) = q.all_time.rate() else {
        return vec![Line::from(vec![
            bold("Quiz       "),
            raw("no quiz answers yet"),
        ])];
    };
    let mut out = vec![Line::from(vec![
        bold("Quiz       "),
        raw(shown!(
            "{} of {} right ({:.1}%) · last 30 days {} of {}",
            q.all_time.correct,
            q.all_time.total,
            rate * 100.0,
            q.recent.correct,
            q.recent.total
        )),
    ])];
    let kinds: Vec<String> = q
        .by_kind
        .iter()
        .filter(|(_, t)| t.total > 0)
        .map(|(kind, t)| format!("{kind} {}/{}", t.correct, t.total))
        .collect();
    out.push(Line::from(dim(format!("           {}", kinds.join(" · ")))));
    if q.points_total > 0 || q.points_claimed > 0 {
        let mut text = format!(
            "{} of {} key points scored · {} self-assessed",
            q.points_scored, q.points_total, q.points_claimed
        );
        if q.self_assessed > 0 {
            let answers = if q.self_assessed == 1 {
                "answer"
            } else {
                "answers"
            };
            let _ = write!(text, " · {} {answers} right by your word", q.self_assessed);
        }
        out.push(Line::from(vec![
            bold("Recall     "),
            raw(Shown::from(text)),
        ]));
    }
    out
}

/// The most recent mock interviews listed, newest last.
const INTERVIEWS_LISTED: usize = 10;

/// `Interviews 3 · latest Hire`, then one line a round (the last ten): when, the
/// signal, each competency's level. Nothing before the first interview.
fn interviews(stats: &Stats, days: &Days) -> Vec<Line<'static>> {
    let rows = &stats.interviews;
    let Some(latest) = rows.last() else {
        return Vec::new();
    };
    let signal = |s: &str| match s {
        "strong-hire" => "Strong hire",
        "hire" => "Hire",
        "lean-no-hire" => "Lean no hire",
        _ => "No hire",
    };
    let mut out = vec![Line::from(vec![
        bold("Interviews "),
        raw(shown!("{} · latest {}", rows.len(), signal(&latest.signal))),
    ])];
    for row in rows
        .iter()
        .skip(rows.len().saturating_sub(INTERVIEWS_LISTED))
    {
        let at = jiff::Timestamp::from_millisecond(row.started_at).unwrap_or_default();
        let level = |l: &Option<String>| l.clone().unwrap_or_else(|| "-".to_string());
        out.push(Line::from(dim(format!(
            "           {}  {:<12}  problem solving {} · knowledge {} · communication {} · LPs {}",
            days.local_time(at),
            signal(&row.signal),
            level(&row.problem_solving),
            level(&row.knowledge),
            level(&row.communication),
            level(&row.leadership),
        ))));
    }
    out
}

/// `Practice   2 cards solved (python 2) · first try 1 of 3 cards (33.3%)`.
fn practice(stats: &Stats) -> Line<'static> {
    let p = &stats.practice;
    let all = p.all();
    let Some(rate) = all.first_try_rate() else {
        return Line::from(vec![bold("Practice   "), raw("no practice runs yet")]);
    };
    let langs: Vec<String> = p
        .by_lang
        .iter()
        .map(|(lang, t)| format!("{lang} {}", t.solved))
        .collect();
    Line::from(vec![
        bold("Practice   "),
        raw(shown!(
            "{} card{} solved ({}) · first try {} of {} cards ({:.1}%)",
            all.solved,
            if all.solved == 1 { "" } else { "s" },
            langs.join(", "),
            all.first_try,
            all.tried,
            rate * 100.0
        )),
    ])
}

fn forecast(stats: &Stats) -> Vec<Line<'static>> {
    let max = stats.forecast.iter().copied().max().unwrap_or(0);
    let total: u32 = stats.forecast.iter().sum();
    let mut out = vec![Line::from(vec![
        bold("Due in the next 30 days"),
        dim(format!("  {total} in all, at most {max} a day")),
    ])];
    // Two rows of eighths give 16 levels of height.
    let height = |n: u32| -> usize {
        if n == 0 || max == 0 {
            0
        } else {
            let sixteenths = (u64::from(n) * 16).div_ceil(u64::from(max));
            usize::try_from(sixteenths).unwrap_or(16).clamp(1, 16)
        }
    };
    let green = Style::new().fg(Color::Green);
    for row in [1usize, 0] {
        let bars: String = stats
            .forecast
            .iter()
            .map(|&n| BARS[height(n).saturating_sub(row * 8).min(8)])
            .flat_map(|c| [c, ' '])
            .collect();
        out.push(Line::from(vec![raw("  "), span(Shown::from(bars), green)]));
    }
    let mut axis = String::from("  ");
    for i in (0..FORECAST_DAYS).step_by(7) {
        let label = if i == 0 {
            "today".to_string()
        } else {
            format!("+{i}d")
        };
        let _ = write!(axis, "{label:<14}");
    }
    out.push(Line::from(dim(axis.trim_end().to_string())));
    out
}

fn heatmap(stats: &Stats, days: &Days) -> Vec<Line<'static>> {
    let first = first_heatmap_day(stats.today);
    let max = stats.heatmap.iter().copied().max().unwrap_or(0);
    let total: u32 = stats.heatmap.iter().sum();
    // Columns are weeks starting on Monday; pad the first week before `first`.
    let lead = usize::from(
        days.date_of(first)
            .weekday()
            .to_monday_zero_offset()
            .unsigned_abs(),
    );
    let cells = lead + HEATMAP_DAYS;
    let weeks = cells.div_ceil(7);
    let mut out = vec![Line::from(vec![
        bold("Reviews, last 365 days"),
        dim(format!("  {total} in all, busiest day {max}")),
    ])];
    // Month labels above the first week of each month (when there is room).
    let mut months = vec![' '; weeks + 3];
    let mut last_month = 0;
    for week in 0..weeks {
        let day = first + offset(week * 7) - offset(lead);
        let date = days.date_of(day.max(first));
        let free = months
            .get(week.saturating_sub(1)..(week + 3).min(months.len()))
            .is_some_and(|slots| slots.iter().all(|c| *c == ' '));
        if date.month() != last_month && free {
            last_month = date.month();
            let name = month_name(date.month());
            for (k, ch) in name.chars().enumerate() {
                if let Some(slot) = months.get_mut(week + k) {
                    *slot = ch;
                }
            }
        }
    }
    out.push(Line::from(dim(format!(
        "      {}",
        months.iter().collect::<String>().trim_end()
    ))));
    for (row, weekday) in [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ]
    .into_iter()
    .enumerate()
    {
        let label = match weekday {
            Weekday::Monday => "Mon",
            Weekday::Wednesday => "Wed",
            Weekday::Friday => "Fri",
            _ => "",
        };
        let mut spans = vec![dim(format!("  {label:<4}"))];
        for week in 0..weeks {
            let cell = week * 7 + row;
            let Some(index) = cell.checked_sub(lead).filter(|i| *i < HEATMAP_DAYS) else {
                spans.push(raw(" "));
                continue;
            };
            let lvl = level(stats.heatmap[index], max);
            let style = if lvl == 0 {
                Style::new().fg(Color::DarkGray)
            } else {
                Style::new().fg(Color::Green)
            };
            spans.push(span(Shown::from(SHADES[lvl].to_string()), style));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::from(dim(format!(
        "      less {} more",
        SHADES.iter().collect::<String>()
    ))));
    out
}

fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("")
}

/// The report as the session draws it: rendered once, when the stats arrive (colours
/// left out when colour is off), never on the draw path.
pub fn session_report(stats: &Stats, days: &Days, color: bool) -> Text<'static> {
    let mut text = report(stats, days);
    if !color {
        for line in &mut text.lines {
            for span in &mut line.spans {
                span.style.fg = None;
            }
        }
    }
    text
}
