"""Arbitrary text and bytes, and mutated seeds, through the whole pipeline: nothing escapes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eura_lint.catalogue import template_fields
from eura_lint.context import Context
from eura_lint.readers.decoding import UndecodableError, decode, split_lines
from eura_lint.engine import build_linter, lint_bytes, lint_text
from eura_lint.finding import Finding

from .helpers import ROOT, SEEDS

try:
    import resource
except ImportError:  # not a POSIX system: the child runs without a memory limit
    resource = None

LINTER = build_linter(context=Context(today=dt.date(2026, 11, 22)))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
SEED_LINES = sorted({line for text in SEED_TEXTS for line in text.split("\n")})
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(findings: list[Finding], text: str | None) -> None:
    """Every finding points inside the document (at 1:1 when it could not be decoded), no finding
    is reported twice, and every message is filled in."""
    lines = split_lines(text) if text is not None else []
    assert len(set(findings)) == len(findings)
    for f in findings:
        if not lines:
            assert (f.line, f.column) == (1, 1), f
            continue
        assert 1 <= f.line <= len(lines), f
        line = lines[f.line - 1]
        # an empty field's value "would start" after "Label: ", one past a line ending in ":"
        end = len(line) + (2 if line.rstrip().endswith(":") else 1)
        assert 1 <= f.column <= end, f
        # every placeholder of the template was filled (the document's own text may hold braces)
        placeholders = template_fields(LINTER.rules[f.rule].message_in())
        assert f.message and not any("{" + name + "}" in f.message for name in placeholders)


def _decoded(data: bytes) -> str | None:
    try:
        return decode(data).text
    except UndecodableError:
        return None


@pytest.mark.slow
@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    check(lint_bytes(data, "fuzz.txt", linter=LINTER), _decoded(data))


@pytest.mark.slow
@FAST
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    check(lint_text(text, "fuzz.txt", linter=LINTER), text)


@st.composite
def mutated_seed(draw):
    lines = draw(st.sampled_from(SEED_TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "edit", "truncate"]))
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            break
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            lines.insert(index, draw(st.sampled_from(SEED_LINES)))
        elif action == "edit":
            line = lines[index]
            cut = draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + draw(st.text(max_size=12)) + line[cut:]
        else:
            lines = lines[:index]
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_mutated_seeds(text, encoding, newline):
    data = text.replace("\n", newline).encode(encoding, errors="replace")
    check(lint_bytes(data, "mutated.txt", linter=LINTER), _decoded(data))


# --- project lists ------------------------------------------------------------------------------

LIST_LINES = (ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv").read_text(
    encoding="utf-8").split("\n")
TABLE_CHUNKS = [",", ";", "\t", '"', '""', "\n", "\r\n", " ", "1 053 002,50", "-5", "31.2.2020",
                "2015-03-01", "Koodi", "Aloituspvm", "A70302", "S20001", "A31001", "FI193 Keski-Suomi",
                "¿", "Lapin liitto", ""]


@pytest.mark.slow
@FAST
@given(st.binary(max_size=2000), st.sampled_from(["fuzz.csv", "fuzz.tsv", "fuzz.xlsx"]))
def test_arbitrary_bytes_as_tables(data, name):
    findings = lint_bytes(data, name, linter=LINTER)
    if name.endswith(".xlsx"):
        check_workbook(findings)
    else:
        check(findings, _decoded(data))


@pytest.mark.slow
@FAST
@given(st.lists(st.lists(st.one_of(st.sampled_from(TABLE_CHUNKS), st.text(max_size=8)),
                         max_size=16), max_size=12),
       st.sampled_from([",", ";", "\t"]))
def test_arbitrary_tables_under_a_real_header(rows, delimiter):
    text = "\n".join([LIST_LINES[0].replace(",", delimiter)]
                     + [delimiter.join(row) for row in rows])
    data = text.encode("utf-8", errors="replace")
    check(lint_bytes(data, "fuzz.csv", linter=LINTER), _decoded(data))


@st.composite
def mutated_list(draw):
    lines = [LIST_LINES[0]] + draw(st.lists(st.sampled_from(LIST_LINES[1:200]), max_size=8))
    for _ in range(draw(st.integers(0, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        cut = draw(st.integers(0, len(line)))
        lines[index] = line[:cut] + draw(st.sampled_from(TABLE_CHUNKS)) + line[cut:]
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_list(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_mutated_lists(text, encoding):
    data = text.encode(encoding, errors="replace")
    check(lint_bytes(data, "mutated.csv", linter=LINTER), _decoded(data))


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(st.sampled_from(TABLE_CHUNKS), st.integers(-10**9, 10**9),
                                   st.floats(allow_nan=True), st.booleans(),
                                   st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
                         max_size=14), max_size=6))
def test_arbitrary_workbooks(rows):
    import io

    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Hankkeet")
    sheet.append(LIST_LINES[0].split(","))
    for row in rows:
        sheet.append([v if not isinstance(v, str) else v.replace("\r", "") for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    check_workbook(lint_bytes(buffer.getvalue(), "fuzz.xlsx", linter=LINTER), len(rows) + 1)


def check_workbook(findings: list[Finding], rows: int | None = None) -> None:
    """A workbook's findings: each once, inside the sheet, messages filled in."""
    assert len(set(findings)) == len(findings)
    for f in findings:
        assert f.line >= 1 and f.column >= 1, f
        if rows is not None:
            assert f.line <= rows and f.column <= 14, f
        placeholders = template_fields(LINTER.rules[f.rule].message_in())
        assert f.message and not any("{" + name + "}" in f.message for name in placeholders)


