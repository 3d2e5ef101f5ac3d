//! `tutor lru --script` as a user runs it: a real process, its output and exit code.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// `tutor lru ARGS` with a clean environment and its own data dir; `stdin` is fed when
/// given, closed otherwise.
fn tutor_lru(args: &[&str], stdin: Option<&str>) -> Output {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot create a temp dir: {e}"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tutor"));
    cmd.arg("--data-dir")
        .arg(data.path())
        .arg("lru")
        .args(args)
        .env_remove("TUTOR_DECKS")
        .env_remove("TUTOR_DATA_DIR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("cannot write stdin: {e}"));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{cmd:?} did not finish: {e}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap_or_else(|e| panic!("stdout is not UTF-8: {e}"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap_or_else(|e| panic!("stderr is not UTF-8: {e}"))
}

const LEETCODE: &str = "put 1 1; put 2 2; get 1; put 3 3; get 2; put 4 4; get 1; get 3; get 4";

/// `LeetCode` 146's outputs for [`LEETCODE`] (without the constructor's `null`), then the
/// final order, most recent first.
const LEETCODE_OUTPUT: &str = "null\nnull\n1\nnull\n-1\nnull\n-1\n3\n4\norder: 4 3\n";

#[test]
fn leetcode_146_example() {
    let out = tutor_lru(&["--script", LEETCODE], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), LEETCODE_OUTPUT);
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_default_capacity_is_leetcodes_two() {
    let explicit = tutor_lru(&["--capacity", "2", "--script", LEETCODE], None);
    let default = tutor_lru(&["--script", LEETCODE], None);
    assert_eq!(stdout(&explicit), stdout(&default));
}

#[test]
fn script_from_stdin() {
    let script = "put 1 1\nput 2 2\nget 1\nput 3 3; get 2\n\nput 4 4\nget 1\nget 3\nget 4\n";
    let out = tutor_lru(&["--script", "-"], Some(script));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), LEETCODE_OUTPUT);
}

