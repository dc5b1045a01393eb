"""Step 2 of the pipeline, in a kernel session (:mod:`styrkort.pipeline.session`; in a batch on a
worker): parameterise and execute the notebook, then write its parts twice: the HTML (with the
contents list and the "Om underlaget" colophon) and the PDF (Typst, with the same). Nothing is
written to disk; the result is returned."""

from __future__ import annotations

import base64
import os
import threading
import time
import traceback
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from styrkort.data.errors import ReportError
from styrkort.document.assets import TEMPLATES_DIR, without_lab_style
from styrkort.pipeline.fingerprint import SOURCE_KEY, package_digest
from styrkort.pipeline.job import Job, Produced


def produce(job: Job, session) -> Produced:
    """Execute, export and lay out one report in ``session``. Never raises for a failing report:
    the error (the cell, its exception) and the notebook as far as it ran come back instead."""
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from papermill.parameterize import parameterize_notebook

    from styrkort.document.html import add_provenance, write
    from styrkort.document.toc import add_toc
    from styrkort.pages.provenance import colophon
    from styrkort.pipeline.pdf import notebook_to_pdf

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    worker = f"{os.uname().nodename}:{os.getpid()}"
    nb = None
    wanted = dict(job.inputs).get(SOURCE_KEY)
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
        portable(executed, job, rendered_at)
        about = colophon(meta)
        html = add_provenance(add_toc(export_html(executed)), write([about]))
        seconds["html"] = time.perf_counter() - mark
        mark = time.perf_counter()
        pdf_bytes = notebook_to_pdf(executed, meta, about, job.variant) if job.pdf else None
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


#: The parameters that name files: kept relative to the executed notebook's own folder.
_PATHS = ("data_dir", "params_file", "adjustments_dir")


def portable(nb, job: Job, rendered_at: datetime) -> None:
    """Make the executed notebook one that can be opened and run again from where it is saved:
    the file parameters relative to its folder (as far as the folders allow), and a first cell
    that says where it came from and how to render the report again."""
    import nbformat

    params = dict(job.parameters)
    for key in _PATHS:
        try:
            params[key] = os.path.relpath(params[key], job.target)
        except (KeyError, ValueError):  # another drive: the absolute path stays
            pass
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = "# Parametrar (sökvägar relativa till den här notebookens mapp)\n" + "\n".join(
                f"{k} = {v!r}" for k, v in params.items())
    nb.metadata.setdefault("papermill", {})["parameters"] = params
    command = f"styrkort render {job.kind} --period {job.period}"
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"**{job.title}** som styrkort renderade den {rendered_at:%Y-%m-%d %H.%M}. Sökvägarna i parametercellen "
        "är relativa till den här mappen: öppna notebooken där den ligger och välj *Run All* för att köra den igen, "
        f"eller rendera om rapporten i projektets mapp med `{command}`."))


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
                        extra_template_basedirs=[str(TEMPLATES_DIR)],
                        filters={"b64encode": lambda s: base64.b64encode(s.encode()).decode(),
                                 "without_lab_style": without_lab_style})


@lru_cache(maxsize=1)
def warm_renderer() -> None:
    """Set up, once per process, what exporting and laying out a report use the first time:
    nbconvert's compiled templates and Typst's fonts and template. Then freeze what exists
    (``gc.freeze``): it lives as long as the process, and later garbage collections need not walk
    it again."""
    import gc

    import nbformat

    from styrkort.pipeline.pdf import notebook_to_pdf

    try:
        nb = nbformat.v4.new_notebook()
        export_html(nb)
        notebook_to_pdf(nb, {"title": "x"}, None, None)
    except Exception:
        pass  # a real report says what is wrong
    gc.freeze()


def export_html(nb) -> str:
    """The executed notebook as a self-contained document: outputs only, the report's stylesheet."""
    body, _ = _exporter().from_notebook_node(nb)
    return body
