//! Tracks: the activity lists and headings of a page linked to the gantt sections they
//! describe, and the name folding that matching uses.

use crate::model::{Block, DateRange, Inline, ListItem, Roadmap, Timeline, Track};

/// Links activity lists to the gantt sections they describe. A list item is a track when
/// its bold lead names a section (`**Produktforvaltning** og leverandørsamarbejde`), or
/// when its first words do and it carries a nested activity list. A heading is a track
/// when its first words name a section and a list follows it before the next heading.
/// Matching ignores case and accents. Each section gets at most one track, list items
/// first; unmatched lists and headings stay body content.
pub fn link_tracks(roadmap: &mut Roadmap) {
    let sections: Vec<(usize, usize, String)> = roadmap
        .diagrams
        .iter()
        .enumerate()
        .filter_map(|(d, diagram)| diagram.gantt.as_ref().map(|t| (d, t)))
        .flat_map(|(d, timeline)| {
            timeline.sections.iter().enumerate().map(move |(s, section)| (d, s, fold(&section.name)))
        })
        .filter(|(_, _, name)| !name.is_empty())
        .collect();
    if sections.is_empty() {
        return;
    }
    let mut taken = vec![false; sections.len()];
    let mut tracks = Vec::new();
    let mut claimed = vec![false; roadmap.blocks.len()];
    for b in 0..roadmap.blocks.len() {
        if claimed[b] {
            continue;
        }
        // A list right after this one, when its last item is a lead without a list of its
        // own: authors mean it as that item's activities.
        let following = following_list(&roadmap.blocks, b);
        let Block::List { items, .. } = &mut roadmap.blocks[b] else {
            continue;
        };
        let last = items.len().saturating_sub(1);
        for (i, item) in items.iter_mut().enumerate() {
            let follower = following.filter(|_| i == last && !has_list(item));
            let Some(candidate) = match_item(item, follower.is_some(), &sections, &taken) else {
                continue;
            };
            taken[candidate] = true;
            let (diagram, section, _) = sections[candidate];
            let name = section_name(&roadmap.diagrams, diagram, section);
            item.track = Some(tracks.len());
            let mut track = build_track(item, name, diagram, section);
            if let Some(next) = follower {
                claimed[next] = true;
                track.following_list = Some(next);
            }
            tracks.push(track);
        }
    }
    // The lists taken as activities, moved into their tracks.
    for track in &mut tracks {
        let Some(next) = track.following_list else { continue };
        if let Some(Block::List { items, .. }) = roadmap.blocks.get(next) {
            track.activities = items.clone();
        }
    }
    link_headings(roadmap, &sections, &mut taken, &mut tracks);
    for track in &mut tracks {
        if let Some(timeline) = roadmap.diagrams.get(track.diagram).and_then(|d| d.gantt.as_ref()) {
            (track.period, track.undated) = section_period(timeline, track.section);
        }
    }
    roadmap.tracks = tracks;
}

/// Headings that name a free section, each with the blocks up to the next heading when a
/// list is among them: the first list is the activities, the rest the notes.
fn link_headings(
    roadmap: &Roadmap,
    sections: &[(usize, usize, String)],
    taken: &mut [bool],
    tracks: &mut Vec<Track>,
) {
    let blocks = &roadmap.blocks;
    for (start, block) in blocks.iter().enumerate() {
        let Block::Heading { content, line, .. } = block else {
            continue;
        };
        let end = blocks[start + 1..]
            .iter()
            .position(|b| matches!(b, Block::Heading { .. }))
            .map_or(blocks.len(), |i| start + 1 + i);
        let under = &blocks[start + 1..end];
        if !under.iter().any(|b| matches!(b, Block::List { .. })) {
            continue;
        }
        // Lists whose items are tracks already stay where they are.
        let holds_tracks =
            |b: &Block| matches!(b, Block::List { items, .. } if items.iter().any(|i| i.track.is_some()));
        if under.iter().any(holds_tracks) {
            continue;
        }
        let words = fold(&Inline::plain(content));
        let Some(candidate) = (0..sections.len()).filter(|&i| !taken[i]).find(|&i| {
            let name = &sections[i].2;
            words == *name || words.starts_with(&format!("{name} "))
        }) else {
            continue;
        };
        taken[candidate] = true;
        let (diagram, section, _) = sections[candidate];
        let mut track = new_track(
            section_name(&roadmap.diagrams, diagram, section),
            Inline::plain(content).trim().to_string(),
            (diagram, section),
            split_activities(under),
            *line,
        );
        track.blocks = Some([start, end]);
        tracks.push(track);
    }
}

