//! A problem found in a deck, reported as `file:line:col: error: field.path: message`
//! (or `warning:` for something a deck may hold but an author should look at).

use std::fmt;

use crate::text::sanitize;

/// One problem in one file. `line` and `col` count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The field path inside the document, e.g. `python.solution` or `quiz[1].answer`;
    /// `(file)` for the file as a whole, `(root)` for the top of a document.
    pub field: String,
    pub message: String,
    pub severity: Severity,
}

/// Whether a problem keeps its card out of the deck.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Severity {
    /// The card cannot be used as written: it is left out.
    #[default]
    Error,
    /// The card works, but teaches worse than it could (an answer its length gives
    /// away): `tutor check` reports it and passes, unless `--strict`.
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        (line, col): (usize, usize),
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            col,
            field: field.into(),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// The same problem as a warning.
    #[must_use]
    pub fn warning(self) -> Self {
        Self {
            severity: Severity::Warning,
            ..self
        }
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// A problem with the file itself (unreadable, too large, not UTF-8, ...).
    pub fn file_level(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(file, (1, 1), "(file)", message)
    }
}

impl fmt::Display for Problem {
    /// Sanitized: a message may quote the deck (an unknown key, a bad value), and deck
    /// text never reaches the terminal raw.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}: {}",
            sanitize(&self.file),
            self.line,
            self.col,
            self.severity.label(),
            sanitize(&self.field),
            sanitize(&self.message)
        )
    }
}

/// Every problem found, in file order. Displayed one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}
