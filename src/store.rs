//! The `SQLite` store: the append-only review log, the card-state table derived from it,
//! quiz results (a table of their own, which scheduling never reads), settings, and the
//! queries stats need.
//!
//! One file, `<data-dir>/tutor.db`, in WAL mode with `synchronous=FULL`: a grade is one
//! `BEGIN IMMEDIATE` transaction, committed (and fsynced) before [`Store::record_review`]
//! returns, so a crash or `kill -9` never loses a review the user saw saved. A second
//! `tutor` waits on the busy timeout instead of failing, and because each grade checks the
//! card's stored state inside its transaction (and recomputes it from the log when another
//! process changed it), two processes never overwrite each other's work.

mod attempts;
mod history;
mod identify;
mod interviews;
mod migrations;
mod quiz;
pub mod revlog;
pub mod settings;
mod sync;
mod trust;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fsrs::MemoryState;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use crate::days::Days;
use crate::srs::{self, CardStage, CardState, Outcome, Rating, Review, Scheduler};

pub use attempts::{AttemptRecord, PracticeSummary, PracticeTally, RunOutcome};
pub use interviews::InterviewRow;
pub use quiz::{ItemAnswers, Picked, QuizSummary};
pub use revlog::{ImportReport, RevlogRow};
pub use sync::{AttemptRow, QuizRow, Unsent};

/// The database's file name in the data dir.
pub const DB_FILE: &str = "tutor.db";
/// How long to wait for another `tutor` holding the write lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data dir {}: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("the data dir {} is a file, not a folder; pass --data-dir with a folder", dir.display())]
    NotADir { dir: PathBuf },
    #[error("cannot open the database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{} was written by a newer tutor (schema version {found}; this tutor knows up to \
         {known}); upgrade tutor to use it. The file was not changed",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error(
        "{} is not a tutor database: {why}. Tutor did not change it; move it away or pass \
         --data-dir with another folder",
        path.display()
    )]
    NotTutors { path: PathBuf, why: String },
    #[error(
        "{} {what}, not a database file; tutor did not change it. Move it away or pass \
         --data-dir with another folder",
        path.display()
    )]
    NotAFile { path: PathBuf, what: &'static str },
    #[error(
        "{} has an unfinished transaction (a `-journal` file beside it) that must be rolled \
         back before tutor can tell whether it is a tutor database; tutor did not change it. \
         Roll it back with the program that wrote it (`sqlite3 {} 'PRAGMA quick_check'` does, \
         for a tutor database), or move it away or pass --data-dir with another folder",
        path.display(),
        path.display()
    )]
    NeedsRecovery { path: PathBuf },
    #[error("cannot read the database {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the database {} (or its folder) is read-only, and tutor must write your progress \
         there; make it writable or pass --data-dir with another folder. The file was not \
         changed",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error("cannot migrate the database {} to schema version {version}: {source}", path.display())]
    Migrate {
        path: PathBuf,
        version: usize,
        source: rusqlite::Error,
    },
    #[error("the disk is full: cannot write to {}; nothing was saved", path.display())]
    DiskFull { path: PathBuf },
    #[error("another tutor is holding {} (waited {}s); try again", path.display(), BUSY_TIMEOUT.as_secs())]
    Busy { path: PathBuf },
    #[error("database error in {}: {source}", path.display())]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("review {0} is not in the log")]
    NoSuchReview(i64),
    #[error("no saved answer to item {item} of {card} to claim a point of")]
    NoAnswer { card: String, item: usize },
    #[error("review {id} of {card} cannot be undone: the card has been reviewed since")]
    NotLatest { id: i64, card: String },
    #[error("{0}")]
    Srs(#[from] srs::SrsError),
    #[error("bad value stored in {}: {what}", path.display())]
    Corrupt { path: PathBuf, what: String },
}

