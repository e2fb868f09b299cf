#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds from the repository: every .lfw
# file of frameworks/ and tests/fixtures/ for the parser, the compiler and
# the formatter; the profile fixtures (each behind the byte that chooses
# its reader) for profile reading; hand-made profiles of the generated
# framework for readiness; and CASE packages for CASE import. Run from the repository root or from fuzz/.
set -eu
cd "$(dirname "$0")/.."
c=fuzz/corpus
mkdir -p $c/parse $c/compile $c/format $c/profile $c/readiness $c/case_import
find frameworks tests/fixtures -name '*.lfw' -type f -size -64k | while read -r f; do
    name=$(printf '%s' "$f" | tr '/' '_')
    for t in parse compile format; do cp "$f" "$c/$t/$name"; done
done
for f in tests/fixtures/ready/*.json; do
    { printf '\000'; cat "$f"; } > "$c/profile/json_$(basename "$f")"
done
for f in tests/fixtures/ready/*.jsonl; do
    { printf '\001'; cat "$f"; } > "$c/profile/jsonl_$(basename "$f")"
    { printf '\003'; cat "$f"; } > "$c/profile/cohort_$(basename "$f")"
done
for f in tests/fixtures/ready/*.csv; do
    { printf '\002'; cat "$f"; } > "$c/profile/csv_$(basename "$f")"
    { printf '\004'; cat "$f"; } > "$c/profile/cohort_$(basename "$f")"
done
# CASE import: the packages of the fixtures, and bundled frameworks
# exported with their extensions.lfw objects when the binary is built.
cp tests/fixtures/case/*.json $c/case_import/
if [ -x target/debug/lfw ]; then
    for id in cscf-2012 police-cvf childrens-services hlm police-ew ncsl-stages; do
        target/debug/lfw export --to case "$id" > "$c/case_import/export_$id.json" || true
    done
fi
# Readiness: sixteen bytes of framework shape, then a profile of it.
i=0
for shape in '\002\003\002\004\001\003\003\003\003\377\001\377\002\377\000\000' \
             '\001\001\001\000\000\000\000\012\032\003\000\000\000\000\000\000' \
             '\000\000\000\001\000\000\002\000\000\000\000\000\000\000\000\000'; do
    i=$((i + 1))
    { printf "$shape"; cat <<'JSON'
{"id":"p1","role":"r0","role_since":"2019-01-01",
 "assessments":[{"competency":"c0","level":"l1","source":"centre","date":"2025-01-01"},
                {"competency":"c1","level":"l2","source":"manager","date":"2024-06-01"},
                {"competency":"c0","level":"l0","source":"self","date":"2025-06-01"}],
 "credentials":[{"id":"k0","date":"2023-01-01"}],
 "history":[{"role":"r1","from":"2015-01-01","to":"2018-12-31"}]}
JSON
    } > "$c/readiness/seed$i"
done
# The corpora kept from earlier runs (fuzz/corpora/<target>.tar.xz, each
# minimised with -merge=1): what the fuzzers had learnt, to start from.
for t in parse compile format profile readiness case_import; do
    kept=fuzz/corpora/$t.tar.xz
    [ -f "$kept" ] && tar -xJf "$kept" -C "$c"
done
exit 0
