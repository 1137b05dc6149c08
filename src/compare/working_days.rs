//! Working days between two dates, by a chart's `excludes`: weekdays (`weekends`, by the
//! chart's `weekend` setting, and named days) and ISO dates, with `includes` dates put
//! back. Other excludes tokens (dates in the chart's own format) are not counted: the
//! shift in calendar days is always given beside this one.

use crate::date::{Date, DateTime, MS_PER_DAY, WEEKDAY_NAMES, parse_iso_date};
use crate::model::Timeline;
use std::collections::BTreeSet;

pub struct WorkingDays {
    /// Monday = 0.
    weekdays: [bool; 7],
    excluded: BTreeSet<i64>,
    included: BTreeSet<i64>,
}

/// Longer spans are counted by whole weeks first; this bounds the day-by-day part.
const MAX_WALK_DAYS: i64 = 366 * 50;

impl WorkingDays {
    pub fn of(timeline: &Timeline) -> Self {
        let mut weekdays = [false; 7];
        let tokens: Vec<String> = timeline.excludes.iter().map(|t| t.trim().to_lowercase()).collect();
        if tokens.iter().any(|t| t == "weekends") {
            // Mermaid's `weekend friday` makes Friday and Saturday the weekend.
            let (a, b) = if timeline.weekend.eq_ignore_ascii_case("friday") { (4, 5) } else { (5, 6) };
            weekdays[a] = true;
            weekdays[b] = true;
        }
        for (i, name) in WEEKDAY_NAMES.iter().enumerate() {
            if tokens.iter().any(|t| t == &name.to_lowercase()) {
                weekdays[i] = true;
            }
        }
        let days = |list: &[String]| -> BTreeSet<i64> {
            list.iter().filter_map(|t| parse_iso_date(t.trim())).map(Date::to_days).collect()
        };
        WorkingDays { weekdays, excluded: days(&timeline.excludes), included: days(&timeline.includes) }
    }

    /// Whether any day is excluded.
    pub fn active(&self) -> bool {
        self.weekdays.iter().any(|d| *d) || !self.excluded.is_empty()
    }

    fn is_working(&self, day: i64) -> bool {
        if self.included.contains(&day) {
            return true;
        }
        // 1970-01-01 was a Thursday (Monday = 0 → 3).
        let weekday = (day + 3).rem_euclid(7) as usize;
        !(self.weekdays[weekday] || self.excluded.contains(&day))
    }

    /// Working days after `from` up to and including `to` (negative when `to` is earlier).
    pub fn between(&self, from: DateTime, to: DateTime) -> i64 {
        let (a, b) = (from.ms().div_euclid(MS_PER_DAY), to.ms().div_euclid(MS_PER_DAY));
        let (low, high, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let span = high - low;
        let weeks = span.saturating_sub(MAX_WALK_DAYS).max(0) / 7;
        let per_week = self.weekdays.iter().filter(|d| !**d).count() as i64;
        let mut count = weeks * per_week;
        for day in (low + 1 + weeks * 7)..=high {
            count += i64::from(self.is_working(day));
        }
        sign * count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateTime {
        DateTime::from_date(Date::new(y, m, d).unwrap_or_else(|| unreachable!()))
    }

    #[test]
    fn weekends_and_listed_dates_are_not_counted() {
        let timeline = Timeline {
            excludes: vec!["weekends".into(), "2026-03-04".into()],
            includes: vec![],
            ..Default::default()
        };
        let calendar = WorkingDays::of(&timeline);
        // Friday 27 Feb → Friday 6 Mar: Mon 2, Tue 3, Thu 5, Fri 6 (Wed 4 excluded).
        assert_eq!(calendar.between(day(2026, 2, 27), day(2026, 3, 6)), 4);
        assert_eq!(calendar.between(day(2026, 3, 6), day(2026, 2, 27)), -4);
    }
}
