//! The real binary in a real terminal (tmux): start, review, reveal, grade, quit with the
//! terminal restored; ending signals restore it too, Ctrl-Z suspends and `fg` redraws;
//! pastes are text, never keys; `kill -9` after two grades keeps both.
//!
//! Each test runs its own tmux server (`-L`), waits for text on the screen with a
//! generous deadline (never a timing assertion), and kills the server when done.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tutor::store::Store;

mod common;
#[path = "tmux/consent.rs"]
mod consent;

const DEADLINE: Duration = Duration::from_secs(30);

struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `script` (a shell command line) in a detached session of `w`×`h`.
    fn start(name: &str, script: &str, (w, h): (u16, u16)) -> Self {
        let socket = format!("tutor-test-{}-{name}", std::process::id());
        let tmux = Self { socket };
        let ok = Command::new("tmux")
            .args([
                "-L",
                &tmux.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
            ])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .arg(script)
            .env("TERM", "xterm-256color")
            .env_remove("TUTOR_DECKS")
            .env_remove("NO_COLOR")
            .status()
            .unwrap_or_else(|e| {
                panic!("tmux is needed for these tests (.ci/run installs it): {e}")
            });
        assert!(ok.success(), "tmux new-session failed");
        tmux
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let ok = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Types `text` literally (no key names), then Enter.
    fn type_line(&self, text: &str) {
        self.keys(&["-l", text]);
        self.keys(&["Enter"]);
    }

    /// Pastes `text` as the terminal would: bracketed (`paste-buffer -p`) when the
    /// program asked for bracketed paste, plain otherwise.
    fn paste(&self, text: &str) {
        for args in [
            &["set-buffer", "-b", "p", "--", text][..],
            &["paste-buffer", "-p", "-b", "p", "-t", "t"][..],
        ] {
            let ok = Command::new("tmux")
                .args(["-L", &self.socket])
                .args(args)
                .status()
                .unwrap();
            assert!(ok.success(), "tmux {args:?}");
        }
    }

    fn resize(&self, (w, h): (u16, u16)) {
        let ok = Command::new("tmux")
            .args(["-L", &self.socket, "resize-window", "-t", "t"])
            .args(["-x", &w.to_string(), "-y", &h.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits until the screen shows `text`; the screen in the panic message otherwise.
    fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Waits until one capture of the screen shows every one of `texts`. A capture can
    /// catch tutor halfway through writing a frame, so texts that belong together are
    /// checked on the same capture instead of one being waited for and the others
    /// asserted at once.
    fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?}"), |screen| {
            texts.iter().all(|text| screen.contains(text))
        })
    }

    /// Waits until `text` is no longer on the screen.
    fn wait_for_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} gone"), |screen| !screen.contains(text))
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "never saw {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// A shell line that runs tutor, then reports its exit code and whether the terminal
/// settings came back as they were, and stays open for capture. The report starts a
/// line of its own: after a `kill -9` the terminal is still raw and the cursor is where
/// tutor's last frame left it, maybe near the right edge, where the report would wrap.
fn wrapped(data: &Path, args: &str, pid_file: &Path) -> String {
    format!(
        "before=$(stty -g); sh -c 'echo $$ > {pid}; exec {bin} --data-dir {data} {args}'; \
         code=$?; after=$(stty -g); printf '\\r\\n'; \
         if [ \"$before\" = \"$after\" ]; then echo \"EXIT=$code RESTORED\"; else echo \"EXIT=$code BROKEN\"; fi; \
         sleep 600",
        pid = pid_file.display(),
        bin = env!("CARGO_BIN_EXE_tutor"),
        data = data.display(),
    )
}

#[test]
fn review_reveal_grade_quit_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "review",
        &wrapped(&dir.path().join("data"), "review", &pid),
        (100, 30),
    );
    tmux.wait_for("Space reveal");
    tmux.keys(&["Space"]);
    tmux.wait_for_all(&["3 Good", "[Python] Rust"]);
    tmux.keys(&["3"]);
    tmux.wait_for("Space reveal");
    tmux.keys(&["?"]);
    tmux.wait_for("Keys (? or Esc to close)");
    // Esc and q sent together would read as Alt-q: wait for the help to close.
    tmux.keys(&["Escape"]);
    tmux.wait_for_gone("Keys (? or Esc to close)");
    tmux.wait_for("Space reveal");
    tmux.keys(&["q"]);
    let end = tmux.wait_for("EXIT=");
    assert!(end.contains("EXIT=0 RESTORED"), "{end}");
    assert!(
        !end.contains("Space reveal"),
        "the alternate screen was left: {end}"
    );
    let store = Store::open(&dir.path().join("data")).unwrap();
    assert_eq!(store.review_count().unwrap(), 1);
}

/// SIGHUP, SIGINT, SIGQUIT and SIGTERM from outside, and the other signals whose default
/// is to end a process (SIGUSR1, SIGALRM, ...), each leave the normal screen and the
/// terminal settings as they were, exit with 128 + the signal's number, and keep the
/// grade given just before. They run at once, each in its own tmux server and data
/// folder: most of each is waiting for the screen.
#[test]
fn each_ending_signal_restores_the_terminal_and_exits_128_plus_n() {
    // Three at a time: each tutor's first start unpacks and checks the bundled decks
    // (1.2 s of CPU in a debug build, 4.6 s before the session stopped scoring recall
    // examples on load: BENCHMARKS.md), and nine at once on two cores can outrun the
    // screen's deadline.
    let signals = [
        ("HUP", 1),
        ("INT", 2),
        ("QUIT", 3),
        ("TERM", 15),
        ("USR1", 10),
        ("USR2", 12),
        ("ALRM", 14),
        ("VTALRM", 26),
        ("PROF", 27),
    ];
    for batch in signals.chunks(3) {
        std::thread::scope(|s| {
            for &(name, number) in batch {
                s.spawn(move || an_ending_signal_restores_the_terminal(name, number));
            }
        });
    }
}

fn an_ending_signal_restores_the_terminal(name: &str, number: i32) {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start(
        &format!("sig{name}"),
        &wrapped(&data, "review", &pid),
        (100, 30),
    );
    tmux.wait_for("Space reveal");
    tmux.keys(&["Space"]);
    tmux.wait_for("1 Again");
    tmux.keys(&["3"]);
    // The next prompt shows only after the grade was committed.
    tmux.wait_for("Space reveal");
    let pid = std::fs::read_to_string(&pid).unwrap();
    signal(pid.trim(), name);
    let end = tmux.wait_for("EXIT=");
    assert!(
        end.contains(&format!("EXIT={} RESTORED", 128 + number)),
        "SIG{name}: {end}"
    );
    assert!(
        !end.contains("Space reveal"),
        "SIG{name} left the alternate screen behind: {end}"
    );
    let store = Store::open(&data).unwrap();
    assert_eq!(store.review_count().unwrap(), 1, "SIG{name}");
}

