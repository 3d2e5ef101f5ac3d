//! Commands about progress: `stats`, `export`/`import revlog`, `optimize`, `rebuild`,
//! `config`. Each opens the store in the data dir; a store error (a newer schema, a
//! corrupt file, a full disk) is printed with the file it concerns and exits 1.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use jiff::Timestamp;

use super::{Cli, sync};
use crate::days::Days;
use crate::optimize::{self, Optimized};
use crate::srs::Scheduler;
use crate::stats::{self, Stats};
use crate::store::revlog::{COLUMNS, ImportError, read_csv, write_csv};
use crate::store::{Store, settings};

/// Prints `error: ...` and gives exit code 1. Messages can carry what the database
/// holds (a card id), so they are made display-safe first.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {}", crate::text::sanitize(&message.to_string()));
    ExitCode::FAILURE
}

fn open(cli: &Cli) -> eyre::Result<Result<Store, ExitCode>> {
    let dir = cli.data_dir()?;
    Ok(Store::open(&dir).map_err(fail))
}

/// The store and a scheduler with its settings, for commands that replay reviews.
fn open_scheduling(cli: &Cli) -> eyre::Result<Result<(Store, Scheduler), ExitCode>> {
    let store = match open(cli)? {
        Ok(store) => store,
        Err(code) => return Ok(Err(code)),
    };
    let scheduler = store
        .settings()
        .map_err(fail)
        .and_then(|settings| Scheduler::new(&settings).map_err(fail));
    Ok(scheduler.map(|scheduler| (store, scheduler)))
}

