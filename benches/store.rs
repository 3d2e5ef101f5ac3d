//! The store's budgets: grading a card durably (WAL, `synchronous=FULL`), the same with
//! a million reviews in the log, stats with the 365-day heatmap over 100,000 reviews,
//! and rebuilding card states from a 10,000-review log. Run: `cargo bench --bench
//! store`. Medians go in BENCHMARKS.md.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used)]

use std::cell::Cell;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use tutor::content::{LoadOptions, load_library};
use tutor::days::Days;
use tutor::srs::{Rating, Scheduler, Settings};
use tutor::stats::{Stats, render};
use tutor::store::{RevlogRow, Store};

/// `reviews` reviews spread over `cards` cards and the past year, as an import would add
/// them: each card reviewed at growing gaps with a mix of ratings.
fn history(cards: usize, reviews: usize, now: Timestamp) -> Vec<RevlogRow> {
    let per_card = reviews / cards;
    let start = now - SignedDuration::from_hours(24 * 365);
    let mut rows = Vec::with_capacity(reviews);
    for c in 0..cards {
        let mut at = start + SignedDuration::from_mins(i64::try_from(c).unwrap());
        for r in 0..per_card {
            let rating = [3u8, 3, 2, 3, 1, 4, 3][(c + r) % 7];
            rows.push(RevlogRow {
                card_id: format!("card-{c}"),
                review_time: at.as_millisecond(),
                rating,
                state: 2,
                duration_ms: 4000,
            });
            // Gaps that keep a card's reviews inside the year.
            at += SignedDuration::from_mins(i64::try_from(500_000 / per_card).unwrap().max(1) + 7);
        }
    }
    rows
}

// One function so the stores are set up once, in order; long, as benchmarks are.
#[allow(clippy::too_many_lines)]
/// Grades the next of `cards` cards Good, a second after the last grade (counted in
/// `tick`, from `start`), as the session would; returns when it was graded.
fn grade_next(
    store: &mut Store,
    scheduler: &Scheduler,
    days: &Days,
    (cards, start, tick): (i64, Timestamp, &Cell<i64>),
) -> Timestamp {
    let i = tick.get();
    tick.set(i + 1);
    let at = start + SignedDuration::from_secs(i);
    store
        .grade(
            scheduler,
            &format!("card-{}", i % cards),
            Rating::Good,
            at,
            Duration::from_secs(3),
            days,
        )
        .unwrap();
    at
}

fn bench_store(c: &mut Criterion) {
    let scheduler = Scheduler::new(&Settings::default()).unwrap();
    let days = Days::utc();
    let now: Timestamp = "2026-11-01T12:00:00Z".parse().unwrap();
    let mut group = c.benchmark_group("store");

    // Grade and commit on a real file, fsync included.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let tick = Cell::new(0i64);
    group.bench_function("grade_and_commit", |b| {
        b.iter(|| grade_next(&mut store, &scheduler, &days, (500, now, &tick)));
    });

    // A grade as the full-screen session makes it (record it, then ask the streak) with
    // 1,000,000 reviews of 10,000 cards in the log, on every day of the year up to the
    // first grade: the streak is as long as the history.
    let million_dir = tempfile::tempdir().unwrap();
    let mut million = Store::open(million_dir.path()).unwrap();
    let rows = history(10_000, 1_000_000, now);
    let last = rows.iter().map(|r| r.review_time).max().unwrap();
    million.import_revlog(&scheduler, &rows, &days).unwrap();
    drop(rows);
    let first_grade = Timestamp::from_millisecond(last).unwrap() + SignedDuration::from_hours(1);
    let streak_days = million.streak(days.day_of(first_grade)).unwrap();
    assert!(streak_days > 300, "{streak_days}");
    let tick = Cell::new(0i64);
    group.bench_function("grade_at_1m_reviews", |b| {
        b.iter(|| {
            let at = grade_next(
                &mut million,
                &scheduler,
                &days,
                (10_000, first_grade, &tick),
            );
            million.streak(days.day_of(at)).unwrap()
        });
    });
    // Each grade timed on its own, as the budget is a p50: the mean of a criterion
    // sample spreads SQLite's occasional WAL checkpoint (a few MB written back to a
    // 100 MB file, then fsynced) over every grade in it.
    let mut samples: Vec<Duration> = Vec::with_capacity(2_000);
    for _ in 0..2_000 {
        let t = Instant::now();
        let at = grade_next(
            &mut million,
            &scheduler,
            &days,
            (10_000, first_grade, &tick),
        );
        million.streak(days.day_of(at)).unwrap();
        samples.push(t.elapsed());
    }
    samples.sort();
    let pct = |p: usize| samples[(samples.len() - 1) * p / 100];
    println!(
        "grade_at_1m_reviews over {} grades one by one: p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
        samples.len(),
        pct(50),
        pct(90),
        pct(99),
        samples[samples.len() - 1]
    );

    // The streak alone, as asked after each of those grades: the part that walked the
    // whole streak (every review of it) before it was kept for the day.
    let today = days.day_of(first_grade + SignedDuration::from_secs(tick.get()));
    group.bench_function("streak_at_1m_reviews", |b| {
        b.iter(|| million.streak(today).unwrap());
    });
    // For comparison in the same run: the query the streak ran before it was kept for
    // the day, on the same file (every distinct day of the streak, from the day index).
    let walk = rusqlite::Connection::open(million.path()).unwrap();
    group.bench_function("streak_at_1m_reviews_walking_the_log", |b| {
        b.iter(|| {
            let mut stmt = walk
                .prepare_cached(
                    "SELECT DISTINCT local_day FROM review_log WHERE local_day <= ?1 \
                     ORDER BY local_day DESC",
                )
                .unwrap();
            let days: Vec<i64> = stmt
                .query_map([today], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            days.len()
        });
    });
    drop(walk);
    drop(million);

    // Stats over 100,000 reviews of 1,000 cards, text report included.
    let stats_dir = tempfile::tempdir().unwrap();
    let mut big = Store::open(stats_dir.path()).unwrap();
    let report = big
        .import_revlog(&scheduler, &history(1_000, 100_000, now), &days)
        .unwrap();
    assert_eq!(report.added, 100_000);
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    group.bench_function("stats_100k_reviews_with_heatmap", |b| {
        b.iter(|| {
            let stats = Stats::compute(&big, &library, now, &days).unwrap();
            render::report(&stats, &days)
        });
    });

    // Rebuild every card state from a 10,000-review log.
    let rebuild_dir = tempfile::tempdir().unwrap();
    let mut log = Store::open(rebuild_dir.path()).unwrap();
    log.import_revlog(&scheduler, &history(500, 10_000, now), &days)
        .unwrap();
    group.bench_function("rebuild_10k_reviews", |b| {
        b.iter(|| log.rebuild(&scheduler).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench_store);
criterion_main!(benches);
