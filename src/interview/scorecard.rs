//! The scorecard of a round (issue 15, item 5): a level per competency, an overall
//! signal, and every point missed with its model phrasing. The rules (README.md, "The
//! mock interview"):
//!
//! | competency | from | Strong | Good | Weak | Poor |
//! |---|---|---|---|---|---|
//! | problem solving | the coding question's last test run | all passed in at most 3 runs | all passed | at least half passed | less |
//! | knowledge | points made (in the answer or after its probe) of the points asked, follow-ups and discussion | ≥ 80% | ≥ 60% | ≥ 40% | less |
//! | communication | probes needed and questions left unanswered, of the questions asked | ≤ 25% | ≤ 50% | ≤ 75% | more |
//! | Leadership Principles | the behavioural checks passed ([`super::star`]: 7 of shape, plus one a card point) | ≥ 85% | ≥ 60% | ≥ 35% | less |
//!
//! A competency whose phase the round never reached (ended early, or time ran out on
//! an earlier phase) is Poor; one the plan has no phase for is not assessed. The signal,
//! from the levels assessed (Strong 4, Good 3, Weak 2, Poor 1): **Strong hire** when
//! their mean is at least 3.5 and none is below Good; **Hire** when the mean is at least
//! 2.75 and none is Poor; **Lean no hire** when the mean is at least 2 and at most one
//! is Poor; otherwise (or when nothing was assessed) **No hire**.

use serde::Serialize;

use crate::content::CardId;
use crate::shown;
use crate::text::Shown;

use super::plan::{Body, PhaseKind, Question};
use super::round::{Made, Round};

/// How a competency came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Poor = 1,
    Weak = 2,
    Good = 3,
    Strong = 4,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Self::Poor => "Poor",
            Self::Weak => "Weak",
            Self::Good => "Good",
            Self::Strong => "Strong",
        }
    }

    /// By a share in percent, with the lowest share each of Strong, Good and Weak.
    fn of_share(percent: usize, [strong, good, weak]: [usize; 3]) -> Self {
        if percent >= strong {
            Self::Strong
        } else if percent >= good {
            Self::Good
        } else if percent >= weak {
            Self::Weak
        } else {
            Self::Poor
        }
    }
}

/// The overall recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    StrongHire,
    Hire,
    LeanNoHire,
    NoHire,
}

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            Self::StrongHire => "Strong hire",
            Self::Hire => "Hire",
            Self::LeanNoHire => "Lean no hire",
            Self::NoHire => "No hire",
        }
    }
}

/// One competency: its level (`None`: not assessed) and what it was judged on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Competency {
    pub name: &'static str,
    pub level: Option<Level>,
    pub detail: Shown,
}

/// A point the candidate did not make, as the card words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedPoint {
    pub card: CardId,
    pub phase: PhaseKind,
    pub question: Shown,
    pub point: Shown,
    pub model_answer: Option<Shown>,
    /// The candidate's words that named the point only to deny it, if they did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied: Option<Shown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scorecard {
    pub competencies: Vec<Competency>,
    pub signal: Signal,
    pub missed: Vec<MissedPoint>,
    /// The model interviewer's few sentences (issue 19), when one is configured and
    /// answered; it never changes a level or the signal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critique: Option<Shown>,
}

impl Scorecard {
    pub fn of(round: &Round) -> Self {
        let competencies = vec![
            problem_solving(round),
            knowledge(round),
            communication(round),
            leadership(round),
        ];
        let signal = signal(&competencies);
        Self {
            competencies,
            signal,
            missed: missed(round),
            critique: None,
        }
    }

    /// The cards with a missed point, each once, in the order missed: what a review of
    /// the round's weak spots would take.
    pub fn missed_cards(&self) -> Vec<CardId> {
        let mut cards: Vec<CardId> = Vec::new();
        for m in &self.missed {
            if !cards.contains(&m.card) {
                cards.push(m.card.clone());
            }
        }
        cards
    }

    /// The level of the competency called `name`.
    pub fn level(&self, name: &str) -> Option<Level> {
        self.competencies
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.level)
    }
}

