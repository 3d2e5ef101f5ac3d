use std::sync::mpsc;
use std::time::Duration;

use super::*;

/// Long enough for any machine; a test that needs it has failed anyway.
const DEADLINE: Duration = Duration::from_secs(30);

/// A job that says it started, then waits for its cancel token, then says it stopped
/// (on `stopped`, which outlives the job's own reports).
fn until_cancelled(stopped: mpsc::Sender<JobId>) -> impl FnOnce(&Ctx<&'static str>) + Send {
    move |ctx| {
        ctx.send("started");
        while !ctx.cancelled() {
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = stopped.send(ctx.id());
    }
}

#[test]
fn a_job_sends_its_results_then_its_end() {
    let mut worker = Worker::pool(2);
    let id = worker.submit(|ctx| {
        ctx.send(1);
        ctx.send(2);
    });
    assert_eq!(worker.running(), 1);
    assert_eq!(worker.recv(), Some(Report::Sent(id, 1)));
    assert_eq!(worker.recv(), Some(Report::Sent(id, 2)));
    assert_eq!(worker.recv(), Some(Report::Ended(id, End::Done)));
    assert_eq!(worker.running(), 0);
    assert_eq!(worker.recv(), None, "nothing runs: no waiting");
}

#[test]
fn inline_jobs_have_run_when_submit_returns() {
    let mut worker = Worker::inline();
    let thread = std::thread::current().id();
    let id = worker.submit(move |ctx| {
        ctx.send(std::thread::current().id() == thread);
    });
    assert_eq!(worker.try_recv(), Some(Report::Sent(id, true)));
    assert_eq!(worker.try_recv(), Some(Report::Ended(id, End::Done)));
    assert_eq!(worker.try_recv(), None);
}

#[test]
fn a_cancelled_job_stops_and_nothing_more_comes_from_it() {
    let mut worker = Worker::pool(2);
    let (stopped, was_stopped) = mpsc::channel();
    let id = worker.submit(until_cancelled(stopped));
    assert_eq!(worker.recv(), Some(Report::Sent(id, "started")));
    assert!(worker.cancel(id));
    assert!(!worker.cancel(id), "cancelled once");
    assert_eq!(was_stopped.recv_timeout(DEADLINE), Ok(id));
    assert_eq!(worker.running(), 0);
    // Its end (Cancelled) was sent, and dropped: the next report is the next job's.
    let next = worker.submit(|ctx| {
        ctx.send("next");
    });
    assert_eq!(worker.recv(), Some(Report::Sent(next, "next")));
}

#[test]
fn a_short_job_does_not_wait_behind_a_long_one() {
    let mut worker = Worker::pool(2);
    let (stopped, was_stopped) = mpsc::channel();
    let long = worker.submit(until_cancelled(stopped));
    assert_eq!(worker.recv(), Some(Report::Sent(long, "started")));
    let short = worker.submit(|ctx| {
        ctx.send("short");
    });
    assert_eq!(worker.recv(), Some(Report::Sent(short, "short")));
    assert_eq!(worker.recv(), Some(Report::Ended(short, End::Done)));
    assert_eq!(worker.running(), 1, "the long one still runs");
    worker.cancel_all();
    assert_eq!(was_stopped.recv_timeout(DEADLINE), Ok(long));
}

#[test]
fn dropping_the_worker_cancels_its_jobs() {
    let mut worker = Worker::pool(1);
    let (stopped, was_stopped) = mpsc::channel();
    let id = worker.submit(until_cancelled(stopped));
    assert_eq!(worker.recv(), Some(Report::Sent(id, "started")));
    drop(worker);
    assert_eq!(was_stopped.recv_timeout(DEADLINE), Ok(id));
}

#[test]
fn a_panicking_job_ends_failed_and_the_thread_goes_on() {
    let mut worker = Worker::<()>::pool(1);
    let id = worker.submit(|_| panic!("boom"));
    assert_eq!(
        worker.recv(),
        Some(Report::Ended(id, End::Failed("boom".into())))
    );
    let next = worker.submit(|ctx| {
        ctx.send(());
    });
    assert_eq!(worker.recv(), Some(Report::Sent(next, ())));
}

#[test]
fn a_job_that_sees_its_token_ends_cancelled() {
    let mut worker = Worker::inline();
    let id = worker.submit(|ctx: &Ctx<()>| ctx.cancel_token().cancel());
    // Its own cancel is not the worker's: the end is reported.
    assert_eq!(worker.try_recv(), Some(Report::Ended(id, End::Cancelled)));
}

#[test]
fn a_job_knows_it_is_one_and_its_caller_does_not() {
    let mut worker = Worker::inline();
    let id = worker.submit(|ctx| {
        ctx.send(in_job());
    });
    assert_eq!(worker.try_recv(), Some(Report::Sent(id, true)));
    assert!(!in_job(), "the inline job's thread is itself again");
}

/// This process is alive; a pid no process can have is not, nor is 0 (not a pid).
#[test]
fn is_alive_tells_a_live_pid_from_a_dead_one() {
    assert!(child::is_alive(std::process::id()));
    assert!(!child::is_alive(u32::try_from(i32::MAX).unwrap()));
    assert!(!child::is_alive(0));
}
