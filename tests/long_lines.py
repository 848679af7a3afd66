"""Lint descriptions with a 1 MB run of one character in each field position (the guard of
tests/test_robustness.py runs this in a child process, under a timeout).

A position is every distinct kind of line of two seeds: each field label, each section header, the
fund line, an 8.2 score row, a co-implementer line and the first paragraph of each free-text
section. The run goes after the value's first token, and before the line's last token.
A pattern that takes time square in the length of a run would take hours here, not seconds.

    python -m tests.long_lines " 1.-"     (prints each position as it is linted)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from eura_lint.context import Context
from eura_lint.engine import build_linter
from eura_lint.readers.description import parse

from .helpers import EXAMPLE_TODAY, seed_path

RUN_LENGTH = 1 << 20  # 1 MB
BATCH = 16  # documents validated together (each holds a 1 MB line)


def positions() -> Iterator[tuple[str, list[str], int]]:
    """(what, the seed's lines, line index) for each kind of line."""
    seen: set[str] = set()
    for prefix in ("001", "002"):
        text = seed_path(prefix).read_text(encoding="utf-8")
        lines = text.split("\n")
        doc = parse(text)
        kinds = {line - 1: f"header {number}" for number, line in doc.headers}
        kinds[doc.fund_line - 1] = "fund line"
        for co in doc.co_implementers:
            kinds[co.line - 1] = "co-implementer"
        for score in doc.scores:
            kinds[score.line - 1] = "8.2 score row"
        for section in doc.sections.values():
            for field in section.fields:
                kinds[field.line - 1] = f"field {field.label}"
            if section.text and not section.fields:
                kinds.setdefault(section.text[0].line - 1, f"text of {section.number}")
        for indicator in doc.indicators:
            for value in (indicator.planned, indicator.realised):
                if value is not None:
                    kinds[value.line - 1] = f"indicator {lines[value.line - 1].split(':')[0]}"
        for answer in doc.answers:
            kinds[answer.line - 1] = f"8.1 answer {answer.question[:20]}"
        for index, kind in sorted(kinds.items()):
            if kind in seen:
                continue
            seen.add(kind)
            yield kind, lines, index


def documents(fill: str) -> Iterator[tuple[str, str]]:
    run = fill * RUN_LENGTH
    for kind, lines, index in positions():
        line = lines[index].rstrip()
        if kind.startswith("text of"):
            # a region's locative outside the target area: EURA309 reads the sentence around it
            line = f"Kainuussa {line}"
        colon = line.find(":")
        value_at = colon + 1 if ":" in line[:-1] else 0
        value = line[value_at:]
        first = value.lstrip()
        first_end = len(line) - len(first) + len(first.split(None, 1)[0])
        last_at = len(line) - len(line.rsplit(None, 1)[-1])
        # after the value's first token, the rest replaced by one character, so that the line
        # cannot be read ("Alkaa<run>x", "130<run>x": a pattern backtracks the most when it
        # fails); and before the line's last token, the line kept whole (between the two scores
        # of a row, before a business ID, the period's end date, the last place of a list)
        for at, changed_line in ((first_end, line[:first_end] + run + "x"),
                                 (last_at, line[:last_at] + run + line[last_at:])):
            changed = list(lines)
            changed[index] = changed_line
            yield f"{kind} at column {at + 1}", "\n".join(changed)


# Shapes that EURA309's sentence reading met in a paragraph after a locative: runs of one kind of
# quotation mark, of words that name a seat and a party, of sentence ends
PARAGRAPH_RUNS = ("„", "sijaitsee kumppani ", ". ")


def paragraph_documents() -> Iterator[tuple[str, str]]:
    for kind, lines, index in positions():
        if kind == "text of 3":
            for run in PARAGRAPH_RUNS:
                changed = list(lines)
                changed[index] = "Kainuussa " + run * (RUN_LENGTH // len(run)) + "x"
                yield f"paragraph of {run!r}", "\n".join(changed)
            return


def main(fills: str) -> int:
    linter = build_linter(context=Context(today=EXAMPLE_TODAY))
    results = []
    count = 0
    for fill in fills:
        for what, text in (*documents(fill), *(paragraph_documents() if fill == fills[0] else ())):
            print(f"{fill!r} {what}", flush=True)
            results.append(linter.lint_document(parse(text, "long.txt")))
            count += 1
            if len(results) == BATCH:
                linter.finish(results)  # the table rules (patterns) see the long values too
                results = []
    linter.finish(results)
    print(f"linted {count} documents", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
