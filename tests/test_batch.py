"""`styrkort render-all`: the example year with two workers, then again with nothing changed, then
with one text and one adjustment changed: only the reports that read them are rendered again,
and the versions they replace are kept."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLE, ROOT, copy_until_august
from styrkort.pipeline.unchanged import RECORD_NAME

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

YEAR_2024 = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06..2024-07", "2024-08",
             "2024-T1", "2024-T2", "2024"]


def render_all(*args, data: Path, out: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "styrkort", "render-all", *args, "--data", str(data),
                           "--out", str(out)], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def summary(stdout: str) -> dict[str, str]:
    """Period → Resultat, from the summary table."""
    rows = {}
    for line in stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) >= 4 and cells[2] in ("ok", "misslyckad", "överhoppad", "avbruten"):
            rows[cells[1]] = cells[2]
    return rows


def snapshot(out: Path) -> dict[str, int]:
    """Every file under ``out`` with its modification time (ns), the lock file aside."""
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file() and p.name != ".styrkort.lock"}


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """The example year 2024 as it stood at the end of August, rendered by `render-all --jobs 2`, HTML and
    PDF, from a copy of the data."""
    root = tmp_path_factory.mktemp("batch")
    data, out = copy_until_august(root / "data"), root / "out"
    done = render_all("--year", "2024", "--jobs", "2", data=data, out=out)
    return data, out, done


def test_the_year_renders_every_report_with_two_workers(year):
    data, out, done = year
    assert done.returncode == 0, done.stdout + done.stderr
    assert summary(done.stdout) == {p: "ok" for p in YEAR_2024}
    head = done.stdout.splitlines()[0].split()
    assert head[:4] == ["Rapport", "Period", "Resultat", "Tid"]
    assert "10 rapporter: 10 ok" in done.stdout and "2 arbetsprocesser" in done.stdout
    # Progress, one line per report when stderr is not a terminal.
    assert len(re.findall(r"^\[\d+/10\] ok ", done.stderr, re.M)) == 10
    for period in YEAR_2024:
        folder = out / period
        sidecars = list(folder.glob("*.json"))
        assert len(sidecars) == 1, period
        meta = json.loads(sidecars[0].read_text(encoding="utf-8"))
        html = folder / meta["files"]["html"]
        pdf = folder / meta["files"]["pdf"]
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
        assert pdf.read_bytes().startswith(b"%PDF-") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
        assert (folder / meta["files"]["notebook"]).is_file()
        assert re.fullmatch(r"[0-9a-f]{64}", meta["fingerprint"])
        assert any(name.startswith("notebook:") for name, _ in meta["inputs"])
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(index.find("table").tbody.find_all("tr")) == 10


def test_each_report_says_what_it_was_made_from(year):
    _, out, _ = year
    meta = json.loads((out / "2024-08" / "manadsrapport-augusti-2024.json").read_text(encoding="utf-8"))
    soup = BeautifulSoup((out / "2024-08" / "manadsrapport-augusti-2024.html").read_text(encoding="utf-8"),
                         "html.parser")
    footer = soup.find("footer", class_="underlag")
    assert footer is not None and footer.find_parent("main") is not None
    terms = {dt.get_text(): dt.find_next_sibling("dd") for dt in footer.find_all("dt")}
    assert set(terms) == {"Renderad", "Data", "Inställningar", "Justeringar", "Program", "Fingeravtryck"}
    assert terms["Renderad"].time["datetime"] == meta["rendered_at"]
    assert "datamappen data" in terms["Data"].get_text()
    assert "6 texter" in terms["Data"].get_text()  # the period's own six texts
    assert terms["Inställningar"].get_text() == "styrkort.yaml"
    assert terms["Justeringar"].get_text() == "inga"
    assert terms["Program"].get_text().startswith("styrkort ")
    assert terms["Fingeravtryck"].get_text().startswith(meta["fingerprint"][:12])
    # Not a section: the table of contents and the headings are the report's own.
    assert not footer.find(["h1", "h2", "h3"])
    assert "Om underlaget" not in soup.find("nav", class_="toc").get_text()


def test_an_unchanged_year_is_skipped_without_a_kernel(year):
    data, out, _ = year
    before = snapshot(out)
    # In a process of its own, to see what it imported: an unchanged run does not even load the data.
    again = subprocess.run([sys.executable, "-c", UNCHANGED_RUN, "render-all", "--year", "2024", "--jobs", "2",
                            "--data", str(data), "--out", str(out)], capture_output=True, text=True, timeout=600,
                           cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert summary(again.stdout) == {p: "överhoppad" for p in YEAR_2024}
    assert "arbetsprocess" not in again.stdout  # no worker, so no kernel, was started
    assert "pandas importerat: False" in again.stdout
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k != "index.html"} == \
           {k: v for k, v in before.items() if k != "index.html"}
    latest = render_all("--period", "latest", data=data, out=out)
    assert latest.returncode == 0 and summary(latest.stdout) == {"2024-08": "överhoppad"}


UNCHANGED_RUN = """
import sys
from styrkort.cli.main import main
code = main(sys.argv[1:])
print("pandas importerat:", "pandas" in sys.modules)
sys.exit(code)
"""


def test_a_change_renders_only_the_reports_that_read_it_and_keeps_what_they_replace(year):
    data, out, _ = year
    before = snapshot(out)
    old_august = (out / "2024-08" / "manadsrapport-augusti-2024.html").read_text(encoding="utf-8")
    # August's own text (T2 has texts of its own, so it does not read August's) ...
    text = data / "texter" / "2024-08" / "viktiga-handelser.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEn rättelse i efterhand.\n", encoding="utf-8")
    # ... and an adjustment of the plan's risks, which only the plan reads.
    adjustments = ROOT / "params" / "justeringar"
    params = data.parent / "params"
    shutil.copytree(ROOT / "params", params)
    (params / "justeringar" / "plan-2024.yaml").write_text(
        "rapport: plan\nperiod: '2024'\nrisker:\n- {risk: R1, sannolikhet: 2, konsekvens: 2, "
        "motivering: Åtgärderna har verkat, av: test, tid: '2024-09-01T10:00:00'}\n", encoding="utf-8")
    assert not (adjustments / "plan-2024.yaml").exists()
    done = render_all("--year", "2024", "--params", str(params / "styrkort.yaml"), data=data, out=out)
    assert done.returncode == 0, done.stdout + done.stderr
    results = summary(done.stdout)
    assert {p for p, r in results.items() if r == "ok"} == {"2024-08", "2024"}
    assert {p for p, r in results.items() if r == "överhoppad"} == set(YEAR_2024) - {"2024-08", "2024"}
    assert "ändrat: texter/2024-08/viktiga-handelser.md" in done.stdout
    assert "ändrat: plan-2024.yaml" in done.stdout
    after = snapshot(out)
    changed = {k for k in before if k in after and before[k] != after[k]} - {"index.html", RECORD_NAME}
    assert {k.split("/")[0] for k in changed} == {"2024-08", "2024"}

    # The replaced August report is kept, whole, under tidigare/ with the time it was rendered.
    new_august = (out / "2024-08" / "manadsrapport-augusti-2024.html").read_text(encoding="utf-8")
    assert "En rättelse i efterhand." in new_august and "En rättelse i efterhand." not in old_august
    kept = {p.suffix: p for p in (out / "2024-08" / "tidigare").iterdir()}
    assert set(kept) == {".html", ".pdf", ".ipynb", ".json"}
    stamp = re.fullmatch(r"manadsrapport-augusti-2024-(\d{8}-\d{6})\.html", kept[".html"].name)
    assert stamp, kept
    assert kept[".html"].read_text(encoding="utf-8") == old_august
    assert kept[".pdf"].read_bytes().startswith(b"%PDF-")
    old_meta = json.loads(kept[".json"].read_text(encoding="utf-8"))
    assert old_meta["rendered_at"][:19].replace("-", "").replace(":", "").replace("T", "-") == stamp.group(1)
    assert "Justeringar" in (out / "2024" / "namnd-och-forvaltningsplan-2024.html").read_text(encoding="utf-8")
    assert "plan-2024.yaml" in (out / "2024" / "namnd-och-forvaltningsplan-2024.html").read_text(encoding="utf-8")

    # The index links the current reports, and lists the kept versions after them.
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    current, earlier = soup.find_all("table")
    assert len(current.tbody.find_all("tr")) == 10
    assert sorted(r.th.get_text() for r in earlier.tbody.find_all("tr")) == \
           ["Månadsrapport augusti 2024", "Nämnd- och förvaltningsplan 2024"]
    for a in soup.find_all("a"):
        assert (out / a["href"]).is_file(), a["href"]


def test_a_missing_document_is_rendered_again(year):
    data, out, _ = year
    pdf = out / "2024-03" / "manadsrapport-mars-2024.pdf"
    pdf.unlink()
    done = render_all("--year", "2024", "--reports", "monthly", "--jobs", "1", data=data, out=out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p for p, r in summary(done.stdout).items() if r == "ok"} == {"2024-03"}
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_one_failing_report_does_not_stop_the_others(tmp_path):
    """A cell that fails for T1 only: T2 and the plan are written, T1's error names the cell, its
    executed notebook is kept, and the command exits 1."""
    notebooks = tmp_path / "home" / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    shutil.copytree(ROOT / "params", tmp_path / "home" / "params")
    nb = json.loads((notebooks / "interim.ipynb").read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                        "source": 'assert period != "2024-T1", "T1 avsiktligt trasig"'})
    (notebooks / "interim.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "styrkort", "render-all", "--year", "2024", "--reports",
                           "interim,plan", "--no-pdf", "--jobs", "2", "--data", str(EXAMPLE), "--out", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "STYRKORT_HOME": str(tmp_path / "home")})
    assert done.returncode == 1, done.stdout + done.stderr
    assert summary(done.stdout) == {"2024-T1": "misslyckad", "2024-T2": "ok", "2024": "ok"}
    assert re.search(r"Cell \d+ i interim\.ipynb misslyckades: AssertionError: T1 avsiktligt trasig", done.stderr)
    assert (out / "2024-T1" / "delarsrapport-T1-2024.misslyckad.ipynb").is_file()
    assert not (out / "2024-T1" / "delarsrapport-T1-2024.html").exists()
    assert (out / "2024-T2" / "delarsrapport-T2-2024.html").is_file()
    assert not (out / RECORD_NAME).exists()  # only a whole run is remembered as one to skip
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert sorted(r.th.get_text() for r in soup.find("table").tbody.find_all("tr")) == \
           ["Delårsrapport 2 2024", "Nämnd- och förvaltningsplan 2024"]


def test_bad_input_stops_before_anything_runs(tmp_path, data_copy):
    (data_copy / "bedomningar.csv").write_text("period;enhet_id\n", encoding="utf-8")
    done = render_all("--year", "2024", data=data_copy, out=tmp_path / "out")
    assert done.returncode == 2 and "bedomningar.csv" in done.stderr
    assert not (tmp_path / "out" / "index.html").exists()
    nothing = render_all("--reports", "monthly", data=EXAMPLE, out=tmp_path / "out")
    assert nothing.returncode == 1 and "--year" in nothing.stderr
