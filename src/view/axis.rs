//! The time axis of a chart: which calendar unit to grid by (years down to seconds), the
//! header rows with localized labels, and the grid lines, as fractions of the plot width.
//! Computed here rather than in Typst so that every template gets the same, tested axis.

use crate::date::{Date, DateTime, MS_PER_DAY, days_from_civil};
use crate::locale::Lang;
use crate::quarter::Quarter;
use serde::Serialize;

/// Units from coarse to fine. Steps are in units (every 5 years, every 15 minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Years(u32),
    Quarter,
    Month,
    Week,
    Day,
    Hours(u32),
    Minutes(u32),
    Seconds(u32),
}

/// Finest first: the axis takes the finest unit whose cells are wide enough to label.
const CANDIDATES: &[(Unit, f64)] = &[
    (Unit::Seconds(1), 7.0),
    (Unit::Seconds(5), 9.0),
    (Unit::Seconds(15), 9.0),
    (Unit::Minutes(1), 8.0),
    (Unit::Minutes(5), 9.0),
    (Unit::Minutes(15), 9.0),
    (Unit::Hours(1), 9.0),
    (Unit::Hours(6), 9.0),
    (Unit::Day, 4.0),
    (Unit::Week, 6.0),
    (Unit::Month, 5.2),
    (Unit::Quarter, 6.5),
    (Unit::Years(1), 8.5),
    (Unit::Years(2), 8.5),
    (Unit::Years(5), 8.5),
    (Unit::Years(10), 8.5),
    (Unit::Years(25), 8.5),
    (Unit::Years(50), 8.5),
    (Unit::Years(100), 8.5),
    (Unit::Years(250), 8.5),
    (Unit::Years(500), 8.5),
    (Unit::Years(1000), 8.5),
];

/// Nominal lengths, only for choosing a unit.
fn nominal_ms(unit: Unit) -> f64 {
    let day = MS_PER_DAY as f64;
    match unit {
        Unit::Years(n) => 365.25 * day * n as f64,
        Unit::Quarter => 91.3 * day,
        Unit::Month => 30.44 * day,
        Unit::Week => 7.0 * day,
        Unit::Day => day,
        Unit::Hours(n) => 3_600_000.0 * n as f64,
        Unit::Minutes(n) => 60_000.0 * n as f64,
        Unit::Seconds(n) => 1000.0 * n as f64,
    }
}

/// The start of the unit that holds `t`.
pub fn floor(unit: Unit, t: i64) -> i64 {
    let day_ms = t.div_euclid(MS_PER_DAY) * MS_PER_DAY;
    let date = Date::from_days(t.div_euclid(MS_PER_DAY));
    let month_start = |y: i64, m: i64| days_from_civil(y, m, 1) * MS_PER_DAY;
    match unit {
        Unit::Years(n) => {
            let year = date.map_or(1970, |d| d.year() as i64);
            month_start(year - year.rem_euclid(n as i64), 1)
        }
        Unit::Quarter => date.map_or(t, |d| DateTime::from_date(d.quarter_start()).ms()),
        Unit::Month => date.map_or(t, |d| month_start(d.year() as i64, d.month() as i64)),
        Unit::Week => date.map_or(t, |d| day_ms - (d.weekday() as i64 - 1) * MS_PER_DAY),
        Unit::Day => day_ms,
        Unit::Hours(n) => t - t.rem_euclid(3_600_000 * n as i64),
        Unit::Minutes(n) => t - t.rem_euclid(60_000 * n as i64),
        Unit::Seconds(n) => t - t.rem_euclid(1000 * n as i64),
    }
}

