//! Queries over the review log for stats and daily limits. Each is one indexed query.

use rusqlite::params;

use super::{Store, StoreError};
use crate::days::DayNumber;
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
    pub fn streak(&self, today: DayNumber) -> Result<u32, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT DISTINCT local_day FROM review_log WHERE local_day <= ?1 \
                 ORDER BY local_day DESC",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([today]).map_err(|e| self.err(e))?;
        let mut expected = today;
        let mut streak = 0;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let day: DayNumber = row.get(0).map_err(|e| self.err(e))?;
            if day == expected || (streak == 0 && day == today - 1) {
                streak += 1;
                expected = day - 1;
            } else {
                break;
            }
        }
        Ok(streak)
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

    /// What counts against today's limits.
    pub fn done_today(&self, today: DayNumber) -> Result<DoneToday, StoreError> {
        self.conn()
            .prepare_cached(
                "SELECT COALESCE(SUM(state_before = 0), 0), COALESCE(SUM(state_before = 2), 0) \
                 FROM review_log WHERE local_day = ?1",
            )
            .and_then(|mut s| {
                s.query_row([today], |r| {
                    Ok(DoneToday {
                        new: r.get(0)?,
                        reviews: r.get(1)?,
                    })
                })
            })
            .map_err(|e| self.err(e))
    }

    /// Reviews on study day `day`.
    pub fn reviews_on(&self, day: DayNumber) -> Result<u32, StoreError> {
        self.conn()
            .prepare_cached("SELECT COUNT(*) FROM review_log WHERE local_day = ?1")
            .and_then(|mut s| s.query_row([day], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }
}
