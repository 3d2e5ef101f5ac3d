//! Where an answer's sentences end, read from the text between two of its words. A
//! phrase is said within one sentence (`quiz::phrase`), a `said` entry's `&` parts in
//! one sentence (`quiz::said`), and a negation reaches no further than its clause
//! (`quiz::negation`): all three ask this module.
//!
//! A sentence ends at a mark ([`PHRASE_ENDS`] for phrases, [`SENTENCE_ENDS`] for `&`
//! parts) followed by a space, possibly after closing brackets and quotes (`done.)
//! Then`, `“done.” Then`), where it follows the word before it. So a mark that touches
//! the next word ends nothing: the dots of `multiprocessing.Pool`, `3.11`,
//! `config.yaml` and `O(n.log n)`; nor does one standing alone (Rust's `?` in "return
//! with ? skips the Drop"). Nor does the dot after an abbreviation ([`ABBREVIATIONS`]:
//! `e.g.`, `i.e.`, `vs.`, ...); `etc.` ends one only when the next word starts with a
//! capital. A `;` between statements of code (`total += seen[target - x]; seen[x] +=
//! 1`: one of the two holds a `=`) ends nothing either: the order of statements is
//! what such an answer says.
//!
//! A line break ends a sentence too, unless it only wraps running text: the line
//! before it is [`WRAP_WIDTH`] characters or longer and the next line goes on without
//! a list marker (`-`, `*`, `•`, `1.`, `2)`). A deck's model answers and spoken answers
//! are YAML blocks wrapped at about 80 columns, and a pasted paragraph may be too,
//! while a learner who presses Enter in the answer editor (which wraps by itself)
//! mostly ends a line of a list. A blank line always ends a sentence.

use std::ops::Range;

/// Marks that end a sentence for a phrase: `;` too, since a candidate lists separate
/// points with it ("use a deque; popleft is O(1)"). `,` and `:` are not: measured on
/// the bundled deck, making them ends turned right examples wrong and caught no wrong
/// one (README.md, "How recall answers are scored").
pub const PHRASE_ENDS: &[char] = &['.', '!', '?', ';'];

/// Marks that end a sentence for a `said` entry's `&` parts: a `;` joins the clauses
/// of one sentence there ("I wrote a decorator; each call is timed").
pub const SENTENCE_ENDS: &[char] = &['.', '!', '?'];

/// Words whose dot does not end a sentence, lower case, as written before the dot.
pub const ABBREVIATIONS: &[&str] = &[
    "e.g", "eg", "i.e", "ie", "vs", "cf", "viz", "a.k.a", "aka", "approx", "incl", "resp", "al",
];

/// The shortest line, in characters, that a line break after it may merely wrap.
pub const WRAP_WIDTH: usize = 40;

/// An abbreviation that also ends sentences: it ends one when a capital follows.
const ETC: &str = "etc";

/// What may stand between a mark and the space after it.
fn closes(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '\'' | '\u{2019}' | '\u{201d}' | '\u{bb}' | '.' | '!' | '?'
    )
}

