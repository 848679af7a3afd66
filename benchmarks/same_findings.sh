#!/bin/bash
# Whether two source trees report the same findings, byte for byte, in every report format:
#
#     benchmarks/same_findings.sh BEFORE_TREE AFTER_TREE [quick]
#
# Each tree runs as `python -m eura_lint` with PYTHONPATH=TREE/src (the same interpreter for both:
# $PYTHON, default python3) on the seeds (English and Finnish), the real 2016 project list, the
# seeds with the list, the 20,000-row list as CSV (2 jobs) and XLSX (1 job), 2,000 descriptions of
# the 10,000-description corpus with 1 job, and (unless "quick") the whole corpus with 2 jobs;
# each run writes text, json, csv, junit, sarif, github and html reports (the HTML report's
# creation time masked). Prints DIFF for each report that differs; exit 1 when any does.
set -u
BEFORE=${1:?before tree}; AFTER=${2:?after tree}; MODE=${3:-full}
PYTHON=${PYTHON:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SHARED=${EURA_SHARED:-$ROOT/../shared}
LIST=$SHARED/reference/eura2014_projektilista_osdata_2016.csv
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$PYTHON" "$HERE/make_corpus.py" 10000 > /dev/null
[ -e "$HERE/tables/list_20000.xlsx" ] || "$PYTHON" "$HERE/make_tables.py" 20000 > /dev/null
CORPUS=$HERE/corpus/10000; TABLES=$HERE/tables

run() { # tree, name, today, jobs, lang, paths...
  local tree=$1 name=$2 today=$3 jobs=$4 lang=$5; shift 5
  local dir=$OUT/$(basename "$tree")-$RANDOM$RANDOM o=()
  mkdir -p "$dir"
  for f in text json csv junit sarif github html; do o+=(-o "$f:$dir/$name.$f"); done
  PYTHONPATH=$tree/src "$PYTHON" -m eura_lint --no-config -q --lang "$lang" --today "$today" \
    -j "$jobs" "${o[@]}" "$@" > /dev/null 2> "$dir/$name.stderr"
  echo "exit $?" >> "$dir/$name.stderr"
  echo "$dir"
}
rc=0
compare() { # name, arguments of run after the tree
  local name=$1; shift
  local a b
  a=$(run "$BEFORE" "$name" "$@"); b=$(run "$AFTER" "$name" "$@")
  for report in "$a"/*; do
    local file=$(basename "$report")
    if [[ $file == *.html ]]; then
      local mask='s/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?( UTC)?//g'
      cmp -s <(sed -E "$mask" "$report") <(sed -E "$mask" "$b/$file") || { echo "DIFF $file"; rc=1; }
    else
      cmp -s "$report" "$b/$file" || { echo "DIFF $file"; rc=1; }
    fi
  done
}
compare seeds 2026-11-22 2 en "$ROOT/seeds"
compare seeds_fi 2026-11-22 2 fi "$ROOT/seeds"
compare list 2016-12-31 2 en "$LIST"
compare mixed 2016-12-31 2 en "$ROOT/seeds" "$LIST"
compare csv20k 2026-11-22 2 en "$TABLES/list_20000.csv"
compare xlsx20k 2026-11-22 1 en "$TABLES/list_20000.xlsx"
compare j1_2000 2026-11-22 1 en "$CORPUS/000" "$CORPUS/001"
[ "$MODE" = quick ] || compare corpus10k 2026-11-22 2 en "$CORPUS"
[ $rc = 0 ] && echo "SAME findings in every report"
exit $rc
