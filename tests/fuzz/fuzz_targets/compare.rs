//! Two arbitrary pages (the input split in two) compared as baseline and current page:
//! pairing, shifts and working days must never panic, and the changes must serialize and
//! be shown in every report's words and scope.
#![no_main]

use boardpack::date::Date;
use boardpack::locale::Lang;
use boardpack::model::Baseline;
use boardpack::read::{ReadOptions, read_bytes};
use boardpack::view::changes::{Scope, build};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let middle = data.len() / 2;
    let (old, new) = data.split_at(middle);
    let then = Date::new(2025, 11, 1).unwrap_or_else(|| unreachable!());
    let now = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    let baseline = read_bytes(old, "old.md", None, &ReadOptions { today: then, repair: true });
    let current = read_bytes(new, "new.md", None, &ReadOptions { today: now, repair: true });
    let about = Baseline { source: "old.md".into(), commit: None, date: Some(then), title: String::new() };
    let changes = boardpack::compare::compare(&baseline.roadmap, &current.roadmap, about);
    assert!(serde_json::to_vec(&changes).is_ok());
    let quarter = boardpack::quarter::Quarter::new(2026, 1).unwrap_or_else(|| unreachable!());
    for scope in [Scope::All, Scope::Quarter(quarter), Scope::LargestSlips] {
        let shown = build(&changes, Lang::Da, scope);
        assert!(shown.rows.len() <= changes.items.len());
    }
});
