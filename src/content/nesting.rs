//! A cheap look at a document's shape before `serde_yaml` reads it.
//!
//! The YAML scanner underneath `serde_yaml` (libyaml) does work for every open level on
//! every token, so its time grows with the square of the nesting depth: 200 KB of `[[[[`
//! kept `tutor check` busy for minutes. No card needs more than a handful of levels, so
//! a document nested deeper than [`MAX_DEPTH`] is refused here, in one linear pass over
//! the text, before the parser sees it. The pass follows what makes YAML nest: block
//! mappings and sequences by their columns (including `- - x` on one line and a sequence
//! at its key's column), flow `[`/`{` collections, and mixes of both; and what does not:
//! comments, quoted scalars (which may span lines), plain scalars (a `[` inside `a [b`
//! is text in block context) and block scalars (`|`, `>`), whose content is skipped by
//! indentation the way the parser does. It also notes whether the document uses aliases,
//! which need a second look (see `yaml.rs`).

use super::yaml::YamlError;

/// The deepest nesting a document may have. The bundled cards use at most six levels.
pub const MAX_DEPTH: usize = 64;

/// What the pass found out about a document that nests within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// The document uses an alias (`*name`), which the parser expands by repeating the
    /// anchored node.
    pub has_alias: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Map,
    Seq,
}

/// The content of a block scalar being skipped: lines more indented than its parent.
#[derive(Debug, Clone, Copy)]
struct BlockScalar {
    /// The parent collection's column; `None` at the top of the document.
    parent: Option<usize>,
    /// The content's indentation: given by an indicator (`|2`), or set by its first
    /// non-blank line.
    indent: Option<usize>,
}

struct Scanner {
    /// Open block collections, by column.
    blocks: Vec<(usize, Block)>,
    /// Open flow collections.
    flow: usize,
    /// An open quoted scalar continued from an earlier line: its quote character.
    quote: Option<u8>,
    block_scalar: Option<BlockScalar>,
    shape: Shape,
}

/// Checks that `text` (one YAML document) nests at most [`MAX_DEPTH`] levels deep; the
/// error is at the first bracket, dash or key past the limit.
pub fn scan(text: &str) -> Result<Shape, YamlError> {
    let mut s = Scanner {
        blocks: Vec::new(),
        flow: 0,
        quote: None,
        block_scalar: None,
        shape: Shape::default(),
    };
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        s.scan_line(line).map_err(|at| too_deep(index, line, at))?;
    }
    Ok(s.shape)
}

fn too_deep(line: usize, text: &str, at: usize) -> YamlError {
    let col = text.get(..at).map_or(at, |before| before.chars().count()) + 1;
    YamlError {
        line: line + 1,
        col,
        field: "(root)".to_string(),
        message: format!(
            "nested more than {MAX_DEPTH} levels deep; a card needs only a few (an unclosed \
             bracket, or indentation that keeps growing?)"
        ),
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Whether the byte at `i` ends a token: a blank or the end of the line.
fn ends_token(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|&b| is_blank(b))
}

/// Where the parser is within a line in block context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Where a node may start (after indentation, `- `, `? `, `: `, an anchor or tag).
    NodeStart,
    /// After a complete node (a quoted scalar, an alias, a flow collection) that began
    /// at this column: it may still turn out to be a key.
    AfterNode(usize),
}

