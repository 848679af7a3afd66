"""What a run hands to a reporter: the findings, every path linted, and the catalogue.

The optional fields serve the reports written for people (HTML): what each parsed record says about
itself (responsible authority, target regions), the offending source lines, the lint date and the
rule selection. Machine formats ignore them, and a report built without them is still complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from .catalogue import RuleSpec
from .finding import Finding, Project

if TYPE_CHECKING:
    from .baseline import Outcome


class RecordFacts(NamedTuple):
    """What one parsed record says about itself, for counting findings and projects by who,
    where and which fund. Text values as written, whitespace runs made one space."""

    authority: str | None  # Vastuuviranomainen
    regions: tuple[str, ...]  # Maakunnat, in order
    source: str = "description"  # or "table" for a row of a project list
    project: Project | None = None  # the record's code and name, by which records are joined
    fund: str | None = None  # "EAKR" or "ESR"
    axis: str | None = None  # Toimintalinja as written ("2", "2 Uuden tiedon tuottaminen...")
    line: int = 0  # the record's first line (a list row's), 0 for a description


@dataclass(frozen=True, slots=True)
class Report:
    findings: Sequence[Finding]  # sorted by (path, line, column, rule)
    paths: Sequence[str]  # every document linted, in order, including the clean ones
    rules: Mapping[str, RuleSpec]  # the active catalogue, by id
    version: str
    # path -> the records parsed from it (one for a description; none for a file that is not one)
    records: Mapping[str, Sequence[RecordFacts]] = field(default_factory=dict)
    # path -> {line: text} of the lines that carry findings
    sources: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    today: dt.date | None = None  # the lint date
    created: dt.datetime | None = None  # when the run was made, for the reports that say so
    selection: Sequence[str] = ()  # how the rules were chosen, as the user wrote it ("--select EURA2")
    lang: str = "en"  # the language of the report's own text
    baseline: Outcome | None = None  # set when a baseline filtered the findings

    def source_line(self, finding: Finding) -> str | None:
        return self.sources.get(finding.path, {}).get(finding.line)
