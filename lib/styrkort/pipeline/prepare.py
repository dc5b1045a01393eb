"""Step 1 of the pipeline, where the command runs: check one report's inputs (its period and
adjustments), fingerprint them, and describe the report as a :class:`~styrkort.pipeline.job.Job`.
Bad input fails here, before a kernel starts, and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from styrkort import __version__
from styrkort.data.errors import ReportError
from styrkort.data.periods import Period
from styrkort.data.store import STORE_NAME
from styrkort.pipeline.fingerprint import DATA_KEY, FileHashes, report_inputs
from styrkort.pipeline.job import Job, Output
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.adjustments import adjustment_files, load_adjustments
from styrkort.reports.kinds import ReportKind, document_metadata

if TYPE_CHECKING:
    from styrkort.data.loading import Dataset
    from styrkort.data.params import Params


def load_inputs(ws: Workspace, municipal: bool = False) -> tuple[Any, Params]:
    """The data and settings reports are made from, checked: a board's folder with its settings, or
    (``municipal``) for the municipality's summary every board of the municipality's folder."""
    from styrkort.data.params import load_params

    if municipal:
        from styrkort.data.municipal import load_municipal_data

        return load_municipal_data(ws.data, ws.params), load_params(ws.params)
    from styrkort.data.loading import load_data
    from styrkort.reports.checks import check_params_against_data

    data = load_data(ws.data)
    params = load_params(ws.params, ws.data)
    check_params_against_data(data, params)
    return data, params


def prepare(kind: ReportKind, period: Period | str, data: Dataset, params: Params, ws: Workspace,
            output: Output = Output(), hashes: FileHashes | None = None) -> Job:
    """Check one report's inputs and describe it as a job. Raises DataError or ReportError."""
    p = kind.resolve(data, period)
    load_adjustments(ws.adjustments, kind, p, data, params)
    notebook = ws.notebooks / kind.notebook
    try:
        source = notebook.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"Notebooken {notebook} kan inte läsas: {exc}") from None
    fp = report_inputs(kind, p, data, ws, notebook, output, hashes)
    title = kind.title(p)
    texts = sum(1 for name, _ in fp.inputs if name.startswith(f"{DATA_KEY}texter/"))
    tables = sum(1 for f in data.files if not Path(f).is_relative_to(Path(data.folder) / "texter"))
    made_from = {
        "data": Path(data.folder).name, "tables": tables, "texts": texts,
        "store": (Path(data.folder) / STORE_NAME).exists(), "params": ws.params.name,
        "adjustments": [f.name for f in adjustment_files(ws.adjustments, kind, p, data) if f.exists()],
        "version": __version__,
    }
    return Job(
        kind=kind.name, period=p.key, title=title, stem=kind.stem(p), target=str(ws.out / p.key),
        notebook=str(notebook), notebook_source=source, cwd=str(ws.notebooks),
        # The one place a period becomes a string again: papermill injects it as a parameter.
        parameters={"period": p.key, "data_dir": str(data.folder), "params_file": str(ws.params),
                    "adjustments_dir": str(ws.adjustments), "interactive": False},
        meta=document_metadata(kind, data, p, title), pdf=output.pdf, variant=output.variant,
        fingerprint=fp.digest, inputs=fp.inputs, made_from=made_from)
