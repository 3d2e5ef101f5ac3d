//! Render snapshots of every screen at 160×48, 100×30, 80×24 and a too-small size, a
//! property test that drawing never panics at any size, and cell checks where colour
//! matters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use tutor::action::Action;
use tutor::app::{self, Shell, Start};
use tutor::content::{LoadOptions, load_library};
use tutor::days::Days;
use tutor::state::App;
use tutor::store::Store;
use tutor::update::update;

mod common;

fn t0() -> Timestamp {
    "2026-05-04T10:00:00Z".parse().unwrap()
}

fn fixture(start: &Start, color: bool, size: (u16, u16)) -> (App, Shell) {
    fixture_with_cache(start, color, size, None)
}

/// [`fixture`], its code highlighted through the disk cache in `highlight_cache`.
fn fixture_with_cache(
    start: &Start,
    color: bool,
    size: (u16, u16),
    highlight_cache: Option<&std::path::Path>,
) -> (App, Shell) {
    let library = common::bundled().clone();
    let store = Store::open_in_memory().unwrap();
    let mut app = app::build(library, &store, t0(), Days::utc(), color, None, None).unwrap();
    let _ = update(&mut app, Action::Resize(size.0, size.1), t0());
    let mut shell = Shell::new(store, highlight_cache.map(std::path::Path::to_path_buf));
    let first = app::start(&mut app, start, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    (app, shell)
}

fn press(app: &mut App, shell: &mut Shell, keys: &str) {
    for (i, name) in keys.split_whitespace().enumerate() {
        let code = match name {
            "space" => KeyCode::Char(' '),
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "down" => KeyCode::Down,
            "up" => KeyCode::Up,
            other => KeyCode::Char(other.chars().next().unwrap()),
        };
        let now = t0() + SignedDuration::from_secs(i64::try_from(i).unwrap());
        if let Some(action) =
            tutor::keymap::action_for(app, &KeyEvent::new(code, KeyModifiers::NONE))
        {
            let effects = update(app, action, now);
            shell.execute(app, effects, now);
        }
    }
}

fn draw(app: &App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| tutor::ui::view(f, app)).unwrap();
    terminal
}

const SIZES: [(u16, u16); 4] = [(160, 48), (100, 30), (80, 24), (60, 20)];

/// Each screen: how to get there from a start.
const SCREENS: &[(&str, Start, &str)] = &[
    ("home", Start::Home, ""),
    ("review_prompt", Start::Review, ""),
    ("review_revealed", Start::Review, "space"),
    ("review_console", Start::Review, "i t r y"),
    (
        "review_summary",
        Start::Review,
        "space 4 space 4 space 4 space 4 space 4 space 4",
    ),
    ("browse", Start::Browse(None), ""),
    ("browse_card", Start::Browse(None), "down enter"),
    // Home after a review rests on Review: Quiz, the two labs, Browse, Stats are below it.
    (
        "stats",
        Start::Review,
        "space 3 esc down down down down down enter",
    ),
    ("lab", Start::Home, "down down enter"),
    ("help", Start::Review, "space ?"),
    (
        "practice",
        Start::Practice {
            card: None,
            lang: tutor::highlight::Lang::Python,
        },
        "",
    ),
    // Not typing, the solution asked for and confirmed.
    (
        "practice_solution",
        Start::Practice {
            card: None,
            lang: tutor::highlight::Lang::Rust,
        },
        "esc s y",
    ),
];

#[test]
fn snapshots_of_every_screen() {
    for (name, start, keys) in SCREENS {
        for size in SIZES {
            let (mut app, mut shell) = fixture(start, false, size);
            press(&mut app, &mut shell, keys);
            let terminal = draw(&app, size);
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), terminal.backend());
        }
    }
}

#[test]
fn the_too_small_screen_names_both_sizes() {
    let (app, _) = fixture(&Start::Home, false, (79, 24));
    let text = format!("{}", draw(&app, (79, 24)).backend());
    assert!(text.contains("terminal too small"), "{text}");
    assert!(text.contains("need 80×24, have 79×24"), "{text}");
}

