//! Parsed decks kept on disk, keyed by a hash of every file the deck was read from.
//!
//! `serde_yaml` needs about 40 µs a card, so a 10,000-card library would take 400 ms to
//! parse; decoding the cached form takes a fraction of that. Only decks without problems
//! are cached, so a hit needs no validation. Everything here is best effort: a missing,
//! stale, corrupt or unwritable cache only means parsing again.

use std::fs;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::Deck;
use super::source::DeckSource;

/// Bump when the cached layout or the meaning of a card changes.
/// 7: starters (issue 14) and recall examples, k-of-n points, deck synonyms (issue 13).
/// 8: `shuffle` on single and multiple items (issue 16).
/// 9: scored follow-ups and `spoken` (issues 15, 17).
/// 10: `misconceptions` on recall items (issue 13).
/// 11: `visual: anagrams` and its `code_links` events (issue 20).
/// 12: recall and follow-up `examples` left out (only `tutor check` reads them).
const FORMAT: u32 = 12;
const MAGIC: &[u8; 8] = b"TUTORDK\0";
/// What [`DeckCache::get`] reads at a time.
const READ_BUFFER: usize = 64 * 1024;

/// A deck's content hash: every file's name and bytes, the format and the tutor version.
pub fn content_hash(source: &DeckSource) -> u128 {
    let mut h = versioned();
    for file in source.meta.iter().chain(&source.cards) {
        h.update(&(file.name.len() as u64).to_le_bytes());
        h.update(file.name.as_bytes());
        h.update(&(file.bytes.len() as u64).to_le_bytes());
        h.update(&file.bytes);
    }
    h.digest128()
}

/// A bundled deck's content hash, from the fingerprint build.rs took of its files: the
/// bundled text is not read at all when the cache has the deck.
pub fn bundled_hash(fingerprint: u128) -> u128 {
    let mut h = versioned();
    h.update(b"bundled");
    h.update(&fingerprint.to_le_bytes());
    h.digest128()
}

/// A hasher seeded with what invalidates every entry: the format and the tutor version.
fn versioned() -> Xxh3 {
    let mut h = Xxh3::new();
    h.update(&FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h
}

#[derive(Deserialize)]
struct Entry {
    hash: u128,
    deck: Deck,
}

/// [`Entry`]'s serialized form, borrowing the deck.
#[derive(Serialize)]
struct EntryRef<'a> {
    hash: u128,
    deck: &'a Deck,
}

/// The cache folder, one file per deck origin (so an edited deck replaces its entry
/// instead of piling up).
#[derive(Debug, Clone)]
pub struct DeckCache {
    dir: PathBuf,
}

impl DeckCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn path(&self, origin: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.bin", xxh3_64(origin.as_bytes())))
    }

    /// The cached deck, if it was stored from exactly these files.
    ///
    /// Decoded from the file through a small buffer, not read whole first: the bundled
    /// decks' entry is 2 MB (a deck of 10,000 cards about 20 MB), and a copy of it stood
    /// beside the deck being decoded, raising the start's peak by as much.
    pub fn get(&self, origin: &str, hash: u128) -> Option<Deck> {
        let file = fs::File::open(self.path(origin)).ok()?;
        let mut reader = BufReader::with_capacity(READ_BUFFER, file);
        let mut magic = [0; MAGIC.len()];
        reader.read_exact(&mut magic).ok()?;
        if magic != *MAGIC {
            return None;
        }
        let entry: Entry = rmp_serde::from_read(reader).ok()?;
        (entry.hash == hash && entry.deck.origin == origin).then_some(entry.deck)
    }

    /// Stores a deck; failures are ignored (the next start parses again).
    pub fn put(&self, hash: u128, deck: &Deck) {
        let _ = self.try_put(hash, deck);
    }

    fn try_put(&self, hash: u128, deck: &Deck) -> std::io::Result<()> {
        let entry = EntryRef { hash, deck };
        let payload = rmp_serde::to_vec_named(&entry).map_err(std::io::Error::other)?;
        let path = self.path(&deck.origin);
        // A cache miss is rare: sweep what a start killed while writing left here.
        if let Some(folder) = path.parent() {
            crate::paths::remove_stale_temps(
                folder,
                std::time::SystemTime::now(),
                crate::worker::child::is_alive,
            );
        }
        crate::paths::replace_file(&path, &[MAGIC, &payload])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Card, QuizKind};

    /// A start killed while writing the cache leaves `<file>.<pid>.<n>.tmp`; the next
    /// write there (a cache miss) sweeps it.
    #[test]
    fn a_write_sweeps_what_a_killed_write_left() {
        let library = crate::content::bundled_library();
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        // No process has this pid (above Linux's pid_max).
        let left = dir.path().join("deck.bin.4194400.0.tmp");
        std::fs::write(&left, "").unwrap();
        cache.put(1, &library.decks[0]);
        assert!(!left.exists(), "the stale temporary file is still there");
    }

    #[test]
    fn a_cached_deck_comes_back_whole() {
        let library = crate::content::bundled_library();
        let deck = &library.decks[0];
        // Every kind of quiz item goes through the cache's encoding.
        let kinds: std::collections::BTreeSet<QuizKind> = deck
            .cards
            .iter()
            .flat_map(|c| c.quiz.iter().map(crate::content::QuizItem::kind))
            .collect();
        assert_eq!(kinds.len(), QuizKind::ALL.len());
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, deck);
        assert_eq!(cache.get(&deck.origin, 7), Some(without_examples(deck)));
        assert_eq!(cache.get(&deck.origin, 8), None, "another hash is a miss");
    }

    /// Recall items' and scored follow-ups' `examples` are for `tutor check` only (which
    /// never reads the cache): the cache leaves them out, so a normal start does not
    /// hold them.
    #[test]
    fn the_cache_leaves_out_the_examples() {
        // The deck's files: the binary's copy has no examples to leave out.
        let library = crate::content::load_library(&crate::content::LoadOptions {
            dirs: vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")],
            ..crate::content::LoadOptions::default()
        });
        let deck = &library.decks[0];
        let examples = |deck: &Deck| deck.cards.iter().map(Card::example_count).sum::<usize>();
        assert!(examples(deck) > 100, "the bundled deck has examples");
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, deck);
        assert_eq!(examples(&cache.get(&deck.origin, 7).unwrap()), 0);
    }

    /// The deck as the cache gives it back.
    fn without_examples(deck: &Deck) -> Deck {
        let mut deck = deck.clone();
        deck.cards = deck.cards.iter().map(Card::without_examples).collect();
        deck
    }
}
