"""Generate a reproducible benchmark corpus of N descriptions from ``seeds/*.txt``.

    python benchmarks/make_corpus.py 10000            # -> benchmarks/corpus/10000/
    python benchmarks/make_corpus.py 1000 --out /tmp/c --seed 7

Each document is one of the seeds with its varying parts rewritten by a seeded RNG, so the same
``N`` and ``--seed`` always give byte-identical files:

* project code: the seed's fund letter (``A``/``S``) with another five digits;
* the four funding amounts of section 5, scaled together (their order relations are kept);
* the period, shifted by whole months so that it stays within 2015..2023, an ended status
  turned to ``Toiminnassa`` when the new end falls in 2023;
* section 6: the seed's own regions, sub-regions and municipalities, shuffled (never a name
  the seed does not hold);
* indicator and principle-score values left as in the seed.

About one document in eight gets one injected defect (realised > granted, a misspelt
municipality, an impossible date, an unreadable amount, a bad project code, a score out of
range, an emptied summary). About 2 % are written as Windows-1252, 3 % with CRLF line endings
and 2 % with a UTF-8 BOM. Files go to ``NNN/NNNNNN_<seed>.txt`` sub-folders of 1,000 files.
A ``MANIFEST.json`` records N, the RNG seed and a SHA-256 of every byte written; the corpus is
complete when it exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEFAULT_OUT = ROOT / "benchmarks" / "corpus"
FORMAT_VERSION = 1

AMOUNT_LABELS = (
    "Myönnetty EU- ja valtion rahoitus",
    "Toteutunut EU- ja valtion rahoitus",
    "Suunniteltu julkinen rahoitus yhteensä",
    "Toteutunut julkinen rahoitus yhteensä",
)
PERIOD_RE = re.compile(r"^(Suunnitelman mukainen toteutusaika: Alkaa )(\S+)( ja päättyy )(\S+)$",
                       re.MULTILINE)
CODE_RE = re.compile(r"^(Hankekoodi: )([AS])(\d{5})$", re.MULTILINE)
STATUS_RE = re.compile(r"^(Toiminnan tila: )(.*)$", re.MULTILINE)
LIST_RE = re.compile(r"^((?:Maakunnat|Seutukunnat|Kunnat): )(.+)$", re.MULTILINE)
SCORE_RE = re.compile(r"^(Hyvinvoinnin edistäminen )(\d+) (\d+)$", re.MULTILINE)
SUMMARY_RE = re.compile(r"(^3 Suunnitelman mukainen tiivistelmä toteutuksesta\n)(.*?)(?=^4 Hankkeen)",
                        re.MULTILINE | re.DOTALL)

DEFECTS = ("realised-exceeds-granted", "misspelt-municipality", "impossible-date",
           "unreadable-amount", "bad-project-code", "score-out-of-range", "empty-summary")


@dataclass(frozen=True)
class Seed:
    name: str  # e.g. "002"
    text: str


def load_seeds() -> list[Seed]:
    seeds = [Seed(p.name.split("_", 1)[0], p.read_text(encoding="utf-8"))
             for p in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        sys.exit(f"no seeds in {SEEDS}")
    return seeds


def fmt_amount(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _date(day: int, month: int, year: int) -> str:
    return f"{day}.{month}.{year}"


def _shift(raw: str, months: int) -> tuple[int, int, int]:
    day, month, year = (int(p) for p in raw.split("."))
    index = year * 12 + (month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return min(day, last), month, year


def vary(seed: Seed, rng: random.Random) -> str:
    text = seed.text

    # project code: same fund letter, another number
    text = CODE_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)[0]}"
                       f"{rng.randrange(10000):04d}", text, count=1)

    # section 5: scale all four amounts by one factor (keeps realised <= granted etc.)
    factor = rng.uniform(0.3, 3.0)
    for label in AMOUNT_LABELS:
        pattern = re.compile(rf"^({re.escape(label)}: )([\d ]+)$", re.MULTILINE)
        text = pattern.sub(lambda m: m.group(1) + fmt_amount(
            round(int(m.group(2).replace(" ", "")) * factor)), text, count=1)

    # the period, shifted inside 2015..2022, with a status that agrees with it
    match = PERIOD_RE.search(text)
    if match:
        start, end = match.group(2), match.group(4)
        start_year, end_year = int(start.rsplit(".", 1)[1]), int(end.rsplit(".", 1)[1])
        # REACT-EU objectives (12.x) start no earlier than 2.2020, the rest no earlier than 2015
        react = re.search(r"^Erityistavoite: 12\.", text, re.MULTILINE) is not None
        start_month = int(start.split(".")[1])
        low = ((2020 - start_year) * 12 + 2 - start_month) if react else (2015 - start_year) * 12
        high = (2022 - end_year) * 12 + 11
        months = rng.randint(low, high) if low <= high else 0
        s, e = _shift(start, months), _shift(end, months)
        text = (text[:match.start()] + match.group(1) + _date(*s) + match.group(3) + _date(*e)
                + text[match.end():])
        text = STATUS_RE.sub(lambda m: m.group(1) + _current_status(m.group(2), e), text,
                             count=1)

    # section 6: the seed's own names, shuffled
    def shuffled(m: re.Match) -> str:
        names = [n.strip() for n in m.group(2).split(",")]
        rng.shuffle(names)
        return m.group(1) + ", ".join(names)

    return LIST_RE.sub(shuffled, text)


def _current_status(status: str, end: tuple[int, int, int]) -> str:
    """Keep the seed's status unless the new end date contradicts it."""
    if status == "Toiminta päättynyt" and end[2] >= 2023:
        return "Toiminnassa"
    return status


