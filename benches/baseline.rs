//! What `--baseline` costs (run with `cargo bench --bench baseline`): the seed read once
//! (the yardstick: "at most the time of reading one more page"), the baseline read and
//! compared, and the whole export without and with it, in alternating rounds so that a
//! noisy machine slows every variant alike. Medians of the rounds.

use boardpack::date::Date;
use boardpack::read::baseline::BaselineSpec;
use boardpack::read::{ReadOptions, read_path};
use boardpack::view::{self, ReportOptions, Template};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROUNDS: usize = 30;

fn options(document: &boardpack::read::Document) -> ReportOptions {
    ReportOptions {
        lang: view::choose_lang(None, &document.roadmap),
        template: Template::Report,
        quarter: None,
        meeting_date: None,
        conformance: boardpack::render::Conformance::default(),
    }
}

fn timed<T>(work: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(work());
    start.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let read = ReadOptions { today: Date::new(2026, 3, 31).unwrap_or_else(|| unreachable!()), repair: true };
    let page = PathBuf::from("tests/fixtures/seed/000_4bc985adf0e5d476.repaired.md");
    let spec = BaselineSpec::File(PathBuf::from("tests/fixtures/changes/seed-2026-03-05.md"));
    let read_page = |path: &Path| read_path(path, &read).unwrap_or_else(|e| panic!("{e}"));
    let with_baseline = |document: &mut boardpack::read::Document| {
        boardpack::report::with_baseline(document, &page, &spec, &read).unwrap_or_else(|e| panic!("{e}"))
    };
    // Typst's caches are emptied first, as a batch does between documents: otherwise the
    // same page laid out again is nearly free and the rounds would time the cache.
    let export = |document: &boardpack::read::Document| {
        // (Each eviction ages entries by one; four drop them all.)
        (0..4).for_each(|_| boardpack::render::evict_cache());
        boardpack::report::export::export(document, &options(document)).unwrap_or_else(|e| panic!("{e}")).pdf
    };
    // Warm-up: fonts, Typst's library, both templates' paths.
    let mut warm = read_page(&page);
    with_baseline(&mut warm);
    export(&warm);
    let plain = read_page(&page);
    export(&plain);

    let (mut reads, mut baselines, mut exports, mut exports_with) = (vec![], vec![], vec![], vec![]);
    for _ in 0..ROUNDS {
        reads.push(timed(|| read_page(&page)));
        let mut document = read_page(&page);
        baselines.push(timed(|| with_baseline(&mut document)));
        exports.push(timed(|| export(&read_page(&page))));
        exports_with.push(timed(|| {
            let mut document = read_page(&page);
            with_baseline(&mut document);
            export(&document)
        }));
    }
    let (read_ms, baseline_ms) = (median(reads).as_secs_f64() * 1e3, median(baselines).as_secs_f64() * 1e3);
    let (export_ms, with_ms) =
        (median(exports).as_secs_f64() * 1e3, median(exports_with).as_secs_f64() * 1e3);
    println!("seed, {ROUNDS} alternating rounds, medians:");
    println!("  read the page                     {read_ms:8.2} ms");
    println!(
        "  read the baseline and compare     {baseline_ms:8.2} ms  ({:.2} x one read)",
        baseline_ms / read_ms
    );
    println!("  export                            {export_ms:8.2} ms");
    println!(
        "  export with the baseline          {with_ms:8.2} ms  (+{:.2} ms: the comparison and the changes section)",
        with_ms - export_ms
    );
}
