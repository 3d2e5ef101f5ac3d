//! The rules serde cannot express: ids that are slugs, text that is not blank, topics
//! the deck declares, quiz items that can be answered (answers that point at an option,
//! cloze markers that match the gaps, recall points the model answer makes, recall
//! examples that score as they are listed). Each broken rule becomes a [`Problem`]
//! positioned on the offending field.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::locate::{Locator, Removed, Seg, original, path_string};
use super::{
    Card, CardKind, Cloze, ClozePart, CodeEvent, CodeLinks, DeckMeta, FollowUp, Problem, QuizItem,
    Recall, RecallPoint,
};
use crate::path;
use crate::quiz::Verdict;
use crate::quiz::complexity::{LONE_O, lone_o};
use crate::quiz::normalize::{Rule, normalize};
use crate::quiz::phrase::{Answer, Phrase};
use crate::quiz::point::PointRule;
use crate::quiz::said::{JOIN, Said};
use crate::quiz::score::{PointMark, RecallVerdict, score_recall};
use crate::quiz::synonyms::{MAX_DECK_GROUPS, MAX_GROUP_PHRASES, Synonyms, content_tokens};
use crate::text::Shown;

/// Where a document sits, so problems can name the file and the line.
#[derive(Debug, Clone, Copy)]
pub struct DocRef<'a> {
    pub file: &'a str,
    /// Finds positions in the document's text.
    pub locator: &'a Locator<'a>,
    pub first_line: usize,
    /// List items the parse took out: paths in the parsed value map back through them.
    pub removed: &'a [Removed],
}

