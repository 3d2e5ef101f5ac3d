//! Starting the full-screen session: load decks and the store, check the options, then
//! hand over to the shell. Anything that can fail is checked before the terminal
//! switches to the full-screen mode, so errors print normally.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use jiff::Timestamp;

use super::{Cli, decks};
use crate::app::{self, Shell, Start};
use crate::days::Days;
use crate::store::Store;
use crate::text::Shown;

pub fn run(
    cli: &Cli,
    start: &Start,
    deck: Option<Shown>,
    limit: Option<usize>,
    topic: Option<Shown>,
) -> eyre::Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        if *start == Start::Home {
            // Piped: the listing is the useful answer.
            return Ok(decks::home(cli));
        }
        eprintln!("error: the full-screen session needs a terminal (stdin and stdout)");
        return Ok(ExitCode::FAILURE);
    }
    let library = cli.load();
    if *start != Start::Home {
        // Home lists problems itself; a direct start prints them where they stay
        // readable after the session, and flashes a note on its first screen.
        super::warn_problems(&library.problems);
    }
    let problems = library.problems.len();
    if let Some(id) = &deck
        && library.deck(id).is_none()
    {
        let ids: Vec<&str> = library.decks.iter().map(|d| d.meta.id.as_str()).collect();
        eprintln!(
            "error: no deck with id `{id}`; the decks are: {}",
            ids.join(", ")
        );
        return Ok(ExitCode::FAILURE);
    }
    if let Start::Browse(Some(id)) | Start::Practice { card: Some(id), .. } = start
        && library.card(id).is_none()
    {
        eprintln!("error: {}", decks::unknown_card(&library, id));
        return Ok(ExitCode::FAILURE);
    }
    if let Some(topic) = &topic
        && !library
            .cards()
            .any(|(_, c)| c.topic == *topic || c.tags.iter().any(|t| t == topic))
    {
        let mut topics: Vec<&str> = library
            .decks
            .iter()
            .flat_map(|d| d.meta.topics.iter().map(|t| t.id.as_str()))
            .collect();
        topics.dedup();
        eprintln!(
            "error: no card has the topic or tag `{topic}`; the topics are: {}",
            topics.join(", ")
        );
        return Ok(ExitCode::FAILURE);
    }
    let data_dir = cli.data_dir()?;
    if let Start::Quiz(selection) = start
        && let Err(e) = crate::quiz::select(&library, selection, 0)
    {
        eprintln!("error: {e}");
        return Ok(ExitCode::FAILURE);
    }
    let mut store = match Store::open(&data_dir) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let now = Timestamp::now();
    // Before the states are read, so the first screen shows the other devices' reviews.
    let synced = super::sync::at_start(&mut store, &data_dir, now);
    let color = cli.color();
    let deck = deck.map(Shown::into_string);
    let mut app = app::build(library, &store, now, Days::system(), color, deck, limit)?;
    app.study.topic_filter = topic.map(Shown::into_string);
    app.study.motion = !cli.no_motion && store.motion()?;
    app.model = super::llm::for_session(&store).map(std::sync::Arc::new);
    let first = app::start(&mut app, start, now)?;
    if problems > 0 && *start != Start::Home && app.flash.is_none() {
        app.flash = Some(crate::state::Flash {
            text: format!(
                "{} in your decks: those cards were skipped; run `tutor check`",
                super::plural(problems, "problem", "problems")
            ),
            error: true,
        });
    }
    if let Some((text, error)) = synced
        && app.flash.is_none()
    {
        app.flash = Some(crate::state::Flash { text, error });
    }
    let mut shell = Shell::new(store, Some(crate::paths::highlight_cache_dir(&data_dir)));
    shell.set_attempts_dir(crate::paths::attempts_dir(&data_dir));
    shell.set_data_dir(data_dir);
    Ok(match app::run(shell, app, first)? {
        None => ExitCode::SUCCESS,
        // As a shell reports a process a signal ended: 128 + its number.
        Some(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX)),
    })
}
