//! The worker: slow effects (highlighting a cold cache today; running a learner's tests
//! and streaming a model's answer next) run here, off the event loop, so the UI keeps
//! answering keys while they run.
//!
//! A job is a closure that gets a [`Ctx`]: it sends its results (`T`, the session's
//! actions) through it, as many as it likes (a streamed answer sends one per chunk),
//! and it checks [`Ctx::cancelled`] between steps. Every job has an id and a cancel
//! token; the [`Worker`] keeps the tokens of the jobs it runs, so cancelling one (Esc)
//! or all (quitting) is one call, and a cancelled job's late results are dropped.
//!
//! The results come back over a channel that the event loop drains after every poll of
//! the terminal ([`Worker::try_recv`]); nothing here touches the terminal or `App`.
//! The pool grows on demand to a few threads, so a short job (the current card's
//! highlight) never waits behind a long one (warming the cache). A worker made with
//! [`Worker::inline`] runs each job at once on the caller's thread instead: tests
//! stay deterministic and see a job's results as soon as it is submitted.
//!
//! Child processes a job starts go through [`child::run`]: own process group, time
//! limit, output cap, and the whole group killed on cancel.

pub mod child;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

/// A job's number, unique in one worker.
pub type JobId = u64;

/// Shared between a job and whoever may cancel it.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Who asked for a job, which decides what Esc does while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Started by tutor itself (cache warming, a card's highlighting): Esc cancels it
    /// only where Esc has nothing else to do, so it never takes Esc from a screen.
    Background,
    /// Started by the learner (running tests, a model's answer): Esc cancels it first.
    Foreground,
}

/// How a job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    Done,
    /// It saw its token cancelled (or was cancelled before it started).
    Cancelled,
    /// It panicked; the message says where, if the panic said.
    Failed(String),
}

/// What comes back from the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Report<T> {
    /// A result the job sent.
    Sent(JobId, T),
    /// The job is over; nothing more comes from it.
    Ended(JobId, End),
}

/// What a running job holds: its id, its token and the way back.
pub struct Ctx<T> {
    id: JobId,
    cancel: Cancel,
    results: Sender<Report<T>>,
}

impl<T> Ctx<T> {
    #[cfg(test)]
    pub fn id(&self) -> JobId {
        self.id
    }

    /// Whether the job should stop now.
    pub fn cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// The token, for what the job hands it to (a child process, see [`child::run`]).
    pub fn cancel_token(&self) -> &Cancel {
        &self.cancel
    }

    /// Sends a result back; `false` once the job is cancelled (the result is then
    /// dropped) or nobody listens any more: the job may as well stop.
    pub fn send(&self, result: T) -> bool {
        !self.cancelled() && self.results.send(Report::Sent(self.id, result)).is_ok()
    }
}

/// A job: runs once, on a worker thread (or inline).
pub type Job<T> = Box<dyn FnOnce(&Ctx<T>) + Send>;

struct Queued<T> {
    job: Job<T>,
    ctx: Ctx<T>,
}

/// The threads jobs run on; they wait for work and end when the worker is dropped.
struct Pool<T> {
    queue: Sender<Queued<T>>,
    waiting: Arc<Mutex<Receiver<Queued<T>>>>,
    /// Threads started, and how many of them wait for a job.
    threads: usize,
    idle: Arc<AtomicUsize>,
    max: usize,
}

pub struct Worker<T> {
    /// `None`: jobs run inline, at submission.
    pool: Option<Pool<T>>,
    results: Sender<Report<T>>,
    reports: Receiver<Report<T>>,
    /// The tokens of the jobs submitted and not yet ended or cancelled.
    running: HashMap<JobId, Cancel>,
    next: JobId,
}

