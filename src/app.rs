//! The shell: the only code that reads the clock, touches the terminal or the store at
//! run time. It turns key events into actions through the key table, runs `update`,
//! carries out the effects (saving grades, highlighting, stats) and draws when
//! something changed. The terminal is restored on quit, on error, on panic (the hook
//! [`terminal::enter`] installs) and on SIGINT, SIGQUIT, SIGTERM and SIGHUP (which end
//! the session with 128 + the signal's number); Ctrl-Z and SIGTSTP suspend it, and
//! SIGCONT (`fg`) brings it back redrawn.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use eyre::{Result, WrapErr as _};
use jiff::Timestamp;
use ratatui::text::Text;

use crate::action::{Action, Effect, Effects, Failure};
use crate::content::Library;
use crate::days::Days;
use crate::highlight::{DiskCache, HighlightBatch, Highlighter, Lang};
use crate::keymap;
use crate::srs::Scheduler;
use crate::state::{App, BrowseState, CardRef, CardView, DueCounts, Highlights, Screen, Study};
use crate::stats::Stats;
use crate::store::Store;
use crate::terminal::{self, Tty};
use crate::update::{open_card, start_review, update};
use crate::worker::{JobKind, Report, Worker};
use burst::Burst;

mod burst;
mod outside;

/// Where the session starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Review,
    /// A lab: the first card with this visual, its live diagram, the console ready; the
    /// number is the LRU cache's capacity.
    Lab(crate::content::Visual, usize),
    Quiz(crate::quiz::Selection),
    /// The practice screen on this card (or the first coding card due, or the first
    /// coding card), in this language.
    Practice {
        card: Option<crate::text::Shown>,
        lang: Lang,
    },
    /// Browse, or straight into one card (its id as typed, echoed if unknown).
    Browse(Option<crate::text::Shown>),
    /// The mock interview, on a round drawn by this choice.
    Interview(crate::interview::Choice),
}

/// How often the loop wakes without input: to notice a signal or a learning card
/// coming due. Nothing is drawn unless something changed.
pub(crate) const WAKE: Duration = Duration::from_millis(250);

/// How often the loop wakes while a job runs: to take its results and turn the
/// footer's spinner.
const SPIN: Duration = Duration::from_millis(100);

/// Builds the app from the library and the store; pure apart from the store reads.
pub fn build(
    library: Library,
    store: &Store,
    now: Timestamp,
    days: Days,
    color: bool,
    deck: Option<String>,
    limit: Option<usize>,
) -> Result<App> {
    let settings = store.settings()?;
    let scheduler = Scheduler::new(&settings)?;
    let states: HashMap<_, _> = store.card_states()?.into_iter().collect();
    let today = days.day_of(now);
    let cards = library
        .decks
        .iter()
        .enumerate()
        .flat_map(|(d, deck)| (0..deck.cards.len()).map(move |c| CardRef { deck: d, card: c }))
        .collect();
    let study = Study {
        cards,
        scheduler,
        new_per_day: settings.new_per_day,
        reviews_per_day: settings.reviews_per_day,
        states,
        done_today: store.done_today(today, |id| library.card(id).is_some())?,
        day_end: days.end_of_day(now),
        streak: store.streak(today)?,
        deck_filter: deck,
        topic_filter: None,
        limit,
        days,
        quiz_selection: crate::quiz::Selection::default(),
        lab_capacity: 2,
        motion: true,
        library: Arc::new(library),
    };
    Ok(App {
        study,
        screen: Screen::default(),
        overlay: None,
        card_view: CardView::default(),
        console: crate::console::Console::default(),
        flash: None,
        due: DueCounts::default(),
        highlights: Highlights::default(),
        lab: None,
        jobs: Vec::new(),
        size: (0, 0),
        now,
        color,
        motion: None,
        quit: false,
        model: None,
    })
}

/// The first effects for where the session starts.
pub fn start(app: &mut App, start: &Start, now: Timestamp) -> Result<Effects> {
    let effects = start_screen(app, start, now)?;
    // As after every action `update` handles: the first card's wrapped rows are built
    // here once, not by every frame drawn before the first key.
    crate::update::refresh_panes(app);
    Ok(effects)
}

fn start_screen(app: &mut App, start: &Start, now: Timestamp) -> Result<Effects> {
    Ok(match start {
        Start::Home => Effects::none(),
        Start::Review => start_review(app, now),
        Start::Lab(visual, capacity) => {
            app.study.lab_capacity = *capacity;
            crate::update::open_lab(app, *visual, now)
        }
        Start::Quiz(selection) => {
            app.study.quiz_selection = selection.clone();
            let effects = crate::update::start_quiz(app, selection, now);
            if app.quiz().is_none() {
                let why = app
                    .flash
                    .as_ref()
                    .map_or_else(String::new, |f| f.text.clone());
                eyre::bail!("{why}");
            }
            effects
        }
        Start::Browse(None) => {
            app.screen = Screen::Browse(BrowseState::default());
            Effects::none()
        }
        Start::Browse(Some(id)) => {
            let Some(card) = app.study.index_of(id) else {
                eyre::bail!("no card with id `{id}`");
            };
            open_card(app, card)
        }
        Start::Interview(choice) => {
            crate::update::start_interview(app, choice, now).map_err(|why| eyre::eyre!("{why}"))?
        }
        Start::Practice { card, lang } => {
            let index = match card {
                Some(id) => app
                    .study
                    .index_of(id)
                    .ok_or_else(|| eyre::eyre!("no card with id `{id}`"))?,
                None => crate::update::first_coding_card(app, now)
                    .ok_or_else(|| eyre::eyre!("no card has code to practise"))?,
            };
            let effects = crate::update::open_practice(app, index, *lang);
            if !matches!(app.screen, Screen::Practice { .. }) {
                let id = card.as_deref().unwrap_or_default();
                eyre::bail!("card `{id}` has no code to practise (no Python and Rust solutions)");
            }
            effects
        }
    })
}

/// How many threads the worker may start: the cache warmer, the current card's
/// highlight and a test run (issue 14) never wait for each other.
const WORKER_THREADS: usize = 4;

