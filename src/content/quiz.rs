//! Quiz items: the five kinds of question a card can carry, tagged by `kind` in YAML.
//!
//! Each kind is its own struct so scoring and rendering can take exactly the item they
//! handle. Indices in a deck (`answer`, `answers`) count from 0; gap markers in cloze
//! text count from 1 (`{{1}}`), as an author reads them.
//!
//! All their text is shown and none of it is run, so all of it is [`Shown`]: sanitized
//! as it is read. Answers are compared with what the user typed after both are
//! normalized (`quiz::normalize`).

use serde::{Deserialize, Serialize};

use crate::text::Shown;

/// One quiz question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum QuizItem {
    Single(SingleChoice),
    Multiple(MultipleChoice),
    Cloze(Cloze),
    Reorder(Reorder),
    Recall(Recall),
}

/// Exactly one of `options` is right: the one at index `answer` (from 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SingleChoice {
    pub question: Shown,
    pub options: Vec<Shown>,
    pub answer: usize,
    pub explanation: Shown,
    /// See [`shuffled`]; `false` keeps the options in the file's order on screen.
    #[serde(default = "shuffled")]
    pub shuffle: bool,
}

/// Several options are right (`answers`, indices from 0); all of them, and nothing
/// else, must be picked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultipleChoice {
    pub question: Shown,
    pub options: Vec<Shown>,
    pub answers: Vec<usize>,
    pub explanation: Shown,
    /// See [`shuffled`].
    #[serde(default = "shuffled")]
    pub shuffle: bool,
}

/// A quiz shows a choice item's options in an order drawn from its seed, so the right
/// one is not always where the author happened to write it (issue 16). An item whose
/// options refer to each other ("both of the above") opts out with `shuffle: false`.
fn shuffled() -> bool {
    true
}

/// Text with gaps to type: `{{1}}`, `{{2}}`, ... in `text`, in order, one per entry of
/// `gaps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cloze {
    pub question: Shown,
    pub text: Shown,
    /// What `text` is written in: decides the highlighting and how typed answers are
    /// compared (see `quiz::normalize`).
    #[serde(default)]
    pub lang: CodeLang,
    pub gaps: Vec<Gap>,
    pub explanation: Shown,
}

/// One gap of a cloze item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// Every answer that counts as right; the first is the one shown as the solution.
    pub accept: Vec<Shown>,
    /// Whether letter case must match. Unset: it must in code (`python`, `rust`), where
    /// `None` and `none` are different names, and need not in prose (`text`).
    #[serde(default)]
    pub case_sensitive: Option<bool>,
}

/// A Parsons problem: the lines of `code`, shuffled, to be put back in order. Lines
/// keep their indentation; blank lines are dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reorder {
    pub question: Shown,
    pub code: Shown,
    #[serde(default)]
    pub lang: CodeLang,
    pub explanation: Shown,
}

/// Free recall: the user writes an answer, scored against `points`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recall {
    pub question: Shown,
    pub points: Vec<RecallPoint>,
    pub model_answer: Shown,
    pub explanation: Shown,
    /// Answers as learners would write them, which `tutor check` scores: they test the
    /// accept lists on words other than the model answer's. Not kept in the parse cache
    /// (`skip_serializing`): nothing else reads them, and `check` never uses the cache;
    /// a normal start then holds 0.2 MB less of the bundled decks.
    #[serde(default, skip_serializing)]
    pub examples: RecallExamples,
    /// Wrong things a candidate commonly says in answer: an answer that says one is
    /// wrong whatever points it makes, and the verdict says why.
    #[serde(default)]
    pub misconceptions: Vec<Misconception>,
}

/// A wrong statement an answer may make, found by phrases as points are (any one of
/// `said`), unless a negation stands just before it ("it does *not* run on every call",
/// see `quiz::negation`); `why` tells the learner what is true instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Misconception {
    pub said: Vec<String>,
    pub why: Shown,
}

/// Example answers to a recall item: every `right` one must make every point, and no
/// `wrong` one may.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecallExamples {
    #[serde(default)]
    pub right: Vec<String>,
    #[serde(default)]
    pub wrong: Vec<String>,
}

/// A point a recalled answer should make, and the words or phrases that count as
/// making it: any one of `accept`, or, for a point that asks for several things of a
/// list ("two ways to fix it"), one phrase from each of at least `need` of the lists in
/// `of`. A point has one form or the other (see `content::validate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecallPoint {
    pub point: Shown,
    #[serde(default)]
    pub accept: Vec<String>,
    /// How many of the lists in `of` the answer must make.
    #[serde(default)]
    pub need: Option<usize>,
    /// The alternatives of a "k of n" point, each a list of phrases any one of which
    /// makes it.
    #[serde(default)]
    pub of: Vec<Vec<String>>,
}