fn section_name(diagrams: &[crate::model::Diagram], diagram: usize, section: usize) -> String {
    diagrams
        .get(diagram)
        .and_then(|d| d.gantt.as_ref())
        .as_ref()
        .and_then(|t| t.sections.get(section))
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

/// The index of the list that directly follows the list at `b`, if there is one and none
/// of its items could be a lead itself (a bullet list of activities, not the next part of
/// a numbered list of leads).
fn following_list(blocks: &[Block], b: usize) -> Option<usize> {
    let (Some(Block::List { .. }), Some(Block::List { items, ordered, .. })) =
        (blocks.get(b), blocks.get(b + 1))
    else {
        return None;
    };
    let plain_items =
        !*ordered || items.iter().all(|i| !i.blocks.iter().any(|x| matches!(x, Block::List { .. })));
    (plain_items && !items.is_empty()).then_some(b + 1)
}

fn has_list(item: &ListItem) -> bool {
    item.blocks.iter().any(|b| matches!(b, Block::List { .. }))
}

/// The section an item leads, if any. `followed` says a list follows the item as its
/// activities (see [`following_list`]).
fn match_item(
    item: &ListItem,
    followed: bool,
    sections: &[(usize, usize, String)],
    taken: &[bool],
) -> Option<usize> {
    let Some(Block::Paragraph { content, .. }) = item.blocks.first() else {
        return None;
    };
    let lead = bold_lead(content).map(|s| fold(&s));
    let words = fold(&Inline::plain(content));
    let has_activities = followed || has_list(item);
    let free = |i: &usize| !taken[*i];
    // A bold lead naming the section exactly is the strongest evidence.
    if let Some(lead) = &lead
        && let Some(i) = (0..sections.len()).filter(free).find(|&i| &sections[i].2 == lead)
    {
        return Some(i);
    }
    if !has_activities {
        return None;
    }
    (0..sections.len()).filter(free).find(|&i| {
        let name = &sections[i].2;
        words == *name || words.starts_with(&format!("{name} "))
    })
}

/// The text of a `**bold**` run at the very start of a paragraph.
fn bold_lead(content: &[Inline]) -> Option<String> {
    let first = content.iter().find(|i| !matches!(i, Inline::Text { text } if text.trim().is_empty()))?;
    match first {
        Inline::Strong { content } => Some(Inline::plain(content)),
        _ => None,
    }
}

fn build_track(item: &ListItem, name: String, diagram: usize, section: usize) -> Track {
    let (heading, rest) = match item.blocks.split_first() {
        Some((Block::Paragraph { content, .. }, rest)) => (Inline::plain(content).trim().to_string(), rest),
        _ => (String::new(), &item.blocks[..]),
    };
    let mut track = new_track(name, heading, (diagram, section), split_activities(rest), item.line);
    track.number = item.number;
    track
}

/// The first list among `blocks` (the activities) and the other blocks (the notes).
fn split_activities(blocks: &[Block]) -> (Vec<ListItem>, Vec<Block>) {
    let mut activities = None;
    let mut notes = Vec::new();
    for block in blocks {
        match block {
            Block::List { items, .. } if activities.is_none() => activities = Some(items.clone()),
            other => notes.push(other.clone()),
        }
    }
    (activities.unwrap_or_default(), notes)
}

/// A track of `section` of `diagram`, before its period is known.
fn new_track(
    name: String,
    heading: String,
    (diagram, section): (usize, usize),
    (activities, notes): (Vec<ListItem>, Vec<Block>),
    line: usize,
) -> Track {
    Track {
        name,
        heading,
        number: None,
        diagram,
        section,
        period: None,
        undated: 0,
        activities,
        notes,
        blocks: None,
        following_list: None,
        line,
    }
}

/// First start and last end of a section's dated tasks (markers excluded), and how many
/// of its tasks have no dates.
pub fn section_period(timeline: &Timeline, section: usize) -> (Option<DateRange>, usize) {
    let Some(section) = timeline.sections.get(section) else {
        return (None, 0);
    };
    let mut range: Option<DateRange> = None;
    let mut undated = 0;
    for task in section.tasks.iter().filter_map(|&i| timeline.tasks.get(i)) {
        if task.flags.vert {
            continue;
        }
        match (task.start, task.end) {
            (Some(start), Some(end)) if task.problem.is_none() => {
                let end = end.max(start);
                range = Some(match range {
                    Some(r) => DateRange { start: r.start.min(start), end: r.end.max(end) },
                    None => DateRange { start, end },
                });
            }
            _ => undated += 1,
        }
    }
    (range, undated)
}

/// `text` with each `<br>` (`<br/>`, `<BR />`) replaced by `with`: Mermaid splits a
/// section's label into lines there.
pub fn replace_breaks(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at + 1..];
        let is_br = tag.get(..2).is_some_and(|b| b.eq_ignore_ascii_case("br"));
        let close = tag.find('>');
        match close.filter(|&c| is_br && tag[2..c].trim_end_matches('/').trim().is_empty()) {
            Some(c) => {
                out.push_str(with);
                rest = &tag[c + 1..];
            }
            None => {
                out.push('<');
                rest = tag;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lower case without accents or punctuation, single-spaced: the key for matching names.
pub fn fold(text: &str) -> String {
    let text = replace_breaks(text, " ");
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => out.push_str("ae"),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => out.push('o'),
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_in_labels_become_the_given_text() {
        assert_eq!(replace_breaks("Drift<br>og<BR/>support<br />x", "|"), "Drift|og|support|x");
        assert_eq!(replace_breaks("a < b <bravo> <br", "|"), "a < b <bravo> <br");
        assert_eq!(fold("Drift<br>og support"), fold("Drift og support"));
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            fold("  Produktforvaltning** og Leverandør-samarbejde"),
            "produktforvaltning og leverandor samarbejde"
        );
        assert_eq!(fold("Årshjul"), "arshjul");
    }
}