/// An interactive shell with job control, its prompt `sh$ `, no rc files, no history file.
const SHELL: &str = "env PS1='sh$ ' HISTFILE=/dev/null bash --norc --noprofile -i";

/// The command line that runs tutor in [`SHELL`], writing its pid to `pid_file`.
fn in_shell(data: &Path, args: &str, pid_file: &Path) -> String {
    format!(
        "sh -c 'echo $$ > {pid}; exec {bin} --data-dir {data} {args}'",
        pid = pid_file.display(),
        bin = env!("CARGO_BIN_EXE_tutor"),
        data = data.display(),
    )
}

/// tutor started with `args` from [`SHELL`] in a tmux session `name`: the session, the
/// temporary folder (kept alive with it) and tutor's pid, once `ready` shows.
fn tutor_in_shell(name: &str, args: &str, ready: &str) -> (Tmux, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start(name, SHELL, (100, 30));
    tmux.wait_for("sh$");
    tmux.type_line(&in_shell(&data, args, &pid_file));
    tmux.wait_for(ready);
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    (tmux, dir, pid.trim().to_string())
}

/// Sends `signal` (a name such as `TSTP`) to `pid`.
fn signal(pid: &str, signal: &str) {
    let ok = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Quits tutor with `q` once `shown` is on screen, and checks `fg` ended with 0.
fn quit_and_check_fg(tmux: &Tmux, shown: &str) {
    tmux.keys(&["q"]);
    tmux.wait_for_gone(shown);
    // `fg` ends with the job's exit code.
    tmux.type_line("echo \"fg=$?\"");
    tmux.wait_for("fg=0");
}

/// Ctrl-Z gives the shell back its normal screen (tutor is stopped, its screen gone);
/// `fg` brings the whole session back, redrawn, and it goes on working.
#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let (tmux, _dir, _) = tutor_in_shell("ctrlz", "review", "Space reveal");
    tmux.keys(&["C-z"]);
    tmux.wait_until("the shell's normal screen with tutor stopped", |screen| {
        screen.contains("Stopped") && !screen.contains("Space reveal")
    });
    tmux.type_line("echo back-in-the-shell");
    tmux.wait_for("\nback-in-the-shell");
    tmux.type_line("fg");
    tmux.wait_for_all(&["Space reveal", "[Question]"]);
    tmux.keys(&["Space"]);
    tmux.wait_for("1 Again");
    quit_and_check_fg(&tmux, "1 Again");
}

/// A SIGTSTP from outside suspends the same way, and `fg` redraws.
#[test]
fn an_outside_sigtstp_suspends_and_fg_redraws() {
    let (tmux, _dir, pid) = tutor_in_shell("tstp", "browse lru-cache", "Esc back to list");
    signal(&pid, "TSTP");
    tmux.wait_until("the shell's normal screen with tutor stopped", |screen| {
        screen.contains("Stopped") && !screen.contains("Esc back to list")
    });
    tmux.type_line("fg");
    tmux.wait_for("Esc back to list");
    quit_and_check_fg(&tmux, "Esc back to list");
}

/// SIGSTOP cannot be caught: the screen stays, and the shell puts its own terminal
/// settings back. On `fg` (SIGCONT) tutor sets raw mode again and redraws, so a single
/// key acts at once.
#[test]
fn sigstop_then_fg_sets_raw_mode_again() {
    let (tmux, _dir, pid) = tutor_in_shell("stop", "review", "Space reveal");
    signal(&pid, "STOP");
    tmux.wait_for("Stopped");
    tmux.type_line("fg");
    tmux.wait_for_all(&["Space reveal", "[Question]"]);
    tmux.keys(&["Space"]);
    tmux.wait_for("1 Again");
    quit_and_check_fg(&tmux, "1 Again");
}

/// A paste while reviewing is not typed: `3 apples 4 pears` grades nothing.
#[test]
fn a_paste_in_review_grades_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start("pastereview", &wrapped(&data, "review", &pid), (100, 30));
    tmux.wait_for("Space reveal");
    tmux.paste("3 apples 4 pears");
    // Input is read in order: once the help shows, the paste before it was handled.
    tmux.keys(&["?"]);
    tmux.wait_for("Keys (? or Esc to close)");
    tmux.keys(&["Escape"]);
    tmux.wait_for_gone("Keys (? or Esc to close)");
    tmux.wait_for("Space reveal");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let store = Store::open(&data).unwrap();
    assert_eq!(store.review_count().unwrap(), 0, "a paste saved grades");
}

