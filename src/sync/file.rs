//! One device's file in the sync folder: JSON lines, a header line first
//! (`{"tutor_sync":1,"device":"…"}`), then one line per row made on that device:
//! `{"review":{…}}`, `{"quiz":{…}}`, `{"attempt":{…}}` or `{"interview":{…}}`. Only
//! ever appended to, a whole line at a time by one tutor at a time (see `crate::sync`).
//! A tutor that does not know a kind of line yet (an interview, to one from before
//! they synced) refuses it at its line, so the version stays 1: the rows are only added.
//!
//! A file from another device is untrusted and may be caught half-copied: it is read
//! whole and checked before anything is imported, and a problem skips the whole file.

use serde::{Deserialize, Serialize};

use crate::content::validate::is_slug;
use crate::store::revlog::{
    EARLIEST_REVIEW_MS, FUTURE_SLACK_MS, MAX_ROW_BYTES, shown, time_message,
};
use crate::store::{AttemptRow, InterviewRow, QuizRow, RevlogRow, Unsent};
use crate::text::sanitize;

/// The format version this tutor writes and reads.
pub const VERSION: u32 = 1;
/// The largest file read (a million reviews is about 100 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
pub struct Header {
    pub tutor_sync: u32,
    pub device: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Review {
    card: String,
    at: i64,
    rating: u8,
    state: u8,
    duration_ms: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Quiz {
    card: String,
    item: i64,
    kind: String,
    correct: bool,
    at: i64,
    duration_ms: i64,
    #[serde(default)]
    points_made: Option<i64>,
    #[serde(default)]
    points_total: Option<i64>,
    #[serde(default)]
    self_assessed: bool,
    #[serde(default)]
    picked: Option<String>,
    /// (point index, claimed at ms)
    #[serde(default)]
    claims: Vec<(i64, i64)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Attempt {
    card: String,
    lang: String,
    at: i64,
    passed: i64,
    failed: i64,
    outcome: String,
    seconds_spent: i64,
    solution_shown: bool,
}

/// A mock interview's row: the figures `tutor stats` shows and the scorecard (left out
/// when its JSON is over [`MAX_SCORECARD_BYTES`]). Not its transcript file.
#[derive(Debug, Serialize, Deserialize)]
struct Interview {
    at: i64,
    deck: Option<String>,
    seed: u64,
    minutes: u32,
    signal: String,
    problem_solving: Option<String>,
    knowledge: Option<String>,
    communication: Option<String>,
    leadership: Option<String>,
    #[serde(default)]
    scorecard: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line {
    Review(Review),
    Quiz(Quiz),
    Attempt(Attempt),
    Interview(Interview),
}

/// The largest scorecard sent with an interview, well under a line's
/// [`MAX_ROW_BYTES`]: a bigger one (hundreds of missed points) goes without it.
pub const MAX_SCORECARD_BYTES: usize = 32 * 1024;
/// The signals and levels an interview row may hold, as `interview_log` names them.
const SIGNALS: [&str; 4] = ["strong-hire", "hire", "lean-no-hire", "no-hire"];
const LEVELS: [&str; 4] = ["strong", "good", "weak", "poor"];
/// The longest round `tutor interview --minutes` allows.
const MAX_MINUTES: u32 = 600;

/// The languages and outcomes the `attempts` table allows.
const LANGS: [&str; 2] = ["python", "rust"];
const OUTCOMES: [&str; 5] = ["passed", "failed", "compile_error", "timed_out", "broken"];

/// What a file holds, checked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Contents {
    pub device: String,
    pub reviews: Vec<RevlogRow>,
    pub quiz: Vec<QuizRow>,
    pub attempts: Vec<AttemptRow>,
    pub interviews: Vec<InterviewRow>,
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    /// The last line has no newline or does not parse: the sync tool is still copying it.
    #[error("its last line is unfinished (still being copied?); it is read again next time")]
    Unfinished,
    #[error(
        "it was written by a newer tutor (sync format {0}; this tutor reads {VERSION}); upgrade tutor"
    )]
    TooNew(u32),
    #[error("line {line}: {message}")]
    Bad { line: usize, message: String },
}

/// A device id as tutor makes them, or any id of the same shape: lowercase letters,
/// digits and dashes, at most 64.
pub fn is_device_id(id: &str) -> bool {
    id.len() <= 64 && is_slug(id)
}

/// The header line, with its newline.
pub fn header(device: &str) -> String {
    let h = Header {
        tutor_sync: VERSION,
        device: device.to_string(),
    };
    format!("{}\n", serde_json::to_string(&h).unwrap_or_default())
}

/// One line per row, each with its newline.
pub fn lines(rows: &Unsent) -> String {
    let mut out = String::new();
    let review = rows.reviews.iter().map(|(_, r)| {
        Line::Review(Review {
            card: r.card_id.clone(),
            at: r.review_time,
            rating: r.rating,
            state: r.state,
            duration_ms: r.duration_ms,
        })
    });
    let answer = rows.quiz.iter().map(|(_, q)| {
        Line::Quiz(Quiz {
            card: q.card_id.clone(),
            item: q.item_index,
            kind: q.kind.clone(),
            correct: q.correct,
            at: q.answered_at,
            duration_ms: q.duration_ms,
            points_made: q.points_made,
            points_total: q.points_total,
            self_assessed: q.self_assessed,
            picked: q.picked.clone(),
            claims: q.claims.clone(),
        })
    });
    let attempt = rows.attempts.iter().map(|(_, a)| {
        Line::Attempt(Attempt {
            card: a.card_id.clone(),
            lang: a.lang.clone(),
            at: a.ran_at,
            passed: a.passed,
            failed: a.failed,
            outcome: a.outcome.clone(),
            seconds_spent: a.seconds_spent,
            solution_shown: a.solution_shown,
        })
    });
    let interview = rows.interviews.iter().map(|(_, i)| {
        Line::Interview(Interview {
            at: i.started_at,
            deck: i.deck.clone(),
            seed: i.seed,
            minutes: i.minutes,
            signal: i.signal.clone(),
            problem_solving: i.problem_solving.clone(),
            knowledge: i.knowledge.clone(),
            communication: i.communication.clone(),
            leadership: i.leadership.clone(),
            scorecard: (i.scorecard.len() <= MAX_SCORECARD_BYTES)
                .then(|| serde_json::from_str(&i.scorecard).ok())
                .flatten(),
        })
    });
    for line in review.chain(answer).chain(attempt).chain(interview) {
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
    out
}

/// Reads a whole file's bytes. `now_ms` bounds the times (a day of clock skew allowed).
pub fn parse(bytes: &[u8], now_ms: i64) -> Result<Contents, Skip> {
    if bytes.is_empty() {
        return Err(Skip::Unfinished);
    }
    let body: &[u8] = match bytes.strip_suffix(b"\n") {
        Some(body) => body,
        None => return Err(Skip::Unfinished),
    };
    let all: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    let last = all.len();
    let mut contents = Contents::default();
    for (i, raw) in all.iter().enumerate() {
        let line = i + 1;
        let bad = |message: String| Skip::Bad { line, message };
        if raw.len() > MAX_ROW_BYTES {
            return Err(bad(format!(
                "longer than {} KiB; a row is a few dozen bytes",
                MAX_ROW_BYTES / 1024
            )));
        }
        let Ok(text) = std::str::from_utf8(raw) else {
            return Err(bad("is not UTF-8 text".into()));
        };
        if line == 1 {
            let header: Header = match serde_json::from_str(text) {
                Ok(h) => h,
                Err(_) if last == 1 => return Err(Skip::Unfinished),
                Err(e) => {
                    return Err(bad(format!(
                        "is not a tutor sync header ({e}); expected {}",
                        header("DEVICE").trim_end()
                    )));
                }
            };
            if header.tutor_sync > VERSION {
                return Err(Skip::TooNew(header.tutor_sync));
            }
            if !is_device_id(&header.device) {
                return Err(bad(format!(
                    "the device id {} is not one: lowercase letters, digits and dashes",
                    shown(&header.device)
                )));
            }
            contents.device = header.device;
            continue;
        }
        let parsed: Line = match serde_json::from_str(text) {
            Ok(l) => l,
            // A sync tool that writes in place may leave a last line cut short; one
            // that is whole JSON with a wrong field is wrong, not unfinished.
            Err(e) if line == last && !e.is_data() => return Err(Skip::Unfinished),
            Err(e) => return Err(bad(format!("cannot be read: {e}"))),
        };
        match parsed {
            Line::Review(r) => contents.reviews.push(review(r, now_ms).map_err(bad)?),
            Line::Quiz(q) => contents.quiz.push(quiz(q, now_ms).map_err(bad)?),
            Line::Attempt(a) => contents.attempts.push(attempt(a, now_ms).map_err(bad)?),
            Line::Interview(i) => contents.interviews.push(interview(i, now_ms).map_err(bad)?),
        }
    }
    Ok(contents)
}

fn card(id: &str) -> Result<(), String> {
    if is_slug(id) && id.len() <= 200 {
        Ok(())
    } else {
        Err(format!(
            "{} is not a card id: ids are lowercase letters, digits and single dashes",
            shown(id)
        ))
    }
}

fn time(at: i64, now_ms: i64) -> Result<(), String> {
    if (EARLIEST_REVIEW_MS..=now_ms.saturating_add(FUTURE_SLACK_MS)).contains(&at) {
        Ok(())
    } else {
        Err(time_message(at, now_ms))
    }
}

fn review(r: Review, now_ms: i64) -> Result<RevlogRow, String> {
    card(&r.card)?;
    time(r.at, now_ms)?;
    if !(1..=4).contains(&r.rating) {
        return Err(format!("rating must be 1 to 4, not {}", r.rating));
    }
    if r.state > 3 {
        return Err(format!("state must be 0 to 3, not {}", r.state));
    }
    if r.duration_ms < 0 {
        return Err(format!(
            "duration_ms must be 0 or more, not {}",
            r.duration_ms
        ));
    }
    Ok(RevlogRow {
        card_id: r.card,
        review_time: r.at,
        rating: r.rating,
        state: r.state,
        duration_ms: r.duration_ms,
    })
}

fn quiz(q: Quiz, now_ms: i64) -> Result<QuizRow, String> {
    card(&q.card)?;
    time(q.at, now_ms)?;
    if !(q.kind.len() <= 32 && is_slug(&q.kind)) {
        return Err(format!("{} is not a quiz kind", shown(&q.kind)));
    }
    let counts = [
        Some(q.item),
        Some(q.duration_ms),
        q.points_made,
        q.points_total,
    ];
    if counts.iter().flatten().any(|n| *n < 0) {
        return Err("item, duration_ms and points must be 0 or more".into());
    }
    if let Some(picked) = &q.picked
        && !picked.bytes().all(|b| b.is_ascii_digit() || b == b',')
    {
        return Err(format!(
            "picked must be option numbers, not {}",
            shown(picked)
        ));
    }
    if q.claims
        .iter()
        .any(|&(point, at)| point < 0 || time(at, now_ms).is_err())
    {
        return Err("a claim has a negative point or a time out of range".into());
    }
    Ok(QuizRow {
        card_id: q.card,
        item_index: q.item,
        kind: q.kind,
        correct: q.correct,
        answered_at: q.at,
        duration_ms: q.duration_ms,
        points_made: q.points_made,
        points_total: q.points_total,
        self_assessed: q.self_assessed,
        picked: q.picked,
        claims: q.claims,
    })
}

fn attempt(a: Attempt, now_ms: i64) -> Result<AttemptRow, String> {
    card(&a.card)?;
    time(a.at, now_ms)?;
    if !LANGS.contains(&a.lang.as_str()) {
        return Err(format!(
            "lang must be python or rust, not {}",
            shown(&a.lang)
        ));
    }
    if !OUTCOMES.contains(&a.outcome.as_str()) {
        return Err(format!(
            "outcome must be one of {}, not {}",
            OUTCOMES.join(", "),
            shown(&a.outcome)
        ));
    }
    if a.passed < 0 || a.failed < 0 || a.seconds_spent < 0 {
        return Err("passed, failed and seconds_spent must be 0 or more".into());
    }
    Ok(AttemptRow {
        card_id: a.card,
        lang: a.lang,
        ran_at: a.at,
        passed: a.passed,
        failed: a.failed,
        outcome: a.outcome,
        seconds_spent: a.seconds_spent,
        solution_shown: a.solution_shown,
    })
}

fn interview(i: Interview, now_ms: i64) -> Result<InterviewRow, String> {
    time(i.at, now_ms)?;
    if let Some(deck) = &i.deck
        && !(deck.len() <= 200 && is_slug(deck))
    {
        return Err(format!("{} is not a deck id", shown(deck)));
    }
    if !(1..=MAX_MINUTES).contains(&i.minutes) {
        return Err(format!(
            "minutes must be 1 to {MAX_MINUTES}, not {}",
            i.minutes
        ));
    }
    if !SIGNALS.contains(&i.signal.as_str()) {
        return Err(format!(
            "signal must be one of {}, not {}",
            SIGNALS.join(", "),
            shown(&i.signal)
        ));
    }
    for level in [
        &i.problem_solving,
        &i.knowledge,
        &i.communication,
        &i.leadership,
    ]
    .into_iter()
    .flatten()
    {
        if !LEVELS.contains(&level.as_str()) {
            return Err(format!(
                "a level must be one of {} or null, not {}",
                LEVELS.join(", "),
                shown(level)
            ));
        }
    }
    let scorecard = match i.scorecard {
        None | Some(serde_json::Value::Null) => serde_json::Value::Null,
        Some(mut card @ serde_json::Value::Object(_)) => {
            display_safe(&mut card);
            card
        }
        Some(_) => return Err("scorecard must be an object or null".into()),
    };
    Ok(InterviewRow {
        started_at: i.at,
        deck: i.deck,
        seed: i.seed,
        minutes: i.minutes,
        signal: i.signal,
        problem_solving: i.problem_solving,
        knowledge: i.knowledge,
        communication: i.communication,
        leadership: i.leadership,
        scorecard: scorecard.to_string(),
        transcript: None,
    })
}

/// Makes every string in a scorecard from another device safe to show (the store's own
/// were made so when scored): `tutor stats --json` passes them on as they are.
fn display_safe(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(safe) = sanitize(s) {
                *s = safe;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(display_safe),
        serde_json::Value::Object(map) => {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(key, mut v)| {
                    display_safe(&mut v);
                    (sanitize(&key).into_owned(), v)
                })
                .collect();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn row(card: &str, at: i64) -> RevlogRow {
        RevlogRow {
            card_id: card.into(),
            review_time: at,
            rating: 3,
            state: 0,
            duration_ms: 1200,
        }
    }

    fn only(reviews: &[RevlogRow]) -> Unsent {
        Unsent {
            reviews: reviews.iter().map(|r| (0, r.clone())).collect(),
            ..Unsent::default()
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let quiz = QuizRow {
            card_id: "lru-cache".into(),
            item_index: 2,
            kind: "recall".into(),
            correct: true,
            answered_at: NOW - 5,
            duration_ms: 9,
            points_made: Some(1),
            points_total: Some(3),
            self_assessed: true,
            picked: None,
            claims: vec![(0, NOW - 4), (2, NOW - 3)],
        };
        let reviews = [row("lru-cache", NOW - 10), row("two-sum", NOW - 9)];
        let attempt = AttemptRow {
            card_id: "two-sum".into(),
            lang: "rust".into(),
            ran_at: NOW - 2,
            passed: 3,
            failed: 1,
            outcome: "failed".into(),
            seconds_spent: 90,
            solution_shown: true,
        };
        let rows = Unsent {
            attempts: vec![(0, attempt.clone())],
            quiz: vec![(0, quiz.clone())],
            interviews: vec![(0, round(NOW - 1))],
            ..only(&reviews)
        };
        let text = header("ab12") + &lines(&rows);
        let back = parse(text.as_bytes(), NOW).unwrap();
        assert_eq!(back.device, "ab12");
        assert_eq!(back.reviews, reviews);
        assert_eq!(back.quiz, vec![quiz]);
        assert_eq!(back.attempts, vec![attempt]);
        // The transcript's file stays where it was made.
        let sent = InterviewRow {
            transcript: None,
            ..round(NOW - 1)
        };
        assert_eq!(back.interviews, vec![sent]);
    }

    fn round(at: i64) -> InterviewRow {
        InterviewRow {
            started_at: at,
            deck: None,
            seed: u64::MAX,
            minutes: 45,
            signal: "hire".into(),
            problem_solving: Some("strong".into()),
            knowledge: Some("good".into()),
            communication: None,
            leadership: Some("weak".into()),
            scorecard: r#"{"missed":[{"point":"O(1)"}],"signal":"hire"}"#.into(),
            transcript: Some("2026-02-01T09-00-00.000Z.md".into()),
        }
    }

    #[test]
    fn an_oversized_scorecard_is_left_out_and_a_foreign_one_made_safe() {
        let big = InterviewRow {
            scorecard: format!(r#"{{"missed":"{}"}}"#, "x".repeat(MAX_SCORECARD_BYTES)),
            ..round(NOW)
        };
        let text = header("ab")
            + &lines(&Unsent {
                interviews: vec![(0, big)],
                ..Unsent::default()
            });
        assert!(text.len() < MAX_ROW_BYTES, "{}", text.len());
        let back = parse(text.as_bytes(), NOW).unwrap();
        assert_eq!(back.interviews[0].scorecard, "null");
        assert_eq!(back.interviews[0].signal, "hire");

        let escape = header("ab")
            + r#"{"interview":{"at":1800000000000,"deck":null,"seed":1,"minutes":45,"signal":"hire","problem_solving":null,"knowledge":null,"communication":null,"leadership":null,"scorecard":{"m\u001b]0;k":["\u001b[2Jpoint"]}}}"#
            + "\n";
        let back = parse(escape.as_bytes(), NOW).unwrap();
        let card = &back.interviews[0].scorecard;
        assert!(
            !card.contains('\u{1b}') && !card.contains("\\u001b"),
            "{card}"
        );
        assert!(card.contains("point"), "{card}");
    }

    #[test]
    fn a_half_written_file_is_unfinished() {
        let text = header("ab12") + &lines(&only(&[row("lru-cache", NOW - 10)]));
        for cut in [1, 10, text.len() - 1] {
            assert_eq!(
                parse(&text.as_bytes()[..cut], NOW),
                Err(Skip::Unfinished),
                "cut at {cut}"
            );
        }
        assert_eq!(parse(b"", NOW), Err(Skip::Unfinished));
    }

    #[test]
    fn a_newer_format_is_skipped() {
        let text = "{\"tutor_sync\":2,\"device\":\"ab\"}\n{\"hologram\":{}}\n";
        assert_eq!(parse(text.as_bytes(), NOW), Err(Skip::TooNew(2)));
    }

    #[test]
    fn hostile_lines_are_refused_with_their_line() {
        let escape = header("ab")
            + "{\"review\":{\"card\":\"x\\u001b[2J\",\"at\":1800000000000,\"rating\":3,\"state\":0,\"duration_ms\":1}}\n";
        let long = header("ab") + &"x".repeat(MAX_ROW_BYTES + 1) + "\n" + &header("ab");
        let json = header("ab") + "{nope\n" + &header("ab");
        let rating = header("ab")
            + &lines(&only(&[RevlogRow {
                rating: 9,
                ..row("a", NOW)
            }]));
        // 9999-12-31: a clock far in the future, or a forged line.
        let year_9999 = header("ab")
            + "{\"review\":{\"card\":\"lru-cache\",\"at\":253402300799000,\"rating\":3,\"state\":0,\"duration_ms\":1}}\n";
        let interview = |fields: &str| {
            let mut row = serde_json::json!({"at": NOW, "deck": "amazon-python", "seed": 7,
                "minutes": 45, "signal": "hire", "problem_solving": "good", "knowledge": null,
                "communication": null, "leadership": null, "scorecard": {}});
            let change: serde_json::Value = serde_json::from_str(fields).unwrap();
            for (k, v) in change.as_object().unwrap() {
                row[k] = v.clone();
            }
            header("ab") + &serde_json::json!({ "interview": row }).to_string() + "\n"
        };
        for (text, needle) in [
            (interview(r#"{"minutes":0}"#), "minutes must be 1 to 600"),
            (
                interview(r#"{"minutes":4294967295}"#),
                "minutes must be 1 to 600",
            ),
            (interview(r#"{"minutes":1e300}"#), "cannot be read"),
            (interview(r#"{"seed":-1}"#), "cannot be read"),
            (interview(r#"{"at":-5}"#), "before"),
            (
                interview(r#"{"signal":"hire\u001b[31m"}"#),
                "signal must be one of",
            ),
            (
                interview(r#"{"knowledge":"excellent"}"#),
                "a level must be one of",
            ),
            (interview(r#"{"deck":"../../etc"}"#), "is not a deck id"),
            (
                interview(r#"{"scorecard":[1,2]}"#),
                "scorecard must be an object",
            ),
            (year_9999, "in the future"),
            (escape, "is not a card id"),
            (long, "longer than"),
            (json, "cannot be read"),
            (rating, "rating must be 1 to 4"),
        ] {
            match parse(text.as_bytes(), NOW) {
                Err(Skip::Bad { line: 2, message }) => {
                    assert!(message.contains(needle), "{message}");
                    assert!(!message.contains('\u{1b}'), "{message:?}");
                }
                other => panic!("{needle}: {other:?}"),
            }
        }
    }
}
