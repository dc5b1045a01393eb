"""End to end: the verksamhetsberättelse 2024 from the example data. Its figures are checked against
the CSV files, computed here and not by the code under test."""

import csv
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE
from styrkort.cli.main import main
from styrkort.data.errors import ReportError
from styrkort.data.loading import load_data
from styrkort.data.status import Status
from styrkort.pipeline.job import Output
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.kinds import ANNUAL, reports_for_year
from styrkort.reports.outcomes import MET, NOT_MET, PARTLY_MET, combined_year_assessment, proposed_year_assessment

MINUS, NBSP = "\u2212", "\u00a0"
G, Y, R = Status.GRON, Status.GUL, Status.ROD


def _csv(name: str, folder=EXAMPLE) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _num(text: str) -> float:
    return float(text.replace(MINUS, "-").replace(NBSP, "").replace(" ", "").replace(",", ".").replace("%", "")
                 .replace("+", ""))


def _rows(table) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def _soup(done) -> BeautifulSoup:
    return BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return out, render("annual-report", "2024", Workspace.resolve(out=out), Output(pdf=False))


@pytest.fixture(scope="module")
def report(rendered):
    return _soup(rendered[1])


def test_it_lands_beside_the_plan_and_the_index_lists_it(rendered):
    out, done = rendered
    assert done.html == out / "2024" / "verksamhetsberattelse-2024.html"
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    row = next(tr for tr in index.find_all("tr") if "Verksamhetsberättelse 2024" in tr.get_text())
    assert "2025/ASN 0012" in row.get_text() and row.a["href"] == "2024/verksamhetsberattelse-2024.html"


def test_render_all_plans_it_once_december_has_data(capsys):
    assert main(["render-all", "--period", "2024", "--dry-run", "--data", str(EXAMPLE)]) == 0
    shown = capsys.readouterr().out
    assert "Verksamhetsberättelse 2024" in shown and "Nämnd- och förvaltningsplan 2024" in shown


def test_the_sections_of_a_verksamhetsberattelse(report):
    assert report.title.string == "Verksamhetsberättelse 2024"
    h2 = [h.get_text(" ", strip=True) for h in report.find_all("h2")]
    assert h2 == ["Sammanfattning", "Viktiga händelser under året", "Måluppfyllelse – översikt",
                  "1. Medarbetare", "2. Kvalitet", "3. Leverans", "4. Ekonomi", "Politiska uppdrag", "Ekonomi",
                  "Personal", "Uppföljning av riskhanteringsplanen", "Uppföljning av intern kontroll",
                  "Framtid och utmaningar", "Om rapporten"]
    for name in ("sammanfattning", "framtid"):
        first = (EXAMPLE / "texter" / "2024" / f"{name}.md").read_text(encoding="utf-8").split("\n")[0]
        assert first[:60] in report.get_text(" ")


def test_the_years_outcome_per_activity_area_is_the_sum_of_the_months(report):
    """Each month's outcome is its outcome to date less the month before's; their sum is the year's."""
    by_activity: dict[str, dict[str, float]] = {}
    for r in _csv("ekonomi"):
        if r["period"].startswith("2024-"):
            by_activity.setdefault(r["verksamhet"], {})[r["period"]] = _num(r["utfall"])
    year = {}
    for activity, months in by_activity.items():
        previous, total = 0.0, 0.0
        for key in sorted(months):
            total += months[key] - previous
            previous = months[key]
        year[activity] = total
    budget = {r["verksamhet"]: _num(r["budget"]) for r in _csv("arsutfall") if r["ar"] == "2024"}
    table = report.find("table", class_="economy-table")
    shown = {row[0]: row for row in _rows(table)[1:]}
    for activity, outcome in year.items():
        row = shown[activity]
        assert _num(row[2]) == pytest.approx(outcome, abs=0.5), activity
        assert _num(row[3]) == pytest.approx(outcome - budget[activity], abs=0.5)
        assert _num(row[4]) == pytest.approx((outcome - budget[activity]) / abs(budget[activity]) * 100, abs=0.005)
    assert _num(shown["Totalt"][1]) == pytest.approx(-308853, abs=0.5)  # seed 003's budget
    assert _num(shown["Totalt"][2]) == pytest.approx(sum(year.values()), abs=0.5)
    comments = report.find("ul", class_="explanations").get_text(" ")
    for r in _csv("arsutfall"):
        if r["kommentar"]:
            assert r["kommentar"][:50] in comments


