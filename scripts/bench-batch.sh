#!/usr/bin/env bash
# Batch performance: 100 roadmap documents (copies of the corpus pages that have activity
# in 2025-Q3..2026-Q2) x 4 quarters. Reports the per-PDF cost against a single warm
# export, the peak RSS of the whole batch, and --jobs 1 against --jobs 2.
# Needs hyperfine and GNU time (Debian packages `hyperfine` and `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/boardpack
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs"
sources=(examples/os2forms-roadmap.md tests/fixtures/corpus/os2forms-roadmap-final.md
  tests/fixtures/corpus/os2display-forvaltning-milestones.md tests/fixtures/corpus/os2forms-releaseplan-until.md
  tests/fixtures/corpus/os2borgerpc-strategi-truncated-date.md tests/fixtures/corpus/os2opendata-garbled-frontmatter.md)
for i in $(seq -w 1 100); do
  src=${sources[$((10#$i % ${#sources[@]}))]}
  # Numbered titles make every document's report different (no cache hit between copies).
  if grep -q '^title: ' "$src"; then
    sed "0,/^title: \"\{0,1\}/s//title: \"Copy $i · /" "$src" > "$work/docs/roadmap-$i.md"
  else
    { printf '# Copy %s\n\n' "$i"; cat "$src"; } > "$work/docs/roadmap-$i.md"
  fi
done
run() { "$bin" batch "$work/docs" --quarters 2025-Q3..2026-Q2 --today 2026-02-15 --out-dir "$work/out" "$@" 2>/dev/null; }

run --jobs 2 || true
pdfs=$(python3 -c "import json,sys; m=json.load(open('$work/out/manifest.json')); print(sum(len(d['outputs']) for d in m['documents']))")
packs=$(python3 -c "import json; print(len(json.load(open('$work/out/manifest.json'))['packs']))")
echo "PDFs per batch: $pdfs document reports + $packs board packs"

hyperfine --warmup 1 --runs 3 --export-json "$work/h.json" \
  -n "jobs 1" "$bin batch $work/docs --quarters 2025-Q3..2026-Q2 --today 2026-02-15 --out-dir $work/out --jobs 1" \
  -n "jobs 2" "$bin batch $work/docs --quarters 2025-Q3..2026-Q2 --today 2026-02-15 --out-dir $work/out --jobs 2"
rss=$( { /usr/bin/time -f "%M" "$bin" batch "$work/docs" --quarters 2025-Q3..2026-Q2 --today 2026-02-15 --out-dir "$work/out" --jobs 2 >/dev/null 2>"$work/err"; } 2>&1; tail -n 1 "$work/err")
warm=$(cargo bench --quiet --bench export | sed -n 's/^warm_quarter_ms=//p')
python3 - "$work/h.json" "$pdfs" "$warm" "$rss" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
pdfs, warm, rss = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
means = {r["command"]: r["mean"] for r in h["results"]}
for name, mean in means.items():
    per = mean * 1000 / pdfs
    print(f"{name}: {mean:.2f} s for {pdfs} PDFs = {per:.2f} ms per PDF = {per / warm:.2f}x a warm single export ({warm:.2f} ms)")
print(f"jobs 2 / jobs 1 wall time: {means['jobs 2'] / means['jobs 1']:.2f}")
print(f"peak RSS of the whole batch (jobs 2): {rss / 1024:.1f} MiB")
PY
