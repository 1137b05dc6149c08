//! Differential test against Mermaid 12.3 (the oracle output in
//! `tests/fixtures/mermaid-conformance/expected/`). For every case Mermaid renders, the
//! tasks must match exactly; for every case Mermaid rejects, boardpack must report an error
//! on the offending line and still resolve the other tasks.

use boardpack::date::{Date, DateTime};
use boardpack::diag::{Diagnostic, Severity};
use boardpack::gantt::resolve;
use boardpack::model::Timeline;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Cases where boardpack deliberately differs from Mermaid although Mermaid renders the
/// chart; each is explained in `docs/mermaid-differences.md`.
const DELIBERATE: &[&str] = &[];

/// Marks a task mismatch that comes from a documented deliberate difference.
const DELIBERATE_TAG: &str = "[deliberate: date range] ";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid-conformance")
}

fn today() -> Date {
    crate::common::mermaid_today()
}

/// Mermaid's entity placeholders back to the written text.
fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('ﬂ') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 'ﬂ'.len_utf8()..];
        let after = after.strip_prefix("°°").or_else(|| after.strip_prefix('°')).unwrap_or(after);
        match after.find("¶ß") {
            Some(e) => {
                out.push('#');
                out.push_str(&after[..e]);
                out.push(';');
                rest = &after[e + "¶ß".len()..];
            }
            None => {
                out.push('ﬂ');
                rest = &rest[p + 'ﬂ'.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn norm(s: &str) -> String {
    decode(s).trim().to_string()
}

fn parse_iso_ms(s: &str) -> Option<i64> {
    // YYYY-MM-DDTHH:MM:SS.mmmZ or YYYY-MM-DD
    let date = boardpack::date::parse_iso_date(s.get(..10)?)?;
    let mut ms = date.to_days() * 86_400_000;
    if s.len() > 10 {
        let h: i64 = s.get(11..13)?.parse().ok()?;
        let m: i64 = s.get(14..16)?.parse().ok()?;
        let sec: i64 = s.get(17..19)?.parse().ok()?;
        let milli: i64 = s.get(20..23)?.parse().ok()?;
        ms += ((h * 60 + m) * 60 + sec) * 1000 + milli;
    }
    Some(ms)
}

fn cmp_instant(what: &str, expected: &Value, ours: Option<DateTime>, times: bool, out: &mut Vec<String>) {
    let ok = match (expected, ours) {
        (Value::Null, None) => true,
        (Value::String(s), Some(d)) => {
            if times {
                parse_iso_ms(s) == Some(d.ms())
            } else {
                d.date().map(|x| x.to_string()).as_deref() == Some(s.as_str())
            }
        }
        _ => false,
    };
    if !ok {
        out.push(format!(
            "{what}: expected {expected}, got {}",
            ours.map_or("null".into(), |d| d.to_string())
        ));
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn compare_ok(text: &str, exp: &Value, tl: &Timeline) -> Vec<String> {
    let mut out = Vec::new();
    let dg = &exp["diagram"];
    let times = dg["has_times"].as_bool().unwrap_or(false);
    let tasks = exp["tasks"].as_array().cloned().unwrap_or_default();
    if tasks.len() != tl.tasks.len() {
        out.push(format!("{} tasks expected, {} resolved", tasks.len(), tl.tasks.len()));
    }
    for (i, (e, t)) in tasks.iter().zip(tl.tasks.iter()).enumerate() {
        let mut local = Vec::new();
        if norm(e["id"].as_str().unwrap_or("")) != decode(&t.id) {
            local.push(format!("id: expected {}, got {}", e["id"], t.id));
        }
        if norm(e["name"].as_str().unwrap_or("")) != t.name {
            local.push(format!("name: expected {:?}, got {:?}", e["name"], t.name));
        }
        let sec = tl.sections.get(t.section).map(|s| s.name.clone()).unwrap_or_default();
        if norm(e["section"].as_str().unwrap_or("")) != sec {
            local.push(format!("section: expected {:?}, got {:?}", e["section"], sec));
        }
        for (flag, ours) in [
            ("milestone", t.flags.milestone),
            ("vert", t.flags.vert),
            ("crit", t.flags.crit),
            ("done", t.flags.done),
            ("active", t.flags.active),
            ("manual_end", t.manual_end),
        ] {
            if e[flag].as_bool().unwrap_or(false) != ours {
                local.push(format!("{flag}: expected {}, got {ours}", e[flag]));
            }
        }
        if e["order"].as_i64() != Some(t.order) {
            local.push(format!("order: expected {}, got {}", e["order"], t.order));
        }
        let key = |k: &str| {
            if times { format!("{k}_datetime") } else { k.to_string() }
        };
        cmp_instant("start", &e[key("start")], t.start, times, &mut local);
        cmp_instant("end", &e[key("end")], t.end, times, &mut local);
        cmp_instant("render_end", &e[key("render_end")], t.render_end, times, &mut local);
        // Dates outside -9999..=9999 (or JavaScript's Invalid Date) are a documented
        // deliberate difference (docs/mermaid-differences.md, row 12).
        let tag = if t.problem.as_ref().is_some_and(|p| p.code == "gantt::date-out-of-range") {
            DELIBERATE_TAG
        } else {
            ""
        };
        for l in local {
            out.push(format!("{tag}task {i} (line {}): {l}", line_of(text, t.span.start)));
        }
    }
    // Chart settings.
    // Mermaid stores the title HTML-sanitised; boardpack keeps plain text.
    let title = dg["title"]
        .as_str()
        .unwrap_or("")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    if title.trim() != tl.title {
        out.push(format!("title: expected {title:?}, got {:?}", tl.title));
    }
    if dg["dateFormat_trimmed"].as_str().unwrap_or("") != tl.date_format {
        out.push(format!("dateFormat: expected {}, got {}", dg["dateFormat_trimmed"], tl.date_format));
    }
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    if list(&dg["excludes"]) != tl.excludes {
        out.push(format!("excludes: expected {}, got {:?}", dg["excludes"], tl.excludes));
    }
    if list(&dg["includes"]) != tl.includes {
        out.push(format!("includes: expected {}, got {:?}", dg["includes"], tl.includes));
    }
    for (k, ours) in [("weekday", &tl.weekday), ("weekend", &tl.weekend)] {
        if dg[k].as_str() != Some(ours.as_str()) {
            out.push(format!("{k}: expected {}, got {ours}", dg[k]));
        }
    }
    if dg["inclusiveEndDates"].as_bool() != Some(tl.inclusive_end_dates) {
        out.push("inclusiveEndDates differs".into());
    }
    if dg["topAxis"].as_bool() != Some(tl.top_axis) {
        out.push("topAxis differs".into());
    }
    let axis = tl.axis_format.clone().unwrap_or_else(|| "%Y-%m-%d".into());
    if dg["axisFormat_effective"].as_str().map(str::trim) != Some(axis.as_str()) {
        out.push(format!("axisFormat: expected {}, got {axis}", dg["axisFormat_effective"]));
    }
    let tick = if tl.tick_interval_valid { tl.tick_interval.clone() } else { None };
    let etick = dg["tickInterval_effective"].as_str().map(str::to_string);
    // The oracle reports the regex-valid interval even when the renderer then drops it
    // for having more than 10,000 ticks.
    if etick != tick && !(etick.is_some() && exp["warnings"].to_string().contains("exceeds the maximum")) {
        out.push(format!("tickInterval: expected {etick:?}, got {tick:?}"));
    }
    let dm = dg["displayMode"].as_str().unwrap_or("");
    if dm != tl.display_mode.as_deref().unwrap_or("") {
        out.push(format!("displayMode: expected {dm:?}, got {:?}", tl.display_mode));
    }
    if exp["diagram"]["has_times"].as_bool() != Some(tl.has_times) {
        out.push(format!("has_times: expected {}, got {}", dg["has_times"], tl.has_times));
    }
    out
}

fn is_keyword_line(l: &str) -> bool {
    let lower = l.trim_start().to_ascii_lowercase();
    [
        "dateformat",
        "title",
        "section",
        "excludes",
        "includes",
        "axisformat",
        "tickinterval",
        "accdescr",
        "acctitle",
        "todaymarker",
        "weekday",
        "weekend",
        "click",
    ]
    .iter()
    .any(|k| lower.starts_with(k))
}

/// Maps Mermaid's "line N" (of the pre-processed text) to a line of the case file.
fn preprocessed_line(text: &str, n: usize) -> Option<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    if lines.first().is_some_and(|l| l.trim_end() == "---") {
        i = 1;
        while i < lines.len() && lines[i].trim_end() != "---" {
            i += 1;
        }
        i += 1;
    }
    let mut kept = Vec::new();
    for (k, l) in lines.iter().enumerate().skip(i) {
        let t = l.trim_start();
        if t.starts_with("%%") && !t.starts_with("%%{") && t.len() > 2 {
            continue;
        }
        if t.starts_with("%%{") {
            continue;
        }
        if kept.is_empty() && t.is_empty() {
            continue;
        }
        kept.push(k + 1);
    }
    kept.get(n.checked_sub(1)?).copied()
}

/// The line of the case that Mermaid rejects, when it can be told from the error.
fn offending_line(text: &str, error: &str) -> Option<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let data_items = |l: &str| -> Option<Vec<String>> {
        if is_keyword_line(l) {
            return None;
        }
        let (_, data) = l.split_once(':')?;
        Some(data.split(',').map(|s| s.trim().to_string()).collect())
    };
    if let Some(x) = error.strip_prefix("Invalid date:") {
        return lines
            .iter()
            .position(|l| data_items(l).is_some_and(|it| it.iter().any(|i| i == x)))
            .map(|p| p + 1);
    }
    if let Some(rest) = error.strip_prefix("Parse error on line ") {
        let n: usize = rest.split(':').next()?.parse().ok()?;
        return preprocessed_line(text, n);
    }
    if error.contains("(reading 'endTime')") {
        // The first task has only an end: there is no previous task.
        return lines.iter().position(|l| data_items(l).is_some()).map(|p| p + 1);
    }
    if error.contains("(reading 'type')") {
        let tags = ["active", "done", "crit", "milestone", "vert"];
        return lines
            .iter()
            .position(|l| {
                data_items(l)
                    .is_some_and(|it| it.iter().skip_while(|i| tags.contains(&i.as_str())).count() >= 4)
            })
            .map(|p| p + 1);
    }
    if error.contains("(reading 'match')") {
        let tags = ["active", "done", "crit", "milestone", "vert"];
        return lines
            .iter()
            .position(|l| data_items(l).is_some_and(|it| it.iter().all(|i| tags.contains(&i.as_str()))))
            .map(|p| p + 1);
    }
    if error.contains("TopAxis") {
        return lines
            .iter()
            .position(|l| l.trim_start().to_ascii_lowercase().starts_with("topaxis"))
            .map(|p| p + 1);
    }
    if error.starts_with("No diagram type detected") {
        return preprocessed_line(text, 1);
    }
    None
}

fn check_rejected(text: &str, exp: &Value, tl: &Timeline, diags: &[Diagnostic]) -> Vec<String> {
    let mut out = Vec::new();
    let error = exp["error"].as_str().unwrap_or("");
    let errors: Vec<usize> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.span.map(|s| line_of(text, s.start)))
        .collect();
    if errors.is_empty() {
        out.push(format!("no error diagnostic (Mermaid: {})", error.lines().next().unwrap_or("")));
        return out;
    }
    match offending_line(text, error) {
        Some(line) if !errors.contains(&line) => {
            out.push(format!("expected an error on line {line}, got errors on lines {errors:?}"));
        }
        Some(_) => {}
        None => println!(
            "    (offending line not derivable from {:?}; any error accepted)",
            error.lines().next().unwrap_or("")
        ),
    }
    for t in &tl.tasks {
        let line = line_of(text, t.span.start);
        if errors.contains(&line) {
            continue;
        }
        if (t.start.is_none() || t.end.is_none()) && t.problem.is_none() {
            out.push(format!("task `{}` (line {line}) is undated without a stated problem", t.name));
        }
    }
    out
}

#[test]
fn mermaid_conformance() {
    let dir = root();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir.join("cases"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "mmd"))
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    assert!(!cases.is_empty(), "no conformance cases found");
    let (mut identical, mut rendered, mut reported, mut rejected, mut deliberate) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    let total = cases.len();
    for case in &cases {
        let stem = case.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let text = std::fs::read_to_string(case).unwrap_or_default().replace("\r\n", "\n");
        let exp: Value = std::fs::read_to_string(dir.join("expected").join(format!("{stem}.json")))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        let (tl, diags) = resolve(&text, today());
        let ok = exp["ok"].as_bool() == Some(true);
        if ok {
            rendered += 1;
        } else {
            rejected += 1;
        }
        let problems =
            if ok { compare_ok(&text, &exp, &tl) } else { check_rejected(&text, &exp, &tl, &diags) };
        if problems.is_empty() {
            if ok {
                identical += 1;
            } else {
                reported += 1;
            }
        } else if DELIBERATE.contains(&stem.as_str())
            || problems.iter().all(|p| p.starts_with(DELIBERATE_TAG))
        {
            deliberate += 1;
            println!("{stem}: deliberate difference (docs/mermaid-differences.md): {}", problems.join("; "));
        } else {
            failures.push(format!("{stem}:\n    {}", problems.join("\n    ")));
        }
    }
    println!(
        "mermaid conformance: {}/{total} cases pass; rendered by Mermaid: {identical}/{rendered} identical; \
         rejected by Mermaid: {reported}/{rejected} reported on the offending line; deliberate differences: {deliberate}",
        identical + reported + deliberate
    );
    for f in &failures {
        println!("MISMATCH {f}");
    }
    assert!(failures.is_empty(), "{} conformance case(s) differ", failures.len());
}
