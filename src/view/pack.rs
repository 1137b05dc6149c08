//! A board pack's data: a cover (title, date, contents) and the reports of its documents.

use super::{Header, PdfInfo, ReportData};
use crate::date::Date;
use crate::locale::Lang;
use crate::quarter::Quarter;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct PackData<'a> {
    pub cover: Cover,
    pub docs: Vec<ReportData<'a>>,
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

/// Builds a pack of `docs` (each already built for `quarter`, if any). Image paths are
/// made unique per document, as every report numbers its images from zero.
pub fn build<'a>(
    mut docs: Vec<ReportData<'a>>,
    quarter: Option<Quarter>,
    lang: Lang,
    today: Date,
) -> PackData<'a> {
    for (i, doc) in docs.iter_mut().enumerate() {
        for (n, virtual_path) in doc.images.values_mut().enumerate() {
            *virtual_path = format!("/assets/{i}/{n}");
        }
    }
    let title = match quarter {
        Some(q) => format!("{} {}", lang.label("board-pack"), lang.quarter(q)),
        None => lang.label("board-pack").to_string(),
    };
    let header = Header {
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
        subtitle: quarter.map(|q| lang.quarter(q)),
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
    PackData { cover: Cover { lang, labels: lang.labels(), header, pdf }, docs, today }
}
