//! The only module that calls `serde_yaml`, so the YAML library can be swapped here alone.
//!
//! Each document is parsed on its own (a card file may hold several, split by
//! [`split_documents`]) so one broken card does not hide the problems of the next.

use std::cell::Cell;
use std::collections::HashMap;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};

use super::locate::{Locator, Removed, Seg, original, path_string};
use super::nesting;
use super::{Card, DeckMeta};

/// A parse failure: where it happened (1-based, within the document) and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    /// The field path serde was in, e.g. `python.solution`; `(root)` at the top.
    pub field: String,
    pub message: String,
}

/// One YAML document of a file and the line (1-based) its text starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document<'a> {
    pub text: &'a str,
    pub first_line: usize,
}

/// Splits a file at `---` document markers (a line that is `---`, or `---` followed by a
/// space). Documents holding only blank lines and comments are dropped. A marker can only
/// start at column 0 and a card's block scalars are indented, so a marker never falls
/// inside a value.
pub fn split_documents(text: &str) -> Vec<Document<'_>> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let is_marker = body == "---" || body.starts_with("--- ") || body.starts_with("---\t");
        if is_marker {
            push_document(&mut docs, &text[start..offset], start_line);
            start = offset + line.len();
            start_line = index + 2;
        }
        offset += line.len();
    }
    push_document(&mut docs, &text[start..], start_line);
    docs
}

fn push_document<'a>(docs: &mut Vec<Document<'a>>, text: &'a str, first_line: usize) {
    let has_content = text.lines().any(|l| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    });
    if has_content {
        docs.push(Document { text, first_line });
    }
}

/// What parsing a document gave: the problems found, and the value when one could be
/// built (after pruning the broken parts, so later checks can still run on the rest).
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub errors: Vec<YamlError>,
    /// Field paths taken out of `value` (or given a stand-in value) because they were
    /// broken: checks of `value` should not report anything under them again.
    pub pruned: Vec<String>,
    /// List items taken out of `value`: paths in `value` map back to the document's
    /// with [`original`].
    pub removed: Vec<Removed>,
}

/// Parses one card document. On failure, keeps going to find the card's other problems:
/// the offending node is removed and the rest parsed again, so one unknown key does not
/// hide the next.
pub fn parse_card(doc: &str) -> Parsed<Card> {
    parse_all(doc, &mut Effort::default())
}

/// [`parse_card`] for one document of a file, sharing the file's [`Effort`].
pub fn parse_card_within(doc: &str, effort: &mut Effort) -> Parsed<Card> {
    parse_all(doc, effort)
}

/// Parses `deck.yaml`, reporting every problem the same way as [`parse_card`].
pub fn parse_deck_meta(text: &str) -> Parsed<DeckMeta> {
    parse_all(text, &mut Effort::default())
}

/// Parses the answers file of `tutor interview --answers` (see [`super::script`]): the
/// first problem, if any, with its place.
pub fn parse_answers(text: &str) -> Result<Vec<super::script::ScriptStep>, YamlError> {
    let parsed = parse_all(text, &mut Effort::default());
    match (parsed.value, parsed.errors.into_iter().next()) {
        (Some(steps), None) => Ok(steps),
        (_, Some(e)) => Err(e),
        (None, None) => Err(YamlError {
            line: 1,
            col: 1,
            field: "(root)".into(),
            message: "cannot be read as a list of answers".into(),
        }),
    }
}

/// Upper bound on re-parses of one broken document.
const MAX_PROBLEMS_PER_DOCUMENT: usize = 50;

/// What re-parsing a file's broken documents may cost together, in bytes read: each
/// re-parse costs its document's length plus [`REPARSE_OVERHEAD`]. A 1 MiB document is
/// read again 16 times at most; 100,000 broken one-line documents cannot ask for 50
/// re-parses each either.
const REPARSE_BUDGET: usize = 16 << 20;
const REPARSE_OVERHEAD: usize = 1024;

