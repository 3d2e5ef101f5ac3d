//! Bundles `content/` into the binary so an installed `tutor` works from any folder.
//!
//! Writes `$OUT_DIR/bundled.rs`: one `BundledDeck` per deck folder, with a fingerprint of
//! its files (names and bytes) and each file DEFLATE-compressed. The fingerprint lets a
//! normal start find the parsed deck in the cache without reading, hashing or inflating
//! the bundled text: those pages of the binary are then never touched, and the text
//! takes a quarter of the space.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

use xxhash_rust::xxh3::Xxh3;

/// Compression level for the bundled files: the best `miniz_oxide` offers; only the build
/// pays for it.
const LEVEL: u8 = 10;

/// The size limit of a deck file, as `content::source::MAX_FILE_BYTES`.
const MAX_FILE_BYTES: usize = 1 << 20;

fn main() -> io::Result<()> {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or_else(missing)?);
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").ok_or_else(missing)?);
    let content = root.join("content");
    println!("cargo:rerun-if-changed=content");
    let mut files = Vec::new();
    collect(&content, &mut files)?;
    files.sort();
    // Every file and folder by name: a card copied in with an old modification time must
    // still be bundled (a folder's own time changes when a file is added or removed).
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        if let Some(dir) = file.parent() {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
    }
    // Deck folder (relative, `/`-separated) -> its files' relative names, in order.
    let mut decks: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&root).map_err(io::Error::other)?;
        let name = relative.to_string_lossy().replace('\\', "/");
        let Some((folder, _)) = name.rsplit_once('/') else {
            continue;
        };
        decks
            .entry(folder.to_string())
            .or_default()
            .push((name, file));
    }
    let mut out =
        String::from("#[allow(clippy::unreadable_literal)]\nstatic BUNDLED: &[BundledDeck] = &[\n");
    for (index, (origin, files)) in decks.iter().enumerate() {
        let mut fingerprint = Xxh3::new();
        writeln!(out, "    BundledDeck {{\n        origin: {origin:?},")
            .map_err(io::Error::other)?;
        out.push_str("        files: &[\n");
        for (number, (name, path)) in files.iter().enumerate() {
            let bytes = fs::read(path)?;
            if bytes.len() > MAX_FILE_BYTES {
                return Err(io::Error::other(format!(
                    "{name} is {} bytes; deck files are limited to 1 MiB (as tutor refuses \
                     larger ones at run time): split it",
                    bytes.len()
                )));
            }
            fingerprint.update(&(name.len() as u64).to_le_bytes());
            fingerprint.update(name.as_bytes());
            fingerprint.update(&(bytes.len() as u64).to_le_bytes());
            fingerprint.update(&bytes);
            let packed = out_dir.join(format!("bundled-{index}-{number}.deflate"));
            fs::write(
                &packed,
                miniz_oxide::deflate::compress_to_vec(&bytes, LEVEL),
            )?;
            writeln!(
                out,
                "            ({name:?}, include_bytes!({:?})),",
                packed.to_string_lossy()
            )
            .map_err(io::Error::other)?;
        }
        out.push_str("        ],\n");
        writeln!(
            out,
            "        fingerprint: {:#034x},\n    }},",
            fingerprint.digest128()
        )
        .map_err(io::Error::other)?;
    }
    out.push_str("];\n");
    fs::write(out_dir.join("bundled.rs"), out)
}

fn missing() -> io::Error {
    io::Error::other("cargo did not set CARGO_MANIFEST_DIR or OUT_DIR")
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    Ok(())
}
