"""The batch's parts without a kernel: which reports a year has, what a fingerprint covers (and
so which reports a change renders again), earlier versions, stale temporary files, the summary,
the schedule's guard and the deploy files."""

import hashlib
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, read_rows, write_rows
from styrkort.batch.plan import Request, parse_years, wanted_reports
from styrkort.batch.progress import BatchResult, Outcome, summary_table
from styrkort.cli.schedule import holidays, working_day
from styrkort.data.atomic import remove_stale_temporaries, write_atomic
from styrkort.data.errors import ReportError
from styrkort.data.loading import load_data
from styrkort.data.params import load_params
from styrkort.data.periods import parse_period
from styrkort.pipeline.fingerprint import SOURCE_KEY
from styrkort.pipeline.job import Output
from styrkort.pipeline.prepare import prepare
from styrkort.pipeline.versions import earlier_versions, keep_previous
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.kinds import MONTHLY, parse_kinds, reports_for_year


def keys(reports) -> list[tuple[str, str]]:
    return [(kind.name, p.key) for kind, p in reports]


def wanted(data, years=(), period=None, kinds=None) -> list[tuple[str, str]]:
    latest = period == "latest"
    request = Request(years=tuple(years), latest=latest, period=parse_period(period) if period and not latest else None,
                      kinds=parse_kinds(kinds))
    return keys(wanted_reports(data, request))


# --- which reports -------------------------------------------------------------------------------------

def test_the_example_years_reports():
    data = load_data(EXAMPLE)
    y2023, y2024 = keys(reports_for_year(data, 2023)), keys(reports_for_year(data, 2024))
    assert [p for k, p in y2023 if k == "monthly"] == ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05",
                                                       "2023-06..2023-07", "2023-08", "2023-09", "2023-10",
                                                       "2023-11", "2023-12"]
    # 2023 has no plan data, but its December closes the year
    assert [(k, p) for k, p in y2023 if k != "monthly"] == [("interim", "2023-T1"), ("interim", "2023-T2"),
                                                            ("annual-report", "2023")]
    assert len(y2024) == 15 and y2024[-4:] == [("interim", "2024-T1"), ("interim", "2024-T2"), ("plan", "2024"),
                                               ("annual-report", "2024")]
    assert wanted(data, [2024], kinds="interim,plan") == y2024[-4:-1]
    assert wanted(data, [2023, 2024], kinds="interim") == \
           [("interim", "2023-T1"), ("interim", "2023-T2"), ("interim", "2024-T1"), ("interim", "2024-T2")]
    assert wanted(data, [], "latest") == [("monthly", "2024-12")]
    assert wanted(data, [], "2024") == [("plan", "2024"), ("annual-report", "2024")]
    assert wanted(data, [], "2025") == [("plan", "2025")]  # no December yet
    assert wanted(data, [], "2024", kinds="annual-report") == [("annual-report", "2024")]
    assert wanted(data, [2023], "latest") == [("monthly", "2023-12")]
    assert wanted(data, [], "2024-T2") == [("interim", "2024-T2")]
    with pytest.raises(ReportError, match="--year"):
        wanted(data)
    with pytest.raises(ReportError, match="kända: monthly, interim, plan, annual-report"):
        parse_kinds("monthly,årsredovisning")
    with pytest.raises(ReportError, match="monthly"):
        wanted(data, [], "latest", kinds="plan")
    assert parse_years("2023, 2024") == (2023, 2024)
    with pytest.raises(ReportError, match="ÅÅÅÅ"):
        parse_years("24")


def test_t2_waits_for_august(data_copy):
    rows = [r for r in read_rows(data_copy, "bedomningar") if r["period"] != "2024-08"]
    write_rows(data_copy, "bedomningar", rows)
    kinds = [(k, p) for k, p in keys(reports_for_year(load_data(data_copy), 2024)) if k == "interim"]
    assert kinds == [("interim", "2024-T1")]


# --- what a fingerprint covers ----------------------------------------------------------------------------

def fingerprints(data_dir: Path, params_dir: Path | None = None, pdf: bool = False) -> dict[tuple[str, str], str]:
    ws = Workspace.resolve(data=data_dir, params=(params_dir / "styrkort.yaml") if params_dir else None,
                           out=Path("/tmp/x"))
    data, params = load_data(ws.data), load_params(ws.params)
    return {(k.name, p.key): prepare(k, p, data, params, ws, Output(pdf=pdf)).fingerprint
            for k, p in reports_for_year(data, 2024)}


