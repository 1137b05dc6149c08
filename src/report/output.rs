//! Writing results safely: never over the input, never over a folder, and atomically
//! (a temporary file in the same folder, then a rename), so an interrupted run leaves
//! either the old file or the new one, never half a PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum WriteError {
    IsDirectory(PathBuf),
    WouldOverwriteInput(PathBuf),
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
            WriteError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

/// Checks that `output` may be written for the inputs `inputs`.
pub fn check_target(output: &Path, inputs: &[&Path]) -> Result<(), WriteError> {
    if output.is_dir() {
        return Err(WriteError::IsDirectory(output.to_path_buf()));
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
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io)
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

    #[test]
    fn names_outputs_beside_inputs() {
        assert_eq!(default_output(Path::new("a/road.md"), None), PathBuf::from("a/road.pdf"));
        assert_eq!(default_output(Path::new("road.md"), Some("2026-Q1")), PathBuf::from("road_2026-Q1.pdf"));
    }

    #[test]
    fn writes_atomically_and_refuses_folders() {
        let dir = std::env::temp_dir().join(format!("boardpack-out-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let target = dir.join("x.pdf");
        assert!(write_atomic(&target, b"one").is_ok());
        assert!(write_atomic(&target, b"two").is_ok());
        assert_eq!(std::fs::read(&target).ok().as_deref(), Some(&b"two"[..]));
        assert!(matches!(check_target(&dir, &[]), Err(WriteError::IsDirectory(_))));
        assert!(matches!(check_target(&target, &[&target]), Err(WriteError::WouldOverwriteInput(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
