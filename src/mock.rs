//! The mock interview screen's pure state (issue 15, item 2): the [`Round`] the
//! engine runs, the answer being written (a prose [`Editor`] for spoken answers, a code
//! one for the coding question), the last test report, the transcript's scroll and, once
//! the round is over, its [`Scorecard`] and where it was saved. `update` drives it (time
//! passed in) and turns what the round asks for into effects; nothing here reads a
//! clock, a file or a process.

use std::sync::Arc;

use jiff::Timestamp;
use ratatui::text::Line;

use crate::editor::{Edit, Editor};
use crate::highlight::Lang;
use crate::interview::round::{Clocks, MAX_ANSWER};
use crate::interview::{Awaiting, Event, Request, Round, Scorecard};
use crate::interviewer::{self, Ask};
use crate::llm::{LlmConfig, LlmError, Message};
use crate::runner::{Report, TestRun};

/// What the learner does on the interview screen (keys, through `keymap::BINDINGS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockAction {
    /// Ctrl-D (and Alt-Enter): the spoken answer is given.
    Submit,
    /// Ctrl-R in the coding question: run the tests on the code.
    Run,
    /// Ctrl-D in the coding question: the code is the answer; run it if it has not
    /// run as it is, then move on.
    SubmitCode,
    /// Ctrl-N: skip the question (say nothing more), and go on.
    Skip,
    /// Esc: the clock stops and the pause box shows.
    Pause,
    Resume,
    /// `e` in the pause box: the round ends here, and is scored.
    End,
    /// `r` on the scorecard: a practice-ahead review of the cards with missed points.
    ReviewMissed,
}

/// A model's reply being streamed (issue 19): for the interviewer's turn `turn`, or
/// (`None`) the critique; the text so far, as it came (made display-safe where it is
/// drawn, and once more when it is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    pub turn: Option<usize>,
    pub text: String,
}

/// What the screen asks the model: the messages, for which turn (`None`: the critique),
/// and at most how many tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRequest {
    pub config: Arc<LlmConfig>,
    pub turn: Option<usize>,
    pub messages: Vec<Message>,
    pub max_tokens: u32,
}

/// The mock interview screen.
#[derive(Debug, Clone)]
pub struct MockSession {
    pub round: Round,
    /// When the round started, by the wall clock: the saved row's time and file name.
    pub started: Timestamp,
    /// The spoken answer being written (Enter breaks the line).
    pub answer: Editor,
    /// The coding question's code (from the card's starter), in `lang`.
    pub code: Editor,
    pub lang: Lang,
    /// The coding card, by index in `Study::cards`.
    pub coding_card: Option<usize>,
    /// Its deck's tests may run (bundled, or trusted before).
    pub trusted: bool,
    /// The last test run's report, shown under the code.
    pub report: Option<Box<Report>>,
    /// The code last sent to the tests, so submitting unchanged code does not run it
    /// again.
    pub last_run: Option<String>,
    /// Submit was asked while the tests ran for it: move on when the report arrives.
    pub submit_after_run: bool,
    /// The transcript's first row shown; `None`: it follows the newest turn.
    pub scroll: Option<u16>,
    /// The transcript's wrapped rows and what they were built for (turns, width), so
    /// drawing never wraps.
    pub rows: Vec<Line<'static>>,
    pub rows_key: Option<(usize, u16)>,
    /// The scorecard, once the round is over.
    pub scorecard: Option<Scorecard>,
    /// Where the round was saved, or why it was not (the shell's answer).
    pub saved: Option<Result<String, String>>,
    /// The scorecard's scroll.
    pub card_scroll: u16,
    /// The model interviewer for this round: `None` without one, and from its first
    /// failure on (the round then goes on with the script's questions).
    pub model: Option<Arc<LlmConfig>>,
    /// The model's reply on its way, if one is.
    pub asking: Option<Asking>,
    /// The spoken answer typed and not sent when the round was ended by a quit or a
    /// signal: the saved transcript keeps it, marked unsent.
    pub unsent: Option<String>,
    /// The spoken answer's first and last edits not yet written to the round's draft
    /// file (`interview_log::draft_path`), so a `kill -9` loses seconds only.
    pub draft_unsaved: Option<(Timestamp, Timestamp)>,
}

impl PartialEq for MockSession {
    /// Two screens are the same when they show the same round at the same point.
    fn eq(&self, other: &Self) -> bool {
        self.started == other.started
            && self.round.transcript() == other.round.transcript()
            && self.answer == other.answer
            && self.code == other.code
            && self.scroll == other.scroll
            && self.saved == other.saved
    }
}

