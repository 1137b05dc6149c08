//! JavaScript `Date` arithmetic (ECMAScript MakeDay/MakeTime/TimeClip) and V8's
//! `new Date(string)` parser, the fallback Mermaid uses for start dates that do not match
//! the `dateFormat`. Time zone: local time is UTC (as in the Mermaid oracle), so every
//! instant is a naive millisecond count since 1970-01-01T00:00.

use crate::date::{civil_from_days, days_from_civil};

pub const MS_PER_DAY: i64 = 86_400_000;
/// ECMAScript's time value limit (±100,000,000 days).
pub const MAX_TIME_MS: f64 = 8.64e15;

/// Calendar fields of an instant (local = UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields {
    pub year: i64,
    /// 1..=12
    pub month: u32,
    pub day: u32,
    /// 0 = Sunday … 6 = Saturday (JS `getDay`).
    pub weekday: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub milli: u32,
}

pub fn fields(ms: i64) -> Fields {
    let days = ms.div_euclid(MS_PER_DAY);
    let tod = ms.rem_euclid(MS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    Fields {
        year: y,
        month: m as u32,
        day: d as u32,
        weekday: (days + 4).rem_euclid(7) as u32,
        hour: (tod / 3_600_000) as u32,
        minute: (tod / 60_000 % 60) as u32,
        second: (tod / 1000 % 60) as u32,
        milli: (tod % 1000) as u32,
    }
}

/// Days since the epoch of an instant.
pub fn day_number(ms: i64) -> i64 {
    ms.div_euclid(MS_PER_DAY)
}

/// ISO weekday 1 = Monday … 7 = Sunday of a day number.
pub fn iso_weekday_of_day(day: i64) -> u32 {
    ((day + 3).rem_euclid(7) + 1) as u32
}

fn trunc(x: f64) -> f64 {
    if x.is_finite() { x.trunc() } else { x }
}

/// V8's MakeDay (with its year/month limits); `None` is NaN.
pub fn make_day(year: f64, month: f64, date: f64) -> Option<f64> {
    const MIN_YEAR: f64 = -1_000_000.0;
    const MAX_YEAR: f64 = 1_000_000.0;
    const MIN_MONTH: f64 = -10_000_000.0;
    const MAX_MONTH: f64 = 10_000_000.0;
    if !(year.is_finite() && month.is_finite() && date.is_finite()) {
        return None;
    }
    let (year, month, date) = (trunc(year), trunc(month), trunc(date));
    if !((MIN_YEAR..=MAX_YEAR).contains(&year) && (MIN_MONTH..=MAX_MONTH).contains(&month)) {
        return None;
    }
    let y = year as i64 + (month as i64).div_euclid(12);
    let m = (month as i64).rem_euclid(12);
    let first = days_from_civil(y, m + 1, 1) as f64;
    Some(first + date - 1.0)
}

/// ECMAScript MakeTime; `None` is NaN.
pub fn make_time(hour: f64, min: f64, sec: f64, ms: f64) -> Option<f64> {
    if !(hour.is_finite() && min.is_finite() && sec.is_finite() && ms.is_finite()) {
        return None;
    }
    Some(trunc(hour) * 3_600_000.0 + trunc(min) * 60_000.0 + trunc(sec) * 1000.0 + trunc(ms))
}

/// ECMAScript TimeClip: `None` for NaN or beyond ±8.64e15 ms.
pub fn time_clip(t: f64) -> Option<i64> {
    if !t.is_finite() || t.abs() > MAX_TIME_MS {
        return None;
    }
    Some(t.trunc() as i64)
}

/// `new Date(y, m, d, h, mi, s, ms)` (and `Date.UTC(...)`, identical in UTC): years 0..=99
/// mean 1900..=1999.
#[allow(clippy::too_many_arguments)]
pub fn new_date(y: f64, m: f64, d: f64, h: f64, mi: f64, s: f64, ms: f64) -> Option<i64> {
    let mut year = y;
    if year.is_finite() {
        let yi = trunc(year);
        if (0.0..=99.0).contains(&yi) {
            year = 1900.0 + yi;
        }
    }
    let day = make_day(year, m, d)?;
    let time = make_time(h, mi, s, ms)?;
    time_clip(day * MS_PER_DAY as f64 + time)
}

/// `new Date(number)`.
pub fn from_number(n: f64) -> Option<i64> {
    time_clip(n)
}

/// JS `getFullYear()` is within Mermaid's accepted ±10000 years.
pub fn mermaid_year_ok(ms: i64) -> bool {
    let y = fields(ms).year;
    (-10_000..=10_000).contains(&y)
}

// ---------------------------------------------------------------------------------------
// V8 date parser (src/date/dateparser*.{h,cc}), as in Node 20.

const K_NONE: i64 = i32::MAX as i64;
const MAX_SIGNIFICANT_DIGITS: usize = 9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KwType {
    Invalid,
    MonthName,
    TimeZoneName,
    TimeSeparator,
    AmPm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Invalid,
    Unknown,
    Number { value: i64, len: usize },
    Symbol(char),
    WhiteSpace,
    EndOfInput,
    Keyword { kind: KwType, value: i64, len: usize },
}

impl Tok {
    fn is_number(self) -> bool {
        matches!(self, Tok::Number { .. })
    }
    fn number(self) -> i64 {
        match self {
            Tok::Number { value, .. } => value,
            _ => 0,
        }
    }
    fn len(self) -> usize {
        match self {
            Tok::Number { len, .. } | Tok::Keyword { len, .. } => len,
            Tok::Symbol(_) | Tok::Unknown => 1,
            _ => 0,
        }
    }
    fn is_fixed_number(self, n: usize) -> bool {
        matches!(self, Tok::Number { len, .. } if len == n)
    }
    fn is_symbol(self, c: char) -> bool {
        self == Tok::Symbol(c)
    }
    fn is_sign(self) -> bool {
        matches!(self, Tok::Symbol('+') | Tok::Symbol('-'))
    }
    fn sign(self) -> i64 {
        if self == Tok::Symbol('-') { -1 } else { 1 }
    }
    fn is_keyword_type(self, t: KwType) -> bool {
        matches!(self, Tok::Keyword { kind, .. } if kind == t)
    }
    fn is_keyword_z(self) -> bool {
        matches!(self, Tok::Keyword { kind: KwType::TimeZoneName, len: 1, value: 0 })
    }
}

/// Whitespace or line terminator in the JS sense.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

const KEYWORDS: &[([u8; 3], KwType, i64)] = &[
    (*b"jan", KwType::MonthName, 1),
    (*b"feb", KwType::MonthName, 2),
    (*b"mar", KwType::MonthName, 3),
    (*b"apr", KwType::MonthName, 4),
    (*b"may", KwType::MonthName, 5),
    (*b"jun", KwType::MonthName, 6),
    (*b"jul", KwType::MonthName, 7),
    (*b"aug", KwType::MonthName, 8),
    (*b"sep", KwType::MonthName, 9),
    (*b"oct", KwType::MonthName, 10),
    (*b"nov", KwType::MonthName, 11),
    (*b"dec", KwType::MonthName, 12),
    (*b"am\0", KwType::AmPm, 0),
    (*b"pm\0", KwType::AmPm, 12),
    (*b"ut\0", KwType::TimeZoneName, 0),
    (*b"utc", KwType::TimeZoneName, 0),
    (*b"z\0\0", KwType::TimeZoneName, 0),
    (*b"gmt", KwType::TimeZoneName, 0),
    (*b"cdt", KwType::TimeZoneName, -5),
    (*b"cst", KwType::TimeZoneName, -6),
    (*b"edt", KwType::TimeZoneName, -4),
    (*b"est", KwType::TimeZoneName, -5),
    (*b"mdt", KwType::TimeZoneName, -6),
    (*b"mst", KwType::TimeZoneName, -7),
    (*b"pdt", KwType::TimeZoneName, -7),
    (*b"pst", KwType::TimeZoneName, -8),
    (*b"t\0\0", KwType::TimeSeparator, 0),
];

struct Scanner<'a> {
    chars: &'a [char],
    pos: usize,
    next: Tok,
}

