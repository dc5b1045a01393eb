"""End to end: render the example monthly report and read it as a person would."""

import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE, ROOT, read_rows, write_rows
from styrkort.data.errors import DataError, ReportError
from styrkort.data.loading import load_data
from styrkort.pipeline.job import Output
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace

MINUS, NBSP = "\u2212", "\u00a0"


@pytest.fixture(scope="module")
def summer(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    done = render("monthly", "2023-07", Workspace.resolve(out=out))  # July names the combined June–July period
    return done, BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser")


def test_files_land_under_the_period_with_a_swedish_name(summer):
    done, _ = summer
    assert done.period == "2023-06..2023-07"
    assert done.html.name == "manadsrapport-juni-juli-2023.html"
    assert done.html.parent.name == "2023-06..2023-07"
    assert done.notebook.exists() and done.notebook.suffix == ".ipynb"


def test_document_not_notebook(summer):
    _, soup = summer
    html = str(soup)
    assert soup.html["lang"] == "sv"
    assert soup.title.string == "Månadsrapport juni–juli 2023"
    assert not soup.find_all(["script", "pre", "code", "textarea"])
    for leftover in ("In [", "Out[", "Traceback", "sk.load_data", "jp-Cell", "import styrkort", "DeprecationWarning"):
        assert leftover not in html


def test_self_contained(summer):
    _, soup = summer
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith("data:"), tag
    for tag in soup.find_all(href=True):
        assert not re.match(r"^(https?:)?//", tag["href"]), tag
    assert not soup.find_all("link")


def test_sections_in_the_seeds_order(summer):
    _, soup = summer
    assert len(soup.find_all("h1")) == 1
    h2 = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert h2 == ["Viktiga händelser under perioden", "Mål – översikt över periodens resultat", "1. Medarbetare",
                  "2. Kvalitet", "3. Leverans", "4. Ekonomi", "Ekonomi i korthet", "Om rapporten"]


def test_cover(summer):
    _, soup = summer
    cover = soup.find("header", class_="cover").get_text(" ", strip=True)
    for words in ("Exempelkommun", "Arbetsmarknads- och socialnämnden", "Månadsrapport juni–juli 2023",
                  "Arbetsmarknads- och socialförvaltningen", "Diarienummer"):
        assert words in cover


def test_every_unit_with_its_status_as_text_in_every_area(summer):
    _, soup = summer
    units = [u for u in read_rows(EXAMPLE, "enheter") if _exists(u, "2023-06") and _exists(u, "2023-07")]
    assessments = {(r["enhet_id"], r["malomrade"]): r["status"] for r in read_rows(EXAMPLE, "bedomningar")
                   if r["period"] == "2023-06..2023-07"}
    for n in range(1, 5):
        table = soup.find("section", id=f"malomrade-{n}").find("table", class_="units")
        rows = {tr.th.get_text(strip=True): tr.find_all("td")[0].get_text(" ", strip=True)
                for tr in table.tbody.find_all("tr")}
        assert len(rows) == len(units) == 11  # the seed's eleven units
        for u in units:
            assert rows[u["namn"]].endswith(assessments[(u["enhet_id"], str(n))])


def _exists(unit: dict, month: str) -> bool:
    """As enheter.csv says: from `fran` (if given) to `till` (if given), both inclusive."""
    return (not unit["fran"] or unit["fran"] <= month) and (not unit["till"] or month <= unit["till"])


@pytest.mark.parametrize("period", ["2024-05", "2024-08"])
def test_x_of_y_counts_the_units_that_existed(tmp_path, period):
    """Resursenheten 2 closed at the end of May 2024: in August it is neither counted nor listed
    nor "Ej rapporterat"; Bogruppen/förvaltningsstöd, split in two in September 2023, is neither."""
    units = read_rows(EXAMPLE, "enheter")
    alive = [u["namn"] for u in units if _exists(u, period)]
    reported = {r["enhet_id"] for r in read_rows(EXAMPLE, "bedomningar") if r["period"] == period and r["malomrade"] == "1"}
    ids = {u["namn"]: u["enhet_id"] for u in units}
    soup = BeautifulSoup(render("monthly", period, Workspace.resolve(out=tmp_path), Output(pdf=False))
                         .html.read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", id="malomrade-1")
    listed = [tr.th.get_text(strip=True) for tr in section.find("table", class_="units").tbody.find_all("tr")]
    assert listed == alive
    counted = sum(1 for name in alive if ids[name] in reported)
    assert f"Sammanvägd bedömning av {counted} av {len(alive)} enheters resultat" in section.get_text(" ")
    assert ("Resursenheten 2" in listed) == (period == "2024-05")
    assert "Bogruppen/förvaltningsstöd" not in listed and {"Bogruppen", "Förvaltningsstöd"} <= set(listed)
    if period == "2024-08":
        assert len(alive) == 11 and "Resursenheten 2 upphörde i slutet av maj 2024." in soup.get_text(" ")


def test_one_value_per_area_drives_overview_section_and_strip(summer):
    _, soup = summer
    overview = {tr.th.get_text(strip=True): tr.td.find("span", class_="status").get_text(" ", strip=True)
                for tr in soup.find("table", class_="overview").tbody.find_all("tr")}
    # As seed 000's overview: the units' statuses propose these by the default rule, except
    # Medarbetare, which the administration set to Gul for the strained workload (saved in
    # params/justeringar/asn/monthly-2023-06..2023-07.yaml).
    assert [v.split()[-1] for v in overview.values()] == ["Gul", "Grön", "Gul", "Grön"]
    first = soup.find("table", class_="overview").tbody.tr.td.get_text(" ", strip=True)
    assert first.endswith("(satt för hand)")
    basis = soup.find("section", id="malomrade-1").find("p", class_="basis").get_text(" ", strip=True)
    assert "6 gröna, 5 gula, 0 röda" in basis and "Föreslagen: Grön, satt: Gul" in basis
    assert "Arbetsbelastningen var ansträngd" in basis
    for n, (name, shown) in enumerate(overview.items(), start=1):
        section = soup.find("section", id=f"malomrade-{n}")
        status = shown.split()[-1]
        assert section.find("table", class_="goal").find_all("td")[1].get_text(" ", strip=True).endswith(status)
        alt = section.find("figure", class_="strip").img["alt"]
        assert f"juni {status}, juli {status}" in alt
        assert "aug ej rapporterat" in alt and "dec ej rapporterat" in alt


def test_strip_is_a_chart_with_the_months(summer):
    _, soup = summer
    img = soup.find("section", id="malomrade-1").find("figure", class_="strip").img
    assert img["src"].startswith("data:image/svg+xml;base64,")
    import base64
    svg = base64.b64decode(img["src"].split(",", 1)[1]).decode()
    for month in ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"):
        assert f">{month}<" in svg


def test_a_period_without_its_own_economic_follow_up(summer):
    """As seed 000: June–July has no separate economic report (dokument.csv says so), so the
    economy section carries the short description only; goal area 4 keeps its budget deviation."""
    _, soup = summer
    section = soup.find("section", class_="economy")
    assert not section.find("table")
    text = section.get_text(" ")
    assert "Ingen separat ekonomisk uppföljning görs för juni–juli 2023." in text
    assert "Den preliminära avvikelsen mot föregående prognos i maj" in text
    eco = soup.find("section", id="malomrade-4").find("table", class_="indicators").get_text(" ")
    assert "Budgetavvikelse" in eco and f"2,43{NBSP}%" in eco  # the seed's budget deviation


def test_amounts_are_swedish(tmp_path):
    soup = BeautifulSoup(render("monthly", "2023-05", Workspace.resolve(out=tmp_path), Output(pdf=False))
                         .html.read_text(encoding="utf-8"), "html.parser")
    text = soup.find("section", class_="economy").get_text(" ")
    assert f"{MINUS}300{NBSP}613" in text          # the 2023 budget
    assert re.search(rf"{MINUS}?\d,\d\d{NBSP}%", text)   # a deviation in percent, decimal comma
    assert re.search(rf"{MINUS}?\d+,\d{NBSP}mnkr", text)  # the change since the previous forecast


def test_events_and_analysis_come_from_the_texts(summer):
    _, soup = summer
    assert "LVM-anmälningar" in soup.find("section", class_="events").get_text()
    assert soup.find("section", id="malomrade-1").find("div", class_="analysis").get_text(strip=True)


def test_script_in_a_comment_reaches_the_reader_as_text(tmp_path):
    done = render("monthly", "2024-08", Workspace.resolve(out=tmp_path))
    html = done.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script")
    assert "Ny rutin <script>alert(1)</script> införd" in soup.get_text()
    # A unit that did not report is shown as such.
    assert "Ej rapporterat" in soup.get_text()


def test_refused_data_writes_nothing_and_names_the_problem(data_copy, tmp_path):
    rows = read_rows(data_copy, "bedomningar")
    rows[12]["status"] = "Grönn"
    write_rows(data_copy, "bedomningar", rows)
    out = tmp_path / "out"
    with pytest.raises(DataError, match="rad 14"):
        render("monthly", "2023-07", Workspace.resolve(data=data_copy, out=out))
    assert not out.exists()


def test_cli_exits_non_zero_with_the_swedish_message(data_copy, tmp_path):
    rows = read_rows(data_copy, "bedomningar")
    rows[12]["status"] = "Grönn"
    write_rows(data_copy, "bedomningar", rows)
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "styrkort", "render", "monthly", "--period", "2023-07",
                             "--data", str(data_copy), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "bedomningar.csv, rad 14, kolumn 'status'" in result.stderr and "Menade du Grön?" in result.stderr
    assert not out.exists()


def test_period_without_data_is_refused(tmp_path):
    with pytest.raises(ReportError, match="inga bedömningar för perioden 2022-03"):
        render("monthly", "2022-03", Workspace.resolve(out=tmp_path))


def test_failing_cell_is_named_and_the_notebook_kept(tmp_path):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    src = (ROOT / "notebooks" / "monthly.ipynb").read_text(encoding="utf-8")
    (nb_dir / "monthly.ipynb").write_text(src.replace("show.overview(report)", "show.overview(rapport)"),
                                          encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        render("monthly", "2024-08", Workspace.resolve(out=tmp_path / "out", notebooks=nb_dir))
    assert "NameError" in str(exc.value) and "rapport" in str(exc.value) and "Cell" in str(exc.value)
    kept = list((tmp_path / "out").rglob("*.misslyckad.ipynb"))
    assert kept and not list((tmp_path / "out").rglob("*.html"))
    assert load_data(EXAMPLE)  # the example itself is untouched


def test_an_indicator_has_one_precision_and_its_direction_decides_its_colour(data_copy, tmp_path):
    """Turnover shows 15,0 % beside 16,9 % (one rule per indicator). Sick leave with a target of
    at most 8 % and an outcome under it is Grön, and says so."""
    rows = read_rows(data_copy, "indikatorer")
    for r in rows:
        if r["ar"] == "2024" and r["indikator_id"] == "SJUK":
            r.update(riktning="högst", malvarde="8")
    write_rows(data_copy, "indikatorer", rows)
    value = next(r["varde"] for r in read_rows(data_copy, "indikatorvarden")
                 if r["period"] == "2024-08" and r["indikator_id"] == "SJUK" and not r["enhet_id"])
    assert float(value.replace(",", ".")) < 8
    done = render("monthly", "2024-08", Workspace.resolve(data=data_copy, out=tmp_path), Output(pdf=False))
    table = BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser").find(
        "section", id="malomrade-1").find("table", class_="indicators")
    cells = {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
             for tr in table.tbody.find_all("tr")}
    assert cells["Personalomsättning"][:2] == [f"15,0{NBSP}%", f"16,9{NBSP}%"]
    assert cells["Sjukfrånvaro"][2] == f"Mål: högst 8,0{NBSP}%" and cells["Sjukfrånvaro"][3].endswith("Grön")


def test_the_executed_notebook_can_be_run_again_from_where_it_lies(tmp_path):
    """Its parameters name the data, params and adjustments relative to its own folder, and its
    first cell says where it came from and how to render the report again."""
    import nbformat

    done = render("monthly", "2024-08", Workspace.resolve(out=tmp_path), Output(pdf=False))
    nb = nbformat.read(done.notebook, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and "`styrkort render monthly --period 2024-08`" in nb.cells[0].source
    [cell] = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "'/" not in cell.source and '"/' not in cell.source  # no absolute path
    namespace: dict = {}
    exec(cell.source, namespace)
    folder = done.notebook.parent
    assert (folder / namespace["data_dir"]).resolve() == EXAMPLE.resolve()
    assert (folder / namespace["params_file"]).resolve() == (ROOT / "params" / "styrkort.yaml").resolve()
    assert nb.metadata.papermill.parameters["data_dir"] == namespace["data_dir"]


def test_the_notebooks_styling_stays_in_the_notebook(tmp_path):
    """In JupyterLab each part carries styling scoped to notebook outputs (coloured badges, tables
    aligned as in the report); the rendered report has its own stylesheet and none of it."""
    import nbformat

    done = render("monthly", "2024-08", Workspace.resolve(out=tmp_path), Output(pdf=False))
    assert "jp-OutputArea" not in done.html.read_text(encoding="utf-8")
    outputs = [o for c in nbformat.read(done.notebook, as_version=4).cells for o in c.get("outputs", [])
               if "text/html" in o.get("data", {})]
    styled = [o for o in outputs if o["data"]["text/html"].startswith('<style data-styrkort="lab">')]
    assert styled and ".jp-OutputArea-output span.status-gron" in styled[0]["data"]["text/html"]
