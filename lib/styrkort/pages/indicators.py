"""How an indicator's values and target read, the same in every report that shows them."""

from __future__ import annotations

from styrkort.data import fmt
from styrkort.reports.indicators import TARGETS, IndicatorResult

_DIRECTION_TEXT = {"öka": "Öka jämfört med {y}", "minska": "Minska jämfört med {y}",
                   "behålla": "Behålla eller öka jämfört med {y}", "redovisning": "Redovisas"}


def value_text(value: float | None, unit: str, decimals: int) -> str:
    """``15,0 %``, ``1 234 tkr``, ``112`` (a count needs no unit), or a dash for no value."""
    if value is None:
        return fmt.DASH
    if unit == "%":
        return fmt.percent(value, decimals)
    return fmt.number(value, decimals) + (f"{fmt.NBSP}{unit}" if unit and unit != "antal" else "")


def target_text(direction: str, target: float | None, target_max: float | None, unit: str, decimals: int) -> str:
    """``"minst 100 %"``, ``"högst 6,0 %"`` or ``"mellan 90 % och 95 %"``."""
    low = value_text(target, unit, decimals)
    if direction == "högst":
        return f"högst {low}"
    if direction == "intervall":
        return f"mellan {low} och {value_text(target_max, unit, decimals)}"
    return f"minst {low}"


def wanted_text(r: IndicatorResult, year: int) -> str:
    """What the indicator should do in ``year``: ``"Mål: minst 100 %"``, ``"Minska jämfört med
    föregående år"``, or the baseline year where it is another (``"Öka jämfört med 2023"``)."""
    if r.direction in TARGETS:
        return f"Mål: {target_text(r.direction, r.target, r.target_max, r.unit, r.decimals)}"
    compared = "föregående år" if r.baseline_year in (None, year - 1) else str(r.baseline_year)
    return _DIRECTION_TEXT[r.direction].format(y=compared)
