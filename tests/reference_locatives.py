"""EURA309's search for region locatives (``checks/geography._locatives``) and its judgement of
a claim (``checks/claims.is_claim``) as they were at commit 14d91f8, frozen: the reference that
tests/test_locatives_differential.py compares today's with (the same locatives, at the same
places, and the same judgements, for every text). Do not edit.

``_locatives`` and the patterns it uses are copied from ``checks/geography.py`` of that commit;
``is_claim`` is that commit's ``checks/claims.py`` as a whole, imported as ``claims`` below."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Sequence

from eura_lint.model import TextLine
from eura_lint.reference import Reference

from . import reference_claims as claims

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014"


@functools.cache
def _locative_pattern(ref: Reference) -> re.Pattern[str]:
    forms = sorted(ref.locatives, key=len, reverse=True)
    alternatives = [re.escape(form).replace("\\-", f"[{_DASH}]")
                    for form in (*forms, *(form.upper() for form in forms))]
    return re.compile(rf"({'|'.join(alternatives)}){claims.CLITICS}?(?![\w{_DASH}])")


_INSIDE_WORD = re.compile(rf"[\w{_DASH}]")


@functools.cache
def _locative_patterns_by_initial(ref: Reference) -> tuple[re.Pattern[str], ...]:
    forms = sorted(ref.locatives, key=len, reverse=True)
    by_initial: dict[str, list[str]] = {}
    for form in (*forms, *(form.upper() for form in forms)):
        by_initial.setdefault(form[0], []).append(re.escape(form).replace("\\-", f"[{_DASH}]"))
    return tuple(re.compile(rf"({'|'.join(alternatives)}){claims.CLITICS}?(?![\w{_DASH}])")
                 for alternatives in by_initial.values())


def _locatives(lines: Sequence[TextLine], ref: Reference) -> list[tuple[int, re.Match[str]]]:
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    found = [match for pattern in _locative_patterns_by_initial(ref)
             for match in pattern.finditer(joined)
             if not (match.start() and _INSIDE_WORD.match(joined, match.start() - 1))]
    if not found:
        return []
    found.sort(key=_start)
    ends = list(itertools.accumulate(len(text) + 1 for text in texts))  # each line's end, +1
    pattern = _locative_pattern(ref)
    located = []
    for each in found:
        start = each.start()
        index = bisect.bisect_right(ends, start)
        offset = ends[index - 1] if index else 0
        match = pattern.match(texts[index], start - offset)
        if match is None:  # (cannot be: the same text around it)
            raise AssertionError(f"a locative of the joined lines is not in its line: {each[0]!r}")
        located.append((index, match))
    return located


_start = operator.methodcaller("start")


def is_locative(ref: Reference, word: str) -> bool:
    return _locative_pattern(ref).fullmatch(word) is not None
