//! How typed answers are compared with the accepted ones.
//!
//! A gap answer and each accepted alternative go through [`normalize`], and the answer is
//! right when the two results are equal and not empty. The rules, in order:
//!
//! 1. Typographic quotes become straight ones (`‘’` → `'`, `“”` → `"`); zero-width spaces
//!    and byte-order marks are dropped.
//! 2. Leading and trailing whitespace go, and so does one pair of backticks around the
//!    whole answer (`` `tuple` `` is `tuple`).
//! 3. Whitespace of any kind (spaces, tabs, no-break spaces, newlines) and any amount
//!    counts as one space. In prose that space is kept. In code it is kept only where
//!    removing it would join two tokens into a different one: between two word
//!    characters (`not x` is not `notx`) or between two characters that together start
//!    an operator of the language (`= =` is not `==`). Everywhere else it is dropped,
//!    so `a==b`, `a == b` and `a  ==\tb` are the same answer, and so are `f(x, y)` and
//!    `f(x,y)`. Inside string literals (`'…'` and `"…"` in Python, `"…"` and character
//!    literals in Rust) nothing is changed: `", "` is not `","`.
//! 4. In prose, trailing sentence punctuation (`.`, `!`, `?`, `,`, `;`, `:`) goes, so
//!    `tuple.` is `tuple`. In code it stays: `x.` is not `x`.
//! 5. Letter case is ignored unless the gap is case-sensitive (by default it is in code
//!    and is not in prose); case is folded with Unicode lower-casing, so `É` matches `é`.
//!
//! Text is otherwise compared character by character: there is no Unicode normalisation,
//! so a precomposed `é` and `e` followed by a combining accent differ (terminals send
//! the precomposed form).
//!
//! Free-recall answers are matched differently, by words: see `quiz::tokens` and
//! `quiz::phrase`.

use crate::content::CodeLang;

/// The syntax a typed answer is written in, which decides what whitespace means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Prose,
    Python,
    Rust,
}

impl From<CodeLang> for Syntax {
    fn from(lang: CodeLang) -> Self {
        match lang {
            CodeLang::Python => Self::Python,
            CodeLang::Rust => Self::Rust,
            CodeLang::Text => Self::Prose,
        }
    }
}

/// How one gap compares answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub syntax: Syntax,
    pub case_sensitive: bool,
}

/// Pairs of characters that begin or continue a multi-character Python operator
/// (`**`, `//`, `<<=`, `->`, `:=`, `...` and the augmented assignments).
const PYTHON_PAIRS: &[&str] = &[
    "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "@=",
    "&=", "|=", "^=", "..",
];

/// The same for Rust (`::`, `=>`, `&&`, `..=` and friends).
const RUST_PAIRS: &[&str] = &[
    "==", "!=", "<=", ">=", "&&", "||", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=",
    "..", ".=", "::", "->", "=>",
];

const SENTENCE_END: &[char] = &['.', '!', '?', ',', ';', ':'];

/// The canonical form of a typed answer under `rule`; see the module docs.
pub fn normalize(text: &str, rule: Rule) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201f}' => '"',
            c => c,
        })
        .collect();
    let mut s = folded.trim();
    if s.len() >= 2 && s.starts_with('`') && s.ends_with('`') {
        s = s[1..s.len() - 1].trim();
    }
    let mut out = spaced(s, rule.syntax);
    if rule.syntax == Syntax::Prose {
        let kept = out.trim_end_matches(SENTENCE_END).trim_end().len();
        if kept > 0 {
            out.truncate(kept);
        }
    }
    if rule.case_sensitive {
        out
    } else {
        out.to_lowercase()
    }
}

