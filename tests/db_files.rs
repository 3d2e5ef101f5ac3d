#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A file at `<data-dir>/tutor.db` that is not tutor's database is never written: tutor
//! looks at it first and refuses anything else (another program's database, a folder, a
//! text file, random bytes, a newer schema, a file it may not write) with a message that
//! names it, exit 1, and not one byte of it changed nor a `-wal`/`-shm`/`-journal` beside it.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};

use common::{Run, command, run, shown, temp, tutor};
use rusqlite::Connection;
use tempfile::TempDir;

/// Every file in the folder, by name, with its bytes (a folder's or a pipe's as empty).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = if entry.file_type().unwrap().is_file() {
                fs::read(entry.path()).unwrap()
            } else {
                Vec::new()
            };
            (name, bytes)
        })
        .collect()
}

/// A data dir holding `tutor.db` made by `make`.
fn data_with(make: impl FnOnce(&Path)) -> (TempDir, PathBuf, PathBuf) {
    let tmp = temp();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    let db = data.join("tutor.db");
    make(&db);
    (tmp, data, db)
}

fn sqlite(db: &Path, sql: &str) {
    Connection::open(db).unwrap().execute_batch(sql).unwrap();
}

/// `tutor stats` is refused with exit 1, a message naming the file and containing
/// `expected`, and the data dir exactly as it was.
fn assert_refused_untouched(data: &Path, db: &Path, expected: &str) -> Run {
    let before = snapshot(data);
    let out = tutor(data, &["stats"]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains(&shown(db)), "{out:?}");
    assert!(out.stderr.contains(expected), "{out:?}");
    assert!(!out.stderr.contains("panicked"), "{out:?}");
    assert_eq!(
        snapshot(data).keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "files appeared or went"
    );
    assert!(snapshot(data) == before, "a file was changed");
    out
}

/// The tables tutor's schema has, as the current tutor creates them.
const TUTOR_TABLES: &str = "CREATE TABLE review_log (id INTEGER PRIMARY KEY, card_id TEXT, \
     reviewed_at INTEGER); CREATE TABLE card_state (card_id TEXT PRIMARY KEY); \
     CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT); \
     CREATE TABLE quiz_result (id INTEGER PRIMARY KEY);";

#[test]
fn another_programs_database_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');",
        );
    });
    let out = assert_refused_untouched(&data, &db, "not a tutor database");
    assert!(out.stderr.contains("notes"), "{out:?}");
}

#[test]
fn another_programs_database_in_wal_mode_gets_no_wal_beside_it() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            "PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT);",
        );
    });
    assert_eq!(snapshot(&data).len(), 1, "the WAL was not checkpointed");
    assert_refused_untouched(&data, &db, "not a tutor database");
}

#[test]
fn a_version_with_the_wrong_tables_is_refused_before_wal() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            "CREATE TABLE notes (body TEXT); PRAGMA user_version = 2;",
        );
    });
    assert_refused_untouched(&data, &db, "not a tutor database");
}

#[test]
fn tutors_tables_with_one_more_are_refused() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            &format!("{TUTOR_TABLES} CREATE TABLE extra (x); PRAGMA user_version = 3;"),
        );
    });
    let out = assert_refused_untouched(&data, &db, "not a tutor database");
    assert!(out.stderr.contains("extra"), "{out:?}");
}

#[test]
fn another_programs_application_id_is_refused() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            &format!("{TUTOR_TABLES} PRAGMA user_version = 3; PRAGMA application_id = 12345;"),
        );
    });
    assert_refused_untouched(&data, &db, "not a tutor database");
}

#[test]
fn a_table_name_is_shown_escaped() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(db, "CREATE TABLE \"evil\x1b[2J\" (x);");
    });
    let out = assert_refused_untouched(&data, &db, "not a tutor database");
    assert!(!out.stderr.contains('\x1b'), "{out:?}");
    assert!(out.stderr.contains("evil\\u{1b}[2J"), "{out:?}");
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            &format!("{TUTOR_TABLES} CREATE TABLE future (x); PRAGMA user_version = 99;"),
        );
    });
    assert_refused_untouched(&data, &db, "newer tutor");
}

