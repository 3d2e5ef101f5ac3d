//! `tutor quiz --card ID --item N --answer TEXT [--json]`: scores one answer to one quiz
//! item without a screen and prints the verdict, part by part. Authors use it to try an
//! item; tests use it too. Nothing is saved, not even the parse cache.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use serde_json::json;

use super::{Cli, warn_problems};
use crate::content::{Cloze, LoadOptions, MultipleChoice, QuizItem, Reorder, load_library};
use crate::quiz::score::{
    OptionMark, PointMark, denial_note, score_cloze, score_multiple, score_recall, score_reorder,
    score_single,
};
use crate::quiz::synonyms::Synonyms;
use crate::shown;
use crate::text::Shown;

/// Exit code of a usage error, as clap's own.
const USAGE: u8 = 2;

/// One part of the verdict: what was asked, whether the answer got it, and what the
/// answer gave for it (for a recall point, the accepted phrase found, and the
/// learner's words that made it). `matched` and `said` are as typed or written: `--json`
/// gives them as they are (JSON-escaped), the text output makes them [`Shown`].
struct Part {
    point: Shown,
    made: bool,
    matched: Option<String>,
    said: Option<String>,
    /// For a recall point named only in a denial, the learner's words that named it.
    denied: Option<String>,
}

/// A misconception a recall answer states: why it is wrong, the `said` phrase found
/// and the learner's words that made it (as written, like [`Part`]'s).
struct Misconceived {
    why: Shown,
    matched: String,
    said: String,
}

/// The verdict of one answer, ready to print.
struct Scored {
    kind: &'static str,
    correct: bool,
    parts: Vec<Part>,
    /// Recall only; empty for other kinds.
    misconceptions: Vec<Misconceived>,
    feedback: Shown,
}

