//! Running a card's tests on a learner's code (issue 14): the code and the card's tests
//! go into a fresh temporary folder, the tests run bounded (`worker::child`: no shell,
//! stdin closed, its own process group, a time limit, a 64 KiB output cap), and the
//! result comes back as a [`Report`]: each test passed or failed, the first failure's
//! line (and, for Python, the values compared), compiler errors at the learner's lines,
//! a timeout, or the tool that is missing.
//!
//! [`run`] is synchronous: `tutor test` calls it, and a worker job calls it with its
//! cancel token and sends the report back as an action. Parsing the tools' output is
//! pure ([`python::parse`], [`rust::parse_tests`], [`rust::parse_diagnostics`]) and
//! tested on captured outputs.
//!
//! This is not a sandbox: the code runs as the user, with the user's files and network.
//! The temporary folder is its working directory, nothing more.

pub mod python;
pub mod rust;
pub mod trust;

use std::fmt;
use std::time::Duration;

use crate::worker::Cancel;
use crate::worker::child::{self, Captured, Ending, Limits, RunError};

/// Bytes kept of each stream a run writes.
pub use crate::worker::child::OUTPUT_CAP;
/// The longest one Python run may take.
pub const PYTHON_TIME: Duration = Duration::from_secs(10);
/// The longest `rustc` may take to compile the tests.
pub const COMPILE_TIME: Duration = Duration::from_mins(1);
/// The longest the compiled Rust tests may run.
pub const RUST_RUN_TIME: Duration = Duration::from_secs(10);
/// The address space each process of a run may take (`rustc` with code generation on a
/// card's tests runs within 1 GiB, tried under `ulimit -v`; a card's tests in a few
/// MiB): a learner's runaway allocation fails instead of filling the machine, and
/// shows as the tool's own "memory allocation ... failed" / `MemoryError` in the output.
pub const MEMORY: u64 = 2 << 30;

/// The language of a learner's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
    Rust,
}

impl Lang {
    /// By the file name's extension: `.py` or `.rs`.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "py" => Some(Self::Python),
            "rs" => Some(Self::Rust),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Python => "python",
            Self::Rust => "rust",
        }
    }
}

/// One test and whether it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    pub name: String,
    pub passed: bool,
}

/// Where a line is: in the learner's code or in the card's tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Yours(usize),
    Tests(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Yours(line) => write!(f, "your code, line {line}"),
            Self::Tests(line) => write!(f, "the tests, line {line}"),
        }
    }
}

/// The first failing test, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub test: String,
    pub place: Option<Place>,
    /// The source line at `place`, when known.
    pub line_text: Option<String>,
    /// `AssertionError`, `panicked`, `ZeroDivisionError: division by zero`, ...
    pub message: String,
    /// `(left, op, right)` as the failing comparison saw them (Python), or the
    /// `left:`/`right:` lines of `assert_eq!` (Rust).
    pub values: Option<(String, String, String)>,
}

/// A compiler error (Rust) or a syntax error (Python), at the learner's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub place: Option<Place>,
    pub message: String,
}

/// How the run as a whole ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every test ran and passed.
    Passed,
    /// Some test failed (or the code crashed while the tests ran).
    Failed,
    /// The code did not compile (Rust) or parse (Python); see `diagnostics`.
    CompileError,
    TimedOut(Duration),
    Cancelled,
    /// The tool is missing or too old; the text says what to install.
    Missing(String),
    /// The run ended without a verdict (it exited early, was killed, or the runner
    /// itself failed); the text says how.
    Broken(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub lang: Lang,
    pub outcome: Outcome,
    pub tests: Vec<TestResult>,
    pub failure: Option<Failure>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the learner's code printed (stdout and stderr), capped; never read for a
    /// verdict.
    pub output: String,
    /// `output` was cut at the cap.
    pub output_cut: bool,
}

impl Report {
    fn new(lang: Lang, outcome: Outcome) -> Self {
        Self {
            lang,
            outcome,
            tests: Vec::new(),
            failure: None,
            diagnostics: Vec::new(),
            output: String::new(),
            output_cut: false,
        }
    }

    pub fn passed(&self) -> usize {
        self.tests.iter().filter(|t| t.passed).count()
    }

    pub fn failed(&self) -> usize {
        self.tests.len() - self.passed()
    }

    /// `3 passed, 1 failed`, or what stopped the tests from running.
    pub fn summary(&self) -> String {
        let counts = format!("{} passed, {} failed", self.passed(), self.failed());
        match &self.outcome {
            Outcome::Passed | Outcome::Failed => counts,
            Outcome::CompileError => match self.lang {
                Lang::Rust => "did not compile".to_string(),
                Lang::Python => "did not parse".to_string(),
            },
            Outcome::TimedOut(limit) => format!("{counts}; timed out after {} s", limit.as_secs()),
            Outcome::Cancelled => format!("{counts}; cancelled"),
            Outcome::Missing(what) => what.clone(),
            Outcome::Broken(why) => format!("{counts}; {why}"),
        }
    }

