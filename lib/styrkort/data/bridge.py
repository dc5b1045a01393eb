"""The allocation bridge (kommunbidrag): last year's allocation, the steps, this year's.

Amounts carry the net-cost sign (negative = more allocation). A percentage step without an
amount is computed as ``rate`` % of its base (the start value unless a base is given),
rounded to whole tkr. The steps must add up to the stated end value exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import pandas as pd

from styrkort.data import fmt
from styrkort.data.errors import Problem
from styrkort.data.values import optional_float as _num


@dataclass(frozen=True)
class BridgeStep:
    label: str
    amount: float
    rate: float | None = None  # percent, for a percentage step
    base: float | None = None
    comment: str = ""
    from_rate: bool = False  # the amount was computed from the rate

    @property
    def label_signed(self) -> str:
        """As the seed prints the step: "+ demografi" adds allocation, "- effektivisering" removes it."""
        rate = f" {fmt.percent(self.rate, 1)}" if self.rate is not None else ""
        return f"{'+' if self.amount <= 0 else fmt.MINUS} {self.label}{rate}"


@dataclass(frozen=True)
class Bridge:
    year: int
    start: BridgeStep
    steps: tuple[BridgeStep, ...]
    end: BridgeStep

    @property
    def computed_end(self) -> float:
        return self.start.amount + sum(s.amount for s in self.steps)

    @property
    def change(self) -> float:
        """Change of the allocation, tkr, with the net-cost sign (negative = increase)."""
        return self.end.amount - self.start.amount

    def change_text(self) -> str:
        """ "Kommunbidraget för 2024 ökar med 8,2 mnkr jämfört med 2023". """
        verb = "ökar" if self.change < 0 else "minskar"
        return (f"Kommunbidraget för {self.year} {verb} med {fmt.mnkr(abs(self.change))} jämfört med "
                f"{self.year - 1}")


def percentage_amount(rate: float, base: float) -> float:
    return float(round(base * rate / 100))


def bridge_from_rows(rows: pd.DataFrame, year: int) -> Bridge:
    """Build the year's bridge; raises ValueError (Swedish) when its rows don't form one."""
    rows = rows[rows["ar"] == year].sort_values("ordning")
    kinds = list(rows["typ"])
    if kinds.count("start") != 1 or kinds.count("slut") != 1 or kinds[0] != "start" or kinds[-1] != "slut":
        raise ValueError("kommunbidraget ska ha exakt en rad med typ start (först) och en med typ slut (sist)")
    start_row, end_row = rows.iloc[0], rows.iloc[-1]
    start = BridgeStep(start_row["rubrik"], _num(start_row["belopp"]) or 0.0, comment=start_row["kommentar"] or "")
    steps = []
    for r in rows.iloc[1:-1].itertuples(index=False):
        amount, rate, base = _num(r.belopp), _num(r.procent), _num(r.bas)
        from_rate = amount is None
        if from_rate:
            if rate is None:
                raise ValueError(f"steget {r.rubrik!r} har varken belopp eller procent")
            amount = percentage_amount(rate, base if base is not None else start.amount)
        steps.append(BridgeStep(r.rubrik, amount, rate, base, r.kommentar or "", from_rate))
    end = BridgeStep(end_row["rubrik"], _num(end_row["belopp"]) or 0.0, comment=end_row["kommentar"] or "")
    return Bridge(year, start, tuple(steps), end)


def check_bridges(rows: pd.DataFrame, file: str) -> list[Problem]:
    """Every year's bridge must be well formed and add up exactly; the difference is named."""
    problems = []
    for year in sorted(set(rows["ar"])):
        try:
            b = bridge_from_rows(rows, year)
        except ValueError as exc:
            problems.append(Problem(file, f"{year}: {exc}"))
            continue
        if None in (_num(rows[(rows["ar"] == year) & (rows["typ"] == t)]["belopp"].iloc[0]) for t in ("start", "slut")):
            problems.append(Problem(file, f"{year}: start- och slutvärde måste ha belopp", column="belopp"))
            continue
        for step, row in zip(b.steps, rows[(rows["ar"] == year) & (rows["typ"] == "förändring")]
                             .sort_values("ordning")["_row"]):
            if not step.from_rate and step.rate is not None and step.base is not None:
                expected = percentage_amount(step.rate, step.base)
                if abs(expected - step.amount) > 1:
                    problems.append(Problem(file, f"{fmt.percent(step.rate, 1)} av {fmt.tkr(step.base)} är "
                                                  f"{fmt.tkr(expected)}, inte {fmt.tkr(step.amount)}",
                                            row=int(row), column="belopp"))
        diff = b.end.amount - b.computed_end
        if abs(diff) >= 0.5:
            end_row = rows[(rows["ar"] == year) & (rows["typ"] == "slut")]["_row"].iloc[0]
            problems.append(Problem(
                file, f"stegen summerar till {fmt.tkr(b.computed_end)} men slutvärdet är {fmt.tkr(b.end.amount)}; "
                      f"skillnaden är {fmt.tkr(diff)} tkr", row=int(end_row), column="belopp"))
    return problems


def with_changes(bridge: Bridge, amounts: Mapping[str, float] | None = None,
                 rates: Mapping[str, float] | None = None) -> Bridge:
    """The bridge with steps changed (by label); a changed rate recomputes its amount, and the end
    follows from the steps."""
    amounts, rates = amounts or {}, rates or {}
    steps = []
    for s in bridge.steps:
        if s.label in rates:
            base = s.base if s.base is not None else bridge.start.amount
            s = replace(s, rate=rates[s.label], amount=percentage_amount(rates[s.label], base), from_rate=True)
        if s.label in amounts:
            s = replace(s, amount=float(amounts[s.label]), from_rate=False)
        steps.append(s)
    changed = replace(bridge, steps=tuple(steps))
    return replace(changed, end=replace(bridge.end, amount=changed.computed_end))