/// The start of the next unit after the one starting at `t`.
pub fn next(unit: Unit, t: i64) -> i64 {
    let date = DateTime::from_ms(t);
    let months = |n: i64| date.add_months(n).map_or(i64::MAX, DateTime::ms);
    match unit {
        Unit::Years(n) => months(12 * n as i64),
        Unit::Quarter => months(3),
        Unit::Month => months(1),
        Unit::Week => t.saturating_add(7 * MS_PER_DAY),
        Unit::Day => t.saturating_add(MS_PER_DAY),
        Unit::Hours(n) => t.saturating_add(3_600_000 * n as i64),
        Unit::Minutes(n) => t.saturating_add(60_000 * n as i64),
        Unit::Seconds(n) => t.saturating_add(1000 * n as i64),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Axis {
    /// Domain start and end (ms since 1970, naive local).
    #[serde(skip)]
    pub start: i64,
    #[serde(skip)]
    pub end: i64,
    pub start_date: DateTime,
    pub end_date: DateTime,
    /// Header rows, coarsest first.
    pub rows: Vec<AxisRow>,
    pub grid: Vec<GridLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AxisRow {
    pub unit: &'static str,
    pub cells: Vec<AxisCell>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AxisCell {
    pub x0: f64,
    pub x1: f64,
    /// Empty when the cell is too narrow for its label.
    pub label: String,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct GridLine {
    pub x: f64,
    /// 0 for the finest unit, up to 2 for the coarsest header row.
    pub weight: u8,
}

/// More grid lines than this are thinned to the coarser rows only.
const MAX_GRID_LINES: usize = 400;

impl Axis {
    /// An axis for the instants `[min, max]` drawn `width_mm` wide.
    pub fn new(min: i64, max: i64, width_mm: f64, lang: Lang) -> Self {
        let span = (max - min).max(1) as f64;
        let finest = CANDIDATES
            .iter()
            .find(|(unit, min_mm)| width_mm * nominal_ms(*unit) / span >= *min_mm)
            .map_or(Unit::Years(1000), |(unit, _)| *unit);
        let start = floor(finest, min);
        let mut end = floor(finest, max);
        if end < max || end == start {
            end = next(finest, end);
        }
        Self::with_domain(start, end, finest, width_mm, lang)
    }

    /// An axis over exactly `[start, end]` (a quarter window), with the finest unit that fits.
    pub fn window(start: i64, end: i64, width_mm: f64, lang: Lang) -> Self {
        let span = (end - start).max(1) as f64;
        let finest = CANDIDATES
            .iter()
            .find(|(unit, min_mm)| width_mm * nominal_ms(*unit) / span >= *min_mm)
            .map_or(Unit::Years(1000), |(unit, _)| *unit);
        Self::with_domain(start, end.max(start + 1), finest, width_mm, lang)
    }

    fn with_domain(start: i64, end: i64, finest: Unit, width_mm: f64, lang: Lang) -> Self {
        let units = header_units(finest);
        let mut rows = Vec::new();
        let mut grid = Vec::new();
        let depth = units.len();
        for (level, unit) in units.iter().enumerate() {
            let weight = (depth - 1 - level).min(2) as u8;
            let cells = cells(*unit, start, end, width_mm, lang, level == 0 && depth > 1);
            for cell in &cells {
                if cell.x0 > 0.0 && cell.x0 < 1.0 {
                    grid.push(GridLine { x: cell.x0, weight });
                }
            }
            rows.push(AxisRow { unit: unit_name(*unit), cells });
        }
        grid.sort_by(|a, b| a.x.total_cmp(&b.x).then(b.weight.cmp(&a.weight)));
        grid.dedup_by(|later, earlier| (later.x - earlier.x).abs() < 1e-9);
        if grid.len() > MAX_GRID_LINES {
            grid.retain(|g| g.weight > 0);
        }
        Axis {
            start,
            end,
            start_date: DateTime::from_ms(start),
            end_date: DateTime::from_ms(end),
            rows,
            grid,
        }
    }

    /// The position of `t` as a fraction of the plot width (may lie outside 0..1).
    pub fn x(&self, t: i64) -> f64 {
        (t - self.start) as f64 / (self.end - self.start).max(1) as f64
    }
}

/// The header rows for a finest unit, coarsest first.
fn header_units(finest: Unit) -> Vec<Unit> {
    match finest {
        Unit::Years(_) => vec![finest],
        Unit::Quarter => vec![Unit::Years(1), Unit::Quarter],
        Unit::Month => vec![Unit::Years(1), Unit::Quarter, Unit::Month],
        Unit::Week | Unit::Day => vec![Unit::Month, finest],
        Unit::Hours(_) => vec![Unit::Day, finest],
        Unit::Minutes(_) => vec![Unit::Hours(1), finest],
        Unit::Seconds(_) => vec![Unit::Minutes(1), finest],
    }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Years(_) => "year",
        Unit::Quarter => "quarter",
        Unit::Month => "month",
        Unit::Week => "week",
        Unit::Day => "day",
        Unit::Hours(_) => "hour",
        Unit::Minutes(_) => "minute",
        Unit::Seconds(_) => "second",
    }
}

/// The cells of one header row, clipped to the domain.
fn cells(unit: Unit, start: i64, end: i64, width_mm: f64, lang: Lang, is_context_row: bool) -> Vec<AxisCell> {
    let span = (end - start).max(1) as f64;
    let mut out = Vec::new();
    let mut t = floor(unit, start);
    while t < end && out.len() < 5000 {
        let after = next(unit, t);
        if after <= t {
            break;
        }
        let (a, b) = (t.max(start), after.min(end));
        let x0 = (a - start) as f64 / span;
        let x1 = (b - start) as f64 / span;
        let cell_mm = (x1 - x0) * width_mm;
        let label = label(unit, t, cell_mm, lang, is_context_row);
        out.push(AxisCell { x0, x1, label });
        t = after;
    }
    out
}

/// Roughly how wide a label is at the axis' type size (7 pt), in millimetres.
fn text_mm(text: &str) -> f64 {
    text.chars().count() as f64 * 1.45 + 1.2
}

fn label(unit: Unit, t: i64, cell_mm: f64, lang: Lang, is_context_row: bool) -> String {
    let time = DateTime::from_ms(t);
    let Some(date) = time.date() else { return String::new() };
    let ms = time.time_of_day_ms();
    let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
    let options: Vec<String> = match unit {
        Unit::Years(_) => vec![date.year().to_string()],
        Unit::Quarter => {
            let q = Quarter::of(date);
            vec![lang.quarter(q), lang.quarter_short(q)]
        }
        Unit::Month if is_context_row => {
            vec![
                format!("{} {}", lang.month_short(date.month()), date.year()),
                lang.month_short(date.month()).to_string(),
            ]
        }
        Unit::Month => vec![lang.month_short(date.month()).to_string()],
        Unit::Week => {
            let (_, week) = date.iso_week();
            vec![lang.week(week), week.to_string()]
        }
        Unit::Day if is_context_row => vec![lang.medium_date(date), date.day().to_string()],
        Unit::Day => vec![date.day().to_string()],
        Unit::Hours(_) | Unit::Minutes(_) => vec![format!("{h:02}:{m:02}")],
        // `:15` rather than `00:15`, which would read as a clock time in hours.
        Unit::Seconds(_) => vec![format!(":{s:02}")],
    };
    // Years are set larger and bolder (7.6 pt semibold, 2 pt in from the cell's edge), and
    // need a gap before the next year's label.
    let needed = |o: &String| match unit {
        Unit::Years(_) => text_mm(o) * 1.2 + 1.7,
        _ => text_mm(o),
    };
    options.into_iter().find(|o| needed(o) <= cell_mm).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(y: i32, m: u32, d: u32) -> i64 {
        Date::new(y, m, d).map_or(0, |d| DateTime::from_date(d).ms())
    }

    #[test]
    fn sixteen_months_grid_by_month_with_quarters_and_years() {
        let axis = Axis::new(ms(2025, 3, 1), ms(2026, 6, 30), 165.0, Lang::Da);
        assert_eq!(axis.start_date.to_string(), "2025-03-01");
        assert_eq!(axis.end_date.to_string(), "2026-07-01");
        let units: Vec<_> = axis.rows.iter().map(|r| r.unit).collect();
        assert_eq!(units, ["year", "quarter", "month"]);
        let months: Vec<_> = axis.rows[2].cells.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(months.first(), Some(&"mar"));
        assert_eq!(months.len(), 16);
        assert!(axis.rows[1].cells[0].label.starts_with("K1"));
        assert!(axis.rows[1].cells[1].label.starts_with("K2"));
        assert!((axis.x(ms(2025, 3, 1))).abs() < 1e-12);
    }

    #[test]
    fn a_decade_grids_by_year_and_a_minute_by_seconds() {
        let axis = Axis::new(ms(2020, 1, 1), ms(2030, 1, 1), 165.0, Lang::En);
        assert_eq!(axis.rows.last().map(|r| r.unit), Some("year"));
        let short = Axis::new(0, 60_000, 165.0, Lang::En);
        assert_eq!(short.rows.last().map(|r| r.unit), Some("second"));
        let huge = Axis::new(ms(1, 1, 1), ms(9999, 1, 1), 165.0, Lang::En);
        assert!(huge.rows[0].cells.len() < 100);
    }

    #[test]
    fn weeks_use_iso_numbers() {
        let axis = Axis::new(ms(2025, 9, 29), ms(2025, 12, 1), 165.0, Lang::Da);
        assert_eq!(axis.rows.last().map(|r| r.unit), Some("week"));
        assert_eq!(axis.rows[1].cells[0].label, "uge 40");
    }
}
