//! Bundles `content/` into the binary so an installed `tutor` works from any folder.
//!
//! Writes `$OUT_DIR/bundled.rs`: one `BundledDeck` per deck folder, with a fingerprint of
//! its files (names and bytes) and each file DEFLATE-compressed. The fingerprint lets a
//! normal start find the parsed deck in the cache without reading, hashing or inflating
//! the bundled text: those pages of the binary are then never touched, and the text
//! takes a quarter of the space.
//!
//! Also links the binary with `assets/startup.order` (see [`startup_order`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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
    startup_order(&root, &out_dir);
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

/// Places the functions a start runs next to each other in the binary, in the order
/// `assets/startup.order` lists them (written by `benches/startup-order.sh`).
///
/// Linux maps a program's code in 64 KiB windows around each page it runs, so code
/// scattered across the binary makes nearly all of it resident: a start runs about a
/// third of the code but touched almost every window. Grouped, the start maps little
/// more than what it runs. Only the layout changes: a function missing from the list (new
/// code, or a list gone stale) is placed after the listed ones and works the same.
///
/// The options are LLD's (the linker of Rust's own `x86_64` Linux builds since 1.90); a
/// probe link tells whether the linker this build uses takes them, so another linker
/// simply gets a binary without the ordering. `TUTOR_STARTUP_ORDER=0` turns it off, to
/// measure the difference.
fn startup_order(root: &Path, out_dir: &Path) {
    let order = root.join("assets").join("startup.order");
    println!("cargo:rerun-if-changed={}", order.display());
    println!("cargo:rerun-if-env-changed=TUTOR_LINK_MAP");
    println!("cargo:rerun-if-env-changed=TUTOR_STARTUP_ORDER");
    let off = env::var_os("TUTOR_STARTUP_ORDER").is_some_and(|v| v == "0");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let path = order.to_string_lossy();
    // `-Wl,` splits its argument at commas.
    if off || !linux || !order.is_file() || path.contains(',') {
        return;
    }
    let args = [
        format!("-Wl,--symbol-ordering-file={path}"),
        // Names the list has and this build lacks are expected (see above).
        "-Wl,--no-warn-symbol-ordering".to_string(),
    ];
    if !links_with(out_dir, &args) {
        println!(
            "cargo:warning=the linker does not take LLD's --symbol-ordering-file: \
             building without the startup order (more memory at start, nothing else)"
        );
        return;
    }
    for arg in &args {
        println!("cargo:rustc-link-arg-bins={arg}");
    }
    // benches/startup-order.sh asks for the link map, to name the code a start ran.
    if let Some(map) = env::var_os("TUTOR_LINK_MAP") {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,-Map={}",
            map.to_string_lossy()
        );
        // The list needs the names as the linker sees them.
        println!("cargo:rustc-link-arg-bins=-Wl,--no-demangle");
    }
}

/// Whether an empty program links with `args` added, with the rustc, target, linker and
/// flags cargo uses for this build.
fn links_with(out_dir: &Path, args: &[String]) -> bool {
    let source = out_dir.join("link-probe.rs");
    if fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let mut rustc = Command::new(env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    rustc
        .arg(&source)
        .arg("-o")
        .arg(out_dir.join("link-probe"))
        .arg("--edition=2024");
    if let Ok(target) = env::var("TARGET") {
        rustc.arg("--target").arg(target);
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        let mut flag = std::ffi::OsString::from("linker=");
        flag.push(linker);
        rustc.arg("-C").arg(flag);
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    rustc.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    for arg in args {
        rustc.arg("-C").arg(format!("link-arg={arg}"));
    }
    rustc
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
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
