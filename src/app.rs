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
use std::time::Duration;

use color_eyre::eyre::{Result, WrapErr as _};
use crossterm::event::{self, Event};
use jiff::Timestamp;

use crate::action::{Action, Effect, Effects};
use crate::content::Library;
use crate::days::Days;
use crate::highlight::{DiskCache, Highlighter, Lang};
use crate::keymap;
use crate::srs::Scheduler;
use crate::state::{App, BrowseState, CardRef, CardView, DueCounts, Highlights, Screen, Study};
use crate::stats::Stats;
use crate::store::Store;
use crate::terminal::{self, Tty};
use crate::update::{open_card, start_review, update};

/// Where the session starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Review,
    /// The LRU lab: the LRU card with its live diagram, the console ready.
    Lab(usize),
    Quiz(crate::quiz::Selection),
    /// Browse, or straight into one card.
    Browse(Option<String>),
}

/// How often the loop wakes without input: to notice a signal or a learning card
/// coming due. Nothing is drawn unless something changed.
const WAKE: Duration = Duration::from_millis(250);

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
        size: (0, 0),
        now,
        color,
        quit: false,
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
        Start::Lab(capacity) => {
            app.study.lab_capacity = *capacity;
            crate::update::open_lab(app, now)
        }
        Start::Quiz(selection) => {
            app.study.quiz_selection = selection.clone();
            let effects = crate::update::start_quiz(app, selection, now);
            if app.quiz().is_none() {
                let why = app
                    .flash
                    .as_ref()
                    .map_or_else(String::new, |f| f.text.clone());
                color_eyre::eyre::bail!("{why}");
            }
            effects
        }
        Start::Browse(None) => {
            app.screen = Screen::Browse(BrowseState::default());
            Effects::none()
        }
        Start::Browse(Some(id)) => {
            let Some(card) = app.study.index_of(id) else {
                color_eyre::eyre::bail!("no card with id `{}`", crate::text::sanitize(id));
            };
            open_card(app, card)
        }
    })
}

pub struct Shell {
    pub store: Store,
    /// Loaded on first use (megabytes of syntax definitions), once for the session and
    /// the cache-warming thread together; `None` inside if the theme failed to load.
    highlighter: Arc<OnceLock<Option<Highlighter>>>,
    cache: Option<DiskCache>,
}

impl Shell {
    /// `highlight_cache`: where highlighted solutions are kept between runs (`None`:
    /// highlight every run).
    pub fn new(store: Store, highlight_cache: Option<std::path::PathBuf>) -> Self {
        Self {
            store,
            highlighter: Arc::new(OnceLock::new()),
            cache: highlight_cache.map(DiskCache::new),
        }
    }

