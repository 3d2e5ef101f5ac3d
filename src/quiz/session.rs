//! The quiz session: one item at a time, answered, scored, shown with feedback, then
//! the next, and finally the scorecard. Pure: the caller passes the time in with each
//! action and saves the [`QuizRecord`] an answer produces.
//!
//! ```text
//! Answering --Submit/GiveUp--> Feedback --Next--> Answering (next item) ... --> Finished
//! ```
//!
//! Actions that make no sense where the session is (a digit in a reorder item, `Next`
//! before answering, anything once finished) do nothing; [`QuizSession::can`] tells the
//! screen which ones would do something, for its footer.

use std::time::Duration;

use jiff::Timestamp;

use crate::content::{Library, QuizItem, QuizKind};
use crate::editor::{Edit, Editor};

use super::options::identities;
use super::score::{
    Verdict, score_cloze, score_multiple, score_recall, score_reorder, score_single,
};
use super::scorecard::Scorecard;
use super::select::{SelectError, Selection, SessionItem, SplitMix64, scrambled, select};
use super::synonyms::Synonyms;

/// The most a paste brings a free-recall answer to, in bytes: 16 KiB, what the mock
/// interview keeps of a spoken answer. A megabyte pasted made the submit take half a
/// minute (scoring it, then drawing it in the verdict on every frame) for an answer no
/// interviewer would hear out.
pub const MAX_RECALL_ANSWER: usize = 16 * 1024;

/// What the user means, independent of keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizAction {
    /// `j`: the next option, line or gap. In a single-choice item the cursor is the
    /// choice, so moving it chooses.
    CursorDown,
    /// `k`: the previous option, line or gap.
    CursorUp,
    /// A digit: option `n` (from 0, so key `1` is `Pick(0)`). Chooses it in a
    /// single-choice item, toggles it in a multiple-answer one.
    Pick(usize),
    /// `Space`: toggle the option under the cursor (multiple answer).
    Toggle,
    /// `J`: move the line under the cursor down one place (reorder).
    MoveLineDown,
    /// `K`: move the line under the cursor up one place (reorder).
    MoveLineUp,
    /// Text typed in the console: the answer for the gap under the cursor, after which
    /// the cursor moves to the next gap (cloze), or the whole answer (recall, replacing
    /// the editor's text).
    Fill(String),
    /// `i` on a free-recall item: keys go to the answer editor.
    Type,
    /// `Esc` in the answer editor: keys are the quiz's again; the text stays.
    StopTyping,
    /// A change to the free-recall answer, in the editor.
    Edit(Edit),
    /// `Enter`: score the answer. Needs an answer: a choice, at least one option, at
    /// least one filled gap, some recalled text (a reorder can always be submitted).
    Submit,
    /// Score the answer as it stands, however incomplete: "I don't know".
    GiveUp,
    /// After the feedback: the next item, or the scorecard after the last.
    Next,
}

/// The answer being built for the current item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerState {
    /// The highlighted option is the choice; `None` until one is chosen.
    Single {
        choice: Option<usize>,
    },
    /// `picked[i]`: whether option `i` is ticked.
    Multiple {
        cursor: usize,
        picked: Vec<bool>,
    },
    /// `gaps[i]`: the text typed into gap `i`; `cursor` is the gap being filled.
    Cloze {
        cursor: usize,
        gaps: Vec<String>,
    },
    /// `order[i]`: the index (into `Reorder::lines`) of the line shown at position `i`.
    Reorder {
        cursor: usize,
        order: Vec<usize>,
    },
    Recall {
        text: String,
    },
}

impl AnswerState {
    /// A blank answer for `item`. A reorder starts in `start_order` when that is an
    /// arrangement of its lines, else in a fixed scrambled one.
    pub fn new(item: &QuizItem, start_order: &[usize]) -> Self {
        match item {
            QuizItem::Single(_) => Self::Single { choice: None },
            QuizItem::Multiple(m) => Self::Multiple {
                cursor: 0,
                picked: vec![false; m.options.len()],
            },
            QuizItem::Cloze(c) => Self::Cloze {
                cursor: 0,
                gaps: vec![String::new(); c.gaps.len()],
            },
            QuizItem::Reorder(r) => {
                let lines = r.lines();
                let mut sorted = start_order.to_vec();
                sorted.sort_unstable();
                let valid = sorted.iter().copied().eq(0..lines.len());
                Self::Reorder {
                    cursor: 0,
                    order: if valid {
                        start_order.to_vec()
                    } else {
                        scrambled(&lines, &mut SplitMix64(0))
                    },
                }
            }
            QuizItem::Recall(_) => Self::Recall {
                text: String::new(),
            },
        }
    }

