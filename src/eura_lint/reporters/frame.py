"""Findings as a pandas DataFrame, with the CSV report's columns, ready for ``groupby``.

:func:`findings_frame` takes whatever a run gave: the findings of ``lint_paths``/``lint_text``,
those of ``lint_frame`` (whose ``line`` and ``column`` are the index label and the column label
of the frame linted), or the command's JSON report (parsed, as text, or as a path). pandas is
imported only when it is called.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Any

from .csv_report import COLUMNS


def findings_frame(result: Any) -> Any:
    """One row per finding, the CSV report's columns (``project_code``, ``project_name`` from
    the finding's project), in the result's order. ``result``: findings (objects with
    ``as_record()``), the JSON report's records (a list of dicts), its text (``str`` or
    ``bytes``), or a path to it (``os.PathLike``) or an open file."""
    import pandas as pd

    rows = [[_value(record, column) for column in COLUMNS] for record in _records(result)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _records(result: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(result, os.PathLike):
        with open(result, encoding="utf-8") as file:
            result = json.load(file)
    elif hasattr(result, "read"):
        result = json.load(result)
    elif isinstance(result, (str, bytes, bytearray)):
        result = json.loads(result)
    if isinstance(result, Mapping) or not isinstance(result, Iterable):
        raise TypeError("findings_frame takes findings or the JSON report's array of findings, "
                        f"not {type(result).__name__}")
    for item in result:
        if isinstance(item, Mapping):
            yield item
        elif hasattr(item, "as_record"):
            yield item.as_record()
        else:
            raise TypeError(f"not a finding: {item!r}"[:200])


def _value(record: Mapping[str, Any], column: str) -> Any:
    if column in record:
        value = record[column]
        return str(value) if column == "severity" and value is not None else value
    if column.startswith("project_"):
        # the JSON record's ``project: {"code", "name"}``, flattened as the CSV report does
        project = record.get("project") or {}
        return project.get(column.removeprefix("project_"))
    return None
