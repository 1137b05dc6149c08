//! Mermaid gantt: parse a block and resolve every task's dates exactly as Mermaid 12.3
//! does (see `docs/mermaid-differences.md` for the few deliberate differences).
//!
//! Stages: `pre` (Mermaid's text pre-processing, with an offset map back to the caller's
//! text), `config` (front matter and `%%{init}%%`), `syntax` (the jison lexer and grammar),
//! `dates`/`dayjs`/`jsdate` (dayjs strict parsing and formatting, durations, V8's `Date`
//! fallback), `excludes` (excluded days and the end shift) and `schedule` (ids, items and
//! Mermaid's compile passes). Diagnostic codes are in `codes`.

pub mod codes;
mod config;
mod dates;
mod dayjs;
mod excludes;
mod jsdate;
mod pre;
mod schedule;
mod syntax;

use crate::date::{Date, DateTime};
use crate::diag::{Diagnostic, Span};
use crate::model::{DateRange, Section, Timeline};
use pre::Mapped;
use serde_json::Value;
use std::collections::HashMap;
use syntax::Kind;

/// Parses and schedules one gantt block. `text` is the block's content without fences;
/// every span in the result (tasks and diagnostics) is a byte offset into `text`. `today`
/// stands in for Mermaid's clock (unknown `after` ids, time-only formats).
pub fn resolve(text: &str, today: Date) -> (Timeline, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let (m, cfg) = preprocess(text, &mut diags);
    let parsed = syntax::parse(&m.text);
    let mut pdiags = parsed.diags;
    let Statements {
        mut tl,
        date_format_raw,
        axis_raw,
        tick_raw,
        body_title,
        excludes,
        includes,
        section_names,
        tasks_in,
        clicks,
        list_stmts,
        top_axis_kw,
        weekend_friday,
        today_marker_span,
    } = read_statements(&parsed.stmts, &m, text, &mut pdiags);
    let date_format = date_format_raw.clone().unwrap_or_default();
    let fmt = dates::js_trim(&date_format).to_string();
    let now = dayjs::Now::from_date(today);
    let calendar = excludes::Calendar::new(&fmt, excludes.clone(), includes.clone(), weekend_friday, now);
    check_calendar_lists(&calendar, &list_stmts, &mut pdiags);
    let settings = schedule::Settings {
        date_format: fmt.clone(),
        inclusive: tl.inclusive_end_dates,
        calendar,
        now,
        today,
    };
    let mut out = schedule::resolve(&m.text, &tasks_in, &settings);
    attach_doubts(&mut out.tasks, &out.diags);
    pdiags.extend(out.diags);
    link_clicks(&mut tl, &clicks, &out.ids, &mut pdiags);
    // Settings with Mermaid's effective values.
    tl.title = body_title
        .or(cfg.title.clone())
        .map(|t| t.trim_matches(jsdate::is_js_space).to_string())
        .unwrap_or_default();
    tl.date_format = fmt.clone();
    tl.axis_format = match &axis_raw {
        Some(a) => Some(a.trim().to_string()),
        None if date_format_raw.as_deref() == Some("D") => Some("%d".into()),
        None => cfg.axis_format.clone(),
    };
    tl.excludes = excludes;
    tl.includes = includes;
    tl.top_axis = cfg.top_axis || top_axis_kw;
    tl.display_mode = cfg.display_mode.clone().filter(|d| !d.is_empty());
    if let (Some(raw), Some(r)) = (&tl.today_marker, &today_marker_span)
        && raw != "off"
        && raw.trim() == "off"
    {
        pdiags.push(
                Diagnostic::warning(codes::EXTRA_SPACE, format!("Mermaid does not hide the today marker: the value is `{raw}` with extra spaces, not `off`"))
                    .with_span(Span::new(r.start, r.end))
                    .with_hint("write `todayMarker off` with a single space"),
            );
    }

    group_tasks(&mut tl, out.tasks, section_names, &m);
    check_tick_interval(&mut tl, &tick_raw, &cfg, &mut pdiags);
    for mut d in pdiags {
        if let Some(s) = d.span {
            d.span = Some(m.span(s.start..s.end));
        }
        diags.push(d);
    }
    for d in &mut diags {
        d.span = d.span.map(|s| clamp_span(text, s));
    }
    for t in &mut tl.tasks {
        t.span = clamp_span(text, t.span);
    }
    diags.sort_by_key(|d| d.span.map_or(0, |s| s.start));
    (tl, diags)
}

