//! The words of a free-recall answer, normalised so that writing the same thing another
//! way gives the same words (see README.md, "How recall answers are scored").
//!
//! - Letters are lower-cased; anything that is not a letter, digit or `_` separates
//!   words, so `check-then-act` is `check then act` and `popitem(last=False)` is
//!   `popitem last false`.
//! - Contractions are written out: `can't`, `cannot` and `can not` are all `can not`;
//!   `don't` is `do not`, `it's` is `it is`, `they're` is `they are`; a possessive `'s`
//!   goes (`Python's` is `python`).
//! - A number keeps its decimal point and its unit as one word: `0.5%`, `8 %`,
//!   `8 percent` and `8 per cent` are `8%`; `200 ms`, `200ms` and `200 milliseconds`
//!   are `200ms`; `3 s`, `3 sec` and `3 seconds` are `3s`. Such a word also counts as
//!   its unit's name in a phrase (`minutes` is found in `40 minutes`, see
//!   [`named_unit`]).
//! - Every word has a Snowball English stem (`internally` and `internal` are `intern`,
//!   `sleeping` is `sleep`), which is what phrases compare.
//! - A big-O expression is one word, written one way: `O(n log n)`, `O(nlogn)` and
//!   `o n log n` are `o(n log n)` (see `quiz::complexity`).
//! - A few words that carry no meaning in an answer (articles, `it`/`they`, forms of
//!   `be`) are marked [`Token::stop`]: phrases skip them (see `quiz::phrase`).
//! - A comparison or increment operator ([`OPERATORS`]: `<=`, `>=`, `==`, `!=`, `<`,
//!   `>`, `++`) is a word of its own, marked [`Token::stop`] ([`Token::op`]): a
//!   phrase that spells one needs it (`lo <= hi` is not `lo < hi`, `!= n` is not `n`),
//!   and one that does not skips it as it skips `the` (`lo hi` is found in `lo <= hi`).
//!   An arrow (`->`, `<-`, `=>`) and a run of other marks (`>>>`, `<<`) are none.

use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::complexity;

/// One word of an answer or phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word as normalised: lower case, contractions written out, units joined.
    pub text: String,
    /// Its Snowball stem; a word with a digit is its own stem.
    pub stem: String,
    /// An article, pronoun or form of `be`: see [`STOP_WORDS`].
    pub stop: bool,
    /// A percentage (`8%`): it also counts as the word `percent`.
    pub percent: bool,
    /// A number's unit (`40min`: `min`): it also counts as the unit's name
    /// (`minutes`, see [`named_unit`]).
    pub unit: Option<&'static str>,
    /// Written with a `*` straight after it (only phrases use this).
    pub star: bool,
    /// Where it was written, in bytes of the original text. For a big-O expression,
    /// where it opens (`O`, `big O`, `O of`): the text between it and the next word is
    /// what it would be without the expression rule.
    pub span: Range<usize>,
    /// A big-O expression (`o(n log n)`, see `quiz::complexity`): the byte after it.
    pub expression_end: Option<usize>,
    /// A word inside a big-O expression: the index of the expression's token.
    pub inside: Option<usize>,
}

/// Words that are skipped when a phrase is matched: they change nothing about which
/// point an answer makes (`when they are called` and `when it is called`). Negations
/// (`not`, `no`, `never`) and `I` are not among them.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "it", "its", "they", "them", "their", "this", "that", "these", "those", "is",
    "are", "was", "were", "be", "been", "being", "am",
];

/// Comparison and increment operators that are words of their own (see the module
/// docs): a phrase that spells one asks for it.
pub const OPERATORS: &[&str] = &["<=", ">=", "==", "!=", "<", ">", "++"];

/// Marks that an operator is written with: a run of them is read as a whole.
fn is_operator_char(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '!' | '+')
}

