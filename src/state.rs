//! `App`: everything the session shows, as plain data in named sub-states. No handles,
//! no I/O: the shell owns the terminal, the store and the highlighter.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use jiff::Timestamp;
use ratatui::text::Line;

use crate::console::Console;
use crate::content::{Card, Deck, Library};
use crate::practice::PracticeSession;
use crate::quiz::QuizSession;
use crate::srs::queue::DoneToday;
use crate::srs::{CardStage, CardState, Outcome, Rating, Scheduler};

/// The smallest terminal the session draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The entries of the home screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    Review,
    Quiz,
    /// A lab: the first card with this visual, its diagram and console.
    Lab(crate::content::Visual),
    Browse,
    Stats,
    Interview,
    Quit,
}

pub const HOME_ITEMS: [HomeItem; 8] = [
    HomeItem::Review,
    HomeItem::Quiz,
    HomeItem::Lab(crate::content::Visual::Lru),
    HomeItem::Lab(crate::content::Visual::Anagrams),
    HomeItem::Browse,
    HomeItem::Stats,
    HomeItem::Interview,
    HomeItem::Quit,
];

/// Due and new counts for the home screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeckCounts {
    pub learning: usize,
    pub review: usize,
    pub new: usize,
}

impl DeckCounts {
    /// Everything to study today: new cards and due ones.
    pub fn today(self) -> usize {
        self.new + self.due()
    }

    /// Cards already studied and due again (learning or review).
    pub fn due(self) -> usize {
        self.learning + self.review
    }

    /// "N today (x new, y due)".
    pub fn summary(self) -> String {
        format!(
            "{} today ({} new, {} due)",
            self.today(),
            self.new,
            self.due()
        )
    }
}

/// Which screen is up, with what only it shows. Leaving a screen drops its state, except
/// Browse's list, which a card opened from it carries back.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one screen at a time; boxing would buy nothing
pub enum Screen {
    Home(HomeState),
    Review(ReviewSession),
    Browse(BrowseState),
    /// A card shown whole, without grading: from Browse's list or as the LRU lab.
    Card {
        card: usize,
        from: CardFrom,
    },
    Quiz(QuizSession),
    Stats(StatsState),
    /// A coding card's question, the learner's code and (later) its test results.
    Practice {
        session: PracticeSession,
        /// Where Esc goes back to: the screen practice was opened from, as it was.
        from: Box<Screen>,
    },
    /// The mock interview (issue 15): a timed round, then its scorecard.
    Interview(Box<crate::mock::MockSession>),
}

impl Default for Screen {
    fn default() -> Self {
        Self::Home(HomeState::default())
    }
}

/// Where Esc leaves a card shown whole for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardFrom {
    /// The list it was opened from, as it was (filter and selection).
    Browse(BrowseState),
    /// Home, its cursor on this lab's entry: the card is the lab of this visual.
    Lab(crate::content::Visual),
}

/// The stats screen: the report, rendered once when the figures arrive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatsState {
    pub report: Option<ratatui::text::Text<'static>>,
}

/// What shows over the screen and takes the keys first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, scrolled (only when taller than the screen).
    Help { scroll: u16 },
    /// A question waiting for `y` or `n`.
    Confirm(Confirm),
}

/// What is due per deck (in library order) and in all: for home and the review's
/// summary; recomputed by `update` while they show, so drawing never builds queues.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueCounts {
    pub per_deck: Vec<DeckCounts>,
    pub all: DeckCounts,
}

/// Highlighted code, filled in by the shell; drawn plain while absent (and with colour
/// off).
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// Each card's solutions, by card index.
    pub solutions: HashMap<usize, Highlighted>,
    /// Python and Rust code that is not a solution: fenced blocks in card text
    /// (highlighted with the card's solutions) and the running quiz's cloze and reorder
    /// code (when the quiz starts).
    pub code: HashMap<crate::highlight::CodeKey, Vec<Line<'static>>>,
}

/// The panes of the card view, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Question,
    Python,
    Rust,
    Diagram,
}

