//! `tutor quiz --card ID --item N --answer TEXT [--json]`: one answer scored without a
//! screen, for every kind of item, with its exit codes, against a deck of our own so
//! that the bundled content can change freely.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{Run, command, run, temp, write};

const DECK: &str = "\
id: answers
title: Answers
description: Items to score from the command line.
topics:
  - id: algo
    title: Algorithms
synonyms:
  - [LHM, linked hash map]
";

const CARD: &str = "\
id: scored
title: Scored
topic: algo
tags: [one]
difficulty: easy
prompt: |
  What is 1 + 1?
python:
  solution: |
    def two():
        return 2
  tests: |
    assert two() == 2
rust:
  solution: |
    pub fn two() -> i32 { 2 }
  tests: |
    #[test]
    fn two_is_two() { assert_eq!(two(), 2); }
explanation: |
  Addition.
key_points:
  - adds
pitfalls:
  - none
follow_ups:
  - three?
quiz:
  - kind: single
    question: 1 + 1?
    options: ['1', '2', '3']
    answer: 1
    explanation: it is 2
  - kind: multiple
    question: Which are even?
    options: ['2', '3', '4']
    answers: [0, 2]
    explanation: 2 and 4
  - kind: cloze
    question: Fill in.
    lang: python
    text: 'x = {{1}} + {{2}}'
    gaps:
      - accept: ['1']
      - accept: ['one()']
    explanation: both ones
  - kind: reorder
    question: Order it.
    lang: python
    code: |
      def f():
          a = 1
          return a
    explanation: define, assign, return
  - kind: recall
    question: How does an LRU cache find and evict entries?
    points:
      - point: A hash map finds the entry.
        accept: [hash map]
      - point: The least recently used entry is evicted.
        accept: [\"evict*\"]
      - point: It runs in constant time.
        accept: [O(1)]
    model_answer: A hash map finds the entry in O(1), and the cache evicts the oldest.
    explanation: An LHM does both.
    misconceptions:
      - said: [scan the list, search the list]
        why: A scan is O(n); the hash map finds the entry.
";

/// `tutor quiz ARGS` with our deck added.
fn quiz(args: &[&str]) -> Run {
    let data = temp();
    let decks = temp();
    let dir = decks.path().join("answers");
    write(&dir, "deck.yaml", DECK);
    write(&dir, "scored.yaml", CARD);
    let out = run(command(data.path())
        .arg("--decks")
        .arg(&dir)
        .arg("quiz")
        .args(args));
    assert_nothing_saved(data.path());
    out
}

/// Nothing is written to the data dir: no database, no parse cache.
fn assert_nothing_saved(data: &Path) {
    let left: Vec<_> = std::fs::read_dir(data)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "wrote {left:?}");
}

