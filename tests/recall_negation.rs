//! The negation guard on the bundled recall items: every item names the misconceptions
//! a candidate states, and the guard on points (a point's phrase does not count where
//! a negation denies it) costs no right example its verdict.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tutor::content::{QuizItem, Recall};
use tutor::quiz::phrase::{Answer, Phrase};
use tutor::quiz::score::{PointMark, score_recall};
use tutor::quiz::synonyms::Synonyms;

/// Every recall item of the bundled decks, examples included (from `content/`), with
/// its deck's synonyms.
fn recall_items() -> Vec<(String, Recall, Synonyms)> {
    let mut out = Vec::new();
    for deck in &common::content().decks {
        let synonyms = Synonyms::with_deck(&deck.meta.synonyms);
        for card in &deck.cards {
            for item in &card.quiz {
                if let QuizItem::Recall(r) = item {
                    out.push((card.id.to_string(), r.clone(), synonyms.clone()));
                }
            }
        }
    }
    out
}

/// Whether `answer` makes every point of `item`: as scoring finds them when `guarded`
/// (a point's phrase does not count where a negation denies it, see `quiz::point`), or
/// wherever its phrases stand.
fn makes_every_point(item: &Recall, answer: &str, synonyms: &Synonyms, guarded: bool) -> bool {
    if guarded {
        return score_recall(item, answer, synonyms)
            .points
            .iter()
            .all(PointMark::is_hit);
    }
    let answer = Answer::new(answer);
    item.points.iter().all(|point| {
        point
            .made_by(|phrase| Phrase::new(phrase, synonyms).find(&answer))
            .is_some()
    })
}

/// At least one: a reviewer who finds another wrong answer a real candidate gives adds
/// it, so there is no upper bound (card 37 names four).
#[test]
fn every_bundled_recall_item_names_a_misconception() {
    let items = recall_items();
    assert!(items.len() >= 24, "{} recall items", items.len());
    for (card, item, _) in &items {
        let n = item.misconceptions.len();
        assert!(n >= 1, "{card}: no misconceptions");
    }
}

/// The guard on points: it turns no right example wrong, and it catches wrong examples
/// that name every point's words, some of them inside a denial ("the bucket itself is
/// safe without a lock"). Run with `--nocapture` for the figures.
#[test]
fn the_guard_on_points_costs_no_right_example_and_catches_denials() {
    let (mut right, mut lost, mut wrong_full, mut caught) = (0, Vec::new(), 0, Vec::new());
    for (card, item, synonyms) in &recall_items() {
        for example in &item.examples.right {
            right += 1;
            if !makes_every_point(item, example, synonyms, true) {
                lost.push(format!("{card}: {example}"));
            }
        }
        for example in &item.examples.wrong {
            if makes_every_point(item, example, synonyms, false) {
                wrong_full += 1;
                if !makes_every_point(item, example, synonyms, true) {
                    caught.push(format!("{card}: {example}"));
                }
            }
        }
    }
    println!(
        "guard on points: {} of {right} right examples lose their verdict; {} of \
         {wrong_full} wrong examples that name every point's words miss one",
        lost.len(),
        caught.len()
    );
    for example in &caught {
        println!("  caught: {example}");
    }
    assert!(lost.is_empty(), "{lost:#?}");
    assert!(!caught.is_empty(), "the guard catches no wrong example");
}

/// The bundled recall item of `card` (the first), with its deck's synonyms.
fn item(card: &str) -> (Recall, Synonyms) {
    recall_items()
        .into_iter()
        .find(|(id, _, _)| id == card)
        .map(|(_, item, synonyms)| (item, synonyms))
        .expect("a bundled recall item")
}

/// Whether `answer` makes every point of `card`'s recall item and states no
/// misconception.
fn right(card: &str, answer: &str) -> bool {
    let (item, synonyms) = item(card);
    let verdict = score_recall(&item, answer, &synonyms);
    verdict.points.iter().all(PointMark::is_hit) && verdict.misconceptions.is_empty()
}

