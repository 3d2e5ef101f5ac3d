//! The Anki export: every card as one note in Anki's text-import format.
//!
//! The file starts with Anki's header lines (`#separator:tab`, `#html:true`,
//! `#notetype:Basic`, the deck, `#tags column`, `#guid column`); each row is one note:
//! its guid, front, back, tags (and, when several decks are exported, its deck). The
//! guid is `tutor/<deck>/<card>`, so importing the file again updates the same notes in
//! place instead of adding copies. Rows are written by the `csv` crate, which quotes a
//! field holding a tab, a quote or a line break, as Anki's importer expects.
//!
//! - Front: the question (Markdown as HTML).
//! - Back: the spoken two-minute answer (the explanation when a card has none yet),
//!   the Python solution highlighted as HTML with inline styles (a behavioural card's
//!   STAR outline instead), and the key points.
//! - Tags: the card's topic and tags.
//!
//! Deck text is untrusted: Markdown's raw HTML is escaped (`markdown::to_html`), code is
//! escaped span by span, so nothing from a deck becomes markup in a note.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Text;

use crate::content::{Card, Deck, Library};
use crate::highlight::{Highlighter, Lang};
use crate::markdown;

/// One note of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub guid: String,
    pub deck: String,
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
}

/// The Anki deck a tutor deck's notes go into: `tutor::<deck id>`, a subdeck of one
/// `tutor` deck.
pub fn deck_name(deck: &Deck) -> String {
    format!("tutor::{}", deck.meta.id)
}

/// The notes of `decks`' cards, in deck and card order.
pub fn notes<'a>(
    decks: impl IntoIterator<Item = &'a Deck>,
    highlighter: &Highlighter,
) -> Vec<Note> {
    decks
        .into_iter()
        .flat_map(|deck| deck.cards.iter().map(move |card| (deck, card)))
        .map(|(deck, card)| note(deck, card, highlighter))
        .collect()
}

/// The decks to export: the one named, or all of them; `None` when no deck has that id.
pub fn decks<'a>(library: &'a Library, id: Option<&str>) -> Option<Vec<&'a Deck>> {
    match id {
        None => Some(library.decks.iter().collect()),
        Some(id) => library
            .decks
            .iter()
            .find(|d| d.meta.id == id)
            .map(|d| vec![d]),
    }
}

fn note(deck: &Deck, card: &Card, highlighter: &Highlighter) -> Note {
    let mut back = String::new();
    match &card.spoken {
        Some(spoken) => {
            back.push_str("<h3>In two minutes</h3>\n");
            back.push_str(&markdown::to_html(spoken));
        }
        None => {
            back.push_str("<h3>Explanation</h3>\n");
            back.push_str(&markdown::to_html(&card.explanation));
        }
    }
    if let Some(python) = card.python() {
        back.push_str("<h3>Python</h3>\n");
        back.push_str(&code_html(
            &highlighter.highlight(&python.solution, Lang::Python),
        ));
    }
    if let Some(star) = &card.star {
        back.push_str("<h3>A STAR outline</h3>\n");
        for (label, text) in [
            ("Situation", &star.situation),
            ("Task", &star.task),
            ("Action", &star.action),
            ("Result", &star.result),
        ] {
            let _ = writeln!(back, "<h4>{label}</h4>");
            back.push_str(&markdown::to_html(text));
        }
    }
    back.push_str("<h3>Key points</h3>\n<ul>\n");
    for point in &card.key_points {
        back.push_str("<li>");
        back.push_str(markdown::to_html(point).trim_end());
        back.push_str("</li>\n");
    }
    back.push_str("</ul>\n");
    let mut tags = vec![card.topic.clone()];
    for tag in &card.tags {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    Note {
        guid: format!("tutor/{}/{}", deck.meta.id, card.id),
        deck: deck_name(deck),
        front: format!(
            "<h3>{}</h3>\n{}",
            escape(&card.title),
            markdown::to_html(&card.prompt)
        ),
        back,
        tags,
    }
}

/// Highlighted code as a `<pre>` with one inline-styled `<span>` a token: no style
/// sheet, so the colours survive Anki's import and any card template.
fn code_html(text: &Text<'_>) -> String {
    let mut out = String::from(
        "<pre style=\"text-align: left; background: #f6f8fa; color: #24292e; \
         padding: 0.5em; overflow-x: auto\"><code>",
    );
    for (i, line) in text.lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for span in &line.spans {
            let css = css(span.style);
            if css.is_empty() {
                out.push_str(&escape(&span.content));
            } else {
                let _ = write!(
                    out,
                    "<span style=\"{css}\">{}</span>",
                    escape(&span.content)
                );
            }
        }
    }
    out.push_str("</code></pre>\n");
    out
}

/// A highlight style as inline CSS. The theme names terminal palette colours; on a
/// card's light background they are shown as these darker tones (readable in Anki's
/// night mode too, which inverts the page but keeps inline colours).
fn css(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(colour) = style.fg.and_then(hex) {
        parts.push(format!("color: {colour}"));
    }
    if style.add_modifier.contains(Modifier::BOLD) {
        parts.push("font-weight: bold".to_string());
    }
    if style.add_modifier.contains(Modifier::ITALIC) {
        parts.push("font-style: italic".to_string());
    }
    parts.join("; ")
}

