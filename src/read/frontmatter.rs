//! The front matter at the top of a page (`---` YAML, `+++` TOML or a JSON object): split
//! it off keeping offsets, then read it
//! into [`Meta`]. Every YAML call of the project sits here, so the parser can be swapped.

use crate::date::{Date, parse_iso_date};
use crate::diag::{Diagnostic, Span};
use crate::model::{FrontMatterState, Meta};
use serde_json::Value;

/// Front matter larger than this is refused rather than parsed (alias bombs, pasted data).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The language of a front-matter block: Jekyll's `---` YAML, Hugo's `+++` TOML, or
/// Hugo's JSON object (from a `{` line to a `}` line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
    Json,
}

impl Syntax {
    /// The line that opens the block.
    fn opener(self) -> &'static str {
        match self {
            Syntax::Yaml => "---",
            Syntax::Toml => "+++",
            Syntax::Json => "{",
        }
    }

    /// The line that closes the block.
    fn closer(self) -> &'static str {
        match self {
            Syntax::Json => "}",
            other => other.opener(),
        }
    }
}

/// The page cut in two. `block` is `None` when the page has no (valid) front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The block's text (YAML, TOML, or for JSON the whole object, braces included).
    pub block: Option<&'a str>,
    /// Byte offset of the block's text in the page.
    pub block_offset: usize,
    pub syntax: Syntax,
    pub body: &'a str,
    /// Byte offset of the body in the page.
    pub body_offset: usize,
}

/// Splits a Jekyll-style front matter block off `text`. As in Jekyll, the block must start
/// on the very first line with `---` and end with a `---` (or `...`) line; anything else
/// means the page has no front matter, and all of it is body. Hugo's TOML block between
/// `+++` lines, and its JSON object from a `{` line to a `}` line, are read the same way. A
/// first line that *ends* in `---` after stray text is reported, because that is a
/// garbled block, not prose.
pub fn split<'a>(text: &'a str, diagnostics: &mut Vec<Diagnostic>) -> Split<'a> {
    let whole_body = Split { block: None, block_offset: 0, syntax: Syntax::Yaml, body: text, body_offset: 0 };
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = &text[..first_end];
    let syntax = match first.trim_end() {
        "+++" => Syntax::Toml,
        "{" => Syntax::Json,
        _ => Syntax::Yaml,
    };
    if first.trim_end() != syntax.opener() {
        if let Some(stray) = first.trim_end().strip_suffix("---").filter(|s| !s.trim().is_empty())
            && closing_line(text, first_end, Syntax::Yaml).is_some()
        {
            diagnostics.push(
                Diagnostic::warning(
                    crate::read::codes::frontmatter::GARBLED,
                    format!("the first line `{}` looks like a garbled front-matter opener; the page is read as having no front matter", first.trim_end()),
                )
                .with_span(Span::new(0, first.trim_end().len()))
                .with_hint(format!("remove `{}` so that the first line is exactly `---`", stray.trim()))
                .with_hint("the title is taken from the first level-1 heading instead"),
            );
        }
        return whole_body;
    }
    let block_offset = (first_end + 1).min(text.len());
    let Some((close_start, close_end)) = closing_line(text, first_end, syntax) else {
        let (opener, closer) = (syntax.opener(), syntax.closer());
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::frontmatter::UNCLOSED,
                format!("the page starts with `{opener}` but the front matter is never closed; the page is read as having no front matter"),
            )
            .with_span(Span::new(0, first.len()))
            .with_hint(format!("close the block with a line holding only `{closer}`")),
        );
        return whole_body;
    };
    let body_offset = close_end;
    if syntax == Syntax::Json {
        // The object is the block, braces and all.
        let close = close_start + text[close_start..].find('}').map_or(0, |i| i + 1);
        return Split {
            block: Some(&text[..close]),
            block_offset: 0,
            syntax,
            body: &text[body_offset..],
            body_offset,
        };
    }
    Split {
        block: Some(&text[block_offset..close_start.max(block_offset)]),
        block_offset,
        syntax,
        body: &text[body_offset..],
        body_offset,
    }
}

