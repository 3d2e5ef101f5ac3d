//! The session's budgets, measured in-process on the code paths the binary runs:
//! start to the first full frame (cached decks, opening the database, building the app,
//! the card's two highlighted solutions from the highlight cache, drawing), one full frame of the card view at
//! 200×50, one of the LRU lab (a busy cache in the Diagram pane) at 200×50, settled and in
//! the middle of a move, and keypress to frame (dispatch, update, effects, draw). Frames are drawn to
//! ratatui's `TestBackend` (the same widgets and buffer diff; no terminal I/O).
//! Run: `cargo bench --bench ui`. Medians go in BENCHMARKS.md; the keypress p50/p99 are
//! printed at the end from 20,000 timed presses.

// A benchmark that cannot set up should stop loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tutor::action::Action;
use tutor::app::{self, Shell, Start};
use tutor::content::{LoadOptions, load_library};
use tutor::days::Days;
use tutor::state::App;
use tutor::store::Store;
use tutor::update::update;

fn open(data: &std::path::Path, cache: &std::path::Path, start: &Start) -> (App, Shell) {
    let library = load_library(&LoadOptions {
        bundled: true,
        dirs: Vec::new(),
        cache_dir: Some(cache.to_path_buf()),
    });
    let store = Store::open(data).unwrap();
    let now = Timestamp::now();
    let mut app = app::build(library, &store, now, Days::utc(), true, None, None).unwrap();
    let _ = update(&mut app, Action::Resize(200, 50), now);
    let mut shell = Shell::new(store, Some(cache.join("highlight")));
    let first = app::start(&mut app, start, now).unwrap();
    shell.execute(&mut app, first, now);
    (app, shell)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| tutor::ui::view(f, app)).unwrap();
}

fn press(app: &mut App, shell: &mut Shell, code: KeyCode) {
    let now = Timestamp::now();
    if let Some(action) = tutor::keymap::action_for(app, &KeyEvent::new(code, KeyModifiers::NONE)) {
        let effects = update(app, action, now);
        shell.execute(app, effects, now);
    }
}

fn bench_ui(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (data, cache) = (dir.path().join("data"), dir.path().join("cache"));
    let card = Start::Browse(Some("lru-cache".into()));
    drop(open(&data, &cache, &card)); // warm the deck cache and create the database
    let mut group = c.benchmark_group("ui");
    group.bench_function("start_to_first_frame_lru_card", |b| {
        b.iter(|| {
            let (app, _shell) = open(&data, &cache, &card);
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
            draw(&mut terminal, &app);
            terminal
        });
    });
    let (mut app, mut shell) = open(&data, &cache, &card);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    group.bench_function("full_frame_card_view_200x50", |b| {
        b.iter(|| {
            // A cleared buffer each time, so the whole frame is drawn and diffed.
            terminal.clear().unwrap();
            draw(&mut terminal, &app);
        });
    });
    // The LRU lab at 200×50 with a busy cache of 12: the Diagram pane drawn in full.
    let (mut lab, mut lab_shell) =
        open(&data, &cache, &Start::Lab(tutor::content::Visual::Lru, 12));
    for c in "fill 60 7".chars() {
        press(&mut lab, &mut lab_shell, KeyCode::Char(c));
    }
    press(&mut lab, &mut lab_shell, KeyCode::Enter);
    group.bench_function("full_frame_lab_200x50", |b| {
        b.iter(|| {
            terminal.clear().unwrap();
            draw(&mut terminal, &lab);
        });
    });
    // The same lab in the middle of a move (issue 20's motion): a new key slides in at
    // the tail while the head leaves, drawn at the third of five in-between steps.
    for c in "put 500 5".chars() {
        press(&mut lab, &mut lab_shell, KeyCode::Char(c));
    }
    press(&mut lab, &mut lab_shell, KeyCode::Enter);
    let started = lab.motion.expect("a put on a full cache moves a node");
    lab.now = started + jiff::SignedDuration::from_millis(175);
    group.bench_function("full_frame_lab_motion_200x50", |b| {
        b.iter(|| {
            terminal.clear().unwrap();
            draw(&mut terminal, &lab);
        });
    });
    let mut down = true;
    group.bench_function("keypress_to_frame", |b| {
        b.iter(|| {
            press(
                &mut app,
                &mut shell,
                if down {
                    KeyCode::Char('j')
                } else {
                    KeyCode::Char('k')
                },
            );
            down = !down;
            draw(&mut terminal, &app);
        });
    });
    group.finish();

    // Percentiles of keypress-to-frame over a realistic mix of keys.
    let keys = [
        KeyCode::Tab,
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('G'),
        KeyCode::Char('g'),
        KeyCode::Char('z'),
        KeyCode::Char('z'),
        KeyCode::Char('?'),
        KeyCode::Char('?'),
    ];
    let mut samples: Vec<Duration> = Vec::with_capacity(20_000);
    for i in 0..20_000 {
        let t = Instant::now();
        press(&mut app, &mut shell, keys[i % keys.len()]);
        draw(&mut terminal, &app);
        samples.push(t.elapsed());
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 - 1.0) * p) as usize];
    println!(
        "keypress_to_frame over {} presses: p50 {:?}, p99 {:?}, max {:?}",
        samples.len(),
        pct(0.50),
        pct(0.99),
        samples[samples.len() - 1]
    );
}

criterion_group!(benches, bench_ui);
criterion_main!(benches);
