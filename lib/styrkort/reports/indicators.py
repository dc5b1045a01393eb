"""Indicator outcomes against the baseline year or a target, assessed by thresholds from params.

* ``öka`` / ``minska``: compared with the same period of the baseline year (``jamforelsear``;
  by default last year); a change within ``tolerance_percent`` of that value counts as
  unchanged (Gul), a change the wanted way is Grön, the other way Röd.
* ``behålla``: Grön at or above the baseline less the tolerance, else Röd.
* ``mål`` (higher is better): Grön at or above the target, Gul at or above
  ``share_of_target_yellow`` % of it, else Röd.
* ``högst`` (lower is better, as sick leave): Grön at or below the target, Gul at or below the
  target divided by that share (80 % → 125 % of the target), else Röd.
* ``intervall``: Grön between ``malvarde`` and ``malvarde_max``, Gul within ``tolerance_percent``
  of the larger bound outside them, else Röd.
* ``redovisning``: followed up by an account, not a figure: never assessed, and left out of a
  report's table where it has no value.

Without a value to compare with the indicator is shown but not assessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from styrkort.data.params import IndicatorSettings
from styrkort.data.values import optional_float
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
    target_max: float | None = None  # the interval's upper end
    decimals: int = 0  # as the indicator's values are shown


#: The directions that compare with a target value rather than with the baseline year.
TARGETS = ("mål", "högst", "intervall")
#: An indicator followed up by an account rather than a figure.
ACCOUNT = "redovisning"


def decimals_of(row, *values: float | None) -> int:
    """The indicator's stated ``decimaler``, else one where any of its values has decimals."""
    given = getattr(row, "decimaler", None)
    if given is not None and given == given:
        return int(given)
    return 1 if any(v is not None and not float(v).is_integer() for v in values) else 0


def baseline_year(row, year: int) -> int:
    """The year an indicator of ``year`` is compared with: its ``jamforelsear``, else the year before."""
    given = getattr(row, "jamforelsear", None)
    return year - 1 if given is None or given != given else int(given)


def assess(direction: str, value: float | None, last_year: float | None, target: float | None,
           settings: IndicatorSettings, target_max: float | None = None) -> Status | None:
    if value is None or direction == ACCOUNT:
        return None
    if direction in TARGETS and target is None:
        return None
    share = settings.share_of_target_yellow / 100
    if direction == "mål":
        if value >= target:
            return Status.GRON
        return Status.GUL if value >= target * share else Status.ROD
    if direction == "högst":
        if value <= target:
            return Status.GRON
        return Status.GUL if share and value <= target / share else Status.ROD
    if direction == "intervall":
        high = target if target_max is None else target_max
        if target <= value <= high:
            return Status.GRON
        tol = max(abs(target), abs(high)) * settings.tolerance_percent / 100
        return Status.GUL if target - tol <= value <= high + tol else Status.ROD
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
        target, target_max = optional_float(r.malvarde), optional_float(getattr(r, "malvarde_max", None))
        value = _value_for(values, r.indikator_id, period.last)
        if r.riktning == ACCOUNT and value is None:
            continue
        base = baseline_year(r, period.year)
        last_year = _value_for(values, r.indikator_id, Month(base, period.last.month))
        out.append(IndicatorResult(r.indikator_id, r.namn, r.mattenhet or "", r.riktning, target, value, last_year,
                                   assess(r.riktning, value, last_year, target, settings, target_max), base,
                                   target_max, decimals_of(r, value, last_year, target, target_max)))
    return out
