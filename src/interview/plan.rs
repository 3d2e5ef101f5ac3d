//! What a round asks, phase by phase, with a time budget for each: plain data the round
//! ([`super::round`]) runs, built from the library by [`super::choose`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::content::{
    Card, CardId, CardKind, Deck, FollowUp, Library, QuizItem, Recall, ScoredFollowUp,
};
use crate::quiz::select::SplitMix64;
use crate::quiz::synonyms::Synonyms;
use crate::text::Shown;

use super::clock::Millis;

/// The phases of a round, in the order a loop round runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseKind {
    /// A Leadership Principle question: a STAR story.
    Behavioural,
    /// A coding question, with the card's tests.
    Coding,
    /// The coding card's follow-ups.
    FollowUps,
    /// A discussion question on Python internals or AWS.
    Discussion,
}

impl PhaseKind {
    pub fn title(self) -> &'static str {
        match self {
            Self::Behavioural => "Leadership Principles",
            Self::Coding => "Coding",
            Self::FollowUps => "Follow-ups",
            Self::Discussion => "Discussion",
        }
    }
}

/// The card a phase comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardRef {
    pub id: CardId,
    pub title: Shown,
}

/// A question the interviewer asks and, when it is scored, how.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Asked and recorded, not scored (a follow-up written as a plain string).
    Asked(Shown),
    Scored(Scored),
}

impl Question {
    pub fn ask(&self) -> &Shown {
        match self {
            Self::Asked(ask) => ask,
            Self::Scored(s) => &s.recall.question,
        }
    }
}

/// A scored question: the recall item its answer is scored as (`question` is what is
/// asked), and the probe to ask when a point is missed, by the point's index.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub recall: Recall,
    pub probes: BTreeMap<usize, Shown>,
}

/// What a phase asks.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A behavioural question; `points` is the card's recall item, when it has one.
    Behavioural { ask: Shown, points: Option<Recall> },
    /// A coding question and the tests a solution runs against, per language.
    Coding {
        ask: Shown,
        python_tests: String,
        rust_tests: String,
    },
    /// Questions asked one after another (follow-ups, discussion).
    Questions(Vec<Question>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub card: CardRef,
    /// How long the phase may take on the round's clock.
    pub budget: Millis,
    pub body: Body,
}

/// A round's plan: its phases in order, and what the interviewer says first.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The deck it was drawn from (`None`: the whole library).
    pub deck: Option<String>,
    pub seed: u64,
    pub minutes: u32,
    pub phases: Vec<Phase>,
    /// Notes put at the top of the transcript ("this deck has no Leadership Principle
    /// card: the round skips that phase").
    pub notes: Vec<Shown>,
    /// What recall answers are scored with: the general set and the deck's own.
    pub synonyms: Arc<Synonyms>,
}

impl Plan {
    /// The whole round's budget: the phases' budgets added up.
    pub fn budget(&self) -> Millis {
        self.phases.iter().map(|p| p.budget).sum()
    }
}

/// The default length of a round, in minutes.
pub const DEFAULT_MINUTES: u32 = 45;

/// The topics a discussion question is drawn from (a card's topic or one of its tags).
pub const DISCUSSION_TOPICS: [&str; 2] = ["python-internals", "aws"];

/// Each phase's share of the round, in minutes of a 45-minute round: LP 10, coding 20,
/// follow-ups 8, discussion 7. A phase that is dropped gives its share to the others,
/// in proportion.
const SHARES: [(PhaseKind, u64); 4] = [
    (PhaseKind::Behavioural, 10),
    (PhaseKind::Coding, 20),
    (PhaseKind::FollowUps, 8),
    (PhaseKind::Discussion, 7),
];

/// What to draw a round from: `tutor interview [--deck ID] [--topic ID] [--minutes M]
/// [--seed N]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub deck: Option<Shown>,
    pub topic: Option<Shown>,
    pub minutes: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("no deck with id `{id}`; the decks are: {}", known.join(", "))]
    UnknownDeck { id: Shown, known: Vec<String> },
    #[error("a round needs at least one minute")]
    NoTime,
    #[error("{scope} has no coding card with tests in both languages")]
    NoCodingCard { scope: String },
}

fn has_topic(card: &Card, topic: &str) -> bool {
    card.topic == topic || card.tags.iter().any(|t| t == topic)
}

fn card_ref(card: &Card) -> CardRef {
    CardRef {
        id: card.id.clone(),
        title: card.title.clone(),
    }
}

/// The card's first recall item, if it has one.
fn first_recall(card: &Card) -> Option<&Recall> {
    card.quiz.iter().find_map(|item| match item {
        QuizItem::Recall(r) => Some(r),
        _ => None,
    })
}

