"""An unchanged run of ``render-all``, recognised without loading the data.

Planning a batch loads and validates the data (pandas) and fingerprints every report; when
nothing changed, that is most of a run's cost. So a run whose reports all came out whole records,
in the output folder, one digest over everything the plan can depend on, and the reports it
planned. The next run with the same request computes that digest from the files alone (hashing,
no pandas) and, when it and every report's sidecar still match, skips the whole year at once.

The digest covers more than any one report reads: every file in the data folder (tables, texts,
intake store), the params file, every adjustment file (the boards' ``justeringar/<board>/`` too: a
municipality's summaries show what its boards adjusted), the notebooks, the package's source and
version, the rendering libraries' versions, and the request (years or period, report types, PDF
options, the data folder's path). Anything else falls back to the full plan, which decides report
by report (:mod:`styrkort.pipeline.fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from styrkort import __version__
from styrkort.data.atomic import write_atomic
from styrkort.data.municipality import params_files
from styrkort.pipeline.commit import is_whole
from styrkort.pipeline.fingerprint import (
    ADJUSTMENT_KEY,
    DATA_KEY,
    LIBRARY_KEY,
    NOTEBOOK_KEY,
    PARAMS_KEY,
    SOURCE_KEY,
    FileHashes,
    library_versions,
    package_digest,
)
from styrkort.pipeline.job import SIDECAR_SUFFIX
from styrkort.pipeline.workspace import Workspace

RECORD_NAME = ".styrkort-korningar.json"
#: Requests remembered per output folder (a monthly schedule and a yearly run, say).
_KEEP = 8


def request_key(**request) -> str:
    """The request as a stable string: ``request_key(years=[2024], period=None, ...)``."""
    return json.dumps(request, sort_keys=True, ensure_ascii=False, default=str)


def inputs_digest(request: str, ws: Workspace, hashes: FileHashes | None = None) -> str:
    """SHA-256 over the request and every input a run's plan can depend on (see the module)."""
    hashes = hashes or FileHashes()
    h = hashlib.sha256()

    def add(name: str, value: str) -> None:
        h.update(name.encode() + b"\0" + value.encode() + b"\0")

    add("request", request)
    for label, folder, pattern in ((DATA_KEY, ws.data, "**/*"), (ADJUSTMENT_KEY, ws.adjustments, "**/*"),
                                   (NOTEBOOK_KEY, ws.notebooks, "*.ipynb")):
        for path in sorted(folder.glob(pattern)) if folder.is_dir() else []:
            rel = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                add(f"{label}{rel.as_posix()}", hashes(path))
    add(PARAMS_KEY, hashes(ws.params))
    for f in params_files(ws.data):
        add(f"{PARAMS_KEY}{f.name}", hashes(f))
    add(SOURCE_KEY, f"{__version__} {package_digest()}")
    for name, version in library_versions():
        add(f"{LIBRARY_KEY}{name}", version)
    return h.hexdigest()


def recorded_run(out_dir: Path, request: str, digest: str) -> list[dict] | None:
    """The reports of the last whole run of ``request``, if its inputs had this digest and every
    report is still in place as that run left it; otherwise None."""
    entry = _read(out_dir).get(request)
    if not isinstance(entry, dict) or entry.get("inputs") != digest:
        return None
    reports = entry.get("reports")
    if not isinstance(reports, list) or not all(_in_place(out_dir, r) for r in reports):
        return None
    return reports


def record_run(out_dir: Path, request: str, digest: str, reports: list[dict]) -> None:
    """Remember a whole run: each report as ``{"kind", "period", "title", "folder", "stem",
    "fingerprint", "pdf"}`` (``folder`` relative to ``out_dir``)."""
    runs = {k: v for k, v in _read(out_dir).items() if k != request}
    runs[request] = {"inputs": digest, "reports": reports}
    kept = dict(list(runs.items())[-_KEEP:])
    write_atomic(out_dir / RECORD_NAME, json.dumps(kept, ensure_ascii=False, indent=1) + "\n")


def _read(out_dir: Path) -> dict:
    try:
        doc = json.loads((out_dir / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _in_place(out_dir: Path, report: object) -> bool:
    """The report's sidecar still has the recorded fingerprint, and its set of documents is whole."""
    if not isinstance(report, dict):
        return False
    try:
        folder = out_dir / report["folder"]
        stem = report["stem"]
        sidecar = json.loads((folder / f"{stem}{SIDECAR_SUFFIX}").read_text(encoding="utf-8"))
    except (KeyError, TypeError, OSError, ValueError):
        return False
    return (isinstance(sidecar, dict) and sidecar.get("fingerprint") == report.get("fingerprint")
            and is_whole(folder, stem, sidecar))
