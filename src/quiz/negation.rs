//! Whether an answer denies what it says at some word: "the decorator does *not* run on
//! every call" names the misconception "runs on every call" only to reject it. A
//! misconception found just after a negation, in the same clause, does not count (see
//! `quiz::score`).
//!
//! The rule, on the answer's words (`quiz::tokens`: contractions are written out, so
//! `doesn't` is `does not`):
//! - a negation cue ([`CUES`]: `not`, `no`, `never`, `rather than`, `instead of`,
//!   `unlike`, `prevents`, `avoids`, `wrongly`, `a common mistake`, ...) ends at most
//!   [`WINDOW`] words (stop words not counted) before the phrase;
//! - nothing between them ends a clause: a mark of punctuation (`, ; : ! ? ( )`, a
//!   dash, a line break, or the end of a sentence as `quiz::boundary` finds it, so not
//!   the dot in `list.pop(0)` or `e.g.`) or a word that turns the sentence ([`TURNS`]: `but`,
//!   `however`, `because`, `since`, `which`, ...). So "No, it runs on every call" and "it is not cached
//!   but runs on every call" still say it;
//! - inside the words found, a `not`, `no` or `never` that the phrase itself does not
//!   have denies it too: gaps let "a list can*not* be a dict key" match "list can be a
//!   dict key";
//! - `not only` is not a negation ("not only X but Y" says X), unless `only` is the
//!   phrase's own first word ("not only after a deploy"); nor is `no matter`;
//! - just after the phrase, in the same clause and at most [`AFTER`] words on, `would`,
//!   `never` or a verb with `not` deny it or make it a supposition: "more threads
//!   won't help", "a Python list would make removal O(n)"; not a `not` or `never` that
//!   denies a judgement ("evicting the newest *is not wrong*": two negations cancel);
//! - for a misconception ([`judged_wrong`], asked by `quiz::said`), a judgement that it
//!   is wrong in its sentence, undenied: after it ("X *is wrong*", "X *would be a bug*",
//!   "X, *which is incorrect*", "X; *that's a myth*") or before it ("it's *wrong to* X",
//!   "the classic *bug is* X-ing"). "X, so the bug is fixed" and "the wrong node is
//!   evicted" judge nothing of X.
//!
//! A judgement may also open the next sentence ("X. *That's wrong.*", "X. *Don't do
//! that.*"), where X ends its own. What it cannot see: a judgement further on in the
//! next sentence ("X. I think that's wrong."), or in other words ("X breaks LRU"); a negation further away ("it is not, as far as I remember from
//! the docs and my own code, run on every call"), a double negation, a denial later
//! or in other words after the phrase ("it runs on every call: false", "using a list
//! as the key raises `TypeError`").

use std::ops::Range;

use super::boundary::{PHRASE_ENDS, SENTENCE_ENDS, ends};
use super::phrase::Answer;
use super::tokens::Token;

/// How many words (stop words not counted) may stand between a negation cue and the
/// phrase it denies: "does not *actually* run on every call", "is not true that the
/// *decorator* runs on every call".
pub const WINDOW: usize = 4;

/// How many words, stop words included, a scan out from a phrase looks at, at most: the
/// reaches above count words that are not stop words, so an answer of thousands of stop
/// words in one clause ("the the the ...", in a hostile deck's model answer or example)
/// made every scan walk all of them, and `tutor check` spend minutes on one card. No
/// clause of English has this many words with only [`WINDOW`] or [`CLAUSE_REACH`] of
/// them more than stop words.
const SCAN: usize = 64;

/// Words and runs of words that deny what follows them, as the tokens write them.
pub const CUES: &[&[&str]] = &[
    &["not"],
    &["no"],
    &["never"],
    &["nor"],
    &["neither"],
    &["without"],
    &["unlike"],
    &["rather", "than"],
    &["instead", "of"],
    &["contrary", "to"],
    &["wrongly"],
    &["mistakenly"],
    &["incorrectly"],
    &["mistake"],
    &["mistaken"],
    &["misconception"],
    &["myth"],
    &["otherwise"],
    &["nothing"],
    &["nobody"],
    &["none"],
    &["prevent"],
    &["prevents"],
    &["prevented"],
    &["preventing"],
    &["avoid"],
    &["avoids"],
    &["avoiding"],
    // A warning names what follows as the thing to get wrong: "the thing people trip on
    // is using the list as the key", "the pitfall is...", "watch out for...".
    &["trip", "on"],
    &["trips", "on"],
    &["tripped", "on"],
    &["pitfall"],
    &["trap"],
    &["gotcha"],
    &["watch", "out", "for"],
    // What other people believe, told so as to correct it, is also a cue ([`BELIEFS`]):
    // "people tend to assume get can skip the lock, but it writes".
    &["you", "might", "assume"],
    &["you", "might", "think"],
    &["tempting", "to", "assume"],
    &["tempting", "to", "think"],
    &["you", "might", "expect"],
    &["you", "would", "expect"],
    &["you", "would", "think"],
    &["one", "would", "think"],
];

/// Verbs of belief that, after someone else named as the believer ([`BELIEVERS`], over
/// [`HEDGES`]), tell a belief to correct it: "some think", "people often assume", "a lot
/// of folks believe". Never the speaker's own "I assume" or "we tend to think".
const BELIEFS: &[&str] = &[
    "think", "thinks", "thought", "assume", "assumes", "assumed", "believe", "believes",
    "believed", "expect", "expects", "expected",
];

/// Who may hold a belief of [`BELIEFS`] that is told to be corrected.
const BELIEVERS: &[&str] = &[
    "people",
    "folks",
    "some",
    "many",
    "others",
    "candidates",
    "most",
    "engineers",
];

/// Who may hold a belief of [`BELIEFS`] that is told to be corrected only when a
/// contrast follows in the sentence ([`contrast_after`]): "the team thought X, *but*
/// ..."; without one the team's belief may be the speaker's own.
const CONTRASTED_BELIEVERS: &[&str] = &[
    "you",
    "one",
    "team",
    "teams",
    "colleagues",
    "manager",
    "managers",
];

/// Whether a word of contrast (`but`, `however`, `yet`, `though`, `although`) stands
/// after word `start` of `tokens` in its sentence of `text`, at most [`SCAN`] words on.
fn contrast_after(text: &str, tokens: &[Token], start: usize) -> bool {
    for k in start + 1..tokens.len().min(start.saturating_add(SCAN)) {
        if ends(
            text,
            tokens[k - 1].span.end..tokens[k].span.start,
            SENTENCE_ENDS,
        ) {
            return false;
        }
        if matches!(
            tokens[k].text.as_str(),
            "but" | "however" | "though" | "although"
        ) || (tokens[k].text == "yet" && turns(tokens, k))
        {
            return true;
        }
    }
    false
}

/// Words between a believer and the verb: "people *often* assume", "some *tend to* think",
/// "you *might* expect", "most people *would* think".
const HEDGES: &[&str] = &[
    "often",
    "usually",
    "still",
    "sometimes",
    "tend",
    "to",
    "also",
    "would",
    "might",
    "may",
    "could",
    "probably",
    "naturally",
];

/// Words that start another clause: a negation before one does not reach past it.
pub const TURNS: &[&str] = &[
    "but",
    "however",
    "whereas",
    "although",
    "though",
    "yet",
    "while",
    "because",
    "since",
    "so",
    "then",
    "therefore",
    "thus",
    "hence",
    "which",
    "instead",
];

/// Whether word `k` of `tokens` turns the clause ([`TURNS`]): not the adverb of "yet
/// another", "yet more", "yet again" ("instead of writing *yet another* layer").
fn turns(tokens: &[Token], k: usize) -> bool {
    let w = tokens.get(k).map_or("", |t| t.text.as_str());
    TURNS.contains(&w)
        && !(w == "yet"
            && tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.text.as_str(), "another" | "more" | "again")))
}

/// Words after `not` or `no` that make it something other than a negation ("not only
/// X but Y" says X). `not just` stays one: "I did not just trust the dashboard".
const NOT_A_NEGATION: &[(&str, &str)] = &[("not", "only"), ("no", "matter")];

/// Whether the `nothing` at word `j` of `tokens` is the subject of "nothing is wrong
/// with", over stop words: "there's *nothing wrong with* X" affirms X.
fn nothing_wrong(tokens: &[Token], j: usize) -> bool {
    tokens[j].text == "nothing"
        && tokens[j + 1..]
            .iter()
            .find(|t| !t.stop)
            .is_some_and(|t| matches!(t.text.as_str(), "wrong" | "bad" | "incorrect"))
}

/// Whether `gap`, the bytes of `text` between two words, ends a clause: punctuation
/// inside a sentence, or the end of a sentence as it ends a phrase (`quiz::boundary`:
/// a dot that touches the next word joins a name, `list.pop(0)`, and the dot of `e.g.`
/// ends nothing).
fn breaks_clause(text: &str, gap: Range<usize>) -> bool {
    let between = text.get(gap.clone()).unwrap_or_default();
    between.contains([',', ';', ':', '!', '?', '(', ')', '\n', '—', '–'])
        || between.contains(" - ")
        || ends(text, gap, PHRASE_ENDS)
}

/// The cue that ends at word `j` of `tokens`, before a phrase found from word `start`,
/// if one does. `not only` is a negation when `only` is the phrase's own first word
/// ("not only after a deploy").
fn cue_ends_at(
    text: &str,
    tokens: &[Token],
    j: usize,
    start: usize,
) -> Option<&'static [&'static str]> {
    let next = (j + 1 < start)
        .then(|| tokens.get(j + 1).map(|t| t.text.as_str()))
        .flatten();
    let word = |k: usize| tokens[k].text.as_str();
    // `nothing` after a verb in its clause is its object: "threads *cost nothing*
    // extra thanks to the GIL" (but "it *does nothing* to X", "and nothing X" deny).
    let object = word(j) == "nothing"
        && j.checked_sub(1).is_some_and(|p| {
            let w = word(p);
            !(tokens[p].stop
                || AUXILIARIES.contains(&w)
                || TURNS.contains(&w)
                || NEW_CLAUSE.contains(&w)
                || breaks_clause(text, tokens[p].span.end..tokens[j].span.start))
        });
    if nothing_wrong(tokens, j) || object {
        return None;
    }
    if let Some(b) = BELIEFS.iter().position(|b| *b == word(j)) {
        let believer = (j.saturating_sub(4)..j)
            .rev()
            .find(|&k| !HEDGES.contains(&word(k)) && !tokens[k].stop)
            .is_some_and(|k| {
                BELIEVERS.contains(&word(k))
                    || (CONTRASTED_BELIEVERS.contains(&word(k))
                        && contrast_after(text, tokens, start))
            });
        if believer {
            return Some(std::slice::from_ref(&BELIEFS[b]));
        }
    }
    CUES.iter().copied().find(|cue| {
        let Some(first) = (j + 1).checked_sub(cue.len()) else {
            return false;
        };
        tokens[first..=j]
            .iter()
            .zip(cue.iter())
            .all(|(t, w)| t.text == *w)
            && !NOT_A_NEGATION
                .iter()
                .any(|&(neg, after)| *cue == [neg] && next == Some(after))
    })
}

