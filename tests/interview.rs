//! `tutor interview --answers FILE`: whole rounds through the real binary (issue 15):
//! a strong candidate, a weak one, a timeout, an empty answer, a 1 MB answer, an answer
//! in another language, `--minutes 0`, a deck with no LP card, plain follow-ups, JSON,
//! and what is saved. The decks are small ones written here, so the answers are known.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{Run, shown, temp, tutor, write};

const DECK: &str = r"id: mock
title: Mock interview deck
description: Cards for the interview tests.
topics:
  - id: basics
    title: Basics
  - id: python-internals
    title: Python internals
  - id: leadership-principles
    title: Leadership Principles
";

const LP_CARD: &str = r#"id: mock-lp
kind: behavioral
title: "Ownership"
topic: leadership-principles
tags: [leadership-principles]
difficulty: medium
prompt: Tell me about a time you owned a problem nobody else would fix.
star:
  situation: A nightly job failed often.
  task: I wanted it fixed for good.
  action: I found the root cause and handed it to an owner.
  result: Manual re-runs fell from 12 a month to none.
explanation: Ownership means fixing the cause and leaving it owned.
key_points:
  - Fix the root cause.
pitfalls:
  - Saying we everywhere.
follow_ups:
  - What did you not get done meanwhile?
quiz:
  - kind: recall
    question: What does a strong ownership story show?
    points:
      - point: You fixed the root cause, not the symptom.
        accept: [root cause]
      - point: You left it with a named owner.
        accept: [owner]
    model_answer: I fixed the root cause and left the job with a named owner and an alarm.
    explanation: Both matter.
"#;

/// The coding card's scored follow-ups, put in place of the common card's plain one.
const SCORED_FOLLOW_UPS: &str = r"follow_ups:
  - ask: What happens when the sum overflows in Rust?
    points:
      - point: Debug builds panic on overflow.
        accept: [panic*]
      - point: Release builds wrap around.
        accept: [wrap*]
    model_answer: A debug build panics; a release build wraps around unless you use checked_add.
    probes:
      0: What does a debug build do?
      1: And a release build?
  - ask: How would you add many numbers quickly?
    points:
      - point: Use the built-in sum.
        accept: [sum]
      - point: It is linear time.
        accept: [linear, o n]
    model_answer: Call sum(); it is linear in the number of items.
    probes:
      1: How does the time grow with the count?
  - Which test would you write first?
";

/// The discussion card's recall item, added to the common card.
const GIL_QUIZ: &str = r"quiz:
  - kind: recall
    question: What is the GIL, and when is it released?
    points:
      - point: One thread runs Python bytecode at a time.
        accept: [one thread]
      - point: It is released around blocking I/O.
        accept: [releas*]
    model_answer: A lock that lets one thread run bytecode at a time; released around blocking I/O.
    explanation: That is why threads help with I/O.
";

/// The coding card (the common test card, `add`), with scored follow-ups or its own
/// plain ones.
fn coding_card(scored: bool) -> String {
    let card = common::card(
        "mock-add",
        "Add two numbers",
        "Write add(a, b) that returns the sum.",
    );
    if !scored {
        return card;
    }
    let at = card.find("follow_ups:").unwrap();
    format!("{}{SCORED_FOLLOW_UPS}", &card[..at])
}

/// The discussion card: the common test card under `python-internals`, with a recall item.
fn gil_card() -> String {
    let card = common::card("mock-gil", "The GIL", "Explain the GIL.")
        .replace("topic: basics", "topic: python-internals");
    format!("{card}{GIL_QUIZ}")
}

/// A deck folder `mock` under `root` with the LP card (or not) and the coding card
/// (follow-ups scored, or only plain).
fn deck(root: &Path, lp: bool, scored: bool) -> PathBuf {
    let dir = root.join("decks").join("mock");
    write(&dir, "deck.yaml", DECK);
    if lp {
        write(&dir, "01-lp.yaml", LP_CARD);
    }
    let coding = coding_card(scored);
    write(&dir, "02-add.yaml", &coding);
    write(&dir, "03-gil.yaml", &gil_card());
    root.join("decks")
}

const GOOD_CODE: &str = "def add(a, b):\n    return a + b\n";
const BAD_CODE: &str = "def add(a, b):\n    return a - b\n";

