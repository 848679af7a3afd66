"""What a run hands to a reporter: the findings, every path linted, and the catalogue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .catalogue import RuleSpec
from .finding import Finding

if TYPE_CHECKING:
    from .baseline import Outcome


@dataclass(frozen=True, slots=True)
class Report:
    findings: Sequence[Finding]  # sorted by (path, line, column, rule)
    paths: Sequence[str]  # every document linted, in order, including the clean ones
    rules: Mapping[str, RuleSpec]  # the active catalogue, by id
    version: str
    # path -> {line number: text} of the lines that carry a finding, where the run kept them
    # (baseline fingerprints, --show-source, SARIF partialFingerprints)
    sources: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    baseline: Outcome | None = None  # set when a baseline filtered the findings

    def source_line(self, finding: Finding) -> str | None:
        return self.sources.get(finding.path, {}).get(finding.line)
