//! The question asked before answers first go to a model that is not on this machine
//! (issue 19, item 4), as a user meets it: on the command line, before the screen.
//!
//! The model is configured at a TEST-NET address (`192.0.2.1`), and tutor runs with
//! `ALL_PROXY` set to the fake server of `tests/common/fake_llm.rs`: a request tutor
//! makes to that address arrives there, tunnelled, so a test sees whether one was
//! made, and nothing leaves the machine.

use std::path::PathBuf;

use tempfile::TempDir;
use tutor::store::Store;

use super::common::fake_llm::{Fake, Reply, serve};
use super::{SHELL, Tmux, wrapped};

/// The model's address: TEST-NET-1, for documentation; never routed.
const URL: &str = "http://192.0.2.1:9/v1";
/// What the screen's first question ends with before the model is asked.
const ROUND: [&str; 2] = ["Interviewer:", "round 00:0"];
/// The prompt's last line.
const ASK: &str = "Send them? [y/N]";

/// A data folder whose model is at `url`, and the fake server that stands in for it.
struct Remote {
    dir: TempDir,
    fake: Fake,
}

impl Remote {
    fn new(url: &str) -> Self {
        let fake = serve(|body| {
            if body.contains("The scorer's verdict") {
                Reply::Stream(vec!["CRITIQUE: lead with the result.".into()])
            } else {
                Reply::Stream(vec!["MODEL: what did ".into(), "the numbers say?".into()])
            }
        });
        let remote = Self {
            dir: tempfile::tempdir().unwrap(),
            fake,
        };
        for (key, value) in [("llm-url", url), ("llm-model", "m")] {
            super::common::ok(&remote.data(), &["config", key, value]);
        }
        remote
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The environment every run gets: requests go through the fake.
    fn env(&self) -> String {
        format!(
            "unset NO_PROXY no_proxy HTTP_PROXY http_proxy HTTPS_PROXY https_proxy; \
             export ALL_PROXY={}; ",
            self.fake.proxy()
        )
    }

    /// tutor with `args` in a `w`×`h` terminal (see [`wrapped`]).
    fn start(&self, name: &str, args: &str, size: (u16, u16)) -> Tmux {
        let line = wrapped(&self.data(), args, &self.dir.path().join("pid"));
        Tmux::start(name, &format!("{}{line}", self.env()), size)
    }

    /// The answer remembered for `url`.
    fn consent(&self, url: &str) -> Option<bool> {
        Store::open(&self.data()).unwrap().llm_consent(url).unwrap()
    }
}

/// Every row of `screen` ends before the last column of a `width`-column terminal: the
/// text was broken at spaces, not by the terminal in the middle of a word.
fn assert_wrapped_by_tutor(screen: &str, width: usize) {
    for row in screen.lines() {
        assert!(
            row.trim_end().chars().count() < width,
            "a row the terminal had to break:\n{row}\nthe screen:\n{screen}"
        );
    }
}

/// Answers the first question and waits for the next interviewer's turn; then pauses,
/// ends the round and waits for the saved scorecard (with a model, saved only once its
/// critique came: so by then every request the round would make was made).
fn answer_and_end_the_round(tmux: &Tmux, next: &str) {
    tmux.wait_for_all(&ROUND);
    tmux.keys(&["-l", "I owned the launch; errors fell 40%."]);
    tmux.keys(&["C-d"]);
    tmux.wait_until(next, |screen| {
        screen.contains(next) && screen.matches("Interviewer:").count() >= 2
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("The clock is stopped.");
    tmux.keys(&["e"]);
    tmux.wait_for("Saved to");
}

/// Types `line` at the prompt for `url` (shown on `tmux`), waits for Home, checks the
/// answer remembered, quits, and checks the outcome tutor printed names `outcome`.
fn answer(remote: &Remote, tmux: &Tmux, url: &str, line: &str, remembered: bool, outcome: &str) {
    tmux.type_line(line);
    tmux.wait_for("› Review:");
    assert_eq!(remote.consent(url), Some(remembered), "{line:?}");
    let end = quit(tmux);
    assert!(end.contains(outcome), "{end}");
}

fn quit(tmux: &Tmux) -> String {
    tmux.keys(&["q"]);
    let end = tmux.wait_for("EXIT=");
    assert!(end.contains("EXIT=0 RESTORED"), "{end}");
    end
}

/// `tutor` asks before the screen starts, in words that fit 80 columns: what is sent,
/// to which URL. A no is remembered: the next start does not ask, and the round's
/// follow-ups are the script's, with no request made.
#[test]
fn a_remote_model_is_asked_about_once_and_a_no_keeps_the_script() {
    let remote = Remote::new(URL);
    let tmux = remote.start("consent-no", "", (80, 24));
    let screen = tmux.wait_for_all(&[ASK, URL, "not on this machine", "key points"]);
    assert_wrapped_by_tutor(&screen, 80);
    assert_eq!(remote.consent(URL), None, "remembered before an answer");
    answer(&remote, &tmux, URL, "n", false, "scripted follow-ups");
    drop(tmux);

    // Asked again, it would wait on the prompt and the round would never show.
    let tmux = remote.start("consent-no-again", "interview --seed 7", (100, 30));
    answer_and_end_the_round(&tmux, "Interviewer:");
    quit(&tmux);
    let requests = remote.fake.requests();
    assert!(requests.is_empty(), "the model was asked: {requests:?}");
}

/// A yes is remembered: the next start does not ask, and the model phrases the
/// follow-up. Another URL asks again, and Enter alone is a no for it alone; setting
/// the first URL again forgets its yes.
#[test]
fn a_yes_is_remembered_and_another_url_asks_again() {
    let remote = Remote::new(URL);
    let tmux = remote.start("consent-yes", "", (80, 24));
    tmux.wait_for(ASK);
    answer(&remote, &tmux, URL, "y", true, "will use the model");
    drop(tmux);

    let tmux = remote.start("consent-yes-again", "interview --seed 7", (100, 30));
    answer_and_end_the_round(&tmux, "MODEL: what did the numbers say?");
    tmux.wait_for("CRITIQUE: lead with the result.");
    quit(&tmux);
    let requests = remote.fake.requests();
    assert!(!requests.is_empty());
    for request in &requests {
        assert_eq!(
            request.tunnel.as_deref(),
            Some("192.0.2.1:9"),
            "{request:?}"
        );
    }
    drop(tmux);

    let other = "http://192.0.2.2:9/v1";
    super::common::ok(&remote.data(), &["config", "llm-url", other]);
    let tmux = remote.start("consent-other", "", (80, 24));
    tmux.wait_for_all(&[ASK, other]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("› Review:");
    quit(&tmux);
    assert_eq!(remote.consent(other), Some(false), "Enter alone is a no");
    assert_eq!(remote.consent(URL), Some(true), "the first URL's yes stays");

    // Setting a URL again takes its answer back: the next start asks.
    super::common::ok(&remote.data(), &["config", "llm-url", &format!("{URL}/")]);
    assert_eq!(remote.consent(URL), None);
    let tmux = remote.start("consent-again", "", (80, 24));
    tmux.wait_for_all(&[ASK, URL]);
}

/// Ctrl-D (end of input) at the prompt is no answer: the session starts with the
/// script, nothing is remembered, the outcome is said on its own line, and the next
/// start asks again.
#[test]
fn ctrl_d_at_the_prompt_starts_the_session_and_remembers_nothing() {
    let remote = Remote::new(URL);
    let tmux = remote.start("consent-eof", "", (80, 24));
    tmux.wait_for(ASK);
    tmux.keys(&["C-d"]);
    tmux.wait_for("› Review:");
    let end = quit(&tmux);
    let outcome = end
        .lines()
        .find(|l| l.contains("scripted follow-ups"))
        .unwrap_or_else(|| panic!("no outcome: {end}"));
    assert!(
        !outcome.contains(ASK),
        "the outcome is not on a line of its own: {end}"
    );
    assert!(!end.contains("panicked"), "{end}");
    assert_eq!(remote.consent(URL), None, "no answer was remembered");
    drop(tmux);

    let tmux = remote.start("consent-eof-again", "", (80, 24));
    tmux.wait_for(ASK);
}

/// Ctrl-C at the prompt ends tutor as a signal does (exit 130), with no panic and
/// nothing remembered; the terminal was not changed yet (the prompt is a plain line),
/// and the shell goes on.
#[test]
fn ctrl_c_at_the_prompt_ends_tutor_and_remembers_nothing() {
    let remote = Remote::new(URL);
    let tmux = Tmux::start("consent-int", SHELL, (80, 24));
    tmux.wait_for("sh$");
    tmux.type_line(&format!(
        "{}{} --data-dir {}",
        remote.env(),
        env!("CARGO_BIN_EXE_tutor"),
        remote.data().display()
    ));
    tmux.wait_for(ASK);
    tmux.keys(&["C-c"]);
    // Typed before the shell's prompt is back, the line would go with the input the
    // interrupt discards.
    tmux.wait_until("the shell's prompt again", |screen| {
        screen.matches("sh$").count() >= 2
    });
    tmux.type_line("echo \"code=$?\"");
    let screen = tmux.wait_for("code=130");
    assert!(!screen.contains("panicked"), "{screen}");
    assert_eq!(remote.consent(URL), None);
}

/// `tutor interview --allow-remote-model` agrees without asking, and remembers it.
#[test]
fn allow_remote_model_agrees_without_asking() {
    let remote = Remote::new(URL);
    let tmux = remote.start(
        "consent-allow",
        "interview --allow-remote-model --seed 7",
        (100, 30),
    );
    answer_and_end_the_round(&tmux, "MODEL: what did the numbers say?");
    quit(&tmux);
    assert_eq!(remote.consent(URL), Some(true));
    assert!(!remote.fake.requests().is_empty());
}

/// With stderr not a terminal, the question could not be seen: tutor does not ask,
/// starts with the script, says why in what stderr goes to, and remembers nothing.
#[test]
fn a_prompt_that_could_not_be_seen_is_not_asked() {
    let remote = Remote::new(URL);
    let log = remote.dir.path().join("stderr");
    let tmux = remote.start(
        "consent-stderr",
        &format!("interview --seed 7 2>{}", log.display()),
        (100, 30),
    );
    answer_and_end_the_round(&tmux, "Interviewer:");
    quit(&tmux);
    assert!(remote.fake.requests().is_empty());
    assert_eq!(remote.consent(URL), None);
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("not on this machine"), "{said}");
    assert!(said.contains("--allow-remote-model"), "{said}");
}

/// A URL with escape sequences, thousands of characters long: shown as visible escapes
/// (the screen is not cleared, the title not set) and cut to fit, its host named.
#[test]
fn a_hostile_url_is_shown_display_safe_in_the_prompt() {
    let url = format!(
        "http://192.0.2.1:9/v1/\u{1b}]2;pwned\u{7}\u{1b}[2J{}",
        "a".repeat(5_000)
    );
    let remote = Remote::new(&url);
    let tmux = remote.start("consent-hostile", "", (80, 24));
    let screen = tmux.wait_for_all(&[ASK, "not on this machine", "\\u{1b}]2;pwned"]);
    assert_wrapped_by_tutor(&screen, 80);
    assert!(screen.contains('…'), "{screen}");
    assert!(screen.contains("192.0.2.1"), "{screen}");
    assert_ne!(pane_title(&tmux), "pwned");
    answer(&remote, &tmux, &url, "n", false, "scripted follow-ups");
}

fn pane_title(tmux: &Tmux) -> String {
    let out = std::process::Command::new("tmux")
        .args(["-L", &tmux.socket, "display-message", "-p", "#{pane_title}"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