/// What the footer's spinner says while a highlight job runs.
const HIGHLIGHTING: &str = "highlighting";
/// The spinner's label while a card's tests run.
const RUNNING_TESTS: &str = "running the tests";
const WARMING: &str = "highlighting cards";
const ASKING_MODEL: &str = "asking the model";

/// What the learner wrote and tutor kept at `path` (code, a recall draft): `None` when
/// there is none.
fn read_kept(path: &std::path::Path) -> Result<Option<String>, String> {
    match crate::paths::read_code(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("reading {}: {e}", path.display())),
    }
}

/// Carries out `update`'s effects and hands the results back as actions. It reads
/// `App` and never writes it: [`Shell::execute`] feeds every answer to `update`.
pub struct Shell {
    pub store: Store,
    /// Loaded on first use (megabytes of syntax definitions), once for the session and
    /// every highlight job together; `None` inside if the theme failed to load.
    highlighter: Arc<OnceLock<Option<Highlighter>>>,
    cache: Option<DiskCache>,
    /// Slow effects run here. Inline (jobs run at once, on this thread) until
    /// [`run`] gives the session a pool; tests stay deterministic that way.
    worker: Worker<Action>,
    /// Where practice's code is kept (`paths::attempts_dir`); `None`: nowhere, and
    /// saving says so.
    attempts: Option<std::path::PathBuf>,
    /// The data dir, where a mock interview's transcript is saved (`interviews/`);
    /// `None`: nowhere, and saving says so.
    data: Option<std::path::PathBuf>,
    /// The terminal was handed to another program (`$EDITOR`): the event loop redraws
    /// the whole screen.
    repaint: bool,
}

impl Shell {
    /// `highlight_cache`: where highlighted solutions are kept between runs (`None`:
    /// highlight every run).
    pub fn new(store: Store, highlight_cache: Option<std::path::PathBuf>) -> Self {
        Self {
            store,
            highlighter: Arc::new(OnceLock::new()),
            cache: highlight_cache.map(DiskCache::new),
            worker: Worker::inline(),
            attempts: None,
            data: None,
            repaint: false,
        }
    }

    /// Keeps practice's code under `dir` (`attempts/<card>/solution.py|.rs`).
    pub fn set_attempts_dir(&mut self, dir: std::path::PathBuf) {
        self.attempts = Some(dir);
    }

    /// Saves mock interviews under `dir` (`interviews/<time>.md`).
    pub fn set_data_dir(&mut self, dir: std::path::PathBuf) {
        self.data = Some(dir);
    }

    /// `Effect::SaveInterview`: the round on screen, over, saved as `tutor interview
    /// --answers` saves one.
    fn save_interview(&self, app: &App) -> Vec<Action> {
        let Some(session) = app.interview() else {
            return Vec::new();
        };
        let Some(card) = &session.scorecard else {
            return Vec::new();
        };
        let saved = match &self.data {
            None => Err("no data folder to keep it in".to_string()),
            Some(data) => {
                let title = session.started.strftime("%Y-%m-%d %H:%M UTC").to_string();
                let text = crate::interview::transcript::markdown(
                    &session.round,
                    card,
                    &title,
                    session.unsent.as_deref(),
                );
                crate::interview_log::save(
                    data,
                    &self.store,
                    (&session.round, card),
                    &text,
                    session.started,
                )
            }
        };
        if saved.is_ok()
            && let Some(data) = &self.data
        {
            // The transcript holds the unsent answer now: its draft goes.
            let _ = crate::interview_log::save_draft(data, session.started, "");
        }
        vec![match saved {
            Ok(path) => Action::InterviewSaved(path.display().to_string()),
            Err(cause) => Action::Failed(Failure::Interview { cause }),
        }]
    }

    /// The file of the learner's code for `card` in `lang`. Card ids are slugs
    /// (`content::validate`), so one is a safe folder name; anything else is refused.
    fn attempt_file(&self, card: &str, lang: Lang) -> Result<std::path::PathBuf, String> {
        Ok(self
            .card_folder(card)?
            .join(crate::practice::file_name(lang)))
    }

    /// The folder of what the learner wrote for `card` (its code, its recall drafts).
    fn card_folder(&self, card: &str) -> Result<std::path::PathBuf, String> {
        let dir = self
            .attempts
            .as_ref()
            .ok_or_else(|| "no data folder to keep it in".to_string())?;
        if !crate::content::validate::is_slug(card) {
            return Err(format!("`{card}` is not a card id to name a folder by"));
        }
        Ok(dir.join(card))
    }

    /// The file of a recall item's unsent answer, beside the card's code.
    fn recall_file(&self, card: &str, item: usize) -> Result<std::path::PathBuf, String> {
        Ok(self.card_folder(card)?.join(format!("recall-{item}.txt")))
    }

    /// `Effect::LoadRecallDraft`: the unsent answer, if one was kept.
    fn load_recall_draft(&self, card: String, item: usize) -> Vec<Action> {
        if self.attempts.is_none() {
            return Vec::new();
        }
        let read = self
            .recall_file(&card, item)
            .and_then(|path| read_kept(&path));
        match read {
            Ok(Some(text)) => vec![Action::RecallDraftLoaded { card, item, text }],
            Ok(None) => Vec::new(),
            Err(cause) => vec![Action::Failed(Failure::Attempt { card, cause })],
        }
    }

