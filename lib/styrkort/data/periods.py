"""Reporting periods: a month, a combined period of months, an interim period, a year.

Keys are the strings users type and files carry:

* ``2023-07`` one month;
* ``2023-06..2023-07`` a combined period (June–July is reported together);
* ``2024-T1`` (Jan–Apr) and ``2024-T2`` (Jan–Aug), the interim periods;
* ``2024`` a whole year (the annual plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from styrkort.data.errors import UserError

MONTHS_LONG = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
# As the seeds print them in the goal-fulfilment strip.
MONTHS_SHORT = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")

INTERIM_END_MONTH = {"T1": 4, "T2": 8}


def year_to_date(month: int) -> str:
    """January up to ``month`` as a table heading says it: ``"jan–aug"``, and ``"januari"`` alone."""
    return MONTHS_LONG[0] if month == 1 else f"jan–{MONTHS_SHORT[month - 1]}"

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
_INTERIM = re.compile(r"^(\d{4})-(T[12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(UserError, ValueError):
    """A period key that cannot be read; the message is in Swedish for the user."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise PeriodError(f"månad {self.month} finns inte (1–12)")

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)


@dataclass(frozen=True)
class Period:
    """A span of whole months within one year, with the kind of report period it is."""

    kind: str  # "month", "combined", "interim", "year"
    first: Month
    last: Month
    label: str = ""  # "T1"/"T2" for interim periods

    @property
    def key(self) -> str:
        if self.kind == "month":
            return self.first.key
        if self.kind == "combined":
            return f"{self.first.key}..{self.last.key}"
        if self.kind == "interim":
            return f"{self.first.year}-{self.label}"
        return f"{self.first.year}"

    @property
    def year(self) -> int:
        return self.first.year

    @property
    def months(self) -> tuple[Month, ...]:
        out, m = [], self.first
        while m <= self.last:
            out.append(m)
            m = m.next()
        return tuple(out)

    def contains(self, month: Month) -> bool:
        return self.first <= month <= self.last

    @property
    def name_sv(self) -> str:
        """How a reader names the period: "juli 2023", "juni–juli 2023", "januari–augusti 2024"."""
        if self.kind == "year":
            return str(self.year)
        if self.first == self.last:
            return f"{MONTHS_LONG[self.first.month - 1]} {self.year}"
        return f"{MONTHS_LONG[self.first.month - 1]}–{MONTHS_LONG[self.last.month - 1]} {self.year}"

    @property
    def slug(self) -> str:
        """ASCII, Swedish words, for file names: "juni-juli-2023"."""
        if self.kind == "interim":
            return f"{self.label}-{self.year}"
        if self.kind == "year":
            return str(self.year)
        months = [MONTHS_LONG[self.first.month - 1]]
        if self.last != self.first:
            months.append(MONTHS_LONG[self.last.month - 1])
        return "-".join(months + [str(self.year)])

    def __str__(self) -> str:
        return self.key


def month(year: int, month_number: int) -> Period:
    m = Month(year, month_number)
    return Period("month", m, m)


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period key; raise PeriodError with a Swedish message when it is malformed.
    Cached: the same keys stand on thousands of rows."""
    s = str(text).strip()
    try:
        if m := _MONTH.match(s):
            mo = Month(int(m[1]), int(m[2]))
            return Period("month", mo, mo)
        if m := _RANGE.match(s):
            first, last = Month(int(m[1]), int(m[2])), Month(int(m[3]), int(m[4]))
            if first.year != last.year or last <= first:
                raise PeriodError("en sammanslagen period går från en tidigare till en senare månad inom samma år")
            return Period("combined", first, last)
        if m := _INTERIM.match(s):
            label = m[2].upper()
            return Period("interim", Month(int(m[1]), 1), Month(int(m[1]), INTERIM_END_MONTH[label]), label)
        if m := _YEAR.match(s):
            return Period("year", Month(int(m[1]), 1), Month(int(m[1]), 12))
    except PeriodError as exc:
        raise PeriodError(f"perioden {s!r} går inte att läsa: {exc}") from None
    raise PeriodError(
        f"perioden {s!r} går inte att läsa; skriv ÅÅÅÅ-MM (2024-03), ÅÅÅÅ-MM..ÅÅÅÅ-MM (2023-06..2023-07), "
        "ÅÅÅÅ-T1, ÅÅÅÅ-T2 eller ÅÅÅÅ"
    )


def reporting_period(text: str) -> Period:
    """A month or combined period, as a monthly report is for."""
    p = parse_period(text)
    if p.kind not in ("month", "combined"):
        raise PeriodError(f"en månadsrapport gäller en månad eller en sammanslagen period, inte {p.key!r}")
    return p


def current_month(today: date | None = None) -> Month:
    today = today or date.today()
    return Month(today.year, today.month)