impl DocRef<'_> {
    pub fn problem(&self, path: &[Seg], message: impl Into<String>) -> Problem {
        let path = original(self.removed, path);
        let (line, col) = self.locator.locate(&path);
        Problem::new(
            self.file,
            (line + self.first_line - 1, col),
            path_string(&path),
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
    /// Word comparisons left for finding recall phrases in model answers.
    search_budget: usize,
    /// Whether recall `examples` are scored: only for `tutor check`. A session never
    /// reads them, and scoring them all was most of a first start's time.
    examples: bool,
}

/// Word comparisons a card may spend finding recall phrases in its model answers and
/// scoring its recall examples, counted as the most each phrase could compare. A hostile
/// card could ask for billions (a 500 KB model answer and 50,000 phrases), which would
/// keep `tutor check` busy for minutes. The bundled cards with many recall examples
/// count 0.7 to 1 million (2026-12-07), which took the whole of `check` 0.76 s for 60
/// cards: four million leaves room to add phrases and examples. It bounds the phrase
/// search only: the negation guard's scans are capped per place (64 words,
/// `quiz::negation`), so the rest grows linearly with the answer. Measured on a debug
/// build (2026-12-07): a 1 MB model answer of 250,000 stop words under the entry `the`
/// took 36 s of `tutor check`; 120,000 sentences under a two-part entry 2.4 s.
const SEARCH_BUDGET: usize = 4_000_000;

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
    fn items(&mut self, key: &str, items: &[Shown]) {
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
        search_budget: SEARCH_BUDGET,
        examples: false,
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
    synonyms(&mut c, &meta.synonyms);
    c.problems
}

/// A deck's synonym groups: two phrases or more each, every one with words to match,
/// none a `*` pattern, none the same as another of its group once normalised.
fn synonyms(c: &mut Checker<'_>, groups: &[Vec<String>]) {
    if groups.len() > MAX_DECK_GROUPS {
        c.fail(
            &path!["synonyms", MAX_DECK_GROUPS],
            format!("a deck may have at most {MAX_DECK_GROUPS} synonym groups"),
        );
    }
    for (i, group) in groups.iter().enumerate().take(MAX_DECK_GROUPS) {
        if group.len() > MAX_GROUP_PHRASES {
            c.fail(
                &path!["synonyms", i, MAX_GROUP_PHRASES],
                format!("a synonym group may hold at most {MAX_GROUP_PHRASES} phrases"),
            );
        }
        if group.len() < 2 {
            c.fail(
                &path!["synonyms", i],
                "a synonym group needs at least two phrases that mean the same",
            );
        }
        let mut seen: Vec<(Vec<String>, &str)> = Vec::new();
        for (j, phrase) in group.iter().enumerate() {
            let at = path!["synonyms", i, j];
            let stems: Vec<String> = content_tokens(phrase).into_iter().map(|t| t.stem).collect();
            if phrase.contains('*') {
                c.fail(
                    &at,
                    format!(
                        "`{phrase}`: a synonym is a phrase, not a pattern: `*` is for accept lists"
                    ),
                );
            } else if stems.is_empty() {
                c.fail(&at, "has no letters or digits to look for");
            } else if lone_o(phrase) {
                c.fail(&at, LONE_O);
            } else if let Some((_, earlier)) = seen.iter().find(|(s, _)| *s == stems) {
                c.fail(
                    &at,
                    format!(
                        "`{phrase}` is the same phrase as `{earlier}` once case, word forms \
                         and words like `the` are normalised"
                    ),
                );
            } else {
                seen.push((stems, phrase));
            }
        }
    }
}

/// How many of the deck's topics an unknown topic's message lists.
const LISTED_TOPICS: usize = 20;

/// Checks one card. `topics` is the deck's topic ids, or `None` when the card is checked
/// on its own, outside a deck.
/// `synonyms` are the general set and the deck's, which recall items are scored with.
pub fn card(
    card: &Card,
    doc: DocRef<'_>,
    topics: Option<&[String]>,
    synonyms: &Synonyms,
    examples: bool,
) -> Vec<Problem> {
    let mut c = Checker {
        doc,
        problems: Vec::new(),
        search_budget: SEARCH_BUDGET,
        examples,
    };
    c.slug(&path!["id"], card.id.as_str());
    c.not_blank(&path!["title"], &card.title);
    c.not_blank(&path!["prompt"], &card.prompt);
    c.not_blank(&path!["explanation"], &card.explanation);
    if let Some(topics) = topics
        && !topics.contains(&card.topic)
    {
        // A deck.yaml may declare thousands of topics: name a few, not all at every card.
        let mut listed = topics
            .iter()
            .take(LISTED_TOPICS)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if topics.len() > LISTED_TOPICS {
            let _ = write!(listed, " and {} more", topics.len() - LISTED_TOPICS);
        }
        c.fail(
            &path!["topic"],
            format!(
                "unknown topic `{}`; the deck's topics are: {listed}",
                card.topic
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
    kind_rules(&mut c, card);
    for (lang, solution, test_marker) in [
        ("python", card.python.as_ref(), "assert"),
        ("rust", card.rust.as_ref(), "#[test]"),
    ] {
        let Some(solution) = solution else { continue };
        c.not_blank(&path![lang, "solution"], &solution.solution);
        if let Some(starter) = &solution.starter {
            starter_rules(&mut c, lang, starter, &solution.solution);
        }
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
    follow_ups(&mut c, &card.follow_ups, synonyms);
    if let Some(spoken) = &card.spoken {
        spoken_rules(&mut c, spoken);
    }
    if let Some(complexity) = &card.complexity {
        c.not_blank(&path!["complexity", "time"], &complexity.time);
        c.not_blank(&path!["complexity", "space"], &complexity.space);
    }
    for (i, item) in card.quiz.iter().enumerate() {
        quiz_item(&mut c, i, item, synonyms);
    }
    if let Some(links) = &card.code_links {
        code_links(&mut c, card, links);
    }
    c.problems
}

/// The most words a `spoken` answer may have: about two minutes said aloud.
pub const SPOKEN_WORDS: usize = 300;

/// A spoken answer is what a candidate says in two minutes: longer, and it is the
/// explanation again. Too long is a warning (`tutor check --strict` fails on it).
fn spoken_rules(c: &mut Checker<'_>, spoken: &str) {
    c.not_blank(&path!["spoken"], spoken);
    let words = spoken.split_whitespace().count();
    if words > SPOKEN_WORDS {
        let problem = c.doc.problem(
            &path!["spoken"],
            format!(
                "{words} words: a spoken answer takes about two minutes, at most \
                 {SPOKEN_WORDS} words; move the rest to `explanation`"
            ),
        );
        c.problems.push(problem.warning());
    }
}

/// Follow-ups: at least one; a plain one is a question, a scored one is checked as a
/// recall item is (its points, that its model answer makes them, its examples), and
/// each probe must name one of its points.
fn follow_ups(c: &mut Checker<'_>, follow_ups: &[FollowUp], synonyms: &Synonyms) {
    if follow_ups.is_empty() {
        c.fail(&path!["follow_ups"], "needs at least one item");
    }
    for (i, follow_up) in follow_ups.iter().enumerate() {
        let Some(scored) = follow_up.scored() else {
            c.not_blank(&path!["follow_ups", i], follow_up.ask());
            continue;
        };
        c.not_blank(&path!["follow_ups", i, "ask"], &scored.ask);
        recall_item(c, &path!["follow_ups", i], &scored.recall(), synonyms);
        for (&point, probe) in &scored.probes {
            let key = point.to_string();
            let at = path!["follow_ups", i, "probes", key.as_str()];
            if point >= scored.points.len() {
                c.fail(
                    &at,
                    format!(
                        "a probe for point {point}, but the points are numbered from 0 to {}",
                        scored.points.len().saturating_sub(1)
                    ),
                );
            } else {
                c.not_blank(&at, probe);
            }
        }
    }
}

/// A starter is what a learner begins from: something to read, never the answer. That
/// it parses, compiles and fails its tests is checked where Python and Rust can run
/// (`tutor check`, and the samples test for the bundled decks).
fn starter_rules(c: &mut Checker<'_>, lang: &str, starter: &str, solution: &str) {
    let at = path![lang, "starter"];
    if starter.trim().is_empty() {
        c.fail(
            &at,
            "must not be empty: leave it out, or give the signatures the tests call",
        );
    } else if starter.trim() == solution.trim() {
        c.fail(
            &at,
            format!(
                "is the same as {lang}.solution: a starter gives the signatures, not the answer"
            ),
        );
    }
}

/// Fields whose checks read another field: when that one is broken (and left out of
/// the parsed card), their problems are not reported again.
pub const DEPENDS_ON: &[(&str, &str)] = &[
    ("code_links", "visual"),
    ("code_links.python", "python"),
    ("code_links.rust", "rust"),
];

/// Where the kind rules report (see [`kind_rules`]): when `kind` is broken, problems at
/// exactly these fields are not reported (what is inside them still is).
pub const KIND_RULE_FIELDS: &[&str] = &["kind", "python", "rust", "star", "complexity"];

/// Every linked line must exist in its solution and hold code: a link to a blank line,
/// or past the end after the solution was edited, would highlight nothing useful.
fn code_links(c: &mut Checker<'_>, card: &Card, links: &CodeLinks) {
    if card.visual.is_none() {
        c.fail(
            &path!["code_links"],
            "code_links only works with a visual (`visual: lru` or `visual: anagrams`): add one, or remove code_links",
        );
    }
    let Some((python, rust)) = card.code() else {
        return; // a card without code is reported by the kind rules
    };
    for (lang, solution, lines) in [
        ("python", &python.solution, &links.python),
        ("rust", &rust.solution, &links.rust),
    ] {
        let source: Vec<&str> = solution.lines().collect();
        for event in CodeEvent::ALL {
            if let Some(visual) = card.visual
                && event.visual() != visual
                && !lines.lines(event).is_empty()
            {
                c.fail(
                    &path!["code_links", lang, event.name()],
                    format!(
                        "`{}` is an event of `visual: {}`, not of this card's visual",
                        event.name(),
                        crate::visual::name(event.visual())
                    ),
                );
            }
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

/// Options are picked with the digit keys 1 to 9.
pub const MAX_OPTIONS: usize = 9;
/// A longer reorder item no longer fits an 80×24 terminal, and is a chore to solve.
pub const MAX_REORDER_LINES: usize = 15;

/// Coding cards carry code and no STAR outline; behavioural cards the reverse. What is
/// missing is reported at `kind` (the card's start when it has none): a broken `kind`
/// then silences these rules, and nothing else.
fn kind_rules(c: &mut Checker<'_>, card: &Card) {
    match card.kind {
        CardKind::Coding => {
            for (field, present) in [
                ("python", card.python.is_some()),
                ("rust", card.rust.is_some()),
            ] {
                if !present {
                    c.fail(
                        &path!["kind"],
                        format!(
                            "a coding card needs a `{field}` solution with tests (for a \
                             behavioural question, set `kind: behavioral` and write `star`)"
                        ),
                    );
                }
            }
            if card.star.is_some() {
                c.fail(
                    &path!["star"],
                    "only `kind: behavioral` cards have a STAR outline",
                );
            }
        }
        CardKind::Behavioral => {
            match &card.star {
                None => c.fail(
                    &path!["kind"],
                    "a behavioral card needs a `star` outline: situation, task, action, result",
                ),
                Some(star) => {
                    for (field, text) in [
                        ("situation", &star.situation),
                        ("task", &star.task),
                        ("action", &star.action),
                        ("result", &star.result),
                    ] {
                        c.not_blank(&path!["star", field], text);
                    }
                }
            }
            for (field, present) in [
                ("python", card.python.is_some()),
                ("rust", card.rust.is_some()),
                ("complexity", card.complexity.is_some()),
            ] {
                if present {
                    c.fail(&path![field], "a behavioral card has no code: remove it");
                }
            }
        }
    }
}

fn quiz_item(c: &mut Checker<'_>, i: usize, item: &QuizItem, synonyms: &Synonyms) {
    c.not_blank(&path!["quiz", i, "question"], item.question());
    c.not_blank(&path!["quiz", i, "explanation"], item.explanation());
    match item {
        QuizItem::Single(single) => {
            options(c, i, &single.options);
            answer_index(
                c,
                &path!["quiz", i, "answer"],
                single.answer,
                &single.options,
            );
        }
        QuizItem::Multiple(multiple) => {
            options(c, i, &multiple.options);
            if multiple.answers.is_empty() {
                c.fail(
                    &path!["quiz", i, "answers"],
                    "needs at least one right option (for exactly one, use `kind: single`)",
                );
            }
            let mut seen = HashSet::new();
            for (j, &answer) in multiple.answers.iter().enumerate() {
                let at = path!["quiz", i, "answers", j];
                if seen.insert(answer) {
                    answer_index(c, &at, answer, &multiple.options);
                } else {
                    c.fail(&at, format!("duplicate answer {answer}"));
                }
            }
        }
        QuizItem::Cloze(cloze) => cloze_item(c, i, cloze),
        QuizItem::Reorder(reorder) => {
            let at = path!["quiz", i, "code"];
            let lines = reorder.lines();
            if lines.len() < 2 {
                c.fail(
                    &at,
                    format!(
                        "needs at least two non-blank lines to put in order, has {}",
                        lines.len()
                    ),
                );
            } else if lines.iter().all(|l| *l == lines[0]) {
                c.fail(&at, "every line is the same, so there is no order to find");
            } else if lines.len() > MAX_REORDER_LINES {
                c.fail(
                    &at,
                    format!(
                        "has {} lines; at most {MAX_REORDER_LINES} fit the screen, so split it",
                        lines.len()
                    ),
                );
            }
        }
        QuizItem::Recall(recall) => recall_item(c, &path!["quiz", i], recall, synonyms),
    }
}

fn options(c: &mut Checker<'_>, i: usize, options: &[Shown]) {
    if options.len() < 2 {
        c.fail(
            &path!["quiz", i, "options"],
            format!("needs at least two options, has {}", options.len()),
        );
    } else if options.len() > MAX_OPTIONS {
        c.fail(
            &path!["quiz", i, "options"],
            format!(
                "has {} options; at most {MAX_OPTIONS}, one per digit key",
                options.len()
            ),
        );
    }
    let mut seen = HashSet::new();
    for (j, option) in options.iter().enumerate() {
        c.not_blank(&path!["quiz", i, "options", j], option);
        if !seen.insert(option.trim()) {
            c.fail(&path!["quiz", i, "options", j], "duplicate option");
        }
    }
}

fn answer_index(c: &mut Checker<'_>, at: &[Seg], answer: usize, options: &[Shown]) {
    if answer >= options.len() && !options.is_empty() {
        c.fail(
            at,
            format!(
                "answer {answer} is out of range: options are numbered from 0 to {}",
                options.len() - 1
            ),
        );
    }
}

fn cloze_item(c: &mut Checker<'_>, i: usize, cloze: &Cloze) {
    c.not_blank(&path!["quiz", i, "text"], &cloze.text);
    if cloze.gaps.is_empty() {
        c.fail(&path!["quiz", i, "gaps"], "needs at least one gap");
    }
    // Markers must read {{1}}, {{2}}, ... in order, one per gap.
    let markers: Vec<usize> = cloze
        .parts()
        .into_iter()
        .filter_map(|p| match p {
            ClozePart::Gap(n) => Some(n),
            ClozePart::Text(_) => None,
        })
        .collect();
    if markers.is_empty() && !cloze.text.trim().is_empty() {
        c.fail(
            &path!["quiz", i, "text"],
            "has no gap markers: mark the gaps {{1}}, {{2}}, ... in order",
        );
    }
    let mut seen = HashSet::new();
    for (k, &n) in markers.iter().enumerate() {
        let problem = if n == 0 || n > cloze.gaps.len() {
            Some(format!(
                "marker {{{{{n}}}}} has no gap: `gaps` has {} (numbered from 1)",
                cloze.gaps.len()
            ))
        } else if !seen.insert(n) {
            Some(format!("marker {{{{{n}}}}} appears more than once"))
        } else if n != k + 1 {
            Some(format!(
                "marker {{{{{n}}}}} is out of order: the gaps must be numbered 1, 2, 3, ... \
                 as they appear, so {{{{{}}}}} was expected here",
                k + 1
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            c.fail(&path!["quiz", i, "text"], problem);
            break;
        }
    }
    let marked: HashSet<usize> = markers.iter().copied().collect();
    for (j, gap) in cloze.gaps.iter().enumerate() {
        let number = j + 1;
        if !marked.contains(&number) {
            c.fail(
                &path!["quiz", i, "gaps", j],
                format!("gap {number} has no {{{{{number}}}}} marker in `text`"),
            );
        }
        if gap.accept.is_empty() {
            c.fail(
                &path!["quiz", i, "gaps", j, "accept"],
                "needs at least one accepted answer",
            );
        }
        let rule = Rule {
            syntax: cloze.lang.into(),
            case_sensitive: cloze.case_sensitive(j),
        };
        let mut forms: HashSet<String> = HashSet::new();
        for (k, accepted) in gap.accept.iter().enumerate() {
            let at = path!["quiz", i, "gaps", j, "accept", k];
            let form = normalize(accepted, rule);
            if form.is_empty() {
                c.fail(&at, "must not be empty");
            } else if !forms.insert(form) {
                c.fail(
                    &at,
                    format!(
                        "`{accepted}` is the same answer as an earlier one once spacing, \
                         case and punctuation are normalised"
                    ),
                );
            }
        }
    }
}

fn recall_item(c: &mut Checker<'_>, base: &[Seg], recall: &Recall, synonyms: &Synonyms) {
    c.not_blank(&under(base, &path!["model_answer"]), &recall.model_answer);
    if recall.points.is_empty() {
        c.fail(
            &under(base, &path!["points"]),
            "needs at least one key point",
        );
    }
    let model = Answer::new(&recall.model_answer);
    for (j, point) in recall.points.iter().enumerate() {
        c.not_blank(&under(base, &path!["points", j, "point"]), &point.point);
        if !point_form(c, base, j, point, synonyms) {
            continue;
        }
        match c.made(point, &model, synonyms) {
            None => c.fail(
                &under(base, &path!["points", j]),
                format!(
                    "too long to check: finding the accepted phrases in `model_answer` would \
                     take over {SEARCH_BUDGET} word comparisons; shorten the model answer"
                ),
            ),
            Some(false) if !recall.model_answer.trim().is_empty() => c.fail(
                &under(base, &path!["points", j]),
                "the model answer does not make this point: none of its accepted phrases \
                 appears in `model_answer`",
            ),
            Some(_) => {}
        }
    }
    misconceptions(c, base, recall, &model, synonyms);
    recall_examples(c, base, recall, synonyms);
}

/// Checks each misconception: a `why`, phrases with words, none found in the model
/// answer (where a negation does not deny it: the model may well say "it does not run
/// on every call"). Whether the examples state them is `recall_examples`' part.
fn misconceptions(
    c: &mut Checker<'_>,
    base: &[Seg],
    recall: &Recall,
    model: &Answer<'_>,
    synonyms: &Synonyms,
) {
    for (k, m) in recall.misconceptions.iter().enumerate() {
        c.not_blank(&under(base, &path!["misconceptions", k, "why"]), &m.why);
        if m.said.is_empty() {
            c.fail(
                &under(base, &path!["misconceptions", k, "said"]),
                "needs at least one word or phrase that states the misconception",
            );
        }
        for (p, phrase) in m.said.iter().enumerate() {
            let at = under(base, &path!["misconceptions", k, "said", p]);
            let parsed = Said::new(phrase, synonyms);
            if parsed.is_empty() {
                c.fail(
                    &at,
                    if parsed.only_exceptions() {
                        "has only exceptions (`!phrase`): add a part to look for, as in \
                         `min heap of size k & !negat*`"
                    } else if parsed.len() > 1 {
                        "has a part with no letters or digits to look for: join phrases \
                         as `first & second`"
                    } else {
                        "has no letters or digits to look for"
                    },
                );
                continue;
            }
            if phrase.split(JOIN).any(lone_o) {
                c.fail(&at, LONE_O);
            }
            let cost = model.len().saturating_mul(parsed.cost().max(1));
            let Some(left) = c.search_budget.checked_sub(cost) else {
                c.fail(
                    &at,
                    format!("too long to check: over {SEARCH_BUDGET} word comparisons"),
                );
                return;
            };
            c.search_budget = left;
            if let Some(said) = parsed.stated_in(model) {
                c.fail(
                    &at,
                    format!(
                        "the model answer states this misconception: \"{}\"; make the \
                         phrase more specific",
                        one_line(&said)
                    ),
                );
            }
        }
    }
}

/// Checks that a point has one form, `accept` or `need` of `of`, with phrases that have
/// words; false when it cannot be scored (so whether the model answer makes it is not
/// asked as well).
/// A point's phrase with `&`: parts are a `said` entry's form, not a point's.
const AMPERSAND_IN_POINT: &str = "`&` joins the parts of a misconception's `said` entry; in a \
     point's phrase it would only separate words, which must then stand in this order a few \
     words apart: write the phrase without it, or give the point `need` and `of`";

fn point_form(
    c: &mut Checker<'_>,
    base: &[Seg],
    j: usize,
    point: &RecallPoint,
    synonyms: &Synonyms,
) -> bool {
    let phrases = |c: &mut Checker<'_>, at: &[Seg], list: &[String]| {
        for (k, phrase) in list.iter().enumerate() {
            let mut at = at.to_vec();
            at.push(Seg::Index(k));
            if Phrase::new(phrase, synonyms).is_empty() {
                c.fail(&at, "has no letters or digits to look for");
            } else if phrase.contains(JOIN) {
                c.fail(&at, AMPERSAND_IN_POINT);
            } else if lone_o(phrase) {
                c.fail(&at, LONE_O);
            }
        }
    };
    if point.of.is_empty() {
        if let Some(need) = point.need {
            c.fail(
                &under(base, &path!["points", j, "need"]),
                format!(
                    "`need: {need}` counts lists of phrases in `of`, and this point has none: \
                     remove `need`, or list the alternatives in `of`"
                ),
            );
        }
        if point.accept.is_empty() {
            c.fail(
                &under(base, &path!["points", j, "accept"]),
                "needs at least one word or phrase that counts as making the point",
            );
            return false;
        }
        phrases(
            c,
            &under(base, &path!["points", j, "accept"]),
            &point.accept,
        );
        return true;
    }
    if !point.accept.is_empty() {
        c.fail(
            &under(base, &path!["points", j, "accept"]),
            "a point has either `accept` (any one phrase makes it) or `need` and `of` (so \
             many of the alternatives make it), not both",
        );
    }
    let need_ok = match point.need {
        None => {
            c.fail(
                &under(base, &path!["points", j, "of"]),
                "say how many of these alternatives make the point, with `need`",
            );
            false
        }
        Some(need) if need == 0 || need > point.of.len() => {
            c.fail(
                &under(base, &path!["points", j, "need"]),
                format!(
                    "`need: {need}` must be from 1 to the number of alternatives in `of`, {}",
                    point.of.len()
                ),
            );
            false
        }
        Some(_) => true,
    };
    for (k, way) in point.of.iter().enumerate() {
        let at = under(base, &path!["points", j, "of", k]);
        if way.is_empty() {
            c.fail(
                &at,
                "needs at least one word or phrase that counts as this alternative",
            );
        }
        phrases(c, &at, way);
    }
    need_ok
}

/// Scores every example answer as a learner's answer is scored, and reports each that
/// comes out the other way: a right one that misses a point, a wrong one that makes
/// them all.
fn recall_examples(c: &mut Checker<'_>, base: &[Seg], recall: &Recall, synonyms: &Synonyms) {
    if !c.examples || recall.examples.right.is_empty() && recall.examples.wrong.is_empty() {
        return;
    }
    // What scoring an answer costs at most, per word of it: every phrase's cost.
    let phrase_cost: usize = recall
        .points
        .iter()
        .flat_map(RecallPoint::phrases)
        .chain(recall.misconceptions.iter().flat_map(|m| &m.said))
        .map(|p| Phrase::new(p, synonyms).cost().max(1))
        .sum();
    // Which misconceptions some `wrong` example states.
    let mut stated = vec![false; recall.misconceptions.len()];
    for (list, right, examples) in [
        ("right", true, &recall.examples.right),
        ("wrong", false, &recall.examples.wrong),
    ] {
        for (k, example) in examples.iter().enumerate() {
            let at = under(base, &path!["examples", list, k]);
            if example.trim().is_empty() {
                c.fail(&at, "must not be empty");
                continue;
            }
            // Words as runs of letters and digits: about the scorer's count, without
            // splitting the answer into words twice.
            let words = example
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count();
            let cost = words.saturating_mul(phrase_cost);
            let Some(left) = c.search_budget.checked_sub(cost) else {
                c.fail(
                    &at,
                    format!(
                        "too long to check: scoring it would take over {SEARCH_BUDGET} word \
                         comparisons; shorten it"
                    ),
                );
                continue;
            };
            c.search_budget = left;
            let verdict = score_recall(recall, example, synonyms);
            for m in &verdict.misconceptions {
                if let Some(seen) = stated.get_mut(m.misconception) {
                    *seen |= !right;
                }
            }
            if right && let Some(m) = verdict.misconceptions.first() {
                c.fail(
                    &at,
                    format!(
                        "a right answer that states misconception {} (\"{}\" for `{}`): make \
                         its phrases more specific, or the example is not right",
                        m.misconception + 1,
                        one_line(&m.said),
                        m.phrase
                    ),
                );
                continue;
            }
            if Verdict::Recall(verdict.clone()).correct() == right {
                continue;
            }
            c.fail(&at, scored_the_other_way(recall, &verdict, right));
        }
    }
    for (k, seen) in stated.into_iter().enumerate() {
        if !seen {
            c.fail(
                &under(base, &path!["misconceptions", k]),
                "no `wrong` example states this misconception: add one that is wrong \
                 because of it",
            );
        }
    }
}

/// What `check` says of an example that scores the other way: the points it misses and
/// makes (a right one), or makes (a wrong one), each with the words that made it.
fn scored_the_other_way(recall: &Recall, verdict: &RecallVerdict, right: bool) -> String {
    // "point 2 \"...\"" or "points 1 \"...\" (by `x`); 3 \"...\"".
    let points = |indices: Vec<usize>| -> String {
        let listed = indices
            .iter()
            .map(|&p| {
                let said = match &verdict.points[p] {
                    // The words said, when they are not the phrase itself.
                    PointMark::Hit { phrase, said }
                        if said.to_lowercase() != phrase.to_lowercase() =>
                    {
                        format!(" (\"{}\" for `{phrase}`)", one_line(said))
                    }
                    PointMark::Hit { phrase, .. } => format!(" (by `{phrase}`)"),
                    PointMark::Denied { phrase, said } => {
                        format!(
                            " (named only in a denial: \"{}\" for `{phrase}`)",
                            one_line(said)
                        )
                    }
                    PointMark::Missed => String::new(),
                };
                format!("{} \"{}\"{said}", p + 1, one_line(&recall.points[p].point))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let noun = if indices.len() == 1 {
            "point"
        } else {
            "points"
        };
        format!("{noun} {listed}")
    };
    if right {
        let mut message = format!(
            "a right answer that scores wrong: it misses {}",
            points(verdict.missed())
        );
        let made = verdict.hit();
        if !made.is_empty() {
            let _ = write!(message, "; it makes {}", points(made));
        }
        message
    } else {
        format!(
            "a wrong answer that scores right: it makes every point ({})",
            points(verdict.hit())
        )
    }
}

/// `rest`, a path inside the item at `base`, from the top of the card.
fn under(base: &[Seg], rest: &[Seg]) -> Vec<Seg> {
    base.iter().chain(rest).cloned().collect()
}

/// `text` with every run of whitespace as one space, for a message on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Checker<'_> {
    /// Whether `point` is made in `answer`, spending search budget on each phrase looked
    /// for; `None` when the budget ran out.
    fn made(
        &mut self,
        point: &RecallPoint,
        answer: &Answer<'_>,
        synonyms: &Synonyms,
    ) -> Option<bool> {
        let mut too_long = false;
        let budget = &mut self.search_budget;
        let rule = PointRule::of(point);
        let made = point
            .made_by(|phrase| {
                if too_long {
                    return None;
                }
                let parsed = Phrase::new(phrase, synonyms);
                // At most a few comparisons per word of the phrase at every word of the
                // answer.
                let cost = answer.len().saturating_mul(parsed.cost().max(1));
                match budget.checked_sub(cost) {
                    Some(left) => {
                        *budget = left;
                        rule.find(&parsed, phrase, answer).map(|_| ())
                    }
                    None => {
                        too_long = true;
                        None
                    }
                }
            })
            .is_some();
        (!too_long || made).then_some(made)
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
