//! A card whose code cannot be read back from the deck cache (its file written over
//! while tutor runs) says so in its code panes and in practice, instead of showing
//! empty panes or claiming the card has no code.

use super::t0;
use crate::action::Action;
use crate::app::{self, Shell, Start};
use crate::content::cache::{DeckCache, UNREADABLE};
use crate::days::Days;
use crate::layout::card_text::pane_rows;
use crate::state::{App, Pane};
use crate::store::Store;
use crate::update::update;

/// The bundled decks from a cache file whose last bytes (the last coding card's code)
/// were written over, and the index of that card.
fn damaged() -> (App, Shell, usize, tempfile::TempDir) {
    let bundled = crate::content::bundled_library();
    let dir = tempfile::tempdir().unwrap();
    let cache = DeckCache::new(dir.path());
    let mut decks = Vec::new();
    for deck in &bundled.decks {
        cache.put(7, deck);
        decks.push(cache.get(&deck.origin, 7).unwrap());
    }
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        let end = bytes.len();
        bytes[end - 10..].fill(0xff);
        std::fs::write(&path, &bytes).unwrap();
    }
    let mut library = bundled.clone();
    library.decks = decks;
    let store = Store::open_in_memory().unwrap();
    let mut app = app::build(library, &store, t0(), Days::utc(), false, None, None).unwrap();
    let _ = update(&mut app, Action::Resize(160, 48), t0());
    let mut shell = Shell::new(store, None);
    let first = app::start(&mut app, &Start::Home, t0()).unwrap();
    shell.execute(&mut app, first, t0());
    let card = (0..app.study.cards.len())
        .rev()
        .find(|&i| app.card(i).is_some_and(|(_, c)| c.has_code()))
        .unwrap();
    (app, shell, card, dir)
}

fn text(app: &App, pane: Pane) -> String {
    pane_rows(app, pane, 60)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_code_panes_say_the_code_could_not_be_read() {
    let (mut app, mut shell, card, _dir) = damaged();
    let effects = crate::update::open_card(&mut app, card);
    shell.execute(&mut app, effects, t0());
    assert!(
        app.card(card).unwrap().1.code().is_none(),
        "the damage is read"
    );
    let first_words = UNREADABLE.split(' ').take(4).collect::<Vec<_>>().join(" ");
    for pane in [Pane::Python, Pane::Rust] {
        assert!(
            text(&app, pane).contains(&first_words),
            "{pane:?}: {}",
            text(&app, pane)
        );
    }
}

#[test]
fn practice_says_the_code_could_not_be_read() {
    let (mut app, mut shell, card, _dir) = damaged();
    let effects = crate::update::open_practice(&mut app, card, crate::highlight::Lang::Python);
    shell.execute(&mut app, effects, t0());
    let flash = app.flash.clone().unwrap();
    assert!(flash.error);
    assert_eq!(flash.text, UNREADABLE);
}
