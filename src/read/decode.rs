//! Bytes to text: byte-order marks, UTF-16, legacy single-byte text, line endings, and
//! (in `mojibake`) the repair of UTF-8 that was once mis-decoded through a legacy code page.

pub mod johab;
mod mojibake;

use crate::diag::{Diagnostic, Span};

#[derive(Clone, Copy, Debug)]
pub struct DecodeOptions {
    /// Undo mojibake (UTF-8 read through a legacy code page and saved again).
    pub repair: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self { repair: true }
    }
}

#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text with `\r\n` and lone `\r` turned into `\n`, so that line numbers agree
    /// with every editor and no later stage has to care.
    pub text: String,
    /// The encoding the bytes were read as (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Short descriptions of what decoding changed, for `SourceInfo::decoding_notes`.
    pub notes: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn decode(bytes: &[u8], options: DecodeOptions) -> Decoded {
    let mut notes = Vec::new();
    let mut diagnostics = Vec::new();
    let (text, encoding) = to_unicode(bytes, &mut notes, &mut diagnostics);
    // Spans found so far point into the text before `\r\n` became `\n`: move them back by
    // the carriage returns removed before them.
    for d in &mut diagnostics {
        if let Some(span) = d.span {
            let removed = text.get(..span.start).map_or(0, |before| before.matches("\r\n").count());
            d.span = Some(crate::diag::Span::new(span.start - removed, span.end - removed));
        }
    }
    let text = normalize_line_endings(text, &mut notes);
    let text = if options.repair { repair(text, &mut notes, &mut diagnostics) } else { text };
    let text = replace_c1_controls(text, &mut diagnostics);
    Decoded { text, encoding, notes, diagnostics }
}

/// C1 control characters (U+0080 to U+009F, but NEL, a line break) have no glyph in any
/// font and are never meant as text: they come from Windows-1252 bytes that have no
/// character (0x81, 0x8D, 0x8F, 0x90, 0x9D) or from text pasted through a Latin-1 editor.
/// Each becomes U+FFFD, with one warning at the first; earlier spans move with the text.
fn replace_c1_controls(text: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    let is_c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c) && c != '\u{85}';
    if !text.chars().any(is_c1) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut moved = Vec::new();
    let (mut count, mut first) = (0usize, None);
    for (at, c) in text.char_indices() {
        if is_c1(c) {
            first.get_or_insert((out.len(), c));
            count += 1;
            moved.push(at);
            out.push('\u{FFFD}');
        } else {
            out.push(c);
        }
    }
    // Each replacement is one byte longer than the character it replaces.
    let shift = |offset: usize| offset + moved.partition_point(|&at| at < offset);
    for d in diagnostics.iter_mut() {
        d.span = d.span.map(|s| Span::new(shift(s.start), shift(s.end)));
    }
    let Some((at, c)) = first else { return out };
    let more = if count > 1 { format!(" ({count} in all)") } else { String::new() };
    let warning = Diagnostic::warning(
        crate::read::codes::decode::CONTROL_CHARACTER,
        format!(
            "the control character U+{:04X} is not text and shows as \u{FFFD}{more}",
            c as u32
        ),
    )
    .with_span(Span::at(at, '\u{FFFD}'.len_utf8()))
    .with_hint("such characters come from Windows-1252 bytes without a character or from a Latin-1 editor; delete them or save the file as UTF-8");
    diagnostics.push(warning);
    out
}

