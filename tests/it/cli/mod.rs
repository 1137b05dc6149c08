//! The binary as a user runs it.

mod check;
mod commands;
mod diff;
mod fonts;
mod hostile;