/// Unit words after a number, and the unit they are written as.
const UNITS: &[(&str, &str)] = &[
    ("%", "%"),
    ("percent", "%"),
    ("ms", "ms"),
    ("msec", "ms"),
    ("millisecond", "ms"),
    ("milliseconds", "ms"),
    ("us", "us"),
    ("µs", "us"),
    ("microsecond", "us"),
    ("microseconds", "us"),
    ("ns", "ns"),
    ("nanosecond", "ns"),
    ("nanoseconds", "ns"),
    ("s", "s"),
    ("sec", "s"),
    ("secs", "s"),
    ("second", "s"),
    ("seconds", "s"),
    ("min", "min"),
    ("mins", "min"),
    ("minute", "min"),
    ("minutes", "min"),
    ("h", "h"),
    ("hr", "h"),
    ("hrs", "h"),
    ("hour", "h"),
    ("hours", "h"),
    ("kb", "kb"),
    ("mb", "mb"),
    ("gb", "gb"),
    ("tb", "tb"),
    ("kib", "kib"),
    ("mib", "mib"),
    ("gib", "gib"),
];

/// Names of units that a phrase may use for a number with that unit: `minutes` is
/// found in `40 minutes` (one word, `40min`). Only names that mean nothing else:
/// not `second` (`a second wrapper`), `min` or `s`.
const UNIT_NAMES: &[(&str, &str)] = &[
    ("milliseconds", "ms"),
    ("millisecond", "ms"),
    ("microseconds", "us"),
    ("microsecond", "us"),
    ("nanoseconds", "ns"),
    ("nanosecond", "ns"),
    ("seconds", "s"),
    ("secs", "s"),
    ("minutes", "min"),
    ("minute", "min"),
    ("mins", "min"),
    ("hours", "h"),
    ("hour", "h"),
    ("hrs", "h"),
];

impl Token {
    /// A comparison or increment operator (see [`OPERATORS`]); also marked `stop`, so
    /// that it costs no gap, though a phrase keeps it.
    pub fn op(&self) -> bool {
        OPERATORS.contains(&self.text.as_str())
    }
}

/// The unit a phrase's word names, if it names one (see [`UNIT_NAMES`]).
pub fn named_unit(word: &str) -> Option<&'static str> {
    UNIT_NAMES.iter().find(|(w, _)| *w == word).map(|&(_, u)| u)
}

/// The unit of a number written with one (`40min`, `3s`, `8%`).
fn unit_of(text: &str) -> Option<&'static str> {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.len() == text.len() {
        return None;
    }
    UNITS.iter().map(|&(_, u)| u).find(|u| *u == rest)
}

/// Words before `'s` where it means `is` (`it's`); after any other word it is a
/// possessive and goes.
const IS_BEFORE: &[&str] = &[
    "it", "that", "there", "here", "what", "who", "where", "when", "why", "how", "he", "she",
];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

/// A run of the text before contractions and units: its lower-cased text (apostrophes
/// kept as `'`), where it was, and whether a `*` follows it.
pub(super) struct Raw {
    pub(super) text: String,
    pub(super) span: Range<usize>,
    pub(super) star: bool,
}

/// Splits `text` into runs of word characters. An apostrophe between two letters stays
/// in its run (`don't`), and so does a `.` between two digits (`0.5`); a `%` after a
/// number, with or without spaces before it, ends the run (`8 %` is `8%`).
fn raw_words(text: &str) -> Vec<Raw> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_operator_char(chars[i].1) {
            // A run of operator marks is an operator only when it is one as a whole,
            // and a lone `<` or `>` not when it is an arrow's head or tail (`->`, `<-`).
            let start = i;
            while at(i).is_some_and(is_operator_char) {
                i += 1;
            }
            let run: String = chars[start..i].iter().map(|&(_, c)| c).collect();
            let arrow = matches!(run.as_str(), "<" | ">")
                && (at(start.wrapping_sub(1)) == Some('-') || at(i) == Some('-'));
            if OPERATORS.contains(&run.as_str()) && !arrow {
                out.push(Raw {
                    text: run,
                    span: end_of(start)..end_of(i),
                    star: at(i) == Some('*'),
                });
            }
            continue;
        }
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        let mut word = String::new();
        while let Some(c) = at(i) {
            if is_word_char(c) {
                // Lower-casing can give marks that are not word characters (`İ` is `i`
                // and a combining dot): keep only what would be read back as a word.
                word.extend(c.to_lowercase().filter(|&l| is_word_char(l)));
                i += 1;
            } else if is_apostrophe(c)
                && at(i + 1).is_some_and(char::is_alphabetic)
                && at(i.wrapping_sub(1)).is_some_and(char::is_alphabetic)
            {
                word.push('\'');
                i += 1;
            } else if c == '.'
                && at(i + 1).is_some_and(|d| d.is_ascii_digit())
                && at(i.wrapping_sub(1)).is_some_and(|d| d.is_ascii_digit())
                && is_number(&word)
            {
                word.push('.');
                i += 1;
            } else {
                break;
            }
        }
        if is_number(&word) {
            let mut j = i;
            while at(j).is_some_and(|c| c == ' ' || c == '\t') {
                j += 1;
            }
            if at(j) == Some('%') {
                word.push('%');
                i = j + 1;
            }
        }
        let star = at(i) == Some('*');
        if !word.is_empty() {
            out.push(Raw {
                text: word,
                span: end_of(start)..end_of(i),
                star,
            });
        }
    }
    out
}

