//! A round as Markdown: the header, the transcript turn by turn, the scorecard, the
//! points missed with their model phrasing, and the last code run. `tutor interview`
//! prints it and saves it to `interviews/<time>.md`. Everything in it is display-safe:
//! the round's text is [`Shown`](crate::text::Shown), and the learner's code is
//! sanitized here.

use std::fmt::Write as _;

use crate::quiz::score::denial_note;
use crate::text::sanitize;

use super::clock::Millis;
use super::round::{Round, Who};
use super::scorecard::Scorecard;

/// `mm:ss` on the round's clock (hours counted in the minutes).
pub fn clock(ms: Millis) -> String {
    let secs = ms / 1000;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// The whole round as Markdown; `started` is the local time it began, for the title;
/// `unsent`: what the candidate had typed and not sent when the round ended (a quit or a
/// signal), kept after the last turn and marked so.
pub fn markdown(round: &Round, card: &Scorecard, started: &str, unsent: Option<&str>) -> String {
    let plan = round.plan();
    let mut out = String::new();
    let _ = writeln!(out, "# Mock interview, {}\n", sanitize(started));
    let _ = writeln!(
        out,
        "Deck: {} · seed: {} · {} minutes · signal: **{}**\n",
        plan.deck.as_deref().map_or_else(|| "all".into(), sanitize),
        plan.seed,
        plan.minutes,
        card.signal.name()
    );
    out.push_str("## Transcript\n\n");
    for turn in round.transcript() {
        let who = match turn.who {
            Who::Interviewer => "**Interviewer**",
            Who::Candidate => "**You**",
            Who::Note => "*Note*",
        };
        let text = if turn.text.trim().is_empty() {
            "(no answer)"
        } else {
            turn.text.as_str()
        };
        let _ = writeln!(out, "{who} ({}): {}\n", clock(turn.at), text.trim_end());
    }
    if let Some(text) = unsent.filter(|t| !t.trim().is_empty()) {
        let _ = writeln!(
            out,
            "**You (unsent)**: {}\n\n*Typed when the round ended, never sent: not scored.*\n",
            sanitize(text.trim_end())
        );
    }
    out.push_str(&scorecard(card));
    if let Some(coding) = round.coding()
        && let Some((lang, code)) = &coding.code
    {
        let _ = writeln!(
            out,
            "\n## Your last code ({lang})\n\n```{lang}\n{}\n```",
            sanitize(code.trim_end())
        );
    }
    out
}

/// The scorecard as Markdown: a table of competencies, the signal, the points missed.
pub fn scorecard(card: &Scorecard) -> String {
    let mut out = String::from("## Scorecard\n\n| Competency | Level | On |\n|---|---|---|\n");
    for c in &card.competencies {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            competency_title(c.name),
            c.level.map_or("not assessed", |l| l.name()),
            c.detail
        );
    }
    let _ = writeln!(out, "\nSignal: **{}**", card.signal.name());
    if let Some(critique) = &card.critique {
        let _ = writeln!(
            out,
            "\n## Critique\n\n*Written by the model; the levels above are the scorer's.*\n\n{}",
            critique.trim()
        );
    }
    if !card.missed.is_empty() {
        out.push_str("\n## Points missed\n\n");
        for m in &card.missed {
            let denial = m.denied.as_deref().map(denial_note).unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} ({}): {}{denial}",
                one_line(&m.question),
                m.card,
                m.point
            );
        }
        let mut answers: Vec<(&str, &str)> = Vec::new();
        for m in &card.missed {
            if let Some(model) = &m.model_answer
                && !model.trim().is_empty()
                && !answers.iter().any(|(q, _)| *q == m.question.as_str())
            {
                answers.push((m.question.as_str(), model.as_str()));
            }
        }
        if !answers.is_empty() {
            out.push_str("\n### Model answers\n\n");
            for (question, model) in answers {
                let _ = writeln!(out, "**{}**\n\n{}\n", one_line(question), model.trim());
            }
        }
    }
    out
}

/// Text on one line, for a list item or a heading: its lines joined by spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn competency_title(name: &str) -> &str {
    match name {
        "problem-solving" => "Problem solving",
        "knowledge" => "Knowledge",
        "communication" => "Communication",
        "leadership-principles" => "Leadership Principles",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_minutes_and_seconds() {
        assert_eq!(clock(0), "00:00");
        assert_eq!(clock(61_500), "01:01");
        assert_eq!(clock(75 * 60_000), "75:00");
    }
}