impl Scanner {
    /// Scans one line; `Err` holds the byte offset where the nesting went too deep.
    fn scan_line(&mut self, line: &str) -> Result<(), usize> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = bytes[indent..].iter().all(|&b| is_blank(b));
        if let Some(scalar) = self.block_scalar {
            if blank {
                return Ok(());
            }
            match scalar.indent {
                Some(content) if indent >= content => return Ok(()),
                None if scalar.parent.is_none_or(|p| indent > p) => {
                    self.block_scalar = Some(BlockScalar {
                        indent: Some(indent),
                        ..scalar
                    });
                    return Ok(());
                }
                _ => self.block_scalar = None,
            }
        }
        let mut i = 0;
        if let Some(quote) = self.quote {
            match close_quote(bytes, 0, quote) {
                Some(end) => {
                    self.quote = None;
                    i = end;
                }
                None => return Ok(()),
            }
            if self.flow == 0 {
                // The key column of a multi-line quoted key is not known; a multi-line
                // key is an error to the parser anyway.
                return self.block(bytes, i, At::AfterNode(usize::MAX));
            }
        }
        if self.flow > 0 {
            return self.flow(bytes, i, None);
        }
        if blank || bytes[indent] == b'#' {
            return Ok(());
        }
        while self.blocks.last().is_some_and(|&(col, _)| col > indent) {
            self.blocks.pop();
        }
        self.block(bytes, indent, At::NodeStart)
    }

    /// Opens (or continues) a block collection at `col`.
    fn push_block(&mut self, col: usize, kind: Block) -> Result<(), usize> {
        while let Some(&(top, top_kind)) = self.blocks.last() {
            // A key at the column of a sequence written under its parent key (`a:\n- 1`)
            // ends that sequence.
            if top > col || (top == col && top_kind == Block::Seq && kind == Block::Map) {
                self.blocks.pop();
            } else {
                break;
            }
        }
        if self.blocks.last() != Some(&(col, kind)) {
            self.blocks.push((col, kind));
            self.check(col)?;
        }
        Ok(())
    }

    fn check(&self, at: usize) -> Result<(), usize> {
        if self.blocks.len() + self.flow > MAX_DEPTH {
            Err(at)
        } else {
            Ok(())
        }
    }

    /// Scans block context from byte `i`.
    fn block(&mut self, bytes: &[u8], mut i: usize, mut at: At) -> Result<(), usize> {
        loop {
            while bytes.get(i).is_some_and(|&b| is_blank(b)) {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                return Ok(());
            };
            if let At::AfterNode(start) = at {
                // Only a `:` can follow a complete node: it was a key.
                if b == b':' && ends_token(bytes, i + 1) && start != usize::MAX {
                    self.push_block(start, Block::Map)?;
                    i += 1;
                    at = At::NodeStart;
                    continue;
                }
                return Ok(()); // a comment, or something the parser will refuse
            }
            match b {
                b'#' => return Ok(()),
                b'-' | b'?' if ends_token(bytes, i + 1) => {
                    let kind = if b == b'-' { Block::Seq } else { Block::Map };
                    self.push_block(i, kind)?;
                    i += 1;
                }
                b':' if ends_token(bytes, i + 1) => i += 1,
                b'[' | b'{' => {
                    self.flow = 1;
                    self.check(i)?;
                    return self.flow(bytes, i + 1, Some(i));
                }
                b'"' | b'\'' => match close_quote(bytes, i + 1, b) {
                    Some(end) => {
                        at = At::AfterNode(i);
                        i = end;
                    }
                    None => {
                        self.quote = Some(b);
                        return Ok(());
                    }
                },
                b'|' | b'>' => {
                    self.block_scalar(bytes, i + 1);
                    return Ok(());
                }
                b'&' | b'!' => {
                    while bytes.get(i).is_some_and(|&b| !is_blank(b)) {
                        i += 1;
                    }
                }
                b'*' => {
                    self.shape.has_alias = true;
                    let start = i;
                    while bytes.get(i).is_some_and(|&b| !is_blank(b)) {
                        i += 1;
                    }
                    at = At::AfterNode(start);
                }
                _ => {
                    // A plain scalar runs to the end of the line, unless `: ` makes it
                    // a key or ` #` starts a comment; brackets inside it are text.
                    let start = i;
                    while let Some(&c) = bytes.get(i) {
                        if c == b':' && ends_token(bytes, i + 1) {
                            break;
                        }
                        if c == b'#' && is_blank(bytes[i - 1]) {
                            return Ok(());
                        }
                        i += 1;
                    }
                    if i >= bytes.len() {
                        return Ok(());
                    }
                    self.push_block(start, Block::Map)?;
                    i += 1;
                }
            }
        }
    }

    /// Scans flow context from byte `i`; returns to block context when the outermost
    /// collection, opened at byte `start` of this line if it was, closes.
    fn flow(&mut self, bytes: &[u8], mut i: usize, start: Option<usize>) -> Result<(), usize> {
        while let Some(&b) = bytes.get(i) {
            match b {
                b'[' | b'{' => {
                    self.flow += 1;
                    self.check(i)?;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    if self.flow == 0 {
                        // A flow collection closed in block context may be a key.
                        let start = start.unwrap_or(usize::MAX);
                        return self.block(bytes, i + 1, At::AfterNode(start));
                    }
                }
                // A quote opens a scalar only where a scalar can start (`[it's]` is
                // plain); when unsure, brackets are counted, never skipped.
                b'"' | b'\'' if starts_flow_node(bytes, i) => match close_quote(bytes, i + 1, b) {
                    Some(end) => {
                        i = end;
                        continue;
                    }
                    None => {
                        self.quote = Some(b);
                        return Ok(());
                    }
                },
                b'#' if i == 0 || is_blank(bytes[i - 1]) => return Ok(()),
                b'*' if starts_flow_node(bytes, i) => self.shape.has_alias = true,
                _ => {}
            }
            i += 1;
        }
        Ok(())
    }

    /// Reads a block scalar's header (`|`, `>-`, `|2+`) from byte `i` on: its content
    /// lines are skipped.
    fn block_scalar(&mut self, bytes: &[u8], i: usize) {
        let parent = self.blocks.last().map(|&(col, _)| col);
        let explicit = bytes[i.min(bytes.len())..]
            .iter()
            .take_while(|b| matches!(b, b'1'..=b'9' | b'+' | b'-'))
            .find(|b| b.is_ascii_digit())
            .map(|&d| usize::from(d - b'0'));
        let indent = explicit.map(|d| parent.map_or(d, |p| p + d));
        self.block_scalar = Some(BlockScalar { parent, indent });
    }
}

