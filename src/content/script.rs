//! The answers file of `tutor interview --answers FILE` (issue 15): a YAML list, one
//! entry a step, in order:
//!
//! ```yaml
//! - I led the migration ...          # an answer, as text (empty: no answer)
//! - file: solution.py                # the coding step: run the card's tests on it
//! - wait: 600                        # ten minutes pass on the round's clock
//! ```
//!
//! Parsed by [`super::yaml::parse_answers`].

use std::fmt;
use std::path::PathBuf;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// One step of an answers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptStep {
    /// An answer to the question asked.
    Answer(String),
    /// A solution file (`.py` or `.rs`), relative to the answers file's folder.
    File(PathBuf),
    /// Seconds that pass on the round's clock.
    Wait(u64),
}

impl<'de> Deserialize<'de> for ScriptStep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StepVisitor;

        impl<'de> Visitor<'de> for StepVisitor {
            type Value = ScriptStep;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer as text, `file: PATH` or `wait: SECONDS`")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(value.to_string()))
            }

            fn visit_unit<E: de::Error>(self) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(String::new()))
            }

            fn visit_none<E: de::Error>(self) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(String::new()))
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(value.to_string()))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(value.to_string()))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(value.to_string()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<ScriptStep, E> {
                Ok(ScriptStep::Answer(value.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ScriptStep, A::Error> {
                Step::deserialize(de::value::MapAccessDeserializer::new(map)).map(|s| match s {
                    Step::File(path) => ScriptStep::File(path),
                    Step::Wait(secs) => ScriptStep::Wait(secs),
                })
            }
        }

        deserializer.deserialize_any(StepVisitor)
    }
}

/// The mapping forms, read with serde's own field rules so a mistake names its key.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
enum Step {
    File(PathBuf),
    Wait(u64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse_answers;

    #[test]
    fn text_files_waits_and_empty_answers() {
        let steps =
            parse_answers("- I led it.\n- file: a.py\n- wait: 90\n- \n- ''\n- 42\n").unwrap();
        assert_eq!(
            steps,
            [
                ScriptStep::Answer("I led it.".into()),
                ScriptStep::File("a.py".into()),
                ScriptStep::Wait(90),
                ScriptStep::Answer(String::new()),
                ScriptStep::Answer(String::new()),
                ScriptStep::Answer("42".into()),
            ]
        );
    }

    #[test]
    fn a_mistake_names_its_line() {
        let e = parse_answers("- fine\n- wait: soon\n").unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        let e = parse_answers("- fine\n- {file: a.py, wait: 3}\n").unwrap_err();
        assert_eq!(e.line, 2, "{e:?}");
        assert!(parse_answers("just: a map\n").is_err());
        // The path is said once, in its own column: serde_yaml's message starts with it
        // too, with a leading dot (`.[1].wait: invalid type ...`).
        let e = parse_answers("- fine\n- wait: -5\n").unwrap_err();
        assert_eq!(e.field, "[1].wait", "{e:?}");
        assert!(e.message.starts_with("invalid type"), "{e:?}");
        // An empty file is no answers: the round ends at once.
        assert_eq!(parse_answers("").unwrap(), []);
    }
}
