//! A streamed chat reply (server-sent events), read line by line as it arrives:
//! `data: {json}` lines carry the next piece of text (`choices[0].delta.content`),
//! `data: [DONE]` ends the reply; comments (`: ...`), other fields (`event:`, `id:`)
//! and blank lines are skipped. The HTTP itself is `ureq`'s; this is only the body.
//!
//! Memory is bounded whatever the server sends: a line is read to at most
//! [`MAX_LINE`] bytes (a longer one is an error), and the reply is kept to at most
//! [`MAX_REPLY`] bytes (the rest is not read).

use std::io::{BufRead, Read as _};

use serde::Deserialize;

use super::LlmError;

/// The longest line read: a chunk of a few words is well under 1 KiB.
pub const MAX_LINE: usize = 64 * 1024;
/// The most of a reply kept: a follow-up question or a short critique is far less.
pub const MAX_REPLY: usize = 8 * 1024;

/// What one line of the stream says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Text to add (possibly empty), and whether the model said it has finished.
    Delta { text: String, finished: bool },
    /// `data: [DONE]`.
    Done,
    /// Nothing for us: a comment, another field, a blank line.
    Skip,
}

#[derive(Deserialize)]
struct Chunk {
    #[serde(default)]
    choices: Vec<Choice>,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    delta: Option<Delta>,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Delta {
    #[serde(default)]
    content: Option<String>,
}

/// The message of an error object as servers send it: `{"error": {"message": ...}}`,
/// `{"error": "..."}`.
pub fn error_message(error: &serde_json::Value) -> String {
    let text = error
        .get("message")
        .and_then(serde_json::Value::as_str)
        .or_else(|| error.as_str())
        .map_or_else(|| error.to_string(), str::to_string);
    cut(&text, 300)
}

/// `text` to at most `max` bytes, cut at a character, marked when cut.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// One line of the stream, its end of line (`\n` or `\r\n`) included or not.
pub fn parse_line(line: &[u8]) -> Result<Line, LlmError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Some(data) = line.strip_prefix(b"data:") else {
        return Ok(Line::Skip);
    };
    let data = data.strip_prefix(b" ").unwrap_or(data);
    if data.trim_ascii() == b"[DONE]" {
        return Ok(Line::Done);
    }
    if data.trim_ascii().is_empty() {
        return Ok(Line::Skip);
    }
    let chunk: Chunk = serde_json::from_slice(data).map_err(|e| {
        LlmError::Malformed(format!(
            "a data line is not JSON ({e}): {}",
            cut(&String::from_utf8_lossy(data), 80)
        ))
    })?;
    if let Some(error) = chunk.error {
        return Err(LlmError::Server(error_message(&error)));
    }
    let Some(choice) = chunk.choices.into_iter().next() else {
        return Ok(Line::Skip);
    };
    Ok(Line::Delta {
        text: choice.delta.and_then(|d| d.content).unwrap_or_default(),
        finished: choice.finish_reason.is_some(),
    })
}

