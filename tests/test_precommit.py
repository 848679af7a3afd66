"""The pre-commit hook, end to end: ``pre-commit try-repo`` installs eura-lint from this repository
into pre-commit's own environment (its dependencies from the package index, so it needs the
network) and runs the hook in a throw-away git repository; the documented configuration
(docs/integrations.md) is run the same way, against a clone of this repository at the commit under
test. tests/test_integrations.py checks that configuration against its schema and its pinned commit.

try-repo clones the repository's HEAD, plus uncommitted changes to tracked files: the hook and
the package must be committed (or at least tracked) for this test to see them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_002 = ROOT / "seeds" / "002_f43153b04ec63b59.txt"
DEFECT = ("Toteutunut EU- ja valtion rahoitus: 69 476", "Toteutunut EU- ja valtion rahoitus: 79 722")

# The pre-commit installed next to this interpreter (a virtualenv need not be on PATH), else PATH's.
try:
    import pre_commit  # noqa: F401

    PRE_COMMIT: list[str] | None = [sys.executable, "-m", "pre_commit"]
except ImportError:
    _found = shutil.which("pre-commit")
    PRE_COMMIT = [_found] if _found else None
pytestmark = pytest.mark.skipif(PRE_COMMIT is None,
                                reason="pre-commit is not installed (pip install pre-commit)")
# A run of the hook installs eura-lint and its dependencies into pre-commit's own environment:
# those tests are slow and need the network; validating the files is quick.


def test_manifest_is_valid():
    result = subprocess.run([*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_documented_config_is_valid(tmp_path):
    snippet = documented_config()
    assert "id: eura-lint" in snippet
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, encoding="utf-8")
    result = subprocess.run([*PRE_COMMIT, "validate-config", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A git repository holding a clean description (seed 002) and one with a funding defect."""
    base = tmp_path_factory.mktemp("precommit")
    home = base / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(base / "pre-commit-cache"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        # try-repo commits uncommitted changes into a shadow clone: it needs an identity.
        "GIT_AUTHOR_NAME": "eura-lint tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
        "GIT_COMMITTER_NAME": "eura-lint tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
        "PRE_COMMIT_COLOR": "never",
    }
    env.pop("VIRTUAL_ENV", None)
    repo = base / "descriptions"
    repo.mkdir()
    text = SEED_002.read_text(encoding="utf-8")
    assert DEFECT[0] in text
    (repo / "002_clean.txt").write_text(text, encoding="utf-8")
    (repo / "002_ylitys.txt").write_text(text.replace(*DEFECT), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "descriptions"], cwd=repo, env=env, check=True)
    return repo, env


def try_repo(project, filename: str) -> subprocess.CompletedProcess[str]:
    repo, env = project
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(ROOT), "eura-lint", "--verbose", "--files", filename],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.mark.slow
@pytest.mark.network
def test_hook_fails_on_a_funding_defect(project):
    result = try_repo(project, "002_ylitys.txt")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "eura-lint" in output and "Failed" in output, output
    assert "002_ylitys.txt:82:37: S22089 EURA201 [error] Realised EU and state funding 79 722 exceeds" in output, output
    assert "suggestion:" in output


@pytest.mark.slow
@pytest.mark.network
def test_hook_passes_a_clean_description(project):
    result = try_repo(project, "002_clean.txt")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output, output


def documented_config() -> str:
    """The one pre-commit configuration of docs/integrations.md."""
    docs = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    (snippet,) = [block for block in re.findall(r"```yaml\n(.*?)```", docs, re.S)
                  if block.startswith("repos:")]
    return snippet


