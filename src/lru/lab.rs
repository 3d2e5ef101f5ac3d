//! The LRU lab's state: a cache of `i64` keys and values that the console drives, with
//! counters, a log of recent operations, the last operation (what the diagram
//! highlights) and an undo/redo history.
//!
//! Pure: no clock, no terminal, no disk. The shell picks the first `fill` seed (from the
//! clock, say) and passes it to [`Lab::new`]; everything after that is deterministic.
//!
//! History keeps whole snapshots, one per operation, rather than inverse operations:
//! undoing a hit would mean putting a node back between its old neighbours, and
//! snapshots make "undo shows exactly what was there" true by construction. They are
//! bounded by [`MAX_UNDO`] steps and [`HISTORY_BUDGET`] stored entries, so a large cache
//! keeps fewer steps instead of growing without bound.

use std::collections::VecDeque;
use std::fmt;

use super::command::{Command, LineError, MAX_CAPACITY, explain, parse, syntax_list};
use super::rng::SplitMix64;
use super::{LruCache, Put};
use crate::content::CodeEvent;

/// How many operations `undo` can step back at most.
pub const MAX_UNDO: usize = 1000;

/// The most cache entries all undo snapshots may hold together (about 30 bytes each):
/// a full 3,000-entry cache still keeps about 60 steps.
pub const HISTORY_BUDGET: usize = 200_000;

/// How many recent operations the log keeps (the diagram shows what fits).
pub const LOG_LEN: usize = 50;

/// Seeds `fill` shows and chooses stay below this, so they are quick to retype.
pub const SEED_RANGE: u64 = 1_000_000;

/// What one operation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `get` found `key`; it is now the most recently used.
    Hit { key: i64, value: i64 },
    /// `get` did not find `key`; nothing changed.
    Miss { key: i64 },
    /// `put` stored a new key; `evicted` is the entry that made room, if the cache was full.
    Insert {
        key: i64,
        value: i64,
        evicted: Option<(i64, i64)>,
    },
    /// `put` replaced the value of an existing key, which is now the most recently used.
    Update { key: i64, old: i64, value: i64 },
    /// `put` at capacity 0: nothing was stored.
    Discard { key: i64, value: i64 },
    /// `cap`: the capacity changed; `evicted` lists what no longer fit, least recent first.
    Resize {
        from: usize,
        to: usize,
        evicted: Vec<(i64, i64)>,
    },
    /// `reset`: the cache was emptied (`dropped` entries) and the counters cleared.
    Reset { dropped: usize },
}

impl Event {
    /// The command that caused it, as the user would type it.
    pub fn command(&self) -> Command {
        match *self {
            Self::Hit { key, .. } | Self::Miss { key } => Command::Get { key },
            Self::Insert { key, value, .. }
            | Self::Update { key, value, .. }
            | Self::Discard { key, value } => Command::Put { key, value },
            Self::Resize { to, .. } => Command::Cap(to),
            Self::Reset { .. } => Command::Reset,
        }
    }

    /// What `LeetCode` 146 prints for it: `null` for a put, the value or `-1` for a get;
    /// `None` for lab-only commands.
    pub fn leetcode_output(&self) -> Option<String> {
        match self {
            Self::Hit { value, .. } => Some(value.to_string()),
            Self::Miss { .. } => Some("-1".to_string()),
            Self::Insert { .. } | Self::Update { .. } | Self::Discard { .. } => {
                Some("null".to_string())
            }
            Self::Resize { .. } | Self::Reset { .. } => None,
        }
    }