pub fn stats(cli: &Cli, json: bool, items: bool) -> eyre::Result<ExitCode> {
    let store = match open(cli)? {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    let library = cli.load();
    super::warn_problems(&library.problems);
    let quiz_items = if json || items {
        match stats::items::compute(&store, &library) {
            Ok(found) => found,
            Err(e) => return Ok(fail(e)),
        }
    } else {
        Vec::new()
    };
    let mut out = std::io::stdout().lock();
    if items {
        out.write_all(stats::items::table(&quiz_items).as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let days = Days::system();
    let stats = match Stats::compute(&store, &library, Timestamp::now(), &days) {
        Ok(stats) => stats,
        Err(e) => return Ok(fail(e)),
    };
    if json {
        let mut value = stats.to_json(&days);
        value["quiz"]["items"] = quiz_items.iter().map(stats::items::item_json).collect();
        let text = serde_json::to_string_pretty(&value)?;
        writeln!(out, "{}", json_safe(&text))?;
    } else {
        let text = stats::render::report(&stats, &days);
        out.write_all(crate::ansi::render(&text, cli.color()).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// JSON with every character a terminal would act on escaped as `\uXXXX`: `serde_json`
/// escapes C0 controls but writes DEL, C1 controls and bidirectional overrides raw.
/// Outside strings JSON is ASCII without controls, so only string contents change, and
/// a JSON reader reads the same values back.
pub(super) fn json_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(crate::text::needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if crate::text::needs_escape(c) {
            // All of them are in the Basic Multilingual Plane: one `\uXXXX` each.
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

pub fn export_revlog(cli: &Cli, file: &Path) -> eyre::Result<ExitCode> {
    let store = match open(cli)? {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    let rows = match store.revlog() {
        Ok(rows) => rows,
        Err(e) => return Ok(fail(e)),
    };
    if file == Path::new("-") {
        write_csv(&rows, std::io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    // Write beside the target, then rename: an existing file is replaced whole or not at all.
    let tmp = file.with_extension("csv.tmp");
    let written = std::fs::File::create(&tmp)
        .map_err(csv::Error::from)
        .and_then(|f| write_csv(&rows, std::io::BufWriter::new(f)))
        .and_then(|()| std::fs::rename(&tmp, file).map_err(csv::Error::from));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Ok(fail(format!("cannot write {}: {e}", file.display())));
    }
    println!(
        "exported {} to {}",
        super::plural(rows.len(), "review", "reviews"),
        crate::text::sanitize(&file.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

pub fn import_revlog(cli: &Cli, file: &Path) -> eyre::Result<ExitCode> {
    // `-` is standard input, as `export revlog -` writes standard output.
    let (input, name): (Box<dyn std::io::Read>, String) = if file == Path::new("-") {
        (Box::new(std::io::stdin().lock()), "<stdin>".to_string())
    } else {
        match std::fs::File::open(file) {
            // The name goes into every row's message: display-safe once, here.
            Ok(f) => (
                Box::new(std::io::BufReader::new(f)),
                crate::text::sanitize(&file.display().to_string()).into_owned(),
            ),
            Err(e) => return Ok(fail(format!("cannot read {}: {e}", file.display()))),
        }
    };
    let parsed = match read_csv(input, &name, Timestamp::now()) {
        Ok(parsed) => parsed,
        Err(e) => {
            // Already in `file:line:col: error: ...` form, values made display-safe.
            eprintln!("{e}\nnothing was imported");
            return Ok(ExitCode::FAILURE);
        }
    };
    let (mut store, scheduler) = match open_scheduling(cli)? {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    let rows = &parsed.rows;
    match store.import_revlog(&scheduler, rows, &Days::system()) {
        Ok(r) => {
            println!(
                "imported {} of {} ({} already present) for {}",
                r.added,
                super::plural(r.rows, "review", "reviews"),
                r.already_present,
                super::plural(r.cards, "card", "cards")
            );
            // Kept all the same (the card may be in a deck not loaded now), but said.
            let library = cli.load();
            let ids: BTreeSet<&str> = rows.iter().map(|row| row.card_id.as_str()).collect();
            let unknown: Vec<&str> = ids
                .into_iter()
                .filter(|id| library.card(id).is_none())
                .collect();
            if !unknown.is_empty() {
                let shown: Vec<String> = unknown
                    .iter()
                    .take(5)
                    .map(|id| crate::text::sanitize(id).into_owned())
                    .collect();
                eprintln!(
                    "note: {} not in the loaded decks ({}{}); their reviews are kept and \
                     count again when the card is loaded (--decks)",
                    super::plural(unknown.len(), "card id is", "card ids are"),
                    shown.join(", "),
                    if unknown.len() > 5 { ", ..." } else { "" }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Conflict {
            index,
            column,
            stored,
            imported,
        }) => {
            let line = parsed.lines.get(index).copied().unwrap_or(0);
            let col = COLUMNS
                .iter()
                .position(|c| *c == column)
                .map_or(1, |k| parsed.columns[k]);
            eprintln!(
                "{name}:{line}:{col}: error: {column}: the log already has a review of this \
                 card at this time with {column} {stored}, this one {imported}; one review \
                 cannot have two\nnothing was imported"
            );
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::Store(e)) => Ok(fail(format!("{e}\nnothing was imported"))),
    }
}

pub fn rebuild(cli: &Cli) -> eyre::Result<ExitCode> {
    let (mut store, scheduler) = match open_scheduling(cli)? {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    match store.rebuild(&scheduler) {
        Ok(r) => {
            println!(
                "replayed {} of {}; {} changed",
                super::plural(r.reviews, "review", "reviews"),
                super::plural(r.cards, "card", "cards"),
                super::plural(r.changed, "card state", "card states")
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(fail(e)),
    }
}

pub fn optimize(cli: &Cli) -> eyre::Result<ExitCode> {
    let mut store = match open(cli)? {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    let settings = match store.settings() {
        Ok(s) => s,
        Err(e) => return Ok(fail(e)),
    };
    let fit =
        match optimize::optimize_within(&store, &settings.parameters, optimize::MAX_TRAINING_STEPS)
        {
            Ok(Optimized::NotEnough { reviews, needed }) => {
                println!(
                    "{reviews} reviews so far; fitting needs at least {needed}, so the FSRS-6 \
                 defaults stay. Keep reviewing and run `tutor optimize` again later."
                );
                return Ok(ExitCode::SUCCESS);
            }
            Ok(Optimized::Fitted(fit)) => fit,
            Err(e) => return Ok(fail(e)),
        };
    println!("{}", fit.summary());
    println!("\n  #    old        new");
    for (i, (old, new)) in fit.old.iter().zip(&fit.new).enumerate() {
        println!("  w{i:<3}{old:<11.4}{new:.4}");
    }
    println!(
        "\nlog loss on your history: {:.4} with the old parameters, {:.4} with the new",
        fit.old_log_loss, fit.new_log_loss
    );
    if !fit.improves() {
        println!("the new parameters fit no better, so the old ones stay");
        return Ok(ExitCode::SUCCESS);
    }
    let mut settings = settings;
    settings.parameters.clone_from(&fit.new);
    let saved = store.set_parameters(&fit.new).and_then(|()| {
        let scheduler = Scheduler::new(&settings)?;
        store.rebuild(&scheduler)
    });
    match saved {
        Ok(r) => {
            println!(
                "saved; every card's state was recomputed with them ({} changed)",
                r.changed
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(fail(e)),
    }
}

/// Shown by `tutor config`, and set only by `tutor optimize`.
const PARAMETERS_KEY: &str = "fsrs-parameters";

pub fn config(cli: &Cli, key: Option<&str>, value: Option<&str>) -> eyre::Result<ExitCode> {
    let store = match open(cli)? {
        Ok(store) => store,
        Err(code) => return Ok(code),
    };
    if key == Some(PARAMETERS_KEY) && value.is_some() {
        return Ok(fail(format!(
            "{PARAMETERS_KEY} cannot be set by hand: `tutor optimize` fits them to your \
             review history"
        )));
    }
    if key == Some(settings::SYNC_DIR) {
        return Ok(sync::config(&store, value));
    }
    if key == Some(settings::MOTION) {
        if let Some(value) = value
            && let Err(e) = store.set_motion(value)
        {
            return Ok(fail(e));
        }
        return Ok(match store.motion() {
            Ok(on) => {
                println!("{}", if on { "on" } else { "off" });
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        });
    }
    if let Some(key) = key
        && settings::LLM_KEYS.contains(&key)
    {
        return Ok(super::llm::config(&store, key, value));
    }
    if let (Some(key), Some(value)) = (key, value)
        && let Err(e) = store.set_setting(key, value)
    {
        return Ok(fail(e));
    }
    let sync_dir = match store.sync_dir() {
        Ok(dir) => dir,
        Err(e) => return Ok(fail(e)),
    };
    let s = match store.settings() {
        Ok(s) => s,
        Err(e) => return Ok(fail(e)),
    };
    let llm = match store.llm_settings() {
        Ok(s) => s,
        Err(e) => return Ok(fail(e)),
    };
    let params = if s.parameters.is_empty() {
        "FSRS-6 defaults"
    } else {
        "fitted by `tutor optimize`"
    };
    let values = [
        s.desired_retention.to_string(),
        s.new_per_day.to_string(),
        s.reviews_per_day.to_string(),
    ];
    match key {
        Some(PARAMETERS_KEY) => println!("{params}"),
        Some(key) if value.is_none() => match settings::KEYS.iter().position(|k| *k == key) {
            Some(i) => println!("{}", values[i]),
            None => {
                return Ok(fail(format!(
                    "unknown setting {key:?}; the settings are: {}, {}, {}, {}",
                    settings::KEYS.join(", "),
                    settings::SYNC_DIR,
                    settings::MOTION,
                    settings::LLM_KEYS.join(", ")
                )));
            }
        },
        _ => {
            for (k, v) in settings::KEYS.iter().zip(&values) {
                println!("{k} = {v}");
            }
            println!(
                "{} = {}",
                settings::SYNC_DIR,
                sync::shown_dir(sync_dir.as_deref())
            );
            let motion = match store.motion() {
                Ok(on) => {
                    if on {
                        "on"
                    } else {
                        "off"
                    }
                }
                Err(e) => return Ok(fail(e)),
            };
            println!("{} = {motion}", settings::MOTION);
            for key in settings::LLM_KEYS {
                println!("{key} = {}", super::llm::shown(&llm, key));
            }
            println!("{PARAMETERS_KEY} = {params}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