#[test]
fn focus_is_visible_in_colour_and_without() {
    for color in [true, false] {
        let (mut app, mut shell) = fixture(&Start::Browse(Some("gil".into())), color, (160, 48));
        press(&mut app, &mut shell, "tab");
        let terminal = draw(&app, (160, 48));
        let buffer = terminal.backend().buffer();
        let python_row = (0..48)
            .find(|&y| {
                let row: String = (0..20)
                    .map(|x| buffer.cell((x, y)).unwrap().symbol().to_string())
                    .collect();
                row.starts_with("┏ Python") || row.starts_with("┌ Python")
            })
            .unwrap();
        // The focused Python pane has a thick border in both modes...
        let python_corner = buffer.cell((0, python_row)).unwrap();
        assert_eq!(python_corner.symbol(), "┏", "color={color}");
        let question_corner = buffer.cell((0, 0)).unwrap();
        assert_eq!(question_corner.symbol(), "┌", "color={color}");
        // ...and is cyan only when colour is on.
        let expected = if color { Color::Cyan } else { Color::Reset };
        assert_eq!(python_corner.fg, expected, "color={color}");
        assert!(python_corner.modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn grade_buttons_show_intervals_and_colours() {
    let (mut app, mut shell) = fixture(&Start::Review, true, (160, 48));
    press(&mut app, &mut shell, "space");
    let terminal = draw(&app, (160, 48));
    let buffer = terminal.backend().buffer();
    let footer: String = (0..160)
        .map(|x| buffer.cell((x, 47)).unwrap().symbol().to_string())
        .collect();
    assert!(
        footer.starts_with("1 Again · 1m  2 Hard · 6m  3 Good · 10m  4 Easy · "),
        "{footer}"
    );
    let again = footer.find("Again").unwrap();
    let x = u16::try_from(footer[..again].chars().count()).unwrap();
    assert_eq!(buffer.cell((x, 47)).unwrap().fg, Color::Red);
}

/// The footer's bottom row at `size`.
fn footer_row(app: &App, (w, h): (u16, u16)) -> String {
    let terminal = draw(app, (w, h));
    let buffer = terminal.backend().buffer();
    (0..w)
        .map(|x| buffer.cell((x, h - 1)).unwrap().symbol().to_string())
        .collect()
}

/// At 80 columns the footer has no room for every hint: it shows whole hints from the
/// wide footer, in order, and keeps `? help` and `q quit`.
#[test]
fn a_narrow_footer_drops_whole_hints_and_keeps_help_and_quit() {
    for (keys, first) in [("", "Space reveal"), ("space", "1 Again")] {
        let (mut app, mut shell) = fixture(&Start::Review, false, (80, 24));
        press(&mut app, &mut shell, keys);
        let narrow = footer_row(&app, (80, 24));
        let narrow = narrow.trim_end();
        let _ = update(&mut app, Action::Resize(300, 24), t0());
        let wide = footer_row(&app, (300, 24));
        let wide: Vec<&str> = wide.trim_end().split("  ").collect();
        let shown: Vec<&str> = narrow.split("  ").collect();
        assert!(
            shown.len() < wide.len(),
            "{keys:?}: nothing was left out: {narrow}"
        );
        assert!(narrow.ends_with("? help  q quit"), "{keys:?}: {narrow}");
        assert!(narrow.starts_with(first), "{keys:?}: {narrow}");
        let mut rest = wide.iter();
        for hint in &shown {
            assert!(
                rest.any(|w| w == hint),
                "{keys:?}: {hint:?} is not a whole hint of {wide:?}"
            );
        }
    }
}

/// An error longer than the footer wraps onto the row above instead of being cut.
#[test]
fn a_long_flash_message_is_shown_whole() {
    let (mut app, _) = fixture(&Start::Review, false, (80, 24));
    app.flash = Some(tutor::state::Flash {
        text: format!("not saved: {}; grade again to retry", "x".repeat(60)),
        error: true,
    });
    let terminal = draw(&app, (80, 24));
    let text = format!("{}", terminal.backend());
    assert!(
        text.contains("not saved: xxx") && text.contains("again to retry"),
        "{text}"
    );
}

#[test]
fn content_escape_sequences_are_drawn_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("evil");
    std::fs::create_dir(&deck).unwrap();
    std::fs::write(
        deck.join("deck.yaml"),
        "id: evil\ntitle: \"Evil\\u001b[2J deck\"\ndescription: d\ntopics:\n  - id: t\n    title: T\n",
    )
    .unwrap();
    let card = std::fs::read_to_string("content/amazon-python/05-args-kwargs.yaml").unwrap();
    let card = card
        .replacen("id: args-kwargs", "id: evil-card", 1)
        .replacen("topic: python-internals", "topic: t", 1)
        .replacen("title: ", "title: \"\\e]0;pwned\\a\" #", 1)
        // Markdown makes a control character out of an entity, after parsing.
        .replacen(
            "prompt: |\n",
            "prompt: |\n  **&#27;]0;md&#7;** `&#27;` \n\n",
            1,
        );
    std::fs::write(deck.join("card.yaml"), card).unwrap();
    let library = load_library(&LoadOptions {
        bundled: false,
        dirs: vec![deck],
        cache_dir: None,
    });
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let store = Store::open_in_memory().unwrap();
    let mut app = app::build(library, &store, t0(), Days::utc(), true, None, None).unwrap();
    let _ = update(&mut app, Action::Resize(160, 48), t0());
    let mut shell = Shell::new(store, None);
    let first = app::start(&mut app, &Start::Browse(Some("evil-card".into())), t0()).unwrap();
    shell.execute(&mut app, first, t0());
    let text = format!("{}", draw(&app, (160, 48)).backend());
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "raw control characters drawn"
    );
    assert!(text.contains("\\u{1b}]0;pwned\\u{7}"), "{text}");
    assert!(text.contains("\\u{1b}]0;md\\u{7} &#27;"), "{text}");
}

/// Drawing never panics at any size, on any screen, zoomed or not. The cases share one
/// highlight cache, so each card's code is highlighted once rather than in every case.
#[test]
fn drawing_never_panics() {
    let cache = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 80,
        source_file: Some(file!()),
        test_name: Some(concat!(module_path!(), "::drawing_never_panics")),
        ..ProptestConfig::default()
    });
    let cases = (1u16..=300, 1u16..=100, 0usize..SCREENS.len(), any::<bool>());
    let result = runner.run(&cases, |(w, h, screen, zoom)| {
        let (_, start, keys) = &SCREENS[screen];
        let (mut app, mut shell) = fixture_with_cache(start, true, (w, h), Some(cache.path()));
        press(&mut app, &mut shell, keys);
        if zoom {
            press(&mut app, &mut shell, "z");
        }
        press(&mut app, &mut shell, "tab j G");
        draw(&app, (w, h));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}

/// One quiz item of each kind, answered partly, at 160×48 and 80×24; then its feedback.
#[test]
fn quiz_snapshots_of_each_kind() {
    use tutor::quiz::{QuizAction, QuizSession, Selection, select};
    let all = select(
        common::bundled(),
        &Selection {
            count: Some(1000),
            ..Selection::default()
        },
        7,
    )
    .unwrap();
    for kind in tutor::content::QuizKind::ALL {
        let item = all.iter().find(|i| i.item.kind() == kind).unwrap().clone();
        for size in [(160, 48), (80, 24)] {
            let (mut app, _) = fixture(&Start::Home, false, size);
            let mut session = QuizSession::new(vec![item.clone()], t0());
            let first_step = match kind {
                tutor::content::QuizKind::Single | tutor::content::QuizKind::Multiple => {
                    QuizAction::Pick(1)
                }
                tutor::content::QuizKind::Reorder => QuizAction::MoveLineDown,
                tutor::content::QuizKind::Cloze | tutor::content::QuizKind::Recall => {
                    QuizAction::Fill("hash map".into())
                }
            };
            let _ = session.update(first_step, t0());
            app.screen = tutor::state::Screen::Quiz(session);
            let name = format!("quiz_{}_{}x{}", kind.label(), size.0, size.1);
            insta::assert_snapshot!(name, draw(&app, size).backend());
            let tutor::state::Screen::Quiz(session) = &mut app.screen else {
                panic!("the quiz is up");
            };
            let record = session.update(QuizAction::Submit, t0() + SignedDuration::from_secs(9));
            assert!(record.is_some(), "{kind:?} submits");
            let name = format!("quiz_{}_feedback_{}x{}", kind.label(), size.0, size.1);
            insta::assert_snapshot!(name, draw(&app, size).backend());
        }
    }
}

/// The screen's rows as strings.
fn screen_rows(app: &App, size: (u16, u16)) -> Vec<String> {
    let terminal = draw(app, size);
    let buffer = terminal.backend().buffer();
    (0..size.1)
        .map(|y| {
            (0..size.0)
                .map(|x| buffer.cell((x, y)).unwrap().symbol().to_string())
                .collect()
        })
        .collect()
}

/// The height (borders included) of the pane whose top border shows `title`, found by
/// its top-left corner and the bottom-left corner under it.
fn pane_height(rows: &[String], title: &str) -> usize {
    let (top, col) = rows
        .iter()
        .enumerate()
        .find_map(|(y, row)| {
            ["┌ ", "┏ "].iter().find_map(|corner| {
                row.find(&format!("{corner}{title}"))
                    .map(|byte| (y, row[..byte].chars().count()))
            })
        })
        .unwrap_or_else(|| panic!("no pane titled {title}:\n{}", rows.join("\n")));
    let bottom = (top + 1..rows.len())
        .find(|&y| {
            let c = rows[y].chars().nth(col);
            c == Some('└') || c == Some('┗')
        })
        .unwrap();
    bottom - top + 1
}

/// At 200×50 the code panes get most of the rows, before the reveal and after: the
/// Question pane is as tall as its text needs, up to a limit.
#[test]
fn the_code_panes_get_most_of_the_rows_at_200x50() {
    for keys in ["", "space"] {
        let (mut app, mut shell) = fixture(&Start::Review, false, (200, 50));
        press(&mut app, &mut shell, keys);
        let rows = screen_rows(&app, (200, 50));
        let question = pane_height(&rows, "Question");
        let python = pane_height(&rows, "Python");
        assert!(
            python > question && python >= 25,
            "{keys:?}: Question {question} rows, Python {python}:\n{}",
            rows.join("\n")
        );
    }
}

/// The home menu follows the deck table, not the bottom of a 50-row screen.
#[test]
fn the_home_menu_sits_right_under_the_table() {
    for size in [(200, 50), (80, 24)] {
        let (app, _) = fixture(&Start::Home, false, size);
        let rows = screen_rows(&app, size);
        let table = rows
            .iter()
            .rposition(|r| r.contains("Leadership Principles"))
            .unwrap();
        let menu = rows.iter().position(|r| r.contains("› Review")).unwrap();
        assert!(
            menu > table && menu - table <= 3,
            "{size:?}: table ends on row {table}, menu starts on row {menu}:\n{}",
            rows.join("\n")
        );
    }
}

/// The home table's columns name what they count, and still fit 80 columns on one row.
#[test]
fn the_home_columns_say_what_they_count() {
    let (app, _) = fixture(&Start::Home, false, (80, 24));
    let rows = screen_rows(&app, (80, 24));
    let header = rows.iter().find(|r| r.starts_with("Deck")).unwrap();
    for name in ["cards", "new today", "learning due", "reviews due"] {
        assert!(header.contains(name), "{header}");
    }
    let deck = rows
        .iter()
        .find(|r| r.starts_with("Amazon Python"))
        .unwrap();
    // The counts line up under their headers' right ends.
    let end = |row: &str, text: &str| row.find(text).unwrap() + text.len();
    assert_eq!(
        deck.trim_end().len(),
        end(header, "reviews due"),
        "\n{header}\n{deck}"
    );
}

/// A pane whose text goes on below its last row says so in its bottom border; after the
/// reveal at 80×24 the Question pane names the sections still below (Explanation, Key
/// points), so a short pane does not hide that they exist.
#[test]
fn a_pane_with_more_below_says_so() {
    let (mut app, mut shell) = fixture(&Start::Review, false, (160, 48));
    press(&mut app, &mut shell, "space");
    let rows = screen_rows(&app, (160, 48));
    let console = rows
        .iter()
        .position(|r| r.starts_with("┌ Console"))
        .unwrap();
    let python_bottom = &rows[console - 1];
    assert!(python_bottom.contains("more below"), "{}", rows.join("\n"));

    let (mut app, mut shell) = fixture(&Start::Review, false, (80, 24));
    press(&mut app, &mut shell, "space");
    let text = screen_rows(&app, (80, 24)).join("\n");
    assert!(
        text.contains("Explanation") && text.contains("Key points"),
        "{text}"
    );
    // Scrolled to the end, nothing is below any more: the indicator says what is above.
    press(&mut app, &mut shell, "G");
    let text = screen_rows(&app, (80, 24)).join("\n");
    assert!(text.contains("above"), "{text}");
}

/// Below 160 columns the Diagram shares a slot with the Question; driving the lab from
/// the console brings it to the front.
#[test]
fn driving_the_lab_shows_the_diagram_below_160_columns() {
    for size in [(100, 30), (80, 24)] {
        let (mut app, mut shell) = fixture(&Start::Review, false, size);
        press(&mut app, &mut shell, "i p u t space 1 space 1 enter");
        let text = screen_rows(&app, size).join("\n");
        assert!(
            text.contains("[Diagram]") && text.contains("size 1/2"),
            "{size:?}:\n{text}"
        );
        // The reveal puts the Question, which holds the explanation, in front again.
        press(&mut app, &mut shell, "esc space");
        let text = screen_rows(&app, size).join("\n");
        assert!(
            text.contains("[Question] Diagram")
                && text.contains("more below: In two minutes · Explanation"),
            "{size:?}:\n{text}"
        );
    }
}

/// An answer shorter than its share of the screen (a behavioural card's STAR outline)
/// gives the rows it does not need to the Question: no blank rows at its end.
#[test]
fn a_short_answer_gives_its_spare_rows_to_the_question() {
    let size = (160, 48);
    let (app, _) = fixture(
        &Start::Browse(Some("lp-deliver-results".into())),
        false,
        size,
    );
    let rows = screen_rows(&app, size);
    let top = rows
        .iter()
        .position(|r| r.starts_with("┌ Answer outline"))
        .unwrap();
    let height = pane_height(&rows, "Answer outline");
    let last = &rows[top + height - 2];
    assert!(
        last.trim_matches(|c| c == '│' || c == ' ').chars().count() > 0,
        "the answer's last row is blank:\n{}",
        rows.join("\n")
    );
    assert!(pane_height(&rows, "Question") > 18, "{}", rows.join("\n"));
}

/// The cell where `needle` first starts on screen (by columns), if it shows.
fn find_cell(terminal: &Terminal<TestBackend>, needle: &str) -> Option<(u16, u16)> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    for y in 0..area.height {
        let symbols: Vec<String> = (0..area.width)
            .map(|x| buffer.cell((x, y)).unwrap().symbol().to_string())
            .collect();
        for x in 0..symbols.len() {
            let rest: String = symbols[x..].concat();
            if rest.starts_with(needle) {
                return Some((u16::try_from(x).unwrap(), y));
            }
        }
    }
    None
}

