"""Step 3 of the pipeline, where the command runs: write what a worker made.

The previous version is kept under ``tidigare/`` (:mod:`styrkort.pipeline.versions`), then the PDF,
the HTML, the executed notebook and last the sidecar with the fingerprint are each written to a
temporary file renamed into place: a reader never finds a half-written report, and a run stopped
half-way is taken up again by the next."""

from __future__ import annotations

import json
from pathlib import Path

from styrkort.data.atomic import write_atomic
from styrkort.data.errors import ReportError
from styrkort.pipeline.job import FAILED_SUFFIX, SIDECAR_SUFFIX, Job, Produced, Rendered
from styrkort.pipeline.versions import keep_previous


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
    target.mkdir(parents=True, exist_ok=True)
    keep_previous(target, job.stem)
    if produced.pdf is not None:
        write_atomic(pdf_path, produced.pdf)
    else:
        pdf_path.unlink(missing_ok=True)
    write_atomic(html_path, produced.html)
    write_atomic(nb_path, produced.notebook)
    # Last: the sidecar says the report is whole and what it was made from.
    record = {**produced.meta, "inputs": [list(i) for i in job.inputs], "seconds": produced.seconds,
              "worker": produced.worker, "kernel_runs_before": produced.warm}
    write_atomic(sidecar, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
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
    target = Path(job.target)
    return (target / f"{job.stem}.html").is_file() and (not job.pdf or (target / f"{job.stem}.pdf").is_file())
