//! No entry of an `accept` or `said` list is made redundant by another entry of the
//! same list. Entry B is redundant when entry A matches every answer B matches:
//! removing B then changes no verdict, and the deck (compressed in the binary, held in
//! memory) is smaller. `evict* the oldest entry` beside `evict* the oldest`, or `lock &
//! race` beside `lock`, are such.
//!
//! "Matches every answer B matches" is decided on the phrases as the matcher itself
//! parses them (`Phrase::parts`: stems, contractions, hyphens, stop words, synonym
//! groups, big-O expressions), conservatively. A covers B when:
//! - each part of A (a plain entry is one part) is a contiguous run of the words of
//!   one part of B, word for word: the same stem, or an `x*` of A over a word of B
//!   that every form of starts with `x` (see [`piece_covers`]); where B's words are
//!   a synonym group's, A's are the same group's there; a part of B that is a big-O
//!   expression's body only by A's same whole part;
//! - every exception (`!phrase`) of A is one of B's;
//! - no word of B that A does not have is one the negation guard reads
//!   (`quiz::negation`'s and `quiz::said`'s word lists: `not`, `would`, `if`, `and`,
//!   judgements, needs, dismissals, the forms of `be`, ...): such a word in B shifts
//!   or ends a denial of A that B escapes (`tie breaker` is denied in "a tie breaker
//!   isn't needed", `tie breaker & not needed` is stated there);
//! - a plain A with `not`, `no` or `never` is not compared with an entry of parts,
//!   whose negative parts the guard treats apart;
//! - in a point whose statement denies something (`negation::denies_itself`), A and B
//!   both say the denial or both do not (`negation::says_the_denial`): they are
//!   guarded alike.
//!
//! What this leaves out, knowingly: an answer's own words in the gap a phrase skips, or
//! between two parts, are not B's and can still be a cue just before A's words or a
//! judgement just after them ("x without y z" states `x y z` and denies `y z`). No
//! example, phrasing or held-out answer changed verdict when the entries this test
//! found were removed (the commit that removed them gives the figures).
//!
//! Of two entries that cover each other (the same words), the later is redundant.
//! `TUTOR_PRUNE_PLAN=<file>` writes the removals as JSON lines (file, byte range, the
//! text there) for `tests/prune_redundant_phrases.sh`, which applies them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use tutor::content::locate::{Locator, Seg};
use tutor::content::{Card, Deck, LoadOptions, QuizItem, RecallPoint, load_library};
use tutor::quiz::negation::{denies_itself, says_the_denial};
use tutor::quiz::phrase::Phrase;
use tutor::quiz::said::{JOIN, UNLESS};
use tutor::quiz::synonyms::{Piece, Synonyms};
use tutor::quiz::tokens::tokens;

/// Stems that Snowball's English stemmer gives words that do not start with all but
/// their last letter (`dying` is `die`): a prefix is never taken to cover them.
const IRREGULAR_STEMS: &[&str] = &["die", "lie", "tie"];

/// Whether every answer word that piece `b` of a phrase matches, `a` matches too.
///
/// An `x*` covers a stem `s` when `s` starts with `x` and every word with stem `s`
/// starts with `x`. Snowball's English stemmer ends a stem in letters the word may
/// not have there: an added `e` (`hoping` is `hope`), `i` for `y` (`cry` is `cri`), the
/// `l` of `-ble` for `-bility` (`possibility` is `possibl`), and an irregular few
/// ([`IRREGULAR_STEMS`]); every word starts with its stem but for its last letter
/// otherwise. So `x*` covers `s` when `x` is shorter than `s`, or is `s` and `s` does
/// not end in one of those letters. A percentage matches a stem that starts with
/// `percent`, and a prefix only up to `percent`.
fn piece_covers(a: &Piece, b: &Piece) -> bool {
    match (a, b) {
        _ if a == b => true,
        (Piece::Prefix(x), Piece::Prefix(y)) => y.starts_with(x.as_str()),
        (Piece::Prefix(x), Piece::Stem(s)) => {
            s.starts_with(x.as_str())
                && (x.len() < s.len() || !s.ends_with(['e', 'i', 'l', 'y']))
                && !IRREGULAR_STEMS.contains(&s.as_str())
                && (!s.starts_with("percent") || "percent".starts_with(x.as_str()))
        }
        // A unit's name is its stem, or a number with the unit.
        (Piece::Unit(x, _), Piece::Stem(s)) => x == s,
        _ => false,
    }
}

