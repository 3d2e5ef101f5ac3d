//! The round's clock: time passed in as timestamps, pauses not counted.

use jiff::Timestamp;

/// Milliseconds on the round's clock: since the round started, pauses left out.
pub type Millis = u64;

/// A stopwatch driven by the timestamps the caller passes in. A timestamp earlier than
/// the last one (a clock set back) counts as no time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// Time counted before `running_since`.
    counted: Millis,
    /// When it was last started; `None` while paused.
    running_since: Option<i64>,
}

impl Clock {
    pub fn started(now: Timestamp) -> Self {
        Self {
            counted: 0,
            running_since: Some(now.as_millisecond()),
        }
    }

    /// The time counted up to `now`.
    pub fn elapsed(&self, now: Timestamp) -> Millis {
        let running = self.running_since.map_or(0, |since| {
            u64::try_from(now.as_millisecond().saturating_sub(since)).unwrap_or(0)
        });
        self.counted.saturating_add(running)
    }

    pub fn is_paused(&self) -> bool {
        self.running_since.is_none()
    }

    pub fn pause(&mut self, now: Timestamp) {
        if !self.is_paused() {
            self.counted = self.elapsed(now);
            self.running_since = None;
        }
    }

    pub fn resume(&mut self, now: Timestamp) {
        if self.is_paused() {
            self.running_since = Some(now.as_millisecond());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(ms).unwrap()
    }

    #[test]
    fn a_pause_stops_the_clock() {
        let mut clock = Clock::started(at(1_000));
        assert_eq!(clock.elapsed(at(4_000)), 3_000);
        clock.pause(at(4_000));
        assert_eq!(clock.elapsed(at(60_000)), 3_000);
        clock.pause(at(70_000));
        clock.resume(at(100_000));
        assert_eq!(clock.elapsed(at(101_000)), 4_000);
        // A clock set back counts no time, never a negative one.
        assert_eq!(clock.elapsed(at(0)), 3_000);
    }
}