/// The warnings that put a drawn task's dates in doubt, attached to the task whose
/// statement they point into.
fn attach_doubts(tasks: &mut [crate::model::Task], diags: &[Diagnostic]) {
    for d in diags {
        let doubt = match d.code {
            // Only when every id is unknown: the start is then "today".
            codes::UNKNOWN_ID if d.message.contains("uses today") => d.code,
            codes::END_BEFORE_START
            | codes::COLON_IN_NAME
            | codes::DATE_FALLBACK
            | codes::ZERO_LENGTH
            | codes::MILESTONE_RANGE => d.code,
            _ => continue,
        };
        let Some(span) = d.span else { continue };
        if let Some(task) = tasks.iter_mut().find(|t| t.span.start <= span.start && span.start <= t.span.end)
            && task.problem.is_none()
            && !task.doubts.contains(&doubt)
        {
            task.doubts.push(doubt);
        }
    }
}

/// What the chart's statements say, as read in order (before any task is dated).
struct Statements {
    /// The timeline's settings as far as statements set them.
    tl: Timeline,
    date_format_raw: Option<String>,
    axis_raw: Option<String>,
    /// `tickInterval`'s value and where it is.
    tick_raw: Option<(String, std::ops::Range<usize>)>,
    body_title: Option<String>,
    excludes: Vec<String>,
    includes: Vec<String>,
    section_names: Vec<String>,
    tasks_in: Vec<schedule::TaskStmt>,
    /// `click` statements: ids, link, where.
    clicks: Vec<(String, Option<String>, std::ops::Range<usize>)>,
    /// `excludes`/`includes` statements: which, where, their tokens.
    list_stmts: Vec<(bool, std::ops::Range<usize>, Vec<String>)>,
    top_axis_kw: bool,
    weekend_friday: bool,
    today_marker_span: Option<std::ops::Range<usize>>,
}

