//! The LRU lab drawn as text: the hash map (key -> slot), the recency list with its
//! links, the last operation highlighted, capacity, size, counters and a log.
//!
//! Every mark that colour carries is also in the text (`HIT`, `MISS`, `+NEW`, `~UPD`,
//! `x`), so the drawing reads the same with `NO_COLOR` and in `tutor lru --diagram`'s
//! plain output. Three forms: the full one (at least [`FULL_WIDTH`] columns) with section
//! titles, slot numbers in the list and blank lines between sections; from
//! [`WIDE_WIDTH`] on, the same with the list's nodes drawn as boxes; the compact one for
//! narrower areas, such as the lab at 80×24 or the Diagram pane next to a card. When the height is
//! short, sections give way in a fixed order: the log first, then the map, then the
//! tail of the list; the header and the last operation stay.
//!
//! Read-only and free of I/O: it only looks at a [`Lab`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use super::lab::{Event, Lab};

/// From this many columns on, the full form is drawn.
pub const FULL_WIDTH: u16 = 100;

/// From this many columns on, the full form draws the list's nodes as boxes.
pub const WIDE_WIDTH: u16 = 140;

/// How many recent operations [`plain`] lists.
const PLAIN_LOG: usize = 5;

/// The lab drawn into an area, as a ratatui widget.
#[derive(Debug, Clone, Copy)]
pub struct Diagram<'a> {
    pub lab: &'a Lab,
    /// `false` draws with text marks and bold only (`NO_COLOR`, `--color never`).
    pub color: bool,
}

impl Widget for Diagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(text(self.lab, area.width, area.height, self.color)).render(area, buf);
    }
}

/// The drawing for an area of `width` × `height` cells. Lines are at most `width` wide
/// unless a single node or number is wider (a renderer clips it), and there are at most
/// `height` of them.
pub fn text(lab: &Lab, width: u16, height: u16, color: bool) -> Text<'static> {
    let form = if width >= WIDE_WIDTH {
        Form::Wide
    } else if width >= FULL_WIDTH {
        Form::Full
    } else {
        Form::Compact
    };
    let width = usize::from(width);
    let paint = Painter {
        color,
        console: true,
    };
    let lines = draw(lab, form, width, usize::from(height), paint);
    Text::from(
        lines
            .into_iter()
            .map(|l| clip(l, width))
            .collect::<Vec<_>>(),
    )
}

/// `line` cut to `width` cells: a node or a log row wider than the area loses its end
/// rather than spilling (everything drawn here is one cell a character).
fn clip(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut room = width;
    let mut spans = Vec::new();
    for span in line.spans {
        if room == 0 {
            break;
        }
        let len = span.content.chars().count();
        if len <= room {
            room -= len;
            spans.push(span);
        } else {
            let cut: String = span.content.chars().take(room).collect();
            spans.push(Span::styled(cut, span.style));
            room = 0;
        }
    }
    Line::from(spans)
}

/// The full form as plain text at `width` columns (at least [`FULL_WIDTH`]), without a
/// height limit, the console's numbers (seed, undo, redo) or more than the last few
/// operations: what `tutor lru --script ... --diagram` prints after each operation.
pub fn plain(lab: &Lab, width: u16) -> String {
    let lines = draw(
        lab,
        Form::Full,
        usize::from(width.max(FULL_WIDTH)),
        usize::MAX,
        Painter {
            color: false,
            console: false,
        },
    );
    let mut out = String::new();
    for line in lines {
        for span in &line.spans {
            out.push_str(&span.content);
        }
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The full form with the list drawn as boxes.
    Wide,
    Full,
    Compact,
}

/// What a piece of the drawing means, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Title,
    Dim,
    /// A number in the header.
    Value,
    Hit,
    Miss,
    New,
    Updated,
    Evicted,
}

/// How to draw: with colour or not, and whether the lab's console is there (its
/// commands `fill`, `undo` and `redo` have numbers worth showing).
#[derive(Debug, Clone, Copy)]
struct Painter {
    color: bool,
    console: bool,
}