#[test]
fn capacity_zero_stores_nothing() {
    let out = tutor_lru(&["--capacity", "0", "--script", "put 1 1; get 1"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "null\n-1\norder:\n");
}

#[test]
fn capacity_one() {
    let out = tutor_lru(
        &[
            "--capacity",
            "1",
            "--script",
            "put 1 1; put 2 2; get 1; get 2",
        ],
        None,
    );
    assert_eq!(stdout(&out), "null\nnull\n-1\n2\norder: 2\n");
}

#[test]
fn diagram_after_each_operation() {
    let out = tutor_lru(
        &["--script", "put 1 1; put 2 2; get 1; put 3 3", "--diagram"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // Four operations, each followed by its drawing, then the order.
    assert_eq!(text.matches("LRU cache  capacity 2").count(), 4, "{text}");
    let outputs: Vec<&str> = text
        .lines()
        .filter(|l| matches!(*l, "null" | "-1") || l.parse::<i64>().is_ok())
        .collect();
    assert_eq!(outputs, ["null", "null", "1", "null"]);
    assert!(text.ends_with("order: 3 1\n"), "{text}");
    // The last drawing shows the eviction of 2 by 3, in text, without colour codes.
    let last = &text[text.rfind("LRU cache").unwrap_or(0)..];
    assert!(
        last.contains("last: put 3 3 -> INSERT 3 = 3, EVICT 2 = 2"),
        "{last}"
    );
    assert!(last.contains("[+NEW #1 3:3] <-> [#0 1:1]"), "{last}");
    assert!(last.contains("x[2:2] evicted"), "{last}");
    assert!(!text.contains('\u{1b}'), "no escape sequences: {text:?}");
}

#[test]
fn a_bad_token_exits_1_naming_it_and_its_position() {
    let out = tutor_lru(&["--script", "put 1 1; get one"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "", "nothing runs when the script is bad");
    assert_eq!(
        stderr(&out),
        "error: script token 6 (\"one\") at column 14: expected an integer key after `get` (`get KEY`, e.g. `get 3`)\n"
    );
}

#[test]
fn a_bad_command_on_a_later_stdin_line() {
    let out = tutor_lru(&["--script", "-"], Some("put 1 1\nget 1\ndel 1\n"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: script token 6 (\"del\") at line 3, column 1: expected `put KEY VALUE` or `get KEY`"),
        "{err}"
    );
}

#[test]
fn a_command_cut_short() {
    let out = tutor_lru(&["--script", "put 1"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: end of script at column 6: expected an integer value after the key (`put KEY VALUE`, e.g. `put 3 3`)\n"
    );
}

#[test]
fn stdin_that_is_not_utf8() {
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["lru", "--script", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(b"put 1 \xff")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--capacity", "3001", "--script", "get 1"][..],
        &["--capacity", "-1", "--script", "get 1"][..],
        &["--diagram"][..],
    ] {
        let out = tutor_lru(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

/// Without `--script`, `tutor lru` opens the full-screen lab, which needs a terminal:
/// piped, it says so and exits 1 (the lab itself is tested in tests/tmux.rs).
#[test]
fn without_a_script_the_lab_needs_a_terminal() {
    let out = tutor_lru(&[], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
}

/// `--script -` runs each command as it is read: the output of the first lines is out
/// while stdin is still open (the whole input used to be read first, and held 18 times
/// over). A bad line stops the run there, after the output of the lines before it.
#[test]
fn a_script_on_stdin_runs_as_it_is_read() {
    use std::io::Read as _;
    use std::sync::mpsc;
    use std::time::Duration;

    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tutor"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["lru", "--script", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let (seen, wait) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).is_ok_and(|n| n == 1) {
            text.push(byte[0]);
            if text == b"null\n1\n" {
                let _ = seen.send(());
            }
        }
        text
    });
    stdin
        .write_all(b"put 1 1\nget 1\n")
        .unwrap_or_else(|e| panic!("{e}"));
    stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    // A generous deadline, not a timing assertion: the output is due long before it.
    let early = wait.recv_timeout(Duration::from_secs(30));
    stdin
        .write_all(b"get 2\nget x\nput 3 3\n")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(stdin);
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    let text = reader
        .join()
        .unwrap_or_else(|_| panic!("the reader failed"));
    assert!(
        early.is_ok(),
        "no output before the end of stdin; in the end: {:?}",
        String::from_utf8_lossy(&text)
    );
    assert_eq!(status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&text), "null\n1\n-1\n");
    let mut err = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut err);
    }
    assert_eq!(
        err,
        "error: script token 9 (\"x\") at line 4, column 5: expected an integer key after `get` (`get KEY`, e.g. `get 3`)\n"
    );
}

/// `tutor lru` is `tutor lab lru`: the same script prints the same; an unknown lab is a
/// usage error that lists the labs there are.
#[test]
fn lab_lru_is_the_lru_command_and_an_unknown_lab_is_named() {
    let script = [
        "--capacity",
        "2",
        "--script",
        "put 1 1; put 2 2; get 1; put 3 3",
        "--diagram",
    ];
    let old = tutor_lru(&script, None);
    let mut args = vec!["lab", "lru"];
    args.extend(script);
    let data = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot create a temp dir: {e}"));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tutor"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env_remove("TUTOR_DECKS")
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run tutor: {e}"))
    };
    let new = run(&args);
    assert!(
        old.status.success() && new.status.success(),
        "{}",
        stderr(&new)
    );
    assert_eq!(stdout(&new), stdout(&old));
    assert!(stdout(&new).contains("EVICT 2 = 2"));
    let unknown = run(&["lab", "heaps"]);
    assert_eq!(unknown.status.code(), Some(2));
    let said = stderr(&unknown);
    assert!(said.contains("heaps") && said.contains("lru"), "{said}");
}

/// `--script` runs the LRU lab only: asked of the anagram lab, it says so and fails.
#[test]
fn the_anagram_lab_has_no_script() {
    let out = tutor_lru(&["anagrams", "--script", "add eat"], None);
    assert!(!out.status.success(), "{out:?}");
    assert!(
        stderr(&out).contains("--script runs the LRU lab only"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
}
