"""The risk register: risk value = probability × consequence, banded by params, placed on a grid.

A risk may carry both factors (placed on the heatmap), only a stated value (kept as stated,
not placed, since its cell is unknown), or nothing yet ("ej bedömd").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import pandas as pd

from styrkort.data import fmt
from styrkort.data.errors import DataError, Problem
from styrkort.data.params import RiskBand, RiskSettings
from styrkort.data.values import optional_int as _int

NOT_ASSESSED = "ej bedömd"


@dataclass(frozen=True)
class Action:
    """One action against a risk; a lead-in (a line ending with ":") holds the lines after it."""
    text: str
    steps: tuple[str, ...] = ()


def parse_actions(text: str | None) -> tuple[Action, ...]:
    """The ``atgarder`` cell, one action a line (leading "-" or "•" dropped). A line that ends with
    ":" introduces the lines after it, up to the next such line: they are its steps."""
    out: list[Action] = []
    lead: Action | None = None
    for line in (text or "").splitlines():
        item = line.strip().lstrip("-•").strip()
        if not item:
            continue
        if item.endswith(":"):
            lead = Action(item)
            out.append(lead)
        elif lead is not None:
            lead = Action(lead.text, lead.steps + (item,))
            out[-1] = lead
        else:
            out.append(Action(item))
    return tuple(out)


@dataclass(frozen=True)
class Risk:
    risk_id: str
    area: int
    area_name: str
    text: str
    probability: int | None
    consequence: int | None
    value: int | None
    actions: tuple[Action, ...]
    assessment: str
    band: RiskBand | None
    band_index: int | None  # 0 = lowest band

    @property
    def placed(self) -> bool:
        return self.probability is not None and self.consequence is not None

    @property
    def value_text(self) -> str:
        """As the seed prints it: "5 × 4 = 20", "20, endast riskvärde angivet" for a stated value alone
        (no brackets, so that "R5 (…)" never nests them), or "ej bedömd"."""
        if self.placed:
            return f"{self.probability} × {self.consequence} = {self.value}"
        return NOT_ASSESSED if self.value is None else f"{self.value}, endast riskvärde angivet"


def band_of(value: int | None, settings: RiskSettings) -> tuple[int, RiskBand] | tuple[None, None]:
    if value is None:
        return None, None
    for i, band in enumerate(settings.bands):
        if value <= band.max:
            return i, band
    raise ValueError(f"risk value {value} above the scale")


def band_range(settings: RiskSettings, index: int) -> str:
    low = settings.bands[index - 1].max + 1 if index else 1
    return f"{low}{fmt.DASH}{settings.bands[index].max}"


def risk_register(risks: pd.DataFrame, goal_areas: pd.DataFrame, year: int, settings: RiskSettings,
                  file: str = "risker.csv") -> list[Risk]:
    """The year's risks in register order, validated against the scale in params."""
    names = {int(a): n for y, a, n in zip(goal_areas["ar"], goal_areas["malomrade"], goal_areas["namn"]) if y == year}
    problems: list[Problem] = []
    out = []
    rows = risks[risks["ar"] == year].sort_values(["malomrade", "risk_id"], kind="stable")
    for r in rows.to_dict("records"):
        p, c, stated, line = _int(r["sannolikhet"]), _int(r["konsekvens"]), _int(r["riskvarde"]), r["_row"]
        for column, v in (("sannolikhet", p), ("konsekvens", c)):
            if v is not None and not 1 <= v <= settings.scale:
                problems.append(Problem(file, f"värdet {v} ligger utanför skalan 1{fmt.DASH}{settings.scale} "
                                              "(risk.scale i inställningarna)", row=line, column=column))
        if (p is None) != (c is None):
            problems.append(Problem(file, "ange både sannolikhet och konsekvens, eller ingen av dem",
                                    row=line, column="sannolikhet" if p is None else "konsekvens"))
        value = p * c if p is not None and c is not None else stated
        if stated is not None and p is not None and c is not None and stated != p * c:
            problems.append(Problem(file, f"riskvärdet {stated} är inte sannolikhet × konsekvens = {p} × {c} = "
                                          f"{p * c}", row=line, column="riskvarde"))
        if value is not None and value > settings.scale ** 2:
            problems.append(Problem(file, f"riskvärdet {value} ligger utanför skalan 1{fmt.DASH}"
                                          f"{settings.scale ** 2}", row=line, column="riskvarde"))
            continue
        if problems:
            continue
        index, band = band_of(value, settings)
        actions = parse_actions(r["atgarder"])
        area = int(r["malomrade"])
        out.append(Risk(r["risk_id"], area, names.get(area, str(area)), r["risk"],
                        p if c is not None else None, c if p is not None else None, value, actions,
                        r["bedomning"] or "", band, index))
    if problems:
        raise DataError(problems)
    return out


def with_assessments(risks: list[Risk], changes: Mapping[str, tuple[int, int]], settings: RiskSettings,
                     assessments: Mapping[str, str] | None = None) -> list[Risk]:
    """The register with new (probability, consequence) for some risks, e.g. after actions, and a
    new assessment of their actions for some."""
    out = []
    for r in risks:
        if r.risk_id in (assessments or {}):
            r = replace(r, assessment=assessments[r.risk_id])
        if r.risk_id in changes:
            p, c = changes[r.risk_id]
            index, band = band_of(p * c, settings)
            r = replace(r, probability=p, consequence=c, value=p * c, band=band, band_index=index)
        out.append(r)
    return out


def risk_grid(risks: list[Risk], scale: int) -> dict[tuple[int, int], list[str]]:
    """(probability, consequence) → the ids of the risks in that cell, for every cell of the grid."""
    grid: dict[tuple[int, int], list[str]] = {(p, c): [] for p in range(1, scale + 1) for c in range(1, scale + 1)}
    for r in risks:
        if r.placed:
            grid[(r.probability, r.consequence)].append(r.risk_id)
    return grid