impl Painter {
    fn style(self, mark: Mark) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return match mark {
                Mark::Plain | Mark::Dim => Style::new(),
                _ => bold,
            };
        }
        match mark {
            Mark::Plain => Style::new(),
            Mark::Title => bold.fg(Color::Blue),
            Mark::Dim => Style::new().fg(Color::DarkGray),
            Mark::Value => bold,
            Mark::Hit => bold.fg(Color::Green),
            Mark::Miss => bold.fg(Color::Yellow),
            Mark::New => bold.fg(Color::Cyan),
            Mark::Updated => bold.fg(Color::Magenta),
            Mark::Evicted => bold.fg(Color::Red),
        }
    }
}

/// The mark an event's summary is drawn with.
fn event_mark(event: &Event) -> Mark {
    match event {
        Event::Hit { .. } => Mark::Hit,
        Event::Miss { .. } => Mark::Miss,
        Event::Insert { evicted: None, .. } => Mark::New,
        Event::Update { .. } => Mark::Updated,
        Event::Insert {
            evicted: Some(_), ..
        }
        | Event::Discard { .. } => Mark::Evicted,
        Event::Resize { evicted, .. } if !evicted.is_empty() => Mark::Evicted,
        Event::Resize { .. } | Event::Reset { .. } => Mark::Plain,
    }
}

/// One line being built, with its width in cells (everything drawn here is ASCII).
#[derive(Default)]
struct Row {
    spans: Vec<Span<'static>>,
    width: usize,
}

impl Row {
    fn push(&mut self, text: impl Into<String>, style: Style) {
        let text = text.into();
        self.width += text.chars().count();
        self.spans.push(Span::styled(text, style));
    }

    fn line(self) -> Line<'static> {
        Line::from(self.spans)
    }
}

/// A piece that wraps as a unit: a node, a map entry, a counter with its name.
struct Piece {
    parts: Vec<(String, Mark)>,
}

impl Piece {
    fn new(text: impl Into<String>, mark: Mark) -> Self {
        Self {
            parts: vec![(text.into(), mark)],
        }
    }

    fn with(mut self, text: impl Into<String>, mark: Mark) -> Self {
        self.parts.push((text.into(), mark));
        self
    }

    fn width(&self) -> usize {
        self.parts.iter().map(|(t, _)| t.chars().count()).sum()
    }
}

/// Words of `text` as pieces, so a long phrase wraps between words.
fn words(text: &str, mark: Mark) -> impl Iterator<Item = Piece> + '_ {
    text.split(' ').map(move |w| Piece::new(w, mark))
}

/// Lays `pieces` out greedily, separated by `gap`, over lines of `width`; the first line
/// starts with `first`, later ones with `indent`.
fn flow(
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

/// The sections of the drawing, before they are fitted to the height.
struct Sections {
    header: Vec<Line<'static>>,
    list: Section,
    map: Section,
    log: Section,
}

struct Section {
    title: Option<Line<'static>>,
    rows: Vec<Line<'static>>,
    /// What to show instead of rows that do not fit, given how many were left out.
    more: fn(usize) -> String,
    /// Rows come in groups of this many (a row of boxes is 4 lines): a cut keeps groups whole.
    unit: usize,
}

impl Section {
    /// The section in at most `room` lines (none when even the first row cannot fit).
    fn fit(self, room: usize, paint: Painter) -> Vec<Line<'static>> {
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

fn draw(lab: &Lab, form: Form, width: usize, height: usize, paint: Painter) -> Vec<Line<'static>> {
    let sections = Sections {
        header: header(lab, form, width, paint.console, paint),
        list: list(lab, form, width, paint),
        map: map(lab, form, width, paint),
        log: log(lab, form, paint),
    };
    fit(sections, form, height, paint)
}

/// Fits the sections to `height`, in display order: header, list, map, log. Room goes
/// to the header, then the list, the map and the log; the full form puts a blank line
/// before each section while there is room for it.
fn fit(s: Sections, form: Form, height: usize, paint: Painter) -> Vec<Line<'static>> {
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

fn header(
    lab: &Lab,
    form: Form,
    width: usize,
    console: bool,
    paint: Painter,
) -> Vec<Line<'static>> {
    let cache = lab.cache();
    let c = lab.counters();
    let full = form != Form::Compact;
    let mut fields = vec![
        (
            if full { "capacity" } else { "cap" },
            cache.capacity().to_string(),
        ),
        ("size", format!("{}/{}", cache.len(), cache.capacity())),
        ("hits", c.hits.to_string()),
        ("misses", c.misses.to_string()),
        (
            if full { "evictions" } else { "evicted" },
            c.evictions.to_string(),
        ),
        (
            if full { "fill seed" } else { "seed" },
            lab.next_seed().to_string(),
        ),
    ];
    if !console {
        // Without a console (`--script --diagram`) there is no fill, undo or redo.
        fields.truncate(5);
    } else if full {
        fields.push(("undo", lab.undo_depth().to_string()));
        fields.push(("redo", lab.redo_depth().to_string()));
    }
    let mut stats: Vec<Piece> = Vec::new();
    if full {
        stats.push(Piece::new("LRU cache", Mark::Title));
    }
    stats.extend(
        fields.into_iter().map(|(name, value)| {
            Piece::new(format!("{name} "), Mark::Dim).with(value, Mark::Value)
        }),
    );
    let mut last: Vec<Piece> = Vec::new();
    match lab.last() {
        Some(event) => {
            last.extend(words(&event.command().to_string(), Mark::Plain));
            last.push(Piece::new("->", Mark::Dim));
            last.extend(words(&event.outcome(), event_mark(event)));
        }
        None => last.extend(words(
            "nothing yet: try `put 1 1`, `get 1` or `help`",
            Mark::Dim,
        )),
    }
    let (gap, first) = if full { ("  ", "") } else { (" ", "") };
    let mut out = flow(&stats, gap, first, "", width, paint);
    let lead = if full { "last: " } else { "> " };
    out.extend(flow(&last, " ", lead, "  ", width, paint));
    out
}

