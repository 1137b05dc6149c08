//! Calendar quarters as boards name them: `2026-Q1`, `2026Q1`, `Q1-2026`, `K1 2026`.

use crate::date::Date;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    number: u32,
}

impl Quarter {
    pub fn new(year: i32, number: u32) -> Option<Self> {
        ((1..=4).contains(&number) && (1..=9998).contains(&year)).then_some(Self { year, number })
    }

    pub fn of(date: Date) -> Self {
        Self { year: date.year(), number: date.quarter() }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.number
    }

    /// The first day of the quarter.
    pub fn start(self) -> Date {
        Date::new(self.year, (self.number - 1) * 3 + 1, 1).unwrap_or_else(unreachable_date)
    }

    /// The first day after the quarter.
    pub fn end(self) -> Date {
        self.next().start()
    }

    pub fn next(self) -> Self {
        if self.number == 4 {
            Self { year: self.year + 1, number: 1 }
        } else {
            Self { year: self.year, number: self.number + 1 }
        }
    }

    /// Parses `2026-Q1`, `2026Q1`, `2026 Q1`, `Q1-2026`, `Q1 2026`, `K1 2026`, `2026-K1`
    /// (K is Danish "kvartal"), in any case.
    pub fn parse(text: &str) -> Option<Self> {
        let cleaned: String = text
            .trim()
            .to_ascii_uppercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '/' | '.'))
            .collect();
        let (year, number) = if let Some(rest) = cleaned.strip_prefix(['Q', 'K']) {
            let (digit, year) = rest.split_at(rest.len().min(1));
            (year, digit)
        } else {
            let split = cleaned.find(['Q', 'K'])?;
            (&cleaned[..split], &cleaned[split + 1..])
        };
        if year.len() != 4 || number.len() != 1 {
            return None;
        }
        Self::new(year.parse().ok()?, number.parse().ok()?)
    }

    /// Parses `2025-Q3..2026-Q2` (inclusive) or a single quarter into the list of quarters.
    pub fn parse_range(text: &str) -> Option<Vec<Self>> {
        let (first, last) = match text.split_once("..") {
            Some((a, b)) => (Self::parse(a)?, Self::parse(b)?),
            None => {
                let q = Self::parse(text)?;
                (q, q)
            }
        };
        if last < first {
            return None;
        }
        let mut quarters = vec![first];
        while let Some(&q) = quarters.last() {
            if q == last || quarters.len() > 400 {
                break;
            }
            quarters.push(q.next());
        }
        (quarters.last() == Some(&last)).then_some(quarters)
    }
}

fn unreachable_date() -> Date {
    // Quarter::new guarantees a valid year and quarter number.
    Date::from_days(0).unwrap_or_else(|| unreachable!("1970-01-01 exists"))
}

impl fmt::Display for Quarter {
    /// The file-name form, `2026-Q1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_boards_write_quarters() {
        for text in ["2026-Q1", "2026Q1", "Q1-2026", "K1 2026", "q1 2026", "2026-K1", "2026 q1"] {
            assert_eq!(Quarter::parse(text), Quarter::new(2026, 1), "{text}");
        }
        for bad in ["2026-Q5", "Q0-2026", "2026", "26-Q1", "Q12026x"] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges_and_bounds() {
        let range = Quarter::parse_range("2025-Q3..2026-Q2").unwrap_or_default();
        assert_eq!(
            range.iter().map(|q| q.to_string()).collect::<Vec<_>>(),
            ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
        );
        assert_eq!(Quarter::parse_range("2026-Q2..2025-Q1"), None);
        let q4 = Quarter::new(2025, 4).unwrap_or_else(|| unreachable!());
        assert_eq!(q4.start().to_string(), "2025-10-01");
        assert_eq!(q4.end().to_string(), "2026-01-01");
    }
}
