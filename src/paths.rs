//! Where tutor keeps its files.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use etcetera::BaseStrategy as _;

/// The data dir: `--data-dir` / `TUTOR_DATA_DIR` when given (clap reads both), else the
/// XDG data dir (`$XDG_DATA_HOME/tutor`, usually `~/.local/share/tutor`).
pub fn data_dir(given: Option<PathBuf>) -> Result<PathBuf, etcetera::HomeDirError> {
    match given {
        Some(dir) => Ok(dir),
        None => Ok(etcetera::choose_base_strategy()?.data_dir().join("tutor")),
    }
}

/// Parsed decks, see [`crate::content::cache`].
pub fn deck_cache_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("cache").join("decks")
}

/// Highlighted solutions, see [`crate::highlight::DiskCache`].
pub fn highlight_cache_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("cache").join("highlight")
}

/// The learner's code on the practice screen: `attempts/<card>/solution.py|.rs`.
pub fn attempts_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("attempts")
}

/// Numbers the temporary files of [`replace_file`], so that two writers in one process
/// (the session and the highlight warmer) never share one.
static WRITES: AtomicU64 = AtomicU64::new(0);

/// The most a learner's code file may hold: far more than any answer, far less than
/// memory.
pub const CODE_LIMIT: u64 = 1024 * 1024;

/// Reads a learner's code file: a regular file (not a FIFO, which would block, nor a
/// device such as `/dev/zero`, which never ends: a symlink is followed first) of at most
/// [`CODE_LIMIT`] bytes, as UTF-8.
pub fn read_code(path: &Path) -> std::io::Result<String> {
    read_text(path, CODE_LIMIT)
}

/// Where `tutor interview` writes each round's Markdown transcript.
pub fn interviews_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("interviews")
}

/// Reads a text file the user names: a regular file (see [`read_code`]) of at most
/// `limit` bytes, as UTF-8.
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let too_big = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} KiB", limit / 1024),
        )
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    // The file may grow after the look: read one byte past the limit to tell.
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Writes `parts` to `path` through a temporary file beside it and a rename, creating
/// the folder: a reader sees the old file or the new one, never half of one. The
/// temporary file is unique to this process and write, and removed if anything fails.
pub fn replace_file(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    let write = WRITES.fetch_add(1, Ordering::Relaxed);
    name.push(format!(".{}.{write}.tmp", std::process::id()));
    let tmp = path.with_file_name(name);
    let written = std::fs::File::create(&tmp)
        .and_then(|mut file| parts.iter().try_for_each(|part| file.write_all(part)))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// How old a temporary file of [`replace_file`] must be to be removed even though the
/// process its name gives is alive (that pid may have been reused).
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_hours(1);

/// Removes the temporary files [`replace_file`] left in `dir` (`*.<pid>.<n>.tmp`) when a
/// writer died before its rename (`kill -9`): those whose writer is not `alive`, or
/// that are older than [`STALE_TEMP_AGE`] at `now`. Other files are never touched; a
/// file that cannot be read or removed is left. Returns how many were removed.
pub fn remove_stale_temps(
    dir: &Path,
    now: std::time::SystemTime,
    alive: impl Fn(u32) -> bool,
) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let writer = |name: &str| -> Option<u32> {
        let mut parts = name.strip_suffix(".tmp")?.rsplit('.');
        parts.next()?.parse::<u64>().ok()?;
        parts.next()?.parse().ok()
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(writer) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|at| now.duration_since(at).ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if meta.is_file() && (old || !alive(pid)) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    /// `tutor test` on a link to `/dev/zero` read until memory ran out (5.7 GB in 5 s),
    /// and on a FIFO waited for ever: neither is a file of code.
    #[test]
    fn code_is_read_only_from_a_regular_file_of_bounded_size() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.py");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(
            super::read_code(&zero)
                .unwrap_err()
                .to_string()
                .contains("not a regular file")
        );
        let fifo = dir.path().join("fifo.py");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(
            super::read_code(&fifo)
                .unwrap_err()
                .to_string()
                .contains("not a regular file")
        );
        let big = dir.path().join("big.py");
        std::fs::write(&big, vec![b'#'; 1024 * 1024 + 1]).unwrap();
        assert!(
            super::read_code(&big)
                .unwrap_err()
                .to_string()
                .contains("larger than 1024 KiB")
        );
        let fine = dir.path().join("fine.py");
        std::fs::write(&fine, "x = 1\n").unwrap();
        assert_eq!(super::read_code(&fine).unwrap(), "x = 1\n");
    }

    use super::*;

    /// A temporary file whose writer died is removed, as is one older than an hour
    /// whatever its pid; a fresh one of a live writer, and files not named as
    /// `replace_file` names them, stay.
    #[test]
    fn stale_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let plant = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, b"").unwrap();
            path
        };
        let dead = plant("abc.bin.4242.0.tmp");
        let live = plant("abc.bin.7.3.tmp");
        let entry = plant("abc.bin");
        let other = plant("notes.tmp");
        let now = std::time::SystemTime::now();
        let alive = |pid| pid == 7;
        assert_eq!(remove_stale_temps(dir.path(), now, alive), 1);
        assert!(!dead.exists());
        assert!(live.exists() && entry.exists() && other.exists());
        let later = now + STALE_TEMP_AGE + std::time::Duration::from_secs(1);
        assert_eq!(remove_stale_temps(dir.path(), later, alive), 1);
        assert!(!live.exists());
        assert!(entry.exists() && other.exists());
        assert_eq!(remove_stale_temps(&dir.path().join("none"), now, alive), 0);
    }

    #[test]
    fn replace_file_writes_whole_files_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("entry.bin");
        replace_file(&path, &[b"ab", b"cd"]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"abcd");
        replace_file(&path, &[b"new"]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["entry.bin"]);
        // A path whose folder cannot exist fails, and writes nothing.
        let blocked = path.join("below-a-file");
        assert!(replace_file(&blocked, &[b"x"]).is_err());
    }
}
