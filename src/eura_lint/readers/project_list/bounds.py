"""Workbook limits, checked before any reader builds a grid.

python-calamine reads a sheet into a dense range: every cell from A1 to the last one used holds a
value, and a text cell holds its own copy of its shared string. One value in ``XFD1048576`` is
then 17 billion cells (a 549 GB allocation, and the process aborts rather than raising), one
64 MiB shared string used by 2,000 cells is 128 GB, and a sheet whose XML expands to gigabytes
is read whole. None of that can be bounded from inside the reader, so each workbook is first
scanned here, streaming and within fixed memory, and refused with one reason when it is over
a limit:

- ``cells``: the sheet's extent, rows times columns from A1 to the last cell, as found from
  every cell's reference. A sheet's declared ``<dimension>`` is not used: calamine does not
  size anything by it (measured: one value with a dimension of ``A1:XFD1048576`` reads in 22 MB),
  and it may understate the cells that follow;
- ``xml``: the bytes of the archive's parts once decompressed (the ZIP directory's sizes first,
  then the bytes actually read, which the directory cannot understate: a part that yields more
  than it declares fails its check);
- ``text``: the characters all text cells would hold, each shared string counted once per cell
  that uses it.

One function per container: :func:`scan_xlsx`, :func:`scan_ods`, :func:`scan_xlsb` (ZIP
archives) and :func:`scan_xls` (an OLE2 compound file, bounded by its size alone: its cells
are not scanned). :func:`scan_workbook` picks one by the file's extension. Each raises
:class:`WorkbookTooLarge` (a :class:`ValueError`) or :class:`DamagedWorkbook`.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
from array import array
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import repeat
from xml.parsers import expat

from ..inputs import WorkbookLimits, describe_size

# Excel's own sheet: 1,048,576 rows, 16,384 columns (XFD). A reference beyond it is no cell.
MAX_ROWS = 1 << 20
MAX_COLUMNS = 1 << 14
_READ = 1 << 20  # decompressed bytes fed to the parser at a time


class WorkbookTooLarge(ValueError):
    """A workbook over a limit; the message says which and by how much."""


class DamagedWorkbook(ValueError):
    """A workbook whose container or XML cannot be read; the message says why."""


KEYS = {"cells": "max-workbook-cells", "xml": "max-workbook-xml", "text": "max-workbook-text"}


def _over(what: str, amount: str, limit: str, key: str) -> WorkbookTooLarge:
    return WorkbookTooLarge(f"{what} is {amount}, over the limit of {limit} "
                            f"(configuration key {KEYS[key]})")


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA: a spreadsheet's name for a column number."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_REFERENCE = re.compile(r"\$?([A-Za-z]{1,7})\$?([0-9]{1,12})")


def parse_reference(ref: str) -> tuple[int, int] | None:
    """``"K17"`` -> (17, 11); None when it is no cell reference."""
    match = _REFERENCE.fullmatch(ref.strip())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def scan_workbook(path: str, data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> None:
    """Check a workbook of any supported container against ``limits`` before it is read."""
    suffix = posixpath.splitext(path.lower())[1]
    SCANS.get(suffix, scan_xlsx)(data, limits)


# -- the ZIP container ---------------------------------------------------------------------

def _archive(data: bytes, limits: WorkbookLimits, kind: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            zlib.error, NotImplementedError) as exc:
        raise DamagedWorkbook(f"not a readable {kind} workbook ({exc})"[:300]) from None
    total = sum(info.file_size for info in infos)
    if total > limits.xml:
        raise _over("its content once decompressed", describe_size(total),
                    describe_size(limits.xml), "xml")
    return archive


class _Budget:
    """Decompressed bytes read so far, across the parts of one archive."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0

    def take(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise _over("its content once decompressed", f"more than {describe_size(self.limit)}",
                        describe_size(self.limit), "xml")


def _chunks(archive: zipfile.ZipFile, name: str, budget: _Budget) -> Iterator[bytes]:
    try:
        with archive.open(name) as part:
            while True:
                chunk = part.read(_READ)
                if not chunk:
                    return
                budget.take(len(chunk))
                yield chunk
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError, zlib.error) as exc:
        if isinstance(exc, WorkbookTooLarge):
            raise
        raise DamagedWorkbook(f"part {name} cannot be read ({exc})"[:300]) from None


