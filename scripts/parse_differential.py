"""Today's description reader against the frozen one of commit 3d19bdd: every input decoded and
parsed by both, and the results compared whole (types, values, positions, the decoded lines).

    python scripts/parse_differential.py                          # seeds, mutated 2,000 times
    python scripts/parse_differential.py CORPUS_DIR --mutations 20000 --seed 7

Inputs: every file given (folders walked for ``*.txt``) and the seeds, each as it is; then
``--mutations`` mutated descriptions made from them, half by the byte mutations of
``scripts/fuzz_lists.py`` (flipped bytes, tokens, lines repeated, dropped, shuffled, the end cut
off) and half by text mutations aimed at the parser (headers indented or spaced with no-break
spaces, stray colons, CR and CRLF line ends, a BOM, U+2028, U+0085, U+2003 and other whitespace,
emptied and repeated sections, an English fund line, co-implementer and 8.2 rows, truncation,
binary junk). The decoder is compared too (its text, encoding and line ending, or its error).
Prints the counts as JSON; exits 1 at the first difference, with the input written to
``--keep`` (a file) for a test case.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fuzz_lists import mutate  # noqa: E402
from tests import reference_description as reference  # noqa: E402

from eura_lint.page import (  # noqa: E402
    FIELD_LABELS_EN, FIELDS, FUND_LINES_EN, SCORE_CATEGORIES, SCORE_ITEMS, SECTION_TITLES)
from eura_lint.readers import decoding, description  # noqa: E402

SEEDS = ROOT / "seeds"
# Characters that are whitespace to str.split and \s but break no line for the reader
ODD_SPACES = ["\u00a0", "\u202f", "\u2003", "\u3000", "\u2028", "\u2029", "\u0085", "\x0b",
              "\x0c", "\x1c", "\x1f", "\t", " ", "  ", "\ufeff", "\u200b"]
JUNK = ["\x00", "\ufffd", "\x7f", "ä", "€", "١", "²", "\U0001f600", ":", "::", ",", ", ", "-",
        "\r", "\n", "\r\n", "\n\n", "0", "9" * 30, "1 234 567,50", "31.2.2015", "1.1.2020"]


def same(a: object, b: object, where: str = "doc") -> str | None:
    """Where ``a`` and ``b`` differ (in type or value, recursively), or None when they do not."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for field in dataclasses.fields(a):
            found = same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
            if found:
                return found
        return None
    if isinstance(a, (tuple, list)):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for index, (x, y) in enumerate(zip(a, b)):
            found = same(x, y, f"{where}[{index}]")
            if found:
                return found
        return None
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys {list(a)} != {list(b)}"
        for key in a:
            found = same(a[key], b[key], f"{where}[{key!r}]")
            if found:
                return found
        return None
    if a != b and not (a != a and b != b):  # NaN equals NaN here
        return f"{where}: {a!r} != {b!r}"
    return None


def decoded_or_error(decode, data: bytes) -> tuple:
    try:
        found = decode(data)
    except decoding.UndecodableError as exc:
        return ("error", str(exc))
    return ("text", found.text, found.encoding, found.newline)


def compare_bytes(data: bytes, path: str = "doc.txt") -> str | None:
    old = decoded_or_error(reference.decode, data)
    new = decoded_or_error(decoding.decode, data)
    if old != new:
        return f"decode: {old[:1] + old[2:]} != {new[:1] + new[2:]}"
    if old[0] == "error":
        return None
    return compare_text(old[1], path, old[2])


def compare_text(text: str, path: str = "doc.txt", encoding: str = "utf-8") -> str | None:
    return same(reference.parse(text, path, encoding), description.parse(text, path, encoding))


# Text mutations aimed at what the parser decides: where headers, fields, blocks and rows are.

def _lines_at(lines: list[str], rng: random.Random, test) -> int | None:
    found = [i for i, line in enumerate(lines) if test(line)]
    return rng.choice(found) if found else None


def _is_header(line: str) -> bool:
    return line[:1].isdigit() and " " in line[:5]


def m_header_space(lines, rng):
    i = _lines_at(lines, rng, _is_header)
    if i is not None:
        number, _, title = lines[i].partition(" ")
        number += rng.choice(["", ".", "..", ":"])
        lines[i] = (rng.choice(ODD_SPACES + ["", "   "]) + number + rng.choice(ODD_SPACES)
                    + rng.choice([title, title.upper(), title.replace(" ", "  "), title + " ",
                                  title + ":", title[:-1], " " + title]))


