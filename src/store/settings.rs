//! Scheduler settings kept in the database, so every `tutor` on the machine agrees.

use rusqlite::OptionalExtension as _;

use super::{Store, StoreError};
use crate::srs::{RETENTION_RANGE, Settings};

/// The settings a user can change, with their keys.
pub const KEYS: [&str; 3] = ["desired-retention", "new-per-day", "reviews-per-day"];
const PARAMETERS: &str = "fsrs-parameters";
/// The folder `tutor sync` uses when given none; set with `tutor config sync-dir DIR`.
pub const SYNC_DIR: &str = "sync-dir";
/// Whether a lab's diagram moves a node over a few frames: `tutor config motion off`.
pub const MOTION: &str = "motion";
/// The model interviewer's settings (`tutor config llm-url URL` and so on); its key is
/// never stored (`TUTOR_LLM_API_KEY`).
pub const LLM_KEYS: [&str; 3] = ["llm-url", "llm-model", "llm-timeout"];
/// Before this prefix and a URL: whether the user agreed to send their answers there.
const LLM_CONSENT: &str = "llm-consent ";

/// The model interviewer's settings as stored (`None`: not set).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LlmSettings {
    pub url: Option<String>,
    pub model: Option<String>,
    pub timeout_secs: Option<u64>,
}

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                [key, value],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    fn corrupt(&self, key: &str, value: &str) -> StoreError {
        StoreError::Corrupt {
            path: self.path().to_path_buf(),
            what: format!("setting {key} = {value:?}"),
        }
    }

    /// The stored settings; defaults for anything never set.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let mut settings = Settings::default();
        if let Some(v) = self.setting("desired-retention")? {
            settings.desired_retention = v
                .parse()
                .map_err(|_| self.corrupt("desired-retention", &v))?;
        }
        if let Some(v) = self.setting("new-per-day")? {
            settings.new_per_day = v.parse().map_err(|_| self.corrupt("new-per-day", &v))?;
        }
        if let Some(v) = self.setting("reviews-per-day")? {
            settings.reviews_per_day =
                v.parse().map_err(|_| self.corrupt("reviews-per-day", &v))?;
        }
        if let Some(v) = self.setting(PARAMETERS)? {
            settings.parameters =
                serde_json::from_str(&v).map_err(|_| self.corrupt(PARAMETERS, &v))?;
        }
        Ok(settings)
    }

    /// Sets one of [`KEYS`] from text, refusing values out of range.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), String> {
        let valid = match key {
            "desired-retention" => value
                .parse::<f32>()
                .ok()
                .filter(|r| RETENTION_RANGE.contains(r))
                .map(|_| ())
                .ok_or_else(|| {
                    format!("desired-retention must be a number from 0.70 to 0.97, not {value:?}")
                }),
            "new-per-day" | "reviews-per-day" => value
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 10_000)
                .map(|_| ())
                .ok_or_else(|| {
                    format!("{key} must be a whole number from 0 to 10000, not {value:?}")
                }),
            _ => Err(format!(
                "unknown setting {key:?}; the settings are: {}, {SYNC_DIR}, {MOTION}, {}",
                KEYS.join(", "),
                LLM_KEYS.join(", ")
            )),
        };
        valid?;
        self.put_setting(key, value.trim())
            .map_err(|e| e.to_string())
    }

    /// Whether the lab's diagram shows motion (`tutor config motion`): on unless set off.
    pub fn motion(&self) -> Result<bool, StoreError> {
        match self.setting(MOTION)?.as_deref() {
            None | Some("on") => Ok(true),
            Some("off") => Ok(false),
            Some(other) => Err(self.corrupt(MOTION, other)),
        }
    }

    /// Sets [`MOTION`] to `on` or `off`.
    pub fn set_motion(&self, value: &str) -> Result<(), String> {
        match value.trim() {
            v @ ("on" | "off") => self.put_setting(MOTION, v).map_err(|e| e.to_string()),
            _ => Err(format!("{MOTION} must be on or off, not {value:?}")),
        }
    }

    /// The sync folder (`tutor config sync-dir`), if one is set.
    pub fn sync_dir(&self) -> Result<Option<std::path::PathBuf>, StoreError> {
        Ok(self
            .setting(SYNC_DIR)?
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from))
    }

    /// Sets the sync folder (checked by the caller), or clears it with `None`.
    pub fn set_sync_dir(&self, dir: Option<&std::path::Path>) -> Result<(), StoreError> {
        match dir {
            Some(dir) => self.put_setting(SYNC_DIR, &dir.to_string_lossy()),
            None => self
                .conn()
                .execute("DELETE FROM settings WHERE key = ?1", [SYNC_DIR])
                .map(drop)
                .map_err(|e| self.err(e)),
        }
    }

    /// The model interviewer's settings.
    pub fn llm_settings(&self) -> Result<LlmSettings, StoreError> {
        let timeout_secs = match self.setting("llm-timeout")? {
            Some(v) => Some(
                crate::llm::config::parse_timeout(&v)
                    .map_err(|_| self.corrupt("llm-timeout", &v))?,
            ),
            None => None,
        };
        Ok(LlmSettings {
            url: self.setting("llm-url")?,
            model: self.setting("llm-model")?,
            timeout_secs,
        })
    }

    /// Sets one of [`LLM_KEYS`] (checked), or unsets it given "". Setting `llm-url`
    /// forgets the answer given for that URL, so the next session asks again.
    pub fn set_llm_setting(&self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        if !LLM_KEYS.contains(&key) {
            return Err(format!("unknown setting {key:?}"));
        }
        if value.is_empty() {
            return self
                .conn()
                .execute("DELETE FROM settings WHERE key = ?1", [key])
                .map(drop)
                .map_err(|e| self.err(e).to_string());
        }
        match key {
            "llm-url" => {
                crate::llm::config::check_url(value)?;
                // Setting a URL again asks again: the way to take back a yes.
                let base = crate::llm::config::base(value);
                self.conn()
                    .execute(
                        "DELETE FROM settings WHERE key = ?1",
                        [format!("{LLM_CONSENT}{base}")],
                    )
                    .map_err(|e| self.err(e).to_string())?;
            }
            "llm-timeout" => drop(crate::llm::config::parse_timeout(value)?),
            _ => {}
        }
        self.put_setting(key, value).map_err(|e| e.to_string())
    }

    /// Whether the user agreed (`Some(true)`) or refused to send their answers to the
    /// model at `url`; `None`: never asked.
    pub fn llm_consent(&self, url: &str) -> Result<Option<bool>, StoreError> {
        Ok(self
            .setting(&format!("{LLM_CONSENT}{url}"))?
            .map(|v| v == "yes"))
    }

    /// Records the user's answer for `url`.
    pub fn set_llm_consent(&self, url: &str, agreed: bool) -> Result<(), StoreError> {
        let answer = if agreed { "yes" } else { "no" };
        self.put_setting(&format!("{LLM_CONSENT}{url}"), answer)
    }

    /// Stores fitted FSRS parameters (used from the next scheduling on).
    pub fn set_parameters(&self, parameters: &[f32]) -> Result<(), StoreError> {
        let json = serde_json::to_string(parameters).unwrap_or_else(|_| "[]".to_string());
        self.put_setting(PARAMETERS, &json)
    }
}
