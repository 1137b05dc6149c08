//! dayjs 1.11 as Mermaid loads it (core + `customParseFormat`, `advancedFormat`, `isoWeek`,
//! English locale): strict parsing `dayjs(text, format, true)` and `format()`. The parser
//! is reproduced literally, quirks included (unanchored token regexes, `input.replace`),
//! because strictness comes only from the final "format it back and compare" check.

use super::jsdate::{self, Fields, MS_PER_DAY, is_js_space};
use crate::date::MONTH_NAMES;

/// The clock's date as dayjs sees it (`new Date()`), for formats without date parts.
#[derive(Clone, Copy, Debug)]
pub struct Now {
    pub year: i64,
    /// 0-based month.
    pub month0: i64,
    pub day: i64,
}

impl Now {
    pub fn from_date(date: crate::date::Date) -> Self {
        Self { year: date.year() as i64, month0: date.month() as i64 - 1, day: date.day() as i64 }
    }
}

/// Outcome of `dayjs(text, format, true)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsed {
    Valid(i64),
    Invalid,
    /// dayjs throws a TypeError (a format token needing a plugin Mermaid does not load).
    Throws,
}

/// `format()` threw (tokens `w`, `wo`, `ww`, `gggg`, `z`, `zzz`: plugins not loaded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Throws;

const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

pub fn weekday_name(weekday: u32) -> &'static str {
    WEEKDAYS.get(weekday as usize).copied().unwrap_or("Sunday")
}

pub fn ordinal_suffix(n: i64) -> &'static str {
    let v = n.rem_euclid(100);
    let s = ["th", "st", "nd", "rd"];
    if v >= 20 {
        let i = ((v - 20) % 10) as usize;
        if i < 4 {
            return s[i];
        }
    } else if v == 10 || v == 0 {
        return "th";
    } else if v < 4 {
        return s[v as usize];
    }
    "th"
}

fn pad_start(s: String, len: usize) -> String {
    let n = s.chars().count();
    if s.is_empty() || n >= len {
        return s;
    }
    let mut out = "0".repeat(len - n);
    out.push_str(&s);
    out
}

fn iso_weekday(f: &Fields) -> i64 {
    if f.weekday == 0 { 7 } else { f.weekday as i64 }
}

fn iso_week_and_year(ms: i64) -> (i64, i64) {
    let f = jsdate::fields(ms);
    let day = jsdate::day_number(ms);
    let thursday = day + (4 - iso_weekday(&f));
    let (y, _, _) = crate::date::civil_from_days(thursday);
    let jan1 = crate::date::days_from_civil(y, 1, 1);
    let jan1_wd = jsdate::iso_weekday_of_day(jan1) as i64;
    let mut first_thursday = jan1 + 4 - jan1_wd;
    if jan1_wd > 4 {
        first_thursday += 7;
    }
    ((thursday - first_thursday).div_euclid(7) + 1, y)
}

/// Length in chars of a `\[([^\]]+)]` match at `i`, if any.
fn bracket_at(c: &[char], i: usize) -> Option<usize> {
    if c.get(i) != Some(&'[') || c.get(i + 1).is_none_or(|&x| x == ']') {
        return None;
    }
    let close = c[i + 1..].iter().position(|&x| x == ']')?;
    Some(close + 2)
}

fn starts_with(c: &[char], i: usize, lit: &str) -> bool {
    lit.chars().enumerate().all(|(k, ch)| c.get(i + k) == Some(&ch))
}

fn run_of(c: &[char], i: usize, ch: char, max: usize) -> usize {
    let mut n = 0;
    while n < max && c.get(i + n) == Some(&ch) {
        n += 1;
    }
    n
}

