use std::collections::BTreeMap;
use std::sync::Arc;

use super::*;
use crate::content::{CardId, Recall, RecallExamples, RecallPoint};
use crate::interview::plan::Scored;
use crate::interview::scorecard::{Level, Scorecard, Signal};
use crate::quiz::synonyms::Synonyms;
use crate::runner::TestResult;

const MIN: Millis = 60_000;

fn at(ms: u64) -> Timestamp {
    Timestamp::from_millisecond(1_700_000_000_000 + i64::try_from(ms).unwrap()).unwrap()
}

fn card(id: &str) -> CardRef {
    CardRef {
        id: CardId(id.into()),
        title: Shown::new(id),
    }
}

fn recall(question: &str, points: &[(&str, &[&str])]) -> Recall {
    Recall {
        question: question.into(),
        points: points
            .iter()
            .map(|(p, accept)| {
                RecallPoint::new(*p, accept.iter().map(|a| (*a).to_string()).collect())
            })
            .collect(),
        model_answer: Shown::new(&format!("model answer to {question}")),
        explanation: Shown::default(),
        examples: RecallExamples::default(),
        misconceptions: Vec::new(),
    }
}

fn scored(question: &str, points: &[(&str, &[&str])], probes: &[(usize, &str)]) -> Question {
    Question::Scored(Scored {
        recall: recall(question, points),
        probes: probes
            .iter()
            .map(|(i, p)| (*i, Shown::new(p)))
            .collect::<BTreeMap<_, _>>(),
    })
}

fn phase(kind: PhaseKind, id: &str, minutes: u64, body: Body) -> Phase {
    Phase {
        kind,
        card: card(id),
        budget: minutes * MIN,
        body,
    }
}

/// A round of four phases: LP 10 min, coding 20, follow-ups 8, discussion 7.
fn plan() -> Plan {
    Plan {
        deck: None,
        seed: 1,
        minutes: 45,
        phases: vec![
            phase(
                PhaseKind::Behavioural,
                "lp",
                10,
                Body::Behavioural {
                    ask: "Tell me about a time you owned a problem.".into(),
                    points: None,
                },
            ),
            phase(
                PhaseKind::Coding,
                "lru",
                20,
                Body::Coding {
                    ask: "Write an LRU cache.".into(),
                    python_tests: "assert True".into(),
                    rust_tests: "#[test] fn t() {}".into(),
                },
            ),
            phase(
                PhaseKind::FollowUps,
                "lru",
                8,
                Body::Questions(vec![
                    scored(
                        "How would you make it thread safe?",
                        &[
                            ("a lock around get and put", &["lock", "mutex"]),
                            (
                                "get also writes: it moves the key",
                                &["get * writ*", "move*"],
                            ),
                        ],
                        &[
                            (0, "What protects the shared state?"),
                            (1, "Is get read-only?"),
                        ],
                    ),
                    scored(
                        "How would you add a TTL?",
                        &[
                            ("store an expiry time per entry", &["expir*", "deadline"]),
                            ("check it on get", &["on get", "when read*"]),
                        ],
                        // The same probe as above: never asked twice.
                        &[
                            (0, "What protects the shared state?"),
                            (1, "When do you check it?"),
                        ],
                    ),
                    Question::Asked("What would you test first?".into()),
                ]),
            ),
            phase(
                PhaseKind::Discussion,
                "gil",
                7,
                Body::Questions(vec![scored(
                    "What is the GIL?",
                    &[
                        ("one thread runs Python bytecode at a time", &["one thread"]),
                        ("released around blocking I/O", &["releas*"]),
                    ],
                    &[(1, "What happens during I/O?")],
                )]),
            ),
        ],
        notes: vec![],
        synonyms: Arc::new(Synonyms::general()),
    }
}

const STORY: &str = "Last year at my previous company our checkout service had a latency \
    problem. My goal was to bring the p99 back under 200 ms. I analyzed the traces, I found \
    a slow query, and I rewrote it with an index. As a result the p99 dropped by 40%.";

fn passed(n: usize) -> Report {
    Report {
        lang: Lang::Python,
        outcome: Outcome::Passed,
        tests: (0..n)
            .map(|i| TestResult {
                name: format!("t{i}"),
                passed: true,
            })
            .collect(),
        failure: None,
        diagnostics: vec![],
        output: String::new(),
        output_cut: false,
    }
}

fn failed(passing: usize, failing: usize) -> Report {
    let mut report = passed(passing + failing);
    report.outcome = Outcome::Failed;
    for t in report.tests.iter_mut().skip(passing) {
        t.passed = false;
    }
    report
}

