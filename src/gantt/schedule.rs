//! Task resolution: Mermaid's `addTask`/`parseData` (tags, items, ids) and `getTasks`
//! (up to 11 compile passes in file order), reproduced exactly, plus the diagnostics that
//! explain its quirks.
//!
//! Cost: every pass is linear (hash lookups; start/end expressions are parsed once;
//! the excludes shift is memoised per task and is logarithmic in the span for the usual
//! calendars), and there are at most 11 passes, so resolution is linear in the tasks.
//! After the passes, a dependency graph of the tasks left undated (Tarjan SCCs) tells
//! cycles, too-deep forward chains and tasks that wait for a broken task apart.

use super::codes;
use super::dates::{self, EndExpr, How, StartExpr, Unit, js_trim};
use super::dayjs::{self, Now};
use super::excludes::{Calendar, ShiftError};
use super::jsdate::{self, MS_PER_DAY};
use crate::date::{Date, DateTime};
use crate::diag::{Diagnostic, Span};
use crate::model::{RawTask, Task, TaskFlags, TaskProblem, TaskStatus};
use std::collections::HashMap;
use std::ops::Range;

pub const MAX_PASSES: usize = 11;
const TAGS: [&str; 5] = ["active", "done", "crit", "milestone", "vert"];

pub struct Settings {
    /// The trimmed `dateFormat` ("" when absent).
    pub date_format: String,
    pub inclusive: bool,
    pub calendar: Calendar,
    pub now: Now,
    pub today: Date,
}

/// A task statement: ranges into the pre-processed text; `data` starts at the `:`.
pub struct TaskStmt {
    pub name: Range<usize>,
    pub data: Range<usize>,
    pub section: usize,
    pub problem: Option<(&'static str, String)>,
    /// Text of the name as written in the caller's text (trimmed).
    pub name_text: String,
    /// The data as written in the caller's text (after the colon).
    pub data_text: String,
}

#[derive(Clone, Debug)]
enum StartKind {
    Prev,
    Expr(StartExpr),
    None,
}

#[derive(Clone, Debug)]
struct Def {
    flags: TaskFlags,
    order: i64,
    id: Option<String>,
    id_explicit: bool,
    /// The key under which the task is found (`None`: not registered).
    key: Option<String>,
    prev_key: String,
    /// Index of the task registered just before (the "task above").
    prev_index: Option<usize>,
    start: StartKind,
    start_range: Option<Range<usize>>,
    start_text: Option<String>,
    end: Option<EndExpr>,
    end_range: Option<Range<usize>>,
    end_text: Option<String>,
    manual: bool,
    /// The error reported for this task (parse-level or static).
    problem: Option<(&'static str, String)>,
    /// A static error makes the task impossible to date: it is never computed.
    blocked: bool,
    first_item: Option<Range<usize>>,
}

/// The last excludes shift of a task: `((start, end), (shifted end, render end))`.
type ShiftMemo = ((i64, i64), (i64, Option<i64>));

#[derive(Clone, Copy, Debug, Default)]
struct TaskDates {
    start: Option<i64>,
    end: Option<i64>,
    render_end: Option<i64>,
    processed: bool,
    dead: bool,
}

fn in_range(ms: i64) -> bool {
    Date::from_days(jsdate::day_number(ms)).is_some()
}

/// Splits `data` (after the colon) at every `,`: item ranges, JS-trimmed.
fn items(text: &str, data: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = data.start;
    let s = &text[data.clone()];
    for piece in s.split(',') {
        let r = at..at + piece.len();
        let trimmed = js_trim(piece);
        let lead = piece.len() - piece.trim_start_matches(jsdate::is_js_space).len();
        out.push(r.start + lead..r.start + lead + trimmed.len());
        at = r.end + 1;
    }
    out
}

fn gt(a: Option<i64>, b: Option<i64>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a > b)
}

fn lt(a: Option<i64>, b: Option<i64>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a < b)
}

fn span_of(r: &Range<usize>) -> Span {
    Span::new(r.start, r.end.max(r.start))
}

pub struct Output {
    pub tasks: Vec<Task>,
    /// Spans into the pre-processed text.
    pub diags: Vec<Diagnostic>,
    pub ids: HashMap<String, usize>,
}

struct Simulation<'a> {
    defs: Vec<Def>,
    dates: Vec<TaskDates>,
    ids: HashMap<String, usize>,
    set: &'a Settings,
    today_ms: i64,
    shift_cache: Vec<Option<ShiftMemo>>,
    failures: Vec<Option<(&'static str, String)>>,
}

