//! The learner's own editor (`e` on practice): the program `$VISUAL` or `$EDITOR`
//! names, run on the attempt file with the terminal handed over and taken back.
//!
//! The variable is split into words as a POSIX shell would (quotes, backslashes), with
//! no shell run: `code --wait` and `'/opt/My Editor/bin/ed' -n` work, `$(...)`, pipes
//! and globs are plain text. With neither set, `vi`, as git does.
//!
//! This is the one child process that does not go through `worker::child`: an
//! interactive editor needs the terminal, so it stays in tutor's process group (the
//! terminal's foreground group) with the standard streams inherited, and no time limit.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::terminal;

/// No editor runs.
const IDLE: u8 = 0;
/// The learner's editor has the terminal: the signal watcher leaves SIGINT and SIGQUIT
/// (Ctrl-C typed there, say) to it.
const RUNNING: u8 = 1;
/// It has ended, and the watcher has not yet caught up with the signals sent meanwhile.
const CLOSING: u8 = 2;

/// [`IDLE`], [`RUNNING`] or [`CLOSING`].
static EDITOR: AtomicU8 = AtomicU8::new(IDLE);

/// Whether a SIGINT or SIGQUIT now was typed in the learner's editor (it runs, or ran
/// when the signal came).
pub fn editing() -> bool {
    EDITOR.load(Ordering::SeqCst) != IDLE
}

/// The signal watcher's SIGCONT: the marker [`edit`] sends after the editor ended, so
/// every signal sent before it has been handled (the watcher takes them in order).
pub fn caught_up() {
    let _ = EDITOR.compare_exchange(CLOSING, IDLE, Ordering::SeqCst, Ordering::SeqCst);
}

/// After the editor ended: waits (a second at most) until the watcher has handled what
/// the editor's Ctrl-C sent, so it is not read as the user quitting tutor.
fn close() {
    EDITOR.store(CLOSING, Ordering::SeqCst);
    if signal_hook::low_level::raise(signal_hook::consts::SIGCONT).is_ok() {
        let start = std::time::Instant::now();
        while EDITOR.load(Ordering::SeqCst) == CLOSING
            && start.elapsed() < std::time::Duration::from_secs(1)
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
    EDITOR.store(IDLE, Ordering::SeqCst);
}

/// Why the editor did not edit the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditorError {
    /// The variable does not split into words (an unmatched quote).
    #[error("${var} is not a command line (an unmatched quote?): {value}")]
    Unquoted { var: &'static str, value: String },
    /// The program is not installed (or not on `PATH`).
    #[error("no editor `{program}` (from {var}): set $VISUAL or $EDITOR to one that is installed")]
    Missing { var: &'static str, program: String },
    /// It would not start for another reason (not executable, ...).
    #[error("the editor `{program}` could not start: {cause}")]
    Spawn { program: String, cause: String },
    /// It ran and failed; the file may have changed all the same (watch mode sees it).
    #[error("the editor `{program}` ended with {status}")]
    Failed { program: String, status: String },
    /// The full-screen mode would not come back.
    #[error("could not take the terminal back from the editor: {0}")]
    Terminal(String),
}

/// The editor to run: its words, and where they came from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    /// `$VISUAL`, `$EDITOR`, or `the default` (`vi`).
    pub var: &'static str,
    /// The program, then its own arguments; the file is added after them.
    pub words: Vec<String>,
}

/// The editor from the values of `$VISUAL` and `$EDITOR`: the first one set and not
/// blank, split into words; `vi` when neither is.
///
/// # Errors
/// A value with an unmatched quote.
pub fn editor_command(
    visual: Option<&str>,
    editor: Option<&str>,
) -> Result<EditorCommand, EditorError> {
    let set = [("$VISUAL", visual), ("$EDITOR", editor)]
        .into_iter()
        .find_map(|(var, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (var, v)));
    let Some((var, value)) = set else {
        return Ok(EditorCommand {
            var: "the default",
            words: vec!["vi".to_string()],
        });
    };
    match shlex::split(value) {
        Some(words) if !words.is_empty() => Ok(EditorCommand { var, words }),
        _ => Err(EditorError::Unquoted {
            var: var.trim_start_matches('$'),
            value: value.to_string(),
        }),
    }
}

/// Runs the editor the environment names on `path`: the full-screen mode off, the
/// editor in the foreground until it ends, the full-screen mode back on (the caller
/// redraws the whole screen).
///
/// # Errors
/// See [`EditorError`]; the terminal is back in full-screen mode whatever happened,
/// unless the error is [`EditorError::Terminal`].
pub fn edit(path: &Path) -> Result<(), EditorError> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let command = editor_command(visual.as_deref(), editor.as_deref())?;
    let (program, args) = command
        .words
        .split_first()
        .map(|(p, a)| (p.clone(), a.to_vec()))
        .unwrap_or_default();
    let suspended = terminal::suspend();
    EDITOR.store(RUNNING, Ordering::SeqCst);
    let status = Command::new(&program).args(&args).arg(path).status();
    close();
    if suspended {
        terminal::resume().map_err(|e| EditorError::Terminal(e.to_string()))?;
    }
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(EditorError::Failed {
            program,
            status: status.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(EditorError::Missing {
            var: command.var,
            program,
        }),
        Err(e) => Err(EditorError::Spawn {
            program,
            cause: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(visual: Option<&str>, editor: Option<&str>) -> (&'static str, Vec<String>) {
        let command = editor_command(visual, editor).unwrap();
        (command.var, command.words)
    }

    #[test]
    fn visual_then_editor_then_vi() {
        assert_eq!(
            words(Some("nvim"), Some("nano")),
            ("$VISUAL", vec!["nvim".into()])
        );
        assert_eq!(words(None, Some("nano")), ("$EDITOR", vec!["nano".into()]));
        // Set but blank counts as not set.
        assert_eq!(
            words(Some("  "), Some("nano")),
            ("$EDITOR", vec!["nano".into()])
        );
        assert_eq!(words(None, None), ("the default", vec!["vi".into()]));
        assert_eq!(words(Some(""), Some("")).1, vec!["vi".to_string()]);
    }

    #[test]
    fn the_variable_splits_as_a_shell_would_with_no_shell() {
        assert_eq!(
            words(None, Some("code --wait")).1,
            vec!["code".to_string(), "--wait".into()]
        );
        assert_eq!(
            words(None, Some("'/opt/My Editor/ed' -n \"a b\"")).1,
            vec!["/opt/My Editor/ed".to_string(), "-n".into(), "a b".into()]
        );
        // No shell: a command substitution is two words of text.
        assert_eq!(
            words(None, Some("vi $(rm x)")).1,
            vec!["vi".to_string(), "$(rm".into(), "x)".into()]
        );
        assert_eq!(
            editor_command(None, Some("vi 'open")),
            Err(EditorError::Unquoted {
                var: "EDITOR",
                value: "vi 'open".into()
            })
        );
    }

    #[test]
    fn a_missing_editor_says_what_to_set() {
        let error = EditorError::Missing {
            var: "$EDITOR",
            program: "no-such-editor".into(),
        };
        assert_eq!(
            error.to_string(),
            "no editor `no-such-editor` (from $EDITOR): set $VISUAL or $EDITOR to one that is installed"
        );
    }
}
