//! Activity lists attached to their tracks the way authors write them. Fixture:
//! `tests/fixtures/rules/lead-then-bullets.md` (numbered leads, each followed by bullets at
//! column 0, which CommonMark reads as a list of its own).

use crate::common::{fixtures, read};
use boardpack::model::{Block, Inline};

fn activity_texts(items: &[boardpack::model::ListItem]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i.blocks.first() {
            Some(Block::Paragraph { content, .. }) => Some(Inline::plain(content)),
            _ => None,
        })
        .collect()
}

#[test]
fn bullets_after_a_numbered_lead_are_its_activities() {
    let document = read(&fixtures().join("rules/lead-then-bullets.md"));
    let tracks = &document.roadmap.tracks;
    let names: Vec<&str> = tracks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Drift", "Udvikling", "Kommunikation"]);
    assert_eq!(tracks[0].heading, "Drift og support");
    assert_eq!(
        activity_texts(&tracks[0].activities),
        ["Overvågning af platformen", "Månedlig driftsrapport"]
    );
    assert_eq!(activity_texts(&tracks[1].activities), ["Kravspecifikation", "Test og release"]);
    // Nesting inside the following list is kept.
    assert!(tracks[1].activities[1].blocks.iter().any(|b| matches!(b, Block::List { .. })));
    // A lead without bullets is still a track, with no activities.
    assert!(tracks[2].activities.is_empty());
}

#[test]
fn the_taken_lists_leave_the_page_content_and_no_lead_is_dropped() {
    let document = read(&fixtures().join("rules/lead-then-bullets.md"));
    let data = boardpack::view::build(
        &document.roadmap,
        &crate::common::report_options(boardpack::locale::Lang::Da),
    );
    let mut content = String::new();
    crate::common::all_strings(&serde_json::to_value(&data.content).unwrap_or_default(), &mut content);
    assert!(!content.contains("Overvågning af platformen"), "an activity shows twice: {content}");
    assert!(!content.contains("Kravspecifikation"));
    // The list after a paragraph stays content.
    assert!(content.contains("En liste efter et afsnit"));
    // Every lead shows as a track heading.
    let headings: Vec<&str> = data.tracks.iter().map(|t| t.heading.as_str()).collect();
    assert_eq!(headings, ["Drift og support", "Udvikling af nye funktioner", "Kommunikation"]);
}
