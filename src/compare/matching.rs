//! Pairs the gantt items of two versions of a page. The rules, tried in this order, each
//! on what the earlier ones left unpaired:
//!
//! 1. **id**: the same explicit id, when exactly one item in each version has it (Mermaid
//!    allows duplicate ids; a duplicated one pairs nothing, so it cannot pair the wrong tasks);
//! 2. **name**: the same chart, section and normalised name; several items with the same
//!    name in a section pair in their order of definition;
//! 3. **name elsewhere**: the same normalised name, unique in each version, in another
//!    section (the item moved);
//! 4. **similar**: a light rename, by the Dice coefficient of the names' character pairs:
//!    at least [`SIMILAR_SAME_SECTION`] in the same section, [`SIMILAR_ELSEWHERE`] across
//!    sections; markers pair only with markers. Best scores pair first. Skipped when more
//!    than [`MAX_SIMILARITY_PAIRS`] pairs would have to be scored. A name extended or
//!    shortened by whole words ("Go-live" → "Go-live (phase 1)", the shorter at least
//!    [`MIN_EXTENDED_CHARS`] characters) scores [`EXTENDED`].
//!
//! Normalised: lower case, runs of white space as one space, punctuation and quotes at
//! either end dropped.

use crate::model::{ItemKind, MatchRule};
use std::collections::HashMap;

pub const SIMILAR_SAME_SECTION: f64 = 0.75;
pub const SIMILAR_ELSEWHERE: f64 = 0.9;
/// A name extended by whole words scores this: enough in its own section, not across.
pub const EXTENDED: f64 = 0.8;
pub const MIN_EXTENDED_CHARS: usize = 6;
/// Beyond this many candidate pairs (unpaired items of the baseline times those of the
/// page) renames are reported as removals and additions: scoring stays bounded.
pub const MAX_SIMILARITY_PAIRS: usize = 250_000;

/// What matching needs to know about one item.
pub struct Key<'a> {
    /// The chart's place among the page's gantt charts.
    pub chart: usize,
    pub id: Option<&'a str>,
    pub section: String,
    pub name: String,
    pub kind: ItemKind,
}

/// For each item of `new`, the index of its `old` partner and the rule that paired them.
pub fn pair(old: &[Key], new: &[Key]) -> Vec<Option<(usize, MatchRule)>> {
    let mut new_to_old: Vec<Option<(usize, MatchRule)>> = vec![None; new.len()];
    let mut old_taken = vec![false; old.len()];

    // 1. Explicit ids used once in each version.
    let old_ids = unique_ids(old);
    for (id, n) in unique_ids(new) {
        if let Some(&o) = old_ids.get(id) {
            new_to_old[n] = Some((o, MatchRule::Id));
            old_taken[o] = true;
        }
    }

    // 2. Same chart, section and name, in order of definition.
    let mut old_by_name: HashMap<(usize, &str, &str), Vec<usize>> = HashMap::new();
    for (o, key) in old.iter().enumerate().rev().filter(|(o, _)| !old_taken[*o]) {
        old_by_name.entry((key.chart, &key.section, &key.name)).or_default().push(o);
    }
    for (n, key) in new.iter().enumerate() {
        if new_to_old[n].is_some() {
            continue;
        }
        if let Some(o) =
            old_by_name.get_mut(&(key.chart, key.section.as_str(), key.name.as_str())).and_then(Vec::pop)
        {
            new_to_old[n] = Some((o, MatchRule::Name));
            old_taken[o] = true;
        }
    }

    // 3. The same name, unique on both sides, in another section.
    let old_names = unique_names(old, |o| old_taken[o]);
    let new_names = unique_names(new, |n| new_to_old[n].is_some());
    for (name, n) in new_names {
        if let Some(&o) = old_names.get(name) {
            // Markers pair only with markers.
            if (old[o].kind == ItemKind::Marker) != (new[n].kind == ItemKind::Marker) {
                continue;
            }
            new_to_old[n] = Some((o, MatchRule::NameElsewhere));
            old_taken[o] = true;
        }
    }

    // 4. Light renames.
    let old_left: Vec<usize> = (0..old.len()).filter(|&o| !old_taken[o]).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&n| new_to_old[n].is_none()).collect();
    if old_left.is_empty()
        || new_left.is_empty()
        || old_left.len().saturating_mul(new_left.len()) > MAX_SIMILARITY_PAIRS
    {
        return new_to_old;
    }
    let old_grams: Vec<Vec<(char, char)>> = old_left.iter().map(|&o| bigrams(&old[o].name)).collect();
    let mut candidates = Vec::new();
    for &n in &new_left {
        let grams = bigrams(&new[n].name);
        for (j, &o) in old_left.iter().enumerate() {
            if (old[o].kind == ItemKind::Marker) != (new[n].kind == ItemKind::Marker) {
                continue;
            }
            let same_section = old[o].chart == new[n].chart && old[o].section == new[n].section;
            let threshold = if same_section { SIMILAR_SAME_SECTION } else { SIMILAR_ELSEWHERE };
            let score = dice(&old_grams[j], &grams).max(extended(&old[o].name, &new[n].name));
            if score >= threshold {
                candidates.push((score, n, o));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, n, o) in candidates {
        if new_to_old[n].is_none() && !old_taken[o] {
            new_to_old[n] = Some((o, MatchRule::Similar));
            old_taken[o] = true;
        }
    }
    new_to_old
}

/// The explicit ids used by exactly one item, and that item.
fn unique_ids<'a>(keys: &'a [Key]) -> HashMap<&'a str, usize> {
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(id) = key.id {
            count.entry(id).or_insert((0, i)).0 += 1;
        }
    }
    count.into_iter().filter(|(_, (n, _))| *n == 1).map(|(id, (_, i))| (id, i)).collect()
}

