//! The quiz's own statistics, item by item (issue 16): how often each item was asked
//! and answered right, and which options its answers picked, by identity (the option's
//! index in the card's own order, whatever order the quiz showed). Two patterns are
//! flagged, since they are how an author finds items to fix: an item everyone gets right
//! (too easy, or its answer gives itself away), and one whose wrong answers all pick the
//! same distractor (a misconception worth an explanation, or a distractor that is
//! arguably right).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::content::{Library, QuizItem};
use crate::quiz::Tally;
use crate::store::{ItemAnswers, Store, StoreError};
use crate::text::sanitize;

/// An item is "everyone right" only after this many answers: one or two right answers
/// say nothing yet.
pub const MIN_ANSWERS: usize = 3;
/// Wrong answers (with their picks saved) needed before "they all pick one distractor"
/// means anything: a single wrong answer always does.
pub const MIN_WRONG: usize = 2;

/// What stands out about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// At least [`MIN_ANSWERS`] answers, all right.
    AllRight,
    /// At least [`MIN_WRONG`] wrong answers that picked something, every one of them
    /// picking this wrong option (its index in the card's order).
    SameDistractor(usize),
}

/// One option of an item, by identity, and how many answers picked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionStat {
    /// Its index in the card's own order, from 0, as `answer` counts.
    pub index: usize,
    /// Its text and whether it is right, as the deck has it now; `None` when the card,
    /// the item or the option is gone (the answers were saved against an older deck).
    pub text: Option<String>,
    pub right: Option<bool>,
    pub picked: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemStat {
    pub card_id: String,
    pub item_index: usize,
    pub kind: String,
    /// Times asked (answered) and times right.
    pub tally: Tally,
    /// Choice items only: every option of the item, then any other index an answer
    /// picked. Answers saved before picks were kept are in `tally` only.
    pub options: Vec<OptionStat>,
    pub flag: Option<Flag>,
}

/// Every answered item's figures, read from the store (see [`item_stats`]).
pub fn compute(store: &Store, library: &Library) -> Result<Vec<ItemStat>, StoreError> {
    Ok(item_stats(store.quiz_items()?, library))
}

/// Every answered item's figures, in the library's order (deck, card, item), then
/// those of cards no longer in it by card id.
pub fn item_stats(answers: Vec<ItemAnswers>, library: &Library) -> Vec<ItemStat> {
    let position: HashMap<&str, usize> = library
        .cards()
        .enumerate()
        .map(|(i, (_, card))| (card.id.as_str(), i))
        .collect();
    let mut stats: Vec<ItemStat> = answers
        .into_iter()
        .map(|answers| {
            let item = library
                .card(&answers.card_id)
                .and_then(|(_, card)| card.quiz.get(answers.item_index))
                .filter(|item| item.kind().label() == answers.kind);
            one(answers, item)
        })
        .collect();
    stats.sort_by_key(|s| {
        (
            position
                .get(s.card_id.as_str())
                .copied()
                .unwrap_or(usize::MAX),
            s.card_id.clone(),
            s.item_index,
        )
    });
    stats
}

fn one(answers: ItemAnswers, item: Option<&QuizItem>) -> ItemStat {
    let (texts, right): (&[crate::text::Shown], Vec<usize>) = match item {
        Some(QuizItem::Single(s)) => (&s.options, vec![s.answer]),
        Some(QuizItem::Multiple(m)) => (&m.options, m.answers.clone()),
        _ => (&[], Vec::new()),
    };
    let known = item.is_some();
    let mut options: Vec<OptionStat> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| OptionStat {
            index,
            text: Some(text.to_string()),
            right: Some(right.contains(&index)),
            picked: 0,
        })
        .collect();
    for pick in &answers.picks {
        for &index in &pick.options {
            if let Some(option) = options.iter_mut().find(|o| o.index == index) {
                option.picked += pick.count;
            } else {
                options.push(OptionStat {
                    index,
                    text: None,
                    right: None,
                    picked: pick.count,
                });
            }
        }
    }
    options.sort_by_key(|o| o.index);
    let tally = answers.tally;
    let flag = if tally.total >= MIN_ANSWERS && tally.correct == tally.total {
        Some(Flag::AllRight)
    } else if known {
        same_distractor(&answers, &right).map(Flag::SameDistractor)
    } else {
        None
    };
    ItemStat {
        card_id: answers.card_id,
        item_index: answers.item_index,
        kind: answers.kind,
        tally,
        options,
        flag,
    }
}

