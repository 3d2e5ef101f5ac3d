//! Every kind of deck error is reported with its file, line, column and field path.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use tutor::content::Problem;
use tutor::content::load::check_paths;

const DECK: &str =
    "id: test-deck\ntitle: Test\ndescription: d\ntopics:\n  - id: algo\n    title: Algorithms\n";

/// A valid card with id `id`; tests edit the text to break one thing.
fn card(id: &str) -> String {
    format!(
        "id: {id}
title: A card
topic: algo
tags: [one, two]
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
    pub fn two() -> i32 {{ 2 }}
  tests: |
    #[test]
    fn two_is_two() {{ assert_eq!(two(), 2); }}
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
    options: ['1', '2']
    answer: 1
    explanation: it is 2
"
    )
}

fn deck_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("deck.yaml"), DECK).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Every problem `tutor check` finds under `dir`; no message may contain a run of
/// spaces (a line continuation in a string literal that kept its indentation), so every
/// test that looks at problems checks that too.
fn problems(dir: &Path) -> Vec<Problem> {
    let found = check_paths(&[dir.to_path_buf()]).problems;
    for p in &found {
        assert!(
            !p.message.contains("  ") && !p.field.contains("  "),
            "a run of spaces in {p:?}"
        );
    }
    found
}

/// The one problem found, as (file name, line, col, field), and its message.
fn only_problem(dir: &Path) -> ((String, usize, usize, String), String) {
    let found = problems(dir);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let p = &found[0];
    let name = Path::new(&p.file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    ((name, p.line, p.col, p.field.clone()), p.message.clone())
}

fn at(file: &str, line: usize, col: usize, field: &str) -> (String, usize, usize, String) {
    (file.to_string(), line, col, field.to_string())
}

#[test]
fn a_valid_deck_has_no_problems() {
    let dir = deck_with(&[("a.yaml", &card("a")), ("b.yaml", &card("b"))]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, []);
    assert_eq!(library.card_count(), 2);
}

#[test]
fn unknown_key() {
    let text = card("a").replace("difficulty: easy\n", "difficulty: easy\ncolour: red\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 6, 1, "colour"));
    assert!(message.contains("unknown field `colour`"), "{message}");
    assert!(
        message.contains("`difficulty`"),
        "lists valid keys: {message}"
    );
}

#[test]
fn unknown_nested_key() {
    let text = card("a").replace(
        "  tests: |\n    assert",
        "  test: x\n  tests: |\n    assert",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 12, 3, "python.test"));
    assert!(message.contains("unknown field `test`"), "{message}");
}

#[test]
fn missing_required_field() {
    let text = card("a").replace("explanation: |\n  Addition.\n", "");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 1, 1, "(root)"));
    assert!(message.contains("missing field `explanation`"), "{message}");
}

#[test]
fn empty_solution() {
    let text = card("a").replace(
        "  solution: |\n    def two():\n        return 2\n",
        "  solution: \"\"\n",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 9, 3, "python.solution"));
    assert_eq!(message, "must not be empty");
}

/// A starter is optional; when given, it is read like any other code block.
#[test]
fn a_card_with_starters_has_no_problems() {
    let text = card("a")
        .replace(
            "python:\n",
            "python:\n  starter: |\n    def two():\n        \"\"\"Return 2.\"\"\"\n        ...\n",
        )
        .replace(
            "rust:\n",
            "rust:\n  starter: |\n    /// Returns 2.\n    pub fn two() -> i32 {\n        todo!()\n    }\n",
        );
    let dir = deck_with(&[("a.yaml", &text)]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, []);
    let (_, card) = library.cards().next().unwrap();
    let (python, rust) = card.code().unwrap();
    assert_eq!(
        python.starter.as_deref(),
        Some("def two():\n    \"\"\"Return 2.\"\"\"\n    ...\n")
    );
    assert!(rust.starter.as_deref().unwrap().contains("todo!()"));
}

/// `tutor check` learns where each loaded card's starters are, to place a compiler's
/// errors; a card dropped as a duplicate takes its starters with it.
#[test]
fn starters_are_located_for_the_cards_kept() {
    let with_starter = |id: &str| {
        card(id).replace(
            "rust:\n",
            "rust:\n  starter: |\n    /// Returns 2.\n    pub fn two() -> i32 {\n        todo!()\n    }\n",
        )
    };
    let dir = deck_with(&[
        ("a.yaml", &with_starter("a")),
        ("b.yaml", &with_starter("a")),
    ]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems.len(), 1, "{:?}", library.problems);
    let [site] = library.starters.as_slice() else {
        panic!("{:?}", library.starters)
    };
    assert!(site.file.ends_with("a.yaml"), "{site:?}");
    assert_eq!(
        (site.card.as_str(), site.lang, site.card_at),
        ("a", "rust", (1, 1))
    );
    assert_eq!((site.key, site.body), ((15, 3), Some((16, 5))));
    assert_eq!(site.position(2, 12), (17, 16));
}

#[test]
fn empty_starter() {
    let text = card("a").replace("python:\n", "python:\n  starter: \"  \"\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 9, 3, "python.starter"));
    assert!(message.starts_with("must not be empty"), "{message}");
}

#[test]
fn starter_that_is_the_solution() {
    let text = card("a").replace(
        "rust:\n",
        "rust:\n  starter: |\n    pub fn two() -> i32 { 2 }\n",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 15, 3, "rust.starter"));
    assert!(
        message.contains("is the same as rust.solution"),
        "{message}"
    );
}

#[test]
fn starter_that_is_not_text() {
    let text = card("a").replace("python:\n", "python:\n  starter: [a, b]\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!((where_.1, where_.3.as_str()), (9, "python.starter"));
    assert!(message.contains("string"), "{message}");
}

#[test]
fn tests_without_an_assertion() {
    let text = card("a").replace("    #[test]\n", "");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 17, 3, "rust.tests"));
    assert!(message.contains("#[test]"), "{message}");
}

#[test]
fn unknown_visual() {
    let text = card("a").replace("quiz:\n", "visual: heap\nquiz:\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 28, 9, "visual"));
    assert!(
        message.contains("unknown variant `heap`, expected `lru`"),
        "{message}"
    );
}

/// The test card with `visual: lru` and the given `code_links` block before `quiz:`.
fn with_links(links: &str) -> String {
    card("a").replace(
        "quiz:\n",
        &format!("visual: lru\ncode_links:\n{links}quiz:\n"),
    )
}

#[test]
fn code_links_pointing_inside_the_solutions_are_fine() {
    let text = with_links("  python:\n    hit: [1, 2]\n  rust:\n    evict: [1]\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    assert_eq!(problems(dir.path()), []);
}

#[test]
fn code_link_past_the_end_of_the_solution() {
    // Line 28 is `visual: lru`; the python solution has two lines.
    let text = with_links("  python:\n    hit:\n      - 1\n      - 3\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 33, 9, "code_links.python.hit[1]"));
    assert_eq!(
        message,
        "line 3 is not in python.solution: its lines are numbered from 1 to 2"
    );
}

#[test]
fn code_link_zero_and_blank_lines() {
    // The Rust solution becomes three lines, the second blank.
    let text = with_links("  rust:\n    miss: [0, 2]\n").replace(
        "    pub fn two() -> i32 { 2 }\n",
        "    pub fn two() -> i32 { 2 }\n\n    // end\n",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "code_links.rust.miss[0]",
                "line 0 is not in rust.solution: its lines are numbered from 1 to 3"
            ),
            (
                "code_links.rust.miss[1]",
                "line 2 of rust.solution is blank: link a line of code"
            ),
        ]
    );
}

#[test]
fn code_links_need_the_lru_visual() {
    let text = with_links("  python:\n    hit: [1]\n").replace("visual: lru\n", "");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 28, 1, "code_links"));
    assert!(message.contains("`visual: lru`"), "{message}");
}

#[test]
fn code_links_use_only_their_visuals_events() {
    let text = with_links("  python:\n    append: [1]\n    hit: [1]\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_.3, "code_links.python.append");
    assert_eq!(
        message,
        "`append` is an event of `visual: anagrams`, not of this card's visual"
    );
    let anagrams = with_links("  rust:\n    sorted_key: [1]\n    new_bucket: [1]\n")
        .replace("visual: lru", "visual: anagrams");
    let dir = deck_with(&[("a.yaml", &anagrams)]);
    assert_eq!(problems(dir.path()), []);
}

#[test]
fn code_links_with_an_unknown_event() {
    let text = with_links("  python:\n    hits: [1]\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 31, 5, "code_links.python.hits"));
    assert!(message.contains("unknown field `hits`"), "{message}");
    assert!(
        message.contains("`hit`, `miss`, `insert`, `update`, `evict`, `discard`"),
        "lists the events: {message}"
    );
}

#[test]
fn code_links_for_an_unknown_language() {
    let text = with_links("  java:\n    hit: [1]\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 30, 3, "code_links.java"));
    assert!(message.contains("expected `python` or `rust`"), "{message}");
}

#[test]
fn unknown_difficulty() {
    let text = card("a").replace("difficulty: easy", "difficulty: brutal");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 5, 13, "difficulty"));
    assert!(message.contains("`easy`, `medium`, `hard`"), "{message}");
}

#[test]
fn unknown_topic_lists_the_decks_topics() {
    let text = card("a").replace("topic: algo", "topic: graphs");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 3, 1, "topic"));
    assert!(
        message.contains("`graphs`") && message.contains("algo"),
        "{message}"
    );
}