    /// `Effect::SaveRecallDraft` (temp + rename, as code is saved) and
    /// `Effect::RemoveRecallDraft` (`None`): quiet unless it fails.
    fn write_recall_draft(&self, card: String, item: usize, text: Option<&str>) -> Vec<Action> {
        let written = self.recall_file(&card, item).and_then(|path| match text {
            Some(text) => crate::paths::replace_file(&path, &[text.as_bytes()])
                .map_err(|e| format!("saving {}: {e}", path.display())),
            None => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(format!("removing {}: {e}", path.display()))
                }
                _ => Ok(()),
            },
        });
        match written {
            Ok(()) => Vec::new(),
            Err(cause) => vec![Action::Failed(Failure::Attempt { card, cause })],
        }
    }

    /// `Effect::LoadTrust` (`agreed_at` `None`: whether the user agreed to run `deck`'s
    /// tests as they hash to `hash`) and `Effect::TrustDeck` (record that they did).
    fn trust(&self, deck: String, hash: String, agreed_at: Option<Timestamp>) -> Vec<Action> {
        let trusted = match agreed_at {
            None => self.store.trusts(&deck, &hash),
            Some(now) => self
                .store
                .trust(&deck, &hash, now.as_millisecond())
                .map(|()| true),
        };
        match trusted {
            Ok(true) => vec![Action::DeckTrusted { deck, hash }],
            Ok(false) => Vec::new(),
            Err(e) => vec![Action::Failed(Failure::Trust {
                deck,
                cause: e.to_string(),
            })],
        }
    }

    /// `Effect::LoadAttempt`: the saved code, if there is any.
    fn load_attempt(&self, card: String, lang: Lang) -> Vec<Action> {
        if self.attempts.is_none() {
            return Vec::new();
        }
        let read = self
            .attempt_file(&card, lang)
            .inspect(|path| {
                // What a save killed half-way left beside it (its writer is gone).
                if let Some(folder) = path.parent() {
                    crate::paths::remove_stale_temps(
                        folder,
                        std::time::SystemTime::now(),
                        crate::worker::child::is_alive,
                    );
                }
            })
            .and_then(|path| read_kept(&path));
        match read {
            Ok(Some(text)) => vec![Action::AttemptLoaded { card, lang, text }],
            Ok(None) => Vec::new(),
            Err(cause) => vec![Action::Failed(Failure::Attempt { card, cause })],
        }
    }

    /// `Effect::SaveAttempt`: a temporary file and a rename, so a kill at any moment
    /// leaves the old code or the new, never half of either.
    fn save_attempt(&self, card: String, lang: Lang, text: &str) -> Vec<Action> {
        let written = self.attempt_file(&card, lang).and_then(|path| {
            crate::paths::replace_file(&path, &[text.as_bytes()])
                .map_err(|e| format!("saving {}: {e}", path.display()))
        });
        match written {
            Ok(()) => Vec::new(),
            Err(cause) => vec![Action::Failed(Failure::Attempt { card, cause })],
        }
    }

    /// `Effect::WatchAttempt`: a `stat` of the attempt file; read only when its stamp is
    /// not `seen`. Quiet when there is no file or it cannot be read (each tick asks).
    fn watch_attempt(
        &self,
        card: String,
        lang: Lang,
        seen: Option<crate::practice::Stamp>,
    ) -> Vec<Action> {
        let Ok(path) = self.attempt_file(&card, lang) else {
            return Vec::new();
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            return Vec::new();
        };
        let stamp = crate::practice::Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        };
        if seen == Some(stamp) {
            return Vec::new();
        }
        match crate::paths::read_code(&path) {
            Ok(text) => vec![Action::AttemptOnDisk {
                card,
                lang,
                stamp,
                text,
            }],
            Err(_) => Vec::new(),
        }
    }

    /// `Effect::EditOutside`: the code written, `$VISUAL`/`$EDITOR` on the file with
    /// the terminal handed over, then the file read back.
    fn edit_outside(&mut self, card: String, lang: Lang, text: &str) -> Vec<Action> {
        let path = match self.attempt_file(&card, lang) {
            Ok(path) => path,
            Err(cause) => return vec![Action::Failed(Failure::Attempt { card, cause })],
        };
        let saved = self.save_attempt(card.clone(), lang, text);
        if !saved.is_empty() {
            return saved;
        }
        self.repaint = true;
        let result = outside::edit(&path)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::paths::read_code(&path)
                    .map_err(|e| format!("reading {}: {e}", path.display()))
            });
        vec![Action::EditedOutside { card, lang, result }]
    }

    /// `Effect::RecordAttempt`: the run's row, or why it could not be kept.
    fn record_attempt(&self, record: &crate::store::AttemptRecord) -> Vec<Action> {
        match self.store.record_attempt(record) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Action::Failed(Failure::Attempt {
                card: record.card_id.clone(),
                cause: format!("recording the run: {e}"),
            })],
        }
    }

    /// Whether another program had the terminal since last asked: the screen must be
    /// drawn whole.
    pub fn take_repaint(&mut self) -> bool {
        std::mem::take(&mut self.repaint)
    }

    /// Runs the shell's jobs on `worker` from now on (the event loop gives it a pool).
    pub fn set_worker(&mut self, worker: Worker<Action>) {
        self.worker = worker;
    }

    /// Carries out effects at `now`, and hands every result to `update` (which may
    /// ask for more), including those of jobs that have ended meanwhile (an inline
    /// worker's, all of them). Returns how many results were handled.
    pub fn execute(&mut self, app: &mut App, effects: Effects, now: Timestamp) -> usize {
        let mut queue: std::collections::VecDeque<Effect> = effects.0.into();
        let mut handled = 0;
        loop {
            while let Some(effect) = queue.pop_front() {
                for action in self.run_effect(app, effect, now) {
                    handled += 1;
                    queue.extend(update(app, action, now).0);
                }
            }
            let Some(action) = self.next_result() else {
                return handled;
            };
            handled += 1;
            queue.extend(update(app, action, now).0);
        }
    }

    /// Waits for every running job to end, handing its results to `update` as they
    /// come (tests, which see a pool's results in a known order this way).
    pub fn finish_jobs(&mut self, app: &mut App, now: Timestamp) {
        while let Some(report) = self.worker.recv() {
            let effects = update(app, as_action(report), now);
            self.execute(app, effects, now);
        }
    }

    /// A result from the worker, if one is waiting.
    fn next_result(&mut self) -> Option<Action> {
        self.worker.try_recv().map(as_action)
    }

    /// Cancels every job and kills every child process they started, at once (the
    /// session is over: a job's own kill might come after the process has exited).
    pub fn shutdown(&mut self) {
        self.worker.cancel_all();
        crate::worker::child::kill_all();
    }

    /// One effect; its results as actions, in the order `update` takes them.
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per effect, each a call or two"
    )]
    fn run_effect(&mut self, app: &App, effect: Effect, now: Timestamp) -> Vec<Action> {
        match effect {
            Effect::Quit => {
                // Their children die with them; `run` makes sure before it returns.
                self.worker.cancel_all();
                Vec::new()
            }
            Effect::Suspend => {
                // The signal watcher gives the terminal back and stops the process,
                // exactly as for a SIGTSTP from outside.
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                Vec::new()
            }
            Effect::Highlight(card) => self.highlight(app, card),
            Effect::LoadAttempt { card, lang } => self.load_attempt(card, lang),
            Effect::LoadTrust { deck, hash } => self.trust(deck, hash, None),
            Effect::TrustDeck { deck, hash } => self.trust(deck, hash, Some(now)),
            Effect::SaveAttempt { card, lang, text } => self.save_attempt(card, lang, &text),
            Effect::LoadRecallDraft { card, item } => self.load_recall_draft(card, item),
            Effect::SaveRecallDraft(draft) => {
                self.write_recall_draft(draft.card, draft.item, Some(&draft.text))
            }
            Effect::RemoveRecallDraft { card, item } => self.write_recall_draft(card, item, None),
            Effect::WatchAttempt { card, lang, seen } => self.watch_attempt(card, lang, seen),
            Effect::RecordAttempt(record) => self.record_attempt(&record),
            Effect::EditOutside { card, lang, text } => self.edit_outside(card, lang, &text),
            Effect::HighlightQuiz => self.highlight_quiz(app),
            Effect::WarmHighlightCache => self.warm_highlight_cache(app),
            Effect::RunTests(run) => self.run_tests(*run),
            Effect::AskModel(ask) => self.ask_model(*ask),
            Effect::SaveInterview => self.save_interview(app),
            Effect::SaveInterviewDraft { started, text } => {
                let saved = self.data.as_ref().map_or(Ok(()), |data| {
                    crate::interview_log::save_draft(data, started, &text)
                });
                match saved {
                    Ok(()) => Vec::new(),
                    Err(cause) => vec![Action::Failed(Failure::Interview { cause })],
                }
            }
            Effect::CancelJob(id) => {
                self.worker.cancel(id);
                Vec::new()
            }
            Effect::RecordReview {
                card,
                before,
                outcome,
                duration_ms,
            } => match self.store.record_review(
                &app.study.scheduler,
                &card,
                before.as_ref(),
                &outcome,
                Duration::from_millis(duration_ms),
                &app.study.days,
            ) {
                Ok(recorded) => {
                    let day = app.study.days.day_of(recorded.outcome.state.last_review);
                    let streak = self.store.streak(day).ok().map(Action::StreakLoaded);
                    streak
                        .into_iter()
                        .chain([Action::ReviewSaved(recorded)])
                        .collect()
                }
                Err(e) => vec![Action::Failed(Failure::Save {
                    card,
                    cause: e.to_string(),
                })],
            },
            Effect::UndoReview { id } => match self.store.undo(&app.study.scheduler, id) {
                Ok(undone) => {
                    let day = app.study.days.day_of(now);
                    let streak = self.store.streak(day).ok().map(Action::StreakLoaded);
                    streak.into_iter().chain([Action::Undone(undone)]).collect()
                }
                Err(e) => vec![Action::Failed(Failure::Undo {
                    id,
                    cause: e.to_string(),
                })],
            },
            Effect::RecordQuiz(record) => self
                .store
                .record_quiz_result(&record, &app.study.days)
                .err()
                .map(|e| {
                    Action::Failed(Failure::QuizSave {
                        card: record.card_id.clone(),
                        item: record.item_index,
                        cause: e.to_string(),
                    })
                })
                .into_iter()
                .collect(),
            Effect::RecordClaim(claim) => self
                .store
                .record_claim(&claim)
                .err()
                .map(|e| {
                    Action::Failed(Failure::ClaimSave {
                        card: claim.card_id.clone(),
                        item: claim.item_index,
                        point: claim.point,
                        cause: e.to_string(),
                    })
                })
                .into_iter()
                .collect(),
            Effect::LoadStats => {
                vec![
                    match Stats::compute(&self.store, &app.study.library, now, &app.study.days) {
                        Ok(stats) => Action::StatsLoaded(Box::new(stats)),
                        Err(e) => Action::Failed(Failure::Stats {
                            cause: e.to_string(),
                        }),
                    },
                ]
            }
        }
    }
}