/// A 5,000-character paste into the console arrives whole and at once: its end shows
/// without another key, and Enter runs the whole line.
#[test]
fn a_long_paste_reaches_the_console_whole() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "pastelab",
        &wrapped(&dir.path().join("data"), "lru --capacity 2", &pid),
        (160, 48),
    );
    tmux.wait_for("capacity 2  size 0/2");
    // `put 1 1`, then spaces, then `put 2 2`... would not parse; spaces between the
    // words keep it one command whose end is visible.
    let text = format!("put 7{}7654321", " ".repeat(4_988));
    assert_eq!(text.len(), 5_000);
    tmux.paste(&text);
    tmux.wait_for("     7654321");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["size 1/2", "7654321"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for("Tab next pane");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// While the terminal is too small, keys act on nothing that cannot be seen: Space and
/// `1` neither reveal nor grade, and `q` still quits. Resizes act: the session comes
/// back when the terminal grows, and the notice when it shrinks.
#[test]
fn the_too_small_screen_takes_only_q_ctrl_c_and_resizes() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start("small", &wrapped(&data, "review", &pid), (60, 20));
    tmux.wait_for("terminal too small");
    tmux.resize((100, 30));
    tmux.wait_for("Space reveal");
    tmux.resize((60, 20));
    tmux.wait_for("terminal too small");
    // Read in order: every key before `q` was handled at this size.
    tmux.keys(&["Space", "1", "Space", "3", "q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let store = Store::open(&data).unwrap();
    assert_eq!(
        store.review_count().unwrap(),
        0,
        "keys graded an unseen card"
    );
}

#[test]
fn kill_9_after_two_grades_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start("kill", &wrapped(&data, "review", &pid), (160, 48));
    let first = tmux.wait_for("Space reveal");
    tmux.keys(&["Space"]);
    tmux.wait_for("1 Again");
    tmux.keys(&["1"]);
    let second = tmux.wait_for("Space reveal");
    assert_ne!(first, second);
    tmux.keys(&["Space"]);
    tmux.wait_for("1 Again");
    tmux.keys(&["4"]);
    // The third card's prompt shows only after the second grade was committed.
    tmux.wait_for("Space reveal");
    let pid = std::fs::read_to_string(&pid).unwrap();
    signal(pid.trim(), "KILL");
    tmux.wait_for("EXIT=137");
    let store = Store::open(&data).unwrap();
    let log = store.revlog().unwrap();
    let ratings: Vec<u8> = log.iter().map(|r| r.rating).collect();
    assert_eq!(ratings, [1, 4]);
}

/// When the terminal goes away (here: its tmux server is killed, which hangs up the
/// pane), tutor exits instead of spinning on the dead tty.
#[test]
fn a_vanished_terminal_ends_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let tmux = Tmux::start(
        "hangup",
        &wrapped(&dir.path().join("data"), "browse gil", &pid_file),
        (100, 30),
    );
    tmux.wait_for("Esc back to list");
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    let ok = Command::new("tmux")
        .args(["-L", &tmux.socket, "kill-server"])
        .status()
        .unwrap();
    assert!(ok.success());
    let stat = format!("/proc/{pid}/stat");
    let start = Instant::now();
    loop {
        // Gone, or a zombie waiting for its new parent to reap it: either way, exited.
        let state = std::fs::read_to_string(&stat)
            .ok()
            .and_then(|s| s.rsplit(") ").next().and_then(|r| r.chars().next()));
        if state.is_none_or(|c| c == 'Z' || c == 'X') {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "tutor {pid} still running ({state:?}) after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_lru_lab_draws_each_operation() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "lab",
        &wrapped(&dir.path().join("data"), "lab lru --capacity 2", &pid),
        (160, 48),
    );
    tmux.wait_for("capacity 2  size 0/2");
    for op in ["put 1 1", "put 2 2", "get 1", "put 3 3"] {
        tmux.keys(&[op, "Enter"]);
    }
    tmux.wait_for_all(&["EVICT 2", "hits 1"]);
    // The Diagram pane has room for boxes and arrows: the evicted node leaves in a
    // dashed box, the new one is double-boxed, the ends and the links are drawn.
    tmux.wait_for_all(&[
        "╎ x EVICTED ╎",
        "║ #1 +NEW",
        "head LRU",
        "tail MRU",
        "◀─▶",
        "3 ─▶ #1 +NEW",
    ]);
    tmux.keys(&["get 9", "Enter"]);
    tmux.wait_for("MISS");
    // Tab completes a command's name from the lab's table: `fi` becomes `fill `.
    tmux.keys(&["fi", "Tab", "3", "Enter"]);
    tmux.wait_for("fill 3 from seed");
    // `;` runs several commands in turn, each its own operation in the log; a bad one
    // stops the line there, naming it.
    tmux.type_line("put 7 7; put 8 8; get 7");
    tmux.wait_for_all(&[
        "> get 7 -> HIT",
        "  get 7           HIT 7 = 7",
        "  put 8 8         INSERT 8 = 8",
    ]);
    tmux.type_line("get 8; frob; get 7");
    tmux.wait_for("command 2 of 3 failed: `frob`");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Tab next pane");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// `tutor lab anagrams`: words land in buckets, the touched one marked by word and
/// shape, `key count` re-buckets, `undo` steps back, Tab completes from its table.
#[test]
fn the_anagram_lab_buckets_each_word() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "anagrams",
        &wrapped(&dir.path().join("data"), "lab anagrams", &pid),
        (160, 48),
    );
    tmux.wait_for_all(&["Anagrams lab: type add WORD", "Group anagrams"]);
    for op in ["add eat", "add tan", "add tea"] {
        tmux.keys(&[op, "Enter"]);
    }
    tmux.wait_for_all(&[
        "+tea in bucket aet",
        "║+tea",
        "│ tan │",
        "words: 3  buckets: 2",
    ]);
    tmux.keys(&["add bat", "Enter"]);
    tmux.wait_for("╔═abt NEW═╗");
    // Tab completes `ke` to `key `.
    tmux.keys(&["ke", "Tab", "count", "Enter"]);
    tmux.wait_for_all(&["key: count", "┌─a1e1t1─┐"]);
    tmux.keys(&["add c4t", "Enter"]);
    tmux.wait_for("`c4t`: a word is letters a-z only");
    tmux.keys(&["undo", "Enter"]);
    tmux.wait_for("key: sorted");
    tmux.type_line("add cat; add act");
    tmux.wait_for_all(&["+act in bucket act", "words: 6  buckets: 4"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for("Tab next pane");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

#[test]
fn a_whole_quiz_ends_on_the_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start("quiz", &wrapped(&data, "quiz --count 3", &pid), (100, 30));
    for n in 1..=3 {
        tmux.wait_for(&format!("Quiz {n}/3"));
        // "I don't know" answers any kind; then Enter goes on from the feedback.
        tmux.keys(&["s"]);
        tmux.wait_for("Enter next");
        tmux.keys(&["Enter"]);
    }
    tmux.wait_for_all(&["Score: 0 of 3", "By kind", "Each item"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Review:");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("RESTORED"));
    let store = Store::open(&data).unwrap();
    assert_eq!(
        store.review_count().unwrap(),
        0,
        "a quiz never adds reviews"
    );
}

/// Home, then Stats and its help, back home, and quit: at the smallest size the
/// session draws (80×24).
#[test]
fn home_to_stats_and_back_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "home",
        &wrapped(&dir.path().join("data"), "", &pid),
        (80, 24),
    );
    tmux.wait_for_all(&["› Review:", "j down", "q quit"]);
    tmux.keys(&["j", "j", "j", "j", "j", "Enter"]);
    tmux.wait_for_all(&["┌ Stats", "Cards", "Esc home"]);
    tmux.keys(&["?"]);
    tmux.wait_for_all(&["Keys (? or Esc to close)", "Scrolling"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for_gone("Keys (? or Esc to close)");
    tmux.keys(&["Escape"]);
    // Home again, the cursor on the Stats entry just left.
    tmux.wait_for("› Stats and heatmap");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// An emoji sequence whose width the terminal and ratatui disagree on (here a skin-tone
/// modifier: one cell pair to ratatui, two to tmux; a flag in other terminals) left a
/// glyph behind on the next screen, in cells ratatui believed blank on both. Content is
/// made display-safe, so nothing of the card stays after leaving it.
#[test]
fn no_glyph_of_a_card_stays_after_leaving_it() {
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(
        decks.join("deck.yaml"),
        "id: emoji\ntitle: Emoji\ndescription: Wide glyphs.\ntopics:\n  - id: basics\n    title: Basics\n",
    )
    .unwrap();
    // Several paragraphs, so that some land on rows the list leaves blank there.
    let thumbs = "ZZZZZZZZZZZZZZZ\\U0001F44D\\U0001F3FD";
    let prompt = [thumbs; 8].join("\\n\\n");
    std::fs::write(
        decks.join("01-card.yaml"),
        format!(
            "id: thumbs\ntitle: Thumbs\ntopic: basics\ntags: [emoji]\ndifficulty: easy\n\
             prompt: \"{prompt}\"\n\
             python:\n  solution: |\n    def one():\n        return 1\n  tests: |\n    assert one() == 1\n\
             rust:\n  solution: |\n    pub fn one() -> u32 {{ 1 }}\n  tests: |\n    #[test]\n    fn one_is_one() {{ assert_eq!(one(), 1); }}\n\
             explanation: Plain.\nkey_points: [one]\npitfalls: [two]\nfollow_ups: [three]\n"
        ),
    )
    .unwrap();
    let pid = dir.path().join("pid");
    let args = format!("--decks {} browse thumbs", decks.display());
    let tmux = Tmux::start(
        "glyph",
        &wrapped(&dir.path().join("data"), &args, &pid),
        (100, 40),
    );
    tmux.wait_for_all(&["ZZZZZZZZZZZZZZZ👍", "Esc back to list"]);
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for_all(&["Browse:", "Enter open card"]);
    assert!(
        !screen.contains('\u{1F3FD}') && !screen.contains("ZZZ"),
        "the card left a glyph behind:\n{screen}"
    );
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("RESTORED"));
}

/// At 100×30 a review's LRU card: driving the lab from the console brings the Diagram
/// in front of the Question (they share a slot below 160 columns), the reveal brings the
/// Question back, and its border names the sections still below.
#[test]
fn the_lab_shows_its_diagram_and_the_question_its_sections_at_100x30() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "layout",
        &wrapped(&dir.path().join("data"), "review", &pid),
        (100, 30),
    );
    tmux.wait_for_all(&["[Question] Diagram", "Space reveal"]);
    tmux.keys(&["i"]);
    tmux.wait_for("Esc leave console");
    tmux.keys(&["put 1 1", "Enter"]);
    tmux.wait_for_all(&["Question [Diagram]", "size 1/2"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for("Space reveal");
    tmux.keys(&["Space"]);
    tmux.wait_for_all(&[
        "[Question] Diagram",
        "more below: In two minutes · Explanation",
    ]);
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// A deck of one card, `lru`, with one recall item (three points), under `dir/decks`.
fn one_recall_deck(dir: &Path) -> std::path::PathBuf {
    let decks = dir.join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(
        decks.join("deck.yaml"),
        "id: recall\ntitle: Recall\ndescription: One recall item.\ntopics:\n  - id: basics\n    title: Basics\n",
    )
    .unwrap();
    std::fs::write(
        decks.join("01-card.yaml"),
        "id: lru\ntitle: LRU\ntopic: basics\ntags: [lru]\ndifficulty: easy\n\
         prompt: Build an LRU cache.\n\
         python:\n  solution: |\n    def one():\n        return 1\n  tests: |\n    assert one() == 1\n\
         rust:\n  solution: |\n    pub fn one() -> u32 { 1 }\n  tests: |\n    #[test]\n    fn one_is_one() { assert_eq!(one(), 1); }\n\
         explanation: Plain.\nkey_points: [one]\npitfalls: [two]\nfollow_ups: [three]\n\
         quiz:\n  - kind: recall\n    question: How does an LRU cache get O(1) get and put?\n    points:\n\
         \x20     - point: A hash map finds the node.\n        accept: [hash map]\n\
         \x20     - point: A doubly linked list keeps the order of use.\n        accept: [linked list]\n\
         \x20     - point: The oldest entry is evicted.\n        accept: [\"evict*\"]\n\
         \x20   model_answer: A hash map to the nodes of a doubly linked list; evict the oldest.\n\
         \x20   explanation: The map finds, the list orders.\n",
    )
    .unwrap();
    decks
}

/// A recall answer being typed survives `kill -9`: the pause in typing writes it to
/// `attempts/lru/recall-0.txt`; the item opened again after a restart shows it with a
/// footer note, and submitting it removes the file.
#[test]
fn a_recall_answer_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let decks = one_recall_deck(dir.path());
    let data = dir.path().join("data");
    let pid = dir.path().join("pid");
    let file = data.join("attempts").join("lru").join("recall-0.txt");
    let args = format!("--decks {} quiz --card lru", decks.display());
    let tmux = Tmux::start("recall-kill", &wrapped(&data, &args, &pid), (100, 30));
    tmux.wait_for("┌ Your answer ");
    tmux.keys(&["i"]);
    tmux.wait_for("Your answer (typing)");
    type_then_kill_9_once_saved(&tmux, "A hash map finds", &file, &pid);
    drop(tmux);

    let tmux = Tmux::start("recall-kill2", &wrapped(&data, &args, &pid), (100, 30));
    tmux.wait_for_all(&["│A hash map finds", "your unsent answer is back"]);
    tmux.keys(&["i"]);
    tmux.wait_for("Your answer (typing)");
    tmux.keys(&["M-Enter"]);
    tmux.wait_for("Not quite (1 of 3 right)");
    assert!(!file.exists(), "submitted: the draft is gone");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0"));
}

/// 5,000 characters typed into the answer editor as keystrokes (a terminal without
/// bracketed paste, or a paste tool that types) are all read, and the key after them
/// acts at once. crossterm's default event source read one 1 KiB chunk per readiness
/// edge and left the rest in the terminal until another key came: the text stopped
/// after about 3,000 characters and Ctrl-D did nothing.
#[test]
fn an_answer_typed_as_5000_keystrokes_is_read_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let decks = one_recall_deck(dir.path());
    let data = dir.path().join("data");
    let pid = dir.path().join("pid");
    let args = format!("--decks {} quiz --card lru", decks.display());
    let tmux = Tmux::start("keystrokes", &wrapped(&data, &args, &pid), (100, 30));
    tmux.wait_for("┌ Your answer ");
    tmux.keys(&["i"]);
    tmux.wait_for("Your answer (typing)");
    let mut text: String = (0..832)
        .flat_map(|i| format!("w{i:04} ").into_bytes())
        .map(char::from)
        .collect();
    text.push_str("LASTWORD");
    assert_eq!(text.len(), 5_000);
    tmux.keys(&["-l", &text]);
    // The editor follows its cursor: the last word shows once every key was read.
    tmux.wait_for("│LASTWORD ");
    tmux.keys(&["C-d"]);
    tmux.wait_for("✗ Not quite (0 of 3 right)");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0"));
}

/// Characters that arrive together (one write of the terminal: a paste it did not
/// bracket) go in as one edit: one Ctrl-U takes all of them back, as it does a
/// bracketed paste, while keys typed one by one are undone one by one.
///
/// On a loaded machine the burst can go in as two or three edits: crossterm's poll
/// gives up before looking at keys it has already read when tutor was not scheduled for
/// the whole of `PENDING` (src/app.rs). So the test asks that one Ctrl-U take back more
/// than the last character (without the join it takes back exactly that one), and then
/// at most two more for the rest of the burst.
#[test]
fn keys_that_arrive_together_are_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let decks = one_recall_deck(dir.path());
    let data = dir.path().join("data");
    let pid = dir.path().join("pid");
    let args = format!("--decks {} quiz --card lru", decks.display());
    let tmux = Tmux::start("burst-undo", &wrapped(&data, &args, &pid), (100, 30));
    tmux.wait_for("┌ Your answer ");
    tmux.keys(&["i"]);
    tmux.wait_for("Your answer (typing)");
    tmux.keys(&["-l", "K"]);
    tmux.wait_for("│K ");
    tmux.keys(&["-l", "a hash map of nodes in a doubly linked list"]);
    tmux.wait_for("│Ka hash map of nodes in a doubly linked list ");
    tmux.keys(&["C-u"]);
    let mut screen = tmux.wait_for_gone("│Ka hash map of nodes in a doubly linked lis");
    for _ in 0..2 {
        if screen.contains("│K ") {
            break;
        }
        let line = screen
            .lines()
            .find(|l| l.contains("│Ka"))
            .map(str::to_string);
        tmux.keys(&["C-u"]);
        screen = tmux.wait_until("one more part of the burst taken back", |now| {
            line.as_deref().is_none_or(|line| !now.contains(line))
        });
    }
    tmux.wait_for("│K ");
    tmux.keys(&["C-u"]);
    tmux.wait_until("an empty answer", |screen| !screen.contains("│K "));
    // Esc and q sent together would read as Alt-q: wait for the editor to close.
    tmux.keys(&["Escape"]);
    tmux.wait_for_gone("Your answer (typing)");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0"));
}

/// A recall answer in the answer editor: a line typed, Enter, a two-line paste (it goes
/// in whole, line break kept), Alt-Enter submits (tmux sends Esc then Enter, which
/// crossterm reports as Alt-Enter); `c` claims a missed point, and the stats screen and
/// `tutor stats` count it as self-assessed, apart from the scored points.
#[test]
fn a_recall_answer_typed_pasted_submitted_and_claimed_shows_in_stats() {
    let dir = tempfile::tempdir().unwrap();
    let decks = one_recall_deck(dir.path());
    let data = dir.path().join("data");
    let pid = dir.path().join("pid");
    let args = format!("--decks {} quiz --card lru", decks.display());
    let tmux = Tmux::start("recall", &wrapped(&data, &args, &pid), (100, 30));
    tmux.wait_for_all(&["Quiz 1/1", "┌ Your answer "]);
    tmux.keys(&["i"]);
    tmux.wait_for("Your answer (typing)");
    tmux.keys(&["-l", "A hash map,"]);
    tmux.keys(&["Enter"]);
    tmux.paste("kept in order\nof use.");
    tmux.wait_for_all(&["│A hash map,   ", "│kept in order   ", "│of use.   "]);
    tmux.keys(&["M-Enter"]);
    tmux.wait_for_all(&[
        "✗ Not quite (1 of 3 right)",
        "Your answer: A hash map,",
        "             kept in order",
        "› ✗ A doubly linked list keeps the order of use.  (c: I did say that)",
        "c I did say that",
    ]);
    tmux.keys(&["c"]);
    tmux.wait_for_all(&[
        "✗ Not quite (1 of 3 right, 1 by your word)",
        "✓ A doubly linked list keeps the order of use.  (you said so: self-assessed)",
    ]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Score: 0 of 1");
    tmux.keys(&["Enter"]);
    // Home, the cursor on the Quiz entry just left; Stats is four below.
    tmux.wait_for("› Quiz:");
    tmux.keys(&["j", "j", "j", "j"]);
    tmux.wait_for("› Stats and heatmap");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&[
        "┌ Stats",
        "Recall     1 of 3 key points scored · 1 self-assessed",
    ]);
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let out = Command::new(env!("CARGO_BIN_EXE_tutor"))
        .args(["--data-dir"])
        .arg(&data)
        .args(["--decks"])
        .arg(&decks)
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stats["quiz"]["recall_points"],
        serde_json::json!({"total": 3, "scored": 1, "self_assessed": 1})
    );
    assert_eq!(
        stats["quiz"]["correct"], 0,
        "one of two missed points claimed"
    );
}

/// Writes a deck of `cards` cards with long solutions (`lines` lines each) to `dir`:
/// warming a cold highlight cache over it takes seconds.
fn big_deck(dir: &Path, cards: usize, lines: usize) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("deck.yaml"),
        "id: big\ntitle: Big\ndescription: Long solutions.\ntopics:\n  - id: basics\n    title: Basics\n",
    )
    .unwrap();
    for i in 0..cards {
        let (mut python, mut rust) = (String::new(), String::new());
        for j in 0..lines {
            writeln!(
                python,
                "        x{j} = [k * {j} for k in range({j})]  # {i}"
            )
            .unwrap();
            writeln!(
                rust,
                "        let x{j}: Vec<u64> = (0..{j}).map(|k| k * {j}).collect(); // {i}"
            )
            .unwrap();
        }
        std::fs::write(
            dir.join(format!("{i:03}-card.yaml")),
            format!(
                "id: big-{i}\ntitle: Big {i}\ntopic: basics\ntags: [big]\ndifficulty: easy\nprompt: Card {i}.\n\
                 python:\n  solution: |\n    def f():\n{python}        return 1\n  tests: |\n    assert f() == 1\n\
                 rust:\n  solution: |\n    pub fn f() -> u32 {{\n{rust}        1\n    }}\n  tests: |\n    #[test]\n    fn one() {{ assert_eq!(f(), 1); }}\n\
                 explanation: Plain.\nkey_points: [one]\npitfalls: [two]\nfollow_ups: [three]\n"
            ),
        )
        .unwrap();
    }
}