impl RecallPoint {
    /// A point made by any one of `accept`.
    pub fn new(point: impl Into<Shown>, accept: Vec<String>) -> Self {
        Self {
            point: point.into(),
            accept,
            need: None,
            of: Vec::new(),
        }
    }

    /// The phrases that make this point in an answer, each with what `found` said of
    /// it (`found` looks one phrase up in the answer: `None` when it is not there);
    /// `None` when the point is not made. A plain point is made by its first accepted
    /// phrase found; a "k of n" point by the first phrase found of each alternative,
    /// when at least `need` of them are.
    pub fn made_by<T>(&self, mut found: impl FnMut(&str) -> Option<T>) -> Option<Vec<(&str, T)>> {
        if self.of.is_empty() {
            return self
                .accept
                .iter()
                .find_map(|p| found(p).map(|t| vec![(p.as_str(), t)]));
        }
        let hits: Vec<(&str, T)> = self
            .of
            .iter()
            .filter_map(|way| way.iter().find_map(|p| found(p).map(|t| (p.as_str(), t))))
            .collect();
        (hits.len() >= self.need.unwrap_or(1).max(1)).then_some(hits)
    }

    /// Every phrase of the point, in either form.
    pub fn phrases(&self) -> impl Iterator<Item = &String> {
        self.accept.iter().chain(self.of.iter().flatten())
    }
}

/// The language of a quiz item's code or text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeLang {
    Python,
    Rust,
    #[default]
    Text,
}

impl CodeLang {
    pub fn label(self) -> &'static str {
        match self {
            Self::Python => "python",
            Self::Rust => "rust",
            Self::Text => "text",
        }
    }

    pub fn is_code(self) -> bool {
        !matches!(self, Self::Text)
    }
}

/// The kind of a quiz item, as written after `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuizKind {
    Single,
    Multiple,
    Cloze,
    Reorder,
    Recall,
}

impl QuizKind {
    pub const ALL: [Self; 5] = [
        Self::Single,
        Self::Multiple,
        Self::Cloze,
        Self::Reorder,
        Self::Recall,
    ];

    /// The YAML name, also what the store saves.
    pub fn label(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Cloze => "cloze",
            Self::Reorder => "reorder",
            Self::Recall => "recall",
        }
    }

    /// A name for people.
    pub fn title(self) -> &'static str {
        match self {
            Self::Single => "Single choice",
            Self::Multiple => "Multiple answer",
            Self::Cloze => "Fill the gaps",
            Self::Reorder => "Put in order",
            Self::Recall => "Free recall",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.label() == label)
    }
}

impl QuizItem {
    pub fn kind(&self) -> QuizKind {
        match self {
            Self::Single(_) => QuizKind::Single,
            Self::Multiple(_) => QuizKind::Multiple,
            Self::Cloze(_) => QuizKind::Cloze,
            Self::Reorder(_) => QuizKind::Reorder,
            Self::Recall(_) => QuizKind::Recall,
        }
    }

    pub fn question(&self) -> &Shown {
        match self {
            Self::Single(i) => &i.question,
            Self::Multiple(i) => &i.question,
            Self::Cloze(i) => &i.question,
            Self::Reorder(i) => &i.question,
            Self::Recall(i) => &i.question,
        }
    }

    pub fn explanation(&self) -> &Shown {
        match self {
            Self::Single(i) => &i.explanation,
            Self::Multiple(i) => &i.explanation,
            Self::Cloze(i) => &i.explanation,
            Self::Reorder(i) => &i.explanation,
            Self::Recall(i) => &i.explanation,
        }
    }
}

/// A piece of cloze text: plain text, or the gap marker `{{number}}` (`number` as
/// written, from 1; `usize::MAX` when too large to read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClozePart<'a> {
    Text(&'a str),
    Gap(usize),
}

impl Cloze {
    /// The text split at its gap markers. A marker is `{{`, one or more ASCII digits,
    /// `}}`; anything else (`{{x}}`, `{{ 1 }}`, a single brace) is plain text.
    pub fn parts(&self) -> Vec<ClozePart<'_>> {
        cloze_parts(&self.text)
    }

    /// Whether gap `index` (from 0) compares letter case.
    pub fn case_sensitive(&self, index: usize) -> bool {
        self.gaps
            .get(index)
            .and_then(|g| g.case_sensitive)
            .unwrap_or(self.lang.is_code())
    }
}

