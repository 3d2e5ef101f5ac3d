//! The live visuals a card can carry (`visual:` in a deck), behind one seam that the lab
//! screen, the console, the Diagram pane and the code panes' marked lines go through.
//!
//! A visual is four things: an engine the console drives, with its own table of commands
//! (a [`crate::command_table`]); a diagram drawn into whatever area the pane has; the
//! code paths its last operation ran ([`CodeEvent`]s, which a card's `code_links` map to
//! solution lines); and whether that operation moved something, which the diagram shows
//! over a few frames. The LRU cache ([`crate::lru`]) is the first. A second is a variant
//! of [`content::Visual`] and of [`Live`], and an arm in each method here: the screen,
//! the console, the panes and `tutor lab NAME` need nothing else.

use jiff::{SignedDuration, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::command_table::{self, Completion};
use crate::content::{self, Card, CodeEvent};
use crate::highlight::Lang;
use crate::{anagram, lru};

/// The state of a card's visual: what the console drives and the Diagram pane draws.
#[derive(Debug, Clone)]
pub enum Live {
    Lru(lru::lab::Lab),
    Anagrams(anagram::Lab),
}

/// What a console line did, for the console's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    /// The reply, one line, starting with `> `.
    pub reply: String,
    /// Whether an operation ran (not `help`, say): the code panes follow it and the
    /// diagram may move.
    pub operation: bool,
}

impl Ran {
    /// An operation's reply starts with the command itself; any other repeats the line.
    fn of(line: &str, reply: &impl std::fmt::Display, operation: bool) -> Self {
        Self {
            reply: if operation {
                format!("> {reply}")
            } else {
                format!("> {line}: {reply}")
            },
            operation,
        }
    }
}

/// Why a console line changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The console's line, starting with `> `.
    pub reply: String,
    /// The flash: the error alone.
    pub error: String,
}

impl Refused {
    /// `quoted`: the error already names the whole line, so it is not repeated.
    fn of(line: &str, error: &impl std::fmt::Display, quoted: bool) -> Self {
        Self {
            reply: if quoted {
                format!("> {error}")
            } else {
                format!("> {line}: {error}")
            },
            error: error.to_string(),
        }
    }
}

impl Refused {
    /// The refusal of command `number` (from 1) of a line of `of`: names it, and says
    /// how many after it were not run.
    fn in_line(self, number: usize, of: usize) -> Self {
        let what = self.reply.strip_prefix("> ").unwrap_or(&self.reply);
        let left = match of - number {
            0 => String::new(),
            n => format!("; {n} more not run"),
        };
        let said = format!("command {number} of {of} failed: {what}{left}");
        Self {
            reply: format!("> {said}"),
            error: said,
        }
    }
}

/// What a console line of one or more commands did (`put 1 1; get 1`, see
/// [`command_table::commands`]): each command's reply, in order, as if typed one by
/// one, up to a refused one, which stops the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub ran: Vec<Ran>,
    pub refused: Option<Refused>,
}

impl Live {
    /// Runs a console line, one command after another (each its own step: `undo`
    /// takes back the last). A refused command changes nothing and stops the line there;
    /// the commands before it stay done. A line of one command is refused as [`Live::run`]
    /// refuses it.
    pub fn run_line(&mut self, line: &str) -> Batch {
        let commands = command_table::commands(line);
        let mut ran = Vec::with_capacity(commands.len());
        for (i, command) in commands.iter().enumerate() {
            match self.run(command) {
                Ok(one) => ran.push(one),
                Err(refused) => {
                    let refused = if commands.len() == 1 {
                        refused
                    } else {
                        refused.in_line(i + 1, commands.len())
                    };
                    return Batch {
                        ran,
                        refused: Some(refused),
                    };
                }
            }
        }
        Batch { ran, refused: None }
    }

    /// A new visual of `kind`: `capacity` sizes the LRU cache, `seed` its first `fill`.
    pub fn new(kind: content::Visual, capacity: usize, seed: u64) -> Self {
        match kind {
            content::Visual::Lru => Self::Lru(lru::lab::Lab::new(capacity, seed)),
            content::Visual::Anagrams => Self::Anagrams(anagram::Lab::new()),
        }
    }

