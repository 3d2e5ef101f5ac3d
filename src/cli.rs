//! The command line: clap definitions and the non-interactive commands.

mod anki;
mod answer;
mod bounded;
mod commands;
mod decks;
mod interview;
mod llm;
mod lru;
mod numbers;
mod progress;
mod session;
mod shell;
mod starters;
mod sync;
mod test;

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::Start;
use crate::color::ColorChoice;
use crate::content::{Library, LoadOptions, Problem, load_library};
use crate::paths;
use crate::text::Shown;

#[derive(Debug, Parser)]
#[command(
    name = "tutor",
    version,
    about = "Keyboard-only coding-interview practice in the terminal"
)]
pub struct Cli {
    /// Where tutor keeps its files [default: the XDG data dir, ~/.local/share/tutor]
    #[arg(long, env = "TUTOR_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Extra deck folders, added to the bundled decks (repeat, or separate with ':')
    #[arg(
        long = "decks",
        env = "TUTOR_DECKS",
        global = true,
        value_name = "DIR",
        value_delimiter = ':'
    )]
    pub decks: Vec<PathBuf>,

    /// When to use colour (`NO_COLOR` turns it off in auto)
    #[arg(long, value_enum, default_value_t, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Draw a lab's diagram without motion: a moved node jumps to its new place
    /// (`tutor config motion off` keeps it so)
    #[arg(long, global = true)]
    pub no_motion: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `tutor quiz --help`: how --answer reads an answer, and what it prints.
const QUIZ_ANSWER_HELP: &str = "\
Scoring one answer (--card ID --item N --answer TEXT):
  single     --answer 2              one option number
  multiple   --answer 1,3            option numbers (or --answer 1 --answer 3)
  cloze      --answer A --answer B   once per gap, in order
  reorder    --answer LINE ...       once per line of code, in your order
                                     (indentation may be left out)
  recall     --answer TEXT           your answer in your own words (repeats are lines)
Option numbers count from 1 in the card's own order (as `options` is written in the deck
file), not in the quiz screen's, which shuffles them by the quiz's seed.

