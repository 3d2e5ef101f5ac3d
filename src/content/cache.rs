//! Parsed decks kept on disk, keyed by a hash of every file the deck was read from.
//!
//! `serde_yaml` needs about 40 µs a card, so a 10,000-card library would take 400 ms to
//! parse; decoding the cached form takes a fraction of that. Only decks without problems
//! are cached, so a hit needs no validation. Everything here is best effort: a missing,
//! stale, corrupt or unwritable cache only means parsing again.

use std::borrow::Cow;
use std::fs;
use std::io::{BufReader, Read};
use std::os::unix::fs::FileExt as _;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::source::DeckSource;
use super::{Deck, Solution};

/// Bump when the cached layout or the meaning of a card changes.
/// 7: starters (issue 14) and recall examples, k-of-n points, deck synonyms (issue 13).
/// 8: `shuffle` on single and multiple items (issue 16).
/// 9: scored follow-ups and `spoken` (issues 15, 17).
/// 10: `misconceptions` on recall items (issue 13).
/// 11: `visual: anagrams` and its `code_links` events (issue 20).
/// 12: recall and follow-up `examples` left out (only `tutor check` reads them).
/// 13: the cards' code after the deck, each card's read when it is asked for.
/// 14: a check of the card's id and code in each span.
const FORMAT: u32 = 14;
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

/// A cache file: [`MAGIC`], the length of the entry (8 bytes, little-endian), the entry
/// (the deck without its cards' code: `Card::python` and `rust` are not serialized),
/// then a [`Span`] a card ([`Span::BYTES`] each, in the deck's order) and after them
/// the coding cards' [`Code`], where their spans say. The spans and the code are written
/// by hand, not by serde: decoding them through serde (from another reader than the
/// deck's) made the binary 25 to 40 KB larger (BENCHMARKS.md).
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

/// Where a card's [`Code`] is, counted from the end of the spans (no code: `len` 0),
/// whether it has both languages, and the [`check`] of the card's id and code there.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u64,
    len: u32,
    both: bool,
    check: u64,
}

impl Span {
    const BYTES: usize = 21;

    fn write(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.start.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
        out.push(u8::from(self.both));
        out.extend_from_slice(&self.check.to_le_bytes());
    }

    fn read(bytes: &[u8; Self::BYTES]) -> Self {
        let (start, rest) = bytes.split_at(8);
        let (len, rest) = rest.split_at(4);
        let (both, check) = rest.split_at(1);
        Self {
            start: u64::from_le_bytes(start.try_into().unwrap_or_default()),
            len: u32::from_le_bytes(len.try_into().unwrap_or_default()),
            both: both == [1],
            check: u64::from_le_bytes(check.try_into().unwrap_or_default()),
        }
    }
}

/// What a card's span holds in the file to know its code when it reads it back: a
/// hash of the code's bytes and one of the card's id, combined by XOR. Loading takes the id's
/// hash out again (so a card renamed later keeps its code), and a span that is not
/// this card's (spans swapped in the file) no longer matches its code. Bytes that are
/// not what was written for this card (a file written over in place while a tutor
/// holds it open, with the same deck in another order: the span then points at
/// another card's code, which decodes cleanly) are not taken for its code.
fn check(id: &str, code: &[u8]) -> u64 {
    xxh3_64(code) ^ xxh3_64(id.as_bytes())
}

/// What a code pane and practice say for a card whose code cannot be read back (its
/// cache file written over while tutor runs): [`StoredCode::read`] removes the file, so
/// the next start parses the deck again. One footer line at 80 columns.
pub const UNREADABLE: &str =
    "Could not read this card's code: the deck cache changed on disk. Restart tutor.";

/// A card's Python and Rust code.
type Code = (Option<Solution>, Option<Solution>);

/// A card's code left in its cache file: [`StoredCode::get`] reads it the first time
/// and keeps it. The file stays open, so a newer tutor replacing it (a new file
/// renamed over it) does not change what this one reads. A card not from the cache
/// has none.
#[derive(Debug, Clone, Default)]
pub struct StoredCode {
    at: Option<(Arc<CodeFile>, u64, Span)>,
    code: OnceLock<Box<Code>>,
}