/// What reading a file may still cost: the re-parsing it has left (see
/// [`REPARSE_BUDGET`]) and what its aliases may still expand to (see
/// [`MAX_EXPANDED_VALUES`]). Shared by the file's documents, so many documents that each
/// stay under a limit cannot add up to minutes of work or gigabytes together.
#[derive(Debug)]
pub struct Effort {
    left: usize,
    /// Whether running out has been reported (once per file is enough).
    told: bool,
    expansion: Expansion,
}

/// What a file's aliases may still expand to, in values and in bytes of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Expansion {
    values: usize,
    bytes: usize,
    /// Set once the budget has run out (and been reported): later documents that use
    /// aliases are not read at all.
    spent: bool,
}

impl Effort {
    /// Takes the cost of re-parsing `text`; false when there is not enough left.
    fn spend(&mut self, text: &str) -> bool {
        match self.left.checked_sub(text.len() + REPARSE_OVERHEAD) {
            Some(left) => {
                self.left = left;
                true
            }
            None => false,
        }
    }

    /// The note that checking stopped at `path`, the first time only.
    fn out_of_time(&mut self, locator: &Locator<'_>, path: &[Seg]) -> Option<YamlError> {
        if std::mem::replace(&mut self.told, true) {
            return None;
        }
        let (line, col) = locator.locate(path);
        Some(YamlError {
            line,
            col,
            field: path_string(path),
            message: "checking stopped here: this file's broken parts take too long to read \
                      past, so from here on only the first problem of each card is reported; \
                      fix those and check again"
                .to_string(),
        })
    }
}

impl Default for Effort {
    fn default() -> Self {
        Self {
            left: REPARSE_BUDGET,
            told: false,
            expansion: Expansion {
                values: MAX_EXPANDED_VALUES,
                bytes: MAX_EXPANDED_BYTES,
                spent: false,
            },
        }
    }
}

fn parse_all<T: DeserializeOwned>(text: &str, effort: &mut Effort) -> Parsed<T> {
    // Shapes that would keep the parser busy for minutes are refused first.
    let shape = match nesting::scan(text) {
        Ok(shape) => shape,
        Err(e) => return Parsed::failed(vec![e]),
    };
    if shape.has_alias {
        if effort.expansion.spent {
            // Said once, at the alias that went over; the rest is not read.
            return Parsed::failed(Vec::new());
        }
        if let Err(e) = check_expansion(text, &mut effort.expansion) {
            return Parsed::failed(vec![e]);
        }
    }
    // The fast path: straight from text to the typed value.
    let first = match typed_error(serde_path_to_error::deserialize(
        serde_yaml::Deserializer::from_str(text),
    )) {
        Ok(value) => {
            return Parsed {
                value: Some(value),
                ..Parsed::failed(Vec::new())
            };
        }
        Err((path, err)) => (path, err),
    };
    let locator = Locator::new(text);
    let mut errors = vec![to_problem(text, &locator, &first.0, &first.1)];
    if !effort.spend(text) {
        if let Some(note) = effort.out_of_time(&locator, &first.0) {
            errors.push(note);
        }
        return Parsed::failed(errors);
    }
    // The slow path, for broken documents only: an untyped tree we can prune.
    let Ok(tree) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        // A syntax error: nothing more can be read.
        return Parsed::failed(errors);
    };
    if let Some(problem) = errors.first_mut() {
        name_the_choices::<T>(&tree, &first.0, problem);
    }
    let mut parsed = Parsed::failed(errors);
    read_past_errors(
        text,
        &locator,
        tree,
        (first.0, first.1.to_string()),
        &mut parsed,
        effort,
    );
    parsed
}

impl<T> Parsed<T> {
    fn failed(errors: Vec<YamlError>) -> Self {
        Self {
            value: None,
            errors,
            pruned: Vec::new(),
            removed: Vec::new(),
        }
    }
}

