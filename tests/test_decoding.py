from __future__ import annotations

import codecs

import pytest

from eura_lint.context import Context
from eura_lint.readers.decoding import UndecodableError, decode, split_lines
from eura_lint.engine import build_linter, lint_bytes

from .helpers import EXAMPLE_TODAY, seed_path

SEED = seed_path("002").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SEED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SEED.encode("utf-8"), "utf-8-sig"),
        (SEED.encode("utf-16"), "utf-16"),
        (SEED.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert decoded.text == SEED


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_keep_line_numbers(newline):
    expected = SEED.split("\n")
    if expected[-1] == "":
        expected.pop()
    assert split_lines(SEED.replace("\n", newline)) == expected
    assert split_lines(SEED.replace("\n", newline) + newline) == SEED.rstrip("\n").split("\n")
    assert decode(SEED.replace("\n", newline).encode()).newline == newline


def test_form_feed_and_line_separator_do_not_split_lines():
    assert split_lines("a\x0cb\u2028c\nd") == ["a\x0cb\u2028c", "d"]


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02binary\x00", b"caf\xe9 \x81\x8d", codecs.BOM_UTF16_LE + b"\x00\xd8"]
)
def test_undecodable_bytes_raise(data):
    with pytest.raises(UndecodableError):
        decode(data)


@pytest.mark.parametrize(
    "transform",
    [
        lambda t: t.encode("cp1252"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("cp1252"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("79 721", "79\u00a0721").replace("99 651", "99\u202f651").encode(),
    ],
    ids=["cp1252", "bom", "crlf", "cr-cp1252", "utf16", "nbsp"],
)
def test_reencoded_clean_seed_stays_clean(transform):
    linter = build_linter(context=Context(today=EXAMPLE_TODAY))
    assert lint_bytes(transform(SEED), "x.txt", linter=linter) == []
