//! What the shell feeds back besides the store's answers: highlighted code, the streak,
//! and the jobs running on the worker (the footer's spinner), which Esc cancels.

use jiff::Timestamp;

use super::{flash, flash_error};
use crate::action::{Action, Effect, Effects};
use crate::state::{App, RunningJob};
use crate::worker::{End, JobKind};

pub fn update_jobs(app: &mut App, action: Action, now: Timestamp) -> Effects {
    match action {
        Action::Highlighted(highlights) => {
            let crate::highlight::HighlightBatch { solutions, code } = *highlights;
            if let Some((card, lines)) = solutions {
                app.highlights.solutions.insert(card, lines);
            }
            if !code.is_empty() {
                app.highlights.code.extend(code);
                // The Question pane's rows are rebuilt with the highlighted blocks.
                app.card_view.question_key = None;
            }
        }
        Action::StreakLoaded(streak) => app.study.streak = streak,
        // A run that ends after practice was left (or for another card): its summary.
        Action::TestsRan { card, report } => {
            flash(app, format!("{card}: {}", report.summary()));
        }
        Action::JobStarted { id, label, kind } => app.jobs.push(RunningJob {
            id,
            label,
            kind,
            started: now,
        }),
        Action::JobFinished { id, end } => {
            let Some(i) = app.jobs.iter().position(|j| j.id == id) else {
                return Effects::none();
            };
            let job = app.jobs.remove(i);
            if let End::Failed(why) = end {
                flash_error(app, format!("{} failed: {why}", job.label));
            }
        }
        Action::CancelJob => {
            // The learner's own job first: a background one is cancelled only where
            // nothing of the learner's runs (the keymap offers Esc for it only there).
            let latest = |kind| app.jobs.iter().rposition(|j| j.kind == kind);
            let at = latest(JobKind::Foreground).or_else(|| latest(JobKind::Background));
            if let Some(job) = at.map(|i| app.jobs.remove(i)) {
                flash(app, format!("cancelled {}", job.label));
                return Effects::one(Effect::CancelJob(job.id));
            }
        }
        _ => {}
    }
    Effects::none()
}
