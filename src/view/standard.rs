//! The standards a PDF claims: PDF/A-2 for archiving, PDF/UA-1 for accessibility.
//! A plain value, chosen with the report options; only `render` turns it into Typst's options.

use serde::Serialize;

/// The PDF/A-2 conformance level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Archival {
    /// Archivable appearance: fonts embedded, no external content.
    A2b,
    /// As b, and every character maps to Unicode (text can be searched and copied).
    A2u,
    /// As u, and the file is tagged: structure, reading order, alternative texts.
    A2a,
}

impl Archival {
    fn id(self) -> &'static str {
        match self {
            Archival::A2b => "a-2b",
            Archival::A2u => "a-2u",
            Archival::A2a => "a-2a",
        }
    }
}

/// What a PDF claims to conform to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Conformance {
    pub archival: Option<Archival>,
    /// PDF/UA-1.
    pub accessible: bool,
}

impl Default for Conformance {
    /// PDF/UA-1 with PDF/A-2a: archivable and accessible, as public bodies need.
    fn default() -> Self {
        Self::ACCESSIBLE_ARCHIVAL
    }
}

impl Conformance {
    pub const ACCESSIBLE_ARCHIVAL: Self = Self { archival: Some(Archival::A2a), accessible: true };
    pub const ARCHIVAL: Self = Self { archival: Some(Archival::A2b), accessible: false };
    pub const NONE: Self = Self { archival: None, accessible: false };

    /// Reads `--pdf-standard` values: `a-2b`, `a-2u`, `a-2a`, `ua-1` (at most one PDF/A
    /// level, with or without `ua-1`), or `none` alone.
    pub fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut result = Self::NONE;
        let mut none = false;
        let mut count = 0;
        for value in values {
            count += 1;
            let archival = match value.trim().to_ascii_lowercase().as_str() {
                "a-2b" => Archival::A2b,
                "a-2u" => Archival::A2u,
                "a-2a" => Archival::A2a,
                "ua-1" => {
                    result.accessible = true;
                    continue;
                }
                "none" => {
                    none = true;
                    continue;
                }
                other => {
                    return Err(format!(
                        "`{other}` is not a PDF standard boardpack writes; use a-2b, a-2u, a-2a, ua-1 or none"
                    ));
                }
            };
            if let Some(earlier) = result.archival.filter(|&earlier| earlier != archival) {
                return Err(format!(
                    "a PDF conforms to one PDF/A level: choose {} or {}",
                    earlier.id(),
                    archival.id()
                ));
            }
            result.archival = Some(archival);
        }
        if none && count > 1 {
            return Err("`none` cannot be combined with a standard".into());
        }
        Ok(result)
    }

    /// Whether the file must be tagged (a structure tree with alternative texts).
    pub fn needs_tags(self) -> bool {
        self.accessible || self.archival == Some(Archival::A2a)
    }

    /// What remains when the document cannot be tagged as these standards require (an
    /// image without alternative text): PDF/A-2b in place of PDF/A-2a, no PDF/UA.
    pub fn without_tag_requirements(self) -> Self {
        let archival = self.archival.map(|a| if a == Archival::A2a { Archival::A2b } else { a });
        Self { archival, accessible: false }
    }

    /// How the standards are named in messages and the README: "PDF/UA-1 and PDF/A-2a".
    pub fn name(self) -> String {
        let archival = self.archival.map(|a| format!("PDF/A-{}", &a.id()[2..]));
        match (self.accessible, archival) {
            (true, Some(a)) => format!("PDF/UA-1 and {a}"),
            (true, None) => "PDF/UA-1".into(),
            (false, Some(a)) => a,
            (false, None) => "no PDF standard".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_are_read_alone_or_combined() {
        assert_eq!(Conformance::parse(["ua-1", "a-2a"]), Ok(Conformance::ACCESSIBLE_ARCHIVAL));
        assert_eq!(Conformance::parse(["A-2B"]), Ok(Conformance::ARCHIVAL));
        assert_eq!(Conformance::parse(["none"]), Ok(Conformance::NONE));
        assert_eq!(Conformance::parse(["ua-1"]), Ok(Conformance { archival: None, accessible: true }));
        assert!(Conformance::parse(["a-2a", "a-2b"]).unwrap_err().contains("one PDF/A level"));
        assert!(Conformance::parse(["none", "ua-1"]).is_err());
        assert!(Conformance::parse(["a-4"]).unwrap_err().contains("a-4"));
    }

    #[test]
    fn dropping_tag_requirements_keeps_an_archival_claim() {
        assert_eq!(Conformance::ACCESSIBLE_ARCHIVAL.without_tag_requirements(), Conformance::ARCHIVAL);
        assert_eq!(
            Conformance { archival: None, accessible: true }.without_tag_requirements(),
            Conformance::NONE
        );
        assert_eq!(Conformance::ACCESSIBLE_ARCHIVAL.name(), "PDF/UA-1 and PDF/A-2a");
    }
}