/// dayjs `format(fmt)` of a valid instant (advancedFormat, then core).
pub fn format(ms: i64, fmt: &str) -> Result<String, Throws> {
    let fmt = if fmt.is_empty() { "YYYY-MM-DDTHH:mm:ssZ" } else { fmt };
    let f = jsdate::fields(ms);
    // advancedFormat
    let c: Vec<char> = fmt.chars().collect();
    let mut adv = String::with_capacity(fmt.len() + 8);
    let mut i = 0;
    while i < c.len() {
        if let Some(n) = bracket_at(&c, i) {
            adv.extend(&c[i..i + n]);
            i += n;
            continue;
        }
        let lits = ["Q", "wo", "ww", "w", "WW", "W", "zzz", "z", "gggg", "GGGG", "Do", "X", "x"];
        if let Some(lit) = lits.iter().find(|l| starts_with(&c, i, l)) {
            match *lit {
                "Q" => adv.push_str(&(f.month.div_ceil(3)).to_string()),
                "Do" => adv.push_str(&format!("[{}{}]", f.day, ordinal_suffix(f.day as i64))),
                "GGGG" => adv.push_str(&iso_week_and_year(ms).1.to_string()),
                "W" => adv.push_str(&pad_start(iso_week_and_year(ms).0.to_string(), 1)),
                "WW" => adv.push_str(&pad_start(iso_week_and_year(ms).0.to_string(), 2)),
                "X" => adv.push_str(&ms.div_euclid(1000).to_string()),
                "x" => adv.push_str(&ms.to_string()),
                _ => return Err(Throws),
            }
            i += lit.chars().count();
            continue;
        }
        if c[i] == 'k' {
            let n = run_of(&c, i, 'k', 2);
            let h = if f.hour == 0 { 24 } else { f.hour };
            adv.push_str(&pad_start(h.to_string(), n));
            i += n;
            continue;
        }
        adv.push(c[i]);
        i += 1;
    }
    // core
    let c: Vec<char> = adv.chars().collect();
    let mut out = String::with_capacity(adv.len() + 8);
    let mut i = 0;
    while i < c.len() {
        if let Some(n) = bracket_at(&c, i) {
            out.extend(&c[i + 1..i + n - 1]);
            i += n;
            continue;
        }
        let ch = c[i];
        let (piece, n): (String, usize) = match ch {
            'Y' if starts_with(&c, i, "YYYY") => (pad_start(f.year.to_string(), 4), 4),
            'Y' if starts_with(&c, i, "YY") => {
                let s = f.year.to_string();
                let chars: Vec<char> = s.chars().collect();
                let from = chars.len().saturating_sub(2);
                (chars[from..].iter().collect(), 2)
            }
            'M' => {
                let n = run_of(&c, i, 'M', 4);
                let m = f.month as usize;
                let name = MONTH_NAMES.get(m.wrapping_sub(1)).copied().unwrap_or("");
                let piece = match n {
                    1 => m.to_string(),
                    2 => pad_start(m.to_string(), 2),
                    3 => name.chars().take(3).collect(),
                    _ => name.to_string(),
                };
                (piece, n)
            }
            'D' => {
                let n = run_of(&c, i, 'D', 2);
                (pad_start(f.day.to_string(), n), n)
            }
            'd' => {
                let n = run_of(&c, i, 'd', 4);
                let name = weekday_name(f.weekday);
                let piece = match n {
                    1 => f.weekday.to_string(),
                    2 => name.chars().take(2).collect(),
                    3 => name.chars().take(3).collect(),
                    _ => name.to_string(),
                };
                (piece, n)
            }
            'H' => {
                let n = run_of(&c, i, 'H', 2);
                (pad_start(f.hour.to_string(), n), n)
            }
            'h' => {
                let n = run_of(&c, i, 'h', 2);
                let h = if f.hour.is_multiple_of(12) { 12 } else { f.hour % 12 };
                (pad_start(h.to_string(), n), n)
            }
            'a' => ((if f.hour < 12 { "am" } else { "pm" }).to_string(), 1),
            'A' => ((if f.hour < 12 { "AM" } else { "PM" }).to_string(), 1),
            'm' => {
                let n = run_of(&c, i, 'm', 2);
                (pad_start(f.minute.to_string(), n), n)
            }
            's' => {
                let n = run_of(&c, i, 's', 2);
                (pad_start(f.second.to_string(), n), n)
            }
            'Z' => {
                let n = run_of(&c, i, 'Z', 2);
                ((if n == 1 { "+00:00" } else { "+0000" }).to_string(), n)
            }
            'S' if starts_with(&c, i, "SSS") => (pad_start(f.milli.to_string(), 3), 3),
            _ => (ch.to_string(), 1),
        };
        out.push_str(&piece);
        i += n;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// customParseFormat

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PTok {
    A,
    LowerA,
    Q,
    S1,
    S2,
    S3,
    Sec,
    Min,
    Hour,
    Day1,
    Day2,
    Do,
    Week1,
    Week2,
    Mon1,
    Mon2,
    Mon3,
    Mon4,
    Y1,
    Y2,
    Y4,
    Zone,
}

#[derive(Clone, Debug)]
enum Piece {
    Lit(usize),
    Tok(PTok),
}

fn is_sep(c: char) -> bool {
    matches!(c, '-' | '_' | ':' | '/' | '.' | ',' | '(' | ')') || is_js_space(c)
}

/// `format.match(formattingTokens)` turned into parser pieces; `None` when nothing matches.
fn tokenize(fmt: &[char]) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c == '[' {
            // \[[^[]*\] : longest run without '[' that ends with ']'.
            let stop = fmt[i + 1..].iter().position(|&x| x == '[').map_or(fmt.len(), |p| i + 1 + p);
            if let Some(close) = fmt[i + 1..stop].iter().rposition(|&x| x == ']') {
                let end = i + 1 + close + 1;
                let mut s: String = fmt[i..end].iter().collect();
                s = s.strip_prefix('[').unwrap_or(&s).to_string();
                s = s.strip_suffix(']').unwrap_or(&s).to_string();
                out.push(Piece::Lit(s.encode_utf16().count()));
                i = end;
                continue;
            }
        }
        if is_sep(c) {
            let mut j = i;
            let mut units = 0;
            while j < fmt.len() && is_sep(fmt[j]) {
                units += fmt[j].len_utf16();
                j += 1;
            }
            out.push(Piece::Lit(units));
            i = j;
            continue;
        }
        let (tok, n) = match c {
            'A' => (Some(PTok::A), 1),
            'a' => (Some(PTok::LowerA), 1),
            'Q' => (Some(PTok::Q), 1),
            'Y' if starts_with(fmt, i, "YYYY") => (Some(PTok::Y4), 4),
            'Y' if starts_with(fmt, i, "YY") => (Some(PTok::Y2), 2),
            'Y' => (Some(PTok::Y1), 1),
            'w' => {
                let n = run_of(fmt, i, 'w', 2);
                (Some(if n == 1 { PTok::Week1 } else { PTok::Week2 }), n)
            }
            'M' => {
                let n = run_of(fmt, i, 'M', 4);
                (Some([PTok::Mon1, PTok::Mon2, PTok::Mon3, PTok::Mon4][n - 1]), n)
            }
            'D' if starts_with(fmt, i, "Do") => (Some(PTok::Do), 2),
            'D' => {
                let n = run_of(fmt, i, 'D', 2);
                (Some(if n == 1 { PTok::Day1 } else { PTok::Day2 }), n)
            }
            'h' | 'H' => (Some(PTok::Hour), run_of(fmt, i, c, 2)),
            'm' => (Some(PTok::Min), run_of(fmt, i, 'm', 2)),
            's' => (Some(PTok::Sec), run_of(fmt, i, 's', 2)),
            'S' => {
                let n = run_of(fmt, i, 'S', 3);
                (Some([PTok::S1, PTok::S2, PTok::S3][n - 1]), n)
            }
            'z' => {
                out.push(Piece::Lit(1));
                i += 1;
                continue;
            }
            'Z' => (Some(PTok::Zone), run_of(fmt, i, 'Z', 2)),
            _ => (None, 1),
        };
        if let Some(tok) = tok {
            out.push(Piece::Tok(tok));
        }
        i += n;
    }
    if out.is_empty() { None } else { Some(out) }
}

