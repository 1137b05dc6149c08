//! Every gantt block of the real pages in `tests/fixtures/corpus/` resolves without panic;
//! the resolved tasks and the diagnostics are snapshotted (`tests/it/gantt/snapshots/`).

use boardpack::diag::LineIndex;
use boardpack::gantt::resolve;
use std::fmt::Write as _;
use std::path::Path;

struct Block {
    /// 1-based line of the opening fence.
    fence_line: usize,
    indent: usize,
    info: String,
    text: String,
}

/// Fenced code blocks (``` or ~~~) whose info string is mermaid, {mermaid} or
/// mermaid-example; a fence left open runs to the end of the file.
fn mermaid_blocks(md: &str) -> Vec<Block> {
    let lines: Vec<&str> = md.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let fence_char = rest.chars().next().filter(|c| *c == '`' || *c == '~');
        let Some(fc) = fence_char.filter(|_| indent < 4) else {
            i += 1;
            continue;
        };
        let n = rest.chars().take_while(|&c| c == fc).count();
        if n < 3 {
            i += 1;
            continue;
        }
        let info = rest[n..].trim().to_string();
        let mut j = i + 1;
        let mut body = Vec::new();
        while j < lines.len() {
            let l = lines[j];
            let li = l.len() - l.trim_start_matches(' ').len();
            let r = l[li..].trim_end();
            if li < 4 && r.chars().take_while(|&c| c == fc).count() >= n && r.chars().all(|c| c == fc) {
                break;
            }
            let strip = li.min(indent);
            body.push(&l[strip..]);
            j += 1;
        }
        let lang = info.split_whitespace().next().unwrap_or("");
        if matches!(lang, "mermaid" | "{mermaid}" | "mermaid-example") {
            let mut text = body.join("\n");
            text.push('\n');
            out.push(Block { fence_line: i + 1, indent, info: lang.to_string(), text });
        }
        i = j + 1;
    }
    out
}

fn is_gantt(text: &str) -> bool {
    let mut t = text.trim_start();
    if let Some(rest) = t.strip_prefix("---")
        && let Some(end) = rest.find("\n---")
    {
        t = rest[end + 4..].trim_start();
    }
    for line in t.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with("%%") {
            continue;
        }
        return l.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("gantt"));
    }
    false
}

#[test]
fn corpus_gantt_blocks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(!files.is_empty());
    let today = crate::common::mermaid_today();
    let mut total = 0;
    for file in files {
        let md = std::fs::read_to_string(&file).unwrap_or_default();
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let mut snap = String::new();
        for block in mermaid_blocks(&md).into_iter().filter(|b| is_gantt(&b.text)) {
            total += 1;
            let (tl, diags) = resolve(&block.text, today);
            let idx = LineIndex::new(&block.text);
            let _ = writeln!(
                snap,
                "block at line {} ({}): {} tasks, {} sections",
                block.fence_line,
                block.info,
                tl.tasks.len(),
                tl.sections.len()
            );
            for t in &tl.tasks {
                let f = |d: Option<boardpack::date::DateTime>| d.map_or("-".to_string(), |d| d.to_string());
                let (line, _) = idx.line_col(&block.text, t.span.start);
                let _ = writeln!(
                    snap,
                    "  L{} {} {:?} [{}] {} → {}{}{}",
                    block.fence_line + line,
                    t.id,
                    t.name,
                    tl.sections.get(t.section).map_or("", |s| s.name.as_str()),
                    f(t.start),
                    f(t.end),
                    t.render_end.map_or(String::new(), |r| format!(" (drawn to {r})")),
                    t.problem.as_ref().map_or(String::new(), |p| format!(" !{}", p.code))
                );
            }
            for d in &diags {
                let (line, col) = d.span.map_or((0, 0), |s| idx.line_col(&block.text, s.start));
                let _ = writeln!(
                    snap,
                    "  {:?} {} at {}:{}: {}",
                    d.severity,
                    d.code,
                    block.fence_line + line,
                    col + block.indent,
                    d.message
                );
                for h in &d.hints {
                    let _ = writeln!(snap, "      hint: {h}");
                }
            }
        }
        if snap.is_empty() {
            snap.push_str("no gantt block\n");
        }
        insta::assert_snapshot!(format!("corpus__{stem}"), snap);
    }
    assert!(total >= 20, "only {total} gantt blocks found");
}
