//! One mock interview as pure state (issue 15): the phase and question being asked, the
//! transcript, the clocks, and what each answer scored. It is driven one [`Event`] at a
//! time with the time passed in ([`Round::update`]), as a screen's `update` drives it or
//! `tutor interview --answers` does; it never reads a clock, a file or a process. A test
//! run is asked for as data ([`Request::RunTests`]) and its [`Report`] fed back
//! ([`Event::TestsRan`]).
//!
//! How a round runs:
//! - Each phase of the [`Plan`] opens with a note and the interviewer's question.
//! - A phase whose budget is spent on the round's clock ends with the note "Time is up
//!   for ...: moving on." at the moment it ran out; the next phase starts then. Pause
//!   stops the clock.
//! - An answer is kept up to [`MAX_ANSWER`] bytes and scored on its first
//!   [`HEARD_WORDS`] words, with a note when either cuts it.
//! - Behavioural: the answer is checked ([`LpCheck`]); each failed check is a note of
//!   feedback; then one LP probe is asked, its answer recorded, and the phase ends.
//! - Coding: [`Event::Run`] asks for a test run; a report where every test passed ends
//!   the phase, any other is noted and the candidate may run again or move on
//!   ([`Event::Next`]).
//! - Questions (follow-ups, discussion): a scored answer is scored with the recall
//!   scorer; for the most important missed point (the lowest index) that has a probe
//!   not yet asked in this round, the probe is asked once and its answer scored too;
//!   then the next question. A plain question is asked and its answer recorded.

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde::Serialize;

use crate::quiz::score::score_recall;
use crate::runner::{Lang, Outcome, Report, TestRun};
use crate::shown;
use crate::text::Shown;

use super::clock::{Clock, Millis};
use super::plan::{Body, CardRef, Phase, PhaseKind, Plan, Question};
use super::star::{HEARD_WORDS, LpCheck, heard, times};

/// The most of one answer that is kept and scored; the rest is cut, with a note. A
/// three-minute answer is about 3 KB.
pub const MAX_ANSWER: usize = 16 * 1024;

/// Who a transcript line is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Who {
    Interviewer,
    Candidate,
    /// The round's own remarks: phase changes, feedback, test results, time.
    Note,
}

/// One line of the transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    pub who: Who,
    pub text: Shown,
    /// When, on the round's clock (pauses not counted).
    pub at: Millis,
}

/// What happened, for [`Round::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The candidate's answer to the question asked (in the coding phase: a remark).
    Answer(String),
    /// Coding: run the card's tests on this code.
    Run {
        lang: Lang,
        source: String,
    },
    /// The report of the run [`Request::RunTests`] asked for.
    TestsRan(Box<Report>),
    /// The candidate moves on: the coding question is done, or a question is skipped.
    Next,
    Pause,
    Resume,
    /// The candidate ends the round.
    End,
    /// Time passed: a phase whose budget is spent ends.
    Tick,
}

/// What the round needs done outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    RunTests(TestRun),
}

/// What the round waits for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaiting {
    /// A text answer to the last question.
    Answer,
    /// Code to run, or [`Event::Next`].
    Code,
    /// The report of a test run.
    Tests,
    Paused,
    Over,
}

/// How the round ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// Every phase was done.
    Finished,
    /// The candidate ended it.
    Ended,
}

/// The clocks a screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    /// The phase running: its kind, the time it has used and its budget.
    pub phase: Option<(PhaseKind, Millis, Millis)>,
    pub used: Millis,
    pub budget: Millis,
    pub paused: bool,
}

/// Whether a point was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Made {
    InAnswer,
    /// Only in the answer to its probe.
    AfterProbe,
    Missed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointResult {
    /// The point as the card words it: its model phrasing.
    pub point: Shown,
    pub made: Made,
    /// For a point missed, the candidate's words that named it only to deny it ("you
    /// don't actually need a lock"), from the last answer that did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied: Option<Shown>,
}

