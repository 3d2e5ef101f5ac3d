//! Telling tutor's database from any other file before a byte of it is written.
//!
//! `--data-dir` can point anywhere, so `tutor.db` may be another program's database, a
//! folder, a text file, or a database from a newer tutor. Opening such a file for writing
//! would already change it (switching to WAL rewrites its header and leaves `-wal` and
//! `-shm` files beside it), so the file is first looked at without `SQLite` where that
//! suffices (its header) and then through a read-only connection that creates nothing,
//! and anything but an empty file or tutor's own schema is refused. Tutor marks its
//! databases with an `application_id`; databases from before that are recognised by their
//! schema and get the mark when they are next migrated. The schema is compared whole
//! (every table's columns and flags, every index's columns) with what the migrations make
//! at the file's version: tutor's table names with other columns are not tutor's.
//!
//! Only a zero-length file may be made tutor's. Creating the schema is one transaction,
//! but switching to WAL before it cannot be, so tutor marks a new file with its
//! `application_id` first of all (see `Store::setup`): an `SQLite` file with no schema is
//! taken as a tutor start that was interrupted, or another tutor starting at this moment,
//! only when it has that mark; without it, it was made by something else and is refused.
//! A database whose hot `-journal` would have to be rolled back before it can be read is
//! refused too, since rolling back writes it.

use std::collections::BTreeSet;
use std::io::Read as _;
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, StoreError, classify, migrations};

/// `PRAGMA application_id` of a tutor database: "TUTR" in ASCII.
pub const APPLICATION_ID: i32 = 0x5455_5452;

/// The 16 bytes every `SQLite` 3 database starts with.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What is at the database path, when it may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Nothing yet, or a database without a schema: tutor may make it its own.
    New,
    /// Tutor's database at this schema version.
    Tutor { version: usize },
}

/// What a database says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub application_id: i32,
    pub version: usize,
    /// Its size in pages: 0 only for a database not yet begun (a zero-length file).
    pub pages: i64,
    /// Its tables, without `SQLite`'s own (`sqlite_*`).
    pub tables: BTreeSet<String>,
    /// Tables, indexes, views and triggers, `SQLite`'s own included.
    pub objects: usize,
    /// Its schema as (object, detail) pairs: each object's kind and table, each table's
    /// columns (name, declared type, not null, key) and flags (strict, without rowid),
    /// each index's columns. Compared with what tutor's migrations make, so that tutor's
    /// table names with other columns are not taken for tutor's database. Comments and
    /// spacing in the `CREATE` statements do not count.
    pub schema: BTreeSet<(String, String)>,
}

/// The identity in one statement, so one snapshot: never the version from before another
/// tutor's migration with the tables after it. Columns are read only of ordinary tables
/// and indexes: a virtual table whose module tutor lacks could not be looked into.
const READ: &str = "SELECT p.application_id, v.user_version, c.page_count, s.kind, s.name, s.detail \
     FROM pragma_application_id AS p, pragma_user_version AS v, pragma_page_count AS c \
     LEFT JOIN ( \
       SELECT type AS kind, name, 'on ' || tbl_name AS detail FROM sqlite_schema \
       UNION ALL \
       SELECT 'column', m.name, \
         format('%d %s %s notnull=%d pk=%d', t.cid, t.name, t.type, t.\"notnull\", t.pk) \
       FROM sqlite_schema AS m, pragma_table_info(m.name) AS t \
       WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' \
       UNION ALL \
       SELECT 'flags', m.name, format('strict=%d without_rowid=%d', l.strict, l.wr) \
       FROM sqlite_schema AS m, pragma_table_list(m.name) AS l \
       WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND l.schema = 'main' \
       UNION ALL \
       SELECT 'key', m.name, format('%d %s', i.seqno, i.name) \
       FROM sqlite_schema AS m, pragma_index_info(m.name) AS i WHERE m.type = 'index' \
     ) AS s ON 1";

