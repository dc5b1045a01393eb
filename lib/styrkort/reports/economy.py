"""Budget deviation and forecast per activity area (tkr, net costs negative).

Deviation = forecast − budget: positive when the year is forecast to cost less than
budgeted. Percent is of the budget's absolute value, so −2 600 on a −300 000 budget is
−0,87 %. Totals are summed from the unrounded figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from styrkort.data import fmt
from styrkort.data.params import BudgetThresholds
from styrkort.data.status import Status
from styrkort.data.values import optional_float as _forecast


@dataclass(frozen=True)
class EconomyRow:
    activity: str
    budget: float
    outcome: float  # year to date
    forecast: float | None

    @property
    def deviation(self) -> float | None:
        return None if self.forecast is None else self.forecast - self.budget

    @property
    def deviation_percent(self) -> float | None:
        d = self.deviation
        return None if d is None or self.budget == 0 else d / abs(self.budget) * 100


@dataclass(frozen=True)
class EconomySummary:
    month: str
    rows: tuple[EconomyRow, ...]
    total: EconomyRow
    status: Status | None
    previous_month: str | None
    previous_forecast: float | None

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
                    thresholds: BudgetThresholds) -> EconomySummary | None:
    """The economy as of ``month``; None when there is no economic follow-up for it."""
    now = economy[economy["period"] == month]
    if now.empty:
        return None
    order = {a: i for i, a in enumerate(activity_order)}
    now = now.sort_values("verksamhet", key=lambda s: s.map(order))
    rows = tuple(EconomyRow(r.verksamhet, float(r.budget), float(r.utfall), _forecast(r.prognos))
                 for r in now.itertuples(index=False))
    total = EconomyRow("Totalt", sum(r.budget for r in rows), sum(r.outcome for r in rows), _total_forecast(now))
    previous_month, previous_forecast = None, None
    # The previous forecast of the same year: a year's first forecast has nothing to change from.
    same_year_before = (p for p in economy["period"].unique() if p[:4] == month[:4] and p < month)
    for m in sorted(same_year_before, reverse=True):
        f = _total_forecast(economy[economy["period"] == m])
        if f is not None:
            previous_month, previous_forecast = m, f
            break
    return EconomySummary(month, rows, total, deviation_status(total.deviation_percent, thresholds),
                          previous_month, previous_forecast)
