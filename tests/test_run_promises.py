"""What docs/limits.md promises about a run, held against the faults that broke it: a signal
between the renames of several reports, a short write on standard output, a report target that
is a stream of the process, configurations that failed only after linting, a .gitignore too
large to read, a folder tree 1,200 levels deep."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eura_lint.readers.discovery import FileSelection, find_files

from .helpers import ROOT, run

REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
REPORTS = (("json", "a.json"), ("csv", "b.csv"), ("sarif", "c.sarif"))
# the first 200 rows: a report of about 150 KB, linted in a second
SHORT_LIST = b"\n".join(REAL_LIST.read_bytes().split(b"\n")[:201]) + b"\n"

# The command line in a child, with a signal sent to itself at one step of writing the reports:
# after the n-th temporary file is written (step "t1"...), or after the n-th rename ("r1"...).
SIGNALLING = textwrap.dedent("""
    import os, sys
    import eura_lint.reporters.writing as files
    step, number = sys.argv[1], int(sys.argv[2])
    seen = {"t": 0, "r": 0}
    def hit(kind):
        seen[kind] += 1
        if step == f"{kind}{seen[kind]}":
            os.kill(os.getpid(), number)
    write_temporary = files._write_temporary
    def temporary(*args):
        made = write_temporary(*args)
        hit("t")
        return made
    files._write_temporary = temporary
    files._after_rename = lambda target: hit("r")
    sys.argv = ["eura-lint", *sys.argv[3:]]
    from eura_lint.cli import console
    console()
""")


def _steps():
    """Every step with both signals; two of them in the default run, all in the slow one."""
    for step in ("t1", "t2", "t3", "r1", "r2", "r3"):
        for number in (signal.SIGINT, signal.SIGTERM):
            quick = (step, number) in (("t2", signal.SIGINT), ("r1", signal.SIGTERM))
            yield pytest.param(step, number, marks=() if quick else pytest.mark.slow,
                               id=f"{step}-{number.name}")


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize(("step", "number"), list(_steps()))
def test_a_signal_at_any_step_of_writing_reports_leaves_all_old_or_all_new(tmp_path, step,
                                                                          number):
    for _, name in REPORTS:
        (tmp_path / name).write_text("old report\n")
    head = REAL_LIST.read_bytes().split(b"\n")[:40]  # a short list: the reports are the point
    (tmp_path / "lista.csv").write_bytes(b"\n".join(head) + b"\n")
    outputs = [arg for fmt, name in REPORTS for arg in ("-o", f"{fmt}:{name}")]
    done = subprocess.run([sys.executable, "-c", SIGNALLING, step, str(int(number)),
                           "--today", "2016-12-31", *outputs, "--format", "json", "lista.csv"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    contents = [(tmp_path / name).read_text() for _, name in REPORTS]
    assert done.returncode == 128 + number, done.stderr
    if step.startswith("t"):  # before any target was replaced: every one as it was
        assert contents == ["old report\n"] * 3
    else:  # a rename had happened: the others follow before the signal is taken
        assert all(text != "old report\n" for text in contents)
        assert json.loads(contents[0]) and "ruleId" in contents[2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.csv", "c.sarif",
                                                          "lista.csv"]  # no temporary left
    assert done.stdout == ""  # standard output comes after the reports; it was not written


def _fsize(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_short_write_on_standard_output_is_exit_2(tmp_path, fmt):
    """A file size limit stands for the last space of a disk: the first write takes 16 KiB of a
    larger report and the next fails. Before, Python's buffered stream dropped the rest without
    a word, and the run ended with 1."""
    target = tmp_path / "report.out"
    (tmp_path / "lista.csv").write_bytes(SHORT_LIST)
    with target.open("wb") as out:
        done = run("--today", "2016-12-31", "--format", fmt, tmp_path / "lista.csv",
                   process=True, stdout=out, text=True, preexec_fn=_fsize(16 * 1024))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "eura-lint: cannot write to standard output: File too large"]
    assert target.stat().st_size == 16 * 1024


def test_standard_output_in_full_when_there_is_room(tmp_path):
    target = tmp_path / "report.json"
    (tmp_path / "lista.csv").write_bytes(SHORT_LIST)
    with target.open("wb") as out:
        done = run("--today", "2016-12-31", "--format", "json", tmp_path / "lista.csv",
                   process=True, stdout=out)
    assert done.returncode == 1
    assert target.stat().st_size > 16 * 1024 and len(json.loads(target.read_text())) > 20


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("path", ["/dev/stdout", "/proc/self/fd/1", "/dev/fd/1", "/dev/null"])
def test_a_stream_of_the_process_is_refused_before_linting(tmp_path, path):
    # a FIFO of our own stands in for a large corpus: linting it would block, so a refusal
    # before linting ends the run at once
    done = subprocess.run(f"{sys.executable} -m eura_lint -o html:{path} {REAL_LIST} | cat",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert "reports are written only as regular files" in done.stderr, done.stderr
    assert "is a special file" in done.stderr or "is a FIFO" in done.stderr or (
        "is a character device" in done.stderr)
    assert done.stdout == ""


# -- configuration checked whole at load ------------------------------------------------------

@pytest.mark.parametrize(("config", "words"), [
    ("rules: {EURA201: {params: {pairs: [[granted, start]]}}}",
     "rules.EURA201.params: pair [granted, start] compares a number with a date"),
    ("rules: {EURA604: {params: {columns: [project_code], min: 1}}}",
     "rules.EURA604.params: columns must be number or date columns; project_code holds text"),
    ('per-file-ignores: {"\\\\": [EURA001]}',
     "per-file-ignores: '\\\\' is not a valid pattern"),
    ('extend-exclude: ["a\\\\"]', "extend-exclude: 'a\\\\' is not a valid pattern"),
])
def test_configurations_that_failed_after_linting_are_refused_at_load(tmp_path, config, words):
    (tmp_path / ".eura-lint.yaml").write_text(config + "\n")
    (tmp_path / "lista.csv").write_bytes(SHORT_LIST)
    done = run("lista.csv", cwd=tmp_path, text=True)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert words in line and "internal error" not in line
    assert done.stdout == ""


def test_pairs_and_ranges_of_one_kind_are_accepted(tmp_path):
    (tmp_path / ".eura-lint.yaml").write_text(
        "today: 2016-12-31\nrules:\n  EURA201: {params: {pairs: [[realised_public, planned_public]]}}\n"
        "  EURA604: {params: {columns: [granted], min: 0}}\n")
    (tmp_path / "lista.csv").write_bytes(SHORT_LIST)
    done = run("-q", "lista.csv", cwd=tmp_path, text=True)
    assert done.returncode == 1 and "internal error" not in done.stderr, done.stderr


# -- walking folders -----------------------------------------------------------------------------

def test_a_gitignore_over_the_limit_is_an_error_naming_it(tmp_path, monkeypatch):
    import eura_lint.readers.discovery as selection

    monkeypatch.setattr(selection, "GITIGNORE_MAX", 1024)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("private/\n" + "# padding\n" * 200)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.txt").write_text("x")
    with pytest.raises(selection.SelectionError, match=r"\.gitignore: cannot be read: it is "
                                                       r"2 KiB, over the limit of 1 KiB"):
        find_files([str(tmp_path)], FileSelection(root=tmp_path))


def test_a_gitignore_over_a_mebibyte_is_read_whole(tmp_path):
    """The old limit (1 MiB) skipped such a file without a word, and linted what it ignores."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("# generated\n" * 100_000 + "private/\n")
    assert (tmp_path / ".gitignore").stat().st_size > 1 << 20
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.txt").write_text("x")
    (tmp_path / "public.txt").write_text("x")
    found = find_files([str(tmp_path)], FileSelection(root=tmp_path))
    assert [Path(p).name for p in found.files] == ["public.txt"]


