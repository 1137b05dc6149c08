//! MDX (Docusaurus) pages start with JavaScript `import` lines, which the site never
//! shows. They are blanked, keeping every offset, so that they do not become the report's
//! first paragraph. Code fences are left alone.

use std::borrow::Cow;

/// `text` with its MDX `import … from '…'` lines replaced by spaces.
pub fn blank_imports(text: &str) -> Cow<'_, str> {
    if !text.contains("import ") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut fences = crate::read::dialects::containers::Fences::default();
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\r', '\n']);
        if !fences.in_code(body) && is_import(body) {
            out.push_str(&" ".repeat(body.len()));
            out.push_str(&line[body.len()..]);
            changed = true;
        } else {
            out.push_str(line);
        }
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

/// `import Tabs from '@theme/Tabs';`, `import {A, B} from "./x";`, `import './x.css';`
fn is_import(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("import ") else { return false };
    let rest = rest.trim_end().trim_end_matches(';');
    let quoted = |s: &str| {
        let s = s.trim();
        s.len() >= 2 && (s.starts_with('\'') && s.ends_with('\'') || s.starts_with('"') && s.ends_with('"'))
    };
    match rest.rsplit_once(" from ") {
        Some((_, source)) => quoted(source),
        None => quoted(rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_lines_are_blanked_and_prose_stays() {
        let text = "import Tabs from '@theme/Tabs';\nimport {A, B} from \"./x\";\n\n# T\n\nimport the data from the old system.\n```js\nimport x from 'y';\n```\n";
        let out = blank_imports(text);
        assert_eq!(out.len(), text.len());
        assert!(out.starts_with(&" ".repeat(31)));
        assert!(out.contains("import the data from the old system."));
        assert!(out.contains("import x from 'y';"));
        assert!(!out.contains("@theme"));
    }
}
