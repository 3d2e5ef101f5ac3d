//! Big-O expressions in recall answers and phrases: `O(n log n)` is one word, written
//! one way, so a phrase `O(n)` is never found in `O(log n)` (see README.md, "How recall
//! answers are scored").
//!
//! An expression starts at the word `o` (`O`, or `Θ`/`theta`, the same bound for an
//! answer; `Ω`/`omega` is another, written `ω`), optionally after `big`:
//! - with brackets: `O(n log n)`, `O (1)`, `big-O(V + E)`: everything up to the
//!   matching bracket;
//! - without them, as phrases and spoken answers write it: `o n`, `o log n`, `o of n`,
//!   `big o of n squared` (`Θ` and `Ω` only with `of`): the run of words that can be in
//!   one (single letters other than `a`, `i` and `o`, two consonants such as `mn`,
//!   numbers, `log`, `nlogn`, `n²`, with `squared`, `cubed`, `times`, `plus` and
//!   `+ - * / ^ ·` between them). `rows cols` is not such a run: `o rows cols` stays
//!   three words, `O(rows x cols)` is an expression. Between `o` (or `of`) and the
//!   first word any punctuation may stand, so that an answer's words read the same
//!   once written out (`tokens::normal_form`).
//!
//! Not after `I` (`I/O`). The expression's inside is written the one way ([`canonical`]):
//! lower case; `lg` and `ln` are `log`; `nlogn` is `n log n`; `*`, `·`, `×`, `times`,
//! and `x` between two terms are a product, written as a space; `mn` (inside brackets
//! any two letters: `VE`) is `m n`; `n²`,
//! `n^2`, `n**2` and `n squared` are `n^2`; `plus` is `+`, and the terms of a sum are
//! sorted (`O(E + V)` is `O(V + E)`); brackets and commas go. So `O(n log n)`,
//! `O(nlogn)`, `O(n*log(n))` and `o n lg n` are all `o(n log n)`.
//!
//! The expression is one token, in place of its `o`, whose text and stem are the
//! expression (`o(n log n)`), and only the same expression matches it. Its inside's
//! words stay, after it, as they would be without this rule, marked as inside it, but
//! no phrase is found among them: a phrase without an `o` that is an expression's body
//! (`log k`, `n log n`) makes that expression, as a whole (`quiz::phrase`). So `log k`
//! is in `O(log k)` but not in `O(n log k)`, and no gap of a phrase enters or leaves an
//! expression. A product's factors are put in one order, the others sorted, then the
//! logs (`log(n) * n` is `n log n`).

use std::ops::Range;

use super::tokens::Raw;

/// How an expression opens: its marker as written in the token, and whether it may go
/// without brackets and without `of` (`o n`).
fn marker(word: &str) -> Option<(&'static str, bool)> {
    match word {
        "o" => Some(("o", true)),
        "θ" | "theta" => Some(("o", false)),
        "ω" | "omega" => Some(("ω", false)),
        _ => None,
    }
}

/// Letters a two-letter product is made of (`mn`, `rc`): consonants only, so that no
/// English word of two letters is read as one.
const CONSONANTS: &str = "bcdfghjklmnpqrstvwxz";

/// Superscript digits, as the digit they raise to.
fn superscript(c: char) -> Option<char> {
    Some(match c {
        '\u{2070}' => '0',
        '\u{b9}' => '1',
        '\u{b2}' => '2',
        '\u{b3}' => '3',
        '\u{2074}' => '4',
        '\u{2075}' => '5',
        '\u{2076}' => '6',
        '\u{2077}' => '7',
        '\u{2078}' => '8',
        '\u{2079}' => '9',
        _ => return None,
    })
}

/// `nlogn`, `logn`, `klogk`, `nlgn`: the letters around `log` (consonants, so that
/// `algo` is no such word).
fn log_word(word: &str) -> Option<(&str, &str)> {
    let (at, len) = word
        .find("log")
        .map(|at| (at, 3))
        .or_else(|| word.find("lg").map(|at| (at, 2)))?;
    let (before, after) = (&word[..at], &word[at + len..]);
    let letter = |s: &str| s.len() == 1 && s.chars().all(|c| CONSONANTS.contains(c));
    ((before.is_empty() || letter(before)) && letter(after)).then_some((before, after))
}

