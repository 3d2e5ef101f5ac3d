//! Card text is Markdown: prompts, explanations, key points and quiz questions use
//! `` `code` ``, `**bold**`, `*italics*`, lists (some nested), paragraphs and the odd
//! fenced or indented code block. This turns it into styled ratatui lines, one per
//! paragraph, list item or code line, left for `wrap` to wrap at the pane's width.
//!
//! Parsing is `CommonMark` (pulldown-cmark) with no extensions, so a table or a
//! strikethrough stays plain text. Raw HTML is shown as the text it is, never
//! interpreted: the decks write `Rc<RefCell<Node>>` and `Box<dyn Trait>` outside
//! backticks, and those must read as written. Every piece of text the parser hands back
//! passes through [`sanitize`] (an entity such as `&#27;` becomes ESC only after
//! parsing), so no deck can reach the terminal with a control sequence.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::text::sanitize;

/// How each kind of Markdown text is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Styles {
    pub strong: Style,
    pub emphasis: Style,
    /// Inline `code`.
    pub code: Style,
    /// Lines of a fenced or indented code block (when not highlighted).
    pub code_block: Style,
    pub heading: Style,
    pub link: Style,
    /// List bullets and numbers, the bar of a block quote.
    pub marker: Style,
}

impl Styles {
    /// Modifiers only (no colour): bold, italics and underlined links still show.
    pub fn modifiers() -> Self {
        Self {
            strong: Style::new().add_modifier(Modifier::BOLD),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            heading: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            ..Self::default()
        }
    }
}

/// Highlights a fenced block's code given its info string (`python`, `rust`, ...);
/// `None` when it does not know the language, and the block is drawn plain.
pub type CodeHighlighter<'a> = &'a dyn Fn(&str, &str) -> Option<Vec<Line<'static>>>;

/// `markdown` as lines: paragraphs joined into one line each, a blank line between
/// blocks, list items behind `•` (nested: `◦`, `▪`) or their number.
pub fn lines(markdown: &str, styles: &Styles) -> Vec<Line<'static>> {
    Renderer::new(styles, None, None).run(markdown)
}

/// [`lines`], with fenced code blocks highlighted by `highlight` where it can.
pub fn lines_highlighted(
    markdown: &str,
    styles: &Styles,
    highlight: CodeHighlighter<'_>,
) -> Vec<Line<'static>> {
    Renderer::new(styles, Some(highlight), None).run(markdown)
}

/// The fenced code blocks of `markdown`: each one's language (the info string's first
/// word) and code, exactly as [`lines_highlighted`] asks its highlighter about them.
pub fn fenced_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((first_word(&info), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, code)) = &mut open {
                    code.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, code)) = open.take() {
                    out.push((lang, code.trim_end_matches('\n').to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

fn first_word(info: &str) -> String {
    info.split_whitespace().next().unwrap_or("").to_string()
}

/// `markdown` as one list item: the first line behind `marker`, the others indented
/// to line up after it.
pub fn item(markdown: &str, marker: &str, styles: &Styles) -> Vec<Line<'static>> {
    Renderer::new(styles, None, Some(marker)).run(markdown)
}

/// `markdown` on one line (for a quiz option or a one-line fact): its lines joined by
/// a space.
pub fn inline(markdown: &str, styles: &Styles) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    for line in lines(markdown, styles) {
        if line.spans.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Span::raw(" "));
        }
        out.extend(line.spans);
    }
    out
}

/// `markdown` as HTML, for another program to show (the Anki export). Deck text is
/// untrusted: raw HTML in it is written as text (escaped), never passed through, so a
/// card cannot put a `<script>` or a style into the note.
pub fn to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::empty()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// `markdown` as plain text with no markup characters (and sanitized), one line per
/// rendered line.
pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for (i, line) in lines(markdown, &Styles::default()).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for span in &line.spans {
            out.push_str(&span.content);
        }
    }
    out
}

/// How many lists and block quotes inside one another are drawn; deeper ones are
/// drawn at this depth.
const MAX_DEPTH: usize = 16;

/// A container a line can be inside: a list item or a block quote. Its first line
/// starts with `first` (the bullet), the rest with `rest` (as wide, blank).
struct Container {
    first: Option<String>,
    rest: String,
}

/// One list: the next number for an ordered list, and whether its items are
/// separated by blank lines (a "loose" list, whose items hold paragraphs).
struct List {
    next: Option<u64>,
    loose: bool,
}

