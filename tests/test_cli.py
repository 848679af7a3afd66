"""The command line as a user meets it: exit codes, messages, formats, config, stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .helpers import COMMAND, SEEDS, run, seed_path

TODAY = ["--today", "2026-11-22"]


def test_clean_file_exits_0():
    result = run(*TODAY, str(seed_path("002")))
    assert result.returncode == 0, result.stdout
    assert result.stdout.decode().strip() == "No problems in 1 file."


def test_findings_exit_1_with_positions_and_suggestions():
    result = run(*TODAY, "--ignore", "EURA3", str(SEEDS))
    out = result.stdout.decode()
    assert result.returncode == 1
    assert f"{seed_path('000')}:55:1: A78334 EURA101 [warning] Section 4.1 Varsinaiset kohderyhmät is empty" in out
    assert "    suggestion: Describe the section's content" in out
    assert out.rstrip().endswith("in 3 of 5 files.")


def test_fail_on_error_lets_warnings_pass():
    result = run(*TODAY, "--fail-on", "error", "--ignore", "EURA3", str(SEEDS))
    assert result.returncode == 0


def test_json_has_exactly_the_documented_keys():
    result = run(*TODAY, "-f", "json", str(seed_path("001")), "--select", "EURA404")
    (record,) = json.loads(result.stdout)
    assert list(record) == ["path", "line", "column", "rule", "name", "severity", "message",
                            "suggestion", "project"]
    assert record["project"]["code"] == "S21467"
    assert (record["line"], record["column"], record["rule"]) == (17, 17, "EURA404")
    assert record["name"] == "stale-ongoing-status"


@pytest.mark.parametrize(
    "args",
    [["--format", "xml", "seeds"], ["--fail-on", "sometimes", "seeds"], [], ["--today", "soon", "seeds"],
     ["-o", "junit", "seeds"], ["--jobs", "0", "seeds"]],
)
def test_usage_errors_exit_2_without_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert result.stderr.strip()


def test_select_and_ignore_by_id_prefix_and_name():
    path = str(SEEDS)
    by_name = run(*TODAY, "-f", "json", "--select", "empty-section", path)
    assert {r["rule"] for r in json.loads(by_name.stdout)} == {"EURA101"}
    by_prefix = run(*TODAY, "-f", "json", "--select", "EURA1,EURA4", "--ignore", "EURA404", path)
    assert {r["rule"] for r in json.loads(by_prefix.stdout)} == {"EURA101", "EURA104"}


def test_stdin_with_filename():
    data = seed_path("000").read_bytes()
    result = run(*TODAY, "--select", "EURA101", "--stdin-filename", "in/000.txt", "-", input=data)
    assert result.returncode == 1
    assert "in/000.txt:55:1: A78334 EURA101" in result.stdout.decode()


def test_bad_files_are_reported_and_the_others_still_linted(tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "b_notes.txt").write_text("just some notes\n", encoding="utf-8")
    (tmp_path / "c_good.txt").write_bytes(seed_path("003").read_bytes())
    missing = tmp_path / "d_missing.txt"
    result = run(*TODAY, "-f", "json", "--ignore", "EURA3", str(tmp_path), str(missing))
    records = json.loads(result.stdout)
    # a path that does not exist is a usage error (exit 2, named on stderr), not an unreadable
    # description; the files that do exist are still linted and reported
    assert result.returncode == 2
    by_file = {(os.path.basename(r["path"]), r["rule"]) for r in records}
    assert by_file == {("a_binary.txt", "EURA001"), ("b_notes.txt", "EURA002"),
                       ("c_good.txt", "EURA104")}
    assert result.stderr.decode() == f"eura-lint: {missing}: no such file or directory\n"


def test_config_file_overrides_severity_params_and_enablement(tmp_path):
    (tmp_path / ".eura-lint.yaml").write_text(
        "today: 2021-06-30\n"
        "rules:\n"
        "  empty-section: {severity: info}\n"
        "  EURA104: {enabled: false}\n"
        "  EURA404: {params: {grace_days: 100}}\n", encoding="utf-8")
    result = run("-f", "json", "--ignore", "EURA3", str(SEEDS), cwd=tmp_path)
    records = json.loads(result.stdout)
    assert {(r["rule"], r["severity"]) for r in records} == {
        ("EURA101", "info"), ("EURA404", "warning"), ("EURA405", "warning")}


def test_pyproject_config_is_discovered(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.eura-lint]\nignore = ["EURA1", "EURA3", "EURA4"]\n', encoding="utf-8")
    result = run(str(SEEDS), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: red\n", "unknown key(s) colour"),
        ("rules:\n  EURA999: {enabled: false}\n", "unknown rule 'EURA999'"),
        ("rules:\n  EURA404: {params: {grace: 1}}\n", "unknown parameter(s) grace"),
        ("rules:\n  EURA404: {severity: fatal}\n", "unknown severity"),
        ("rules: [1, 2\n", ".eura-lint.yaml:2:1: invalid YAML: did not find expected ',' or ']'"),
        ("rules:\n  EURA404: {params: {grace_days: abc}}\n", "grace_days: must be a whole number"),
        ("rules:\n  EURA507: {params: {regex: '('}}\n", "regex: is not a valid regular expression"),
        ("today: 2026-13-01\n", "today: 2026-13-01 is no day of the calendar"),
        ("select: [EURA9]\n", ".eura-lint.yaml: select: EURA9 matches no rule"),
        # each parameter against the rule's default (element types, dates, finite numbers) ...
        ("rules:\n  EURA201: {params: {pairs: [[[a], b]]}}\n",
         "rules.EURA201.params.pairs[0][0]: must be a string"),
        ("rules:\n  EURA101: {params: {sections: [[a]]}}\n",
         "rules.EURA101.params.sections[0]: must be a string"),
        ("rules:\n  EURA102: {params: {fields: [[a]]}}\n",
         "rules.EURA102.params.fields[0]: must be a string"),
        ("rules:\n  EURA402: {params: {min: '5'}}\n",
         "rules.EURA402.params.min: '5' is not a date (YYYY-MM-DD)"),
        ("rules:\n  EURA205: {params: {min: -.inf}}\n",
         "rules.EURA205.params.min: must be a finite number"),
        # ... then each kind judges the shape of its own parameters
        ("rules:\n  EURA201: {params: {pairs: [[x, y]]}}\n", "EURA201.params: pairs must be"),
        ("rules:\n  EURA101: {params: {sections: ['99']}}\n",
         "rules.EURA101.params.sections[0]: '99' is not one of: 1, 2, 3"),
        ("rules:\n  EURA201: {params: {op: ne}}\n", "EURA201.params: op must be one of"),
    ],
)
def test_bad_config_exits_2_with_the_problem(tmp_path, text, message):
    (tmp_path / ".eura-lint.yaml").write_text(text, encoding="utf-8")
    result = run(str(SEEDS), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_extra_output_file_written_next_to_stdout(tmp_path):
    target = tmp_path / "report.json"
    result = run(*TODAY, "--select", "EURA101", "-o", f"json:{target}", str(SEEDS))
    assert "EURA101" in result.stdout.decode()
    assert [r["rule"] for r in json.loads(target.read_text(encoding="utf-8"))] == ["EURA101"] * 2


def test_version_and_list_rules():
    assert run("--version").stdout.decode().startswith("eura-lint, version ")
    listing = run("--list-rules").stdout.decode()
    assert "EURA201  realised-exceeds-granted" in listing


def test_a_misspelt_selection_is_an_error_not_silence():
    result = run("--select", "EURA404x", str(SEEDS))
    assert result.returncode == 2
    assert b"EURA404x matches no rule" in result.stderr


def test_file_names_that_are_not_utf8_survive_every_format(tmp_path):
    folder = tmp_path.as_posix().encode() + b"/b\xff.txt"
    with open(folder, "wb") as handle:
        handle.write(seed_path("000").read_bytes())
    for fmt in ("text", "json", "junit", "sarif", "github"):
        result = run(*TODAY, "--select", "EURA101", "-f", fmt, str(tmp_path))
        assert result.returncode == 1, (fmt, result.stderr)
        assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    sarif = json.loads(run(*TODAY, "--select", "EURA101", "-f", "sarif", str(tmp_path)).stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"].endswith("/b%FF.txt")


def test_reader_that_stops_early_gets_no_traceback(tmp_path):
    """``eura-lint ... | head``: the closed pipe ends the run quietly, with the status the
    findings give (0 here, with ``--fail-on never``)."""
    for number in range(150):
        (tmp_path / f"{number:03}.txt").write_bytes(seed_path("001").read_bytes())
    process = subprocess.Popen([*COMMAND, *TODAY, "-f", "json", "--fail-on", "never", "--jobs",
                                "1", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_the_commands_own_process_writes_a_report_larger_than_a_pipe_whole():
    """The command ends its process without the interpreter's teardown, so it must flush the
    output itself: a report larger than a pipe holds arrives whole, as it does in process."""
    args = (*TODAY, "-f", "html", str(seed_path("002")))  # a page of about 120 KB
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # the report's creation time, the same in both
    child = run(*args, env=env, process=True)
    assert child.returncode == 0 and child.stderr == b"" and len(child.stdout) > 100_000
    assert child.stdout == run(*args, env=env).stdout


def test_main_raises_system_exit_for_callers_in_python(monkeypatch, capsys):
    from eura_lint.cli import main

    monkeypatch.setattr(sys, "argv", ["eura-lint", "--version"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("eura-lint, version ")