/// A card's follow-up as the round asks it.
fn follow_up(follow_up: &FollowUp) -> Question {
    match follow_up {
        FollowUp::Asked(ask) => Question::Asked(ask.clone()),
        FollowUp::Scored(scored) => Question::Scored(Scored {
            recall: scored.recall(),
            probes: scored.probes.clone(),
        }),
    }
}

/// The points an LP answer is checked for: the card's first recall item, else its
/// first scored follow-up's.
fn lp_points(card: &Card) -> Option<Recall> {
    first_recall(card).cloned().or_else(|| {
        card.follow_ups
            .iter()
            .find_map(FollowUp::scored)
            .map(ScoredFollowUp::recall)
    })
}

/// Chooses a round from `library` (see README.md, "The mock interview"):
///
/// - the LP card: a behavioural card, drawn by the seed; its answer is checked for the
///   points of its first recall item (else of its first scored follow-up). A library
///   (or deck) without one drops the phase, and the transcript says so;
/// - the coding card: a coding card with tests in both languages, of `--topic` (its
///   topic or a tag) when given, else outside the discussion topics (any coding card
///   when there is none there), drawn by the seed; its follow-ups are the next phase
///   (dropped, with a note, when it has none);
/// - the discussion card: a card of `--topic` when that is a discussion topic, else of
///   a discussion topic the seed picks (of those with a card), not the coding card;
///   cards with a recall item first, when the topic has some. It
///   asks the card's first recall item (scored) or its prompt, then its first scored
///   follow-up (else its first). Dropped, with a note, when there is no such card;
/// - budgets: of a 45-minute round LP 10, coding 20, follow-ups 8, discussion 7;
///   another length scales them, a dropped phase's share goes to the others in
///   proportion, and the last phase takes what rounding leaves.
///
/// The seed draws from a `SplitMix64`, cards in library order, so the same seed and
/// library give the same round.
pub fn choose(library: &Library, choice: &Choice) -> Result<Plan, PlanError> {
    if choice.minutes == 0 {
        return Err(PlanError::NoTime);
    }
    let deck = match &choice.deck {
        Some(id) => Some(library.deck(id).ok_or_else(|| PlanError::UnknownDeck {
            id: id.clone(),
            known: library.decks.iter().map(|d| d.meta.id.clone()).collect(),
        })?),
        None => None,
    };
    let cards: Vec<(&Deck, &Card)> = library
        .cards()
        .filter(|(d, _)| deck.is_none_or(|wanted| std::ptr::eq(*d, wanted)))
        .collect();
    let mut rng = SplitMix64(choice.seed);
    let mut notes = Vec::new();
    let mut phases: Vec<(PhaseKind, CardRef, Body)> = Vec::new();

    let lp: Vec<&Card> = cards
        .iter()
        .filter(|(_, c)| c.kind == CardKind::Behavioral)
        .map(|(_, c)| *c)
        .collect();
    match pick(&lp, &mut rng) {
        Some(card) => phases.push((
            PhaseKind::Behavioural,
            card_ref(card),
            Body::Behavioural {
                ask: card.prompt.clone(),
                points: lp_points(card),
            },
        )),
        None => notes.push(Shown::new(
            "No Leadership Principle card to ask here: this round skips that phase.",
        )),
    }

    let code_card = coding_card(&cards, choice, &mut rng)?;
    if let Some((python, rust)) = code_card.code() {
        phases.push((
            PhaseKind::Coding,
            card_ref(code_card),
            Body::Coding {
                ask: code_card.prompt.clone(),
                python_tests: python.tests.clone(),
                rust_tests: rust.tests.clone(),
            },
        ));
    }
    if code_card.follow_ups.is_empty() {
        notes.push(Shown::new(
            "The coding card has no follow-ups: this round skips that phase.",
        ));
    } else {
        phases.push((
            PhaseKind::FollowUps,
            card_ref(code_card),
            Body::Questions(code_card.follow_ups.iter().map(follow_up).collect()),
        ));
    }

    match discussion_card(&cards, code_card, choice.topic.as_deref(), &mut rng) {
        Some(card) => phases.push((
            PhaseKind::Discussion,
            card_ref(card),
            Body::Questions(discussion(card)),
        )),
        None => notes.push(Shown::new(
            "No Python internals or AWS card to discuss: this round skips that phase.",
        )),
    }
    let phases = budgeted(phases, choice.minutes);
    // Most scored questions are the coding card's: its deck's synonyms score them.
    let synonyms = cards
        .iter()
        .find(|(_, c)| c.id == code_card.id)
        .map_or_else(Synonyms::general, |(d, _)| {
            Synonyms::with_deck(&d.meta.synonyms)
        });
    Ok(Plan {
        deck: deck.map(|d| d.meta.id.clone()),
        seed: choice.seed,
        minutes: choice.minutes,
        phases,
        notes,
        synonyms: Arc::new(synonyms),
    })
}