/// As a newer tutor would leave it: marked as tutor's, in WAL mode, closed cleanly.
#[test]
fn a_newer_tutors_wal_database_gets_no_wal_beside_it() {
    let (_tmp, data, db) = data_with(|db| {
        sqlite(
            db,
            &format!(
                "PRAGMA journal_mode = WAL; {TUTOR_TABLES} CREATE TABLE future (x); \
                 PRAGMA user_version = 99; PRAGMA application_id = 1414878290;"
            ),
        );
    });
    assert_eq!(snapshot(&data).len(), 1, "the WAL was not checkpointed");
    assert_refused_untouched(&data, &db, "newer tutor");
}

#[test]
fn a_folder_in_place_of_the_database_is_refused() {
    let (_tmp, data, db) = data_with(|db| fs::create_dir(db).unwrap());
    assert_refused_untouched(&data, &db, "is a folder");
}

/// A named pipe would block the open for ever; it is refused without being opened.
#[test]
fn a_named_pipe_in_place_of_the_database_is_refused() {
    let (_tmp, data, db) = data_with(|db| {
        let made = std::process::Command::new("mkfifo")
            .arg(db)
            .status()
            .unwrap();
        assert!(made.success());
    });
    assert_refused_untouched(&data, &db, "is not a regular file");
}

#[test]
fn a_text_file_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        fs::write(db, "my shopping list\neggs\nmilk\n".repeat(300)).unwrap();
    });
    assert_refused_untouched(&data, &db, "not a tutor database");
}

#[test]
fn random_bytes_are_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let bytes: Vec<u8> = (0..16_384)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x.to_le_bytes()[3]
            })
            .collect();
        fs::write(db, bytes).unwrap();
    });
    assert_refused_untouched(&data, &db, "not a tutor database");
}

/// An `SQLite` header on garbage: what `SQLite` itself calls "not a database".
#[test]
fn a_damaged_sqlite_file_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        let mut bytes = b"SQLite format 3\0".to_vec();
        bytes.resize(8192, 0xa5);
        fs::write(db, bytes).unwrap();
    });
    assert_refused_untouched(&data, &db, "tutor.db");
}

/// A zero-length file is a database not yet begun: tutor makes it its own.
#[test]
fn a_zero_length_file_is_initialised() {
    let (_tmp, data, db) = data_with(|db| fs::write(db, b"").unwrap());
    let out = tutor(&data, &["stats"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let id: i64 = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_ne!(id, 0);
}

/// The uid that owns files this test creates: when it is root, permissions do not stop
/// it, so the binary runs as `nobody` instead.
fn running_as_root(dir: &Path) -> bool {
    fs::metadata(dir).unwrap().uid() == 0
}

/// Runs `tutor stats` on a tutor database with `file` and `folder` as its and its data
/// dir's permissions, and asserts it is refused as read-only with nothing changed.
fn assert_read_only_refused(file: u32, folder: u32) {
    let tmp = temp();
    let data = tmp.path().join("data");
    // Made by tutor itself, then closed: a real tutor database.
    let made = tutor(&data, &["stats"]);
    assert_eq!(made.code, Some(0), "{made:?}");
    let db = data.join("tutor.db");
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&db, fs::Permissions::from_mode(file)).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(folder)).unwrap();
    let before = snapshot(&data);
    let mut cmd = command(&data);
    cmd.arg("stats");
    if running_as_root(tmp.path()) {
        cmd.uid(65534).gid(65534);
    }
    let out = run(&mut cmd);
    let after = snapshot(&data);
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains(&shown(&db)), "{out:?}");
    assert!(out.stderr.contains("read-only"), "{out:?}");
    assert!(after == before, "the data dir changed");
}

/// A tutor database tutor may not write is refused, not half used.
#[test]
fn a_read_only_database_is_refused_untouched() {
    assert_read_only_refused(0o444, 0o777);
}

/// Nor may it be used when its folder is read-only: the WAL beside it cannot be made.
#[test]
fn a_database_in_a_read_only_folder_is_refused_untouched() {
    assert_read_only_refused(0o666, 0o555);
}