/// Draws the card view, scrolling its focused pane down (four rows at a time, less
/// than any pane shows) until `needle` shows.
fn scroll_to(app: &mut App, shell: &mut Shell, size: (u16, u16), needle: &str) -> (u16, u16) {
    for _ in 0..80 {
        if let Some(at) = find_cell(&draw(app, size), needle) {
            return at;
        }
        press(app, shell, "j j j j");
    }
    panic!(
        "{size:?}: {needle:?} never shows\n{}",
        draw(app, size).backend()
    );
}

/// Card text is Markdown: bold, inline code and lists are drawn styled, not as markup.
#[test]
fn card_markdown_is_drawn_styled_without_markup() {
    for size in [(160, 48), (80, 24)] {
        let (mut app, mut shell) = fixture(
            &Start::Browse(Some("sqs-partial-batch-failures".into())),
            true,
            size,
        );
        press(&mut app, &mut shell, "space");
        // Inline code in the prompt: no backticks, a colour of its own.
        let (x, y) = scroll_to(&mut app, &mut shell, size, "{\"payment_id\"");
        let terminal = draw(&app, size);
        let buffer = terminal.backend().buffer();
        assert_ne!(buffer.cell((x - 1, y)).unwrap().symbol(), "`", "{size:?}");
        assert_eq!(buffer.cell((x, y)).unwrap().fg, Color::Cyan, "{size:?}");
        // The explanation opens with a bold run, without its asterisks.
        let (x, y) = scroll_to(&mut app, &mut shell, size, "Why partial batch");
        let terminal = draw(&app, size);
        let buffer = terminal.backend().buffer();
        assert_ne!(buffer.cell((x - 1, y)).unwrap().symbol(), "*", "{size:?}");
        let cell = buffer.cell((x, y)).unwrap();
        assert!(cell.modifier.contains(Modifier::BOLD), "{size:?}");
        // Key points are a list with bullets.
        scroll_to(
            &mut app,
            &mut shell,
            size,
            "• Return {\"batchItemFailures\"",
        );
    }
}

