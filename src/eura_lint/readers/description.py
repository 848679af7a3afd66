"""Text of one EURA 2014 description -> :class:`~eura_lint.model.Description`, positions kept.

Section headers are recognised only by their known number *and* title (free text such as
``10 kuntaa otti ...`` is not a header); then each section is read by the reader for its kind,
so fields are only looked for in the sections that hold fields and a colon in a paragraph is
never mistaken for one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .decoding import split_lines
from ..model import (
    Answer,
    CoImplementer,
    Date,
    Description,
    Field,
    Indicator,
    Item,
    Number,
    Problem,
    Score,
    Section,
    TextLine,
)
from ..page import (
    AMOUNT_KEYS,
    CO_IMPLEMENTERS,
    DATE_RE,
    FIELDS,
    FIELD_LABELS_EN,
    FIELD_SECTIONS,
    FUND_LINES,
    FUND_LINES_EN,
    LIST_KEYS,
    NUMBER_RE,
    PRINCIPLE_QUESTIONS,
    SCORE_CATEGORIES,
    SCORE_HEADER,
    SCORE_ITEMS,
    SECTION_ORDER,
    SECTION_TITLES,
    SECTION_TITLES_EN,
    SITE_BLOCK,
    SITE_KEYS,
    STATUS_EN,
    THOUSANDS,
    readable,
)

_VALUE_KEYS = frozenset((*AMOUNT_KEYS, *LIST_KEYS, "period"))  # fields whose value is parsed further

# (exports also put a no-break space after the number, or indent the header)
HEADER_RE = re.compile(r"\s*(\d)(?:\.(\d))?\.?[ \t\u00a0\u202f]+(?=\S)")  # the title follows
# Every pattern here runs in time linear in its input: no two neighbouring parts can match the
# same characters (a run of spaces split two ways between ``\s+`` and ``\s*`` costs time square
# in its length). tests/test_robustness.py lints 1 MB lines of spaces, digits, dots and dashes in
# every field position to keep it so.
# The value is stripped, so the end date, when there is one, is the last run of non-spaces; a
# missing start date (``Alkaa ja päättyy ...``) leaves group 1 empty.
PERIOD_RE = re.compile(r"^Alkaa\s+(?:(\S+)\s+)?ja\s+päättyy\s+(\S+)$", re.IGNORECASE)
# an English page's period (``Start 1.1.2023 and end 31.12.2023``), in the same linear form
PERIOD_EN_RE = re.compile(r"^Start\s+(?:(\S+)\s+)?and\s+end\s+(\S+)$", re.IGNORECASE)
GROUPED_RE = re.compile(r"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")  # 1 234 567,50
# Between an indicator's total and its women count (``12, joihin työllistyvät naiset 5``)
WOMEN_RE = re.compile(
    r",\s*(?:joihin\s+työllistyvät\s+naiset|joista\s+naisten\s+perustamia)\s+", re.IGNORECASE)
# What may be a business ID (valid or not): a run of four digits, unlike a name
ID_LIKE = re.compile(r"\d{4}")
# A header starts with its section number, perhaps indented; every other line is rejected on its
# first character.
HEADER_START = frozenset("123456789")
_MAYBE_HEADER = HEADER_START | {c for c in map(chr, range(0x3001)) if c.isspace()}

# The parser builds a few hundred named tuples per description; ``tuple.__new__`` builds one
# without the Python-level ``__new__`` that named tuples have (about a third of the cost).
_new = tuple.__new__


def label_key(text: str) -> str:
    """Whitespace runs collapsed to one space, ends trimmed, casefolded (for label matching).
    Labels, titles and status values are the same few dozen strings in every document, so a
    string of at most LABEL_MAX characters is normalised once and remembered; a longer one, a
    paragraph most likely, is not kept."""
    return _label(text) if len(text) <= LABEL_MAX else _collapse(text)


def _collapse(text: str) -> str:
    # str.split() splits on exactly the characters \s matches, without a regex
    return " ".join(text.split()).casefold()


LABEL_MAX = 120
_label = functools.lru_cache(maxsize=4096)(_collapse)  # for strings known to be short

_TITLES = {num: label_key(title) for num, title in SECTION_TITLES.items() if title}
# Header lines as EURA prints them, found without the regex
_EXACT_HEADERS = {f"{num} {title}": (num, title) for num, title in SECTION_TITLES.items() if title}
# section -> normalised label -> field key (the site-address block is keyed apart: SITE_KEYS)
_SECTION_KEYS: dict[str, dict[str, str]] = {number: {} for number in FIELD_SECTIONS}
for _key, (_section, _label_text) in FIELDS.items():
    if not _key.startswith("site_"):
        _SECTION_KEYS[_section][label_key(_label_text)] = _key
_SECTION_KEYS_EN: dict[str, dict[str, str]] = {number: {} for number in FIELD_SECTIONS}
for _key, _label_text in FIELD_LABELS_EN.items():
    _SECTION_KEYS_EN[FIELDS[_key][0]][label_key(_label_text)] = _key
# (section, English page) -> normalised label -> field key, the section's own labels first, then
# (on an English page) their English labels; ("site", ...) the same for the lines of section 6's
# site-address block, keyed by SITE_KEYS first. One look-up a field line.
_FIELD_KEYS: dict[tuple[str, bool], dict[str, str]] = {}
for _number in FIELD_SECTIONS:
    _FIELD_KEYS[_number, False] = dict(_SECTION_KEYS[_number])
    _FIELD_KEYS[_number, True] = {**_SECTION_KEYS_EN[_number], **_SECTION_KEYS[_number]}
_FIELD_KEYS["site", False] = {**_FIELD_KEYS["6", False], **SITE_KEYS}
_FIELD_KEYS["site", True] = {**_FIELD_KEYS["6", True], **SITE_KEYS}
_TITLES_EN = {num: label_key(title) for num, title in SECTION_TITLES_EN.items()}
_QUESTIONS = {label_key(q): q for q in PRINCIPLE_QUESTIONS}
_CATEGORIES = {label_key(c) for c in SCORE_CATEGORIES}
_ITEMS = {label_key(i): i for i in SCORE_ITEMS}
ITEM_MAX = max(len(i) for i in SCORE_ITEMS) + 8  # room for doubled spaces
SCORE_LINE_MAX = ITEM_MAX + 40  # the longest line whose reading as an 8.2 row is cached
SHORT_LINE = max(len(c) for c in (*SCORE_CATEGORIES, SCORE_HEADER)) + 8


def parse_number(raw: str, line: int, column: int, problems: list[Problem]) -> Number:
    text = raw.strip()
    if text.isascii():
        if text.isdigit() and len(text) <= 12:  # the common case: scores, counts
            return _new(Number, (float(text), raw, line, column))
        value = _ascii_value(text)
        if value is not None:
            return _new(Number, (value, raw, line, column))
    if NUMBER_RE.match(text):
        value = float(THOUSANDS.sub("", text).replace(",", "."))
        if readable(value):
            return _new(Number, (value, raw, line, column))
    problems.append(Problem("number", line, column, raw))
    return Number(None, raw, line, column)


def _ascii_value(text: str) -> float | None:
    """The value of a number in ASCII written as amounts and counts usually are (``0.00``,
    ``12,5``, ``90 095``, ``-1 234 567,50``), found without NUMBER_RE and THOUSANDS, whose
    calls cost more than the reading; None for any other text (which the patterns then read),
    and for a value that is not :func:`readable`. It accepts exactly the ASCII texts NUMBER_RE
    matches: digits, or groups of three after one to three digits, split by single spaces;
    then, perhaps, ``.`` or ``,`` and digits; a ``-`` before it all."""
    digits = text[1:] if text[:1] == "-" else text
    fraction = ""
    if "." in digits or "," in digits:
        whole, _, fraction = digits.replace(",", ".").partition(".")
        if not fraction.isdigit():  # none, or a second separator
            return None
    else:
        whole = digits
    if not whole.isdigit():
        # Grouped: ``d{1,3}( ddd)+``. With its k spaces at every 4th place from the end and
        # one to three digits before the first, the rest are digits: ``whole[-4::-4]`` are
        # exactly the places of those k spaces.
        plain = whole.replace(" ", "")
        spaces = len(whole) - len(plain)
        if not (spaces and 0 < len(plain) - 3 * spaces <= 3 and plain.isdigit()
                and whole[-4::-4] == " " * spaces):
            return None
        whole = plain
    value = float(f"{whole}.{fraction}" if fraction else whole)
    if digits is not text:
        value = -value
    return value if readable(value) else None


def parse_date(raw: str, line: int, column: int, problems: list[Problem]) -> Date:
    match = DATE_RE.match(raw)
    if not match:
        problems.append(Problem("date", line, column, raw, "not a d.m.yyyy date"))
        return Date(None, raw, line, column)
    day, month, year = match.groups()
    try:
        return _new(Date, (dt.date(int(year), int(month), int(day)), raw, line, column))
    except ValueError:
        problems.append(Problem("date", line, column, raw, "no such day in the calendar"))
        return Date(None, raw, line, column)


def _header(line: str, current: str | None, english: bool = False) -> tuple[str, str] | None:
    exact = _EXACT_HEADERS.get(line)
    if exact is not None:
        return exact
    match = HEADER_RE.match(line)
    if not match:
        return None
    number = match.group(1) + (f".{match.group(2)}" if match.group(2) else "")
    if number not in SECTION_TITLES:
        return None
    title = line[match.end():].rstrip()
    if number in ("7.1", "7.2"):
        return (number, title) if current and current.startswith("7") else None
    if label_key(title) == _TITLES[number]:
        return number, title
    if english and (_TITLES_EN.get(number) == label_key(title) or (
            number not in SECTION_TITLES_EN and _reads_as_title(title)
            and (current is None or SECTION_ORDER.index(number) > SECTION_ORDER.index(current)))):
        return number, title
    return None


def _reads_as_title(title: str) -> bool:
    """An English section title not known yet: a short capitalised phrase without a colon or a
    closing full stop, unlike a paragraph that begins with a number ("4 workshops were held.")."""
    return (title[:1].isupper() and len(title.split()) <= 10 and ":" not in title
            and not title.endswith((".", "!", "?")))


def _items(value: str, line: int, column: int) -> list[Item]:
    """The comma-separated entries of ``value`` (which begins at ``column``), whitespace trimmed,
    empty ones left out. Split by ``str.split`` and ``str.strip`` rather than found by a pattern
    (``[^,\\s](?:[^,]*[^,\\s])?``, which takes the same characters for whitespace): the pattern
    engine's match object per entry costs more than the entry's own reading."""
    items = []
    for piece in value.split(","):
        entry = piece.strip()
        if entry:
            items.append(_new(Item, (entry, line, column + len(piece) - len(piece.lstrip()))))
        column += len(piece) + 1
    return items


# an indicator's label -> where its total goes among the Indicator's last four values (planned,
# planned_women, realised, realised_women); its women count goes next to it
_INDICATOR_LABELS = {"suunniteltu": 0, "toteutunut seurantatietojen mukaan": 2}


def _split_field(line: str) -> tuple[str, str, int] | None:
    """``Label: value`` as (label, value, 1-based column of the value), None for a line without a
    colon after 1 to LABEL_MAX characters. The value keeps its trailing whitespace, and leading
    whitespace other than spaces, tabs and no-break spaces."""
    label, colon, rest = line.partition(":")
    if not colon or not 0 < len(label) <= LABEL_MAX:
        return None
    value = rest.lstrip(" \t\u00a0")
    return label, value, len(line) - len(value) + 1


def parse(text: str, path: str = "<text>", encoding: str = "utf-8") -> Description:
    lines = split_lines(text)
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    doc = Description(path=path, line_count=len(lines), encoding=encoding, lines=lines)
    # Sections are found first, from the few lines that start with a digit; each section's lines
    # are then read by the reader for its kind (fields, indicators, answers, scores, free text).
    starts: list[tuple[int, str, str]] = []  # (0-based line index, number, title)
    current: str | None = None
    candidates = [i for i, line in enumerate(lines) if line and line[0] in _MAYBE_HEADER
                  and (line[0] in HEADER_START or line.lstrip()[:1] in HEADER_START)]
    # The fund line comes before the first header; an English one makes this an English page
    # (looked for up to the first Finnish header, as English headers are known by the page only).
    fund_at = None  # the fund line's index
    for index, line in enumerate(lines):
        if not line:
            continue
        if line[0] in _MAYBE_HEADER and _header(line, None):
            break
        key = label_key(line)
        if key in FUND_LINES_EN:
            doc.language = "en"
            fund_at = index
            break
        if key in FUND_LINES:
            fund_at = index
            break
    english = doc.language == "en"
    for index in candidates:
        line = lines[index]
        # (a header as EURA prints it is looked up at once, without the call)
        header = _EXACT_HEADERS.get(line) or _header(line, current, english)
        if header:
            current = header[0]
            starts.append((index, *header))
    # On an English page a header may come before the fund line (its title read as a title):
    # then the page has no fund line.
    if fund_at is not None and (not starts or fund_at < starts[0][0]):
        key = label_key(lines[fund_at])
        doc.fund, doc.fund_line = FUND_LINES.get(key) or FUND_LINES_EN.get(key), fund_at + 1
    sections = doc.sections
    ends = [index for index, _, _ in starts[1:]]
    ends.append(len(lines))
    for (index, number, title), end in zip(starts, ends):
        section = Section(number, title, index + 1, end)
        doc.headers.append((number, index + 1))
        if number in sections:
            doc.problems.append(Problem("duplicate-section", index + 1, 1, f"{number} {title}",
                                        str(sections[number].line)))
        else:
            sections[number] = section
        _READERS.get(number, _read_text)(doc, section, lines, index + 1, end)
    if english:
        _note_unread(doc)
    return doc


def _note_unread(doc: Description) -> None:
    """On an English page: the sections, and the fields of partly read sections, that could not
    be read for want of their English labels (reported once, by EURA008)."""
    for number, section in doc.sections.items():
        if number in FIELD_SECTIONS:
            unknown = [f.label for f in section.fields if f.key is None]
            if unknown or (section.text and not section.fields):
                read = any(f.key is not None for f in section.fields)
                doc.unread[number] = unknown if read else []
        elif number in ("7.1", "7.2"):
            indicator = next((i for i in doc.indicators if i.section == number), None)
            if indicator is not None and indicator.planned is None and indicator.realised is None \
                    and section.text:
                doc.unread[number] = []
        elif number == "8.1" and section.text and not doc.answers:
            doc.unread[number] = []
        elif number == "8.2" and section.text and not doc.scores:
            doc.unread[number] = []


def finnish_status(value: str) -> str:
    """The Finnish status an English page's status value stands for (``Ended``); else the value."""
    return STATUS_EN.get(label_key(value), value)


