//! The report's own words and date formats in Danish and English. Templates get these as
//! data (`labels`, month names), so every translated string lives here.

use crate::date::{Date, DateTime, MONTH_NAMES};
use crate::quarter::Quarter;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    /// `--lang` or front matter `lang`: Danish for `da`/`da-DK`/`dansk`, else English for
    /// `en*`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let lower = text.trim().to_lowercase();
        if lower == "da"
            || lower.starts_with("da-")
            || lower.starts_with("da_")
            || lower == "dansk"
            || lower == "danish"
        {
            Some(Lang::Da)
        } else if lower == "en" || lower.starts_with("en-") || lower.starts_with("en_") || lower == "english"
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn month(self, month: u32) -> &'static str {
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::Da => MONTHS_DA[i],
            Lang::En => MONTH_NAMES[i],
        }
    }

    pub fn month_short(self, month: u32) -> &'static str {
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::Da => MONTHS_SHORT_DA[i],
            Lang::En => MONTHS_SHORT_EN[i],
        }
    }

    /// `19. august 2025` / `19 August 2025`.
    pub fn long_date(self, date: Date) -> String {
        match self {
            Lang::Da => format!("{}. {} {}", date.day(), self.month(date.month()), date.year()),
            Lang::En => format!("{} {} {}", date.day(), self.month(date.month()), date.year()),
        }
    }

    /// `19. aug. 2025` / `19 Aug 2025`.
    pub fn medium_date(self, date: Date) -> String {
        match self {
            Lang::Da => {
                let month = self.month_short(date.month());
                let dot = if self.month(date.month()).len() > month.len() { "." } else { "" };
                format!("{}. {month}{dot} {}", date.day(), date.year())
            }
            Lang::En => format!("{} {} {}", date.day(), self.month_short(date.month()), date.year()),
        }
    }

    /// `19.08.2025` / `2025-08-19`, for table columns (tabular figures line them up).
    pub fn short_date(self, date: Date) -> String {
        match self {
            Lang::Da => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
            Lang::En => date.to_string(),
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

    /// `marts 2025` / `March 2025`.
    pub fn month_year(self, date: Date) -> String {
        format!("{} {}", self.month(date.month()), date.year())
    }

    /// `K1 2026` / `Q1 2026`.
    pub fn quarter(self, quarter: Quarter) -> String {
        format!("{} {}", self.quarter_short(quarter), quarter.year())
    }

    /// `K1` / `Q1`.
    pub fn quarter_short(self, quarter: Quarter) -> String {
        match self {
            Lang::Da => format!("K{}", quarter.number()),
            Lang::En => format!("Q{}", quarter.number()),
        }
    }

    /// `uge 41` / `W41`.
    pub fn week(self, week: u32) -> String {
        match self {
            Lang::Da => format!("uge {week}"),
            Lang::En => format!("W{week}"),
        }
    }

    /// `1. marts 2025 – 30. juni 2026`.
    pub fn period(self, start: Date, end: Date) -> String {
        format!("{} – {}", self.long_date(start), self.long_date(end))
    }

    /// Every fixed word of the templates, by key.
    pub fn labels(self) -> BTreeMap<&'static str, &'static str> {
        LABELS.iter().map(|(key, da, en)| (*key, if self == Lang::Da { *da } else { *en })).collect()
    }

    /// One label by key (for texts built in Rust).
    pub fn label(self, key: &str) -> &'static str {
        LABELS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or("", |(_, da, en)| if self == Lang::Da { da } else { en })
    }
}

/// Danish month names.
pub const MONTHS_DA: [&str; 12] = [
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
];

const MONTHS_SHORT_DA: [&str; 12] =
    ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_SHORT_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// (key, Danish, English).
