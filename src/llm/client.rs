//! One chat request to an OpenAI-compatible server through `ureq` (rustls, the
//! system's certificates and those of `TUTOR_LLM_CA_FILE`), its streamed reply read by
//! [`super::sse`], and every way it can fail said in plain words ([`LlmError`]).

use std::io::BufReader;
use std::time::{Duration, Instant};

use serde::Serialize;
use ureq::Agent;

use super::sse::{self, read_reply};
use super::{LlmConfig, LlmError};

/// Whether this build speaks HTTPS (the `tls` feature, on by default).
const HTTPS: bool = cfg!(feature = "tls");

/// The most of an error body read, for its message.
const ERROR_BODY: u64 = 4096;

/// One message of the conversation sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub role: &'static str,
    pub content: String,
}

impl Message {
    pub fn system(content: impl Into<String>) -> Self {
        Self {
            role: "system",
            content: content.into(),
        }
    }

    pub fn user(content: impl Into<String>) -> Self {
        Self {
            role: "user",
            content: content.into(),
        }
    }
}

fn agent(config: &LlmConfig) -> Result<Agent, LlmError> {
    let mut builder = with_tls(
        Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .user_agent("tutor"),
        config,
    )?;
    if config.is_local() {
        // A proxy set in the environment is for the outside world, not this machine.
        builder = builder.proxy(None);
    }
    Ok(builder.build().into())
}

type Builder = ureq::config::ConfigBuilder<ureq::typestate::AgentScope>;

/// rustls with the ring provider and the system's certificates (the platform
/// verifier); with `TUTOR_LLM_CA_FILE`, the system's roots and that file's.
#[cfg(feature = "tls")]
fn with_tls(builder: Builder, config: &LlmConfig) -> Result<Builder, LlmError> {
    use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
    let roots = match &config.ca_file {
        None => RootCerts::PlatformVerifier,
        Some(file) => RootCerts::from(system_roots_and(file)?),
    };
    let tls = TlsConfig::builder()
        .provider(TlsProvider::Rustls)
        .unversioned_rustls_crypto_provider(super::crypto::provider())
        .root_certs(roots)
        .build();
    Ok(builder.tls_config(tls))
}

/// Plain HTTP only: [`chat`] refuses an `https://` URL with a message first.
#[cfg(not(feature = "tls"))]
fn with_tls(builder: Builder, _config: &LlmConfig) -> Result<Builder, LlmError> {
    Ok(builder)
}

/// The system's root certificates and the certificates of `file` (PEM), for
/// `TUTOR_LLM_CA_FILE`. The platform verifier takes no extra roots through `ureq`, so
/// the system's are read here (the same store it reads on Linux); a file that cannot be
/// read or holds no certificate is an error naming it, not a silent fallback.
#[cfg(feature = "tls")]
fn system_roots_and(
    file: &std::path::Path,
) -> Result<Vec<ureq::tls::Certificate<'static>>, LlmError> {
    use ureq::tls::{Certificate, PemItem, parse_pem};
    let bad = |detail: String| {
        LlmError::Config(format!(
            "{}={}: {detail}",
            super::config::CA_FILE_VAR,
            file.display()
        ))
    };
    let pem = std::fs::read(file).map_err(|e| bad(format!("cannot read it: {e}")))?;
    let mut extra = Vec::new();
    for item in parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(cert)) => extra.push(cert),
            Ok(_) => {}
            Err(e) => return Err(bad(format!("not a PEM file of certificates: {e}"))),
        }
    }
    if extra.is_empty() {
        return Err(bad(
            "no certificate in it (a PEM file has -----BEGIN CERTIFICATE----- blocks)".into(),
        ));
    }
    let mut roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
        .certs
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    roots.extend(extra);
    Ok(roots)
}

/// A TLS failure in plain words: a certificate no root vouches for is the usual one
/// (a company's proxy, a server with its own certificate authority).
#[cfg(feature = "tls")]
fn from_tls(e: &rustls::Error, config: &LlmConfig) -> LlmError {
    match e {
        rustls::Error::InvalidCertificate(why) => LlmError::Untrusted {
            url: config.url.clone(),
            detail: why.to_string(),
        },
        other => LlmError::Unreachable {
            url: config.url.clone(),
            detail: format!("TLS: {other}"),
        },
    }
}

fn secs(timeout: Duration) -> u64 {
    timeout.as_secs().max(1)
}