const STRONG: &str = r"- |
  Last year at my previous company our nightly billing job failed three nights a week,
  and nobody owned it after a reorganisation. My goal was to fix it for good. I read the
  logs and I found the root cause: a retried step inserted rows twice. I rewrote the step
  to be idempotent, I added an alarm, and I handed the job to the data team as its named
  owner. As a result manual re-runs fell from 12 a month to zero.
- I would have started with the alarm.
- file: add.py
- A debug build will panic; a release build wraps around.
- Use sum, which is linear.
- The overflow case.
- Only one thread runs bytecode at a time, and it is released around blocking I/O.
- Threads help for I/O.
";

const WEAK: &str = r"- We had a problem once and we fixed it together as a team.
- Not sure.
- file: add.py
- I don't know.
- Maybe it crashes?
- A loop.
- I'm not sure.
- Nothing.
- Something about locks.
- It depends.
- No idea.
";

/// Runs `tutor interview` in `root` with the answers `yaml` (and `add.py` holding
/// `code`), on the deck `mock`, with `args` added.
fn interview(root: &Path, decks: &Path, yaml: &str, code: &str, args: &[&str]) -> Run {
    let answers = write(root, "answers.yaml", yaml);
    write(root, "add.py", code);
    let decks = shown(decks);
    let answers = shown(&answers);
    let mut all = vec![
        "--decks",
        &decks,
        "interview",
        "--deck",
        "mock",
        "--trust",
        "--seed",
        "1",
        "--answers",
        &answers,
    ];
    all.extend_from_slice(args);
    tutor(&root.join("data"), &all)
}