/// A saved grade: the log row's id, the grade as saved and the card's state now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recorded {
    pub id: i64,
    /// The grade as saved: as given, or, when the card had changed meanwhile, worked out
    /// again from the reviews before it in the log.
    pub outcome: Outcome,
    /// The card's state now: `outcome.state`, or the replay of its whole log when a
    /// review timed after this one is there.
    pub state: CardState,
}

/// What an undo removed and what the card went back to (`None`: new again).
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub card_id: String,
    pub rating: Rating,
    pub restored: Option<CardState>,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RebuildReport {
    pub cards: usize,
    pub reviews: usize,
    /// Cards whose stored state differed from the replayed one.
    pub changed: usize,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The streak up to yesterday, kept for the day (see [`Store::streak`]).
    streak_cache: std::cell::Cell<Option<history::StreakCache>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) `<data_dir>/tutor.db` and brings its schema up to date.
    /// Anything but tutor's database (another program's, a newer tutor's, a folder, a
    /// file tutor may not write) is refused untouched; a corrupt one is reported. Another
    /// tutor holding the lock is waited for, up to [`BUSY_TIMEOUT`] in all.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let deadline = Instant::now() + BUSY_TIMEOUT;
        loop {
            match Self::open_once(data_dir) {
                // SQLite gives up at once in a few races (another connection recovering
                // the WAL, or switching a new file to it): wait a little and start over.
                Err(StoreError::Busy { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                done => return done,
            }
        }
    }

    fn open_once(data_dir: &Path) -> Result<Self, StoreError> {
        if data_dir.exists() && !data_dir.is_dir() {
            return Err(StoreError::NotADir {
                dir: data_dir.to_path_buf(),
            });
        }
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::CreateDir {
            dir: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DB_FILE);
        // Before anything can write to it.
        identify::identify(&path)?;
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        // SQLite quietly opens a file it may not write read-only.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return Err(StoreError::ReadOnly { path });
        }
        Self::setup(conn, path)
    }

    /// A private in-memory store, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Self::setup(conn, path)
    }

    fn setup(mut conn: Connection, path: PathBuf) -> Result<Self, StoreError> {
        let open_err = |source: rusqlite::Error| match source.sqlite_error_code() {
            // The WAL and its index beside the file cannot be made: a read-only folder.
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path: path.clone() },
            _ => classify(&path, source),
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // Read before anything writes: a newer or corrupt file must stay as it is.
        let found = match identify::Identity::read(&conn)
            .map_err(open_err)?
            .judge(&path)?
        {
            identify::Found::New => 0,
            identify::Found::Tutor { version } => version,
        };
        if found == 0 {
            // A new file is marked as tutor's before anything else, so that a file left
            // with no schema by an interrupted start (or caught so by another tutor
            // starting at once) is still known as tutor's; see `Identity::judge`.
            mark(&mut conn, &path)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        let mut store = Self {
            conn,
            path,
            streak_cache: std::cell::Cell::default(),
        };
        if (1..migrations::RESCHEDULED).contains(&found) {
            // Before the version moves on, so an interrupted replay runs again.
            let scheduler = Scheduler::new(&store.settings()?)?;
            store.rebuild(&scheduler)?;
        }
        migrations::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        classify(&self.path, source)
    }

    /// The card's state, `None` when it was never reviewed.
    pub fn card_state(&self, card_id: &str) -> Result<Option<CardState>, StoreError> {
        read_state(&self.conn, card_id).map_err(|e| self.err(e))
    }

    /// Every stored card state, including cards no deck has any more.
    pub fn card_states(&self) -> Result<Vec<(String, CardState)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT card_id, {STATE_COLUMNS} FROM card_state"))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, state_from_row(row, 1)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Grades a card from its stored state and saves the grade: for callers that hold no
    /// state of their own (tests, benchmarks). A session grades in `update` and saves
    /// with [`Store::record_review`].
    pub fn grade(
        &mut self,
        scheduler: &Scheduler,
        card_id: &str,
        rating: Rating,
        now: Timestamp,
        duration: Duration,
        days: &Days,
    ) -> Result<Recorded, StoreError> {
        let before = self.card_state(card_id)?;
        let outcome = scheduler.review(card_id, before.as_ref(), rating, now)?;
        self.record_review(
            scheduler,
            card_id,
            before.as_ref(),
            &outcome,
            duration,
            days,
        )
    }

    /// Saves a grade durably before returning; `outcome` was worked out from `before` at
    /// `outcome.state.last_review`. The review always goes into the log. `outcome` becomes
    /// the card's state only if the stored state is still `before`. If it is not, another
    /// tutor graded the card meanwhile: the card's state is recomputed from its log, with
    /// this review in it, and [`Recorded::state`] says what it is.
    pub fn record_review(
        &mut self,
        scheduler: &Scheduler,
        card_id: &str,
        before: Option<&CardState>,
        outcome: &Outcome,
        duration: Duration,
        days: &Days,
    ) -> Result<Recorded, StoreError> {
        let at = outcome.state.last_review;
        let duration = duration_ms(duration);
        self.past_changed(Some(days.day_of(at)));
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = begin(&mut self.conn, &path)?;
        if read_state(&tx, card_id).map_err(sql)?.as_ref() == before {
            match insert_review(&tx, card_id, outcome, at, duration, days.day_of(at)) {
                Ok(id) => {
                    write_state(&tx, card_id, Some(&outcome.state)).map_err(sql)?;
                    tx.commit().map_err(sql)?;
                    return Ok(Recorded {
                        id,
                        outcome: *outcome,
                        state: outcome.state,
                    });
                }
                // The card was graded in this very millisecond: below, a millisecond later.
                Err(e) if is_unique_violation(&e) => {}
                Err(e) => return Err(sql(e)),
            }
        }
        // The log holds one review per card and millisecond: when another grade has this
        // one's time, this one goes a millisecond later, so both are kept, in the order
        // they were saved. It is graded from the state the reviews before it give.
        let reviews = card_reviews(&tx, card_id).map_err(sql)?;
        let mut at = at;
        for _ in 0..MAX_NUDGE_MS {
            if !reviews.iter().any(|r| r.at == at) {
                break;
            }
            at = at
                .checked_add(jiff::SignedDuration::from_millis(1))
                .unwrap_or(at);
        }
        let (earlier, later): (Vec<Review>, Vec<Review>) =
            reviews.into_iter().partition(|r| r.at < at);
        let (prior, _) = srs::replay(scheduler, card_id, &earlier)?;
        let outcome = scheduler.review(card_id, prior.as_ref(), outcome.rating, at)?;
        let id =
            insert_review(&tx, card_id, &outcome, at, duration, days.day_of(at)).map_err(sql)?;
        // Reviews timed after this one (another clock) come after it in the replay.
        let mut state = outcome.state;
        if !later.is_empty() {
            let all: Vec<Review> = earlier
                .into_iter()
                .chain([Review {
                    at,
                    rating: outcome.rating,
                }])
                .chain(later)
                .collect();
            let (replayed, _) = srs::replay(scheduler, card_id, &all)?;
            state = replayed.unwrap_or(state);
        }
        write_state(&tx, card_id, Some(&state)).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(Recorded { id, outcome, state })
    }

    /// Removes review `id` (it must be its card's latest) and puts the card back in the
    /// state the rest of its log gives.
    pub fn undo(&mut self, scheduler: &Scheduler, id: i64) -> Result<Undone, StoreError> {
        self.past_changed(None);
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = begin(&mut self.conn, &path)?;
        let row: Option<(String, u8, bool)> = tx
            .query_row(
                "SELECT card_id, rating, reviewed_at < (SELECT MAX(reviewed_at) FROM review_log \
                 AS later WHERE later.card_id = review_log.card_id) FROM review_log WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get::<_, Option<bool>>(2)?.unwrap_or(false),
                    ))
                },
            )
            .optional()
            .map_err(sql)?;
        let Some((card_id, rating, superseded)) = row else {
            return Err(StoreError::NoSuchReview(id));
        };
        if superseded {
            return Err(StoreError::NotLatest { id, card: card_id });
        }
        tx.execute("DELETE FROM review_log WHERE id = ?1", [id])
            .map_err(sql)?;
        let reviews = card_reviews(&tx, &card_id).map_err(sql)?;
        let (restored, _) = srs::replay(scheduler, &card_id, &reviews)?;
        write_state(&tx, &card_id, restored.as_ref()).map_err(sql)?;
        tx.commit().map_err(sql)?;
        let rating = Rating::from_number(rating).ok_or_else(|| StoreError::Corrupt {
            path: self.path.clone(),
            what: format!("rating {rating} in review {id}"),
        })?;
        Ok(Undone {
            card_id,
            rating,
            restored,
        })
    }

    /// Recomputes every card's state from the review log alone.
    pub fn rebuild(&mut self, scheduler: &Scheduler) -> Result<RebuildReport, StoreError> {
        let path = self.path.clone();
        let sql = |e| classify(&path, e);
        let tx = begin(&mut self.conn, &path)?;
        let mut report = RebuildReport {
            cards: 0,
            reviews: 0,
            changed: 0,
        };
        // Card by card from the log: one card's reviews in memory at a time (the whole
        // log was 90 MB at a million reviews).
        history::each_card(&tx, &path, |card_id, reviews| {
            let (state, _) = srs::replay(scheduler, card_id, reviews)?;
            let stored = read_state(&tx, card_id).map_err(sql)?;
            if stored != state {
                write_state(&tx, card_id, state.as_ref()).map_err(sql)?;
                report.changed += 1;
            }
            report.cards += 1;
            report.reviews += reviews.len();
            Ok(())
        })?;
        // States without any review left in the log: the card is new again.
        let orphans: Vec<String> = {
            let mut stmt = tx
                .prepare("SELECT card_id FROM card_state WHERE card_id NOT IN (SELECT card_id FROM review_log)")
                .map_err(sql)?;
            let rows = stmt.query_map([], |r| r.get(0)).map_err(sql)?;
            rows.collect::<Result<_, _>>().map_err(sql)?
        };
        for card_id in &orphans {
            write_state(&tx, card_id, None).map_err(sql)?;
            report.changed += 1;
        }
        tx.commit().map_err(sql)?;
        Ok(report)
    }

    /// How many reviews the log holds.
    pub fn review_count(&self) -> Result<u64, StoreError> {
        self.count("SELECT COUNT(*) FROM review_log")
    }

    /// The number a `SELECT COUNT(*)` query returns.
    fn count(&self, sql: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// How many milliseconds [`Store::record_review`] moves a grade at most to keep it apart
/// from others of the same card: far more than tutors grading one card at once need.
const MAX_NUDGE_MS: i64 = 1000;

/// A UNIQUE constraint refused the row.
fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

fn duration_ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Starts a write transaction now (`BEGIN IMMEDIATE`): it takes the write lock up front,
/// waiting on the busy timeout for another `tutor`, so what it reads stays current.
pub(crate) fn begin<'c>(
    conn: &'c mut Connection,
    path: &Path,
) -> Result<rusqlite::Transaction<'c>, StoreError> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| classify(path, e))
}

