"""A baseline: the findings a corpus is known to have, so that a run reports only new ones.

An entry says what a finding is about, not where it is: the document's path, the rule, and the
text of the offending line with its whitespace runs made one space (or, for a finding with no
line text, its message), with a count of how many such findings there were. Adding lines above a
known finding, or editing another part of the document, leaves it suppressed; a new occurrence of
the same problem (the count rises) or a problem on an edited line is reported.

A finding about a column of a project list (one finding for the column's cells, at the first
cell: ``Finding.cells``) is keyed by its message, which holds the number of cells and the first
cells' lines: the first cell's line stays the same when more cells go bad, so keyed by it, every
new defective cell would be suppressed for good. Such a finding is new again whenever its cells
change (one more, one fixed, or a row moved).

A line longer than 120 characters (a paragraph of free text) is kept as its start and a hash of
the whole. The file is JSON (UTF-8), entries sorted by path, rule and text, one key per line, so
that rewriting an unchanged baseline gives the same bytes and a changed one a readable diff::

    {
      "eura-lint-baseline": 1,
      "entries": [
        {
          "path": "corpus/A70301.txt",
          "rule": "EURA201",
          "text": "Toteutunut EU- ja valtion rahoitus: 79 722",
          "count": 1
        }
      ]
    }

Paths are stored relative to the baseline file's folder, so the baseline matches whichever
folder eura-lint is run from. SARIF's ``partialFingerprints`` carry the same key, hashed
(:func:`fingerprints`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .finding import Finding
from .readers.inputs import MAX_TABLE_SIZE, InputError, read_regular

FORMAT_KEY = "eura-lint-baseline"
FORMAT_VERSION = 1
ENTRY_KEYS = ("path", "rule", "text", "count")
FINGERPRINT_NAME = "euraLint/v1"  # the partialFingerprints key in SARIF
MAX_SUBJECT = 120  # characters of a line kept in an entry as they are

Key = tuple[str, str, str]  # (path, rule, text)


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a baseline did to a run's findings."""

    file: str
    suppressed: int  # findings the baseline knew, not reported
    absent: int  # baseline findings that no longer occur (fixed, or their document gone)
    base: str  # the folder the baseline's paths are relative to


def relative_path(path: str, base: str | None, here: str | None = None) -> str:
    """``path`` as a baseline stores it: relative to ``base`` (when given), forward slashes.
    ``here`` is the working directory relative to ``base``, when the caller has it at hand."""
    if base is not None and path != "-":
        if os.path.isabs(path):
            path = os.path.relpath(path, base)
        else:
            path = os.path.join(os.path.relpath(os.getcwd(), base) if here is None else here, path)
    return os.path.normpath(path).replace(os.sep, "/")


def subject(finding: Finding, line: str | None) -> str:
    """What a finding is about: its line's text, whitespace runs made one space, else (a finding
    about the whole file, or a line the run did not keep) its message. A finding about a
    column's cells is about all of them: its message (with their count and lines)."""
    if finding.cells or line is None or not line.strip():
        line = finding.message
    text = " ".join(line.split())
    if len(text) > MAX_SUBJECT:
        # a long paragraph: its start, to be read, and a hash of the whole, to be matched
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        text = f"{text[:MAX_SUBJECT - 20]}… #{digest}"
    return text


def keys(findings: Sequence[Finding], sources: Mapping[str, Mapping[int, str]],
         base: str | None) -> list[Key]:
    paths: dict[str, str] = {}
    here = os.path.relpath(os.getcwd(), base) if base is not None else None
    out = []
    for finding in findings:
        path = paths.get(finding.path)
        if path is None:
            path = paths[finding.path] = relative_path(finding.path, base, here)
        line = sources.get(finding.path, {}).get(finding.line)
        out.append((path, finding.rule, subject(finding, line)))
    return out


def fingerprints(findings: Sequence[Finding], sources: Mapping[str, Mapping[int, str]],
                 base: str | None = None) -> list[str]:
    """One fingerprint per finding: a hash of its baseline key and the occurrence number of that
    key among the findings (``…:1``, ``…:2``), the form GitHub's own line hashes take."""
    seen: Counter[Key] = Counter()
    out = []
    for key in keys(findings, sources, base):
        seen[key] += 1
        digest = hashlib.sha256("\0".join(key).encode("utf-8", "surrogatepass")).hexdigest()
        out.append(f"{digest[:32]}:{seen[key]}")
    return out


def dumps(findings: Sequence[Finding], sources: Mapping[str, Mapping[int, str]],
          base: str) -> str:
    counts = Counter(keys(findings, sources, base))
    entries = [{"path": path, "rule": rule, "text": text, "count": count}
               for (path, rule, text), count in sorted(counts.items())]
    document = {FORMAT_KEY: FORMAT_VERSION, "entries": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept as \udcxx escapes
        text = json.dumps(document, indent=2, ensure_ascii=True) + "\n"
    return text


def load(path: str | Path) -> Counter[Key]:
    where = str(path)
    try:
        # (a regular file only: a FIFO or /dev/zero as baseline must not hang or fill memory)
        data = json.loads(read_regular(str(path), MAX_TABLE_SIZE, None).decode("utf-8"))
    except InputError as exc:
        raise BaselineError(f"{where}: cannot be read: {exc}") from None
    except FileNotFoundError:
        raise BaselineError(f"{where}: no such file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{where}: cannot be read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{where}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(f"{where}: not an eura-lint baseline (expected "
                            f'"{FORMAT_KEY}": {FORMAT_VERSION})')
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise BaselineError(f"{where}: entries must be a list")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, 1):
        if (not isinstance(entry, dict) or set(entry) != set(ENTRY_KEYS)
                or not all(isinstance(entry[k], str) for k in ENTRY_KEYS[:3])
                or not isinstance(entry["count"], int) or isinstance(entry["count"], bool)
                or entry["count"] < 1):
            raise BaselineError(f"{where}: entry {number} must have exactly "
                                f"{', '.join(ENTRY_KEYS)} (count a whole number ≥ 1)")
        counts[(entry["path"], entry["rule"], entry["text"])] += entry["count"]
    return counts


def apply(findings: Sequence[Finding], sources: Mapping[str, Mapping[int, str]],
          known: Counter[Key], file: str) -> tuple[list[Finding], Outcome]:
    """The findings the baseline does not know, and what it suppressed. Of several findings with
    one key, the first ones in position order use up the baseline's count; the rest are new."""
    base = os.path.dirname(os.path.abspath(file))
    remaining = Counter(known)
    new = []
    for finding, key in zip(findings, keys(findings, sources, base)):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(finding)
    absent = sum(remaining.values())
    return new, Outcome(file, len(findings) - len(new), absent, base)