/// `nlog`, `nlg`: a consonant glued to a `log` whose argument follows it (`nlog(n)`).
fn log_prefix(word: &str) -> Option<&str> {
    let before = word
        .strip_suffix("log")
        .or_else(|| word.strip_suffix("lg"))?;
    (before.len() == 1 && before.chars().all(|c| CONSONANTS.contains(c))).then_some(before)
}

/// A product's factors in one order, the others sorted and then every logarithm, in
/// its order: `log(n) * n` is `n log n`, as `n log n` is, and `L^2 N` is `n l^2`. A
/// `log` (or `log^2`) takes the word after it as its argument, through further logs
/// (`log log n`).
fn logs_last(term: &str) -> String {
    let words: Vec<&str> = term.split(' ').collect();
    let is_log = |w: &str| w == "log" || w.starts_with("log^");
    // Only a product of plain factors (`n`, `k^2`, `log n`); a quotient, a difference
    // or a `log` with nothing after it stays as written.
    let plain_word = |w: &str| {
        let (base, power) = w.split_once('^').unwrap_or((w, "x"));
        let alnum =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        alnum(base) && alnum(power)
    };
    // An `x` stays where it is: between two words it would be read as a product sign.
    if !words.iter().all(|w| plain_word(w) && *w != "x") || words.last().is_some_and(|w| is_log(w))
    {
        return term.to_string();
    }
    let (mut plain, mut logs): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < words.len() {
        if is_log(words[k]) {
            let mut factor = vec![words[k]];
            k += 1;
            while k < words.len() {
                factor.push(words[k]);
                k += 1;
                if !is_log(factor[factor.len() - 1]) {
                    break;
                }
            }
            logs.push(factor.join(" "));
        } else {
            plain.push(words[k].to_string());
            k += 1;
        }
    }
    plain.sort_unstable();
    plain.extend(logs);
    plain.join(" ")
}

/// Two consonants, a product (`mn` is `m n`).
fn two_letters(word: &str) -> bool {
    word.len() == 2 && word.chars().all(|c| CONSONANTS.contains(c)) && word != "lg"
}

/// Whether a word can be a term of an expression written without brackets (see the
/// module docs).
fn term(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    let single = first.is_some_and(|c| c.is_ascii_lowercase() && !"aio".contains(c));
    let rest: String = chars.collect();
    (single && (rest.is_empty() || rest.chars().all(|c| superscript(c).is_some())))
        || (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.'))
        || matches!(word, "log" | "lg" | "ln" | "one")
        || log_word(word).is_some()
        || two_letters(word)
}

/// One piece of an expression's inside.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Word(String),
    Plus,
    Minus,
    Div,
    Pow,
    Times,
}

/// The inside of an expression, split into words and operators.
fn lex(inside: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, items: &mut Vec<Item>| {
        if !word.is_empty() {
            items.push(Item::Word(std::mem::take(word)));
        }
    };
    let mut chars = inside.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(digit) = superscript(c) {
            flush(&mut word, &mut items);
            items.push(Item::Pow);
            let mut power = String::from(digit);
            while let Some(d) = chars.peek().copied().and_then(superscript) {
                power.push(d);
                chars.next();
            }
            items.push(Item::Word(power));
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.extend(
                c.to_lowercase()
                    .filter(|&l| l.is_alphanumeric() || l == '_'),
            );
            continue;
        }
        flush(&mut word, &mut items);
        let item = match c {
            '+' => Item::Plus,
            '-' | '\u{2212}' => Item::Minus,
            '/' => Item::Div,
            '^' => Item::Pow,
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                Item::Pow
            }
            '*' | '\u{b7}' | '\u{d7}' | '\u{22c5}' | '\u{2219}' => Item::Times,
            _ => continue,
        };
        items.push(item);
    }
    flush(&mut word, &mut items);
    // Words that are operators or several terms.
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Item::Word(w) = item else {
            out.push(item);
            continue;
        };
        let word = |s: &str| Item::Word(s.to_string());
        match w.as_str() {
            "lg" | "ln" => out.push(word("log")),
            "one" => out.push(word("1")),
            "squared" => out.extend([Item::Pow, word("2")]),
            "cubed" => out.extend([Item::Pow, word("3")]),
            "plus" => out.push(Item::Plus),
            "times" => out.push(Item::Times),
            w if log_word(w).is_some() => {
                if let Some((before, after)) = log_word(w) {
                    if !before.is_empty() {
                        out.push(word(before));
                    }
                    out.extend([word("log"), word(after)]);
                }
            }
            // `nlog(n)`: a letter glued to a `log` whose argument follows.
            w if log_prefix(w).is_some() => {
                if let Some(before) = log_prefix(w) {
                    out.extend([word(before), word("log")]);
                }
            }
            // Inside brackets any two letters are a product (`VE`); without them only
            // consonants come here (`term`).
            w if w.len() == 2 && w.chars().all(|c| c.is_ascii_lowercase()) => {
                out.extend(w.chars().map(|c| Item::Word(c.to_string())));
            }
            _ => out.push(Item::Word(w)),
        }
    }
    out
}