/// Single words that deny what they stand in.
const INSIDE: &[&str] = &["not", "no", "never"];

/// How many words (stop words not counted) after a phrase are looked at for a denial
/// or a hypothetical: "more threads *will not* help", "a list *would* make it O(n)".
pub const AFTER: usize = 2;

/// Verbs that, followed by `not`, deny what came before them (`won't` is `will not`).
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "will", "would", "can", "could", "should", "is", "are", "was", "were",
    "has", "have", "had", "may", "might", "must",
];

/// Whether the words just after word `end` (exclusive) of `answer`, in the same clause,
/// deny or only suppose what came before: `would`, `never`, or a verb with `not`.
pub fn denied_after(answer: &Answer<'_>, end: usize) -> bool {
    denial_after(answer, end).is_some()
}

/// The word that denies, as [`denied_after`] finds it, what comes before word `end`
/// (exclusive) of `answer`: its index.
pub fn denial_after(answer: &Answer<'_>, end: usize) -> Option<usize> {
    let tokens = answer.tokens();
    found_after_at(answer, end, AFTER, &|k| {
        let word = tokens[k].text.as_str();
        let after_verb = k > end && AUXILIARIES.contains(&tokens[k - 1].text.as_str());
        // A `would` before a denied judgement supposes nothing against the words: "X
        // would not be wrong" states X, as "X is not wrong" does.
        let would_not_wrong = word == "would"
            && k + 1 < tokens.len()
            && denies_a_judgement(answer.text(), tokens, k + 1);
        // A denied verb that harms or leaves out affirms the words: "the lock *can't be
        // skipped*", "the depth *never exceeds* n".
        let turned = (k + 1..tokens.len().min(k + 4))
            .find(|&n| !tokens[n].stop)
            .is_some_and(|n| ends_a_point_cue(answer, n));
        // A `never` or `not` after an `and` belongs to another verb phrase: "X and
        // callers *never* notice", "recursion is OK and *never* reaches the limit"; not
        // one after a form of `be`, whose subject the `and` may have joined: "a node
        // already visited and finished *is not* a cycle".
        let later = word != "would"
            && tokens[end..k].iter().any(|t| t.text == "and")
            && !matches!(tokens[k - 1].text.as_str(), "is" | "are" | "was" | "were");
        (word == "would" || word == "never" || (word == "not" && after_verb))
            && !later
            && !denies_a_judgement(answer.text(), tokens, k)
            && !would_not_wrong
            && !(word != "would" && turned)
    })
}

/// Whether `hit` holds at a word after word `end` (exclusive) of `answer`, in the same
/// clause and at most `limit` words on (stop words not counted).
fn found_after(answer: &Answer<'_>, end: usize, limit: usize, hit: &dyn Fn(usize) -> bool) -> bool {
    found_after_at(answer, end, limit, hit).is_some()
}

/// The first word where `hit` holds, as [`found_after`] looks for it. `hit` is a `&dyn
/// Fn`, so one body serves every caller's closure (binary size).
fn found_after_at(
    answer: &Answer<'_>,
    end: usize,
    limit: usize,
    hit: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let tokens = answer.tokens();
    let text = answer.text();
    let mut words = 0;
    for k in end..tokens.len().min(end.saturating_add(SCAN)) {
        let gap = k
            .checked_sub(1)
            .map_or(0..0, |p| tokens[p].span.end..tokens[k].span.start);
        if breaks_clause(text, gap) || turns(tokens, k) {
            return None;
        }
        if hit(k) {
            return Some(k);
        }
        if !tokens[k].stop {
            words += 1;
            if words > limit {
                return None;
            }
        }
    }
    None
}

/// Whether the words `start..end` of `answer`, found for a phrase whose own words are
/// `phrase`, are denied: by a cue just before them, a denial or `would` just after
/// them, or a negation among them that the phrase does not have (see the module docs).
pub fn denied(answer: &Answer<'_>, start: usize, end: usize, phrase: &[Token]) -> bool {
    negated(answer, start) || denied_after(answer, end) || denied_inside(answer, start, end, phrase)
}

/// Words that judge what they are said of as wrong: "evicting the newest *is wrong*",
/// "*a classic bug*", "it is *a myth*", "*a bad* idea". The nouns are [`JUDGEMENT_NOUNS`].
const JUDGEMENTS: &[&str] = &[
    "wrong",
    "incorrect",
    "false",
    "untrue",
    "mistaken",
    "buggy",
    "bug",
    "bugs",
    "mistake",
    "mistakes",
    "myth",
    "myths",
    "misconception",
    "misconceptions",
    "fallacy",
    "bad",
    "wasteful",
    // The dismissals, which also take back a key point's words (`judged_needless`):
    // "X is overkill", "it's pointless to X", "X, but that's a waste of time".
    "pointless",
    "useless",
    "overkill",
    "waste",
];

/// The judgements that dismiss what they are said of rather than call it false: the
/// last four of [`JUDGEMENTS`], and `not worth` (see [`judgement_at`]).
const DISMISSIVE: usize = 4;

/// The judgements that are nouns: one followed by another noun names something else
/// ("the *bug fix*", "a *bug report*"), see [`NOT_A_JUDGEMENT`].
const JUDGEMENT_NOUNS: &[&str] = &[
    "bug",
    "bugs",
    "mistake",
    "mistakes",
    "myth",
    "myths",
    "misconception",
    "misconceptions",
    "fallacy",
];

/// Words after a judgement noun that make it part of another name.
const NOT_A_JUDGEMENT: &[&str] = &[
    "fix", "fixes", "fixed", "fixing", "report", "reports", "tracker", "ticket", "free", "hunt",
    "list", "class",
];

/// Words that may stand between a verb and its judgement, or before a judgement that
/// opens the words it judges: "is *simply* wrong", "is *a classic* bug", "is *one of
/// the common* mistakes".
const JUDGEMENT_MODIFIERS: &[&str] = &[
    "simply",
    "just",
    "plain",
    "plainly",
    "actually",
    "clearly",
    "definitely",
    "obviously",
    "also",
    "totally",
    "completely",
    "flat",
    "dead",
    "very",
    "quite",
    "classic",
    "common",
    "typical",
    "subtle",
    "known",
    "real",
    "big",
    "frequent",
    "famous",
    "standard",
    "textbook",
    "rookie",
    "beginner",
    "popular",
    "widespread",
    "old",
    "another",
    "one",
    "of",
];

/// Verbs that say what their subject is, and the modals before `be`: "X *is* wrong",
/// "X *would be* a bug".
const COPULAS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "seems", "sounds", "would", "will", "could", "might",
    "may", "must", "can",
];

/// Words that open a clause about what the clause before it said: "X, *which* is
/// wrong", "X; *that*'s a myth", "X, but *this* is a bug".
const REFERENTS: &[&str] = &["which", "that", "this", "it"];

/// Words that may open such a clause before its referent: "X, *and* that would be a
/// bug", "people say X, *but* that's a myth".
const REFERENT_JOINS: &[&str] = &["and", "but", "yet"];

/// Words between a phrase and the verb that judges it that make the verb another
/// subject's: "evict the newest *when* the order is wrong".
const OTHER_SUBJECT: &[&str] = &[
    "if", "when", "whenever", "unless", "where", "after", "before", "until", "once", "as",
];

/// Words that start a clause of another subject after a misconception's words where no
/// mark of punctuation does: "evict the newest *and* the old way is wrong", "... *or*
/// the order would be wrong". Only a word that refers back after them judges the words
/// ("X and that's a bug").
/// An `and` or `or` before a gerund, after words that open with one, joins another
/// action instead ("clearing the dict *and restarting* is a mistake").
const NEW_CLAUSE: &[&str] = &["and", "or", "nor", "otherwise", "else"];

/// Words between a judgement and the phrase it opens: "it's wrong *to* evict the
/// newest", "the bug *is that you* evict the newest", "it is false *that* X".
const JUDGEMENT_LEADS: &[&str] = &[
    "to",
    "that",
    "if",
    "when",
    "about",
    "is",
    "was",
    "are",
    "were",
    "you",
    "we",
    "i",
    "they",
    "people",
    "one",
    "think",
    "assume",
    "say",
    "believe",
    "claim",
    "thinking",
    "assuming",
    "saying",
    "believing",
    "claiming",
    "just",
    "always",
    "simply",
];

/// The leads of which one must stand between a judgement and the phrase it opens, unless
/// the phrase starts with a gerund: "it's wrong *to* X", "it's false *that* X", "it's a
/// bug *if* X", "people are wrong *about* X".
const LEAD_OPENERS: &[&str] = &["to", "that", "if", "when", "about"];

/// How many words may stand between a judgement and the phrase it opens.
const LEAD_REACH: usize = 4;

/// Whether the words of `tokens` from word `k` on, over stop words, [`COPULAS`] and
/// [`JUDGEMENT_MODIFIERS`] (at most [`LEAD_REACH`] of them), reach a judgement (see
/// [`JUDGEMENTS`]) as a word of its own, not the first of a name ("bug fix"), in one
/// clause of `text`: "not *wrong*", "never *a bug*".
fn judgement_at(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    judgement_of(text, tokens, k, JUDGEMENTS)
}