/// A report from the worker as the action `update` takes.
fn as_action(report: Report<Action>) -> Action {
    match report {
        Report::Sent(_, action) => action,
        Report::Ended(id, end) => Action::JobFinished { id, end },
    }
}

/// Code to highlight: a card's solutions, and code that is not a solution.
struct Wanted {
    solutions: Option<(usize, String, String)>,
    code: Vec<(crate::highlight::CodeKey, String, Lang)>,
}

impl Shell {
    /// A card's two solutions and the fenced Python and Rust blocks of its prompt and
    /// explanation, each once: at once from the disk cache (or plain, with colour off),
    /// else in a job, the card drawn plain until the result arrives.
    fn highlight(&mut self, app: &App, card: usize) -> Vec<Action> {
        let Some((_, c)) = app.card(card) else {
            return Vec::new();
        };
        let solutions = c
            .code()
            .filter(|_| !app.highlights.solutions.contains_key(&card))
            .map(|(py, rs)| (card, py.solution.clone(), rs.solution.clone()));
        let code = if app.color {
            [&c.prompt, &c.explanation]
                .into_iter()
                .flat_map(|text| crate::markdown::fenced_blocks(text))
                .filter_map(|(info, code)| {
                    let (key, lang) = crate::highlight::block_key(&info, &code)?;
                    (!app.highlights.code.contains_key(&key)).then_some((key, code, lang))
                })
                .collect()
        } else {
            Vec::new()
        };
        self.highlight_wanted(app, Wanted { solutions, code })
    }

    /// The running quiz's cloze and reorder code by its `lang`, once, when the quiz
    /// starts (drawn plain until it arrives); nothing with colour off.
    fn highlight_quiz(&mut self, app: &App) -> Vec<Action> {
        let Some(session) = app.quiz().filter(|_| app.color) else {
            return Vec::new();
        };
        let code = session
            .items()
            .iter()
            .filter_map(|i| crate::highlight::quiz_source(&i.item))
            .filter(|(key, _, _)| !app.highlights.code.contains_key(key))
            .collect();
        self.highlight_wanted(
            app,
            Wanted {
                solutions: None,
                code,
            },
        )
    }