impl MockSession {
    /// A screen on `round`, started at `now`; the code editor holds `starter`.
    pub fn new(round: Round, now: Timestamp, starter: &str, coding_card: Option<usize>) -> Self {
        let lang = Lang::Python;
        let mut code = Editor::code(starter, crate::practice::opener(lang));
        // At the first body to write, as practice opens: the starter's `...`.
        if let Some((line, column)) = crate::practice::first_placeholder(starter) {
            code.jump_to(line, column);
        }
        let mut session = Self {
            round,
            started: now,
            answer: Editor::new(""),
            code,
            lang,
            coding_card,
            trusted: false,
            report: None,
            last_run: None,
            submit_after_run: false,
            scroll: None,
            rows: Vec::new(),
            rows_key: None,
            scorecard: None,
            saved: None,
            card_scroll: 0,
            model: None,
            asking: None,
            unsent: None,
            draft_unsaved: None,
        };
        session.focus();
        session
    }

    /// Keeps the spoken answer being typed for the transcript, before the round ends
    /// without it being sent.
    pub fn keep_unsent(&mut self) {
        let text = self.answer.text();
        self.unsent = (!text.trim().is_empty()).then_some(text);
    }

    /// The spoken answer changed (or was sent, leaving it empty) at `now`.
    pub fn draft_changed(&mut self, now: Timestamp) {
        self.draft_unsaved = Some(crate::practice::changed(self.draft_unsaved, now));
    }

    /// The spoken answer to write to the draft file, when `due` (after a pause, or
    /// every few seconds of typing: `practice::save_due`); marks it written.
    pub fn take_draft(&mut self, now: Timestamp, due: bool) -> Option<String> {
        if !due && !crate::practice::save_due(self.draft_unsaved, now) {
            return None;
        }
        self.draft_unsaved.take()?;
        Some(self.answer.text())
    }

    pub fn awaiting(&self) -> Awaiting {
        self.round.awaiting()
    }

    /// Whether the code editor is the one in use (the coding question is open).
    pub fn coding(&self) -> bool {
        matches!(self.awaiting(), Awaiting::Code | Awaiting::Tests)
            || (self.awaiting() == Awaiting::Paused && self.coding_phase())
    }

    fn coding_phase(&self) -> bool {
        self.round
            .phase()
            .is_some_and(|p| p.kind == crate::interview::PhaseKind::Coding)
    }

    pub fn clocks(&self, now: Timestamp) -> Clocks {
        self.round.clocks(now)
    }

    /// Whether the clock shows and runs (a tick then changes what is drawn).
    pub fn clock_running(&self) -> bool {
        !matches!(self.awaiting(), Awaiting::Paused | Awaiting::Over)
    }

    /// The editor in use gets the cursor; the other none.
    fn focus(&mut self) {
        let coding = self.coding();
        let over = self.round.is_over();
        self.code.set_focused(coding && !over);
        self.answer.set_focused(!coding && !over);
    }

    /// An edit of the editor in use. A paste into a spoken answer is cut to what the
    /// round keeps of an answer ([`MAX_ANSWER`] bytes, the answer so far counted): a
    /// megabyte in the editor would make every key and every tick of the clock slow to
    /// draw, for text that is never scored. Returns the size of a paste that was cut.
    pub fn edit(&mut self, edit: Edit) -> Option<usize> {
        if self.coding() {
            self.code.apply(edit);
            return None;
        }
        let (edit, cut) = edit.within(MAX_ANSWER.saturating_sub(self.answer.text().len()));
        self.answer.apply(edit);
        cut
    }

    /// One event for the round at `now`; a test run it asks for is returned.
    pub fn event(&mut self, event: Event, now: Timestamp) -> Option<TestRun> {
        let before = self.round.transcript().len();
        let request = self.round.update(event, now);
        if self.round.transcript().len() != before {
            // A new turn: the transcript follows it.
            self.scroll = None;
        }
        self.focus();
        request.map(|Request::RunTests(run)| run)
    }

    /// Submit the spoken answer: it goes to the round and the editor empties.
    pub fn submit_answer(&mut self, now: Timestamp) {
        let text = self.answer.text();
        self.answer = Editor::new("");
        self.event(Event::Answer(text), now);
    }

    /// Ctrl-R: the code to the tests (nothing while a run is under way).
    pub fn run(&mut self, now: Timestamp) -> Option<TestRun> {
        let source = self.code.text();
        let run = self.event(
            Event::Run {
                lang: crate::practice::runner_lang(self.lang),
                source: source.clone(),
            },
            now,
        );
        if run.is_some() {
            self.last_run = Some(source);
        }
        run
    }

