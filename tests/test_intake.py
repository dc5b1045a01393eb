"""Templates, imports, the submission history and the store behind load_data."""

import sqlite3
import subprocess
import sys
import time

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLE, read_rows, write_rows
from intake_helpers import area_rows, fill, snapshot, templates
from styrkort.data import store
from styrkort.cli.main import main
from styrkort.data.errors import ReportError
from styrkort.intake.imports import import_file, import_files
from styrkort.data.loading import load_data
from styrkort.data.periods import PeriodError
from styrkort.intake.templates import (ECONOMY_COMMENT_CELL, SHEET_ASSESSMENTS, SHEET_ECONOMY, SHEET_HELP,
                                      SHEET_INDICATORS, write_templates)


def current(folder, unit, period="2024-09"):
    a = load_data(folder).assessments
    mine = a[(a["enhet_id"] == unit) & (a["period"] == period)].sort_values("malomrade")
    return list(mine["status"]), list(mine["kommentar"])


# --- templates ----------------------------------------------------------------------------------

def test_no_template_for_a_unit_that_does_not_exist_in_the_period(tmp_path):
    with pytest.raises(ReportError, match=r"Enheten finns inte under 2024-09: RES2 \(till 2024-05\)"):
        write_templates(load_data(EXAMPLE), "2024-09", tmp_path, ["RES2"])
    assert not list(tmp_path.iterdir())


def test_one_template_per_unit_prefilled_with_unit_period_areas_and_indicators(tmp_path):
    data = load_data(EXAMPLE)
    written = write_templates(data, "2024-09", tmp_path)
    # One per unit that exists in September 2024: not the one closed in May, nor the one split in 2023.
    assert len(written) == 11 and {w.unit for w in written} == set(data.units["enhet_id"]) - {"RES2", "BOG"}
    vux = next(w.path for w in written if w.unit == "VUX")
    assert vux.name == "2024-09_vux_vuxenenheten.xlsx"
    wb = load_workbook(vux)
    assert wb.sheetnames == [SHEET_ASSESSMENTS, SHEET_INDICATORS, SHEET_ECONOMY, SHEET_HELP]
    ws = wb[SHEET_ASSESSMENTS]
    assert (ws["B2"].value, ws["B3"].value, ws["B4"].value, ws["B5"].value) == ("VUX", "Vuxenenheten", "2024-09",
                                                                                  "september 2024")
    rows = area_rows(ws)
    assert list(rows) == [1, 2, 3, 4]
    assert [ws.cell(r, 2).value for r in rows.values()] == ["Medarbetare", "Kvalitet", "Leverans", "Ekonomi"]
    assert "Nämndens mål 2.1" in ws.cell(rows[2], 3).value and "Nämndens mål 2.2" in ws.cell(rows[2], 3).value
    # The drop-down, the room to write, and the protection that leaves only the input cells open.
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"Grön,Gul,Röd"'
    assert all(f"D{r}" in lists[0].sqref for r in rows.values())
    assert ws.column_dimensions["E"].width >= 60 and ws.cell(rows[1], 5).alignment.wrap_text
    assert ws.protection.sheet and not ws.cell(rows[1], 4).protection.locked and ws["B2"].protection.locked
    ind = wb[SHEET_INDICATORS]
    ids = [ind.cell(r, 1).value for r in range(8, ind.max_row + 1)]
    assert set(ids) == {r["indikator_id"] for r in read_rows(EXAMPLE, "indikatorer") if r["ar"] == "2024"}
    assert any(dv.type == "decimal" for dv in ind.data_validations.dataValidation)
    help_text = "\n".join(str(c.value) for c in wb[SHEET_HELP]["A"] if c.value)
    assert "Välj Grön, Gul eller Röd" in help_text and "Rättelser" in help_text
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props["styrkort_enhet"] == "VUX" and props["styrkort_period"] == "2024-09"
    assert "styrkort_enhet" in wb.defined_names


def test_template_for_a_reported_period_starts_from_what_is_current(tmp_path):
    path = write_templates(load_data(EXAMPLE), "2024-08", tmp_path, ["MUBU1"])[0].path
    ws = load_workbook(path)[SHEET_ASSESSMENTS]
    assert [ws.cell(r, 4).value for r in area_rows(ws).values()] == ["Grön", "Gul", "Grön", "Gul"]