struct Renderer<'a> {
    styles: &'a Styles,
    highlight: Option<CodeHighlighter<'a>>,
    out: Vec<Line<'static>>,
    /// The line being built, and whether it has started (its prefix is in it).
    line: Vec<Span<'static>>,
    open: bool,
    inline: Vec<Style>,
    containers: Vec<Container>,
    /// Containers nested past [`MAX_DEPTH`], counted only.
    hidden: usize,
    /// Containers whose bullet is still to be drawn.
    pending: usize,
    lists: Vec<List>,
    /// Open bulleted (unordered) lists.
    bullet_lists: usize,
    /// A block ended: the next block starts after a blank line.
    blank: bool,
    code: Option<(String, String)>,
    links: Vec<(String, usize)>,
    /// For each open emphasis: the underscores it was written with, shown as text
    /// (`None`: written with `*`, styled).
    underscores: Vec<Option<&'static str>>,
}

impl<'a> Renderer<'a> {
    fn new(
        styles: &'a Styles,
        highlight: Option<CodeHighlighter<'a>>,
        marker: Option<&str>,
    ) -> Self {
        let containers: Vec<Container> = marker
            .map(|m| Container {
                first: Some(m.to_string()),
                rest: " ".repeat(width(m)),
            })
            .into_iter()
            .collect();
        Self {
            styles,
            highlight,
            out: Vec::new(),
            line: Vec::new(),
            open: false,
            inline: Vec::new(),
            pending: containers.len(),
            containers,
            hidden: 0,
            lists: Vec::new(),
            bullet_lists: 0,
            blank: false,
            code: None,
            links: Vec::new(),
            underscores: Vec::new(),
        }
    }