fn has_phase(round: &Round, kind: PhaseKind) -> bool {
    round.plan().phases.iter().any(|p| p.kind == kind)
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

fn not_reached(name: &'static str) -> Competency {
    Competency {
        name,
        level: Some(Level::Poor),
        detail: Shown::new("not reached"),
    }
}

fn not_assessed(name: &'static str, why: &'static str) -> Competency {
    Competency {
        name,
        level: None,
        detail: Shown::new(why),
    }
}

fn problem_solving(round: &Round) -> Competency {
    const NAME: &str = "problem-solving";
    if !has_phase(round, PhaseKind::Coding) {
        return not_assessed(NAME, "no coding question");
    }
    let Some(coding) = round.coding() else {
        return not_reached(NAME);
    };
    let level = if coding.all_passed && coding.runs <= 3 {
        Level::Strong
    } else if coding.all_passed {
        Level::Good
    } else if coding.tests > 0 && coding.passed * 2 >= coding.tests {
        Level::Weak
    } else {
        Level::Poor
    };
    let minutes = coding.time.div_ceil(60_000);
    Competency {
        name: NAME,
        level: Some(level),
        detail: if coding.runs == 0 {
            shown!("no test run, {minutes} min")
        } else {
            shown!(
                "{} of {} tests passed, {} run{}, {minutes} min",
                coding.passed,
                coding.tests,
                coding.runs,
                if coding.runs == 1 { "" } else { "s" },
            )
        },
    }
}

/// Whether the plan has a scored question in a follow-up or discussion phase.
fn plan_scores_questions(round: &Round) -> bool {
    round.plan().phases.iter().any(|p| match &p.body {
        Body::Questions(qs) => qs.iter().any(|q| matches!(q, Question::Scored(_))),
        _ => false,
    })
}

fn knowledge(round: &Round) -> Competency {
    const NAME: &str = "knowledge";
    let scored: Vec<_> = round.questions().iter().filter(|q| q.scored()).collect();
    if scored.is_empty() {
        return if plan_scores_questions(round) {
            not_reached(NAME)
        } else {
            not_assessed(NAME, "no scored question")
        };
    }
    let asked: usize = scored.iter().map(|q| q.points.len()).sum();
    let made = scored
        .iter()
        .flat_map(|q| &q.points)
        .filter(|p| p.made != Made::Missed)
        .count();
    let share = percent(made, asked);
    Competency {
        name: NAME,
        level: Some(Level::of_share(share, [80, 60, 40])),
        detail: shown!("{made} of {asked} points made ({share}%)"),
    }
}

fn communication(round: &Round) -> Competency {
    const NAME: &str = "communication";
    let questions = round.questions();
    let lp = round.lp();
    let asked = questions.len() + usize::from(lp.is_some());
    if asked == 0 {
        return not_reached(NAME);
    }
    let probes = questions.iter().filter(|q| q.probe.is_some()).count();
    let unanswered = questions.iter().filter(|q| !q.answered).count()
        + usize::from(lp.is_some_and(|l| !l.answered));
    let share = percent(probes + unanswered, asked);
    // Fewer probes are better: the level is by the share of questions that needed none.
    let level = Level::of_share(100 - share.min(100), [75, 50, 25]);
    Competency {
        name: NAME,
        level: Some(level),
        detail: shown!(
            "{probes} probe{} needed, {unanswered} unanswered, of {asked} question{}",
            if probes == 1 { "" } else { "s" },
            if asked == 1 { "" } else { "s" }
        ),
    }
}

fn leadership(round: &Round) -> Competency {
    const NAME: &str = "leadership-principles";
    if !has_phase(round, PhaseKind::Behavioural) {
        return not_assessed(NAME, "no Leadership Principle question");
    }
    let Some(lp) = round.lp() else {
        return not_reached(NAME);
    };
    let (passed, all) = lp.check.passed();
    let share = percent(passed, all);
    Competency {
        name: NAME,
        level: Some(if lp.answered {
            Level::of_share(share, [85, 60, 35])
        } else {
            Level::Poor
        }),
        detail: shown!("{passed} of {all} checks passed"),
    }
}

fn signal(competencies: &[Competency]) -> Signal {
    let levels: Vec<Level> = competencies.iter().filter_map(|c| c.level).collect();
    let Some(lowest) = levels.iter().min().copied() else {
        return Signal::NoHire;
    };
    // The mean times four, kept in whole numbers: 3.5 is 14, 2.75 is 11, 2 is 8.
    let sum: usize = levels.iter().map(|&l| l as usize).sum();
    let mean4 = sum * 4 / levels.len();
    if mean4 >= 14 && lowest >= Level::Good {
        Signal::StrongHire
    } else if mean4 >= 11 && lowest > Level::Poor {
        Signal::Hire
    } else if mean4 >= 8 && levels.iter().filter(|&&l| l == Level::Poor).count() <= 1 {
        Signal::LeanNoHire
    } else {
        Signal::NoHire
    }
}

fn missed(round: &Round) -> Vec<MissedPoint> {
    let mut out = Vec::new();
    if let Some(lp) = round.lp()
        && let Some(phase) = round
            .plan()
            .phases
            .iter()
            .find(|p| p.kind == PhaseKind::Behavioural)
        && let Body::Behavioural { ask, .. } = &phase.body
    {
        for missed in &lp.check.missed {
            out.push(MissedPoint {
                card: lp.card.id.clone(),
                phase: PhaseKind::Behavioural,
                question: ask.clone(),
                point: missed.point.clone(),
                model_answer: lp.model_answer.clone(),
                denied: missed.denied.clone(),
            });
        }
    }
    for q in round.questions() {
        for p in q.points.iter().filter(|p| p.made == Made::Missed) {
            out.push(MissedPoint {
                card: q.card.id.clone(),
                phase: q.phase,
                question: q.ask.clone(),
                point: p.point.clone(),
                model_answer: q.model_answer.clone(),
                denied: p.denied.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn competency(level: Option<Level>) -> Competency {
        Competency {
            name: "x",
            level,
            detail: Shown::default(),
        }
    }

    fn signal_of(levels: &[Option<Level>]) -> Signal {
        signal(&levels.iter().map(|&l| competency(l)).collect::<Vec<_>>())
    }

    #[test]
    fn the_signal_follows_the_documented_rules() {
        use Level::{Good, Poor, Strong, Weak};
        assert_eq!(signal_of(&[Some(Strong); 4]), Signal::StrongHire);
        assert_eq!(
            signal_of(&[Some(Strong), Some(Strong), Some(Good), None]),
            Signal::StrongHire,
            "3.67, none below Good; not assessed is left out"
        );
        assert_eq!(
            signal_of(&[Some(Strong), Some(Strong), Some(Strong), Some(Weak)]),
            Signal::Hire,
            "3.25 with a Weak"
        );
        assert_eq!(
            signal_of(&[Some(Strong), Some(Strong), Some(Strong), Some(Poor)]),
            Signal::LeanNoHire,
            "a Poor bars Hire whatever the mean"
        );
        assert_eq!(signal_of(&[Some(Weak); 4]), Signal::LeanNoHire);
        assert_eq!(
            signal_of(&[Some(Weak), Some(Poor), Some(Weak), Some(Weak)]),
            Signal::NoHire
        );
        assert_eq!(
            signal_of(&[Some(Strong), Some(Strong), Some(Poor), Some(Poor)]),
            Signal::NoHire,
            "two Poor"
        );
        assert_eq!(signal_of(&[None; 4]), Signal::NoHire);
    }

    #[test]
    fn shares_map_to_levels() {
        assert_eq!(Level::of_share(80, [80, 60, 40]), Level::Strong);
        assert_eq!(Level::of_share(79, [80, 60, 40]), Level::Good);
        assert_eq!(Level::of_share(40, [80, 60, 40]), Level::Weak);
        assert_eq!(Level::of_share(0, [80, 60, 40]), Level::Poor);
        assert_eq!(percent(1, 0), 0);
    }
}
