//! A card's follow-up questions: what an interviewer asks once the first answer is in.
//!
//! A follow-up is either a plain question (asked, never scored) or a scored one, which
//! carries the points a good answer makes (scored as a recall answer is), a model
//! answer, and probes: what the interviewer asks when a point is missing.
//!
//! ```yaml
//! follow_ups:
//!   - "How does functools.lru_cache relate to this?"      # asked, not scored
//!   - ask: Make the cache safe to use from several threads.
//!     points:
//!       - point: One lock around get and put, since a get also reorders.
//!         accept: [lock, mutex]
//!     model_answer: A get moves the entry, so it writes; guard both with one lock.
//!     probes:
//!       0: Does a get only read the cache?
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::quiz::{Recall, RecallExamples, RecallPoint};
use crate::text::Shown;

/// One follow-up question of a card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FollowUp {
    /// A plain string: the interviewer asks it and records the answer, unscored.
    Asked(Shown),
    /// A question with points to make, a model answer and probes.
    Scored(ScoredFollowUp),
}

/// A follow-up whose answer is scored against `points` by the recall scorer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredFollowUp {
    pub ask: Shown,
    pub points: Vec<RecallPoint>,
    pub model_answer: Shown,
    /// What the interviewer asks when point `index` (from 0, in `points`' order) is
    /// missing from the answer; a point without a probe is not probed.
    #[serde(default)]
    pub probes: BTreeMap<usize, Shown>,
    /// Answers as a candidate would give them, which `tutor check` scores; not kept in
    /// the parse cache, as a recall item's (`Recall::examples`).
    #[serde(default, skip_serializing)]
    pub examples: RecallExamples,
}

impl FollowUp {
    /// The question the interviewer asks.
    pub fn ask(&self) -> &Shown {
        match self {
            Self::Asked(ask) => ask,
            Self::Scored(scored) => &scored.ask,
        }
    }

    /// The scored form, if this follow-up has one.
    pub fn scored(&self) -> Option<&ScoredFollowUp> {
        match self {
            Self::Asked(_) => None,
            Self::Scored(scored) => Some(scored),
        }
    }
}

impl ScoredFollowUp {
    /// The follow-up as a recall item, so the one recall scorer (and `tutor check`'s
    /// checks of points and examples) serves both.
    pub fn recall(&self) -> Recall {
        Recall {
            question: self.ask.clone(),
            points: self.points.clone(),
            model_answer: self.model_answer.clone(),
            explanation: Shown::default(),
            examples: self.examples.clone(),
            misconceptions: Vec::new(),
        }
    }
}

/// A string is a plain follow-up; a mapping is a scored one, read with its own field
/// rules, so a mistake inside it is reported at its field (an untagged enum would only
/// say that nothing matched).
impl<'de> Deserialize<'de> for FollowUp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FollowUpVisitor;

        impl<'de> Visitor<'de> for FollowUpVisitor {
            type Value = FollowUp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a question as a string, or a mapping with `ask`, `points` and `model_answer`",
                )
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<FollowUp, E> {
                Ok(FollowUp::Asked(Shown::new(value)))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FollowUp, A::Error> {
                ScoredFollowUp::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(FollowUp::Scored)
            }
        }

        deserializer.deserialize_any(FollowUpVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_asked_and_a_mapping_is_scored() {
        let json = r#"["Why?", {"ask": "How?", "points": [{"point": "p", "accept": ["x"]}],
                       "model_answer": "x", "probes": {"0": "And x?"}}]"#;
        let follow_ups: Vec<FollowUp> = serde_json::from_str(json).unwrap();
        assert_eq!(follow_ups[0], FollowUp::Asked(Shown::new("Why?")));
        let scored = follow_ups[1].scored().unwrap();
        assert_eq!(scored.ask.as_str(), "How?");
        assert_eq!(scored.probes[&0].as_str(), "And x?");
        assert_eq!(scored.recall().points.len(), 1);
    }

    #[test]
    fn a_scored_follow_up_names_its_unknown_field() {
        let json = r#"[{"ask": "How?", "points": [], "model_answer": "x", "probe": {}}]"#;
        let error = serde_json::from_str::<Vec<FollowUp>>(json).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `probe`"),
            "{error}"
        );
    }

    #[test]
    fn it_survives_the_parse_cache_format() {
        let follow_ups = vec![
            FollowUp::Asked(Shown::new("Why?")),
            FollowUp::Scored(ScoredFollowUp {
                ask: Shown::new("How?"),
                points: vec![RecallPoint::new("p", vec!["x".into()])],
                model_answer: Shown::new("x"),
                probes: BTreeMap::from([(0, Shown::new("And x?"))]),
                examples: RecallExamples::default(),
            }),
        ];
        let bytes = rmp_serde::to_vec_named(&follow_ups).unwrap();
        let back: Vec<FollowUp> = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, follow_ups);
    }
}
