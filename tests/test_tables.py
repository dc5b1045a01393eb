"""The one reader of tabular files, tried with files as units and finance staff really save them:
what Excel and Notepad write is read as they show it, and what cannot be read for certain is
refused with the file, row, column and value named, never guessed."""

import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import read_rows, write_rows
from styrkort.data import contract
from styrkort.data.errors import DataError, Problem
from styrkort.data.loading import load_data
from styrkort.data.periods import Month
from styrkort.data.tables import cell_text, column_letter, read_rows as read_table, typed_frame


def problems_of(folder) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_data(folder)
    return [str(p) for p in exc.value.problems]


def units_csv(folder) -> bytes:
    return (folder / "enheter.csv").read_bytes()


def as_xlsx(folder, name, rows, hidden_first: list | None = None, extra_visible: bool = False):
    """The table as a workbook, with a hidden sheet of other rows in front if asked."""
    (folder / f"{name}.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first is not None:
        ws.title = "gammal"
        for r in hidden_first:
            ws.append(r)
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("Blad1")
    for r in rows:
        ws.append(r)
    if extra_visible:
        wb.create_sheet("Anteckningar").append(["bara en anteckning"])
    wb.save(folder / f"{name}.xlsx")
    return ws


def units_grid(folder) -> list[list]:
    rows = read_rows(folder, "enheter")
    return [list(rows[0])] + [list(r.values()) for r in rows]


# --- what is read as it is meant ----------------------------------------------------------------------

def test_windows_1252_semicolons_decimal_commas_crlf_bom_and_trailing_blanks(data_copy):
    rows = read_rows(data_copy, "enheter")
    rows[0]["namn"] = "Öppenvårdsenheten för ungdom"
    rows[0]["arsarbetare"] = "1 234,5"
    write_rows(data_copy, "enheter", rows, encoding="cp1252")
    raw = (data_copy / "enheter.csv").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b";;\r\n")
    (data_copy / "enheter.csv").write_bytes(raw + b";;;;;;\r\n\r\n")
    units = load_data(data_copy).units.set_index("enhet_id")
    assert units.loc[rows[0]["enhet_id"], "namn"] == "Öppenvårdsenheten för ungdom"
    assert units.loc[rows[0]["enhet_id"], "arsarbetare"] == 1234.5
    write_rows(data_copy, "enheter", rows, encoding="utf-8-sig", delimiter="\t")
    assert load_data(data_copy).units.set_index("enhet_id").loc[rows[0]["enhet_id"], "namn"].startswith("Öppen")


def test_excel_numbers_as_excel_shows_them():
    assert cell_text(1e-05) == "0.00001" and cell_text(0.1 + 0.2) == "0.3" and cell_text(21.0) == "21"
    assert cell_text(1234.5) == "1234.5" and cell_text(True) == "True"


def test_a_small_number_in_a_workbook_is_read(data_copy):
    grid = units_grid(data_copy)
    grid[1][3] = 0.00001  # arsarbetare
    as_xlsx(data_copy, "enheter", grid)
    assert load_data(data_copy).units.set_index("enhet_id").loc[grid[1][0], "arsarbetare"] == pytest.approx(1e-05)


def test_the_visible_sheet_is_read_never_a_hidden_one(data_copy):
    grid = units_grid(data_copy)
    stale = [row[:] for row in grid]
    stale[1][1] = "Ett gammalt namn"
    as_xlsx(data_copy, "enheter", grid, hidden_first=stale)
    assert "Ett gammalt namn" not in set(load_data(data_copy).units["namn"])


def test_a_workbook_with_two_visible_sheets_is_ambiguous(data_copy):
    as_xlsx(data_copy, "enheter", units_grid(data_copy), extra_visible=True)
    assert any("2 synliga blad" in p and "'Anteckningar'" in p for p in problems_of(data_copy))


def test_a_sheet_named_like_the_table_is_the_table(data_copy):
    ws = as_xlsx(data_copy, "enheter", units_grid(data_copy), extra_visible=True)
    ws.parent  # the workbook
    wb = openpyxl.load_workbook(data_copy / "enheter.xlsx")
    wb["Sheet"].title = "Enheter"
    wb.save(data_copy / "enheter.xlsx")
    assert len(load_data(data_copy).units) == 13