#[test]
fn quiz_answer_out_of_range() {
    let text = card("a").replace("    answer: 1\n", "    answer: 2\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 32, 5, "quiz[0].answer"));
    assert!(message.contains("from 0 to 1"), "{message}");
}

/// `card("a")` with `item` (one quiz list entry, `  - kind: ...`) added after its
/// single-choice item, and the line the added item starts on.
fn card_with_item(item: &str) -> (String, usize) {
    let base = card("a");
    let line = base.lines().count() + 1;
    (format!("{base}{item}"), line)
}

/// The problems of a card holding `item`, as (line offset from the item's first line,
/// column, field, message).
fn item_problems(item: &str) -> Vec<(usize, usize, String, String)> {
    let (text, line) = card_with_item(item);
    let dir = deck_with(&[("a.yaml", &text)]);
    problems(dir.path())
        .into_iter()
        .map(|p| (p.line - line, p.col, p.field, p.message))
        .collect()
}

/// The one problem of a card holding `item`: (line offset, column, field), message.
fn item_problem(item: &str) -> ((usize, usize, String), String) {
    let found = item_problems(item);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let (line, col, field, message) = found.into_iter().next().unwrap();
    ((line, col, field), message)
}

fn pos(line: usize, col: usize, field: &str) -> (usize, usize, String) {
    (line, col, field.to_string())
}

const MULTIPLE: &str = "  - kind: multiple
    question: Which are even?
    options:
      - '1'
      - '2'
      - '4'
    answers:
      - 1
      - 2
    explanation: 2 and 4 divide by 2; 1 does not.
";

const CLOZE: &str = "  - kind: cloze
    question: Complete the call.
    lang: python
    text: |
      groups[{{1}}].append({{2}})
    gaps:
      - accept:
          - key
      - accept:
          - word
          - w
    explanation: The key picks the bucket, the word goes in it.
";

const REORDER: &str = "  - kind: reorder
    question: Put the function in order.
    lang: python
    code: |
      def two():
          return 2
    explanation: The def line comes first.
";

const RECALL: &str = "  - kind: recall
    question: Why is 1 + 1 two?
    points:
      - point: it counts
        accept:
          - count*
          - successor
      - point: it is defined so
        accept:
          - definition
          - defined
    model_answer: Counting one more after one gives two, by definition.
    explanation: Peano arithmetic defines 2 as the successor of 1.
";

#[test]
fn every_kind_of_quiz_item_validates() {
    let text = format!("{}{MULTIPLE}{CLOZE}{REORDER}{RECALL}", card("a"));
    let dir = deck_with(&[("a.yaml", &text)]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, []);
    let kinds: Vec<&str> = library.decks[0].cards[0]
        .quiz
        .iter()
        .map(|q| q.kind().label())
        .collect();
    assert_eq!(kinds, ["single", "multiple", "cloze", "reorder", "recall"]);
}

#[test]
fn unknown_quiz_kind_lists_the_kinds() {
    let ((line, _, field), message) = item_problem(&MULTIPLE.replace("multiple", "essay"));
    assert_eq!((line, field.as_str()), (0, "quiz[1].kind"));
    for kind in ["single", "multiple", "cloze", "reorder", "recall"] {
        assert!(message.contains(kind), "{message}");
    }
}

#[test]
fn a_field_of_another_kind_is_unknown() {
    let (place, message) =
        item_problem(&MULTIPLE.replace("    answers:", "    answer: 1\n    answers:"));
    assert_eq!(place, pos(6, 5, "quiz[1].answer"));
    assert!(message.starts_with("unknown field `answer`"), "{message}");
    assert!(
        message.contains("`answers`"),
        "lists the valid keys: {message}"
    );
}

#[test]
fn an_unknown_key_in_a_quiz_item_hides_nothing_else() {
    // The broken key is taken out and the item checked again, so the bad answer index
    // in the same item is still found.
    let item = MULTIPLE
        .replace("    answers:", "    hint: none\n    answers:")
        .replace("      - 2\n    expl", "      - 7\n    expl");
    let found = item_problems(&item);
    let fields: Vec<(usize, usize, &str)> =
        found.iter().map(|p| (p.0, p.1, p.2.as_str())).collect();
    assert_eq!(
        fields,
        [(6, 5, "quiz[1].hint"), (9, 9, "quiz[1].answers[1]")]
    );
}

#[test]
fn multiple_answer_out_of_range() {
    let (at, message) =
        item_problem(&MULTIPLE.replace("      - 2\n    expl", "      - 3\n    expl"));
    assert_eq!(at, pos(8, 9, "quiz[1].answers[1]"));
    assert!(message.contains("from 0 to 2"), "{message}");
}

#[test]
fn multiple_duplicate_and_missing_answers() {
    let (at, message) =
        item_problem(&MULTIPLE.replace("      - 2\n    expl", "      - 1\n    expl"));
    assert_eq!(at, pos(8, 9, "quiz[1].answers[1]"));
    assert_eq!(message, "duplicate answer 1");
    let (at, message) = item_problem(
        &MULTIPLE.replace("    answers:\n      - 1\n      - 2\n", "    answers: []\n"),
    );
    assert_eq!(at, pos(6, 5, "quiz[1].answers"));
    assert!(message.contains("at least one right option"), "{message}");
}

#[test]
fn empty_and_one_option_lists() {
    let (place, message) = item_problem(&MULTIPLE.replace(
        "    options:\n      - '1'\n      - '2'\n      - '4'\n",
        "    options: []\n",
    ));
    assert_eq!(place, pos(2, 5, "quiz[1].options"));
    assert_eq!(message, "needs at least two options, has 0");
    let text = card("a").replace(
        "    options: ['1', '2']\n    answer: 1\n",
        "    options: ['2']\n    answer: 0\n",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 31, 5, "quiz[0].options"));
    assert_eq!(message, "needs at least two options, has 1");
}

