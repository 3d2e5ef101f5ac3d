//! A child process, bounded: what a job runs when it runs someone else's code (a
//! learner's tests, issue 14).
//!
//! - Started straight from a [`Command`], never through a shell, with stdin closed (or,
//!   with [`run_with_input`], given bytes and then closed).
//! - In a process group of its own, so everything it forks can be ended together:
//!   SIGKILL to the group on a timeout, on cancel, and when the child itself ends (a
//!   grandchild left behind would hold the output pipes open, and the CPU).
//! - A time limit, and an output cap per stream (the rest is read and dropped, so the
//!   child never blocks on a full pipe; [`Captured::cut`] says something was).
//! - A memory limit ([`Limits::memory`]: `RLIMIT_AS`, inherited by what it starts), so
//!   a child that reads `/dev/zero` fails its allocation instead of filling the machine.
//! - Every group alive is listed, so quitting tutor ends them all ([`kill_all`]).
//!
//! The group is killed before the child is reaped: until then the child's pid, which is
//! the group's id, cannot be reused by an unrelated process.
//!
//! `rustix` is used only here.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, WaitId, WaitIdOptions};

use super::Cancel;

/// Whether a process `pid` exists (signal 0): a process of another user counts as
/// alive. A pid that cannot be one is not.
pub fn is_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(errno) => errno != rustix::io::Errno::SRCH,
    }
}

/// How often a waiting run looks at its cancel token and the clock.
const CHECK: Duration = Duration::from_millis(10);

/// How long the output readers may take after the group is killed: a process that left
/// the group (`setsid`) may hold a pipe open; its output is then given up on.
const DRAIN: Duration = Duration::from_secs(1);

/// The process groups running now, by id (the child's pid).
static GROUPS: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// How much of each of stdout and stderr tutor's callers keep (`tutor check`'s tools, a
/// test run): 64 KiB; the rest is read and dropped, so a chatty child cannot fill memory
/// or block on a full pipe.
pub const OUTPUT_CAP: usize = 64 * 1024;

/// What a run may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time from the start; then the group is killed.
    pub time: Duration,
    /// Bytes kept per stream (stdout, stderr).
    pub output: usize,
    /// Bytes of address space (`RLIMIT_AS`) for the child and each process it starts
    /// (inherited; not a total), or no limit. An allocation past it fails: a Rust
    /// program aborts with "memory allocation of N bytes failed", rustc reports "out of
    /// memory", Python raises `MemoryError`.
    ///
    /// It is set with `prlimit` on the child's pid right after the spawn, since setting
    /// it between fork and exec needs `unsafe` (`pre_exec`), which this crate forbids.
    /// The race: the child has exec'd and runs for the moment between the spawn's return
    /// and the `prlimit` call (microseconds) without the limit, and a process it forks in
    /// that moment keeps its parent's limit. That is acceptable because the limit is
    /// there against runaway memory (a huge `include_str!`, an endless list), which takes
    /// far longer to grow than that moment: a tool's start-up (loading libraries,
    /// reading the source) comes before any of it; and the time limit still ends
    /// whatever escapes. A limit below what the child already holds does not kill it;
    /// its next allocations fail.
    pub memory: Option<u64>,
}

/// One stream's output, up to the cap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captured {
    pub bytes: Vec<u8>,
    /// More was written than kept.
    pub cut: bool,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The child exited (or a signal ended it) on its own.
    Exited(ExitStatus),
    /// It ran out of time; the group was killed.
    TimedOut(Duration),
    /// The token was cancelled; the group was killed.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub ending: Ending,
    pub stdout: Captured,
    pub stderr: Captured,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("could not start `{program}`: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    #[error("waiting for `{program}`: {source}")]
    Wait {
        program: String,
        source: std::io::Error,
    },
    #[error("could not limit the memory of `{program}`: {source}")]
    Limit {
        program: String,
        source: std::io::Error,
    },
}

/// Runs `command` within `limits` until it ends, the time is up or `cancel` is set;
/// whatever it started is killed with it. stdout and stderr are captured (set here),
/// stdin is closed.
pub fn run(command: Command, limits: Limits, cancel: &Cancel) -> Result<Output, RunError> {
    run_with_input(command, None, limits, cancel)
}

