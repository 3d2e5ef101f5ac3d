//! The user's days. A day starts at 04:00 local time, as in Anki, so a late-night
//! session still counts for the day it began; the local offset comes from the system
//! time zone at each instant (daylight saving included).

use std::path::Path;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Hours after local midnight when a new study day starts.
pub const ROLLOVER_HOURS: i64 = 4;
const DAY_SECS: i64 = 24 * 3600;

/// A day number: days since 1970-01-01 in the user's calendar, shifted by the rollover.
pub type DayNumber = i64;

/// `n` days as a day-number offset (counts of days are `usize` in lists).
pub fn offset(n: usize) -> DayNumber {
    DayNumber::try_from(n).unwrap_or(DayNumber::MAX)
}

/// A time zone from a `TZif` file (as `/etc/localtime` is), when it reads as one.
fn zone_file(path: &Path) -> Option<TimeZone> {
    let bytes = std::fs::read(path).ok()?;
    TimeZone::tzif("Local", &bytes).ok()
}

#[derive(Debug, Clone)]
pub struct Days {
    tz: TimeZone,
}

impl Days {
    pub fn new(tz: TimeZone) -> Self {
        Self { tz }
    }

    /// The system time zone (`TZ`, else `/etc/localtime`), UTC when unknown.
    ///
    /// Without `TZ`, `/etc/localtime` is read as the `TZif` file it is: jiff's own
    /// `try_system` looks the zone's name up in the time zone database, which it lists
    /// whole first (a walk of /usr/share/zoneinfo, whose 0.1 MB of names stayed on the
    /// heap for the whole session). Days need the zone's offsets, not its name.
    pub fn system() -> Self {
        let local = std::env::var_os("TZ")
            .is_none()
            .then(|| zone_file(Path::new("/etc/localtime")))
            .flatten();
        Self::new(
            local
                .or_else(|| TimeZone::try_system().ok())
                .unwrap_or(TimeZone::UTC),
        )
    }

    pub fn utc() -> Self {
        Self::new(TimeZone::UTC)
    }

    fn offset_secs(&self, at: Timestamp) -> i64 {
        i64::from(self.tz.to_offset(at).seconds())
    }

    /// The study day `at` falls in.
    pub fn day_of(&self, at: Timestamp) -> DayNumber {
        let local = at.as_second() + self.offset_secs(at) - ROLLOVER_HOURS * 3600;
        local.div_euclid(DAY_SECS)
    }

    /// When study day `day` starts.
    pub fn start_of(&self, day: DayNumber) -> Timestamp {
        let local = day * DAY_SECS + ROLLOVER_HOURS * 3600;
        let guess = Timestamp::from_second(local).unwrap_or(Timestamp::UNIX_EPOCH);
        let offset = self.offset_secs(guess);
        guess - SignedDuration::from_secs(offset)
    }

    /// When the study day containing `at` ends.
    pub fn end_of_day(&self, at: Timestamp) -> Timestamp {
        self.start_of(self.day_of(at) + 1)
    }

    /// `at` as the user's clock shows it, for a person to read: `2026-05-13 06:00 EDT`
    /// (the zone's abbreviation, or its offset when it has none).
    pub fn local_time(&self, at: Timestamp) -> String {
        at.to_zoned(self.tz.clone())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    /// The calendar date of a study day, for labels.
    pub fn date_of(&self, day: DayNumber) -> jiff::civil::Date {
        self.start_of(day).to_zoned(self.tz.clone()).date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Days::system` reads `/etc/localtime` as a file: a zone read so has the offsets
    /// of the same zone from the database, daylight saving included.
    #[test]
    fn a_zone_file_keeps_the_zones_days() {
        let name = "America/New_York";
        let file = zone_file(&Path::new("/usr/share/zoneinfo").join(name)).unwrap();
        let (from_file, from_db) = (Days::new(file), Days::new(TimeZone::get(name).unwrap()));
        // Around both of 2026's clock changes, and in winter and summer.
        for at in [
            "2026-01-15T12:00:00Z",
            "2026-03-08T06:59:00Z",
            "2026-03-08T07:00:00Z",
            "2026-07-01T03:30:00Z",
            "2026-11-01T05:59:00Z",
            "2026-11-01T06:00:00Z",
        ] {
            let at: Timestamp = at.parse().unwrap();
            assert_eq!(from_file.offset_secs(at), from_db.offset_secs(at), "{at}");
            assert_eq!(from_file.day_of(at), from_db.day_of(at), "{at}");
            assert_eq!(from_file.local_time(at), from_db.local_time(at));
        }
        assert!(zone_file(Path::new("/nonexistent/localtime")).is_none());
        assert!(
            zone_file(Path::new("/etc/hostname")).is_none(),
            "not a TZif file"
        );
    }

    #[test]
    fn days_roll_over_at_four_in_the_morning() {
        let tz = TimeZone::fixed(jiff::tz::offset(-5));
        let days = Days::new(tz);
        // 2026-03-10 03:59 local is still the 9th's study day; 04:00 starts the 10th.
        let before: Timestamp = "2026-03-10T08:59:00Z".parse().unwrap();
        let after: Timestamp = "2026-03-10T09:00:00Z".parse().unwrap();
        assert_eq!(days.day_of(after) - days.day_of(before), 1);
        assert_eq!(days.start_of(days.day_of(after)), after);
        assert_eq!(days.end_of_day(before), after);
        assert_eq!(days.date_of(days.day_of(after)).to_string(), "2026-03-10");
    }

    #[test]
    fn local_times_name_the_zone() {
        let at: Timestamp = "2026-01-15T14:30:00Z".parse().unwrap();
        let summer: Timestamp = "2026-07-15T14:30:00Z".parse().unwrap();
        let ny = Days::new(TimeZone::get("America/New_York").unwrap());
        assert_eq!(ny.local_time(at), "2026-01-15 09:30 EST");
        assert_eq!(ny.local_time(summer), "2026-07-15 10:30 EDT");
        assert_eq!(Days::utc().local_time(at), "2026-01-15 14:30 UTC");
        let fixed = Days::new(TimeZone::fixed(jiff::tz::offset(5)));
        assert_eq!(fixed.local_time(at), "2026-01-15 19:30 +05");
    }
}
