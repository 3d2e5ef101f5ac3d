//! The model interviewer in a round (issue 19): which turn a model may phrase, the
//! prompts (`llm::prompt`'s templates filled from the round and the card), and the
//! model's text made display-safe once, here, before the screen or the transcript file
//! sees it. The round itself stays the script's: it decides what is asked next and
//! scores every answer; the model only words the next question and writes a critique.
//! `tutor interview --answers` ([`crate::cli`]) and the interview screen (a job on the
//! worker) both go through here.

use std::fmt::Write as _;

use crate::interview::{Awaiting, Body, Question, Round, Scorecard, Who};
use crate::llm::{LlmError, Message, prompt};
use crate::text::{Shown, sanitize};

/// The most a follow-up asks for: a question of one or two sentences.
pub const FOLLOW_UP_TOKENS: u32 = 120;
/// The critique's few sentences.
pub const CRITIQUE_TOKENS: u32 = 400;
/// The longest follow-up kept, in characters; the longest critique.
const MAX_FOLLOW_UP: usize = 600;
const MAX_CRITIQUE: usize = 2000;
/// The most of the transcript sent for the critique (its end is kept).
const CRITIQUE_TRANSCRIPT: usize = 12 * 1024;

/// A request for the model: phrase the interviewer's turn `turn`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub turn: usize,
    pub messages: Vec<Message>,
}

/// After an event that added the turns from `before` on: when it was an answer and
/// the round now waits for the answer to a new question of the interviewer's, the
/// request to phrase that question.
pub fn follow_up(round: &Round, before: usize) -> Option<Ask> {
    if round.awaiting() != Awaiting::Answer {
        return None;
    }
    let turns = round.transcript();
    let last = turns.len().checked_sub(1)?;
    if last < before || turns[last].who != Who::Interviewer {
        return None;
    }
    let answer = turns[before..]
        .iter()
        .rev()
        .find(|t| t.who == Who::Candidate)?;
    let question = turns[..before]
        .iter()
        .rev()
        .find(|t| t.who == Who::Interviewer)?;
    let phase = round.phase()?;
    let (points, follow_ups, probes) = grounding(&phase.body);
    let values = [
        ("card", phase.card.title.as_str()),
        ("question", question.text.as_str()),
        ("answer", answer.text.as_str()),
        ("points", points.as_str()),
        ("follow_ups", follow_ups.as_str()),
        ("probes", probes.as_str()),
        ("next", turns[last].text.as_str()),
    ];
    Some(Ask {
        turn: last,
        messages: prompt::messages(prompt::FOLLOW_UP, &values),
    })
}

/// A list of lines as `- line`, or `(none)`.
fn bullets<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for item in items {
        let _ = writeln!(
            out,
            "- {}",
            item.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    if out.is_empty() {
        out.push_str("(none)");
    }
    out.trim_end().to_string()
}

/// The card's key points, follow-ups and probes for the phase asking now.
fn grounding(body: &Body) -> (String, String, String) {
    match body {
        Body::Behavioural { points, .. } => (
            bullets(
                points
                    .iter()
                    .flat_map(|r| r.points.iter().map(|p| p.point.as_str())),
            ),
            "(none: a behavioural question)".to_string(),
            "- the part of the STAR story the answer left out (situation, task, action, result)"
                .to_string(),
        ),
        Body::Coding { .. } => ("(none)".into(), "(none)".into(), "(none)".into()),
        Body::Questions(questions) => {
            let scored = || {
                questions.iter().filter_map(|q| match q {
                    Question::Scored(s) => Some(s),
                    Question::Asked(_) => None,
                })
            };
            (
                bullets(scored().flat_map(|s| s.recall.points.iter().map(|p| p.point.as_str()))),
                bullets(questions.iter().map(|q| q.ask().as_str())),
                bullets(scored().flat_map(|s| s.probes.values().map(Shown::as_str))),
            )
        }
    }
}

/// The request for the critique of a round that is over.
pub fn critique(round: &Round, card: &Scorecard) -> Vec<Message> {
    let mut verdict = String::new();
    for c in &card.competencies {
        let _ = writeln!(
            verdict,
            "- {}: {} ({})",
            crate::interview::transcript::competency_title(c.name),
            c.level.map_or("not assessed", |l| l.name()),
            c.detail
        );
    }
    let _ = write!(verdict, "Signal: {}", card.signal.name());
    let missed = bullets(card.missed.iter().map(|m| m.point.as_str()));
    let mut transcript = String::new();
    for turn in round.transcript() {
        let who = match turn.who {
            Who::Interviewer => "Interviewer",
            Who::Candidate => "You",
            Who::Note => "Note",
        };
        let _ = writeln!(transcript, "{who}: {}", turn.text.trim());
    }
    if transcript.len() > CRITIQUE_TRANSCRIPT {
        let mut start = transcript.len() - CRITIQUE_TRANSCRIPT;
        while !transcript.is_char_boundary(start) {
            start += 1;
        }
        transcript = format!("(the start is left out)\n{}", &transcript[start..]);
    }
    prompt::messages(
        prompt::CRITIQUE,
        &[
            ("scorecard", verdict.as_str()),
            ("missed", missed.as_str()),
            ("transcript", transcript.trim_end()),
        ],
    )
}

/// The model's text as shown and kept: sanitized (escape sequences and controls made
/// visible), surrounding quotes and blank space trimmed, at most `max` characters;
/// `None` when nothing is left.
fn safe(reply: &str, max: usize) -> Option<Shown> {
    let text = sanitize(reply);
    let text = text.trim().trim_matches(['"', '“', '”']).trim();
    if text.is_empty() {
        return None;
    }
    let mut kept: String = text.chars().take(max).collect();
    if kept.len() < text.len() {
        kept.push('…');
    }
    Some(Shown::from(kept))
}

/// A follow-up as the model phrased it, display-safe.
pub fn phrased(reply: &str) -> Option<Shown> {
    safe(
        &reply.split_whitespace().collect::<Vec<_>>().join(" "),
        MAX_FOLLOW_UP,
    )
}

/// A critique as the model wrote it, display-safe.
pub fn critique_text(reply: &str) -> Option<Shown> {
    safe(reply, MAX_CRITIQUE)
}

/// The note a round gets, once, when the model did not answer: from then on the round
/// uses the script's follow-ups.
pub fn fallback_note(error: &LlmError) -> Shown {
    Shown::from(format!(
        "The model did not answer ({error}): the interviewer asks the scripted follow-ups \
         for the rest of this round."
    ))
}

/// The note when the candidate cancelled one reply (Esc): only that one falls back.
pub const CANCELLED_NOTE: &str = "The model's reply was cancelled: the scripted question stands.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_models_text_is_made_safe_and_kept_short() {
        let shown = phrased("  \"Why a \u{1b}]0;pwned\u{7} deque?\"  ").unwrap();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'));
        assert!(shown.starts_with("Why a"));
        assert_eq!(phrased(" \n \"\" "), None);
        let long = "word ".repeat(400);
        assert!(phrased(&long).unwrap().chars().count() <= MAX_FOLLOW_UP + 1);
    }
}