/// [`judgement_at`] with the judgements `words`. A `not` or `never` right before
/// `worth` is one too ("X is *not worth* it"), which nothing denies.
fn judgement_of(text: &str, tokens: &[Token], k: usize, words: &[&str]) -> Option<usize> {
    for n in k..tokens.len().min(k + LEAD_REACH + 1) {
        if n > k && breaks_clause(text, tokens[n - 1].span.end..tokens[n].span.start) {
            return None;
        }
        let w = tokens[n].text.as_str();
        if INSIDE.contains(&w) && tokens.get(n + 1).is_some_and(|t| t.text == "worth") {
            return Some(n + 1);
        }
        if words.contains(&w) {
            // `bad` judges only as "a *bad idea*", "*bad practice*": "it was bad" may
            // judge something else the clause before named.
            if w == "bad" {
                let idea = tokens.get(n + 1).map(|t| t.text.as_str());
                return matches!(idea, Some("idea" | "ideas" | "practice")).then_some(n);
            }
            let next = tokens.get(n + 1).filter(|t| {
                !breaks_clause(text, tokens[n].span.end..t.span.start)
                    && NOT_A_JUDGEMENT.contains(&t.text.as_str())
            });
            return (!JUDGEMENT_NOUNS.contains(&w) || next.is_none()).then_some(n);
        }
        if !(tokens[n].stop || JUDGEMENT_MODIFIERS.contains(&w) || COPULAS.contains(&w)) {
            return None;
        }
    }
    None
}

/// Whether the judgement at word `j` of `tokens` is denied: a `not`, `no` or `never`
/// before it, over stop words and modifiers, in its clause ("is *not* wrong", "is
/// *never* a bug", "is *no* myth").
fn judgement_denied(text: &str, tokens: &[Token], j: usize) -> bool {
    if tokens[j].text == "worth" {
        return false;
    }
    for n in (0..j).rev().take(LEAD_REACH + 1) {
        if breaks_clause(text, tokens[n].span.end..tokens[n + 1].span.start) {
            return false;
        }
        let w = tokens[n].text.as_str();
        if INSIDE.contains(&w) {
            return true;
        }
        if !(tokens[n].stop || JUDGEMENT_MODIFIERS.contains(&w)) {
            return false;
        }
    }
    false
}

/// Whether a negation at word `k` of `tokens` (`not`, `no`, `never`) denies a judgement
/// just after it rather than what came before or after: "X is *not wrong*", "it's *not
/// a mistake* to X" state X. Two negations cancel.
fn denies_a_judgement(text: &str, tokens: &[Token], k: usize) -> bool {
    INSIDE.contains(&tokens[k].text.as_str()) && judgement_at(text, tokens, k + 1).is_some()
}

/// Whether the words `start..end` of `answer`, found for a misconception, are judged
/// wrong in their sentence by a judgement that nothing denies ([`JUDGEMENTS`]):
///
/// - after them, by a verb saying what they are ([`COPULAS`]) at most [`JUDGED_REACH`]
///   words on in their clause, with no condition between ([`OTHER_SUBJECT`]): "evicting the
///   newest *is wrong*", "... node *would be a bug*", "... *is a common
///   misconception*";
/// - or after them in the next clause of the sentence, opened by a word that refers
///   back ([`REFERENTS`], after an `and`, `but` or `yet`): "X, *which is incorrect*",
///   "X; *that's a myth*", "people say X, *but that's a myth*";
/// - or before them, the judgement opening their words over at most [`LEAD_REACH`]
///   words of [`JUDGEMENT_LEADS`] ("it's *wrong to* X", "the classic *bug is* X", "it is
///   *false that you* X"), or ending with a `:` just before them ("a classic
///   mistake: X").
///
/// The judgement must be a predicate: "the wrong node is evicted" and "so the bug is
/// fixed" judge nothing of X. A `not`, `no` or `never` before it denies it ("X is not
/// wrong", "it isn't a mistake to X"), and then X is stated.
pub fn judged_wrong(answer: &Answer<'_>, start: usize, end: usize) -> bool {
    judged_after(answer, start, end, JUDGEMENTS)
        || judged_before(answer, start, JUDGEMENTS)
        || judged_saying(answer, start)
        || supposed(answer, start, end)
}

/// Verbs after `to` that make a judgement reach the clause they open: "it is wrong *to
/// say* X", "it's a mistake *to think* X".
const SAYINGS: &[&str] = &["say", "think", "assume", "believe", "claim"];

/// Whether the clause of word `start` of `answer` has, before it, an undenied
/// judgement with `to` and a verb of [`SAYINGS`]: "it is wrong to say the base *must
/// stand in*".
fn judged_saying(answer: &Answer<'_>, start: usize) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    let word = |n: usize| tokens[n].text.as_str();
    for j in (start.saturating_sub(SCAN)..start.min(tokens.len())).rev() {
        if breaks_clause(text, tokens[j].span.end..tokens[j + 1].span.start) || turns(tokens, j) {
            return false;
        }
        if j >= 2 && SAYINGS.contains(&word(j)) && word(j - 1) == "to" {
            let judge = j - 2;
            let joined = (judge..j)
                .all(|n| !breaks_clause(text, tokens[n].span.end..tokens[n + 1].span.start));
            return joined
                && JUDGEMENTS.contains(&word(judge))
                && !judgement_denied(text, tokens, judge)
                && (!JUDGEMENT_NOUNS.contains(&word(judge))
                    || opens_its_clause(text, tokens, judge));
        }
    }
    false
}

/// Whether the words `start..end` of `answer` are only supposed: their clause opens with
/// `if` (or `had`/`were` before a subject) and the clause after the comma or `then`
/// that ends it has `would` in its first words ("if I stored x first, I'd find my own
/// 3", "had I stored x first, I would ...", "if I stored x first then I would ...").
fn supposed(answer: &Answer<'_>, start: usize, end: usize) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    let gap = |n: usize| tokens[n].span.end..tokens[n + 1].span.start;
    let word = |n: usize| tokens.get(n).map_or("", |t| t.text.as_str());
    // "if X", or a verb before its subject: "*had I* stored x first", "*were I* to X".
    let opened = (start.saturating_sub(SCAN)..start.min(tokens.len()))
        .rev()
        .find(|&j| j == 0 || breaks_clause(text, gap(j - 1)) || turns(tokens, j))
        .is_some_and(|j| {
            word(j) == "if"
                || (matches!(word(j), "had" | "were")
                    && matches!(word(j + 1), "i" | "we" | "you" | "they" | "he" | "she"))
        });
    if !opened || end == 0 {
        return false;
    }
    let Some(comma) = (end - 1..tokens.len().min(end.saturating_add(SCAN)).saturating_sub(1))
        .find(|&n| breaks_clause(text, gap(n)) || turns(tokens, n + 1))
    else {
        return false;
    };
    // The clause after it opens after a comma or with `then` ("if X then I would Y"),
    // and not with `which`: "if full I evict X, *which would* keep it simple" says X.
    let then = usize::from(word(comma + 1) == "then");
    (text.get(gap(comma)).is_some_and(|g| g.trim() == ",") || then == 1)
        && word(comma + 1) != "which"
        && (comma + 1..tokens.len().min(comma + 4 + then)).any(|n| word(n) == "would")
}

/// Whether the words `start..end` of `answer` are dismissed as [`judged_wrong`] finds a
/// judgement, by one of the dismissals only ("X is overkill", "it's pointless to X", "X,
/// but that's not worth it"): a key point's words so judged are not made. "X made Y
/// useless" judges Y, and "it's not pointless to X" states X.
pub fn judged_needless(answer: &Answer<'_>, start: usize, end: usize) -> bool {
    let words = &JUDGEMENTS[JUDGEMENTS.len() - DISMISSIVE..];
    judged_after(answer, start, end, words) || judged_before(answer, start, words)
}

/// The part of [`judged_wrong`] after the phrase, which stands at words `start..end`.
fn judged_after(answer: &Answer<'_>, start: usize, end: usize, words: &[&str]) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    let word = |k: usize| tokens[k].text.as_str();
    let judged_from = |k: usize| {
        judgement_of(text, tokens, k, words).is_some_and(|j| !judgement_denied(text, tokens, j))
    };
    // Where the word before the next one ends: a big-O expression's words stand inside
    // it, so the text after it starts at its end ("always O(n) is a myth").
    let after = |p: usize| {
        let t = &tokens[p];
        t.inside
            .or(t.expression_end.map(|_| p))
            .and_then(|h| tokens[h].expression_end)
            .unwrap_or(t.span.end)
    };
    let Some(mut prev) = end.checked_sub(1) else {
        return false;
    };
    let mut count = 0;
    for k in end..tokens.len().min(end.saturating_add(SCAN)) {
        if tokens[k].inside.is_some() {
            continue;
        }
        let gap = after(prev)..tokens[k].span.start;
        prev = k;
        if ends(text, gap.clone(), SENTENCE_ENDS) {
            return judged_by_next_sentence(answer, k, words);
        }
        // Brackets that close the words' own call end no clause: "frozenset(word) *is
        // wrong*".
        let gap = if k == end && closes_the_words(text, tokens[start].span.start, &gap) {
            gap.end..gap.end
        } else {
            gap
        };
        // `instead` with a verb right after it ends the words, not the clause:
        // "evicting the newest one *instead would* be a bug".
        let turn = turns(tokens, k)
            && !(word(k) == "instead"
                && tokens.get(k + 1).is_some_and(|t| {
                    COPULAS.contains(&t.text.as_str())
                        && !breaks_clause(text, tokens[k].span.end..t.span.start)
                }));
        // An `and` or `or` before a gerund joins another action to words that open
        // with one: "clearing the dict *and restarting* is a mistake", but "get needs no
        // lock *and adding* one is a mistake" judges the adding.
        let gerund = |n: usize| tokens.get(n).is_some_and(|t| t.text.ends_with("ing"));
        let new_clause = NEW_CLAUSE.contains(&word(k)) && !(gerund(start) && gerund(k + 1));
        let broken = breaks_clause(text, gap);
        if broken || turn || new_clause {
            return referent_judges(answer, k, words)
                || (!broken && judged_after_semicolon(answer, k, words));
        }
        // A verb that says something else of them ("a list of keys is enough") may
        // still be followed by a clause that judges what was said ("but that's a
        // myth").
        if COPULAS.contains(&word(k)) && judged_from(k) {
            return true;
        }
        if OTHER_SUBJECT.contains(&word(k)) {
            return judged_after_semicolon(answer, k, words);
        }
        if !tokens[k].stop {
            count += 1;
            if count > JUDGED_REACH {
                return judged_after_semicolon(answer, k, words);
            }
        }
    }
    false
}

