//! The LRU budget: our engine against the `lru` crate on the same stream of 1,000,000
//! operations (half `get`, half `put`, capacity 1,000, keys uniform over 2,000, so about
//! half the gets hit and most puts of a new key evict). Both use foldhash, the `lru`
//! crate's default hasher, so the comparison is about the data structure. Each timed run
//! of one cache is followed by an untimed run of the other (see [`interleaved`]), and each
//! is timed twice: by the thread's CPU time and by the wall clock. Run:
//! `cargo bench --bench lru`. Medians and the ratio go in BENCHMARKS.md.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tutor::lru::rng::SplitMix64;
use tutor::lru::{LruCache, Put};

const OPS: usize = 1_000_000;
const CAPACITY: usize = 1_000;
const KEYS: u64 = 2_000;

#[derive(Clone, Copy)]
enum Op {
    Get(u64),
    Put(u64, u64),
}

/// The same stream for both caches, from a fixed seed.
fn stream() -> Vec<Op> {
    let mut rng = SplitMix64::new(146);
    (0..OPS as u64)
        .map(|i| {
            let key = rng.below(KEYS);
            if rng.below(2) == 0 {
                Op::Get(key)
            } else {
                Op::Put(key, i)
            }
        })
        .collect()
}

/// Runs the stream on our cache; returns hits plus updates, so nothing is optimised away.
fn ours(ops: &[Op]) -> u64 {
    let mut cache: LruCache<u64, u64> = LruCache::new(CAPACITY);
    let mut seen = 0;
    for op in ops {
        match *op {
            Op::Get(k) => seen += u64::from(cache.get(&k).is_some()),
            Op::Put(k, v) => seen += u64::from(matches!(cache.put(k, v), Put::Updated { .. })),
        }
    }
    seen
}

/// The same on the `lru` crate (`put` returns the old value on an update).
fn crate_lru(ops: &[Op]) -> u64 {
    let mut cache: lru::LruCache<u64, u64> =
        lru::LruCache::new(NonZeroUsize::new(CAPACITY).unwrap());
    let mut seen = 0;
    for op in ops {
        match *op {
            Op::Get(k) => seen += u64::from(cache.get(&k).is_some()),
            Op::Put(k, v) => seen += u64::from(cache.put(k, v).is_some()),
        }
    }
    seen
}

/// Which clock a measurement reads.
#[derive(Clone, Copy)]
enum Clock {
    /// Elapsed time, what a user waits.
    Wall,
    /// CPU time of this thread: on a shared machine, time spent waiting for a core is
    /// left out, so the figure is about the code rather than about the neighbours.
    Cpu,
}

fn cpu_now() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(t.tv_sec).unwrap(),
        u32::try_from(t.tv_nsec).unwrap(),
    )
}

/// Times `timed` over `iters` runs of the stream, running `other` untimed after each
/// one: both caches are then measured through the same stretches of a shared, noisy
/// machine (other builds come and go) instead of one after the other.
fn interleaved(
    clock: Clock,
    iters: u64,
    ops: &[Op],
    timed: fn(&[Op]) -> u64,
    other: fn(&[Op]) -> u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        match clock {
            Clock::Wall => {
                let start = Instant::now();
                black_box(timed(black_box(ops)));
                total += start.elapsed();
            }
            Clock::Cpu => {
                let start = cpu_now();
                black_box(timed(black_box(ops)));
                total += cpu_now().saturating_sub(start);
            }
        }
        black_box(other(black_box(ops)));
    }
    total
}

fn bench_lru(c: &mut Criterion) {
    let ops = stream();
    // Same stream, same answers: the two caches agree before they are timed.
    assert_eq!(ours(&ops), crate_lru(&ops));
    let mut group = c.benchmark_group("lru");
    group.throughput(Throughput::Elements(OPS as u64));
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(15));
    for (clock, name) in [(Clock::Cpu, "cpu"), (Clock::Wall, "wall")] {
        group.bench_function(format!("ours_1m_ops_{name}"), |b| {
            b.iter_custom(|iters| interleaved(clock, iters, &ops, ours, crate_lru));
        });
        group.bench_function(format!("lru_crate_1m_ops_{name}"), |b| {
            b.iter_custom(|iters| interleaved(clock, iters, &ops, crate_lru, ours));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_lru);
criterion_main!(benches);
