"""What units and finance systems really send, imported: each is refused with a Swedish message
naming the file, sheet, row, column and value (or read in a documented safe way), and nothing
already stored changes — neither the store nor the data folder's files."""

import shutil

import pytest
from openpyxl import load_workbook

from conftest import read_rows, write_rows
from intake_helpers import fill, snapshot, templates
from styrkort.data import store
from styrkort.intake.imports import import_file
from styrkort.data.loading import load_data


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The example data up to August with one submission already stored, and fresh 2024-09 templates."""
    from conftest import copy_until_august

    root = tmp_path_factory.mktemp("prepared")
    data = copy_until_august(root / "data")
    tpl = templates(data, root / "mallar")
    assert import_file(fill(tpl["CAI"], "Grön"), data).ok
    return data, tpl


@pytest.fixture
def folder(prepared, tmp_path):
    data, _ = prepared
    target = tmp_path / "data"
    shutil.copytree(data, target)
    return target


@pytest.fixture
def template(prepared, tmp_path):
    """A fresh template of a unit, copied into the test's own folder."""
    _, tpl = prepared

    def get(unit="VUX"):
        target = tmp_path / tpl[unit].name
        shutil.copy(tpl[unit], target)
        return target

    return get


def refused(folder, path, today=None):
    """Import ``path``; it must be refused and change nothing. Returns its problems."""
    before = snapshot(folder)
    result = import_file(path, folder, today)
    assert not result.ok, "the import was accepted"
    assert snapshot(folder) == before, "a refused import changed the store or the folder"
    assert load_data(folder, today)  # and the data still loads
    return result.error.problems


