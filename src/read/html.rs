//! HTML inside Markdown: raw HTML reduced to its visible text, and HTML entities decoded
//! with a map back to where they were written (for Mermaid containers).

use crate::diag::SourceMap;

pub(crate) fn strip_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The visible text of an HTML fragment: tags and comments removed, common entities
/// decoded, whitespace collapsed; `<br>`, `<p>` and similar become spaces.
pub fn html_to_text(html: &str) -> String {
    let html = strip_comments(html);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => {
                in_tag = false;
                text.push(' ');
            }
            (false, c) => text.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&text);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(text: &str) -> String {
    decode_entities_mapped(text).0
}

/// `text` with its HTML entities decoded, and a map from the decoded text's offsets back
/// to `text`'s (an entity's character maps to its `&`).
pub fn decode_entities_mapped(text: &str) -> (String, SourceMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = SourceMap::default();
    let mut copied = 0;
    for (range, c) in entities(text) {
        if range.start > copied {
            map.push_verbatim(out.len(), copied, range.start - copied);
            out.push_str(&text[copied..range.start]);
        }
        map.push_generated(out.len(), range.start, c.len_utf8());
        out.push(c);
        copied = range.end;
    }
    map.push_verbatim(out.len(), copied, text.len() - copied);
    out.push_str(&text[copied..]);
    (out, map)
}

/// The decodable entities of `text` (`&amp;`, `&#58;`, `&#x3A;`): where each is, and its
/// character.
fn entities(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, char)> + '_ {
    text.match_indices('&').filter_map(move |(amp, _)| {
        let after = &text[amp + 1..];
        // Only the next few bytes: a page full of `&` without `;` stays linear.
        let end = after.bytes().take(11).position(|b| b == b';')?;
        let c = entity(&after[..end])?;
        Some((amp..amp + end + 2, c))
    })
}

/// HTML's names for U+00A0 to U+00FF, in code point order.
const LATIN1_ENTITIES: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
    "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
    "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
    "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
    "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
    "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
    "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// The character an HTML entity's name (`amp`, `#42`, `#x2A`) stands for.
pub(crate) fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // As HTML: NUL, surrogates and numbers past Unicode become U+FFFD.
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'));
    }
    if let Some(i) = LATIN1_ENTITIES.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "euro" => '€',
        "trade" => '™',
        "larr" => '←',
        "rarr" => '→',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_entities_map_back_to_the_text_as_written() {
        let text = "a &amp; b &#x2014; c &bogus; d";
        let (decoded, map) = decode_entities_mapped(text);
        assert_eq!(decoded, "a & b — c &bogus; d");
        // The decoded characters map to their entity, the rest to where it was written.
        assert_eq!(map.map(decoded.find('&').unwrap_or(0)), 2);
        assert_eq!(map.map(decoded.find('b').unwrap_or(0)), text.find('b').unwrap_or(0));
        assert_eq!(map.map(decoded.find('c').unwrap_or(0)), text.find('c').unwrap_or(0));
        assert_eq!(map.map(decoded.find('d').unwrap_or(0)), text.find('d').unwrap_or(0));
        assert_eq!(map.map(decoded.len()), text.len());
    }
}