/// Whether the `x` at `items[k]` is a product sign: a word stands on each side of it,
/// past other product signs.
fn product_sign(items: &[Item], k: usize) -> bool {
    let word = |found: Option<&Item>| matches!(found, Some(Item::Word(_)));
    word(items[..k].iter().rev().find(|i| **i != Item::Times))
        && word(items[k + 1..].iter().find(|i| **i != Item::Times))
}

/// The inside of an expression written the one way (see the module docs); normalising
/// it again changes nothing.
pub fn canonical(inside: &str) -> String {
    let items = lex(inside);
    let mut terms: Vec<String> = Vec::new();
    let mut term = String::new();
    let mut glue = false;
    for (k, item) in items.iter().enumerate() {
        match item {
            Item::Word(w) if w == "x" && product_sign(&items, k) => {}
            Item::Word(w) => {
                if !glue && !term.is_empty() {
                    term.push(' ');
                }
                term.push_str(w);
                glue = false;
            }
            Item::Pow => {
                term.push('^');
                glue = true;
            }
            Item::Times => {}
            Item::Minus | Item::Div => {
                if !term.is_empty() {
                    term.push(' ');
                }
                term.push(if *item == Item::Minus { '-' } else { '/' });
                glue = false;
            }
            Item::Plus => {
                terms.push(std::mem::take(&mut term));
                glue = false;
            }
        }
    }
    terms.push(term);
    terms.retain(|t| !t.is_empty());
    let mut terms: Vec<String> = terms.iter().map(|t| logs_last(t)).collect();
    terms.sort_unstable();
    terms.join(" + ")
}

/// The byte just after the bracket that closes the one at `open` in `text`, if any.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.get(open..)?.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `between`, the text between two words of an expression written without
/// brackets, only joins them: spaces and operators.
fn joins(between: &str) -> bool {
    between.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '+' | '-'
                    | '*'
                    | '/'
                    | '^'
                    | '('
                    | ')'
                    | '\u{b7}'
                    | '\u{d7}'
                    | '\u{22c5}'
                    | '\u{2212}'
            )
    })
}

/// The text between words `a` and `b` (empty when they overlap, as the words of one
/// contraction do).
fn between<'t>(text: &'t str, words: &[Raw], a: usize, b: usize) -> &'t str {
    text.get(words[a].span.end..words[b].span.start)
        .unwrap_or_default()
}

/// The expression written without brackets from word `k`: the index after its last
/// word, if it has one.
fn run_from(text: &str, words: &[Raw], k: usize) -> Option<usize> {
    if !words.get(k).is_some_and(|w| term(&w.text)) {
        return None;
    }
    let mut end = k + 1;
    loop {
        let next = |at: usize| {
            words
                .get(at)
                .filter(|_| joins(between(text, words, at - 1, at)))
                .map(|w| w.text.as_str())
        };
        match next(end) {
            Some("squared" | "cubed") => end += 1,
            Some("times" | "plus") if next(end + 1).is_some_and(term) => end += 2,
            Some(w) if term(w) => end += 1,
            _ => return Some(end),
        }
    }
}

/// A big-O expression among the words of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Expression {
    /// Its first word: `big`, or its marker (`o`).
    pub first: usize,
    /// The words inside it.
    pub inside: Range<usize>,
    /// Its token's text: `o(n log n)`.
    pub text: String,
    /// Where its opening words are (`big O of`), in bytes of the text.
    pub opening: Range<usize>,
    /// The byte after it.
    pub end: usize,
}

