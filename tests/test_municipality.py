"""A municipality's folder: kommun.yaml, a data folder per board, every board in one run, each on its own."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE, ROOT, read_rows
from intake_helpers import fill
from styrkort.cli.main import main
from styrkort.data.errors import DataError
from styrkort.data.municipality import load_municipality
from styrkort.data.params import load_params


def municipality(root: Path, boards=("asn", "vof"), yaml: str | None = None) -> Path:
    """Exempelkommun with the example board twice: ``asn`` as it is, ``vof`` with a rule of its own."""
    folder = root / "kommun"
    for board in boards:
        shutil.copytree(EXAMPLE, folder / board)
    (folder / "vof" / "installningar.yaml").write_text("status_rule: {kind: majority}\n", encoding="utf-8")
    (folder / "kommun.yaml").write_text(yaml or (
        "kommun: Exempelkommun\nnamnder: [asn, vof]\ninstallningar:\n  budget_deviation: {yellow_from: -2.0}\n"),
        encoding="utf-8")
    return folder


def render_all(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`render-all` with the params file in ``cwd/params/`` when there is one, else the project's."""
    own = cwd / "params" / "styrkort.yaml"
    return subprocess.run([sys.executable, "-m", "styrkort", "render-all", "--no-pdf", "--jobs", "2", *args,
                           *(["--params", str(own)] if own.exists() else [])],
                          capture_output=True, text=True, timeout=600, cwd=cwd,
                          env={**os.environ, "STYRKORT_HOME": str(ROOT)})


def results(stdout: str) -> dict[tuple[str, str, str], str]:
    """(board, report, period) → result, from the summary table."""
    rows = {}
    for line in stdout.splitlines():
        cells = [c for c in line.split("  ") if c.strip()]
        cells = [c.strip() for c in cells]
        if len(cells) >= 4 and cells[3] in ("ok", "misslyckad", "överhoppad"):
            rows[(cells[0], cells[1], cells[2])] = cells[3]
        elif len(cells) >= 3 and cells[2] == "misslyckad":
            rows[(cells[0], cells[1], "")] = cells[2]
    return rows


