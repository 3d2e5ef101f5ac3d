//! Where the model is: `tutor config llm-url URL`, `llm-model NAME`, `llm-timeout
//! SECONDS` (kept with the other settings in the database) and the key, which comes
//! from the environment (`TUTOR_LLM_API_KEY`) only, so it is never written anywhere.
//! Extra root certificates for HTTPS (a company's proxy, a server with its own
//! certificate authority) come from the environment too (`TUTOR_LLM_CA_FILE`).

use std::borrow::Cow;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The environment variable the key is read from.
pub const KEY_VAR: &str = "TUTOR_LLM_API_KEY";
/// The environment variable naming a PEM file of root certificates trusted besides the
/// system's.
pub const CA_FILE_VAR: &str = "TUTOR_LLM_CA_FILE";
/// The timeout when none is set: a whole reply, from the request to its last line.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
/// The longest timeout `tutor config llm-timeout` takes.
pub const MAX_TIMEOUT_SECS: u64 = 600;

/// A configured model server.
#[derive(Clone, PartialEq, Eq)]
pub struct LlmConfig {
    /// The API's base, as `http://localhost:11434/v1`: requests go to
    /// `{url}/chat/completions`.
    pub url: String,
    pub model: String,
    pub timeout: Duration,
    /// From [`KEY_VAR`]; sent as `Authorization: Bearer`.
    pub key: Option<String>,
    /// From [`CA_FILE_VAR`]: a PEM file of roots trusted besides the system's.
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for LlmConfig {
    /// Never the key, nor a password in the URL: a debug print could end up in a log or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmConfig")
            .field("url", &shown_url(&self.url))
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .field("key", &self.key.as_ref().map(|_| "(set)"))
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl LlmConfig {
    /// The configuration from the stored settings and the key from the environment;
    /// `None` when no URL or no model is set (tutor then runs without a model).
    pub fn from_settings(
        url: Option<String>,
        model: Option<String>,
        timeout_secs: Option<u64>,
    ) -> Option<Self> {
        let url = url.filter(|u| !u.trim().is_empty())?;
        let model = model.filter(|m| !m.trim().is_empty())?;
        Some(Self {
            url: base(&url).to_string(),
            model: model.trim().to_string(),
            timeout: Duration::from_secs(timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS)),
            key: std::env::var(KEY_VAR).ok().filter(|k| !k.trim().is_empty()),
            ca_file: std::env::var_os(CA_FILE_VAR)
                .filter(|f| !f.is_empty())
                .map(PathBuf::from),
        })
    }

    /// The chat endpoint.
    pub fn endpoint(&self) -> String {
        format!("{}/chat/completions", self.url)
    }

    /// Whether the server is on this machine: no consent is asked for it.
    pub fn is_local(&self) -> bool {
        is_loopback(&self.url)
    }
}

/// The API's base as [`LlmConfig::url`] holds it (and a consent is remembered for):
/// trimmed, without a trailing `/`.
pub fn base(url: &str) -> &str {
    url.trim().trim_end_matches('/')
}

/// `url` as tutor shows it (`tutor config`, `tutor llm check`, errors, the interview's
/// notes, the privacy question): a password in its user info replaced by `***`, the
/// user name kept (`https://me:***@host/v1`). The stored setting keeps the real URL.
pub fn shown_url(url: &str) -> Cow<'_, str> {
    hide_password(url, url)
}

/// `text` with the password of `url`'s user info replaced by `***` wherever it appears
/// as `user:password@` (an error's detail can quote the URL it failed on).
pub fn hide_password<'t>(text: &'t str, url: &str) -> Cow<'t, str> {
    let Some((user, password)) = user_info(url).and_then(|info| info.split_once(':')) else {
        return Cow::Borrowed(text);
    };
    let secret = format!("{user}:{password}@");
    if password.is_empty() || !text.contains(&secret) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace(&secret, &format!("{user}:***@")))
}

/// What comes before the host's `@` in `url`, if anything does: `user` or
/// `user:password`. Any scheme or none, so a URL refused for its scheme is shown
/// without its password too.
fn user_info(url: &str) -> Option<&str> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority.rsplit_once('@').map(|(info, _)| info)
}

/// Checks a URL for `tutor config llm-url`: `http://` or `https://` and a host.
pub fn check_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| {
            format!(
                "llm-url must start with http:// or https://, not {:?}",
                shown_url(url)
            )
        })?;
    if host(rest).is_empty() {
        return Err(format!("llm-url has no host: {:?}", shown_url(url)));
    }
    Ok(())
}

