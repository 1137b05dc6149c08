#!/usr/bin/env bash
# Whole-process and in-process export timings of the bundled example (release build).
# Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/boardpack
out=$(mktemp -d)
hyperfine --warmup 3 --runs 30 --export-markdown "$out/process.md" \
  "$bin export examples/os2forms-roadmap.md -o $out/seed.pdf --today 2026-02-15"
cat "$out/process.md"
cargo bench --quiet --bench export
rm -rf "$out"
