//! The bundled decks without their recall `examples`.
//!
//! A recall item's (or a scored follow-up's) `examples` are the item's tests: `tutor
//! check` scores them against the item, a session never reads them. The test suite
//! checks the bundled deck's examples from the files in `content/`, so the copy
//! compiled into the binary leaves them out: about 60 KB of the compressed deck
//! (2026-12-07), room the binary's 8 MB budget needed.
//!
//! The rule is on lines, so the build needs no YAML parser: a line that is only the key
//! `examples:` (a block mapping follows) and every line after it that is blank or
//! indented deeper become empty lines. Line numbers stay as they are, so a problem in a
//! bundled card is still reported at its line. Flow style (`examples: {right: [...]}`)
//! is kept as written. The bundled cards parsed this way are compared with the files
//! parsed whole in `tests/bundled_examples.rs`, which would catch a block scalar whose
//! text happens to hold such a line.

/// `text` with every block `examples:` mapping blanked, line for line.
pub fn without_examples(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The indentation of the `examples:` key being blanked.
    let mut inside: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        if let Some(key) = inside {
            if content.trim().is_empty() || indent > key {
                out.push_str(&line[content.len()..]);
                continue;
            }
            inside = None;
        }
        if content.trim_start_matches(' ') == "examples:" {
            inside = Some(indent);
            out.push_str(&line[content.len()..]);
            continue;
        }
        out.push_str(line);
    }
    out
}