impl<'a> Scanner<'a> {
    fn new(chars: &'a [char]) -> Self {
        let mut s = Self { chars, pos: 0, next: Tok::EndOfInput };
        s.next = s.scan();
        s
    }

    fn ch(&self) -> char {
        self.chars.get(self.pos).copied().unwrap_or('\0')
    }

    fn scan(&mut self) -> Tok {
        let c = self.ch();
        if c == '\0' {
            return Tok::EndOfInput;
        }
        if c.is_ascii_digit() {
            let mut n: i64 = 0;
            let mut i = 0;
            while self.ch().is_ascii_digit() {
                if i < MAX_SIGNIFICANT_DIGITS {
                    n = n * 10 + (self.ch() as i64 - '0' as i64);
                }
                i += 1;
                self.pos += 1;
            }
            return Tok::Number { value: n, len: i };
        }
        if matches!(c, ':' | '-' | '+' | '.' | ')') {
            self.pos += 1;
            return Tok::Symbol(c);
        }
        if c >= 'A' {
            let mut prefix = [0u32; 3];
            let mut len = 0;
            while self.ch() >= 'A' {
                if len < 3 {
                    prefix[len] = self.ch() as u32 | 0x20;
                }
                len += 1;
                self.pos += 1;
            }
            let (kind, value) = KEYWORDS
                .iter()
                .find(|(word, kind, _)| {
                    word.iter().zip(prefix.iter()).all(|(&w, &p)| w as u32 == p)
                        && (len <= 3 || *kind == KwType::MonthName)
                })
                .map_or((KwType::Invalid, 0), |(_, kind, value)| (*kind, *value));
            return Tok::Keyword { kind, value, len };
        }
        if is_js_space(c) {
            self.pos += 1;
            return Tok::WhiteSpace;
        }
        if c == '(' {
            let mut balance = 0i64;
            loop {
                let c = self.ch();
                if c == ')' {
                    balance -= 1;
                } else if c == '(' {
                    balance += 1;
                }
                self.pos += 1;
                if !(balance > 0 && self.ch() != '\0') {
                    break;
                }
            }
            return Tok::Unknown;
        }
        self.pos += 1;
        Tok::Unknown
    }