impl Identity {
    /// Reads the identity through `conn`; reads only.
    pub fn read(conn: &Connection) -> rusqlite::Result<Self> {
        let mut stmt = conn.prepare(READ)?;
        let mut rows = stmt.query([])?;
        let mut identity = Self {
            application_id: 0,
            version: 0,
            pages: 0,
            tables: BTreeSet::new(),
            objects: 0,
            schema: BTreeSet::new(),
        };
        while let Some(row) = rows.next()? {
            identity.application_id = row.get(0)?;
            // A negative version is as unknown to us as a too high one.
            identity.version = usize::try_from(row.get::<_, i64>(1)?).unwrap_or(usize::MAX);
            identity.pages = row.get(2)?;
            let (Some(kind), Some(name), detail) = (
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?.unwrap_or_default(),
            ) else {
                continue;
            };
            if matches!(kind.as_str(), "table" | "index" | "view" | "trigger") {
                identity.objects += 1;
                if kind == "table" && !name.starts_with("sqlite_") {
                    identity.tables.insert(name.clone());
                }
            }
            identity.schema.insert((name, format!("{kind} {detail}")));
        }
        Ok(identity)
    }

    /// Whether `path` with this identity may be opened, and as what.
    pub fn judge(&self, path: &Path) -> Result<Found, StoreError> {
        let not_ours = |why: String| StoreError::NotTutors {
            path: path.to_path_buf(),
            why,
        };
        if self.application_id != 0 && self.application_id != APPLICATION_ID {
            return Err(not_ours(format!(
                "its application id is {:#x}, tutor's is {APPLICATION_ID:#x}",
                self.application_id
            )));
        }
        if self.version > migrations::latest() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: self.version,
                known: migrations::latest(),
            });
        }
        if self.version == 0 {
            if self.objects == 0 {
                // Only a file not yet begun, or one tutor marked as its own before it was
                // interrupted making the schema (see `Store::setup`), is made tutor's.
                if self.pages == 0 || self.application_id == APPLICATION_ID {
                    return Ok(Found::New);
                }
                return Err(not_ours(
                    "it is an empty SQLite database that tutor did not make (only a \
                     zero-length file is made tutor's)"
                        .to_string(),
                ));
            }
            return Err(not_ours(format!(
                "{} and no tutor schema version",
                list("it has the table", "it has the tables", &self.tables)
                    .unwrap_or_else(|| "it has indexes, views or triggers".to_string())
            )));
        }
        let expected = migrations::identity(self.version).map_err(|source| StoreError::Sql {
            path: path.to_path_buf(),
            source,
        })?;
        let names = |schema: &BTreeSet<(String, String)>| -> BTreeSet<String> {
            schema.iter().map(|(name, _)| name.clone()).collect()
        };
        let (have, want) = (names(&self.schema), names(&expected.schema));
        let extra: BTreeSet<_> = have.difference(&want).cloned().collect();
        let missing: BTreeSet<_> = want.difference(&have).cloned().collect();
        // Tables and indexes both have by name whose columns, keys or kind differ.
        let differing: BTreeSet<String> = self
            .schema
            .symmetric_difference(&expected.schema)
            .map(|(name, _)| name.clone())
            .filter(|name| have.contains(name) && want.contains(name))
            .collect();
        let why: Vec<String> = [
            list("it has", "it has", &extra).map(|t| format!("{t}, which tutor does not make")),
            list("it lacks tutor's", "it lacks tutor's", &missing),
            list("its", "its", &differing).map(|t| {
                format!(
                    "{t} {} not as tutor's schema version {} makes {} (other columns, keys \
                     or indexes)",
                    if differing.len() == 1 { "is" } else { "are" },
                    self.version,
                    if differing.len() == 1 { "it" } else { "them" },
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        if why.is_empty() {
            Ok(Found::Tutor {
                version: self.version,
            })
        } else {
            Err(not_ours(why.join("; ")))
        }
    }
}

/// `one x` or `many x, y`, names made display-safe; `None` for no names.
fn list(one: &str, many: &str, names: &BTreeSet<String>) -> Option<String> {
    let shown: Vec<String> = names
        .iter()
        .map(|n| format!("`{}`", crate::text::sanitize(n).replace('\n', "\\n")))
        .collect();
    match shown.len() {
        0 => None,
        1 => Some(format!("{one} {}", shown[0])),
        _ => Some(format!("{many} {}", shown.join(", "))),
    }
}

/// Looks at `path` without writing anything, nor creating anything beside it.
pub fn identify(path: &Path) -> Result<Found, StoreError> {
    look(path, true)
}

/// [`identify`], looking once more if `again` and a read without locks failed.
fn look(path: &Path, again: bool) -> Result<Found, StoreError> {
    let unreadable = |source| StoreError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::New),
        Err(e) => return Err(unreadable(e)),
    };
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            what: if meta.is_dir() {
                "is a folder"
            } else {
                "is not a regular file"
            },
        });
    }
    if meta.len() == 0 {
        return Ok(Found::New);
    }
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(unreadable)?;
    if header.len() < 100 || !header.starts_with(MAGIC) {
        return Err(StoreError::NotTutors {
            path: path.to_path_buf(),
            why: "it is not a database at all (it lacks SQLite's header)".to_string(),
        });
    }
    // Another program's mark is refused before SQLite even opens the file.
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != 0 && application_id != APPLICATION_ID {
        return Identity {
            application_id,
            version: 0,
            pages: 0,
            tables: BTreeSet::new(),
            objects: 0,
            schema: BTreeSet::new(),
        }
        .judge(path);
    }
    let (conn, immutable) = open_read_only(path, header[18] == 2 || header[19] == 2)?;
    match Identity::read(&conn) {
        Ok(identity) => identity.judge(path),
        // Read without locks, the file may have been caught mid-checkpoint by a tutor
        // that started meanwhile: look again (with locks, if it now has a WAL beside it).
        Err(_) if immutable && again => look(path, false),
        // Reading it would need a write first: rolling back a hot journal.
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK =>
        {
            Err(StoreError::NeedsRecovery {
                path: path.to_path_buf(),
            })
        }
        Err(e) => Err(classify(path, e)),
    }
}

