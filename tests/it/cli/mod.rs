//! The binary as a user runs it.

mod check;
mod commands;
mod diff;
mod fonts;
mod hostile;

use std::process::Command;

/// The binary, without colour and without a fixed date from the environment.
fn boardpack() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_boardpack"));
    command.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    command
}

/// An empty folder of this process, named for the test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("boardpack-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}