def test_a_gitignore_that_is_a_fifo_is_an_error_on_the_command_line(tmp_path):
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / ".gitignore")
    (tmp_path / "a.txt").write_text("x")
    done = run(".", cwd=tmp_path, text=True, process=True, timeout=60)  # a FIFO: a child, timed
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert ".gitignore: cannot be read: it is a FIFO (named pipe)" in line


def _remove_tree(top: str) -> None:
    """Remove a tree bottom-up with a stack: shutil.rmtree (and pytest's clean-up of old
    temporary folders, which uses it) recurses once a level and fails on this one."""
    stack = [(top, False)]
    while stack:
        path, emptied = stack.pop()
        if emptied:
            os.rmdir(path)
            continue
        stack.append((path, True))
        for entry in os.scandir(path):
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, False))
            else:
                os.unlink(entry.path)


def test_a_tree_1200_levels_deep_is_walked(tmp_path):
    top = str(tmp_path / "tree")
    os.mkdir(top)
    try:
        deep = top
        for _ in range(1200):  # (os.makedirs and Path.mkdir would recurse too)
            deep = os.path.join(deep, "d")
            os.mkdir(deep)
        Path(deep, "bottom.txt").write_text("x")
        Path(top, "top.txt").write_text("x")
        found = find_files([top], FileSelection(root=tmp_path))
        assert sorted(Path(p).name for p in found.files) == ["bottom.txt", "top.txt"]
        assert max(p.count(os.sep) for p in found.files) - top.count(os.sep) == 1201
    finally:
        _remove_tree(top)


def test_the_walk_keeps_its_order_and_skips(tmp_path):
    for path in ("b/x.txt", "a/y.txt", "a/node_modules/z.txt", "c.csv", "a/b/w.TXT"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    os.symlink(tmp_path / "a", tmp_path / "link")  # a link to a folder is not followed
    found = find_files([str(tmp_path)], FileSelection(root=tmp_path))
    assert [os.path.relpath(p, tmp_path) for p in found.files] == [
        "c.csv", "a/y.txt", "a/b/w.TXT", "b/x.txt"] or sorted(
        os.path.relpath(p, tmp_path) for p in found.files) == ["a/b/w.TXT", "a/y.txt",
                                                              "b/x.txt", "c.csv"]
