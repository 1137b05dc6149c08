//! Johab (CP1361), the Korean code page that encoding_rs lacks because it is not in the
//! WHATWG Encoding Standard. Mojibake repair needs its encoder: text that was UTF-8 read as
//! Johab is undone by encoding it back to Johab bytes.
//!
//! Hangul is algorithmic: a code is `1 iiiii mmmmm fffff`, three 5-bit jamo codes (initial,
//! medial, final), each with a "fill" value. Symbols and Hanja are KS X 1001 rows moved
//! arithmetically onto lead bytes 0xD9–0xDE and 0xE0–0xF9; we map them back to KS X 1001
//! and let encoding_rs's EUC-KR index do the lookup. The result matches CPython's `johab`
//! codec code for code (see `tests/fixtures/decode/johab.txt`).

use std::sync::OnceLock;

const SYLLABLE_FIRST: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;
const JAMO_FIRST: u32 = 0x3131; // ㄱ, the first compatibility jamo
const JAMO_VOWEL_FIRST: u32 = 0x314F; // ㅏ
const JAMO_LAST: u32 = 0x3163; // ㅣ

const FILL_INITIAL: u16 = 1;
const FILL_MEDIAL: u16 = 2;
const FILL_FINAL: u16 = 1;

/// Johab's medial code for each of the 21 vowels in Unicode order.
const MEDIAL: [u16; 21] = [3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 26, 27, 28, 29];
/// Offset from ㄱ of the compatibility jamo for each of the 19 initial consonants.
const INITIAL_JAMO: [u8; 19] = [0, 1, 3, 6, 7, 8, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
/// Offset from ㄱ of the compatibility jamo for each of the 27 final consonants.
const FINAL_JAMO: [u8; 27] =
    [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 25, 26, 27, 28, 29];

/// Decodes Johab bytes strictly. On failure returns the offset of the first byte that does
/// not start a valid character.
pub fn decode(bytes: &[u8]) -> Result<String, usize> {
    let mut text = String::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead.is_ascii() {
            text.push(char::from(lead));
            i += 1;
            continue;
        }
        match bytes.get(i + 1).and_then(|&trail| decode_pair(lead, trail)) {
            Some(c) => text.push(c),
            None => return Err(i),
        }
        i += 2;
    }
    Ok(text)
}

/// Encodes `text` as Johab, or `None` if some character has no Johab code.
pub fn encode(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len());
    text.chars().all(|c| encode_char(c, &mut bytes)).then_some(bytes)
}

/// Appends the Johab bytes of `c` to `out`; false (and nothing appended) if there are none.
pub fn encode_char(c: char, out: &mut Vec<u8>) -> bool {
    if c.is_ascii() {
        out.push(c as u8);
        return true;
    }
    match code(c) {
        Some(code) => {
            out.extend_from_slice(&code.to_be_bytes());
            true
        }
        None => false,
    }
}

/// Decodes one two-byte code, `None` if it is not assigned.
pub fn decode_pair(lead: u8, trail: u8) -> Option<char> {
    match lead {
        0x84..=0xD3 => decode_hangul(u16::from_be_bytes([lead, trail])),
        _ => {
            let (row, col) = johab_to_ksx(lead, trail)?;
            let c = tables().to_char[ksx_index(row, col)];
            if c == 0 { None } else { char::from_u32(u32::from(c)) }
        }
    }
}

/// The two-byte code of a non-ASCII character, `None` if Johab has none.
pub fn code(c: char) -> Option<u16> {
    let c = u32::from(c);
    if (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&c) {
        let s = c - SYLLABLE_FIRST;
        let (initial, vowel, last) = (s / 588, (s / 28) % 21, s % 28);
        return Some(hangul_code(initial as u16 + 2, MEDIAL[vowel as usize], final_code(last as u16)));
    }
    if (JAMO_VOWEL_FIRST..=JAMO_LAST).contains(&c) {
        let vowel = (c - JAMO_VOWEL_FIRST) as usize;
        return Some(hangul_code(FILL_INITIAL, MEDIAL[vowel], FILL_FINAL));
    }
    if (JAMO_FIRST..JAMO_VOWEL_FIRST).contains(&c) {
        // A consonant that can start a syllable gets its initial form (as in CPython);
        // the clusters that can only end one get their final form.
        let offset = (c - JAMO_FIRST) as u8;
        if let Some(initial) = INITIAL_JAMO.iter().position(|&j| j == offset) {
            return Some(hangul_code(initial as u16 + 2, FILL_MEDIAL, FILL_FINAL));
        }
        let last = FINAL_JAMO.iter().position(|&j| j == offset)? as u16 + 1;
        return Some(hangul_code(FILL_INITIAL, FILL_MEDIAL, final_code(last)));
    }
    let c = u16::try_from(c).ok()?;
    let from_char = &tables().from_char;
    let found = from_char.binary_search_by_key(&c, |&(c, _)| c).ok()?;
    Some(from_char[found].1)
}

