//! Rust: the learner's code as `solution.rs`, ending with `include!("card_tests.rs");`
//! (the card's tests, whose `use super::*;` then sees the learner's items), compiled
//! with `rustc --edition 2024 --test` and run. Because the tests are a file of their
//! own, the compiler's and the panics' line numbers in `solution.rs` are the learner's
//! own lines. The verdict is the test binary's exit status (libtest exits 0 only when
//! every test passed); the per-test lines only say which.

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use super::{Diagnostic, Failure, Lang, Outcome, Place, Report, TestResult};
use crate::worker::Cancel;

const SOLUTION: &str = "solution.rs";
const TESTS: &str = "card_tests.rs";
const BINARY: &str = "solution-test";
const INSTALL: &str = "install Rust (rustc 1.85 or newer, e.g. from https://rustup.rs)";

pub(super) fn run(dir: &Path, source: &str, tests: &str, cancel: &Cancel) -> Report {
    let root = format!("{source}\n\ninclude!(\"{TESTS}\");\n");
    if let Err(report) = super::write_files(dir, Lang::Rust, &[(SOLUTION, &root), (TESTS, tests)]) {
        return *report;
    }
    let mut compile = Command::new("rustc");
    compile.current_dir(dir).args(COMPILE_ARGS);
    let out = match super::bounded(Lang::Rust, compile, super::COMPILE_TIME, cancel, INSTALL) {
        Ok(out) => out,
        Err(report) => return *report,
    };
    if let super::Ending::TimedOut(limit) = out.ending {
        return Report::new(Lang::Rust, Outcome::TimedOut(limit));
    }
    if !matches!(out.ending, super::Ending::Exited(s) if s.success()) {
        let stderr = String::from_utf8_lossy(&out.stderr.bytes);
        let mut report = Report::new(Lang::Rust, Outcome::CompileError);
        report.diagnostics = parse_diagnostics(&stderr);
        if report.diagnostics.is_empty() {
            report.set_output(&[&out.stderr]);
        }
        return report;
    }
    let mut test = Command::new(dir.join(BINARY));
    // One thread: the tests report in name order, so the first failure is the same
    // on every run (a card's tests take milliseconds).
    test.current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .arg("--test-threads=1");
    let out = match super::bounded(Lang::Rust, test, super::RUST_RUN_TIME, cancel, INSTALL) {
        Ok(out) => out,
        Err(report) => return *report,
    };
    let stdout = String::from_utf8_lossy(&out.stdout.bytes);
    let success = matches!(out.ending, super::Ending::Exited(s) if s.success());
    let mut report = parse_tests(&stdout, success, source, tests);
    // libtest's own report is on stdout; the learner's prints in a passing test are
    // captured by libtest, the rest (and any stderr) is output.
    report.set_output(&[&out.stderr]);
    report.output_cut |= out.stdout.cut;
    report.timed_out(out.ending);
    report
}

/// `rustc`'s arguments, relative to the run's folder (the benchmark compares them with
/// a bare `rustc --edition 2024 --test`). Warnings are the learner's business: only
/// errors are reported.
pub const COMPILE_ARGS: [&str; 11] = [
    "--edition",
    "2024",
    "--test",
    "--crate-name",
    "solution",
    "--error-format=json",
    "-A",
    "warnings",
    "-o",
    BINARY,
    SOLUTION,
];

fn place(file: &str, line: usize) -> Option<Place> {
    match file.rsplit('/').next()? {
        SOLUTION => Some(Place::Yours(line)),
        TESTS => Some(Place::Tests(line)),
        _ => None,
    }
}

#[derive(Debug, Deserialize)]
struct Json {
    #[serde(rename = "$message_type", default)]
    message_type: String,
    message: String,
    level: String,
    code: Option<Code>,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Debug, Deserialize)]
struct Code {
    code: String,
}

#[derive(Debug, Deserialize)]
struct Span {
    file_name: String,
    line_start: usize,
    is_primary: bool,
    label: Option<String>,
}