/// The key the last operation put at the front, and how to mark it.
fn touched(event: Option<&Event>) -> Option<(i64, Mark, &'static str)> {
    match event? {
        Event::Hit { key, .. } => Some((*key, Mark::Hit, "HIT ")),
        Event::Insert { key, .. } => Some((*key, Mark::New, "+NEW ")),
        Event::Update { key, .. } => Some((*key, Mark::Updated, "~UPD ")),
        _ => None,
    }
}

/// Entries the last operation pushed out (or refused), least recent first.
fn gone(event: Option<&Event>) -> Vec<(i64, i64)> {
    match event {
        Some(Event::Insert {
            evicted: Some(entry),
            ..
        }) => vec![*entry],
        Some(Event::Resize { evicted, .. }) => evicted.clone(),
        Some(Event::Discard { key, value }) => vec![(*key, *value)],
        _ => Vec::new(),
    }
}

const LIST_TITLE: &str = "recency list: most recent first, <-> links prev/next";

fn list(lab: &Lab, form: Form, width: usize, paint: Painter) -> Section {
    if form == Form::Wide && !lab.cache().is_empty() {
        return boxed_list(lab, width, paint);
    }
    let touched = touched(lab.last());
    let mut pieces = Vec::new();
    let nodes: Vec<_> = lab.cache().iter().collect();
    let count = nodes.len();
    for (i, entry) in nodes.into_iter().enumerate() {
        let (tag, mark) = match touched {
            Some((key, mark, tag)) if key == *entry.key => (tag, mark),
            _ => ("", Mark::Plain),
        };
        let slot = match form {
            Form::Wide | Form::Full => format!("#{} ", entry.slot),
            Form::Compact => String::new(),
        };
        let link = if i + 1 < count { " <->" } else { "" };
        pieces.push(Piece::new(
            format!("[{tag}{slot}{}:{}]{link}", entry.key, entry.value),
            mark,
        ));
    }
    if count == 0 {
        pieces.push(Piece::new("(empty)", Mark::Dim));
    }
    let (mru, lru) = match form {
        Form::Wide | Form::Full => ("(most recent)", "(least recent)"),
        Form::Compact => ("MRU", "LRU"),
    };
    pieces.insert(0, Piece::new(mru, Mark::Dim));
    pieces.push(Piece::new(lru, Mark::Dim));
    let gone = gone(lab.last());
    if !gone.is_empty() {
        let what = match lab.last() {
            Some(Event::Discard { .. }) => "discarded: capacity 0",
            _ => "evicted",
        };
        for (key, value) in &gone {
            pieces.push(Piece::new(format!("x[{key}:{value}]"), Mark::Evicted));
        }
        pieces.push(Piece::new(what, Mark::Evicted));
    }
    let (title, first, indent) = match form {
        Form::Wide | Form::Full => (
            Some(Line::from(Span::styled(
                LIST_TITLE,
                paint.style(Mark::Title),
            ))),
            "  ",
            "    ",
        ),
        Form::Compact => (None, "list ", "     "),
    };
    Section {
        title,
        rows: flow(&pieces, " ", first, indent, width, paint),
        more: |n| format!("  ... {n} more lines of the list"),
        unit: 1,
    }
}

