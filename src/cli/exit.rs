//! The process exit codes, defined once: the commands return them, `--help` and the
//! README list them from this table.

pub const OK: u8 = 0;
pub const PROBLEMS: u8 = 1;
pub const USAGE: u8 = 2;
pub const INPUT: u8 = 3;
pub const OUTPUT: u8 = 4;
pub const INTERNAL: u8 = 70;

/// Every code with what it means, in the order `--help` lists them.
pub const MEANINGS: &[(u8, &str)] = &[
    (OK, "success"),
    (PROBLEMS, "problems found (errors, or warnings with --strict), or some documents failed"),
    (USAGE, "usage error (bad arguments)"),
    (INPUT, "an input could not be read (missing, unreadable, too large)"),
    (OUTPUT, "an output could not be written"),
    (INTERNAL, "internal error (a bug in boardpack or its templates; please report it)"),
];

/// The "Exit codes:" block of `--help`.
pub fn help_table() -> String {
    let mut text = String::from("Exit codes:");
    for (code, meaning) in MEANINGS {
        text.push_str(&format!("\n  {code:<2} {meaning}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_code_once() {
        let table = help_table();
        for (code, _) in MEANINGS {
            assert_eq!(table.matches(&format!("\n  {code:<2} ")).count(), 1, "{table}");
        }
    }
}
