//! Mermaid's text pre-processing before the gantt lexer runs (`preprocessDiagram`,
//! `encodeEntities`), done on a string that remembers where every byte came from, so
//! that spans found later can be reported in the caller's text.

use super::jsdate::is_js_space;
use std::ops::Range;

/// A derived text with, for each byte, its offset in the original text.
#[derive(Clone, Debug)]
pub struct Mapped {
    pub text: String,
    /// `map[i]` is the original offset of byte `i`; `map[text.len()]` is the original end.
    map: Vec<usize>,
}

impl Mapped {
    pub fn new(text: &str) -> Self {
        Self { text: text.to_string(), map: (0..=text.len()).collect() }
    }

    /// Replaces the given byte ranges (sorted, disjoint) by new text. Replacement bytes map
    /// to the start of what they replace.
    pub fn edit(&self, edits: &[(Range<usize>, String)]) -> Mapped {
        let mut text = String::with_capacity(self.text.len());
        let mut map = Vec::with_capacity(self.map.len());
        let mut at = 0;
        for (range, new) in edits {
            if range.start < at || range.end > self.text.len() {
                continue;
            }
            text.push_str(&self.text[at..range.start]);
            map.extend_from_slice(&self.map[at..range.start]);
            let origin = self.map[range.start];
            text.push_str(new);
            map.extend(std::iter::repeat_n(origin, new.len()));
            at = range.end;
        }
        text.push_str(&self.text[at..]);
        map.extend_from_slice(&self.map[at..]);
        Mapped { text, map }
    }

    /// Original offset of derived offset `i` (as a span start).
    pub fn start(&self, i: usize) -> usize {
        self.map.get(i).copied().unwrap_or_else(|| self.map.last().copied().unwrap_or(0))
    }

    /// Original offset just after derived byte `i - 1` (as a span end).
    pub fn end(&self, i: usize) -> usize {
        if i == 0 {
            return self.start(0);
        }
        match self.map.get(i - 1) {
            Some(&o) => o + 1,
            None => self.map.last().copied().unwrap_or(0),
        }
    }

    pub fn span(&self, r: Range<usize>) -> crate::diag::Span {
        let s = self.start(r.start);
        let e = if r.end > r.start { self.end(r.end).max(s) } else { s };
        crate::diag::Span::new(s, e)
    }
}

/// Front matter found at the very start.
pub struct FrontMatter {
    /// The YAML body (original offsets).
    pub body: Range<usize>,
    /// The whole match, removed from the text.
    pub whole: Range<usize>,
}

fn ws_run(b: &str, from: usize) -> usize {
    let mut end = from;
    for (i, c) in b[from..].char_indices() {
        if !is_js_space(c) {
            return from + i;
        }
        end = from + i + c.len_utf8();
    }
    end
}

/// Mermaid's `^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+` (dot-all).
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    if !text.starts_with("---") {
        return None;
    }
    let w1_end = ws_run(text, 3);
    let bytes = text.as_bytes();
    let nl = |b: u8| b == b'\n' || b == b'\r';
    let openings: Vec<usize> = (3..w1_end).filter(|&i| nl(bytes[i])).collect();
    if openings.is_empty() {
        return None;
    }
    // Every `[\n\r]---\s*[\n\r]` closing, with the end of its match (after the last
    // newline of the whitespace run).
    let mut closings: Vec<(usize, usize)> = Vec::new();
    let mut p = 3;
    while p < bytes.len() {
        if nl(bytes[p]) && text[p + 1..].starts_with("---") {
            let w2_start = p + 4;
            let w2_end = ws_run(text, w2_start);
            if let Some(last) = (w2_start..w2_end).rev().find(|&i| nl(bytes[i])) {
                closings.push((p, last + 1));
            }
        }
        p += 1;
    }
    for &o in openings.iter().rev() {
        let body_start = o + 1;
        let k = closings.partition_point(|&(c, _)| c < body_start);
        if let Some(&(c, end)) = closings.get(k) {
            return Some(FrontMatter { body: body_start..c, whole: 0..end });
        }
    }
    None
}

/// A `%%{ ... }%%` directive match (Mermaid's `directiveRegex`).
pub struct Directive {
    pub whole: Range<usize>,
    pub kind: String,
    /// The JSON-ish argument text, when present.
    pub args: Option<Range<usize>>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn word_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && is_word_byte(b[i]) {
        i += 1;
    }
    i
}

fn directive_at(text: &str, i: usize) -> Option<Directive> {
    let b = text.as_bytes();
    if !text[i..].starts_with("%%{") {
        return None;
    }
    let mut p = ws_run(text, i + 3);
    let w_end = word_end(b, p);
    if w_end == p {
        return None;
    }
    let kind = text[p..w_end].to_string();
    p = w_end;
    let after_ws = ws_run(text, p);
    if b.get(after_ws) == Some(&b':') {
        p = after_ws + 1;
    }
    p = ws_run(text, p);
    let mut args = None;
    let w2 = word_end(b, p);
    if w2 > p {
        p = w2;
    } else {
        // ((?:(?!}%%).|\r?\n)*)
        let start = p;
        let mut q = p;
        loop {
            if text[q..].starts_with("}%%") || q >= text.len() {
                break;
            }
            let rest = &text[q..];
            if rest.starts_with("\r\n") {
                q += 2;
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            if c == '\n' {
                q += 1;
                continue;
            }
            if matches!(c, '\r' | '\u{2028}' | '\u{2029}') {
                break;
            }
            q += c.len_utf8();
        }
        if q > start {
            args = Some(start..q);
        }
        p = q;
    }
    p = ws_run(text, p);
    if text[p..].starts_with("}%%") {
        p += 3;
    }
    Some(Directive { whole: i..p, kind, args })
}

pub fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find("%%{") {
        let at = i + off;
        match directive_at(text, at) {
            Some(d) => {
                i = d.whole.end.max(at + 1);
                out.push(d);
            }
            None => i = at + 1,
        }
    }
    out
}