/// The (start, end after its newline) of the first closing line after `from`: `---` or
/// `...` for YAML, `+++` for TOML, `}` for JSON.
fn closing_line(text: &str, from: usize, syntax: Syntax) -> Option<(usize, usize)> {
    let mut pos = from + 1;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == syntax.closer() || (syntax == Syntax::Yaml && line == "...") {
            return Some((pos, (end + 1).min(text.len())));
        }
        if end >= text.len() {
            break;
        }
        pos = end + 1;
    }
    None
}

/// Keys whose value is text even when YAML reads a number (`version: 1.10`, `title: 2026`).
const TEXT_KEYS: &[&str] = &["title", "author", "status", "parent", "version", "slug"];

/// A number for one of the [`TEXT_KEYS`] as the page writes it (`1.10`, not `1.1`);
/// anything else unchanged. `at` is where the value is written in `block`.
fn as_written(key: &str, value: Value, block: &str, at: Span) -> Value {
    if !value.is_number() || !TEXT_KEYS.contains(&key) {
        return value;
    }
    let written = block.get(at.start..at.end).unwrap_or("");
    let written = written.split(" #").next().unwrap_or(written).trim().trim_end_matches(',').trim();
    if written.is_empty() { value } else { Value::String(written.to_string()) }
}

/// Reads the block's text (at `offset` in the page) into typed metadata.
pub fn parse(yaml: &str, offset: usize, syntax: Syntax, diagnostics: &mut Vec<Diagnostic>) -> Meta {
    let mut meta = Meta { front_matter: FrontMatterState::Read, ..Meta::default() };
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        diagnostics.push(
            Diagnostic::error(
                crate::read::codes::frontmatter::TOO_LARGE,
                format!(
                    "the front matter is {} bytes; more than {MAX_FRONT_MATTER_BYTES} bytes are not read",
                    yaml.len()
                ),
            )
            .with_span(Span::at(offset, 0)),
        );
        meta.front_matter = FrontMatterState::Broken;
        return meta;
    }
    if yaml.trim().is_empty() {
        return meta;
    }
    match syntax {
        Syntax::Toml => return parse_toml(yaml, offset, meta, diagnostics),
        Syntax::Json => return parse_json(yaml, offset, meta, diagnostics),
        Syntax::Yaml => {}
    }
    let value = match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(value) => value,
        Err(error) => {
            let at = error.location().map_or(0, |l| l.index().min(yaml.len()));
            diagnostics.push(
                Diagnostic::error(
                    crate::read::codes::frontmatter::YAML,
                    format!("the front matter is not valid YAML: {}", yaml_message(&error)),
                )
                .with_span(Span::at(offset + at, 1))
                .with_hint(
                    "quote values that contain `:` or start with special characters, e.g. title: \"A: B\"",
                ),
            );
            meta.front_matter = FrontMatterState::Broken;
            return meta;
        }
    };
    let serde_yaml::Value::Mapping(mapping) = value else {
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::frontmatter::NOT_A_MAPPING,
                "the front matter is not a list of `key: value` lines and is ignored",
            )
            .with_span(Span::at(offset, 0)),
        );
        meta.front_matter = FrontMatterState::Broken;
        return meta;
    };
    for (key, value) in mapping {
        let key = match key {
            serde_yaml::Value::String(s) => s,
            other => scalar_text(&to_json(&other)).unwrap_or_default(),
        };
        let local = key_span(yaml, &key, ':');
        let json = match (&value, local) {
            // `version: 1.10` is a number to YAML (1.1); the page means the text it shows.
            (serde_yaml::Value::Number(_), Some(at)) => as_written(&key, to_json(&value), yaml, at),
            _ => to_json(&value),
        };
        let span = local.map(|s| s.shifted(offset));
        assign(&mut meta, &key, json, span, diagnostics);
    }
    meta.draft = meta.status.as_deref().is_some_and(is_draft_status);
    meta
}

