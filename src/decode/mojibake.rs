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
//! Repair needs evidence on top of that (see `single_byte_strong` and `verdict`). If every
//! run of the document is explained and one run has evidence, the whole document is
//! repaired; otherwise only the runs with evidence are. Passes repeat until nothing changes,
//! which undoes double mojibake and makes the repair idempotent.

use std::ops::Range;

use super::johab;

/// Enough for double mojibake; each pass shrinks the damaged text, so this is rarely reached.
const MAX_PASSES: usize = 8;
/// A group is at most one 4-byte UTF-8 character, or in Johab a few characters whose
/// two-byte codes straddle UTF-8 characters.
const MAX_GROUP_CHARS: usize = 6;

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
        let Some(pass) = [Page::SingleByte, Page::Johab]
            .into_iter()
            .find_map(|page| pass(source, page))
        else {
            break;
        };
        changed = remap(&changed, &pass.edits);
        steps.push(pass.label);
        current = Some(pass.text);
    }
    current.map(|text| Repaired {
        text,
        steps,
        changed,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    /// Windows-1252 with its five undefined bytes passed through as C1 controls, which
    /// also covers Latin-1 ("sloppy" Windows-1252, as ftfy calls it).
    SingleByte,
    Johab,
}

impl Page {
    /// The code-page bytes of a non-ASCII character.
    fn encode(self, c: char) -> Option<([u8; 2], usize)> {
        match self {
            Page::SingleByte => single_byte(c).map(|b| ([b, 0], 1)),
            Page::Johab => johab::code(c).map(|code| (code.to_be_bytes(), 2)),
        }
    }

    /// Whether a repaired character looks like text rather than a new kind of garbage.
    fn plausible(self, c: char) -> bool {
        let c = u32::from(c);
        match self {
            Page::SingleByte => match c {
                // Latin, modifier letters (ˆ and ˜ are in Windows-1252), combining marks
                // (decomposed accents), Greek, Cyrillic, Armenian, Hebrew letters, Arabic;
                // not C1 controls, IPA, Hebrew points, Syriac or NKo.
                0xA0..=0x24F | 0x2B0..=0x58F | 0x5D0..=0x5EA | 0x600..=0x6FF => true,
                0x800.. => !is_private_or_noncharacter(c),
                _ => false,
            },
            // Narrower: what European text and emoji turn into when read as Johab. Korean
            // read back the other way mostly gives IPA, CJK or controls instead.
            Page::Johab => matches!(
                c,
                0x20..=0x7E | 0xA0..=0x24F | 0x370..=0x52F | 0x1E00..=0x1EFF | 0x2000..=0x2BFF | 0xFE0F | 0x1F000..=0x1FAFF
            ),
        }
    }
}

fn is_private_or_noncharacter(c: u32) -> bool {
    (0xE000..=0xF8FF).contains(&c)
        || (0xFDD0..=0xFDEF).contains(&c)
        || c & 0xFFFE == 0xFFFE
        || c >= 0xF0000
}

/// The byte that sloppy Windows-1252 decodes to `c`.
fn single_byte(c: char) -> Option<u8> {
    let byte = match c {
        '\u{80}'..='\u{FF}' => return u8::try_from(u32::from(c)).ok(),
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
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
        let verdict = verdict(text, run, page, whole.as_mut());
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
        if verdict(text, run.clone(), page, None).strong {
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
            _ => self.edits.push(Edit {
                old: group.start..group.end,
                new: new_start..self.out.len(),
            }),
        }
        self.seen.note(&self.text[group.start..group.end]);
        self.copied = group.end;
    }

    fn finish(mut self, page: Page) -> Pass {
        self.out.push_str(&self.text[self.copied..]);
        Pass {
            text: self.out,
            label: self.seen.label(page),
            edits: self.edits,
        }
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

/// Maximal runs of non-ASCII characters, as byte ranges.
fn runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + bytes[pos..].iter().position(|b| !b.is_ascii())?;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        pos = end;
        Some(start..end)
    })
}

struct Verdict {
    /// Every character of the run is in a group.
    explained: bool,
    /// The run is mojibake beyond reasonable doubt.
    strong: bool,
    /// The run is real text of a kind that could also pass for mojibake elsewhere in the
    /// document, so only whole-document repair is safe.
    unsafe_for_partial: bool,
}

