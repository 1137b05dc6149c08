//! Resolution time of generated gantt charts (plain `Instant`, no harness): `after`
//! chains written top-down (one compile pass), the same chains written bottom-up (Mermaid
//! needs a pass per level and stops after 11), and a chart with `excludes` and holidays.
//! Run with `cargo bench --bench gantt_resolve`.

use boardpack::date::Date;
use boardpack::gantt::resolve;
use std::time::Instant;

fn forward(n: usize) -> String {
    let mut s = String::from("gantt\n    dateFormat YYYY-MM-DD\n    section Chain\n");
    s.push_str("    Task 0 :t0, 2025-01-06, 2d\n");
    for i in 1..n {
        s.push_str(&format!("    Task {i} :t{i}, after t{}, 1d\n", i - 1));
    }
    s
}

fn reverse(n: usize) -> String {
    let mut s = String::from("gantt\n    dateFormat YYYY-MM-DD\n    section Chain\n");
    for i in (1..n).rev() {
        s.push_str(&format!("    Task {i} :t{i}, after t{}, 1d\n", i - 1));
    }
    s.push_str("    Task 0 :t0, 2025-01-06, 2d\n");
    s
}

fn excludes(n: usize) -> String {
    let mut s = String::from(
        "gantt\n    dateFormat YYYY-MM-DD\n    excludes weekends, 2025-12-24, 2025-12-25, 2026-01-01\n",
    );
    s.push_str("    Task 0 :t0, 2025-01-06, 2d\n");
    for i in 1..n {
        if i % 3 == 0 {
            s.push_str(&format!("    Task {i} :5d\n"));
        } else {
            s.push_str(&format!("    Task {i} :t{i}, after t{} t{}, 3d\n", i - 1, i / 2));
        }
    }
    s
}

fn main() {
    let today = Date::new(2025, 6, 18).unwrap_or_else(|| unreachable!());
    println!("{:<10} {:>8} {:>12} {:>14} {:>8}", "chart", "tasks", "time (ms)", "per task (µs)", "dated");
    for (label, make) in
        [("forward", forward as fn(usize) -> String), ("reverse", reverse), ("excludes", excludes)]
    {
        for n in [1_000, 10_000, 100_000] {
            let text = make(n);
            // best of 3
            let mut best = f64::MAX;
            let mut dated = 0;
            for _ in 0..3 {
                let t = Instant::now();
                let (tl, _diags) = resolve(&text, today);
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                best = best.min(ms);
                dated = tl.tasks.iter().filter(|t| t.end.is_some()).count();
            }
            println!("{label:<10} {n:>8} {best:>12.1} {:>14.2} {dated:>8}", best * 1000.0 / n as f64);
        }
    }
}