/// Hugo's JSON front matter (the object, braces included), into the same metadata as
/// YAML's.
fn parse_json(json_text: &str, offset: usize, mut meta: Meta, diagnostics: &mut Vec<Diagnostic>) -> Meta {
    let object = match serde_json::from_str::<serde_json::Map<String, Value>>(json_text) {
        Ok(object) => object,
        Err(error) => {
            let at = byte_of_line_column(json_text, error.line(), error.column());
            diagnostics.push(
                Diagnostic::error(
                    crate::read::codes::frontmatter::JSON,
                    format!("the front matter is not valid JSON: {error}"),
                )
                .with_span(Span::at(offset + at, 1))
                .with_hint("write each entry as `\"key\": \"text\"` and separate entries with commas"),
            );
            meta.front_matter = FrontMatterState::Broken;
            return meta;
        }
    };
    for (key, value) in object {
        let local = json_key_span(json_text, &key);
        let value = match local {
            Some(at) => as_written(&key, value, json_text, at),
            None => value,
        };
        assign(&mut meta, &key, value, local.map(|s| s.shifted(offset)), diagnostics);
    }
    meta.draft = meta.status.as_deref().is_some_and(is_draft_status);
    meta
}

/// The byte offset of serde_json's 1-based line and column (the column counts bytes),
/// moved back to the start of a character.
fn byte_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let mut at = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the value of the top-level JSON key `"key"` is written.
fn json_key_span(json_text: &str, key: &str) -> Option<Span> {
    let quoted = format!("\"{key}\"");
    let at = json_text
        .match_indices(&quoted)
        .map(|(i, _)| i + quoted.len())
        .find(|&end| json_text[end..].trim_start().starts_with(':'))?;
    let colon = at + json_text[at..].find(':')? + 1;
    let value = &json_text[colon..];
    let lead = value.len() - value.trim_start().len();
    let line = value[lead..].lines().next().unwrap_or("").trim_end().trim_end_matches(',');
    Some(Span::at(colon + lead, line.len().max(1)))
}