    pub fn kind(&self) -> content::Visual {
        match self {
            Self::Lru(_) => content::Visual::Lru,
            Self::Anagrams(_) => content::Visual::Anagrams,
        }
    }

    /// The LRU lab, when this is one.
    pub fn lru(&self) -> Option<&lru::lab::Lab> {
        match self {
            Self::Lru(lab) => Some(lab),
            Self::Anagrams(_) => None,
        }
    }

    /// Runs one console line. On an error nothing changes.
    pub fn run(&mut self, line: &str) -> Result<Ran, Refused> {
        match self {
            Self::Lru(lab) => match lab.run(line) {
                Ok(reply) => Ok(Ran::of(
                    line,
                    &reply,
                    matches!(reply, lru::lab::Reply::Did(_)),
                )),
                // "`frob`: expected a command…" already names a one-word line.
                Err(error) => Err(Refused::of(
                    line,
                    &error,
                    matches!(&error, lru::lab::LabError::Line(e) if e.quotes(line)),
                )),
            },
            Self::Anagrams(lab) => match lab.run(line) {
                Ok(reply) => Ok(Ran::of(
                    line,
                    &reply,
                    matches!(reply, anagram::Reply::Did(_)),
                )),
                // A refused word is named by the error itself.
                Err(error) => Err(Refused::of(
                    line,
                    &error,
                    !matches!(&error, anagram::LabError::Line(e) if !e.quotes(line))
                        && error != anagram::LabError::NothingToUndo,
                )),
            },
        }
    }

    /// The code paths the last operation ran, for the card's `code_links`.
    pub fn code_events(&self) -> &'static [CodeEvent] {
        match self {
            Self::Lru(lab) => lab.last().map_or(&[], lru::lab::Event::code_events),
            Self::Anagrams(lab) => lab.code_events(),
        }
    }

    /// The lines of `card`'s `lang` solution the last operation ran.
    pub fn linked_lines(&self, card: &Card, lang: Lang) -> Vec<lru::links::LinkedLine> {
        lru::links::lines_for(card, lang, self.code_events())
    }

    /// Whether the last operation moved a node, added one or pushed one out: what
    /// motion shows. A miss, or a hit or an update of the node already at the tail,
    /// changes no place, so nothing moves.
    pub fn moved(&self) -> bool {
        match self {
            Self::Lru(lab) => {
                let Some(before) = lab.before() else {
                    return false;
                };
                match lab.last() {
                    Some(
                        lru::lab::Event::Hit { key, .. } | lru::lab::Event::Update { key, .. },
                    ) => before.keys().next() != Some(key),
                    Some(lru::lab::Event::Insert { .. }) => true,
                    _ => false,
                }
            }
            // A word lands in its bucket in place: nothing travels.
            Self::Anagrams(_) => false,
        }
    }

    /// The diagram, as a widget for an area of any size.
    pub fn diagram(&self, color: bool, moment: Moment) -> Diagram<'_> {
        Diagram {
            live: self,
            color,
            moment,
        }
    }
}

/// Which side of the last operation the diagram draws: before it for the motion's first
/// frame, the frames between while the node travels, after it the rest of the time.
pub use lru::diagram::Moment;

/// How long a move is shown, in all: the node in its old place for one [`FRAME`], then
/// [`Moment::STEPS`] frames on its way, then in its new place. About what the eye
/// follows as one motion without waiting for it; the event loop ticks every [`FRAME`]
/// meanwhile.
pub const MOTION: SignedDuration = SignedDuration::from_millis(300);

/// How often the event loop wakes while a move is shown, and how long each of its
/// frames lasts.
pub const FRAME: std::time::Duration = std::time::Duration::from_millis(50);

