"""What the params say about the data, checked against it before any kernel starts: bad input never
fails inside a notebook (a ``.misslyckad.ipynb`` is for faults, not for a user's data)."""

from __future__ import annotations

from pathlib import Path

from styrkort.data.errors import DataError, Problem
from styrkort.data.loading import Dataset
from styrkort.data.params import Params
from styrkort.reports.risks import risk_register


def check_params_against_data(data: Dataset, params: Params) -> None:
    """The economy goal area exists in every year with goal areas, and every risk of the register
    fits the params' risk scale. DataError with every problem, naming the params file or the table."""
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
    if problems:
        raise DataError(problems, str(data.folder))
