//! `excludes`/`includes`: which days are excluded (`isInvalidDate`) and Mermaid 12.3's end
//! shift (`checkTaskDates`/`fixTaskDates`), which walks the days `(start, end]` and pushes
//! the end one day later for every excluded day, throwing after 10,000 extra days.
//!
//! The shift is computed without walking day by day whenever the exclusion rule is a
//! weekday pattern plus a finite set of dates (the usual case: `weekends` and holidays in
//! a format that contains the full date); then the work is logarithmic in the span. Only
//! formats that repeat (no year, e.g. `DD-MM`) need the literal day walk, under a budget.

use super::dayjs::{self, Now, Parsed};
use super::jsdate::{self, MS_PER_DAY};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

/// Work allowed per chart for the literal day walk (one day costs 8 units plus the
/// length of the `dateFormat`): under a tenth of a second at worst (the fuzzer found a
/// chart that walked for a second with 40 times this), and still room for a couple of
/// hundred task-years in a format without a year.
const WALK_BUDGET: u64 = 1_000_000;
/// Mermaid's limit on extra days.
pub const MAX_EXTRA_DAYS: i64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftError {
    /// More than 10,000 excluded days: Mermaid throws.
    Exhausted,
    /// `format()` throws for this `dateFormat` (Mermaid crashes).
    FormatThrows,
    /// The literal day walk would exceed boardpack's budget.
    TooLong,
}

pub struct Calendar {
    pub excludes: Vec<String>,
    fmt: String,
    ex: HashSet<String>,
    inc: HashSet<String>,
    /// Excluded by weekday, index ISO weekday - 1.
    mask: [bool; 7],
    fast: bool,
    fmt_throws: bool,
    now: Now,
    /// Sorted (day, delta) adjustments over the weekday mask, and prefix sums, per time of day.
    adjust: std::cell::RefCell<HashMap<i64, std::rc::Rc<Adjust>>>,
    budget: Cell<u64>,
}

struct Adjust {
    days: Vec<i64>,
    /// prefix[i] = sum of deltas of days[..i]
    prefix: Vec<i64>,
    deltas: Vec<i64>,
}

impl Adjust {
    /// Sum of deltas for days in `(a, b]`.
    fn sum(&self, a: i64, b: i64) -> i64 {
        let lo = self.days.partition_point(|&d| d <= a);
        let hi = self.days.partition_point(|&d| d <= b);
        self.prefix[hi] - self.prefix[lo]
    }
    fn delta_at(&self, d: i64) -> i64 {
        match self.days.binary_search(&d) {
            Ok(i) => self.deltas[i],
            Err(_) => 0,
        }
    }
}

const WEEKDAY_NAMES: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Lower-cased, split on `[\s,]+`, empty items dropped, merged in first-seen order.
pub fn merge_tokens(into: &mut Vec<String>, value: &str) {
    let lower = value.to_lowercase();
    for tok in lower.split(|c: char| c == ',' || jsdate::is_js_space(c)) {
        if !tok.is_empty() && !into.iter().any(|t| t == tok) {
            into.push(tok.to_string());
        }
    }
}

/// Whether the format shows the full date (year, month and day), so that two different
/// days never format alike.
fn unique_format(fmt: &str) -> bool {
    let c: Vec<char> = fmt.chars().collect();
    let (mut y, mut m, mut d) = (false, false, false);
    let mut i = 0;
    while i < c.len() {
        if c[i] == '['
            && let Some(close) = c[i + 1..].iter().position(|&x| x == ']')
            && close > 0
        {
            i += close + 2;
            continue;
        }
        let run = c[i..].iter().take_while(|&&x| x == c[i]).count();
        match c[i] {
            'Y' if run >= 4 => y = true,
            'M' => m = true,
            'D' => d = true,
            'X' | 'x' => {
                y = true;
                m = true;
                d = true;
            }
            _ => {}
        }
        i += run;
    }
    y && m && d
}

