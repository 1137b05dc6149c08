//! Start and end expressions of a task (`getStartDate`, `getEndDate`, `parseDuration`) and
//! dayjs duration arithmetic, plus explanations for dates that cannot be read.

use super::dayjs::{self, Now, Parsed};
use super::jsdate::{self, MS_PER_DAY, is_js_space};

pub fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Ms,
    S,
    Min,
    H,
    D,
    W,
    Mon,
    Y,
}

/// `^(\d+(?:\.\d+)?)([Mdhmswy]|ms)$` on the trimmed text.
pub fn parse_duration(s: &str) -> Option<(f64, Unit)> {
    let s = js_trim(s);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    let unit = match &s[i..] {
        "ms" => Unit::Ms,
        "s" => Unit::S,
        "m" => Unit::Min,
        "h" => Unit::H,
        "d" => Unit::D,
        "w" => Unit::W,
        "M" => Unit::Mon,
        "y" => Unit::Y,
        _ => return None,
    };
    let v: f64 = s[..i].parse().ok()?;
    Some((v, unit))
}

fn days_in_month(year: i64, month1: i64) -> i64 {
    match month1 {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// dayjs `add(v, unit)`; `None` when the result is an Invalid Date (Mermaid then keeps
/// the start, a zero-length task).
pub fn add_duration(start: i64, v: f64, unit: Unit) -> Option<i64> {
    let step = match unit {
        Unit::Ms => 1.0,
        Unit::S => 1000.0,
        Unit::Min => 60_000.0,
        Unit::H => 3_600_000.0,
        Unit::D | Unit::W => {
            let days = if unit == Unit::D { v.round() } else { (7.0 * v).round() };
            return jsdate::time_clip(start as f64 + days * MS_PER_DAY as f64);
        }
        Unit::Mon | Unit::Y => {
            let f = jsdate::fields(start);
            let tod = start.rem_euclid(MS_PER_DAY) as f64;
            let (year, month0) = if unit == Unit::Mon {
                (f.year as f64, f.month as f64 - 1.0 + v)
            } else {
                (f.year as f64 + v, f.month as f64 - 1.0)
            };
            let first = jsdate::make_day(year, month0, 1.0)?;
            let ff = jsdate::fields((first as i64).checked_mul(MS_PER_DAY)?);
            let day = (f.day as i64).min(days_in_month(ff.year, ff.month as i64));
            let dayn = first + (day - 1) as f64;
            return jsdate::time_clip(dayn * MS_PER_DAY as f64 + tod);
        }
    };
    jsdate::time_clip(start as f64 + v * step)
}

/// How a start date was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Strict,
    /// `dateFormat x|X` and all digits: `new Date(Number(text))` (milliseconds).
    Timestamp,
    /// Not matching the format: the JS engine's `Date` parser.
    Fallback,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StartExpr {
    Date(i64, How),
    /// `after id …`; `rest` is what follows the ids Mermaid reads.
    After {
        ids: Vec<String>,
        rest: String,
    },
    /// Mermaid throws `Invalid date:…`.
    Invalid,
    /// A date outside what JavaScript (or boardpack) can represent.
    OutOfRange,
    /// dayjs throws on this `dateFormat`.
    Throws,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EndExpr {
    Until {
        ids: Vec<String>,
        rest: String,
    },
    Date(i64),
    Duration(f64, Unit),
    /// Neither a date nor a duration: zero length.
    Invalid,
    Throws,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ' '
}

/// `^kw\s+([\d\w- ]+)`: the ids and the unread rest.
fn id_list(s: &str, kw: &str) -> Option<(Vec<String>, String)> {
    let rest = s.strip_prefix(kw)?;
    let ws_end = rest.char_indices().find(|&(_, c)| !is_js_space(c)).map_or(rest.len(), |(i, _)| i);
    if ws_end == 0 {
        return None;
    }
    let cap_start = if rest[ws_end..].chars().next().is_some_and(is_id_char) {
        ws_end
    } else {
        // Backtrack: give a trailing ASCII space of the whitespace run to the capture.
        let ws = &rest[..ws_end];
        let mut found = None;
        for (i, c) in ws.char_indices().rev() {
            if i == 0 {
                break;
            }
            if c == ' ' {
                found = Some(i);
                break;
            }
        }
        found?
    };
    let cap_len = rest[cap_start..]
        .char_indices()
        .find(|&(_, c)| !is_id_char(c))
        .map_or(rest.len() - cap_start, |(i, _)| i);
    let cap = &rest[cap_start..cap_start + cap_len];
    let ids = cap.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect();
    Some((ids, rest[cap_start + cap_len..].to_string()))
}

/// `getStartDate` for an expression (not the previous-task case).
pub fn start_expr(text: &str, fmt: &str, now: Now) -> StartExpr {
    let s = js_trim(text);
    let fmt = js_trim(fmt);
    if (fmt == "x" || fmt == "X") && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: f64 = s.parse().unwrap_or(f64::INFINITY);
        return match jsdate::from_number(n) {
            Some(ms) => StartExpr::Date(ms, How::Timestamp),
            None => StartExpr::OutOfRange,
        };
    }
    if let Some((ids, rest)) = id_list(s, "after") {
        return StartExpr::After { ids, rest };
    }
    match dayjs::parse_strict(s, fmt, now) {
        Parsed::Valid(ms) => StartExpr::Date(ms, How::Strict),
        Parsed::Throws => StartExpr::Throws,
        Parsed::Invalid => match jsdate::v8_parse(s) {
            Some(ms) if jsdate::mermaid_year_ok(ms) => StartExpr::Date(ms, How::Fallback),
            _ => StartExpr::Invalid,
        },
    }
}

/// `getEndDate` classification (the arithmetic needs the start).
pub fn end_expr(text: &str, fmt: &str, inclusive: bool, now: Now) -> EndExpr {
    let s = js_trim(text);
    let fmt = js_trim(fmt);
    if let Some((ids, rest)) = id_list(s, "until") {
        return EndExpr::Until { ids, rest };
    }
    match dayjs::parse_strict(s, fmt, now) {
        Parsed::Valid(ms) => {
            if inclusive {
                match dayjs::add_days(ms, 1) {
                    Some(ms) => EndExpr::Date(ms),
                    None => EndExpr::Invalid,
                }
            } else {
                EndExpr::Date(ms)
            }
        }
        Parsed::Throws => EndExpr::Throws,
        Parsed::Invalid => match parse_duration(s) {
            Some((v, u)) => EndExpr::Duration(v, u),
            None => EndExpr::Invalid,
        },
    }
}

#[derive(Clone, Copy, Debug)]
enum Field {
    Year4,
    Year2,
    Month(bool),
    Day(bool),
    Hour(bool),
    Minute(bool),
    Second(bool),
}

/// Splits a purely numeric format into fields and literal characters.
fn numeric_layout(fmt: &str) -> Option<Vec<Result<Field, char>>> {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let run = |i: usize, ch: char| c[i..].iter().take_while(|&&x| x == ch).count();
    while i < c.len() {
        let n = run(i, c[i]);
        let f = match (c[i], n) {
            ('Y', 4) => Field::Year4,
            ('Y', 2) => Field::Year2,
            ('M', 1 | 2) => Field::Month(n == 2),
            ('D', 1 | 2) => Field::Day(n == 2),
            ('H' | 'h', 1 | 2) => Field::Hour(n == 2),
            ('m', 1 | 2) => Field::Minute(n == 2),
            ('s', 1 | 2) => Field::Second(n == 2),
            (ch, _) if ch.is_ascii_alphabetic() || ch == '[' => return None,
            (ch, _) => {
                out.push(Err(ch));
                i += 1;
                continue;
            }
        };
        out.push(Ok(f));
        i += n;
    }
    Some(out)
}

/// Explains why `text` is not a date in `fmt`: `(problem, suggestion)`.
pub fn explain_invalid(text: &str, fmt: &str) -> (String, Option<String>) {
    let text = js_trim(text);
    let fmt = js_trim(fmt);
    if let Some(ms) = jsdate::v8_parse(text) {
        let y = jsdate::fields(ms).year;
        if !(-10_000..=10_000).contains(&y) {
            return (format!("year {y} is outside the years Mermaid accepts (-10000 to 10000)"), None);
        }
    }
    if fmt.is_empty() {
        return (format!("`{text}` is not a date (the chart has no `dateFormat`)"), None);
    }
    let Some(layout) = numeric_layout(fmt) else {
        return (format!("`{text}` does not match the date format `{fmt}`"), None);
    };
    let t: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut values: Vec<(Field, i64, usize)> = Vec::new();
    let mut unpadded = false;
    for piece in &layout {
        match piece {
            Err(ch) => {
                if t.get(i) != Some(ch) {
                    return (format!("`{text}` does not match the date format `{fmt}`"), None);
                }
                i += 1;
            }
            Ok(f) => {
                let (min, max) = match f {
                    Field::Year4 => (4, 4),
                    Field::Year2 => (2, 2),
                    Field::Month(true)
                    | Field::Day(true)
                    | Field::Hour(true)
                    | Field::Minute(true)
                    | Field::Second(true) => (1, 2),
                    _ => (1, 2),
                };
                let digits = t[i.min(t.len())..].iter().take(max).take_while(|c| c.is_ascii_digit()).count();
                if digits < min {
                    return (format!("`{text}` does not match the date format `{fmt}`"), None);
                }
                let padded = matches!(
                    f,
                    Field::Month(true)
                        | Field::Day(true)
                        | Field::Hour(true)
                        | Field::Minute(true)
                        | Field::Second(true)
                );
                if padded && digits == 1 {
                    unpadded = true;
                }
                let v: i64 = t[i..i + digits].iter().collect::<String>().parse().unwrap_or(0);
                values.push((*f, v, digits));
                i += digits;
            }
        }
    }
    if i != t.len() {
        return (format!("`{text}` does not match the date format `{fmt}`"), None);
    }
    let year = values.iter().find_map(|(f, v, _)| match f {
        Field::Year4 => Some(*v),
        Field::Year2 => Some(if *v > 68 { 1900 + v } else { 2000 + v }),
        _ => None,
    });
    let month = values.iter().find_map(|(f, v, _)| matches!(f, Field::Month(_)).then_some(*v));
    let mut problems = Vec::new();
    let mut fixed: Vec<i64> = Vec::new();
    for (f, v, _) in &values {
        let (lo, hi, what) = match f {
            Field::Month(_) => (1, 12, "month"),
            Field::Day(_) => {
                let dim = match (year, month) {
                    (Some(y), Some(m)) if (1..=12).contains(&m) => days_in_month(y, m),
                    _ => 31,
                };
                (1, dim, "day")
            }
            Field::Hour(_) => (0, 23, "hour"),
            Field::Minute(_) => (0, 59, "minute"),
            Field::Second(_) => (0, 59, "second"),
            _ => (i64::MIN, i64::MAX, ""),
        };
        if *v < lo || *v > hi {
            let written: String = format!("{v:02}");
            if what == "day" && *v >= 1 && *v <= 31 {
                let mname = month
                    .and_then(|m| crate::date::MONTH_NAMES.get((m - 1).max(0) as usize).copied())
                    .unwrap_or("that month");
                problems.push(format!(
                    "day {written} does not exist in {mname} {} (it has {hi} days)",
                    year.unwrap_or(0)
                ));
            } else {
                problems.push(format!("{what} {written} is not between {lo:02} and {hi:02}"));
            }
            fixed.push(v.clamp(&lo, &hi).to_owned());
        } else {
            fixed.push(*v);
        }
    }
    // Re-render the suggestion with the same layout.
    let render = |vals: &[i64]| -> String {
        let mut out = String::new();
        let mut k = 0;
        for piece in &layout {
            match piece {
                Err(ch) => out.push(*ch),
                Ok(f) => {
                    let v = vals.get(k).copied().unwrap_or(0);
                    k += 1;
                    match f {
                        Field::Year4 => out.push_str(&format!("{v:04}")),
                        Field::Year2 => out.push_str(&format!("{:02}", v.rem_euclid(100))),
                        Field::Month(true)
                        | Field::Day(true)
                        | Field::Hour(true)
                        | Field::Minute(true)
                        | Field::Second(true) => out.push_str(&format!("{v:02}")),
                        _ => out.push_str(&v.to_string()),
                    }
                }
            }
        }
        out
    };
    if !problems.is_empty() {
        // A day that only overflowed after clamping the month may still be out of range.
        let mut vals = fixed.clone();
        if let (Some(y), Some(mi)) = (year, values.iter().position(|(f, _, _)| matches!(f, Field::Month(_))))
            && let Some(di) = values.iter().position(|(f, _, _)| matches!(f, Field::Day(_)))
        {
            let dim = days_in_month(y, vals[mi]);
            vals[di] = vals[di].clamp(1, dim);
        }
        return (problems.join("; "), Some(render(&vals)));
    }
    if unpadded {
        return (
            format!("`{text}` does not match `{fmt}`: the numbers must be zero-padded"),
            Some(render(&fixed)),
        );
    }
    (format!("`{text}` does not match the date format `{fmt}`"), None)
}

/// Instant as `YYYY-MM-DD` (plus the time when not midnight), for messages.
pub fn show(ms: i64) -> String {
    let f = jsdate::fields(ms);
    let date = if (0..=9999).contains(&f.year) {
        format!("{:04}-{:02}-{:02}", f.year, f.month, f.day)
    } else {
        format!("{:+05}-{:02}-{:02}", f.year, f.month, f.day)
    };
    if ms.rem_euclid(MS_PER_DAY) == 0 {
        date
    } else if f.second == 0 && f.milli == 0 {
        format!("{date} {:02}:{:02}", f.hour, f.minute)
    } else {
        format!("{date} {:02}:{:02}:{:02}.{:03}", f.hour, f.minute, f.second, f.milli)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Now = Now { year: 2025, month0: 5, day: 18 };

    fn day(s: &str) -> i64 {
        match dayjs::parse_strict(s, "YYYY-MM-DD", NOW) {
            Parsed::Valid(ms) => ms,
            _ => i64::MIN,
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5d"), Some((5.0, Unit::D)));
        assert_eq!(parse_duration(" 1.5M "), Some((1.5, Unit::Mon)));
        assert_eq!(parse_duration("500ms"), Some((500.0, Unit::Ms)));
        for bad in ["3D", "3dX", "3 d", "-2d", "P3D", ".5d", "three days", "", "5d %% x", "1.d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        let s = day("2025-01-31");
        assert_eq!(add_duration(s, 1.0, Unit::Mon).map(show).as_deref(), Some("2025-02-28"));
        assert_eq!(add_duration(day("2024-02-29"), 1.0, Unit::Y).map(show).as_deref(), Some("2025-02-28"));
        assert_eq!(add_duration(s, 1.5, Unit::D).map(show).as_deref(), Some("2025-02-02"));
        assert_eq!(add_duration(s, 0.4, Unit::D).map(show).as_deref(), Some("2025-01-31"));
        assert_eq!(add_duration(s, 2.5, Unit::D).map(show).as_deref(), Some("2025-02-03"));
        assert_eq!(add_duration(s, 1.5, Unit::W).map(show).as_deref(), Some("2025-02-11"));
        assert_eq!(add_duration(s, 1.5, Unit::Mon).map(show).as_deref(), Some("2025-02-28"));
        assert_eq!(add_duration(s, 0.5, Unit::Y).map(show).as_deref(), Some("2025-01-31"));
        assert_eq!(add_duration(s, 1.25, Unit::H).map(show).as_deref(), Some("2025-01-31 01:15"));
        assert_eq!(add_duration(s, 1.5, Unit::Ms), Some(s + 1));
        assert_eq!(add_duration(s, 1e300, Unit::D), None);
        assert_eq!(add_duration(s, 1e300, Unit::Mon), None);
        assert_eq!(add_duration(day("2025-08-31"), 6.0, Unit::Mon).map(show).as_deref(), Some("2026-02-28"));
    }

    #[test]
    fn expressions() {
        assert_eq!(
            start_expr("after a b", "YYYY-MM-DD", NOW),
            StartExpr::After { ids: vec!["a".into(), "b".into()], rest: String::new() }
        );
        assert_eq!(
            start_expr("after opgå", "", NOW),
            StartExpr::After { ids: vec!["opg".into()], rest: "å".into() }
        );
        assert_eq!(start_expr("After b", "YYYY-MM-DD", NOW), StartExpr::Invalid);
        assert_eq!(start_expr("2025-00-01", "YYYY-MM-DD", NOW), StartExpr::Invalid);
        assert_eq!(start_expr("1735689600", "X", NOW), StartExpr::Date(1_735_689_600, How::Timestamp));
        assert_eq!(
            start_expr("Phase 2", "YYYY-MM-DD", NOW),
            StartExpr::Date(day("2001-02-01"), How::Fallback)
        );
        assert_eq!(
            end_expr("until a", "YYYY-MM-DD", false, NOW),
            EndExpr::Until { ids: vec!["a".into()], rest: String::new() }
        );
        assert_eq!(end_expr("2025-01-10", "YYYY-MM-DD", true, NOW), EndExpr::Date(day("2025-01-11")));
        assert_eq!(end_expr("", "YYYY-MM-DD", false, NOW), EndExpr::Invalid);
    }

    #[test]
    fn explanations() {
        let (msg, fix) = explain_invalid("2025-00-01", "YYYY-MM-DD");
        assert_eq!(msg, "month 00 is not between 01 and 12");
        assert_eq!(fix.as_deref(), Some("2025-01-01"));
        let (msg, fix) = explain_invalid("2025-04-31", "YYYY-MM-DD");
        assert_eq!(msg, "day 31 does not exist in April 2025 (it has 30 days)");
        assert_eq!(fix.as_deref(), Some("2025-04-30"));
        let (msg, fix) = explain_invalid("2025-3-14", "YYYY-MM-DD");
        assert!(msg.contains("zero-padded"));
        assert_eq!(fix.as_deref(), Some("2025-03-14"));
        let (msg, _) = explain_invalid("12025-01-01", "YYYY-MM-DD");
        assert!(msg.contains("year 12025"));
    }
}
