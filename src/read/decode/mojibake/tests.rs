//! Repair of real sentences damaged every way we know, and the same sentences left alone.

use super::*;
use crate::read::decode::johab;

/// How a UTF-8 text looks after being read with a code page and saved again.
fn windows_1252(text: &str) -> String {
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes()).0.into_owned()
}

fn latin_1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Johab read by a tool that drops the bytes it cannot read.
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

const DANISH: &str = "Fællesskabet mødes på Ærø i år – »Åbent hus« kl. 10½. Ønsker? Skriv til Søren.";
const GERMAN: &str = "Größere Änderungen: „Fuß“ und »Straße« – Übergänge für Ökonomie, Maße 3 m².";
const FRENCH: &str = "À côté de l’église, « déjà vu » — ça coûte 5 € ; Ç’a été l’ÉTÉ… CAFÉ ! Œuvre, cœur.";
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
    assert_eq!(repair("fÃ¦llesskabet").unwrap().steps, ["Windows-1252 (or Latin-1)"]);
    assert_eq!(repair(&latin_1("a – b")).unwrap().steps, ["Latin-1 (ISO-8859-1)"]);
    assert_eq!(repair(&latin_1(DANISH)).unwrap().text, DANISH);
    assert_eq!(repair(&johab_lossy("på øen")).unwrap().steps, ["Johab (CP1361)"]);
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
    for text in ["Årsskifte", "betalt af fællesskabet", "📆 sidst opdateret", "Ærø og Søren på øen 📆"]
    {
        let damaged = johab::decode(text.as_bytes()).unwrap();
        assert_eq!(repaired(&damaged), text, "{damaged:?}");
    }
    assert_eq!(repaired("칀rsskifte"), "Årsskifte");
    assert_eq!(repaired("f칝llesskabet og p친 칮en"), "fællesskabet og på øen");
    // Johab cannot read "–" (E2 80 93); what it could read still comes back.
    assert_eq!(repaired(&johab_lossy("på øen – og")), "på øen  og");
}

#[test]
fn johab_evidence() {
    // Latin-1 signs and letters flush against ASCII.
    assert_eq!(repaired("춰Bip! 2췈 archivo"), "¡Bip! 2º archivo");
    // Three damaged characters in a row, even alone.
    assert_eq!(repaired("칝칮친"), "æøå");
    // One Korean-looking syllable alone proves nothing.
    assert_untouched("칝");
}

#[test]
fn repairs_only_the_damaged_runs() {
    let text = "Årsmøde: fÃ¦llesskabet mødes – og så “slut”.";
    assert_eq!(repaired(text), "Årsmøde: fællesskabet mødes – og så “slut”.");
    let text = "Årsmøde – f칝llesskabet mødes: 칀rsskifte på Ærø.";
    assert_eq!(repaired(text), "Årsmøde – fællesskabet mødes: Årsskifte på Ærø.");
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
        "향후",
        "Ctrl키",
        "Enter 키",
        "탭 열기",
        // Korean syllables that read as Latin-1 letters, in a Korean document.
        "AI칩 설계 로드맵과 친구 치킨",
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
    let edits = [Edit { old: 2..6, new: 2..4 }, Edit { old: 10..12, new: 8..9 }];
    assert_eq!(remap(&[0..1, 3..5, 7..8, 11..12], &edits), [0..1, 2..4, 5..6, 8..9]);
}

/// Characters that mojibake and real text are made of, so that random strings often
/// look like damage: Latin-1, the Windows-1252 extras, Hangul from the rows UTF-8
/// lands in, a Hanja, emoji and ASCII.
const ALPHABET: &str =
    "aeoø .:\nÂÃÅÆØâãåæ€‚„…’“”–—™š›œŸ\u{81}\u{8D}\u{9D}\u{A0}¡«»°·¸¿×÷칀칝칮친춰췈캼游늱한국😀✓";

fn damage_prone() -> impl proptest::strategy::Strategy<Value = String> {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 0..40).prop_map(String::from_iter)
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