impl Simulation<'_> {
    fn lookup(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    fn compile(&mut self, i: usize) {
        if self.dates[i].dead || self.defs[i].blocked {
            return;
        }
        match &self.defs[i].start {
            StartKind::Prev => {
                let Some(j) = self.lookup(&self.defs[i].prev_key) else {
                    return;
                };
                self.dates[i].start = self.dates[j].end;
            }
            StartKind::Expr(StartExpr::Date(ms, _)) => self.dates[i].start = Some(*ms),
            StartKind::Expr(StartExpr::After { ids, .. }) => {
                let mut latest: Option<usize> = None;
                for id in ids {
                    if let Some(j) = self.lookup(id) {
                        match latest {
                            None => latest = Some(j),
                            Some(l) if gt(self.dates[j].end, self.dates[l].end) => latest = Some(j),
                            _ => {}
                        }
                    }
                }
                let v = match latest {
                    Some(l) => self.dates[l].end,
                    None => Some(self.today_ms),
                };
                if v.is_some() {
                    self.dates[i].start = v;
                }
            }
            _ => return,
        }
        let Some(start) = self.dates[i].start else {
            return;
        };
        let end = match &self.defs[i].end {
            Some(EndExpr::Until { ids, .. }) => {
                let mut earliest: Option<usize> = None;
                for id in ids {
                    if let Some(j) = self.lookup(id) {
                        match earliest {
                            None => earliest = Some(j),
                            Some(l) if lt(self.dates[j].start, self.dates[l].start) => earliest = Some(j),
                            _ => {}
                        }
                    }
                }
                match earliest {
                    Some(l) => self.dates[l].start,
                    None => Some(self.today_ms),
                }
            }
            Some(EndExpr::Date(ms)) => Some(*ms),
            Some(EndExpr::Duration(v, u)) => Some(dates::add_duration(start, *v, *u).unwrap_or(start)),
            Some(EndExpr::Invalid) => Some(start),
            Some(EndExpr::Throws) | None => return,
        };
        self.dates[i].end = end;
        let Some(end) = end else { return };
        self.dates[i].processed = true;
        if !in_range(end) {
            self.kill(
                i,
                codes::DATE_OUT_OF_RANGE,
                format!(
                    "the end {} is outside the years boardpack supports (-9999 to 9999)",
                    dates::show(end)
                ),
            );
            return;
        }
        if self.set.calendar.active() && !self.defs[i].manual {
            let key = (start, end);
            let result = match self.shift_cache[i] {
                Some((k, r)) if k == key => Ok(r),
                _ => self.set.calendar.shift(start, end),
            };
            match result {
                Ok((e, r)) => {
                    self.shift_cache[i] = Some((key, (e, r)));
                    if !in_range(e) {
                        self.kill(
                            i,
                            codes::DATE_OUT_OF_RANGE,
                            format!("after skipping excluded days the end {} is outside the years boardpack supports", dates::show(e)),
                        );
                        return;
                    }
                    self.dates[i].end = Some(e);
                    self.dates[i].render_end = r;
                }
                Err(ShiftError::Exhausted) => self.kill(
                    i,
                    codes::EXCLUDES_EXHAUSTED,
                    "`excludes` leaves no working day within 10,000 days after the end, so Mermaid fails (\"Failed to find a valid date … after 10,000 iterations\")".into(),
                ),
                Err(ShiftError::FormatThrows) => self.kill(
                    i,
                    codes::UNSUPPORTED_FORMAT,
                    format!("Mermaid fails while applying `excludes`: the date format `{}` uses a token dayjs cannot format without a plugin", self.set.date_format),
                ),
                Err(ShiftError::TooLong) => self.kill(
                    i,
                    codes::DATE_OUT_OF_RANGE,
                    "the task spans too many days for boardpack to apply `excludes` day by day with this `dateFormat`".into(),
                ),
            }
        }
    }

    fn kill(&mut self, i: usize, code: &'static str, msg: String) {
        self.dates[i].dead = true;
        self.dates[i].processed = false;
        self.dates[i].end = None;
        self.dates[i].render_end = None;
        if self.failures[i].is_none() {
            self.failures[i] = Some((code, msg));
        }
    }

    fn run(&mut self) -> usize {
        let mut passes = 0;
        loop {
            passes += 1;
            let mut all = true;
            for i in 0..self.defs.len() {
                self.compile(i);
                all = all && self.dates[i].processed;
            }
            if all || passes >= MAX_PASSES {
                return passes;
            }
        }
    }

    fn deps(&self, i: usize) -> Vec<usize> {
        let d = &self.defs[i];
        let mut out = Vec::new();
        match &d.start {
            StartKind::Prev => out.extend(self.lookup(&d.prev_key)),
            StartKind::Expr(StartExpr::After { ids, .. }) => {
                out.extend(ids.iter().filter_map(|id| self.lookup(id)))
            }
            _ => {}
        }
        if let Some(EndExpr::Until { ids, .. }) = &d.end {
            out.extend(ids.iter().filter_map(|id| self.lookup(id)));
        }
        out
    }
}

#[derive(Clone, Debug)]
enum Why {
    Broken(usize),
    /// Index of the cyclic component.
    Cycle(usize),
    Deep,
}

