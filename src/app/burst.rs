//! Typed characters that arrive together, as one edit.
//!
//! A terminal without bracketed paste (or a tool that types) delivers a paste as one
//! key per character. The answer editor (ratatui-textarea) wraps its whole text again
//! after every edit, so 10,000 characters applied one by one took about two seconds
//! (each costs more as the text grows); joined, they are one insertion, as a bracketed
//! paste is, and one undo takes them back. A person typing sends one key per batch, and
//! a lone character stays an [`Edit::Insert`].

use crate::action::Action;
use crate::editor::Edit;

/// The most bytes joined into one edit; a longer burst goes in as several.
pub const MOST: usize = 64 * 1024;

/// Characters typed in a row, not yet carried out.
#[derive(Debug, Default)]
pub struct Burst {
    typed: String,
}

impl Burst {
    /// Keeps `action` when it types a character (and the burst has room); otherwise
    /// gives it back, to be carried out after the burst.
    pub fn join(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::Edit(Edit::Insert(c)) if self.typed.len() < MOST => {
                self.typed.push(c);
                None
            }
            other => Some(other),
        }
    }

    /// The characters kept, as one edit: none, a typed character, or a paste.
    pub fn take(&mut self) -> Option<Action> {
        let typed = std::mem::take(&mut self.typed);
        let mut chars = typed.chars();
        match (chars.next(), chars.next()) {
            (None, _) => None,
            (Some(c), None) => Some(Action::Edit(Edit::Insert(c))),
            (Some(_), Some(_)) => Some(Action::Edit(Edit::Paste(typed))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_character_stays_a_typed_one() {
        let mut burst = Burst::default();
        assert!(burst.join(Action::Edit(Edit::Insert('a'))).is_none());
        assert_eq!(burst.take(), Some(Action::Edit(Edit::Insert('a'))));
        assert_eq!(burst.take(), None, "taken once");
    }

    #[test]
    fn characters_in_a_row_become_one_paste_and_other_actions_pass() {
        let mut burst = Burst::default();
        for c in "héllo".chars() {
            assert!(burst.join(Action::Edit(Edit::Insert(c))).is_none());
        }
        assert_eq!(
            burst.join(Action::Edit(Edit::Newline)),
            Some(Action::Edit(Edit::Newline)),
            "Enter is not joined: the code editor indents after it"
        );
        assert_eq!(burst.join(Action::Quit), Some(Action::Quit));
        assert_eq!(
            burst.take(),
            Some(Action::Edit(Edit::Paste("héllo".into())))
        );
    }

    #[test]
    fn a_full_burst_gives_back_the_next_character() {
        let mut burst = Burst::default();
        for _ in 0..MOST {
            assert!(burst.join(Action::Edit(Edit::Insert('x'))).is_none());
        }
        assert_eq!(
            burst.join(Action::Edit(Edit::Insert('y'))),
            Some(Action::Edit(Edit::Insert('y')))
        );
        assert_eq!(
            burst.take(),
            Some(Action::Edit(Edit::Paste("x".repeat(MOST))))
        );
    }
}