#[cfg(test)]
mod render_tests {
    use jiff::Timestamp;

    use super::*;
    use crate::content::{LoadOptions, load_library};
    use crate::interview::{Choice, Event, PhaseKind, choose};

    /// Both templates rendered from a real round on the bundled decks: every
    /// placeholder filled, the card's own points and the candidate's words in.
    #[test]
    fn each_prompt_renders_with_a_real_card() {
        let library = load_library(&LoadOptions {
            bundled: true,
            ..Default::default()
        });
        let choice = Choice {
            deck: None,
            topic: None,
            minutes: 45,
            seed: 7,
        };
        let plan = choose(&library, &choice).unwrap();
        let now = Timestamp::UNIX_EPOCH;
        let mut round = Round::start(plan, now);
        let mut asks = Vec::new();
        for answer in ["We fixed a flaky build.", "It got faster.", "x", "y", "z"] {
            if round.awaiting() == Awaiting::Code {
                round.update(Event::Next, now);
            }
            let before = round.transcript().len();
            round.update(Event::Answer(format!("my answer: {answer}")), now);
            if let Some(ask) = follow_up(&round, before) {
                let kind = round.phase().map(|p| p.kind);
                asks.push((kind, ask));
            }
        }
        assert!(
            asks.iter().any(|(k, _)| *k == Some(PhaseKind::FollowUps)),
            "a follow-up was phrased: {:?}",
            asks.iter().map(|(k, _)| k).collect::<Vec<_>>()
        );
        for (kind, ask) in &asks {
            let user = &ask.messages[1].content;
            assert!(!user.contains("{{"), "{kind:?}: {user}");
            assert!(user.contains("my answer: "), "{user}");
            assert_eq!(
                round.transcript()[ask.turn].who,
                Who::Interviewer,
                "the turn phrased is the interviewer's"
            );
        }
        let (_, follow) = asks
            .iter()
            .find(|(k, _)| *k == Some(PhaseKind::FollowUps))
            .unwrap();
        let phase = round
            .plan()
            .phases
            .iter()
            .find(|p| p.kind == PhaseKind::FollowUps);
        if let Some(Body::Questions(questions)) = phase.map(|p| &p.body) {
            for q in questions {
                let ask = q.ask().split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(follow.messages[1].content.contains(&ask), "{ask}");
            }
        }
        round.update(Event::End, now);
        let card = Scorecard::of(&round);
        let messages = critique(&round, &card);
        let user = &messages[1].content;
        assert!(!user.contains("{{"), "{user}");
        assert!(
            user.contains("Signal: ") && user.contains("You: my answer: "),
            "{user}"
        );
    }
}
