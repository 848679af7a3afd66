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
from importlib import import_module

from ..report import Report

Reporter = Callable[[Report], str]

# format -> the module of this package whose ``render`` writes it
_MODULES = {"text": "text", "json": "json_report", "junit": "junit", "sarif": "sarif",
            "github": "github", "csv": "csv_report", "html": "html"}


def _deferred(module: str) -> Reporter:
    """The ``render`` of ``module``, imported when first called."""
    def render(report: Report) -> str:
        return import_module(f"{__name__}.{module}").render(report)
    return render


REPORTERS: dict[str, Reporter] = {name: _deferred(module) for name, module in _MODULES.items()}

__all__ = ["REPORTERS", "Reporter"]
