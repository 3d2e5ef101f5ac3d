//! The review history in the FSRS optimizer's CSV columns, out and back in.
//!
//! `card_id,review_time,review_rating,review_state,review_duration`: time in ms since
//! the epoch, rating 1-4, state 0 new / 1 learning / 2 review / 3 relearning (before the
//! review), duration in ms. Import is all-or-nothing and idempotent: a review with the
//! same card and time is never added twice, and one that disagrees with the review
//! already there (another rating) is a conflict, not silently dropped. Ratings, times
//! and durations in the log are never changed; the scheduling facts derived from them
//! (days elapsed, interval given) are recomputed for every card an import adds reviews
//! to, since merged histories interleave.
//!
//! A file is untrusted: every field is checked before anything is written, with the
//! line and column of the first problem, and a row is never longer than
//! [`MAX_ROW_BYTES`], so a file cannot make the parser hold more than that at once.

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, card_reviews, classify, write_state};
use crate::content::validate::is_slug;
use crate::days::Days;
use crate::srs::{self, Scheduler};
use crate::text::sanitize;

pub const COLUMNS: [&str; 5] = [
    "card_id",
    "review_time",
    "review_rating",
    "review_state",
    "review_duration",
];

/// 2006-01-01T00:00:00Z: no review in any file is older (spaced-repetition tools of
/// the kind that export this format came later), and an earlier time is nearly always
/// seconds passed for milliseconds.
pub const EARLIEST_REVIEW_MS: i64 = 1_136_073_600_000;
/// How far past now a review time may be: clocks on two machines disagree a little.
pub const FUTURE_SLACK_MS: i64 = 24 * 3600 * 1000;
/// The longest row a file may have. A real row is about 60 bytes.
pub const MAX_ROW_BYTES: usize = 64 * 1024;
/// How much of a bad value a message repeats.
const SHOWN_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevlogRow {
    pub card_id: String,
    pub review_time: i64,
    pub rating: u8,
    pub state: u8,
    pub duration_ms: i64,
}

/// A parsed file: its rows in file order, the line each one is on, and the column
/// (1-based) each of [`COLUMNS`] is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub rows: Vec<RevlogRow>,
    pub lines: Vec<u64>,
    pub columns: [usize; 5],
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

/// Why an import added nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Row `index` has the card and time of a review already in the log, which says
    /// something else about it.
    #[error(
        "the log already has a review of this card at this time with {column} {stored}, not {imported}"
    )]
    Conflict {
        index: usize,
        column: &'static str,
        stored: i64,
        imported: i64,
    },
}

impl From<srs::SrsError> for ImportError {
    fn from(e: srs::SrsError) -> Self {
        Self::Store(e.into())
    }
}

/// Writes the log. A card id is written display-safe (see [`sanitize`]): the log may
/// hold one from before ids were checked on import, and this goes to terminals too.
pub fn write_csv(rows: &[RevlogRow], out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for r in rows {
        w.write_record([
            sanitize(&r.card_id).into_owned(),
            r.review_time.to_string(),
            r.rating.to_string(),
            r.state.to_string(),
            r.duration_ms.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// A value as a message repeats it: display-safe, on one line, and cut short when long.
pub(crate) fn shown(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(SHOWN_CHARS).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    let one_line = sanitize(&head).replace('\n', "\\u{a}");
    format!("\"{one_line}{more}\"")
}

/// Counts lines and refuses a row longer than [`MAX_ROW_BYTES`] before the CSV reader
/// buffers it. A newline inside quotes is part of the row (`""` toggles twice, so the
/// parity of quotes is enough to tell). Lines are counted here from byte offsets, since
/// the CSV reader's own count lags a line behind after a CRLF.
struct RowLimit<R> {
    inner: R,
    /// Bytes read so far.
    offset: u64,
    /// Offsets of the newlines read but not yet counted by [`RowLimit::line_at`]: no
    /// more than the CSV reader's read-ahead holds.
    newlines: VecDeque<u64>,
    /// Newlines before the last offset asked about.
    counted: u64,
    /// Newlines read so far, where the current row began, and its length so far.
    lines: u64,
    row_line: u64,
    row_bytes: usize,
    quoted: bool,
    /// The line of a row that was too long.
    too_long: Option<u64>,
}

impl<R> RowLimit<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            offset: 0,
            newlines: VecDeque::new(),
            counted: 0,
            lines: 0,
            row_line: 0,
            row_bytes: 0,
            quoted: false,
            too_long: None,
        }
    }

    /// The 1-based line of the row starting at byte `offset`; offsets must be asked in
    /// increasing order. A newline at `offset` itself is the end of the line before
    /// (the CSV reader starts a row after CRLF at its `\n`).
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.newlines.front().is_some_and(|&n| n <= offset) {
            self.newlines.pop_front();
            self.counted += 1;
        }
        self.counted + 1
    }
}