    /// The code paths it ran in a solution, for highlighting (an insert into a full cache
    /// runs both the eviction and the insertion). Lab-only commands run none.
    pub fn code_events(&self) -> &'static [CodeEvent] {
        match self {
            Self::Hit { .. } => &[CodeEvent::Hit],
            Self::Miss { .. } => &[CodeEvent::Miss],
            Self::Insert { evicted: None, .. } => &[CodeEvent::Insert],
            Self::Insert {
                evicted: Some(_), ..
            } => &[CodeEvent::Evict, CodeEvent::Insert],
            Self::Update { .. } => &[CodeEvent::Update],
            Self::Discard { .. } => &[CodeEvent::Discard],
            Self::Resize { .. } | Self::Reset { .. } => &[],
        }
    }

    /// A short label that tells the kinds apart without colour.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Hit { .. } => "HIT",
            Self::Miss { .. } => "MISS",
            Self::Insert { evicted: None, .. } => "INSERT",
            Self::Insert {
                evicted: Some(_), ..
            } => "INSERT+EVICT",
            Self::Update { .. } => "UPDATE",
            Self::Discard { .. } => "DISCARD",
            Self::Resize { evicted, .. } if !evicted.is_empty() => "RESIZE+EVICT",
            Self::Resize { .. } => "RESIZE",
            Self::Reset { .. } => "RESET",
        }
    }

    /// What happened, in a phrase: `HIT 3 = 3`, `INSERT 4 = 4, EVICT 1 = 1`.
    pub fn outcome(&self) -> String {
        match self {
            Self::Hit { key, value } => format!("HIT {key} = {value}"),
            Self::Miss { key } => format!("MISS {key} (order unchanged)"),
            Self::Insert {
                key,
                value,
                evicted: None,
            } => format!("INSERT {key} = {value}"),
            Self::Insert {
                key,
                value,
                evicted: Some((k, v)),
            } => format!("INSERT {key} = {value}, EVICT {k} = {v}"),
            Self::Update { key, old, value } => format!("UPDATE {key} = {value} (was {old})"),
            Self::Discard { .. } => "DISCARD (capacity 0 stores nothing)".to_string(),
            Self::Resize { from, to, evicted } => {
                let mut s = format!("RESIZE {from} to {to}");
                if !evicted.is_empty() {
                    s.push_str(", EVICT ");
                    s.push_str(&keys(evicted));
                }
                s
            }
            Self::Reset { dropped } => format!("RESET (emptied {dropped})"),
        }
    }
}

fn keys(entries: &[(i64, i64)]) -> String {
    entries
        .iter()
        .map(|(k, _)| k.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Running totals since the last `reset`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub hits: u64,
    pub misses: u64,
    /// Entries evicted, by `put` on a full cache or by a shrinking `cap`.
    pub evictions: u64,
}

/// Everything one undo step restores.
#[derive(Debug, Clone)]
struct Snapshot {
    cache: LruCache<i64, i64>,
    counters: Counters,
    /// Newest first.
    log: VecDeque<Event>,
}

impl Snapshot {
    /// Its share of [`HISTORY_BUDGET`]: at least 1, so an empty cache still counts.
    fn weight(&self) -> usize {
        self.cache.len() + 1
    }
}

/// What a command did, for the console's one-line reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An operation ran (`put`, `get`, `cap`, `reset`).
    Did(Event),
    /// `undo` stepped back `steps`; `left` more can be undone.
    Undone { steps: usize, left: usize },
    /// `redo` stepped forward `steps`; `left` more can be redone.
    Redone { steps: usize, left: usize },
    /// `fill` ran `count` operations from `seed`.
    Filled {
        count: usize,
        seed: u64,
        gets: usize,
        puts: usize,
    },
    /// `help`: the list of [`super::command::COMMANDS`]; `help CMD`: what CMD does.
    Help(Option<&'static str>),
}

/// Why a console line changed nothing: the one-line message the console shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabError {
    #[error(transparent)]
    Line(#[from] LineError),
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
}

impl fmt::Display for Reply {
    /// One line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Did(event) => {
                write!(f, "{} -> {}", event.command(), event.outcome())?;
                if let Some(output) = event.leetcode_output()
                    && matches!(event.command(), Command::Get { .. })
                {
                    write!(f, "; returns {output}")?;
                }
                Ok(())
            }
            Self::Undone { steps, left } => {
                write!(f, "undid {} ({left} more to undo)", plural(*steps, "step"))
            }
            Self::Redone { steps, left } => {
                write!(f, "redid {} ({left} more to redo)", plural(*steps, "step"))
            }
            Self::Filled {
                count,
                seed,
                gets,
                puts,
            } => write!(
                f,
                "fill {count} from seed {seed}: {}, {} (`fill {count} {seed}` repeats it)",
                plural(*gets, "get"),
                plural(*puts, "put"),
            ),
            Self::Help(None) => write!(
                f,
                "commands: {}; {}",
                syntax_list(false),
                crate::command_table::SEVERAL
            ),
            Self::Help(Some(name)) => f.write_str(&explain(name).unwrap_or_default()),
        }
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The lab: the cache the console drives and everything the diagram shows about it.
#[derive(Debug, Clone)]
pub struct Lab {
    now: Snapshot,
    /// Older states, oldest first.
    undo: VecDeque<Snapshot>,
    /// States undone, the next one to redo last.
    redo: Vec<Snapshot>,
    /// Sum of the weights of the snapshots in `undo`.
    undo_weight: usize,
    next_seed: u64,
    /// Whether operations are recorded for undo (not in script mode, which has no undo).
    history: bool,
    /// The last `help` reply, until the next command: the diagram shows it wrapped,
    /// since the console's one-row border cuts a long reply off.
    note: Option<String>,
}