def _read_text(doc: Description, section: Section, lines: list[str], start: int, end: int) -> None:
    """Free text: every non-blank line, as written."""
    section.text = [_new(TextLine, (line, i)) for i, line in enumerate(lines[start:end], start + 1)
                    if line and not line.isspace()]


def _read_fields(doc: Description, section: Section, lines: list[str], start: int, end: int) -> None:
    """``Label: value`` lines, the section 6 site-address block and the section 2
    ``Osatoteuttajat`` block of ``Name, Y-tunnus`` lines."""
    number = section.number
    keys = _FIELD_KEYS[number, doc.language == "en"]
    # Only sections 2 and 6 have a block, whose title stands alone on its line (sometimes with
    # a colon after it); the other lines of section 6 after its title are keyed by SITE_KEYS first.
    blocks = number == "2" or number == "6"
    in_co_block = False
    pending_name: list[str] = []  # co-implementer name lines still waiting for their business ID
    pending_at = (0, 0)
    known = doc.fields
    fields = section.fields
    text = section.text
    for lineno, line in enumerate(lines[start:end], start + 1):
        if not line or line.isspace():
            continue
        if blocks and (":" not in line or line.rstrip().endswith(":")):
            title = label_key(line.rstrip().rstrip(":"))
            if number == "6" and title == SITE_BLOCK:
                keys = _FIELD_KEYS["site", doc.language == "en"]
                continue
            if number == "2" and title == CO_IMPLEMENTERS:
                in_co_block = True
                doc.co_implementers_line = lineno
                continue
        reading = _field_line(line) if len(line) <= FIELD_LINE_CACHED else _read_field_line(line)
        # In the co-implementer block a line is a field only when it cannot be a ``Name, ID``
        # line or its label is one of the section's own.
        if in_co_block and (reading is None or (
                _co_implementer(line) and reading[1] not in _SECTION_KEYS[number])):
            stripped = line.strip()
            co = _co_implementer(stripped)
            indent = len(line) - len(line.lstrip())
            if co and ID_LIKE.search(co[1]):
                name = " ".join((*pending_name, co[0].strip()))
                doc.co_implementers.append(CoImplementer(name, co[1], lineno, indent + co[2] + 1))
                pending_name = []
            else:  # a long name wrapped onto the next line, or a name with no business ID
                pending_name.append(stripped)
                pending_at = pending_at if len(pending_name) > 1 else (lineno, indent + 1)
            continue
        if reading is None:
            text.append(_new(TextLine, (line, lineno)))
            continue
        label, normalised, value, column, raw_value, raw_column = reading
        key = keys.get(normalised)
        found = _new(Field, (key, label, value, lineno, column, number))
        fields.append(found)
        if key is not None and key not in known:
            known[key] = found
            if key in _VALUE_KEYS:
                _read_value(doc, key, value, column, raw_value, raw_column, lineno)
        in_co_block = False
        if pending_name:  # the block ended on a name without a business ID
            doc.co_implementers.append(CoImplementer(" ".join(pending_name), "", *pending_at))
            pending_name = []
    if pending_name:
        doc.co_implementers.append(CoImplementer(" ".join(pending_name), "", *pending_at))


