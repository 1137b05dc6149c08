//! The command line: arguments as typed ([`args`]), resolved once into typed options
//! ([`resolve`]), one module per command ([`commands`]) and the exit codes ([`exit`]).

pub mod allocator;
pub mod args;
pub mod commands;
pub mod exit;
pub mod interrupt;
pub mod resolve;
pub mod terminal;

pub use args::{Cli, Command};
