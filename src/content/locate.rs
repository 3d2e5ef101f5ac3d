//! Field paths, and finding where a path sits in a block-style YAML document.
//!
//! serde tells us *which* field is wrong but `serde_yaml` keeps no positions for values
//! that parsed fine, so rules checked after parsing (an empty solution, a duplicate id)
//! find their line and column here. The search follows YAML's indentation rules for
//! block mappings and sequences; inside flow collections (`[a, b]`) it stops at the
//! nearest enclosing key, which is still the right line.
//!
//! A card with thousands of problems (every item of a long list blank) asks for thousands
//! of positions in one document, so a [`Locator`] splits the lines once and remembers the
//! keys and list items it has found: each position then costs about the depth of its
//! path, not the length of the document.

use std::cell::RefCell;
use std::collections::HashMap;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Self::Key(key.to_string())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Self::Index(index)
    }
}

/// Builds a path from keys and indices: `path!["quiz", 1, "answer"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {
        [$($crate::content::locate::Seg::from($seg)),*]
    };
}

/// A list item taken out of a document so the rest could be read: the list's path and
/// the item's index, both as they were when it was taken out.
pub type Removed = (Vec<Seg>, usize);

/// The path in the document as written of `path`, a path in the document with the
/// `removed` items (in the order they were taken out) missing: later items of those
/// lists move back up to their own index, so they are reported where they are.
pub fn original(removed: &[Removed], path: &[Seg]) -> Vec<Seg> {
    let mut path = path.to_vec();
    for (list, index) in removed.iter().rev() {
        if path.len() > list.len()
            && path.starts_with(list)
            && let Seg::Index(k) = &mut path[list.len()]
            && *k >= *index
        {
            *k += 1;
        }
    }
    path
}

/// `python.solution`, `quiz[1].answer`; `(root)` for the empty path.
pub fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(index) => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
    if out.is_empty() {
        out.push_str("(root)");
    }
    out
}

#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    indent: usize,
    /// Blank or comment-only: never an entry, never ends a node.
    skip: bool,
}

/// A node's extent: its first entry starts at byte `col` of `line`; later entries sit at
/// that indentation on lines before `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Node {
    line: usize,
    col: usize,
    end: usize,
}

/// The 1-based line and column of `path` in `text`, or of the deepest part of it that
/// could be found (the document start when nothing could). For more than one position
/// in a document, use a [`Locator`].
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    Locator::new(text).locate(path)
}

/// Finds positions in one document, remembering what it has read.
#[derive(Debug, Default)]
pub struct Locator<'a> {
    lines: Vec<Line<'a>>,
    keys: RefCell<HashMap<(Node, String), Option<Found>>>,
    items: RefCell<HashMap<Node, Vec<usize>>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            lines: split_lines(text),
            keys: RefCell::default(),
            items: RefCell::default(),
        }
    }

    /// See [`locate`].
    pub fn locate(&self, path: &[Seg]) -> (usize, usize) {
        let lines = &self.lines;
        let Some(first) = lines.iter().position(|l| !l.skip) else {
            return (1, 1);
        };
        let mut node = Node {
            line: first,
            col: lines[first].indent,
            end: lines.len(),
        };
        let mut best = (first, lines[first].indent);
        for seg in path {
            let found = match seg {
                Seg::Key(key) => {
                    let cache_key = (node, key.clone());
                    if let Some(found) = self.keys.borrow().get(&cache_key) {
                        *found
                    } else {
                        let found = find_key(lines, node, key);
                        self.keys.borrow_mut().insert(cache_key, found);
                        found
                    }
                }
                Seg::Index(index) => {
                    let mut items = self.items.borrow_mut();
                    let items = items.entry(node).or_insert_with(|| list_items(lines, node));
                    find_index(lines, node, items, *index)
                }
            };
            let Some((at, child)) = found else { break };
            best = at;
            match child {
                Some(child) => node = child,
                None => break,
            }
        }
        let (line, col) = best;
        (line + 1, lines[line].text[..col].chars().count() + 1)
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .map(|text| {
            let indent = text.len() - text.trim_start_matches(' ').len();
            let rest = &text[indent..];
            Line {
                text,
                indent,
                skip: rest.trim().is_empty() || rest.starts_with('#'),
            }
        })
        .collect()
}

fn entries(lines: &[Line<'_>], node: Node) -> impl Iterator<Item = usize> {
    let rest = lines[node.line + 1..node.end.max(node.line + 1)]
        .iter()
        .enumerate()
        .take_while(move |(_, l)| l.skip || l.indent >= node.col)
        .filter(move |(_, l)| !l.skip && l.indent == node.col)
        .map(move |(i, _)| node.line + 1 + i);
    std::iter::once(node.line).chain(rest)
}

fn entry_text<'a>(lines: &[Line<'a>], node: Node, line: usize) -> &'a str {
    let text = lines[line].text;
    if line == node.line {
        text.get(node.col..).unwrap_or("")
    } else {
        &text[lines[line].indent..]
    }
}