/// The names used by exactly one item not yet paired, and that item.
fn unique_names<'a>(keys: &'a [Key], taken: impl Fn(usize) -> bool) -> HashMap<&'a str, usize> {
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, key) in keys.iter().enumerate().filter(|(i, _)| !taken(*i)) {
        count.entry(key.name.as_str()).or_insert((0, i)).0 += 1;
    }
    count.into_iter().filter(|(_, (c, _))| *c == 1).map(|(name, (_, i))| (name, i)).collect()
}

/// A name as matching compares it.
pub fn normalise(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .trim_matches(|c: char| {
            c.is_ascii_punctuation() || matches!(c, '–' | '—' | '“' | '”' | '‘' | '’' | '«' | '»' | '…')
        })
        .trim()
        .to_string()
}

/// The score of a name extended or shortened by whole words ("Go-live" and "Go-live
/// (phase 1)"): [`EXTENDED`] when the shorter name, at least [`MIN_EXTENDED_CHARS`] long,
/// stands in the longer one between word boundaries; else 0.
fn extended(a: &str, b: &str) -> f64 {
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    if short.chars().count() < MIN_EXTENDED_CHARS || short == long {
        return 0.0;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let found = long.match_indices(short).any(|(at, _)| {
        boundary(long[..at].chars().next_back()) && boundary(long[at + short.len()..].chars().next())
    });
    if found { EXTENDED } else { 0.0 }
}

/// Sorted character pairs (a one-character name is its own pair).
fn bigrams(name: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = name.chars().collect();
    let mut grams: Vec<(char, char)> = match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], ' ')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    grams.sort_unstable();
    grams
}

/// 2·|shared pairs| / (|a| + |b|), counting repeated pairs as often as both have them.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: Option<&'static str>, section: &str, name: &str) -> Key<'static> {
        Key { chart: 0, id, section: normalise(section), name: normalise(name), kind: ItemKind::Task }
    }

    #[test]
    fn ids_first_then_names_then_similar_names() {
        let old = [
            key(Some("a"), "S", "Design"),
            key(None, "S", "Build the portal"),
            key(None, "S", "Test"),
            key(None, "T", "Launch"),
        ];
        let new = [
            key(None, "T", "Launch"),
            key(Some("a"), "S", "Design work"),
            key(None, "S", "Build the portal v2"),
            key(None, "U", "Test"),
        ];
        let pairs = pair(&old, &new);
        assert_eq!(pairs[0], Some((3, MatchRule::Name)));
        assert_eq!(pairs[1], Some((0, MatchRule::Id)));
        assert_eq!(pairs[2], Some((1, MatchRule::Similar)));
        assert_eq!(pairs[3], Some((2, MatchRule::NameElsewhere)));
    }

    #[test]
    fn a_duplicated_id_pairs_by_name_not_by_id() {
        let old = [key(Some("x"), "S", "Alpha"), key(Some("x"), "S", "Beta")];
        let new = [key(Some("x"), "S", "Beta"), key(Some("x"), "S", "Alpha")];
        let pairs = pair(&old, &new);
        assert_eq!(pairs, vec![Some((1, MatchRule::Name)), Some((0, MatchRule::Name))]);
    }

    #[test]
    fn a_name_extended_by_words_pairs_in_its_section_only() {
        let old = [key(None, "S", "Årsskifte"), key(None, "S", "Test"), key(None, "T", "Kickoff meeting")];
        let new = [
            key(None, "S", "Årsskifte (udsat)"),
            key(None, "S", "Test automation"),
            key(None, "U", "Kickoff meeting with vendors"),
        ];
        let pairs = pair(&old, &new);
        assert_eq!(pairs[0], Some((0, MatchRule::Similar)));
        assert_eq!(pairs[1], None, "too short a name to say");
        assert_eq!(pairs[2], None, "across sections a name needs more than that");
    }

    #[test]
    fn unrelated_names_do_not_pair() {
        let old = [key(None, "S", "Procurement")];
        let new = [key(None, "S", "User training")];
        assert_eq!(pair(&old, &new), vec![None]);
    }

    #[test]
    fn normalising_ignores_case_spacing_and_end_punctuation() {
        assert_eq!(normalise("  Go-live:  Phase  1. "), "go-live: phase 1");
        assert_eq!(normalise("«Udbud»"), "udbud");
    }
}