/// Repairs `tree` past the error `first` (its path in the tree and message) and each one
/// after it, adding to `parsed` the errors found, what was pruned and the value once
/// the tree reads.
fn read_past_errors<T: DeserializeOwned>(
    text: &str,
    locator: &Locator<'_>,
    mut tree: serde_yaml::Value,
    first: (Vec<Seg>, String),
    parsed: &mut Parsed<T>,
    effort: &mut Effort,
) {
    // Paths as written (what was pruned) and as in the tree (what was tried).
    let mut pruned: Vec<Vec<Seg>> = Vec::new();
    let mut tried: HashMap<Vec<Seg>, u8> = HashMap::new();
    let removed = &mut parsed.removed;
    let mut next = first;
    for round in 0..=MAX_PROBLEMS_PER_DOCUMENT {
        // Say so when checking stops early, rather than let the list look complete.
        let at = original(removed, &next.0);
        if round == MAX_PROBLEMS_PER_DOCUMENT {
            let (line, col) = locator.locate(&at);
            parsed.errors.push(YamlError {
                line,
                col,
                field: path_string(&at),
                message: format!(
                    "checking stopped here after {MAX_PROBLEMS_PER_DOCUMENT} attempts to \
                     read past broken fields; fix those and check again"
                ),
            });
            break;
        }
        if !effort.spend(text) {
            parsed.errors.extend(effort.out_of_time(locator, &at));
            break;
        }
        let Some(fix) = repair(&mut tree, &next.0, &next.1, &mut tried) else {
            break;
        };
        match fix {
            Fix::At(path) => pruned.push(original(removed, &path)),
            Fix::Item(list, index) => {
                let mut item = list.clone();
                item.push(Seg::Index(index));
                pruned.push(original(removed, &item));
                removed.push((list, index));
            }
        }
        match typed_error::<T>(serde_path_to_error::deserialize(&tree)) {
            Ok(value_without_broken_parts) => {
                parsed.value = Some(value_without_broken_parts);
                break;
            }
            Err((path, err)) => {
                // An error in or around what we pruned (say, the "missing field" our
                // removal caused) is not news to the author. A missing field is about
                // that field, not about the mapping it is missing from.
                let message = err.to_string();
                let written = original(removed, &path);
                let mut about = written.clone();
                if let Some(field) = missing_field(&message) {
                    about.push(Seg::Key(field.to_string()));
                }
                let ours = pruned
                    .iter()
                    .any(|p| p.starts_with(&about) || about.starts_with(p));
                if !ours {
                    let mut problem = to_problem(text, locator, &written, &err);
                    name_the_choices::<T>(&tree, &path, &mut problem);
                    parsed.errors.push(problem);
                }
                next = (path, message);
            }
        }
    }
    parsed.pruned = pruned.iter().map(|p| path_string(p)).collect();
}

/// What [`repair`] did: gave the node at a path a stand-in value or took it out, or
/// took an item out of a list (the list's path and the item's index).
enum Fix {
    At(Vec<Seg>),
    Item(Vec<Seg>, usize),
}

/// Changes the tree so that parsing can go past the error `message` at `path`: a missing
/// field gets a stand-in, a wrong value a stand-in of the type serde asked for (the first
/// name of a choice), an unknown key is taken out, and so is a list item serde could not
/// read, so the other items are still checked. A path gets at most two stand-ins; after
/// that it is taken out. `None` when nothing could be done.
fn repair(
    tree: &mut serde_yaml::Value,
    path: &[Seg],
    message: &str,
    tried: &mut HashMap<Vec<Seg>, u8>,
) -> Option<Fix> {
    let mut attempt = |at: &[Seg]| {
        let count = tried.entry(at.to_vec()).or_insert(0);
        *count += 1;
        *count <= 2
    };
    if let Some(field) = missing_field(message) {
        let mut at = path.to_vec();
        at.push(Seg::Key(field.to_string()));
        if let Some(serde_yaml::Value::Mapping(map)) = node_mut(tree, path)
            && !map.contains_key(field)
            && attempt(&at)
        {
            map.insert(field.into(), serde_yaml::Value::String(String::new()));
            return Some(Fix::At(at));
        }
        return remove(tree, path);
    }
    if unknown_field(message).is_some() {
        return remove(tree, path);
    }
    // An item serde reads whole (a quiz item, tagged by `kind`) reports what is wrong
    // inside it at the item, or at its tag: take the item out.
    let item = match path.split_last() {
        Some((Seg::Index(_), _)) => Some(path),
        Some((Seg::Key(_), parent))
            if message.contains("unknown variant `")
                && matches!(parent.last(), Some(Seg::Index(_))) =>
        {
            Some(parent)
        }
        _ => None,
    };
    if let Some(item) = item
        && matches!(
            node_mut(tree, item),
            Some(serde_yaml::Value::Mapping(_) | serde_yaml::Value::Sequence(_))
        )
    {
        return remove(tree, item);
    }
    if let Some(stand_in) = stand_in(message)
        && attempt(path)
        && let Some(node) = node_mut(tree, path)
    {
        *node = stand_in;
        return Some(Fix::At(path.to_vec()));
    }
    remove(tree, path)
}

