//! Earlier versions of a page from its git repository, through the `git` command (only
//! when a baseline revision is asked for: nothing else needs git). Every call is
//! read-only, takes no input, cannot prompt, runs no hook or file-system monitor, and
//! treats the revision as a revision, never as an option.

use crate::date::{Date, parse_iso_date};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A file as it was at one commit.
pub struct Version {
    pub bytes: Vec<u8>,
    /// The full commit id.
    pub commit: String,
    /// The commit's date (the committer's, in the committer's time zone).
    pub date: Option<Date>,
    /// The file's path inside the repository, with `/`.
    pub path: String,
}

/// Why a version could not be read; the message is for the user.
#[derive(Debug)]
pub struct GitError(pub String);

/// `file` as it was at `revision` (a commit, tag, branch, `HEAD~3`).
pub fn at_revision(file: &Path, revision: &str) -> Result<Version, GitError> {
    let (root, path) = locate(file)?;
    let commit = resolve_commit(&root, revision)?;
    read_version(&root, &commit, &path, revision)
}

/// `file` as it was on `date`: its last commit on `HEAD`'s history dated on or before
/// that day.
pub fn on_date(file: &Path, date: Date) -> Result<Version, GitError> {
    let (root, path) = locate(file)?;
    let log = git(&root, &["log", "--format=%H %cs", "HEAD", "--", &path])?;
    let log = String::from_utf8_lossy(&log);
    let mut first = None;
    for line in log.lines() {
        let Some((commit, day)) = line.split_once(' ') else { continue };
        let Some(day) = parse_iso_date(day.trim()) else { continue };
        first = Some(day);
        if day <= date {
            return read_version(&root, commit, &path, commit);
        }
    }
    Err(GitError(match first {
        Some(first) => format!("{path} did not exist yet on {date}: its first commit is of {first}"),
        None => format!("{path} has no commit in the history of HEAD"),
    }))
}

/// The repository's root and `file`'s path inside it.
fn locate(file: &Path) -> Result<(PathBuf, String), GitError> {
    let absolute = std::fs::canonicalize(file)
        .map_err(|error| GitError(format!("cannot find {}: {error}", file.display())))?;
    let folder = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
    let top = git(&folder, &["rev-parse", "--show-toplevel"])?;
    let top = String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']).to_string();
    let root = std::fs::canonicalize(&top)
        .map_err(|error| GitError(format!("cannot open the repository {top}: {error}")))?;
    let inside = absolute.strip_prefix(&root).map_err(|_| {
        GitError(format!("{} is not inside the git repository {}", file.display(), root.display()))
    })?;
    let parts: Vec<String> =
        inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Ok((root, parts.join("/")))
}

fn resolve_commit(root: &Path, revision: &str) -> Result<String, GitError> {
    if revision.is_empty() || revision.contains('\0') {
        return Err(GitError("the revision is empty".to_string()));
    }
    let spec = format!("{revision}^{{commit}}");
    let out = git(root, &["rev-parse", "--verify", "--quiet", "--end-of-options", &spec])
        .map_err(|_| unknown(revision, root))?;
    let commit = String::from_utf8_lossy(&out).trim().to_string();
    if commit.is_empty() {
        return Err(unknown(revision, root));
    }
    Ok(commit)
}

fn unknown(revision: &str, root: &Path) -> GitError {
    GitError(format!(
        "no file named {revision:?}, and no such revision (unknown revision) in {}",
        root.display()
    ))
}

fn read_version(root: &Path, commit: &str, path: &str, shown: &str) -> Result<Version, GitError> {
    let object = format!("{commit}:{path}");
    let size = git(root, &["cat-file", "-s", "--end-of-options", &object])
        .map_err(|_| GitError(format!("{path} is not in the repository at {shown}")))?;
    let size: u64 = String::from_utf8_lossy(&size).trim().parse().unwrap_or(u64::MAX);
    if size > super::MAX_INPUT_BYTES {
        return Err(GitError(format!(
            "{path} at {shown} is {} MiB; boardpack reads roadmap pages of up to {} MiB",
            size.div_ceil(1024 * 1024),
            super::MAX_INPUT_BYTES / 1024 / 1024
        )));
    }
    let bytes = git(root, &["cat-file", "blob", &object])?;
    let date = git(root, &["show", "-s", "--no-show-signature", "--format=%cs", commit, "--"])
        .ok()
        .and_then(|out| parse_iso_date(String::from_utf8_lossy(&out).trim()));
    Ok(Version { bytes, commit: commit.to_string(), date, path: path.to_string() })
}

/// Runs one read-only git command in `folder`; its standard output, or its message.
fn git(folder: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "--no-pager"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => GitError(
                "reading an earlier version from git needs the git command, which was not found".to_string(),
            ),
            _ => GitError(format!("cannot run git: {error}")),
        })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let message = String::from_utf8_lossy(&output.stderr);
        let message = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("git failed").trim();
        let message = message.strip_prefix("fatal: ").unwrap_or(message);
        Err(GitError(format!("git: {message}")))
    }
}
