//! Every code sample in every bundled deck runs: Python solutions with their tests under
//! `python3 -I`, Rust solutions with their tests under `rustc --test` (all cards' files
//! compiled at once as the modules of one crate, each card's tests run on their own; if
//! that crate does not compile, each file alone). A failure names the card and shows the
//! output. See README.md ("Writing a deck") for the rules.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use tutor::content::{Card, CardId, LoadOptions, load_library};

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The interpreter `python3` on the PATH starts in `dir`, by its own path, and its
/// version. The samples run that path: a version manager's `python3` (pyenv's is a
/// shell script) can take longer to choose the interpreter than a sample takes to run.
fn python3(dir: &Path) -> Result<(PathBuf, (u32, u32)), String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys; print(sys.version_info[0], sys.version_info[1], sys.executable)",
        ])
        .current_dir(dir)
        .output()
        .map_err(|e| {
            format!("cannot run python3 ({e}): the deck samples need Python 3.11 or newer on PATH")
        })?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim_end().splitn(3, ' ');
    let number = |part: Option<&str>| part.and_then(|p| p.parse::<u32>().ok());
    match (number(parts.next()), number(parts.next()), parts.next()) {
        // Python may not know its own path (an empty `sys.executable`).
        (Some(major), Some(minor), Some(exe)) if !exe.is_empty() => {
            Ok((PathBuf::from(exe), (major, minor)))
        }
        (Some(major), Some(minor), _) => Ok((PathBuf::from("python3"), (major, minor))),
        _ => Err(format!("python3 printed an unexpected version: {text:?}")),
    }
}

fn run_python(card: &Card, dir: &Path, python3: &Path) -> Result<(), String> {
    let Some((python, _)) = card.code() else {
        return Err("not a coding card".into());
    };
    let file = dir.join(format!("{}.py", card.id.as_str().replace('-', "_")));
    let source = format!("{}\n\n{}", python.solution, python.tests);
    std::fs::write(&file, source).map_err(|e| e.to_string())?;
    let out = Command::new(python3)
        .arg("-I")
        .arg(&file)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python3.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} -I {} failed ({}):\n{}",
            python3.display(),
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

/// Whether `text` (a test binary's output) shows a test passing in module `module`.
fn passed_in(text: &str, module: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix("test ")
            .and_then(|rest| rest.strip_prefix(module))
            .is_some_and(|rest| rest.starts_with("::") && rest.ends_with(" ... ok"))
    })
}

/// Every card's Rust solution and tests as one test crate, one `#[path]` module per card,
/// so that one `rustc` compiles and links them all instead of one per card; then each
/// card's tests are run in a process of their own, filtered to its module, with the
/// same rules as [`run_rust`]. If the crate does not compile, every card is compiled
/// alone with [`run_rust`] instead: the rules are those of one file each, and an error
/// names its card. Gives the failing cards' ids and errors.
fn run_rust_all(cards: &[&Card], dir: &Path) -> Vec<(String, String)> {
    let mut root = String::new();
    let mut modules = Vec::new();
    for card in cards {
        let stem = card.id.as_str().replace('-', "_");
        let Some((_, rust)) = card.code() else {
            return vec![(card.id.to_string(), "not a coding card".into())];
        };
        let file = dir.join(format!("{stem}.rs"));
        if let Err(e) = std::fs::write(&file, format!("{}\n\n{}", rust.solution, rust.tests)) {
            return vec![(card.id.to_string(), e.to_string())];
        }
        // A prefix keeps ids that are keywords or start with a digit valid module names.
        let module = format!("card_{stem}");
        // Writing to a String cannot fail.
        let _ = writeln!(
            root,
            "#[path = {:?}]\nmod {module};",
            file.display().to_string()
        );
        modules.push((*card, module));
    }
    let file = dir.join("all_samples.rs");
    let bin = dir.join("all_samples-test");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let compiled = std::fs::write(&file, root).is_ok()
        && Command::new(&rustc)
            .args([
                "--edition",
                "2024",
                "--test",
                "-D",
                "warnings",
                "-A",
                "dead_code",
            ])
            .args(["--crate-name", "all_samples"])
            .arg(&file)
            .arg("-o")
            .arg(&bin)
            .output()
            .is_ok_and(|out| out.status.success());
    let mut failures = Vec::new();
    for (card, module) in modules {
        let result = if compiled {
            run_module(&bin, &module)
        } else {
            run_rust(card, dir)
        };
        if let Err(e) = result {
            failures.push((card.id.to_string(), e));
        }
    }
    failures
}