/// Every big-O expression among `words` of `text`, in order (see the module docs).
pub(super) fn find(text: &str, words: &[Raw]) -> Vec<Expression> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < words.len() {
        let Some(mut found) = at(text, words, i) else {
            i += 1;
            continue;
        };
        while found.first > from && words[found.first - 1].text == "big" {
            found.first -= 1;
            found.opening.start = words[found.first].span.start;
        }
        if found.first > 0 && words[found.first - 1].text == "i" {
            i += 1;
            continue;
        }
        i = found.inside.end.max(i + 1);
        from = i;
        out.push(found);
    }
    out
}

/// The expression whose marker is word `i` of `words`, if one is.
fn at(text: &str, words: &[Raw], i: usize) -> Option<Expression> {
    let (marker, bare) = marker(&words[i].text)?;
    let after = words[i].span.end;
    let rest = text.get(after..)?;
    let open = after + (rest.len() - rest.trim_start().len());
    if text[open..].starts_with('(')
        && let Some(end) = closing(text, open)
    {
        let canonical = canonical(&text[open + 1..end - 1]);
        if !canonical.is_empty() {
            let first_after = words[i + 1..]
                .iter()
                .position(|w| w.span.start >= end)
                .map_or(words.len(), |p| i + 1 + p);
            return Some(Expression {
                first: i,
                inside: i + 1..first_after,
                text: format!("{marker}({canonical})"),
                opening: words[i].span.clone(),
                end,
            });
        }
    }
    let of = words.get(i + 1).is_some_and(|w| w.text == "of");
    if !bare && !of {
        return None;
    }
    let first = i + 1 + usize::from(of);
    let last = run_from(text, words, first)?;
    let (from, end) = (words[first].span.start, words[last - 1].span.end);
    let canonical = canonical(text.get(from..end).unwrap_or_default());
    (!canonical.is_empty()).then(|| Expression {
        first: i,
        inside: first..last,
        text: format!("{marker}({canonical})"),
        opening: words[i].span.start..words[first - 1].span.end,
        end,
    })
}

/// Whether `phrase` (an accepted phrase, a misconception's, a synonym) has a word `o`
/// that opens no expression and is not the `O` of `I/O`: it would match the letter
/// only, never `O(rows x cols)` in an answer (`check` reports it).
pub fn lone_o(phrase: &str) -> bool {
    let tokens = super::tokens::tokens(phrase);
    tokens
        .iter()
        .enumerate()
        .any(|(i, t)| t.text == "o" && t.inside.is_none() && (i == 0 || tokens[i - 1].text != "i"))
}