    /// Everything the report says, as plain lines (not yet display-safe: the caller
    /// sanitizes, as the text comes from the learner's code).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for d in &self.diagnostics {
            match d.place {
                Some(place) => out.push(format!("error ({place}): {}", d.message)),
                None => out.push(format!("error: {}", d.message)),
            }
        }
        for t in &self.tests {
            let verdict = if t.passed { "ok    " } else { "FAILED" };
            out.push(format!("{verdict} {}", t.name));
        }
        if let Some(f) = &self.failure {
            out.push(String::new());
            out.push(format!("first failure: {}", f.test));
            if let Some(place) = f.place {
                match &f.line_text {
                    Some(text) => out.push(format!("  at {place}: {}", text.trim())),
                    None => out.push(format!("  at {place}")),
                }
            }
            if !f.message.is_empty() {
                out.extend(f.message.lines().map(|l| format!("  {l}")));
            }
            if let Some((left, op, right)) = &f.values {
                out.push(format!("  left:  {left}"));
                out.push(format!("  right: {right}"));
                out.push(format!("  (left {op} right was false)"));
            }
        }
        if !self.output.trim().is_empty() {
            out.push(String::new());
            out.push("output:".to_string());
            out.extend(self.output.trim_end().lines().map(|l| format!("  {l}")));
            if self.output_cut {
                out.push(format!("  [output cut at {} KiB]", OUTPUT_CAP / 1024));
            }
        }
        out
    }
}

/// A run for a worker job (`Effect::RunTests`): what [`run`] takes, and the card it is
/// for (the report comes back as `Action::TestsRan`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestRun {
    pub card: crate::content::CardId,
    pub lang: Lang,
    pub source: String,
    pub tests: String,
}

/// Runs the card's `tests` (in `lang`) on the learner's `source`; blocks until done,
/// timed out or cancelled.
pub fn run(lang: Lang, source: &str, tests: &str, cancel: &Cancel) -> Report {
    let dir = match tempfile::Builder::new().prefix("tutor-run-").tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            return Report::new(
                lang,
                Outcome::Broken(format!("cannot make a temporary folder: {e}")),
            );
        }
    };
    match lang {
        Lang::Python => python::run(dir.path(), source, tests, cancel),
        Lang::Rust => rust::run(dir.path(), source, tests, cancel),
    }
}

/// Writes the run's files (name, text) into `dir`, or gives the report that ends the run.
fn write_files(
    dir: &std::path::Path,
    lang: Lang,
    files: &[(&str, &str)],
) -> Result<(), Box<Report>> {
    files
        .iter()
        .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
        .map_err(|e| {
            Box::new(Report::new(
                lang,
                Outcome::Broken(format!("cannot write the test files: {e}")),
            ))
        })
}

/// What became of a child: its output (when it exited or timed out), or the report that
/// ends the run (boxed: it is large, and the usual answer is the output).
fn bounded(
    lang: Lang,
    command: std::process::Command,
    time: Duration,
    cancel: &Cancel,
    install: &str,
) -> Result<child::Output, Box<Report>> {
    let limits = Limits {
        time,
        output: OUTPUT_CAP,
        memory: Some(MEMORY),
    };
    match child::run(command, limits, cancel) {
        Ok(out) => match out.ending {
            // A timeout keeps what came before it: the tests that passed, the output.
            Ending::Exited(_) | Ending::TimedOut(_) => Ok(out),
            Ending::Cancelled => Err(Box::new(Report::new(lang, Outcome::Cancelled))),
        },
        Err(RunError::Spawn { program, source })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            Err(Box::new(Report::new(
                lang,
                Outcome::Missing(format!("`{program}` was not found on PATH: {install}")),
            )))
        }
        Err(e) => Err(Box::new(Report::new(lang, Outcome::Broken(e.to_string())))),
    }
}

impl Report {
    /// A timeout is the outcome, whatever the tests said before it.
    fn timed_out(&mut self, ending: Ending) {
        if let Ending::TimedOut(limit) = ending {
            self.outcome = Outcome::TimedOut(limit);
        }
    }

    fn set_output(&mut self, streams: &[&Captured]) {
        let mut text = String::new();
        for s in streams {
            text.push_str(&String::from_utf8_lossy(&s.bytes));
        }
        self.output = text;
        self.output_cut = streams.iter().any(|s| s.cut);
    }
}

#[cfg(test)]
mod tests;
