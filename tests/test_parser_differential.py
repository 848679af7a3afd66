"""Today's description reader reads every input exactly as the frozen reader of commit 3d19bdd
(tests/reference_description.py) did: the same record, types and positions included, and the same
decoding. A short run of scripts/parse_differential.py; its long run (the 10,000-description
corpus and tens of thousands of mutations) is the script's own."""

from __future__ import annotations

import random
import sys

import pytest

from .helpers import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "scripts"))
try:
    import parse_differential as differential
finally:
    sys.path.remove(str(ROOT / "scripts"))


def test_the_comparison_sees_a_difference():
    from eura_lint.model import Number

    assert differential.same(Number(1.0, "1", 2, 3), Number(1.0, "1", 2, 3)) is None
    assert differential.same(Number(1.0, "1", 2, 3), Number(1, "1", 2, 3))  # int, not float
    assert differential.same(Number(1.0, "1", 2, 3), Number(1.0, "1", 2, 4))
    assert differential.same([Number(1.0, "1", 2, 3)], (Number(1.0, "1", 2, 3),))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_read_as_before(path):
    assert differential.compare_bytes(path.read_bytes()) is None


@pytest.mark.parametrize("text", [
    "",
    "\ufeff",
    "\n\n\n",
    "1 Hanke\nHankekoodi: A1\n",
    "1 Hanke\r\nHankekoodi:\u00a0A1 \r\nHankkeen nimi:\r\n",
    "1 Hanke\rHankekoodi:A1\r\r2 Hakijan perustiedot\rOsatoteuttajat::\rNimi, 1234567-8\r",
    "  1\u00a0Hanke\u2003\nHankekoodi : A1\n1 Hanke\nHankekoodi: B2\n",
    "6 Maantieteellinen kohdealue\nKunnat: -\nToteutuspaikan osoite, jos hanke toteutetaan "
    "yhdessä paikassa:\nJakeluosoite: Katu 1\nPostinumero:\n",
    "8.2 Kestävä kehitys\nKulttuuriympäristö 0 0\nVälitönVälillinen\nEkologinen kestävyys\n"
    "Kulttuuriympäristö 0 0\nKulttuuriympäristö  1 x\nKulttuuriympäristö 5\n"
    "kulttuuriympäristö 3 3\nKulttuuriympäristö 3 3 \n",
    "2 Hakijan perustiedot\nOsatoteuttajat\nPitkä nimi\njatkuu Oy, 1234567-8\nNimi\n"
    "Y-tunnus: 1\nx" + "y" * 130 + ": z\n:alku\n\u2028Hankekoodi: A\n",
])
def test_edge_cases_read_as_before(text):
    assert differential.compare_text(text) is None


def test_mutated_descriptions_read_as_before():
    """Some hundreds of mutated seeds, byte and text mutations alike (a few seconds)."""
    rng = random.Random(2212)
    seeds = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]
    for number in range(600):
        data = rng.choice(seeds)
        if number % 2:
            mutated = differential.mutate(data, rng)
            assert differential.compare_bytes(mutated) is None, mutated
        else:
            text = differential.mutate_text(data.decode("utf-8"), rng)
            assert differential.compare_text(text) is None, text
