//! The practice screen's state (issue 14): a coding card's question, the learner's code
//! in a code [`Editor`], the card's solution once asked for, and when the code was last
//! saved. Pure: `update` applies [`PracticeAction`]s here and turns what they ask for
//! (save the code, confirm before showing the solution) into effects; the shell writes
//! the file.

use jiff::{SignedDuration, Timestamp};

use crate::content::Difficulty;
use crate::editor::{Edit, Editor};
use crate::highlight::Lang;
use crate::srs::Rating;

/// How long typing must pause before the code is saved.
pub const SAVE_AFTER_PAUSE: SignedDuration = SignedDuration::from_secs(1);
/// The longest code may stay unsaved while typing goes on without a pause: what a
/// `kill -9` can lose at most (plus a tick).
pub const SAVE_AT_MOST_EVERY: SignedDuration = SignedDuration::from_secs(5);

/// Whether text first and last changed at `unsaved` should be written at `now`: typing
/// paused for [`SAVE_AFTER_PAUSE`], or edits have waited [`SAVE_AT_MOST_EVERY`]. Shared
/// by practice's code, a recall answer and an interview answer.
pub fn save_due(unsaved: Option<(Timestamp, Timestamp)>, now: Timestamp) -> bool {
    unsaved.is_some_and(|(first, last)| {
        now.duration_since(last) >= SAVE_AFTER_PAUSE
            || now.duration_since(first) >= SAVE_AT_MOST_EVERY
    })
}

/// `unsaved` after a change at `now`: the first unsaved change stays the first.
pub fn changed(unsaved: Option<(Timestamp, Timestamp)>, now: Timestamp) -> (Timestamp, Timestamp) {
    unsaved.map_or((now, now), |(first, _)| (first, now))
}

/// A pause between two of the learner's actions counts as at most this much active
/// time: a card left open while the learner is away is not time spent on it.
pub const IDLE_CAP: SignedDuration = SignedDuration::from_secs(60);

/// How long a card should take to solve, by its difficulty (cards have no time of
/// their own): an interview's pace, 15, 25 and 40 minutes of active time.
pub fn expected_time(difficulty: Difficulty) -> SignedDuration {
    let minutes = match difficulty {
        Difficulty::Easy => 15,
        Difficulty::Medium => 25,
        Difficulty::Hard => 40,
    };
    SignedDuration::from_mins(minutes)
}

/// What the learner does on the practice screen (keys, through `keymap::BINDINGS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PracticeAction {
    /// `i`: keys go to the code editor.
    Type,
    /// `Esc` in the editor: keys are the screen's again; the code stays.
    StopTyping,
    /// `s`: show the card's solution beside the code (after a confirmation).
    ShowSolution,
    /// `Ctrl-R`: run the card's tests on the code (saved first).
    Run,
    /// `e`: edit the code in `$VISUAL`/`$EDITOR` (saved first), then run the tests.
    EditOutside,
}

/// What the attempt file looked like on disk when last looked at: watch mode re-reads
/// it only when this changes (a `stat` per tick, no read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub modified: Option<std::time::SystemTime>,
    pub len: u64,
}

/// What the Results pane shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Results {
    #[default]
    NotRun,
    Running,
    /// Esc stopped the run.
    Cancelled,
    Done(Box<crate::runner::Report>),
}

/// The pane `j`, `k` and the page keys scroll (Tab switches once the solution shows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Question,
    Results,
    Solution,
}

