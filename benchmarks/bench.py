"""`make bench`: what a report costs, against the naive pipeline, and how far the data can grow.

Measured side by side in one run, each figure the median of several whole-process runs (after
one warm-up run that fills the file cache), with min, max and peak memory:

1. naive: the papermill CLI, `jupyter nbconvert --to html --no-input`, and the HTML printed to PDF
   by headless Chromium (Debian's `chromium`, which the tests use too);
2. `styrkort render monthly` producing the same HTML and PDF;
3. the example year through `styrkort render-all --jobs 1` and `--jobs 2`, per report;
4. the same year again with nothing changed;
5. a synthetic large municipality (boards × units × five years, a 10-million-row ledger)
   loaded and rolled up to the tables the reports use, in a process of its own;
6. `styrkort render monthly` for one of its boards (30 units, five years of history);
7. the PDF step per report of (3) with --jobs 2, from the sidecars' per-stage seconds;
8. one month of (5)'s 40 boards and the municipality's summary of them, `render-all --jobs 2`, with the
   peak memory of the command and of each worker (its process and its kernel);
9. the same on a Dask cluster of a scheduler and two workers started as on real machines
   (`dask scheduler`, `dask worker`), as a share of (8)'s throughput;
10. the least a report in a new kernel can take, whatever the pipeline around it: a kernel
    started and answering, the modules a report imports imported in it, and a monthly report's
    cells, HTML and PDF as a warm worker of (3) does them (its sidecar's seconds); and the least
    the year of (3) can take on two cores: every report's own work (the sidecars' seconds) shared
    by two, after one kernel's start and imports.

    python benchmarks/bench.py                # full size, three runs a figure, about 7 minutes on 2 cores
    python benchmarks/bench.py --tiny         # everything once on tiny data: the CI smoke test
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TIME = shutil.which("time", path="/usr/bin") or "/usr/bin/time"
YEAR = "2024"
MONTH = "2024-08"


@dataclass
class Figure:
    name: str
    seconds: list[float]
    peak_mb: float
    reports: int = 1
    per_report: bool = True  # False: the seconds are each a report's already
    workers_mb: tuple[float, ...] = ()  # peak memory of each worker, its kernel included

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def row(self) -> str:
        per = f"{self.median / self.reports:7.2f}" if self.reports > 1 and self.per_report else " " * 7
        return (f"{self.name:<44} {self.median:8.2f} {min(self.seconds):8.2f} {max(self.seconds):8.2f} {per} "
                f"{self.peak_mb:8.0f}")


def timed(commands: list[list[str]], env: dict | None = None) -> tuple[float, float]:
    """Run commands one after the other; wall seconds for all, peak RSS (MB) of the largest."""
    peak = 0.0
    start = time.perf_counter()
    for cmd in commands:
        with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
            proc = subprocess.run([TIME, "-f", "%M", "-o", out.name, *cmd], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-3000:]}")
            peak = max(peak, int(out.read().strip().splitlines()[-1]) / 1024)
    return time.perf_counter() - start, peak


def measure(name: str, commands, runs: int, reports: int = 1, setup=None, warmup: bool = True,
            count=None) -> Figure:
    """The median of ``runs`` runs after one warm-up; ``count()`` (after the runs) says how many
    reports one run rendered."""
    if warmup:
        if setup:
            setup()
        timed(commands)
    seconds, peak = [], 0.0
    for _ in range(runs):
        if setup:
            setup()
        s, p = timed(commands)
        seconds.append(s)
        peak = max(peak, p)
    fig = Figure(name, seconds, peak, count() if count else reports)
    print(fig.row(), flush=True)
    return fig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tiny", action="store_true", help="everything once on tiny data (smoke test)")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure (default 3, tiny 1)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    runs = args.runs or (1 if args.tiny else 3)
    work = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    try:
        figures = run(work, runs, args.tiny)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    naive, single = figures["naive"], figures["single"]
    year1, year2, again = figures["year1"], figures["year2"], figures["again"]
    print()
    print(f"(2)/(1)            single render / naive pipeline:        {single.median / naive.median:5.2f}  (target ≤ 0,30)")
    print(f"(3) per report / (1), --jobs 1:                            {year1.median / year1.reports / naive.median:5.2f}")
    print(f"(3) per report / (1), --jobs 2:                            {year2.median / year2.reports / naive.median:5.2f}  (target ≤ 0,06)")
    print(f"(4)/(3)            unchanged year / year with --jobs 2:    {again.median / year2.median:5.2f}  "
          f"((4) = {again.median:.2f} s, target ≤ 1 s)")
    large = figures["large"]
    print(f"(5)                large municipality load and roll-up:    {large.median:5.2f} s, {large.peak_mb:.0f} MB  "
          "(target ≤ 5 s, ≤ 2 048 MB)")
    pdf = figures["pdf"]
    print(f"(7)                PDF step per report, median:           {pdf.median:5.2f} s over {len(pdf.seconds)} "
          "reports  (target ≤ 0,2 s)")
    board = figures["board"]
    print(f"(6)/(2)            one large board's report / example's:   {board.median / single.median:5.2f}  "
          "(target: as fast)")
    month, on_dask = figures["month"], figures["dask"]
    print(f"(8)                {month.reports - 1} boards' month and the summary: {month.median:5.2f} s, "
          f"{month.median / month.reports:.2f} s a report; peak {month.peak_mb:.0f} MB the command, "
          f"{', '.join(f'{w:.0f}' for w in month.workers_mb)} MB the workers")
    print(f"(9)/(8)            Dask cluster's throughput / local:      {month.median / on_dask.median:5.2f}  "
          f"(target ≥ 0,9; peak {', '.join(f'{w:.0f}' for w in on_dask.workers_mb)} MB the workers)")
    floor = figures["floor"]
    print(f"(10)               least a report in a new kernel takes:    {floor.median:5.2f} s  (kernel "
          f"{floor.seconds[0]:.2f} + imports {floor.seconds[1]:.2f} + cells, HTML and PDF {floor.seconds[2]:.2f}; "
          f"0,30 × (1) = {0.30 * naive.median:.2f} s)")
    work = sum(figures["work"].seconds)
    print(f"(10)               least the year takes with --jobs 2:      {work / 2 + floor.seconds[0] + floor.seconds[1]:5.2f} s  "
          f"(its reports' own work {work:.2f} s shared by two cores, after a kernel's start and imports; "
          f"0,06 × (1) × {year2.reports} = {0.06 * naive.median * year2.reports:.2f} s)")
    if args.json:
        args.json.write_text(json.dumps({k: {"median": f.median, "min": min(f.seconds), "max": max(f.seconds),
                                              "seconds": f.seconds,
                                              "peak_mb": f.peak_mb, "reports": f.reports,
                                              "workers_mb": list(f.workers_mb)}
                                          for k, f in figures.items()}, indent=2))
    return 0


def run(work: Path, runs: int, tiny: bool) -> dict[str, Figure]:
    warm = not tiny
    data, params = ROOT / "data" / "example" / "asn", ROOT / "params" / "styrkort.yaml"
    nb = ROOT / "notebooks" / "monthly.ipynb"
    print(f"{'':<44} {'median':>8} {'min':>8} {'max':>8} {'/report':>7} {'peak MB':>8}")
    executed, html = work / "naive.ipynb", work / "naive.html"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("The naive pipeline prints its PDF with Chromium: install Debian's chromium (.ci/run does).")
    naive = measure("(1) naive: papermill, nbconvert, Chromium", [
        [str(BIN / "papermill"), str(nb), str(executed), "-p", "period", MONTH, "-p", "data_dir", str(data),
         "-p", "params_file", str(params), "-p", "adjustments_dir", str(work / "justeringar"),
         "-p", "interactive", "False", "--cwd", str(nb.parent), "--no-progress-bar"],
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed), "--output", str(html)],
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={work / 'naive.pdf'}", html.as_uri()],
    ], runs, warmup=warm)
    single = measure("(2) styrkort render monthly (HTML + PDF)", [
        [str(BIN / "styrkort"), "render", "monthly", "--period", MONTH, "--out", str(work / "single")]], runs,
        warmup=warm)
    reports = ["--reports", "plan"] if tiny else []
    out = work / "year"

    def fresh():
        shutil.rmtree(out, ignore_errors=True)

    figures = {"naive": naive, "single": single}
    for jobs in (1, 2):
        cmd = [str(BIN / "styrkort"), "render-all", "--year", YEAR, "--jobs", str(jobs), "--out", str(out), *reports]
        # No warm-up run: the figures before have filled the file cache, and a year is long.
        figures[f"year{jobs}"] = measure(f"(3) render-all --year {YEAR} --jobs {jobs}", [cmd], runs, setup=fresh,
                                         warmup=False, count=lambda: _count_reports(out))
    pdf_seconds = _stage_seconds(out, "pdf")
    monthly_seconds = _stage_seconds(out, "totalt", "manadsrapport-") or _stage_seconds(out, "totalt")  # tiny: the plan
    figures["work"] = _Sum("(3) the reports' own work, --jobs 2", _stage_seconds(out, "totalt"), 0.0)
    figures["again"] = measure("(4) the same year again, nothing changed", [cmd], runs, figures["year2"].reports,
                               warmup=False)
    size = ["--boards", "2", "--units", "3", "--ledger-rows", "20000"] if tiny else []
    root = work / "large"
    subprocess.run([sys.executable, str(Path(__file__).with_name("large.py")), "write", str(root), *size], check=True)
    figures["large"] = measure("(5) large municipality: load and roll up",
                               [[sys.executable, str(Path(__file__).with_name("large.py")), "load", str(root)]], runs,
                               warmup=warm)
    figures["board"] = measure("(6) render monthly, one board of (5)", [
        [str(BIN / "styrkort"), "render", "monthly", "--period", MONTH, "--data", str(root / "namnd-01"),
         "--out", str(work / "board")]], runs, warmup=warm)
    figures["pdf"] = Figure("(7) PDF step per report, --jobs 2", pdf_seconds, figures["year2"].peak_mb,
                            len(pdf_seconds), per_report=False)
    print(figures["pdf"].row(), flush=True)
    figures["floor"] = kernel_floor(runs, statistics.median(monthly_seconds))
    month = [str(BIN / "styrkort"), "render-all", "--data", str(root), "--period", MONTH, "--out", str(work / "month")]
    fresh_month = lambda: shutil.rmtree(work / "month", ignore_errors=True)  # noqa: E731
    figures["month"] = measure_sampled("(8) one month, 40 boards + summary, --jobs 2", [*month, "--jobs", "2"],
                                       runs, fresh_month, lambda: _count_reports(work / "month"))
    with DaskCluster(work / "dask-logs") as cluster:
        figures["dask"] = measure_sampled("(9) the same on a 2-worker Dask cluster",
                                          [*month, "--scheduler", cluster.address], runs, fresh_month,
                                          lambda: _count_reports(work / "month"), cluster)
    return figures


def measure_sampled(name: str, cmd: list[str], runs: int, setup, count, cluster: "DaskCluster | None" = None) -> Figure:
    """Like :func:`measure` without the warm-up, sampling the memory of every process of the run: the
    command's and each worker's (local workers are the fork server's children; a cluster's are its
    ``dask worker`` processes), each with its kernel."""
    seconds, peak, workers = [], 0.0, []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        roots = [proc.pid, *(cluster.pids if cluster else ())]
        samples: dict[int, tuple[int, int, str]] = {}  # pid → (parent, peak RSS kB, command line)
        while proc.poll() is None:
            _sample(roots, samples)
            time.sleep(0.2)
        seconds.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read()[-3000:]}")
        peak = max(peak, samples.get(proc.pid, (0, 0, ""))[1] / 1024)
        workers.append(_worker_peaks(samples, cluster.pids if cluster else None))
    fig = Figure(name, seconds, peak, count(), workers_mb=tuple(max(w) for w in zip(*workers)) if workers else ())
    print(fig.row(), flush=True)
    return fig


def _sample(roots: list[int], samples: dict[int, tuple[int, int, str]]) -> None:
    """Every process under ``roots`` now: its parent, the highest RSS seen, its command line."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    todo = list(roots)
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            status = (Path("/proc") / str(pid) / "status").read_text()
            cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        parent = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("PPid:")), 0)
        samples[pid] = (parent, max(rss, samples.get(pid, (0, 0, ""))[1]), cmdline)