/// Whether `gap`, the bytes of `text` between two words, ends a sentence, with `marks`
/// as the marks that can end one (see the module docs).
pub fn ends(text: &str, gap: Range<usize>, marks: &[char]) -> bool {
    let Some(between) = text.get(gap.clone()) else {
        return false;
    };
    if between.contains('\n') {
        return !wraps(text, gap);
    }
    // Most gaps are a space: no mark, no sentence end, nothing to collect.
    if !between.contains(marks) {
        return false;
    }
    // One pass each way rather than a scan per mark: a gap of a hundred thousand dots
    // after a bracket took seconds per call.
    let chars: Vec<(usize, char)> = between.char_indices().collect();
    // Whether a space follows each mark, possibly after closing brackets and quotes.
    let mut spaced = vec![false; chars.len()];
    let mut next = None;
    for (n, &(_, c)) in chars.iter().enumerate().rev() {
        spaced[n] = next.is_some_and(char::is_whitespace);
        if !closes(c) {
            next = Some(c);
        }
    }
    let before = &text[..gap.start];
    let mut last = before.chars().next_back();
    // Nor do the dots of an ellipsis that opens a bracket: `d.update({...}) or`.
    let mut ellipsis = before.trim_end_matches('.').ends_with(['(', '[', '{']);
    for (n, &(i, c)) in chars.iter().enumerate() {
        let at = gap.start + i;
        let attached = last.is_some_and(|c| !c.is_whitespace()) && !ellipsis;
        if marks.contains(&c)
            && spaced[n]
            && attached
            && !(c == '.' && abbreviation(text, at, gap.end))
            && !(c == ';' && code(text, at))
        {
            return true;
        }
        if c != '.' {
            ellipsis = matches!(c, '(' | '[' | '{');
        }
        last = Some(c);
    }
    false
}

/// Whether the `;` at byte `at` of `text` separates statements of code: the stretch
/// before it or after it, up to the next `;`, line break or end of a sentence, holds a
/// `=` (`x = 1; y += x`).
fn code(text: &str, at: usize) -> bool {
    let stop = |c: char| matches!(c, ';' | '\n' | '!' | '?');
    let before = text.get(..at).unwrap_or_default();
    let after = text.get(at + 1..).unwrap_or_default();
    let back = before.rsplit(stop).next().unwrap_or_default();
    let back = back.rsplit(". ").next().unwrap_or_default();
    let ahead = after.split(stop).next().unwrap_or_default();
    let ahead = ahead.split(". ").next().unwrap_or_default();
    back.contains('=') || ahead.contains('=')
}

/// Whether the line break in `gap` (one of `text`'s gaps between two words) only wraps
/// running text: one break, after a line of [`WRAP_WIDTH`] characters or more, before a
/// line that starts with no list marker.
fn wraps(text: &str, gap: Range<usize>) -> bool {
    let (Some(before), Some(after)) = (text.get(..gap.start), text.get(gap.start..)) else {
        return false;
    };
    let line = before.rsplit('\n').next().unwrap_or_default().trim();
    let next = after
        .split_once('\n')
        .map_or("", |(_, rest)| rest)
        .trim_start_matches([' ', '\t', '\r']);
    let one_break = after
        .get(..gap.end - gap.start)
        .unwrap_or_default()
        .matches('\n')
        .count()
        == 1;
    one_break && line.chars().count() >= WRAP_WIDTH && !list_item(next)
}

/// Whether a line starts with a list marker: a bullet, or a number or letter and `.` or
/// `)` before a space.
fn list_item(line: &str) -> bool {
    if line.starts_with([
        '-', '*', '+', '\u{2022}', '\u{b7}', '\u{2013}', '\u{2014}', '>',
    ]) {
        return true;
    }
    let label = line
        .find(|c: char| !c.is_alphanumeric())
        .map_or(line, |end| &line[..end]);
    let rest = &line[label.len()..];
    let short = label.chars().all(|c| c.is_ascii_digit()) || label.chars().count() == 1;
    !label.is_empty()
        && short
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(')'))
}

