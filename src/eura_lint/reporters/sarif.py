"""SARIF 2.1.0 for code-scanning services (GitHub ``upload-sarif``, GitLab, IDE viewers).

One run. ``tool.driver`` carries every active rule in id order (id, name, short and full
description, help text, default level); each result points at its rule by ``ruleId`` and
``ruleIndex``. Severity maps to level: error → ``error``, warning → ``warning``, info → ``note``.
Locations are relative URIs with forward slashes (percent-encoded where a URI needs it) and a region
with ``startLine``/``startColumn``, columns counted in Unicode code points. A suggestion is not a
SARIF ``fix`` (that needs exact replacement ranges): it is appended to the message text and kept
as ``properties.suggestion``. A finding about a project (a description or a row of a project list)
names it in ``properties.project`` (``{"code": "A70080", "name": "..."}``). Messages, suggestions and the help's "Suggestion" are in the report's
language, and so is each rule's ``shortDescription`` (its one-sentence summary); each rule's
``properties`` hold its summary, message and suggestion templates in every language eura-lint
speaks (``summaries``, ``messages``, ``suggestions``); ``fullDescription`` is the rule reference's
English description. Every document linted, clean ones included, is listed in
``artifacts``. Each result carries ``partialFingerprints`` (``euraLint/v1``: the baseline's key,
hashed, see :mod:`eura_lint.baseline`), by which GitHub code scanning follows an alert across
commits however lines move; with a baseline in use the results are the new findings only, each
with ``baselineState: new``.

The log is written exactly as ``json.dumps(log, ensure_ascii=False, indent=2)`` would write it, but
not by it: with an indent CPython's json encodes in pure Python, which took half a second on 15,000
findings. Artifacts and results, which have a fixed shape, are filled into templates of that
layout, every string encoded by the C encoder; the driver with its rules is ``json.dumps`` output
shifted to its depth (in JSON text a line break is always layout, never inside a string).
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ..baseline import FINGERPRINT_NAME, fingerprints
from ..catalogue import RuleSpec
from ..finding import Finding, Severity
from ..i18n import languages, text
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


def _rule(spec: RuleSpec, lang: str) -> dict[str, object]:
    help_text = spec.description
    suggestion = spec.suggestion_in(lang)
    if suggestion:
        help_text += f"\n\n{text('Suggestion', lang)}: {suggestion}"
    # SARIF's messageStrings take positional {0} placeholders only: the rule's templates, in
    # every language, go into the property bag instead
    properties: dict[str, object] = {"tags": [spec.family],
                                     "summaries": {code: spec.summary_in(code) for code in languages()},
                                     "messages": {code: spec.message_in(code) for code in languages()}}
    if spec.suggestion:
        properties["suggestions"] = {code: spec.suggestion_in(code) for code in languages()}
    return {
        "id": spec.id,
        "name": spec.name,
        "shortDescription": {"text": spec.summary_in(lang)},
        "fullDescription": {"text": spec.description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": properties,
    }


# A string as json.dumps(..., ensure_ascii=False) writes it, by the C encoder.
_string = json.JSONEncoder(ensure_ascii=False).encode

# The templates below write an entry of "artifacts" or "results" 8 spaces deep, where it sits in
# the log; ``uri`` arguments are already JSON strings.


def _artifact(uri: str) -> str:
    return f"""\
        {{
          "location": {{
            "uri": {uri}
          }}
        }}"""


def _result(finding: Finding, rule_index: dict[str, int], uri: str, fingerprint: str,
            baseline_state: str | None, suggestion_word: str) -> str:
    message = finding.message
    if finding.suggestion:
        message += f"\n{suggestion_word}: {finding.suggestion}"
    index = ""
    if finding.rule in rule_index:
        index = f'\n          "ruleIndex": {rule_index[finding.rule]},'
    # SARIF positions are 1-based; a whole-file finding (line 0) has no region.
    region = ""
    if finding.line > 0:
        column = f',\n                  "startColumn": {finding.column}' if finding.column > 0 else ""
        region = (f',\n                "region": {{\n                  "startLine": {finding.line}{column}'
                  "\n                }")
    members = []
    if finding.suggestion:
        members.append(f'"suggestion": {_string(finding.suggestion)}')
    if finding.project is not None:
        project = finding.project
        members.append(f'"project": {{\n              "code": {_string(project.code)},'
                       f'\n              "name": {_string(project.name)}\n            }}')
    properties = ""
    if members:
        properties = (',\n          "properties": {\n            '
                      + ",\n            ".join(members) + "\n          }")
    state = f',\n          "baselineState": "{baseline_state}"' if baseline_state else ""
    return f"""\
        {{
          "ruleId": {_string(finding.rule)},{index}
          "level": "{LEVELS[finding.severity]}",
          "message": {{
            "text": {_string(message)}
          }},
          "locations": [
            {{
              "physicalLocation": {{
                "artifactLocation": {{
                  "uri": {uri}
                }}{region}
              }}
            }}
          ],
          "partialFingerprints": {{
            "{FINGERPRINT_NAME}": "{fingerprint}"
          }}{state}{properties}
        }}"""


def _array(entries: list[str]) -> str:
    """Entries as the value of a member of the run, which sits 6 spaces deep."""
    return "[\n" + ",\n".join(entries) + "\n      ]" if entries else "[]"


def render(report: Report) -> str:
    specs = sorted(report.rules.values(), key=lambda spec: spec.id)
    rule_index = {spec.id: index for index, spec in enumerate(specs)}
    driver = {"name": "eura-lint", "version": report.version, "rules": [_rule(spec, report.lang) for spec in specs]}
    # The driver sits 8 spaces deep.
    driver_json = json.dumps(driver, ensure_ascii=False, indent=2).replace("\n", "\n        ")
    uris = {path: _string(artifact_uri(path)) for path in all_paths(report)}
    artifacts = [_artifact(uri) for uri in uris.values()]
    base = report.baseline.base if report.baseline is not None else None
    prints = fingerprints(report.findings, report.sources, base)
    state = "new" if report.baseline is not None else None
    word = text("Suggestion", report.lang)
    results = [_result(finding, rule_index, uris[finding.path], fingerprint, state, word)
               for finding, fingerprint in zip(report.findings, prints)]
    return f"""\
{{
  "$schema": {_string(SCHEMA_URI)},
  "version": "2.1.0",
  "runs": [
    {{
      "tool": {{
        "driver": {driver_json}
      }},
      "columnKind": "unicodeCodePoints",
      "artifacts": {_array(artifacts)},
      "results": {_array(results)}
    }}
  ]
}}
"""
