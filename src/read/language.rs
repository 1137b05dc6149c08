//! Guesses the language of a page from its words, for pages without a `lang` key.

use crate::model::{Block, Inline};

// Function words, frequent in their language and rare as words in the others; a word
// shared by two languages is listed for both or neither.
const DANISH: &[&str] = &[
    "og",
    "af",
    "til",
    "for",
    "med",
    "er",
    "det",
    "den",
    "på",
    "et",
    "som",
    "at",
    "ikke",
    "fra",
    "har",
    "skal",
    "vil",
    "kan",
    "hvor",
    "også",
    "eller",
    "efter",
    "samt",
    "sidst",
    "opdateret",
];
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "with", "is", "in", "on", "a", "this", "that", "from", "are", "be", "will",
    "by", "as", "an", "it", "or", "we", "our", "for", "at", "all", "not", "has", "have", "can",
];
const SWEDISH: &[&str] = &[
    "och", "att", "är", "inte", "för", "från", "till", "också", "detta", "ett", "ska", "av", "med", "som",
    "på", "har", "kan", "eller", "när", "vara",
];
const NORWEGIAN: &[&str] = &[
    "og", "å", "av", "til", "for", "med", "er", "ikke", "fra", "etter", "også", "skal", "kan", "har", "som",
    "på", "et", "eller", "blir", "mellom",
];
const GERMAN: &[&str] = &[
    "und", "der", "die", "das", "mit", "ist", "nicht", "ein", "eine", "für", "von", "zu", "im", "auf", "dem",
    "sich", "auch", "wird", "werden", "oder",
];
const FRENCH: &[&str] = &[
    "le", "la", "les", "et", "des", "du", "un", "une", "pour", "dans", "est", "sur", "par", "au", "aux",
    "qui", "que", "ce", "avec", "à",
];
const SPANISH: &[&str] = &[
    "el", "la", "los", "las", "del", "y", "que", "por", "para", "con", "una", "es", "se", "al", "su", "sus",
    "como", "más", "este", "esta",
];
const DUTCH: &[&str] = &[
    "het", "een", "van", "voor", "niet", "zijn", "ook", "wordt", "worden", "naar", "bij", "door", "aan",
    "dat", "deze", "uit", "wij", "met", "hebben", "wordt",
];
// Languages without report words of their own: recognised so that they get English
// rather than the nearest language that has them.
const ITALIAN: &[&str] = &[
    "il", "della", "delle", "degli", "che", "è", "per", "con", "una", "sono", "non", "nel", "alla", "gli",
    "anche", "questo", "essere", "come", "più", "dei",
];
const PORTUGUESE: &[&str] = &[
    "os", "das", "dos", "que", "um", "uma", "para", "com", "não", "são", "pelo", "pela", "também", "está",
    "seu", "isso", "foi", "nos", "quando", "muito",
];

// Words that tell the Scandinavian languages apart (most of their function words are
// shared); weighed more.
const DANISH_ONLY: &[&str] = &[
    "af",
    "efter",
    "ud",
    "op",
    "nogle",
    "noget",
    "mellem",
    "gennem",
    "blev",
    "bliver",
    "hvad",
    "nu",
    "meget",
    "mig",
    "dig",
    "sig",
    "jer",
    "opdateret",
    "sidst",
    "møde",
    "uge",
];
const NORWEGIAN_ONLY: &[&str] = &[
    "å",
    "av",
    "etter",
    "ut",
    "opp",
    "noen",
    "noe",
    "mellom",
    "gjennom",
    "ble",
    "blir",
    "hva",
    "nå",
    "mye",
    "meg",
    "deg",
    "seg",
    "dere",
    "oppdatert",
    "sist",
    "møte",
    "uke",
    "ikkje",
    "frå",
    "kva",
];
const SWEDISH_ONLY: &[&str] = &[
    "och",
    "att",
    "är",
    "inte",
    "för",
    "från",
    "till",
    "också",
    "detta",
    "ett",
    "ska",
    "när",
    "vara",
    "finns",
    "kommer",
    "senast",
    "uppdaterad",
    "möte",
    "vecka",
    "mellan",
];

