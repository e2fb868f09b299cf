#!/usr/bin/env bash
# Writes the HTML reports of a few bundled examples and a screenshot of
# each, for a person to look at (not part of the tests). Needs Debian's
# `chromium` (apt-get install chromium). Usage: scripts/screenshots.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots}"
mkdir -p "$out"
lfw() { cargo run --quiet --release -- "$@"; }
lfw ready --framework tests/fixtures/ready/fire.lfw --role group-manager --as-of 2026-06-01 \
  --format html tests/fixtures/ready/watch-manager.json > "$out/ready.html"
lfw cohort --framework tests/fixtures/ready/services.lfw --role dcs --as-of 2026-06-01 \
  --format html tests/fixtures/ready/cohort.jsonl > "$out/cohort.html"
lfw diff scs-core-2005 cscf-2012 --format html > "$out/diff.html" || true
lfw succession --framework police-ew --as-of 2026-06-01 --by organisation \
  --format html frameworks/police/examples/force.jsonl > "$out/succession.html"
for page in ready cohort diff succession; do
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1400 \
    --screenshot="$out/$page.png" "file://$PWD/$out/$page.html" 2>/dev/null
  echo "$out/$page.png"
done
