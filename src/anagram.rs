//! The anagram-buckets lab, the second visual: words are added one at a time and land
//! in the bucket of their key (the sorted letters, or the 26 letter counts), as the
//! `group-anagrams` card's `defaultdict(list)` does. Every `add` reports whether it made
//! a new bucket or appended to one, so the diagram can mark it and the code panes can
//! light the lines that ran (`code_links`).
//!
//! Submodules: [`command`] parses what the console accepts (one command table),
//! [`diagram`] draws the buckets.

pub mod command;
pub mod diagram;

use std::fmt;

use crate::content::CodeEvent;
use command::Command;

/// The longest word `add` takes: long enough for any real word, short enough for a box.
pub const MAX_WORD: usize = 16;

/// The most words the lab holds: a diagram's worth, and a bound on memory and history.
pub const MAX_WORDS: usize = 200;

/// How many states `undo` can step back through.
pub const MAX_HISTORY: usize = 100;

/// How a word's bucket key is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// The letters sorted: `"".join(sorted(word))`, O(K log K).
    Sorted,
    /// The 26 letter counts, `tuple(counts)`, O(K); shown compactly as `a1e1t1`.
    Count,
}

impl KeyMode {
    pub fn name(self) -> &'static str {
        match self {
            Self::Sorted => "sorted",
            Self::Count => "count",
        }
    }

    /// The key of `word` (already validated: lowercase a-z).
    pub fn key(self, word: &str) -> String {
        let mut letters: Vec<char> = word.chars().collect();
        letters.sort_unstable();
        match self {
            Self::Sorted => letters.into_iter().collect(),
            Self::Count => {
                let mut out = String::new();
                let mut i = 0;
                while let Some(&c) = letters.get(i) {
                    let n = letters[i..].iter().take_while(|&&d| d == c).count();
                    out.push(c);
                    out.push_str(&n.to_string());
                    i += n;
                }
                out
            }
        }
    }
}

/// One bucket: its key and its words in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub key: String,
    pub words: Vec<String>,
}

/// What the last operation did, for the reply, the diagram and the code panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `add`: `word` went into bucket `bucket` (an index into [`Lab::buckets`]), which it
    /// created when `new`.
    Added {
        word: String,
        key: String,
        bucket: usize,
        new: bool,
    },
    /// `key MODE`: every word re-bucketed.
    Rekeyed { mode: KeyMode, buckets: usize },
    /// `reset`: everything emptied.
    Reset,
}

impl Event {
    /// The code paths this event ran, for `code_links`.
    pub fn code_events(&self, mode: KeyMode) -> &'static [CodeEvent] {
        match (self, mode) {
            (Self::Added { new: true, .. }, KeyMode::Sorted) => {
                &[CodeEvent::SortedKey, CodeEvent::NewBucket]
            }
            (Self::Added { new: true, .. }, KeyMode::Count) => {
                &[CodeEvent::CountKey, CodeEvent::NewBucket]
            }
            (Self::Added { new: false, .. }, KeyMode::Sorted) => {
                &[CodeEvent::SortedKey, CodeEvent::Append]
            }
            (Self::Added { new: false, .. }, KeyMode::Count) => {
                &[CodeEvent::CountKey, CodeEvent::Append]
            }
            (Self::Rekeyed { .. } | Self::Reset, _) => &[],
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Added {
                word,
                key,
                new: true,
                ..
            } => write!(f, "add {word} -> NEW bucket {key}"),
            Self::Added {
                word,
                key,
                new: false,
                ..
            } => write!(f, "add {word} -> +{word} in bucket {key}"),
            Self::Rekeyed { mode, buckets } => {
                write!(f, "key {} -> {buckets} buckets", mode.name())
            }
            Self::Reset => write!(f, "reset -> empty"),
        }
    }
}

/// Why a command changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabError {
    #[error(transparent)]
    Line(#[from] command::LineError),
    #[error("`{0}`: a word is letters a-z only")]
    NotLetters(String),
    #[error("`{0}`: a word is at most {MAX_WORD} letters")]
    TooLong(String),
    #[error("`{0}`: the lab holds {MAX_WORDS} words at most (`reset` empties it)")]
    Full(String),
    #[error("nothing to undo")]
    NothingToUndo,
}

