//! The model interviewer on the command line (issue 19): `tutor config llm-url|llm-model|
//! llm-timeout [VALUE]`, `tutor llm check`, and the one question asked before answers
//! are first sent to a server off this machine.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::process::ExitCode;

use super::Cli;
use crate::llm::{LlmConfig, check};
use crate::store::Store;
use crate::store::settings::LlmSettings;
use crate::text::sanitize;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {}", sanitize(&message.to_string()));
    ExitCode::FAILURE
}

/// How `tutor config` shows one of the model's settings.
pub fn shown(settings: &LlmSettings, key: &str) -> String {
    let value = match key {
        "llm-url" => settings.url.clone(),
        "llm-model" => settings.model.clone(),
        _ => settings.timeout_secs.map(|s| s.to_string()),
    };
    match (key, value) {
        ("llm-timeout", None) => format!("{} (default)", crate::llm::config::DEFAULT_TIMEOUT_SECS),
        (_, None) => "(not set)".to_string(),
        (_, Some(v)) => sanitize(&v).into_owned(),
    }
}

/// `tutor config llm-url [URL]` and the others: shows one, sets it, or given "",
/// unsets it.
pub fn config(store: &Store, key: &str, value: Option<&str>) -> ExitCode {
    if let Some(value) = value
        && let Err(e) = store.set_llm_setting(key, value)
    {
        return fail(e);
    }
    match store.llm_settings() {
        Ok(settings) => {
            println!("{}", shown(&settings, key));
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The model configured, if any (settings from the store, the key from the
/// environment).
pub fn configured(store: &Store) -> Result<Option<LlmConfig>, String> {
    let s = store.llm_settings().map_err(|e| e.to_string())?;
    Ok(LlmConfig::from_settings(s.url, s.model, s.timeout_secs))
}

/// What is sent, in plain words, before the first request to a server off this machine.
pub fn privacy_text(url: &str) -> String {
    format!(
        "The model interviewer sends to {}, for each question: the question, your answers \
         so far in this round, and the card's key points and follow-ups; at the end, the \
         transcript and the scores for a critique. Your review history, other cards and \
         files are not sent. Nothing is sent to a server on this machine without asking; \
         this one is not on this machine.",
        sanitize(url)
    )
}

/// Whether answers may go to `config`'s server: yes on this machine; else the answer
/// given before, or (`ask`, a terminal on stdin) asked now and remembered for the URL.
/// `allow` (`--allow-remote-model`) says yes and remembers it.
pub fn consent(store: &Store, config: &LlmConfig, allow: bool, ask: bool) -> Result<bool, String> {
    if config.is_local() {
        return Ok(true);
    }
    if allow {
        store
            .set_llm_consent(&config.url, true)
            .map_err(|e| e.to_string())?;
        return Ok(true);
    }
    if let Some(answer) = store.llm_consent(&config.url).map_err(|e| e.to_string())? {
        return Ok(answer);
    }
    if !ask || !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", privacy_text(&config.url));
    let _ = write!(err, "Send them? [y/N] ");
    let _ = err.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    let agreed = matches!(line.trim().to_lowercase().as_str(), "y" | "yes");
    store
        .set_llm_consent(&config.url, agreed)
        .map_err(|e| e.to_string())?;
    let _ = writeln!(
        err,
        "{} (remembered for this URL; `tutor config llm-url` with another URL asks again)",
        if agreed {
            "The interviewer will use the model."
        } else {
            "The interviewer will use its scripted follow-ups."
        }
    );
    Ok(agreed)
}

/// The model a session's mock interviews use: configured, and on this machine or
/// agreed to (asked here, before the screen starts, the first time); else `None`, with
/// a line on stderr saying why when one is configured.
pub fn for_session(store: &Store) -> Option<LlmConfig> {
    let config = match configured(store) {
        Ok(config) => config?,
        Err(e) => {
            eprintln!("warning: the model's settings: {}", sanitize(&e));
            return None;
        }
    };
    match consent(store, &config, false, true) {
        Ok(true) => Some(config),
        Ok(false) => None,
        Err(e) => {
            eprintln!("warning: {}", sanitize(&e));
            None
        }
    }
}

/// `--allow-remote-model`: the yes remembered for the model configured, before a
/// session starts.
pub fn allow(cli: &Cli) {
    let Ok(dir) = cli.data_dir() else { return };
    let Ok(store) = Store::open(&dir) else { return };
    if let Ok(Some(config)) = configured(&store) {
        let _ = consent(&store, &config, true, false);
    }
}

/// `tutor llm check`: one tiny request; the model, the time it took, or what went
/// wrong. Exit 1 when it failed, 2 when no model is configured.
pub fn run_check(cli: &Cli) -> eyre::Result<ExitCode> {
    let store = match Store::open(&cli.data_dir()?) {
        Ok(store) => store,
        Err(e) => return Ok(fail(e)),
    };
    let config = match configured(&store) {
        Ok(Some(config)) => config,
        Ok(None) => {
            eprintln!(
                "error: no model configured: `tutor config llm-url http://localhost:11434/v1` \
                 and `tutor config llm-model NAME`"
            );
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Ok(fail(e)),
    };
    let key = if config.key.is_some() {
        "from TUTOR_LLM_API_KEY"
    } else {
        "none (TUTOR_LLM_API_KEY is not set)"
    };
    println!("url: {}", sanitize(&config.url));
    println!("model: {}", sanitize(&config.model));
    println!("key: {key}");
    println!("timeout: {} s", config.timeout.as_secs());
    if let Some(file) = &config.ca_file {
        println!(
            "extra roots: {} (TUTOR_LLM_CA_FILE)",
            sanitize(&file.display().to_string())
        );
    }
    match check(&config) {
        Ok(checked) => {
            println!(
                "ok: the model answered in {} ms: {}",
                checked.latency.as_millis(),
                sanitize(
                    &checked
                        .reply
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(fail(e)),
    }
}
