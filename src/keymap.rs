//! The one key table: it dispatches keys to actions and writes the footer and the help
//! overlay, so what the screen says and what the keys do cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::{Action, ConsoleEdit};
use crate::editor::Edit;
use crate::mock::MockAction as M;
use crate::practice::PracticeAction as P;
use crate::quiz::QuizAction as Q;
use crate::srs::Rating;
use crate::state::{App, CardFrom, Overlay, ReviewStep, Screen};
use crate::worker::JobKind;

/// Where a binding applies. The active scopes are tried in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    /// The "terminal too small" notice: nothing else can be seen, so nothing else acts.
    TooSmall,
    Help,
    /// A yes/no question over the screen: nothing else acts until it is answered.
    Confirm,
    Console,
    /// The answer editor of a free-recall item: how to submit and to stop typing.
    Editor,
    /// The practice screen's code editor: Tab indents, Esc stops typing.
    Code,
    /// Keys that edit text in either editor (after `Editor` or `Code`): Enter breaks
    /// the line, undo, deleting, moving; printable keys insert.
    Text,
    /// The practice screen, its editor not focused.
    Practice,
    /// A card with code to practise (review, a card from Browse).
    Coding,
    Filter,
    Home,
    /// Browse with a filter applied (typed, then Enter): Esc clears it before going home.
    Filtered,
    Browse,
    Stats,
    Prompt,
    Revealed,
    Review,
    Summary,
    Panes,
    CardBack,
    /// A lab (LRU, anagrams), opened from home: Esc goes home.
    LabBack,
    QuizAnswer,
    /// An item answered by typing in the console (gaps).
    QuizTyped,
    /// A free-recall item, its answer editor not focused.
    QuizRecall,
    QuizFeedback,
    /// A recall verdict with a missed point the learner can claim.
    QuizClaim,
    QuizEnd,
    Scroll,
    /// The mock interview, a spoken answer being written (the editor always takes the
    /// keys; Esc pauses).
    MockAnswer,
    /// The mock interview's coding question, the code being written.
    MockCode,
    /// The mock interview, either editor: Esc pauses, the transcript scrolls.
    Mock,
    /// The mock interview, paused: resume or end.
    MockPaused,
    /// The mock interview's scorecard.
    MockEnd,
    /// A job runs on the worker (the footer's spinner): Esc cancels it (a background
    /// job only on Home; see `esc_cancels_a_job`).
    Job,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::TooSmall => "Terminal too small",
            Self::Help => "This help",
            Self::Confirm => "Are you sure?",
            Self::Console => "Console (typing)",
            Self::Editor => "Answer editor (typing)",
            Self::Code => "Code editor (typing)",
            Self::Text => "Editing",
            Self::Practice => "Practice",
            Self::Coding => "Coding card",
            Self::Filter => "Filter (typing)",
            Self::Home => "Home",
            Self::Filtered => "Browse, filtered",
            Self::Browse => "Browse",
            Self::Stats => "Stats",
            Self::Prompt => "Question",
            Self::Revealed => "Answer",
            Self::Review => "Review",
            Self::Summary => "Summary",
            Self::Panes => "Panes",
            Self::CardBack => "Card",
            Self::LabBack => "Lab",
            Self::QuizAnswer | Self::QuizTyped | Self::QuizRecall => "Quiz: answering",
            Self::QuizFeedback | Self::QuizClaim => "Quiz: feedback",
            Self::QuizEnd => "Quiz: scorecard",
            Self::Scroll => "Scrolling",
            Self::MockAnswer => "Interview: answering (typing)",
            Self::MockCode => "Interview: coding (typing)",
            Self::Mock => "Interview",
            Self::MockPaused => "Interview: paused",
            Self::MockEnd => "Interview: scorecard",
            Self::Job => "Running",
        }
    }
}

/// A key: its code, and whether Ctrl or Alt is held. A key without Alt matches with
/// or without it (Esc followed at once by a key arrives as Alt and that key); a key
/// with Alt needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

const fn ctrl_code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: true,
        alt: false,
    }
}

const fn alt_code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: true,
    }
}

