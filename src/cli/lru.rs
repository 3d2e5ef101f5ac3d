//! `tutor lru`: the LRU lab. With `--script` it runs without a screen.

use std::io::Write as _;
use std::process::ExitCode;

use crate::lru::script::{self, StreamError};

/// Runs `tutor lru --script`. A bad script is a user-facing error (exit 1, message on
/// stderr). Without `--script`, `tutor lru` opens the full-screen lab (see `cli.rs`).
/// `--script -` streams: each command runs as it is read from stdin.
pub fn lru(capacity: usize, script: Option<&str>, diagram: bool) -> eyre::Result<ExitCode> {
    let Some(source) = script else {
        return Ok(ExitCode::from(2));
    };
    if source == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        return match script::run_stream(capacity, std::io::stdin().lock(), &mut out, diagram) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(StreamError::Io(e)) => Err(e.into()),
            Err(e) => {
                eprintln!("error: {e}");
                Ok(ExitCode::FAILURE)
            }
        };
    }
    match script::run(capacity, source, diagram) {
        Ok(output) => {
            let mut out = std::io::stdout().lock();
            out.write_all(output.as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}
