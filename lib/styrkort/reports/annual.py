"""The verksamhetsberättelse: what became of the plan's goals, indicators, assignments, risks and
budget in the year it closes.

* Goals: each goal area's year assessment is proposed from its monthly outcomes by
  :data:`~styrkort.reports.outcomes.YEAR_RULE`; the analyst may assess a board goal otherwise, with a
  reason (``malbedomning``), and the area then sums up its goals.
* Indicators: the year's value is December's (the reporting period holding it), set against the
  target or the baseline year as in the monthly reports, with the two years before beside it.
* Economy: the closed year's outcome per activity area (``arsutfall``, which the loader holds equal to
  December's outcome to date; without it, December's ``ekonomi``). The board's result is outcome −
  budget (net costs negative: positive is a surplus against its allocation); the items of
  ``balanskrav`` take it to its part of the balance-requirement result.
* Forecast accuracy: every full-year forecast made in the year (each month's, T1 = April's, T2 =
  August's) against the final outcome. Deviation = forecast − outcome: positive when the forecast
  promised a lower cost than the year came to.
"""

from __future__ import annotations

from dataclasses import dataclass

from styrkort.data.loading import Dataset
from styrkort.data.params import BudgetThresholds, Params
from styrkort.data.periods import MONTHS_LONG, Month, Period, parse_period
from styrkort.data.status import Status
from styrkort.data.values import optional_float
from styrkort.reports.adjustments import Adjustments, Entry
from styrkort.reports.economy import budget_rule_text, deviation_status, percent_of
from styrkort.reports.indicators import IndicatorResult, indicator_results
from styrkort.reports.interim import staff_at
from styrkort.reports.kinds import ANNUAL, Header, closing_period
from styrkort.reports.monthly import OrganisationChange, organisation_changes
from styrkort.reports.outcomes import (YEAR_RULE, StripCell, area_outcomes, combined_year_assessment,
                                       proposed_year_assessment, strip)
from styrkort.reports.plan import Staff
from styrkort.reports.risks import Risk, risk_register, with_assessments


@dataclass(frozen=True)
class GoalYear:
    """A board goal's assessment for the year: the proposal, or the analyst's with its reason."""

    goal_id: str
    text: str
    proposed: str | None
    override: Entry | None = None

    @property
    def assessment(self) -> str | None:
        return str(self.override.get("bedomning")) if self.override else self.proposed


@dataclass(frozen=True)
class IndicatorYear:
    """An indicator's year: December's result, and its values at the end of each of the years shown."""

    result: IndicatorResult
    history: tuple[tuple[int, float | None], ...]  # (year, value), oldest first, the report's year last

    @property
    def has_trend(self) -> bool:
        """Three or more years with a value: enough for a trend chart."""
        return sum(v is not None for _, v in self.history) >= 3


@dataclass(frozen=True)
class AreaYear:
    number: int
    name: str
    council_goal: str
    proposed: str | None  # from the monthly outcomes
    goals: tuple[GoalYear, ...]
    strip: tuple[StripCell, ...]
    analysis: str | None
    indicators: tuple[IndicatorYear, ...]

    @property
    def assessment(self) -> str | None:
        if not self.goals:
            return self.proposed
        return combined_year_assessment([g.assessment for g in self.goals])

    @property
    def set_by_hand(self) -> bool:
        return any(g.override for g in self.goals)


@dataclass(frozen=True)
class AssignmentFollowUp:
    assignment_id: str
    area: int
    area_name: str
    text: str
    status: str | None  # None: not followed up in the data
    comment: str


@dataclass(frozen=True)
class YearRow:
    activity: str
    budget: float
    outcome: float
    comment: str = ""

    @property
    def deviation(self) -> float:
        """Outcome − budget, net costs negative: positive is a lower cost than budgeted."""
        return self.outcome - self.budget

    @property
    def deviation_percent(self) -> float | None:
        return percent_of(self.deviation, self.budget)


@dataclass(frozen=True)
class YearEconomy:
    rows: tuple[YearRow, ...]
    total: YearRow
    status: Status | None
    closed: bool  # True: from the closed books (arsutfall); False: December's outcome to date
    balance_items: tuple[tuple[str, float], ...]  # (item, tkr as it changes the result)

    @property
    def result(self) -> float:
        """The board's result against its allocation, tkr (positive = surplus)."""
        return self.total.deviation

    @property
    def balance_result(self) -> float:
        """The board's part of the balance-requirement result."""
        return self.result + sum(amount for _, amount in self.balance_items)


@dataclass(frozen=True)
class Forecast:
    month: Month
    label: str  # "april (T1)"
    forecast: float
    outcome: float

    @property
    def deviation(self) -> float:
        """Forecast − outcome: positive when the forecast promised a lower cost than the year came to."""
        return self.forecast - self.outcome

    @property
    def deviation_percent(self) -> float | None:
        return percent_of(self.deviation, self.outcome)