/// A cache file held open for its cards' code, and where it was opened.
#[derive(Debug)]
struct CodeFile {
    file: fs::File,
    path: PathBuf,
}

impl CodeFile {
    /// This file, found damaged, removed if it is still the one at its path (not one
    /// another tutor renamed there since): the next start parses the deck again and
    /// writes it anew, instead of drawing its cards without code at every start.
    fn remove(&self) {
        use std::os::unix::fs::MetadataExt as _;
        let id = |m: fs::Metadata| (m.dev(), m.ino());
        if let (Ok(open), Ok(there)) = (self.file.metadata(), fs::metadata(&self.path))
            && id(open) == id(there)
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Where a card's code comes from is not part of what the card is.
impl PartialEq for StoredCode {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl StoredCode {
    /// `Some(whether the card has code in both languages)` for a card from the cache.
    pub fn spans(&self) -> Option<bool> {
        self.at.as_ref().map(|(_, _, span)| span.both)
    }

    /// The card's code, read once; `None` for a card not from the cache. A file that
    /// cannot be read or decoded, or whose bytes there are not those written for this
    /// card ([`check`]), gives a card without code.
    pub fn get(&self) -> Option<&Code> {
        self.at.as_ref()?;
        Some(self.code.get_or_init(|| Box::new(self.read())))
    }

    /// The card's code as [`StoredCode::get`] gives it, no longer held here: the card
    /// holds it from now on.
    pub fn take(&mut self) -> Option<Code> {
        self.at.as_ref()?;
        let code = match self.code.take() {
            Some(code) => *code,
            None => self.read(),
        };
        self.at = None;
        Some(code)
    }

    /// The card's code as [`StoredCode::get`] gives it, but read for the caller
    /// without being kept when it was not read before.
    pub fn peek(&self) -> Option<Cow<'_, Code>> {
        self.at.as_ref()?;
        Some(match self.code.get() {
            Some(code) => Cow::Borrowed(&**code),
            None => Cow::Owned(self.read()),
        })
    }

    fn read(&self) -> Code {
        let Some((file, base, span)) = &self.at else {
            return (None, None);
        };
        let mut bytes = vec![0; span.len as usize];
        let code = file
            .file
            .read_exact_at(&mut bytes, base + span.start)
            .ok()
            .filter(|()| xxh3_64(&bytes) == span.check)
            .and_then(|()| decode(&bytes));
        code.unwrap_or_else(|| {
            file.remove();
            (None, None)
        })
    }
}

/// One language of a card's [`Code`] as the cache file holds it: nothing if the card
/// has none (a length of [`NONE`]), else its starter (`NONE` if none), solution and
/// tests, each its length (4 bytes, little-endian) and its UTF-8 bytes. (A card's code
/// over 4 GiB is not cached at all: its span's length would not fit.)
fn encode(solution: Option<&Solution>, out: &mut Vec<u8>) {
    let mut text = |s: Option<&str>| match s {
        Some(s) => {
            out.extend_from_slice(&u32::try_from(s.len()).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        None => out.extend_from_slice(&NONE.to_le_bytes()),
    };
    match solution {
        Some(s) => {
            text(Some(""));
            text(s.starter.as_deref());
            text(Some(&s.solution));
            text(Some(&s.tests));
        }
        None => text(None),
    }
}

/// The length of no text.
const NONE: u32 = u32::MAX;

/// What two [`encode`]s wrote (Python, then Rust); `None` if it is not that.
fn decode(mut bytes: &[u8]) -> Option<Code> {
    let mut text = || -> Option<Option<String>> {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        bytes = rest;
        let len = u32::from_le_bytes(*len);
        if len == NONE {
            return Some(None);
        }
        let (text, rest) = bytes.split_at_checked(len as usize)?;
        bytes = rest;
        String::from_utf8(text.to_vec()).ok().map(Some)
    };
    let mut solution = || -> Option<Option<Solution>> {
        if text()?.is_none() {
            return Some(None);
        }
        Some(Some(Solution {
            starter: text()?,
            solution: text()??,
            tests: text()??,
        }))
    };
    let python = solution()?;
    let rust = solution()?;
    // Nothing after them: the span holds exactly this card's code.
    bytes.is_empty().then_some((python, rust))
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
        let path = self.path(origin);
        let file = fs::File::open(&path).ok()?;
        // The same open file, for the cards' code later (read at offsets, not through
        // the file's position).
        let code_file = Arc::new(CodeFile {
            file: file.try_clone().ok()?,
            path,
        });
        let mut reader = BufReader::with_capacity(READ_BUFFER, file);
        let mut magic = [0; MAGIC.len()];
        reader.read_exact(&mut magic).ok()?;
        if magic != *MAGIC {
            return None;
        }
        let mut len = [0; 8];
        reader.read_exact(&mut len).ok()?;
        let len = u64::from_le_bytes(len);
        // The entry's decoder reads no further than the entry.
        let entry: Entry = rmp_serde::from_read(reader).ok()?;
        let Entry {
            hash: found,
            mut deck,
        } = entry;
        if found != hash || deck.origin != origin {
            return None;
        }
        let spans_at = (MAGIC.len() + 8) as u64 + len;
        let mut spans = vec![0; deck.cards.len() * Span::BYTES];
        code_file.file.read_exact_at(&mut spans, spans_at).ok()?;
        let base = spans_at + spans.len() as u64;
        let size = code_file.file.metadata().ok()?.len();
        for (card, span) in deck.cards.iter_mut().zip(spans.as_chunks().0) {
            let span = Span::read(span);
            // A span past the file's end (a damaged file) is a miss, not a vector of
            // up to 4 GiB to read it into.
            if base
                .saturating_add(span.start)
                .saturating_add(span.len.into())
                > size
            {
                return None;
            }
            if span.len > 0 {
                // What the code's own hash must be ([`check`]).
                let span = Span {
                    check: span.check ^ xxh3_64(card.id.as_str().as_bytes()),
                    ..span
                };
                card.stored.at = Some((Arc::clone(&code_file), base, span));
            }
        }
        Some(deck)
    }

    /// Stores a deck; failures are ignored (the next start parses again).
    pub fn put(&self, hash: u128, deck: &Deck) {
        let _ = self.try_put(hash, deck);
    }

    fn try_put(&self, hash: u128, deck: &Deck) -> std::io::Result<()> {
        let mut spans = Vec::with_capacity(deck.cards.len() * Span::BYTES);
        let mut code = Vec::new();
        for card in &deck.cards {
            let start = code.len();
            let both = card.with_code(|python, rust| {
                if python.is_some() || rust.is_some() {
                    encode(python, &mut code);
                    encode(rust, &mut code);
                }
                python.is_some() && rust.is_some()
            });
            let len = u32::try_from(code.len() - start).map_err(std::io::Error::other)?;
            let check = check(card.id.as_str(), &code[start..]);
            let start = start as u64;
            Span {
                start,
                len,
                both,
                check,
            }
            .write(&mut spans);
        }
        let entry = EntryRef { hash, deck };
        let payload = rmp_serde::to_vec_named(&entry).map_err(std::io::Error::other)?;
        let len = (payload.len() as u64).to_le_bytes();
        let path = self.path(&deck.origin);
        // A cache miss is rare: sweep what a start killed while writing left here.
        if let Some(folder) = path.parent() {
            crate::paths::remove_stale_temps(
                folder,
                std::time::SystemTime::now(),
                crate::worker::child::is_alive,
            );
        }
        crate::paths::replace_file(&path, &[MAGIC, &len, &payload, &spans, &code])
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
        let cached = cache.get(&deck.origin, 7).unwrap();
        // The code stays in the file until asked for, then comes back whole.
        assert!(
            cached
                .cards
                .iter()
                .all(|c| c.python.is_none() && c.rust.is_none())
        );
        let coding = cached.cards.iter().filter(|c| c.has_code()).count();
        assert!(coding > 10, "{coding} coding cards");
        for (card, parsed) in cached.cards.iter().zip(&deck.cards) {
            assert_eq!(card.has_code(), parsed.has_code(), "{}", card.id);
            assert_eq!(
                card.with_code(|p, r| (p.cloned(), r.cloned())),
                (parsed.python.clone(), parsed.rust.clone())
            );
            assert_eq!(
                (card.python(), card.rust()),
                (parsed.python.as_ref(), parsed.rust.as_ref())
            );
        }
        let mut whole = cached.clone();
        for card in &mut whole.cards {
            card.python = card.python().cloned();
            card.rust = card.rust().cloned();
        }
        assert_eq!(whole, without_examples(deck));
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

    /// A cache file damaged in its code gives a card without code, not a panic; cut
    /// short (in its code or its spans), it is a miss.
    #[test]
    fn a_damaged_cache_file_gives_no_code_or_a_miss() {
        let library = crate::content::bundled_library();
        let deck = &library.decks[0];
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, deck);
        let path = cache.path(&deck.origin);
        let bytes = std::fs::read(&path).unwrap();
        let mut damaged = bytes.clone();
        let end = damaged.len();
        damaged[end - 10..].fill(0xff);
        std::fs::write(&path, &damaged).unwrap();
        let cached = cache.get(&deck.origin, 7).unwrap();
        let last = cached.cards.iter().rev().find(|c| c.has_code()).unwrap();
        assert_eq!(last.code(), None, "not UTF-8");
        let first = cached.cards.iter().find(|c| c.has_code()).unwrap();
        assert!(first.code().is_some());
        std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
        assert_eq!(cache.get(&deck.origin, 7), None);
        let len = usize::try_from(u64::from_le_bytes(bytes[8..16].try_into().unwrap())).unwrap();
        std::fs::write(&path, &bytes[..16 + len + 5]).unwrap();
        assert_eq!(cache.get(&deck.origin, 7), None);
    }

    /// `deck` with its first two coding cards' places swapped: as many bytes in the
    /// cache file, each card's code where the other's was.
    fn swapped(deck: &Deck) -> Deck {
        let mut swapped = deck.clone();
        let coding: Vec<usize> = (0..deck.cards.len())
            .filter(|&i| deck.cards[i].has_code())
            .take(2)
            .collect();
        swapped.cards.swap(coding[0], coding[1]);
        swapped
    }

    /// A deck of `n` coding cards, `card-<i>`, each with its own code: a starter every
    /// third card, and code as long as its neighbours' of as many digits.
    fn many(n: usize) -> Deck {
        let library = crate::content::bundled_library();
        let template = library.cards().find(|(_, c)| c.has_code()).unwrap().1;
        let mut deck = library.decks[0].clone();
        deck.cards = (0..n)
            .map(|i| {
                let mut card = template.clone();
                card.id = crate::content::CardId(format!("card-{i}"));
                let code = |lang: &str| Solution {
                    starter: (i % 3 == 0).then(|| format!("{lang} starter {i}")),
                    solution: format!("{lang} solution {i}"),
                    tests: format!("{lang} tests {i}"),
                };
                card.python = Some(code("python"));
                card.rust = Some(code("rust"));
                card
            })
            .collect();
        deck.locations.clear();
        deck
    }

    /// Each card of `cached` has its own code (that of the card with its id in
    /// `parsed`) or none: never another card's.
    fn own_code_or_none(cached: &Deck, parsed: &Deck) -> usize {
        let mut own = 0;
        for card in &cached.cards {
            let parsed = parsed.cards.iter().find(|c| c.id == card.id).unwrap();
            let peeked = card.with_code(|p, r| (p.cloned(), r.cloned()));
            if let Some(code) = card.code() {
                assert_eq!(Some(code), parsed.code(), "{}", card.id);
                own += 1;
            }
            assert!(
                peeked == (None, None)
                    || (peeked.0.as_ref(), peeked.1.as_ref()) == (parsed.python(), parsed.rust()),
                "{}",
                card.id
            );
        }
        own
    }

    /// Another tutor rebuilding the cache (a new file renamed over this one) while
    /// this one runs: the cards this one loaded still read their own code.
    #[test]
    fn a_cache_file_renamed_over_leaves_the_loaded_cards_their_code() {
        let library = crate::content::bundled_library();
        let deck = &library.decks[0];
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, deck);
        let cached = cache.get(&deck.origin, 7).unwrap();
        cache.put(7, &swapped(deck));
        let coding = deck.cards.iter().filter(|c| c.has_code()).count();
        assert_eq!(own_code_or_none(&cached, deck), coding);
        std::fs::remove_file(cache.path(&deck.origin)).unwrap();
        let cached = {
            cache.put(7, deck);
            cache.get(&deck.origin, 7).unwrap()
        };
        std::fs::remove_file(cache.path(&deck.origin)).unwrap();
        assert_eq!(own_code_or_none(&cached, deck), coding, "deleted");
    }

    /// A cache file written over in place (`cp` onto it, a restore from a backup) while
    /// a tutor holds it open, with the same deck in another order: the spans this
    /// tutor read now point at other cards' code, which must not be taken for theirs.
    #[test]
    fn a_cache_file_written_over_in_place_never_gives_another_cards_code() {
        // The bundled deck, whose two swapped cards' code differs in length; cards
        // 10 and 11 of `many`, whose code is as long (bytes that decode cleanly as
        // a whole, taken for a card's code without the span's check).
        let mut lengths_differ = crate::content::bundled_library().decks[0].clone();
        lengths_differ.cards.truncate(12);
        let mut as_long = many(12);
        for card in &mut as_long.cards[..10] {
            card.python = None;
            card.rust = None;
        }
        for deck in [lengths_differ, as_long] {
            let dir = tempfile::tempdir().unwrap();
            let cache = DeckCache::new(dir.path());
            cache.put(7, &deck);
            let cached = cache.get(&deck.origin, 7).unwrap();
            let other = tempfile::tempdir().unwrap();
            let other = DeckCache::new(other.path());
            other.put(7, &swapped(&deck));
            let path = cache.path(&deck.origin);
            let before = std::fs::read(&path).unwrap();
            let bytes = std::fs::read(other.path(&deck.origin)).unwrap();
            assert_eq!(bytes.len(), before.len());
            assert_ne!(bytes, before);
            std::fs::write(&path, &bytes).unwrap();
            let coding = deck.cards.iter().filter(|c| c.has_code()).count();
            // The cards after the two swapped ones still find their own code.
            assert_eq!(own_code_or_none(&cached, &deck), coding - 2);
        }
    }

    /// Two cards' spans swapped in the file (each pointing at the other's code, with
    /// the other's check): neither card takes the other's code. A card renamed after
    /// loading keeps its own.
    #[test]
    fn a_span_read_for_another_card_gives_no_code() {
        let deck = many(4);
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, &deck);
        let path = cache.path(&deck.origin);
        let mut bytes = std::fs::read(&path).unwrap();
        let len = usize::try_from(u64::from_le_bytes(bytes[8..16].try_into().unwrap())).unwrap();
        let spans = 16 + len;
        let (first, second) = bytes[spans..].split_at_mut(Span::BYTES);
        first.swap_with_slice(&mut second[..Span::BYTES]);
        std::fs::write(&path, &bytes).unwrap();
        let cached = cache.get(&deck.origin, 7).unwrap();
        assert_eq!(
            (cached.cards[0].code(), cached.cards[1].code()),
            (None, None)
        );
        assert_eq!(cached.cards[2].code(), deck.cards[2].code());

        cache.put(7, &deck);
        let mut cached = cache.get(&deck.origin, 7).unwrap();
        cached.cards[3].id = crate::content::CardId("renamed".to_string());
        assert_eq!(cached.cards[3].code(), deck.cards[3].code());
    }

    /// A cached card's code changed through `python_mut`/`rust_mut` is what the card
    /// then gives (the fields were public: set on a cached card, they were not read).
    #[test]
    fn a_cached_cards_code_can_be_changed() {
        let deck = many(2);
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, &deck);
        let mut cached = cache.get(&deck.origin, 7).unwrap();
        let [first, second] = &mut cached.cards[..] else {
            panic!("two cards");
        };
        first.python_mut().unwrap().solution = "changed".to_string();
        assert_eq!(first.python().unwrap().solution, "changed");
        assert_eq!(first.rust(), deck.cards[0].rust());
        assert!(first.has_code());
        // Read before it is changed, the same.
        assert_eq!(second.code(), deck.cards[1].code());
        second.rust_mut().unwrap().tests = "none".to_string();
        assert_eq!(second.rust().unwrap().tests, "none");
        assert_eq!(second.python(), deck.cards[1].python());
        assert_eq!(second.with_code(|_, r| r.unwrap().tests.clone()), "none");
    }

