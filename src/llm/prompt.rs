//! The prompts, as plain-text templates in `assets/prompts/` (built in): a system part,
//! a line `===`, then the user part; `{{name}}` is replaced by the value given for
//! `name` in one pass (a value's own braces are left as they are).

use super::Message;

/// After each answer: the next question, phrased in response to what was said.
pub const FOLLOW_UP: &str = include_str!("../../assets/prompts/follow-up.txt");
/// At the end: a short critique on the scorecard.
pub const CRITIQUE: &str = include_str!("../../assets/prompts/critique.txt");

/// `template` with every `{{name}}` of `values` filled in; a name not given is left as
/// written.
pub fn render(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + 2 + close + 2]),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// The messages of `template` filled with `values`: the system part and the user part.
pub fn messages(template: &str, values: &[(&str, &str)]) -> Vec<Message> {
    let (system, user) = template.split_once("\n===\n").unwrap_or(("", template));
    let mut out = Vec::new();
    if !system.trim().is_empty() {
        out.push(Message::system(system.trim()));
    }
    out.push(Message::user(render(user, values).trim()));
    out
}

/// The names a template asks for, in order, each once.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        if !names.contains(&&after[..close]) {
            names.push(&after[..close]);
        }
        rest = &after[close + 2..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let out = render("a {{x}} b {{y}} {{z}}", &[("x", "{{y}}"), ("y", "2")]);
        assert_eq!(out, "a {{y}} b 2 {{z}}");
        assert_eq!(render("no end {{x", &[("x", "1")]), "no end {{x");
    }

    #[test]
    fn each_template_has_a_system_part_and_known_names() {
        assert_eq!(
            placeholders(FOLLOW_UP),
            [
                "card",
                "question",
                "answer",
                "points",
                "follow_ups",
                "probes",
                "next"
            ]
        );
        assert_eq!(
            placeholders(CRITIQUE),
            ["scorecard", "missed", "transcript"]
        );
        for template in [FOLLOW_UP, CRITIQUE] {
            let m = messages(template, &[]);
            assert_eq!(m.len(), 2);
            assert_eq!(m[0].role, "system");
        }
    }
}
