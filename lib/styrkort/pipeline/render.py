"""Render one report: validate the inputs, execute its notebook, export HTML, lay the same HTML out
as a PDF, write the files and rebuild the output folder's index.

One pipeline for a single render (``styrkort render``) and for a batch (``styrkort render-all``,
:mod:`styrkort.batch`): :mod:`~styrkort.pipeline.prepare` where the command runs,
:mod:`~styrkort.pipeline.produce` in a kernel session, :mod:`~styrkort.pipeline.commit` where the
command runs. A single render uses a cold session (a new kernel); the batch keeps its kernels warm.
"""

from __future__ import annotations

from typing import Any

from styrkort.data.periods import Period
from styrkort.pipeline.commit import check_output_folder, commit
from styrkort.pipeline.job import Output, Rendered
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.kinds import ReportKind, report_kind


def render(kind: ReportKind | str, period: Period | str, ws: Workspace | None = None, output: Output = Output(),
           session: Any = None) -> Rendered:
    """Render one report into ``<ws.out>/<period>/``: the executed notebook, the HTML and (with
    ``output.pdf``) the PDF of the same stem, and the sidecar with what it was made from. Without
    a PDF an earlier PDF of the report is removed, so the folder never holds a PDF older than its
    HTML. An earlier version is kept under ``tidigare/``. Then ``<ws.out>/index.html`` is rebuilt.
    ``ws``: the folders (default: the project's); ``session``: a
    :class:`styrkort.pipeline.session.KernelSession` to run in (default: a new, cold one)."""
    from styrkort.pipeline.index import write_index
    from styrkort.pipeline.session import KernelSession

    ws = ws or Workspace.resolve()
    check_output_folder(ws.out)
    # A new kernel's process starts ahead and imports on the other core while this process imports
    # pandas and checks the input; it becomes the kernel once the input is good (bad input stops
    # it, and fails before anything is written).
    own = KernelSession(warm=False, ahead=True) if session is None else None
    try:
        from styrkort.pipeline.prepare import load_inputs, prepare
        from styrkort.pipeline.produce import produce

        kind = report_kind(kind)
        data, params = load_inputs(ws, kind.municipal)
        job = prepare(kind, period, data, params, ws, output)
        produced = produce(job, own or session)
    finally:
        if own is not None:
            own.close()
    done = commit(job, produced)
    if kind.municipal:  # the municipality's front page: its boards, and the summaries
        from styrkort.data.municipality import load_municipality
        from styrkort.pipeline.index import write_municipality_index

        index = write_municipality_index(ws.out, load_municipality(ws.data))
    else:
        index = write_index(ws.out)
    return Rendered(done.kind, done.period, done.title, done.html, done.notebook, done.pdf, index)