#[test]
fn duplicate_and_too_many_options() {
    let (at, message) = item_problem(&MULTIPLE.replace("      - '4'", "      - ' 2'"));
    assert_eq!(at, pos(5, 9, "quiz[1].options[2]"));
    assert_eq!(message, "duplicate option");
    let ten = (0..10)
        .map(|i| format!("      - 'o{i}'"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let (at, message) =
        item_problem(&MULTIPLE.replace("      - '1'\n      - '2'\n      - '4'\n", &ten));
    assert_eq!(at, pos(2, 5, "quiz[1].options"));
    assert!(message.contains("at most 9"), "{message}");
}

#[test]
fn cloze_gap_without_a_marker() {
    let (at, message) = item_problem(&CLOZE.replace(".append({{2}})", ".append(word)"));
    assert_eq!(at, pos(8, 9, "quiz[1].gaps[1]"));
    assert_eq!(message, "gap 2 has no {{2}} marker in `text`");
}

#[test]
fn cloze_marker_without_a_gap() {
    let (at, message) = item_problem(&CLOZE.replace("({{2}})", "({{2}}, {{3}})"));
    assert_eq!(at, pos(3, 5, "quiz[1].text"));
    assert!(message.contains("marker {{3}} has no gap"), "{message}");
}

#[test]
fn cloze_markers_out_of_order_or_repeated() {
    let (at, message) =
        item_problem(&CLOZE.replace("groups[{{1}}].append({{2}})", "groups[{{2}}].append({{1}})"));
    assert_eq!(at, pos(3, 5, "quiz[1].text"));
    assert!(
        message.contains("{{2}} is out of order") && message.contains("{{1}} was expected"),
        "{message}"
    );
    let found = item_problems(&CLOZE.replace("({{2}})", "({{1}})"));
    let fields: Vec<(usize, &str)> = found.iter().map(|p| (p.0, p.2.as_str())).collect();
    assert_eq!(fields, [(3, "quiz[1].text"), (8, "quiz[1].gaps[1]")]);
    assert!(found[0].3.contains("more than once"), "{}", found[0].3);
}

#[test]
fn cloze_without_markers_or_gaps() {
    let found =
        item_problems(&CLOZE.replace("groups[{{1}}].append({{2}})", "groups[key].append(word)"));
    let fields: Vec<(usize, &str)> = found.iter().map(|p| (p.0, p.2.as_str())).collect();
    assert_eq!(
        fields,
        [
            (3, "quiz[1].text"),
            (6, "quiz[1].gaps[0]"),
            (8, "quiz[1].gaps[1]")
        ]
    );
    assert!(found[0].3.contains("no gap markers"), "{}", found[0].3);
    let no_gaps = CLOZE
        .replace("({{2}})", "(word)")
        .replace("groups[{{1}}]", "groups[key]");
    let no_gaps = no_gaps[..no_gaps.find("    gaps:").unwrap()].to_string()
        + "    gaps: []\n    explanation: e\n";
    let found = item_problems(&no_gaps);
    let fields: Vec<(usize, usize, &str)> =
        found.iter().map(|p| (p.0, p.1, p.2.as_str())).collect();
    assert_eq!(fields, [(3, 5, "quiz[1].text"), (5, 5, "quiz[1].gaps")]);
}

#[test]
fn cloze_gap_with_no_accepted_answer() {
    let (at, message) =
        item_problem(&CLOZE.replace("      - accept:\n          - key\n", "      - accept: []\n"));
    assert_eq!(at, pos(6, 9, "quiz[1].gaps[0].accept"));
    assert_eq!(message, "needs at least one accepted answer");
}

#[test]
fn cloze_blank_or_duplicate_alternatives() {
    let (at, message) = item_problem(&CLOZE.replace("          - w\n", "          - ' '\n"));
    assert_eq!(at, pos(10, 13, "quiz[1].gaps[1].accept[1]"));
    assert_eq!(message, "must not be empty");
    let (at, message) = item_problem(&CLOZE.replace("          - w\n", "          - ' word '\n"));
    assert_eq!(at, pos(10, 13, "quiz[1].gaps[1].accept[1]"));
    assert!(
        message.contains("same answer as an earlier one"),
        "{message}"
    );
}

#[test]
fn reorder_with_one_line() {
    let (at, message) = item_problem(&REORDER.replace("          return 2\n", "\n"));
    assert_eq!(at, pos(3, 5, "quiz[1].code"));
    assert_eq!(
        message,
        "needs at least two non-blank lines to put in order, has 1"
    );
}

#[test]
fn reorder_with_identical_lines() {
    let (at, message) =
        item_problem(&REORDER.replace("          return 2\n", "      def two():\n"));
    assert_eq!(at, pos(3, 5, "quiz[1].code"));
    assert!(message.contains("every line is the same"), "{message}");
}

#[test]
fn recall_without_points() {
    let item = RECALL[..RECALL.find("    points:").unwrap()].to_string()
        + "    points: []\n    model_answer: m\n    explanation: e\n";
    let (at, message) = item_problem(&item);
    assert_eq!(at, pos(2, 5, "quiz[1].points"));
    assert_eq!(message, "needs at least one key point");
}

#[test]
fn recall_point_with_no_accepted_phrase() {
    let (at, message) = item_problem(&RECALL.replace(
        "        accept:\n          - definition\n          - defined\n",
        "        accept: []\n",
    ));
    assert_eq!(at, pos(8, 9, "quiz[1].points[1].accept"));
    assert!(message.contains("at least one word or phrase"), "{message}");
}

#[test]
fn recall_phrase_without_words() {
    let (at, message) =
        item_problem(&RECALL.replace("          - successor\n", "          - '--'\n"));
    assert_eq!(at, pos(6, 13, "quiz[1].points[0].accept[1]"));
    assert_eq!(message, "has no letters or digits to look for");
}

#[test]
fn recall_model_answer_must_make_every_point() {
    let (at, message) = item_problem(&RECALL.replace(", by definition.", "."));
    assert_eq!(at, pos(7, 9, "quiz[1].points[1]"));
    assert!(
        message.contains("model answer does not make this point"),
        "{message}"
    );
}

/// [`RECALL`] with example answers after its explanation (line 13 of the item on).
fn recall_with_examples(right: &[&str], wrong: &[&str]) -> String {
    let list = |items: &[&str]| -> String {
        if items.is_empty() {
            return "        []\n".to_string();
        }
        items.iter().fold(String::new(), |mut out, e| {
            let _ = writeln!(out, "        - {e}");
            out
        })
    };
    format!(
        "{RECALL}    examples:\n      right:\n{}      wrong:\n{}",
        list(right),
        list(wrong)
    )
}

#[test]
fn recall_examples_that_score_as_listed_are_fine() {
    let item = recall_with_examples(
        &[
            "It is the successor of one, by definition.",
            "Counting says so, as defined.",
        ],
        &["It just is."],
    );
    assert_eq!(item_problems(&item), []);
}

#[test]
fn a_right_recall_example_that_scores_wrong() {
    let item = recall_with_examples(
        &[
            "Counting says so, as defined.",
            "Two is what one more than one is.",
        ],
        &[],
    );
    let (at, message) = item_problem(&item);
    // Line 13 is `examples:`, 14 `right:`, 15 and 16 the two examples.
    assert_eq!(at, pos(16, 11, "quiz[1].examples.right[1]"));
    assert_eq!(
        message,
        "a right answer that scores wrong: it misses points 1 \"it counts\"; 2 \"it is \
         defined so\""
    );
    let item = recall_with_examples(&["Successor of one."], &[]);
    let (at, message) = item_problem(&item);
    assert_eq!(at, pos(15, 11, "quiz[1].examples.right[0]"));
    assert_eq!(
        message,
        "a right answer that scores wrong: it misses point 2 \"it is defined so\"; \
         it makes point 1 \"it counts\" (by `successor`)"
    );
    // When the words said are not the phrase itself, the message quotes them.
    let item = recall_with_examples(&["Counting up gets there."], &[]);
    let (_, message) = item_problem(&item);
    assert!(
        message.ends_with("it makes point 1 \"it counts\" (\"Counting\" for `count*`)"),
        "{message}"
    );
    // A point named only in a denial: the message says so, with the words.
    let item = recall_with_examples(&["Successor of one, never a definition."], &[]);
    let (_, message) = item_problem(&item);
    assert_eq!(
        message,
        "a right answer that scores wrong: it misses point 2 \"it is defined so\" (named only \
         in a denial: \"definition\" for `definition`); it makes point 1 \"it counts\" (by \
         `successor`)"
    );
}

#[test]
fn a_wrong_recall_example_that_scores_right() {
    let item = recall_with_examples(
        &["Successor, by definition."],
        &["The successor is defined elsewhere."],
    );
    let (at, message) = item_problem(&item);
    // Line 16 is `wrong:`.
    assert_eq!(at, pos(17, 11, "quiz[1].examples.wrong[0]"));
    assert_eq!(
        message,
        "a wrong answer that scores right: it makes every point (points 1 \"it counts\" (by \
         `successor`); 2 \"it is defined so\" (by `defined`))"
    );
}

#[test]
fn blank_and_misspelt_recall_examples() {
    let item = recall_with_examples(&["''"], &["Counting."]);
    let (at, message) = item_problem(&item);
    assert_eq!(at, pos(15, 11, "quiz[1].examples.right[0]"));
    assert_eq!(message, "must not be empty");
    // serde reads a quiz item whole, so a misspelt key inside it is reported at the
    // item (see content::yaml), by name.
    let (at, message) = item_problem(&format!("{RECALL}    examples:\n      rigth: [x]\n"));
    assert_eq!(at, pos(0, 5, "quiz[1].rigth"));
    assert!(
        message.starts_with("unknown field `rigth`, expected `right` or `wrong`"),
        "{message}"
    );
}

#[test]
fn a_huge_recall_example_is_refused_not_scored() {
    // 300,000 words, each compared with the 14 words of the accepted phrases (twice:
    // a phrase may skip one word), is over the budget of four million comparisons.
    let huge = "a ".repeat(300_000);
    let more = (0..10).fold(String::new(), |mut out, i| {
        let _ = writeln!(out, "          - zz{i}");
        out
    });
    let item = recall_with_examples(&[&huge], &[]).replace(
        "          - successor\n",
        &format!("          - successor\n{more}"),
    );
    let (at, message) = item_problem(&item);
    assert_eq!(at, pos(25, 11, "quiz[1].examples.right[0]"));
    assert!(message.starts_with("too long to check"), "{message}");
}

/// [`RECALL`] whose second point asks for two of three things.
const RECALL_TWO_OF: &str = "  - kind: recall
    question: Name two ways to write two.
    points:
      - point: it counts
        accept:
          - count*
      - point: two of the ways to write it
        need: 2
        of:
          - [digit, '2']
          - [roman, II]
          - [word, spelled]
    model_answer: Counting to two, it is the digit 2, the roman II or the word.
    explanation: Any two of the three will do.
";

#[test]
fn a_point_made_by_k_of_n_alternatives() {
    let item = format!(
        "{RECALL_TWO_OF}    examples:\n      right:\n        - count, then a roman II or spelled out\n        - counting; 2 or II\n      wrong:\n        - counting gives the digit 2\n"
    );
    assert_eq!(item_problems(&item), []);
    let item = RECALL_TWO_OF.replace("the digit 2, the roman II or the word", "the digit");
    let (at, message) = item_problem(&item);
    assert_eq!(at, pos(6, 9, "quiz[1].points[1]"));
    assert!(
        message.contains("model answer does not make this point"),
        "{message}"
    );
}

#[test]
fn k_of_n_points_need_a_count_that_fits() {
    let (at, message) = item_problem(&RECALL_TWO_OF.replace("need: 2", "need: 4"));
    assert_eq!(at, pos(7, 9, "quiz[1].points[1].need"));
    assert_eq!(
        message,
        "`need: 4` must be from 1 to the number of alternatives in `of`, 3"
    );
    let (at, message) = item_problem(&RECALL_TWO_OF.replace("        need: 2\n", ""));
    assert_eq!(at, pos(7, 9, "quiz[1].points[1].of"));
    assert!(message.contains("with `need`"), "{message}");
    let (at, message) =
        item_problem(&RECALL_TWO_OF.replace("          - [word, spelled]", "          - []"));
    assert_eq!(at, pos(11, 13, "quiz[1].points[1].of[2]"));
    assert!(message.contains("at least one word or phrase"), "{message}");
    // Inside a flow list the position is the list's (see content::locate).
    let (at, message) = item_problem(&RECALL_TWO_OF.replace("[roman, II]", "[roman, '--']"));
    assert_eq!(at, pos(10, 13, "quiz[1].points[1].of[1][1]"));
    assert_eq!(message, "has no letters or digits to look for");
    let (at, message) = item_problem(&RECALL.replace(
        "        accept:\n          - count*",
        "        need: 1\n        accept:\n          - count*",
    ));
    assert_eq!(at, pos(4, 9, "quiz[1].points[0].need"));
    assert!(message.contains("remove `need`"), "{message}");
    let (at, message) = item_problem(&RECALL_TWO_OF.replace(
        "        need: 2\n",
        "        need: 2\n        accept: [two]\n",
    ));
    assert_eq!(at, pos(8, 9, "quiz[1].points[1].accept"));
    assert!(message.contains("not both"), "{message}");
}

#[test]
fn bad_id_and_tag() {
    let text = card("Bad_Id").replace("tags: [one, two]", "tags:\n  - one\n  - Two");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    let fields: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|p| (p.line, p.col, p.field.as_str()))
        .collect();
    assert_eq!(fields, [(1, 1, "id"), (6, 5, "tags[1]")]);
}

#[test]
fn duplicate_card_id_in_one_deck() {
    let dir = deck_with(&[("a.yaml", &card("same")), ("b.yaml", &card("same"))]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("b.yaml", 1, 1, "id"));
    assert!(message.contains("duplicate card id `same`"), "{message}");
    assert!(
        message.contains("a.yaml:1:1"),
        "names the first use: {message}"
    );
}

/// A card with a type error still has an id: the duplicate is reported too.
#[test]
fn a_broken_card_still_takes_part_in_the_duplicate_check() {
    let broken = card("same").replace("difficulty: easy", "difficulty: impossible");
    for (first, second) in [(broken.clone(), card("same")), (card("same"), broken)] {
        let dir = deck_with(&[("a.yaml", &first), ("b.yaml", &second)]);
        let found = problems(dir.path());
        let duplicate: Vec<_> = found
            .iter()
            .filter(|p| p.message.contains("duplicate card id `same`"))
            .collect();
        assert_eq!(duplicate.len(), 1, "{found:#?}");
        assert!(duplicate[0].file.ends_with("b.yaml"), "{found:#?}");
        assert_eq!((duplicate[0].line, duplicate[0].col), (1, 1));
        assert!(duplicate[0].message.contains("a.yaml:1:1"), "{found:#?}");
        assert!(found.iter().any(|p| p.field == "difficulty"), "{found:#?}");
        assert_eq!(found.len(), 2, "{found:#?}");
    }
}

/// A deck left out for a broken deck.yaml still has its cards' ids checked.
#[test]
fn a_deck_left_out_still_takes_part_in_the_duplicate_check() {
    let dir = deck_with(&[("a.yaml", &card("same")), ("b.yaml", &card("same"))]);
    fs::write(
        dir.path().join("deck.yaml"),
        DECK.replace("test-deck", "Bad Id"),
    )
    .unwrap();
    let found = problems(dir.path());
    let fields: Vec<_> = found
        .iter()
        .map(|p| (p.file.rsplit('/').next().unwrap(), p.line, p.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("b.yaml", 1, "id"), ("deck.yaml", 1, "id")],
        "{found:#?}"
    );
    assert!(
        found[0].message.contains("duplicate card id `same`"),
        "{found:#?}"
    );
}

#[test]
fn duplicate_card_id_across_decks() {
    let root = tempfile::tempdir().unwrap();
    for (deck, id) in [("one", "shared"), ("two", "shared")] {
        let dir = root.path().join(deck);
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("deck.yaml"), DECK.replace("test-deck", deck)).unwrap();
        fs::write(dir.join("card.yaml"), card(id)).unwrap();
    }
    let found = problems(root.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].file.ends_with("two/card.yaml"), "{:?}", found[0]);
    assert!(
        found[0].message.contains("one/card.yaml"),
        "{}",
        found[0].message
    );
}

