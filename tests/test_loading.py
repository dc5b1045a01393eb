"""Every load validates; bad input names file, row, column, value and what is allowed, in Swedish."""

import pandas as pd
import pytest

from conftest import EXAMPLE, read_rows, write_rows
from styrkort.data.errors import DataError
from styrkort.data.loading import load_data
from styrkort.data.periods import parse_period


def problems_of(folder):
    with pytest.raises(DataError) as exc:
        load_data(folder)
    return exc.value.problems


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_example_data_loads():
    data = load_data(EXAMPLE)
    assert len(data.units) == 13  # with the units that closed
    units_2024 = data.units_in(parse_period("2024-01"))
    assert len(units_2024) == 12 and round(units_2024["arsarbetare"].sum(), 1) == 204.7
    assert data.organisation["kommun"] == "Exempelkommun"
    assert "2023-06..2023-07" in data.reporting_periods(2023)
    assert set(data.assessments["status"]) <= {"Grön", "Gul", "Röd"}
    assert data.text("2023-06..2023-07", "viktiga-handelser")


def test_misspelt_status_names_file_row_column_value_and_suggestion(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[12]["status"] = "Grönn"  # data row 13 is row 14 counting the header, as Excel does
    write_rows(data_copy, "bedomningar", rows)
    p = only(problems_of(data_copy))
    assert (p.file, p.row, p.column) == ("bedomningar.csv", 14, "status")
    assert "'Grönn'" in p.message and "Grön, Gul, Röd" in p.message and "Menade du Grön?" in p.message
    assert str(p).startswith("bedomningar.csv, rad 14, kolumn 'status': ")


def test_status_case_and_missing_diacritics_are_accepted(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["status"], rows[1]["status"], rows[2]["status"] = "grön", "GRON", "rod"
    write_rows(data_copy, "bedomningar", rows)
    statuses = load_data(data_copy).assessments["status"].tolist()
    assert statuses[:3] == ["Grön", "Grön", "Röd"]


def test_duplicate_key_names_both_rows(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows.insert(5, dict(rows[2]))
    write_rows(data_copy, "bedomningar", rows)
    p = only(problems_of(data_copy))
    assert p.row == 7 and "dubblett" in p.message and "rad 4" in p.message


def test_unknown_unit(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[3]["enhet_id"] = "XYZ"
    write_rows(data_copy, "bedomningar", rows)
    p = only(problems_of(data_copy))
    assert (p.file, p.row, p.column) == ("bedomningar.csv", 5, "enhet_id")
    assert "'XYZ' finns inte i enheter" in p.message


def test_unknown_goal_area(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["malomrade"] = "7"
    write_rows(data_copy, "bedomningar", rows)
    p = only(problems_of(data_copy))
    assert p.column == "malomrade" and p.row == 2 and "målområde 7 finns inte" in p.message


@pytest.mark.parametrize("bad", ["2023-13", "juli", "2023-07..2023-06"])
def test_malformed_period(data_copy, bad):
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["period"] = bad
    write_rows(data_copy, "bedomningar", rows)
    p = only(problems_of(data_copy))
    assert (p.row, p.column) == (2, "period") and bad in p.message


def test_period_in_the_future(data_copy):
    rows = read_rows(data_copy, "ekonomi")
    rows[0]["period"] = "2099-01"
    write_rows(data_copy, "ekonomi", rows)
    p = only(problems_of(data_copy))
    assert p.column == "period" and "ligger i framtiden" in p.message


def test_overlapping_reporting_periods(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    combined = next(r for r in rows if r["period"] == "2023-06..2023-07")
    rows.append({**combined, "period": "2023-07"})
    write_rows(data_copy, "bedomningar", rows)
    assert any("överlappar" in p.message for p in problems_of(data_copy))


def test_non_numeric_amount(data_copy):
    rows = read_rows(data_copy, "ekonomi")
    rows[1]["budget"] = "tolv"
    write_rows(data_copy, "ekonomi", rows)
    p = only(problems_of(data_copy))
    assert (p.file, p.row, p.column) == ("ekonomi.csv", 3, "budget")
    assert "'tolv'" in p.message and "svensk form" in p.message


def test_swedish_number_forms_are_read(data_copy):
    rows = read_rows(data_copy, "ekonomi")
    rows[0]["budget"], rows[0]["utfall"] = "−96 798", "-1\u00a0234,5"
    write_rows(data_copy, "ekonomi", rows)
    econ = load_data(data_copy).economy
    assert econ["budget"].iloc[0] == -96798 and econ["utfall"].iloc[0] == -1234.5


def test_negative_fte_is_refused(data_copy):
    rows = read_rows(data_copy, "enheter")
    rows[0]["arsarbetare"] = "-3"
    write_rows(data_copy, "enheter", rows)
    p = only(problems_of(data_copy))
    assert p.column == "arsarbetare" and "utanför tillåtet intervall" in p.message


def test_empty_file(data_copy):
    (data_copy / "ekonomi.csv").write_bytes(b"")
    p = only(problems_of(data_copy))
    assert (p.file, p.message) == ("ekonomi.csv", "filen är tom")


def test_header_only_file(data_copy):
    (data_copy / "enheter.csv").write_text("enhet_id;namn;verksamhet;arsarbetare;ordning\n", encoding="utf-8")
    assert any(p.file == "enheter.csv" and "inga rader" in p.message for p in problems_of(data_copy))


def test_missing_file(data_copy):
    (data_copy / "enheter.csv").unlink()
    assert any(p.file == "enheter.csv" and "saknas" in p.message for p in problems_of(data_copy))


def test_missing_column_names_what_the_file_has(data_copy):
    rows = [{("stat" if k == "status" else k): v for k, v in r.items()} for r in read_rows(data_copy, "bedomningar")]
    write_rows(data_copy, "bedomningar", rows)
    p = only(problems_of(data_copy))
    assert "kolumn saknas: status" in p.message and "stat" in p.message


def test_all_problems_are_reported_at_once(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["status"], rows[1]["status"] = "Blå", "Grönn"
    write_rows(data_copy, "bedomningar", rows)
    assert [p.row for p in problems_of(data_copy)] == [2, 3]


def test_excel_file_is_read_like_csv(data_copy):
    frame = pd.read_csv(data_copy / "enheter.csv", sep=";", dtype=str, keep_default_na=False)
    frame["arsarbetare"] = frame["arsarbetare"].str.replace(",", ".").astype(float)
    (data_copy / "enheter.csv").unlink()
    frame.to_excel(data_copy / "enheter.xlsx", index=False)
    assert load_data(data_copy).units.equals(load_data(EXAMPLE).units)


def test_csv_and_excel_of_the_same_table_is_ambiguous(data_copy):
    pd.read_csv(data_copy / "enheter.csv", sep=";").to_excel(data_copy / "enheter.xlsx", index=False)
    assert any("båda filerna" in p.message for p in problems_of(data_copy))


def test_comma_separated_with_bom_and_windows_1252(data_copy):
    write_rows(data_copy, "enheter", read_rows(data_copy, "enheter"), delimiter=",", encoding="utf-8-sig")
    write_rows(data_copy, "verksamheter", read_rows(data_copy, "verksamheter"), encoding="cp1252")
    data = load_data(data_copy)
    assert len(data.units) == 13  # with the units that closed
    assert "Barn- och ungdomsvård" in set(data.activity_areas["verksamhet"])


def test_unknown_text_file(data_copy):
    (data_copy / "texter" / "2024-08" / "anteckning.md").write_text("x", encoding="utf-8")
    assert any("okänd textfil" in p.message for p in problems_of(data_copy))


def test_missing_folder(tmp_path):
    assert "mappen finns inte" in only(problems_of(tmp_path / "nej")).message


def test_bridge_that_does_not_add_up_is_refused_on_load(data_copy):
    rows = read_rows(data_copy, "kommunbidrag")
    rows[1]["belopp"] = "-1600"
    write_rows(data_copy, "kommunbidrag", rows)
    p = only(problems_of(data_copy))
    assert p.file == "kommunbidrag.csv" and "skillnaden är" in p.message and "22" in p.message


def test_probability_outside_the_largest_scale(data_copy):
    """The contract takes scales of up to seven levels; the params' own scale is checked by
    `styrkort check` (tests/test_bad_input_catalogue.py)."""
    rows = read_rows(data_copy, "risker")
    rows[0]["sannolikhet"] = "8"
    write_rows(data_copy, "risker", rows)
    p = only(problems_of(data_copy))
    assert (p.file, p.row, p.column) == ("risker.csv", 2, "sannolikhet") and "1–7" in p.message


def test_net_cost_row_for_an_unknown_activity(data_copy):
    rows = read_rows(data_copy, "nettokostnad")
    rows[0]["verksamhet"] = "Okänd"
    write_rows(data_copy, "nettokostnad", rows)
    p = only(problems_of(data_copy))
    assert p.column == "verksamhet" and "'Okänd' finns inte i verksamheter" in p.message


# --- a folder read once -------------------------------------------------------------------------

def test_an_unchanged_folder_is_read_once_and_each_caller_gets_its_own_frames(data_copy, monkeypatch):
    first = load_data(data_copy)
    first.economy.loc[:, "utfall"] = 0.0  # a notebook changing its frames in place
    first.texts.clear()
    import styrkort.data.loading as loading

    monkeypatch.setattr(loading, "read_rows", lambda *a: pytest.fail("an unchanged folder was read again"))
    again = load_data(data_copy)
    assert again.economy["utfall"].abs().sum() > 0 and again.text("2023-06..2023-07", "viktiga-handelser")
    assert again.economy is not first.economy


def test_a_file_changed_in_place_is_read_again_whatever_its_size_and_times_say(data_copy):
    """An edit of the same length with the file's times put back (as `cp -p` or a sync tool does)."""
    import os

    before = load_data(data_copy).economy["utfall"].sum()
    path = data_copy / "ekonomi.csv"
    text, times = path.read_text(encoding="utf-8"), path.stat()
    assert ";-7073;" in text
    path.write_text(text.replace(";-7073;", ";-8073;", 1), encoding="utf-8")
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert path.stat().st_size == times.st_size and path.stat().st_mtime_ns == times.st_mtime_ns
    assert load_data(data_copy).economy["utfall"].sum() == before - 1000


def test_a_new_text_and_a_bad_edit_after_a_load_are_seen(data_copy):
    load_data(data_copy)
    (data_copy / "texter" / "2024-08" / "framtid.md").write_text("Nytt om framtiden.", encoding="utf-8")
    assert load_data(data_copy).text("2024-08", "framtid") == "Nytt om framtiden."
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["status"] = "Lila"
    write_rows(data_copy, "bedomningar", rows)
    assert only(problems_of(data_copy)).column == "status"
