//! Writing to standard output and standard error without ever panicking: a closed pipe
//! (`boardpack check docs | head`) ends the output quietly; any other failure (a full
//! disk) is remembered, and the command then ends with exit code 4 instead of claiming
//! success.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static FAILED: AtomicBool = AtomicBool::new(false);
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard error.
pub fn err(text: &str) {
    write(&mut std::io::stderr().lock(), text);
}

/// Writes `text` to standard output; false when it was not written.
pub fn out(text: &str) -> bool {
    write(&mut std::io::stdout().lock(), text)
}

fn write(stream: &mut impl Write, text: &str) -> bool {
    if text.is_empty() || CLOSED.load(Ordering::Relaxed) {
        return !CLOSED.load(Ordering::Relaxed) || text.is_empty();
    }
    match stream.write_all(text.as_bytes()).and_then(|()| stream.flush()) {
        Ok(()) => true,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            false
        }
        Err(_) => {
            FAILED.store(true, Ordering::Relaxed);
            false
        }
    }
}

/// The command's exit code, made [`super::exit::OUTPUT`] when some output could not be
/// written (a closed pipe is not a failure).
pub fn final_code(code: u8) -> u8 {
    if FAILED.load(Ordering::Relaxed) && code < super::exit::OUTPUT { super::exit::OUTPUT } else { code }
}