fn to_unicode(
    bytes: &[u8],
    notes: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, &'static str) {
    // UTF-32's byte-order marks start like UTF-16LE's: look for them first.
    if let Some(big_endian) = utf32_bom(bytes) {
        return utf32(&bytes[4..], big_endian, notes, diagnostics);
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        notes.push(format!("removed a {} byte-order mark", encoding.name()));
        if had_errors {
            let mut d = Diagnostic::warning(
                crate::read::codes::decode::INVALID_BYTES,
                format!(
                    "the file starts with a {} byte-order mark but holds bytes that are not {}; they were replaced with U+FFFD",
                    encoding.name(),
                    encoding.name()
                ),
            )
            .with_hint("save the file again as UTF-8");
            if let Some(at) = text.find('\u{FFFD}') {
                d = d.with_span(Span::at(at, '\u{FFFD}'.len_utf8()));
            }
            diagnostics.push(d);
        }
        return (text.into_owned(), encoding.name());
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        notes.push(format!("read as {} (the file has no byte-order mark)", encoding.name()));
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::decode::NO_BOM,
                format!(
                    "the file looks like {} without a byte-order mark and was read as such",
                    encoding.name()
                ),
            )
            .with_hint("save the file as UTF-8 so that every tool reads the same letters"),
        );
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(error) => {
            let (text, bad_bytes) = utf8_with_1252_fallback(bytes);
            let offset = error.valid_up_to();
            diagnostics.push(
                Diagnostic::warning(
                    crate::read::codes::decode::NOT_UTF8,
                    format!(
                        "the file is not valid UTF-8 ({bad_bytes} byte(s) are not, the first 0x{:02X} at byte {offset}); those bytes were read as Windows-1252",
                        bytes[offset]
                    ),
                )
                .with_span(Span::at(offset, 1))
                .with_hint("save the file as UTF-8 so that every tool reads the same letters"),
            );
            notes.push("bytes that are not UTF-8 were read as Windows-1252".into());
            (text, "windows-1252")
        }
    }
}

/// `Some(big_endian)` when `bytes` start with a UTF-32 byte-order mark.
fn utf32_bom(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => Some(false),
        [0, 0, 0xFE, 0xFF] => Some(true),
        _ => None,
    }
}

/// Decodes UTF-32 (after its byte-order mark); a unit that is no character, or a short
/// last unit, becomes U+FFFD with a warning.
fn utf32(
    bytes: &[u8],
    big_endian: bool,
    notes: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, &'static str) {
    let name = if big_endian { "UTF-32BE" } else { "UTF-32LE" };
    notes.push(format!("removed a {name} byte-order mark"));
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut first_bad = None;
    for unit in bytes.chunks(4) {
        let c = <[u8; 4]>::try_from(unit)
            .ok()
            .map(|u| if big_endian { u32::from_be_bytes(u) } else { u32::from_le_bytes(u) })
            .and_then(char::from_u32);
        match c {
            Some(c) => text.push(c),
            None => {
                first_bad.get_or_insert(text.len());
                text.push('\u{FFFD}');
            }
        }
    }
    if let Some(at) = first_bad {
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::decode::INVALID_BYTES,
                format!("the file starts with a {name} byte-order mark but holds units that are no character; they were replaced with U+FFFD"),
            )
            .with_span(Span::at(at, '\u{FFFD}'.len_utf8()))
            .with_hint("save the file again as UTF-8"),
        );
    }
    (text, name)
}

/// UTF-16 without a byte-order mark, told by its zero bytes: most text has a zero in one
/// byte of every unit (the high byte of ASCII) and almost none in the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 || std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
        return None;
    }
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let units = sample.len() / 2;
    if odd * 10 >= units * 4 && even * 20 <= units {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= units * 4 && odd * 20 <= units {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes valid UTF-8 runs as UTF-8 and every byte outside them as Windows-1252, so a
/// Latin-1 file reads right and a UTF-8 file with a stray byte keeps its good letters.
/// Returns the text and the number of bytes that needed the fallback.
fn utf8_with_1252_fallback(mut bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                text.push_str(rest);
                return (text, bad);
            }
            Err(error) => {
                let good = error.valid_up_to();
                text.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or_default());
                let len = error.error_len().unwrap_or(bytes.len() - good);
                let (legacy, _) =
                    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes[good..good + len]);
                text.push_str(&legacy);
                bad += len;
                bytes = &bytes[good + len..];
            }
        }
    }
}