fn json(out: &Run) -> serde_json::Value {
    assert_eq!(out.code, Some(0), "{out:?}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

fn level(value: &serde_json::Value, name: &str) -> serde_json::Value {
    value["scorecard"]["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()["level"]
        .clone()
}

/// What `who` said (interviewer, candidate, note), in order.
fn said(value: &serde_json::Value, who: &str) -> Vec<String> {
    value["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["who"] == who)
        .map(|t| t["text"].as_str().unwrap().to_string())
        .collect()
}

/// What the interviewer said, in order.
fn asked(value: &serde_json::Value) -> Vec<String> {
    said(value, "interviewer")
}

#[test]
fn a_strong_candidate_gets_a_strong_hire_and_the_round_is_saved() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let out = interview(dir.path(), &decks, STRONG, GOOD_CODE, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.starts_with("# Mock interview, "), "{out:?}");
    assert!(out.stdout.contains("Signal: **Strong hire**"), "{out:?}");
    assert!(out.stdout.contains("Tests: 1 passed, 0 failed."), "{out:?}");
    assert!(
        out.stdout
            .contains("| Knowledge | Strong | 6 of 6 points made (100%) |")
    );
    assert!(!out.stdout.contains("## Points missed"), "{out:?}");
    // The transcript file, as printed.
    let saved: Vec<_> = std::fs::read_dir(dir.path().join("data/interviews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let file = std::fs::read_to_string(&saved[0]).unwrap();
    assert!(saved[0].extension().is_some_and(|e| e == "md"));
    assert!(
        out.stdout.starts_with(&file),
        "the file holds what was printed"
    );
    // `tutor stats` lists it; `--json` under `interviews`.
    let stats = tutor(
        &dir.path().join("data"),
        &["--decks", &shown(&decks), "stats"],
    );
    assert!(
        stats.stdout.contains("Interviews 1 · latest Strong hire"),
        "{stats:?}"
    );
    let stats = tutor(
        &dir.path().join("data"),
        &["--decks", &shown(&decks), "stats", "--json"],
    );
    let value: serde_json::Value = serde_json::from_str(&stats.stdout).unwrap();
    let rounds = value["interviews"].as_array().unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0]["signal"], "strong-hire");
    assert_eq!(rounds[0]["deck"], "mock");
    assert_eq!(rounds[0]["seed"], 1);
    assert_eq!(rounds[0]["competencies"]["knowledge"], "strong");
    assert_eq!(rounds[0]["scorecard"]["signal"], "strong-hire");
}

#[test]
fn a_weak_candidate_is_probed_and_gets_no_hire_with_every_missed_point() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let value = json(&interview(dir.path(), &decks, WEAK, BAD_CODE, &["--json"]));
    assert_eq!(value["scorecard"]["signal"], "no-hire", "{value:#}");
    assert_eq!(level(&value, "problem-solving"), "poor");
    let asked = asked(&value);
    // The LP probe chosen by the weakest part, then each follow-up's lowest missed point
    // with a probe, once.
    assert!(
        asked.contains(&"How did it end? What was the result?".to_string()),
        "{asked:?}"
    );
    assert!(
        asked.contains(&"What does a debug build do?".to_string()),
        "{asked:?}"
    );
    assert!(
        !asked.contains(&"And a release build?".to_string()),
        "one probe a question"
    );
    assert!(asked.contains(&"How does the time grow with the count?".to_string()));
    let missed = value["scorecard"]["missed"].as_array().unwrap();
    let points: Vec<&str> = missed
        .iter()
        .map(|m| m["point"].as_str().unwrap())
        .collect();
    assert!(
        points.contains(&"Release builds wrap around."),
        "{points:?}"
    );
    assert!(
        points.contains(&"It is released around blocking I/O."),
        "{points:?}"
    );
    assert!(
        points.contains(&"You fixed the root cause, not the symptom."),
        "{points:?}"
    );
    let overflow = missed
        .iter()
        .find(|m| m["point"] == "Release builds wrap around.")
        .unwrap();
    assert_eq!(
        overflow["model_answer"],
        "A debug build panics; a release build wraps around unless you use checked_add."
    );
    let cards: Vec<&str> = value["missed_cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(cards, ["mock-lp", "mock-add", "mock-gil"]);
    // Feedback lines: the I/we share and the missing number.
    let notes = said(&value, "note");
    assert!(notes.iter().any(|n| n.contains("0% I")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("no number")), "{notes:?}");
}

#[test]
fn time_running_out_moves_on_with_a_note() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let yaml = "- wait: 660\n- file: add.py\n- wait: 1800\n- Use sum.\n";
    let value = json(&interview(dir.path(), &decks, yaml, GOOD_CODE, &["--json"]));
    let notes: Vec<(String, u64)> = value["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["text"].as_str().unwrap().starts_with("Time is up"))
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["at"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                "Time is up for Leadership Principles: moving on.".to_string(),
                600_000
            ),
            (
                "Time is up for Follow-ups: moving on.".to_string(),
                1_140_000
            ),
            (
                "Time is up for Discussion: moving on.".to_string(),
                1_560_000
            ),
        ],
        "{value:#}"
    );
    assert_eq!(level(&value, "leadership-principles"), "poor");
    // The tests passed at 11:00, so follow-ups ran from 11:00 for 8 minutes.
    assert_eq!(level(&value, "problem-solving"), "strong");
    assert!(
        !value["transcript"].to_string().contains("Use sum."),
        "the answer after the end is not used"
    );
}

#[test]
fn an_empty_answer_is_recorded_as_no_answer_and_checked() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let out = interview(dir.path(), &decks, "- \"\"\n- \n", GOOD_CODE, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("**You** (00:00): (no answer)"),
        "{out:?}"
    );
    assert!(out.stdout.contains("Your answer has no result"), "{out:?}");
    assert!(
        out.stdout.contains("| Leadership Principles | Poor |"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("The candidate ended the round."),
        "{out:?}"
    );
}

#[test]
fn a_one_megabyte_answer_is_cut_and_scored() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let big = "I found the root cause and named an owner. ".repeat(25_000);
    assert!(big.len() > 1_000_000);
    let yaml = format!("- \"{big}\"\n");
    let value = json(&interview(
        dir.path(),
        &decks,
        &yaml,
        GOOD_CODE,
        &["--json"],
    ));
    let text = value["transcript"].to_string();
    assert!(
        text.contains("only its first 16 KiB were kept and scored"),
        "{value:#}"
    );
    assert!(text.contains("over three minutes spoken"), "{value:#}");
    assert!(value["transcript"].to_string().len() < 100_000);
}

#[test]
fn an_answer_in_another_language_is_scored_without_a_crash() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let yaml = "- 去年我负责一个没人管的任务，我找到了根本原因。\n- Das weiß ich nicht.\n\
                - file: add.py\n- Une construction debug panique.\n";
    let value = json(&interview(dir.path(), &decks, yaml, GOOD_CODE, &["--json"]));
    assert_eq!(
        said(&value, "candidate")[0],
        "去年我负责一个没人管的任务，我找到了根本原因。"
    );
    assert_eq!(level(&value, "leadership-principles"), "poor");
    // `panique` is not `panic`: the point is missed and its probe asked.
    assert!(asked(&value).contains(&"What does a debug build do?".to_string()));
}

