//! The mock interview's turn (issue 15's budget: at most 5 ms from one interviewer turn
//! to the next, scoring included): `Round::update` with a candidate's answer, on a
//! round from the bundled decks, at the step the answer is for.
//! Run: `cargo bench --bench interview`. Medians go in BENCHMARKS.md.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use tutor::content::{LoadOptions, QuizItem, load_library};
use tutor::interview::round::MAX_ANSWER;
use tutor::interview::{Body, Choice, Event, PhaseKind, Question, Round, Scored, choose};

/// A story of about 300 words, the middle of the spoken range.
fn story() -> String {
    let part = "Last year at my previous company our checkout service had a latency problem \
        that nobody owned. My goal was to bring the p99 back under 200 ms before the peak. \
        I analyzed the traces, I found a slow query, I rewrote it with an index, and I \
        handed the dashboard to the team that owns the service. As a result the p99 \
        dropped by 40% and we saved 12 thousand dollars a month. ";
    part.repeat(5)
}

fn bench_turn(c: &mut Criterion) {
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    let now = Timestamp::from_second(1_800_000_000).unwrap();
    let choice = Choice {
        deck: None,
        topic: None,
        minutes: 45,
        seed: 7,
    };
    let mut plan = choose(&library, &choice).unwrap();
    assert_eq!(plan.phases[0].kind, PhaseKind::Behavioural);
    // The follow-ups: every bundled recall item as a scored question, each point with a
    // probe, so the turn scores and then looks for a probe (the bundled follow-ups are
    // being converted; this is the same work on the same scorer).
    let questions: Vec<Question> = library
        .cards()
        .flat_map(|(_, card)| &card.quiz)
        .filter_map(|item| match item {
            QuizItem::Recall(r) => Some(Question::Scored(Scored {
                probes: (0..r.points.len())
                    .map(|i| (i, format!("probe {i}").into()))
                    .collect::<BTreeMap<_, _>>(),
                recall: r.clone(),
            })),
            _ => None,
        })
        .collect();
    let follow_ups = plan
        .phases
        .iter_mut()
        .find(|p| p.kind == PhaseKind::FollowUps)
        .unwrap();
    let count = questions.len();
    follow_ups.body = Body::Questions(questions);

    let at_lp = Round::start(plan, now);
    let mut at_follow_up = at_lp.clone();
    at_follow_up.update(Event::Answer(story()), now);
    at_follow_up.update(Event::Answer("More.".into()), now);
    at_follow_up.update(Event::Next, now);
    assert!(matches!(
        at_follow_up.phase().map(|p| p.kind),
        Some(PhaseKind::FollowUps)
    ));
    let answer = "A dictionary maps each key to its node in a doubly linked list; get moves \
        the node to the front, put adds at the front and evicts the least recently used \
        from the back when it is full, all in O(1). A lock guards both since get writes.";
    let long = "I found the root cause and named an owner. ".repeat(MAX_ANSWER / 40);

    let mut group = c.benchmark_group("interview");
    group.sample_size(50).warm_up_time(Duration::from_secs(1));
    let mut turn = |name: &str, round: &Round, text: &str| {
        group.bench_function(name, |b| {
            b.iter_batched(
                || round.clone(),
                |mut round| {
                    black_box(round.update(Event::Answer(text.to_string()), now));
                    round
                },
                BatchSize::SmallInput,
            );
        });
    };
    turn("lp_answer_300_words", &at_lp, &story());
    turn("lp_answer_16_kib", &at_lp, &long);
    turn(&format!("follow_up_of_{count}"), &at_follow_up, answer);
    turn("follow_up_16_kib", &at_follow_up, &long);
    group.finish();
}

criterion_group!(benches, bench_turn);
criterion_main!(benches);