/// What a console line answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An operation ran: the event.
    Did(Event),
    /// `undo` stepped back.
    Undone,
    /// `help`'s text.
    Help(String),
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Did(event) => event.fmt(f),
            Self::Undone => f.write_str("undone"),
            Self::Help(text) => f.write_str(text),
        }
    }
}

/// The state `undo` restores.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    mode: KeyMode,
    buckets: Vec<Bucket>,
    last: Option<Event>,
}

/// The lab: buckets in first-seen order, the key mode, the last event and a bounded
/// history for `undo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lab {
    state: State,
    history: Vec<State>,
    /// The last `help` reply, until the next command: the diagram shows it wrapped, as
    /// the console's border cuts a long one off (the LRU lab's `note`).
    note: Option<String>,
}

impl Default for Lab {
    fn default() -> Self {
        Self::new()
    }
}

impl Lab {
    pub fn new() -> Self {
        Self {
            state: State {
                mode: KeyMode::Sorted,
                buckets: Vec::new(),
                last: None,
            },
            history: Vec::new(),
            note: None,
        }
    }

    pub fn mode(&self) -> KeyMode {
        self.state.mode
    }

    pub fn buckets(&self) -> &[Bucket] {
        &self.state.buckets
    }

    pub fn last(&self) -> Option<&Event> {
        self.state.last.as_ref()
    }

    /// How many words the buckets hold.
    pub fn len(&self) -> usize {
        self.state.buckets.iter().map(|b| b.words.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.state.buckets.is_empty()
    }

    /// The last command's `help` reply, if it was `help`.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The code paths the last operation ran.
    pub fn code_events(&self) -> &'static [CodeEvent] {
        self.last().map_or(&[], |e| e.code_events(self.mode()))
    }

    /// Runs one console line; on an error nothing changes.
    pub fn run(&mut self, line: &str) -> Result<Reply, LabError> {
        let command = command::parse(line)?;
        self.apply(command)
    }

    /// Runs one command; on an error nothing changes.
    pub fn apply(&mut self, command: Command) -> Result<Reply, LabError> {
        self.note = None;
        match command {
            Command::Add(word) => self.add(&word).map(Reply::Did),
            Command::Key(mode) => {
                self.remember();
                let words: Vec<String> = self
                    .state
                    .buckets
                    .iter()
                    .flat_map(|b| b.words.iter().cloned())
                    .collect();
                self.state.mode = mode;
                self.state.buckets.clear();
                // Re-bucketing in the order the buckets list them keeps each bucket's
                // words in order (two keys agree on which words are anagrams).
                for word in words {
                    self.insert(word);
                }
                let event = Event::Rekeyed {
                    mode,
                    buckets: self.state.buckets.len(),
                };
                self.state.last = Some(event.clone());
                Ok(Reply::Did(event))
            }
            Command::Reset => {
                self.remember();
                self.state.buckets.clear();
                self.state.last = Some(Event::Reset);
                Ok(Reply::Did(Event::Reset))
            }
            Command::Undo => {
                let previous = self.history.pop().ok_or(LabError::NothingToUndo)?;
                self.state = previous;
                Ok(Reply::Undone)
            }
            Command::Help(name) => {
                let text = match name {
                    Some(name) => command::explain(name).unwrap_or_default(),
                    None => format!(
                        "commands: {}; {}",
                        command::syntax_list(false),
                        crate::command_table::SEVERAL
                    ),
                };
                self.note = Some(text.clone());
                Ok(Reply::Help(text))
            }
        }
    }

    /// Checks `word` and adds it to its bucket.
    fn add(&mut self, typed: &str) -> Result<Event, LabError> {
        let word = validate(typed)?;
        if self.len() >= MAX_WORDS {
            return Err(LabError::Full(command::shorten(typed)));
        }
        self.remember();
        let (bucket, new) = self.insert(word.clone());
        let event = Event::Added {
            word,
            key: self.state.buckets[bucket].key.clone(),
            bucket,
            new,
        };
        self.state.last = Some(event.clone());
        Ok(event)
    }

    /// Puts `word` in its bucket: which one, and whether it was new.
    fn insert(&mut self, word: String) -> (usize, bool) {
        let key = self.state.mode.key(&word);
        let buckets = &mut self.state.buckets;
        if let Some(i) = buckets.iter().position(|b| b.key == key) {
            buckets[i].words.push(word);
            (i, false)
        } else {
            buckets.push(Bucket {
                key,
                words: vec![word],
            });
            (buckets.len() - 1, true)
        }
    }

