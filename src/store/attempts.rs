//! The practice runs (issue 14): one row per completed run of a card's tests on the
//! learner's code (a cancelled run is not one), and what `tutor stats` reads from them.

use jiff::Timestamp;

use super::{Store, StoreError};

/// How a run ended, as the `attempts` table keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// Every test passed.
    Passed,
    /// Some test failed.
    Failed,
    /// The code did not compile (Rust) or parse (Python).
    CompileError,
    /// A time limit ended it.
    TimedOut,
    /// It ended without a verdict (killed, exited early).
    Broken,
}

impl RunOutcome {
    /// The word in the `outcome` column.
    pub fn label(self) -> &'static str {
        match self {
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::CompileError => "compile_error",
            Self::TimedOut => "timed_out",
            Self::Broken => "broken",
        }
    }
}

/// One completed run, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRecord {
    pub card_id: String,
    /// `python` or `rust`.
    pub lang: &'static str,
    pub ran_at: Timestamp,
    pub passed: u32,
    pub failed: u32,
    pub outcome: RunOutcome,
    /// Active time on the card since practice opened it (see `practice::Activity`).
    pub seconds_spent: u32,
    /// The learner had asked to see the solution before this run.
    pub solution_shown: bool,
}

/// The practice figures of one language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PracticeTally {
    /// Cards run at least once.
    pub tried: u32,
    /// Cards whose tests all passed at least once.
    pub solved: u32,
    /// Cards whose first run passed.
    pub first_try: u32,
}

impl PracticeTally {
    /// The share of cards tried whose first run passed.
    pub fn first_try_rate(self) -> Option<f64> {
        (self.tried > 0).then(|| f64::from(self.first_try) / f64::from(self.tried))
    }
}

/// Practice by language (`python`, `rust`), each present once tried.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PracticeSummary {
    pub by_lang: Vec<(String, PracticeTally)>,
}

impl PracticeSummary {
    /// Every language together.
    pub fn all(&self) -> PracticeTally {
        self.by_lang
            .iter()
            .fold(PracticeTally::default(), |a, (_, t)| PracticeTally {
                tried: a.tried + t.tried,
                solved: a.solved + t.solved,
                first_try: a.first_try + t.first_try,
            })
    }
}

impl Store {
    /// Appends a completed run, durably (one statement: its own transaction, synced).
    pub fn record_attempt(&self, record: &AttemptRecord) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO attempts (card_id, lang, ran_at, passed, failed, outcome, \
                 seconds_spent, solution_shown) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    record.card_id,
                    record.lang,
                    record.ran_at.as_millisecond(),
                    record.passed,
                    record.failed,
                    record.outcome.label(),
                    record.seconds_spent,
                    record.solution_shown,
                ],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Cards tried, solved and passed on the first run, by language.
    pub fn practice_summary(&self) -> Result<PracticeSummary, StoreError> {
        let conn = self.conn();
        let mut statement = conn
            .prepare(
                "SELECT lang, COUNT(*), SUM(solved), SUM(first_passed) FROM (
                     SELECT a.card_id, a.lang, MAX(a.outcome = 'passed') AS solved,
                         (SELECT b.outcome = 'passed' FROM attempts b
                          WHERE b.card_id = a.card_id AND b.lang = a.lang
                          ORDER BY b.ran_at, b.id LIMIT 1) AS first_passed
                     FROM attempts a GROUP BY a.card_id, a.lang)
                 GROUP BY lang ORDER BY lang",
            )
            .map_err(|e| self.err(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    PracticeTally {
                        tried: row.get(1)?,
                        solved: row.get(2)?,
                        first_try: row.get(3)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        let by_lang = rows
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(PracticeSummary { by_lang })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(card: &str, lang: &'static str, ms: i64, outcome: RunOutcome) -> AttemptRecord {
        AttemptRecord {
            card_id: card.into(),
            lang,
            ran_at: Timestamp::from_millisecond(ms).unwrap(),
            passed: u32::from(outcome == RunOutcome::Passed) * 3,
            failed: u32::from(outcome == RunOutcome::Failed),
            outcome,
            seconds_spent: 40,
            solution_shown: false,
        }
    }

    #[test]
    fn solved_and_first_try_count_cards_per_language() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(
            store.practice_summary().unwrap(),
            PracticeSummary::default()
        );
        // a: failed, then passed (solved, not first try); b: passed first (both);
        // c: compile error only (tried); a in Rust: timed out (tried).
        for record in [
            run("a", "python", 2, RunOutcome::Passed),
            run("a", "python", 1, RunOutcome::Failed),
            run("b", "python", 3, RunOutcome::Passed),
            run("b", "python", 4, RunOutcome::Failed),
            run("c", "python", 5, RunOutcome::CompileError),
            run("a", "rust", 6, RunOutcome::TimedOut),
        ] {
            store.record_attempt(&record).unwrap();
        }
        let summary = store.practice_summary().unwrap();
        let python = PracticeTally {
            tried: 3,
            solved: 2,
            first_try: 1,
        };
        let rust = PracticeTally {
            tried: 1,
            solved: 0,
            first_try: 0,
        };
        assert_eq!(
            summary.by_lang,
            [("python".to_string(), python), ("rust".to_string(), rust)]
        );
        assert_eq!(summary.all().first_try_rate(), Some(0.25));
    }

    #[test]
    fn a_row_keeps_every_field() {
        let store = Store::open_in_memory().unwrap();
        let mut record = run("a", "rust", 7, RunOutcome::TimedOut);
        record.solution_shown = true;
        store.record_attempt(&record).unwrap();
        let row: (String, String, i64, u32, u32, String, u32, bool) = store
            .conn()
            .query_row(
                "SELECT card_id, lang, ran_at, passed, failed, outcome, seconds_spent, \
                 solution_shown FROM attempts",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(
            row,
            (
                "a".into(),
                "rust".into(),
                7,
                0,
                0,
                "timed_out".into(),
                40,
                true
            )
        );
    }
}
