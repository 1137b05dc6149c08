//! PDF/UA-1 and PDF/A-2a, read back from the written files: the structure tree a screen
//! reader follows, the declared language, and the standards the XMP metadata claims.

use crate::common::{corpus_files, read, seed};
use boardpack::render::Conformance;
use boardpack::view::{ReportOptions, Template};
use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, Name, Object};
use std::sync::Arc;

/// One structure element: its role, how deep it sits, its alternative text.
#[derive(Debug)]
struct Tag {
    role: String,
    depth: usize,
    alt: Option<String>,
}

/// What a PDF tells a screen reader and an archive.
#[derive(Debug)]
struct Readback {
    lang: Option<String>,
    marked: bool,
    xmp: String,
    tags: Vec<Tag>,
}

impl Readback {
    fn roles(&self) -> Vec<&str> {
        self.tags.iter().map(|t| t.role.as_str()).collect()
    }

    fn has(&self, role: &str) -> bool {
        self.tags.iter().any(|t| t.role == role)
    }

    /// Whether a `child` element sits directly or deeper inside a `parent` element.
    fn nests(&self, parent: &str, child: &str) -> bool {
        self.tags.iter().enumerate().any(|(i, t)| {
            t.role == parent
                && self.tags[i + 1..].iter().take_while(|u| u.depth > t.depth).any(|u| u.role == child)
        })
    }

    fn heading_levels(&self) -> Vec<u8> {
        self.tags.iter().filter_map(|t| t.role.strip_prefix('H')?.parse::<u8>().ok()).collect()
    }

    fn claims_ua1(&self) -> bool {
        xmp_value(&self.xmp, "pdfuaid:part").as_deref() == Some("1")
    }

    /// The PDF/A part and conformance level the XMP claims, as "2A", "2B".
    fn pdfa(&self) -> Option<String> {
        let part = xmp_value(&self.xmp, "pdfaid:part")?;
        let level = xmp_value(&self.xmp, "pdfaid:conformance")?;
        Some(format!("{part}{}", level.to_ascii_uppercase()))
    }
}

/// An XMP property written as an element (`<p>v</p>`) or as an attribute (`p="v"`).
fn xmp_value(xmp: &str, property: &str) -> Option<String> {
    let element = format!("<{property}>");
    if let Some(start) = xmp.find(&element) {
        let rest = &xmp[start + element.len()..];
        return rest.split('<').next().map(|v| v.trim().to_string());
    }
    let attribute = format!("{property}=\"");
    let start = xmp.find(&attribute)?;
    xmp[start + attribute.len()..].split('"').next().map(str::to_string)
}

fn name_of(dict: &Dict, key: &[u8]) -> Option<String> {
    dict.get::<Name>(key).map(|n| n.as_str().to_string())
}

fn text_of(dict: &Dict, key: &[u8]) -> Option<String> {
    let string = dict.get::<hayro_syntax::object::String>(key)?;
    let bytes = string.as_bytes();
    // Text strings are UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
    Some(match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> =
                utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    })
}

fn walk(kids: Object, depth: usize, out: &mut Vec<Tag>) {
    match kids {
        Object::Dict(element) => {
            // Marked-content and object references (MCR, OBJR) are leaves, not elements.
            if let Some(role) = name_of(&element, b"S") {
                out.push(Tag { role, depth, alt: text_of(&element, b"Alt") });
                if let Some(k) = element.get::<Object>(b"K") {
                    walk(k, depth + 1, out);
                }
            }
        }
        Object::Array(items) => {
            let items: Array = items;
            for item in items.iter::<Object>() {
                walk(item, depth, out);
            }
        }
        _ => {}
    }
}

fn read_back(pdf: &[u8]) -> Readback {
    let pdf = Pdf::new(Arc::new(pdf.to_vec())).unwrap_or_else(|e| panic!("the PDF does not load: {e:?}"));
    let catalog: Dict = pdf.xref().get(pdf.xref().root_id()).unwrap_or_else(|| panic!("no catalog"));
    let lang = text_of(&catalog, b"Lang");
    let marked = catalog.get::<Dict>(b"MarkInfo").and_then(|m| m.get::<bool>(b"Marked")).unwrap_or(false);
    let xmp = catalog
        .get::<hayro_syntax::object::Stream>(b"Metadata")
        .and_then(|s| s.decoded().ok().map(|d| String::from_utf8_lossy(d.as_ref()).into_owned()))
        .unwrap_or_default();
    let mut tags = Vec::new();
    if let Some(root) = catalog.get::<Dict>(b"StructTreeRoot")
        && let Some(k) = root.get::<Object>(b"K")
    {
        walk(k, 0, &mut tags);
    }
    Readback { lang, marked, xmp, tags }
}