impl<R: Read> Read for RowLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            self.offset += 1;
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' => {
                    self.newlines.push_back(self.offset - 1);
                    self.lines += 1;
                    if !self.quoted {
                        self.row_line = self.lines;
                        self.row_bytes = 0;
                        continue;
                    }
                }
                _ => {}
            }
            self.row_bytes += 1;
            if self.row_bytes > MAX_ROW_BYTES {
                self.too_long = Some(self.row_line + 1);
                return Err(std::io::Error::other("row too long"));
            }
        }
        Ok(n)
    }
}

/// Makes a [`CsvError`] about `file`.
fn fail(file: &str, line: u64, column: usize, name: &str, message: String) -> CsvError {
    CsvError {
        file: file.to_string(),
        line,
        column,
        name: name.to_string(),
        message,
    }
}

/// The CSV reader's own errors, in our words, with the line they are on.
fn read_error<R>(file: &str, e: &csv::Error, limit: &mut RowLimit<R>) -> CsvError {
    if let Some(line) = limit.too_long {
        let message = format!(
            "longer than {} KiB; a row is a few dozen bytes",
            MAX_ROW_BYTES / 1024
        );
        return fail(file, line, 1, "(row)", message);
    }
    let mut line_of =
        |pos: Option<&csv::Position>| limit.line_at(pos.map_or(0, csv::Position::byte));
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, err } => fail(
            file,
            line_of(pos.as_ref()),
            err.field() + 1,
            "(row)",
            "is not UTF-8 text".into(),
        ),
        _ => fail(
            file,
            line_of(e.position()),
            1,
            "(row)",
            format!("cannot be read: {e}"),
        ),
    }
}

/// Parses a whole file, stopping at the first bad row (nothing is imported then). A
/// time must lie between 2006 and a day after `now`; a card id must be an id as decks
/// write them (see [`is_slug`]); two rows with the same card and time must agree.
pub fn read_csv(input: impl Read, file: &str, now: Timestamp) -> Result<Parsed, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(RowLimit::new(input));
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => {
            let message = format!(
                "the file is empty; the first line must name the columns: {}",
                COLUMNS.join(",")
            );
            return Err(fail(file, 1, 1, "(header)", message));
        }
        Err(e) => return Err(read_error(file, &e, reader.get_mut())),
    }
    let header_line = reader
        .get_mut()
        .line_at(header.position().map_or(0, csv::Position::byte));
    let mut index = [0usize; 5];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == name)
            .ok_or_else(|| {
                let message = format!("missing column `{name}`; expected {}", COLUMNS.join(","));
                fail(file, header_line, 1, "(header)", message)
            })?;
    }
    let now_ms = now.as_millisecond();
    let mut parsed = Parsed {
        columns: index.map(|i| i + 1),
        ..Parsed::default()
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(read_error(file, &e, reader.get_mut())),
        }
        let line = reader
            .get_mut()
            .line_at(record.position().map_or(0, csv::Position::byte));
        if record.len() != header.len() {
            let message = format!(
                "has {} field{}; the header line has {}",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
                header.len()
            );
            return Err(fail(file, line, 1, "(row)", message));
        }
        let row = parse_row(&record, &index, now_ms)
            .map_err(|(k, message)| fail(file, line, index[k] + 1, COLUMNS[k], message))?;
        parsed.rows.push(row);
        parsed.lines.push(line);
    }
    if let Some((first, second, k)) = first_conflict(&parsed.rows) {
        let value = |i: usize| disagreeing(&parsed.rows[i], k);
        let message = format!(
            "line {} has a review of this card at the same time with {} {}, this one {}; \
             one review cannot have two",
            parsed.lines[first],
            COLUMNS[k],
            value(first),
            value(second)
        );
        return Err(fail(
            file,
            parsed.lines[second],
            index[k] + 1,
            COLUMNS[k],
            message,
        ));
    }
    Ok(parsed)
}

/// One row's fields, checked; or the column (index into [`COLUMNS`]) that is wrong, and
/// why. `index` gives each column's place in the row.
fn parse_row(
    record: &csv::StringRecord,
    index: &[usize; 5],
    now_ms: i64,
) -> Result<RevlogRow, (usize, String)> {
    let field = |k: usize| record.get(index[k]).unwrap_or("").trim();
    let number = |k: usize, lo: i64, hi: i64, what: &str| -> Result<i64, (usize, String)> {
        field(k)
            .parse::<i64>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .ok_or_else(|| (k, format!("{what}, not {}", shown(field(k)))))
    };
    let card_id = field(0);
    if card_id.is_empty() {
        return Err((0, "must not be empty".into()));
    }
    if !is_slug(card_id) {
        let message = format!(
            "{} is not a card id: ids are lowercase letters, digits and single dashes, like \
             `lru-cache`",
            shown(card_id)
        );
        return Err((0, message));
    }
    let review_time = number(
        1,
        i64::MIN,
        i64::MAX,
        "must be milliseconds since 1970-01-01 UTC",
    )?;
    if !(EARLIEST_REVIEW_MS..=now_ms.saturating_add(FUTURE_SLACK_MS)).contains(&review_time) {
        return Err((1, time_message(review_time, now_ms)));
    }
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
    Ok(RevlogRow {
        card_id: card_id.to_string(),
        review_time,
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        rating: rating as u8,
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        state: state as u8,
        duration_ms,
    })
}

