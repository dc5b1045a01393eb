"""Files appear whole or not at all: written beside their place, flushed, then renamed over it.

A temporary file is named ``.<name>.<pid>.<random>.tmp``: a process that is killed while writing
(SIGKILL, power loss) cannot remove it, but the next run can tell that its writer is gone and
does (:func:`remove_stale_temporaries`).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Callable

_TEMPORARY = re.compile(r"^\..+\.(?P<pid>\d+)\.[^.]+\.tmp$")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8) or bytes to a temporary file beside ``path``, flush it to disk, then
    rename it over ``path``. A reader sees the old file or the new one, never half of one."""
    tmp = _temporary(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_set(files: dict[Path, str | bytes | None], before_replacing: Callable[[], object] | None = None) -> None:
    """Files that belong together appear together, or not at all: every one is written to a
    temporary file beside its place first (where a full disk or a read-only folder shows), and only
    when all are written are they renamed into place, in the order given; a file given as None is
    removed then. A failure before the renames leaves every file as it was and raises the OSError.
    ``before_replacing`` runs once everything is written, before the first file is replaced."""
    written: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            if content is not None:
                written.append((_temporary(path, content), path))
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
    if before_replacing is not None:
        before_replacing()
    for path, content in files.items():
        if content is None:
            path.unlink(missing_ok=True)
    for tmp, path in written:
        os.replace(tmp, path)
    for folder in {path.parent for path in files}:
        _fsync_dir(folder)


def _temporary(path: Path, content: str | bytes) -> str:
    """``content`` in a flushed temporary file beside ``path``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files under ``folder`` whose writing process no longer runs (it was
    killed before it could rename or remove them); return what was removed."""
    removed = []
    for path in Path(folder).rglob(".*.tmp"):
        m = _TEMPORARY.match(path.name)
        if m and not _alive(int(m.group("pid"))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