fn hex(colour: Color) -> Option<String> {
    let rgb = match colour {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Red | Color::LightRed => (0xb3, 0x1d, 0x28),
        Color::Green | Color::LightGreen => (0x22, 0x86, 0x3a),
        Color::Yellow | Color::LightYellow => (0x9a, 0x6e, 0x00),
        Color::Blue | Color::LightBlue => (0x00, 0x5c, 0xc5),
        Color::Magenta | Color::LightMagenta => (0x6f, 0x42, 0xc1),
        Color::Cyan | Color::LightCyan => (0x1b, 0x7c, 0x83),
        Color::Gray | Color::DarkGray => (0x6a, 0x73, 0x7d),
        _ => return None,
    };
    Some(format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2))
}

/// Text as HTML text: `&`, `<`, `>` and quotes escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `notes` in Anki's text-import format. With one deck its name is a header
/// (`#deck:`); with several, each row names its own (`#deck column:`).
pub fn write(notes: &[Note], out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let one_deck = notes.windows(2).all(|w| w[0].deck == w[1].deck);
    writeln!(out, "#separator:tab")?;
    writeln!(out, "#html:true")?;
    writeln!(out, "#notetype:Basic")?;
    if let (true, Some(first)) = (one_deck, notes.first()) {
        writeln!(out, "#deck:{}", first.deck)?;
    } else {
        writeln!(out, "#deck column:5")?;
    }
    writeln!(out, "#guid column:1")?;
    writeln!(out, "#tags column:4")?;
    let mut rows = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .has_headers(false)
        .flexible(true)
        .from_writer(out);
    for note in notes {
        let tags = note.tags.join(" ");
        let mut row = vec![note.guid.as_str(), &note.front, &note.back, &tags];
        if !one_deck {
            row.push(&note.deck);
        }
        rows.write_record(&row).map_err(io::Error::other)?;
    }
    rows.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exported() -> (Vec<Note>, String) {
        let library = crate::content::bundled_library();
        let highlighter = Highlighter::new().unwrap();
        let notes = notes(&library.decks, &highlighter);
        let mut out = Vec::new();
        write(&notes, &mut out).unwrap();
        (notes, String::from_utf8(out).unwrap())
    }

    #[test]
    fn every_card_is_one_note_with_a_stable_guid_and_anki_headers() {
        let library = crate::content::bundled_library();
        let (notes, text) = exported();
        assert_eq!(notes.len(), library.card_count());
        let lru = notes
            .iter()
            .find(|n| n.guid == "tutor/amazon-python/lru-cache")
            .unwrap();
        assert_eq!(lru.deck, "tutor::amazon-python");
        assert!(lru.front.contains("LRU"), "{}", lru.front);
        assert!(
            lru.back.contains("<span style=\"color: #"),
            "highlighted code"
        );
        assert!(lru.back.contains("<h3>Key points</h3>"));
        assert_eq!(lru.tags[0], "data-structures");
        let header: Vec<&str> = text.lines().take(6).collect();
        assert_eq!(
            header,
            [
                "#separator:tab",
                "#html:true",
                "#notetype:Basic",
                "#deck:tutor::amazon-python",
                "#guid column:1",
                "#tags column:4"
            ]
        );
        // The same export twice is the same file: guids and text do not depend on time.
        assert_eq!(exported().1, text);
    }

    #[test]
    fn rows_read_back_as_four_fields() {
        let (notes, text) = exported();
        let body = text.lines().skip(6).collect::<Vec<_>>().join("\n");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(false)
            .from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), notes.len());
        for (row, note) in rows.iter().zip(&notes) {
            assert_eq!(row.len(), 4);
            assert_eq!(&row[0], note.guid);
            assert_eq!(
                &row[2], note.back,
                "code's tabs and line breaks survive quoting"
            );
        }
    }

    #[test]
    fn deck_text_never_becomes_markup() {
        assert_eq!(escape("<b>&'\""), "&lt;b&gt;&amp;&#39;&quot;");
        let highlighter = Highlighter::new().unwrap();
        let html = code_html(&highlighter.highlight("x = '<script>'", Lang::Python));
        assert!(
            !html.contains("<script>") && html.contains("&lt;script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn several_decks_name_each_row_s_deck() {
        let notes = vec![
            Note {
                guid: "a".into(),
                deck: "tutor::one".into(),
                front: "f".into(),
                back: "b".into(),
                tags: vec!["t".into()],
            },
            Note {
                guid: "b".into(),
                deck: "tutor::two".into(),
                front: "f".into(),
                back: "b".into(),
                tags: vec![],
            },
        ];
        let mut out = Vec::new();
        write(&notes, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("#deck column:5\n") && !text.contains("#deck:"),
            "{text}"
        );
        assert!(text.ends_with("b\tf\tb\t\ttutor::two\n"), "{text}");
    }
}
