"""The five real descriptions: every finding pinned, on a fixed lint date."""

from __future__ import annotations

import pytest

from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_paths
from eura_lint.finding import Severity

from .helpers import EXAMPLE_TODAY, SEEDS, seed_path

EXPECTED = {
    "000": [(55, 1, "EURA101"), (57, 1, "EURA101")],  # empty 4.1 and 4.2
    "001": [(17, 17, "EURA404")],  # 'Toiminnassa' years after its planned end 31.12.2020
    "002": [],
    "003": [(219, 1, "EURA104")],  # ended, but no final-report summary
    "004": [],
}


@pytest.fixture(scope="module")
def findings():
    linter = build_linter(context=Context(today=EXAMPLE_TODAY))
    return lint_paths([str(SEEDS)], linter=linter)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_findings_are_exactly_these(findings, seed):
    path = str(seed_path(seed))
    found = [(f.line, f.column, f.rule) for f in findings if f.path == path]
    # Geography (EURA3xx) is pinned in tests/test_geography.py.
    assert [f for f in found if not f[2].startswith("EURA3")] == EXPECTED[seed]


def test_seed_002_has_no_error_or_warning(findings):
    path = str(seed_path("002"))
    assert not [f for f in findings if f.path == path and f.severity >= Severity.WARNING]


def test_seed_001_is_stale_two_years_after_its_end():
    """Judged on a lint date two years after the planned end, as the issue describes it."""
    import datetime as dt

    linter = build_linter(select=["EURA404"], context=Context(today=dt.date(2022, 12, 31)))
    (finding,) = lint_paths([str(seed_path("001"))], linter=linter)
    assert (finding.line, finding.column, finding.rule) == (17, 17, "EURA404")
    assert "2.0 years before" in finding.message  # one decimal always: "1.0 years", not "1 years"


def nbsp_variant(text: str) -> str:
    """The seed as some exports write it: no-break spaces after section numbers and colons, as
    thousands separators and after commas, and a status with a no-break space."""
    import re

    text = re.sub(r"(?m)^(\d(?:\.\d)?) ", "\\1\u00a0", text)
    text = re.sub(r"(\d) (\d{3})\b", "\\1\u00a0\\2", text)
    text = text.replace(": ", ":\u00a0").replace(", ", ",\u00a0")
    return text.replace("Toiminta päättynyt", "Toiminta\u00a0päättynyt")


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_no_break_spaces_change_no_finding(seed):
    from eura_lint.engine import lint_text

    linter = build_linter(context=Context(today=EXAMPLE_TODAY))
    original = seed_path(seed).read_text(encoding="utf-8")
    plain = [(f.line, f.column, f.rule) for f in lint_text(original, linter=linter)]
    variant = [(f.line, f.column, f.rule) for f in lint_text(nbsp_variant(original), linter=linter)]
    assert variant == plain