@dataclass(frozen=True)
class StaffYear:
    year: int
    fte: float
    sick_leave: float
    turnover: float


@dataclass(frozen=True)
class RiskFollowUp:
    """A risk of the plan at the year's end: were its actions carried out, did it happen, how it stands."""

    planned: Risk
    closing: Risk | None  # the closing probability and consequence; None where not assessed
    actions_done: str | None  # "ja", "delvis", "nej"; None: not followed up
    materialised: bool | None
    comment: str
    override: Entry | None = None


@dataclass(frozen=True)
class ControlPoint:
    control_id: str
    process: str
    point: str
    method: str
    result: str
    deviation: bool
    action: str


@dataclass(frozen=True)
class AnnualReport:
    header: Header
    period: Period
    december: Period  # the reporting period that closes the year
    rule_text: str
    budget_rule: str
    summary: str | None
    events: str | None
    areas: tuple[AreaYear, ...]
    changes: tuple[OrganisationChange, ...]
    assignments: tuple[AssignmentFollowUp, ...]
    economy: YearEconomy
    economy_text: str | None
    forecasts: tuple[Forecast, ...]
    staff: tuple[StaffYear, ...]  # this year and the year before, where the data has them
    staff_units: Staff  # the units and their FTEs as the year ends
    staff_text: str | None
    risks: tuple[RiskFollowUp, ...]
    internal_control: tuple[ControlPoint, ...]
    outlook: str | None


def _area_years(data: Dataset, p: Period, december: Period, params: Params,
                adjustments: Adjustments | None) -> tuple[AreaYear, ...]:
    areas = data.goal_areas[data.goal_areas["ar"] == p.year].sort_values("malomrade")
    numbers = [int(a) for a in areas["malomrade"]]
    overrides = adjustments.overrides_for(december.key) if adjustments else None
    outcomes = area_outcomes(data.assessments, data.units_of_periods(p.year), numbers, params.status_rule, overrides)
    out = []
    for area in areas.itertuples(index=False):
        n = int(area.malomrade)
        cells = tuple(strip(outcomes, n, december))
        proposed = proposed_year_assessment([c.status for c in cells])
        goals = data.board_goals[(data.board_goals["ar"] == p.year) & (data.board_goals["malomrade"] == n)]
        out.append(AreaYear(
            n, area.namn, area.kommunmal, proposed,
            tuple(GoalYear(str(g), text, proposed, adjustments.goal_assessment(str(g)) if adjustments else None)
                  for g, text in zip(goals["mal_id"], goals["mal"])),
            cells, data.text(p.key, f"analys-{n}"), _indicator_years(data, december, n, params)))
    return tuple(out)


def _indicator_years(data: Dataset, december: Period, area: int, params: Params) -> tuple[IndicatorYear, ...]:
    year = december.year
    results = indicator_results(data.indicators, data.indicator_values, december, area, params.indicators)
    values = data.indicator_values[data.indicator_values["enhet_id"].isna()]
    out = []
    for r in results:
        own = values[values["indikator_id"] == r.indicator_id]
        by_year = {}
        for key, value in zip(own["period"], own["varde"]):
            q = parse_period(key)
            if q.contains(Month(q.year, 12)):
                by_year[q.year] = float(value)
        by_year[year] = r.value
        out.append(IndicatorYear(r, tuple((y, by_year.get(y)) for y in range(year - 2, year + 1))))
    return tuple(out)


def _assignments(data: Dataset, year: int) -> tuple[AssignmentFollowUp, ...]:
    planned = data.assignments[data.assignments["ar"] == year].sort_values("malomrade", kind="stable")
    done = data.assignment_follow_up[data.assignment_follow_up["ar"] == year]
    follow = {i: (s, c) for i, s, c in zip(done["uppdrag_id"], done["status"], done["kommentar"])}
    areas = data.goal_areas[data.goal_areas["ar"] == year]
    names = dict(zip(areas["malomrade"], areas["namn"]))
    return tuple(AssignmentFollowUp(i, int(a), names.get(a, str(a)), text, *follow.get(i, (None, "")))
                 for i, a, text in zip(planned["uppdrag_id"], planned["malomrade"], planned["uppdrag"]))