/// The coding card: of `--topic` when given, else outside the discussion topics (any
/// when there is none there), drawn by `rng`.
fn coding_card<'a>(
    cards: &[(&Deck, &'a Card)],
    choice: &Choice,
    rng: &mut SplitMix64,
) -> Result<&'a Card, PlanError> {
    let coding: Vec<&Card> = cards
        .iter()
        .filter(|(_, c)| c.kind == CardKind::Coding && c.has_code())
        .map(|(_, c)| *c)
        .collect();
    let of_topic: Vec<&Card> = match &choice.topic {
        Some(topic) => coding
            .iter()
            .copied()
            .filter(|c| has_topic(c, topic))
            .collect(),
        None => {
            let outside: Vec<&Card> = coding
                .iter()
                .copied()
                .filter(|c| !DISCUSSION_TOPICS.iter().any(|t| has_topic(c, t)))
                .collect();
            if outside.is_empty() { coding } else { outside }
        }
    };
    pick(&of_topic, rng).ok_or_else(|| {
        let scope = match (&choice.deck, &choice.topic) {
            (Some(d), Some(t)) => format!("deck `{d}`, topic `{t}`,"),
            (Some(d), None) => format!("deck `{d}`"),
            (None, Some(t)) => format!("topic or tag `{t}`"),
            (None, None) => "the library".to_string(),
        };
        PlanError::NoCodingCard { scope }
    })
}

/// The discussion card: of `topic` when it is a discussion topic, else of one `rng`
/// picks among those with a card; not `code_card`; cards with a recall item first.
fn discussion_card<'a>(
    cards: &[(&Deck, &'a Card)],
    code_card: &Card,
    topic: Option<&str>,
    rng: &mut SplitMix64,
) -> Option<&'a Card> {
    let discussable = |topic: &str| -> Vec<&'a Card> {
        let all: Vec<&Card> = cards
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| c.id != code_card.id && has_topic(c, topic))
            .filter(|c| c.kind == CardKind::Coding)
            .collect();
        let scored: Vec<&Card> = all
            .iter()
            .copied()
            .filter(|c| first_recall(c).is_some())
            .collect();
        if scored.is_empty() { all } else { scored }
    };
    let topics: Vec<&str> = match topic {
        Some(t) if DISCUSSION_TOPICS.contains(&t) => vec![t],
        _ => DISCUSSION_TOPICS
            .iter()
            .copied()
            .filter(|t| !discussable(t).is_empty())
            .collect(),
    };
    pick(&topics, rng).and_then(|t| pick(&discussable(t), rng))
}

/// What the discussion asks: the card's first recall item (scored) or its prompt, then
/// its first scored follow-up (else its first).
fn discussion(card: &Card) -> Vec<Question> {
    let mut questions = vec![match first_recall(card) {
        Some(recall) => Question::Scored(Scored {
            recall: recall.clone(),
            probes: BTreeMap::new(),
        }),
        None => Question::Asked(card.prompt.clone()),
    }];
    let scored = card.follow_ups.iter().find(|f| f.scored().is_some());
    questions.extend(scored.or(card.follow_ups.first()).map(follow_up));
    questions
}

/// The phases with their budgets: `minutes` shared by [`SHARES`], the last phase taking
/// what rounding leaves.
fn budgeted(phases: Vec<(PhaseKind, CardRef, Body)>, minutes: u32) -> Vec<Phase> {
    let total = u64::from(minutes) * 60_000;
    let shares: u64 = phases.iter().map(|(kind, ..)| share(*kind)).sum();
    let count = phases.len();
    let mut left = total;
    phases
        .into_iter()
        .enumerate()
        .map(|(i, (kind, card, body))| {
            let budget = if i + 1 == count {
                left
            } else {
                (total * share(kind)).checked_div(shares).unwrap_or(0)
            };
            left -= budget;
            Phase {
                kind,
                card,
                budget,
                body,
            }
        })
        .collect()
}

fn share(kind: PhaseKind) -> u64 {
    SHARES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(0, |(_, share)| *share)
}

