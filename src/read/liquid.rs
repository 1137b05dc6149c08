//! The Liquid subset that Jekyll roadmap pages use: `{{ site.time | date: '%B %d, %Y' }}`,
//! `{{ page.title }}` and other front-matter values, the filters `date`, `upcase`,
//! `downcase`, `capitalize`, `default`, `strip`, `append`, `prepend`, `replace`,
//! `date_to_string`, `date_to_long_string`, plus `{% raw %}` and `{% comment %}`. Output
//! reads as Jekyll prints it. Anything else stays as literal text with a warning, and the
//! expansion keeps a [`SourceMap`] so later stages point at the original bytes.

use crate::date::{Date, DateTime, MONTH_NAMES, WEEKDAY_NAMES};
use crate::diag::{Diagnostic, SourceMap, Span};
use crate::model::Meta;
use crate::read::frontmatter::{parse_document_date, scalar_text};
use serde_json::Value;

pub struct Context<'a> {
    pub meta: &'a Meta,
    /// Jekyll's `site.time`: the export's "today".
    pub today: Date,
}

pub struct Expanded {
    pub text: String,
    /// From offsets in `text` to offsets in the input.
    pub map: SourceMap,
}

/// Expands Liquid in `input`. Spans of diagnostics are offsets into `input`.
pub fn expand(input: &str, context: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) -> Expanded {
    let mut out = Expander {
        input,
        text: String::with_capacity(input.len()),
        map: SourceMap::default(),
        output_close: NextMatch::new("}}"),
        tag_close: NextMatch::new("%}"),
        warned_unclosed: false,
        generated: 0,
    };
    let mut pos = 0;
    while let Some(found) = find_open(input, pos) {
        out.copy(pos, found);
        let rest = &input[found..];
        if rest.starts_with("{{") {
            pos = out.output(found, context, diagnostics);
        } else {
            pos = out.tag(found, diagnostics);
        }
    }
    out.copy(pos, input.len());
    Expanded { text: out.text, map: out.map }
}

fn find_open(input: &str, from: usize) -> Option<usize> {
    let bytes = input.as_bytes();
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && (bytes[i + 1] == b'{' || bytes[i + 1] == b'%') {
            return Some(i);
        }
        i += 1;
    }
    None
}

struct Expander<'a> {
    input: &'a str,
    text: String,
    map: SourceMap,
    output_close: NextMatch,
    tag_close: NextMatch,
    /// An unclosed `{%` is reported once per page: a page may hold thousands.
    warned_unclosed: bool,
    /// Bytes Liquid has generated so far: all of a page's values together stay within
    /// [`MAX_PAGE_VALUES_BYTES`].
    generated: usize,
}

/// All Liquid values of a page together: the size of the largest page boardpack reads.
const MAX_PAGE_VALUES_BYTES: usize = 8 * 1024 * 1024;

/// The next `needle` at or after a position, remembered: positions only grow, so a page
/// with thousands of `{%` and no `%}` is searched once, not once per `{%`.
struct NextMatch {
    needle: &'static str,
    /// (searched from, found at)
    last: Option<(usize, Option<usize>)>,
}

impl NextMatch {
    fn new(needle: &'static str) -> Self {
        Self { needle, last: None }
    }

    fn find(&mut self, input: &str, from: usize) -> Option<usize> {
        if let Some((searched, found)) = self.last
            && searched <= from
            && found.is_none_or(|at| at >= from)
        {
            return found;
        }
        let found = input.get(from..).and_then(|rest| rest.find(self.needle)).map(|i| from + i);
        self.last = Some((from, found));
        found
    }
}

/// A tag or output does not run across a blank line: a `{%` or `{{` in prose (`10 {%`)
/// would otherwise swallow every paragraph up to the next `%}`.
fn spans_a_blank_line(inner: &str) -> bool {
    inner.contains("\n\n") || inner.contains("\n\r\n")
}

