//! Quiz results: one row per answered quiz item. They live in their own table, and
//! nothing here reads or writes the review log or the card states, so practising with
//! quizzes never moves a card's review schedule.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, classify, duration_ms};
use crate::content::QuizKind;
use crate::days::{DayNumber, Days};
use crate::quiz::{Claim, QuizRecord, Tally};

/// One quiz item's saved answers, for `tutor stats --items`: the item as the table
/// knows it (card, index in the card's quiz list, kind) and its answers grouped by what
/// they picked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemAnswers {
    pub card_id: String,
    pub item_index: usize,
    pub kind: String,
    /// Every answer, right or wrong, including those saved without their picks.
    pub tally: Tally,
    /// Answers saved with their picks (choice items, since schema 4), one entry per
    /// distinct pick and outcome.
    pub picks: Vec<Picked>,
}

/// How many answers picked exactly `options` (indices in the card's own order; empty
/// when nothing was picked) and came out `correct`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub options: Vec<usize>,
    pub correct: bool,
    pub count: usize,
}

/// Quiz figures for stats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuizSummary {
    pub all_time: Tally,
    /// Answers on or after the day the summary was asked from.
    pub recent: Tally,
    /// All time, per kind: every known kind in [`QuizKind::ALL`] order (zeros
    /// included), then any other kind the table holds, as read: `stats --json` gives
    /// it as it is (JSON-escaped), the report shows it through `shown!`.
    pub by_kind: Vec<(String, Tally)>,
    /// Of `all_time`'s right answers, those right only by the learner's claims.
    pub self_assessed: usize,
    /// Recall key points, all time: made as the scorer found them, claimed by the
    /// learner (self-assessed), and in all (answers saved before points were kept count
    /// in none of these).
    pub points_scored: usize,
    pub points_claimed: usize,
    pub points_total: usize,
}