fn is_digit(u: u16) -> bool {
    (b'0' as u16..=b'9' as u16).contains(&u)
}

fn is_space16(u: u16) -> bool {
    char::from_u32(u as u32).is_some_and(is_js_space)
}

/// Leftmost match of `\d{min,max}` (greedy).
fn find_digits(p: &[u16], min: usize, max: usize) -> Option<(usize, usize)> {
    for i in 0..p.len() {
        let run = p[i..].iter().take(max).take_while(|&&u| is_digit(u)).count();
        if run >= min {
            return Some((i, i + run));
        }
    }
    None
}

fn find_signed(p: &[u16]) -> Option<(usize, usize)> {
    for i in 0..p.len() {
        let mut j = i;
        if (p[j] == b'+' as u16 || p[j] == b'-' as u16) && p.get(j + 1).is_some_and(|&u| is_digit(u)) {
            j += 1;
        }
        let run = p[j..].iter().take_while(|&&u| is_digit(u)).count();
        if run > 0 {
            return Some((i, j + run));
        }
    }
    None
}

fn find_offset(p: &[u16]) -> Option<(usize, usize)> {
    for i in 0..p.len() {
        let u = p[i];
        if (u == b'+' as u16 || u == b'-' as u16)
            && p.get(i + 1).is_some_and(|&u| is_digit(u))
            && p.get(i + 2).is_some_and(|&u| is_digit(u))
        {
            let mut j = i + 3;
            if p.get(j) == Some(&(b':' as u16)) {
                j += 1;
            }
            if p.get(j).is_some_and(|&u| is_digit(u)) && p.get(j + 1).is_some_and(|&u| is_digit(u)) {
                j += 2;
            }
            return Some((i, j));
        }
        if u == b'Z' as u16 {
            return Some((i, i + 1));
        }
    }
    None
}

