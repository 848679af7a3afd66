"""scripts/fuzz_lists.py, briefly: mutated lists (CSV, TSV, XLSX) and descriptions end without
an exception, an exit other than 0, 1 or 2, or a run over its time bound. The long run (100,000
lists, 50,000 descriptions) is the script's own: see its docstring and docs/limits.md."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .helpers import ROOT

SCRIPT = ROOT / "scripts" / "fuzz_lists.py"


def fuzz(*args: str) -> dict:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_a_short_fuzzing_run_finds_nothing():
    counts = fuzz("--lists", "40", "--descriptions", "20", "--seed", "21")
    assert (counts["list"], counts["description"], counts["failed"]) == (40, 20, 0)


@pytest.mark.slow
def test_a_longer_fuzzing_run_with_the_command_line_finds_nothing():
    counts = fuzz("--lists", "600", "--descriptions", "300", "--seed", "2021", "--cli-every", "150")
    assert (counts["list"], counts["description"], counts["failed"]) == (600, 300, 0)
    assert counts["cli"] == 6


def test_the_mutations_are_repeatable():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import fuzz_lists
    finally:
        sys.path.remove(str(SCRIPT.parent))
    import random

    first = [fuzz_lists.mutate(b"Koodi,Rahasto\nA70302,EAKR\n", random.Random(5)) for _ in range(3)]
    again = [fuzz_lists.mutate(b"Koodi,Rahasto\nA70302,EAKR\n", random.Random(5)) for _ in range(3)]
    assert first == again
