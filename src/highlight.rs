//! Syntax highlighting: syntect turns a solution into ratatui `Text`, once per solution.
//!
//! The one highlighter for `tutor show` and the full-screen session. Loading syntect's
//! syntax definitions takes milliseconds, and highlighting a solution about as long, so
//! callers build one [`Highlighter`] and keep what it returns; nothing here belongs on a
//! draw path. The theme (`assets/tutor.tmTheme`) names slots of the terminal's own
//! palette instead of fixed colours, so it reads well on dark and light backgrounds.
//! The grammars (Python, Rust and what they use) and the theme are syntect dumps made
//! by build.rs (`build/highlight.rs`), so the binary holds neither syntect's other
//! grammars nor a plist parser.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme};
use syntect::parsing::SyntaxSet;

use crate::content::quiz::{ClozePart, CodeLang, QuizItem};
use crate::text::sanitize;

/// `assets/tutor.tmTheme`, parsed and dumped by build.rs.
const THEME: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/theme.themedump"));
/// The syntax set build.rs keeps of syntect's bundled one.
const SYNTAXES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));
/// A hash of [`THEME`] and [`SYNTAXES`]: another grammar set or theme colours the same
/// code differently, so it keys the disk cache.
const ASSETS_FINGERPRINT: &str = env!("TUTOR_HIGHLIGHT_FINGERPRINT");

/// A language a card has a solution in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    Rust,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Self::Python => "Python",
            Self::Rust => "Rust",
        }
    }

    /// The language a fenced code block's info string names (`python`, `py`, `rust`,
    /// `rs`, any case), if it is one of ours.
    pub fn from_info(info: &str) -> Option<Self> {
        match info.to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => Some(Self::Python),
            "rust" | "rs" => Some(Self::Rust),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Python => "py",
            Self::Rust => "rs",
        }
    }
}

/// How a cloze gap is written in the code that is highlighted: an identifier in both
/// languages, so the code around the gap still parses.
pub fn gap_mark(n: usize) -> String {
    format!("__gap{n}__")
}

/// What highlighted code that is not a solution is looked up by: its language and the
/// code as written (a cloze's `text`, a reorder item's `code`, a fenced block's code).
pub type CodeKey = (CodeLang, String);

/// The key and language of a fenced block in card text, when its info string names
/// Python or Rust.
pub fn block_key(info: &str, code: &str) -> Option<(CodeKey, Lang)> {
    let lang = Lang::from_info(info)?;
    Some(((code_lang(lang), code.to_string()), lang))
}

/// A solution language as a quiz item's code language.
fn code_lang(lang: Lang) -> CodeLang {
    match lang {
        Lang::Python => CodeLang::Python,
        Lang::Rust => CodeLang::Rust,
    }
}

/// A quiz item's code language as a solution language (`None` for text).
fn solution_lang(lang: CodeLang) -> Option<Lang> {
    match lang {
        CodeLang::Python => Some(Lang::Python),
        CodeLang::Rust => Some(Lang::Rust),
        CodeLang::Text => None,
    }
}

/// The key [`quiz_source`] files an item's highlighted code under (`None`: not code).
pub fn quiz_key(item: &QuizItem) -> Option<CodeKey> {
    match item {
        QuizItem::Cloze(q) if q.lang.is_code() => Some((q.lang, q.text.to_string())),
        QuizItem::Reorder(q) if q.lang.is_code() => Some((q.lang, q.code.to_string())),
        _ => None,
    }
}

/// The code of a cloze or reorder item in Python or Rust, as it is highlighted: a
/// cloze's gaps become [`gap_mark`]s; a reorder item's lines are its non-blank lines,
/// one highlighted line each, in the order of `Reorder::lines`. `None` for text, or a
/// cloze whose code already holds something that looks like a gap mark.
pub fn quiz_source(item: &QuizItem) -> Option<(CodeKey, String, Lang)> {
    let lang = solution_lang;
    match item {
        QuizItem::Cloze(q) => {
            let language = lang(q.lang)?;
            if q.text.contains("__gap") {
                return None;
            }
            let code: String = q
                .parts()
                .into_iter()
                .map(|part| match part {
                    ClozePart::Text(t) => t.to_string(),
                    ClozePart::Gap(n) => gap_mark(n),
                })
                .collect();
            Some(((q.lang, q.text.to_string()), code, language))
        }
        QuizItem::Reorder(q) => {
            let language = lang(q.lang)?;
            Some(((q.lang, q.code.to_string()), q.lines().join("\n"), language))
        }
        _ => None,
    }
}