/// A denial of what would make X needless affirms X: "this doesn't remove the need for
/// a `ConditionExpression`", "nothing replaces the condition", "doesn't make a
/// `ConditionExpression` unnecessary" all say the condition is needed. The point is
/// made, and the misconception `not need* a conditionexpression` is not stated (its
/// `!remov*` exception was cancelled by the same `not`, so it was).
#[test]
fn a_denied_removal_of_need_affirms_what_is_needed() {
    let card = "dynamodb-pagination-conditions";
    let tail = "On ConditionalCheckFailedException re-read and retry, three tries at most.";
    for middle in [
        "A strongly consistent read doesn't remove the need for a ConditionExpression: \
         update with one that the version is unchanged and bump it in the same request.",
        "Comparing versions in your own code does not make a ConditionExpression \
         unnecessary; the write carries it and bumps the version in the same request.",
        "A second read never replaces the ConditionExpression on the write, which bumps \
         the version in the same request.",
        "A consistent read does not eliminate the need for a condition on the write, \
         which bumps the version in the same request.",
    ] {
        let answer = format!("Read the item and note its version. {middle} {tail}");
        assert!(right(card, &answer), "{answer}");
    }
    // The denials themselves still deny.
    for middle in [
        "You don't need a ConditionExpression if the read is strongly consistent; bump \
         the version in the same request.",
        "A strongly consistent read removes the need for a ConditionExpression; bump the \
         version in the same request.",
    ] {
        let answer = format!("Read the item and note its version. {middle} {tail}");
        assert!(!right(card, &answer), "{answer}");
    }
}

/// The misconceptions `answer` states on `card`'s recall item, as the `said` entries
/// that matched.
fn stated(card: &str, answer: &str) -> Vec<String> {
    let (item, synonyms) = item(card);
    score_recall(&item, answer, &synonyms)
        .misconceptions
        .into_iter()
        .map(|m| m.said)
        .collect()
}

/// A misconception judged wrong at the start of the next sentence ("X. That's wrong.",
/// "That would be a mistake", "Don't do that") is taken back, and only where the
/// judgement opens that sentence and X ends its own.
#[test]
fn a_judgement_opening_the_next_sentence_takes_it_back() {
    let card = "lru-cache";
    for answer in [
        "Some people evict the most recently used node. That's wrong.",
        "You could evict the most recently used node. That would be a mistake.",
        "Evict the most recently used node. Don't do that, it breaks LRU.",
        "Evict the most recently used node.\nThis is a bug.",
        "People just use collections.OrderedDict. That is a common mistake here.",
    ] {
        assert!(
            stated(card, answer).is_empty(),
            "{answer}: {:?}",
            stated(card, answer)
        );
    }
    for answer in [
        // The judgement does not open the next sentence, or judges something else.
        "Evict the most recently used node. The old code did that wrong.",
        "Evict the most recently used node. That's it.",
        "Evict the most recently used node. I think that's wrong.",
        "Evict the most recently used node. That's not wrong.",
        "Evict the most recently used node. Then the list is wrong.",
        // X does not end its sentence: the judgement is of what came after.
        "Evict the most recently used node, then relink the list. That's wrong.",
        "Evict the most recently used node. Keep a dict too. That's wrong.",
    ] {
        assert!(!stated(card, answer).is_empty(), "{answer}");
    }
}

/// "Nothing is wrong with X" and "there's nothing wrong with X" affirm X: the old
/// `nothing` cue took it back.
#[test]
fn nothing_wrong_with_affirms() {
    for answer in [
        "There's nothing wrong with evicting the most recently used node.",
        "Nothing is wrong with evicting the most recently used node.",
        "there is nothing wrong with just using collections.OrderedDict here",
    ] {
        assert!(!stated("lru-cache", answer).is_empty(), "{answer}");
    }
    // `nothing` still denies what it is the subject of.
    assert!(
        stated(
            "lru-cache",
            "Nothing here evicts the most recently used node."
        )
        .is_empty()
    );
}

/// Whether the `said` entry `said` is stated in `answer`, with the general synonyms.
fn says(said: &str, answer: &str) -> bool {
    tutor::quiz::said::Said::new(said, &Synonyms::general())
        .stated_in(&Answer::new(answer))
        .is_some()
}