/// `item` counts from 1; `answers` are the `--answer` values in order.
pub fn answer(cli: &Cli, card_id: &Shown, item: u32, answers: &[String], json: bool) -> ExitCode {
    let library = load_library(&LoadOptions {
        bundled: true,
        dirs: cli.decks.clone(),
        cache_dir: None,
    });
    let Some((deck, card)) = library.card(card_id) else {
        warn_problems(&library.problems);
        eprintln!("error: {}", super::decks::unknown_card(&library, card_id));
        return ExitCode::FAILURE;
    };
    let index = usize::try_from(item)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    let Some(quiz_item) = card.quiz.get(index) else {
        eprintln!(
            "error: card `{}` has {} quiz {}; --item counts from 1",
            card.id,
            card.quiz.len(),
            if card.quiz.len() == 1 {
                "item"
            } else {
                "items"
            },
        );
        return ExitCode::FAILURE;
    };
    let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
    let scored = match score(quiz_item, answers, &synonyms) {
        Ok(scored) => scored,
        Err(message) => {
            eprintln!("error: {}", Shown::from(message));
            return ExitCode::from(USAGE);
        }
    };
    let text = if json {
        let value = json!({
            "card": card.id.as_str(),
            "item": item,
            "kind": scored.kind,
            "correct": scored.correct,
            "points": scored.parts.iter().map(|p| json!({
                "point": p.point,
                "made": p.made,
                "matched": p.matched,
                "denied": p.denied,
            })).collect::<Vec<_>>(),
            "misconceptions": scored.misconceptions.iter().map(|m| json!({
                "why": m.why,
                "matched": m.matched,
                "said": m.said,
            })).collect::<Vec<_>>(),
            "feedback": scored.feedback,
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
        format!("{}\n", super::progress::json_safe(&pretty))
    } else {
        render(card.id.as_str(), item, &scored)
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// The verdict as text, every string in it display-safe.
fn render(card: &str, item: u32, scored: &Scored) -> String {
    let made = scored.parts.iter().filter(|p| p.made).count();
    let mut out = format!(
        "{card}, item {item} ({}): {}, {made} of {} parts right\n",
        scored.kind,
        if scored.correct { "right" } else { "wrong" },
        scored.parts.len(),
    );
    for part in &scored.parts {
        let mark = if part.made { "✓" } else { "✗" };
        let _ = write!(out, "  {mark} {}", part.point);
        match (&part.matched, &part.said) {
            (Some(matched), Some(said)) if !said.eq_ignore_ascii_case(matched) => {
                let (matched, said) = (Shown::new(matched), Shown::new(said));
                let _ = write!(out, "  (matched \"{matched}\" by \"{said}\")");
            }
            (Some(matched), Some(_)) => {
                let _ = write!(out, "  (matched \"{}\")", Shown::new(matched));
            }
            (Some(matched), None) => {
                let _ = write!(out, "  (answered \"{}\")", Shown::new(matched));
            }
            _ => {}
        }
        if let Some(said) = &part.denied {
            out.push_str(&denial_note(said));
        }
        out.push('\n');
    }
    for m in &scored.misconceptions {
        let (matched, said) = (Shown::new(&m.matched), Shown::new(&m.said));
        let by = if said.eq_ignore_ascii_case(&matched) {
            String::new()
        } else {
            format!(" by \"{said}\"")
        };
        let _ = writeln!(
            out,
            "  ✗ misconception (matched \"{matched}\"{by}): {}",
            m.why
        );
    }
    let feedback = scored.feedback.trim_end();
    if !feedback.is_empty() {
        let _ = writeln!(out, "\n{feedback}");
    }
    out
}

fn part(point: impl Into<Shown>, made: bool, matched: Option<String>) -> Part {
    Part {
        point: point.into(),
        made,
        matched,
        said: None,
        denied: None,
    }
}

/// Scores `answers` as an answer to `item`; an answer that does not fit the item's kind
/// is a usage error, said in words.
fn score(item: &QuizItem, answers: &[String], synonyms: &Synonyms) -> Result<Scored, String> {
    Ok(match item {
        QuizItem::Single(s) => {
            let picked = option_numbers(answers, s.options.len())?;
            let [choice] = picked[..] else {
                return Err(format!(
                    "a single-choice item takes one --answer: an option number from 1 to {}",
                    s.options.len()
                ));
            };
            let v = score_single(s, Some(choice));
            let right = s.options.get(s.answer).cloned().unwrap_or_default();
            Scored {
                kind: "single",
                correct: v.picked == Some(v.answer),
                parts: vec![part(
                    right,
                    v.picked == Some(v.answer),
                    s.options.get(choice).map(ToString::to_string),
                )],
                misconceptions: Vec::new(),
                feedback: s.explanation.clone(),
            }
        }
        QuizItem::Multiple(m) => multiple(m, answers)?,
        QuizItem::Cloze(c) => cloze(c, answers)?,
        QuizItem::Reorder(r) => reorder(r, answers)?,
        QuizItem::Recall(r) => {
            let v = score_recall(r, &answers.join("\n"), synonyms);
            let parts = r
                .points
                .iter()
                .zip(&v.points)
                .map(|(point, mark)| match mark {
                    PointMark::Hit { phrase, said } => Part {
                        point: point.point.clone(),
                        made: true,
                        matched: Some(phrase.clone()),
                        said: Some(said.clone()),
                        denied: None,
                    },
                    PointMark::Denied { said, .. } => Part {
                        denied: Some(said.clone()),
                        ..part(point.point.clone(), false, None)
                    },
                    PointMark::Missed => part(point.point.clone(), false, None),
                })
                .collect::<Vec<_>>();
            let misconceptions = v
                .misconceptions
                .iter()
                .map(|m| Misconceived {
                    why: r
                        .misconceptions
                        .get(m.misconception)
                        .map(|c| c.why.clone())
                        .unwrap_or_default(),
                    matched: m.phrase.clone(),
                    said: m.said.clone(),
                })
                .collect::<Vec<_>>();
            Scored {
                kind: "recall",
                correct: !parts.is_empty()
                    && parts.iter().all(|p| p.made)
                    && misconceptions.is_empty(),
                parts,
                misconceptions,
                feedback: shown!("A model answer:\n{}\n{}", r.model_answer, r.explanation),
            }
        }
    })
}

/// The `--answer`s of a choice item, each `1` or a list `1,3` (spaces around a number are
/// fine): option numbers from 1, as indices from 0, in the order given. Each must be
/// written in the digits 0-9 and name an option, once; an empty answer or an empty place
/// in a list (`1,,2`) is an error, so a typo is never scored as an answer.
fn option_numbers(answers: &[String], options: usize) -> Result<Vec<usize>, String> {
    let range = format!("the options are numbered 1 to {options}");
    let mut picked = Vec::new();
    for answer in answers {
        if answer.trim().is_empty() {
            return Err(format!("--answer is empty: give an option number; {range}"));
        }
        for word in answer.split(',').map(str::trim) {
            if word.is_empty() {
                return Err(format!(
                    "`{answer}` has an empty place in its list: write option numbers as `1,3`; \
                     {range}"
                ));
            }
            if !word.bytes().all(|b| b.is_ascii_digit()) {
                let how = if word.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
                    "write it in the digits 0-9; "
                } else if word.contains(char::is_whitespace) {
                    "put a comma between option numbers, as `1,3`; "
                } else {
                    ""
                };
                return Err(format!("`{word}` is not an option number: {how}{range}"));
            }
            let n = word
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=options).contains(n))
                .ok_or_else(|| format!("`{word}` is not an option number: {range}"))?;
            if picked.contains(&(n - 1)) {
                return Err(format!(
                    "option {n} is given twice: name each option once; {range}"
                ));
            }
            picked.push(n - 1);
        }
    }
    Ok(picked)
}

fn multiple(m: &MultipleChoice, answers: &[String]) -> Result<Scored, String> {
    let picked = option_numbers(answers, m.options.len())?;
    let v = score_multiple(m, &picked);
    let parts = m
        .options
        .iter()
        .zip(&v.marks)
        .enumerate()
        .map(|(i, (option, mark))| {
            let should = if m.answers.contains(&i) {
                "pick"
            } else {
                "leave"
            };
            let did = match mark {
                OptionMark::Hit | OptionMark::WronglyPicked => "picked",
                OptionMark::Missed | OptionMark::Skipped => "left",
            };
            part(
                format!("{should}: {option}"),
                mark.is_ok(),
                Some(did.into()),
            )
        })
        .collect::<Vec<_>>();
    Ok(Scored {
        kind: "multiple",
        correct: parts.iter().all(|p| p.made),
        parts,
        misconceptions: Vec::new(),
        feedback: m.explanation.clone(),
    })
}

fn cloze(c: &Cloze, answers: &[String]) -> Result<Scored, String> {
    if answers.len() > c.gaps.len() {
        return Err(format!(
            "this cloze item has {} gap(s): give --answer once per gap, in order ({} given)",
            c.gaps.len(),
            answers.len()
        ));
    }
    let v = score_cloze(c, answers);
    let parts = v
        .gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            part(
                format!("gap {}: {}", i + 1, gap.expected),
                gap.correct,
                Some(gap.given.clone()).filter(|g| !g.is_empty()),
            )
        })
        .collect::<Vec<_>>();
    Ok(Scored {
        kind: "cloze",
        correct: !parts.is_empty() && parts.iter().all(|p| p.made),
        parts,
        misconceptions: Vec::new(),
        feedback: c.explanation.clone(),
    })
}

