"""JUnit XML for CI test reports (Jenkins ``junit``, GitLab ``artifacts:reports:junit``).

Shape:

* one ``<testsuite>`` per document linted, named by its path, clean documents included;
* one ``<testcase>`` per finding, named ``"<rule id> <rule name> at <line>:<column>"`` (made unique
  within its suite with a ``#2``, ``#3`` suffix should a rule report twice at one position), with a
  ``classname`` made from the path the way Jenkins reads it: directories become packages and the
  file name without its extension the class (``seeds/001_x.txt`` → ``seeds.001_x``; dots inside a
  directory or file name become ``_`` so they do not invent packages);
* errors and warnings are ``<failure type="EURA201" message="…">`` whose body repeats the message
  with the position, the severity and the suggestion;
* **info-level findings are ``<skipped>`` testcases**: CI tools count a skipped test as neither
  passed nor failed, so a note never turns a pipeline or a Jenkins build red (or UNSTABLE), yet it is
  listed with its message under "skipped" in every test-report view;
* a document without findings gets one passing testcase named ``no problems``.

Whether a run *fails* is still the exit code's business; the report only shows what was found.

The document is built with junit-xml's ``to_xml_report_string`` and then re-serialised (in
minidom's pretty layout) without the ``disabled`` attribute junit-xml always writes, which the
Jenkins JUnit schema (``junit-10.xsd``) does not allow. Characters XML cannot carry are written as visible escapes (``\\x07``) before
junit-xml sees them (junit-xml would delete them silently). The output is UTF-8 with an XML
declaration that says so.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..finding import Finding, Severity
from ..report import Report
from ._common import all_paths, one_line, xml_safe

CLEAN_TESTCASE = "no problems"


def _attribute(text: str) -> str:
    """Text for an attribute: one line (parsers turn a raw line break into a space), XML-safe."""
    return xml_safe(one_line(text))


def classname(path: str) -> str:
    """The Jenkins class name of a document: ``seeds/001_x.txt`` → ``seeds.001_x``."""
    parts = [part for part in re.split(r"[\\/]+", path) if part and part != "."]
    if not parts:
        return "document"
    stem, dot, _ = parts[-1].rpartition(".")
    if dot and stem:
        parts[-1] = stem
    return ".".join(_attribute(part).replace(".", "_") for part in parts)


def _failure_body(finding: Finding) -> str:
    lines = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {finding.name} "
        f"[{finding.severity}]",
        finding.message,
    ]
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    return xml_safe("\n".join(lines))


def _testcases(path: str, findings: list[Finding]):
    from junit_xml import TestCase

    cls = classname(path)
    if not findings:
        return [TestCase(CLEAN_TESTCASE, classname=cls)]
    cases = []
    used: dict[str, int] = defaultdict(int)
    for finding in findings:
        base = f"{finding.rule} {finding.name} at {finding.line}:{finding.column}"
        used[base] += 1
        name = base if used[base] == 1 else f"{base} #{used[base]}"
        case = TestCase(_attribute(name), classname=cls)
        message = _attribute(finding.message)
        if finding.severity is Severity.INFO:
            case.add_skipped_info(message=f"{finding.rule} [info] {message}", output=_failure_body(finding))
        else:
            case.add_failure_info(message=message, output=_failure_body(finding), failure_type=finding.rule)
        cases.append(case)
    return cases


def render(report: Report) -> str:
    from xml.etree import ElementTree

    from junit_xml import TestSuite, to_xml_report_string

    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_path[finding.path].append(finding)
    suites = [
        TestSuite(_attribute(path), _testcases(path, by_path[path]), file=_attribute(path))
        for path in all_paths(report)
    ]
    root = ElementTree.fromstring(to_xml_report_string(suites, prettyprint=False).encode("utf-8"))
    for tag in ("testsuites", "testsuite"):
        for element in root.iter(tag):
            element.attrib.pop("disabled", None)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _pretty(root, "", out)
    return "".join(out)


# The layout of ``xml.dom.minidom``'s ``toprettyxml(indent="  ")``, which this report used to be
# written with, produced from an ElementTree: minidom took seconds to build the DOM of a large run.


def _data(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace(">", "&gt;")


def _pretty(element, indent: str, out: list[str]) -> None:
    out.append(f"{indent}<{element.tag}")
    for name, value in element.attrib.items():
        out.append(f' {name}="{_data(value)}"')
    children = list(element)
    if not children and not element.text:
        out.append("/>\n")
        return
    out.append(">")
    if not children:  # one text node: written inline
        out.append(_data(element.text))
    else:
        out.append("\n")
        inner = indent + "  "
        if element.text:
            out.append(f"{inner}{_data(element.text)}\n")
        for child in children:
            _pretty(child, inner, out)
            if child.tail:
                out.append(f"{inner}{_data(child.tail)}\n")
        out.append(indent)
    out.append(f"</{element.tag}>\n")