impl Expander<'_> {
    fn copy(&mut self, from: usize, to: usize) {
        if to > from {
            self.map.push_verbatim(self.text.len(), from, to - from);
            self.text.push_str(&self.input[from..to]);
        }
    }

    fn generate(&mut self, origin: usize, text: &str) {
        self.map.push_generated(self.text.len(), origin, text.len());
        self.text.push_str(text);
    }

    /// `{{ ... }}` at `start`; returns where to continue.
    fn output(&mut self, start: usize, context: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let close = self.output_close.find(self.input, start + 2);
        let Some(close) = close.filter(|&c| !spans_a_blank_line(&self.input[start + 2..c])) else {
            self.copy(start, start + 2);
            return start + 2;
        };
        let end = close + 2;
        let inner = self.input[start + 2..close].trim_matches('-').trim();
        let span = Span::new(start, end);
        if inner.starts_with('<') || inner.starts_with('%') {
            // A Hugo shortcode ({{< ... >}}): not Liquid, kept as written. Mermaid's
            // shortcode becomes a diagram (see `containers`), so it needs no warning.
            let shortcode = inner.trim_matches(['<', '>', '%', ' ']);
            let name = shortcode.trim_start_matches(['/', ' ']).split_whitespace().next().unwrap_or("");
            if name == "mermaid" {
                self.copy(start, end);
                return end;
            }
            diagnostics.push(
                Diagnostic::warning(
                    crate::read::codes::liquid::UNSUPPORTED,
                    format!(
                        "`{}` is a Hugo shortcode, not Liquid; it is kept as written",
                        &self.input[start..end]
                    ),
                )
                .with_span(span),
            );
            self.copy(start, end);
            return end;
        }
        match evaluate(inner, context) {
            Ok(value) => {
                let text = render_value(&value);
                if self.generated + text.len() > MAX_PAGE_VALUES_BYTES {
                    self.too_large(start, end, self.generated + text.len(), diagnostics);
                } else {
                    self.generated += text.len();
                    self.generate(start, &text);
                }
            }
            Err(Problem::TooLarge(size)) => self.too_large(start, end, size, diagnostics),
            Err(Problem::Unsupported(problem)) => {
                diagnostics.push(
                    Diagnostic::warning(crate::read::codes::liquid::UNSUPPORTED, format!("`{}` is not supported Liquid ({problem}); it is kept as written", &self.input[start..end]))
                        .with_span(span)
                        .with_hint("boardpack understands site.time, page.* and the filters date, upcase, downcase, capitalize, default, strip, append, prepend, replace"),
                );
                self.copy(start, end);
            }
        }
        end
    }

    /// Keeps `{{ … }}` from `start` to `end` as written: its value would be `size` bytes.
    fn too_large(&mut self, start: usize, end: usize, size: usize, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::liquid::TOO_LARGE,
                format!(
                    "`{}` would make a text of {} MiB; it is kept as written",
                    crate::view::label::shortened(&self.input[start..end], 80),
                    size.div_ceil(1024 * 1024)
                ),
            )
            .with_span(Span::new(start, end))
            .with_hint(format!(
                "boardpack evaluates Liquid values of up to {} MiB, and {} MiB for a whole page",
                MAX_VALUE_BYTES / 1024 / 1024,
                MAX_PAGE_VALUES_BYTES / 1024 / 1024
            )),
        );
        self.copy(start, end);
    }

    /// `{% ... %}` at `start`; returns where to continue.
    fn tag(&mut self, start: usize, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let close = self.tag_close.find(self.input, start + 2);
        let Some(close) = close.filter(|&c| !spans_a_blank_line(&self.input[start + 2..c])) else {
            if std::mem::replace(&mut self.warned_unclosed, true) {
                self.copy(start, start + 2);
                return start + 2;
            }
            diagnostics.push(
                Diagnostic::warning(
                    crate::read::codes::liquid::UNCLOSED,
                    "`{%` starts a Liquid tag that does not end in its paragraph; it is kept as written",
                )
                .with_span(Span::new(start, start + 2))
                .with_hint("close the tag with `%}`, or write `{% raw %}{%{% endraw %}` for a literal `{%`"),
            );
            self.copy(start, start + 2);
            return start + 2;
        };
        let end = close + 2;
        let inner = self.input[start + 2..close].trim_matches('-').trim();
        let name = inner.split_whitespace().next().unwrap_or("");
        match name {
            "raw" => match find_tag(self.input, end, "endraw") {
                Some((body_end, after)) => {
                    self.copy(end, body_end);
                    after
                }
                None => self.unclosed(start, end, "raw", diagnostics),
            },
            "comment" => match find_tag(self.input, end, "endcomment") {
                Some((_, after)) => after,
                None => self.unclosed(start, end, "comment", diagnostics),
            },
            // The jekyll-mermaid plugin's block: kept for `containers` to read as a diagram.
            "mermaid" | "endmermaid" => {
                self.copy(start, end);
                end
            }
            _ => {
                diagnostics.push(
                    Diagnostic::warning(crate::read::codes::liquid::UNSUPPORTED, format!("the Liquid tag `{{% {name} %}}` is not supported in roadmap exports; it is left out (text between such tags is kept)"))
                        .with_span(Span::new(start, end))
                        .with_hint("only {% raw %} and {% comment %} are evaluated; move logic out of the roadmap page"),
                );
                // Jekyll never shows a tag itself: leave it out, as an include or an `if`
                // that boardpack cannot evaluate would print nothing of its own.
                end
            }
        }
    }

    fn unclosed(&mut self, start: usize, end: usize, name: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::liquid::UNCLOSED,
                format!("`{{% {name} %}}` is never closed with `{{% end{name} %}}`; it is kept as written"),
            )
            .with_span(Span::new(start, end)),
        );
        self.copy(start, end);
        end
    }
}

