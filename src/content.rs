//! Decks and cards: the serde types, and loading them from the bundled content and the
//! user's deck folders.
//!
//! A deck is a folder holding `deck.yaml` (its id, title and topics) and card files
//! (every other `*.yaml`). A card file holds one card, or several separated by `---`
//! document markers. Parsing goes through [`yaml`], the only module that calls
//! `serde_yaml`; [`validate`] adds the rules serde cannot express; [`locate`] turns a
//! field path into a line and column so every problem can be reported with a position;
//! [`quiz`] holds the quiz items' types.

pub mod cache;
pub mod cues;
pub mod follow_up;
pub mod load;
pub mod locate;
pub mod nesting;
pub mod problem;
pub mod quiz;
pub mod script;
pub mod source;
pub mod starters;
pub mod validate;
pub mod yaml;

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Shown;

pub use follow_up::{FollowUp, ScoredFollowUp};
#[cfg(test)]
pub(crate) use load::bundled_library;
pub use load::{Library, LoadOptions, load_library};
pub use problem::{Problem, Problems, Severity};
pub use quiz::{
    Cloze, ClozePart, CodeLang, Gap, Misconception, MultipleChoice, QuizItem, QuizKind, Recall,
    RecallExamples, RecallPoint, Reorder, SingleChoice,
};

/// A card's stable identity. Review history is keyed by it, so it must never change
/// when the card's text is edited.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CardId(pub String);

impl CardId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `deck.yaml`: what a deck is called and which topics its cards may use.
///
/// Text that is shown is [`Shown`], sanitized as it is read; ids are slugs (checked by
/// `validate`, and a deck or card that breaks the rule is not loaded), safe as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeckMeta {
    pub id: String,
    pub title: Shown,
    pub description: Shown,
    pub topics: Vec<Topic>,
    /// The deck's own synonym groups for scoring recall answers, added to tutor's
    /// general set (`quiz::synonyms`): `[[SRP, single responsibility], ...]`.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: Shown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn label(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Medium => "medium",
            Self::Hard => "hard",
        }
    }
}

/// The live diagram a card drives in the full-screen session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visual {
    Lru,
    Anagrams,
}

/// Something an LRU operation does that a solution has lines for: what `code_links`
/// keys its line lists by, and what the LRU lab reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeEvent {
    /// `get` found the key and made it the most recently used.
    Hit,
    /// `get` did not find the key (and changed nothing).
    Miss,
    /// `put` stored a new key.
    Insert,
    /// `put` replaced an existing key's value and made it the most recently used.
    Update,
    /// `put` of a new key into a full cache evicted the least recently used entry.
    Evict,
    /// `put` at capacity 0: nothing is stored.
    Discard,
    /// Anagrams: `add` computed the word's key by sorting its letters.
    SortedKey,
    /// Anagrams: `add` computed the word's key by counting its letters.
    CountKey,
    /// Anagrams: the key was new, so a bucket was made for it.
    NewBucket,
    /// Anagrams: the key had a bucket, and the word was appended to it.
    Append,
}

impl CodeEvent {
    pub const ALL: [Self; 10] = [
        Self::Hit,
        Self::Miss,
        Self::Insert,
        Self::Update,
        Self::Evict,
        Self::Discard,
        Self::SortedKey,
        Self::CountKey,
        Self::NewBucket,
        Self::Append,
    ];

    /// The visual whose operations report it: `code_links` may only use a card's own.
    pub fn visual(self) -> Visual {
        match self {
            Self::Hit | Self::Miss | Self::Insert | Self::Update | Self::Evict | Self::Discard => {
                Visual::Lru
            }
            Self::SortedKey | Self::CountKey | Self::NewBucket | Self::Append => Visual::Anagrams,
        }
    }

    /// The key it has in `code_links`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hit => "hit",
            Self::Miss => "miss",
            Self::Insert => "insert",
            Self::Update => "update",
            Self::Evict => "evict",
            Self::Discard => "discard",
            Self::SortedKey => "sorted_key",
            Self::CountKey => "count_key",
            Self::NewBucket => "new_bucket",
            Self::Append => "append",
        }
    }
}