fn json(out: &Run) -> serde_json::Value {
    assert_eq!(out.code, Some(0), "{out:?}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn answer(item: &str, answers: &[&str]) -> serde_json::Value {
    let mut args = vec!["--card", "scored", "--item", item, "--json"];
    for a in answers {
        args.extend(["--answer", a]);
    }
    json(&quiz(&args))
}

fn made(v: &serde_json::Value) -> Vec<bool> {
    v["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["made"].as_bool().unwrap())
        .collect()
}

#[test]
fn single_takes_one_option_number_from_one() {
    let v = answer("1", &["2"]);
    assert_eq!(v["card"], "scored");
    assert_eq!(v["item"], 1);
    assert_eq!(v["kind"], "single");
    assert_eq!(v["correct"], true);
    assert_eq!(v["points"][0]["point"], "2");
    assert_eq!(v["points"][0]["matched"], "2");
    assert_eq!(v["feedback"], "it is 2");
    let v = answer("1", &["1"]);
    assert_eq!(v["correct"], false, "option 1 is the card's first, `1`");
}

#[test]
fn multiple_takes_a_list_or_repeats() {
    assert_eq!(answer("2", &["1,3"])["correct"], true);
    assert_eq!(answer("2", &["3", "1"])["correct"], true);
    let v = answer("2", &["1, 2"]);
    assert_eq!(v["correct"], false);
    assert_eq!(made(&v), [true, false, false]);
    assert_eq!(v["points"][1]["point"], "leave: 3");
    assert_eq!(v["points"][1]["matched"], "picked");
}

#[test]
fn cloze_takes_one_answer_per_gap() {
    let v = answer("3", &["1", "one( )"]);
    assert_eq!(v["kind"], "cloze");
    assert_eq!(v["correct"], true, "{v}");
    let v = answer("3", &["1"]);
    assert_eq!(made(&v), [true, false], "a gap not given is empty");
    assert_eq!(v["points"][1]["matched"], serde_json::Value::Null);
}

#[test]
fn reorder_takes_one_answer_per_line() {
    let v = answer("4", &["def f():", "a = 1", "return a"]);
    assert_eq!(v["kind"], "reorder");
    assert_eq!(v["correct"], true, "indentation may be left out: {v}");
    let v = answer("4", &["def f():", "    return a", "    a = 1"]);
    assert_eq!(made(&v), [true, false, false]);
}

#[test]
fn recall_names_the_phrase_and_uses_the_decks_synonyms() {
    let v = answer(
        "5",
        &["A dictionary finds it in O(1); the cache evicts the oldest."],
    );
    assert_eq!(v["kind"], "recall");
    assert_eq!(v["correct"], true, "{v}");
    assert_eq!(v["points"][0]["matched"], "hash map");
    assert_eq!(v["points"][1]["matched"], "evict*");
    let v = answer("5", &["It uses an", "LHM"]);
    assert_eq!(
        made(&v),
        [false, false, false],
        "LHM is a linked hash map, not a hash map"
    );
    let out = quiz(&[
        "--card",
        "scored",
        "--item",
        "5",
        "--answer",
        "gives the lock up, O(1)",
    ]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .starts_with("scored, item 5 (recall): wrong, 1 of 3 parts right\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("✓ It runs in constant time.  (matched \"O(1)\")"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("✗ A hash map finds the entry.\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("An LHM does both."),
        "feedback: {}",
        out.stdout
    );
}

/// A point named only in a denial is missed, and the verdict names the words that
/// denied it: in the text, and as `denied` in `--json` (null for every other point).
#[test]
fn recall_names_a_point_said_only_in_a_denial() {
    let said = "A hash map finds it in O(1); you don't actually need to evict anything.";
    let v = answer("5", &[said]);
    assert_eq!(made(&v), [true, false, true]);
    assert_eq!(v["correct"], false, "{v}");
    assert_eq!(
        v["points"][1],
        serde_json::json!({
            "point": "The least recently used entry is evicted.",
            "made": false,
            "matched": null,
            "denied": "evict",
        })
    );
    assert_eq!(v["points"][0]["denied"], serde_json::Value::Null);
    assert_eq!(v["points"][0]["matched"], "hash map");
    // A point not named at all is missed with no denial.
    let v = answer("5", &["A hash map."]);
    assert_eq!(v["points"][1]["denied"], serde_json::Value::Null);
    let out = quiz(&["--card", "scored", "--item", "5", "--answer", said]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .starts_with("scored, item 5 (recall): wrong, 2 of 3 parts right\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  ✗ The least recently used entry is evicted. — named only in a denial: \"evict\"\n"
        ),
        "{}",
        out.stdout
    );
}

/// An answer that makes every point but states a misconception is wrong, and says
/// which words stated it and why; one that denies it is right.
#[test]
fn recall_names_a_misconception_and_why() {
    let full = "A hash map, O(1), evicts the oldest";
    let v = answer("5", &[&format!("{full}; to find a key it scans the list")]);
    assert_eq!(made(&v), [true, true, true]);
    assert_eq!(v["correct"], false, "{v}");
    assert_eq!(
        v["misconceptions"],
        serde_json::json!([{
            "why": "A scan is O(n); the hash map finds the entry.",
            "matched": "scan the list",
            "said": "scans the list",
        }])
    );
    let v = answer("5", &[&format!("{full}; it never scans the list")]);
    assert_eq!(v["correct"], true, "a denial does not count: {v}");
    assert_eq!(v["misconceptions"], serde_json::json!([]));
    let answer = format!("{full}, and searches the whole list");
    let out = quiz(&["--card", "scored", "--item", "5", "--answer", &answer]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout
            .starts_with("scored, item 5 (recall): wrong, 3 of 3 parts right\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  ✗ misconception (matched \"search the list\" by \"searches the whole list\"): \
             A scan is O(n); the hash map finds the entry.\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn unknown_card_or_item_exits_1() {
    let out = quiz(&["--card", "nope", "--item", "1", "--answer", "1"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    // The valid ids follow, as `tutor show` gives them: every one, or the close ones.
    assert!(
        out.stderr
            .contains("no card with id `nope`; the cards are: ")
            && out.stderr.contains("scored"),
        "{}",
        out.stderr
    );
    let out = quiz(&["--card", "scord", "--item", "1", "--answer", "1"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr
            .contains("no card with id `scord`; did you mean: scored"),
        "{}",
        out.stderr
    );
    let out = quiz(&["--card", "scored", "--item", "6", "--answer", "1"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("has 5 quiz items"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--card", "scored", "--answer", "1"][..],
        &["--card", "scored", "--item", "1"],
        &["--item", "1", "--answer", "1"],
        &["--card", "scored", "--item", "0", "--answer", "1"],
        &[
            "--card", "scored", "--item", "1", "--answer", "1", "--count", "3",
        ],
        &["--card", "scored", "--json"],
        // Answers that do not fit the item.
        &["--card", "scored", "--item", "1", "--answer", "4"],
        &["--card", "scored", "--item", "1", "--answer", "two"],
        &["--card", "scored", "--item", "1", "--answer", "1,2"],
        &["--card", "scored", "--item", "2", "--answer", "1,0"],
        &[
            "--card", "scored", "--item", "3", "--answer", "1", "--answer", "2", "--answer", "3",
        ],
        &["--card", "scored", "--item", "4", "--answer", "print(a)"],
        &[
            "--card", "scored", "--item", "4", "--answer", "a = 1", "--answer", "a = 1",
        ],
    ] {
        let out = quiz(args);
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
        assert!(out.stderr.contains("error"), "{args:?}: {out:?}");
    }
}

/// An option number given twice, an empty answer or place in a list, a number that is
/// no option, and digits other than 0-9 are usage errors that say what is wrong, for a
/// single and a multiple item alike; spaces around a number are fine.
#[test]
fn option_numbers_are_read_strictly() {
    for (item, answers, says) in [
        ("1", &["1,1"][..], "option 1 is given twice"),
        ("2", &["3,1,3"], "option 3 is given twice"),
        ("2", &["1", "1"], "option 1 is given twice"),
        ("2", &["1, 3", "3"], "option 3 is given twice"),
        ("1", &["0"], "`0` is not an option number"),
        ("2", &["-1"], "`-1` is not an option number"),
        ("2", &["+1"], "`+1` is not an option number"),
        ("1", &["4"], "`4` is not an option number"),
        (
            "2",
            &["99999999999999999999999"],
            "`99999999999999999999999` is not",
        ),
        ("1", &[""], "--answer is empty"),
        ("2", &[" "], "--answer is empty"),
        ("2", &["1,,2"], "`1,,2` has an empty place in its list"),
        ("2", &["1,"], "`1,` has an empty place in its list"),
        (
            "2",
            &["1 3"],
            "`1 3` is not an option number: put a comma between",
        ),
        (
            "1",
            &["\u{661}"],
            "`\u{661}` is not an option number: write it in the digits 0-9",
        ),
        (
            "2",
            &["1,\u{ff13}"],
            "`\u{ff13}` is not an option number: write it in the digits 0-9",
        ),
    ] {
        let mut args = vec!["--card", "scored", "--item", item];
        for a in answers {
            args.extend(["--answer", a]);
        }
        let out = quiz(&args);
        assert_eq!(out.code, Some(2), "{answers:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{answers:?}: {out:?}");
        assert!(out.stderr.starts_with("error: "), "{answers:?}: {out:?}");
        assert!(out.stderr.contains(says), "{answers:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("the options are numbered 1 to 3"),
            "{answers:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{answers:?}: {out:?}");
    }
    assert_eq!(answer("2", &[" 1 , 3 "])["correct"], true);
    assert_eq!(answer("1", &[" 2"])["correct"], true);
}

/// Control characters in an answer come back escaped, in text and in JSON.
#[test]
fn hostile_answers_echo_safely() {
    let hostile = "\x1b]0;pwned\x07evicts \x1b[2J\u{9b}31m\u{202e}";
    for item in ["3", "5"] {
        let out = quiz(&["--card", "scored", "--item", item, "--answer", hostile]);
        assert_eq!(out.code, Some(0), "{out:?}");
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
            assert!(!out.stdout.contains(bad), "{bad:?} in {:?}", out.stdout);
        }
    }
    // A cloze gap echoes what was typed, escaped.
    let out = quiz(&["--card", "scored", "--item", "3", "--answer", hostile]);
    assert!(
        out.stdout.contains("(answered \"\\u{1b}]0;pwned"),
        "{}",
        out.stdout
    );
    let out = quiz(&[
        "--card", "scored", "--item", "3", "--json", "--answer", hostile,
    ]);
    let v = json(&out);
    for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
        assert!(!out.stdout.contains(bad), "{bad:?} in {:?}", out.stdout);
    }
    assert_eq!(
        v["points"][0]["matched"], hostile,
        "JSON escapes, and reads back the same"
    );
    let out = quiz(&["--card", "scored", "--item", "1", "--answer", hostile]);
    assert_eq!(out.code, Some(2));
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
}

/// The quiz screen shuffles options (issue 16); --answer has no screen and numbers them
/// as the card writes them, and its help says so.
#[test]
fn the_help_says_options_are_numbered_in_the_cards_order() {
    let out = quiz(&["--help"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let help = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains(
            "Option numbers count from 1 in the card's own order (as `options` is written in \
             the deck file), not in the quiz screen's, which shuffles them"
        ),
        "{help}"
    );
}
