"""A data folder written for an earlier contract stays valid and renders the same figures.

`fixtures/example-2026-11/` is the example data as it was before the contract grew (periodised
budgets, unit life cycles, economy per unit, scales, baseline years), frozen. `figures()` reads
every figure a board sees from the report objects; `fixtures/example-2026-11.json` holds them as
the code of that time computed them. The test computes them again with today's code."""

import json

from conftest import ROOT
from styrkort.data.loading import load_data
from styrkort.data.params import load_params
from styrkort.reports.interim import interim_report
from styrkort.reports.kinds import INTERIM, MONTHLY, PLAN
from styrkort.reports.monthly import monthly_report
from styrkort.reports.plan import annual_plan

FROZEN = ROOT / "tests" / "fixtures" / "example-2026-11"
RECORDED = ROOT / "tests" / "fixtures" / "example-2026-11.json"


def _areas(report) -> dict:
    return {str(a.number): {"status": a.outcome.status.value if a.outcome.status else None,
                            "proposed": a.outcome.proposed.value if a.outcome.proposed else None,
                            "distribution": [a.outcome.distribution.gron, a.outcome.distribution.gul,
                                             a.outcome.distribution.rod, a.outcome.distribution.missing],
                            "units": [[u.unit_id, u.status.value if u.status else None] for u in a.units],
                            "strip": [c.status.value if c.status else None for c in a.strip],
                            "indicators": [[i.indicator_id, i.value, i.last_year, i.status.value if i.status else None]
                                           for i in a.indicators]}
            for a in report.areas}


def _economy_rows(rows) -> list:
    return [[r.activity, r.budget, r.outcome, r.forecast] for r in rows]


def figures(folder) -> dict:
    data, params = load_data(folder), load_params(ROOT / "tests" / "fixtures" / "example-2026-11-params.yaml")
    out: dict = {}
    for key in data.reporting_periods():
        r = monthly_report(data, MONTHLY.resolve(data, key), params)
        out[f"monthly {key}"] = {"areas": _areas(r),
                                 "economy": None if r.economy is None else _economy_rows(r.economy.rows)}
    for year in (2023, 2024):
        for label in ("T1", "T2"):
            r = interim_report(data, INTERIM.resolve(data, f"{year}-{label}"), params)
            e = r.economy
            out[f"interim {year}-{label}"] = {
                "areas": _areas(r),
                "economy": [[x.activity, x.budget, x.budget_to_date, x.outcome, x.forecast, x.previous_forecast]
                            for x in (*e.rows, e.total)],
                "status": e.status.value if e.status else None}
    plan = annual_plan(data, PLAN.resolve(data, "2024"), params)
    out["plan 2024"] = {"staff": [[n, a, f] for n, a, f in plan.staff.units],
                        "risks": [[r.risk_id, r.value] for r in plan.risks],
                        "bridge": plan.bridge.end.amount,
                        "areas": [[a.number, a.heading, [i.name for i in a.indicators]] for a in plan.areas]}
    return json.loads(json.dumps(out))  # tuples as lists, as recorded


def test_a_folder_of_the_earlier_contract_renders_the_same_figures():
    assert figures(FROZEN) == json.loads(RECORDED.read_text(encoding="utf-8"))


if __name__ == "__main__":  # record the figures (only when the contract's meaning is meant to change)
    RECORDED.write_text(json.dumps(figures(FROZEN), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