def _parser(name: str) -> expat.XMLParserType:
    """An expat parser for a part. A document type declaration is refused (no workbook part has
    one; entities are where expansion bombs live)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> None:
        raise DamagedWorkbook(f"part {name} declares a document type, which no workbook has")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _feed(parser: expat.XMLParserType, name: str, chunk: bytes, last: bool = False) -> None:
    try:
        parser.Parse(chunk, last)
    except (expat.ExpatError, LookupError, UnicodeError) as exc:  # (an unknown encoding)
        raise DamagedWorkbook(f"part {name} is not well-formed XML ({exc})"[:300]) from None


def _parse(chunks: Iterator[bytes], name: str, start: Callable, end: Callable | None = None,
           text: Callable | None = None) -> None:
    """Feed a part to expat with the given handlers."""
    parser = _parser(name)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    for chunk in chunks:
        _feed(parser, name, chunk)
    _feed(parser, name, b"", True)


def _checked(chunks: Iterator[bytes], name: str) -> Iterator[bytes]:
    """The chunks of a part, each also given to an expat parser without element handlers, which
    judges in C whether the part is well-formed XML (DamagedWorkbook when not, as _parse)."""
    parser = _parser(name)
    for chunk in chunks:
        _feed(parser, name, chunk)
        yield chunk
    _feed(parser, name, b"", True)


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


class _Extent:
    """The extent of one sheet as cells are met, refused as soon as it is over the limit."""

    def __init__(self, sheet: str, limit: int) -> None:
        self.sheet, self.limit = sheet, limit
        self.rows = self.columns = 0

    def add(self, row: int, column: int) -> None:
        if row > MAX_ROWS or column > MAX_COLUMNS:
            raise WorkbookTooLarge(
                f"sheet {self.sheet} has a cell at row {row}, column {column}, beyond the "
                f"{MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns a sheet can have")
        if row > self.rows or column > self.columns:
            self.rows, self.columns = max(row, self.rows), max(column, self.columns)
            self.check("used area")

    def check(self, what: str) -> None:
        cells = self.rows * self.columns
        if cells > self.limit:
            raise _over(f"sheet {self.sheet}'s {what} A1:{column_letters(self.columns)}"
                        f"{self.rows} ({self.rows:,} rows x {self.columns:,} columns)",
                        f"{cells:,} cells", f"{self.limit:,}", "cells")


# -- XLSX ----------------------------------------------------------------------------------

_SHEET_TYPE = "/worksheet"


def _sheet_parts(archive: zipfile.ZipFile, budget: _Budget) -> list[tuple[str, str]]:
    """(part, sheet name) of each worksheet the workbook names through its relationships, then
    any other part under worksheets/ (named by its file)."""
    names = set(archive.namelist())
    targets: dict[str, str] = {}
    titles: dict[str, str] = {}
    rels, book = "xl/_rels/workbook.xml.rels", "xl/workbook.xml"

    def relationship(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attrs.get("Type", "").endswith(_SHEET_TYPE):
            target = attrs.get("Target", "")
            targets[attrs.get("Id", "")] = (
                target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target)))

    def sheet(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            ident = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            titles[ident] = attrs.get("name", "")

    if rels in names:
        _parse(_chunks(archive, rels, budget), rels, relationship)
    if book in names:
        _parse(_chunks(archive, book, budget), book, sheet)
    parts = {target: titles.get(ident) or posixpath.basename(target)
             for ident, target in targets.items() if target in names}
    for name in sorted(names):
        if re.fullmatch(r"xl/worksheets/[^/]+\.xml", name) and name not in parts:
            parts[name] = posixpath.splitext(posixpath.basename(name))[0]
    return list(parts.items())


def _shared_strings_name(archive: zipfile.ZipFile) -> str | None:
    return next((n for n in archive.namelist() if n.lower() == "xl/sharedstrings.xml"), None)


def _check_shared_text(archive: zipfile.ZipFile, name: str, budget: _Budget, uses: array,
                       text: int, limits: WorkbookLimits) -> None:
    """Each shared string's characters times the cells that use it, added to ``text`` as the
    strings are read: a long string used by many cells is refused after its first kilobytes."""
    state = {"index": -1, "si": 0, "t": 0, "rPh": 0, "text": text}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local in ("si", "t", "rPh"):
            state[local] += 1
            if local == "si" and state["si"] == 1:
                state["index"] += 1

    def end(tag: str) -> None:
        local = _local(tag)
        if local in ("si", "t", "rPh"):
            state[local] -= 1

    def chars(data: str) -> None:
        # phonetic runs (rPh) are no part of the cell's value
        index = state["index"]
        if state["si"] and state["t"] and not state["rPh"] and 0 <= index < len(uses):
            state["text"] += len(data) * uses[index]
            if state["text"] > limits.text:
                raise _text_over(limits)

    _parse(_chunks(archive, name, budget), name, start, end, chars)


def _text_over(limits: WorkbookLimits) -> WorkbookTooLarge:
    return _over("the text of its cells (a shared string counted once per cell that uses it)",
                 f"more than {limits.text:,} characters", f"{limits.text:,}", "text")


def scan_xlsx(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> None:
    """An XLSX (Office Open XML) workbook against ``limits``: every sheet's cells, then the
    shared strings they use."""
    archive = _archive(data, limits, "XLSX")
    budget = _Budget(limits.xml)
    with archive:
        shared = _shared_strings_name(archive)
        # a shared string is at least "<si><t/></si>": an index beyond what the part can hold
        # names no string, and is not counted
        most = archive.getinfo(shared).file_size // 12 if shared else 0
        uses = array("I")
        text = 0
        for part, sheet in _sheet_parts(archive, budget):
            used = budget.used
            try:
                text = _scan_plain_sheet(archive, part, sheet, budget, uses, most, limits, text)
            except _NotPlain:
                # not in the form the fast scan reads: the part again, element by element
                budget.used = used
                text = _scan_xlsx_sheet(archive, part, sheet, budget, uses, most, limits, text)
        if shared and uses:
            _check_shared_text(archive, shared, budget, uses, text, limits)


def _scan_xlsx_sheet(archive: zipfile.ZipFile, part: str, sheet: str, budget: _Budget,
                     uses: array, most: int, limits: WorkbookLimits, text: int) -> int:
    """A sheet's cells, element by element through expat: any well-formed sheet, and the
    judge of a malformed one. The returned ``text`` adds its inline strings' characters."""
    extent = _Extent(sheet, limits.cells)
    state = {"row": 0, "column": 0, "shared": False, "in_value": False, "value": [], "text": text,
             "inline": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "c":
            ref = attrs.get("r")
            where = parse_reference(ref) if ref else None
            if ref and where is None:
                raise DamagedWorkbook(f"sheet {sheet} has a cell reference {ref[:40]!r} that "
                                      f"names no cell")
            row, column = where if where else (state["row"] or 1, state["column"] + 1)
            state["row"], state["column"] = row, column
            extent.add(row, column)
            state["shared"] = attrs.get("t") == "s"
        elif local == "v":
            state["in_value"] = state["shared"]
            state["value"] = []
        elif local == "row":
            number = attrs.get("r")
            if number is not None:
                if not number.isdigit() or len(number) > 12:
                    raise DamagedWorkbook(f"sheet {sheet} has a row number {number[:40]!r}")
                state["row"] = int(number)
            else:
                state["row"] += 1
            state["column"] = 0
        elif local == "is":
            state["inline"] += 1

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "v" and state["in_value"]:
            state["in_value"] = False
            index = "".join(state["value"]).strip()
            if index.isdigit() and len(index) < 12 and int(index) < most:
                index = int(index)
                if index >= len(uses):
                    uses.frombytes(bytes(uses.itemsize * (index + 1 - len(uses))))
                uses[index] += 1
        elif local == "is":
            state["inline"] -= 1

    def chars(data: str) -> None:
        if state["in_value"]:
            if len(state["value"]) < 4:
                state["value"].append(data)
        elif state["inline"]:
            state["text"] += len(data)
            if state["text"] > limits.text:
                raise _text_over(limits)

    _parse(_chunks(archive, part, budget), part, start, end, chars)
    return state["text"]


# -- XLSX sheets: the plain form, read at C speed ------------------------------------------
#
# Calling Python for every element (expat's handlers above) costs about 1.9 s of CPU for a
# 20,000-row sheet (14 MB of XML, 260,000 cells). The sheets that spreadsheet programs and
# libraries write (Excel, LibreOffice, openpyxl, XlsxWriter) share one *plain* form, in which
# what the limits need is found by regular expressions and byte counts that run in C over a
# piece of about a megabyte at a time. _scan_plain_sheet reads a sheet that way; each piece is
# first checked to be plain, and the first piece that is not (_NotPlain) sends the whole sheet
# back to _scan_xlsx_sheet, which reads any XML. The plain form:
#
# 1. UTF-8 (the declaration names no other encoding; no UTF-16 byte-order mark, no NUL byte),
#    and no comment, CDATA section, processing instruction or document type: no "<!" and no
#    "<?" after the declaration. Then every "<" starts a tag (XML allows no "<" in text or in
#    an attribute value), so a cell's tag cannot hide inside another construct, and a piece
#    cut just before a "<" splits no tag, entity reference or "<!".
# 2. Every cell's start tag is written `<c r="REF" name="value" ...>` (or `/>`): the reference
#    first (capital letters and a row number without leading zeros), then attributes each
#    after one space, in double quotes, with no "<", ">" or "&" in the value. A cell written
#    any other way (a prefix as in `<x:c>`, a tab or a line break after the name, the
#    reference elsewhere or missing, single quotes, spaces around "=", a character reference
#    in the reference) is a `<c` the pattern does not match: the counts of `<c ` and of
#    matches differ, or an element name check below finds it.
# 3. No second reference in a cell's tag: every ` r="` of the piece is a cell's or a row's.
#    (calamine takes the last of two, which could lie far beyond the first.)
# 4. A shared-string cell (t="s") is that tag, `<v>index</v>` and `</c>`, nothing else: the
#    ` t="s"` of the piece are exactly as many as such cells (so a second <v>, whose index
#    calamine would use, cannot go uncounted).
# 5. An inline string is `<is>...</is>`, without attributes or prefix, not nested: the `<is>`,
#    the `</is>` and the matches are as many.
# 6. A row's number, when written first, is 1 to 12 digits (else the element-by-element reading
#    names the damage).
#
# Whatever a piece holds, the counts are taken over its whole text (a count may include text
# that only looks like markup, which makes the piece not plain: slower, never less counted).
# The same bytes go to an expat parser without element handlers (_checked), which judges in C
# whether the part is well-formed XML, as the element-by-element reading does.
# On a plain sheet the result is the element-by-element reading's, to the cell at which a limit
# is crossed; what it leaves out only calamine leaves out too (a <v> outside any cell).


class _NotPlain(Exception):
    """A piece of a sheet outside the plain form: the sheet is read element by element."""


_MAX_CARRY = 4 << 20  # a piece this long with no "<" to cut before is no plain sheet's
# an XML declaration, and the encoding it names
_DECLARATION = re.compile(rb"<\?xml[^<>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
# (1, 2) the names that matter, written otherwise than plainly: `<c` followed by a tab, a line
# break, "/" or ">"; `<is` followed by anything but ">"; any prefixed `c` or `is` (`<x:c `).
# (Three patterns, each starting with its own literal, which the engine seeks fast.)
_ODD_NAMES = (re.compile(rb"<c[\t\r\n/>]"), re.compile(rb"<is[\s/]"),
              re.compile(rb":(?:c|is)[\s/>]"))
# (2) a plain cell's start tag: its column letters and row number
_ATTRIBUTE = rb' [A-Za-z_][\w:.-]*="[^"<>&]*"'
_CELL = re.compile(rb'<c r="([A-Z]{1,7})([1-9][0-9]{0,11})"(?:' + _ATTRIBUTE + rb")*/?>")
# (4) a plain shared-string cell: the index of its string
_SHARED_CELL = re.compile(rb'<c r="[A-Z]{1,7}[1-9][0-9]{0,11}"(?:' + _ATTRIBUTE + rb')*? t="s"(?:'
                          + _ATTRIBUTE + rb")*><v>([0-9]{1,11})</v></c>")
# the same when t is the tag's last attribute, as the writers put it: found from that literal
_SHARED_INDEX = re.compile(rb' t="s"><v>([0-9]{1,11})</v></c>')
# (5) the content of an inline string: text and tags, but no `<is>` or `</is>`
_INLINE = re.compile(rb"<is>([^<]*(?:<(?!/?is>)[^<]*)*)</is>")
# (2, 3, 4) an r or t attribute written otherwise than ` r="` or ` t="`, which calamine may read
# all the same: after a tab, a line break or a quote, with a space before "=" (or three spaces,
# whatever name), or its value not at once in double quotes. (Anchored on "=", rarer than the
# letters, so that the engine seeks it fast.)
_ODD_ATTRIBUTE = re.compile(rb"""=(?:(?!")(?<=[\s"'][rt]=)|(?<=[\t\n\r\x0b\x0c"'][rt]=)"""
                            rb"""|(?<=[\s"'][rt]\s=)|(?<=[\s"'][rt]\s\s=)|(?<=\s\s\s=))""")
# (6) a row whose number, written first, is not 1 to 12 digits
_BAD_ROW = re.compile(rb'<row r="(?![0-9]{1,12}")')
# inside an inline string: a tag (its attribute values may hold ">"), and an entity reference,
# which is one character of text
_MARKUP = re.compile(rb"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
# the tags of an inline string without rich text
_TEXT_TAGS = (b"<t>", b'<t xml:space="preserve">', b"</t>")
_CONTINUATION = bytes(range(0x80, 0xC0))  # the bytes of a UTF-8 character after its first


def _plain_pieces(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """A part's bytes in pieces cut just before a cell's start tag (else just before a "<"), so
    that a piece holds whole cells and whole tags; the declaration left out. _NotPlain for a
    part that is not UTF-8, or has a stretch of ``_MAX_CARRY`` bytes with no "<"."""
    carry, first = b"", True
    for chunk in chunks:
        buffer = carry + chunk if carry else chunk
        if first:
            if len(buffer) < 256 and buffer.startswith(b"<?xml") and b"?>" not in buffer:
                carry = buffer  # the declaration is not whole yet
                continue
            first = False
            if buffer.startswith((b"\xfe\xff", b"\xff\xfe")):
                raise _NotPlain  # UTF-16
            buffer = buffer.removeprefix(b"\xef\xbb\xbf")
            declaration = _DECLARATION.match(buffer)
            if declaration:
                encoding = _ENCODING.search(declaration.group())
                if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
                    raise _NotPlain
                buffer = buffer[declaration.end():]
        cut = buffer.rfind(b"<c ")
        if cut <= 0:
            cut = buffer.rfind(b"<")
        if cut <= 0:
            if len(buffer) > _MAX_CARRY:
                raise _NotPlain
            carry = buffer
            continue
        yield buffer[:cut]
        carry = buffer[cut:]
    if carry:
        yield carry


def _inline_characters(piece: bytes) -> int:
    """The characters of the inline strings' text in a piece, as an XML parser reports them:
    tags left out, an entity reference one character, a line break written CR LF one. Counted
    in C: the piece split at each `<is>`, each part cut at its `</is>`, and the joined content's
    tags, entity references, UTF-8 continuation bytes and CR LF pairs counted, not replaced."""
    parts = piece.split(b"<is>")[1:]
    ends = list(map(bytes.find, parts, repeat(b"</is>")))
    if len(parts) != piece.count(b"</is>") or -1 in ends:
        raise _NotPlain  # an <is> not closed in the piece, or nested in another
    content = b"".join(map(bytes.__getitem__, parts, map(slice, ends)))
    tags = [content.count(tag) for tag in _TEXT_TAGS]
    if sum(tags) == content.count(b"<"):
        # (a string without rich text: its only tags are these, of known lengths)
        markup = sum(count * len(tag) for count, tag in zip(tags, _TEXT_TAGS))
    else:
        content, markup = _MARKUP.sub(b"", content), 0
    references = content.count(b"&")
    saved = 0
    if references:
        # in XML every "&" of text starts a reference, "&amp;" to "&#x10FFFF;": the bytes up to
        # its ";" stand for one character
        lengths = list(map(bytes.find, content.split(b"&")[1:], repeat(b";")))
        if min(lengths) < 2 or max(lengths) > 8:
            raise _NotPlain  # a bare "&", or a reference with leading zeros
        saved = sum(lengths) + references
    continuation = len(content) - len(content.translate(None, _CONTINUATION))
    return len(content) - markup - saved - continuation - content.count(b"\r\n")


def _add_cells(piece: bytes, extent: _Extent, text_over: bool) -> None:
    """Each cell of a piece added to the sheet's extent; _NotPlain for a cell not in the plain
    form, or when the text limit (``text_over``) is crossed in the same piece as the extent's
    (which was crossed first is the element-by-element reading's to say).

    The cheap way first: the extent the piece would have if its last cell reached the furthest
    row and no column went past the sheet's and the last cell's (so in a list written row after
    row), checked by one search for a cell that is not plain or lies outside it; when there is
    none, that is the extent. Else every cell's reference is taken, and the cells are added one
    by one only when the limit is crossed, to name the cell at which it is."""
    last = _CELL.match(piece, piece.rfind(b'<c r="'))
    if last:
        rows = max(extent.rows, int(last[2]))
        columns = max(extent.columns, column_number(last[1].decode()))
        if (rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= extent.limit
                and not _outside(rows, columns).search(piece)):
            extent.rows, extent.columns = rows, columns
            return
    cells = _CELL.findall(piece)
    if len(cells) != piece.count(b"<c "):
        raise _NotPlain
    letters, numbers = zip(*cells)
    rows = max(extent.rows, max(map(int, set(numbers))))
    columns = max(extent.columns, max(column_number(c.decode()) for c in set(letters)))
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > extent.limit:
        if text_over:
            raise _NotPlain  # two limits crossed in one piece: which first?
        for letters, number in cells:  # the cell at which it is crossed
            extent.add(int(number), column_number(letters.decode()))
    extent.rows, extent.columns = rows, columns


def _at_most(bound: str, first: str, digit: str) -> str:
    """A pattern for the strings of one ``first`` character then ``digit`` characters (each a
    range such as "A-Z") that are at most ``bound`` in the order of column letters and row
    numbers: fewer characters, or as many and not after it in the alphabet. "M" -> A to M,
    "20001" -> 1 to 9999, 10000 to 19999, 20000, 20001."""
    low, high = digit.split("-")
    options = [f"[{first}][{digit}]{{0,{len(bound) - 2}}}"] if len(bound) > 1 else []
    for at, char in enumerate(bound):
        floor = (first if at == 0 else digit).split("-")[0]
        rest = len(bound) - at - 1
        if char > floor:
            options.append(bound[:at] + f"[{floor}-{chr(ord(char) - 1)}]"
                           + (f"[{digit}]{{{rest}}}" if rest else ""))
    options.append(bound)
    return "(?:" + "|".join(options) + ")"


@lru_cache(maxsize=64)
def _outside(rows: int, columns: int) -> re.Pattern[bytes]:
    """A pattern for a cell's start tag that is not plain or lies beyond row ``rows`` or column
    ``columns``: any `<c ` not followed by a plain reference within them."""
    within = _at_most(column_letters(columns), "A-Z", "A-Z") + _at_most(str(rows), "1-9", "0-9")
    return re.compile(rb'<c (?!r="' + within.encode() + rb'")')


def _scan_plain_sheet(archive: zipfile.ZipFile, part: str, sheet: str, budget: _Budget,
                      uses: array, most: int, limits: WorkbookLimits, text: int) -> int:
    """What _scan_xlsx_sheet finds, for a sheet in the plain form (see above); _NotPlain as
    soon as a piece is not, with what it added to ``uses`` taken back, so that the sheet read
    again is not counted twice. Its XML is judged well-formed by expat alongside, in C."""
    extent = _Extent(sheet, limits.cells)
    # (index, count) pairs this sheet added to ``uses``, taken back when the sheet turns out not
    # to be plain and is read again; each piece's indexes are counted alone (a piece of a
    # megabyte holds some 40,000 cells at most), and only those below ``most`` are kept, so
    # that neither grows with the distinct indexes a crafted sheet may name
    added = array("I")
    try:
        for piece in _plain_pieces(_checked(_chunks(archive, part, budget), part)):
            text = _scan_plain_piece(piece, extent, uses, added, most, limits, text)
    except _NotPlain:
        for at in range(0, len(added), 2):
            uses[added[at]] -= added[at + 1]
        raise
    return text


def _scan_plain_piece(piece: bytes, extent: _Extent, uses: array, added: array, most: int,
                      limits: WorkbookLimits, text: int) -> int:
    """One piece of a plain sheet: its cells into ``extent``, its shared-string uses into
    ``uses`` (and ``added``); the text so far returned. _NotPlain when it is not plain."""
    if (b"\x00" in piece or b"<!" in piece or b"<?" in piece
            or any(odd.search(piece) for odd in _ODD_NAMES) or _BAD_ROW.search(piece)
            or _ODD_ATTRIBUTE.search(piece)
            or piece.count(b' r="') != piece.count(b"<c ") + piece.count(b'<row r="')):
        raise _NotPlain
    inline = _inline_characters(piece) if b"<is" in piece else 0
    if b"<c " in piece:
        _add_cells(piece, extent, text + inline > limits.text)
    shared = piece.count(b' t="s"')
    if shared:
        indexes = _SHARED_INDEX.findall(piece)
        if len(indexes) != shared:  # (t not the tag's last attribute)
            indexes = _SHARED_CELL.findall(piece)
            if len(indexes) != shared:
                raise _NotPlain
        for index, count in Counter(indexes).items():
            number = int(index)
            if number < most:
                if number >= len(uses):
                    uses.frombytes(bytes(uses.itemsize * (number + 1 - len(uses))))
                uses[number] += count
                added.extend((number, count))
    text += inline
    if text > limits.text:
        raise _text_over(limits)
    return text


# -- ODS -----------------------------------------------------------------------------------

def scan_ods(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> None:
    """An OpenDocument spreadsheet against ``limits``. Rows and cells may be repeated
    (``number-rows-repeated``, ``number-columns-repeated``); a repeat of cells that hold a value
    counts every copy, while the empty repeats spreadsheets write to fill a sheet to its edge
    (a thousand columns, a million rows) count only where a value follows them."""
    archive = _archive(data, limits, "ODS")
    budget = _Budget(limits.xml)
    with archive:
        if "content.xml" not in archive.namelist():
            raise DamagedWorkbook("not a readable ODS workbook (no content.xml)")
        _scan_ods_content(archive, budget, limits)


def _repeat(attrs: dict[str, str], name: str) -> int:
    value = next((v for k, v in attrs.items() if _local(k) == name), "1")
    if not value.isdigit() or len(value) > 12:
        raise DamagedWorkbook(f"content.xml has a repeat count {value[:40]!r}")
    return max(1, int(value))


def _scan_ods_content(archive: zipfile.ZipFile, budget: _Budget, limits: WorkbookLimits) -> None:
    state: dict = {"extent": None, "row": 0, "repeat_rows": 1, "column": 0, "row_cells": False,
                   "cell": None, "text": 0, "in_cell": 0}

    def add_text(count: int) -> None:
        state["text"] += count
        if state["text"] > limits.text:
            raise _over("the text of its cells", f"more than {limits.text:,} characters",
                        f"{limits.text:,}", "text")

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "table" and tag.startswith(("table:", "urn:oasis:names:tc:opendocument:xmlns:table")):
            name = next((v for k, v in attrs.items() if _local(k) == "name"), "?")
            state.update(extent=_Extent(name, limits.cells), row=0)
        elif local == "table-row" and state["extent"] is not None:
            state.update(repeat_rows=_repeat(attrs, "number-rows-repeated"), column=0,
                         row_cells=False)
        elif local in ("table-cell", "covered-table-cell") and state["extent"] is not None:
            has_value = any(_local(k) == "value-type" for k in attrs)
            state["cell"] = [_repeat(attrs, "number-columns-repeated"), has_value]
            state["in_cell"] += 1
        elif state["in_cell"] and state["cell"] is not None and local == "p":
            state["cell"][1] = True

    def end(tag: str) -> None:
        local = _local(tag)
        extent = state["extent"]
        if local in ("table-cell", "covered-table-cell") and state["cell"] is not None:
            state["in_cell"] -= 1
            repeat, has_value = state["cell"]
            state["cell"] = None
            state["column"] += repeat
            if has_value:
                state["row_cells"] = True
                extent.add(state["row"] + state["repeat_rows"], state["column"])
        elif local == "table-row" and extent is not None:
            # empty rows count only when a value follows them (the extent grows at values)
            state["row"] += state["repeat_rows"]
        elif local == "table":
            state["extent"] = None

    def chars(data: str) -> None:
        if state["in_cell"]:
            add_text(len(data))

    _parse(_chunks(archive, "content.xml", budget), "content.xml", start, end, chars)


# -- XLSB ----------------------------------------------------------------------------------

# BIFF12 record types: a row header, the cell records (each starts with its column), the sheet's
# declared dimension
_BRT_ROW_HDR = 0
_BRT_CELLS = frozenset(range(1, 14))
_BRT_WS_DIM = 148


def _records(stream: io.BufferedIOBase, name: str) -> Iterator[tuple[int, bytes]]:
    """(type, payload) of each BIFF12 record: type and size are 7-bit varints."""
    def varint(limit: int) -> int | None:
        value = shift = 0
        for index in range(limit):
            byte = stream.read(1)
            if not byte:
                if index == 0:
                    return None
                raise DamagedWorkbook(f"part {name} ends inside a record header")
            value |= (byte[0] & 0x7F) << shift
            shift += 7
            if not byte[0] & 0x80:
                return value
        raise DamagedWorkbook(f"part {name} has a malformed record header")

    while True:
        kind = varint(2)
        if kind is None:
            return
        size = varint(4)
        if size is None:
            raise DamagedWorkbook(f"part {name} ends inside a record header")
        payload = stream.read(min(size, 64))  # a cell record's row and column come first
        rest = size - len(payload)
        if len(payload) < min(size, 64):
            rest = -1
        while rest > 0:
            skipped = len(stream.read(min(rest, _READ)))
            rest = rest - skipped if skipped else -1
        if rest < 0:
            raise DamagedWorkbook(f"part {name} ends inside a record")
        yield kind, payload


def scan_xlsb(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> None:
    """An XLSB (binary Office) workbook: the archive's decompressed size, then each sheet's
    declared dimension and the row and column of every cell record. Shared strings are bounded
    by their part's size (``xml``), not per use."""
    archive = _archive(data, limits, "XLSB")
    budget = _Budget(limits.xml)
    with archive:
        for name in sorted(n for n in archive.namelist()
                           if re.fullmatch(r"xl/worksheets/[^/]+\.bin", n)):
            sheet = posixpath.splitext(posixpath.basename(name))[0]
            extent = _Extent(sheet, limits.cells)
            stream = io.BufferedReader(_BudgetReader(archive, name, budget))
            row = 0
            for kind, payload in _records(stream, name):
                if kind == _BRT_ROW_HDR and len(payload) >= 4:
                    row = struct.unpack_from("<I", payload)[0] + 1
                elif kind in _BRT_CELLS and len(payload) >= 4:
                    extent.add(max(row, 1), struct.unpack_from("<I", payload)[0] + 1)
                elif kind == _BRT_WS_DIM and len(payload) >= 16:
                    _first_row, last_row, _first_col, last_col = struct.unpack_from("<IIII", payload)
                    probe = _Extent(sheet, limits.cells)
                    probe.rows, probe.columns = last_row + 1, last_col + 1
                    if probe.rows > MAX_ROWS or probe.columns > MAX_COLUMNS:
                        probe.rows = probe.columns = 0
                        probe.add(last_row + 1, last_col + 1)
                    probe.check("declared dimension")


class _BudgetReader(io.RawIOBase):
    def __init__(self, archive: zipfile.ZipFile, name: str, budget: _Budget) -> None:
        self._chunks = _chunks(archive, name, budget)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if not self._pending:
            self._pending = next(self._chunks, b"")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


# -- XLS -----------------------------------------------------------------------------------

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An .xls file is at most 65,536 rows x 256 columns by its format (BIFF8), so a dense grid is at
# most 16.8 million cells; what bounds its reading here is its size alone (max-table-size, and
# this: its cells are not scanned, as that needs the whole compound-file reader).
MAX_XLS_SIZE = 64 * 1024 * 1024


def scan_xls(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> None:
    """An XLS (OLE2 compound file) workbook: bounded by its size only, see MAX_XLS_SIZE."""
    if not data.startswith(OLE2_MAGIC):
        raise DamagedWorkbook("not a readable XLS workbook (no OLE2 compound-file header)")
    limit = min(MAX_XLS_SIZE, limits.xml)
    if len(data) > limit:
        raise _over("the XLS file", describe_size(len(data)), describe_size(limit), "xml")


SCANS: dict[str, Callable[[bytes, WorkbookLimits], None]] = {
    ".xlsx": scan_xlsx, ".xlsm": scan_xlsx, ".ods": scan_ods, ".xlsb": scan_xlsb, ".xls": scan_xls,
}
