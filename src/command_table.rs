//! One table per kind of typed command (the console's `:` commands, the LRU lab's):
//! each row is a command's name, aliases, arguments, what it does and the handler that
//! parses its words, so parsing, Tab completion and every list of commands read the same
//! rows and cannot drift apart. helix's `TypableCommand` is the model.

/// A command typed as words: the first is its name (or an alias), the rest its
/// arguments.
pub struct CommandSpec<C, E> {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// The arguments as help shows them after the name: `K V` for `put K V`, `[N]` for
    /// an optional one, empty for none. Their count is the most arguments it takes.
    pub args: &'static str,
    /// What it does, in a phrase, for help.
    pub doc: &'static str,
    /// Parses all the words (the name as typed first) into a command, or says why not.
    /// Pure: running the command is the caller's business.
    pub handler: fn(&[&str]) -> Result<C, E>,
}

impl<C, E> CommandSpec<C, E> {
    /// Name and arguments, as help shows them: `put K V`, `reset`.
    pub fn syntax(&self) -> String {
        if self.args.is_empty() {
            self.name.to_string()
        } else {
            format!("{} {}", self.name, self.args)
        }
    }

    /// Name and the arguments it needs, leaving out the optional (bracketed) ones:
    /// `undo` for `undo [N]`, `fill N` for `fill N [SEED]`.
    pub fn short_syntax(&self) -> String {
        let needed: Vec<&str> = self
            .args
            .split_whitespace()
            .filter(|a| !a.starts_with('['))
            .collect();
        std::iter::once(self.name)
            .chain(needed)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The most arguments it takes.
    pub fn max_args(&self) -> usize {
        self.args.split_whitespace().count()
    }

    /// Whether `word` names it (by name or alias, in any case).
    fn is_named(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.name == word || self.aliases.contains(&word.as_str())
    }
}

/// A row without aliases: what both labs' tables are made of.
pub const fn row<C, E>(
    name: &'static str,
    args: &'static str,
    doc: &'static str,
    handler: fn(&[&str]) -> Result<C, E>,
) -> CommandSpec<C, E> {
    CommandSpec {
        name,
        aliases: &[],
        args,
        doc,
        handler,
    }
}

/// The table's syntax, `put K V, get K, ...`; `short` leaves out optional arguments.
pub fn syntax_list<C, E>(table: &[CommandSpec<C, E>], short: bool) -> String {
    table
        .iter()
        .map(|c| if short { c.short_syntax() } else { c.syntax() })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `help CMD`'s answer: the command's syntax and what it does, from its row.
pub fn explain<C, E>(table: &[CommandSpec<C, E>], name: &str) -> Option<String> {
    find(table, name).map(|spec| format!("{}: {}", spec.syntax(), spec.doc))
}

/// The command `word` names, if any. The table is any iterator over its specs, so a
/// table whose rows hold more than a spec can pass them.
pub fn find<'t, C: 't, E: 't>(
    table: impl IntoIterator<Item = &'t CommandSpec<C, E>>,
    word: &str,
) -> Option<&'t CommandSpec<C, E>> {
    table.into_iter().find(|spec| spec.is_named(word))
}

/// `word` as an error message quotes it: at most `max` chars, cut with `…`, so a pasted
/// wall of text cannot push the rest of the message off the console's line.
pub fn cut(word: &str, max: usize) -> String {
    if word.chars().count() <= max {
        word.to_string()
    } else {
        let mut cut: String = word.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// How help says that one line can hold several commands (see [`commands`]).
pub const SEVERAL: &str = "`;` between commands runs them in turn";

/// The commands of one typed line: split at `;` (no command's words hold one), each
/// trimmed, empty ones left out, so `put 1 1; get 1;` is `put 1 1`, then `get 1`.
pub fn commands(line: &str) -> Vec<&str> {
    line.split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// What Tab does to a command name being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// No command starts so.
    None,
    /// One does: its name, and whether it takes arguments (a space follows then).
    One { name: &'static str, args: bool },
    /// Several do: the longest start they share, and their names.
    Several {
        shared: String,
        names: Vec<&'static str>,
    },
}

/// Completes `prefix`, the start of a command's name, from `table`: names only, in
/// table order, any case.
pub fn complete<'t, C: 't, E: 't>(
    table: impl IntoIterator<Item = &'t CommandSpec<C, E>>,
    prefix: &str,
) -> Completion {
    let prefix = prefix.to_lowercase();
    let found: Vec<&CommandSpec<C, E>> = table
        .into_iter()
        .filter(|spec| spec.name.starts_with(&prefix))
        .collect();
    match found.as_slice() {
        [] => Completion::None,
        [spec] => Completion::One {
            name: spec.name,
            args: !spec.args.is_empty(),
        },
        [first, rest @ ..] => {
            let first = first.name;
            let shared = rest.iter().fold(first.len(), |len, spec| {
                first
                    .bytes()
                    .zip(spec.name.bytes())
                    .take(len)
                    .take_while(|(a, b)| a == b)
                    .count()
            });
            Completion::Several {
                shared: first[..shared].to_string(),
                names: found.iter().map(|spec| spec.name).collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TABLE: &[CommandSpec<&str, ()>] = &[
        CommandSpec {
            name: "redo",
            aliases: &[],
            args: "[N]",
            doc: "",
            handler: |_| Ok("redo"),
        },
        CommandSpec {
            name: "reset",
            aliases: &["r"],
            args: "",
            doc: "",
            handler: |_| Ok("reset"),
        },
        CommandSpec {
            name: "fill",
            aliases: &[],
            args: "N [SEED]",
            doc: "",
            handler: |_| Ok("fill"),
        },
    ];

    #[test]
    fn syntax_and_arguments() {
        let fill = &TABLE[2];
        assert_eq!(fill.syntax(), "fill N [SEED]");
        assert_eq!(fill.short_syntax(), "fill N");
        assert_eq!(fill.max_args(), 2);
        assert_eq!(TABLE[1].syntax(), "reset");
        assert_eq!(TABLE[0].short_syntax(), "redo");
    }

    #[test]
    fn found_by_name_or_alias_in_any_case() {
        assert_eq!(find(TABLE, "RESET").map(|s| s.name), Some("reset"));
        assert_eq!(find(TABLE, "r").map(|s| s.name), Some("reset"));
        assert!(find(TABLE, "res").is_none());
    }

    #[test]
    fn a_line_is_split_into_commands_at_semicolons() {
        assert_eq!(
            commands("put 1 1; put 2 2;get 1"),
            ["put 1 1", "put 2 2", "get 1"]
        );
        assert_eq!(commands(" reset "), ["reset"]);
        assert_eq!(commands("put 1 1;"), ["put 1 1"]);
        assert_eq!(commands(";; add eat ;  ; add tea"), ["add eat", "add tea"]);
        assert!(commands(" ; ").is_empty());
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcd", 3), "ab…");
    }

    #[test]
    fn completion() {
        assert_eq!(
            complete(TABLE, "Re"),
            Completion::Several {
                shared: "re".into(),
                names: vec!["redo", "reset"]
            }
        );
        assert_eq!(
            complete(TABLE, "res"),
            Completion::One {
                name: "reset",
                args: false
            }
        );
        assert_eq!(
            complete(TABLE, "f"),
            Completion::One {
                name: "fill",
                args: true
            }
        );
        assert_eq!(complete(TABLE, "x"), Completion::None);
        let Completion::Several { shared, names } = complete(TABLE, "") else {
            panic!()
        };
        assert_eq!((shared.as_str(), names.len()), ("", 3));
    }
}
