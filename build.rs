//! Bundles `content/` into the binary: writes `$OUT_DIR/bundled.rs`, a sorted list of
//! (path, bytes) for every deck file, so an installed `tutor` works from any folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or_else(missing)?);
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
    let mut out = String::from("pub static BUNDLED: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&root).map_err(io::Error::other)?;
        let name = relative.to_string_lossy().replace('\\', "/");
        let absolute = file.to_string_lossy();
        writeln!(out, "    ({name:?}, include_bytes!({absolute:?})),").map_err(io::Error::other)?;
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var_os("OUT_DIR").ok_or_else(missing)?).join("bundled.rs");
    fs::write(dest, out)
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
