use boardpack::date::Date;
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let text = std::fs::read_to_string(&path).expect("read");
    let today = Date::new(2025, 6, 18).expect("d");
    let (tl, diags) = boardpack::gantt::resolve(&text, today);
    let idx = boardpack::diag::LineIndex::new(&text);
    for t in &tl.tasks {
        println!("{:>8} {:<28} sec={} {} {} {} {}{}{}{}{} o={} man={} {}", t.id, t.name, t.section,
            t.start.map_or("-".into(), |d| d.to_string()), t.end.map_or("-".into(), |d| d.to_string()),
            t.render_end.map_or("-".into(), |d| d.to_string()),
            if t.flags.milestone {"m"} else {""}, if t.flags.vert {"v"} else {""}, if t.flags.crit {"c"} else {""}, if t.flags.done {"d"} else {""}, if t.flags.active {"a"} else {""},
            t.order, t.manual_end, t.problem.as_ref().map_or(String::new(), |p| p.code.to_string()));
    }
    println!("title={:?} fmt={:?} axis={:?} tick={:?}/{} ex={:?} inc={:?} sections={:?} range={:?} links={:?} top={} dm={:?} tm={:?}", tl.title, tl.date_format, tl.axis_format, tl.tick_interval, tl.tick_interval_valid, tl.excludes, tl.includes, tl.sections.iter().map(|s| s.name.clone()).collect::<Vec<_>>(), tl.range.map(|r| (r.start.to_string(), r.end.to_string())), tl.links, tl.top_axis, tl.display_mode, tl.today_marker);
    for d in &diags {
        let (l, c) = d.span.map(|s| idx.line_col(&text, s.start)).unwrap_or((0, 0));
        println!("  {:?} {} {}:{} {}", d.severity, d.code, l, c, d.message);
        for h in &d.hints { println!("      hint: {h}"); }
    }
}