/// An ISO 639-1 code by counting common function words: `da`, `en`, `sv`, `nb`, `de`,
/// `fr`, `es`, `nl`, or `it`/`pt` (which get English reports); `en` when nothing tells.
/// Too little evidence, or a tie, gives `en`.
pub fn detect(blocks: &[Block], chart_words: &str, title: &str) -> String {
    let mut text = title.to_lowercase();
    collect_text(blocks, &mut text);
    text.push(' ');
    text.push_str(&chart_words.to_lowercase());
    if let Some(code) = by_script(&text) {
        return code.to_string();
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let score = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    // æ and ø are Danish and Norwegian, never Swedish; ä and ö Swedish (and German).
    let ae_oe = text.chars().filter(|c| matches!(c, 'æ' | 'ø')).count();
    let german_letters = text.chars().any(|c| matches!(c, 'ü' | 'ß'));
    let swedish_letters =
        if german_letters { 0 } else { text.chars().filter(|c| matches!(c, 'ä' | 'ö')).count() };
    let candidates = [
        ("da", score(DANISH) * 2 + score(DANISH_ONLY) * 3 + ae_oe),
        ("nb", score(NORWEGIAN) * 2 + score(NORWEGIAN_ONLY) * 3 + ae_oe),
        ("sv", score(SWEDISH) * 2 + score(SWEDISH_ONLY) * 3 + swedish_letters),
        ("en", score(ENGLISH) * 2),
        ("de", score(GERMAN) * 2),
        ("fr", score(FRENCH) * 2),
        ("es", score(SPANISH) * 2),
        ("nl", score(DUTCH) * 2),
        ("it", score(ITALIAN) * 2),
        ("pt", score(PORTUGUESE) * 2),
    ];
    // A few words prove nothing: a page needs three of a language's words, and more of
    // them than of any other language's, to be taken for it; else it is English.
    let mut sorted: Vec<usize> = candidates.iter().map(|(_, s)| *s).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let (best, second) = (sorted[0], sorted.get(1).copied().unwrap_or(0));
    if best < MIN_EVIDENCE || best == second {
        return "en".to_string();
    }
    candidates.iter().find(|(_, s)| *s == best).map_or("en", |(code, _)| code).to_string()
}

/// The language of a page mostly written in a script other than Latin: Japanese (kana),
/// Korean (Hangul), Chinese (Han alone), Russian (Cyrillic), Greek, Arabic, Hebrew.
fn by_script(text: &str) -> Option<&'static str> {
    let (mut latin, mut kana, mut hangul, mut han, mut cyrillic, mut greek, mut arabic, mut hebrew) =
        (0, 0, 0, 0, 0, 0, 0, 0);
    for c in text.chars() {
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F => latin += 1,
            0x3040..=0x30FF | 0x31F0..=0x31FF => kana += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2FFFF => han += 1,
            0x400..=0x4FF => cyrillic += 1,
            0x370..=0x3FF => greek += 1,
            0x600..=0x6FF => arabic += 1,
            0x590..=0x5FF => hebrew += 1,
            _ => {}
        }
    }
    // One CJK character says about as much as a Latin word of four letters.
    let cjk = (kana + hangul + han) * 4;
    let other = [(cyrillic, "ru"), (greek, "el"), (arabic, "ar"), (hebrew, "he")];
    if cjk > latin {
        return Some(if kana > 0 {
            "ja"
        } else if hangul >= han {
            "ko"
        } else {
            "zh"
        });
    }
    other.into_iter().find(|&(n, _)| n > latin).map(|(_, code)| code)
}

/// The score of three function words.
const MIN_EVIDENCE: usize = 6;

fn collect_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                out.push(' ');
                out.push_str(&Inline::plain(content).to_lowercase());
            }
            Block::List { items, .. } => {
                for item in items {
                    collect_text(&item.blocks, out);
                }
            }
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => collect_text(blocks, out),
            Block::Table { header, rows, .. } => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    out.push(' ');
                    out.push_str(&Inline::plain(cell).to_lowercase());
                }
            }
            Block::Html { text, .. } => {
                out.push(' ');
                out.push_str(&text.to_lowercase());
            }
            Block::Code { .. } | Block::Diagram { .. } | Block::Rule { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_text(blocks: &[Block], title: &str) -> String {
        detect(blocks, "", title)
    }

    fn para(text: &str) -> Vec<Block> {
        vec![Block::Paragraph { content: vec![Inline::Text { text: text.into() }], line: 1 }]
    }

    #[test]
    fn tells_danish_from_english() {
        assert_eq!(
            detect_text(&para("Sekretariatssupporten til OS2forms kan deles op i fire hovedspor"), ""),
            "da"
        );
        assert_eq!(detect_text(&para("The roadmap of the project and its milestones"), ""), "en");
        assert_eq!(detect_text(&[], ""), "en");
    }

    #[test]
    fn tells_the_report_languages_and_two_others_apart() {
        let samples = [
            (
                "nb",
                "Prosjektet skal etter planen være ferdig i mai, og styringsgruppen får en rapport om fremdriften av arbeidet hver måned.",
            ),
            (
                "sv",
                "Projektet ska enligt planen vara klart i maj och styrgruppen får en rapport om hur arbetet går varje månad.",
            ),
            (
                "da",
                "Projektet skal efter planen være færdigt i maj, og styregruppen får en rapport om fremdriften af arbejdet hver måned.",
            ),
            (
                "de",
                "Das Projekt soll nach dem Plan im Mai fertig sein, und der Lenkungsausschuss erhält jeden Monat einen Bericht.",
            ),
            (
                "fr",
                "Le projet doit être terminé en mai et le comité de pilotage reçoit un rapport sur l'avancement des travaux chaque mois.",
            ),
            (
                "es",
                "El proyecto debe estar terminado en mayo y el comité de dirección recibe un informe sobre el avance de los trabajos cada mes.",
            ),
            (
                "nl",
                "Het project moet volgens de planning in mei klaar zijn en de stuurgroep krijgt elke maand een rapport over de voortgang van het werk.",
            ),
            (
                "it",
                "Il progetto deve essere completato a maggio e il comitato direttivo riceve ogni mese una relazione sull'avanzamento dei lavori.",
            ),
            (
                "pt",
                "O projeto deve estar concluído em maio e o comitê diretor recebe todos os meses um relatório sobre o andamento dos trabalhos.",
            ),
        ];
        for (code, text) in samples {
            assert_eq!(detect_text(&para(text), ""), code, "{text}");
        }
        assert_eq!(detect_text(&para("プロジェクト計画 for the team"), ""), "ja");
        assert_eq!(detect_text(&para("项目计划 and more"), ""), "zh");
        assert_eq!(detect_text(&para("Дорожная карта проекта"), ""), "ru");
        // A page with hardly any prose is English, not the language of its one word.
        assert_eq!(detect_text(&para("Sprint plan en 2026"), ""), "en");
    }
}