/// Parts after a `>>` may stand in the sentence of those before it or in the next one:
/// "The newest sits at the head. When full I evict the head." A plain `&` still wants
/// one sentence, and the next sentence is the only one.
#[test]
fn parts_after_next_may_stand_in_the_next_sentence() {
    let said = "most recent* & head >> evict* the head & !least & !tail";
    for wrong in [
        "The most recent node sits at the head. When it's full I evict the head node.",
        "The most recent node is at the head, so when full I evict the head.",
        "Most recently used at the head.\nOn overflow, evict the head node.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
    for right in [
        // Two sentences apart, or in the other order.
        "The most recent node sits at the head. Keep a dict too. Evict the head node.",
        "Evict the head node. The most recent node sits at the head.",
        // An exception in either sentence, or a judgement of either.
        "The most recent node sits at the head. Evict the head, the least recently used.",
        "The most recent node sits at the head. Evicting the head node would be a bug.",
        "It's a myth that the most recent node sits at the head. Evict the head node.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    assert!(!says(
        "most recent* & evict* the head",
        "The most recent node sits at the head. When it's full I evict the head node."
    ));
    // The brief's answer to lru-cache states the wrong end.
    assert!(
        !stated(
            "lru-cache",
            "A dict maps keys to nodes of a doubly linked list. The most recent node sits at \
         the head. When it's full I evict the head node and delete its key from the dict."
        )
        .is_empty()
    );
}

/// An exception written `!?phrase` excuses its sentence even where a negation denies
/// it: "no count can ever exceed n" bounds the counts. A plain `!phrase` still does not.
#[test]
fn an_exception_marked_anyway_excuses_in_a_denial() {
    let answer = "The counts look unbounded, but no count can ever exceed n.";
    assert!(!says("count* & unbounded & !?exceed*", answer));
    assert!(says("count* & unbounded & !exceed*", answer));
    assert!(!says(
        "count* & unbounded & !?exceed*",
        "counts are unbounded; they exceed n"
    ));
    assert!(says(
        "count* & unbounded & !?exceed*",
        "counts are unbounded"
    ));
}

/// A negation just after the words, of a verb that harms or leaves out, affirms them:
/// "the lock in get can't be skipped", "the depth never exceeds rows plus cols".
#[test]
fn a_denied_harm_after_the_words_affirms_them() {
    for answer in [
        "The lock in get can't be skipped.",
        "A lock in get must never be ignored.",
    ] {
        assert!(says("lock in get", answer), "{answer}");
    }
    // A negated harm before the words still denies them: "without hurting
    // reliability" is no `reliability dropped`, so "the depth never exceeds rows plus
    // cols" states no `rows plus col*` (an entry says `never exceed* & rows plus col*`).
    assert!(says(
        "depth",
        "Recursion is fine: the depth never exceeds rows plus cols."
    ));
    assert!(!says(
        "depth & rows plus col*",
        "Recursion is fine: the depth never exceeds rows plus cols."
    ));
    assert!(says(
        "recursion is ok",
        "Recursion is OK and never reaches the recursion limit."
    ));
    // Other denials after the words still deny them.
    for answer in ["A lock in get won't help.", "A lock in get is not needed."] {
        assert!(!says("lock in get", answer), "{answer}");
    }
}

