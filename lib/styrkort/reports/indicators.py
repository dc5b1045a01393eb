"""Indicator outcomes against last year or a target, assessed by thresholds from params.

* ``öka`` / ``minska``: compared with the same period of the baseline year (``jamforelsear``;
  by default last year); a change within
  ``tolerance_percent`` of last year's value counts as unchanged (Gul), a change the
  wanted way is Grön, the other way Röd.
* ``behålla``: Grön at or above last year less the tolerance, else Röd.
* ``mål``: Grön at or above the target, Gul at or above ``share_of_target_yellow`` % of it,
  else Röd.

Without a value to compare with the indicator is shown but not assessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from styrkort.data.params import IndicatorSettings
from styrkort.data.periods import Month, Period, parse_period
from styrkort.data.status import Status


@dataclass(frozen=True)
class IndicatorResult:
    indicator_id: str
    name: str
    unit: str
    direction: str
    target: float | None
    value: float | None
    last_year: float | None  # the same period of the baseline year
    status: Status | None
    baseline_year: int | None = None  # the year compared with


def baseline_year(row, year: int) -> int:
    """The year an indicator of ``year`` is compared with: its ``jamforelsear``, else the year before."""
    given = getattr(row, "jamforelsear", None)
    return year - 1 if given is None or given != given else int(given)


def assess(direction: str, value: float | None, last_year: float | None, target: float | None,
           settings: IndicatorSettings) -> Status | None:
    if value is None:
        return None
    if direction == "mål":
        if target is None:
            return None
        if value >= target:
            return Status.GRON
        return Status.GUL if value >= target * settings.share_of_target_yellow / 100 else Status.ROD
    if last_year is None:
        return None
    tol = abs(last_year) * settings.tolerance_percent / 100
    change = value - last_year
    if direction == "behålla":
        return Status.GRON if change >= -tol else Status.ROD
    if abs(change) <= tol:
        return Status.GUL
    better = change > 0 if direction == "öka" else change < 0
    return Status.GRON if better else Status.ROD


def _value_for(values: pd.DataFrame, indicator_id: str, month: Month) -> float | None:
    """The administration-level value of the reporting period that contains ``month``."""
    hits = values[(values["indikator_id"] == indicator_id) & values["enhet_id"].isna()]
    for key, value in zip(hits["period"], hits["varde"]):
        if parse_period(key).contains(month):
            return float(value)
    return None


def indicator_results(indicators: pd.DataFrame, values: pd.DataFrame, period: Period, area: int,
                      settings: IndicatorSettings) -> list[IndicatorResult]:
    rows = indicators[(indicators["ar"] == period.year) & (indicators["malomrade"] == area)]
    out = []
    for r in rows.itertuples(index=False):
        target = None if r.malvarde is None or (isinstance(r.malvarde, float) and math.isnan(r.malvarde)) else float(r.malvarde)
        value = _value_for(values, r.indikator_id, period.last)
        base = baseline_year(r, period.year)
        last_year = _value_for(values, r.indikator_id, Month(base, period.last.month))
        out.append(IndicatorResult(r.indikator_id, r.namn, r.mattenhet or "", r.riktning, target, value, last_year,
                                   assess(r.riktning, value, last_year, target, settings), base))
    return out
