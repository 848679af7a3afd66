"""SARIF 2.1.0 for code-scanning services (GitHub ``upload-sarif``, GitLab, IDE viewers).

One run. ``tool.driver`` carries every active rule in id order (id, name, short and full
description, help text, default level); each result points at its rule by ``ruleId`` and
``ruleIndex``. Severity maps to level: error → ``error``, warning → ``warning``, info → ``note``.
Locations are relative URIs with forward slashes (percent-encoded where a URI needs it) and a region
with ``startLine``/``startColumn``, columns counted in Unicode code points. A suggestion is not a
SARIF ``fix`` (that needs exact replacement ranges): it is appended to the message text and kept
as ``properties.suggestion``. Every document linted, clean ones included, is listed in
``artifacts``.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ..catalogue import RuleSpec
from ..finding import Finding, Severity
from ..report import Report
from ._common import all_paths

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A path as a SARIF URI reference: ``seeds\\001.txt`` → ``seeds/001.txt``. A file name that is
    not valid UTF-8 (its bytes kept as surrogate escapes) is percent-encoded byte for byte."""
    posix = path.replace("\\", "/")
    if posix.startswith("./"):
        posix = posix[2:]
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/", errors="surrogateescape")
    if len(posix) > 1 and posix[1] == ":":  # a Windows drive letter
        return "file:///" + posix[:2] + quote(posix[2:], safe="/", errors="surrogateescape")
    return quote(posix, safe="/", errors="surrogateescape")


def _rule(spec: RuleSpec) -> dict[str, object]:
    help_text = spec.description
    if spec.suggestion:
        help_text += f"\n\nSuggestion: {spec.suggestion}"
    return {
        "id": spec.id,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": spec.description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"tags": [spec.family]},
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, object]:
    text = finding.message
    if finding.suggestion:
        text += f"\nSuggestion: {finding.suggestion}"
    physical: dict[str, object] = {"artifactLocation": {"uri": artifact_uri(finding.path)}}
    # SARIF positions are 1-based; a whole-file finding (line 0) has no region.
    if finding.line > 0:
        region: dict[str, int] = {"startLine": finding.line}
        if finding.column > 0:
            region["startColumn"] = finding.column
        physical["region"] = region
    result: dict[str, object] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result.update(
        level=LEVELS[finding.severity],
        message={"text": text},
        locations=[{"physicalLocation": physical}],
    )
    if finding.suggestion:
        result["properties"] = {"suggestion": finding.suggestion}
    return result


def render(report: Report) -> str:
    specs = sorted(report.rules.values(), key=lambda spec: spec.id)
    rule_index = {spec.id: index for index, spec in enumerate(specs)}
    run = {
        "tool": {
            "driver": {
                "name": "eura-lint",
                "version": report.version,
                "rules": [_rule(spec) for spec in specs],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": artifact_uri(path)}} for path in all_paths(report)],
        "results": [_result(finding, rule_index) for finding in report.findings],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
