"""The notebook example of the docs (docs/notebook.md) is what its cells give today: the script
that writes it runs here, into a scratch directory, and its page must equal the committed one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .helpers import ROOT

SCRIPT = ROOT / "scripts" / "notebook_example.py"
PAGE = ROOT / "docs" / "notebook.md"
DATA = "tests/data/eura2014_projektilista_osdata_2016.csv"


def test_the_committed_page_is_what_the_script_writes(tmp_path):
    (tmp_path / "tests" / "data").mkdir(parents=True)
    shutil.copy(ROOT / DATA, tmp_path / DATA)
    result = subprocess.run([sys.executable, str(SCRIPT), "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "docs" / "notebook.md").read_text(encoding="utf-8")
    assert written == PAGE.read_text(encoding="utf-8"), (
        "docs/notebook.md is out of date: run python scripts/notebook_example.py")
    plot = (tmp_path / "docs" / "notebook-top-rules.png").read_bytes()
    assert plot.startswith(b"\x89PNG\r\n\x1a\n") and len(plot) > 5000
    assert (ROOT / "docs" / "notebook-top-rules.png").exists()  # the page's image is committed
    assert "![Findings by rule, the 2016 project list](notebook-top-rules.png)" in written


def test_the_page_shows_real_output_of_the_list():
    text = PAGE.read_text(encoding="utf-8")
    assert "((2881, 13), 255)" in text  # 2,881 projects, the 255 findings of the command
    assert "'EURA705': 3" in text  # one per column that has stray spaces (not one per cell)