/// Whether every run of answer words that one of `b`'s word sequences matches, one of
/// `a`'s matches: the same length, word by word.
fn element_covers(a: &[Vec<Piece>], b: &[Vec<Piece>]) -> bool {
    b.iter().all(|b| {
        a.iter()
            .any(|a| a.len() == b.len() && a.iter().zip(b).all(|(a, b)| piece_covers(a, b)))
    })
}

/// The words the negation guard reads (see the module docs), taken from the string
/// literals of its sources (not their comments or tests), with their stems.
fn guard_words() -> HashSet<String> {
    let mut words = HashSet::new();
    for source in [
        include_str!("../src/quiz/negation.rs"),
        include_str!("../src/quiz/said.rs"),
        include_str!("../src/quiz/point.rs"),
    ] {
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                if !literal.is_empty() && literal.chars().all(|c| c.is_ascii_lowercase()) {
                    words.insert(literal.to_string());
                    words.extend(tokens(literal).into_iter().map(|t| t.stem));
                }
            }
        }
    }
    words
}

/// Whether an answer word that piece `p` matches may be one of `guard`.
fn is_guard_word(p: &Piece, guard: &HashSet<String>) -> bool {
    match p {
        Piece::Stem(s) | Piece::Unit(s, _) => guard.contains(s),
        Piece::Prefix(x) => guard.iter().any(|w| w.starts_with(x.as_str())),
    }
}

/// One entry of a list, parsed as the scorer parses it.
struct Entry {
    /// Its parts' phrases (one for a plain entry and for every `accept` entry).
    parts: Vec<Phrase>,
    /// Its exceptions (`!phrase`), with their own words.
    unless: Vec<(Phrase, Vec<String>)>,
    /// Whether a part has `not`, `no` or `never` of its own.
    negative: bool,
    /// For a phrase of a point whose statement denies something: whether it says the
    /// denial (and so counts wherever it stands).
    exempt: bool,
    /// Whether it uses an operator this rule does not model: parts in the next sentence
    /// (`>>`) or an exception that counts where it is denied (`!?`). Such an entry
    /// neither covers another nor is covered.
    opaque: bool,
}

impl Entry {
    fn said(text: &str, synonyms: &Synonyms) -> Self {
        let mut parts = Vec::new();
        let mut unless = Vec::new();
        let mut negative = false;
        for part in text.split(JOIN) {
            match part.trim_start().strip_prefix(UNLESS) {
                Some(except) => {
                    let own = tokens(except).into_iter().map(|t| t.text).collect();
                    unless.push((Phrase::new(except, synonyms), own));
                }
                None => {
                    negative |= has_negation(part);
                    parts.push(Phrase::new(part, synonyms));
                }
            }
        }
        Self {
            parts,
            unless,
            negative,
            exempt: false,
            opaque: text.contains(">>") || text.contains("!?"),
        }
    }

    fn accept(text: &str, point: &RecallPoint, synonyms: &Synonyms) -> Self {
        let statement = tokens(point.point.as_str());
        Self {
            parts: vec![Phrase::new(text, synonyms)],
            unless: Vec::new(),
            negative: has_negation(text),
            exempt: denies_itself(&statement)
                && says_the_denial(point.point.as_str(), &statement, &tokens(text)),
            opaque: text.contains(">>") || text.contains("!?"),
        }
    }

    fn plain(&self) -> bool {
        self.parts.len() == 1 && self.unless.is_empty()
    }
}