/// "pointless", "useless", "overkill", "a waste of time" and "not worth it" judge the
/// words they are said of: a misconception so judged is taken back; "X made Y useless"
/// judges Y, "X is not pointless" states X.
#[test]
fn a_dismissal_takes_a_misconception_back() {
    let said = "reach* for ordereddict";
    for right in [
        "Reaching for OrderedDict is pointless here.",
        "Reaching for OrderedDict would be overkill.",
        "Some reach for OrderedDict, which is a waste of time.",
        "It is useless to reach for OrderedDict.",
        "Reaching for OrderedDict. That's not worth it.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    for wrong in [
        "Reaching for OrderedDict is not pointless.",
        "Reaching for OrderedDict made the linked list useless.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
}

/// "you might expect X, but ..." and "you'd think X" tell a belief to correct it.
#[test]
fn a_belief_you_might_expect_is_not_stated() {
    for right in [
        "You might expect to evict the newest node, but LRU takes the oldest.",
        "You'd think you evict the newest node, but LRU takes the oldest.",
        "One would think you evict the newest node.",
    ] {
        assert!(!says("evict the newest", right), "{right}");
    }
    assert!(says(
        "evict the newest",
        "I'd expect to evict the newest node."
    ));
}

/// An exception that opens with a form of `be` keeps it: `!is inheritance` is not
/// `!inherit*`, which excused every answer that named inheritance.
#[test]
fn an_exception_keeps_its_form_of_be() {
    let said = "mixin* & !is inheritance";
    assert!(!says(said, "A mixin is inheritance too."));
    assert!(says(said, "Mixins avoid inheritance."));
    assert!(!says("count & !is 0", "the count is 0 at the end"));
    assert!(says("count & !is 0", "count every 0 in the grid"));
}

/// A comma-less `instead of X` / `rather than X` denies X, not what the sentence goes
/// on to say after a subject of its own or an `and` (gaps3 #1).
#[test]
fn instead_of_without_a_comma_ends_at_its_object() {
    let said = "pop* from the front";
    for wrong in [
        "Keep a list instead of a deque and pop from the front.",
        "Rather than a deque I keep a list and pop from the front.",
        "Instead of a deque we use a list that we pop from the front.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
    for right in [
        "Use a deque instead of popping from the front of a list.",
        "Rather than sorting and popping from the front, keep a heap.",
    ] {
        assert!(!says(said, right), "{right}");
    }
}

/// `nothing` after a verb is its object, no denial: "threads cost nothing extra thanks
/// to the GIL" states `thanks to the GIL` (gaps3 #2); "nothing here X", "does nothing
/// to X" still deny.
#[test]
fn nothing_as_an_object_denies_nothing() {
    assert!(
        !stated(
            "thread-safe-lru",
            "Threads cost nothing extra thanks to the GIL."
        )
        .is_empty()
    );
    assert!(says(
        "thanks to the gil",
        "The lock costs nothing thanks to the GIL."
    ));
    for right in [
        "Nothing here is safe thanks to the GIL.",
        "The GIL does nothing thanks to the GIL.",
    ] {
        assert!(!says("thanks to the gil", right), "{right}");
    }
}

/// Others' belief, told to correct it: "some think X", "some people assume X", "a lot
/// of folks believe X", "people often assume X" (gaps3 #3); never the speaker's own.
#[test]
fn what_others_believe_is_not_stated() {
    for right in [
        "Some think you evict the newest node, but LRU takes the oldest.",
        "Some people assume you evict the newest node, but LRU takes the oldest.",
        "A lot of folks believe you evict the newest node; LRU takes the oldest.",
        "People often assume you evict the newest node.",
        "Many engineers think you evict the newest node.",
    ] {
        assert!(!says("evict the newest", right), "{right}");
    }
    for wrong in [
        "I think you evict the newest node.",
        "We believe you evict the newest node.",
        "Some nodes, I think, evict the newest node.",
    ] {
        assert!(says("evict the newest", wrong), "{wrong}");
    }
}

/// A claim flatly denied by the next short sentence: "X. It does not." / "X? No."
/// (gaps3 #4). Not "X. It does not matter." nor "X? No problem."
#[test]
fn a_flat_denial_in_the_next_sentence_takes_it_back() {
    let said = "remov* the need for a condition*";
    for right in [
        "Does a consistent read remove the need for a condition? No: another writer can still get in.",
        "Some say a consistent read removes the need for a condition. It does not.",
        "A consistent read removes the need for a condition. It doesn't, since another writer gets in.",
        "Does a consistent read remove the need for a condition? No.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    for wrong in [
        "A consistent read removes the need for a condition. It does not matter which.",
        "A consistent read removes the need for a condition. No problem.",
        "A consistent read removes the need for a condition. Keep it simple. It does not.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
}

/// A judgement after a `;` judges the whole clause before it, not only words that end
/// it: "X when full; that's wrong", "X and then Y; that's wrong" (gaps3 #5).
#[test]
fn a_judgement_after_a_semicolon_judges_its_clause() {
    for right in [
        "Some people evict the most recently used entry when full; that's wrong.",
        "Some evict the most recently used node and then relink; that's a bug.",
    ] {
        assert!(stated("lru-cache", right).is_empty(), "{right}");
    }
    assert!(
        stated(
            "two-sum",
            "Some people store x first and then look it up; that's wrong."
        )
        .is_empty()
    );
    for wrong in [
        "Evict the most recently used entry when full; that's how LRU works.",
        "Evict the most recently used entry when full; it's not wrong.",
        "Evict the most recently used entry, keep the dict; I think that's wrong.",
    ] {
        assert!(!stated("lru-cache", wrong).is_empty(), "{wrong}");
    }
}

/// An exception outside a part's words is not denied by that part's own negation:
/// `recursion is not a concern & !queue` is excused by "deep recursion is not a
/// concern with a queue" (gaps3 #6); an exception inside the part's words still is
/// (lfu's `min* & never reset* & !reset*`).
#[test]
fn an_exception_is_not_denied_by_a_parts_own_negation() {
    assert!(!says(
        "recursion is not a concern & !queue",
        "Deep recursion is not a concern with a queue."
    ));
    assert!(says(
        "recursion is not a concern & !queue",
        "Deep recursion is not a concern, and there is no queue."
    ));
    assert!(says(
        "min* & never reset* & !reset*",
        "min_freq is never reset on a hit."
    ));
    assert!(!says(
        "min* & never reset* & !reset*",
        "min_freq is never reset on a hit; only a new key resets it."
    ));
}

/// An ellipsis inside brackets ends no sentence: "d.update({...}) or the constructor"
/// (gaps3 #8; `…`, U+2026, ends none anywhere, as before).
#[test]
fn an_ellipsis_in_brackets_ends_no_sentence() {
    for answer in [
        "override __setitem__, and then d.update({\u{2026}}) or the constructor bypasses it",
        "override __setitem__, and then d.update({...}) or the constructor bypasses it",
    ] {
        assert!(says("__setitem__ & constructor", answer), "{answer}");
    }
    assert!(!says(
        "__setitem__ & constructor",
        "override __setitem__ and wait... The constructor bypasses it"
    ));
}

/// A judgement right after a closing bracket judges the call the bracket ends:
/// "frozenset(word) is wrong." (gaps4 #1, rvalta); a bracket that closes no bracket of
/// the words still ends their clause.
#[test]
fn a_judgement_after_a_closing_bracket_judges_the_call() {
    for right in [
        "frozenset(word) is wrong.",
        "Using frozenset(word) would be a bug.",
        "Keying on frozenset(word) is a mistake.",
    ] {
        assert!(!says("frozenset(word)", right), "{right}");
    }
    for wrong in [
        "Key on frozenset(word) instead.",
        "Key on frozenset(word), which is hashable.",
        "Key on frozenset(word) (sorting is wrong).",
        "frozenset(word) is not wrong.",
    ] {
        assert!(says("frozenset(word)", wrong), "{wrong}");
    }
}

/// "it is wrong to say X", "it's a mistake to think X": the judgement reaches the
/// clause that `to say` / `to think` opens (gaps4 #2, rvaltb); a denied judgement and
/// a clause after a break do not.
#[test]
fn a_judgement_of_saying_reaches_what_is_said() {
    for right in [
        "It is wrong to say the base must stand in for the child.",
        "It's a mistake to think the base can stand in for the child.",
    ] {
        assert!(!says("stand in for the child", right), "{right}");
    }
    for wrong in [
        "It is not wrong to say the base must stand in for the child.",
        "It is wrong to say so, but the base must stand in for the child.",
        "The base must stand in for the child.",
    ] {
        assert!(says("stand in for the child", wrong), "{wrong}");
    }
}

/// A supposition: "if I stored x first, I'd find my own 3" states nothing when a
/// `would` opens the clause after the comma (gaps4 #3, tune14a).
#[test]
fn a_supposition_with_would_after_the_comma_is_not_stated() {
    for right in [
        "If I stored x first, I'd find my own 3 and return the same index twice.",
        "If I did store x first, the lookup would find x itself.",
        "If you store x first, you would pair it with itself.",
    ] {
        assert!(!says("stor* x first", right), "{right}");
    }
    for wrong in [
        "If the number is new, I store x first, then look it up.",
        "If x is new, I'd store x first.",
        "I store x first, and if it matches it would be returned.",
        "If I store x first, I find the pair.",
    ] {
        assert!(says("stor* x first", wrong), "{wrong}");
    }
}

/// A `which would` after the comma opens a relative clause about what was said, not the
/// consequence of a supposition (rvcode): the words in the `if` clause are said.
#[test]
fn a_which_would_after_the_comma_is_no_supposition() {
    for wrong in [
        "If the number is new I store x first, which would save a pass.",
        "If x is new, I store x first, which would be simpler.",
    ] {
        assert!(says("stor* x first", wrong), "{wrong}");
    }
    assert!(!says(
        "stor* x first",
        "If I stored x first, I would find my own 3."
    ));
}

/// "yet another" is no clause break: "instead of writing yet another layer" denies the
/// layer (gaps4 #4, tune14b); `yet` as a conjunction still turns the clause.
#[test]
fn yet_another_is_no_clause_break() {
    for right in [
        "I deleted steps instead of writing yet another orchestration layer.",
        "I removed steps rather than adding yet another layer.",
        "I didn't want yet another layer, so I deleted half the scripts.",
    ] {
        assert!(!says("another layer", right), "{right}");
    }
    for wrong in [
        "Then I wrote yet another orchestration layer.",
        "It was not simple, yet another layer fixed it.",
        "It was not simple, yet I added another layer.",
    ] {
        assert!(says("another layer", wrong), "{wrong}");
    }
}

/// A `never` or `not` in another verb phrase after `and` belongs to that phrase: "the
/// base can take the subclass's place and callers never notice" states the words before
/// it (gaps5 #1, rvaltb, rvtune12a); one that negates the words' own verb still denies.
#[test]
fn a_negation_in_a_later_predicate_after_and_denies_nothing_before() {
    let said = "take* the subclass* place";
    for wrong in [
        "The base class can take the subclass's place and callers never notice.",
        "The base class can take the subclass's place and nothing breaks.",
        "A base object takes the subclass's place and the caller does not notice.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
    for right in [
        "It can't take the subclass's place.",
        "Taking the subclass's place is never safe.",
        "The base class can never take the subclass's place and callers notice.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    assert!(says(
        "recursion is ok",
        "Recursion is OK and never reaches the recursion limit."
    ));
    assert!(!says("recursion is ok", "Recursion is not OK."));
    // A form of `be` before the denial: the `and` joined its subject (course-schedule).
    assert!(!says(
        "already visited & cycle",
        "A node that was already visited and finished is not a cycle."
    ));
}

/// Suppositions by inversion, and `if ... then ... would` without a comma: "had I
/// stored x first, ...", "were I to store x first, ..." (gaps5 #2).
#[test]
fn a_supposition_by_inversion_or_then_is_not_stated() {
    let said = "stor* x first";
    for right in [
        "Had I stored x first, I would have found my own 3.",
        "Were I to store x first, I'd pair it with itself.",
        "If I stored x first then I would find x itself.",
        "If I stored x first then the lookup would find x itself.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    for wrong in [
        "I had stored x first, so the lookup found it.",
        "We store x first, then look it up.",
        "If x is new I store x first then look it up.",
        "Were the list empty, I store x first.",
        "I store x first; had I not, I would miss nothing.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
}

/// "X is a bad idea", "X is wasteful", "you should avoid X" judge X (gaps5 #3).
#[test]
fn a_bad_idea_or_wasteful_judges_the_words() {
    let said = "stor* x first";
    for right in [
        "Storing x first is a bad idea.",
        "Storing x first is pointless.",
        "Storing x first is useless here.",
        "Storing x first is wasteful.",
        "You should avoid storing x first.",
        "Storing x first would be bad.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    for wrong in [
        "Storing x first is not a bad idea.",
        "Storing x first is not wasteful.",
        "I store x first, and a bad hash is rare.",
        "I store x first, and it was bad for nobody.",
        "You should avoid nothing: store x first.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
}

/// "you might expect X, but ...", "you'd think X, but ...", "the team thought X, but
/// ..." tell a belief to correct it (gaps5 #4); a team's belief with no contrast after
/// it may be the speaker's own.
#[test]
fn a_belief_followed_by_a_contrast_is_not_stated() {
    let said = "stor* x first";
    for right in [
        "You might expect storing x first to be fine, but it pairs x with itself.",
        "You'd think you could store x first, but it pairs x with itself.",
        "The team thought we should store x first, but it pairs x with itself.",
        "My team assumed we could store x first; however, it pairs x with itself.",
        "You may think you should store x first, but it pairs x with itself.",
        "One might think we store x first, but it pairs x with itself.",
        "Most people would think you store x first, but it pairs x with itself.",
    ] {
        assert!(!says(said, right), "{right}");
    }
    for wrong in [
        "The team thought we should store x first, and it worked.",
        "The team thought we should store x first.",
        "I think we should store x first, but it costs a pass.",
    ] {
        assert!(says(said, wrong), "{wrong}");
    }
}
