//! Diagram configuration from Mermaid front matter (`title`, `displayMode`, `config`) and
//! `%%{init: …}%%` directives: the few `gantt` settings that change what is drawn.

use serde_json::Value;

#[derive(Clone, Debug, Default)]
pub struct Config {
    pub title: Option<String>,
    pub axis_format: Option<String>,
    pub tick_interval: Option<String>,
    pub top_axis: bool,
    pub display_mode: Option<String>,
}

/// Deep merge of `b` into `a` (Mermaid's `assignWithDepth` / `cleanAndMerge`).
pub fn merge(a: &mut Value, b: &Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(k) {
                    Some(slot) if slot.is_object() && v.is_object() => merge(slot, v),
                    _ => {
                        a.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (a, b) => *a = b.clone(),
    }
}

/// JS `String(value)` for the scalar values YAML front matter can hold.
pub fn js_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => None,
        Value::Array(a) => Some(a.iter().filter_map(js_string).collect::<Vec<_>>().join(",")),
        Value::Object(_) => Some("[object Object]".into()),
    }
}

/// JS truthiness.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// Reads the `gantt` section of a merged Mermaid config object.
pub fn apply_gantt(config: &mut Config, merged: &Value) {
    let Some(g) = merged.get("gantt") else { return };
    if let Some(v) = g.get("axisFormat").and_then(Value::as_str) {
        config.axis_format = Some(v.to_string());
    }
    if let Some(v) = g.get("tickInterval").and_then(Value::as_str) {
        config.tick_interval = Some(v.to_string());
    }
    if let Some(v) = g.get("topAxis") {
        config.top_axis = truthy(v);
    }
    if let Some(v) = g.get("displayMode").and_then(js_string) {
        config.display_mode = Some(v);
    }
}

/// Parses YAML front matter the way Mermaid does (JSON schema). `Err` carries the parser's
/// message; Mermaid then fails to render the diagram.
pub fn front_matter(yaml: &str) -> Result<(Option<String>, Option<String>, Value), String> {
    let value: serde_yaml::Value = if yaml.trim().is_empty() {
        serde_yaml::Value::Null
    } else {
        serde_yaml::from_str(yaml).map_err(|e| e.to_string())?
    };
    let json = serde_json::to_value(&value).unwrap_or(Value::Null);
    let Value::Object(map) = json else {
        return Ok((None, None, Value::Null));
    };
    let title = map.get("title").filter(|v| truthy(v)).and_then(js_string);
    let display = map.get("displayMode").filter(|v| truthy(v)).and_then(js_string);
    let config = map.get("config").filter(|v| truthy(v)).cloned().unwrap_or(Value::Null);
    Ok((title, display, config))
}

/// The argument of an `init` directive after Mermaid's `'` → `"` replacement, parsed as
/// JSON (`JSON.parse`): `None` when Mermaid would fail to parse it.
pub fn directive_json(args: &str) -> Option<Value> {
    let text = args.trim().replace('\'', "\"");
    serde_json::from_str(&text).ok()
}
