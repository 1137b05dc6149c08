//! Arbitrary bytes through the whole export: read, view, layout and the PDF writer with
//! the default standards (PDF/UA-1 + PDF/A-2a, and the fallbacks). Nothing may panic; an
//! export that succeeds must be a whole PDF with the pages it says it has, and one that
//! fails must say why (an `ExportError`, never a panic). The first byte picks the
//! template, so the full report, the quarter report and the minutes are all reached.
#![no_main]

use boardpack::date::Date;
use boardpack::read::{ReadOptions, read_bytes};
use boardpack::view::{ReportOptions, Template, standard::Conformance};
use libfuzzer_sys::fuzz_target;

static THREADS: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    THREADS.call_once(boardpack::render::configure_threads);
    let Some((&selector, page)) = data.split_first() else { return };
    let today = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    let document = read_bytes(page, "fuzz.md", None, &ReadOptions { today, repair: true });
    let (template, quarter) = match selector % 3 {
        0 => (Template::Report, None),
        1 => (Template::Report, boardpack::quarter::Quarter::new(2026, 1)),
        _ => (Template::Minutes, None),
    };
    let options = ReportOptions {
        lang: boardpack::view::choose_lang(None, &document.roadmap),
        template,
        quarter,
        meeting_date: None,
        conformance: Conformance::default(),
    };
    // Typst's layout needs the stack the commands give their workers.
    let worker = std::thread::Builder::new()
        .stack_size(boardpack::render::STACK_SIZE)
        .spawn(move || boardpack::report::export::export(&document, &options));
    let Ok(worker) = worker else { return };
    // A panic in the worker aborts through libFuzzer's panic hook, which is the finding.
    if let Ok(Ok(exported)) = worker.join() {
        assert!(exported.pdf.starts_with(b"%PDF-"), "not a PDF");
        let tail = &exported.pdf[exported.pdf.len().saturating_sub(32)..];
        assert!(tail.windows(5).any(|w| w == b"%%EOF"), "PDF without its end");
        assert!(exported.pages >= 1, "a PDF without pages");
    }
});
