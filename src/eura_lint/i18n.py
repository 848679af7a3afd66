"""The languages eura-lint speaks, and what it says outside the rules.

Rule messages live in each rule's file (see :mod:`eura_lint.catalogue`); the summary line, report
words, command-line errors and option help live in ``data/messages.yaml``, one string per language.
The languages known are those of its ``language-name`` entry, so a new language is added by adding
strings. A plain YAML table rather than gettext catalogues: the rule texts must sit in the rule
files anyway, there are a few dozen other strings, and no ``.mo`` file needs compiling or shipping.
"""

from __future__ import annotations

import datetime as dt
import os
import string
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources

from .yaml_cache import documents

DEFAULT = "en"  # the language of the rule ids' world, and the fallback for a missing string


@cache
def table() -> dict[str, dict[str, str]]:
    messages = resources.files("eura_lint").joinpath("data/messages.yaml")
    text = messages.read_text("utf-8")
    # (read through the cache of eura_lint.yaml_cache: PyYAML is imported only when it misses)
    return documents("messages", str(messages), [text], lambda: [_read_yaml(text)])[0]


def _read_yaml(text: str) -> dict[str, dict[str, str]]:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def languages() -> tuple[str, ...]:
    """Every language eura-lint speaks, English first."""
    return tuple(table()["language-name"])


def text(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English where that language lacks it), values inserted."""
    entry = table()[key]
    template = entry.get(lang) or entry[DEFAULT]
    return template.format(**values) if values else template


def count(noun: str, number: int, lang: str) -> str:
    """``3 errors`` / ``3 virhettä``: the noun in the form a number asks for."""
    return text(f"count.{noun}.{'one' if number == 1 else 'many'}", lang, count=number)


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the first of LC_ALL, LC_MESSAGES and LANG that is set
    decides (as POSIX orders them); ``fi_FI.UTF-8``, ``fi`` -> Finnish; anything else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            return code if code in languages() else DEFAULT
    return DEFAULT


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def format_number(value: float, lang: str) -> str:
    """A number as the descriptions write it: thousands apart by spaces (``1 053 002``), at most
    two decimals; a decimal comma in Finnish (``0,5``), a point in English."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    shown = f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")
    return shown.replace(".", ",") if lang == "fi" else shown


def format_date(value: dt.date, lang: str) -> str:
    """``31.12.2020``: the descriptions' own form, read the same way in both languages."""
    return f"{value.day}.{value.month}.{value.year}"


def format_value(value: object, lang: str) -> object:
    """A value inserted into a message: floats and dates in the language's notation. Whole
    numbers (``int``: years, line numbers, counts) are left as they are, without separators; a
    ``Decimal`` keeps the decimals it was given (``1.0`` years, not ``1`` years)."""
    if isinstance(value, Decimal):
        shown = str(value)
        return shown.replace(".", ",") if lang == "fi" else shown
    if isinstance(value, float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return value