/// Mermaid's pre-processing of the text before its parser sees it: line endings, front
/// matter and `%%{init}%%` directives (read into the chart's configuration), comment
/// lines, leading whitespace, the `gantt` keyword's check and HTML-like entities. The map
/// leads back to `text`.
fn preprocess(text: &str, diags: &mut Vec<Diagnostic>) -> (Mapped, config::Config) {
    let mut cfg = config::Config::default();
    // Line endings (`\r\n` and lone `\r` become `\n`).
    let unmapped = Mapped::new(text);
    let mut cr = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            if b.get(i + 1) == Some(&b'\n') {
                cr.push((i..i + 1, String::new()));
            } else {
                cr.push((i..i + 1, "\n".to_string()));
            }
        }
        i += 1;
    }
    let mut m = if cr.is_empty() { unmapped } else { unmapped.edit(&cr) };

    // Front matter.
    let mut merged = Value::Object(Default::default());
    if let Some(fm) = pre::front_matter(&m.text) {
        let yaml = m.text[fm.body.clone()].to_string();
        match config::front_matter(&yaml) {
            Ok((title, display, conf)) => {
                cfg.title = title;
                if conf.is_object() {
                    merged = conf;
                }
                if let Some(d) = display
                    && let Value::Object(map) = &mut merged
                {
                    let g = map.entry("gantt").or_insert_with(|| Value::Object(Default::default()));
                    if let Value::Object(g) = g {
                        g.insert("displayMode".into(), Value::String(d));
                    } else {
                        *g = serde_json::json!({ "displayMode": d });
                    }
                }
            }
            Err(e) => diags.push(
                Diagnostic::error(
                    codes::FRONT_MATTER,
                    format!("Mermaid cannot read the front matter of this diagram: {e}"),
                )
                .with_span(m.span(fm.body.clone()))
                .with_hint("fix the YAML between the `---` lines (e.g. quote values that contain `:`)"),
            ),
        }
        m = m.edit(&[(fm.whole, String::new())]);
    }

    // Directives.
    let ds = pre::directives(&m.text);
    if !ds.is_empty() {
        let mut dconf = Value::Object(Default::default());
        let mut bad = false;
        for d in &ds {
            // Mermaid's /(?:init\b)|(?:initialize\b)/ on the directive's type word.
            let is_init = d.kind.ends_with("init") || d.kind.ends_with("initialize");
            if !is_init {
                continue;
            }
            if let Some(r) = &d.args {
                match config::directive_json(&m.text[r.clone()]) {
                    Some(mut v) => {
                        if let Value::Object(map) = &mut v
                            && let Some(c) = map.remove("config")
                        {
                            map.insert("gantt".into(), c);
                        }
                        config::merge(&mut dconf, &v);
                    }
                    None => {
                        bad = true;
                        diags.push(
                            Diagnostic::warning(codes::DIRECTIVE, "Mermaid ignores this directive (and every other `init` directive of the diagram): its argument is not valid JSON")
                                .with_span(m.span(d.whole.clone()))
                                .with_hint("quote every key, e.g. `%%{init: {'gantt': {'topAxis': true}}}%%`"),
                        );
                    }
                }
            }
            if !m.text[d.whole.clone()].ends_with("}%%") {
                diags.push(
                    Diagnostic::error(codes::DIRECTIVE, "this `%%{` directive is never closed with `}%%`, so Mermaid removes everything after it")
                        .with_span(m.span(d.whole.start..d.whole.start + 3))
                        .with_hint("close the directive with `}%%`"),
                );
            }
        }
        if !bad {
            config::merge(&mut merged, &dconf);
        }
        let edits: Vec<_> = ds.iter().map(|d| (d.whole.clone(), String::new())).collect();
        m = m.edit(&edits);
    }
    config::apply_gantt(&mut cfg, &merged);

    // Whole-line comments, then leading whitespace.
    let cl = pre::comment_lines(&m.text);
    if !cl.is_empty() {
        m = m.edit(&cl.into_iter().map(|r| (r, String::new())).collect::<Vec<_>>());
    }
    let lead = m.text.len() - m.text.trim_start_matches(jsdate::is_js_space).len();
    if lead > 0 {
        m = m.edit(&[(0..lead, String::new())]);
    }

    // Detection (`/^\s*gantt/` after removing `%%` comments): lower-case `gantt` first.
    let mut head = 0;
    loop {
        let rest = &m.text[head..];
        let skip_ws = rest.len() - rest.trim_start_matches(jsdate::is_js_space).len();
        let after = &rest[skip_ws..];
        if after.starts_with("%%") {
            head += skip_ws + after.find('\n').map_or(after.len(), |i| i + 1);
        } else {
            head += skip_ws;
            break;
        }
    }
    if !m.text[head..].starts_with("gantt") {
        let word_end =
            head + m.text[head..].find(|c: char| jsdate::is_js_space(c)).unwrap_or(m.text.len() - head);
        let word = &m.text[head..word_end];
        let d = if word.eq_ignore_ascii_case("gantt") {
            Diagnostic::error(
                codes::HEADER,
                format!("the diagram starts with `{word}`; Mermaid only recognises `gantt` in lower case"),
            )
            .with_hint("write `gantt`")
        } else {
            Diagnostic::error(
                codes::HEADER,
                "the diagram does not start with `gantt`, so Mermaid does not recognise it as a gantt chart",
            )
            .with_hint("start the diagram with a line `gantt`")
        };
        diags.push(d.with_span(m.span(head..word_end.max(head + usize::from(head < m.text.len())))));
    }

    // Entities.
    let ent = pre::entity_edits(&m.text);
    for (r, rep) in &ent {
        if !rep.is_empty() {
            let written = m.text[r.clone()].to_string();
            // Mermaid draws `#42;` as `&#42;`, which the browser shows as `*`.
            let name = &written[1..written.len() - 1];
            let html =
                if name.bytes().all(|b| b.is_ascii_digit()) { format!("#{name}") } else { name.to_string() };
            let drawn = crate::read::html::entity(&html).map_or_else(|| format!("&{html};"), String::from);
            diags.push(
                Diagnostic::warning(
                    codes::HTML_ENTITY,
                    format!("Mermaid treats `{written}` as an HTML entity, so the chart shows `{drawn}` instead of the text"),
                )
                .with_span(m.span(r.clone()))
                .with_hint("boardpack keeps the text as written; avoid `#word;` in Mermaid text (e.g. write `# 42` or `No. 42`)"),
            );
        }
    }
    if !ent.is_empty() {
        m = m.edit(&ent);
    }
    let len = m.text.len();
    m = m.edit(&[(len..len, "\n".to_string())]);

    (m, cfg)
}

