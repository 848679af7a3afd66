"""The run's projects: every description and list row joined by project code, with its findings.

A project is counted once whether it came from a description, a list row or both: its facts
(authority, regions, fund, axis) are the description's where it has them, else its first list
row's. A record that names no code is its own project, keyed by its name (or, without one, by its
path and line). The findings about a project (``Finding.project``) are gathered under it; a
finding about a whole file belongs to no project.

What ``--statistics --by`` and the HTML report count, so that both count alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..finding import Finding, Project
from ..report import RecordFacts, Report

_AXIS = re.compile(r"^\s*(\d+)")


@dataclass(slots=True)
class ProjectEntry:
    key: str
    code: str | None
    name: str | None
    authority: str | None = None
    regions: tuple[str, ...] = ()
    fund: str | None = None
    axis: str | None = None  # the axis number ("2"), as lists and descriptions share it
    descriptions: list[str] = field(default_factory=list)  # paths
    rows: list[tuple[str, int]] = field(default_factory=list)  # (path, line)
    findings: list[Finding] = field(default_factory=list)

    def fill(self, facts: RecordFacts) -> None:
        """Take what this record says and the project does not know yet (a description's
        record comes first: see :func:`join`)."""
        self.authority = self.authority or facts.authority
        self.regions = self.regions or facts.regions
        self.fund = self.fund or facts.fund
        if self.axis is None and facts.axis:
            match = _AXIS.match(facts.axis)
            self.axis = match.group(1) if match else facts.axis
        if self.name is None and facts.project is not None:
            self.name = facts.project.name


def project_key(project: Project) -> str:
    return project.code if project.code else f"name:{project.name}"


def join(report: Report) -> dict[str, ProjectEntry]:
    """Every project of the run by key, in the order first met (descriptions before list rows).
    A finding that names no project belongs to none (it is about a whole file), unless its file
    is a description, which is one project whether it names itself or not."""
    entries: dict[str, ProjectEntry] = {}
    records = report.records
    ordered: list[tuple[str, RecordFacts]] = [
        (path, facts) for path, found in records.items() for facts in found
        if facts.source == "description"]
    ordered += [(path, facts) for path, found in records.items() for facts in found
                if facts.source != "description"]
    for path, facts in ordered:
        project = facts.project
        key = project_key(project) if project is not None else f"{path}:{facts.line}"
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = ProjectEntry(
                key, project.code if project else None, project.name if project else None)
        entry.fill(facts)
        if facts.source == "description":
            entry.descriptions.append(path)
        else:
            entry.rows.append((path, facts.line))
    # a description that names neither code nor name is still one project: its findings
    single = {path: f"{path}:{found[0].line}" for path, found in records.items()
              if len(found) == 1 and found[0].source == "description"}
    for finding in report.findings:
        project = finding.project
        if project is None:
            key = single.get(finding.path)
            if key is not None and key in entries:
                entries[key].findings.append(finding)
            continue
        key = project_key(project)
        entry = entries.get(key)
        if entry is None:  # a run that kept no records (no details): the finding names it
            entry = entries[key] = ProjectEntry(key, project.code, project.name)
        entry.findings.append(finding)
    return entries


def fold(value: str) -> str:
    """A group's value as compared: case, commas and whitespace runs aside (a list writes
    ``elinkeino- liikenne- ja``, a description ``elinkeino-, liikenne- ja``)."""
    return " ".join(value.replace(",", " ").casefold().split())


# How projects are grouped: a project may fall in several groups (regions), or in one
Grouping = Callable[[ProjectEntry], Iterable[str | None]]

GROUPINGS: dict[str, Grouping] = {
    "project": lambda entry: (entry.code or entry.name,),
    "authority": lambda entry: (entry.authority,),
    "region": lambda entry: entry.regions or (None,),
    "fund": lambda entry: (entry.fund,),
    "axis": lambda entry: (f"{entry.fund or '?'} {entry.axis}" if entry.axis else entry.fund,),
}


@dataclass(slots=True)
class Group:
    value: str | None  # None: the records do not say
    findings: int = 0
    projects: int = 0  # with findings
    linted: int = 0  # every project of the group linted, clean ones included
    by_severity: dict[str, int] = field(default_factory=dict)


def group(entries: Mapping[str, ProjectEntry], by: str,
          findings: Callable[[ProjectEntry], Sequence[Finding]] = lambda entry: entry.findings
          ) -> list[Group]:
    """The projects grouped ``by`` one of :data:`GROUPINGS`: findings, projects with findings,
    and projects linted per group, most findings first (ties: most projects, then by value)."""
    of = GROUPINGS[by]
    groups: dict[str | None, Group] = {}
    spellings: dict[str | None, Counter[str]] = {}
    for entry in entries.values():
        found = findings(entry)
        for value in dict.fromkeys(of(entry)):
            key = fold(value) if value is not None else None
            if key is not None:
                spellings.setdefault(key, Counter())[value] += 1
            counted = groups.get(key)
            if counted is None:
                counted = groups[key] = Group(value)
            counted.linted += 1
            if found:
                counted.projects += 1
                counted.findings += len(found)
                for finding in found:
                    severity = str(finding.severity)
                    counted.by_severity[severity] = counted.by_severity.get(severity, 0) + 1
    for key, counted in groups.items():
        if key is not None:  # the spelling most of the group's projects use
            counted.value = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
    return sorted(groups.values(),
                  key=lambda g: (-g.findings, -g.projects, -g.linted, g.value is None,
                                 g.value or ""))