/// Code made ready to draw, as the shell hands it to `update`
/// (`Action::Highlighted`): a card's solutions with their line numbers, and code that
/// is not a solution (fenced blocks, quiz code) by its key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HighlightBatch {
    /// The card (by index) and its [Python, Rust] solutions.
    pub solutions: Option<(usize, [Vec<Line<'static>>; 2])>,
    pub code: Vec<(CodeKey, Vec<Line<'static>>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum HighlightError {
    #[error("the bundled syntax theme (assets/tutor.tmTheme, dumped by build.rs) is invalid: {0}")]
    Theme(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("the bundled grammars (dumped by build.rs) are invalid: {0}")]
    Syntaxes(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// `code` as plain lines, without highlighting (colour off, or not highlighted yet),
/// trailing blank lines dropped. Code is kept raw in the deck (it is run), so this and
/// [`Highlighter::highlight`] are the two ways it reaches a screen: both sanitize.
pub fn plain(code: &str) -> Text<'static> {
    Text::from(
        sanitize(code.trim_end())
            .lines()
            .map(|l| Line::from(l.to_string()))
            .collect::<Vec<_>>(),
    )
}

pub struct Highlighter {
    syntaxes: SyntaxSet,
    theme: Theme,
}

impl Highlighter {
    pub fn new() -> Result<Self, HighlightError> {
        let theme = syntect::dumps::from_reader(THEME).map_err(|e| HighlightError::Theme(e))?;
        let syntaxes = syntect::dumps::from_uncompressed_data(SYNTAXES)
            .map_err(|e| HighlightError::Syntaxes(e))?;
        Ok(Self { syntaxes, theme })
    }

    /// Highlights `code` (sanitized first: content is untrusted). Never fails: a line
    /// syntect cannot parse is kept as plain text.
    pub fn highlight(&self, code: &str, lang: Lang) -> Text<'static> {
        let code = sanitize(code);
        let syntax = self
            .syntaxes
            .find_syntax_by_extension(lang.extension())
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut lines = HighlightLines::new(syntax, &self.theme);
        let mut out = Vec::new();
        for line in code.lines() {
            // syntect's "newlines" syntaxes expect each line to end in '\n'.
            let with_newline = format!("{line}\n");
            let spans = match lines.highlight_line(&with_newline, &self.syntaxes) {
                Ok(regions) => regions
                    .into_iter()
                    .filter_map(|(style, piece)| {
                        let piece = piece.trim_end_matches('\n');
                        (!piece.is_empty()).then(|| Span::styled(piece.to_string(), convert(style)))
                    })
                    .collect(),
                Err(_) => vec![Span::raw(line.to_string())],
            };
            out.push(Line::from(spans));
        }
        Text::from(out)
    }
}

/// A syntect style as a ratatui style. Colours with alpha 0 are palette slots (red holds
/// the slot), alpha 1 is the terminal's default colour; anything else is true colour.
fn convert(style: syntect::highlighting::Style) -> Style {
    let mut out = Style::default();
    if let Some(fg) = palette(style.foreground) {
        out = out.fg(fg);
    }
    if style.font_style.contains(FontStyle::BOLD) {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.font_style.contains(FontStyle::ITALIC) {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.font_style.contains(FontStyle::UNDERLINE) {
        out = out.add_modifier(Modifier::UNDERLINED);
    }
    out
}

fn palette(c: syntect::highlighting::Color) -> Option<Color> {
    match c.a {
        0 => Some(match c.r {
            0 => Color::Black,
            1 => Color::Red,
            2 => Color::Green,
            3 => Color::Yellow,
            4 => Color::Blue,
            5 => Color::Magenta,
            6 => Color::Cyan,
            7 => Color::Gray,
            8 => Color::DarkGray,
            9 => Color::LightRed,
            10 => Color::LightGreen,
            11 => Color::LightYellow,
            12 => Color::LightBlue,
            13 => Color::LightMagenta,
            14 => Color::LightCyan,
            15 => Color::White,
            n => Color::Indexed(n),
        }),
        1 => None,
        _ => Some(Color::Rgb(c.r, c.g, c.b)),
    }
}

/// Highlighted solutions kept on disk, keyed by a hash of the code, the language, the
/// theme and the grammars: highlighting costs milliseconds a solution (syntect compiles its grammars
/// lazily), reading it back a fraction of that. Best effort: any failure means
/// highlighting again.
#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: std::path::PathBuf,
}

/// A styled run as stored: text, palette slot of the foreground (255: none), modifiers.
type StoredLine = Vec<(String, u8, u16)>;

impl DiskCache {
    pub fn new(dir: impl Into<std::path::PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn path(&self, code: &str, lang: Lang) -> std::path::PathBuf {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(ASSETS_FINGERPRINT.as_bytes());
        h.update(lang.name().as_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(code.as_bytes());
        self.dir.join(format!("{:032x}.bin", h.digest128()))
    }

    /// Removes the temporary files of writes that never finished (a `kill -9` during
    /// warming): see [`crate::paths::remove_stale_temps`].
    pub fn remove_stale_temps(
        &self,
        now: std::time::SystemTime,
        alive: impl Fn(u32) -> bool,
    ) -> usize {
        crate::paths::remove_stale_temps(&self.dir, now, alive)
    }

    /// Whether an entry exists, without reading it: the warming thread asks this for
    /// every solution, and decoding them all would only grow that thread's heap.
    pub fn contains(&self, code: &str, lang: Lang) -> bool {
        self.path(code, lang).is_file()
    }

    pub fn get(&self, code: &str, lang: Lang) -> Option<Text<'static>> {
        let bytes = std::fs::read(self.path(code, lang)).ok()?;
        let lines: Vec<StoredLine> = rmp_serde::from_slice(&bytes).ok()?;
        Some(Text::from(
            lines
                .into_iter()
                .map(|runs| {
                    Line::from(
                        runs.into_iter()
                            .map(|(text, fg, modifiers)| Span::styled(text, unpack(fg, modifiers)))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>(),
        ))
    }

    pub fn put(&self, code: &str, lang: Lang, text: &Text<'_>) {
        let lines: Vec<StoredLine> = text
            .lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| {
                        let (fg, m) = pack(s.style);
                        (s.content.to_string(), fg, m)
                    })
                    .collect()
            })
            .collect();
        let Ok(bytes) = rmp_serde::to_vec(&lines) else {
            return;
        };
        let _ = crate::paths::replace_file(&self.path(code, lang), &[&bytes]);
    }
}

impl Highlighter {
    /// [`Highlighter::highlight`] through the disk cache.
    pub fn highlight_cached(
        &self,
        code: &str,
        lang: Lang,
        cache: Option<&DiskCache>,
    ) -> Text<'static> {
        if let Some(text) = cache.and_then(|c| c.get(code, lang)) {
            return text;
        }
        let text = self.highlight(code, lang);
        if let Some(cache) = cache {
            cache.put(code, lang, &text);
        }
        text
    }
}

const PALETTE: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

fn pack(style: Style) -> (u8, u16) {
    let fg = style
        .fg
        .and_then(|c| PALETTE.iter().position(|p| *p == c))
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX);
    (fg, style.add_modifier.bits())
}

fn unpack(fg: u8, modifiers: u16) -> Style {
    let mut style = Style::default().add_modifier(Modifier::from_bits_truncate(modifiers));
    if let Some(color) = PALETTE.get(usize::from(fg)) {
        style = style.fg(*color);
    }
    style
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles_of(text: &Text<'_>, word: &str) -> Vec<Style> {
        text.lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.content.contains(word))
            .map(|s| s.style)
            .collect()
    }

    #[test]
    fn keywords_strings_and_comments_get_palette_colours() {
        let h = Highlighter::new().unwrap();
        let py = h.highlight("def f():\n    # note\n    return 'x'\n", Lang::Python);
        assert_eq!(py.lines.len(), 3);
        assert_eq!(styles_of(&py, "def")[0].fg, Some(Color::Magenta));
        assert_eq!(styles_of(&py, "note")[0].fg, Some(Color::DarkGray));
        assert_eq!(styles_of(&py, "x")[0].fg, Some(Color::Green));
        let rs = h.highlight("fn main() { let x = 1; }", Lang::Rust);
        assert_eq!(styles_of(&rs, "fn")[0].fg, Some(Color::Magenta));
        assert_eq!(styles_of(&rs, "1")[0].fg, Some(Color::Yellow));
    }

    /// The trimmed grammar set colours every piece of bundled code exactly as syntect's
    /// full set does: a grammar that Python or Rust uses and build.rs dropped would show
    /// as plain text or other colours here.
    #[test]
    fn the_trimmed_grammars_highlight_all_bundled_code_as_the_full_set() {
        let trimmed = Highlighter::new().unwrap();
        let full = Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            theme: trimmed.theme.clone(),
        };
        assert!(trimmed.syntaxes.syntaxes().len() < full.syntaxes.syntaxes().len() / 4);
        let library = crate::content::bundled_library();
        let cards = || library.cards().map(|(_, c)| c);
        let mut code: Vec<(String, Lang)> = cards()
            .filter_map(|c| c.code())
            .flat_map(|(py, rs)| {
                [
                    (py.solution.clone(), Lang::Python),
                    (rs.solution.clone(), Lang::Rust),
                ]
            })
            .collect();
        code.extend(
            cards()
                .flat_map(|c| &c.quiz)
                .filter_map(quiz_source)
                .map(|(_, c, l)| (c, l)),
        );
        code.extend(
            cards()
                .flat_map(|c| [&c.prompt, &c.explanation])
                .flat_map(|text| crate::markdown::fenced_blocks(text))
                .filter_map(|(info, c)| Some((c, Lang::from_info(&info)?))),
        );
        assert!(code.len() > 80, "{} pieces of code", code.len());
        // And what a learner may write that the decks do not hold yet: Python's regular
        // expressions, SQL and format strings, Rust's doc comments, macros and raw strings.
        let py = "import re\nP = re.compile(r'^(?P<k>\\w+)=[0-9]{2,}$')\n\
                  Q = 'SELECT a FROM t WHERE b = 1'\nf'{x!r:>{w}}'\nb'\\x00'\n@dataclass\n\
                  class A(B, metaclass=M):\n    \"\"\"doc\"\"\"\n    async def f(self, *a) -> int:\n        \
                  return [i async for i in a]  # done\n";
        let rs = "/// Doc `code`\n#[derive(Debug)]\nstruct S<'a> { x: &'a str }\n\
                  macro_rules! m { ($e:expr) => { println!(\"{}\", $e) }; }\n\
                  fn f() -> Result<(), Box<dyn Error>> { let r = r#\"raw\"#; let b = b'x'; Ok(()) }\n";
        code.push((py.to_string(), Lang::Python));
        code.push((rs.to_string(), Lang::Rust));
        for (code, lang) in &code {
            assert_eq!(
                trimmed.highlight(code, *lang),
                full.highlight(code, *lang),
                "{code}"
            );
        }
    }

    #[test]
    fn the_disk_cache_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path());
        let h = Highlighter::new().unwrap();
        let code = "def f(x):\n    return x  # same\n";
        assert!(cache.get(code, Lang::Python).is_none());
        assert!(!cache.contains(code, Lang::Python));
        let fresh = h.highlight_cached(code, Lang::Python, Some(&cache));
        assert_eq!(cache.get(code, Lang::Python), Some(fresh.clone()));
        assert!(cache.contains(code, Lang::Python));
        assert!(cache.get(code, Lang::Rust).is_none(), "keyed by language");
        assert!(!cache.contains(code, Lang::Rust));
        assert_eq!(h.highlight_cached(code, Lang::Python, Some(&cache)), fresh);
    }

    #[test]
    fn quiz_code_marks_gaps_and_keeps_reorder_lines() {
        use crate::content::quiz::{Cloze, Gap, Recall, Reorder};
        let cloze = |lang, text: &str| {
            QuizItem::Cloze(Cloze {
                question: "q".into(),
                text: text.into(),
                lang,
                gaps: vec![Gap {
                    accept: vec!["a".into()],
                    case_sensitive: None,
                }],
                explanation: "e".into(),
            })
        };
        let (key, code, lang) = quiz_source(&cloze(CodeLang::Rust, "let x = {{1}};\n")).unwrap();
        assert_eq!(key, (CodeLang::Rust, "let x = {{1}};\n".to_string()));
        assert_eq!((code.as_str(), lang), ("let x = __gap1__;\n", Lang::Rust));
        assert_eq!(
            quiz_key(&cloze(CodeLang::Rust, "let x = {{1}};\n")),
            Some(key)
        );
        // Text is not highlighted; code that already looks like a mark is left plain.
        assert!(quiz_source(&cloze(CodeLang::Text, "the {{1}}")).is_none());
        assert!(quiz_source(&cloze(CodeLang::Python, "__gap1__ = {{1}}")).is_none());
        let reorder = QuizItem::Reorder(Reorder {
            question: "q".into(),
            code: "a = 1\n\n  b = 2  \n".into(),
            lang: CodeLang::Python,
            explanation: "e".into(),
        });
        let (_, code, _) = quiz_source(&reorder).unwrap();
        assert_eq!(code, "a = 1\n  b = 2");
        let recall = QuizItem::Recall(Recall {
            question: "q".into(),
            points: Vec::new(),
            model_answer: "m".into(),
            explanation: "e".into(),
            examples: crate::content::RecallExamples::default(),
            misconceptions: Vec::new(),
        });
        assert!(quiz_source(&recall).is_none() && quiz_key(&recall).is_none());
    }

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let h = Highlighter::new().unwrap();
        let text = h.highlight("x = '\u{1b}[31m'\n", Lang::Python);
        let all: String = text.lines[0]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(!all.contains('\u{1b}'));
        assert!(all.contains("\\u{1b}[31m"));
    }
}