/// The first job on the worker warms the highlight cache (here cold, over a deck that
/// takes seconds): the footer shows its spinner, keys are answered while it runs (the
/// menu moves, the help opens and closes, the spinner still turning beside them), and
/// Esc cancels it: the flash says so, the spinner goes, and the cache stays part-filled.
#[test]
fn keys_are_answered_while_a_job_runs_and_esc_cancels_it() {
    const CARDS: usize = 120;
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    big_deck(&decks, CARDS, 200);
    let data = dir.path().join("data");
    let pid = dir.path().join("pid");
    let args = format!("--decks {}", decks.display());
    let tmux = Tmux::start("worker", &wrapped(&data, &args, &pid), (120, 30));
    let spinning = "highlighting cards";
    tmux.wait_for_all(&["› Review", spinning, "Esc cancel"]);
    tmux.keys(&["j"]);
    tmux.wait_for_all(&["› Quiz", spinning]);
    tmux.keys(&["j"]);
    tmux.wait_for_all(&["› LRU lab", spinning]);
    tmux.keys(&["?"]);
    tmux.wait_for_all(&["Keys (? or Esc to close)", spinning]);
    tmux.keys(&["?"]);
    tmux.wait_for_gone("Keys (? or Esc to close)");
    tmux.wait_for_all(&["› LRU lab", spinning]);
    tmux.keys(&["Escape"]);
    let cancelled = tmux.wait_for("cancelled highlighting cards");
    let spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    assert!(
        !cancelled.contains(spinner) && cancelled.contains("› LRU lab"),
        "Esc went back, or the spinner stayed:\n{cancelled}"
    );
    // Esc was the cancel, not Back: the next key is answered as before.
    tmux.keys(&["k"]);
    tmux.wait_until("the menu moved, the flash gone", |s| {
        s.contains("› Quiz") && !s.contains("cancelled") && !s.contains("Esc cancel")
    });
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let cached = std::fs::read_dir(tutor::paths::highlight_cache_dir(&data)).map_or(0, |d| {
        d.filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
            .count()
    });
    assert!(
        cached < 2 * CARDS,
        "the warming went on after Esc: {cached} solutions cached"
    );
}