/// The three reports boardpack makes of a page.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Report,
    Quarter,
    Minutes,
}

fn options(kind: Kind, roadmap: &boardpack::model::Roadmap) -> ReportOptions {
    let mut options = crate::common::own_language_report(roadmap);
    match kind {
        Kind::Report => {}
        Kind::Quarter => options.quarter = boardpack::quarter::Quarter::new(2025, 4),
        Kind::Minutes => options.template = Template::Minutes,
    }
    options
}

fn export(
    path: &std::path::Path,
    options: impl Fn(&boardpack::model::Roadmap) -> ReportOptions,
) -> (boardpack::report::export::Exported, Readback, Vec<String>) {
    let mut document = read(path);
    let options = options(&document.roadmap);
    let exported =
        crate::common::export(&mut document, &options).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let back = read_back(&exported.pdf);
    let codes = document.roadmap.diagnostics.iter().map(|d| d.code.to_string()).collect();
    (exported, back, codes)
}

/// What every PDF/UA-1 + PDF/A-2a report must show when read back.
fn assert_accessible(what: &str, back: &Readback) {
    assert!(back.claims_ua1(), "{what}: the XMP does not claim pdfuaid:part 1");
    assert_eq!(back.pdfa().as_deref(), Some("2A"), "{what}: the XMP does not claim PDF/A-2a");
    assert!(back.marked, "{what}: MarkInfo /Marked is not true");
    assert!(back.lang.as_deref().is_some_and(|l| !l.is_empty()), "{what}: no /Lang");
    assert_eq!(back.tags.first().map(|t| t.role.as_str()), Some("Document"), "{what}: {:?}", back.roles());
    let levels = back.heading_levels();
    assert_eq!(levels.first(), Some(&1), "{what}: the first heading is not H1: {levels:?}");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "{what}: a heading level is skipped: {levels:?}");
    }
    for figure in back.tags.iter().filter(|t| t.role == "Figure") {
        assert!(figure.alt.as_deref().is_some_and(|a| !a.trim().is_empty()), "{what}: a Figure has no Alt");
    }
}

#[test]
fn the_seed_reports_are_tagged_for_screen_readers_and_claim_pdf_ua_and_pdf_a_2a() {
    for template in [Kind::Report, Kind::Quarter, Kind::Minutes] {
        let (exported, back, _) = export(&seed(), |r| options(template, r));
        let what = format!("seed {template:?}");
        assert_eq!(exported.claims, Conformance::ACCESSIBLE_ARCHIVAL, "{what}");
        assert_accessible(&what, &back);
        assert_eq!(back.lang.as_deref(), Some("da"), "{what}");
        assert!(back.nests("Table", "TH"), "{what}: no table header cells: {:?}", back.roles());
        // The minutes attachment has a table of tracks and no lists.
        if template != Kind::Minutes {
            assert!(
                back.nests("L", "LI") && back.nests("LI", "LBody"),
                "{what}: no lists: {:?}",
                back.roles()
            );
        }
        let figure =
            back.tags.iter().find(|t| t.role == "Figure").unwrap_or_else(|| panic!("{what}: no Figure"));
        let alt = figure.alt.clone().unwrap_or_default();
        // The timeline's description names its period and every track (Danish report).
        assert!(alt.contains("Tidsplan") || alt.contains("tidsplan"), "{what}: {alt}");
        for track in ["Sekretariasfunktion", "Community building"] {
            assert!(alt.contains(track), "{what}: the description does not name {track}: {alt}");
        }
    }
}

