//! The rules serde cannot express: ids that are slugs, text that is not blank, quiz
//! answers that point at an option, topics the deck declares. Each broken rule becomes a
//! [`Problem`] positioned on the offending field.

use std::collections::HashSet;

use super::locate::{Seg, locate, path_string};
use super::{Card, CodeEvent, CodeLinks, DeckMeta, Problem, QuizItem, Visual};
use crate::path;

/// Where a document sits, so problems can name the file and the line.
#[derive(Debug, Clone, Copy)]
pub struct DocRef<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub first_line: usize,
}

impl DocRef<'_> {
    pub fn problem(&self, path: &[Seg], message: impl Into<String>) -> Problem {
        let (line, col) = locate(self.text, path);
        Problem::new(
            self.file,
            (line + self.first_line - 1, col),
            path_string(path),
            message,
        )
    }
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`: what ids, topics and tags look like.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

const SLUG_RULE: &str = "use lowercase letters, digits and single dashes, like `lru-cache`";

struct Checker<'a> {
    doc: DocRef<'a>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, path: &[Seg], message: impl Into<String>) {
        self.problems.push(self.doc.problem(path, message));
    }

    fn not_blank(&mut self, path: &[Seg], value: &str) {
        if value.trim().is_empty() {
            self.fail(path, "must not be empty");
        }
    }

    fn slug(&mut self, path: &[Seg], value: &str) {
        if !is_slug(value) {
            self.fail(path, format!("`{value}` is not a valid id: {SLUG_RULE}"));
        }
    }

    /// A list that must hold at least one item, none of them blank.
    fn items(&mut self, key: &str, items: &[String]) {
        if items.is_empty() {
            self.fail(&path![key], "needs at least one item");
        }
        for (i, item) in items.iter().enumerate() {
            self.not_blank(&path![key, i], item);
        }
    }
}

/// Checks `deck.yaml`.
pub fn deck_meta(meta: &DeckMeta, doc: DocRef<'_>) -> Vec<Problem> {
    let mut c = Checker {
        doc,
        problems: Vec::new(),
    };
    c.slug(&path!["id"], &meta.id);
    c.not_blank(&path!["title"], &meta.title);
    c.not_blank(&path!["description"], &meta.description);
    if meta.topics.is_empty() {
        c.fail(&path!["topics"], "needs at least one topic");
    }
    let mut seen = HashSet::new();
    for (i, topic) in meta.topics.iter().enumerate() {
        c.slug(&path!["topics", i, "id"], &topic.id);
        c.not_blank(&path!["topics", i, "title"], &topic.title);
        if !seen.insert(topic.id.as_str()) {
            c.fail(
                &path!["topics", i, "id"],
                format!("duplicate topic `{}`", topic.id),
            );
        }
    }
    c.problems
}

/// Checks one card. `topics` is the deck's topic ids, or `None` when the card is checked
/// on its own, outside a deck.
pub fn card(card: &Card, doc: DocRef<'_>, topics: Option<&[String]>) -> Vec<Problem> {
    let mut c = Checker {
        doc,
        problems: Vec::new(),
    };
    c.slug(&path!["id"], card.id.as_str());
    c.not_blank(&path!["title"], &card.title);
    c.not_blank(&path!["prompt"], &card.prompt);
    c.not_blank(&path!["explanation"], &card.explanation);
    if let Some(topics) = topics
        && !topics.contains(&card.topic)
    {
        c.fail(
            &path!["topic"],
            format!(
                "unknown topic `{}`; the deck's topics are: {}",
                card.topic,
                topics.join(", ")
            ),
        );
    }
    let mut tags = HashSet::new();
    for (i, tag) in card.tags.iter().enumerate() {
        if !is_slug(tag) {
            c.fail(
                &path!["tags", i],
                format!("`{tag}` is not a valid tag: {SLUG_RULE}"),
            );
        } else if !tags.insert(tag.as_str()) {
            c.fail(&path!["tags", i], format!("duplicate tag `{tag}`"));
        }
    }
    for (lang, solution, test_marker) in [
        ("python", &card.python, "assert"),
        ("rust", &card.rust, "#[test]"),
    ] {
        c.not_blank(&path![lang, "solution"], &solution.solution);
        if solution.tests.trim().is_empty() {
            c.fail(&path![lang, "tests"], "must not be empty");
        } else if !solution.tests.contains(test_marker) {
            c.fail(
                &path![lang, "tests"],
                format!("tests that cannot fail prove nothing: add at least one `{test_marker}`"),
            );
        }
    }
    c.items("key_points", &card.key_points);
    c.items("pitfalls", &card.pitfalls);
    c.items("follow_ups", &card.follow_ups);
    if let Some(complexity) = &card.complexity {
        c.not_blank(&path!["complexity", "time"], &complexity.time);
        c.not_blank(&path!["complexity", "space"], &complexity.space);
    }
    for (i, item) in card.quiz.iter().enumerate() {
        quiz_item(&mut c, i, item);
    }
    if let Some(links) = &card.code_links {
        code_links(&mut c, card, links);
    }
    c.problems
}

/// Every linked line must exist in its solution and hold code: a link to a blank line,
/// or past the end after the solution was edited, would highlight nothing useful.
fn code_links(c: &mut Checker<'_>, card: &Card, links: &CodeLinks) {
    if card.visual != Some(Visual::Lru) {
        c.fail(
            &path!["code_links"],
            "code_links only works with `visual: lru`: add it, or remove code_links",
        );
    }
    for (lang, solution, lines) in [
        ("python", &card.python.solution, &links.python),
        ("rust", &card.rust.solution, &links.rust),
    ] {
        let source: Vec<&str> = solution.lines().collect();
        for event in CodeEvent::ALL {
            for (i, &line) in lines.lines(event).iter().enumerate() {
                let at = path!["code_links", lang, event.name(), i];
                match line.checked_sub(1).and_then(|index| source.get(index)) {
                    None => c.fail(
                        &at,
                        format!(
                            "line {line} is not in {lang}.solution: its lines are numbered from 1 to {}",
                            source.len()
                        ),
                    ),
                    Some(text) if text.trim().is_empty() => c.fail(
                        &at,
                        format!("line {line} of {lang}.solution is blank: link a line of code"),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

fn quiz_item(c: &mut Checker<'_>, i: usize, item: &QuizItem) {
    match item {
        QuizItem::Single {
            question,
            options,
            answer,
            explanation,
        } => {
            c.not_blank(&path!["quiz", i, "question"], question);
            c.not_blank(&path!["quiz", i, "explanation"], explanation);
            if options.len() < 2 {
                c.fail(
                    &path!["quiz", i, "options"],
                    format!("needs at least two options, has {}", options.len()),
                );
            }
            let mut seen = HashSet::new();
            for (j, option) in options.iter().enumerate() {
                c.not_blank(&path!["quiz", i, "options", j], option);
                if !seen.insert(option.trim()) {
                    c.fail(&path!["quiz", i, "options", j], "duplicate option");
                }
            }
            if *answer >= options.len() && !options.is_empty() {
                c.fail(
                    &path!["quiz", i, "answer"],
                    format!(
                        "answer {answer} is out of range: options are numbered from 0 to {}",
                        options.len() - 1
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["a", "lru-cache", "s3-bulk-2"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
