//! `tutor test CARD FILE`: the card's tests on a learner's file, with the real `python3`
//! and `rustc`, and the bad inputs issue 14 lists (each gets a clear result, nothing
//! hangs, nothing outside the run's temporary folder is touched).

#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{command, run, shown, temp, tutor, write};

/// The bundled card every test here runs against.
const CARD: &str = "two-sum";

fn code(lang: &str, starter: bool) -> String {
    let (_, card) = common::bundled().card(CARD).unwrap();
    let (python, rust) = card.code().unwrap();
    let block = if lang == "py" { python } else { rust };
    if starter {
        block.starter.clone().unwrap()
    } else {
        block.solution.clone()
    }
}

fn test_file(dir: &Path, name: &str, text: &str) -> common::Run {
    let file = write(dir, name, text);
    tutor(&dir.join("data"), &["test", CARD, &shown(&file)])
}

fn last_line(out: &common::Run) -> &str {
    out.stdout.lines().last().unwrap_or_default()
}

#[test]
fn the_python_solution_passes_every_test() {
    let dir = temp();
    let out = test_file(dir.path(), "mine.py", &code("py", false));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(last_line(&out).ends_with(" passed, 0 failed"), "{out:?}");
    assert!(!out.stdout.contains("FAILED"), "{out:?}");
}

#[test]
fn the_rust_solution_passes_every_test() {
    let dir = temp();
    let out = test_file(dir.path(), "mine.rs", &code("rs", false));
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("ok     tests::finds_the_classic_pair"),
        "{out:?}"
    );
    assert!(last_line(&out).ends_with(" passed, 0 failed"), "{out:?}");
}

#[test]
fn a_wrong_python_answer_shows_its_line_and_the_values() {
    let dir = temp();
    let wrong = code("py", false).replace("return j, i", "print('PASS')\n            return i, j");
    let out = test_file(dir.path(), "mine.py", &wrong);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stdout
            .contains("  at the tests, line 4: assert two_sum([2, 7, 11, 15], 9) == (0, 1)\n"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("  left:  (1, 0)\n  right: (0, 1)\n"),
        "{out:?}"
    );
    // What the code printed is output, not a verdict.
    assert!(out.stdout.contains("\n  PASS\n"), "{out:?}");
    let summary = last_line(&out);
    assert!(
        summary.contains(" passed, ") && !summary.ends_with(" 0 failed"),
        "{out:?}"
    );
}

#[test]
fn the_rust_starter_fails_at_the_learners_todo() {
    let dir = temp();
    let starter = code("rs", true);
    let todo = starter.lines().position(|l| l.contains("todo!()")).unwrap() + 1;
    let out = test_file(dir.path(), "mine.rs", &starter);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stdout
            .contains(&format!("  at your code, line {todo}: todo!()")),
        "{out:?}"
    );
    assert!(out.stdout.contains("not yet implemented"), "{out:?}");
    assert!(last_line(&out).starts_with("0 passed, "), "{out:?}");
}

#[test]
fn a_rust_compile_error_is_at_the_learners_line() {
    let dir = temp();
    let broken = code("rs", false).replacen("pub fn two_sum(", "pub fn two_sum_renamed(", 1);
    let mut source = String::from("pub fn oops() -> i32 {\n    \"text\"\n}\n");
    source.push_str(&broken);
    let out = test_file(dir.path(), "mine.rs", &source);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stdout
            .contains("error (your code, line 2): error[E0308]: mismatched types"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("error (the tests, line "),
        "the tests call a missing name: {out:?}"
    );
    assert_eq!(last_line(&out), "did not compile");
}

#[test]
fn a_python_syntax_error_names_the_line() {
    let dir = temp();
    let out = test_file(
        dir.path(),
        "mine.py",
        "\ndef two_sum(nums, target)\n    return None\n",
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stdout
            .starts_with("error (your code, line 2): SyntaxError: "),
        "{out:?}"
    );
    assert_eq!(last_line(&out), "did not parse");
}

