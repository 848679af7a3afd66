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

The document is built with junit-xml: ``TestSuite.build_xml_doc`` makes each suite's elements, which
are written in minidom's pretty layout, without the ``disabled`` attribute junit-xml always writes
(the Jenkins JUnit schema, ``junit-10.xsd``, does not allow it), inside a ``<testsuites>`` element
with the totals junit-xml's ``to_xml_report_string`` gives it. Characters XML cannot carry, or should
not, are written as visible escapes (``\\x07``) before junit-xml sees them; a carriage return in a
failure or skipped body is dropped, as ``to_xml_report_string`` drops it. The output is UTF-8 with
an XML declaration that says so.
"""

from __future__ import annotations

from collections import defaultdict

from ..finding import Finding, Severity
from ..i18n import text
from ..report import Report
from ._common import all_paths, one_line, xml_safe

CLEAN_TESTCASE = "no problems"


def _attribute(text: str) -> str:
    """Text for an attribute: one line (parsers turn a raw line break into a space), XML-safe."""
    return text if text.isprintable() else xml_safe(one_line(text))


def classname(path: str) -> str:
    """The Jenkins class name of a document: ``seeds/001_x.txt`` → ``seeds.001_x``."""
    parts = [part for part in path.replace("\\", "/").split("/") if part and part != "."]
    if not parts:
        return "document"
    stem, dot, _ = parts[-1].rpartition(".")
    if dot and stem:
        parts[-1] = stem
    return ".".join(_attribute(part).replace(".", "_") for part in parts)


def _body(text: str) -> str:
    """Text for an element body: XML-safe, line breaks kept, carriage returns dropped."""
    return text if text.isprintable() else xml_safe(text).replace("\r", "")


def _failure_body(finding: Finding, lang: str) -> str:
    lines = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {finding.name} "
        f"[{text(f'severity.{finding.severity}', lang)}]",
        finding.message,
    ]
    if finding.suggestion:
        lines.append(f"{text('Suggestion', lang)}: {finding.suggestion}")
    # Made safe line by line: most lines are printable, which xml_safe returns without a scan.
    return "\n".join([_body(line) for line in lines])


def _testcases(path: str, findings: list[Finding], test_case: type, lang: str = "en"):
    """junit-xml ``test_case`` objects for one document's findings."""
    cls = classname(path)
    if not findings:
        return [test_case(CLEAN_TESTCASE, classname=cls)]
    cases = []
    used: dict[str, int] = defaultdict(int)
    for finding in findings:
        base = f"{finding.rule} {finding.name} at {finding.line}:{finding.column}"
        used[base] += 1
        name = base if used[base] == 1 else f"{base} #{used[base]}"
        case = test_case(_attribute(name), classname=cls)
        message = _attribute(finding.message)
        if finding.severity is Severity.INFO:
            case.add_skipped_info(message=f"{finding.rule} [{text('severity.info', lang)}] {message}",
                                  output=_failure_body(finding, lang))
        else:
            case.add_failure_info(message=message, output=_failure_body(finding, lang),
                                  failure_type=finding.rule)
        cases.append(case)
    return cases


def render(report: Report) -> str:
    from junit_xml import TestCase, TestSuite

    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_path[finding.path].append(finding)
    # Each suite is written as soon as it is built: elements piling up would keep the garbage
    # collector busy.
    suites: list[str] = []
    totals: dict[str, int | float] = defaultdict(int)  # summed as to_xml_report_string sums them
    for path in all_paths(report):
        name = _attribute(path)
        suite = TestSuite(name, _testcases(path, by_path[path], TestCase, report.lang), file=name).build_xml_doc()
        suite.attrib.pop("disabled", None)
        for key in ("errors", "failures", "tests"):
            totals[key] += int(suite.get(key))
        totals["time"] += float(suite.get("time"))
        _pretty(suite, "  ", suites)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not suites:
        return head + "<testsuites/>\n"
    attributes = "".join(f' {key}="{value}"' for key, value in totals.items())
    return f"{head}<testsuites{attributes}>\n{''.join(suites)}</testsuites>\n"


# The layout of ``xml.dom.minidom``'s ``toprettyxml(indent="  ")``, which this report used to be
# written with, produced from an ElementTree: minidom took seconds to build the DOM of a large run.


def _data(text: str) -> str:
    # Most values hold none of these characters; checking is cheaper than four replacements.
    if "&" in text or "<" in text or '"' in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace(">", "&gt;")
    return text


def _pretty(element, indent: str, out: list[str]) -> None:
    tag = element.tag
    attributes = "".join([f' {name}="{_data(value)}"' for name, value in element.attrib.items()])
    text = element.text
    if not len(element):  # a leaf: one line
        if text:
            out.append(f"{indent}<{tag}{attributes}>{_data(text)}</{tag}>\n")
        else:
            out.append(f"{indent}<{tag}{attributes}/>\n")
        return
    out.append(f"{indent}<{tag}{attributes}>\n")
    inner = indent + "  "
    if text:
        out.append(f"{inner}{_data(text)}\n")
    for child in element:
        _pretty(child, inner, out)
        if child.tail:
            out.append(f"{inner}{_data(child.tail)}\n")
    out.append(f"{indent}</{tag}>\n")
