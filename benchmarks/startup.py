"""What the command does before it lints anything, alone: for counting its instructions.

    python benchmarks/startup.py imports              # importing the command (eura_lint.cli)
    python benchmarks/startup.py linter               # ... the catalogue read, the linter built
    python benchmarks/startup.py listing FOLDER       # ... and FOLDER searched, as the process
                                                      #     that starts the --jobs workers does

Each stage includes the ones before it. Count with callgrind, which gives the same number on a
busy machine, and compare two trees with the same Python (bytecode caches written first: run
each once before counting):

    PYTHONPATH=TREE/src valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benchmarks/startup.py listing seeds

(``benchmarks/phases.py`` times the same stages with the rest of a run, in CPU seconds.)
"""

from __future__ import annotations

import sys

STAGES = ("imports", "linter", "listing")


def main() -> None:
    stage = sys.argv[1] if len(sys.argv) > 1 else "imports"
    if stage not in STAGES or (stage == "listing") != (len(sys.argv) == 3):
        sys.exit(__doc__)
    import eura_lint.cli  # noqa: F401  (what the command imports at its start)

    if stage == "imports":
        return
    import datetime as dt

    from eura_lint.context import Context
    from eura_lint.engine import build_linter, relax_gc
    from eura_lint.kinds import load_catalogue

    build_linter(catalogue=load_catalogue(), context=Context(today=dt.date(2026, 11, 22)))
    relax_gc()  # as the command does once the linter is built, before it searches
    if stage == "listing":
        from eura_lint.readers.discovery import find_files

        find_files([sys.argv[2]], later=True)


if __name__ == "__main__":
    main()
