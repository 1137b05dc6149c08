//! The `boardpack` binary: parse arguments, run the command, exit with its code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    boardpack::allocator::keep_large_blocks_returnable();
    let cli = boardpack::cli::Cli::parse();
    boardpack::render::configure_threads();
    ExitCode::from(boardpack::commands::run(cli))
}