    /// A card whose code cannot be read (here, a byte of it changed) removes the cache
    /// file if it is still the one at its path, so the next start parses the deck and
    /// writes it again, instead of drawing the card without code at every start. A
    /// file another tutor put there meanwhile stays.
    #[test]
    fn a_card_whose_code_cannot_be_read_removes_the_cache_file() {
        let deck = many(3);
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        let path = cache.path(&deck.origin);
        cache.put(7, &deck);
        let mut bytes = std::fs::read(&path).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let cached = cache.get(&deck.origin, 7).unwrap();
        assert_eq!(cached.cards[0].code(), deck.cards[0].code());
        assert!(path.exists());
        assert_eq!(cached.cards[2].code(), None);
        assert!(!path.exists(), "the damaged file is still there");
        assert_eq!(cache.get(&deck.origin, 7), None);

        cache.put(7, &deck);
        let cached = cache.get(&deck.origin, 7).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        cache.put(7, &deck);
        assert_eq!(cached.cards[2].with_code(|p, _| p.cloned()), None);
        assert!(path.exists(), "another tutor's file was removed");
        let again = cache.get(&deck.origin, 7).unwrap();
        assert_eq!(again.cards[2].code(), deck.cards[2].code());
    }

    /// A `--decks` deck's trust is kept under the hash of its tests: from the cache
    /// (the code read for the hash and not kept, or read and kept) it is the parsed
    /// deck's, so a start from the cache does not ask to trust the deck again.
    #[test]
    fn a_cached_deck_has_the_parsed_decks_tests_hash() {
        let deck = &crate::content::bundled_library().decks[0];
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, deck);
        let cached = cache.get(&deck.origin, 7).unwrap();
        let parsed = crate::runner::trust::tests_hash(deck);
        assert_eq!(crate::runner::trust::tests_hash(&cached), parsed);
        assert!(cached.cards.iter().all(|c| c.stored.code.get().is_none()));
        for card in &cached.cards {
            let _ = card.code();
        }
        assert_eq!(crate::runner::trust::tests_hash(&cached), parsed);
        assert_ne!(crate::runner::trust::tests_hash(&many(2)), parsed);
    }

    /// 10,000 coding cards, one with empty code, one with Python only, one without
    /// code: each comes back with its own, read only when asked for.
    #[test]
    fn ten_thousand_cards_each_read_their_own_code() {
        let mut deck = many(10_000);
        deck.cards[1].python = Some(Solution {
            starter: Some(String::new()),
            solution: String::new(),
            tests: String::new(),
        });
        deck.cards[1].rust = Some(Solution {
            starter: None,
            solution: String::new(),
            tests: String::new(),
        });
        deck.cards[2].rust = None;
        deck.cards[3].python = None;
        deck.cards[3].rust = None;
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::new(dir.path());
        cache.put(7, &deck);
        let cached = cache.get(&deck.origin, 7).unwrap();
        assert_eq!(cached.cards.len(), 10_000);
        assert!(cached.cards.iter().all(|c| c.stored.code.get().is_none()));
        assert_eq!(
            (
                cached.cards[1].has_code(),
                cached.cards[2].has_code(),
                cached.cards[3].has_code()
            ),
            (true, false, false)
        );
        let asked: Vec<usize> = (0..10_000).step_by(997).chain([1, 2, 3, 9_999]).collect();
        for &i in &asked {
            let (card, parsed) = (&cached.cards[i], &deck.cards[i]);
            assert_eq!(
                (card.python(), card.rust()),
                (parsed.python.as_ref(), parsed.rust.as_ref()),
                "{i}"
            );
        }
        let read = cached
            .cards
            .iter()
            .filter(|c| c.stored.code.get().is_some())
            .count();
        // Card 3 has no code to read.
        assert_eq!(
            read,
            asked.len() - 1,
            "only the cards asked for hold their code"
        );
    }

    /// The deck as the cache gives it back.
    fn without_examples(deck: &Deck) -> Deck {
        let mut deck = deck.clone();
        deck.cards = deck.cards.iter().map(Card::without_examples).collect();
        deck
    }
}
