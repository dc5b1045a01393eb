"""A ledger extract aggregated to the economy tables, column by column, and what finance systems send."""

import pytest

from conftest import EXAMPLE, read_rows
from intake_helpers import snapshot
from ledger_data import MAPPING, expected_economy, ledger_table, write_ledger, write_mapping
from styrkort.data import store
from styrkort.cli.main import main
from styrkort.data.errors import DataError
from styrkort.intake.imports import import_ledger
from styrkort.intake.ledger import economy_csv, ledger_economy
from styrkort.data.loading import load_data


@pytest.fixture(scope="module")
def example():
    return load_data(EXAMPLE)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """200 000 generated transactions for 2024, January–August, as a finance system exports them."""
    folder = tmp_path_factory.mktemp("ledger")
    table = ledger_table(200_000)
    return table, write_ledger(folder / "huvudbok.csv", table), write_mapping(folder / "mappning.csv")


def assert_matches(economy, expected):
    assert len(economy) == len(expected)
    for r in economy.itertuples(index=False):
        budget, outcome = expected[(r.period, r.verksamhet)]
        assert r.budget == pytest.approx(budget, abs=1e-5) and r.utfall == pytest.approx(outcome, abs=1e-5)


def test_a_generated_ledger_aggregates_to_the_plain_sum(big, example):
    table, ledger, mapping = big
    summary = ledger_economy(ledger, mapping, example)
    assert summary.rows == 200_000 and summary.years == (2024,)
    assert summary.months == tuple(f"2024-{m:02d}" for m in range(1, 9))
    assert_matches(summary.economy, expected_economy(table))
    # budget is the year's, the same every month; outcome grows month by month (costs: more negative)
    area = summary.economy[summary.economy["verksamhet"] == "Barn- och ungdomsvård"]
    assert area["budget"].nunique() == 1 and area["utfall"].is_monotonic_decreasing
    assert summary.economy["prognos"].isna().all()


@pytest.mark.parametrize("kind", ["parquet", "comma", "cp1252"])
def test_the_same_ledger_in_other_forms(tmp_path, example, kind):
    table = ledger_table(5_000, seed=2)
    if kind == "parquet":
        ledger = write_ledger(tmp_path / "huvudbok.parquet", table)
    elif kind == "comma":
        ledger = write_ledger(tmp_path / "huvudbok.csv", table, delimiter=",", decimal_comma=False)
    else:
        ledger = write_ledger(tmp_path / "huvudbok.csv", table)
        # as Excel saves it on Windows: a header with å/ä/ö, and the mapping too
        ledger.write_bytes(ledger.read_bytes().decode("utf-8").replace('"datum"', "Bokföringsdatum").encode("cp1252"))
    mapping = write_mapping(tmp_path / "mappning.csv")
    if kind == "cp1252":
        mapping.write_bytes(mapping.read_text(encoding="utf-8").encode("cp1252"))
    assert_matches(ledger_economy(ledger, mapping, example).economy, expected_economy(table))


def test_swedish_amounts_compact_dates_and_any_case(tmp_path, example):
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text("\ufeffDatum;Ansvar;Vht;Konto;Belopp;Typ\n"
                      "20240105;1101;300;4010;1 000 000,50;Budget\n"
                      "2024-01-10;1101;300;4010;\u2212250,50;UTFALL\n"
                      "2024-02-10;1101;300;4010;1 250,00; utfall \n", encoding="utf-8")
    mapping = write_mapping(tmp_path / "mappning.csv", {"300": "Barn- och ungdomsvård"})
    economy = ledger_economy(ledger, mapping, example).economy
    assert list(economy["period"]) == ["2024-01", "2024-02"]
    assert list(economy["budget"]) == [-1000.0005, -1000.0005]
    assert list(economy["utfall"]) == [0.2505, -0.9995]


def refused(ledger, mapping, example):
    with pytest.raises(DataError) as exc:
        ledger_economy(ledger, mapping, example)
    return exc.value.problems


def test_unmapped_codes_are_refused_and_named(tmp_path, example):
    table = ledger_table(2_000, codes=("300", "999", "998"))
    ledger = write_ledger(tmp_path / "huvudbok.csv", table)
    p, = refused(ledger, write_mapping(tmp_path / "m.csv"), example)
    assert p.file == "huvudbok.csv" and p.column == "verksamhetskod"
    assert "998 (" in p.message and "999 (" in p.message and "rader" in p.message and "mappningsfilen" in p.message
    first = table["verksamhetskod"].to_pylist().index(next(c for c in table["verksamhetskod"].to_pylist() if c != "300"))
    assert p.row == first + 2


