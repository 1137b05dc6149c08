//! Hostile and huge inputs, timed (run with `cargo bench --bench hostile`): 50 MB of text
//! of several kinds through the decoder, and whole exports of a billion-laughs front
//! matter, a 50 MB file, a 1,000-level list and a chart spanning 10,000 years. Prints
//! the time of each and the process' peak memory; the tests check the behaviour.

use boardpack::date::Date;
use boardpack::read::decode::{DecodeOptions, decode};
use boardpack::read::{ReadOptions, read_bytes, read_path};
use boardpack::view::{self, ReportOptions, Template};
use std::time::Instant;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn export(name: &str, page: &[u8], today: Date) {
    let start = Instant::now();
    let document = read_bytes(page, name, None, &ReadOptions { today, repair: true });
    let options = ReportOptions {
        lang: view::choose_lang(None, &document.roadmap),
        template: Template::Report,
        quarter: None,
        meeting_date: None,
        conformance: boardpack::render::Conformance::default(),
    };
    let result = boardpack::report::export::export(&document, &options);
    let codes: Vec<&str> = document.roadmap.diagnostics.iter().map(|d| d.code).collect();
    println!(
        "{name:28} {:>9.1} ms  {} pages  diagnostics {codes:?}",
        start.elapsed().as_secs_f64() * 1e3,
        result.map(|e| e.pages).unwrap_or(0)
    );
}

fn main() {
    let today = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    const SIZE: usize = 50 << 20;
    let repeat = |piece: &str| piece.repeat(SIZE / piece.len() + 1);
    let danish =
        std::fs::read_to_string("tests/fixtures/corpus/os2forms-roadmap-final.md").unwrap_or_default();
    let seed = std::fs::read_to_string("tests/fixtures/seed/000_4bc985adf0e5d476.txt").unwrap_or_default();
    let windows_1252: String =
        danish.bytes().map(|b| encoding_rs::WINDOWS_1252.decode(&[b]).0.into_owned()).collect();
    println!("decoding 50 MB:");
    for (name, text) in [
        ("ASCII", repeat("- [x] plain roadmap line, nothing to see\n")),
        ("Danish page", repeat(&danish)),
        ("seed page (Johab mojibake)", repeat(&seed)),
        ("Windows-1252 mojibake", repeat(&windows_1252)),
        ("Korean", repeat("안녕하세요. 이 문서는 2026년 로드맵입니다.\n")),
        ("mojibake, no ASCII", repeat("칀칝칮친游늱")),
        ("triple Windows-1252 mojibake", repeat(&"fællesskabet ".repeat(10).replace('æ', "ÃƒÆ’Ã‚Â¦"))),
    ] {
        let start = Instant::now();
        let decoded = decode(text.as_bytes(), DecodeOptions::default());
        println!(
            "  {name:30} {:>8.1} ms  repaired: {}",
            start.elapsed().as_secs_f64() * 1e3,
            !decoded.notes.is_empty()
        );
    }

    println!("whole exports:");
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(",")));
        previous = name;
    }
    bomb.push_str("---\n# Bomb\n");
    export("billion laughs", bomb.as_bytes(), today);
    let deep: String = std::iter::once("# Deep\n\n".to_string())
        .chain((0..1000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))))
        .collect();
    export("1,000-level list", deep.as_bytes(), today);
    let years = "# Long\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    excludes weekends\n    section A\n    Very long :a, 0001-01-01, 9999-12-31\n    Later :after a, 3d\n```\n";
    export("10,000-year chart", years.as_bytes(), today);
    // Reading only: these were quadratic (each `{%` or `&` searched the rest of the page).
    let read = |name: &str, page: String| {
        let start = Instant::now();
        let document = read_bytes(page.as_bytes(), name, None, &ReadOptions { today, repair: true });
        println!(
            "{name:28} {:>9.1} ms  read only, {} diagnostics",
            start.elapsed().as_secs_f64() * 1e3,
            document.roadmap.diagnostics.len()
        );
    };
    read("2 MB of unclosed {%", "Budget grows 10 {% over plan\n".repeat(70_000));
    read(
        "1.6 MB of &amp without ;",
        format!(
            "<div class=\"mermaid\">\ngantt\n{}</div>\n",
            "    R&ampD task &amp :a, 2026-01-05, 3d\n".repeat(40_000)
        ),
    );
    for entry in std::fs::read_dir("tests/fixtures/fuzz").into_iter().flatten().flatten() {
        let name = format!("fuzz find {}", entry.file_name().to_string_lossy());
        export(&name, &std::fs::read(entry.path()).unwrap_or_default(), today);
    }
    let big = std::env::temp_dir().join("boardpack-bench-big.md");
    let _ = std::fs::write(&big, "lorem ipsum dolor sit amet\n".repeat(2_000_000));
    let start = Instant::now();
    let refused = read_path(&big, &ReadOptions { today, repair: true })
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    println!("{:28} {:>9.1} ms  {refused}", "50 MB file", start.elapsed().as_secs_f64() * 1e3);
    let _ = std::fs::remove_file(&big);
    println!("peak RSS of this process: {:.1} MiB", peak_rss_mib());
}