#[rustfmt::skip]
const LABELS: &[(&str, &str, &str)] = &[
    ("product", "Produkt", "Product"),
    ("author", "Forfatter", "Author"),
    ("document-date", "Dokumentdato", "Document date"),
    ("version", "Version", "Version"),
    ("status", "Status", "Status"),
    ("status-as-of", "Status pr.", "Status as of"),
    ("draft", "Udkast", "Draft"),
    ("draft-mark", "UDKAST", "DRAFT"),
    ("timeline", "Tidsplan", "Timeline"),
    ("section", "Spor", "Track"),
    ("task", "Opgave", "Task"),
    ("tasks", "Opgaver", "Tasks"),
    ("start", "Start", "Start"),
    ("end", "Slut", "End"),
    ("period", "Periode", "Period"),
    ("activities", "Aktiviteter", "Activities"),
    ("tracks-title", "Spor, opgaver og aktiviteter", "Tracks, tasks and activities"),
    ("tracks-column", "Spor og periode", "Track and period"),
    ("tasks-column", "Opgaver fra tidsplanen", "Tasks from the timeline"),
    ("done", "Afsluttet", "Done"),
    ("active", "I gang", "In progress"),
    ("planned", "Planlagt", "Planned"),
    ("undated", "Ugyldig dato", "Invalid date"),
    ("crit", "Kritisk", "Critical"),
    ("milestone", "Milepæl", "Milestone"),
    ("marker", "Markering fra tidsplanen", "Marker from the timeline"),
    ("today", "I dag", "Today"),
    ("today-legend", "I dag (statusdato)", "Today (status date)"),
    ("legend", "Forklaring", "Legend"),
    ("colour-is-track", "Farve = spor", "Colour = track"),
    ("not-placed", "Ikke placeret i tidsplanen", "Not placed on the timeline"),
    ("excluding-undated", "Ekskl. opgaver uden gyldig dato:", "Excluding tasks without a valid date:"),
    ("page", "Side", "Page"),
    ("of", "af", "of"),
    ("generated", "Genereret", "Generated"),
    ("content-title", "Øvrigt indhold fra siden", "Further content of the page"),
    (
        "diagram-not-drawn",
        "Mermaid-diagram (tegnes ikke i rapporten)",
        "Mermaid diagram (not drawn in the report)",
    ),
    ("no-timeline", "Siden indeholder ingen tidsplan.", "The page holds no timeline."),
    ("chart-of", "tidsplan", "timeline"),
    ("line", "linje", "line"),
    ("image-missing", "Billede ikke indlejret", "Image not embedded"),
    ("quarter-report", "Kvartalsrapport", "Quarter report"),
    ("quarter-title", "kvartalet i overblik", "the quarter at a glance"),
    ("quarter-window", "Udsnit: kvartalet med en måned før og efter", "Window: the quarter with a month either side"),
    ("ongoing", "Løber gennem hele kvartalet", "Running through the quarter"),
    ("starting", "Starter i kvartalet", "Starting in the quarter"),
    ("ending", "Slutter i kvartalet", "Ending in the quarter"),
    ("starting-ending", "Starter og slutter i kvartalet", "Starting and ending in the quarter"),
    ("markers-in-quarter", "Milepæle og markeringer i kvartalet", "Milestones and markers in the quarter"),
    ("next-quarter", "Næste kvartal", "Next quarter"),
    ("outside-quarter", "opgaver uden for kvartalet", "tasks outside the quarter"),
    (
        "quarter-empty",
        "Ingen opgaver, milepæle eller markeringer falder i kvartalet.",
        "No tasks, milestones or markers fall in the quarter.",
    ),
    ("nothing", "Ingen", "None"),
    ("attachment", "Bilag", "Attachment"),
    ("meeting", "Møde", "Meeting"),
    ("attachment-to-meeting", "Bilag til mødet", "Attachment to the meeting of"),
    ("minutes-subtitle", "Roadmap til referatet", "Roadmap for the minutes"),
    ("board-pack", "Styregruppepakke", "Board pack"),
    ("contents", "Indhold", "Contents"),
    ("documents", "dokumenter", "documents"),
    ("problems", "Bemærkninger til kildeteksten", "Notes on the source text"),
    ("tasks-in", "opgaver i", "tasks in"),
    ("task-in", "opgave i", "task in"),
    ("tracks-word", "spor", "tracks"),
    ("track-word", "spor", "track"),
    ("with-invalid-date", "med ugyldig dato", "with an invalid date"),
    ("continued", "fortsat", "continued"),
    ("omitted", "Resten af sidens indhold fra linje", "The rest of the page's content from line"),
    (
        "omitted-why",
        "er udeladt: en rapport medtager højst en vis mængde af sidens indhold.",
        "is left out: a report takes at most a set amount of a page's content.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_dates() {
        let d = Date::new(2025, 8, 19).unwrap_or_else(|| unreachable!());
        assert_eq!(Lang::Da.long_date(d), "19. august 2025");
        assert_eq!(Lang::Da.short_date(d), "19.08.2025");
        assert_eq!(Lang::Da.medium_date(d), "19. aug. 2025");
        let m = Date::new(2025, 5, 2).unwrap_or_else(|| unreachable!());
        assert_eq!(Lang::Da.medium_date(m), "2. maj 2025");
        assert_eq!(Lang::En.long_date(d), "19 August 2025");
        let q = Quarter::new(2026, 1).unwrap_or_else(|| unreachable!());
        assert_eq!(Lang::Da.quarter(q), "K1 2026");
        assert_eq!(Lang::En.quarter(q), "Q1 2026");
    }

    #[test]
    fn parses_languages() {
        assert_eq!(Lang::parse("da-DK"), Some(Lang::Da));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
