"""Interim reports (delårsrapport T1 = Jan–Apr, T2 = Jan–Aug): the monthly content for the
period to date, plus the economy to date and the full-year forecast per activity area.

The budget for the months to date is the sum of the months' budgets where the data periodises
the budget (``manadsbudget``), else the annual budget × months / 12; the report says which. The
forecast's change is measured against the previous
interim report's forecast (T2 against T1), or for T1 against the latest earlier forecast of
the year. For T2, the statutory interim report, the forecast result is set against the
balance requirement: a board keeps it when its forecast net cost stays within its
allocation (result ≥ 0); the balance-requirement result proper is set for the municipality
as a whole, and this is the board's contribution to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from styrkort.data.errors import ReportError
from styrkort.data.loading import Dataset
from styrkort.data.params import BudgetThresholds, Params
from styrkort.data.periods import Month, Period, parse_period
from styrkort.data.status import Status
from styrkort.data.values import optional_float as _num
from styrkort.reports.adjustments import Adjustments, Entry
from styrkort.data.budgets import MonthlyBudgets
from styrkort.reports.economy import (EconomyRow, basis_text, budget_rule_text, budget_target_text, deviation_status,
                                      economy_summary)
from styrkort.reports.kinds import INTERIM, closing_period
from styrkort.reports.monthly import GoalReport, goal_sections, organisation_changes
from styrkort.reports.plan import Staff


@dataclass(frozen=True)
class InterimRow(EconomyRow):
    """An economy row with what an interim report adds: the previous forecast and the analyst's
    adjustment (already included in ``forecast``)."""

    previous_forecast: float | None = None
    adjustment: Entry | None = None

    @property
    def forecast_change(self) -> float | None:
        if self.forecast is None or self.previous_forecast is None:
            return None
        return self.forecast - self.previous_forecast


@dataclass(frozen=True)
class InterimEconomy:
    month: Month
    rows: tuple[InterimRow, ...]
    total: InterimRow
    status: Status | None
    previous_month: Month | None
    balance_checked: bool  # T2: the forecast result against the balance requirement
    periodised: tuple[str, ...] = ()  # the activity areas whose budget to date is periodised

    @property
    def basis(self) -> str:
        return basis_text(self.periodised, tuple(r.activity for r in self.rows), self.month)

    @property
    def forecast_result(self) -> float | None:
        """The board's forecast result against its allocation, tkr (positive = surplus)."""
        return self.total.deviation

    @property
    def keeps_balance(self) -> bool | None:
        r = self.forecast_result
        return None if r is None else r >= 0


@dataclass(frozen=True)
class GoalForecast:
    """Will a goal area's goals be met this year: the administration's forecast, or a proposal."""

    area: int
    name: str
    forecast: str  # "uppfylls", "uppfylls delvis" or "uppfylls inte"
    reasoning: str
    proposed: bool  # True: proposed from the period's outcome, the data has none


#: The forecast a period's outcome proposes, where the administration has given none.
PROPOSED = {Status.GRON: "uppfylls", Status.GUL: "uppfylls delvis", Status.ROD: "uppfylls inte"}


@dataclass(frozen=True)
class InterimReport(GoalReport):
    as_of: Period  # the last reporting period inside the interim period
    economy: InterimEconomy
    economy_text: str | None
    forecasts: tuple[GoalForecast, ...] = ()
    staff: Staff | None = None


def goal_forecasts(data: Dataset, p: Period, areas) -> tuple[GoalForecast, ...]:
    """Per goal area: the forecast for the year that ``malprognos`` gives for ``p``, else the one the
    closing period's outcome proposes."""
    given = data.goal_forecasts[data.goal_forecasts["period"] == p.key]
    by_area = {int(a): (f, m) for a, f, m in zip(given["malomrade"], given["prognos"], given["motivering"])}
    out = []
    for a in areas:
        if a.number in by_area:
            forecast, reasoning = by_area[a.number]
            out.append(GoalForecast(a.number, a.name, forecast, reasoning, False))
        elif a.outcome.status is not None:
            out.append(GoalForecast(a.number, a.name, PROPOSED[a.outcome.status],
                                    f"Förslag utifrån utfallet för {parse_period(a.outcome.period).name_sv}: "
                                    f"{a.outcome.status.value}.", True))
    return tuple(out)