fn is_word_unit(u: u16) -> bool {
    !(is_digit(u)
        || is_space16(u)
        || [b'-', b'_', b':', b'/', b',', b'(', b')'].iter().any(|&b| u == b as u16))
}

/// Leftmost match of `\d*[^-_:/,()\s\d]+`.
fn find_word(p: &[u16]) -> Option<(usize, usize)> {
    for i in 0..p.len() {
        let digits = p[i..].iter().take_while(|&&u| is_digit(u)).count();
        let j = i + digits;
        let word = p[j..].iter().take_while(|&&u| is_word_unit(u)).count();
        if word > 0 {
            return Some((i, j + word));
        }
    }
    None
}

#[derive(Default)]
struct Acc {
    year: Option<f64>,
    month: Option<f64>,
    /// (value, truthy): `Do` stores a string, which is truthy even when it reads "0".
    day: Option<(f64, bool)>,
    hours: Option<f64>,
    minutes: Option<f64>,
    seconds: Option<f64>,
    millis: Option<f64>,
    zone: Option<f64>,
    week: Option<f64>,
    afternoon: Option<bool>,
}

fn num(v: &[u16]) -> f64 {
    String::from_utf16_lossy(v).parse::<f64>().unwrap_or(f64::NAN)
}

fn truthy(v: Option<f64>) -> Option<f64> {
    v.filter(|x| *x != 0.0 && !x.is_nan())
}

fn replace_first(input: &mut Vec<u16>, value: &[u16]) {
    if value.is_empty() {
        return;
    }
    if let Some(p) = input.windows(value.len()).position(|w| w == value) {
        input.drain(p..p + value.len());
    }
}

