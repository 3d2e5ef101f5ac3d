//! Versioned schema migrations. The version lives in `SQLite`'s `user_version`; a file
//! with a higher version than we know was written by a newer tutor and is refused
//! before anything is written to it (see [`super::identify`]).

use std::path::Path;

use rusqlite::Connection;

use super::identify::{APPLICATION_ID, Found, Identity};
use super::{StoreError, begin, classify};

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
    // 4: a recall answer's key points, as the scorer found them (NULL for other kinds and
    // for answers saved before), and the missed points the learner claimed ("I did say
    // that"), which are self-assessed and counted apart. An answer right only by its
    // claims keeps `correct` 1 and `self_assessed` 1.
    "ALTER TABLE quiz_result ADD COLUMN points_made INTEGER CHECK (points_made >= 0);
    ALTER TABLE quiz_result ADD COLUMN points_total INTEGER CHECK (points_total >= 0);
    ALTER TABLE quiz_result ADD COLUMN self_assessed INTEGER NOT NULL DEFAULT 0
        CHECK (self_assessed IN (0, 1));
    CREATE TABLE quiz_claim (
        result_id INTEGER NOT NULL REFERENCES quiz_result (id),
        point_index INTEGER NOT NULL CHECK (point_index >= 0), -- in the item's points
        claimed_at INTEGER NOT NULL,            -- ms since the Unix epoch, UTC
        PRIMARY KEY (result_id, point_index)
    ) STRICT, WITHOUT ROWID;",
    // 5: which options a choice answer picked, as their indices in the card's own order
    // ("2", "0,3"; "" for none), whatever order the quiz showed them in. NULL for other
    // kinds and for answers saved before this version.
    "ALTER TABLE quiz_result ADD COLUMN picked TEXT;",
    // 6: the user's agreement to run the tests of a deck that is not bundled (issue 14):
    // once per deck and hash of the code its tests run (see runner::trust).
    "CREATE TABLE deck_trust (
        deck_id TEXT NOT NULL,
        tests_hash TEXT NOT NULL,
        agreed_at INTEGER NOT NULL,             -- ms since the Unix epoch, UTC
        PRIMARY KEY (deck_id, tests_hash)
    ) STRICT, WITHOUT ROWID;",
    // 7: every completed practice run (issue 14; a cancelled one is not recorded): the
    // tests passed and failed, how it ended, the learner's active seconds on the card
    // since practice opened it (pauses over a minute count as a minute), and whether
    // the solution had been shown.
    "CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL,
        lang TEXT NOT NULL CHECK (lang IN ('python', 'rust')),
        ran_at INTEGER NOT NULL,                -- ms since the Unix epoch, UTC
        passed INTEGER NOT NULL CHECK (passed >= 0),
        failed INTEGER NOT NULL CHECK (failed >= 0),
        outcome TEXT NOT NULL
            CHECK (outcome IN ('passed', 'failed', 'compile_error', 'timed_out', 'broken')),
        seconds_spent INTEGER NOT NULL CHECK (seconds_spent >= 0),
        solution_shown INTEGER NOT NULL CHECK (solution_shown IN (0, 1))
    ) STRICT;
    CREATE INDEX attempts_by_card ON attempts (card_id, lang, ran_at);",
    // 8: mock interviews (issue 15): one row a round, with its signal, each competency's
    // level (NULL: not assessed) and the whole scorecard as JSON.
    "CREATE TABLE interview (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,            -- ms since the Unix epoch, UTC
        deck_id TEXT,                           -- NULL: the whole library
        seed TEXT NOT NULL,                     -- a u64, as text
        minutes INTEGER NOT NULL CHECK (minutes > 0),
        signal TEXT NOT NULL,                   -- strong-hire, hire, lean-no-hire, no-hire
        problem_solving TEXT,                   -- strong, good, weak, poor
        knowledge TEXT,
        communication TEXT,
        leadership TEXT,
        scorecard TEXT NOT NULL,                -- the scorecard as JSON
        transcript TEXT                         -- the Markdown file's name in interviews/
    ) STRICT;
    CREATE INDEX interview_by_time ON interview (started_at);",
    // 9: sync between machines (issue 18, `crate::sync`): where a row came from (the
    // device id a sync imported it from; NULL: made on this device) and whether a row
    // made here has been written to this device's file in the sync folder.
    "ALTER TABLE review_log ADD COLUMN origin TEXT;
    ALTER TABLE review_log ADD COLUMN sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1));
    ALTER TABLE quiz_result ADD COLUMN origin TEXT;
    ALTER TABLE quiz_result ADD COLUMN sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1));
    ALTER TABLE attempts ADD COLUMN origin TEXT;
    ALTER TABLE attempts ADD COLUMN sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1));
    CREATE INDEX review_log_unsent ON review_log (id) WHERE sent = 0 AND origin IS NULL;
    CREATE INDEX quiz_result_by_item ON quiz_result (card_id, item_index, answered_at);",
    // 10: mock interviews sync too (issue 18): where a round came from and whether it
    // went out, as migration 9 added for the other tables; a round is known by its
    // start time and seed, which the index finds.
    "ALTER TABLE interview ADD COLUMN origin TEXT;
    ALTER TABLE interview ADD COLUMN sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1));
    CREATE INDEX interview_by_round ON interview (started_at, seed);",
];