/// A `ureq` error in plain words.
fn from_ureq(e: ureq::Error, config: &LlmConfig) -> LlmError {
    let url = config.url.clone();
    match e {
        ureq::Error::Timeout(_) => LlmError::Timeout {
            secs: secs(config.timeout),
        },
        ureq::Error::Io(io) => from_io(io, config),
        ureq::Error::HostNotFound => LlmError::Unreachable {
            url,
            detail: "the host was not found".into(),
        },
        ureq::Error::ConnectionFailed => LlmError::Refused { url },
        #[cfg(feature = "tls")]
        ureq::Error::Rustls(tls) => from_tls(&tls, config),
        other => LlmError::Unreachable {
            url,
            detail: other.to_string(),
        },
    }
}

/// A read or connect error in plain words; `ureq` wraps its own errors in `io::Error`
/// while the body is read.
fn from_io(e: std::io::Error, config: &LlmConfig) -> LlmError {
    use std::io::ErrorKind;
    if let Some(inner) = e.get_ref()
        && inner.is::<ureq::Error>()
    {
        let inner = e
            .into_inner()
            .and_then(|inner| inner.downcast::<ureq::Error>().ok());
        return match inner {
            Some(ureq) => from_ureq(*ureq, config),
            None => LlmError::Dropped,
        };
    }
    // rustls's handshake fails inside an `io::Error`.
    #[cfg(feature = "tls")]
    if let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        return from_tls(tls, config);
    }
    match e.kind() {
        ErrorKind::ConnectionRefused => LlmError::Refused {
            url: config.url.clone(),
        },
        ErrorKind::TimedOut | ErrorKind::WouldBlock => LlmError::Timeout {
            secs: secs(config.timeout),
        },
        ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
            LlmError::Dropped
        }
        _ => LlmError::Unreachable {
            url: config.url.clone(),
            detail: e.to_string(),
        },
    }
}

/// A reply that is not 200: its status and the server's message, in plain words.
fn from_status(status: u16, body: &str, config: &LlmConfig) -> LlmError {
    let detail = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error").map(sse::error_message))
        .unwrap_or_else(|| {
            let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                "no message".to_string()
            } else {
                text.chars().take(300).collect()
            }
        });
    let lower = detail.to_lowercase();
    match status {
        401 | 403 => LlmError::Unauthorized,
        // A 404 names the model when the model is what is missing (Ollama, OpenAI,
        // vLLM); any other 404 is the wrong address, most often a URL without `/v1`.
        404 if lower.contains("model") => LlmError::UnknownModel {
            model: config.model.clone(),
            detail: format!("404: {detail}"),
        },
        404 => LlmError::NoEndpoint {
            url: config.url.clone(),
            detail: format!("404: {detail}"),
        },
        _ if lower.contains("model")
            && (lower.contains("not found") || lower.contains("does not exist")) =>
        {
            LlmError::UnknownModel {
                model: config.model.clone(),
                detail: format!("{status}: {detail}"),
            }
        }
        _ => LlmError::Status { status, detail },
    }
}

/// Sends `messages` and streams the reply: each piece of text goes to `on_delta` as it
/// arrives; returns the whole reply (trimmed, at most [`sse::MAX_REPLY`] bytes).
/// `cancelled` is asked between lines. Nothing is retried. An error never holds the
/// URL's password (it is shown, and noted in the interview's transcript).
pub fn chat(
    config: &LlmConfig,
    messages: &[Message],
    max_tokens: u32,
    cancelled: &dyn Fn() -> bool,
    on_delta: &mut dyn FnMut(&str),
) -> Result<String, LlmError> {
    send(config, messages, max_tokens, cancelled, on_delta)
        .map_err(|e| e.hiding_password(&config.url))
}

/// [`chat`], its errors as they come.
fn send(
    config: &LlmConfig,
    messages: &[Message],
    max_tokens: u32,
    cancelled: &dyn Fn() -> bool,
    on_delta: &mut dyn FnMut(&str),
) -> Result<String, LlmError> {
    if config.url.starts_with("https://") && !HTTPS {
        return Err(LlmError::Config(format!(
            "this tutor was built without HTTPS (`--no-default-features` left out the cargo \
             feature `tls`), so it cannot reach {}; a model on this machine over http:// \
             (Ollama, llama.cpp, LM Studio) works",
            config.url
        )));
    }
    let body = serde_json::json!({
        "model": config.model,
        "messages": messages,
        "stream": true,
        "max_tokens": max_tokens,
        "temperature": 0.3,
    })
    .to_string();
    let mut request = agent(config)?
        .post(config.endpoint())
        .header("content-type", "application/json")
        .header("accept", "text/event-stream");
    if let Some(key) = &config.key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    let response = request
        .send(body.as_str())
        .map_err(|e| from_ureq(e, config))?;
    let status = response.status().as_u16();
    if status != 200 {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(
            &mut std::io::Read::take(response.into_body().into_reader(), ERROR_BODY),
            &mut text,
        );
        return Err(from_status(status, &text, config));
    }
    let reader = BufReader::new(response.into_body().into_reader());
    let text = read_reply(reader, cancelled, &|e| from_io(e, config), on_delta)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(LlmError::Empty);
    }
    Ok(text.to_string())
}