type Found = ((usize, usize), Option<Node>);

fn find_key(lines: &[Line<'_>], node: Node, key: &str) -> Option<Found> {
    let spellings = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    for line in entries(lines, node) {
        let text = entry_text(lines, node, line);
        let after_key = spellings
            .iter()
            .find_map(|k| text.strip_prefix(k.as_str()))
            .and_then(|rest| rest.trim_start_matches(' ').strip_prefix(':'));
        let Some(value) = after_key else { continue };
        if !(value.is_empty() || value.starts_with([' ', '\t'])) {
            continue;
        }
        let entry_col = if line == node.line {
            node.col
        } else {
            lines[line].indent
        };
        let value_col = lines[line].text.len() - value.len();
        let child = value_node(lines, node, line, entry_col, value_col);
        return Some(((line, entry_col), child));
    }
    None
}

/// The lines where the items of the list at `node` start.
fn list_items(lines: &[Line<'_>], node: Node) -> Vec<usize> {
    entries(lines, node)
        .filter(|&line| {
            let text = entry_text(lines, node, line);
            text == "-" || text.starts_with("- ")
        })
        .collect()
}

fn find_index(lines: &[Line<'_>], node: Node, items: &[usize], index: usize) -> Option<Found> {
    let &line = items.get(index)?;
    let dash_col = if line == node.line {
        node.col
    } else {
        lines[line].indent
    };
    let end = items.get(index + 1).copied().unwrap_or(node.end);
    let after_dash = &lines[line].text[dash_col + 1..];
    let content = after_dash.trim_start_matches(' ');
    if content.is_empty() || content.starts_with('#') {
        let next = (line + 1..end).find(|&l| !lines[l].skip)?;
        let child = Node {
            line: next,
            col: lines[next].indent,
            end,
        };
        return Some(((next, child.col), Some(child)));
    }
    let col = lines[line].text.len() - content.len();
    Some(((line, col), Some(Node { line, col, end })))
}

fn value_node(
    lines: &[Line<'_>],
    parent: Node,
    line: usize,
    entry_col: usize,
    value_col: usize,
) -> Option<Node> {
    let value = lines[line].text[value_col..].trim_start();
    if !(value.is_empty() || value.starts_with(['|', '>', '#'])) {
        let col = lines[line].text.len() - value.len();
        return Some(Node {
            line,
            col,
            end: line + 1,
        });
    }
    let next = (line + 1..parent.end).find(|&l| !lines[l].skip)?;
    let col = lines[next].indent;
    let is_item = |l: usize| lines[l].text[lines[l].indent..].starts_with('-');
    if col < entry_col || (col == entry_col && !is_item(next)) {
        return None;
    }
    let end = (next + 1..parent.end)
        .find(|&l| {
            let line = &lines[l];
            !line.skip
                && (line.indent < col || (col == entry_col && line.indent == col && !is_item(l)))
        })
        .unwrap_or(parent.end);
    Some(Node {
        line: next,
        col,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
# a card
id: lru
python:
  solution: |
    x: 1
    # not a key
  tests: \"\"
tags: [a, b]
key_points:
  - one
  -   two
quiz:
- kind: single
  options:
    - a
    - b
  answer: 3

- kind: single
  answer: 1
";

    #[test]
    fn finds_top_level_and_nested_keys() {
        assert_eq!(locate(DOC, &path!["id"]), (2, 1));
        assert_eq!(locate(DOC, &path!["python"]), (3, 1));
        assert_eq!(locate(DOC, &path!["python", "solution"]), (4, 3));
        assert_eq!(locate(DOC, &path!["python", "tests"]), (7, 3));
    }

    #[test]
    fn finds_sequence_items_in_both_indent_styles() {
        assert_eq!(locate(DOC, &path!["key_points", 0]), (10, 5));
        assert_eq!(locate(DOC, &path!["key_points", 1]), (11, 7));
        assert_eq!(locate(DOC, &path!["quiz", 0, "answer"]), (17, 3));
        assert_eq!(locate(DOC, &path!["quiz", 0, "options", 1]), (16, 7));
        assert_eq!(locate(DOC, &path!["quiz", 1]), (19, 3));
        assert_eq!(locate(DOC, &path!["quiz", 1, "answer"]), (20, 3));
    }

    #[test]
    fn falls_back_to_the_deepest_part_found() {
        assert_eq!(locate(DOC, &path!["tags", 1]), (8, 1));
        assert_eq!(locate(DOC, &path!["python", "missing"]), (3, 1));
        assert_eq!(locate(DOC, &path!["nothing"]), (2, 1));
        assert_eq!(locate("", &path!["id"]), (1, 1));
    }

    #[test]
    fn keys_inside_block_scalars_are_not_keys() {
        assert_eq!(locate(DOC, &path!["x"]), (2, 1));
    }

    #[test]
    fn path_strings() {
        assert_eq!(path_string(&path!["quiz", 1, "answer"]), "quiz[1].answer");
        assert_eq!(path_string(&[]), "(root)");
    }
}