/// A question asked in a follow-up or discussion phase, and how its answer did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionResult {
    pub phase: PhaseKind,
    pub card: CardRef,
    pub ask: Shown,
    /// Whether an answer (not empty) was given.
    pub answered: bool,
    /// Empty for a question that is not scored.
    pub points: Vec<PointResult>,
    /// The model answer, for a scored question.
    pub model_answer: Option<Shown>,
    /// The probe asked, if one was.
    pub probe: Option<Shown>,
}

impl QuestionResult {
    pub fn scored(&self) -> bool {
        !self.points.is_empty()
    }
}

/// The behavioural answer's checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LpResult {
    pub card: CardRef,
    pub answered: bool,
    pub check: LpCheck,
    /// The card's model answer, when it has a recall item.
    pub model_answer: Option<Shown>,
    pub probe: Shown,
}

/// The coding question: runs, the last report's counts, time used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodingResult {
    pub card: CardRef,
    pub runs: u32,
    /// Tests passed and in all, in the last report.
    pub passed: usize,
    pub tests: usize,
    pub all_passed: bool,
    /// The last report's summary (`3 passed, 1 failed`, `did not compile`).
    pub summary: Option<String>,
    /// Time the phase took on the round's clock.
    pub time: Millis,
    /// The last code run, and its language.
    pub code: Option<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Waiting for the LP answer, or (`probing`) for the answer to its probe.
    Lp {
        probing: bool,
    },
    Coding,
    /// Waiting for the answer to question `index`, or to the probe of point `probing`.
    Question {
        index: usize,
        probing: Option<usize>,
    },
    Done,
}

/// A mock interview in progress (or over): see the module's documentation.
#[derive(Debug, Clone)]
pub struct Round {
    plan: Plan,
    clock: Clock,
    /// Index into the plan's phases; past the end when the round is over.
    phase: usize,
    /// When the phase started, on the round's clock.
    phase_start: Millis,
    step: Step,
    transcript: Vec<Turn>,
    lp: Option<LpResult>,
    coding: Option<CodingResult>,
    questions: Vec<QuestionResult>,
    /// Every probe asked so far, as asked: none is asked twice.
    probes_asked: BTreeSet<String>,
    run_pending: bool,
    ending: Option<Ending>,
}

impl Round {
    /// Starts the round at `now`: its notes, then the first phase's question.
    pub fn start(plan: Plan, now: Timestamp) -> Self {
        let mut round = Self {
            clock: Clock::started(now),
            phase: 0,
            phase_start: 0,
            step: Step::Done,
            transcript: Vec::new(),
            lp: None,
            coding: None,
            questions: Vec::new(),
            probes_asked: BTreeSet::new(),
            run_pending: false,
            ending: None,
            plan,
        };
        for note in round.plan.notes.clone() {
            round.say(Who::Note, note, 0);
        }
        round.enter(0);
        round
    }

    /// Handles one event at `now`. First, any phase whose time ran out before `now`
    /// ends. Events that do not fit what the round waits for are ignored.
    pub fn update(&mut self, event: Event, now: Timestamp) -> Option<Request> {
        if matches!(event, Event::Resume) {
            self.clock.resume(now);
        }
        self.catch_up(now);
        let at = self.clock.elapsed(now);
        match event {
            Event::TestsRan(report) => self.tests_ran(&report, at),
            Event::End if self.ending.is_none() => {
                self.say(Who::Note, Shown::new("The candidate ended the round."), at);
                self.finish(Ending::Ended, at);
            }
            _ if self.ending.is_some() => {}
            Event::Pause => self.clock.pause(now),
            _ if self.clock.is_paused() => {}
            Event::Answer(text) => self.answer(&text, at),
            Event::Run { lang, source } => return self.run(lang, source, at),
            Event::Next => self.next(at),
            Event::Resume | Event::Tick | Event::End => {}
        }
        None
    }

