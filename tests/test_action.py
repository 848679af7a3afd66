"""action.yml, the composite GitHub Action: valid against SchemaStore's schema for actions, its
steps' scripts run as the runner runs them, and the docs' workflow that uses it valid against the
workflow schema and pinned to a commit whose action.yml is this one."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from .helpers import ROOT, seed_path
from .test_integrations import example, validator

ACTION = ROOT / "action.yml"
SCHEMA = ROOT / "tests" / "schemas" / "github-action.json"
SECTION = "The eura-lint action"
EXPRESSION = re.compile(r"\$\{\{\s*(inputs|github)\.([\w-]+)\s*\}\}")


def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def action_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_action_yml_is_valid_against_the_published_schema():
    errors = sorted(action_validator().iter_errors(action()), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    assert action()["runs"]["using"] == "composite"


@pytest.mark.parametrize("broken", [
    lambda data: data["runs"]["steps"][0].pop("shell"),  # a composite run step needs a shell
    lambda data: data["inputs"]["paths"].pop("description"),
    lambda data: data["runs"].update(using="composit"),
])
def test_the_schema_refuses_a_broken_action(broken):
    data = action()
    broken(data)
    assert list(action_validator().iter_errors(data))


def step(name: str) -> dict:
    (found,) = [s for s in action()["runs"]["steps"] if s["name"] == name]
    return found


def step_env(found: dict, inputs: dict[str, str], action_path: Path) -> dict[str, str]:
    """The step's environment as the runner makes it: expressions of inputs (the given value or
    the input's default) and of ``github.action_path``."""
    defaults = {name: spec.get("default", "") for name, spec in action()["inputs"].items()}

    def resolve(match: re.Match) -> str:
        context, name = match.groups()
        if context == "github":
            assert name == "action_path"
            return str(action_path)
        assert name in defaults, f"the step reads an input the action does not declare: {name}"
        return inputs.get(name, defaults[name])

    return {key: EXPRESSION.sub(resolve, value) for key, value in found.get("env", {}).items()}


def test_inputs_reach_the_scripts_only_through_the_environment():
    """A path or argument pasted into a script's text would be run as shell code."""
    for found in action()["runs"]["steps"]:
        assert "${{" not in found["run"], found["name"]
        assert found["shell"] == "bash"


def run_step(name: str, inputs: dict[str, str], cwd: Path, extra_env: dict[str, str]
             ) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run a step's script as the runner runs a bash step (``bash -e {0}``); what the step
    wrote to $GITHUB_OUTPUT comes back as a dict."""
    found = step(name)
    output = cwd / "github_output"
    output.write_text("", encoding="utf-8")
    script = cwd / "step.sh"
    script.write_text(found["run"], encoding="utf-8")
    env = {**os.environ, **step_env(found, inputs, ROOT), **extra_env,
           "GITHUB_OUTPUT": str(output), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                            cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if line)
    return result, outputs


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository of descriptions, one of them in a folder whose name has a space."""
    (tmp_path / "descriptions").mkdir()
    (tmp_path / "other folder").mkdir()
    shutil.copy(seed_path("001"), tmp_path / "descriptions" / "A70301.txt")  # EURA404, EURA309
    shutil.copy(seed_path("002"), tmp_path / "other folder" / "S20548.txt")  # clean
    return tmp_path


def eura_lint_command() -> str:
    command = Path(sys.executable).with_name("eura-lint")
    if not command.exists():
        pytest.skip("no eura-lint command beside this python (not an installed environment)")
    return str(command)