    fn highlight_wanted(&mut self, app: &App, wanted: Wanted) -> Vec<Action> {
        if wanted.solutions.is_none() && wanted.code.is_empty() {
            return Vec::new();
        }
        let theme = crate::layout::theme(app);
        if !app.color {
            // Only solutions are wanted with colour off: plain, with line numbers.
            let solutions = wanted.solutions.map(|(card, py, rs)| {
                (
                    card,
                    [
                        crate::layout::card_text::plain_code(&py, theme),
                        crate::layout::card_text::plain_code(&rs, theme),
                    ],
                )
            });
            return vec![Action::Highlighted(Box::new(HighlightBatch {
                solutions,
                code: Vec::new(),
            }))];
        }
        if let Some(done) = self.cached(&wanted, theme) {
            return vec![Action::Highlighted(Box::new(done))];
        }
        let highlighter = Arc::clone(&self.highlighter);
        let cache = self.cache.clone();
        let id = self.worker.submit(move |ctx| {
            let Some(h) = highlighter.get_or_init(|| Highlighter::new().ok()) else {
                return;
            };
            let cache = cache.as_ref();
            let code = wanted
                .code
                .into_iter()
                .map(|(key, code, lang)| (key, h.highlight_cached(&code, lang, cache).lines))
                .collect();
            let solutions = wanted.solutions.map(|(card, py, rs)| {
                // The two in parallel: a cold highlight is the slow part.
                let (py, rs) = std::thread::scope(|s| {
                    let rust = s.spawn(|| h.highlight_cached(&rs, Lang::Rust, cache));
                    let python = h.highlight_cached(&py, Lang::Python, cache);
                    (python, rust.join().unwrap_or_else(|_| Text::default()))
                });
                (
                    card,
                    [
                        crate::layout::card_text::with_gutter(py, theme),
                        crate::layout::card_text::with_gutter(rs, theme),
                    ],
                )
            });
            ctx.send(Action::Highlighted(Box::new(HighlightBatch {
                solutions,
                code,
            })));
        });
        // Background: tutor asked for it, so it never takes Esc from the card.
        vec![Action::JobStarted {
            id,
            label: HIGHLIGHTING,
            kind: JobKind::Background,
        }]
    }

    /// A card's tests on the learner's code, on the worker: `child::run` under the job's
    /// cancel token, so Esc kills the run's process group.
    fn run_tests(&mut self, run: crate::runner::TestRun) -> Vec<Action> {
        let id = self.worker.submit(move |ctx| {
            let report = crate::runner::run(run.lang, &run.source, &run.tests, ctx.cancel_token());
            ctx.send(Action::TestsRan {
                card: run.card,
                report: Box::new(report),
            });
        });
        // Foreground: the learner asked for it, so Esc cancels it first.
        vec![Action::JobStarted {
            id,
            label: RUNNING_TESTS,
            kind: JobKind::Foreground,
        }]
    }

    /// `Effect::AskModel`: the model's reply streamed as `ModelText` actions, then
    /// `ModelDone`; a foreground job, so Esc cancels it (between lines of the stream,
    /// and its late pieces are dropped at once).
    fn ask_model(&mut self, ask: crate::mock::ModelRequest) -> Vec<Action> {
        let id = self.worker.submit(move |ctx| {
            let turn = ask.turn;
            let reply = crate::llm::chat(
                &ask.config,
                &ask.messages,
                ask.max_tokens,
                &|| ctx.cancelled(),
                &mut |piece| {
                    ctx.send(Action::ModelText {
                        turn,
                        piece: piece.to_string(),
                    });
                },
            );
            ctx.send(Action::ModelDone { turn, reply });
        });
        vec![Action::JobStarted {
            id,
            label: ASKING_MODEL,
            kind: JobKind::Foreground,
        }]
    }

    /// Everything `wanted` from the disk cache, or `None` if anything is missing.
    fn cached(&self, wanted: &Wanted, theme: crate::theme::Theme) -> Option<HighlightBatch> {
        let cache = self.cache.as_ref()?;
        let solutions = match &wanted.solutions {
            Some((card, py, rs)) => Some((
                *card,
                [
                    crate::layout::card_text::with_gutter(cache.get(py, Lang::Python)?, theme),
                    crate::layout::card_text::with_gutter(cache.get(rs, Lang::Rust)?, theme),
                ],
            )),
            None => None,
        };
        let code = wanted
            .code
            .iter()
            .map(|(key, code, lang)| Some((key.clone(), cache.get(code, *lang)?.lines)))
            .collect::<Option<_>>()?;
        Some(HighlightBatch { solutions, code })
    }

    /// Fills the highlight cache for every card, as a job on the worker, so moving to a
    /// card seldom waits for syntect; started after the first frame; a background job,
    /// so Esc cancels it only on Home, where Esc does nothing else. It first removes
    /// the temporary files of writes that never finished, then only writes cache files
    /// (atomically) and shares the highlighter, so a start that already loaded syntect
    /// does not load it twice. Nothing to do without a cache or with colour off.
    fn warm_highlight_cache(&mut self, app: &App) -> Vec<Action> {
        let (Some(cache), true) = (self.cache.clone(), app.color) else {
            return Vec::new();
        };
        let library = Arc::clone(&app.study.library);
        let highlighter = Arc::clone(&self.highlighter);
        let id = self.worker.submit(move |ctx| {
            // Temporary files of writes a killed tutor left: here, off the startup path.
            cache.remove_stale_temps(std::time::SystemTime::now(), crate::worker::child::is_alive);
            let warm = |code: &str, lang: Lang| {
                if ctx.cancelled() || cache.contains(code, lang) {
                    return;
                }
                // Loads syntect only if something is missing.
                if let Some(h) = highlighter.get_or_init(|| Highlighter::new().ok()) {
                    cache.put(code, lang, &h.highlight(code, lang));
                }
            };
            // Each card's code read from the deck cache for the moment, not kept.
            for (_, card) in library.cards() {
                card.with_code(|python, rust| {
                    if let (Some(py), Some(rs)) = (python, rust) {
                        warm(&py.solution, Lang::Python);
                        warm(&rs.solution, Lang::Rust);
                    }
                });
            }
            // Then quiz code (cloze and reorder), which a quiz highlights at its start,
            // and fenced blocks in card text.
            let quiz = library.cards().flat_map(|(_, c)| &c.quiz);
            for (_, code, lang) in quiz.filter_map(crate::highlight::quiz_source) {
                warm(&code, lang);
            }
            let prose = library
                .cards()
                .flat_map(|(_, c)| [&c.prompt, &c.explanation])
                .flat_map(|text| crate::markdown::fenced_blocks(text));
            for (info, code) in prose {
                if let Some((_, lang)) = crate::highlight::block_key(&info, &code) {
                    warm(&code, lang);
                }
            }
        });
        vec![Action::JobStarted {
            id,
            label: WARMING,
            kind: JobKind::Background,
        }]
    }
}

