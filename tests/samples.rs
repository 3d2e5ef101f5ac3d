//! Every code sample in every bundled deck runs: Python solutions with their tests under
//! `python3 -I`, Rust solutions with their tests under `rustc --test` (all cards' files
//! compiled at once as the modules of one crate, each card's tests run on their own; if
//! that crate does not compile, each file alone). A failure names the card and shows the
//! output. See README.md ("Writing a deck") for the rules.
//!
//! Every coding card's starters run the same way, and there the tests must fail: at run
//! time, on the starter's `...` or `todo!()` bodies. A starter that does not parse or
//! compile, that lacks a name the tests use, or whose tests pass, is a failure. That
//! proves each card's tests can tell a wrong answer from a right one.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tutor::content::{Card, CardId, LoadOptions, Solution, load_library};

/// The longest a test binary or a Python sample may run: far above any real one, so
/// that a starter whose tests hang fails instead of stopping `cargo test`.
const RUN_LIMIT: Duration = Duration::from_mins(2);

/// Which of a card's code blocks runs with its tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Code {
    /// The tests must pass.
    Solution,
    /// The tests must fail, at run time.
    Starter,
}

impl Code {
    fn of(self, block: &Solution) -> Option<&str> {
        match self {
            Self::Solution => Some(&block.solution),
            Self::Starter => block.starter.as_deref(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Solution => "solution",
            Self::Starter => "starter",
        }
    }

    /// The file stem and module name of a card's code: `card_<id>` or `starter_<id>`.
    /// The prefix keeps ids that are keywords or start with a digit valid module names.
    fn stem(self, card: &Card) -> String {
        let id = card.id.as_str().replace('-', "_");
        match self {
            Self::Solution => format!("card_{id}"),
            Self::Starter => format!("starter_{id}"),
        }
    }
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Runs `command` to the end, or kills it after `limit`.
fn run_within(command: &mut Command, limit: Duration) -> Result<Output, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", command.get_program().display()))?;
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
    let status = wait_within(&mut child, limit);
    let out = Output {
        status: status?,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    };
    Ok(out)
}

fn wait_within(child: &mut Child, limit: Duration) -> Result<std::process::ExitStatus, String> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {} s", limit.as_secs()));
            }
            Err(e) => return Err(e.to_string()),
        }
    }
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

/// Exceptions that say a Python starter does not parse or lacks a name its tests use:
/// the tests must fail on its answers, not before they can ask.
const NOT_RUNNABLE: [&str; 6] = [
    "SyntaxError",
    "IndentationError",
    "TabError",
    "NameError",
    "ImportError",
    "ModuleNotFoundError",
];

/// The exception a Python traceback ends with: `NameError` for `NameError: name 'x'...`.
fn python_exception(stderr: &str) -> Option<&str> {
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty())?;
    let name = last.split(':').next()?.trim();
    Some(name.rsplit('.').next().unwrap_or(name))
}

fn run_python(card: &Card, code: Code, dir: &Path, python3: &Path) -> Result<(), String> {
    let Some((python, _)) = card.code() else {
        return Err("not a coding card".into());
    };
    let Some(body) = code.of(python) else {
        return Err(format!("no python.{}", code.name()));
    };
    let file = dir.join(format!("{}.py", code.stem(card)));
    let source = format!("{body}\n\n{}", python.tests);
    std::fs::write(&file, source).map_err(|e| e.to_string())?;
    let out = run_within(
        Command::new(python3).arg("-I").arg(&file).current_dir(dir),
        RUN_LIMIT,
    )?;
    let failed = || {
        format!(
            "{} -I {} ({}):\n{}",
            python3.display(),
            file.display(),
            out.status,
            output_text(&out)
        )
    };
    match code {
        Code::Solution if out.status.success() => Ok(()),
        Code::Solution => Err(format!("failed: {}", failed())),
        Code::Starter if out.status.success() => Err(format!(
            "the tests pass on the starter, so they cannot tell a wrong answer: {}",
            failed()
        )),
        Code::Starter => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            match python_exception(&stderr) {
                Some(e) if NOT_RUNNABLE.contains(&e) => Err(format!(
                    "the starter does not parse or lacks a name the tests use ({e}): {}",
                    failed()
                )),
                _ => Ok(()),
            }
        }
    }
}

