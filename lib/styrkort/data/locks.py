"""An exclusive lock on a file, held for a block: one writer at a time, across processes, kernels
and analysts on the same machine. The lock goes with the process however it ends. Where the file
system has no locks (some network shares) the block runs without one."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class Busy(Exception):
    """Another process holds the lock (and ``wait`` ran out)."""


@contextmanager
def exclusive(lock_file: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold ``lock_file``'s lock for the block; wait up to ``wait`` seconds for it, then raise Busy."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(str(lock_file)) from None
                time.sleep(0.05)
            except OSError:
                break  # no locks on this file system
        yield
    finally:
        os.close(fd)
