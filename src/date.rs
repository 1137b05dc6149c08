//! Civil (time-zone free) dates and date-times. Roadmaps are about calendar days, and
//! Mermaid's oracle runs in UTC, so naive local arithmetic is exactly what we need: no
//! time zone can shift a day across a daylight-saving change.

use serde::{Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date. Years are limited to what roadmaps can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// English month names (Jekyll's `%B`, dayjs' `MMMM`, front-matter dates).
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday names, Monday first (ISO order, as [`Date::weekday`]).
pub const WEEKDAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

pub const MIN_YEAR: i32 = -9999;
pub const MAX_YEAR: i32 = 9999;

impl Date {
    /// A date, if it exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month: month as u8, day: day as u8 })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month as u32
    }

    pub fn day(self) -> u32 {
        self.day as u32
    }

    /// Quarter 1..=4.
    pub fn quarter(self) -> u32 {
        (self.month() - 1) / 3 + 1
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        days_from_civil(self.year as i64, self.month as i64, self.day as i64)
    }

    /// The date `days` after 1970-01-01, if its year is in range.
    pub fn from_days(days: i64) -> Option<Self> {
        let (y, m, d) = civil_from_days(days);
        let year = i32::try_from(y).ok()?;
        Self::new(year, m as u32, d as u32)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    pub fn add_days(self, days: i64) -> Option<Self> {
        Self::from_days(self.to_days().checked_add(days)?)
    }

    /// Calendar months later, clamping the day to the month's end (dayjs semantics).
    pub fn add_months(self, months: i64) -> Option<Self> {
        let total = self.year as i64 * 12 + (self.month as i64 - 1) + months;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = (total.rem_euclid(12) + 1) as u32;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        let day = (self.day as u32).min(days_in_month(year, month));
        Self::new(year, month, day)
    }

    /// ISO 8601 week number and its week-based year.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.to_days() - self.weekday() as i64 + 4;
        let (y, _, _) = civil_from_days(thursday);
        let jan1 = days_from_civil(y, 1, 1);
        ((y as i32), ((thursday - jan1) / 7 + 1) as u32)
    }

    /// The first day of this date's quarter.
    pub fn quarter_start(self) -> Self {
        let month = (self.quarter() - 1) * 3 + 1;
        Self { year: self.year, month: month as u8, day: 1 }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if (0..=9999).contains(&self.year) {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        } else {
            write!(f, "{:+05}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's `days_from_civil`.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub const MS_PER_DAY: i64 = 86_400_000;

/// A naive local date-time with millisecond precision, as Mermaid's dayjs instants are
/// (the oracle runs with TZ=UTC, so local time equals UTC there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// Milliseconds since 1970-01-01T00:00:00.
    ms: i64,
}

impl DateTime {
    pub fn from_ms(ms: i64) -> Self {
        Self { ms }
    }

    pub fn ms(self) -> i64 {
        self.ms
    }

    pub fn from_date(date: Date) -> Self {
        Self { ms: date.to_days() * MS_PER_DAY }
    }

    /// A date-time from its parts, if they form a real instant.
    pub fn from_parts(date: Date, hour: u32, minute: u32, second: u32, milli: u32) -> Option<Self> {
        if hour > 23 || minute > 59 || second > 59 || milli > 999 {
            return None;
        }
        let ms = date.to_days() * MS_PER_DAY
            + (hour as i64 * 3600 + minute as i64 * 60 + second as i64) * 1000
            + milli as i64;
        Some(Self { ms })
    }

    /// The calendar day this instant falls on, if its year is in range.
    pub fn date(self) -> Option<Date> {
        Date::from_days(self.ms.div_euclid(MS_PER_DAY))
    }

    /// Milliseconds since midnight.
    pub fn time_of_day_ms(self) -> i64 {
        self.ms.rem_euclid(MS_PER_DAY)
    }

    pub fn is_midnight(self) -> bool {
        self.time_of_day_ms() == 0
    }

    /// Fractional days since 1970-01-01, for drawing.
    pub fn days_f64(self) -> f64 {
        self.ms as f64 / MS_PER_DAY as f64
    }

    pub fn add_ms(self, ms: i64) -> Option<Self> {
        Some(Self { ms: self.ms.checked_add(ms)? })
    }

    /// Calendar days later, keeping the clock time.
    pub fn add_days(self, days: i64) -> Option<Self> {
        self.add_ms(days.checked_mul(MS_PER_DAY)?)
    }

    /// Calendar months later, keeping the clock time and clamping the day.
    pub fn add_months(self, months: i64) -> Option<Self> {
        let date = self.date()?.add_months(months)?;
        Some(Self { ms: date.to_days() * MS_PER_DAY + self.time_of_day_ms() })
    }
}

impl fmt::Display for DateTime {
    /// `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MM:SS` (plus `.mmm` when needed).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(date) = self.date() else {
            return write!(f, "invalid");
        };
        let t = self.time_of_day_ms();
        if t == 0 {
            return write!(f, "{date}");
        }
        let (h, m, s, ms) = (t / 3_600_000, t / 60_000 % 60, t / 1000 % 60, t % 1000);
        if ms == 0 {
            write!(f, "{date}T{h:02}:{m:02}:{s:02}")
        } else {
            write!(f, "{date}T{h:02}:{m:02}:{s:02}.{ms:03}")
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
    };
    Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_454, 2_000_000] {
            let date = Date::from_days(days).unwrap_or_else(|| panic!("{days}"));
            assert_eq!(date.to_days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).map(Date::to_days), Some(0));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2025, 0, 1).is_none());
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(parse_iso_date("2025-00-01").is_none());
        assert_eq!(parse_iso_date("2025-08-19").map(|d| d.to_string()), Some("2025-08-19".into()));
    }

    #[test]
    fn weekdays_and_weeks() {
        let d = Date::new(2025, 1, 6).unwrap_or_else(|| unreachable!());
        assert_eq!(d.weekday(), 1);
        assert_eq!(Date::new(2026, 1, 1).map(Date::iso_week), Some((2026, 1)));
        assert_eq!(Date::new(2024, 12, 30).map(Date::iso_week), Some((2025, 1)));
        assert_eq!(Date::new(2021, 1, 3).map(Date::iso_week), Some((2020, 53)));
    }

    #[test]
    fn month_arithmetic_clamps() {
        let d = Date::new(2025, 1, 31).unwrap_or_else(|| unreachable!());
        assert_eq!(d.add_months(1).map(|d| d.to_string()), Some("2025-02-28".into()));
        let leap = Date::new(2024, 2, 29).unwrap_or_else(|| unreachable!());
        assert_eq!(leap.add_months(12).map(|d| d.to_string()), Some("2025-02-28".into()));
    }

    #[test]
    fn datetime_display() {
        let d = Date::new(2025, 3, 1).unwrap_or_else(|| unreachable!());
        let t = DateTime::from_parts(d, 9, 30, 0, 0).unwrap_or_else(|| unreachable!());
        assert_eq!(t.to_string(), "2025-03-01T09:30:00");
        assert_eq!(DateTime::from_date(d).to_string(), "2025-03-01");
    }
}