#[test]
fn zero_minutes_is_a_usage_error() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let out = interview(dir.path(), &decks, STRONG, GOOD_CODE, &["--minutes", "0"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("from 1 to 600"), "{out:?}");
    assert!(!dir.path().join("data/interviews").exists());
}

#[test]
fn a_deck_with_no_lp_card_drops_that_phase_and_says_so() {
    let dir = temp();
    let decks = deck(dir.path(), false, true);
    // Without the LP answer, the second answer goes to the first follow-up.
    let yaml = "- file: add.py\n- A debug build will panic; a release build wraps around.\n";
    let value = json(&interview(dir.path(), &decks, yaml, GOOD_CODE, &["--json"]));
    assert_eq!(
        value["transcript"][0]["text"],
        "No Leadership Principle card to ask here: this round skips that phase."
    );
    assert_eq!(value["plan"]["phases"][0]["kind"], "coding");
    assert_eq!(
        value["plan"]["phases"][0]["budget_ms"],
        45 * 60_000 * 20 / 35
    );
    assert_eq!(
        level(&value, "leadership-principles"),
        serde_json::Value::Null
    );
    assert_eq!(asked(&value)[0], "Write add(a, b) that returns the sum.");
}

#[test]
fn plain_follow_ups_are_asked_and_recorded_not_scored() {
    let dir = temp();
    let decks = deck(dir.path(), true, false);
    let yaml = "- I fixed it.\n- Nothing.\n- file: add.py\n- It panics.\n\
                - Only one thread runs bytecode at a time; it is released around I/O.\n";
    let value = json(&interview(dir.path(), &decks, yaml, GOOD_CODE, &["--json"]));
    let asked = asked(&value);
    assert!(
        asked.contains(&"What happens on overflow?".to_string()),
        "{asked:?}"
    );
    let text = value["transcript"].to_string();
    assert!(text.contains("It panics."), "the answer is recorded");
    assert_eq!(
        text.matches("points made.").count(),
        1,
        "only the discussion is scored"
    );
    // Only the discussion is scored: 2 of 2 points.
    let knowledge = value["scorecard"]["competencies"][1].clone();
    assert_eq!(
        knowledge["detail"], "2 of 2 points made (100%)",
        "{value:#}"
    );
}

#[test]
fn bad_answers_files_and_untrusted_tests_are_usage_errors() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let out = interview(
        dir.path(),
        &decks,
        "- fine\n- {fiel: add.py}\n",
        GOOD_CODE,
        &[],
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("answers.yaml:2:"), "{out:?}");
    let out = interview(
        dir.path(),
        &decks,
        "- file: missing.py\n- x\n",
        GOOD_CODE,
        &[],
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("answer 1"), "{out:?}");
    // A deck that is not bundled runs its tests only with --trust (or once agreed).
    let answers = write(dir.path(), "answers.yaml", STRONG);
    let out = tutor(
        &dir.path().join("fresh"),
        &[
            "--decks",
            &shown(&decks),
            "interview",
            "--deck",
            "mock",
            "--answers",
            &shown(&answers),
        ],
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("--trust"), "{out:?}");
}

#[test]
fn the_same_seed_draws_the_same_round_from_the_bundled_decks() {
    let dir = temp();
    let answers = write(dir.path(), "answers.yaml", "- I do not know.\n");
    let run = || {
        let out = tutor(
            &dir.path().join("data"),
            &[
                "interview",
                "--seed",
                "42",
                "--json",
                "--answers",
                &shown(&answers),
            ],
        );
        json(&out)["plan"].clone()
    };
    let first = run();
    assert_eq!(first, run());
    assert_eq!(first["phases"].as_array().unwrap().len(), 4, "{first:#}");
}

#[test]
fn no_deck_field_nor_answer_is_printed_raw() {
    let dir = temp();
    let answers = write(
        dir.path(),
        "answers.yaml",
        "- \"I \\e]0;pwn\\a fixed it \\u202e backwards\"\n- \"\\e[2J\"\n",
    );
    for json in [false, true] {
        let mut args = vec![
            "--decks",
            "tests/fixtures/hostile",
            "interview",
            "--deck",
            "evil",
            "--answers",
        ];
        let answers = shown(&answers);
        args.push(&answers);
        if json {
            args.push("--json");
        }
        let out = tutor(&dir.path().join("data"), &args);
        assert_eq!(out.code, Some(0), "{out:?}");
        let raw: Vec<char> = out
            .stdout
            .chars()
            .filter(|&c| tutor::text::needs_escape(c))
            .collect();
        assert_eq!(raw, [], "{}", out.stdout);
        assert!(out.stdout.contains("pwn"), "{}", out.stdout);
    }
}