def test_the_balance_requirement_result(report):
    closed = [r for r in _csv("arsutfall") if r["ar"] == "2024"]
    result = sum(_num(r["utfall"]) for r in closed) - sum(_num(r["budget"]) for r in closed)
    items = [r for r in _csv("balanskrav") if r["ar"] == "2024"]
    rows = _rows(report.find("table", class_="balance"))
    assert rows[1][0] == "Årets resultat mot kommunbidraget" and _num(rows[1][1]) == pytest.approx(result, abs=0.5)
    assert [r[0] for r in rows[2:-1]] == [i["rubrik"] for i in items]
    assert rows[-1][0] == "Nämndens del av balanskravsresultatet"
    assert _num(rows[-1][1]) == pytest.approx(result + sum(_num(i["belopp"]) for i in items), abs=0.5)


def test_forecast_accuracy_against_the_forecasts_in_the_data(report):
    closed = sum(_num(r["utfall"]) for r in _csv("arsutfall") if r["ar"] == "2024")
    forecasts = {}
    for r in _csv("ekonomi"):
        if r["period"].startswith("2024-") and r["period"] != "2024-12":
            forecasts.setdefault(r["period"], []).append(r["prognos"])
    expected = [(key, sum(_num(v) for v in values)) for key, values in sorted(forecasts.items())
                if all(values)]
    rows = _rows(report.find("table", class_="forecast-accuracy"))[1:]
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november"]
    assert [r[0].split(" (")[0] for r in rows] == [months[int(k[5:]) - 1] for k, _ in expected]
    assert [r[0] for r in rows if "(" in r[0]] == ["april (T1)", "augusti (T2)"]
    for row, (_, forecast) in zip(rows, expected):
        assert _num(row[1]) == pytest.approx(forecast, abs=0.5)
        assert _num(row[2]) == pytest.approx(forecast - closed, abs=0.5)
    alt = report.find("section", class_="economy").find_all("figure")[-1].img["alt"]
    assert alt.startswith("Prognosens avvikelse från årets utfall") and "augusti (T2)" in alt


def test_every_risk_of_the_plan_is_followed_up(report):
    planned = [r["risk_id"] for r in _csv("risker") if r["ar"] == "2024"]
    follow = {r["risk_id"]: r for r in _csv("riskuppfoljning") if r["ar"] == "2024"}
    assert sorted(planned) == [f"R{i}" for i in range(1, 8)]
    table = report.find("table", class_="risk-follow-up")
    rows = {tr.find(["th", "td"]).strong.get_text(): tr for tr in table.tbody.find_all("tr")}
    assert sorted(rows) == sorted(planned)
    happened = []
    for risk, tr in rows.items():
        text = tr.get_text(" ", strip=True)
        f = follow[risk]
        assert f"Åtgärderna genomförda: {f['genomforda']}" in text
        if f["intraffad"] == "ja":
            happened.append(risk)
            assert "Risken inträffade" in [s.get_text() for s in tr.find_all("strong")]
        else:
            assert "Risken inträffade inte" in text
        assert f["kommentar"][:40] in text
        if f["sannolikhet"]:
            p, c = int(f["sannolikhet"]), int(f["konsekvens"])
            assert f"Vid årets slut: {p} × {c} = {p * c}" in text
    assert happened and f"Inträffade under året: {', '.join(sorted(happened))}." in \
        report.find("section", class_="risks").get_text(" ")


def test_assignments_and_internal_control_as_followed_up(report):
    section = report.find("section", class_="assignments")
    status = {r["uppdrag_id"]: r for r in _csv("uppdragsuppfoljning")}
    rows = _rows(section.find("table"))[1:]
    planned = [r for r in _csv("uppdrag") if r["ar"] == "2024"]
    assert len(rows) == len(planned)
    for row, u in zip(rows, sorted(planned, key=lambda u: int(u["malomrade"]))):
        assert row[1] == u["uppdrag"] and row[2].lower().endswith(status[u["uppdrag_id"]]["status"])
    control = report.find("table", class_="internal-control").get_text(" ")
    points = [r for r in _csv("internkontroll") if r["ar"] == "2024"]
    assert points and all(p["resultat"][:40] in control for p in points)
    found = sum(p["avvikelse"] == "ja" for p in points)
    assert f"{found} av dem visade avvikelser" in report.find("section", class_="internal-control").get_text(" ")


def test_indicators_show_two_years_before_and_a_trend_where_three_years_exist(report):
    area = report.find("section", id="malomrade-1")
    rows = _rows(area.find("table", class_="indicators"))
    assert rows[0][:4] == ["Indikator", "2022", "2023", "2024"]
    sick = next(r for r in rows if r[0] == "Sjukfrånvaro")
    values = {r["period"]: r["varde"] for r in _csv("indikatorvarden") if r["indikator_id"] == "SJUK"
              and r["period"] in ("2022-12", "2023-12", "2024-12")}
    assert sick[1:4] == [f"{values[k]}{NBSP}%" for k in ("2022-12", "2023-12", "2024-12")]
    alt = area.find("figure", class_="trends").img["alt"]
    assert alt.startswith("Utvecklingen över år: ") and f"Sjukfrånvaro: 2022 {values['2022-12']}" in alt