/// Takes the node at `path` out: a key from its mapping, an item from its list.
fn remove(tree: &mut serde_yaml::Value, path: &[Seg]) -> Option<Fix> {
    let (last, parent) = path.split_last()?;
    match (node_mut(tree, parent)?, last) {
        (serde_yaml::Value::Mapping(map), Seg::Key(key)) => {
            // Keep the order: the next error found is the next in the file, and finding
            // its position does not start from the far end.
            map.shift_remove(key.as_str())?;
            Some(Fix::At(path.to_vec()))
        }
        (serde_yaml::Value::Sequence(items), &Seg::Index(index)) if index < items.len() => {
            items.remove(index);
            Some(Fix::Item(parent.to_vec(), index))
        }
        _ => None,
    }
}

/// A value of the type serde's `message` asked for, so the rest can be read.
fn stand_in(message: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::Value;
    let message = strip_location(message);
    // "unknown variant `x`, expected one of `a`, `b`" or "... expected `a`"
    if let Some(at) = message
        .find("expected one of `")
        .or_else(|| message.find("expected `"))
    {
        let rest = &message[at..];
        let name = rest.split('`').nth(1)?;
        return Some(Value::String(name.to_string()));
    }
    let expected = &message[message.rfind("expected ")? + "expected ".len()..];
    if NOT_A_NAME.iter().any(|m| message.contains(m)) {
        // A choice given as a list or map: a string makes serde list the names.
        return Some(Value::String("\u{1}".to_string()));
    }
    Some(
        if expected.starts_with("a string") || expected.starts_with("a character") {
            Value::String(String::new())
        } else if expected.starts_with("a sequence") {
            Value::Sequence(Vec::new())
        } else if expected.starts_with("a boolean") {
            Value::Bool(false)
        } else if expected.split([' ', ',']).next().is_some_and(|t| {
            matches!(t, "usize" | "isize" | "f32" | "f64")
                || (t.len() > 1
                    && t.starts_with(['u', 'i'])
                    && t[1..].bytes().all(|b| b.is_ascii_digit()))
        }) {
            Value::Number(0.into())
        } else if expected.starts_with("struct ") || expected.starts_with("a map") {
            Value::Mapping(serde_yaml::Mapping::new())
        } else {
            return None;
        },
    )
}

/// `x` from serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<&str> {
    let rest = &message[message.find("missing field `")? + "missing field `".len()..];
    rest.find('`').map(|end| &rest[..end])
}

/// How many values the documents of a file that use aliases may hold once the aliases
/// are expanded. The parser repeats an anchored node at every alias, so a few lines of
/// aliases of aliases (the "billion laughs") or many aliases of one big node would
/// otherwise build millions of values. A file without aliases holds at most about one
/// value per two bytes of its 1 MiB.
pub const MAX_EXPANDED_VALUES: usize = 100_000;

/// How many bytes of text (scalars and keys) those documents may hold once expanded:
/// a hundred aliases of one 450 KB string are only a hundred values, but 45 MB.
pub const MAX_EXPANDED_BYTES: usize = 4 << 20;

