//! Synonym groups for free-recall answers: phrases that say the same thing. tutor ships
//! a general set ([`GENERAL`]); a deck adds its own in `deck.yaml` (`synonyms:`).
//!
//! A group is not transitive across groups: `drop` is in the group of `release` and in
//! the group of `evict`, so an answer saying `drop` makes a point that accepts either,
//! but `evict` never counts as `release`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::tokens::{Token, named_unit, tokens};

/// The general set: phrases that mean the same in any deck about programming. A word
/// here is matched by its stem, like any phrase (`dictionary` also covers
/// `dictionaries`). Deck-specific names and acronyms belong in the deck's own
/// `synonyms:`.
pub const GENERAL: &[&[&str]] = &[
    &[
        "dict",
        "dictionary",
        "hash map",
        "hashmap",
        "hash table",
        "hashtable",
        // Python's own word for a dict ("a mapping object maps hashable values to
        // arbitrary objects"): its stem is `map`, so the verb counts too, on purpose.
        "mapping",
    ],
    &["evict", "remove", "drop", "pop the oldest", "throw out"],
    &[
        "release",
        "give up",
        "let go",
        "drop",
        "unlock",
        "relinquish",
    ],
    &[
        "conditional write",
        "conditional put",
        "conditional update",
        "compare and set",
        "compare and swap",
    ],
    &["least recently used", "lru"],
    &["global interpreter lock", "gil"],
    &["time to live", "ttl"],
    &["first in first out", "fifo"],
    &["last in first out", "lifo"],
    &["o 1", "constant time"],
    &["o n", "linear time"],
    &[
        "o n log n",
        "n log n",
        "log linear",
        "loglinear",
        "linearithmic",
    ],
    &["trade off", "tradeoff"],
    &["back off", "backoff"],
    &["thread safe", "threadsafe"],
    &["asynchronous", "async"],
    &["database", "db"],
    &["argument", "arg"],
    &["parameter", "param"],
    &["idempotent", "safe to retry"],
    &["immutable", "can not be changed", "can not change"],
    &["dependency injection", "inject dependencies"],
    &["size", "len", "length"],
];

/// One word of a phrase as it is compared: by stem, or, written with a `*`, by the
/// start of the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Stem(String),
    Prefix(String),
    /// A unit's name (`minutes`): also found as a number with that unit (`40 minutes`).
    Unit(String, &'static str),
}

impl Piece {
    pub fn from_token(token: &Token) -> Self {
        if token.star {
            Self::Prefix(token.text.clone())
        } else if let Some(unit) = named_unit(&token.text) {
            Self::Unit(token.stem.clone(), unit)
        } else {
            Self::Stem(token.stem.clone())
        }
    }

    /// Whether `token` of an answer is this word. A percentage (`8%`) is also the word
    /// `percent`, and a number with a unit (`40 minutes`) the unit's name.
    pub fn matches(&self, token: &Token) -> bool {
        match self {
            Self::Stem(stem) => {
                token.stem == *stem || (token.percent && stem.starts_with("percent"))
            }
            Self::Unit(stem, unit) => token.stem == *stem || token.unit == Some(*unit),
            Self::Prefix(prefix) => {
                token.text.starts_with(prefix.as_str())
                    || (token.percent && "percent".starts_with(prefix.as_str()))
            }
        }
    }
}

/// The words of `text` that a phrase compares: stop words are left out, except those
/// after its last other word, which make an idiom of it (`has a` is not `has`), and
/// all of them when it has no other word (`it is`). An operator (`<=`, `!=`, `++`) is
/// kept: it is a stop word only in that it costs an answer no gap. A big-O expression
/// is one word:
/// the words inside it are left out (`quiz::complexity`).
pub fn content_tokens(text: &str) -> Vec<Token> {
    let mut all = tokens(text);
    all.retain(|t| t.inside.is_none());
    let Some(last) = all.iter().rposition(|t| !t.stop || t.op()) else {
        return all;
    };
    let mut i = 0;
    all.retain(|t| {
        i += 1;
        !t.stop || t.op() || i > last + 1
    });
    all
}

/// One phrase of a group: its words (plain, never `*`) and its stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub text: String,
    pub words: Vec<String>,
    pub stems: Vec<String>,
}

impl Member {
    fn new(text: &str) -> Self {
        let tokens = content_tokens(text);
        Self {
            text: text.to_string(),
            words: tokens.iter().map(|t| t.text.clone()).collect(),
            stems: tokens.into_iter().map(|t| t.stem).collect(),
        }
    }

    pub fn pieces(&self) -> Vec<Piece> {
        self.stems.iter().cloned().map(Piece::Stem).collect()
    }

    /// Whether the phrase words `said` are this member: a plain word by its stem, a
    /// `word*` when it covers this member's word at least down to the stem
    /// (`releas*` is `release`, `re*` is not).
    pub fn is(&self, said: &[Token]) -> bool {
        said.len() == self.stems.len()
            && said
                .iter()
                .zip(self.words.iter().zip(&self.stems))
                .all(|(t, (word, stem))| {
                    if t.star {
                        word.starts_with(t.text.as_str()) && t.text.starts_with(stem.as_str())
                    } else {
                        t.stem == *stem
                    }
                })
    }
}

/// The groups a deck's answers are scored with: the general set and the deck's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synonyms {
    groups: Vec<Vec<Member>>,
    /// `(group, member)` of every member, by its first stem.
    by_first: HashMap<String, Vec<(usize, usize)>>,
}