def one(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def edit(path, change):
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def bedomningar_csv(folder, tmp_path, change, name="bedomningar.csv", encoding="utf-8", delimiter=";"):
    """A unit's rows for 2024-08 as a contract CSV, changed by ``change(rows)``."""
    rows = [r for r in read_rows(folder, "bedomningar") if r["period"] == "2024-08" and r["enhet_id"] == "VUX"]
    rows = change(rows) or rows
    target = tmp_path / "in"
    target.mkdir(exist_ok=True)
    (target / "bedomningar.csv").unlink(missing_ok=True)
    write_rows(target, "bedomningar", rows, delimiter=delimiter, encoding=encoding)
    final = target / name
    if final.name != "bedomningar.csv":
        (target / "bedomningar.csv").rename(final)
    return final


# --- statuses ----------------------------------------------------------------------------------

def test_wrong_status_names_file_sheet_row_column_value_and_what_is_allowed(folder, template):
    path = fill(template(), {1: "Grön", 2: "Blå", 3: "Grönn", 4: "Gul"})
    problems = refused(folder, path)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Bedömningar", 9, "Status"), ("Bedömningar", 10, "Status")]
    assert "'Blå'" in problems[0].message and "Grön, Gul, Röd" in problems[0].message
    assert "Menade du Grön?" in problems[1].message
    assert str(problems[0]).startswith(f"{path.name}, blad 'Bedömningar', rad 9, kolumn 'Status': värdet 'Blå'")


def test_missing_status(folder, template):
    p = one(refused(folder, fill(template(), {1: "Grön", 2: "Gul", 3: None, 4: "Röd"})))
    assert (p.sheet, p.row, p.column) == ("Bedömningar", 10, "Status") and "värde saknas" in p.message


def test_status_in_any_case_and_without_diacritics_is_read(folder, template):
    assert import_file(fill(template(), {1: "grön", 2: "GRON", 3: "rod", 4: " Gul "}), folder).ok
    rows = load_data(folder).assessments
    vux = rows[(rows["period"] == "2024-09") & (rows["enhet_id"] == "VUX")]
    assert list(vux.sort_values("malomrade")["status"]) == ["Grön", "Grön", "Röd", "Gul"]


# --- units and periods ---------------------------------------------------------------------------

def test_unknown_unit_in_a_contract_csv(folder, tmp_path):
    path = bedomningar_csv(folder, tmp_path, lambda rows: [{**r, "enhet_id": "XYZ"} for r in rows])
    problems = refused(folder, path)
    assert {(p.file, p.row, p.column) for p in problems} == {("bedomningar.csv", r, "enhet_id") for r in (2, 3, 4, 5)}
    assert "'XYZ' finns inte i enheter" in problems[0].message and "VUX" in problems[0].message


def test_unit_changed_in_a_template(folder, template):
    path = edit(fill(template()), lambda wb: wb["Bedömningar"].__setitem__("B2", "XYZ"))
    p = one(refused(folder, path))
    assert (p.sheet, p.row, p.column) == ("Bedömningar", 2, "Enhet-id")
    assert "'XYZ' har ändrats" in p.message and "'VUX'" in p.message


def test_unknown_unit_in_a_template_without_its_properties(folder, template):
    def change(wb):
        wb["Bedömningar"]["B2"] = "XYZ"
        wb.custom_doc_props.props = [x for x in wb.custom_doc_props.props if x.name != "styrkort_enhet"]

    p = one(refused(folder, edit(fill(template()), change)))
    assert (p.sheet, p.row, p.column) == ("Bedömningar", 2, "Enhet-id") and "'XYZ' finns inte i enheter" in p.message


def test_period_in_the_future(august_copy, template):
    """As if September 2024 were still ahead: a template for it is refused."""
    from datetime import date

    p = one(refused(august_copy, fill(template()), today=date(2024, 8, 15)))
    assert (p.sheet, p.row, p.column) == ("Bedömningar", 4, "Period")
    assert "'2024-09' ligger i framtiden" in p.message and "2024-08" in p.message


def test_future_period_in_a_csv(folder, tmp_path):
    path = bedomningar_csv(folder, tmp_path, lambda rows: [{**r, "period": "2099-01"} for r in rows])
    problems = refused(folder, path)
    assert problems[0].column == "period" and problems[0].row == 2 and "ligger i framtiden" in problems[0].message


@pytest.mark.parametrize("bad", ["2024-13", "sept 2024", "2024-09..2024-08"])
def test_malformed_period(folder, tmp_path, bad):
    path = bedomningar_csv(folder, tmp_path, lambda rows: [{**rows[0], "period": bad}] + rows[1:])
    p = one(refused(folder, path))
    assert (p.file, p.row, p.column) == ("bedomningar.csv", 2, "period") and bad in p.message


def test_month_of_an_already_combined_period(folder, tmp_path):
    """2023-07 was reported with June as 2023-06..2023-07: July alone would overlap it."""
    def change(rows):
        return [{**r, "period": "2023-07"} for r in rows]

    problems = refused(folder, bedomningar_csv(folder, tmp_path, change))
    assert any("överlappar" in p.message and "2023-06..2023-07" in p.message for p in problems)


def test_unknown_goal_area_in_a_template(folder, template):
    path = edit(fill(template()), lambda wb: wb["Bedömningar"].__setitem__("A11", 7))
    problems = refused(folder, path)
    assert (problems[0].row, problems[0].column) == (11, "Målområde")
    assert "målområde 7 finns inte för 2024" in problems[0].message


# --- rows, files, sheets, columns ---------------------------------------------------------------

def test_duplicate_row_in_a_template(folder, template):
    def change(wb):
        ws = wb["Bedömningar"]
        for col in range(1, 6):
            ws.cell(12, col).value = ws.cell(9, col).value

    p = one(refused(folder, edit(fill(template()), change)))
    assert (p.sheet, p.row, p.column) == ("Bedömningar", 12, "Målområde")
    assert "dubblett: målområde 2 står redan på rad 9" in p.message


def test_duplicate_row_in_a_csv(folder, tmp_path):
    p = one(refused(folder, bedomningar_csv(folder, tmp_path, lambda rows: rows + [rows[1]])))
    assert p.row == 6 and "dubblett" in p.message and "rad 3" in p.message


def test_goal_area_left_out_of_a_csv(folder, tmp_path):
    p = one(refused(folder, bedomningar_csv(folder, tmp_path, lambda rows: rows[:3])))
    assert "VUX 2024-08: målområde 4 saknas" in p.message


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_empty_file(folder, tmp_path, suffix):
    path = tmp_path / (f"2024-09_vux{suffix}" if suffix == ".xlsx" else "bedomningar.csv")
    path.write_bytes(b"")
    assert one(refused(folder, path)).message == "filen är tom"


def test_header_only_csv(folder, tmp_path):
    path = tmp_path / "bedomningar.csv"
    path.write_text("period;enhet_id;malomrade;status;kommentar\n", encoding="utf-8")
    assert "inga rader" in one(refused(folder, path)).message


def test_emptied_sheet(folder, template):
    def change(wb):
        ws = wb["Bedömningar"]
        ws.delete_rows(1, ws.max_row)

    p = one(refused(folder, edit(template(), change)))
    assert p.sheet == "Bedömningar" and ("tomt" in p.message or "saknas" in p.message)


def test_renamed_sheet(folder, template):
    path = edit(fill(template()), lambda wb: setattr(wb["Bedömningar"], "title", "Blad1"))
    p = one(refused(folder, path))
    assert "bladet 'Bedömningar' saknas" in p.message and "Blad1, Indikatorer, Ekonomi, Instruktioner" in p.message


def test_missing_sheet(folder, template):
    path = edit(fill(template()), lambda wb: wb.remove(wb["Indikatorer"]))
    assert "bladet 'Indikatorer' saknas" in one(refused(folder, path)).message


def test_renamed_column(folder, template):
    path = edit(fill(template()), lambda wb: wb["Bedömningar"].__setitem__("D7", "Bedömning"))
    p = one(refused(folder, path))
    assert (p.sheet, p.row) == ("Bedömningar", 7)
    assert "kolumn saknas: Status" in p.message and "Bedömning" in p.message


def test_missing_column_in_a_csv(folder, tmp_path):
    path = bedomningar_csv(folder, tmp_path, lambda rows: [{k: v for k, v in r.items() if k != "status"} for r in rows])
    p = one(refused(folder, path))
    assert "kolumn saknas: status" in p.message and "kommentar" in p.message


def test_not_an_excel_file(folder, tmp_path):
    path = tmp_path / "2024-09_vux.xlsx"
    path.write_bytes(b"<html><body>Det h\xe4r \xe4r ingen arbetsbok</body></html>")
    assert "går inte att läsa som Excel-fil" in one(refused(folder, path)).message


def test_unknown_file_kind(folder, tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert "filtypen .pdf kan inte importeras" in one(refused(folder, path)).message


def test_csv_that_is_no_table_of_the_contract(folder, tmp_path):
    path = tmp_path / "anteckningar.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    assert "varken en ifylld mall eller en fil i datakontraktet" in one(refused(folder, path)).message


def test_workbook_that_is_no_template(folder, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Bedömningar"
    wb.create_sheet("Indikatorer")
    wb.active["A1"] = "Något annat"
    path = tmp_path / "egen.xlsx"
    wb.save(path)
    assert "ingen styrkort-mall" in refused(folder, path)[0].message


# --- merged cells: refused across rows, read safely within one row ------------------------------

def test_status_merged_over_two_areas_is_refused(folder, template):
    path = edit(fill(template(), "Gul"), lambda wb: wb["Bedömningar"].merge_cells("D8:D9"))
    p = one(refused(folder, path))
    assert (p.sheet, p.row) == ("Bedömningar", 8) and "sammanfogade celler D8:D9" in p.message


def test_comment_merged_within_its_row_is_read_from_its_first_cell(folder, template):
    path = fill(template(), "Gul", comments={1: "Bred kommentar."})
    edit(path, lambda wb: wb["Bedömningar"].merge_cells("E8:G8"))
    assert import_file(path, folder).ok
    rows = load_data(folder).assessments
    hit = rows[(rows["period"] == "2024-09") & (rows["enhet_id"] == "VUX") & (rows["malomrade"] == 1)]
    assert hit["kommentar"].iloc[0] == "Bred kommentar."


# --- numbers ------------------------------------------------------------------------------------

def test_numbers_as_text_with_decimal_comma_and_thousands_spaces_are_read(folder, template):
    path = fill(template(), "Grön", values={"KONS": "1 234,5", "SJUK": "7,9", "AVV": "\u221212", "PLAC": 40})
    assert import_file(path, folder).ok
    values = load_data(folder).indicator_values
    mine = values[(values["enhet_id"] == "VUX") & (values["period"] == "2024-09")]
    assert dict(zip(mine["indikator_id"], mine["varde"])) == {"KONS": 1234.5, "SJUK": 7.9, "AVV": -12, "PLAC": 40}


@pytest.mark.parametrize("bad", ["tolv", "1.234,5", "12 %"])
def test_text_that_is_no_number(folder, template, bad):
    path = fill(template(), "Grön", values={"SJUK": bad})
    p = one(refused(folder, path))
    assert (p.sheet, p.column) == ("Indikatorer", "Värde") and p.row >= 8 and repr(bad) in p.message


def test_unknown_indicator(folder, template):
    path = edit(fill(template(), "Grön", values={"SJUK": 5}),
                lambda wb: [wb["Indikatorer"].__setitem__(f"A{r}", "NY") for r in range(8, 20)
                            if wb["Indikatorer"][f"A{r}"].value == "SJUK"])
    p = one(refused(folder, path))
    assert (p.sheet, p.column) == ("Indikatorer", "Indikator-id") and "indikatorn 'NY' finns inte för 2024" in p.message


# --- whole tables of the contract: validated with the folder, the folder's file unchanged -------

def _table_file(folder, tmp_path, name, change):
    rows = read_rows(folder, name)
    change(rows)
    target = tmp_path / "in"
    target.mkdir(exist_ok=True)
    write_rows(target, name, rows)
    return target / f"{name}.csv"


def test_negative_fte(folder, tmp_path):
    path = _table_file(folder, tmp_path, "enheter", lambda rows: rows[0].update(arsarbetare="-3"))
    p = one(refused(folder, path))
    assert (p.file, p.row, p.column) == ("enheter.csv", 2, "arsarbetare") and "'-3'" in p.message
    assert "utanför tillåtet intervall" in p.message


def test_risk_value_outside_the_largest_scale(folder, tmp_path):
    """Up to seven levels is the contract's; the params' own scale is `styrkort check`'s."""
    path = _table_file(folder, tmp_path, "risker", lambda rows: rows[0].update(sannolikhet="8"))
    p = one(refused(folder, path))
    assert (p.file, p.row, p.column) == ("risker.csv", 2, "sannolikhet") and "1–7" in p.message


def test_bridge_that_does_not_sum(folder, tmp_path):
    path = _table_file(folder, tmp_path, "kommunbidrag", lambda rows: rows[1].update(belopp="-1600"))
    p = one(refused(folder, path))
    assert p.file == "kommunbidrag.csv" and "skillnaden är" in p.message


def test_unit_removed_while_it_has_submissions(folder, tmp_path):
    """enheter.csv without CAI would orphan CAI's stored submission: refused, naming it."""
    rows = [r for r in read_rows(folder, "enheter") if r["enhet_id"] != "CAI"]
    (tmp_path / "in").mkdir()
    write_rows(tmp_path / "in", "enheter", rows)
    problems = refused(folder, tmp_path / "in" / "enheter.csv")
    assert any("'CAI' finns inte i enheter" in p.message for p in problems)
    assert any(p.file.startswith(store.STORE_NAME) for p in problems)  # the stored submission is named


# --- CSV as Excel saves it ----------------------------------------------------------------------

def test_csv_from_excel_in_windows_1252_is_read(folder, tmp_path):
    def change(rows):
        for r in rows:
            r["status"], r["kommentar"] = "Röd", "Åtgärder pågår – uppföljning i höst"

    path = bedomningar_csv(folder, tmp_path, change, encoding="cp1252")
    assert import_file(path, folder).ok
    rows = load_data(folder).assessments
    vux = rows[(rows["period"] == "2024-08") & (rows["enhet_id"] == "VUX")]
    assert set(vux["status"]) == {"Röd"} and set(vux["kommentar"]) == {"Åtgärder pågår – uppföljning i höst"}


def test_csv_with_bom_and_commas_is_read(folder, tmp_path):
    path = bedomningar_csv(folder, tmp_path, lambda rows: None, encoding="utf-8-sig", delimiter=",")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert import_file(path, folder).ok


# --- untrusted text -----------------------------------------------------------------------------

def test_markup_in_a_comment_is_kept_as_text(folder, template):
    """Stored as the unit wrote it; the report escapes it (see test_intake_end_to_end)."""
    comment = "Ny rutin <script>alert('x')</script> & <b>fetstil</b>\n<img src=x onerror=alert(1)>"
    assert import_file(fill(template(), "Gul", comments={2: comment}), folder).ok
    rows = load_data(folder).assessments
    hit = rows[(rows["period"] == "2024-09") & (rows["enhet_id"] == "VUX") & (rows["malomrade"] == 2)]
    assert hit["kommentar"].iloc[0] == comment


def test_every_problem_of_a_file_is_reported_at_once(folder, template):
    path = fill(template(), {1: "Blå", 2: None, 3: "Gul", 4: "Lila"}, values={"SJUK": "mycket"})
    problems = refused(folder, path)
    assert [(p.sheet, p.row) for p in problems] == [("Bedömningar", 8), ("Bedömningar", 9), ("Bedömningar", 11),
                                                     ("Indikatorer", problems[-1].row)]
