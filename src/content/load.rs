//! Turning deck sources into a [`Library`]: parse, validate, check ids across decks, and
//! use the cache where the files are unchanged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::cache::{DeckCache, bundled_hash, content_hash};
use super::locate::Locator;
use super::source::{self, DeckSource, SourceFile};
use super::validate::{self, DocRef};
use super::yaml::{self, YamlError};
use super::{Card, CardId, CardLocation, Deck, DeckMeta, Problem};
use crate::path;

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Load the decks compiled into the binary.
    pub bundled: bool,
    /// Deck folders, or folders of deck folders, to add.
    pub dirs: Vec<PathBuf>,
    /// Where parsed decks are cached; `None` parses every time.
    pub cache_dir: Option<PathBuf>,
}

/// Every deck that loaded, and every problem found on the way. A card with a problem is
/// left out of its deck; a deck whose `deck.yaml` is broken is left out whole.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub decks: Vec<Deck>,
    pub problems: Vec<Problem>,
    /// Where each card id is (deck, card), built by the first [`Library::card`] call:
    /// an import looks up every row's card, and a linear search made that
    /// rows × cards. The decks are not changed once loaded; a lookup checks the card
    /// it finds all the same.
    by_id: OnceLock<HashMap<String, (usize, usize)>>,
}

impl Library {
    pub fn card_count(&self) -> usize {
        self.decks.iter().map(|d| d.cards.len()).sum()
    }

    pub fn cards(&self) -> impl Iterator<Item = (&Deck, &Card)> {
        self.decks
            .iter()
            .flat_map(|d| d.cards.iter().map(move |c| (d, c)))
    }

    pub fn card(&self, id: &str) -> Option<(&Deck, &Card)> {
        let index = self.by_id.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.card_count());
            for (d, deck) in self.decks.iter().enumerate() {
                for (c, card) in deck.cards.iter().enumerate() {
                    // The first wins, as the linear search did (ids are unique anyway).
                    index.entry(card.id.to_string()).or_insert((d, c));
                }
            }
            index
        });
        let &(d, c) = index.get(id)?;
        let deck = self.decks.get(d)?;
        deck.cards
            .get(c)
            .filter(|card| card.id.as_str() == id)
            .map(|card| (deck, card))
    }

    pub fn deck(&self, id: &str) -> Option<&Deck> {
        self.decks.iter().find(|d| d.meta.id == id)
    }
}

/// The bundled decks, loaded once per test binary: unit tests borrow or clone this
/// rather than each inflating and parsing the whole bundled text again.
#[cfg(test)]
pub(crate) fn bundled_library() -> &'static Library {
    static LIBRARY: std::sync::LazyLock<Library> = std::sync::LazyLock::new(|| {
        load_library(&LoadOptions {
            bundled: true,
            ..LoadOptions::default()
        })
    });
    &LIBRARY
}

pub fn load_library(options: &LoadOptions) -> Library {
    let cache = options.cache_dir.as_ref().map(DeckCache::new);
    let mut library = Library::default();
    let bundled = if options.bundled {
        source::bundled()
    } else {
        &[]
    };
    for bundled in bundled {
        // A cache hit needs only the build-time fingerprint: the bundled text stays
        // compressed and untouched.
        let hash = bundled_hash(bundled.fingerprint);
        if let Some(deck) = cache.as_ref().and_then(|c| c.get(bundled.origin, hash)) {
            library.decks.push(deck);
            continue;
        }
        let (deck, problems) = parse_deck(&bundled.source(), hash, cache.as_ref());
        library.problems.extend(problems);
        library.decks.extend(deck);
    }
    for dir in &options.dirs {
        for source in source::from_dir(dir) {
            let (deck, problems) = load_deck(&source, cache.as_ref());
            library.problems.extend(problems);
            library.decks.extend(deck);
        }
    }
    check_across_decks(&mut library);
    sort_problems(&mut library.problems);
    library
}

/// Problems in file order, then by position; stable, so one position keeps its order.
fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
}

/// Loads the decks and card files named on the command line for `tutor check`: folders
/// as in [`load_library`], and single card files checked on their own.
pub fn check_paths(paths: &[PathBuf]) -> Library {
    let mut library = Library::default();
    for path in paths {
        if path.is_dir() {
            for source in source::from_dir(path) {
                let (deck, problems) = load_deck(&source, None);
                library.problems.extend(problems);
                library.decks.extend(deck);
            }
        } else {
            let (deck, problems) = load_single_file(path);
            library.problems.extend(problems);
            library.decks.extend(deck);
        }
    }
    check_across_decks(&mut library);
    sort_problems(&mut library.problems);
    library
}