    /// Fills the highlight cache for every card in a background thread, so moving to a
    /// card never waits for syntect; started after the first frame. The thread only
    /// writes cache files (atomically) and dies with the process; it shares the
    /// highlighter, so a start that already loaded syntect does not load it twice.
    /// Nothing to do (`None`) without a cache or with colour off.
    pub fn warm_highlight_cache(&self, app: &App) -> Option<std::thread::JoinHandle<()>> {
        let (Some(cache), true) = (self.cache.clone(), app.color) else {
            return None;
        };
        let library = Arc::clone(&app.study.library);
        let highlighter = Arc::clone(&self.highlighter);
        let spawned = std::thread::Builder::new()
            .name("highlight-cache".into())
            .spawn(move || {
                let solutions =
                    library
                        .cards()
                        .filter_map(|(_, c)| c.code())
                        .flat_map(|(py, rs)| {
                            [(&py.solution, Lang::Python), (&rs.solution, Lang::Rust)]
                        });
                let warm = |code: &str, lang: Lang| {
                    if cache.contains(code, lang) {
                        return;
                    }
                    // Loads syntect only if something is missing.
                    if let Some(h) = highlighter.get_or_init(|| Highlighter::new().ok()) {
                        cache.put(code, lang, &h.highlight(code, lang));
                    }
                };
                for (code, lang) in solutions {
                    warm(code, lang);
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
        // Without the thread, cards are highlighted when shown: slower, still right.
        spawned.ok()
    }

    /// Carries out effects at `now`; results come back as actions, which may ask for
    /// more.
    pub fn execute(&mut self, app: &mut App, effects: Effects, now: Timestamp) {
        let mut queue: std::collections::VecDeque<Effect> = effects.0.into();
        while let Some(effect) = queue.pop_front() {
            let reply = match effect {
                Effect::Quit => None,
                Effect::Suspend => {
                    // The signal watcher gives the terminal back and stops the process,
                    // exactly as for a SIGTSTP from outside.
                    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                    None
                }
                Effect::Highlight(card) => {
                    self.highlight(app, card);
                    None
                }
                Effect::HighlightQuiz => {
                    self.highlight_quiz(app);
                    None
                }
                Effect::RecordReview {
                    card,
                    before,
                    outcome,
                    duration_ms,
                } => Some(
                    match self.store.record_review(
                        &app.study.scheduler,
                        &card,
                        before.as_ref(),
                        &outcome,
                        Duration::from_millis(duration_ms),
                        &app.study.days,
                    ) {
                        Ok(recorded) => {
                            let day = app.study.days.day_of(recorded.outcome.state.last_review);
                            if let Ok(streak) = self.store.streak(day) {
                                app.study.streak = streak;
                            }
                            Action::ReviewSaved(recorded)
                        }
                        Err(e) => Action::SaveFailed(e.to_string()),
                    },
                ),
                Effect::UndoReview { id } => {
                    Some(match self.store.undo(&app.study.scheduler, id) {
                        Ok(undone) => {
                            if let Ok(streak) = self.store.streak(app.study.days.day_of(now)) {
                                app.study.streak = streak;
                            }
                            Action::Undone(undone)
                        }
                        Err(e) => Action::UndoFailed(e.to_string()),
                    })
                }
                Effect::RecordQuiz(record) => self
                    .store
                    .record_quiz_result(&record, &app.study.days)
                    .err()
                    .map(|e| Action::QuizSaveFailed(e.to_string())),
                Effect::RecordClaim(claim) => self
                    .store
                    .record_claim(&claim)
                    .err()
                    .map(|e| Action::QuizSaveFailed(e.to_string())),
                Effect::LoadStats => Some(
                    match Stats::compute(&self.store, &app.study.library, now, &app.study.days) {
                        Ok(stats) => Action::StatsLoaded(Box::new(stats)),
                        Err(e) => Action::StatsFailed(e.to_string()),
                    },
                ),
            };
            if let Some(action) = reply {
                queue.extend(update(app, action, now).0);
            }
        }
    }

    /// Prepares a card's two solutions for drawing, once: from the disk cache, or
    /// highlighted in parallel (and cached); plain with colour off.
    fn highlight(&mut self, app: &mut App, card: usize) {
        self.highlight_blocks(app, card);
        if app.highlights.solutions.contains_key(&card) {
            return;
        }
        let Some((py, rs)) = app.card(card).and_then(|(_, c)| c.code()) else {
            return;
        };
        let (py, rs) = (py.solution.clone(), rs.solution.clone());
        let t = crate::ui::theme(app);
        if !app.color {
            let plain = [
                crate::layout::card_text::plain_code(&py, t),
                crate::layout::card_text::plain_code(&rs, t),
            ];
            app.highlights.solutions.insert(card, plain);
            return;
        }
        let cache = self.cache.as_ref();
        let cached = cache.and_then(|c| Some((c.get(&py, Lang::Python)?, c.get(&rs, Lang::Rust)?)));
        let (py, rs) = if let Some((py, rs)) = cached {
            (py, Some(rs))
        } else {
            let Some(h) = self.highlighter.get_or_init(|| Highlighter::new().ok()) else {
                return;
            };
            std::thread::scope(|s| {
                let rust = s.spawn(|| h.highlight_cached(&rs, Lang::Rust, cache));
                let python = h.highlight_cached(&py, Lang::Python, cache);
                (python, rust.join().ok())
            })
        };
        if let Some(rs) = rs {
            app.highlights.solutions.insert(
                card,
                [
                    crate::layout::card_text::with_gutter(py, t),
                    crate::layout::card_text::with_gutter(rs, t),
                ],
            );
        }
    }
}

impl Shell {
    /// Highlights the fenced Python and Rust blocks in a card's prompt and explanation
    /// (once; through the disk cache), then redoes the Question pane's rows with them.
    fn highlight_blocks(&mut self, app: &mut App, card: usize) {
        let Some((_, c)) = app.card(card).filter(|_| app.color) else {
            return;
        };
        let missing: Vec<_> = [&c.prompt, &c.explanation]
            .into_iter()
            .flat_map(|text| crate::markdown::fenced_blocks(text))
            .filter_map(|(info, code)| {
                let (key, lang) = crate::highlight::block_key(&info, &code)?;
                (!app.highlights.code.contains_key(&key)).then_some((key, code, lang))
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        let Some(h) = self.highlighter.get_or_init(|| Highlighter::new().ok()) else {
            return;
        };
        for (key, code, lang) in missing {
            let text = h.highlight_cached(&code, lang, self.cache.as_ref());
            app.highlights.code.insert(key, text.lines);
        }
        app.card_view.question_key = None;
        crate::update::refresh_panes(app);
    }

    /// Highlights the running quiz's cloze and reorder code by its `lang`, once, before
    /// the quiz is drawn (through the disk cache, as solutions are); nothing with colour
    /// off.
    fn highlight_quiz(&mut self, app: &mut App) {
        let Some(session) = app.quiz().filter(|_| app.color) else {
            return;
        };
        let sources: Vec<_> = session
            .items()
            .iter()
            .filter_map(|i| crate::highlight::quiz_source(&i.item))
            .filter(|(key, _, _)| !app.highlights.code.contains_key(key))
            .collect();
        if sources.is_empty() {
            return;
        }
        let Some(h) = self.highlighter.get_or_init(|| Highlighter::new().ok()) else {
            return;
        };
        for (key, code, lang) in sources {
            let text = h.highlight_cached(&code, lang, self.cache.as_ref());
            app.highlights.code.insert(key, text.lines);
        }
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
    let mut tty = terminal::enter().wrap_err("entering full-screen mode")?;
    let result = event_loop(&mut tty, &mut shell, &mut app, first, &signals);
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
                        let _ = terminal::reassert();
                        shared.ask_redraw();
                    }
                    _ => {
                        shared.stop.store(signal, Ordering::SeqCst);
                        std::thread::sleep(STOP_GRACE);
                        let _busy = shared.busy();
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
            // Detached: the session never waits for it.
            drop(shell.warm_highlight_cache(app));
            warming = true;
        }
        if !event::poll(WAKE)? {
            let _busy = signals.busy();
            // Time alone can bring a learning card back: redraw when the review moved
            // on or home's counts changed.
            let watched = |app: &App| {
                (
                    app.review().map(|r| r.phase.clone()),
                    app.due.all,
                    app.due.per_deck.clone(),
                )
            };
            let before = watched(app);
            let now = Timestamp::now();
            let effects = update(app, Action::Tick, now);
            shell.execute(app, effects, now);
            dirty = watched(app) != before;
            continue;
        }
        // Every event already waiting is handled before the next frame is drawn: a
        // burst of keys costs one frame, not one each.
        loop {
            let action = match event::read()? {
                Event::Key(key) => keymap::action_for(app, &key),
                Event::Resize(w, h) => Some(Action::Resize(w, h)),
                Event::Paste(text) => keymap::paste(app, &text),
                _ => None,
            };
            if let Some(action) = action {
                // Not held while reading: a dead tty can keep crossterm reading.
                let _busy = signals.busy();
                let now = Timestamp::now();
                let effects = update(app, action, now);
                shell.execute(app, effects, now);
                dirty = true;
            }
            if app.quit || signals.stop.load(Ordering::SeqCst) != 0 || !event::poll(Duration::ZERO)?
            {
                break;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warmer_highlights_every_card_into_the_cache() {
        let mut library = crate::content::bundled_library().clone();
        // Two cards keep it quick: syntect is slow in an unoptimised test build.
        let deck = &mut library.decks[0];
        deck.cards.truncate(2);
        deck.locations.truncate(2);
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
        let app = build(library.clone(), &store, now, days.clone(), true, None, None).unwrap();
        let shell = Shell::new(store, Some(dir.path().to_path_buf()));
        shell.warm_highlight_cache(&app).unwrap().join().unwrap();
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
        let plain = build(library, &store, now, days, false, None, None).unwrap();
        let empty = tempfile::tempdir().unwrap();
        let shell = Shell::new(store, Some(empty.path().to_path_buf()));
        assert!(shell.warm_highlight_cache(&plain).is_none());
    }
}
