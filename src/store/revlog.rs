//! The review history in the FSRS optimizer's CSV columns, out and back in.
//!
//! `card_id,review_time,review_rating,review_state,review_duration`: time in ms since
//! the epoch, rating 1-4, state 0 new / 1 learning / 2 review / 3 relearning (before the
//! review), duration in ms. Import is all-or-nothing and idempotent: a review with the
//! same card and time is never added twice. Ratings, times and durations in the log are
//! never changed; the scheduling facts derived from them (days elapsed, interval given)
//! are recomputed for every card an import adds reviews to, since merged histories
//! interleave.

use std::collections::BTreeSet;
use std::io::{Read, Write};

use rusqlite::params;

use super::{Store, StoreError, card_reviews, classify, write_state};
use crate::days::Days;
use crate::srs::{self, Scheduler};

pub const COLUMNS: [&str; 5] = [
    "card_id",
    "review_time",
    "review_rating",
    "review_state",
    "review_duration",
];

/// 9999-12-31T00:00:00Z: later times cannot be held as timestamps.
const MAX_REVIEW_TIME_MS: i64 = 253_402_214_400_000 - 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevlogRow {
    pub card_id: String,
    pub review_time: i64,
    pub rating: u8,
    pub state: u8,
    pub duration_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub added: usize,
    pub already_present: usize,
    pub cards: usize,
}

/// A CSV problem: 1-based line and column, the column's name, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: error: {name}: {message}")]
pub struct CsvError {
    pub file: String,
    pub line: u64,
    pub column: usize,
    pub name: String,
    pub message: String,
}

pub fn write_csv(rows: &[RevlogRow], out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for r in rows {
        w.write_record([
            r.card_id.clone(),
            r.review_time.to_string(),
            r.rating.to_string(),
            r.state.to_string(),
            r.duration_ms.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Parses a whole file, stopping at the first bad row (nothing is imported then).
pub fn read_csv(input: impl Read, file: &str) -> Result<Vec<RevlogRow>, CsvError> {
    let fail = |line: u64, column: usize, name: &str, message: String| CsvError {
        file: file.to_string(),
        line,
        column,
        name: name.to_string(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| fail(1, 1, "(header)", e.to_string()))?
        .clone();
    let mut index = [0usize; 5];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| {
                fail(
                    1,
                    1,
                    "(header)",
                    format!("missing column `{name}`; expected {}", COLUMNS.join(",")),
                )
            })?;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            fail(line, 1, "(row)", e.to_string())
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let field = |k: usize| record.get(index[k]).unwrap_or("").trim();
        let number = |k: usize, lo: i64, hi: i64, what: &str| -> Result<i64, CsvError> {
            field(k)
                .parse::<i64>()
                .ok()
                .filter(|n| (lo..=hi).contains(n))
                .ok_or_else(|| {
                    fail(
                        line,
                        index[k] + 1,
                        COLUMNS[k],
                        format!("{what}, not {:?}", field(k)),
                    )
                })
        };
        let card_id = field(0).to_string();
        if card_id.is_empty() {
            return Err(fail(
                line,
                index[0] + 1,
                COLUMNS[0],
                "must not be empty".into(),
            ));
        }
        let review_time = number(
            1,
            1,
            MAX_REVIEW_TIME_MS,
            "must be milliseconds since the epoch, before the year 9999",
        )?;
        let rating = number(2, 1, 4, "must be 1 (again), 2 (hard), 3 (good) or 4 (easy)")?;
        let state = number(
            3,
            0,
            3,
            "must be 0 (new), 1 (learning), 2 (review) or 3 (relearning)",
        )?;
        let duration_ms = number(
            4,
            0,
            i64::MAX,
            "must be a duration in milliseconds, 0 or more",
        )?;
        rows.push(RevlogRow {
            card_id,
            review_time,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            rating: rating as u8,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            state: state as u8,
            duration_ms,
        });
    }
    Ok(rows)
}

impl Store {
    /// The whole log, oldest first.
    pub fn revlog(&self) -> Result<Vec<RevlogRow>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT card_id, reviewed_at, rating, state_before, duration_ms FROM review_log \
                 ORDER BY reviewed_at, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(RevlogRow {
                    card_id: r.get(0)?,
                    review_time: r.get(1)?,
                    rating: r.get(2)?,
                    state: r.get(3)?,
                    duration_ms: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Adds the rows not already in the log (same card and time), then recomputes the
    /// state of every card they touch from its whole log. One transaction: all or
    /// nothing. Reviews of cards no deck has are kept.
    pub fn import_revlog(
        &mut self,
        scheduler: &Scheduler,
        rows: &[RevlogRow],
        days: &Days,
    ) -> Result<ImportReport, StoreError> {
        // Reviews of past days: the streak kept for today may change.
        self.past_changed(None);
        let path = self.path().to_path_buf();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        let mut added = 0;
        let mut touched = BTreeSet::new();
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO review_log (card_id, reviewed_at, rating, state_before, \
                     days_elapsed, interval_ms, duration_ms, local_day) \
                     VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6)",
                )
                .map_err(sql)?;
            for r in rows {
                let at = super::timestamp(r.review_time).map_err(sql)?;
                let n = insert
                    .execute(params![
                        r.card_id,
                        r.review_time,
                        r.rating,
                        r.state,
                        r.duration_ms,
                        days.day_of(at)
                    ])
                    .map_err(sql)?;
                if n > 0 {
                    added += 1;
                    touched.insert(r.card_id.as_str());
                }
            }
        }
        // The scheduling facts of imported reviews come from replaying the whole log.
        let mut update = tx
            .prepare(
                "UPDATE review_log SET days_elapsed = ?3, interval_ms = ?4 \
                 WHERE card_id = ?1 AND reviewed_at = ?2",
            )
            .map_err(sql)?;
        for card_id in &touched {
            let reviews = card_reviews(&tx, card_id).map_err(sql)?;
            let (state, outcomes) = srs::replay(scheduler, card_id, &reviews)?;
            for (review, outcome) in reviews.iter().zip(&outcomes) {
                update
                    .execute(params![
                        card_id,
                        review.at.as_millisecond(),
                        outcome.days_elapsed,
                        outcome.state.due.as_millisecond() - review.at.as_millisecond()
                    ])
                    .map_err(sql)?;
            }
            write_state(&tx, card_id, state.as_ref()).map_err(sql)?;
        }
        drop(update);
        tx.commit().map_err(sql)?;
        Ok(ImportReport {
            rows: rows.len(),
            added,
            already_present: rows.len() - added,
            cards: touched.len(),
        })
    }
}
