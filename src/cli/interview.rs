//! `tutor interview --answers FILE [--seed N] [--json] [--minutes M] [--deck ID]
//! [--topic ID] [--trust]`: a mock interview without a screen (issue 15, item 6). The
//! answers file (see `content::script`) is played in order against the round:
//!
//! - a text answer answers the question asked; given while the coding question is
//!   open, the candidate moves on from it first;
//! - `file: PATH` runs the coding card's tests on the file (`.py` or `.rs`, relative to
//!   the answers file's folder) through `runner::run` (bounded), and feeds the report
//!   back; given when no coding question is open, it is skipped with a warning;
//! - `wait: SECONDS` passes that much time on the round's clock (answers take no time
//!   otherwise, and nothing sleeps), so a phase can run out.
//!
//! When the answers run out before the round does, the round ends there. It prints the
//! transcript and the scorecard as Markdown (`--json`: one object with the plan, the
//! transcript and the scorecard), saves the round in the store's `interview` table and
//! the Markdown to `interviews/<time>.md` in the data dir. Exit status: 0 when the round
//! ran, whatever its signal; 1 when it could not be saved; 2 for a usage error (an
//! unknown deck, no coding card, an unreadable or malformed answers or solution file, a
//! deck whose tests are not trusted).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::{SignedDuration, Timestamp};

use super::Cli;
use super::progress::json_safe;
use crate::content::script::ScriptStep;
use crate::content::yaml::parse_answers;
use crate::interview::transcript::markdown;
use crate::interview::{Awaiting, Choice, Event, Plan, Request, Round, Scorecard, choose};
use crate::interviewer;
use crate::llm::{LlmConfig, LlmError};
use crate::paths;
use crate::runner::{self, Lang};
use crate::store::Store;
use crate::text::{Shown, sanitize};
use crate::worker::Cancel;

const USAGE: u8 = 2;

/// The largest answers file read: room for a few 1 MB pastes.
pub const ANSWERS_LIMIT: u64 = 8 << 20;

/// What `tutor interview` was given.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// The answers, in order: a YAML list of text, `file: PATH` (the coding step) and
    /// `wait: SECONDS`; without it, the round runs on the interview screen
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Repeat a round: the same seed draws the same cards [default: from the clock]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Print the plan, the transcript and the scorecard as one JSON object
    #[arg(long, requires = "answers")]
    pub json: bool,
    /// The round's length (1-600)
    #[arg(long, value_name = "M", default_value_t = crate::interview::plan::DEFAULT_MINUTES,
          allow_negative_numbers = true, value_parser = super::numbers::minutes)]
    pub minutes: u32,
    /// Only this deck
    #[arg(long, value_name = "ID")]
    pub deck: Option<Shown>,
    /// The coding card's topic or tag; a discussion topic (python-internals, aws) also
    /// picks the discussion
    #[arg(long, value_name = "ID")]
    pub topic: Option<Shown>,
    /// Run the tests of a deck that is not bundled (from --decks); remembered until its
    /// tests change
    #[arg(long, requires = "answers")]
    pub trust: bool,
    /// Send the question, your answers and the card's key points to the model configured
    /// (`tutor config llm-url`) even though it is not on this machine; remembered for its
    /// URL
    #[arg(long)]
    pub allow_remote_model: bool,
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {}", sanitize(message));
    ExitCode::from(USAGE)
}

impl Options {
    /// What the round is drawn from; without `--seed`, a seed from the clock at `now`.
    pub fn choice(&self, now: Timestamp) -> Choice {
        Choice {
            deck: self.deck.clone(),
            topic: self.topic.clone(),
            minutes: self.minutes,
            seed: self
                .seed
                .unwrap_or_else(|| u64::try_from(now.as_millisecond()).unwrap_or(0)),
        }
    }
}