It prints the verdict with each part made or missed (a recall point names the accepted
phrase it matched and your words that made it), then the item's feedback. --json prints
{\"card\", \"item\", \"kind\", \"correct\", \"points\": [{\"point\", \"made\", \"matched\"}],
\"feedback\"}. Exit status: 0 when the answer was scored, right or wrong; 1 for an
unknown card or item; 2 for a usage error (an answer that does not fit the item).
Nothing is saved.";

/// `tutor interview --help`: the answers file and what is printed.
const INTERVIEW_HELP: &str = "\
The answers file is a YAML list, played in order:
  - I led the migration of ...     an answer (text; empty for no answer)
  - file: solution.py              the coding step: the card's tests run on it
                                   (.py or .rs, relative to the answers file)
  - wait: 600                      ten minutes pass on the round's clock
A text answer given while the coding question is open moves on from it first. When the
answers run out, the round ends. The transcript and scorecard are printed as Markdown
(--json: one object) and saved: a row in the database (`tutor stats` lists them) and
interviews/<time>.md in the data dir. Exit status: 0 when the round ran, 1 when it
could not be saved, 2 for a usage error.";

/// Ids and topics typed here are read as [`Shown`]: a wrong one is echoed in the error.
/// (A deck's ids are slugs, which sanitizing leaves alone, so lookups are unchanged.)
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Spaced-repetition review of what is due, then new cards up to the daily limit
    Review {
        /// Only this deck
        #[arg(long, value_name = "ID")]
        deck: Option<Shown>,
        /// Only cards of this topic (e.g. aws, leadership-principles) or with this tag
        #[arg(long, value_name = "ID")]
        topic: Option<Shown>,
        /// At most this many cards this session
        #[arg(long, value_name = "N", allow_negative_numbers = true,
              value_parser = numbers::at_least_one)]
        limit: Option<u32>,
    },
    /// Keyboard-only quiz on the cards' quiz items, ending on a scorecard; with --answer,
    /// score one answer to one item and print the verdict instead
    #[command(after_long_help = QUIZ_ANSWER_HELP)]
    Quiz {
        /// Only this deck
        #[arg(long, value_name = "ID")]
        deck: Option<Shown>,
        /// Only cards of this topic (e.g. aws, leadership-principles) or with this tag
        #[arg(long, value_name = "ID")]
        topic: Option<Shown>,
        /// Only this card
        #[arg(long, value_name = "ID")]
        card: Option<Shown>,
        /// How many questions [default: 10]
        #[arg(long, value_name = "N", allow_negative_numbers = true,
              value_parser = numbers::at_least_one)]
        count: Option<u32>,
        /// Repeat a quiz: the same seed asks the same items, with options and lines in
        /// the same order [default: from the clock]
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// With --answer: the item of --card to score, from 1 in the card's order
        #[arg(long, value_name = "N", requires_all = ["card", "answer"],
              allow_negative_numbers = true, value_parser = numbers::at_least_one)]
        item: Option<u32>,
        /// Score this answer to --item of --card; nothing is saved. Repeat it once per gap
        /// (cloze) or per line (reorder); for single and multiple, option numbers from 1
        /// in the card's own order: `--answer 2`, `--answer 1,3`
        #[arg(long, value_name = "TEXT", requires_all = ["card", "item"],
              conflicts_with_all = ["deck", "topic", "count", "seed"], allow_hyphen_values = true)]
        answer: Vec<String>,
        /// With --answer: print the verdict as JSON
        #[arg(long, requires = "answer")]
        json: bool,
    },
    /// Read cards with all panes, without grading
    Browse {
        /// Open this card straight away
        card_id: Option<Shown>,
    },
    /// Write your own solution to a coding card, in an editor, beside its question
    Practice {
        /// The card [default: the first coding card due, else the first coding card]
        card_id: Option<Shown>,
        /// The language to write it in
        #[arg(long, value_enum, default_value_t = PracticeLang::Python)]
        lang: PracticeLang,
    },
    /// Validate decks: every problem as `file:line:col: error: field.path: message`, and
    /// answers given away by their length as `warning:` (which do not fail the check)
    Check {
        /// Deck folders, folders of decks, or card files [default: bundled and --decks]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Warnings are errors: report them as such and exit 1
        #[arg(long)]
        strict: bool,
    },
    /// Print a card: prompt, solutions, explanation, key points, pitfalls, complexity, follow-ups
    Show {
        /// The card's id (see `tutor` for the list)
        card_id: Shown,
        /// No colour and no highlighting
        #[arg(long)]
        plain: bool,
    },
    /// Progress: cards by state, due, reviews today, streak, retention, forecast, heatmap
    Stats {
        /// Machine-readable, with every card's id, deck, state, due, stability, difficulty,
        /// reps, lapses, and every answered quiz item's figures (as --items)
        #[arg(long)]
        json: bool,
        /// For deck authors: every answered quiz item, times asked and right, flagging one
        /// everyone gets right and one whose wrong answers all pick the same distractor
        #[arg(long, conflicts_with = "json")]
        items: bool,
    },
    /// Write the review history to a CSV file (the FSRS optimizer's columns)
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Read a review history CSV back in: idempotent, all or nothing
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Fit personal FSRS parameters to your review history
    Optimize,
    /// Recompute every card's scheduling state from the review log
    Rebuild,
    /// A lab: a card's live diagram driven from the console (`tutor lru` is `tutor lab
    /// lru`); --script runs the LRU's put and get operations without a screen and prints
    /// their results
    #[command(visible_alias = "lru")]
    Lab {
        /// Which lab
        #[arg(value_enum, default_value_t = LabName::Lru)]
        name: LabName,
        /// How many entries the cache holds (0-3000)
        #[arg(long, default_value_t = 2, value_name = "N", allow_negative_numbers = true,
              value_parser = numbers::capacity)]
        capacity: u16,
        /// Operations to run without a screen, e.g. "put 1 1; get 1" (`-` reads them from stdin)
        #[arg(long, value_name = "OPS", allow_hyphen_values = true)]
        script: Option<String>,
        /// With --script: print the diagram after each operation
        #[arg(long, requires = "script")]
        diagram: bool,
    },
    /// Run a card's tests on your own code: the extension picks the language (.py, .rs).
    /// Prints each test's result and a summary line; exit 0 when all pass, 1 on a failure,
    /// timeout or compile error, 2 for a usage error (or an untrusted deck's tests).
    /// Not a sandbox: the code runs as you
    Test {
        /// The card's id (see `tutor` for the list)
        card_id: String,
        /// Your solution: a .py or .rs file
        file: PathBuf,
        /// Run the tests of a deck that is not bundled (from --decks); remembered until
        /// its tests change
        #[arg(long)]
        trust: bool,
    },
    /// A mock interview: a timed round (an LP question, a coding question with its
    /// tests, its follow-ups, a discussion question) on the interview screen, then its
    /// scorecard. With --answers FILE, without a screen: plays the answers in FILE, then
    /// prints the transcript and the scorecard. Either way both are saved
    #[command(after_long_help = INTERVIEW_HELP)]
    Interview(interview::Options),
    /// Print a completion script for your shell, with the ids of the decks loaded now:
    /// `source <(tutor completions bash)` (see the README for each shell)
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `tutor man > ~/.local/share/man/man1/tutor.1`
    Man,
    /// Sync reviews and quiz answers with your other machines through a folder you sync
    /// (Syncthing, Dropbox, git): writes this device's new rows to its own file there and
    /// imports the other devices' files. See the README, "Sync between machines"
    Sync {
        /// The sync folder [default: `tutor config sync-dir`]
        dir: Option<PathBuf>,
    },
    /// The optional model interviewer: `tutor llm check` (see the README, "A model as
    /// interviewer")
    Llm {
        #[command(subcommand)]
        what: LlmWhat,
    },
    /// Show the settings, or set one: `tutor config desired-retention 0.85`
    Config {
        /// desired-retention (0.70-0.97), new-per-day, reviews-per-day, sync-dir (a
        /// folder; "" unsets it), llm-url, llm-model, llm-timeout (seconds, 1-600; ""
        /// unsets each)
        key: Option<String>,
        /// The new value
        #[arg(allow_negative_numbers = true)]
        value: Option<String>,
    },
}