#[test]
fn several_cards_in_one_file_keep_their_line_numbers() {
    let text = format!(
        "{}---\n{}",
        card("a"),
        card("b").replace("difficulty: easy", "difficulty: 3")
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let lines = card("a").lines().count();
    let (where_, _) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", lines + 1 + 5, 13, "difficulty"));
}

#[test]
fn every_problem_of_a_card_is_reported() {
    let text = card("a")
        .replace("difficulty: easy\n", "difficulty: easy\ncolour: red\n")
        .replace("topic: algo", "topic: graphs")
        .replace("  - none\n", "  - \"\"\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let fields: Vec<String> = problems(dir.path()).into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["topic", "colour", "pitfalls[0]"]);
}

#[test]
fn yaml_syntax_error() {
    let text = card("a").replace("title: A card", "title: [unclosed");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, _) = only_problem(dir.path());
    assert_eq!((where_.0.as_str(), where_.1), ("a.yaml", 2));
}

#[test]
fn file_over_one_mib_is_refused_before_parsing() {
    // Deeply nested flow sequences: what would make a YAML parser crawl.
    let text = "[".repeat(1_100_000);
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 1, 1, "(file)"));
    assert!(message.contains("limited to 1 MiB"), "{message}");
}

#[test]
fn non_utf8_file_names_the_first_bad_byte() {
    let dir = deck_with(&[]);
    let mut bytes = b"id: a\ntitle: caf".to_vec();
    bytes.push(0xE9);
    fs::write(dir.path().join("a.yaml"), bytes).unwrap();
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 2, 11, "(file)"));
    assert!(
        message.contains("0xe9") && message.contains("offset 16"),
        "{message}"
    );
}

#[test]
fn deck_folder_without_deck_yaml() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.yaml"), card("a")).unwrap();
    let (where_, message) = only_problem(dir.path());
    assert_eq!((where_.1, where_.2, where_.3.as_str()), (1, 1, "(file)"));
    assert!(message.contains("deck.yaml"), "{message}");
}

#[test]
fn broken_deck_yaml() {
    let dir = deck_with(&[("a.yaml", &card("a"))]);
    fs::write(
        dir.path().join("deck.yaml"),
        "id: Test Deck\ntitle: T\ndescription: d\ntopics: []\nextra: 1\n",
    )
    .unwrap();
    let found = problems(dir.path());
    let fields: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|p| (p.line, p.col, p.field.as_str()))
        .collect();
    assert_eq!(fields, [(1, 1, "id"), (4, 1, "topics"), (5, 1, "extra")]);
}

#[test]
fn a_card_file_checked_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lone.yaml");
    fs::write(
        &path,
        card("lone").replace("difficulty: easy", "difficulty: x"),
    )
    .unwrap();
    let found = check_paths(&[path]).problems;
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].field.as_str()), (5, "difficulty"));
}

#[test]
fn a_missing_path() {
    let found = check_paths(&[Path::new("/no/such/deck").to_path_buf()]).problems;
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("no such file"), "{:?}", found[0]);
}

#[test]
fn every_bundled_deck_validates() {
    let library = tutor::content::load_library(&tutor::content::LoadOptions {
        bundled: true,
        ..Default::default()
    });
    assert_eq!(library.problems, []);
    // A session does not score recall examples; `tutor check` does.
    let checked = tutor::content::load::check_library(&tutor::content::LoadOptions {
        bundled: true,
        ..Default::default()
    });
    assert_eq!(checked.problems, []);
    let deck = library
        .deck("amazon-python")
        .expect("the amazon-python deck");
    let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
    for required in [
        "lru-cache",
        "timing-decorator",
        "gil",
        "s3-bulk-processing",
        "args-kwargs",
        "group-anagrams",
    ] {
        assert!(
            ids.contains(&required),
            "missing foundation card {required}: {ids:?}"
        );
    }
    let lru = library.card("lru-cache").unwrap().1;
    assert_eq!(lru.visual, Some(tutor::content::Visual::Lru));
    let mut kinds_in_deck = std::collections::BTreeSet::new();
    for (_, card) in library.cards() {
        assert!(
            card.quiz.len() >= 3,
            "{} has {} quiz items",
            card.id,
            card.quiz.len()
        );
        let kinds: std::collections::BTreeSet<_> = card
            .quiz
            .iter()
            .map(tutor::content::QuizItem::kind)
            .collect();
        assert!(
            kinds.len() >= 2,
            "{} has quiz items of one kind only: {kinds:?}",
            card.id
        );
        kinds_in_deck.extend(kinds);
    }
    assert_eq!(
        kinds_in_deck.into_iter().collect::<Vec<_>>(),
        tutor::content::QuizKind::ALL,
        "the bundled deck uses every kind of quiz item"
    );
}

#[test]
fn a_broken_list_item_does_not_shift_later_positions() {
    let text = card("a").replace("  - adds\n", "  - adds\n  - {a: 1}\n  - \"  \"\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    // The broken item is reported where it is, and taken out; the blank item after it is
    // still checked, and reported at its own index and line.
    let places: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|p| (p.line, p.col, p.field.as_str()))
        .collect();
    assert_eq!(places, [(24, 5, "key_points[1]"), (25, 5, "key_points[2]")]);
}

