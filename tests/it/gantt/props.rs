//! Property tests: no input makes the gantt engine panic, and every span it reports lies
//! inside the text on character boundaries.

use boardpack::gantt::resolve;
use proptest::prelude::*;

fn check(text: &str) {
    let today = crate::common::mermaid_today();
    let (tl, diags) = resolve(text, today);
    for d in &diags {
        if let Some(s) = d.span {
            assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} out of {}", text.len());
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "span {s:?} splits a character"
            );
        }
    }
    for t in &tl.tasks {
        assert!(t.span.start <= t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(t.section < tl.sections.len().max(1));
    }
}

const FRAGMENTS: &[&str] = &[
    "gantt",
    "GANTT",
    "dateFormat YYYY-MM-DD",
    "dateFormat  DD.MM.YYYY",
    "dateFormat X",
    "dateFormat x",
    "dateFormat HH:mm",
    "dateFormat YYYY [Q]Q",
    "dateFormat Do MMMM YYYY",
    "dateFormat w",
    "dateFormat",
    "title",
    "title Plan: A",
    "section",
    "section S",
    "Section review : a, 1d",
    "excludes weekends",
    "excludes weekends monday tuesday wednesday thursday friday saturday sunday",
    "excludes 2025-01-08, friday",
    "includes 2025-01-11",
    "weekend friday",
    "weekday monday",
    "inclusiveEndDates",
    "topAxis",
    "tickInterval 1week",
    "tickInterval  1quarter",
    "todayMarker off",
    "axisFormat %d",
    "accTitle: t",
    "accDescr: d",
    "accDescr {",
    "}",
    "click a href \"https://x\"",
    "click a call f(1)",
    "call x",
    "%% comment",
    "%%{init: {'gantt': {'topAxis': true}}}%%",
    "%%{init: {",
    "---",
    "title: x",
    "5% x :a, 1d",
    "A :a, 2025-01-06, 5d",
    "B :b, after a, 3d",
    "C :c, after b a, until d",
    "D :d, 2025-00-01, 2026-01-01",
    "E :5d",
    "F :crit, done",
    "G :vert, v1, 2025-03-01,",
    "H :milestone, m, 2025-03-03, 0d",
    "I :i, 1735689600, 86400",
    "J :j, Phase 2, 1.5d",
    "K :k, 2025-02-30, 2025-04-31",
    "L :l, after l, 2d",
    "M :m, 9999-12-31, 1y",
    "N :n, 2025-01-06, 99999999999d",
    "O :2025-01-06, 1.5M",
    "P :p, after ghost, until ghost",
    "Q :q, 2025-01-06, 5d %% c",
    "R :r, 2025-01-06, 5d # c",
    "S :s, 2025-01-06, 1d; T :t, 1d",
    "2025-01-01 x :u, 1d",
    ":nameless, 1d",
    "Name :",
    "just words",
    "Phase 1: A :a1, 2025-01-06, 1d",
    "Issue #42; x :w, 1d",
    "style x:#f00;",
    "after",
    "until",
    ",,,,",
    ":::",
    "\t",
    "  ",
    "ﬂ°°1¶ß",
    "é",
    "😀 :e, 2025-01-06, 1d",
    "\r",
    "\u{2028}",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "[ -~éå😀:,;#%{}()\t]{0,40}",
        1 => (proptest::sample::select(FRAGMENTS), proptest::sample::select(FRAGMENTS)).prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_as_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn gantt_like_lines_never_panic(lines in proptest::collection::vec(line(), 0..25), head in any::<bool>()) {
        let mut text = if head { String::from("gantt\n") } else { String::new() };
        for l in &lines {
            text.push_str("    ");
            text.push_str(l);
            text.push('\n');
        }
        check(&text);
    }
}

#[test]
fn big_inputs_stay_fast() {
    let start = std::time::Instant::now();
    // A very long line, deep cycles and many unknown references.
    let mut text = String::from("gantt\n dateFormat YYYY-MM-DD\n excludes weekends\n");
    text.push_str(&format!(" {} :x, 2025-01-06, 1d\n", "a".repeat(200_000)));
    text.push_str(&format!(" Long :y, {}, 1d\n", "1".repeat(100_000)));
    text.push_str(&format!(" style{}# ;\n", ":".repeat(100_000)));
    for i in 0..5000 {
        text.push_str(&format!(" C{i} :c{i}, after c{}, 1d\n", (i + 1) % 5000));
        text.push_str(&format!(" U{i} :u{i}, after nothing{i}, 1d\n"));
    }
    text.push_str(&format!("---\n{}\n---\n", "\n".repeat(50_000)));
    check(&text);
    let front = format!("---{}x", "\n".repeat(100_000));
    check(&front);
    assert!(start.elapsed().as_secs_f64() < 5.0, "took {:?}", start.elapsed());
}
