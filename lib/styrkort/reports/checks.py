"""What the params say about the data, checked against it before any kernel starts: bad input never
fails inside a notebook (a ``.misslyckad.ipynb`` is for faults, not for a user's data)."""

from __future__ import annotations

from pathlib import Path

from styrkort.data.errors import DataError, Problem
from styrkort.data.loading import Dataset
from styrkort.data.params import Params
from styrkort.data.values import optional_float, whole_number
from styrkort.reports.risks import risk_register


def check_params_against_data(data: Dataset, params: Params) -> None:
    """The economy goal area exists in every year with goal areas, and every risk of the register and
    of its follow-up fits the params' risk scale. DataError with every problem, naming the params
    file or the table."""
    problems: list[Problem] = []
    params_file = Path(params.source).name if params.source else "inställningarna"
    for year in data.goal_area_years():
        areas = data.goal_area_numbers.of(year)
        if params.economy_goal_area not in areas:
            problems.append(Problem(params_file, f"economy_goal_area är {params.economy_goal_area}, men {year} har "
                                                 f"målområdena {', '.join(map(str, areas))}; ange det målområde "
                                                 "vars avsnitt visar budgetavvikelsen"))
    for year in sorted({int(y) for y in data.risks["ar"].dropna()}):
        try:
            risk_register(data.risks, data.goal_areas, year, params.risk)
        except DataError as exc:
            problems.extend(exc.problems)
    problems += _closing_risks_on_scale(data, params.risk.scale)
    if problems:
        raise DataError(problems, str(data.folder))


def _closing_risks_on_scale(data: Dataset, scale: int) -> list[Problem]:
    """The follow-up's closing probability and consequence: both or neither, each on the scale."""
    problems = []
    for r in data.risk_follow_up.to_dict("records"):
        given = {c: whole_number(r[c]) for c in ("sannolikhet", "konsekvens") if optional_float(r[c]) is not None}
        if len(given) == 1:
            problems.append(Problem("riskuppfoljning.csv", "ange både sannolikhet och konsekvens, eller ingen av dem",
                                    row=r["_row"], column=next(iter(given))))
        for column, value in given.items():
            if not 1 <= value <= scale:
                problems.append(Problem("riskuppfoljning.csv", f"värdet {value} ligger utanför skalan 1–{scale} "
                                                               "(risk.scale i inställningarna)", row=r["_row"],
                                        column=column))
    return problems