/// Whether the bytes `gap` of `text` hold only closing brackets (and spaces) that close
/// brackets opened in the words from byte `from` on: the `)` of "frozenset(word)".
fn closes_the_words(text: &str, from: usize, gap: &Range<usize>) -> bool {
    let (Some(words), Some(between)) = (text.get(from..gap.start), text.get(gap.clone())) else {
        return false;
    };
    let closes = between.trim();
    // Each kind of bracket: opened in the words at least as often as closed there and
    // in the gap together.
    let balanced = |open: char, close: char| {
        words.matches(open).count() >= words.matches(close).count() + closes.matches(close).count()
    };
    !closes.is_empty()
        && closes.chars().all(|c| matches!(c, ')' | ']'))
        && balanced('(', ')')
        && balanced('[', ']')
}

/// Whether the clause that starts at word `k` of `answer` is judged by a verb right
/// after a word that refers back to the clause before it ([`referent_judges`]): not by
/// an `it` that stands for what the judgement opens ("X, *it* would be wrong *to* Y"
/// judges Y).
fn referent_judges(answer: &Answer<'_>, k: usize, words: &[&str]) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    let word = |n: usize| tokens.get(n).map_or("", |t| t.text.as_str());
    let r = k + usize::from(REFERENT_JOINS.contains(&word(k)));
    REFERENTS.contains(&word(r))
        && COPULAS.contains(&word(r + 1))
        && judgement_of(text, tokens, r + 1, words).is_some_and(|j| {
            let dummy_it = word(r) == "it" && LEAD_OPENERS.contains(&word(j + 1));
            !judgement_denied(text, tokens, j) && !dummy_it
        })
}

/// Whether the first mark after word `k` of `answer` in its sentence is a `;` and the
/// clause after it judges the one before ([`referent_judges`]): "X when full; *that's
/// wrong*", "X and then Y; *that's a bug*" judge the whole clause.
fn judged_after_semicolon(answer: &Answer<'_>, k: usize, words: &[&str]) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    for n in k + 1..tokens.len().min(k.saturating_add(SCAN)) {
        let gap = tokens[n - 1].span.end..tokens[n].span.start;
        if breaks_clause(text, gap.clone()) {
            let semi = text.get(gap.clone()).is_some_and(|g| g.trim() == ";");
            return semi && !ends(text, gap, SENTENCE_ENDS) && referent_judges(answer, n, words);
        }
    }
    false
}

/// Whether the sentence that starts at word `k` of `answer` opens with a judgement of
/// what the sentence before it said, undenied: `that` or `this` with a verb and a
/// judgement ("That's wrong.", "That would be a mistake.", "This is a common myth"),
/// not one that opens what follows ("That's wrong to say"), or "Don't do that" / "Never
/// do that" ending its clause. (The words judged end their sentence: `judged_after`
/// asks only at the sentence's end, with no clause break before it.)
fn judged_by_next_sentence(answer: &Answer<'_>, k: usize, words: &[&str]) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    let word = |n: usize| tokens.get(n).map_or("", |t| t.text.as_str());
    let joined = |n: usize| {
        n + 1 < tokens.len() && !breaks_clause(text, tokens[n].span.end..tokens[n + 1].span.start)
    };
    if matches!(word(k), "that" | "this") && joined(k) && COPULAS.contains(&word(k + 1)) {
        return judgement_of(text, tokens, k + 1, words).is_some_and(|j| {
            let opens = joined(j) && LEAD_OPENERS.contains(&word(j + 1));
            !(judgement_denied(text, tokens, j) || opens)
        });
    }
    let dont = (word(k), word(k + 1), word(k + 2), word(k + 3));
    match dont {
        ("do", "not", "do", "that" | "this") => (k..k + 3).all(joined) && !joined(k + 3),
        ("never", "do", "that" | "this", _) => (k..k + 2).all(joined) && !joined(k + 2),
        // A flat denial: "X? *No.*", "X. *It does not.*", "X. *It isn't:* ...".
        ("no", ..) => !joined(k),
        ("it" | "that" | "this", aux, "not", _) if AUXILIARIES.contains(&aux) => {
            (k..k + 2).all(joined) && !joined(k + 2)
        }
        _ => false,
    }
}

/// How many words (stop words not counted) after a misconception's words the verb that
/// judges them, or the clause break before a clause that does, may stand: "stopping the
/// whole batch *on one bad file* would be wrong".
const JUDGED_REACH: usize = AFTER + 2;

/// Whether the judgement noun at word `j` of `tokens` is the subject of its clause, only
/// stop words and modifiers before it there ("*the classic* bug is X", "*it is a* bug to
/// X", "*there is a* bug: X"): in "the fix for the scoring bug is to X" it names another
/// thing.
fn opens_its_clause(text: &str, tokens: &[Token], j: usize) -> bool {
    for n in (0..j).rev().take(SCAN) {
        if breaks_clause(text, tokens[n].span.end..tokens[n + 1].span.start) {
            return true;
        }
        let w = tokens[n].text.as_str();
        if turns(tokens, n) {
            return true;
        }
        if !(tokens[n].stop || JUDGEMENT_MODIFIERS.contains(&w) || w == "there") {
            return false;
        }
    }
    true
}

/// The part of [`judged_wrong`] before the phrase, which starts at word `start`.
fn judged_before(answer: &Answer<'_>, start: usize, words: &[&str]) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    let judged_at = |j: usize| {
        let w = tokens[j].text.as_str();
        words.contains(&w)
            && !judgement_denied(text, tokens, j)
            && (!JUDGEMENT_NOUNS.contains(&w) || opens_its_clause(text, tokens, j))
    };
    for j in (start.saturating_sub(LEAD_REACH + 1)..start.min(tokens.len())).rev() {
        let gap = tokens[j].span.end..tokens[j + 1].span.start;
        let between = text.get(gap.clone()).unwrap_or_default();
        if breaks_clause(text, gap.clone()) {
            // A `:` right after a judgement noun opens what it names.
            return j + 1 == start
                && between.trim() == ":"
                && JUDGEMENT_NOUNS.contains(&tokens[j].text.as_str())
                && judged_at(j);
        }
        if judged_at(j) {
            // Only a lead that opens a clause, or a gerund, makes the words the
            // judgement's: "the bug *is to* evict", "the bug *is evicting*", but not "the
            // bug *is* still not fixed".
            let opened = tokens[j + 1..start]
                .iter()
                .any(|t| LEAD_OPENERS.contains(&t.text.as_str()));
            let gerund = tokens.get(start).is_some_and(|t| t.text.ends_with("ing"));
            return opened || gerund;
        }
        if !JUDGEMENT_LEADS.contains(&tokens[j].text.as_str()) {
            return false;
        }
    }
    false
}

/// Whether the words `start..end` of `answer` stand in one clause: no mark of
/// punctuation or sentence end between two of them, and no word of [`TURNS`] after the
/// first. A phrase's gap may reach across a comma ("not optional, it's needed" is a
/// place of `not needed`), but such a place does not say the phrase's negation.
pub fn one_clause(answer: &Answer<'_>, start: usize, end: usize) -> bool {
    let tokens = answer.tokens();
    let end = end.min(tokens.len());
    (start + 1..end).all(|k| {
        !breaks_clause(answer.text(), tokens[k - 1].span.end..tokens[k].span.start)
            && !turns(tokens, k)
    })
}

/// The words of the negation cue that [`negated`] finds just before word `start` of
/// `answer`, if there is one.
pub fn denial_before(answer: &Answer<'_>, start: usize) -> Option<std::ops::Range<usize>> {
    cue_before(answer, start, false).map(|(first, cue)| first..first + cue.len())
}

/// Whether the words `start..end` of `answer`, found for a key point's phrase whose own
/// words are `phrase`, are denied: by a cue just before them (not one naming a mistake,
/// nor one inside a condition: see `point_negated`) or a negation among them that the
/// phrase does not have; or by a word just after them that dismisses them ("mechanisms
/// are just bureaucracy", see [`DISMISSALS`]) or denies they are needed ("a lock isn't
/// needed", see [`NEEDLESS`]). Not by any other denial after them, as a
/// misconception is: a point's words are often followed by another subject's denial ("a
/// condition that the counter does not exist") or by a contraction `'d` that may be
/// `had` ("restore what they'd lost").
pub fn denied_before_or_inside(
    answer: &Answer<'_>,
    start: usize,
    end: usize,
    phrase: &[Token],
) -> bool {
    point_negated(answer, start)
        || judged_needless(answer, start, end)
        || denied_inside(answer, start, end, phrase)
        || (dismissed_after(answer, end) && !made_needless_denied(answer, start))
        || needless_after(answer, end)
}

/// Words that, after an auxiliary with `not` or after `never`, judge what came before
/// them as not needed: "a lock *isn't needed*", "processes *won't help*", "the root
/// cause *wasn't worth* fixing". The first five are needs, which a `not`, `no` or
/// `never` before them also denies ([`need_denied`]).
const NEEDLESS: &[&str] = &[
    "need",
    "needs",
    "needed",
    "necessary",
    "required",
    "help",
    "helps",
    "matter",
    "matters",
    "worth",
    "useful",
    "apply",
    "applies",
    "applicable",
    "relevant",
];

/// Whether the words `start..end` of `answer`, found for a phrase of a point whose own
/// statement denies something (so not guarded, see [`denies_itself`]), are denied all
/// the same: a `not`, `no` or `never` just before them with a need after it ("you *don't
/// need* `to_thread`", "*no need* to mark anything visited"). Not a denial of need after
/// them: such a point is made in one ("the GIL does not help"). A point that speaks of
/// need itself ("Process and Pipe need no semaphore") is made in such words too, so this
/// is not asked for it: see [`speaks_of_need`].
pub fn need_denied(answer: &Answer<'_>, start: usize) -> bool {
    cue_before(answer, start, false).is_some_and(|(first, cue)| {
        matches!(cue, ["not" | "no" | "never"])
            && answer.tokens()[first + 1..start]
                .iter()
                .take(2)
                .any(|t| NEEDLESS[..5].contains(&t.text.as_str()))
    })
}

