"""The monthly report's content, computed from a dataset: one call, one frozen object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from styrkort.data.loading import Dataset
from styrkort.data.params import Params
from styrkort.data.periods import Month, Period
from styrkort.data.status import Status
from styrkort.reports.adjustments import Adjustments
from styrkort.reports.economy import (EconomySummary, UnitEconomy, budget_rule_text, budget_target_text,
                                      economy_summary, unit_economy)
from styrkort.reports.indicators import IndicatorResult, indicator_results
from styrkort.reports.kinds import MONTHLY, Header
from styrkort.reports.outcomes import AreaOutcome, Override, StripCell, area_outcomes, strip


@dataclass(frozen=True)
class UnitResult:
    unit_id: str
    name: str
    status: Status | None  # None: not reported
    comment: str


@dataclass(frozen=True)
class AreaSection:
    number: int
    name: str
    council_goal: str
    board_goals: tuple[str, ...]
    outcome: AreaOutcome
    indicators: tuple[IndicatorResult, ...]
    units: tuple[UnitResult, ...]
    strip: tuple[StripCell, ...]
    analysis: str | None
    budget_deviation: EconomySummary | None  # only on the economy goal area


@dataclass(frozen=True)
class OrganisationChange:
    """A change of the units in the report's year: ``old`` units became ``new`` ones from ``month``
    (a split, a merger or a replacement), or a unit closed (no ``new``) or opened (no ``old``)."""

    month: Month
    old: tuple[str, ...]
    new: tuple[str, ...]
    description: str = ""


def organisation_changes(data: Dataset, p: Period) -> tuple[OrganisationChange, ...]:
    """The units' changes from January of ``p``'s year up to its last month, by unit name."""
    life = data.lifecycle
    names = dict(zip(data.units["enhet_id"], data.units["namn"]))
    groups: dict[tuple[Month, str], list] = {}
    for c in life.changes_in(p.year, p.last):
        groups.setdefault((c.month, c.old), []).append(c)
    merged: dict[tuple[Month, tuple[str, ...]], list[str]] = {}
    for (month, old), changes in groups.items():
        merged.setdefault((month, tuple(sorted(c.new for c in changes))), []).append(old)
    out = []
    for (month, new), olds in merged.items():
        described = [c.description for c in life.changes if c.month == month and c.old in olds and c.description]
        out.append(OrganisationChange(month, tuple(names[o] for o in sorted(olds)), tuple(names[n] for n in new),
                                      " ".join(dict.fromkeys(described))))
    changed = {c.old for c in life.changes} | {c.new for c in life.changes}
    for unit, span in life.spans.items():
        if unit in changed:
            continue
        if span.last and span.last.year == p.year and span.last < p.last:
            out.append(OrganisationChange(span.last.next(), (names[unit],), ()))
        if span.first and span.first.year == p.year and span.first <= p.last:
            out.append(OrganisationChange(span.first, (), (names[unit],)))
    return tuple(sorted(out, key=lambda c: (c.month, c.old, c.new)))


@dataclass(frozen=True)
class GoalReport:
    """A report with goal sections: what the overview, the areas and "Om rapporten" show."""

    header: Header
    period: Period
    rule_text: str
    budget_rule: str
    budget_target: str
    events: str | None
    areas: tuple[AreaSection, ...]
    changes: tuple[OrganisationChange, ...]  # the units' changes in the year so far


@dataclass(frozen=True)
class MonthlyReport(GoalReport):
    economy: EconomySummary | None
    economy_text: str | None
    unit_economy: tuple[UnitEconomy, ...] = ()
    #: False for a period without its own economic follow-up (June–July): the economy section
    #: then holds the period's economy text only; the economy goal area keeps its deviation.
    economic_follow_up: bool = True


def goal_sections(data: Dataset, p: Period, params: Params, overrides: Mapping[tuple[str, int], Override] | None,
                  text_period: str, economy: EconomySummary | None) -> tuple[AreaSection, ...]:
    """Per goal area: goals, the outcome, indicators, every unit's result, the strip, the analysis.

    ``p`` is the reporting period whose unit results are shown; analyses are read for
    ``text_period`` (an interim report has texts of its own); ``economy`` gives the economy
    goal area its budget-deviation row."""
    year_areas = data.goal_areas[data.goal_areas["ar"] == p.year].sort_values("malomrade")
    area_ids = [int(a) for a in year_areas["malomrade"]]
    outcomes = area_outcomes(data.assessments, data.units_of_periods(p.year), area_ids, params.status_rule,
                             overrides)
    units = data.units_in(p)
    assessments = data.assessments[data.assessments["period"] == p.key]
    by_unit_area = {(u, a): (s, c) for u, a, s, c in
                    zip(assessments["enhet_id"], assessments["malomrade"], assessments["status"], assessments["kommentar"])}
    sections = []
    for area in year_areas.itertuples(index=False):
        n = int(area.malomrade)
        goals = data.board_goals[(data.board_goals["ar"] == p.year) & (data.board_goals["malomrade"] == n)]
        unit_results = []
        for u in units.itertuples(index=False):
            status, comment = by_unit_area.get((u.enhet_id, n), (None, None))
            unit_results.append(UnitResult(u.enhet_id, u.namn, Status(status) if status else None, comment or ""))
        sections.append(AreaSection(
            number=n, name=area.namn, council_goal=area.kommunmal,
            board_goals=tuple(goals.sort_values("mal_id")["mal"]),
            outcome=outcomes[(p.key, n)],
            indicators=tuple(indicator_results(data.indicators, data.indicator_values, p, n, params.indicators)),
            units=tuple(unit_results),
            strip=tuple(strip(outcomes, n, p)),
            analysis=data.text(text_period, f"analys-{n}"),
            budget_deviation=economy if n == params.economy_goal_area else None,
        ))
    return tuple(sections)


def monthly_report(data: Dataset, p: Period, params: Params,
                   adjustments: Adjustments | None = None) -> MonthlyReport:
    """The monthly report for ``p``, a reporting period resolved by :data:`~styrkort.reports.kinds.MONTHLY`."""
    overrides = adjustments.overrides_for(p.key) if adjustments else None
    economy = economy_summary(data.economy, list(data.activity_areas["verksamhet"]), p.last.key,
                              params.budget_deviation, data.monthly_budgets)
    sections = goal_sections(data, p, params, overrides, p.key, economy)
    header = MONTHLY.header(data, p)
    return MonthlyReport(header, p, params.status_rule.describe(), budget_rule_text(params.budget_deviation),
                         budget_target_text(params.budget_deviation), data.text(p.key, "viktiga-handelser"),
                         sections, organisation_changes(data, p), economy, data.text(p.key, "ekonomi"),
                         unit_economy(data.unit_economy, data.units_in(p), p.last.key, data.monthly_budgets,
                                      _comments(data.economy_comments, p.key))
                         if economy is not None else (),
                         data.has_economic_follow_up(MONTHLY.document, p.key))


def _comments(frame, period_key: str) -> dict[str, str]:
    rows = frame[frame["period"] == period_key]
    return dict(zip(rows["enhet_id"], rows["kommentar"]))