/// How long the signal watcher waits for the event loop to stop before it restores the
/// terminal and exits itself.
const STOP_GRACE: Duration = Duration::from_millis(750);

/// What the signal watcher and the event loop share.
#[derive(Default)]
struct Signals {
    /// The signal that asked the session to end; 0 for none.
    stop: AtomicI32,
    /// Set after a suspension: the screen must be redrawn whole.
    redraw: AtomicBool,
    /// Held by the event loop while it carries out an event (a grade being saved), so
    /// the watcher never exits in the middle of one.
    busy: Mutex<()>,
}

impl Signals {
    /// Has the loop redraw the whole screen now: a SIGWINCH wakes it from
    /// `event::poll` (crossterm answers it with a resize event) instead of after
    /// [`WAKE`].
    fn ask_redraw(&self) {
        self.redraw.store(true, Ordering::SeqCst);
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
    }

    fn busy(&self) -> std::sync::MutexGuard<'_, ()> {
        self.busy.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs the full-screen session until the user quits; `Some(signal)` when a signal
/// ended it instead (the process should exit with 128 + its number).
pub fn run(mut shell: Shell, mut app: App, first: Effects) -> Result<Option<i32>> {
    let signals = Arc::new(Signals::default());
    watch_signals(Arc::clone(&signals))?;
    shell.set_worker(Worker::pool(WORKER_THREADS));
    let mut tty = terminal::enter().wrap_err("entering full-screen mode")?;
    // A job's panic is the job's end, not the session's: the worker reports it (and
    // `update` flashes it); the terminal stays as it is and nothing is printed over it.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::worker::in_job() {
            hook(info);
        }
    }));
    let result = event_loop(&mut tty, &mut shell, &mut app, first, &signals);
    // However the loop ended (q, a signal, an error): no child process outlives it.
    shell.shutdown();
    terminal::restore();
    result?;
    Ok(match signals.stop.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    })
}

/// Watches for signals in a thread of its own.
///
/// SIGINT, SIGQUIT, SIGTERM and SIGHUP ask the event loop to stop (it finishes the event
/// at hand, so a grade being saved is saved). When the terminal has gone away,
/// crossterm 0.29 can keep re-reading the dead tty inside `event::poll` and never
/// return (crossterm issue #793), so if the loop has not stopped after [`STOP_GRACE`]
/// this thread waits for any event being carried out, restores what it can and exits
/// with 128 + the signal's number.
///
/// SIGTSTP (Ctrl-Z, or from outside) gives the user the normal screen back and stops
/// the process; once continued, the full-screen mode comes back and the loop redraws.
/// A SIGCONT after a stop that was not ours (SIGSTOP) finds the shell's terminal
/// settings: raw mode is set again and the screen redrawn.
fn watch_signals(shared: Arc<Signals>) -> Result<()> {
    use signal_hook::consts::{
        SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
        SIGVTALRM, SIGXCPU, SIGXFSZ,
    };
    // Every signal whose default action ends the process and that a handler may take
    // (SIGKILL cannot be caught; SIGSEGV and the like are faults, not requests): each
    // ends the session the same way, terminal restored, exit 128 + its number.
    let mut signals = signal_hook::iterator::Signals::new([
        SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGTSTP, SIGCONT,
    ])
    .wrap_err("installing a signal handler")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    // Ctrl-C typed in the learner's editor (a line-mode one) reaches
                    // its whole process group, tutor too: it was meant for the editor,
                    // as git takes it while its editor runs.
                    SIGINT | SIGQUIT if outside::editing() => {}
                    SIGTSTP => {
                        let suspended = terminal::suspend();
                        // Stops the whole process (as SIGSTOP); returns once continued.
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                        if suspended && terminal::resume().is_err() {
                            // The terminal will not come back (gone, or taken): end
                            // the session as a hangup would, rather than run unseen.
                            terminal::restore();
                            shared.stop.store(SIGHUP, Ordering::SeqCst);
                        }
                        shared.ask_redraw();
                    }
                    SIGCONT => {
                        outside::caught_up();
                        let _ = terminal::reassert();
                        shared.ask_redraw();
                    }
                    _ => {
                        shared.stop.store(signal, Ordering::SeqCst);
                        std::thread::sleep(STOP_GRACE);
                        let _busy = shared.busy();
                        crate::worker::child::kill_all();
                        terminal::restore();
                        std::process::exit(128 + signal);
                    }
                }
            }
        })
        .wrap_err("starting the signal watcher")?;
    Ok(())
}

