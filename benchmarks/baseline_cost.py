"""What a baseline costs, and the issue's acceptance case at full size.

    python benchmarks/baseline_cost.py            # N = 10000
    python benchmarks/baseline_cost.py 1000 --here

On the corpus of N documents (``benchmarks/make_corpus.py``), with eura-lint from the runtime-only
virtualenv as ``run.py`` measures it (``--here``: this environment), output to /dev/null:

* the same with ``--write-baseline FILE``, best of 5;
* ``eura-lint --today 2026-11-22 DIR`` (text) and the same with ``--baseline FILE`` (every finding
  known, so all are matched and suppressed), alternately, best of 5 each; the baseline's cost is
  its time over the plain run's;
* then, on a copy of the corpus, ``benchmarks/edit_corpus.py`` edits 200 documents (two lines
  inserted above every finding, an empty section filled in 50, a new defect in 50) and a
  ``--baseline`` run must report exactly the new defects and count exactly the fixed entries.

It prints a Markdown block and rewrites the block between the ``baseline_cost.py`` markers in
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import edit_corpus  # noqa: E402
import make_corpus  # noqa: E402
import run as bench  # noqa: E402

BEGIN, END = "<!-- baseline_cost.py:begin -->", "<!-- baseline_cost.py:end -->"


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, of eura-lint and its workers) and exit status.
    CPU time is the steadier measure on a shared machine: other processes lengthen the wall time
    of a run, hardly its CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    measured = bench.measure(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return measured.wall, cpu, measured.status


def best(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    return min(r[0] for r in runs), min(r[1] for r in runs), runs[0][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--here", action="store_true", help="measure this environment")
    parser.add_argument("--times", type=int, default=5)
    args = parser.parse_args()
    binary = Path(sys.executable).parent if args.here else bench.runtime_venv()
    eura = str(binary / "eura-lint")
    corpus = make_corpus.ensure(args.n)
    work = Path(tempfile.mkdtemp(prefix="eura-baseline-"))
    known = work / "baseline.json"
    base = [eura, "--today", bench.TODAY, str(corpus)]
    try:
        written = best([timed([*base, "--write-baseline", str(known)]) for _ in range(args.times)])
        entries = len(json.loads(known.read_text(encoding="utf-8"))["entries"])
        # interleaved, so that a busy minute on the machine weighs on both alike
        plains, baselined = [], []
        for _ in range(args.times):
            plains.append(timed(base))
            baselined.append(timed([*base, "--baseline", str(known)]))
        plain, with_baseline = best(plains), best(baselined)
        assert plain[2] == 1 and written[2] == 0 and with_baseline[2] == 0

        # the acceptance case, on a copy
        copy = work / "corpus"
        shutil.copytree(corpus, copy)
        before = subprocess.run([eura, "--today", bench.TODAY, "-f", "json", str(copy)],
                                capture_output=True, check=False)
        original = [(r["path"], r["rule"], r["line"]) for r in json.loads(before.stdout)]
        subprocess.run([eura, "--today", bench.TODAY, "--write-baseline", str(known), str(copy)],
                       capture_output=True, check=True)
        edits = edit_corpus.edit(original, count=200)
        after = subprocess.run([eura, "--today", bench.TODAY, "-f", "json", "--baseline",
                                str(known), str(copy)], capture_output=True, check=False)
        reported = sorted((r["path"], r["rule"], r["line"]) for r in json.loads(after.stdout))
        expected = sorted((path, "EURA502", line) for path, line in edits.new)
        message = after.stderr.decode().strip()
        exact = reported == expected and message.endswith(
            f"{len(edits.fixed)} baseline entries no longer occur.")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def row(name: str, measured: tuple[float, float, int]) -> str:
        if measured is plain:
            return f"| {name} | {measured[0]:.2f} | | {measured[1]:.2f} | |"
        return (f"| {name} | {measured[0]:.2f} | {measured[0] / plain[0] - 1:+.1%} | "
                f"{measured[1]:.2f} | {measured[1] / plain[1] - 1:+.1%} |")

    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        f"Measured {when} by `python benchmarks/baseline_cost.py {args.n}"
        f"{' --here' if args.here else ''}` on: {bench.machine()}; best of {args.times}, text "
        f"output to /dev/null, default `--jobs`. The corpus has {len(original):,} findings, "
        f"{entries:,} baseline entries.",
        "",
        "| run | wall s | wall, over the plain run | CPU s | CPU, over the plain run |",
        "|---|---:|---:|---:|---:|",
        row("`eura-lint DIR`", plain),
        row("`eura-lint DIR --write-baseline FILE`", written),
        row("`eura-lint DIR --baseline FILE`", with_baseline),
        "",
        f"After editing 200 documents ({len(edits.shifted)} with two lines inserted above every "
        f"finding, {len(edits.fixed)} with an empty section filled in, {len(edits.new)} with a new "
        f"defect), the `--baseline` run reported {len(reported)} findings, "
        f"{'exactly the new defects' if exact else 'NOT exactly the new defects'}, and said: "
        f"`{message}`",
        END,
    ]
    block = "\n".join(lines)
    print(block)
    results = bench.RESULTS
    text = results.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Baseline cost (issue 11)\n\n" + block + "\n"
    results.write_text(text, encoding="utf-8")
    if not exact:
        sys.exit(1)


if __name__ == "__main__":
    main()
