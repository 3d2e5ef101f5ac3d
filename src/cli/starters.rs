//! `tutor check` on the starters: a Python starter must compile (`compile()` in one
//! `python3` for all of them: the parser, and the checks after it such as `return`
//! outside a function; nothing runs), a Rust starter must compile as a library
//! (`rustc --emit=metadata`: names, types and borrows checked, no code generated). An
//! error is reported at the line and column the compiler names, in the deck file.
//!
//! Both tools are optional: without one, a note says what was not checked and how to
//! get it, and the check does not fail. Neither runs the starter or its tests: that is
//! what tests/samples.rs does for the bundled decks.

use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use super::bounded::{self, RunError};
use crate::content::Problem;
use crate::content::starters::StarterSite;

/// The longest `python3` may take to compile every starter.
const PYTHON_LIMIT: Duration = Duration::from_secs(30);
/// The address space `python3` may take: it compiles in a few MiB (it runs under
/// `ulimit -v` 64 MiB).
const PYTHON_MEMORY: u64 = 1 << 30;
/// The longest `rustc` may take on one starter: a starter's metadata build takes about
/// 0.1 s (`/usr/bin/time`), so this leaves a wide margin for a loaded machine running
/// four at once, and a hostile starter costs little waiting.
const RUSTC_LIMIT: Duration = Duration::from_secs(15);
/// The address space `rustc` may take on one starter: it needs about 450 MiB for a
/// small starter (it fails under `ulimit -v` 384 MiB, mapping its libraries), so 2 GiB
/// leaves a wide margin while `include_str!("/dev/zero")` fails in about a second.
const RUSTC_MEMORY: u64 = 2 << 30;
/// Rust starters compiled at once.
const RUSTC_JOBS: usize = 4;

/// Reads a JSON list of sources on stdin and prints one line for each: `ok`, or
/// `error<TAB>line<TAB>column<TAB>message`. An interpreter older than 3.11 prints
/// `version<TAB>major.minor` instead and nothing else.
const COMPILE_ALL: &str = r#"import json, sys
if sys.version_info < (3, 11):
    print("version", "%d.%d" % sys.version_info[:2], sep="\t")
    sys.exit(0)
for source in json.load(sys.stdin):
    try:
        compile(source, "<starter>", "exec", dont_inherit=True)
        print("ok")
    except SyntaxError as e:
        message = "%s: %s" % (type(e).__name__, e.msg or "invalid syntax")
        print("error", e.lineno or 1, e.offset or 1, " ".join(message.split()), sep="\t")
    except (ValueError, TypeError) as e:
        print("error", 1, 1, " ".join(("%s: %s" % (type(e).__name__, e)).split()), sep="\t")
"#;

/// What the check found: problems with the starters, each with the index of its site,
/// and notes on what could not be checked.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<(usize, Problem)>,
    pub notes: Vec<String>,
}

/// Compiles every starter at `sites`; `text` gives a site's starter.
pub fn check<'a>(sites: &[&StarterSite], text: impl Fn(&StarterSite) -> Option<&'a str>) -> Report {
    let mut report = Report::default();
    let (python, rust): (Vec<Job<'_, 'a>>, Vec<Job<'_, 'a>>) = sites
        .iter()
        .enumerate()
        .filter_map(|(i, &site)| Some((i, site, text(site)?)))
        .partition(|(_, site, _)| site.lang == "python");
    if !python.is_empty() {
        check_python(&python, &mut report);
    }
    if !rust.is_empty() {
        check_rust(&rust, &mut report);
    }
    report
}

/// A starter to check: its index in the sites, its site and its text.
type Job<'s, 't> = (usize, &'s StarterSite, &'t str);

fn problem(site: &StarterSite, (line, col): (usize, usize), message: String) -> Problem {
    Problem::new(&site.file, site.position(line, col), site.field(), message)
}

