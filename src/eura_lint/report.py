"""What a run hands to a reporter: the findings, every path linted, and the catalogue."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .catalogue import RuleSpec
from .finding import Finding


@dataclass(frozen=True, slots=True)
class Report:
    findings: Sequence[Finding]  # sorted by (path, line, column, rule)
    paths: Sequence[str]  # every document linted, in order, including the clean ones
    rules: Mapping[str, RuleSpec]  # the active catalogue, by id
    version: str
    lang: str = "en"  # the language of the findings' messages; reporters speak it too