fn load_single_file(path: &Path) -> (Option<Deck>, Vec<Problem>) {
    let name = source::display(path);
    if !path.exists() {
        return (
            None,
            vec![Problem::file_level(name, "no such file or folder")],
        );
    }
    let mut problems = Vec::new();
    if !source::is_yaml(path) {
        problems.push(Problem::file_level(
            &name,
            "not a deck file: expected `.yaml` or `.yml`",
        ));
        return (None, problems);
    }
    let file = match source::read_file(path) {
        Ok(file) => file,
        Err(problem) => return (None, vec![problem]),
    };
    if path.file_name().is_some_and(|n| n == source::DECK_FILE) {
        // A lone deck.yaml: check it as deck metadata.
        let _ = parse_meta(&file, &mut problems);
        return (None, problems);
    }
    let mut deck = Deck {
        meta: DeckMeta {
            id: String::new(),
            title: name.clone(),
            description: String::new(),
            topics: Vec::new(),
        },
        cards: Vec::new(),
        locations: Vec::new(),
        origin: name,
    };
    parse_cards(&file, None, &mut deck, &mut problems);
    (Some(deck), problems)
}

fn load_deck(source: &DeckSource, cache: Option<&DeckCache>) -> (Option<Deck>, Vec<Problem>) {
    let hash = content_hash(source);
    if source.problems.is_empty()
        && let Some(deck) = cache.and_then(|c| c.get(&source.origin, hash))
    {
        return (Some(deck), Vec::new());
    }
    parse_deck(source, hash, cache)
}

/// Parses and validates a deck's files; a deck without problems is stored in the cache
/// under `hash`.
fn parse_deck(
    source: &DeckSource,
    hash: u128,
    cache: Option<&DeckCache>,
) -> (Option<Deck>, Vec<Problem>) {
    let mut problems = source.problems.clone();
    let Some(meta_file) = &source.meta else {
        if problems.is_empty() {
            problems.push(Problem::file_level(
                format!("{}/{}", source.origin, source::DECK_FILE),
                "missing: every deck folder needs a deck.yaml with its id, title and topics",
            ));
        }
        return (None, problems);
    };
    // A broken deck.yaml leaves the deck out, but its cards are still checked, against
    // its topics when it has some that could be read.
    let meta = parse_meta(meta_file, &mut problems);
    let topics: Option<Vec<String>> = meta
        .as_ref()
        .filter(|m| m.topics_read && !m.meta.topics.is_empty())
        .map(|m| m.meta.topics.iter().map(|t| t.id.clone()).collect());
    let mut deck = Deck {
        meta: DeckMeta {
            id: String::new(),
            title: String::new(),
            description: String::new(),
            topics: Vec::new(),
        },
        cards: Vec::new(),
        locations: Vec::new(),
        origin: source.origin.clone(),
    };
    for file in &source.cards {
        parse_cards(file, topics.as_deref(), &mut deck, &mut problems);
    }
    let Some(meta) = meta.filter(|m| m.ok) else {
        return (None, problems);
    };
    deck.meta = meta.meta;
    if problems.is_empty()
        && let Some(cache) = cache
    {
        cache.put(hash, &deck);
    }
    (Some(deck), problems)
}

fn yaml_problem(file: &str, first_line: usize, e: YamlError) -> Problem {
    Problem::new(file, (e.line + first_line - 1, e.col), e.field, e.message)
}

/// What [`parse_meta`] could read of a deck.yaml.
struct ReadMeta {
    meta: DeckMeta,
    /// No problem at all: the deck can be loaded.
    ok: bool,
    /// The topics were read as written (not left out as broken): cards can be checked
    /// against them.
    topics_read: bool,
}