def _co_implementer(line: str) -> tuple[str, str, int] | None:
    """``Name, business ID`` as (name, ID, 0-based offset of the ID), or None. The ID is the last
    run of non-spaces after the last comma that has one after it; the name is all before that
    comma. (What ``^(.+),\\s*(\\S+)\\s*$`` matches, found without its time square in the length
    of a run of commas.)"""
    text = line.rstrip()
    tokens = text.rsplit(None, 1)
    if not tokens:
        return None
    token = tokens[-1]
    token_at = len(text) - len(token)
    comma = token.rfind(",", 0, len(token) - 1)  # a comma inside the token, with the ID after it
    if comma >= 0:
        comma += token_at
        business_id = text[comma + 1:]
    else:  # ``Name,  ID``: the comma ends what comes before the spaces
        comma = len(text[:token_at].rstrip()) - 1
        if comma < 0 or text[comma] != ",":
            return None
        business_id = token
    if comma == 0:
        return None
    return line[:comma], business_id, len(text) - len(business_id)


def _read_indicator(doc: Description, section: Section, lines: list[str], start: int,
                    end: int) -> None:
    """A section 7 measure: ``Suunniteltu: N[, joihin ... M]`` and ``Toteutunut ...: X``."""
    values: list[Number | None] = [None, None, None, None]
    for lineno, line in enumerate(lines[start:end], start + 1):
        if not line or line.isspace():
            continue
        split = _split_field(line)
        which = _INDICATOR_LABELS.get(_label(split[0])) if split else None
        if which is not None:
            _add_indicator_values(values, which, split[1], split[2], lineno, doc.problems)
        else:
            section.text.append(_new(TextLine, (line, lineno)))
    doc.indicators.append(_new(Indicator, (section.number, section.title, section.line, *values)))


