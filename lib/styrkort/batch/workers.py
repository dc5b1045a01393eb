"""Where a batch's reports are produced: local worker processes, or the workers of a Dask cluster.

Each worker keeps one warm kernel session (:mod:`styrkort.pipeline.session`), one HTML exporter and
one Typst compiler for its whole life, so a report pays for its own cells, export and layout only. A
worker gets a job (:class:`styrkort.pipeline.job.Job`), runs :func:`styrkort.pipeline.produce.produce` and
sends back what it made; the command's process writes it. Both backends yield the same events:
``("started", key, worker)`` (local workers only) and ``("done", key, Produced)``.

Local workers are forked from a fork server (``forkserver``: a fresh single-threaded process
that has imported what workers use, :mod:`styrkort.batch.worker_imports`, while the command planned;
no fork of a process with threads). They ignore Ctrl-C (the command decides), stop their kernel
and exit on SIGTERM, and do the same when the command's process disappears (SIGKILL, a closed
terminal; the fork server exits with it): no kernel outlives a run.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import signal
import threading
import time
from typing import Iterator

from styrkort.pipeline.job import Job, Produced

_STOP_GRACE_S = 5


# --- in a worker ------------------------------------------------------------------------------------

def warm_up(session) -> None:
    """Start the kernel while this process imports and sets up what a report's export and layout
    use, so the first report is as fast as the next."""
    from styrkort.pipeline.fingerprint import package_digest

    package_digest()  # the code this process runs, before the kernel imports it (see produce.produce)
    starter = threading.Thread(target=_start_quietly, args=(session,), daemon=True)
    starter.start()
    from styrkort.pipeline.produce import warm_renderer

    warm_renderer()
    starter.join()


def _start_quietly(session) -> None:
    try:
        session.start()
    except Exception:
        pass  # produce() tries again and reports the error with the report


def worker_main(index: int, tasks, events) -> None:
    """A local worker process: warm up, then produce jobs until it gets None."""
    from styrkort.pipeline.session import KernelSession, skip_slow_optional_imports

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    skip_slow_optional_imports()
    session = KernelSession(warm=True)

    def stop(signum, _frame):
        session.kill()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=_watch_parent, args=(session,), daemon=True).start()
    warm_up(session)
    events.put(("ready", index, session.kernel_pid))
    from styrkort.pipeline.produce import produce

    while True:
        job = tasks.get()
        if job is None:
            break
        events.put(("started", index, job.key))
        produced = produce(job, session)
        events.put(("done", index, produced, session.kernel_pid))
    session.close()


def _watch_parent(session) -> None:
    """The command's process is gone (killed): stop the kernel and exit rather than work on.

    Its sentinel is a pipe the command holds open for as long as it lives (multiprocessing's
    parent sentinel); the fork server cannot tell, as it lives on while its children do."""
    from multiprocessing import parent_process
    from multiprocessing.connection import wait

    parent = parent_process()
    if parent is None:
        return
    wait([parent.sentinel])
    session.kill()
    os._exit(1)


# --- in the command's process: local workers ----------------------------------------------------

def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["styrkort.batch.worker_imports"])
    return ctx


def start_fork_server() -> None:
    """Start the fork server now, so that it imports what workers use while the command plans
    (on the core the planning leaves idle). Nothing else starts until workers are asked for."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