/// One of `pool`, drawn by `rng`; `None` when it is empty.
fn pick<T: Copy>(pool: &[T], rng: &mut SplitMix64) -> Option<T> {
    (!pool.is_empty()).then(|| pool[rng.below(pool.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(seed: u64) -> Choice {
        Choice {
            deck: None,
            topic: None,
            minutes: DEFAULT_MINUTES,
            seed,
        }
    }

    fn library() -> &'static Library {
        crate::content::bundled_library()
    }

    fn kinds(plan: &Plan) -> Vec<PhaseKind> {
        plan.phases.iter().map(|p| p.kind).collect()
    }

    fn card_of(plan: &Plan, kind: PhaseKind) -> Option<&Card> {
        let phase = plan.phases.iter().find(|p| p.kind == kind)?;
        library().card(phase.card.id.as_str()).map(|(_, c)| c)
    }

    #[test]
    fn a_round_has_four_phases_in_loop_order_and_the_seed_repeats_it() {
        let plan = choose(library(), &choice(7)).unwrap();
        assert_eq!(
            kinds(&plan),
            [
                PhaseKind::Behavioural,
                PhaseKind::Coding,
                PhaseKind::FollowUps,
                PhaseKind::Discussion
            ]
        );
        let budgets: Vec<_> = plan.phases.iter().map(|p| p.budget / 60_000).collect();
        assert_eq!(budgets, [10, 20, 8, 7]);
        assert_eq!(plan.budget(), 45 * 60_000);
        assert!(plan.notes.is_empty());
        let again = choose(library(), &choice(7)).unwrap();
        assert_eq!(plan.phases, again.phases);
        let lp = card_of(&plan, PhaseKind::Behavioural).unwrap();
        assert_eq!(lp.kind, CardKind::Behavioral);
        let coding = card_of(&plan, PhaseKind::Coding).unwrap();
        assert!(coding.code().is_some());
        assert!(!DISCUSSION_TOPICS.contains(&coding.topic.as_str()));
        let discussion = card_of(&plan, PhaseKind::Discussion).unwrap();
        assert!(DISCUSSION_TOPICS.contains(&discussion.topic.as_str()));
        assert_ne!(discussion.id, coding.id);
        // Other seeds draw other rounds.
        let cards: std::collections::BTreeSet<_> = (0..20)
            .map(|seed| {
                let plan = choose(library(), &choice(seed)).unwrap();
                plan.phases
                    .iter()
                    .map(|p| p.card.id.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(cards.len() > 5, "{cards:?}");
    }

    #[test]
    fn a_topic_picks_the_discussion_or_the_coding_card() {
        for seed in 0..10 {
            let mut aws = choice(seed);
            aws.topic = Some("aws".into());
            let plan = choose(library(), &aws).unwrap();
            assert!(has_topic(
                card_of(&plan, PhaseKind::Discussion).unwrap(),
                "aws"
            ));
            assert!(has_topic(card_of(&plan, PhaseKind::Coding).unwrap(), "aws"));
            let mut ds = choice(seed);
            ds.topic = Some("data-structures".into());
            let plan = choose(library(), &ds).unwrap();
            assert_eq!(
                card_of(&plan, PhaseKind::Coding).unwrap().topic,
                "data-structures"
            );
        }
        let mut lp = choice(1);
        lp.topic = Some("leadership-principles".into());
        assert!(matches!(
            choose(library(), &lp),
            Err(PlanError::NoCodingCard { .. })
        ));
    }

    #[test]
    fn a_deck_without_an_lp_card_drops_the_phase_and_says_so() {
        let mut deck = library().decks[0].clone();
        deck.cards.retain(|c| c.kind != CardKind::Behavioral);
        let mut lib = Library::default();
        lib.decks.push(deck);
        let mut short = choice(3);
        short.minutes = 30;
        let plan = choose(&lib, &short).unwrap();
        assert_eq!(kinds(&plan)[0], PhaseKind::Coding);
        assert!(
            plan.notes[0].contains("Leadership Principle"),
            "{:?}",
            plan.notes
        );
        assert_eq!(plan.budget(), 30 * 60_000);
        // The coding phase's share, 20 of the 35 left, of 30 minutes.
        assert_eq!(plan.phases[0].budget, 30 * 60_000 * 20 / 35);
    }

    #[test]
    fn zero_minutes_and_an_unknown_deck_are_errors() {
        let mut zero = choice(1);
        zero.minutes = 0;
        assert_eq!(choose(library(), &zero).unwrap_err(), PlanError::NoTime);
        let mut nowhere = choice(1);
        nowhere.deck = Some("nope".into());
        assert!(matches!(
            choose(library(), &nowhere),
            Err(PlanError::UnknownDeck { .. })
        ));
        // One minute still makes a round: every phase gets its part.
        let mut one = choice(1);
        one.minutes = 1;
        let plan = choose(library(), &one).unwrap();
        assert!(plan.phases.iter().all(|p| p.budget > 0));
        assert_eq!(plan.budget(), 60_000);
    }
}
