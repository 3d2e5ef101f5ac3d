//! What a sync between machines needs from the store (see `crate::sync`): the rows made
//! on this device that its file in the sync folder does not hold yet, marking them
//! written, and quiz answers, practice runs and mock interviews brought from another
//! device. Reviews come in through [`Store::import_revlog_from`], the importer `tutor
//! import revlog` uses.

use rusqlite::{OptionalExtension as _, params};

use super::{InterviewRow, RevlogRow, Store, StoreError, classify};
use crate::days::Days;

/// A quiz answer as a sync carries it: the `quiz_result` row and its claimed points
/// (point index, when claimed, ms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRow {
    pub card_id: String,
    pub item_index: i64,
    pub kind: String,
    pub correct: bool,
    pub answered_at: i64,
    pub duration_ms: i64,
    pub points_made: Option<i64>,
    pub points_total: Option<i64>,
    pub self_assessed: bool,
    pub picked: Option<String>,
    pub claims: Vec<(i64, i64)>,
}

/// A completed practice run as a sync carries it: the `attempts` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRow {
    pub card_id: String,
    pub lang: String,
    pub ran_at: i64,
    pub passed: i64,
    pub failed: i64,
    pub outcome: String,
    pub seconds_spent: i64,
    pub solution_shown: bool,
}

/// Rows made on this device, each with its row id (for [`Store::mark_sent`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsent {
    pub reviews: Vec<(i64, RevlogRow)>,
    pub quiz: Vec<(i64, QuizRow)>,
    pub attempts: Vec<(i64, AttemptRow)>,
    /// Mock interviews; their transcript files stay on the device that made them.
    pub interviews: Vec<(i64, InterviewRow)>,
}

