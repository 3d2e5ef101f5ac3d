//! The `?` overlay's text: every binding of the current screen, from the key table, and on card
//! screens the console's commands.

use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr as _;

use super::theme;
use crate::shown;
use crate::state::App;
use crate::text::{Shown, line, raw, span};
use crate::theme::Theme;
use crate::wrap::wrap;

/// One titled group of rows: keys (or a command) and what they do.
struct Section {
    title: String,
    rows: Vec<(String, String)>,
}

fn sections(app: &App) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (scope, binding) in crate::keymap::for_help(app) {
        // A quiz lists only the keys of this item's kind (no "pick option 7" of four).
        if let (crate::action::Action::Quiz(action), Some(quiz)) = (&binding.action, app.quiz())
            && matches!(app.screen, crate::state::Screen::Quiz(_))
            && !quiz.offers(action)
        {
            continue;
        }
        let labels: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
        let row = (labels.join(", "), binding.help.to_string());
        match out.last_mut() {
            Some(section) if section.title == scope.title() => section.rows.push(row),
            _ => out.push(Section {
                title: scope.title().to_string(),
                rows: vec![row],
            }),
        }
    }
    if app.current_card().is_some() || app.practice().is_some() {
        out.push(Section {
            title: crate::hints::help_commands(),
            rows: crate::console::help_rows(app.commands_here()),
        });
        if let Some(kind) = app
            .lab
            .as_ref()
            .map(crate::visual::Live::kind)
            .filter(|_| super::panes::has_diagram(app))
        {
            out.push(Section {
                title: crate::hints::help_lab(crate::visual::title(kind)),
                rows: vec![(
                    String::new(),
                    format!(
                        "{}; `help CMD` explains one; {}",
                        crate::visual::syntax_list(kind, false),
                        crate::command_table::SEVERAL
                    ),
                )],
            });
        }
    }
    out
}

/// The widest keys (or command) of all sections: one column for the whole help.
fn key_width(sections: &[Section]) -> usize {
    sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0)
}

/// A section as lines `width` columns wide: keys in a column `keys` wide (none when the
/// section's rows have no keys), descriptions wrapped under their own start.
fn section_lines(section: &Section, keys: usize, width: u16, t: Theme) -> Vec<Line<'static>> {
    let mut out = vec![line(Shown::from(section.title.clone()), t.accent())];
    let keys = if section.rows.iter().all(|(k, _)| k.is_empty()) {
        0
    } else {
        keys
    };
    let indent = if keys == 0 { 2 } else { 2 + keys + 2 };
    let room = u16::try_from(usize::from(width).saturating_sub(indent))
        .unwrap_or(0)
        .max(8);
    for (key, what) in &section.rows {
        for (i, part) in wrap(&[Line::from(raw(Shown::from(what.clone())))], room)
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 && keys > 0 {
                span(shown!("  {key:<keys$}  "), t.key())
            } else {
                raw(Shown::from(" ".repeat(indent)))
            };
            let mut spans = vec![lead];
            spans.extend(part.spans);
            out.push(Line::from(spans));
        }
    }
    out
}

/// Each section's lines at one column `width` wide (no borders).
fn blocks(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let t = theme(app);
    let sections = sections(app);
    let keys = key_width(&sections);
    sections
        .iter()
        .map(|s| section_lines(s, keys, width, t))
        .collect()
}

/// Sections one after the other, a blank line apart.
fn join(blocks: &[Vec<Line<'static>>]) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.extend(block.iter().cloned());
    }
    out
}

/// Every line of the help at one column `width` wide (no borders).
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    join(&blocks(app, width))
}

/// The overlay's width and lines for `area`: one column when it fits the height, else
/// two, split between sections.
pub fn arranged(app: &App, area: Rect) -> (u16, Vec<Line<'static>>) {
    let rows = usize::from(area.height.saturating_sub(2));
    let one = 64.min(area.width);
    let single = lines(app, one.saturating_sub(2));
    if single.len() <= rows {
        (one, single)
    } else {
        let width = 120.min(area.width);
        let col = width.saturating_sub(3) / 2;
        let t_lines = blocks(app, col);
        let total: usize = t_lines.iter().map(Vec::len).sum();
        // The section break nearest the middle.
        let mut split = 0;
        let mut before = 0;
        for (i, s) in t_lines.iter().enumerate() {
            if before + s.len() / 2 >= total / 2 {
                split = i;
                break;
            }
            before += s.len();
            split = i + 1;
        }
        let split = split.clamp(1, t_lines.len().max(1)).min(t_lines.len());
        let left = join(&t_lines[..split]);
        let right = join(&t_lines[split..]);
        let col = usize::from(col);
        let joined = (0..left.len().max(right.len()))
            .map(|i| {
                let left = left.get(i).cloned().unwrap_or_default();
                let used: usize = left.spans.iter().map(|s| s.content.width()).sum();
                let mut spans = left.spans;
                spans.push(raw(Shown::from(" ".repeat(col + 1 - used.min(col)))));
                if let Some(right) = right.get(i) {
                    spans.extend(right.spans.iter().cloned());
                }
                Line::from(spans)
            })
            .collect();
        (width, joined)
    }
}

/// How far the help scrolls in a terminal of the app's size (when even two columns
/// are taller than the screen).
pub fn max_scroll(app: &App) -> u16 {
    let (w, h) = app.size;
    let (_, shown) = arranged(app, Rect::new(0, 0, w, h));
    u16::try_from(shown.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(h.saturating_sub(2))
}
