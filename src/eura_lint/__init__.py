"""eura-lint: a data-quality linter for EURA 2014 structural-fund project descriptions.

Library use::

    from eura_lint import lint_text, lint_paths
    for finding in lint_paths(["descriptions/"]):
        print(finding.path, finding.line, finding.column, finding.rule, finding.message)

A project list already in pandas, and findings as a DataFrame (docs/library.md)::

    from eura_lint import findings_frame, lint_frame
    findings = findings_frame(lint_frame(projects))  # projects: a pandas DataFrame
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import (  # noqa: E402
    Linter, build_linter, lint_bytes, lint_frame, lint_paths, lint_text)
from .finding import Finding, FrameFinding, Severity  # noqa: E402


def __getattr__(name: str):
    # ``findings_frame`` is looked up when first asked for: importing it would import every
    # reporter (the HTML report's modules among them) at the start of each command, which writes
    # one report, and this package's other users, which may write none.
    if name == "findings_frame":
        from .reporters.frame import findings_frame

        return findings_frame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Finding", "FrameFinding", "Linter", "Severity", "build_linter", "findings_frame",
           "lint_bytes", "lint_frame", "lint_paths", "lint_text", "__version__"]