#[test]
fn escape_sequences_in_a_deck_are_not_echoed_raw() {
    let text = card("a").replace("topic: algo", "topic: \"x\\u001b[2J\"");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    assert_eq!(found.len(), 1);
    let shown = found[0].to_string();
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("\\u{1b}[2J"), "{shown}");
}

/// A behavioural card, as the schema accepts it: a STAR outline, no code.
fn behavioral(id: &str) -> String {
    format!(
        "id: {id}
kind: behavioral
title: Ownership
topic: algo
tags: [ownership]
difficulty: medium
prompt: |
  Tell me about a time you took on something outside your job.
star:
  situation: A nightly job failed.
  task: Nobody owned it.
  action: I fixed it and wrote a runbook.
  result: No failures for a quarter.
explanation: |
  Interviewers look for ownership.
key_points:
  - you acted without being asked
pitfalls:
  - blaming others
follow_ups:
  - What would you do differently?
quiz:
  - kind: single
    question: What does the R in STAR stand for?
    options: [Result, Reason]
    answer: 0
    explanation: Result.
"
    )
}

#[test]
fn a_behavioral_card_is_accepted_explicitly() {
    let dir = deck_with(&[("a.yaml", &behavioral("own"))]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, []);
    assert_eq!(library.card_count(), 1);
}

#[test]
fn a_behavioral_card_may_not_carry_code_and_needs_its_outline() {
    let with_code = behavioral("own").replace(
        "explanation: |",
        "python:\n  solution: x\n  tests: assert x\nexplanation: |",
    );
    let dir = deck_with(&[("a.yaml", &with_code)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 14, 1, "python"));
    assert!(message.contains("no code"), "{message}");

    let no_star = behavioral("own").replace(
        "star:\n  situation: A nightly job failed.\n  task: Nobody owned it.\n  action: I fixed it and wrote a runbook.\n  result: No failures for a quarter.\n",
        "",
    );
    let dir = deck_with(&[("a.yaml", &no_star)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 2, 1, "kind"));
    assert!(message.contains("needs a `star` outline"), "{message}");

    let blank = behavioral("own").replace("  task: Nobody owned it.", "  task: \"\"");
    let dir = deck_with(&[("a.yaml", &blank)]);
    let (where_, _) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 11, 3, "star.task"));
}

#[test]
fn a_coding_card_without_code_is_not_silently_behavioral() {
    let text = card("a").replace(
        "rust:\n  solution: |\n    pub fn two() -> i32 { 2 }\n  tests: |\n    #[test]\n    fn two_is_two() { assert_eq!(two(), 2); }\n",
        "",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    // A card without `kind` is a coding card: the problem is at its start.
    assert_eq!(where_, at("a.yaml", 1, 1, "kind"));
    assert!(message.contains("needs a `rust` solution"), "{message}");
    assert!(message.contains("kind: behavioral"), "{message}");
}

/// A choice that is not a name at all (a list, a number) is answered with the names the
/// field takes, never with serde's internal wording.
#[test]
fn a_choice_that_is_not_a_name_lists_the_names() {
    for value in ["[easy]", "{level: 1}"] {
        let text = card("a").replace("difficulty: easy", &format!("difficulty: {value}"));
        let dir = deck_with(&[("a.yaml", &text)]);
        let problems = problems(dir.path());
        let problem = problems
            .iter()
            .find(|p| p.field == "difficulty")
            .unwrap_or_else(|| panic!("{value}: {problems:?}"));
        assert!(
            problem
                .message
                .ends_with("expected one of `easy`, `medium`, `hard`"),
            "{value}: {}",
            problem.message
        );
        assert!(!problem.message.contains("Tagged"), "{}", problem.message);
    }
}

/// A broken `visual` is reported once: the `code_links` that need it are not blamed too.
#[test]
fn a_broken_visual_is_not_reported_twice() {
    let lru = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/amazon-python/01-lru-cache.yaml"
    ))
    .unwrap();
    let text = lru
        .replace("visual: lru", "visual: [lru]")
        .replace("topic: data-structures", "topic: algo");
    assert_ne!(text, lru);
    let dir = deck_with(&[("lru.yaml", &text)]);
    let problems = problems(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "visual");
    assert!(
        problems[0]
            .message
            .ends_with("expected `lru` or `anagrams`"),
        "{problems:?}"
    );
}

// Hostile files, through the real binary: every one answers with exit 1 and
// `file:line:col`, never a panic and never a hang.

mod common;

/// `tutor check FILE` on `text` written to a fresh folder: (exit code, stdout, file name).
fn check_file(text: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.yaml");
    fs::write(&path, text).unwrap();
    let data = tempfile::tempdir().unwrap();
    let run = common::tutor(data.path(), &["check", path.to_str().unwrap()]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "raw ESC in {:?}",
        run.stdout
    );
    (run.code, run.stdout, common::shown(&path))
}

/// The problems `tutor check` printed, as (line, col, field, message); every line but the
/// summary must be `FILE:LINE:COL: error: FIELD: MESSAGE`.
fn printed_problems(stdout: &str, file: &str) -> Vec<(usize, usize, String, String)> {
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.contains("problem"), "no summary in {stdout}");
    lines
        .iter()
        .map(|line| {
            let rest = line
                .strip_prefix(file)
                .and_then(|r| r.strip_prefix(':'))
                .unwrap_or_else(|| panic!("not `{file}:line:col`: {line}"));
            let mut parts = rest.splitn(3, ':');
            let line_no = parts.next().unwrap().parse().unwrap();
            let col = parts.next().unwrap().parse().unwrap();
            let rest = parts.next().unwrap().strip_prefix(" error: ").unwrap();
            let (field, message) = rest.split_once(": ").unwrap();
            (line_no, col, field.to_string(), message.to_string())
        })
        .collect()
}

/// The one problem of a hostile file, as ((line, col), message).
fn one_problem(text: &str) -> ((usize, usize), String) {
    let (code, stdout, file) = check_file(text);
    assert_eq!(code, Some(1), "{stdout}");
    let found = printed_problems(&stdout, &file);
    assert_eq!(found.len(), 1, "{stdout}");
    let (line, col, _, message) = found.into_iter().next().unwrap();
    ((line, col), message)
}

const TOO_DEEP: &str = "nested more than 64 levels deep";

/// The case: 200 KB of nested brackets kept `check` busy for minutes.
#[test]
fn two_hundred_kb_of_brackets_are_refused_at_the_65th() {
    let n = 100_000;
    let text = format!("prompt: {}{}\n", "[".repeat(n), "]".repeat(n));
    let (at, message) = one_problem(&text);
    // One block mapping, then 64 lists: `prompt: ` is 8 columns, the 64th `[` is col 72.
    assert_eq!(at, (1, 72));
    assert!(message.contains(TOO_DEEP), "{message}");
}

#[test]
fn deep_nesting_of_every_kind_is_refused_where_it_goes_too_deep() {
    let n = 2_000;
    // Deep indentation grows with the square of the depth: these stay under 1 MiB.
    let indented: String = (0..1000).map(|i| " ".repeat(i) + "a:\n").collect();
    let items: String = (0..700).map(|i| "  ".repeat(i) + "- a:\n").collect();
    for (shape, text, at) in [
        (
            "braces",
            format!("prompt: {}\n", "{a: ".repeat(n)),
            (1, 261),
        ),
        ("indentation", indented, (65, 65)),
        ("list items", items, (33, 65)),
        (
            "dashes",
            format!("prompt:\n{}x\n", "- ".repeat(n)),
            (2, 127),
        ),
        (
            "block and flow",
            format!("python:\n  solution:\n    - {}\n", "[{a: ".repeat(n)),
            (3, 158),
        ),
        ("a key", format!("? {}\n: 1\n", "[".repeat(n)), (1, 66)),
        (
            "after a block scalar",
            format!("prompt: |\n  x\ntitle: {}\n", "[".repeat(n)),
            (3, 71),
        ),
    ] {
        let (found, message) = one_problem(&text);
        assert_eq!(found, at, "{shape}");
        assert!(message.contains(TOO_DEEP), "{shape}: {message}");
    }
}

/// Brackets in text (quoted, plain, block scalars, comments) are not nesting.
#[test]
fn brackets_in_text_are_not_nesting() {
    let open = "[".repeat(200);
    let text = card("a")
        .replace("title: A card", &format!("title: A card {open}"))
        .replace(
            "  What is 1 + 1?",
            &format!("  What is 1 + 1? {open}\n  # {open}"),
        )
        .replace("pitfalls:\n  - none", &format!("pitfalls:\n  - '{open}'"))
        .replace(
            "follow_ups:\n  - three?",
            &format!("follow_ups:\n  - \"{open}\" # {open}"),
        );
    let dir = deck_with(&[("a.yaml", &text)]);
    assert_eq!(problems(dir.path()), []);
}

/// Aliases of aliases (the "billion laughs") and many aliases of one big list.
#[test]
fn aliases_that_expand_too_far_are_refused() {
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        writeln!(laughs, "a{i}: &a{i} [{refs}]").unwrap();
    }
    laughs.push_str("prompt: *a9\n");
    let list = vec!["x"; 1000].join(", ");
    let wide = format!(
        "big: &big [{list}]\nprompt: [{}]\n",
        vec!["*big"; 1000].join(", ")
    );
    for text in [laughs, wide] {
        let (_, message) = one_problem(&text);
        assert!(
            message.contains("expand to more than 100000 values"),
            "{message}"
        );
    }
    // A few aliases are fine.
    let text = card("a").replace("title: A card", "title: &t A card\nprompt2: *t");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("unknown field `prompt2`"));
}

