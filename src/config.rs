//! Raw arguments resolved into what the pipeline needs. The wall clock is read here and
//! nowhere else.

use crate::cli::ReadArgs;
use crate::date::{Date, parse_iso_date};
use crate::read::ReadOptions;

/// A usage error: the command line asks for something impossible.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The as-of date: `--today`, else `SOURCE_DATE_EPOCH`, else the system clock (UTC).
pub fn today(flag: Option<&str>) -> Result<Date, UsageError> {
    if let Some(text) = flag {
        return parse_iso_date(text.trim())
            .ok_or_else(|| UsageError(format!("--today `{text}` is not a date; write it as YYYY-MM-DD")));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| UsageError(format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds")))?;
        return Date::from_days(seconds.div_euclid(86_400))
            .ok_or_else(|| UsageError(format!("SOURCE_DATE_EPOCH `{epoch}` is out of range")));
    }
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    Date::from_days(seconds.div_euclid(86_400))
        .ok_or_else(|| UsageError("the system clock is out of range".into()))
}

pub fn read_options(args: &ReadArgs) -> Result<ReadOptions, UsageError> {
    Ok(ReadOptions { today: today(args.today.as_deref())?, repair: !args.no_repair })
}

/// Whether to colour terminal output: only on a terminal, and never with `NO_COLOR`.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
