"""What the rules may know besides the document: the lint date, and the language findings speak."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date = field(default_factory=dt.date.today)
    # the language of messages and suggestions: the Linter binds its rules to it, so each
    # rule.finding speaks it (and so do the --jobs workers, which inherit the Linter)
    lang: str = "en"