/// A connection that cannot write `path`. A WAL database whose `-wal` file does not exist
/// (it was closed cleanly) is read as immutable: a read-only connection would otherwise
/// create `-wal` and `-shm` beside it, and leave them. Also says whether it is immutable.
fn open_read_only(path: &Path, wal: bool) -> Result<(Connection, bool), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut wal_file = path.as_os_str().to_owned();
    wal_file.push("-wal");
    let immutable = wal && !PathBuf::from(wal_file).exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = format!(
        "file:{}{}",
        uri_path(path),
        if immutable { "?immutable=1" } else { "" }
    );
    let conn = Connection::open_with_flags(uri, flags).map_err(open_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    Ok((conn, immutable))
}

/// `path` as the path of a `file:` URI: every byte but the unreserved ones and `/`
/// percent-encoded, so that `?`, `#` and `%` in a folder's name stay part of the name.
fn uri_path(path: &Path) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_keep_odd_characters_in_the_name() {
        assert_eq!(
            uri_path(Path::new("/tmp/a b?c#d%e/tutor.db")),
            "/tmp/a%20b%3Fc%23d%25e/tutor.db"
        );
    }

    #[test]
    fn table_names_are_listed_display_safe() {
        let names: BTreeSet<String> = ["a\u{1b}[2J".to_string(), "b\nc".to_string()].into();
        assert_eq!(
            list("the table", "the tables", &names).unwrap(),
            "the tables `a\\u{1b}[2J`, `b\\nc`"
        );
        assert_eq!(list("x", "y", &BTreeSet::new()), None);
    }
}
