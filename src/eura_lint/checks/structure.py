"""EURA0xx: can the file be read, and is it a description with the sections it must have."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Record
from ..page import SECTION_TITLES
from ..registry import check


# Why a file could not be read, as decoding.py and the operating system word it -> the phrase
# of EURA001 that says it in the user's language (the values kept)
_UNREADABLE = (
    (re.compile(r"invalid (?P<encoding>\S+) at byte (?P<offset>\d+)"), "invalid-encoding"),
    (re.compile(r"binary data \(NUL byte at offset (?P<offset>\d+)\)"), "nul-byte"),
    (re.compile(r"binary data \(NUL character at offset (?P<offset>\d+)\)"), "nul-character"),
    (re.compile(r"neither UTF-8 nor Windows-1252 \(byte 0x(?P<byte>[0-9A-F]+) at offset "
                r"(?P<offset>\d+)\)"), "not-text"),
    (re.compile(r"No such file or directory"), "not-found"),
    (re.compile(r"Permission denied"), "permission"),
    (re.compile(r"Is a directory"), "directory"),
    (re.compile(r"format:(?P<format>[a-z-]+)"), "format"),
    (re.compile(r"not a readable (?P<kind>\S+) workbook \((?P<detail>.*)\)", re.DOTALL),
     "damaged-workbook"),
)
# What to do with a file of another format (decoding.file_format): EURA001's suggestion phrase
_FORMAT_SUGGESTIONS = {"encrypted": "remove-password", "workbook": "save-as-list",
                       "presentation": "save-as-text", "pdf": "save-as-text",
                       "word": "save-as-text", "opendocument-text": "save-as-text"}


@check("EURA001", always=True)
def unreadable_file(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.unreadable is not None:
        suggestion = None
        for pattern, key in _UNREADABLE:
            match = pattern.fullmatch(doc.unreadable)
            if match:
                values = match.groupdict()
                if key == "format":
                    found = values.pop("format")
                    values["what"] = rule.phrase(found)
                    suggestion = rule.phrase(_FORMAT_SUGGESTIONS.get(found, "save-as-text"))
                elif key == "damaged-workbook":
                    suggestion = rule.phrase("resave-workbook")
                reason = rule.phrase(key, **values)
                break
        else:  # another operating-system error: as the system words it
            reason = rule.phrase("other", reason=doc.unreadable)
        yield rule.finding(doc.path, 1, 1, reason=reason, suggestion=suggestion)
    for problem in doc.problems:
        if problem.kind == "undecodable":  # one line of a list, the other lines read
            yield rule.finding(doc.path, problem.line, problem.column, reason=rule.phrase(
                "line-not-text", line=problem.line, byte=problem.text, offset=problem.detail))


@check("EURA002", always=True)
def not_a_description(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.unreadable is None and not doc.looks_like_description:
        count = doc.line_count
        yield rule.finding(doc.path, 1, 1,
                           lines=rule.phrase("one-line" if count == 1 else "lines", count=count))


@check("EURA007")
def missing_fund_line(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.fund is None:
        first = min((line for _, line in doc.headers), default=1)
        yield rule.finding(doc.path, first, 1)


@check("EURA008")
def english_page(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    """Once per English page that has parts it could not read: which, at the fund line."""
    if doc.language == "en" and doc.unread:
        parts = ", ".join(f"{number} ({', '.join(labels)})" if labels else number
                          for number, labels in doc.unread.items())
        yield rule.finding(doc.path, doc.fund_line or 1, 1, parts=parts)


@check("EURA003")
def missing_section(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    # reported where the section should have begun: at the next section present, or at the last
    # line of a file that ends before it (a truncated file)
    order = list(SECTION_TITLES)
    for number in rule.params.get("sections", order):
        if number in doc.sections:
            continue
        later = [doc.sections[n].line for n in order[order.index(number) + 1:] if n in doc.sections]
        line = min(later) if later else max(doc.line_count, 1)
        title = SECTION_TITLES[number] or "(indicator)"
        yield rule.finding(doc.path, line, 1, section=number, title=title)


@check("EURA005")
def unparseable_number(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for problem in doc.problems:
        if problem.kind == "number":
            if problem.detail == "spreadsheet-error":
                yield rule.finding(doc.path, problem.line, problem.column, text=problem.text,
                                   problem=rule.phrase("spreadsheet-error"),
                                   suggestion=rule.phrase("fix-formula"))
            else:
                text = problem.text.strip()
                # (a cell of 400 digits is named by its start)
                text = text if len(text) <= 60 else f"{text[:57]}..."
                yield rule.finding(doc.path, problem.line, problem.column, text=text,
                                   problem=rule.phrase("not-a-number"))
