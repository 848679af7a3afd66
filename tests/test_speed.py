"""Speed: what the command imports when it only answers, and a guard against a much slower linter.

The guard (``@pytest.mark.slow``) times the linter against a reference workload in the same run,
as CPU time of whole processes, and compares the ratio with the one recorded in
``benchmarks/speed_guard.json`` (see ``benchmarks/speed_guard.py``): never an absolute time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "pandera", "numpy")

_IMPORTED = """
import sys
from eura_lint.cli import main
sys.argv = ["eura-lint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
import json
sys.stderr.write(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["--lang", "fi", "--help"]])
def test_answering_imports_no_pandas(args):
    # in a fresh interpreter: this test process has pandas imported already
    done = subprocess.run([sys.executable, "-c", _IMPORTED, *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "eura_lint" in modules and "click" in modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))
    assert done.stdout.strip()


@pytest.mark.slow
def test_linter_not_much_slower_than_recorded(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import speed_guard
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    recorded = json.loads(speed_guard.RECORD.read_text(encoding="utf-8"))
    measured = speed_guard.measure(tmp_path)
    for workload, ratio in measured["ratios"].items():
        limit = speed_guard.MARGIN * recorded["ratios"][workload]
        assert ratio <= limit, (
            f"{workload}: {ratio:.2f} × the reference workload's CPU time, above {limit:.2f} "
            f"({speed_guard.MARGIN} × the recorded {recorded['ratios'][workload]:.2f}); "
            f"runs: {measured['runs'][workload]}")