def test_the_run_step_writes_annotations_sarif_and_the_exit_code(repository):
    result, outputs = run_step(
        "Run eura-lint",
        {"paths": "descriptions/\nother folder/S20548.txt\n", "sarif": "eura-lint.sarif",
         "args": "--no-config --today 2026-11-22"},
        repository, {"EURA_LINT": eura_lint_command()})
    assert result.returncode == 1, result.stderr
    assert outputs == {"exit-code": "1"}
    lines = result.stdout.splitlines()
    (stale,) = [line for line in lines if "EURA404" in line]
    assert stale.startswith("::warning file=descriptions/A70301.txt,line=17,col=17,title=")
    assert all(line.startswith("::") for line in lines), lines
    sarif = json.loads((repository / "eura-lint.sarif").read_text(encoding="utf-8"))
    artifacts = {a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]}
    assert artifacts == {"descriptions/A70301.txt", "other%20folder/S20548.txt"}


def test_the_run_step_passes_when_the_arguments_let_the_findings_through(repository):
    result, outputs = run_step(
        "Run eura-lint", {"paths": "descriptions", "args": "--no-config --fail-on error"},
        repository, {"EURA_LINT": eura_lint_command()})
    assert (result.returncode, outputs) == (0, {"exit-code": "0"})
    assert "::warning file=descriptions/A70301.txt" in result.stdout
    assert not (repository / "eura-lint.sarif").exists()  # no sarif input, no file


def test_a_path_is_never_shell_code(repository):
    marker = repository / "injected"
    result, outputs = run_step(
        "Run eura-lint", {"paths": f"$(touch {marker})\n`touch {marker}`",
                          "args": f"--no-config $(touch {marker})"},
        repository, {"EURA_LINT": eura_lint_command()})
    assert not marker.exists()
    assert outputs["exit-code"] == str(result.returncode) and result.returncode == 2


@pytest.mark.slow
@pytest.mark.network
def test_the_install_step_installs_eura_lint_from_the_actions_checkout(tmp_path):
    """The first step as it is: a venv of its own, eura-lint from the action's checkout (pip
    fetches the build backend and the requirements from the package index)."""
    env_file = tmp_path / "github_env"
    env_file.write_text("", encoding="utf-8")
    result, _ = run_step("Install eura-lint", {"python": sys.executable}, tmp_path,
                         {"RUNNER_TEMP": str(tmp_path), "GITHUB_ENV": str(env_file)})
    assert result.returncode == 0, result.stderr
    (line,) = env_file.read_text(encoding="utf-8").splitlines()
    name, command = line.split("=", 1)
    assert name == "EURA_LINT" and command == str(tmp_path / "eura-lint-venv" / "bin" / "eura-lint")
    version = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and "eura-lint" in version.stdout


def test_the_docs_workflow_uses_the_action_and_may_upload_its_sarif():
    workflow = example(SECTION)
    errors = sorted(validator(SECTION).iter_errors(workflow), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    job = workflow["jobs"]["eura-lint"]
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    assert {"push", "pull_request"} <= set(workflow["on"])
    (uses,) = [s for s in job["steps"] if s.get("uses", "").split("@")[0].endswith("/eura-lint")]
    assert set(uses["with"]) <= set(action()["inputs"])
    (upload,) = [s for s in job["steps"]
                 if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert upload["with"]["sarif_file"] == uses["with"]["sarif"]
    assert upload["if"] == "always()"  # eura-lint's findings fail its step: upload them anyway


def test_the_docs_workflow_is_refused_without_a_trigger():
    workflow = example(SECTION)
    workflow.pop("on")
    assert list(validator(SECTION).iter_errors(workflow))


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_docs_pin_a_commit_whose_action_is_this_one():
    (uses,) = [s["uses"] for s in example(SECTION)["jobs"]["eura-lint"]["steps"]
               if s.get("uses", "").split("@")[0].endswith("/eura-lint")]
    rev = uses.split("@", 1)[1]
    assert re.fullmatch(r"[0-9a-f]{40}", rev), "a full commit id: a tag can be moved"
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone does not hold the pinned commit")
    pinned = _git("show", f"{rev}:action.yml")
    assert pinned.returncode == 0, pinned.stderr
    assert pinned.stdout == ACTION.read_text(encoding="utf-8"), (
        "action.yml changed since the commit the docs pin: pin the commit that changed it")
