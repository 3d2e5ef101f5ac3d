//! Whose tests may run: the bundled decks' tests are trusted (they ship with tutor);
//! a deck from `--decks` is code from someone else, run only after the user agrees,
//! once per deck and [`tests_hash`] (kept in the store; `tutor test --trust`).

use xxhash_rust::xxh3::xxh3_128;

use crate::content::Deck;
use crate::content::source;

/// Whether `deck` is one of the decks compiled into tutor (not a folder given with
/// `--decks`, which loads after them).
pub fn is_bundled(deck: &Deck) -> bool {
    source::bundled().iter().any(|b| b.origin == deck.origin)
}

/// A hash of the code `deck`'s tests would run: every card's id and its Python and Rust
/// tests. Changing a test asks again; changing a card's prose does not.
pub fn tests_hash(deck: &Deck) -> String {
    let mut bytes = Vec::new();
    for card in &deck.cards {
        bytes.extend_from_slice(card.id.as_str().as_bytes());
        bytes.push(0);
        card.with_code(|python, rust| {
            for solution in [python, rust].into_iter().flatten() {
                bytes.extend_from_slice(solution.tests.as_bytes());
                bytes.push(0);
            }
        });
        bytes.push(1);
    }
    format!("{:032x}", xxh3_128(&bytes))
}
