//! The one place that configures pulldown-cmark: CommonMark + tables, strikethrough, task
//! lists and footnotes, turned into the model's block tree. Mermaid blocks are cut out with
//! a [`SourceMap`] so the gantt engine's spans land on the right bytes of the page.

use super::html::{decode_entities_mapped, html_to_text, strip_comments};
use crate::diag::{Diagnostic, SourceMap, Span};
use crate::model::{Alignment, Block, Inline, ListItem};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Containers (lists, items, quotes) nested deeper than this are flattened, with an error,
/// so that a hostile page cannot exhaust the stack of the reader or the templates: the
/// report data must stay within Typst's limits on JSON nesting (128, and each list level
/// costs four), function calls and layout depth. A list level is two containers (the list
/// and its item), so this is 12 levels of lists, more than any roadmap uses; a 12-level list
/// inside a track's activities was checked to render in every template.
pub const MAX_DEPTH: usize = 24;

/// Inline markup (emphasis, links) nested deeper than this keeps its text but not the
/// extra levels of markup.
pub const MAX_INLINE_DEPTH: usize = 12;

/// Links with a longer address keep their text but not the link: PDF readers and Typst
/// refuse addresses past a few thousand characters.
pub const MAX_URL_BYTES: usize = 2000;

/// A fenced Mermaid block as found in the page.
#[derive(Clone, Debug)]
pub struct RawDiagram {
    /// The info string as written (`mermaid`, `{mermaid}`, `mermaid-example`), or
    /// [`crate::read::dialects::containers::HTML_INFO`] for an HTML container.
    pub fence: String,
    /// The diagram's text (an HTML container's with its entities decoded).
    pub text: String,
    /// From offsets in `text` to offsets in the markdown input.
    pub map: SourceMap,
    /// Offset of the opening fence in the markdown input.
    pub offset: usize,
}

pub struct Parsed {
    pub blocks: Vec<Block>,
    pub diagrams: Vec<RawDiagram>,
}

/// Parses `text`. `line_of` turns an offset in `text` into a 1-based line of the page.
/// Diagnostic spans are offsets into `text`.
pub fn parse(text: &str, line_of: &dyn Fn(usize) -> usize, diagnostics: &mut Vec<Diagnostic>) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut builder = Builder {
        text,
        line_of,
        diagnostics,
        containers: vec![Container::root()],
        leaves: Vec::new(),
        diagrams: Vec::new(),
        code: None,
        html: None,
        html_lines_warned: Vec::new(),
        depth_warned: false,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish()
}

/// Whether a fence's info string names Mermaid: `mermaid`, `mermaid-example`, Quarto's
/// `{mermaid}` and Pandoc's `{.mermaid}`, with or without further attributes.
pub fn is_mermaid_fence(info: &str) -> bool {
    let word: String = info
        .trim()
        .trim_start_matches(['{', '.'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    word == "mermaid" || word == "mermaid-example"
}

enum Container {
    Root {
        blocks: Vec<Block>,
    },
    Quote {
        blocks: Vec<Block>,
        line: usize,
    },
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
        loose: bool,
        line: usize,
    },
    Item {
        blocks: Vec<Block>,
        checked: Option<bool>,
        line: usize,
    },
    Footnote {
        label: String,
        blocks: Vec<Block>,
        line: usize,
    },
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        line: usize,
    },
    /// Content nested deeper than [`MAX_DEPTH`] is appended to the nearest real container.
    Flattened,
}

impl Container {
    fn root() -> Self {
        Container::Root { blocks: Vec::new() }
    }

    fn blocks_mut(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Container::Root { blocks }
            | Container::Quote { blocks, .. }
            | Container::Item { blocks, .. }
            | Container::Footnote { blocks, .. } => Some(blocks),
            _ => None,
        }
    }
}

/// An open run of inline content and what it will become.
enum Leaf {
    Paragraph {
        line: usize,
    },
    Heading {
        level: u8,
        line: usize,
    },
    /// Text directly inside a tight list item.
    ItemText {
        line: usize,
    },
    Cell,
    Emph,
    Strong,
    Strike,
    Link {
        url: String,
    },
    Image {
        url: String,
    },
    /// Markup nested beyond [`MAX_INLINE_DEPTH`]: its content joins the enclosing run.
    Flat,
}