/// The file is looked at through a `file:` URI: a folder whose name has `?`, `#`, `%` or
/// spaces in it still holds a database tutor opens again and again.
#[test]
fn a_data_dir_with_uri_characters_in_its_name_reopens() {
    let tmp = temp();
    let data = tmp.path().join("my data?x=1#2 %41");
    for _ in 0..2 {
        let out = tutor(&data, &["stats"]);
        assert_eq!(out.code, Some(0), "{out:?}");
    }
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "a file was made beside the data dir"
    );
}

/// Tutor's table names with other columns: what QA made with `create table settings(x)`.
const TUTOR_NAMES_OTHER_COLUMNS: &str = "CREATE TABLE review_log (x); \
     CREATE TABLE card_state (x); CREATE TABLE settings (x); CREATE TABLE quiz_result (x);";

/// Identified by the whole schema, not the table names: refused before the WAL switch,
/// with our message, not `SQLite`'s "no such column".
#[test]
fn tutors_table_names_with_other_columns_are_refused_untouched() {
    for extra in [
        "PRAGMA user_version = 2;",
        "PRAGMA user_version = 3;",
        "PRAGMA user_version = 3; PRAGMA application_id = 1414878290;",
    ] {
        let (_tmp, data, db) = data_with(|db| {
            sqlite(db, &format!("{TUTOR_NAMES_OTHER_COLUMNS} {extra}"));
        });
        let out = assert_refused_untouched(&data, &db, "not a tutor database");
        assert!(out.stderr.contains("settings"), "{extra}: {out:?}");
    }
}

/// Tutor's real schema with one column more is not tutor's either.
#[test]
fn tutors_schema_with_one_column_more_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        let made = tutor(db.parent().unwrap(), &["stats"]);
        assert_eq!(made.code, Some(0), "{made:?}");
        sqlite(db, "ALTER TABLE settings ADD COLUMN note TEXT;");
    });
    let out = assert_refused_untouched(&data, &db, "not a tutor database");
    assert!(out.stderr.contains("settings"), "{out:?}");
}

/// A rollback-mode database with a hot journal cannot even be read without writing it:
/// it is left as it is, with a message that names it and says what to do.
#[test]
fn a_database_with_a_hot_journal_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| {
        let src = db.with_file_name("src.db");
        let conn = Connection::open(&src).unwrap();
        conn.execute_batch(
            "PRAGMA cache_size = 2; CREATE TABLE notes (body TEXT);
             BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
             INSERT INTO notes SELECT printf('%.1000c', 'x') FROM n; COMMIT;
             BEGIN; UPDATE notes SET body = upper(body);",
        )
        .unwrap();
        // Copied mid-transaction: the file half written, its journal hot.
        fs::copy(&src, db).unwrap();
        let mut journal = src.into_os_string();
        journal.push("-journal");
        let mut hot = db.as_os_str().to_owned();
        hot.push("-journal");
        fs::copy(&journal, &hot).unwrap();
        conn.execute_batch("ROLLBACK").unwrap();
        drop(conn);
        fs::remove_file(db.with_file_name("src.db")).unwrap();
    });
    assert!(snapshot(&data).contains_key("tutor.db-journal"));
    let out = assert_refused_untouched(&data, &db, "unfinished transaction");
    assert!(!out.stderr.contains("readonly database"), "{out:?}");
}

/// Only a zero-length file is a database not yet begun; an empty `SQLite` file that is
/// not marked as tutor's was made by something else.
#[test]
fn an_empty_sqlite_file_not_made_by_tutor_is_refused_untouched() {
    let (_tmp, data, db) = data_with(|db| sqlite(db, "PRAGMA user_version = 0; VACUUM;"));
    assert!(fs::metadata(&db).unwrap().len() > 0);
    assert_refused_untouched(&data, &db, "not a tutor database");
}

/// Tutor marks a new file as its own before anything else: a file with that mark and no
/// tables is one whose creation was interrupted, and is made tutor's again.
#[test]
fn an_empty_file_marked_as_tutors_is_initialised() {
    let (_tmp, data, db) = data_with(|db| sqlite(db, "PRAGMA application_id = 1414878290;"));
    assert!(fs::metadata(&db).unwrap().len() > 0);
    let out = tutor(&data, &["stats"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let version: i64 = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version, 10,
        "the latest schema (4: recall points and claims; 5: quiz_result.picked; 6: deck_trust; \
         7: attempts; 8: interview; 9: sync origin and sent; 10: interviews sync)"
    );
}
