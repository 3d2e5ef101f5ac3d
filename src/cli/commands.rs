//! The command list the piped `tutor` prints, read from clap's own definitions so it
//! cannot drift from what the parser accepts.

use std::fmt::Write as _;

use clap::{Arg, Command, CommandFactory as _};

use super::Cli;

/// Every command as `tutor NAME ARGS...`, its description on the next line, and the
/// options every command takes.
pub fn listing() -> String {
    let cli = Cli::command();
    let mut out = String::from("Commands (`tutor help COMMAND` for the details):\n");
    for command in cli.get_subcommands().filter(|c| c.get_name() != "help") {
        let mut usage = format!("tutor {}", command.get_name());
        // `export revlog FILE`: a command of commands shows each of them.
        let leaves: Vec<&Command> = command
            .get_subcommands()
            .filter(|c| c.get_name() != "help")
            .collect();
        if leaves.is_empty() {
            push_args(&mut usage, command);
            line(&mut out, &usage, command);
        } else {
            for leaf in leaves {
                let mut usage = format!("{usage} {}", leaf.get_name());
                push_args(&mut usage, leaf);
                line(&mut out, &usage, command);
            }
        }
    }
    let globals: Vec<String> = cli
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| arg_usage(a, true))
        .collect();
    if !globals.is_empty() {
        let _ = writeln!(out, "Every command also takes {}.", globals.join(", "));
    }
    out
}

fn line(out: &mut String, usage: &str, command: &Command) {
    let about = command
        .get_about()
        .map(ToString::to_string)
        .unwrap_or_default();
    let _ = writeln!(out, "  {usage}\n      {about}");
}

/// The command's own arguments, clap-style: positionals, then `[--option VALUE]`.
fn push_args(usage: &mut String, command: &Command) {
    let args = command
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set() && !is_builtin(a));
    for arg in args {
        usage.push(' ');
        usage.push_str(&arg_usage(arg, false));
    }
}

fn is_builtin(arg: &Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// `NAME`, `[NAME]`, `[NAME]...`, `[--flag]` or `[--option VALUE]` (`--option VALUE`
/// when `bare`).
fn arg_usage(arg: &Arg, bare: bool) -> String {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    let takes_value = arg.get_action().takes_values();
    let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
    let text = match arg.get_long() {
        Some(long) if takes_value => format!("--{long} {value}"),
        Some(long) => format!("--{long}"),
        None if many => return format!("[{value}]..."),
        None if arg.is_required_set() => return value,
        None => value,
    };
    if bare || (arg.is_required_set() && arg.get_long().is_none()) {
        text
    } else {
        format!("[{text}]")
    }
}