/// One practice session: a card in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeSession {
    /// The card, by index in `Study::cards`, and its id (the attempt's folder).
    pub card: usize,
    pub card_id: String,
    pub lang: Lang,
    pub editor: Editor,
    /// The solution shows beside the code (the learner confirmed `s`).
    pub solution_shown: bool,
    /// The pane the scroll keys move, and the Question's and the solution's scroll.
    pub focus: Focus,
    pub scroll: u16,
    pub solution_scroll: u16,
    pub results_scroll: u16,
    pub results: Results,
    /// The card's tests may run: its deck is bundled, or the user agreed to run this
    /// deck's tests as they are now (`store`'s `deck_trust`).
    pub trusted: bool,
    /// The Question pane's wrapped rows and what they were built for (the pane's
    /// width, and how many code blocks were highlighted), built by `update` so that
    /// drawing never parses or wraps.
    pub question: Vec<ratatui::text::Line<'static>>,
    pub question_key: Option<(u16, usize)>,
    /// Edits not yet on disk: when the first of them and the last were made.
    pub unsaved: Option<(Timestamp, Timestamp)>,
    /// What tutor last wrote to the attempt file or read from it: a change on disk to
    /// anything else was made outside (watch mode).
    pub written: Option<String>,
    /// The attempt file's stamp when last looked at (`None`: not yet, or no file).
    pub disk: Option<Stamp>,
    /// Active time on the card since practice opened it, and the learner's last action
    /// (see [`IDLE_CAP`]).
    pub active: SignedDuration,
    pub last_active: Option<Timestamp>,
    /// Completed runs (not cancelled), and whether the first of them passed.
    pub runs: u32,
    pub first_run_passed: Option<bool>,
}

impl PracticeSession {
    /// A session on `card`, starting from `starter` (a saved attempt replaces it when
    /// it is loaded), keys going to the editor.
    pub fn new(card: usize, card_id: &str, lang: Lang, starter: &str) -> Self {
        let mut editor = Editor::code(starter, opener(lang));
        editor.set_focused(true);
        // At the first body to write: the starter's `...` or `todo!()`.
        if let Some((line, column)) = first_placeholder(starter) {
            editor.jump_to(line, column);
        }
        Self {
            card,
            card_id: card_id.to_string(),
            lang,
            editor,
            solution_shown: false,
            focus: Focus::Question,
            scroll: 0,
            solution_scroll: 0,
            results_scroll: 0,
            results: Results::NotRun,
            trusted: false,
            question: Vec::new(),
            question_key: None,
            unsaved: None,
            written: None,
            disk: None,
            active: SignedDuration::ZERO,
            last_active: None,
            runs: 0,
            first_run_passed: None,
        }
    }

    /// Applies an edit at `now`; a change marks the code unsaved.
    pub fn edit(&mut self, edit: Edit, now: Timestamp) {
        if self.editor.apply(edit) {
            self.unsaved = Some(changed(self.unsaved, now));
        }
    }

    /// A saved attempt, loaded: it replaces the starter, unless the learner has
    /// already typed (the disk read raced a key; the keys win and are saved next).
    pub fn loaded(&mut self, text: &str) {
        if self.unsaved.is_none() {
            self.editor.set_text(text);
        }
        self.written = Some(text.to_string());
    }

    /// The attempt file as it is on disk now (watch mode), `stamp` and `text`: what to
    /// do about it. Tutor's own write changes nothing; a change made outside replaces
    /// the code, unless the learner has unsaved edits here, which are kept (and saved
    /// over the file at the next pause).
    pub fn changed_on_disk(&mut self, stamp: Stamp, text: &str) -> DiskChange {
        self.disk = Some(stamp);
        if self.written.as_deref() == Some(text) {
            return DiskChange::Ours;
        }
        self.written = Some(text.to_string());
        if self.unsaved.is_some() {
            return DiskChange::KeptYours;
        }
        self.editor.set_text(text);
        DiskChange::Reloaded
    }

    /// The learner did something at `now`: the time since their last action counts as
    /// active, up to [`IDLE_CAP`].
    pub fn touch(&mut self, now: Timestamp) {
        if let Some(last) = self.last_active {
            let gap = now
                .duration_since(last)
                .clamp(SignedDuration::ZERO, IDLE_CAP);
            self.active += gap;
        }
        self.last_active = Some(now);
    }

    /// Whole seconds of active time so far.
    pub fn seconds_spent(&self) -> u32 {
        u32::try_from(self.active.as_secs()).unwrap_or(u32::MAX)
    }