/// Reads the parsed statements in order: settings, sections, tasks, clicks.
fn read_statements(
    stmts: &[syntax::Stmt],
    m: &Mapped,
    text: &str,
    pdiags: &mut Vec<Diagnostic>,
) -> Statements {
    let orig = |r: std::ops::Range<usize>| -> String {
        let s = m.span(r);
        text.get(s.start..s.end).unwrap_or("").to_string()
    };
    let mut tl = Timeline { weekday: "sunday".into(), weekend: "saturday".into(), ..Timeline::default() };
    let mut date_format_raw: Option<String> = None;
    let mut axis_raw: Option<String> = None;
    let mut tick_raw: Option<(String, std::ops::Range<usize>)> = None;
    let mut body_title: Option<String> = None;
    let mut excludes: Vec<String> = Vec::new();
    let mut includes: Vec<String> = Vec::new();
    let mut section_names: Vec<String> = Vec::new();
    let mut section_index: HashMap<String, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut tasks_in: Vec<schedule::TaskStmt> = Vec::new();
    let mut clicks: Vec<(String, Option<String>, std::ops::Range<usize>)> = Vec::new();
    let mut list_stmts: Vec<(bool, std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let mut top_axis_kw = false;
    let mut weekend_friday = false;
    let mut seen_task = false;
    let mut first_df: Option<String> = None;
    let mut today_marker_span = None;

    let register = |name: String, names: &mut Vec<String>, index: &mut HashMap<String, usize>| -> usize {
        if let Some(&i) = index.get(&name) {
            return i;
        }
        names.push(name.clone());
        index.insert(name, names.len() - 1);
        names.len() - 1
    };

    for st in stmts {
        let val = |r: &std::ops::Range<usize>| m.text[r.clone()].to_string();
        let late = |what: &str, pdiags: &mut Vec<Diagnostic>| {
            if st.hijack {
                return;
            }
            pdiags.push(
                Diagnostic::warning(
                    codes::LATE_SETTING,
                    format!("`{what}` comes after tasks, but Mermaid applies it to every task of the chart, including the ones above it"),
                )
                .with_span(Span::new(st.span.start, st.span.end))
                .with_hint("move the setting to the top of the chart, right after `gantt`"),
            );
        };
        match &st.kind {
            Kind::DateFormat(v) => {
                let raw = val(v);
                if seen_task {
                    late("dateFormat", pdiags);
                }
                if let Some(prev) = &first_df {
                    if prev.trim() != raw.trim() {
                        pdiags.push(
                            Diagnostic::warning(
                                codes::LATE_SETTING,
                                format!("a second `dateFormat` (`{}`) replaces `{}` for every task of the chart, also those above it", raw.trim(), prev.trim()),
                            )
                            .with_span(Span::new(st.span.start, st.span.end))
                            .with_hint("use one `dateFormat` per chart"),
                        );
                    }
                } else {
                    first_df = Some(raw.clone());
                }
                date_format_raw = Some(raw);
            }
            Kind::InclusiveEndDates => {
                if seen_task {
                    late("inclusiveEndDates", pdiags);
                }
                tl.inclusive_end_dates = true;
            }
            Kind::TopAxis => top_axis_kw = true,
            Kind::AxisFormat(v) => axis_raw = Some(val(v)),
            Kind::TickInterval(v) => tick_raw = Some((val(v), v.clone())),
            Kind::Excludes(v) | Kind::Includes(v) => {
                let is_ex = matches!(st.kind, Kind::Excludes(_));
                if seen_task {
                    late(if is_ex { "excludes" } else { "includes" }, pdiags);
                }
                let mut mine = Vec::new();
                excludes::merge_tokens(&mut mine, &val(v));
                excludes::merge_tokens(if is_ex { &mut excludes } else { &mut includes }, &val(v));
                if !st.hijack {
                    list_stmts.push((is_ex, v.clone(), mine));
                }
            }
            Kind::TodayMarker(v) => {
                tl.today_marker = Some(val(v));
                today_marker_span = Some(v.clone());
            }
            Kind::Weekday(d) => tl.weekday = (*d).to_string(),
            Kind::Weekend(d) => {
                tl.weekend = (*d).to_string();
                weekend_friday = *d == "friday";
            }
            Kind::Title(v) => body_title = Some(orig(v.clone())),
            Kind::AccTitle(v) => tl.acc_title = orig(v.clone()).trim().to_string(),
            Kind::AccDescr(v) => tl.acc_descr = orig(v.clone()).trim().to_string(),
            Kind::AccDescrMulti(v) => {
                let t = orig(v.clone());
                let mut out = String::new();
                let mut lines = t.trim().split('\n');
                if let Some(first) = lines.next() {
                    out.push_str(first);
                }
                for l in lines {
                    out.push('\n');
                    out.push_str(l.trim_start_matches(jsdate::is_js_space));
                }
                tl.acc_descr = out;
            }
            Kind::Section(v) => {
                let name = orig(v.clone()).trim_matches(jsdate::is_js_space).to_string();
                current = Some(register(name, &mut section_names, &mut section_index));
            }
            Kind::Click { ids, href } => {
                clicks.push((val(ids), href.as_ref().map(|h| orig(h.clone())), st.span.clone()));
            }
            Kind::Task { name, data, problem } => {
                seen_task = true;
                let section = match current {
                    Some(s) => s,
                    None => {
                        let s = register(String::new(), &mut section_names, &mut section_index);
                        current = Some(s);
                        s
                    }
                };
                tasks_in.push(schedule::TaskStmt {
                    name: name.clone(),
                    data: data.clone(),
                    section,
                    problem: problem.clone(),
                    name_text: orig(name.clone()).trim_matches(jsdate::is_js_space).to_string(),
                    data_text: orig(data.start + 1..data.end),
                });
            }
        }
    }

    Statements {
        tl,
        date_format_raw,
        axis_raw,
        tick_raw,
        body_title,
        excludes,
        includes,
        section_names,
        tasks_in,
        clicks,
        list_stmts,
        top_axis_kw,
        weekend_friday,
        today_marker_span,
    }
}

/// `excludes`/`includes` tokens that can never match a day.
fn check_calendar_lists(
    calendar: &excludes::Calendar,
    list_stmts: &[(bool, std::ops::Range<usize>, Vec<String>)],
    pdiags: &mut Vec<Diagnostic>,
) {
    for (is_ex, r, toks) in list_stmts {
        let dead = calendar.dead_tokens(toks, *is_ex);
        if !dead.is_empty() {
            let list: Vec<String> = dead.iter().map(|t| format!("`{t}`")).collect();
            let mut hint = "Mermaid understands `weekends`, weekday names like `friday`, and dates like `2025-12-24` or dates in the `dateFormat`".to_string();
            if dead.iter().any(|t| t == "weekdays") {
                hint.push_str("; `weekdays` is not a keyword");
            }
            if dead.iter().any(|t| t == "weekend") {
                hint.push_str("; did you mean `weekends`?");
            }
            pdiags.push(
                Diagnostic::warning(
                    codes::IGNORED_VALUE,
                    format!(
                        "Mermaid ignores {} in `{}`: {} never match a day",
                        list.join(", "),
                        if *is_ex { "excludes" } else { "includes" },
                        if dead.len() == 1 { "it can" } else { "they can" }
                    ),
                )
                .with_span(Span::new(r.start, r.end))
                .with_hint(hint),
            );
        }
    }
}

/// `click` links on known tasks; clicks on unknown ids are reported.
fn link_clicks(
    tl: &mut Timeline,
    clicks: &[(String, Option<String>, std::ops::Range<usize>)],
    task_ids: &HashMap<String, usize>,
    pdiags: &mut Vec<Diagnostic>,
) {
    for (ids, href, span) in clicks {
        for id in ids.split(',') {
            if task_ids.contains_key(id) {
                if let Some(h) = href {
                    tl.links.insert(id.to_string(), sanitize_url(h));
                }
            } else {
                pdiags.push(
                    Diagnostic::warning(
                        codes::UNKNOWN_ID,
                        format!("`click` refers to the unknown task id `{id}`, which Mermaid ignores"),
                    )
                    .with_span(Span::new(span.start, span.end))
                    .with_hint("use the id of a task (the first of three items: `Name : id, start, end`)"),
                );
            }
        }
    }
}

/// The tasks, each section's tasks, the chart's range and whether it has times of day.
fn group_tasks(
    tl: &mut Timeline,
    mut tasks: Vec<crate::model::Task>,
    section_names: Vec<String>,
    m: &Mapped,
) {
    for t in &mut tasks {
        t.span = m.span(t.span.start..t.span.end);
    }
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); section_names.len()];
    for (k, t) in tasks.iter().enumerate() {
        if let Some(b) = buckets.get_mut(t.section) {
            b.push(k);
        }
    }
    tl.sections =
        section_names.into_iter().zip(buckets).map(|(name, tasks)| Section { name, tasks }).collect();
    let start = tasks.iter().filter_map(|t| t.start).min();
    let end = tasks.iter().filter_map(|t| t.end).max();
    tl.range = match (start, end) {
        (Some(start), Some(end)) => Some(DateRange { start, end }),
        _ => None,
    };
    tl.has_times = tasks
        .iter()
        .flat_map(|t| [t.start, t.end, t.render_end])
        .flatten()
        .any(|d: DateTime| !d.is_midnight());
    tl.tasks = tasks;
}

