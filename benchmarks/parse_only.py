"""Reading, decoding and parsing descriptions in one process, nothing else (no rules, no pandas).

    python benchmarks/parse_only.py DIR_OR_FILES...             # CPU seconds per phase
    python benchmarks/parse_only.py --repeat 5 DIR              # each file parsed 5 times

Under callgrind, count two sizes and take the difference, which cancels the start-up (here 300
and 100 descriptions of the corpus that ``benchmarks/make_corpus.py`` makes, in two folders):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python benchmarks/parse_only.py --quiet DIR300      # and then DIR100

``--stop-after read`` or ``decode`` leaves the later phases out, so that the differences of the
three counts are each phase's instructions. ``--no-caches`` empties the parser's caches (field
lines, 8.2 rows and labels, each keyed by its text) before every description, so that a gain that
only comes from the corpus repeating the seeds' lines shows as none (a real corpus repeats far
fewer lines). Results: benchmarks/RESULTS.md, "Reading, decoding and parsing a description".
"""

from __future__ import annotations

import argparse
import functools
import os
import time

from eura_lint.readers import description
from eura_lint.readers.decoding import decode
from eura_lint.readers.inputs import read_regular


def _files(paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        if os.path.isdir(path):
            for folder, _, names in os.walk(path):
                found.extend(os.path.join(folder, n) for n in names if n.endswith(".txt"))
        else:
            found.append(path)
    return sorted(found)


def _caches() -> list:
    """The parser's lru caches (whatever they are called), to be emptied with --no-caches."""
    return [value for value in vars(description).values()
            if isinstance(value, functools._lru_cache_wrapper)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--no-caches", action="store_true")
    parser.add_argument("--stop-after", choices=("read", "decode", "parse"), default="parse",
                        help="leave out the phases after this one (to count one phase's cost)")
    args = parser.parse_args()
    files = _files(args.paths)
    caches = _caches() if args.no_caches else []
    cpu = {"read": 0.0, "decode": 0.0, "parse": 0.0}
    clock = time.process_time
    for _ in range(args.repeat):
        for path in files:
            t0 = clock()
            data = read_regular(path)
            cpu["read"] += clock() - t0
            if args.stop_after == "read":
                continue
            t0 = clock()
            decoded = decode(data)
            cpu["decode"] += clock() - t0
            if args.stop_after == "decode":
                continue
            for cache in caches:
                cache.cache_clear()
            t0 = clock()
            description.parse(decoded.text, path, decoded.encoding)
            cpu["parse"] += clock() - t0
    if not args.quiet:
        count = len(files) * args.repeat
        for phase, seconds in cpu.items():
            print(f"{phase:8} {seconds:8.3f} s  {seconds / count * 1e6:8.1f} µs a description")


if __name__ == "__main__":
    main()