// The model interviewer (issue 19), against the fake OpenAI-compatible server of
// tests/common/fake_llm.rs on 127.0.0.1: the model phrases the follow-ups and writes a
// critique; the scorer decides every score, so the scores are the same without it.

use common::fake_llm::{self, Reply, serve};

/// The strong answers without the coding step (a text answer there moves on).
fn spoken(answers: &str) -> String {
    answers.replace("- file: add.py\n", "")
}

/// Points tutor at `url` for the model, with a 1 s timeout.
fn configure(data: &Path, url: &str) {
    for (key, value) in [
        ("llm-url", url),
        ("llm-model", "fake-model"),
        ("llm-timeout", "1"),
    ] {
        common::ok(data, &["config", key, value]);
    }
}

/// The round `answers` (spoken) give without a model, as JSON.
fn scripted(answers: &str, code: &str) -> serde_json::Value {
    let plain = temp();
    let decks = deck(plain.path(), true, true);
    json(&interview(
        plain.path(),
        &decks,
        &spoken(answers),
        code,
        &["--json"],
    ))
}

/// The scorecard without the model's critique.
fn scores(value: &serde_json::Value) -> serde_json::Value {
    let mut card = value["scorecard"].clone();
    card.as_object_mut().unwrap().remove("critique");
    card
}

/// A reply for each request: the critique's or a follow-up's.
fn answers_well(body: &str) -> Reply {
    if body.contains("The scorer's verdict") {
        Reply::Stream(vec!["You told a clear ".into(), "story.".into()])
    } else {
        Reply::Stream(vec!["MODEL: ".into(), "so what happened next?".into()])
    }
}

#[test]
fn a_model_phrases_the_follow_ups_and_writes_a_critique_with_the_same_scores() {
    let without = scripted(STRONG, GOOD_CODE);

    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let fake = serve(answers_well);
    configure(&dir.path().join("data"), &fake.url);
    let with = json(&interview(
        dir.path(),
        &decks,
        &spoken(STRONG),
        GOOD_CODE,
        &["--json"],
    ));

    assert_eq!(scores(&with), scores(&without), "the scorer decides");
    assert_eq!(
        with["scorecard"]["critique"], "You told a clear story.",
        "{with:#}"
    );
    let phrased: Vec<String> = asked(&with)
        .into_iter()
        .filter(|a| a == "MODEL: so what happened next?")
        .collect();
    // After each answer that leads to another spoken question: the LP probe, three
    // follow-ups and their probes, the discussion question.
    assert!(phrased.len() >= 3, "{:?}", asked(&with));
    assert_eq!(
        said(&with, "note"),
        said(&without, "note"),
        "no fallback note"
    );
    // What was sent: the answer, the card's key points, the scripted question.
    let requests = fake.requests();
    assert!(
        requests[0].head.starts_with("post /v1/chat/completions"),
        "{requests:?}"
    );
    let follow_up = requests
        .iter()
        .find(|r| r.body.contains("What happens when the sum overflows"))
        .expect("the scripted follow-up is in a prompt");
    assert!(follow_up.body.contains("Debug builds panic on overflow."));
    assert!(follow_up.body.contains("\"stream\":true"));
    assert!(
        !follow_up.head.contains("authorization"),
        "no key, no header"
    );
    // The Markdown has the critique; the scores stay the scorer's.
    let md = interview(dir.path(), &decks, &spoken(STRONG), GOOD_CODE, &[]);
    assert!(md.stdout.contains("## Critique"), "{md:?}");
    assert!(md.stdout.contains("You told a clear story."));
}