/// The errors in `rustc --error-format=json`'s stderr, each at its primary span.
pub fn parse_diagnostics(stderr: &str) -> Vec<Diagnostic> {
    stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<Json>(l).ok())
        .filter(|d| d.message_type == "diagnostic" && d.level == "error" && !d.spans.is_empty())
        .map(|d| {
            let primary = d.spans.iter().find(|s| s.is_primary).or(d.spans.first());
            let code = d.code.map(|c| format!("[{}]", c.code)).unwrap_or_default();
            let label = primary
                .and_then(|s| s.label.as_deref())
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            Diagnostic {
                place: primary.and_then(|s| place(&s.file_name, s.line_start)),
                message: format!("error{code}: {}{label}", d.message),
            }
        })
        .collect()
}

/// The tests a libtest binary reported on `stdout`; `success` is its exit status, the
/// only verdict trusted.
pub fn parse_tests(stdout: &str, success: bool, source: &str, tests: &str) -> Report {
    let mut report = Report::new(Lang::Rust, Outcome::Passed);
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let (name, passed) = if let Some(name) = rest.strip_suffix(" ... ok") {
            (name, true)
        } else if let Some(name) = rest.strip_suffix(" ... FAILED") {
            (name, false)
        } else {
            continue;
        };
        report.tests.push(TestResult {
            name: name.to_string(),
            passed,
        });
    }
    let summary = stdout.lines().any(|l| l.starts_with("test result: "));
    report.outcome = match (success, summary) {
        (true, true) => Outcome::Passed,
        (false, _) if report.tests.iter().any(|t| !t.passed) => Outcome::Failed,
        (true, false) => Outcome::Broken("the tests ended without their summary".into()),
        (false, _) => Outcome::Broken(
            "the tests ended without a verdict (did the code exit or abort?)".into(),
        ),
    };
    if report.outcome == Outcome::Failed {
        report.failure = first_failure(stdout, &report.tests, source, tests);
    }
    report
}

/// The panic of the first failed test, from libtest's `---- NAME stdout ----` section.
fn first_failure(
    stdout: &str,
    results: &[TestResult],
    source: &str,
    tests: &str,
) -> Option<Failure> {
    let test = results.iter().find(|t| !t.passed)?.name.clone();
    let header = format!("---- {test} stdout ----");
    let mut lines = stdout.lines().skip_while(|l| *l != header).skip(1);
    let mut failure = Failure {
        test,
        place: None,
        line_text: None,
        message: String::new(),
        values: None,
    };
    // `thread 'NAME' (123) panicked at solution.rs:4:5:`, then the message up to a
    // blank line or libtest's `note:`.
    let at = lines.find_map(|l| l.split(" panicked at ").nth(1).map(str::to_string));
    if let Some(at) = at {
        let mut parts = at.trim_end_matches(':').rsplitn(3, ':');
        let _col = parts.next();
        let line = parts.next().and_then(|n| n.parse::<usize>().ok());
        let file = parts.next();
        if let (Some(file), Some(line)) = (file, line) {
            failure.place = place(file, line);
            failure.line_text = failure
                .place
                .and_then(|p| super::python::line_of(p, source, tests));
        }
        let message: Vec<&str> = lines
            .take_while(|l| !l.is_empty() && !l.starts_with("note: "))
            .collect();
        let (mut left, mut right) = (None, None);
        for l in &message {
            if let Some(v) = l.trim_start().strip_prefix("left: ") {
                left = Some(v.to_string());
            } else if let Some(v) = l.trim_start().strip_prefix("right: ") {
                right = Some(v.to_string());
            }
        }
        let op = if message.first().is_some_and(|m| m.contains("left != right")) {
            "!="
        } else {
            "=="
        };
        if let (Some(left), Some(right)) = (left, right) {
            failure.values = Some((left, op.to_string(), right));
            failure.message = message
                .first()
                .map_or_else(String::new, |m| (*m).to_string());
        } else {
            failure.message = message.join("\n");
        }
    }
    Some(failure)
}
