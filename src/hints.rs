//! The key hints the screens write in prose. Every key they name is looked up in
//! `keymap::BINDINGS` (`keymap::key_for`), never typed here, so rebinding a key changes
//! its hint too. A test rebinds every key and checks each hint follows.

use crate::action::Action;
use crate::editor::Edit;
use crate::keymap::{Scope as S, key_for, keys_for};
use crate::quiz::QuizAction as Q;

/// The first keys of two actions, as `j/k`.
fn pair(scope: S, first: &Action, second: &Action) -> String {
    format!("{}/{}", key_for(scope, first), key_for(scope, second))
}

fn console() -> String {
    key_for(S::Panes, &Action::EnterConsole)
}

fn command() -> String {
    key_for(S::Panes, &Action::EnterCommand)
}

fn reveal() -> String {
    key_for(S::Prompt, &Action::Reveal)
}

/// Under the question before the answer shows; `lab` on the LRU card.
pub fn prompt(lab: bool) -> String {
    let (i, reveal) = (console(), reveal());
    if lab {
        format!(
            "Think it through, try it in the lab ({i}, then put 1 1), then reveal with {reveal}."
        )
    } else {
        format!("Think it through, or type an attempt ({i}), then reveal with {reveal}.")
    }
}

/// In a code pane whose answer is still hidden.
pub fn hidden() -> String {
    format!("Hidden until you reveal the answer ({}).", reveal())
}

/// Below `hidden`: where to write one's own attempt.
pub fn own_attempt(lab: bool) -> String {
    let i = console();
    if lab {
        format!("Write your own first; the lab's diagram ({i}, then put and get) shows the idea.")
    } else {
        format!("Write your own first: the console ({i}) keeps your attempt.")
    }
}

/// The idle console on a card: `lab` when it drives the LRU lab.
pub fn card_console(lab: bool) -> String {
    let (i, colon) = (console(), command());
    if lab {
        format!("press {i} to drive the lab (put 1 1, get 1, help), {colon} for a command")
    } else {
        format!("press {i} to type an attempt, {colon} for a command (:help)")
    }
}

/// Where the idle console of a quiz stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizConsole {
    /// An item answered by typing.
    Typed,
    /// A recall answer being typed in the answer editor.
    Editing,
    /// An item answered with keys.
    Keys,
    Feedback,
    Finished,
}

/// The idle console in a quiz.
pub fn quiz_console(at: QuizConsole) -> String {
    let colon = key_for(S::QuizAnswer, &Action::EnterCommand);
    match at {
        QuizConsole::Typed => format!(
            "press {} to type an answer, {colon} for a command",
            key_for(S::QuizTyped, &Action::EnterConsole)
        ),
        QuizConsole::Keys => format!("answer with the keys below; {colon} for a command"),
        QuizConsole::Editing => format!(
            "typing your answer above: {} submits, {} stops typing",
            key_for(S::Editor, &Action::Quiz(Q::Submit)),
            key_for(S::Editor, &Action::Quiz(Q::StopTyping))
        ),
        QuizConsole::Feedback => {
            format!("{} goes on", key_for(S::QuizFeedback, &Action::QuizEnter))
        }
        QuizConsole::Finished => format!("{} goes on", key_for(S::QuizEnd, &Action::Back)),
    }
}

fn quiz_submit() -> String {
    key_for(S::QuizAnswer, &Action::QuizEnter)
}

fn quiz_cursor() -> String {
    pair(
        S::QuizAnswer,
        &Action::Quiz(Q::CursorDown),
        &Action::Quiz(Q::CursorUp),
    )
}

/// Under a single-choice item.
pub fn quiz_single() -> String {
    format!(
        "Pick with a digit or {}, then {}.",
        quiz_cursor(),
        quiz_submit()
    )
}

/// Under a multiple-choice item.
pub fn quiz_multiple() -> String {
    format!(
        "Every right option is needed: toggle with {} or a digit, then {}.",
        key_for(S::QuizAnswer, &Action::Quiz(Q::Toggle)),
        quiz_submit()
    )
}

/// Under a cloze item, on gap `gap` (from 1) of `gaps`.
pub fn quiz_cloze(gap: usize, gaps: usize) -> String {
    format!(
        "Gap {gap} of {gaps}: press {}, type it, {} ({} pick a gap); {} again submits.",
        key_for(S::QuizTyped, &Action::EnterConsole),
        key_for(S::Console, &Action::ConsoleSubmit),
        quiz_cursor(),
        quiz_submit()
    )
}

/// Under a reorder item.
pub fn quiz_reorder() -> String {
    format!(
        "Put the lines in order: {} choose a line, {} move it, {} submits.",
        quiz_cursor(),
        pair(
            S::QuizAnswer,
            &Action::Quiz(Q::MoveLineDown),
            &Action::Quiz(Q::MoveLineUp),
        ),
        quiz_submit()
    )
}

