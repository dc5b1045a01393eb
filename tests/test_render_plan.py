"""End to end: the example's 2024 plan carries the seed's tables to the krona."""

import base64

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE, read_rows
from styrkort.data.errors import ReportError
from styrkort.pipeline.job import Output
from styrkort.pipeline.render import render
from styrkort.pipeline.workspace import Workspace

MINUS, NBSP = "\u2212", "\u00a0"


def sv(number: str) -> str:
    """A figure as the report prints it: '-308 853' → '−308 853' with a non-breaking space."""
    return number.replace("-", MINUS).replace(" ", NBSP)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    done = render("plan", "2024", Workspace.resolve(out=tmp_path_factory.mktemp("out")))
    return done, BeautifulSoup(done.html.read_text(encoding="utf-8"), "html.parser")


def rows_of(table):
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def test_named_and_placed(plan):
    done, soup = plan
    assert done.html.name == "namnd-och-forvaltningsplan-2024.html" and done.html.parent.name == "2024"
    assert soup.title.string == "Nämnd- och förvaltningsplan 2024"
    assert "2023/ASN 0109" in soup.find("header", class_="cover").get_text()


def test_sections_in_the_seeds_order(plan):
    _, soup = plan
    h2 = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    expected = ["Politiska prioriteringar", "Nuläges- och omvärldsanalys", "Vision och mål", "Målområde 1:",
                "Målområde 2:", "Målområde 3:", "Målområde 4:", "Aktiviteter från tillgänglighetsplanen",
                "Riskhantering", "Resurser", "Ersättningsnivåer", "Bilaga 1", "Bilaga 2", "Bilaga 3", "Bilaga 4"]
    found = [next(i for i, h in enumerate(h2) if h.startswith(e)) for e in expected]
    assert found == sorted(found)
    assert "Förändringstryck" in soup.find("section", class_="situation").get_text()


def test_goal_areas_carry_goal_assignment_priorities_goals_and_indicators(plan):
    _, soup = plan
    area = soup.find("section", id="malomrade-1").get_text(" ", strip=True)
    for words in ("Kommunövergripande mål", "Politiskt uppdrag från kommunplanen", "Nämndens inriktning",
                  "Nämnd- och förvaltningsmål", "Sjukfrånvaro (minskning jämfört med 2023)"):
        assert words in area


def test_net_cost_table_equals_the_seed(plan):
    _, soup = plan
    rows = rows_of(soup.find("table", class_="net-costs"))
    assert rows[0] == ["Nettokostnad per verksamhet (tkr)", "Utfall 2022", "Prognos T2 2023*", "Budget 2024"]
    assert rows[1] == ["Förvaltningsövergripande", sv("-85 797"), sv("-90 272"), sv("-96 798")]
    assert rows[6] == ["Integration", sv("-4 263"), sv("-4 301"), sv("-7 942")]
    # The printed total as the seed prints it, with a footnote on what the rounded rows add up to.
    assert rows[7] == ["Resultat ASN", sv("-273 644"), sv("-293 343"), sv("-308 853") + "¹"]
    notes = soup.find("section", class_="resources").get_text(" ")
    assert "* Avser prognos T2." in notes
    assert f"¹ Raderna för budget summerar till {sv('-308 852')} tkr medan angiven total är {sv('-308 853')} tkr" in notes


def test_allocation_bridge_equals_the_seed(plan):
    _, soup = plan
    rows = rows_of(soup.find("table", class_="bridge"))[1:]
    assert rows == [["Kommunbidrag 2023", sv("-300 613")], ["+ demografi", sv("-1 622")],
                    [f"+ prisuppräkning 4,1{NBSP}%", sv("-12 241")], ["+ teknisk justering", sv("-3 787")],
                    [f"{MINUS} effektivisering", sv("8 000")],
                    [f"{MINUS} nedtrappning beslutat i kommunplan 2022", sv("1 410")],
                    ["Kommunbidrag 2024", sv("-308 853")]]
    text = soup.find("section", class_="resources").get_text(" ")
    assert f"Kommunbidraget för 2024 ökar med 8,2{NBSP}mnkr jämfört med 2023" in text
    assert "kollektivavtalad pension" in text