fn run_parser(pieces: &[Piece], input: &str) -> Option<Acc> {
    let mut input: Vec<u16> = input.encode_utf16().collect();
    let mut acc = Acc::default();
    let mut start = 0usize;
    for piece in pieces {
        let tok = match piece {
            Piece::Lit(n) => {
                start += n;
                continue;
            }
            Piece::Tok(t) => *t,
        };
        let part = input.get(start..).unwrap_or(&[]);
        let m = match tok {
            PTok::A | PTok::LowerA | PTok::Do | PTok::Mon3 | PTok::Mon4 => find_word(part),
            PTok::Q | PTok::S1 => find_digits(part, 1, 1),
            PTok::S2 | PTok::Day2 | PTok::Week2 | PTok::Mon2 | PTok::Y2 => find_digits(part, 2, 2),
            PTok::S3 => find_digits(part, 3, 3),
            PTok::Y4 => find_digits(part, 4, 4),
            PTok::Sec | PTok::Min | PTok::Hour | PTok::Day1 | PTok::Week1 | PTok::Mon1 => {
                find_digits(part, 1, 2)
            }
            PTok::Y1 => find_signed(part),
            PTok::Zone => find_offset(part),
        };
        let (a, b) = m?;
        let value: Vec<u16> = part[a..b].to_vec();
        let text = String::from_utf16_lossy(&value);
        match tok {
            PTok::A => acc.afternoon = Some(text == "PM"),
            PTok::LowerA => acc.afternoon = Some(text == "pm"),
            PTok::Q => acc.month = Some((num(&value) - 1.0) * 3.0 + 1.0),
            PTok::S1 => acc.millis = Some(num(&value) * 100.0),
            PTok::S2 => acc.millis = Some(num(&value) * 10.0),
            PTok::S3 => acc.millis = Some(num(&value)),
            PTok::Sec => acc.seconds = Some(num(&value)),
            PTok::Min => acc.minutes = Some(num(&value)),
            PTok::Hour => acc.hours = Some(num(&value)),
            PTok::Day1 | PTok::Day2 => acc.day = Some((num(&value), num(&value) != 0.0)),
            PTok::Do => {
                let digits: String = text
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if digits.is_empty() {
                    return None;
                }
                acc.day = Some((digits.parse::<f64>().unwrap_or(f64::NAN), true));
                for i in 1..=31 {
                    if format!("{i}{}", ordinal_suffix(i)) == text {
                        acc.day = Some((i as f64, true));
                    }
                }
            }
            PTok::Week1 | PTok::Week2 => acc.week = Some(num(&value)),
            PTok::Mon1 | PTok::Mon2 => acc.month = Some(num(&value)),
            PTok::Mon3 => {
                let idx = MONTH_NAMES.iter().position(|m| m.get(..3) == Some(text.as_str()))?;
                acc.month = Some(idx as f64 + 1.0);
            }
            PTok::Mon4 => {
                let idx = MONTH_NAMES.iter().position(|m| *m == text)?;
                acc.month = Some(idx as f64 + 1.0);
            }
            PTok::Y1 | PTok::Y4 => acc.year = Some(num(&value)),
            PTok::Y2 => {
                let v = num(&value);
                acc.year = Some(v + if v > 68.0 { 1900.0 } else { 2000.0 });
            }
            PTok::Zone => {
                let offset = if text == "Z" {
                    0.0
                } else {
                    let parts: Vec<String> = {
                        let mut parts = Vec::new();
                        let cs: Vec<char> = text.chars().collect();
                        let mut k = 0;
                        while k < cs.len() {
                            if cs[k] == '+' || cs[k] == '-' {
                                parts.push(cs[k].to_string());
                                k += 1;
                            } else if cs[k].is_ascii_digit()
                                && cs.get(k + 1).is_some_and(|c| c.is_ascii_digit())
                            {
                                parts.push(cs[k..k + 2].iter().collect());
                                k += 2;
                            } else {
                                k += 1;
                            }
                        }
                        parts
                    };
                    let p1 = parts.get(1).and_then(|s| s.parse::<f64>().ok()).unwrap_or(f64::NAN);
                    let p2 = parts.get(2).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
                    let minutes = p1 * 60.0 + p2;
                    if minutes == 0.0 {
                        0.0
                    } else if parts.first().map(String::as_str) == Some("+") {
                        -minutes
                    } else {
                        minutes
                    }
                };
                acc.zone = Some(offset);
            }
        }
        replace_first(&mut input, &value);
    }
    // correctHours
    if let Some(afternoon) = acc.afternoon
        && let Some(h) = acc.hours
    {
        if afternoon {
            if h < 12.0 {
                acc.hours = Some(h + 12.0);
            }
        } else if h == 12.0 {
            acc.hours = Some(0.0);
        }
    }
    Some(acc)
}

fn build(acc: &Acc, now: Now) -> Option<i64> {
    let year = truthy(acc.year);
    let month = truthy(acc.month);
    let d = match acc.day {
        Some((v, true)) => v,
        _ => {
            if year.is_none() && month.is_none() {
                now.day as f64
            } else {
                1.0
            }
        }
    };
    let y = year.unwrap_or(now.year as f64);
    let mut m = 0.0;
    if !(year.is_some() && month.is_none()) {
        m = match acc.month {
            Some(v) if v > 0.0 => v - 1.0,
            _ => now.month0 as f64,
        };
    }
    let h = truthy(acc.hours).unwrap_or(0.0);
    let mi = truthy(acc.minutes).unwrap_or(0.0);
    let s = truthy(acc.seconds).unwrap_or(0.0);
    let ms = truthy(acc.millis).unwrap_or(0.0);
    if let Some(zone) = acc.zone {
        return jsdate::new_date(y, m, d, h, mi, s, ms + zone * 60.0 * 1000.0);
    }
    if truthy(acc.week).is_some() {
        // `dayjs(date).week(n)` needs the weekOfYear plugin, which Mermaid does not load.
        return None;
    }
    jsdate::new_date(y, m, d, h, mi, s, ms)
}

