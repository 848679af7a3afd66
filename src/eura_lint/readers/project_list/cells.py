"""What a list's cell can hold: the spreadsheet errors a formula leaves, the intermediate bodies
an authority column names, and the tests the reader uses to tell a row whose values have moved
into other columns (a shifted row) and a row that is not a project at all (a totals row, a note,
a separator)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...page import AMOUNT_KEYS, DATE_RE, NUMBER_RE

# The error values a formula leaves in a cell, as Excel and LibreOffice write them (LibreOffice
# also writes its own ``Err:502``); a cell holding one has no value at all.
SPREADSHEET_ERROR = re.compile(
    r"^(?:#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|FIELD!|"
    r"BLOCKED!|UNKNOWN!|CONNECT!|BUSY!|EXTERNAL!|PYTHON!)|Err:\d{3})$", re.IGNORECASE)


def is_spreadsheet_error(text: str) -> bool:
    return bool(text) and (text[0] == "#" or text[:4] == "Err:") and bool(
        SPREADSHEET_ERROR.match(text))


# The programme's intermediate bodies, as words (case folded, punctuation dropped): the ELY
# centres, the regional councils, Tekes / Business Finland and the ministries.
_ELY_GENITIVES = ("uudenmaan", "varsinais suomen", "satakunnan", "hämeen", "pirkanmaan",
                  "kaakkois suomen", "etelä savon", "pohjois savon", "pohjois karjalan",
                  "keski suomen", "etelä pohjanmaan", "pohjanmaan", "pohjois pohjanmaan",
                  "kainuun", "lapin")
_REGION_GENITIVES = ("uudenmaan", "helsinki uudenmaan", "varsinais suomen", "hämeen",
                     "pirkanmaan", "päijät hämeen", "kymenlaakson", "etelä karjalan",
                     "etelä savon", "pohjois savon", "pohjois karjalan", "keski suomen",
                     "etelä pohjanmaan", "pohjanmaan", "keski pohjanmaan", "pohjois pohjanmaan",
                     "kainuun", "lapin")
_AUTHORITY = (
    rf"(?:{'|'.join(_ELY_GENITIVES)}) (?:elinkeino liikenne ja ympäristökeskus|ely keskus)"
    rf"|(?:{'|'.join(_REGION_GENITIVES)}) (?:maakunta)?liitto|satakuntaliitto"
    r"|(?:innovaatiorahoituskeskus )?(?:tekes|business finland)"
    r"|työ ja elinkeinoministeriö|sosiaali ja terveysministeriö|opetus ja kulttuuriministeriö"
)
AUTHORITY_RE = re.compile(rf"^(?:{_AUTHORITY})$")
# a known authority at the end of the cell, with other words before it
SPILL_RE = re.compile(rf"^(?P<spill>.+?) (?:{_AUTHORITY})$")
_WORD = re.compile(r"\w+")


def authority_words(value: str) -> str:
    """``Etelä-Savon elinkeino-,  liikenne- ja ...`` -> ``etelä savon elinkeino liikenne ja ...``."""
    return " ".join(_WORD.findall(value.casefold()))


@lru_cache(maxsize=1024)
def authority_spill(value: str) -> str | None:
    """The words before a known authority in the cell (a project name spilt into the column), as
    the cell writes them; None when the cell is a known authority or none at all. Cached: a list
    repeats a few dozen authorities."""
    words = authority_words(value)
    if AUTHORITY_RE.match(words):
        return None
    spill = SPILL_RE.match(words)
    if not spill:
        return None
    count = len(spill.group("spill").split())
    found = list(_WORD.finditer(value))
    return value[:found[count - 1].end()].strip()


LETTERS = re.compile(r"[^\W\d]{3}")
_AMOUNTS = frozenset(AMOUNT_KEYS)
# a currency after an amount (1 053 002 €, 1053002,50 EUR)
CURRENCY = re.compile(r"\s*(?:€|EUR|euroa?)$", re.IGNORECASE)


def is_amount(text: str) -> bool:
    """Text an amount column can hold: digits, thousands spaces, decimals, a currency."""
    return (text.isdigit() and text.isascii()) or bool(NUMBER_RE.match(CURRENCY.sub("", text)))


def misplaced(key: str, text: str) -> tuple[str, str] | None:
    """Why ``text`` cannot be the value of column ``key`` as a shifted row puts it there: the
    phrase of EURA702 that says it and the part of the text it names; None when it can be."""
    if key in _AMOUNTS:
        if not is_amount(text) and not is_spreadsheet_error(text) and (
                DATE_RE.match(text) or LETTERS.search(text)):
            return "amount-text", text[:40]
    elif key == "start" or key == "end":
        if NUMBER_RE.match(text) and not DATE_RE.match(text):
            return "amount-in-date", text
    elif key == "axis":
        if not text[0].isdigit() and not is_spreadsheet_error(text):
            return "axis-text", text[:40]
    elif key == "authority":
        spill = authority_spill(text)
        if spill:
            return "spill", spill
    return None