/// [`run`], with `input` (if any) written to the child's stdin, which is then closed.
/// It is written from a thread of its own: a child that prints before it reads would
/// otherwise block on a full output pipe while we block on its full input pipe; a child
/// that stops reading early ends the writing, which changes nothing.
pub fn run_with_input(
    mut command: Command,
    input: Option<Vec<u8>>,
    limits: Limits,
    cancel: &Cancel,
) -> Result<Output, RunError> {
    use std::io::Write as _;
    use std::os::unix::process::CommandExt as _;
    let program = command.get_program().to_string_lossy().into_owned();
    let start = Instant::now();
    let mut child = command
        .process_group(0)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| RunError::Spawn {
            program: program.clone(),
            source,
        })?;
    let group = Group::register(&child);
    if let Some(bytes) = limits.memory
        && let Err(source) = limit_memory(&child, bytes)
    {
        // Not run unbounded: ended before it gets far.
        group.kill();
        let _ = child.wait();
        return Err(RunError::Limit { program, source });
    }
    if let (Some(mut pipe), Some(bytes)) = (child.stdin.take(), input) {
        let _ = std::thread::Builder::new()
            .name("child-input".into())
            .spawn(move || {
                let _ = pipe.write_all(&bytes);
            });
    }
    let readers = [
        child.stdout.take().map(|s| read_capped(s, limits.output)),
        child.stderr.take().map(|s| read_capped(s, limits.output)),
    ];
    let exited = watch_exit(&child);
    let ending = loop {
        match exited.recv_timeout(CHECK) {
            // Exited: the status is read when it is reaped, below.
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break None,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if cancel.is_cancelled() {
            break Some(Ending::Cancelled);
        }
        if start.elapsed() >= limits.time {
            break Some(Ending::TimedOut(limits.time));
        }
    };
    // The child is not reaped yet, so the group id is still ours to signal.
    group.kill();
    let status = child.wait().map_err(|source| RunError::Wait {
        program: program.clone(),
        source,
    });
    drop(group);
    let [stdout, stderr] = readers.map(|r| r.map(Reader::finish).unwrap_or_default());
    Ok(Output {
        ending: match ending {
            Some(ending) => ending,
            None => Ending::Exited(status?),
        },
        stdout,
        stderr,
    })
}

/// Sets the child's address-space limit to `bytes`, or to the hard limit it inherited
/// from us when that is lower (raising it would fail).
fn limit_memory(child: &Child, bytes: u64) -> std::io::Result<()> {
    use rustix::process::{Resource, Rlimit};
    let pid = i32::try_from(child.id())
        .ok()
        .and_then(Pid::from_raw)
        .ok_or_else(|| std::io::Error::other("no pid"))?;
    let hard = rustix::process::getrlimit(Resource::As).maximum;
    let bytes = hard.map_or(bytes, |hard| bytes.min(hard));
    let limit = Rlimit {
        current: Some(bytes),
        maximum: hard,
    };
    rustix::process::prlimit(Some(pid), Resource::As, limit)?;
    Ok(())
}

/// Kills every process group a run started and has not finished (quitting).
pub fn kill_all() {
    let groups = GROUPS.lock().unwrap_or_else(PoisonError::into_inner);
    for &id in groups.iter() {
        kill_group(id);
    }
}

fn kill_group(id: i32) {
    if let Some(pid) = Pid::from_raw(id) {
        // ESRCH: all of it is gone already.
        let _ = rustix::process::kill_process_group(pid, Signal::KILL);
    }
}

/// A running group on the list; off it when dropped.
struct Group(i32);

impl Group {
    fn register(child: &Child) -> Self {
        let id = i32::try_from(child.id()).unwrap_or(0);
        GROUPS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(id);
        Self(id)
    }

    fn kill(&self) {
        kill_group(self.0);
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        GROUPS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|&id| id != self.0);
    }
}

/// A message once the child has exited, without reaping it (`waitid` with `WNOWAIT`).
fn watch_exit(child: &Child) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel();
    let pid = i32::try_from(child.id()).ok().and_then(Pid::from_raw);
    let _ = std::thread::Builder::new()
        .name("child-wait".into())
        .spawn(move || {
            if let Some(pid) = pid {
                // Interrupted: wait again; anything else: exited, or cannot be waited for.
                while let Err(rustix::io::Errno::INTR) = rustix::process::waitid(
                    WaitId::Pid(pid),
                    WaitIdOptions::EXITED | WaitIdOptions::NOWAIT,
                ) {}
            }
            let _ = tx.send(());
        });
    rx
}

/// A stream being read on a thread of its own, kept up to a cap.
struct Reader {
    kept: Arc<Mutex<Captured>>,
    closed: mpsc::Receiver<()>,
}

impl Reader {
    /// The output, once the stream closed; if it stays open past [`DRAIN`] (a process
    /// outside the group holds it), what was kept so far, marked cut.
    fn finish(self) -> Captured {
        let closed = self.closed.recv_timeout(DRAIN).is_ok();
        let mut kept =
            std::mem::take(&mut *self.kept.lock().unwrap_or_else(PoisonError::into_inner));
        kept.cut |= !closed;
        kept
    }
}

fn read_capped(mut stream: impl Read + Send + 'static, cap: usize) -> Reader {
    let kept = Arc::new(Mutex::new(Captured::default()));
    let (tx, closed) = mpsc::channel();
    let out = Arc::clone(&kept);
    let _ = std::thread::Builder::new()
        .name("child-output".into())
        .spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let mut out = out.lock().unwrap_or_else(PoisonError::into_inner);
                        let room = cap.saturating_sub(out.bytes.len());
                        out.bytes.extend_from_slice(&buf[..n.min(room)]);
                        out.cut |= n > room;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
            let _ = tx.send(());
        });
    Reader { kept, closed }
}

#[cfg(test)]
mod tests;
