"""`eura-lint schema`: the library's schemas on standard output or in a file, built from the
rules as the configuration leaves them."""

from __future__ import annotations

import json

import pandera.pandas as pa

from eura_lint.kinds.schemas import NOT_BLANK, frictionless_json, pandera_schema, pandera_yaml

from .helpers import run


def test_frictionless_on_standard_output_is_the_librarys_schema(tmp_path):
    result = run("schema", "--no-config", "--format", "frictionless", cwd=tmp_path, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == frictionless_json()
    assert json.loads(result.stdout)["primaryKey"] == ["Koodi"]


def test_pandera_to_a_file_loads_back_in_pandera(tmp_path):
    target = tmp_path / "schema.yaml"
    result = run("schema", "--no-config", "-f", "pandera", "-o", target, cwd=tmp_path, text=True)
    assert (result.returncode, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == pandera_yaml()
    assert pa.DataFrameSchema.from_yaml(target.read_text(encoding="utf-8")) == pandera_schema()


def test_the_configurations_rules_make_the_schema(tmp_path):
    (tmp_path / ".eura-lint.yaml").write_text(
        "rules:\n"
        "  EURA402: {params: {max: '2029-12-31'}}\n"  # a later end of the period
        "  invalid-project-code: {enabled: false}\n", encoding="utf-8")
    result = run("schema", "--format", "frictionless", cwd=tmp_path, text=True)
    assert result.returncode == 0, result.stderr
    fields = {field["name"]: field for field in json.loads(result.stdout)["fields"]}
    assert fields["Päättymispvm"]["constraints"]["maximum"] == "31.12.2029"
    # EURA502 off: the code need only not be blank
    assert fields["Koodi"]["constraints"]["pattern"] == NOT_BLANK
    assert run("schema", "--no-config", "-f", "frictionless", cwd=tmp_path,
               text=True).stdout == frictionless_json()


def test_a_format_is_required_and_checked(tmp_path):
    for args in ([], ["--format", "json-schema"]):
        result = run("schema", "--no-config", *args, cwd=tmp_path, text=True)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith("eura-lint: ") and "frictionless" in result.stderr


def test_a_file_that_cannot_be_written_is_one_line_and_status_2(tmp_path):
    result = run("schema", "--no-config", "-f", "pandera", "-o", tmp_path / "missing" / "s.yaml",
                 cwd=tmp_path, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("eura-lint: cannot write the schema: ")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "missing").exists()


def test_the_command_is_listed_and_has_its_own_help(tmp_path):
    assert "schema" in run("--help", text=True).stdout
    help_text = " ".join(run("schema", "--help", text=True).stdout.split())
    assert "Frictionless Table Schema (schema.json)" in help_text  # not check's --format text
    assert "Report format" not in help_text
