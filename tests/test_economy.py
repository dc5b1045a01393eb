import pandas as pd
import pytest

from styrkort.reports.economy import deviation_status, economy_summary
from styrkort.data.params import BudgetThresholds
from styrkort.data.status import Status


def frame(rows):
    return pd.DataFrame(rows, columns=["period", "verksamhet", "budget", "utfall", "prognos"])


ECON = frame([
    ("2023-05", "A", -200_000.0, -80_000.0, -195_000.0),
    ("2023-05", "B", -100_613.0, -40_000.0, -95_708.0),
    ("2023-06", "A", -200_000.0, -97_000.0, float("nan")),
    ("2023-06", "B", -100_613.0, -49_000.0, -95_000.0),
    ("2023-07", "A", -200_000.0, -113_000.0, -197_600.0),
    ("2023-07", "B", -100_613.0, -57_000.0, -95_708.0),
])


def test_deviation_and_percent_of_budget():
    s = economy_summary(ECON, ["A", "B"], "2023-07", BudgetThresholds())
    assert s.total.budget == -300_613
    assert s.total.forecast == -293_308
    assert s.total.deviation == 7_305
    assert s.total.deviation_percent == pytest.approx(2.43, abs=0.005)
    assert s.status is Status.GRON


def test_forecast_change_since_previous_forecast_skips_months_without_one():
    s = economy_summary(ECON, ["A", "B"], "2023-07", BudgetThresholds())
    assert s.previous_month == "2023-05"  # June has no complete forecast
    assert s.forecast_change == -2_600


def test_rows_follow_the_activity_order():
    s = economy_summary(ECON, ["B", "A"], "2023-07", BudgetThresholds())
    assert [r.activity for r in s.rows] == ["B", "A"]


def test_no_economy_for_the_month():
    assert economy_summary(ECON, ["A", "B"], "2023-08", BudgetThresholds()) is None


@pytest.mark.parametrize("pct, status", [(2.43, Status.GRON), (0.0, Status.GRON), (-0.5, Status.GUL),
                                         (-1.0, Status.GUL), (-1.01, Status.ROD), (None, None)])
def test_deviation_colour_by_thresholds(pct, status):
    assert deviation_status(pct, BudgetThresholds(green_from=0.0, yellow_from=-1.0)) is status


def test_first_forecast_of_a_year_has_no_previous_forecast():
    econ = frame([
        ("2023-12", "A", -200_000.0, -199_000.0, -199_000.0),
        ("2024-01", "A", -210_000.0, -17_000.0, float("nan")),
        ("2024-02", "A", -210_000.0, -35_000.0, -211_000.0),
    ])
    s = economy_summary(econ, ["A"], "2024-02", BudgetThresholds())
    assert (s.previous_month, s.previous_forecast, s.forecast_change) == (None, None, None)