/// Marks a database that has no schema yet as tutor's, under the write lock and only if it
/// still has none: another tutor may have made it meanwhile.
fn mark(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let failed = |source: rusqlite::Error| match source.sqlite_error_code() {
        // Its journal beside it cannot be made: a read-only folder.
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
        },
        _ => classify(path, source),
    };
    let tx = begin(conn, path)?;
    let now = identify::Identity::read(&tx).map_err(failed)?;
    // Not judged again by its size: taking the write lock gave an empty file its first
    // page. It was judged new just before; only another program's mark made meanwhile
    // is refused here.
    if now.application_id != 0 {
        now.judge(path)?;
    } else if now.objects == 0 && now.version == 0 {
        tx.pragma_update(None, "application_id", identify::APPLICATION_ID)
            .map_err(failed)?;
    }
    tx.commit().map_err(failed)
}

/// Maps `SQLite`'s "disk full" and "busy" to errors a user can act on.
fn classify(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Busy {
                path: path.to_path_buf(),
            }
        }
        _ => StoreError::Sql {
            path: path.to_path_buf(),
            source,
        },
    }
}

const STATE_COLUMNS: &str =
    "phase, step, stability, difficulty, due_at, last_review_at, interval_days, reps, lapses";

fn timestamp(ms: i64) -> rusqlite::Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(e))
    })
}