    fn run(mut self, markdown: &str) -> Vec<Line<'static>> {
        for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
            // Underscores never emphasise: card text is full of Python names such as
            // `__init__` written without backticks, which CommonMark would make bold.
            let underscore = markdown.get(range).is_some_and(|s| s.starts_with('_'));
            match event {
                Event::Start(Tag::Emphasis | Tag::Strong) if underscore => {
                    let delimiter = if matches!(event, Event::Start(Tag::Strong)) {
                        "__"
                    } else {
                        "_"
                    };
                    self.text(delimiter, self.style());
                    self.underscores.push(Some(delimiter));
                    continue;
                }
                Event::Start(Tag::Emphasis | Tag::Strong) => self.underscores.push(None),
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                    if let Some(delimiter) = self.underscores.pop().flatten() {
                        self.text(delimiter, self.style());
                        continue;
                    }
                }
                _ => {}
            }
            self.event(event);
        }
        // An empty text still shows the marker it was given.
        if self.out.is_empty() && self.containers.first().is_some_and(|c| c.first.is_some()) {
            self.open_line();
        }
        self.end_line();
        self.out
    }

    /// The style of inline text here: every open emphasis, link and heading.
    fn style(&self) -> Style {
        self.inline.last().copied().unwrap_or_default()
    }

    /// Opens an inline style; the stack holds each level's combined style, so deep
    /// nesting costs nothing per character.
    fn push_style(&mut self, style: Style) {
        let combined = self.style().patch(style);
        self.inline.push(combined);
    }

    /// Opens a list item or block quote. Past [`MAX_DEPTH`] containers are only
    /// counted: a hostile deck may nest thousands, and no pane is that wide.
    fn push_container(&mut self, container: Container) {
        if self.containers.len() < MAX_DEPTH {
            if container.first.is_some() {
                self.pending += 1;
            }
            self.containers.push(container);
        } else {
            self.hidden += 1;
        }
    }

    fn pop_container(&mut self) {
        if self.hidden > 0 {
            self.hidden -= 1;
        } else if let Some(c) = self.containers.pop()
            && c.first.is_some()
        {
            self.pending -= 1;
        }
    }

    /// Starts the current line with the containers' prefix, if not yet started.
    fn open_line(&mut self) {
        if self.open {
            return;
        }
        self.open = true;
        let mut prefix = String::new();
        for c in &mut self.containers {
            match c.first.take() {
                Some(first) => {
                    prefix.push_str(&first);
                    self.pending -= 1;
                }
                None => prefix.push_str(&c.rest),
            }
        }
        if !prefix.is_empty() {
            self.line.push(Span::styled(prefix, self.styles.marker));
        }
    }

    fn end_line(&mut self) {
        if self.open {
            self.out.push(Line::from(std::mem::take(&mut self.line)));
            self.open = false;
        }
    }

    /// A new block: the line before it ends, and a blank line separates it from the
    /// block before (but not from the bullet that starts its list item).
    fn start_block(&mut self) {
        self.end_line();
        let at_bullet = self.pending > 0;
        if self.blank && !self.out.is_empty() && !at_bullet {
            self.blank_line();
        }
        self.blank = false;
    }

    fn blank_line(&mut self) {
        let bars: String = self
            .containers
            .iter()
            .map(|c| if c.rest.starts_with('│') { "│" } else { "" })
            .collect();
        self.out.push(if bars.is_empty() {
            Line::default()
        } else {
            Line::from(Span::styled(bars, self.styles.marker))
        });
    }

    /// Text in `style`, sanitized; a newline in it (in HTML) starts a new line.
    fn text(&mut self, text: &str, style: Style) {
        let clean = sanitize(text);
        for (i, piece) in clean.split('\n').enumerate() {
            if i > 0 {
                self.end_line();
            }
            if !piece.is_empty() {
                self.open_line();
                match self.line.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(piece),
                    _ => self.line.push(Span::styled(piece.to_string(), style)),
                }
            }
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.code_block(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, self.style()),
            Event::Code(t) => {
                let style = self.style().patch(self.styles.code);
                self.text(&t, style);
            }
            // HTML is shown as written (`<dyn Trait>` is Rust, not a tag); the others are
            // not enabled (no extensions) and kept as text should a parser send them.
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::FootnoteReference(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                self.text(&t, self.style());
            }
            Event::SoftBreak => {
                if self.open {
                    self.line.push(Span::styled(" ", self.style()));
                }
            }
            Event::HardBreak => self.end_line(),
            Event::Rule => {
                self.start_block();
                self.open_line();
                self.line
                    .push(Span::styled("────────".to_string(), self.styles.marker));
                self.end_line();
                self.blank = true;
            }
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, self.style());
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if let Some(list) = self.lists.last_mut()
                    && self.containers.last().is_some_and(|c| c.first.is_some())
                {
                    list.loose = true;
                }
                self.start_block();
            }
            Tag::Heading { .. } => {
                self.start_block();
                self.push_style(self.styles.heading);
            }
            Tag::BlockQuote(_) => {
                self.start_block();
                self.push_container(Container {
                    first: None,
                    rest: "│ ".to_string(),
                });
            }
            Tag::CodeBlock(kind) => {
                self.start_block();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => first_word(&info),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(first) => {
                if self.lists.is_empty() {
                    self.start_block();
                } else {
                    // A nested list starts on its own line, right under the item's text.
                    self.end_line();
                    self.blank = false;
                }
                self.bullet_lists += usize::from(first.is_none());
                self.lists.push(List {
                    next: first,
                    loose: false,
                });
            }
            Tag::Item => {
                self.end_line();
                // Bullets change with the depth of bulleted lists only.
                let depth = self.bullet_lists.saturating_sub(1);
                let loose = self.lists.last().is_some_and(|l| l.loose);
                if self.blank && loose && !self.out.is_empty() {
                    self.blank_line();
                }
                self.blank = false;
                let marker = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
                    Some(n) => {
                        let m = format!("{n}. ");
                        *n = n.saturating_add(1);
                        m
                    }
                    None => match depth {
                        0 => "• ",
                        1 => "◦ ",
                        _ => "▪ ",
                    }
                    .to_string(),
                };
                self.push_container(Container {
                    rest: " ".repeat(width(&marker)),
                    first: Some(marker),
                });
            }
            Tag::Emphasis => self.push_style(self.styles.emphasis),
            Tag::Strong => self.push_style(self.styles.strong),
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                self.push_style(Style::new());
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.push_style(self.styles.link);
                self.links.push((dest_url.to_string(), self.text_len()));
            }
            // HTML blocks show as text; the rest is not enabled, but its text would show.
            Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.start_block(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.inline.pop();
                self.end_line();
                self.blank = true;
            }
            TagEnd::BlockQuote(_) => {
                self.end_line();
                self.pop_container();
                self.blank = true;
            }
            TagEnd::List(_) => {
                self.end_line();
                if self.lists.pop().is_some_and(|l| l.next.is_none()) {
                    self.bullet_lists -= 1;
                }
                self.blank = self.lists.is_empty() || self.blank;
            }
            TagEnd::Item => {
                // An empty item still shows its bullet.
                if self.hidden == 0 && self.containers.last().is_some_and(|c| c.first.is_some()) {
                    self.open_line();
                }
                self.end_line();
                self.pop_container();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.inline.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.inline.pop();
                if let Some((url, start)) = self.links.pop() {
                    let shown: String = self.line_text_from(start);
                    if !url.is_empty() && shown != url {
                        self.text(&format!(" <{url}>"), self.styles.link);
                    }
                }
            }
            TagEnd::CodeBlock => {}
            TagEnd::Paragraph
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {
                self.end_line();
                self.blank = true;
            }
        }
    }

    /// Characters of the current line so far (to find a link's text afterwards).
    fn text_len(&self) -> usize {
        self.line.iter().map(|s| s.content.len()).sum()
    }

    fn line_text_from(&self, start: usize) -> String {
        let all: String = self.line.iter().map(|s| s.content.as_ref()).collect();
        all.get(start..).unwrap_or("").to_string()
    }

    /// A finished code block: highlighted when its language is known, else in the code
    /// block style; indented two columns under the text around it.
    fn code_block(&mut self) {
        let Some((lang, code)) = self.code.take() else {
            return;
        };
        let code = code.trim_end_matches('\n');
        let highlighted = self
            .highlight
            .filter(|_| !lang.is_empty())
            .and_then(|h| h(code, &lang));
        let rows: Vec<Line<'static>> = highlighted.unwrap_or_else(|| {
            sanitize(code)
                .split('\n')
                .map(|l| Line::from(Span::styled(l.to_string(), self.styles.code_block)))
                .collect()
        });
        for row in rows {
            self.open_line();
            self.line.push(Span::raw("  "));
            self.line.extend(row.spans);
            self.end_line();
        }
        self.blank = true;
    }
}

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn styles() -> Styles {
        Styles {
            code: Style::new().fg(Color::Yellow),
            code_block: Style::new().fg(Color::Cyan),
            ..Styles::modifiers()
        }
    }

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn style_of(lines: &[Line<'_>], word: &str) -> Style {
        lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.content.contains(word))
            .map_or_else(|| panic!("no span holds {word:?}"), |s| s.style)
    }

    #[test]
    fn bold_italics_and_code_are_styled_without_their_markup() {
        let out = lines("Use **a dict** and *not* `list.index`.", &styles());
        assert_eq!(texts(&out), ["Use a dict and not list.index."]);
        assert!(
            style_of(&out, "a dict")
                .add_modifier
                .contains(Modifier::BOLD)
        );
        assert!(
            style_of(&out, "not")
                .add_modifier
                .contains(Modifier::ITALIC)
        );
        assert_eq!(style_of(&out, "list.index").fg, Some(Color::Yellow));
        // Nested: code inside bold keeps both.
        let out = lines("**see `x`**", &styles());
        let s = style_of(&out, "x");
        assert_eq!(s.fg, Some(Color::Yellow));
        assert!(s.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn underscores_stay_text_and_stars_emphasise() {
        let md = "Override __setitem__ and __init__, not _private_; *this* and **that**.";
        let out = lines(md, &styles());
        assert_eq!(
            texts(&out),
            ["Override __setitem__ and __init__, not _private_; this and that."]
        );
        assert_eq!(style_of(&out, "__setitem__"), Style::new());
        assert!(
            style_of(&out, "this")
                .add_modifier
                .contains(Modifier::ITALIC)
        );
        // Nested: a star inside underscores still emphasises.
        let out = lines("__a *b* c__", &styles());
        assert_eq!(texts(&out), ["__a b c__"]);
        assert!(style_of(&out, "b").add_modifier.contains(Modifier::ITALIC));
    }

    #[test]
    fn paragraphs_are_joined_and_separated_by_one_blank_line() {
        let out = lines("A long\nsentence.\n\n\n\nNext one.\nAnd more.\n", &styles());
        assert_eq!(texts(&out), ["A long sentence.", "", "Next one. And more."]);
    }

    #[test]
    fn lists_get_bullets_numbers_and_nesting() {
        let md = "Steps:\n\n1. first\n   continues\n2. second\n   - inner a\n   - inner b\n     - deeper\n3. third\n\nAfter.";
        assert_eq!(
            texts(&lines(md, &styles())),
            [
                "Steps:",
                "",
                "1. first continues",
                "2. second",
                "   • inner a",
                "   • inner b",
                "     ◦ deeper",
                "3. third",
                "",
                "After."
            ]
        );
        // Bullets at depth 1 and 2 differ from the top level.
        let out = lines("- a\n  - b\n    - c\n      - d", &styles());
        assert_eq!(texts(&out), ["• a", "  ◦ b", "    ▪ c", "      ▪ d"]);
        // A loose list keeps a blank line between items.
        let out = lines("- one\n\n- two\n", &styles());
        assert_eq!(texts(&out), ["• one", "", "• two"]);
        // An ordered list keeps its first number.
        assert_eq!(texts(&lines("3. c\n4. d", &styles())), ["3. c", "4. d"]);
    }

    #[test]
    fn code_blocks_keep_their_lines_and_indentation() {
        let md =
            "Here:\n\n```python\ndef f():\n    return 1\n```\n\nand\n\n    indented\n      code\n";
        let out = lines(md, &styles());
        assert_eq!(
            texts(&out),
            [
                "Here:",
                "",
                "  def f():",
                "      return 1",
                "",
                "and",
                "",
                "  indented",
                "    code"
            ]
        );
        assert_eq!(style_of(&out, "def f").fg, Some(Color::Cyan));
        // A highlighter is asked for fenced code with a language.
        let highlight = |code: &str, lang: &str| {
            (lang == "python").then(|| vec![Line::from(format!("HL {code}"))])
        };
        let out = lines_highlighted("```python\nx = 1\n```", &styles(), &highlight);
        assert_eq!(texts(&out), ["  HL x = 1"]);
        let out = lines_highlighted("```\nx = 1\n```", &styles(), &highlight);
        assert_eq!(texts(&out), ["  x = 1"]);
        assert_eq!(
            fenced_blocks(md),
            [("python".to_string(), "def f():\n    return 1".to_string())]
        );
    }

    #[test]
    fn html_is_shown_as_written() {
        let out = lines(
            "Use Box<dyn Trait> or Rc<RefCell<Node>>, not <b>bold</b>.\n\n<div>\nblock\n</div>",
            &styles(),
        );
        assert_eq!(
            texts(&out),
            [
                "Use Box<dyn Trait> or Rc<RefCell<Node>>, not <b>bold</b>.",
                "",
                "<div>",
                "block",
                "</div>"
            ]
        );
    }

    #[test]
    fn hostile_text_stays_escaped() {
        // Raw control characters, and ones an entity produces after parsing.
        let out = plain("a\u{1b}[2J **b\u{9b}c** `\u{7}` &#27;[31m &#x202e; \u{202e}x");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(!out.contains('\u{202e}'));
        assert!(out.contains("\\u{1b}[2J"), "{out:?}");
        assert!(out.contains("\\u{1b}[31m"), "{out:?}");
        // A code block and HTML too.
        let out = plain("```\n\u{1b}]0;title\u{7}\n```\n\n<x \u{1b}>");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        // Deep nesting and long bracket runs finish and keep the text.
        let deep = format!("{}x{}", "[".repeat(20_000), "]".repeat(20_000));
        assert!(plain(&deep).contains('x'));
        let quotes = format!("{} y", ">".repeat(50_000));
        assert!(plain(&quotes).contains('y'));
        // Deep nesting is drawn at most MAX_DEPTH levels deep (and costs no more).
        let nested = "- ".repeat(50_000) + "z";
        let out = plain(&nested);
        assert!(
            out.ends_with('z') && width(&out) <= 2 * MAX_DEPTH + 1,
            "{out:?}"
        );
        let stars = "*a **b ".repeat(5_000);
        assert!(plain(&stars).contains('b'));
    }

    #[test]
    fn plain_has_no_markup_and_inline_is_one_line() {
        let md = "**Why.** The `key` is *hashed*:\n\n- one\n- two";
        assert_eq!(plain(md), "Why. The key is hashed:\n\n• one\n• two");
        let spans = inline("a `b`\nc\n\nd", &styles());
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "a b c d");
    }

    #[test]
    fn an_item_hangs_under_its_marker() {
        let out = item("first para\n\nsecond `x`", "• ", &styles());
        assert_eq!(texts(&out), ["• first para", "", "  second x"]);
        assert_eq!(texts(&item("", "• ", &styles())), ["• "]);
    }

    #[test]
    fn links_show_their_text_and_target() {
        assert_eq!(
            plain("See [the docs](https://x.test/a) and <https://y.test>."),
            "See the docs <https://x.test/a> and https://y.test."
        );
    }
}

#[cfg(test)]
mod html_tests {
    use super::to_html;

    #[test]
    fn markdown_becomes_html_and_raw_html_stays_text() {
        assert_eq!(
            to_html("Use **a dict** and `get`"),
            "<p>Use <strong>a dict</strong> and <code>get</code></p>\n"
        );
        let html = to_html("<script>alert(1)</script> and <b onclick='x'>bold</b>");
        assert!(!html.contains("<script") && !html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        let block = to_html("<div>\nraw block\n</div>\n");
        assert!(!block.contains("<div>"), "{block}");
    }
}
