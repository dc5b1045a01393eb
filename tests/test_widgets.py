"""Drive the analyst's widgets from Python, save, and find the adjustments in the rendered report."""

import json

import pytest
import yaml
from bs4 import BeautifulSoup

from styrkort.data import fmt
from styrkort.lab import editors
from styrkort.lab import widgets
from styrkort.data.errors import DataError
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace
from styrkort.pipeline.job import Output

MINUS, NBSP = "\u2212", "\u00a0"


def saved(folder, name):
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def html_of(done):
    return BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser")


def no_widgets_in(done):
    html = done.html.read_text(encoding="utf-8")
    assert "widget" not in html.lower() and "Spara justeringar" not in html
    nb = json.loads(done.notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert not any("widget" in mime for mime in out.get("data", {})), out


def test_no_widgets_when_not_interactive(data, params, tmp_path):
    assert widgets.status_editor(data, params, "monthly", "2024-08", tmp_path, show=False) is None
    assert widgets.bridge_editor(data, params, "2024", tmp_path, show=False) is None


def test_status_override_saved_and_rendered(data, params, tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKORT_USER", "anna")
    adj = tmp_path / "justeringar"
    ed = widgets.status_editor(data, params, "monthly", "2024-08", adj)
    choice, reason = ed.controls[1]
    proposed = choice.options[0][0]
    assert proposed.startswith("Föreslagen (")
    # A status without a reason is not saved.
    choice.value = "Röd"
    ed.save_button.click()
    assert "Inte sparat" in ed.message.value and "motivering saknas" in ed.message.value
    assert not (adj / "monthly-2024-08.yaml").exists()
    reason.value = "Sjukfrånvaron har ökat tre månader i rad"
    ed.save_button.click()
    doc = saved(adj, "monthly-2024-08.yaml")
    assert doc["status"] == [{"malomrade": 1, "status": "Röd", "motivering": "Sjukfrånvaron har ökat tre månader i rad",
                              "av": "anna", "tid": doc["status"][0]["tid"]}]
    # Loading the notebook again shows the saved adjustment.
    again = widgets.status_editor(data, params, "monthly", "2024-08", adj)
    assert again.controls[1][0].value == "Röd" and again.controls[1][1].value.startswith("Sjukfrånvaron")

    done = render("monthly", "2024-08", Workspace.resolve(out=tmp_path / "out", adjustments=adj), Output(pdf=False))
    soup = html_of(done)
    basis = soup.find("section", id="malomrade-1").find("p", class_="basis").get_text(" ", strip=True)
    assert f"{proposed.removeprefix('Föreslagen (').rstrip(')')}" in basis and "satt: Röd" in basis
    assert "Sjukfrånvaron har ökat tre månader i rad" in basis and "anna" in basis
    overview = soup.find("table", class_="overview").tbody.tr.get_text(" ", strip=True)
    assert "Röd" in overview and "satt för hand" in overview
    no_widgets_in(done)


def test_bridge_and_risk_adjustments_saved_and_rendered(data, params, tmp_path):
    adj = tmp_path / "justeringar"
    bridge = widgets.bridge_editor(data, params, "2024", adj)
    rate, reason = bridge.controls["prisuppräkning"]
    assert rate.value == pytest.approx(4.1)
    rate.value = 4.5
    reason.value = "Ny prognos från SKR i oktober"
    new_step = round(-298561 * 0.045)
    end = -300613 - 1622 + new_step - 3787 + 8000 + 1410
    bridge.refresh()
    preview = bridge.preview.outputs[0]["data"]["text/html"]
    assert f"{MINUS}{abs(end) // 1000}{NBSP}{abs(end) % 1000:03d}" in preview  # the waterfall's end redrawn at once
    bridge.save_button.click()

    risks = widgets.risk_editor(data, params, "2024", adj)
    p, c, _, why = risks.controls["R1"]
    p.value, why.value = 3, "Resurssocionomerna har minskat belastningen"
    risks.save_button.click()

    doc = saved(adj, "plan-2024.yaml")   # both editors' sections in one file
    assert doc["kommunbidrag"][0]["steg"] == "prisuppräkning" and doc["kommunbidrag"][0]["procent"] == 4.5
    assert doc["risker"][0] == {**doc["risker"][0], "risk": "R1", "sannolikhet": 3, "konsekvens": 4}

    done = render("plan", "2024", Workspace.resolve(out=tmp_path / "out", adjustments=adj), Output(pdf=False))
    soup = html_of(done)
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in soup.find("table", class_="bridge").find_all("tr")]
    assert [f"+ prisuppräkning 4,5{NBSP}%", f"{MINUS}13{NBSP}435"] in rows
    assert rows[-1] == ["Kommunbidrag 2024", f"{MINUS}{abs(end) // 1000}{NBSP}{abs(end) % 1000:03d}"]
    text = soup.find("section", class_="resources").get_text(" ")
    assert "Ny prognos från SKR i oktober" in text and "i underlaget 4,1" in text
    risk_text = soup.find("section", class_="risks").get_text(" ")
    assert "R1 bedömd efter åtgärder till 3 × 4 = 12" in risk_text and "minskat belastningen" in risk_text
    assert "R1 i cellen sannolikhet 3, konsekvens 4" in soup.find("figure", class_="heatmap").img["alt"]
    no_widgets_in(done)


def test_forecast_adjustment_saved_and_rendered(data, params, tmp_path):
    adj = tmp_path / "justeringar"
    ed = widgets.forecast_editor(data, params, "2024-T2", adj)
    box, reason = ed.controls["Barn- och ungdomsvård"]
    box.value, reason.value = -1500, "Två nya placeringar beslutade i september"
    ed.save_button.click()
    assert saved(adj, "interim-2024-T2.yaml")["prognos"][0]["justering"] == -1500
    done = render("interim", "2024-T2", Workspace.resolve(out=tmp_path / "out", adjustments=adj), Output(pdf=False))
    section = html_of(done).find("section", class_="economy")
    assert "(justerad)" in section.get_text() and "Två nya placeringar beslutade i september" in section.get_text()
    assert f"{MINUS}1{NBSP}500 tkr" in section.get_text() or f"{MINUS}1{NBSP}500" in section.get_text()
    no_widgets_in(done)


def test_year_assessment_and_closing_risk_saved_and_rendered(data, params, tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKORT_USER", "anna")
    adj = tmp_path / "justeringar"
    goals = widgets.goal_assessment_editor(data, params, "2024", adj)
    assert set(goals.controls) == {"1.1", "2.1", "2.2", "3.1", "3.2", "4.1"}
    choice, reason = goals.controls["4.1"]
    assert choice.options[0][0].startswith("Föreslagen (")
    choice.value = "ej uppfyllt"
    goals.save_button.click()
    assert "motivering saknas" in goals.message.value and not (adj / "annual-report-2024.yaml").exists()
    reason.value = "Barn- och ungdomsvården gick med underskott hela året"
    goals.save_button.click()
    assert "Ej uppfyllt" in goals.preview.outputs[0]["data"]["text/html"]

    risks = widgets.risk_editor(data, params, "2024", adj, kind="annual-report")
    assert risks.title == "Riskernas bedömning vid årets slut"
    p, c, assessment, why = risks.controls["R6"]
    assert (p.value, c.value) == (4, 3)  # as riskuppfoljning.csv closes it
    p.value, c.value, why.value = 2, 4, "Den nya e-tjänsten driftsattes i december"
    risks.save_button.click()

    doc = saved(adj, "annual-report-2024.yaml")
    assert doc["malbedomning"][0] == {**doc["malbedomning"][0], "mal": "4.1", "bedomning": "ej uppfyllt", "av": "anna"}
    assert doc["risker"][0] == {**doc["risker"][0], "risk": "R6", "sannolikhet": 2, "konsekvens": 4}
    assert not (adj / "plan-2024.yaml").exists()  # the plan's own risks are untouched

    done = render("annual-report", "2024", Workspace.resolve(out=tmp_path / "out", adjustments=adj), Output(pdf=False))
    soup = html_of(done)
    area = soup.find("section", id="malomrade-4")
    assert "Ej uppfyllt" in area.find("table", class_="goal").get_text() and "satt för hand" in area.get_text()
    assert "underskott hela året" in area.find("p", class_="adjusted").get_text()
    r6 = next(tr for tr in soup.find("table", class_="risk-follow-up").tbody.find_all("tr") if tr.strong.get_text() == "R6")
    assert "Vid årets slut: 2 × 4 = 8" in r6.get_text(" ", strip=True)
    no_widgets_in(done)


def test_a_refused_adjustment_file_stops_the_run_and_writes_nothing(tmp_path):
    adj = tmp_path / "justeringar"
    adj.mkdir()
    (adj / "monthly-2024-08.yaml").write_text("status:\n- {malomrade: 1, status: Grön}\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        render("monthly", "2024-08", Workspace.resolve(out=tmp_path / "out", adjustments=adj), Output(pdf=False))
    assert "monthly-2024-08.yaml" in str(exc.value) and "status nr 1" in str(exc.value)
    assert not (tmp_path / "out").exists()


def test_numbers_are_typed_the_swedish_way(data, params, tmp_path):
    """A browser's number field in English drops the comma of 4,5 and sends 45: the editors take
    text and read it as a Swedish analyst writes it, and refuse to save what is not a number."""
    assert fmt.parse_number("4,5") == 4.5 and fmt.parse_number("4.5") == 4.5
    assert fmt.parse_number(f"{MINUS}1{NBSP}622") == -1622 and fmt.parse_number("-1 622") == -1622
    for bad in ("", "4,5,1", "fyra", "1-2"):
        with pytest.raises(ValueError, match="inget tal"):
            fmt.parse_number(bad)
    assert editors.format_number(4.1) == "4,1" and editors.format_number(-1622.0) == f"{MINUS}1 622"

    adj = tmp_path / "justeringar"
    bridge = widgets.bridge_editor(data, params, "2024", adj)
    rate, reason = bridge.controls["prisuppräkning"]
    assert rate.widget.value == "4,1"
    rate.widget.value = "4,5"  # as typed in the browser
    assert rate.value == 4.5
    assert "4,5" in bridge.preview.outputs[0]["data"]["text/html"]
    assert "inte sparat" in bridge.message.value
    rate.widget.value = "fyra och en halv"
    assert rate.value == 4.5 and "inget tal" in bridge.message.value
    reason.value = "Ny prognos"
    bridge.save_button.click()
    assert "Inte sparat" in bridge.message.value and "prisuppräkning" in bridge.message.value
    assert not (adj / "plan-2024.yaml").exists()
    rate.widget.value = "4,5 %"
    bridge.save_button.click()
    assert "Sparat i" in bridge.message.value
    assert saved(adj, "plan-2024.yaml")["kommunbidrag"][0]["procent"] == 4.5
    rate.widget.value = "4.25 %"  # the unit may be typed, and a decimal point works too
    assert rate.value == 4.25 and not rate.error


@pytest.mark.slow
@pytest.mark.parametrize("notebook, period", [("monthly.ipynb", "2024-08"), ("interim.ipynb", "2024-T2"),
                                              ("annual_plan.ipynb", "2024"), ("annual_report.ipynb", "2024")])
def test_every_notebook_shows_its_editors_in_a_kernel(notebook, period, tmp_path):
    """Each notebook as the analyst runs it (interactive = True): every cell runs, the editors are
    widgets, and the report's parts are there in both formats."""
    import papermill

    from conftest import EXAMPLE, ROOT

    nb = papermill.execute_notebook(
        str(ROOT / "notebooks" / notebook), str(tmp_path / notebook), cwd=str(ROOT / "notebooks"),
        parameters={"period": period, "data_dir": str(EXAMPLE), "params_file": str(ROOT / "params" / "styrkort.yaml"),
                    "adjustments_dir": str(tmp_path / "justeringar"), "interactive": True}, progress_bar=False)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        mimes = [set(o.get("data", {})) for o in cell.outputs if o.output_type == "display_data"
                 or o.output_type == "execute_result"]
        if cell.source.startswith("sk.widgets."):  # an editor, the overview or the render button: one widget
            assert [("application/vnd.jupyter.widget-view+json" in m) for m in mimes] == [True], cell.source
        elif cell.source.startswith(("elements.", "show")):  # the cover or a section: HTML and Typst
            assert [{"text/html", "text/x-typst"} <= m for m in mimes] == [True], cell.source
    assert sum(c.source.startswith("sk.widgets.") for c in code) >= 3
