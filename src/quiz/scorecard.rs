//! The scorecard at the end of a quiz: the score out of N, by topic and by kind, and the
//! time each item took.

use std::time::Duration;

use crate::content::QuizKind;
use crate::text::Shown;

use super::select::SessionItem;
use super::session::Answered;

/// Right answers out of answers given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    pub fn add(&mut self, correct: bool) {
        self.correct += usize::from(correct);
        self.total += 1;
    }

    /// The share right, when anything was answered.
    pub fn rate(self) -> Option<f64> {
        let to_f64 = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
        (self.total > 0).then(|| to_f64(self.correct) / to_f64(self.total))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    /// The topic id and its title in the deck.
    pub topic: String,
    pub title: Shown,
    pub tally: Tally,
}

/// One answered item, for the per-item lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScore {
    pub card_id: String,
    pub card_title: Shown,
    /// The item's question, to tell apart several items of one card.
    pub question: Shown,
    pub item_index: usize,
    pub kind: QuizKind,
    pub correct: bool,
    /// Parts right and parts in all: options, gaps, line positions or key points.
    pub parts: (usize, usize),
    pub duration: Duration,
    /// Right only because the learner claimed every missed point.
    pub self_assessed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    /// Right answers out of the items answered.
    pub score: Tally,
    /// How many items the quiz has (N); more than `score.total` if it ended early.
    pub asked: usize,
    /// In the order each topic first came up.
    pub by_topic: Vec<TopicScore>,
    /// In [`QuizKind::ALL`] order, only the kinds that came up.
    pub by_kind: Vec<(QuizKind, Tally)>,
    /// In the order they were answered.
    pub items: Vec<ItemScore>,
    pub total_time: Duration,
}

impl Scorecard {
    pub fn new(items: &[SessionItem], answered: &[Answered]) -> Self {
        let mut score = Tally::default();
        let mut by_topic: Vec<TopicScore> = Vec::new();
        let mut kinds = [Tally::default(); QuizKind::ALL.len()];
        let mut lines = Vec::with_capacity(answered.len());
        let mut total_time = Duration::ZERO;
        for answer in answered {
            let Some(item) = items.get(answer.position) else {
                continue;
            };
            score.add(answer.correct);
            if let Some(topic) = by_topic.iter_mut().find(|t| t.topic == item.topic) {
                topic.tally.add(answer.correct);
            } else {
                let mut tally = Tally::default();
                tally.add(answer.correct);
                by_topic.push(TopicScore {
                    topic: item.topic.clone(),
                    title: item.topic_title.clone(),
                    tally,
                });
            }
            let kind = item.item.kind();
            if let Some(slot) = QuizKind::ALL
                .iter()
                .position(|k| *k == kind)
                .and_then(|i| kinds.get_mut(i))
            {
                slot.add(answer.correct);
            }
            total_time += answer.duration;
            lines.push(ItemScore {
                card_id: item.card_id.to_string(),
                card_title: item.card_title.clone(),
                question: item.item.question().clone(),
                item_index: item.item_index,
                kind,
                correct: answer.correct,
                parts: answer.parts,
                duration: answer.duration,
                self_assessed: answer.self_assessed,
            });
        }
        Self {
            score,
            asked: items.len(),
            by_topic,
            by_kind: QuizKind::ALL
                .into_iter()
                .zip(kinds)
                .filter(|(_, t)| t.total > 0)
                .collect(),
            items: lines,
            total_time,
        }
    }

    /// The mean time per answered item.
    pub fn mean_time(&self) -> Option<Duration> {
        let n = u32::try_from(self.items.len()).ok().filter(|n| *n > 0)?;
        Some(self.total_time / n)
    }
}