impl Pane {
    pub const ALL: [Self; 4] = [Self::Question, Self::Python, Self::Rust, Self::Diagram];

    pub fn index(self) -> usize {
        match self {
            Self::Question => 0,
            Self::Python => 1,
            Self::Rust => 2,
            Self::Diagram => 3,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Question => "Question",
            Self::Python => "Python",
            Self::Rust => "Rust",
            Self::Diagram => "Diagram",
        }
    }
}

/// A card in the flat list of every loaded card: (deck index, card index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardRef {
    pub deck: usize,
    pub card: usize,
}

/// Where the card view is looking: focus, zoom, scroll offsets per pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardView {
    pub focus: Option<Pane>,
    pub zoom: bool,
    pub scroll: [u16; 4],
    /// The Question pane's wrapped rows, and what they were computed for
    /// (card, revealed, width), so drawing never wraps text.
    pub question_rows: Vec<Line<'static>>,
    pub question_key: Option<(usize, bool, u16)>,
}

impl CardView {
    pub fn focus(&self) -> Pane {
        self.focus.unwrap_or(Pane::Question)
    }
}

/// A grade given in this session (for undo and the summary).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Graded {
    pub card: usize,
    pub rating: Rating,
    /// The review log row; `None` when practising ahead (nothing saved).
    pub review_id: Option<i64>,
    pub before: Option<CardState>,
    pub after: CardState,
    pub duration_ms: u64,
}

/// The review state machine.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one value per session; boxing would buy nothing
pub enum ReviewStep {
    /// Solutions hidden; the console is free for an attempt.
    Prompt { card: usize, shown_at: Timestamp },
    /// Solutions, explanation and key points shown; grade buttons with their intervals.
    Revealed {
        card: usize,
        shown_at: Timestamp,
        outcomes: [Outcome; 4],
    },
    /// Only learning cards are left, and none is due yet.
    Waiting { until: Timestamp },
    /// The session summary.
    Finished,
}

