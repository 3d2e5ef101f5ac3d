//! The model interviewer on the command line (issue 19): `tutor config llm-url|llm-model|
//! llm-timeout [VALUE]`, `tutor llm check`, and the one question asked before answers
//! are first sent to a server off this machine.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::process::ExitCode;

use super::Cli;
use crate::llm::config::shown_url;
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
        "llm-url" => settings.url.as_deref().map(|u| shown_url(u).into_owned()),
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

/// The widest line the privacy question prints: one less than the narrowest terminal
/// the session takes (`state::MIN_WIDTH`), so no terminal breaks a word in it.
const WIDTH: u16 = 79;

/// `text` broken at spaces into rows of at most [`WIDTH`] columns.
fn wrapped(text: &str) -> String {
    crate::wrap::wrap_plain(text, WIDTH).join("\n")
}

/// `url` as shown: without its password, display-safe.
fn safe(url: &str) -> String {
    sanitize(&shown_url(url)).into_owned()
}

/// `url` on one line: without its password, display-safe and cut to `width` columns.
fn url_in(url: &str, width: u16) -> String {
    crate::wrap::fit(&safe(url), width)
}

/// What is sent, in plain words, before the first request to a server off this
/// machine. The URL stands on its own line; one too long for it is cut, and its host
/// named, so the cut cannot hide where the answers would go.
pub fn privacy_text(url: &str) -> String {
    let shown = url_in(url, WIDTH - 2);
    let host = if shown == safe(url) {
        String::new()
    } else {
        let host = url_in(crate::llm::config::url_host(url), WIDTH - 8);
        format!("  host: {host}\n")
    };
    let what = wrapped(
        "In a mock interview, tutor would send it each question with your answer and \
         the card's key points, follow-ups and probes; at the end, the transcript and \
         scores, for a critique. Nothing else: not your reviews, other cards or files.",
    );
    format!("The model interviewer's server is not on this machine:\n  {shown}\n{host}{what}")
}

/// Why the model at `url` is not used: not agreed to, and how to agree.
pub fn not_agreed(url: &str) -> String {
    format!(
        "note: the model at {} is not on this machine, and sending it your answers was not \
         agreed to: the interviewer uses its scripted follow-ups. `tutor interview \
         --allow-remote-model` agrees (remembered for this URL).",
        url_in(url, 60)
    )
}

/// Whether answers may go to `config`'s server: yes on this machine; else the answer
/// given before, or (`ask`) asked now on the terminal and remembered for the URL.
/// `allow` (`--allow-remote-model`) says yes and remembers it. Asked only when stdin
/// and stderr are both a terminal (else the question could not be seen or answered:
/// a note says so); no answer (end of input) is a no for this time only.
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
    if !ask {
        return Ok(false);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        eprintln!("{}", not_agreed(&config.url));
        return Ok(false);
    }
    let Some(agreed) = ask_on_terminal(&config.url) else {
        return Ok(false);
    };
    store
        .set_llm_consent(&config.url, agreed)
        .map_err(|e| e.to_string())?;
    Ok(agreed)
}

/// Asks on stderr and reads the answer from stdin: `Some(yes)`, or `None` when there
/// was none (end of input, a read error). Says what follows from it.
fn ask_on_terminal(url: &str) -> Option<bool> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{}\nSend them? [y/N] ", privacy_text(url));
    let _ = err.flush();
    let mut line = String::new();
    let answer = match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(matches!(line.trim().to_lowercase().as_str(), "y" | "yes")),
    };
    if !line.ends_with('\n') {
        // Ended by Ctrl-D: the cursor is still on the question's line.
        let _ = writeln!(err);
    }
    let outcome = match answer {
        None => {
            "No answer: the interviewer uses its scripted follow-ups this time, and tutor \
             asks again next time."
        }
        Some(true) => "The interviewer will use the model (remembered for this URL).",
        Some(false) => {
            "The interviewer will use its scripted follow-ups (remembered for this URL; \
             `tutor interview --allow-remote-model` agrees later)."
        }
    };
    let _ = writeln!(err, "{}", wrapped(outcome));
    answer
}

/// The model a session's mock interviews use: configured, and on this machine or
/// agreed to (asked here, before the screen starts, the first time); else `None`, with
/// a line on stderr when it could not ask.
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
    println!("url: {}", safe(&config.url));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the URL (long, with escapes, a user part that would push the host out of
    /// sight), every row fits the narrowest terminal, shows no raw escape and names the
    /// host.
    #[test]
    fn the_privacy_text_fits_79_columns_and_names_the_host() {
        let long = format!("http://{}@192.0.2.1:9/\u{1b}[2J/v1", "a".repeat(500));
        for url in ["http://192.0.2.1:9/v1", long.as_str()] {
            let text = privacy_text(url);
            for row in text.lines() {
                assert!(unicode_width::UnicodeWidthStr::width(row) <= 79, "{row}");
            }
            assert!(text.contains("192.0.2.1"), "{text}");
            assert!(!text.contains('\u{1b}'), "{text}");
        }
        assert!(privacy_text(&long).contains("  host: 192.0.2.1\n"));
        assert!(!privacy_text("http://192.0.2.1:9/v1").contains("host:"));
        let text = privacy_text("http://me:s3cret@192.0.2.1:9/v1");
        assert!(
            text.contains("\n  http://me:***@192.0.2.1:9/v1\n"),
            "{text}"
        );
        assert!(!text.contains("host:"), "not cut: {text}");
        let note = not_agreed("http://me:s3cret@192.0.2.1:9/v1");
        assert!(note.contains("http://me:***@192.0.2.1:9/v1"), "{note}");
        assert!(!note.contains("s3cret"), "{note}");
    }
}
