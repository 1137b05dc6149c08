use boardpack::date::Date;
use std::time::Instant;
fn t(label: &str, text: &str) {
    let today = Date::new(2025, 6, 18).expect("d");
    let s = Instant::now();
    let (_tl, d) = boardpack::gantt::resolve(text, today);
    println!("{label}: {:?} ({} diags)", s.elapsed(), d.len());
}
fn main() {
    let h = "gantt\n dateFormat YYYY-MM-DD\n excludes weekends\n";
    t("longname", &format!("{h} {} :x, 2025-01-06, 1d\n", "a".repeat(200_000)));
    t("longstart", &format!("{h} Long :y, {}, 1d\n", "1".repeat(100_000)));
    t("style", &format!("{h} style{}# ;\n", ":".repeat(100_000)));
    let mut c = String::from(h);
    for i in 0..5000 { c.push_str(&format!(" C{i} :c{i}, after c{}, 1d\n", (i + 1) % 5000)); }
    t("cycle", &c);
    let mut u = String::from(h);
    for i in 0..5000 { u.push_str(&format!(" U{i} :u{i}, after nothing{i}, 1d\n")); }
    t("unknown", &u);
    t("fm", &format!("{h}---\n{}\n---\n", "\n".repeat(50_000)));
    t("front", &format!("---{}x", "\n".repeat(100_000)));
    let mut c = String::from(h);
    for i in 0..20000 { c.push_str(&format!(" call x{i}\n click y{i}\n href \"a\n accDescr {{\n")); }
    t("calls", &c);
}
#[allow(dead_code)]
fn more() {}
