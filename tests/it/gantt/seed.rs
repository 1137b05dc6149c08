//! The seed page: the gantt block of `tests/fixtures/seed/…repaired.md` (fence at line 16).
//! Mermaid refuses to draw it (`Invalid date:2025-00-01`); boardpack resolves the other 12
//! items and points at the bad date.

use boardpack::diag::{LineIndex, Severity};
use boardpack::gantt::resolve;
use std::path::Path;

#[test]
fn seed_block() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/000_4bc985adf0e5d476.repaired.md");
    let md = std::fs::read_to_string(path).unwrap_or_default();
    let open = md.find("```mermaid\n").unwrap_or(0);
    let start = open + "```mermaid\n".len();
    let end = start + md[start..].find("```").unwrap_or(0);
    let block = &md[start..end];
    let today = crate::common::mermaid_today();
    let (tl, diags) = resolve(block, today);

    assert_eq!(tl.tasks.len(), 13);
    assert_eq!(tl.tasks.iter().filter(|t| t.flags.vert).count(), 3);
    assert_eq!(tl.tasks.iter().filter(|t| t.start.is_some() && t.end.is_some()).count(), 12);
    let bad = &tl.tasks[3];
    assert_eq!(bad.name, "Handson support betralt af fællesskabet");
    assert!(bad.start.is_none() && bad.end.is_none());
    assert_eq!(bad.problem.as_ref().map(|p| p.code), Some("gantt::invalid-date"));

    let errors: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1);
    let span = errors[0].span.unwrap_or_default();
    let index = LineIndex::new(&md);
    assert_eq!(index.line_col(&md, start + span.start), (28, 53));
    assert_eq!(&block[span.start..span.end], "2025-00-01");
    assert!(errors[0].message.contains("month 00 is not between 01 and 12"));
    assert!(errors[0].hints.iter().any(|h| h.contains("2025-01-01")));
    // The deliberate trailing commas of the markers are not reported.
    assert!(!diags.iter().any(|d| d.code == "gantt::zero-length"));
    assert_eq!(tl.title, "OS2Forms Roadmap for sekretariatssupport 2025/2026");
    let names: Vec<&str> = tl.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["", "Sekretariasfunktion", "Community building", "Produktforvaltning", "Produktudvikling"]
    );
    assert!(tl.tick_interval_valid);
    assert_eq!(tl.excludes, vec!["weekends"]);
    let range = tl.range.map(|r| (r.start.to_string(), r.end.to_string()));
    assert_eq!(range, Some(("2025-03-01".to_string(), "2026-06-30".to_string())));
}