/// Hugo's TOML front matter, into the same metadata as YAML's.
fn parse_toml(toml_text: &str, offset: usize, mut meta: Meta, diagnostics: &mut Vec<Diagnostic>) -> Meta {
    let table = match toml::from_str::<toml::Table>(toml_text) {
        Ok(table) => table,
        Err(error) => {
            let at = error.span().map_or(0, |r| r.start.min(toml_text.len()));
            diagnostics.push(
                Diagnostic::error(
                    crate::read::codes::frontmatter::TOML,
                    format!("the front matter is not valid TOML: {}", error.message().trim()),
                )
                .with_span(Span::at(offset + at, 1))
                .with_hint("write each value as `key = \"text\"`, `key = 2026-01-15` or `key = 3`"),
            );
            meta.front_matter = FrontMatterState::Broken;
            return meta;
        }
    };
    for (key, value) in table {
        let local = key_span(toml_text, &key, '=');
        let value = match local {
            Some(at) => as_written(&key, toml_to_json(value), toml_text, at),
            None => toml_to_json(value),
        };
        assign(&mut meta, &key, value, local.map(|s| s.shifted(offset)), diagnostics);
    }
    meta.draft = meta.status.as_deref().is_some_and(is_draft_status);
    meta
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        // A date (with or without a time) reads as its ISO date, as YAML dates do.
        toml::Value::Datetime(d) => Value::String(match d.date {
            Some(date) => format!("{:04}-{:02}-{:02}", date.year, date.month, date.day),
            None => d.to_string(),
        }),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn assign(
    meta: &mut Meta,
    key: &str,
    mut value: Value,
    span: Option<Span>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // An escape such as "\x9b" in YAML or "\u0080" in JSON makes a C1 control character,
    // which no font draws: like those in the text, it becomes U+FFFD.
    if replace_c1(&mut value) {
        let mut d = Diagnostic::warning(
            crate::read::codes::decode::CONTROL_CHARACTER,
            format!(
                "the value of `{key}` holds a control character (U+0080 to U+009F), which shows as \u{FFFD}"
            ),
        )
        .with_hint("remove the escape from the front matter");
        if let Some(span) = span {
            d = d.with_span(span);
        }
        diagnostics.push(d);
    }
    let text = scalar_text(&value);
    match key.to_ascii_lowercase().as_str() {
        "title" if text.is_some() => meta.title = text,
        "author" => match &value {
            Value::Array(items) => {
                let names: Vec<String> = items.iter().filter_map(scalar_text).collect();
                meta.author = Some(names.join(", "));
            }
            _ => meta.author = text,
        },
        "authors" if meta.author.is_none() => {
            if let Value::Array(items) = &value {
                let names: Vec<String> = items.iter().filter_map(scalar_text).collect();
                meta.author = Some(names.join(", "));
            } else {
                meta.author = text;
            }
        }
        "date" if text.is_some() => {
            let written = text.unwrap_or_default();
            meta.date = parse_document_date(&written);
            if meta.date.is_none() {
                let mut d = Diagnostic::warning(
                    crate::read::codes::frontmatter::INVALID_DATE,
                    format!("the document date `{written}` is not a date boardpack can read"),
                )
                .with_hint("write it as 19-08-2025, 19.08.2025 or 2025-08-19");
                if let Some(span) = span {
                    d = d.with_span(span);
                }
                diagnostics.push(d);
            }
            meta.date_text = Some(written);
        }
        "status" => meta.status = text.map(|s| s.trim().to_string()),
        "parent" => meta.parent = text,
        "nav_order" => meta.nav_order = Some(value),
        "lang" | "language" => meta.lang = text.map(|s| s.trim().to_string()),
        "version" => meta.version = text,
        "slug" => meta.slug = text,
        _ => {
            meta.extra.insert(key.to_string(), value);
        }
    }
}

/// Replaces the C1 control characters (but NEL) in every string of `value`; whether any was.
fn replace_c1(value: &mut Value) -> bool {
    let is_c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c) && c != '\u{85}';
    match value {
        Value::String(s) if s.chars().any(is_c1) => {
            *s = s.chars().map(|c| if is_c1(c) { '\u{FFFD}' } else { c }).collect();
            true
        }
        // Every element is visited (no short cut): each may hold some.
        Value::Array(items) => items.iter_mut().map(replace_c1).filter(|&replaced| replaced).count() > 0,
        Value::Object(map) => map.values_mut().map(replace_c1).filter(|&replaced| replaced).count() > 0,
        _ => false,
    }
}

fn yaml_message(error: &serde_yaml::Error) -> String {
    let text = error.to_string();
    // serde_yaml appends " at line L column C"; we print our own location.
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The span of the value after `key:` (YAML) or `key =` (TOML, `separator` `=`) at the
/// start of a line of the block, for pointing at a value.
fn key_span(yaml: &str, key: &str, separator: char) -> Option<Span> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '"', '\'']);
        if trimmed.starts_with(key) && line.starts_with(|c: char| !c.is_whitespace()) {
            let value_start = line.find(separator).map_or(0, |i| i + 1);
            let value = line[value_start..].trim_end();
            let lead = value.len() - value.trim_start().len();
            let value = value.trim();
            return Some(Span::at(offset + value_start + lead, value.len().max(1)));
        }
        offset += line.len();
    }
    None
}

fn to_json(value: &serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(*b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
            }
        }
        serde_yaml::Value::String(s) => Value::String(s.clone()),
        serde_yaml::Value::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        serde_yaml::Value::Mapping(map) => Value::Object(
            map.iter().map(|(k, v)| (scalar_text(&to_json(k)).unwrap_or_default(), to_json(v))).collect(),
        ),
        serde_yaml::Value::Tagged(tagged) => to_json(&tagged.value),
    }
}

