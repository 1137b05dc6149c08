//! The `boardpack` binary: parse arguments, run the command, exit with its code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = boardpack::cli::Cli::parse();
    // Only a batch runs long enough for this to matter; a short export is faster with
    // glibc's default (its large blocks are then reused instead of mapped anew).
    if matches!(cli.command, boardpack::cli::Command::Batch(_)) {
        boardpack::cli::allocator::keep_large_blocks_returnable();
    }
    boardpack::render::configure_threads();
    boardpack::cli::interrupt::remove_temporary_files_on_signals();
    ExitCode::from(boardpack::cli::commands::run(cli))
}
