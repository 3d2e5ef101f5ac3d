//! Every code sample in every bundled deck runs: Python solutions with their tests under
//! `python3 -I`, Rust solutions with their tests under `rustc --test`. A failure names
//! the card and shows the output. See README.md ("Writing a deck") for the rules.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Mutex;

use tutor::content::{Card, LoadOptions, load_library};

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn python_version() -> Result<(u32, u32), String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys; print(sys.version_info[0], sys.version_info[1])",
        ])
        .output()
        .map_err(|e| {
            format!("cannot run python3 ({e}): the deck samples need Python 3.11 or newer on PATH")
        })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace().map(str::parse::<u32>);
    match (parts.next(), parts.next()) {
        (Some(Ok(major)), Some(Ok(minor))) => Ok((major, minor)),
        _ => Err(format!("python3 printed an unexpected version: {text:?}")),
    }
}

fn run_python(card: &Card, dir: &Path) -> Result<(), String> {
    let Some((python, _)) = card.code() else {
        return Err("not a coding card".into());
    };
    let file = dir.join(format!("{}.py", card.id.as_str().replace('-', "_")));
    let source = format!("{}\n\n{}", python.solution, python.tests);
    std::fs::write(&file, source).map_err(|e| e.to_string())?;
    let out = Command::new("python3")
        .arg("-I")
        .arg(&file)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "python3 -I {} failed ({}):\n{}",
            file.display(),
            out.status,
            output_text(&out)
        ))
    }
}

fn run_rust(card: &Card, dir: &Path) -> Result<(), String> {
    let stem = card.id.as_str().replace('-', "_");
    let file = dir.join(format!("{stem}.rs"));
    let bin = dir.join(format!("{stem}-test"));
    let Some((_, rust)) = card.code() else {
        return Err("not a coding card".into());
    };
    let source = format!("{}\n\n{}", rust.solution, rust.tests);
    std::fs::write(&file, source).map_err(|e| e.to_string())?;
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc)
        .args([
            "--edition",
            "2024",
            "--test",
            "-D",
            "warnings",
            "-A",
            "dead_code",
        ])
        .arg("--crate-name")
        .arg(&stem)
        .arg(&file)
        .arg("-o")
        .arg(&bin)
        .output()
        .map_err(|e| format!("cannot run {rustc}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{rustc} --test {} failed:\n{}",
            file.display(),
            output_text(&out)
        ));
    }
    let out = Command::new(&bin)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let text = output_text(&out);
    // The harness prints "test result: ok. N passed; ..." and N must not be 0.
    let ran_some = text
        .split("test result: ok. ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n > 0);
    if out.status.success() && ran_some {
        Ok(())
    } else {
        Err(format!(
            "{} failed or ran no test ({}):\n{text}",
            bin.display(),
            out.status
        ))
    }
}

#[test]
fn every_bundled_code_sample_runs_and_passes() {
    let (major, minor) = python_version().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        (major, minor) >= (3, 11),
        "the deck samples need Python 3.11 or newer; python3 is {major}.{minor}"
    );
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    assert!(
        library.problems.is_empty(),
        "bundled decks have problems:\n{:?}",
        library.problems
    );
    // Behavioural cards have no code (the schema forbids it); every other card must run.
    let cards: Vec<&Card> = library
        .cards()
        .map(|(_, c)| c)
        .filter(|c| c.kind == tutor::content::CardKind::Coding)
        .collect();
    assert!(!cards.is_empty(), "no bundled coding cards");
    let dir = tempfile::tempdir().expect("temp dir");
    let jobs: Mutex<Vec<(&Card, bool)>> = Mutex::new(
        cards
            .iter()
            .flat_map(|&c| [(c, true), (c, false)])
            .collect(),
    );
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let Some((card, python)) = jobs.lock().expect("jobs").pop() else {
                        break;
                    };
                    let result = if python {
                        run_python(card, dir.path())
                    } else {
                        run_rust(card, dir.path())
                    };
                    if let Err(e) = result {
                        let lang = if python { "python" } else { "rust" };
                        failures
                            .lock()
                            .expect("failures")
                            .push(format!("card `{}` ({lang}): {e}", card.id));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("failures");
    assert!(
        failures.is_empty(),
        "{} code sample(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The harness itself must be able to fail: a card whose tests are wrong is reported.
#[test]
fn a_failing_sample_is_reported_with_its_output() {
    let yaml = r#"
id: broken
title: Broken
topic: t
tags: []
difficulty: easy
prompt: p
python:
  solution: |
    def add(a, b):
        return a - b
  tests: |
    assert add(2, 2) == 4, "add is wrong"
rust:
  solution: |
    pub fn add(a: i32, b: i32) -> i32 { a - b }
  tests: |
    #[cfg(test)]
    mod tests {
        #[test]
        fn adds() { assert_eq!(super::add(2, 2), 4); }
    }
explanation: e
key_points: [k]
pitfalls: [p]
follow_ups: [f]
"#;
    let card = tutor::content::yaml::parse_card(yaml)
        .value
        .expect("test card parses");
    let dir = tempfile::tempdir().expect("temp dir");
    let python = run_python(&card, dir.path()).expect_err("python must fail");
    assert!(python.contains("add is wrong"), "{python}");
    let rust = run_rust(&card, dir.path()).expect_err("rust must fail");
    assert!(rust.contains("adds"), "{rust}");

    let mut no_tests = card.clone();
    let rust = no_tests.rust.as_mut().expect("the test card has Rust");
    rust.tests = "#[cfg(test)]\nmod tests {}\n".to_string();
    rust.solution = "pub fn add(a: i32, b: i32) -> i32 { a + b }".to_string();
    let empty = run_rust(&no_tests, dir.path()).expect_err("zero tests must fail");
    assert!(empty.contains("ran no test"), "{empty}");
}
