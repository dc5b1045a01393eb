import pandas as pd

from styrkort.data.bridge import bridge_from_rows, check_bridges, with_changes

MINUS, NBSP = "\u2212", "\u00a0"
COLUMNS = ["ar", "ordning", "typ", "rubrik", "belopp", "procent", "bas", "kommentar"]
SEED = [
    (2024, 1, "start", "Kommunbidrag 2023", -300613, None, None, ""),
    (2024, 2, "förändring", "demografi", -1622, None, None, ""),
    (2024, 3, "förändring", "prisuppräkning", -12241, 4.1, None, ""),
    (2024, 4, "förändring", "teknisk justering", -3787, None, None, "Pension."),
    (2024, 5, "förändring", "effektivisering", 8000, None, None, ""),
    (2024, 6, "förändring", "nedtrappning beslutat i kommunplan 2022", 1410, None, None, ""),
    (2024, 7, "slut", "Kommunbidrag 2024", -308853, None, None, ""),
]


def frame(rows):
    f = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    f["_row"] = range(2, len(rows) + 2)
    return f


def test_the_seeds_bridge_adds_up_exactly():
    b = bridge_from_rows(frame(SEED), 2024)
    assert b.computed_end == b.end.amount == -308853
    assert b.change == -8240
    assert b.change_text() == f"Kommunbidraget för 2024 ökar med 8,2{NBSP}mnkr jämfört med 2023"
    assert check_bridges(frame(SEED), "kommunbidrag.csv") == []


def test_signed_labels_as_printed():
    b = bridge_from_rows(frame(SEED), 2024)
    assert [s.label_signed for s in b.steps][:3] == ["+ demografi", f"+ prisuppräkning 4,1{NBSP}%",
                                                    "+ teknisk justering"]
    assert b.steps[3].label_signed == f"{MINUS} effektivisering"


def test_a_bridge_that_does_not_add_up_is_refused_with_the_difference():
    rows = list(SEED)
    rows[1] = (2024, 2, "förändring", "demografi", -1600, None, None, "")
    [p] = check_bridges(frame(rows), "kommunbidrag.csv")
    assert (p.file, p.row, p.column) == ("kommunbidrag.csv", 8, "belopp")
    assert f"summerar till {MINUS}308{NBSP}831" in p.message and f"skillnaden är {MINUS}22 tkr" in p.message


def test_percentage_step_is_computed_from_rate_and_base():
    rows = list(SEED)
    rows[2] = (2024, 3, "förändring", "prisuppräkning", None, 4.1, -298561, "")
    rows[6] = (2024, 7, "slut", "Kommunbidrag 2024", -308853 + 12241 - 12241, None, None, "")
    b = bridge_from_rows(frame(rows), 2024)
    assert b.steps[1].amount == -12241 and b.steps[1].from_rate   # 4,1 % of −298 561, rounded
    assert check_bridges(frame(rows), "x.csv") == []


def test_percentage_of_the_start_value_when_no_base():
    rows = [SEED[0], (2024, 2, "förändring", "prisuppräkning", None, 2.0, None, ""),
            (2024, 3, "slut", "Kommunbidrag 2024", -306625, None, None, "")]
    assert bridge_from_rows(frame(rows), 2024).steps[0].amount == -6012


def test_malformed_bridges():
    assert "exakt en rad med typ start" in check_bridges(frame(SEED[1:]), "k.csv")[0].message
    rows = list(SEED)
    rows[1] = (2024, 2, "förändring", "demografi", None, None, None, "")
    assert "varken belopp eller procent" in check_bridges(frame(rows), "k.csv")[0].message


def test_changing_a_step_moves_the_end():
    b = with_changes(bridge_from_rows(frame(SEED), 2024), amounts={"demografi": -2000}, rates={"prisuppräkning": 5.0})
    assert b.steps[0].amount == -2000
    assert b.steps[1].amount == round(-300613 * 0.05)
    assert b.end.amount == b.computed_end == -300613 - 2000 - 15031 - 3787 + 8000 + 1410


def test_amount_rate_and_base_must_agree():
    rows = list(SEED)
    rows[2] = (2024, 3, "förändring", "prisuppräkning", -12241, 4.5, -298561, "")
    [p] = check_bridges(frame(rows), "kommunbidrag.csv")
    assert (p.row, p.column) == (4, "belopp") and "4,5" in p.message and "inte" in p.message