def staff_at(data: Dataset, p: Period) -> Staff:
    """The units that existed as ``p`` ended, with their permanent FTEs."""
    units = data.units_in(p)
    return Staff(tuple(zip(units["namn"], units["verksamhet"], (float(x) for x in units["arsarbetare"]))))


def _forecasts(economy: pd.DataFrame, month: Month) -> dict[str, float | None]:
    rows = economy[economy["period"] == month.key]
    return {a: _num(f) for a, f in zip(rows["verksamhet"], rows["prognos"])}


def _previous_forecast_month(economy: pd.DataFrame, period: Period) -> Month | None:
    if period.label == "T2":
        t1 = Month(period.year, 4)
        if any(v is not None for v in _forecasts(economy, t1).values()):
            return t1
    m = period.last.previous()
    while m.year == period.year:
        values = _forecasts(economy, m).values()
        if values and all(v is not None for v in values):
            return m
        m = m.previous()
    return None


def interim_economy(economy: pd.DataFrame, activity_order: list[str], period: Period,
                    thresholds: BudgetThresholds, adjustments: tuple[Entry, ...] = (),
                    budgets: MonthlyBudgets | None = None) -> InterimEconomy:
    """The economy to date and the forecast; ``adjustments`` add the analyst's changes (tkr,
    net-cost sign) to the forecasts of the activity areas they name."""
    month = period.last
    now = economy[economy["period"] == month.key]
    if now.empty:
        raise ReportError(f"Det finns ingen ekonomisk uppföljning för {month.key}, som {period.key} kräver.")
    previous_month = _previous_forecast_month(economy, period)
    previous = _forecasts(economy, previous_month) if previous_month else {}
    budgets = budgets or MonthlyBudgets(None)
    order = {a: i for i, a in enumerate(activity_order)}
    changes = {e.get("verksamhet"): e for e in adjustments}
    periodised = []

    def row(r) -> InterimRow:
        forecast, change = _num(r.prognos), changes.get(r.verksamhet)
        if change is not None and forecast is not None:
            forecast += float(change.get("justering"))
        to_date = budgets.to_date(r.verksamhet, month, float(r.budget))
        if to_date.periodised:
            periodised.append(r.verksamhet)
        return InterimRow(r.verksamhet, float(r.budget), float(r.utfall), forecast, to_date.amount,
                          previous.get(r.verksamhet), change)

    rows = tuple(sorted((row(r) for r in now.itertuples(index=False)), key=lambda r: order.get(r.activity, len(order))))

    def total(values):
        values = list(values)
        return None if any(v is None for v in values) else sum(values)

    total_row = InterimRow("Totalt", sum(r.budget for r in rows), sum(r.outcome for r in rows),
                           total(r.forecast for r in rows), sum(r.budget_to_date for r in rows),
                           total(r.previous_forecast for r in rows) if previous_month else None)
    return InterimEconomy(month, rows, total_row, deviation_status(total_row.deviation_percent, thresholds),
                          previous_month, period.label == "T2", tuple(a for a in activity_order if a in periodised))


def interim_report(data: Dataset, p: Period, params: Params,
                   adjustments: Adjustments | None = None) -> InterimReport:
    """The interim report for ``p``, an interim period resolved by :data:`~styrkort.reports.kinds.INTERIM`."""
    as_of = closing_period(data, p)
    overrides = adjustments.overrides_for(as_of.key) if adjustments else None
    texts = INTERIM.text_period(data, p).key
    activities = list(data.activity_areas["verksamhet"])
    month_economy = economy_summary(data.economy, activities, as_of.last.key, params.budget_deviation,
                                    data.monthly_budgets)
    sections = goal_sections(data, as_of, params, overrides, texts, month_economy)
    header = INTERIM.header(data, p)
    economy = interim_economy(data.economy, activities, p, params.budget_deviation,
                              adjustments.forecast if adjustments else (), data.monthly_budgets)
    return InterimReport(header, p, params.status_rule.describe(), budget_rule_text(params.budget_deviation),
                         budget_target_text(params.budget_deviation), data.text(texts, "viktiga-handelser"),
                         sections, organisation_changes(data, as_of), as_of, economy, data.text(texts, "ekonomi"),
                         goal_forecasts(data, p, sections), staff_at(data, as_of))