/// Finds `{% name %}` after `from`: (start of the tag, end of the tag).
fn find_tag(input: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut pos = from;
    while let Some(i) = input[pos..].find("{%") {
        let start = pos + i;
        let close = input[start..].find("%}")? + start;
        if input[start + 2..close].trim_matches('-').trim() == name {
            return Some((start, close + 2));
        }
        pos = start + 2;
    }
    None
}

/// A Liquid value: strings, numbers and dates are all we need.
#[derive(Clone, Debug, PartialEq)]
enum Liquid {
    Nil,
    Str(String),
    Time(DateTime),
    Json(Value),
}

/// Why a Liquid output cannot be evaluated.
enum Problem {
    /// Something boardpack does not understand, with what it is.
    Unsupported(String),
    /// A filter would make a value of this many bytes (a `replace` chain grows a 300-byte
    /// page to gigabytes).
    TooLarge(usize),
}

/// A Liquid value grows no larger than this: far above any roadmap page's needs.
pub const MAX_VALUE_BYTES: usize = 1024 * 1024;

fn evaluate(expr: &str, context: &Context<'_>) -> Result<Liquid, Problem> {
    let mut parts = split_outside_quotes(expr, '|').into_iter();
    let head = parts.next().unwrap_or_default();
    let mut value = lookup(head.trim(), context).map_err(Problem::Unsupported)?;
    for filter in parts {
        value = apply_filter(value, filter.trim())?;
    }
    Ok(value)
}

fn lookup(path: &str, context: &Context<'_>) -> Result<Liquid, String> {
    if let Some(literal) = string_literal(path) {
        return Ok(Liquid::Str(literal));
    }
    if !path.is_empty() && path.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return Ok(Liquid::Str(path.to_string()));
    }
    match path {
        "site.time" => return Ok(Liquid::Time(DateTime::from_date(context.today))),
        "page.title" => return Ok(context.meta.title.clone().map_or(Liquid::Nil, Liquid::Str)),
        "page.author" => return Ok(context.meta.author.clone().map_or(Liquid::Nil, Liquid::Str)),
        "page.date" => {
            return Ok(match (context.meta.date, &context.meta.date_text) {
                (Some(date), _) => Liquid::Time(DateTime::from_date(date)),
                (None, Some(text)) => Liquid::Str(text.clone()),
                (None, None) => Liquid::Nil,
            });
        }
        "page.status" => return Ok(context.meta.status.clone().map_or(Liquid::Nil, Liquid::Str)),
        "page.parent" => return Ok(context.meta.parent.clone().map_or(Liquid::Nil, Liquid::Str)),
        "page.lang" => return Ok(context.meta.lang.clone().map_or(Liquid::Nil, Liquid::Str)),
        "page.nav_order" => {
            return Ok(context.meta.nav_order.clone().map_or(Liquid::Nil, Liquid::Json));
        }
        _ => {}
    }
    if let Some(key) = path.strip_prefix("page.") {
        let mut segments = key.split('.');
        let first = segments.next().unwrap_or_default();
        // Jekyll prints nothing for a page variable that is not set.
        let Some(mut value) = context.meta.extra.get(first) else {
            return Ok(Liquid::Nil);
        };
        for segment in segments {
            match value.get(segment) {
                Some(v) => value = v,
                None => return Ok(Liquid::Nil),
            }
        }
        return Ok(Liquid::Json(value.clone()));
    }
    Err(format!("unknown variable `{path}`"))
}

fn string_literal(text: &str) -> Option<String> {
    let text = text.trim();
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    text.strip_prefix(quote)?.strip_suffix(quote).map(str::to_string)
}

fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == separator => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            None => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

