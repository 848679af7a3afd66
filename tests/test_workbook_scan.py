"""The XLSX pre-scan's two readings of a sheet: the plain form, read with regular expressions and
byte counts (``bounds._scan_plain_sheet``), and any XML, read element by element with expat
(``bounds._scan_xlsx_sheet``). A sheet the fast reading cannot vouch for goes to expat; these
tests aim at the fast reading's weak spots (a limit crossed where a piece is cut, prefixed names,
attributes in another order or quoting, comments and CDATA that hide tags, a second reference,
entity references, another encoding) and assert the exact outcome of each, and a differential test
holds the two readings equal on sheets written many ways."""

from __future__ import annotations

import random
import re
import zipfile
from array import array
from io import BytesIO

import pytest

from eura_lint.readers.inputs import WorkbookLimits
from eura_lint.readers.project_list import bounds
from eura_lint.readers.project_list.bounds import (DamagedWorkbook, WorkbookTooLarge,
                                                   scan_xlsx)

from .workbooks import MAIN, repeated, shared_strings_xml, xlsx

SHEET = "xl/worksheets/sheet1.xml"
HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}"><sheetData>'
TAIL = "</sheetData></worksheet>"
FAR = "Hankkeet's used area A1:XFD1048576 (1,048,576 rows x 16,384 columns)"


def sheet(*rows: str) -> str:
    return HEAD + "".join(rows) + TAIL


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def filler(rows: int, start: int = 1) -> list[str]:
    """Plain rows of a number, a shared string and an inline string."""
    return [row(n, f'<c r="A{n}"><v>{n}</v></c>', f'<c r="B{n}" t="s"><v>0</v></c>',
                f'<c r="C{n}" t="inlineStr"><is><t>Hanke {n} &amp; s&#228;&#228;ti&#246;</t></is></c>')
            for n in range(start, start + rows)]