/// What `check` says of a phrase with a [`lone_o`].
pub const LONE_O: &str = "`o` here opens no big-O expression, so it only matches the letter o: \
     write the expression in brackets (`O(rows x cols)`), or as `o n`, `o log n`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_expression_written_many_ways_is_one_canonical_form() {
        for (inside, want) in [
            ("n log n", "n log n"),
            ("nlogn", "n log n"),
            ("n*log(n)", "n log n"),
            ("N lg N", "n log n"),
            ("n \u{b7} log n", "n log n"),
            ("n²", "n^2"),
            ("n^2", "n^2"),
            ("n ** 2", "n^2"),
            ("n squared", "n^2"),
            ("V + E", "e + v"),
            ("E plus V", "e + v"),
            ("rows x cols", "cols rows"),
            ("rows \u{d7} cols", "cols rows"),
            ("m*n", "m n"),
            ("mn", "m n"),
            ("VE", "e v"),
            ("m times n", "m n"),
            ("x", "x"),
            ("1", "1"),
            ("one", "1"),
            ("|s| + |t|", "s + t"),
            ("min(n, k)", "k min n"),
            ("N\u{b7}K log K", "k n log k"),
            ("N\u{b2}\u{b7}L", "l n^2"),
            ("nlog(n)", "n log n"),
            ("log(n) * n", "n log n"),
            ("log k n", "n log k"),
            ("L^2 * N", "l^2 n"),
            ("log log n", "log log n"),
            ("log^2 n", "log^2 n"),
            ("n log n log n", "n log n log n"),
            ("", ""),
            ("()", ""),
        ] {
            assert_eq!(canonical(inside), want, "{inside:?}");
        }
    }

    /// The answer's words as tokens write them: `(text, inside)`.
    fn words(text: &str) -> Vec<(String, Option<usize>)> {
        crate::quiz::tokens::tokens(text)
            .into_iter()
            .map(|t| (t.text, t.inside))
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn an_expression_is_one_token_with_its_words_inside() {
        let w = |s: &str, inside: Option<usize>| (s.to_string(), inside);
        assert_eq!(
            words("sort: O(n log n) time"),
            [
                w("sort", None),
                w("o(n log n)", None),
                w("n", Some(1)),
                w("log", Some(1)),
                w("n", Some(1)),
                w("time", None),
            ]
        );
        let text = "it is big O of n squared, fine";
        let t = crate::quiz::tokens::tokens(text);
        let e = t.iter().position(|t| t.text == "o(n^2)").expect("one");
        assert_eq!(&text[t[e].span.clone()], "big O of");
        assert_eq!(t[e].expression_end, Some(text.find(',').unwrap()));
        assert_eq!(t[e].stem, "o(n^2)");
        assert!(!t[e].stop);
    }

    #[test]
    fn written_with_brackets_or_without() {
        for (text, want) in [
            ("O(n)", "o(n)"),
            ("O (N)", "o(n)"),
            ("o n", "o(n)"),
            ("o of n", "o(n)"),
            ("big O of n", "o(n)"),
            ("Big-O(n)", "o(n)"),
            ("O(nlogn)", "o(n log n)"),
            ("o n lg n", "o(n log n)"),
            ("o log n", "o(log n)"),
            ("o n times m", "o(m n)"),
            ("o n + k", "o(k + n)"),
            ("o k log k", "o(k log k)"),
            ("o mn", "o(m n)"),
            ("o n\u{b2}", "o(n^2)"),
            ("o of n squared", "o(n^2)"),
            ("\u{398}(n)", "o(n)"),
            ("theta of n", "o(n)"),
            ("\u{3a9}(n log n)", "\u{3c9}(n log n)"),
            ("O(V + E)", "o(e + v)"),
            ("O(rows x cols)", "o(cols rows)"),
            ("O(min(n, k))", "o(k min n)"),
        ] {
            assert_eq!(
                texts(text).first().map(String::as_str),
                Some(want),
                "{text:?}"
            );
        }
    }

    #[test]
    fn what_is_not_an_expression() {
        for (text, want) in [
            // Without brackets, only words an expression can hold.
            ("o rows cols", &["o", "rows", "cols"][..]),
            ("still o", &["still", "o"]),
            ("o in", &["o", "in"]),
            // I/O, however it goes on.
            ("I/O n times", &["i", "o", "n", "times"]),
            ("I/O (disk)", &["i", "o", "disk"]),
            ("I/O-bound", &["i", "o", "bound"]),
            // Theta and omega need brackets or `of`.
            ("theta n", &["theta", "n"]),
            // An empty inside, or one without a word or operator.
            ("O()", &["o"]),
            ("O(, )", &["o"]),
            // Inside a word.
            ("foo(n)", &["foo", "n"]),
        ] {
            assert_eq!(texts(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_lone_o_in_a_phrase() {
        for phrase in ["o rows cols", "still o", "big o", "an o"] {
            assert!(lone_o(phrase), "{phrase:?}");
        }
        for phrase in [
            "o n",
            "O(rows x cols)",
            "i o bound",
            "I/O",
            "oh no",
            "o(n) & o 1",
        ] {
            assert!(!lone_o(phrase), "{phrase:?}");
        }
    }

    /// Cases the normal form's property found: `big` goes however often it stands
    /// there, `I` before it counts past `big`, and a unit after an expression does not
    /// join a number inside it.
    #[test]
    fn found_by_the_normal_form_property() {
        assert_eq!(texts("big big O(n log n)")[0], "o(n log n)");
        assert_eq!(texts("I/big O(n)"), ["i", "big", "o", "n"]);
        let t = texts("o s\u{b2} per cent O");
        assert_eq!(t[0], "o(s^2)");
        assert_eq!(&t[2..], ["per", "cent", "o"]);
        assert_eq!(texts("O(1) s"), ["o(1)", "1", "s"]);
    }

    proptest::proptest! {
        #[test]
        fn canonical_forms_are_fixed_points(inside in "([a-zA-Z0-9 ^*+/()|,\u{b2}\u{b7}\u{d7}-]|log|squared|x){0,12}") {
            let once = canonical(&inside);
            proptest::prop_assert_eq!(canonical(&once), once.clone(), "{:?}", inside);
        }
    }
}
