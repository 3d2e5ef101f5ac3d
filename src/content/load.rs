//! Turning deck sources into a [`Library`]: parse, validate, check ids across decks, and
//! use the cache where the files are unchanged.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::cache::{DeckCache, bundled_hash, content_hash};
use super::cues;
use super::locate::Locator;
use super::source::{self, DeckSource, SourceFile};
use super::starters::{StarterSite, literal_block_start};
use super::validate::{self, DocRef};
use super::yaml::{self, YamlError};
use super::{Card, CardId, CardLocation, Deck, DeckMeta, Problem};
use crate::path;
use crate::quiz::synonyms::Synonyms;
use crate::text::Shown;

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
    /// What `tutor check` warns about in cards that loaded (length cues, see
    /// [`cues`]). Only parsed decks have them: a deck from the cache was parsed before
    /// and is not looked at again, and `check` never uses the cache.
    pub warnings: Vec<Problem>,
    /// Where the loaded cards' starters are: filled by [`check_library`] and
    /// [`check_paths`] only.
    pub starters: Vec<StarterSite>,
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

/// The ids of cards that were read but are not in the deck returned with them (a card
/// with a problem, or every card of a deck left out), with where they are: they still
/// take part in the duplicate check, so one mistake does not hide another.
type Unloaded = Vec<(CardId, CardLocation)>;

/// One use of a card id in [`check_across_decks`]: its sort key, where it is, the id,
/// and the deck and index of the card when it was loaded.
type IdUse<'a> = (usize, &'a CardLocation, &'a CardId, Option<(usize, usize)>);

/// A library being loaded, deck by deck in order.
#[derive(Default)]
struct Loading {
    library: Library,
    /// Unloaded card ids, each with its sort key in [`check_across_decks`].
    unloaded: Vec<(usize, CardId, CardLocation)>,
}

impl Loading {
    /// `problems` holds the deck's warnings too; they go apart here.
    fn add(&mut self, (deck, problems, unloaded): (Option<Deck>, Vec<Problem>, Unloaded)) {
        let (warnings, errors): (Vec<Problem>, Vec<Problem>) =
            problems.into_iter().partition(Problem::is_warning);
        self.library.problems.extend(errors);
        self.library.warnings.extend(warnings);
        // A deck's cards sort at 2 × its index + 1, those of a deck left out between
        // the decks loaded before and after it.
        let key = 2 * self.library.decks.len() + usize::from(deck.is_some());
        self.unloaded
            .extend(unloaded.into_iter().map(|(id, at)| (key, id, at)));
        self.library.decks.extend(deck);
    }

    fn finish(mut self, mut starters: Vec<StarterSite>) -> Library {
        check_across_decks(&mut self.library, &self.unloaded);
        sort_problems(&mut self.library.problems);
        sort_problems(&mut self.library.warnings);
        // A card dropped as a duplicate keeps no site.
        let kept: HashSet<(&str, usize, usize)> = self
            .library
            .decks
            .iter()
            .flat_map(|d| &d.locations)
            .map(|at| (at.file.as_str(), at.line, at.col))
            .collect();
        starters
            .retain(|site| kept.contains(&(site.file.as_str(), site.card_at.0, site.card_at.1)));
        self.library.starters = starters;
        self.library
    }
}

pub fn load_library(options: &LoadOptions) -> Library {
    load(options, false)
}

/// [`load_library`] for `tutor check`: never from the cache (a cached deck keeps no
/// positions), and with [`Library::starters`] filled.
pub fn check_library(options: &LoadOptions) -> Library {
    load(
        &LoadOptions {
            cache_dir: None,
            ..options.clone()
        },
        true,
    )
}

fn load(options: &LoadOptions, locate_starters: bool) -> Library {
    let cache = options.cache_dir.as_ref().map(DeckCache::new);
    let mut loading = Loading::default();
    let mut sites = locate_starters.then(Vec::new);
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
            loading.add((Some(deck), Vec::new(), Vec::new()));
            continue;
        }
        loading.add(parse_deck(
            &bundled.source(),
            hash,
            cache.as_ref(),
            sites.as_mut(),
        ));
    }
    for dir in &options.dirs {
        for source in source::from_dir(dir) {
            loading.add(load_deck(&source, cache.as_ref(), sites.as_mut()));
        }
    }
    loading.finish(sites.unwrap_or_default())
}

/// Problems in file order, then by position; stable, so one position keeps its order.
fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
}

/// Loads the decks and card files named on the command line for `tutor check`: folders
/// as in [`load_library`], and single card files checked on their own.
pub fn check_paths(paths: &[PathBuf]) -> Library {
    let mut loading = Loading::default();
    let mut sites = Vec::new();
    for path in paths {
        if path.is_dir() {
            for source in source::from_dir(path) {
                loading.add(load_deck(&source, None, Some(&mut sites)));
            }
        } else {
            loading.add(load_single_file(path, &mut sites));
        }
    }
    loading.finish(sites)
}