struct OpenLeaf {
    kind: Leaf,
    content: Vec<Inline>,
}

struct Code {
    info: Option<String>,
    text: String,
    map: SourceMap,
    range: Range<usize>,
}

struct Builder<'a> {
    text: &'a str,
    line_of: &'a dyn Fn(usize) -> usize,
    diagnostics: &'a mut Vec<Diagnostic>,
    containers: Vec<Container>,
    leaves: Vec<OpenLeaf>,
    diagrams: Vec<RawDiagram>,
    code: Option<Code>,
    html: Option<(String, usize)>,
    html_lines_warned: Vec<usize>,
    depth_warned: bool,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    let derived = code.text.len();
                    if self.text.get(range.clone()) == Some(&*text) {
                        code.map.push_verbatim(derived, range.start, text.len());
                    } else {
                        code.map.push_generated(derived, range.start, text.len());
                    }
                    code.text.push_str(&text);
                } else if let Some((html, _)) = &mut self.html {
                    html.push_str(&text);
                } else {
                    self.push_inline(Inline::Text { text: text.into_string() }, range.start);
                }
            }
            Event::Code(text) => self.push_inline(Inline::Code { text: text.into_string() }, range.start),
            Event::Html(html) => {
                if let Some((buffer, _)) = &mut self.html {
                    buffer.push_str(&html);
                }
            }
            Event::InlineHtml(html) => self.inline_html(&html, range),
            Event::FootnoteReference(label) => {
                self.push_inline(Inline::FootnoteRef { label: label.into_string() }, range.start)
            }
            Event::SoftBreak => self.push_inline(Inline::SoftBreak, range.start),
            Event::HardBreak => self.push_inline(Inline::LineBreak, range.start),
            Event::Rule => {
                let line = self.line(range.start);
                self.push_block(Block::Rule { line });
            }
            Event::TaskListMarker(checked) => {
                if let Some(Container::Item { checked: slot, .. }) = self.containers.last_mut() {
                    *slot = Some(checked);
                }
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push_inline(Inline::Code { text: text.into_string() }, range.start)
            }
        }
    }

    fn line(&self, offset: usize) -> usize {
        (self.line_of)(offset)
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let line = self.line(range.start);
        match tag {
            Tag::Paragraph => {
                self.close_item_text();
                self.open_leaf(Leaf::Paragraph { line });
            }
            Tag::Heading { level, .. } => self.open_leaf(Leaf::Heading { level: level as u8, line }),
            Tag::BlockQuote(_) => {
                self.open_container(Container::Quote { blocks: Vec::new(), line }, range.start)
            }
            Tag::CodeBlock(kind) => {
                self.close_item_text();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info.into_string()),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(Code { info, text: String::new(), map: SourceMap::default(), range });
            }
            Tag::HtmlBlock => {
                self.close_item_text();
                self.html = Some((String::new(), range.start));
            }
            Tag::List(start) => {
                self.close_item_text();
                self.open_container(
                    Container::List { start, items: Vec::new(), loose: false, line },
                    range.start,
                );
            }
            Tag::Item => {
                self.open_container(Container::Item { blocks: Vec::new(), checked: None, line }, range.start)
            }
            Tag::FootnoteDefinition(label) => self.open_container(
                Container::Footnote { label: label.into_string(), blocks: Vec::new(), line },
                range.start,
            ),
            Tag::Table(alignments) => {
                let alignments = alignments.into_iter().map(alignment).collect();
                self.open_container(
                    Container::Table {
                        alignments,
                        header: Vec::new(),
                        rows: Vec::new(),
                        row: Vec::new(),
                        line,
                    },
                    range.start,
                );
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.open_leaf(Leaf::Cell),
            Tag::Emphasis => self.open_leaf(Leaf::Emph),
            Tag::Strong => self.open_leaf(Leaf::Strong),
            Tag::Strikethrough => self.open_leaf(Leaf::Strike),
            Tag::Link { dest_url, .. } => self.open_leaf(Leaf::Link { url: dest_url.into_string() }),
            Tag::Image { dest_url, .. } => self.open_leaf(Leaf::Image { url: dest_url.into_string() }),
            // Not enabled in our options; listed so that a new pulldown-cmark option is a
            // compile-time decision.
            Tag::Subscript
            | Tag::Superscript
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph => {
                if let Some(Leaf::Paragraph { line }) = self.leaves.last().map(|l| &l.kind) {
                    let line = *line;
                    if let Some(leaf) = self.leaves.pop() {
                        self.push_block(Block::Paragraph { content: leaf.content, line });
                    }
                    let in_item = matches!(self.containers.last(), Some(Container::Item { .. }));
                    if in_item
                        && let Some(Container::List { loose, .. }) = self.containers.iter_mut().rev().nth(1)
                    {
                        *loose = true;
                    }
                }
            }
            TagEnd::Heading(_) => {
                if let Some(OpenLeaf { kind: Leaf::Heading { level, line }, content }) = self.leaves.pop() {
                    self.push_block(Block::Heading { level, content, line });
                }
            }
            TagEnd::CodeBlock => self.finish_code(),
            TagEnd::HtmlBlock => self.finish_html(),
            TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => {
                self.close_item_text();
                self.close_container();
            }
            TagEnd::TableHead => {
                if let Some(Container::Table { header, row, .. }) = self.containers.last_mut() {
                    *header = std::mem::take(row);
                }
            }
            TagEnd::TableRow => {
                if let Some(Container::Table { rows, row, .. }) = self.containers.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::TableCell => {
                if let Some(leaf) = self.leaves.pop()
                    && let Some(Container::Table { row, .. }) = self.containers.last_mut()
                {
                    row.push(leaf.content);
                }
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image => {
                let Some(leaf) = self.leaves.pop() else {
                    return;
                };
                let inline = match leaf.kind {
                    Leaf::Emph => Inline::Emph { content: leaf.content },
                    Leaf::Strong => Inline::Strong { content: leaf.content },
                    Leaf::Strike => Inline::Strike { content: leaf.content },
                    // A PDF link cannot point that far (Typst refuses it): keep the text.
                    Leaf::Link { url } if url.len() > MAX_URL_BYTES => {
                        self.diagnostics.push(
                            Diagnostic::warning(
                                crate::read::codes::markdown::LONG_URL,
                                format!(
                                    "the link's address is {} characters long; the report keeps its text without the link",
                                    url.chars().count()
                                ),
                            )
                            .with_span(Span::new(range.start, range.end))
                            .with_hint(format!("links of up to {MAX_URL_BYTES} characters are kept")),
                        );
                        for inline in leaf.content {
                            self.push_inline(inline, range.start);
                        }
                        return;
                    }
                    Leaf::Link { url } => Inline::Link { url, content: leaf.content },
                    Leaf::Image { url } => {
                        Inline::Image { url, alt: Inline::plain(&leaf.content), path: None }
                    }
                    _ => return,
                };
                self.push_inline(inline, range.start);
            }
            TagEnd::Subscript
            | TagEnd::Superscript
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    fn open_leaf(&mut self, kind: Leaf) {
        let inline =
            matches!(kind, Leaf::Emph | Leaf::Strong | Leaf::Strike | Leaf::Link { .. } | Leaf::Image { .. });
        let kind = if inline && self.leaves.len() >= MAX_INLINE_DEPTH { Leaf::Flat } else { kind };
        self.leaves.push(OpenLeaf { kind, content: Vec::new() });
    }

    fn push_inline(&mut self, inline: Inline, offset: usize) {
        if self.leaves.is_empty() {
            // Text directly in a tight list item (or stray text): give it a leaf.
            let line = self.line(offset);
            self.open_leaf(Leaf::ItemText { line });
        }
        let Some(leaf) = self.leaves.last_mut() else {
            return;
        };
        if let (Inline::Text { text }, Some(Inline::Text { text: previous })) =
            (&inline, leaf.content.last_mut())
        {
            previous.push_str(text);
            return;
        }
        leaf.content.push(inline);
    }

    /// Ends the text run of a tight list item, turning it into a paragraph block.
    fn close_item_text(&mut self) {
        if let Some(OpenLeaf { kind: Leaf::ItemText { line }, .. }) = self.leaves.last() {
            let line = *line;
            if let Some(leaf) = self.leaves.pop() {
                self.push_block(Block::Paragraph { content: leaf.content, line });
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        for container in self.containers.iter_mut().rev() {
            if let Some(blocks) = container.blocks_mut() {
                blocks.push(block);
                return;
            }
            if let Container::List { items, .. } = container {
                // A block directly in a list (not in an item) cannot happen in CommonMark;
                // keep it anyway rather than lose it.
                if let Some(item) = items.last_mut() {
                    item.blocks.push(block);
                    return;
                }
            }
        }
    }

    fn open_container(&mut self, container: Container, offset: usize) {
        // The root is not a nesting level.
        if self.containers.len() > MAX_DEPTH {
            if !self.depth_warned {
                self.depth_warned = true;
                self.diagnostics.push(
                    Diagnostic::error(crate::read::codes::markdown::TOO_DEEP, format!("lists and quotes are nested more than {} levels deep; deeper levels are shown flattened", MAX_DEPTH / 2))
                        .with_span(Span::at(offset, 1)),
                );
            }
            self.containers.push(Container::Flattened);
            return;
        }
        self.containers.push(container);
    }

    fn close_container(&mut self) {
        if self.containers.len() <= 1 {
            return;
        }
        let Some(container) = self.containers.pop() else {
            return;
        };
        match container {
            Container::Root { .. } | Container::Flattened => {}
            Container::Quote { blocks, line } => self.push_block(Block::Quote { blocks, line }),
            Container::Footnote { label, blocks, line } => {
                self.push_block(Block::Footnote { label, blocks, line })
            }
            Container::Table { alignments, header, rows, line, .. } => {
                self.push_block(Block::Table { alignments, header, rows, line })
            }
            Container::List { start, items, loose, line } => {
                self.push_block(Block::List { ordered: start.is_some(), start, tight: !loose, items, line })
            }
            Container::Item { blocks, checked, line } => {
                if let Some(Container::List { start, items, .. }) = self.containers.last_mut() {
                    let number = start.map(|s| s + items.len() as u64);
                    items.push(ListItem { number, checked, blocks, track: None, line });
                } else {
                    // An item whose list was flattened away keeps its content.
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            }
        }
    }

    fn finish_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let line = self.line(code.range.start);
        if let Some(info) = &code.info {
            self.check_fence_closed(info, &code.range);
            if is_mermaid_fence(info) {
                let index = self.diagrams.len();
                let (text, map) = if info.trim() == crate::read::dialects::containers::HTML_INFO {
                    let (decoded, to_code) = decode_entities_mapped(&code.text);
                    (decoded, to_code.then(&code.map))
                } else {
                    (code.text, code.map)
                };
                self.diagrams.push(RawDiagram {
                    fence: info.trim().to_string(),
                    text,
                    map,
                    offset: code.range.start,
                });
                self.push_block(Block::Diagram { diagram: index, line });
                return;
            }
        }
        let lang = code.info.as_deref().and_then(|i| i.split_whitespace().next()).map(str::to_string);
        self.warn_unlabelled_gantt(lang.as_deref(), &code.text, &code.range);
        self.push_block(Block::Code { lang, text: code.text, line });
    }

    /// A code block that holds a gantt chart but is not marked as Mermaid (```` ``` ```` or
    /// ```` ```text ````, an indented block, VuePress Theme Hope's ```` ```gantt ````) is
    /// shown as code: say so where it starts, and how to make it a chart.
    fn warn_unlabelled_gantt(&mut self, lang: Option<&str>, text: &str, range: &Range<usize>) {
        let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("%%")).unwrap_or("");
        let looks_like_gantt = first == "gantt"
            || (lang == Some("gantt") && text.lines().any(|l| l.trim_start().starts_with("section ")))
            || (first.starts_with("dateFormat")
                && text.lines().any(|l| l.trim_start().starts_with("section ")));
        if !looks_like_gantt {
            return;
        }
        let hint = if lang == Some("gantt") {
            "VuePress Theme Hope's ```gantt shorthand is not read: write ```mermaid on the opening line and `gantt` as the chart's first line"
        } else {
            "write ```mermaid on the opening line of the block (and `gantt` as the chart's first line)"
        };
        self.diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::markdown::UNLABELLED_GANTT,
                "this code block holds a gantt chart but is not marked as Mermaid, so the report shows it as code",
            )
            .with_span(Span::at(range.start, 0))
            .with_hint(hint),
        );
    }

    /// Warns when a fenced block runs to the end of its container without a closing fence.
    fn check_fence_closed(&mut self, info: &str, range: &Range<usize>) {
        let source = self.text.get(range.clone()).unwrap_or("");
        let opening = source.trim_start();
        let fence_char = opening.chars().next().unwrap_or('`');
        let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
        let body = source.trim_end_matches(['\n', ' ', '\t']);
        let last = body.rsplit('\n').next().unwrap_or("").trim_start_matches(['>', ' ', '\t']);
        let closed = body.contains('\n')
            && last.chars().take_while(|&c| c == fence_char).count() >= fence_len
            && last.trim_start_matches(fence_char).trim().is_empty();
        if !closed {
            let first_line = source.find('\n').map_or(source.len(), |i| i);
            self.diagnostics.push(
                Diagnostic::warning(
                    crate::read::codes::markdown::UNCLOSED_FENCE,
                    format!(
                        "the code block opened here with `{}` is never closed; it runs to the end of {}",
                        source[..first_line].trim(),
                        if range.end >= self.text.trim_end().len() {
                            "the file"
                        } else {
                            "its list item or quote"
                        }
                    ),
                )
                .with_span(Span::new(range.start, range.start + first_line))
                .with_hint(format!(
                    "add a line with `{}` after the block",
                    fence_char.to_string().repeat(fence_len.max(3))
                ))
                .with_hint(if info.trim().is_empty() {
                    String::new()
                } else {
                    format!("the block is read as `{}` content up to there", info.trim())
                }),
            );
            if let Some(last) = self.diagnostics.last_mut() {
                last.hints.retain(|h| !h.is_empty());
            }
        }
    }

    fn finish_html(&mut self) {
        let Some((html, offset)) = self.html.take() else {
            return;
        };
        let text = html_to_text(&html);
        let only_comments = strip_comments(&html).trim().is_empty();
        if !only_comments {
            self.warn_html(offset, "an HTML block");
        }
        if !text.is_empty() {
            let line = self.line(offset);
            self.push_block(Block::Html { text, line });
        }
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        let tag = html.trim().to_ascii_lowercase();
        if tag.starts_with("<br") {
            self.push_inline(Inline::LineBreak, range.start);
            return;
        }
        if tag.starts_with("<!--") {
            return;
        }
        self.warn_html(range.start, "inline HTML");
        let text = html_to_text(html);
        if !text.is_empty() {
            self.push_inline(Inline::Text { text }, range.start);
        }
    }

    /// One warning per source line, so a table of `<br>`-laden cells does not flood output.
    fn warn_html(&mut self, offset: usize, what: &str) {
        let line = self.line(offset);
        if self.html_lines_warned.contains(&line) {
            return;
        }
        self.html_lines_warned.push(line);
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        self.diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::markdown::RAW_HTML,
                format!("{what} is reduced to its text; tags and styling are not reproduced in the PDF"),
            )
            .with_span(Span::new(offset, end.min(offset + 120).max(offset))),
        );
    }

    fn finish(mut self) -> Parsed {
        self.close_item_text();
        if self.code.is_some() {
            self.finish_code();
        }
        while let Some(leaf) = self.leaves.pop() {
            // Unbalanced inline events cannot come from pulldown-cmark; keep text anyway.
            self.push_block(Block::Paragraph { content: leaf.content, line: 0 });
        }
        while self.containers.len() > 1 {
            self.close_container();
        }
        let blocks = match self.containers.pop() {
            Some(Container::Root { blocks }) => blocks,
            _ => Vec::new(),
        };
        Parsed { blocks, diagrams: self.diagrams }
    }
}

