"""``--format csv``: the JSON report's records as spreadsheet rows, readable by Excel (BOM, CRLF,
quoting), LibreOffice and pandas."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd

from eura_lint.catalogue import read_rule_files
from eura_lint.finding import COLUMNS, Finding, Project, Severity
from eura_lint.report import Report
from eura_lint.reporters import csv_report

from .helpers import run

ROOT = Path(__file__).resolve().parents[1]
KEYS = ["path", "line", "column", "rule", "name", "severity", "message", "suggestion",
        "project_code", "project_name"]


def _report(*findings: Finding) -> Report:
    return Report(findings=list(findings), paths=["a.txt"], rules=read_rule_files(), version="t")


def _finding(message: str, suggestion: str | None = None, path: str = "kansio/ä.txt",
             project: Project | None = None) -> Finding:
    return Finding(path, 3, 7, "EURA201", "realised-exceeds-granted", Severity.ERROR, message,
                   suggestion, project)


def test_bom_crlf_header_and_quoting():
    text = csv_report.render(_report(
        _finding('Summa "1 000", ylittää\nmyönnetyn', "Tarkista; äöå"),
        _finding("plain", None, project=Project("A70080", "Hanke, jolla on nimi"))))
    assert text.startswith("\ufeffpath,line,column,rule,name,severity,message,suggestion,"
                           "project_code,project_name\r\n")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == KEYS == list(COLUMNS)
    assert rows[1] == ["kansio/ä.txt", "3", "7", "EURA201", "realised-exceeds-granted", "error",
                       'Summa "1 000", ylittää\nmyönnetyn', "Tarkista; äöå", "", ""]
    assert rows[2][-4:] == ["plain", "", "A70080", "Hanke, jolla on nimi"]
    assert '"Summa ""1 000"", ylittää\nmyönnetyn"' in text  # quoted, quotes doubled


def test_pandas_reads_what_json_says(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    seed = (ROOT / "seeds" / "002_f43153b04ec63b59.txt").read_text(encoding="utf-8")
    (tmp_path / "seeds" / "yli, äö.txt").write_text(
        seed.replace("Toteutunut EU- ja valtion rahoitus: 69 476",
                     "Toteutunut EU- ja valtion rahoitus: 79 722"), encoding="utf-8")
    (tmp_path / "out").mkdir()  # reports go only into folders that exist
    result = run("--no-config", "--today", "2024-01-01", "-f", "json", "-o",
                 "csv:out/findings.csv", "seeds", cwd=tmp_path, text=True)
    assert result.returncode == 1, result.stderr
    records = json.loads(result.stdout)
    raw = (tmp_path / "out" / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    frame = pd.read_csv(tmp_path / "out" / "findings.csv", encoding="utf-8-sig",
                        keep_default_na=False, dtype={"line": int, "column": int})
    assert list(frame.columns) == KEYS
    back = frame.to_dict("records")
    # the JSON's project object is the CSV's two project columns
    expected = [{**{k: v for k, v in r.items() if k != "project"},
                 "suggestion": r["suggestion"] or "",
                 "project_code": r["project"]["code"] or "",
                 "project_name": r["project"]["name"] or ""} for r in records]
    assert all(r["project"]["code"] for r in records)  # every finding here is about a description
    assert back == expected
    assert any(r["path"].endswith("yli, äö.txt") for r in back)


def test_formula_like_cells_are_kept_as_text():
    text = csv_report.render(_report(_finding("=HYPERLINK(\"x\")", "@SUM(A1)", path="-x.txt"),
                                     _finding("ok \x07 bell")))
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[1][0] == "'-x.txt"
    assert rows[1][6] == "'=HYPERLINK(\"x\")" and rows[1][7] == "'@SUM(A1)"
    assert rows[2][6] == "ok \\x07 bell"


def test_no_findings_is_a_header_only():
    assert csv_report.render(_report()) == "\ufeff" + ",".join(KEYS) + "\r\n"