    /// The text of the field the console edits (the gap under the cursor), so the
    /// console can start from what was typed before. A recall answer is typed in the
    /// session's [`Editor`] instead.
    pub fn input(&self) -> Option<&str> {
        match self {
            Self::Cloze { cursor, gaps } => gaps.get(*cursor).map(String::as_str),
            _ => None,
        }
    }

    /// Whether there is enough of an answer to submit.
    fn is_submittable(&self) -> bool {
        match self {
            Self::Single { choice } => choice.is_some(),
            Self::Multiple { picked, .. } => picked.contains(&true),
            Self::Cloze { gaps, .. } => gaps.iter().any(|g| !g.trim().is_empty()),
            Self::Reorder { .. } => true,
            Self::Recall { text } => !text.trim().is_empty(),
        }
    }
}

/// Where the session is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizStep {
    Answering(AnswerState),
    /// The answer as submitted and what scoring found; show it with the explanation.
    Feedback {
        answer: AnswerState,
        verdict: Verdict,
        /// "I don't know": counted wrong whatever was picked or typed so far.
        gave_up: bool,
    },
    /// Every item answered: show [`QuizSession::scorecard`].
    Finished,
}

/// One answer to save: `Store::record_quiz_result` takes it as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRecord {
    pub card_id: String,
    pub item_index: usize,
    pub kind: QuizKind,
    pub correct: bool,
    pub answered_at: Timestamp,
    /// From the item appearing to the answer being submitted.
    pub duration: Duration,
    /// The options picked, by their index in the card's own order (their identity),
    /// not by where the quiz showed them: for single and multiple items (empty when
    /// nothing was picked); `None` for other kinds.
    pub picked: Option<Vec<usize>>,
    /// A recall answer's key points: (made, in all), as the scorer found them.
    pub points: Option<(usize, usize)>,
}

/// A missed key point of a recall answer that the learner says they made ("I did say
/// that"): saved as self-assessed, apart from what the scorer found. `card_id`,
/// `item_index` and `answered_at` name the saved answer it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub card_id: String,
    pub item_index: usize,
    pub answered_at: Timestamp,
    /// Index into the item's points.
    pub point: usize,
    pub claimed_at: Timestamp,
}

/// An answered item of this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    /// Index into [`QuizSession::items`].
    pub position: usize,
    pub correct: bool,
    /// Parts right and parts in all (see `Verdict::parts`).
    pub parts: (usize, usize),
    pub duration: Duration,
    /// Right only because the learner claimed every missed point.
    pub self_assessed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizSession {
    items: Vec<SessionItem>,
    position: usize,
    phase: QuizStep,
    answered: Vec<Answered>,
    shown_at: Timestamp,
    /// The free-recall answer being written; `AnswerState::Recall`'s text is its text.
    editor: Editor,
    /// During a recall item's feedback: the missed points claimed, in claiming order,
    /// and the missed point the claim key would claim next.
    claimed: Vec<usize>,
    claim_cursor: Option<usize>,
    /// When the answer on show was submitted (its saved row's time).
    submitted_at: Timestamp,
    /// The recall answer's first and last edits not yet written to disk (as practice's
    /// code: `crate::practice::PracticeSession::unsaved`), so a kill loses seconds only.
    draft_unsaved: Option<(Timestamp, Timestamp)>,
}

/// A recall item's unsent answer, to keep on disk until it is submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub card: String,
    pub item: usize,
    pub text: String,
}

impl QuizSession {
    /// Selects the items (see [`select`]) and shows the first at `now`.
    pub fn start(
        library: &Library,
        selection: &Selection,
        seed: u64,
        now: Timestamp,
    ) -> Result<Self, SelectError> {
        Ok(Self::new(select(library, selection, seed)?, now))
    }