/// Waits until `path` holds `text` (the session saves after a pause in typing).
fn wait_for_file(path: &Path, text: &str) -> String {
    poll(
        || {
            let now = std::fs::read_to_string(path).unwrap_or_default();
            now.contains(text).then_some(now)
        },
        || {
            let now = std::fs::read_to_string(path).unwrap_or_default();
            format!("{} never held {text:?}; it holds:\n{now}", path.display())
        },
    )
}

/// What `find` finds, asked every 50 ms until [`DEADLINE`]; then fails with `why`.
fn poll<T>(mut find: impl FnMut() -> Option<T>, why: impl Fn() -> String) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = find() {
            return found;
        }
        assert!(start.elapsed() < DEADLINE, "{}", why());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Practice keeps the learner's code: typed, quit, reopened, it is back; typed again
/// and the process killed with `kill -9` once the pause in typing saved it, it is back
/// again.
#[test]
fn practice_code_survives_quit_and_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let file = data.join("attempts").join("lru-cache").join("solution.py");
    let size = (200, 50);
    let tmux = Tmux::start(
        "practice",
        &wrapped(&data, "practice lru-cache", &pid),
        size,
    );
    tmux.wait_for("Your code · solution.py (typing)");
    // Ctrl-E: the end of the starter's first `...` line; a new line keeps its indent.
    tmux.keys(&["C-e", "Enter"]);
    tmux.keys(&["-l", "mine_one = 1"]);
    tmux.wait_for("mine_one = 1");
    tmux.keys(&["Escape"]);
    tmux.wait_for("i type code");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("        ...\n        mine_one = 1\n"),
        "{saved}"
    );
    drop(tmux);

    let tmux = Tmux::start(
        "practice2",
        &wrapped(&data, "practice lru-cache", &pid),
        size,
    );
    tmux.wait_for_all(&["Your code · solution.py (typing)", "mine_one = 1"]);
    tmux.keys(&["Enter"]);
    type_then_kill_9_once_saved(&tmux, "mine_two = 2", &file, &pid);
    drop(tmux);

    let tmux = Tmux::start(
        "practice3",
        &wrapped(&data, "practice lru-cache", &pid),
        size,
    );
    tmux.wait_for_all(&["mine_one = 1", "mine_two = 2"]);
}

