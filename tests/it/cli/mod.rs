//! The binary as a user runs it.

mod check;
mod commands;
mod fonts;
mod hostile;
