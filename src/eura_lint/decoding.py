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
    newline: str  # the first line ending seen, "\n" when there is none


def decode(data: bytes) -> Decoded:
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
    if "\x00" in text:
        raise UndecodableError(f"binary data (NUL character at offset {text.index(chr(0))})")
    match = LINE_BREAK.search(text)
    return Decoded(text=text, encoding=encoding, newline=match.group() if match else "\n")


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
    match = LINE_BREAK.search(text)
    return Decoded(text, "utf-8", match.group() if match else "\n"), bad
