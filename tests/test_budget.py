import pandas as pd

from styrkort.reports.budget import net_cost_table

COLUMNS = ["ar", "verksamhet", "utfall", "prognos", "prognos_avser", "budget"]
SEED = [
    (2024, "Förvaltningsövergripande", -85797, -90272, "Prognos T2", -96798),
    (2024, "Vård för vuxna", -72031, -77512, "Prognos T2", -81607),
    (2024, "Barn- och ungdomsvård", -70159, -79565, "Prognos T2", -79162),
    (2024, "Ekonomiskt bistånd", -28131, -25514, "Prognos T2", -25737),
    (2024, "Arbetsmarknad", -13263, -16179, "Prognos T2", -17606),
    (2024, "Integration", -4263, -4301, "Prognos T2", -7942),
    (2024, "Totalt", -273644, -293343, "Prognos T2", -308853),
]
ORDER = [r[1] for r in SEED[:-1]]


def test_the_seeds_table_shows_its_rounding_difference():
    t = net_cost_table(pd.DataFrame(SEED, columns=COLUMNS), 2024, ORDER)
    assert t.forecast_label == "Prognos T2"
    assert (t.computed.outcome, t.computed.forecast, t.computed.budget) == (-273644, -293343, -308852)
    assert t.differences() == [("budget", -308852, -308853)]


def test_totals_come_from_unrounded_rows():
    rows = [(2024, "A", None, None, "", -100.4), (2024, "B", None, None, "", -100.4), (2024, "Totalt", None, None, "", -201)]
    t = net_cost_table(pd.DataFrame(rows, columns=COLUMNS), 2024, ["A", "B"])
    assert t.computed.budget == -200.8 and t.differences() == []  # −200,8 rounds to −201: no difference


def test_without_stated_totals_and_for_a_missing_year():
    frame = pd.DataFrame(SEED[:-1], columns=COLUMNS)
    t = net_cost_table(frame, 2024, list(reversed(ORDER)))
    assert t.stated is None and t.differences() == []
    assert t.rows[0].activity == "Integration"
    assert net_cost_table(frame, 2030, ORDER) is None