/// A scalar as text (numbers and booleans as written by YAML); `None` for null and
/// collections.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Statuses that mean "not final yet", in the languages of our users.
pub fn is_draft_status(status: &str) -> bool {
    let s = status.trim().to_lowercase();
    // A qualifier before the word keeps it a draft: "endeligt udkast", "final draft".
    let s = ["endeligt ", "endelig ", "final ", "slutligt ", "finaler "]
        .iter()
        .find_map(|q| s.strip_prefix(q))
        .map_or(s.clone(), str::to_string);
    // The word itself, or the word followed by a version or a remark ("Udkast v0.3",
    // "Draft 2", "Entwurf (Stand 3)"), never a word inside another ("Projet OS2forms").
    DRAFT_WORDS.iter().any(|word| {
        s == *word
            || s.strip_prefix(word).is_some_and(|rest| {
                rest.starts_with([' ', '-', '(', ':', '.', '_'])
                    || rest.starts_with(|c: char| c.is_ascii_digit())
            })
    })
}

/// Statuses that mean "not final yet" in the report languages.
const DRAFT_WORDS: &[&str] = &[
    // da
    "udkast",
    "kladde",
    "foreløbig",
    "foreløbigt udkast",
    "arbejdsdokument",
    "arbejdsudkast",
    "under udarbejdelse",
    "høringsudkast",
    // en
    "draft",
    "wip",
    "work in progress",
    "preliminary",
    "provisional",
    "working draft",
    "working document",
    // sv
    "utkast",
    "arbetsmaterial",
    "arbetsutkast",
    "preliminär",
    "preliminärt",
    "under arbete",
    "remissutkast",
    // nb, nn
    "kladd",
    "foreløpig",
    "foreløpig utkast",
    "arbeidsdokument",
    "arbeidsutkast",
    "under arbeid",
    "høringsutkast",
    "førebels",
    // de
    "entwurf",
    "vorentwurf",
    "arbeitsentwurf",
    "diskussionsentwurf",
    "arbeitsfassung",
    "vorläufig",
    "in bearbeitung",
    // fr
    "brouillon",
    "ébauche",
    "projet",
    "version provisoire",
    "provisoire",
    "document de travail",
    "avant-projet",
    // es
    "borrador",
    "versión preliminar",
    "preliminar",
    "versión provisional",
    "documento de trabajo",
    "en elaboración",
    // nl
    "concept",
    "conceptversie",
    "ontwerp",
    "ontwerpversie",
    "werkversie",
    "werkdocument",
    "voorlopig",
];

/// Reads a document date as people write it in front matter: `2025-08-19` (also with a
/// time, as Jekyll allows), `19-08-2025`, `19.08.2025`, `19/08/2025`, `19. august 2025`,
/// `August 19, 2025`, `19 Aug 2025`. Day-first for numeric dates, as in Europe.
pub fn parse_document_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    if let Some(date) = parse_iso_date(head) {
        return Some(date);
    }
    let numeric: Vec<&str> = text.split(['-', '.', '/']).map(str::trim).collect();
    if numeric.len() == 3 && numeric.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        let [a, b, c] = [numeric[0], numeric[1], numeric[2]];
        let (a, b, c): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
        if numeric[0].len() == 4 {
            return Date::new(a as i32, b, c as u32);
        }
        let year = if numeric[2].len() == 2 { 2000 + c } else { c };
        return Date::new(year, b, a).or_else(|| Date::new(year, a, b));
    }
    parse_worded_date(text)
}

