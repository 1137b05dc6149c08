//! A board pack's cover: title, date and a table of contents of its documents. The
//! reports themselves are laid out once, for their own PDFs, and their pages reused.

use super::{Header, PdfInfo};
use crate::date::Date;
use crate::locale::Lang;
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
