"""Writing reports: only as regular files, atomically, and all or none.

Every report of a run is first written to a temporary file beside its target; the targets are
replaced only when all of them are written, so a failure (a missing folder, a full disk, a target
that is a device) leaves every previous report as it was. A target is refused before anything is
written when it is a directory, a device, a FIFO or a socket (as root, replacing ``/dev/null``
with a file would break the machine), when its folder does not exist (no folder is created
silently), or when it ends in ``/``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..readers.inputs import file_kind

STDOUT = "-"  # as a target: standard output


class OutputError(Exception):
    """A report target that cannot be written; the message names it and says why."""


def check_target(path: str) -> Path:
    """The file a report for ``path`` is written to (a symbolic link is followed, as a plain
    ``open()`` would), or :class:`OutputError`."""
    if path.endswith(("/", os.sep)):
        raise OutputError(f"{path}: names a folder (ends in '/'); give a file name")
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    try:
        mode = os.stat(path).st_mode if os.path.lexists(path) else target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is {file_kind(mode)}; reports are written only as regular "
                          f"files ('-' for standard output)")
    special = next((root for root in _SPECIAL if _under(path, root) or _under(str(target), root)),
                   None)
    if special is not None:
        # /dev/stdout, /proc/self/fd/1 onto a file: a stream of this process, not a file to
        # replace (the process would go on writing to the file it had open)
        raise OutputError(f"{path}: is a special file (under {special}); reports are written "
                          f"only as regular files ('-' for standard output)")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist" if not folder.exists()
                          else f"{path}: {folder} is not a folder")
    return target


_SPECIAL = ("/dev", "/proc")


def _under(path: str, root: str) -> bool:
    absolute = os.path.abspath(path)
    if absolute.startswith("/dev/shm/"):
        return False  # a file system for files, not a device
    return absolute == root or absolute.startswith(root + "/")


def write_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """One report, atomically (see :func:`write_all`)."""
    write_all([(str(path), text)], encoding)


def write_all(reports: Sequence[tuple[str, str]], encoding: str = "utf-8") -> None:
    """Write every ``(path, text)`` or, on any failure, none: each to a temporary file beside its
    target first, then each temporary renamed over its target (a rename within a folder does
    not fail for want of space). Raises :class:`OutputError` or :class:`OSError`."""
    targets = [check_target(path) for path, _ in reports]
    written: list[tuple[str, Path]] = []
    try:
        for target, (_, text) in zip(targets, reports):
            _write_temporary(target, text, encoding, written)
        # A signal (Ctrl-C, SIGTERM) that comes while the targets are replaced is held until
        # all are: the set is then complete, never half new and half old.
        with _signals_held():
            for temporary, target in written:
                os.replace(temporary, target)
                _after_rename(target)
        for folder in dict.fromkeys(target.parent for target in targets):
            _fsync_folder(folder)
    except BaseException:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        raise


def _after_rename(target: Path) -> None:
    """Nothing; the tests put a signal here, between one rename and the next."""


_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
              if hasattr(signal, name))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP for the duration, then deliver them to the handlers
    that were in place. Only the main thread can set handlers; elsewhere this holds nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for number in _HELD:
        handler = signal.getsignal(number)
        if handler is None or handler is signal.SIG_IGN:
            continue  # not set from Python (it cannot be put back), or ignored anyway
        previous[number] = signal.signal(number, lambda got, _frame: caught.append(got))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


def _write_temporary(target: Path, text: str, encoding: str,
                     written: list[tuple[str, Path]]) -> str:
    """Write ``text`` to a new temporary file beside ``target``, named in ``written`` from the
    moment it exists (so that an interruption at any point leaves none behind)."""
    with _signals_held():
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
        written.append((temporary, target))
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