/// Tarjan's SCCs over the undated tasks (iterative), in dependency-first order.
fn sccs(n: usize, nodes: &[usize], edges: &dyn Fn(usize) -> Vec<usize>, member: &[bool]) -> Vec<Vec<usize>> {
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0;
    for &root in nodes {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, Vec<usize>, usize)> =
            vec![(root, edges(root).into_iter().filter(|&j| member[j]).collect(), 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on[root] = true;
        while let Some((v, succ, k)) = work.last_mut() {
            let v = *v;
            if *k < succ.len() {
                let w = succ[*k];
                *k += 1;
                if index[w] == usize::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on[w] = true;
                    let ws = edges(w).into_iter().filter(|&j| member[j]).collect();
                    work.push((w, ws, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some((parent, _, _)) = work.last() {
                    let p = *parent;
                    low[p] = low[p].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut comp = Vec::new();
                    while let Some(w) = stack.pop() {
                        on[w] = false;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    comp.sort_unstable();
                    out.push(comp);
                }
            }
        }
    }
    out
}

fn has_year_token(fmt: &str) -> bool {
    let mut in_bracket = false;
    for c in fmt.chars() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            'Y' | 'X' | 'x' if !in_bracket => return true,
            _ => {}
        }
    }
    false
}

pub fn resolve(text: &str, stmts: &[TaskStmt], set: &Settings) -> Output {
    let chart = Chart { text, stmts, set };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let (mut defs, ids) = chart.define_tasks(&mut diags);
    chart.check_statically(&mut defs, &ids, &mut diags);
    let n = defs.len();
    let mut sim = Simulation {
        defs,
        dates: vec![TaskDates::default(); n],
        ids,
        set,
        today_ms: DateTime::from_date(set.today).ms(),
        shift_cache: vec![None; n],
        failures: vec![None; n],
    };
    sim.run();
    chart.report_failures(&sim, &mut diags);
    let problems = chart.explain_undated(&sim, &mut diags);
    chart.warn_quirks(&sim, &mut diags);
    chart.warn_duplicate_ids(&sim, &mut diags);
    let tasks = chart.tasks(&sim, problems);
    Output { tasks, diags, ids: sim.ids }
}

/// What every phase of [`resolve`] reads: the chart's text, its task statements and settings.
struct Chart<'a> {
    text: &'a str,
    stmts: &'a [TaskStmt],
    set: &'a Settings,
}

/// Warnings given once per chart.
#[derive(Default)]
struct Warned {
    fallback: bool,
    time_only: bool,
}

impl Chart<'_> {
    /// How a task is named in messages: its name, and its id when the author wrote one.
    fn label(&self, defs: &[Def], i: usize) -> String {
        let d = &defs[i];
        match (&d.id, d.id_explicit) {
            (Some(id), true) => format!("`{}` ({})", self.stmts[i].name_text, id),
            _ => format!("`{}`", self.stmts[i].name_text),
        }
    }

    /// Mermaid's `addTask`/`parseData`: every statement's tags, id, start and end, each id
    /// registered under its key (the map keeps the last definition).
    fn define_tasks(&self, diags: &mut Vec<Diagnostic>) -> (Vec<Def>, HashMap<String, usize>) {
        let (text, stmts, set) = (self.text, self.stmts, self.set);
        let fmt = set.date_format.as_str();
        let now = set.now;
        let mut defs: Vec<Def> = Vec::with_capacity(stmts.len());
        let mut map: HashMap<String, usize> = HashMap::new();
        let mut counter = 0u64;
        let mut last_order = 0i64;
        let mut last_key: String = "undefined".into();
        let mut last_index: Option<usize> = None;
        for (idx, ts) in stmts.iter().enumerate() {
            let data = ts.data.start + 1..ts.data.end;
            let mut parts = items(text, data.clone());
            let mut flags = TaskFlags::default();
            let first_item = parts.first().cloned();
            // getTaskTags
            let mut tags_only = false;
            'tags: loop {
                let mut matched = false;
                for tag in TAGS {
                    let Some(first) = parts.first() else {
                        tags_only = true;
                        break 'tags;
                    };
                    if &text[first.clone()] == tag {
                        match tag {
                            "active" => flags.active = true,
                            "done" => flags.done = true,
                            "crit" => flags.crit = true,
                            "milestone" => flags.milestone = true,
                            _ => flags.vert = true,
                        }
                        parts.remove(0);
                        matched = true;
                    }
                }
                if !matched {
                    break;
                }
            }
            let order = if flags.vert {
                -1
            } else {
                last_order += 1;
                last_order - 1
            };
            let mut def = Def {
                flags,
                order,
                id: None,
                id_explicit: false,
                key: None,
                prev_key: last_key.clone(),
                prev_index: last_index,
                start: StartKind::None,
                start_range: None,
                start_text: None,
                end: None,
                end_range: None,
                end_text: None,
                manual: false,
                problem: ts.problem.clone(),
                blocked: false,
                first_item,
            };
            let item_text = |r: &Range<usize>| text[r.clone()].to_string();
            if tags_only {
                let msg = "the task has only tags (like `crit`) and no dates; Mermaid fails (\"Cannot read properties of undefined (reading 'match')\")".to_string();
                diags.push(
                    Diagnostic::error(codes::TAGS_ONLY, msg.clone())
                        .with_span(span_of(&data))
                        .with_hint("add the dates after the tags, e.g. `crit, 2025-01-06, 5d`"),
                );
                def.problem.get_or_insert((codes::TAGS_ONLY, msg));
                def.blocked = true;
                defs.push(def);
                continue;
            }
            let n = parts.len();
            let (start_item, end_item) = match n {
                1 => {
                    counter += 1;
                    def.id = Some(format!("task{counter}"));
                    def.start = StartKind::Prev;
                    (None, parts[0].clone())
                }
                2 => {
                    counter += 1;
                    def.id = Some(format!("task{counter}"));
                    (Some(parts[0].clone()), parts[1].clone())
                }
                _ => {
                    def.id = Some(item_text(&parts[0]));
                    def.id_explicit = true;
                    if n > 3 {
                        let extra = &parts[3..];
                        let all_empty = extra.iter().all(|r| r.is_empty());
                        let msg = format!(
                            "the task has {n} items after its tags; Mermaid allows at most 3 (id, start, end) and fails (\"Cannot read properties of undefined (reading 'type')\")"
                        );
                        let hint = if all_empty {
                            "remove the trailing comma after the end".to_string()
                        } else {
                            "write `id, start, end`; commas cannot appear inside an item".to_string()
                        };
                        let at = extra
                            .first()
                            .map_or(data.clone(), |r| r.start.saturating_sub(1)..r.end.max(r.start));
                        diags.push(
                            Diagnostic::error(codes::TOO_MANY_FIELDS, msg.clone())
                                .with_span(span_of(&at))
                                .with_hint(hint),
                        );
                        def.problem.get_or_insert((codes::TOO_MANY_FIELDS, msg));
                        if !all_empty {
                            def.blocked = true;
                            def.key = def.id.clone();
                            map.insert(def.id.clone().unwrap_or_default(), idx);
                            last_key = def.id.clone().unwrap_or_else(|| "undefined".into());
                            last_index = Some(idx);
                            defs.push(def);
                            continue;
                        }
                    }
                    (Some(parts[1].clone()), parts[2].clone())
                }
            };
            // Register (the map keeps the last definition).
            let key = def.id.clone().unwrap_or_else(|| "undefined".into());
            def.key = Some(key.clone());
            map.insert(key.clone(), idx);
            last_key = key;
            last_index = Some(idx);
            // Start.
            if let Some(r) = &start_item {
                def.start_range = Some(r.clone());
                def.start_text = Some(item_text(r));
                def.start = StartKind::Expr(dates::start_expr(&text[r.clone()], fmt, now));
            }
            def.end_range = Some(end_item.clone());
            def.end_text = Some(item_text(&end_item));
            let end = dates::end_expr(&text[end_item.clone()], fmt, set.inclusive, now);
            def.manual = dayjs::is_strict_ymd(js_trim(&text[end_item.clone()]));
            def.end = Some(end);
            defs.push(def);
        }

        (defs, map)
    }

    /// Checks that need the whole id map: a start from a task above that does not exist,
    /// starts and ends no date can come from. Such a task is blocked: never computed.
    fn check_statically(&self, defs: &mut [Def], map: &HashMap<String, usize>, diags: &mut Vec<Diagnostic>) {
        let (text, stmts) = (self.text, self.stmts);
        let fmt = self.set.date_format.as_str();
        for i in 0..defs.len() {
            if defs[i].blocked {
                continue;
            }
            let name = &stmts[i].name_text;
            match &defs[i].start {
                StartKind::Prev if !map.contains_key(&defs[i].prev_key) => {
                    let msg = format!(
                        "`{name}` has only an end (`{}`) but no task comes before it to start from; Mermaid fails (\"Cannot read properties of undefined (reading 'endTime')\")",
                        defs[i].end_text.clone().unwrap_or_default()
                    );
                    diags.push(
                        Diagnostic::error(codes::NO_PREVIOUS_TASK, msg.clone())
                            .with_span(span_of(defs[i].end_range.as_ref().unwrap_or(&stmts[i].data)))
                            .with_hint("give the first task a start date, e.g. `2025-01-06, 5d`"),
                    );
                    defs[i].problem.get_or_insert((codes::NO_PREVIOUS_TASK, msg));
                    defs[i].blocked = true;
                }
                StartKind::Expr(e @ (StartExpr::Invalid | StartExpr::OutOfRange | StartExpr::Throws)) => {
                    let r = defs[i].start_range.clone().unwrap_or(stmts[i].data.clone());
                    let t = defs[i].start_text.clone().unwrap_or_default();
                    let (code, msg, hint) = match e {
                        StartExpr::Throws => (
                            codes::UNSUPPORTED_FORMAT,
                            format!("Mermaid fails on the start `{t}`: the date format `{fmt}` uses a token that dayjs cannot handle without a plugin"),
                            "use only the tokens YYYY, YY, M, MM, MMM, MMMM, D, DD, Do, H, HH, h, hh, m, mm, s, ss, S…SSS, A, a, Q, X, x".to_string(),
                        ),
                        StartExpr::OutOfRange => (
                            codes::DATE_OUT_OF_RANGE,
                            format!("the start `{t}` is outside the dates JavaScript can represent"),
                            "check the number".to_string(),
                        ),
                        _ if TAGS.contains(&js_trim(&t)) => (
                            codes::MISPLACED_TAG,
                            format!("`{t}` is a tag, but tags only count before the id; Mermaid reads it as the start date and fails (\"Invalid date:{t}\")"),
                            {
                                let all: Vec<String> = items(text, stmts[i].data.start + 1..stmts[i].data.end).iter().map(|r| text[r.clone()].to_string()).collect();
                                let mut rest: Vec<String> = all.iter().filter(|x| x.as_str() != js_trim(&t)).cloned().collect();
                                rest.insert(0, js_trim(&t).to_string());
                                format!("tags go before the id: `{}`", rest.join(", "))
                            },
                        ),
                        _ => {
                            let (why, fix) = dates::explain_invalid(&t, fmt);
                            let mut hint = match fix {
                                Some(f) => format!("did you mean `{f}`?"),
                                None if why.starts_with("year ") => "check the year".to_string(),
                                None if fmt.is_empty() => "add `dateFormat YYYY-MM-DD` and write dates like `2025-01-06`".to_string(),
                                None => format!("write the start as a date in the format `{fmt}`, `after <id>`, or give only an end to start after the previous task"),
                            };
                            let items_after_tags = if defs[i].id_explicit { 3 } else { 2 };
                            if items_after_tags == 2 && !t.bytes().any(|b| b.is_ascii_digit()) || t.len() <= 3 && !t.contains('-') {
                                hint.push_str(&format!(
                                    "; if `{t}` is meant as the task's id, the line needs three items: `{t}, <start>, <end>` (a trailing comma makes an empty end)"
                                ));
                            }
                            (
                                codes::INVALID_DATE,
                                format!("`{t}` is not a valid start date: {why}; Mermaid fails to draw the chart (\"Invalid date:{t}\")"),
                                hint,
                            )
                        }
                    };
                    diags.push(Diagnostic::error(code, msg.clone()).with_span(span_of(&r)).with_hint(hint));
                    defs[i].problem.get_or_insert((code, msg));
                    defs[i].blocked = true;
                }
                StartKind::Expr(StartExpr::Date(ms, _)) if !in_range(*ms) => {
                    let r = defs[i].start_range.clone().unwrap_or(stmts[i].data.clone());
                    let msg = format!(
                        "the start {} is outside the years boardpack supports (-9999 to 9999)",
                        dates::show(*ms)
                    );
                    diags.push(
                        Diagnostic::error(codes::DATE_OUT_OF_RANGE, msg.clone())
                            .with_span(span_of(&r))
                            .with_hint("check the year"),
                    );
                    defs[i].problem.get_or_insert((codes::DATE_OUT_OF_RANGE, msg));
                    defs[i].blocked = true;
                }
                _ => {}
            }
            if !defs[i].blocked {
                if let Some(EndExpr::Throws) = &defs[i].end {
                    let r = defs[i].end_range.clone().unwrap_or(stmts[i].data.clone());
                    let msg = format!(
                        "Mermaid fails on the end: the date format `{fmt}` uses a token that dayjs cannot handle without a plugin"
                    );
                    diags.push(
                        Diagnostic::error(codes::UNSUPPORTED_FORMAT, msg.clone()).with_span(span_of(&r)),
                    );
                    defs[i].problem.get_or_insert((codes::UNSUPPORTED_FORMAT, msg));
                    defs[i].blocked = true;
                } else if let Some(EndExpr::Date(ms)) = &defs[i].end
                    && !in_range(*ms)
                {
                    let r = defs[i].end_range.clone().unwrap_or(stmts[i].data.clone());
                    let msg = format!(
                        "the end {} is outside the years boardpack supports (-9999 to 9999)",
                        dates::show(*ms)
                    );
                    diags.push(
                        Diagnostic::error(codes::DATE_OUT_OF_RANGE, msg.clone()).with_span(span_of(&r)),
                    );
                    defs[i].problem.get_or_insert((codes::DATE_OUT_OF_RANGE, msg));
                    defs[i].blocked = true;
                }
            }
        }
    }

    /// The errors the passes ran into (an end out of range, `excludes` without working days).
    fn report_failures(&self, sim: &Simulation<'_>, diags: &mut Vec<Diagnostic>) {
        let stmts = self.stmts;
        for (i, e) in sim.failures.iter().enumerate() {
            if let Some((code, msg)) = e {
                let r = sim.defs[i].end_range.clone().unwrap_or(stmts[i].data.clone());
                let hint = if *code == codes::EXCLUDES_EXHAUSTED {
                    "check the `excludes` line: it must leave some days of the week as working days"
                } else {
                    "check the dates of this task"
                };
                diags.push(Diagnostic::error(code, msg.clone()).with_span(span_of(&r)).with_hint(hint));
            }
        }
    }

    /// Why the tasks left undated are undated (a broken task they wait for, a cycle, a chain
    /// too deep for the passes), as a warning each; returns every task's problem.
    fn explain_undated(&self, sim: &Simulation<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Option<TaskProblem>> {
        let stmts = self.stmts;
        let n = sim.defs.len();
        let label = |i: usize| self.label(&sim.defs, i);
        let broken: Vec<bool> = (0..n).map(|i| sim.defs[i].blocked || sim.dates[i].dead).collect();
        let undated: Vec<bool> = (0..n).map(|i| !broken[i] && !sim.dates[i].processed).collect();
        let nodes: Vec<usize> = (0..n).filter(|&i| undated[i]).collect();
        let mut why: Vec<Option<Why>> = vec![None; n];
        let mut comps: Vec<Vec<usize>> = Vec::new();
        if !nodes.is_empty() {
            let edges = |i: usize| sim.deps(i);
            let mut comp_of = vec![usize::MAX; n];
            for comp in sccs(n, &nodes, &edges, &undated) {
                let ci = comps.len();
                for &m in &comp {
                    comp_of[m] = ci;
                }
                let mut reason: Option<Why> = None;
                let mut cycle_dep: Option<usize> = None;
                for &m in &comp {
                    for j in sim.deps(m) {
                        if broken[j] {
                            reason = Some(Why::Broken(j));
                        } else if undated[j] && comp_of[j] != ci {
                            match &why[j] {
                                Some(Why::Broken(r)) => reason = Some(Why::Broken(*r)),
                                Some(Why::Cycle(c)) => cycle_dep = Some(*c),
                                _ => {}
                            }
                        }
                    }
                }
                let cyclic = comp.len() > 1 || sim.deps(comp[0]).contains(&comp[0]);
                let reason = match reason {
                    Some(r) => r,
                    None if cyclic => Why::Cycle(ci),
                    None => cycle_dep.map_or(Why::Deep, Why::Cycle),
                };
                for &m in &comp {
                    why[m] = Some(reason.clone());
                }
                comps.push(comp);
            }
        }

        let mut problems: Vec<Option<TaskProblem>> = sim
            .defs
            .iter()
            .zip(&sim.failures)
            .map(|(d, e)| {
                d.problem.clone().or_else(|| e.clone()).map(|(code, message)| TaskProblem { code, message })
            })
            .collect();
        for i in 0..n {
            let Some(w) = &why[i] else { continue };
            let at = sim.defs[i].start_range.clone().unwrap_or(stmts[i].data.clone());
            let (code, msg, hint) = match w {
                Why::Broken(r) => (
                    codes::DEPENDS_ON_UNDATED,
                    format!(
                        "{} is not dated because it depends on {}, which has an error",
                        label(i),
                        label(*r)
                    ),
                    "fix the task it depends on".to_string(),
                ),
                Why::Cycle(ci) => {
                    let c = &comps[*ci];
                    let mut names: Vec<String> =
                        c.iter().take(6).map(|&k| sim.defs[k].id.clone().unwrap_or_default()).collect();
                    if c.len() > 6 {
                        names.push(format!("… ({} tasks)", c.len()));
                    }
                    if c.binary_search(&i).is_ok() {
                        (
                            codes::CYCLE,
                            format!(
                                "{} is never dated: it is part of a dependency cycle ({}); Mermaid leaves these tasks without dates",
                                label(i),
                                names.join(" → ")
                            ),
                            "break the cycle: one of these tasks needs a start date".to_string(),
                        )
                    } else {
                        (
                            codes::CYCLE,
                            format!(
                                "{} is never dated: it depends on the dependency cycle ({})",
                                label(i),
                                names.join(" → ")
                            ),
                            "break the cycle: one of these tasks needs a start date".to_string(),
                        )
                    }
                }
                Why::Deep => (
                    codes::CHAIN_TOO_DEEP,
                    format!(
                        "{} is never dated: it refers forward to tasks defined below it, in a chain deeper than Mermaid resolves ({MAX_PASSES} passes)",
                        label(i)
                    ),
                    "define tasks before the tasks that refer to them (`after`, `until`, or the line above)"
                        .to_string(),
                ),
            };
            diags.push(Diagnostic::warning(code, msg.clone()).with_span(span_of(&at)).with_hint(hint));
            problems[i] = Some(TaskProblem { code, message: msg });
        }

        problems
    }

    /// Quirk warnings for the tasks that could be dated.
    fn warn_quirks(&self, sim: &Simulation<'_>, diags: &mut Vec<Diagnostic>) {
        // Ids that swallowed part of a name through a `:` (`Sprint 1: Foundation :s1`),
        // by the part after the colon.
        let mut colon_tails: HashMap<String, String> = HashMap::new();
        for k in sim.ids.keys() {
            if let Some((_, tail)) = k.rsplit_once(':') {
                let e = colon_tails.entry(tail.trim().to_string()).or_insert_with(|| k.clone());
                if k < e {
                    *e = k.clone();
                }
            }
        }
        let mut warned = Warned::default();
        for i in 0..sim.defs.len() {
            if sim.defs[i].blocked {
                continue;
            }
            self.warn_references(sim, i, &colon_tails, diags);
            self.warn_start_reading(sim, i, &mut warned, diags);
            self.warn_end(sim, i, diags);
            self.warn_colon_in_name(sim, i, diags);
            self.warn_resolved_dates(sim, i, diags);
            self.warn_previous_link(sim, i, diags);
        }
    }

    /// `after` and `until`: truncated and unknown ids, and the forward-reference order quirk.
    fn warn_references(
        &self,
        sim: &Simulation<'_>,
        i: usize,
        colon_tails: &HashMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (text, set) = (self.text, self.set);

        let label = |i: usize| self.label(&sim.defs, i);
        let (d, s) = (&sim.defs[i], sim.dates[i]);
        // ids referenced by after / until
        let mut refs: Vec<(&str, &Vec<String>, &String, Range<usize>)> = Vec::new();
        if let (StartKind::Expr(StartExpr::After { ids, rest }), Some(r)) = (&d.start, &d.start_range) {
            refs.push(("after", ids, rest, r.clone()));
        }
        if let (Some(EndExpr::Until { ids, rest }), Some(r)) = (&d.end, &d.end_range) {
            refs.push(("until", ids, rest, r.clone()));
        }
        for (kw, ids, rest, r) in refs {
            let unknown: Vec<&String> = ids.iter().filter(|id| !sim.ids.contains_key(id.as_str())).collect();
            if !rest.is_empty() {
                let written = js_trim(&text[r.clone()]);
                let read = if ids.is_empty() { String::new() } else { ids.join(" ") };
                diags.push(
                    Diagnostic::warning(
                        codes::TRUNCATED_ID,
                        format!(
                            "Mermaid reads `{written}` as `{kw} {read}`: ids in `{kw}` may only contain ASCII letters, digits, `_` and `-`, and the rest `{}` is ignored",
                            rest.trim()
                        ),
                    )
                    .with_span(span_of(&r))
                    .with_hint("use ids made of ASCII letters, digits, `_` and `-` only"),
                );
            }
            if !unknown.is_empty() {
                let none_found = unknown.len() == ids.len();
                let list: Vec<String> = unknown.iter().map(|s| format!("`{s}`")).collect();
                let what = if kw == "after" { "start" } else { "end" };
                let msg = if none_found {
                    format!(
                        "`{kw}` refers to unknown task id(s) {}; Mermaid then uses today ({}) as the {what}, so the chart changes every day",
                        list.join(", "),
                        set.today
                    )
                } else {
                    format!("`{kw}` refers to unknown task id(s) {}, which Mermaid skips", list.join(", "))
                };
                let colon_id = unknown.iter().find_map(|u| colon_tails.get(u.as_str()).map(|k| (u, k)));
                let hint = match colon_id {
                    Some((u, k)) => format!(
                        "a task has the id `{k}`: a `:` in its name moved part of the name into the id; remove that `:` so that the id is `{u}`"
                    ),
                    None => "give the referenced task this id as the first of three items: `Name : id, start, end`".to_string(),
                };
                diags
                    .push(Diagnostic::warning(codes::UNKNOWN_ID, msg).with_span(span_of(&r)).with_hint(hint));
            }
            // forward-reference order quirk
            let found: Vec<usize> = ids.iter().filter_map(|id| sim.ids.get(id.as_str()).copied()).collect();
            if found.len() >= 2 && s.processed {
                let vals: Vec<Option<i64>> = found
                    .iter()
                    .map(|&j| if kw == "after" { sim.dates[j].end } else { sim.dates[j].start })
                    .collect();
                if vals.iter().all(Option::is_some) {
                    let vals: Vec<i64> = vals.into_iter().flatten().collect();
                    let ideal = if kw == "after" { vals.iter().max() } else { vals.iter().min() }.copied();
                    let got = if kw == "after" { s.start } else { None };
                    if kw == "after" && got.is_some() && got != ideal {
                        diags.push(
                            Diagnostic::warning(
                                codes::AFTER_ORDER,
                                format!(
                                    "Mermaid starts {} at {}, not at the latest end of all listed tasks ({}): a task defined further down was not dated yet when Mermaid looked",
                                    label(i),
                                    got.map(dates::show).unwrap_or_default(),
                                    ideal.map(dates::show).unwrap_or_default()
                                ),
                            )
                            .with_span(span_of(&r))
                            .with_hint("list the task defined furthest down first, or define the referenced tasks above this one"),
                        );
                    }
                }
            }
        }
    }

    /// A start read by the browser's date parser, as milliseconds (`dateFormat X`), or without a year.
    fn warn_start_reading(
        &self,
        sim: &Simulation<'_>,
        i: usize,
        warned: &mut Warned,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (stmts, set) = (self.stmts, self.set);
        let fmt = set.date_format.as_str();

        let d = &sim.defs[i];
        // Start read by the JS fallback / X quirk / time-only formats.
        if let StartKind::Expr(StartExpr::Date(ms, how)) = &d.start {
            let t = d.start_text.clone().unwrap_or_default();
            let r = d.start_range.clone().unwrap_or(stmts[i].data.clone());
            match how {
                How::Fallback => {
                    let iso = dayjs::is_strict_ymd(js_trim(&t));
                    if fmt.is_empty() && iso {
                        if !warned.fallback {
                            warned.fallback = true;
                            diags.push(
                                Diagnostic::warning(
                                    codes::DATE_FALLBACK,
                                    "the chart has no `dateFormat`: Mermaid reads start dates with the browser's date parser and ignores explicit end dates",
                                )
                                .with_span(span_of(&r))
                                .with_hint("add `dateFormat YYYY-MM-DD` after `gantt`"),
                            );
                        }
                    } else {
                        let as_fmt = if fmt.is_empty() { None } else { dayjs::format(*ms, fmt).ok() };
                        let mut dg = Diagnostic::warning(
                            codes::DATE_FALLBACK,
                            format!(
                                "`{t}` does not match the date format `{fmt}`; Mermaid falls back to the browser's date parser, which reads it as {} in Chrome (other browsers may differ)",
                                dates::show(*ms)
                            ),
                        )
                        .with_span(span_of(&r));
                        if let Some(f) = as_fmt {
                            dg = dg.with_hint(format!("write it as `{f}`"));
                        }
                        diags.push(dg);
                    }
                }
                How::Timestamp if fmt == "X" && *ms != 0 => diags.push(
                    Diagnostic::warning(
                        codes::TIMESTAMP_START,
                        format!("with `dateFormat X` Mermaid reads a start as milliseconds, not seconds: `{t}` is {}", dates::show(*ms)),
                    )
                    .with_span(span_of(&r))
                    .with_hint(format!("multiply by 1000 and use `dateFormat x`, or start with `after`; `{t}` seconds would be {}", dates::show(ms.saturating_mul(1000)))),
                ),
                How::Strict if !has_year_token(fmt) && !warned.time_only => {
                    warned.time_only = true;
                    diags.push(
                        Diagnostic::warning(
                            codes::TIME_ONLY_FORMAT,
                            format!("the date format `{fmt}` has no year, so Mermaid fills in the missing parts from today ({}); the chart moves with the clock", set.today),
                        )
                        .with_span(span_of(&r))
                        .with_hint("use a format with the full date, e.g. `YYYY-MM-DD HH:mm`"),
                    );
                }
                _ => {}
            }
        }
    }

    /// An end Mermaid ignores (zero length) or rounds (fractional durations).
    fn warn_end(&self, sim: &Simulation<'_>, i: usize, diags: &mut Vec<Diagnostic>) {
        let (stmts, set) = (self.stmts, self.set);
        let fmt = set.date_format.as_str();
        let label = |i: usize| self.label(&sim.defs, i);
        let (d, s) = (&sim.defs[i], sim.dates[i]);
        // End problems.
        let end_text = d.end_text.clone().unwrap_or_default();
        let er = d.end_range.clone().unwrap_or(stmts[i].data.clone());
        match &d.end {
            Some(EndExpr::Invalid) if s.processed => {
                let t = js_trim(&end_text);
                if t.contains("%%") {
                    diags.push(
                        Diagnostic::warning(
                            codes::TRAILING_COMMENT,
                            format!("the `%%` comment is part of the end `{t}`, so Mermaid ignores the end and {} has zero length", label(i)),
                        )
                        .with_span(span_of(&er))
                        .with_hint("Mermaid only recognises `%%` comments on a line of their own; move the comment to its own line"),
                    );
                } else if t.is_empty() && (d.flags.vert || d.flags.milestone) {
                    // deliberate marker: `vert, v1, 2025-03-01,`
                } else {
                    let (msg, hint) = if t.is_empty() {
                        (
                            format!(
                                "{} has an empty end (a trailing comma?), so it has zero length",
                                label(i)
                            ),
                            "write a duration like `5d` or an end date after the last comma".to_string(),
                        )
                    } else if fmt.is_empty() && dayjs::is_strict_ymd(t) {
                        (
                            format!(
                                "the chart has no `dateFormat`, so Mermaid ignores the end date `{t}` and {} has zero length",
                                label(i)
                            ),
                            "add `dateFormat YYYY-MM-DD` after `gantt`".to_string(),
                        )
                    } else if t.starts_with("after ") {
                        (
                            format!(
                                "`after` only works as the start; as the end `{t}` is ignored and {} has zero length",
                                label(i)
                            ),
                            "use `until <id>` for an end that follows another task's start".to_string(),
                        )
                    } else if t.bytes().filter(u8::is_ascii_digit).count() >= 4
                        && t.chars().any(|c| !c.is_ascii_digit())
                    {
                        let (why, mut fix) = dates::explain_invalid(t, fmt);
                        if fix.is_none()
                            && !fmt.is_empty()
                            && let Some(ms) = jsdate::v8_parse(t).filter(|&ms| in_range(ms))
                        {
                            fix = dayjs::format(ms, fmt).ok();
                        }
                        (
                            format!(
                                "`{t}` is not a valid end date ({why}), so Mermaid ignores it and {} has zero length",
                                label(i)
                            ),
                            fix.map(|f| format!("did you mean `{f}`?")).unwrap_or_else(|| {
                                format!("write the end in the format `{fmt}` or as a duration like `5d`")
                            }),
                        )
                    } else {
                        let lower = t.to_string();
                        let hint = if dates::parse_duration(&lower.to_lowercase()).is_some()
                            || dates::parse_duration(&lower.replace(' ', "")).is_some()
                        {
                            "durations are case-sensitive and written without spaces: `3d`, `2w`, `1M` (month), `30m` (minutes)".to_string()
                        } else {
                            format!("write a duration like `5d` or an end date in the format `{fmt}`")
                        };
                        (
                            format!(
                                "`{t}` is neither a date in the format `{fmt}` nor a duration, so {} has zero length",
                                label(i)
                            ),
                            hint,
                        )
                    };
                    diags.push(
                        Diagnostic::warning(codes::ZERO_LENGTH, msg).with_span(span_of(&er)).with_hint(hint),
                    );
                }
            }
            Some(EndExpr::Duration(v, u)) if v.fract() != 0.0 => {
                let shown = js_trim(&end_text);
                let detail = match u {
                    Unit::D => Some(format!("rounds `{shown}` to {} days", v.round())),
                    Unit::W => {
                        Some(format!("rounds `{shown}` ({} days) to {} days", 7.0 * v, (7.0 * v).round()))
                    }
                    Unit::Mon => Some(format!("truncates `{shown}` to {} months", v.trunc())),
                    Unit::Y => Some(format!("truncates `{shown}` to {} years", v.trunc())),
                    Unit::Ms => Some(format!("truncates `{shown}` to {} ms", v.trunc())),
                    _ => None,
                };
                if let Some(detail) = detail {
                    diags.push(
                        Diagnostic::warning(
                            codes::FRACTIONAL_DURATION,
                            format!("Mermaid {detail} for {}", label(i)),
                        )
                        .with_span(span_of(&er))
                        .with_hint(
                            "write a whole number, or use a smaller unit (e.g. `12h` instead of `0.5d`)",
                        ),
                    );
                }
            }
            _ => {}
        }
    }

    /// A `:` in the name that moved part of it into the items.
    fn warn_colon_in_name(&self, sim: &Simulation<'_>, i: usize, diags: &mut Vec<Diagnostic>) {
        let (text, stmts, set) = (self.text, self.stmts, self.set);
        let fmt = set.date_format.as_str();

        let d = &sim.defs[i];
        let name = &stmts[i].name_text;
        // Colon in the name.
        if let Some(first) = &d.first_item {
            let ft = &text[first.clone()];
            if ft.contains(':') && !fmt.contains(':') && !ft.starts_with("after") {
                diags.push(
                    Diagnostic::warning(
                        codes::COLON_IN_NAME,
                        format!(
                            "the task name ends at the first `:`, so Mermaid names this task `{name}` and reads `{}` as its first item",
                            ft.trim()
                        ),
                    )
                    .with_span(span_of(first))
                    .with_hint("remove the `:` from the task name (e.g. use `–` or `,`)"),
                );
            }
        }
    }

    /// Dates as resolved: an end before the start, a start on an excluded day, an `until` pushed past its target.
    fn warn_resolved_dates(&self, sim: &Simulation<'_>, i: usize, diags: &mut Vec<Diagnostic>) {
        let (stmts, set) = (self.stmts, self.set);

        let label = |i: usize| self.label(&sim.defs, i);
        let (d, s) = (&sim.defs[i], sim.dates[i]);
        let er = d.end_range.clone().unwrap_or(stmts[i].data.clone());
        if s.processed
            && let (Some(st), Some(en)) = (s.start, s.end)
        {
            if en < st {
                diags.push(
                    Diagnostic::warning(
                        codes::END_BEFORE_START,
                        format!(
                            "{} ends ({}) before it starts ({}); Mermaid draws no bar for it",
                            label(i),
                            dates::show(en),
                            dates::show(st)
                        ),
                    )
                    .with_span(span_of(&er))
                    .with_hint("check the end date or duration"),
                );
            }
            // A milestone is one moment: Mermaid draws a period's milestone at its middle.
            if d.flags.milestone && en - st > MS_PER_DAY {
                diags.push(
                    Diagnostic::warning(
                        codes::MILESTONE_RANGE,
                        format!(
                            "{} is a milestone but is given a period ({} to {}); Mermaid draws it at the middle, {}",
                            label(i),
                            dates::show(st),
                            dates::show(en),
                            dates::show(st + (en - st) / 2)
                        ),
                    )
                    .with_span(span_of(&er))
                    .with_hint("give a milestone its date and `0d`, e.g. `milestone, m1, 2026-03-01, 0d`"),
                );
            }
            let shifted = set.calendar.active()
                && !d.manual
                && sim.shift_cache[i].is_some_and(|((a, b), _)| (b - a) >= MS_PER_DAY);
            if shifted
                && !d.flags.vert
                && let Ok(true) = set.calendar.is_excluded(st)
            {
                let wd = dayjs::weekday_name(jsdate::fields(st).weekday);
                diags.push(
                            Diagnostic::warning(
                                codes::EXCLUDED_START,
                                format!(
                                    "{} starts on {wd} {}, an excluded day; Mermaid keeps the start and counts it as a working day",
                                    label(i),
                                    dates::show(st)
                                ),
                            )
                            .with_span(span_of(d.start_range.as_ref().unwrap_or(&stmts[i].data)))
                            .with_hint("start the task on a working day"),
                        );
            }
            if let (Some(EndExpr::Until { .. }), Some(((_, pre_end), _))) = (&d.end, sim.shift_cache[i])
                && Some(pre_end) != s.end
            {
                diags.push(
                            Diagnostic::warning(
                                codes::UNTIL_OVERSHOOT,
                                format!(
                                    "Mermaid pushes the `until` end of {} past excluded days to {}, beyond the start of the referenced task ({})",
                                    label(i),
                                    s.end.map(dates::show).unwrap_or_default(),
                                    dates::show(pre_end)
                                ),
                            )
                            .with_span(span_of(&er))
                            .with_hint("use an explicit end date (written YYYY-MM-DD, which Mermaid does not shift) if the task must end there"),
                        );
            }
        }
    }

    /// A start from "the task above" that Mermaid takes from another task with the same id.
    fn warn_previous_link(&self, sim: &Simulation<'_>, i: usize, diags: &mut Vec<Diagnostic>) {
        let stmts = self.stmts;

        let label = |i: usize| self.label(&sim.defs, i);
        let d = &sim.defs[i];
        let er = d.end_range.clone().unwrap_or(stmts[i].data.clone());
        // The previous-task link follows a duplicated id.
        if let (StartKind::Prev, Some(p)) = (&d.start, d.prev_index)
            && let Some(&j) = sim.ids.get(&d.prev_key)
            && j != p
        {
            diags.push(
                        Diagnostic::warning(
                            codes::DUPLICATE_ID,
                            format!(
                                "{} starts when the task with id `{}` ends, and Mermaid finds the last task with that id ({}), not the task above it",
                                label(i),
                                d.prev_key,
                                label(j)
                            ),
                        )
                        .with_span(span_of(&er))
                        .with_hint("give each task a unique id"),
                    );
        }
    }

    /// Duplicate ids: one warning per id, at its second definition.
    fn warn_duplicate_ids(&self, sim: &Simulation<'_>, diags: &mut Vec<Diagnostic>) {
        let stmts = self.stmts;
        let label = |i: usize| self.label(&sim.defs, i);
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut key_order: Vec<&str> = Vec::new();
        for (i, d) in sim.defs.iter().enumerate() {
            if let Some(k) = &d.key {
                let e = by_key.entry(k.as_str()).or_default();
                if e.is_empty() {
                    key_order.push(k.as_str());
                }
                e.push(i);
            }
        }
        for k in key_order {
            let uses = &by_key[k];
            if uses.len() < 2 {
                continue;
            }
            let (first, second, last) = (uses[0], uses[1], uses[uses.len() - 1]);
            let at = sim.defs[second].first_item.clone().unwrap_or(stmts[second].data.clone());
            let explicit = uses.iter().all(|&u| sim.defs[u].id_explicit);
            let whom = if uses.len() == 2 {
                format!("{} and {}", label(first), label(second))
            } else {
                format!("{} tasks, from {} to {}", uses.len(), label(first), label(last))
            };
            let msg = if explicit {
                format!(
                    "the id `{k}` is used by {whom}; Mermaid resolves every reference to `{k}` to the last one"
                )
            } else {
                format!(
                    "the id `{k}` is shared by an automatic and an explicit id ({whom}); Mermaid resolves every reference to `{k}` to the last one"
                )
            };
            diags.push(
                Diagnostic::warning(codes::DUPLICATE_ID, msg)
                    .with_span(span_of(&at))
                    .with_hint("give each task a unique id"),
            );
        }
    }

    /// The resolved tasks of the model.
    fn tasks(&self, sim: &Simulation<'_>, problems: Vec<Option<TaskProblem>>) -> Vec<Task> {
        let stmts = self.stmts;
        let n = sim.defs.len();
        let mut tasks = Vec::with_capacity(n);
        for i in 0..n {
            let d = &sim.defs[i];
            let s = sim.dates[i];
            let ts = &stmts[i];
            let to_dt = |v: Option<i64>| v.filter(|&m| in_range(m)).map(DateTime::from_ms);
            tasks.push(Task {
                id: d.id.clone().unwrap_or_default(),
                id_explicit: d.id_explicit,
                name: ts.name_text.clone(),
                section: ts.section,
                start: to_dt(s.start),
                end: to_dt(s.end),
                render_end: to_dt(s.render_end),
                flags: d.flags,
                manual_end: d.manual && s.processed,
                order: d.order,
                raw: RawTask {
                    data: ts.data_text.clone(),
                    start: d.start_text.clone(),
                    end: d.end_text.clone(),
                },
                problem: problems[i].clone(),
                status: TaskStatus::default(),
                doubts: Vec::new(),
                line: 0,
                span: Span::new(ts.name.start.min(ts.data.start), ts.data.end),
            });
        }
        tasks
    }
}
