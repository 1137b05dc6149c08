//! Finding groups: characters of a run whose code-page bytes are complete UTF-8 characters
//! that look like text.

use std::ops::Range;

use crate::read::decode::johab;

/// A group is at most one 4-byte UTF-8 character, or in Johab a few characters whose
/// two-byte codes straddle UTF-8 characters.
const MAX_GROUP_CHARS: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Page {
    /// Windows-1252 with its five undefined bytes passed through as C1 controls, which
    /// also covers Latin-1 ("sloppy" Windows-1252, as ftfy calls it).
    SingleByte,
    Johab,
}

impl Page {
    /// The code-page bytes of a non-ASCII character.
    pub(super) fn encode(self, c: char) -> Option<([u8; 2], usize)> {
        match self {
            Page::SingleByte => single_byte(c).map(|b| ([b, 0], 1)),
            Page::Johab => johab::code(c).map(|code| (code.to_be_bytes(), 2)),
        }
    }

    /// Whether a repaired character looks like text rather than a new kind of garbage.
    pub(super) fn plausible(self, c: char) -> bool {
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
    (0xE000..=0xF8FF).contains(&c) || (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE || c >= 0xF0000
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

/// Maximal runs of non-ASCII characters, as byte ranges.
pub(super) fn runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + bytes[pos..].iter().position(|b| !b.is_ascii())?;
        let end = bytes[start..].iter().position(u8::is_ascii).map_or(bytes.len(), |n| start + n);
        pos = end;
        Some(start..end)
    })
}

pub(super) struct Group<'a> {
    /// The damaged characters, as a byte range of the text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// What they were meant to be.
    pub(super) decoded: &'a str,
}

/// Whether a scan of a run goes on past the first character that starts no group.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    Whole,
    UntilUnexplained,
}

/// Splits `run` into groups, calling `found` for each; returns whether every character of
/// the run is in a group. A character that starts no group is skipped, so the scan resyncs
/// on the next one, as UTF-8 itself does.
pub(super) fn for_each_group(
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
                found(Group { start, end: start + len, decoded });
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
    let mut bytes = Bytes { buf: [0; 2 * MAX_GROUP_CHARS], len: 0 };
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