/// Whether a key point's own statement speaks of need (a word of [`NEEDLESS`]).
pub fn speaks_of_need(point: &[Token]) -> bool {
    point.iter().any(|t| NEEDLESS.contains(&t.text.as_str()))
}

/// Words that may stand between that `not` and the word it judges: "isn't *really*
/// needed".
const SOFTENERS: &[&str] = &["really", "actually", "even", "strictly", "always"];

/// Whether, after word `end` (exclusive) of `answer`, in the same clause and at most
/// [`AFTER`] words on (stop words not counted), an auxiliary with `not` or a `never` is
/// followed by a word of [`NEEDLESS`] ("BFS is not needed here"). A bare denial there
/// often belongs to another subject ("a condition that the counter doesn't exist"), a
/// denial of need hardly ever.
fn needless_after(answer: &Answer<'_>, end: usize) -> bool {
    let tokens = answer.tokens();
    let text = answer.text();
    found_after(answer, end, AFTER, &|k| {
        let word = tokens[k].text.as_str();
        let after_verb = k > end && AUXILIARIES.contains(&tokens[k - 1].text.as_str());
        if !(word == "never" || (word == "not" && after_verb)) {
            return false;
        }
        // The next word that is neither a stop word nor a softener, in the clause and
        // at most three words on.
        for n in k + 1..tokens.len().min(k + 4) {
            if breaks_clause(text, tokens[n - 1].span.end..tokens[n].span.start) {
                return false;
            }
            let next = tokens[n].text.as_str();
            if !tokens[n].stop && !SOFTENERS.contains(&next) {
                return NEEDLESS.contains(&next) && !need_points_elsewhere(answer, n);
            }
        }
        false
    })
}

/// Words after a need that leave it about what came before: "a lock isn't needed
/// *here*", "isn't needed *at all*".
const NEED_ENDS: &[&str] = &["here", "there", "now", "anymore", "either", "at", "all"];

/// Words after `needed`, `necessary` or `required` that limit the need to a case: "a
/// lock isn't needed *for* just displaying free spots, but park must hold one".
const NEED_SCOPES: &[&str] = &["for", "when", "if", "unless", "except"];

/// Whether the need at word `n` of `answer` judges something other than what came before
/// it: a `need` with an object ("a conditional write doesn't need *any extra locking*",
/// "processes that don't need *to share* a GIL"), or a need limited to a case ("isn't
/// needed *for* reads"). Only the clause's end or a word of [`NEED_ENDS`] after `need`
/// leaves it about the phrase.
fn need_points_elsewhere(answer: &Answer<'_>, n: usize) -> bool {
    let tokens = answer.tokens();
    let Some(next) = tokens.get(n + 1) else {
        return false;
    };
    if breaks_clause(answer.text(), tokens[n].span.end..next.span.start) {
        return false;
    }
    let next = next.text.as_str();
    match tokens[n].text.as_str() {
        "need" | "needs" => !NEED_ENDS.contains(&next),
        "needed" | "necessary" | "required" => NEED_SCOPES.contains(&next),
        // "bucket sort doesn't apply *to* the raw values" limits it too.
        "apply" | "applies" | "applicable" | "relevant" => {
            next == "to" || NEED_SCOPES.contains(&next)
        }
        _ => false,
    }
}

/// Words that judge what came before them as not worth having: "mechanisms are just
/// *bureaucracy*", "changing the system for everyone is *overreach*", "a lock is
/// *overkill* here".
const DISMISSALS: &[&str] = &[
    "overreach",
    "bureaucracy",
    "bureaucratic",
    "indecisive",
    "indecision",
    "overkill",
    "unnecessary",
    "needless",
    "pointless",
    "useless",
    "waste",
    "wasteful",
    "distraction",
    "weakness",
    "optional",
    "irrelevant",
    "overrated",
    "overengineering",
    "overengineered",
    "redundant",
    "superfluous",
    "naive",
    "micromanagement",
    "micromanaging",
];

/// Whether a dismissal ([`DISMISSALS`]) follows word `end` (exclusive) of `answer` in the
/// same clause, at most [`AFTER`] + 1 words on (stop words not counted), with no verb of
/// [`MAKERS`] before it.
fn dismissed_after(answer: &Answer<'_>, end: usize) -> bool {
    let tokens = answer.tokens();
    // "X made Y useless" dismisses Y.
    found_after_at(answer, end, AFTER + 1, &|k| {
        DISMISSALS.contains(&tokens[k].text.as_str()) || MAKERS.contains(&tokens[k].text.as_str())
    })
    .is_some_and(|k| !MAKERS.contains(&tokens[k].text.as_str()))
}

/// Whether a `not`, `no` or `never` that the phrase (its own words `phrase`) does not
/// have stands among the words `start..end` of `answer` found for it.
///
/// And a phrase with a negation of its own is not said where a verb that relieves a
/// need stands among the words found and not among its own ([`relieves_need`]): "this
/// doesn't *remove* the need for a `ConditionExpression`" is no `not need* a
/// conditionexpression`, "it does not *replace* a lock" no `not ... a lock`.
pub fn denied_inside(answer: &Answer<'_>, start: usize, end: usize, phrase: &[Token]) -> bool {
    let own = |w: &str| phrase.iter().any(|t| t.text == w);
    let tokens = answer.tokens();
    let found = tokens.get(start..end).unwrap_or_default();
    let negative = phrase.iter().any(|t| INSIDE.contains(&t.text.as_str()));
    found
        .iter()
        .any(|t| INSIDE.contains(&t.text.as_str()) && !own(&t.text))
        || (negative
            && (start..end.min(tokens.len()))
                .any(|k| !own(&tokens[k].text) && relieves_need(answer, k, end)))
}

/// Words of a key point's own statement that make it a denial or a supposition: "the
/// GIL does *not* make a multi-step sequence atomic", "there is *no* /dev/shm", "a lock
/// held while calling handlers *would* deadlock". A candidate makes such a point in a
/// denial of its words ("the GIL doesn't save you"), so its phrases count wherever they
/// stand. So does a bound, `at most` or `at least` ("at most 10,000 parts": "you can't
/// have more than 10,000 parts"). A `not only`, `not just` or `not merely` is no denial:
/// "fixed with a lasting mechanism, not only one instance" asserts the mechanism.
const DENYING_POINT: &[&str] = &[
    "not",
    "no",
    "never",
    "nor",
    "neither",
    "without",
    "unlike",
    "instead",
    "rather",
    "otherwise",
    "nothing",
    "none",
    "would",
    "prevent",
    "prevents",
    "avoid",
    "avoids",
];

/// Words after `not` that make it no denial in a point's statement.
const NOT_DENYING: &[&str] = &["only", "just", "merely"];

/// Whether a key point's own statement (its `point:` text) denies, supposes or bounds
/// something (see [`DENYING_POINT`]). The phrases of any other point do not count where
/// a negation denies them: "you don't actually need a lock" does not make the point
/// "make park atomic with a lock".
pub fn denies_itself(point: &[Token]) -> bool {
    let word = |k: usize| point.get(k).map_or("", |t| t.text.as_str());
    (0..point.len()).any(|k| match word(k) {
        "not" => !NOT_DENYING.contains(&word(k + 1)),
        "most" | "least" => k > 0 && word(k - 1) == "at",
        w => DENYING_POINT.contains(&w),
    })
}

/// How many words (stop words not counted) from a denying word of a point's statement a
/// phrase's word may stand and still be made in a denial: "the *GIL* does *not* make a
/// multi-step sequence atomic", "calling handlers *would deadlock*".
const DENIAL_REACH: usize = 8;

/// Whether a phrase (its words `phrase`) of a point whose statement (`text`, its words
/// `statement`) denies something says what is denied: one of its words stands in the
/// statement in a denying word's clause, at most [`DENIAL_REACH`] words from it. A phrase
/// with a denying word of its own ("not reentrant"), or whose words the statement does
/// not have, counts as one. The other phrases of such a
/// point are guarded as any point's: in "mark each word *visited* when it is queued, so
/// *no* word is queued twice" the denial is about queueing twice, not marking visited.
pub fn says_the_denial(text: &str, statement: &[Token], phrase: &[Token]) -> bool {
    let denying = |k: usize| {
        let word = |k: usize| statement.get(k).map_or("", |t| t.text.as_str());
        match word(k) {
            "not" => !NOT_DENYING.contains(&word(k + 1)),
            "most" | "least" => k > 0 && word(k - 1) == "at",
            w => DENYING_POINT.contains(&w),
        }
    };
    let same = |t: &Token, p: &Token| {
        t.stem == p.stem || (p.star && t.text.starts_with(p.text.trim_end_matches('*')))
    };
    if denies_itself(phrase) {
        return true;
    }
    let words: Vec<&Token> = phrase.iter().filter(|p| !p.stop).collect();
    let mut found = false;
    for (k, t) in statement.iter().enumerate() {
        if !words.iter().any(|p| same(t, p)) {
            continue;
        }
        found = true;
        // Out from word `k` each way, in its clause, up to DENIAL_REACH words.
        for step in [-1isize, 1] {
            let mut j = k;
            let mut n = 0;
            while let Some(next) = j.checked_add_signed(step).filter(|&i| i < statement.len()) {
                let (a, b) = if step < 0 { (next, j) } else { (j, next) };
                if breaks_clause(text, statement[a].span.end..statement[b].span.start)
                    || TURNS.contains(&statement[next].text.as_str())
                {
                    break;
                }
                j = next;
                if denying(j) {
                    return true;
                }
                if !statement[j].stop {
                    n += 1;
                    if n >= DENIAL_REACH {
                        break;
                    }
                }
            }
        }
    }
    !found
}

/// Whether the words of `answer` from word `start` on are denied by a negation just
/// before them (see the module docs).
pub fn negated(answer: &Answer<'_>, start: usize) -> bool {
    cue_before(answer, start, false).is_some()
}