def _git(*args: str, cwd: Path, env: dict | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.mark.slow
@pytest.mark.network
def test_documented_configuration_runs_when_pasted(project, tmp_path):
    """The documented configuration, its ``repo`` a clone of this repository and its ``rev`` the
    commit under test (HEAD: commit before running this test), run by ``pre-commit run``."""
    repo, env = project
    clone = tmp_path / "eura-lint"
    _git("clone", "-q", str(ROOT), str(clone), cwd=tmp_path, env=env)
    head = _git("rev-parse", "HEAD", cwd=ROOT)
    _git("checkout", "-q", head, cwd=clone, env=env)
    snippet = documented_config()
    config = re.sub(r"(?m)^(\s*- repo:)\s*\S+", lambda m: f"{m.group(1)} {clone.as_posix()}", snippet)
    config = re.sub(r"(?m)^(\s*rev:)\s*\S+", lambda m: f"{m.group(1)} {head}", config)
    assert config != snippet and head in config
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    result = subprocess.run([*PRE_COMMIT, "run", "--files", "002_ylitys.txt", "002_clean.txt"],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # the documented args: --fail-on error; EURA201 is one
    assert "002_ylitys.txt:82:37: S22089 EURA201 [error]" in output, output
    clean = subprocess.run([*PRE_COMMIT, "run", "--files", "002_clean.txt"], cwd=repo, env=env,
                           capture_output=True, text=True, timeout=900)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_hook_passes_descriptions_and_lists_and_nothing_else():
    """The hook's file selection, as pre-commit applies it (its own `files` and `types`
    filter): a workbook must reach eura-lint; `types: [text]` dropped every one."""
    import yaml
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0].get("types") is None
    names = ["a.txt", "b.csv", "c.tsv", "d.xlsx", "e.xls", "f.ods", "g.xlsb", "H.XLSX",
             "i.docx", "j.pdf", "k.json", "l.py", "m.xlsx.bak", "README.md"]
    pattern = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    passed = [n for n in names if pattern.search(n) and not exclude.search(n)]
    assert passed == ["a.txt", "b.csv", "c.tsv", "d.xlsx", "e.xls", "f.ods", "g.xlsb", "H.XLSX"]
    assert hook["types"] == ["file"] and not hook["types_or"]


@pytest.mark.slow
@pytest.mark.network
def test_a_workbook_defect_blocks_a_commit(tmp_path):
    """A project list saved as .xlsx with a defect (realised above planned) is passed to the
    hook by a real `git commit`, which it blocks; the clean list commits. The hook comes from a
    clone of this repository at HEAD (commit before running this test)."""
    import openpyxl

    base = tmp_path
    home = base / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PRE_COMMIT_HOME": str(base / "pre-commit-cache"),
           "XDG_CACHE_HOME": str(base / "cache"), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "eura-lint tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
           "GIT_COMMITTER_NAME": "eura-lint tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
           "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    clone = base / "eura-lint"
    _git("clone", "-q", str(ROOT), str(clone), cwd=base, env=env)
    head = _git("rev-parse", "HEAD", cwd=ROOT)
    _git("checkout", "-q", head, cwd=clone, env=env)
    repo = base / "lists"
    repo.mkdir()
    _git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone.as_posix()}\n    rev: {head}\n    hooks:\n"
        "      - id: eura-lint\n        args: [--today, '2016-12-31']\n", encoding="utf-8")
    _git("add", ".pre-commit-config.yaml", cwd=repo, env=env)
    _git("commit", "-q", "--no-verify", "-m", "config", cwd=repo, env=env)
    install = subprocess.run([*PRE_COMMIT, "install"], cwd=repo, env=env, capture_output=True,
                             text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    header = ["Koodi", "Rahasto", "Hankkeen nimi", "Tl", "Viranomainen", "Tila", "Aloituspvm",
              "Päättymispvm", "Toteuttajan nimi", "Myönnetty EU- ja valtion rahoitus",
              "Toteutunut EU- ja valtion rahoitus", "Suunniteltu julkinen rahoitus yhteensä",
              "Toteutunut julkinen rahoitus yhteensä"]

    def save(name: str, realised_public: int) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Hankkeet"
        sheet.append(header)
        sheet.append(["A70302", "EAKR", "Hanke", 2, "Innovaatiorahoituskeskus Tekes",
                      "Toiminnassa", "1.3.2015", "28.2.2017", "Yliopisto", 280000, 57227,
                      319258, realised_public])
        book.save(repo / name)

    save("hankkeet.xlsx", 400000)  # realised public 400,000 > planned 319,258: EURA202
    _git("add", "hankkeet.xlsx", cwd=repo, env=env)
    blocked = subprocess.run(["git", "commit", "-m", "list"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=900)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "hankkeet.xlsx:2:13: A70302 EURA202 [error]" in output, output  # (the project code)
    assert _git("rev-list", "--count", "HEAD", cwd=repo, env=env) == "1"  # nothing committed
    save("hankkeet.xlsx", 59451)
    _git("add", "hankkeet.xlsx", cwd=repo, env=env)
    passed = subprocess.run(["git", "commit", "-m", "list"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
