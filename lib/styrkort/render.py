"""Render a report: validate the inputs, execute its notebook with papermill, export HTML,
lay the same HTML out as a PDF, and rebuild the output folder's index.

Nothing is written into the output folder until the report is complete; files are moved
into place with an atomic rename, so a reader never finds a half-written report.
"""

from __future__ import annotations

import base64
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

import nbformat

from . import paths
from .adjustments import load_adjustments
from .atomic import write_atomic
from .errors import ReportError
from .index import write_index
from .interim import resolve_interim
from .loading import Dataset, load_data
from .monthly import resolve_period
from .params import load_params
from .pdf import DEFAULT_VARIANT, html_to_pdf, parse_variant
from .periods import Period
from .toc import add_toc
from .plan import resolve_year


@dataclass(frozen=True)
class ReportKind:
    """A report type: its notebook, how it names itself, and which periods it takes."""

    name: str  # as on the command line
    notebook: str
    document: str  # the report type in dokument.csv
    file_prefix: str
    resolve: Callable[[Dataset, str], Period]
    title: Callable[[Period], str]


REPORTS: dict[str, ReportKind] = {
    "monthly": ReportKind("monthly", "monthly.ipynb", "månadsrapport", "manadsrapport", resolve_period,
                          lambda p: f"Månadsrapport {p.name_sv}"),
    "interim": ReportKind("interim", "interim.ipynb", "delårsrapport", "delarsrapport", resolve_interim,
                          lambda p: f"Delårsrapport {p.label[1]} {p.year}"),
    "plan": ReportKind("plan", "annual_plan.ipynb", "plan", "namnd-och-forvaltningsplan", resolve_year,
                       lambda p: f"Nämnd- och förvaltningsplan {p.year}"),
}


@dataclass(frozen=True)
class Rendered:
    kind: str
    period: str
    title: str
    html: Path
    notebook: Path
    pdf: Path | None = None
    index: Path | None = None


def document_metadata(report: ReportKind, data: Dataset, p: Period, title: str,
                      rendered_at: datetime) -> dict:
    """What the exported document says about itself (``<title>``, ``<meta>``, the running header
    of the printed pages, the PDF's metadata) and what the index lists. From data only."""
    org = data.organisation
    diarienummer = data.diarienummer(report.document, p.key)
    return {
        "title": title, "kind": report.name, "period": p.key, "period_name": p.name_sv,
        "document": report.document, "municipality": org["kommun"], "board": org["namnd"],
        "author": org["forvaltning"], "subject": p.name_sv,
        "keywords": [x for x in (report.document, p.name_sv, org["namnd"], org["kommun"],
                                 f"Diarienummer {diarienummer}" if diarienummer else "") if x],
        "diarienummer": diarienummer or "", "rendered_at": rendered_at.isoformat(timespec="seconds"),
    }