/// Whether `u(format)` (localizedFormat expansion) would throw: an `L`/`l` token outside
/// brackets.
fn has_localized_token(fmt: &[char]) -> bool {
    let mut i = 0;
    while i < fmt.len() {
        if let Some(n) = bracket_at(fmt, i) {
            i += n;
            continue;
        }
        if fmt[i] == 'L' || fmt[i] == 'l' {
            return true;
        }
        i += 1;
    }
    false
}

/// Canonical JS integer text (`0`, `-12`, no leading zeros or sign).
fn canonical_int(s: &str) -> Option<i128> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 30 {
        return None;
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    if s.starts_with('-') && digits == "0" {
        return None;
    }
    s.parse::<i128>().ok()
}

/// `dayjs(input, format, true)`: strict parsing with the (trimmed) format.
pub fn parse_strict(input: &str, fmt: &str, now: Now) -> Parsed {
    if fmt == "x" || fmt == "X" {
        let Some(n) = canonical_int(input) else {
            return Parsed::Invalid;
        };
        let ms = if fmt == "X" { n.checked_mul(1000) } else { Some(n) };
        return match ms {
            Some(ms) if ms.abs() <= jsdate::MAX_TIME_MS as i128 => Parsed::Valid(ms as i64),
            _ => Parsed::Invalid,
        };
    }
    let f: Vec<char> = fmt.chars().collect();
    // No token formats to more than 16 characters, so a longer input cannot round-trip.
    if input.chars().count() > 16 * f.len() + 16 {
        return Parsed::Invalid;
    }
    if has_localized_token(&f) {
        return Parsed::Invalid;
    }
    let Some(pieces) = tokenize(&f) else {
        return Parsed::Invalid;
    };
    let Some(acc) = run_parser(&pieces, input) else {
        return Parsed::Invalid;
    };
    let Some(ms) = build(&acc, now) else {
        return Parsed::Invalid;
    };
    match format(ms, fmt) {
        Err(Throws) => Parsed::Throws,
        Ok(s) if s == input => Parsed::Valid(ms),
        Ok(_) => Parsed::Invalid,
    }
}

/// `dayjs(x, 'YYYY-MM-DD', true).isValid()`.
pub fn is_strict_ymd(input: &str) -> bool {
    let b = input.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    matches!(parse_strict(input, "YYYY-MM-DD", Now { year: 2000, month0: 0, day: 1 }), Parsed::Valid(_))
}

