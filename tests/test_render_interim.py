"""End to end: interim reports for 2024-T1 and 2024-T2 from the example data."""

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE, read_rows
from styrkort.data.errors import ReportError
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace

MINUS, NBSP = "\u2212", "\u00a0"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return {p: BeautifulSoup(render("interim", p, Workspace.resolve(out=out)).html.read_text(encoding="utf-8"), "html.parser")
            for p in ("2024-T1", "2024-T2")}


def test_titles_and_what_the_monthly_report_shows(reports):
    t2 = reports["2024-T2"]
    assert t2.title.string == "Delårsrapport 2 2024"
    h2 = [h.get_text(" ", strip=True) for h in t2.find_all("h2")]
    for expected in ("Viktiga händelser under perioden", "Mål – översikt över periodens resultat", "1. Medarbetare",
                     "4. Ekonomi", "Ekonomi – utfall och helårsprognos"):
        assert expected in h2
    assert "avser augusti 2024" in t2.find("p", class_="scope").get_text()
    alt = t2.find("section", id="malomrade-1").find("figure", class_="strip").img["alt"]
    assert "aug " in alt and "sep ej rapporterat" in alt and "jan ej rapporterat" not in alt


def test_t2_economy_to_date_forecast_change_and_balance(reports):
    section = reports["2024-T2"].find("section", class_="economy")
    text = section.get_text(" ")
    assert "Budget jan–aug" in text and "Utfall jan–aug" in text
    assert "Budget för perioden: periodiserad budget, summan av månadernas budget januari–augusti." in text
    assert "sedan delårsrapport 1 (april 2024)" in text
    assert "Balanskrav" in text and "kommunbidraget" in text
    forecast = section.find_all("table")[1]
    head = [th.get_text(strip=True) for th in forecast.thead.find_all("th")]
    assert head == ["Verksamhet (tkr)", "Budget", "Helårsprognos", "Avvikelse", "Avvikelse %", "Förändring av prognos"]
    total = [c.get_text(strip=True) for c in forecast.tfoot.find_all(["th", "td"])]
    assert total[1] == f"{MINUS}308{NBSP}853"
    img = section.find("figure", class_="bars").img
    assert img["alt"].startswith("Budget och helårsprognos per verksamhet") and "Integration" in img["alt"]


def test_t1_covers_january_to_april_without_the_balance_check(reports):
    t1 = reports["2024-T1"]
    assert t1.title.string == "Delårsrapport 1 2024"
    text = t1.find("section", class_="economy").get_text(" ")
    assert "Utfall jan–april" in text and "periodiserad budget" in text
    assert "Balanskrav" not in text


def _csv(name: str) -> list[dict]:
    import csv

    with open(EXAMPLE / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _tkr(text: str) -> float:
    return float(text.replace(MINUS, "-").replace(NBSP, "").replace(" ", "").replace(",", "."))


def test_t1_compares_the_outcome_with_the_periodised_budget(reports):
    """Each area's budget for January–April is the sum of its four months in manadsbudget.csv (the
    summer peak makes that less than 4/12 of the year), and the deviation is the April outcome
    less it; computed here from the CSV files, not by the code under test."""
    months = {}
    for r in _csv("manadsbudget"):
        if not r["enhet_id"] and "2024-01" <= r["period"] <= "2024-04":
            months[r["verksamhet"]] = months.get(r["verksamhet"], 0.0) + float(r["budget"].replace(",", "."))
    outcome = {r["verksamhet"]: float(r["utfall"].replace(",", ".")) for r in _csv("ekonomi") if r["period"] == "2024-04"}
    annual = {r["verksamhet"]: float(r["budget"].replace(",", ".")) for r in _csv("ekonomi") if r["period"] == "2024-04"}
    table = reports["2024-T1"].find("section", class_="economy").find("table")
    shown = {}
    for tr in table.tbody.find_all("tr"):
        cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        shown[cells[0]] = (_tkr(cells[1]), _tkr(cells[2]), _tkr(cells[3]))
    assert set(shown) == set(months)
    def near(shown_value: float, value: float) -> bool:  # shown rounded to whole tkr
        return abs(shown_value - value) <= 0.5 + 1e-6

    for area, budget in months.items():
        b, o, d = shown[area]
        assert near(b, budget) and near(o, outcome[area]) and near(d, outcome[area] - budget), area
        assert abs(budget - annual[area] * 4 / 12) > 1, f"{area}: the even split would give the same"
    total = [c.get_text(strip=True) for c in table.tfoot.find_all(["th", "td"])]
    assert near(_tkr(total[3]), sum(outcome.values()) - sum(months.values()))


@pytest.mark.parametrize("period, words", [("2024-T3", "går inte att läsa"), ("2024-08", "ÅÅÅÅ-T1"),
                                           ("2025-T1", "inga bedömningar")])
def test_bad_interim_periods_are_refused(tmp_path, period, words):
    from styrkort.data.periods import PeriodError
    with pytest.raises((ReportError, PeriodError), match=words):
        render("interim", period, Workspace.resolve(out=tmp_path))



def test_the_interim_report_summarises_the_tertial(reports):
    """Per goal area the period's outcome and the forecast for the year with its reasoning (the
    administration's from malprognos.csv, else a proposal from the outcome, marked as one), the
    staff as the period ends, and the units' results in an appendix rather than in each area."""
    t2, t1 = reports["2024-T2"], reports["2024-T1"]
    h2 = [h.get_text(" ", strip=True) for h in t2.find_all("h2")]
    assert h2.index("Prognos för målen under året") < h2.index("1. Medarbetare") < h2.index("Personal")
    assert h2[-1] == "Bilaga: Enheternas resultat"
    given = {(r["period"], int(r["malomrade"])): r for r in read_rows(EXAMPLE, "malprognos")}
    for period, soup in (("2024-T2", t2), ("2024-T1", t1)):
        rows = {int(tr.th.get_text(strip=True).split(".")[0]): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
                for tr in soup.find("table", class_="goal-forecast").tbody.find_all("tr")}
        assert set(rows) == {1, 2, 3, 4}
        for area, (forecast, reasoning) in rows.items():
            if (period, area) in given:
                assert forecast.casefold() == given[(period, area)]["prognos"] and reasoning == given[(period, area)]["motivering"]
            else:
                assert forecast.endswith("(förslag)") and reasoning.startswith("Förslag utifrån utfallet för april 2024")
    assert not t2.select("section.area table.units") and len(t2.select("section.appendix table.units")) == 4
    alive = [u for u in read_rows(EXAMPLE, "enheter") if (not u["fran"] or u["fran"] <= "2024-08")
             and (not u["till"] or "2024-08" <= u["till"])]
    total = sum(float(u["arsarbetare"].replace(",", ".")) for u in alive)
    staff = t2.find("table", class_="staff")
    assert staff.tfoot.get_text(" ", strip=True) == f"Totalt {total:.1f}".replace(".", ",")