/// Judges a run, handing its groups to `writer` if there is one.
fn verdict(
    text: &str,
    run: Range<usize>,
    page: Page,
    mut writer: Option<&mut Writer<'_>>,
) -> Verdict {
    let mut write = |group: &Group<'_>| {
        if let Some(writer) = writer.as_deref_mut() {
            writer.write(group);
        }
    };
    match page {
        Page::SingleByte => {
            let mut strong = false;
            let explained = for_each_group(text, run, page, Scan::Whole, |group| {
                strong = strong || single_byte_strong(text, &group);
                write(&group);
            });
            Verdict {
                explained,
                strong,
                unsafe_for_partial: false,
            }
        }
        Page::Johab => johab_verdict(text, run, write),
    }
}

/// Johab mojibake of Latin text is Hangul glued to ASCII (`f칝llesskabet`, `2췈`). Korean
/// words that are valid UTF-8 in Johab exist (`키` reads as `ǡ`, `칩` as `ó`), but they are
/// single syllables from a few rows, so a Korean document vetoes partial repair, and only
/// Latin-1 letters and signs flush against ASCII, runs of three or more, or emoji (the
/// Hanja 游 and a Hangul syllable) count as evidence.
fn johab_verdict(text: &str, run: Range<usize>, mut write: impl FnMut(&Group<'_>)) -> Verdict {
    let (mut latin, mut emoji, mut chars) = (false, false, 0);
    // Evidence needs the whole run explained, so the scan may stop at the first miss.
    let explained = for_each_group(
        text,
        run.clone(),
        Page::Johab,
        Scan::UntilUnexplained,
        |group| {
            latin |= group
                .decoded
                .chars()
                .any(|c| matches!(u32::from(c), 0xA1..=0x17F));
            emoji |= group.decoded.chars().any(|c| u32::from(c) >= 0x1F000);
            chars += text[group.start..group.end].chars().count();
            write(&group);
        },
    );
    let bytes = text.as_bytes();
    let touches = |at: Option<usize>| {
        at.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    let touching = touches(run.start.checked_sub(1)) || touches(Some(run.end));
    let hangul = || {
        text[run.clone()]
            .chars()
            .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    };
    Verdict {
        explained,
        strong: explained && (emoji || chars >= 3 || latin && touching),
        unsafe_for_partial: !explained && hangul(),
    }
}

/// Punctuation that can follow a letter in real text (closing quotes of several
/// conventions, dashes, ellipsis, spaces, trademark signs): `Ä…` alone proves little.
fn after_letter_ok(c: char) -> bool {
    matches!(c, '–' | '—' | '’' | '\u{A0}' | '\u{AD}' | '·' | '´') || before_letter_odd(c)
}

/// Of those, the ones that real text does not follow with a letter directly; the
/// apostrophe, dashes and middle dot join words and are missing here.
fn before_letter_odd(c: char) -> bool {
    matches!(
        c,
        '”' | '›' | '»' | '‘' | '“' | '«' | '‹' | '…' | '•' | '®' | '™'
    )
}

/// Evidence that a single-byte group is mojibake rather than, say, `„Fuß“`. The patterns
/// follow ftfy's badness heuristic: sequences that are far likelier in mojibake than in text.
fn single_byte_strong(text: &str, group: &Group<'_>) -> bool {
    let damaged = &text[group.start..group.end];
    let mut chars = damaged.chars();
    let Some(lead) = chars.next() else {
        return false;
    };
    // `Â`, `Ã`, `Î`, `Ð` before a symbol, a lowercase letter before two or three symbols (`â€™`,
    // `ðŸ˜€`), and C1 controls are hardly ever text.
    if matches!(lead, 'Â' | 'Ã' | 'Î' | 'Ð')
        || damaged.chars().count() >= 3
        || damaged.chars().any(char::is_control)
    {
        return true;
    }
    // A capital letter followed by a symbol that does not follow letters (`Å¡`, `Ä‡`).
    if chars.clone().any(|c| !after_letter_ok(c)) {
        return true;
    }
    let next = text[group.end..].chars().next();
    if chars.last().is_some_and(before_letter_odd) && next.is_some_and(char::is_alphanumeric) {
        return true;
    }
    // A lowercase letter followed by an accented capital (`siÄ™`).
    let prev = text[..group.start].chars().next_back();
    prev.is_some_and(|c| c.is_ascii_lowercase()) && lead.is_uppercase()
}

struct Group<'a> {
    /// The damaged characters, as a byte range of the text.
    start: usize,
    end: usize,
    /// What they were meant to be.
    decoded: &'a str,
}

/// Whether a scan of a run goes on past the first character that starts no group.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    Whole,
    UntilUnexplained,
}