/// The host of `url` (`http://` or `https://` and the rest): without user info and
/// port; "" when it has neither scheme.
pub fn url_host(url: &str) -> &str {
    let url = url.trim();
    url.strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .map_or("", host)
}

/// The host of what follows the scheme: up to the path, without user info and port.
fn host(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

/// Whether `url`'s host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
pub fn is_loopback(url: &str) -> bool {
    let url = url.trim();
    let Some(rest) = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
    else {
        return false;
    };
    let host = host(rest).to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Parses `tutor config llm-timeout`'s value: whole seconds, 1 to [`MAX_TIMEOUT_SECS`].
pub fn parse_timeout(value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|s| (1..=MAX_TIMEOUT_SECS).contains(s))
        .ok_or_else(|| {
            format!("llm-timeout must be whole seconds from 1 to {MAX_TIMEOUT_SECS}, not {value:?}")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_need_no_consent_and_others_do() {
        for local in [
            "http://localhost:11434/v1",
            "http://LOCALHOST/v1",
            "http://127.0.0.1:8080/v1",
            "http://127.1.2.3/v1",
            "http://[::1]:8000/v1",
            "https://user@localhost:1/v1",
        ] {
            assert!(is_loopback(local), "{local}");
        }
        for remote in [
            "https://api.openai.com/v1",
            "http://192.168.1.5:11434/v1",
            "http://localhost.evil.com/v1",
            "http://127.0.0.1.nip.io/v1",
            "http://[::2]/v1",
            "ftp://localhost/v1",
            "localhost:11434",
        ] {
            assert!(!is_loopback(remote), "{remote}");
        }
    }

    #[test]
    fn a_urls_host_is_without_user_info_and_port() {
        assert_eq!(url_host("http://user:pw@192.0.2.1:9/v1"), "192.0.2.1");
        assert_eq!(url_host("https://[::1]:8000/v1"), "::1");
        assert_eq!(url_host("localhost:11434"), "");
    }

    #[test]
    fn urls_are_checked_for_a_scheme_and_a_host() {
        assert!(check_url("http://localhost:11434/v1").is_ok());
        assert!(check_url("https://api.example.com/v1").is_ok());
        assert!(check_url("localhost:11434").is_err());
        assert!(check_url("http:///v1").is_err());
    }

    #[test]
    fn the_timeout_is_whole_seconds_in_range() {
        assert_eq!(parse_timeout("30"), Ok(30));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("601").is_err());
        assert!(parse_timeout("1.5").is_err());
    }

    #[test]
    fn a_urls_password_is_shown_as_stars_and_its_user_kept() {
        assert_eq!(
            shown_url("https://me:s3cret@api.example.com/v1"),
            "https://me:***@api.example.com/v1"
        );
        // An `@` in the password: the host is after the last one.
        assert_eq!(
            shown_url("http://me:p@ss@192.0.2.1:9/v1"),
            "http://me:***@192.0.2.1:9/v1"
        );
        for plain in [
            "http://localhost:11434/v1",
            "https://me@api.example.com/v1",
            "https://me:@api.example.com/v1",
            "http://host/v1?to=a:b@c",
            "localhost:11434",
        ] {
            assert_eq!(shown_url(plain), plain);
        }
        // A URL refused for its scheme is shown without its password too.
        assert_eq!(
            shown_url("htps://me:s3cret@host/v1"),
            "htps://me:***@host/v1"
        );
        let refused = check_url("htps://me:s3cret@host/v1").unwrap_err();
        assert!(!refused.contains("s3cret"), "{refused}");
        let no_host = check_url("http://me:s3cret@/v1").unwrap_err();
        assert!(no_host.contains("me:***@"), "{no_host}");
        let url = "https://me:s3cret@api.example.com/v1";
        assert_eq!(
            hide_password(
                "bad uri https://me:s3cret@api.example.com/v1/chat/completions",
                url
            ),
            "bad uri https://me:***@api.example.com/v1/chat/completions"
        );
        assert_eq!(
            hide_password("no url here: s3cret", url),
            "no url here: s3cret"
        );
    }

    #[test]
    fn the_key_never_shows_in_a_debug_print() {
        let config = LlmConfig {
            url: "http://me:pw-secret@localhost/v1".into(),
            model: "m".into(),
            timeout: Duration::from_secs(1),
            key: Some("sk-secret-123".into()),
            ca_file: None,
        };
        let debug = format!("{config:?}");
        assert!(!debug.contains("sk-secret"), "{debug}");
        assert!(!debug.contains("pw-secret"), "{debug}");
    }
}