    /// A session over `items`, in this order, the first shown at `now`. With no items it
    /// is finished at once.
    pub fn new(items: Vec<SessionItem>, now: Timestamp) -> Self {
        let phase = match items.first() {
            Some(first) => QuizStep::Answering(AnswerState::new(&first.item, &first.start_order)),
            None => QuizStep::Finished,
        };
        Self {
            items,
            position: 0,
            phase,
            answered: Vec::new(),
            shown_at: now,
            editor: Editor::default(),
            claimed: Vec::new(),
            claim_cursor: None,
            submitted_at: now,
            draft_unsaved: None,
        }
    }

    /// The card and item index of the recall item being answered, if one is: where its
    /// draft is kept.
    pub fn recall_item(&self) -> Option<(String, usize)> {
        let item = self.items.get(self.position)?;
        matches!(self.phase, QuizStep::Answering(AnswerState::Recall { .. }))
            .then(|| (item.card_id.to_string(), item.item_index))
    }

    /// Whether the recall answer should be written now: typing paused for
    /// `practice::SAVE_AFTER_PAUSE`, or edits have waited `practice::SAVE_AT_MOST_EVERY`.
    pub fn draft_due(&self, now: Timestamp) -> bool {
        crate::practice::save_due(self.draft_unsaved, now)
    }

    /// The recall answer to write, if part of it is unwritten; marks it written.
    pub fn take_draft(&mut self) -> Option<Draft> {
        self.draft_unsaved.take()?;
        let (card, item) = self.recall_item()?;
        Some(Draft {
            card,
            item,
            text: self.editor.text(),
        })
    }

    /// A draft read from disk: into the editor when it is for the recall item being
    /// answered and nothing has been typed there yet. Whether it was put back.
    pub fn restore_draft(&mut self, card: &str, item: usize, draft: &str) -> bool {
        if self.recall_item() != Some((card.to_string(), item)) || self.draft_unsaved.is_some() {
            return false;
        }
        let QuizStep::Answering(AnswerState::Recall { text }) = &mut self.phase else {
            return false;
        };
        if !text.is_empty() || draft.is_empty() {
            return false;
        }
        // No longer than a typed answer may be (a file edited by hand could be).
        let mut end = draft.len().min(MAX_RECALL_ANSWER);
        while !draft.is_char_boundary(end) {
            end -= 1;
        }
        self.editor.set_text(&draft[..end]);
        *text = draft[..end].to_string();
        true
    }

    pub fn items(&self) -> &[SessionItem] {
        &self.items
    }

    /// The item on screen (also during its feedback); `None` once finished.
    pub fn current(&self) -> Option<&SessionItem> {
        match self.phase {
            QuizStep::Finished => None,
            _ => self.items.get(self.position),
        }
    }

    /// The current item's index into [`Self::items`] (for "3 of 10", add one).
    pub fn position(&self) -> usize {
        self.position
    }

    pub fn phase(&self) -> &QuizStep {
        &self.phase
    }

    pub fn is_finished(&self) -> bool {
        self.phase == QuizStep::Finished
    }

    /// The items answered so far, in order.
    pub fn answered(&self) -> &[Answered] {
        &self.answered
    }

    /// The scorecard of what has been answered so far; complete once finished.
    pub fn scorecard(&self) -> Scorecard {
        Scorecard::new(&self.items, &self.answered)
    }

    /// Whether the item being answered takes text typed in the console (gaps).
    pub fn takes_text(&self) -> bool {
        matches!(&self.phase, QuizStep::Answering(answer) if answer.input().is_some())
    }

    /// The answer editor, while a free-recall item is being answered.
    pub fn editor(&self) -> Option<&Editor> {
        matches!(&self.phase, QuizStep::Answering(AnswerState::Recall { .. }))
            .then_some(&self.editor)
    }

    /// The missed points of the recall answer on show that the learner claimed.
    pub fn claimed(&self) -> &[usize] {
        &self.claimed
    }

    /// The missed point the claim key would claim now, if any.
    pub fn claimable(&self) -> Option<usize> {
        self.claim_cursor
    }