def year_economy(data: Dataset, year: int, thresholds: BudgetThresholds) -> YearEconomy:
    """The closed year's outcome per activity area against its budget, in the activity areas' order."""
    order = {a: i for i, a in enumerate(data.activity_areas["verksamhet"])}
    closed = data.year_outcome[data.year_outcome["ar"] == year]
    if closed.empty:
        december = data.economy[data.economy["period"] == f"{year}-12"]
        rows = [YearRow(a, float(b), float(o)) for a, b, o in
                zip(december["verksamhet"], december["budget"], december["utfall"])]
    else:
        rows = [YearRow(a, float(b), float(o), c or "") for a, b, o, c in
                zip(closed["verksamhet"], closed["budget"], closed["utfall"], closed["kommentar"])]
    rows.sort(key=lambda r: order.get(r.activity, len(order)))
    total = YearRow("Totalt", sum(r.budget for r in rows), sum(r.outcome for r in rows))
    items = data.balance_items[data.balance_items["ar"] == year].sort_values("ordning")
    return YearEconomy(tuple(rows), total, deviation_status(total.deviation_percent, thresholds), not closed.empty,
                       tuple((h, float(a)) for h, a in zip(items["rubrik"], items["belopp"])))


def forecast_accuracy(data: Dataset, year: int, outcome: float) -> tuple[Forecast, ...]:
    """Each month's full-year forecast for the whole administration (every activity area forecast) against
    the year's ``outcome``; December's, made when the year was done, is left out."""
    out = []
    for month in range(1, 12):
        rows = data.economy[data.economy["period"] == f"{year}-{month:02d}"]
        forecasts = [optional_float(f) for f in rows["prognos"]]
        if rows.empty or any(f is None for f in forecasts):
            continue
        label = MONTHS_LONG[month - 1] + {4: " (T1)", 8: " (T2)"}.get(month, "")
        out.append(Forecast(Month(year, month), label, sum(forecasts), outcome))
    return tuple(out)


def _staff(data: Dataset, year: int) -> tuple[StaffYear, ...]:
    rows = data.staff_figures[data.staff_figures["ar"].isin([year - 1, year])].sort_values("ar")
    return tuple(StaffYear(int(y), float(f), float(s), float(t)) for y, f, s, t in
                 zip(rows["ar"], rows["arsarbetare"], rows["sjukfranvaro"], rows["personalomsattning"]))


def _risks(data: Dataset, year: int, params: Params, adjustments: Adjustments | None) -> tuple[RiskFollowUp, ...]:
    planned = risk_register(data.risks, data.goal_areas, year, params.risk)
    rows = data.risk_follow_up[data.risk_follow_up["ar"] == year]
    follow = {r["risk_id"]: r for r in rows.to_dict("records")}
    given = {i: (int(r["sannolikhet"]), int(r["konsekvens"])) for i, r in follow.items()
             if optional_float(r["sannolikhet"]) is not None and optional_float(r["konsekvens"]) is not None}
    changes = {**given, **(adjustments.risk_changes() if adjustments else {})}
    comments = {**{i: r["kommentar"] for i, r in follow.items()},
                **(adjustments.risk_assessments() if adjustments else {})}
    closing = {r.risk_id: r for r in with_assessments(planned, changes, params.risk, comments)}
    entries = {e.get("risk"): e for e in adjustments.risks} if adjustments else {}
    out = []
    for r in planned:
        f = follow.get(r.risk_id, {})
        out.append(RiskFollowUp(r, closing[r.risk_id] if r.risk_id in changes else None, f.get("genomforda"),
                                {"ja": True, "nej": False}.get(f.get("intraffad")),
                                comments.get(r.risk_id, ""), entries.get(r.risk_id)))
    return tuple(out)


def _internal_control(data: Dataset, year: int) -> tuple[ControlPoint, ...]:
    rows = data.internal_control[data.internal_control["ar"] == year]
    return tuple(ControlPoint(r["kontroll_id"], r["process"], r["kontrollmoment"], r["metod"] or "", r["resultat"],
                              r["avvikelse"] == "ja", r["atgard"] or "") for r in rows.to_dict("records"))


def annual_report(data: Dataset, p: Period, params: Params, adjustments: Adjustments | None = None) -> AnnualReport:
    """The verksamhetsberättelse for the year ``p``, resolved by :data:`~styrkort.reports.kinds.ANNUAL`."""
    december = closing_period(data, parse_period(f"{p.year}-12"))
    economy = year_economy(data, p.year, params.budget_deviation)

    def text(name: str) -> str | None:
        return data.text(p.key, name)  # the year's texts, texter/<year>/

    return AnnualReport(
        ANNUAL.header(data, p), p, december, YEAR_RULE, budget_rule_text(params.budget_deviation),
        text("sammanfattning"), text("viktiga-handelser"), _area_years(data, p, december, params, adjustments),
        organisation_changes(data, december), _assignments(data, p.year), economy, text("ekonomi"),
        forecast_accuracy(data, p.year, economy.total.outcome), _staff(data, p.year), staff_at(data, december),
        text("personal"), _risks(data, p.year, params, adjustments), _internal_control(data, p.year),
        text("framtid"))