/// Whether the dot at byte `dot` of `text` closes an abbreviation (`e.g.`), which
/// ends no sentence; `etc.` does when the word at byte `next` starts with a capital.
fn abbreviation(text: &str, dot: usize, next: usize) -> bool {
    let before = text.get(..dot).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[start..].trim_start_matches('.').to_lowercase();
    if word == ETC {
        let capital = text
            .get(next..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase);
        return !capital;
    }
    ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the text between `one` and `two` in `text` ends a sentence.
    fn ends_after_first(text: &str, marks: &[char]) -> bool {
        ends(text, 3..text.find("two").unwrap_or_default(), marks)
    }

    #[test]
    fn marks_before_a_space_end_a_sentence() {
        for text in [
            "one. two",
            "one! two",
            "one? two",
            "one; two",
            "one\ntwo",
            "one.\ttwo",
            "one.) two",
            "one.\" two",
            "one... two",
            "one?! two",
            "one.\u{201d} two",
        ] {
            assert!(ends_after_first(text, PHRASE_ENDS), "{text:?}");
        }
        for text in [
            "one.two",
            "one two",
            "one, two",
            "one: two",
            "one - two",
            "one (two",
            "one;two",
            "one!=two",
            "one.\"two",
            "one ? two",
            "one . two",
        ] {
            assert!(!ends_after_first(text, PHRASE_ENDS), "{text:?}");
        }
        assert!(!ends_after_first("one; two", SENTENCE_ENDS));
        assert!(ends_after_first("one\ntwo", SENTENCE_ENDS));
    }

    #[test]
    fn a_line_break_ends_a_sentence_unless_it_wraps_running_text() {
        let long = "a line of running text, forty characters or more, ends in one";
        let at = |text: &str| {
            let start = text.find("one").unwrap_or_default() + 3;
            ends(
                text,
                start..text.find("two").unwrap_or_default(),
                PHRASE_ENDS,
            )
        };
        // A wrap: a long line, then more of the sentence.
        assert!(!at(&format!("{long}\ntwo")));
        assert!(!at(&format!("{long}\n   two")));
        // A short line, a blank line or a list item: an end.
        assert!(at("one\ntwo"));
        assert!(at(&format!("{long}\n\ntwo")));
        assert!(at(&format!("{long}\n- two")));
        assert!(at(&format!("{long}\n  * two")));
        assert!(at(&format!("{long}\n\u{2022} two")));
        // A numbered item's number is a word: the break before it ends the sentence.
        let text = format!("{long}\n2. two");
        let start = text.find("one").unwrap_or_default() + 3;
        assert!(ends(&text, start..start + 1, PHRASE_ENDS));
        let text = format!("{long}\nb) two");
        assert!(ends(&text, start..start + 1, PHRASE_ENDS));
        // A word after the break that only starts like a label is no list.
        let text = format!("{long}\nO(k) two");
        assert!(!ends(&text, start..start + 1, PHRASE_ENDS));
    }

    #[test]
    fn a_semicolon_between_statements_of_code_ends_nothing() {
        assert!(!ends_after_first("one = seen[x]; two += 1", PHRASE_ENDS));
        assert!(!ends_after_first("one; two += 1", PHRASE_ENDS));
        // Code in another sentence does not count.
        assert!(ends("x = 1. one; two", 10..12, PHRASE_ENDS));
        assert!(ends_after_first(
            "one; two is O(1). Then x = 1",
            PHRASE_ENDS
        ));
        assert!(ends_after_first("one; two", PHRASE_ENDS));
    }

    #[test]
    fn abbreviations_end_nothing_but_etc_before_a_capital() {
        for text in [
            "x e.g. y",
            "x i.e. y",
            "x vs. y",
            "x E.G. y",
            "x (e.g. y",
            "x eg. y",
        ] {
            let dot = text.find(". ").unwrap_or_default();
            assert!(!ends(text, dot..dot + 2, PHRASE_ENDS), "{text:?}");
        }
        assert!(!ends("x etc. y", 5..7, PHRASE_ENDS));
        assert!(ends("x etc. Y", 5..7, PHRASE_ENDS));
        // A word that only ends like an abbreviation ends a sentence.
        assert!(ends("x video. y", 7..9, PHRASE_ENDS));
    }

    proptest::proptest! {
        /// Any text and any range: no panic.
        #[test]
        fn any_range_of_any_text(text in "\\PC{0,30}", a in 0usize..40, b in 0usize..40) {
            let _ = ends(&text, a..b, PHRASE_ENDS);
            let _ = ends(&text, a.min(b)..a.max(b), SENTENCE_ENDS);
        }
    }
}