fn check_python(starters: &[Job<'_, '_>], report: &mut Report) {
    let sources: Vec<&str> = starters.iter().map(|(_, _, text)| *text).collect();
    let input = serde_json::to_vec(&sources).unwrap_or_default();
    let mut python = Command::new("python3");
    python.args(["-I", "-c", COMPILE_ALL]);
    let finished = bounded::run(python, &input, PYTHON_LIMIT, PYTHON_MEMORY);
    let not_checked = "the Python starters were not checked";
    let out = match finished {
        Ok(out) => out,
        Err(e @ RunError::NotFound { .. }) => {
            report
                .notes
                .push(format!("{e}: {not_checked}; install Python 3.11 or newer"));
            return;
        }
        Err(e) => {
            report.notes.push(format!("{e}: {not_checked}"));
            return;
        }
    };
    if let Some(version) = out.stdout.strip_prefix("version\t") {
        report.notes.push(format!(
            "python3 is {}: {not_checked}; they need Python 3.11 or newer",
            version.trim()
        ));
        return;
    }
    let verdicts: Vec<&str> = out.stdout.lines().collect();
    if verdicts.len() != starters.len() {
        let said = if out.out_of_memory() {
            &format!("ran out of memory (limit {})", bounded::size(PYTHON_MEMORY))
        } else {
            out.stderr.lines().last().unwrap_or("no output")
        };
        report.notes.push(format!(
            "python3 failed ({}, {said}): {not_checked}",
            out.status
        ));
        return;
    }
    for (&(index, site, _), verdict) in starters.iter().zip(verdicts) {
        let mut parts = verdict.splitn(4, '\t');
        if parts.next() != Some("error") {
            continue;
        }
        let mut number = || {
            parts
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(1)
        };
        let at = (number(), number());
        let message = parts.next().unwrap_or("invalid syntax");
        let found = problem(site, at, format!("does not compile: {message}"));
        report.problems.push((index, found));
    }
}

fn check_rust(starters: &[Job<'_, '_>], report: &mut Report) {
    let queue = Mutex::new(starters.iter());
    let found: Mutex<Vec<(usize, Compiled)>> = Mutex::new(Vec::new());
    let toolchain = OnceLock::new();
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get().min(RUSTC_JOBS));
    std::thread::scope(|s| {
        for _ in 0..jobs.min(starters.len()) {
            s.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.next());
                    let Some(&(index, site, text)) = next else {
                        break;
                    };
                    let result = compile_rust(site, text, &toolchain);
                    if let Ok(mut found) = found.lock() {
                        found.push((index, result));
                    }
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap_or_default();
    found.sort_by_key(|(index, _)| *index);
    for (index, result) in found {
        match result {
            Ok(problem) => report.problems.extend(problem.map(|p| (index, p))),
            Err(e @ RunError::NotFound { .. }) => {
                report.notes.push(format!(
                    "{e}: the Rust starters were not checked; install Rust (https://rustup.rs)"
                ));
                return;
            }
            Err(e) => report.notes.push(e.to_string()),
        }
    }
}

/// What `rustc` said of one starter: its first error as a problem, or `None`.
type Compiled = Result<Option<Problem>, RunError>;

/// `rustc` on one starter. A failure with no error in the starter's lines is still the
/// starter's (an `include!` of another file, memory run out) unless `rustc` fails on an
/// empty library too: then the toolchain is broken (too old for edition 2024, say),
/// which `toolchain` finds out once for all the starters.
fn compile_rust(
    site: &StarterSite,
    text: &str,
    toolchain: &OnceLock<Result<(), String>>,
) -> Compiled {
    let spawn = |source: std::io::Error| RunError::Spawn {
        program: "rustc".into(),
        source,
    };
    let dir = tempfile::tempdir().map_err(spawn)?;
    std::fs::write(dir.path().join("starter.rs"), text).map_err(spawn)?;
    let out = match bounded::run(rustc(dir.path()), b"", RUSTC_LIMIT, RUSTC_MEMORY) {
        Ok(out) => out,
        Err(RunError::TimedOut { program, limit }) => {
            let message = format!(
                "could not be compiled: `{program}` timed out after {} s",
                limit.as_secs()
            );
            return Ok(Some(Problem::new(
                &site.file,
                site.key,
                site.field(),
                message,
            )));
        }
        Err(e) => return Err(e),
    };
    if out.status.success() {
        return Ok(None);
    }
    let memory = format!(
        "`rustc` ran out of memory (limit {})",
        bounded::size(RUSTC_MEMORY)
    );
    let errors: Vec<((usize, usize), &str)> =
        out.stderr.lines().filter_map(located_error).collect();
    if let Some(&(at, first)) = errors.first() {
        let more = match errors.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more error)".to_string(),
            n => format!(" (and {n} more errors)"),
        };
        let memory = if out.out_of_memory() {
            format!("; {memory}")
        } else {
            String::new()
        };
        return Ok(Some(problem(
            site,
            at,
            format!("does not compile: {first}{more}{memory}"),
        )));
    }
    let first = out.stderr.lines().find(|l| is_error(l));
    let message = if out.out_of_memory() {
        format!("could not be compiled: {memory}")
    } else if let Err(said) = toolchain.get_or_init(compiles_empty) {
        return Err(RunError::Spawn {
            program: "rustc".into(),
            source: std::io::Error::other(said.clone()),
        });
    } else if let Some(first) = first {
        format!("does not compile: {first} (rustc's first error, outside the starter's lines)")
    } else {
        format!(
            "could not be compiled: `rustc` failed ({}) without an error message",
            out.status
        )
    };
    Ok(Some(problem(site, (1, 1), message)))
}