#[test]
fn every_failure_of_the_model_is_noted_once_and_the_round_goes_on_scripted() {
    let without = scripted(WEAK, BAD_CODE);
    let cases: [(&str, Reply, &str); 5] = [
        (
            "401",
            Reply::Status(401, r#"{"error": {"message": "bad key"}}"#.into()),
            "401 Unauthorized",
        ),
        ("timeout", Reply::Hang, "no reply within 1 s"),
        (
            "malformed",
            Reply::Raw("data: {\"choices\": [oops\n\n".into()),
            "not JSON",
        ),
        (
            "dropped",
            Reply::Raw(fake_llm::chunk("So what")),
            "closed before the reply ended",
        ),
        ("refused", Reply::Hang, "connection refused"),
    ];
    for (name, reply, words) in cases {
        let dir = temp();
        let decks = deck(dir.path(), true, true);
        let fake = serve(move |_| reply.clone());
        let url = if name == "refused" {
            fake_llm::refused_url()
        } else {
            fake.url.clone()
        };
        configure(&dir.path().join("data"), &url);
        let out = interview(dir.path(), &decks, &spoken(WEAK), BAD_CODE, &["--json"]);
        let with = json(&out);
        assert_eq!(scores(&with), scores(&without), "{name}");
        assert_eq!(
            asked(&with),
            asked(&without),
            "{name}: the scripted questions"
        );
        let notes: Vec<String> = said(&with, "note")
            .into_iter()
            .filter(|n| n.contains("The model did not answer"))
            .collect();
        assert_eq!(notes.len(), 1, "{name}: {notes:?}");
        assert!(notes[0].contains(words), "{name}: {notes:?}");
        assert!(with["scorecard"].get("critique").is_none(), "{name}");
        assert!(out.stderr.contains(words), "{name}: {out:?}");
        // One request, then the round no longer asks the model.
        let expected = usize::from(name != "refused");
        assert_eq!(fake.requests().len(), expected, "{name}");
    }
}

#[test]
fn the_key_is_sent_as_a_header_and_written_nowhere() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let fake = serve(answers_well);
    let data = dir.path().join("data");
    configure(&data, &fake.url);
    let answers = write(dir.path(), "answers.yaml", &spoken(STRONG));
    let key = "sk-test-4f2c9e-never-on-disk";
    let out = common::run(
        common::command(&data)
            .env("TUTOR_LLM_API_KEY", key)
            .args(["--decks", &shown(&decks), "interview", "--deck", "mock"])
            .args(["--seed", "1", "--answers", &shown(&answers)]),
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let requests = fake.requests();
    assert!(!requests.is_empty());
    assert!(
        requests
            .iter()
            .all(|r| r.head.contains(&format!("authorization: bearer {key}")))
    );
    let mut files = vec![data.clone()];
    let mut read = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            read += 1;
            assert!(
                !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
                "{} holds the key",
                path.display()
            );
        }
    }
    assert!(read >= 2, "the database and the transcript were read");
    assert!(!out.stdout.contains(key) && !out.stderr.contains(key));
}

#[test]
fn a_remote_model_without_consent_is_not_asked_and_the_round_is_scripted() {
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    // A documentation address (TEST-NET-1): never contacted, as no yes was given.
    configure(&dir.path().join("data"), "http://192.0.2.1:9/v1");
    let out = interview(dir.path(), &decks, &spoken(WEAK), BAD_CODE, &["--json"]);
    assert!(out.stderr.contains("not on this machine"), "{out:?}");
    assert!(out.stderr.contains("--allow-remote-model"), "{out:?}");
    let value = json(&out);
    assert!(!said(&value, "note").iter().any(|n| n.contains("model")));
}

/// `tutor` with `args` and `input` on a pipe for its stdin.
fn with_stdin(data: &Path, args: &[&str], input: &str) -> Run {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = common::command(data)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // tutor may have ended before reading it.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A "y" on a pipe does not answer the privacy question: without a terminal it is not
/// asked, the round is scripted with a note saying why, the screen does not start, and
/// nothing is remembered.
#[test]
fn a_yes_piped_in_is_not_consent_to_a_remote_model() {
    let dir = temp();
    let decks = shown(&deck(dir.path(), true, true));
    let data = dir.path().join("data");
    let url = "http://192.0.2.1:9/v1";
    configure(&data, url);
    let answers = shown(&write(dir.path(), "answers.yaml", &spoken(WEAK)));
    let round = [
        "--decks",
        &decks,
        "interview",
        "--deck",
        "mock",
        "--seed",
        "1",
        "--answers",
        &answers,
        "--json",
    ];
    let out = with_stdin(&data, &round, "y\n");
    assert!(!out.stderr.contains("Send them?"), "{out:?}");
    assert!(out.stderr.contains("not on this machine"), "{out:?}");
    assert!(
        !said(&json(&out), "note")
            .iter()
            .any(|n| n.contains("model"))
    );
    let out = with_stdin(&data, &["interview"], "y\n");
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("needs a terminal"), "{out:?}");
    let out = with_stdin(&data, &[], "y\n");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(!out.stderr.contains("Send them?"), "{out:?}");
    let store = tutor::store::Store::open(&data).unwrap();
    assert_eq!(store.llm_consent(url).unwrap(), None);
}