def outcome(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> str:
    try:
        scan_xlsx(data, limits)
    except (WorkbookTooLarge, DamagedWorkbook) as exc:
        return f"{type(exc).__name__}: {exc}"
    return "read"


def readings(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> tuple[object, object]:
    """Each reading of the one sheet on its own: its text count and shared-string uses, or what it
    raised; the fast one may also say the sheet is not plain."""
    results = []
    for scan in (bounds._scan_plain_sheet, bounds._scan_xlsx_sheet):
        archive = zipfile.ZipFile(BytesIO(data))
        uses = array("I")
        try:
            text = scan(archive, SHEET, "Hankkeet", bounds._Budget(limits.xml), uses, 10**6,
                        limits, 0)
            results.append(("read", text, list(uses)))
        except bounds._NotPlain:
            results.append("not plain")
        except (WorkbookTooLarge, DamagedWorkbook) as exc:
            results.append(f"{type(exc).__name__}: {exc}")
    return results[0], results[1]


def test_a_plain_sheet_is_read_the_fast_way_with_the_same_counts():
    data = xlsx(sheet(*filler(3000)), shared_strings_xml(["EAKR"]))
    fast, slow = readings(data)
    assert fast == slow
    assert fast[0] == "read" and fast[2] == [3000]
    assert fast[1] == 3000 * len("Hanke 1 & säätiö") + sum(len(str(n)) - 1 for n in range(1, 3001))


@pytest.mark.parametrize("shift", range(-12, 13, 3))
def test_a_far_cell_cut_at_a_piece_boundary_is_found(shift):
    """The far cell's tag straddles the first megabyte the archive yields, at several offsets."""
    far = '<c r="XFD1048576"><v>1</v></c>'
    rows = filler(1)
    size = len(HEAD) + len(rows[0])
    pad = (1 << 20) - size - len('<row r="2">') - len('<c r="A2" t="inlineStr"><is><t></t></is></c>') + shift
    rows.append(row(2, f'<c r="A2" t="inlineStr"><is><t>{"x" * pad}</t></is></c>', far))
    data = xlsx(sheet(*rows), shared_strings_xml(["EAKR"]))
    assert FAR in outcome(data)
    fast, slow = readings(data)
    assert fast == slow


def test_a_shared_string_limit_crossed_at_a_piece_boundary_is_found():
    """2,000 uses of a 40,000-character string: 80 million characters, over 64 MiB, whichever
    piece the uses fall in."""
    cells = [row(n, f'<c r="A{n}" t="s"><v>0</v></c>' + "<c r=\"B%d\"><v>%s</v></c>" % (n, "1" * 500))
             for n in range(1, 2001)]
    data = xlsx(sheet(*cells), shared_strings_xml(["y" * 40_000]))
    assert len(sheet(*cells)) > 1 << 20
    assert "shared string counted once per cell" in outcome(data)


@pytest.mark.parametrize("cell", [
    '<x:c r="XFD1048576"><x:v>1</x:v></x:c>',                   # a prefix
    '<c\tr="XFD1048576"><v>1</v></c>',                           # a tab after the name
    '<c s="0" r="XFD1048576"><v>1</v></c>',                      # the reference not first
    "<c r='XFD1048576'><v>1</v></c>",                            # single quotes
    '<c r = "XFD1048576"><v>1</v></c>',                          # spaces around "="
    '<c r="&#88;FD1048576"><v>1</v></c>',                        # a character reference
    '<c r="XFD1048576" />',                                      # a space before "/>"
    '<c r="xfd1048576"><v>1</v></c>',                            # small letters
])
def test_a_far_cell_written_any_way_is_found(cell):
    body = sheet(*filler(5), row(1048576, cell)).replace(
        "<worksheet ", '<worksheet xmlns:x="%s" ' % MAIN)
    data = xlsx(body, shared_strings_xml(["EAKR"]))
    assert FAR in outcome(data)


@pytest.mark.parametrize(("hidden", "found"), [
    ('<!-- <c r="XFD1048576"><v>1</v></c> -->', "read"),
    ('<c r="D1" t="inlineStr"><is><t><![CDATA[<c r="XFD1048576"><v>1</v></c>]]></t></is></c>', "read"),
    ('<?pi <c r="XFD1048576"/> ?>', "read"),
    ('<!-- a comment --><c r="XFD1048576"><v>1</v></c>', FAR),
])
def test_comments_cdata_and_instructions_hide_no_cell_and_count_none(hidden, found):
    data = xlsx(sheet(*filler(5), row(6, hidden)), shared_strings_xml(["EAKR"]))
    assert found in outcome(data)
    fast, slow = readings(data)
    assert fast == "not plain"
    assert (slow[0] == "read") if found == "read" else (FAR in slow)


def test_a_second_reference_in_a_cell_is_not_taken_for_the_first():
    """calamine reads the last of two r attributes; XML allows only one, so the sheet is damaged."""
    data = xlsx(sheet(*filler(5), row(6, '<c r="A6" r="XFD1048576"><v>1</v></c>')),
                shared_strings_xml(["EAKR"]))
    assert outcome(data).startswith("DamagedWorkbook: part xl/worksheets/sheet1.xml is not well-formed")


@pytest.mark.parametrize("cell", [
    '<c r="A{n}" t = "s"><v>0</v></c>', "<c r=\"A{n}\" t='s'><v>0</v></c>",
    '<c r="A{n}"\tt="s"><v>0</v></c>', '<c t="s" r="A{n}"><v>0</v></c>',
    '<c r="A{n}" t="s"><v>1</v><v>0</v></c>', '<c r="A{n}" t="s"><v> 0 </v></c>',
    '<x:c r="A{n}" t="s"><x:v>0</x:v></x:c>', '<c r="A{n}" t="s"><v>&#48;</v></c>',
])
def test_a_shared_string_used_by_cells_written_any_way_is_counted(cell):
    cells = [row(n, cell.format(n=n)) for n in range(1, 2001)]
    body = sheet(*cells).replace("<worksheet ", '<worksheet xmlns:x="%s" ' % MAIN)
    data = xlsx(body, repeated(f'<sst xmlns="{MAIN}"><si><t>', b"x", 40_000, "</t></si><si><t>b</t></si></sst>"))
    assert "shared string counted once per cell" in outcome(data)


def test_a_utf16_sheet_is_read_element_by_element():
    body = sheet(*filler(3), row(1048576, '<c r="XFD1048576"><v>1</v></c>'))
    body = body.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    data = xlsx(body, shared_strings_xml(["EAKR"]))
    assert FAR in outcome(data)
    assert readings(data)[0] == "not plain"


def test_the_exact_cell_at_which_the_limit_is_crossed_is_named():
    """Rows grow past the limit one at a time: the finding names the extent at the first cell
    over it, not the sheet's whole extent, in both readings."""
    data = xlsx(sheet(*filler(3000)), shared_strings_xml(["EAKR"]))
    limits = WorkbookLimits(cells=3 * 1234)
    assert "A1:C1235 (1,235 rows x 3 columns) is 3,705 cells" in outcome(data, limits)
    fast, slow = readings(data, limits)
    assert fast == slow


def test_inline_text_over_the_limit_is_found_in_both_readings():
    data = xlsx(sheet(*filler(3000)), shared_strings_xml(["EAKR"]))
    limits = WorkbookLimits(text=40_000)
    assert "more than 40,000 characters" in outcome(data, limits)
    fast, slow = readings(data, limits)
    assert fast == slow


# -- differential: sheets written many ways, the two readings equal ------------------------

def _variant(rng: random.Random, rows: int) -> str:
    """A well-formed sheet: plain, or with one way of writing that is not (chosen per sheet, put
    on one cell or on all), and perhaps a cell far away."""
    oddity = rng.choice(["plain"] * 4 + ["shuffled", "quote", "tab", "double space", "prefix",
                                          "comment", "pretty"])
    everywhere = rng.random() < 0.5
    odd_cell = (rng.randint(1, rows), rng.randint(1, 5))
    far_cell = (rng.randint(1, rows), rng.randint(1, 5)) if rng.random() < 0.3 else None
    out = []
    for n in range(1, rows + 1):
        cells = []
        for column, letters in enumerate("ABCDE", 1):
            odd = oddity != "plain" and (everywhere or (n, column) == odd_cell)
            kind = rng.choice(["number", "shared", "inline", "rich", "empty", "error"])
            ref = f"{letters}{n}"
            if (n, column) == far_cell:
                ref = rng.choice([f"{letters}70000", f"ZZ{n}", "XFD1048576", "A1048577"])
            attrs = [("r", ref)]
            content = ""
            if kind == "number":
                content = f"<v>{rng.randint(0, 99999)}</v>"
            elif kind == "shared":
                attrs.append(("t", "s"))
                content = f"<v>{rng.randint(0, 3)}</v>"
            elif kind == "inline":
                attrs.append(("t", "inlineStr"))
                text = rng.choice(["Hanke", "s&#228;&#228;ti&#246;", "a &amp; b", "rivi\r\nrivi", "  "])
                space = ' xml:space="preserve"' if rng.random() < 0.3 else ""
                content = f"<is><t{space}>{text}</t></is>"
            elif kind == "rich":
                attrs.append(("t", "inlineStr"))
                content = "<is><r><rPr><b/></rPr><t>Lihavoitu</t></r><r><t>tavallinen</t></r></is>"
            elif kind == "error":
                attrs.append(("t", "e"))
                content = "<f>1/0</f><v>#DIV/0!</v>"
            if rng.random() < 0.3:
                attrs.insert(1, ("s", str(rng.randint(0, 3))))
            if odd and oddity == "shuffled":
                rng.shuffle(attrs)
            quote = "'" if odd and oddity == "quote" else '"'
            space = {"tab": "\t", "double space": "  "}.get(oddity, " ") if odd else " "
            prefix = "x:" if odd and oddity == "prefix" else ""
            tag = f"<{prefix}c" + "".join(f"{space}{k}={quote}{v}{quote}" for k, v in attrs)
            content = re.sub(r"<(/?)v>", rf"<\1{prefix}v>", content)
            cell = f"{tag}/>" if not content else f"{tag}>{content}</{prefix}c>"
            if odd and oddity == "comment":
                cell = f"<!-- {cell} -->{cell}"
            elif odd and oddity == "pretty":
                cell = f"\n    {cell}"
            cells.append(cell)
        out.append(f'<row r="{n}">{"".join(cells)}</row>')
    return (sheet(*out).replace("<worksheet ", f'<worksheet xmlns:x="{MAIN}" '))


def _compare(seed: int) -> int:
    """Both readings of one variant under three sets of limits; how many were read the fast way."""
    rng = random.Random(seed)
    data = xlsx(_variant(rng, rng.choice([5, 50, 400])),
                shared_strings_xml(["EAKR", "ESR", "x" * 100, ""]))
    plain = 0
    for limits in (WorkbookLimits(), WorkbookLimits(cells=600), WorkbookLimits(text=2000)):
        fast, slow = readings(data, limits)
        assert fast in ("not plain", slow), (seed, limits)
        plain += fast != "not plain"
    return plain


def test_the_two_readings_agree_on_sheets_written_many_ways():
    # (and most are read the fast way, so that this tests it)
    assert sum(_compare(seed) for seed in range(40)) > 40


@pytest.mark.parametrize("bound", [1, 9, 10, 26, 27, 52, 100, 701, 702, 703, 1000, 16384, 20001])
def test_the_pattern_of_cells_within_an_extent_takes_exactly_those(bound):
    """``_at_most`` for column letters and row numbers, against every value up to beyond it."""
    letters = re.compile(bounds._at_most(bounds.column_letters(bound), "A-Z", "A-Z"))
    digits = re.compile(bounds._at_most(str(bound), "1-9", "0-9"))
    for value in range(1, bound * 2 + 30):
        assert bool(letters.fullmatch(bounds.column_letters(value))) == (value <= bound), value
        assert bool(digits.fullmatch(str(value))) == (value <= bound), value
    assert not digits.fullmatch("0") and not digits.fullmatch("0" + str(bound))


@pytest.mark.parametrize("body, error", [
    (sheet(*filler(2)) + "<x/>", "junk after document element: line 2, column "),
    (sheet(*filler(2))[:-len(TAIL)], "no element found: line 2, column "),
    (sheet(*filler(2)).replace("</row>", "</rows>", 1), "mismatched tag: line 2, column "),
    (sheet(*filler(2)).encode().replace(b"Hanke 1", b"Hanke \xff"),
     "not well-formed (invalid token): line 2, column "),
])
def test_a_plain_sheet_that_is_not_well_formed_xml_is_damaged(body, error):
    """The fast reading's pieces go to expat too, without handlers: a sheet that looks plain but
    is not well-formed is refused as the element-by-element reading refuses it."""
    found = outcome(xlsx(body, shared_strings_xml(["EAKR"])))
    assert found.startswith(f"DamagedWorkbook: part {SHEET} is not well-formed XML ({error}")


def test_shared_string_indexes_beyond_the_strings_do_not_grow_memory():
    """200,000 cells each naming another shared string that does not exist (the part holds one):
    none is counted, and the reading holds a piece's indexes at a time, not every distinct one."""
    import tracemalloc

    cells = (f'<row r="1"><c r="A1" t="s"><v>{10**10 + n}</v></c></row>' for n in range(200_000))
    data = xlsx(HEAD + "".join(cells) + TAIL, shared_strings_xml(["EAKR"]))
    tracemalloc.start()
    try:
        assert outcome(data) == "read"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 << 20  # (every index kept at once: over 25 MB)


def test_a_sheet_found_not_plain_after_its_first_piece_takes_back_its_uses():
    """Uses counted in the plain pieces are taken back when a later piece is not plain, so that
    the element-by-element reading of the whole sheet counts each once."""
    rows = filler(15000) + [row(15001, '<c r="A15001"><v>1</v></c><!-- a comment -->')]
    data = xlsx(sheet(*rows), shared_strings_xml(["EAKR"]))
    assert len(sheet(*rows)) > 2 << 20
    archive = zipfile.ZipFile(BytesIO(data))
    uses = array("I")
    with pytest.raises(bounds._NotPlain):
        bounds._scan_plain_sheet(archive, SHEET, "Hankkeet", bounds._Budget(1 << 30), uses, 10,
                                 WorkbookLimits(), 0)
    assert not any(uses)
    fast, slow = readings(data)
    assert fast == "not plain" and slow[0] == "read" and slow[2] == [15000]