/// What `tutor llm check` found: the model answered, in this time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub reply: String,
    pub latency: Duration,
}

/// One tiny request (a few tokens): whether the server and the model answer, and how
/// fast.
pub fn check(config: &LlmConfig) -> Result<Checked, LlmError> {
    let started = Instant::now();
    let reply = chat(
        config,
        &[Message::user("Reply with the single word: ready")],
        8,
        &|| false,
        &mut |_| {},
    )?;
    Ok(Checked {
        reply,
        latency: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built without HTTPS, an `https://` URL is refused before any connection, saying
    /// why.
    #[cfg(not(feature = "tls"))]
    #[test]
    fn an_https_url_is_refused_in_plain_words_without_tls() {
        let config = LlmConfig {
            url: "https://models.example.invalid/v1".into(),
            model: "m".into(),
            timeout: Duration::from_secs(1),
            key: None,
            ca_file: None,
        };
        let error = chat(&config, &[Message::user("hi")], 1, &|| false, &mut |_| {});
        assert!(
            matches!(&error, Err(LlmError::Config(m)) if m.contains("without HTTPS")),
            "{error:?}"
        );
    }

    /// The URL an error names, and a detail quoting it, show its password as `***`.
    #[test]
    fn an_error_never_shows_the_urls_password() {
        let config = LlmConfig {
            url: "http://me:s3cret@127.0.0.1:9/v1".into(),
            model: "tiny".into(),
            timeout: Duration::from_secs(5),
            key: None,
            ca_file: None,
        };
        let refused = chat(&config, &[Message::user("hi")], 1, &|| false, &mut |_| {});
        let Err(error) = refused else {
            panic!("port 9 answered: {refused:?}");
        };
        let text = error.to_string();
        assert!(text.contains("http://me:***@127.0.0.1:9/v1"), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
        let echoed = from_status(
            404,
            "no route to http://me:s3cret@127.0.0.1:9/v1/chat/completions",
            &config,
        )
        .hiding_password(&config.url);
        assert_eq!(
            echoed,
            LlmError::NoEndpoint {
                url: "http://me:***@127.0.0.1:9/v1".into(),
                detail: "404: no route to http://me:***@127.0.0.1:9/v1/chat/completions".into(),
            }
        );
    }

    #[test]
    fn statuses_are_named_in_plain_words() {
        let config = LlmConfig {
            url: "http://localhost/v1".into(),
            model: "tiny".into(),
            timeout: Duration::from_secs(1),
            key: None,
            ca_file: None,
        };
        assert_eq!(from_status(401, "", &config), LlmError::Unauthorized);
        let missing = from_status(400, r#"{"error":"model 'tiny' not found"}"#, &config);
        assert!(
            matches!(missing, LlmError::UnknownModel { .. }),
            "{missing:?}"
        );
        // A 404 that names no model is the wrong address, most often a URL without
        // `/v1` (Ollama answers "404 page not found"), not a model to set.
        let wrong_path = from_status(404, "404 page not found", &config);
        assert!(
            matches!(&wrong_path, LlmError::NoEndpoint { url, .. } if url == "http://localhost/v1"),
            "{wrong_path:?}"
        );
        assert!(wrong_path.to_string().contains("/v1"), "{wrong_path}");
        let empty = from_status(404, "", &config);
        assert!(matches!(empty, LlmError::NoEndpoint { .. }), "{empty:?}");
        let unknown = from_status(
            404,
            r#"{"error":{"message":"The model `tiny` does not exist","type":"invalid_request_error"}}"#,
            &config,
        );
        assert!(
            matches!(unknown, LlmError::UnknownModel { .. }),
            "{unknown:?}"
        );
        let other = from_status(500, "<html>oops</html>", &config);
        assert_eq!(
            other,
            LlmError::Status {
                status: 500,
                detail: "<html>oops</html>".into()
            }
        );
    }
}