impl Key {
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) if matches!(self.code, KeyCode::Char(_)) => {
                format!("Ctrl-{}", base.to_uppercase())
            }
            (true, _) => format!("Ctrl-{base}"),
            (false, true) => format!("Alt-{base}"),
            (false, false) => base,
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl_held = event.modifiers.contains(KeyModifiers::CONTROL);
        let same_code = match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        };
        let alt_held = event.modifiers.contains(KeyModifiers::ALT);
        same_code && ctrl_held == self.ctrl && (alt_held || !self.alt)
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub scope: Scope,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer (short form: first key and help).
    pub footer: bool,
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        keys,
        scope,
        action,
        help,
        footer,
    }
}

use Scope as S;

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(S::Global, &[ctrl('c')], Action::Quit, "quit", false),
    bind(S::Global, &[ctrl('z')], Action::Suspend, "suspend", false),
    // Too small to draw: quit, or suspend, and nothing that acts on what cannot be seen.
    bind(S::TooSmall, &[k('q'), ctrl('c')], Action::Quit, "quit", false),
    bind(S::TooSmall, &[ctrl('z')], Action::Suspend, "suspend", false),
    // Help overlay
    bind(
        S::Help,
        &[k('?'), code(KeyCode::Esc), k('q')],
        Action::ToggleHelp,
        "close help",
        true,
    ),
    bind(S::Help, &[k('j'), code(KeyCode::Down)], Action::ScrollDown, "scroll down", false),
    bind(S::Help, &[k('k'), code(KeyCode::Up)], Action::ScrollUp, "scroll up", false),
    // Confirmation overlay
    bind(S::Confirm, &[k('y')], Action::Confirm(true), "yes", true),
    bind(S::Confirm, &[k('n'), code(KeyCode::Esc)], Action::Confirm(false), "no", true),
    bind(S::Confirm, &[ctrl('c')], Action::Quit, "quit", false),
    bind(S::Confirm, &[ctrl('z')], Action::Suspend, "suspend", false),
    // The answer editor (src/editor.rs). Enter breaks the line, so submitting takes
    // another key: Ctrl-D (end of input, as in a shell) reaches every terminal;
    // Alt-Enter where the terminal sends Esc before Enter (xterm, tmux, most others);
    // Ctrl-Enter only where the terminal reports Ctrl with Enter (most send a plain
    // Enter, which breaks the line). Ctrl-Z suspends tutor, so undo is Ctrl-U and redo
    // Ctrl-R, as in ratatui-textarea's own keys.
    bind(
        S::Editor,
        &[ctrl('d'), alt_code(KeyCode::Enter), ctrl_code(KeyCode::Enter)],
        Action::Quiz(Q::Submit),
        "submit answer",
        true,
    ),
    bind(S::Editor, &[code(KeyCode::Esc)], Action::Quiz(Q::StopTyping), "stop typing", true),
    // Editing keys of both editors (recall answers, practice's code).
    bind(S::Text, &[code(KeyCode::Enter)], Action::Edit(Edit::Newline), "new line", true),
    bind(S::Text, &[ctrl('u')], Action::Edit(Edit::Undo), "undo", true),
    bind(S::Text, &[ctrl('r')], Action::Edit(Edit::Redo), "redo", false),
    bind(S::Text, &[code(KeyCode::Backspace)], Action::Edit(Edit::Backspace), "delete back", false),
    bind(S::Text, &[code(KeyCode::Delete)], Action::Edit(Edit::Delete), "delete", false),
    bind(S::Text, &[ctrl('w')], Action::Edit(Edit::DeleteWord), "delete word", false),
    bind(S::Text, &[code(KeyCode::Left)], Action::Edit(Edit::Left), "cursor left", false),
    bind(S::Text, &[code(KeyCode::Right)], Action::Edit(Edit::Right), "cursor right", false),
    bind(S::Text, &[code(KeyCode::Up)], Action::Edit(Edit::Up), "row up", false),
    bind(S::Text, &[code(KeyCode::Down)], Action::Edit(Edit::Down), "row down", false),
    bind(S::Text, &[ctrl_code(KeyCode::Left)], Action::Edit(Edit::WordLeft), "word left", false),
    bind(S::Text, &[ctrl_code(KeyCode::Right)], Action::Edit(Edit::WordRight), "word right", false),
    bind(S::Text, &[code(KeyCode::Home), ctrl('a')], Action::Edit(Edit::Home), "start of line", false),
    bind(S::Text, &[code(KeyCode::End), ctrl('e')], Action::Edit(Edit::End), "end of line", false),
    // The code editor of the practice screen: the editing keys above (Scope::Text),
    // and Tab indents. Esc stops typing, so the screen's keys work again.
    bind(S::Code, &[ctrl('r')], Action::Practice(P::Run), "run tests", true),
    bind(S::Code, &[code(KeyCode::Esc)], Action::Practice(P::StopTyping), "stop typing", true),
    // Ctrl-R runs the tests here, so redo is Ctrl-Y.
    bind(S::Code, &[ctrl('y')], Action::Edit(Edit::Redo), "redo", false),
    bind(S::Code, &[code(KeyCode::Tab)], Action::Edit(Edit::Tab), "indent (4 spaces)", true),
    // Console editing (vim keys never fire here)
    bind(
        S::Console,
        &[code(KeyCode::Enter)],
        Action::ConsoleSubmit,
        "run",
        true,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Esc)],
        Action::LeaveConsole,
        "leave console",
        true,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Left)],
        Action::Console(ConsoleEdit::Left),
        "cursor left",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Right)],
        Action::Console(ConsoleEdit::Right),
        "cursor right",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Home), ctrl('a')],
        Action::Console(ConsoleEdit::Home),
        "start of line",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::End), ctrl('e')],
        Action::Console(ConsoleEdit::End),
        "end of line",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Backspace)],
        Action::Console(ConsoleEdit::Backspace),
        "delete back",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Delete)],
        Action::Console(ConsoleEdit::Delete),
        "delete",
        false,
    ),
    bind(
        S::Console,
        &[ctrl('u')],
        Action::Console(ConsoleEdit::KillToStart),
        "delete to start",
        false,
    ),
    bind(
        S::Console,
        &[ctrl('w')],
        Action::Console(ConsoleEdit::KillWord),
        "delete word",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Tab)],
        Action::Console(ConsoleEdit::Complete),
        "complete command",
        false,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Up)],
        Action::Console(ConsoleEdit::HistoryPrev),
        "older input",
        true,
    ),
    bind(
        S::Console,
        &[code(KeyCode::Down)],
        Action::Console(ConsoleEdit::HistoryNext),
        "newer input",
        false,
    ),
    // Browse filter typing
    bind(
        S::Filter,
        &[code(KeyCode::Enter)],
        Action::Open,
        "open",
        true,
    ),
    bind(
        S::Filter,
        &[code(KeyCode::Esc)],
        Action::Back,
        "clear filter",
        true,
    ),
    bind(
        S::Filter,
        &[code(KeyCode::Backspace)],
        Action::Console(ConsoleEdit::Backspace),
        "delete back",
        false,
    ),
    bind(
        S::Filter,
        &[code(KeyCode::Down)],
        Action::SelectNext,
        "next",
        false,
    ),
    bind(
        S::Filter,
        &[code(KeyCode::Up)],
        Action::SelectPrev,
        "previous",
        false,
    ),
    bind(S::Filter, &[code(KeyCode::PageDown)], Action::PageDown, "page down", false),
    bind(S::Filter, &[code(KeyCode::PageUp)], Action::PageUp, "page up", false),
    // Review
    bind(
        S::Prompt,
        &[k(' '), code(KeyCode::Enter)],
        Action::Reveal,
        "reveal",
        true,
    ),
    bind(
        S::Revealed,
        &[k('1')],
        Action::Grade(Rating::Again),
        "Again",
        true,
    ),
    bind(
        S::Revealed,
        &[k('2')],
        Action::Grade(Rating::Hard),
        "Hard",
        true,
    ),
    bind(
        S::Revealed,
        &[k('3'), k(' '), code(KeyCode::Enter)],
        Action::Grade(Rating::Good),
        "Good",
        true,
    ),
    bind(
        S::Revealed,
        &[k('4')],
        Action::Grade(Rating::Easy),
        "Easy",
        true,
    ),
    bind(S::Review, &[k('u')], Action::Undo, "undo last grade", true),
    bind(S::Summary, &[k('u')], Action::Undo, "undo last grade", true),
    bind(
        S::Summary,
        &[code(KeyCode::Enter), code(KeyCode::Esc)],
        Action::Back,
        "home",
        true,
    ),
    // Card panes
    bind(S::Panes, &[k(':')], Action::EnterCommand, "command", true),
    bind(S::Panes, &[k('i')], Action::EnterConsole, "console", false),
    bind(
        S::Panes,
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        "next pane",
        true,
    ),
    bind(
        S::Panes,
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        "previous pane",
        false,
    ),
    bind(S::Panes, &[k('z')], Action::ToggleZoom, "zoom pane", true),
    bind(S::CardBack, &[code(KeyCode::Esc)], Action::Back, "back to list", true),
    bind(S::Coding, &[k('p')], Action::OpenPractice, "practise (write the code)", true),
    // Practice, the editor not focused
    bind(S::Practice, &[ctrl('r')], Action::Practice(P::Run), "run tests", true),
    bind(S::Practice, &[k('i'), code(KeyCode::Enter)], Action::Practice(P::Type), "type code", true),
    bind(S::Practice, &[k('s')], Action::Practice(P::ShowSolution), "show solution", true),
    bind(S::Practice, &[k('e')], Action::Practice(P::EditOutside), "edit in $VISUAL or $EDITOR", false),
    bind(S::Practice, &[k(':')], Action::EnterCommand, "command (:run)", false),
    bind(S::Practice, &[code(KeyCode::Tab)], Action::FocusNext, "scroll the next pane", false),
    bind(S::Practice, &[code(KeyCode::Esc), k('h')], Action::Back, "back", true),
    bind(S::LabBack, &[code(KeyCode::Esc)], Action::Back, "home", true),
    // Scrolling: the focused pane, or the one pane of stats and quiz feedback
    bind(
        S::Scroll,
        &[k('j'), code(KeyCode::Down)],
        Action::ScrollDown,
        "scroll down",
        true,
    ),
    bind(
        S::Scroll,
        &[k('k'), code(KeyCode::Up)],
        Action::ScrollUp,
        "scroll up",
        false,
    ),
    bind(
        S::Scroll,
        &[code(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        "page down",
        false,
    ),
    bind(
        S::Scroll,
        &[code(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        "page up",
        false,
    ),
    bind(
        S::Scroll,
        &[k('g'), code(KeyCode::Home)],
        Action::ScrollTop,
        "top",
        false,
    ),
    bind(
        S::Scroll,
        &[k('G'), code(KeyCode::End)],
        Action::ScrollBottom,
        "bottom",
        false,
    ),
    // Home
    bind(
        S::Home,
        &[k('j'), code(KeyCode::Down)],
        Action::SelectNext,
        "down",
        true,
    ),
    bind(
        S::Home,
        &[k('k'), code(KeyCode::Up)],
        Action::SelectPrev,
        "up",
        true,
    ),
    bind(
        S::Home,
        &[code(KeyCode::Enter), k(' '), k('l'), code(KeyCode::Right)],
        Action::Open,
        "open",
        true,
    ),
    // Browse list
    bind(
        S::Browse,
        &[k('j'), code(KeyCode::Down)],
        Action::SelectNext,
        "down",
        false,
    ),
    bind(
        S::Browse,
        &[k('k'), code(KeyCode::Up)],
        Action::SelectPrev,
        "up",
        false,
    ),
    bind(
        S::Browse,
        &[code(KeyCode::Enter), k('l'), code(KeyCode::Right)],
        Action::Open,
        "open card",
        true,
    ),
    bind(S::Browse, &[code(KeyCode::PageDown), ctrl('d')], Action::PageDown, "page down", false),
    bind(S::Browse, &[code(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page up", false),
    bind(S::Browse, &[k('g'), code(KeyCode::Home)], Action::ScrollTop, "first card", false),
    bind(S::Browse, &[k('G'), code(KeyCode::End)], Action::ScrollBottom, "last card", false),
    bind(S::Browse, &[k('/')], Action::StartFilter, "filter", true),
    bind(S::Filtered, &[code(KeyCode::Esc)], Action::ClearFilter, "clear filter", true),
    bind(
        S::Browse,
        &[code(KeyCode::Esc), k('h')],
        Action::Back,
        "home",
        true,
    ),
    // Stats
    bind(
        S::Stats,
        &[code(KeyCode::Esc), k('h')],
        Action::Back,
        "home",
        true,
    ),
    // Quiz
    bind(S::QuizAnswer, &[code(KeyCode::Enter)], Action::QuizEnter, "submit", true),
    bind(S::QuizAnswer, &[k('1')], Action::Quiz(Q::Pick(0)), "pick option 1", false),
    bind(S::QuizAnswer, &[k('2')], Action::Quiz(Q::Pick(1)), "pick option 2", false),
    bind(S::QuizAnswer, &[k('3')], Action::Quiz(Q::Pick(2)), "pick option 3", false),
    bind(S::QuizAnswer, &[k('4')], Action::Quiz(Q::Pick(3)), "pick option 4", false),
    bind(S::QuizAnswer, &[k('5')], Action::Quiz(Q::Pick(4)), "pick option 5", false),
    bind(S::QuizAnswer, &[k('6')], Action::Quiz(Q::Pick(5)), "pick option 6", false),
    bind(S::QuizAnswer, &[k('7')], Action::Quiz(Q::Pick(6)), "pick option 7", false),
    bind(S::QuizAnswer, &[k('8')], Action::Quiz(Q::Pick(7)), "pick option 8", false),
    bind(S::QuizAnswer, &[k('9')], Action::Quiz(Q::Pick(8)), "pick option 9", false),
    bind(S::QuizAnswer, &[k(' ')], Action::Quiz(Q::Toggle), "toggle", true),
    bind(S::QuizAnswer, &[k('j'), code(KeyCode::Down)], Action::Quiz(Q::CursorDown), "down", true),
    bind(S::QuizAnswer, &[k('k'), code(KeyCode::Up)], Action::Quiz(Q::CursorUp), "up", false),
    bind(S::QuizAnswer, &[k('J')], Action::Quiz(Q::MoveLineDown), "move line down", true),
    bind(S::QuizAnswer, &[k('K')], Action::Quiz(Q::MoveLineUp), "move line up", false),
    bind(S::QuizTyped, &[k('i')], Action::EnterConsole, "type answer", true),
    bind(S::QuizRecall, &[k('i')], Action::Quiz(Q::Type), "type answer", true),
    bind(S::QuizAnswer, &[k(':')], Action::EnterCommand, "command", false),
    bind(S::QuizAnswer, &[k('s')], Action::Quiz(Q::GiveUp), "I don't know", true),
    bind(S::QuizAnswer, &[code(KeyCode::Esc)], Action::Back, "leave quiz", false),
    bind(S::QuizClaim, &[k('c')], Action::ClaimPoint, "I did say that", true),
    bind(S::QuizClaim, &[code(KeyCode::Tab)], Action::NextMissed, "next missed point", false),
    bind(S::QuizFeedback, &[code(KeyCode::Enter), k(' '), k('n')], Action::QuizEnter, "next", true),
    bind(S::QuizFeedback, &[code(KeyCode::Esc)], Action::Back, "leave quiz", true),
    bind(S::QuizEnd, &[code(KeyCode::Enter), code(KeyCode::Esc)], Action::Back, "home", true),
    // The mock interview. The editor always takes the keys, so Esc pauses the round
    // (the clock stops); submitting is the answer editor's key (Ctrl-D, Alt-Enter).
    bind(
        S::MockAnswer,
        &[ctrl('d'), alt_code(KeyCode::Enter), ctrl_code(KeyCode::Enter)],
        Action::Interview(M::Submit),
        "submit answer",
        true,
    ),
    bind(S::MockAnswer, &[ctrl('n')], Action::Interview(M::Skip), "skip the question", false),
    bind(S::MockCode, &[ctrl('r')], Action::Interview(M::Run), "run tests", true),
    bind(
        S::MockCode,
        &[ctrl('d'), alt_code(KeyCode::Enter), ctrl_code(KeyCode::Enter)],
        Action::Interview(M::SubmitCode),
        "submit code, move on",
        true,
    ),
    bind(S::MockCode, &[ctrl('n')], Action::Interview(M::Skip), "move on", false),
    // Either editor: pause, and the transcript's scroll.
    bind(S::Mock, &[code(KeyCode::Esc)], Action::Interview(M::Pause), "pause", true),
    bind(S::Mock, &[code(KeyCode::PageUp)], Action::PageUp, "transcript page up", false),
    bind(S::Mock, &[code(KeyCode::PageDown)], Action::PageDown, "transcript page down", false),
    bind(S::Mock, &[ctrl_code(KeyCode::Up)], Action::ScrollUp, "transcript up", false),
    bind(S::Mock, &[ctrl_code(KeyCode::Down)], Action::ScrollDown, "transcript down", false),
    bind(
        S::MockPaused,
        &[code(KeyCode::Esc), k('r'), code(KeyCode::Enter)],
        Action::Interview(M::Resume),
        "resume",
        true,
    ),
    bind(S::MockPaused, &[k('e')], Action::Interview(M::End), "end the round", true),
    bind(S::MockEnd, &[k('r')], Action::Interview(M::ReviewMissed), "review missed cards", true),
    bind(S::MockEnd, &[code(KeyCode::Enter), code(KeyCode::Esc), k('h')], Action::Back, "home", true),
    // While a job runs
    bind(S::Job, &[code(KeyCode::Esc)], Action::CancelJob, "cancel", true),
    // Everywhere else
    bind(S::Global, &[k('?')], Action::ToggleHelp, "help", true),
    bind(S::Global, &[k('q')], Action::Quit, "quit", true),
    bind(
        S::Global,
        &[code(KeyCode::Esc)],
        Action::Back,
        "back",
        false,
    ),
];

/// The table the hints read: `BINDINGS`, or in unit tests a rebound copy, so a test can
/// prove that a hint follows the table.
#[cfg(not(test))]
fn table() -> &'static [Binding] {
    BINDINGS
}

#[cfg(test)]
thread_local! {
    static TABLE: std::cell::Cell<&'static [Binding]> = std::cell::Cell::new(BINDINGS);
}

#[cfg(test)]
fn table() -> &'static [Binding] {
    TABLE.with(std::cell::Cell::get)
}

/// Runs `f` with `table` in place of `BINDINGS` for `keys_for` (this thread only).
#[cfg(test)]
pub fn with_table<T>(table: &'static [Binding], f: impl FnOnce() -> T) -> T {
    let old = TABLE.with(|t| t.replace(table));
    let out = f();
    TABLE.with(|t| t.set(old));
    out
}

/// The labels of the keys bound to `action` in `scope`: what a hint names, so rebinding
/// a key changes the hint too. Rows the footer shows come first (a hint names the key
/// the footer does: `q` to quit, not `Ctrl-C`), then in table order.
pub fn keys_for(scope: Scope, action: &Action) -> Vec<String> {
    let rows = || {
        table()
            .iter()
            .filter(|b| b.scope == scope && b.action == *action)
    };
    rows()
        .filter(|b| b.footer)
        .chain(rows().filter(|b| !b.footer))
        .flat_map(|b| b.keys.iter().map(|k| k.label()))
        .collect()
}

/// The first key bound to `action` in `scope` (a hint names one), or `?` if none is: a
/// test walks every hint and fails on that.
pub fn key_for(scope: Scope, action: &Action) -> String {
    keys_for(scope, action)
        .into_iter()
        .next()
        .unwrap_or_else(|| "?".to_string())
}

/// The scopes active now, most specific first.
pub fn scopes(app: &App) -> Vec<Scope> {
    if too_small(app) {
        return vec![S::TooSmall];
    }
    let mut scopes = match app.overlay {
        Some(Overlay::Help { .. }) => return vec![S::Help, S::Global],
        Some(Overlay::Confirm(_)) => return vec![S::Confirm],
        None => screen_scopes(app),
    };
    if esc_cancels_a_job(app) {
        // Esc cancels the running job before it means Back; typing keeps its Esc.
        let typing =
            |s: &Scope| matches!(s, S::Console | S::Editor | S::Code | S::Text | S::Filter);
        let at = scopes
            .iter()
            .position(|s| !typing(s))
            .unwrap_or(scopes.len());
        scopes.insert(at, S::Job);
    }
    scopes
}

/// Whether Esc cancels a job now: a foreground one (the learner asked for it) always;
/// a background one (tutor started it) only on Home, where Esc has nothing else to do,
/// so warming a cache never takes Esc from a card, the lab or a quiz.
fn esc_cancels_a_job(app: &App) -> bool {
    let running = |kind| app.jobs.iter().any(|j| j.kind == kind);
    running(JobKind::Foreground)
        || (running(JobKind::Background)
            && matches!(app.screen, Screen::Home(_))
            && !app.console.active)
}

/// The scopes of the screen under any help overlay: what the help lists.
pub fn screen_scopes(app: &App) -> Vec<Scope> {
    if app.console.active {
        return vec![S::Console, S::Global];
    }
    match &app.screen {
        Screen::Home(_) => vec![S::Home, S::Global],
        Screen::Stats(_) => vec![S::Stats, S::Scroll, S::Global],
        Screen::Quiz(quiz) => match quiz.phase() {
            crate::quiz::QuizStep::Answering(_) if quiz.editing() => {
                vec![S::Editor, S::Text, S::Global]
            }
            crate::quiz::QuizStep::Answering(_) if quiz.editor().is_some() => {
                vec![S::QuizAnswer, S::QuizRecall, S::Global]
            }
            crate::quiz::QuizStep::Answering(_) if quiz.takes_text() => {
                vec![S::QuizAnswer, S::QuizTyped, S::Global]
            }
            crate::quiz::QuizStep::Answering(_) => vec![S::QuizAnswer, S::Global],
            crate::quiz::QuizStep::Feedback { .. } if quiz.claimable().is_some() => {
                vec![S::QuizClaim, S::QuizFeedback, S::Scroll, S::Global]
            }
            crate::quiz::QuizStep::Feedback { .. } => {
                vec![S::QuizFeedback, S::Scroll, S::Global]
            }
            crate::quiz::QuizStep::Finished => vec![S::QuizEnd, S::Scroll, S::Global],
        },
        Screen::Browse(browse) if browse.filtering => vec![S::Filter, S::Global],
        Screen::Browse(browse) if !browse.filter.is_empty() => {
            vec![S::Filtered, S::Browse, S::Global]
        }
        Screen::Browse(_) => vec![S::Browse, S::Global],
        Screen::Card {
            from: CardFrom::Lab(_),
            ..
        } => vec![S::LabBack, S::Panes, S::Scroll, S::Global],
        Screen::Card { .. } => coding(app, vec![S::CardBack, S::Panes, S::Scroll, S::Global]),
        Screen::Review(review) => match review.phase {
            ReviewStep::Prompt { .. } => coding(
                app,
                vec![S::Prompt, S::Review, S::Panes, S::Scroll, S::Global],
            ),
            ReviewStep::Revealed { .. } => coding(
                app,
                vec![S::Revealed, S::Review, S::Panes, S::Scroll, S::Global],
            ),
            ReviewStep::Waiting { .. } | ReviewStep::Finished => vec![S::Summary, S::Global],
        },
        Screen::Practice { session, .. } if session.editor.focused() => {
            vec![S::Code, S::Text, S::Global]
        }
        Screen::Practice { .. } => vec![S::Practice, S::Scroll, S::Global],
        Screen::Interview(session) => match session.awaiting() {
            _ if session.scorecard.is_some() => vec![S::MockEnd, S::Scroll, S::Global],
            crate::interview::Awaiting::Paused => vec![S::MockPaused, S::Global],
            _ if session.coding() => vec![S::MockCode, S::Mock, S::Code, S::Text, S::Global],
            _ => vec![S::MockAnswer, S::Mock, S::Text, S::Global],
        },
    }
}

/// `scopes` with `Scope::Coding` before the panes' keys when the card shown has code
/// to practise.
fn coding(app: &App, mut scopes: Vec<Scope>) -> Vec<Scope> {
    let has_code = app
        .current_card()
        .and_then(|i| app.card(i))
        .is_some_and(|(_, c)| c.has_code());
    if has_code {
        let at = scopes
            .iter()
            .position(|s| *s == S::Panes)
            .unwrap_or(scopes.len());
        scopes.insert(at, S::Coding);
    }
    scopes
}

/// Whether the screen shows only the "terminal too small" notice.
fn too_small(app: &App) -> bool {
    let (w, h) = app.size;
    w < crate::state::MIN_WIDTH || h < crate::state::MIN_HEIGHT
}

/// The action for a paste now: text for the field being typed, made fit for it (line
/// breaks kept only in a multi-line answer), or nothing. A paste is never read as keys
/// (`3 apples` must not grade a card).
pub fn paste(app: &App, text: &str) -> Option<Action> {
    match scopes(app).first() {
        Some(S::Editor | S::Code | S::MockAnswer | S::MockCode) => Some(Action::Edit(Edit::Paste(
            crate::console::pasted(text, true),
        ))),
        Some(S::Console | S::Filter) => Some(Action::Paste(crate::console::pasted(text, false))),
        _ => None,
    }
}

/// The action for a key event now, if any. Key releases are ignored.
pub fn action_for(app: &App, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let scopes = scopes(app);
    for scope in &scopes {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.scope == *scope && b.keys.iter().any(|key| key.matches(event)))
        {
            return Some(b.action.clone());
        }
        // Typing: printable keys insert where text is being entered.
        if matches!(scope, S::Console | S::Filter)
            && let KeyCode::Char(c) = event.code
            && !event.modifiers.contains(KeyModifiers::CONTROL)
        {
            return Some(Action::Console(ConsoleEdit::Insert(c)));
        }
        if *scope == S::Text
            && let KeyCode::Char(c) = event.code
            && !event.modifiers.contains(KeyModifiers::CONTROL)
        {
            return Some(Action::Edit(Edit::Insert(c)));
        }
    }
    None
}

/// The bindings active now, in table order, for the footer (`footer` only).
pub fn active(app: &App, footer_only: bool) -> Vec<(Scope, &'static Binding)> {
    bindings_in(&scopes(app), footer_only)
}

/// Every binding of the screen under the help overlay, for the help. (How to close the
/// help is in its title.)
pub fn for_help(app: &App) -> Vec<(Scope, &'static Binding)> {
    let mut out = bindings_in(&screen_scopes(app), false);
    // Practice's editor keys work only while typing, where `?` is text: the help
    // opened beside the editor lists them too.
    if app.practice().is_some_and(|s| !s.editor.focused()) {
        out.extend(bindings_in(&[S::Code, S::Text], false));
    }
    out
}

fn bindings_in(scopes: &[Scope], footer_only: bool) -> Vec<(Scope, &'static Binding)> {
    let mut out = Vec::new();
    let mut typing = false;
    // Keys a more specific scope binds, shown or not: a footer must not offer `↑ older
    // input` where ↑ moves a line.
    let mut claimed: Vec<Key> = Vec::new();
    for &scope in scopes {
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let hidden = claimed.iter().any(|k| b.keys.contains(k));
            claimed.extend(b.keys.iter().copied());
            if hidden || (footer_only && !b.footer) {
                continue;
            }
            // Below a scope that types, plain character keys insert text instead.
            if typing
                && b.keys
                    .iter()
                    .all(|k| matches!(k.code, KeyCode::Char(_)) && !k.ctrl)
            {
                continue;
            }
            // A key already claimed by a more specific scope is not shown twice.
            let shadowed = out.iter().any(|(_, earlier): &(Scope, &Binding)| {
                earlier.keys.iter().any(|k| b.keys.contains(k))
            });
            if !shadowed {
                out.push((scope, b));
            }
        }
        typing |= matches!(
            scope,
            S::Console | S::Filter | S::Editor | S::Code | S::Text
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{key:?} twice in {:?}", a.scope);
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_has_help_text_and_a_key() {
        for b in BINDINGS {
            assert!(!b.help.is_empty() && !b.keys.is_empty(), "{:?}", b.action);
        }
    }

    #[test]
    fn key_labels() {
        assert_eq!(ctrl('c').label(), "Ctrl-C");
        assert_eq!(k(' ').label(), "Space");
        assert_eq!(code(KeyCode::BackTab).label(), "Shift-Tab");
    }
}