    fn next(&mut self) -> Tok {
        let result = self.next;
        self.next = self.scan();
        result
    }

    fn peek(&self) -> Tok {
        self.next
    }

    fn skip_symbol(&mut self, c: char) -> bool {
        if self.next.is_symbol(c) {
            self.next = self.scan();
            true
        } else {
            false
        }
    }
}

fn between(x: i64, lo: i64, hi: i64) -> bool {
    (lo..=hi).contains(&x)
}

#[derive(Default)]
struct DayComposer {
    comp: [i64; 3],
    index: usize,
    named_month: Option<i64>,
    iso: bool,
}

impl DayComposer {
    fn add(&mut self, n: i64) -> bool {
        if self.index < 3 {
            self.comp[self.index] = n;
            self.index += 1;
            true
        } else {
            false
        }
    }
    fn is_month(x: i64) -> bool {
        between(x, 1, 12)
    }
    fn is_day(x: i64) -> bool {
        between(x, 1, 31)
    }
    fn write(&mut self) -> Option<(i64, i64, i64)> {
        if self.index < 1 {
            return None;
        }
        while self.index < 3 {
            self.comp[self.index] = 1;
            self.index += 1;
        }
        let mut year;
        let month;
        let day;
        match self.named_month {
            None => {
                if self.iso || !Self::is_day(self.comp[0]) {
                    year = self.comp[0];
                    month = self.comp[1];
                    day = self.comp[2];
                } else {
                    month = self.comp[0];
                    day = self.comp[1];
                    year = self.comp[2];
                }
            }
            Some(named) => {
                month = named;
                if !Self::is_day(self.comp[0]) {
                    year = self.comp[0];
                    day = self.comp[1];
                } else {
                    day = self.comp[0];
                    year = self.comp[1];
                }
            }
        }
        if !self.iso {
            if between(year, 0, 49) {
                year += 2000;
            } else if between(year, 50, 99) {
                year += 1900;
            }
        }
        if !Self::is_month(month) || !Self::is_day(day) {
            return None;
        }
        Some((year, month - 1, day))
    }
}