#[test]
fn the_seed_report_reads_title_then_timeline_then_tracks() {
    let (_, back, _) = export(&seed(), |r| options(Kind::Report, r));
    let position = |role: &str| back.tags.iter().position(|t| t.role == role);
    let (h1, figure) = (position("H1"), position("Figure"));
    let tracks = back.tags.iter().rposition(|t| t.role == "H3");
    assert!(h1 < figure && figure < tracks, "{:?}", back.roles());
    assert!(h1.is_some(), "no H1");
}

#[test]
fn every_corpus_and_real_page_exports_accessible_or_says_why_not() {
    let mut pages = corpus_files();
    pages.extend(crate::common::real_files());
    for path in pages {
        for template in [Kind::Report, Kind::Minutes] {
            let (exported, back, codes) = export(&path, |r| options(template, r));
            let what = format!("{} {template:?}", path.display());
            match exported.claims {
                Conformance::ACCESSIBLE_ARCHIVAL => assert_accessible(&what, &back),
                Conformance::ARCHIVAL => {
                    assert!(
                        codes.iter().any(|c| c == "render::not-accessible"),
                        "{what}: fell back silently"
                    );
                    assert!(!back.claims_ua1(), "{what}: claims PDF/UA without its checks");
                    assert_eq!(back.pdfa().as_deref(), Some("2B"), "{what}");
                }
                other => panic!("{what}: claims {other:?}"),
            }
        }
    }
}

#[test]
fn an_image_without_alternative_text_gives_a_located_warning_and_pdf_a_2b() {
    let path = crate::common::fixtures().join("diagnostics/asset__missing-alt.md");
    let mut document = read(&path);
    let options = options(Kind::Report, &document.roadmap);
    let exported = crate::common::export(&mut document, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(exported.claims, Conformance::ARCHIVAL);
    let back = read_back(&exported.pdf);
    assert!(!back.claims_ua1(), "an image without Alt may not claim PDF/UA-1");
    assert_eq!(back.pdfa().as_deref(), Some("2B"));
    assert!(back.has("Document"), "the report is still tagged");
    let warning = document
        .roadmap
        .diagnostics
        .iter()
        .find(|d| d.code == "asset::missing-alt")
        .unwrap_or_else(|| panic!("no warning: {:?}", document.roadmap.diagnostics));
    assert_eq!((warning.line, warning.column), (Some(5), Some(5)), "{warning:?}");
}

#[test]
fn an_image_with_a_description_keeps_pdf_ua_and_carries_it_as_alt() {
    let dir = crate::common::fixtures().join("diagnostics");
    let page = "# Plan\n\n![The plan on one page](square.png)\n";
    let mut document =
        boardpack::read::read_bytes(page.as_bytes(), "plan.md", Some(&dir), &crate::common::read_options());
    let options = options(Kind::Report, &document.roadmap);
    let exported = crate::common::export(&mut document, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(exported.claims, Conformance::ACCESSIBLE_ARCHIVAL, "{:?}", document.roadmap.diagnostics);
    let back = read_back(&exported.pdf);
    assert_accessible("image with alt", &back);
    assert!(
        back.tags.iter().any(|t| t.role == "Figure" && t.alt.as_deref() == Some("The plan on one page")),
        "{:?}",
        back.tags
    );
}

#[test]
fn a_chosen_standard_is_what_the_file_claims() {
    let cases = [
        (Conformance::ARCHIVAL, None, Some("2B")),
        (Conformance::NONE, None, None),
        (Conformance { archival: None, accessible: true }, Some(()), None),
    ];
    for (asked, ua, pdfa) in cases {
        let (exported, back, _) =
            export(&seed(), |r| ReportOptions { conformance: asked, ..options(Kind::Report, r) });
        assert_eq!(exported.claims, asked);
        assert_eq!(back.claims_ua1(), ua.is_some(), "{asked:?}");
        assert_eq!(back.pdfa().as_deref(), pdfa, "{asked:?}");
        // Tags are written whatever is claimed: they cost little and help every reader.
        assert!(back.has("H1"), "{asked:?}");
    }
}

#[test]
fn a_board_pack_claims_pdf_a_2b_only() {
    let dir = std::env::temp_dir().join(format!("boardpack-pack-ua-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(seed(), input.join("roadmap.md")).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .args(["batch", "--quarters", "2025-Q3..2025-Q4", "--today", "2026-02-15", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let mut packs = 0;
    for entry in walk_dir(&out) {
        let bytes = std::fs::read(&entry).unwrap_or_else(|e| panic!("{e}"));
        let back = read_back(&bytes);
        let name = entry.display().to_string();
        if entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with("board-pack")) {
            packs += 1;
            assert!(!back.claims_ua1(), "{name}: an untagged pack may not claim PDF/UA-1");
            assert_eq!(back.pdfa().as_deref(), Some("2B"), "{name}");
        } else {
            assert_accessible(&name, &back);
        }
    }
    assert!(packs > 0, "no pack written in {}", out.display());
    let _ = std::fs::remove_dir_all(&dir);
}

fn walk_dir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk_dir(&path));
        } else if path.extension().is_some_and(|e| e == "pdf") {
            out.push(path);
        }
    }
    out
}