fn state_from_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<CardState> {
    let phase: u8 = row.get(first)?;
    let phase = CardStage::from_number(phase)
        .ok_or_else(|| rusqlite::Error::IntegralValueOutOfRange(first, i64::from(phase)))?;
    Ok(CardState {
        phase,
        step: row.get(first + 1)?,
        memory: MemoryState {
            stability: row.get(first + 2)?,
            difficulty: row.get(first + 3)?,
        },
        due: timestamp(row.get(first + 4)?)?,
        last_review: timestamp(row.get(first + 5)?)?,
        interval_days: row.get(first + 6)?,
        reps: row.get(first + 7)?,
        lapses: row.get(first + 8)?,
    })
}

fn read_state(conn: &Connection, card_id: &str) -> rusqlite::Result<Option<CardState>> {
    conn.prepare_cached(&format!(
        "SELECT {STATE_COLUMNS} FROM card_state WHERE card_id = ?1"
    ))?
    .query_row([card_id], |row| state_from_row(row, 0))
    .optional()
}

fn write_state(
    conn: &Connection,
    card_id: &str,
    state: Option<&CardState>,
) -> rusqlite::Result<()> {
    let Some(s) = state else {
        conn.prepare_cached("DELETE FROM card_state WHERE card_id = ?1")?
            .execute([card_id])?;
        return Ok(());
    };
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO card_state (card_id, {STATE_COLUMNS}) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        card_id,
        s.phase.number(),
        s.step,
        s.memory.stability,
        s.memory.difficulty,
        s.due.as_millisecond(),
        s.last_review.as_millisecond(),
        s.interval_days,
        s.reps,
        s.lapses,
    ])?;
    Ok(())
}

