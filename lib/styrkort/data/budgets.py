"""The budget for the months to date: periodised where the data gives each month's budget
(``manadsbudget``), else the annual budget spread evenly. One home for the basis every report and
check compares the outcome to date with.
"""

from __future__ import annotations

from dataclasses import dataclass
import pandas as pd

from styrkort.data import fmt
from styrkort.data.errors import Problem
from styrkort.data.periods import Month, parse_period

#: How far a year's months may add up from the annual budget, tkr (rounded months).
TOLERANCE_TKR = 1.0
PERIODISED = "periodiserad budget"

Key = tuple[int, str, str | None]  # (year, activity area, unit or None for the area as a whole)


@dataclass(frozen=True)
class ToDate:
    """A budget for January up to a month, and how it was arrived at."""

    amount: float
    periodised: bool


def _unit(value: object) -> str | None:
    return None if value is None or value != value or value == "" else str(value)


class MonthlyBudgets:
    """The months' budgets of ``manadsbudget`` by (year, activity area, unit)."""

    def __init__(self, frame: pd.DataFrame | None) -> None:
        self.months: dict[Key, dict[int, float]] = {}
        self.rows: dict[Key, list[int]] = {}
        if frame is None or frame.empty:
            return
        rows = frame["_row"] if "_row" in frame else [None] * len(frame)
        for key, area, unit, budget, row in zip(frame["period"], frame["verksamhet"], frame["enhet_id"],
                                                frame["budget"], rows):
            m = parse_period(str(key)).first
            k = (m.year, str(area), _unit(unit))
            self.months.setdefault(k, {})[m.month] = float(budget)
            self.rows.setdefault(k, []).append(row)

    def to_date(self, area: str, month: Month, annual: float, unit: str | None = None) -> ToDate:
        """The budget for January–``month`` of ``area`` (or of ``unit``)."""
        months = self.months.get((month.year, area, unit))
        if months is None:
            return ToDate(annual * (month.month / 12), False)
        return ToDate(sum(v for m, v in months.items() if m <= month.month), True)


def _annual(frame: pd.DataFrame, year: int, column: str, value: str) -> float | None:
    """The annual budget stated for ``year`` in ``ekonomi`` or ``ekonomi_enhet``: its latest month's."""
    if frame is None or frame.empty:
        return None
    hits = frame[(frame[column] == value) & frame["period"].str.startswith(f"{year}-")]
    if hits.empty:
        return None
    return float(hits.sort_values("period")["budget"].iloc[-1])


def check_monthly_budgets(budgets: MonthlyBudgets, file: str, economy: pd.DataFrame, economy_file: str,
                          unit_economy: pd.DataFrame, unit_economy_file: str) -> list[Problem]:
    """Every group of a year has all twelve months, and they add up to the annual budget."""
    problems = []
    for (year, area, unit), months in sorted(budgets.months.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        rows = [r for r in budgets.rows[(year, area, unit)] if r is not None]
        what = f"enheten {unit}" if unit else area
        missing = [m for m in range(1, 13) if m not in months]
        if missing:
            problems.append(Problem(file, f"månadsbudgeten för {what} {year} saknar "
                                          f"{', '.join(Month(year, m).key for m in missing)}; ange alla tolv månader "
                                          "eller ingen", row=min(rows, default=None), column="period"))
            continue
        annual, source = ((_annual(unit_economy, year, "enhet_id", unit), unit_economy_file) if unit
                          else (_annual(economy, year, "verksamhet", area), economy_file))
        if annual is None:
            continue
        total = sum(months.values())
        if abs(total - annual) > TOLERANCE_TKR:
            problems.append(Problem(file, f"månadsbudgetarna för {what} {year} summerar till {fmt.tkr(total)} tkr, men "
                                          f"årsbudgeten i {source} är {fmt.tkr(annual)} tkr: skillnaden är "
                                          f"{fmt.tkr(total - annual)} tkr (högst {fmt.number(TOLERANCE_TKR)} tkr "
                                          "tillåts)", row=min(rows, default=None), column="budget"))
    return problems

