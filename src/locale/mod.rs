//! The report's own words and date formats in its eight languages: Danish, English,
//! Swedish, Norwegian (Bokmål; Nynorsk pages get it too), German, French, Spanish and
//! Dutch. Templates get these as data (`labels`, dates already written out), so every
//! translated string lives here and in `labels.rs`.

mod labels;

use crate::date::{Date, DateTime};
use crate::quarter::Quarter;
use labels::LABELS;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Da,
    En,
    Sv,
    Nb,
    De,
    Fr,
    Es,
    Nl,
}

/// How one language writes its dates.
struct Dates {
    months: [&'static str; 12],
    /// Abbreviations for axes and medium dates, without their period.
    short: [&'static str; 12],
    /// Whether an abbreviation shorter than the month's name takes a period (`aug.`).
    short_dot: bool,
    /// `19. august` (Danish, Norwegian, German) rather than `19 august`.
    day_dot: bool,
    /// `19 de agosto de 2025` (Spanish).
    de: bool,
    /// `1er mars` (French).
    first_ordinal: bool,
    /// The numeric date of a table column.
    numeric: Numeric,
}

#[derive(Clone, Copy)]
enum Numeric {
    /// 19.08.2025
    Dots,
    /// 19/08/2025
    Slashes,
    /// 19-08-2025
    Dashes,
    /// 2025-08-19
    Iso,
}

const DA: Dates = Dates {
    months: [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    short: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    short_dot: true,
    day_dot: true,
    de: false,
    first_ordinal: false,
    numeric: Numeric::Dots,
};

const EN: Dates = Dates {
    months: crate::date::MONTH_NAMES,
    short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    short_dot: false,
    day_dot: false,
    de: false,
    first_ordinal: false,
    numeric: Numeric::Iso,
};

const SV: Dates = Dates {
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    short: ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"],
    short_dot: true,
    day_dot: false,
    de: false,
    first_ordinal: false,
    numeric: Numeric::Iso,
};

const NB: Dates = Dates {
    months: [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    short: ["jan", "feb", "mars", "apr", "mai", "juni", "juli", "aug", "sep", "okt", "nov", "des"],
    short_dot: true,
    day_dot: true,
    de: false,
    first_ordinal: false,
    numeric: Numeric::Dots,
};

const DE: Dates = Dates {
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    short: ["Jan", "Feb", "März", "Apr", "Mai", "Juni", "Juli", "Aug", "Sept", "Okt", "Nov", "Dez"],
    short_dot: true,
    day_dot: true,
    de: false,
    first_ordinal: false,
    numeric: Numeric::Dots,
};

const FR: Dates = Dates {
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    short: ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"],
    short_dot: true,
    day_dot: false,
    de: false,
    first_ordinal: true,
    numeric: Numeric::Slashes,
};

const ES: Dates = Dates {
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    short: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
    short_dot: false,
    day_dot: false,
    de: true,
    first_ordinal: false,
    numeric: Numeric::Slashes,
};

const NL: Dates = Dates {
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    short: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    short_dot: false,
    day_dot: false,
    de: false,
    first_ordinal: false,
    numeric: Numeric::Dashes,
};

impl Lang {
    /// Every report language, in the order of the label table's columns.
    pub const ALL: [Lang; 8] =
        [Lang::Da, Lang::En, Lang::Sv, Lang::Nb, Lang::De, Lang::Fr, Lang::Es, Lang::Nl];

    /// `--lang` or front matter `lang`: an ISO 639-1 code with or without a region
    /// (`da`, `da-DK`, `de_AT`), or the language's name in English or in itself; `None`
    /// for a language boardpack has no words for.
    pub fn parse(text: &str) -> Option<Self> {
        let lower = text.trim().to_lowercase();
        let code = lower.split(['-', '_']).next().unwrap_or("");
        Some(match (code, lower.as_str()) {
            ("da", _) | (_, "dansk" | "danish") => Lang::Da,
            ("en", _) | (_, "english") => Lang::En,
            ("sv", _) | (_, "svenska" | "swedish") => Lang::Sv,
            ("nb" | "no" | "nn", _) | (_, "norsk" | "norwegian" | "bokmål" | "nynorsk") => Lang::Nb,
            ("de", _) | (_, "deutsch" | "german") => Lang::De,
            ("fr", _) | (_, "français" | "francais" | "french") => Lang::Fr,
            ("es", _) | (_, "español" | "espanol" | "spanish") => Lang::Es,
            ("nl", _) | (_, "nederlands" | "dutch") => Lang::Nl,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Nb => "nb",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Nl => "nl",
        }
    }

    fn index(self) -> usize {
        Lang::ALL.iter().position(|&l| l == self).unwrap_or(1)
    }

    fn dates(self) -> &'static Dates {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
            Lang::Sv => &SV,
            Lang::Nb => &NB,
            Lang::De => &DE,
            Lang::Fr => &FR,
            Lang::Es => &ES,
            Lang::Nl => &NL,
        }
    }

    pub fn month(self, month: u32) -> &'static str {
        self.dates().months[(month.clamp(1, 12) - 1) as usize]
    }

    pub fn month_short(self, month: u32) -> &'static str {
        self.dates().short[(month.clamp(1, 12) - 1) as usize]
    }

    /// The day as written before a month: `19.` (Danish), `19`, `1er` (French).
    fn day(self, day: u32) -> String {
        let d = self.dates();
        if d.first_ordinal && day == 1 {
            "1er".to_string()
        } else if d.day_dot {
            format!("{day}.")
        } else {
            day.to_string()
        }
    }

    /// `19. august 2025`, `19 August 2025`, `19 de agosto de 2025`, `1er mars 2025`.
    pub fn long_date(self, date: Date) -> String {
        let month = self.month(date.month());
        if self.dates().de {
            format!("{} de {month} de {}", self.day(date.day()), date.year())
        } else {
            format!("{} {month} {}", self.day(date.day()), date.year())
        }
    }

    /// `19. aug. 2025`, `19 Aug 2025`, `2. maj 2025`.
    pub fn medium_date(self, date: Date) -> String {
        format!("{} {} {}", self.day(date.day()), self.month_short_dotted(date.month()), date.year())
    }

    /// The abbreviation with its period where the language writes one (`aug.`, not `maj`).
    fn month_short_dotted(self, month: u32) -> String {
        let short = self.month_short(month);
        let dot = self.dates().short_dot && self.month(month).chars().count() > short.chars().count();
        if dot { format!("{short}.") } else { short.to_string() }
    }

    /// `19.08.2025`, `2025-08-19`, `19/08/2025`, `19-08-2025`, for table columns
    /// (tabular figures line them up).
    pub fn short_date(self, date: Date) -> String {
        let (y, m, d) = (date.year(), date.month(), date.day());
        match self.dates().numeric {
            Numeric::Dots => format!("{d:02}.{m:02}.{y}"),
            Numeric::Slashes => format!("{d:02}/{m:02}/{y}"),
            Numeric::Dashes => format!("{d:02}-{m:02}-{y}"),
            Numeric::Iso => date.to_string(),
        }
    }

    /// A short date, with the clock time when it is not midnight.
    pub fn short_datetime(self, time: DateTime) -> String {
        let Some(date) = time.date() else { return String::new() };
        let date_text = self.short_date(date);
        let ms = time.time_of_day_ms();
        if ms == 0 {
            return date_text;
        }
        let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
        if s == 0 {
            format!("{date_text} {h:02}:{m:02}")
        } else {
            format!("{date_text} {h:02}:{m:02}:{s:02}")
        }
    }

    /// `marts 2025`, `March 2025`, `marzo de 2025`.
    pub fn month_year(self, date: Date) -> String {
        if self.dates().de {
            format!("{} de {}", self.month(date.month()), date.year())
        } else {
            format!("{} {}", self.month(date.month()), date.year())
        }
    }

    /// `K1 2026`, `Q1 2026`, `T1 2026`, `1. kvartal 2026` (Norwegian public bodies' form).
    pub fn quarter(self, quarter: Quarter) -> String {
        match self {
            Lang::Nb => format!("{}. kvartal {}", quarter.number(), quarter.year()),
            _ => format!("{} {}", self.quarter_short(quarter), quarter.year()),
        }
    }

    /// `K1`, `Q1`, `T1`: the quarter on an axis.
    pub fn quarter_short(self, quarter: Quarter) -> String {
        let letter = match self {
            Lang::Da | Lang::Sv | Lang::Nb | Lang::Nl => "K",
            Lang::En | Lang::De => "Q",
            Lang::Fr | Lang::Es => "T",
        };
        format!("{letter}{}", quarter.number())
    }

    /// `uge 41`, `W41`, `v. 41`, `uke 41`, `KW 41`, `S41`, `sem. 41`, `week 41`.
    pub fn week(self, week: u32) -> String {
        match self {
            Lang::Da => format!("uge {week}"),
            Lang::En => format!("W{week}"),
            Lang::Sv => format!("v. {week}"),
            Lang::Nb => format!("uke {week}"),
            Lang::De => format!("KW {week}"),
            Lang::Fr => format!("S{week}"),
            Lang::Es => format!("sem. {week}"),
            Lang::Nl => format!("week {week}"),
        }
    }

    /// `1. marts 2025 – 30. juni 2026`.
    pub fn period(self, start: Date, end: Date) -> String {
        format!("{} – {}", self.long_date(start), self.long_date(end))
    }

    /// Every fixed word of the templates, by key.
    pub fn labels(self) -> BTreeMap<&'static str, &'static str> {
        let i = self.index();
        LABELS.iter().map(|(key, words)| (*key, words[i])).collect()
    }

    /// One label by key (for texts built in Rust).
    pub fn label(self, key: &str) -> &'static str {
        let i = self.index();
        LABELS.iter().find(|(k, _)| *k == key).map_or("", |(_, words)| words[i])
    }
}

