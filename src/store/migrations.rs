//! Versioned schema migrations. The version lives in `SQLite`'s `user_version`; a file
//! with a higher version than we know was written by a newer tutor and is refused
//! before anything is written to it.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::{StoreError, classify};

/// Every migration, oldest first. Never edit one that has shipped: add another.
const MIGRATIONS: &[&str] = &[
    // 1: the review log, the card states derived from it, and settings.
    "CREATE TABLE review_log (
        id INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL,
        reviewed_at INTEGER NOT NULL,           -- ms since the Unix epoch, UTC
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        state_before INTEGER NOT NULL CHECK (state_before BETWEEN 0 AND 3),
        days_elapsed INTEGER NOT NULL,          -- whole days since the card's previous review
        interval_ms INTEGER NOT NULL,           -- time until due, as scheduled by this review
        duration_ms INTEGER NOT NULL,           -- time spent answering
        local_day INTEGER NOT NULL,             -- the user's study day (see days.rs)
        UNIQUE (card_id, reviewed_at)
    ) STRICT;
    CREATE INDEX review_log_by_day ON review_log (local_day, state_before, rating);
    CREATE TABLE card_state (
        card_id TEXT PRIMARY KEY,
        phase INTEGER NOT NULL CHECK (phase BETWEEN 0 AND 3),
        step INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        due_at INTEGER NOT NULL,
        last_review_at INTEGER NOT NULL,
        interval_days INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;",
    // 2: quiz answers, kept apart from the review log: quizzing never schedules.
    "CREATE TABLE quiz_result (
        id INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL,
        item_index INTEGER NOT NULL CHECK (item_index >= 0), -- in the card's quiz list
        kind TEXT NOT NULL,                     -- single, multiple, cloze, reorder, recall
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at INTEGER NOT NULL,           -- ms since the Unix epoch, UTC
        duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
        local_day INTEGER NOT NULL              -- the user's study day (see days.rs)
    ) STRICT;
    CREATE INDEX quiz_result_by_day ON quiz_result (local_day);",
    // 3: no schema change. The fuzz is now seeded by the card and its previous review,
    // not the clock, so every card's state is derived from the log again before this
    // version is written (see `Store::setup`); the statement changes nothing.
    "UPDATE settings SET value = value WHERE 0;",
];

/// Databases written before this version hold card states scheduled with the old fuzz
/// seed: opening one replays the log once.
pub const RESCHEDULED: usize = 3;

pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this tutor writes.
pub fn latest() -> usize {
    MIGRATIONS.len()
}

/// Refuses a database from a newer tutor; reports a corrupt file. Reads only; gives the
/// file's version (0 for a new file).
pub fn check_version(conn: &Connection, path: &Path) -> Result<usize, StoreError> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let found = usize::try_from(found).unwrap_or(usize::MAX);
    if found > latest() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: latest(),
        });
    }
    Ok(found)
}

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    migrations()
        .to_latest(conn)
        .map_err(|source| StoreError::Migrate {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