def test_a_blank_row_keeps_the_row_numbers_of_the_file(data_copy):
    rows = read_rows(data_copy, "enheter")
    write_rows(data_copy, "enheter", rows)
    text = (data_copy / "enheter.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    text.insert(3, ";;;;\r\n")  # a blank row after the second unit
    text[6] = text[6].replace(rows[4]["arsarbetare"], "många", 1)  # the fifth unit, now on row 7
    (data_copy / "enheter.csv").write_text("".join(text), encoding="utf-8")
    assert problems_of(data_copy) == ["enheter.csv, rad 7, kolumn 'arsarbetare': värdet 'många' är inte tal; svensk "
                                      "form (1 234,5 eller −12) eller Excel-tal"]


def test_a_long_comment_is_kept_whole(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["kommentar"] = "Lång kommentar. " * 6250  # 100 000 characters
    write_rows(data_copy, "bedomningar", rows)
    data = load_data(data_copy)
    assert len(data.assessments["kommentar"].iloc[0]) == len(rows[0]["kommentar"].strip())


def test_control_characters_leave_comments_and_unicode_is_composed(data_copy):
    rows = read_rows(data_copy, "bedomningar")
    rows[0]["kommentar"] = "Bra\x00 arbete\x1b[31m i\x07 teamet, sa\u0308ger chefen"
    write_rows(data_copy, "bedomningar", rows)
    assert load_data(data_copy).assessments["kommentar"].iloc[0] == "Bra arbete[31m i teamet, säger chefen"


# --- what is refused ------------------------------------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u202e", "\x1b", "\u00a0", "\ufeff"])
def test_an_id_or_a_name_with_an_invisible_character_is_refused(data_copy, invisible):
    rows = read_rows(data_copy, "enheter")
    unit = rows[0]["enhet_id"]
    rows.append({**rows[0], "enhet_id": unit[:2] + invisible + unit[2:], "ordning": "99"})
    write_rows(data_copy, "enheter", rows)
    found = problems_of(data_copy)
    assert len(found) == 1 and f"enheter.csv, rad {len(rows) + 1}, kolumn 'enhet_id'" in found[0]
    assert f"U+{ord(invisible):04X}" in found[0] and "osynligt tecken" in found[0]


def test_a_duplicated_column_is_refused_not_read_as_the_last(data_copy):
    text = (data_copy / "bedomningar.csv").read_text(encoding="utf-8-sig").splitlines()
    text = [line + (";status" if i == 0 else ";Röd") for i, line in enumerate(text)]
    (data_copy / "bedomningar.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert problems_of(data_copy) == ["bedomningar.csv, rad 1: kolumnen 'status' finns två gånger (kolumn D och F); "
                                      "ta bort den ena"]


def test_an_unknown_column_is_refused(data_copy):
    rows = [{**r, "kommentarer": "x"} for r in read_rows(data_copy, "bedomningar")]
    write_rows(data_copy, "bedomningar", rows)
    assert problems_of(data_copy) == ["bedomningar.csv, rad 1: okänd kolumn 'kommentarer' (kolumn F); kända: period, "
                                      "enhet_id, malomrade, status, kommentar"]


def test_excels_unicode_text_is_read(data_copy):
    rows = read_rows(data_copy, "enheter")
    rows[0]["namn"] = "Ärendeenheten"
    write_rows(data_copy, "enheter", rows, delimiter="\t", encoding="utf-16")
    assert "Ärendeenheten" in set(load_data(data_copy).units["namn"])


def test_a_workbook_named_csv_and_a_binary_file_are_refused(data_copy):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    (data_copy / "enheter.csv").write_bytes(buffer.getvalue())
    assert any("är en Excel-arbetsbok (.xlsx) men heter .csv" in p for p in problems_of(data_copy))
    (data_copy / "enheter.csv").write_bytes(bytes(range(256)) * 4)
    assert any("ingen textfil" in p for p in problems_of(data_copy))


def test_merged_cells_and_formulas_without_values_are_refused(data_copy):
    grid = units_grid(data_copy)
    ws = as_xlsx(data_copy, "enheter", grid)
    wb = openpyxl.load_workbook(data_copy / "enheter.xlsx")
    ws = wb.active
    ws["D2"] = "=D3*2"  # openpyxl saves no value for it, as a script or a web export would
    ws.merge_cells("B5:C5")
    wb.save(data_copy / "enheter.xlsx")
    found = problems_of(data_copy)
    assert any("sammanslagna celler (B5:C5)" in p for p in found)
    assert any("cellen D2 har en formel utan sparat värde" in p for p in found)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "True", "1e5", "12 %"])
def test_what_is_no_number_is_refused_where_a_number_belongs(data_copy, value):
    rows = read_rows(data_copy, "enheter")
    rows[2]["arsarbetare"] = value
    write_rows(data_copy, "enheter", rows)
    assert problems_of(data_copy) == [f"enheter.csv, rad 4, kolumn 'arsarbetare': värdet {value!r} är inte tal; "
                                      "svensk form (1 234,5 eller −12) eller Excel-tal"]


def test_column_letters():
    assert [column_letter(i) for i in (0, 3, 25, 26, 27, 701, 702)] == ["A", "D", "Z", "AA", "AB", "ZZ", "AAA"]


# --- arbitrary bytes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@given(content=st.binary(max_size=400))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_bytes_are_read_or_refused_never_a_crash(tmp_path, suffix, content):
    path = tmp_path / f"bedomningar{suffix}"
    path.write_bytes(content)
    spec = contract.BY_NAME["bedomningar"]
    problems: list[Problem] = []
    rows = read_table(path, spec, problems)
    frame = typed_frame(path.name, spec, rows, problems, Month(2026, 11))
    assert rows is not None or problems
    assert len(frame) == (len(rows["_row"]) if rows else 0)


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_arbitrary_text_in_a_csv_is_read_or_refused(tmp_path, text):
    path = tmp_path / "bedomningar.csv"
    path.write_text("period;enhet_id;malomrade;status;kommentar\n" + text, encoding="utf-8")
    problems: list[Problem] = []
    spec = contract.BY_NAME["bedomningar"]
    typed_frame(path.name, spec, read_table(path, spec, problems), problems, Month(2026, 11))
