"""Saving adjustments cannot lose anything: two editors of one file, two kernels at once, or two
analysts each save their own section and both are kept; a section someone else saved meanwhile is
not overwritten but named; every save and undo is in an append-only log that `styrkort history`
lists."""

import subprocess
import sys

import yaml

from conftest import EXAMPLE, ROOT
from styrkort.cli.main import main
from styrkort.lab import widgets
from styrkort.reports.adjustments import adjustment_log


def saved(folder, name):
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def test_two_editors_of_the_plan_both_keep_their_save(data, params, tmp_path):
    adj = tmp_path / "justeringar"
    bridge = widgets.bridge_editor(data, params, "2024", adj)  # both built before either saves,
    risks = widgets.risk_editor(data, params, "2024", adj)  # as in the notebook
    box, reason = bridge.controls["demografi"]
    box.value, reason.value = -2500, "Fler äldre än prognosen"
    assert bridge.save() is not None
    p, c, _, why = risks.controls["R1"]
    p.value, c.value, why.value = 3, 3, "Åtgärderna har effekt"
    assert risks.save() is not None
    doc = saved(adj, "plan-2024.yaml")
    assert doc["kommunbidrag"][0]["belopp"] == -2500 and doc["risker"][0]["risk"] == "R1"


def test_the_interim_forecast_survives_a_status_save(data, params, tmp_path):
    adj = tmp_path / "justeringar"
    status = widgets.status_editor(data, params, "interim", "2024-T2", adj)
    forecast = widgets.forecast_editor(data, params, "2024-T2", adj)
    box, reason = forecast.controls["Integration"]
    box.value, reason.value = -1500, "Fler i etableringen"
    assert forecast.save() is not None
    choice, why = status.controls[1]
    choice.value, why.value = "Röd", "Sjukfrånvaron ökar"
    assert status.save() is not None
    doc = saved(adj, "interim-2024-T2.yaml")
    assert doc["prognos"][0]["justering"] == -1500 and doc["status"][0]["status"] == "Röd"


def test_a_section_saved_by_someone_else_meanwhile_is_named_not_overwritten(data, params, tmp_path, monkeypatch):
    adj = tmp_path / "justeringar"
    mine = widgets.status_editor(data, params, "monthly", "2024-08", adj)
    monkeypatch.setenv("STYRKORT_USER", "bertil")
    theirs = widgets.status_editor(data, params, "monthly", "2024-08", adj)
    choice, why = theirs.controls[2]
    choice.value, why.value = "Gul", "Bertils bedömning"
    assert theirs.save() is not None
    monkeypatch.setenv("STYRKORT_USER", "anna")
    choice, why = mine.controls[1]
    choice.value, why.value = "Röd", "Annas bedömning"
    assert mine.save() is None
    assert "någon annan har sparat" in mine.message.value and "bertil" in mine.message.value
    assert [e["malomrade"] for e in saved(adj, "monthly-2024-08.yaml")["status"]] == [2]  # Bertil's stays
    again = widgets.status_editor(data, params, "monthly", "2024-08", adj)  # run the cell again
    choice, why = again.controls[1]
    choice.value, why.value = "Röd", "Annas bedömning"
    assert again.save() is not None
    assert sorted(e["malomrade"] for e in saved(adj, "monthly-2024-08.yaml")["status"]) == [1, 2]


_SAVE = """
import sys
from pathlib import Path
from styrkort.data.loading import load_data
from styrkort.data.params import load_params
from styrkort.lab import widgets
data, params = load_data(sys.argv[1]), load_params(sys.argv[2])
editor = (widgets.bridge_editor if sys.argv[4] == "bridge" else widgets.risk_editor)(data, params, "2024", sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()  # both kernels wait here, then save at once
if sys.argv[4] == "bridge":
    box, reason = editor.controls["demografi"]
    box.value, reason.value = -2500, "Kärna ett"
else:
    p, c, _, why = editor.controls["R1"]
    p.value, c.value, why.value = 2, 2, "Kärna två"
print("saved" if editor.save() else editor.message.value, flush=True)
"""


