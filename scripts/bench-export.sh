#!/usr/bin/env bash
# Whole-process and in-process export timings of the bundled example (release build).
# Needs hyperfine (Debian package `hyperfine`).
#
# The second document's cost in one process is measured as the difference between
# `export seed.md other.md` and `export seed.md`, both run alternately in the same
# hyperfine session so that the machine's load affects them alike.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/boardpack
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp examples/os2forms-roadmap.md "$out/seed.md"
cp tests/fixtures/corpus/os2forms-roadmap-final.md "$out/other.md"
runs=${RUNS:-40}
hyperfine -N --warmup 5 --runs "$runs" --export-json "$out/process.json" \
  "$bin export $out/seed.md --today 2026-02-15" \
  "$bin export $out/seed.md $out/other.md --today 2026-02-15"
python3 - "$out/process.json" <<'PY'
import json, sys
one, two = json.load(open(sys.argv[1]))["results"]
def stats(r):
    t = sorted(r["times"])
    return r["mean"] * 1e3, t[len(t) // 2] * 1e3, t[0] * 1e3
m1, med1, min1 = stats(one)
m2, med2, min2 = stats(two)
print(f"seed alone, whole process:  mean {m1:6.1f} ms  median {med1:6.1f} ms  min {min1:6.1f} ms")
print(f"seed + another document:    mean {m2:6.1f} ms  median {med2:6.1f} ms  min {min2:6.1f} ms")
print(f"the second document adds:   mean {m2 - m1:6.1f} ms  median {med2 - med1:6.1f} ms  min {min2 - min1:6.1f} ms")
PY
cargo bench --quiet --bench export
