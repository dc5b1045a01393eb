"""End to end: interim reports for 2024-T1 and 2024-T2 from the example data."""

import pytest
from bs4 import BeautifulSoup

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
    assert "årsbudget × 8/12" in text
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
    assert "Utfall jan–april" in text and "× 4/12" in text
    assert "Balanskrav" not in text


@pytest.mark.parametrize("period, words", [("2024-T3", "går inte att läsa"), ("2024-08", "ÅÅÅÅ-T1"),
                                           ("2025-T1", "inga bedömningar")])
def test_bad_interim_periods_are_refused(tmp_path, period, words):
    from styrkort.data.periods import PeriodError
    with pytest.raises((ReportError, PeriodError), match=words):
        render("interim", period, Workspace.resolve(out=tmp_path))