/// The negation cue just before word `start` of `answer`, as (the index of its first
/// word, the cue), if there is one (see the module docs). With `or_restarts` (a key
/// point's guard), an `or` or `nor` between them starts the count of words again: a
/// negation reaches over a disjunction ("you didn't question the need or look at any
/// data"), though never more than [`CLAUSE_REACH`] words in all; and a word that ends a
/// point cue's reach ([`ends_a_point_cue`]) stands for the end of its clause.
fn cue_before(
    answer: &Answer<'_>,
    start: usize,
    or_restarts: bool,
) -> Option<(usize, &'static [&'static str])> {
    let tokens = answer.tokens();
    let text = answer.text();
    let mut words = 0;
    let mut all = 0;
    // A subject of its own or an `and` (not before a gerund) after an `instead of` or
    // `rather than` ends its object: "instead of a dict *I'll* use an array".
    let mut own_subject = false;
    let stop = start.saturating_sub(SCAN);
    for j in (stop..start.min(tokens.len())).rev() {
        if breaks_clause(text, tokens[j].span.end..tokens[j + 1].span.start) {
            return None;
        }
        if let Some(cue) = cue_ends_at(text, tokens, j, start) {
            let first = j + 1 - cue.len();
            if own_subject && matches!(cue, ["instead", "of"] | ["rather", "than"]) {
                return None;
            }
            // Two negations cancel: "it's *not wrong* to X", "it *isn't a mistake* to
            // X" state X.
            if denies_a_judgement(text, tokens, first)
                || (JUDGEMENTS.contains(&cue[0]) && judgement_denied(text, tokens, first))
            {
                return None;
            }
            return Some((first, cue));
        }
        if turns(tokens, j) {
            return None;
        }
        // A denial of what would make the words needless affirms them: "this doesn't
        // *remove the need for* a ConditionExpression", "nothing *replaces* the
        // condition", "doesn't *make* a lock unnecessary".
        if relieves_need(answer, j, start) {
            return None;
        }
        if or_restarts && ends_a_point_cue(answer, j) {
            return None;
        }
        own_subject |= match tokens[j].text.as_str() {
            "i" | "we" | "you" | "he" | "she" => true,
            "and" => !tokens[j + 1].text.ends_with("ing"),
            _ => false,
        };
        if or_restarts && matches!(tokens[j].text.as_str(), "or" | "nor") {
            words = 0;
        } else if !tokens[j].stop {
            words += 1;
            all += 1;
            if words > WINDOW || all > CLAUSE_REACH {
                return None;
            }
        }
    }
    None
}

/// Verbs that, denied, affirm what follows them: "doesn't *replace* the condition",
/// "never *obviates* a lock". See [`relieves_need`].
const RELIEVERS: &[&str] = &[
    "replace",
    "replaces",
    "replaced",
    "replacing",
    "supersede",
    "supersedes",
    "superseded",
    "superseding",
    "obviate",
    "obviates",
    "obviated",
    "obviating",
];

/// Verbs that, denied, affirm what follows them only as the need for it: "doesn't
/// *remove the need* for a `ConditionExpression`" (but "don't remove the node" is no
/// affirmation of the node's place in an answer's claim).
const NEED_REMOVERS: &[&str] = &[
    "remove",
    "removes",
    "removed",
    "removing",
    "eliminate",
    "eliminates",
    "eliminated",
    "eliminating",
    "take",
    "takes",
    "took",
    "taking",
];

/// Verbs that make what follows them something, and the dismissals that, after what
/// follows, make it needless: "doesn't *make* a lock *unnecessary*".
const MAKERS: &[&str] = &[
    "make", "makes", "made", "making", "render", "renders", "rendered",
];

/// The dismissals of [`DISMISSALS`] that a denied [`MAKERS`] verb turns around.
const MADE_NEEDLESS: &[&str] = &[
    "unnecessary",
    "needless",
    "redundant",
    "superfluous",
    "pointless",
    "useless",
    "obsolete",
    "optional",
];

/// Whether word `j` of `answer` is a verb that relieves a need for what follows it, so
/// that a cue before it denies the relief, not the words after it (see `cue_before`):
/// one of [`RELIEVERS`]; one of [`NEED_REMOVERS`] before a `need` or `necessity`
/// ("remove the need for", "take away any need for"); or one of [`MAKERS`] with a
/// dismissal of [`MADE_NEEDLESS`] after it in its clause, at most [`WINDOW`] + 1 words
/// on ("make a `ConditionExpression` unnecessary").
fn relieves_need(answer: &Answer<'_>, j: usize, start: usize) -> bool {
    let tokens = answer.tokens();
    let w = tokens[j].text.as_str();
    if RELIEVERS.contains(&w) {
        return true;
    }
    if NEED_REMOVERS.contains(&w) {
        // The need stands between the verb and the words: a phrase that starts at the
        // need ("no need for a condition") is what is denied.
        return (j + 1..start.min(tokens.len()))
            .find(|&k| {
                !tokens[k].stop && !matches!(tokens[k].text.as_str(), "away" | "any" | "all")
            })
            .is_some_and(|k| matches!(tokens[k].text.as_str(), "need" | "needs" | "necessity"));
    }
    // The dismissal stands after the words' start: a phrase that is the dismissal
    // ("unnecessary") is what is denied.
    MAKERS.contains(&w)
        && found_after_at(answer, j + 1, WINDOW + 1, &|k| {
            MADE_NEEDLESS.contains(&tokens[k].text.as_str())
        })
        .is_some_and(|k| k > start)
}

/// Whether the words of `answer` from word `start` on follow a denied verb that would
/// make them needless ("doesn't make *a lock* unnecessary"): a dismissal after them
/// then affirms them, as the cue before does.
fn made_needless_denied(answer: &Answer<'_>, start: usize) -> bool {
    let tokens = answer.tokens();
    let Some(j) = (0..start.min(tokens.len()))
        .rev()
        .find(|&j| !tokens[j].stop)
    else {
        return false;
    };
    MAKERS.contains(&tokens[j].text.as_str())
        && cue_before(answer, j, false)
            .is_some_and(|(_, cue)| matches!(cue, ["not" | "no" | "never" | "nothing"]))
}

/// Words between a cue and a key point's phrase that end the cue's reach: a boundary
/// said with no comma ("the GIL doesn't help here *and* a lock is what you need", "no
/// `OrderedDict` *means* a dict plus a linked list"), or a verb that the cue turns around
/// ("must not *break* the contract", "without *cutting* corners on quality").
const POINT_CUE_ENDS: &[&str] = &[
    "and",
    "means",
    "only",
    "break",
    "breaks",
    "breaking",
    "ignore",
    "ignores",
    "ignoring",
    "cut",
    "cuts",
    "cutting",
    "skip",
    "skips",
    "skipping",
    "lose",
    "loses",
    "losing",
    "hide",
    "hides",
    "hiding",
    "disappear",
    "disappears",
    "disappeared",
    "skipped",
    "ignored",
    "broke",
    "broken",
    "lost",
    "hid",
    "hidden",
    "forget",
    "forgets",
    "forgot",
    "forgotten",
    "forgetting",
    "lower",
    "lowers",
    "lowered",
    "lowering",
    "reach",
    "reaches",
    "reached",
];

/// Beginnings of words that end a point cue's reach as [`POINT_CUE_ENDS`] do: "don't
/// *neglect* the visited set", "never *compromised* on quality".
const POINT_CUE_END_STEMS: &[&str] = &[
    "sacrific",
    "neglect",
    "omit",
    "overlook",
    "compromis",
    "exceed",
    "fail",
    "hurt",
    "overflow",
    "crash",
    "leak",
    "blow",
];

/// Whether word `j` of `answer` ends a point cue's reach ([`POINT_CUE_ENDS`], a word
/// starting as one of [`POINT_CUE_END_STEMS`], `way around`, `more`, `less` or `fewer`
/// before `than`, which makes a bound: "can't take more than 1,000 writes a second").
fn ends_a_point_cue(answer: &Answer<'_>, j: usize) -> bool {
    let tokens = answer.tokens();
    let word = |k: usize| tokens.get(k).map_or("", |t| t.text.as_str());
    let w = word(j);
    POINT_CUE_ENDS.contains(&w)
        || POINT_CUE_END_STEMS.iter().any(|stem| w.starts_with(stem))
        || (w == "around" && j > 0 && word(j - 1) == "way")
        || (matches!(w, "more" | "less" | "fewer") && word(j + 1) == "than")
}

/// Cues that name a mistake rather than deny: a key point's words after them are still
/// said ("a mistake that was mine, with its cost measured").
const NAMING_A_MISTAKE: &[&str] = &[
    "mistake",
    "mistaken",
    "misconception",
    "myth",
    "trip",
    "trips",
    "tripped",
    "pitfall",
    "trap",
    "gotcha",
    "watch",
];

/// Whether a cue naming a mistake (at word `first` of `tokens`) calls what follows it
/// false after all: `myth` and `misconception` always do ("it is a myth that one process
/// needs a lock"), `mistake` or `mistaken` before `to` does ("it's a mistake to put a lock
/// around park"); "a mistake that was mine" names one's own failure.
fn calls_it_a_myth(tokens: &[Token], first: usize, cue: &[&str]) -> bool {
    match cue {
        ["myth" | "misconception"] => true,
        ["mistake" | "mistaken"] => tokens.get(first + 1).is_some_and(|t| t.text == "to"),
        _ => false,
    }
}

/// Words that open a condition: a negation inside one states what happens without
/// something, which is how a candidate argues for it ("if you don't hold the lock, two
/// threads race"; "if the fresh count isn't zero at the end, -1"). Only a condition
/// at most [`CONDITION_REACH`] words before the cue shields it.
const CONDITIONS: &[&str] = &["if", "unless", "when", "whenever", "whether"];

/// How many words (stop words not counted) may stand between a condition word and the
/// cue it shields: "if you don't hold the lock", "if the count isn't zero", but not "if
/// it's `CPython` you don't need a lock", where the condition has ended with no comma.
const CONDITION_REACH: usize = 2;

/// Cues that name what a fix is for: "a lock prevents double allocation", "jitter avoids
/// synchronized retries" make the point about the hazard, not deny it.
const PURPOSES: &[&str] = &[
    "prevent",
    "prevents",
    "prevented",
    "preventing",
    "avoid",
    "avoids",
    "avoiding",
];