/// Counts the values and bytes of a document with its aliases expanded, taking them from
/// what the file has left: cheap, because nothing is built. Running out is an error at
/// the alias (or value) that went over.
fn check_expansion(text: &str, left: &mut Expansion) -> Result<(), YamlError> {
    let budget = Cell::new(*left);
    let mut track = serde_path_to_error::Track::new();
    let Err(err) = Budget { left: &budget }.deserialize(serde_path_to_error::Deserializer::new(
        serde_yaml::Deserializer::from_str(text),
        &mut track,
    )) else {
        *left = budget.get();
        return Ok(());
    };
    *left = budget.get();
    if !left.spent {
        return Ok(()); // another error, which the parse reports in its own words
    }
    // The parser's own position is that of the anchored node being repeated; the
    // author needs the alias that repeated it once too often.
    let path = segments(&track.path());
    let (line, col) = alias_position(text, &path)
        .or_else(|| err.location().map(|l| (l.line(), l.column())))
        .unwrap_or((1, 1));
    let what = if left.bytes == 0 {
        format!("{} MiB of text", MAX_EXPANDED_BYTES >> 20)
    } else {
        format!("{MAX_EXPANDED_VALUES} values")
    };
    Err(YamlError {
        line,
        col,
        field: "(root)".to_string(),
        message: format!(
            "this file's aliases (`*name`) expand to more than {what}; repeat the text \
             instead of aliasing it (documents after this one that use aliases are not \
             checked)"
        ),
    })
}

/// The 1-based position of the alias written in `text` that the value at `path` (as
/// the expanding parser saw it) was repeated from: the path's last key is found, then
/// its flow collections on that line are followed item by item until an alias. `None`
/// when the path does not lead to an alias that way (a block list, a multi-line flow
/// collection).
fn alias_position(text: &str, path: &[Seg]) -> Option<(usize, usize)> {
    let last_key = path.iter().rposition(|s| matches!(s, Seg::Key(_)))?;
    let (line, col) = Locator::new(text).locate(&path[..=last_key]);
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let key_at = line_text
        .char_indices()
        .nth(col.checked_sub(1)?)
        .map_or(line_text.len(), |(i, _)| i);
    let bytes = line_text.as_bytes();
    let mut i = key_at + line_text.get(key_at..)?.find(':')? + 1;
    let skip = |mut i: usize| {
        loop {
            while bytes.get(i).is_some_and(|&b| b == b' ' || b == b'\t') {
                i += 1;
            }
            // An anchor or a tag before the node.
            if !bytes.get(i).is_some_and(|&b| b == b'&' || b == b'!') {
                return i;
            }
            while bytes.get(i).is_some_and(|&b| !b" \t,[]{}".contains(&b)) {
                i += 1;
            }
        }
    };
    i = skip(i);
    for seg in &path[last_key + 1..] {
        match (bytes.get(i), seg) {
            (Some(b'*'), _) => break,
            (Some(b'['), &Seg::Index(index)) => i = skip(flow_item(bytes, i + 1, index)?),
            _ => return None,
        }
    }
    (bytes.get(i) == Some(&b'*')).then(|| {
        (
            line,
            line_text.get(..i).map_or(i, |t| t.chars().count()) + 1,
        )
    })
}