/// Types `text` into the editor in use and, with no key leaving it, waits for the
/// pause in typing to save it to `file`; then `kill -9` (tutor's pid is in `pid`).
fn type_then_kill_9_once_saved(tmux: &Tmux, text: &str, file: &Path, pid: &Path) {
    tmux.keys(&["-l", text]);
    tmux.wait_for(text);
    wait_for_file(file, text);
    signal(std::fs::read_to_string(pid).unwrap().trim(), "KILL");
    tmux.wait_for("EXIT=137");
}

/// One single-choice item of the bundled decks and two quiz seeds that show its options
/// in different orders (the first option shown differs).
struct TwoOrders {
    card: String,
    index: usize,
    /// In the card's order.
    options: Vec<tutor::text::Shown>,
    answer: usize,
    /// Each seed and the order it shows the options in (card indices).
    seeds: [(u64, Vec<usize>); 2],
}

fn one_item_two_orders() -> TwoOrders {
    use tutor::content::QuizItem;
    use tutor::quiz::{Selection, select};
    let library = common::bundled();
    // Options that show as written: no Markdown marks, short enough not to wrap.
    let plain = |options: &[tutor::text::Shown]| {
        options
            .iter()
            .all(|o| o.len() < 80 && o.chars().all(|c| c.is_ascii() && !"`*_[]<>\\".contains(c)))
    };
    for (_, card) in library.cards() {
        for (index, item) in card.quiz.iter().enumerate() {
            let QuizItem::Single(single) = item else {
                continue;
            };
            if !single.shuffle || !plain(&single.options) {
                continue;
            }
            let order = |seed: u64| {
                let selection = Selection {
                    card: Some(card.id.as_str().into()),
                    count: Some(1),
                    seed: Some(seed),
                    ..Selection::default()
                };
                let items = select(library, &selection, seed).unwrap();
                (items[0].item_index == index).then(|| items[0].option_order.clone())
            };
            let mut found: Vec<(u64, Vec<usize>)> = Vec::new();
            for seed in 0..500 {
                let Some(o) = order(seed) else { continue };
                match found.first() {
                    None => found.push((seed, o)),
                    Some((_, first)) if first[0] != o[0] => {
                        found.push((seed, o));
                        let second = found.pop().unwrap();
                        let first = found.pop().unwrap();
                        return TwoOrders {
                            card: card.id.to_string(),
                            index,
                            options: single.options.clone(),
                            answer: single.answer,
                            seeds: [first, second],
                        };
                    }
                    Some(_) => {}
                }
            }
        }
    }
    panic!("no single item shows two orders under 500 seeds");
}

