"""Bytes to text, as EURA exports are found in the wild.

UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252. Line endings are
``\\n``, ``\\r\\n`` or ``\\r``; lines are split on exactly those so that line numbers match what
an editor shows (``str.splitlines`` would also split on form feeds and U+2028).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding EURA exports use."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec name, e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252"

    @property
    def newline(self) -> str:
        """The first line ending seen, ``"\\n"`` when there is none; looked for only when asked
        (the linter never asks; rewriting a file in its own line endings does)."""
        match = LINE_BREAK.search(self.text)
        return match.group() if match else "\n"


# The file formats people pass by mistake, known by their first bytes (and a ZIP's or an OLE2
# file's own names for what it holds): ``file_format`` says which, so that the finding can say
# what to do with it instead of "save it as UTF-8".
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_NAMES = ((b"word/", "word"), (b"xl/", "workbook"), (b"ppt/", "presentation"),
              (b"opendocument.text", "opendocument-text"),
              (b"opendocument.spreadsheet", "workbook"),
              (b"opendocument.presentation", "presentation"))
_OLE2_NAMES = (("EncryptedPackage", "encrypted"), ("WordDocument", "word"),
               ("Workbook", "workbook"), ("Book", "workbook"),
               ("PowerPoint Document", "presentation"))
FORMAT_PREFIX = "format:"


def file_format(data: bytes) -> str | None:
    """What a file that is not text is, when its first bytes say so: ``pdf``, ``word``,
    ``opendocument-text``, ``presentation``, ``workbook``, ``encrypted`` (an Office file
    protected by a password), ``archive`` (another ZIP), ``image``; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        return next((name for marker, name in _ZIP_NAMES if marker in head), "archive")
    if data.startswith(_OLE2):
        # the directory's entry names are UTF-16; the directory sits anywhere in the file
        return next((name for marker, name in _OLE2_NAMES
                     if marker.encode("utf-16-le") in data), None)
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    return None


def decode(data: bytes) -> Decoded:
    if data[:1] in (b"%", b"P", b"\xd0", b"\x89", b"\xff", b"G"):
        found = file_format(data)
        if found is not None:
            raise UndecodableError(f"{FORMAT_PREFIX}{found}")
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise UndecodableError(f"invalid {encoding} at byte {exc.start}") from None
        if b"\x00" in data:
            offset = data.index(b"\x00")
            raise UndecodableError(f"binary data (NUL byte at offset {offset})") from None
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError as exc2:
            raise UndecodableError(
                f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc2.start]:02X} at offset {exc2.start})"
            ) from None
    # A NUL character makes it binary. In UTF-8 and Windows-1252 a NUL character is exactly a NUL
    # byte, which ``in`` finds in bytes with memchr; in a str that holds characters beyond Latin-1
    # it looks for U+0000 one character at a time.
    binary = "\x00" in text if encoding == "utf-16" else b"\x00" in data
    if binary:
        raise UndecodableError(f"binary data (NUL character at offset {text.index(chr(0))})")
    return Decoded(text, encoding)


def split_lines(text: str) -> list[str]:
    # str.split("\n") is the same split when there is no "\r", and several times faster
    lines = LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final line break ends the last line, it does not start a new one
    return lines


_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")


@dataclass(frozen=True, slots=True)
class BadByte:
    """A line that is not UTF-8 in a file that otherwise is: where its first bad byte is."""

    line: int
    column: int  # in characters, as the line reads with the bad bytes replaced
    offset: int  # in the file's bytes
    byte: int


def decode_lines(data: bytes) -> tuple[Decoded, list[BadByte]]:
    """As :func:`decode`, but a UTF-8 file in which some lines are not UTF-8 (a row pasted from a
    Latin-1 file) is read line by line: each bad line with its bad bytes replaced by U+FFFD, and
    named in the list returned, the other lines as they are. A file is UTF-8 here when at least
    as many of its lines hold valid UTF-8 beyond ASCII as there are lines that are not UTF-8;
    otherwise it is read as a whole, as :func:`decode` reads it (Windows-1252). Bytes that are
    text in neither (``0x81``) in a file with UTF-8 lines are bad lines too."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return decode(data), []
    try:
        whole = decode(data)
    except UndecodableError:
        whole = None
    if whole is not None and whole.encoding != "cp1252":
        return whole, []
    pieces: list[str] = []
    bad: list[BadByte] = []
    good = 0
    offset = 0
    for number, match in enumerate(_LINE.finditer(data), 1):
        chunk = match.group()
        if not chunk:
            break
        try:
            piece = chunk.decode("utf-8")
            good += not chunk.isascii()
        except UnicodeDecodeError as exc:
            piece = chunk.decode("utf-8", "replace")
            column = len(chunk[:exc.start].decode("utf-8", "replace")) + 1
            bad.append(BadByte(number, column, offset + exc.start, chunk[exc.start]))
        pieces.append(piece)
        offset += len(chunk)
    if whole is None and not good or whole is not None and good < len(bad):
        return decode(data), []  # Windows-1252 as a whole, or the reason it is neither
    text = "".join(pieces)
    if text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text, "utf-8"), bad