/// One node drawn as a box: a label line (mark and slot) over `key:value`.
struct NodeBox {
    label: String,
    body: String,
    mark: Mark,
}

impl NodeBox {
    fn inner(&self) -> usize {
        self.label.len().max(self.body.len())
    }

    /// Top border, label, body, bottom border, each `inner + 4` wide.
    fn lines(&self) -> [String; 4] {
        let inner = self.inner();
        let border = format!("+{}+", "-".repeat(inner + 2));
        [
            border.clone(),
            format!("| {:<inner$} |", self.label),
            format!("| {:<inner$} |", self.body),
            border,
        ]
    }
}

/// The list as rows of boxes, four lines a row, `<->` between linked nodes; what the
/// last operation pushed out follows the least recent end, crossed out.
fn boxed_list(lab: &Lab, width: usize, paint: Painter) -> Section {
    const LEAD: usize = 6;
    const LINK: &str = " <-> ";
    let touched = touched(lab.last());
    let mut boxes: Vec<NodeBox> = lab
        .cache()
        .iter()
        .map(|entry| {
            let (tag, mark) = match touched {
                Some((key, mark, tag)) if key == *entry.key => (tag, mark),
                _ => ("", Mark::Plain),
            };
            NodeBox {
                label: format!("{tag}#{}", entry.slot),
                body: format!("{}:{}", entry.key, entry.value),
                mark,
            }
        })
        .collect();
    let linked = boxes.len();
    let out = match lab.last() {
        Some(Event::Discard { .. }) => "x DISCARDED",
        _ => "x EVICTED",
    };
    boxes.extend(gone(lab.last()).into_iter().map(|(key, value)| NodeBox {
        label: out.to_string(),
        body: format!("{key}:{value}"),
        mark: Mark::Evicted,
    }));
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut i = 0;
    while i < boxes.len() {
        // As many boxes as fit after the lead column, at least one.
        let mut used = LEAD;
        let mut end = i;
        while end < boxes.len() {
            let w = boxes[end].inner() + 4 + LINK.len();
            if end > i && used + w > width {
                break;
            }
            used += w;
            end += 1;
        }
        let mut lines: [Row; 4] = Default::default();
        let lead = if i == 0 {
            "MRU"
        } else if i < linked {
            "<->"
        } else {
            ""
        };
        for (n, row) in lines.iter_mut().enumerate() {
            let text = if n == 1 { lead } else { "" };
            row.push(format!("  {text:<4}"), paint.style(Mark::Dim));
        }
        for (j, node) in boxes.iter().enumerate().take(end).skip(i) {
            for (row, text) in lines.iter_mut().zip(node.lines()) {
                row.push(text, paint.style(node.mark));
            }
            // After each box: a link, the LRU end, or a gap before the evicted ones.
            let after = match (j + 1).cmp(&linked) {
                std::cmp::Ordering::Less => LINK,
                std::cmp::Ordering::Equal => " LRU ",
                std::cmp::Ordering::Greater => "     ",
            };
            for (n, row) in lines.iter_mut().enumerate() {
                let text = if n == 1 { after } else { "     " };
                row.push(text, paint.style(Mark::Dim));
            }
        }
        rows.extend(lines.into_iter().map(Row::line));
        i = end;
    }
    Section {
        title: Some(Line::from(Span::styled(
            LIST_TITLE,
            paint.style(Mark::Title),
        ))),
        rows,
        more: |n| format!("  ... {} more rows of nodes", n / 4),
        unit: 4,
    }
}