/// Cloze and reorder code is highlighted by the item's `lang` (keywords in magenta),
/// prepared when the quiz starts, not while drawing.
#[test]
fn quiz_code_is_highlighted_by_its_lang() {
    use tutor::content::QuizKind;
    use tutor::quiz::Selection;
    let selection = Selection {
        card: Some("lru-cache".into()),
        count: Some(50),
        ..Selection::default()
    };
    for size in [(160, 48), (80, 24)] {
        let (mut app, mut shell) = fixture(&Start::Quiz(selection.clone()), true, size);
        for kind in [QuizKind::Cloze, QuizKind::Reorder] {
            for _ in 0..50 {
                let session = app.quiz().unwrap();
                if session.current().is_some_and(|c| c.item.kind() == kind) {
                    break;
                }
                press(&mut app, &mut shell, "s enter");
            }
            let session = app.quiz().unwrap();
            assert_eq!(session.current().map(|c| c.item.kind()), Some(kind));
            let terminal = draw(&app, size);
            let text = format!("{}", terminal.backend());
            let (x, y) = find_cell(&terminal, "def get")
                .unwrap_or_else(|| panic!("{kind:?} {size:?}: no code\n{text}"));
            let cell = terminal.backend().buffer().cell((x, y)).unwrap();
            assert_eq!(cell.fg, Color::Magenta, "{kind:?} {size:?}\n{text}");
            // The gaps are drawn as gaps, not as what was highlighted in their place.
            assert!(!text.contains("__gap"), "{text}");
            if kind == QuizKind::Cloze {
                assert!(text.contains("[1:____]"), "{text}");
            }
        }
    }
}

/// A fenced `python` block in card text is highlighted in the Question pane, as
/// solutions are (prepared when the card opens, not while drawing).
#[test]
fn fenced_code_in_card_text_is_highlighted() {
    for size in [(160, 48), (80, 24)] {
        let (mut app, mut shell) =
            fixture(&Start::Browse(Some("solid-principles".into())), true, size);
        let (x, y) = scroll_to(&mut app, &mut shell, size, "class OrderProcessor");
        let terminal = draw(&app, size);
        let cell = terminal.backend().buffer().cell((x, y)).unwrap();
        assert_eq!(cell.fg, Color::Magenta, "{size:?}");
    }
}

/// A browse filter longer than its box scrolls sideways like the console, so the end
/// being typed stays in view, with the cursor after it (it stopped at the box's edge).
#[test]
fn a_long_browse_filter_keeps_its_end_in_view() {
    let size = (80, 24);
    let (mut app, mut shell) = fixture(&Start::Browse(None), false, size);
    let typed = format!("/ {} Z Z E N D", "x ".repeat(150));
    press(&mut app, &mut shell, &typed);
    let terminal = draw(&app, size);
    let rows = screen_rows(&app, size);
    assert!(
        rows.iter().any(|r| r.contains("xxZZEND")),
        "the end of the filter is out of sight:\n{}",
        rows.join("\n")
    );
    let (x, y) = find_cell(&terminal, "ZZEND").unwrap();
    let mut terminal = terminal;
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(
        (cursor.x, cursor.y),
        (x + 5, y),
        "the cursor follows the text"
    );
}

