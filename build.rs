//! Bundles `content/` into the binary, so an installed `tutor` works from any folder.
//! The recall items' `examples` are left out (`build/examples.rs`).
//!
//! Writes `$OUT_DIR/bundled.rs`: one `BundledDeck` per deck folder, its files joined and
//! LZMA-compressed as one stream with their names and lengths beside it, and a
//! fingerprint of the deck's files (names and bytes). A normal start finds the parsed
//! deck in the cache by that fingerprint, without unpacking the bundled text. One LZMA
//! stream over the whole deck (2.25 MB of YAML in about 0.5 MB on 2026-12-06) against
//! each file DEFLATE-compressed alone (0.66 MB) keeps the binary within its 8 MB budget.
//!
//! Also writes the highlighter's grammars and theme (`build/highlight.rs`) and passes
//! their fingerprint on as `TUTOR_HIGHLIGHT_FINGERPRINT`.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

use xxhash_rust::xxh3::Xxh3;

#[path = "build/examples.rs"]
mod examples;
#[path = "build/highlight.rs"]
mod highlight;

/// The size limit of a deck file, as `content::source::MAX_FILE_BYTES`.
const MAX_FILE_BYTES: usize = 1 << 20;

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=assets/tutor.tmTheme");
    // Relative relocations packed (DT_RELR, glibc 2.36 and binutils 2.38 or later):
    // the table of 10,000 pointer fix-ups a position-independent binary carries, 24
    // bytes each, takes a few kilobytes instead of 0.24 MB.
    println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    // Identical code folding: functions (and constants) whose machine code came out the
    // same, mostly generic code instantiated for types of one layout, are kept once.
    // 48,480 bytes off the release binary (2026-12-06; BENCHMARKS.md). Only where rustc
    // links with its own LLD by default (x86_64 Linux since Rust 1.90): GNU ld has no
    // `--icf`. Debug builds keep their faster link.
    if env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu")
        && env::var("PROFILE").as_deref() == Ok("release")
    {
        println!("cargo:rustc-link-arg-bins=-Wl,--icf=all");
    }
    let highlight = highlight::write(&root.join("assets/tutor.tmTheme"), &out_dir)?;
    println!("cargo:rustc-env=TUTOR_HIGHLIGHT_FINGERPRINT={highlight:032x}");
    let mut files = Vec::new();
    collect(&root.join("content"), &mut files)?;
    // Deck folder (relative, `/`-separated) -> its files: relative name and path, sorted.
    let mut decks: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    for file in files {
        // Every file and folder by name: a card copied in with an old modification time
        // must still be bundled (a folder's own time changes when a file is added).
        println!("cargo:rerun-if-changed={}", file.display());
        if let Some(dir) = file.parent() {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
        let name = file
            .strip_prefix(&root)?
            .to_string_lossy()
            .replace('\\', "/");
        if let Some((folder, _)) = name.rsplit_once('/') {
            decks
                .entry(folder.to_string())
                .or_default()
                .push((name, file));
        }
    }
    let mut out =
        String::from("#[allow(clippy::unreadable_literal)]\nstatic BUNDLED: &[BundledDeck] = &[\n");
    for (index, (origin, files)) in decks.iter_mut().enumerate() {
        files.sort();
        let mut fingerprint = Xxh3::new();
        writeln!(
            out,
            "    BundledDeck {{\n        origin: {origin:?},\n        files: &["
        )?;
        let mut joined = Vec::new();
        for (name, path) in files.iter() {
            let bytes = fs::read(path)?;
            if bytes.len() > MAX_FILE_BYTES {
                return Err(format!(
                    "{name} is {} bytes; deck files are limited to 1 MiB (as tutor refuses \
                     larger ones at run time): split it",
                    bytes.len()
                )
                .into());
            }
            // Without the recall examples (build/examples.rs); a file that is not UTF-8
            // is bundled as it is, for tutor to report.
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => examples::without_examples(&text).into_bytes(),
                Err(e) => e.into_bytes(),
            };
            for part in [name.as_bytes(), &bytes] {
                fingerprint.update(&(part.len() as u64).to_le_bytes());
                fingerprint.update(part);
            }
            writeln!(out, "            ({name:?}, {}),", bytes.len())?;
            joined.extend_from_slice(&bytes);
        }
        let packed = out_dir.join(format!("deck-{index}.lzma"));
        fs::write(&packed, lzma(&joined)?)?;
        writeln!(
            out,
            "        ],\n        packed: include_bytes!({:?}),",
            packed.to_string_lossy()
        )?;
        let fingerprint = fingerprint.digest128();
        writeln!(out, "        fingerprint: {fingerprint:#034x},\n    }},")?;
    }
    out.push_str("];\n");
    fs::write(out_dir.join("bundled.rs"), out)?;
    Ok(())
}

/// `bytes` as one `.lzma` stream (LZMA1, the "alone" format `lzma_rs::lzma_decompress`
/// reads, the unpacked size in its header), liblzma's best preset with a dictionary as
/// large as the input, so every file can refer back to every earlier one. Only the
/// build pays for it.
fn lzma(bytes: &[u8]) -> Result<Vec<u8>, Box<dyn Error>> {
    use std::io::Write as _;
    // Preset 9 with liblzma's "extreme" flag (`LZMA_PRESET_EXTREME`, 1 << 31).
    let mut options = xz2::stream::LzmaOptions::new_preset(9 | (1 << 31))?;
    options.dict_size(u32::try_from(bytes.len())?.clamp(4096, 1 << 26));
    // No position bits (the preset has 2): text has no alignment to exploit. Measured
    // 2026-12-07 on the bundled deck: about 600 bytes smaller.
    options.position_bits(0);
    let stream = xz2::stream::Stream::new_lzma_encoder(&options)?;
    let mut encoder = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// The YAML files under `dir`, at any depth.
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
