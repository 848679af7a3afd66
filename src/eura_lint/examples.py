"""A catalogue example as a reader sees it, described once for the terminal (``eura-lint rule``),
the generated rule reference (Markdown) and the HTML report: what document it makes, its project
list as a table with every cell whole, and where it expects findings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import NamedTuple


class ExampleView(NamedTuple):
    """A catalogue example as a reader sees it: ``what`` is one line of Markdown (the document it
    makes: a seed with edits, literal text, bytes; inline code only), ``table`` the rows of its
    project list (header first, every cell whole), ``expect`` the positions of its findings."""

    description: str
    what: str
    table: list[list[str]]
    config: str
    expect: list[tuple[int, int]]


def _code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def example_view(case: Mapping) -> ExampleView:
    parts = []
    if "replace" in case:
        edits = []
        for edit in case["replace"]:
            if isinstance(edit, dict):
                edits.append(f"regex {_code(edit['regex'])} → {_code(repr(edit['with']))}")
            else:
                old, new = (repr(s)[1:-1] for s in edit)
                edits.append(f"{_code(old)} → {_code(new)}" if new else f"delete {_code(old)}")
        parts.append(f"seed {case['base']} with " + "; ".join(edits))
    elif "base" in case:
        parts.append(f"seed {case['base']} as published")
    if "hex" in case:
        parts.append(f"bytes {_code(case['hex'])}")
    if "text" in case:
        parts.append(f"text {_code(repr(case['text']))}")
    table = []
    if "table" in case:
        table = [row for row in csv.reader(io.StringIO(case["table"], newline=""))]
        parts.append(f"a project list of {len(table) - 1} row{'s' if len(table) != 2 else ''}"
                     if table else "an empty project list")
    config = case.get("config") or {}
    shown = ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}"
                      for key, value in config.items())
    return ExampleView(str(case.get("description") or ""), " with ".join(parts), table, shown,
                       [(line, column) for line, column, _message in case.get("expect", [])])


def _cell(text: str) -> str:
    """A table cell in Markdown: whitespace that matters (at the ends, doubled, line breaks)
    shown by quoting the cell; ``|`` escaped."""
    if text != " ".join(text.split()):
        text = _code(repr(text))
    return text.replace("|", "\\|") or " "


def markdown_table(rows: list[list[str]]) -> list[str]:
    width = max(len(row) for row in rows)
    lines = []
    for number, row in enumerate(rows):
        # a short row's missing fields (and a header's, beside a row that has too many)
        cells = [_cell(cell) for cell in row] + ["–"] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append("|" + "---|" * width)
    return lines


def describe_example(case: Mapping, indent: str = "  ") -> str:
    """A catalogue example in Markdown: a line saying what document it makes and where it
    expects findings, then its project list as a table (indented by ``indent``, to stay inside
    the list item the rule reference puts it in). The rule reference and ``--explain`` print it."""
    view = example_view(case)
    line = view.what
    if view.config:
        line += f" (config {view.config})"
    if view.description:
        line = f"{view.description}: {line}"
    if view.expect:
        line += " → " + ", ".join(f"{row}:{column}" for row, column in view.expect)
    if view.table:
        line += "\n\n" + "\n".join(indent + row for row in markdown_table(view.table)) + "\n"
    return line