/// A session started straight on a card has the Question's wrapped rows ready, so the
/// frames drawn before the first key borrow them instead of rendering the card's
/// Markdown each time (the frame bench doubled, 0.64 ms to 1.30 ms, without this).
#[test]
fn a_card_opened_at_start_has_its_question_rows_ready() {
    for start in [Start::Browse(Some("lru-cache".into())), Start::Review] {
        let (app, _shell) = fixture(&start, true, (200, 50));
        let width = tutor::layout::panes::inner_width(&app, tutor::state::Pane::Question);
        let key = app.card_view.question_key;
        assert_eq!(key.map(|k| k.2), width, "{start:?}: {key:?}");
        assert!(!app.card_view.question_rows.is_empty(), "{start:?}");
    }
}

/// While a job runs, the footer's right end shows a spinner, what runs and for how
/// long (from the time `update` was last given), and Esc offers to cancel it; a flash
/// keeps the spinner beside it; once the job is over, the footer is as before.
#[test]
fn a_running_job_shows_a_spinner_with_its_time_in_the_footer() {
    let size = (100, 30);
    let (mut app, _shell) = fixture(&Start::Home, false, size);
    let idle = footer_row(&app, size);
    let started = Action::JobStarted {
        id: 1,
        label: "highlighting cards",
        kind: tutor::worker::JobKind::Background,
    };
    let _ = update(&mut app, started, t0());
    let _ = update(
        &mut app,
        Action::Tick,
        t0() + SignedDuration::from_millis(1234),
    );
    let running = footer_row(&app, size);
    assert!(
        running.ends_with(" ⠹ highlighting cards 1.2s"),
        "{running:?}"
    );
    assert!(running.starts_with("Esc cancel  "), "{running:?}");
    // The spinner turns with the time.
    let _ = update(
        &mut app,
        Action::Tick,
        t0() + SignedDuration::from_millis(1334),
    );
    assert!(footer_row(&app, size).ends_with(" ⠸ highlighting cards 1.3s"));
    app.flash = Some(tutor::state::Flash {
        text: "a flash".into(),
        error: false,
    });
    let flashed = footer_row(&app, size);
    assert!(
        flashed.starts_with("a flash ") && flashed.ends_with("highlighting cards 1.3s"),
        "{flashed:?}"
    );
    app.flash = None;
    let end = tutor::worker::End::Done;
    let _ = update(&mut app, Action::JobFinished { id: 1, end }, t0());
    assert_eq!(footer_row(&app, size), idle);
}

/// A free-recall item of card `c` ("LRU"): `points` as (point, its one accepted phrase).
fn recall_item(question: &str, points: &[(&str, &str)], model: &str) -> tutor::quiz::SessionItem {
    use tutor::content::{CardId, QuizItem, Recall, RecallExamples, RecallPoint};
    tutor::quiz::SessionItem {
        deck_id: "d".into(),
        card_id: CardId("c".into()),
        card_title: "LRU".into(),
        topic: "t".into(),
        topic_title: "T".into(),
        item_index: 0,
        item: QuizItem::Recall(Recall {
            question: question.into(),
            points: points
                .iter()
                .map(|(point, accept)| RecallPoint::new(*point, vec![(*accept).into()]))
                .collect(),
            model_answer: model.into(),
            explanation: "The map finds, the list orders.".into(),
            examples: RecallExamples::default(),
            misconceptions: Vec::new(),
        }),
        start_order: Vec::new(),
        option_order: Vec::new(),
        synonyms: std::sync::Arc::default(),
    }
}

/// A recall point made through a synonym names the accepted phrase and the learner's
/// words; one made by the phrase itself names it once.
#[test]
fn recall_feedback_names_the_words_that_made_a_point() {
    use tutor::quiz::{QuizAction, QuizSession};
    let item = recall_item(
        "How does an LRU cache work?",
        &[
            ("A hash map finds the entry.", "hash map"),
            ("The oldest entry is evicted.", "evict*"),
        ],
        "A hash map, and it evicts the oldest.",
    );
    let size = (120, 30);
    let (mut app, _) = fixture(&Start::Home, false, size);
    let mut session = QuizSession::new(vec![item], t0());
    let _ = session.update(
        QuizAction::Fill("A dictionary; evict the oldest.".into()),
        t0(),
    );
    let _ = session.update(QuizAction::Submit, t0());
    app.screen = tutor::state::Screen::Quiz(session);
    let rows = screen_rows(&app, size).join("\n");
    assert!(
        rows.contains("✓ A hash map finds the entry.  (matched \"hash map\" by \"dictionary\")"),
        "{rows}"
    );
    assert!(
        rows.contains("✓ The oldest entry is evicted.  (matched \"evict*\" by \"evict\")"),
        "{rows}"
    );
    // A right recall verdict says what it checked: every point named, not every detail.
    assert!(rows.contains("✓ Right: 2 of 2 points made"), "{rows}");
    assert!(
        rows.contains("Each point was named and no mistake tutor knows of was said;"),
        "{rows}"
    );
}

/// The screen's rows after `answer` to an LRU recall item with `points` and the
/// misconception "scan the list", claiming the first missed point when `claim`.
fn misconceived_verdict(points: &[(&str, &str)], answer: &str, claim: bool) -> String {
    use tutor::quiz::{QuizAction, QuizSession};
    let mut item = recall_item("How does an LRU cache work?", points, "A hash map.");
    if let tutor::content::QuizItem::Recall(r) = &mut item.item {
        r.misconceptions = vec![tutor::content::Misconception {
            said: vec!["scan the list".into()],
            why: "A scan is O(n): the map finds the node.".into(),
        }];
    }
    let size = (120, 30);
    let (mut app, _) = fixture(&Start::Home, false, size);
    let mut session = QuizSession::new(vec![item], t0());
    let _ = session.update(QuizAction::Fill(answer.into()), t0());
    let _ = session.update(QuizAction::Submit, t0());
    assert!(!session.answered()[0].correct);
    if claim {
        assert!(session.claim(t0()).is_some());
    }
    app.screen = tutor::state::Screen::Quiz(session);
    screen_rows(&app, size).join("\n")
}