#[test]
fn usage_errors_exit_2() {
    let dir = temp();
    let data = dir.path().join("data");
    let txt = shown(&write(dir.path(), "mine.txt", "x"));
    let py = shown(&write(dir.path(), "mine.py", "x = 1\n"));
    // Not files of code: one never ends, one waits for a writer for ever.
    let zero = dir.path().join("zero.py");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let zero = shown(&zero);
    let fifo = dir.path().join("fifo.py");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo = shown(&fifo);
    for (args, message) in [
        (vec!["test", CARD, &zero], "not a regular file"),
        (vec!["test", CARD, &fifo], "not a regular file"),
        (
            vec!["test", CARD, &txt],
            "must end in .py (Python) or .rs (Rust)",
        ),
        (
            vec!["test", "no-such-card", &py],
            "no card with id `no-such-card`; the cards are: ",
        ),
        (vec!["test", CARD, "missing.py"], "cannot read missing.py"),
        (
            vec!["test", "lp-customer-obsession", &py],
            "has no code to test",
        ),
        (vec!["test", CARD], "required"),
    ] {
        let out = tutor(&data, &args);
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(out.stderr.contains(message), "{args:?}: {out:?}");
    }
}

// ------------------------------------------------------------------- trust

#[test]
fn a_user_decks_tests_run_only_once_trusted_until_they_change() {
    let dir = temp();
    let deck = common::user_deck(dir.path(), "add-two", "Add two", "Add.");
    let file = shown(&write(
        dir.path(),
        "add.py",
        "def add(a, b):\n    return a + b\n",
    ));
    let data = dir.path().join("data");
    let decks = shown(&deck);
    let test = |extra: &[&str]| {
        let mut args = vec!["--decks", &decks, "test", "add-two", &file];
        args.extend_from_slice(extra);
        tutor(&data, &args)
    };
    let out = test(&[]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("not bundled with tutor"), "{out:?}");
    assert!(out.stderr.contains("pass --trust"), "{out:?}");
    assert!(out.stdout.is_empty(), "nothing ran: {out:?}");

    let out = test(&["--trust"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(last_line(&out), "1 passed, 0 failed");
    let out = test(&[]);
    assert_eq!(out.code, Some(0), "agreed once: {out:?}");

    let card = common::card("add-two", "Add two", "Add.");
    write(
        &deck,
        "01-card.yaml",
        &card.replace("add(1, 2) == 3", "add(2, 2) == 4"),
    );
    let out = test(&[]);
    assert_eq!(out.code, Some(2), "changed tests ask again: {out:?}");
}

// --------------------------------------------------------------- bad input

/// Whether process `pid` is gone (or a zombie waiting to be reaped by init).
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

/// Runs `source` (Python) as the learner's file, with `TUTOR_PIDS` naming a file where
/// it may record process ids; gives the output and the ids recorded.
fn run_recording(source: &str) -> (common::Run, Vec<u32>) {
    let dir = temp();
    let file = write(dir.path(), "mine.py", source);
    let pids = dir.path().join("pids");
    let out = run(command(&dir.path().join("data"))
        .env("TUTOR_PIDS", &pids)
        .args(["test", CARD, &shown(&file)]));
    let recorded = std::fs::read_to_string(&pids).unwrap_or_default();
    let pids = recorded
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect();
    (out, pids)
}

/// Runs `source`, which records `processes` process ids and never ends: it times out,
/// and none of those processes is left.
fn timed_out_leaving_nothing(source: &str, processes: usize) {
    let (out, pids) = run_recording(source);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(last_line(&out).ends_with("timed out after 10 s"), "{out:?}");
    assert_eq!(pids.len(), processes, "{pids:?}");
    for pid in pids {
        assert!(gone(pid), "process {pid} is left over");
    }
}

const RECORD: &str = "import os\ndef record():\n    with open(os.environ['TUTOR_PIDS'], 'a') as f:\n        f.write('%d\\n' % os.getpid())\n";

#[test]
fn an_infinite_loop_times_out_and_its_group_is_killed() {
    let source = format!(
        "{RECORD}import subprocess, sys\nrecord()\n\
         child = subprocess.Popen([sys.executable, '-c', 'import os\\nopen(os.environ[\"TUTOR_PIDS\"], \"a\").write(\"%d\\\\n\" % os.getpid())\\nwhile True: pass'])\n\
         while True:\n    pass\n"
    );
    timed_out_leaving_nothing(&source, 2);
}

/// Not a real fork bomb (the machine is shared, and as root `RLIMIT_NPROC` would not
/// hold): a process that forks children which fork again, all spinning. README says
/// the number of processes is not limited; what is promised is that all of them end.
#[test]
fn forking_code_is_killed_whole_at_the_time_limit() {
    let source = format!(
        "{RECORD}import time\n\
         for _ in range(3):\n    if os.fork() == 0:\n        for _ in range(3):\n            if os.fork() == 0:\n                break\n        break\n\
         record()\nwhile True:\n    time.sleep(0.01)\n"
    );
    // 1 + 3 + 9 processes.
    timed_out_leaving_nothing(&source, 13);
}

#[test]
fn a_hundred_megabytes_printed_are_cut_at_64_kib() {
    let mut source = code("py", false);
    source.push_str("\nimport sys\nline = 'x' * 1023 + '\\n'\nfor _ in range(100 * 1024):\n    sys.stdout.write(line)\n");
    let dir = temp();
    let file = write(dir.path(), "mine.py", &source);
    let out = tutor(&dir.path().join("data"), &["test", CARD, &shown(&file)]);
    assert_eq!(out.code, Some(0), "the tests still pass: {out:?}");
    assert!(
        out.stdout.contains("  [output cut at 64 KiB]\n"),
        "{}",
        last_line(&out)
    );
    assert!(
        out.stdout.len() < 80 * 1024,
        "{} bytes printed",
        out.stdout.len()
    );
    let kept = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("  xxx"))
        .count();
    assert!((60..=64).contains(&kept), "{kept} lines of output kept");
}

#[test]
fn code_that_deletes_its_folder_touches_only_the_temporary_one() {
    let dir = temp();
    let data = dir.path().join("data");
    let out = tutor(&data, &["stats"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let mut source = code("py", false);
    source.push_str(
        "\nimport os, shutil\nfor name in os.listdir('.'):\n    \
         shutil.rmtree(name) if os.path.isdir(name) else os.remove(name)\n",
    );
    let file = write(dir.path(), "mine.py", &source);
    let before: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let out = run(command(&data)
        .current_dir(dir.path())
        .args(["test", CARD, &shown(&file)]));
    assert_eq!(out.code, Some(0), "the tests were read before: {out:?}");
    assert!(file.exists(), "the learner's file is still there");
    let after: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after, "the data dir is untouched");
}

#[test]
fn code_that_reads_stdin_gets_end_of_file_at_once() {
    let dir = temp();
    let mut source = code("py", false);
    source.push_str("\nimport sys\ndata = sys.stdin.read()\nprint('read', len(data))\ninput()\n");
    let out = test_file(dir.path(), "mine.py", &source);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stdout.contains("first failure: loading your code"),
        "{out:?}"
    );
    assert!(
        out.stdout.contains("  EOFError: EOF when reading a line"),
        "{out:?}"
    );
    assert!(out.stdout.contains("\n  read 0\n"), "{out:?}");
}

// ------------------------------------------------------ the bundled cards

/// The runner agrees with tests/samples.rs on every bundled card in Python (its harness
/// splits the tests into statements, rewrites assertions, and is the main module, so
/// this is worth checking card by card), and on a few in Rust (rustc is slow).
#[test]
fn the_runner_passes_every_solution_and_fails_every_starter() {
    use tutor::runner::{Lang, Outcome, run};
    use tutor::worker::Cancel;
    let mut wrong = Vec::new();
    let mut rust_cards = 0;
    for (_, card) in common::bundled().cards() {
        let Some((python, rust)) = card.code() else {
            continue;
        };
        let mut blocks = vec![(Lang::Python, python)];
        if rust_cards < 2 {
            rust_cards += 1;
            blocks.push((Lang::Rust, rust));
        }
        for (lang, block) in blocks {
            let passed = run(lang, &block.solution, &block.tests, &Cancel::new());
            if passed.outcome != Outcome::Passed || passed.tests.is_empty() {
                wrong.push(format!("{} {lang:?} solution: {passed:#?}", card.id));
            }
            let starter = block.starter.as_deref().unwrap_or_default();
            let failed = run(lang, starter, &block.tests, &Cancel::new());
            if failed.outcome != Outcome::Failed || failed.failure.is_none() {
                wrong.push(format!("{} {lang:?} starter: {failed:#?}", card.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn a_missing_tool_says_what_to_install() {
    let dir = temp();
    let data = dir.path().join("data");
    for (name, install) in [
        (
            "mine.py",
            "`python3` was not found on PATH: install Python 3.11 or newer",
        ),
        ("mine.rs", "`rustc` was not found on PATH: install Rust"),
    ] {
        let file = shown(&write(dir.path(), name, ""));
        let out = run(command(&data)
            .env("PATH", dir.path())
            .args(["test", CARD, &file]));
        assert_eq!(out.code, Some(1), "{out:?}");
        assert!(last_line(&out).starts_with(install), "{out:?}");
    }
}