@pytest.mark.parametrize("column, value, words", [
    ("belopp", "tolv", ["beloppet 'tolv' är inget tal", "rader: 4"]),
    ("datum", "31/01/2024", ["datumet '31/01/2024' går inte att läsa", "ÅÅÅÅ-MM-DD"]),
    ("typ", "prognos", ["'prognos' är inte tillåtet", "budget, utfall", "rader: 4"]),
    ("verksamhetskod", "", ["verksamhetskod saknas", "rader: 4"]),
])
def test_bad_values_name_the_row_and_column(tmp_path, example, column, value, words):
    rows = ["datum;ansvar;verksamhetskod;konto;belopp;typ", "2024-01-05;1;300;4010;100;budget",
            "2024-01-06;1;300;4010;100;utfall", "2024-01-07;1;300;4010;100;utfall"]
    fields = rows[3].split(";")
    fields[rows[0].split(";").index(column)] = value
    rows[3] = ";".join(fields)
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text("\n".join(rows) + "\n", encoding="utf-8")
    p, = refused(ledger, write_mapping(tmp_path / "m.csv"), example)
    assert (p.file, p.row, p.column) == ("huvudbok.csv", 4, column)
    for w in words:
        assert w in p.message


def test_missing_columns_and_empty_files(tmp_path, example):
    mapping = write_mapping(tmp_path / "m.csv")
    ledger = tmp_path / "huvudbok.csv"
    ledger.write_text("datum;belopp;typ\n2024-01-01;1;utfall\n", encoding="utf-8")
    assert "kolumn saknas: ansvar, verksamhetskod, konto" in refused(ledger, mapping, example)[0].message
    ledger.write_bytes(b"")
    assert refused(ledger, mapping, example)[0].message == "filen är tom"
    ledger.write_text("datum;ansvar;verksamhetskod;konto;belopp;typ\n", encoding="utf-8")
    assert "inga rader" in refused(ledger, mapping, example)[0].message


def test_outcome_dated_after_this_month_is_refused(tmp_path, example):
    table = ledger_table(1_000, year=2099)
    p, = refused(write_ledger(tmp_path / "huvudbok.csv", table), write_mapping(tmp_path / "m.csv"), example)
    assert p.column == "datum" and "utfall daterat efter innevarande månad" in p.message


def test_mapping_to_an_unknown_activity_area(tmp_path, example):
    mapping = write_mapping(tmp_path / "m.csv", {**MAPPING, "700": "Äldreomsorg"})
    table = ledger_table(100)
    p, = refused(write_ledger(tmp_path / "h.csv", table), mapping, example)
    assert (p.file, p.row, p.column) == ("m.csv", 10, "verksamhet") and "'Äldreomsorg' finns inte i verksamheter" in p.message


def test_a_ledger_whose_budget_disagrees_with_the_periodised_budget_is_refused(big, august_copy):
    """The example's months' budgets add up to its annual budgets; the generated ledger budgets
    other amounts, so the folder would no longer agree with itself: nothing is stored."""
    _, ledger, mapping = big
    before = (august_copy / "ekonomi.csv").read_bytes()
    result = import_ledger(ledger, mapping, august_copy)
    assert not result.ok and "månadsbudgetarna för" in str(result.error) and "skillnaden är" in str(result.error)
    assert (august_copy / "ekonomi.csv").read_bytes() == before


def test_the_ledger_replaces_its_months_in_the_folder_and_keeps_the_forecasts(big, august_copy):
    table, ledger, mapping = big
    (august_copy / "manadsbudget.csv").unlink()  # the generated ledger budgets other amounts than the example
    before = {(r["period"], r["verksamhet"]): r for r in read_rows(august_copy, "ekonomi")}
    result = import_ledger(ledger, mapping, august_copy)
    assert result.ok, result.error
    economy = load_data(august_copy).economy
    mine = economy[economy["period"].str.startswith("2024")]
    assert_matches(mine, expected_economy(table))
    aug = economy[(economy["period"] == "2024-08") & (economy["verksamhet"] == "Vård för vuxna")].iloc[0]
    assert before[("2024-08", "Vård för vuxna")]["prognos"] and aug["prognos"] == pytest.approx(
        float(before[("2024-08", "Vård för vuxna")]["prognos"].replace(",", ".").replace("\u2212", "-")))
    assert len(economy[economy["period"].str.startswith("2023")]) == sum(p.startswith("2023") for p, _ in before)
    versions = store.table_history(august_copy, "ekonomi")
    assert [v.source for v in versions] == [None, "huvudbok.csv med mappning.csv"]


def test_a_refused_ledger_changes_nothing(tmp_path, data_copy):
    ledger = write_ledger(tmp_path / "huvudbok.csv", ledger_table(500, codes=("300", "999")))
    before = snapshot(data_copy)
    result = import_ledger(ledger, write_mapping(tmp_path / "m.csv"), data_copy)
    assert not result.ok and "999" in str(result.error)
    assert snapshot(data_copy) == before


