//! Scoring free-recall answers: every bundled recall item's model answer scored against
//! its own item, as the quiz screen does when an answer is submitted.
//! Run: `cargo bench --bench recall`. Medians go in BENCHMARKS.md.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tutor::content::{LoadOptions, QuizItem, Recall, load_library};
use tutor::quiz::score::score_recall;
use tutor::quiz::synonyms::Synonyms;

fn bench_recall(c: &mut Criterion) {
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    let items: Vec<(Recall, Synonyms)> = library
        .cards()
        .flat_map(|(deck, card)| card.quiz.iter().map(move |item| (deck, item)))
        .filter_map(|(deck, item)| match item {
            QuizItem::Recall(r) => Some((r.clone(), Synonyms::with_deck(&deck.meta.synonyms))),
            _ => None,
        })
        .collect();
    assert!(!items.is_empty());
    let mut group = c.benchmark_group("recall");
    group.sample_size(50).warm_up_time(Duration::from_secs(1));
    group.bench_function(format!("model_answers_{}", items.len()), |b| {
        b.iter(|| {
            for (item, synonyms) in &items {
                black_box(score_recall(item, black_box(&item.model_answer), synonyms));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench_recall);
criterion_main!(benches);
