"""The installed command line's machine outputs, validated against the shared schemas.

Each test runs the command on copies of the seeds in a temporary directory (so that
paths are relative, as CI tools see them) and checks that every format reports the same findings.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
TODAY = "2024-01-01"  # the status rules depend on the lint date
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=(?:([A-Z]\d{5}) )?(EURA\d{3}) [a-z0-9-]+::.+$")
DEFECT = ("Toteutunut EU- ja valtion rahoitus: 69 476", "Toteutunut EU- ja valtion rahoitus: 79 722")


@pytest.fixture(scope="module")
def junit_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.fixture
def workdir(tmp_path):
    """Copies of the seeds, one funding defect (seed 002 realised above granted) and a non-ASCII name."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    seed_002 = (SEEDS / "002_f43153b04ec63b59.txt").read_text(encoding="utf-8")
    assert DEFECT[0] in seed_002
    (tmp_path / "muut kuvaukset").mkdir()
    (tmp_path / "muut kuvaukset" / "ylitys, äö.txt").write_text(seed_002.replace(*DEFECT), encoding="utf-8")
    return tmp_path


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("--no-config", "--today", TODAY, *args, cwd=cwd, text=True)


def findings_of(cwd: Path) -> list[dict]:
    """The reference: the JSON records of the whole working directory."""
    result = lint(cwd, "--format", "json", "seeds", "muut kuvaukset")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def check_junit(text: str, schema, records: list[dict], paths: list[str]) -> None:
    from lxml import etree

    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(text.encode("utf-8"))
    schema.assertValid(root)
    suites = root.findall("testsuite")
    assert sorted(s.get("name") for s in suites) == sorted(paths)
    for suite in suites:
        names = [case.get("name") for case in suite.findall("testcase")]
        assert len(names) == len(set(names)), suite.get("name")
        mine = [r for r in records if r["path"] == suite.get("name")]
        if not mine:
            (case,) = suite.findall("testcase")
            assert len(case) == 0  # a clean document is one passing testcase
    failures = root.findall("testsuite/testcase/failure")
    assert sorted(f.get("type") for f in failures) == sorted(
        r["rule"] for r in records if r["severity"] != "info"
    )
    assert len(root.findall("testsuite/testcase/skipped")) == sum(r["severity"] == "info" for r in records)


def check_sarif(text: str, validator, records: list[dict]) -> None:
    log = json.loads(text)
    errors = list(validator.iter_errors(log))
    assert not errors, [e.message for e in errors]
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    located = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert "\\" not in location["artifactLocation"]["uri"]
        located.append((result["ruleId"], location["region"]["startLine"], location["region"]["startColumn"]))
    assert located == [(r["rule"], r["line"], r["column"]) for r in records]


def check_github(text: str, records: list[dict]) -> None:
    lines = text.splitlines()
    assert len(lines) == len(records)
    for line, record in zip(lines, records):
        match = GITHUB_LINE.match(line)
        assert match, line
        assert match.group(2, 3, 4, 6) == (
            record["path"].replace(",", "%2C"), str(record["line"]), str(record["column"]), record["rule"]
        )
        assert match.group(5) == (record["project"]["code"] if "project" in record else None)


def test_json_records(workdir):
    records = findings_of(workdir)
    assert records, "the seeds and the defect produce findings"
    assert all(list(r) == ["path", "line", "column", "rule", "name", "severity", "message", "suggestion",
                           "project"] for r in records)  # every finding here is about a description
    defect = [r for r in records if r["path"] == "muut kuvaukset/ylitys, äö.txt" and r["rule"] == "EURA201"]
    assert [(r["line"], r["column"], r["severity"]) for r in defect] == [(82, 37, "error")]
    assert defect[0]["suggestion"]


@pytest.mark.parametrize("fmt", ["junit", "sarif", "github"])
def test_stdout_format_valid(workdir, fmt, junit_schema, sarif_validator):
    records = findings_of(workdir)
    paths = sorted(str(p.relative_to(workdir).as_posix()) for p in workdir.rglob("*.txt"))
    result = lint(workdir, "--format", fmt, "seeds", "muut kuvaukset")
    assert result.returncode == 1, result.stderr
    if fmt == "junit":
        check_junit(result.stdout, junit_schema, records, paths)
    elif fmt == "sarif":
        check_sarif(result.stdout, sarif_validator, records)
    else:
        check_github(result.stdout, records)


def test_several_outputs_at_once(workdir, junit_schema, sarif_validator):
    records = findings_of(workdir)
    paths = sorted(str(p.relative_to(workdir).as_posix()) for p in workdir.rglob("*.txt"))
    out = workdir / "reports"
    out.mkdir()
    result = lint(
        workdir, "--format", "github", "seeds", "muut kuvaukset",
        "--output", f"junit:{out / 'eura-lint.xml'}", "-o", f"sarif:{out / 'eura-lint.sarif'}",
        "-o", f"json:{out / 'eura-lint.json'}", "-o", f"text:{out / 'eura-lint.txt'}",
    )
    assert result.returncode == 1, result.stderr
    check_github(result.stdout, records)
    check_junit((out / "eura-lint.xml").read_text(encoding="utf-8"), junit_schema, records, paths)
    check_sarif((out / "eura-lint.sarif").read_text(encoding="utf-8"), sarif_validator, records)
    assert json.loads((out / "eura-lint.json").read_text(encoding="utf-8")) == records
    text = (out / "eura-lint.txt").read_text(encoding="utf-8")
    assert text.splitlines()[-1].startswith(f"Found {len(records)} problem")


def test_clean_description_in_every_format(workdir, junit_schema, sarif_validator):
    clean = "seeds/002_f43153b04ec63b59.txt"
    for fmt in ("text", "json", "junit", "sarif", "github"):
        result = lint(workdir, "--format", fmt, clean)
        assert result.returncode == 0, (fmt, result.stdout, result.stderr)
        if fmt == "junit":
            check_junit(result.stdout, junit_schema, [], [clean])
        elif fmt == "sarif":
            check_sarif(result.stdout, sarif_validator, [])
        elif fmt == "json":
            assert json.loads(result.stdout) == []
        elif fmt == "github":
            assert result.stdout == ""
        else:
            assert result.stdout == "No problems in 1 file.\n"