@pytest.mark.parametrize("period, error", [("2099-01", "framtiden"), ("2024-T2", "månad"), ("sept", "går inte att läsa")])
def test_template_refuses_a_period_it_cannot_be_for(tmp_path, period, error):
    with pytest.raises(PeriodError, match=error):
        write_templates(load_data(EXAMPLE), period, tmp_path)


def test_template_for_an_unknown_unit(tmp_path):
    with pytest.raises(ReportError, match="Okänd enhet XYZ"):
        write_templates(load_data(EXAMPLE), "2024-09", tmp_path, ["XYZ"])


# --- import, resubmission, history --------------------------------------------------------------

def test_import_then_a_correction_keeps_both_and_the_newer_is_current(data_copy, tmp_path):
    tpl = templates(data_copy, tmp_path / "mallar", units=["VUX"])["VUX"]
    first = import_file(fill(tpl, "Gul", comments={1: "Första versionen."}), data_copy)
    assert first.ok and current(data_copy, "VUX") == (["Gul"] * 4, ["Första versionen."] + [
        f"Kommentar om målområde {n}." for n in (2, 3, 4)])
    corrected = fill(tpl, {1: "Grön", 2: "Gul", 3: "Röd", 4: "Gul"}, comments={1: "Rättad."},
                     out=tmp_path / "VUX-rattad.xlsx")
    second = import_file(corrected, data_copy)
    assert second.ok and second.replaced[0][0] == first.submissions[0][0]
    assert "ersätter inlämning" in second.describe()
    assert current(data_copy, "VUX")[0] == ["Grön", "Gul", "Röd", "Gul"]
    rows = store.history(data_copy, "VUX", "2024-09")
    assert [(r.source, r.current) for r in rows] == [(tpl.name, False), ("VUX-rattad.xlsx", True)]
    assert rows[0].assessments[0].comment == "Första versionen." and rows[0].imported_at <= rows[1].imported_at
    assert rows[0].sha256 != rows[1].sha256 and rows[0].who


def test_the_same_file_sent_twice_is_kept_twice_and_said_so(data_copy, tmp_path):
    tpl = fill(templates(data_copy, tmp_path / "mallar", units=["CAI"])["CAI"], "Gul")
    assert import_file(tpl, data_copy).ok
    again = import_file(tpl, data_copy)
    assert again.ok and "samma fil, byte för byte" in again.describe()
    assert len(store.history(data_copy, "CAI", "2024-09")) == 2


def test_an_old_excel_file_is_refused_with_what_to_do(data_copy, tmp_path):
    path = tmp_path / "2024-09_vux.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary workbook")
    result = import_file(path, data_copy)
    assert not result.ok and "spara den som Excel-arbetsbok (.xlsx)" in str(result.error)


