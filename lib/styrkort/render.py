"""Render a report: validate the inputs, execute its notebook, export HTML, lay the same HTML out
as a PDF, write the files and rebuild the output folder's index.

One pipeline for a single render (``styrkort render``) and for a batch (``styrkort render-all``,
:mod:`styrkort.batch`), in three steps:

1. :func:`prepare` (where the command runs): load and validate the data, params and
   adjustments, resolve the period, and fingerprint the inputs (:mod:`styrkort.fingerprint`).
   Bad input fails here, before a kernel starts, and nothing is written.
2. :func:`produce` (in a kernel session, :mod:`styrkort.session`; in a batch on a worker):
   parameterise and execute the notebook, export the HTML, add the table of contents and the
   "Om underlaget" footer, lay out the PDF. Nothing is written; the result is returned.
3. :func:`commit` (where the command runs): keep the previous version under ``tidigare/``
   (:mod:`styrkort.versions`), then write the PDF, the HTML, the executed notebook and last the
   sidecar with the fingerprint, each to a temporary file renamed into place: a reader never
   finds a half-written report, and a run stopped half-way is taken up again by the next.

A single render uses a cold session (a new kernel); the batch keeps its kernels warm.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, paths
from .atomic import write_atomic
from .errors import ReportError
from .fingerprint import FileHashes, package_digest, report_inputs
from .index import SIDECAR_SUFFIX
from .pdf import DEFAULT_VARIANT, parse_variant
from .reports import REPORTS, ReportKind, document_metadata, report_kind, stem as report_stem  # noqa: F401
from .store import STORE_NAME

if TYPE_CHECKING:
    from .loading import Dataset
    from .params import Params

FAILED_SUFFIX = ".misslyckad.ipynb"


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
        return f"{self.kind} {self.period}"


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


# --- 1. prepare -------------------------------------------------------------------------------------

def prepare(kind: str, period: str, data: Dataset, params: Params, params_path: Path, out_dir: Path,
            notebooks: Path, adjustments_dir: Path, pdf: bool = True, variant: str | None = DEFAULT_VARIANT,
            hashes: FileHashes | None = None) -> Job:
    """Check one report's inputs and describe it as a job. Raises DataError or ReportError."""
    from .adjustments import adjustment_files, load_adjustments

    report = report_kind(kind)
    p = report.resolve(data, period)
    load_adjustments(adjustments_dir, kind, p.key, data, params)
    notebook = notebooks / report.notebook
    try:
        source = notebook.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"Notebooken {notebook} kan inte läsas: {exc}") from None
    fp = report_inputs(kind, p, data, params_path, adjustments_dir, notebook, pdf, variant, hashes)
    title = report.title(p)
    texts = sum(1 for name, _ in fp.inputs if name.startswith("data:texter/"))
    tables = sum(1 for f in data.files if not Path(f).is_relative_to(Path(data.folder) / "texter"))
    made_from = {
        "data": Path(data.folder).name, "tables": tables, "texts": texts,
        "store": (Path(data.folder) / STORE_NAME).exists(), "params": params_path.name,
        "adjustments": [f.name for f in adjustment_files(adjustments_dir, kind, p, data) if f.exists()],
        "version": __version__,
    }
    return Job(
        kind=kind, period=p.key, title=title, stem=report_stem(report, p), target=str(out_dir / p.key),
        notebook=str(notebook), notebook_source=source, cwd=str(notebooks),
        parameters={"period": p.key, "data_dir": str(data.folder), "params_file": str(params_path),
                    "adjustments_dir": str(adjustments_dir), "interactive": False},
        meta=document_metadata(report, data, p, title), pdf=pdf, variant=variant,
        fingerprint=fp.digest, inputs=fp.inputs, made_from=made_from)


# --- 2. produce ---------------------------------------------------------------------------------------