/// For one solution: which of its lines (counted from 1) each event executes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventLines {
    #[serde(default)]
    pub hit: Vec<usize>,
    #[serde(default)]
    pub miss: Vec<usize>,
    #[serde(default)]
    pub insert: Vec<usize>,
    #[serde(default)]
    pub update: Vec<usize>,
    #[serde(default)]
    pub evict: Vec<usize>,
    #[serde(default)]
    pub discard: Vec<usize>,
    #[serde(default)]
    pub sorted_key: Vec<usize>,
    #[serde(default)]
    pub count_key: Vec<usize>,
    #[serde(default)]
    pub new_bucket: Vec<usize>,
    #[serde(default)]
    pub append: Vec<usize>,
}

impl EventLines {
    /// The lines `event` executes, in the order the card lists them.
    pub fn lines(&self, event: CodeEvent) -> &[usize] {
        match event {
            CodeEvent::Hit => &self.hit,
            CodeEvent::Miss => &self.miss,
            CodeEvent::Insert => &self.insert,
            CodeEvent::Update => &self.update,
            CodeEvent::Evict => &self.evict,
            CodeEvent::Discard => &self.discard,
            CodeEvent::SortedKey => &self.sorted_key,
            CodeEvent::CountKey => &self.count_key,
            CodeEvent::NewBucket => &self.new_bucket,
            CodeEvent::Append => &self.append,
        }
    }
}

/// `code_links` on a card with a `visual`: the solution lines each operation of the
/// visual's lab executes, so the code panes can highlight them while the diagram shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeLinks {
    #[serde(default)]
    pub python: EventLines,
    #[serde(default)]
    pub rust: EventLines,
}

/// A solution in one language, the tests that prove it, and the starter a learner begins
/// from. All three are code that is run, so they are kept as written (sanitizing turns
/// tabs into spaces): they are shown only through `highlight`, which sanitizes what it
/// draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Solution {
    /// What a learner sees in an empty editor: the signatures the tests call, each with
    /// a docstring or doc comment saying what it must do, and bodies of `...` (Python) or
    /// `todo!()` (Rust). The tests must fail on it, at run time. Optional in a deck of
    /// your own; every bundled coding card has one for both languages.
    #[serde(default)]
    pub starter: Option<String>,
    pub solution: String,
    pub tests: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complexity {
    pub time: Shown,
    pub space: Shown,
}

/// What a card asks for: code, or a behavioural (Leadership Principles) story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    /// A coding question: Python and Rust solutions with tests.
    #[default]
    Coding,
    /// A behavioural question: a STAR outline instead of code.
    Behavioral,
}

/// The shape of a behavioural answer: Situation, Task, Action, Result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Star {
    pub situation: Shown,
    pub task: Shown,
    pub action: Shown,
    pub result: Shown,
}

/// One card. Its text is [`Shown`] (sanitized as it is read) except the code in
/// `python` and `rust`, which is run; `id`, `topic` and `tags` are checked slugs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: CardId,
    #[serde(default)]
    pub kind: CardKind,
    pub title: Shown,
    pub topic: String,
    pub tags: Vec<String>,
    pub difficulty: Difficulty,
    pub prompt: Shown,
    /// Coding cards only (required there). Private: read through [`Card::python`] or
    /// [`Card::code`], changed through [`Card::python_mut`], as a card from the parse
    /// cache has `None` here, its code left in the cache file until asked for
    /// (`stored`). Only `content`'s parsing and validation read it directly.
    #[serde(default, skip_serializing)]
    python: Option<Solution>,
    /// Coding cards only (required there); as `python`, read through [`Card::rust`].
    #[serde(default, skip_serializing)]
    rust: Option<Solution>,
    /// Behavioural cards only (required there).
    #[serde(default)]
    pub star: Option<Star>,
    /// What a candidate says in about two minutes (at most 300 words), shown first after
    /// the reveal, above the long `explanation`.
    #[serde(default)]
    pub spoken: Option<Shown>,
    pub explanation: Shown,
    pub key_points: Vec<Shown>,
    pub pitfalls: Vec<Shown>,
    #[serde(default)]
    pub complexity: Option<Complexity>,
    /// Plain questions, or scored ones with points and probes (see `follow_up`).
    pub follow_ups: Vec<FollowUp>,
    #[serde(default)]
    pub visual: Option<Visual>,
    /// Only with `visual: lru`: which solution lines each lab operation executes.
    #[serde(default)]
    pub code_links: Option<CodeLinks>,
    #[serde(default)]
    pub quiz: Vec<QuizItem>,
    /// Where a card from the parse cache has its code: read from the cache file the
    /// first time it is asked for, so a start does not hold every card's solutions,
    /// tests and starters (0.8 MB of the bundled decks) to draw one card.
    #[serde(skip)]
    pub(crate) stored: cache::StoredCode,
}