impl<T: Send + 'static> Worker<T> {
    /// A pool of at most `max` threads (at least one), started as jobs come.
    pub fn pool(max: usize) -> Self {
        let (queue, waiting) = mpsc::channel();
        let mut worker = Self::inline();
        worker.pool = Some(Pool {
            queue,
            waiting: Arc::new(Mutex::new(waiting)),
            threads: 0,
            idle: Arc::new(AtomicUsize::new(0)),
            max: max.max(1),
        });
        worker
    }

    /// Runs every job at once, on the thread that submits it.
    pub fn inline() -> Self {
        let (results, reports) = mpsc::channel();
        Self {
            pool: None,
            results,
            reports,
            running: HashMap::new(),
            next: 1,
        }
    }

    /// Starts `job` (inline: runs it to its end) and returns its id.
    pub fn submit(&mut self, job: impl FnOnce(&Ctx<T>) + Send + 'static) -> JobId {
        let id = self.next;
        self.next += 1;
        let cancel = Cancel::new();
        self.running.insert(id, cancel.clone());
        let queued = Queued {
            job: Box::new(job),
            ctx: Ctx {
                id,
                cancel,
                results: self.results.clone(),
            },
        };
        let Some(pool) = self.pool.as_mut() else {
            run(queued);
            return id;
        };
        if pool.idle.load(Ordering::SeqCst) == 0 && pool.threads < pool.max {
            let waiting = Arc::clone(&pool.waiting);
            let idle = Arc::clone(&pool.idle);
            let spawned = std::thread::Builder::new()
                .name(format!("worker-{}", pool.threads + 1))
                .spawn(move || serve(&waiting, &idle));
            if spawned.is_ok() {
                pool.threads += 1;
            }
        }
        if pool.threads == 0 {
            // No thread could be started: slower here than lost.
            run(queued);
        } else {
            // Cannot fail: the pool holds the receiving end.
            let _ = pool.queue.send(queued);
        }
        id
    }

    /// Cancels a job: its token is set (the job stops at its next check) and whatever
    /// it still sends, its end included, is dropped. `false` if it was not running.
    pub fn cancel(&mut self, id: JobId) -> bool {
        self.running.remove(&id).inspect(Cancel::cancel).is_some()
    }

    /// Cancels every job (quitting).
    pub fn cancel_all(&mut self) {
        for (_, cancel) in self.running.drain() {
            cancel.cancel();
        }
    }

    /// The jobs submitted and not yet ended or cancelled.
    #[cfg(test)]
    pub fn running(&self) -> usize {
        self.running.len()
    }

    /// The next report, if one is waiting; never blocks. Reports of cancelled jobs
    /// never come out.
    pub fn try_recv(&mut self) -> Option<Report<T>> {
        while let Ok(report) = self.reports.try_recv() {
            if let Some(report) = self.keep(report) {
                return Some(report);
            }
        }
        None
    }

    /// Waits for the next report (tests, and callers with nothing else to do); `None`
    /// at once when no job runs.
    pub fn recv(&mut self) -> Option<Report<T>> {
        while !self.running.is_empty() {
            let report = self.reports.recv().ok()?;
            if let Some(report) = self.keep(report) {
                return Some(report);
            }
        }
        None
    }

    /// `report`, unless its job was cancelled; a job's end takes it off the list.
    fn keep(&mut self, report: Report<T>) -> Option<Report<T>> {
        let (Report::Sent(id, _) | Report::Ended(id, _)) = &report;
        let id = *id;
        if !self.running.contains_key(&id) {
            return None;
        }
        if matches!(report, Report::Ended(..)) {
            self.running.remove(&id);
        }
        Some(report)
    }
}

impl<T> Drop for Worker<T> {
    /// Dropping the worker cancels what still runs; the threads end once their job
    /// has returned and the queue is closed.
    fn drop(&mut self) {
        for cancel in self.running.values() {
            cancel.cancel();
        }
    }
}

/// A pool thread: takes jobs until the queue closes.
fn serve<T>(waiting: &Mutex<Receiver<Queued<T>>>, idle: &AtomicUsize) {
    loop {
        idle.fetch_add(1, Ordering::SeqCst);
        let next = waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        idle.fetch_sub(1, Ordering::SeqCst);
        match next {
            Ok(queued) => run(queued),
            Err(mpsc::RecvError) => return,
        }
    }
}

std::thread_local! {
    static IN_JOB: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is running a job now: a panic hook can leave such a panic to
/// the worker, which reports it as the job's end ([`End::Failed`]).
pub fn in_job() -> bool {
    IN_JOB.with(std::cell::Cell::get)
}

/// Runs one job and reports its end; a panic in a job ends the job, not the thread.
fn run<T>(Queued { job, ctx }: Queued<T>) {
    let end = if ctx.cancelled() {
        End::Cancelled
    } else {
        let outer = IN_JOB.with(|j| j.replace(true));
        let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(&ctx)));
        IN_JOB.with(|j| j.set(outer));
        match ran {
            Ok(()) if ctx.cancelled() => End::Cancelled,
            Ok(()) => End::Done,
            Err(panic) => End::Failed(
                panic
                    .downcast_ref::<&str>()
                    .map(ToString::to_string)
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "the job panicked".to_string()),
            ),
        }
    };
    let _ = ctx.results.send(Report::Ended(ctx.id, end));
}

#[cfg(test)]
mod tests;