/// The wrong option every wrong answer that picked something picked, when there are at
/// least [`MIN_WRONG`] of them (the lowest index, should several qualify).
fn same_distractor(answers: &ItemAnswers, right: &[usize]) -> Option<usize> {
    let wrong: Vec<_> = answers
        .picks
        .iter()
        .filter(|p| !p.correct && !p.options.is_empty())
        .collect();
    if wrong.iter().map(|p| p.count).sum::<usize>() < MIN_WRONG {
        return None;
    }
    let first = wrong.first()?;
    first
        .options
        .iter()
        .copied()
        .filter(|o| !right.contains(o))
        .find(|o| wrong.iter().all(|p| p.options.contains(o)))
}

/// `{card, item, kind, asked, right, rate, picked: [{option, text, right, count}],
/// flag: null | "all_right" | "same_distractor", same_distractor: index | null}`.
pub fn item_json(item: &ItemStat) -> Value {
    let (flag, distractor) = match item.flag {
        None => (None, None),
        Some(Flag::AllRight) => (Some("all_right"), None),
        Some(Flag::SameDistractor(o)) => (Some("same_distractor"), Some(o)),
    };
    json!({
        "card": item.card_id,
        "item": item.item_index,
        "kind": item.kind,
        "asked": item.tally.total,
        "right": item.tally.correct,
        "rate": item.tally.rate(),
        "picked": item.options.iter().map(|o| json!({
            "option": o.index, "text": o.text, "right": o.right, "count": o.picked,
        })).collect::<Vec<_>>(),
        "flag": flag,
        "same_distractor": distractor,
    })
}

/// How much of an option's text a note quotes.
const QUOTE_CHARS: usize = 48;

