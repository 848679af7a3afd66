"""Reporters: pure functions ``Report -> str``, one small module per output format.

The CLI picks one by name from :data:`REPORTERS` and writes what it returns; a reporter never
prints, opens files or decides the exit code. A run writes one report or a few, so each
reporter's module is imported when its format is first asked for (the HTML report's modules,
SARIF's baseline fingerprints and the CSV module are not imported by a run that writes text or
JSON); modules that are slow to import (``junit_xml``, ``xml.dom``, ``jinja2``) are imported
inside the reporter that uses them. Importing this package costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report

Reporter = Callable[[Report], str]


def _text(report: Report) -> str:
    from .text import render
    return render(report)


def _json(report: Report) -> str:
    from .json_report import render
    return render(report)


def _junit(report: Report) -> str:
    from .junit import render
    return render(report)


def _sarif(report: Report) -> str:
    from .sarif import render
    return render(report)


def _github(report: Report) -> str:
    from .github import render
    return render(report)


def _csv(report: Report) -> str:
    from .csv_report import render
    return render(report)


def _html(report: Report) -> str:
    from .html import render
    return render(report)


# (each function imports its format's module when first called)
REPORTERS: dict[str, Reporter] = {
    "text": _text,
    "json": _json,
    "junit": _junit,
    "sarif": _sarif,
    "github": _github,
    "csv": _csv,
    "html": _html,
}

__all__ = ["REPORTERS", "Reporter"]