fn has_negation(text: &str) -> bool {
    tokens(text)
        .iter()
        .any(|t| matches!(t.text.as_str(), "not" | "no" | "never"))
}

/// Where part `a` runs inside part `b`: the offsets of `b`'s words at which `a`'s
/// words are, word for word, covering them.
fn placements(a: &Phrase, b: &Phrase) -> Vec<usize> {
    let ((a, a_expression), (b, b_expression)) = (a.parts(), b.parts());
    if a.is_empty() || a.len() > b.len() {
        return Vec::new();
    }
    if b_expression.is_some() {
        // B also makes a big-O expression as a whole: only A's same whole does.
        let whole = a.len() == b.len()
            && a_expression == b_expression
            && a.iter().zip(&b).all(|(a, b)| element_covers(a, b));
        return if whole { vec![0] } else { Vec::new() };
    }
    (0..=b.len() - a.len())
        .filter(|&at| a.iter().zip(&b[at..]).all(|(a, b)| element_covers(a, b)))
        .collect()
}

/// Whether entry `a` matches every answer entry `b` matches (see the module docs).
fn covers(a: &Entry, b: &Entry, guard: &HashSet<String>) -> bool {
    if a.opaque || b.opaque || a.exempt != b.exempt || (a.plain() && !b.plain() && a.negative) {
        return false;
    }
    if !a.unless.iter().all(|u| b.unless.contains(u)) {
        return false;
    }
    // Each part of A placed in a part of B; the words of B left over must not be words
    // the guard reads. Every placement is tried (entries have a few parts).
    let options: Vec<Vec<(usize, usize, usize)>> = a
        .parts
        .iter()
        .map(|pa| {
            let len = pa.parts().0.len();
            b.parts
                .iter()
                .enumerate()
                .flat_map(|(j, pb)| placements(pa, pb).into_iter().map(move |at| (j, at, len)))
                .collect()
        })
        .collect();
    if options.iter().any(Vec::is_empty) {
        return false;
    }
    let mut choice = vec![0; options.len()];
    loop {
        let placed: Vec<(usize, usize, usize)> =
            choice.iter().zip(&options).map(|(&c, o)| o[c]).collect();
        let leftover_is_plain = b.parts.iter().enumerate().all(|(j, pb)| {
            pb.parts().0.iter().enumerate().all(|(k, element)| {
                placed
                    .iter()
                    .any(|&(pj, at, len)| pj == j && (at..at + len).contains(&k))
                    || !element
                        .iter()
                        .flatten()
                        .any(|piece| is_guard_word(piece, guard))
            })
        });
        if leftover_is_plain {
            return true;
        }
        // The next combination of placements.
        let mut i = 0;
        loop {
            if i == choice.len() {
                return false;
            }
            choice[i] += 1;
            if choice[i] < options[i].len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

/// The entries of `entries` that others make redundant, each with the index of a kept
/// entry that covers it. Of entries that cover each other the first is kept; an entry
/// is removed only where a kept one covers it.
fn redundant(entries: &[Entry], guard: &HashSet<String>) -> Vec<(usize, usize)> {
    let n = entries.len();
    let cover: Vec<Vec<bool>> = (0..n)
        .map(|a| {
            (0..n)
                .map(|b| a != b && covers(&entries[a], &entries[b], guard))
                .collect()
        })
        .collect();
    let mut removed: Vec<bool> = (0..n)
        .map(|b| (0..n).any(|a| cover[a][b] && (!cover[b][a] || a < b)))
        .collect();
    loop {
        let stuck: Vec<usize> = (0..n)
            .filter(|&b| removed[b] && !(0..n).any(|a| !removed[a] && cover[a][b]))
            .collect();
        if stuck.is_empty() {
            break;
        }
        for b in stuck {
            removed[b] = false;
        }
    }
    (0..n)
        .filter(|&b| removed[b])
        .map(|b| {
            let by = (0..n).find(|&a| !removed[a] && cover[a][b]).unwrap();
            (b, by)
        })
        .collect()
}

/// A flow list (`[a, "b", 'c']`) as written from byte `open` (its `[`) of `text`:
/// each item's byte range and value.
fn flow_items(text: &str, open: usize) -> Option<Vec<(usize, usize, String)>> {
    let bytes = text.as_bytes();
    (bytes.get(open) == Some(&b'[')).then_some(())?;
    let mut items = Vec::new();
    let mut i = open + 1;
    let skip = |i: &mut usize| {
        while bytes.get(*i).is_some_and(u8::is_ascii_whitespace) {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        if bytes.get(i) == Some(&b']') {
            return Some(items);
        }
        let start = i;
        let mut value = String::new();
        match bytes.get(i)? {
            b'"' => {
                i += 1;
                loop {
                    let c = text.get(i..)?.chars().next()?;
                    i += c.len_utf8();
                    match c {
                        '"' => break,
                        '\\' => {
                            let e = text.get(i..)?.chars().next()?;
                            i += e.len_utf8();
                            value.push(match e {
                                '"' | '\\' | '/' => e,
                                'n' => '\n',
                                't' => '\t',
                                _ => return None,
                            });
                        }
                        c => value.push(c),
                    }
                }
            }
            b'\'' => {
                i += 1;
                loop {
                    let c = text.get(i..)?.chars().next()?;
                    i += c.len_utf8();
                    if c == '\'' {
                        if bytes.get(i) == Some(&b'\'') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    value.push(c);
                }
            }
            _ => {
                while !matches!(bytes.get(i)?, b',' | b']' | b'\n') {
                    i += 1;
                }
                value = text[start..i].trim_end().to_string();
            }
        }
        let end = start + text[start..i].trim_end().len();
        items.push((start, end, value));
        skip(&mut i);
        match bytes.get(i)? {
            b',' => i += 1,
            b']' => return Some(items),
            _ => return None,
        }
    }
}

/// One list of a card, as found in its file.
struct List<'a> {
    path: Vec<Seg>,
    entries: &'a [String],
    /// For an `accept` list, its point.
    point: Option<&'a RecallPoint>,
}

/// Every `accept` and `said` list of `card`: its recall items' and its scored
/// follow-ups'.
fn lists(card: &Card) -> Vec<List<'_>> {
    fn of_points<'a>(base: &[Seg], points: &'a [RecallPoint], out: &mut Vec<List<'a>>) {
        for (j, point) in points.iter().enumerate() {
            let mut at = base.to_vec();
            at.extend([Seg::from("points"), Seg::from(j)]);
            if !point.accept.is_empty() {
                let mut path = at.clone();
                path.push(Seg::from("accept"));
                out.push(List {
                    path,
                    entries: &point.accept,
                    point: Some(point),
                });
            }
            for (k, way) in point.of.iter().enumerate() {
                let mut path = at.clone();
                path.extend([Seg::from("of"), Seg::from(k)]);
                out.push(List {
                    path,
                    entries: way,
                    point: Some(point),
                });
            }
        }
    }
    let mut out = Vec::new();
    for (i, item) in card.quiz.iter().enumerate() {
        let QuizItem::Recall(recall) = item else {
            continue;
        };
        let base = vec![Seg::from("quiz"), Seg::from(i)];
        of_points(&base, &recall.points, &mut out);
        for (m, misconception) in recall.misconceptions.iter().enumerate() {
            out.push(List {
                path: vec![
                    Seg::from("quiz"),
                    Seg::from(i),
                    Seg::from("misconceptions"),
                    Seg::from(m),
                    Seg::from("said"),
                ],
                entries: &misconception.said,
                point: None,
            });
        }
    }
    for (f, follow_up) in card.follow_ups.iter().enumerate() {
        if let Some(scored) = follow_up.scored() {
            of_points(
                &[Seg::from("follow_ups"), Seg::from(f)],
                &scored.points,
                &mut out,
            );
        }
    }
    out
}

/// A redundant entry found: where, what, and what covers it.
struct Finding {
    file: String,
    line: usize,
    entry: String,
    by: String,
    by_line: usize,
    /// The bytes of the file to delete with it (`None` when the list could not be
    /// read back from the file).
    cut: Option<(usize, usize)>,
}

/// The 1-based line of byte `at` of `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The byte of `text` where 1-based `line` and `col` (in characters) are.
fn byte_at(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    start
        + text[start..]
            .char_indices()
            .nth(col - 1)
            .map_or(0, |(i, _)| i)
}

fn findings_in(deck: &Deck, card: &Card, file: &Path, guard: &HashSet<String>) -> Vec<Finding> {
    let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
    let text = std::fs::read_to_string(file).unwrap();
    let locator = Locator::new(&text);
    let mut out = Vec::new();
    for list in lists(card) {
        let entries: Vec<Entry> = list
            .entries
            .iter()
            .map(|e| match list.point {
                Some(point) => Entry::accept(e, point, &synonyms),
                None => Entry::said(e, &synonyms),
            })
            .collect();
        let found = redundant(&entries, guard);
        if found.is_empty() {
            continue;
        }
        // The list as written: after its key, or its `- ` in a list of lists.
        let (line, col) = locator.locate(&list.path);
        let from = byte_at(&text, line, col);
        let items = text[from..]
            .find('[')
            .map(|k| from + k)
            .and_then(|open| flow_items(&text, open))
            .filter(|items| {
                items.len() == list.entries.len()
                    && items.iter().zip(list.entries).all(|(i, e)| i.2 == *e)
            });
        let removed: HashSet<usize> = found.iter().map(|&(b, _)| b).collect();
        for &(b, a) in &found {
            let at = |k: usize| items.as_ref().map_or(line, |i| line_of(&text, i[k].0));
            let cut = items.as_ref().map(|items| {
                // The run of removed entries this one is in goes with the separator
                // before it (or, at the list's start, the one after it).
                let first = (0..=b)
                    .rev()
                    .take_while(|k| removed.contains(k))
                    .last()
                    .unwrap();
                let last = (b..items.len())
                    .take_while(|k| removed.contains(k))
                    .last()
                    .unwrap();
                if first > 0 {
                    (items[first - 1].1, items[last].1)
                } else {
                    (items[first].0, items[last + 1].0)
                }
            });
            out.push(Finding {
                file: file.display().to_string(),
                line: at(b),
                entry: list.entries[b].clone(),
                by: list.entries[a].clone(),
                by_line: at(a),
                cut,
            });
        }
    }
    out
}

#[test]
fn no_accept_or_said_entry_is_made_redundant_by_another() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = load_library(&LoadOptions {
        dirs: vec![root.join("content")],
        ..LoadOptions::default()
    });
    assert_eq!(library.problems, []);
    let guard = guard_words();
    assert!(
        ["not", "would", "wrong", "needed", "if", "and"]
            .iter()
            .all(|w| guard.contains(*w)),
        "the guard's words were not read from its sources"
    );
    let mut findings = Vec::new();
    for deck in &library.decks {
        for (card, location) in deck.cards.iter().zip(&deck.locations) {
            let file = root.join(&location.file);
            let file = if file.exists() {
                file
            } else {
                Path::new(&location.file).to_path_buf()
            };
            findings.extend(findings_in(deck, card, &file, &guard));
        }
    }
    if let Ok(plan) = std::env::var("TUTOR_PRUNE_PLAN") {
        // One cut per run of removed entries, with the entries it removes.
        let mut cuts: Vec<(String, usize, usize, Vec<String>)> = Vec::new();
        for f in &findings {
            let Some((start, end)) = f.cut else { continue };
            match cuts
                .iter_mut()
                .find(|c| c.0 == f.file && (c.1, c.2) == (start, end))
            {
                Some(cut) => cut.3.push(f.entry.clone()),
                None => cuts.push((f.file.clone(), start, end, vec![f.entry.clone()])),
            }
        }
        let mut out = String::new();
        for (file, start, end, entries) in cuts {
            let text = std::fs::read_to_string(&file).unwrap();
            let json = serde_json::json!({
                "file": file,
                "start": start,
                "end": end,
                "text": &text[start..end],
                "entries": entries,
            });
            writeln!(out, "{json}").unwrap();
        }
        std::fs::write(plan, out).unwrap();
    }
    let report: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}: {:?} is redundant: {:?} (line {}) matches every answer it matches{}",
                f.file,
                f.line,
                f.entry,
                f.by,
                f.by_line,
                if f.cut.is_none() {
                    " (the list could not be read back from the file)"
                } else {
                    ""
                }
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "{} redundant entries (tests/prune_redundant_phrases.sh removes them):\n{}",
        report.len(),
        report.join("\n")
    );
}

