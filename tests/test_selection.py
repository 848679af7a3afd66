"""File selection as a new user meets it: a checkout with a virtual environment inside, a
.gitignore, excludes, upper-case extensions, empty folders and wrong paths."""

from __future__ import annotations

import os
import subprocess

import pytest

from eura_lint.engine import expand_paths as engine_expand_paths
from eura_lint.readers.discovery import FileSelection, expand_paths, find_files

from .helpers import run, seed_path

TODAY = ["--today", "2026-11-22"]


def touch(path, text="x\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def checkout(tmp_path):
    """A repository as a user has it: descriptions, a virtual environment, build and cache
    folders, node_modules, and a .gitignore."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    seed = seed_path("002").read_text(encoding="utf-8")
    for name in ("descriptions/a.txt", "descriptions/sub/B.TXT", "notes/c.Txt",
                 "drafts/d.txt", "legacy/e.txt"):
        touch(root / name, seed)
    touch(root / ".venv" / "pyvenv.cfg")
    touch(root / ".venv/lib/python3.11/site-packages/x-1.0.dist-info/LICENSE.txt")
    touch(root / "env-with-any-name" / "pyvenv.cfg")
    touch(root / "env-with-any-name/lib/top_level.txt")
    touch(root / "node_modules/pkg/README.txt")
    touch(root / "build/lib/notes.txt")
    touch(root / ".git/info/exclude.txt")
    touch(root / "pkg.egg-info/top_level.txt")
    touch(root / "descriptions/readme.md")
    touch(root / ".gitignore", "drafts/\n*.log.txt\n")
    touch(root / "notes/kept.log.txt", seed)
    touch(root / "notes/.gitignore", "!kept.log.txt\n")
    touch(root / "descriptions/sub/ignored.log.txt")
    return root


def names(files, root):
    return sorted(os.path.relpath(f, root).replace(os.sep, "/") for f in files)


def test_a_checkout_lints_exactly_the_descriptions(checkout):
    files = expand_paths([str(checkout)], FileSelection(root=checkout))
    assert names(files, checkout) == ["descriptions/a.txt", "descriptions/sub/B.TXT",
                                      "legacy/e.txt", "notes/c.Txt", "notes/kept.log.txt"]


def test_the_library_keeps_engine_expand_paths(checkout):
    assert engine_expand_paths is expand_paths
    with pytest.raises(FileNotFoundError, match="no such file"):
        expand_paths([str(checkout / "nope")])


def test_gitignore_can_be_turned_off_and_excludes_replaced_or_extended(checkout):
    no_git = expand_paths([str(checkout)], FileSelection(root=checkout, respect_gitignore=False))
    assert "drafts/d.txt" in names(no_git, checkout)
    extended = expand_paths([str(checkout)], FileSelection(root=checkout, extend_exclude=["legacy"]))
    assert "legacy/e.txt" not in names(extended, checkout)
    assert "descriptions/a.txt" in names(extended, checkout)
    # exclude replaces the defaults: node_modules is searched again (the venv, by its
    # pyvenv.cfg, never is)
    replaced = expand_paths([str(checkout)], FileSelection(root=checkout, exclude=["notes"]))
    assert "node_modules/pkg/README.txt" in names(replaced, checkout)
    assert not any(n.startswith(("notes/", ".venv/", "env-with-any-name/"))
                   for n in names(replaced, checkout))
    anchored = expand_paths([str(checkout)], FileSelection(root=checkout,
                                                           extend_exclude=["/descriptions/sub"]))
    assert "descriptions/sub/B.TXT" not in names(anchored, checkout)


def test_files_named_explicitly_are_always_linted(checkout):
    named = [str(checkout / "drafts/d.txt"), str(checkout / "descriptions/readme.md"),
             str(checkout / "node_modules/pkg/README.txt")]
    assert expand_paths(named, FileSelection(root=checkout)) == named


def test_a_gitignore_above_the_repository_does_not_apply(tmp_path):
    touch(tmp_path / ".gitignore", "*.txt\n")
    touch(tmp_path / "project/.git/HEAD")
    touch(tmp_path / "project/a.txt")
    found = find_files([str(tmp_path / "project")], FileSelection(root=tmp_path / "project"))
    assert names(found.files, tmp_path) == ["project/a.txt"]


def test_cli_in_a_checkout_with_a_virtual_environment(checkout):
    import json

    result = run(*TODAY, "-f", "json", "--select", "EURA0", ".", cwd=checkout)
    assert result.returncode == 0, result.stderr  # no EURA002 for LICENSE.txt or top_level.txt
    assert json.loads(result.stdout) == []
    summary = run(*TODAY, "--select", "EURA0", ".", cwd=checkout).stdout.decode()
    assert summary == "No problems in 5 files.\n"


def test_upper_case_extension_is_linted(tmp_path):
    (tmp_path / "UPPER.TXT").write_bytes(seed_path("000").read_bytes())
    result = run(*TODAY, "--select", "EURA101", str(tmp_path))
    assert result.returncode == 1
    assert "UPPER.TXT:55:1: A78334 EURA101" in result.stdout.decode()  # (the project's code)


def test_nothing_to_lint_exits_2_with_a_message(tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    for fmt in ("text", "junit"):
        result = run(*TODAY, "-f", fmt, str(tmp_path))
        assert result.returncode == 2
        assert result.stdout == b""
        assert b"nothing to lint in" in result.stderr and b"*.txt" in result.stderr


def test_a_missing_path_is_named_not_an_encoding_problem(tmp_path):
    result = run(*TODAY, str(tmp_path / "no-such.txt"))
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == f"eura-lint: {tmp_path / 'no-such.txt'}: no such file or directory\n"
    assert b"UTF-8" not in result.stderr


def test_exclude_options_and_config(tmp_path):
    for name in ("keep/a.txt", "old/b.txt", "tmp/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(seed_path("000").read_bytes())

    def linted(*args):
        result = run(*TODAY, "--select", "EURA101", "-f", "json", *args, cwd=tmp_path)
        import json

        return sorted({os.path.normpath(r["path"]) for r in json.loads(result.stdout)})

    assert linted(".") == ["keep/a.txt", "old/b.txt", "tmp/c.txt"]
    assert linted("--extend-exclude", "old,tmp", ".") == ["keep/a.txt"]
    assert linted("--exclude", "old", ".") == ["keep/a.txt", "tmp/c.txt"]
    (tmp_path / ".eura-lint.yaml").write_text("extend-exclude: [tmp]\n", encoding="utf-8")
    assert linted(".") == ["keep/a.txt", "old/b.txt"]
    assert linted("--extend-exclude", "old", ".") == ["keep/a.txt"]
    # named explicitly, an excluded file is still linted
    assert linted("tmp/c.txt") == ["tmp/c.txt"]


def test_git_repository_ignores_are_respected_from_the_command_line(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "out/x.txt").write_bytes(seed_path("000").read_bytes())
    (tmp_path / ".gitignore").write_text("out/\n", encoding="utf-8")
    (tmp_path / "in.txt").write_bytes(seed_path("000").read_bytes())
    (tmp_path / "out/y.log.txt").write_bytes(seed_path("000").read_bytes())
    (tmp_path / ".gitignore").write_text("out/\n*.log.txt\n", encoding="utf-8")
    # a folder named explicitly is searched even though git ignores it; inside it, what git
    # ignores for another reason is still skipped
    result = run(*TODAY, "--select", "EURA101", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "x.txt:55:1" in result.stdout.decode() and "y.log.txt" not in result.stdout.decode()
    result = run(*TODAY, "--select", "EURA101", ".", cwd=tmp_path)
    assert "in.txt:55:1" in result.stdout.decode() and "x.txt" not in result.stdout.decode()