/// See [`Cloze::parts`].
pub fn cloze_parts(text: &str) -> Vec<ClozePart<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    let mut plain_start = 0;
    let mut offset = 0;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with("}}") {
            let start = offset + open;
            if start > plain_start {
                parts.push(ClozePart::Text(&text[plain_start..start]));
            }
            parts.push(ClozePart::Gap(
                after[..digits].parse().unwrap_or(usize::MAX),
            ));
            let consumed = open + 2 + digits + 2;
            offset += consumed;
            plain_start = offset;
            rest = &rest[consumed..];
        } else {
            // Step one brace on, so `{{{1}}` still finds the marker after the first `{`.
            offset += open + 1;
            rest = &rest[open + 1..];
        }
    }
    if plain_start < text.len() {
        parts.push(ClozePart::Text(&text[plain_start..]));
    }
    parts
}

impl Reorder {
    /// The lines in their right order: trailing spaces removed, blank lines dropped,
    /// indentation kept.
    pub fn lines(&self) -> Vec<&str> {
        self.code
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloze_markers() {
        use ClozePart::{Gap, Text};
        assert_eq!(
            cloze_parts("a {{1}} b {{2}}"),
            [Text("a "), Gap(1), Text(" b "), Gap(2)]
        );
        assert_eq!(cloze_parts("{{1}}{{2}}"), [Gap(1), Gap(2)]);
        assert_eq!(cloze_parts("{{{1}}}"), [Text("{"), Gap(1), Text("}")]);
        assert_eq!(
            cloze_parts("{{x}} {{ 1 }} {{}}"),
            [Text("{{x}} {{ 1 }} {{}}")]
        );
        assert_eq!(cloze_parts("{{1"), [Text("{{1")]);
        assert_eq!(cloze_parts(""), []);
        assert_eq!(
            cloze_parts("é{{99999999999999999999999}}"),
            [Text("é"), Gap(usize::MAX)]
        );
    }

    #[test]
    fn reorder_lines_keep_indentation_and_drop_blanks() {
        let r = Reorder {
            question: "q".into(),
            code: "def f():\n\n    return 1   \n".into(),
            lang: CodeLang::Python,
            explanation: "e".into(),
        };
        assert_eq!(r.lines(), ["def f():", "    return 1"]);
    }

    #[test]
    fn case_follows_the_language_unless_set() {
        let gap = |case_sensitive| Gap {
            accept: vec!["x".into()],
            case_sensitive,
        };
        let mut c = Cloze {
            question: "q".into(),
            text: "{{1}} {{2}}".into(),
            lang: CodeLang::Python,
            gaps: vec![gap(None), gap(Some(false))],
            explanation: "e".into(),
        };
        assert!(c.case_sensitive(0));
        assert!(!c.case_sensitive(1));
        c.lang = CodeLang::Text;
        assert!(!c.case_sensitive(0));
        assert!(!c.case_sensitive(7));
    }

    #[test]
    fn a_k_of_n_point_needs_k_alternatives() {
        let strings = |items: &[&str]| items.iter().map(ToString::to_string).collect();
        let point = RecallPoint {
            need: Some(2),
            of: vec![
                strings(&["pct=pct", "default argument"]),
                strings(&["partial"]),
                strings(&["factory"]),
            ],
            ..RecallPoint::new("two fixes", Vec::new())
        };
        let said = |words: &'static [&'static str]| move |p: &str| words.contains(&p).then_some(());
        assert_eq!(point.made_by(said(&["partial"])), None, "one of two");
        assert_eq!(
            point.made_by(said(&["factory", "default argument", "pct=pct"])),
            Some(vec![("pct=pct", ()), ("factory", ())]),
            "the first phrase found of each alternative"
        );
        assert_eq!(
            point.made_by(said(&["pct=pct", "default argument"])),
            None,
            "two phrases of one alternative are one"
        );
        let plain = RecallPoint::new("p", strings(&["a", "b"]));
        assert_eq!(plain.made_by(said(&["b", "a"])), Some(vec![("a", ())]));
        assert_eq!(plain.made_by(said(&[])), None);
    }

    #[test]
    fn kinds_round_trip_their_labels() {
        for kind in QuizKind::ALL {
            assert_eq!(QuizKind::from_label(kind.label()), Some(kind));
        }
        assert_eq!(QuizKind::from_label("essay"), None);
    }
}