/// Reads a streamed reply to its end: each piece of text goes to `on_delta` as it
/// arrives; the whole text (at most [`MAX_REPLY`] bytes) is returned. Stops with
/// [`LlmError::Cancelled`] when `cancelled()` says so between lines; a read error goes
/// through `io_error`. A stream that ends without `[DONE]` or a finish reason was
/// dropped.
pub fn read_reply(
    mut reader: impl BufRead,
    cancelled: &dyn Fn() -> bool,
    io_error: &dyn Fn(std::io::Error) -> LlmError,
    on_delta: &mut dyn FnMut(&str),
) -> Result<String, LlmError> {
    let mut text = String::new();
    let mut line = Vec::new();
    let mut finished = false;
    loop {
        if cancelled() {
            return Err(LlmError::Cancelled);
        }
        line.clear();
        let limit = u64::try_from(MAX_LINE).unwrap_or(u64::MAX) + 1;
        let read = reader
            .by_ref()
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(io_error)?;
        if read == 0 {
            return if finished {
                Ok(text)
            } else {
                Err(LlmError::Dropped)
            };
        }
        if line.len() > MAX_LINE {
            return Err(LlmError::Malformed(format!(
                "a line longer than {} KiB",
                MAX_LINE / 1024
            )));
        }
        match parse_line(&line)? {
            Line::Done => return Ok(text),
            Line::Skip => {}
            Line::Delta {
                text: piece,
                finished: done,
            } => {
                finished |= done;
                let room = MAX_REPLY - text.len();
                if piece.len() > room {
                    let mut end = room;
                    while !piece.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.push_str(&piece[..end]);
                    on_delta(&piece[..end]);
                    return Ok(text);
                }
                text.push_str(&piece);
                if !piece.is_empty() {
                    on_delta(&piece);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(bytes: &[u8]) -> (Result<String, LlmError>, String) {
        let mut seen = String::new();
        let result = read_reply(
            bytes,
            &|| false,
            &|e| LlmError::Unreachable {
                url: "test".into(),
                detail: e.to_string(),
            },
            &mut |piece| seen.push_str(piece),
        );
        (result, seen)
    }

    fn chunk(text: &str) -> String {
        format!(
            "data: {}\n\n",
            serde_json::json!({"choices": [{"delta": {"content": text}, "finish_reason": null}]})
        )
    }

    #[test]
    fn a_stream_is_read_piece_by_piece_to_done() {
        let body = format!(
            ": keep-alive\nevent: message\n{}{}\r\ndata: [DONE]\n",
            chunk("How would "),
            chunk("you test it?")
        );
        let (result, seen) = read(body.as_bytes());
        assert_eq!(result, Ok("How would you test it?".to_string()));
        assert_eq!(seen, "How would you test it?");
    }

    #[test]
    fn a_finish_reason_then_the_end_of_the_stream_is_a_whole_reply() {
        let body = format!(
            "{}data: {}\n",
            chunk("Done."),
            serde_json::json!({"choices": [{"delta": {}, "finish_reason": "stop"}]})
        );
        assert_eq!(read(body.as_bytes()).0, Ok("Done.".to_string()));
    }

    #[test]
    fn a_stream_cut_before_its_end_was_dropped() {
        let body = chunk("How would");
        assert_eq!(read(body.as_bytes()).0, Err(LlmError::Dropped));
        assert_eq!(read(b"").0, Err(LlmError::Dropped));
    }

    #[test]
    fn malformed_json_and_server_errors_are_named() {
        let (result, _) = read(b"data: {\"choices\": [\n");
        assert!(matches!(result, Err(LlmError::Malformed(m)) if m.contains("not JSON")));
        let (result, _) = read(b"data: {\"error\": {\"message\": \"model overloaded\"}}\n");
        assert_eq!(result, Err(LlmError::Server("model overloaded".into())));
    }

    #[test]
    fn an_overlong_line_is_refused_and_a_long_reply_is_cut() {
        let mut long = b"data: ".to_vec();
        long.extend(std::iter::repeat_n(b'x', MAX_LINE + 10));
        assert!(matches!(read(&long).0, Err(LlmError::Malformed(_))));
        let body: String = (0..2000).map(|_| chunk("wörds ")).collect();
        let (result, seen) = read(body.as_bytes());
        let text = result.unwrap();
        assert!(text.len() <= MAX_REPLY && text.len() > MAX_REPLY - 8);
        assert_eq!(seen, text);
    }

    #[test]
    fn cancelling_stops_between_lines() {
        let body = chunk("a");
        let result = read_reply(
            body.as_bytes(),
            &|| true,
            &|_| LlmError::Dropped,
            &mut |_| {},
        );
        assert_eq!(result, Err(LlmError::Cancelled));
    }

    proptest! {
        /// Whatever bytes come, reading ends without a panic and keeps at most
        /// MAX_REPLY bytes.
        #[test]
        fn any_bytes_end_without_panic_and_bounded(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let (result, seen) = read(&bytes);
            if let Ok(text) = result {
                prop_assert!(text.len() <= MAX_REPLY);
                prop_assert_eq!(seen, text);
            }
        }

        /// Lines that look like the protocol, in any order, with any text.
        #[test]
        fn protocol_like_lines_never_panic(pieces in proptest::collection::vec(
            prop_oneof![
                any::<String>().prop_map(|t| chunk(&t)),
                Just("data: [DONE]\n".to_string()),
                any::<String>().prop_map(|t| format!("data: {t}\n")),
                any::<String>(),
            ], 0..20)) {
            let body = pieces.concat();
            let (result, _) = read(body.as_bytes());
            if let Ok(text) = result {
                prop_assert!(text.len() <= MAX_REPLY);
            }
        }
    }
}