fn insert_review(
    conn: &Connection,
    card_id: &str,
    outcome: &Outcome,
    now: Timestamp,
    duration_ms: i64,
    local_day: i64,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, days_elapsed, \
         interval_ms, duration_ms, local_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        card_id,
        now.as_millisecond(),
        outcome.rating.number(),
        outcome.phase_before.number(),
        outcome.days_elapsed,
        outcome.state.due.as_millisecond() - now.as_millisecond(),
        duration_ms,
        local_day,
    ])?;
    Ok(conn.last_insert_rowid())
}

fn card_reviews(conn: &Connection, card_id: &str) -> rusqlite::Result<Vec<Review>> {
    let mut stmt = conn.prepare_cached(
        "SELECT reviewed_at, rating FROM review_log WHERE card_id = ?1 ORDER BY reviewed_at, id",
    )?;
    let rows = stmt.query_map([card_id], |r| review_from_row(r, 0))?;
    rows.collect()
}

fn review_from_row(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Review> {
    let rating: u8 = r.get(first + 1)?;
    Ok(Review {
        at: timestamp(r.get(first)?)?,
        rating: Rating::from_number(rating).ok_or(rusqlite::Error::IntegralValueOutOfRange(
            first + 1,
            i64::from(rating),
        ))?,
    })
}

#[cfg(test)]
mod tests;
