//! In-process export timings (run with `cargo bench --bench export`): the first report of
//! a process (font parsing and Typst's lazy set-up included) and later reports of other
//! documents in the same process, as `boardpack export a.md b.md ...` makes them.
//! Whole-process timings: `scripts/bench-export.sh`.

use boardpack::date::Date;
use boardpack::read::{ReadOptions, read_path};
use boardpack::view::{self, ReportOptions, Template};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn export(path: &Path, today: Date) -> Duration {
    export_with(path, today, None)
}

fn export_with(path: &Path, today: Date, quarter: Option<boardpack::quarter::Quarter>) -> Duration {
    let start = Instant::now();
    let document = read_path(path, &ReadOptions { today, repair: true }).unwrap_or_else(|e| panic!("{e}"));
    let options = ReportOptions {
        lang: view::choose_lang(None, &document.roadmap),
        template: Template::Report,
        quarter,
        meeting_date: None,
        conformance: boardpack::render::Conformance::default(),
    };
    let exported = boardpack::report::export::export(&document, &options).unwrap_or_else(|e| panic!("{e}"));
    std::hint::black_box(exported.pdf);
    // No cache eviction: `boardpack export a.md b.md` keeps Typst's caches between
    // documents too. (A batch evicts; the quarter reports below do, as it does.)
    start.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let today = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    let seed = PathBuf::from("examples/os2forms-roadmap.md");
    let others: Vec<PathBuf> = [
        "os2forms-roadmap-final.md",
        "os2display-forvaltning-milestones.md",
        "os2forms-releaseplan-until.md",
    ]
    .iter()
    .map(|f| Path::new("tests/fixtures/corpus").join(f))
    .collect();
    let first = export(&seed, today);
    println!("first export in the process (seed):            {:>7.2} ms", first.as_secs_f64() * 1e3);
    let second = export(&others[0], today);
    println!("second export, another document:                {:>7.2} ms", second.as_secs_f64() * 1e3);
    let mut warm = Vec::new();
    for round in 0..30 {
        warm.push(export(&others[round % others.len()], today));
    }
    println!(
        "later exports of those same documents, memoized (median of 30):{:>7.2} ms",
        median(warm).as_secs_f64() * 1e3
    );
    let mut seed_warm = Vec::new();
    for _ in 0..30 {
        seed_warm.push(export(&seed, today));
    }
    println!(
        "the seed again, warm process (median of 30):    {:>7.2} ms",
        median(seed_warm).as_secs_f64() * 1e3
    );

    // Quarter reports of documents that differ (a numbered title, as in
    // scripts/bench-batch.sh), so that no report is a cache hit of an earlier one.
    let quarters = boardpack::quarter::Quarter::parse_range("2025-Q3..2026-Q2").unwrap_or_default();
    let sources: Vec<String> = std::iter::once(seed.clone())
        .chain(others.iter().cloned())
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let mut quarter_warm = Vec::new();
    for round in 0..40 {
        let text = numbered(&sources[round % sources.len()], round);
        let quarter = quarters[round % quarters.len()];
        let start = Instant::now();
        let document = boardpack::read::read_bytes(
            text.as_bytes(),
            "bench.md",
            None,
            &ReadOptions { today, repair: true },
        );
        let options = ReportOptions {
            lang: view::choose_lang(None, &document.roadmap),
            template: Template::Report,
            quarter: Some(quarter),
            meeting_date: None,
            conformance: boardpack::render::Conformance::default(),
        };
        let exported =
            boardpack::report::export::export(&document, &options).unwrap_or_else(|e| panic!("{e}"));
        std::hint::black_box(exported.pdf);
        boardpack::render::evict_cache();
        quarter_warm.push(start.elapsed());
    }
    let q = median(quarter_warm).as_secs_f64() * 1e3;
    println!("a quarter report of another document (median of 40): {q:>7.2} ms");
    phases(&sources, today);
    // For scripts/bench-batch.sh.
    println!("warm_quarter_ms={q:.3}");
}

/// Where a later document's time goes: full reports of numbered copies (no cache hits
/// between them), stage by stage, medians of 20.
fn phases(sources: &[String], today: Date) {
    let mut stages: [Vec<Duration>; 6] = Default::default();
    for round in 0..20 {
        let text = numbered(&sources[round % sources.len()], 100 + round);
        let mut clock = Instant::now();
        let mut lap = |stage: usize, stages: &mut [Vec<Duration>; 6]| {
            stages[stage].push(clock.elapsed());
            clock = Instant::now();
        };
        let document = boardpack::read::read_bytes(
            text.as_bytes(),
            "bench.md",
            None,
            &ReadOptions { today, repair: true },
        );
        lap(0, &mut stages);
        let options = ReportOptions {
            lang: view::choose_lang(None, &document.roadmap),
            template: Template::Report,
            quarter: None,
            meeting_date: None,
            conformance: boardpack::render::Conformance::default(),
        };
        let data = view::build(&document.roadmap, &options);
        lap(1, &mut stages);
        let laid_out = boardpack::render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
        lap(2, &mut stages);
        std::hint::black_box(boardpack::render::readback::missing_glyphs(&laid_out));
        lap(3, &mut stages);
        let pdf = boardpack::render::pdf(&laid_out, today, boardpack::render::Conformance::default())
            .unwrap_or_else(|e| panic!("{e}"));
        std::hint::black_box(pdf);
        lap(4, &mut stages);
        drop(laid_out);
        boardpack::render::evict_cache();
        lap(5, &mut stages);
    }
    let names = ["read", "report data", "Typst layout", "glyph check", "PDF", "(batch) eviction"];
    let medians: Vec<f64> = stages.into_iter().map(|s| median(s).as_secs_f64() * 1e3).collect();
    println!("a full report of another document, by stage (medians of 20):");
    for (name, ms) in names.iter().zip(&medians) {
        println!("  {name:<16}{ms:>7.2} ms");
    }
    // What `boardpack export` spends on the document; a batch also evicts the cache.
    println!("  {:<16}{:>7.2} ms", "sum, export", medians[..5].iter().sum::<f64>());
    println!("  {:<16}{:>7.2} ms", "sum, batch", medians.iter().sum::<f64>());
}

/// The page with its title numbered, as the batch benchmark's copies are.
fn numbered(text: &str, n: usize) -> String {
    match text.find("title: \"") {
        Some(i) => format!("{}title: \"Copy {n:03} · {}", &text[..i], &text[i + 8..]),
        None => format!("# Copy {n:03}\n\n{text}"),
    }
}
