//! Progress figures: cards by state, due counts, reviews today, streak, true retention,
//! a 30-day due forecast, a 365-day review heatmap and quiz results. Computed from the store and the
//! loaded decks at a given `now`; drawn by [`render`], serialized by [`Stats::to_json`];
//! the quiz's figures item by item, which only `tutor stats --json` and `--items` read
//! (grouping every answer costs a few hundred ms at 200,000 of them), are in [`items`].

pub mod items;
pub mod render;

use jiff::Timestamp;
use serde_json::{Value, json};

use crate::content::Library;
use crate::days::{DayNumber, Days, offset};
use crate::quiz::Tally;
use crate::srs::{CardStage, CardState};
use crate::store::{InterviewRow, PracticeSummary, PracticeTally, QuizSummary, Store, StoreError};

pub const FORECAST_DAYS: usize = 30;
pub const HEATMAP_DAYS: usize = 365;
pub const RETENTION_DAYS: i64 = 30;
/// The recent window quiz results are also counted over.
pub const QUIZ_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub new: usize,
    pub learning: usize,
    pub review: usize,
    pub relearning: usize,
    pub leeches: usize,
}

/// One deck card and its state (`None`: new).
#[derive(Debug, Clone, PartialEq)]
pub struct CardStat {
    pub id: String,
    pub deck: String,
    pub state: Option<CardState>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub now: Timestamp,
    pub today: DayNumber,
    pub counts: Counts,
    pub due_now: usize,
    pub due_today: usize,
    pub reviews_today: u32,
    pub streak: u32,
    /// (passed, total) review-phase answers over the last [`RETENTION_DAYS`].
    pub retention: (u32, u32),
    /// Cards due on each of the next days; day 0 includes everything overdue.
    pub forecast: [u32; FORECAST_DAYS],
    /// Reviews on each of the last [`HEATMAP_DAYS`] days, oldest first, today last.
    pub heatmap: Vec<u32>,
    pub cards: Vec<CardStat>,
    /// Quiz answers: all time, over the last [`QUIZ_DAYS`], and by kind.
    pub quiz: QuizSummary,
    /// Mock interviews, oldest first.
    pub interviews: Vec<InterviewRow>,
    /// Practice runs: cards tried, solved and passed on the first run, by language.
    pub practice: PracticeSummary,
}

impl Stats {
    pub fn compute(
        store: &Store,
        library: &Library,
        now: Timestamp,
        days: &Days,
    ) -> Result<Self, StoreError> {
        let today = days.day_of(now);
        let states: std::collections::HashMap<String, CardState> =
            store.card_states()?.into_iter().collect();
        let cards: Vec<CardStat> = library
            .cards()
            .map(|(deck, card)| CardStat {
                id: card.id.to_string(),
                deck: deck.meta.id.clone(),
                state: states.get(card.id.as_str()).copied(),
            })
            .collect();
        let mut counts = Counts {
            total: cards.len(),
            ..Counts::default()
        };
        let mut forecast = [0u32; FORECAST_DAYS];
        let (mut due_now, mut due_today) = (0, 0);
        let day_end = days.end_of_day(now);
        for card in &cards {
            let Some(state) = card.state else {
                counts.new += 1;
                continue;
            };
            match state.phase {
                CardStage::New => counts.new += 1,
                CardStage::Learning => counts.learning += 1,
                CardStage::Review => counts.review += 1,
                CardStage::Relearning => counts.relearning += 1,
            }
            counts.leeches += usize::from(state.is_leech());
            due_now += usize::from(state.due <= now);
            due_today += usize::from(state.due < day_end);
            let offset = (days.day_of(state.due) - today).max(0);
            if let Some(slot) = usize::try_from(offset)
                .ok()
                .and_then(|o| forecast.get_mut(o))
            {
                *slot += 1;
            }
        }
        let first = first_heatmap_day(today);
        let mut heatmap = vec![0u32; HEATMAP_DAYS];
        for (day, n) in store.reviews_per_day(first, today)? {
            if let Ok(i) = usize::try_from(day - first) {
                heatmap[i] = n;
            }
        }
        Ok(Self {
            now,
            today,
            counts,
            due_now,
            due_today,
            reviews_today: heatmap[HEATMAP_DAYS - 1],
            streak: store.streak(today)?,
            retention: store.retention(today - (RETENTION_DAYS - 1))?,
            forecast,
            heatmap,
            cards,
            quiz: store.quiz_summary(today - (QUIZ_DAYS - 1))?,
            interviews: store.interviews()?,
            practice: store.practice_summary()?,
        })
    }

    /// True retention as a fraction, when there was anything to measure.
    pub fn retention_rate(&self) -> Option<f64> {
        let (passed, total) = self.retention;
        (total > 0).then(|| f64::from(passed) / f64::from(total))
    }