/// The moment to draw at `now` for a move that started at `started` (none: no move):
/// [`Moment::Before`] for the first [`FRAME`], then `Between(1..=STEPS)` a frame each
/// until [`MOTION`] is over, then [`Moment::After`]. A tick that comes late skips a
/// step rather than stretching the motion.
pub fn moment(started: Option<Timestamp>, now: Timestamp) -> Moment {
    let Some(start) = started else {
        return Moment::After;
    };
    let elapsed = now.duration_since(start);
    if elapsed >= MOTION {
        return Moment::After;
    }
    let frame = i64::try_from(FRAME.as_millis()).unwrap_or(i64::MAX);
    match elapsed.as_millis() / i128::from(frame) {
        ..=0 => Moment::Before,
        step => Moment::Between(u8::try_from(step).unwrap_or(u8::MAX).min(Moment::STEPS)),
    }
}

/// Whether a move that started at `started` is still shown at `now`.
pub fn moving(started: Option<Timestamp>, now: Timestamp) -> bool {
    started.is_some_and(|start| now.duration_since(start) < MOTION)
}

/// A visual's diagram drawn into an area.
#[derive(Debug, Clone, Copy)]
pub struct Diagram<'a> {
    live: &'a Live,
    color: bool,
    moment: Moment,
}

impl Widget for Diagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self.live {
            Live::Lru(lab) => lru::diagram::Diagram {
                lab,
                color: self.color,
                moment: self.moment,
            }
            .render(area, buf),
            Live::Anagrams(lab) => anagram::diagram::Diagram {
                lab,
                color: self.color,
            }
            .render(area, buf),
        }
    }
}

/// The name of a visual as `tutor lab` takes it and titles show it.
pub fn title(kind: content::Visual) -> &'static str {
    match kind {
        content::Visual::Lru => "LRU",
        content::Visual::Anagrams => "Anagrams",
    }
}

/// The name a deck's `visual:` and `tutor lab` spell it with.
pub fn name(kind: content::Visual) -> &'static str {
    match kind {
        content::Visual::Lru => "lru",
        content::Visual::Anagrams => "anagrams",
    }
}

/// The commands' syntax, `put K V, get K, ...`; `short` leaves out optional arguments.
pub fn syntax_list(kind: content::Visual, short: bool) -> String {
    match kind {
        content::Visual::Lru => lru::command::syntax_list(short),
        content::Visual::Anagrams => anagram::command::syntax_list(short),
    }
}

