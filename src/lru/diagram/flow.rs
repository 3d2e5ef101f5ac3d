//! Lines built from pieces that wrap as a unit, laid out greedily over a width.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::mark::{Mark, Painter};

/// One line being built, with its width in cells (everything drawn here is ASCII).
#[derive(Default)]
pub(super) struct Row {
    pub(super) spans: Vec<Span<'static>>,
    pub(super) width: usize,
}

impl Row {
    pub(super) fn push(&mut self, text: impl Into<String>, style: Style) {
        let text = text.into();
        self.width += text.chars().count();
        self.spans.push(Span::styled(text, style));
    }

    pub(super) fn line(self) -> Line<'static> {
        Line::from(self.spans)
    }
}

/// A piece that wraps as a unit: a node, a map entry, a counter with its name.
pub(super) struct Piece {
    pub(super) parts: Vec<(String, Mark)>,
}

impl Piece {
    pub(super) fn new(text: impl Into<String>, mark: Mark) -> Self {
        Self {
            parts: vec![(text.into(), mark)],
        }
    }

    pub(super) fn with(mut self, text: impl Into<String>, mark: Mark) -> Self {
        self.parts.push((text.into(), mark));
        self
    }

    pub(super) fn width(&self) -> usize {
        self.parts.iter().map(|(t, _)| t.chars().count()).sum()
    }
}

/// Words of `text` as pieces, so a long phrase wraps between words.
pub(super) fn words(text: &str, mark: Mark) -> impl Iterator<Item = Piece> + '_ {
    text.split(' ').map(move |w| Piece::new(w, mark))
}

/// Lays `pieces` out greedily, separated by `gap`, over lines of `width`; the first line
/// starts with `first`, later ones with `indent`.
pub(super) fn flow(
    pieces: &[Piece],
    gap: &str,
    first: &str,
    indent: &str,
    width: usize,
    paint: Painter,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut row = Row::default();
    row.push(first, paint.style(Mark::Dim));
    let mut empty = true;
    for piece in pieces {
        if !empty && row.width + gap.len() + piece.width() > width {
            lines.push(std::mem::take(&mut row).line());
            row.push(indent, Style::new());
            empty = true;
        }
        if !empty {
            row.push(gap, paint.style(Mark::Dim));
        }
        for (text, mark) in &piece.parts {
            row.push(text.clone(), paint.style(*mark));
        }
        empty = false;
    }
    lines.push(row.line());
    lines
}
