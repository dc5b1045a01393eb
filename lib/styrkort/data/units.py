"""Units that open, close, merge and split: when each unit exists, and who took over from whom.

A unit exists from its ``fran`` month to its ``till`` month (either open-ended). A unit is counted,
listed and expected to report in a period when it exists in some month of it. A reorganisation
(``omorganisationer``) says which units took over from one that ended. The loader checks the rules
here; the reports ask :class:`Lifecycle` which units to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from styrkort.data.errors import Problem
from styrkort.data.periods import Month, Period, parse_period


def _month(key: object) -> Month | None:
    return None if key is None or key != key else parse_period(str(key)).first  # NaN != NaN


@dataclass(frozen=True)
class Span:
    """The months a unit exists: ``first``..``last``, None where open."""

    first: Month | None = None
    last: Month | None = None

    def contains(self, m: Month) -> bool:
        return (self.first is None or self.first <= m) and (self.last is None or m <= self.last)

    def meets(self, p: Period) -> bool:
        """The unit exists in some month of ``p``."""
        return any(self.contains(m) for m in p.months)

    def covers(self, p: Period) -> bool:
        """The unit exists in every month of ``p``."""
        return all(self.contains(m) for m in p.months)

    def text(self) -> str:
        """``"2023-09–2024-05"``, ``"från 2023-09"``, ``"till 2024-05"`` or ``"hela tiden"``."""
        if self.first and self.last:
            return f"{self.first.key}–{self.last.key}"
        if self.first:
            return f"från {self.first.key}"
        return f"till {self.last.key}" if self.last else "hela tiden"


@dataclass(frozen=True)
class Change:
    """One reorganisation: ``old`` ended, ``new`` took over (part of) its work from ``month``."""

    month: Month
    old: str
    new: str
    description: str


class Lifecycle:
    """When each unit exists and how the units changed, from ``enheter`` and ``omorganisationer``."""

    def __init__(self, spans: Mapping[str, Span], changes: Iterable[Change] = ()) -> None:
        self.spans = dict(spans)
        self.changes = tuple(sorted(changes, key=lambda c: (c.month, c.old, c.new)))

    @classmethod
    def from_frames(cls, units, reorganisations=None) -> "Lifecycle":
        firsts = units["fran"] if "fran" in units else [None] * len(units)
        lasts = units["till"] if "till" in units else [None] * len(units)
        spans = {u: Span(_month(f), _month(t)) for u, f, t in zip(units["enhet_id"], firsts, lasts)}
        changes = []
        if reorganisations is not None and not reorganisations.empty:
            for d, old, new, text in zip(reorganisations["datum"], reorganisations["fran_enhet"],
                                         reorganisations["till_enhet"], reorganisations["beskrivning"]):
                changes.append(Change(_month(d), old, new, "" if text is None or text != text else str(text)))
        return cls(spans, changes)

    def span(self, unit: str) -> Span:
        return self.spans.get(unit, Span())

    def existing(self, units: Iterable[str], p: Period) -> list[str]:
        """The units (in the order given) that exist in some month of ``p``."""
        return [u for u in units if self.span(u).meets(p)]

    def changes_in(self, year: int, upto: Month) -> list[Change]:
        """Reorganisations of ``year`` up to and including the month ``upto``."""
        return [c for c in self.changes if c.month.year == year and c.month <= upto]

    def successors(self, unit: str) -> list[str]:
        """Every unit that took over from ``unit``, directly or through later changes, in order."""
        return self._related(unit, lambda c: (c.old, c.new))

    def predecessors(self, unit: str) -> list[str]:
        """Every unit ``unit`` took over from, directly or earlier."""
        return self._related(unit, lambda c: (c.new, c.old))

    def _related(self, unit: str, step) -> list[str]:
        """The units reached from ``unit`` by following ``step`` (a change → (from, to)) again and again."""
        out: list[str] = []
        todo = [unit]
        while todo:
            current = todo.pop(0)
            for c in self.changes:
                origin, reached = step(c)
                if origin == current and reached not in out:
                    out.append(reached)
                    todo.append(reached)
        return out


def check_lifecycle(life: Lifecycle, units_file: str, reorg_file: str, unit_rows: Mapping[str, int],
                    reorg_rows: Mapping[tuple[str, str], int]) -> list[Problem]:
    """A span that ends before it begins; an old unit still existing when its successor takes over
    (the spans overlap) or without an end; a successor that does not exist when it takes over."""
    problems = []
    for unit, span in life.spans.items():
        if span.first and span.last and span.last < span.first:
            problems.append(Problem(units_file, f"enheten {unit} slutar ({span.last.key}) innan den börjar "
                                                f"({span.first.key})", row=unit_rows.get(unit), column="till"))
    for c in life.changes:
        row = reorg_rows.get((c.old, c.new))
        old, new = life.span(c.old), life.span(c.new)
        if old.last is None:
            problems.append(Problem(reorg_file, f"{c.old} ersätts av {c.new} från {c.month.key} men har inget "
                                                f"slut i enheter (kolumn till); ange {c.month.previous().key}",
                                    row=row, column="fran_enhet"))
        elif old.last >= c.month:
            problems.append(Problem(reorg_file, f"{c.old} finns till {old.last.key} men ersätts av {c.new} från "
                                                f"{c.month.key}: intervallen överlappar; {c.old} ska sluta senast "
                                                f"{c.month.previous().key}", row=row, column="datum"))
        if not new.contains(c.month):
            problems.append(Problem(reorg_file, f"{c.new} tar över från {c.old} {c.month.key} men finns inte då "
                                                f"(enheter: {new.text()})", row=row, column="till_enhet"))
    return problems


def check_unit_months(life: Lifecycle, file: str, units: Iterable[object], periods: Iterable[str],
                      rows: Iterable[int], column: str = "period") -> list[Problem]:
    """Rows of a unit for a period in which the unit does not exist (an empty unit is the whole
    administration and always allowed)."""
    problems = []
    for unit, key, row in zip(units, periods, rows):
        if unit is None or unit != unit or unit not in life.spans:
            continue
        span, p = life.span(unit), parse_period(str(key))
        if not span.covers(p):
            problems.append(Problem(file, f"enheten {unit} finns {span.text()}, inte under hela {p.key}",
                                    row=row, column=column))
    return problems