/// The rule on entries whose answer is known: what it calls redundant is, and what it
/// must not call redundant is left.
#[test]
fn the_rule_on_known_cases() {
    let synonyms = Synonyms::general();
    let guard = guard_words();
    let said = |a: &str, b: &str| {
        covers(
            &Entry::said(a, &synonyms),
            &Entry::said(b, &synonyms),
            &guard,
        )
    };
    // Contiguous words, stems, contractions, a wildcard over a longer word.
    assert!(said("evict* the oldest", "evict* the oldest entry"));
    assert!(said("evict* the oldest", "evicts the oldest entry"));
    assert!(said("lock", "lock & race"));
    assert!(said(
        "get doesn't take the lock",
        "get does not take the lock"
    ));
    assert!(said("check then act", "a check-then-act race"));
    assert!(said(
        "shard* & exact*",
        "shard* & kept exact* & !approximate*"
    ));
    // `still` is a word the guard reads ("people still think X" is others' belief), so
    // an entry with it is left alone.
    assert!(!said(
        "shard* & exact*",
        "shard* & still exact* & !approximate*"
    ));
    // Parts in the next sentence (`>>`) or an exception counted where denied (`!?`):
    // not modelled, so neither covered nor covering.
    assert!(!said(
        "evict* & most recent*",
        "most recent* & head >> evict* the head"
    ));
    assert!(!said("evict* >> head", "evict* the head"));
    assert!(!said("unbounded", "unbounded & !?exceed*"));
    // Not contiguous, or a word of B in between: B is not always found with A.
    assert!(!said("same variable", "same loop variable"));
    assert!(!said("has a", "has a list"));
    // Wildcards that do not reach every form of the word.
    assert!(!said("hope*", "hoped"), "`hoping` is `hope`");
    assert!(!said("evict*", "evi*"));
    assert!(
        !said("evi*", "evicts"),
        "`evict` also makes `remove`, `evi*` does not"
    );
    // A synonym group that B's words make and A's do not.
    assert!(!said("recently used", "least recently used"));
    // Exceptions: A's must be B's.
    assert!(!said("heap & !negat*", "min heap"));
    assert!(said("heap & !negat*", "min heap & !negat*"));
    // A word of B that the guard reads: `tie breaker` is denied in "a tie breaker
    // isn't needed", which states `tie breaker & not needed`.
    assert!(!said("tie breaker", "tie breaker & not needed"));
    assert!(!said("lock", "lock would race"));
    assert!(!said("x", "x is wrong"));
    assert!(!said("not hashable", "tuple* & not hashable"));
    // A big-O body makes its expression as a whole.
    assert!(!said("log n", "n log n"));
    assert!(said("o(n log n)", "o(n log n) time"));
    // Points: both phrases said a denial alike, or neither.
    let point = RecallPoint::new(
        "A visited set (marked on enqueue) so no word is processed twice.",
        Vec::new(),
    );
    let accept = |a: &str, b: &str| {
        covers(
            &Entry::accept(a, &point, &synonyms),
            &Entry::accept(b, &point, &synonyms),
            &guard,
        )
    };
    assert!(accept("visited", "the visited set"));
    assert!(accept("processed twice", "word* processed twice"));
    // `visited` is guarded (the statement says it plainly), `visited twice` is not.
    assert!(!accept("visited", "visited twice"));
}
