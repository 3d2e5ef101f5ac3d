//! A fake OpenAI-compatible server on 127.0.0.1 for the model interviewer's tests
//! (issue 19): nothing leaves the machine. Each connection gets the reply the test's
//! function picks from the request body; the requests are kept for the test to read.
//!
//! It is also an HTTP proxy (`CONNECT`), so a test can configure an address that is
//! not on this machine (a TEST-NET one) and set `ALL_PROXY` to [`Fake::proxy`]: every
//! request tutor makes to it then arrives here, tunnelled, and none leaves.
//!
//! [`serve_tls`] serves the same over HTTPS with the test certificate of
//! `tests/fixtures/tls` (its root: [`TEST_CA`]).

// Test scaffolding: a broken socket or lock is a failed test.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 and these pieces as streamed chunks, then `data: [DONE]`.
    Stream(Vec<String>),
    /// This status and body (JSON).
    Status(u16, String),
    /// 200 and this body as it is, then the connection closes.
    Raw(String),
    /// Nothing at all until the test ends (the client times out first).
    Hang,
}

/// One request as received: its head (lowercased) and body.
#[derive(Debug, Clone)]
pub struct Request {
    pub head: String,
    pub body: String,
    /// Where a `CONNECT` asked to go (`192.0.2.1:9`) when it came through the proxy.
    pub tunnel: Option<String>,
}

pub struct Fake {
    /// The API's base, as `tutor config llm-url` takes it.
    pub url: String,
    pub requests: Arc<Mutex<Vec<Request>>>,
    /// Dropped with the server: a hanging reply then ends.
    _release: Sender<()>,
}

impl Fake {
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// The server as an HTTP proxy, for `ALL_PROXY`.
    pub fn proxy(&self) -> String {
        self.url.trim_end_matches("/v1").to_string()
    }
}

/// The root certificate that signed the fake server's, for `TUTOR_LLM_CA_FILE`.
pub fn test_ca() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls/ca.pem")
}

/// A request's head, lowercased; `None` when the connection closed first.
fn read_head(reader: &mut impl BufRead) -> Option<String> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line.to_lowercase());
    }
    Some(head)
}

/// Reads one request, through a `CONNECT` tunnel when it opens one; the client sends
/// nothing more until it has the reply, so what the reader buffers is this request's.
fn read_request(stream: &mut dyn ReadWrite) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut head = read_head(&mut reader)?;
    let mut tunnel = None;
    if let Some(line) = head.strip_prefix("connect ") {
        tunnel = line.split_whitespace().next().map(str::to_string);
        reader
            .get_mut()
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .ok()?;
        head = read_head(&mut reader)?;
    }
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
        tunnel,
    })
}

/// A streamed chunk as servers send it.
pub fn chunk(text: &str) -> String {
    format!(
        "data: {}\n\n",
        serde_json::json!({"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": null}]})
    )
}

fn answer(mut stream: impl Write, reply: Reply, release: &Arc<Mutex<Receiver<()>>>) {
    let ok = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";
    let _ = match reply {
        Reply::Stream(pieces) => {
            let mut body = ok.to_string();
            for piece in pieces {
                body.push_str(&chunk(&piece));
            }
            body.push_str("data: [DONE]\n\n");
            stream.write_all(body.as_bytes())
        }
        Reply::Status(status, body) => stream.write_all(
            format!(
                "HTTP/1.1 {status} Error\r\ncontent-type: application/json\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        ),
        Reply::Raw(body) => stream.write_all(format!("{ok}{body}").as_bytes()),
        Reply::Hang => {
            // Blocks until the test drops the server: the client gives up first.
            let _ = release.lock().unwrap().recv();
            Ok(())
        }
    };
    let _ = stream.flush();
}

/// Starts a server whose replies `reply` picks from each request's body.
pub fn serve(reply: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Fake {
    start("http", reply, |mut stream, handle| handle(&mut stream))
}

/// [`serve`] over HTTPS, with the certificate of `tests/fixtures/tls` (for
/// `127.0.0.1`), which only [`test_ca`] vouches for.
pub fn serve_tls(reply: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Fake {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls");
    let certs = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    // ring's provider, as tutor's client uses (deprecated in rustls for lacking
    // post-quantum key exchange, which a loopback test does not need).
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let config = Arc::new(config);
    start("https", reply, move |stream, handle| {
        let connection = rustls::ServerConnection::new(Arc::clone(&config)).unwrap();
        let mut tls = rustls::StreamOwned::new(connection, stream);
        handle(&mut tls);
        // The end of the reply, said in TLS, before the socket closes.
        tls.conn.send_close_notify();
        let _ = tls.flush();
    })
}

/// One connection: read a request, answer it.
type Handle<'a> = &'a mut dyn FnMut(&mut dyn ReadWrite);

/// A stream both ways, as a trait object.
pub trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// Listens on 127.0.0.1; each connection goes through `wrap` (plain, or TLS) to the
/// request and its reply.
fn start(
    scheme: &str,
    reply: impl Fn(&str) -> Reply + Send + Sync + 'static,
    wrap: impl Fn(std::net::TcpStream, Handle<'_>) + Send + Sync + 'static,
) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("{scheme}://{}/v1", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (release, hold) = channel::<()>();
    let hold = Arc::new(Mutex::new(hold));
    let seen = Arc::clone(&requests);
    let reply = Arc::new(reply);
    let wrap = Arc::new(wrap);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let seen = Arc::clone(&seen);
            let reply = Arc::clone(&reply);
            let hold = Arc::clone(&hold);
            let wrap = Arc::clone(&wrap);
            std::thread::spawn(move || {
                wrap(stream, &mut |stream| {
                    let Some(request) = read_request(&mut *stream) else {
                        return;
                    };
                    let chosen = reply(&request.body);
                    seen.lock().unwrap().push(request);
                    answer(&mut *stream, chosen, &hold);
                });
            });
        }
    });
    Fake {
        url,
        requests,
        _release: release,
    }
}

/// A URL where nothing listens: connection refused.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    drop(listener);
    url
}