/// Digits, with decimal points between them.
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn unit(word: &str) -> Option<&'static str> {
    UNITS.iter().find(|(w, _)| *w == word).map(|&(_, u)| u)
}

/// A number with its unit glued on (`200ms`, `3seconds`), written the one way.
fn glued_unit(word: &str) -> Option<String> {
    let digits = word
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(word.len(), |(i, _)| i);
    let (number, rest) = word.split_at(digits);
    if !is_number(number) || rest.is_empty() {
        return None;
    }
    unit(rest).map(|u| format!("{number}{u}"))
}

/// The words a contraction stands for.
fn expand(word: &str) -> Vec<String> {
    let owned = |w: &[&str]| w.iter().map(ToString::to_string).collect();
    if word == "cannot" {
        return owned(&["can", "not"]);
    }
    let Some((base, tail)) = word.rsplit_once('\'') else {
        return vec![word.to_string()];
    };
    let base_words = |b: &str| -> Vec<String> {
        b.split('\'')
            .filter(|p| !p.is_empty())
            .map(ToString::to_string)
            .collect()
    };
    let mut out;
    match tail {
        "t" if base.ends_with('n') => {
            let stem = &base[..base.len() - 1];
            let stem = match stem {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                "ai" => "is",
                s => s,
            };
            out = base_words(stem);
            out.push("not".into());
        }
        "s" if base == "let" => out = owned(&["let", "us"]),
        "s" => {
            out = base_words(base);
            if IS_BEFORE.contains(&base) {
                out.push("is".into());
            }
        }
        "re" | "ve" | "ll" | "d" | "m" => {
            out = base_words(base);
            out.push(
                match tail {
                    "re" => "are",
                    "ve" => "have",
                    "ll" => "will",
                    "d" => "would",
                    _ => "am",
                }
                .into(),
            );
        }
        _ => {
            out = base_words(base);
            out.push(tail.to_string());
        }
    }
    out
}

fn token(text: String, span: Range<usize>, star: bool) -> Token {
    let op = OPERATORS.contains(&text.as_str());
    let stop = op || STOP_WORDS.contains(&text.as_str());
    let percent = text.ends_with('%');
    let unit = unit_of(&text);
    let stem = if op || text.chars().any(|c| c.is_ascii_digit()) {
        text.clone()
    } else {
        STEMMER.stem(&text).into_owned()
    };
    Token {
        text,
        stem,
        stop,
        percent,
        unit,
        star,
        span,
        expression_end: None,
        inside: None,
    }
}