/// A recall answer that states a misconception is wrong though it makes every point,
/// and the verdict shows the learner's words and why they are wrong.
#[test]
fn recall_feedback_names_a_misconception_and_why() {
    let rows = misconceived_verdict(
        &[("A hash map finds the entry.", "hash map")],
        "A hash map, then scan the whole list for it.",
        false,
    );
    assert!(
        rows.contains("✗ Not quite (1 of 1 right, and a misconception)"),
        "{rows}"
    );
    assert!(
        rows.contains(
            "✗ You said \"scan the whole list\": A scan is O(n): the map finds the node."
        ),
        "{rows}"
    );
    assert!(!rows.contains("Each point was named"), "{rows}");
}

/// Claiming every missed point of an answer that states a misconception does not make
/// it right: the verdict still says so.
#[test]
fn claims_do_not_make_a_misconception_right() {
    let rows = misconceived_verdict(
        &[
            ("A hash map finds the entry.", "hash map"),
            ("The oldest entry is evicted.", "evict*"),
        ],
        "A hash map, then scan the list.",
        true,
    );
    assert!(
        rows.contains("✗ Not quite (1 of 2 right, 1 by your word, and a misconception)"),
        "{rows}"
    );
}

/// The LRU recall item of three points the verdict tests below answer.
fn lru_recall_item() -> tutor::quiz::SessionItem {
    recall_item(
        "How does an LRU cache get O(1) get and put?",
        &[
            ("A hash map finds the node.", "hash map"),
            (
                "A doubly linked list keeps the order of use.",
                "linked list",
            ),
            ("The oldest entry is evicted.", "evict*"),
        ],
        "A hash map to the nodes of a doubly linked list; evict the oldest.",
    )
}

/// A recall verdict at 100×30: the point made with the words that made it, a missed
/// point claimed ("I did say that", self-assessed), and the missed point the claim key
/// is on; then, every missed point claimed, right but self-assessed.
#[test]
fn recall_verdict_with_points_made_missed_and_claimed() {
    use tutor::quiz::{QuizAction, QuizSession};
    let item = lru_recall_item();
    let size = (100, 30);
    let (mut app, _) = fixture(&Start::Home, false, size);
    let mut session = QuizSession::new(vec![item], t0());
    let _ = session.update(
        QuizAction::Fill("A dictionary of nodes,\nkept in order of use.".into()),
        t0(),
    );
    let _ = session.update(QuizAction::Submit, t0());
    assert!(session.claim(t0()).is_some());
    app.screen = tutor::state::Screen::Quiz(session);
    insta::assert_snapshot!("quiz_recall_claimed_100x30", draw(&app, size).backend());
    let tutor::state::Screen::Quiz(session) = &mut app.screen else {
        panic!("the quiz is up");
    };
    assert!(session.claim(t0()).is_some());
    let rows = screen_rows(&app, size).join("\n");
    assert!(
        rows.contains("✓ Right, self-assessed (1 of 3 scored, 2 by your word)"),
        "{rows}"
    );
}

/// A point named only in a denial is missed, and the verdict says why, in the learner's
/// words: on the line the claim key is on, and on one it is not; claimed, it is
/// self-assessed like any missed point.
#[test]
fn recall_verdict_says_a_point_was_named_only_in_a_denial() {
    use tutor::quiz::{QuizAction, QuizSession};
    let item = lru_recall_item();
    let size = (160, 48);
    let (mut app, _) = fixture(&Start::Home, false, size);
    let mut session = QuizSession::new(vec![item], t0());
    let _ = session.update(
        QuizAction::Fill(
            "A dictionary of nodes; you don't actually need a linked list.\n\
             It never evicts anything."
                .into(),
        ),
        t0(),
    );
    let _ = session.update(QuizAction::Submit, t0());
    app.screen = tutor::state::Screen::Quiz(session);
    insta::assert_snapshot!("quiz_recall_denied_160x48", draw(&app, size).backend());
    let rows = screen_rows(&app, size).join("\n");
    for line in [
        "› ✗ A doubly linked list keeps the order of use. — named only in a denial: \"linked list\"  \
         (c: I did say that)",
        "  ✗ The oldest entry is evicted. — named only in a denial: \"evicts\"",
    ] {
        assert!(rows.contains(line), "{line}\n{rows}");
    }
    let tutor::state::Screen::Quiz(session) = &mut app.screen else {
        panic!("the quiz is up");
    };
    assert!(
        session.claim(t0()).is_some(),
        "a denied point can be claimed"
    );
    let rows = screen_rows(&app, size).join("\n");
    assert!(
        rows.contains(
            "  ✓ A doubly linked list keeps the order of use.  (you said so: self-assessed)"
        ),
        "{rows}"
    );
    assert!(
        rows.contains(
            "› ✗ The oldest entry is evicted. — named only in a denial: \"evicts\"  \
             (c: I did say that)"
        ),
        "{rows}"
    );
}

/// Where the control characters start in each field of tests/fixtures/hostile (the
/// answers "42" and "yes" and the code run into them).
const HOSTILE_FIELDS: &[&str] = &[
    "Deck ",
    "Topic ",
    "Card ",
    "Prompt ",
    "bold ",
    "code ",
    "item ",
    "x = '",
    "return '",
    "\"",
    "Explanation ",
    "Key point ",
    "Pitfall ",
    "O(1) ",
    "Follow-up ",
    "Story ",
    "Story prompt ",
    "Situation ",
    "Task ",
    "Action ",
    "Result ",
    "Story explanation ",
    "Story key point ",
    "Story pitfall ",
    "Story follow-up ",
    "Single ",
    "Option one ",
    "Option two ",
    "Multiple ",
    "Pick one ",
    "Pick two ",
    "Not this ",
    "Cloze ",
    "# ",
    "Text cloze ",
    "The answer ",
    "42",
    "yes",
    "Reorder ",
    "a = '",
    "Text reorder ",
    "first ",
    "second ",
    "third ",
    "Recall ",
    "Point ",
    "Model answer about hashing ",
];