impl Store {
    /// The rows made here (not brought by a sync) that are not yet written to this
    /// device's sync file; with `all`, every row made here, written or not (the file
    /// is new or was lost).
    pub fn unsent(&self, all: bool) -> Result<Unsent, StoreError> {
        let filter = if all { "" } else { " AND sent = 0" };
        let mut out = Unsent::default();
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT id, card_id, reviewed_at, rating, state_before, duration_ms \
                 FROM review_log WHERE origin IS NULL{filter} ORDER BY reviewed_at, id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    RevlogRow {
                        card_id: r.get(1)?,
                        review_time: r.get(2)?,
                        rating: r.get(3)?,
                        state: r.get(4)?,
                        duration_ms: r.get(5)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        out.reviews = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT id, card_id, item_index, kind, correct, answered_at, duration_ms, \
                 points_made, points_total, self_assessed, picked \
                 FROM quiz_result WHERE origin IS NULL{filter} ORDER BY answered_at, id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    QuizRow {
                        card_id: r.get(1)?,
                        item_index: r.get(2)?,
                        kind: r.get(3)?,
                        correct: r.get(4)?,
                        answered_at: r.get(5)?,
                        duration_ms: r.get(6)?,
                        points_made: r.get(7)?,
                        points_total: r.get(8)?,
                        self_assessed: r.get(9)?,
                        picked: r.get(10)?,
                        claims: Vec::new(),
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        out.quiz = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        let mut claims = self
            .conn()
            .prepare(
                "SELECT point_index, claimed_at FROM quiz_claim WHERE result_id = ?1 \
                 ORDER BY point_index",
            )
            .map_err(|e| self.err(e))?;
        for (id, row) in &mut out.quiz {
            let found = claims
                .query_map([*id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?;
            row.claims = found.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        }
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT id, card_id, lang, ran_at, passed, failed, outcome, seconds_spent, \
                 solution_shown FROM attempts WHERE origin IS NULL{filter} ORDER BY ran_at, id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    AttemptRow {
                        card_id: r.get(1)?,
                        lang: r.get(2)?,
                        ran_at: r.get(3)?,
                        passed: r.get(4)?,
                        failed: r.get(5)?,
                        outcome: r.get(6)?,
                        seconds_spent: r.get(7)?,
                        solution_shown: r.get(8)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        out.attempts = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        out.interviews = self.interviews_where(&format!("origin IS NULL{filter}"))?;
        Ok(out)
    }

    /// Marks rows as written to this device's sync file, in one transaction.
    pub fn mark_sent(&mut self, unsent: &Unsent) -> Result<(), StoreError> {
        fn ids<T>(rows: &[(i64, T)]) -> Vec<i64> {
            rows.iter().map(|(id, _)| *id).collect()
        }
        let path = self.path().to_path_buf();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        for (table, ids) in [
            ("review_log", ids(&unsent.reviews)),
            ("quiz_result", ids(&unsent.quiz)),
            ("attempts", ids(&unsent.attempts)),
            ("interview", ids(&unsent.interviews)),
        ] {
            let mut mark = tx
                .prepare(&format!("UPDATE {table} SET sent = 1 WHERE id = ?1"))
                .map_err(sql)?;
            for id in ids {
                mark.execute([id]).map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)
    }

    /// Adds the practice runs not already here (same card, language and time), marked
    /// as brought from device `origin`. One transaction. Returns how many were added.
    pub fn import_attempts(
        &mut self,
        rows: &[AttemptRow],
        origin: &str,
    ) -> Result<usize, StoreError> {
        self.insert_new(
            "INSERT INTO attempts (card_id, lang, ran_at, passed, failed, outcome, \
             seconds_spent, solution_shown, origin) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE NOT EXISTS \
             (SELECT 1 FROM attempts WHERE card_id = ?1 AND lang = ?2 AND ran_at = ?3)",
            rows,
            |insert, r| {
                insert.execute(params![
                    r.card_id,
                    r.lang,
                    r.ran_at,
                    r.passed,
                    r.failed,
                    r.outcome,
                    r.seconds_spent,
                    r.solution_shown,
                    origin
                ])
            },
        )
    }

    /// Adds the mock interviews not already here (same start time and seed: a round),
    /// marked as brought from device `origin`, without a transcript file. One
    /// transaction. Returns how many were added.
    pub fn import_interviews(
        &mut self,
        rows: &[InterviewRow],
        origin: &str,
    ) -> Result<usize, StoreError> {
        self.insert_new(
            "INSERT INTO interview (started_at, deck_id, seed, minutes, signal, \
             problem_solving, knowledge, communication, leadership, scorecard, \
             transcript, origin) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11 WHERE NOT EXISTS \
             (SELECT 1 FROM interview WHERE started_at = ?1 AND seed = ?3)",
            rows,
            |insert, r| {
                insert.execute(params![
                    r.started_at,
                    r.deck,
                    r.seed.to_string(),
                    r.minutes,
                    r.signal,
                    r.problem_solving,
                    r.knowledge,
                    r.communication,
                    r.leadership,
                    r.scorecard,
                    origin
                ])
            },
        )
    }

    /// Runs `insert` (an `INSERT … WHERE NOT EXISTS`, prepared once) for each row, in
    /// one transaction; returns how many rows it added.
    fn insert_new<T>(
        &mut self,
        statement: &str,
        rows: &[T],
        mut insert: impl FnMut(&mut rusqlite::Statement, &T) -> rusqlite::Result<usize>,
    ) -> Result<usize, StoreError> {
        let path = self.path().to_path_buf();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        let mut added = 0;
        {
            let mut prepared = tx.prepare(statement).map_err(sql)?;
            for r in rows {
                added += insert(&mut prepared, r).map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)?;
        Ok(added)
    }

    /// Adds the quiz answers not already here (same card, item and time), marked as
    /// brought from device `origin`; for one already here, adds the claims it lacks
    /// (and, when those made it right, marks it so). One transaction. Returns how many
    /// answers were added.
    pub fn import_quiz(
        &mut self,
        rows: &[QuizRow],
        origin: &str,
        days: &Days,
    ) -> Result<usize, StoreError> {
        let path = self.path().to_path_buf();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        let mut added = 0;
        {
            let mut find = tx
                .prepare(
                    "SELECT id FROM quiz_result WHERE card_id = ?1 AND item_index = ?2 \
                     AND answered_at = ?3 ORDER BY id LIMIT 1",
                )
                .map_err(sql)?;
            let mut insert = tx
                .prepare(
                    "INSERT INTO quiz_result (card_id, item_index, kind, correct, answered_at, \
                     duration_ms, local_day, points_made, points_total, self_assessed, picked, \
                     origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .map_err(sql)?;
            let mut claim = tx
                .prepare(
                    "INSERT OR IGNORE INTO quiz_claim (result_id, point_index, claimed_at) \
                     VALUES (?1, ?2, ?3)",
                )
                .map_err(sql)?;
            for r in rows {
                let found: Option<i64> = find
                    .query_row(params![r.card_id, r.item_index, r.answered_at], |row| {
                        row.get(0)
                    })
                    .optional()
                    .map_err(sql)?;
                let id = if let Some(id) = found {
                    if r.correct && r.self_assessed {
                        tx.execute(
                            "UPDATE quiz_result SET correct = 1, self_assessed = 1 \
                             WHERE id = ?1 AND correct = 0",
                            [id],
                        )
                        .map_err(sql)?;
                    }
                    id
                } else {
                    let at = super::timestamp(r.answered_at).map_err(sql)?;
                    insert
                        .execute(params![
                            r.card_id,
                            r.item_index,
                            r.kind,
                            r.correct,
                            r.answered_at,
                            r.duration_ms,
                            days.day_of(at),
                            r.points_made,
                            r.points_total,
                            r.self_assessed,
                            r.picked,
                            origin
                        ])
                        .map_err(sql)?;
                    added += 1;
                    tx.last_insert_rowid()
                };
                for (point, at) in &r.claims {
                    claim.execute(params![id, point, at]).map_err(sql)?;
                }
            }
        }
        tx.commit().map_err(sql)?;
        Ok(added)
    }
}