impl Calendar {
    pub fn new(
        fmt: &str,
        excludes: Vec<String>,
        includes: Vec<String>,
        weekend_friday: bool,
        now: Now,
    ) -> Self {
        let mut mask = [false; 7];
        if excludes.iter().any(|t| t == "weekends") {
            let first = if weekend_friday { 5 } else { 6 };
            mask[first - 1] = true;
            mask[first] = true;
        }
        for (i, name) in WEEKDAY_NAMES.iter().enumerate() {
            if excludes.iter().any(|t| t == name) {
                mask[i] = true;
            }
        }
        let fmt = fmt.to_string();
        let fmt_throws = dayjs::format(0, &fmt).is_err();
        let fast = fmt.is_empty() || unique_format(&fmt);
        Calendar {
            ex: excludes.iter().cloned().collect(),
            inc: includes.iter().cloned().collect(),
            excludes,
            fmt,
            mask,
            fast,
            fmt_throws,
            now,
            adjust: Default::default(),
            budget: Cell::new(WALK_BUDGET),
        }
    }

    pub fn active(&self) -> bool {
        !self.excludes.is_empty()
    }

    fn masked(&self, day: i64) -> bool {
        self.mask[jsdate::iso_weekday_of_day(day) as usize - 1]
    }

    /// The days a token can match by formatting (with the given time of day).
    fn token_days(&self, tok: &str, tod: i64, out: &mut Vec<i64>) {
        if dayjs::is_strict_ymd(tok)
            && let Parsed::Valid(ms) = dayjs::parse_strict(tok, "YYYY-MM-DD", self.now)
        {
            out.push(jsdate::day_number(ms));
        }
        if !self.fmt.is_empty()
            && let Parsed::Valid(ms) = dayjs::parse_strict(tok, &self.fmt, self.now)
        {
            let day = jsdate::day_number(ms);
            if dayjs::format(day * MS_PER_DAY + tod, &self.fmt).ok().as_deref() == Some(tok) {
                out.push(day);
            }
        }
    }

    fn adjust_for(&self, tod: i64) -> std::rc::Rc<Adjust> {
        if let Some(a) = self.adjust.borrow().get(&tod) {
            return a.clone();
        }
        let mut inc_days = Vec::new();
        for t in &self.inc {
            self.token_days(t, tod, &mut inc_days);
        }
        let mut ex_days = Vec::new();
        for t in &self.ex {
            self.token_days(t, tod, &mut ex_days);
        }
        let inc: HashSet<i64> = inc_days.iter().copied().collect();
        let mut map: HashMap<i64, i64> = HashMap::new();
        for &d in &inc {
            if self.masked(d) {
                map.insert(d, 1);
            }
        }
        for &d in &ex_days {
            if !inc.contains(&d) && !self.masked(d) {
                map.insert(d, -1);
            }
        }
        let mut pairs: Vec<(i64, i64)> = map.into_iter().collect();
        pairs.sort_unstable();
        let mut prefix = vec![0];
        for (_, delta) in &pairs {
            let last = prefix.last().copied().unwrap_or(0);
            prefix.push(last + delta);
        }
        let a = std::rc::Rc::new(Adjust {
            days: pairs.iter().map(|p| p.0).collect(),
            deltas: pairs.iter().map(|p| p.1).collect(),
            prefix,
        });
        self.adjust.borrow_mut().insert(tod, a.clone());
        a
    }

