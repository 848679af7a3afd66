"""A self-contained HTML report for people: the run, totals, charts, the findings and the rules.

One file with its CSS, its SVG charts and a few lines of JavaScript inline, and nothing fetched
from anywhere (a Content-Security-Policy in the page forbids it, and allows only the page's own
script by its hash), so it works from a USB stick in an air-gapped office. The page is the Jinja2
template ``templates/report.html.j2`` with autoescaping on: every value from a document reaches the
page escaped, and control characters are written as visible escapes first, as in the other reports.

Everything is in the HTML itself, so the page is complete without JavaScript and in print; the
script only adds filtering and sorting. The findings are listed document by document (each a
section ``#d<n>`` with its path, authority and regions as the heading and its findings in line
order as a table), which is the order of every other report; sorted by another column, the rows
are moved into one list in which each row gains its path, a link back to its document. The
sections have ``content-visibility: auto``, so a browser lays out only the ones on screen.

Charts count documents, not findings, by responsible authority and target region, so that one
document with many findings does not dominate: for each authority (region), how many documents
have findings out of how many were linted. A file that holds several records (a table of
projects) counts once for each distinct authority or region among its records.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, NamedTuple

from ..catalogue import FAMILIES, RuleSpec
from ..examples import example_view
from ..finding import Finding, Severity
from ..readers.project_list import is_table_path
from ..report import RecordFacts, Report
from ._common import all_paths, visible
from .html_text import TEXT
from .projects import ProjectEntry, group, join

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_CLASS = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
# Characters of a source line shown before and after the marked column: enough to recognise the
# line, while a paragraph of a thousand characters does not fill the table (or the file).
BEFORE, AFTER = 30, 60
MAX_BARS = 30  # per document chart; the rest are summed into one "others" bar
ROW = 22  # height of a chart row, in SVG units
LABEL_WIDTH, BAR_WIDTH = 330, 520  # the label column and the longest bar, in SVG units
ELY = "elinkeino-, liikenne- ja ympäristökeskus"


class Bar(NamedTuple):
    label: str
    title: str  # the full text, shown as the bar's tooltip
    count: int
    total: int  # all documents (per-document charts), or the count itself
    css: str
    heading: bool = False  # a family's heading row in the per-rule chart
    findings: int = 0  # the findings about the bar's projects (per-project charts)


class Chart(NamedTuple):
    id: str
    title: str
    alt: str
    note: str
    bars: list[Bar]
    height: int
    scale: float  # SVG units per counted item
    per_document: bool
    what: str = ""  # what a bar stands for, the chart table's first column heading
    projects: int = 0  # the distinct projects the chart counts (each once, whatever its bars)


class SourceLine(NamedTuple):
    before: str
    mark: str
    after: str
    end: bool  # the column is past the end of the line
    cut_start: bool
    cut_end: bool


def _source(text: str | None, column: int) -> SourceLine | None:
    if text is None:
        return None
    text = visible(text).rstrip("\r\n")
    index = max(column - 1, 0)
    start = max(index - BEFORE, 0)
    if index >= len(text):
        return SourceLine(text[start:], "", "", True, start > 0, False)
    stop = min(index + 1 + AFTER, len(text))
    return SourceLine(text[start:index], text[index], text[index + 1:stop], False, start > 0,
                      stop < len(text))


# the ELY centres' long name, as descriptions write it and as the open-data list does (no comma)
_ELY = re.compile(r"elinkeino-,?\s+liikenne-\s+ja\s+ympäristökeskus$", re.IGNORECASE)


def short_authority(name: str) -> str:
    """``Hämeen elinkeino-, liikenne- ja ympäristökeskus`` as people say it: ``Hämeen ELY-keskus``."""
    return _ELY.sub("ELY-keskus", name)


def _rule_chart(text: Mapping[str, str], counts: Counter[str], rules: Mapping[str, RuleSpec]
                ) -> Chart:
    families: dict[str, list[str]] = {}
    for rule_id in counts:
        family = text.get(f"family_{rule_id[4:5]}") or FAMILIES.get(rule_id[4:5], "Other")
        families.setdefault(family, []).append(rule_id)
    bars: list[Bar] = []
    for family, ids in sorted(families.items(), key=lambda item: (-sum(counts[i] for i in item[1]),
                                                                  item[0])):
        total = sum(counts[i] for i in ids)
        bars.append(Bar(family, family, total, total, "", heading=True))
        for rule_id in sorted(ids, key=lambda i: (-counts[i], i)):
            severity = rules[rule_id].severity if rule_id in rules else Severity.WARNING
            name = rules[rule_id].name if rule_id in rules else ""
            bars.append(Bar(f"{rule_id} {name}".strip(), rule_id, counts[rule_id],
                            counts[rule_id], SEVERITY_CLASS[severity]))
    largest = max(counts.values(), default=0)
    return Chart("chart-rules", text["by_rule"], text["by_rule_alt"], "", bars,
                 ROW * len(bars) + 4, BAR_WIDTH / largest if largest else 0, False)


def _paragraphs(markdown: str) -> list[list[tuple[str, str]]]:
    """The catalogue's Markdown, as far as its descriptions use it: paragraphs of text and
    ``code`` spans, as (kind, text) pieces for the template to escape and mark up."""
    result = []
    for paragraph in re.split(r"\n\s*\n", markdown.strip()):
        pieces = []
        for index, piece in enumerate(re.split(r"`([^`]*)`", " ".join(paragraph.split()))):
            if piece:
                pieces.append(("code" if index % 2 else "text", piece))
        result.append(pieces)
    return result


def _value(value: Any, limit: int = 300) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Example(NamedTuple):
    label: str  # passes / fails
    description: str
    what: list[tuple[str, str]]  # (kind, text) pieces, as _paragraphs gives them
    table: list[list[str]]  # the example's project list, header first
    config: str
    expected: str


def _examples(text: Mapping[str, str], rule: RuleSpec) -> list[Example]:
    """Each example as the rule reference and ``--explain`` describe it (explain.example_view),
    its project list as a small table."""
    shown = []
    for group in ("pass", "fail"):
        for case in rule.examples.get(group) or []:
            view = example_view(case)
            what = _paragraphs(view.what)
            expected = ""
            if view.expect:
                positions = ", ".join(f"{line}:{column}" for line, column in view.expect)
                expected = text["expected"].format(positions=positions)
            shown.append(Example(text["passes"] if group == "pass" else text["fails"],
                                 visible(view.description), what[0] if what else [],
                                 [[visible(cell) for cell in row] for row in view.table],
                                 visible(view.config), expected))
    return shown


class RuleDoc(NamedTuple):
    spec: RuleSpec
    message: str  # the templates in the report's language
    suggestion: str | None
    paragraphs: list[list[tuple[str, str]]]
    params: list[tuple[str, str]]
    examples: list
    count: int


def _facts(records: Mapping[str, Sequence[RecordFacts]], path: str, not_given: str
           ) -> tuple[list[str], list[str]]:
    authorities = dict.fromkeys(visible(r.authority) if r.authority else not_given
                                for r in records.get(path, ()))
    regions = dict.fromkeys(visible(region) for r in records.get(path, ()) for region in r.regions)
    return list(authorities), list(regions)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


@cache
def _environment():
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("eura_lint", "templates"),
        autoescape=True,  # every {{ value }} is HTML-escaped unless marked safe
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


class ProjectCounts(NamedTuple):
    total: int
    with_errors: int  # at least one error
    with_warnings: int  # warnings, no error
    clean: int  # neither (notes at most)


def _project_counts(entries: Mapping[str, ProjectEntry]) -> ProjectCounts:
    errors = warnings = 0
    for entry in entries.values():
        worst = max((f.severity for f in entry.findings), default=None)
        if worst == Severity.ERROR:
            errors += 1
        elif worst == Severity.WARNING:
            warnings += 1
    return ProjectCounts(len(entries), errors, warnings, len(entries) - errors - warnings)


def _family(text: Mapping[str, str], rule_id: str) -> str:
    return text.get(f"family_{rule_id[4:5]}") or FAMILIES.get(rule_id[4:5], "Other")


def _project_charts(text: Mapping[str, str], entries: Mapping[str, ProjectEntry]) -> list[Chart]:
    """Per project, each counted once whether from a list, a description or both: for each
    authority (region, fund and axis) its projects with findings out of all its projects, and
    their findings; for each rule family the projects it found something in."""
    charts = []
    for chart_id, by, title, what, shorten in (
            ("chart-authorities", "authority", text["by_authority"], text["authority"],
             short_authority),
            ("chart-regions", "region", text["by_region"], text["region"], None),
            ("chart-funds", "axis", text["by_fund"], text["fund_axis"], None)):
        groups = group(entries, by)
        bars = [Bar((shorten or str)(g.value) if g.value is not None else text["not_given"],
                    g.value if g.value is not None else text["not_given"], g.projects, g.linted,
                    "d", findings=g.findings) for g in groups]
        charts.append(_bars_chart(chart_id, title, what, text, bars, len(entries)))
    families: dict[str, list[int]] = {}  # family -> [projects, findings]
    affected = 0
    for entry in entries.values():
        if not entry.findings:
            continue
        affected += 1
        counts = Counter(_family(text, f.rule) for f in entry.findings)
        for family, number in counts.items():
            tally = families.setdefault(family, [0, 0])
            tally[0] += 1
            tally[1] += number
    bars = [Bar(family, family, projects, affected, "d", findings=number)
            for family, (projects, number) in families.items()]
    charts.append(_bars_chart("chart-families", text["by_family"], text["family"], text, bars,
                              affected))
    return charts


def _bars_chart(chart_id: str, title: str, what: str, text: Mapping[str, str], bars: list[Bar],
                projects: int) -> Chart:
    bars = sorted(bars, key=lambda b: (-b.count, -b.total, -b.findings, b.title))
    if len(bars) > MAX_BARS:
        rest = bars[MAX_BARS - 1:]
        bars = bars[: MAX_BARS - 1]
        label = text["others"].format(count=len(rest))
        bars.append(Bar(label, label, sum(b.count for b in rest), sum(b.total for b in rest), "d",
                        findings=sum(b.findings for b in rest)))
    largest = max((bar.total for bar in bars), default=0)
    return Chart(chart_id, title, text["by_doc_alt"].format(what=what.lower()),
                 text["per_project_note"].format(what=what.lower(), projects=projects),
                 bars, ROW * len(bars) + 4, BAR_WIDTH / largest if largest else 0, True, what,
                 projects)


def _project_index(entries: Mapping[str, ProjectEntry], anchors: Mapping[str, str]) -> str:
    """The project index's data, one JSON text embedded in the page (the script renders a page
    of it at a time): the choices of each filter, the paths (with the anchor of each one's
    findings section), then per project [code, name, authority,
    [regions], fund and axis, [errors, warnings, notes], [[path, line, column, rule, severity,
    message], ...]], the choices as indices. ``</`` is written ``<\\/`` so that no value can end
    the script element that holds it."""
    authorities: dict[str, int] = {}
    regions: dict[str, int] = {}
    funds: dict[str, int] = {}
    paths: dict[str, int] = {}  # by the path as found
    rule_ids: dict[str, int] = {}

    def at(table: dict[str, int], value: str) -> int:
        number = table.get(value)
        if number is None:
            number = table[value] = len(table)
        return number

    severity = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    items = []
    order = sorted(entries.values(), key=lambda e: (
        -sum(1 for f in e.findings if f.severity == Severity.ERROR), -len(e.findings),
        e.code or "", e.name or ""))
    for entry in order:
        counts = [0, 0, 0]
        found = []
        for finding in sorted(entry.findings):
            counts[severity[finding.severity]] += 1
            found.append([at(paths, finding.path), finding.line, finding.column,
                          at(rule_ids, finding.rule), severity[finding.severity],
                          visible(finding.message)])
        fund = f"{entry.fund or '?'} {entry.axis}" if entry.axis else (entry.fund or "")
        items.append([visible(entry.code or ""), visible(entry.name or ""),
                      at(authorities, visible(entry.authority)) if entry.authority else -1,
                      [at(regions, visible(r)) for r in entry.regions],
                      at(funds, fund) if fund else -1, counts, found])
    data = {"authorities": list(authorities), "regions": list(regions), "funds": list(funds),
            "paths": [[visible(path), anchors.get(path, "")] for path in paths],
            "rules": list(rule_ids), "projects": items}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render(report: Report) -> str:
    text = TEXT.get(report.lang, TEXT["en"])
    lang = report.lang if report.lang in TEXT else "en"
    findings: Sequence[Finding] = report.findings
    paths = all_paths(report)
    records = report.records
    not_given = text["not_given"]

    severity_counts = Counter(f.severity for f in findings)
    rule_counts = Counter(f.rule for f in findings)
    with_findings = list(dict.fromkeys(f.path for f in findings))
    descriptions = sum(1 for p in paths
                       if any(r.source == "description" for r in records.get(p, ())))
    table_rows = sum(1 for p in paths for r in records.get(p, ()) if r.source == "table")
    with_records = sum(1 for p in paths if records.get(p))

    # per-document counts for the findings section's filters
    authority_hit: Counter[str] = Counter()
    region_hit: Counter[str] = Counter()
    hit = set(with_findings)
    for path in paths:
        if not records.get(path) or path not in hit:
            continue
        authorities, regions = _facts(records, path, not_given)
        authority_hit.update(authorities)
        region_hit.update(regions)

    # the projects: every description and list row joined by code, each counted once
    entries = join(report)
    projects = _project_counts(entries)
    charts = []
    if findings:
        charts.append(_rule_chart(text, rule_counts, report.rules))
    if entries and findings:
        charts.extend(_project_charts(text, entries))
    anchors = {path: f"d{number}" for number, path in enumerate(with_findings, 1)}
    index_data = _project_index(entries, anchors) if entries else None
    # the filter choices, and each document's place in them
    authority_options = sorted(authority_hit)
    region_options = sorted(region_hit)
    authority_index = {name: index for index, name in enumerate(authority_options)}
    region_index = {name: index for index, name in enumerate(region_options)}

    documents = []  # (anchor, path, authorities, regions, a-indices, g-indices, count, rows)
    per_path: dict[str, list[Finding]] = {}
    for finding in findings:
        per_path.setdefault(finding.path, []).append(finding)
    sources = report.sources
    severity_text = {s: text[f"severity_{s}"] for s in SEVERITIES}
    for number, (path, items) in enumerate(per_path.items(), 1):
        authorities, regions = _facts(records, path, not_given) if records.get(path) else ([], [])
        lines = sources.get(path, {})
        shown_path = visible(path)
        rows = [(finding.line, finding.column, finding.rule, SEVERITY_CLASS[finding.severity],
                 severity_text[finding.severity], visible(finding.message),
                 visible(finding.suggestion) if finding.suggestion else "",
                 _source(lines.get(finding.line), finding.column))
                for finding in items]
        documents.append((f"d{number}", shown_path, authorities, regions,
                          " ".join(str(authority_index[a]) for a in authorities),
                          " ".join(str(region_index[g]) for g in regions), len(items), rows))

    rule_docs = [RuleDoc(spec, spec.message_in(lang), spec.suggestion_in(lang),
                         _paragraphs(spec.description),
                         [(key, _value(value)) for key, value in spec.params.items()],
                         _examples(text, spec), rule_counts[spec.id])
                 for spec in report.rules.values()]
    linted_folders = list(dict.fromkeys(_folder(path) for path in paths))

    environment = _environment()
    script = environment.loader.get_source(environment, "report.js")[0]  # as it is, not a template
    return environment.get_template("report.html.j2").render(
        t=text, lang=lang, report=report, version=report.version,
        today=report.today.isoformat() if report.today else None,
        generated=_generated(report.created) if report.created else None,
        selection=[visible(s) for s in report.selection],
        files=len(paths), descriptions=descriptions, table_rows=table_rows,
        list_files=sum(1 for p in paths if is_table_path(p)), projects=projects,
        index_data=index_data,
        other_files=len(paths) - with_records, folders=[visible(f) for f in linted_folders[:10]],
        more_folders=max(len(linted_folders) - 10, 0),
        total=len(findings), severities=[(SEVERITY_CLASS[s], text[str(s)], severity_counts[s])
                                         for s in SEVERITIES],
        with_findings=len(with_findings), clean=len(paths) - len(with_findings),
        clean_share=_share(len(paths) - len(with_findings), len(paths)),
        charts=charts, label_width=LABEL_WIDTH, bar_width=BAR_WIDTH, row_height=ROW,
        rule_options=sorted(rule_counts), authority_options=authority_options,
        region_options=region_options, documents=documents, rule_docs=rule_docs,
        rule_ids=set(report.rules), script=script, script_hash=_csp_hash(script),
    )


def _folder(path: str) -> str:
    head, sep, _ = path.replace("\\", "/").rpartition("/")
    return head + sep if sep else "./"


def _generated(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


__all__ = ["render", "short_authority"]