impl ReviewStep {
    pub fn card(&self) -> Option<usize> {
        match self {
            Self::Prompt { card, .. } | Self::Revealed { card, .. } => Some(*card),
            Self::Waiting { .. } | Self::Finished => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSession {
    /// Practising ahead: nothing is saved and no schedule changes.
    pub practice: bool,
    pub queue: VecDeque<usize>,
    /// Learning cards coming back later in this session.
    pub later: Vec<(usize, Timestamp)>,
    pub phase: ReviewStep,
    pub graded: Vec<Graded>,
    pub started: Timestamp,
    /// The grade waiting for the shell's save, as `update` worked it out: the state the
    /// store saves is compared with it (another tutor may have graded the card).
    pub saving: Option<crate::srs::Outcome>,
    /// The grade practice suggests for a card (by index) whose tests all passed when
    /// the learner came back from practising it (`p`); the grade row marks it, the
    /// learner still grades. Cleared by a grade.
    pub suggested: Option<(usize, crate::srs::Rating)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseState {
    pub filter: String,
    pub filtering: bool,
    pub selected: usize,
    /// The first row the list showed: it scrolls only when the selection leaves it.
    pub offset: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeState {
    pub selected: usize,
}

/// A message in the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

/// What the confirmation overlay asks before going on; only `y` and `n` answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Esc in a quiz with answers given and no scorecard yet: leaving loses the
    /// scorecard (the answers themselves are saved).
    LeaveQuiz,
    /// `s` on the practice screen: the solution, once seen, cannot be unseen.
    ShowSolution,
    /// `Ctrl-R` on a card from a deck that is not bundled: its tests are someone
    /// else's code, run as the user.
    TrustTests,
}

/// A job running on the worker, as the footer's spinner shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunningJob {
    pub id: crate::worker::JobId,
    /// What it does ("highlighting").
    pub label: &'static str,
    /// Who asked for it: Esc cancels a background job only where it does nothing else.
    pub kind: crate::worker::JobKind,
    pub started: Timestamp,
}

/// A card's solutions as drawn (highlighted when colour is on, with line numbers):
/// [Python, Rust].
pub type Highlighted = [Vec<Line<'static>>; 2];

/// What is studied: the library, every card's schedule, today's limits and counts, and
/// what a review or quiz takes (filters, selection). No screen state: `update` changes it
/// only through grades, undo and the shell's answers.
#[derive(Debug)]
pub struct Study {
    /// Shared with the thread that warms the highlight cache (see `app::Shell`).
    pub library: Arc<Library>,
    pub cards: Vec<CardRef>,
    pub scheduler: Scheduler,
    pub new_per_day: u32,
    pub reviews_per_day: u32,
    pub states: HashMap<String, CardState>,
    pub done_today: DoneToday,
    pub day_end: Timestamp,
    pub streak: u32,
    pub deck_filter: Option<String>,
    /// Only cards of this topic or tag (`tutor review --topic`).
    pub topic_filter: Option<String>,
    pub limit: Option<usize>,
    pub days: crate::days::Days,
    /// What the next quiz from the home screen asks for.
    pub quiz_selection: crate::quiz::Selection,
    /// The capacity of a new LRU lab.
    pub lab_capacity: usize,
    /// Whether a lab's diagram moves a node over a few frames (`tutor config motion`,
    /// `--no-motion`).
    pub motion: bool,
}

impl Study {
    pub fn card(&self, index: usize) -> Option<(&Deck, &Card)> {
        let r = self.cards.get(index)?;
        let deck = self.library.decks.get(r.deck)?;
        Some((deck, deck.cards.get(r.card)?))
    }

    pub fn card_id(&self, index: usize) -> Option<&str> {
        self.card(index).map(|(_, c)| c.id.as_str())
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        (0..self.cards.len()).find(|&i| self.card_id(i) == Some(id))
    }

    /// Cards counted by their phase now, as Anki counts them: new, learning, review.
    pub fn count_by_phase(&self, cards: impl IntoIterator<Item = usize>) -> DeckCounts {
        let mut counts = DeckCounts::default();
        for i in cards {
            match self
                .card_id(i)
                .and_then(|id| self.states.get(id))
                .map(|s| s.phase)
            {
                None | Some(CardStage::New) => counts.new += 1,
                Some(CardStage::Review) => counts.review += 1,
                Some(CardStage::Learning | CardStage::Relearning) => counts.learning += 1,
            }
        }
        counts
    }
}

/// The session: what is studied, the screen up and what shows over it, and the few
/// things every screen shares.
#[derive(Debug)]
pub struct App {
    /// What is studied, apart from how it shows.
    pub study: Study,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// Focus, zoom and scroll of the card view's panes (`scroll[0]` scrolls the one pane
    /// of quiz and stats).
    pub card_view: CardView,
    pub console: Console,
    pub flash: Option<Flash>,
    /// What is due today, for home and the review's summary.
    pub due: DueCounts,
    pub highlights: Highlights,
    /// The visual the console drives on a card with `visual:` (made when such a card
    /// first shows; its history outlives the card screen).
    pub lab: Option<crate::visual::Live>,
    /// The jobs running on the worker, oldest first: Esc cancels the last.
    pub jobs: Vec<RunningJob>,
    pub size: (u16, u16),
    /// The time of the last action, for what the view says about due times.
    pub now: Timestamp,
    pub color: bool,
    /// When the lab's last operation started moving a node in the diagram, while it
    /// moves ([`crate::visual::MOTION`]); the tick ends it.
    pub motion: Option<Timestamp>,
    pub quit: bool,
    /// The model interviewer (issue 19), configured and agreed to: each mock
    /// interview's round starts with it.
    pub model: Option<std::sync::Arc<crate::llm::LlmConfig>>,
}

impl App {
    pub fn card(&self, index: usize) -> Option<(&Deck, &Card)> {
        self.study.card(index)
    }

    pub fn card_id(&self, index: usize) -> Option<&str> {
        self.study.card_id(index)
    }

    /// The card the card view shows, on the screen that shows one.
    pub fn current_card(&self) -> Option<usize> {
        match &self.screen {
            Screen::Review(session) => session.phase.card(),
            Screen::Card { card, .. } => Some(*card),
            Screen::Home(_)
            | Screen::Browse(_)
            | Screen::Stats(_)
            | Screen::Quiz(_)
            | Screen::Practice { .. }
            | Screen::Interview(_) => None,
        }
    }

    /// Whether the current card's solutions are shown.
    pub fn revealed(&self) -> bool {
        match &self.screen {
            Screen::Card { .. } => true,
            Screen::Review(session) => matches!(session.phase, ReviewStep::Revealed { .. }),
            _ => false,
        }
    }

    /// The review session, when the review is up.
    pub fn review(&self) -> Option<&ReviewSession> {
        match &self.screen {
            Screen::Review(session) => Some(session),
            _ => None,
        }
    }

    /// The practice session, when practice is up.
    pub fn practice(&self) -> Option<&PracticeSession> {
        match &self.screen {
            Screen::Practice { session, .. } => Some(session),
            _ => None,
        }
    }

    /// The mock interview, when it is up.
    pub fn interview(&self) -> Option<&crate::mock::MockSession> {
        match &self.screen {
            Screen::Interview(session) => Some(session),
            _ => None,
        }
    }

    /// Which `:` commands do something on the screen up (help and Tab offer only those).
    pub fn commands_here(&self) -> crate::console::Here {
        match &self.screen {
            Screen::Review(_) => crate::console::Here::Review,
            Screen::Practice { .. } => crate::console::Here::Practice,
            _ => crate::console::Here::Anywhere,
        }
    }

    /// Whether the screen has a console box: a card's, a quiz's, and practice's while a
    /// `:` command is typed (practice gives the rows to the code otherwise).
    pub fn has_console(&self) -> bool {
        self.current_card().is_some()
            || matches!(self.screen, Screen::Quiz(_))
            || (self.console.active && matches!(self.screen, Screen::Practice { .. }))
    }

    /// The quiz, when the quiz is up.
    pub fn quiz(&self) -> Option<&QuizSession> {
        match &self.screen {
            Screen::Quiz(session) => Some(session),
            _ => None,
        }
    }

    /// Browse's list, when Browse is up.
    pub fn browse(&self) -> Option<&BrowseState> {
        match &self.screen {
            Screen::Browse(browse) => Some(browse),
            _ => None,
        }
    }

    /// Whether the help overlay shows.
    pub fn help(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// What is left of the review session, counted as Anki does: the card on screen, the
    /// rest of the queue and the learning cards coming back later, by their phase now.
    /// `None` outside a review.
    pub fn session_counts(&self) -> Option<DeckCounts> {
        let session = self.review()?;
        let cards = session
            .phase
            .card()
            .into_iter()
            .chain(session.queue.iter().copied())
            .chain(session.later.iter().map(|&(i, _)| i));
        Some(self.study.count_by_phase(cards))
    }

    /// Browse's list, when Browse is up: the cards matching its filter.
    #[cfg(test)]
    pub fn browse_matches(&self) -> Vec<usize> {
        self.browse()
            .map_or_else(Vec::new, |browse| browse.matches(&self.study))
    }
}

impl BrowseState {
    /// Indices of the cards matching the filter (id, title, question, topic, tag).
    pub fn matches(&self, study: &Study) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        (0..study.cards.len())
            .filter(|&i| {
                needle.is_empty()
                    || study.card(i).is_some_and(|(deck, c)| {
                        c.id.as_str().contains(&needle)
                            || c.title.to_lowercase().contains(&needle)
                            || c.prompt.to_lowercase().contains(&needle)
                            || c.topic.contains(&needle)
                            || deck
                                .topic_title(&c.topic)
                                .is_some_and(|t| t.to_lowercase().contains(&needle))
                            || c.tags.iter().any(|t| t.contains(&needle))
                    })
            })
            .collect()
    }
}
