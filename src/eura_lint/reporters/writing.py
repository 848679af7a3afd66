"""Writing reports: only as regular files, atomically, and all or none.

Every report of a run is first written to a temporary file beside its target; the targets are
replaced only when all of them are written, so a failure (a missing folder, a full disk, a target
that is a device) leaves every previous report as it was. A target is refused before anything is
written when it is a directory, a device, a FIFO or a socket (as root, replacing ``/dev/null``
with a file would break the machine), when its folder does not exist (no folder is created
silently), or when it ends in ``/``.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
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
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is {file_kind(mode)}; reports are written only as regular "
                          f"files ('-' for standard output)")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist" if not folder.exists()
                          else f"{path}: {folder} is not a folder")
    return target


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
            written.append((_write_temporary(target, text, encoding), target))
        for temporary, target in written:
            os.replace(temporary, target)
        for folder in dict.fromkeys(target.parent for target in targets):
            _fsync_folder(folder)
    except BaseException:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        raise


def _write_temporary(target: Path, text: str, encoding: str) -> str:
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
