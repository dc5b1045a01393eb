"""`render-all --scheduler` on a real Dask cluster, started from the command line as on real machines
(`dask scheduler`, two `dask worker` processes of one thread each): the reports equal a local run's
apart from the time of rendering; a worker killed mid-run costs nothing (the scheduler gives its
reports to the other); a scheduler that does not answer is said so in Swedish, without a traceback.
Every process the tests start (scheduler, workers, their kernels) is killed when a test ends."""

import json
import shutil
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import MUNICIPALITY, ROOT, copy_until_august
from test_batch import YEAR_2024, summary
from test_batch_warm import without_times

pytestmark = pytest.mark.slow  # deselect with -m 'not slow' for a quick loop

distributed = pytest.importorskip("distributed")

BIN = Path(sys.executable).parent
ENV = {**os.environ, "STYRKORT_HOME": str(ROOT)}


def free_port() -> int:
    """A port nothing listens on (bound, read and closed again)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def command(*args: str, data: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "styrkort", "render-all", "--year", "2024", "--no-pdf", *args,
            "--data", str(data), "--out", str(out)]


# --- the processes a test starts, and all they start ----------------------------------------------

def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent, state, start time) of a process, None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), fields[0], fields[19]


def process_tree(roots: list[int]) -> dict[int, str]:
    """The processes under ``roots`` (the roots too), each with its start time: kernels run in a
    session of their own, so killing a worker's process group does not reach them."""
    parents: dict[int, list[int]] = {}
    started: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents.setdefault(stat[0], []).append(int(entry.name))
            started[int(entry.name)] = stat[2]
    tree, todo = {}, [pid for pid in roots if pid in started]
    while todo:
        pid = todo.pop()
        tree[pid] = started[pid]
        todo.extend(parents.get(pid, []))
    return tree


def _alive(pid: int, started: str) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[2] == started and stat[1] != "Z"  # the same process, not a zombie


def kill_tree(tree: dict[int, str]) -> None:
    """SIGKILL each process of ``tree`` still alive (and not another that reuses its number), with
    its process group when it leads one."""
    for pid, started in tree.items():
        if not _alive(pid, started):
            continue
        try:
            if os.getpgid(pid) == pid and pid != os.getpgrp():
                os.killpg(pid, signal.SIGKILL)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kernel_files(tree: dict[int, str]) -> list[Path]:
    """The connection files of the kernels in ``tree`` (``ipykernel_launcher -f FILE``)."""
    files = []
    for pid in tree:
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if "ipykernel_launcher" in args and "-f" in args:
            files.append(Path(args[args.index("-f") + 1]))
    return files


def remove_kernel_files(files: list[Path]) -> None:
    """What a killed kernel leaves in the temporary folder: its connection file and IPC sockets."""
    for file in files:
        try:
            info = json.loads(file.read_text())
        except (OSError, ValueError):
            continue
        if info.get("transport") == "ipc":
            for key, port in info.items():
                if key.endswith("_port"):
                    Path(f"{info['ip']}-{port}").unlink(missing_ok=True)
        file.unlink(missing_ok=True)


class Cluster:
    """``dask scheduler`` and ``workers`` × ``dask worker``, each in its own process group."""

    def __init__(self, logs: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.logs = logs
        self.processes: dict[str, subprocess.Popen] = {}
        self.killed: dict[int, str] = {}  # the processes of a worker killed on purpose
        self.kernel_files: list[Path] = []  # and its kernel's files
        try:
            self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard")
            for i in range(workers):
                self._start(f"worker-{i}", "worker", self.address, "--nworkers", "1", "--nthreads", "1",
                            "--no-dashboard")
            with distributed.Client(self.address, timeout="60s") as client:
                client.wait_for_workers(workers, timeout=120)
        except BaseException:
            self.close()
            raise

    def _start(self, name: str, *args: str) -> None:
        # Started from another folder than the project's: the workers need nothing but the jobs'
        # absolute paths.
        with open(self.logs / f"{name}.log", "w") as log:
            self.processes[name] = subprocess.Popen([str(BIN / "dask"), *args], stdout=log, stderr=subprocess.STDOUT,
                                                    cwd=self.logs, env=os.environ.copy(), start_new_session=True)

    def kill_worker(self, worker_pid: int) -> str:
        """SIGKILL the `dask worker` (its nanny, the worker process, their helpers, the kernel)
        that runs the Dask worker process ``worker_pid``, as when its machine goes down."""
        group = os.getpgid(worker_pid)
        name = next(n for n, p in self.processes.items() if p.pid == group and n.startswith("worker"))
        self.killed = process_tree([group])
        self.kernel_files = kernel_files(self.killed)
        kill_tree(self.killed)
        self.processes[name].wait(timeout=10)
        return name

    def close(self) -> None:
        """SIGTERM to every group (the workers shut their kernels down), then SIGKILL to whatever is
        left of them and of the processes they started; fail if anything outlives that."""
        tree = {**self.killed, **process_tree([p.pid for p in self.processes.values()])}
        files = self.kernel_files + kernel_files(tree)
        for p in self.processes.values():
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 15
        for p in self.processes.values():
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for _ in range(50):
            kill_tree(tree)
            for p in self.processes.values():
                if p.poll() is None:
                    p.kill()
                p.wait(timeout=10)
            left = {pid: s for pid, s in tree.items() if _alive(pid, s)}
            if not left:
                remove_kernel_files(files)
                return
            time.sleep(0.1)
        raise AssertionError(f"processes outlived the cluster: {sorted(left)}")

    def log(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.logs.glob("*.log")))