impl Lab {
    /// An empty lab. `capacity` above [`MAX_CAPACITY`] is lowered to it; `seed` is the
    /// first seed `fill` uses (reduced below [`SEED_RANGE`]).
    pub fn new(capacity: usize, seed: u64) -> Self {
        Self {
            now: Snapshot {
                cache: LruCache::new(capacity.min(MAX_CAPACITY)),
                counters: Counters::default(),
                log: VecDeque::new(),
            },
            undo: VecDeque::new(),
            redo: Vec::new(),
            undo_weight: 0,
            next_seed: seed % SEED_RANGE,
            history: true,
            note: None,
        }
    }

    /// A lab that keeps no undo history, for running a script: a long script on a large
    /// cache would otherwise copy the cache at every step for nothing.
    pub fn without_history(capacity: usize) -> Self {
        Self {
            history: false,
            ..Self::new(capacity, 0)
        }
    }

    pub fn cache(&self) -> &LruCache<i64, i64> {
        &self.now.cache
    }

    pub fn counters(&self) -> Counters {
        self.now.counters
    }

    /// The last operation: what the diagram highlights.
    pub fn last(&self) -> Option<&Event> {
        self.now.log.front()
    }

    /// The cache as it was before the last operation, when history keeps it (not in
    /// script mode): where the diagram's motion starts from.
    pub fn before(&self) -> Option<&LruCache<i64, i64>> {
        self.undo.back().map(|s| &s.cache)
    }

    /// Recent operations, newest first (at most [`LOG_LEN`]).
    pub fn log(&self) -> impl ExactSizeIterator<Item = &Event> {
        self.now.log.iter()
    }

    /// The last command's `help` reply, if it was `help`.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The seed the next `fill` without a seed will use.
    pub fn next_seed(&self) -> u64 {
        self.next_seed
    }

    /// How many steps `undo` can go back.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// How many steps `redo` can go forward.
    pub fn redo_depth(&self) -> usize {
        self.redo.len()
    }

    /// Keys from the most to the least recently used: the `order:` line.
    pub fn order(&self) -> Vec<i64> {
        self.now.cache.keys().copied().collect()
    }

    /// Parses and runs one console line. On an error nothing changes.
    pub fn run(&mut self, line: &str) -> Result<Reply, LabError> {
        let command = parse(line)?;
        self.apply(command)
    }