/// The problem of a hostile file whose message says its aliases expand too far, as
/// ((line, col), message); the other documents' problems do not matter here.
fn expansion_problem(text: &str) -> ((usize, usize), String) {
    let (code, stdout, file) = check_file(text);
    assert_eq!(code, Some(1), "{stdout}");
    let found: Vec<_> = printed_problems(&stdout, &file)
        .into_iter()
        .filter(|(.., message)| message.contains("expand to more than"))
        .collect();
    assert_eq!(found.len(), 1, "{stdout}");
    let (line, col, _, message) = found.into_iter().next().unwrap();
    ((line, col), message)
}

/// The alias budget is the file's, not each document's: many documents that each stay
/// under it kept `check` busy for a minute on a 1 MB file.
#[test]
fn aliases_spread_over_documents_share_one_budget() {
    // Each document expands to about 66,000 values: under the limit alone, over it
    // together, in the second document's last line.
    let doc = "id: c\ntitle: C\na: &a [x,x,x,x,x,x,x,x,x]\n\
               b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
               d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";
    let text = [doc; 50].join("---\n");
    let ((line, col), message) = expansion_problem(&text);
    assert_eq!(line, 8 + 7, "the second document's `e:` line: {message}");
    // At one of that line's `*d` (from column 8, three apart), not at its key or at the
    // anchored list the parser was repeating.
    assert!(col >= 8 && (col - 8) % 3 == 0, "{col}: {message}");
    assert!(message.contains("this file's aliases"), "{message}");
    assert!(message.contains("more than 100000 values"), "{message}");
}

/// Bytes count as well as values: a few aliases of one long string would otherwise
/// build gigabytes.
#[test]
fn aliases_of_a_long_string_are_refused_by_their_bytes() {
    let text = format!(
        "id: c\ntitle: C\nx: &a \"{}\"\nprompt: [{}]\n",
        "y".repeat(100_000),
        vec!["*a"; 100].join(",")
    );
    let ((line, col), message) = expansion_problem(&text);
    assert!(message.contains("more than 4 MiB of text"), "{message}");
    // The alias that goes over: the text and 40 aliases of its 100,000 bytes fit in
    // 4 MiB, the 41st does not.
    assert_eq!((line, col), (4, 10 + 3 * 40), "{message}");
}

/// A raw control character (here ESC) is reported at its line and column, and named.
#[test]
fn control_characters_are_reported_where_they_are() {
    for (text, at) in [
        ("id: a\ntitle: x\n\u{1b}[31mkey: 2\n".to_string(), (3, 1)),
        (
            "id: a\ntitle: \"ab\u{1b}]0;pwn\u{7}\"\n".to_string(),
            (2, 11),
        ),
    ] {
        let (found, message) = one_problem(&text);
        assert_eq!(found, at, "{message}");
        assert!(message.contains("U+001B"), "{message}");
    }
    // Escaped, they are values: shown escaped, never raw.
    let text = card("a").replace("topic: algo", "topic: \"\\e[2J\"\n\"\\e]0;x\\a\": 1");
    let (code, stdout, file) = check_file(&text);
    assert_eq!(code, Some(1));
    let found = printed_problems(&stdout, &file);
    assert_eq!(found.len(), 1, "{stdout}");
    assert_eq!((found[0].0, found[0].1), (4, 1));
    assert!(found[0].2.contains("\\u{1b}]0;x\\u{7}"), "{stdout}");
}

/// Big files of every shape answer, each problem with its position: a long line, a
/// 1 MiB string, many cards, many problems in one card (each at its own line).
#[test]
fn big_files_answer_with_every_position() {
    let limit = 1024 * 1024 - 4096;
    let (code, stdout, _) = check_file(&format!("prompt: {}\n", "x".repeat(limit)));
    assert_eq!(code, Some(1), "{stdout}");
    let block = format!(
        "prompt: |\n{}",
        format!("  {}\n", "z".repeat(78)).repeat(limit / 81)
    );
    let (code, stdout, _) = check_file(&block);
    assert_eq!(code, Some(1), "{stdout}");

    let many: String = (0..1500)
        .map(|i| "---\n".to_string() + &card(&format!("c{i}")))
        .collect();
    let (code, stdout, _) = check_file(&many);
    assert_eq!((code, stdout.trim()), (Some(0), "1500 cards, no problems"));

    let n = 20_000;
    let blanks = card("a").replace(
        "key_points:\n  - adds\n",
        &format!("key_points:\n{}", "  - ' '\n".repeat(n)),
    );
    let (code, stdout, file) = check_file(&blanks);
    assert_eq!(code, Some(1));
    let found = printed_problems(&stdout, &file);
    assert_eq!(found.len(), n);
    for (i, (line, col, field, message)) in found.iter().enumerate() {
        assert_eq!((*line, *col), (23 + i, 5), "{field}");
        assert_eq!(field, &format!("key_points[{i}]"));
        assert_eq!(message, "must not be empty");
    }
}

/// Starting tutor loads `--decks` through the same parser: a hostile card there is
/// reported and skipped, and the rest of its deck loads.
#[test]
fn a_hostile_card_in_a_deck_folder_does_not_stall_the_start() {
    let n = 100_000;
    let deep = format!("prompt: {}{}\n", "[".repeat(n), "]".repeat(n));
    let dir = deck_with(&[("a.yaml", &card("good-card")), ("b.yaml", &deep)]);
    let data = tempfile::tempdir().unwrap();
    let run = common::tutor(
        data.path(),
        &[
            "--decks",
            dir.path().to_str().unwrap(),
            "show",
            "good-card",
            "--plain",
        ],
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.contains("What is 1 + 1?"), "{}", run.stdout);
    // Without a terminal, `tutor` prints the home listing, and the problems to stderr.
    let home = common::tutor(data.path(), &["--decks", dir.path().to_str().unwrap()]);
    assert_eq!(home.code, Some(0), "{home:?}");
    assert!(home.stdout.contains("good-card"), "{}", home.stdout);
    let b = common::shown(&dir.path().join("b.yaml"));
    assert!(
        home.stderr
            .contains(&format!("{b}:1:72: error: (root): {TOO_DEEP}")),
        "{}",
        home.stderr
    );
}

// `tutor check` reports every mistake at once.

/// (file name, line, field) of every problem under `dir`.
fn places(dir: &Path) -> Vec<(String, usize, String)> {
    problems(dir)
        .into_iter()
        .map(|p| {
            let name = Path::new(&p.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, p.line, p.field)
        })
        .collect()
}

fn place(file: &str, line: usize, field: &str) -> (String, usize, String) {
    (file.to_string(), line, field.to_string())
}

#[test]
fn a_bad_deck_id_does_not_stop_the_cards_being_checked() {
    let text = card("a").replace("  - none\n", "  - ' '\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    fs::write(
        dir.path().join("deck.yaml"),
        DECK.replace("test-deck", "Test Deck"),
    )
    .unwrap();
    assert_eq!(
        places(dir.path()),
        [
            place("a.yaml", 25, "pitfalls[0]"),
            place("deck.yaml", 1, "id")
        ]
    );
    // A deck.yaml whose topics cannot be read: its cards are checked, but not their
    // topics (every card would be blamed for the deck's mistake).
    fs::write(
        dir.path().join("deck.yaml"),
        DECK.replace("topics:\n", "topics: 5\nx:\n"),
    )
    .unwrap();
    let found = places(dir.path());
    assert!(
        found.contains(&place("a.yaml", 25, "pitfalls[0]")),
        "{found:?}"
    );
    assert!(!found.iter().any(|p| p.2 == "topic"), "{found:?}");
}

#[test]
fn a_type_error_does_not_hide_the_content_errors() {
    let blank_pitfall = card("a").replace("  - none\n", "  - ' '\n");
    for (broken, field) in [
        (
            blank_pitfall.replace("difficulty: easy", "difficulty: hardest"),
            "difficulty",
        ),
        (
            blank_pitfall.replace("difficulty: easy", "difficulty: [easy]"),
            "difficulty",
        ),
        (
            blank_pitfall.replace("title: A card", "title: [A, card]"),
            "title",
        ),
        (blank_pitfall.replace("title: A card\n", ""), "(root)"),
        (
            blank_pitfall.replace("tags: [one, two]", "tags: one"),
            "tags",
        ),
        (
            blank_pitfall.replace("topic: algo", "topic: algo\ncolour: red"),
            "colour",
        ),
    ] {
        let dir = deck_with(&[("a.yaml", &broken)]);
        let found: Vec<String> = problems(dir.path()).into_iter().map(|p| p.field).collect();
        assert_eq!(found.len(), 2, "{field}: {found:?}");
        assert!(found.contains(&field.to_string()), "{field}: {found:?}");
        assert!(
            found.contains(&"pitfalls[0]".to_string()),
            "{field}: {found:?}"
        );
    }
}