/// Every language the structure tree declares on an element (`/Lang` below the catalog's).
fn element_langs(pdf: &[u8]) -> Vec<String> {
    fn visit(kids: Object, out: &mut Vec<String>) {
        match kids {
            Object::Dict(element) => {
                if let Some(lang) = text_of(&element, b"Lang") {
                    out.push(lang);
                }
                if let Some(k) = element.get::<Object>(b"K") {
                    visit(k, out);
                }
            }
            Object::Array(items) => items.iter::<Object>().for_each(|item| visit(item, out)),
            _ => {}
        }
    }
    let pdf = Pdf::new(Arc::new(pdf.to_vec())).unwrap_or_else(|e| panic!("{e:?}"));
    let catalog: Dict = pdf.xref().get(pdf.xref().root_id()).unwrap_or_else(|| panic!("no catalog"));
    let mut out = Vec::new();
    if let Some(k) = catalog.get::<Dict>(b"StructTreeRoot").and_then(|r| r.get::<Object>(b"K")) {
        visit(k, &mut out);
    }
    out
}

#[test]
fn the_page_s_own_text_keeps_its_language_in_a_report_in_another() {
    // The Danish seed in an English report: the words are English, the page's text Danish.
    let (exported, back, _) =
        export(&seed(), |r| ReportOptions { lang: boardpack::locale::Lang::En, ..options(Kind::Report, r) });
    assert_eq!(back.lang.as_deref(), Some("en"));
    assert_eq!(exported.claims, Conformance::ACCESSIBLE_ARCHIVAL);
    let langs = element_langs(&exported.pdf);
    assert!(langs.iter().any(|l| l == "da"), "no element is marked Danish: {langs:?}");
    // In its own language nothing needs marking.
    let (exported, _, _) = export(&seed(), |r| options(Kind::Report, r));
    let langs = element_langs(&exported.pdf);
    assert!(!langs.iter().any(|l| l == "da"), "{langs:?}");
}

#[test]
fn drawn_diagrams_are_figures_with_their_descriptions_as_alt() {
    let path = crate::common::fixtures().join("diagrams/flowchart.md");
    let (exported, back, _) = export(&path, |r| options(Kind::Report, r));
    assert_eq!(exported.claims, Conformance::ACCESSIBLE_ARCHIVAL);
    assert_accessible("flowchart", &back);
    let own = "Release process. From a proposal to a published release, with a review loop.";
    assert!(back.tags.iter().any(|t| t.role == "Figure" && t.alt.as_deref() == Some(own)), "{:?}", back.tags);
    // A diagram cut across pages: one figure a piece, each saying which part it is.
    let periods: String = (0..16).map(|i| format!("    Period {i:02} : Event number {i:02}\n")).collect();
    let page = format!("# Long\n\n```mermaid\ntimeline\n{periods}```\n");
    let mut document =
        boardpack::read::read_bytes(page.as_bytes(), "long.md", None, &crate::common::read_options());
    let options = options(Kind::Report, &document.roadmap);
    let exported = crate::common::export(&mut document, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(exported.claims, Conformance::ACCESSIBLE_ARCHIVAL);
    let back = read_back(&exported.pdf);
    assert_accessible("timeline in pieces", &back);
    let parts = back
        .tags
        .iter()
        .filter(|t| t.role == "Figure" && t.alt.as_deref().is_some_and(|a| a.contains(" / ")))
        .count();
    assert!(parts >= 2, "{:?}", back.tags);
}
