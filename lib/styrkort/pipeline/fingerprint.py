"""What a report is made from, as one SHA-256: the batch renders a report again only when it changed.

A report's inputs, each named and hashed by content:

- every data table the data folder's load reads (``Dataset.files`` without the texts), and the
  intake store ``inlamningar.sqlite`` when there is one: a change to any table re-renders every
  report of the folder, because the tables are loaded and validated together;
- the texts of the periods the report shows (``texter/<period>/*``; see
  :func:`styrkort.reports.kinds.text_periods`): a text re-renders only the reports that show it;
- the params file, and for a board of a municipality ``kommun.yaml`` and the board's own
  ``installningar.yaml`` (:mod:`styrkort.data.municipality`);
- the adjustment files the report depends on, present or absent (see
  :func:`styrkort.reports.adjustments.adjustment_files`): a monthly report's and an interim report's
  include the year's monthly files, whose statuses show in the Jan–Dec strip;
- the notebook;
- the package: its version, and the content of its source and templates (the version string
  does not change while it is being developed), and the versions of the libraries that draw
  the document (matplotlib, nbconvert, Typst, ...);
- the report's kind and period, the data folder's name (the report names it), and the render
  options: PDF or not, and which PDF variant.

The fingerprint, and the list it was made from, are kept in the report's sidecar
(``<period>/<stem>.json``, see :mod:`styrkort.pipeline.index`), so a later run can say what changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from styrkort import __version__
from styrkort.data.periods import Period
from styrkort.data.municipality import params_files
from styrkort.data.store import STORE_NAME
from styrkort.pipeline.job import Output
from styrkort.pipeline.workspace import PACKAGE_DIR, Workspace

if TYPE_CHECKING:
    from styrkort.data.loading import Dataset
    from styrkort.reports.kinds import ReportKind

#: The libraries whose version changes what a report looks like.
LIBRARIES = ("matplotlib", "nbconvert", "typst", "pandas", "markdown-it-py")
ABSENT = "saknas"

# The names of a fingerprint's inputs, as the sidecar keeps them: ``data:bedomningar.csv``, ...
DATA_KEY = "data:"
PARAMS_KEY = "params:"
ADJUSTMENT_KEY = "adjustments:"
NOTEBOOK_KEY = "notebook:"
LIBRARY_KEY = "library:"
VERSION_KEY = "styrkort:version"
SOURCE_KEY = "styrkort:source"


@dataclass(frozen=True)
class Fingerprint:
    digest: str  # hex SHA-256 over ``inputs``
    inputs: tuple[tuple[str, str], ...]  # (what, its SHA-256 or value), sorted

    @property
    def short(self) -> str:
        return self.digest[:12]

    def changed_since(self, earlier: list | tuple | None) -> list[str]:
        """The inputs that differ from an earlier fingerprint's list (added, removed or changed)."""
        if not earlier:
            return []
        old = {str(k): str(v) for k, v in earlier}
        new = dict(self.inputs)
        return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


class FileHashes:
    """SHA-256 of files by path, each file read once per run (reports share most of their inputs)."""

    def __init__(self) -> None:
        self._cache: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        path = Path(path)
        if path not in self._cache:
            try:
                with open(path, "rb") as f:
                    self._cache[path] = hashlib.file_digest(f, "sha256").hexdigest()
            except FileNotFoundError:
                self._cache[path] = ABSENT
        return self._cache[path]


@lru_cache(maxsize=1)
def package_digest() -> str:
    """The package's source and templates (everything under ``lib/styrkort`` but caches)."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            continue
        h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def library_versions() -> tuple[tuple[str, str], ...]:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in LIBRARIES:
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, ABSENT))
    return tuple(found)


def report_inputs(kind: ReportKind, p: Period, data: Dataset, ws: Workspace, notebook: Path, output: Output,
                  hashes: FileHashes | None = None) -> Fingerprint:
    """The fingerprint of one report rendered from these inputs with these options."""
    from styrkort.reports.adjustments import adjustment_files

    hashes = hashes or FileHashes()
    folder = Path(data.folder)
    texter = folder / "texter"
    reads = {f"texter/{key}" for key in kind.text_periods(data, p)}
    items: list[tuple[str, str]] = []
    for path in data.files:
        rel = Path(path).relative_to(folder).as_posix() if Path(path).is_relative_to(folder) else str(path)
        if Path(path).is_relative_to(texter) and Path(path).parent.relative_to(folder).as_posix() not in reads:
            continue
        items.append((f"{DATA_KEY}{rel}", hashes(Path(path))))
    store = folder / STORE_NAME
    if store.exists():
        items.append((f"{DATA_KEY}{STORE_NAME}", hashes(store)))
    items.append((f"{PARAMS_KEY}{ws.params.name}", hashes(ws.params)))
    items += [(f"{PARAMS_KEY}{f.name}", hashes(f)) for f in params_files(folder)]
    for adj in adjustment_files(ws.adjustments, kind, p, data):
        items.append((f"{ADJUSTMENT_KEY}{adj.name}", hashes(adj)))
    items.append((f"{NOTEBOOK_KEY}{notebook.name}", hashes(notebook)))
    items.append((VERSION_KEY, __version__))
    items.append((SOURCE_KEY, package_digest()))
    items += [(f"{LIBRARY_KEY}{name}", v) for name, v in library_versions()]
    items.append(("report", f"{kind.name} {p.key}"))
    items.append(("data folder", folder.name))
    items.append(("pdf", (output.variant or "pdf") if output.pdf else "ingen"))
    inputs = tuple(sorted(items))
    digest = hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()
    return Fingerprint(digest, inputs)