    /// Runs one command. On an error nothing changes.
    pub fn apply(&mut self, command: Command) -> Result<Reply, LabError> {
        self.note = None;
        match command {
            Command::Put { key, value } => Ok(Reply::Did(self.put(key, value))),
            Command::Get { key } => Ok(Reply::Did(self.get(key))),
            Command::Cap(capacity) => Ok(Reply::Did(self.resize(capacity))),
            Command::Reset => Ok(Reply::Did(self.reset())),
            Command::Undo(steps) => self.undo(steps),
            Command::Redo(steps) => self.redo(steps),
            Command::Fill { count, seed } => Ok(self.fill(count, seed)),
            Command::Help(topic) => {
                let reply = Reply::Help(topic);
                self.note = Some(reply.to_string());
                Ok(reply)
            }
        }
    }

    /// `put key value`.
    pub fn put(&mut self, key: i64, value: i64) -> Event {
        self.step(|s| match s.cache.put(key, value) {
            Put::Inserted => Event::Insert {
                key,
                value,
                evicted: None,
            },
            Put::Evicted {
                key: old_key,
                value: old_value,
            } => {
                s.counters.evictions += 1;
                Event::Insert {
                    key,
                    value,
                    evicted: Some((old_key, old_value)),
                }
            }
            Put::Updated { old } => Event::Update { key, old, value },
            Put::Discarded { key, value } => Event::Discard { key, value },
        })
    }

    /// `get key`.
    pub fn get(&mut self, key: i64) -> Event {
        self.step(|s| {
            if let Some(&value) = s.cache.get(&key) {
                s.counters.hits += 1;
                Event::Hit { key, value }
            } else {
                s.counters.misses += 1;
                Event::Miss { key }
            }
        })
    }

    /// `cap capacity` (lowered to [`MAX_CAPACITY`]).
    pub fn resize(&mut self, capacity: usize) -> Event {
        let to = capacity.min(MAX_CAPACITY);
        self.step(|s| {
            let from = s.cache.capacity();
            let evicted = s.cache.resize(to);
            s.counters.evictions += evicted.len() as u64;
            Event::Resize { from, to, evicted }
        })
    }

    /// `reset`: empty cache, zero counters, a log holding only the reset.
    pub fn reset(&mut self) -> Event {
        self.step(|s| {
            let dropped = s.cache.len();
            s.cache.clear();
            s.counters = Counters::default();
            s.log.clear();
            Event::Reset { dropped }
        })
    }

    /// Records the current state for undo, runs `change`, logs its event.
    fn step(&mut self, change: impl FnOnce(&mut Snapshot) -> Event) -> Event {
        if self.history {
            let before = self.now.clone();
            self.undo_weight += before.weight();
            self.undo.push_back(before);
            while self.undo.len() > MAX_UNDO || self.undo_weight > HISTORY_BUDGET {
                match self.undo.pop_front() {
                    Some(old) => self.undo_weight -= old.weight(),
                    None => break,
                }
            }
        }
        self.redo.clear();
        let event = change(&mut self.now);
        self.now.log.push_front(event.clone());
        self.now.log.truncate(LOG_LEN);
        event
    }

    fn undo(&mut self, steps: usize) -> Result<Reply, LabError> {
        if self.undo.is_empty() {
            return Err(LabError::NothingToUndo);
        }
        let mut done = 0;
        while done < steps {
            let Some(before) = self.undo.pop_back() else {
                break;
            };
            self.undo_weight -= before.weight();
            self.redo.push(std::mem::replace(&mut self.now, before));
            done += 1;
        }
        Ok(Reply::Undone {
            steps: done,
            left: self.undo.len(),
        })
    }

    fn redo(&mut self, steps: usize) -> Result<Reply, LabError> {
        if self.redo.is_empty() {
            return Err(LabError::NothingToRedo);
        }
        let mut done = 0;
        while done < steps {
            let Some(after) = self.redo.pop() else {
                break;
            };
            let before = std::mem::replace(&mut self.now, after);
            self.undo_weight += before.weight();
            self.undo.push_back(before);
            done += 1;
        }
        // Redo only re-pushes states that were in the history before, so the bounds
        // can only be over if they were lowered meanwhile; keep them anyway.
        while self.undo.len() > MAX_UNDO || self.undo_weight > HISTORY_BUDGET {
            match self.undo.pop_front() {
                Some(old) => self.undo_weight -= old.weight(),
                None => break,
            }
        }
        Ok(Reply::Redone {
            steps: done,
            left: self.redo.len(),
        })
    }