/// `tutor quiz --seed`: one item's options in two different orders under two seeds, in
/// the real binary; the right option picked where each order shows it is right, and both
/// answers are saved as the same option (its index in the card).
#[test]
fn a_quiz_shows_one_items_options_in_each_seeds_order() {
    let TwoOrders {
        card,
        index,
        options,
        answer,
        seeds,
    } = one_item_two_orders();
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let mut screens = Vec::new();
    for (seed, order) in &seeds {
        let args = format!("quiz --card {card} --count 1 --seed {seed}");
        // A server of its own per run: the last one may still be going away.
        let name = format!("shuffle-{seed}");
        let tmux = Tmux::start(&name, &wrapped(&data, &args, &pid), (160, 48));
        let screen = tmux.wait_for("Quiz 1/1");
        let rows: Vec<usize> = order
            .iter()
            .enumerate()
            .map(|(at, &identity)| {
                let shown = format!("{}. {}", at + 1, options[identity]);
                screen
                    .lines()
                    .position(|l| l.contains(&shown))
                    .unwrap_or_else(|| panic!("seed {seed}: no `{shown}` on\n{screen}"))
            })
            .collect();
        assert!(
            rows.windows(2).all(|w| w[0] < w[1]),
            "seed {seed}: {rows:?}\n{screen}"
        );
        screens.push(screen);
        let right_at = order.iter().position(|&o| o == answer).unwrap();
        tmux.keys(&[&(right_at + 1).to_string()]);
        tmux.keys(&["Enter"]);
        tmux.wait_for_all(&["Enter next", "✓ Right"]);
        tmux.keys(&["Enter"]);
        tmux.wait_for("Score: 1 of 1");
        tmux.keys(&["Enter"]);
        tmux.wait_for("Review:");
        tmux.keys(&["q"]);
        assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    }
    let first_line = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains(" 1. "))
            .unwrap_or_default()
            .to_string()
    };
    assert_ne!(first_line(&screens[0]), first_line(&screens[1]));
    let items = Store::open(&data).unwrap().quiz_items().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        (items[0].card_id.as_str(), items[0].item_index),
        (card.as_str(), index)
    );
    assert_eq!(items[0].tally.correct, 2);
    let picks: Vec<&[usize]> = items[0]
        .picks
        .iter()
        .map(|p| p.options.as_slice())
        .collect();
    assert_eq!(
        picks,
        [&[answer][..]],
        "both saved as the card's option {answer}"
    );
}

