//! Where tutor keeps its files.

use std::path::PathBuf;

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
