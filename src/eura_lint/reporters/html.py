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
from ..report import RecordFacts, Report
from ._common import all_paths, visible
from .html_text import TEXT

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


class Chart(NamedTuple):
    id: str
    title: str
    alt: str
    note: str
    bars: list[Bar]
    height: int
    scale: float  # SVG units per counted item
    per_document: bool


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


def short_authority(name: str) -> str:
    """``Hämeen elinkeino-, liikenne- ja ympäristökeskus`` as people say it: ``Hämeen ELY-keskus``."""
    if name.lower().endswith(ELY):
        return name[: -len(ELY)] + "ELY-keskus"
    return name


def _document_chart(chart_id: str, title: str, alt: str, note: str,
                    totals: Counter[str], with_findings: Counter[str], other_label: str,
                    shorten=lambda name: name) -> Chart:
    order = sorted(totals, key=lambda key: (-with_findings[key], -totals[key], key))
    bars = [Bar(shorten(key), key, with_findings[key], totals[key], "d") for key in order]
    if len(bars) > MAX_BARS:
        rest = bars[MAX_BARS - 1:]
        bars = bars[: MAX_BARS - 1]
        label = other_label.format(count=len(rest))
        bars.append(Bar(label, label, sum(b.count for b in rest), sum(b.total for b in rest), "d"))
    largest = max((bar.total for bar in bars), default=0)
    return Chart(chart_id, title, alt, note, bars, ROW * len(bars) + 4,
                 BAR_WIDTH / largest if largest else 0, True)


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

    # per-document counts for the charts
    authority_total: Counter[str] = Counter()
    authority_hit: Counter[str] = Counter()
    region_total: Counter[str] = Counter()
    region_hit: Counter[str] = Counter()
    hit = set(with_findings)
    for path in paths:
        if not records.get(path):
            continue
        authorities, regions = _facts(records, path, not_given)
        authority_total.update(authorities)
        region_total.update(regions)
        if path in hit:
            authority_hit.update(authorities)
            region_hit.update(regions)
    charts = []
    if findings:
        charts.append(_rule_chart(text, rule_counts, report.rules))
    if authority_total and findings:
        charts.append(_document_chart(
            "chart-authorities", text["by_authority"],
            text["by_doc_alt"].format(what=text["authority"].lower()),
            text["per_document_note"].format(what=text["authority"].lower()),
            authority_total, authority_hit, text["others"], short_authority))
    if region_total and findings:
        charts.append(_document_chart(
            "chart-regions", text["by_region"],
            text["by_doc_alt"].format(what=text["region"].lower()),
            text["per_document_note"].format(what=text["region"].lower()),
            region_total, region_hit, text["others"]))

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


