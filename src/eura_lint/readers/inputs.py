"""Reading an input file: only a regular file, only up to a size limit, never waiting.

A FIFO found in a linted folder would block ``open()`` until some writer came, and ``/dev/zero``
or a 200 MB export would be read into memory whole; each of them is instead refused with one
reason, which becomes that file's EURA001 finding, and the run goes on. The limits are documented
in docs/limits.md and set by ``max-file-size`` / ``max-table-size`` in the configuration.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from typing import BinaryIO

# A description is 5-50 KB; a file a hundred times larger is no description, and reading it
# whole would cost memory several times its size.
MAX_FILE_SIZE = 4 * 1024 * 1024
# A project list (CSV, XLSX) holds thousands of rows: its own, larger limit.
MAX_TABLE_SIZE = 256 * 1024 * 1024
# Read in pieces, so that a file which grows while read is still cut at its limit.
_CHUNK = 1 << 20
# What a file that is not a regular one is, for the message
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))
_SIZE = re.compile(r"(\d+(?:\.\d+)?) ?(B|KB|KiB|MB|MiB|GB|GiB)?", re.IGNORECASE)
# O_NONBLOCK: should a FIFO have replaced the file since the stat, opening it returns at once
# instead of waiting for a writer (and fstat then refuses it).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))
_UNITS = {"b": 1, "kb": 10**3, "kib": 2**10, "mb": 10**6, "mib": 2**20, "gb": 10**9, "gib": 2**30}


@dataclass(frozen=True, slots=True)
class WorkbookLimits:
    """What a workbook may hold before it is read (see tables/bounds.py, docs/limits.md)."""

    # rows x columns of one sheet. calamine's grid handed to Python costs about 40 bytes a cell
    # (measured: 4.2 million cells, 192 MB resident, 1.3 s), so a million cells is about 40 MB
    # and a third of a second; the real list of 2,880 projects is 37,000 cells.
    cells: int = 1_000_000
    # decompressed bytes of the whole archive; the real list as XLSX is about 3 MB of XML
    xml: int = 256 * 1024 * 1024
    # characters of text all cells hold, shared strings expanded
    text: int = 64 * 1024 * 1024


class InputError(Exception):
    """Why a file is not read; the message is the reason given in its finding."""


def file_kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: str, limit: int = MAX_FILE_SIZE, setting: str | None = "max-file-size"
                 ) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes (followed
    through symbolic links); :class:`InputError` says why not, :class:`OSError` when the
    operating system refuses."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"it is {file_kind(info.st_mode)}, not a regular file")
    _check_size(info.st_size, limit, setting)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"it is {file_kind(info.st_mode)}, not a regular file")
        _check_size(info.st_size, limit, setting)
        pieces = []
        size = 0
        # the size the file has, plus one byte: a file that grew since is read on, to its limit
        want = info.st_size + 1
        while size <= limit:
            asked = min(want - size if want > size else _CHUNK, limit + 1 - size)
            piece = os.read(fd, asked)
            if not piece:
                break
            pieces.append(piece)
            size += len(piece)
            if size == info.st_size and len(piece) < asked:
                break  # all the bytes fstat counted, and none after them: no read to find the end
        _check_size(size, limit, setting, at_least=True)
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)
    finally:
        os.close(fd)


def read_head(path: str, size: int) -> bytes:
    """The first ``size`` bytes (at most) of ``path``, which must be a regular file, read with
    one system call: :class:`InputError` when it is not one, :class:`OSError` when the
    operating system refuses. (A FIFO or a device is never opened: it would wait, or act.)"""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"it is {file_kind(info.st_mode)}, not a regular file")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"it is {file_kind(info.st_mode)}, not a regular file")
        return os.read(fd, size)
    finally:
        os.close(fd)


def read_limited(stream: BinaryIO, limit: int, setting: str | None = "max-file-size") -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input, say); one byte more is an
    :class:`InputError`, found without reading the rest."""
    pieces = []
    size = 0
    while size <= limit:
        piece = stream.read(min(_CHUNK, limit + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    _check_size(size, limit, setting, at_least=True)
    return b"".join(pieces)


def _check_size(size: int, limit: int, setting: str | None, at_least: bool = False) -> None:
    if size > limit:
        more = "more than " if at_least else ""
        key = f" (configuration key {setting})" if setting else ""
        raise InputError(f"it is {more}{describe_size(size)}, over the limit of "
                         f"{describe_size(limit)}{key}")


def describe_size(size: int) -> str:
    for unit, name in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if size >= unit:
            return f"{size / unit:.1f} {name}".replace(".0 ", " ")
    return f"{size} bytes"


def parse_size(value: object) -> int | None:
    """A size in bytes from a whole number or a string such as ``"8 MiB"`` / ``"500KB"``;
    None when it is neither, or not positive."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if not isinstance(value, str) or len(value) > 40:
        return None
    match = _SIZE.fullmatch(value.strip())
    if not match:
        return None
    size = int(float(match.group(1)) * _UNITS[(match.group(2) or "b").lower()])
    return size if size > 0 else None