fn said(round: &Round, who: Who) -> Vec<String> {
    round
        .transcript()
        .iter()
        .filter(|t| t.who == who)
        .map(|t| t.text.to_string())
        .collect()
}

fn answer(round: &mut Round, text: &str, ms: u64) {
    assert_eq!(round.update(Event::Answer(text.into()), at(ms)), None);
}

/// Plays a strong candidate through the whole plan, from the LP answer on.
fn strong(round: &mut Round) {
    answer(round, STORY, MIN);
    answer(round, "I would look at the error rates first.", 2 * MIN);
    let request = round.update(
        Event::Run {
            lang: Lang::Python,
            source: "class LRU: ...".into(),
        },
        at(15 * MIN),
    );
    let Some(Request::RunTests(run)) = request else {
        panic!("a run is asked for: {request:?}");
    };
    assert_eq!(
        (run.card.as_str(), run.tests.as_str()),
        ("lru", "assert True")
    );
    assert_eq!(round.awaiting(), Awaiting::Tests);
    round.update(Event::TestsRan(Box::new(passed(5))), at(16 * MIN));
    answer(
        round,
        "A mutex around both; get writes too, it moves the key.",
        17 * MIN,
    );
    answer(
        round,
        "Keep an expiry deadline per entry and check it on get.",
        18 * MIN,
    );
    answer(round, "Eviction order.", 19 * MIN);
    answer(
        round,
        "Only one thread runs bytecode; it is released around I/O.",
        20 * MIN,
    );
}

#[test]
fn a_strong_candidate_goes_through_every_phase_without_probes() {
    let mut round = Round::start(plan(), at(0));
    assert_eq!(
        said(&round, Who::Interviewer),
        ["Tell me about a time you owned a problem."]
    );
    assert_eq!(round.awaiting(), Awaiting::Answer);
    strong(&mut round);
    assert!(round.is_over(), "{:#?}", round.transcript());
    assert_eq!(round.ending(), Some(Ending::Finished));
    let asked = said(&round, Who::Interviewer);
    assert_eq!(
        asked,
        [
            "Tell me about a time you owned a problem.",
            "Tell me more: what was hard about it?",
            "Write an LRU cache.",
            "All the tests pass. Let's talk about your solution.",
            "How would you make it thread safe?",
            "How would you add a TTL?",
            "What would you test first?",
            "What is the GIL?",
            "That is all the time we have. Thank you!",
        ]
    );
    let card = Scorecard::of(&round);
    assert_eq!(card.level("problem-solving"), Some(Level::Strong));
    assert_eq!(card.level("knowledge"), Some(Level::Strong));
    assert_eq!(card.level("communication"), Some(Level::Strong));
    assert_eq!(
        card.level("leadership-principles"),
        Some(Level::Strong),
        "6 of 7 checks"
    );
    assert_eq!(card.signal, Signal::StrongHire, "{card:#?}");
    assert!(card.missed.is_empty());
    // Turns are in time order.
    assert!(round.transcript().windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn a_missed_point_is_probed_once_and_the_same_probe_never_twice() {
    let mut round = Round::start(plan(), at(0));
    answer(&mut round, STORY, MIN);
    answer(&mut round, "More.", MIN);
    round.update(Event::Next, at(2 * MIN));
    assert_eq!(round.phase().map(|p| p.kind), Some(PhaseKind::FollowUps));
    // Both points missed: the lowest index with a probe is asked.
    answer(&mut round, "I'm not sure.", 3 * MIN);
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "What protects the shared state?"
    );
    // The probe's answer makes point 0; point 1 has a probe too, but one probe a question.
    answer(&mut round, "A lock.", 4 * MIN);
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "How would you add a TTL?"
    );
    // Point 0 of this question has the probe already asked: the next missed point's is.
    answer(&mut round, "No idea.", 5 * MIN);
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "When do you check it?"
    );
    answer(&mut round, "", 6 * MIN);
    let q = round.questions();
    assert_eq!(q[0].points[0].made, Made::AfterProbe);
    assert_eq!(q[0].points[1].made, Made::Missed);
    assert_eq!(
        q[0].probe.as_deref(),
        Some("What protects the shared state?")
    );
    assert_eq!(q[1].probe.as_deref(), Some("When do you check it?"));
    let probes: Vec<_> = said(&round, Who::Interviewer)
        .into_iter()
        .filter(|s| s == "What protects the shared state?")
        .collect();
    assert_eq!(probes.len(), 1);
    let card = Scorecard::of(&round);
    assert_eq!(card.level("knowledge"), Some(Level::Poor), "{card:#?}");
    assert_eq!(
        card.level("problem-solving"),
        Some(Level::Poor),
        "moved on without a run"
    );
    assert!(card.competencies[0].detail.starts_with("no test run"));
    assert_eq!(card.missed.len(), 3);
    assert_eq!(card.missed[0].point, "get also writes: it moves the key");
    assert_eq!(
        card.missed[0].model_answer.as_deref(),
        Some("model answer to How would you make it thread safe?")
    );
    assert_eq!(card.missed_cards(), [CardId("lru".into())]);
}

