//! Evidence: when a run that encodes back to UTF-8 is mojibake beyond reasonable doubt.

use std::ops::Range;

use super::groups::{Group, Page, Scan, for_each_group};

pub(super) struct Verdict {
    /// Every character of the run is in a group.
    pub(super) explained: bool,
    /// The run is mojibake beyond reasonable doubt.
    pub(super) strong: bool,
    /// The run is real text of a kind that could also pass for mojibake elsewhere in the
    /// document, so only whole-document repair is safe.
    pub(super) unsafe_for_partial: bool,
}

/// Judges a run, handing its groups to `write` on the way.
pub(super) fn verdict(
    text: &str,
    run: Range<usize>,
    page: Page,
    mut write: impl FnMut(&Group<'_>),
) -> Verdict {
    match page {
        Page::SingleByte => {
            let mut strong = false;
            let explained = for_each_group(text, run, page, Scan::Whole, |group| {
                strong = strong || single_byte_strong(text, &group);
                write(&group);
            });
            Verdict { explained, strong, unsafe_for_partial: false }
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
    let explained = for_each_group(text, run.clone(), Page::Johab, Scan::UntilUnexplained, |group| {
        latin |= group.decoded.chars().any(|c| matches!(u32::from(c), 0xA1..=0x17F));
        emoji |= group.decoded.chars().any(|c| u32::from(c) >= 0x1F000);
        chars += text[group.start..group.end].chars().count();
        write(&group);
    });
    let bytes = text.as_bytes();
    let touches = |at: Option<usize>| at.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_alphanumeric);
    let touching = touches(run.start.checked_sub(1)) || touches(Some(run.end));
    let hangul = || text[run.clone()].chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
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
    matches!(c, '”' | '›' | '»' | '‘' | '“' | '«' | '‹' | '…' | '•' | '®' | '™')
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
