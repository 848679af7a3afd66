"""A linter is built once and run as often as wanted: no run changes it. What one run decides
(whether it gathers details, whether it compares descriptions with project lists) lives in the
run (``engine.Run``), never on the linter, nor on the process-wide default linter."""

from __future__ import annotations

import copy
import datetime as dt
import shutil

import pytest

from eura_lint import engine
from eura_lint.context import Context
from eura_lint.engine import RunDetails, build_linter, lint_paths, run

from .helpers import SEEDS

LIST = ("Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,"
        "Toteuttajan nimi,Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion rahoitus,"
        "Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä\n"
        "A70302,EAKR,Hanke,2,Innovaatiorahoituskeskus Tekes,Toiminnassa,1.3.2015,28.2.2017,"
        "Yliopisto,280000,57227,319258,59451\n")


def _state(linter: engine.Linter) -> dict[str, object]:
    """Every attribute of the linter, copied deeply; of its table schema the checks (the pandera
    schema it builds on first use is a cache of them, the same for every run)."""
    state = {}
    for name, value in vars(linter).items():
        if name == "table":
            state[name] = (value.checks, dict(value._by_name))
        else:
            state[name] = copy.deepcopy(value)
    return state


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runs")
    descriptions = []
    for number, seed in enumerate(sorted(SEEDS.glob("*.txt")) * 2):  # enough for two workers
        target = folder / f"{number:02}_{seed.name}"
        shutil.copyfile(seed, target)
        descriptions.append(str(target))
    table = folder / "lista.csv"
    table.write_text(LIST, encoding="utf-8")
    return descriptions, [str(table)]


def _runs(linter, descriptions, lists):
    """A run of every kind, each once."""
    yield "descriptions only", lambda: run(linter, descriptions)
    yield "lists only", lambda: run(linter, lists)
    yield "mixed", lambda: run(linter, [*descriptions, *lists])
    yield "with details", lambda: run(linter, [*descriptions, *lists], details=RunDetails())
    yield "with jobs", lambda: run(linter, [*descriptions, *lists], jobs=2)
    yield "with jobs and details", lambda: run(linter, [*descriptions, *lists], jobs=2,
                                               details=RunDetails())
    yield "library call", lambda: lint_paths([*descriptions, *lists], linter=linter)


def test_no_run_changes_the_linter(files):
    descriptions, lists = files
    linter = build_linter(context=Context(today=dt.date(2022, 12, 31)))
    assert linter.cross_rules  # the rules whose per-run setting used to sit on the linter
    before = _state(linter)
    for kind, one_run in _runs(linter, descriptions, lists):
        findings = one_run()
        assert findings, kind
        assert _state(linter) == before, kind
    assert engine._WORKER is None  # the workers' run is set in the workers alone


def test_runs_of_one_linter_do_not_depend_on_each_other(files):
    """A descriptions-only run after a mixed one finds what it finds on a fresh linter."""
    descriptions, lists = files
    today = Context(today=dt.date(2022, 12, 31))
    used = build_linter(context=today)
    run(used, [*descriptions, *lists], details=RunDetails())
    assert run(used, descriptions) == run(build_linter(context=today), descriptions)


def test_the_default_linter_is_left_as_it_was(files):
    descriptions, lists = files
    lint_paths(descriptions[:1])
    default = engine._default_linter(dt.date.today())
    before = _state(default)
    lint_paths([*descriptions, *lists])
    lint_paths(descriptions)
    assert engine._default_linter(dt.date.today()) is default
    assert _state(default) == before