fn hangul_code(initial: u16, medial: u16, last: u16) -> u16 {
    0x8000 | initial << 10 | medial << 5 | last
}

/// The 5-bit final code of final consonant `index` (0 = none, 1..=27 in Unicode order).
fn final_code(index: u16) -> u16 {
    match index {
        0 => FILL_FINAL,
        1..=16 => index + 1,
        _ => index + 2,
    }
}

fn decode_hangul(code: u16) -> Option<char> {
    let initial = match (code >> 10) & 0x1F {
        FILL_INITIAL => None,
        i @ 2..=20 => Some(u32::from(i - 2)),
        _ => return None,
    };
    let vowel = match (code >> 5) & 0x1F {
        FILL_MEDIAL => None,
        m => Some(MEDIAL.iter().position(|&v| v == m)? as u32),
    };
    let last = match code & 0x1F {
        FILL_FINAL => None,
        f @ 2..=17 => Some(u32::from(f - 1)),
        f @ 19..=29 => Some(u32::from(f - 2)),
        _ => return None,
    };
    let c = match (initial, vowel, last) {
        (Some(i), Some(v), f) => SYLLABLE_FIRST + (i * 21 + v) * 28 + f.unwrap_or(0),
        (None, None, None) => 0x3000,
        (Some(i), None, None) => JAMO_FIRST + u32::from(INITIAL_JAMO[i as usize]),
        (None, Some(v), None) => JAMO_VOWEL_FIRST + v,
        (None, None, Some(f)) => JAMO_FIRST + u32::from(FINAL_JAMO[f as usize - 1]),
        _ => return None,
    };
    char::from_u32(c)
}

/// KS X 1001 row and column (each 0x21..=0x7E) of a Johab symbol or Hanja code.
fn johab_to_ksx(lead: u8, trail: u8) -> Option<(u8, u8)> {
    let t1 = match lead {
        0xD9..=0xDE => 2 * (lead - 0xD9),
        0xE0..=0xF9 => 2 * (lead - 0xE0) + 0x29,
        _ => return None,
    };
    let t2 = match trail {
        0x31..=0x7E => trail - 0x31,
        0x91..=0xFE => trail - 0x43,
        _ => return None,
    };
    // Row 4's modern jamo have Hangul-area codes in Johab instead.
    if lead == 0xDA && (0xA1..=0xD3).contains(&trail) {
        return None;
    }
    let (row, col) = if t2 < 0x5E { (t1, t2) } else { (t1 + 1, t2 - 0x5E) };
    Some((row + 0x21, col + 0x21))
}

/// The inverse of [`johab_to_ksx`] for the rows Johab has (symbols 1–12, Hanja 42–93).
fn ksx_to_johab(row: u8, col: u8) -> Option<u16> {
    let t1 = match row {
        0x21..=0x2C => u16::from(row - 0x21) + 0x1B2,
        0x4A..=0x7D => u16::from(row - 0x21) + 0x197,
        _ => return None,
    };
    let t2 = if t1 & 1 == 1 { 0x5E } else { 0 } + u16::from(col - 0x21);
    let trail = if t2 < 0x4E { t2 + 0x31 } else { t2 + 0x43 };
    Some((t1 >> 1) << 8 | trail)
}

fn ksx_index(row: u8, col: u8) -> usize {
    usize::from(row - 0x21) * 94 + usize::from(col - 0x21)
}

struct Tables {
    /// KS X 1001 (row, col) to a BMP code point, 0 where unassigned.
    to_char: Vec<u16>,
    /// (code point, Johab code), sorted by code point.
    from_char: Vec<(u16, u16)>,
}

