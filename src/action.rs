//! What the user means, independent of the key that said it; and results the shell
//! feeds back after carrying out an effect.

use crate::srs::{CardState, Outcome, Rating};
use crate::store::{Recorded, Undone};
use crate::worker::{End, JobId, JobKind};

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    /// Stop the process for the shell (Ctrl-Z); `fg` brings the session back.
    Suspend,
    /// Text pasted (bracketed paste), whole: for the field being typed, if any.
    Paste(String),
    ToggleHelp,
    /// Leave the current screen or overlay (Esc).
    Back,
    /// The answer to the confirmation overlay: yes or no.
    Confirm(bool),
    // Moving around
    FocusNext,
    FocusPrev,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    ScrollTop,
    ScrollBottom,
    ToggleZoom,
    /// Home and lists: move the selection.
    SelectNext,
    SelectPrev,
    /// Home and lists: open what is selected.
    Open,
    // Review
    Reveal,
    Grade(Rating),
    Undo,
    // Browse
    StartFilter,
    /// Esc on a list narrowed by a filter: the whole list again.
    ClearFilter,
    // Quiz
    Quiz(crate::quiz::QuizAction),
    /// Enter in a quiz: submit the answer, or go on after the feedback.
    QuizEnter,
    /// After a recall verdict: "I did say that", for the missed point under the cursor.
    ClaimPoint,
    /// After a recall verdict: the cursor to the next missed point to claim.
    NextMissed,
    /// A change to the text of the editor being typed in (a recall answer, practice's
    /// code).
    Edit(crate::editor::Edit),
    /// `p` on a coding card: practise it (write the code), in Python.
    OpenPractice,
    // Practice
    Practice(crate::practice::PracticeAction),
    /// The user agreed to run the tests of `deck` as they hash to `hash` (now, or in an
    /// earlier session: `Effect::LoadTrust`).
    DeckTrusted {
        deck: String,
        hash: String,
    },
    /// The learner's saved code for a card, read from disk (`Effect::LoadAttempt`).
    AttemptLoaded {
        card: String,
        lang: crate::highlight::Lang,
        text: String,
    },
    /// A recall item's unsent answer, read from disk (`Effect::LoadRecallDraft`).
    RecallDraftLoaded {
        card: String,
        item: usize,
        text: String,
    },
    /// The mock interview's own keys.
    Interview(crate::mock::MockAction),
    /// The round was saved: the Markdown transcript's path (`Effect::SaveInterview`).
    InterviewSaved(String),
    /// The attempt file's stamp changed since `Effect::WatchAttempt`'s: what it holds.
    AttemptOnDisk {
        card: String,
        lang: crate::highlight::Lang,
        stamp: crate::practice::Stamp,
        text: String,
    },
    /// `$EDITOR` ended (`Effect::EditOutside`): the file as it left it, or why not.
    EditedOutside {
        card: String,
        lang: crate::highlight::Lang,
        result: Result<String, String>,
    },
    // The console
    EnterConsole,
    EnterCommand,
    Console(ConsoleEdit),
    ConsoleSubmit,
    LeaveConsole,
    // From the shell
    Resize(u16, u16),
    Tick,
    ReviewSaved(Recorded),
    Undone(Undone),
    StatsLoaded(Box<crate::stats::Stats>),
    /// An effect the shell could not carry out.
    Failed(Failure),
    /// The streak as the store counts it, after a grade was saved or undone.
    StreakLoaded(u32),
    /// Code highlighted (or made plain, with colour off), ready to draw.
    Highlighted(Box<crate::highlight::HighlightBatch>),
    /// The shell started a job on the worker; `label` says what it does ("highlighting"),
    /// `kind` who asked for it (what Esc does while it runs).
    JobStarted {
        id: JobId,
        label: &'static str,
        kind: JobKind,
    },
    /// A job is over (not sent for a job cancelled with `CancelJob`).
    JobFinished {
        id: JobId,
        end: End,
    },
    /// Esc while a job runs: cancel the latest foreground one, else the latest one.
    CancelJob,
    /// A card's tests ran on the learner's code (`Effect::RunTests`).
    TestsRan {
        card: crate::content::CardId,
        report: Box<crate::runner::Report>,
    },
    /// A piece of the model's reply as it streams in (`Effect::AskModel`): for the
    /// interviewer's turn `turn`, or (`None`) the critique.
    ModelText {
        turn: Option<usize>,
        piece: String,
    },
    /// The model's whole reply, or why there is none.
    ModelDone {
        turn: Option<usize>,
        reply: Result<String, crate::llm::LlmError>,
    },
}