def m_colon(lines, rng):
    i = rng.randrange(len(lines)) if lines else None
    if i is not None:
        line = lines[i]
        at = rng.randrange(len(line) + 1)
        lines[i] = line[:at] + rng.choice([":", ": ", " :", "::", ":\u00a0", ":\t"]) + line[at:]


def m_label(lines, rng):
    """A field line's label, colon or value changed."""
    i = _lines_at(lines, rng, lambda line: ":" in line and len(line) < 400)
    if i is not None:
        label, _, value = lines[i].partition(":")
        label = rng.choice([label, label.upper(), " " + label, label + " ", label.replace(" ", "  "),
                            label + "\u00a0", "x" * 121, "x" * 120, "", label[:-1]])
        value = rng.choice([value, " -", " - ", "", " ", "  " + value, value + "  ", "\t" + value,
                            "\u00a0" + value, value + "\u2003", " " + "9" * rng.randint(1, 20),
                            " 1 234 567,50", " -1,5", " Alkaa 1.1.2020 ja päättyy 31.12.2021",
                            " Alkaa ja päättyy 31.12.2021", " Start 1.1.2020 and end 2.2.2022",
                            " Uusimaa, , Kymenlaakso ,", ",", " a,b , c"])
        lines[i] = label + ":" + value


def m_line_ends(lines, rng):
    return rng.choice(["\r\n", "\r", "\n\r", "\n"])


def m_space_chars(lines, rng):
    i = rng.randrange(len(lines)) if lines else None
    if i is not None:
        line = lines[i]
        at = rng.choice([0, len(line), rng.randrange(len(line) + 1)])
        lines[i] = line[:at] + rng.choice(ODD_SPACES) + line[at:]


def m_empty_section(lines, rng):
    heads = [i for i, line in enumerate(lines) if _is_header(line)]
    if len(heads) > 1:
        k = rng.randrange(len(heads) - 1)
        del lines[heads[k] + 1:heads[k + 1]]


def m_repeat_section(lines, rng):
    heads = [i for i, line in enumerate(lines) if _is_header(line)] + [len(lines)]
    if len(heads) > 1:
        k = rng.randrange(len(heads) - 1)
        block = lines[heads[k]:heads[k + 1]]
        at = rng.choice(heads)
        lines[at:at] = block


def m_header_line(lines, rng):
    """A header of any section (a known or unknown number, a wrong title) put anywhere."""
    number = rng.choice([*SECTION_TITLES, "0", "10", "7.3", "4.9", "8.0"])
    title = SECTION_TITLES.get(number) or rng.choice(["Uusien työpaikkojen määrä", "Foo", "4 workshops."])
    lines.insert(rng.randrange(len(lines) + 1), f"{number} {title}")


def m_english(lines, rng):
    for i, line in enumerate(lines):
        if "rahoittaman hankkeen kuvaus" in line:
            lines[i] = rng.choice(list(FUND_LINES_EN)).capitalize()
    for i, line in enumerate(lines):
        for key, label in FIELD_LABELS_EN.items():
            finnish = FIELDS[key][1]
            if line.startswith(finnish + ":") and rng.random() < 0.7:
                lines[i] = label + line[len(finnish):]
    if rng.random() < 0.5:
        i = _lines_at(lines, rng, _is_header)
        if i is not None:
            lines[i] = lines[i].split(" ")[0] + " " + rng.choice(
                ["Project", "Applicant's basic information", "Plan-specified summary of the "
                 "project completion", "Some title", "A sentence.", "x: y"])


def m_block(lines, rng):
    """A co-implementer block or a site-address block, written in some way, somewhere."""
    block = rng.choice([
        ["Osatoteuttajat", "", "Diakonia-ammattikorkeakoulu Oy, 0115776-3"],
        ["Osatoteuttajat:", "Pitkä nimi joka jatkuu", "toisella rivillä Oy, 1234567-8", "Nimi ilman"],
        ["  osatoteuttajat  ", "Nimi,1234567-8", "Nimi ,  1234567-8  ", ", 1234567-8", "Nimi, x",
         "Y-tunnus: 1234567-8", "Nimi, Oy, 1234567-8,"],
        ["Toteutuspaikan osoite, jos hanke toteutetaan yhdessä paikassa", "Jakeluosoite: Katu 1",
         "Postinumero: 00100", "Postitoimipaikka: HELSINKI"],
        ["Toteutuspaikan osoite, jos hanke toteutetaan yhdessä paikassa:", "Kunnat: Lohja"],
    ])
    at = rng.randrange(len(lines) + 1)
    lines[at:at] = block