/// Adds `days` calendar days (dayjs `add(n, 'd')`, local = UTC).
pub fn add_days(ms: i64, days: i64) -> Option<i64> {
    let t = ms.checked_add(days.checked_mul(MS_PER_DAY)?)?;
    if (t as f64).abs() > jsdate::MAX_TIME_MS { None } else { Some(t) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Now = Now { year: 2025, month0: 5, day: 18 };

    fn p(input: &str, fmt: &str) -> String {
        match parse_strict(input, fmt, NOW) {
            Parsed::Valid(ms) => {
                let s = format(ms, "YYYY-MM-DD HH:mm:ss.SSS").unwrap_or_default();
                s.trim_end_matches(" 00:00:00.000").to_string()
            }
            Parsed::Invalid => "invalid".into(),
            Parsed::Throws => "throws".into(),
        }
    }

    #[test]
    fn strict_iso() {
        assert_eq!(p("2025-03-03", "YYYY-MM-DD"), "2025-03-03");
        assert_eq!(p("2025-3-3", "YYYY-MM-DD"), "invalid");
        assert_eq!(p("2025-02-30", "YYYY-MM-DD"), "invalid");
        assert_eq!(p("2025-00-01", "YYYY-MM-DD"), "invalid");
        assert_eq!(p("2025-13-01", "YYYY-MM-DD"), "invalid");
        assert_eq!(p("0025-01-01", "YYYY-MM-DD"), "invalid");
        assert_eq!(p("", "YYYY-MM-DD"), "invalid");
        assert_eq!(p("2025-01-20", ""), "invalid");
        assert_eq!(p("5d", "YYYY-MM-DD"), "invalid");
    }

    #[test]
    fn tokens() {
        assert_eq!(p("68-01-02", "YY-MM-DD"), "2068-01-02");
        assert_eq!(p("69-01-02", "YY-MM-DD"), "1969-01-02");
        assert_eq!(p("03 Mar 2025", "DD MMM YYYY"), "2025-03-03");
        assert_eq!(p("03 mar 2025", "DD MMM YYYY"), "invalid");
        assert_eq!(p("3rd March 2025", "Do MMMM YYYY"), "2025-03-03");
        assert_eq!(p("1st April 2025", "Do MMMM YYYY"), "2025-04-01");
        assert_eq!(p("3th March 2025", "Do MMMM YYYY"), "invalid");
        assert_eq!(p("2025-05-16 18:00", "YYYY-MM-DD HH:mm"), "2025-05-16 18:00:00.000");
        assert_eq!(p("2025-05-17", "YYYY-MM-DD HH:mm"), "invalid");
        assert_eq!(p("08:30", "HH:mm"), "2025-06-18 08:30:00.000");
        assert_eq!(p("3", "D"), "2025-06-03");
        assert_eq!(p("06.01.2025", "DD.MM.YYYY"), "2025-01-06");
        assert_eq!(p("2025-Mar-03", "YYYY-MMM-DD"), "2025-03-03");
        assert_eq!(p("2025 Q2", "YYYY [Q]Q"), "2025-04-01");
        assert_eq!(p("03/10/2025", "MM/DD/YYYY"), "2025-03-10");
        assert_eq!(p("10-03", "DD-MM"), "2025-03-10");
        assert_eq!(p("2025-01", "YYYY-MM"), "2025-01-01");
        assert_eq!(p("2025", "YYYY"), "2025-01-01");
        assert_eq!(p("5", "s"), "2025-06-18 00:00:05.000");
        assert_eq!(p("2025-03-03T10:00Z", "YYYY-MM-DDTHH:mmZ"), "invalid");
        assert_eq!(p("2025-03-03 10:00 +00:00", "YYYY-MM-DD HH:mm Z"), "2025-03-03 10:00:00.000");
        assert_eq!(p("1:05 PM", "h:mm A"), "2025-06-18 13:05:00.000");
        assert_eq!(p("1735689600", "X"), "2025-01-01");
        assert_eq!(p("1735689600000", "x"), "2025-01-01");
        assert_eq!(p("01735689600", "X"), "invalid");
        assert_eq!(p("2025-01-06", "LL"), "invalid");
        assert_eq!(p("2025 00", "YYYY ww"), "throws");
    }

    #[test]
    fn formats() {
        let ms = 20_094 * MS_PER_DAY; // 2025-01-06, a Monday
        assert_eq!(format(ms, "YYYY-MM-DD").ok().as_deref(), Some("2025-01-06"));
        assert_eq!(format(ms, "dddd").ok().as_deref(), Some("Monday"));
        assert_eq!(format(ms, "Do MMM YY [w]W Q").ok().as_deref(), Some("6th Jan 25 w2 1"));
        assert_eq!(format(ms, "").ok().as_deref(), Some("2025-01-06T00:00:00+00:00"));
        assert_eq!(format(ms, "w"), Err(Throws));
        assert_eq!(format(ms, "X x").ok().as_deref(), Some("1736121600 1736121600000"));
        assert!(is_strict_ymd("2025-03-14"));
        assert!(!is_strict_ymd("2025-3-14"));
        assert!(!is_strict_ymd("2025-03-14 "));
        assert_eq!(ordinal_suffix(11), "th");
        assert_eq!(ordinal_suffix(22), "nd");
        assert_eq!(ordinal_suffix(31), "st");
    }
}