def inject(text: str, defect: str, rng: random.Random) -> str:
    if defect == "realised-exceeds-granted":
        granted = re.search(rf"^{AMOUNT_LABELS[0]}: ([\d ]+)$", text, re.MULTILINE)
        if granted:
            value = int(granted.group(1).replace(" ", ""))
            bigger = fmt_amount(value + rng.randint(1, max(2, value // 5)))
            text = re.sub(rf"^({AMOUNT_LABELS[1]}: )[\d ]+$", lambda m: m.group(1) + bigger,
                          text, count=1, flags=re.MULTILINE)
    elif defect == "misspelt-municipality":
        def misspell(m: re.Match) -> str:
            names = [n.strip() for n in m.group(2).split(",")]
            i = rng.randrange(len(names))
            name = names[i]
            if len(name) > 3:
                j = rng.randrange(1, len(name) - 1)
                name = name[:j] + name[j + 1] + name[j] + name[j + 2:]  # swap two letters
            names[i] = name
            return m.group(1) + ", ".join(names)

        text = re.sub(r"^(Kunnat: )(.+)$", misspell, text, count=1, flags=re.MULTILINE)
    elif defect == "impossible-date":
        text = PERIOD_RE.sub(lambda m: m.group(1) + "30.2." + m.group(2).rsplit(".", 1)[1]
                             + m.group(3) + m.group(4), text, count=1)
    elif defect == "unreadable-amount":
        text = re.sub(rf"^({AMOUNT_LABELS[2]}: )([\d ]+)$",
                      lambda m: m.group(1) + m.group(2).replace(" ", ".", 1) + " e",
                      text, count=1, flags=re.MULTILINE)
    elif defect == "bad-project-code":
        text = CODE_RE.sub(lambda m: m.group(1) + m.group(2) + m.group(3)[:4], text, count=1)
    elif defect == "score-out-of-range":
        text = SCORE_RE.sub(lambda m: f"{m.group(1)}{m.group(2)} 12", text, count=1)
    elif defect == "empty-summary":
        text = SUMMARY_RE.sub(lambda m: m.group(1) + "\n-\n\n", text, count=1)
    return text


def encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    roll = rng.random()
    if roll < 0.03:
        text = text.replace("\n", "\r\n")
        variant = "crlf"
    else:
        variant = "lf"
    roll = rng.random()
    if roll < 0.02:
        try:
            return text.encode("cp1252"), variant + "+cp1252"
        except UnicodeEncodeError:
            pass  # a seed with a character Windows-1252 lacks stays UTF-8
    if roll > 0.98:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), variant + "+bom"
    return text.encode("utf-8"), variant


def build(n: int, out: Path, seed: int = 2014) -> dict:
    seeds = load_seeds()
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    total = 0
    for i in range(n):
        base = seeds[rng.randrange(len(seeds))]
        text = vary(base, rng)
        if rng.random() < 0.125:
            defect = DEFECTS[rng.randrange(len(DEFECTS))]
            text = inject(text, defect, rng)
            counts[defect] = counts.get(defect, 0) + 1
        data, variant = encode(text, rng)
        counts[variant] = counts.get(variant, 0) + 1
        folder = out / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir()
        (folder / f"{i:06d}_{base.name}.txt").write_bytes(data)
        digest.update(data)
        total += len(data)
    manifest = {"format": FORMAT_VERSION, "n": n, "seed": seed, "bytes": total,
                "sha256": digest.hexdigest(), "counts": dict(sorted(counts.items()))}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def ensure(n: int, out: Path | None = None, seed: int = 2014) -> Path:
    """The corpus folder for ``n``, built unless a complete one with the same parameters exists."""
    folder = out or DEFAULT_OUT / str(n)
    manifest = folder / "MANIFEST.json"
    if manifest.exists():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if (found.get("format"), found.get("n"), found.get("seed")) == (FORMAT_VERSION, n, seed):
            return folder
    build(n, folder, seed)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("--out", type=Path, help="folder (default: benchmarks/corpus/N)")
    parser.add_argument("--seed", type=int, default=2014, help="RNG seed (default: 2014)")
    parser.add_argument("--force", action="store_true", help="rebuild even if complete")
    args = parser.parse_args()
    out = args.out or DEFAULT_OUT / str(args.n)
    if args.force or not (out / "MANIFEST.json").exists():
        manifest = build(args.n, out, args.seed)
    else:
        ensure(args.n, out, args.seed)
        manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    print(f"{out}: {manifest['n']} documents, {manifest['bytes'] / 1e6:.1f} MB, "
          f"sha256 {manifest['sha256'][:16]}; {manifest['counts']}")


if __name__ == "__main__":
    main()