/// A broken `kind` is reported once: the card is not also blamed for lacking the code or
/// the outline its kind would need.
#[test]
fn a_broken_kind_hides_nothing_and_adds_nothing() {
    let text = behavioral("own")
        .replace("kind: behavioral", "kind: behavioural")
        .replace("  - blaming others", "  - ''");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found: Vec<String> = problems(dir.path()).into_iter().map(|p| p.field).collect();
    assert_eq!(found, ["kind", "pitfalls[0]"]);
    // What is inside the fields the kind decides on is still checked.
    let text = card("a")
        .replace("kind: coding\n", "")
        .replace("id: a\n", "id: a\nkind: [coding]\n")
        .replace("    assert two() == 2\n", "    two()\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found: Vec<String> = problems(dir.path()).into_iter().map(|p| p.field).collect();
    assert_eq!(found, ["kind", "python.tests"]);
}

/// A type error in one quiz item leaves the other items checked, at their own lines.
#[test]
fn a_type_error_in_a_quiz_item_hides_nothing_in_the_others() {
    let broken_cloze = CLOZE.replace("groups[{{1}}].append({{2}})", "groups[{{2}}].append({{1}})");
    for broken in [
        MULTIPLE.replace("multiple", "essay"),
        MULTIPLE.replace("      - 2\n    expl", "      - two\n    expl"),
        CLOZE.replace("lang: python", "lang: java"),
    ] {
        let found = item_problems(&format!("{broken}{broken_cloze}"));
        let fields: Vec<&str> = found.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(fields.len(), 2, "{found:#?}");
        assert!(fields[0].starts_with("quiz[1]"), "{found:#?}");
        let cloze_line = broken.lines().count() + 3;
        assert_eq!(
            (found[1].0, found[1].2.as_str()),
            (cloze_line, "quiz[2].text"),
            "{found:#?}"
        );
    }
}

/// Other cards of a file are checked whatever is wrong with one of them.
#[test]
fn a_broken_card_hides_nothing_in_the_next() {
    let text = format!(
        "{}---\n{}",
        card("a").replace("difficulty: easy", "difficulty: x\ncolour: red"),
        card("b").replace("  - none\n", "  - ' '\n")
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let found: Vec<String> = problems(dir.path()).into_iter().map(|p| p.field).collect();
    assert_eq!(found, ["difficulty", "colour", "pitfalls[0]"]);
}

/// Finding recall phrases in a huge model answer has a budget; past it, the card says
/// so instead of keeping `check` busy (50,000 phrases in a 500 KB answer took 10 s).
#[test]
fn a_recall_item_too_long_to_check_says_so() {
    let model = "word ".repeat(100_000);
    let phrases: Vec<String> = (0..40).map(|i| format!("          - zz{i}")).collect();
    let item = RECALL
        .replace(
            "model_answer: Counting one more after one gives two, by definition.",
            &format!("model_answer: {model}"),
        )
        .replace(
            "          - definition\n          - defined",
            &phrases.join("\n"),
        );
    let found = item_problems(&item);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].2, "quiz[1].points[0]");
    assert_eq!(found[1].2, "quiz[1].points[1]");
    assert!(
        found[1].3.starts_with("too long to check"),
        "{}",
        found[1].3
    );
}

/// The budget leaves room for a long item: 15 one-word phrases looked for in a
/// 60,000-word model answer count 1.8 million comparisons (over the million the budget
/// was until 2026-12-07, when the bundled cards with many examples reached it).
#[test]
fn a_long_recall_item_within_the_budget_is_checked() {
    let model = "word ".repeat(60_000);
    let phrases: Vec<String> = (0..15).map(|i| format!("          - zz{i}")).collect();
    let item = RECALL
        .replace(
            "model_answer: Counting one more after one gives two, by definition.",
            &format!("model_answer: {model}"),
        )
        .replace(
            "          - definition\n          - defined",
            &phrases.join("\n"),
        );
    let found = item_problems(&item);
    assert!(
        found.iter().all(|p| !p.3.starts_with("too long to check")),
        "{found:#?}"
    );
    // The model answer makes neither point: both are reported, so it was checked.
    assert_eq!(found.len(), 2, "{found:#?}");
}

/// A deck with many topics: an unknown topic names a few of them, not all at every card.
#[test]
fn an_unknown_topic_names_at_most_twenty_topics() {
    let dir = deck_with(&[("a.yaml", &card("a").replace("topic: algo", "topic: graphs"))]);
    let topics: String = (0..100)
        .map(|i| format!("  - id: t{i}\n    title: T\n"))
        .collect::<Vec<_>>()
        .concat();
    fs::write(dir.path().join("deck.yaml"), format!("{DECK}{topics}")).unwrap();
    let (_, message) = only_problem(dir.path());
    assert!(message.ends_with("algo, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18 and 81 more"), "{message}");
}

/// Re-reading broken documents has a budget per file: thousands of broken one-line cards
/// cannot each ask for fifty re-parses. Past it, each card reports its first problem, and
/// the file says once where the full checking stopped.
#[test]
fn many_broken_cards_in_one_file_share_a_budget() {
    let n = 3000;
    let text = "---\na: 1\n".repeat(n);
    let (code, stdout, file) = check_file(&text);
    assert_eq!(code, Some(1));
    let found = printed_problems(&stdout, &file);
    let stopped: Vec<_> = found
        .iter()
        .filter(|p| p.3.starts_with("checking stopped here"))
        .collect();
    assert_eq!(stopped.len(), 1, "{stopped:?}");
    // Every card still reports its unknown key, on its own line.
    let unknown: Vec<usize> = found
        .iter()
        .filter(|p| p.2 == "a" && p.3.starts_with("unknown field `a`"))
        .map(|p| p.0)
        .collect();
    assert!(
        unknown == (0..n).map(|i| 2 * i + 2).collect::<Vec<_>>(),
        "{} unknown keys reported",
        unknown.len()
    );
    // Each re-parse finds at most one more problem, and a file has 16 MiB of them
    // (each costing its document's length and 1 KiB).
    assert!(found.len() <= n + 16 * 1024, "{} problems", found.len());
}

// ---------------------------------------------------------------- length cues, shuffle

const LONG_RIGHT_OPTION: &str = "  - kind: single
    question: Which one is even?
    options:
      - '1'
      - '3'
      - 'two, the only even prime'
    answer: 2
    explanation: 2 divides by 2; 1 and 3 do not.
";

/// The warnings `tutor check` finds in a card holding `item`: (line offset from the
/// item's first line, column, field, message).
fn item_warnings(item: &str) -> Vec<(usize, usize, String, String)> {
    let (text, line) = card_with_item(item);
    let dir = deck_with(&[("a.yaml", &text)]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, [], "a warning is not a problem");
    assert_eq!(library.card_count(), 1, "a card with a warning still loads");
    library
        .warnings
        .into_iter()
        .map(|p| {
            assert!(p.is_warning(), "{p:?}");
            assert!(p.to_string().contains(": warning: "), "{p}");
            (p.line - line, p.col, p.field, p.message)
        })
        .collect()
}

#[test]
fn a_right_option_given_away_by_its_length_is_a_warning_at_that_option() {
    let found = item_warnings(LONG_RIGHT_OPTION);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (line, col, field, message) = &found[0];
    assert_eq!((*line, *col, field.as_str()), (5, 9, "quiz[1].options[2]"));
    assert!(
        message.contains("24 characters against at most 1"),
        "{message}"
    );
    // Below the margin (1.5x the longest distractor), or a tie, there is nothing to say.
    let near = LONG_RIGHT_OPTION
        .replace("'1'", "'one, the only odd unit'")
        .replace("'3'", "'three, an odd prime'");
    assert_eq!(item_warnings(&near), []);
    let tie = LONG_RIGHT_OPTION.replace("'3'", "'three: odd, and a prime'");
    assert_eq!(item_warnings(&tie), []);
}

#[test]
fn right_options_longer_on_average_are_a_warning_at_answers() {
    let long = MULTIPLE
        .replace("'2'", "'2, the only even prime'")
        .replace("'4'", "'4, which is two squared'");
    let found = item_warnings(&long);
    let fields: Vec<(usize, usize, &str)> =
        found.iter().map(|p| (p.0, p.1, p.2.as_str())).collect();
    assert_eq!(fields, [(6, 5, "quiz[1].answers")]);
    assert!(found[0].3.contains("22.50x as long"), "{}", found[0].3);
    assert_eq!(item_warnings(MULTIPLE), [], "all of one length");
}

#[test]
fn shuffle_is_a_boolean_of_choice_items_only() {
    let off = MULTIPLE.replace("    answers:", "    shuffle: false\n    answers:");
    let (text, _) = card_with_item(&off);
    let dir = deck_with(&[("a.yaml", &text)]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, []);
    let quiz = &library.decks[0].cards[0].quiz;
    match (&quiz[0], &quiz[1]) {
        (tutor::content::QuizItem::Single(s), tutor::content::QuizItem::Multiple(m)) => {
            assert!(s.shuffle, "shuffled unless the item says otherwise");
            assert!(!m.shuffle);
        }
        other => panic!("{other:?}"),
    }
    let (place, message) =
        item_problem(&MULTIPLE.replace("    answers:", "    shuffle: maybe\n    answers:"));
    // serde reads a quiz item whole (tagged by `kind`): a bad value inside it is
    // reported at the item, as for every other field of an item.
    assert_eq!(place, pos(0, 5, "quiz[1]"));
    assert!(message.contains("expected a boolean"), "{message}");
    let (place, message) =
        item_problem(&CLOZE.replace("    gaps:", "    shuffle: false\n    gaps:"));
    assert_eq!(place, pos(5, 5, "quiz[1].shuffle"));
    assert!(message.starts_with("unknown field `shuffle`"), "{message}");
}

