#!/usr/bin/env bash
# Every PDF two boardpack binaries write for the same pages, compared byte for byte: the
# full report, the minutes attachment and, through `batch`, each quarter's report and the
# board packs. For refactors that must not change output.
#
#   scripts/compare-pdfs.sh OLD_BINARY NEW_BINARY [PAGE_OR_FOLDER...]
#
# Without pages: the example, the corpus and the seed fixtures. Prints one line per PDF
# that differs and a summary; exits 1 when any differs or is missing on one side.
set -uo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,9p' "$0"
  exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 0 ]; then
  set -- "$root/examples/os2forms-roadmap.md" "$root/tests/fixtures/corpus" "$root/tests/fixtures/seed"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=()
for input in "$@"; do
  if [ -d "$input" ]; then
    while IFS= read -r -d '' f; do pages+=("$f"); done < <(find "$input" -maxdepth 1 -type f \( -name '*.md' -o -name '*.qmd' -o -name '*.txt' \) -print0 | sort -z)
  else
    pages+=("$(realpath "$input")")
  fi
done

run_side() {
  local binary=$1 out=$2
  mkdir -p "$out/in" "$out/single" "$out/batch"
  local i=0
  for page in "${pages[@]}"; do
    i=$((i + 1))
    # Each page under a numbered name in its own folder, so outputs never collide.
    local dir="$out/in/$i"
    mkdir -p "$dir"
    local ext="${page##*.}"
    [ "$ext" = txt ] && ext=md
    cp "$page" "$dir/page.$ext"
    "$binary" export "$dir/page.$ext" --today 2026-02-15 -o "$out/single/$i.pdf" >/dev/null 2>&1
    "$binary" export "$dir/page.$ext" --today 2026-02-15 --template minutes --meeting-date 2026-03-12 \
      -o "$out/single/$i-minutes.pdf" >/dev/null 2>&1
  done
  "$binary" batch "$out/in" --today 2026-02-15 --quarters 2024-Q1..2027-Q4 --out-dir "$out/batch" \
    --jobs 2 >/dev/null 2>&1
  rm -f "$out/batch/manifest.json"
}

run_side "$old" "$work/old"
run_side "$new" "$work/new"

differ=0
same=0
while IFS= read -r rel; do
  if ! cmp -s "$work/old/$rel" "$work/new/$rel"; then
    echo "differs or missing: $rel"
    differ=$((differ + 1))
  else
    same=$((same + 1))
  fi
done < <(cd "$work" && { find old -name '*.pdf' | sed 's#^old/##'; find new -name '*.pdf' | sed 's#^new/##'; } | sort -u)
echo "$same PDFs identical, $differ differ or are missing on one side (${#pages[@]} pages)"
[ "$differ" -eq 0 ]
