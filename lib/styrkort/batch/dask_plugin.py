"""The Dask worker plugin: each worker process of a cluster warms its kernel session as soon as
it joins a run, and shuts it down when it leaves (imported only when ``--scheduler`` is used)."""

from __future__ import annotations

import threading

from distributed import WorkerPlugin


class SessionPlugin(WorkerPlugin):
    name = "styrkort-session"
    # Registered by every run: a worker that has it keeps its warm kernel between runs.
    idempotent = True

    def setup(self, worker) -> None:
        # In the background: the worker goes on taking tasks, and the first one waits for the
        # session (styrkort.batch.workers.process_session holds a lock while it warms up).
        from styrkort.batch.workers import process_session

        threading.Thread(target=process_session, name="styrkort-warm-up", daemon=True).start()

    def teardown(self, worker) -> None:
        from styrkort.batch.workers import close_process_session

        close_process_session()