impl Store {
    /// Saves one quiz answer durably, in its own transaction; returns the row id.
    pub fn record_quiz_result(
        &mut self,
        record: &QuizRecord,
        days: &Days,
    ) -> Result<i64, StoreError> {
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        tx.prepare_cached(
            "INSERT INTO quiz_result (card_id, item_index, kind, correct, answered_at, \
             duration_ms, local_day, points_made, points_total, picked) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                record.card_id,
                i64::try_from(record.item_index).unwrap_or(i64::MAX),
                record.kind.label(),
                record.correct,
                record.answered_at.as_millisecond(),
                duration_ms(record.duration),
                days.day_of(record.answered_at),
                record.points.map(|(made, _)| count(made)),
                record.points.map(|(_, total)| count(total)),
                record.picked.as_deref().map(picked_text),
            ])
        })
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// Saves a claimed point ("I did say that") of the saved answer `claim` names, in its
    /// own transaction. When the answer's missed points are then all claimed, it counts
    /// as right, self-assessed. Claiming a point twice changes nothing.
    pub fn record_claim(&mut self, claim: &Claim) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        let found = tx
            .query_row(
                "SELECT id, points_total - points_made FROM quiz_result \
                 WHERE card_id = ?1 AND item_index = ?2 AND answered_at = ?3 \
                 ORDER BY id DESC LIMIT 1",
                params![
                    claim.card_id,
                    count(claim.item_index),
                    claim.answered_at.as_millisecond()
                ],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?)),
            )
            .optional()
            .map_err(sql)?;
        let Some((id, missed)) = found else {
            return Err(StoreError::NoAnswer {
                card: claim.card_id.clone(),
                item: claim.item_index + 1,
            });
        };
        tx.execute(
            "INSERT OR IGNORE INTO quiz_claim (result_id, point_index, claimed_at) \
             VALUES (?1, ?2, ?3)",
            params![id, count(claim.point), claim.claimed_at.as_millisecond()],
        )
        .map_err(sql)?;
        // A sync sends the answer again, with its claims (see `crate::sync`).
        tx.execute(
            "UPDATE quiz_result SET sent = 0 WHERE id = ?1 AND origin IS NULL",
            [id],
        )
        .map_err(sql)?;
        let claimed: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM quiz_claim WHERE result_id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if missed.is_some_and(|m| claimed >= m) {
            tx.execute(
                "UPDATE quiz_result SET correct = 1, self_assessed = 1 \
                 WHERE id = ?1 AND correct = 0",
                [id],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// Totals, by kind, and since `since` (a study day, inclusive).
    pub fn quiz_summary(&self, since: DayNumber) -> Result<QuizSummary, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT kind, local_day >= ?1, SUM(correct), COUNT(*) FROM quiz_result \
                 GROUP BY kind, local_day >= ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([since], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut summary = QuizSummary {
            by_kind: QuizKind::ALL
                .iter()
                .map(|k| (k.label().to_string(), Tally::default()))
                .collect(),
            ..QuizSummary::default()
        };
        for row in rows {
            let (kind, recent, correct, total) = row.map_err(|e| self.err(e))?;
            let tally = Tally {
                correct: usize::try_from(correct).unwrap_or(0),
                total: usize::try_from(total).unwrap_or(0),
            };
            add(&mut summary.all_time, tally);
            if recent {
                add(&mut summary.recent, tally);
            }
            if let Some((_, slot)) = summary.by_kind.iter_mut().find(|(k, _)| *k == kind) {
                add(slot, tally);
            } else {
                summary.by_kind.push((kind, tally));
            }
        }
        let (self_assessed, scored, total, claimed) = self
            .conn
            .query_row(
                "SELECT COALESCE(SUM(self_assessed), 0), COALESCE(SUM(points_made), 0), \
                 COALESCE(SUM(points_total), 0), (SELECT COUNT(*) FROM quiz_claim) \
                 FROM quiz_result",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                },
            )
            .map_err(|e| self.err(e))?;
        let n = |v: i64| usize::try_from(v).unwrap_or(0);
        summary.self_assessed = n(self_assessed);
        summary.points_scored = n(scored);
        summary.points_total = n(total);
        summary.points_claimed = n(claimed);
        Ok(summary)
    }

    /// Every item's answers, ordered by card id, item index and kind.
    pub fn quiz_items(&self) -> Result<Vec<ItemAnswers>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT card_id, item_index, kind, picked, correct, COUNT(*) FROM quiz_result \
                 GROUP BY card_id, item_index, kind, picked, correct \
                 ORDER BY card_id, item_index, kind",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut items: Vec<ItemAnswers> = Vec::new();
        for row in rows {
            let (card_id, index, kind, picked, correct, count) = row.map_err(|e| self.err(e))?;
            let item_index = usize::try_from(index).unwrap_or(0);
            let count = usize::try_from(count).unwrap_or(0);
            let same = items.last().is_some_and(|last| {
                last.card_id == card_id && last.item_index == item_index && last.kind == kind
            });
            if !same {
                items.push(ItemAnswers {
                    card_id,
                    item_index,
                    kind,
                    ..ItemAnswers::default()
                });
            }
            let Some(item) = items.last_mut() else {
                continue;
            };
            item.tally.total += count;
            if correct {
                item.tally.correct += count;
            }
            if let Some(options) = picked.as_deref().and_then(parse_picked) {
                item.picks.push(Picked {
                    options,
                    correct,
                    count,
                });
            }
        }
        Ok(items)
    }

    /// How many quiz answers the table holds.
    pub fn quiz_result_count(&self) -> Result<u64, StoreError> {
        self.count("SELECT COUNT(*) FROM quiz_result")
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `[0, 3]` as the `picked` column holds it: `0,3`.
fn picked_text(options: &[usize]) -> String {
    options
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The `picked` column read back; `None` for text no tutor wrote (it is left out of the
/// picks, and still counted as an answer).
fn parse_picked(text: &str) -> Option<Vec<usize>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|n| n.parse().ok()).collect()
}

fn add(into: &mut Tally, more: Tally) {
    into.correct += more.correct;
    into.total += more.total;
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use jiff::{SignedDuration, Timestamp};
    use rusqlite::Connection;

    use super::*;
    use crate::srs::{Rating, Scheduler, Settings};
    use crate::store::{DB_FILE, migrations};

    fn t0() -> Timestamp {
        "2026-05-10T12:00:00Z".parse().unwrap()
    }

    fn record(card: &str, kind: QuizKind, correct: bool, at: Timestamp) -> QuizRecord {
        QuizRecord {
            points: None,
            card_id: card.into(),
            item_index: 1,
            kind,
            correct,
            answered_at: at,
            duration: Duration::from_millis(4200),
            picked: None,
        }
    }

    fn days_ago(n: i64) -> Timestamp {
        t0() - SignedDuration::from_hours(24 * n)
    }

    #[test]
    fn results_are_saved_and_summarised() {
        let mut store = Store::open_in_memory().unwrap();
        let days = Days::utc();
        let today = days.day_of(t0());
        assert_eq!(
            store.quiz_summary(today - 29).unwrap().all_time,
            Tally::default()
        );
        for (kind, correct, ago) in [
            (QuizKind::Single, true, 0),
            (QuizKind::Single, false, 1),
            (QuizKind::Cloze, true, 29),
            (QuizKind::Recall, false, 30),
            (QuizKind::Recall, true, 100),
        ] {
            store
                .record_quiz_result(&record("gil", kind, correct, days_ago(ago)), &days)
                .unwrap();
        }
        let s = store.quiz_summary(today - 29).unwrap();
        assert_eq!(
            s.all_time,
            Tally {
                correct: 3,
                total: 5
            }
        );
        assert_eq!(
            s.recent,
            Tally {
                correct: 2,
                total: 3
            },
            "the last 30 days"
        );
        let by_kind: Vec<(&str, usize, usize)> = s
            .by_kind
            .iter()
            .map(|(k, t)| (k.as_str(), t.correct, t.total))
            .collect();
        assert_eq!(
            by_kind,
            [
                ("single", 1, 2),
                ("multiple", 0, 0),
                ("cloze", 1, 1),
                ("reorder", 0, 0),
                ("recall", 1, 2)
            ]
        );
        assert_eq!(store.quiz_result_count().unwrap(), 5);
        let (duration, day): (i64, i64) = store
            .conn
            .query_row(
                "SELECT duration_ms, local_day FROM quiz_result WHERE kind = 'cloze'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((duration, day), (4200, today - 29));
    }

    fn picked(card: &str, index: usize, correct: bool, options: &[usize]) -> QuizRecord {
        QuizRecord {
            item_index: index,
            picked: Some(options.to_vec()),
            ..record(card, QuizKind::Multiple, correct, t0())
        }
    }

    #[test]
    fn picks_are_saved_by_identity_and_read_back_per_item() {
        let mut store = Store::open_in_memory().unwrap();
        let days = Days::utc();
        for r in [
            picked("gil", 1, true, &[0, 2]),
            picked("gil", 1, false, &[3]),
            picked("gil", 1, false, &[3]),
            picked("gil", 1, false, &[]),
            picked("args-kwargs", 0, true, &[1]),
            record("gil", QuizKind::Cloze, true, t0()),
        ] {
            store.record_quiz_result(&r, &days).unwrap();
        }
        let column: Vec<Option<String>> = store
            .conn
            .prepare("SELECT picked FROM quiz_result ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let text = |s: &str| Some(s.to_string());
        assert_eq!(
            column,
            [text("0,2"), text("3"), text("3"), text(""), text("1"), None]
        );
        let items = store.quiz_items().unwrap();
        let summary: Vec<(&str, usize, &str, usize, usize)> = items
            .iter()
            .map(|i| {
                let (c, n, k) = (i.card_id.as_str(), i.item_index, i.kind.as_str());
                (c, n, k, i.tally.correct, i.tally.total)
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("args-kwargs", 0, "multiple", 1, 1),
                ("gil", 1, "cloze", 1, 1),
                ("gil", 1, "multiple", 1, 4)
            ]
        );
        let mut picks = items[2].picks.clone();
        picks.sort_by(|a, b| a.options.cmp(&b.options));
        let pick = |options: &[usize], correct, count| Picked {
            options: options.to_vec(),
            correct,
            count,
        };
        assert_eq!(
            picks,
            [
                pick(&[], false, 1),
                pick(&[0, 2], true, 1),
                pick(&[3], false, 2)
            ]
        );
        assert_eq!(items[1].picks, [], "a cloze answer picks no option");
    }

    /// A database as version 3 left it, holding one answer of `kind` to `gil` quiz[0]
    /// (no recall points, claims or picks: those columns came later).
    fn version_3_with_an_answer(kind: &str, correct: bool) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        migrations::migrations().to_version(&mut conn, 3).unwrap();
        conn.execute(
            "INSERT INTO quiz_result (card_id, item_index, kind, correct, answered_at, \
             duration_ms, local_day) VALUES ('gil', 0, ?1, ?2, 1778400000000, 900, 20583)",
            rusqlite::params![kind, correct],
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_result_saved_before_picks_were_kept_still_reads() {
        let dir = version_3_with_an_answer("single", false);
        let mut store = Store::open(dir.path()).unwrap();
        store
            .record_quiz_result(&picked("gil", 0, true, &[2]), &Days::utc())
            .unwrap();
        let s = store.quiz_summary(0).unwrap();
        assert_eq!(
            s.all_time,
            Tally {
                correct: 1,
                total: 2
            }
        );
        let items = store.quiz_items().unwrap();
        let kinds: Vec<(&str, Tally, usize)> = items
            .iter()
            .map(|i| (i.kind.as_str(), i.tally, i.picks.len()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    "multiple",
                    Tally {
                        correct: 1,
                        total: 1
                    },
                    1
                ),
                (
                    "single",
                    Tally {
                        correct: 0,
                        total: 1
                    },
                    0
                )
            ],
            "the old answer counts, with no picks"
        );
    }

    /// A row as another program (or a newer tutor) might write it, for card `a`.
    fn insert_raw(store: &Store, kind: &str, correct: bool, picked: Option<&str>) {
        store
            .conn
            .execute(
                "INSERT INTO quiz_result (card_id, item_index, kind, correct, answered_at, \
                 duration_ms, local_day, picked) VALUES ('a', 0, ?1, ?2, 0, 0, 0, ?3)",
                rusqlite::params![kind, correct, picked],
            )
            .unwrap();
    }

    #[test]
    fn a_picked_value_no_tutor_wrote_counts_without_picks() {
        let store = Store::open_in_memory().unwrap();
        insert_raw(&store, "single", false, Some("x,-1"));
        let items = store.quiz_items().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].tally.total, items[0].picks.len()), (1, 0));
    }

    #[test]
    fn a_kind_this_tutor_does_not_know_is_still_counted() {
        let store = Store::open_in_memory().unwrap();
        insert_raw(&store, "essay", true, None);
        let s = store.quiz_summary(0).unwrap();
        assert_eq!(s.by_kind.len(), QuizKind::ALL.len() + 1);
        assert_eq!(
            s.by_kind.last().unwrap(),
            &(
                "essay".to_string(),
                Tally {
                    correct: 1,
                    total: 1
                }
            )
        );
    }

    #[test]
    fn quizzing_never_touches_reviews_or_schedules() {
        let mut store = Store::open_in_memory().unwrap();
        let scheduler = Scheduler::new(&Settings::default()).unwrap();
        let days = Days::utc();
        for (card, at) in [("gil", days_ago(3)), ("lru-cache", days_ago(2))] {
            store
                .grade(&scheduler, card, Rating::Good, at, Duration::ZERO, &days)
                .unwrap();
        }
        let states = store.card_states().unwrap();
        let log = store.revlog().unwrap();
        // Right and wrong answers, for reviewed and never-reviewed cards.
        for (i, card) in ["gil", "lru-cache", "group-anagrams"].iter().enumerate() {
            for correct in [true, false] {
                let at = t0() + SignedDuration::from_secs(i64::try_from(i).unwrap());
                store
                    .record_quiz_result(&record(card, QuizKind::Reorder, correct, at), &days)
                    .unwrap();
            }
        }
        assert_eq!(store.quiz_result_count().unwrap(), 6);
        assert_eq!(store.card_states().unwrap(), states);
        assert_eq!(store.revlog().unwrap(), log);
        assert_eq!(store.card_state("group-anagrams").unwrap(), None);
        // A rebuild from the log alone changes nothing either.
        assert_eq!(store.rebuild(&scheduler).unwrap().changed, 0);
    }

    fn recall(at: Timestamp, made: usize, total: usize) -> QuizRecord {
        QuizRecord {
            points: Some((made, total)),
            correct: made == total,
            ..record("lru-cache", QuizKind::Recall, false, at)
        }
    }

    fn claim(at: Timestamp, point: usize) -> Claim {
        Claim {
            card_id: "lru-cache".into(),
            item_index: 1,
            answered_at: at,
            point,
            claimed_at: at + SignedDuration::from_secs(5),
        }
    }

    /// A database as tutor left it at schema 3 (no claims, no points) opens, keeps its
    /// answers, and takes claims: an answer counts as right, self-assessed, once every
    /// missed point is claimed, and stats count claimed points apart from scored ones.
    #[test]
    fn a_version_3_database_takes_claims_after_migrating() {
        let dir = version_3_with_an_answer("recall", true);
        let mut store = Store::open(dir.path()).unwrap();
        let days = Days::utc();
        store
            .record_quiz_result(&recall(t0(), 1, 3), &days)
            .unwrap();
        let right_by_word = |store: &Store| {
            let s = store.quiz_summary(0).unwrap();
            (s.all_time.correct, s.self_assessed, s.points_claimed)
        };
        assert_eq!(
            right_by_word(&store),
            (1, 0, 0),
            "the old answer counts as it was"
        );
        store.record_claim(&claim(t0(), 0)).unwrap();
        store.record_claim(&claim(t0(), 0)).unwrap();
        assert_eq!(
            right_by_word(&store),
            (1, 0, 1),
            "one of two missed: still wrong"
        );
        store.record_claim(&claim(t0(), 2)).unwrap();
        let s = store.quiz_summary(0).unwrap();
        assert_eq!(
            (s.all_time.correct, s.all_time.total, s.self_assessed),
            (2, 2, 1),
            "every missed point claimed: right, self-assessed"
        );
        assert_eq!(
            (s.points_scored, s.points_claimed, s.points_total),
            (1, 2, 3)
        );
        // A claim names a saved answer; one that is not there is an error, not a row.
        let err = store
            .record_claim(&claim(t0() + SignedDuration::from_secs(1), 0))
            .unwrap_err();
        assert!(err.to_string().contains("item 2 of lru-cache"), "{err}");
        drop(store);
        // Opened again at the latest schema: as it was.
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(right_by_word(&store), (2, 1, 2));
    }

    #[test]
    fn a_version_1_database_is_migrated_with_its_reviews() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations::migrations().to_version(&mut conn, 1).unwrap();
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, 1);
            // What version 1 wrote for two Good grades of one card a day apart.
            conn.execute_batch(
                "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, \
                 days_elapsed, interval_ms, duration_ms, local_day) VALUES \
                 ('gil', 1778400000000, 3, 0, 0, 600000, 5000, 20583), \
                 ('gil', 1778486400000, 3, 1, 1, 259200000, 3000, 20584); \
                 INSERT INTO settings (key, value) VALUES ('desired-retention', '0.85');",
            )
            .unwrap();
        }
        let mut store = Store::open(dir.path()).unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(usize::try_from(version).unwrap(), migrations::latest());
        assert_eq!(migrations::latest(), 10);
        assert_eq!(store.review_count().unwrap(), 2);
        // Opening derived the card's state from its two reviews (schema 3).
        assert!(store.card_state("gil").unwrap().is_some());
        let log = store.revlog().unwrap();
        assert_eq!(
            log.iter()
                .map(|r| (r.card_id.as_str(), r.review_time, r.duration_ms))
                .collect::<Vec<_>>(),
            [
                ("gil", 1_778_400_000_000, 5000),
                ("gil", 1_778_486_400_000, 3000)
            ]
        );
        let retention: String = store
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'desired-retention'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(retention, "0.85");
        // The old reviews still schedule the card, and the new table works.
        let scheduler = Scheduler::new(&Settings::default()).unwrap();
        assert_eq!(store.rebuild(&scheduler).unwrap().reviews, 2);
        assert!(store.card_state("gil").unwrap().is_some());
        store
            .record_quiz_result(&record("gil", QuizKind::Multiple, true, t0()), &Days::utc())
            .unwrap();
        assert_eq!(store.quiz_result_count().unwrap(), 1);
        assert_eq!(store.review_count().unwrap(), 2);
    }
}