def _read_answers(doc: Description, section: Section, lines: list[str], start: int, end: int) -> None:
    """Section 8.1: each question answered on its own line, its justification below it."""
    _read_text(doc, section, lines, start, end)
    for text_line in section.text:
        line = text_line[0]
        split = _split_field(line)
        question = _QUESTIONS.get(_label(split[0])) if split else None
        if question:
            doc.answers.append(_new(Answer, (question, split[1].strip(), text_line[1], split[2])))


def _read_scores(doc: Description, section: Section, lines: list[str], start: int, end: int) -> None:
    """Section 8.2: the ``VälitönVälillinen`` table of categories, scored items and explanations."""
    in_scores = False
    category = ""
    scores = doc.scores
    for lineno, line in enumerate(lines[start:end], start + 1):
        if not line or line.isspace():
            continue
        # Item rows are short and recur; the long lines between them are explanations, unique,
        # read without the cache and never normalised.
        if in_scores:
            row = _score_row(line) if len(line) <= SCORE_LINE_MAX else _read_score_row(line)
            if row is not None:
                # the row's two scores, each (value, text, column), value None when not plain
                item, (direct, direct_text, direct_at), (indirect, indirect_text, indirect_at) = row
                scores.append(_new(Score, (
                    category, item,
                    _new(Number, (direct, direct_text, lineno, direct_at)) if direct is not None
                    else parse_number(direct_text, lineno, direct_at, doc.problems),
                    _new(Number, (indirect, indirect_text, lineno, indirect_at))
                    if indirect is not None
                    else parse_number(indirect_text, lineno, indirect_at, doc.problems),
                    lineno,
                )))
                continue
        stripped = line.strip()
        key = _label(stripped) if len(stripped) <= SHORT_LINE else ""
        if key == SCORE_HEADER:
            in_scores = True
        elif in_scores and key in _CATEGORIES:
            category = stripped
        else:
            if in_scores and len(stripped) <= ITEM_MAX + 12:
                _check_unscored_item(doc, stripped, line, lineno)
            section.text.append(_new(TextLine, (line, lineno)))


