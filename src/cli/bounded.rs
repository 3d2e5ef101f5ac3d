//! Running a tool on deck code (`python3`, `rustc`) with a time limit and an output cap,
//! never through a shell: the program and its arguments go to the OS as they are.

use std::io::{Read, Write as _};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How much of each of stdout and stderr is kept; the rest is read and dropped, so a
/// chatty tool cannot fill memory or block on a full pipe.
pub const OUTPUT_CAP: usize = 64 * 1024;

/// How often a running tool is looked at for having finished.
const POLL: Duration = Duration::from_millis(10);

/// Why a tool gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("`{program}` is not installed (not found on PATH)")]
    NotFound { program: String },
    #[error("cannot run `{program}`: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    #[error("`{program}` timed out after {} s", .limit.as_secs())]
    TimedOut { program: String, limit: Duration },
    #[error("waiting for `{program}`: {source}")]
    Wait {
        program: String,
        source: std::io::Error,
    },
}

/// A tool that ran to its end.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    /// At most [`OUTPUT_CAP`] bytes each, decoded lossily.
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` with `stdin` as its input, for at most `limit`; then it is killed.
/// Only the process itself is killed: the tools this runs (`python3 -c` compiling text,
/// `rustc --emit=metadata`) start no others.
pub fn run(command: &mut Command, stdin: &[u8], limit: Duration) -> Result<Finished, RunError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => RunError::NotFound {
                program: program.clone(),
            },
            _ => RunError::Spawn {
                program: program.clone(),
                source,
            },
        })?;
    // Written from a thread: a tool that prints before it reads would otherwise block
    // on a full pipe while we block on its full input pipe. A tool that stops reading
    // early gives a write error, which changes nothing.
    let input = child.stdin.take().map(|mut pipe| {
        let bytes = stdin.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let stdout = child.stdout.take().map(capped_reader);
    let stderr = child.stderr.take().map(capped_reader);
    let status = wait(&mut child, limit).map_err(|e| match e {
        Waited::TimedOut => RunError::TimedOut {
            program: program.clone(),
            limit,
        },
        Waited::Failed(source) => RunError::Wait {
            program: program.clone(),
            source,
        },
    })?;
    if let Some(input) = input {
        let _ = input.join();
    }
    let text = |reader: Option<JoinHandle<Vec<u8>>>| {
        let bytes = reader.and_then(|r| r.join().ok()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Ok(Finished {
        status,
        stdout: text(stdout),
        stderr: text(stderr),
    })
}

enum Waited {
    TimedOut,
    Failed(std::io::Error),
}

fn wait(child: &mut Child, limit: Duration) -> Result<ExitStatus, Waited> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(POLL),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Waited::TimedOut);
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Waited::Failed(e));
            }
        }
    }
}

/// Reads `pipe` to its end on a thread of its own, keeping the first [`OUTPUT_CAP`]
/// bytes.
fn capped_reader(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_CAP.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        kept
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn input_goes_in_and_output_comes_back() {
        let done = run(
            &mut sh("cat; echo oops >&2; exit 3"),
            b"hello",
            Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(done.stdout, "hello");
        assert_eq!(done.stderr, "oops\n");
        assert_eq!(done.status.code(), Some(3));
    }

    #[test]
    fn output_is_capped() {
        let done = run(
            &mut sh("head -c 200000 /dev/zero"),
            b"",
            Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(done.stdout.len(), OUTPUT_CAP);
    }

    #[test]
    fn a_tool_that_never_ends_is_killed() {
        let e = run(&mut sh("exec sleep 60"), b"", Duration::from_millis(100)).unwrap_err();
        assert!(matches!(e, RunError::TimedOut { .. }), "{e:?}");
        assert!(e.to_string().starts_with("`sh` timed out after"), "{e}");
    }

    #[test]
    fn a_missing_tool_is_named() {
        let e = run(
            &mut Command::new("tutor-no-such-tool"),
            b"",
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "`tutor-no-such-tool` is not installed (not found on PATH)"
        );
    }
}
