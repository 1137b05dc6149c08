//! Decoding of real files: the seed page damaged by Johab mojibake, and the corpus of real
//! roadmap pages that must come through untouched.

use std::path::Path;

use boardpack::diag::Severity;
use boardpack::read::decode::{DecodeOptions, decode};

const REPAIRED: &str = "decode::mojibake-repaired";

fn fixture(path: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_seed_page_is_repaired_exactly() {
    let decoded = decode(&fixture("seed/000_4bc985adf0e5d476.txt"), DecodeOptions::default());
    let expected = String::from_utf8(fixture("seed/000_4bc985adf0e5d476.repaired.md")).unwrap();
    assert_eq!(decoded.text, expected);
    assert_eq!(decoded.encoding, "UTF-8");
    let warnings: Vec<_> = decoded.diagnostics.iter().filter(|d| d.code == REPAIRED).collect();
    assert_eq!(warnings.len(), 1, "{:#?}", decoded.diagnostics);
    assert_eq!(decoded.diagnostics.len(), 1);
    let warning = warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.message,
        "repaired mojibake: the text was UTF-8 read as Johab (CP1361) and saved again; 30 characters changed"
    );
    assert!(warning.hints.iter().any(|h| h.contains("--no-repair")));
    // The first repaired character is the calendar emoji, in the repaired text.
    let span = warning.span.unwrap();
    assert_eq!(&decoded.text[span.start..span.end], "📆");
    assert_eq!(decoded.notes, ["repaired mojibake (UTF-8 read as Johab (CP1361))"]);
}

#[test]
fn the_seed_page_is_kept_with_no_repair() {
    let bytes = fixture("seed/000_4bc985adf0e5d476.txt");
    let decoded = decode(&bytes, DecodeOptions { repair: false });
    assert_eq!(decoded.text.as_bytes(), bytes);
    assert!(decoded.diagnostics.is_empty());
}

#[test]
fn the_repaired_seed_page_stays_as_it_is() {
    let bytes = fixture("seed/000_4bc985adf0e5d476.repaired.md");
    let decoded = decode(&bytes, DecodeOptions::default());
    assert_eq!(decoded.text.as_bytes(), bytes);
    assert!(decoded.diagnostics.is_empty(), "{:#?}", decoded.diagnostics);
    assert!(decoded.notes.is_empty());
}

#[test]
fn every_corpus_page_decodes_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let decoded = decode(&bytes, DecodeOptions::default());
        let expected = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
        assert_eq!(decoded.text, expected, "{}", path.display());
        assert!(
            !decoded.diagnostics.iter().any(|d| d.code == REPAIRED),
            "{}: {:#?}",
            path.display(),
            decoded.diagnostics
        );
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} corpus pages");
}

/// The seed as received gives the same model as its repaired copy, apart from the one
/// repair warning and what the source information says about decoding.
#[test]
fn the_seed_as_received_reads_like_its_repaired_copy() {
    let received = crate::common::read(&crate::common::fixtures().join("seed/000_4bc985adf0e5d476.txt"));
    let repaired = crate::common::read(&crate::common::seed());
    let repairs: Vec<_> =
        received.roadmap.diagnostics.iter().filter(|d| d.code == "decode::mojibake-repaired").collect();
    assert_eq!(repairs.len(), 1);
    let normalize = |roadmap: &boardpack::model::Roadmap| {
        let mut value = serde_json::to_value(roadmap).unwrap_or_default();
        value["source"] = serde_json::Value::Null;
        if let Some(list) = value["diagnostics"].as_array_mut() {
            list.retain(|d| d["code"] != "decode::mojibake-repaired");
        }
        value
    };
    assert_eq!(normalize(&received.roadmap), normalize(&repaired.roadmap));
}
