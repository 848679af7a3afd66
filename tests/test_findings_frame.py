"""findings_frame: any result (lint_paths, lint_frame, the JSON report) as a pandas DataFrame
with the CSV report's columns."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from eura_lint import build_linter, findings_frame, lint_frame, lint_paths
from eura_lint.context import Context
from eura_lint.reporters.csv_report import COLUMNS

from .helpers import ROOT, run, seed_path

REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
TODAY = dt.date(2016, 12, 31)


def _report(fmt: str, *paths: Path) -> str:
    result = run("--no-config", "--today", TODAY.isoformat(), "-f", fmt, *paths, text=True)
    assert result.returncode == 1, result.stderr
    return result.stdout


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the CSV report writes it: text, empty where there is nothing."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


@pytest.fixture(scope="module")
def paths() -> list[Path]:
    return [REAL_LIST, seed_path("000")]


@pytest.fixture(scope="module")
def csv_report(paths) -> pd.DataFrame:
    text = _report("csv", *paths)
    return pd.read_csv(io.StringIO(text.removeprefix("\ufeff")), dtype=str,
                       keep_default_na=False)


def test_lint_paths_findings_give_the_csv_reports_rows(paths, csv_report):
    linter = build_linter(context=Context(today=TODAY))
    frame = findings_frame(lint_paths([str(p) for p in paths], linter=linter))
    assert list(frame.columns) == list(COLUMNS) == list(csv_report.columns)
    assert len(frame) == len(csv_report) > 250
    pd.testing.assert_frame_equal(_as_text(frame), csv_report)
    assert frame["line"].dtype.kind == "i"


def test_the_json_report_as_text_as_records_and_as_a_path_gives_the_same(paths, csv_report,
                                                                         tmp_path):
    text = _report("json", *paths)
    saved = tmp_path / "report.json"
    saved.write_text(text, encoding="utf-8")
    for given in (text, text.encode("utf-8"), json.loads(text), saved,
                  io.StringIO(text)):
        frame = findings_frame(given)
        pd.testing.assert_frame_equal(_as_text(frame), csv_report)


def test_a_frames_findings_keep_their_labels_and_group_by_column():
    projects = pd.DataFrame(
        {"Koodi": ["A70001", "A70002", "A70003"], "Hankkeen nimi": ["Yksi", "Kaksi", "Kolme"],
         "Myönnetty EU- ja valtion rahoitus": [1000, 1000, 10],
         "Toteutunut EU- ja valtion rahoitus": [500, 2000, 20]},
        index=["a", "b", "c"])
    frame = findings_frame(lint_frame(projects, today=TODAY, select=["EURA201"]))
    assert list(frame.columns) == list(COLUMNS)
    assert frame[["path", "line", "column", "rule", "severity"]].values.tolist() == [
        ["<DataFrame>", "b", "Toteutunut EU- ja valtion rahoitus", "EURA201", "error"],
        ["<DataFrame>", "c", "Toteutunut EU- ja valtion rahoitus", "EURA201", "error"]]
    assert frame.groupby("rule").size().to_dict() == {"EURA201": 2}


def test_no_findings_is_an_empty_frame_with_the_columns():
    frame = findings_frame([])
    assert list(frame.columns) == list(COLUMNS) and frame.empty


def test_what_is_not_a_result_is_refused():
    with pytest.raises(TypeError):
        findings_frame({"path": "x"})
    with pytest.raises(TypeError):
        findings_frame([1, 2])