fn alignment(a: pulldown_cmark::Alignment) -> Alignment {
    match a {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Parsed, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let index = crate::diag::LineIndex::new(text);
        let parsed = parse(text, &|o| index.line_col(text, o).0, &mut diags);
        (parsed, diags)
    }

    #[test]
    fn ordered_list_keeps_numbers_and_nesting() {
        let text = "3. **Lead** more\n   - a\n   - b\n     - c\n5.  **Next**\n";
        let (parsed, _) = parse_str(text);
        let Some(Block::List { start: Some(3), items, .. }) = parsed.blocks.first() else {
            panic!("{:?}", parsed.blocks);
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].number, Some(4));
        let Some(Block::List { items: nested, .. }) = items[0].blocks.get(1) else { panic!() };
        assert_eq!(nested.len(), 2);
    }

    #[test]
    fn dash_dash_item_is_an_item_holding_a_list() {
        let (parsed, _) = parse_str("- a\n-  - b\n");
        let Some(Block::List { items, .. }) = parsed.blocks.first() else { panic!() };
        assert!(matches!(items[1].blocks.first(), Some(Block::List { .. })));
    }

    #[test]
    fn mermaid_fences_are_recognised_and_mapped() {
        let text = "x\n\n~~~mermaid\ngantt\n  a :2025-01-01, 1d\n~~~\n\n```{mermaid}\npie\n```\n";
        let (parsed, diags) = parse_str(text);
        assert_eq!(parsed.diagrams.len(), 2);
        let d = &parsed.diagrams[0];
        assert_eq!(d.text, "gantt\n  a :2025-01-01, 1d\n");
        let local = d.text.find("2025").unwrap_or(0);
        assert_eq!(d.map.map(local), text.find("2025").unwrap_or(0));
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn unclosed_fence_is_reported() {
        let (parsed, diags) = parse_str("a\n\n```mermaid\ngantt\n");
        assert_eq!(parsed.diagrams.len(), 1);
        assert_eq!(diags[0].code, crate::read::codes::markdown::UNCLOSED_FENCE);
    }

    #[test]
    fn html_is_reduced_to_text_with_a_warning() {
        let (parsed, diags) =
            parse_str("<div align=\"center\">Hello &amp; <b>bye</b></div>\n\nText <span>x</span> y<br>z\n");
        let Some(Block::Html { text, .. }) = parsed.blocks.first() else { panic!("{:?}", parsed.blocks) };
        assert_eq!(text, "Hello & bye");
        assert_eq!(diags.len(), 2);
        let Some(Block::Paragraph { content, .. }) = parsed.blocks.get(1) else { panic!() };
        assert!(content.contains(&Inline::LineBreak));
    }

    #[test]
    fn tables_and_task_lists() {
        let (parsed, _) = parse_str("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n");
        let Some(Block::Table { header, rows, .. }) = parsed.blocks.first() else { panic!() };
        assert_eq!(header.len(), 2);
        assert_eq!(rows[0][1], vec![Inline::Text { text: "2".into() }]);
        let Some(Block::List { items, .. }) = parsed.blocks.get(1) else { panic!() };
        assert_eq!(items[0].checked, Some(true));
    }

    #[test]
    fn twelve_list_levels_are_kept_as_written() {
        let text: String = (0..12).map(|i| format!("{}- x{i}\n", "  ".repeat(i))).collect();
        let (_, diags) = parse_str(&text);
        assert!(diags.is_empty(), "{diags:?}");
        let text: String = (0..13).map(|i| format!("{}- x{i}\n", "  ".repeat(i))).collect();
        let (_, diags) = parse_str(&text);
        assert!(diags.iter().any(|d| d.code == crate::read::codes::markdown::TOO_DEEP));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text: String = (0..200).map(|i| format!("{}- x{i}\n", "  ".repeat(i))).collect();
        let (parsed, diags) = parse_str(&text);
        assert!(diags.iter().any(|d| d.code == crate::read::codes::markdown::TOO_DEEP));
        let json = serde_json::to_string(&parsed.blocks).unwrap_or_default();
        assert!(json.contains("x199"));
    }
}