/// The words of `text`, normalised as the module docs say.
pub fn tokens(text: &str) -> Vec<Token> {
    // Contractions first, so that a unit is looked for among the words they give.
    let words: Vec<Raw> = raw_words(text)
        .into_iter()
        .flat_map(|raw| {
            let parts = expand(&raw.text);
            let last = parts.len().saturating_sub(1);
            parts.into_iter().enumerate().map(move |(k, part)| Raw {
                text: part,
                span: raw.span.clone(),
                star: raw.star && k == last,
            })
        })
        .collect();
    // Big-O expressions before units, so that a unit never joins a number inside one
    // to a word after it.
    let mut expressions = complexity::find(text, &words).into_iter().peekable();
    let mut out: Vec<Token> = Vec::with_capacity(words.len());
    // The expression being read: its token's index and the word after its inside.
    let mut within: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < words.len() {
        if within.is_some_and(|(_, end)| i >= end) {
            within = None;
        }
        if within.is_none()
            && let Some(e) = expressions.next_if(|e| e.first == i)
        {
            let mut head = token(e.text.clone(), e.opening.clone(), false);
            head.stem.clone_from(&head.text);
            head.stop = false;
            head.percent = false;
            head.unit = None;
            head.expression_end = Some(e.end);
            out.push(head);
            within = Some((out.len() - 1, e.inside.end));
            i = e.inside.start;
            continue;
        }
        // A number and its unit are one word only within one expression or outside all.
        let limit = within.map_or_else(
            || expressions.peek().map_or(words.len(), |e| e.first),
            |(_, end)| end,
        );
        let near = |k: usize| words.get(i + k).filter(|_| i + k < limit);
        let word = &words[i];
        let inside = within.map(|(at, _)| at);
        // A number and the unit word after it are one word: `8 percent`, `3 s`.
        if is_number(&word.text) {
            let next = near(1);
            let per_cent =
                next.is_some_and(|n| n.text == "per") && near(2).is_some_and(|n| n.text == "cent");
            if per_cent {
                let mut t = token(
                    format!("{}%", word.text),
                    word.span.start..words[i + 2].span.end,
                    words[i + 2].star,
                );
                t.inside = inside;
                out.push(t);
                i += 3;
                continue;
            }
            if let Some((next, u)) = next.and_then(|n| unit(&n.text).map(|u| (n, u))) {
                let mut t = token(
                    format!("{}{u}", word.text),
                    word.span.start..next.span.end,
                    next.star,
                );
                t.inside = inside;
                out.push(t);
                i += 2;
                continue;
            }
        }
        let text = glued_unit(&word.text).unwrap_or_else(|| word.text.clone());
        let mut t = token(text, word.span.clone(), word.star);
        t.inside = inside;
        out.push(t);
        i += 1;
    }
    out
}