    pub fn transcript(&self) -> &[Turn] {
        &self.transcript
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn is_over(&self) -> bool {
        self.ending.is_some()
    }

    pub fn ending(&self) -> Option<Ending> {
        self.ending
    }

    pub fn awaiting(&self) -> Awaiting {
        if self.ending.is_some() {
            Awaiting::Over
        } else if self.clock.is_paused() {
            Awaiting::Paused
        } else if self.run_pending {
            Awaiting::Tests
        } else if self.step == Step::Coding {
            Awaiting::Code
        } else {
            Awaiting::Answer
        }
    }

    /// The phase running, if the round is not over.
    pub fn phase(&self) -> Option<&Phase> {
        self.ending
            .is_none()
            .then(|| self.plan.phases.get(self.phase))
            .flatten()
    }

    pub fn clocks(&self, now: Timestamp) -> Clocks {
        let used = self.clock.elapsed(now);
        Clocks {
            phase: self
                .phase()
                .map(|p| (p.kind, used.saturating_sub(self.phase_start), p.budget)),
            used,
            budget: self.plan.budget(),
            paused: self.clock.is_paused(),
        }
    }

    pub fn lp(&self) -> Option<&LpResult> {
        self.lp.as_ref()
    }

    pub fn coding(&self) -> Option<&CodingResult> {
        self.coding.as_ref()
    }

    pub fn questions(&self) -> &[QuestionResult] {
        &self.questions
    }

    /// The interviewer's turn `turn` asked in other words (the model's, issue 19): what
    /// is asked is still the script's question, whose points score the answer, so the
    /// round goes on as it would have. `false` (nothing changed) unless `turn` is the
    /// interviewer's.
    pub fn rephrase(&mut self, turn: usize, text: Shown) -> bool {
        match self.transcript.get_mut(turn) {
            Some(t) if t.who == Who::Interviewer && !text.trim().is_empty() => {
                t.text = text;
                true
            }
            _ => false,
        }
    }

    /// A note of the round's own at `now` (the model interviewer's fallback).
    pub fn note(&mut self, text: Shown, now: Timestamp) {
        let at = self.clock.elapsed(now);
        self.say(Who::Note, text, at);
    }

    fn say(&mut self, who: Who, text: Shown, at: Millis) {
        self.transcript.push(Turn { who, text, at });
    }

    /// Ends every phase whose budget ran out by `now`, each at the moment it did.
    fn catch_up(&mut self, now: Timestamp) {
        let elapsed = self.clock.elapsed(now);
        while let Some(phase) = self.phase() {
            let end = self.phase_start.saturating_add(phase.budget);
            if elapsed < end {
                break;
            }
            let title = phase.kind.title();
            self.say(Who::Note, shown!("Time is up for {title}: moving on."), end);
            self.leave_phase(end);
        }
    }

    /// Opens phase `index` at `at`, or ends the round when there is none.
    fn enter(&mut self, at: Millis) {
        let Some(phase) = self.plan.phases.get(self.phase).cloned() else {
            self.finish(Ending::Finished, at);
            return;
        };
        self.phase_start = at;
        let minutes = phase.budget.div_ceil(60_000);
        self.say(
            Who::Note,
            shown!(
                "{}: {} ({minutes} min)",
                phase.kind.title(),
                phase.card.title
            ),
            at,
        );
        match &phase.body {
            Body::Behavioural { ask, points } => {
                self.lp = Some(LpResult {
                    card: phase.card.clone(),
                    answered: false,
                    check: LpCheck::of("", points.as_ref(), &self.plan.synonyms),
                    model_answer: points.as_ref().map(|p| p.model_answer.clone()),
                    probe: Shown::default(),
                });
                self.step = Step::Lp { probing: false };
                self.say(Who::Interviewer, ask.clone(), at);
            }
            Body::Coding { ask, .. } => {
                self.coding = Some(CodingResult {
                    card: phase.card.clone(),
                    runs: 0,
                    passed: 0,
                    tests: 0,
                    all_passed: false,
                    summary: None,
                    time: 0,
                    code: None,
                });
                self.step = Step::Coding;
                self.say(Who::Interviewer, ask.clone(), at);
            }
            Body::Questions(_) => self.ask_question(0, at),
        }
    }

    /// Asks question `index` of the phase, or leaves the phase after its last.
    fn ask_question(&mut self, index: usize, at: Millis) {
        let Some(phase) = self.plan.phases.get(self.phase) else {
            return;
        };
        let Body::Questions(questions) = &phase.body else {
            return;
        };
        let Some(question) = questions.get(index) else {
            self.leave_phase(at);
            return;
        };
        let (points, model_answer) = match question {
            Question::Asked(_) => (Vec::new(), None),
            Question::Scored(s) => (
                s.recall
                    .points
                    .iter()
                    .map(|p| PointResult {
                        point: p.point.clone(),
                        made: Made::Missed,
                        denied: None,
                    })
                    .collect(),
                Some(s.recall.model_answer.clone()),
            ),
        };
        let ask = question.ask().clone();
        self.questions.push(QuestionResult {
            phase: phase.kind,
            card: phase.card.clone(),
            ask: ask.clone(),
            answered: false,
            points,
            model_answer,
            probe: None,
        });
        self.step = Step::Question {
            index,
            probing: None,
        };
        self.say(Who::Interviewer, ask, at);
    }

    /// Closes the phase running at `at` and opens the next.
    fn leave_phase(&mut self, at: Millis) {
        if let (Step::Coding, Some(coding)) = (self.step, self.coding.as_mut()) {
            coding.time = at.saturating_sub(self.phase_start);
        }
        self.phase += 1;
        self.step = Step::Done;
        self.enter(at);
    }

    fn finish(&mut self, ending: Ending, at: Millis) {
        if let (Step::Coding, Some(coding)) = (self.step, self.coding.as_mut()) {
            coding.time = at.saturating_sub(self.phase_start);
        }
        self.step = Step::Done;
        self.phase = self.plan.phases.len();
        if ending == Ending::Finished {
            self.say(
                Who::Interviewer,
                Shown::new("That is all the time we have. Thank you!"),
                at,
            );
        }
        self.ending = Some(ending);
    }

    /// The answer as kept: at most [`MAX_ANSWER`] bytes, cut at a character.
    fn kept(&mut self, text: &str, at: Millis) -> String {
        if text.len() <= MAX_ANSWER {
            self.say(Who::Candidate, Shown::new(text), at);
            return text.to_string();
        }
        let mut cut = MAX_ANSWER;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let kept = &text[..cut];
        self.say(Who::Candidate, Shown::new(kept), at);
        self.say(
            Who::Note,
            shown!(
                "The answer was {} KiB: only its first {} KiB were kept and scored.",
                text.len() / 1024,
                MAX_ANSWER / 1024
            ),
            at,
        );
        kept.to_string()
    }

    fn answer(&mut self, text: &str, at: Millis) {
        if self.step == Step::Done {
            return;
        }
        let text = self.kept(text, at);
        match self.step {
            Step::Lp { probing: true } => self.leave_phase(at),
            Step::Lp { probing: false } => self.lp_answer(&text, at),
            Step::Question { index, probing } => {
                let (heard, cut) = heard(&text);
                if cut {
                    self.say(
                        Who::Note,
                        shown!("Only the first {HEARD_WORDS} words were scored."),
                        at,
                    );
                }
                self.question_answer(index, probing, heard, at);
            }
            Step::Coding | Step::Done => {}
        }
    }

    fn lp_answer(&mut self, text: &str, at: Millis) {
        if heard(text).1 {
            self.say(
                Who::Note,
                shown!("Only the first {HEARD_WORDS} words were checked."),
                at,
            );
        }
        let Some(phase) = self.plan.phases.get(self.phase) else {
            return;
        };
        let Body::Behavioural { points, .. } = &phase.body else {
            return;
        };
        let check = LpCheck::of(text, points.as_ref(), &self.plan.synonyms);
        let feedback = check.feedback();
        if let Some(share) = check.i_share() {
            self.say(
                Who::Note,
                shown!(
                    "First person: \"I\" {}, \"we\" {} ({share}% I).",
                    times(check.i_words),
                    times(check.we_words)
                ),
                at,
            );
        }
        for line in feedback {
            self.say(Who::Note, line, at);
        }
        let probe = Shown::new(check.probe());
        if let Some(lp) = self.lp.as_mut() {
            lp.answered = !text.trim().is_empty();
            lp.check = check;
            lp.probe = probe.clone();
        }
        self.probes_asked.insert(probe.to_string());
        self.step = Step::Lp { probing: true };
        self.say(Who::Interviewer, probe, at);
    }

    fn question_answer(&mut self, index: usize, probing: Option<usize>, text: &str, at: Millis) {
        let Some(Body::Questions(questions)) = self.plan.phases.get(self.phase).map(|p| &p.body)
        else {
            return;
        };
        let Some(question) = questions.get(index) else {
            return;
        };
        let Some(result) = self.questions.last_mut() else {
            return;
        };
        let Question::Scored(scored) = question else {
            result.answered = !text.trim().is_empty();
            self.ask_question(index + 1, at);
            return;
        };
        let verdict = score_recall(&scored.recall, text, &self.plan.synonyms);
        for i in verdict.hit() {
            if let Some(point) = result.points.get_mut(i)
                && point.made == Made::Missed
            {
                point.made = if probing.is_some() {
                    Made::AfterProbe
                } else {
                    Made::InAnswer
                };
            }
        }
        for (point, mark) in result.points.iter_mut().zip(&verdict.points) {
            if let Some(said) = mark.denied()
                && point.made == Made::Missed
            {
                point.denied = Some(Shown::new(said));
            }
        }
        if probing.is_none() {
            result.answered = !text.trim().is_empty();
            let probe = verdict.missed().into_iter().find_map(|i| {
                scored
                    .probes
                    .get(&i)
                    .filter(|p| !self.probes_asked.contains(p.as_str()))
                    .map(|p| (i, p.clone()))
            });
            if let Some((point, probe)) = probe {
                result.probe = Some(probe.clone());
                self.probes_asked.insert(probe.to_string());
                self.step = Step::Question {
                    index,
                    probing: Some(point),
                };
                self.say(Who::Interviewer, probe, at);
                return;
            }
        }
        let made = result
            .points
            .iter()
            .filter(|p| p.made != Made::Missed)
            .count();
        let all = result.points.len();
        self.say(Who::Note, shown!("{made} of {all} points made."), at);
        self.ask_question(index + 1, at);
    }

    fn run(&mut self, lang: Lang, source: String, at: Millis) -> Option<Request> {
        if self.step != Step::Coding || self.run_pending {
            return None;
        }
        let phase = self.plan.phases.get(self.phase)?;
        let Body::Coding {
            python_tests,
            rust_tests,
            ..
        } = &phase.body
        else {
            return None;
        };
        let tests = match lang {
            Lang::Python => python_tests.clone(),
            Lang::Rust => rust_tests.clone(),
        };
        let card = phase.card.id.clone();
        let coding = self.coding.as_mut()?;
        coding.runs += 1;
        coding.code = Some((lang.name().to_string(), source.clone()));
        let runs = coding.runs;
        self.run_pending = true;
        self.say(
            Who::Note,
            shown!("Run {runs}: the tests on your {} code.", lang.name()),
            at,
        );
        Some(Request::RunTests(TestRun {
            card,
            lang,
            source,
            tests,
        }))
    }

    /// A run's report: noted, and counted, even when the coding phase has ended since.
    fn tests_ran(&mut self, report: &Report, at: Millis) {
        if !self.run_pending {
            return;
        }
        self.run_pending = false;
        let Some(coding) = self.coding.as_mut() else {
            return;
        };
        coding.passed = report.passed();
        coding.tests = report.tests.len();
        coding.all_passed = report.outcome == Outcome::Passed;
        coding.summary = Some(report.summary());
        let passed = coding.all_passed;
        self.say(Who::Note, shown!("Tests: {}.", report.summary()), at);
        if self.step == Step::Coding && self.ending.is_none() {
            if passed {
                self.say(
                    Who::Interviewer,
                    Shown::new("All the tests pass. Let's talk about your solution."),
                    at,
                );
                self.leave_phase(at);
            } else {
                self.say(
                    Who::Interviewer,
                    Shown::new("Not all the tests pass: run again, or move on when you are ready."),
                    at,
                );
            }
        }
    }

    fn next(&mut self, at: Millis) {
        match self.step {
            Step::Coding => {
                self.say(Who::Interviewer, Shown::new("Let's move on."), at);
                self.leave_phase(at);
            }
            Step::Lp { .. } => self.leave_phase(at),
            Step::Question { index, .. } => self.ask_question(index + 1, at),
            Step::Done => {}
        }
    }
}

#[cfg(test)]
mod tests;