struct TimeComposer {
    comp: [i64; 4],
    index: usize,
    hour_offset: i64,
}

impl TimeComposer {
    fn new() -> Self {
        Self { comp: [0; 4], index: 0, hour_offset: K_NONE }
    }
    fn is_empty(&self) -> bool {
        self.index == 0
    }
    fn is_minute(x: i64) -> bool {
        between(x, 0, 59)
    }
    fn is_hour(x: i64) -> bool {
        between(x, 0, 23)
    }
    fn is_second(x: i64) -> bool {
        between(x, 0, 59)
    }
    fn is_hour12(x: i64) -> bool {
        between(x, 0, 12)
    }
    fn is_milli(x: i64) -> bool {
        between(x, 0, 999)
    }
    fn is_expecting(&self, n: i64) -> bool {
        (self.index == 1 && Self::is_minute(n))
            || (self.index == 2 && Self::is_second(n))
            || (self.index == 3 && Self::is_milli(n))
    }
    fn add(&mut self, n: i64) -> bool {
        if self.index < 4 {
            self.comp[self.index] = n;
            self.index += 1;
            true
        } else {
            false
        }
    }
    fn add_final(&mut self, n: i64) -> bool {
        if !self.add(n) {
            return false;
        }
        while self.index < 4 {
            self.comp[self.index] = 0;
            self.index += 1;
        }
        true
    }
    fn write(&mut self) -> Option<[i64; 4]> {
        while self.index < 4 {
            self.comp[self.index] = 0;
            self.index += 1;
        }
        let [mut hour, minute, second, milli] = self.comp;
        if self.hour_offset != K_NONE {
            if !Self::is_hour12(hour) {
                return None;
            }
            hour %= 12;
            hour += self.hour_offset;
        }
        if (!Self::is_hour(hour)
            || !Self::is_minute(minute)
            || !Self::is_second(second)
            || !Self::is_milli(milli))
            && (hour != 24 || minute != 0 || second != 0 || milli != 0)
        {
            return None;
        }
        Some([hour, minute, second, milli])
    }
}

struct TzComposer {
    sign: i64,
    hour: i64,
    minute: i64,
}

impl TzComposer {
    fn new() -> Self {
        Self { sign: K_NONE, hour: K_NONE, minute: K_NONE }
    }
    fn set(&mut self, offset_hours: i64) {
        self.sign = if offset_hours < 0 { -1 } else { 1 };
        self.hour = offset_hours * self.sign;
        self.minute = 0;
    }
    fn set_sign(&mut self, sign: i64) {
        self.sign = if sign < 0 { -1 } else { 1 };
    }
    fn is_expecting(&self, n: i64) -> bool {
        self.hour != K_NONE && self.minute == K_NONE && TimeComposer::is_minute(n)
    }
    fn is_utc(&self) -> bool {
        self.hour == 0 && self.minute == 0
    }
    fn is_empty(&self) -> bool {
        self.hour == K_NONE
    }
    /// UTC offset in seconds, `Some(None)` when no zone was given.
    fn write(&mut self) -> Option<Option<i64>> {
        if self.sign != K_NONE {
            if self.hour == K_NONE {
                self.hour = 0;
            }
            if self.minute == K_NONE {
                self.minute = 0;
            }
            let total =
                (self.hour as u64).wrapping_mul(3600).wrapping_add((self.minute as u64).wrapping_mul(60))
                    & 0xFFFF_FFFF;
            if total > 0x3FFF_FFFF {
                return None;
            }
            let mut total = total as i64;
            if self.sign < 0 {
                total = -total;
            }
            Some(Some(total))
        } else {
            Some(None)
        }
    }
}

