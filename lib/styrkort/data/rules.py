"""Rules the data keeps, each written once: the loader, the intake and the adjustments apply them."""

from __future__ import annotations

from typing import Iterable

from styrkort.data.periods import Period, parse_period
from styrkort.data.values import whole_number


def overlapping_period(p: Period, others: Iterable[str]) -> Period | None:
    """The first period of ``others`` that shares a month with ``p`` without being ``p``: a month
    belongs to one reporting period only (2023-07 cannot stand beside 2023-06..2023-07)."""
    for key in others:
        other = parse_period(key)
        if other.key != p.key and any(other.contains(m) for m in p.months):
            return other
    return None


class GoalAreas:
    """The goal areas of each year, from ``malomraden``: an area exists only for the years it is
    given for (the areas may change between plan years)."""

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        self._by_year: dict[int, list[int]] = {}
        for year, area in pairs:
            if year is not None and area is not None:
                self._by_year.setdefault(int(year), []).append(int(area))

    def of(self, year: int) -> list[int]:
        """The year's area numbers, in order."""
        return sorted(self._by_year.get(int(year), []))

    def years(self) -> list[int]:
        return sorted(self._by_year)

    def unknown(self, area: object, year: int) -> str | None:
        """None when ``area`` is a goal area of ``year``; else the Swedish message saying so."""
        known = self.of(year)
        if whole_number(area) in known:
            return None
        return f"målområde {area} finns inte för {year} i malomraden; kända: {', '.join(map(str, known)) or 'inga'}"