fn parse_worded_date(text: &str) -> Option<Date> {
    let cleaned = text.to_lowercase().replace([',', '.'], " ").replace("1er ", "1 ");
    // "19 de agosto de 2025", "le 1er mars 2025".
    let words: Vec<&str> =
        cleaned.split_whitespace().filter(|w| !matches!(*w, "de" | "del" | "le" | "den")).collect();
    let month_of = |w: &str| crate::locale::month_from_name(w);
    match words.as_slice() {
        [d, m, y] if d.parse::<u32>().is_ok() => Date::new(y.parse().ok()?, month_of(m)?, d.parse().ok()?),
        [m, d, y] => Date::new(y.parse().ok()?, month_of(m)?, d.parse().ok()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_keeping_offsets() {
        let text = "---\ntitle: A\n---\n\nBody";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        assert_eq!(split.block, Some("title: A\n"));
        assert_eq!(split.block_offset, 4);
        assert_eq!(split.body, "\nBody");
        assert_eq!(&text[split.body_offset..], "\nBody");
        assert!(diags.is_empty());
    }

    #[test]
    fn reads_hugo_toml_front_matter_like_yaml() {
        let text = "+++\ntitle = \"Roadmap 2026\"\ndate = 2025-08-19\nstatus = \"draft\"\ntags = [\"a\", \"b\"]\n+++\n# T\n";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        assert_eq!(split.syntax, Syntax::Toml);
        assert_eq!(&text[split.body_offset..], "# T\n");
        let block = split.block.unwrap_or_default();
        let meta = parse(block, split.block_offset, split.syntax, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(meta.title.as_deref(), Some("Roadmap 2026"));
        assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2025-08-19"));
        assert!(meta.draft);
        assert!(meta.extra.contains_key("tags"));
    }

    #[test]
    fn toml_errors_point_into_the_page() {
        let text = "+++\ntitle = Roadmap\n+++\n";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        let meta = parse(split.block.unwrap_or_default(), split.block_offset, split.syntax, &mut diags);
        assert_eq!(meta.front_matter, FrontMatterState::Broken);
        assert_eq!(diags[0].code, crate::read::codes::frontmatter::TOML);
        let at = diags[0].span.map_or(0, |s| s.start);
        assert!(text[at..].starts_with("Roadmap"), "{:?}", &text[at..]);
    }

    #[test]
    fn reads_hugo_json_front_matter_like_yaml() {
        let text = "{\n  \"title\": \"Køreplan 2026\",\n  \"date\": \"2025-08-19\",\n  \"draft\": true,\n  \"status\": \"Udkast\",\n  \"tags\": [\"a\"]\n}\n# T\n";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        assert_eq!(split.syntax, Syntax::Json);
        assert_eq!(&text[split.body_offset..], "# T\n");
        let meta = parse(split.block.unwrap_or_default(), split.block_offset, split.syntax, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(meta.title.as_deref(), Some("Køreplan 2026"));
        assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2025-08-19"));
        assert!(meta.draft);
        assert!(meta.extra.contains_key("tags"));
    }

    #[test]
    fn json_errors_and_bad_values_point_into_the_page() {
        let text = "{\n  \"title\": \"x\"\n  \"date\": \"2025-08-19\"\n}\n";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        let meta = parse(split.block.unwrap_or_default(), split.block_offset, split.syntax, &mut diags);
        assert_eq!(meta.front_matter, FrontMatterState::Broken);
        assert_eq!(diags[0].code, crate::read::codes::frontmatter::JSON);
        let at = diags[0].span.map_or(0, |s| s.start);
        assert!(text[at..].starts_with("\"date\""), "{:?}", &text[at..]);

        let text = "{\n  \"title\": \"x\",\n  \"date\": \"2025-13-45\"\n}\n";
        let mut diags = Vec::new();
        let parts = super::split(text, &mut diags);
        parse(parts.block.unwrap_or_default(), parts.block_offset, parts.syntax, &mut diags);
        let at = diags[0].span.map_or(0, |s| s.start);
        assert!(text[at..].starts_with("\"2025-13-45\""), "{diags:?}");
    }

    #[test]
    fn an_unclosed_json_object_is_body_with_a_warning() {
        let text = "{\n  \"title\": \"x\"\n# T\n";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        assert_eq!(split.block, None);
        assert_eq!(split.body, text);
        assert_eq!(diags[0].code, crate::read::codes::frontmatter::UNCLOSED);
    }

    #[test]
    fn a_numeric_version_keeps_its_digits_as_written() {
        let text = "---\nversion: 1.10\ntitle: 2026\nweight: 1.50\n---\n";
        let mut diags = Vec::new();
        let parts = split(text, &mut diags);
        let meta = parse(parts.block.unwrap_or_default(), parts.block_offset, parts.syntax, &mut diags);
        assert_eq!(meta.version.as_deref(), Some("1.10"));
        assert_eq!(meta.title.as_deref(), Some("2026"));
        for text in ["+++\nversion = 1.10\n+++\n", "{\n  \"version\": 2.50,\n  \"x\": 1\n}\n"] {
            let parts = split(text, &mut diags);
            let meta = parse(parts.block.unwrap_or_default(), parts.block_offset, parts.syntax, &mut diags);
            assert!(matches!(meta.version.as_deref(), Some("1.10" | "2.50")), "{text}: {:?}", meta.version);
        }
        // Other keys keep YAML's value.
        assert_eq!(meta.extra.get("weight").and_then(|v| v.as_f64()), Some(1.5));
    }

    #[test]
    fn reports_a_garbled_opener() {
        let text = "gelse---\ntitle: x\n---\n# T\n";
        let mut diags = Vec::new();
        let split = split(text, &mut diags);
        assert_eq!(split.block, None);
        assert_eq!(split.body, text);
        assert_eq!(diags[0].code, crate::read::codes::frontmatter::GARBLED);
    }

    #[test]
    fn reports_an_unclosed_block() {
        let mut diags = Vec::new();
        let split = split("---\ntitle: x\n", &mut diags);
        assert_eq!(split.block, None);
        assert_eq!(diags[0].code, crate::read::codes::frontmatter::UNCLOSED);
    }

    #[test]
    fn reads_typed_fields_and_keeps_the_rest() {
        let yaml = "layout: default\ntitle: \"Roadmap\"\nauthor: \"Anna\"\ndate: \"19-08-2025\"\nstatus: \"Udkast\" \nnav_order: 1\n";
        let mut diags = Vec::new();
        let meta = parse(yaml, 4, Syntax::Yaml, &mut diags);
        assert_eq!(meta.title.as_deref(), Some("Roadmap"));
        assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2025-08-19"));
        assert_eq!(meta.status.as_deref(), Some("Udkast"));
        assert!(meta.draft);
        assert_eq!(meta.nav_order, Some(Value::from(1)));
        assert_eq!(meta.extra.get("layout"), Some(&Value::from("default")));
        assert!(diags.is_empty());
    }

    #[test]
    fn yaml_errors_point_into_the_page() {
        let mut diags = Vec::new();
        let meta = parse("title: [unclosed\n", 4, Syntax::Yaml, &mut diags);
        assert_eq!(meta.front_matter, FrontMatterState::Broken);
        assert_eq!(diags[0].code, crate::read::codes::frontmatter::YAML);
        assert!(diags[0].span.is_some_and(|s| s.start >= 4));
    }

    #[test]
    fn reads_dates_as_written() {
        for (text, iso) in [
            ("19-08-2025", "2025-08-19"),
            ("2025-08-19", "2025-08-19"),
            ("19.08.2025", "2025-08-19"),
            ("19/08/2025", "2025-08-19"),
            ("2025-08-19 10:00:00 +0200", "2025-08-19"),
            ("19. august 2025", "2025-08-19"),
            ("August 19, 2025", "2025-08-19"),
            ("19 Aug 2025", "2025-08-19"),
        ] {
            assert_eq!(parse_document_date(text).map(|d| d.to_string()).as_deref(), Some(iso), "{text}");
        }
        assert_eq!(parse_document_date("2025-00-01"), None);
        assert_eq!(parse_document_date("soon"), None);
    }
}
