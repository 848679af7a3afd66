"""The library's per-call cost: ``lint_text`` on one seed, again and again, as an editor or a web
service calls it. Run it against any checkout to compare two versions in one sitting:

    python benchmarks/library_call.py                       # this checkout
    PYTHONPATH=/path/to/other/src python benchmarks/library_call.py

Prints milliseconds per call (median of 5 rounds of N calls, after one warm-up call) for a call
that passes its own linter and for a call that passes none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "002_f43153b04ec63b59.txt"


def per_call(call, calls: int) -> float:
    call()  # warm-up: imports, reference data, and (where a linter keeps one) the schema
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        rounds.append((time.perf_counter() - start) / calls)
    return statistics.median(rounds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--calls", type=int, default=50)
    args = parser.parse_args()

    import eura_lint
    from eura_lint.context import Context
    from eura_lint.engine import build_linter, lint_text

    text = SEED.read_text(encoding="utf-8")
    linter = build_linter(context=Context(today=dt.date(2026, 11, 22)))
    table_rules_only = build_linter(select=["EURA2", "EURA401", "EURA402", "EURA406", "EURA502",
                                            "EURA506", "EURA507", "EURA508", "EURA509",
                                            "EURA603", "EURA604"],
                                    context=Context(today=dt.date(2026, 11, 22)))
    rows = [
        ("lint_text(text, linter=linter), every rule", lambda: lint_text(text, linter=linter)),
        ("lint_text(text, linter=linter), table rules only",
         lambda: lint_text(text, linter=table_rules_only)),
        ("lint_text(text), no linter given", lambda: lint_text(text)),
    ]
    print(f"eura-lint {eura_lint.__version__} from {Path(eura_lint.__file__).parent}")
    print("| call | ms per call |\n|---|---:|")
    for label, call in rows:
        print(f"| `{label}` | {per_call(call, args.calls):.2f} |")


if __name__ == "__main__":
    main()