/// Whether `answer` matches `accepted` under `rule`. An empty answer never does.
pub fn matches(answer: &str, accepted: &str, rule: Rule) -> bool {
    let answer = normalize(answer, rule);
    !answer.is_empty() && answer == normalize(accepted, rule)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a space between `a` and `b` must stay in `syntax`.
fn space_matters(a: char, b: char, syntax: Syntax) -> bool {
    let pairs = match syntax {
        Syntax::Prose => return true,
        Syntax::Python => PYTHON_PAIRS,
        Syntax::Rust => RUST_PAIRS,
    };
    if is_word(a) && is_word(b) {
        return true;
    }
    let mut pair = [0u8; 8];
    let a_len = a.encode_utf8(&mut pair).len();
    let b_len = b.encode_utf8(&mut pair[a_len..]).len();
    std::str::from_utf8(&pair[..a_len + b_len]).is_ok_and(|p| pairs.contains(&p))
}

/// Step 3: whitespace collapsed (prose) or dropped where it means nothing (code);
/// string literals copied as they are. `s` is already trimmed.
fn spaced(s: &str, syntax: Syntax) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        if pending_space {
            pending_space = false;
            if out
                .chars()
                .next_back()
                .is_some_and(|prev| space_matters(prev, c, syntax))
            {
                out.push(' ');
            }
        }
        let literal_end = literal_len(&chars[i..], syntax);
        if literal_end > 0 {
            out.extend(&chars[i..i + literal_end]);
            i += literal_end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The length in chars of the string or character literal that starts `rest`, or 0
/// when none does. An unclosed literal runs to the end.
fn literal_len(rest: &[char], syntax: Syntax) -> usize {
    let Some(&quote) = rest.first() else {
        return 0;
    };
    let is_string = match syntax {
        Syntax::Prose => false,
        Syntax::Python => quote == '\'' || quote == '"',
        Syntax::Rust => quote == '"' || (quote == '\'' && rust_char_literal(rest)),
    };
    if !is_string {
        return 0;
    }
    let mut j = 1;
    while j < rest.len() {
        match rest[j] {
            '\\' => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    rest.len()
}

/// `'x'` or `'\n'`-style escapes are character literals; `'a` in `&'a str` is a
/// lifetime, which is ordinary code.
fn rust_char_literal(rest: &[char]) -> bool {
    match rest.get(1) {
        Some('\\') => rest.iter().skip(2).take(10).any(|&c| c == '\''),
        Some(_) => rest.get(2) == Some(&'\''),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: Rule = Rule {
        syntax: Syntax::Prose,
        case_sensitive: false,
    };
    const PY: Rule = Rule {
        syntax: Syntax::Python,
        case_sensitive: true,
    };
    const RS: Rule = Rule {
        syntax: Syntax::Rust,
        case_sensitive: true,
    };

    /// (answer, accepted, rule, should match)
    #[test]
    fn tricky_cases() {
        let cases: &[(&str, &str, Rule, bool)] = &[
            // Whitespace: tabs, runs, no-break spaces and newlines are one space.
            ("hash\tmap", "hash map", PROSE, true),
            ("  hash   map ", "hash map", PROSE, true),
            ("hash\u{a0}map", "hash map", PROSE, true),
            ("hash\nmap", "hash map", PROSE, true),
            ("hashmap", "hash map", PROSE, false),
            // Code: spacing around operators and brackets does not matter...
            ("a==b", "a == b", PY, true),
            ("a\t==  b", "a == b", PY, true),
            ("f(x,y)", "f(x, y)", PY, true),
            ("f ( x )", "f(x)", PY, true),
            ("x = -1", "x=-1", PY, true),
            ("d[ key ]", "d[key]", PY, true),
            // ...except where it splits one token into two.
            ("= =", "==", PY, false),
            ("* *kwargs", "**kwargs", PY, false),
            ("notx", "not x", PY, false),
            ("a: :b", "a::b", RS, false),
            ("a :: b", "a::b", RS, true),
            ("x = > y", "x => y", RS, false),
            // String literals keep their spaces exactly.
            ("\", \".join(parts)", "\",\".join(parts)", PY, false),
            ("\"a  b\"", "\"a b\"", PY, false),
            ("' '", "''", RS, false),
            ("& 'a str", "&'a str", RS, true),
            ("x = \"a b\"", "x=\"a b\"", PY, true),
            // An escaped quote does not end the literal.
            ("'it\\'s  ok'", "'it\\'s ok'", PY, false),
            // Case: kept in code, folded in prose (Unicode-aware).
            ("none", "None", PY, false),
            ("None", "None", PY, true),
            ("Tuple", "tuple", PROSE, true),
            ("ÉTÉ", "été", PROSE, true),
            // Trailing sentence punctuation counts in code only.
            ("tuple.", "tuple", PROSE, true),
            ("O(1)!", "O(1)", PROSE, true),
            ("x.", "x", PY, false),
            ("...", "...", PROSE, true),
            // Backticks around the whole answer and curly quotes.
            ("`perf_counter`", "perf_counter", PROSE, true),
            ("`", "`", PROSE, true),
            ("d.get(\u{201c}k\u{201d})", "d.get(\"k\")", PY, true),
            ("zero\u{200b}width", "zerowidth", PROSE, true),
            // Empty answers never match.
            ("", "", PROSE, false),
            ("   ", "x", PROSE, false),
            ("``", "", PY, false),
        ];
        for (answer, accepted, rule, want) in cases {
            assert_eq!(
                matches(answer, accepted, *rule),
                *want,
                "{answer:?} vs {accepted:?} ({rule:?}): {:?} / {:?}",
                normalize(answer, *rule),
                normalize(accepted, *rule)
            );
        }
    }

    #[test]
    fn normal_forms() {
        assert_eq!(normalize("  x  ==  y ", PY), "x==y");
        assert_eq!(normalize("not  x", PY), "not x");
        assert_eq!(normalize("A  B.", PROSE), "a b");
        assert_eq!(normalize("'unclosed  x", PY), "'unclosed  x");
        assert_eq!(
            normalize(
                "x",
                Rule {
                    syntax: Syntax::Python,
                    case_sensitive: false
                }
            ),
            "x"
        );
    }
}