def test_history_command_lists_every_submission(data_copy, tmp_path, capsys):
    tpl = templates(data_copy, tmp_path / "mallar", units=["CAI"])["CAI"]
    assert main(["import", str(fill(tpl, "Gul")), "--data", str(data_copy)]) == 0
    assert main(["import", str(fill(tpl, "Röd", out=tmp_path / "ny.xlsx")), "--data", str(data_copy)]) == 0
    capsys.readouterr()
    assert main(["history", "--unit", "CAI", "--period", "2024-09", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "CAI, 2024-09" in out[0]
    assert tpl.name in out[2] and "ersatt" in out[2] and "1:Gul" in out[2]
    assert "ny.xlsx" in out[3] and "gäller" in out[3] and "1:Röd" in out[3]


def test_a_units_comment_on_its_economy_goes_from_its_template_to_the_report(data_copy, tmp_path):
    """The Ekonomi sheet shows the unit's figures for the period's last month and takes its
    comment; the import stores it, and the monthly report prints it beside the unit's figures,
    in place of the one the folder had, as text."""
    from bs4 import BeautifulSoup

    from styrkort.pipeline.job import Output
    from styrkort.pipeline.render import render
    from styrkort.pipeline.workspace import Workspace

    tpl = templates(data_copy, tmp_path / "mallar", period="2024-08", units=["VUX"])["VUX"]
    wb = load_workbook(tpl)
    sheet = wb[SHEET_ECONOMY]
    budget = next(r for r in read_rows(data_copy, "ekonomi_enhet") if r["period"] == "2024-08" and r["enhet_id"] == "VUX")
    assert sheet["B8"].value == float(budget["budget"].replace(",", "."))
    assert sheet[ECONOMY_COMMENT_CELL].value.startswith("Högre kostnader för konsulter")  # the folder's, to edit
    cell = sheet[ECONOMY_COMMENT_CELL]
    cell.value, cell.data_type = "=1+1 <b>Två vakanser</b> tillsatta i augusti.", "s"  # text, as a unit types it
    wb.save(tpl)
    filled = fill(tpl, "Grön")
    assert main(["import", str(filled), "--data", str(data_copy)]) == 0
    html = render("monthly", "2024-08", Workspace.resolve(data=data_copy, out=tmp_path / "out"), Output(pdf=False)).html
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    row = next(tr for tr in soup.find("table", class_="unit-economy").tbody.find_all("tr")
               if tr.th.get_text(strip=True) == "Vuxenenheten")
    assert row.find_all("td")[-1].get_text() == "=1+1 <b>Två vakanser</b> tillsatta i augusti."


def test_history_follows_a_unit_across_a_reorganisation(data_copy, tmp_path, capsys):
    """Förvaltningsstöd took over from Bogruppen/förvaltningsstöd in September 2023: asked for
    August 2023, its history is its predecessor's, and the other way round."""
    tpl = templates(data_copy, tmp_path / "mallar", period="2023-08", units=["BOG"])["BOG"]
    assert main(["import", str(fill(tpl, "Gul")), "--data", str(data_copy)]) == 0
    capsys.readouterr()
    assert main(["history", "--unit", "FST", "--period", "2023-08", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("FST fanns inte under 2023-08 (från 2023-09); visar BOG, som den hänger ihop med genom en "
                      "omorganisation.")
    assert "BOG, 2023-08" in out[1] and tpl.name in out[3] and "1:Gul" in out[3]


def test_the_files_of_one_command_are_independent(august_copy, tmp_path, capsys):
    tpl = templates(august_copy, tmp_path / "mallar", units=["CAI", "VUX"])
    good, bad = fill(tpl["CAI"], "Grön"), fill(tpl["VUX"], "Blå")
    assert main(["import", str(bad), str(good), "--data", str(august_copy)]) == 2
    captured = capsys.readouterr()
    assert f"Inte importerad: {bad.name}" in captured.err and "inget från filen sparades" in captured.err
    assert f"Importerad: {good.name}" in captured.out and "1 importerade, 1 inte importerade" in captured.out
    assert current(august_copy, "CAI")[0] == ["Grön"] * 4 and current(august_copy, "VUX")[0] == []


def test_a_contract_csv_for_several_units_becomes_one_submission_each(data_copy, tmp_path):
    rows = [r for r in read_rows(data_copy, "bedomningar") if r["period"] == "2024-08" and r["enhet_id"] in ("VUX", "CAI")]
    for r in rows:
        r["status"] = "Röd"
    (tmp_path / "in").mkdir()
    write_rows(tmp_path / "in", "bedomningar", rows)
    result = import_file(tmp_path / "in" / "bedomningar.csv", data_copy)
    assert result.ok and sorted((u, p) for _, u, p in result.submissions) == [("CAI", "2024-08"), ("VUX", "2024-08")]
    assert current(data_copy, "VUX", "2024-08")[0] == ["Röd"] * 4
    # the other units' rows for the month still come from the folder's file
    assert current(data_copy, "MUBU1", "2024-08")[0] == ["Grön", "Gul", "Grön", "Gul"]


def test_a_whole_table_replaces_the_folders_file_and_the_old_one_is_kept(data_copy, tmp_path, capsys):
    old = (data_copy / "enheter.csv").read_bytes()
    rows = read_rows(data_copy, "enheter")
    rows[0]["arsarbetare"] = "23,5"
    (tmp_path / "in").mkdir()
    write_rows(tmp_path / "in", "enheter", rows)
    assert import_file(tmp_path / "in" / "enheter.csv", data_copy).ok
    assert load_data(data_copy).units["arsarbetare"].iloc[0] == 23.5
    versions = store.table_history(data_copy, "enheter")
    assert [v.source for v in versions] == [None, "enheter.csv"]
    assert store.table_content(data_copy, versions[0].id) == old
    assert main(["history", "--table", "enheter", "--data", str(data_copy)]) == 0
    assert "datamappens fil före import" in capsys.readouterr().out


def test_without_a_store_nothing_changes(data_copy):
    assert not store.store_path(data_copy).exists()
    assert load_data(data_copy).assessments.equals(load_data(EXAMPLE).assessments)


def test_a_stored_submission_that_no_longer_fits_the_data_is_named_on_load(data_copy, tmp_path):
    tpl = templates(data_copy, tmp_path / "mallar", units=["CAI"])["CAI"]
    assert import_file(fill(tpl, "Grön"), data_copy).ok
    rows = [r for r in read_rows(data_copy, "enheter") if r["enhet_id"] != "CAI"]
    write_rows(data_copy, "enheter", rows)  # edited by hand behind the store's back
    from styrkort.data.errors import DataError

    with pytest.raises(DataError) as exc:
        load_data(data_copy)
    p = next(p for p in exc.value.problems if p.file.startswith(store.STORE_NAME))
    assert "inlämning 1" in p.file and tpl.name in p.file and p.row == 8 and "'CAI' finns inte i enheter" in p.message


# --- the store ----------------------------------------------------------------------------------

def test_the_store_is_append_only(data_copy, tmp_path):
    tpl = templates(data_copy, tmp_path / "mallar", units=["CAI"])["CAI"]
    assert import_file(fill(tpl, "Grön"), data_copy).ok
    con = sqlite3.connect(store.store_path(data_copy))
    for statement in ("UPDATE assessments SET status = 'Röd'", "DELETE FROM submissions"):
        with pytest.raises(sqlite3.DatabaseError, match="ändras aldrig"):
            con.execute(statement)
    con.close()
    assert current(data_copy, "CAI")[0] == ["Grön"] * 4


def test_the_store_keeps_the_submitted_file(data_copy, tmp_path):
    tpl = fill(templates(data_copy, tmp_path / "mallar", units=["CAI"])["CAI"], "Grön")
    assert import_file(tpl, data_copy).ok
    con = sqlite3.connect(store.store_path(data_copy))
    content, digest = con.execute("SELECT content, sha256 FROM imports").fetchone()
    con.close()
    assert bytes(content) == tpl.read_bytes() and digest == store.sha256(tpl.read_bytes())


def test_a_store_that_is_not_one_is_named(data_copy):
    store.store_path(data_copy).write_bytes(b"not a database at all, but long enough to be read as one" * 20)
    from styrkort.data.errors import DataError

    with pytest.raises(DataError, match="inlamningar.sqlite"):
        load_data(data_copy)


def _import_cmd(folder, *files):
    return [sys.executable, "-m", "styrkort", "import", *map(str, files), "--data", str(folder)]


def test_two_imports_at_the_same_time_are_both_stored_intact(data_copy, tmp_path):
    tpl = templates(data_copy, tmp_path / "mallar")
    units = sorted(tpl)
    a = [fill(tpl[u], "Grön") for u in units[:5]]
    b = [fill(tpl[u], "Röd") for u in units[5:10]]
    procs = [subprocess.Popen(_import_cmd(data_copy, *files), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for files in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    con = sqlite3.connect(store.store_path(data_copy))
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 10
    assert con.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == 40
    assert con.execute("SELECT COUNT(DISTINCT id) FROM imports").fetchone()[0] == 10
    con.close()
    for u in units[:5]:
        assert current(data_copy, u)[0] == ["Grön"] * 4
    for u in units[5:10]:
        assert current(data_copy, u)[0] == ["Röd"] * 4


def test_an_import_waits_for_the_one_holding_the_store_and_then_sees_its_rows(data_copy, tmp_path):
    tpl = templates(data_copy, tmp_path / "mallar", units=["CAI", "VUX"])
    first, second = fill(tpl["CAI"], "Grön"), fill(tpl["VUX"], "Gul")
    with store.writing(data_copy) as con:  # another import, in the middle of its work
        waiting = subprocess.Popen(_import_cmd(data_copy, second), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(3)
        assert waiting.poll() is None, waiting.communicate()  # blocked on the write lock, not failed
        from styrkort.intake.imports import read_import

        store.write_import(con, read_import(first, load_data(data_copy), data_copy))
    assert waiting.wait(timeout=120) == 0
    assert [r.unit for r in store.current_submissions(data_copy)] == ["CAI", "VUX"]
    assert snapshot(data_copy)[0]["submissions"][0][2] == "CAI"


def test_import_of_every_unit_then_check(august_copy, tmp_path, capsys):
    tpl = templates(august_copy, tmp_path / "mallar")
    results = import_files([fill(p, "Gul") for p in tpl.values()], august_copy)
    assert all(r.ok for r in results)
    assert main(["check", "--data", str(august_copy)]) == 0
    assert "2024-09. Inga fel." in capsys.readouterr().out