/// An effect that failed: which one, on what, and the underlying error's message (the
/// store's errors are not `Clone`, actions are). The flash shows its `Display`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// `RecordReview` of `card`: the grade was not saved.
    #[error("not saved: {cause}; the card stays, grade again to retry")]
    Save { card: String, cause: String },
    /// `UndoReview` of the log row `id`.
    #[error("cannot undo: {cause}")]
    Undo { id: i64, cause: String },
    /// `LoadStats`.
    #[error("stats: {cause}")]
    Stats { cause: String },
    /// `RecordQuiz` of an item of `card` (its index among the card's quiz items).
    #[error("quiz answer not saved: {cause}")]
    QuizSave {
        card: String,
        item: usize,
        cause: String,
    },
    /// `RecordClaim` of a point of an answer to an item of `card`.
    #[error("claim not saved: {cause}")]
    ClaimSave {
        card: String,
        item: usize,
        point: usize,
        cause: String,
    },
    /// `TrustDeck` or `LoadTrust` of `deck`'s tests.
    #[error("trusting the tests of deck {deck}: {cause}")]
    Trust { deck: String, cause: String },
    /// `SaveInterview`: the round was not saved.
    #[error("the interview was not saved: {cause}")]
    Interview { cause: String },
    /// `SaveAttempt` or `LoadAttempt` of the learner's code for `card`.
    #[error("your code for {card}: {cause}")]
    Attempt { card: String, cause: String },
}

/// An edit of the console's input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleEdit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    KillToStart,
    KillWord,
    HistoryPrev,
    HistoryNext,
    /// A line break, in an answer of several lines (free recall).
    Newline,
    /// The cursor to the line above or below, in an answer of several lines.
    LineUp,
    LineDown,
    /// Tab: complete the command name being typed.
    Complete,
}

