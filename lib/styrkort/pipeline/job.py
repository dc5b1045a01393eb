"""A report on its way through the pipeline: the job a worker gets, what it produces, and the
files a committed report has in its output folder (one home for their names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from styrkort.pipeline.pdf import DEFAULT_VARIANT

#: A report's sidecar, ``<stem>.json``: what the index lists and what the report was made from.
SIDECAR_SUFFIX = ".json"
#: The executed notebook of a failed run, kept for inspection; not a report.
FAILED_SUFFIX = ".misslyckad.ipynb"


@dataclass(frozen=True)
class Output:
    """What a render writes besides the HTML: a PDF or not, and which PDF variant (None: a plain PDF)."""

    pdf: bool = True
    variant: str | None = DEFAULT_VARIANT


@dataclass(frozen=True)
class Rendered:
    kind: str
    period: str
    title: str
    html: Path
    notebook: Path
    pdf: Path | None = None
    index: Path | None = None


@dataclass(frozen=True)
class Job:
    """One report to render: everything a worker needs, checked and fingerprinted. Picklable, so
    it can be sent to a worker process or a Dask worker (paths are absolute: on a cluster the
    data and params are on storage every machine mounts at the same place)."""

    kind: str
    period: str
    title: str
    stem: str
    target: str  # the output folder of the period
    notebook: str  # its path, for the messages
    notebook_source: str  # its content: a worker runs what was fingerprinted
    cwd: str
    parameters: dict
    meta: dict  # document_metadata, without the time of rendering
    pdf: bool
    variant: str | None
    fingerprint: str
    inputs: tuple
    made_from: dict  # for the footer: data folder, params, adjustments, version

    @property
    def key(self) -> str:
        """Unique in a run, a municipality's too: the report's files' path without their suffix."""
        return f"{self.target}/{self.stem}"


@dataclass
class Produced:
    """What a worker made of a job: the documents, or the error and the notebook as far as it ran."""

    key: str
    ok: bool
    html: str | None = None
    pdf: bytes | None = None
    notebook: str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None
    failed_notebook: str | None = None
    seconds: dict = field(default_factory=dict)
    worker: str = ""
    warm: int = 0  # notebooks the kernel had run before this one (0: a new kernel)
