//! Every kind of deck error is reported with its file, line, column and field path.

#![allow(clippy::unwrap_used, clippy::expect_used)]

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

fn problems(dir: &Path) -> Vec<Problem> {
    check_paths(&[dir.to_path_buf()]).problems
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
    for (_, card) in library.cards() {
        assert!(
            card.quiz.len() >= 3,
            "{} has {} quiz items",
            card.id,
            card.quiz.len()
        );
    }
}

#[test]
fn a_broken_list_item_does_not_shift_later_positions() {
    let text = card("a").replace("  - adds\n", "  - adds\n  - {a: 1}\n  - \"  \"\n");
    let dir = deck_with(&[("a.yaml", &text)]);
    let found = problems(dir.path());
    // The broken item is reported where it is; nothing is reported at a shifted index.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].line, found[0].col, found[0].field.as_str()),
        (24, 5, "key_points[1]")
    );
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