@pytest.mark.parametrize("text, words", [
    ("kommun: K\nnamnder: [asn, saknas]\n", "namnder nr 2: mappen saknas/ finns inte i"),
    ("kommun: K\nnamnder: [asn, asn]\n", "namnder nr 2: 'asn' står redan i listan"),
    ("kommun: K\nnamnder: [../asn]\n", "namnder nr 1: '../asn' är inget mappnamn i kommunmappen"),
    ("namnder: [asn]\n", "kommun saknas; skriv kommunens namn"),
    ("kommun: K\n", "namnder saknas; lista nämndernas mappar"),
    ("kommun: K\nnamnder: [asn]\nnämnder: [asn]\n", "okänd nyckel 'nämnder'; kända: kommun, namnder, installningar, styrelse, forkortning, forvaltning"),
    ("kommun: K\nnamnder: [asn]\ninstallningar: [1]\n", "installningar ska innehålla nycklar och värden"),
])
def test_a_bad_kommun_yaml_is_refused_in_swedish(tmp_path, text, words):
    folder = tmp_path / "kommun"
    (folder / "asn").mkdir(parents=True)
    (folder / "kommun.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_municipality(folder)
    assert "kommun.yaml" in str(err.value) and words in str(err.value)


def test_a_boards_params_are_the_params_file_then_the_municipalitys_then_its_own(tmp_path):
    folder = municipality(tmp_path)
    params = ROOT / "params" / "styrkort.yaml"
    plain, asn, vof = load_params(params), load_params(params, folder / "asn"), load_params(params, folder / "vof")
    assert (plain.budget_deviation.yellow_from, asn.budget_deviation.yellow_from) == (-1.0, -2.0)
    assert asn.budget_deviation.green_from == plain.budget_deviation.green_from  # the section merged key by key
    assert (asn.status_rule.kind, vof.status_rule.kind) == ("share-of-green", "majority")
    alone = shutil.copytree(EXAMPLE, tmp_path / "alone")  # a board's folder on its own: the params file only
    assert load_params(params, alone) == plain
    (folder / "vof" / "installningar.yaml").write_text("status_rule: {kind: oftast}\n", encoding="utf-8")
    with pytest.raises(DataError, match="installningar.yaml: status_rule.kind 'oftast' är inte en känd regel"):
        load_params(params, folder / "vof")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The municipality's two boards, their plans and interim reports of 2024 and the municipality's
    summaries of the year in one run."""
    root = tmp_path_factory.mktemp("kommun")
    folder = municipality(root)
    (root / "params").mkdir()
    shutil.copy(ROOT / "params" / "styrkort.yaml", root / "params" / "styrkort.yaml")
    done = render_all("--data", str(folder), "--year", "2024", "--reports", "interim,plan,municipality", "--out",
                      str(root / "out"), cwd=root)
    return folder, root / "out", done


def test_every_board_in_one_run_each_into_its_own_folder(run):
    folder, out, done = run
    assert done.returncode == 0, done.stdout + done.stderr
    shown = results(done.stdout)
    for board in ("asn", "vof"):
        for title, period in (("Delårsrapport 1 2024", "2024-T1"), ("Delårsrapport 2 2024", "2024-T2"),
                              ("Nämnd- och förvaltningsplan 2024", "2024")):
            assert shown[(board, title, period)] == "ok"
        assert (out / board / "2024-T2" / "delarsrapport-T2-2024.html").is_file()
        board_index = BeautifulSoup((out / board / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert len(board_index.find("table").tbody.find_all("tr")) == 3
    assert done.stdout.startswith("Nämnd ") and "kommunen  Kommunövergripande uppföljning delår 2 2024" in done.stdout
    assert "asn: Delårsrapport" in done.stderr  # so does the progress
    # Each board's own rule and the municipality's thresholds
    vof = (out / "vof" / "2024-T2" / "delarsrapport-T2-2024.html").read_text(encoding="utf-8")
    asn = (out / "asn" / "2024-T2" / "delarsrapport-T2-2024.html").read_text(encoding="utf-8")
    assert "den som flest enheter rapporterat" in vof and "den som flest enheter rapporterat" not in asn
    assert "Gul från −2,0\u00a0%" in asn


def test_the_municipalitys_index_lists_its_boards(run):
    _, out, _ = run
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.string == "Rapporter – Exempelkommun"
    rows = soup.find("table", class_="boards").tbody.find_all("tr")
    assert [r.th.get_text() for r in rows] == ["Arbetsmarknads- och socialnämnden"] * 2
    links = [a["href"] for r in rows for a in r.find_all("a")]
    assert "asn/index.html" in links and "vof/index.html" in links
    assert all((out / href).is_file() for href in links)


MINUS, NBSP = "\u2212", "\u00a0"


def _num(text: str) -> float:
    return float(text.replace(MINUS, "-").replace(NBSP, "").replace(" ", "").replace(",", ".").replace("%", ""))


def _cells(tr) -> list[str]:
    return [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]


def test_the_summary_says_what_each_boards_own_report_says(run):
    """Each board's goal statuses and forecast in the T2 summary, against the board's own T2 report as
    rendered (its overview and its forecast table) and against the August rows of its ekonomi.csv."""
    folder, out, _ = run
    soup = BeautifulSoup((out / "2024-T2" / "kommunovergripande-uppfoljning-T2-2024.html").read_text(
        encoding="utf-8"), "html.parser")
    assert soup.title.string == "Kommunövergripande uppföljning delår 2 2024"
    goals = soup.find("table", class_="board-goals").tbody.find_all("tr")
    economy = soup.find("table", class_="board-economy")
    rows = economy.tbody.find_all("tr")
    budgets, forecasts = [], []
    for board, goal_row, economy_row in zip(("asn", "vof"), goals, rows):
        own = BeautifulSoup((out / board / "2024-T2" / "delarsrapport-T2-2024.html").read_text(encoding="utf-8"),
                            "html.parser")
        statuses = [_cells(tr)[1].split(" ")[1] for tr in own.find("table", class_="overview").tbody.find_all("tr")]
        assert [li.find(class_="status").get_text(" ", strip=True).split(" ")[1] for li in goal_row.find_all("li")] \
            == statuses
        link = goal_row.find("a")
        assert link.get_text() == "Delårsrapport 2 2024" and (out / "2024-T2" / link["href"]).resolve() == \
            (out / board / "2024-T2" / "delarsrapport-T2-2024.html").resolve()
        own_total = _cells(own.find("section", class_="economy").find_all("table")[1].tfoot.tr)
        mine = _cells(economy_row)
        assert mine[1:4] == own_total[1:4]  # budget, forecast, deviation: the same words
        august = [r for r in read_rows(folder / board, "ekonomi") if r["period"] == "2024-08"]
        budget, forecast = (sum(_num(r[c]) for r in august) for c in ("budget", "prognos"))
        assert (_num(mine[1]), _num(mine[2])) == (pytest.approx(budget, abs=0.5), pytest.approx(forecast, abs=0.5))
        budgets.append(budget)
        forecasts.append(forecast)
    total = _cells(economy.tfoot.tr)
    assert _num(total[1]) == pytest.approx(sum(budgets), abs=1) and _num(total[2]) == pytest.approx(sum(forecasts), abs=1)
    assert _num(total[3]) == pytest.approx(sum(forecasts) - sum(budgets), abs=1)
    text = soup.find("section", class_="economy").get_text(" ")
    assert "Balanskrav" in text and "kommunbidragen för helåret" in text
    alt = soup.find("figure", class_="bars").img["alt"]
    assert alt.startswith("Helårsprognosens avvikelse mot kommunbidraget per nämnd")
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = [a["href"] for a in index.find_all("a")]
    assert "2024-T2/kommunovergripande-uppfoljning-T2-2024.html" in listed


def test_a_change_renders_only_its_boards_reports_and_a_broken_board_fails_alone(run):
    folder, out, _ = run
    text = folder / "vof" / "texter" / "2024-T2" / "ekonomi.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nRättad.\n", encoding="utf-8")
    again = render_all("--data", str(folder), "--year", "2024", "--reports", "interim,plan,municipality", "--out",
                       str(out), cwd=out.parent)
    shown = results(again.stdout)
    assert again.returncode == 0, again.stdout + again.stderr
    assert [k for k, v in shown.items() if v == "ok"] == [("vof", "Delårsrapport 2 2024", "2024-T2")]
    assert sum(v == "överhoppad" for v in shown.values()) == 5 + 13  # the summaries show no texts

    # The same request again, with a saved adjustment of a board's: not an unchanged run.
    (out.parent / "params" / "justeringar" / "vof").mkdir(parents=True, exist_ok=True)
    (out.parent / "params" / "justeringar" / "vof" / "interim-2024-T2.yaml").write_text(
        "status:\n- {malomrade: 1, status: Röd, motivering: Sjukfrånvaron ökade i augusti, av: a, tid: '2024-09-02'}\n",
        encoding="utf-8")
    adjusted = render_all("--data", str(folder), "--year", "2024", "--reports", "interim,plan,municipality",
                          "--out", str(out), cwd=out.parent)
    shown = results(adjusted.stdout)
    assert adjusted.returncode == 0, adjusted.stdout + adjusted.stderr
    assert shown[("vof", "Delårsrapport 2 2024", "2024-T2")] == "ok"  # the board's adjustment ...
    assert shown[("kommunen", "Kommunövergripande uppföljning delår 2 2024", "2024-T2")] == "ok"  # ... and the summary
    assert all(v == "överhoppad" for k, v in shown.items() if k[0] == "asn")
    summary = (out / "2024-T2" / "kommunovergripande-uppfoljning-T2-2024.html").read_text(encoding="utf-8")
    assert "satt för hand" in summary

    wheel = folder / "vof" / "arshjul.csv"
    wheel.write_text(wheel.read_text(encoding="utf-8") + "2025;1;Ny aktivitet i årshjulet 2025.\n",
                     encoding="utf-8")  # no report of those asked for shows 2025's årshjul ...
    changed = render_all("--data", str(folder), "--year", "2024", "--reports", "interim,plan,municipality",
                         "--out", str(out), cwd=out.parent)
    shown = results(changed.stdout)
    # ... but every report of the board loads every table, and so does every summary
    assert {k[0] for k, v in shown.items() if v == "ok"} == {"vof", "kommunen"}
    assert all(v == "överhoppad" for k, v in shown.items() if k[0] == "asn")

    asn_t2 = out / "asn" / "2024-T2" / "delarsrapport-T2-2024.html"
    before = asn_t2.read_bytes()
    (folder / "asn" / "bedomningar.csv").write_text("period;enhet_id\n", encoding="utf-8")
    text.write_text(text.read_text(encoding="utf-8") + "\nRättad igen.\n", encoding="utf-8")
    broken = render_all("--data", str(folder), "--year", "2024", "--reports", "interim,plan,municipality", "--out",
                        str(out), cwd=out.parent)
    assert broken.returncode == 1
    shown = results(broken.stdout)
    assert shown[("asn", "Alla rapporter", "")] == "misslyckad"
    assert shown[("vof", "Delårsrapport 2 2024", "2024-T2")] == "ok"
    assert "styrkort: asn: Alla rapporter: Data i" in broken.stderr and "bedomningar.csv" in broken.stderr
    assert asn_t2.read_bytes() == before  # the broken board's reports stay as they were
    summary = BeautifulSoup((out / "2024-T2" / "kommunovergripande-uppfoljning-T2-2024.html").read_text(
        encoding="utf-8"), "html.parser")
    assert "från 1 av kommunens 2 nämnder" in summary.find("p", class_="scope").get_text()
    assert "Nämndens underlag kan inte användas" in summary.find("p", class_="missing").get_text()


def test_board_chooses_boards_and_an_unknown_one_is_refused(tmp_path, capsys):
    folder = municipality(tmp_path)
    assert main(["render-all", "--data", str(folder), "--board", "vof", "--period", "2024", "--reports", "plan",
                 "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "vof    Nämnd- och förvaltningsplan 2024" in shown and "asn " not in shown
    assert main(["render-all", "--data", str(folder), "--board", "bun", "--period", "2024", "--dry-run"]) == 2
    assert "okänd nämnd bun; kända: asn, vof" in capsys.readouterr().err
    assert main(["render-all", "--data", str(EXAMPLE), "--board", "asn", "--period", "2024", "--dry-run"]) == 1
    assert "--board gäller en kommunmapp med kommun.yaml" in capsys.readouterr().err
    assert main(["render", "plan", "--year", "2024", "--data", str(folder), "--no-pdf",
                 "--out", str(tmp_path / "out")]) == 1
    assert "Ange en nämnd med --board" in capsys.readouterr().err
    assert main(["render", "plan", "--year", "2024", "--data", str(folder), "--board", "vof", "--no-pdf",
                 "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "vof" / "2024" / "namnd-och-forvaltningsplan-2024.html").is_file()
    assert (tmp_path / "out" / "index.html").is_file()


def test_intake_per_board(tmp_path, capsys):
    from conftest import copy_until_august

    folder = tmp_path / "kommun"
    for board in ("asn", "vof"):
        copy_until_august(folder / board)
    (folder / "kommun.yaml").write_text("kommun: Exempelkommun\nnamnder: [asn, vof]\n", encoding="utf-8")
    templates = tmp_path / "mallar"
    assert main(["template", "--period", "2024-09", "--unit", "VUX", "--out", str(templates), "--data", str(folder),
                 "--board", "vof"]) == 0
    capsys.readouterr()
    filled = fill(next(templates.glob("*.xlsx")), "Röd")
    assert main(["import", str(filled), "--data", str(folder)]) == 1
    assert "Ange en nämnd med --board" in capsys.readouterr().err
    assert main(["import", str(filled), "--data", str(folder), "--board", "vof"]) == 0
    assert (folder / "vof" / "inlamningar.sqlite").is_file() and not (folder / "asn" / "inlamningar.sqlite").exists()
    capsys.readouterr()
    assert main(["history", "--unit", "VUX", "--period", "2024-09", "--data", str(folder)]) == 0
    shown = capsys.readouterr().out
    assert shown.index("== asn") < shown.index("Inga inlämningar för VUX, 2024-09") < shown.index("== vof")
    assert "Inlämningar för VUX, 2024-09" in shown.split("== vof")[1]
    assert main(["history", "--unit", "VUX", "--period", "2024-09", "--data", str(folder), "--board", "vof"]) == 0
    assert "== " not in capsys.readouterr().out


def test_the_summary_is_made_for_a_municipality_only(tmp_path, capsys):
    assert main(["render", "municipality", "--period", "2024-T2", "--data", str(EXAMPLE), "--no-pdf",
                 "--out", str(tmp_path / "out")]) == 1
    assert "Den kommunövergripande uppföljningen görs för en kommunmapp" in capsys.readouterr().err
