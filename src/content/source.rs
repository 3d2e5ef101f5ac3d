//! Where deck files come from: the bundled `content/` folder compiled into the binary, or
//! folders on disk. Files are size-checked before they are read and decoded as UTF-8
//! here, so the parser only ever sees text of a sane size.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::Problem;

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

/// A deck compiled into the binary (see build.rs): its files joined and LZMA-compressed
/// as one stream, their names and lengths, and a fingerprint of their names and
/// uncompressed bytes taken at build time.
#[derive(Debug)]
pub struct BundledDeck {
    /// `content/<folder>`, as [`DeckSource::origin`].
    pub origin: &'static str,
    /// Relative name and uncompressed length of each file, sorted by name, in the order
    /// they are joined in `packed`.
    files: &'static [(&'static str, usize)],
    /// The joined files, one `.lzma` stream.
    packed: &'static [u8],
    pub fingerprint: u128,
}

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The decks compiled into the binary.
pub fn bundled() -> &'static [BundledDeck] {
    BUNDLED
}

impl BundledDeck {
    /// The deck's files, unpacked.
    pub fn source(&self) -> DeckSource {
        let mut source = DeckSource {
            origin: self.origin.to_string(),
            meta: None,
            cards: Vec::new(),
            problems: Vec::new(),
        };
        let joined = match self.unpack() {
            Ok(joined) => joined,
            // Only a broken build could get here; say so rather than skip the deck.
            Err(e) => {
                source.problems.push(Problem::file_level(
                    self.origin,
                    format!("the copy bundled into this binary is damaged ({e}); rebuild tutor"),
                ));
                return source;
            }
        };
        let mut rest = joined.as_slice();
        for &(name, len) in self.files {
            let (bytes, after) = rest.split_at(len);
            rest = after;
            let file = SourceFile {
                name: name.to_string(),
                bytes: Cow::Owned(bytes.to_vec()),
            };
            if name.rsplit('/').next() == Some(DECK_FILE) {
                source.meta = Some(file);
            } else {
                source.cards.push(file);
            }
        }
        source
    }

    /// The joined files, checked to be as long as their lengths say.
    fn unpack(&self) -> Result<Vec<u8>, String> {
        let total: usize = self.files.iter().map(|&(_, len)| len).sum();
        let mut joined = Vec::with_capacity(total);
        let options = lzma_rs::decompress::Options {
            unpacked_size: lzma_rs::decompress::UnpackedSize::ReadFromHeader,
            memlimit: Some(total.max(4096)),
            allow_incomplete: false,
        };
        lzma_rs::lzma_decompress_with_options(&mut &*self.packed, &mut joined, &options)
            .map_err(|e| e.to_string())?;
        if joined.len() == total {
            Ok(joined)
        } else {
            Err(format!("{} bytes where {total} were bundled", joined.len()))
        }
    }
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

/// What build.rs leaves out of the bundled decks, for the tests below.
#[cfg(test)]
#[path = "../../build/examples.rs"]
mod examples;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_decks_inflate_to_the_files_in_content() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(!bundled().is_empty());
        for deck in bundled() {
            let inflated = deck.source();
            assert!(inflated.problems.is_empty(), "{:?}", inflated.problems);
            let on_disk = deck_dir(&root.join(deck.origin));
            let names = |s: &DeckSource| -> Vec<(String, Vec<u8>)> {
                s.meta
                    .iter()
                    .chain(&s.cards)
                    .map(|f| {
                        let file = f.name.rsplit(['/', '\\']).next().unwrap_or_default();
                        (file.to_string(), f.bytes.to_vec())
                    })
                    .collect()
            };
            // The files without their recall examples, as build.rs bundles them.
            let mut on_disk = on_disk;
            for file in on_disk.meta.iter_mut().chain(&mut on_disk.cards) {
                let text = String::from_utf8_lossy(&file.bytes).into_owned();
                file.bytes = Cow::Owned(examples::without_examples(&text).into_bytes());
            }
            assert_eq!(names(&inflated), names(&on_disk), "{}", deck.origin);
            assert!(inflated.meta.is_some());
        }
        let fingerprints: std::collections::HashSet<u128> =
            bundled().iter().map(|d| d.fingerprint).collect();
        assert_eq!(
            fingerprints.len(),
            bundled().len(),
            "one fingerprint per deck"
        );
    }
}