def changed(before: dict, after: dict) -> set[str]:
    return {p for (k, p), f in after.items() if before[(k, p)] != f}


def test_a_text_changes_only_the_reports_that_show_it(data_copy):
    before = fingerprints(data_copy)
    assert fingerprints(data_copy) == before  # the same inputs, the same fingerprints
    (data_copy / "texter" / "2024-08" / "analys-2.md").write_text("Ny analys.\n", encoding="utf-8")
    assert changed(before, fingerprints(data_copy)) == {"2024-08"}  # T2 has texts of its own
    middle = fingerprints(data_copy)
    (data_copy / "texter" / "2024" / "vision.md").write_text("En ny vision.\n", encoding="utf-8")
    assert changed(middle, fingerprints(data_copy)) == {"2024"}


def test_an_interim_report_without_texts_of_its_own_reads_its_closing_months(data_copy):
    shutil.rmtree(data_copy / "texter" / "2024-T2")
    before = fingerprints(data_copy)
    (data_copy / "texter" / "2024-08" / "ekonomi.md").write_text("Rättad.\n", encoding="utf-8")
    assert changed(before, fingerprints(data_copy)) == {"2024-08", "2024-T2"}


def test_a_table_changes_every_report(data_copy):
    before = fingerprints(data_copy)
    rows = read_rows(data_copy, "bedomningar")
    row = next(r for r in rows if r["period"] == "2024-03")
    row["kommentar"] = (row["kommentar"] or "") + " (rättad)"
    write_rows(data_copy, "bedomningar", rows)
    assert changed(before, fingerprints(data_copy)) == {p for _, p in before}


def test_adjustments_change_the_reports_that_show_them(tmp_path):
    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)
    before = fingerprints(EXAMPLE, params)
    (params / "justeringar" / "asn" / "monthly-2024-03.yaml").write_text(
        "rapport: monthly\nperiod: 2024-03\nstatus:\n- {malomrade: 1, status: Grön, motivering: Bedömt, av: a, "
        "tid: '2024-04-02T09:00:00'}\n", encoding="utf-8")
    # March's status shows in every later monthly report's strip, and in the interim reports'.
    assert changed(before, fingerprints(EXAMPLE, params)) == {p for k, p in before if k != "plan"}


def example_job():
    ws = Workspace.resolve(data=EXAMPLE, out=Path("/tmp/x"))
    return prepare(MONTHLY, "2024-08", load_data(ws.data), load_params(ws.params), ws, Output(pdf=False))


def test_options_and_the_package_are_part_of_the_fingerprint():
    html_only, with_pdf = fingerprints(EXAMPLE), fingerprints(EXAMPLE, pdf=True)
    assert all(html_only[k] != with_pdf[k] for k in html_only)
    names = dict(example_job().inputs)
    assert {"styrkort:version", "styrkort:source", "notebook:monthly.ipynb", "params:styrkort.yaml",
            "adjustments:monthly-2024-08.yaml", "data:bedomningar.csv", "data:texter/2024-08/ekonomi.md",
            "library:typst", "report", "pdf"} <= set(names)
    assert names["adjustments:monthly-2024-08.yaml"] == "saknas"
    assert not any(n.startswith("data:texter/2024-07") or n.startswith("data:texter/2024-T2") for n in names)


def test_a_worker_with_other_code_refuses_the_job():
    """On a cluster, a worker with another version of the package would render with other code
    than the fingerprint names: it says so instead, without starting a kernel."""
    from dataclasses import replace

    from styrkort.pipeline.produce import produce

    job = example_job()
    other = replace(job, inputs=tuple((k, "0" * 64 if k == SOURCE_KEY else v) for k, v in job.inputs))
    produced = produce(other, session=None)
    assert not produced.ok and "annan version av styrkort" in produced.error


# --- earlier versions and temporary files ------------------------------------------------------------------