    /// The missed points not claimed yet, during a recall item's feedback (none after
    /// "I don't know": there is nothing the learner said).
    fn unclaimed(&self) -> Vec<usize> {
        match &self.phase {
            QuizStep::Feedback {
                verdict: Verdict::Recall(v),
                gave_up: false,
                ..
            } => v
                .missed()
                .into_iter()
                .filter(|i| !self.claimed.contains(i))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Moves the claim cursor to the next missed point not claimed (round to the first).
    pub fn next_missed(&mut self) {
        let open = self.unclaimed();
        let after = self.claim_cursor.map_or(0, |c| c + 1);
        self.claim_cursor = open
            .iter()
            .copied()
            .find(|&i| i >= after)
            .or_else(|| open.first().copied());
    }

    /// "I did say that": claims the missed point under the claim cursor and moves the
    /// cursor on. Once every missed point is claimed the item counts as right, marked
    /// self-assessed, unless the answer stated a misconception. Returns the claim to save; `None` when there is nothing to claim.
    pub fn claim(&mut self, now: Timestamp) -> Option<Claim> {
        let point = self.claim_cursor?;
        if !self.unclaimed().contains(&point) {
            return None;
        }
        let item = self.items.get(self.position)?;
        let claim = Claim {
            card_id: item.card_id.to_string(),
            item_index: item.item_index,
            answered_at: self.submitted_at,
            point,
            claimed_at: now,
        };
        self.claimed.push(point);
        self.next_missed();
        // A misconception stated stays wrong: claiming the points does not unsay it.
        let stated = matches!(
            &self.phase,
            QuizStep::Feedback { verdict: Verdict::Recall(v), .. } if !v.misconceptions.is_empty()
        );
        if self.unclaimed().is_empty()
            && !stated
            && let Some(last) = self.answered.last_mut()
            && !last.correct
        {
            last.correct = true;
            last.self_assessed = true;
        }
        Some(claim)
    }

    /// How many bytes a paste may still bring the recall answer (see
    /// [`MAX_RECALL_ANSWER`]); more is cut.
    pub fn paste_room(&self) -> usize {
        MAX_RECALL_ANSWER.saturating_sub(self.editor.text().len())
    }

    /// Whether keys go to the answer editor now.
    pub fn editing(&self) -> bool {
        self.editor().is_some_and(Editor::focused)
    }

    /// Whether `action` belongs to the current item's kind at all (option picks only up
    /// to its number of options, line moves only when ordering): what the help lists.
    /// [`Self::can`] says whether it would change anything right now.
    pub fn offers(&self, action: &QuizAction) -> bool {
        let item = self.items.get(self.position).map(|i| &i.item);
        match action {
            QuizAction::Pick(i) => *i < self.option_count(),
            QuizAction::Toggle => matches!(item, Some(QuizItem::Multiple(_))),
            QuizAction::MoveLineDown | QuizAction::MoveLineUp => {
                matches!(item, Some(QuizItem::Reorder(_)))
            }
            QuizAction::CursorDown | QuizAction::CursorUp => {
                !matches!(item, Some(QuizItem::Recall(_)))
            }
            QuizAction::Type | QuizAction::StopTyping | QuizAction::Edit(_) => {
                matches!(item, Some(QuizItem::Recall(_)))
            }
            QuizAction::Submit | QuizAction::GiveUp | QuizAction::Next | QuizAction::Fill(_) => {
                true
            }
        }
    }

    /// Whether `action` would change anything now.
    pub fn can(&self, action: &QuizAction) -> bool {
        let answer = match &self.phase {
            QuizStep::Finished => return false,
            QuizStep::Feedback { .. } => return *action == QuizAction::Next,
            QuizStep::Answering(answer) => answer,
        };
        match (action, answer) {
            (QuizAction::Submit, a) => a.is_submittable(),
            (QuizAction::GiveUp, _) => true,
            (QuizAction::CursorDown, AnswerState::Single { choice }) => {
                choice.map_or(0, |c| c + 1) < self.option_count()
            }
            (QuizAction::CursorUp, AnswerState::Single { choice }) => choice.is_some_and(|c| c > 0),
            (QuizAction::Pick(i), AnswerState::Single { choice }) => {
                *i < self.option_count() && *choice != Some(*i)
            }
            (QuizAction::Pick(i), AnswerState::Multiple { picked, .. }) => *i < picked.len(),
            (QuizAction::Toggle, AnswerState::Multiple { cursor, picked }) => {
                *cursor < picked.len()
            }
            (QuizAction::CursorDown, AnswerState::Multiple { cursor, picked }) => {
                cursor + 1 < picked.len()
            }
            (QuizAction::CursorDown, AnswerState::Cloze { cursor, gaps }) => {
                cursor + 1 < gaps.len()
            }
            (
                QuizAction::CursorDown | QuizAction::MoveLineDown,
                AnswerState::Reorder { cursor, order },
            ) => cursor + 1 < order.len(),
            (
                QuizAction::CursorUp,
                AnswerState::Multiple { cursor, .. } | AnswerState::Cloze { cursor, .. },
            )
            | (
                QuizAction::CursorUp | QuizAction::MoveLineUp,
                AnswerState::Reorder { cursor, .. },
            ) => *cursor > 0,
            (QuizAction::Fill(text), AnswerState::Cloze { cursor, gaps }) => {
                gaps.get(*cursor).is_some_and(|g| g != text) || cursor + 1 < gaps.len()
            }
            (QuizAction::Fill(text), AnswerState::Recall { text: old }) => text != old,
            (QuizAction::Type, AnswerState::Recall { .. }) => !self.editor.focused(),
            (QuizAction::StopTyping | QuizAction::Edit(_), AnswerState::Recall { .. }) => {
                self.editor.focused()
            }
            _ => false,
        }
    }

    /// Applies `action` at `now`. Returns the answer to save when one was submitted;
    /// does nothing (and returns `None`) when [`Self::can`] says the action would not
    /// change anything.
    #[must_use]
    pub fn update(&mut self, action: QuizAction, now: Timestamp) -> Option<QuizRecord> {
        if !self.can(&action) {
            return None;
        }
        match action {
            QuizAction::Submit => return self.submit(now, false),
            QuizAction::GiveUp => return self.submit(now, true),
            QuizAction::Next => {
                self.next(now);
                return None;
            }
            _ => {}
        }
        let QuizStep::Answering(answer) = &mut self.phase else {
            return None;
        };
        match (action, answer) {
            (QuizAction::CursorDown, AnswerState::Single { choice }) => {
                *choice = Some(choice.map_or(0, |c| c + 1));
            }
            (QuizAction::CursorUp, AnswerState::Single { choice }) => {
                *choice = choice.map(|c| c.saturating_sub(1));
            }
            (QuizAction::Pick(i), AnswerState::Single { choice }) => *choice = Some(i),
            (QuizAction::Pick(i), AnswerState::Multiple { cursor, picked }) => {
                *cursor = i;
                picked[i] = !picked[i];
            }
            (QuizAction::Toggle, AnswerState::Multiple { cursor, picked }) => {
                picked[*cursor] = !picked[*cursor];
            }
            (
                QuizAction::CursorDown,
                AnswerState::Multiple { cursor, .. }
                | AnswerState::Cloze { cursor, .. }
                | AnswerState::Reorder { cursor, .. },
            ) => *cursor += 1,
            (
                QuizAction::CursorUp,
                AnswerState::Multiple { cursor, .. }
                | AnswerState::Cloze { cursor, .. }
                | AnswerState::Reorder { cursor, .. },
            ) => *cursor -= 1,
            (QuizAction::MoveLineDown, AnswerState::Reorder { cursor, order }) => {
                order.swap(*cursor, *cursor + 1);
                *cursor += 1;
            }
            (QuizAction::MoveLineUp, AnswerState::Reorder { cursor, order }) => {
                order.swap(*cursor, *cursor - 1);
                *cursor -= 1;
            }
            (QuizAction::Fill(text), AnswerState::Cloze { cursor, gaps }) => {
                gaps[*cursor] = text;
                if *cursor + 1 < gaps.len() {
                    *cursor += 1;
                }
            }
            (QuizAction::Fill(new), AnswerState::Recall { text }) => {
                self.editor.set_text(&new);
                *text = new;
            }
            (QuizAction::Type, AnswerState::Recall { .. }) => self.editor.set_focused(true),
            (QuizAction::StopTyping, AnswerState::Recall { .. }) => {
                self.editor.set_focused(false);
            }
            (QuizAction::Edit(edit), AnswerState::Recall { text }) => {
                let room = MAX_RECALL_ANSWER.saturating_sub(text.len());
                if self.editor.apply(edit.within(room).0) {
                    self.draft_unsaved = Some(crate::practice::changed(self.draft_unsaved, now));
                }
                *text = self.editor.text();
            }
            _ => {}
        }
        None
    }

    fn option_count(&self) -> usize {
        match self.items.get(self.position).map(|i| &i.item) {
            Some(QuizItem::Single(s)) => s.options.len(),
            Some(QuizItem::Multiple(m)) => m.options.len(),
            _ => 0,
        }
    }

    fn submit(&mut self, now: Timestamp, gave_up: bool) -> Option<QuizRecord> {
        let item = self.items.get(self.position)?;
        let QuizStep::Answering(answer) = &self.phase else {
            return None;
        };
        let answer = answer.clone();
        self.editor.set_focused(false);
        // Submitted: the draft is removed, not written again.
        self.draft_unsaved = None;
        let verdict = score(&item.item, &answer, &item.synonyms);
        let duration = Duration::try_from(now.duration_since(self.shown_at)).unwrap_or_default();
        let correct = !gave_up && verdict.correct();
        // "I don't know" picked nothing, whatever was highlighted when it was said.
        let picked = match (&answer, gave_up) {
            (AnswerState::Single { .. } | AnswerState::Multiple { .. }, true) => Some(Vec::new()),
            (AnswerState::Single { choice }, false) => {
                Some(identities(&item.option_order, *choice))
            }
            (AnswerState::Multiple { picked, .. }, false) => Some(identities(
                &item.option_order,
                (0..picked.len()).filter(|&i| picked[i]),
            )),
            _ => None,
        };
        self.answered.push(Answered {
            position: self.position,
            correct,
            parts: verdict.parts(),
            duration,
            self_assessed: false,
        });
        let points = match &verdict {
            Verdict::Recall(v) => Some((v.hit().len(), v.points.len())),
            _ => None,
        };
        let record = QuizRecord {
            card_id: item.card_id.to_string(),
            item_index: item.item_index,
            kind: item.item.kind(),
            correct,
            answered_at: now,
            duration,
            picked,
            points,
        };
        self.submitted_at = now;
        self.phase = QuizStep::Feedback {
            answer,
            verdict,
            gave_up,
        };
        self.claim_cursor = None;
        self.next_missed();
        Some(record)
    }

    fn next(&mut self, now: Timestamp) {
        self.position += 1;
        self.shown_at = now;
        self.editor = Editor::default();
        self.claimed.clear();
        self.claim_cursor = None;
        if let Some(item) = self.items.get(self.position) {
            self.phase = QuizStep::Answering(AnswerState::new(&item.item, &item.start_order));
        } else {
            self.position = self.items.len();
            self.phase = QuizStep::Finished;
        }
    }
}

/// Scores `answer` against `item`, a recall answer with `synonyms`. An answer of another
/// kind (which the session never builds) scores as no answer at all.
pub fn score(item: &QuizItem, answer: &AnswerState, synonyms: &Synonyms) -> Verdict {
    match (item, answer) {
        (QuizItem::Single(s), AnswerState::Single { choice }) => {
            Verdict::Single(score_single(s, *choice))
        }
        (QuizItem::Multiple(m), AnswerState::Multiple { picked, .. }) => {
            let chosen: Vec<usize> = (0..picked.len()).filter(|&i| picked[i]).collect();
            Verdict::Multiple(score_multiple(m, &chosen))
        }
        (QuizItem::Cloze(c), AnswerState::Cloze { gaps, .. }) => {
            Verdict::Cloze(score_cloze(c, gaps))
        }
        (QuizItem::Reorder(r), AnswerState::Reorder { order, .. }) => {
            Verdict::Reorder(score_reorder(r, order))
        }
        (QuizItem::Recall(r), AnswerState::Recall { text }) => {
            Verdict::Recall(score_recall(r, text, synonyms))
        }
        (QuizItem::Single(s), _) => Verdict::Single(score_single(s, None)),
        (QuizItem::Multiple(m), _) => Verdict::Multiple(score_multiple(m, &[])),
        (QuizItem::Cloze(c), _) => Verdict::Cloze(score_cloze(c, &[])),
        (QuizItem::Reorder(r), _) => Verdict::Reorder(score_reorder(r, &[])),
        (QuizItem::Recall(r), _) => Verdict::Recall(score_recall(r, "", synonyms)),
    }
}

#[cfg(test)]
mod tests;
