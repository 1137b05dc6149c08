//! The gantt lexer and parser, mimicking Mermaid's jison grammar rule for rule (first
//! matching rule wins, case-insensitive keywords, keyword values cut with `substr`), so
//! that lines are hijacked, swallowed or split exactly where Mermaid does it. Where Mermaid
//! stops with a parse error, we report it and recover at the line, keeping task-shaped
//! lines as tasks.
//!
//! All offsets here are into the pre-processed text (see `pre`).

use super::codes;
use super::jsdate::is_js_space;
use crate::diag::{Diagnostic, Span};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    OpenDirective,
    AccTitle,
    AccTitleValue,
    AccDescr,
    AccDescrValue,
    AccDescrMulti,
    Nl,
    Href,
    CallbackName,
    CallbackArgs,
    Click,
    Gantt,
    DateFormat,
    InclusiveEndDates,
    TopAxis,
    AxisFormat,
    TickInterval,
    Includes,
    Excludes,
    TodayMarker,
    Weekday(&'static str),
    Weekend(&'static str),
    Date,
    Title,
    AccDescription,
    Section,
    TaskTxt,
    TaskData,
    Colon,
    Eof,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub tok: Tok,
    /// Start of the construct (including a `click `/`call `/`href "` prefix).
    pub start: usize,
    /// Start of the token's own text.
    pub vstart: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Initial,
    AccTitle,
    AccDescr,
    AccDescrMulti,
    Click,
    Href,
    CallbackName,
    CallbackArgs,
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

pub struct Lexer<'a> {
    s: &'a str,
    b: &'a [u8],
    pub pos: usize,
    stack: Vec<State>,
    done: bool,
    pending: Option<usize>,
    /// `%`-comments that swallowed content (`5% contingency : …`), as ranges.
    pub swallowed: Vec<Range<usize>>,
    far: Vec<(u8, (usize, usize))>,
}

impl<'a> Lexer<'a> {
    pub fn new(s: &'a str) -> Self {
        Self {
            s,
            b: s.as_bytes(),
            pos: 0,
            stack: vec![State::Initial],
            done: false,
            pending: None,
            swallowed: Vec::new(),
            far: Vec::new(),
        }
    }

    pub fn reset_at(&mut self, pos: usize) {
        self.pos = pos.min(self.b.len());
        while !self.s.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        self.stack.truncate(1);
        self.stack[0] = State::Initial;
        self.done = false;
        self.pending = None;
    }

    fn state(&self) -> State {
        self.stack.last().copied().unwrap_or(State::Initial)
    }

    fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    fn char_at(&self, p: usize) -> Option<char> {
        self.s.get(p..).and_then(|r| r.chars().next())
    }

    fn ws_len(&self, p: usize) -> Option<usize> {
        self.char_at(p).filter(|&c| is_js_space(c)).map(char::len_utf8)
    }

    fn ws_star(&self, mut p: usize) -> usize {
        while let Some(n) = self.ws_len(p) {
            p += n;
        }
        p
    }

    fn lit_ci(&self, p: usize, lit: &str) -> bool {
        self.b.len() >= p + lit.len() && self.b[p..p + lit.len()].eq_ignore_ascii_case(lit.as_bytes())
    }

    fn boundary(&self, p: usize) -> bool {
        let before = p > 0 && is_word(self.b[p - 1]);
        let after = p < self.b.len() && is_word(self.b[p]);
        before != after
    }

    /// `kw\s[^…]+` : the keyword, exactly one whitespace char, then a non-empty run of bytes
    /// not in `stop`.
    fn kw_value(&self, p: usize, kw: &str, stop: &[u8]) -> Option<usize> {
        if !self.lit_ci(p, kw) {
            return None;
        }
        let ws = self.ws_len(p + kw.len())?;
        let v = p + kw.len() + ws;
        let mut e = v;
        while e < self.b.len() && !stop.contains(&self.b[e]) {
            e += 1;
        }
        (e > v).then_some(e - p)
    }

    fn line_end(&self, p: usize) -> usize {
        self.b[p..].iter().position(|&c| c == b'\n').map_or(self.b.len(), |i| p + i)
    }

    fn run_not(&self, p: usize, stop: &[u8]) -> usize {
        let mut e = p;
        while e < self.b.len() && !stop.contains(&self.b[e]) {
            e += 1;
        }
        e
    }

    /// `run_not` for a single stop byte that may scan across lines (`[^(]*`, `[^"]*`,
    /// …), memoised so that many recoveries never rescan the same text.
    fn run_not_far(&mut self, p: usize, stop: u8) -> usize {
        if let Some((from, to)) = self.far.iter().find(|(b, _)| *b == stop).map(|(_, r)| *r)
            && from <= p
            && p <= to
        {
            return to;
        }
        let e = self.b[p..].iter().position(|&c| c == stop).map_or(self.b.len(), |i| p + i);
        self.far.retain(|(b, _)| *b != stop);
        self.far.push((stop, (p, e)));
        e
    }

    fn token(&mut self, tok: Tok, vstart: usize, end: usize) -> Token {
        let start = self.pending.take().unwrap_or(vstart);
        self.pos = end;
        Token { tok, start, vstart, end }
    }

    pub fn next_token(&mut self) -> Token {
        loop {
            let p = self.pos;
            if self.done {
                return Token { tok: Tok::Eof, start: p, vstart: p, end: p };
            }
            if p >= self.b.len() {
                self.done = true;
            }
            match self.state() {
                State::AccTitle | State::AccDescr => {
                    let e = self.line_end(p);
                    let tok =
                        if self.state() == State::AccTitle { Tok::AccTitleValue } else { Tok::AccDescrValue };
                    self.pop();
                    return self.token(tok, p, e);
                }
                State::AccDescrMulti => {
                    if self.b.get(p) == Some(&b'}') {
                        self.pending = None;
                        self.pop();
                        self.pos = p + 1;
                        continue;
                    }
                    let e = self.run_not_far(p, b'}');
                    return self.token(Tok::AccDescrMulti, p, e);
                }
                State::Href => {
                    if self.b.get(p) == Some(&b'"') {
                        self.pending = None;
                        self.pop();
                        self.pos = p + 1;
                        continue;
                    }
                    let e = self.run_not_far(p, b'"');
                    return self.token(Tok::Href, p, e);
                }
                State::CallbackName => {
                    if self.b.get(p) == Some(&b'(') {
                        let q = self.ws_star(p + 1);
                        self.pending = None;
                        self.pop();
                        if self.b.get(q) == Some(&b')') {
                            self.pos = q + 1;
                        } else {
                            self.stack.push(State::CallbackArgs);
                            self.pos = p + 1;
                        }
                        continue;
                    }
                    let e = self.run_not_far(p, b'(');
                    return self.token(Tok::CallbackName, p, e);
                }
                State::CallbackArgs => {
                    if self.b.get(p) == Some(&b')') {
                        self.pending = None;
                        self.pop();
                        self.pos = p + 1;
                        continue;
                    }
                    let e = self.run_not_far(p, b')');
                    return self.token(Tok::CallbackArgs, p, e);
                }
                State::Click => {
                    if let Some(n) = self.ws_len(p) {
                        self.pending = None;
                        self.pop();
                        self.pos = p + n;
                        continue;
                    }
                    let mut e = p;
                    while e < self.b.len() && self.ws_len(e).is_none() {
                        e += self.char_at(e).map_or(1, char::len_utf8);
                    }
                    return self.token(Tok::Click, p, e);
                }
                State::Initial => {
                    if let Some(t) = self.initial(p) {
                        return t;
                    }
                }
            }
        }
    }

    /// One INITIAL-state rule application; `None` when a rule skipped input.
    fn initial(&mut self, p: usize) -> Option<Token> {
        let b = self.b;
        let n = b.len();
        if p >= n {
            return Some(Token { tok: Tok::Eof, start: p, vstart: p, end: p });
        }
        // 0: %%{
        if b[p..].starts_with(b"%%{") {
            return Some(self.token(Tok::OpenDirective, p, p + 3));
        }
        // 1, 3, 5: accTitle / accDescr
        if self.lit_ci(p, "accTitle") {
            let q = self.ws_star(p + 8);
            if b.get(q) == Some(&b':') {
                let e = self.ws_star(q + 1);
                self.stack.push(State::AccTitle);
                return Some(self.token(Tok::AccTitle, p, e));
            }
        }
        if self.lit_ci(p, "accDescr") {
            let q = self.ws_star(p + 8);
            if b.get(q) == Some(&b':') {
                let e = self.ws_star(q + 1);
                self.stack.push(State::AccDescr);
                return Some(self.token(Tok::AccDescr, p, e));
            }
            if b.get(q) == Some(&b'{') {
                let e = self.ws_star(q + 1);
                self.stack.push(State::AccDescrMulti);
                self.pending.get_or_insert(p);
                self.pos = e;
                return None;
            }
        }
        // 8: %%[^\n]*
        if b[p..].starts_with(b"%%") {
            self.pos = self.line_end(p);
            return None;
        }
        // 9: [^}]%+[^\n]*  (`[^}]` is one UTF-16 unit: a non-BMP character never matches)
        if b[p] != b'}' {
            let c0 = self.char_at(p).map_or(1, char::len_utf8);
            if c0 < 4 && b.get(p + c0) == Some(&b'%') {
                let e = self.line_end(p + c0);
                if !(b[p] == b'\n' || self.ws_len(p).is_some()) {
                    self.swallowed.push(p..e);
                }
                self.pos = e;
                return None;
            }
        }
        // 10: %[^\n]*[\n]*
        if b[p] == b'%' {
            let mut e = self.line_end(p);
            if self.s[p..e].contains(':') {
                self.swallowed.push(p..e);
            }
            while e < n && b[e] == b'\n' {
                e += 1;
            }
            self.pos = e;
            return None;
        }
        // 11: NL
        if b[p] == b'\n' {
            let mut e = p;
            while e < n && b[e] == b'\n' {
                e += 1;
            }
            return Some(self.token(Tok::Nl, p, e));
        }
        // 12: \s+
        if self.ws_len(p).is_some() {
            self.pos = self.ws_star(p);
            return None;
        }
        // 14: href\s+"
        if self.lit_ci(p, "href") && self.ws_len(p + 4).is_some() {
            let q = self.ws_star(p + 4);
            if b.get(q) == Some(&b'"') {
                self.stack.push(State::Href);
                self.pending.get_or_insert(p);
                self.pos = q + 1;
                return None;
            }
        }
        // 17: call\s+
        if self.lit_ci(p, "call") && self.ws_len(p + 4).is_some() {
            self.stack.push(State::CallbackName);
            self.pending.get_or_insert(p);
            self.pos = self.ws_star(p + 4);
            return None;
        }
        // 23: click\s+
        if self.lit_ci(p, "click") && self.ws_len(p + 5).is_some() {
            self.stack.push(State::Click);
            self.pending.get_or_insert(p);
            self.pos = self.ws_star(p + 5);
            return None;
        }
        // 26
        if self.lit_ci(p, "gantt") && self.boundary(p + 5) {
            return Some(self.token(Tok::Gantt, p, p + 5));
        }
        const STOP: &[u8] = b"#\n;";
        if let Some(len) = self.kw_value(p, "dateFormat", STOP) {
            return Some(self.token(Tok::DateFormat, p, p + len));
        }
        if self.lit_ci(p, "inclusiveEndDates") && self.boundary(p + 17) {
            return Some(self.token(Tok::InclusiveEndDates, p, p + 17));
        }
        if self.lit_ci(p, "topAxis") && self.boundary(p + 7) {
            return Some(self.token(Tok::TopAxis, p, p + 7));
        }
        for (kw, tok) in [
            ("axisFormat", Tok::AxisFormat),
            ("tickInterval", Tok::TickInterval),
            ("includes", Tok::Includes),
            ("excludes", Tok::Excludes),
        ] {
            if let Some(len) = self.kw_value(p, kw, STOP) {
                return Some(self.token(tok, p, p + len));
            }
        }
        if let Some(len) = self.kw_value(p, "todayMarker", b"\n;") {
            return Some(self.token(Tok::TodayMarker, p, p + len));
        }
        for (kw, days) in [("weekday", &WEEKDAYS[..]), ("weekend", &["friday", "saturday"][..])] {
            if self.lit_ci(p, kw) && self.ws_len(p + kw.len()).is_some() {
                let q = self.ws_star(p + kw.len());
                for day in days {
                    if self.lit_ci(q, day) && self.boundary(q + day.len()) {
                        let tok = if kw == "weekday" { Tok::Weekday(day) } else { Tok::Weekend(day) };
                        return Some(self.token(tok, p, q + day.len()));
                    }
                }
            }
        }
        // 44: \d\d\d\d-\d\d-\d\d\b
        if n >= p + 10 {
            let d = |i: usize| b[p + i].is_ascii_digit();
            if d(0)
                && d(1)
                && d(2)
                && d(3)
                && b[p + 4] == b'-'
                && d(5)
                && d(6)
                && b[p + 7] == b'-'
                && d(8)
                && d(9)
                && self.boundary(p + 10)
            {
                return Some(self.token(Tok::Date, p, p + 10));
            }
        }
        if let Some(len) = self.kw_value(p, "title", b"\n") {
            return Some(self.token(Tok::Title, p, p + len));
        }
        if let Some(len) = self.kw_value(p, "accDescription", STOP) {
            return Some(self.token(Tok::AccDescription, p, p + len));
        }
        if let Some(len) = self.kw_value(p, "section", b"\n") {
            return Some(self.token(Tok::Section, p, p + len));
        }
        // 48: [^:\n]+
        if b[p] != b':' {
            let e = self.run_not(p, b":\n");
            return Some(self.token(Tok::TaskTxt, p, e));
        }
        // 49, 50
        let e = self.run_not(p + 1, STOP);
        if e > p + 1 {
            return Some(self.token(Tok::TaskData, p, e));
        }
        Some(self.token(Tok::Colon, p, p + 1))
    }
}

/// A parsed statement; ranges are into the pre-processed text.
#[derive(Clone, Debug)]
pub enum Kind {
    DateFormat(Range<usize>),
    InclusiveEndDates,
    TopAxis,
    AxisFormat(Range<usize>),
    TickInterval(Range<usize>),
    Excludes(Range<usize>),
    Includes(Range<usize>),
    TodayMarker(Range<usize>),
    Weekday(&'static str),
    Weekend(&'static str),
    Title(Range<usize>),
    AccTitle(Range<usize>),
    AccDescr(Range<usize>),
    AccDescrMulti(Range<usize>),
    Section(Range<usize>),
    Click {
        ids: Range<usize>,
        href: Option<Range<usize>>,
    },
    /// `data` includes the leading `:`. `problem` is set when Mermaid rejects the line.
    Task {
        name: Range<usize>,
        data: Range<usize>,
        problem: Option<(&'static str, String)>,
    },
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: Kind,
    pub span: Range<usize>,
    /// The statement is a task line taken over by its leading keyword (already reported).
    pub hijack: bool,
}

pub struct Parsed {
    pub stmts: Vec<Stmt>,
    /// Diagnostics with spans in the pre-processed text.
    pub diags: Vec<Diagnostic>,
}

struct Parser<'a> {
    s: &'a str,
    lx: Lexer<'a>,
    peeked: Option<Token>,
    stmts: Vec<Stmt>,
    diags: Vec<Diagnostic>,
    hijacked: bool,
}

fn sp(r: Range<usize>) -> Span {
    Span::new(r.start, r.end)
}

/// Offset of the value of `kw<one whitespace char>value`.
fn value_start(s: &str, t: &Token, kw_len: usize) -> usize {
    let p = t.vstart + kw_len;
    let n = s.get(p..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
    (p + n).min(t.end)
}

/// CSS declarations (`stroke-width:5px,stroke:#0f0;opacity:0.5`): every item a property
/// name, a colon and a value.
fn looks_like_css(s: &str) -> bool {
    s.split([',', ';']).map(str::trim).filter(|item| !item.is_empty()).all(|item| {
        item.split_once(':').is_some_and(|(property, value)| {
            let property = property.trim();
            !property.is_empty()
                && property.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                && !value.trim().is_empty()
        })
    })
}

fn looks_like_task_data(s: &str) -> bool {
    let items: Vec<&str> = s.split(',').map(str::trim).collect();
    let last = items.last().copied().unwrap_or("");
    items.len() >= 2
        || super::dates::parse_duration(last).is_some()
        || last.starts_with("after ")
        || last.starts_with("until ")
        || (last.len() >= 8 && last.bytes().filter(u8::is_ascii_digit).count() >= 6)
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> Token {
        if let Some(t) = self.peeked.take() {
            return t;
        }
        self.lx.next_token()
    }

    fn peek(&mut self) -> Token {
        if let Some(t) = self.peeked {
            return t;
        }
        let t = self.lx.next_token();
        self.peeked = Some(t);
        t
    }

    fn line_end(&self, p: usize) -> usize {
        let p = p.min(self.s.len());
        self.s[p..].find('\n').map_or(self.s.len(), |i| p + i)
    }

    fn skip_line_from(&mut self, p: usize) {
        let e = self.line_end(p);
        self.peeked = None;
        self.lx.reset_at((e + 1).min(self.s.len()));
    }

    fn push(&mut self, kind: Kind, span: Range<usize>) {
        let hijack = std::mem::take(&mut self.hijacked);
        self.stmts.push(Stmt { kind, span, hijack });
    }

    fn diag(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Re-reads the line from `at` as `name : data` (Mermaid's task rules only). Returns
    /// whether a task was recovered; the lexer continues after its data.
    fn recover_task(&mut self, at: usize, problem: (&'static str, String)) -> bool {
        let b = self.s.as_bytes();
        let le = self.line_end(at);
        let Some(colon) = self.s[at..le].find(':').map(|i| at + i) else {
            return false;
        };
        let mut e = colon + 1;
        while e < le && !matches!(b[e], b'#' | b';') {
            e += 1;
        }
        if e == colon + 1 {
            return false;
        }
        self.push(Kind::Task { name: at..colon, data: colon..e, problem: Some(problem) }, at..e);
        self.peeked = None;
        self.lx.reset_at(e);
        true
    }

    fn rest_of_line_is_blank(&self, p: usize) -> bool {
        let e = self.line_end(p);
        let rest = self.s[p..e].trim_matches(|c: char| is_js_space(c));
        rest.is_empty() || rest.starts_with("%%")
    }

    fn keyword_stmt(&mut self, t: Token, kw: &'static str) -> Range<usize> {
        let v = value_start(self.s, &t, kw.len());
        let value = v..t.end;
        let ws = &self.s[t.vstart + kw.len()..v];
        let text = &self.s[value.clone()];
        let written = &self.s[t.vstart..t.vstart + kw.len()];
        if ws == "\n" {
            self.diag(
                Diagnostic::warning(
                    codes::KEYWORD_HIJACK,
                    format!("`{written}` has no value on its line, so Mermaid takes the next line `{}` as its value", text.trim()),
                )
                .with_span(sp(t.vstart..t.vstart + kw.len()))
                .with_hint(format!("write the value on the same line (`{kw} …`) or remove the bare `{written}`")),
            );
        } else if let Some(colon) = text.find(':') {
            // `todayMarker stroke-width:5px,stroke:#0f0` is a style, as Mermaid's docs write it.
            let style = kw == "todayMarker" && written == kw && looks_like_css(text);
            let hijacked = written != kw || (!style && looks_like_task_data(&text[colon + 1..]));
            if hijacked
                && matches!(
                    kw,
                    "section"
                        | "title"
                        | "includes"
                        | "excludes"
                        | "dateFormat"
                        | "axisFormat"
                        | "tickInterval"
                        | "todayMarker"
                )
            {
                self.hijacked = true;
                self.diag(
                    Diagnostic::warning(
                        codes::KEYWORD_HIJACK,
                        format!(
                            "this line starts with the keyword `{written}`, so Mermaid reads it as the keyword `{kw}` with the value `{}`, not as a task",
                            text.trim()
                        ),
                    )
                    .with_span(sp(t.vstart..t.end))
                    .with_hint(format!("rename the task so that it does not start with `{written}` (e.g. put a word in front)")),
                );
            }
        }
        if matches!(
            kw,
            "dateFormat"
                | "axisFormat"
                | "tickInterval"
                | "includes"
                | "excludes"
                | "todayMarker"
                | "title"
                | "section"
        ) && text.contains("%%")
        {
            self.diag(
                Diagnostic::warning(
                    codes::TRAILING_COMMENT,
                    format!("the `%%` comment is part of the `{kw}` value `{}`", text.trim()),
                )
                .with_span(sp(value.clone()))
                .with_hint("Mermaid only recognises `%%` comments on a line of their own; move the comment to its own line"),
            );
        }
        value
    }

    fn after_valueless_keyword(&mut self, t: Token, what: &str) {
        if !self.rest_of_line_is_blank(t.end) {
            self.hijacked = true;
            let e = self.line_end(t.end);
            self.diag(
                Diagnostic::warning(
                    codes::KEYWORD_HIJACK,
                    format!(
                        "the line starts with the keyword `{}` ({what}); Mermaid applies it and reads the rest `{}` as a separate statement",
                        &self.s[t.start..t.end],
                        self.s[t.end..e].trim()
                    ),
                )
                .with_span(sp(t.start..e))
                .with_hint("rename the task so that it does not start with a gantt keyword"),
            );
        }
    }

    fn hijack_error(&mut self, start: usize, bad: Token, what: &str) {
        let le = self.line_end(start);
        let line = self.s[start..le].to_string();
        let msg = format!(
            "Mermaid cannot parse this line: it starts with {what}, which Mermaid reads as a keyword"
        );
        let hint = if line.contains(':') {
            "boardpack reads the line as a task; rename it so that it does not start with a keyword or a date (e.g. put a word in front)"
                .to_string()
        } else {
            "remove the line or rewrite it as `name : data`".to_string()
        };
        self.diag(
            Diagnostic::error(codes::KEYWORD_CONFLICT, msg.clone())
                .with_span(sp(start..bad.end.max(start + 1).min(le.max(start + 1))))
                .with_hint(hint),
        );
        if !self.recover_task(start, (codes::KEYWORD_CONFLICT, msg)) {
            self.skip_line_from(start);
        }
    }

    fn run(&mut self) {
        // The header (checked by the detector before lexing).
        let mut header = false;
        loop {
            let t = self.next();
            if !header && t.tok == Tok::Gantt && self.stmts.is_empty() {
                // The header (Mermaid reports anything before it as a parse error).
                header = true;
                continue;
            }
            match t.tok {
                Tok::Eof => break,
                Tok::Nl => {}
                Tok::DateFormat => {
                    let v = self.keyword_stmt(t, "dateFormat");
                    self.push(Kind::DateFormat(v), t.start..t.end);
                    self.hash_after(t.end, "dateFormat");
                }
                Tok::AxisFormat => {
                    let v = self.keyword_stmt(t, "axisFormat");
                    self.push(Kind::AxisFormat(v), t.start..t.end);
                    self.hash_after(t.end, "axisFormat");
                }
                Tok::TickInterval => {
                    let v = self.keyword_stmt(t, "tickInterval");
                    self.push(Kind::TickInterval(v), t.start..t.end);
                    self.hash_after(t.end, "tickInterval");
                }
                Tok::Includes => {
                    let v = self.keyword_stmt(t, "includes");
                    self.push(Kind::Includes(v), t.start..t.end);
                    self.hash_after(t.end, "includes");
                }
                Tok::Excludes => {
                    let v = self.keyword_stmt(t, "excludes");
                    self.push(Kind::Excludes(v), t.start..t.end);
                    self.hash_after(t.end, "excludes");
                }
                Tok::TodayMarker => {
                    let v = self.keyword_stmt(t, "todayMarker");
                    self.push(Kind::TodayMarker(v), t.start..t.end);
                }
                Tok::Title => {
                    let v = self.keyword_stmt(t, "title");
                    self.push(Kind::Title(v), t.start..t.end);
                }
                Tok::Section => {
                    let v = self.keyword_stmt(t, "section");
                    self.push(Kind::Section(v), t.start..t.end);
                }
                Tok::InclusiveEndDates => {
                    self.after_valueless_keyword(t, "inclusiveEndDates");
                    self.push(Kind::InclusiveEndDates, t.start..t.end);
                }
                Tok::Weekday(d) => {
                    self.after_valueless_keyword(t, "weekday");
                    self.push(Kind::Weekday(d), t.start..t.end);
                }
                Tok::Weekend(d) => {
                    self.after_valueless_keyword(t, "weekend");
                    self.push(Kind::Weekend(d), t.start..t.end);
                }
                Tok::TopAxis => {
                    if self.rest_of_line_is_blank(t.end) {
                        self.diag(
                            Diagnostic::error(
                                codes::TOP_AXIS_KEYWORD,
                                "the `topAxis` keyword makes Mermaid fail (`yy.TopAxis is not a function`)",
                            )
                            .with_span(sp(t.start..t.end))
                            .with_hint(
                                "boardpack draws the top axis anyway; for Mermaid, set it in front matter instead: `config: {gantt: {topAxis: true}}`",
                            ),
                        );
                        self.push(Kind::TopAxis, t.start..t.end);
                    } else {
                        self.hijack_error(t.start, t, "`topAxis`");
                    }
                }
                Tok::AccTitle | Tok::AccDescr => {
                    let v = self.next();
                    let kind = if t.tok == Tok::AccTitle {
                        Kind::AccTitle(v.vstart..v.end)
                    } else {
                        Kind::AccDescr(v.vstart..v.end)
                    };
                    self.push(kind, t.start..v.end);
                }
                Tok::AccDescrMulti => {
                    if self.s.get(t.end..).is_none_or(|r| !r.starts_with('}')) && t.end >= self.s.len() {
                        self.diag(
                            Diagnostic::warning(
                                codes::UNTERMINATED_BLOCK,
                                "`accDescr {` is never closed, so the rest of the chart is read as the description",
                            )
                            .with_span(sp(t.start..t.vstart))
                            .with_hint("close the description with `}`"),
                        );
                    }
                    self.push(Kind::AccDescrMulti(t.vstart..t.end), t.start..t.end);
                }
                Tok::Click => self.click(t),
                Tok::TaskTxt => self.task(t),
                Tok::TaskData | Tok::Colon => {
                    let msg = "this line starts with `:`, so the task has no name; Mermaid cannot parse it"
                        .to_string();
                    self.diag(
                        Diagnostic::error(codes::MISSING_NAME, msg.clone())
                            .with_span(sp(t.start..t.start + 1))
                            .with_hint("write the task name before the colon: `Name : data`"),
                    );
                    if t.tok == Tok::TaskData {
                        self.push(
                            Kind::Task {
                                name: t.start..t.start,
                                data: t.start..t.end,
                                problem: Some((codes::MISSING_NAME, msg)),
                            },
                            t.start..t.end,
                        );
                    } else {
                        self.skip_line_from(t.start);
                    }
                }
                Tok::Gantt => self.hijack_error(t.start, t, "`gantt`"),
                Tok::Date => self.hijack_error(t.start, t, "an ISO date"),
                Tok::AccDescription => self.hijack_error(t.start, t, "`accDescription`"),
                Tok::CallbackName | Tok::CallbackArgs => self.hijack_error(t.start, t, "`call`"),
                Tok::Href => self.hijack_error(t.start, t, "`href`"),
                Tok::OpenDirective => {
                    self.diag(
                        Diagnostic::error(codes::DIRECTIVE, "Mermaid cannot parse this `%%{` directive")
                            .with_span(sp(t.start..t.end))
                            .with_hint("directives must have the form `%%{init: {…}}%%`"),
                    );
                    self.skip_line_from(t.start);
                }
                Tok::AccTitleValue | Tok::AccDescrValue => {
                    self.diag(
                        Diagnostic::error(codes::PARSE, "Mermaid cannot parse this text")
                            .with_span(sp(t.start..t.end.max(t.start + 1)))
                            .with_hint("remove it or write it as `name : data`"),
                    );
                    self.skip_line_from(t.start);
                }
            }
        }
    }

    /// A `#` right after a keyword value ends the value and is then a parse error.
    fn hash_after(&mut self, end: usize, kw: &str) {
        if self.s.as_bytes().get(end) == Some(&b'#') {
            let le = self.line_end(end);
            let msg = format!(
                "`#` ends the `{kw}` value; Mermaid cannot parse the rest of the line `{}`",
                &self.s[end..le]
            );
            self.diag(
                Diagnostic::error(codes::HASH_COMMENT, msg)
                    .with_span(sp(end..le.max(end + 1)))
                    .with_hint("Mermaid has no `#` comments; put a `%%` comment on its own line"),
            );
            self.skip_line_from(end);
        }
    }

    fn click(&mut self, t: Token) {
        let ids = t.vstart..t.end;
        let mut href = None;
        let n = self.next();
        let mut end = n.end;
        match n.tok {
            Tok::CallbackName => {
                if self.peek().tok == Tok::CallbackArgs {
                    end = self.next().end;
                }
                if self.peek().tok == Tok::Href {
                    let h = self.next();
                    end = h.end;
                    href = Some(h.vstart..h.end);
                }
            }
            Tok::Href => {
                href = Some(n.vstart..n.end);
                if self.peek().tok == Tok::CallbackName {
                    end = self.next().end;
                    if self.peek().tok == Tok::CallbackArgs {
                        end = self.next().end;
                    }
                }
            }
            _ => {
                self.hijack_error(t.start, n, "`click`");
                return;
            }
        }
        self.push(Kind::Click { ids, href }, t.start..end);
    }

    fn task(&mut self, t: Token) {
        let d = self.peek();
        let txt = &self.s[t.vstart..t.end];
        if d.tok == Tok::TaskData {
            self.next();
            let ls = self.s[..t.vstart].rfind('\n').map_or(0, |i| i + 1);
            let at_line_start = self.s[ls..t.vstart].chars().all(is_js_space);
            if !at_line_start && (txt.starts_with(';') || txt.starts_with('#')) {
                let (what, hint) = if txt.starts_with(';') {
                    (
                        "`;` ends the task data, so Mermaid reads the rest of the line as another task",
                        "put each task on its own line",
                    )
                } else {
                    (
                        "`#` ends the task data, so Mermaid reads the rest of the line as another task",
                        "Mermaid has no `#` comments; put a `%%` comment on its own line",
                    )
                };
                self.diag(
                    Diagnostic::warning(codes::LINE_SPLIT, format!("{what} named `{}`", txt[1..].trim()))
                        .with_span(sp(t.vstart..t.vstart + 1))
                        .with_hint(hint),
                );
            }
            self.push(
                Kind::Task { name: t.vstart..t.end, data: d.vstart..d.end, problem: None },
                t.vstart..d.end,
            );
            if self.s.as_bytes().get(d.end) == Some(&b'#') {
                // `# …` without a colon after it: a parse error in Mermaid.
                let le = self.line_end(d.end);
                if !self.s[d.end..le].contains(':') {
                    let msg = format!(
                        "`#` ends the task data; Mermaid cannot parse the rest of the line `{}`",
                        &self.s[d.end..le]
                    );
                    self.diag(
                        Diagnostic::error(codes::HASH_COMMENT, msg)
                            .with_span(sp(d.end..le))
                            .with_hint("Mermaid has no `#` comments; put a `%%` comment on its own line (boardpack ignores the text after `#`)"),
                    );
                    self.skip_line_from(d.end);
                }
            }
            return;
        }
        // A task name without data: a parse error.
        let name = txt.trim();
        if txt.starts_with('#') {
            // handled by the task before it (hash_after-like), or a line starting with '#'
            let le = self.line_end(t.vstart);
            self.diag(
                Diagnostic::error(
                    codes::HASH_COMMENT,
                    format!("Mermaid cannot parse `{}`: `#` does not start a comment", &self.s[t.vstart..le]),
                )
                .with_span(sp(t.vstart..le))
                .with_hint("Mermaid has no `#` comments; use `%%` on its own line"),
            );
        } else if d.tok == Tok::Colon {
            self.diag(
                Diagnostic::error(codes::PARSE, format!("task `{name}` has nothing after its `:`"))
                    .with_span(sp(t.vstart..d.end))
                    .with_hint("write the dates after the colon, e.g. `Name : 2025-01-06, 5d`"),
            );
        } else {
            let lower = name.to_ascii_lowercase();
            let keywords = [
                "title",
                "section",
                "dateformat",
                "axisformat",
                "tickinterval",
                "excludes",
                "includes",
                "todaymarker",
            ];
            let (msg, hint) = if keywords.contains(&lower.as_str()) {
                (
                    format!(
                        "`{name}` has no value (only blanks follow it), so Mermaid reads it as a task without `:` and cannot parse it"
                    ),
                    format!("write the value after `{name}` on the same line, or remove the line"),
                )
            } else if lower.starts_with("weekend ") || lower.starts_with("weekday ") {
                let kw = &name[..7];
                let allowed = if lower.starts_with("weekend") {
                    "`friday` or `saturday`"
                } else {
                    "a weekday name like `monday`"
                };
                (
                    format!("Mermaid cannot parse `{name}`: `{kw}` only accepts {allowed}"),
                    format!(
                        "write `{} {}`",
                        kw.to_ascii_lowercase(),
                        if lower.starts_with("weekend") { "friday" } else { "monday" }
                    ),
                )
            } else if let Some(rest) = txt.strip_prefix(';') {
                (
                    format!("`;` ends the task data, and Mermaid cannot parse the rest `{}`", rest.trim()),
                    "remove the text after `;` or put it on its own line as a task".to_string(),
                )
            } else {
                (
                    format!(
                        "Mermaid cannot parse `{name}`: a task line needs a `:` between the name and its data"
                    ),
                    "write the line as `Name : start, end` or make it a `%%` comment".to_string(),
                )
            };
            self.diag(Diagnostic::error(codes::PARSE, msg).with_span(sp(t.vstart..t.end)).with_hint(hint));
        }
        self.skip_line_from(t.vstart);
    }
}

pub fn parse(s: &str) -> Parsed {
    let mut p =
        Parser { s, lx: Lexer::new(s), peeked: None, stmts: Vec::new(), diags: Vec::new(), hijacked: false };
    p.run();
    for r in std::mem::take(&mut p.lx.swallowed) {
        let text = s[r.clone()].trim();
        p.diags.push(
            Diagnostic::warning(
                codes::COMMENT_SWALLOW,
                format!(
                    "Mermaid drops the line `{text}`: a `%` in its first two characters starts a comment"
                ),
            )
            .with_span(sp(r))
            .with_hint("start the name with something else (e.g. `Buffer 5%` instead of `5% buffer`)"),
        );
    }
    Parsed { stmts: p.stmts, diags: p.diags }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<String> {
        parse(s)
            .stmts
            .iter()
            .map(|st| match &st.kind {
                Kind::Task { name, data, problem } => {
                    format!(
                        "task[{}|{}{}]",
                        &s[name.clone()],
                        &s[data.clone()],
                        if problem.is_some() { "!" } else { "" }
                    )
                }
                Kind::Section(v) => format!("section[{}]", &s[v.clone()]),
                Kind::Title(v) => format!("title[{}]", &s[v.clone()]),
                Kind::DateFormat(v) => format!("df[{}]", &s[v.clone()]),
                Kind::Includes(v) => format!("inc[{}]", &s[v.clone()]),
                Kind::TickInterval(v) => format!("tick[{}]", &s[v.clone()]),
                k => format!("{k:?}"),
            })
            .collect()
    }

    #[test]
    fn hijacks() {
        assert_eq!(kinds("gantt\nSection review : a, 1d\n"), vec!["section[review : a, 1d]"]);
        assert_eq!(kinds("gantt\ntitle\ndateFormat YYYY\n"), vec!["title[dateFormat YYYY]"]);
        assert_eq!(kinds("gantt\n  5% x :a, 1d\n  50% y :b, 1d\n"), vec!["task[50% y |:b, 1d]"]);
        assert_eq!(
            kinds("gantt\n  a :p1, 1d; Part two :p2, 2d\n"),
            vec!["task[a |:p1, 1d]", "task[; Part two |:p2, 2d]"]
        );
        assert_eq!(
            kinds("gantt\n  Gantt review :g, 1d\n  b :c, 2d\n"),
            vec!["task[Gantt review |:g, 1d!]", "task[b |:c, 2d]"]
        );
        assert_eq!(
            kinds("gantt\n  2025-03-01 kick-off :k, 1d\n"),
            vec!["task[2025-03-01 kick-off |:k, 1d!]"]
        );
        assert_eq!(kinds("gantt\n  2025 kick-off :k, 1d\n"), vec!["task[2025 kick-off |:k, 1d]"]);
        assert_eq!(
            kinds("gantt\n  Call for papers :k, 1d\n  x :y, 1d\n"),
            vec!["task[Call for papers |:k, 1d!]", "task[x |:y, 1d]"]
        );
        assert_eq!(kinds("gantt\n  :k, 1d\n"), vec!["task[|:k, 1d!]"]);
        assert_eq!(kinds("gantt\n  a :k, 1d # c\n  b :x, 1d\n"), vec!["task[a |:k, 1d ]", "task[b |:x, 1d]"]);
        assert_eq!(kinds("gantt\n  tickInterval  1week\n"), vec!["tick[ 1week]"]);
        assert_eq!(kinds("gantt\n  Includes review : a, 1d\n"), vec!["inc[review : a, 1d]"]);
        assert_eq!(kinds("gantt\n  click a href \"u\"\n"), vec!["Click { ids: 14..15, href: Some(22..23) }"]);
        assert_eq!(kinds("gantt\n  click a call f(1) href \"u\"\n").len(), 1);
        let p = parse("gantt\n  just words\n  a :b, 1d\n");
        assert_eq!(p.stmts.len(), 1);
        assert_eq!(p.diags.len(), 1);
    }

    #[test]
    fn a_today_marker_style_is_not_a_hijacked_task() {
        let codes = |s: &str| parse(s).diags.iter().map(|d| d.code).collect::<Vec<_>>();
        assert!(codes("gantt\n  todayMarker stroke-width:5px,stroke:#0f0,opacity:0.5\n").is_empty());
        assert!(codes("gantt\n  todayMarker stroke: red, stroke-width: 3px\n").is_empty());
        // A task that happens to start with the keyword still is one.
        assert_eq!(codes("gantt\n  todayMarker review :a, 2026-01-05, 3d\n"), [codes::KEYWORD_HIJACK]);
    }
}
