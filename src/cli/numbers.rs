//! Parsers for the numeric options, whose errors say the range in words: clap's own
//! range check said `0 is not in 1..=4294967295`.

use crate::lru::command::MAX_CAPACITY;

/// `--limit`, `--count`: a whole number, at least 1. One too big to count is as many
/// as there are.
pub fn at_least_one(s: &str) -> Result<u32, String> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || digits.bytes().all(|b| b == b'0')
    {
        return Err("must be a whole number, at least 1".to_string());
    }
    Ok(digits.parse().unwrap_or(u32::MAX))
}

/// The longest mock interview, in minutes.
pub const MAX_MINUTES: u32 = 600;

/// `--minutes` of `tutor interview`: 1 to [`MAX_MINUTES`].
pub fn minutes(s: &str) -> Result<u32, String> {
    s.parse::<u32>()
        .ok()
        .filter(|m| (1..=MAX_MINUTES).contains(m))
        .ok_or_else(|| format!("must be a whole number of minutes from 1 to {MAX_MINUTES}"))
}

/// `--capacity`: the LRU lab's range.
pub fn capacity(s: &str) -> Result<u16, String> {
    s.parse::<u16>()
        .ok()
        .filter(|&n| usize::from(n) <= MAX_CAPACITY)
        .ok_or_else(|| format!("must be a whole number from 0 to {MAX_CAPACITY}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_start_at_one_and_saturate() {
        assert_eq!(at_least_one("1"), Ok(1));
        assert_eq!(at_least_one("+7"), Ok(7));
        assert_eq!(at_least_one("99999999999999999999999"), Ok(u32::MAX));
        for bad in ["0", "000", "-1", "", "1.5", "abc", " 3"] {
            assert!(at_least_one(bad).is_err(), "{bad:?}");
        }
        assert_eq!(capacity("0"), Ok(0));
        assert_eq!(capacity("3000"), Ok(3000));
        assert!(capacity("3001").is_err());
        assert!(capacity("-1").is_err());
    }
}