def _check_unscored_item(doc: Description, stripped: str, line: str, lineno: int) -> None:
    """An item of the 8.2 table written without its two scores (or with one) is a problem; the
    line is kept as text, as it cannot be read as a score row."""
    tokens = stripped.split()
    numeric = 0
    while numeric < len(tokens) and NUMBER_RE.match(tokens[-1 - numeric]):
        numeric += 1
    item = _ITEMS.get(_label(" ".join(tokens[:len(tokens) - numeric])))
    if item is not None and numeric != 2:
        doc.problems.append(Problem("missing-score", lineno, len(line.rstrip()) + 1, item,
                                    str(numeric)))


_READERS = {
    **{number: _read_fields for number in FIELD_SECTIONS},
    "7.1": _read_indicator,
    "7.2": _read_indicator,
    "8.1": _read_answers,
    "8.2": _read_scores,
}


# A ``Label: value`` line read apart from where it stands: (label, the label normalised, value
# (stripped; empty for "-"), its column (or where it would begin when empty), raw value (all after
# the colon and the spaces that follow it), its column). A plain tuple, unpacked where it is used:
# Python 3.11 unpacks and indexes a tuple subclass (a named tuple) on a slow path.
_FieldLine = tuple[str, str, str, int, str, int]


def _read_field_line(line: str) -> _FieldLine | None:
    """A field line's label and value, or None for a line that is not ``Label: value``."""
    split = _split_field(line)
    if split is None:
        return None
    label, raw_value, value_column = split
    label = label.strip()
    value = raw_value.strip()
    if not value:
        column = len(line.rstrip()) + 2  # where the value would begin
    else:
        column = value_column + (len(raw_value) - len(raw_value.lstrip()))
        if value == "-":
            value = ""  # EURA prints "-" for "nothing written", in fields as in paragraphs
    return label, _label(label), value, column, raw_value, value_column


