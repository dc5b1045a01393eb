import pandas as pd
import pytest

from styrkort.reports.interim import interim_economy
from styrkort.data.params import BudgetThresholds
from styrkort.data.periods import Month, parse_period
from styrkort.data.status import Status

NAN = float("nan")


def economy(rows):
    return pd.DataFrame(rows, columns=["period", "verksamhet", "budget", "utfall", "prognos"])


ROWS = [
    ("2024-03", "A", -120_000.0, -31_000.0, -121_000.0),
    ("2024-04", "A", -120_000.0, -41_000.0, -121_500.0),
    ("2024-07", "A", -120_000.0, -70_000.0, NAN),
    ("2024-08", "A", -120_000.0, -79_000.0, -119_000.0),
]


def test_t2_against_the_months_budget_the_forecast_and_t1():
    e = interim_economy(economy(ROWS), ["A"], parse_period("2024-T2"), BudgetThresholds())
    r = e.total
    assert r.budget_to_date == -80_000            # 8/12 of the annual budget
    assert r.deviation_to_date == 1_000           # spent less than budgeted so far
    assert r.deviation == 1_000 and r.deviation_percent == pytest.approx(0.8333, abs=1e-3)
    assert e.previous_month == Month(2024, 4) and r.forecast_change == 2_500
    assert e.balance_checked and e.forecast_result == 1_000 and e.keeps_balance
    assert e.status is Status.GRON


def test_t1_compares_with_the_latest_earlier_forecast_and_skips_the_balance_check():
    e = interim_economy(economy(ROWS), ["A"], parse_period("2024-T1"), BudgetThresholds())
    assert e.previous_month == Month(2024, 3) and e.total.forecast_change == -500
    assert not e.balance_checked
    assert e.keeps_balance is False and e.status is Status.ROD  # −1 500 on −120 000 is −1,25 %