/// Runs each file named after the results path as `__main__` and writes, per file, a
/// line `path<TAB>exception` (empty when it ended without one) to the results path.
const BATCH_DRIVER: &str = r#"import os, runpy, sys
lines = []
for path in sys.argv[2:]:
    try:
        runpy.run_path(path, run_name="__main__")
        error = ""
    except SystemExit as e:
        error = "" if e.code in (None, 0) else "SystemExit"
    except BaseException as e:
        error = type(e).__name__
    lines.append(f"{path}\t{error}\n")
with open(sys.argv[1], "w") as f:
    f.writelines(lines)
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
"#;

/// The cards whose Python starter, run with its tests, fails as it must: all starters in
/// one interpreter, which saves an interpreter start and the tests' imports for each.
/// A card not in the answer (it failed wrongly, or the batch ended without a verdict for
/// it) is for [`run_python`] to judge and explain.
fn python_starters_fail(cards: &[&Card], dir: &Path, python3: &Path) -> Vec<CardId> {
    let mut files = Vec::new();
    for card in cards {
        let Some((python, _)) = card.code() else {
            continue;
        };
        let Some(starter) = &python.starter else {
            continue;
        };
        let file = dir.join(format!("{}.py", Code::Starter.stem(card)));
        if std::fs::write(&file, format!("{starter}\n\n{}", python.tests)).is_ok() {
            files.push((card.id.clone(), file));
        }
    }
    let driver = dir.join("run_starters.py");
    let results = dir.join("starters.tsv");
    if std::fs::write(&driver, BATCH_DRIVER).is_err() {
        return Vec::new();
    }
    let mut command = Command::new(python3);
    command
        .arg("-I")
        .arg(&driver)
        .arg(&results)
        .current_dir(dir);
    command.args(files.iter().map(|(_, file)| file));
    if run_within(&mut command, RUN_LIMIT).is_err() {
        return Vec::new();
    }
    let text = std::fs::read_to_string(&results).unwrap_or_default();
    let verdicts: Vec<(&str, &str)> = text.lines().filter_map(|l| l.split_once('\t')).collect();
    files
        .into_iter()
        .filter(|(_, file)| {
            verdicts.iter().any(|&(path, error)| {
                Path::new(path) == file && !error.is_empty() && !NOT_RUNNABLE.contains(&error)
            })
        })
        .map(|(id, _)| id)
        .collect()
}

fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string())
}

/// `rustc --test` as the samples run it: warnings are errors (dead code aside, as a
/// card's helpers may serve only its tests).
fn rustc_test(crate_name: &str, file: &Path, bin: &Path) -> Command {
    let mut command = Command::new(rustc());
    command
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
        .arg(crate_name)
        .arg(file)
        .arg("-o")
        .arg(bin);
    command
}

/// The numbers of passed and failed tests in a test binary's summary line.
fn counts(text: &str) -> Option<(u32, u32)> {
    let rest = text.split("test result: ").nth(1)?;
    let number = |word: &str| {
        rest.split(';')
            .find_map(|part| part.trim().strip_suffix(word))
            .and_then(|n| n.trim().rsplit(' ').next()?.parse::<u32>().ok())
    };
    Some((number(" passed")?, number(" failed")?))
}

