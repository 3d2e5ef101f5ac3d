use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::content::QuizKind;
use crate::quiz::QuizRecord;
use crate::srs::{Rating, Scheduler, Settings};

fn now() -> Timestamp {
    "2026-06-15T12:00:00Z".parse().unwrap()
}

fn hours(h: i64) -> SignedDuration {
    SignedDuration::from_hours(h)
}

fn library() -> &'static Library {
    crate::content::bundled_library()
}

fn grade(store: &mut Store, card: &str, rating: Rating, at: Timestamp) -> CardState {
    let s = Scheduler::new(&Settings::default()).unwrap();
    store
        .grade(&s, card, rating, at, Duration::from_secs(3), &Days::utc())
        .unwrap()
        .outcome
        .state
}

#[test]
fn counts_due_streak_and_retention() {
    let mut store = Store::open_in_memory().unwrap();
    let library = library();
    // gil: Easy 40 days ago, passed 20 days ago, forgotten 4 days ago.
    grade(&mut store, "gil", Rating::Easy, now() - hours(24 * 40));
    grade(&mut store, "gil", Rating::Good, now() - hours(24 * 20));
    grade(&mut store, "gil", Rating::Again, now() - hours(24 * 4));
    // lru-cache: reviews on the last three days (a streak of 3), and one 5 days ago.
    grade(
        &mut store,
        "args-kwargs",
        Rating::Good,
        now() - hours(24 * 5),
    );
    for d in [2, 1, 0] {
        grade(&mut store, "lru-cache", Rating::Hard, now() - hours(24 * d));
    }
    let stats = Stats::compute(&store, library, now(), &Days::utc()).unwrap();
    assert_eq!(stats.counts.total, library.card_count());
    assert_eq!(stats.counts.learning, 2, "{:?}", stats.counts);
    assert_eq!(stats.counts.relearning, 1, "{:?}", stats.counts);
    assert_eq!(stats.counts.new, library.card_count() - 3);
    assert_eq!(stats.streak, 3);
    assert_eq!(stats.reviews_today, 1);
    assert_eq!(stats.heatmap.iter().sum::<u32>(), 7);
    // The Good 20 days ago passed, the Again 4 days ago failed: 1 of 2.
    assert_eq!(stats.retention, (1, 2));
    assert_eq!(stats.retention_rate(), Some(0.5));
    // gil's relearning step and args-kwargs's learning step are overdue; lru-cache's
    // Hard step from today is 5.5 minutes out.
    assert_eq!(stats.due_now, 2);
    assert_eq!(
        stats.forecast.iter().sum::<u32>(),
        3,
        "every reviewed card is due within 30 days"
    );
}

#[test]
fn a_streak_survives_until_the_day_ends() {
    let mut store = Store::open_in_memory().unwrap();
    for d in [1, 2] {
        grade(&mut store, "gil", Rating::Good, now() - hours(24 * d));
    }
    let days = Days::utc();
    assert_eq!(
        store.streak(days.day_of(now())).unwrap(),
        2,
        "no review yet today"
    );
    assert_eq!(
        store.streak(days.day_of(now()) + 1).unwrap(),
        0,
        "a whole day missed"
    );
}

#[test]
fn retention_counts_only_review_phase_answers() {
    let mut store = Store::open_in_memory().unwrap();
    let mut state = grade(&mut store, "gil", Rating::Easy, now() - hours(24 * 60));
    let mut passes = 0;
    for rating in [Rating::Good, Rating::Hard, Rating::Again, Rating::Good] {
        let at = state.due;
        let before = state.phase;
        state = grade(&mut store, "gil", rating, at);
        if before == CardStage::Review && rating != Rating::Again {
            passes += 1;
        }
    }
    let a_year_later = Stats::compute(&store, library(), now() + hours(24 * 365), &Days::utc());
    assert_eq!(
        a_year_later.unwrap().retention,
        (0, 0),
        "nothing in the last 30 days"
    );
    assert_eq!(store.retention(i64::MIN / 2).unwrap(), (passes, 3));
}

#[test]
fn heatmap_levels() {
    assert_eq!(render::level(0, 10), 0);
    assert_eq!(render::level(1, 10), 1);
    assert_eq!(render::level(3, 10), 2);
    assert_eq!(render::level(10, 10), 4);
    assert_eq!(render::level(5, 0), 0);
}

#[test]
fn json_carries_every_card() {
    let mut store = Store::open_in_memory().unwrap();
    grade(&mut store, "gil", Rating::Good, now());
    let library = library();
    let stats = Stats::compute(&store, library, now(), &Days::utc()).unwrap();
    let json = stats.to_json(&Days::utc());
    let cards = json["per_card"].as_array().unwrap();
    assert_eq!(cards.len(), library.card_count());
    let gil = cards.iter().find(|c| c["id"] == "gil").unwrap();
    assert_eq!(gil["state"], "learning");
    assert_eq!(gil["deck"], "amazon-python");
    assert_eq!(gil["due"], "2026-06-15T12:10:00Z");
    assert!(gil["stability"].as_f64().unwrap() > 0.0);
    let lru = cards.iter().find(|c| c["id"] == "lru-cache").unwrap();
    assert!(lru["stability"].is_null() && lru["due"].is_null());
    assert_eq!(json["reviews_today"], 1);
    assert_eq!(json["forecast"].as_array().unwrap().len(), 30);
}

