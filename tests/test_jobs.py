"""Parallel linting: ``--jobs N`` changes the speed, never the output; the progress bar stays off
stderr unless it is a terminal."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading

import pytest

from .helpers import ROOT
from .helpers import run as run_command

TODAY = ["--today", "2026-11-22"]


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_corpus", module)  # dataclasses look their module up there
    spec.loader.exec_module(sys.modules["make_corpus"])
    return sys.modules["make_corpus"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """250 generated descriptions (defects, Windows-1252, CRLF and BOM variants included) in
    sub-folders, plus a file that is not a description and one that is not text."""
    folder = tmp_path_factory.mktemp("corpus")
    _make_corpus().build(250, folder, seed=5)
    (folder / "000" / "notes.txt").write_text("just a note\n", encoding="utf-8")
    (folder / "000" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder


def run(*args: str, **popen) -> subprocess.CompletedProcess:
    """The command in a child process: its workers are forked from it, not from the tests."""
    return run_command(*args, process=True, **popen)


def test_corpus_is_reproducible(tmp_path):
    make_corpus = _make_corpus()
    first = make_corpus.build(30, tmp_path / "a", seed=11)
    second = make_corpus.build(30, tmp_path / "b", seed=11)
    assert first == second
    assert make_corpus.build(30, tmp_path / "c", seed=12)["sha256"] != first["sha256"]


@pytest.mark.slow  # an input that takes seconds
def test_jobs_do_not_change_the_output(corpus):
    outputs = {}
    for jobs in ("1", "2", "3"):
        result = run(*TODAY, "-f", "json", "--jobs", jobs, str(corpus))
        assert result.returncode == 1, result.stderr
        outputs[jobs] = result.stdout
    assert outputs["1"] == outputs["2"] == outputs["3"]
    rules = {finding["rule"] for finding in __import__("json").loads(outputs["1"])}
    assert {"EURA001", "EURA002", "EURA201"} <= rules  # the corpus exercises several paths


def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus):
    result = run(*TODAY, str(corpus))
    assert result.returncode == 1
    assert b"Linting" not in result.stderr
    assert result.stderr == b""


@pytest.mark.slow  # an input that takes seconds
@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only_for_text_output(corpus):
    def stderr_on_tty(*args: str) -> bytes:
        # The terminal is read while the command runs: a pseudo-terminal holds only a few
        # kilobytes, and a progress bar redrawn often on a busy machine writes more than that.
        leader, follower = os.openpty()
        chunks: list[bytes] = []

        def drain() -> None:
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the terminal's other end is closed
                    return
                if not chunk:
                    return
                chunks.append(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        try:
            result = run(*TODAY, *args, str(corpus), stderr=follower)
        finally:
            os.close(follower)
        reader.join(timeout=30)
        os.close(leader)
        assert result.returncode == 1
        return b"".join(chunks)

    assert b"Linting" in stderr_on_tty()
    assert b"Linting" not in stderr_on_tty("-f", "json")


def test_worker_results_survive_pickling_whole():
    """What a worker sends back crosses the process boundary by pickle, with ``Finding`` pickled
    by its own ``__reduce__``: every field must come back, the suggestion included."""
    import pickle

    from eura_lint.engine import build_linter, lint_paths

    from .helpers import SEEDS

    linter = build_linter()
    result = linter.lint_file(str(min(SEEDS.glob("001_*.txt"))))
    assert result.findings and any(f.suggestion for f in result.findings)
    assert pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL)) == result
    findings = lint_paths([str(SEEDS)], linter=linter, jobs=1)
    assert pickle.loads(pickle.dumps(findings)) == findings
