"""Earlier versions of a re-rendered report are kept, never deleted: what the board received stays.

Before a report's files are replaced, each (HTML, PDF, executed notebook, sidecar) gets a second
name under ``<period>/tidigare/<stem>-<YYYYMMDD-HHMMSS>.<ext>``, with the time the old version
was rendered (from its sidecar or notebook, else the file's modification time). The second name
is a hard link, made before the new file is renamed over the old one, so the report never lacks
a file and nothing is copied; where the file system has no hard links the file is copied (to a
temporary name, then renamed).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from styrkort.data.atomic import _fsync_dir

EARLIER_DIR = "tidigare"
SUFFIXES = (".html", ".pdf", ".ipynb", ".json")
_STAMP = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?$")


def rendered_time(folder: Path, stem: str) -> datetime | None:
    """When the report now in ``folder`` was rendered, from its sidecar or its notebook."""
    for name in (f"{stem}.json", f"{stem}.ipynb"):
        path = folder / name
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        meta = doc.get("metadata", {}).get("styrkort", {}) if name.endswith(".ipynb") else doc
        try:
            return datetime.fromisoformat(str(meta.get("rendered_at", "")))
        except ValueError:
            continue
    return None


def keep_previous(folder: Path, stem: str) -> list[Path]:
    """Give the report's current files (if any) their names under ``tidigare/``; return those names."""
    present = [folder / f"{stem}{s}" for s in SUFFIXES if (folder / f"{stem}{s}").is_file()]
    if not any(p.suffix in (".html", ".pdf") for p in present):
        return []
    when = rendered_time(folder, stem)
    if when is None:
        html = folder / f"{stem}.html"
        when = datetime.fromtimestamp((html if html.exists() else present[0]).stat().st_mtime)
    elif when.tzinfo is not None:
        when = when.astimezone()  # the local time, as the board reads it
    earlier = folder / EARLIER_DIR
    earlier.mkdir(exist_ok=True)
    base = f"{stem}-{when:%Y%m%d-%H%M%S}"
    n = 1
    while any((earlier / f"{base if n == 1 else f'{base}-{n}'}{s}").exists() for s in SUFFIXES):
        if all(_same(p, earlier / f"{base if n == 1 else f'{base}-{n}'}{p.suffix}") for p in present):
            return []  # this version is kept already (a run stopped after keeping it)
        n += 1
    name = base if n == 1 else f"{base}-{n}"
    kept = []
    for path in present:
        target = earlier / f"{name}{path.suffix}"
        _second_name(path, target)
        kept.append(target)
    _fsync_dir(earlier)
    return kept


def _same(a: Path, b: Path) -> bool:
    try:
        sa, sb = a.stat(), b.stat()
    except OSError:
        return False
    return (sa.st_ino == sb.st_ino and sa.st_dev == sb.st_dev) or (sa.st_size == sb.st_size and
                                                                    a.read_bytes() == b.read_bytes())


def _second_name(path: Path, target: Path) -> None:
    try:
        os.link(path, target)
        return
    except OSError:
        pass  # no hard links here (some network shares): copy instead
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Earlier:
    """One kept version of a report. Paths are relative to the output folder."""

    stem: str
    title: str
    period: str
    rendered: datetime | None
    html: str | None
    pdf: str | None


def earlier_versions(out_dir: Path) -> list[Earlier]:
    """Every kept version under ``<out_dir>/*/tidigare/``, newest first within a report."""
    out_dir = Path(out_dir)
    found: list[Earlier] = []
    for folder in sorted(out_dir.glob(f"*/{EARLIER_DIR}")):
        bases = sorted({p.stem for p in folder.iterdir() if p.suffix in (".html", ".pdf")
                        and not p.name.startswith(".")})
        for base in bases:
            m = _STAMP.match(base)
            meta: dict = {}
            for name in (f"{base}.json", f"{base}.ipynb"):
                try:
                    doc = json.loads((folder / name).read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                meta = doc.get("metadata", {}).get("styrkort", {}) if name.endswith(".ipynb") else doc
                break
            try:
                rendered = datetime.fromisoformat(str(meta.get("rendered_at", "")))
            except ValueError:
                rendered = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S") if m else None
            html, pdf = folder / f"{base}.html", folder / f"{base}.pdf"
            found.append(Earlier(
                stem=m.group("stem") if m else base,
                title=str(meta.get("title") or (m.group("stem") if m else base)),
                period=str(meta.get("period") or folder.parent.name),
                rendered=rendered,
                html=html.relative_to(out_dir).as_posix() if html.is_file() else None,
                pdf=pdf.relative_to(out_dir).as_posix() if pdf.is_file() else None,
            ))
    return sorted(found, key=lambda e: (e.period, e.stem, -(e.rendered.timestamp() if e.rendered else 0)))
