//! Real processes: `sh` and `sleep` are the children under test here (tutor itself
//! never runs a shell). A child that forks a grandchild shows the group kill.

use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::*;

/// `kill_all` reaches every group this process started: the tests here take turns.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Long enough for any machine; a test that needs it has failed anyway.
const DEADLINE: Duration = Duration::from_secs(30);

const LIMITS: Limits = Limits {
    time: DEADLINE,
    output: 64 * 1024,
    memory: None,
};

fn sh(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.args(["-c", script]);
    command
}

/// Waits for `path` to hold a pid (written whole by the child: to a temporary name,
/// then renamed).
fn wait_for_pid(path: &Path) -> i32 {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && let Ok(pid) = text.trim().parse()
        {
            return pid;
        }
        assert!(start.elapsed() < DEADLINE, "no pid in {}", path.display());
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether `pid` has ended: gone, or a zombie its new parent has not reaped yet.
fn ended(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // "pid (comm) S ...": the state follows the last ')'.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| matches!(rest.trim_start().chars().next(), Some('Z' | 'X'))),
    }
}

/// Waits for `pid` to end (killing is asynchronous): false if it never does.
fn ends(pid: i32) -> bool {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if ended(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// A script that starts a grandchild (`sleep 1000`) in the background, writes its pid
/// to `pid_file`, then does `rest`.
fn with_grandchild(pid_file: &Path, rest: &str) -> Command {
    let file = pid_file.display();
    sh(&format!(
        "sleep 1000 & echo $! > {file}.tmp && mv {file}.tmp {file}; {rest}"
    ))
}

/// A run, on a thread of its own, of a child that waits for its grandchild; returns
/// once the grandchild runs, with its pid.
fn running_with_grandchild(
    cancel: &Cancel,
) -> (
    std::thread::JoinHandle<Result<Output, RunError>>,
    i32,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let command = with_grandchild(&pid_file, "wait");
    let token = cancel.clone();
    let running = std::thread::spawn(move || run(command, LIMITS, &token));
    let grandchild = wait_for_pid(&pid_file);
    assert!(!ended(grandchild));
    (running, grandchild, dir)
}

fn assert_succeeded(out: &Output) {
    assert!(
        matches!(out.ending, Ending::Exited(s) if s.success()),
        "{:?}",
        out.ending
    );
}

#[test]
fn output_and_exit_status_come_back() {
    let _serial = serial();
    let out = run(sh("echo out; echo err >&2; exit 3"), LIMITS, &Cancel::new()).unwrap();
    let Ending::Exited(status) = out.ending else {
        panic!("{out:?}")
    };
    assert_eq!(status.code(), Some(3));
    assert_eq!(out.stdout.bytes, b"out\n");
    assert_eq!(out.stderr.bytes, b"err\n");
    assert!(!out.stdout.cut && !out.stderr.cut);
}

#[test]
fn no_shell_between_the_arguments_and_the_program() {
    let _serial = serial();
    let mut echo = Command::new("echo");
    echo.arg("$HOME; `id` | x");
    let out = run(echo, LIMITS, &Cancel::new()).unwrap();
    assert_eq!(out.stdout.bytes, b"$HOME; `id` | x\n");
}

#[test]
fn stdin_is_closed() {
    let _serial = serial();
    let out = run(
        sh("read line; echo \"read: $? [$line]\""),
        LIMITS,
        &Cancel::new(),
    )
    .unwrap();
    assert_eq!(out.stdout.bytes, b"read: 1 []\n");
}

#[test]
fn output_past_the_cap_is_dropped_and_marked() {
    let _serial = serial();
    let limits = Limits {
        output: 1000,
        ..LIMITS
    };
    // Far more than a pipe holds: the child must not block on a full pipe.
    let out = run(
        sh("head -c 1000000 /dev/zero; echo done >&2"),
        limits,
        &Cancel::new(),
    )
    .unwrap();
    assert_succeeded(&out);
    assert_eq!(out.stdout.bytes.len(), 1000);
    assert!(out.stdout.cut);
    assert_eq!(out.stderr.bytes, b"done\n");
    assert!(!out.stderr.cut);
}

#[test]
fn a_child_out_of_time_is_killed_with_its_grandchild() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let limits = Limits {
        time: Duration::from_millis(300),
        ..LIMITS
    };
    // Waits for the grandchild, which sleeps far past the limit.
    let out = run(with_grandchild(&pid_file, "wait"), limits, &Cancel::new()).unwrap();
    assert_eq!(out.ending, Ending::TimedOut(limits.time));
    // The pid file may not have been written within the limit on a slow machine; if it
    // was, the grandchild must be dead.
    if let Ok(text) = std::fs::read_to_string(&pid_file) {
        let pid: i32 = text.trim().parse().unwrap();
        assert!(ends(pid), "the grandchild {pid} outlived the timeout");
    }
}

#[test]
fn cancel_kills_the_whole_group() {
    let _serial = serial();
    let cancel = Cancel::new();
    let (running, grandchild, _dir) = running_with_grandchild(&cancel);
    cancel.cancel();
    let out = running.join().unwrap().unwrap();
    assert_eq!(out.ending, Ending::Cancelled);
    assert!(
        ends(grandchild),
        "the grandchild {grandchild} outlived the cancel"
    );
}

#[test]
fn a_grandchild_left_behind_goes_with_its_parent() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    // The child exits at once; the grandchild holds stdout open.
    let out = run(
        with_grandchild(&pid_file, "echo bye"),
        LIMITS,
        &Cancel::new(),
    )
    .unwrap();
    assert_succeeded(&out);
    assert_eq!(out.stdout.bytes, b"bye\n");
    let grandchild = wait_for_pid(&pid_file);
    assert!(
        ends(grandchild),
        "the grandchild {grandchild} outlived its parent"
    );
}

#[test]
fn kill_all_ends_every_running_group() {
    let _serial = serial();
    let (running, grandchild, _dir) = running_with_grandchild(&Cancel::new());
    kill_all();
    let out = running.join().unwrap().unwrap();
    let Ending::Exited(status) = out.ending else {
        panic!("{out:?}")
    };
    assert_eq!(status.signal(), Some(9), "SIGKILL");
    assert!(ends(grandchild));
    assert!(
        GROUPS.lock().unwrap().is_empty(),
        "off the list once reaped"
    );
}

#[test]
fn a_missing_program_is_named() {
    let _serial = serial();
    let err = run(
        Command::new("/nonexistent/tutor-test-program"),
        LIMITS,
        &Cancel::new(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("could not start `/nonexistent/tutor-test-program`: "),
        "{err}"
    );
}

/// The limit is in place before the child gets its input (written only after the
/// `prlimit`), so what it reads then is certain.
#[test]
fn a_child_gets_the_memory_limit() {
    let _serial = serial();
    let limits = Limits {
        memory: Some(256 * 1024 * 1024),
        ..LIMITS
    };
    let out = run_with_input(
        sh("read _; ulimit -v"),
        Some(b"go\n".to_vec()),
        limits,
        &Cancel::new(),
    )
    .unwrap();
    assert_succeeded(&out);
    assert_eq!(out.stdout.bytes, b"262144\n");
}
