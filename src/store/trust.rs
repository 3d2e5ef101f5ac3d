//! Which decks' tests the user agreed to run (issue 14): code from someone else runs
//! only after the user says yes, once per deck and hash of its tests.

use rusqlite::OptionalExtension as _;

use super::{Store, StoreError};

impl Store {
    /// Whether the user agreed to run the tests of `deck` whose tests hash to `hash`.
    pub fn trusts(&self, deck: &str, hash: &str) -> Result<bool, StoreError> {
        self.conn()
            .query_row(
                "SELECT 1 FROM deck_trust WHERE deck_id = ?1 AND tests_hash = ?2",
                [deck, hash],
                |_| Ok(()),
            )
            .optional()
            .map(|row| row.is_some())
            .map_err(|e| self.err(e))
    }

    /// Records the agreement; agreeing again changes nothing.
    pub fn trust(&self, deck: &str, hash: &str, now_ms: i64) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT OR IGNORE INTO deck_trust (deck_id, tests_hash, agreed_at)
                 VALUES (?1, ?2, ?3)",
                rusqlite::params![deck, hash, now_ms],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agreement_is_per_deck_and_hash() {
        let store = Store::open_in_memory().unwrap();
        assert!(!store.trusts("mine", "h1").unwrap());
        store.trust("mine", "h1", 5).unwrap();
        store.trust("mine", "h1", 6).unwrap();
        assert!(store.trusts("mine", "h1").unwrap());
        assert!(
            !store.trusts("mine", "h2").unwrap(),
            "changed tests ask again"
        );
        assert!(!store.trusts("other", "h1").unwrap());
    }
}
