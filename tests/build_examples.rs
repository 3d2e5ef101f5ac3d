//! The line rule that leaves the recall examples out of the binary's copy of the
//! bundled decks (build/examples.rs), on YAML a deck author could write. Each case is
//! also parsed: the blanked text must be the original without its examples.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../build/examples.rs"]
mod examples;

use examples::without_examples;

/// The text parsed as YAML, with every `examples` key removed from every mapping.
fn parsed_without_examples(text: &str) -> serde_yaml::Value {
    fn strip(v: &mut serde_yaml::Value) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                m.remove("examples");
                m.values_mut().for_each(strip);
            }
            serde_yaml::Value::Sequence(s) => s.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: serde_yaml::Value = serde_yaml::from_str(text).expect("the case is YAML");
    strip(&mut v);
    v
}

/// The rule blanks the examples and nothing else, keeping the line count.
fn blanks_them(text: &str) {
    let out = without_examples(text);
    assert_eq!(out.lines().count(), text.lines().count(), "{out}");
    let got: serde_yaml::Value = serde_yaml::from_str(&out).expect("the output is YAML");
    assert_eq!(got, parsed_without_examples(text), "{text}\n---\n{out}");
    assert!(!out.contains("a right one"), "{out}");
}

const ITEM: &str = "quiz:\n  - kind: recall\n    model_answer: m\n";

#[test]
fn a_plain_block_is_blanked() {
    blanks_them(&format!(
        "{ITEM}    examples:\n      right:\n        - a right one\n      wrong: []\n    explanation: e\n"
    ));
}

#[test]
fn crlf_lines_are_blanked_and_keep_their_ends() {
    let text =
        format!("{ITEM}    examples:\n      right:\n        - a right one\n    explanation: e\n")
            .replace('\n', "\r\n");
    blanks_them(&text);
    assert_eq!(without_examples(&text).matches("\r\n").count(), 7);
}

#[test]
fn a_comment_or_spaces_after_the_key() {
    for key in ["examples: # the tests", "examples:   ", "examples:\t# tab"] {
        let text =
            format!("{ITEM}    {key}\n      right:\n        - a right one\n    explanation: e\n");
        if key.contains('\t') {
            // A tab before the comment: kept as written (check counts them; the
            // bundled test would see the examples left in).
            assert_eq!(without_examples(&text), text);
        } else {
            blanks_them(&text);
        }
    }
}

#[test]
fn a_comment_line_less_indented_inside_the_block() {
    blanks_them(&format!(
        "{ITEM}    examples:\n# all of them\n      right:\n  # the right ones\n        - a right one\n    explanation: e\n"
    ));
}

#[test]
fn an_examples_line_inside_a_block_scalar_is_text() {
    for header in ["|", ">", "|-", ">-", "|2", "| # text"] {
        let text = format!(
            "{ITEM}    explanation: {header}\n      Some cases.\n      examples:\n        - not a key\n      the end\n    examples:\n      right:\n        - a right one\n"
        );
        blanks_them(&text);
        assert!(without_examples(&text).contains("not a key"), "{header}");
    }
    // A known limit: a text that keeps its trailing blank lines (`|+`, `>+`) just before
    // the blanked block gains them, one a blanked line. No bundled card has one, and
    // tests/bundled_examples.rs would see the text changed.
    let text = format!(
        "{ITEM}    explanation: |+\n      the end\n    examples:\n      right:\n        - a right one\n"
    );
    let got: serde_yaml::Value = serde_yaml::from_str(&without_examples(&text)).unwrap();
    assert_ne!(got, parsed_without_examples(&text));
    // In a list item's block scalar, and at the scalar's own indentation.
    blanks_them(&format!(
        "{ITEM}    points:\n      - |\n        examples:\n          - not a key\n    examples:\n      right: [a right one]\n"
    ));
}

#[test]
fn a_follow_up_s_examples_are_blanked() {
    blanks_them(
        "follow_ups:\n  - question: q\n    points: []\n    examples:\n      right:\n        - a right one\n      wrong:\n        - w\n  - plain\n",
    );
}

#[test]
fn flow_style_is_kept_as_written() {
    let text = format!("{ITEM}    examples: {{right: [a right one], wrong: []}}\n");
    assert_eq!(without_examples(&text), text);
}
