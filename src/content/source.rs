//! Where deck files come from: the bundled `content/` folder compiled into the binary, or
//! folders on disk. Files are size-checked before they are read and decoded as UTF-8
//! here, so the parser only ever sees text of a sane size.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::Problem;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Files larger than this are refused before parsing: `serde_yaml` can spend minutes on
/// pathological nesting.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// The file in a deck folder that names the deck.
pub const DECK_FILE: &str = "deck.yaml";

/// A file's display name (the path used in messages) and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Cow<'static, [u8]>,
}

/// One deck folder's files, with the problems met while reading them.
#[derive(Debug, Clone)]
pub struct DeckSource {
    /// `content/amazon-python` for a bundled deck, the folder path otherwise.
    pub origin: String,
    pub meta: Option<SourceFile>,
    pub cards: Vec<SourceFile>,
    pub problems: Vec<Problem>,
}

/// The decks compiled into the binary.
pub fn bundled() -> Vec<DeckSource> {
    let mut decks: Vec<DeckSource> = Vec::new();
    for &(name, bytes) in bundled::BUNDLED {
        let Some((folder, file)) = name.rsplit_once('/') else {
            continue;
        };
        let source = SourceFile {
            name: name.to_string(),
            bytes: Cow::Borrowed(bytes),
        };
        let index = if let Some(index) = decks.iter().position(|d| d.origin == folder) {
            index
        } else {
            decks.push(DeckSource {
                origin: folder.to_string(),
                meta: None,
                cards: Vec::new(),
                problems: Vec::new(),
            });
            decks.len() - 1
        };
        let deck = &mut decks[index];
        if file == DECK_FILE {
            deck.meta = Some(source);
        } else {
            deck.cards.push(source);
        }
    }
    decks
}

/// The decks under `path`: the folder itself when it holds `deck.yaml`, otherwise each
/// sub-folder that does. A folder with neither is a problem, not silence.
pub fn from_dir(path: &Path) -> Vec<DeckSource> {
    if path.join(DECK_FILE).is_file() {
        return vec![deck_dir(path)];
    }
    let mut subdirs = match list_dir(path) {
        Ok(entries) => entries
            .into_iter()
            .filter(|p| p.join(DECK_FILE).is_file())
            .collect::<Vec<_>>(),
        Err(problem) => return vec![lone_problem(path, problem)],
    };
    subdirs.sort();
    if subdirs.is_empty() {
        let problem = Problem::file_level(
            display(path),
            format!(
                "no deck here: a deck folder holds a `{DECK_FILE}`, and a folder of decks \
                 holds deck folders"
            ),
        );
        return vec![lone_problem(path, problem)];
    }
    subdirs.iter().map(|d| deck_dir(d)).collect()
}

fn lone_problem(path: &Path, problem: Problem) -> DeckSource {
    DeckSource {
        origin: display(path),
        meta: None,
        cards: Vec::new(),
        problems: vec![problem],
    }
}

fn deck_dir(dir: &Path) -> DeckSource {
    let mut source = DeckSource {
        origin: display(dir),
        meta: None,
        cards: Vec::new(),
        problems: Vec::new(),
    };
    let mut files = match list_dir(dir) {
        Ok(files) => files,
        Err(problem) => {
            source.problems.push(problem);
            return source;
        }
    };
    files.retain(|p| p.is_file() && is_yaml(p));
    files.sort();
    for file in files {
        let is_meta = file.file_name().is_some_and(|n| n == DECK_FILE);
        match read_file(&file) {
            Ok(read) if is_meta => source.meta = Some(read),
            Ok(read) => source.cards.push(read),
            Err(problem) => source.problems.push(problem),
        }
    }
    source
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Problem::file_level(display(dir), format!("cannot read folder: {e}")))?;
    Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
}

pub fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// Reads a file, refusing it (without reading it) when it is over [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<SourceFile, Problem> {
    let name = display(path);
    let fail = |what: &str, e: std::io::Error| Problem::file_level(&name, format!("{what}: {e}"));
    let file = File::open(path).map_err(|e| fail("cannot open", e))?;
    let len = file.metadata().map_err(|e| fail("cannot read", e))?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(&name, len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow between the size check and the read: read one byte past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail("cannot read", e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    Ok(SourceFile {
        name,
        bytes: Cow::Owned(bytes),
    })
}

fn too_large(name: &str, len: u64) -> Problem {
    #[allow(clippy::cast_precision_loss)]
    let mib = len as f64 / (1024.0 * 1024.0);
    Problem::file_level(
        name,
        format!("file is {mib:.1} MiB ({len} bytes); deck files are limited to 1 MiB: split it"),
    )
}

/// The file as UTF-8 text, or a problem at the first invalid byte.
pub fn decode(file: &SourceFile) -> Result<&str, Problem> {
    std::str::from_utf8(&file.bytes).map_err(|e| {
        let valid = &file.bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problem::new(
            &file.name,
            (line, col),
            "(file)",
            format!(
                "not valid UTF-8: byte 0x{:02x} at offset {}; save the file as UTF-8",
                file.bytes[e.valid_up_to()],
                e.valid_up_to()
            ),
        )
    })
}

pub fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
