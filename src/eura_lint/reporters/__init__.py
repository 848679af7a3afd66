"""Reporters: pure functions ``Report -> str``, one small module per output format.

The CLI picks one by name from :data:`REPORTERS` and writes what it returns; a reporter never
prints, opens files or decides the exit code. Modules that are slow to import or rarely needed
(``junit_xml``, ``xml.dom``, ``jinja2``) are imported inside the reporter that uses them, so importing this
package costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import csv_report, github, html, json_report, junit, sarif, text

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "csv": csv_report.render,
    "html": html.render,
}

__all__ = ["REPORTERS", "Reporter"]
