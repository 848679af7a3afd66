"""What the rules may know besides the document: the lint date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date = field(default_factory=dt.date.today)
