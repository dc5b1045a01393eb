"""The traffic-light statuses and how users may write them."""

from __future__ import annotations

import difflib
import unicodedata
from enum import Enum


class Status(str, Enum):
    GRON = "Grön"
    GUL = "Gul"
    ROD = "Röd"

    @property
    def rank(self) -> int:
        """Higher is worse; used by worst-case and tie-breaking."""
        return {"Grön": 0, "Gul": 1, "Röd": 2}[self.value]

    @property
    def css(self) -> str:
        return {"Grön": "gron", "Gul": "gul", "Röd": "rod"}[self.value]

    @property
    def symbol(self) -> str:
        """A shape per status so that colour never carries the meaning alone."""
        return {"Grön": "●", "Gul": "▲", "Röd": "■"}[self.value]

    @property
    def meaning(self) -> str:
        return {"Grön": "målet uppfyllt", "Gul": "målet delvis uppfyllt", "Röd": "målet inte uppfyllt"}[self.value]

    def __str__(self) -> str:
        return self.value


ALLOWED = tuple(s.value for s in Status)
NOT_REPORTED = "Ej rapporterat"
NOT_ASSESSED = "Ej bedömd"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_BY_FOLDED = {_fold(s.value): s for s in Status}


def parse_status(text: str) -> Status:
    """``grön``, ``GRON``, ``Gron`` → Status.GRON. Anything else raises StatusError."""
    folded = _fold(str(text))
    if folded in _BY_FOLDED:
        return _BY_FOLDED[folded]
    raise StatusError(str(text), suggest_status(str(text)))


def suggest_status(text: str) -> str | None:
    match = difflib.get_close_matches(_fold(text), list(_BY_FOLDED), n=1, cutoff=0.5)
    return _BY_FOLDED[match[0]].value if match else None


class StatusError(ValueError):
    def __init__(self, value: str, suggestion: str | None):
        self.value, self.suggestion = value, suggestion
        hint = f" Menade du {suggestion}?" if suggestion else ""
        super().__init__(f"{value!r} är inte en status; tillåtna är {', '.join(ALLOWED)}.{hint}")