/// Words before a `not`, `no` or `never` in its clause that make it the purpose of
/// something: "a lock, *so that* no two cars ever get the same spot".
const PURPOSE_OPENERS: &[&str] = &["so", "ensure", "ensures", "guarantee", "guarantees"];

/// Words between a cue and a point's phrase that turn the cue around: "never retry a
/// write *unless* it is idempotent", "parts aren't removed *until* you abort".
const REVERSALS: &[&str] = &["unless", "until"];

/// Words before a `without` in its clause that cancel it: "*can't* get away without a
/// lock", "*no* method may touch the dict without holding the lock".
const DOUBLE: &[&str] = &[
    "not", "no", "never", "nothing", "refused", "refuse", "refuses",
];

/// How many words (stop words not counted) before a cue a point's guard looks for a
/// condition, a purpose or a second negation in the clause.
const CLAUSE_REACH: usize = 12;

/// Whether the words of `answer` from word `start` on, found for a key point's phrase,
/// are denied by a negation just before them: as [`negated`], except that some cues
/// argue for the point rather than against it. A cue naming or warning of a mistake (not
/// a myth, see [`calls_it_a_myth`]); a
/// purpose (`prevents`, `avoids`, or a `not`/`no`/`never` after `so`, `ensure`); a cue
/// turned around by `unless` or `until` before the phrase; a `without` that opens its
/// clause ("without functools.wraps the name is lost": the case against leaving it
/// out) or that follows another negation in it (two negations cancel); and a cue just
/// after a condition word ("if you don't hold the lock, ...").
fn point_negated(answer: &Answer<'_>, start: usize) -> bool {
    let Some((first, cue)) = cue_before(answer, start, true) else {
        return false;
    };
    let tokens = answer.tokens();
    let text = answer.text();
    if NAMING_A_MISTAKE.contains(&cue[0]) && !calls_it_a_myth(tokens, first, cue)
        || PURPOSES.contains(&cue[0])
    {
        return false;
    }
    let word = |j: usize| tokens[j].text.as_str();
    if (first + cue.len()..start.min(tokens.len())).any(|j| REVERSALS.contains(&word(j))) {
        return false;
    }
    let denial = matches!(cue, ["not" | "no" | "never"]);
    let without = cue == ["without"];
    // A denial of need after `so` is a consequence, not a purpose: "so you don't need
    // a ConditionExpression" denies it ("so that no two cars get the same spot" argues).
    // So is "so *no* sharding *is needed*".
    let need = |t: &Token| NEEDLESS[..5].contains(&t.text.as_str());
    let need_denied = tokens[first + cue.len()..start.min(tokens.len())]
        .iter()
        .take(2)
        .any(need)
        || (cue == ["no"] && found_after(answer, start, AFTER + 1, &|k| need(&tokens[k])));
    // Only a denial of need or a `without` has a condition shielding it just before
    // it: "if it's CPython you don't need a lock" is a claim, "if the gate code in park
    // doesn't hold a lock, both get the spot" the case for the lock.
    let condition_reach = if without || need_denied {
        CONDITION_REACH
    } else {
        CLAUSE_REACH
    };
    // The clause before the cue, up to `CLAUSE_REACH` words: a condition or another
    // negation anywhere in it counts ("no method may touch the dict or the list without
    // holding the lock"). The reach keeps an answer of one endless clause linear.
    let mut words = 0;
    for j in (0..first).rev() {
        if first - j > SCAN {
            return true;
        }
        let w = word(j);
        if breaks_clause(text, tokens[j].span.end..tokens[j + 1].span.start) {
            return !(without && j + 1 == first);
        }
        if (denial && !need_denied && PURPOSE_OPENERS.contains(&w))
            || (without && DOUBLE.contains(&w))
        {
            return false;
        }
        if turns(tokens, j) {
            return !(without && j + 1 == first);
        }
        if CONDITIONS.contains(&w) && words <= condition_reach {
            return false;
        }
        if !tokens[j].stop {
            words += 1;
            if words > CLAUSE_REACH {
                return true;
            }
        }
    }
    // The clause opens the answer: a `without` first in it states the case against
    // leaving something out.
    !(without && first == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::phrase::Phrase;
    use crate::quiz::synonyms::Synonyms;

    /// A scan out from a phrase stops after [`SCAN`] words, stop words included: a cue
    /// or a denial further off, past a run of stop words, is not looked for (an answer
    /// of thousands of stop words made every scan walk all of them).
    #[test]
    fn a_scan_stops_after_scan_words() {
        let near = "the ".repeat(SCAN - 2);
        let far = "the ".repeat(SCAN + 2);
        let phrase = Phrase::new("xq", &Synonyms::general());
        let own = crate::quiz::tokens::tokens("xq");
        let denied_at = |text: &str| {
            let answer = Answer::new(text);
            let (s, e) = phrase.runs_where(&answer, |_, _| true)[0];
            denied(&answer, s, e, &own)
        };
        assert!(denied_at(&format!("not {near}xq")));
        assert!(!denied_at(&format!("not {far}xq")));
        assert!(denied_at(&format!("xq {near}would")));
        assert!(!denied_at(&format!("xq {far}would")));
    }

    /// Hostile answers for the gaps3 scans (`;` after a clause, believers, `nothing`,
    /// ellipses in brackets): thousands of `;`, deep brackets, punctuation only. They
    /// must end without a panic; the scans are bounded by [`SCAN`] words.
    #[test]
    fn hostile_answers_for_the_clause_scans() {
        let long = format!("evict the newest when {}", "x; ".repeat(2_000));
        assert!(states("evict the newest", &long));
        let judged = format!("evict the newest when {}; that is wrong", "x ".repeat(20));
        assert!(!states("evict the newest", &judged));
        for answer in [
            format!(
                "{}evict the newest{}",
                "({...".repeat(1_000),
                "})".repeat(1_000)
            ),
            ";".repeat(5_000),
            "some people think nothing ".repeat(500),
            format!("{}evict the newest. It does not", "? no. ".repeat(800)),
            // gaps5: a believer far from any contrast, a supposition with no end, and
            // an `and` before every denial.
            format!("the team thought {}", "we evict the newest ".repeat(2_000)),
            format!("had i {}", "evict the newest then ".repeat(2_000)),
            "evict the newest and never ".repeat(2_000),
            // rvcode: one gap of dots after a bracket, and of `!` before a word (each
            // mark of it looked at every mark after it: seconds per call).
            format!("evict the newest ({} entry", ".".repeat(200_000)),
            format!("evict the newest{}x", "!".repeat(200_000)),
        ] {
            let _ = states("evict the newest", &answer);
            let _ = says("on every call", &answer);
        }
    }

    /// Whether `phrase` is said in `answer` and not denied.
    fn says(phrase: &str, answer: &str) -> bool {
        let answer = Answer::new(answer);
        Phrase::new(phrase, &Synonyms::general())
            .find_where(&answer, |start, _| !negated(&answer, start))
            .is_some()
    }

    /// Whether misconception `phrase` is stated in `answer`, as scoring decides.
    fn states(phrase: &str, answer: &str) -> bool {
        let answer = Answer::new(answer);
        let own = crate::quiz::tokens::tokens(phrase);
        Phrase::new(phrase, &Synonyms::general())
            .find_where(&answer, |start, end| {
                !denied(&answer, start, end, &own) && !judged_wrong(&answer, start, end)
            })
            .is_some()
    }

    #[test]
    fn a_denial_or_supposition_just_after_counts_too() {
        for answer in [
            "more threads for the scoring will not help",
            "more threads for the scoring won't help",
            "more threads for the scoring would only add turns",
            "more threads for the scoring never help",
        ] {
            assert!(!states("more threads for the scoring", answer), "{answer}");
        }
        for answer in [
            "more threads for the scoring, not processes",
            "more threads for the scoring; that would not help",
            "more threads for the scoring and then it really is not slow",
            "more threads for the scoring but it would not help",
        ] {
            assert!(states("more threads for the scoring", answer), "{answer}");
        }
    }

    #[test]
    fn not_only_denies_a_phrase_that_starts_with_only() {
        assert!(!states(
            "only after a deploy",
            "not only after a deploy but on scale-out"
        ));
        assert!(states(
            "after a deploy",
            "not only after a deploy but on scale-out"
        ));
    }

    #[test]
    fn a_negation_inside_the_words_found_denies_them() {
        assert!(states("list can be a dict key", "a list can be a dict key"));
        assert!(!states(
            "list can be a dict key",
            "a list cannot be a dict key"
        ));
        assert!(!states(
            "list can be a dict key",
            "a list can never be a dict key"
        ));
        // The phrase's own negation is what it says.
        assert!(states(
            "drop does not run on panic",
            "Drop does not run on panic"
        ));
        assert!(!states(
            "drop does not run on panic",
            "it is not true that drop does not run on panic"
        ));
    }

    #[test]
    fn denials_do_not_count() {
        for answer in [
            "it does not run on every call, only once at definition",
            "it doesn't run on every call",
            "it never runs on every call",
            "the decorator isn't something that runs on every call",
            "it is not true that the decorator runs on every call",
            "once at definition rather than on every call",
            "once, instead of on every call",
            "it runs once, unlike on every call",
            "people wrongly think it runs on every call",
            "a common mistake is to think it runs on every call",
            "there is no work on every call",
            "the memo prevents a wrapper on every call",
            "It Does NOT run on every call",
            "I did not just assume it runs on every call",
            "people assume it runs on every call, but it runs once",
            "candidates tend to assume it runs on every call",
            "you might assume it runs on every call",
            "it is tempting to think it runs on every call",
        ] {
            assert!(!says("on every call", answer), "{answer}");
        }
    }

    /// Others' belief is a cue; the speaker's own is not.
    #[test]
    fn an_assumption_of_ones_own_is_said() {
        for answer in [
            "I assume it runs on every call",
            "I think it runs on every call",
            "we assume it runs on every call",
            "we tend to assume it runs on every call",
            "I tend to think it runs on every call",
        ] {
            assert!(says("on every call", answer), "{answer}");
        }
    }

    #[test]
    fn what_is_said_counts() {
        for answer in [
            "it runs on every call",
            "No, it runs on every call",
            "not sure, but it runs on every call",
            "it is not cached but runs on every call",
            "it does not cache. It runs on every call",
            "it does not cache anything so it runs on every call",
            "it needs no lock since it runs on every call",
            "no cache, which means it runs on every call",
            "it runs not only on every call",
            "it runs no matter what on every call",
            // Too far: five words between the cue and the phrase.
            "it is not lazy or cached or memoised and runs on every call",
            "I do not remember exactly why the wrapper runs on every call",
            "it does not copy - it runs on every call",
            "the wrapper (not the decorator) runs on every call",
        ] {
            assert!(says("on every call", answer), "{answer}");
        }
    }

    /// A misconception named and then judged wrong, in its sentence, is taken back: a
    /// judgement after it (`is wrong`, `would be a bug`, `, which is incorrect`, `;
    /// that's a myth`) or before it (`it's wrong to`, `a classic bug is`).
    #[test]
    fn a_judgement_that_it_is_wrong_takes_it_back() {
        for answer in [
            "evicting the newest is wrong",
            "Evicting the newest node would be a bug.",
            "Some people evict the newest; that's wrong.",
            "some candidates evict the newest, which is incorrect",
            "people say you evict the newest, but that's a myth",
            "it's wrong to evict the newest",
            "it is incorrect to evict the newest",
            "to evict the newest is simply false",
            "evicting the newest is a classic bug here",
            "evicting the newest is a common misconception",
            "evicting the newest was the bug",
            "evict the newest: that is a mistake",
            "the classic bug is to evict the newest",
            "it's false that you evict the newest",
            "evicting the newest entry is untrue to LRU and plain wrong",
            "they evict the newest - this is the wrong end",
            "evicting the newest, and that would be a bug",
            "people say evicting the newest is enough, but that's a myth",
            "evicting the newest on every put would be wrong",
            "it's a bug if you evict the newest",
            "evict the newest. That is wrong.",
            "Some evict the newest. That would be a mistake.",
            "evict the newest!\nThis is a myth.",
            "evict the newest. Don't do that.",
        ] {
            assert!(!states("evict the newest", answer), "{answer}");
        }
    }

    /// A judgement that is denied, that judges something else, or that is only a word
    /// near the misconception ("the wrong node", "the bug is fixed") takes nothing back.
    #[test]
    fn a_denied_or_unrelated_judgement_takes_nothing_back() {
        for answer in [
            "evict the newest, so the bug is fixed",
            "evict the newest; the wrong node is never kept",
            "evicting the newest is not wrong",
            "evicting the newest isn't a mistake",
            "it's not wrong to evict the newest",
            "it isn't a mistake to evict the newest",
            "it is never wrong to evict the newest",
            "to avoid the bug, evict the newest",
            "evict the newest to fix the bug",
            "evict the newest, which is never a bug",
            "the bug report said to evict the newest",
            "evicting the newest is what the bug fix does",
            "evict the newest; I got that wrong once",
            "evict the newest, and the wrong one stays",
            "if it is wrong, evict the newest",
            "I evict the newest so nothing goes wrong",
            "evict the newest. The old code did that wrong.",
            "evict the newest. That is not wrong.",
            "evict the newest. I think that is wrong.",
            "evict the newest, then relink. That is wrong.",
            "the fix for the eviction bug is to evict the newest",
            "the bug is evict the newest, as far as I can tell",
        ] {
            assert!(states("evict the newest", answer), "{answer}");
        }
    }

    /// A judgement after the words that is about something else: a dummy `it` before a
    /// judgement that opens its own clause ("it would be wrong *to* Y"), a new subject
    /// after `and`, `or` or `otherwise` ("X and the old way is wrong"), or a `would`
    /// with a denied judgement ("X would not be wrong"). These state X.
    #[test]
    fn a_judgement_of_something_else_after_the_words_takes_nothing_back() {
        for answer in [
            "evict the newest, it would be wrong to evict the oldest",
            "evict the newest, and it is a myth that the oldest goes first",
            "evict the newest, but it's a mistake to think that is LRU",
            "evict the newest or the order is wrong",
            "evict the newest otherwise the order is wrong",
            "evict the newest and the old way is wrong",
            "evict the newest and LRU is a myth",
            "evicting the newest would not be wrong",
            "evicting the newest would never be a bug",
            "evict the newest and deleting its key first is a mistake",
        ] {
            assert!(states("evict the newest", answer), "{answer}");
        }
        for answer in [
            "evict the newest; it is wrong",
            "evict the newest, which is wrong to do",
            "evicting the newest one instead would be a bug",
            "evicting the newest node instead is wrong",
            "evicting the newest and deleting its key is a mistake",
            "evict the newest and that's a bug",
        ] {
            assert!(!states("evict the newest", answer), "{answer}");
        }
    }

    /// A denial of a verb that would make the words needless affirms them (README.md:
    /// "doesn't remove the need for X", "nothing replaces X", "doesn't make X
    /// unnecessary"); the need or the dismissal itself is still denied.
    #[test]
    fn a_denied_relief_of_need_affirms_what_follows() {
        for answer in [
            "a consistent read doesn't remove the need for a conditionexpression",
            "it does not eliminate the need for a conditionexpression",
            "nothing replaces a conditionexpression",
            "a second read never supersedes a conditionexpression",
            "comparing in code doesn't make a conditionexpression unnecessary",
        ] {
            assert!(states("conditionexpression", answer), "{answer}");
        }
        for answer in [
            "you don't need a conditionexpression",
            "a consistent read doesn't remove a conditionexpression",
            "don't take a conditionexpression",
        ] {
            assert!(!states("conditionexpression", answer), "{answer}");
        }
        // The phrase that is the need, or the dismissal, is what such a denial denies.
        assert!(!states(
            "need for a conditionexpression",
            "it doesn't remove the need for a conditionexpression"
        ));
        assert!(!states(
            "unnecessary",
            "it doesn't make a conditionexpression unnecessary"
        ));
        // A phrase with a negation of its own is not said across such a verb.
        assert!(!states(
            "not need a conditionexpression",
            "it doesn't remove the need for a conditionexpression"
        ));
        assert!(states(
            "not need a conditionexpression",
            "you do not need a conditionexpression"
        ));
    }

    /// `nobody`, `no one`, `none` and `nothing` deny the phrase after them.
    #[test]
    fn nobody_denies_what_follows() {
        for answer in [
            "nobody works longer hours",
            "no one works longer hours",
            "none of us works longer hours",
            "nothing here says anyone works longer hours",
        ] {
            assert!(!says("works longer hours", answer), "{answer}");
        }
        for answer in [
            "everybody works longer hours",
            "nobody asked, so the team works longer hours",
            "nobody complained but the team works longer hours",
            "nothing is wrong with how the team works longer hours",
            "there's nothing wrong if the team works longer hours",
        ] {
            assert!(says("works longer hours", answer), "{answer}");
        }
    }

    /// A big-O expression's brackets end no clause for a judgement after it.
    #[test]
    fn a_judgement_after_a_big_o_expression() {
        assert!(!states(
            "always O(n)",
            "the idea that it is always O(n) is a myth"
        ));
        assert!(states(
            "always O(n)",
            "it is always O(n), so the bug is gone"
        ));
    }

    #[test]
    fn a_dot_inside_a_name_ends_no_clause() {
        assert!(!states("pop(0)", "a deque with popleft, not list.pop(0)"));
        assert!(states("pop(0)", "it does not copy. list.pop(0) is fine"));
    }

    /// The window stops at every sentence end that stops a phrase (`quiz::boundary`),
    /// before the phrase and after it, and not at a dot that ends no sentence.
    #[test]
    fn the_window_stops_at_a_sentence_end() {
        for answer in [
            "it is not cached. It runs on every call",
            "is it cached? No! It runs on every call",
            "it is not cached; it runs on every call",
            "it is not cached\nit runs on every call",
            "I said \u{201c}it is not cached.\u{201d} It runs on every call",
            "(it is not cached.) It runs on every call",
        ] {
            assert!(says("on every call", answer), "{answer:?}");
        }
        for answer in [
            "it runs on every call.\u{201d} Would it? Yes",
            "it runs on every call. Never mind",
            "it runs on every call; never mind",
        ] {
            assert!(states("it runs on every call", answer), "{answer:?}");
        }
        // An abbreviation's dot ends no sentence: the cue reaches past it.
        assert!(!says("on every call", "it does not run e.g. on every call"));
    }

    #[test]
    fn a_warning_names_the_mistake_without_stating_it() {
        for answer in [
            "The thing people trip on is using the list directly as the key.",
            "The classic pitfall is using the list directly as the key.",
            "A common trap is using the list directly as the key.",
            "Watch out for using the list directly as the key.",
        ] {
            assert!(!states("list directly as the key", answer), "{answer}");
        }
        assert!(states(
            "list directly as the key",
            "No trap here: I use the list directly as the key."
        ));
    }

    #[test]
    fn a_later_mention_still_counts() {
        // The first mention is denied; the second is not.
        assert!(says(
            "on every call",
            "it does not run on every call. Well, it runs on every call."
        ));
    }

    proptest::proptest! {
        /// A phrase with no cue before it in its clause is never denied, whatever words
        /// stand before the clause.
        #[test]
        fn a_clause_without_a_cue_says_it(
            before in "[a-z ']{0,40}",
            lead in proptest::sample::select(vec!["it", "the decorator", "so it", "and it then"]),
        ) {
            // A dot with a space before it is no sentence end (`quiz::boundary`: "one .
            // two"), so the words before it end with a letter or an apostrophe.
            let answer = format!("{}. {lead} runs on every call", before.trim_end());
            proptest::prop_assert!(says("on every call", &answer), "{answer}");
        }

        /// Any cue straight before the phrase denies it (`nothing` after an auxiliary:
        /// after another verb it is the verb's object, "it costs nothing extra").
        #[test]
        fn a_cue_right_before_denies(cue in proptest::sample::select(CUES.to_vec())) {
            let verb = if cue == ["nothing"] { "does" } else { "runs" };
            let answer = format!("it {verb} {} on every call", cue.join(" "));
            proptest::prop_assert!(!says("on every call", &answer), "{answer}");
        }
    }
}