    /// The grade this practice suggests, once the last run passed every test: Again if
    /// the solution was shown, Good if the first run passed within `expected` active
    /// time, Hard otherwise (several runs, or over the time). `None` while the tests
    /// do not all pass.
    pub fn suggested_grade(&self, expected: SignedDuration) -> Option<Rating> {
        let Results::Done(report) = &self.results else {
            return None;
        };
        if report.outcome != crate::runner::Outcome::Passed {
            return None;
        }
        Some(if self.solution_shown {
            Rating::Again
        } else if self.runs == 1 && self.first_run_passed == Some(true) && self.active <= expected {
            Rating::Good
        } else {
            Rating::Hard
        })
    }

    /// Tab, not typing: the next pane scrolls: Question, Results, then the solution
    /// once it shows.
    pub fn switch_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Question => Focus::Results,
            Focus::Results if self.solution_shown => Focus::Solution,
            Focus::Results | Focus::Solution => Focus::Question,
        };
    }

    /// Whether a run is under way.
    pub fn running(&self) -> bool {
        self.results == Results::Running
    }

    /// The code as the runner takes it, for `card`'s tests.
    pub fn test_run(&self, card: crate::content::CardId, tests: &str) -> crate::runner::TestRun {
        crate::runner::TestRun {
            card,
            lang: runner_lang(self.lang),
            source: self.editor.text(),
            tests: tests.to_string(),
        }
    }

    /// Whether the code should be written now: typing paused for
    /// [`SAVE_AFTER_PAUSE`], or edits have waited [`SAVE_AT_MOST_EVERY`].
    pub fn save_due(&self, now: Timestamp) -> bool {
        save_due(self.unsaved, now)
    }

    /// The code to save, if any is unsaved; marks it saved.
    pub fn take_unsaved(&mut self) -> Option<String> {
        let text = self.unsaved.take().map(|_| self.editor.text())?;
        self.written = Some(text.clone());
        Some(text)
    }

    /// The code, to be written now whether or not it changed (before `$EDITOR` opens
    /// the file, which must hold what the pane shows); marks it saved.
    pub fn take_all(&mut self) -> String {
        self.unsaved = None;
        let text = self.editor.text();
        self.written = Some(text.clone());
        text
    }
}

/// What a change of the attempt file on disk did (`PracticeSession::changed_on_disk`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// It is what tutor wrote or read last: nothing to do.
    Ours,
    /// Changed outside: the code is the file's now; the tests run again.
    Reloaded,
    /// Changed outside while the learner had unsaved edits: theirs stay.
    KeptYours,
}

/// Where the first `...` (Python) or `todo!()` (Rust) of a starter is, as (line,
/// column in characters).
pub fn first_placeholder(starter: &str) -> Option<(usize, usize)> {
    starter.lines().enumerate().find_map(|(i, line)| {
        let at = line.find("...").or_else(|| line.find("todo!()"))?;
        Some((i, line[..at].chars().count()))
    })
}

/// The runner's name for a language.
pub fn runner_lang(lang: Lang) -> crate::runner::Lang {
    match lang {
        Lang::Python => crate::runner::Lang::Python,
        Lang::Rust => crate::runner::Lang::Rust,
    }
}

/// The character after which a new line is indented one more level.
pub fn opener(lang: Lang) -> char {
    match lang {
        Lang::Python => ':',
        Lang::Rust => '{',
    }
}