/// The language `tutor practice` writes in.
/// The labs `tutor lab` opens, one a visual (`crate::visual`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LabName {
    /// The LRU cache: a hash map and a recency list
    Lru,
    /// Anagram buckets: words grouped by a key (sorted letters or letter counts)
    Anagrams,
}

impl LabName {
    fn visual(self) -> crate::content::Visual {
        match self {
            Self::Lru => crate::content::Visual::Lru,
            Self::Anagrams => crate::content::Visual::Anagrams,
        }
    }
}

/// `tutor lab NAME`: the full-screen lab, or the LRU's `--script` without a screen.
fn lab(
    cli: &Cli,
    name: LabName,
    capacity: usize,
    script: Option<&str>,
    diagram: bool,
) -> eyre::Result<ExitCode> {
    match (name, script) {
        (_, None) => session::run(cli, &Start::Lab(name.visual(), capacity), None, None, None),
        (LabName::Lru, Some(_)) => lru::lru(capacity, script, diagram),
        (LabName::Anagrams, Some(_)) => Err(eyre::eyre!(
            "tutor lab anagrams: --script runs the LRU lab only; open the lab without it"
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PracticeLang {
    Python,
    Rust,
}

impl PracticeLang {
    fn lang(self) -> crate::highlight::Lang {
        match self {
            Self::Python => crate::highlight::Lang::Python,
            Self::Rust => crate::highlight::Lang::Rust,
        }
    }
}

/// What `tutor llm` does.
#[derive(Debug, Subcommand)]
pub enum LlmWhat {
    /// Send one tiny request to the configured model: its name, the time it took, or what
    /// went wrong (connection refused, 401, unknown model, timeout); exit 1 on failure
    Check,
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The review log as CSV: `card_id,review_time,review_rating,review_state,review_duration`
    Revlog {
        /// Where to write (`-` for stdout)
        file: PathBuf,
    },
    /// Every card as an Anki note (File > Import in Anki): the question; the spoken answer,
    /// the Python solution highlighted and the key points; the topic and tags. Importing
    /// the file again updates the same notes
    Anki {
        /// Where to write, e.g. tutor.txt (`-` for stdout)
        file: PathBuf,
        /// Only this deck
        #[arg(long)]
        deck: Option<Shown>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// The review log as CSV: `card_id,review_time,review_rating,review_state,review_duration`
    Revlog {
        /// The CSV file to read (`-` for standard input)
        file: PathBuf,
    },
}

impl Cli {
    fn load(&self) -> Library {
        let cache_dir = paths::data_dir(self.data_dir.clone())
            .ok()
            .map(|d| paths::deck_cache_dir(&d));
        load_library(&LoadOptions {
            bundled: true,
            dirs: self.decks.clone(),
            cache_dir,
        })
    }

    /// The data dir, or an error saying why there is none.
    fn data_dir(&self) -> eyre::Result<PathBuf> {
        paths::data_dir(self.data_dir.clone())
            .map_err(|e| eyre::eyre!("cannot find a data dir ({e}); pass --data-dir DIR"))
    }

    fn color(&self) -> bool {
        let no_color = std::env::var("NO_COLOR").ok();
        self.color
            .enabled(std::io::stdout().is_terminal(), no_color.as_deref())
    }
}

/// Runs the command; the exit code is 0 on success and 1 on a user-facing error.
#[allow(clippy::too_many_lines, reason = "one arm per command, each a call")]
pub fn run(cli: &Cli) -> eyre::Result<ExitCode> {
    // A deck folder that is not there is a typo to fix, not a deck to skip quietly.
    for dir in &cli.decks {
        if !dir.as_os_str().is_empty() && !dir.is_dir() {
            let why = if dir.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            eprintln!(
                "error: the deck folder {} (from --decks or TUTOR_DECKS) {why}",
                crate::text::sanitize(&dir.display().to_string())
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    match &cli.command {
        None => session::run(cli, &Start::Home, None, None, None),
        Some(Command::Review { deck, topic, limit }) => session::run(
            cli,
            &Start::Review,
            deck.clone(),
            limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            topic.clone(),
        ),
        Some(Command::Quiz {
            card: Some(card),
            item: Some(item),
            answer: answers,
            json,
            ..
        }) if !answers.is_empty() => Ok(answer::answer(cli, card, *item, answers, *json)),
        Some(Command::Quiz {
            deck,
            topic,
            card,
            count,
            seed,
            ..
        }) => session::run(
            cli,
            &Start::Quiz(crate::quiz::Selection {
                deck: deck.clone(),
                card: card.clone(),
                topic: topic.clone(),
                count: count.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                seed: *seed,
            }),
            None,
            None,
            None,
        ),
        Some(Command::Browse { card_id }) => {
            session::run(cli, &Start::Browse(card_id.clone()), None, None, None)
        }
        Some(Command::Practice { card_id, lang }) => {
            let start = Start::Practice {
                card: card_id.clone(),
                lang: lang.lang(),
            };
            session::run(cli, &start, None, None, None)
        }
        Some(Command::Check { paths, strict }) => decks::check(cli, paths, *strict),
        Some(Command::Show { card_id, plain }) => decks::show(cli, card_id, *plain),
        Some(Command::Stats { json, items }) => progress::stats(cli, *json, *items),
        Some(Command::Export {
            what: ExportWhat::Revlog { file },
        }) => progress::export_revlog(cli, file),
        Some(Command::Export {
            what: ExportWhat::Anki { file, deck },
        }) => anki::export(cli, file, deck.as_ref()),
        Some(Command::Import {
            what: ImportWhat::Revlog { file },
        }) => progress::import_revlog(cli, file),
        Some(Command::Optimize) => progress::optimize(cli),
        Some(Command::Rebuild) => progress::rebuild(cli),
        Some(Command::Lab {
            name,
            capacity,
            script,
            diagram,
        }) => lab(
            cli,
            *name,
            usize::from(*capacity),
            script.as_deref(),
            *diagram,
        ),
        Some(Command::Test {
            card_id,
            file,
            trust,
        }) => Ok(test::test(cli, card_id, file, *trust)),
        Some(Command::Interview(options)) => interview_command(cli, options),
        Some(Command::Completions { shell }) => shell::completions(cli, *shell),
        Some(Command::Man) => shell::man(),
        Some(Command::Sync { dir }) => sync::run(cli, dir.as_deref()),
        Some(Command::Llm {
            what: LlmWhat::Check,
        }) => llm::run_check(cli),
        Some(Command::Config { key, value }) => {
            progress::config(cli, key.as_deref(), value.as_deref())
        }
    }
}

/// `tutor interview`: played from `--answers FILE` without a screen, else on the
/// interview screen.
fn interview_command(cli: &Cli, options: &interview::Options) -> eyre::Result<ExitCode> {
    match &options.answers {
        Some(answers) => interview::interview(cli, options, answers),
        None => {
            if options.allow_remote_model {
                llm::allow(cli);
            }
            session::run(
                cli,
                &Start::Interview(options.choice(jiff::Timestamp::now())),
                options.deck.clone(),
                None,
                None,
            )
        }
    }
}

fn warn_problems(problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    let _ = writeln!(
        err,
        "warning: cards with problems were skipped; `tutor check` lists them all"
    );
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