fn apply_filter(value: Liquid, filter: &str) -> Result<Liquid, Problem> {
    let (name, args) = match filter.split_once(':') {
        Some((name, args)) => {
            (name.trim(), split_outside_quotes(args, ',').into_iter().map(|a| arg_text(a.trim())).collect())
        }
        None => (filter.trim(), Vec::new()),
    };
    let text = || render_value(&value);
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    Ok(match name {
        "date" => date_filter(value, &arg(0)),
        "date_to_string" => date_filter(value, "%d %b %Y"),
        "date_to_long_string" => date_filter(value, "%d %B %Y"),
        "upcase" => Liquid::Str(text().to_uppercase()),
        "downcase" => Liquid::Str(text().to_lowercase()),
        "capitalize" => {
            let t = text();
            let mut chars = t.chars();
            Liquid::Str(chars.next().map_or(String::new(), |c| {
                c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()
            }))
        }
        "strip" => Liquid::Str(text().trim().to_string()),
        "append" => Liquid::Str(within_limit(text() + &arg(0))?),
        "prepend" => Liquid::Str(within_limit(arg(0) + &text())?),
        "replace" => {
            let (input, from, to) = (text(), arg(0), arg(1));
            // As Ruby's gsub: an empty pattern matches between every two characters.
            let matches =
                if from.is_empty() { input.chars().count() + 1 } else { input.matches(&from).count() };
            let size = (input.len() + matches * to.len()).saturating_sub(matches * from.len());
            if size > MAX_VALUE_BYTES {
                return Err(Problem::TooLarge(size));
            }
            Liquid::Str(input.replace(&from, &to))
        }
        "default" => match &value {
            Liquid::Nil => Liquid::Str(arg(0)),
            Liquid::Str(s) if s.is_empty() => Liquid::Str(arg(0)),
            Liquid::Json(Value::Bool(false) | Value::Null) => Liquid::Str(arg(0)),
            _ => value,
        },
        other => return Err(Problem::Unsupported(format!("unknown filter `{other}`"))),
    })
}

fn within_limit(text: String) -> Result<String, Problem> {
    if text.len() > MAX_VALUE_BYTES { Err(Problem::TooLarge(text.len())) } else { Ok(text) }
}

fn arg_text(arg: &str) -> String {
    string_literal(arg).unwrap_or_else(|| arg.to_string())
}

/// Jekyll's `date` filter: format a time; a string is parsed first; input that is not a
/// date passes through unchanged, as Liquid does.
fn date_filter(value: Liquid, format: &str) -> Liquid {
    let time = match &value {
        Liquid::Time(t) => Some(*t),
        Liquid::Str(s) => parse_document_date(s).map(DateTime::from_date),
        Liquid::Json(v) => scalar_text(v).and_then(|s| parse_document_date(&s)).map(DateTime::from_date),
        Liquid::Nil => None,
    };
    match time {
        Some(t) if !format.is_empty() => Liquid::Str(strftime(t, format)),
        _ => value,
    }
}

fn render_value(value: &Liquid) -> String {
    match value {
        Liquid::Nil => String::new(),
        Liquid::Str(s) => s.clone(),
        // Ruby's Time#to_s for a local time at UTC offset zero.
        Liquid::Time(t) => strftime(*t, "%Y-%m-%d %H:%M:%S +0000"),
        Liquid::Json(Value::Array(items)) => {
            items.iter().map(|v| render_value(&Liquid::Json(v.clone()))).collect()
        }
        Liquid::Json(v) => scalar_text(v).unwrap_or_default(),
    }
}

