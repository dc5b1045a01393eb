"""The annual plan's net-cost table: outcome (year − 2), forecast (year − 1), budget (year).

Totals are computed from the unrounded rows. Where the data also states totals (a row named
``Totalt``, as printed in the plan) that differ once rounded, both are shown and the
difference is explained: printed tables round each figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from styrkort.data.contract import TOTAL
from styrkort.data.values import optional_float as _num

COLUMNS = ("outcome", "forecast", "budget")


@dataclass(frozen=True)
class NetCostRow:
    activity: str
    outcome: float | None
    forecast: float | None
    budget: float | None


@dataclass(frozen=True)
class NetCostTable:
    year: int
    forecast_label: str
    rows: tuple[NetCostRow, ...]
    computed: NetCostRow
    stated: NetCostRow | None

    def differences(self) -> list[tuple[str, float, float]]:
        """(column, computed, stated) where the stated total differs from the rows' sum once rounded."""
        if self.stated is None:
            return []
        out = []
        for col in COLUMNS:
            c, s = getattr(self.computed, col), getattr(self.stated, col)
            if c is not None and s is not None and round(c) != round(s):
                out.append((col, c, s))
        return out


def _sum(values) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) if vals else None


def net_cost_table(net_costs: pd.DataFrame, year: int, activity_order: list[str]) -> NetCostTable | None:
    rows = net_costs[net_costs["ar"] == year]
    if rows.empty:
        return None
    order = {a: i for i, a in enumerate(activity_order)}
    body = [NetCostRow(r.verksamhet, _num(r.utfall), _num(r.prognos), _num(r.budget))
            for r in rows.itertuples(index=False) if r.verksamhet != TOTAL]
    body.sort(key=lambda r: order.get(r.activity, len(order)))
    stated = next((NetCostRow(TOTAL, _num(r.utfall), _num(r.prognos), _num(r.budget))
                   for r in rows.itertuples(index=False) if r.verksamhet == TOTAL), None)
    computed = NetCostRow(TOTAL, *(_sum(getattr(r, c) for r in body) for c in COLUMNS))
    labels = {x for x in rows["prognos_avser"] if x}
    return NetCostTable(year, labels.pop() if len(labels) == 1 else "Prognos", tuple(body), computed, stated)