/// Databases written before this version hold card states scheduled with the old fuzz
/// seed: opening one replays the log once.
pub const RESCHEDULED: usize = 3;

/// The migrations as `rusqlite_migration` runs them, to check them in tests and to make
/// databases as older tutors left them.
#[cfg(test)]
pub(super) fn migrations() -> rusqlite_migration::Migrations<'static> {
    rusqlite_migration::Migrations::new(
        MIGRATIONS
            .iter()
            .map(|sql| rusqlite_migration::M::up(sql))
            .collect(),
    )
}

/// The schema version this tutor writes.
pub fn latest() -> usize {
    MIGRATIONS.len()
}

/// Tutor's schema at `version`, as the migrations up to it make it.
pub fn identity(version: usize) -> rusqlite::Result<Identity> {
    let conn = Connection::open_in_memory()?;
    for sql in MIGRATIONS.iter().take(version) {
        conn.execute_batch(sql)?;
    }
    Identity::read(&conn)
}

/// Brings the schema to the latest version and marks the file as tutor's, all in one
/// `BEGIN IMMEDIATE` transaction: of several tutors opening a new file at once, one makes
/// the schema while the others wait for the lock and then find it made. The file is
/// identified again under the lock, since another tutor may have changed it meanwhile.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let now = Identity::read(conn).map_err(|e| classify(path, e))?;
    if now.version == latest() && now.application_id == APPLICATION_ID {
        // Up to date: no write lock, so opening never waits for another tutor's write.
        return now.judge(path).map(|_| ());
    }
    let tx = begin(conn, path)?;
    let identity = Identity::read(&tx).map_err(|e| classify(path, e))?;
    let from = match identity.judge(path)? {
        Found::New => 0,
        Found::Tutor { version } => version,
    };
    if from == latest() && identity.application_id == APPLICATION_ID {
        // Another tutor did it while this one waited: nothing to write, nor to fsync.
        return Ok(());
    }
    let failed = |version: usize| {
        move |e| match classify(path, e) {
            StoreError::Sql { source, .. } => StoreError::Migrate {
                path: path.to_path_buf(),
                version,
                source,
            },
            other => other,
        }
    };
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from) {
        tx.execute_batch(sql).map_err(failed(i + 1))?;
    }
    let version = i64::try_from(latest()).unwrap_or(i64::MAX);
    tx.pragma_update(None, "user_version", version)
        .map_err(failed(latest()))?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(failed(latest()))?;
    tx.commit().map_err(failed(latest()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }
}