/// A deck's `synonyms:` groups are checked where they are written: a group of one, a
/// `*` pattern, a phrase without words, and a phrase the same as another once
/// normalised. (Inside a flow list `[...]` the locator gives the list's column.)
#[test]
fn deck_synonyms_are_checked() {
    let dir = deck_with(&[("a.yaml", &card("a"))]);
    fs::write(
        dir.path().join("deck.yaml"),
        format!(
            "{DECK}synonyms:\n  - [SRP, single responsibility]\n  - [lonely]\n  - [\"evict*\", drop]\n  - [ok, \"--\"]\n  - [hash maps, the hash map]\n"
        ),
    )
    .unwrap();
    let found: Vec<(usize, usize, String, String)> = problems(dir.path())
        .into_iter()
        .map(|p| (p.line, p.col, p.field, p.message))
        .collect();
    let fields: Vec<(usize, usize, &str)> =
        found.iter().map(|p| (p.0, p.1, p.2.as_str())).collect();
    assert_eq!(
        fields,
        [
            (9, 5, "synonyms[1]"),
            (10, 5, "synonyms[2][0]"),
            (11, 5, "synonyms[3][1]"),
            (12, 5, "synonyms[4][1]"),
        ],
        "{found:#?}"
    );
    assert!(
        found[0].3.contains("at least two phrases"),
        "{}",
        found[0].3
    );
    assert!(found[1].3.contains("not a pattern"), "{}", found[1].3);
    assert!(
        found[2].3.contains("no letters or digits"),
        "{}",
        found[2].3
    );
    assert!(
        found[3].3.contains("same phrase as `hash maps`"),
        "{}",
        found[3].3
    );
}

/// A model answer is checked with the deck's synonyms: `SRP` makes the point that
/// accepts `single responsibility` only in a deck that says they are the same.
#[test]
fn model_answers_are_checked_with_the_decks_synonyms() {
    let item = RECALL.replace(
        "model_answer: Counting one more after one gives two, by definition.",
        "model_answer: Counting one more gives two, by SRP.",
    );
    let (text, _) = card_with_item(&item);
    let dir = deck_with(&[("a.yaml", &text)]);
    let (_, message) = only_problem(dir.path());
    assert!(message.contains("does not make this point"), "{message}");
    fs::write(
        dir.path().join("deck.yaml"),
        format!("{DECK}synonyms:\n  - [definition, SRP]\n"),
    )
    .unwrap();
    assert_eq!(problems(dir.path()), []);
}

/// A deck cannot make scoring slow: at most 100 synonym groups of at most 20 phrases.
#[test]
fn deck_synonyms_have_limits() {
    let dir = deck_with(&[("a.yaml", &card("a"))]);
    let many: String = (0..101).fold(String::new(), |mut s, i| {
        let _ = writeln!(s, "  - [w{i}, v{i}]");
        s
    });
    let wide: Vec<String> = (0..21).map(|i| format!("p{i}")).collect();
    fs::write(
        dir.path().join("deck.yaml"),
        format!("{DECK}synonyms:\n  - [{}]\n{many}", wide.join(", ")),
    )
    .unwrap();
    let found: Vec<(usize, String, String)> = problems(dir.path())
        .into_iter()
        .map(|p| (p.line, p.field, p.message))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].1, "synonyms[0][20]");
    assert!(found[0].2.contains("at most 20 phrases"), "{}", found[0].2);
    assert_eq!((found[1].0, found[1].1.as_str()), (108, "synonyms[100]"));
    assert!(
        found[1].2.contains("at most 100 synonym groups"),
        "{}",
        found[1].2
    );
}

/// `card("a")` with its one plain follow-up replaced by `follow_ups`, indented as a list
/// item at the top level.
fn with_follow_ups(follow_ups: &str) -> String {
    card("a").replace(
        "follow_ups:\n  - three?\n",
        &format!("follow_ups:\n{follow_ups}"),
    )
}

const SCORED: &str = "  - three?
  - ask: Why is it two?
    points:
      - point: One and one make two.
        accept: [make two, sum]
      - point: Addition is commutative.
        accept: [commutative, either order]
    model_answer: One and one make two, in either order.
    probes:
      1: Does the order matter?
    examples:
      right: [\"addition is commutative, so the sum is 2\"]
      wrong: [\"it is two\"]
";

#[test]
fn scored_follow_ups_are_checked_as_recall_items() {
    let dir = deck_with(&[("a.yaml", &with_follow_ups(SCORED))]);
    assert_eq!(problems(dir.path()), []);
    // The model answer must make every point: the same rule as a recall item's.
    let text = with_follow_ups(SCORED).replace(
        "model_answer: One and one make two, in either order.",
        "model_answer: One and one make two.",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 32, 9, "follow_ups[1].points[1]"));
    assert!(message.contains("model answer does not make"), "{message}");
}

#[test]
fn a_scored_follow_up_example_that_scores_the_other_way() {
    let text = with_follow_ups(SCORED).replace(
        "wrong: [\"it is two\"]",
        "wrong: [\"the sum, in either order\"]",
    );
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_.3, "follow_ups[1].examples.wrong[0]");
    assert!(
        message.contains("wrong answer that scores right"),
        "{message}"
    );
}

#[test]
fn a_probe_must_name_a_point() {
    let text = with_follow_ups(SCORED).replace("      1: Does", "      2: Does");
    let dir = deck_with(&[("a.yaml", &text)]);
    let (where_, message) = only_problem(dir.path());
    assert_eq!(where_, at("a.yaml", 36, 7, "follow_ups[1].probes.2"));
    assert!(message.contains("numbered from 0 to 1"), "{message}");
}

#[test]
fn a_scored_follow_up_names_its_unknown_field() {
    let text = with_follow_ups(SCORED).replace("    probes:\n", "    probe:\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    assert!(
        found.iter().any(
            |p| p.field == "follow_ups[1].probe" && p.message.contains("unknown field `probe`")
        ),
        "{found:?}"
    );
}

#[test]
fn a_spoken_answer_over_300_words_is_a_warning() {
    let long = "word ".repeat(301);
    let text = card("a").replace("explanation: |", &format!("spoken: {long}\nexplanation: |"));
    let dir = deck_with(&[("a.yaml", &text)]);
    let library = check_paths(&[dir.path().to_path_buf()]);
    assert_eq!(library.problems, [], "a warning is not a problem");
    assert_eq!(library.warnings.len(), 1, "{:?}", library.warnings);
    let warning = &library.warnings[0];
    assert_eq!((warning.line, warning.field.as_str()), (20, "spoken"));
    assert!(warning.message.contains("301 words"), "{warning}");
    let fine = card("a").replace(
        "explanation: |",
        "spoken: Two, because one and one make two.\nexplanation: |",
    );
    let library = check_paths(&[deck_with(&[("a.yaml", &fine)]).path().to_path_buf()]);
    assert_eq!((library.problems.len(), library.warnings.len()), (0, 0));
}

/// A phrase whose `o` opens no big-O expression matches only the letter: `o rows cols`
/// never finds `O(rows x cols)`, so `check` says how to write it.
#[test]
fn recall_phrase_with_a_lone_o() {
    let (at, message) =
        item_problem(&RECALL.replace("          - successor\n", "          - o rows cols\n"));
    assert_eq!(at, pos(6, 13, "quiz[1].points[0].accept[1]"));
    assert!(message.contains("opens no big-O expression"), "{message}");
    for fine in ["O(rows x cols)", "o n", "i o bound"] {
        let item = RECALL.replace("          - successor\n", &format!("          - {fine}\n"));
        assert_eq!(item_problems(&item), [], "{fine}");
    }
}

/// `&` joins the parts of a `said` entry; in a point's phrase it only separated words,
/// which authors did not mean (`recurs* & crash*` never matched "recursion ... would
/// crash"), so `check` names it.
#[test]
fn recall_point_phrase_with_an_ampersand() {
    let (at, message) = item_problem(&RECALL.replace(
        "          - successor\n",
        "          - \"recurs* & crash*\"\n",
    ));
    assert_eq!(at, pos(6, 13, "quiz[1].points[0].accept[1]"));
    assert!(message.contains("`&` joins the parts"), "{message}");
    let fine = RECALL.replace("          - successor\n", "          - recursion crash\n");
    assert_eq!(item_problems(&fine), []);
}

/// Recall examples are the author's tests: `tutor check` scores them, a session's load
/// does not (scoring every example was most of a first start's time), so a card whose
/// example scores the other way is reported by check and still studied.
#[test]
fn a_misjudged_example_is_checks_business_not_the_sessions() {
    let (text, _) = card_with_item(&recall_with_examples(&["nothing relevant at all"], &[]));
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    assert!(
        found
            .iter()
            .any(|p| p.message.contains("a right answer that scores wrong")),
        "{found:#?}"
    );
    let library = tutor::content::load_library(&tutor::content::LoadOptions {
        dirs: vec![dir.path().to_path_buf()],
        ..Default::default()
    });
    assert!(library.card("a").is_some(), "{:?}", library.problems);
}