/// A point named only in a denial is missed (and probed), and the scorecard and its
/// Markdown say which words denied it.
#[test]
fn a_point_named_only_in_a_denial_is_missed_and_the_scorecard_says_so() {
    let mut round = Round::start(plan(), at(0));
    answer(&mut round, STORY, MIN);
    answer(&mut round, "More.", MIN);
    round.update(Event::Next, at(2 * MIN));
    answer(&mut round, "You don't actually need a lock here.", 3 * MIN);
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "What protects the shared state?",
        "a denied point is probed like any missed one"
    );
    answer(&mut round, "Nothing, really.", 4 * MIN);
    let q = round.questions();
    assert_eq!(q[0].points[0].made, Made::Missed);
    assert_eq!(q[0].points[0].denied.as_deref(), Some("lock"));
    assert_eq!(q[0].points[1].denied, None, "not named at all");
    let card = Scorecard::of(&round);
    assert_eq!(card.missed[0].point, "a lock around get and put");
    assert_eq!(card.missed[0].denied.as_deref(), Some("lock"));
    let text = crate::interview::transcript::scorecard(&card);
    assert!(
        text.contains("a lock around get and put — named only in a denial: \"lock\"\n"),
        "{text}"
    );
}

#[test]
fn a_plain_follow_up_is_asked_and_recorded_not_scored() {
    let mut round = Round::start(plan(), at(0));
    for _ in 0..3 {
        round.update(Event::Next, at(MIN));
    }
    round.update(Event::Next, at(MIN));
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "What would you test first?"
    );
    answer(&mut round, "Eviction.", 2 * MIN);
    let plain = &round.questions()[2];
    assert!(plain.answered && !plain.scored() && plain.probe.is_none());
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "What is the GIL?"
    );
}

#[test]
fn the_lp_answer_gets_one_feedback_line_per_failed_check_then_one_probe() {
    let mut round = Round::start(plan(), at(0));
    answer(&mut round, "We fixed it together.", MIN);
    let notes = said(&round, Who::Note);
    assert!(notes.iter().any(|n| n.contains("0% I")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("no number")), "{notes:?}");
    let lp = round.lp().unwrap();
    assert_eq!(notes.len() - 2, lp.check.feedback().len(), "{notes:?}");
    assert_eq!(
        said(&round, Who::Interviewer).last().unwrap(),
        "How did it end? What was the result?"
    );
    answer(&mut round, "It worked.", 2 * MIN);
    assert_eq!(round.phase().map(|p| p.kind), Some(PhaseKind::Coding));
    assert_eq!(round.awaiting(), Awaiting::Code);
    let card = Scorecard::of(&round);
    assert_eq!(card.level("leadership-principles"), Some(Level::Poor));
}

#[test]
fn time_running_out_moves_on_with_a_note_at_the_moment_it_ran_out() {
    let mut round = Round::start(plan(), at(0));
    // Nothing said for 31 minutes: the LP phase (10) and the coding phase (20) are over.
    round.update(Event::Tick, at(31 * MIN));
    let notes: Vec<_> = round
        .transcript()
        .iter()
        .filter(|t| t.who == Who::Note && t.text.starts_with("Time is up"))
        .map(|t| (t.text.to_string(), t.at))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "Time is up for Leadership Principles: moving on.".to_string(),
                10 * MIN
            ),
            ("Time is up for Coding: moving on.".to_string(), 30 * MIN),
        ]
    );
    assert_eq!(round.phase().map(|p| p.kind), Some(PhaseKind::FollowUps));
    assert_eq!(
        round.clocks(at(31 * MIN)).phase,
        Some((PhaseKind::FollowUps, MIN, 8 * MIN))
    );
    // An answer after the whole budget lands nowhere: the round is over.
    answer(&mut round, "late", 46 * MIN);
    assert!(round.is_over());
    assert!(!said(&round, Who::Candidate).contains(&"late".to_string()));
    let card = Scorecard::of(&round);
    assert_eq!(card.level("problem-solving"), Some(Level::Poor));
    assert_eq!(card.signal, Signal::NoHire, "{card:#?}");
    assert_eq!(round.coding().unwrap().time, 20 * MIN);
}

