//! The binary's copy of the bundled decks leaves out the recall examples (build.rs,
//! build/examples.rs): every card else is as the files in `content/` say, line numbers
//! included, and the examples are still there to check in the files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tutor::content::{Card, Deck};

#[test]
fn the_bundled_cards_are_the_files_without_their_examples() {
    let (bundled, files) = (common::bundled(), common::content());
    assert_eq!(bundled.problems, []);
    assert_eq!(files.problems, []);
    assert_eq!(bundled.decks.len(), files.decks.len());
    for (b, f) in bundled.decks.iter().zip(&files.decks) {
        assert_eq!(b.meta, f.meta);
        let examples = |d: &Deck| d.cards.iter().map(Card::example_count).sum::<usize>();
        assert!(examples(f) > 100, "{}: the files hold examples", f.meta.id);
        assert_eq!(examples(b), 0, "{}: the binary holds none", b.meta.id);
        assert_eq!(b.cards.len(), f.cards.len());
        for (bc, fc) in b.cards.iter().zip(&f.cards) {
            assert_eq!(*bc, fc.without_examples(), "{}", fc.id.as_str());
        }
        // Each card's id where the file has it: the blanked examples kept their lines.
        let at = |d: &Deck| -> Vec<(String, usize, usize)> {
            d.locations
                .iter()
                .map(|l| {
                    let file = l.file.rsplit(['/', '\\']).next().unwrap_or_default();
                    (file.to_string(), l.line, l.col)
                })
                .collect()
        };
        assert_eq!(at(b), at(f));
    }
}
