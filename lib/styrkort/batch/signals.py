"""What keeps a batch safe to stop and alone in its output folder: SIGTERM as an exception, signals
held back while a report's files are written, and one batch at a time per output folder."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from styrkort.data.errors import ReportError
from styrkort.data.locks import Busy, exclusive

LOCK_NAME = ".styrkort.lock"


class Interrupted(BaseException):
    """SIGTERM (or a second signal) while the batch runs; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def signals_raise():
    """SIGTERM raises Interrupted (SIGINT raises KeyboardInterrupt already)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_interrupted(signum, _frame):
        raise Interrupted(signum)

    old = signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextmanager
def signals_deferred():
    """While a report is written: a signal waits until its files are all in place."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    old = {s: signal.signal(s, lambda signum, _f: received.append(signum)) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        if received:
            if received[0] == signal.SIGINT:
                raise KeyboardInterrupt
            raise Interrupted(received[0])


@contextmanager
def output_lock(out_dir: Path):
    """One batch at a time writes into an output folder (the lock goes with the process, however
    it ends). Where locks are not supported (some network shares) the run goes on without."""
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with exclusive(out_dir / LOCK_NAME):
            yield
    except Busy:
        raise ReportError(f"En annan körning av styrkort render-all skriver redan i {out_dir}; "
                          "vänta tills den är klar.") from None
