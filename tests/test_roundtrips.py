"""What a unit wrote comes back exactly: a template carries text as text (never as a formula), an
unchanged template imports unchanged, a ledger export opened in Excel runs nothing, and a template is
never made that cannot be imported or named."""

import pytest
from openpyxl import load_workbook

from conftest import read_rows, write_rows
from intake_helpers import templates
from styrkort.data import store
from styrkort.data.errors import ReportError
from styrkort.data.loading import load_data
from styrkort.data.periods import parse_period
from styrkort.data.tables import csv_cell
from styrkort.intake.imports import import_file
from styrkort.intake.templates import CELL_LIMIT, file_names, write_templates

FORMULAS = ["=1+1", "=HYPERLINK(\"http://example.org\",\"Klicka\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)",
            "-2+3"]


def test_an_unchanged_template_imports_exactly_what_it_was_made_from(data_copy, tmp_path):
    rows = read_rows(data_copy, "bedomningar")
    august = [r for r in rows if r["period"] == "2024-08" and r["enhet_id"] == "CAI"]
    for r, text in zip(august, FORMULAS):
        r["kommentar"] = text
    write_rows(data_copy, "bedomningar", rows)
    tpl = templates(data_copy, tmp_path / "mallar", period="2024-08", units=["CAI"])["CAI"]
    ws = load_workbook(tpl)["Bedömningar"]
    cells = [ws.cell(r, 5) for r in range(8, 8 + len(august))]
    assert [c.data_type for c in cells] == ["s"] * len(august)  # text, not a formula Excel would run
    assert import_file(tpl, data_copy).ok  # sent back untouched
    stored = store.current_submissions(data_copy)[0].assessments
    assert [a.comment for a in stored] == [r["kommentar"] for r in august]


def test_names_from_data_are_text_in_the_template(data_copy, tmp_path):
    rows = read_rows(data_copy, "enheter")
    rows[0]["namn"] = "=HYPERLINK(\"http://example.org\",\"Enhet\")"
    write_rows(data_copy, "enheter", rows)
    tpl = templates(data_copy, tmp_path / "mallar", units=[rows[0]["enhet_id"]])[rows[0]["enhet_id"]]
    ws = load_workbook(tpl)["Bedömningar"]
    assert ws["B3"].value == rows[0]["namn"] and ws["B3"].data_type == "s"
    assert ws["A1"].data_type == "s"


@pytest.mark.parametrize("text", FORMULAS + ["-1622", "−1 622", "Vanlig text", "'=redan", "''", "'vanlig"])
def test_a_csv_cell_is_inert_in_excel_and_reads_back_exactly(tmp_path, text):
    cell = csv_cell(text)
    plain = text in ("-1622", "−1 622", "Vanlig text", "'vanlig")  # numbers and text Excel shows as it is
    assert (cell == text) is plain and (plain or cell == "'" + text)
    rows = [{"period": "2024-08", "verksamhet": cell, "budget": "1", "utfall": "1", "prognos": ""}]
    (tmp_path / "t").mkdir()
    write_rows(tmp_path / "t", "ekonomi", rows)
    from styrkort.data import contract
    from styrkort.data.tables import read_rows as read_table

    problems = []
    assert read_table(tmp_path / "t" / "ekonomi.csv", contract.BY_NAME["ekonomi"], problems)["verksamhet"] == [text]


def test_a_comment_longer_than_a_cell_is_refused_not_cut(data_copy, tmp_path):
    rows = read_rows(data_copy, "bedomningar")
    target = next(r for r in rows if r["period"] == "2024-08" and r["enhet_id"] == "CAI")
    target["kommentar"] = "Lång kommentar. " * 6250  # 100 000 characters
    write_rows(data_copy, "bedomningar", rows)
    with pytest.raises(ReportError, match=f"är 99999 tecken; en Excel-cell rymmer {CELL_LIMIT}"):
        write_templates(load_data(data_copy), "2024-08", tmp_path / "mallar", ["CAI"])
    assert not (tmp_path / "mallar").exists()


def test_template_file_names_are_unique_and_short():
    period = parse_period("2024-09")
    names = file_names(period, [("A/B", "A/B Stöd"), ("A-B", "A-B Stod"), ("a-b", "a b stöd"), ("X", "Å" * 300)])
    assert len(set(n.casefold() for n in names.values())) == 4
    assert names["A/B"] == "2024-09_a-b_a-b-stod.xlsx" and names["A-B"] == "2024-09_a-b_a-b-stod-2.xlsx"
    assert all(len(n.encode()) < 160 for n in names.values())


def test_a_unit_with_a_300_character_name_gets_its_template(data_copy, tmp_path):
    rows = read_rows(data_copy, "enheter")
    rows[0]["namn"] = "Enheten för " + "mycket långa namn " * 17
    write_rows(data_copy, "enheter", rows)
    written = write_templates(load_data(data_copy), "2024-09", tmp_path / "mallar", [rows[0]["enhet_id"]])
    assert written[0].path.is_file()


def test_a_template_for_a_month_of_a_combined_period_is_for_that_period(data_copy, tmp_path):
    written = write_templates(load_data(data_copy), "2023-07", tmp_path / "mallar", ["CAI"])
    assert written[0].period.key == "2023-06..2023-07" and written[0].path.name.startswith("2023-06..2023-07_")
    assert import_file(written[0].path, data_copy).ok