/// Splits `run` into groups, calling `found` for each; returns whether every character of
/// the run is in a group. A character that starts no group is skipped, so the scan resyncs
/// on the next one, as UTF-8 itself does.
fn for_each_group(
    text: &str,
    run: Range<usize>,
    page: Page,
    scan: Scan,
    mut found: impl FnMut(Group<'_>),
) -> bool {
    let mut explained = true;
    let mut start = run.start;
    while start < run.end {
        match group_at(&text[start..run.end], page) {
            Ok((len, bytes)) => {
                let decoded = std::str::from_utf8(bytes.as_slice()).unwrap_or_default();
                found(Group {
                    start,
                    end: start + len,
                    decoded,
                });
                start += len;
            }
            Err(first_len) => {
                explained = false;
                if scan == Scan::UntilUnexplained {
                    break;
                }
                start += first_len;
            }
        }
    }
    explained
}

/// The code-page bytes of a group being built, on the stack: groups are short and runs
/// many.
struct Bytes {
    buf: [u8; 2 * MAX_GROUP_CHARS],
    len: usize,
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The byte length and the UTF-8 of the group at the start of `rest`; if no group starts
/// there, the byte length of the first character.
fn group_at(rest: &str, page: Page) -> Result<(usize, Bytes), usize> {
    let mut bytes = Bytes {
        buf: [0; 2 * MAX_GROUP_CHARS],
        len: 0,
    };
    let mut first_len = 1;
    // Where the UTF-8 character after those begun so far starts.
    let mut boundary = 0;
    for (offset, c) in rest.char_indices().take(MAX_GROUP_CHARS) {
        if offset == 0 {
            first_len = c.len_utf8();
        }
        let Some((code, n)) = page.encode(c) else {
            return Err(first_len);
        };
        bytes.buf[bytes.len..bytes.len + n].copy_from_slice(&code[..n]);
        bytes.len += n;
        // Lead bytes give the lengths; a continuation byte where a lead belongs (as in
        // most real text) ends the attempt at once.
        while boundary < bytes.len {
            boundary += match bytes.buf[boundary] {
                0x00..=0x7F if boundary > 0 => 1,
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return Err(first_len),
            };
        }
        if boundary == bytes.len {
            return match std::str::from_utf8(bytes.as_slice()) {
                Ok(decoded) if decoded.chars().all(|c| page.plausible(c)) => {
                    Ok((offset + c.len_utf8(), bytes))
                }
                _ => Err(first_len),
            };
        }
    }
    Err(first_len)
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
        let before = edits.partition_point(|e| {
            if is_end {
                e.old.end < pos
            } else {
                e.old.end <= pos
            }
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// How a UTF-8 text looks after being read with a code page and saved again.
    fn windows_1252(text: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    fn latin_1(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    /// Johab as the damage happened in the seed: bytes Johab cannot read are dropped.
    fn johab_lossy(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < bytes.len() {
            match johab::decode(&bytes[i..]) {
                Ok(rest) => return out + &rest,
                Err(bad) => {
                    out += &johab::decode(&bytes[i..i + bad]).unwrap();
                    i += bad + 1;
                }
            }
        }
        out
    }

    fn repaired(text: &str) -> String {
        repair(text).map_or_else(|| text.to_owned(), |r| r.text)
    }

    #[track_caller]
    fn assert_untouched(text: &str) {
        assert_eq!(repair(text), None, "{text:?} was changed");
    }

    const DANISH: &str =
        "Fællesskabet mødes på Ærø i år – »Åbent hus« kl. 10½. Ønsker? Skriv til Søren.";
    const GERMAN: &str =
        "Größere Änderungen: „Fuß“ und »Straße« – Übergänge für Ökonomie, Maße 3 m².";
    const FRENCH: &str =
        "À côté de l’église, « déjà vu » — ça coûte 5 € ; Ç’a été l’ÉTÉ… CAFÉ ! Œuvre, cœur.";
    const POLISH: &str = "Zażółć gęślą jaźń. Się, był, ściana, Łódź, Gdańsk.";
    const RUSSIAN: &str = "Привет, мир! Дорожная карта на 2026 год: сроки и этапы.";
    const GREEK: &str = "Καλημέρα κόσμε· ο χάρτης πορείας για το 2026.";
    const EMOJI: &str = "🚀 Launch ✅ done 📆 2026-01-01 👩‍💻 team 🇩🇰 ❤️ 🎉";

    #[test]
    fn repairs_windows_1252_mojibake_of_real_text() {
        for text in [DANISH, GERMAN, FRENCH, POLISH, RUSSIAN, GREEK, EMOJI] {
            let damaged = windows_1252(text);
            assert_ne!(damaged, text);
            let repair = repair(&damaged).unwrap_or_else(|| panic!("{damaged:?} not repaired"));
            assert_eq!(repair.text, text);
            assert_eq!(repair.steps, ["Windows-1252"]);
        }
    }

    #[test]
    fn names_the_page() {
        assert_eq!(
            repair("fÃ¦llesskabet").unwrap().steps,
            ["Windows-1252 (or Latin-1)"]
        );
        assert_eq!(
            repair(&latin_1("a – b")).unwrap().steps,
            ["Latin-1 (ISO-8859-1)"]
        );
        assert_eq!(repair(&latin_1(DANISH)).unwrap().text, DANISH);
        assert_eq!(
            repair(&johab_lossy("på øen")).unwrap().steps,
            ["Johab (CP1361)"]
        );
    }

    #[test]
    fn repairs_the_classics() {
        assert_eq!(repaired("fÃ¦llesskabet"), "fællesskabet");
        assert_eq!(repaired("2025â€“2026"), "2025–2026");
        assert_eq!(repaired("donâ€™t"), "don’t");
        assert_eq!(repaired("ðŸ“† plan"), "📆 plan");
        assert_eq!(repaired("Ã¥r"), "år");
        assert_eq!(repaired("caf\u{c3}\u{a9}"), "café");
    }

    #[test]
    fn repairs_double_mojibake() {
        let twice = windows_1252(&windows_1252(DANISH));
        let repair = repair(&twice).unwrap();
        assert_eq!(repair.text, DANISH);
        assert_eq!(repair.steps.len(), 2);
    }

    #[test]
    fn repairs_johab_mojibake() {
        for text in [
            "Årsskifte",
            "betalt af fællesskabet",
            "📆 sidst opdateret",
            "Ærø og Søren på øen 📆",
        ] {
            let damaged = johab::decode(text.as_bytes()).unwrap();
            assert_eq!(repaired(&damaged), text, "{damaged:?}");
        }
        assert_eq!(repaired("칀rsskifte"), "Årsskifte");
        assert_eq!(
            repaired("f칝llesskabet og p친 칮en"),
            "fællesskabet og på øen"
        );
        // Johab cannot read "–" (E2 80 93); what it could read still comes back.
        assert_eq!(repaired(&johab_lossy("på øen – og")), "på øen  og");
    }

    #[test]
    fn repairs_only_the_damaged_runs() {
        let text = "Årsmøde: fÃ¦llesskabet mødes – og så “slut”.";
        assert_eq!(
            repaired(text),
            "Årsmøde: fællesskabet mødes – og så “slut”."
        );
        let text = "Årsmøde – f칝llesskabet mødes: 칀rsskifte på Ærø.";
        assert_eq!(
            repaired(text),
            "Årsmøde – fællesskabet mødes: Årsskifte på Ærø."
        );
        // In a Korean document even Hangul glued to ASCII may be meant: no partial repair.
        assert_untouched("한국어 문서와 f칝llesskabet 그리고 칀rsskifte.");
        let repair = repair("Årsmøde: fÃ¦llesskabet").unwrap();
        assert_eq!(repair.changed, vec![Range { start: 12, end: 14 }]);
    }

    #[test]
    fn leaves_real_text_alone() {
        let samples = [
            DANISH,
            GERMAN,
            FRENCH,
            POLISH,
            RUSSIAN,
            GREEK,
            EMOJI,
            "안녕하세요. 이 문서는 2026년 로드맵입니다. 회의는 화요일에 합니다.",
            "코드 리뷰 후 티켓을 닫고, 휴가 전에 치킨을 먹었습니다. API 호출은 PR에서 확인.",
            "路线图：第一季度完成设计，第二季度发布。预算为 500 万元。",
            "ロードマップ：第1四半期に設計を完了し、第2四半期にリリースします。",
            "∑ x² ≤ ∞, α ± β, 10×10 = 100, ½ + ¾, 20 °C, ∀ε>0 ∃δ, f: ℝ → ℂ, ×²",
            "§ 3 stk. 2 ¶ © 2026 Acme™ Brand® £10 ¥20 €30 ¢ µs",
            "¿Qué año? ¡Señor Núñez! SÃO PAULO, IRMÃ, ação, não.",
            "Þórður Ísland, col·lecció, İstanbul’da ğ ş, Tiếng Việt, Ærøskøbing.",
            "Ç’a été",
            "CAFÉ…",
            "„Fuß“",
            "ÉTÉ–HIVER",
            "Å”",
            "Ä’s",
            "×²",
            "Tabs\tand\u{a0}non-breaking spaces · and — dashes … ellipses",
            "해",
            "치",
            "칠",
            "춘",
            "희",
            "호",
            "후",
        ];
        for text in samples {
            assert_untouched(text);
        }
    }

    #[test]
    fn ascii_is_untouched() {
        assert_untouched("");
        assert_untouched("plain ASCII roadmap\n- [x] done\n");
    }

    #[test]
    fn a_leading_mojibake_byte_order_mark_goes() {
        assert_eq!(repaired("ï»¿---\ntitle: fÃ¦lles\n"), "---\ntitle: fælles\n");
    }

    #[test]
    fn changed_ranges_follow_later_passes() {
        let edits = [
            Edit {
                old: 2..6,
                new: 2..4,
            },
            Edit {
                old: 10..12,
                new: 8..9,
            },
        ];
        assert_eq!(
            remap(&[0..1, 3..5, 7..8, 11..12], &edits),
            [0..1, 2..4, 5..6, 8..9]
        );
    }

    /// Characters that mojibake and real text are made of, so that random strings often
    /// look like damage: Latin-1, the Windows-1252 extras, Hangul from the rows UTF-8
    /// lands in, a Hanja, emoji and ASCII.
    const ALPHABET: &str = "aeoø .:\nÂÃÅÆØâãåæ€‚„…’“”–—™š›œŸ\u{81}\u{8D}\u{9D}\u{A0}¡«»°·¸¿×÷칀칝칮친춰췈캼游늱한국😀✓";

    fn damage_prone() -> impl proptest::strategy::Strategy<Value = String> {
        let alphabet: Vec<char> = ALPHABET.chars().collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..40)
            .prop_map(String::from_iter)
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn repair_is_idempotent(text in any::<String>()) {
            let once = repaired(&text);
            prop_assert_eq!(repair(&once), None);
        }

        #[test]
        fn repair_is_idempotent_on_damage_prone_text(text in damage_prone()) {
            let once = repaired(&text);
            prop_assert_eq!(repair(&once), None, "{:?} became {:?}", text, once);
        }

        #[test]
        fn changed_ranges_lie_in_the_repaired_text(text in damage_prone()) {
            if let Some(repair) = repair(&text) {
                let mut end = 0;
                for range in &repair.changed {
                    prop_assert!(end <= range.start && range.start <= range.end);
                    prop_assert!(repair.text.get(range.clone()).is_some());
                    end = range.end;
                }
            }
        }

        #[test]
        fn windows_1252_damage_of_real_words_comes_back(words in proptest::collection::vec(
            proptest::sample::select(vec!["fællesskabet", "Årsskifte", "für", "Größe", "déjà", "Zażółć", "Привет", "📆", "–", "ok", "2026"]),
            1..8,
        )) {
            let text = words.join(" ");
            prop_assert_eq!(repaired(&windows_1252(&text)), text);
        }
    }
}
