//! The bundled decks without their recall `examples`.
//!
//! A recall item's (or a scored follow-up's) `examples` are the item's tests: `tutor
//! check` scores them against the item, a session never reads them. The test suite
//! checks the bundled deck's examples from the files in `content/`, so the copy
//! compiled into the binary leaves them out: about 60 KB of the compressed deck
//! (2026-12-07), room the binary's 8 MB budget needed.
//!
//! The rule is on lines, so the build needs no YAML parser: a line that is only the key
//! `examples:` (a block mapping follows; spaces and a `# comment` may follow the colon)
//! and every line after it that is blank, a comment (at any indentation, as YAML allows)
//! or indented deeper become empty lines. Line numbers stay as they are, so a problem
//! in a bundled card is still reported at its line. Inside a block scalar (`|` or `>`)
//! no line is a key, so an `examples:` line of its text is kept. Flow style (`examples:
//! {right: [...]}`) is kept as written. The bundled cards parsed this way are compared
//! with the files parsed whole in `tests/bundled_examples.rs`, which would catch a case
//! this rule gets wrong; `tests/build_examples.rs` tests the rule on its own.

/// `text` with every block `examples:` mapping blanked, line for line.
pub fn without_examples(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The indentation of the `examples:` key being blanked.
    let mut inside: Option<usize> = None;
    // The indentation of the line that opened the block scalar being read.
    let mut scalar: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let blank = content.trim().is_empty();
        if let Some(key) = inside {
            if blank || indent > key || content.trim_start().starts_with('#') {
                out.push_str(&line[content.len()..]);
                continue;
            }
            inside = None;
        }
        if let Some(opener) = scalar {
            if blank || indent > opener {
                out.push_str(line);
                continue;
            }
            scalar = None;
        }
        if is_examples_key(content) {
            inside = Some(indent);
            out.push_str(&line[content.len()..]);
            continue;
        }
        if opens_block_scalar(content) {
            scalar = Some(indent);
        }
        out.push_str(line);
    }
    out
}

/// `content` without a trailing `# comment` (one after a space) and trailing spaces.
fn uncommented(content: &str) -> &str {
    let end = content.find(" #").unwrap_or(content.len());
    content[..end].trim_end()
}

/// Whether the line is only the key `examples:`, maybe with a comment after it.
fn is_examples_key(content: &str) -> bool {
    uncommented(content).trim_start_matches(' ') == "examples:"
}

/// Whether the line ends in a block scalar's header, `key: |`, `- >-`, `key: |2`: the
/// lines indented deeper after it are text.
fn opens_block_scalar(content: &str) -> bool {
    let value = uncommented(content);
    let Some((before, header)) = value.rsplit_once(' ') else {
        return false;
    };
    let mut chars = header.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && (before.ends_with(':') || before.trim_start() == "-" || before.ends_with(" -"))
}