/// `tutor interview --answers FILE`: the round played from the file (`answers`).
pub fn interview(cli: &Cli, options: &Options, answers: &Path) -> eyre::Result<ExitCode> {
    let shown = answers.display().to_string();
    let text = match paths::read_text(answers, ANSWERS_LIMIT) {
        Ok(text) => text,
        Err(e) => return Ok(usage(&format!("cannot read {shown}: {e}"))),
    };
    let steps = match parse_answers(&text) {
        Ok(steps) => steps,
        Err(e) => {
            return Ok(usage(&format!(
                "{shown}:{}:{}: {}: {}",
                e.line, e.col, e.field, e.message
            )));
        }
    };
    let library = cli.load();
    super::warn_problems(&library.problems);
    let started = Timestamp::now();
    let plan = match choose(&library, &options.choice(started)) {
        Ok(plan) => plan,
        Err(e) => return Ok(usage(&e.to_string())),
    };
    if steps.iter().any(|s| matches!(s, ScriptStep::File(_)))
        && let Some(coding) = plan
            .phases
            .iter()
            .find(|p| p.kind == crate::interview::PhaseKind::Coding)
        && let Some((deck, _)) = library.card(coding.card.id.as_str())
        && let Err(why) = super::test::may_run_tests(cli, deck, options.trust)
    {
        return Ok(usage(&why));
    }
    let folder = answers.parent().unwrap_or_else(|| Path::new("."));
    let steps = match read_files(steps, folder) {
        Ok(steps) => steps,
        Err(why) => return Ok(usage(&format!("{shown}: {why}"))),
    };
    let mut model = model(cli, options.allow_remote_model);
    let mut round = play(plan, &steps, started, &mut model);
    let mut card = Scorecard::of(&round);
    if let Some(config) = &model {
        critique(config, &mut round, &mut card);
    }
    let title = started.strftime("%Y-%m-%d %H:%M UTC").to_string();
    let text = markdown(&round, &card, &title, None);
    let saved = save(cli, &round, &card, &text, started);
    let mut out = std::io::stdout().lock();
    if options.json {
        let value = serde_json::json!({
            "plan": plan_json(round.plan()),
            "transcript": round.transcript(),
            "scorecard": card,
            "missed_cards": card.missed_cards(),
            "saved": saved.as_ref().ok().map(|p| p.display().to_string()),
        });
        let json = serde_json::to_string_pretty(&value)?;
        writeln!(out, "{}", json_safe(&json))?;
    } else {
        out.write_all(text.as_bytes())?;
        if let Ok(path) = &saved {
            writeln!(out, "\nSaved to {}", sanitize(&path.display().to_string()))?;
        }
    }
    Ok(match saved {
        Ok(_) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("error: the interview was not saved: {}", sanitize(&why));
            ExitCode::FAILURE
        }
    })
}

/// A step of the answers file, its solution file read.
enum Step {
    Answer(String),
    Code {
        path: String,
        lang: Lang,
        source: String,
    },
    Wait(u64),
}

/// Reads every solution file the steps name (relative to `folder`) before the round
/// starts, so a wrong path is a usage error and not half a round.
fn read_files(steps: Vec<ScriptStep>, folder: &Path) -> Result<Vec<Step>, String> {
    steps
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            let n = i + 1;
            Ok(match step {
                ScriptStep::Answer(text) => Step::Answer(text),
                ScriptStep::Wait(secs) => Step::Wait(secs),
                ScriptStep::File(path) => {
                    let path = folder.join(path);
                    let shown = path.display().to_string();
                    let lang = Lang::of_path(&path).ok_or_else(|| {
                        format!("answer {n}: {shown} must end in .py (Python) or .rs (Rust)")
                    })?;
                    let source = paths::read_code(&path)
                        .map_err(|e| format!("answer {n}: cannot read {shown}: {e}"))?;
                    Step::Code {
                        path: shown,
                        lang,
                        source,
                    }
                }
            })
        })
        .collect()
}

/// The model interviewer, when one is configured and may be used: on this machine, or
/// agreed to (`--allow-remote-model` now, or a yes given before); else `None`, with a
/// note on stderr when one is configured.
fn model(cli: &Cli, allow: bool) -> Option<LlmConfig> {
    let store = Store::open(&cli.data_dir().ok()?).ok()?;
    let config = match super::llm::configured(&store) {
        Ok(config) => config?,
        Err(e) => {
            eprintln!(
                "warning: the model's settings: {}: scripted follow-ups",
                sanitize(&e)
            );
            return None;
        }
    };
    match super::llm::consent(&store, &config, allow, false) {
        Ok(true) => Some(config),
        Ok(false) => {
            eprintln!("{}", super::llm::not_agreed(&config.url));
            None
        }
        Err(e) => {
            eprintln!("warning: {}: scripted follow-ups", sanitize(&e));
            None
        }
    }
}