fn map(lab: &Lab, form: Form, width: usize, paint: Painter) -> Section {
    let touched = touched(lab.last());
    let mut entries: Vec<(i64, usize)> = lab.cache().iter().map(|e| (*e.key, e.slot)).collect();
    entries.sort_unstable();
    let mut pieces: Vec<Piece> = entries
        .into_iter()
        .map(|(key, slot)| match touched {
            Some((k, mark, tag)) if k == key => {
                Piece::new(format!("{key}->#{slot} {}", tag.trim_end()), mark)
            }
            _ => Piece::new(format!("{key}->#{slot}"), Mark::Plain),
        })
        .collect();
    if let Some(Event::Miss { key }) = lab.last() {
        pieces.push(Piece::new(format!("{key}->none MISS"), Mark::Miss));
    }
    // Evicted keys were just deleted from the map; a discarded one never got in.
    if !matches!(lab.last(), Some(Event::Discard { .. })) {
        for (key, _) in gone(lab.last()) {
            pieces.push(Piece::new(format!("{key}->x"), Mark::Evicted));
        }
    }
    if pieces.is_empty() {
        pieces.push(Piece::new("(empty)", Mark::Dim));
    }
    let (title, first, indent, gap) = match form {
        Form::Wide | Form::Full => (
            Some(Line::from(Span::styled(
                "hash map: key -> #slot of its node",
                paint.style(Mark::Title),
            ))),
            "  ",
            "  ",
            "   ",
        ),
        Form::Compact => (None, "map  ", "     ", "  "),
    };
    Section {
        title,
        rows: flow(&pieces, gap, first, indent, width, paint),
        more: |n| format!("  ... {n} more lines of the map"),
        unit: 1,
    }
}