    /// Submit the code and move on: run it first unless this very code ran last; the
    /// round moves on when the report comes ([`Self::tests_ran`]).
    pub fn submit_code(&mut self, now: Timestamp) -> Option<TestRun> {
        if self.awaiting() == Awaiting::Tests {
            self.submit_after_run = true;
            return None;
        }
        if self.last_run.as_deref() == Some(self.code.text().as_str()) {
            self.event(Event::Next, now);
            return None;
        }
        let run = self.run(now);
        if run.is_some() {
            self.submit_after_run = true;
        } else {
            self.event(Event::Next, now);
        }
        run
    }

    /// A test run's report: to the round, and shown; a submit waiting on it moves on.
    pub fn tests_ran(&mut self, report: Box<Report>, now: Timestamp) {
        self.report = Some(report.clone());
        self.event(Event::TestsRan(report), now);
        if std::mem::take(&mut self.submit_after_run) && self.awaiting() == Awaiting::Code {
            self.event(Event::Next, now);
        }
    }

    /// After an answer that added the turns from `before` on: the model is asked to
    /// phrase the round's next question, if there is a model and a question. A reply
    /// still on its way for an earlier question is dropped (its question stands).
    pub fn ask_follow_up(&mut self, before: usize) -> Option<ModelRequest> {
        self.asking = None;
        let config = Arc::clone(self.model.as_ref()?);
        let Ask { turn, messages } = interviewer::follow_up(&self.round, before)?;
        self.asking = Some(Asking {
            turn: Some(turn),
            text: String::new(),
        });
        self.rows_key = None;
        Some(ModelRequest {
            config,
            turn: Some(turn),
            messages,
            max_tokens: interviewer::FOLLOW_UP_TOKENS,
        })
    }

    /// The round is over and scored: the model is asked for its critique, if there is
    /// a model; `None`: save the round now.
    pub fn ask_critique(&mut self) -> Option<ModelRequest> {
        let config = Arc::clone(self.model.as_ref()?);
        let messages = interviewer::critique(&self.round, self.scorecard.as_ref()?);
        self.asking = Some(Asking {
            turn: None,
            text: String::new(),
        });
        Some(ModelRequest {
            config,
            turn: None,
            messages,
            max_tokens: interviewer::CRITIQUE_TOKENS,
        })
    }

    /// Whether the critique is on its way (the round is saved when it has come).
    pub fn awaiting_critique(&self) -> bool {
        self.asking.as_ref().is_some_and(|a| a.turn.is_none())
    }

    /// A piece of the reply for `turn`, as it streams in.
    pub fn model_text(&mut self, turn: Option<usize>, piece: &str) {
        if let Some(asking) = self.asking.as_mut()
            && asking.turn == turn
            && asking.text.len() + piece.len() <= crate::llm::sse::MAX_REPLY
        {
            asking.text.push_str(piece);
            self.rows_key = None;
        }
    }

    /// The whole reply for `turn`, or why there is none, at `now`: the question takes
    /// the model's words (made display-safe), or the critique goes on the scorecard; on
    /// an error the round notes it once and goes on without the model (a reply the
    /// learner cancelled only drops that reply). `true` when the critique was awaited:
    /// the round is then saved.
    pub fn model_done(
        &mut self,
        turn: Option<usize>,
        reply: Result<String, LlmError>,
        now: Timestamp,
    ) -> bool {
        if self.asking.as_ref().is_none_or(|a| a.turn != turn) {
            return false;
        }
        self.asking = None;
        self.rows_key = None;
        let reply = reply.and_then(|text| match turn {
            Some(turn) => interviewer::phrased(&text)
                .map(|shown| {
                    self.round.rephrase(turn, shown);
                })
                .ok_or(LlmError::Empty),
            None => interviewer::critique_text(&text)
                .map(|shown| {
                    if let Some(card) = self.scorecard.as_mut() {
                        card.critique = Some(shown);
                    }
                })
                .ok_or(LlmError::Empty),
        });
        match reply {
            Ok(()) => {}
            Err(LlmError::Cancelled) => {
                if turn.is_some() {
                    self.round
                        .note(crate::text::Shown::new(interviewer::CANCELLED_NOTE), now);
                }
            }
            Err(e) => {
                self.round.note(interviewer::fallback_note(&e), now);
                self.model = None;
            }
        }
        turn.is_none()
    }

    /// The scorecard, worked out once when the round is over; `true` the first time
    /// (the round is then saved).
    pub fn score_if_over(&mut self) -> bool {
        if self.round.is_over() && self.scorecard.is_none() {
            self.scorecard = Some(Scorecard::of(&self.round));
            self.focus();
            return true;
        }
        false
    }
}
