"""EURA309's search for region locatives and its judgement of a claim find and judge, for every
text, what the frozen ones of commit 14d91f8 did (tests/reference_locatives.py): a short run of
scripts/locatives_differential.py (its long run, over a corpus and a hundred thousand mutated
texts, is the script's own), and the proof that the comparison sees a planted difference."""

from __future__ import annotations

import random
import re
import sys

import pytest

from eura_lint.checks import claims, geography
from eura_lint.reference import get_reference

from .helpers import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "scripts"))
try:
    import locatives_differential as differential
finally:
    sys.path.remove(str(ROOT / "scripts"))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_sections_as_before(path):
    assert differential.compare(differential.section_lines(path)) is None


@pytest.mark.parametrize("texts", [
    [""],
    ["Kainuussa", "KAINUUSSA", "Kainuussakin Kainuussa\u212aIN", "xKainuussa Kainuussax"],
    ["Pohjois-Pohjanmaalla Pohjois\u2013Pohjanmaalla Pohjois\u2015Pohjanmaalla "
     "Pohjois”Pohjanmaalla", "Etelä-Pohjanmaalla-hanke, (Pohjanmaalla) Etelä-POHJANMAALLA"],
    ["Lapissa\u0308 Lapissa² Lapissa_ _Lapissa 1Lapissa Lapissa1 Lapissa: :Lapissa 'Lapissa'"],
    ["KainuussaKainuussa LapissaLapissa Kainuussa\nKainuussa", "Kainuussa"],
    ["Hanke toimii Lapissa ja Kainuussa, kun taas Uudellamaalla \"Kasvua Kainuussa\" -hanke."],
])
def test_edge_cases_as_before(texts):
    assert differential.compare(texts) is None


def test_mutated_texts_as_before():
    """Some thousands of mutated texts (a few seconds)."""
    assert differential.main(["--mutations", "4000", "--seed", "22"]) == 0


def _differences(count: int) -> int:
    rng = random.Random(5)
    parts = differential.pieces(rng)
    seed_lines = [line for path in sorted(SEEDS.glob("*.txt"))
                  for line in path.read_text("utf-8").splitlines()]
    return sum(differential.compare(differential.mutated(rng, parts, seed_lines)) is not None
               for _ in range(count))


def test_the_comparison_sees_a_planted_bug_in_the_judgement(monkeypatch):
    """A judgement that misses a clause's end at a semicolon, or a title (``Kainuussa
    -hanke``), is caught."""
    assert _differences(300) == 0
    monkeypatch.setattr(claims, "_CLAUSE_BREAK", re.compile(claims._CLAUSE_BREAK.pattern.replace(
        "[;:,]", "[:,]", 1), re.IGNORECASE))
    assert _differences(300) > 0
    monkeypatch.undo()
    monkeypatch.setattr(claims, "_TITLE_DASH", re.compile("(?!)"))
    assert _differences(300) > 0


def test_the_comparison_sees_a_planted_bug(monkeypatch):
    """A search that forgets that a locative must start a word (the look-behind of each
    letter's pattern), or that a clitic may be written in capitals, is caught."""
    patterns = geography._locative_patterns_by_initial(get_reference())
    glued = {letter: re.compile(pattern.pattern.replace("(?<!", "(?<!Q", 1))
             for letter, pattern in patterns.items()}
    monkeypatch.setattr(geography, "_locative_patterns_by_initial", lambda ref: glued)
    assert _differences(300) > 0
    cased = {letter: re.compile(pattern.pattern.replace("(?i:", "(?:"))
             for letter, pattern in patterns.items()}
    monkeypatch.setattr(geography, "_locative_patterns_by_initial", lambda ref: cased)
    assert _differences(300) > 0
    monkeypatch.setattr(geography, "_locative_patterns_by_initial", lambda ref: patterns)
    assert _differences(300) == 0