@pytest.fixture
def start_cluster(tmp_path):
    """Start a cluster (as many as a test asks for); all of it is killed when the test ends."""
    clusters: list[Cluster] = []

    def start(workers: int = 2) -> Cluster:
        logs = tmp_path / f"cluster-{len(clusters)}"
        logs.mkdir()
        cluster = Cluster(logs, workers)  # a cluster that fails to start kills what it started
        clusters.append(cluster)
        return cluster

    try:
        yield start
    finally:
        for cluster in clusters:
            cluster.close()


# --- the tests --------------------------------------------------------------------------------------

def reports(out: Path) -> dict[str, str]:
    """Each report's HTML (``[<board>/]<period>/<stem>.html``; earlier versions and the indexes aside)."""
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))
            if p.name != "index.html" and "tidigare" not in p.parts}


def all_ok(stdout: str) -> int:
    """How many reports the run rendered, when every one is ok."""
    m = re.search(r"^(\d+) rapporter: (\d+) ok på", stdout, re.M)
    assert m and m.group(1) == m.group(2), stdout
    return int(m.group(1))


def test_a_real_cluster_renders_the_municipalitys_year_as_local_workers_do(tmp_path, start_cluster):
    """The example municipality's 2024: every board's reports and the summaries of every board."""
    cluster = start_cluster()
    data = tmp_path / "kommun"
    shutil.copytree(MUNICIPALITY, data)
    on_dask = subprocess.run(command("--scheduler", cluster.address, data=data, out=tmp_path / "dask"),
                             capture_output=True, text=True, check=False, timeout=600, cwd=ROOT, env=ENV)
    assert on_dask.returncode == 0, on_dask.stdout + on_dask.stderr + cluster.log()
    rendered = all_ok(on_dask.stdout)
    assert f"(Dask-klustret {cluster.address})" in on_dask.stdout

    local = subprocess.run(command("--jobs", "2", data=data, out=tmp_path / "local"),
                           capture_output=True, text=True, check=False, timeout=600, cwd=ROOT, env=ENV)
    assert local.returncode == 0, local.stdout + local.stderr
    assert all_ok(local.stdout) == rendered

    here, there = reports(tmp_path / "local"), reports(tmp_path / "dask")
    assert len(here) == rendered and set(here) == set(there)
    assert {name.split("/")[0] for name in here} >= {"asn", "bun", "kfn", "2024-T2"}  # the boards and a summary
    for name in here:
        assert without_times(here[name]) == without_times(there[name]), name


def test_a_worker_killed_mid_run_costs_no_report(tmp_path, start_cluster):
    cluster = start_cluster()
    data = copy_until_august(tmp_path / "data")
    out = tmp_path / "out"
    with distributed.Client(cluster.address, timeout="30s") as watch:
        run = subprocess.Popen(command("--scheduler", cluster.address, data=data, out=out),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
        progress: list[str] = []
        printed: list[str] = []
        first = threading.Event()

        def read_progress():
            for line in run.stderr:
                progress.append(line)
                if re.match(r"\[\d+/\d+\] ", line):
                    first.set()
            first.set()  # the run ended without any report

        readers = [threading.Thread(target=read_progress, daemon=True),
                   threading.Thread(target=lambda: printed.extend(run.stdout), daemon=True)]
        for reader in readers:
            reader.start()
        try:
            assert first.wait(timeout=180), "no report within three minutes"
            # A worker with a report in hand right now.
            busy = None
            deadline = time.monotonic() + 30
            while busy is None and run.poll() is None and time.monotonic() < deadline:
                busy = next((w for w, keys in watch.processing().items()
                             if any(str(k).startswith("styrkort-") for k in keys)), None)
                if busy is None:
                    time.sleep(0.02)
            assert busy is not None, "no worker busy: the run ended before one could be killed\n" + "".join(progress)
            victim_pid = watch.run(os.getpid, workers=[busy])[busy]  # the Dask worker process
            written_before = sum(1 for line in progress if re.match(r"\[\d+/\d+\] ", line))
            cluster.kill_worker(victim_pid)
            code = run.wait(timeout=300)
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
        for reader in readers:
            reader.join(timeout=10)
        stdout, stderr = "".join(printed), "".join(progress)

    assert code == 0, stdout + stderr + cluster.log()
    assert summary(stdout) == {p: "ok" for p in YEAR_2024}, stdout + stderr
    assert written_before < len(YEAR_2024)
    # Every report after the kill is the survivor's (one result on its way to the command when the
    # worker died aside).
    workers = [json.loads(p.read_text(encoding="utf-8"))["worker"] for p in out.glob("*/*.json")]
    killed = sum(1 for w in workers if w.endswith(f":{victim_pid}"))
    assert len(workers) == len(YEAR_2024)
    assert len(workers) - killed >= len(YEAR_2024) - written_before - 1, (written_before, workers)
    assert "Traceback" not in stdout + stderr


def test_a_scheduler_that_does_not_answer_is_said_so_in_swedish(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    data = copy_until_august(tmp_path / "data")
    started = time.monotonic()
    done = subprocess.run(command("--scheduler", address, data=data, out=tmp_path / "out"),
                          capture_output=True, text=True, check=False, timeout=120, cwd=ROOT, env=ENV)
    seconds = time.monotonic() - started
    said = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"Dask-klustret {address} svarar inte" in said, said
    assert "Traceback" not in said and "Timed out" not in said, said
    assert seconds < 40, seconds
