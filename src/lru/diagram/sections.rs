//! The sections of the drawing and how they give way to fit a height: the log first,
//! then the map, then the tail of the list.

use ratatui::text::{Line, Span};

use super::Form;
use super::mark::{Mark, Painter};

/// The sections of the drawing, before they are fitted to the height.
pub(super) struct Sections {
    pub(super) header: Vec<Line<'static>>,
    pub(super) list: Section,
    pub(super) map: Section,
    pub(super) log: Section,
}

pub(super) struct Section {
    pub(super) title: Option<Line<'static>>,
    pub(super) rows: Vec<Line<'static>>,
    /// What to show instead of rows that do not fit, given how many were left out.
    pub(super) more: fn(usize) -> String,
    /// Rows come in groups of this many (a row of boxes is 4 lines): a cut keeps groups whole.
    pub(super) unit: usize,
}

impl Section {
    /// The section in at most `room` lines (none when even the first row cannot fit).
    pub(super) fn fit(self, room: usize, paint: Painter) -> Vec<Line<'static>> {
        let title = usize::from(self.title.is_some());
        let total = title + self.rows.len();
        if room <= title || (self.rows.is_empty() && title == 0) {
            return Vec::new();
        }
        let mut out: Vec<Line<'static>> = self.title.into_iter().collect();
        if total <= room {
            out.extend(self.rows);
            return out;
        }
        let unit = self.unit.max(1);
        let shown = (room - title - 1) / unit * unit;
        let hidden = self.rows.len() - shown;
        out.extend(self.rows.into_iter().take(shown));
        out.push(Line::from(Span::styled(
            (self.more)(hidden),
            paint.style(Mark::Dim),
        )));
        out
    }
}

/// Fits the sections to `height`, in display order: header, list, map, log. Room goes
/// to the header, then the list, the map and the log; the full form puts a blank line
/// before each section while there is room for it.
pub(super) fn fit(s: Sections, form: Form, height: usize, paint: Painter) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = s.header.into_iter().take(height).collect();
    let gap = usize::from(form != Form::Compact);
    let mut room = height - out.len();
    let mut parts: Vec<Vec<Line<'static>>> = Vec::new();
    for section in [s.list, s.map, s.log] {
        let want = room.saturating_sub(gap);
        let lines = section.fit(want, paint);
        room -= (lines.len() + gap).min(room);
        parts.push(lines);
    }
    for part in parts {
        if part.is_empty() {
            continue;
        }
        if gap == 1 {
            out.push(Line::default());
        }
        out.extend(part);
    }
    out
}
