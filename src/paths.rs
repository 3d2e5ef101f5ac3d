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

#[cfg(test)]
mod tests {
    use super::*;

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