/// The month a word names in any report language (`august`, `März`, `agosto`, `mrt`):
/// full names, or the first three letters or more of one.
pub fn month_from_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    Lang::ALL
        .iter()
        .find_map(|lang| {
            let d = lang.dates();
            (0..12)
                .find(|&i| d.months[i].to_lowercase().starts_with(&word) || d.short[i].to_lowercase() == word)
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn danish_dates() {
        let d = date(2025, 8, 19);
        assert_eq!(Lang::Da.long_date(d), "19. august 2025");
        assert_eq!(Lang::Da.short_date(d), "19.08.2025");
        assert_eq!(Lang::Da.medium_date(d), "19. aug. 2025");
        assert_eq!(Lang::Da.medium_date(date(2025, 5, 2)), "2. maj 2025");
        assert_eq!(Lang::En.long_date(d), "19 August 2025");
        let q = Quarter::new(2026, 1).unwrap_or_else(|| unreachable!());
        assert_eq!(Lang::Da.quarter(q), "K1 2026");
        assert_eq!(Lang::En.quarter(q), "Q1 2026");
    }

    #[test]
    fn every_language_writes_its_own_dates() {
        let (d, first) = (date(2025, 8, 19), date(2025, 3, 1));
        let q = Quarter::new(2026, 1).unwrap_or_else(|| unreachable!());
        let expect = [
            (Lang::Sv, "19 augusti 2025", "19 aug. 2025", "2025-08-19", "K1 2026", "v. 41"),
            (Lang::Nb, "19. august 2025", "19. aug. 2025", "19.08.2025", "1. kvartal 2026", "uke 41"),
            (Lang::De, "19. August 2025", "19. Aug. 2025", "19.08.2025", "Q1 2026", "KW 41"),
            (Lang::Fr, "19 août 2025", "19 août 2025", "19/08/2025", "T1 2026", "S41"),
            (Lang::Es, "19 de agosto de 2025", "19 ago 2025", "19/08/2025", "T1 2026", "sem. 41"),
            (Lang::Nl, "19 augustus 2025", "19 aug 2025", "19-08-2025", "K1 2026", "week 41"),
        ];
        for (lang, long, medium, short, quarter, week) in expect {
            assert_eq!(lang.long_date(d), long, "{lang:?}");
            assert_eq!(lang.medium_date(d), medium, "{lang:?}");
            assert_eq!(lang.short_date(d), short, "{lang:?}");
            assert_eq!(lang.quarter(q), quarter, "{lang:?}");
            assert_eq!(lang.week(41), week, "{lang:?}");
        }
        assert_eq!(Lang::Fr.long_date(first), "1er mars 2025");
        assert_eq!(Lang::Es.month_year(first), "marzo de 2025");
        assert_eq!(Lang::De.medium_date(first), "1. März 2025");
    }

    #[test]
    fn parses_languages() {
        assert_eq!(Lang::parse("da-DK"), Some(Lang::Da));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_CA"), Some(Lang::Fr));
        assert_eq!(Lang::parse("nn"), Some(Lang::Nb));
        assert_eq!(Lang::parse("Deutsch"), Some(Lang::De));
        assert_eq!(Lang::parse("fi"), None);
        assert_eq!(Lang::parse("ja"), None);
    }

    #[test]
    fn every_label_has_a_word_in_every_language() {
        for (key, words) in LABELS {
            for (lang, word) in Lang::ALL.iter().zip(words) {
                assert!(!word.trim().is_empty(), "{key} has no {lang:?} word");
            }
        }
        let keys: std::collections::HashSet<&str> = LABELS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.len(), LABELS.len(), "a key is listed twice");
    }
}