    /// `isInvalidDate` for the instant `ms`.
    pub fn is_excluded(&self, ms: i64) -> Result<bool, ShiftError> {
        let day = jsdate::day_number(ms);
        if self.fast {
            if self.fmt_throws {
                return Err(ShiftError::FormatThrows);
            }
            let adj = self.adjust_for(ms.rem_euclid(MS_PER_DAY));
            let delta = adj.delta_at(day);
            let masked = self.masked(day);
            return Ok(match delta {
                1 => false,
                -1 => true,
                _ => masked && !self.included_fast(day, &adj),
            });
        }
        let f = dayjs::format(ms, &self.fmt).map_err(|_| ShiftError::FormatThrows)?;
        let d = dayjs::format(ms, "YYYY-MM-DD").map_err(|_| ShiftError::FormatThrows)?;
        if self.inc.contains(&f) || self.inc.contains(&d) {
            return Ok(false);
        }
        if self.masked(day) {
            return Ok(true);
        }
        Ok(self.ex.contains(&f) || self.ex.contains(&d))
    }

    fn included_fast(&self, _day: i64, _adj: &Adjust) -> bool {
        // An included masked day has delta +1 and is handled by the caller.
        false
    }

    /// Working (not excluded) days among `(s, s + n]` (fast mode).
    fn working(&self, s: i64, n: i64, adj: &Adjust) -> i64 {
        let free: i64 = self.mask.iter().filter(|&&m| !m).count() as i64;
        let weeks = n.div_euclid(7);
        let mut count = weeks * free;
        for k in (weeks * 7 + 1)..=n {
            if !self.masked(s + k) {
                count += 1;
            }
        }
        count + adj.sum(s, s + n)
    }

    /// The smallest `k` in `[lo, hi]` with `working(s, k) >= target`, if any.
    fn first_reaching(&self, s: i64, target: i64, lo: i64, hi: i64, adj: &Adjust) -> Option<i64> {
        if self.working(s, hi, adj) < target {
            return None;
        }
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.working(s, mid, adj) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(lo)
    }

    /// `checkTaskDates`: the shifted end and the render end (`None` = null).
    pub fn shift(&self, start: i64, end: i64) -> Result<(i64, Option<i64>), ShiftError> {
        let n = (end - start).div_euclid(MS_PER_DAY);
        if n < 1 {
            return Ok((end, None));
        }
        if self.fast {
            if self.fmt_throws {
                return Err(ShiftError::FormatThrows);
            }
            let s = jsdate::day_number(start);
            let adj = self.adjust_for(start.rem_euclid(MS_PER_DAY));
            let k = self.first_reaching(s, n, n, n + MAX_EXTRA_DAYS, &adj).ok_or(ShiftError::Exhausted)?;
            let new_end = end + (k - n) * MS_PER_DAY;
            let render = if n == 1 {
                end
            } else {
                let k2 = self.first_reaching(s, n - 1, n - 1, k, &adj).unwrap_or(k);
                end + (k2 - (n - 1)) * MS_PER_DAY
            };
            return Ok((new_end, Some(render)));
        }
        // Literal walk.
        let limit = end + MAX_EXTRA_DAYS * MS_PER_DAY;
        let mut d = start + MS_PER_DAY;
        let mut e = end;
        let mut prev = false;
        let mut render = None;
        while d <= e {
            let cost = 8 + self.fmt.len() as u64;
            let left = self.budget.get();
            if left < cost {
                return Err(ShiftError::TooLong);
            }
            self.budget.set(left - cost);
            if !prev {
                render = Some(e);
            }
            prev = self.is_excluded(d)?;
            if prev {
                e += MS_PER_DAY;
                if e > limit {
                    return Err(ShiftError::Exhausted);
                }
            }
            d += MS_PER_DAY;
        }
        Ok((e, render))
    }