def _worker_peaks(samples: dict[int, tuple[int, int, str]], cluster_pids: list[int] | None) -> list[float]:
    """Each worker's peak MB, its kernels included: a cluster's ``dask worker`` trees, or the local
    workers (the fork server's children)."""
    if cluster_pids is None:
        server = [pid for pid, (_, _, cmd) in samples.items() if "forkserver" in cmd and samples.get(
            samples[pid][0], (0, 0, ""))[2].find("forkserver") < 0]
        cluster_pids = [pid for pid, (parent, _, _) in samples.items() if parent in server]

    def tree(pid: int) -> float:
        return samples.get(pid, (0, 0, ""))[1] + sum(tree(c) for c, (p, _, _) in samples.items() if p == pid)

    return [tree(pid) / 1024 for pid in cluster_pids]


class DaskCluster:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, as on real machines."""

    def __init__(self, logs: Path, workers: int = 2) -> None:
        import socket

        logs.mkdir(parents=True, exist_ok=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        self.procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                        "--no-dashboard"], stdout=subprocess.DEVNULL,
                                       stderr=open(logs / "scheduler.log", "w"), start_new_session=True)]
        for i in range(workers):
            self.procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", self.address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                stdout=subprocess.DEVNULL, stderr=open(logs / f"worker-{i}.log", "w"), start_new_session=True))
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=120)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs[1:]]

    def __enter__(self) -> "DaskCluster":
        return self

    def __exit__(self, *exc) -> None:
        import os
        import signal

        for p in reversed(self.procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


#: A new kernel, timed in a process of its own: started and answering; then with the modules every
#: report imports (a warm session's start imports them, :data:`styrkort.pipeline.session.PREWARM`).
_KERNEL_START = """\
import sys, time
from styrkort.pipeline.session import KernelSession, import_kernel_modules
import_kernel_modules()  # the command's own imports, not the kernel's
session = KernelSession(warm=sys.argv[1] == "warm")
start = time.perf_counter()
session.start()
print(time.perf_counter() - start)
session.close()
"""


def kernel_floor(runs: int, report_seconds: float) -> Figure:
    """Figure (10): a kernel's start, its imports and a report's own work, each the median of its
    runs; the figure's seconds are the three parts, its median their sum."""
    def started(kind: str) -> float:
        times = [float(subprocess.run([sys.executable, "-c", _KERNEL_START, kind], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout) for _ in range(runs + 1)]
        return statistics.median(times[1:])  # the first fills the file cache

    ready = started("cold")
    fig = _Sum("(10) least a report in a new kernel takes", [ready, started("warm") - ready, report_seconds], 0.0)
    print(f"{fig.name:<44} {fig.median:8.2f}", flush=True)
    return fig


class _Sum(Figure):
    """A figure whose seconds are the parts of one whole."""

    @property
    def median(self) -> float:
        return sum(self.seconds)


def _stage_seconds(out: Path, stage: str, prefix: str = "") -> list[float]:
    """A stage's seconds in the sidecar of every report under ``out`` (whose file name starts with
    ``prefix``)."""
    found = []
    for sidecar in out.rglob(f"{prefix}*.json"):
        if "tidigare" in sidecar.parts:
            continue
        seconds = json.loads(sidecar.read_text(encoding="utf-8")).get("seconds", {})
        if stage in seconds:
            found.append(seconds[stage])
    return found


def _count_reports(out: Path) -> int:
    """Reports rendered into ``out``: every HTML but the index and earlier versions."""
    return sum(1 for p in out.rglob("*.html") if p.name != "index.html" and "tidigare" not in p.parts)


if __name__ == "__main__":
    sys.exit(main())