fn run_rust(card: &Card, code: Code, dir: &Path) -> Result<(), String> {
    let stem = code.stem(card);
    let file = dir.join(format!("{stem}.rs"));
    let bin = dir.join(format!("{stem}-test"));
    let Some((_, rust)) = card.code() else {
        return Err("not a coding card".into());
    };
    let Some(body) = code.of(rust) else {
        return Err(format!("no rust.{}", code.name()));
    };
    std::fs::write(&file, format!("{body}\n\n{}", rust.tests)).map_err(|e| e.to_string())?;
    let out = rustc_test(&stem, &file, &bin)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", rustc()))?;
    if !out.status.success() {
        return Err(format!(
            "{} --test {} failed:\n{}",
            rustc(),
            file.display(),
            output_text(&out)
        ));
    }
    let out = run_within(&mut Command::new(&bin), RUN_LIMIT)?;
    let text = output_text(&out);
    let judged = match (code, counts(&text)) {
        (Code::Solution, Some((passed, 0))) if out.status.success() && passed > 0 => Ok(()),
        (Code::Solution, _) => Err("failed or ran no test"),
        (Code::Starter, Some((_, failed))) if failed > 0 && !out.status.success() => Ok(()),
        (Code::Starter, Some(_)) => Err("passes on the starter, so it cannot tell a wrong answer"),
        (Code::Starter, None) => Err("did not report its tests"),
    };
    judged.map_err(|why| format!("{} {why} ({}):\n{text}", bin.display(), out.status))
}

/// Whether `text` (a test binary's output) shows a test of module `module` ending with
/// `outcome` (`ok` or `FAILED`).
fn ended_in(text: &str, module: &str, outcome: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix("test ")
            .and_then(|rest| rest.strip_prefix(module))
            .is_some_and(|rest| {
                rest.starts_with("::") && rest.ends_with(&format!(" ... {outcome}"))
            })
    })
}

/// Every card's Rust solution and starter, each with the card's tests, as one test
/// crate, one `#[path]` module each, so that one `rustc` compiles and links them all
/// instead of two per card; then each solution's tests are run in a process of their
/// own, filtered to its module, and the starters' tests in one more, with the same rules
/// as [`run_rust`]. If the crate does not compile,
/// every card's code is compiled alone with [`run_rust`] instead: the rules are those of
/// one file each, and an error names its card. Gives the failing cards' ids and errors.
fn run_rust_all(cards: &[&Card], dir: &Path) -> Vec<(String, String)> {
    let mut root = String::new();
    let mut modules = Vec::new();
    for card in cards {
        let Some((_, rust)) = card.code() else {
            return vec![(card.id.to_string(), "not a coding card".into())];
        };
        for code in [Code::Solution, Code::Starter] {
            // A card without a starter is reported by the test that requires one.
            let Some(body) = code.of(rust) else { continue };
            let module = code.stem(card);
            let file = dir.join(format!("{module}.rs"));
            if let Err(e) = std::fs::write(&file, format!("{body}\n\n{}", rust.tests)) {
                return vec![(card.id.to_string(), e.to_string())];
            }
            // Writing to a String cannot fail.
            let _ = writeln!(
                root,
                "#[path = {:?}]\nmod {module};",
                file.display().to_string()
            );
            modules.push((*card, code, module));
        }
    }
    let file = dir.join("all_samples.rs");
    let bin = dir.join("all_samples-test");
    let compiled = std::fs::write(&file, root).is_ok()
        && rustc_test("all_samples", &file, &bin)
            .output()
            .is_ok_and(|out| out.status.success());
    // The starters' tests all at once: one process instead of one a card. A run that
    // ends without its summary (a starter's test aborted the process, or hung) is
    // not trusted, and each starter runs on its own instead.
    let starters = compiled
        .then(|| run_within(Command::new(&bin).arg("starter_"), RUN_LIMIT).ok())
        .flatten()
        .map(|out| output_text(&out))
        .filter(|text| counts(text).is_some());
    let mut failures = Vec::new();
    for (card, code, module) in modules {
        let result = match (&starters, code) {
            _ if !compiled => run_rust(card, code, dir),
            (Some(text), Code::Starter) if ended_in(text, &module, "FAILED") => Ok(()),
            _ => run_module(&bin, &module, code),
        };
        if let Err(e) = result {
            failures.push((card.id.to_string(), format!("{}: {e}", code.name())));
        }
    }
    failures
}

