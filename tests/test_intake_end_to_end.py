"""End to end, as an analyst and the units work: templates for September 2024, filled by ten of
the eleven units, imported, the monthly report rendered from the store; then a correction."""

import pytest
from bs4 import BeautifulSoup

from conftest import read_rows
from intake_helpers import fill
from styrkort.data import store
from styrkort.cli.main import main
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace
from styrkort.pipeline.job import Output

# What each unit reports for areas 1–4; FST (Förvaltningsstöd) does not report at all.
REPORTED = {
    "MUBU1": "Grön Gul Grön Gul", "CAI": "Grön Grön Grön Grön", "IUBU2": "Gul Gul Grön Gul",
    "FAM": "Grön Grön Grön Grön", "EKB": "Gul Grön Gul Röd", "HAST": "Grön Grön Gul Gul",
    "RES1": "Grön Grön Grön Gul", "BGR": "Grön Gul Grön Grön", "SSS": "Gul Grön Röd Gul",
    "VUX": "Grön Grön Grön Gul",
}
SCRIPT = "Ny rutin <script>alert('september')</script> på plats"


def unit_table(soup, area):
    table = soup.find("section", id=f"malomrade-{area}").find("table", class_="units")
    return {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in table.tbody.find_all("tr")}


@pytest.fixture(scope="module")
def september(tmp_path_factory):
    from conftest import copy_until_august

    root = tmp_path_factory.mktemp("september")
    data = copy_until_august(root / "data")
    assert main(["template", "--period", "2024-09", "--out", str(root / "mallar"), "--data", str(data)]) == 0
    tpl = {p.name.split("_")[1].upper(): p for p in (root / "mallar").glob("*.xlsx")}
    assert len(tpl) == 11
    filled = []
    for unit, statuses in REPORTED.items():
        comments = {2: SCRIPT} if unit == "VUX" else {n: f"{unit}: läget i målområde {n}." for n in range(1, 5)}
        filled.append(fill(tpl[unit], dict(enumerate(statuses.split(), start=1)), comments=comments,
                           values={"SJUK": "6,1"} if unit == "CAI" else None))
    assert main(["import", *map(str, filled), "--data", str(data)]) == 0
    done = render("monthly", "2024-09", Workspace.resolve(data=data, out=root / "out"), Output(pdf=False))
    return root, data, tpl, BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser")


def test_the_report_shows_every_reported_status_and_ej_rapporterat_for_the_unit_that_did_not(september):
    _, data, _, soup = september
    names = {r["enhet_id"]: r["namn"] for r in read_rows(data, "enheter")}
    for area in range(1, 5):
        rows = unit_table(soup, area)
        assert len(rows) == 11
        assert rows[names["FST"]][0].endswith("Ej rapporterat")
        for unit, statuses in REPORTED.items():
            assert rows[names[unit]][0].endswith(statuses.split()[area - 1]), (unit, area, rows[names[unit]])
    assert unit_table(soup, 1)[names["CAI"]][1] == "CAI: läget i målområde 1."


def test_the_proposed_status_says_it_rests_on_ten_of_eleven_units(september):
    _, _, _, soup = september
    for area in range(1, 5):
        basis = soup.find("section", id=f"malomrade-{area}").find("p", class_="basis").get_text(" ", strip=True)
        assert "Sammanvägd bedömning av 10 av 11 enheters resultat" in basis and "1 ej rapporterat" in basis


def test_a_script_in_a_units_comment_reaches_the_reader_as_text(september):
    _, data, _, soup = september
    assert not soup.find_all("script")
    names = {r["enhet_id"]: r["namn"] for r in read_rows(data, "enheter")}
    assert unit_table(soup, 2)[names["VUX"]][1] == SCRIPT


def test_a_month_with_only_assessments_renders_without_economy(september):
    _, _, _, soup = september
    assert soup.find("section", id="malomrade-4")  # the economy goal area is there, from the units' statuses
    assert "Ingen separat ekonomisk uppföljning" in soup.get_text(" ")


def test_a_correction_is_in_the_history_and_the_newer_one_is_in_the_report(september, capsys):
    root, data, tpl, _ = september
    correction = fill(tpl["EKB"], {1: "Gul", 2: "Grön", 3: "Gul", 4: "Gul"},
                      comments={4: "Rättelse: kostnaderna för försörjningsstöd är inom budget efter omföring."},
                      out=root / "EKB-rattelse.xlsx")
    assert main(["import", str(correction), "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["history", "--unit", "EKB", "--period", "2024-09", "--data", str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and "ersatt" in lines[2] and "4:Röd" in lines[2]
    assert "EKB-rattelse.xlsx" in lines[3] and "gäller" in lines[3] and "4:Gul" in lines[3]
    assert [r.current for r in store.history(data, "EKB", "2024-09")] == [False, True]
    done = render("monthly", "2024-09", Workspace.resolve(data=data, out=root / "out2"), Output(pdf=False))
    soup = BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser")
    names = {r["enhet_id"]: r["namn"] for r in read_rows(data, "enheter")}
    status, comment = unit_table(soup, 4)[names["EKB"]][:2]
    assert status.endswith("Gul") and comment.startswith("Rättelse:")