/// Warming the cache is tutor's own (background) job: on a card opened from the
/// command line, Esc goes back to the list while the spinner keeps turning, instead of
/// cancelling the warming and leaving the learner on the card.
#[test]
fn esc_on_a_card_goes_back_while_the_cache_warms() {
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    big_deck(&decks, 120, 200);
    let data = dir.path().join("data");
    let pid = dir.path().join("pid");
    let args = format!("--decks {} browse big-0", decks.display());
    let tmux = Tmux::start("bgjob", &wrapped(&data, &args, &pid), (120, 30));
    let spinning = "highlighting cards";
    tmux.wait_for_all(&["Card 0.", spinning]);
    tmux.keys(&["Escape"]);
    // The bundled decks are listed too; a cancel would flash until the next key.
    let all = 120 + common::bundled().cards().count();
    let back = tmux.wait_for(&format!("Browse: {all} of {all} cards"));
    assert!(
        !back.contains("cancelled"),
        "Esc cancelled the warming:\n{back}"
    );
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// At 80x24 the lab's `help` replies are read whole: the console's border cuts them off,
/// so the diagram shows the last one wrapped; `help CMD` gives that command's row.
#[test]
fn lab_help_is_readable_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let tmux = Tmux::start(
        "labhelp",
        &wrapped(&dir.path().join("data"), "lru --capacity 2", &pid),
        (80, 24),
    );
    tmux.wait_for("cap 2 size 0/2");
    tmux.type_line("help put");
    tmux.wait_for("put K V: insert K with value V, or update it; K becomes most recent");
    tmux.type_line("help");
    tmux.wait_for_all(&["fill N [SEED],", "help [CMD]"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for("Esc home");
}

/// Ctrl-R on practice runs the card's tests on the worker and Results shows them; the
/// screen keeps answering keys meanwhile.
#[test]
fn practice_ctrl_r_shows_the_test_results() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start(
        "practice-run",
        &wrapped(&data, "practice two-sum", &pid),
        (160, 48),
    );
    tmux.wait_for("No run yet");
    tmux.keys(&["C-r"]);
    // The starter's bodies are `...`: some tests fail.
    let screen = tmux.wait_for(" failed");
    assert!(screen.contains("FAILED"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("i type code");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// SIGTERM (and INT, HUP: closing the terminal window) right after typing, before the
/// pause that saves: the session quits as `q` does, so the code is on disk.
#[test]
fn practice_code_typed_just_before_sigterm_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let file = data.join("attempts").join("lru-cache").join("solution.py");
    let tmux = Tmux::start(
        "practice-term",
        &wrapped(&data, "practice lru-cache", &pid),
        (160, 48),
    );
    tmux.wait_for("Your code · solution.py (typing)");
    tmux.keys(&["C-e", "Enter"]);
    tmux.keys(&["-l", "typed_late = 1"]);
    tmux.wait_for("typed_late = 1");
    let pid_text = std::fs::read_to_string(&pid).unwrap();
    signal(pid_text.trim(), "TERM");
    assert!(tmux.wait_for("EXIT=").contains("EXIT=143 RESTORED"));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("typed_late = 1"), "{saved}");
}

/// The mock interview from Home: the LP question answered (Enter breaks the line,
/// Ctrl-D submits), paused and resumed, ended from the pause box; the scorecard shows,
/// and the round is saved (its row and its Markdown transcript).
#[test]
fn a_mock_interview_from_home_to_its_scorecard() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start("interview", &wrapped(&data, "", &pid), (100, 30));
    tmux.wait_for_all(&["› Review:", "Mock interview"]);
    let index = tutor::state::HOME_ITEMS
        .iter()
        .position(|&i| i == tutor::state::HomeItem::Interview)
        .unwrap();
    for _ in 0..index {
        tmux.keys(&["j"]);
    }
    tmux.wait_for("› Mock interview");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["Interviewer:", "round 00:0", "Ctrl-D submit answer"]);
    tmux.keys(&["-l", "I owned the launch."]);
    tmux.keys(&["Enter"]);
    tmux.keys(&["-l", "Errors fell 40%."]);
    tmux.keys(&["C-d"]);
    tmux.wait_for_all(&[
        "You: I owned the launch.",
        "Errors fell 40%.",
        "First person",
    ]);
    tmux.keys(&["Escape"]);
    tmux.wait_for_all(&["The clock is stopped.", "· paused", "e end the round"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for_gone("The clock is stopped.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("The clock is stopped.");
    tmux.keys(&["e"]);
    tmux.wait_for_all(&["scorecard", "Signal:", "Leadership Principles", "Saved to"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("› Mock interview");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let store = Store::open(&data).unwrap();
    assert_eq!(store.interviews().unwrap().len(), 1);
    let saved: Vec<_> = std::fs::read_dir(data.join("interviews"))
        .unwrap()
        .collect();
    assert_eq!(saved.len(), 1);
}

/// The file in `dir` whose name ends with `suffix` once it holds `text` (polled, as
/// [`wait_for_file`]).
fn wait_for_file_in(dir: &Path, suffix: &str, text: &str) -> std::path::PathBuf {
    poll(
        || {
            let entry = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .find(|e| {
                    e.file_name().to_string_lossy().ends_with(suffix)
                        && std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(text))
                });
            entry.map(|e| e.path())
        },
        || format!("no *{suffix} in {} held {text:?}", dir.display()),
    )
}

/// The interview answer being typed survives `kill -9` in `interviews/<time>.unsent.txt`
/// (written after a pause in typing); after SIGTERM the saved transcript has the answer
/// typed and not sent, marked unsent.
#[test]
fn an_unsent_interview_answer_survives_kill_9_and_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let interviews = data.join("interviews");
    let start = |name| {
        let tmux = Tmux::start(name, &wrapped(&data, "interview --seed 7", &pid), (100, 30));
        tmux.wait_for_all(&["Interviewer:", "round 00:0"]);
        tmux
    };
    let tmux = start("iv-kill");
    tmux.keys(&["-l", "I owned the launch"]);
    tmux.wait_for("I owned the launch");
    let draft = wait_for_file_in(&interviews, ".unsent.txt", "I owned the launch");
    signal(std::fs::read_to_string(&pid).unwrap().trim(), "KILL");
    tmux.wait_for("EXIT=137");
    drop(tmux);
    assert_eq!(
        std::fs::read_to_string(&draft).unwrap(),
        "I owned the launch"
    );

    let tmux = start("iv-term");
    tmux.keys(&["-l", "Errors fell by forty"]);
    tmux.wait_for("Errors fell by forty");
    signal(std::fs::read_to_string(&pid).unwrap().trim(), "TERM");
    tmux.wait_for("EXIT=");
    let saved = wait_for_file_in(&interviews, ".md", "**You (unsent)**: Errors fell by forty");
    let stem = saved
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".md", "");
    assert!(
        !interviews.join(format!("{stem}.unsent.txt")).exists(),
        "the saved round took its draft"
    );
}

/// An executable shell script `name` in `dir` with `body` after the `#!/bin/sh` line.
fn script(dir: &Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// tutor practising two-sum with its data in `dir`, `$EDITOR` set to `editor` and
/// `$VISUAL` unset, out of typing: ready for `e`.
fn practice_with_editor(name: &str, dir: &Path, editor: &str) -> Tmux {
    let line = wrapped(&dir.join("data"), "practice two-sum", &dir.join("pid"));
    let tmux = Tmux::start(
        name,
        &format!("unset VISUAL; export EDITOR='{editor}'; {line}"),
        (160, 48),
    );
    tmux.wait_for("No run yet");
    tmux.keys(&["Escape"]);
    tmux.wait_for("i type code");
    tmux
}

/// `e` on practice hands the terminal to `$EDITOR` (here a script that appends a
/// line), takes it back, shows the file as the editor left it and runs the tests; a
/// missing editor is a flash, and the terminal comes back as it was.
#[test]
fn e_edits_the_code_in_editor_and_runs_the_tests() {
    let dir = tempfile::tempdir().unwrap();
    let append = script(
        dir.path(),
        "append.sh",
        "printf 'edited_outside = 1\\n' >> \"$1\"\n",
    );
    let tmux = practice_with_editor("practice-editor", dir.path(), &append);
    tmux.keys(&["e"]);
    // The starter's bodies are `...`: the run that follows fails.
    let screen = tmux.wait_for_all(&["edited_outside = 1", " failed"]);
    assert!(!screen.contains("No run yet"), "{screen}");
    let file = dir.path().join("data/attempts/two-sum/solution.py");
    assert!(
        std::fs::read_to_string(file)
            .unwrap()
            .ends_with("edited_outside = 1\n")
    );
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    drop(tmux);

    let tmux = practice_with_editor(
        "practice-no-editor",
        dir.path(),
        "/nonexistent/editor --wait",
    );
    tmux.keys(&["e"]);
    tmux.wait_for("no editor `/nonexistent/editor` (from $EDITOR)");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// Watch mode: the attempt file written from outside (another window's editor) shows
/// in the code pane and the tests run, with no key pressed.
#[test]
fn practice_reloads_and_runs_a_file_written_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    let tmux = Tmux::start(
        "practice-watch",
        &wrapped(&data, "practice two-sum", &pid),
        (160, 48),
    );
    tmux.wait_for("No run yet");
    let folder = data.join("attempts").join("two-sum");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("solution.py"),
        "def two_sum(nums, target):\n    return None\n\nwatched_line = 7\n",
    )
    .unwrap();
    let screen = tmux.wait_for_all(&["watched_line = 7", " failed"]);
    assert!(!screen.contains("No run yet"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("i type code");
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// Ctrl-C typed in a line-mode `$EDITOR` is the editor's: tutor, in the same process
/// group, takes the screen back when the editor ends instead of quitting.
#[test]
fn ctrl_c_in_the_editor_does_not_end_tutor() {
    let dir = tempfile::tempdir().unwrap();
    let wait = script(
        dir.path(),
        "wait.sh",
        "trap 'printf \"after_ctrl_c = 1\\n\" >> \"$1\"; exit 0' INT\n\
         echo EDITOR-WAITING\nwhile :; do sleep 1; done\n",
    );
    let tmux = practice_with_editor("practice-editor-int", dir.path(), &wait);
    tmux.keys(&["e"]);
    tmux.wait_for("EDITOR-WAITING");
    tmux.keys(&["C-c"]);
    tmux.wait_for_all(&["after_ctrl_c = 1", " failed"]);
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
}

/// The model interviewer (issue 19) in the real binary, against the fake server of
/// `tests/common/fake_llm.rs` on 127.0.0.1: the LP probe comes in the model's words, and
/// the scorecard shows its critique; both are in the saved transcript.
#[test]
fn a_mock_interview_with_a_model_shows_its_follow_up_and_critique() {
    use common::fake_llm::{Reply, serve};
    let fake = serve(|body| {
        if body.contains("The scorer's verdict") {
            Reply::Stream(vec!["CRITIQUE: lead ".into(), "with the result.".into()])
        } else {
            Reply::Stream(vec!["MODEL: what did ".into(), "the numbers say?".into()])
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let data = dir.path().join("data");
    for (key, value) in [("llm-url", fake.url.as_str()), ("llm-model", "fake")] {
        common::ok(&data, &["config", key, value]);
    }
    let tmux = Tmux::start(
        "model",
        &wrapped(&data, "interview --seed 7", &pid),
        (100, 30),
    );
    tmux.wait_for_all(&["Interviewer:", "round 00:0"]);
    tmux.keys(&["-l", "I owned the launch; errors fell 40%."]);
    tmux.keys(&["C-d"]);
    tmux.wait_for("MODEL: what did the numbers say?");
    tmux.keys(&["Escape"]);
    tmux.wait_for("The clock is stopped.");
    tmux.keys(&["e"]);
    tmux.wait_for_all(&["CRITIQUE: lead with the result.", "Saved to"]);
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=").contains("EXIT=0 RESTORED"));
    let saved: Vec<_> = std::fs::read_dir(data.join("interviews"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let text = std::fs::read_to_string(&saved[0]).unwrap();
    assert!(text.contains("MODEL: what did the numbers say?"), "{text}");
    assert!(text.contains("## Critique") && text.contains("CRITIQUE: lead with the result."));
}
