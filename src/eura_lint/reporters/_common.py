"""Small helpers the reporters share: visible escaping and the list of documents."""

from __future__ import annotations

import re

from ..report import Report


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Characters that must not reach a terminal or a one-line format raw: every C0 control (line breaks
# included, so one finding stays one line), DEL, the C1 controls, and lone surrogates, which cannot
# even be encoded as UTF-8.
_ONE_LINE_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

# Control characters other than tab and line breaks, for formats that keep line breaks themselves.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Characters XML 1.0 forbids (C0 except tab/LF/CR, surrogates, U+FFFE/U+FFFF), plus the ones it
# discourages, which junit-xml's own report writer deletes without a trace (DEL and C1 except NEL,
# U+FDD0–U+FDDF, the last two code points of every plane).
_XML_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufddf\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

# Every character the patterns above match is unprintable (a control character, a surrogate or a
# noncharacter), so a printable string, the usual case, is returned without a regex scan, which
# costs several times more (the astral code points make the XML pattern's scan slow).


def one_line(text: str) -> str:
    """``text`` with control characters written as visible escapes (``\\x07``, ``\\n``)."""
    return text if text.isprintable() else _ONE_LINE_UNSAFE.sub(_escape, text)


def visible(text: str) -> str:
    """``text`` with control characters other than tab, LF and CR written as visible escapes."""
    return text if text.isprintable() else _CONTROL.sub(_escape, text)


def xml_safe(text: str) -> str:
    """``text`` with every character XML cannot carry written as a visible escape; line breaks kept."""
    return text if text.isprintable() else _XML_UNSAFE.sub(_escape, text)


def all_paths(report: Report) -> list[str]:
    """Every document of the run in order; a finding's path missing from ``report.paths`` is added."""
    paths = list(dict.fromkeys(report.paths))
    seen = set(paths)
    for finding in report.findings:
        if finding.path not in seen:
            seen.add(finding.path)
            paths.append(finding.path)
    return paths
