"""The ``python`` rule kind's checks, registered explicitly by name.

A check is ``function(document, rule, context) -> Iterable[Finding]``; it must be pure and build its
findings with ``rule.finding(...)``. ``always`` checks also run on files that could not be read or
are not descriptions (every other rule is skipped for those).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..kinds import DocumentCheck
from . import completeness, dates, geography, identifiers, indicators, structure, tables


@dataclass(frozen=True, slots=True)
class Registered:
    function: DocumentCheck
    always: bool = False
    # per-run work the check needs (reference data, compiled patterns): run once, when the
    # linter is built, so that ``--jobs`` workers inherit it instead of each doing it again
    prepare: Callable[[], object] | None = None


REGISTRY: dict[str, Registered] = {
    "unreadable-file": Registered(structure.unreadable_file, always=True),
    "not-a-description": Registered(structure.not_a_description, always=True),
    "missing-section": Registered(structure.missing_section),
    "duplicate-section": Registered(structure.duplicate_section),
    "unparseable-number": Registered(structure.unparseable_number),
    "invalid-date": Registered(structure.invalid_date),
    "missing-fund-line": Registered(structure.missing_fund_line),
    "missing-final-report": Registered(completeness.missing_final_report),
    "partial-site-address": Registered(completeness.partial_site_address),
    "co-implementers": Registered(completeness.co_implementers),
    "react-eu-start": Registered(dates.react_eu_start),
    "stale-ongoing-status": Registered(dates.stale_ongoing_status),
    "ended-in-future": Registered(dates.ended_in_future),
    "business-id": Registered(identifiers.business_id),
    "code-fund": Registered(identifiers.code_fund),
    "axis-objective": Registered(identifiers.axis_objective, prepare=identifiers.programme),
    "axis-fund": Registered(identifiers.axis_fund, prepare=identifiers.programme),
    "principle-scores": Registered(indicators.principle_scores),
    "principle-answers": Registered(indicators.principle_answers),
    "missing-scores": Registered(indicators.missing_scores),
    "indicator-titles": Registered(indicators.indicator_titles),
    "indicator-not-asked": Registered(indicators.indicator_not_asked),
    "unrecognised-header": Registered(tables.unrecognised_header),
    "shifted-row": Registered(tables.shifted_row),
    "duplicate-project-code": Registered(tables.duplicate_code),
    "unknown-authority": Registered(tables.unknown_authority),
    "nuts-region": Registered(tables.nuts_region, prepare=tables.nuts_by_name),
    "stray-characters": Registered(tables.stray_characters),
    "other-period-rows": Registered(tables.other_period),
}
REGISTRY.update({name: Registered(function, prepare=geography.prepare)
                 for name, function in geography.CHECKS.items()})