/// Tab completion of a command name from the visual's table.
pub fn complete(kind: content::Visual, word: &str) -> Completion {
    match kind {
        content::Visual::Lru => lru::command::complete(word),
        content::Visual::Anagrams => anagram::command::complete(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_shows_its_old_place_then_five_steps_between_then_its_new_one() {
        let t0: Timestamp = "2026-05-04T10:00:00Z".parse().unwrap();
        let at = |ms: i64| t0 + SignedDuration::from_millis(ms);
        assert_eq!(moment(Some(t0), at(0)), Moment::Before);
        assert_eq!(moment(Some(t0), at(49)), Moment::Before);
        assert_eq!(moment(Some(t0), at(50)), Moment::Between(1));
        assert_eq!(moment(Some(t0), at(160)), Moment::Between(3), "the middle");
        assert_eq!(moment(Some(t0), at(299)), Moment::Between(Moment::STEPS));
        assert_eq!(moment(Some(t0), at(300)), Moment::After);
        assert_eq!(
            moment(Some(t0), at(-5)),
            Moment::Before,
            "a clock step back"
        );
        assert_eq!(moment(None, at(0)), Moment::After, "nothing moves: after");
        assert!(moving(Some(t0), at(299)) && !moving(Some(t0), at(300)));
        assert!(!moving(None, at(0)));
    }

    #[test]
    fn only_an_operation_that_changes_a_place_moves() {
        let mut live = Live::new(content::Visual::Lru, 2, 0);
        live.run("put 1 1").unwrap();
        assert!(live.moved(), "an insert slides in at the tail");
        live.run("put 2 2").unwrap();
        live.run("get 9").unwrap();
        assert!(!live.moved(), "a miss changes nothing");
        live.run("get 2").unwrap();
        assert!(!live.moved(), "a hit on the tail stays where it is");
        live.run("put 2 5").unwrap();
        assert!(!live.moved(), "an update of the tail stays where it is");
        live.run("put 1 7").unwrap();
        assert!(live.moved(), "an update of the head moves it to the tail");
        live.run("put 3 3").unwrap();
        assert!(live.moved(), "an insert that evicts");
        live.run("cap 1").unwrap();
        assert!(!live.moved(), "a resize is drawn at once");
    }

    #[test]
    fn an_lru_line_runs_and_a_bad_one_is_refused_with_its_word() {
        let mut live = Live::new(content::Visual::Lru, 2, 0);
        let ran = live.run("put 1 1").unwrap();
        assert!(
            ran.operation && ran.reply.starts_with("> put 1 1 -> INSERT"),
            "{ran:?}"
        );
        assert_eq!(live.code_events(), &[CodeEvent::Insert]);
        let help = live.run("help").unwrap();
        assert!(!help.operation && help.reply.starts_with("> help: commands:"));
        let refused = live.run("frob").unwrap_err();
        assert!(refused.reply.starts_with("> `frob`"), "{refused:?}");
        live.run("put 2 2").unwrap();
        live.run("get 1").unwrap();
        assert!(live.moved(), "a hit on the head moves it to the tail");
        assert_eq!(live.lru().unwrap().order(), [1, 2]);
    }

    #[test]
    fn a_line_of_several_commands_runs_them_in_turn_up_to_a_refused_one() {
        let mut live = Live::new(content::Visual::Lru, 2, 0);
        let batch = live.run_line("put 1 1; put 2 2; get 1");
        assert_eq!(batch.refused, None);
        let replies: Vec<&str> = batch.ran.iter().map(|r| r.reply.as_str()).collect();
        assert_eq!(replies.len(), 3, "{replies:?}");
        assert!(replies[0].starts_with("> put 1 1 -> INSERT"), "{replies:?}");
        assert!(replies[2].starts_with("> get 1 -> HIT"), "{replies:?}");
        assert!(live.moved(), "the last command's move");
        assert_eq!(live.lru().unwrap().order(), [1, 2]);
        let batch = live.run_line("get 2; frob; get 1; get 9");
        assert_eq!(batch.ran.len(), 1);
        let refused = batch.refused.unwrap();
        assert_eq!(
            refused.reply.strip_prefix("> "),
            Some(refused.error.as_str()),
            "{refused:?}"
        );
        assert!(
            refused.error.starts_with("command 2 of 4 failed: `frob`: ")
                && refused.error.ends_with("; 2 more not run"),
            "{refused:?}"
        );
        assert_eq!(live.lru().unwrap().order(), [2, 1], "get 1 did not run");
        // The last command refused: nothing said of the rest.
        let refused = live.run_line("get 1; undo 0").refused.unwrap();
        assert!(
            refused.error.starts_with("command 2 of 2 failed: "),
            "{refused:?}"
        );
        assert!(!refused.error.contains("not run"), "{refused:?}");
        // One command is refused as `run` refuses it; an empty line runs nothing.
        let mut other = live.clone();
        assert_eq!(
            live.run_line(" frob ;").refused,
            Some(other.run("frob").unwrap_err())
        );
        assert_eq!(
            live.run_line(" ; "),
            Batch {
                ran: Vec::new(),
                refused: None
            }
        );
    }

    #[test]
    fn an_anagram_line_runs_through_the_same_seam() {
        let mut live = Live::new(content::Visual::Anagrams, 2, 0);
        assert_eq!(live.kind(), content::Visual::Anagrams);
        let ran = live.run("add eat").unwrap();
        assert_eq!(ran.reply, "> add eat -> NEW bucket aet");
        assert!(ran.operation && !live.moved());
        assert_eq!(
            live.code_events(),
            &[CodeEvent::SortedKey, CodeEvent::NewBucket]
        );
        let refused = live.run("add 42").unwrap_err();
        assert_eq!(refused.reply, "> `42`: a word is letters a-z only");
        let help = live.run("help").unwrap();
        assert!(
            help.reply.starts_with("> help: commands: add WORD"),
            "{help:?}"
        );
        assert_eq!(
            complete(content::Visual::Anagrams, "a"),
            Completion::One {
                name: "add",
                args: true
            }
        );
    }
}
