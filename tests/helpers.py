"""Shared test helpers: seeds, the fixed lint date, catalogue examples as documents."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# Rule examples and seed expectations are judged on a fixed lint date, so they never drift.
EXAMPLE_TODAY = dt.date(2026, 11, 22)


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


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