fn read_milliseconds(tok: Tok) -> i64 {
    let mut number = tok.number();
    let mut length = tok.len();
    if length < 3 {
        if length == 1 {
            number *= 100;
        } else if length == 2 {
            number *= 10;
        }
    } else if length > 3 {
        if length > MAX_SIGNIFICANT_DIGITS {
            length = MAX_SIGNIFICANT_DIGITS;
        }
        let mut factor = 1;
        while length > 3 {
            factor *= 10;
            length -= 1;
        }
        number /= factor;
    }
    number
}

/// Parses the ES5 ISO prefix; returns the token the legacy parser continues with.
fn parse_es5(
    scanner: &mut Scanner,
    day: &mut DayComposer,
    time: &mut TimeComposer,
    tz: &mut TzComposer,
) -> Tok {
    if scanner.peek().is_sign() {
        let sign_token = scanner.next();
        if !scanner.peek().is_fixed_number(6) {
            return sign_token;
        }
        let sign = sign_token.sign();
        let year = scanner.next().number();
        if sign < 0 && year == 0 {
            return sign_token;
        }
        day.add(sign * year);
    } else if scanner.peek().is_fixed_number(4) {
        day.add(scanner.next().number());
    } else {
        return scanner.next();
    }
    if scanner.skip_symbol('-') {
        if !scanner.peek().is_fixed_number(2) || !DayComposer::is_month(scanner.peek().number()) {
            return scanner.next();
        }
        day.add(scanner.next().number());
        if scanner.skip_symbol('-') {
            if !scanner.peek().is_fixed_number(2) || !DayComposer::is_day(scanner.peek().number()) {
                return scanner.next();
            }
            day.add(scanner.next().number());
        }
    }
    if !scanner.peek().is_keyword_type(KwType::TimeSeparator) {
        if scanner.peek() != Tok::EndOfInput {
            return scanner.next();
        }
    } else {
        scanner.next();
        if !scanner.peek().is_fixed_number(2) || !between(scanner.peek().number(), 0, 24) {
            return Tok::Invalid;
        }
        let hour_is_24 = scanner.peek().number() == 24;
        time.add(scanner.next().number());
        if !scanner.skip_symbol(':') {
            return Tok::Invalid;
        }
        if !scanner.peek().is_fixed_number(2)
            || !TimeComposer::is_minute(scanner.peek().number())
            || (hour_is_24 && scanner.peek().number() > 0)
        {
            return Tok::Invalid;
        }
        time.add(scanner.next().number());
        if scanner.skip_symbol(':') {
            if !scanner.peek().is_fixed_number(2)
                || !TimeComposer::is_second(scanner.peek().number())
                || (hour_is_24 && scanner.peek().number() > 0)
            {
                return Tok::Invalid;
            }
            time.add(scanner.next().number());
            if scanner.skip_symbol('.') {
                if !scanner.peek().is_number() || (hour_is_24 && scanner.peek().number() > 0) {
                    return Tok::Invalid;
                }
                time.add(read_milliseconds(scanner.next()));
            }
        }
        if scanner.peek().is_keyword_z() {
            scanner.next();
            tz.set(0);
        } else if scanner.peek().is_symbol('+') || scanner.peek().is_symbol('-') {
            tz.set_sign(if scanner.next().is_symbol('+') { 1 } else { -1 });
            if scanner.peek().is_fixed_number(4) {
                let hourmin = scanner.next().number();
                let (hour, min) = (hourmin / 100, hourmin % 100);
                if !TimeComposer::is_hour(hour) || !TimeComposer::is_minute(min) {
                    return Tok::Invalid;
                }
                tz.hour = hour;
                tz.minute = min;
            } else {
                if !scanner.peek().is_fixed_number(2) || !TimeComposer::is_hour(scanner.peek().number()) {
                    return Tok::Invalid;
                }
                tz.hour = scanner.next().number();
                if !scanner.skip_symbol(':') {
                    return Tok::Invalid;
                }
                if !scanner.peek().is_fixed_number(2) || !TimeComposer::is_minute(scanner.peek().number()) {
                    return Tok::Invalid;
                }
                tz.minute = scanner.next().number();
            }
        }
        if scanner.peek() != Tok::EndOfInput {
            return Tok::Invalid;
        }
    }
    if tz.is_empty() && time.is_empty() {
        tz.set(0);
    }
    day.iso = true;
    Tok::EndOfInput
}

