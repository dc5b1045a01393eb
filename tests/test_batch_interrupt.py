"""A run stopped half-way leaves no partial file and no kernel behind, and the next run finishes it.

The plan's notebook gets a slow last cell (a copy of the notebooks, in a project folder of the
test's own), so that it is still running when the first other report has been written and the
signal is sent: the run is stopped with work in flight, every time.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, left_behind, processes_of, project_with_last_cell

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

SLOW_SECONDS = 40


@pytest.fixture
def project(tmp_path) -> Path:
    return project_with_last_cell(tmp_path / "home", "annual_plan.ipynb", f"import time\ntime.sleep({SLOW_SECONDS})")


def start(home: Path, marker: str) -> subprocess.Popen:
    """render-all on the plan and the interim reports with two workers, as a scheduled run would
    start it; SIGINT is not ignored in it whatever the test runner's parent does with it."""
    return subprocess.Popen(
        [sys.executable, "-m", "styrkort", "render-all", "--year", "2024", "--reports", "plan,interim",
         "--jobs", "2", "--data", str(home / "data"), "--out", str(home / "out")],
        cwd=home, env={**os.environ, "STYRKORT_HOME": str(home), "STYRKORT_TEST_RUN": marker},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_first_report(proc: subprocess.Popen) -> list[str]:
    """Read the progress lines until an interim report has been written (the plan is sleeping)."""
    lines = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        if re.match(r"\[\d+/\d+\] ok Delårsrapport", line):
            return lines
    pytest.fail("no report was written:\n" + "".join(lines))


def assert_nothing_partial(out: Path) -> list[str]:
    """Every visible file is whole; return the periods with a whole report."""
    assert not [p for p in out.rglob("*.tmp") if not p.name.startswith(".")]
    whole = []
    for html in out.glob("*/*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>"), html
    for pdf in out.glob("*/*.pdf"):
        content = pdf.read_bytes()
        assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF"), pdf
    for sidecar in out.glob("*/*.json"):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        assert (sidecar.parent / meta["files"]["html"]).is_file() and (sidecar.parent / meta["files"]["pdf"]).is_file()
        whole.append(meta["period"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.rstrip().endswith("</html>")
    rows = BeautifulSoup(index, "html.parser").find("table").tbody.find_all("tr")
    assert len(rows) == len(whole)
    return sorted(whole)


def test_ctrl_c_stops_cleanly_and_writes_only_whole_reports(project):
    marker = uuid.uuid4().hex
    proc = start(project, marker)
    try:
        wait_for_first_report(proc)
        assert len(processes_of(marker)) >= 5  # the command, two workers, their two kernels
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stdout + stderr
    assert "avbruten" in stdout and "Körningen avbröts" in stdout
    assert re.search(r"Nämnd- och förvaltningsplan 2024\s+2024\s+avbruten", stdout)
    assert not left_behind(marker), "no worker or kernel outlives the run"
    out = project / "out"
    assert not list(out.rglob("*.tmp")), "an interrupted run removes its temporary files"
    whole = assert_nothing_partial(out)
    assert whole and "2024" not in whole


def test_killed_run_leaves_no_partial_file_and_the_next_run_finishes_it(project):
    marker = uuid.uuid4().hex
    proc = start(project, marker)
    try:
        wait_for_first_report(proc)
        proc.send_signal(signal.SIGKILL)  # as a power cut would, for the command's process
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not left_behind(marker), "the workers notice their command is gone and stop their kernels"
    out = project / "out"
    whole = assert_nothing_partial(out)
    assert whole and "2024" not in whole

    # A temporary file a killed writer left is removed by the next run, which renders only what
    # the killed one did not finish.
    (out / "2024-T1").mkdir(exist_ok=True)
    leftover = out / "2024-T1" / ".delarsrapport-T1-2024.html.999999999.abc123.tmp"
    leftover.write_text("<html><body>halv", encoding="utf-8")
    # (With the project's own notebooks: the interim notebook is the same, so what was written is
    # skipped; the plan's differs from the slowed copy, and it was not written anyway.)
    again = subprocess.run(
        [sys.executable, "-m", "styrkort", "render-all", "--year", "2024", "--reports", "plan,interim",
         "--jobs", "2", "--data", str(project / "data"), "--out", str(out)],
        cwd=ROOT, env={**os.environ, "STYRKORT_HOME": str(ROOT)}, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not list(out.rglob("*.tmp"))
    for period in whole:
        assert re.search(rf"\s{re.escape(period)}\s+överhoppad", again.stdout), again.stdout
    assert re.search(r"\s2024\s+ok", again.stdout)
    assert assert_nothing_partial(out) == ["2024", "2024-T1", "2024-T2"]
