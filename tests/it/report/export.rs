//! Reports as PDF: page text, glyphs, determinism, for the seed and every corpus page.

use crate::common::{corpus_files, read, seed};
use boardpack::locale::Lang;
use boardpack::model::{Block, Inline, ListItem};
use boardpack::render::{self, readback as inspect};
use boardpack::view::{self, ReportOptions, Template};

fn options(roadmap: &boardpack::model::Roadmap) -> ReportOptions {
    crate::common::own_language_report(roadmap)
}

fn item_texts(items: &[ListItem], out: &mut Vec<String>) {
    for item in items {
        for block in &item.blocks {
            match block {
                Block::Paragraph { content, .. } => out.push(Inline::plain(content)),
                Block::List { items, .. } => item_texts(items, out),
                _ => {}
            }
        }
    }
}

/// Page text with all whitespace removed, so that wrapped lines still match.
/// A page given as text, read as `plan.md` on the tests' date.
fn read_page(page: &str) -> boardpack::read::Document {
    boardpack::read::read_bytes(page.as_bytes(), "plan.md", None, &crate::common::read_options())
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_seed_report_shows_every_task_and_activity_with_danish_letters() {
    let mut document = read(&seed());
    let data = view::build(&document.roadmap, &options(&document.roadmap));
    assert_eq!(data.lang, Lang::Da);
    let laid_out = render::compile(&data, document.base_dir.as_deref()).unwrap_or_else(|e| panic!("{e}"));
    let text = squash(&inspect::page_texts(&laid_out).join(" "));
    assert!(text.contains(&squash(&document.roadmap.title)));
    for timeline in document.roadmap.diagrams.iter().filter_map(|d| d.gantt.as_ref()) {
        assert!(!timeline.tasks.is_empty());
        for task in &timeline.tasks {
            assert!(text.contains(&squash(&task.name)), "task {:?} missing from the PDF", task.name);
        }
    }
    let mut activities = Vec::new();
    for track in &document.roadmap.tracks {
        item_texts(&track.activities, &mut activities);
    }
    assert!(activities.len() >= 19, "{activities:?}");
    for activity in &activities {
        assert!(text.contains(&squash(activity)), "activity {activity:?} missing from the PDF");
    }
    for word in ["Årsskifte", "fællesskabet", "økonomiopfølgning", "Oplærnig", "UDKAST", "19.august2025"]
    {
        assert!(text.contains(word), "{word} missing");
    }
    assert!(inspect::missing_glyphs(&laid_out).is_empty());
    let opts = options(&document.roadmap);
    let exported = crate::common::export(&mut document, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        exported.claims,
        boardpack::render::Conformance::ACCESSIBLE_ARCHIVAL,
        "the seed's report must be PDF/UA-1 and PDF/A-2a"
    );
}

#[test]
fn every_corpus_page_exports_with_all_glyphs() {
    for path in corpus_files() {
        let mut document = read(&path);
        let opts = options(&document.roadmap);
        let exported =
            crate::common::export(&mut document, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(exported.pdf.starts_with(b"%PDF-"), "{}", path.display());
        assert!(exported.pages >= 1);
        let missing: Vec<_> =
            document.roadmap.diagnostics.iter().filter(|d| d.code == "render::missing-glyph").collect();
        assert!(missing.is_empty(), "{}: {missing:?}", path.display());
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for template in [Template::Report, Template::Minutes] {
        let make = || {
            let mut document = read(&seed());
            let mut opts = options(&document.roadmap);
            opts.template = template;
            crate::common::export(&mut document, &opts).map(|e| e.pdf).unwrap_or_default()
        };
        let (a, b) = (make(), make());
        assert!(!a.is_empty());
        assert!(a == b, "{template:?}: two exports differ");
    }
}

#[test]
fn english_reports_use_english_words_and_dates() {
    let document = read(&seed());
    let mut opts = options(&document.roadmap);
    opts.lang = Lang::En;
    let data = view::build(&document.roadmap, &opts);
    let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
    let text = inspect::page_texts(&laid_out).join(" ");
    assert!(
        text.contains("DRAFT") && text.contains("Generated 15 February 2026") && text.contains("Page 1 of"),
        "{text}"
    );
}

#[test]
fn a_board_pack_is_an_unnumbered_cover_then_every_report_page_with_bookmarks() {
    let quarter = boardpack::quarter::Quarter::parse("2026-Q1").unwrap_or_else(|| panic!("quarter"));
    let paths = [seed(), crate::common::fixtures().join("corpus/os2forms-roadmap-final.md")];
    let mut report_texts = Vec::new();
    let mut kept = Vec::new();
    let mut entries = Vec::new();
    for path in &paths {
        let document = read(path);
        let mut opts = options(&document.roadmap);
        opts.quarter = Some(quarter);
        let laid_out =
            render::compile(&view::build(&document.roadmap, &opts), None).unwrap_or_else(|e| panic!("{e}"));
        let texts = inspect::page_texts(&laid_out);
        entries.push(view::pack::PackEntry::of(&document.roadmap, texts.len(), Lang::Da));
        report_texts.extend(texts);
        kept.push(render::Pages::of(laid_out));
    }
    let mut pack = view::pack::build(entries, Some(quarter), Lang::Da, crate::common::today());
    // The cover is the contents and the overview: its length sets the contents' numbers.
    let draft = render::compile_cover(&pack).unwrap_or_else(|e| panic!("{e}"));
    let cover_pages = inspect::page_count(&draft);
    assert_eq!(cover_pages, 2, "a cover page and an overview page");
    view::pack::number_pages(&mut pack.entries, cover_pages);
    let cover = render::compile_cover(&pack).unwrap_or_else(|e| panic!("{e}"));
    let label = pack.cover.header.title.clone();
    let combined = render::combine(cover, &kept.iter().collect::<Vec<_>>(), &label, crate::common::today())
        .unwrap_or_else(|e| panic!("{e}"));
    let texts = inspect::page_texts(&combined);
    let total = texts.len();
    assert_eq!(total, cover_pages + report_texts.len());
    assert!(texts[0].contains("Styregruppepakke K1 2026") && !texts[0].contains("Side"), "{}", texts[0]);
    // The reports' pages are the ones laid out for their own PDFs, furniture included,
    // and every page carries the pack's own number, as the contents count.
    for (i, text) in texts.iter().enumerate() {
        let number = format!("{} / {total}", i + 1);
        assert!(text.contains(&number), "page {}: no {number}: {text}", i + 1);
        if i >= cover_pages {
            assert!(text.starts_with(report_texts[i - cover_pages].as_str()), "page {}", i + 1);
        }
    }
    // The overview: one row per document, its tasks by status.
    assert!(texts[1].starts_with("Overblik"), "{}", texts[1]);
    for entry in &pack.entries {
        assert!(squash(&texts[1]).contains(&squash(&entry.title)), "{}", texts[1]);
    }
    assert!(texts[cover_pages].contains("Side 1 af"), "{}", texts[cover_pages]);
    for entry in &pack.entries {
        let first = &texts[entry.page - 1];
        assert!(
            first.contains(&format!("{} / {total}", entry.page)),
            "the contents point at the printed number"
        );
    }
    let pdf =
        render::combined_pdf(&combined, crate::common::today(), boardpack::render::Conformance::ARCHIVAL)
            .unwrap_or_else(|e| panic!("{e}"));
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/Outlines"), "the reports' titles are the pack's bookmarks");
    assert!(has(b"<pdfaid:part>2</pdfaid:part>") || has(b"pdfaid:part=\"2\""), "PDF/A-2b");
}

#[test]
fn a_heading_track_is_shown_once_in_its_band_and_the_rest_stays_content() {
    let document = read(&crate::common::fixtures().join("tracks/heading-tracks.md"));
    let data = view::build(&document.roadmap, &options(&document.roadmap));
    let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
    let text = inspect::page_texts(&laid_out).join("\n");
    for once in [
        "Led by the UX group",
        "Interviews with caseworkers",
        "clickable prototype",
        "1. API for case data",
        "The launch plan follows",
        "Budget approved in December",
    ] {
        assert_eq!(text.matches(once).count(), 1, "{once:?} should appear exactly once:\n{text}");
    }
    let headings: Vec<String> = data.tracks.iter().map(|t| t.heading.clone()).collect();
    assert_eq!(headings, ["Design", "Build phase (backend and frontend)", "Launch"]);
}

#[test]
fn a_br_in_a_section_name_breaks_its_label_and_still_links_its_track() {
    let page = "# Plan\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section Drift<br>og support\n    Vagtplan :a, 2026-01-05, 10d\n```\n\n## Drift og support\n\n- Bemanding af vagten\n";
    let document = read_page(page);
    let data = view::build(&document.roadmap, &options(&document.roadmap));
    assert_eq!(data.tracks.len(), 1);
    assert_eq!(data.tracks[0].activities.len(), 1, "the heading `Drift og support` is the section's track");
    let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
    let text = inspect::page_texts(&laid_out).join("\n");
    // Page texts join lines with spaces: the label's two lines read as one.
    assert!(!text.contains("<br>"), "{text}");
    assert!(text.contains("Drift og support"), "{text}");
}

#[test]
fn an_overlong_task_name_wraps_in_its_column_without_extra_characters() {
    let name = "Migrate_github_actions_workflow_ci_build_and_release_pipeline_to_reusable_workflows";
    let page = format!(
        "# Plan\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section CI\n    {name} :a, 2026-01-05, 10d\n```\n"
    );
    let document = read_page(&page);
    let data = view::build(&document.roadmap, &options(&document.roadmap));
    let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
    let text = inspect::page_texts(&laid_out).join(" ");
    // Lines join with spaces here: the name is on several lines, and nothing was added to it.
    assert!(!text.contains(name), "the name ran on unbroken: {text}");
    assert!(!text.contains('\u{200B}'));
    assert!(text.replace(' ', "").contains(name), "{text}");
}

#[test]
fn many_characters_without_a_glyph_give_a_few_located_warnings_not_hundreds() {
    // Characters of the Supplementary Private Use Area, which no font on any machine draws.
    let rare: String = (0..14).filter_map(|i| char::from_u32(0x100000 + i)).collect();
    let page = format!(
        "# Plan {rare}\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section Design\n    Task {rare} :2026-01-06, 3d\n```\n"
    );
    let mut document = read_page(&page);
    let opts = options(&document.roadmap);
    let exported = crate::common::export(&mut document, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(exported.claims, boardpack::render::Conformance::NONE);
    let missing: Vec<_> =
        document.roadmap.diagnostics.iter().filter(|d| d.code == "render::missing-glyph").collect();
    assert_eq!(missing.len(), 6, "five located characters and one summary: {missing:#?}");
    assert!(missing.iter().all(|d| d.line.is_some()));
    assert_eq!(missing.iter().filter(|d| d.message.contains("more characters")).count(), 1);
}

#[test]
fn letters_written_with_combining_marks_get_the_same_glyphs_as_precomposed_ones() {
    // "Gård Ærø Åbo" once precomposed (NFC) and once decomposed (NFD, as some editors save).
    let (composed, decomposed) = ("Gård Ærø Åbo", "Ga\u{30A}rd Ærø A\u{30A}bo");
    let page = format!(
        "# Plan\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section S\n    {composed} :2026-01-06, 3d\n    {decomposed} :2026-01-09, 3d\n```\n"
    );
    let document = read_page(&page);
    let data = view::build(&document.roadmap, &options(&document.roadmap));
    let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
    let runs = inspect::text_runs(&laid_out);
    let glyphs_of = |text: &str| {
        runs.iter()
            .find(|(t, _)| t == text)
            .map(|(_, g)| g.clone())
            .unwrap_or_else(|| panic!("no run {text:?}"))
    };
    let expected = glyphs_of(composed);
    assert_eq!(expected.len(), composed.chars().count());
    assert_eq!(glyphs_of(decomposed), expected);
    assert!(inspect::missing_glyphs(&laid_out).is_empty());
}

#[test]
fn no_text_runs_off_the_page_even_with_a_very_long_status_and_title() {
    let page = std::fs::read_to_string(crate::common::seed()).unwrap_or_default();
    let long = "Udkast til styregruppemødet i september med ændringer fra sekretariatet ".repeat(3);
    let page = page
        .lines()
        .map(|line| {
            if line.starts_with("status:") {
                format!("status: \"{}\"", long.trim())
            } else if line.starts_with("title:") {
                format!("title: \"{}\"", long.trim())
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let document =
        boardpack::read::read_bytes(page.as_bytes(), "roadmap.md", None, &crate::common::read_options());
    assert_eq!(document.roadmap.meta.status.as_deref(), Some(long.trim()));
    for template in [Template::Report, Template::Minutes] {
        let mut opts = options(&document.roadmap);
        opts.template = template;
        let data = view::build(&document.roadmap, &opts);
        let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
        let off = inspect::text_off_page(&laid_out);
        assert!(off.is_empty(), "{template:?}: text off the page: {off:?}");
    }
}

#[test]
fn long_metadata_wraps_in_the_title_block_and_the_footer_keeps_a_short_title() {
    let title = "Strategisk handlingsplan for digitalisering af den kommunale sagsbehandling på tværs af forvaltninger, 2026–2030";
    let page = format!(
        "---\ntitle: \"{title}\"\nauthor: \"Kommunernes Landsforening, Digitaliseringsstyrelsen og KOMBIT i samarbejde med de fem regioner\"\nparent: \"Fælleskommunal digitalisering og infrastruktur\"\nversion: \"2.3.1-rc1\"\nstatus: \"Til godkendelse i direktionen\"\ndate: 2026-01-15\n---\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section A\n    Task :a, 2026-01-05, 10d\n```\n"
    );
    let document = read_page(&page);
    for template in [Template::Report, Template::Minutes] {
        let mut opts = options(&document.roadmap);
        opts.template = template;
        let data = view::build(&document.roadmap, &opts);
        assert!(data.header.running_title.chars().count() <= 70, "{}", data.header.running_title);
        assert!(data.header.running_title.ends_with('…'));
        let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
        let off = inspect::text_off_page(&laid_out);
        assert!(off.is_empty(), "{template:?}: text off the page: {off:?}");
        let text = inspect::page_texts(&laid_out).join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(title), "the title block shows the whole title: {text}");
    }
}

#[test]
fn no_corpus_page_has_text_off_the_page() {
    let mut problems = Vec::new();
    for path in corpus_files() {
        let document = read(&path);
        let data = view::build(&document.roadmap, &options(&document.roadmap));
        let laid_out = render::compile(&data, document.base_dir.as_deref()).unwrap_or_else(|e| panic!("{e}"));
        for (page, text) in inspect::text_off_page(&laid_out) {
            problems.push(format!("{} page {page}: {text:?}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_page_without_a_timeline_says_so_in_every_template() {
    let document = read_page("# Notes\n\nThe plan is still being written.\n");
    for template in [Template::Report, Template::Minutes] {
        let mut opts = options(&document.roadmap);
        opts.lang = Lang::En;
        opts.template = template;
        let data = view::build(&document.roadmap, &opts);
        let laid_out = render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
        let text = inspect::page_texts(&laid_out).join(" ");
        assert!(text.contains("The page holds no timeline."), "{template:?}: {text}");
    }
}

/// The README's first command exports this page; it must stay in the repository and
/// export cleanly.
#[test]
fn the_bundled_example_of_the_readme_exports() {
    let path = std::path::Path::new("examples/os2forms-roadmap.md");
    assert!(path.is_file(), "the README's example is missing");
    let mut document = crate::common::read(path);
    let exported =
        crate::common::export(&mut document, &crate::common::report_options(boardpack::locale::Lang::Da))
            .unwrap_or_else(|e| panic!("{e}"));
    assert!(exported.pages >= 1 && exported.pdf.starts_with(b"%PDF-"));
    // It is the seed page as received, its invalid date included: drawn, not refused.
    assert!(document.roadmap.diagrams.iter().any(|d| d.gantt.as_ref().is_some_and(|t| !t.tasks.is_empty())));
}