/// Why a time out of range is refused, with the time as a date when it is one.
pub(crate) fn time_message(ms: i64, now_ms: i64) -> String {
    let date = Timestamp::from_millisecond(ms)
        .map(|t| format!(" ({})", t.strftime("%Y-%m-%d %H:%M:%S UTC")))
        .unwrap_or_default();
    if ms < EARLIEST_REVIEW_MS {
        // Seconds since the epoch look like a time in early 1970.
        let seconds = (EARLIEST_REVIEW_MS / 1000..=now_ms / 1000 + 86_400).contains(&ms);
        format!(
            "{ms}{date} is before 2006; review times are milliseconds since 1970-01-01 UTC{}",
            if seconds {
                " (this looks like seconds)"
            } else {
                ""
            }
        )
    } else {
        format!("{ms}{date} is more than a day in the future")
    }
}

/// The column (index into [`COLUMNS`]) where two reviews of one card at one time differ.
fn disagreement(a: &RevlogRow, b: &RevlogRow) -> Option<usize> {
    [
        a.rating != b.rating,
        a.state != b.state,
        a.duration_ms != b.duration_ms,
    ]
    .iter()
    .position(|d| *d)
    .map(|i| i + 2)
}

fn disagreeing(row: &RevlogRow, column: usize) -> i64 {
    match column {
        2 => i64::from(row.rating),
        3 => i64::from(row.state),
        _ => row.duration_ms,
    }
}

/// The earliest-placed pair of rows (first, second in file order) with the same card
/// and time that disagree, and the column they disagree in. Identical repeats are fine:
/// the import skips them.
fn first_conflict(rows: &[RevlogRow]) -> Option<(usize, usize, usize)> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let key = |i: usize| (rows[i].card_id.as_str(), rows[i].review_time);
    // Stable: rows with one key stay in file order.
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    order
        .windows(2)
        .filter(|w| key(w[0]) == key(w[1]))
        .filter_map(|w| {
            let (a, b) = (w[0], w[1]);
            disagreement(&rows[a], &rows[b]).map(|k| (a, b, k))
        })
        .min_by_key(|&(_, b, _)| b)
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

    /// Adds the rows not already in the log (same card and time, same rating, state and
    /// duration), then recomputes the state of every card they touch from its whole log.
    /// A row with the card and time of a logged review that says something else is a
    /// conflict. One transaction: all or nothing. Reviews of cards no deck has are kept.
    pub fn import_revlog(
        &mut self,
        scheduler: &Scheduler,
        rows: &[RevlogRow],
        days: &Days,
    ) -> Result<ImportReport, ImportError> {
        self.import_revlog_from(scheduler, rows, days, None)
    }

    /// [`Store::import_revlog`], marking the rows it adds as brought by a sync from
    /// device `origin` (`None`: made here, so a sync sends them on; see `crate::sync`).
    pub fn import_revlog_from(
        &mut self,
        scheduler: &Scheduler,
        rows: &[RevlogRow],
        days: &Days,
        origin: Option<&str>,
    ) -> Result<ImportReport, ImportError> {
        // Reviews of past days: the streak kept for today may change.
        self.past_changed(None);
        let path = self.path().to_path_buf();
        let sql = |e| classify(&path, e);
        let tx = super::begin(&mut self.conn, &path)?;
        let mut added = 0;
        let mut touched = BTreeSet::new();
        {
            let mut logged = tx
                .prepare(
                    "SELECT rating, state_before, duration_ms FROM review_log \
                     WHERE card_id = ?1 AND reviewed_at = ?2",
                )
                .map_err(sql)?;
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO review_log (card_id, reviewed_at, rating, \
                     state_before, days_elapsed, interval_ms, duration_ms, local_day, origin) \
                     VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6, ?7)",
                )
                .map_err(sql)?;
            for (index, r) in rows.iter().enumerate() {
                let at = super::timestamp(r.review_time).map_err(sql)?;
                // The log's UNIQUE (card_id, reviewed_at) skips a review already there;
                // only then is it read back to compare (a fresh import never reads).
                let inserted = insert
                    .execute(params![
                        r.card_id,
                        r.review_time,
                        r.rating,
                        r.state,
                        r.duration_ms,
                        days.day_of(at),
                        origin
                    ])
                    .map_err(sql)?;
                if inserted > 0 {
                    added += 1;
                    touched.insert(r.card_id.as_str());
                    continue;
                }
                let (rating, state, duration_ms) = logged
                    .query_row(params![r.card_id, r.review_time], |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                    })
                    .map_err(sql)?;
                let there = RevlogRow {
                    card_id: String::new(),
                    review_time: r.review_time,
                    rating,
                    state,
                    duration_ms,
                };
                if let Some(k) = disagreement(&there, r) {
                    return Err(ImportError::Conflict {
                        index,
                        column: COLUMNS[k],
                        stored: disagreeing(&there, k),
                        imported: disagreeing(r, k),
                    });
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