def test_waterfall_is_a_chart_with_a_text_alternative(plan):
    _, soup = plan
    img = soup.find("figure", class_="waterfall").img
    assert "Kommunbidrag 2023" in img["alt"] and "demografi ökar med" in img["alt"]
    svg = base64.b64decode(img["src"].split(",", 1)[1]).decode()
    assert "<svg" in svg and sv("308 853") in svg


def test_risk_register_values_and_heatmap(plan):
    _, soup = plan
    rows = {r[0]: r for r in rows_of(soup.find("table", class_="risk-register"))[1:]}
    assert rows["R1"][3] == "5 × 4 = 20 Mycket hög"
    assert rows["R3"][3] == "4 × 4 = 16 Hög"
    assert rows["R5"][3].startswith("20, endast riskvärde angivet")
    assert rows["R6"][3].startswith("5 × 4 = 20")
    assert all(rows[r][3] == "ej bedömd" for r in ("R2", "R4", "R7"))
    img = soup.find("figure", class_="heatmap").img
    assert "R1 i cellen sannolikhet 5, konsekvens 4" in img["alt"] and "R3 i cellen sannolikhet 4" in img["alt"]
    assert "Ej placerade: R2 (ej bedömd)" in img["alt"]
    svg = base64.b64decode(img["src"].split(",", 1)[1]).decode()
    assert ">R1" in svg and ">R3" in svg and "Sannolikhet" in svg


def test_staff_total_and_rates(plan):
    _, soup = plan
    text = soup.find("section", class_="resources").get_text(" ")
    assert "arbetar 204,7 tillsvidareanställda årsarbetare fördelat på tolv enheter" in text
    rates = soup.find("section", class_="rates").get_text(" ")
    for amount in ("443 kr per timme", f"6{NBSP}979 kr per månad", f"5{NBSP}596 kr per månad",
                   f"1{NBSP}507 kr per samtal"):
        assert amount in rates


def test_appendices_come_from_the_texts(plan):
    _, soup = plan
    assert "barnrättslagen" in soup.find("section", id="bilaga-1").get_text()
    assert "Oktober" in soup.find("section", id="bilaga-3").get_text()


def test_a_year_without_goals_is_refused(tmp_path):
    with pytest.raises(ReportError, match="inga målområden för 2030"):
        render("plan", "2030", Workspace.resolve(out=tmp_path))
    assert not any(tmp_path.iterdir())


def test_a_plan_year_whose_goal_areas_differ_from_the_year_before(tmp_path):
    """2025 has five goal areas where 2024 had four (a new one for climate, the quality area
    renamed); an indicator compared with a baseline year other than the year before says which."""
    areas = {int(r["malomrade"]): r["rubrik"] for r in read_rows(EXAMPLE, "malomraden") if r["ar"] == "2025"}
    before = {int(r["malomrade"]): r["rubrik"] for r in read_rows(EXAMPLE, "malomraden") if r["ar"] == "2024"}
    assert len(areas) == 5 and areas != before
    soup = BeautifulSoup(render("plan", "2025", Workspace.resolve(out=tmp_path), Output(pdf=False))
                         .html.read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.select("section.plan-area h2")]
    assert headings == [f"Målområde {n}: {areas[n]}" for n in sorted(areas)]
    new = soup.find("section", id="malomrade-5").get_text(" ")
    assert "Koldioxidutsläpp från tjänsteresor (minskning jämfört med 2024)" in new
    assert "Nöjd kund-index i brukarundersökningen (ökning jämfört med 2023)" in soup.get_text(" ")
    # Targets: lower is better for sick leave, an interval for turnover.
    first = soup.find("section", id="malomrade-1").get_text(" ")
    assert "Sjukfrånvaro (mål: högst 6,0\u00a0%)" in first
    assert "Personalomsättning (mål: mellan 8,0\u00a0% och 12,0\u00a0%)" in first


def test_the_waterfall_reads_as_the_table_beside_it(plan):
    """Every bar is labelled with the table's own figure and sign (−300 613, not +300 613), in the
    table's order, and the cut value axis says what sign it uses."""
    import re

    _, soup = plan
    amounts = [row[1] for row in rows_of(soup.find("table", class_="bridge"))[1:]]
    svg = base64.b64decode(soup.find("figure", class_="waterfall").img["src"].split(",", 1)[1]).decode()
    texts = [t.replace("&#8722;", "\u2212") for t in re.findall(r">([^<>]+)</text>", svg)]
    labels = [t for t in texts if t in amounts]
    assert labels == amounts and amounts[0] == sv("-300 613")
    assert "tkr, som i tabellen" in texts


