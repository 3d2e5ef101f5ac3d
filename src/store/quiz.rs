//! Quiz results: one row per answered quiz item. They live in their own table, and
//! nothing here reads or writes the review log or the card states, so practising with
//! quizzes never moves a card's review schedule.

use rusqlite::params;

use super::{Store, StoreError, classify, duration_ms};
use crate::content::QuizKind;
use crate::days::{DayNumber, Days};
use crate::quiz::{QuizRecord, Tally};

/// Quiz figures for stats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuizSummary {
    pub all_time: Tally,
    /// Answers on or after the day the summary was asked from.
    pub recent: Tally,
    /// All time, per kind: every known kind in [`QuizKind::ALL`] order (zeros
    /// included), then any other kind the table holds.
    pub by_kind: Vec<(String, Tally)>,
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
             duration_ms, local_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
            ])
        })
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(sql)?;
        Ok(id)
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
        Ok(summary)
    }

    /// How many quiz answers the table holds.
    pub fn quiz_result_count(&self) -> Result<u64, StoreError> {
        self.count("SELECT COUNT(*) FROM quiz_result")
    }
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
            card_id: card.into(),
            item_index: 1,
            kind,
            correct,
            answered_at: at,
            duration: Duration::from_millis(4200),
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

    #[test]
    fn a_kind_this_tutor_does_not_know_is_still_counted() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute(
                "INSERT INTO quiz_result (card_id, item_index, kind, correct, answered_at, \
                 duration_ms, local_day) VALUES ('a', 0, 'essay', 1, 0, 0, 0)",
                [],
            )
            .unwrap();
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
        assert_eq!(migrations::latest(), 4);
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