/// Ruby's `strftime` for the directives roadmap pages use; unknown ones are kept.
pub fn strftime(time: DateTime, format: &str) -> String {
    let Some(date) = time.date() else {
        return String::new();
    };
    let ms = time.time_of_day_ms();
    let (hour, minute, second) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
    let month = MONTH_NAMES[date.month() as usize - 1];
    let weekday = WEEKDAY_NAMES[date.weekday() as usize - 1];
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let unpadded = chars.peek() == Some(&'-');
        if unpadded {
            chars.next();
        }
        let pad2 = |n: i64| {
            if unpadded { n.to_string() } else { format!("{n:02}") }
        };
        match chars.next() {
            Some('Y') => out.push_str(&date.year().to_string()),
            Some('y') => out.push_str(&format!("{:02}", date.year().rem_euclid(100))),
            Some('m') => out.push_str(&pad2(date.month() as i64)),
            Some('d') => out.push_str(&pad2(date.day() as i64)),
            Some('e') => out.push_str(&format!("{:>2}", date.day())),
            Some('B') => out.push_str(month),
            Some('b') | Some('h') => out.push_str(&month[..3]),
            Some('A') => out.push_str(weekday),
            Some('a') => out.push_str(&weekday[..3]),
            Some('H') => out.push_str(&pad2(hour)),
            Some('I') => out.push_str(&pad2(if hour % 12 == 0 { 12 } else { hour % 12 })),
            Some('M') => out.push_str(&pad2(minute)),
            Some('S') => out.push_str(&pad2(second)),
            Some('p') => out.push_str(if hour < 12 { "AM" } else { "PM" }),
            Some('P') => out.push_str(if hour < 12 { "am" } else { "pm" }),
            Some('j') => {
                let jan1 = Date::new(date.year(), 1, 1).map_or(0, Date::to_days);
                out.push_str(&format!("{:03}", date.to_days() - jan1 + 1));
            }
            Some('u') => out.push_str(&date.weekday().to_string()),
            Some('w') => out.push_str(&(date.weekday() % 7).to_string()),
            Some('F') => out.push_str(&date.to_string()),
            Some('D') => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                date.month(),
                date.day(),
                date.year().rem_euclid(100)
            )),
            Some('s') => out.push_str(&(time.ms() / 1000).to_string()),
            Some('z') => out.push_str("+0000"),
            Some('Z') => out.push_str("UTC"),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(meta: &Meta) -> Context<'_> {
        Context { meta, today: Date::new(2026, 2, 5).unwrap_or_else(|| unreachable!()) }
    }

    fn run(input: &str, meta: &Meta) -> (String, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let out = expand(input, &context(meta), &mut diags);
        (out.text, diags)
    }

    #[test]
    fn site_time_reads_as_jekyll_prints_it() {
        let (text, diags) = run("_sidst opdateret: {{ site.time | date: '%B %d, %Y' }}_", &Meta::default());
        assert_eq!(text, "_sidst opdateret: February 05, 2026_");
        assert!(diags.is_empty());
    }

    #[test]
    fn page_values_and_filters() {
        let mut meta = Meta { title: Some("Roadmap".into()), ..Meta::default() };
        meta.extra.insert("owner".into(), Value::from("os2"));
        let (text, _) = run(
            "{{ page.title | upcase }} {{page.owner|capitalize}} [{{ page.missing }}] {{ page.missing | default: \"n/a\" }}",
            &meta,
        );
        assert_eq!(text, "ROADMAP Os2 [] n/a");
    }

    #[test]
    fn raw_and_comment() {
        let (text, diags) =
            run("a{% raw %}{{ x }}{% endraw %}b{% comment %}hidden{% endcomment %}c", &Meta::default());
        assert_eq!(text, "a{{ x }}bc");
        assert!(diags.is_empty());
    }

    #[test]
    fn unsupported_tags_are_left_out_and_other_syntax_stays_literal_with_a_warning() {
        let input = "x {% if a %}y{% endif %} {{ site.data.foo }} {{< ref \"a\" >}}";
        let (text, diags) = run(input, &Meta::default());
        // Tags print nothing in Jekyll either; the text between them stays.
        assert_eq!(text, "x y {{ site.data.foo }} {{< ref \"a\" >}}");
        assert_eq!(diags.len(), 4);
        assert!(diags.iter().all(|d| d.code == crate::read::codes::liquid::UNSUPPORTED));
    }

    #[test]
    fn a_stray_tag_opener_in_prose_does_not_swallow_the_next_paragraphs() {
        let input = "Budget grows 10 {% over plan.\n\n## Next\n\n- item {% a %} b\n\nMore {% text\n";
        let (text, diags) = run(input, &Meta::default());
        assert_eq!(text, "Budget grows 10 {% over plan.\n\n## Next\n\n- item  b\n\nMore {% text\n");
        // One warning for the unclosed openers, one for the unsupported tag.
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [crate::read::codes::liquid::UNCLOSED, crate::read::codes::liquid::UNSUPPORTED]);
    }

    #[test]
    fn offsets_map_back_to_the_input() {
        let mut diags = Vec::new();
        let input = "ab {{ site.time | date: '%Y' }} cd";
        let out = expand(input, &context(&Meta::default()), &mut diags);
        assert_eq!(out.text, "ab 2026 cd");
        let cd = out.text.find("cd").unwrap_or(0);
        assert_eq!(out.map.map(cd), input.find("cd").unwrap_or(0));
        assert_eq!(out.map.map(4), 3);
    }

    #[test]
    fn strftime_directives() {
        let t = DateTime::from_date(Date::new(2025, 8, 9).unwrap_or_else(|| unreachable!()));
        assert_eq!(
            strftime(t, "%A %a %B %b %d %-d %e %m %y %j %F %%"),
            "Saturday Sat August Aug 09 9  9 08 25 221 2025-08-09 %"
        );
    }
}
