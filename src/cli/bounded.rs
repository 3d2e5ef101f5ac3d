//! Running a tool on deck code (`python3`, `rustc`) with a time limit, a memory limit and
//! an output cap, never through a shell: the program and its arguments go to the OS as they are. The
//! worker's child runner does the work (`worker::child`: its own process group, killed
//! whole at the limit); this gives `tutor check` the answers it wants.

use std::process::{Command, ExitStatus};
use std::time::Duration;

use crate::worker::Cancel;
use crate::worker::child::{self, Ending, Limits};

pub use crate::worker::child::OUTPUT_CAP;

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
    /// The child runner's own failures (waiting for the tool, limiting its memory).
    #[error(transparent)]
    Child(child::RunError),
}

/// A tool that ran to its end.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    /// At most [`OUTPUT_CAP`] bytes each, decoded lossily.
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    /// Whether the tool says it ran out of memory (an allocation past its limit failed):
    /// a Rust program's abort message, rustc's own error, glibc's, or Python's
    /// `MemoryError`.
    pub fn out_of_memory(&self) -> bool {
        let said = |s: &str| {
            s.contains("out of memory")
                || s.contains("MemoryError")
                || (s.contains("memory allocation of") && s.contains("failed"))
        };
        said(&self.stderr)
    }
}

/// A number of bytes as people read a limit: `2 GiB`, `512 MiB`.
pub fn size(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    if bytes >= GIB && bytes.is_multiple_of(GIB) {
        format!("{} GiB", bytes / GIB)
    } else {
        format!("{} MiB", bytes / MIB)
    }
}

/// Runs `command` with `stdin` as its input, for at most `limit`; then it is killed, with
/// everything it started. It and each process it starts may take `memory` bytes of
/// address space.
pub fn run(
    command: Command,
    stdin: &[u8],
    limit: Duration,
    memory: u64,
) -> Result<Finished, RunError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let limits = Limits {
        time: limit,
        output: OUTPUT_CAP,
        memory: Some(memory),
    };
    let out = child::run_with_input(command, Some(stdin.to_vec()), limits, &Cancel::new())
        .map_err(|e| match e {
            child::RunError::Spawn { program, source }
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                RunError::NotFound { program }
            }
            child::RunError::Spawn { program, source } => RunError::Spawn { program, source },
            other => RunError::Child(other),
        })?;
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match out.ending {
        Ending::Exited(status) => Ok(Finished {
            status,
            stdout: text(&out.stdout.bytes),
            stderr: text(&out.stderr.bytes),
        }),
        Ending::TimedOut(limit) => Err(RunError::TimedOut { program, limit }),
        // Nothing cancels this token.
        Ending::Cancelled => Err(RunError::TimedOut { program, limit }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMORY: u64 = 1 << 30;

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn input_goes_in_and_output_comes_back() {
        let done = run(
            sh("cat; echo oops >&2; exit 3"),
            b"hello",
            Duration::from_secs(30),
            MEMORY,
        )
        .unwrap();
        assert_eq!(done.stdout, "hello");
        assert_eq!(done.stderr, "oops\n");
        assert_eq!(done.status.code(), Some(3));
    }

    #[test]
    fn output_is_capped() {
        let done = run(
            sh("head -c 200000 /dev/zero"),
            b"",
            Duration::from_secs(30),
            MEMORY,
        )
        .unwrap();
        assert_eq!(done.stdout.len(), OUTPUT_CAP);
    }

    #[test]
    fn a_tool_that_never_ends_is_killed() {
        let e = run(sh("exec sleep 60"), b"", Duration::from_millis(100), MEMORY).unwrap_err();
        assert!(matches!(e, RunError::TimedOut { .. }), "{e:?}");
        assert!(e.to_string().starts_with("`sh` timed out after"), "{e}");
    }

    #[test]
    fn a_missing_tool_is_named() {
        let e = run(
            Command::new("tutor-no-such-tool"),
            b"",
            Duration::from_secs(1),
            MEMORY,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "`tutor-no-such-tool` is not installed (not found on PATH)"
        );
    }

    #[test]
    fn sizes_read_as_limits() {
        assert_eq!(size(2 << 30), "2 GiB");
        assert_eq!(size(1536 << 20), "1536 MiB");
    }
}
