use std::process::ExitCode;

use clap::Parser as _;
use tutor::cli::{Cli, run};

fn main() -> ExitCode {
    // color-eyre first, so even a failure while starting up is reported readably.
    if let Err(e) = color_eyre::install() {
        eprintln!("error: {e}");
    }
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:?}");
            ExitCode::FAILURE
        }
    }
}