/// `rustc` building `starter.rs` in `dir` as a library's metadata, errors one a line.
fn rustc(dir: &Path) -> Command {
    let mut rustc = Command::new("rustc");
    rustc
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--crate-name",
            "starter",
            "--emit=metadata",
            "--error-format=short",
            "-o",
            "starter.rmeta",
            "starter.rs",
        ])
        .current_dir(dir);
    rustc
}

/// Whether `rustc` builds an empty library; if not, what it said.
fn compiles_empty() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join("starter.rs"), "").map_err(|e| e.to_string())?;
    let out = bounded::run(rustc(dir.path()), b"", RUSTC_LIMIT, RUSTC_MEMORY)
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        return Ok(());
    }
    Err(out
        .stderr
        .lines()
        .find(|l| is_error(l))
        .unwrap_or("no message")
        .to_string())
}

/// Whether a line of `rustc`'s short output is an error (`error: ...`, or
/// `file:line:col: error...`), other than the closing "aborting due to" count.
fn is_error(line: &str) -> bool {
    (line.starts_with("error") || line.contains(": error"))
        && !line.starts_with("error: aborting due to")
}

/// `starter.rs:3:5: error[E0425]: cannot find value `x` in this scope` as its line,
/// column and `error[E0425]: cannot find ...`; `None` for any other line.
fn located_error(line: &str) -> Option<((usize, usize), &str)> {
    let mut parts = line.strip_prefix("starter.rs:")?.splitn(3, ':');
    let row = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    let message = parts.next()?.trim_start();
    message
        .starts_with("error")
        .then_some(((row, col), message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustc_errors_are_read_with_their_place() {
        assert_eq!(
            located_error("starter.rs:3:5: error[E0425]: cannot find value `x` in this scope"),
            Some(((3, 5), "error[E0425]: cannot find value `x` in this scope"))
        );
        assert_eq!(
            located_error("starter.rs:3:5: warning: unused variable: `x`"),
            None
        );
        assert_eq!(
            located_error("error: aborting due to 1 previous error"),
            None
        );
        assert_eq!(located_error("other.rs:1:1: error: x"), None);
    }

    #[test]
    fn errors_outside_the_starter_are_still_errors() {
        assert!(is_error(
            "/etc/passwd:1:5: error: expected one of `!` or `::`"
        ));
        assert!(is_error("error[E0463]: can't find crate for `core`"));
        assert!(!is_error("error: aborting due to 1 previous error"));
        assert!(!is_error("starter.rs:1:1: warning: unused"));
    }
}
