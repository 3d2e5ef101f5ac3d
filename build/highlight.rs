//! The highlighter's grammars and theme, made at build time (see `src/highlight.rs`).
//!
//! syntect bundles about 75 grammars (368 KB); tutor highlights Python and Rust only.
//! syntect offers no way to take a subset of a linked syntax set (its contexts point at
//! each other by syntax index), so this keeps Python, Rust and Plain Text plus every
//! syntax their contexts reach (Python's regular expressions, …), renumbers the
//! references, and writes the set in syntect's dump format. The theme is parsed from
//! its plist here too, so the binary needs neither a plist parser nor the full set.
//! Both are written to `$OUT_DIR`; their fingerprint keys the highlight cache.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fs;
use std::io::Cursor;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use syntect::dumps;
use syntect::highlighting::ThemeSet;
use syntect::parsing::SyntaxSet;
use syntect::parsing::syntax_definition::{Context, ContextId};
use xxhash_rust::xxh3::Xxh3;

/// The grammars `highlight::Lang` names, and Plain Text, which every set must hold.
const ROOTS: [&str; 3] = ["Python", "Rust", "Plain Text"];

/// A syntax's contexts as syntect stores them (its `LazyContexts`, crate-private): the
/// context names and the contexts, compressed with `dumps::dump_binary`.
#[derive(Serialize, Deserialize)]
struct LazyContexts {
    context_ids: BTreeMap<String, ContextId>,
    contexts: Vec<Context>,
}

/// Writes `syntaxes.packdump` and `theme.themedump` to `out_dir`; returns the
/// fingerprint of both.
pub fn write(theme: &Path, out_dir: &Path) -> Result<u128, Box<dyn Error>> {
    let theme = ThemeSet::load_from_reader(&mut Cursor::new(fs::read(theme)?))?;
    let theme = dumps::dump_binary(&theme);
    fs::write(out_dir.join("theme.themedump"), &theme)?;
    let syntaxes = out_dir.join("syntaxes.packdump");
    dumps::dump_to_uncompressed_file(&trimmed()?, &syntaxes)?;
    let syntaxes = fs::read(syntaxes)?;
    let mut fingerprint = Xxh3::new();
    fingerprint.update(&theme);
    fingerprint.update(&syntaxes);
    Ok(fingerprint.digest128())
}

/// syntect's bundled set with only the syntaxes [`ROOTS`] reach.
fn trimmed() -> Result<SyntaxSet, Box<dyn Error>> {
    let full = SyntaxSet::load_defaults_newlines();
    let mut set = serde_json::to_value(&full)?;
    let syntaxes = set["syntaxes"].as_array().ok_or("no syntaxes")?.clone();
    let syntax =
        |index: u64| -> Result<&Value, Box<dyn Error>> { Ok(&syntaxes[usize::try_from(index)?]) };
    let contexts = |index: u64| -> Result<Value, Box<dyn Error>> {
        let bytes: Vec<u8> =
            serde_json::from_value(syntax(index)?["serialized_lazy_contexts"].clone())?;
        let lazy: LazyContexts = dumps::from_reader(bytes.as_slice())?;
        Ok(serde_json::to_value(&lazy)?)
    };
    let mut keep = BTreeSet::new();
    let mut todo = Vec::new();
    for name in ROOTS {
        let index = full
            .syntaxes()
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| format!("syntect has no {name} syntax"))?;
        let index = u64::try_from(index)?;
        keep.insert(index);
        todo.push(index);
    }
    while let Some(index) = todo.pop() {
        let mut reached = Vec::new();
        visit(&mut contexts(index)?, &mut |i| {
            reached.push(*i);
        });
        for i in reached {
            if keep.insert(i) {
                todo.push(i);
            }
        }
    }
    let renumber: BTreeMap<u64, u64> = keep.iter().zip(0..).map(|(old, new)| (*old, new)).collect();
    let mut kept = Vec::new();
    for &index in &keep {
        let mut lazy = contexts(index)?;
        visit(&mut lazy, &mut |i| *i = renumber[&*i]);
        let lazy: LazyContexts = serde_json::from_value(lazy)?;
        let mut syntax = syntax(index)?.clone();
        syntax["serialized_lazy_contexts"] = serde_json::to_value(dumps::dump_binary(&lazy))?;
        kept.push(syntax);
    }
    set["syntaxes"] = Value::Array(kept);
    let paths: Vec<(String, u64)> = serde_json::from_value(set["path_syntaxes"].clone())?;
    let paths: Vec<(String, u64)> = paths
        .into_iter()
        .filter_map(|(path, i)| Some((path, *renumber.get(&i)?)))
        .collect();
    set["path_syntaxes"] = serde_json::to_value(paths)?;
    Ok(serde_json::from_value(set)?)
}

/// Calls `f` on the syntax index of every context id in `value` (a `ContextId`
/// serializes as an object of `syntax_index` and `context_index`).
fn visit(value: &mut Value, f: &mut impl FnMut(&mut u64)) {
    match value {
        Value::Object(map) if map.len() == 2 && map.contains_key("context_index") => {
            if let Some(Value::Number(n)) = map.get_mut("syntax_index")
                && let Some(mut i) = n.as_u64()
            {
                f(&mut i);
                *n = i.into();
            }
        }
        Value::Object(map) => map.values_mut().for_each(|v| visit(v, f)),
        Value::Array(items) => items.iter_mut().for_each(|v| visit(v, f)),
        _ => {}
    }
}