/// `tickInterval`: Mermaid's regex, then its 10,000-tick cap.
fn check_tick_interval(
    tl: &mut Timeline,
    tick_raw: &Option<(String, std::ops::Range<usize>)>,
    cfg: &config::Config,
    pdiags: &mut Vec<Diagnostic>,
) {
    let tick = tick_raw.as_ref().map(|(v, _)| v.clone()).or(cfg.tick_interval.clone());
    tl.tick_interval_valid = tick.as_deref().is_some_and(valid_tick_interval);
    if let Some((raw, r)) = tick_raw
        && !tl.tick_interval_valid
    {
        let (code, msg, hint) = if valid_tick_interval(raw.trim()) {
            (
                codes::EXTRA_SPACE,
                format!(
                    "Mermaid ignores `tickInterval{}`: the value has extra spaces",
                    if raw.starts_with(' ') { " " } else { "" }.to_string() + raw
                ),
                "write exactly one space: `tickInterval 1week`".to_string(),
            )
        } else {
            (
                codes::IGNORED_VALUE,
                format!("Mermaid ignores `tickInterval {}` and chooses the ticks itself", raw.trim()),
                tick_hint(raw.trim()),
            )
        };
        pdiags.push(Diagnostic::warning(code, msg).with_span(Span::new(r.start, r.end)).with_hint(hint));
    }
    if tl.tick_interval_valid
        && let (Some(t), Some(range)) = (&tick, tl.range)
        && let Some(ticks) = estimated_ticks(t, range)
        && ticks > 10_000
    {
        tl.tick_interval_valid = false;
        let at = tick_raw.as_ref().map(|(_, r)| Span::new(r.start, r.end));
        let mut d = Diagnostic::warning(
                        codes::IGNORED_VALUE,
                        format!("Mermaid ignores `tickInterval {t}`: it would draw {ticks} ticks (more than 10,000) over this chart's time span"),
                    )
                    .with_hint("use a longer interval");
        if let Some(at) = at {
            d = d.with_span(at);
        }
        pdiags.push(d);
    }
    tl.tick_interval = tick;
}