/// The byte where item `index` of the flow list whose items start at byte `i` begins
/// (blanks before it included), if it is on this line.
fn flow_item(bytes: &[u8], mut i: usize, index: usize) -> Option<usize> {
    let (mut depth, mut item) = (0_usize, 0);
    let mut quote = None;
    while item < index {
        let &b = bytes.get(i)?;
        match (quote, b) {
            (Some(b'"'), b'\\') => i += 1, // an escape: `\"` does not close
            (Some(q), _) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[' | b'{') => depth += 1,
            (None, b']' | b'}') => depth = depth.checked_sub(1)?,
            (None, b',') if depth == 0 => item += 1,
            _ => {}
        }
        i += 1;
    }
    Some(i)
}

/// Visits every value, spending one of `left`'s values on each and its bytes on each
/// string.
#[derive(Clone, Copy)]
struct Budget<'a> {
    left: &'a Cell<Expansion>,
}

impl Budget<'_> {
    fn spend<E: de::Error>(self) -> Result<(), E> {
        self.spend_text(0)
    }

    fn spend_text<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        let left = self.left.get();
        match (left.values.checked_sub(1), left.bytes.checked_sub(bytes)) {
            (Some(values), Some(bytes)) => {
                self.left.set(Expansion {
                    values,
                    bytes,
                    spent: false,
                });
                Ok(())
            }
            (values, bytes) => {
                self.left.set(Expansion {
                    values: values.unwrap_or(0),
                    bytes: bytes.unwrap_or(0),
                    spent: true,
                });
                Err(E::custom("aliases expand too far"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend()
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend()
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend()
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.spend_text(text.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag x`): the tag, then the value.
        let ((), variant) = data.variant_seed(self)?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// A path as serde saw it, as our [`Seg`]s.
fn segments(path: &serde_path_to_error::Path) -> Vec<Seg> {
    path.iter()
        .filter_map(|seg| match seg {
            serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {
                None
            }
        })
        .collect()
}

fn typed_error<T>(
    result: Result<T, serde_path_to_error::Error<serde_yaml::Error>>,
) -> Result<T, (Vec<Seg>, serde_yaml::Error)> {
    result.map_err(|err| {
        let mut path = segments(err.path());
        let err = err.into_inner();
        // Inside a value serde buffers first (a quiz item, tagged by `kind`), the path
        // stops at the item; an unknown key is named in the message, so add it.
        if let Some(key) = unknown_field(&err.to_string())
            && path.last() != Some(&Seg::Key(key.to_string()))
        {
            path.push(Seg::Key(key.to_string()));
        }
        (path, err)
    })
}

/// What `serde_yaml` says when a choice (such as `visual: [lru]`) is not a name, read
/// from text and from a parsed tree.
const NOT_A_NAME: [&str; 2] = [
    "expected a YAML tag starting with '!'",
    "expected a Value::Tagged enum",
];

/// Replaces [`NOT_A_NAME`] in `problem` with the names the field takes, learned by
/// parsing again with a string at `path`, which makes serde list them.
fn name_the_choices<T: DeserializeOwned>(
    tree: &serde_yaml::Value,
    path: &[Seg],
    problem: &mut YamlError,
) {
    let Some(said) = NOT_A_NAME.iter().find(|m| problem.message.contains(*m)) else {
        return;
    };
    let mut probe = tree.clone();
    let Some(node) = node_mut(&mut probe, path) else {
        return;
    };
    *node = serde_yaml::Value::String("\u{1}".into());
    if let Err((at, err)) = typed_error::<T>(serde_path_to_error::deserialize(probe))
        && at == path
    {
        // "unknown variant `\u{1}`, expected one of `a`, `b`" (or "expected `a`").
        let message = strip_location(&err.to_string());
        if let Some(i) = message.find("`, expected ") {
            let names = &message[i + "`, ".len()..];
            problem.message = problem.message.replace(said, names);
        }
    }
}

/// `k` from serde's "unknown field `k`, expected ..." message (which `serde_yaml` may
/// prefix with a path and `: `).
fn unknown_field(message: &str) -> Option<&str> {
    const START: &str = "unknown field `";
    let at = message.find(START)?;
    if at > 0 && !message[..at].ends_with(": ") {
        return None;
    }
    let rest = &message[at + START.len()..];
    rest.find('`').map(|end| &rest[..end])
}

fn to_problem(
    text: &str,
    locator: &Locator<'_>,
    path: &[Seg],
    err: &serde_yaml::Error,
) -> YamlError {
    // An error cannot sit before the node it is about; `serde_yaml` reports errors from
    // buffered values at the start of the enclosing list, so take the later position.
    let located = locator.locate(path);
    let (mut line, mut col) = match err.location() {
        Some(loc) if (loc.line(), loc.column()) >= located => (loc.line(), loc.column()),
        _ => located,
    };
    let field = path_string(path);
    let mut message = strip_location(&err.to_string());
    // The reader's errors (a control character) come with a byte offset only.
    if let Some((said, offset)) = byte_offset(&message)
        && let Some(before) = text.get(..offset)
    {
        line = before.matches('\n').count() + 1;
        col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        message = match text[offset..].chars().next() {
            Some(c) => format!("{said} (found U+{:04X})", u32::from(c)),
            None => said.to_string(),
        };
    }
    // serde_yaml starts some messages with (part of) the path; ours has its own column.
    // Under a list at the root its path starts with a dot (`.[1].wait`).
    let message = match message.split_once(": ") {
        Some((head, rest))
            if !head.contains(' ') && is_under(&field, head.strip_prefix('.').unwrap_or(head)) =>
        {
            rest.to_string()
        }
        _ => message,
    };
    YamlError {
        line,
        col,
        field,
        message,
    }
}

fn node_mut<'a>(
    tree: &'a mut serde_yaml::Value,
    path: &[Seg],
) -> Option<&'a mut serde_yaml::Value> {
    let mut node = tree;
    for seg in path {
        node = match seg {
            Seg::Key(key) => node.get_mut(key.as_str())?,
            Seg::Index(index) => node.get_mut(*index)?,
        };
    }
    Some(node)
}

/// Whether `field` is `root` or lies under it (`quiz[1].answer` under `quiz`).
pub fn is_under(field: &str, root: &str) -> bool {
    field
        .strip_prefix(root)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The message and the byte offset of the YAML reader's "... at position N".
fn byte_offset(message: &str) -> Option<(&str, usize)> {
    let (said, offset) = message.rsplit_once(" at position ")?;
    Some((said, offset.parse().ok()?))
}

/// `serde_yaml` puts " at line L column C" in its messages (at the end, or before the
/// parser's context: ", while scanning a simple key"); we report the position ourselves,
/// in the `file:line:col` prefix.
fn strip_location(message: &str) -> String {
    const AT: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(AT) {
        let tail = &rest[at + AT.len()..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let line = digits(tail);
        let column = tail[line..]
            .strip_prefix(" column ")
            .map(digits)
            .filter(|&n| line > 0 && n > 0);
        let Some(column) = column else {
            out.push_str(&rest[..at + AT.len()]);
            rest = tail;
            continue;
        };
        out.push_str(&rest[..at]);
        rest = &tail[line + " column ".len() + column..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_markers_and_keeps_line_numbers() {
        let text = "# c\n---\na: 1\n---\n\n--- # x\nb: 2\n";
        let docs = split_documents(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "a: 1\n");
        assert_eq!(docs[0].first_line, 3);
        assert_eq!(docs[1].text, "b: 2\n");
        assert_eq!(docs[1].first_line, 7);
    }

    #[test]
    fn a_single_document_without_markers() {
        let docs = split_documents("a: 1\nb: |\n  ---\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].first_line, 1);
    }

    #[test]
    fn reads_the_unknown_field_from_a_message() {
        assert_eq!(unknown_field("unknown field `x`, expected `y`"), Some("x"));
        assert_eq!(
            unknown_field("quiz[1]: unknown field `x`, expected `y`"),
            Some("x")
        );
        assert_eq!(unknown_field("not an unknown field `x`"), None);
        assert_eq!(unknown_field("invalid type"), None);
    }

    #[test]
    fn stand_ins_have_the_type_serde_asked_for() {
        use serde_yaml::Value;
        let cases = [
            (
                "unknown variant `x`, expected one of `easy`, `hard`",
                Some(Value::String("easy".into())),
            ),
            (
                "invalid type: map, expected a string",
                Some(Value::String(String::new())),
            ),
            (
                "invalid type: string \"x\", expected usize",
                Some(Value::Number(0.into())),
            ),
            (
                "invalid type: string \"x\", expected u32 at line 3 column 4",
                Some(Value::Number(0.into())),
            ),
            (
                "invalid type: integer `5`, expected a sequence",
                Some(Value::Sequence(Vec::new())),
            ),
            (
                "invalid type: string \"x\", expected a boolean",
                Some(Value::Bool(false)),
            ),
            (
                "invalid type: string \"x\", expected struct Solution",
                Some(Value::Mapping(serde_yaml::Mapping::new())),
            ),
            (
                "invalid type: string \"x\", expected internally tagged enum QuizItem",
                None,
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(stand_in(message), expected, "{message}");
        }
    }

    #[test]
    fn strips_the_position_suffix_only() {
        assert_eq!(strip_location("bad at line 3 column 7"), "bad");
        assert_eq!(strip_location("at line five"), "at line five");
        assert_eq!(strip_location("x at line 3"), "x at line 3");
        assert_eq!(
            strip_location("could not find ':' at line 9 column 12, while scanning a key"),
            "could not find ':', while scanning a key"
        );
    }
}
