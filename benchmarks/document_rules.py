"""The cost of the document rules alone, per description: the declared steps, the document rules
and the table row (``Linter.lint_document``, as a run of descriptions alone calls it), and the
pickling of each result, as a ``--jobs`` worker sends it back.

    python benchmarks/document_rules.py /path/to/descriptions --repeat 3

Every description of the folder is parsed first, and the first 40 linted once (imports inside
checks, caches of the reference's values), outside the measure, and the cyclic GC is relaxed as in
a worker (``engine.relax_gc``); then the parsed descriptions are
linted ``--repeat`` times (each time the steps run again) and the CPU time
(``time.process_time``) per description is printed. pandas is never imported: the column
validation is not run. In instructions, with callgrind:

    valgrind --tool=callgrind python benchmarks/document_rules.py DIR --repeat 0
    valgrind --tool=callgrind python benchmarks/document_rules.py DIR --repeat 2

the difference divided by twice the number of descriptions (start-up, parsing and the linter's
per-run preparation cancel).
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import sys
import time
from pathlib import Path

from eura_lint.context import Context
from eura_lint.engine import build_linter, read_document, relax_gc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=1, help="lint the parsed descriptions N times")
    parser.add_argument("--today", default="2026-11-22")
    args = parser.parse_args()
    linter = build_linter(context=Context(today=dt.date.fromisoformat(args.today)))
    paths = sorted(str(p) for p in Path(args.folder).iterdir() if p.is_file())
    docs = [read_document(path) for path in paths]
    for path in paths[:40]:
        linter.lint_document(read_document(path), summaries=False)
    relax_gc()  # as a worker process does (the parsed descriptions then out of the GC's sight)
    findings = 0
    start = time.process_time()
    for _ in range(args.repeat):
        for doc in docs:
            result = linter.lint_document(doc, summaries=False)
            findings += len(result.findings)
            pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
    cpu = time.process_time() - start
    count = len(docs) * args.repeat
    if count:
        print(f"{count} descriptions linted, {findings} findings, "
              f"{cpu / count * 1e6:.0f} µs CPU a description")
    assert "pandas" not in sys.modules


if __name__ == "__main__":
    main()