/// A span inside `text`, on character boundaries.
fn clamp_span(text: &str, s: Span) -> Span {
    let start = crate::diag::floor_char_boundary(text, s.start.min(text.len()));
    let mut end = s.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

fn valid_tick_interval(v: &str) -> bool {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || v.starts_with('0') {
        return false;
    }
    matches!(&v[digits..], "millisecond" | "second" | "minute" | "hour" | "day" | "week" | "month")
}

fn tick_hint(v: &str) -> String {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    let unit = v[digits..].trim();
    let n: u64 = v[..digits].parse().unwrap_or(1);
    match unit {
        "quarter" | "quarters" => format!("Mermaid has no quarter unit; use `tickInterval {}month`", n * 3),
        "year" | "years" => format!("Mermaid has no year unit; use `tickInterval {}month`", n * 12),
        "decade" | "decades" => format!("Mermaid has no decade unit; use `tickInterval {}month`", n * 120),
        u if u.ends_with('s') && valid_tick_interval(&format!("{n}{}", &u[..u.len() - 1])) => {
            format!("units are singular: `tickInterval {n}{}`", &u[..u.len() - 1])
        }
        _ => "write a number and one of millisecond, second, minute, hour, day, week, month (e.g. `1week`)"
            .to_string(),
    }
}

fn estimated_ticks(v: &str, range: DateRange) -> Option<u64> {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    let every: f64 = v[..digits].parse().ok()?;
    let day = 86_400_000.0;
    let unit = match &v[digits..] {
        "millisecond" => 1.0,
        "second" => 1000.0,
        "minute" => 60_000.0,
        "hour" => 3_600_000.0,
        "day" => day,
        "week" => 7.0 * day,
        "month" => 365.0 * day / 12.0,
        _ => return None,
    };
    let span = (range.end.ms() - range.start.ms()) as f64;
    if span < 0.0 {
        return None;
    }
    Some((span / (every * unit)).ceil() as u64)
}

/// The parts of `@braintree/sanitize-url` that matter: script URLs become `about:blank`.
fn sanitize_url(url: &str) -> String {
    let cleaned: String = url.chars().filter(|c| !c.is_control()).collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        return "about:blank".into();
    }
    let lower = trimmed.trim_start_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    if ["javascript:", "data:", "vbscript:"].iter().any(|s| lower.starts_with(s)) {
        return "about:blank".into();
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2025, 6, 18).unwrap_or_else(|| unreachable!())
    }

    fn dates(text: &str) -> Vec<String> {
        let (tl, _) = resolve(text, today());
        tl.tasks
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} {}",
                    t.id,
                    t.start.map_or("-".into(), |d| d.to_string()),
                    t.end.map_or("-".into(), |d| d.to_string()),
                    t.render_end.map_or("-".into(), |d| d.to_string())
                )
            })
            .collect()
    }

    #[test]
    fn basic_chain() {
        let text = "gantt\n  dateFormat YYYY-MM-DD\n  A :a, 2025-01-13, 15d\n  B :b, after a, 30d\n  C :5d\n";
        assert_eq!(
            dates(text),
            vec!["a 2025-01-13 2025-01-28 -", "b 2025-01-28 2025-02-27 -", "task1 2025-02-27 2025-03-04 -"]
        );
    }

    #[test]
    fn seed_span() {
        let text = "gantt\n    dateFormat  YYYY-MM-DD\n    section  S\n    Handson :2025-00-01, 2026-01-01\n    Next :2026-01-05, 2026-03-01\n";
        let (tl, diags) = resolve(text, today());
        assert_eq!(tl.tasks.len(), 2);
        assert!(tl.tasks[0].start.is_none() && tl.tasks[0].problem.is_some());
        assert!(tl.tasks[1].start.is_some());
        let err = diags.iter().find(|d| d.is_error()).map(|d| d.span);
        let at = text.find("2025-00-01").unwrap_or(0);
        assert_eq!(err.flatten().map(|s| s.start), Some(at));
    }

    #[test]
    fn forward_chains_stop_after_eleven_passes() {
        let mut text = String::from("gantt\n dateFormat YYYY-MM-DD\n");
        for i in (1..15).rev() {
            text.push_str(&format!(" T{i} :t{i}, after t{}, 1d\n", i - 1));
        }
        text.push_str(" T0 :t0, 2025-01-01, 1d\n");
        let d = dates(&text);
        let undated = d.iter().filter(|l| l.contains(" - - ")).count();
        assert_eq!(undated, 4);
    }
}
