"""Shared test helpers: the command line, seeds, the fixed lint date, catalogue examples as
documents."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The installed command as a child process: for run(process=True), and for the few tests that
# must hold the process while it runs (signals, a reader that stops early)
COMMAND = (sys.executable, "-m", "eura_lint")
# Rule examples and seed expectations are judged on a fixed lint date, so they never drift.
EXAMPLE_TODAY = dt.date(2026, 11, 22)


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def example_today(case: dict) -> dt.date:
    """The lint date an example is judged on: its own ``config: {today: ...}``, else the suite's."""
    today = case.get("config", {}).get("today", EXAMPLE_TODAY)
    return dt.date.fromisoformat(today) if isinstance(today, str) else today


def example_files(case: dict) -> list[tuple[str, bytes]]:
    """The files a catalogue example is linted as: a description (``example.txt``), a project
    list (``table``: CSV text, as ``example.csv``), or both in one run."""
    files = []
    if any(key in case for key in ("hex", "text", "base")):
        files.append(("example.txt", example_bytes(case)))
    if "table" in case:
        files.append(("example.csv", case["table"].encode("utf-8")))
    return files


def example_bytes(case: dict) -> bytes:
    """The document a catalogue example describes: a seed with edits, literal text, or hex bytes."""
    if "hex" in case:
        return bytes.fromhex(case["hex"])
    if "text" in case:
        return case["text"].encode("utf-8")
    text = seed_path(case["base"]).read_text(encoding="utf-8")
    for edit in case.get("replace", []):
        if isinstance(edit, dict):
            text, count = re.subn(edit["regex"], edit["with"], text, count=1)
            assert count == 1, f"regex {edit['regex']!r} does not match"
        else:
            old, new = edit
            assert old in text, f"{old!r} not in the base document"
            text = text.replace(old, new, 1)
    return text.encode("utf-8")


def run(*args: str | os.PathLike, cwd: str | os.PathLike | None = None,
        input: bytes | str | None = None, env: Mapping[str, str | None] | None = None,
        text: bool = False, process: bool = False, timeout: float = 300,
        **popen) -> subprocess.CompletedProcess:
    """``eura-lint ARGS`` in ``cwd`` (the repository by default), as a CompletedProcess: the exit
    status and what was written to standard output and standard error (bytes; str with
    ``text=True``). ``env`` holds changes to the environment (None removes a variable).

    By default the command runs in this process, under click's CliRunner: the same entry point
    as the installed command (its status, its one-line errors), without an interpreter's start
    and the imports of each run. ``process=True`` runs ``python -m eura_lint`` in a child
    process, for what only a process shows: signals, pipes and terminals, closed or full
    standard streams, worker processes, and special files (FIFOs, devices) that would hang a
    broken run, which a timeout then ends. ``popen`` goes to subprocess.run (stdin, stdout,
    preexec_fn, ...)."""
    args = [os.fsdecode(arg) for arg in args]
    if process or popen:
        assert process, "subprocess options need process=True"
        environ = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        for name, value in (env or {}).items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value
        if "stdout" not in popen and "stderr" not in popen:
            popen["capture_output"] = True
        elif "stderr" not in popen:
            popen["stderr"] = subprocess.PIPE
        elif "stdout" not in popen:
            popen["stdout"] = subprocess.PIPE
        return subprocess.run([*COMMAND, *args], cwd=cwd or ROOT,
                              input=input, env=environ, timeout=timeout,
                              encoding="utf-8" if text else None, **popen)
    return _in_process(args, cwd=cwd or ROOT, input=input, env=env, text=text)


def _in_process(args: list[str], cwd, input, env, text: bool) -> subprocess.CompletedProcess:
    from click.testing import CliRunner

    from eura_lint.cli import main

    runner = CliRunner()
    here, argv = os.getcwd(), sys.argv
    os.chdir(cwd)
    try:
        with runner.isolation(input=input, env=env) as (stdout, stderr, _):
            sys.argv = ["eura-lint", *args]
            try:
                main()
            except SystemExit as exc:
                status = exc.code
            else:
                raise AssertionError("eura_lint.cli.main() returned instead of exiting")
            out, err = stdout.getvalue(), stderr.getvalue()
    finally:
        sys.argv = argv
        os.chdir(here)
    if status is None:
        status = 0
    if text:
        out, err = out.decode("utf-8"), err.decode("utf-8")
    return subprocess.CompletedProcess(["eura-lint", *args], status, out, err)
