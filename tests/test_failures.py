"""A check that fails is loud, and a run stopped by a signal ends cleanly.

A rule whose code raises must never pass silently: whatever its kind, and whether it runs in the
parent or in a worker process, the run ends with exit status 2 and one line naming the rule and
the file. Ctrl-C and SIGTERM during a ``--jobs 2`` run end it with 130 and 143, one line on stderr,
no traceback, and no worker left behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import COMMAND, ROOT, SEEDS, run, seed_path

def inject_failure(target: str, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    """Replace the code of one rule (or one step) by a function that raises, through the same
    binding the linter uses, so that the failure takes the real path. With ``monkeypatch`` (in
    the tests' own process) the change is undone after the test; without (in a child process)
    it stays."""
    import dataclasses

    from eura_lint import engine, registry
    from eura_lint.kinds import DocumentRule

    def boom(*args, **kwargs):
        raise ZeroDivisionError("injected")

    real_bind = engine.bind

    def bind(rule):
        bound = real_bind(rule)
        if rule.id != target:
            return bound
        if isinstance(bound, DocumentRule):
            return dataclasses.replace(bound, function=boom)
        return tuple(dataclasses.replace(check, test=boom) for check in bound)

    patch = monkeypatch or pytest.MonkeyPatch()  # never undone: the child ends with its run
    patch.setattr(engine, "bind", bind)
    if target in registry.STEPS:
        patch.setitem(registry.STEPS, target,
                      dataclasses.replace(registry.STEPS[target], function=boom))


# The command line in a child process (a parallel run: the workers fork from it) with one rule
# failing, as inject_failure makes it fail
RAISING = """
import sys
from tests.test_failures import inject_failure
inject_failure(sys.argv.pop(1))
from eura_lint.cli import console
sys.argv[0] = "eura-lint"
console()
"""

# one rule of every kind: empty-section, required-field, python, compare, range, pattern
RULES_BY_KIND = {
    "EURA101": "empty-section",
    "EURA102": "required-field",
    "EURA601": "python",
    "EURA201": "compare",
    "EURA401": "compare",
    "EURA402": "range",
    "EURA502": "pattern",
}
TODAY = ("--no-config", "--today", "2026-11-22")


def _run_raising(target: str, *args: str, monkeypatch) -> subprocess.CompletedProcess:
    inject_failure(target, monkeypatch)
    return run(*TODAY, *args, text=True)


@pytest.mark.parametrize("rule_id", sorted(RULES_BY_KIND))
def test_a_raising_check_of_every_kind_exits_2_naming_rule_and_file(rule_id, monkeypatch):
    seed = str(seed_path("002"))
    result = _run_raising(rule_id, "--jobs", "1", seed, monkeypatch=monkeypatch)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"eura-lint: internal error: rule {rule_id} (")
    assert seed in line and "ZeroDivisionError" in line and "injected" in line


# EURA601 runs in the worker processes, EURA401 (a table rule) in the parent after them
@pytest.mark.parametrize("rule_id", ["EURA601", "EURA401"])
def test_a_raising_check_in_a_parallel_run_is_as_loud(rule_id, tmp_path):
    for index in range(12):
        shutil.copyfile(seed_path("002"), tmp_path / f"{index:02}.txt")
    result = subprocess.run([sys.executable, "-c", RAISING, rule_id, *TODAY, "--jobs", "2",
                             str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"eura-lint: internal error: rule {rule_id} (")
    assert str(tmp_path) in line and "Traceback" not in result.stderr


def test_a_raising_step_exits_2_naming_the_step_and_file(monkeypatch):
    seed = str(seed_path("001"))
    result = _run_raising("geography.places", seed, monkeypatch=monkeypatch)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"eura-lint: internal error: step geography.places failed "
                                      f"on {seed}: ZeroDivisionError: injected")


# -- signals ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_10000(tmp_path_factory) -> Path:
    """10,000 descriptions (the seeds, copied), enough for several seconds of ``--jobs 2``."""
    folder = tmp_path_factory.mktemp("corpus10000")
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(10_000):
        shutil.copyfile(seeds[index % len(seeds)], folder / f"{index:05}.txt")
    return folder


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _group_is_gone(group: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def _signalled_run(corpus: Path, send) -> tuple[int, str, int]:
    """A ``--jobs 2`` run over ``corpus`` in a session of its own, ``send(pid)`` called once its
    workers are linting; the exit status, stderr, and the process (and group) id."""
    process = subprocess.Popen(
        [*COMMAND, "--no-config", "--today", "2026-11-22", "--jobs", "2", "-f", "json", str(corpus)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(_children(process.pid)) < 2:  # the workers exist: linting is under way
            assert process.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline, "no worker processes appeared"
            time.sleep(0.02)
        time.sleep(0.3)
        assert process.poll() is None, "the run ended before it could be interrupted"
        send(process.pid)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, stderr, process.pid


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")


@needs_proc
@pytest.mark.parametrize(("signal_number", "to_group", "status", "word"), [
    (signal.SIGINT, True, 130, "interrupted"),  # Ctrl-C: the terminal signals the whole group
    (signal.SIGTERM, False, 143, "terminated"),  # kill, or a CI runner's timeout: the parent
])
def test_a_signal_during_a_parallel_run_ends_it_cleanly(corpus_10000, signal_number, to_group,
                                                        status, word):
    def send(pid: int) -> None:
        if to_group:
            os.killpg(pid, signal_number)
        else:
            os.kill(pid, signal_number)

    returncode, stderr, pid = _signalled_run(corpus_10000, send)
    assert returncode == status, stderr
    assert stderr.splitlines() == [f"eura-lint: {word}"]
    assert _group_is_gone(pid, within=10), "a worker process was left running"


@needs_proc
def test_a_second_signal_while_the_run_ends_changes_nothing(corpus_10000):
    def send(pid: int) -> None:
        for number in (signal.SIGINT, signal.SIGINT, signal.SIGTERM):  # an impatient user
            os.killpg(pid, number)
            time.sleep(0.01)

    returncode, stderr, pid = _signalled_run(corpus_10000, send)
    assert returncode == 130, stderr
    assert stderr.splitlines() == ["eura-lint: interrupted"]
    assert _group_is_gone(pid, within=10)


PENDING_SIGNALS = """
import os, signal, sys
from eura_lint import cli
signal.signal(signal.SIGINT, cli._interrupted)
signal.signal(signal.SIGTERM, cli._terminated)
both = {signal.SIGINT, signal.SIGTERM}
try:
    # both arrive while the process is in native code: pending when the first handler runs
    signal.pthread_sigmask(signal.SIG_BLOCK, both)
    os.kill(os.getpid(), signal.SIGINT)
    os.kill(os.getpid(), signal.SIGTERM)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, both)
    print("not stopped")
except cli._Stopped as stopped:
    print(sum(range(1000)), stopped.word)  # Python code runs on: the pending one is handled
    os.kill(os.getpid(), signal.SIGINT)  # and one more, later
    print("done")
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs pthread_sigmask")
def test_a_signal_pending_when_the_first_is_handled_writes_nothing():
    done = subprocess.run([sys.executable, "-c", PENDING_SIGNALS], capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "499500 interrupted\ndone\n", "")


def test_main_leaves_a_python_callers_signal_handlers_alone(monkeypatch, capsys):
    from eura_lint import cli

    before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    monkeypatch.setattr(sys, "argv", ["eura-lint", "--no-config", "--today", "2026-11-22",
                                      str(seed_path("002"))])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 0
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