fn parse_meta(file: &SourceFile, problems: &mut Vec<Problem>) -> Option<ReadMeta> {
    let text = match source::decode(file) {
        Ok(text) => text,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let parsed = yaml::parse_deck_meta(text);
    let ok = parsed.errors.is_empty();
    problems.extend(
        parsed
            .errors
            .into_iter()
            .map(|e| yaml_problem(&file.name, 1, e)),
    );
    let meta = parsed.value?;
    let topics_read =
        !parsed.pruned.iter().any(|p| yaml::is_under(p, "topics")) && parsed.removed.is_empty();
    let locator = Locator::new(text);
    let doc = DocRef {
        file: &file.name,
        locator: &locator,
        first_line: 1,
        removed: &parsed.removed,
    };
    let found = validate::deck_meta(&meta, doc);
    let ok = ok && found.is_empty();
    problems.extend(found);
    Some(ReadMeta {
        meta,
        ok,
        topics_read,
    })
}

fn parse_cards(
    file: &SourceFile,
    topics: Option<&[String]>,
    deck: &mut Deck,
    problems: &mut Vec<Problem>,
) {
    let text = match source::decode(file) {
        Ok(text) => text,
        Err(problem) => {
            problems.push(problem);
            return;
        }
    };
    let documents = yaml::split_documents(text);
    if documents.is_empty() {
        problems.push(Problem::file_level(&file.name, "holds no card"));
    }
    let mut effort = yaml::Effort::default();
    for document in documents {
        let parsed = yaml::parse_card_within(document.text, &mut effort);
        let locator = Locator::new(document.text);
        let doc = DocRef {
            file: &file.name,
            locator: &locator,
            first_line: document.first_line,
            removed: &parsed.removed,
        };
        let mut found: Vec<Problem> = parsed
            .errors
            .into_iter()
            .map(|e| yaml_problem(&file.name, document.first_line, e))
            .collect();
        let Some(card) = parsed.value else {
            problems.extend(found);
            continue;
        };
        // Checks of a field taken out as broken, or of one that depends on it, would
        // only repeat the problem already reported.
        let pruned = |field: &str| parsed.pruned.iter().any(|r| yaml::is_under(field, r));
        found.extend(
            validate::card(&card, doc, topics)
                .into_iter()
                .filter(|p| !pruned(&p.field))
                .filter(|p| {
                    !validate::DEPENDS_ON
                        .iter()
                        .any(|(field, on)| yaml::is_under(&p.field, field) && pruned(on))
                })
                .filter(|p| {
                    !(pruned("kind") && validate::KIND_RULE_FIELDS.contains(&p.field.as_str()))
                }),
        );
        if found.is_empty() {
            let at = doc.problem(&path!["id"], "");
            deck.locations.push(CardLocation {
                file: file.name.clone(),
                line: at.line,
                col: at.col,
            });
            deck.cards.push(card);
        } else {
            problems.extend(found);
        }
    }
}

/// Card ids are unique across every deck (progress is keyed by them) and deck ids are
/// unique too. A later duplicate is reported and dropped.
fn check_across_decks(library: &mut Library) {
    let mut deck_ids: HashMap<String, String> = HashMap::new();
    let mut card_ids: HashMap<CardId, CardLocation> = HashMap::new();
    let mut problems = Vec::new();
    library.decks.retain(|deck| {
        if deck.meta.id.is_empty() {
            return true; // a lone card file, checked without a deck
        }
        if let Some(first) = deck_ids.get(&deck.meta.id) {
            problems.push(Problem::new(
                format!("{}/{}", deck.origin, source::DECK_FILE),
                (1, 1),
                "id",
                format!(
                    "duplicate deck id `{}`: {first} uses it already",
                    deck.meta.id
                ),
            ));
            return false;
        }
        deck_ids.insert(deck.meta.id.clone(), deck.origin.clone());
        true
    });
    for deck in &mut library.decks {
        let mut keep = vec![true; deck.cards.len()];
        for (i, (card, location)) in deck.cards.iter().zip(&deck.locations).enumerate() {
            if let Some(first) = card_ids.get(&card.id) {
                problems.push(Problem::new(
                    &location.file,
                    (location.line, location.col),
                    "id",
                    format!(
                        "duplicate card id `{}`: {first} uses it already; ids must be unique \
                         across all decks because progress is keyed by them",
                        card.id
                    ),
                ));
                keep[i] = false;
            } else {
                card_ids.insert(card.id.clone(), location.clone());
            }
        }
        let mut flags = keep.iter();
        deck.cards.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = keep.iter();
        deck.locations.retain(|_| *flags.next().unwrap_or(&true));
    }
    library.problems.extend(problems);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `card` is a lookup in an index built once, not a walk over every card: an import
    /// of a million rows with 10,000 cards loaded asked it a million times.
    #[test]
    fn card_lookups_use_an_index_by_id() {
        let library = load_library(&LoadOptions {
            bundled: true,
            ..LoadOptions::default()
        });
        assert!(library.by_id.get().is_none(), "built on the first lookup");
        for (deck, card) in library.cards() {
            let (found_deck, found) = library.card(card.id.as_str()).unwrap();
            assert_eq!((&found_deck.meta.id, &found.id), (&deck.meta.id, &card.id));
        }
        assert_eq!(
            library.by_id.get().map(HashMap::len),
            Some(library.card_count())
        );
        assert!(library.card("no-such-card").is_none());
        assert!(Library::default().card("lru-cache").is_none());
    }
}
