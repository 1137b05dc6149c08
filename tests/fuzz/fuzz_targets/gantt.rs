//! Arbitrary text as a gantt block: the engine must never panic or hang, and every span it
//! reports must lie inside the text.
#![no_main]

use boardpack::date::Date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let today = Date::new(2025, 6, 18).unwrap_or_else(|| unreachable!());
    let source = format!("gantt\n{text}");
    let (timeline, diagnostics) = boardpack::gantt::resolve(&source, today);
    for span in diagnostics.iter().filter_map(|d| d.span).chain(timeline.tasks.iter().map(|t| t.span)) {
        assert!(span.start <= span.end && span.end <= source.len(), "span {span:?} outside the text");
    }
});
