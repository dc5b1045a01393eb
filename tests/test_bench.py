"""The benchmark runs (`make bench`); here once, on tiny data, so that it cannot rot. It asserts
that every figure is measured and reported, never how fast anything is."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop


def test_bench_runs_on_tiny_data_and_reports_every_figure(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--tiny", "--json", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert set(figures) == {"naive", "single", "year1", "year2", "again", "large", "board", "pdf", "month", "dask",
                            "floor", "work"}
    assert all(f["median"] > 0 and (f["peak_mb"] > 0 or name in ("floor", "work")) for name, f in figures.items())
    assert len(figures["floor"]["seconds"]) == 3 and all(part > 0 for part in figures["floor"]["seconds"])
    assert len(figures["work"]["seconds"]) == figures["year2"]["reports"]  # every report's own work counted
    assert figures["year1"]["reports"] == figures["year2"]["reports"] >= 1
    assert figures["pdf"]["reports"] == figures["year2"]["reports"]  # a PDF step measured for every report
    assert figures["month"]["reports"] == figures["dask"]["reports"] == 3  # two boards' August, and the summary
    assert len(figures["month"]["workers_mb"]) == len(figures["dask"]["workers_mb"]) == 2
    assert all(mb > 0 for f in ("month", "dask") for mb in figures[f]["workers_mb"])
    for words in ("(2)/(1)", "--jobs 2", "(4)/(3)", "large municipality load and roll-up", "(6)/(2)", "PDF step",
                  "boards' month and the summary", "Dask cluster's throughput / local",
                  "least a report in a new kernel takes", "least the year takes with --jobs 2"):
        assert words in result.stdout


def test_large_municipality_rolls_up_every_board(tmp_path):
    large = ROOT / "benchmarks" / "large.py"
    subprocess.run([sys.executable, str(large), "write", str(tmp_path), "--boards", "3", "--units", "4",
                    "--ledger-rows", "5000"], check=True)
    result = subprocess.run([sys.executable, str(large), "load", str(tmp_path)], capture_output=True, text=True,
                            check=True)
    # 3 boards × 5 years × 12 months × 4 goal areas
    assert result.stdout.startswith("3 boards, 720 outcomes, ledger 5000 rows")