/// The `tutor stats --items` table: every answered item, one line each, with a note on
/// the flagged ones. Card ids and option text are made display-safe.
pub fn table(items: &[ItemStat]) -> String {
    if items.is_empty() {
        return "no quiz answers yet\n".to_string();
    }
    let rows: Vec<[String; 6]> = items
        .iter()
        .map(|s| {
            [
                sanitize(&s.card_id).into_owned(),
                format!("quiz[{}]", s.item_index),
                sanitize(&s.kind).into_owned(),
                s.tally.total.to_string(),
                s.tally.correct.to_string(),
                note(s),
            ]
        })
        .collect();
    let header = ["card", "item", "kind", "asked", "right", "note"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(header.map(String::from)).chain(rows) {
        let [card, item, kind, asked, right, note] = &row;
        let line = format!(
            "{card:<w0$}  {item:<w1$}  {kind:<w2$}  {asked:>w3$}  {right:>w4$}  {note}",
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4],
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let flagged = items.iter().filter(|s| s.flag.is_some()).count();
    let _ = writeln!(
        out,
        "{} item{} answered, {flagged} flagged (everyone right after {MIN_ANSWERS} answers or \
         more; every wrong answer, {MIN_WRONG} or more, on one distractor)",
        items.len(),
        if items.len() == 1 { "" } else { "s" },
    );
    out
}

fn note(item: &ItemStat) -> String {
    match item.flag {
        None => String::new(),
        Some(Flag::AllRight) => "everyone right: too easy, or the answer gives itself away".into(),
        Some(Flag::SameDistractor(o)) => {
            let text = item
                .options
                .iter()
                .find(|opt| opt.index == o)
                .and_then(|opt| opt.text.as_deref())
                .unwrap_or_default();
            let mut quoted: String = text.chars().take(QUOTE_CHARS).collect();
            if text.chars().count() > QUOTE_CHARS {
                quoted.push('…');
            }
            format!(
                "every wrong answer picked options[{o}] \"{}\"",
                sanitize(&quoted)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SingleChoice;
    use crate::store::Picked;

    /// The first bundled single-choice item: (card id, item index, the item).
    fn a_single() -> (String, usize, SingleChoice) {
        let library = crate::content::bundled_library();
        library
            .cards()
            .find_map(|(_, card)| {
                card.quiz
                    .iter()
                    .enumerate()
                    .find_map(|(i, item)| match item {
                        QuizItem::Single(s) => Some((card.id.to_string(), i, s.clone())),
                        _ => None,
                    })
            })
            .unwrap()
    }

    fn answers(card: &str, index: usize, picks: &[(&[usize], bool, usize)]) -> ItemAnswers {
        let picks: Vec<Picked> = picks
            .iter()
            .map(|(options, correct, count)| Picked {
                options: options.to_vec(),
                correct: *correct,
                count: *count,
            })
            .collect();
        let mut tally = Tally::default();
        for p in &picks {
            tally.total += p.count;
            tally.correct += if p.correct { p.count } else { 0 };
        }
        ItemAnswers {
            card_id: card.into(),
            item_index: index,
            kind: "single".into(),
            tally,
            picks,
        }
    }

    fn stat(answers: ItemAnswers) -> ItemStat {
        let mut stats = item_stats(vec![answers], crate::content::bundled_library());
        assert_eq!(stats.len(), 1);
        stats.remove(0)
    }

    #[test]
    fn an_item_everyone_gets_right_is_flagged_after_enough_answers() {
        let (card, i, item) = a_single();
        let right: &[usize] = &[item.answer];
        let two = stat(answers(&card, i, &[(right, true, MIN_ANSWERS - 1)]));
        assert_eq!(two.flag, None, "too few answers to say");
        let all = stat(answers(&card, i, &[(right, true, MIN_ANSWERS)]));
        assert_eq!(all.flag, Some(Flag::AllRight));
        assert_eq!(all.options.len(), item.options.len());
        let picked: Vec<usize> = all.options.iter().map(|o| o.picked).collect();
        let mut expected = vec![0; item.options.len()];
        expected[item.answer] = MIN_ANSWERS;
        assert_eq!(picked, expected);
        assert_eq!(all.options[item.answer].right, Some(true));
        assert_eq!(
            all.options[item.answer].text.as_deref(),
            Some(item.options[item.answer].as_str())
        );
    }

    #[test]
    fn wrong_answers_all_on_one_distractor_are_flagged() {
        let (card, i, item) = a_single();
        let wrong: Vec<usize> = (0..item.options.len())
            .filter(|&o| o != item.answer)
            .collect();
        let (a, b) = (&wrong[..1], &wrong[1..2]);
        let right: &[usize] = &[item.answer];
        let same = stat(answers(
            &card,
            i,
            &[(right, true, 1), (a, false, 2), (&[], false, 1)],
        ));
        assert_eq!(
            same.flag,
            Some(Flag::SameDistractor(a[0])),
            "giving up picks nothing"
        );
        assert!(table(&[same]).contains(&format!("every wrong answer picked options[{}]", a[0])));
        let split = stat(answers(&card, i, &[(a, false, 2), (b, false, 1)]));
        assert_eq!(split.flag, None);
        let one = stat(answers(&card, i, &[(a, false, 1)]));
        assert_eq!(one.flag, None, "one wrong answer says nothing");
    }

    #[test]
    fn answers_to_a_card_no_longer_there_keep_their_picks() {
        let s = stat(answers("gone-card", 4, &[(&[7], false, 2)]));
        assert_eq!(s.flag, None, "which options are wrong is not known");
        assert_eq!(
            s.options,
            [OptionStat {
                index: 7,
                text: None,
                right: None,
                picked: 2
            }]
        );
        let json = item_json(&s);
        assert_eq!(json["card"], "gone-card");
        assert_eq!(json["asked"], 2);
        assert_eq!(json["right"], 0);
        assert_eq!(json["picked"][0]["option"], 7);
        assert!(json["picked"][0]["text"].is_null());
        assert!(json["flag"].is_null());
    }

    #[test]
    fn the_table_lines_up_and_is_display_safe() {
        let (card, i, item) = a_single();
        let right: &[usize] = &[item.answer];
        let rows = item_stats(
            vec![
                answers(&card, i, &[(right, true, 3)]),
                answers("evil\x1b[2J", 0, &[(&[0], false, 1)]),
            ],
            crate::content::bundled_library(),
        );
        let text = table(&rows);
        assert!(!text.contains('\x1b'), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].starts_with("card "), "{text}");
        let column = |l: &str| l.find("quiz[").unwrap();
        assert_eq!(column(lines[1]), column(lines[2]), "{text}");
        assert!(lines[1].ends_with("everyone right: too easy, or the answer gives itself away"));
        assert!(
            lines[3].starts_with("2 items answered, 1 flagged"),
            "{text}"
        );
        assert_eq!(table(&[]), "no quiz answers yet\n");
    }
}
