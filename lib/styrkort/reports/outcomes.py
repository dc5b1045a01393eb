"""The administration's outcome per goal area and period: one stored value for every place.

The overview, the area section and the Jan–Dec strip all read :func:`area_outcomes`,
so they cannot disagree (the seed report contradicts itself on exactly this).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import pandas as pd

from styrkort.data.params import StatusRule
from styrkort.data.periods import MONTHS_SHORT, Month, Period, parse_period
from styrkort.data.status import Status
from styrkort.reports.rollup import Distribution, distribution, rollup_status


@dataclass(frozen=True)
class Override:
    """A status set by the analyst instead of the proposal, with the reason that is kept."""

    status: Status
    reason: str
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class AreaOutcome:
    period: str
    area: int
    proposed: Status | None
    status: Status | None
    distribution: Distribution
    override: Override | None = None

    @property
    def set_by_hand(self) -> bool:
        return self.override is not None


def area_outcomes(assessments: pd.DataFrame, units_of: Mapping[str, Sequence[str]], areas: list[int],
                  rule: StatusRule,
                  overrides: Mapping[tuple[str, int], Override] | None = None) -> dict[tuple[str, int], AreaOutcome]:
    """Outcome for every (period, area) of ``units_of`` (period → the units that existed in it, the
    ones counted): proposed by ``rule``, replaced where the analyst set one."""
    periods = list(units_of)
    overrides = overrides or {}
    status_of = {s.value: s for s in Status}
    rows = assessments[assessments["period"].isin(periods)]
    by_key = {(p, u, a): status_of[s] for p, u, a, s in
              zip(rows["period"], rows["enhet_id"], rows["malomrade"], rows["status"])}
    out = {}
    for period in periods:
        for area in areas:
            dist = distribution(by_key.get((period, u, area)) for u in units_of[period])
            proposed = rollup_status(dist, rule)
            override = overrides.get((period, area))
            out[(period, area)] = AreaOutcome(period, area, proposed, override.status if override else proposed,
                                              dist, override)
    return out


@dataclass(frozen=True)
class StripCell:
    month: str  # "jan", "feb", …
    status: Status | None  # None: not reported (yet)


def strip(outcomes: Mapping[tuple[str, int], AreaOutcome], area: int, upto: Period) -> list[StripCell]:
    """Jan–Dec of ``upto``'s year: each month shows the outcome of the reporting period it belongs to,
    for periods up to and including ``upto``; later months stay empty ("uppdateras löpande")."""
    by_month: dict[Month, Status | None] = {}
    for (period_key, a), outcome in outcomes.items():
        p = parse_period(period_key)
        if a == area and p.year == upto.year and p.last <= upto.last:
            for m in p.months:
                by_month[m] = outcome.status
    return [StripCell(MONTHS_SHORT[i], by_month.get(Month(upto.year, i + 1))) for i in range(12)]


#: The year's assessment of a goal, as the verksamhetsberättelse gives it.
MET, PARTLY_MET, NOT_MET = YEAR_ASSESSMENTS = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt")

YEAR_RULE = ("Årets bedömning föreslås från målområdets utfall månad för månad: ej uppfyllt när året slutar "
             "rött eller mer än hälften av månaderna var röda, uppfyllt när året slutar grönt och minst hälften "
             "av månaderna var gröna, annars delvis uppfyllt. Ett nämndmål får målområdets förslag om inte "
             "förvaltningen har bedömt det för sig med en motivering. Målområdet sammanfattar sedan sina mål: "
             "uppfyllt när alla är uppfyllda, ej uppfyllt när inget är det, annars delvis uppfyllt.")


def proposed_year_assessment(months: Sequence[Status | None]) -> str | None:
    """The year's assessment that :data:`YEAR_RULE` proposes from the months' outcomes (a combined
    period counts once per month it covers); None for a year without outcomes."""
    known = [s for s in months if s is not None]
    if not known:
        return None
    red, green = sum(s is Status.ROD for s in known), sum(s is Status.GRON for s in known)
    if known[-1] is Status.ROD or 2 * red > len(known):
        return NOT_MET
    if known[-1] is Status.GRON and 2 * green >= len(known):
        return MET
    return PARTLY_MET


def combined_year_assessment(goals: Sequence[str | None]) -> str | None:
    """A goal area's assessment from its goals' (:data:`YEAR_RULE`)."""
    known = [g for g in goals if g is not None]
    if not known:
        return None
    if all(g == MET for g in known):
        return MET
    return NOT_MET if all(g == NOT_MET for g in known) else PARTLY_MET