# Four field lines in five recur from one description to the next (organisation types, statuses,
# authorities, axes, the empty site-address fields): each distinct line is read once. Lines
# longer than FIELD_LINE_CACHED (long names, long place lists) are read without the cache.
FIELD_LINE_CACHED = 300
_field_line = functools.lru_cache(maxsize=8192)(_read_field_line)


def _read_value(doc: Description, key: str, value: str, column: int, raw_value: str,
                raw_column: int, lineno: int) -> None:
    """The value of a known field that is read further (an amount, a place list, the period),
    at its first occurrence."""
    if key in AMOUNT_KEYS and value:
        doc.numbers[key] = parse_number(value, lineno, column, doc.problems)
    elif key in LIST_KEYS:
        doc.lists[key] = _items(raw_value, lineno, raw_column)
    elif key == "period" and value:
        period = PERIOD_RE.match(value)
        if not period and doc.language == "en":
            period = PERIOD_EN_RE.match(value)
        if not period:
            doc.problems.append(Problem("period", lineno, column, value))
            return
        if period.group(1) is None:
            doc.problems.append(Problem("period", lineno, column, value))
            return
        doc.start = parse_date(period.group(1), lineno, column + period.start(1), doc.problems)
        doc.end = parse_date(period.group(2), lineno, column + period.start(2), doc.problems)