/// Built once from encoding_rs's EUC-KR index, restricted to the rows Johab maps.
fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut to_char = vec![0u16; 94 * 94];
        let mut from_char = Vec::new();
        for row in (0x21..=0x2C).chain(0x4A..=0x7D) {
            for col in 0x21..=0x7E {
                // CPython's table predates KS X 1001:2002's ㉾ (0x2268); agree with it.
                if (row == 0x24 && col <= 0x53) || (row, col) == (0x22, 0x68) {
                    continue;
                }
                let Some(code) = ksx_to_johab(row, col) else {
                    continue;
                };
                let euc_kr = [row | 0x80, col | 0x80];
                let decoded =
                    encoding_rs::EUC_KR.decode_without_bom_handling_and_without_replacement(&euc_kr);
                let Some(c) = decoded.and_then(|s| s.chars().next()) else {
                    continue;
                };
                let Ok(c) = u16::try_from(u32::from(c)) else {
                    continue;
                };
                to_char[ksx_index(row, col)] = c;
                from_char.push((c, code));
            }
        }
        from_char.sort_unstable();
        // Keep the first code for a character listed twice, as CPython's encoder does.
        from_char.dedup_by_key(|&mut (c, _)| c);
        Tables { to_char, from_char }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_both_ways() {
        assert_eq!(decode(b"\x88\x61").as_deref(), Ok("가"));
        assert_eq!(encode("한국어 ok").as_deref(), Some(&b"\xd0\x65\x8a\x82\xb4\xe1 ok"[..]));
        assert_eq!(decode(b"\xd0\x65\x8a\x82\xb4\xe1 ok").as_deref(), Ok("한국어 ok"));
    }

    #[test]
    fn the_seed_damage() {
        // UTF-8 "Å" (C3 85) and "📆" (F0 9F 93 86) read as Johab.
        assert_eq!(decode("Å📆".as_bytes()).as_deref(), Ok("칀游늱"));
        assert_eq!(encode("칀游늱").as_deref(), Some("Å📆".as_bytes()));
    }

    #[test]
    fn symbols_and_hanja() {
        assert_eq!(encode("\u{3000}").as_deref(), Some(&b"\xd9\x31"[..]));
        assert_eq!(encode("韓").and_then(|b| decode(&b).ok()).as_deref(), Some("韓"));
        assert_eq!(encode("€").as_deref(), Some(&b"\xd9\xe6"[..]));
        assert_eq!(encode("Ã"), None);
        assert_eq!(encode("😀"), None);
        assert_eq!(encode("韓").as_deref(), Some(&b"\xf7\xdb"[..]));
    }

    #[test]
    fn rejects_bad_bytes() {
        assert_eq!(decode(b"a\x84"), Err(1));
        assert_eq!(decode(b"\xdf\x31"), Err(0));
        assert_eq!(decode(b"\xda\xa1"), Err(0));
        assert_eq!(decode(b"\x88\x40"), Err(0));
    }

    /// `tests/fixtures/decode/johab.txt`: every valid code and its character, from CPython.
    fn oracle() -> (std::collections::HashMap<u16, char>, std::collections::HashMap<char, u16>) {
        let mut decodes = std::collections::HashMap::new();
        let mut encodes = std::collections::HashMap::new();
        let hex = |s: &str| u32::from_str_radix(s, 16).unwrap();
        for line in include_str!("../../../tests/fixtures/decode/johab.txt").lines() {
            let fields: Vec<&str> = line.split(' ').collect();
            match fields.as_slice() {
                ["#", ..] => {}
                ["=", c, code] => {
                    encodes.insert(char::from_u32(hex(c)).unwrap(), hex(code) as u16);
                }
                [code, c, rest @ ..] => {
                    let n = rest.first().map_or(1, |n| n.parse().unwrap());
                    for k in 0..n {
                        decodes.insert((hex(code) + k) as u16, char::from_u32(hex(c) + k).unwrap());
                    }
                }
                _ => panic!("bad fixture line {line:?}"),
            }
        }
        for (&code, &c) in &decodes {
            encodes.entry(c).or_insert(code);
        }
        (decodes, encodes)
    }

    #[test]
    fn every_code_matches_cpython() {
        let (decodes, encodes) = oracle();
        assert_eq!(decodes.len(), 17065);
        for code in 0x8000..=0xFFFF_u16 {
            let [lead, trail] = code.to_be_bytes();
            assert_eq!(decode_pair(lead, trail), decodes.get(&code).copied(), "code {code:04X}");
        }
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let mut bytes = Vec::new();
            let expected = encodes.get(&c).map(|code| code.to_be_bytes().to_vec());
            let got = encode_char(c, &mut bytes).then_some(bytes);
            assert_eq!(got, expected, "U+{:04X}", u32::from(c));
        }
    }
}