fn load_single_file(
    path: &Path,
    sites: &mut Vec<StarterSite>,
) -> (Option<Deck>, Vec<Problem>, Unloaded) {
    let name = source::display(path);
    if !path.exists() {
        return (
            None,
            vec![Problem::file_level(name, "no such file or folder")],
            Vec::new(),
        );
    }
    let mut problems = Vec::new();
    if !source::is_yaml(path) {
        problems.push(Problem::file_level(
            &name,
            "not a deck file: expected `.yaml` or `.yml`",
        ));
        return (None, problems, Vec::new());
    }
    let file = match source::read_file(path) {
        Ok(file) => file,
        Err(problem) => return (None, vec![problem], Vec::new()),
    };
    if path.file_name().is_some_and(|n| n == source::DECK_FILE) {
        // A lone deck.yaml: check it as deck metadata.
        let _ = parse_meta(&file, &mut problems);
        return (None, problems, Vec::new());
    }
    let mut deck = Deck {
        meta: DeckMeta {
            id: String::new(),
            title: Shown::new(&name),
            description: Shown::default(),
            topics: Vec::new(),
            synonyms: Vec::new(),
        },
        cards: Vec::new(),
        locations: Vec::new(),
        origin: name,
    };
    let mut unloaded = Vec::new();
    parse_cards(
        &file,
        None,
        &Synonyms::general(),
        &mut deck,
        &mut problems,
        &mut unloaded,
        Some(sites),
    );
    (Some(deck), problems, unloaded)
}

fn load_deck(
    source: &DeckSource,
    cache: Option<&DeckCache>,
    sites: Option<&mut Vec<StarterSite>>,
) -> (Option<Deck>, Vec<Problem>, Unloaded) {
    let hash = content_hash(source);
    if source.problems.is_empty()
        && let Some(deck) = cache.and_then(|c| c.get(&source.origin, hash))
    {
        return (Some(deck), Vec::new(), Vec::new());
    }
    parse_deck(source, hash, cache, sites)
}

/// Parses and validates a deck's files; a deck without problems is stored in the cache
/// under `hash`. Its loaded cards' starters join `sites`, if given.
fn parse_deck(
    source: &DeckSource,
    hash: u128,
    cache: Option<&DeckCache>,
    mut sites: Option<&mut Vec<StarterSite>>,
) -> (Option<Deck>, Vec<Problem>, Unloaded) {
    let mut problems = source.problems.clone();
    let Some(meta_file) = &source.meta else {
        if problems.is_empty() {
            problems.push(Problem::file_level(
                format!("{}/{}", source.origin, source::DECK_FILE),
                "missing: every deck folder needs a deck.yaml with its id, title and topics",
            ));
        }
        return (None, problems, Vec::new());
    };
    // A broken deck.yaml leaves the deck out, but its cards are still checked, against
    // its topics when it has some that could be read.
    let meta = parse_meta(meta_file, &mut problems);
    let topics: Option<Vec<String>> = meta
        .as_ref()
        .filter(|m| m.topics_read && !m.meta.topics.is_empty())
        .map(|m| m.meta.topics.iter().map(|t| t.id.clone()).collect());
    // Model answers are checked with the deck's synonyms when its deck.yaml was read.
    let synonyms = Synonyms::with_deck(meta.as_ref().map_or(&[], |m| &m.meta.synonyms));
    let mut deck = Deck {
        meta: DeckMeta {
            id: String::new(),
            title: Shown::default(),
            description: Shown::default(),
            topics: Vec::new(),
            synonyms: Vec::new(),
        },
        cards: Vec::new(),
        locations: Vec::new(),
        origin: source.origin.clone(),
    };
    let mut unloaded = Vec::new();
    let first_site = sites.as_ref().map_or(0, |s| s.len());
    for file in &source.cards {
        parse_cards(
            file,
            topics.as_deref(),
            &synonyms,
            &mut deck,
            &mut problems,
            &mut unloaded,
            sites.as_deref_mut(),
        );
    }
    let Some(meta) = meta.filter(|m| m.ok) else {
        // The deck is left out, and so are its starters; its cards' ids are still
        // checked for duplicates.
        if let Some(sites) = sites {
            sites.truncate(first_site);
        }
        let mut ids: Unloaded = deck
            .cards
            .into_iter()
            .map(|c| c.id)
            .zip(deck.locations)
            .collect();
        ids.append(&mut unloaded);
        return (None, problems, ids);
    };
    deck.meta = meta.meta;
    // A warning leaves the deck whole: it is cached all the same.
    if problems.iter().all(Problem::is_warning)
        && let Some(cache) = cache
    {
        cache.put(hash, &deck);
    }
    (Some(deck), problems, unloaded)
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

/// Parses and validates a file's cards: those without problems join `deck`, and their
/// starters `sites` if given; the ids of the others that could be read join `unloaded`.
fn parse_cards(
    file: &SourceFile,
    topics: Option<&[String]>,
    synonyms: &Synonyms,
    deck: &mut Deck,
    problems: &mut Vec<Problem>,
    unloaded: &mut Unloaded,
    mut sites: Option<&mut Vec<StarterSite>>,
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
            validate::card(&card, doc, topics, synonyms, sites.is_some())
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
        let at = doc.problem(&path!["id"], "");
        let location = CardLocation {
            file: file.name.clone(),
            line: at.line,
            col: at.col,
        };
        if found.is_empty() {
            problems.extend(cues::warnings(&card, doc));
            if let Some(sites) = sites.as_deref_mut() {
                sites.extend(starter_sites(&card, doc, document.text, &location));
            }
            deck.locations.push(location);
            deck.cards.push(card);
        } else {
            // A card with a wrong enum still has an id worth checking for duplicates;
            // a broken or blank id has been reported already.
            let id_ok = !card.id.as_str().is_empty()
                && !pruned("id")
                && !found.iter().any(|p| p.field == "id");
            if id_ok {
                unloaded.push((card.id, location));
            }
            problems.extend(found);
        }
    }
}

