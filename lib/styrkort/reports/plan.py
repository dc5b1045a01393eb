"""The annual plan's content (nämnd- och förvaltningsplan), in the seed's order."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from styrkort.data.bridge import Bridge, bridge_from_rows, with_changes
from styrkort.data.contract import AGENDA_2030
from styrkort.data.loading import Dataset
from styrkort.data.params import Params, RiskSettings
from styrkort.data.periods import Period, parse_period
from styrkort.data.status import Status
from styrkort.data.values import optional_float
from styrkort.reports.adjustments import Adjustments, Entry
from styrkort.reports.budget import NetCostTable, net_cost_table
from styrkort.reports.indicators import baseline_year, decimals_of
from styrkort.reports.kinds import PLAN, Header
from styrkort.reports.risks import Risk, risk_register, with_assessments


@dataclass(frozen=True)
class PlanIndicator:
    name: str
    direction: str
    target: float | None
    unit: str
    baseline_year: int  # the year the outcome is compared with
    target_max: float | None = None
    decimals: int = 0


@dataclass(frozen=True)
class PlanArea:
    number: int
    name: str
    heading: str
    council_goal: str
    assignment: str | None  # the text politiskt-uppdrag-<n>.md, where the data has no uppdrag for the area
    priorities: str | None
    board_goals: tuple[str, ...]
    indicators: tuple[PlanIndicator, ...]
    agenda_2030: tuple[tuple[int, str], ...] = ()  # (goal number, its name)
    assignments: tuple[str, ...] = ()  # the area's political assignments in ``uppdrag``


@dataclass(frozen=True)
class Staff:
    units: tuple[tuple[str, str, float], ...]  # (unit, activity area, FTE)

    @property
    def total(self) -> float:
        return sum(fte for _, _, fte in self.units)


@dataclass(frozen=True)
class Rate:
    service: str
    variant: str
    amount: float
    per: str
    description: str


@dataclass(frozen=True)
class Activity:
    text: str
    comment: str
    status: Status | None


@dataclass(frozen=True)
class Appendix:
    number: int
    title: str
    body: str
    wheel: tuple[tuple[int, tuple[str, ...]], ...] = ()  # the year's wheel: (month, what happens)


@dataclass(frozen=True)
class AnnualPlan:
    header: Header
    year: int
    priorities: str | None
    situation: str | None
    vision: str | None
    areas: tuple[PlanArea, ...]
    activities: tuple[Activity, ...]
    risk_intro: str | None
    risks: tuple[Risk, ...]
    risk_settings: RiskSettings
    resources_intro: str | None
    staff: Staff
    net_costs: NetCostTable | None
    bridge: Bridge | None
    rates: tuple[Rate, ...]
    appendices: tuple[Appendix, ...]
    # As the data states them, where the analyst's adjustments changed them.
    stated_bridge: Bridge | None = None
    stated_risks: tuple[Risk, ...] = ()
    bridge_adjustments: tuple[Entry, ...] = ()
    risk_adjustments: tuple[Entry, ...] = ()


def _appendix(number: int, text: str) -> Appendix:
    """The appendix's first heading is its title; the rest is its body."""
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("#"):
        return Appendix(number, lines[0].lstrip("#").strip(), "\n".join(lines[1:]).strip())
    return Appendix(number, f"Bilaga {number}", text)


def _with_wheel(appendices: list[Appendix], wheel: pd.DataFrame, year: int) -> tuple[Appendix, ...]:
    """The year's wheel in the appendix whose title names it, or in an appendix of its own after the others."""
    rows = wheel[wheel["ar"] == year]
    if rows.empty:
        return tuple(appendices)
    months: dict[int, list[str]] = {}
    for r in rows.sort_values("_row").itertuples(index=False):
        months.setdefault(int(r.manad), []).append(r.aktivitet)
    by_month = tuple((m, tuple(months[m])) for m in sorted(months))
    at = next((i for i, a in enumerate(appendices) if "årshjul" in a.title.casefold()), None)
    if at is None:
        n = max((a.number for a in appendices), default=0) + 1
        return (*appendices, Appendix(n, f"Bilaga {n} – Årshjul för styrprocess och uppföljning {year}", "", by_month))
    appendices[at] = replace(appendices[at], wheel=by_month)
    return tuple(appendices)