def test_ledger_command(big, data_copy, tmp_path, capsys):
    _, ledger, mapping = big
    (data_copy / "manadsbudget.csv").unlink()  # the generated ledger budgets other amounts than the example
    out = tmp_path / "ekonomi.csv"
    assert main(["ledger", str(ledger), "--mapping", str(mapping), "--data", str(data_copy), "--out", str(out)]) == 0
    assert "200000 transaktioner → 48 rader (2024-01 – 2024-08)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("period;verksamhet;budget;utfall;prognos\n2024-01;")
    assert main(["ledger", str(ledger), "--mapping", str(mapping), "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "ekonomi.csv i datamappen" in out and "200000 transaktioner → 48 rader i ekonomi, 2024-01 – 2024-08" in out
    bad = tmp_path / "fel.csv"
    bad.write_text("datum;ansvar;verksamhetskod;konto;belopp;typ\n2024-01-01;1;300;1;x;utfall\n", encoding="utf-8")
    assert main(["ledger", str(bad), "--mapping", str(mapping), "--data", str(data_copy)]) == 2
    assert "fel.csv, rad 2, kolumn 'belopp'" in capsys.readouterr().err


def test_economy_csv_is_the_contracts_form():
    import pandas as pd

    frame = pd.DataFrame([{"period": "2024-01", "verksamhet": "Integration", "budget": -7942.0, "utfall": -561.5,
                           "prognos": None}])
    assert economy_csv(frame).decode() == "period;verksamhet;budget;utfall;prognos\n2024-01;Integration;-7942;-561,5;\n"


# --- economy per unit, from the responsibility codes ---------------------------------------------------

# The generated ledger's responsibility codes: three units, and one code that belongs to no unit.
RESPONSIBILITIES = {"1101": "MUBU1", "1102": "RES2", "2201": "VUX", "3301": ""}


def _responsibilities(folder, mapping=RESPONSIBILITIES):
    path = folder / "ansvar.csv"
    path.write_text("ansvar;enhet_id\n" + "".join(f"{k};{v}\n" for k, v in mapping.items()), encoding="utf-8")
    return path


def test_economy_per_unit_from_the_responsibility_codes(big, example, tmp_path):
    """Each unit's budget (the year's) and outcome to date, summed the plain way here; a code of no
    unit is left out; Resursenheten 2, closed after May, has no rows after May."""
    table, ledger, mapping = big
    units = ledger_economy(ledger, mapping, example, responsibilities=_responsibilities(tmp_path)).unit_economy
    df = table.to_pandas()
    df["unit"], df["month"] = df["ansvar"].map(RESPONSIBILITIES), df["datum"].map(lambda d: d.month)
    shown = {(r.period, r.enhet_id): (r.budget, r.utfall) for r in units.itertuples(index=False)}
    expected = {}
    for unit in ("MUBU1", "RES2", "VUX"):
        mine = df[df["unit"] == unit]
        for m in range(1, 9 if unit != "RES2" else 6):
            expected[(f"2024-{m:02d}", unit)] = (-mine[mine["typ"] == "budget"]["belopp"].sum() / 1000,
                                                 -mine[(mine["typ"] == "utfall") & (mine["month"] <= m)]["belopp"].sum()
                                                 / 1000)
    assert set(shown) == set(expected)
    for key, (budget, outcome) in expected.items():
        assert shown[key] == (pytest.approx(budget, abs=1e-5), pytest.approx(outcome, abs=1e-5)), key


def test_the_ledger_with_responsibilities_installs_both_tables(big, data_copy, tmp_path, capsys):
    _, ledger, mapping = big
    (data_copy / "manadsbudget.csv").unlink()  # the generated ledger budgets other amounts than the example
    assert main(["ledger", str(ledger), "--mapping", str(mapping), "--ansvar", str(_responsibilities(tmp_path)),
                 "--data", str(data_copy)]) == 0
    assert "rader i ekonomi_enhet" in capsys.readouterr().out
    data = load_data(data_copy)
    august = data.unit_economy[data.unit_economy["period"] == "2024-08"]
    assert set(august["enhet_id"]) == {"MUBU1", "VUX"}
    before = {(r["period"], r["enhet_id"]): r["prognos"] for r in read_rows(EXAMPLE, "ekonomi_enhet")}
    vux = august[august["enhet_id"] == "VUX"].iloc[0]
    assert vux["prognos"] == pytest.approx(float(before[("2024-08", "VUX")].replace(",", ".")))  # the forecast kept


def test_a_responsibility_code_missing_from_the_mapping_is_refused(big, example, tmp_path):
    _, ledger, mapping = big
    with pytest.raises(DataError) as exc:
        ledger_economy(ledger, mapping, example,
                       responsibilities=_responsibilities(tmp_path, {"1101": "MUBU1", "1102": "VUX"}))
    p = exc.value.problems[0]
    assert p.column == "ansvar" and "ansvarskoder som saknas i ansvarsmappningen: 2201" in p.message and "3301" in p.message
    with pytest.raises(DataError, match="'OKÄND' finns inte i enheter"):
        ledger_economy(ledger, mapping, example, responsibilities=_responsibilities(tmp_path, {"1101": "OKÄND"}))
