//! The runner's budgets (issue 14), a benchmark and not a timed test:
//!
//! - Python: `runner::run` on a bundled card's solution (its tests included), against
//!   `python3 -c pass`, the interpreter behind `python3` started directly with
//!   `-c pass`, and `python3 -I` on the solution and tests as one file;
//!   budget: the runner at most 100 ms over `python3 -c pass`.
//! - Rust: `runner::run` (compile and run the tests) against `rustc --edition 2024
//!   --test` on the same code as one file (compile only, then its run added);
//!   budget: within 10 %.
//!
//! The cases alternate, one sample each in turn, so that the machine's load (shared,
//! noisy) falls on all of them alike; medians and the spread (min-max) are printed.
//! Not criterion: each sample is a process or two, tens of milliseconds to seconds.
//!
//! `cargo bench --bench runner [-- ROUNDS]` (default 21 Python rounds, 7 Rust rounds).

use std::process::Command;
use std::time::{Duration, Instant};

use tutor::content::{LoadOptions, load_library};
use tutor::runner::{Lang, Outcome, run};
use tutor::worker::Cancel;

const CARD: &str = "two-sum";

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(21);
    let library = load_library(&LoadOptions {
        bundled: true,
        ..Default::default()
    });
    let Some((_, card)) = library.card(CARD) else {
        eprintln!("no card {CARD}");
        return;
    };
    let Some((python, rust)) = card.code() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let one_file = dir.path().join("one.py");
    std::fs::write(
        &one_file,
        format!("{}\n\n{}", python.solution, python.tests),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    // The interpreter behind `python3` (a version manager's shim, maybe): the runner
    // starts it directly after its first run, so it is measured too.
    let exe = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    // The first run finds the interpreter; the rounds measure the runs after it.
    let _ = run(
        Lang::Python,
        &python.solution,
        &python.tests,
        &Cancel::new(),
    );
    let mut runner = Vec::new();
    let mut pass = Vec::new();
    let mut direct = Vec::new();
    let mut plain = Vec::new();
    for _ in 0..rounds {
        runner.push(time(|| {
            let report = run(
                Lang::Python,
                &python.solution,
                &python.tests,
                &Cancel::new(),
            );
            assert_eq!(report.outcome, Outcome::Passed, "{report:?}");
        }));
        pass.push(time(|| {
            status(Command::new("python3").args(["-c", "pass"]));
        }));
        direct.push(time(|| status(Command::new(&exe).args(["-c", "pass"]))));
        plain.push(time(|| {
            status(Command::new("python3").arg("-I").arg(&one_file));
        }));
    }
    println!("Python, {CARD}, {rounds} rounds:");
    line("runner (harness, solution and tests)", &runner);
    line("python3 -c pass", &pass);
    line(&format!("{exe} -c pass"), &direct);
    line("python3 -I, solution and tests as one file", &plain);
    println!(
        "  runner - python3 -c pass: {:.1} ms (budget <= 100 ms)",
        ms(median(&runner)) - ms(median(&pass))
    );
    println!(
        "  runner - interpreter -c pass: {:.1} ms",
        ms(median(&runner)) - ms(median(&direct))
    );

    rust_rounds(dir.path(), rust, rounds.div_ceil(3));
}

/// The Rust budget: the runner against `rustc --test` on the same code as one file.
fn rust_rounds(dir: &std::path::Path, rust: &tutor::content::Solution, rust_rounds: usize) {
    let rs = dir.join("one.rs");
    std::fs::write(&rs, format!("{}\n\n{}", rust.solution, rust.tests))
        .unwrap_or_else(|e| panic!("{e}"));
    let bin = dir.join("one-test");
    let mut runner = Vec::new();
    let mut rustc = Vec::new();
    let mut rustc_run = Vec::new();
    for _ in 0..rust_rounds {
        runner.push(time(|| {
            let report = run(Lang::Rust, &rust.solution, &rust.tests, &Cancel::new());
            assert_eq!(report.outcome, Outcome::Passed, "{report:?}");
        }));
        let compile = time(|| {
            status(
                Command::new("rustc")
                    .args(["--edition", "2024", "--test", "-o"])
                    .arg(&bin)
                    .arg(&rs),
            );
        });
        rustc.push(compile);
        rustc_run.push(compile + time(|| status(&mut Command::new(&bin))));
    }
    println!("Rust, {CARD}, {rust_rounds} rounds:");
    line("runner (compile and run)", &runner);
    line("rustc --edition 2024 --test", &rustc);
    line("rustc --edition 2024 --test, then the tests", &rustc_run);
    println!(
        "  runner / rustc --test: {:.3} (budget <= 1.10); runner / (rustc and run): {:.3}",
        ms(median(&runner)) / ms(median(&rustc)),
        ms(median(&runner)) / ms(median(&rustc_run))
    );
}

fn status(command: &mut Command) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(out.status.success(), "{command:?}: {out:?}");
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn line(what: &str, samples: &[Duration]) {
    let min = samples.iter().min().copied().unwrap_or_default();
    let max = samples.iter().max().copied().unwrap_or_default();
    println!(
        "  {what:<46} median {:>8.1} ms  (min {:.1}, max {:.1})",
        ms(median(samples)),
        ms(min),
        ms(max)
    );
}