/// Whether a node can start at byte `i` in flow context: at the start of the line, or
/// after a blank, `[`, `{` or `,`.
fn starts_flow_node(bytes: &[u8], i: usize) -> bool {
    i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',')
}

/// The byte after the quote that closes a scalar opened with `quote` before byte `i`,
/// or `None` when it does not close on this line.
fn close_quote(bytes: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    while let Some(&b) = bytes.get(i) {
        if quote == b'"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<(usize, usize)> {
        scan(text).err().map(|e| (e.line, e.col))
    }

    #[test]
    fn a_card_passes() {
        let card = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/amazon-python/01-lru-cache.yaml"
        ))
        .unwrap();
        for doc in super::super::yaml::split_documents(&card) {
            assert_eq!(scan(doc.text).map_err(|e| e.message), Ok(Shape::default()));
        }
    }

    #[test]
    fn flow_nesting_counts() {
        let ok = format!("a: {}{}", "[".repeat(63), "]".repeat(63));
        assert_eq!(depth_error(&ok), None);
        let deep = format!("a: {}{}", "[".repeat(64), "]".repeat(64));
        // One block mapping and 64 lists: the 64th bracket is one too many.
        assert_eq!(depth_error(&deep), Some((1, 3 + 64)));
        let braces = format!("a: {}", "{a: ".repeat(100));
        assert_eq!(depth_error(&braces), Some((1, 4 + 63 * 4)));
        let over_lines = format!("a:\n{}", "  [\n".repeat(100));
        assert_eq!(depth_error(&over_lines), Some((65, 3)));
    }

    #[test]
    fn block_nesting_counts() {
        let keys: String = (0..100).map(|i| " ".repeat(i) + "a:\n").collect();
        assert_eq!(depth_error(&keys), Some((65, 65)));
        let dashes = format!("a:\n{}x\n", "- ".repeat(100));
        // The sequence at the key's column is a level of its own.
        assert_eq!(depth_error(&dashes), Some((2, 2 * 63 + 1)));
        let items: String = (0..100).map(|i| "  ".repeat(i) + "- a:\n").collect();
        assert_eq!(depth_error(&items), Some((33, 65)));
        let mixed = format!("a:\n  - b: {}", "[{x: ".repeat(40));
        assert!(depth_error(&mixed).is_some());
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let text = format!(
            "a: x {open}\nb: '{open}'\nc: \"{open}\\\"{open}\"\nd: |\n  {open}\n\n  {open}\n# {open}\ne: >2\n   {open}\nf: '{open}\n  {open}'\ng: [\"{open}\", '{open}'] # {open}\n",
            open = "[".repeat(100)
        );
        assert_eq!(scan(&text).map_err(|e| e.message), Ok(Shape::default()));
    }

    #[test]
    fn a_block_scalar_ends_where_its_indentation_does() {
        let text = format!("a: |\n  x\n{}", "[".repeat(100));
        assert!(depth_error(&text).is_some());
        let text = format!("- a: |\n  {}", "[".repeat(100));
        assert!(depth_error(&text).is_some(), "content must be past the key");
    }

    #[test]
    fn notes_aliases() {
        assert!(scan("a: &x 1\nb: *x\n").unwrap().has_alias);
        assert!(scan("a: &x 1\nb: [*x, *x]\n").unwrap().has_alias);
        assert!(!scan("a: x*y\nb: '*x'\nc: 2 * 3\n").unwrap().has_alias);
    }
}
