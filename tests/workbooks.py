"""Workbooks built by hand (zipfile and sheet XML), so that a test can hold exactly the
damage it is about: a cell far beyond the data, a huge shared string, an XML bomb."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{OFFICE_RELS}"><sheets><sheet name="Hankkeet" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{OFFICE_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""


def cell_xml(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(rows: Iterable[str], dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}">{dim}'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def grid_rows(grid: Sequence[Sequence[object]]) -> list[str]:
    """``<row>`` elements for a small grid starting at A1."""
    from eura_lint.readers.project_list import column_letters

    rows = []
    for number, values in enumerate(grid, 1):
        cells = "".join(cell_xml(f"{column_letters(col)}{number}", value)
                        for col, value in enumerate(values, 1) if value is not None)
        rows.append(f'<row r="{number}">{cells}</row>')
    return rows


def shared_strings_xml(strings: Sequence[str]) -> str:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}">{items}</sst>'


def xlsx(sheet: str | bytes | Iterable[bytes], shared: str | bytes | Iterable[bytes] | None = None,
         compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A one-sheet workbook whose sheet XML (and shared strings) are given as written: text, or
    pieces of bytes written one by one (a part larger than memory should hold)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        _write(archive, "xl/worksheets/sheet1.xml", sheet)
        _write(archive, "xl/sharedStrings.xml", shared if shared is not None
               else shared_strings_xml([]))
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, name: str, content: str | bytes | Iterable[bytes]) -> None:
    if isinstance(content, (str, bytes)):
        archive.writestr(name, content)
        return
    with archive.open(name, "w", force_zip64=True) as part:
        for piece in content:
            part.write(piece)


def repeated(head: str, piece: bytes, times: int, tail: str) -> Iterator[bytes]:
    """``head``, ``times`` copies of ``piece``, ``tail``: a part built without holding it."""
    yield head.encode()
    block = piece * max(1, (1 << 20) // len(piece))
    whole, rest = divmod(times, max(1, (1 << 20) // len(piece)))
    for _ in range(whole):
        yield block
    yield piece * rest
    yield tail.encode()


def ods(content: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_content(rows: Iterable[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
            f'<office:body><office:spreadsheet><table:table table:name="Hankkeet">'
            f'{"".join(rows)}</table:table></office:spreadsheet></office:body>'
            f'</office:document-content>')
