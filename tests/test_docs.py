from __future__ import annotations

import subprocess
import sys

from .helpers import ROOT, run


def test_readme_rule_reference_is_generated_from_the_catalogue():
    result = subprocess.run([sys.executable, "scripts/gen_docs.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_readme_options_match_help():
    help_text = run("--help", text=True).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for option in ("--format", "--output", "--select", "--ignore", "--fail-on", "--config",
                   "--no-config", "--today", "--stdin-filename", "--jobs", "--list-rules"):
        assert option in help_text and option in readme, option