def test_two_kernels_saving_the_same_period_at_once_lose_nothing(tmp_path):
    adj = tmp_path / "justeringar"
    procs = [subprocess.Popen([sys.executable, "-c", _SAVE, str(EXAMPLE), str(ROOT / "params" / "styrkort.yaml"),
                               str(adj), which], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for which in ("bridge", "risk")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:
        p.stdin.write("\n")
        p.stdin.flush()
    results = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert results == ["saved", "saved"]
    doc = saved(adj, "plan-2024.yaml")
    assert doc["kommunbidrag"][0]["motivering"] == "Kärna ett" and doc["risker"][0]["motivering"] == "Kärna två"


def test_saves_and_undos_are_logged_and_listed(data, params, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STYRKORT_USER", "anna")
    params_dir = tmp_path / "params"
    params_dir.mkdir()
    (params_dir / "styrkort.yaml").write_bytes((ROOT / "params" / "styrkort.yaml").read_bytes())
    adj = params_dir / "justeringar" / "asn"  # the default data is the example municipality's board asn
    ed = widgets.status_editor(data, params, "monthly", "2024-08", adj)
    choice, why = ed.controls[1]
    choice.value, why.value = "Röd", "Sjukfrånvaron ökar"
    assert ed.save()
    choice.value = ""  # back to the proposal
    assert ed.save()
    log = adjustment_log(adj)
    assert [(e["handling"], e["post"], e["av"]) for e in log] == [("sparad", 1, "anna"), ("ångrad", 1, "anna")]
    assert log[0]["före"] is None and log[0]["efter"] == {"malomrade": 1, "status": "Röd"}
    assert log[1]["före"] == {"malomrade": 1, "status": "Röd"} and log[1]["efter"] is None
    assert "status" not in saved(adj, "monthly-2024-08.yaml")
    assert main(["history", "--adjustments", "--period", "2024-08", "--params", str(params_dir / "styrkort.yaml")]) == 0
    out = capsys.readouterr().out
    assert "sparad" in out and "ångrad" in out and "Sjukfrånvaron ökar" in out and "malomrade 1, status Röd" in out


def test_an_unsaved_edit_survives_run_all_and_is_offered_back(data, params, tmp_path):
    adj = tmp_path / "justeringar"
    ed = widgets.forecast_editor(data, params, "2024-T2", adj)
    box, reason = ed.controls["Integration"]
    box.widget.value = "−1 500"  # typed, not saved
    reason.value = "Fler i etableringen"
    again = widgets.forecast_editor(data, params, "2024-T2", adj)  # Run All builds the editor anew
    box, reason = again.controls["Integration"]
    assert (box.value, reason.value) == (-1500, "Fler i etableringen")
    assert "Osparade ändringar" in again.message.value and "lagts tillbaka" in again.message.value
    assert not (adj / "interim-2024-T2.yaml").exists()
    assert again.save() is not None
    assert not list((adj / ".utkast").glob("*.json"))  # saved: no draft left
    third = widgets.forecast_editor(data, params, "2024-T2", adj)
    assert third.controls["Integration"][0].value == -1500 and "Osparade" not in third.message.value


def test_the_overview_lists_the_saves_and_an_undo_needs_and_logs_a_reason(data, params, tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKORT_USER", "anna")
    adj = tmp_path / "justeringar"
    ed = widgets.status_editor(data, params, "interim", "2024-T2", adj)
    choice, why = ed.controls[3]
    choice.value, why.value = "Gul", "Kön växer"
    assert ed.save()
    view = widgets.overview(data, "interim", "2024-T2", adj)
    assert "Kön växer" in view.table.value and "anna" in view.table.value and "sparad" in view.log.value
    view.choice.value = view.choice.options[0][1]
    assert not view.undo() and "Skriv varför" in view.message.value  # a reason is required
    view.reason.value = "Bedömningen var för tidig"
    assert view.undo()
    assert "Inga sparade justeringar" in view.table.value and "ångrad" in view.log.value
    assert adjustment_log(adj)[-1]["motivering"] == "Bedömningen var för tidig"


def test_the_render_button_renders_the_report_and_links_to_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    button = widgets.render_button("monthly", "2024-08", EXAMPLE, ROOT / "params" / "styrkort.yaml",
                                   tmp_path / "justeringar")
    button.ws = button.ws.__class__(**{**button.ws.__dict__, "out": tmp_path / "out"})
    done = button.render()
    assert done.html.is_file() and done.pdf.is_file()
    assert 'href="out/2024-08/manadsrapport-augusti-2024.html"' in button.message.value
    bad = widgets.render_button("monthly", "2024-13", EXAMPLE, ROOT / "params" / "styrkort.yaml", tmp_path / "j")
    assert bad.render() is None and "Inte renderad" in bad.message.value and "månad 13" in bad.message.value


def test_every_risk_can_be_assessed_the_unvalued_ones_too(data, params, tmp_path):
    adj = tmp_path / "justeringar"
    ed = widgets.risk_editor(data, params, "2024", adj)
    assert {"R2", "R4", "R7"} <= set(ed.controls)  # risks with no value yet
    p, c, assessment, reason = ed.controls["R2"]
    p.value = 2
    assert not ed.save() and "R2: ange både sannolikhet och konsekvens" in ed.message.value
    c.value, assessment.value, reason.value = 3, "Åtgärderna har börjat ge effekt", "Ny bedömning i ledningsgruppen"
    assert ed.save()
    entry = saved(adj, "plan-2024.yaml")["risker"][0]
    assert (entry["risk"], entry["sannolikhet"], entry["konsekvens"]) == ("R2", 2, 3)
    assert entry["bedomning"] == "Åtgärderna har börjat ge effekt"
    html = ed.render_preview(ed.adjustments())
    assert "R2 bedömd efter åtgärder till 2 × 3 = 6" in html and "åtgärderna bedömda: Åtgärderna har börjat" in html


def test_the_forecast_editor_shows_the_forecast_it_adjusts_and_the_bridge_its_sign(data, params, tmp_path):
    forecast = widgets.forecast_editor(data, params, "2024-T2", tmp_path)
    rows = {row[0].value: row[1].value for row in forecast.rows()}
    assert any("Integration" in label and "\u2212" in value for label, value in rows.items())
    assert "nettokostnadens tecken" in forecast.note
    bridge = widgets.bridge_editor(data, params, "2024", tmp_path)
    assert "−2 500 höjer kommunbidraget med 2 500 tkr" in bridge.note


def test_the_draft_banner_stays_when_the_editor_is_shown(data, params, tmp_path):
    ed = widgets.forecast_editor(data, params, "2024-T2", tmp_path)
    ed.controls["Integration"][0].widget.value = "100"
    again = widgets.forecast_editor(data, params, "2024-T2", tmp_path)
    again.refresh()  # as when the notebook displays it
    assert "Osparade ändringar" in again.message.value