/// Runs the tests of one card's `module` in the samples test binary `bin`: all must
/// pass, and at least one must run.
fn run_module(bin: &Path, module: &str) -> Result<(), String> {
    let out = Command::new(bin)
        .arg(format!("{module}::"))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let text = output_text(&out);
    if out.status.success() && passed_in(&text, module) {
        Ok(())
    } else {
        Err(format!(
            "{} {module}:: failed or ran no test ({}):\n{text}",
            bin.display(),
            out.status
        ))
    }
}

#[test]
fn every_bundled_code_sample_runs_and_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (python3, (major, minor)) = python3(dir.path()).unwrap_or_else(|e| panic!("{e}"));
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
    let jobs: Mutex<Vec<&Card>> = Mutex::new(cards.clone());
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|s| {
        // The Rust samples in one thread (one compile, the longest job), the Python
        // ones in the others.
        s.spawn(|| {
            let rust = run_rust_all(&cards, dir.path());
            failures.lock().expect("failures").extend(
                rust.into_iter()
                    .map(|(id, e)| format!("card `{id}` (rust): {e}")),
            );
        });
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let Some(card) = jobs.lock().expect("jobs").pop() else {
                        break;
                    };
                    if let Err(e) = run_python(card, dir.path(), &python3) {
                        failures
                            .lock()
                            .expect("failures")
                            .push(format!("card `{}` (python): {e}", card.id));
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
    let (python3, _) = python3(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let python = run_python(&card, dir.path(), &python3).expect_err("python must fail");
    assert!(python.contains("add is wrong"), "{python}");

    let with = |id: &str, solution: &str, tests: Option<&str>| {
        let mut c = card.clone();
        c.id = CardId(id.to_string());
        let rust = c.rust.as_mut().expect("the test card has Rust");
        rust.solution = solution.to_string();
        if let Some(tests) = tests {
            rust.tests = tests.to_string();
        }
        c
    };
    let good = with("good", "pub fn add(a: i32, b: i32) -> i32 { a + b }", None);
    let no_tests = with(
        "no-tests",
        "pub fn add(a: i32, b: i32) -> i32 { a + b }",
        Some("#[cfg(test)]\nmod tests {}\n"),
    );
    // Compiled together: the wrong card and the one without tests fail, each with its
    // own error; the good one passes.
    let failed = run_rust_all(&[&card, &good, &no_tests], dir.path());
    let ids: Vec<&str> = failed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["broken", "no-tests"], "{failed:?}");
    assert!(failed[0].1.contains("adds"), "{}", failed[0].1);
    assert!(failed[0].1.contains("FAILED"), "{}", failed[0].1);
    assert!(failed[1].1.contains("ran no test"), "{}", failed[1].1);

    // A card that does not compile: each card is then compiled alone, and only it fails.
    let bad = with(
        "bad-types",
        "pub fn add(a: i32, b: i32) -> i32 { \"a\" }",
        None,
    );
    let failed = run_rust_all(&[&good, &bad], dir.path());
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, "bad-types");
    assert!(failed[0].1.contains("bad_types.rs"), "{}", failed[0].1);
    assert!(failed[0].1.contains("mismatched types"), "{}", failed[0].1);
}
