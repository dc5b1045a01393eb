"""Step 3 of the pipeline, where the command runs: write what a worker made.

The previous version is kept under ``tidigare/`` (:mod:`styrkort.pipeline.versions`), then the PDF,
the HTML, the executed notebook and last the sidecar with the fingerprint are each written to a
temporary file renamed into place: a reader never finds a half-written report, and a run stopped
half-way is taken up again by the next."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from styrkort.data.atomic import write_atomic, write_set
from styrkort.data.errors import ReportError, describe_os_error
from styrkort.pipeline.job import FAILED_SUFFIX, SIDECAR_SUFFIX, Job, Produced, Rendered
from styrkort.pipeline.versions import keep_previous


def check_output_folder(out: Path) -> None:
    """Before any work: the output folder is a folder (or can be made one) and can be written to.
    A ReportError in Swedish otherwise, so a render never fails only after its work is done."""
    out = Path(out).absolute()
    existing = next(p for p in (out, *out.parents) if p.exists())
    if not existing.is_dir():
        raise ReportError(f"Utmappen {out} kan inte skapas: {existing} är en fil, inte en mapp; ange en mapp med "
                          "--out.")
    if existing != out:  # made when the first report is written; its parent must take it
        if not os.access(existing, os.W_OK | os.X_OK):
            raise ReportError(f"Utmappen {out} kan inte skapas: {existing} går inte att skriva i.")
        return
    try:
        fd, probe = tempfile.mkstemp(dir=out, prefix=".styrkort-skrivprov.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ReportError(f"Utmappen {out} går inte att skriva i: {describe_os_error(exc)}.") from None


def commit(job: Job, produced: Produced) -> Rendered:
    """Write what a worker made. A failed report keeps its notebook as ``<stem>.misslyckad.ipynb``
    and raises ReportError naming the cell; its earlier version, if any, is left as it was."""
    target = Path(job.target)
    if not produced.ok:
        message = produced.error or "Renderingen misslyckades."
        if produced.failed_notebook:
            kept = target / f"{job.stem}{FAILED_SUFFIX}"
            write_atomic(kept, produced.failed_notebook)
            message += f"\nDen körda notebooken finns i {kept}."
        raise ReportError(message)
    html_path, nb_path = target / f"{job.stem}.html", target / f"{job.stem}.ipynb"
    pdf_path, sidecar = target / f"{job.stem}.pdf", target / f"{job.stem}{SIDECAR_SUFFIX}"
    documents = {"pdf": produced.pdf, "html": produced.html.encode("utf-8"),
                 "notebook": produced.notebook.encode("utf-8")}
    # The sidecar says what the report was made from, and which documents make it whole.
    record = {**produced.meta, "inputs": [list(i) for i in job.inputs], "seconds": produced.seconds,
              "worker": produced.worker, "kernel_runs_before": produced.warm,
              "sha256": {k: hashlib.sha256(v).hexdigest() for k, v in documents.items() if v is not None}}
    try:
        # The set appears whole or not at all, the version it replaces kept under tidigare/ once the
        # new one is written; the sidecar last, so a reader that finds it finds the rest.
        write_set({pdf_path: documents["pdf"], html_path: documents["html"], nb_path: documents["notebook"],
                   sidecar: json.dumps(record, ensure_ascii=False, indent=1) + "\n"},
                  before_replacing=lambda: keep_previous(target, job.stem))
    except OSError as exc:
        raise ReportError(f"{job.title} kunde inte skrivas: {describe_os_error(exc)}. Inget av rapportens filer "
                          "ändrades; en tidigare version finns kvar som den var.") from None
    return Rendered(job.kind, job.period, job.title, html_path, nb_path,
                    pdf_path if produced.pdf is not None else None)


def read_sidecar(job: Job) -> dict | None:
    try:
        doc = json.loads((Path(job.target) / f"{job.stem}{SIDECAR_SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def up_to_date(job: Job, sidecar: dict | None = None) -> bool:
    """The report in the output folder was made from exactly this job's inputs, and is all there."""
    sidecar = sidecar if sidecar is not None else read_sidecar(job)
    if not sidecar or sidecar.get("fingerprint") != job.fingerprint:
        return False
    return is_whole(Path(job.target), job.stem, sidecar)


def is_whole(folder: Path, stem: str, sidecar: dict) -> bool:
    """Every document the sidecar names is there with the content it records: a set that a full
    disk, a hand or another program left incomplete is rendered again, never skipped."""
    recorded = sidecar.get("sha256")
    files = sidecar.get("files") or {}
    if not isinstance(recorded, dict) or not recorded.get("html"):
        return False
    names = {"html": f"{stem}.html", "pdf": f"{stem}.pdf", "notebook": f"{stem}.ipynb"}
    if files.get("pdf") and "pdf" not in recorded:
        return False
    for kind, digest in recorded.items():
        try:
            with open(folder / names[kind], "rb") as f:
                if hashlib.file_digest(f, "sha256").hexdigest() != digest:
                    return False
        except (OSError, KeyError):
            return False
    return True
