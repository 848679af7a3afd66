""""Did you mean …?" for misspelt rule ids, rule names and configuration keys."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 75) -> str | None:
    """The choice most like ``word`` (case aside), if one is close enough to be a typo."""
    from rapidfuzz import fuzz, process, utils

    found = process.extractOne(word, list(choices), scorer=fuzz.ratio,
                               processor=utils.default_process, score_cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'severity'?)`` or nothing."""
    match = closest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""
