"""Render a report: validate the inputs, execute its notebook with papermill, export HTML.

Nothing is written into the output folder until the report is complete; files are moved
into place with an atomic rename, so a reader never finds a half-written report.
"""

from __future__ import annotations

import base64
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat

from . import paths
from .errors import ReportError
from .loading import Dataset, load_data
from .interim import resolve_interim
from .monthly import resolve_period
from .params import load_params
from .periods import Period
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


def render(kind: str, period: str, data_dir: Path | None = None, params_path: Path | None = None,
           out_dir: Path | None = None, notebooks: Path | None = None) -> Rendered:
    if kind not in REPORTS:
        raise ReportError(f"Okänd rapporttyp {kind!r}; kända: {', '.join(REPORTS)}.")
    report = REPORTS[kind]
    data_dir = Path(data_dir or paths.default_data_dir()).resolve()
    params_path = Path(params_path or paths.default_params()).resolve()
    out_dir = Path(out_dir or paths.default_out_dir()).resolve()
    notebook = Path(notebooks or paths.notebooks_dir()).resolve() / report.notebook

    # Validate before a kernel starts: bad input fails fast and writes nothing.
    data = load_data(data_dir)
    load_params(params_path)
    p = report.resolve(data, period)
    title = report.title(p)
    target = out_dir / p.key
    stem = f"{report.file_prefix}-{p.slug}"

    executed = execute(notebook, {"period": p.key, "data_dir": str(data_dir), "params_file": str(params_path)},
                       target, stem)
    executed.metadata["styrkort"] = {"title": title, "kind": kind, "period": p.key}
    html = export_html(executed)
    target.mkdir(parents=True, exist_ok=True)
    html_path, nb_path = target / f"{stem}.html", target / f"{stem}.ipynb"
    write_atomic(nb_path, nbformat.writes(executed))
    write_atomic(html_path, html)
    return Rendered(kind, p.key, title, html_path, nb_path)


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
