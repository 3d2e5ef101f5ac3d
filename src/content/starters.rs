//! Where each card's starters are written, for the checks that hand them to Python or
//! `rustc` (`tutor check`): a compiler names a line and column of the starter, and the
//! problem must name the line and column of the deck file.

use super::CardId;

/// One card's starter in one language, and where its text sits in the deck file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarterSite {
    pub card: CardId,
    /// Where the card's id is (its [`super::CardLocation`] in `file`).
    pub card_at: (usize, usize),
    /// `python` or `rust`.
    pub lang: &'static str,
    pub file: String,
    /// The `starter:` key, where a problem goes when the text's own position is unknown.
    pub key: (usize, usize),
    /// Line 1, column 1 of the starter's text in the file, when it is a literal block
    /// (`starter: |`): line n of the text is then file line `body.0 + n - 1`, and column
    /// c is `body.1 + c - 1`. Any other style (quoted, folded) moves or joins lines.
    pub body: Option<(usize, usize)>,
}

impl StarterSite {
    /// `python.starter` or `rust.starter`.
    pub fn field(&self) -> String {
        format!("{}.starter", self.lang)
    }

    /// The file position of `line` and `col` (from 1) of the starter's text; the key's
    /// when the text is not a literal block.
    pub fn position(&self, line: usize, col: usize) -> (usize, usize) {
        match self.body {
            Some((first, indent)) => (first + line.max(1) - 1, indent + col.max(1) - 1),
            None => self.key,
        }
    }
}

/// Where the text of the literal block whose key is on `key_line` (from 1) of `text`
/// starts, as (line, column) in `text`: the next line, at the indentation of the
/// block's first non-blank line. `None` unless the key's value is a literal block
/// without an explicit indentation (`|`, `|-` or `|+`, perhaps with a comment) that has
/// a non-blank line.
pub fn literal_block_start(text: &str, key_line: usize) -> Option<(usize, usize)> {
    let mut lines = text.lines().skip(key_line.checked_sub(1)?);
    let key = lines.next()?;
    let value = key.split_once(':')?.1.trim();
    let indicator = value.split_once('#').map_or(value, |(v, _)| v).trim_end();
    if !matches!(indicator, "|" | "|-" | "|+") {
        return None;
    }
    let first = lines.find(|l| !l.trim().is_empty())?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    Some((key_line + 1, indent + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_block_starts_on_the_next_line_at_its_indentation() {
        let text = "id: a\npython:\n  starter: |\n\n    def f():\n        ...\n  tests: x\n";
        assert_eq!(literal_block_start(text, 3), Some((4, 5)));
        let keep = "python:\n  starter: |+ # kept\n      x = 1\n";
        assert_eq!(literal_block_start(keep, 2), Some((3, 7)));
    }

    #[test]
    fn other_styles_have_no_body_position() {
        for value in ["\"def f(): ...\"", ">", "|2", "[a]", ""] {
            let text = format!("python:\n  starter: {value}\n    x\n");
            assert_eq!(literal_block_start(&text, 2), None, "{value}");
        }
        assert_eq!(literal_block_start("starter: |\n\n", 1), None);
        assert_eq!(literal_block_start("starter: |\n", 5), None);
    }

    #[test]
    fn positions_map_into_the_file() {
        let site = StarterSite {
            card: CardId("a".into()),
            card_at: (1, 1),
            lang: "rust",
            file: "a.yaml".into(),
            key: (9, 3),
            body: Some((10, 5)),
        };
        assert_eq!(site.position(1, 1), (10, 5));
        assert_eq!(site.position(3, 8), (12, 12));
        assert_eq!(site.field(), "rust.starter");
        let quoted = StarterSite { body: None, ..site };
        assert_eq!(quoted.position(3, 8), (9, 3));
    }
}