def test_the_year_assessment_rule():
    assert proposed_year_assessment([G] * 12) == MET
    assert proposed_year_assessment([R] * 6 + [G] * 6) == MET  # ends green, half green
    assert proposed_year_assessment([R] * 7 + [G] * 5) == NOT_MET  # more than half red
    assert proposed_year_assessment([G] * 11 + [R]) == NOT_MET  # ends red
    assert proposed_year_assessment([G] * 11 + [Y]) == PARTLY_MET
    assert proposed_year_assessment([Y] * 7 + [G] * 5) == PARTLY_MET  # ends green, under half green
    assert proposed_year_assessment([G, None, None]) == MET  # months without an outcome do not count
    assert proposed_year_assessment([None] * 12) is None
    assert combined_year_assessment([MET, MET]) == MET
    assert combined_year_assessment([NOT_MET, NOT_MET]) == NOT_MET
    assert combined_year_assessment([MET, NOT_MET]) == PARTLY_MET
    assert combined_year_assessment([]) is None


def test_the_analysts_assessments_are_shown_with_their_reasons(tmp_path):
    adj = tmp_path / "justeringar"
    adj.mkdir()
    (adj / "annual-report-2024.yaml").write_text(
        "rapport: annual-report\nperiod: '2024'\n"
        "malbedomning:\n- {mal: '2.2', bedomning: ej uppfyllt, motivering: Samordningen med skolan kom aldrig "
        "igång, av: anna, tid: 2025-01-20T10:00:00}\n"
        "risker:\n- {risk: R3, sannolikhet: 2, konsekvens: 3, bedomning: Systemet infört i oktober, motivering: "
        "Driftsatt enligt plan, av: anna, tid: 2025-01-20T10:05:00}\n", encoding="utf-8")
    soup = _soup(render("annual-report", "2024", Workspace.resolve(out=tmp_path / "out", adjustments=adj),
                        Output(pdf=False)))
    area = soup.find("section", id="malomrade-2")
    goal = next(tr for tr in area.find("table", class_="goal").find_all("tr") if "2.2" in tr.get_text())
    assert "Ej uppfyllt" in goal.get_text() and "satt för hand" in goal.get_text()
    note = area.find("p", class_="adjusted").get_text(" ", strip=True)
    assert "mål 2.2 bedömt som ej uppfyllt" in note and "Samordningen med skolan kom aldrig igång" in note
    overview = next(tr for tr in soup.find("table", class_="overview").find_all("tr") if "2. Kvalitet" in tr.get_text())
    assert "satt för hand" in overview.get_text()
    risks = soup.find("section", class_="risks")
    r3 = next(tr for tr in risks.tbody.find_all("tr") if tr.strong.get_text() == "R3").get_text(" ", strip=True)
    assert "Vid årets slut: 2 × 3 = 6" in r3 and "Systemet infört i oktober" in r3
    assert "Driftsatt enligt plan" in risks.find("p", class_="adjusted").get_text()


def test_the_report_needs_december(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE, folder)
    for name in ("bedomningar", "indikatorvarden", "ekonomi", "ekonomi_enhet", "ekonomikommentarer"):
        path = folder / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(line for line in lines if not line.startswith("2024-12")) + "\n", encoding="utf-8")
    (folder / "arsutfall.csv").unlink()
    data = load_data(folder)
    with pytest.raises(ReportError, match="kräver bedömningar för december 2024; senaste period med bedömningar "
                                          "2024: 2024-11"):
        ANNUAL.resolve(data, "2024")
    assert ANNUAL not in {kind for kind, _ in reports_for_year(data, 2024)}
    assert (ANNUAL, ANNUAL.resolve(load_data(EXAMPLE), "2024")) in reports_for_year(load_data(EXAMPLE), 2024)


def test_the_command_line_asks_for_the_year(capsys):
    assert main(["render", "annual-report", "--period", "2024-12"]) == 2
    assert "Ange --year för annual-report" in capsys.readouterr().err


def test_staff_figures_for_the_year_against_the_year_before(report):
    figures = {r["ar"]: r for r in _csv("personal")}
    rows = {r[0]: r for r in _rows(report.find("table", class_="staff"))}
    assert rows["Nyckeltal"] == ["Nyckeltal", "2023", "2024", "Förändring"]
    for name, column in (("Årsarbetare, tillsvidareanställda", "arsarbetare"), ("Sjukfrånvaro", "sjukfranvaro"),
                         ("Personalomsättning", "personalomsattning")):
        before, now = _num(figures["2023"][column]), _num(figures["2024"][column])
        row = rows[name]
        assert (_num(row[1]), _num(row[2])) == (before, now)
        assert _num(row[3].removesuffix(" procentenheter")) == pytest.approx(now - before, abs=0.05)
