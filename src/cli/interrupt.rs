//! An interrupted run (Ctrl-C, `kill`, a closed terminal) removes the temporary files it
//! was writing before it ends, so no half-written file is left beside the outputs.

/// Starts the thread that waits for SIGINT, SIGTERM and SIGHUP. On one of them it removes
/// the temporary files being written and ends the process with the shell's code for the
/// signal (128 + its number).
#[cfg(unix)]
pub fn remove_temporary_files_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            crate::report::output::remove_temporary_files_and_exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
pub fn remove_temporary_files_on_signals() {}