/// Work for the shell: the only way `update` reaches the disk or the terminal.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save a grade durably; the shell answers with `StreakLoaded` then `ReviewSaved`
    /// (the card's state as the store has it), or `Failed(Failure::Save)`.
    RecordReview {
        /// The card's id.
        card: String,
        /// The state `outcome` was worked out from.
        before: Option<CardState>,
        /// The grade: its rating, the new state, the log row's fields.
        outcome: Outcome,
        duration_ms: u64,
    },
    /// Remove a saved grade; the shell answers with `StreakLoaded` then `Undone`, or
    /// `Failed(Failure::Undo)`.
    UndoReview {
        id: i64,
    },
    /// Compute stats; the shell answers with `StatsLoaded` or `Failed(Failure::Stats)`.
    LoadStats,
    /// Highlight the solutions of a card (by index) and its fenced code, unless done
    /// before; the shell answers with `Highlighted`, at once from the disk cache, else
    /// from a job on the worker.
    Highlight(usize),
    /// Highlight the code of the quiz just started (cloze and reorder items).
    HighlightQuiz,
    /// Fill the highlight cache for every card, as a job on the worker (after the
    /// first frame).
    WarmHighlightCache,
    /// Stop a job on the worker; nothing more comes from it.
    CancelJob(JobId),
    /// Save a quiz answer; the shell answers only on failure, with
    /// `Failed(Failure::QuizSave)`.
    RecordQuiz(crate::quiz::QuizRecord),
    /// Save a claimed point; the shell answers only on failure, with
    /// `Failed(Failure::ClaimSave)`.
    RecordClaim(crate::quiz::Claim),
    /// Whether the user agreed to run `deck`'s tests as they hash to `hash`; the shell
    /// answers with `DeckTrusted` if so, else nothing (or `Failed(Failure::Trust)`).
    LoadTrust {
        deck: String,
        hash: String,
    },
    /// Record that the user agreed to run `deck`'s tests as they hash to `hash`; the
    /// shell answers with `DeckTrusted`, or `Failed(Failure::Trust)`.
    TrustDeck {
        deck: String,
        hash: String,
    },
    /// Read the learner's saved code for `card` in `lang`, if any; the shell answers
    /// with `AttemptLoaded` (nothing when there is none), or `Failed(Failure::Attempt)`.
    LoadAttempt {
        card: String,
        lang: crate::highlight::Lang,
    },
    /// Write the learner's code for `card` in `lang` atomically (a temporary file,
    /// then a rename); the shell answers only on failure, with `Failed(Failure::Attempt)`.
    SaveAttempt {
        card: String,
        lang: crate::highlight::Lang,
        text: String,
    },
    /// Read the unsent answer to recall item `item` of `card`
    /// (`attempts/<card>/recall-<item>.txt`), if any; the shell answers with
    /// `RecallDraftLoaded` (nothing when there is none), or `Failed(Failure::Attempt)`.
    LoadRecallDraft {
        card: String,
        item: usize,
    },
    /// Write a recall item's unsent answer atomically, as `SaveAttempt` writes code.
    SaveRecallDraft(crate::quiz::Draft),
    /// The answer was submitted and scored: its draft file goes.
    RemoveRecallDraft {
        card: String,
        item: usize,
    },
    /// Write the interview answer being typed to the round's draft file
    /// (`interview_log::save_draft`; empty text removes it); answers only on failure.
    SaveInterviewDraft {
        started: jiff::Timestamp,
        text: String,
    },
    /// Watch mode: `stat` the attempt file; when its stamp is not `seen`, read it and
    /// answer with `AttemptOnDisk` (nothing otherwise: an idle tick stays quiet).
    WatchAttempt {
        card: String,
        lang: crate::highlight::Lang,
        seen: Option<crate::practice::Stamp>,
    },
    /// Write the code to the attempt file, give the terminal to `$VISUAL`/`$EDITOR` on
    /// it, and take it back when the editor ends; the shell answers `EditedOutside`.
    EditOutside {
        card: String,
        lang: crate::highlight::Lang,
        text: String,
    },
    /// Append a completed practice run to the store's `attempts`; the shell answers only
    /// on failure, with `Failed(Failure::Attempt)`.
    RecordAttempt(crate::store::AttemptRecord),
    /// Run a card's tests on the learner's code, as a job on the worker (Esc cancels it
    /// and kills its processes); the shell answers with `JobStarted`, then `TestsRan`.
    RunTests(Box<crate::runner::TestRun>),
    /// Ask the model interviewer (issue 19), as a job on the worker (Esc cancels it);
    /// the shell answers with `JobStarted`, then `ModelText` as the reply streams and
    /// `ModelDone`.
    AskModel(Box<crate::mock::ModelRequest>),
    /// Save the mock interview on screen, which is over: its Markdown transcript to
    /// `interviews/<time>.md` and its row in the store; the shell answers with
    /// `InterviewSaved`, or `Failed(Failure::Interview)`.
    SaveInterview,
    /// Give the terminal back and stop the process, as Ctrl-Z does in a shell.
    Suspend,
    Quit,
}

/// What `update` asks of the shell, in order.
#[must_use = "effects must be carried out by the shell"]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effects(pub Vec<Effect>);

impl Effects {
    pub fn none() -> Self {
        Self(Vec::new())
    }

    pub fn one(effect: Effect) -> Self {
        Self(vec![effect])
    }

    pub fn push(&mut self, effect: Effect) {
        self.0.push(effect);
    }

    pub fn extend(&mut self, other: Effects) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