#[test]
fn a_pause_stops_the_clock_and_ignores_answers() {
    let mut round = Round::start(plan(), at(0));
    round.update(Event::Pause, at(5 * MIN));
    assert_eq!(round.awaiting(), Awaiting::Paused);
    answer(&mut round, STORY, 6 * MIN);
    assert!(said(&round, Who::Candidate).is_empty());
    // An hour paused: no phase ran out.
    round.update(Event::Tick, at(65 * MIN));
    round.update(Event::Resume, at(65 * MIN));
    assert_eq!(round.phase().map(|p| p.kind), Some(PhaseKind::Behavioural));
    let clocks = round.clocks(at(66 * MIN));
    assert_eq!((clocks.used, clocks.budget), (6 * MIN, 45 * MIN));
    assert!(!clocks.paused);
}

#[test]
fn failing_tests_keep_the_coding_question_open_and_are_counted() {
    let mut round = Round::start(plan(), at(0));
    round.update(Event::Next, at(0));
    let run = |round: &mut Round, ms| {
        round.update(
            Event::Run {
                lang: Lang::Rust,
                source: "fn f() {}".into(),
            },
            at(ms),
        )
    };
    assert!(run(&mut round, MIN).is_some());
    assert_eq!(run(&mut round, MIN), None, "one run at a time");
    round.update(Event::TestsRan(Box::new(failed(1, 3))), at(2 * MIN));
    assert_eq!(round.awaiting(), Awaiting::Code);
    assert!(run(&mut round, 3 * MIN).is_some());
    round.update(Event::TestsRan(Box::new(failed(2, 2))), at(4 * MIN));
    round.update(Event::Next, at(5 * MIN));
    assert_eq!(round.phase().map(|p| p.kind), Some(PhaseKind::FollowUps));
    let coding = round.coding().unwrap();
    assert_eq!((coding.runs, coding.passed, coding.tests), (2, 2, 4));
    assert_eq!(coding.time, 5 * MIN);
    assert_eq!(
        Scorecard::of(&round).level("problem-solving"),
        Some(Level::Weak)
    );
    // A report nobody asked for changes nothing.
    round.update(Event::TestsRan(Box::new(passed(4))), at(6 * MIN));
    assert!(!round.coding().unwrap().all_passed);
}

#[test]
fn a_huge_answer_is_cut_and_scored_quickly() {
    let mut round = Round::start(plan(), at(0));
    let huge = "I measured the queue. ".repeat(50_000);
    answer(&mut round, &huge, MIN);
    let candidate = said(&round, Who::Candidate);
    assert!(candidate[0].len() <= MAX_ANSWER);
    assert!(
        said(&round, Who::Note)
            .iter()
            .any(|n| n.contains("KiB were kept"))
    );
    assert!(round.lp().unwrap().check.words > 450);
    assert!(
        said(&round, Who::Note)
            .iter()
            .any(|n| n == "Only the first 500 words were checked.")
    );
}

#[test]
fn ending_early_leaves_what_was_not_reached_poor() {
    let mut round = Round::start(plan(), at(0));
    answer(&mut round, STORY, MIN);
    round.update(Event::End, at(2 * MIN));
    assert_eq!(round.ending(), Some(Ending::Ended));
    assert_eq!(round.awaiting(), Awaiting::Over);
    let card = Scorecard::of(&round);
    assert_eq!(card.level("problem-solving"), Some(Level::Poor));
    assert_eq!(card.level("knowledge"), Some(Level::Poor));
    assert_eq!(card.signal, Signal::NoHire);
}

#[test]
fn a_plan_without_a_behavioural_phase_does_not_assess_it() {
    let mut plan = plan();
    plan.phases.remove(0);
    plan.notes
        .push("No Leadership Principle card: that phase is skipped.".into());
    let mut round = Round::start(plan, at(0));
    assert_eq!(said(&round, Who::Interviewer), ["Write an LRU cache."]);
    assert!(said(&round, Who::Note)[0].starts_with("No Leadership"));
    round.update(Event::Next, at(0));
    let card = Scorecard::of(&round);
    assert_eq!(card.level("leadership-principles"), None);
}