/// The normal form of `text`: its words, space-separated, a big-O expression as one
/// (its inside's words left out). Normalising it again gives the same string. (What
/// the normalising tests compare.)
#[cfg(test)]
pub fn normal_form(text: &str) -> String {
    tokens(text)
        .into_iter()
        .filter(|t| t.inside.is_none())
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.text).collect()
    }

    fn stems(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn contractions_are_written_out() {
        for (text, want) in [
            ("can't", "can not"),
            ("cannot", "can not"),
            ("can not", "can not"),
            ("CAN\u{2019}T", "can not"),
            ("don't", "do not"),
            ("won't", "will not"),
            ("isn't", "is not"),
            ("doesn't", "does not"),
            ("it's", "it is"),
            ("that's", "that is"),
            ("let's", "let us"),
            ("they're", "they are"),
            ("we've", "we have"),
            ("you'll", "you will"),
            ("I'd", "i would"),
            ("I'm", "i am"),
            ("Python's GIL", "python gil"),
            ("o'clock", "o clock"),
            ("'quoted'", "quoted"),
        ] {
            assert_eq!(normal_form(text), want, "{text:?}");
        }
    }

    #[test]
    fn hyphens_and_punctuation_separate_words() {
        assert_eq!(texts("check-then-act"), ["check", "then", "act"]);
        assert_eq!(texts("popitem(last=False)"), ["popitem", "last", "false"]);
        assert_eq!(
            texts("perf_counter() vs __name__"),
            ["perf_counter", "vs", "__name__"]
        );
    }

    #[test]
    fn numbers_keep_their_unit() {
        for (text, want) in [
            ("fell from 8% to 0.5%", "fell from 8% to 0.5%"),
            ("8 %", "8%"),
            ("8 percent", "8%"),
            ("8 per cent", "8%"),
            ("200ms", "200ms"),
            ("200 ms", "200ms"),
            ("200 milliseconds", "200ms"),
            ("3 s", "3s"),
            ("3 seconds", "3s"),
            ("3seconds", "3s"),
            ("1.5 hours", "1.5h"),
            ("10x faster", "10x faster"),
            ("version 3.13.", "version 3.13"),
            ("a.b 1. 2", "a b 1 2"),
            ("s3 bucket", "s3 bucket"),
        ] {
            assert_eq!(normal_form(text), want, "{text:?}");
        }
        let t = tokens("up 8%");
        assert!(t[1].percent && !t[0].percent);
        // The span covers the number and its unit word.
        let text = "took 3 seconds";
        let t = tokens(text);
        assert_eq!(&text[t[1].span.clone()], "3 seconds");
    }

    #[test]
    fn stems_join_forms_of_a_word() {
        assert_eq!(stems("internally internal"), ["intern", "intern"]);
        assert_eq!(stems("sleeping sleep"), ["sleep", "sleep"]);
        assert_eq!(stems("releases released release"), ["releas"; 3]);
        assert_eq!(stems("8%"), ["8%"]);
        // Its limits, as README.md says: unrelated words joined, related ones apart.
        assert_eq!(stems("generate generator"), ["generat", "generat"]);
        assert_eq!(stems("dictionary dict"), ["dictionari", "dict"]);
    }

    #[test]
    fn stop_words_are_marked() {
        let t = tokens("when it is called, not the one");
        let stop: Vec<bool> = t.iter().map(|t| t.stop).collect();
        assert_eq!(stop, [false, true, true, false, false, true, false]);
    }

    #[test]
    fn operators_are_words_marked_stop() {
        for (text, want) in [
            ("while lo <= hi", "while lo <= hi"),
            ("while lo<=hi", "while lo <= hi"),
            ("if a != b", "if a != b"),
            ("a == b, a = b", "a == b a b"),
            ("count++", "count ++"),
            ("end >= start > 0", "end >= start > 0"),
            ("char -> child <- parent", "char child parent"),
            ("x => y, >>> z, a << b, a === b", "x y z a b a b"),
            ("C++ and n+1", "c ++ and n 1"),
        ] {
            assert_eq!(normal_form(text), want, "{text:?}");
        }
        let t = tokens("lo <= hi");
        assert!(t[1].op() && t[1].stop && !t[0].op() && !t[0].stop);
        assert_eq!(t[1].stem, "<=");
    }

    #[test]
    fn stars_mark_prefixes() {
        let t = tokens("evict* the \"double book*\"");
        let star: Vec<bool> = t.iter().map(|t| t.star).collect();
        assert_eq!(star, [true, false, false, true]);
    }

    #[test]
    fn odd_unicode_lowercases_to_words_only() {
        assert_eq!(normal_form("İSTANBUL"), "istanbul");
        assert_eq!(normal_form("ÉTÉ"), "été");
        assert_eq!(normal_form(""), "");
        assert_eq!(normal_form("*** -- '"), "");
    }

    /// Text that exercises every rule: words, contractions, numbers, units, stars,
    /// hyphens, odd Unicode and whitespace, in any mix.
    fn texty() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            any::<String>(),
            "[a-zA-Z]{1,8}",
            Just("can't".to_string()),
            Just("it\u{2019}s".to_string()),
            Just("'".to_string()),
            "[0-9]{1,3}(\\.[0-9]{1,2})?",
            Just("%".to_string()),
            Just(" per cent".to_string()),
            Just("ms".to_string()),
            Just(" s".to_string()),
            Just("*".to_string()),
            Just("-".to_string()),
            Just(".".to_string()),
            Just("İ".to_string()),
            Just("<=".to_string()),
            Just("<".to_string()),
            Just(">".to_string()),
            Just("!".to_string()),
            Just("=".to_string()),
            Just("++".to_string()),
            "[ \t\n]{1,3}",
            // Big-O expressions, whole and in pieces.
            Just("O(n log n)".to_string()),
            Just("o".to_string()),
            Just(" O".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(" of ".to_string()),
            Just("big ".to_string()),
            Just("I/".to_string()),
            Just("\u{b2}".to_string()),
            Just(" n".to_string()),
            Just("log".to_string()),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn normal_form_is_idempotent(text in texty()) {
            let once = normal_form(&text);
            proptest::prop_assert_eq!(normal_form(&once), once.clone());
            // Spans always fall on character boundaries of the text.
            for t in tokens(&text) {
                proptest::prop_assert!(text.get(t.span.clone()).is_some());
            }
        }
    }
}