/// Where `card`, whose id is `at`, has its starters in the document `text` that `doc`
/// describes.
fn starter_sites(card: &Card, doc: DocRef<'_>, text: &str, at: &CardLocation) -> Vec<StarterSite> {
    [
        ("python", card.python.as_ref()),
        ("rust", card.rust.as_ref()),
    ]
    .into_iter()
    .filter(|(_, block)| block.is_some_and(|b| b.starter.is_some()))
    .map(|(lang, _)| {
        let key = doc.problem(&path![lang, "starter"], "");
        let body = literal_block_start(text, key.line + 1 - doc.first_line)
            .map(|(line, col)| (line + doc.first_line - 1, col));
        StarterSite {
            card: card.id.clone(),
            card_at: (at.line, at.col),
            lang,
            file: key.file,
            key: (key.line, key.col),
            body,
        }
    })
    .collect()
}

/// Card ids are unique across every deck (progress is keyed by them) and deck ids are
/// unique too. A later duplicate is reported and dropped. The `unloaded` cards (see
/// [`Unloaded`], with their sort keys from [`Loading::add`]) count too: a card with a
/// wrong enum and a card that reuses its id are two mistakes.
fn check_across_decks(library: &mut Library, unloaded: &[(usize, CardId, CardLocation)]) {
    let mut deck_ids: HashMap<String, String> = HashMap::new();
    let mut problems = Vec::new();
    let kept: Vec<bool> = library
        .decks
        .iter()
        .map(|deck| {
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
        })
        .collect();
    // Every id in load order: deck by deck, and within a deck by file and position.
    let mut ids: Vec<IdUse> = Vec::new();
    for (d, deck) in library.decks.iter().enumerate() {
        if kept[d] {
            ids.extend(
                deck.cards
                    .iter()
                    .zip(&deck.locations)
                    .enumerate()
                    .map(|(c, (card, at))| (2 * d + 1, at, &card.id, Some((d, c)))),
            );
        }
    }
    ids.extend(
        unloaded
            .iter()
            .filter(|(key, ..)| key % 2 == 0 || kept.get(key / 2).copied().unwrap_or(true))
            .map(|(key, id, at)| (*key, at, id, None)),
    );
    ids.sort_by(|a, b| {
        (a.0, &a.1.file, a.1.line, a.1.col).cmp(&(b.0, &b.1.file, b.1.line, b.1.col))
    });
    let mut first_use: HashMap<&CardId, &CardLocation> = HashMap::new();
    let mut dropped: Vec<Vec<bool>> = library
        .decks
        .iter()
        .map(|deck| vec![false; deck.cards.len()])
        .collect();
    for (_, location, id, card) in ids {
        if let Some(first) = first_use.get(id) {
            problems.push(Problem::new(
                &location.file,
                (location.line, location.col),
                "id",
                format!(
                    "duplicate card id `{id}`: {first} uses it already; ids must be unique \
                     across all decks because progress is keyed by them"
                ),
            ));
            if let Some((d, c)) = card
                && let Some(flag) = dropped.get_mut(d).and_then(|deck| deck.get_mut(c))
            {
                *flag = true;
            }
        } else {
            first_use.insert(id, location);
        }
    }
    let mut kept = kept.into_iter();
    let mut dropped = dropped.into_iter();
    library.decks.retain_mut(|deck| {
        let drop = dropped.next().unwrap_or_default();
        let mut flags = drop.iter();
        deck.cards.retain(|_| !*flags.next().unwrap_or(&false));
        let mut flags = drop.iter();
        deck.locations.retain(|_| !*flags.next().unwrap_or(&false));
        kept.next().unwrap_or(true)
    });
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