def _plan_indicator(row, year: int) -> PlanIndicator:
    target, target_max = optional_float(row.malvarde), optional_float(getattr(row, "malvarde_max", None))
    return PlanIndicator(row.namn, row.riktning, target, row.mattenhet or "", baseline_year(row, year), target_max,
                         decimals_of(row, target, target_max))


def annual_plan(data: Dataset, p: Period, params: Params,
                adjustments: Adjustments | None = None) -> AnnualPlan:
    """The plan for the year ``p``, resolved by :data:`~styrkort.reports.kinds.PLAN`."""
    y, key = p.year, p.key

    def text(name: str) -> str | None:
        return data.text(key, name)

    areas = []
    for a in data.goal_areas[data.goal_areas["ar"] == y].sort_values("malomrade").itertuples(index=False):
        n = int(a.malomrade)
        goals = data.board_goals[(data.board_goals["ar"] == y) & (data.board_goals["malomrade"] == n)]
        inds = data.indicators[(data.indicators["ar"] == y) & (data.indicators["malomrade"] == n)]
        assignments = tuple(data.assignments[(data.assignments["ar"] == y) & (data.assignments["malomrade"] == n)]
                            ["uppdrag"])
        areas.append(PlanArea(
            n, a.namn, a.rubrik, a.kommunmal, None if assignments else text(f"politiskt-uppdrag-{n}"),
            text(f"inriktning-{n}"),
            tuple(goals.sort_values("mal_id")["mal"]),
            tuple(_plan_indicator(i, y) for i in inds.itertuples(index=False)),
            tuple((int(g), AGENDA_2030[int(g) - 1]) for g in sorted(
                data.agenda_2030[(data.agenda_2030["ar"] == y) & (data.agenda_2030["malomrade"] == n)]["mal"])),
            assignments))
    stated_risks = risks = risk_register(data.risks, data.goal_areas, y, params.risk)
    stated_bridge = bridge_from_rows(data.allocation, y) if (data.allocation["ar"] == y).any() else None
    bridge = stated_bridge
    if adjustments is not None:
        risks = with_assessments(risks, adjustments.risk_changes(), params.risk, adjustments.risk_assessments())
        if bridge is not None and adjustments.bridge:
            bridge = with_changes(bridge, adjustments.bridge_amounts(), adjustments.bridge_rates())
    units = data.units_in(parse_period(f"{y}-01"))  # the organisation as the plan's year begins
    staff = Staff(tuple(zip(units["namn"], units["verksamhet"], (float(x) for x in units["arsarbetare"]))))
    rates = tuple(Rate(r.insats, r.variant or "", float(r.belopp), r.enhet, r.beskrivning or "")
                  for r in data.rates[data.rates["ar"] == y].itertuples(index=False))
    activities = tuple(Activity(r.aktivitet, r.kommentar or "", Status(r.bedomning) if r.bedomning else None)
                       for r in data.accessibility_activities[data.accessibility_activities["ar"] == y]
                       .itertuples(index=False))
    appendix_keys = sorted((int(m[1]), k) for (period, k) in data.texts if period == key
                           and (m := re.fullmatch(r"bilaga-(\d+)", k)))
    appendices = _with_wheel([_appendix(n, data.text(key, k)) for n, k in appendix_keys], data.year_wheel, y)
    header = PLAN.header(data, p)
    return AnnualPlan(header, y, text("politiska-prioriteringar"), text("nulagesanalys"), text("vision"),
                      tuple(areas), activities, text("riskhantering"), tuple(risks), params.risk,
                      text("resurser"), staff, net_cost_table(data.net_costs, y, list(data.activity_areas["verksamhet"])),
                      bridge, rates, appendices, stated_bridge, tuple(stated_risks),
                      adjustments.bridge if adjustments else (), adjustments.risks if adjustments else ())