    /// Saves the state for `undo`, dropping the oldest beyond [`MAX_HISTORY`].
    fn remember(&mut self) {
        if self.history.len() >= MAX_HISTORY {
            self.history.remove(0);
        }
        self.history.push(self.state.clone());
    }
}

/// A typed word as the lab keeps it: ASCII letters, lower-cased, at most [`MAX_WORD`].
/// The error quotes the word display-safe and cut short.
pub fn validate(typed: &str) -> Result<String, LabError> {
    if !typed.chars().all(|c| c.is_ascii_alphabetic()) || typed.is_empty() {
        return Err(LabError::NotLetters(command::shorten(typed)));
    }
    if typed.len() > MAX_WORD {
        return Err(LabError::TooLong(command::shorten(typed)));
    }
    Ok(typed.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(lab: &Lab) -> Vec<(String, Vec<String>)> {
        lab.buckets()
            .iter()
            .map(|b| (b.key.clone(), b.words.clone()))
            .collect()
    }

    #[test]
    fn words_land_in_their_buckets_new_then_appended() {
        let mut lab = Lab::new();
        assert_eq!(
            lab.run("add eat").unwrap().to_string(),
            "add eat -> NEW bucket aet"
        );
        assert_eq!(
            lab.code_events(),
            [CodeEvent::SortedKey, CodeEvent::NewBucket]
        );
        assert_eq!(
            lab.run("add tea").unwrap().to_string(),
            "add tea -> +tea in bucket aet"
        );
        assert_eq!(lab.code_events(), [CodeEvent::SortedKey, CodeEvent::Append]);
        lab.run("add tan").unwrap();
        lab.run("add ATE").unwrap();
        assert_eq!(
            words(&lab),
            [
                ("aet".into(), vec!["eat".into(), "tea".into(), "ate".into()]),
                ("ant".into(), vec!["tan".into()]),
            ]
        );
        assert_eq!(lab.len(), 4);
    }

    #[test]
    fn count_keys_are_compact_and_rebucket_everything() {
        assert_eq!(KeyMode::Count.key("eat"), "a1e1t1");
        assert_eq!(KeyMode::Count.key("banana"), "a3b1n2");
        let mut lab = Lab::new();
        for w in ["eat", "tan", "tea"] {
            lab.run(&format!("add {w}")).unwrap();
        }
        let reply = lab.run("key count").unwrap();
        assert_eq!(reply.to_string(), "key count -> 2 buckets");
        assert_eq!(lab.buckets()[0].key, "a1e1t1");
        assert_eq!(lab.buckets()[0].words, ["eat", "tea"]);
        assert_eq!(
            lab.code_events(),
            [],
            "re-keying is the lab's, not the solution's"
        );
        lab.run("add ate").unwrap();
        assert_eq!(lab.code_events(), [CodeEvent::CountKey, CodeEvent::Append]);
    }

    #[test]
    fn undo_restores_and_reset_empties() {
        let mut lab = Lab::new();
        assert_eq!(lab.run("undo"), Err(LabError::NothingToUndo));
        lab.run("add eat").unwrap();
        let before = lab.clone();
        lab.run("add tea").unwrap();
        lab.run("undo").unwrap();
        assert_eq!(words(&lab), words(&before));
        assert_eq!(lab.last(), before.last());
        lab.run("reset").unwrap();
        assert!(lab.is_empty());
        lab.run("undo").unwrap();
        assert_eq!(words(&lab), words(&before));
    }

    #[test]
    fn bad_words_are_refused_by_name_and_change_nothing() {
        let mut lab = Lab::new();
        let err = lab.run("add c4t").unwrap_err();
        assert_eq!(err.to_string(), "`c4t`: a word is letters a-z only");
        let err = lab.run("add caf\u{e9}").unwrap_err();
        assert!(err.to_string().contains("letters a-z only"), "{err}");
        let err = lab.run("add \u{1b}[2Jx").unwrap_err().to_string();
        assert!(!err.contains('\u{1b}'), "display-safe: {err:?}");
        let long = "a".repeat(MAX_WORD + 1);
        let err = lab.run(&format!("add {long}")).unwrap_err();
        assert!(matches!(err, LabError::TooLong(_)), "{err}");
        assert!(lab.run("add").is_err() && lab.run("key sideways").is_err());
        assert!(lab.is_empty() && lab.last().is_none());
    }

    #[test]
    fn the_lab_fills_up_and_says_so() {
        let mut lab = Lab::new();
        for _ in 0..MAX_WORDS {
            lab.run("add a").unwrap();
        }
        assert!(matches!(lab.run("add b"), Err(LabError::Full(_))));
        assert_eq!(lab.len(), MAX_WORDS);
    }

    #[test]
    fn history_is_bounded() {
        let mut lab = Lab::new();
        for _ in 0..MAX_HISTORY + 10 {
            lab.run("add ab").unwrap();
        }
        for _ in 0..MAX_HISTORY {
            lab.run("undo").unwrap();
        }
        assert_eq!(lab.run("undo"), Err(LabError::NothingToUndo));
        assert_eq!(lab.len(), 10);
    }

    /// The trimmed text of the group-anagrams card's lines the lab's last `add` lights.
    fn lit(lab: &Lab, lang: crate::highlight::Lang) -> Vec<String> {
        let library = crate::content::bundled_library();
        let (_, card) = library.card("group-anagrams").expect("the bundled card");
        assert_eq!(card.visual, Some(crate::content::Visual::Anagrams));
        let (python, rust) = card.code().expect("a coding card");
        let source = match lang {
            crate::highlight::Lang::Python => &python.solution,
            crate::highlight::Lang::Rust => &rust.solution,
        };
        let lines: Vec<&str> = source.lines().collect();
        crate::lru::links::lines_for(card, lang, lab.code_events())
            .iter()
            .map(|l| lines[l.line - 1].trim().to_string())
            .collect()
    }

    #[test]
    fn the_card_lights_the_key_and_the_bucket_lines_that_ran() {
        use crate::highlight::Lang;
        let mut lab = Lab::new();
        lab.run("add eat").unwrap();
        let py = lit(&lab, Lang::Python);
        assert!(
            py.contains(&"return \"\".join(sorted(word))".to_string()),
            "{py:#?}"
        );
        assert!(
            py.contains(&"groups[key(word)].append(word)".to_string()),
            "{py:#?}"
        );
        let rs = lit(&lab, Lang::Rust);
        assert!(
            rs.contains(&"chars.sort_unstable();".to_string()),
            "{rs:#?}"
        );
        assert!(
            rs.contains(&"groups.insert(key, vec![word]);".to_string()),
            "{rs:#?}"
        );
        assert!(!rs.contains(&"Some(group) => group.push(word),".to_string()));
        lab.run("key count").unwrap();
        lab.run("add tea").unwrap();
        let py = lit(&lab, Lang::Python);
        assert!(
            py.contains(&"counts[ord(ch) - ord(\"a\")] += 1".to_string()),
            "{py:#?}"
        );
        assert!(!py.iter().any(|l| l.contains("sorted(word)")), "{py:#?}");
        let rs = lit(&lab, Lang::Rust);
        assert!(
            rs.contains(&"Some(group) => group.push(word),".to_string()),
            "{rs:#?}"
        );
        assert!(
            rs.contains(&"*slot = slot.checked_add(1)?;".to_string()),
            "{rs:#?}"
        );
        assert!(!rs.contains(&"groups.insert(key, vec![word]);".to_string()));
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "add [a-zA-Z]{1,5}",
            "add .{0,20}",
            Just("key count".to_string()),
            Just("key sorted".to_string()),
            Just("undo".to_string()),
            Just("reset".to_string()),
            ".{0,30}",
        ]
    }

    proptest! {
        #[test]
        fn any_lines_never_panic_and_undo_restores(lines in prop::collection::vec(line(), 0..40)) {
            let mut lab = Lab::new();
            for line in &lines {
                let before = lab.clone();
                match lab.run(line) {
                    Ok(Reply::Did(_)) => {
                        let mut undone = lab.clone();
                        undone.run("undo").unwrap();
                        prop_assert_eq!(&undone.state, &before.state);
                    }
                    Ok(_) => {}
                    Err(_) => prop_assert_eq!(&lab, &before),
                }
                // Every word is in the bucket of its key, each key once.
                for (i, b) in lab.buckets().iter().enumerate() {
                    prop_assert!(b.words.iter().all(|w| lab.mode().key(w) == b.key));
                    prop_assert!(lab.buckets()[..i].iter().all(|o| o.key != b.key));
                }
                let _ = diagram::text(&lab, 60, 20, true);
                let _ = diagram::text(&lab, 20, 5, false);
            }
        }
    }
}