fn event_loop(
    tty: &mut Tty,
    shell: &mut Shell,
    app: &mut App,
    first: Effects,
    signals: &Signals,
) -> Result<()> {
    // crossterm installs its SIGWINCH handler when events are first polled: poll once
    // before the size is read, or a resize between the first frame and the first poll
    // is never seen.
    let _ = event::poll(Duration::ZERO)?;
    let size = tty.size()?;
    let _ = update(
        app,
        Action::Resize(size.width, size.height),
        Timestamp::now(),
    );
    shell.execute(app, first, Timestamp::now());
    let mut dirty = true;
    let mut warming = false;
    while !app.quit && signals.stop.load(Ordering::SeqCst) == 0 {
        if signals.redraw.swap(false, Ordering::SeqCst) {
            // Back from a suspension: the screen is blank, and its size may have
            // changed meanwhile.
            terminal::forget_frame(tty)?;
            let size = tty.size()?;
            let _ = update(
                app,
                Action::Resize(size.width, size.height),
                Timestamp::now(),
            );
            dirty = true;
        }
        if dirty {
            terminal::draw(tty, |frame| crate::ui::view(frame, app))?;
            dirty = false;
        }
        if !warming {
            // After the first frame: the first job on the worker.
            let _busy = signals.busy();
            let warm = Effects::one(Effect::WarmHighlightCache);
            shell.execute(app, warm, Timestamp::now());
            warming = true;
        }
        let ready = event::poll(wait(app))?;
        {
            let _busy = signals.busy();
            if shell.execute(app, Effects::none(), Timestamp::now()) > 0 {
                dirty = true;
            }
        }
        if !ready {
            let _busy = signals.busy();
            let before = watched(app);
            let now = Timestamp::now();
            let effects = update(app, Action::Tick, now);
            // A result (the attempt file changed on disk) is drawn; a quiet tick is not.
            let answered = shell.execute(app, effects, now) > 0;
            dirty |= answered || watched(app) != before || !app.jobs.is_empty();
            continue;
        }
        // Every event already waiting is handled before the next frame is drawn: a
        // burst of keys costs one frame, not one each. Characters typed in a row are
        // carried out as one edit (`burst`), before whatever ends the row.
        let mut burst = Burst::default();
        loop {
            let action = match event::read()? {
                Event::Key(key) => keymap::action_for(app, &key),
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Paste(text) => keymap::paste(app, &text),
                _ => None,
            };
            let rest = action.and_then(|action| burst.join(action));
            let stopping = signals.stop.load(Ordering::SeqCst) != 0;
            let more = !stopping && pending(event::poll, Instant::now)?;
            if rest.is_none() && more {
                continue;
            }
            let mut repaint = false;
            for action in [burst.take(), rest].into_iter().flatten() {
                // Not held while reading: a dead tty can keep crossterm reading.
                let _busy = signals.busy();
                let now = Timestamp::now();
                let effects = update(app, action, now);
                shell.execute(app, effects, now);
                dirty = true;
                if shell.take_repaint() {
                    repaint = true;
                    break;
                }
            }
            if repaint {
                // Back from `$EDITOR`: drawn whole, at the size it left.
                signals.redraw.store(true, Ordering::SeqCst);
                break;
            }
            if app.quit || !more {
                break;
            }
        }
    }
    if !app.quit {
        // A signal ended the session: quit as `q` does, so what is unsaved (the code
        // being practised) is written before the watcher exits (it waits for `busy`).
        let _busy = signals.busy();
        let now = Timestamp::now();
        let effects = update(app, Action::Quit, now);
        shell.execute(app, effects, now);
    }
    Ok(())
}

/// How long the loop looks for another event already waiting before it draws. Not
/// zero: crossterm's poll(2) source (the `use-dev-tty` feature) answers a zero timeout
/// without looking, even at keys it has already read, and a burst would cost a frame
/// per key. For the same reason, when tutor is not scheduled for this long in the
/// middle of a poll (a loaded machine), the poll ends before it looks; [`pending`]
/// then asks again, and only when every retry is late too does a burst go in as two
/// edits (and two undo steps); nothing is lost, the rest is read next.
const PENDING: Duration = Duration::from_millis(1);

/// How many times [`pending`] asks again after a poll that took far longer than
/// [`PENDING`].
const PENDING_RETRIES: usize = 2;

/// Whether another event is already waiting: `poll(PENDING)`, asked again (up to
/// [`PENDING_RETRIES`] times) when it said no after taking over four times `PENDING`.
/// Such a poll may have found its time up before it looked at keys crossterm had
/// already read, as tutor was not scheduled (see [`PENDING`]); the next poll looks at
/// them first. A poll that says no in time costs nothing more.
fn pending(
    mut poll: impl FnMut(Duration) -> std::io::Result<bool>,
    now: impl Fn() -> Instant,
) -> std::io::Result<bool> {
    for _ in 0..=PENDING_RETRIES {
        let asked = now();
        if poll(PENDING)? {
            return Ok(true);
        }
        if now().duration_since(asked) < PENDING * 4 {
            return Ok(false);
        }
    }
    Ok(false)
}

/// How long the loop waits for an event. While a job runs, it wakes often: for its
/// results, and to turn the spinner; while the lab's diagram moves a node, every frame
/// of the motion; idle, only every [`WAKE`].
pub(crate) fn wait(app: &App) -> Duration {
    if app.motion.is_some() {
        crate::visual::FRAME
    } else if app.jobs.is_empty() {
        WAKE
    } else {
        SPIN
    }
}

/// What a quiet tick redraws for when it changed. Time alone can bring a learning card
/// back: the review moved on or home's counts changed. The interview's clock, while it
/// shows and runs: a redraw a second. The lab's diagram, when its motion reaches the
/// next frame (idle, it has none).
pub(crate) fn watched(app: &App) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        app.review().map(|r| r.phase.clone()),
        app.due.all,
        app.due.per_deck.clone(),
        app.interview()
            .filter(|s| s.clock_running())
            .map(|s| s.clocks(app.now).used / 1000),
        crate::visual::moment(app.motion, app.now),
    )
}

#[cfg(test)]
mod tests {
    use ratatui::style::Color;

    use super::*;

    /// A poll that said no late is asked again, as keys crossterm had read may wait
    /// behind it; one that said no in time is not; the retries are bounded.
    #[test]
    fn a_late_no_from_poll_is_asked_again() {
        use std::cell::{Cell, RefCell};
        let start = Instant::now();
        // Each answer: (whether an event waits, how long the poll took).
        let run = |answers: Vec<(bool, Duration)>| {
            let clock = Cell::new(start);
            let answers = RefCell::new(answers.into_iter());
            let asked = Cell::new(0);
            let result = pending(
                |_| {
                    asked.set(asked.get() + 1);
                    let (ready, took) = answers.borrow_mut().next().unwrap_or_default();
                    clock.set(clock.get() + took);
                    Ok(ready)
                },
                || clock.get(),
            )
            .unwrap_or(false);
            (result, asked.get())
        };
        let late = PENDING * 10;
        assert_eq!(run(vec![(false, late), (true, PENDING)]), (true, 2));
        assert_eq!(run(vec![(false, PENDING), (true, PENDING)]), (false, 1));
        assert_eq!(run(vec![(true, late)]), (true, 1));
        assert_eq!(run(vec![(false, late); 10]), (false, PENDING_RETRIES + 1));
    }