/// Under a free-recall item.
pub fn quiz_recall() -> String {
    let submit = keys_for(S::Editor, &Action::Quiz(Q::Submit));
    format!(
        "Answer in your own words: press {} and type; {} breaks the line, {} submits (or \
         {}, then {}); {} undoes.",
        key_for(S::QuizRecall, &Action::Quiz(Q::Type)),
        key_for(S::Text, &Action::Edit(Edit::Newline)),
        submit.get(..2).unwrap_or(&submit).join(" or "),
        key_for(S::Editor, &Action::Quiz(Q::StopTyping)),
        quiz_submit(),
        key_for(S::Text, &Action::Edit(Edit::Undo)),
    )
}

/// The key that claims a missed recall point ("I did say that").
pub fn claim_key() -> String {
    key_for(S::QuizClaim, &Action::ClaimPoint)
}

/// Under the quiz's scorecard.
pub fn quiz_scorecard() -> String {
    format!(
        "Results are saved and show in `tutor stats`; reviews are not affected. {}: home",
        key_for(S::QuizEnd, &Action::Back)
    )
}

/// On the review summary, when cards are still due; `left` says how many.
pub fn summary_left(left: &str) -> String {
    format!(
        "Still to study: {left}; {}, then Review, to go on",
        key_for(S::Summary, &Action::Back)
    )
}

/// The last line of the review summary.
pub fn summary_keys() -> String {
    format!(
        "{}: home · {}: undo the last grade · {}: quit",
        key_for(S::Summary, &Action::Back),
        key_for(S::Summary, &Action::Undo),
        key_for(S::Global, &Action::Quit)
    )
}

/// The empty filter box on the browse list.
pub fn browse_filter() -> String {
    format!(
        "press {} to filter by id, title, question, topic or tag",
        key_for(S::Browse, &Action::StartFilter)
    )
}

/// The confirmation overlay's keys: yes, and the keys of no.
pub fn confirm() -> (String, Vec<String>) {
    (
        key_for(S::Confirm, &Action::Confirm(true)),
        keys_for(S::Confirm, &Action::Confirm(false)),
    )
}

/// The "terminal too small" notice.
pub fn too_small() -> String {
    format!(
        "enlarge the window, or press {} to quit",
        key_for(S::TooSmall, &Action::Quit)
    )
}

/// The help overlay's title; `scrolls` when its text overflows.
pub fn help_title(scrolls: bool) -> String {
    let close = keys_for(S::Help, &Action::ToggleHelp);
    let close = match close.as_slice() {
        [] => "?".to_string(),
        [one] => one.clone(),
        [first, second, ..] => format!("{first} or {second}"),
    };
    if scrolls {
        let scroll = pair(S::Help, &Action::ScrollDown, &Action::ScrollUp);
        format!(" Keys ({scroll} scroll, {close} to close) ")
    } else {
        format!(" Keys ({close} to close) ")
    }
}

/// The help's section of console commands.
pub fn help_commands() -> String {
    format!("Console commands (press {} and type)", command())
}

