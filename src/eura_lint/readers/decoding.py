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