/// Each answer is one line of the code, in the order given: matched to an unused line
/// of the item, as written or else without its indentation (which the screen never asks
/// for: a line moves with it).
fn reorder(r: &Reorder, answers: &[String]) -> Result<Scored, String> {
    let lines = r.lines();
    let mut used = vec![false; lines.len()];
    let mut order = Vec::with_capacity(answers.len());
    for (k, answer) in answers.iter().enumerate() {
        let answer = answer.trim_end();
        let found = (0..lines.len())
            .find(|&i| !used[i] && lines[i] == answer)
            .or_else(|| (0..lines.len()).find(|&i| !used[i] && lines[i].trim() == answer.trim()));
        let Some(i) = found else {
            return Err(format!(
                "--answer {} (`{answer}`) is not one of the item's {} lines, or is given twice",
                k + 1,
                lines.len()
            ));
        };
        used[i] = true;
        order.push(i);
    }
    let v = score_reorder(r, &order);
    let parts = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let placed = order
                .get(i)
                .and_then(|&j| lines.get(j))
                .map(|l| (*l).to_string());
            part(
                format!("line {}: {}", i + 1, line.trim()),
                v.right[i],
                placed,
            )
        })
        .collect::<Vec<_>>();
    Ok(Scored {
        kind: "reorder",
        correct: !parts.is_empty() && parts.iter().all(|p| p.made),
        parts,
        misconceptions: Vec::new(),
        feedback: r.explanation.clone(),
    })
}