fn normalize_line_endings(text: String, notes: &mut Vec<String>) -> String {
    if !text.contains('\r') {
        return text;
    }
    notes.push("converted CRLF/CR line endings to LF".into());
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Undoes mojibake (see `mojibake`) and says so: a warning with the first repaired
/// character, since a false repair would silently change the author's words.
fn repair(text: String, notes: &mut Vec<String>, diagnostics: &mut Vec<Diagnostic>) -> String {
    let Some(repaired) = mojibake::repair(&text) else {
        return text;
    };
    let history = history(&repaired.steps);
    let changed: usize = repaired.changed.iter().map(|r| repaired.text[r.clone()].chars().count()).sum();
    // A range is empty where only a mojibake byte-order mark was dropped.
    let first = repaired.changed.iter().find(|r| !r.is_empty());
    let span = first.map_or(Span::at(0, 0), |r| {
        let len = repaired.text[r.clone()].chars().next().map_or(0, char::len_utf8);
        Span::at(r.start, len)
    });
    let pages: Vec<&str> = repaired.steps.iter().rev().copied().collect();
    notes.push(format!("repaired mojibake (UTF-8 read as {})", pages.join(", then as ")));
    diagnostics.push(
        Diagnostic::warning(
            crate::read::codes::decode::MOJIBAKE_REPAIRED,
            format!(
                "repaired mojibake: the text was {history}; {changed} character{} changed",
                if changed == 1 { "" } else { "s" }
            ),
        )
        .with_span(span)
        .with_hint("if the text was right as it was, run again with --no-repair"),
    );
    repaired.text
}

/// "UTF-8 read as X and saved again", oldest mis-decoding first.
fn history(steps: &[&str]) -> String {
    let parts: Vec<String> =
        steps.iter().rev().map(|page| format!("read as {page} and saved again")).collect();
    format!("UTF-8 {}", parts.join(", then "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_become_replacement_characters_with_one_located_warning() {
        let decoded = decode("ab\u{81}c\u{9F}d\u{85}e".as_bytes(), DecodeOptions::default());
        assert_eq!(decoded.text, "ab\u{FFFD}c\u{FFFD}d\u{85}e");
        let [warning] = decoded.diagnostics.as_slice() else { panic!("{:#?}", decoded.diagnostics) };
        assert_eq!(warning.code, crate::read::codes::decode::CONTROL_CHARACTER);
        assert_eq!(warning.span, Some(Span::at(2, 3)));
        assert!(warning.message.contains("U+0081") && warning.message.contains("2 in all"));
        // Bytes of Windows-1252 without a character arrive the same way.
        let decoded = decode(b"Plan \x81 2026", DecodeOptions::default());
        assert!(!decoded.text.contains('\u{81}'));
        assert!(decoded.diagnostics.iter().any(|d| d.code == crate::read::codes::decode::CONTROL_CHARACTER));
    }

    #[test]
    fn utf32_with_a_byte_order_mark_is_decoded() {
        for big in [false, true] {
            let mut bytes: Vec<u8> = if big { vec![0, 0, 0xFE, 0xFF] } else { vec![0xFF, 0xFE, 0, 0] };
            for c in "År 2026".chars() {
                let u = c as u32;
                bytes.extend(if big { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            let decoded = decode(&bytes, DecodeOptions::default());
            assert_eq!(decoded.text, "År 2026", "big endian: {big}");
            assert!(decoded.diagnostics.is_empty());
        }
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised_with_a_warning() {
        let bytes: Vec<u8> = "# Plan\n\nÅrsskifte".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode(&bytes, DecodeOptions::default());
        assert_eq!(decoded.text, "# Plan\n\nÅrsskifte");
        assert_eq!(decoded.diagnostics[0].code, crate::read::codes::decode::NO_BOM);
        // Ordinary text with a stray NUL is not taken for UTF-16.
        let decoded = decode(b"# Plan with a \0 in it, long enough", DecodeOptions::default());
        assert!(decoded.text.starts_with("# Plan"));
    }

    #[test]
    fn strips_bom_and_crlf() {
        let decoded = decode(b"\xEF\xBB\xBFa\r\nb\rc", DecodeOptions::default());
        assert_eq!(decoded.text, "a\nb\nc");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.notes.len(), 2);
    }

    #[test]
    fn reads_utf16_with_bom() {
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("År".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&bytes, DecodeOptions::default()).text, "År");
    }

    #[test]
    fn spans_survive_crlf_normalisation() {
        let decoded = decode(b"a\r\nb\r\nf\xe6lles", DecodeOptions::default());
        assert_eq!(decoded.text, "a\nb\nfælles");
        let start = decoded.diagnostics[0].span.map_or(0, |s| s.start);
        assert_eq!(&decoded.text[start..], "ælles");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        let decoded = decode(b"f\xe6lles", DecodeOptions::default());
        assert_eq!(decoded.text, "fælles");
        assert_eq!(decoded.diagnostics[0].code, crate::read::codes::decode::NOT_UTF8);
        assert_eq!(decoded.diagnostics[0].span, Some(Span::at(1, 1)));
    }

    #[test]
    fn repairs_windows_1252_mojibake_with_a_warning() {
        let decoded = decode("Møde i fÃ¦llesskabet 2025â€“2026\r\n".as_bytes(), DecodeOptions::default());
        assert_eq!(decoded.text, "Møde i fællesskabet 2025–2026\n");
        let [warning] = decoded.diagnostics.as_slice() else { panic!("{:#?}", decoded.diagnostics) };
        assert_eq!(warning.code, crate::read::codes::decode::MOJIBAKE_REPAIRED);
        assert_eq!(warning.severity, crate::diag::Severity::Warning);
        assert_eq!(
            warning.message,
            "repaired mojibake: the text was UTF-8 read as Windows-1252 and saved again; 2 characters changed"
        );
        let span = warning.span.unwrap();
        assert_eq!(&decoded.text[span.start..span.end], "æ");
        assert_eq!(span, Span::at(9, 2));
        assert!(warning.hints[0].contains("--no-repair"));
        assert_eq!(
            decoded.notes,
            ["converted CRLF/CR line endings to LF", "repaired mojibake (UTF-8 read as Windows-1252)"]
        );
    }

    #[test]
    fn tells_the_history_of_double_mojibake() {
        let decoded = decode("fÃƒÂ¦lles".as_bytes(), DecodeOptions::default());
        assert_eq!(decoded.text, "fælles");
        assert_eq!(
            decoded.diagnostics[0].message,
            "repaired mojibake: the text was UTF-8 read as Windows-1252 (or Latin-1) and saved again, then read as Windows-1252 and saved again; 1 character changed"
        );
    }

    #[test]
    fn drops_a_mojibake_byte_order_mark_and_points_past_it() {
        let decoded = decode("ï»¿---\ntitle: fÃ¦lles\n".as_bytes(), DecodeOptions::default());
        assert_eq!(decoded.text, "---\ntitle: fælles\n");
        let span = decoded.diagnostics[0].span.unwrap();
        assert_eq!(&decoded.text[span.start..span.end], "æ");
        assert!(decoded.diagnostics[0].message.ends_with("; 1 character changed"));
    }

    #[test]
    fn keeps_mojibake_without_repair() {
        let decoded = decode("fÃ¦lles".as_bytes(), DecodeOptions { repair: false });
        assert_eq!(decoded.text, "fÃ¦lles");
        assert!(decoded.diagnostics.is_empty());
    }

    #[test]
    fn repairs_mojibake_in_a_file_that_is_not_utf8() {
        // A Latin-1 byte next to UTF-8 that was read as Windows-1252 once before.
        let decoded = decode(b"\xe6 og f\xc3\x83\xc2\xa6lles", DecodeOptions::default());
        assert_eq!(decoded.text, "æ og fælles");
        let codes: Vec<_> = decoded.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [crate::read::codes::decode::NOT_UTF8, crate::read::codes::decode::MOJIBAKE_REPAIRED]
        );
    }

    /// Decoding the text that decoding gave repairs nothing more.
    fn repairs_nothing_more(text: &str) -> bool {
        let again = decode(text.as_bytes(), DecodeOptions::default());
        let plain = decode(text.as_bytes(), DecodeOptions { repair: false });
        again.text == plain.text
            && !again.diagnostics.iter().any(|d| d.code == crate::read::codes::decode::MOJIBAKE_REPAIRED)
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let decoded = decode(&bytes, DecodeOptions::default());
            prop_assert!(!decoded.text.contains('\r'));
            prop_assert!(repairs_nothing_more(&decoded.text));
        }

        #[test]
        fn any_text_decodes(text in any::<String>()) {
            let decoded = decode(text.as_bytes(), DecodeOptions::default());
            prop_assert!(repairs_nothing_more(&decoded.text));
        }
    }
}