/// HTTPS on loopback (tests/fixtures/tls): the fake server's certificate is signed by a
/// root that only `TUTOR_LLM_CA_FILE` vouches for. With it, `tutor llm check` gets its
/// streamed reply over TLS; without it, or with a root that is not the server's, the
/// check fails saying the certificate is not trusted; a file that is not one names it.
#[test]
fn llm_check_over_https_trusts_the_ca_file_and_refuses_an_untrusted_certificate() {
    let dir = temp();
    let data = dir.path().join("data");
    let fake = fake_llm::serve_tls(|_| Reply::Stream(vec!["rea".into(), "dy".into()]));
    assert!(fake.url.starts_with("https://127.0.0.1:"), "{}", fake.url);
    configure(&data, &fake.url);

    let ca = fake_llm::test_ca();
    let out = common::run(
        common::command(&data)
            .args(["llm", "check"])
            .env("TUTOR_LLM_CA_FILE", &ca),
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains(" ms: ready"), "{out:?}");
    assert!(out.stdout.contains("extra roots: "), "{out:?}");
    let requests = fake.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].head.starts_with("post /v1/chat/completions"));

    let out = tutor(&data, &["llm", "check"]);
    assert_eq!(out.code, Some(1), "the system's roots only: {out:?}");
    assert!(out.stderr.contains("certificate not trusted"), "{out:?}");
    assert!(out.stderr.contains("TUTOR_LLM_CA_FILE"), "{out:?}");

    // The platform verifier (no TUTOR_LLM_CA_FILE), with tutor's own TLS provider
    // (src/llm/crypto.rs), trusts what the system's roots hold: here the test root,
    // through the variable rustls-native-certs reads on Linux.
    let out = common::run(
        common::command(&data)
            .args(["llm", "check"])
            .env("SSL_CERT_FILE", &ca)
            .env_remove("SSL_CERT_DIR"),
    );
    assert_eq!(out.code, Some(0), "platform verifier: {out:?}");
    assert!(out.stdout.contains(" ms: ready"), "{out:?}");
    assert_eq!(fake.requests().len(), 2);

    // A root of its own, not the server's: still not trusted.
    let other = ca.with_file_name("other-ca.pem");
    let out = common::run(
        common::command(&data)
            .args(["llm", "check"])
            .env("TUTOR_LLM_CA_FILE", &other),
    );
    assert_eq!(out.code, Some(1), "another root: {out:?}");
    assert!(out.stderr.contains("certificate not trusted"), "{out:?}");

    let missing = dir.path().join("missing.pem");
    let out = common::run(
        common::command(&data)
            .args(["llm", "check"])
            .env("TUTOR_LLM_CA_FILE", &missing),
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("TUTOR_LLM_CA_FILE="), "{out:?}");
    assert!(
        out.stderr.contains("missing.pem: cannot read it"),
        "{out:?}"
    );
    let out = common::run(
        common::command(&data)
            .args(["llm", "check"])
            .env("TUTOR_LLM_CA_FILE", dir.path().join("data")),
    );
    assert_eq!(out.code, Some(1), "a folder: {out:?}");
    assert_eq!(fake.requests().len(), 2, "no request got through untrusted");
}