/// Runs the tests of one `module` in the samples test binary `bin`: for a solution all
/// must pass and at least one must run; for a starter at least one must fail.
fn run_module(bin: &Path, module: &str, code: Code) -> Result<(), String> {
    let out = run_within(Command::new(bin).arg(format!("{module}::")), RUN_LIMIT)?;
    let text = output_text(&out);
    let judged = match code {
        Code::Solution if out.status.success() && ended_in(&text, module, "ok") => Ok(()),
        Code::Solution => Err("failed or ran no test"),
        Code::Starter if !out.status.success() && ended_in(&text, module, "FAILED") => Ok(()),
        Code::Starter => Err("passes on the starter, so it cannot tell a wrong answer"),
    };
    judged.map_err(|why| {
        format!(
            "{} {module}:: {why} ({}):\n{text}",
            bin.display(),
            out.status
        )
    })
}

fn bundled_coding_cards() -> Vec<Card> {
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
    let cards: Vec<Card> = library
        .cards()
        .map(|(_, c)| c.clone())
        .filter(|c| c.kind == tutor::content::CardKind::Coding)
        .collect();
    assert!(!cards.is_empty(), "no bundled coding cards");
    cards
}

/// A starter is optional in a deck of your own, but every bundled coding card has one
/// for each language: the practice screen opens on it.
#[test]
fn every_bundled_coding_card_has_both_starters() {
    let missing: Vec<String> = bundled_coding_cards()
        .iter()
        .flat_map(|card| {
            let (python, rust) = card.code().expect("a coding card has code");
            [("python", python), ("rust", rust)]
                .into_iter()
                .filter(|(_, block)| block.starter.is_none())
                .map(|(lang, _)| format!("card `{}`: no {lang}.starter", card.id))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_bundled_code_sample_runs_and_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (python3, (major, minor)) = python3(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        (major, minor) >= (3, 11),
        "the deck samples need Python 3.11 or newer; python3 is {major}.{minor}"
    );
    let owned = bundled_coding_cards();
    let cards: Vec<&Card> = owned.iter().collect();
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
                    .map(|(id, e)| format!("card `{id}` (rust) {e}")),
            );
        });
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let Some(card) = jobs.lock().expect("jobs").pop() else {
                        break;
                    };
                    if let Err(e) = run_python(card, Code::Solution, dir.path(), &python3) {
                        failures
                            .lock()
                            .expect("failures")
                            .push(format!("card `{}` (python solution): {e}", card.id));
                    }
                }
            });
        }
        // Meanwhile the Python starters, in one batch; what it does not clear runs
        // alone, which judges it again and gives its output.
        let cleared = python_starters_fail(&cards, dir.path(), &python3);
        for card in &cards {
            let has = card.python().is_some_and(|p| p.starter.is_some());
            if has
                && !cleared.contains(&card.id)
                && let Err(e) = run_python(card, Code::Starter, dir.path(), &python3)
            {
                failures
                    .lock()
                    .expect("failures")
                    .push(format!("card `{}` (python starter): {e}", card.id));
            }
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

/// A card whose Python and Rust solutions are wrong and whose starters are right: the
/// harness tests below change one thing at a time.
fn broken_card() -> Card {
    let yaml = r#"
id: broken
title: Broken
topic: t
tags: []
difficulty: easy
prompt: p
python:
  starter: |
    def add(a, b):
        """The sum of a and b."""
        ...
  solution: |
    def add(a, b):
        return a - b
  tests: |
    assert add(2, 2) == 4, "add is wrong"
rust:
  starter: |
    /// The sum of a and b.
    pub fn add(_a: i32, _b: i32) -> i32 {
        todo!()
    }
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
    tutor::content::yaml::parse_card(yaml)
        .value
        .unwrap_or_else(|| panic!("the test card does not parse"))
}

/// The harness itself must be able to fail: a card whose Python tests are wrong is
/// reported, and so is a starter that the tests cannot tell from a right answer, that
/// lacks a name or that does not parse.
#[test]
fn a_failing_python_sample_is_reported_with_its_output() {
    let card = broken_card();
    let dir = tempfile::tempdir().expect("temp dir");
    let (python3, _) = python3(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let python =
        run_python(&card, Code::Solution, dir.path(), &python3).expect_err("python must fail");
    assert!(python.contains("add is wrong"), "{python}");
    run_python(&card, Code::Starter, dir.path(), &python3)
        .expect("the tests fail on the starter, as they must");

    let with_python = |id: &str, starter: &str| {
        let mut c = card.clone();
        c.id = CardId(id.to_string());
        c.python_mut().expect("python").starter = Some(starter.to_string());
        c
    };
    // A starter the tests pass on, one that misnames the function, one that does not
    // parse: each is a failure.
    let passing = with_python("passing", "def add(a, b):\n    return 4\n");
    let e = run_python(&passing, Code::Starter, dir.path(), &python3).expect_err("passes");
    assert!(e.contains("the tests pass on the starter"), "{e}");
    let misnamed = with_python("misnamed", "def plus(a, b):\n    ...\n");
    let e = run_python(&misnamed, Code::Starter, dir.path(), &python3).expect_err("misnamed");
    assert!(e.contains("(NameError)"), "{e}");
    let unparsed = with_python("unparsed", "def add(a, b)\n    ...\n");
    let e = run_python(&unparsed, Code::Starter, dir.path(), &python3).expect_err("unparsed");
    assert!(e.contains("(SyntaxError)"), "{e}");
    // The batch clears only the starter whose tests fail as they must.
    let cleared = python_starters_fail(
        &[&card, &passing, &misnamed, &unparsed],
        dir.path(),
        &python3,
    );
    assert_eq!(cleared, [CardId("broken".to_string())]);
}

/// The same for Rust: a wrong solution, one without tests, a starter whose tests pass
/// and one that does not compile are each reported, naming the card.
#[test]
fn a_failing_rust_sample_is_reported_with_its_output() {
    let card = broken_card();
    let dir = tempfile::tempdir().expect("temp dir");
    let with = |id: &str, solution: &str, tests: Option<&str>| {
        let mut c = card.clone();
        c.id = CardId(id.to_string());
        let rust = c.rust_mut().expect("the test card has Rust");
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
    let mut lazy = good.clone();
    lazy.id = CardId("lazy".to_string());
    lazy.rust_mut().expect("rust").starter =
        Some("pub fn add(_a: i32, _b: i32) -> i32 { 4 }".to_string());
    // Compiled together: the wrong card, the one without tests (its starter's tests
    // do not fail either) and the one whose starter passes fail, each with its own
    // error; the good one passes, on its solution and on its starter.
    let failed = run_rust_all(&[&card, &good, &no_tests, &lazy], dir.path());
    let ids: Vec<&str> = failed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["broken", "no-tests", "no-tests", "lazy"],
        "{failed:?}"
    );
    assert!(failed[0].1.starts_with("solution: "), "{}", failed[0].1);
    assert!(failed[0].1.contains("adds"), "{}", failed[0].1);
    assert!(failed[0].1.contains("FAILED"), "{}", failed[0].1);
    assert!(failed[1].1.contains("ran no test"), "{}", failed[1].1);
    assert!(failed[2].1.starts_with("starter: "), "{}", failed[2].1);
    assert!(failed[3].1.starts_with("starter: "), "{}", failed[3].1);
    assert!(
        failed[3].1.contains("cannot tell a wrong answer"),
        "{}",
        failed[3].1
    );

    // A card that does not compile: each card's code is then compiled alone, and only
    // that code fails (bad-types' starter and bad-starter's solution pass); a starter
    // that does not compile fails the same way.
    let bad = with(
        "bad-types",
        "pub fn add(a: i32, b: i32) -> i32 { \"a\" }",
        None,
    );
    let mut bad_starter = good.clone();
    bad_starter.id = CardId("bad-starter".to_string());
    bad_starter.rust_mut().expect("rust").starter =
        Some("pub fn sum(a: i32, b: i32) -> i32 {\n    todo!()\n}\n".to_string());
    let failed = run_rust_all(&[&bad, &bad_starter], dir.path());
    let ids: Vec<&str> = failed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["bad-types", "bad-starter"], "{failed:?}");
    assert!(failed[0].1.contains("card_bad_types.rs"), "{}", failed[0].1);
    assert!(failed[0].1.contains("mismatched types"), "{}", failed[0].1);
    assert!(failed[1].1.starts_with("starter: "), "{}", failed[1].1);
    assert!(
        failed[1].1.contains("starter_bad_starter.rs"),
        "{}",
        failed[1].1
    );
}
