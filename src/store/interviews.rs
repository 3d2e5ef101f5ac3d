//! Mock interviews (issue 15): one row a round, for `tutor stats`. The store keeps
//! plain text (levels and signal as their names, the scorecard as JSON): it does not
//! know the interview's types, which sit above it.

use super::{Store, StoreError};

/// One saved round.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InterviewRow {
    /// ms since the Unix epoch, UTC.
    pub started_at: i64,
    pub deck: Option<String>,
    pub seed: u64,
    pub minutes: u32,
    /// `strong-hire`, `hire`, `lean-no-hire` or `no-hire`.
    pub signal: String,
    /// Each competency's level (`strong`, `good`, `weak`, `poor`; `None`: not assessed):
    /// problem solving, knowledge, communication, Leadership Principles.
    pub problem_solving: Option<String>,
    pub knowledge: Option<String>,
    pub communication: Option<String>,
    pub leadership: Option<String>,
    /// The whole scorecard, as JSON.
    #[serde(skip)]
    pub scorecard: String,
    /// The Markdown transcript's file name, in the data dir's `interviews/`.
    pub transcript: Option<String>,
}

impl Store {
    pub fn record_interview(&self, row: &InterviewRow) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT INTO interview (started_at, deck_id, seed, minutes, signal,
                    problem_solving, knowledge, communication, leadership, scorecard,
                    transcript)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                rusqlite::params![
                    row.started_at,
                    row.deck,
                    row.seed.to_string(),
                    row.minutes,
                    row.signal,
                    row.problem_solving,
                    row.knowledge,
                    row.communication,
                    row.leadership,
                    row.scorecard,
                    row.transcript,
                ],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Every saved round, oldest first.
    pub fn interviews(&self) -> Result<Vec<InterviewRow>, StoreError> {
        Ok(self
            .interviews_where("1")?
            .into_iter()
            .map(|(_, row)| row)
            .collect())
    }

    /// The rounds `filter` (an SQL condition) keeps, oldest first, with their row ids.
    pub(super) fn interviews_where(
        &self,
        filter: &str,
    ) -> Result<Vec<(i64, InterviewRow)>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(&format!(
                "SELECT id, started_at, deck_id, seed, minutes, signal, problem_solving,
                    knowledge, communication, leadership, scorecard, transcript
                 FROM interview WHERE {filter} ORDER BY started_at, id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let seed: String = r.get(3)?;
                Ok((
                    r.get(0)?,
                    InterviewRow {
                        started_at: r.get(1)?,
                        deck: r.get(2)?,
                        seed: seed.parse().unwrap_or(0),
                        minutes: r.get(4)?,
                        signal: r.get(5)?,
                        problem_solving: r.get(6)?,
                        knowledge: r.get(7)?,
                        communication: r.get(8)?,
                        leadership: r.get(9)?,
                        scorecard: r.get(10)?,
                        transcript: r.get(11)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_is_saved_and_read_back_in_time_order() {
        let store = Store::open_in_memory().unwrap();
        let row = |at: i64, signal: &str| InterviewRow {
            started_at: at,
            deck: Some("amazon-python".into()),
            seed: u64::MAX,
            minutes: 45,
            signal: signal.into(),
            problem_solving: Some("strong".into()),
            knowledge: None,
            communication: Some("good".into()),
            leadership: Some("weak".into()),
            scorecard: "{}".into(),
            transcript: Some("x.md".into()),
        };
        store.record_interview(&row(20, "hire")).unwrap();
        store.record_interview(&row(10, "no-hire")).unwrap();
        assert_eq!(
            store.interviews().unwrap(),
            [row(10, "no-hire"), row(20, "hire")]
        );
    }
}