#[test]
fn llm_check_reports_the_model_and_names_each_failure_in_plain_words() {
    let dir = temp();
    let data = dir.path().join("data");
    let out = tutor(&data, &["llm", "check"]);
    assert_eq!(out.code, Some(2), "no model configured: {out:?}");
    assert!(out.stderr.contains("tutor config llm-url"), "{out:?}");

    let fake = serve(|_| Reply::Stream(vec!["ready".into()]));
    configure(&data, &fake.url);
    let out = tutor(&data, &["llm", "check"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("model: fake-model"), "{out:?}");
    assert!(out.stdout.contains("ok: the model answered in "), "{out:?}");
    assert!(out.stdout.contains(" ms: ready"), "{out:?}");
    let config = tutor(&data, &["config"]).stdout;
    assert!(
        config.contains(&format!("llm-url = {}", fake.url)),
        "{config}"
    );
    assert!(config.contains("llm-timeout = 1"), "{config}");

    let cases: [(Reply, &str); 4] = [
        (
            Reply::Status(401, r#"{"error": {"message": "invalid api key"}}"#.into()),
            "401 Unauthorized",
        ),
        (
            Reply::Status(
                404,
                r#"{"error": {"message": "model \"fake-model\" not found, try pulling it first"}}"#
                    .into(),
            ),
            "does not know the model \"fake-model\" (404: model \"fake-model\" not found",
        ),
        (Reply::Hang, "no reply within 1 s (timed out"),
        (Reply::Raw("data: not json\n\n".into()), "not JSON"),
    ];
    for (reply, words) in cases {
        let fake = serve(move |_| reply.clone());
        common::ok(&data, &["config", "llm-url", &fake.url]);
        let out = tutor(&data, &["llm", "check"]);
        assert_eq!(out.code, Some(1), "{words}: {out:?}");
        assert!(out.stderr.contains(words), "{words}: {out:?}");
    }
    common::ok(&data, &["config", "llm-url", &fake_llm::refused_url()]);
    let out = tutor(&data, &["llm", "check"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("connection refused"), "{out:?}");
    // A bad value is refused, naming the key.
    let out = tutor(&data, &["config", "llm-url", "localhost:11434"]);
    assert_ne!(out.code, Some(0));
    assert!(
        out.stderr.contains("llm-url must start with http://"),
        "{out:?}"
    );
    let out = tutor(&data, &["config", "llm-timeout", "0"]);
    assert!(
        out.stderr.contains("llm-timeout must be whole seconds"),
        "{out:?}"
    );
}

/// A password in the model's URL (`http://me:s3cret@host/v1`) is shown as `***`, the
/// user name kept, wherever tutor shows the URL: `tutor config`, `tutor llm check` and
/// its error, the interview's note on stderr, in the JSON and in the saved transcript,
/// and the note that a remote model was not agreed to. The setting keeps the real URL.
#[test]
fn a_password_in_the_models_url_is_shown_as_stars() {
    const SECRET: &str = "s3cret-pw";
    let with_password = |url: &str| url.replacen("http://", &format!("http://me:{SECRET}@"), 1);
    let dir = temp();
    let decks = deck(dir.path(), true, true);
    let data = dir.path().join("data");
    // Any 404 that names no model: "no chat endpoint at URL".
    let fake = serve(|_| Reply::Status(404, "404 page not found".into()));
    let url = with_password(&fake.url);
    let hidden = url.replace(SECRET, "***");
    let set = tutor(&data, &["config", "llm-url", &url]);
    assert_eq!(set.stdout, format!("{hidden}\n"), "{set:?}");
    configure(&data, &url);
    let store = tutor::store::Store::open(&data).unwrap();
    assert_eq!(store.llm_settings().unwrap().url.as_deref(), Some(&*url));
    drop(store);
    let mut outs = vec![
        tutor(&data, &["config"]),
        tutor(&data, &["config", "llm-url"]),
    ];
    assert!(
        outs[0].stdout.contains(&format!("llm-url = {hidden}\n")),
        "{:?}",
        outs[0]
    );
    let check = tutor(&data, &["llm", "check"]);
    assert_eq!(check.code, Some(1), "{check:?}");
    assert!(
        check.stdout.contains(&format!("url: {hidden}\n")),
        "{check:?}"
    );
    assert!(
        check
            .stderr
            .contains(&format!("no chat endpoint at {hidden} (404")),
        "{check:?}"
    );
    outs.push(check);
    let round = interview(dir.path(), &decks, &spoken(WEAK), BAD_CODE, &["--json"]);
    let notes = said(&json(&round), "note");
    assert!(
        notes
            .iter()
            .any(|n| n.contains(&format!("no chat endpoint at {hidden}"))),
        "{notes:?}"
    );
    outs.push(round);
    // A remote model: the note that it was not agreed to.
    configure(&data, &with_password("http://192.0.2.1:9/v1"));
    let remote = interview(dir.path(), &decks, &spoken(WEAK), BAD_CODE, &[]);
    assert!(
        remote
            .stderr
            .contains("the model at http://me:***@192.0.2.1:9/v1 is not"),
        "{remote:?}"
    );
    outs.push(remote);
    for out in &outs {
        assert!(!out.stdout.contains(SECRET), "{out:?}");
        assert!(!out.stderr.contains(SECRET), "{out:?}");
    }
    let transcripts: Vec<PathBuf> = std::fs::read_dir(data.join("interviews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!transcripts.is_empty());
    for path in transcripts {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains(SECRET), "{}: {text}", path.display());
    }
}
