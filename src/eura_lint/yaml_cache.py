"""The package's own YAML files (the rule files, the message table) as PyYAML read them, kept as
JSON in the user's cache folder (``$XDG_CACHE_HOME/eura-lint/``, else ``~/.cache/eura-lint/``).

PyYAML builds its objects in Python, node by node, and importing it is itself about 98 M
instructions: the rule files (6,134 nodes) and the messages took a third of every command's
start before it linted anything. The JSON is used only when every text it was read from is the
one read now (no file time or size is trusted) and the PyYAML installed is the one that read it;
else the caller's ``read`` parses the YAML, and what it gives is cached when JSON gives it back
unchanged. A cache that cannot be read or written is passed over; ``EURA_LINT_NO_CACHE`` set
turns it off. A user's configuration is never cached: it is read by PyYAML each time.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
import zlib
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_FORMAT = 1
# Larger than the package's files read as JSON (the catalogue's is about 300 kB) by far; a cache
# file larger than this is no cache of theirs and is not read.
_MAX_BYTES = 16 << 20


def documents(kind: str, origin: str, texts: Sequence[str], read: Callable[[], list[Any]]
              ) -> list[Any]:
    """The documents of ``texts`` (the files of ``origin``, a folder or a file of the package):
    from the cache of ``kind`` when it holds these texts, else ``read()``, then cached."""
    where = _cache_path(kind, origin)
    if where is None:
        return read()
    from . import __version__

    key = {"format": _FORMAT, "eura-lint": __version__, "yaml": _yaml_stamp(), "origin": origin,
           "texts": list(texts)}
    found = _read(where)
    if found is not None and found.get("key") == key and _holds(found.get("documents"), texts):
        return found["documents"]
    made = read()
    if all(map(is_json, made)):
        _write(where, {"key": key, "documents": made})
    return made


def _holds(documents: Any, texts: Sequence[str]) -> bool:
    """Whether a cache file's documents can be those of ``texts``: one mapping a text (every
    file of the package's is one). A file edited by hand into another shape is passed over."""
    return (isinstance(documents, list) and len(documents) == len(texts)
            and all(isinstance(document, dict) for document in documents))


def _cache_path(kind: str, origin: str) -> Path | None:
    """One file per kind and origin (a checkout, an installation); None where no cache folder
    is known, or when ``EURA_LINT_NO_CACHE`` is set. A relative ``XDG_CACHE_HOME`` is
    passed over, as the XDG specification asks."""
    if os.environ.get("EURA_LINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "eura-lint" / f"{kind}-{zlib.crc32(os.fsencode(origin)):08x}.json"


def _yaml_stamp() -> list[Any]:
    """Which PyYAML would read the files (its module's path, size and time), found without
    importing it: another version may read the same text otherwise."""
    spec = find_spec("yaml")
    if spec is None or spec.origin is None:
        return []
    try:
        info = os.stat(spec.origin)
    except OSError:
        return [spec.origin]
    return [spec.origin, info.st_size, info.st_mtime_ns]


def _read(where: Path) -> dict | None:
    """The cache file's content; None when it cannot be read, is no regular file of at most
    _MAX_BYTES (opened without following a link and without waiting: a FIFO or a device put
    there must not hang or flood the command), or is another user's (a cache folder shared with
    others must not change what this user's rules say)."""
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        descriptor = os.open(where, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)  # (before it is wrapped: a folder cannot be, and would leak)
        if (not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES
                or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
            return None
        pieces = []
        while piece := os.read(descriptor, _MAX_BYTES + 1):
            pieces.append(piece)
            if sum(map(len, pieces)) > _MAX_BYTES:  # grown since: no cache of the package's
                return None
        found = json.loads(b"".join(pieces).decode("utf-8"))
    # (UnicodeDecodeError and JSONDecodeError are ValueErrors; JSON nested deeper than the
    # interpreter's recursion limit raises RecursionError)
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(descriptor)
    return found if isinstance(found, dict) else None


def _write(where: Path, content: dict) -> None:
    """Written whole or not at all (a temporary file of a unique name, made by this process
    alone, then renamed), so that two runs at once each find the old file or the new one. The
    ``eura-lint`` folder, when this makes it, is readable by this user alone (the folders
    above it are left as they are or made as ``mkdir`` makes them)."""
    try:
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=where.parent, prefix=f".{where.name}.",
                                                 suffix=".tmp")
        try:
            with open(descriptor, "w", encoding="utf-8") as stream:
                # (json.dumps encodes it all in C; json.dump hands the file a piece at a time)
                stream.write(json.dumps(content, ensure_ascii=False))
            os.replace(temporary, where)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def is_json(value: Any) -> bool:
    """Whether ``value`` comes back from JSON as it is: mappings with string keys, lists,
    strings, whole numbers, finite floats, booleans and None (a YAML date is none of them)."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, list):
        return all(map(is_json, value))
    if isinstance(value, dict):
        return all(isinstance(k, str) for k in value) and all(map(is_json, value.values()))
    return False
