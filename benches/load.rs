//! Loading decks: generated decks of 1,000 and 10,000 cards, parsed from YAML (cold)
//! and from the parse cache (warm, the normal start), plus the bundled decks.
//! Run: `cargo bench --bench load`. Medians go in BENCHMARKS.md.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tutor::content::{LoadOptions, load_library};

/// Cards per generated file: a file must stay under the 1 MiB limit.
const CARDS_PER_FILE: usize = 250;

/// A card shaped like the bundled ones, about 1.9 KB of YAML.
fn card(i: usize) -> String {
    format!(
        "id: card-{i}
title: Generated card {i}
topic: algo
tags: [generated, bench, t{tag}]
difficulty: medium
prompt: |
  Given a list of integers, return the indices of the two numbers that add up to
  the target {i}. Explain the trade-off between sorting and hashing.
python:
  solution: |
    def two_sum(nums, target):
        seen = {{}}
        for i, n in enumerate(nums):
            if target - n in seen:
                return seen[target - n], i
            seen[n] = i
        return None
  tests: |
    assert two_sum([2, 7, 11, 15], 9) == (0, 1)
    assert two_sum([1, 2], 7) is None
rust:
  solution: |
    use std::collections::HashMap;
    pub fn two_sum(nums: &[i32], target: i32) -> Option<(usize, usize)> {{
        let mut seen = HashMap::new();
        for (i, &n) in nums.iter().enumerate() {{
            if let Some(&j) = seen.get(&(target - n)) {{
                return Some((j, i));
            }}
            seen.insert(n, i);
        }}
        None
    }}
  tests: |
    #[test]
    fn finds_pair() {{ assert_eq!(two_sum(&[2, 7, 11, 15], 9), Some((0, 1))); }}
explanation: |
  One pass with a hash map from value to index: for each number, look up its
  complement before inserting the number itself, so an element never pairs with
  itself. Sorting with two pointers uses O(1) extra space but loses the indices.
key_points:
  - a hash map gives O(n) time
  - look up before inserting
  - say what happens when there is no answer
pitfalls:
  - pairing an element with itself
  - returning values instead of indices
follow_ups:
  - What if the input is sorted?
  - What if there are many queries against the same list?
complexity:
  time: O(n)
  space: O(n)
quiz:
  - kind: single
    question: Why look up the complement before inserting?
    options: [to avoid pairing an element with itself, it is faster, it sorts the map]
    answer: 0
    explanation: Inserting first would let n pair with itself when target = 2n.
",
        tag = i % 17
    )
}

fn write_deck(dir: &Path, cards: usize) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("deck.yaml"),
        "id: bench\ntitle: Bench\ndescription: generated\ntopics:\n  - id: algo\n    title: Algorithms\n",
    )
    .unwrap();
    for file in 0..cards.div_ceil(CARDS_PER_FILE) {
        let mut text = String::new();
        for i in file * CARDS_PER_FILE..((file + 1) * CARDS_PER_FILE).min(cards) {
            if !text.is_empty() {
                text.push_str("---\n");
            }
            let _ = write!(text, "{}", card(i));
        }
        std::fs::write(dir.join(format!("cards-{file:03}.yaml")), text).unwrap();
    }
}

fn bench_load(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("load");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for cards in [1_000, 10_000] {
        let deck = root.path().join(format!("deck-{cards}"));
        write_deck(&deck, cards);
        let cache = root.path().join(format!("cache-{cards}"));
        let cold = LoadOptions {
            bundled: false,
            dirs: vec![deck.clone()],
            cache_dir: None,
        };
        let warm = LoadOptions {
            cache_dir: Some(cache),
            ..cold.clone()
        };
        let library = load_library(&warm); // fills the cache
        assert!(library.problems.is_empty(), "{:?}", &library.problems[..1]);
        assert_eq!(library.card_count(), cards);
        group.bench_function(format!("{cards}_cards_cached"), |b| {
            b.iter(|| load_library(&warm));
        });
        group.bench_function(format!("{cards}_cards_parsed"), |b| {
            b.iter(|| load_library(&cold));
        });
    }
    let bundled_cache = root.path().join("cache-bundled");
    let bundled = LoadOptions {
        bundled: true,
        dirs: Vec::new(),
        cache_dir: Some(bundled_cache),
    };
    load_library(&bundled);
    group.bench_function("bundled_cached", |b| b.iter(|| load_library(&bundled)));
    let bundled_cold = LoadOptions {
        cache_dir: None,
        ..bundled.clone()
    };
    group.bench_function("bundled_parsed", |b| b.iter(|| load_library(&bundled_cold)));
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