class LocalWorkers:
    """``n`` worker processes on this machine taking jobs from one queue, each warm for its life."""

    def __init__(self, jobs: list[Job], n: int) -> None:
        ctx = _context()
        self.jobs = {job.key: job for job in jobs}
        self.tasks = ctx.Queue()
        self.events = ctx.Queue()
        for job in jobs:
            self.tasks.put(job)
        self.n = max(1, min(n, len(jobs)))
        for _ in range(self.n):
            self.tasks.put(None)
        self.kernels: dict[int, int] = {}
        self.busy: dict[int, str] = {}
        self.processes = []
        self.respawns = 2 * self.n  # workers that die at start-up again and again are not replaced forever
        self._ctx = ctx
        for i in range(self.n):
            self._spawn(i)

    def _spawn(self, i: int) -> None:
        p = self._ctx.Process(target=worker_main, args=(i, self.tasks, self.events),
                              name=f"styrkort-worker-{i}", daemon=True)
        p.start()
        if i < len(self.processes):
            self.processes[i] = p
        else:
            self.processes.append(p)

    def __iter__(self) -> Iterator[tuple]:
        pending = set(self.jobs)
        while pending:
            try:
                event = self.events.get(timeout=0.5)
            except queue.Empty:
                yield from self._check_workers(pending)
                continue
            what, i = event[0], event[1]
            if what == "ready":
                if event[2]:
                    self.kernels[i] = event[2]
            elif what == "started":
                self.busy[i] = event[2]
                yield ("started", event[2], self.processes[i].pid)
            elif what == "done":
                produced: Produced = event[2]
                self.busy.pop(i, None)
                if event[3]:
                    self.kernels[i] = event[3]
                pending.discard(produced.key)
                yield ("done", produced.key, produced)

    def _check_workers(self, pending: set[str]) -> Iterator[tuple]:
        """A worker that died (killed, out of memory) fails its report; another takes its place."""
        for i, p in enumerate(self.processes):
            if p.is_alive() or p.exitcode is None:
                continue
            key = self.busy.pop(i, None)
            if key is not None and key in pending:
                pending.discard(key)
                yield ("done", key, Produced(key, False, error=f"Arbetsprocessen avslutades oväntat "
                                                               f"(kod {p.exitcode}) under renderingen."))
            if pending and p.exitcode != 0 and self.respawns > 0:
                self.respawns -= 1
                self._spawn(i)
            elif not pending:
                return
        if pending and not any(p.is_alive() for p in self.processes):
            for key in sorted(pending):
                yield ("done", key, Produced(key, False, error="Ingen arbetsprocess kunde ta rapporten."))
            pending.clear()

    def close(self, graceful: bool = True) -> None:
        """Graceful: the workers have their stop signal and shut their kernels down; wait for them.
        Otherwise (Ctrl-C): SIGTERM, then SIGKILL for any left, and kill their kernels."""
        if graceful:
            for p in self.processes:
                p.join(timeout=30)
        for p in self.processes:
            if p.is_alive():
                p.terminate()
        deadline = time.monotonic() + _STOP_GRACE_S
        for p in self.processes:
            p.join(timeout=max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join(timeout=2)
        for pid in self.kernels.values():
            _kill_group(pid)
        for q in (self.tasks, self.events):
            q.cancel_join_thread()
            q.close()


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError, OSError):
            continue


# --- Dask -----------------------------------------------------------------------------------------

_SESSION = None
_SESSION_LOCK = threading.Lock()


def process_session():
    """This process's warm session, started on first use and shut down when the process exits."""
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None:
            from styrkort.pipeline.session import KernelSession, skip_slow_optional_imports

            skip_slow_optional_imports()
            _SESSION = KernelSession(warm=True)
            atexit.register(close_process_session)
            warm_up(_SESSION)
        return _SESSION


def close_process_session() -> None:
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is not None:
            _SESSION.close()
            _SESSION = None


def produce_here(job: Job) -> Produced:
    """The task a Dask worker runs: produce the job in this process's warm session."""
    from styrkort.pipeline.produce import produce

    return produce(job, process_session())


#: How long DaskWorkers waits for the scheduler to answer (distributed's default connect timeout).
_CONNECT_TIMEOUT_S = 30


class DaskWorkers:
    """The jobs as tasks on a Dask cluster; each worker process keeps a warm session.

    A worker lost mid-run (killed, its machine gone) costs no report: the scheduler runs its tasks
    again on the others, which have the session plugin already. ``retries=`` is not needed for that
    (it retries tasks that raise, and produce() does not); a report fails only when workers die
    under it more often than ``distributed.scheduler.allowed-failures`` (KilledWorker).
    tests/test_dask_cluster.py kills a worker of a real cluster mid-run."""

    def __init__(self, jobs: list[Job], address: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - a dependency
            from styrkort.data.errors import ReportError

            raise ReportError("--scheduler kräver paketet distributed (pip install distributed).") from exc
        from styrkort.batch.dask_plugin import SessionPlugin
        from styrkort.data.errors import ReportError

        try:
            self.client = Client(address, timeout=f"{_CONNECT_TIMEOUT_S}s")
        except ValueError as exc:  # not an address (tcp://host:port)
            raise ReportError(f"Dask-klustret {address} går inte att nå: ogiltig adress ({exc}).") from None
        except OSError:  # nothing answered there (TimeoutError is an OSError)
            raise ReportError(f"Dask-klustret {address} svarar inte inom {_CONNECT_TIMEOUT_S} s: kontrollera "
                              "adressen, att schemaläggaren (dask scheduler) körs och att porten är öppen "
                              "mot den här maskinen.") from None
        self.client.register_plugin(SessionPlugin(), name="styrkort-session")
        stamp = f"{os.getpid()}-{time.time_ns()}"
        self.futures = {self.client.submit(produce_here, job, key=f"styrkort-{i}-{job.kind}-{job.period}-{stamp}",
                                           pure=False): job.key for i, job in enumerate(jobs)}

    def __iter__(self) -> Iterator[tuple]:
        from distributed import as_completed

        for future in as_completed(list(self.futures)):
            key = self.futures[future]
            try:
                produced = future.result()
            except Exception as exc:  # the task failed (KilledWorker: workers died under it again and again)
                produced = Produced(key, False, error=f"Dask-uppgiften misslyckades: {type(exc).__name__}: {exc}")
            yield ("done", key, produced)

    def close(self, graceful: bool = True) -> None:
        if not graceful:
            try:
                self.client.cancel(list(self.futures), force=True)
            except Exception:
                pass
        self.client.close()