/// V8's `Date.parse(text)`: the instant (local = UTC), or `None` for an Invalid Date.
pub fn v8_parse(text: &str) -> Option<i64> {
    let chars: Vec<char> = text.chars().collect();
    let mut scanner = Scanner::new(&chars);
    let mut tz = TzComposer::new();
    let mut time = TimeComposer::new();
    let mut day = DayComposer::default();
    let mut token = parse_es5(&mut scanner, &mut day, &mut time, &mut tz);
    if token == Tok::Invalid {
        return None;
    }
    let mut has_read_number = day.index > 0;
    while token != Tok::EndOfInput {
        match token {
            Tok::Number { value: n, .. } => {
                has_read_number = true;
                if scanner.skip_symbol(':') {
                    if scanner.skip_symbol(':') {
                        if !time.is_empty() {
                            return None;
                        }
                        time.add(n);
                        time.add(0);
                    } else {
                        if !time.add(n) {
                            return None;
                        }
                        if scanner.peek().is_symbol('.') {
                            scanner.next();
                        }
                    }
                } else if scanner.skip_symbol('.') && time.is_expecting(n) {
                    time.add(n);
                    if !scanner.peek().is_number() {
                        return None;
                    }
                    let ms = read_milliseconds(scanner.next());
                    if ms < 0 {
                        return None;
                    }
                    time.add_final(ms);
                } else if tz.is_expecting(n) {
                    tz.minute = n;
                } else if time.is_expecting(n) {
                    time.add_final(n);
                    let peek = scanner.peek();
                    if peek != Tok::EndOfInput
                        && peek != Tok::WhiteSpace
                        && !peek.is_keyword_z()
                        && !peek.is_sign()
                    {
                        return None;
                    }
                } else {
                    if !day.add(n) {
                        return None;
                    }
                    scanner.skip_symbol('-');
                }
            }
            Tok::Keyword { kind, value, .. } => {
                if kind == KwType::AmPm && !time.is_empty() {
                    time.hour_offset = value;
                } else if kind == KwType::MonthName {
                    day.named_month = Some(value);
                    scanner.skip_symbol('-');
                } else if kind == KwType::TimeZoneName && has_read_number {
                    tz.set(value);
                } else {
                    if has_read_number {
                        return None;
                    }
                    if scanner.peek().is_number() {
                        return None;
                    }
                }
            }
            t if t.is_sign() && (tz.is_utc() || !time.is_empty()) => {
                tz.set_sign(t.sign());
                let mut n = 0;
                let mut length = 0;
                if scanner.peek().is_number() {
                    let t = scanner.next();
                    length = t.len();
                    n = t.number();
                }
                has_read_number = true;
                if scanner.peek().is_symbol(':') {
                    tz.hour = n;
                    tz.minute = K_NONE;
                } else if length == 2 || length == 1 {
                    tz.hour = n;
                    tz.minute = 0;
                } else if length == 4 || length == 3 {
                    tz.hour = n / 100;
                    tz.minute = n % 100;
                } else {
                    return None;
                }
            }
            t if (t.is_sign() || t.is_symbol(')')) && has_read_number => return None,
            _ => {}
        }
        token = scanner.next();
    }
    let (year, month0, date) = day.write()?;
    let [h, mi, s, ms] = time.write()?;
    let offset = tz.write()?;
    let dayn = make_day(year as f64, month0 as f64, date as f64)?;
    let t = make_time(h as f64, mi as f64, s as f64, ms as f64)?;
    let mut value = dayn * MS_PER_DAY as f64 + t;
    match offset {
        None => {
            let limit = MAX_TIME_MS + 864e5 * 10.0;
            if !(-limit..=limit).contains(&value) {
                return None;
            }
        }
        Some(off) => {
            value -= off as f64 * 1000.0;
            if !(-MAX_TIME_MS..=MAX_TIME_MS).contains(&value) {
                return None;
            }
        }
    }
    time_clip(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(ms: Option<i64>) -> String {
        match ms {
            None => "invalid".into(),
            Some(ms) => {
                let f = fields(ms);
                let mut s = format!("{:04}-{:02}-{:02}", f.year, f.month, f.day);
                if ms.rem_euclid(MS_PER_DAY) != 0 {
                    s.push_str(&format!("T{:02}:{:02}:{:02}.{:03}", f.hour, f.minute, f.second, f.milli));
                }
                s
            }
        }
    }

    #[test]
    fn v8_iso_and_legacy() {
        assert_eq!(ymd(v8_parse("2025-03-03")), "2025-03-03");
        assert_eq!(ymd(v8_parse("2025-02-30")), "2025-03-02");
        assert_eq!(ymd(v8_parse("2025-06-31")), "2025-07-01");
        assert_eq!(ymd(v8_parse("2025-00-01")), "invalid");
        assert_eq!(ymd(v8_parse("2025-13-01")), "invalid");
        assert_eq!(ymd(v8_parse("2025-01-32")), "invalid");
        assert_eq!(ymd(v8_parse("2025-3-3")), "2025-03-03");
        assert_eq!(ymd(v8_parse("2025/03/03")), "2025-03-03");
        assert_eq!(ymd(v8_parse("1-3-2025")), "2025-01-03");
        assert_eq!(ymd(v8_parse("03/04/2025")), "2025-03-04");
        assert_eq!(ymd(v8_parse("Phase 2")), "2001-02-01");
        assert_eq!(ymd(v8_parse("7")), "2001-07-01");
        assert_eq!(ymd(v8_parse("03 mar 2025")), "2025-03-03");
        assert_eq!(ymd(v8_parse("Mar 5")), "2001-03-05");
        assert_eq!(ymd(v8_parse("12025-01-01")), "12025-01-01");
        assert_eq!(ymd(v8_parse("2027-07-")), "2027-07-01");
        assert_eq!(ymd(v8_parse("2025-03-03T10:00Z")), "2025-03-03T10:00:00.000");
        assert_eq!(ymd(v8_parse("2025-03-03T10:00+02:00")), "2025-03-03T08:00:00.000");
        assert_eq!(ymd(v8_parse("2025-03-03 10:30")), "2025-03-03T10:30:00.000");
        assert_eq!(ymd(v8_parse("crit")), "invalid");
        assert_eq!(ymd(v8_parse("")), "invalid");
        assert_eq!(ymd(v8_parse("v1")), "invalid");
        assert_eq!(ymd(v8_parse("after")), "invalid");
    }

    #[test]
    fn new_date_two_digit_years() {
        assert_eq!(ymd(new_date(25.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0)), "1925-01-01");
        assert_eq!(ymd(new_date(2025.0, 13.0, 1.0, 0.0, 0.0, 0.0, 0.0)), "2026-02-01");
        assert_eq!(ymd(new_date(2025.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)), "2024-12-31");
        assert_eq!(new_date(1e20, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0), None);
    }
}