/// Every text field of a deck holds terminal controls (tests/fixtures/hostile): on every
/// screen that shows the deck, no control or bidi character reaches the buffer, and each
/// field is drawn (escaped) somewhere. Fails if any field reaches the screen raw.
#[test]
fn no_deck_field_reaches_the_screen_raw() {
    use std::fmt::Write as _;
    use tutor::quiz::Selection;
    let library = load_library(&LoadOptions {
        bundled: false,
        dirs: vec![std::path::PathBuf::from("tests/fixtures/hostile")],
        cache_dir: None,
    });
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let size = (200, 100);
    let start = |start: &Start| {
        let store = Store::open_in_memory().unwrap();
        let mut app =
            app::build(library.clone(), &store, t0(), Days::utc(), true, None, None).unwrap();
        let _ = update(&mut app, Action::Resize(size.0, size.1), t0());
        let mut shell = Shell::new(store, None);
        let first = app::start(&mut app, start, t0()).unwrap();
        shell.execute(&mut app, first, t0());
        (app, shell)
    };
    let mut drawn = String::new();
    let mut frames = 0;
    let mut check = |app: &App, screen: &str| {
        let terminal = draw(app, size);
        let raw: Vec<char> = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .flat_map(|cell| cell.symbol().chars())
            .filter(|&c| tutor::text::needs_escape(c))
            .collect();
        assert!(raw.is_empty(), "{screen}: {raw:?} drawn raw");
        let _ = write!(drawn, "{}", terminal.backend());
        frames += 1;
    };
    for (name, from, keys) in [
        ("home", Start::Home, ""),
        ("review", Start::Review, ""),
        ("review revealed", Start::Review, "space"),
        ("browse", Start::Browse(None), ""),
        (
            "browse code card",
            Start::Browse(Some("evil-code".into())),
            "",
        ),
        (
            "browse story card",
            Start::Browse(Some("evil-story".into())),
            "",
        ),
        ("stats", Start::Home, "down down down down down enter"),
    ] {
        let (mut app, mut shell) = start(&from);
        press(&mut app, &mut shell, keys);
        check(&app, name);
    }
    // The quiz: each item asked, then its feedback, then the scorecard.
    let selection = Selection {
        deck: Some("evil".into()),
        ..Selection::default()
    };
    let (mut app, mut shell) = start(&Start::Quiz(selection));
    for item in 0..7 {
        check(&app, &format!("quiz item {item}"));
        press(&mut app, &mut shell, "s");
        check(&app, &format!("quiz feedback {item}"));
        press(&mut app, &mut shell, "enter");
    }
    check(&app, "quiz scorecard");
    assert_eq!(frames, 22);
    // Each field, escaped: "Deck \u{1b}]0;pwn\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{7f}    title"
    // (the start only: a column may cut the rest).
    let escaped = r"\u{1b}]0;pwn";
    for field in HOSTILE_FIELDS {
        let shown = format!("{field}{escaped}");
        assert!(drawn.contains(&shown), "{shown} is not drawn");
    }
}

/// The mock interview at 100×30 and 80×24, driven by actions with time passed in: the
/// LP question being answered, the probe after it, the coding question, paused, and the
/// scorecard.
#[test]
fn interview_snapshots() {
    use tutor::editor::Edit;
    use tutor::interview::Choice;
    use tutor::mock::MockAction as M;
    let choice = Choice {
        deck: None,
        topic: None,
        minutes: 45,
        seed: 7,
    };
    let at = |secs: i64| t0() + SignedDuration::from_secs(secs);
    let answer = "When our launch slipped, I owned the fix: I cut scope with the team \
                  and we shipped on time; errors fell 40%.";
    let steps: &[(&str, &[Action])] = &[
        ("answering", &[]),
        ("probe", &[Action::Interview(M::Submit)]),
        ("coding", &[Action::Interview(M::Skip)]),
        ("paused", &[Action::Interview(M::Pause)]),
        ("scorecard", &[Action::Interview(M::End)]),
    ];
    for size in [(100, 30), (80, 24)] {
        let (mut app, mut shell) = fixture(&Start::Interview(choice.clone()), false, size);
        let effects = update(&mut app, Action::Edit(Edit::Paste(answer.into())), at(40));
        shell.execute(&mut app, effects, at(40));
        for (i, (name, actions)) in steps.iter().enumerate() {
            let now = at(60 + 30 * i64::try_from(i).unwrap());
            for action in *actions {
                let effects = update(&mut app, action.clone(), now);
                shell.execute(&mut app, effects, now);
            }
            let terminal = draw(&app, size);
            insta::assert_snapshot!(
                format!("interview_{name}_{}x{}", size.0, size.1),
                terminal.backend()
            );
            // Any other size draws too (the too-small notice, wide layouts).
            for other in [(1, 1), (40, 10), (79, 24), (139, 40), (140, 40), (300, 100)] {
                draw(&app, other);
            }
        }
    }
}

/// Back in a review from practising its card with every test passing, the grade row
/// marks the grade practice suggests (here Good: the first run passed).
#[test]
fn the_grade_row_marks_the_grade_practice_suggests() {
    let size = (100, 30);
    let (mut app, mut shell) = fixture(&Start::Review, false, size);
    press(&mut app, &mut shell, "space p");
    let card = app.practice().unwrap().card_id.clone();
    let report = Box::new(tutor::runner::Report {
        lang: tutor::runner::Lang::Python,
        outcome: tutor::runner::Outcome::Passed,
        tests: vec![tutor::runner::TestResult {
            name: "example".into(),
            passed: true,
        }],
        failure: None,
        diagnostics: Vec::new(),
        output: String::new(),
        output_cut: false,
    });
    let card = tutor::content::CardId(card);
    let _ = update(&mut app, Action::TestsRan { card, report }, t0());
    press(&mut app, &mut shell, "esc esc");
    let footer = footer_row(&app, size);
    assert!(
        footer.starts_with("all tests passed: ▸ Good suggested"),
        "{footer}"
    );
    // The next key clears the flash: the grade row, Good marked, all four grades.
    press(&mut app, &mut shell, "j");
    let footer = footer_row(&app, size);
    assert!(footer.contains("▸3 Good · 10m  4 Easy"), "{footer}");
    let narrow = footer_row(&app, (80, 24));
    assert!(
        narrow.contains("▸3 Good") && narrow.contains("4 Easy"),
        "{narrow}"
    );
    insta::assert_snapshot!("review_suggested_grade_100x30", draw(&app, size).backend());
}

