"""Budget deviation and forecast per activity area (tkr, net costs negative).

Deviation = forecast − budget: positive when the year is forecast to cost less than
budgeted. Percent is of the budget's absolute value, so −2 600 on a −300 000 budget is
−0,87 %. Totals are summed from the unrounded figures. The outcome to date is compared with the
budget to date (:mod:`styrkort.data.budgets`: periodised where the data has months' budgets).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import pandas as pd

from styrkort.data import fmt
from styrkort.data.budgets import PERIODISED, MonthlyBudgets
from styrkort.data.params import BudgetThresholds
from styrkort.data.periods import MONTHS_LONG, Month, parse_period
from styrkort.data.status import Status
from styrkort.data.values import optional_float as _forecast


def percent_of(amount: float | None, base: float | None) -> float | None:
    """``amount`` in percent of ``base``'s absolute value (a net cost is negative, its deviation is not
    turned around by it); None without either, or with a base of zero."""
    return None if amount is None or not base else amount / abs(base) * 100


@dataclass(frozen=True)
class EconomyRow:
    activity: str
    budget: float
    outcome: float  # year to date
    forecast: float | None
    budget_to_date: float = 0.0  # the budget for January up to the month

    @property
    def deviation_to_date(self) -> float:
        """Outcome to date − budget to date, net costs negative: positive = lower cost so far."""
        return self.outcome - self.budget_to_date

    @property
    def deviation(self) -> float | None:
        return None if self.forecast is None else self.forecast - self.budget

    @property
    def deviation_percent(self) -> float | None:
        return percent_of(self.deviation, self.budget)


def basis_text(periodised: tuple[str, ...], all_rows: tuple[str, ...], month: Month) -> str:
    """How the budget to date was arrived at, as a report says it."""
    months = f"januari–{MONTHS_LONG[month.month - 1]}" if month.month > 1 else "januari"
    even = f"årsbudget × {month.month}/12"
    if periodised and set(periodised) >= set(all_rows):
        return f"Budget för perioden: {PERIODISED}, summan av månadernas budget {months}."
    if periodised:
        return f"Budget för perioden: {PERIODISED} för {', '.join(periodised)}; för övriga {even}."
    return f"Budget för perioden: {even}, jämnt fördelad över året (underlaget har ingen {PERIODISED})."


@dataclass(frozen=True)
class EconomySummary:
    month: str
    rows: tuple[EconomyRow, ...]
    total: EconomyRow
    status: Status | None
    previous_month: str | None
    previous_forecast: float | None
    periodised: tuple[str, ...] = ()  # the rows whose budget to date is periodised

    @property
    def basis(self) -> str:
        return basis_text(self.periodised, tuple(r.activity for r in self.rows), parse_period(self.month).first)

    @property
    def forecast_change(self) -> float | None:
        """Change of the total full-year forecast since the previous forecast, tkr."""
        if self.previous_forecast is None or self.total.forecast is None:
            return None
        return self.total.forecast - self.previous_forecast


def deviation_status(percent: float | None, thresholds: BudgetThresholds) -> Status | None:
    if percent is None:
        return None
    if percent >= thresholds.green_from:
        return Status.GRON
    return Status.GUL if percent >= thresholds.yellow_from else Status.ROD


def budget_rule_text(t: BudgetThresholds) -> str:
    return (f"Budgetavvikelsen är Grön från {fmt.percent(t.green_from, 1)}, Gul från {fmt.percent(t.yellow_from, 1)}, "
            "annars Röd (i procent av budget; positiv avvikelse är lägre kostnad än budget).")


def budget_target_text(t: BudgetThresholds) -> str:
    """The short form for a table cell: "Grön från 0,0 %, Gul från −1,0 %"."""
    return f"Grön från {fmt.percent(t.green_from, 1)}, Gul från {fmt.percent(t.yellow_from, 1)}"


def _total_forecast(frame: pd.DataFrame) -> float | None:
    forecasts = [_forecast(x) for x in frame["prognos"]]
    return None if not forecasts or any(f is None for f in forecasts) else sum(forecasts)


def economy_summary(economy: pd.DataFrame, activity_order: list[str], month: str,
                    thresholds: BudgetThresholds, budgets: MonthlyBudgets | None = None) -> EconomySummary | None:
    """The economy as of ``month``; None when there is no economic follow-up for it."""
    now = economy[economy["period"] == month]
    if now.empty:
        return None
    budgets = budgets or MonthlyBudgets(None)
    m = parse_period(month).first
    order = {a: i for i, a in enumerate(activity_order)}
    now = now.sort_values("verksamhet", key=lambda s: s.map(order))
    rows, periodised = [], []
    for r in now.itertuples(index=False):
        to_date = budgets.to_date(r.verksamhet, m, float(r.budget))
        rows.append(EconomyRow(r.verksamhet, float(r.budget), float(r.utfall), _forecast(r.prognos), to_date.amount))
        if to_date.periodised:
            periodised.append(r.verksamhet)
    rows = tuple(rows)
    total = EconomyRow("Totalt", sum(r.budget for r in rows), sum(r.outcome for r in rows), _total_forecast(now),
                       sum(r.budget_to_date for r in rows))
    previous_month, previous_forecast = None, None
    # The previous forecast of the same year: a year's first forecast has nothing to change from.
    same_year_before = (p for p in economy["period"].unique() if p[:4] == month[:4] and p < month)
    for m in sorted(same_year_before, reverse=True):
        f = _total_forecast(economy[economy["period"] == m])
        if f is not None:
            previous_month, previous_forecast = m, f
            break
    return EconomySummary(month, rows, total, deviation_status(total.deviation_percent, thresholds),
                          previous_month, previous_forecast, tuple(periodised))


@dataclass(frozen=True)
class UnitEconomy:
    """A unit's economy as of a month: its budget, outcome and budget to date, forecast, comment."""

    unit_id: str
    name: str
    row: EconomyRow
    comment: str


def unit_economy(frame: pd.DataFrame, units: pd.DataFrame, month: str, budgets: MonthlyBudgets | None = None,
                 comments: Mapping[str, str] | None = None) -> tuple[UnitEconomy, ...]:
    """Each listed unit's economy in ``month`` (``ekonomi_enhet``) with its own comment, in the
    units' order; units without a row for the month are left out."""
    comments = comments or {}
    now = frame[frame["period"] == month]
    if now.empty:
        return ()
    budgets = budgets or MonthlyBudgets(None)
    m = parse_period(month).first
    by_unit = {r.enhet_id: r for r in now.itertuples(index=False)}
    out = []
    for u in units.itertuples(index=False):
        r = by_unit.get(u.enhet_id)
        if r is None:
            continue
        to_date = budgets.to_date(u.verksamhet, m, float(r.budget), unit=u.enhet_id)
        row = EconomyRow(u.namn, float(r.budget), float(r.utfall), _forecast(r.prognos), to_date.amount)
        out.append(UnitEconomy(u.enhet_id, u.namn, row, comments.get(u.enhet_id, "")))
    return tuple(out)
