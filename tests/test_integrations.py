"""The CI examples of docs/integrations.md, the only copy of them: each YAML example is valid
against the published JSON schema of its file (tests/schemas/, provenance there), each
``eura-lint`` command in them runs on descriptions and writes the report the rest of the example
reads, and the commit they pin is one of this repository's."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from .helpers import ROOT, run, seed_path

DOC = ROOT / "docs" / "integrations.md"
SCHEMAS = ROOT / "tests" / "schemas"
# The section of docs/integrations.md that holds an example -> the schema of that file.
SCHEMA_OF_SECTION = {
    "pre-commit": "pre-commit-config.json",
    "GitLab CI": "gitlab-ci.json",
    "GitHub Actions": "github-workflow.json",
    "The eura-lint action": "github-workflow.json",  # tests/test_action.py tests it further
}


def validator(section: str) -> jsonschema.protocols.Validator:
    """A validator for the schema of ``section``'s file; the schemas it refers to by URI (the
    pre-commit config's to pre-commit-hooks.json) come from tests/schemas/, never the network."""
    stored = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMAS.glob("*.json"))]
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7))
        for schema in stored if "$id" in schema)
    schema = json.loads((SCHEMAS / SCHEMA_OF_SECTION[section]).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, registry=registry)


def blocks() -> list[tuple[str, str, str]]:
    """(section title, language, text) of every fenced code block of the page."""
    out, section = [], None
    for part in re.split(r"(?m)^(## .*\n|```\w*\n(?:.*\n)*?```\n)", DOC.read_text(encoding="utf-8")):
        if part.startswith("## "):
            section = part[3:].strip()
        elif part.startswith("```"):
            language, _, body = part[3:].partition("\n")
            out.append((section, language, body[: -len("```\n")]))
    return out


def example(section: str) -> dict:
    (text,) = [body for title, language, body in blocks() if title == section and language == "yaml"]
    data = yaml.safe_load(text)
    if True in data:  # YAML 1.1 reads the key `on` as true; GitHub reads it as the string "on"
        data["on"] = data.pop(True)
    return data


def test_every_yaml_example_is_under_a_section_with_a_schema():
    yaml_sections = [title for title, language, _ in blocks() if language == "yaml"]
    assert sorted(yaml_sections) == sorted(SCHEMA_OF_SECTION), yaml_sections


def test_every_example_block_is_yaml_or_the_jenkinsfile():
    assert {(title, language) for title, language, _ in blocks()} == {
        *((title, "yaml") for title in SCHEMA_OF_SECTION), ("Jenkins", "groovy")}


@pytest.mark.parametrize("section", sorted(SCHEMA_OF_SECTION))
def test_example_is_valid_against_its_published_schema(section):
    errors = sorted(validator(section).iter_errors(example(section)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("section, broken", [
    ("GitHub Actions", lambda data: data.pop("on")),  # a workflow without a trigger
    ("GitLab CI", lambda data: data["eura-lint"]["artifacts"].update(when="allways")),
    ("pre-commit", lambda data: data["repos"][0]["hooks"][0].update(args="--fail-on error")),
    ("pre-commit", lambda data: data["repos"][0]["hooks"][0].update(stages=["comit"])),
])
def test_schemas_refuse_a_broken_example(section, broken):
    """The validation above can fail: the same examples, each with one known mistake, do not pass."""
    data = example(section)
    broken(data)
    assert list(validator(section).iter_errors(data))


def commands() -> list[tuple[str, list[str]]]:
    """(section, argv after `eura-lint`) of each eura-lint command of the examples."""
    out = []
    github = example("GitHub Actions")["jobs"]["eura-lint"]["steps"]
    out += [("GitHub Actions", step["run"]) for step in github if "run" in step]
    out += [("GitLab CI", line) for line in example("GitLab CI")["eura-lint"]["script"]]
    (jenkinsfile,) = [body for title, _, body in blocks() if title == "Jenkins"]
    out += [("Jenkins", line) for line in re.findall(r"\bsh '([^']*)'", jenkinsfile)]
    return [(section, shlex.split(line)[1:]) for section, line in out if line.startswith("eura-lint ")]


def test_each_ci_example_runs_eura_lint():
    assert sorted({section for section, _ in commands()}) == ["GitHub Actions", "GitLab CI", "Jenkins"]


def report_path(argv: list[str], fmt: str) -> str:
    (path,) = [value.split(":", 1)[1] for option, value in zip(argv, argv[1:])
               if option in ("-o", "--output") and value.startswith(f"{fmt}:")]
    return path


@pytest.mark.parametrize("section, argv", commands(), ids=[s for s, _ in commands()])
def test_example_command_runs_and_writes_what_the_example_reads(section, argv, tmp_path):
    descriptions = tmp_path / "descriptions"
    descriptions.mkdir()
    shutil.copy(seed_path("001"), descriptions / "A70301.txt")  # warnings (EURA309, EURA404)
    shutil.copy(seed_path("002"), descriptions / "S20548.txt")  # clean
    result = run("--no-config", "--today", "2026-11-22", *argv, cwd=tmp_path, text=True)
    fails_on_warnings = "never" not in argv
    assert result.returncode == (1 if fails_on_warnings else 0), result.stdout + result.stderr
    if section == "GitHub Actions":
        annotations = [line for line in result.stdout.splitlines()
                       if line.startswith("::warning file=descriptions/A70301.txt,line=17,col=17,")]
        assert len(annotations) == 1 and "EURA404 stale-ongoing-status::" in annotations[0], result.stdout
        upload = [step for step in example(section)["jobs"]["eura-lint"]["steps"]
                  if step.get("uses", "").startswith("github/codeql-action/upload-sarif")]
        sarif_file = upload[0]["with"]["sarif_file"]
        assert sarif_file == report_path(argv, "sarif")
        sarif = json.loads((tmp_path / sarif_file).read_text(encoding="utf-8"))
        assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"EURA309", "EURA404"}
    else:
        junit = report_path(argv, "junit")
        if section == "GitLab CI":
            assert example(section)["eura-lint"]["artifacts"]["reports"]["junit"] == junit
        else:
            (jenkinsfile,) = [body for title, _, body in blocks() if title == "Jenkins"]
            assert f"junit '{junit}'" in jenkinsfile
        suites = ET.parse(tmp_path / junit).getroot().iter("testsuite")
        assert sorted(suite.get("name") for suite in suites) == [
            "descriptions/A70301.txt", "descriptions/S20548.txt"]


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_pinned_commit_is_one_of_this_repository():
    """pre-commit's ``rev`` and pip's ``@rev`` must exist: a tag that was never made (``v0.1.0``)
    fails when pasted. Every example pins the same commit."""
    text = DOC.read_text(encoding="utf-8")
    pins = set(re.findall(r"rev:\s*(\S+)", text)) | set(re.findall(r"eura-lint\.git@([^\"'\s]+)", text))
    assert len(pins) == 1, pins
    (rev,) = pins
    assert re.fullmatch(r"[0-9a-f]{40}", rev), "pre-commit wants a tag or a full commit id"
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    if _git("rev-parse", "--is-shallow-repository") == "true":
        pytest.skip("a shallow clone does not hold the pinned commit")
    assert _git("cat-file", "-t", rev) == "commit"
    assert _git("cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml") == ""
    assert _git("cat-file", "-e", f"{rev}:pyproject.toml") == ""