    /// The bundled library cut to its first `cards` cards: syntect is slow in an
    /// unoptimised test build.
    fn first_cards(cards: usize) -> Library {
        let mut library = crate::content::bundled_library().clone();
        let deck = &mut library.decks[0];
        deck.cards.truncate(cards);
        deck.locations.truncate(cards);
        library
    }

    #[test]
    fn the_warmer_highlights_every_card_into_the_cache() {
        let library = first_cards(2);
        let deck = &library.decks[0];
        let solutions: Vec<(String, Lang)> = deck
            .cards
            .iter()
            .filter_map(|c| c.code())
            .flat_map(|(py, rs)| {
                [
                    (py.solution.clone(), Lang::Python),
                    (rs.solution.clone(), Lang::Rust),
                ]
            })
            .collect();
        assert_eq!(solutions.len(), 4, "the first two bundled cards have code");
        let dir = tempfile::tempdir().unwrap();
        let now = Timestamp::now();
        let store = Store::open_in_memory().unwrap();
        let days = Days::utc();
        let mut app = build(library.clone(), &store, now, days.clone(), true, None, None).unwrap();
        // Inline: the job has run when `execute` returns; its start and end were told.
        let mut shell = Shell::new(store, Some(dir.path().to_path_buf()));
        // A write a `kill -9` cut short (no process has this pid) goes first.
        let stale = dir
            .path()
            .join(format!("{:032x}.bin.{}.0.tmp", 1, i32::MAX));
        std::fs::write(&stale, b"").unwrap();
        let warm = || Effects::one(Effect::WarmHighlightCache);
        assert_eq!(shell.execute(&mut app, warm(), now), 2);
        assert!(app.jobs.is_empty());
        assert!(!stale.exists(), "the stale temporary file stayed");
        let cache = DiskCache::new(dir.path());
        let highlighter = Highlighter::new().unwrap();
        for (code, lang) in &solutions {
            assert_eq!(
                cache.get(code, *lang),
                Some(highlighter.highlight(code, *lang))
            );
        }

        // With colour off nothing is highlighted, so there is nothing to warm.
        let store = Store::open_in_memory().unwrap();
        let mut plain = build(library, &store, now, days, false, None, None).unwrap();
        let empty = tempfile::tempdir().unwrap();
        let mut shell = Shell::new(store, Some(empty.path().to_path_buf()));
        assert_eq!(shell.execute(&mut plain, warm(), now), 0);
        assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
    }

    /// With a pool, a cold highlight is a job (the card is drawn plain meanwhile) whose
    /// result arrives as `Highlighted`; the same code, cached now, answers at once.
    #[test]
    fn a_cold_highlight_is_a_job_and_a_cached_one_answers_at_once() {
        let library = first_cards(1);
        let dir = tempfile::tempdir().unwrap();
        let now = Timestamp::now();
        let store = Store::open_in_memory().unwrap();
        let mut app = build(library, &store, now, Days::utc(), true, None, None).unwrap();
        let mut shell = Shell::new(store, Some(dir.path().to_path_buf()));
        shell.set_worker(Worker::pool(2));
        let replies = shell.run_effect(&app, Effect::Highlight(0), now);
        assert!(
            matches!(
                replies.as_slice(),
                [Action::JobStarted {
                    label: HIGHLIGHTING,
                    kind: JobKind::Background,
                    ..
                }]
            ),
            "{replies:?}"
        );
        let _ = update(&mut app, replies[0].clone(), now);
        assert_eq!(app.jobs.len(), 1);
        assert!(
            !app.highlights.solutions.contains_key(&0),
            "drawn plain until it arrives"
        );
        shell.finish_jobs(&mut app, now);
        assert!(app.jobs.is_empty());
        let highlighted = app.highlights.solutions.remove(&0).unwrap();
        // Line numbers first, then the code in colour.
        let first = &highlighted[1][0].spans;
        assert_eq!(first[0].content.trim(), "1", "{first:?}");
        assert!(
            first
                .iter()
                .any(|s| s.style.fg.is_some_and(|c| c != Color::DarkGray))
        );
        let replies = shell.run_effect(&app, Effect::Highlight(0), now);
        let [Action::Highlighted(done)] = replies.as_slice() else {
            panic!("{replies:?}")
        };
        assert_eq!(done.solutions, Some((0, highlighted)));
    }

    /// A card's tests are a job: with the inline worker the report arrives within
    /// `execute`, and (until the practice screen) its summary is flashed.
    /// A practice run's row reaches the store, and its figures follow.
    #[test]
    fn a_recorded_run_is_in_the_store() {
        let store = Store::open_in_memory().unwrap();
        let app = build(
            first_cards(1),
            &store,
            Timestamp::now(),
            Days::utc(),
            false,
            None,
            None,
        )
        .unwrap();
        let mut shell = Shell::new(store, None);
        let record = crate::store::AttemptRecord {
            card_id: "c".into(),
            lang: "rust",
            ran_at: Timestamp::now(),
            passed: 2,
            failed: 0,
            outcome: crate::store::RunOutcome::Passed,
            seconds_spent: 12,
            solution_shown: false,
        };
        let replies = shell.run_effect(&app, Effect::RecordAttempt(record), Timestamp::now());
        assert!(replies.is_empty(), "{replies:?}");
        let summary = shell.store.practice_summary().unwrap();
        assert_eq!(summary.all().solved, 1);
    }

    #[test]
    fn tests_run_as_a_job_and_their_report_comes_back() {
        let library = first_cards(1);
        let now = Timestamp::now();
        let store = Store::open_in_memory().unwrap();
        let mut app = build(library, &store, now, Days::utc(), false, None, None).unwrap();
        let card = app.study.card(0).unwrap().1.id.clone();
        let mut shell = Shell::new(store, None);
        let run = crate::runner::TestRun {
            card: card.clone(),
            lang: crate::runner::Lang::Python,
            source: "def double(x):\n    return x * 2\n".into(),
            tests: "assert double(2) == 4\nassert double(3) == 5\n".into(),
        };
        shell.execute(&mut app, Effects::one(Effect::RunTests(Box::new(run))), now);
        assert!(app.jobs.is_empty(), "the job is over");
        assert_eq!(
            app.flash.as_ref().map(|f| f.text.as_str()),
            Some(format!("{card}: 1 passed, 1 failed").as_str())
        );
    }
}