def produce(job: Job, session) -> Produced:
    """Execute, export and lay out one report in ``session``. Never raises for a failing report:
    the error (the cell, its exception) and the notebook as far as it ran come back instead."""
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from papermill.parameterize import parameterize_notebook

    from .provenance import add_provenance
    from .toc import add_toc

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    worker = f"{os.uname().nodename}:{os.getpid()}"
    nb = None
    wanted = dict(job.inputs).get("styrkort:källkod")
    if wanted and wanted != package_digest():
        # A worker of a cluster with another version installed (or not restarted after an
        # upgrade) would render with other code than the fingerprint says.
        return Produced(job.key, False, worker=worker,
                        error=f"Arbetaren {worker} har en annan version av styrkort än kommandot; installera "
                              "samma version på alla maskiner och starta om arbetarna.")
    try:
        nb = nbformat.reads(job.notebook_source, as_version=4)
        # As papermill's execute_notebook prepares it: tags on every cell, papermill's metadata.
        nb.metadata.setdefault("papermill", {"default_parameters": {}, "parameters": {},
                                             "environment_variables": {}})
        for cell in nb.cells:
            cell.metadata.setdefault("tags", [])
        nb = parameterize_notebook(nb, job.parameters, kernel_name="python3", language="python")
        rendered_at = datetime.now().astimezone()
        meta = {**job.meta, "rendered_at": rendered_at.isoformat(timespec="seconds"),
                "files": {"html": f"{job.stem}.html", "pdf": f"{job.stem}.pdf" if job.pdf else None,
                          "notebook": f"{job.stem}.ipynb"},
                "pdf_variant": (job.variant or "pdf") if job.pdf else None,
                "fingerprint": job.fingerprint, "made_from": job.made_from}
        warm = session.runs if getattr(session, "km", None) is not None else 0
        # While the kernel runs the notebook this process waits: it sets up the export and the
        # PDF layout meanwhile (once per process; a warm worker has done it already).
        warming = threading.Thread(target=warm_renderer, name="styrkort-warm-renderer", daemon=True)
        warming.start()
        try:
            executed = session.execute(nb, job.cwd)
        except CellExecutionError as exc:
            return Produced(job.key, False, error=_cell_error(nb, exc, Path(job.notebook).name),
                            failed_notebook=nbformat.writes(nb), seconds=seconds, worker=worker)
        finally:
            warming.join()
        seconds["körning"] = time.perf_counter() - started
        mark = time.perf_counter()
        executed.metadata["styrkort"] = meta
        html = add_provenance(add_toc(export_html(executed)), meta)
        seconds["html"] = time.perf_counter() - mark
        mark = time.perf_counter()
        pdf_bytes = to_pdf(html, job.variant) if job.pdf else None
        if job.pdf:
            seconds["pdf"] = time.perf_counter() - mark
        seconds["totalt"] = time.perf_counter() - started
        return Produced(job.key, True, html=html, pdf=pdf_bytes, notebook=nbformat.writes(executed), meta=meta,
                        seconds=seconds, worker=worker, warm=warm)
    except ReportError as exc:
        return Produced(job.key, False, error=str(exc), seconds=seconds, worker=worker)
    except Exception as exc:  # noqa: BLE001 - one failing report must not stop the others
        failed = None
        if nb is not None:
            try:
                failed = nbformat.writes(nb)
            except Exception:
                pass
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return Produced(job.key, False, error=f"Renderingen misslyckades: {detail}", failed_notebook=failed,
                        seconds=seconds, worker=worker)


def _cell_error(nb, exc, notebook_name: str) -> str:
    """``Cell N i monthly.ipynb misslyckades: NameError: …``, N as the notebook numbers the cell."""
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    count = None
    for cell in nb.cells:
        if cell.get("cell_type") == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            count = cell.get("execution_count")
            break
    return f"Cell {count if count is not None else '?'} i {notebook_name} misslyckades: {ename}: {evalue}"


@lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process: setting up its templates is most of an export's cost."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config({"NbConvertBase": {"display_data_priority": ["text/html", "image/svg+xml", "image/png",
                                                                "text/plain"]}})
    return HTMLExporter(config=config, template_name="styrkort",
                        extra_template_basedirs=[str(paths.TEMPLATES_DIR)],
                        filters={"b64encode": lambda s: base64.b64encode(s.encode()).decode()})


@lru_cache(maxsize=1)
def warm_renderer() -> None:
    """Set up, once per process, what exporting and laying out a report use the first time:
    nbconvert's compiled templates, WeasyPrint's modules and fonts (together about 1.5 s). Then
    freeze what exists (``gc.freeze``): it lives as long as the process, and the layout's many
    garbage collections need not walk it again."""
    import gc

    import nbformat

    try:
        export_html(nbformat.v4.new_notebook())
        to_pdf('<!DOCTYPE html><html lang="sv"><head><title>x</title></head><body><p>x</p></body></html>', None)
    except Exception:
        pass  # a real report says what is wrong
    gc.freeze()


def export_html(nb) -> str:
    """The executed notebook as a self-contained document: outputs only, the report's stylesheet."""
    body, _ = _exporter().from_notebook_node(nb)
    return body


def to_pdf(html: str, variant: str | None) -> bytes:
    """The exported HTML as PDF; a layout failure is a ReportError, and nothing is written."""
    from .pdf import html_to_pdf

    try:
        return html_to_pdf(html, variant)
    except ReportError:
        raise
    except Exception as exc:  # WeasyPrint's errors have no common base class
        raise ReportError(f"PDF:en kunde inte skapas: {type(exc).__name__}: {exc}") from exc


# --- 3. commit ------------------------------------------------------------------------------------------

def commit(job: Job, produced: Produced) -> Rendered:
    """Write what a worker made. A failed report keeps its notebook as ``<stem>.misslyckad.ipynb``
    and raises ReportError naming the cell; its earlier version, if any, is left as it was."""
    from .versions import keep_previous

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


# --- a single report ------------------------------------------------------------------------------------

def render(kind: str, period: str, data_dir: Path | None = None, params_path: Path | None = None,
           out_dir: Path | None = None, notebooks: Path | None = None, pdf: bool = True,
           pdf_variant: str | None = DEFAULT_VARIANT, adjustments_dir: Path | None = None,
           session: Any = None) -> Rendered:
    """Render one report into ``<out_dir>/<period>/``: the executed notebook, the HTML and (with
    ``pdf``) the PDF of the same stem, as ``pdf_variant`` (None: a plain PDF), and the sidecar
    with what it was made from. Without ``pdf`` an earlier PDF of the report is removed, so the
    folder never holds a PDF older than its HTML. An earlier version is kept under
    ``tidigare/``. Then ``<out_dir>/index.html`` is rebuilt. The analyst's adjustments are read
    from ``adjustments_dir`` (default: ``justeringar/`` beside the params file). ``session``:
    a :class:`styrkort.session.KernelSession` to run in (default: a new, cold one)."""
    from .index import write_index
    from .session import KernelSession

    variant = parse_variant(pdf_variant)
    report_kind(kind)
    data_dir, params_path, out_dir, notebooks, adjustments_dir = paths.resolve(
        data_dir, params_path, out_dir, notebooks, adjustments_dir)
    # A new kernel boots and imports on the other core while this process imports pandas,
    # validates the input and then sets up the export. Bad input still fails before anything
    # is written.
    own = KernelSession(warm=False) if session is None else None
    try:
        if own is not None:
            own.start_soon()
        from .loading import load_data
        from .params import load_params

        data = load_data(data_dir)
        params = load_params(params_path)
        job = prepare(kind, period, data, params, params_path, out_dir, notebooks, adjustments_dir, pdf, variant)
        produced = produce(job, own or session)
    finally:
        if own is not None:
            own.close()
    done = commit(job, produced)
    return Rendered(done.kind, done.period, done.title, done.html, done.notebook, done.pdf, write_index(out_dir))