    /// The same figures as the text report, plus every card's scheduling state.
    pub fn to_json(&self, days: &Days) -> Value {
        let c = &self.counts;
        let first = first_heatmap_day(self.today);
        json!({
            "generated_at": self.now.to_string(),
            "cards": {
                "total": c.total, "new": c.new, "learning": c.learning,
                "review": c.review, "relearning": c.relearning, "leeches": c.leeches,
            },
            "due_now": self.due_now,
            "due_today": self.due_today,
            "reviews_today": self.reviews_today,
            "streak_days": self.streak,
            "retention_30d": {
                "passed": self.retention.0,
                "total": self.retention.1,
                "rate": self.retention_rate(),
            },
            "forecast": self.forecast.iter().enumerate().map(|(i, n)| json!({
                "date": days.date_of(self.today + offset(i)).to_string(), "due": n,
            })).collect::<Vec<_>>(),
            "heatmap": self.heatmap.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| json!({
                "date": days.date_of(first + offset(i)).to_string(), "reviews": n,
            })).collect::<Vec<_>>(),
            "per_card": self.cards.iter().map(card_json).collect::<Vec<_>>(),
            "quiz": quiz_json(&self.quiz),
            "interviews": self.interviews.iter().map(|i| interview_json(i, days)).collect::<Vec<_>>(),
            "practice": practice_json(&self.practice),
        })
    }
}

/// The oldest day the heatmap shows.
pub fn first_heatmap_day(today: DayNumber) -> DayNumber {
    today - offset(HEATMAP_DAYS - 1)
}

/// One mock interview: when, what was asked, the signal and each competency's level
/// (`null`: not assessed), and the scorecard as it was saved.
fn interview_json(row: &InterviewRow, days: &Days) -> Value {
    let at = Timestamp::from_millisecond(row.started_at).unwrap_or_default();
    json!({
        "started_at": at.to_string(),
        "local_time": days.local_time(at),
        "deck": row.deck,
        "seed": row.seed,
        "minutes": row.minutes,
        "signal": row.signal,
        "competencies": {
            "problem_solving": row.problem_solving,
            "knowledge": row.knowledge,
            "communication": row.communication,
            "leadership_principles": row.leadership,
        },
        "scorecard": serde_json::from_str::<Value>(&row.scorecard).unwrap_or(Value::Null),
        "transcript": row.transcript,
    })
}

fn tally_json(t: Tally) -> Value {
    json!({ "answered": t.total, "correct": t.correct, "rate": t.rate() })
}

/// `{answered, correct, rate, last_30_days: {..}, self_assessed, recall_points: {total,
/// scored, self_assessed}, by_kind: {single: {..}, ...}}`; `correct` counts the answers
/// right by the learner's word too, and `self_assessed` says how many those are.
fn quiz_json(quiz: &QuizSummary) -> Value {
    let mut out = tally_json(quiz.all_time);
    out["last_30_days"] = tally_json(quiz.recent);
    out["self_assessed"] = json!(quiz.self_assessed);
    out["recall_points"] = json!({
        "total": quiz.points_total,
        "scored": quiz.points_scored,
        "self_assessed": quiz.points_claimed,
    });
    out["by_kind"] = quiz
        .by_kind
        .iter()
        .map(|(kind, t)| (kind.clone(), tally_json(*t)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    out
}

/// `{tried, solved, first_try, first_try_rate, by_lang: {python: {..}, rust: {..}}}`:
/// cards run at least once, cards whose tests all passed at least once, cards whose
/// first run passed, and that share of the cards tried (null before any run).
fn practice_json(practice: &PracticeSummary) -> Value {
    let tally = |t: PracticeTally| {
        json!({
            "tried": t.tried, "solved": t.solved, "first_try": t.first_try,
            "first_try_rate": t.first_try_rate(),
        })
    };
    let mut out = tally(practice.all());
    out["by_lang"] = ["python", "rust"]
        .into_iter()
        .map(|lang| {
            let t = practice
                .by_lang
                .iter()
                .find(|(l, _)| l == lang)
                .map_or_else(PracticeTally::default, |(_, t)| *t);
            (lang.to_string(), tally(t))
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    out
}

fn card_json(card: &CardStat) -> Value {
    match &card.state {
        None => json!({
            "id": card.id, "deck": card.deck, "state": "new", "due": null,
            "stability": null, "difficulty": null, "reps": 0, "lapses": 0,
        }),
        Some(s) => json!({
            "id": card.id, "deck": card.deck, "state": s.phase.label(),
            "due": s.due.to_string(),
            "stability": s.memory.stability, "difficulty": s.memory.difficulty,
            "reps": s.reps, "lapses": s.lapses,
        }),
    }
}

#[cfg(test)]
mod tests;