    /// `fill count [seed]`: `count` operations drawn from `seed` (the lab's next seed
    /// when `None`, which then moves on): half gets and half puts, keys uniform over
    /// twice the capacity (at least 4) so hits, misses, updates and evictions all occur,
    /// values from 0 to 99. Each operation is its own undo step.
    fn fill(&mut self, count: usize, seed: Option<u64>) -> Reply {
        let used = seed.unwrap_or(self.next_seed);
        let mut rng = SplitMix64::new(used);
        let key_range = (self.now.cache.capacity() as u64).saturating_mul(2).max(4);
        let (mut gets, mut puts) = (0, 0);
        for _ in 0..count {
            let key = i64::try_from(rng.below(key_range)).unwrap_or(0);
            if rng.below(2) == 0 {
                gets += 1;
                self.get(key);
            } else {
                puts += 1;
                let value = i64::try_from(rng.below(100)).unwrap_or(0);
                self.put(key, value);
            }
        }
        if seed.is_none() {
            self.next_seed = rng.below(SEED_RANGE);
        }
        Reply::Filled {
            count,
            seed: used,
            gets,
            puts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(capacity: usize) -> Lab {
        Lab::new(capacity, 42)
    }

    fn run(lab: &mut Lab, lines: &[&str]) {
        for line in lines {
            lab.run(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        }
    }

    #[test]
    fn leetcode_example_events_and_outputs() {
        let mut lab = lab(2);
        let script = [
            "put 1 1", "put 2 2", "get 1", "put 3 3", "get 2", "put 4 4", "get 1", "get 3", "get 4",
        ];
        let mut outputs = Vec::new();
        for line in script {
            match lab.run(line) {
                Ok(Reply::Did(event)) => outputs.extend(event.leetcode_output()),
                other => panic!("{line}: {other:?}"),
            }
        }
        assert_eq!(
            outputs,
            ["null", "null", "1", "null", "-1", "null", "-1", "3", "4"]
        );
        assert_eq!(lab.order(), [4, 3]);
        assert_eq!(
            lab.counters(),
            Counters {
                hits: 3,
                misses: 2,
                evictions: 2
            }
        );
        assert_eq!(
            lab.log().nth(3),
            Some(&Event::Insert {
                key: 4,
                value: 4,
                evicted: Some((1, 1))
            })
        );
        assert_eq!(lab.last(), Some(&Event::Hit { key: 4, value: 4 }));
    }

    #[test]
    fn replies_are_one_line() {
        let mut lab = lab(1);
        let table = [
            ("put 1 1", "put 1 1 -> INSERT 1 = 1"),
            ("put 2 2", "put 2 2 -> INSERT 2 = 2, EVICT 1 = 1"),
            ("put 2 5", "put 2 5 -> UPDATE 2 = 5 (was 2)"),
            ("get 2", "get 2 -> HIT 2 = 5; returns 5"),
            ("get 1", "get 1 -> MISS 1 (order unchanged); returns -1"),
            ("cap 0", "cap 0 -> RESIZE 1 to 0, EVICT 2"),
            ("put 3 3", "put 3 3 -> DISCARD (capacity 0 stores nothing)"),
            ("reset", "reset -> RESET (emptied 0)"),
            ("undo 2", "undid 2 steps (6 more to undo)"),
            ("redo", "redid 1 step (1 more to redo)"),
            (
                "help",
                "commands: put K V, get K, cap N, reset, undo [N], redo [N], fill N [SEED], help [CMD]; \
                 `;` between commands runs them in turn",
            ),
            (
                "help put",
                "put K V: insert K with value V, or update it; K becomes most recent",
            ),
            (
                "fill 4 7",
                "fill 4 from seed 7: 3 gets, 1 put (`fill 4 7` repeats it)",
            ),
        ];
        for (line, reply) in table {
            assert_eq!(lab.run(line).map(|r| r.to_string()).as_deref(), Ok(reply));
        }
    }

    #[test]
    fn an_update_refreshes_recency() {
        let mut lab = lab(2);
        run(&mut lab, &["put 1 1", "put 2 2", "put 1 10"]);
        assert_eq!(lab.order(), [1, 2]);
        run(&mut lab, &["put 3 3"]);
        assert_eq!(lab.order(), [3, 1]);
        assert_eq!(lab.counters().evictions, 1);
    }

    #[test]
    fn a_miss_changes_only_the_miss_counter() {
        let mut lab = lab(2);
        run(&mut lab, &["put 1 1", "put 2 2"]);
        run(&mut lab, &["get 9"]);
        assert_eq!(lab.order(), [2, 1]);
        assert_eq!(lab.counters().misses, 1);
        assert_eq!(lab.last(), Some(&Event::Miss { key: 9 }));
    }

    #[test]
    fn resize_evicts_and_counts() {
        let mut lab = lab(3);
        run(
            &mut lab,
            &["put 1 1", "put 2 2", "put 3 3", "get 1", "cap 1"],
        );
        assert_eq!(lab.order(), [1]);
        assert_eq!(
            lab.last(),
            Some(&Event::Resize {
                from: 3,
                to: 1,
                evicted: vec![(2, 2), (3, 3)]
            })
        );
        assert_eq!(lab.counters().evictions, 2);
    }

    #[test]
    fn reset_clears_cache_counters_and_log_but_keeps_capacity() {
        let mut lab = lab(2);
        run(&mut lab, &["put 1 1", "get 1", "get 2", "reset"]);
        assert_eq!(lab.order(), Vec::<i64>::new());
        assert_eq!(lab.counters(), Counters::default());
        assert_eq!(lab.log().len(), 1);
        assert_eq!(lab.cache().capacity(), 2);
        run(&mut lab, &["undo"]);
        assert_eq!(lab.order(), [1]);
        assert_eq!(lab.counters().misses, 1);
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut lab = lab(2);
        run(&mut lab, &["put 1 1", "put 2 2", "get 1", "put 3 3"]);
        let states = |lab: &Lab| (lab.order(), lab.counters(), lab.last().cloned());
        let end = states(&lab);
        run(&mut lab, &["undo"]);
        assert_eq!(lab.order(), [1, 2], "the eviction is taken back");
        assert_eq!(lab.last(), Some(&Event::Hit { key: 1, value: 1 }));
        assert_eq!(lab.counters().evictions, 0);
        run(&mut lab, &["undo 2"]);
        assert_eq!(lab.order(), [1]);
        assert_eq!(lab.undo_depth(), 1);
        assert_eq!(lab.redo_depth(), 3);
        assert_eq!(lab.run("undo 5"), Ok(Reply::Undone { steps: 1, left: 0 }));
        assert_eq!(lab.order(), Vec::<i64>::new());
        assert_eq!(lab.last(), None);
        assert_eq!(lab.run("undo"), Err(LabError::NothingToUndo));
        run(&mut lab, &["redo 4"]);
        assert_eq!(states(&lab), end);
        assert_eq!(lab.run("redo"), Err(LabError::NothingToRedo));
        // A new operation after undo drops the redo history.
        run(&mut lab, &["undo", "get 2"]);
        assert_eq!(lab.redo_depth(), 0);
        assert_eq!(lab.run("redo"), Err(LabError::NothingToRedo));
    }

    #[test]
    fn a_bad_command_changes_nothing() {
        let mut lab = lab(2);
        run(&mut lab, &["put 1 1", "get 1"]);
        let before = format!("{lab:?}");
        for bad in [
            "put 1", "get x", "cap 9999", "fill 0", "undo 0", "nonsense", "",
        ] {
            assert!(lab.run(bad).is_err(), "{bad}");
            assert_eq!(format!("{lab:?}"), before, "{bad}");
        }
        assert_eq!(lab.run("redo"), Err(LabError::NothingToRedo));
        assert_eq!(format!("{lab:?}"), before);
    }

    #[test]
    fn fill_is_reproducible_from_its_seed() {
        let mut a = lab(3);
        let seed = a.next_seed();
        let Ok(Reply::Filled { count: 200, .. }) = a.run("fill 200") else {
            panic!("fill failed");
        };
        assert_ne!(a.next_seed(), seed, "the next fill gets a new seed");
        assert!(a.next_seed() < SEED_RANGE);

        let mut b = Lab::new(3, 999);
        b.run(&format!("fill 200 {seed}")).unwrap();
        assert_eq!(
            b.next_seed(),
            999,
            "an explicit seed leaves the next one alone"
        );
        let log = |lab: &Lab| lab.log().cloned().collect::<Vec<_>>();
        assert_eq!(log(&a), log(&b));
        assert_eq!(a.order(), b.order());
        assert_eq!(a.counters(), b.counters());
        let c = a.counters();
        assert!(c.hits > 0 && c.misses > 0 && c.evictions > 0, "{c:?}");
        assert_eq!(a.undo_depth(), 200, "each operation is an undo step");
    }

    #[test]
    fn the_log_is_bounded() {
        let mut lab = lab(2);
        for i in 0..(LOG_LEN + 10) {
            lab.get(i64::try_from(i).unwrap());
        }
        assert_eq!(lab.log().len(), LOG_LEN);
        let newest = i64::try_from(LOG_LEN + 9).unwrap();
        assert_eq!(lab.last(), Some(&Event::Miss { key: newest }));
    }

    #[test]
    fn history_is_bounded_by_steps_and_by_entries() {
        let mut lab = lab(2);
        for i in 0..(MAX_UNDO + 5) {
            lab.get(i64::try_from(i).unwrap());
        }
        assert_eq!(lab.undo_depth(), MAX_UNDO);

        let mut big = Lab::new(MAX_CAPACITY, 0);
        for k in 0..3000 {
            big.put(k, k);
        }
        assert!(big.undo_depth() < 200, "{}", big.undo_depth());
        assert!(big.undo_weight <= HISTORY_BUDGET);
        let expected: usize = big.undo.iter().map(Snapshot::weight).sum();
        assert_eq!(big.undo_weight, expected);
    }

    #[test]
    fn a_lab_without_history_cannot_undo() {
        let mut lab = Lab::without_history(2);
        run(&mut lab, &["put 1 1", "get 1"]);
        assert_eq!(lab.undo_depth(), 0);
        assert_eq!(lab.run("undo"), Err(LabError::NothingToUndo));
        assert_eq!(lab.order(), [1]);
    }

    #[test]
    fn capacity_is_kept_within_the_lab_limit() {
        let mut lab = Lab::new(usize::MAX, u64::MAX);
        assert_eq!(lab.cache().capacity(), MAX_CAPACITY);
        assert!(lab.next_seed() < SEED_RANGE);
        lab.resize(MAX_CAPACITY + 1);
        assert_eq!(lab.cache().capacity(), MAX_CAPACITY);
    }

    #[test]
    fn code_events_of_each_kind() {
        use CodeEvent::{Discard, Evict, Hit, Insert, Miss, Update};
        let mut lab = lab(1);
        let mut seen = Vec::new();
        for line in [
            "put 1 1", "get 1", "get 2", "put 1 2", "put 2 2", "cap 0", "put 3 3",
        ] {
            if let Ok(Reply::Did(event)) = lab.run(line) {
                seen.push(event.code_events().to_vec());
            }
        }
        assert_eq!(
            seen,
            [
                vec![Insert],
                vec![Hit],
                vec![Miss],
                vec![Update],
                vec![Evict, Insert],
                vec![],
                vec![Discard],
            ]
        );
    }
}
