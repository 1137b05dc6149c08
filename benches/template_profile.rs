//! Where Typst spends a report's time, by template line (run with
//! `cargo bench --bench template_profile [-- FILE.md]`). Typst's own timing scopes
//! (function calls, layout of blocks, stacks, shapes, …) are recorded while one report
//! is laid out and written, after a warm-up report of another document so that no
//! one-time set-up is counted. Prints the layout iterations and the costliest
//! (scope, template line) pairs by self time and by inclusive time; `--timeline` prints
//! the scopes per thread instead. `--first` records the first export of the process (the
//! bundled example, set-up included) instead of the second.

use boardpack::date::Date;
use boardpack::read::{ReadOptions, read_path};
use boardpack::view::{self, ReportOptions, Template};
use std::collections::HashMap;
use std::num::NonZeroU64;
use std::path::Path;
use typst::syntax::{Source, Span};

#[derive(serde::Deserialize)]
struct Event {
    name: String,
    ph: String,
    ts: f64,
    tid: u64,
    args: Option<Place>,
}

#[derive(serde::Deserialize)]
struct Place {
    file: String,
    line: u32,
}

fn export(path: &Path, today: Date) {
    let document = read_path(path, &ReadOptions { today, repair: true }).unwrap_or_else(|e| panic!("{e}"));
    let options = ReportOptions {
        lang: view::choose_lang(None, &document.roadmap),
        template: Template::Report,
        quarter: None,
        meeting_date: None,
        conformance: boardpack::render::Conformance::default(),
    };
    let exported = boardpack::report::export::export(&document, &options).unwrap_or_else(|e| panic!("{e}"));
    std::hint::black_box(exported.pdf);
}

/// A span's template file and line (the templates are parsed exactly as the World does,
/// so the span numbers agree).
fn locate(sources: &[Source], raw: NonZeroU64) -> (String, u32) {
    let span = Span::from_raw(raw);
    for source in sources {
        if let Some(node) = source.find(span) {
            let range = node.range();
            let line = source.text()[..range.start].matches('\n').count() + 1;
            return (source.id().vpath().get_with_slash().to_string(), line as u32);
        }
    }
    ("?".into(), 0)
}

fn main() {
    let today = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    let target = std::env::args()
        .skip(1)
        .find(|a| a.ends_with(".md"))
        .unwrap_or_else(|| "tests/fixtures/corpus/os2forms-roadmap-final.md".into());
    let first = std::env::args().any(|a| a == "--first");
    if first {
        typst_timing::enable();
    }
    export(Path::new("examples/os2forms-roadmap.md"), today);
    let events = if first {
        typst_timing::disable();
        recorded(&sources_of_templates())
    } else {
        let sources = sources_of_templates();
        typst_timing::enable();
        export(Path::new(&target), today);
        typst_timing::disable();
        recorded(&sources)
    };
    if std::env::args().any(|a| a == "--timeline") {
        timeline(&events);
        return;
    }

    // Per thread, a stack of open scopes; self time is a scope's time minus its children's.
    let mut stacks: HashMap<u64, Vec<(String, f64, f64)>> = HashMap::new();
    let mut self_time: HashMap<String, (f64, usize)> = HashMap::new();
    let mut inclusive: HashMap<String, f64> = HashMap::new();
    for event in &events {
        let key = match &event.args {
            Some(p) => format!("{:<22} {}:{}", event.name, p.file, p.line),
            None => event.name.clone(),
        };
        let stack = stacks.entry(event.tid).or_default();
        if event.ph == "B" {
            stack.push((key, event.ts, 0.0));
        } else if let Some((key, start, children)) = stack.pop() {
            let total = event.ts - start;
            let entry = self_time.entry(key.clone()).or_default();
            entry.0 += total - children;
            entry.1 += 1;
            // A recursive scope counts once, at its outermost call.
            if !stack.iter().any(|(k, ..)| *k == key) {
                *inclusive.entry(key).or_default() += total;
            }
            if let Some(parent) = stack.last_mut() {
                parent.2 += total;
            }
        }
    }
    println!("{target}");
    for name in ["eval", "iter (1)", "iter (2)", "iter (3)", "iter (4)", "iter (5)", "pdf"] {
        let ms: f64 = inclusive.iter().filter(|(k, _)| k.starts_with(name)).map(|(_, t)| t).sum();
        if ms > 0.0 {
            println!("  {name:<12}{:>8.2} ms", ms / 1e3);
        }
    }
    let closure_calls: usize = self_time
        .iter()
        .filter(|(k, _)| k.starts_with("func call") && k.contains(".typ:"))
        .map(|(_, v)| v.1)
        .sum();
    println!("  template function calls: {closure_calls}");
    let mut by_calls: Vec<_> =
        self_time.iter().filter(|(k, _)| k.starts_with("func call") && k.contains(".typ:")).collect();
    by_calls.sort_by_key(|(_, (_, calls))| std::cmp::Reverse(*calls));
    for (k, (us, n)) in by_calls.iter().take(25) {
        println!("    {n:>5} {:>7.2}  {k}", us / 1e3);
    }
    let mut by_self: Vec<_> = self_time.into_iter().collect();
    by_self.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    println!("\nself time (ms, calls):");
    for (key, (us, calls)) in by_self.iter().take(40) {
        println!("  {:>7.2} {calls:>6}  {key}", us / 1e3);
    }
    let mut by_inclusive: Vec<_> = inclusive.into_iter().collect();
    by_inclusive.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("\ninclusive time (ms):");
    for (key, us) in by_inclusive.iter().take(40) {
        println!("  {:>7.2}  {key}", us / 1e3);
    }
}

/// The events recorded since timing was enabled, with template places.
fn recorded(sources: &[Source]) -> Vec<Event> {
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |raw| locate(sources, raw)).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}"))
}

fn sources_of_templates() -> Vec<Source> {
    boardpack::render::TEMPLATES
        .iter()
        .filter_map(|(path, text)| {
            let path = typst::syntax::VirtualPath::new(path).ok()?;
            let id = typst::syntax::RootedPath::new(typst::syntax::VirtualRoot::Project, path).intern();
            Some(Source::new(id, boardpack::render::parsed_template_text(text)))
        })
        .collect()
}

/// Per thread, the scopes of the first levels that took over 0.3 ms, with start and end.
fn timeline(events: &[Event]) {
    let mut depth: HashMap<u64, Vec<f64>> = HashMap::new();
    let mut lines = Vec::new();
    for event in events {
        let stack = depth.entry(event.tid).or_default();
        if event.ph == "B" {
            stack.push(event.ts);
        } else if let Some(start) = stack.pop()
            && stack.len() <= 3
            && event.ts - start > 300.0
        {
            let place = event.args.as_ref().map(|p| format!(" {}:{}", p.file, p.line)).unwrap_or_default();
            lines.push((event.tid, start, event.ts, stack.len(), format!("{}{place}", event.name)));
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (tid, start, end, level, name) in lines {
        println!(
            "t{tid} {:>7.2} {:>7.2} {:>6.2} {}{name}",
            start / 1e3,
            end / 1e3,
            (end - start) / 1e3,
            "  ".repeat(level)
        );
    }
}