def m_scores(lines, rng):
    rows = [rng.choice(SCORE_ITEMS) + rng.choice([" 0 0", " 10 5", " 5", "", " x 3", " 3 y",
                                                   "  1  2  ", " 1 2 3", " 1,5 2", " 0 0 0",
                                                   "\u00a05\u00a05", " 1 234 5"]),
            rng.choice(SCORE_CATEGORIES), rng.choice(SCORE_CATEGORIES).upper(),
            rng.choice(["VälitönVälillinen", "välitönvälillinen ", " VälitönVälillinen"])]
    at = rng.randrange(len(lines) + 1)
    lines[at:at] = rng.sample(rows, rng.randint(1, len(rows)))


def m_indicator(lines, rng):
    at = rng.randrange(len(lines) + 1)
    lines.insert(at, rng.choice([
        "Suunniteltu: 12, joihin työllistyvät naiset 5", "Suunniteltu: 1 234", "Suunniteltu: x y",
        "Toteutunut seurantatietojen mukaan: 0.00, joista naisten perustamia 0.00",
        "Suunniteltu:", "suunniteltu :  3", "Suunniteltu: 3,joihin työllistyvät naiset",
        "Hankkeessa on tehty toimintaympäristön analyysi sukupuolinäkökulmasta: Kyllä",
        "Hankkeen päätavoite on sukupuolten tasa-arvon edistäminen:Ei "]))


def m_truncate(lines, rng):
    text = "\n".join(lines)
    cut = rng.randrange(len(text) + 1)
    lines[:] = text[:cut].split("\n")


def m_junk(lines, rng):
    i = rng.randrange(len(lines)) if lines else None
    if i is not None:
        line = lines[i]
        at = rng.randrange(len(line) + 1)
        lines[i] = line[:at] + "".join(rng.choice(JUNK) for _ in range(rng.randint(1, 5))) + line[at:]


def m_lines(lines, rng):
    """A line repeated, dropped, or two swapped."""
    if not lines:
        return
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.randrange(3)
    if kind == 0:
        lines.insert(i, lines[j])
    elif kind == 1:
        del lines[i]
    else:
        lines[i], lines[j] = lines[j], lines[i]


TEXT_MUTATIONS = [m_header_space, m_colon, m_label, m_line_ends, m_space_chars, m_empty_section,
                  m_repeat_section, m_header_line, m_english, m_block, m_scores, m_indicator,
                  m_truncate, m_junk, m_lines]


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    newline = "\n"
    for _ in range(rng.randint(1, 6)):
        changed = rng.choice(TEXT_MUTATIONS)(lines, rng)
        if isinstance(changed, str):
            newline = changed
    out = newline.join(lines)
    if rng.random() < 0.05:
        out = "\ufeff" + out
    if rng.random() < 0.1:
        out += rng.choice(["\n", "\r\n", "\r", "", "\n\n"])
    return out


def _files(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = Path(name)
        found.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return found


def run(paths: list[str], mutations: int, seed: int, keep: Path | None) -> dict:
    rng = random.Random(seed)
    files = _files(paths) + sorted(SEEDS.glob("*.txt"))
    counts = {"files": 0, "byte-mutations": 0, "text-mutations": 0, "equal": 0}
    bases = []

    def check(kind: str, data: bytes | str) -> None:
        difference = (compare_bytes(data) if isinstance(data, bytes) else compare_text(data))
        counts[kind] += 1
        if difference:
            if keep is not None:
                keep.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8",
                                                                                  "surrogatepass"))
            print(json.dumps(counts), file=sys.stderr)
            raise SystemExit(f"{kind} #{counts[kind]}: {difference}")
        counts["equal"] += 1

    for path in files:
        data = path.read_bytes()
        check("files", data)
        if len(bases) < 400 or rng.random() < 0.05:
            bases.append(data)
    for number in range(mutations):
        data = rng.choice(bases)
        if number % 2:
            check("byte-mutations", mutate(data, rng))
        else:
            text = data.decode("utf-8", "replace").lstrip("\ufeff")
            check("text-mutations", mutate_text(text, rng))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="descriptions or folders of them")
    parser.add_argument("--mutations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--keep", type=Path, help="where to write the first input that differs")
    options = parser.parse_args(argv)
    print(json.dumps(run(options.paths, options.mutations, options.seed, options.keep)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