impl Card {
    /// The Python and Rust solutions, for a coding card.
    pub fn code(&self) -> Option<(&Solution, &Solution)> {
        let (python, rust) = self.solutions();
        Some((python?, rust?))
    }

    pub fn python(&self) -> Option<&Solution> {
        self.solutions().0
    }

    pub fn rust(&self) -> Option<&Solution> {
        self.solutions().1
    }

    /// The Python code, to change: a card from the cache reads its code into itself
    /// first (and no longer reads the cache).
    pub fn python_mut(&mut self) -> Option<&mut Solution> {
        self.own_code();
        self.python.as_mut()
    }

    /// The Rust code, to change, as [`Card::python_mut`].
    pub fn rust_mut(&mut self) -> Option<&mut Solution> {
        self.own_code();
        self.rust.as_mut()
    }

    /// The code from the cache file, if the card's is there, moved into the card.
    fn own_code(&mut self) {
        if let Some((python, rust)) = self.stored.take() {
            self.python = python;
            self.rust = rust;
        }
    }

    /// Whether [`Card::code`] is `Some`, without reading the code from the cache.
    pub fn has_code(&self) -> bool {
        match self.stored.spans() {
            Some(both) => both,
            None => self.python.is_some() && self.rust.is_some(),
        }
    }

    /// `f` on the card's Python and Rust code, which is read from the cache for the
    /// call and not kept, when the card has not been asked for it before: for what
    /// goes through every card's code once (the highlight cache's warming, the tests'
    /// hash).
    pub fn with_code<R>(&self, f: impl FnOnce(Option<&Solution>, Option<&Solution>) -> R) -> R {
        match self.stored.peek() {
            Some(code) => f(code.0.as_ref(), code.1.as_ref()),
            None => f(self.python.as_ref(), self.rust.as_ref()),
        }
    }

    /// The code in the card, or read from the cache file (once, then kept).
    fn solutions(&self) -> (Option<&Solution>, Option<&Solution>) {
        match self.stored.get() {
            Some((python, rust)) => (python.as_ref(), rust.as_ref()),
            None => (self.python.as_ref(), self.rust.as_ref()),
        }
    }

    /// How many recall `examples` (right and wrong) the card's recall items and scored
    /// follow-ups hold: those `tutor check` scores, which the parse cache and the
    /// binary's copy of the bundled decks leave out.
    pub fn example_count(&self) -> usize {
        let recall = self.quiz.iter().filter_map(|q| match q {
            QuizItem::Recall(r) => Some(&r.examples),
            _ => None,
        });
        let follow_ups = self.follow_ups.iter().filter_map(|f| match f {
            FollowUp::Scored(s) => Some(&s.examples),
            FollowUp::Asked(_) => None,
        });
        recall
            .chain(follow_ups)
            .map(|e| e.right.len() + e.wrong.len())
            .sum()
    }

    /// The card without its recall `examples`, as the parse cache and the binary's copy
    /// of the bundled decks hold it.
    #[must_use]
    pub fn without_examples(&self) -> Self {
        let mut card = self.clone();
        for item in &mut card.quiz {
            if let QuizItem::Recall(r) = item {
                r.examples = RecallExamples::default();
            }
        }
        for follow_up in &mut card.follow_ups {
            if let FollowUp::Scored(s) = follow_up {
                s.examples = RecallExamples::default();
            }
        }
        card
    }
}

/// A deck with its cards, in file-name order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deck {
    pub meta: DeckMeta,
    pub cards: Vec<Card>,
    /// Where each card's `id` is written, parallel to `cards`.
    pub locations: Vec<CardLocation>,
    /// Where it came from, for messages: `content/amazon-python` or a user path.
    pub origin: String,
}

/// The file, line and column of a card's `id`, for messages about the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLocation {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for CardLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

impl Deck {
    pub fn topic_title(&self, topic: &str) -> Option<&Shown> {
        self.meta
            .topics
            .iter()
            .find(|t| t.id == topic)
            .map(|t| &t.title)
    }

    /// What to call `topic`: its title, or the id when the deck has no such topic.
    pub fn topic_name(&self, topic: &str) -> Cow<'_, Shown> {
        self.topic_title(topic)
            .map_or_else(|| Cow::Owned(Shown::new(topic)), Cow::Borrowed)
    }
}