/// Ranges removed by `cleanupComments`: `^\s*%%(?!{)[^\n]+\n?` (multi-line mode).
pub fn comment_lines(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut p = 0;
    while p < b.len() {
        // `p` is a line start. Every line start inside the whitespace run that follows
        // sees the same run end, so a failed match lets us skip the whole run.
        let ws_end = ws_run(text, p);
        if text[ws_end..].starts_with("%%") && b.get(ws_end + 2).is_some_and(|&c| c != b'{' && c != b'\n') {
            let mut e = ws_end + 2;
            while e < b.len() && b[e] != b'\n' {
                e += 1;
            }
            if e < b.len() {
                e += 1;
            }
            out.push(p..e);
            p = e;
            continue;
        }
        match b[ws_end..].iter().position(|&c| c == b'\n') {
            Some(i) => p = ws_end + i + 1,
            None => break,
        }
    }
    out
}

/// `encodeEntities`: the `style…:…#…;` / `classDef…:…#…;` trims and `#word;` placeholders.
pub fn entity_edits(text: &str) -> Vec<(Range<usize>, String)> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // The style/classDef rules drop the last `;` of a matching line.
    let mut removed: Vec<usize> = Vec::new();
    for kw in ["style", "classDef"] {
        let mut line_start = 0;
        for line in text.split('\n') {
            if let (Some(k), Some(semi)) = (line.find(kw), line.rfind(';')) {
                // From the right: is there a `:` after the keyword followed by non-blank
                // characters up to a `#` that lies before the last `;`?
                let after = k + kw.len();
                let mut hash: Option<usize> = None;
                let mut ok = false;
                for (ci, c) in line.char_indices().rev() {
                    if ci < after {
                        break;
                    }
                    if c == '#' {
                        hash = Some(ci);
                    } else if is_js_space(c) {
                        hash = None;
                    } else if c == ':' && hash.is_some_and(|h| h < semi) {
                        ok = true;
                        break;
                    }
                }
                if ok {
                    removed.push(line_start + semi);
                }
            }
            line_start += line.len() + 1;
        }
    }
    removed.sort_unstable();
    removed.dedup();
    // #\w+; on the text as it is after the removals.
    let b = text.as_bytes();
    let mut i = 0;
    let mut ri = 0;
    while i < b.len() {
        while ri < removed.len() && removed[ri] < i {
            edits.push((removed[ri]..removed[ri] + 1, String::new()));
            ri += 1;
        }
        if b[i] == b'#' {
            let we = word_end(b, i + 1);
            // a removed ';' cannot close the entity
            if we > i + 1 && b.get(we) == Some(&b';') && !removed.contains(&we) {
                let inner = &text[i + 1..we];
                let digits = inner.strip_prefix('+').unwrap_or(inner);
                let is_int = !digits.is_empty()
                    && digits.bytes().all(|c| c.is_ascii_digit())
                    && !inner.starts_with('+');
                let rep = if is_int { format!("ﬂ°°{inner}¶ß") } else { format!("ﬂ°{inner}¶ß") };
                edits.push((i..we + 1, rep));
                i = we + 1;
                continue;
            }
        }
        i += 1;
    }
    while ri < removed.len() {
        edits.push((removed[ri]..removed[ri] + 1, String::new()));
        ri += 1;
    }
    edits.sort_by_key(|(r, _)| r.start);
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_shapes() {
        let t = "---\ntitle: A\n---\ngantt\n";
        let fm = front_matter(t).map(|f| (f.body, f.whole));
        assert_eq!(fm, Some((4..12, 0..17)));
        assert!(front_matter("----\nx\n---\n").is_none());
        assert!(front_matter("gantt\n").is_none());
        let t = "---\n\n---\ngantt";
        assert_eq!(front_matter(t).map(|f| f.body), Some(4..4));
    }

    #[test]
    fn comments_and_directives() {
        let t = "%% a\ngantt\n  %% b\n  x %% c\n%%{init: {}}%%\n%%\n";
        let r = comment_lines(t);
        assert_eq!(r.iter().map(|r| &t[r.clone()]).collect::<Vec<_>>(), vec!["%% a\n", "  %% b\n"]);
        let d = directives("%%{init: {'gantt': {}}}%%\ngantt");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, "init");
        assert_eq!(d[0].whole, 0..25);
    }

    #[test]
    fn entities_map_back() {
        let m = Mapped::new("Issue #42; triage :a, 1d\n");
        let m2 = m.edit(&entity_edits(&m.text));
        assert_eq!(m2.text, "Issue ﬂ°°42¶ß triage :a, 1d\n");
        let colon = m2.text.find(':').unwrap_or(0);
        assert_eq!(m2.start(colon), 18);
        assert_eq!(m2.span(0..colon).end, 18);
        let s = "style x:#f00; y;";
        let e = entity_edits(s);
        assert_eq!(m.edit(&[]).text, m.text);
        assert_eq!(e.len(), 2);
    }
}