/// At most this many groups of a deck are used (`check` reports the rest)...
pub const MAX_DECK_GROUPS: usize = 100;
/// ...and this many phrases of a group: a deck cannot make scoring slow.
pub const MAX_GROUP_PHRASES: usize = 20;

/// What one run of a phrase's words may be said as, at most, over all its groups.
const MAX_ALTERNATIVES: usize = 64;

/// [`GENERAL`], split into words once.
static GENERAL_SYNONYMS: LazyLock<Synonyms> =
    LazyLock::new(|| Synonyms::new(GENERAL.iter().map(|g| group(g.iter().copied())).collect()));

fn group<'a>(phrases: impl Iterator<Item = &'a str>) -> Vec<Member> {
    phrases
        .take(MAX_GROUP_PHRASES)
        .map(Member::new)
        .filter(|m| !m.stems.is_empty())
        .collect()
}

impl Default for Synonyms {
    fn default() -> Self {
        Self::general()
    }
}

impl Synonyms {
    fn new(groups: Vec<Vec<Member>>) -> Self {
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (g, group) in groups.iter().enumerate() {
            for (m, member) in group.iter().enumerate() {
                if let Some(first) = member.stems.first() {
                    by_first.entry(first.clone()).or_default().push((g, m));
                }
            }
        }
        Self { groups, by_first }
    }

    /// The general set alone.
    pub fn general() -> Self {
        GENERAL_SYNONYMS.clone()
    }

    /// The general set and `deck`'s groups (the first [`MAX_DECK_GROUPS`], each with its
    /// first [`MAX_GROUP_PHRASES`]). Empty phrases are skipped; validation reports them.
    pub fn with_deck(deck: &[Vec<String>]) -> Self {
        if deck.is_empty() {
            return Self::general();
        }
        let mut groups = GENERAL_SYNONYMS.groups.clone();
        groups.extend(
            deck.iter()
                .take(MAX_DECK_GROUPS)
                .map(|g| group(g.iter().map(String::as_str))),
        );
        Self::new(groups)
    }

    /// The members that could start at `first`: those whose first stem is its stem, or,
    /// for a `word*`, a start of it.
    fn candidates(&self, first: &Token) -> Vec<(usize, usize)> {
        if !first.star {
            return self.by_first.get(&first.stem).cloned().unwrap_or_default();
        }
        first
            .text
            .char_indices()
            .map(|(i, c)| &first.text[..i + c.len_utf8()])
            .filter_map(|start| self.by_first.get(start))
            .flatten()
            .copied()
            .collect()
    }

    /// The longest member (in words) that `said` starts with, and every member of every
    /// group holding a member of that length there, to match instead (at most
    /// [`MAX_ALTERNATIVES`]): `(length, alternatives)`. `None` when no group has a
    /// member there.
    pub fn alternatives(&self, said: &[Token]) -> Option<(usize, Vec<&Member>)> {
        let found: Vec<(usize, usize)> = self
            .candidates(said.first()?)
            .into_iter()
            .filter_map(|(g, m)| {
                let member = &self.groups[g][m];
                let len = member.stems.len();
                (len <= said.len() && member.is(&said[..len])).then_some((g, len))
            })
            .collect();
        let longest = found.iter().map(|&(_, len)| len).max()?;
        let mut alternatives: Vec<&Member> = Vec::new();
        for (g, _) in found.into_iter().filter(|&(_, len)| len == longest) {
            for member in &self.groups[g] {
                if alternatives.len() < MAX_ALTERNATIVES && !alternatives.contains(&member) {
                    alternatives.push(member);
                }
            }
        }
        Some((longest, alternatives))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alternatives(phrase: &str) -> Vec<String> {
        let said = content_tokens(phrase);
        Synonyms::general()
            .alternatives(&said)
            .map(|(_, alts)| alts.into_iter().map(|m| m.text.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_general_phrase_has_words() {
        for group in GENERAL {
            assert!(group.len() >= 2, "{group:?}");
            for phrase in *group {
                assert!(!content_tokens(phrase).is_empty(), "{phrase}");
                assert!(!phrase.contains('*'), "{phrase}");
            }
        }
    }

    #[test]
    fn stop_words_go_except_at_the_end() {
        let words = |text: &str| -> Vec<String> {
            content_tokens(text).into_iter().map(|t| t.text).collect()
        };
        assert_eq!(words("when they are called"), ["when", "called"]);
        assert_eq!(words("the oldest"), ["oldest"]);
        assert_eq!(words("has a"), ["has", "a"]);
        assert_eq!(words("it is"), ["it", "is"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn groups_do_not_chain() {
        let release = alternatives("releas*");
        assert!(release.contains(&"give up".to_string()), "{release:?}");
        assert!(!release.contains(&"evict".to_string()));
        let drop = alternatives("drop");
        assert!(drop.contains(&"evict".to_string()) && drop.contains(&"release".to_string()));
        assert!(
            alternatives("re*").is_empty(),
            "a prefix shorter than the stem"
        );
        assert!(alternatives("dictionaries").contains(&"hash map".to_string()));
    }

    /// `mapping` is in the dict group and its stem is `map`, so the verb counts as a
    /// dict: "maps each key to its node" is how Python's own docs describe a dict, and
    /// removing it cost right answers while no wrong one needed it. The builtin `map()`
    /// counts too (README, "What this cannot do").
    #[test]
    fn the_verb_map_is_a_dict_on_purpose() {
        assert!(alternatives("map").contains(&"dict".to_string()));
        assert!(alternatives("maps").contains(&"hash map".to_string()));
    }
}
