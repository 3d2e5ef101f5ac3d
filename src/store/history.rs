//! Queries over the review log for stats and daily limits, each one indexed query, and
//! reading the log card by card without holding it.

use std::path::Path;

use rusqlite::{Connection, params};

use super::{Store, StoreError, classify, review_from_row};
use crate::days::DayNumber;
use crate::srs::Review;
use crate::srs::queue::DoneToday;

impl Store {
    /// Reviews per study day from `first` to `last` inclusive, days without any omitted.
    pub fn reviews_per_day(
        &self,
        first: DayNumber,
        last: DayNumber,
    ) -> Result<Vec<(DayNumber, u32)>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT local_day, COUNT(*) FROM review_log WHERE local_day BETWEEN ?1 AND ?2 \
                 GROUP BY local_day",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Days in a row with at least one review, ending `today`, or yesterday when there is
    /// no review yet today (the streak is not lost until the day ends).
    ///
    /// Asked after every grade, so it must not walk the history: the run of days up to
    /// yesterday is kept for the day (it cannot change while today's grades come in), and
    /// only whether today has a review is asked each time. The kept run is dropped when
    /// another process writes the database (`PRAGMA data_version`) and when this store
    /// changes a past day (an import, an undo, a grade dated before today).
    pub fn streak(&self, today: DayNumber) -> Result<u32, StoreError> {
        let version: i64 = self
            .conn()
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let before = match self.streak_cache.get() {
            Some(kept) if kept.today == today && kept.data_version == version => kept.before,
            _ => {
                let before = self.run_ending(today - 1)?;
                self.streak_cache.set(Some(StreakCache {
                    today,
                    data_version: version,
                    before,
                }));
                before
            }
        };
        let reviewed_today: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM review_log WHERE local_day = ?1)")
            .and_then(|mut s| s.query_row([today], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        Ok(before + u32::from(reviewed_today))
    }

    /// Days in a row with a review, ending on `last`: one index probe a day.
    fn run_ending(&self, last: DayNumber) -> Result<u32, StoreError> {
        self.conn()
            .prepare_cached(
                "WITH RECURSIVE run(day) AS ( \
                   SELECT ?1 WHERE EXISTS (SELECT 1 FROM review_log WHERE local_day = ?1) \
                   UNION ALL \
                   SELECT day - 1 FROM run \
                   WHERE EXISTS (SELECT 1 FROM review_log WHERE local_day = run.day - 1) \
                 ) SELECT COUNT(*) FROM run",
            )
            .and_then(|mut s| s.query_row([last], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    /// Forgets the kept streak: this store changed the log before `day` (`None`: any day).
    pub(super) fn past_changed(&self, day: Option<DayNumber>) {
        if self
            .streak_cache
            .get()
            .is_some_and(|kept| day.is_none_or(|day| day < kept.today))
        {
            self.streak_cache.set(None);
        }
    }

    /// Calls `each` with every review in the log, card by card and each card's oldest
    /// first, reading them one at a time: the optimizer's passes over a long history
    /// never hold the whole log.
    pub fn each_review_by_card(
        &self,
        mut each: impl FnMut(&str, Review),
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT card_id, reviewed_at, rating FROM review_log \
                 ORDER BY card_id, reviewed_at, id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let review = review_from_row(row, 1).map_err(|e| self.err(e))?;
            let card = card_id(row).map_err(|e| self.err(e))?;
            each(card, review);
        }
        Ok(())
    }

    /// True retention since `first`: (passed, total) answers to cards in the review
    /// phase. Learning steps are not memory tests, so they are left out.
    pub fn retention(&self, first: DayNumber) -> Result<(u32, u32), StoreError> {
        self.conn()
            .prepare_cached(
                "SELECT COALESCE(SUM(rating > 1), 0), COUNT(*) FROM review_log \
                 WHERE local_day >= ?1 AND state_before = 2",
            )
            .and_then(|mut s| s.query_row([first], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(|e| self.err(e))
    }

    /// What counts against today's limits: today's first reviews of new cards and
    /// reviews of review cards, of the cards `loaded` knows. Reviews of cards no loaded
    /// deck has are kept but count for nothing here, so they cannot use up the day.
    pub fn done_today(
        &self,
        today: DayNumber,
        loaded: impl Fn(&str) -> bool,
    ) -> Result<DoneToday, StoreError> {
        let mut done = DoneToday::default();
        self.conn()
            .prepare_cached(
                "SELECT card_id, state_before FROM review_log \
                 WHERE local_day = ?1 AND state_before IN (0, 2)",
            )
            .and_then(|mut s| {
                let mut rows = s.query([today])?;
                while let Some(row) = rows.next()? {
                    let card: String = row.get(0)?;
                    if !loaded(&card) {
                        continue;
                    }
                    match row.get::<_, i64>(1)? {
                        0 => done.new += 1,
                        _ => done.reviews += 1,
                    }
                }
                Ok(())
            })
            .map_err(|e| self.err(e))?;
        Ok(done)
    }

    /// Reviews on study day `day`.
    pub fn reviews_on(&self, day: DayNumber) -> Result<u32, StoreError> {
        self.conn()
            .prepare_cached("SELECT COUNT(*) FROM review_log WHERE local_day = ?1")
            .and_then(|mut s| s.query_row([day], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }
}

/// The streak's run of days up to yesterday, as of `today` and the database's
/// `data_version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StreakCache {
    today: DayNumber,
    data_version: i64,
    before: u32,
}

/// Calls `each` with every card's reviews, oldest first, card by card, reading the log
/// one row at a time: one card's reviews are in memory, however long the log.
pub(super) fn each_card(
    conn: &Connection,
    path: &Path,
    mut each: impl FnMut(&str, &[Review]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = |e| classify(path, e);
    let mut stmt = conn
        .prepare(
            "SELECT card_id, reviewed_at, rating FROM review_log \
             ORDER BY card_id, reviewed_at, id",
        )
        .map_err(sql)?;
    let mut rows = stmt.query([]).map_err(sql)?;
    let mut card = String::new();
    let mut reviews: Vec<Review> = Vec::new();
    while let Some(row) = rows.next().map_err(sql)? {
        let id = card_id(row).map_err(sql)?;
        if id != card {
            if !reviews.is_empty() {
                each(&card, &reviews)?;
            }
            card.clear();
            card.push_str(id);
            reviews.clear();
        }
        reviews.push(review_from_row(row, 1).map_err(sql)?);
    }
    if !reviews.is_empty() {
        each(&card, &reviews)?;
    }
    Ok(())
}

/// Column 0 of `row` as text, borrowed.
fn card_id<'r>(row: &'r rusqlite::Row<'_>) -> rusqlite::Result<&'r str> {
    row.get_ref(0).and_then(|v| {
        v.as_str().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })
}
