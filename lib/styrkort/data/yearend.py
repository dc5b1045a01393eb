"""The year-end tables checked against the rest of the data: a follow-up names what the plan has, and
the closed year's outcome is December's.

The checks take the loader's raw tables (``_row`` holds each row's number as Excel shows it) and
return problems; :func:`styrkort.data.loading.load_data` reports them with every other.
"""

from __future__ import annotations

import pandas as pd

from styrkort.data import fmt
from styrkort.data.budgets import TOLERANCE_TKR
from styrkort.data.errors import Problem


def check_year_end(tables: dict[str, pd.DataFrame], names: dict[str, str]) -> list[Problem]:
    return [*_check_follow_up(tables, names, "uppdragsuppfoljning", "uppdrag_id", "uppdrag", "uppdraget",
                              "planens uppdrag"),
            *_check_follow_up(tables, names, "riskuppfoljning", "risk_id", "risker", "risken",
                              "riskhanteringsplanen"),
            *_check_year_outcome(tables, names)]


def _check_follow_up(tables: dict[str, pd.DataFrame], names: dict[str, str], table: str, column: str, plan: str,
                     noun: str, plan_name: str) -> list[Problem]:
    """Each follow-up row names an item of the same year's plan table."""
    planned: dict[int, set[str]] = {}
    for year, item in zip(tables[plan]["ar"], tables[plan][column]):
        planned.setdefault(int(year), set()).add(item)
    problems = []
    frame = tables[table]
    for year, item, row in zip(frame["ar"], frame[column], frame["_row"]):
        known = planned.get(int(year), set())
        if item not in known:
            listed = ", ".join(sorted(known)) or "inga"
            problems.append(Problem(names[table], f"{noun} {item!r} finns inte i {plan_name} för {int(year)} "
                                                  f"({names[plan]}); kända: {listed}", row=row, column=column))
    return problems


def _check_year_outcome(tables: dict[str, pd.DataFrame], names: dict[str, str]) -> list[Problem]:
    """The closed year's outcome equals December's outcome to date, where December has one."""
    economy = tables["ekonomi"]
    december = {(key, activity): float(outcome) for key, activity, outcome in
                zip(economy["period"], economy["verksamhet"], economy["utfall"])}
    problems = []
    frame = tables["arsutfall"]
    for year, activity, outcome, row in zip(frame["ar"], frame["verksamhet"], frame["utfall"], frame["_row"]):
        month = f"{int(year)}-12"
        if (month, activity) not in december:
            continue
        in_economy = december[(month, activity)]
        if abs(float(outcome) - in_economy) > TOLERANCE_TKR:
            problems.append(Problem(
                names["arsutfall"], f"årets utfall för {activity} är {fmt.tkr(outcome)} tkr men decembers utfall "
                                    f"hittills i {names['ekonomi']} är {fmt.tkr(in_economy)} tkr, en skillnad på "
                                    f"{fmt.number(float(outcome) - in_economy, 1, sign=True)} tkr; de ska vara lika",
                row=row, column="utfall"))
    return problems
