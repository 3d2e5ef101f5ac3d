//! `tutor lru`: the LRU lab. With `--script` it runs without a screen.

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use crate::lru::script;

/// Runs `tutor lru --script`. A bad script is a user-facing error (exit 1, message on
/// stderr). Without `--script`, `tutor lru` opens the full-screen lab (see `cli.rs`).
pub fn lru(capacity: usize, script: Option<&str>, diagram: bool) -> color_eyre::Result<ExitCode> {
    let Some(source) = script else {
        return Ok(ExitCode::from(2));
    };
    let text = if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                eprintln!(
                    "error: the script on stdin is not UTF-8 (byte {} is invalid)",
                    e.utf8_error().valid_up_to()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        source.to_string()
    };
    match script::run(capacity, &text, diagram) {
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