def test_the_previous_version_is_kept_with_its_time(tmp_path):
    folder = tmp_path / "2024-08"
    folder.mkdir()
    (folder / "r.html").write_text("<html>gammal</html>", encoding="utf-8")
    (folder / "r.pdf").write_bytes(b"%PDF-gammal")
    (folder / "r.json").write_text('{"title": "R", "period": "2024-08", "rendered_at": "2024-09-05T10:11:12+02:00"}',
                                   encoding="utf-8")
    kept = keep_previous(folder, "r")
    stamp = datetime.fromisoformat("2024-09-05T10:11:12+02:00").astimezone().strftime("%Y%m%d-%H%M%S")
    assert sorted(p.name for p in kept) == [f"r-{stamp}.html", f"r-{stamp}.json", f"r-{stamp}.pdf"]
    assert keep_previous(folder, "r") == []  # kept already: not twice
    write_atomic(folder / "r.html", "<html>ny</html>")  # the new version renamed over the old name
    assert (folder / "tidigare" / f"r-{stamp}.html").read_text(encoding="utf-8") == "<html>gammal</html>"
    (earlier,) = earlier_versions(tmp_path)
    assert earlier.title == "R" and earlier.html == f"2024-08/tidigare/r-{stamp}.html"
    assert earlier.pdf == f"2024-08/tidigare/r-{stamp}.pdf"
    # A second re-render of the same version's time gets a name of its own.
    (folder / "r.json").write_text('{"title": "R", "rendered_at": "2024-09-05T10:11:12+02:00"}', encoding="utf-8")
    assert [p.name for p in keep_previous(folder, "r") if p.suffix == ".html"] == [f"r-{stamp}-2.html"]


def test_stale_temporary_files_of_dead_writers_are_removed(tmp_path):
    dead = _dead_pid()
    mine = tmp_path / f".r.html.{os.getpid()}.abc.tmp"
    theirs = tmp_path / "2024-08" / f".r.pdf.{dead}.xyz.tmp"
    theirs.parent.mkdir()
    mine.write_text("x")
    theirs.write_text("x")
    assert remove_stale_temporaries(tmp_path) == [theirs]
    assert mine.exists() and not theirs.exists()


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


# --- what the command prints -----------------------------------------------------------------------------

def test_summary_table():
    result = BatchResult([Outcome("monthly", "2024-08", "Månadsrapport augusti 2024", "ok", 1.25, "ny"),
                          Outcome("interim", "2024-T2", "Delårsrapport 2 2024", "misslyckad", 2.0,
                                  "Cell 9 i interim.ipynb misslyckades: NameError: x\nDen körda …"),
                          Outcome("plan", "2024", "Nämnd- och förvaltningsplan 2024", "överhoppad", None)],
                         index=Path("/ut/index.html"), seconds=3.5, workers="2 arbetsprocesser")
    text = summary_table(result)
    lines = text.splitlines()
    assert lines[0].split()[:4] == ["Rapport", "Period", "Resultat", "Tid"]
    assert re.search(r"Månadsrapport augusti 2024\s+2024-08\s+ok\s+1,2 s\s+ny", text)
    assert "Cell 9 i interim.ipynb misslyckades: NameError: x" in text and "Den körda" not in text
    assert re.search(r"2024\s+överhoppad\s+–", text)
    assert "3 rapporter: 1 ok, 1 misslyckad, 1 överhoppad på 3,5 s (2 arbetsprocesser)." in text
    assert result.exit_code == 1
    assert BatchResult([], interrupted=2).exit_code == 130


# --- the schedule ---------------------------------------------------------------------------------------------

def test_working_days():
    assert working_day(date(2025, 1, 1)) == (False, "nyårsdagen")
    assert working_day(date(2025, 1, 2)) == (True, "")
    assert working_day(date(2024, 6, 1)) == (False, "helg")
    assert working_day(date(2024, 6, 6)) == (False, "Sveriges nationaldag")
    assert working_day(date(2024, 4, 1)) == (False, "annandag påsk")
    assert working_day(date(2027, 5, 6)) == (False, "Kristi himmelsfärdsdag")
    assert working_day(date(2024, 5, 2)) == (True, "")
    assert holidays(2024)[date(2024, 6, 21)] == "midsommarafton"