#: Seed 003's "Indikatorer och bedömning", goal area by goal area, as the plan prints them (its
#: wording: "jämfört 2023" and "ökning från 2023" printed here as the plan's one form).
SEED_003_INDICATORS = {
    1: ["Resultat från pulsmätaren (behålla eller öka jämfört med 2023)", "Frisktal (ökning jämfört med 2023)",
        "Sjukfrånvaro (minskning jämfört med 2023)", "Personalomsättning (minskning jämfört med 2023)",
        "Redovisning av kompetensutveckling och kompetensförsörjning (genomförs enligt planering)"],
    2: ["Enheter som tillämpar metoder för att upptäcka och förebygga våld (mål: minst 100\u00a0%)",
        "Bedömning av användande av modellen Signs of Safety",
        "Avvikelser beroende på organisatoriska hinder (minskning jämfört med 2023)"],
    3: ["Hushåll med försörjningsstöd mer än tio månader (minskning jämfört med 2023)",
        "Barnfamiljer med försörjningsstöd (minskning jämfört med 2023)",
        "Inskrivna hos CAI som blir självförsörjande (ökning jämfört med 2023)",
        "Personer med beviljad boendeinsats som går vidare till egen bostad (ökning jämfört med 2023)",
        "Externa placeringar (minskning jämfört med 2023)", "Redovisning av ej verkställda beslut",
        "Resultat av brukarundersökningar", "Resultat av granskningsrapporter och avtalsuppföljningar",
        "Redovisning av övriga resultat som beskriver leveransen av välfärdstjänster (nationella jämförande mått, "
        "projektredovisning, Stockholmsenkäten med flera)"],
    4: ["Kostnader för köpta insatser och externa placeringar (minskning jämfört med 2023)",
        "Kostnader för konsulter (minskning jämfört med 2023)",
        "Kostnader för långvarigt försörjningsstöd (minskning jämfört med 2023)",
        "Digitala tjänster för medborgarna (minst en tjänst införs)",
        "Nettokostnadsavvikelse inom individ- och familjeomsorgen (minskning jämfört med 2023)",
        "Redovisning av statsbidrag och ESF-medel", "Redovisning från avtalsuppföljningar och kontroller",
        "Redovisning av förvaltningens arbete enligt kommunens klimatplan"],
}


def test_the_plan_carries_every_indicator_of_seed_003_and_its_agenda_2030_goals(plan):
    _, soup = plan
    total = 0
    for n, expected in SEED_003_INDICATORS.items():
        section = soup.find("section", id=f"malomrade-{n}")
        heading = section.find("h3", string="Indikatorer och bedömning")
        items = [li.get_text(" ", strip=True) for li in heading.find_next("ul").find_all("li")]
        assert items == expected + ["Verksamheternas sammanvägda bedömning och analys om verksamheterna når målet "
                                    "under året."], n
        total += len(items)
        agenda = section.find("h3", string="Bidrag till Agenda 2030")
        assert agenda is not None, n
        assert "bidrar arbetsmarknads- och socialförvaltningen framförallt till följande mål i Agenda 2030" in \
            agenda.find_next("p").get_text(" ")
        goals = [li.get_text(strip=True) for li in agenda.find_next("ul").find_all("li")]
        assert goals and all(g.startswith("Mål ") for g in goals), n
    assert total == 29
    assert "Mål 3: Hälsa och välbefinnande" in soup.find("section", id="malomrade-1").get_text(" ")


def test_the_year_wheel_is_a_table_of_months(plan):
    """As seed 003's Bilaga 3: each month with what happens in it, from arshjul.csv."""
    _, soup = plan
    months = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december")
    expected: dict[str, list[str]] = {}
    for r in read_rows(EXAMPLE, "arshjul"):
        if r["ar"] == "2024":
            expected.setdefault(months[int(r["manad"]) - 1].capitalize(), []).append(r["aktivitet"])
    appendix = soup.find("section", id="bilaga-3")
    assert appendix.h2.get_text().startswith("Bilaga 3 – Årshjul")
    table = appendix.find("table", class_="year-wheel")
    shown = {tr.th.get_text(strip=True): [li.get_text(strip=True) for li in tr.find_all("li")]
             for tr in table.tbody.find_all("tr")}
    assert shown == expected and list(shown)[:2] == ["Januari", "Februari"]