/// The attempt's file name in `attempts/<card>/`.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Python => "solution.py",
        Lang::Rust => "solution.rs",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(ms).unwrap()
    }

    fn session() -> PracticeSession {
        PracticeSession::new(0, "c", Lang::Python, "def f():\n    ...")
    }

    #[test]
    fn saving_waits_for_a_pause_or_five_seconds_of_typing() {
        let mut s = session();
        assert!(!s.save_due(at(0)));
        s.edit(Edit::Insert('x'), at(0));
        assert!(!s.save_due(at(999)));
        assert!(s.save_due(at(1000)));
        // Typing on without a pause: saved after five seconds all the same.
        for ms in (0..5000).step_by(500) {
            s.edit(Edit::Insert('x'), at(ms));
        }
        assert!(!s.save_due(at(4999)));
        assert!(s.save_due(at(5000)));
        assert_eq!(
            s.take_unsaved().as_deref(),
            Some("def f():\n    xxxxxxxxxxx...")
        );
        assert!(!s.save_due(at(9000)));
        assert_eq!(s.take_unsaved(), None);
        // A cursor move changes nothing to save.
        s.edit(Edit::Left, at(9000));
        assert_eq!(s.unsaved, None);
    }

    #[test]
    fn active_time_counts_pauses_up_to_a_minute() {
        let mut s = session();
        s.touch(at(0));
        s.touch(at(10_000));
        assert_eq!(s.seconds_spent(), 10);
        // Away for an hour: a minute of it counts.
        s.touch(at(3_610_000));
        assert_eq!(s.seconds_spent(), 70);
        // A clock that went back counts nothing.
        s.touch(at(3_000_000));
        assert_eq!(s.seconds_spent(), 70);
    }

    fn passed(s: &mut PracticeSession) {
        s.runs += 1;
        s.first_run_passed.get_or_insert(true);
        s.results = Results::Done(Box::new(crate::runner::Report {
            lang: crate::runner::Lang::Python,
            outcome: crate::runner::Outcome::Passed,
            tests: Vec::new(),
            failure: None,
            diagnostics: Vec::new(),
            output: String::new(),
            output_cut: false,
        }));
    }

    #[test]
    fn a_grade_is_suggested_only_once_every_test_passes() {
        let ten = SignedDuration::from_mins(10);
        let mut s = session();
        assert_eq!(s.suggested_grade(ten), None);
        s.results = Results::Cancelled;
        assert_eq!(s.suggested_grade(ten), None);
        // First run, within the time: Good.
        passed(&mut s);
        s.active = SignedDuration::from_mins(9);
        assert_eq!(s.suggested_grade(ten), Some(Rating::Good));
        // Over the time: Hard.
        s.active = SignedDuration::from_mins(11);
        assert_eq!(s.suggested_grade(ten), Some(Rating::Hard));
        // Several runs: Hard.
        s.active = SignedDuration::ZERO;
        passed(&mut s);
        assert_eq!(s.suggested_grade(ten), Some(Rating::Hard));
        // A first run that failed, then one that passed: Hard.
        let mut s = session();
        s.runs = 1;
        s.first_run_passed = Some(false);
        passed(&mut s);
        assert_eq!(s.suggested_grade(ten), Some(Rating::Hard));
        // The solution shown: Again, however it went.
        let mut s = session();
        passed(&mut s);
        s.solution_shown = true;
        assert_eq!(s.suggested_grade(ten), Some(Rating::Again));
        assert_eq!(
            expected_time(Difficulty::Medium),
            SignedDuration::from_mins(25)
        );
    }

    #[test]
    fn the_cursor_starts_at_the_first_body_to_write() {
        let s = PracticeSession::new(0, "c", Lang::Rust, "fn f() {\n    todo!()\n}");
        assert_eq!(s.editor.cursor(), (1, 4));
        assert_eq!(session().editor.cursor(), (1, 4));
        let s = PracticeSession::new(0, "c", Lang::Rust, "fn f() {}");
        assert_eq!(s.editor.cursor(), (0, 9));
    }

    #[test]
    fn a_loaded_attempt_replaces_the_starter_but_not_typing() {
        let mut s = session();
        s.loaded("def f():\n    return 1");
        assert_eq!(s.editor.text(), "def f():\n    return 1");
        // At the end of the loaded code: where the learner left off, near enough.
        s.edit(Edit::Insert('!'), at(0));
        s.loaded("old");
        assert_eq!(s.editor.text(), "def f():\n    return 1!");
    }
}
