//! A board pack's cover: title, date and a table of contents of its documents. The
//! reports themselves are laid out once, for their own PDFs, and their pages reused.

use super::{Header, PdfInfo};
use crate::date::{Date, DateTime};
use crate::locale::Lang;
use crate::model::{ChangeKind, Roadmap, TaskStatus};
use crate::quarter::Quarter;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct PackData {
    pub cover: Cover,
    pub entries: Vec<PackEntry>,
    #[serde(skip)]
    pub today: Date,
}

/// What the page setup and the cover read: the same shape as a report's header data.
#[derive(Serialize)]
pub struct Cover {
    pub lang: Lang,
    pub labels: BTreeMap<&'static str, &'static str>,
    pub header: Header,
    pub pdf: PdfInfo,
}

/// One document of the pack, as the contents list it.
#[derive(Clone, Debug, Serialize)]
pub struct PackEntry {
    pub title: String,
    pub product: Option<String>,
    pub status: Option<String>,
    /// The page of the pack the document's report starts on.
    pub page: usize,
    pub pages: usize,
    /// The overview's row: the plan's period and its tasks by status as of the pack's date.
    pub period: Option<String>,
    pub done: usize,
    pub active: usize,
    pub planned: usize,
    pub undated: usize,
    /// With a baseline: the summary line and the largest slip ("Go-live +21 days").
    pub changes: Option<String>,
    pub largest_slip: Option<String>,
}

impl PackEntry {
    /// The entry of `roadmap`, whose report has `pages` pages, in the pack's language.
    pub fn of(roadmap: &Roadmap, pages: usize, lang: Lang) -> Self {
        let (mut done, mut active, mut planned, mut undated) = (0, 0, 0, 0);
        let mut range: Option<(DateTime, DateTime)> = None;
        for task in roadmap.diagrams.iter().filter_map(|d| d.gantt.as_ref()).flat_map(|t| &t.tasks) {
            if task.flags.vert {
                continue;
            }
            match task.status {
                TaskStatus::Done => done += 1,
                TaskStatus::Active => active += 1,
                TaskStatus::Planned => planned += 1,
                TaskStatus::Undated => undated += 1,
            }
            if let (Some(start), Some(end), None) = (task.shown_start(), task.shown_end(), &task.problem) {
                range = Some(range.map_or((start, end), |(a, b)| (a.min(start), b.max(end))));
            }
        }
        let period = range.and_then(|(a, b)| {
            Some(format!("{} – {}", lang.month_year(a.date()?), lang.month_year(b.date()?)))
        });
        let changes = roadmap.changes.as_ref();
        let largest_slip = changes.and_then(|c| {
            // The largest by days (the changes list slipped milestones first).
            let slip = c
                .items
                .iter()
                .filter(|i| i.kind == ChangeKind::Slipped)
                .max_by_key(|i| (i.end_shift_days, std::cmp::Reverse(i.line)))?;
            Some(format!("{} {}", slip.name, super::changes::days_text(slip.end_shift_days?, lang)))
        });
        PackEntry {
            title: roadmap.title.clone(),
            product: roadmap.meta.parent.clone(),
            status: roadmap.meta.status.clone(),
            page: 0,
            pages,
            period,
            done,
            active,
            planned,
            undated,
            changes: changes.map(|c| super::changes::summary_line(&c.summary, lang)),
            largest_slip: largest_slip.map(|s| super::label::breakable(&s)),
        }
    }
}

pub fn build(entries: Vec<PackEntry>, quarter: Option<Quarter>, lang: Lang, today: Date) -> PackData {
    let title = match quarter {
        Some(q) => format!("{} {}", lang.label("board-pack"), lang.quarter(q)),
        None => lang.label("board-pack").to_string(),
    };
    let header = Header {
        running_title: title.clone(),
        running_status: None,
        title: title.clone(),
        eyebrow: vec!["BOARDPACK".into()],
        product: None,
        author: None,
        document_date: None,
        version: None,
        status: None,
        draft: false,
        as_of: lang.long_date(today),
        as_of_medium: lang.medium_date(today),
        generated: lang.long_date(today),
        meeting_date: None,
        subtitle: None,
        long_author: false,
        bookmarked: true,
        status_shown: None,
        meta_in_grid: false,
    };
    let pdf = PdfInfo {
        title,
        author: Vec::new(),
        description: format!(
            "{} · {} {}",
            lang.label("board-pack"),
            lang.label("status-as-of"),
            lang.long_date(today)
        ),
        keywords: ["roadmap".to_string(), "board pack".to_string()]
            .into_iter()
            .chain(quarter.map(|q| q.to_string()))
            .collect(),
        date: [today.year().max(0) as u32, today.month(), today.day()],
    };
    PackData { cover: Cover { lang, labels: lang.labels(), header, pdf }, entries, today }
}

/// Numbers the entries' first pages, given the cover's page count.
pub fn number_pages(entries: &mut [PackEntry], cover_pages: usize) {
    let mut page = cover_pages + 1;
    for entry in entries {
        entry.page = page;
        page += entry.pages;
    }
}