#[test]
fn report_snapshot() {
    let mut store = Store::open_in_memory().unwrap();
    // A steady habit over the past 200 days, heavier on Mondays.
    for d in 0..200 {
        let at = now() - hours(24 * d);
        let n = if at.to_zoned(jiff::tz::TimeZone::UTC).weekday() == jiff::civil::Weekday::Monday {
            4
        } else {
            1
        };
        for k in 0..n {
            grade(
                &mut store,
                &format!("card-{d}-{k}"),
                Rating::Good,
                at + SignedDuration::from_secs(k),
            );
        }
    }
    // Deck cards at various stages, for the counts and the forecast.
    for (i, card) in ["lru-cache", "gil", "args-kwargs", "group-anagrams"]
        .iter()
        .enumerate()
    {
        let mut state = grade(&mut store, card, Rating::Easy, now() - hours(24 * 30));
        for _ in 0..i {
            if state.due < now() {
                state = grade(&mut store, card, Rating::Good, state.due);
            }
        }
    }
    // Quiz answers: two right of three this week, one wrong 40 days ago.
    for (kind, correct, ago) in [
        (QuizKind::Single, true, 0),
        (QuizKind::Cloze, false, 2),
        (QuizKind::Cloze, true, 6),
        (QuizKind::Recall, false, 40),
    ] {
        quiz(&mut store, kind, correct, now() - hours(24 * ago));
    }
    let stats = Stats::compute(&store, library(), now(), &Days::utc()).unwrap();
    let text = crate::ansi::render(&render::report(&stats, &Days::utc()), false);
    insta::assert_snapshot!(text);
}

fn quiz(store: &mut Store, kind: QuizKind, correct: bool, at: Timestamp) {
    let record = QuizRecord {
        points: None,
        card_id: "gil".into(),
        item_index: 0,
        kind,
        correct,
        answered_at: at,
        duration: Duration::from_secs(9),
        picked: None,
    };
    store.record_quiz_result(&record, &Days::utc()).unwrap();
}

#[test]
fn quiz_figures_in_text_and_json() {
    let mut store = Store::open_in_memory().unwrap();
    let library = library();
    let empty = Stats::compute(&store, library, now(), &Days::utc()).unwrap();
    let text = crate::ansi::render(&render::report(&empty, &Days::utc()), false);
    assert!(
        text.contains("\nQuiz       no quiz answers yet\n"),
        "{text}"
    );
    let json = empty.to_json(&Days::utc());
    assert_eq!(json["quiz"]["answered"], 0);
    assert!(json["quiz"]["rate"].is_null());
    assert_eq!(json["quiz"]["by_kind"]["reorder"]["answered"], 0);

    quiz(&mut store, QuizKind::Multiple, true, now());
    quiz(&mut store, QuizKind::Multiple, false, now() - hours(1));
    quiz(&mut store, QuizKind::Reorder, true, now() - hours(24 * 31));
    let stats = Stats::compute(&store, library, now(), &Days::utc()).unwrap();
    let text = crate::ansi::render(&render::report(&stats, &Days::utc()), false);
    assert!(
        text.contains("Quiz       2 of 3 right (66.7%) · last 30 days 1 of 2\n"),
        "{text}"
    );
    assert!(
        text.contains("           multiple 1/2 · reorder 1/1\n"),
        "{text}"
    );
    let json = stats.to_json(&Days::utc());
    let q = &json["quiz"];
    assert_eq!(
        (q["answered"].as_u64(), q["correct"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(q["last_30_days"]["answered"], 2);
    assert_eq!(q["last_30_days"]["rate"], 0.5);
    assert_eq!(q["by_kind"]["multiple"]["correct"], 1);
    assert_eq!(q["by_kind"]["reorder"]["rate"], 1.0);
    assert_eq!(q["by_kind"].as_object().unwrap().len(), 5);
    // Quizzing scheduled nothing.
    assert_eq!(stats.counts.new, library.card_count());
    assert_eq!(json["reviews_today"], 0);
}

/// Practice in the report and the JSON: cards solved per language and the share of
/// cards whose first run passed.
#[test]
fn practice_figures_in_text_and_json() {
    use crate::store::{AttemptRecord, RunOutcome};
    let store = Store::open_in_memory().unwrap();
    let library = library();
    let empty = Stats::compute(&store, library, now(), &Days::utc()).unwrap();
    let text = crate::ansi::render(&render::report(&empty, &Days::utc()), false);
    assert!(
        text.contains("\nPractice   no practice runs yet\n"),
        "{text}"
    );
    let json = empty.to_json(&Days::utc());
    assert_eq!(json["practice"]["solved"], 0);
    assert!(json["practice"]["first_try_rate"].is_null());
    assert_eq!(json["practice"]["by_lang"]["rust"]["tried"], 0);
    let run = |card: &str, lang, secs, outcome| AttemptRecord {
        card_id: card.into(),
        lang,
        ran_at: now() - hours(secs),
        passed: 1,
        failed: 0,
        outcome,
        seconds_spent: 60,
        solution_shown: false,
    };
    for record in [
        run("a", "python", 3, RunOutcome::Failed),
        run("a", "python", 2, RunOutcome::Passed),
        run("b", "python", 2, RunOutcome::Passed),
        run("a", "rust", 1, RunOutcome::CompileError),
    ] {
        store.record_attempt(&record).unwrap();
    }
    let stats = Stats::compute(&store, library, now(), &Days::utc()).unwrap();
    let text = crate::ansi::render(&render::report(&stats, &Days::utc()), false);
    assert!(
        text.contains(
            "\nPractice   2 cards solved (python 2, rust 0) · first try 1 of 3 cards (33.3%)\n"
        ),
        "{text}"
    );
    let json = stats.to_json(&Days::utc());
    let p = &json["practice"];
    assert_eq!(
        (
            p["tried"].as_u64(),
            p["solved"].as_u64(),
            p["first_try"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    assert_eq!(p["by_lang"]["python"]["solved"], 2);
    assert_eq!(p["by_lang"]["python"]["first_try_rate"], 0.5);
    assert_eq!(p["by_lang"]["rust"]["solved"], 0);
}