def _add_indicator_values(values: list[Number | None], which: int, raw: str, column: int,
                          lineno: int, problems: list[Problem]) -> None:
    text = raw.strip()
    if not text:
        return
    # ``total[, joihin työllistyvät naiset women]``: the total is one run of non-spaces or a
    # number with thousands separated by spaces
    women = WOMEN_RE.search(text)
    total = text[:women.start()].rstrip() if women else text
    if not (len(total.split(None, 1)) == 1 or GROUPED_RE.fullmatch(total)):
        problems.append(Problem("number", lineno, column, raw))
        return
    values[which] = parse_number(total, lineno, column, problems)
    if women is not None:
        values[which + 1] = parse_number(
            text[women.end():], lineno, column + women.end(), problems)


def _read_score_row(line: str) -> tuple[str, tuple, tuple] | None:
    """An 8.2 line split into the item it scores and its direct and indirect score, each as
    ``(value, text, column)`` with ``value`` None when the text is no plain number; None for a line
    that is not an item row."""
    parts = line.rsplit(None, 2)
    if len(parts) != 3 or len(parts[0]) > ITEM_MAX:
        return None
    item = _ITEMS.get(_label(parts[0]))
    if item is None:
        return None
    text = line.rstrip()
    indirect_at = text.rfind(parts[2])
    direct_at = text.rfind(parts[1], 0, indirect_at)
    return item, _score_value(parts[1], direct_at + 1), _score_value(parts[2], indirect_at + 1)


# The same few hundred rows recur in every description: each distinct short line is read once.
_score_row = functools.lru_cache(maxsize=4096)(_read_score_row)


def _score_value(text: str, column: int) -> tuple[float | None, str, int]:
    plain = text.isascii() and text.isdigit()
    return (float(text) if plain else None), text, column