# A quadratic pattern takes about an hour on a 1 MB line, a linear one well under a second; the
# timeout only has to tell the two apart on a loaded machine.
LONG_LINE_TIMEOUT = 300
# The child's address space: a linear run holds a batch of 16 documents with a 1 MB line each;
# a pattern or a copy gone wrong hits this limit (MemoryError) instead of the machine's memory.
LONG_LINE_MEMORY = 3 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LONG_LINE_MEMORY, LONG_LINE_MEMORY))


@pytest.mark.slow
def test_one_megabyte_lines_in_every_field_position_lint_in_linear_time():
    """1 MB runs of spaces, digits, dots and dashes in each field position (tests/long_lines.py),
    in a child process so that a pattern gone quadratic fails the test instead of hanging it, and
    one that allocates without bound fails it instead of exhausting the machine's memory."""
    try:
        result = subprocess.run([sys.executable, "-m", "tests.long_lines", " 1.-"], cwd=ROOT,
                                capture_output=True, text=True, timeout=LONG_LINE_TIMEOUT,
                                preexec_fn=_limit_memory if resource else None)
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        stuck = output.strip().rsplit("\n", 1)[-1]
        raise AssertionError(f"still linting after {LONG_LINE_TIMEOUT} s, at: {stuck}") from None
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.rstrip().endswith("linted 443 documents")


# -- configuration: whatever a file holds is refused at load or lints without an error ----------

_SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6)
            | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
            | st.sampled_from(["2020-02-30", "2014-01-01", "yesterday", "12.", "A7\\d{4}", "(",
                               "EAKR", "7.1", "Kyllä", "-1"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=6) | st.sampled_from(["EAKR", "ESR",
                                                                                "7.1", "7.2"]),
                                         inner, max_size=3), max_leaves=8)
_PARAMETERS = sorted((rule.id, name) for rule in LINTER.rules.values() for name in rule.params)
_TEXTS = [SEED_TEXTS[1], SEED_TEXTS[2]]


@st.composite
def _override(draw):
    rule_id, name = draw(st.sampled_from(_PARAMETERS))
    default = LINTER.rules[rule_id].params[name]
    if isinstance(default, list) and default and draw(st.booleans()):
        value = [*default[:-1], draw(_VALUES)]  # the default with one element wrong
    elif isinstance(default, dict) and default and draw(st.booleans()):
        value = {**default, draw(st.sampled_from(sorted(default))): draw(_VALUES)}
    else:
        value = draw(_VALUES)
    return rule_id, name, value


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_override())
def test_a_parameter_is_refused_at_load_or_lints_without_error(override):
    """Issue 12: values such as ``grace_days: .nan`` or ``answers: [1]`` were accepted at load and
    crashed at lint time; now each is a ConfigError naming file and key, or it works."""
    from eura_lint.config import ConfigError, parse
    from eura_lint.kinds import load_catalogue

    rule_id, name, value = override
    try:
        config = parse({"rules": {rule_id: {"params": {name: value}}}}, "cfg.yaml",
                       load_catalogue())
    except ConfigError as exc:
        assert str(exc).startswith(f"cfg.yaml: rules.{rule_id}.params")
        return
    linter = build_linter(select=[rule_id], overrides=config.rules,
                          context=Context(today=dt.date(2026, 11, 22)))
    for text in _TEXTS:
        check_with(linter, lint_text(text, "cfg.txt", linter=linter))


def check_with(linter, findings: list[Finding]) -> None:
    assert findings == sorted(findings)
    assert all(f.line >= 1 and f.column >= 1 and f.rule in linter.rules for f in findings)
