//! Arbitrary bytes through the whole reader (decode, front matter, Liquid, Markdown, gantt,
//! tracks), then the report data: nothing may panic, and the model must serialize.
#![no_main]

use boardpack::date::Date;
use boardpack::read::{ReadOptions, read_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    let document = read_bytes(data, "fuzz.md", None, &ReadOptions { today, repair: true });
    let options = boardpack::view::ReportOptions {
        lang: boardpack::view::choose_lang(None, &document.roadmap),
        template: boardpack::view::Template::Report,
        quarter: boardpack::quarter::Quarter::new(2026, 1),
        meeting_date: None,
        conformance: boardpack::view::standard::Conformance::default(),
    };
    let data = boardpack::view::build(&document.roadmap, &options);
    assert!(serde_json::to_vec(&data).is_ok());
});
