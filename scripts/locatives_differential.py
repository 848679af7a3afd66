"""EURA309's search for region locatives and its judgement of a claim, today's against the frozen
ones of commit 14d91f8 (tests/reference_locatives.py, tests/reference_claims.py): the same
locatives at the same places (line, start, end, the word and its form without a clitic), and for
each the same judgement, in a section about target groups and in the summary.

    python scripts/locatives_differential.py                          # seeds, 20,000 mutated texts
    python scripts/locatives_differential.py CORPUS_DIR --mutations 100000 --seed 7

Inputs: the lines of sections 3, 4.1 and 4.2 of every description given (folders walked for
``*.txt``) and of the seeds, and every line of the seed files; then ``--mutations`` texts of a
few lines each, made of pieces that a locative's edges are made of: the forms, capitalised, in
capitals and in mixed case, their parts, each dash and near-dashes (U+2015, U+2212), clitics in
any case (and with the Kelvin sign, which case-insensitive matching takes for a "k"), letters,
digits, underscores, colons and apostrophes glued on either side, spaces, no-break spaces,
combining marks, quotation marks, sentence ends and words of the claims' judgement: a third
glued together, a third as words of sentences, a third spliced into seed lines.
Prints the counts as JSON; exits 1 at the first difference, with the lines written to ``--keep``
(JSON) for a test case.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import reference_claims, reference_locatives  # noqa: E402

from eura_lint.checks import claims, geography  # noqa: E402
from eura_lint.engine import read_document  # noqa: E402
from eura_lint.model import TextLine  # noqa: E402
from eura_lint.reference import get_reference  # noqa: E402

SEEDS = ROOT / "seeds"
SECTIONS = ("3", "4.1", "4.2")
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"]
CLITICS = ["kin", "KIN", "Kin", "kIN", "kaan", "KAAN", "kään", "KÄÄN", "Kään", "han", "HAN",
           "hän", "HÄN", "pa", "PA", "pä", "PÄ", "Pä", "\u212ain", "\u212aÄÄN", "ka", "k", "kinkin"]
GLUE = ["x", "X", "ä", "Ä", "1", "_", ":", "'", "’", "-", "\u2013", "\u0308", "\u00b2", "Ω",
        "ß", "İ", "ı", "ſ", "ﬀ", "Ｋ", "\u00a0", " ", "  ", "\t", "\u2028", "\r", "\n", ",", ".",
        "(", ")", '"', "”", "“", "«", "»", "„", "‘", "%", "/", "\u200b", "\ufeff", "\U0001f600"]
WORDS = ["Hanke", "toimii", "toteutetaan", "ja", "sekä", "tai", "kuin", "niin", "toisin",
         "verrattuna", "kun", "taas", "kuten", "samoin", "myös", "esim.", "mm.", "joka", "jossa",
         "toimivat", "toimivia", "sijaitseva", "toteutetun", "järjestettävät", "yritykset",
         "kohderyhmänä", "ovat", "on", "yhteistyökumppani", "hankkeen", "-hanke", "Osaava-hanke",
         "pääkonttori", "sijaitsee", "korkeampi", "7 %", "Pohjois-Karjalan", "liitto", "ry",
         "Lapin", "Suomessa", "Itä-Suomen", "Etelä", "Keski", "Uusimaa", "2016–2018", "!", "?",
         "…", ";", ":", ", joka", ". ", "\n", "Kainuussa", "Lapissa", "Uudellamaalla",
         "Etelä-Savossa", "Pohjois-Pohjanmaalla", "Kainuussa,", "Lapissa.", "(Kainuussa)",
         "Kainuussakin", "toimivat", "kehittää", "vertailtuna", "esim", "1.", "verrattuna",
         "tilanne", "parempi", "rahoittama", "Osaajia", '"Kasvua', 'Kainuussa"', "”Nuoret",
         "Lapissa”", "-hankkeen", "–hanke", "tutustutaan", "toteutettiin", "kotipaikka",
         "kumppanina", "osallistujat", "jotka", "mutta", "kuin", "myös", "ennen", "vastaava",
         "osuus", "12", "%", "prosenttia", "X:n", "Hankkeen", "sijaitsevan", "järjestämät"]


def forms() -> list[str]:
    return sorted(get_reference().locatives)


def pieces(rng: random.Random) -> list[str]:
    """The pieces the mutated texts are made of (the forms in many spellings, and their edges)."""
    found = []
    for form in forms():
        found += [form, form.upper(), form.lower(), form[0] + form[1:].upper(), form.swapcase(),
                  form[1:], form[:-1], form.split("-")[-1], form.split("-")[0]]
        if "-" in form:
            found += [form.replace("-", dash) for dash in DASHES]
            found.append(form.upper().replace("-", rng.choice(DASHES)))
        found += [form + clitic for clitic in rng.sample(CLITICS, 4)]
    return found + CLITICS + GLUE + WORDS


def section_lines(path: Path) -> list[str]:
    doc = read_document(str(path))
    return [line.text for number in SECTIONS if number in doc.sections
            for line in doc.sections[number].text]


def mutated(rng: random.Random, parts: Sequence[str], seed_lines: Sequence[str]) -> list[str]:
    """A few lines: seed lines cut and spliced with pieces, sentences of the judgement's words and
    locatives, or random pieces glued together."""
    lines = []
    for _ in range(rng.randint(1, 5)):
        kind = rng.random()
        if kind < 0.35:
            words = [rng.choice(WORDS if rng.random() < 0.7 else parts)
                     for _ in range(rng.randint(2, 24))]
            line = " ".join(words)
        elif seed_lines and kind < 0.7:
            line = rng.choice(seed_lines)
            for _ in range(rng.randint(1, 4)):
                at = rng.randint(0, len(line))
                cut = rng.randint(0, min(8, len(line) - at))
                line = line[:at] + rng.choice(parts) + line[at + cut:]
        else:
            line = "".join(rng.choice(parts) for _ in range(rng.randint(0, 14)))
        lines.append(line)
    return lines


def compare(texts: Sequence[str]) -> str | None:
    """Where today's search or judgement differs from the frozen one for these lines, or None."""
    ref = get_reference()
    lines = [TextLine(text, number) for number, text in enumerate(texts, 1)]
    expected = [(index, m.start(), m.end(), m[0], m[1])
                for index, m in reference_locatives._locatives(lines, ref)]
    got = [tuple(found) for found in geography._locatives(lines, ref)]
    if got != expected:
        return f"locatives: {got} != {expected}"
    for index, start, end, _, _ in expected:
        text = texts[index]
        for target_section in (False, True):
            before = reference_claims.is_claim(
                text, start, end, lambda word: reference_locatives.is_locative(ref, word),
                target_section)
            now = claims.is_claim(text, start, end, geography._is_locative, target_section)
            if before != now:
                return f"claim at {index}:{start} ({target_section}): {now} != {before}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--mutations", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=309)
    parser.add_argument("--keep", type=Path, default=Path("locatives-difference.json"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    files = sorted(SEEDS.glob("*.txt"))
    for path in args.paths:
        files += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    inputs: list[list[str]] = [section_lines(path) for path in files]
    seed_lines = [line for path in sorted(SEEDS.glob("*.txt"))
                  for line in path.read_text("utf-8").splitlines()]
    inputs += [seed_lines[at:at + 40] for at in range(0, len(seed_lines), 40)]
    parts = pieces(rng)
    counts = {"texts": 0, "locatives": 0}
    for number in range(len(inputs) + args.mutations):
        texts = inputs[number] if number < len(inputs) else mutated(rng, parts, seed_lines)
        difference = compare(texts)
        if difference:
            args.keep.write_text(json.dumps(texts, ensure_ascii=False), "utf-8")
            print(f"difference ({args.keep}): {difference}", file=sys.stderr)
            return 1
        counts["texts"] += 1
        counts["locatives"] += len(reference_locatives._locatives(
            [TextLine(text, 1) for text in texts], get_reference()))
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
