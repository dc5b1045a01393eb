"""A single render starts its kernel ahead, before it has read the data (styrkort.pipeline.kernel):
that kernel never outlives the command, whether the command fails on bad input, renders, or is
killed while the kernel still imports or while it runs a cell."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from conftest import EXAMPLE, ROOT, left_behind, project_with_last_cell

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop


@pytest.fixture
def project(tmp_path) -> Path:
    """The monthly notebook's last cell says it has started (a file), then sleeps."""
    return project_with_last_cell(tmp_path / "home", "monthly.ipynb", "import pathlib, time\n"
                                  f"pathlib.Path({str(tmp_path / 'running')!r}).touch()\ntime.sleep(60)")


def render(home: Path, marker: str, period: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "styrkort", "render", "monthly", "--period", period, "--data",
                             str(home / "data"), "--out", str(home / "out")],
                            cwd=home, env={**os.environ, "STYRKORT_HOME": str(home), "STYRKORT_TEST_RUN": marker},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_bad_input_stops_the_kernel_started_ahead(project):
    marker = uuid.uuid4().hex
    proc = render(project, marker, "2031-01")
    proc.wait(timeout=120)
    assert not left_behind(marker, within=0), "stopped before the command exits, not left to finish its imports"
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode != 0 and "2031-01" in stderr
    assert not (project / "out" / "2031-01").exists()


def test_a_render_stops_its_kernel_before_it_exits(tmp_path):
    marker = uuid.uuid4().hex
    done = subprocess.run([sys.executable, "-m", "styrkort", "render", "monthly", "--period", "2024-08",
                           "--data", str(EXAMPLE), "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "STYRKORT_TEST_RUN": marker})
    assert done.returncode == 0, done.stderr
    assert not left_behind(marker, within=0)
    assert (tmp_path / "out" / "2024-08" / "manadsrapport-augusti-2024.pdf").is_file()


@pytest.mark.parametrize("when", ["while the kernel imports", "while a cell runs"])
def test_a_killed_render_leaves_no_kernel(project, tmp_path, when):
    marker = uuid.uuid4().hex
    proc = render(project, marker, "2024-08")
    try:
        if when == "while a cell runs":
            deadline = time.monotonic() + 120
            while not (tmp_path / "running").exists():
                assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
                time.sleep(0.1)
        else:
            time.sleep(0.5)
            kernels = [c for c in psutil.Process(proc.pid).children(recursive=True)
                       if "styrkort.pipeline.kernel" in " ".join(c.cmdline())]
            assert kernels, "the kernel starts ahead"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not left_behind(marker), "the kernel notices its command is gone"
    assert not list((project / "out").glob("2024-08/*.html"))