def test_deploy_files_render_the_latest_month_early_each_month(tmp_path):
    deploy = ROOT / "deploy"
    service = (deploy / "styrkort-monthly.service").read_text(encoding="utf-8")
    timer = (deploy / "styrkort-monthly.timer").read_text(encoding="utf-8")
    cron = (deploy / "styrkort.cron").read_text(encoding="utf-8")
    assert re.search(r"^ExecStart=\S+/styrkort render-all --period latest$", service, re.M)
    assert re.search(r"^ExecCondition=\S+ -m styrkort\.cli\.schedule$", service, re.M)
    assert re.search(r"^OnCalendar=Mon\.\.Fri \*-\*-01\.\.07 06:00$", timer, re.M)
    assert "Persistent=true" in timer and "KillMode=mixed" in service
    (line,) = [ln for ln in cron.splitlines() if ln.strip() and not ln.startswith("#")]
    fields = line.split(None, 5)
    assert fields[:5] == ["0", "6", "1-7", "*", "*"]
    assert "styrkort.cli.schedule" in fields[5] and "render-all --period latest" in fields[5] and ">>" in fields[5]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "styrkort-monthly.timer" in readme and "0 6 1-7 * *" in readme
    if shutil.which("systemd-analyze"):
        # With the installation's paths pointed at this checkout, systemd accepts both units.
        for name in ("styrkort-monthly.service", "styrkort-monthly.timer"):
            text = (deploy / name).read_text(encoding="utf-8").replace("/opt/styrkort", str(ROOT))
            (tmp_path / name).write_text(text, encoding="utf-8")
        check = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "styrkort-monthly.service"),
                                str(tmp_path / "styrkort-monthly.timer")], capture_output=True, text=True)
        if "Failed to" in check.stderr and "bus" in check.stderr.lower():
            pytest.skip("systemd-analyze cannot run here")
        assert check.returncode == 0, check.stderr


def test_an_unchanged_run_is_recognised_from_the_files_alone(tmp_path, data_copy):
    from styrkort.pipeline import unchanged

    params = tmp_path / "styrkort.yaml"
    shutil.copy(ROOT / "params" / "styrkort.yaml", params)
    out = tmp_path / "out"
    ws = Workspace.resolve(data=data_copy, params=params, out=out)
    request = unchanged.request_key(years=[2024], kinds=["plan"])

    def digest(req=request):
        return unchanged.inputs_digest(req, ws)

    folder = out / "2024"
    folder.mkdir(parents=True)
    (folder / "plan.html").write_text("<html></html>", encoding="utf-8")
    html_sha = hashlib.sha256(b"<html></html>").hexdigest()
    (folder / "plan.json").write_text(json.dumps({"fingerprint": "abc", "sha256": {"html": html_sha}}), encoding="utf-8")
    report = {"kind": "plan", "period": "2024", "title": "Plan", "folder": "2024", "stem": "plan",
              "fingerprint": "abc", "pdf": False}
    first = digest()
    unchanged.record_run(out, request, first, [report])
    assert unchanged.recorded_run(out, request, digest()) == [report]
    assert unchanged.recorded_run(out, unchanged.request_key(years=[2023], kinds=["plan"]), first) is None

    # Any input: a data file, a new adjustment file, the params.
    text = next((data_copy / "texter").rglob("*.md"))
    text.write_text(text.read_text(encoding="utf-8") + "\nÄndrad.\n", encoding="utf-8")
    assert digest() != first
    changed = digest()
    ws.adjustments.mkdir()
    (ws.adjustments / "plan-2024.yaml").write_text("rapport: plan\n", encoding="utf-8")
    assert digest() not in (first, changed)
    with_adjustment = digest()
    params.write_text(params.read_text(encoding="utf-8") + "\n# kommentar\n", encoding="utf-8")
    assert digest() not in (first, changed, with_adjustment)

    # A report that is no longer as the run left it: its sidecar changed, or a document is gone.
    unchanged.record_run(out, request, digest(), [report])
    assert unchanged.recorded_run(out, request, digest()) == [report]
    (folder / "plan.json").write_text(json.dumps({"fingerprint": "def", "sha256": {"html": html_sha}}),
                                      encoding="utf-8")
    assert unchanged.recorded_run(out, request, digest()) is None
    (folder / "plan.json").write_text(json.dumps({"fingerprint": "abc", "sha256": {"html": html_sha}}),
                                      encoding="utf-8")
    (folder / "plan.html").write_text("<html>ändrad för hand</html>", encoding="utf-8")
    assert unchanged.recorded_run(out, request, digest()) is None  # a document that is not the one rendered
    (folder / "plan.html").write_text("<html></html>", encoding="utf-8")
    assert unchanged.recorded_run(out, request, digest()) == [report]
    (folder / "plan.html").unlink()
    assert unchanged.recorded_run(out, request, digest()) is None
    (out / unchanged.RECORD_NAME).write_text("inte json", encoding="utf-8")
    assert unchanged.recorded_run(out, request, digest()) is None