def render(kind: str, period: str, data_dir: Path | None = None, params_path: Path | None = None,
           out_dir: Path | None = None, notebooks: Path | None = None, pdf: bool = True,
           pdf_variant: str | None = DEFAULT_VARIANT, adjustments_dir: Path | None = None) -> Rendered:
    """Render one report into ``<out_dir>/<period>/``: the executed notebook, the HTML and (with
    ``pdf``) the PDF of the same stem, as ``pdf_variant`` (None: a plain PDF). Without ``pdf`` an
    earlier PDF of the report is removed, so the folder never holds a PDF older than its HTML.
    Then ``<out_dir>/index.html`` is rebuilt. The analyst's adjustments are read from
    ``adjustments_dir`` (default: ``justeringar/`` beside the params file)."""
    variant = parse_variant(pdf_variant)
    if kind not in REPORTS:
        raise ReportError(f"Okänd rapporttyp {kind!r}; kända: {', '.join(REPORTS)}.")
    report = REPORTS[kind]
    data_dir = Path(data_dir or paths.default_data_dir()).resolve()
    params_path = Path(params_path or paths.default_params()).resolve()
    out_dir = Path(out_dir or paths.default_out_dir()).resolve()
    notebook = Path(notebooks or paths.notebooks_dir()).resolve() / report.notebook

    adjustments_dir = Path(adjustments_dir or params_path.parent / "justeringar").resolve()

    # Validate before a kernel starts: bad input fails fast and writes nothing.
    data = load_data(data_dir)
    params = load_params(params_path)
    p = report.resolve(data, period)
    load_adjustments(adjustments_dir, kind, p.key, data, params)
    title = report.title(p)
    target = out_dir / p.key
    stem = f"{report.file_prefix}-{p.slug}"

    executed = execute(notebook, {"period": p.key, "data_dir": str(data_dir), "params_file": str(params_path),
                                  "adjustments_dir": str(adjustments_dir), "interactive": False}, target, stem)
    html_path, nb_path, pdf_path = target / f"{stem}.html", target / f"{stem}.ipynb", target / f"{stem}.pdf"
    meta = document_metadata(report, data, p, title, datetime.now().astimezone())
    meta["files"] = {"html": html_path.name, "pdf": pdf_path.name if pdf else None}
    meta["pdf_variant"] = (variant or "pdf") if pdf else None
    executed.metadata["styrkort"] = meta
    html = add_toc(export_html(executed))
    pdf_bytes = to_pdf(html, variant) if pdf else None
    target.mkdir(parents=True, exist_ok=True)
    write_atomic(nb_path, nbformat.writes(executed))
    write_atomic(html_path, html)
    if pdf_bytes is not None:
        write_atomic(pdf_path, pdf_bytes)
    else:
        pdf_path.unlink(missing_ok=True)
    index = write_index(out_dir)
    return Rendered(kind, p.key, title, html_path, nb_path, pdf_path if pdf_bytes is not None else None, index)


def to_pdf(html: str, variant: str | None) -> bytes:
    """The exported HTML as PDF; a layout failure is a ReportError, and nothing is written."""
    try:
        return html_to_pdf(html, variant)
    except ReportError:
        raise
    except Exception as exc:  # WeasyPrint's errors have no common base class
        raise ReportError(f"PDF:en kunde inte skapas: {type(exc).__name__}: {exc}") from exc


def _kernel_manager_class():
    """Kernels talk over local sockets (IPC), not TCP: nothing listens on a port, and ipykernel
    has no cause to warn about unencrypted TCP on every run."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"

    return IPCKernelManager


def execute(notebook: Path, parameters: dict, failed_dir: Path, stem: str) -> nbformat.NotebookNode:
    """Run the notebook in a fresh kernel. On a failing cell the executed notebook is kept
    beside the report as ``<stem>.misslyckad.ipynb`` and ReportError names the cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    with tempfile.TemporaryDirectory(prefix="styrkort-") as tmp:
        out = Path(tmp) / notebook.name
        try:
            papermill.execute_notebook(str(notebook), str(out), parameters=parameters, kernel_name="python3",
                                       cwd=str(notebook.parent), progress_bar=False, log_output=False,
                                       kernel_manager_class=_kernel_manager_class())
        except PapermillExecutionError as exc:
            failed_dir.mkdir(parents=True, exist_ok=True)
            kept = failed_dir / f"{stem}.misslyckad.ipynb"
            if out.exists():
                write_atomic(kept, out.read_text(encoding="utf-8"))
            raise ReportError(
                f"Cell {exc.exec_count} i {notebook.name} misslyckades: {exc.ename}: {exc.evalue}\n"
                f"Den körda notebooken finns i {kept}."
            ) from None
        return nbformat.read(out, as_version=4)


def export_html(nb: nbformat.NotebookNode) -> str:
    """The executed notebook as a self-contained document: outputs only, the report's stylesheet."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config({"NbConvertBase": {"display_data_priority": ["text/html", "image/svg+xml", "image/png",
                                                                "text/plain"]}})
    exporter = HTMLExporter(config=config, template_name="styrkort",
                            extra_template_basedirs=[str(paths.TEMPLATES_DIR)],
                            filters={"b64encode": lambda s: base64.b64encode(s.encode()).decode()})
    body, _ = exporter.from_notebook_node(nb)
    return body
