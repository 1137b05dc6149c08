//! `boardpack batch INPUT... --out-dir DIR`: many documents x quarters, board packs and a
//! manifest, with a progress bar on a terminal.

use super::print_error;
use crate::cli::args::BatchArgs;
use crate::cli::exit;
use crate::cli::resolve as config;
use crate::diag::emit::{Emitter, Format, SourceFile};
use crate::read::Document;
use crate::read::discover;
use crate::report::batch::{self, Progress};
use crate::report::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

pub fn run(args: &BatchArgs) -> u8 {
    let mut config = match config::batch_config(args) {
        Ok(config) => config,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    if let Err(error) = std::fs::create_dir_all(&config.out_dir) {
        print_error(&format!("cannot create {}: {error}", config.out_dir.display()));
        return exit::OUTPUT;
    }
    let (pages, walk_errors) = discover::discover(&args.inputs);
    for (path, error) in &walk_errors {
        print_error(&format!("{}: cannot read the folder: {error}", path.display()));
    }
    config.inputs = pages.iter().map(|p| p.path.clone()).collect();
    let progress = TerminalProgress::new(args.format);
    let manifest = batch::run(&pages, &config, &progress);
    progress.finish();
    let manifest_path = config.out_dir.join("manifest.json");
    let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    let inputs: Vec<&std::path::Path> = config.inputs.iter().map(std::path::PathBuf::as_path).collect();
    let written = output::check_target(&manifest_path, &inputs)
        .and_then(|()| output::write_atomic(&manifest_path, &json));
    if let Err(error) = written {
        print_error(&error.to_string());
        return exit::OUTPUT;
    }
    let s = &manifest.summary;
    crate::cli::terminal::err(&super::info_text(&format!(
        "batch: {} written, {} skipped, {} failed, {} warning(s), {} error(s) in the documents; manifest: {}",
        s.written,
        s.skipped,
        s.failed,
        s.warnings,
        s.errors,
        manifest_path.display()
    )));
    if s.failed > 0 || !walk_errors.is_empty() { exit::PROBLEMS } else { exit::OK }
}

/// A progress bar on a terminal (hidden otherwise), with diagnostics printed above it.
struct TerminalProgress {
    bar: ProgressBar,
    emitter: Emitter,
    lock: Mutex<()>,
}

impl TerminalProgress {
    fn new(format: Format) -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        Self { bar, emitter: Emitter { format, color: config::use_color() }, lock: Mutex::new(()) }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn read(&self, document: &Document, diagnostics: &[crate::diag::Diagnostic]) {
        let file = SourceFile { name: &document.roadmap.source.path, text: &document.text };
        let text = self.emitter.render(&file, diagnostics);
        if !text.is_empty() {
            let _guard = self.lock.lock();
            self.bar.suspend(|| crate::cli::terminal::err(&text));
        }
    }

    fn step(&self, message: &str) {
        self.bar.set_message(message.to_string());
        self.bar.inc(1);
    }

    fn problem(&self, message: &str) {
        let _guard = self.lock.lock();
        self.bar.suspend(|| print_error(message));
    }
}
