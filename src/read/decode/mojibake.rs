//! Mojibake repair: text that was UTF-8 read through a legacy code page and saved again
//! (`fÃ¦lles` for `fælles` via Windows-1252, `f칝lles` via Johab) is undone by encoding the
//! damaged characters back with that code page and reading the bytes as UTF-8.
//!
//! Every byte of a multi-byte UTF-8 character is ≥ 0x80, so only runs of non-ASCII
//! characters can be damaged, and the text is examined run by run. Within a run, a *group*
//! is a few characters whose code-page bytes form complete UTF-8 characters that look like
//! text. A run is *explained* when all its characters fall into groups. Real text rarely is:
//! `æ` alone is byte 0xE6, which needs two continuation bytes after it.
//!
//! Repair needs evidence on top of that (see `evidence`). If every run of the document is
//! explained and one run has evidence, the whole document is repaired; otherwise only the
//! runs with evidence are. Passes repeat until nothing changes, which undoes double
//! mojibake and makes the repair idempotent.

use std::ops::Range;

mod evidence;
mod groups;
#[cfg(test)]
mod tests;

use evidence::verdict;
use groups::{Group, Page, Scan, for_each_group, runs};

/// Enough for double mojibake; each pass shrinks the damaged text, so this is rarely reached.
const MAX_PASSES: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    /// The code pages undone, as "UTF-8 read as …" labels, the latest mis-decoding first.
    pub steps: Vec<&'static str>,
    /// Byte ranges of `text` that repair produced, sorted and disjoint.
    pub changed: Vec<Range<usize>>,
}

/// Repairs `text`, or `None` if it shows no mojibake.
pub fn repair(text: &str) -> Option<Repaired> {
    if text.is_ascii() {
        return None;
    }
    let mut current: Option<String> = None;
    let mut steps = Vec::new();
    let mut changed = Vec::new();
    while steps.len() < MAX_PASSES {
        let source = current.as_deref().unwrap_or(text);
        // UTF-8 read as Johab always leaves Hangul or Hanja behind, and every piece of
        // Johab evidence involves them; without any, the Johab tables need not be built.
        let johab = source.chars().any(is_hangul_or_hanja);
        let pages: &[Page] = if johab { &[Page::SingleByte, Page::Johab] } else { &[Page::SingleByte] };
        let Some(pass) = pages.iter().find_map(|&page| pass(source, page)) else {
            break;
        };
        changed = remap(&changed, &pass.edits);
        steps.push(pass.label);
        current = Some(pass.text);
    }
    current.map(|text| Repaired { text, steps, changed })
}

fn is_hangul_or_hanja(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

struct Pass {
    text: String,
    label: &'static str,
    edits: Vec<Edit>,
}

/// `old` in the text before a pass became `new` in the text after it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Edit {
    old: Range<usize>,
    new: Range<usize>,
}

/// One repair with one code page, or `None` if it finds nothing to repair.
fn pass(text: &str, page: Page) -> Option<Pass> {
    // While every run is explained, the whole-document repair is written as we go, which
    // saves a second scan in the common case of a wholly damaged document.
    let mut whole = Some(Writer::new(text));
    let mut any_strong = false;
    for run in runs(text) {
        let verdict = verdict(text, run, page, |group| {
            if let Some(writer) = whole.as_mut() {
                writer.write(group);
            }
        });
        if verdict.unsafe_for_partial {
            return None;
        }
        if !verdict.explained {
            whole = None;
        }
        any_strong |= verdict.strong;
        if any_strong && whole.is_none() {
            break; // partial repair, decided
        }
    }
    if !any_strong {
        return None;
    }
    if let Some(writer) = whole {
        return Some(writer.finish(page));
    }
    let mut writer = Writer::new(text);
    for run in runs(text) {
        if verdict(text, run.clone(), page, |_| {}).strong {
            for_each_group(text, run, page, Scan::Whole, |group| writer.write(&group));
        }
    }
    Some(writer.finish(page))
}

/// Builds the repaired text group by group.
struct Writer<'t> {
    text: &'t str,
    out: String,
    edits: Vec<Edit>,
    seen: Seen,
    /// `text[..copied]` is in `out` already.
    copied: usize,
}

impl<'t> Writer<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            out: String::with_capacity(text.len()),
            edits: Vec::new(),
            seen: Seen::default(),
            copied: 0,
        }
    }

    fn write(&mut self, group: &Group<'_>) {
        self.out.push_str(&self.text[self.copied..group.start]);
        let new_start = self.out.len();
        // A byte-order mark that was itself mojibake ("ï»¿") goes, as at decoding.
        if !(new_start == 0 && group.decoded == "\u{FEFF}") {
            self.out.push_str(group.decoded);
        }
        match self.edits.last_mut() {
            Some(last) if last.old.end == group.start => {
                last.old.end = group.end;
                last.new.end = self.out.len();
            }
            _ => self.edits.push(Edit { old: group.start..group.end, new: new_start..self.out.len() }),
        }
        self.seen.note(&self.text[group.start..group.end]);
        self.copied = group.end;
    }

    fn finish(mut self, page: Page) -> Pass {
        self.out.push_str(&self.text[self.copied..]);
        Pass { text: self.out, label: self.seen.label(page), edits: self.edits }
    }
}

/// Which damaged characters a single-byte pass saw, to name the code page.
#[derive(Default)]
struct Seen {
    c1: bool,
    windows: bool,
}

impl Seen {
    fn note(&mut self, damaged: &str) {
        self.c1 |= damaged.chars().any(|c| c.is_control());
        self.windows |= damaged.chars().any(|c| u32::from(c) > 0xFF);
    }

    fn label(&self, page: Page) -> &'static str {
        match (page, self.windows, self.c1) {
            (Page::Johab, ..) => "Johab (CP1361)",
            (Page::SingleByte, true, _) => "Windows-1252",
            (Page::SingleByte, false, true) => "Latin-1 (ISO-8859-1)",
            (Page::SingleByte, false, false) => "Windows-1252 (or Latin-1)",
        }
    }
}

/// Carries the repaired ranges of earlier passes through the edits of a later one and adds
/// that pass's own.
fn remap(changed: &[Range<usize>], edits: &[Edit]) -> Vec<Range<usize>> {
    let mut growth = Vec::with_capacity(edits.len() + 1);
    growth.push(0isize);
    for edit in edits {
        let last = growth.last().copied().unwrap_or(0);
        growth.push(last + edit.new.len() as isize - edit.old.len() as isize);
    }
    // A position inside an edit moves to that edit's start or end; any other shifts by
    // the growth of the edits before it.
    let map = |pos: usize, is_end: bool| {
        let before = edits.partition_point(|e| if is_end { e.old.end < pos } else { e.old.end <= pos });
        match edits.get(before) {
            Some(e) if is_end && e.old.start < pos => e.new.end,
            Some(e) if !is_end && e.old.start <= pos => e.new.start,
            _ => pos.saturating_add_signed(growth[before]),
        }
    };
    let mut ranges: Vec<Range<usize>> = changed
        .iter()
        .map(|r| map(r.start, false)..map(r.end, true))
        .chain(edits.iter().map(|e| e.new.clone()))
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}