fn log(lab: &Lab, form: Form, paint: Painter) -> Section {
    let (title, indent) = match form {
        Form::Wide | Form::Full => (
            Some(Line::from(Span::styled(
                "recent operations, newest first",
                paint.style(Mark::Title),
            ))),
            "  ",
        ),
        Form::Compact => (None, "log  "),
    };
    // Without a console the output is already a sequence of operations: a few suffice.
    let limit = if paint.console { usize::MAX } else { PLAIN_LOG };
    let mut rows: Vec<Line<'static>> = lab
        .log()
        .take(limit)
        .enumerate()
        .map(|(i, event)| {
            let mut row = Row::default();
            row.push(
                if i == 0 || form != Form::Compact {
                    indent
                } else {
                    "     "
                },
                paint.style(Mark::Dim),
            );
            row.push(format!("{:<16}", event.command().to_string()), Style::new());
            row.push(event.outcome(), paint.style(event_mark(event)));
            row.line()
        })
        .collect();
    if lab.log().len() > limit {
        rows.push(Line::from(Span::styled(
            format!("  ... {} older", lab.log().len() - limit),
            paint.style(Mark::Dim),
        )));
    }
    Section {
        title,
        rows,
        more: |n| format!("  ... {n} older"),
        unit: 1,
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn lab(lines: &[&str], capacity: usize) -> Lab {
        let mut lab = Lab::new(capacity, 42);
        for line in lines {
            lab.run(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
        lab
    }

    /// `LeetCode` 146's example up to `put 4 4`: an insert that evicts.
    fn leetcode() -> Lab {
        lab(
            &["put 1 1", "put 2 2", "get 1", "put 3 3", "get 2", "put 4 4"],
            2,
        )
    }

    fn busy() -> Lab {
        let mut lab = lab(&["cap 12"], 2);
        lab.run("fill 60 7").unwrap();
        lab.run("get 5").unwrap();
        lab
    }

    /// What a terminal of `width` × `height` shows, one string per row.
    fn screen(lab: &Lab, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                frame.render_widget(Diagram { lab, color: true }, frame.area());
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let row: String = (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                row.trim_end().to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn snapshot_160_columns() {
        insta::assert_snapshot!(screen(&busy(), 160, 30));
    }

    #[test]
    fn snapshot_100_columns() {
        insta::assert_snapshot!(screen(&busy(), 100, 30));
    }

    #[test]
    fn snapshot_80_by_24() {
        insta::assert_snapshot!(screen(&busy(), 80, 24));
    }

    #[test]
    fn snapshot_leetcode_eviction_plain() {
        insta::assert_snapshot!(plain(&leetcode(), 100));
    }

    #[test]
    fn snapshot_wide_eviction() {
        insta::assert_snapshot!(screen(&leetcode(), 160, 16));
    }

    #[test]
    fn snapshot_small_pane() {
        insta::assert_snapshot!(screen(&leetcode(), 40, 8));
    }

    #[test]
    fn every_kind_of_operation_is_marked_in_text() {
        let cases: &[(&[&str], usize, &[&str])] = &[
            (
                &["put 1 1", "get 1"],
                2,
                &["[HIT #0 1:1]", "HIT 1 = 1", "1->#0 HIT"],
            ),
            (&["put 1 1", "get 9"], 2, &["MISS 9", "9->none MISS"]),
            (&["put 1 1"], 2, &["[+NEW #0 1:1]", "INSERT 1 = 1"]),
            (
                &["put 1 1", "put 1 5"],
                2,
                &["[~UPD #0 1:5]", "UPDATE 1 = 5 (was 1)"],
            ),
            (
                &["put 1 1", "put 2 2"],
                1,
                &["x[1:1] evicted", "EVICT 1 = 1", "1->x"],
            ),
            (
                &["put 1 1"],
                0,
                &["x[1:1] discarded: capacity 0", "DISCARD"],
            ),
            (
                &["put 1 1", "put 2 2", "cap 0"],
                2,
                &["x[1:1] x[2:2] evicted", "RESIZE 2 to 0"],
            ),
        ];
        for (lines, capacity, expected) in cases {
            let drawn = plain(&lab(lines, *capacity), 100);
            for needle in *expected {
                assert!(
                    drawn.contains(needle),
                    "{lines:?}: no {needle:?} in\n{drawn}"
                );
            }
        }
    }

    #[test]
    fn colours_follow_the_event() {
        let lab = leetcode();
        let text = text(&lab, 100, 30, true);
        let styled = |needle: &str| {
            text.lines
                .iter()
                .flat_map(|l| &l.spans)
                .find(|s| s.content.contains(needle))
                .map_or_else(|| panic!("no span with {needle:?}"), |s| s.style.fg)
        };
        assert_eq!(styled("x[1:1]"), Some(Color::Red));
        assert_eq!(styled("[+NEW #0 4:4]"), Some(Color::Cyan));
        let plain_text = super::text(&lab, 100, 30, false);
        assert!(
            plain_text
                .lines
                .iter()
                .flat_map(|l| &l.spans)
                .all(|s| s.style.fg.is_none()),
            "no colour when colour is off"
        );
    }

    #[test]
    fn lines_fit_the_width_and_the_height() {
        let lab = busy();
        for (width, height) in [(160, 40), (100, 30), (99, 30), (80, 24), (50, 12), (30, 5)] {
            let text = text(&lab, width, height, false);
            assert!(text.lines.len() <= usize::from(height), "{width}x{height}");
            for line in &text.lines {
                assert!(
                    line.width() <= usize::from(width),
                    "{width}x{height}: {line}"
                );
            }
        }
    }

    #[test]
    fn no_size_panics() {
        let labs = [Lab::new(0, 0), leetcode(), busy()];
        for lab in &labs {
            for width in [0, 1, 2, 5, 13, 40, 79, 80, 99, 100, 101, 200] {
                for height in [0, 1, 2, 3, 4, 7, 24, 60] {
                    let text = text(lab, width, height, true);
                    assert!(text.lines.len() <= usize::from(height));
                    if width > 0 && height > 0 {
                        let _ = screen(lab, width, height);
                    }
                }
            }
        }
    }

    #[test]
    fn a_short_area_keeps_header_and_list_before_map_and_log() {
        let lab = busy();
        let drawn = text(&lab, 100, 6, false)
            .lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>();
        assert!(drawn[0].starts_with("LRU cache"), "{drawn:#?}");
        assert!(drawn[1].starts_with("last: get 5"), "{drawn:#?}");
        assert!(
            drawn.iter().any(|l| l.contains("recency list")),
            "{drawn:#?}"
        );
        assert!(
            !drawn.iter().any(|l| l.contains("recent operations")),
            "{drawn:#?}"
        );
    }
}
