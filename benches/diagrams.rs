//! What drawing Mermaid diagrams costs (run with `cargo bench --bench diagrams`): a page
//! with a 50-node flowchart and a page with ten diagrams of ten kinds, each read (which
//! draws the diagrams) and exported as the full report, against the same pages with their
//! diagrams not drawn (read without them: the export shows their source), in alternating
//! rounds so that a noisy machine slows both alike. Medians of the rounds, and the
//! process's peak memory. mermaid-cli takes about 2 s and 500 MB per document; the target
//! is under 100 ms for such a page.

use boardpack::date::Date;
use boardpack::read::{ReadOptions, read_path};
use boardpack::view::{self, ReportOptions, Template};
use std::path::Path;
use std::time::{Duration, Instant};

const ROUNDS: usize = 20;

fn options(document: &boardpack::read::Document) -> ReportOptions {
    ReportOptions {
        lang: view::choose_lang(None, &document.roadmap),
        template: Template::Report,
        quarter: None,
        meeting_date: None,
        conformance: boardpack::render::Conformance::default(),
    }
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

/// The process's peak resident memory so far, in MiB (Linux), if it can be read.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let read = ReadOptions { today: Date::new(2026, 3, 31).unwrap_or_else(|| unreachable!()), repair: true };
    let export = |document: &boardpack::read::Document| {
        (0..4).for_each(|_| boardpack::render::evict_cache());
        boardpack::report::export::export(document, &options(document)).unwrap_or_else(|e| panic!("{e}")).pdf
    };
    for name in ["flowchart-50", "ten-diagrams"] {
        let path = format!("tests/fixtures/bench/{name}.md");
        let path = Path::new(&path);
        let drawn_page = || read_path(path, &read).unwrap_or_else(|e| panic!("{e}"));
        let source_page = || {
            let mut document = drawn_page();
            document.roadmap.diagrams.iter_mut().for_each(|d| d.drawing = None);
            document
        };
        let warm = drawn_page();
        let drawn = warm.roadmap.diagrams.iter().filter(|d| d.drawing.is_some()).count();
        assert_eq!(drawn, warm.roadmap.diagrams.len(), "{name}: not every diagram was drawn");
        export(&warm);
        export(&source_page());
        let (mut reads, mut with, mut without) = (vec![], vec![], vec![]);
        for _ in 0..ROUNDS {
            let start = Instant::now();
            let document = drawn_page();
            reads.push(start.elapsed());
            std::hint::black_box(export(&document));
            with.push(start.elapsed());
            let document = source_page();
            let start = Instant::now();
            std::hint::black_box(export(&document));
            without.push(start.elapsed());
        }
        println!("{name} ({drawn} diagrams), {ROUNDS} alternating rounds, medians:");
        println!("  read and draw the diagrams         {:8.1} ms", median(reads));
        println!("  read, draw and export              {:8.1} ms", median(with));
        println!("  export with the sources instead    {:8.1} ms  (read not counted)", median(without));
    }
    if let Some(peak) = peak_mib() {
        println!("peak memory of the whole run: {peak:.0} MiB");
    }
}