/// The help's section of LRU lab commands.
/// The help overlay's title for a lab's commands: `title` names the visual (`LRU`).
pub fn help_lab(title: &str) -> String {
    format!("{title} lab (press {} and type)", console())
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::*;
    use crate::keymap::{BINDINGS, Binding, Key, with_table};

    /// Every hint, in every form.
    fn every_hint() -> Vec<String> {
        let (yes, no) = confirm();
        let mut out = vec![
            prompt(false),
            prompt(true),
            hidden(),
            own_attempt(false),
            own_attempt(true),
            card_console(false),
            card_console(true),
        ];
        for at in [
            QuizConsole::Typed,
            QuizConsole::Keys,
            QuizConsole::Editing,
            QuizConsole::Feedback,
            QuizConsole::Finished,
        ] {
            out.push(quiz_console(at));
        }
        out.extend([
            quiz_single(),
            quiz_multiple(),
            quiz_cloze(1, 2),
            quiz_reorder(),
            quiz_recall(),
            claim_key(),
            quiz_scorecard(),
            summary_left("3 due"),
            summary_keys(),
            browse_filter(),
            format!("{yes} leave   {} stay", no.join("/")),
            too_small(),
            help_title(false),
            help_title(true),
            help_commands(),
            help_lab("LRU"),
        ]);
        out
    }

    /// `BINDINGS` with every key rebound: a plain character to Ctrl and the same
    /// character, Space to F5, Enter to F1, Esc to F2, and everything else to F12.
    fn rebound() -> &'static [Binding] {
        let key = |k: &Key| match (k.code, k.ctrl) {
            (KeyCode::Char(' '), false) => Key {
                code: KeyCode::F(5),
                ctrl: false,
                alt: false,
            },
            (KeyCode::Char(c), false) => Key {
                code: KeyCode::Char(c),
                ctrl: true,
                alt: false,
            },
            (KeyCode::Enter, _) => Key {
                code: KeyCode::F(1),
                ctrl: false,
                alt: false,
            },
            (KeyCode::Esc, _) => Key {
                code: KeyCode::F(2),
                ctrl: false,
                alt: false,
            },
            _ => Key {
                code: KeyCode::F(12),
                ctrl: false,
                alt: false,
            },
        };
        let table: Vec<Binding> = BINDINGS
            .iter()
            .map(|b| Binding {
                keys: Vec::leak(b.keys.iter().map(key).collect()),
                scope: b.scope,
                action: b.action.clone(),
                help: b.help,
                footer: b.footer,
            })
            .collect();
        Vec::leak(table)
    }

    #[test]
    fn hints_name_the_keys_bindings_binds() {
        let expected = [
            "Think it through, or type an attempt (i), then reveal with Space.",
            "Think it through, try it in the lab (i, then put 1 1), then reveal with Space.",
            "Hidden until you reveal the answer (Space).",
            "Write your own first: the console (i) keeps your attempt.",
            "Write your own first; the lab's diagram (i, then put and get) shows the idea.",
            "press i to type an attempt, : for a command (:help)",
            "press i to drive the lab (put 1 1, get 1, help), : for a command",
            "press i to type an answer, : for a command",
            "answer with the keys below; : for a command",
            "typing your answer above: Ctrl-D submits, Esc stops typing",
            "Enter goes on",
            "Enter goes on",
            "Pick with a digit or j/k, then Enter.",
            "Every right option is needed: toggle with Space or a digit, then Enter.",
            "Gap 1 of 2: press i, type it, Enter (j/k pick a gap); Enter again submits.",
            "Put the lines in order: j/k choose a line, J/K move it, Enter submits.",
            "Answer in your own words: press i and type; Enter breaks the line, Ctrl-D or \
             Alt-Enter submits (or Esc, then Enter); Ctrl-U undoes.",
            "c",
            "Results are saved and show in `tutor stats`; reviews are not affected. Enter: home",
            "Still to study: 3 due; Enter, then Review, to go on",
            "Enter: home · u: undo the last grade · q: quit",
            "press / to filter by id, title, question, topic or tag",
            "y leave   n/Esc stay",
            "enlarge the window, or press q to quit",
            " Keys (? or Esc to close) ",
            " Keys (j/k scroll, ? or Esc to close) ",
            "Console commands (press : and type)",
            "LRU lab (press i and type)",
        ];
        assert_eq!(every_hint(), expected);
    }

    /// Rebinding a key in the table changes every hint that names it: no hint keeps a
    /// key of its own.
    #[test]
    fn hints_follow_a_rebound_table() {
        let hints = with_table(rebound(), every_hint);
        let expected = [
            "Think it through, or type an attempt (Ctrl-I), then reveal with F5.",
            "Think it through, try it in the lab (Ctrl-I, then put 1 1), then reveal with F5.",
            "Hidden until you reveal the answer (F5).",
            "Write your own first: the console (Ctrl-I) keeps your attempt.",
            "Write your own first; the lab's diagram (Ctrl-I, then put and get) shows the idea.",
            "press Ctrl-I to type an attempt, Ctrl-: for a command (:help)",
            "press Ctrl-I to drive the lab (put 1 1, get 1, help), Ctrl-: for a command",
            "press Ctrl-I to type an answer, Ctrl-: for a command",
            "answer with the keys below; Ctrl-: for a command",
            "typing your answer above: F12 submits, F2 stops typing",
            "F1 goes on",
            "F1 goes on",
            "Pick with a digit or Ctrl-J/Ctrl-K, then F1.",
            "Every right option is needed: toggle with F5 or a digit, then F1.",
            "Gap 1 of 2: press Ctrl-I, type it, F1 (Ctrl-J/Ctrl-K pick a gap); F1 again submits.",
            "Put the lines in order: Ctrl-J/Ctrl-K choose a line, Ctrl-J/Ctrl-K move it, F1 \
             submits.",
            "Answer in your own words: press Ctrl-I and type; F1 breaks the line, F12 or F1 \
             submits (or F2, then F1); F12 undoes.",
            "Ctrl-C",
            "Results are saved and show in `tutor stats`; reviews are not affected. F1: home",
            "Still to study: 3 due; F1, then Review, to go on",
            "F1: home · Ctrl-U: undo the last grade · Ctrl-Q: quit",
            "press Ctrl-/ to filter by id, title, question, topic or tag",
            "Ctrl-Y leave   Ctrl-N/F2 stay",
            "enlarge the window, or press Ctrl-Q to quit",
            " Keys (Ctrl-? or F2 to close) ",
            " Keys (Ctrl-J/Ctrl-K scroll, Ctrl-? or F2 to close) ",
            "Console commands (press Ctrl-: and type)",
            "LRU lab (press Ctrl-I and type)",
        ];
        assert_eq!(hints, expected);
    }

    #[test]
    fn a_hint_for_an_unbound_action_says_so() {
        assert!(keys_for(S::Home, &Action::Undo).is_empty());
        assert_eq!(key_for(S::Home, &Action::Undo), "?");
    }
}