    /// Tokens of `excludes` that can never match a day.
    pub fn dead_tokens(&self, list: &[String], is_excludes: bool) -> Vec<String> {
        list.iter()
            .filter(|t| {
                if is_excludes && (*t == "weekends" || WEEKDAY_NAMES.contains(&t.as_str())) {
                    return false;
                }
                if dayjs::is_strict_ymd(t) {
                    return false;
                }
                !matches!(dayjs::parse_strict(t, &self.fmt, self.now), Parsed::Valid(_))
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Now = Now { year: 2025, month0: 5, day: 18 };

    fn d(s: &str) -> i64 {
        match dayjs::parse_strict(s, "YYYY-MM-DD", NOW) {
            Parsed::Valid(ms) => ms,
            _ => i64::MIN,
        }
    }

    fn cal(fmt: &str, ex: &str, inc: &str, friday: bool) -> Calendar {
        let mut e = Vec::new();
        merge_tokens(&mut e, ex);
        let mut i = Vec::new();
        merge_tokens(&mut i, inc);
        Calendar::new(fmt, e, i, friday, NOW)
    }

    fn show(r: Result<(i64, Option<i64>), ShiftError>) -> String {
        match r {
            Ok((e, r)) => format!(
                "{} {}",
                super::super::dates::show(e),
                r.map_or("null".into(), super::super::dates::show)
            ),
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn weekends() {
        let c = cal("YYYY-MM-DD", "weekends", "", false);
        assert_eq!(show(c.shift(d("2025-01-06"), d("2025-01-11"))), "2025-01-13 2025-01-11");
        assert_eq!(show(c.shift(d("2025-01-10"), d("2025-01-11"))), "2025-01-13 2025-01-11");
        assert_eq!(show(c.shift(d("2025-01-11"), d("2025-01-12"))), "2025-01-13 2025-01-12");
        assert_eq!(show(c.shift(d("2025-01-12"), d("2025-01-15"))), "2025-01-15 2025-01-15");
        assert_eq!(show(c.shift(d("2025-01-11"), d("2025-01-11"))), "2025-01-11 null");
        assert_eq!(show(c.shift(d("2025-01-06"), d("2025-01-16"))), "2025-01-20 2025-01-18");
        let f = cal("YYYY-MM-DD", "weekends", "", true);
        assert_eq!(show(f.shift(d("2025-01-05"), d("2025-01-10"))), "2025-01-12 2025-01-10");
        let all = cal("YYYY-MM-DD", "weekends monday tuesday wednesday thursday friday", "", false);
        assert_eq!(show(all.shift(d("2025-01-05"), d("2025-01-10"))), "Exhausted");
    }

    #[test]
    fn fast_matches_walk() {
        // The same rules in a repeating format force the literal walk; compare.
        let holidays = "weekends, 2025-04-18, 2025-04-21, 2025-12-24, 2025-12-25, 2026-01-01";
        let fast = cal("YYYY-MM-DD", holidays, "2025-04-19, 2025-06-07", false);
        let slow = cal("MM-DD", holidays, "2025-04-19, 2025-06-07", false);
        assert!(fast.fast && !slow.fast);
        let mut s = d("2025-03-27");
        for k in 0..60 {
            for len in [0, 1, 2, 5, 9, 30, 200] {
                let e = s + len * MS_PER_DAY;
                assert_eq!(show(fast.shift(s, e)), show(slow.shift(s, e)), "start +{k} len {len}");
                assert_eq!(fast.is_excluded(e), slow.is_excluded(e));
            }
            s += 3 * MS_PER_DAY;
        }
    }

    #[test]
    fn long_spans_are_cheap() {
        let c = cal("YYYY-MM-DD", "2030-01-01", "", false);
        let e = d("2025-01-01") + 3_000_000 * MS_PER_DAY;
        assert_eq!(c.shift(d("2025-01-01"), e), Ok((e + MS_PER_DAY, Some(e + MS_PER_DAY))));
        let w = cal("YYYY-MM-DD", "weekends", "", false);
        assert_eq!(w.shift(d("2025-01-01"), e), Err(ShiftError::Exhausted));
    }

    #[test]
    fn repeating_format_uses_dates() {
        let c = cal("DD-MM", "24-12", "", false);
        assert!(c.is_excluded(d("2031-12-24")).unwrap_or(false));
        assert_eq!(c.dead_tokens(&["24-12".into(), "weekdays".into()], true), vec!["weekdays".to_string()]);
    }
}