/// After an answer that added the turns from `before` on: the model phrases the next
/// question; on an error the round gets a note and goes on without the model.
fn phrase(model: &mut Option<LlmConfig>, round: &mut Round, before: usize, now: Timestamp) {
    let Some(config) = model.as_ref() else {
        return;
    };
    let Some(ask) = interviewer::follow_up(round, before) else {
        return;
    };
    let reply = crate::llm::chat(
        config,
        &ask.messages,
        interviewer::FOLLOW_UP_TOKENS,
        &|| false,
        &mut |_| {},
    );
    match reply.as_deref().map(interviewer::phrased) {
        Ok(Some(text)) => {
            round.rephrase(ask.turn, text);
        }
        Ok(None) => fall_back(model, round, &LlmError::Empty, now),
        Err(e) => fall_back(model, round, e, now),
    }
}

fn fall_back(model: &mut Option<LlmConfig>, round: &mut Round, error: &LlmError, now: Timestamp) {
    eprintln!(
        "note: the model did not answer: {}",
        sanitize(&error.to_string())
    );
    round.note(interviewer::fallback_note(error), now);
    *model = None;
}

/// The model's critique on the scorecard; an error is noted and the card stays as the
/// scorer made it.
fn critique(config: &LlmConfig, round: &mut Round, card: &mut Scorecard) {
    let messages = interviewer::critique(round, card);
    let reply = crate::llm::chat(
        config,
        &messages,
        interviewer::CRITIQUE_TOKENS,
        &|| false,
        &mut |_| {},
    );
    match reply {
        Ok(text) => card.critique = interviewer::critique_text(&text),
        Err(e) => {
            eprintln!(
                "note: no critique from the model: {}",
                sanitize(&e.to_string())
            );
        }
    }
}

/// Plays `steps` against a round of `plan` started at `start`, the model (if any)
/// phrasing the follow-ups.
fn play(plan: Plan, steps: &[Step], start: Timestamp, model: &mut Option<LlmConfig>) -> Round {
    let mut now = start;
    let mut round = Round::start(plan, now);
    for (i, step) in steps.iter().enumerate() {
        let n = i + 1;
        if round.is_over() {
            eprintln!("warning: the round was over before answer {n}: the rest were not used");
            break;
        }
        match step {
            Step::Wait(secs) => {
                let secs = i64::try_from(*secs).unwrap_or(i64::MAX);
                now = now
                    .checked_add(SignedDuration::from_secs(secs))
                    .unwrap_or(Timestamp::MAX);
                round.update(Event::Tick, now);
            }
            Step::Answer(text) => {
                if round.awaiting() == Awaiting::Code {
                    round.update(Event::Next, now);
                }
                let before = round.transcript().len();
                round.update(Event::Answer(text.clone()), now);
                phrase(model, &mut round, before, now);
            }
            Step::Code { path, lang, source } => {
                if round.awaiting() != Awaiting::Code {
                    eprintln!(
                        "warning: answer {n} ({}) came when no coding question was open: \
                         not run",
                        sanitize(path)
                    );
                    continue;
                }
                let run = Event::Run {
                    lang: *lang,
                    source: source.clone(),
                };
                if let Some(Request::RunTests(run)) = round.update(run, now) {
                    let report = runner::run(run.lang, &run.source, &run.tests, &Cancel::new());
                    round.update(Event::TestsRan(Box::new(report)), now);
                }
            }
        }
    }
    if !round.is_over() {
        round.update(Event::End, now);
    }
    round
}

fn plan_json(plan: &Plan) -> serde_json::Value {
    serde_json::json!({
        "deck": plan.deck,
        "seed": plan.seed,
        "minutes": plan.minutes,
        "phases": plan.phases.iter().map(|p| serde_json::json!({
            "kind": p.kind,
            "card": p.card.id,
            "budget_ms": p.budget,
        })).collect::<Vec<_>>(),
        "notes": plan.notes,
    })
}

/// Saves the round through [`crate::interview_log::save`] (the screen saves the same
/// way).
fn save(
    cli: &Cli,
    round: &Round,
    card: &Scorecard,
    text: &str,
    started: Timestamp,
) -> Result<PathBuf, String> {
    let data = cli.data_dir().map_err(|e| e.to_string())?;
    let store = Store::open(&data).map_err(|e| e.to_string())?;
    crate::interview_log::save(&data, &store, (round, card), text, started)
}