/// Types `line` into the console and presses Enter.
fn type_line(app: &mut App, shell: &mut Shell, line: &str) {
    let keys: Vec<String> = line
        .chars()
        .map(|c| {
            if c == ' ' {
                "space".to_string()
            } else {
                c.to_string()
            }
        })
        .chain(std::iter::once("enter".to_string()))
        .collect();
    press(app, shell, &keys.join(" "));
}

/// The Diagram pane's cells, a row a line, each run of one foreground colour that is not
/// the default written `{Colour:text}`: what the colour snapshots keep.
fn diagram_in_colour(app: &App, size: (u16, u16)) -> String {
    let terminal = draw(app, size);
    let buffer = terminal.backend().buffer();
    let body =
        tutor::layout::frame_areas(ratatui::layout::Rect::new(0, 0, size.0, size.1), true).body;
    let rect = tutor::layout::panes::layout(app, body)
        .diagram
        .expect("the Diagram pane shows");
    let mut out = String::new();
    for y in rect.y..rect.y + rect.height {
        let mut current = Color::Reset;
        for x in rect.x..rect.x + rect.width {
            let cell = buffer.cell((x, y)).unwrap();
            if cell.fg != current {
                if current != Color::Reset {
                    out.push('}');
                }
                if cell.fg != Color::Reset {
                    let _ = write!(out, "{{{:?}:", cell.fg);
                }
                current = cell.fg;
            }
            out.push_str(cell.symbol());
        }
        if current != Color::Reset {
            out.push('}');
        }
        out.push('\n');
    }
    out
}

/// The anagram lab after the card's example words (the last one appended to a bucket)
/// at 160×48 (boxes) and 80×24 (the compact form in a narrow pane), without colour.
#[test]
fn the_anagram_lab_at_160x48_and_80x24() {
    for size in [(160, 48), (80, 24)] {
        let (mut app, mut shell) = fixture(
            &Start::Lab(tutor::content::Visual::Anagrams, 2),
            false,
            size,
        );
        for line in [
            "add eat", "add tea", "add tan", "add ate", "add nat", "add bat", "add tab",
        ] {
            type_line(&mut app, &mut shell, line);
        }
        let name = format!("anagram_lab_{}x{}", size.0, size.1);
        insta::assert_snapshot!(name, draw(&app, size).backend());
        let text = screen_rows(&app, size).join("\n");
        assert!(text.contains("+tab"), "{size:?}:\n{text}");
    }
}

/// The middle step of a hit's motion: node 2 lifted off the list onto the lane under
/// it, halfway from its old place (the second) to its new one (after the tail), the rest
/// of the row closed up. The 80×24 pane keeps the text form, which does not move.
#[test]
fn the_lab_diagram_in_the_middle_of_a_move_at_200x50_and_80x24() {
    for size in [(200, 50), (80, 24)] {
        let (mut app, mut shell) =
            fixture(&Start::Lab(tutor::content::Visual::Lru, 2), false, size);
        for line in [
            "cap 4", "put 1 10", "put 2 20", "put 3 30", "put 4 40", "get 2",
        ] {
            type_line(&mut app, &mut shell, line);
        }
        // `get 2` ran on its sixth key: the motion started then.
        let started = t0() + SignedDuration::from_secs(5);
        let middle = tutor::visual::moment(app.motion, started + SignedDuration::from_millis(160));
        assert_eq!(middle, tutor::visual::Moment::Between(3));
        let _ = update(
            &mut app,
            Action::Tick,
            started + SignedDuration::from_millis(160),
        );
        let name = format!("lab_motion_middle_{}x{}", size.0, size.1);
        insta::assert_snapshot!(name, draw(&app, size).backend());
        let moving = screen_rows(&app, size).join("\n");
        let _ = update(
            &mut app,
            Action::Tick,
            started + SignedDuration::from_millis(300),
        );
        let settled = screen_rows(&app, size).join("\n");
        if size.0 >= 200 {
            assert!(
                moving.contains("╔═ MOVING ═") && moving.contains("║ #1 HIT"),
                "{moving}"
            );
            assert!(!settled.contains("MOVING") && settled.contains("║ #1 HIT"));
        } else {
            assert_eq!(moving, settled, "the text form does not move");
        }
    }
}

/// The lab after `LeetCode` 146's operations up to an eviction, at the four sizes the
/// issue names, without colour (the whole screen) and with it (the Diagram pane, its
/// colours written out): boxes and arrows where the pane has room, the compact text in
/// the 80×24 pane.
#[test]
fn the_lab_diagram_at_four_sizes_with_and_without_colour() {
    for size in [(200, 50), (160, 48), (100, 30), (80, 24)] {
        for color in [false, true] {
            let (mut app, mut shell) =
                fixture(&Start::Lab(tutor::content::Visual::Lru, 2), color, size);
            for line in ["put 1 1", "put 2 2", "get 1", "put 3 3"] {
                type_line(&mut app, &mut shell, line);
            }
            // A tick once the last move's motion is over: the settled drawing.
            let _ = update(&mut app, Action::Tick, t0() + SignedDuration::from_secs(60));
            let name = format!("lab_diagram_{}x{}", size.0, size.1);
            if color {
                insta::assert_snapshot!(format!("{name}_colour"), diagram_in_colour(&app, size));
            } else {
                insta::assert_snapshot!(name, draw(&app, size).backend());
            }
            let text = screen_rows(&app, size).join("\n");
            // The eviction is a word and a shape wherever it shows, not only a colour.
            assert!(text.contains("EVICT"), "{size:?}:\n{text}");
            if size.1 >= 30 {
                assert!(
                    text.contains("╎ x EVICTED") && text.contains("║ #1 +NEW"),
                    "{size:?}:\n{text}"
                );
            }
        }
    }
}
