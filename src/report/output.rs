//! Writing results safely. A file is written to a temporary file in the target's folder,
//! then renamed over the target, so an interrupted run leaves the old file or the new one,
//! never half a PDF. The temporary file has a name no one can predict, is created
//! exclusively (an existing file, symlink or FIFO of that name makes boardpack pick another
//! name, never write through it), is removed if the write fails or the process is
//! interrupted, and one left behind by a killed run is swept away on the next write to the
//! same folder. A target that exists and is not a regular file (a device, a FIFO, a folder,
//! a symlink to one of them) is refused, and so is a target that is one of the inputs.

use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

#[derive(Debug)]
pub enum WriteError {
    IsDirectory(PathBuf),
    WouldOverwriteInput(PathBuf),
    NotARegularFile(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::IsDirectory(p) => {
                write!(f, "{} is a folder; give a file name for the PDF", p.display())
            }
            WriteError::WouldOverwriteInput(p) => {
                write!(f, "refusing to overwrite the input file {}", p.display())
            }
            WriteError::NotARegularFile(p) => write!(
                f,
                "refusing to replace {}: it is not a regular file (a device, a FIFO or a link to one)",
                p.display()
            ),
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

/// Checks that `output` may be written for the inputs `inputs` (all inputs of the run, so
/// that no document's output replaces another document).
pub fn check_target(output: &Path, inputs: &[&Path]) -> Result<(), WriteError> {
    if output.is_dir() {
        return Err(WriteError::IsDirectory(output.to_path_buf()));
    }
    // What the path names once links are followed: it must be a regular file, if anything.
    if let Ok(metadata) = std::fs::metadata(output)
        && !metadata.is_file()
    {
        return Err(WriteError::NotARegularFile(output.to_path_buf()));
    }
    if let Ok(out) = output.canonicalize() {
        for input in inputs {
            if input.canonicalize().is_ok_and(|i| i == out) {
                return Err(WriteError::WouldOverwriteInput(output.to_path_buf()));
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically. An existing file is replaced only once the new
/// one is complete on disk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.to_path_buf(), e);
    check_target(path, &[])?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    sweep_stale(&dir, name);
    let (registered, mut file) = create_temp(&dir, name).map_err(io)?;
    let temp = &registered.0;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(temp);
    }
    drop(registered);
    result.map_err(io)
}

/// Temporary files are named `.NAME.boardpack-PID-RANDOM.tmp`.
const TEMP_MARK: &str = ".boardpack-";

/// Creates a temporary file for `name` in `dir` under a fresh, unpredictable name; never
/// opens an existing path (`create_new` is `O_CREAT | O_EXCL`, which also refuses a
/// symlink of that name). The file is created and registered under one lock, the one an
/// interruption takes before removing the registered files (and keeps until the process
/// ends), so that no file can appear unregistered or after the removal.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(Registered, std::fs::File)> {
    let mut list = IN_PROGRESS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut last = None;
    for _ in 0..16 {
        let temp = dir.join(format!(".{name}{TEMP_MARK}{}-{:016x}.tmp", std::process::id(), random()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => {
                list.push(temp.clone());
                return Ok((Registered(temp), file));
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// 64 unpredictable bits: the standard library's per-process random hash keys, over a
/// counter and the clock.
fn random() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.finish()
}

/// A temporary file older than this is one a killed run left behind: a write takes
/// milliseconds.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Removes the temporary files for `name` in `dir` that killed runs left behind.
fn sweep_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}{TEMP_MARK}");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        if !file_name.starts_with(&prefix) || !file_name.ends_with(".tmp") {
            continue;
        }
        // Only plain files of our own, never through a link.
        let Ok(metadata) = entry.path().symlink_metadata() else { continue };
        let old =
            metadata.modified().ok().and_then(|m| m.elapsed().ok()).is_some_and(|age| age > STALE_AFTER);
        if metadata.is_file() && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The temporary files being written now, removed by [`remove_temporary_files`] when the
/// process is interrupted.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file in [`IN_PROGRESS`], from its creation until it is renamed or removed.
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        let mut list = IN_PROGRESS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = list.iter().position(|p| *p == self.0) {
            list.swap_remove(i);
        }
    }
}

/// Removes every temporary file being written and ends the process with `code`; call
/// when the process is interrupted. The lock is held until the end, so that no writer
/// creates another temporary file meanwhile.
pub fn remove_temporary_files_and_exit(code: i32) -> ! {
    let list = IN_PROGRESS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for path in list.iter() {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// `FILE.md` -> `FILE.pdf`, or `FILE_<suffix>.pdf` when a suffix is given.
pub fn default_output(input: &Path, suffix: Option<&str>) -> PathBuf {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("roadmap");
    let name = match suffix {
        Some(suffix) => format!("{stem}_{suffix}.pdf"),
        None => format!("{stem}.pdf"),
    };
    input.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("boardpack-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    #[test]
    fn names_outputs_beside_inputs() {
        assert_eq!(default_output(Path::new("a/road.md"), None), PathBuf::from("a/road.pdf"));
        assert_eq!(default_output(Path::new("road.md"), Some("2026-Q1")), PathBuf::from("road_2026-Q1.pdf"));
    }

    #[test]
    fn writes_atomically_and_refuses_folders() {
        let dir = temp_dir("atomic");
        let target = dir.join("x.pdf");
        assert!(write_atomic(&target, b"one").is_ok());
        assert!(write_atomic(&target, b"two").is_ok());
        assert_eq!(std::fs::read(&target).ok().as_deref(), Some(&b"two"[..]));
        assert!(matches!(check_target(&dir, &[]), Err(WriteError::IsDirectory(_))));
        assert!(matches!(check_target(&target, &[&target]), Err(WriteError::WouldOverwriteInput(_))));
        let left: Vec<_> = std::fs::read_dir(&dir).map(|d| d.flatten().count()).into_iter().collect();
        assert_eq!(left, [1], "no temporary file is left");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporary_names_differ_and_never_open_an_existing_path() {
        let dir = temp_dir("names");
        let (a, _) = create_temp(&dir, "x.pdf").unwrap_or_else(|e| panic!("{e}"));
        let (b, _) = create_temp(&dir, "x.pdf").unwrap_or_else(|e| panic!("{e}"));
        let (a, b) = (a.0.clone(), b.0.clone());
        assert_ne!(a, b);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_a_device_is_refused_and_left_alone() {
        let dir = temp_dir("device");
        let link = dir.join("null.pdf");
        let _ = std::os::unix::fs::symlink("/dev/null", &link);
        assert!(matches!(write_atomic(&link, b"x"), Err(WriteError::NotARegularFile(_))));
        assert!(link.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn stale_temporary_files_are_swept_and_fresh_ones_kept() {
        let dir = temp_dir("sweep");
        let stale = dir.join(format!(".x.pdf{TEMP_MARK}1-00.tmp"));
        let fresh = dir.join(format!(".x.pdf{TEMP_MARK}2-00.tmp"));
        let _ = std::fs::write(&stale, b"half");
        let _ = std::fs::write(&fresh, b"half");
        let old = SystemTime::now() - Duration::from_secs(3600);
        let _ = std::fs::File::options().write(true).open(&stale).and_then(|f| f.set_modified(old));
        sweep_stale(&dir, "x.pdf");
        assert!(!stale.exists());
        assert!(fresh.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
