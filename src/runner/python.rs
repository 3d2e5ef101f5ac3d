//! Python: `python3 -I harness.py NONCE` in the run's folder, with the learner's code
//! as `solution.py` and the card's tests as `card_tests.py`. The harness (harness.py,
//! beside this file) reports each test as a JSON line that starts with the nonce, on
//! the stdout it was given; the learner's own stdout goes to stderr before their code
//! runs, so printing "PASS" (or a verdict line) does not make a test pass.

use std::hash::{BuildHasher as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Diagnostic, Failure, Lang, Outcome, Place, Report, TestResult};
use crate::worker::Cancel;

const HARNESS: &str = include_str!("harness.py");
const SOLUTION: &str = "solution.py";
const TESTS: &str = "card_tests.py";
const INSTALL: &str = "install Python 3.11 or newer (python3)";

/// The interpreter `python3` on the PATH turned out to be, from the first run's harness:
/// later runs start it directly. pyenv's `python3` is a shell script that picks the
/// version; it took 250 ms of a 330 ms run here. A version chosen after the first run
/// is not seen until tutor restarts.
static INTERPRETER: OnceLock<PathBuf> = OnceLock::new();

pub(super) fn run(dir: &Path, source: &str, tests: &str, cancel: &Cancel) -> Report {
    let files = [(SOLUTION, source), (TESTS, tests), ("harness.py", HARNESS)];
    if let Err(report) = super::write_files(dir, Lang::Python, &files) {
        return *report;
    }
    let nonce = nonce();
    let mut command = Command::new(
        INTERPRETER
            .get()
            .map_or(Path::new("python3"), PathBuf::as_path),
    );
    command.args(["-I", "harness.py", &nonce]).current_dir(dir);
    let out = match super::bounded(Lang::Python, command, super::PYTHON_TIME, cancel, INSTALL) {
        Ok(out) => out,
        Err(report) => return *report,
    };
    let stdout = String::from_utf8_lossy(&out.stdout.bytes);
    if let Some(path) = interpreter(&stdout, &nonce) {
        let _ = INTERPRETER.set(path);
    }
    let mut report = parse(&stdout, &nonce, source, tests);
    report.set_output(&[&out.stderr]);
    report.timed_out(out.ending);
    if out.stdout.cut && report.outcome == Outcome::Passed {
        report.outcome = Outcome::Broken("the verdicts were cut at the output cap".into());
    }
    report
}

/// A token the learner's code cannot guess: random per process, and per run.
fn nonce() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("TUTOR-{:016x}:", h.finish())
}

/// One line of the harness's verdicts.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Verdict {
    Pass {
        name: String,
    },
    Fail {
        name: String,
        error: String,
        #[serde(default)]
        message: String,
        file: Option<String>,
        line: Option<usize>,
        values: Option<Values>,
    },
    Version {
        version: String,
    },
    Exe {
        path: String,
    },
    Done,
}

#[derive(Debug, Deserialize)]
struct Values {
    left: String,
    right: String,
    op: String,
}

/// The report from the harness's stdout: only lines that start with `nonce` count.
pub fn parse(stdout: &str, nonce: &str, source: &str, tests: &str) -> Report {
    let mut report = Report::new(Lang::Python, Outcome::Passed);
    let mut done = false;
    for line in stdout.lines() {
        let Some(json) = line.strip_prefix(nonce) else {
            continue;
        };
        let Ok(verdict) = serde_json::from_str::<Verdict>(json) else {
            continue;
        };
        match verdict {
            Verdict::Pass { name } => report.tests.push(TestResult { name, passed: true }),
            Verdict::Fail {
                name,
                error,
                message,
                file,
                line,
                values,
            } => {
                let place = match (file.as_deref(), line) {
                    (Some(SOLUTION), Some(n)) => Some(Place::Yours(n)),
                    (Some(TESTS), Some(n)) => Some(Place::Tests(n)),
                    _ => None,
                };
                let message = if message.is_empty() {
                    error.clone()
                } else {
                    format!("{error}: {message}")
                };
                if name == "loading your code" && is_syntax(&error) {
                    report.outcome = Outcome::CompileError;
                    report.diagnostics.push(Diagnostic { place, message });
                    continue;
                }
                report.outcome = Outcome::Failed;
                report.tests.push(TestResult {
                    name: name.clone(),
                    passed: false,
                });
                if report.failure.is_none() {
                    report.failure = Some(Failure {
                        test: name,
                        place,
                        line_text: place.and_then(|p| line_of(p, source, tests)),
                        message,
                        values: values.map(|v| (v.left, v.op, v.right)),
                    });
                }
            }
            Verdict::Version { version } => {
                return Report::new(
                    Lang::Python,
                    Outcome::Missing(format!("python3 is version {version}: {INSTALL}")),
                );
            }
            Verdict::Done => done = true,
            Verdict::Exe { .. } => {}
        }
    }
    if !done && report.outcome == Outcome::Passed {
        report.outcome = Outcome::Broken(
            "the run ended before the tests finished (did the code exit or crash?)".into(),
        );
    }
    report
}

/// The interpreter's own path, as the harness reported it: absolute and there, or none.
pub fn interpreter(stdout: &str, nonce: &str) -> Option<PathBuf> {
    stdout.lines().find_map(|line| {
        let json = line.strip_prefix(nonce)?;
        match serde_json::from_str::<Verdict>(json).ok()? {
            Verdict::Exe { path } => {
                let path = PathBuf::from(path);
                (path.is_absolute() && path.is_file()).then_some(path)
            }
            _ => None,
        }
    })
}

fn is_syntax(error: &str) -> bool {
    matches!(error, "SyntaxError" | "IndentationError" | "TabError")
}

/// The text of the line at `place`.
pub(super) fn line_of(place: Place, source: &str, tests: &str) -> Option<String> {
    let (text, n) = match place {
        Place::Yours(n) => (source, n),
        Place::Tests(n) => (tests, n),
    };
    text.lines().nth(n.checked_sub(1)?).map(str::to_string)
}
