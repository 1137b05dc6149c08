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
    Decoded { text, encoding, notes, diagnostics }
}

fn to_unicode(
    bytes: &[u8],
    notes: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, &'static str) {
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
