//! The optional model interviewer's client (issue 19): any server that speaks the
//! OpenAI-compatible `POST {url}/chat/completions` (Ollama, llama.cpp's server, LM
//! Studio, vLLM, a hosted API), asked with `"stream": true` and read as server-sent
//! events as they arrive.
//!
//! - [`config`]: where the server is, the model, the timeout, the key (from
//!   `TUTOR_LLM_API_KEY` only, never written anywhere), and whether a URL is on this
//!   machine (loopback needs no consent).
//! - [`sse`]: the streamed body, line by line, each line and the whole reply capped.
//! - [`client`]: the request through `ureq` (rustls), its errors in plain words, and
//!   `tutor llm check`'s one tiny request.
//! - [`prompt`]: the plain-text templates of `assets/prompts/`, filled in.
//!
//! The model never scores: it phrases the next follow-up and writes a critique; the
//! deterministic scorer of `interview` decides every score. Everything here is slow
//! work, run on the worker (the screen) or inline (`tutor interview --answers`).

pub mod client;
pub mod config;
#[cfg(feature = "tls")]
pub mod crypto;
pub mod prompt;
pub mod sse;

pub use client::{Message, chat, check};
pub use config::LlmConfig;

/// Why a model gave no reply, in the words `tutor llm check` and the interview's note
/// use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LlmError {
    #[error("cannot connect to {url}: connection refused (is the server running?)")]
    Refused { url: String },
    #[error("cannot connect to {url}: {detail}")]
    Unreachable { url: String, detail: String },
    #[error(
        "cannot connect to {url}: certificate not trusted ({detail}); if the server or a proxy \
         on the way uses its own certificate authority, set TUTOR_LLM_CA_FILE to a PEM file \
         of its root certificate"
    )]
    Untrusted { url: String, detail: String },
    #[error(
        "the server refused the key (401 Unauthorized): set TUTOR_LLM_API_KEY to a key it accepts"
    )]
    Unauthorized,
    #[error(
        "the server does not know the model {model:?} ({detail}): set the model with `tutor config llm-model NAME`"
    )]
    UnknownModel { model: String, detail: String },
    #[error(
        "no chat endpoint at {url} ({detail}): OpenAI-compatible servers serve it under \
         /v1, so the URL usually ends in /v1 (`tutor config llm-url http://HOST:PORT/v1`)"
    )]
    NoEndpoint { url: String, detail: String },
    #[error(
        "no reply within {secs} s (timed out; `tutor config llm-timeout SECONDS` sets the limit)"
    )]
    Timeout { secs: u64 },
    #[error("the server answered {status}: {detail}")]
    Status { status: u16, detail: String },
    #[error("the reply is not what an OpenAI-compatible server sends: {0}")]
    Malformed(String),
    #[error("the server reported an error: {0}")]
    Server(String),
    #[error("the connection closed before the reply ended")]
    Dropped,
    #[error("the reply was empty")]
    Empty,
    #[error("cancelled")]
    Cancelled,
    #[error("{0}")]
    Config(String),
}

impl LlmError {
    /// The error with the password of `url` (the configured URL) replaced by `***`
    /// wherever it holds it: in the URL it names, and in a detail that quotes it.
    #[must_use]
    pub fn hiding_password(self, url: &str) -> Self {
        let hide = |text: String| config::hide_password(&text, url).into_owned();
        match self {
            Self::Refused { url } => Self::Refused { url: hide(url) },
            Self::Unreachable { url, detail } => Self::Unreachable {
                url: hide(url),
                detail: hide(detail),
            },
            Self::Untrusted { url, detail } => Self::Untrusted {
                url: hide(url),
                detail: hide(detail),
            },
            Self::NoEndpoint { url, detail } => Self::NoEndpoint {
                url: hide(url),
                detail: hide(detail),
            },
            Self::UnknownModel { model, detail } => Self::UnknownModel {
                model,
                detail: hide(detail),
            },
            Self::Status { status, detail } => Self::Status {
                status,
                detail: hide(detail),
            },
            Self::Malformed(detail) => Self::Malformed(hide(detail)),
            Self::Server(detail) => Self::Server(hide(detail)),
            Self::Config(detail) => Self::Config(hide(detail)),
            other @ (Self::Unauthorized
            | Self::Timeout { .. }
            | Self::Dropped
            | Self::Empty
            | Self::Cancelled) => other,
        }
    }
}
