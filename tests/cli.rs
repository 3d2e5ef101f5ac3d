//! The `tutor` binary as a user runs it: real processes, real exit codes, real output.
//!
//! Every run gets its own `--data-dir` in a temporary folder, and `TUTOR_DECKS`,
//! `TUTOR_DATA_DIR` and `NO_COLOR` are removed from its environment (a test that needs
//! one sets it), so the results do not depend on the machine or on other tests.

mod common;

use common::{
    CARD_TEMPLATE, USER_DECK, bundled, card, command, run, shown, temp, tutor, user_deck, write,
};
use std::fs;
use std::path::{Path, PathBuf};

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn has_esc(s: &str) -> bool {
    s.contains('\x1b')
}

/// `s` without its SGR sequences (`ESC [ digits/semicolons m`).
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let len = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        assert!(after[len..].starts_with('m'), "not an SGR sequence: {s:?}");
        rest = &after[len + 1..];
    }
    out.push_str(rest);
    out
}

fn deck_cache_files(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(data.join("cache").join("decks")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
}

// ---------------------------------------------------------------- check

#[test]
fn check_passes_on_the_bundled_decks() {
    let library = bundled();
    let cards = library.card_count();
    assert!(cards >= 6, "the bundled decks hold {cards} cards");
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let data = temp();
    let out = tutor(data.path(), &["check"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let decks = plural(library.decks.len(), "deck");
    assert_eq!(
        out.stdout,
        format!("{} in {decks}, no problems\n", plural(cards, "card"))
    );
    assert_eq!(out.stderr, "");
}

const BROKEN_DECK: &str = "\
id: broken
title: Broken deck
description: A deck with mistakes.
topics:
  - id: basics
    title: Basics
";

/// Line 8, column 3: an empty Python solution; line 24, column 1: an unknown key.
const EMPTY_SOLUTION_AND_UNKNOWN_KEY: &str = r#"id: first-card
title: First card
topic: basics
tags: [one]
difficulty: easy
prompt: What is one?
python:
  solution: ""
  tests: |
    assert one() == 1
rust:
  solution: |
    pub fn one() -> u32 { 1 }
  tests: |
    #[test]
    fn one_is_one() { assert_eq!(one(), 1); }
explanation: One is one.
key_points:
  - one
pitfalls:
  - none
follow_ups:
  - two?
colour: blue
"#;

/// Line 25, column 9: a `visual` that does not exist.
const BAD_VISUAL: &str = "\
id: second-card
title: Second card
topic: basics
tags: [two]
difficulty: easy
prompt: What is two?
python:
  solution: |
    TWO = 2
  tests: |
    assert TWO == 2
rust:
  solution: |
    pub fn two() -> u32 { 2 }
  tests: |
    #[test]
    fn two_is_two() { assert_eq!(two(), 2); }
explanation: Two is two.
key_points:
  - two
pitfalls:
  - none
follow_ups:
  - three?
visual: tree
";

#[test]
fn check_reports_every_problem_with_its_position() {
    // The positions below are counted in the constants: make sure they were not edited.
    assert_eq!(
        EMPTY_SOLUTION_AND_UNKNOWN_KEY.lines().nth(7),
        Some(r#"  solution: """#)
    );
    assert_eq!(
        EMPTY_SOLUTION_AND_UNKNOWN_KEY.lines().nth(23),
        Some("colour: blue")
    );
    assert_eq!(BAD_VISUAL.lines().nth(24), Some("visual: tree"));

    let root = temp();
    let dir = root.path().join("broken");
    write(&dir, "deck.yaml", BROKEN_DECK);
    let first = shown(&write(
        &dir,
        "01-first.yaml",
        EMPTY_SOLUTION_AND_UNKNOWN_KEY,
    ));
    let second = shown(&write(&dir, "02-second.yaml", BAD_VISUAL));
    write(&dir, "03-valid.yaml", &card("add-two", "Add two", "Add."));

    let data = temp();
    let out = tutor(data.path(), &["check", &shown(&dir)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    assert_eq!(
        lines[0],
        format!("{first}:8:3: error: python.solution: must not be empty")
    );
    let unknown = format!("{first}:24:1: error: colour: unknown field `colour`, expected one of");
    assert!(lines[1].starts_with(&unknown), "{}", lines[1]);
    assert!(lines[1].contains("`visual`"), "{}", lines[1]);
    assert_eq!(
        lines[2],
        format!(
            "{second}:25:9: error: visual: unknown variant `tree`, expected `lru` or `anagrams`"
        )
    );
    assert_eq!(lines[3], "3 problems (1 card in 1 deck without problems)");
    assert_eq!(out.stderr, "");
}

/// A quiz item whose right option (line 4 of it, column 9) is three times as long as
/// either distractor.
const LONGEST_IS_RIGHT: &str = "quiz:
  - kind: single
    question: Which adds?
    options:
      - '-'
      - the + operator, which adds
      - '*'
    answer: 1
    explanation: + adds; - subtracts and * multiplies.
";

#[test]
fn check_warns_about_a_length_cue_and_strict_makes_it_an_error() {
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    let text = format!("{}{LONGEST_IS_RIGHT}", card("add-two", "Add two", "Add."));
    let line = text.lines().position(|l| l.contains("which adds")).unwrap() + 1;
    let file = shown(&write(&dir, "01-card.yaml", &text));
    let at = format!("{file}:{line}:9");
    let data = temp();
    let out = tutor(data.path(), &["check", &shown(&dir)]);
    assert_eq!(out.code, Some(0), "a warning does not fail check: {out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    let warning =
        format!("{at}: warning: quiz[0].options[1]: the right option is the only longest");
    assert!(
        lines[0].starts_with(&warning),
        "{}\nis not\n{warning}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "1 card in 1 deck, no problems, 1 warning (--strict makes them errors)"
    );
    let out = tutor(data.path(), &["check", "--strict", &shown(&dir)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{at}: error: quiz[0].options[1]: ")),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "1 problem (1 card in 1 deck loaded; --strict counts warnings as problems)"
    );
    // The bundled decks pass --strict: their items were rewritten (issue 16).
    let out = tutor(data.path(), &["check", "--strict"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.ends_with(", no problems\n"), "{}", out.stdout);
}

/// The bundled decks' files pass `check --strict` with their recall examples, which the
/// binary's copy leaves out (build/examples.rs): every example scores as it is listed
/// and every misconception has a wrong example that states it.
#[test]
fn check_passes_on_the_bundled_decks_files_with_their_examples() {
    let data = temp();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let out = tutor(data.path(), &["check", "--strict", &shown(&content)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let cards = bundled().card_count();
    assert_eq!(
        out.stdout,
        format!("{} in 1 deck, no problems\n", plural(cards, "card"))
    );
}

/// A recall item whose examples score the other way: line 5 of it (the first right
/// example) misses a point, line 7 (the wrong one) makes both.
const RECALL_WITH_EXAMPLES: &str = "quiz:
  - kind: recall
    question: Why does add work?
    points:
      - point: it uses the operator
        accept: [operator, plus]
      - point: it returns the sum
        accept: [sum, total]
    model_answer: The plus operator gives the sum.
    explanation: It returns a + b.
    examples:
      right:
        - It adds them up with plus.
        - Plus gives the total.
      wrong:
        - It returns the sum with the operator overloaded.
";

/// `tutor check` on a deck of one card whose quiz is `quiz`, which must fail: the card
/// file's name, the line its quiz starts on, and what check printed.
fn check_failing_quiz(quiz: &str) -> (String, usize, String) {
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    let text = card("add-two", "Add two", "Add.") + quiz;
    let first_line = CARD_TEMPLATE.lines().count() + 1;
    let file = shown(&write(&dir, "01-card.yaml", &text));
    let data = temp();
    let out = tutor(data.path(), &["check", &shown(&dir)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    (file, first_line, out.stdout)
}

#[test]
fn check_scores_recall_examples_and_fails_on_a_miss() {
    let (file, first_line, stdout) = check_failing_quiz(RECALL_WITH_EXAMPLES);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{file}:{}:11: error: quiz[0].examples.right[0]: a right answer that scores \
                 wrong: it misses point 2 \"it returns the sum\"; it makes point 1 \"it uses \
                 the operator\" (by `plus`)",
                first_line + 12
            )
            .as_str(),
            &format!(
                "{file}:{}:11: error: quiz[0].examples.wrong[0]: a wrong answer that scores \
                 right: it makes every point (points 1 \"it uses the operator\" (by \
                 `operator`); 2 \"it returns the sum\" (by `sum`))",
                first_line + 15
            ),
            "2 problems (0 cards in 1 deck without problems)",
        ]
    );
}

/// A recall item whose misconceptions are checked: the first is stated by the model
/// answer and by a right example; the second by no wrong example (problems come in
/// the file's order).
const RECALL_WITH_MISCONCEPTIONS: &str = "quiz:
  - kind: recall
    question: Why does add work?
    points:
      - point: it returns the sum
        accept: [sum, total]
    misconceptions:
      - said: [concatenat*]
        why: Numbers are added, not joined.
      - said: [rounds]
        why: Integers are exact.
    model_answer: It returns the sum; it concatenates nothing.
    explanation: It returns a + b.
    examples:
      right:
        - The total of the two.
        - The sum, as if it concatenated digits.
      wrong:
        - It concatenates them.
";

#[test]
fn check_reports_misconceptions_stated_where_they_should_not_be_or_never() {
    let (file, first, stdout) = check_failing_quiz(RECALL_WITH_MISCONCEPTIONS);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{file}:{}:9: error: quiz[0].misconceptions[0].said[0]: the model answer \
                 states this misconception: \"concatenates\"; make the phrase more specific",
                first + 7
            )
            .as_str(),
            &format!(
                "{file}:{}:9: error: quiz[0].misconceptions[1]: no `wrong` example states this \
                 misconception: add one that is wrong because of it",
                first + 9
            ),
            &format!(
                "{file}:{}:11: error: quiz[0].examples.right[1]: a right answer that states \
                 misconception 1 (\"concatenated\" for `concatenat*`): make its phrases more \
                 specific, or the example is not right",
                first + 16
            ),
            "3 problems (0 cards in 1 deck without problems)",
        ]
    );
}

/// A `said` entry of parts joined by `&` (the item above, with other misconceptions): a
/// part with no words is reported, and a model answer that says both parts in one
/// sentence states it.
fn recall_with_joined_said() -> String {
    let head = RECALL_WITH_MISCONCEPTIONS
        .split_once("      - said:")
        .map_or(RECALL_WITH_MISCONCEPTIONS, |(head, _)| head);
    format!(
        "{head}      - said: [\"digits & joined\", \"strings &\"]
        why: Numbers are added, not joined.
    model_answer: It returns the sum of the digits. Nothing is joined.
    explanation: It returns a + b.
    examples:
      right:
        - The total of the two.
        - The sum; the digits are never joined.
      wrong:
        - The sum, with the digits joined together.
"
    )
}

#[test]
fn check_reports_a_joined_said_entry_with_an_empty_part() {
    let (file, first, stdout) = check_failing_quiz(&recall_with_joined_said());
    let at = first + 7;
    assert_eq!(
        stdout,
        format!(
            "{file}:{at}:9: error: quiz[0].misconceptions[0].said[1]: has a part with no \
             letters or digits to look for: join phrases as `first & second`\n\
             1 problem (0 cards in 1 deck without problems)\n"
        )
    );
    // Both parts in one sentence of the model answer: it states the misconception.
    let joined = recall_with_joined_said()
        .replace(", \"strings &\"", "")
        .replace("of the digits. Nothing", "of the digits, joined as nothing");
    let (_, _, stdout) = check_failing_quiz(&joined);
    assert!(
        stdout.contains("the model answer states this misconception: \"digits … joined\""),
        "{stdout}"
    );
}

/// A `said` entry of exceptions alone (`!phrase`) has nothing to look for; an exception
/// in the model answer's sentence keeps it from stating the entry.
#[test]
fn check_reports_a_said_entry_of_exceptions_alone() {
    let only = recall_with_joined_said().replace("\"strings &\"", "\"!strings\"");
    let (file, first, stdout) = check_failing_quiz(&only);
    assert_eq!(
        stdout,
        format!(
            "{file}:{}:9: error: quiz[0].misconceptions[0].said[1]: has only exceptions \
             (`!phrase`): add a part to look for, as in `min heap of size k & !negat*`\n\
             1 problem (0 cards in 1 deck without problems)\n",
            first + 7
        )
    );
    // The model answer says both parts in one sentence, and the exception too: not stated.
    let excused = recall_with_joined_said()
        .replace(", \"strings &\"", "")
        .replace("\"digits & joined\"", "\"digits & joined & !as nothing\"")
        .replace("of the digits. Nothing", "of the digits, joined as nothing");
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    write(
        &dir,
        "01-card.yaml",
        &(card("add-two", "Add two", "Add.") + &excused),
    );
    let data = temp();
    let out = tutor(data.path(), &["check", &shown(&dir)]);
    assert!(
        !out.stdout.contains("states this misconception"),
        "{}",
        out.stdout
    );
}

#[test]
fn check_names_a_path_that_does_not_exist() {
    let root = temp();
    let missing = shown(&root.path().join("no-such-deck"));
    let data = temp();
    let out = tutor(data.path(), &["check", &missing]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stdout,
        format!(
            "{missing}:1:1: error: (file): no such file or folder\n1 problem (0 cards without problems)\n"
        )
    );
}

#[test]
fn check_counts_a_user_deck_given_with_decks() {
    let library = bundled();
    let root = temp();
    let deck = shown(&user_deck(root.path(), "add-two", "Add two", "Add."));
    let expected = format!(
        "{} in {}, no problems\n",
        plural(library.card_count() + 1, "card"),
        plural(library.decks.len() + 1, "deck")
    );
    let data = temp();
    for decks in [deck.as_str(), &shown(root.path())] {
        let out = tutor(data.path(), &["--decks", decks, "check"]);
        assert_eq!(out.code, Some(0), "--decks {decks}: {out:?}");
        assert_eq!(out.stdout, expected, "--decks {decks}");
    }
    let out = run(command(data.path()).env("TUTOR_DECKS", &deck).arg("check"));
    assert_eq!(out.code, Some(0), "TUTOR_DECKS: {out:?}");
    assert_eq!(out.stdout, expected, "TUTOR_DECKS");
}

#[test]
fn check_rejects_a_user_card_reusing_a_bundled_id() {
    let library = bundled();
    let (deck, _) = library.card("lru-cache").expect("a bundled lru-cache card");
    let index = deck
        .cards
        .iter()
        .position(|c| c.id.as_str() == "lru-cache")
        .expect("lru-cache in its deck");
    let bundled_at = deck.locations[index].to_string();
    let root = temp();
    let dir = user_deck(root.path(), "lru-cache", "Mine", "Mine.");
    let data = temp();
    let out = tutor(data.path(), &["--decks", &shown(&dir), "check"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    let file = shown(&dir.join("01-card.yaml"));
    let expected = format!(
        "{file}:1:1: error: id: duplicate card id `lru-cache`: {bundled_at} uses it already; \
         ids must be unique across all decks because progress is keyed by them\n\
         1 problem ({} in {} without problems)\n",
        plural(library.card_count(), "card"),
        plural(library.decks.len() + 1, "deck"),
    );
    assert_eq!(out.stdout, expected);
}

/// A card whose Python starter lacks a colon (line 9) and whose Rust starter returns a
/// string for a `u8` (line 23); its solutions and tests are fine.
const BROKEN_STARTERS: &str = r#"id: broken-starters
title: Broken starters
topic: basics
tags: [math]
difficulty: easy
prompt: Add two numbers.
python:
  starter: |
    def add(a, b)
        """The sum of a and b."""
        ...
  solution: |
    def add(a, b):
        return a + b
  tests: |
    assert add(1, 2) == 3
rust:
  starter: |
    /// The sum of a and b.
    pub fn add(_a: i32, _b: i32) -> i32 {
        todo!()
    }
    pub fn bad() -> u8 { "x" }
  solution: |
    pub fn add(a: i32, b: i32) -> i32 {
        a + b
    }
  tests: |
    #[test]
    fn adds() {
        assert_eq!(add(1, 2), 3);
    }
explanation: The + operator does it.
key_points:
  - Use the + operator.
pitfalls:
  - Overflow in Rust.
follow_ups:
  - What happens on overflow?
"#;

/// `tutor check` compiles the starters of a deck named by path or added with --decks
/// (not the bundled ones: tests/samples.rs runs those), and names the file, line and
/// column of the first error with the compiler's message.
#[test]
fn check_reports_starters_that_do_not_compile() {
    // The positions below are counted in the constant: make sure it was not edited.
    assert_eq!(BROKEN_STARTERS.lines().nth(8), Some("    def add(a, b)"));
    assert_eq!(
        BROKEN_STARTERS.lines().nth(22),
        Some(r#"    pub fn bad() -> u8 { "x" }"#)
    );
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    let file = shown(&write(&dir, "01-broken.yaml", BROKEN_STARTERS));
    let good = card("add-two", "Add two", "Add.")
        .replace(
            "python:\n",
            "python:\n  starter: |\n    def add(a, b):\n        \"\"\"The sum.\"\"\"\n        ...\n",
        )
        .replace(
            "rust:\n",
            "rust:\n  starter: |\n    #![allow(unused)]\n    /// The sum.\n    pub fn add(a: i32, b: i32) -> i32 {\n        todo!()\n    }\n",
        );
    write(&dir, "02-good.yaml", &good);
    let library = bundled();
    let data = temp();
    let by_path = tutor(data.path(), &["check", &shown(&dir)]);
    let with_decks = tutor(data.path(), &["--decks", &shown(&dir), "check"]);
    for (out, cards, decks) in [
        (by_path, 1, 1),
        (
            with_decks,
            library.card_count() + 1,
            library.decks.len() + 1,
        ),
    ] {
        assert_eq!(out.code, Some(1), "{out:?}");
        assert_eq!(out.stderr, "", "{out:?}");
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(
            lines,
            [
                format!(
                    "{file}:9:18: error: python.starter: does not compile: SyntaxError: expected ':'"
                ),
                format!(
                    "{file}:23:26: error: rust.starter: does not compile: error[E0308]: mismatched types: expected `u8`, found `&str`"
                ),
                format!(
                    "2 problems ({} in {} without problems)",
                    plural(cards, "card"),
                    plural(decks, "deck")
                ),
            ],
            "{}",
            out.stdout
        );
    }
}

/// Hostile Rust starters: one that includes `/dev/zero` as a string runs into rustc's
/// memory limit (not its time limit) and fails; one that includes a file that is not
/// Rust fails with rustc's error in that file, which is outside the starter's lines: both
/// are errors at the starter's first line, and the check fails.
#[test]
fn check_reports_hostile_rust_starters() {
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    let other = root.path().join("not-rust.txt");
    std::fs::write(&other, "root:x:0:0:root:/root:/bin/sh\n").unwrap();
    let starters = [
        (
            "zero",
            r#"const X: &str = include_str!("/dev/zero"); pub fn f() -> i32 { todo!() }"#
                .to_string(),
        ),
        (
            "include",
            format!(
                "include!({:?}); pub fn f() -> i32 {{ todo!() }}",
                other.to_str().unwrap()
            ),
        ),
    ];
    let mut files = Vec::new();
    for (id, starter) in &starters {
        let yaml = card(id, id, "Hostile.")
            .replace("rust:\n", &format!("rust:\n  starter: |\n    {starter}\n"));
        let file = write(&dir, &format!("{id}.yaml"), &yaml);
        // The starter's first line in the file, counted.
        let line = 1 + yaml
            .lines()
            .position(|l| l.contains(starter.as_str()))
            .unwrap();
        files.push((shown(&file), line));
    }
    let data = temp();
    let out = tutor(data.path(), &["check", &shown(&dir)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    let (include, line) = &files[1];
    let at = format!("{include}:{line}:5: error: rust.starter: does not compile: ");
    assert!(lines[0].starts_with(&at), "{}", lines[0]);
    assert!(
        lines[0].contains(&format!("{}:1:", other.display()))
            && lines[0].ends_with("(rustc's first error, outside the starter's lines)"),
        "{}",
        lines[0]
    );
    let (zero, line) = &files[0];
    assert_eq!(
        lines[1],
        format!(
            "{zero}:{line}:21: error: rust.starter: does not compile: error: couldn't read \
             `/dev/zero`: out of memory; `rustc` ran out of memory (limit 2 GiB)"
        )
    );
    assert_eq!(lines[2], "2 problems (0 cards in 1 deck without problems)");
}

/// A `rustc` that fails even on an empty library (too old for edition 2024, say) checks
/// nothing: a note says what it said, and the check passes.
#[test]
fn check_notes_a_rustc_that_cannot_build_anything() {
    use std::os::unix::fs::PermissionsExt as _;
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    let yaml = card("one", "One", "One.").replace(
        "rust:\n",
        "rust:\n  starter: |\n    pub fn f() -> i32 { todo!() }\n",
    );
    write(&dir, "one.yaml", &yaml);
    let bin = root.path().join("bin");
    let rustc = write(
        &bin,
        "rustc",
        "#!/bin/sh\necho \"error: invalid value '2024' for '--edition'\" >&2\nexit 1\n",
    );
    std::fs::set_permissions(&rustc, std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = temp();
    let out = run(command(data.path())
        .env("PATH", &bin)
        .args(["check", &shown(&dir)]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "1 card in 1 deck, no problems\n");
    assert_eq!(
        out.stderr,
        "note: cannot run `rustc`: error: invalid value '2024' for '--edition'\n"
    );
}

/// Without `python3` or `rustc`, the starters are not compiled: a note says so and what
/// to install, and the check still passes.
#[test]
fn check_notes_a_missing_python_or_rustc() {
    let root = temp();
    let dir = root.path().join("mine");
    write(&dir, "deck.yaml", USER_DECK);
    write(&dir, "01-broken.yaml", BROKEN_STARTERS);
    let empty = temp();
    let data = temp();
    let out = run(command(data.path())
        .env("PATH", empty.path())
        .args(["check", &shown(&dir)]));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "1 card in 1 deck, no problems\n");
    assert_eq!(
        out.stderr,
        "note: `python3` is not installed (not found on PATH): the Python starters were not \
         checked; install Python 3.11 or newer\n\
         note: `rustc` is not installed (not found on PATH): the Rust starters were not \
         checked; install Rust (https://rustup.rs)\n"
    );
}

// ---------------------------------------------------------------- show

const HEADINGS: [&str; 7] = [
    "QUESTION",
    "PYTHON",
    "RUST",
    "EXPLANATION",
    "KEY POINTS",
    "PITFALLS",
    "FOLLOW-UP QUESTIONS",
];

fn first_code_line(code: &str) -> String {
    let line = code.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    format!("  {line}")
}

#[test]
fn show_plain_prints_every_bundled_card() {
    let library = bundled();
    let data = temp();
    for (_, card) in library.cards() {
        let id = card.id.as_str();
        let out = tutor(data.path(), &["show", id, "--plain"]);
        assert_eq!(out.code, Some(0), "{id}: {out:?}");
        assert_eq!(out.stderr, "", "{id}");
        assert!(!has_esc(&out.stdout), "{id}: ESC in plain output");
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(lines[0], format!("{}  [{id}]", card.title), "{id}");
        let mut last = 0;
        let behavioral = card.star.is_some();
        for heading in HEADINGS {
            if behavioral && (heading == "PYTHON" || heading == "RUST") {
                assert!(
                    !lines.contains(&heading),
                    "{id}: a behavioral card shows {heading}"
                );
                continue;
            }
            let at = lines.iter().position(|l| *l == heading);
            let at = at.unwrap_or_else(|| panic!("{id}: no {heading} heading"));
            assert!(at > last, "{id}: {heading} is out of order");
            last = at;
        }
        let has_complexity = lines.contains(&"COMPLEXITY");
        assert_eq!(has_complexity, card.complexity.is_some(), "{id}");
        if let Some((python, rust)) = card.code() {
            for code in [&python.solution, &rust.solution] {
                let line = first_code_line(code);
                assert!(lines.contains(&line.as_str()), "{id}: no line {line:?}");
            }
        }
        if behavioral {
            assert!(lines.contains(&"A STAR OUTLINE"), "{id}");
        }
    }
}

/// The lines of a `show` section: from its heading to the next blank line.
fn section<'a>(stdout: &'a str, heading: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn show_plain_renders_markdown_without_markup() {
    let root = temp();
    // A YAML double-quoted string: `\n` is a line break there.
    let prompt = r"Use **a dict** and `list.index`, *not* a scan:\n\n- one `x`\n  - nested\n- two\n\n1. first\n2. second";
    let deck = shown(&user_deck(root.path(), "md-card", "Markdown", prompt));
    let data = temp();
    let out = tutor(
        data.path(),
        &["--decks", &deck, "show", "md-card", "--plain"],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let question: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "QUESTION")
        .skip(1)
        .take_while(|l| *l != "PYTHON")
        .collect();
    assert_eq!(
        question,
        [
            "  Use a dict and list.index, not a scan:",
            "",
            "  • one x",
            "    ◦ nested",
            "  • two",
            "",
            "  1. first",
            "  2. second",
            "",
        ]
    );
    // On a terminal the same text carries bold, italics and a code colour.
    let args = ["--decks", &deck, "show", "md-card", "--color", "always"];
    let out = tutor(data.path(), &args);
    assert!(
        out.stdout.contains("\x1b[1ma dict\x1b[0m"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\x1b[3mnot\x1b[0m"), "{}", out.stdout);
    assert!(out.stdout.contains("list.index\x1b[0m"), "{}", out.stdout);
    assert_eq!(strip_sgr(&out.stdout).matches('`').count(), 0);
}

/// Whether `line` holds `**text**` (Markdown bold left as markup). A lone `**kwargs`
/// is Python, not markup.
fn looks_bold(line: &str) -> bool {
    let mut opened = false;
    for (i, _) in line.match_indices("**") {
        let before = line[..i].chars().next_back();
        let after = line[i + 2..].chars().next();
        if opened && before.is_some_and(|c| !c.is_whitespace()) {
            return true;
        }
        opened |= after.is_some_and(|c| !c.is_whitespace() && c != '*');
    }
    false
}

#[test]
fn show_plain_has_no_markup_in_any_bundled_card() {
    let library = bundled();
    let data = temp();
    let mut marked = 0;
    for (_, card) in library.cards() {
        let id = card.id.as_str();
        marked += usize::from(card.explanation.contains("**") || card.prompt.contains('`'));
        let out = tutor(data.path(), &["show", id, "--plain"]);
        assert_eq!(out.code, Some(0), "{id}: {out:?}");
        for heading in [
            "QUESTION",
            "EXPLANATION",
            "KEY POINTS",
            "PITFALLS",
            "FOLLOW-UP QUESTIONS",
        ] {
            for line in section(&out.stdout, heading) {
                assert!(!looks_bold(line), "{id} {heading}: {line:?}");
                assert!(!line.contains('`'), "{id} {heading}: {line:?}");
            }
        }
    }
    assert!(marked > 5, "the bundled cards use Markdown ({marked})");
}

#[test]
fn show_colours_only_when_asked() {
    let data = temp();
    let plain = tutor(data.path(), &["show", "lru-cache", "--plain"]);
    assert_eq!(plain.code, Some(0), "{plain:?}");

    let always = tutor(data.path(), &["show", "lru-cache", "--color", "always"]);
    assert_eq!(always.code, Some(0), "{always:?}");
    assert!(always.stdout.contains("\x1b[1;34mQUESTION\x1b[0m"));
    assert!(
        always.stdout.matches('\x1b').count() > 50,
        "code is highlighted"
    );
    assert_eq!(
        strip_sgr(&always.stdout),
        plain.stdout,
        "same text, coloured"
    );

    // stdout is a pipe here, so auto means no colour.
    for args in [
        &["show", "lru-cache"][..],
        &["show", "lru-cache", "--color", "auto"],
        &["show", "lru-cache", "--color", "never"],
        &["show", "lru-cache", "--color", "always", "--plain"],
    ] {
        let out = tutor(data.path(), args);
        assert_eq!(out.code, Some(0), "{args:?}: {out:?}");
        assert_eq!(out.stdout, plain.stdout, "{args:?}");
    }
    let args = ["show", "lru-cache", "--color", "auto"];
    let out = run(command(data.path()).env("NO_COLOR", "1").args(args));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(!has_esc(&out.stdout), "NO_COLOR=1 with auto");
    let args = ["show", "lru-cache", "--color", "always"];
    let out = run(command(data.path()).env("NO_COLOR", "1").args(args));
    assert_eq!(out.stdout, always.stdout, "always wins over NO_COLOR");
}

#[test]
fn show_suggests_close_ids() {
    let data = temp();
    let out = tutor(data.path(), &["show", "lru"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stdout, "");
    // The closest id comes first; weaker matches may follow it as the deck grows.
    assert!(
        out.stderr
            .starts_with("error: no card with id `lru`; did you mean: lru-cache"),
        "{}",
        out.stderr
    );
}

#[test]
fn show_lists_the_ids_when_nothing_is_close() {
    let library = bundled();
    let ids: Vec<&str> = library.cards().map(|(_, c)| c.id.as_str()).collect();
    let data = temp();
    let out = tutor(data.path(), &["show", "zzzzqqq"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "error: no card with id `zzzzqqq`; the cards are: {}\n",
            ids.join(", ")
        )
    );
}

#[test]
fn show_escapes_terminal_controls_in_content() {
    let root = temp();
    let title = r"Add\u001b]0;owned\u0007 two";
    let prompt = r"Write add(a, b).\u001b[2J Then explain it.";
    let dir = shown(&user_deck(root.path(), "add-two", title, prompt));
    let data = temp();
    for colour in ["always", "never"] {
        let args = ["--decks", &dir, "show", "add-two", "--color", colour];
        let out = tutor(data.path(), &args);
        assert_eq!(out.code, Some(0), "{out:?}");
        let text = strip_sgr(&out.stdout);
        assert!(!has_esc(&text), "raw ESC with --color {colour}: {text:?}");
        assert!(!text.contains('\x07'), "raw BEL with --color {colour}");
        assert!(text.contains(r"  Write add(a, b).\u{1b}[2J Then explain it."));
        assert!(text.starts_with(r"Add\u{1b}]0;owned\u{7} two  [add-two]"));
    }
    let out = tutor(data.path(), &["--decks", &dir]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(!has_esc(&out.stdout), "raw ESC in the deck list");
    assert!(out.stdout.contains(r"Add\u{1b}]0;owned\u{7} two"));
}

// ---------------------------------------------------------------- usage

#[test]
fn usage_errors_exit_2() {
    let data = temp();
    for args in [
        &["show"][..],
        &["frobnicate"],
        &["--color", "purple"],
        &["show", "lru-cache", "--frob"],
    ] {
        let out = tutor(data.path(), args);
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(
            out.stderr.starts_with("error: "),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("For more information, try '--help'."),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn no_subcommand_lists_decks_and_cards() {
    let library = bundled();
    let data = temp();
    let out = tutor(data.path(), &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("  amazon-python  ")),
        "{}",
        out.stdout
    );
    for (_, card) in library.cards() {
        let listed = lines.iter().any(|l| {
            l.split_whitespace().next() == Some(card.id.as_str())
                && l.ends_with(card.title.as_str())
        });
        assert!(listed, "{} is not listed:\n{}", card.id, out.stdout);
    }
    assert!(
        out.stdout.contains(
            "Run `tutor` in a terminal for the full-screen session (review, browse, stats)."
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn version_and_help() {
    let data = temp();
    let out = tutor(data.path(), &["--version"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, format!("tutor {}\n", env!("CARGO_PKG_VERSION")));
    let out = tutor(data.path(), &["show", "--help"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("Usage: tutor show"), "{}", out.stdout);
    assert!(out.stdout.contains("--plain"), "{}", out.stdout);
}

// ---------------------------------------------------------------- the deck cache

#[test]
fn show_caches_decks_and_survives_a_corrupt_cache() {
    let data = temp();
    let first = tutor(data.path(), &["show", "lru-cache"]);
    assert_eq!(first.code, Some(0), "{first:?}");
    let files = deck_cache_files(data.path());
    assert_eq!(files.len(), bundled().decks.len(), "{files:?}");
    let cached = fs::read(&files[0]).expect("read the cache file");

    let again = tutor(data.path(), &["show", "lru-cache"]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert_eq!(again.stdout, first.stdout, "from the cache");
    assert_eq!(again.stderr, "");

    let garbage: [&[u8]; 3] = [
        b"garbage, not a deck",
        b"",
        b"TUTORDK\0\xdd\xff\xff\xff\xff",
    ];
    for bytes in garbage {
        for file in &files {
            fs::write(file, bytes).expect("corrupt the cache file");
        }
        let out = tutor(data.path(), &["show", "lru-cache"]);
        assert_eq!(out.code, Some(0), "{bytes:?}: {out:?}");
        assert_eq!(out.stdout, first.stdout, "{bytes:?}");
        assert_eq!(out.stderr, "", "{bytes:?}");
        let repaired = fs::read(&files[0]).expect("read the cache file");
        assert_eq!(repaired, cached, "the cache is rewritten after {bytes:?}");
    }
}

#[test]
fn an_edited_user_card_is_not_served_from_the_cache() {
    let root = temp();
    let dir = user_deck(root.path(), "add-two", "Add two", "First prompt.");
    let decks = shown(&dir);
    let data = temp();
    let args = ["--decks", &decks, "show", "add-two", "--plain"];
    let out = tutor(data.path(), &args);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("  First prompt.\n"), "{}", out.stdout);
    assert_eq!(
        deck_cache_files(data.path()).len(),
        bundled().decks.len() + 1
    );

    write(
        &dir,
        "01-card.yaml",
        &card("add-two", "Add two", "Second prompt."),
    );
    let out = tutor(data.path(), &args);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("  Second prompt.\n"), "{}", out.stdout);
    assert!(!out.stdout.contains("First prompt."), "{}", out.stdout);
}

/// A `--decks` deck's coding cards, each with its own code: `show` gives each card its
/// own from the parse (first run) and from the cache (second run, the code read from
/// the cache file when asked for); after one card's code is edited, that card shows
/// its new code and the others their own.
#[test]
fn a_user_decks_code_comes_back_from_the_cache_card_by_card() {
    let root = temp();
    let dir = root.path().join("mine");
    let card_with = |i: usize, mark: &str| {
        card(&format!("add-{i}"), "Add two", "Add them.")
            .replace("return a + b", &format!("return a + b  # {mark}"))
            .replace("        a + b\n", &format!("        a + b // {mark}\n"))
    };
    write(&dir, "deck.yaml", USER_DECK);
    for i in 0..4 {
        write(
            &dir,
            &format!("0{i}-card.yaml"),
            &card_with(i, &format!("mark-{i}")),
        );
    }
    let decks = shown(&dir);
    let data = temp();
    let show = |i: usize| {
        let id = format!("add-{i}");
        let out = tutor(data.path(), &["--decks", &decks, "show", &id, "--plain"]);
        assert_eq!(out.code, Some(0), "{out:?}");
        out.stdout
    };
    let marks = |out: &str| -> Vec<String> {
        out.lines()
            .filter_map(|l| l.split_once("# ").or_else(|| l.split_once("// ")))
            .map(|(_, mark)| mark.to_string())
            .collect()
    };
    let first: Vec<String> = (0..4).map(show).collect();
    assert_eq!(
        deck_cache_files(data.path()).len(),
        bundled().decks.len() + 1
    );
    for (i, out) in first.iter().enumerate() {
        assert_eq!(
            marks(out),
            [format!("mark-{i}"), format!("mark-{i}")],
            "{out}"
        );
        assert_eq!(show(i), *out, "card {i} from the cache");
    }
    write(&dir, "02-card.yaml", &card_with(2, "edited"));
    for i in 0..4 {
        let mark = if i == 2 {
            "edited".to_string()
        } else {
            format!("mark-{i}")
        };
        assert_eq!(marks(&show(i)), [mark.clone(), mark], "card {i}");
    }
}

/// A `--decks` folder that is not there stops every command with its name, instead of
/// quietly going on with the bundled decks.
#[test]
fn a_missing_deck_folder_is_an_error() {
    let root = temp();
    let missing = shown(&root.path().join("no-such-folder"));
    let data = temp();
    for args in [vec!["stats"], vec!["show", "gil"], vec!["review"]] {
        let mut all = vec!["--decks", missing.as_str()];
        all.extend(args.iter().copied());
        let out = tutor(data.path(), &all);
        assert_eq!(out.code, Some(1), "{args:?}: {out:?}");
        assert_eq!(
            out.stderr,
            format!(
                "error: the deck folder {missing} (from --decks or TUTOR_DECKS) does not exist\n"
            ),
            "{args:?}"
        );
    }
}

/// A negative number is refused by its range like any other out-of-range number, not
/// mistaken for an unknown option.
#[test]
fn negative_numbers_are_named_as_out_of_range() {
    let data = temp();
    for (args, said) in [
        (
            ["lru", "--capacity", "-1"],
            "must be a whole number from 0 to 3000",
        ),
        (
            ["quiz", "--count", "-3"],
            "must be a whole number, at least 1",
        ),
        (
            ["review", "--limit", "-2"],
            "must be a whole number, at least 1",
        ),
    ] {
        let out = tutor(data.path(), &args);
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
    }
}

/// Every numeric option says its range in words a person reads (`--limit 0` said
/// `0 is not in 1..=4294967295`), for a number out of range and for no number at all.
#[test]
fn numeric_options_say_their_range_in_words() {
    let data = temp();
    for (args, said) in [
        (
            ["review", "--limit", "0"],
            "invalid value '0' for '--limit <N>': must be a whole number, at least 1",
        ),
        (
            ["review", "--limit", "abc"],
            "invalid value 'abc' for '--limit <N>': must be a whole number, at least 1",
        ),
        (
            ["quiz", "--count", "0"],
            "invalid value '0' for '--count <N>': must be a whole number, at least 1",
        ),
        (
            ["lru", "--capacity", "3001"],
            "invalid value '3001' for '--capacity <N>': must be a whole number from 0 to 3000",
        ),
        (
            ["lru", "--capacity", "x"],
            "invalid value 'x' for '--capacity <N>': must be a whole number from 0 to 3000",
        ),
    ] {
        let out = tutor(data.path(), &args);
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(
            out.stderr.starts_with(&format!("error: {said}\n")),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("4294967295"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // A negative setting is the setting's own error, not an unknown option.
    for key in ["new-per-day", "reviews-per-day"] {
        let out = tutor(data.path(), &["config", key, "-1"]);
        assert_eq!(out.code, Some(1), "{key}: {out:?}");
        assert_eq!(
            out.stderr,
            format!("error: {key} must be a whole number from 0 to 10000, not \"-1\"\n")
        );
    }
}

// ---------------------------------------------------------------- the README

/// The README opens with its title, says each rule of the card format once, and its list
/// of optional card fields is the schema's: leaving out any other field of a valid card
/// is an error, leaving out a listed one is not.
#[test]
fn the_readme_states_the_card_rules_once_and_rightly() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read README.md");
    assert!(readme.starts_with("# tutor\n"), "{}", &readme[..80]);
    for said_once in ["How code samples are run", "Every field except"] {
        assert_eq!(readme.matches(said_once).count(), 1, "{said_once:?}");
    }
    let at = readme
        .find("Every field except")
        .expect("the optional fields");
    let sentence = &readme[at..at + readme[at..].find("is required").expect("is required")];
    let optional: Vec<&str> = sentence.split('`').skip(1).step_by(2).collect();
    assert!(optional.contains(&"code_links"), "{sentence}");
    let full = card("add-two", "Add two", "Add two numbers.");
    let keys: Vec<&str> = full
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .filter_map(|l| l.split(':').next())
        .collect();
    let root = temp();
    let data = temp();
    for key in keys {
        let mut skipping = false;
        let mut without = String::new();
        for l in full.lines() {
            if !l.starts_with(' ') {
                skipping = l.starts_with(&format!("{key}:"));
            }
            if !skipping {
                without.push_str(l);
                without.push('\n');
            }
        }
        let file = write(root.path(), "01-card.yaml", &without);
        let out = tutor(data.path(), &["check", &shown(&file)]);
        let optional_here = optional.contains(&key);
        assert_eq!(
            out.code,
            Some(i32::from(!optional_here)),
            "without `{key}` (README: optional = {optional_here}): {out:?}"
        );
    }
}

/// `tutor | cat` says a bundled deck is bundled (it is in the binary, not in a
/// `content/` folder the user has) and lists every command clap knows, each with its
/// description at the same indentation.
#[test]
fn the_listing_says_bundled_and_lists_every_command() {
    use clap::CommandFactory as _;
    let root = temp();
    let dir = user_deck(root.path(), "add-two", "Add two", "Add.");
    let data = temp();
    let out = tutor(data.path(), &["--decks", &shown(&dir)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let deck_line = lines
        .iter()
        .find(|l| l.starts_with("  amazon-python  "))
        .expect("the bundled deck");
    assert!(deck_line.ends_with(", bundled"), "{deck_line}");
    assert!(!out.stdout.contains("content/"), "{}", out.stdout);
    let mine = lines
        .iter()
        .find(|l| l.starts_with("  mine  "))
        .expect("the user deck");
    assert!(mine.ends_with(&format!(", from {}", shown(&dir))), "{mine}");

    let at = out.stdout.find("\nCommands").expect("a command list");
    let listing = &out.stdout[at..];
    let cli = tutor::cli::Cli::command();
    for command in cli.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = command.get_name();
        let line = listing
            .lines()
            .position(|l| {
                l == format!("  tutor {name}") || l.starts_with(&format!("  tutor {name} "))
            })
            .unwrap_or_else(|| panic!("`{name}` is not listed:\n{listing}"));
        let about = command
            .get_about()
            .expect("every command has an about")
            .to_string();
        let next = listing.lines().nth(line + 1).unwrap_or_default();
        assert_eq!(next, format!("      {about}"), "{name}");
    }
    for (args, said) in [
        (
            "review",
            "  tutor review [--deck ID] [--topic ID] [--limit N]",
        ),
        ("check", "  tutor check [PATH]... [--strict]"),
        ("show", "  tutor show CARD_ID [--plain]"),
        ("export", "  tutor export revlog FILE"),
    ] {
        assert!(listing.lines().any(|l| l == said), "{args}: {listing}");
    }
}

/// Piped `tutor` lists each card as `id  title`; the titles line up in one column, however
/// long the longest id (ids of 25 and more characters pushed their titles out of line).
#[test]
fn the_listing_lines_up_every_card_title() {
    let data = temp();
    let out = tutor(data.path(), &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let library = bundled();
    let starts: Vec<(usize, &str)> = out
        .stdout
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("    ")?;
            let (id, _) = rest.split_once(' ')?;
            library.card(id)?;
            let title = rest[id.len()..].trim_start();
            Some((line.len() - title.len(), line))
        })
        .collect();
    assert_eq!(starts.len(), library.cards().count(), "{}", out.stdout);
    let first = starts[0].0;
    for (start, line) in &starts {
        assert_eq!(*start, first, "out of line: {line}\n{}", out.stdout);
    }
}

/// The deck with terminal controls in every text field (tests/fixtures/hostile): the
/// listing and `show` of each card print none of them raw, in colour or not.
#[test]
fn no_deck_field_is_printed_raw() {
    let data = temp();
    let decks = "tests/fixtures/hostile";
    let raw = |text: &str| -> Vec<char> {
        strip_sgr(text)
            .chars()
            .filter(|&c| tutor::text::needs_escape(c))
            .collect()
    };
    let out = tutor(data.path(), &["--decks", decks]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(raw(&out.stdout), [], "{}", out.stdout);
    assert!(out.stdout.contains(r"Deck \u{1b}]0;pwn"), "{}", out.stdout);
    for card in ["evil-code", "evil-story"] {
        for colour in ["always", "never"] {
            let args = ["--decks", decks, "show", card, "--color", colour];
            let out = tutor(data.path(), &args);
            assert_eq!(out.code, Some(0), "{out:?}");
            assert_eq!(
                raw(&out.stdout),
                [],
                "{card} --color {colour}: {}",
                out.stdout
            );
            assert!(out.stdout.contains(r"Topic \u{1b}]0;pwn"), "{}", out.stdout);
        }
    }
    // An id typed on the command line is echoed the same way.
    let out = tutor(
        data.path(),
        &["--decks", decks, "show", "evil\u{1b}[2J\u{202e}"],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(raw(&out.stderr), [], "{}", out.stderr);
    assert!(
        out.stderr.contains(r"evil\u{1b}[2J\u{202e}"),
        "{}",
        out.stderr
    );
}

#[test]
fn show_puts_the_spoken_answer_before_the_explanation_and_asks_scored_follow_ups() {
    let root = temp();
    let deck = user_deck(root.path(), "sum", "Sum", "Add two numbers.");
    let file = deck.join("01-card.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let text = text
        .replace(
            "explanation: The + operator does it.",
            "spoken: I would just add them.\nexplanation: The + operator does it.",
        )
        .replace(
            "follow_ups:\n  - What happens on overflow?\n",
            "follow_ups:\n  - What happens on overflow?\n  - ask: Which operator?\n    points:\n      - point: The plus operator.\n        accept: [plus]\n    model_answer: The plus operator.\n    probes:\n      0: What symbol?\n",
        );
    fs::write(&file, text).unwrap();
    let data = temp();
    let out = tutor(
        data.path(),
        &["--decks", &shown(&deck), "show", "sum", "--plain"],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = |heading: &str| lines.iter().position(|l| *l == heading);
    let (spoken, explanation) = (at("IN TWO MINUTES"), at("EXPLANATION"));
    assert!(spoken.is_some() && spoken < explanation, "{}", out.stdout);
    assert!(lines[spoken.unwrap() + 1].contains("I would just add them."));
    assert!(out.stdout.contains("Which operator?"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("What symbol?"),
        "probes stay for the interview"
    );
}

/// What bash completes for `words` (the last one being typed), with the script `tutor
/// completions bash` printed sourced into an interactive bash.
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}' || exit 3; complete -p tutor >/dev/null || exit 4; \
         COMP_WORDS=({}); COMP_CWORD={}; _tutor tutor '{}' '{}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-i", "-c", &program])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run bash: {e}"));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completion_loads_and_offers_commands_and_ids() {
    let root = temp();
    let deck = shown(&user_deck(
        root.path(),
        "my-own-card",
        "Mine",
        "A question.",
    ));
    let data = temp();
    let out = tutor(data.path(), &["--decks", &deck, "completions", "bash"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let script = write(root.path(), "tutor.bash", &out.stdout);
    let commands = bash_completes(&script, &["tutor", "pra"]);
    assert_eq!(commands, ["practice"]);
    let cards = bash_completes(&script, &["tutor", "show", "lru"]);
    assert_eq!(cards, ["lru-cache"]);
    // The decks loaded when the script was made: the user's own card too.
    assert_eq!(
        bash_completes(&script, &["tutor", "practice", "my-"]),
        ["my-own-card"]
    );
    assert_eq!(
        bash_completes(&script, &["tutor", "review", "--deck", "amazon"]),
        ["amazon-python"]
    );
    assert!(
        bash_completes(&script, &["tutor", "quiz", "--topic", "a"]).contains(&"aws".to_string())
    );
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_one_is_a_usage_error() {
    let data = temp();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = tutor(data.path(), &["completions", shell]);
        assert_eq!(out.code, Some(0), "{shell}: {out:?}");
        assert!(
            out.stdout.contains("practice"),
            "{shell} lists the commands"
        );
        // clap_complete's elvish and PowerShell scripts complete commands and flags,
        // not values.
        let values = matches!(shell, "bash" | "zsh" | "fish");
        assert_eq!(
            out.stdout.contains("lru-cache"),
            values,
            "{shell}: card ids"
        );
    }
    let out = tutor(data.path(), &["completions", "tcsh"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("possible values"), "{}", out.stderr);
}

#[test]
fn the_man_page_is_roff_that_groff_reads_cleanly() {
    let data = temp();
    let out = tutor(data.path(), &["man"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains(".TH tutor 1"), "{}", &out.stdout[..200]);
    for section in [".SH SYNOPSIS", ".SH SUBCOMMANDS", ".SH FILES"] {
        assert!(out.stdout.contains(section), "{section}");
    }
    assert!(out.stdout.contains("practice"));
    // groff with every warning on: a malformed request would be reported. (groff comes
    // with man-db, which .ci/run makes sure of.)
    let root = temp();
    let page = write(root.path(), "tutor.1", &out.stdout);
    let groff = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .unwrap_or_else(|e| panic!("cannot run groff: {e}"));
    assert!(
        groff.status.success() && groff.stderr.is_empty(),
        "{groff:?}"
    );
}

#[test]
fn export_anki_writes_one_note_a_card_and_names_an_unknown_deck() {
    let data = temp();
    let file = data.path().join("out/tutor.txt");
    let out = tutor(data.path(), &["export", "anki", &shown(&file)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let cards = bundled().card_count();
    assert!(
        out.stdout
            .starts_with(&format!("exported {cards} notes to ")),
        "{}",
        out.stdout
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("#separator:tab\n#html:true\n#notetype:Basic\n"),
        "{text:.200}"
    );
    let rows = text
        .lines()
        .filter(|l| l.starts_with("tutor/amazon-python/"))
        .count();
    assert_eq!(rows, cards);
    // To standard output, byte for byte the same.
    let stdout = tutor(
        data.path(),
        &["export", "anki", "-", "--deck", "amazon-python"],
    );
    assert_eq!(
        (stdout.code, stdout.stdout.as_str()),
        (Some(0), text.as_str())
    );
    // An unknown deck: exit 1, the decks listed, the earlier file untouched.
    let out = tutor(
        data.path(),
        &[
            "export",
            "anki",
            &shown(&file),
            "--deck",
            "nope\u{1b}]0;x\u{7}",
        ],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.contains("the decks are: amazon-python"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains('\u{1b}'),
        "the id is echoed display-safe"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

/// Without `--answers`, `tutor interview` opens the interview screen, which needs a
/// terminal: piped, it says so and exits 1 (the screen is tested in tests/tmux.rs).
/// `--json` and `--trust` belong to `--answers`: alone they are usage errors.
#[test]
fn interview_without_answers_opens_the_screen_and_json_needs_answers() {
    let dir = temp();
    let out = tutor(dir.path(), &["interview", "--minutes", "5", "--seed", "1"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("needs a terminal"), "{}", out.stderr);
    for flag in ["--json", "--trust"] {
        let out = tutor(dir.path(), &["interview", flag]);
        assert_eq!(out.code, Some(2), "{flag}: {}", out.stderr);
        assert!(out.stderr.contains("--answers"), "{flag}: {}", out.stderr);
    }
}
