"""``styrkort render-all``: every report the data supports, in parallel, incremental, safe to stop.

1. **Plan** (here, without a kernel; :mod:`styrkort.batch.plan`): load and validate the data once,
   list the reports (a year's reporting periods, T1 and T2 when their closing months have data,
   the plan when the year has one; or the latest month), check each report's adjustments and
   fingerprint its inputs (:mod:`styrkort.pipeline.fingerprint`). A report whose fingerprint
   equals the one in its sidecar, and whose files are there, is skipped unless ``force``: a run
   of an unchanged year only reads.
2. **Produce** the rest on warm workers (:mod:`styrkort.batch.workers`): ``jobs`` local processes,
   or the workers of a Dask cluster (``scheduler``). One report failing does not stop the others.
3. **Write** each report as it arrives (:func:`styrkort.pipeline.commit.commit`: previous version
   kept under ``tidigare/``, every file written to a temporary name and renamed into place, the
   sidecar last) and rebuild the index, so it is current while a long run goes on.

Ctrl-C (SIGINT) or SIGTERM stops the workers and their kernels, finishes the report being
written (a few milliseconds) and nothing else, rebuilds the index from what is whole, prints what
was done, and exits 130 (143 for SIGTERM). Whatever stops the process harder (SIGKILL, power loss)
leaves at most a hidden temporary file, which the next run removes; the workers notice their
parent is gone and stop their kernels.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from styrkort.batch.plan import Request, wanted_reports, wanted_summaries, why_rendered
from styrkort.batch.progress import FAILED, OK, PLANNED, SKIPPED, STOPPED, BatchResult, Outcome, Progress
from styrkort.batch.signals import Interrupted, output_lock, signals_deferred, signals_raise
from styrkort.data.errors import DataError, ReportError
from styrkort.data.municipality import MUNICIPALITY_FILE, is_municipality, load_municipality
from styrkort.data.periods import PeriodError
from styrkort.pipeline import unchanged
from styrkort.pipeline.commit import check_output_folder
from styrkort.pipeline.fingerprint import FileHashes
from styrkort.pipeline.job import Output
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.kinds import HEAVIEST_FIRST, MUNICIPALITY

#: How a run's summary names the municipality's own reports in the board column.
MUNICIPALITY_BOARD = "kommunen"

if TYPE_CHECKING:
    from styrkort.pipeline.job import Job


def render_all(request: Request, ws: Workspace | None = None, output: Output = Output(), jobs: int | None = None,
               scheduler: str | None = None, dry_run: bool = False, progress: TextIO | None = ...,  # type: ignore[assignment]
               tty: bool | None = None, boards: str | None = None) -> BatchResult:
    """Render every report asked for (see the module's description); return what happened to each.
    Bad data or params raise DataError before anything runs; a report's own problem (its
    adjustments, a failing cell, its PDF) fails that report only. ``jobs`` local workers (default:
    the number of cores) or the Dask cluster at ``scheduler``. Progress goes to ``progress``
    (default: standard error; None: nowhere).

    A municipality's folder (:mod:`styrkort.data.municipality`) renders each of its boards (or those
    ``boards`` names) into ``<out>/<board>/``, on the same workers: a board whose data or params are
    bad fails alone, and each board is planned, skipped when unchanged and remembered on its own."""
    from styrkort.data.atomic import remove_stale_temporaries
    from styrkort.pipeline.index import write_index, write_municipality_index

    started = time.monotonic()
    if progress is ...:
        progress = sys.stderr
    ws = ws or Workspace.resolve()
    if not dry_run:
        check_output_folder(ws.out)
    municipality = load_municipality(ws.data) if is_municipality(ws.data) else None
    places = [(b.key, ws.for_board(b)) for b in municipality.select(boards)] if municipality else [("", ws)]
    hashes = FileHashes()
    plans = []
    warm = not (dry_run or scheduler)
    board_request = replace(request, kinds=tuple(k for k in request.kinds if not k.municipal))
    if municipality is None and not board_request.kinds:
        raise ReportError(f"{MUNICIPALITY.name} sammanfattar en kommuns nämnder: ange en kommunmapp med "
                          f"{MUNICIPALITY_FILE} som --data.")
    for board, place in places if board_request.kinds else ():
        try:
            plans.append(_plan(board_request, place, board, output, hashes, warm))
        except (DataError, ReportError, PeriodError) as exc:
            if not board:
                raise
            plans.append(_Plan(board, place, "", "", [Outcome("", "", "Alla rapporter", FAILED, note=str(exc),
                                                               board=board)], [], []))
    if municipality is not None and MUNICIPALITY in request.kinds:
        try:
            plans.append(_plan(request, ws, MUNICIPALITY_BOARD, output, hashes, warm, municipal=True))
        except (DataError, ReportError, PeriodError) as exc:
            plans.append(_Plan(MUNICIPALITY_BOARD, ws, "", "", [Outcome(MUNICIPALITY.name, "", MUNICIPALITY.type_name,
                                                                        FAILED, note=str(exc),
                                                                        board=MUNICIPALITY_BOARD)], [], []))
    result = BatchResult([o for plan in plans for o in plan.outcomes])
    todo = [t for plan in plans for t in plan.todo]
    if dry_run:
        result.seconds = time.monotonic() - started
        return result
    bar = Progress(len(todo), progress, tty)
    for o in result.outcomes:
        if o.result == FAILED:
            bar.say(f"MISSLYCKAD {o.name}: {o.note}")
    with output_lock(ws.out):
        remove_stale_temporaries(ws.out)
        try:
            if todo:
                result.workers = _run(todo, jobs, scheduler, bar)
        except (KeyboardInterrupt, Interrupted) as exc:
            result.interrupted = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            for _, o in todo:
                if o.result == PLANNED:
                    o.result, o.note = STOPPED, ""
        finally:
            bar.close()
        for plan in plans:
            if plan.request_key and plan.board != MUNICIPALITY_BOARD:
                result.index = write_index(plan.ws.out)
            if not result.interrupted and plan.planned and all(o.result in (OK, SKIPPED) for o in plan.outcomes):
                _record(plan.ws, plan.request_key, plan.inputs, plan.planned)
        if municipality is not None:
            result.index = write_municipality_index(ws.out, municipality)
    result.seconds = time.monotonic() - started
    return result


@dataclass
class _Plan:
    """One data folder's part of a run: what it asked for, and the reports to render."""

    board: str
    ws: Workspace
    request_key: str
    inputs: str  # the digest of everything the plan read (:mod:`styrkort.pipeline.unchanged`)
    outcomes: list[Outcome]
    planned: list[tuple[Job, Outcome]]  # every report with its job
    todo: list[tuple[Job, Outcome]]  # the reports to render


def _plan(request: Request, ws: Workspace, board: str, output: Output, hashes: FileHashes, warm: bool,
          municipal: bool = False) -> _Plan:
    """Plan one data folder: every report skipped without loading the data when nothing changed since
    its last whole run; else the data loaded and checked once, and each report prepared, and skipped
    when its own inputs did not change. ``municipal``: the municipality's summaries, from every board
    of its folder. ``warm``: start the local workers' fork server first, so that it boots while the
    data is read."""
    request_key = unchanged.request_key(**request.key(), pdf=output.pdf, variant=output.variant, data=str(ws.data),
                                        params=str(ws.params), notebooks=str(ws.notebooks),
                                        adjustments=str(ws.adjustments), municipal=municipal)
    inputs = unchanged.inputs_digest(request_key, ws, hashes)
    recorded = None if request.force else unchanged.recorded_run(ws.out, request_key, inputs)
    if recorded is not None:
        return _Plan(board, ws, request_key, inputs, [
            Outcome(r["kind"], r["period"], r["title"], SKIPPED, note="oförändrat underlag",
                    html=ws.out / r["folder"] / f"{r['stem']}.html", board=board) for r in recorded], [], [])

    from styrkort.pipeline.commit import read_sidecar, up_to_date
    from styrkort.pipeline.prepare import load_inputs, prepare

    if warm:
        from styrkort.batch.workers import start_fork_server

        start_fork_server()
    data, params = load_inputs(ws, municipal)
    plan = _Plan(board, ws, request_key, inputs, [], [], [])
    for kind, p in wanted_summaries(data, request) if municipal else wanted_reports(data, request):
        outcome = Outcome(kind.name, p.key, p.key, board=board)
        plan.outcomes.append(outcome)
        try:
            job = prepare(kind, p, data, params, ws, output, hashes)
        except (DataError, ReportError, PeriodError) as exc:
            outcome.result, outcome.note = FAILED, str(exc)
            continue
        outcome.title, outcome.period = job.title, job.period
        plan.planned.append((job, outcome))
        sidecar = read_sidecar(job)
        if not request.force and up_to_date(job, sidecar):
            outcome.result, outcome.note = SKIPPED, "oförändrat underlag"
            outcome.html = Path(job.target) / f"{job.stem}.html"
            continue
        outcome.note = why_rendered(job, sidecar, request.force)
        plan.todo.append((job, outcome))
    return plan


def _record(ws: Workspace, request: str, inputs: str, planned: list[tuple[Job, Outcome]]) -> None:
    """Remember a whole run for the next one (:mod:`styrkort.pipeline.unchanged`), unless its inputs
    changed while it ran: then the next run plans afresh."""
    if unchanged.inputs_digest(request, ws) != inputs:
        return
    unchanged.record_run(ws.out, request, inputs, [
        {"kind": job.kind, "period": job.period, "title": job.title,
         "folder": Path(job.target).relative_to(ws.out).as_posix(), "stem": job.stem,
         "fingerprint": job.fingerprint, "pdf": job.pdf} for job, _ in planned])


def _run(todo: list[tuple[Job, Outcome]], jobs: int | None, scheduler: str | None, bar: Progress) -> str:
    """Produce and write every job, rebuilding the index after each; return a description of the
    workers."""
    from styrkort.batch.workers import DaskWorkers, LocalWorkers
    from styrkort.pipeline.commit import commit
    from styrkort.pipeline.index import write_index

    by_key = {job.key: (job, outcome) for job, outcome in todo}
    ordered = sorted((job for job, _ in todo), key=lambda j: HEAVIEST_FIRST.index(j.kind))
    backend = None
    graceful = False
    with signals_raise():
        try:
            if scheduler:
                backend = DaskWorkers(ordered, scheduler)
                described = f"Dask-klustret {scheduler}"
            else:
                n = jobs or _cores()
                backend = LocalWorkers(ordered, n)
                described = f"{backend.n} arbetsprocess{'er' if backend.n != 1 else ''}"
            starts: dict[str, float] = {}
            for event in backend:
                what, key = event[0], event[1]
                job, outcome = by_key[key]
                if what == "started":
                    starts[key] = time.monotonic()
                    bar.started(outcome)
                    continue
                produced = event[2]
                outcome.seconds = produced.seconds.get("totalt") or (
                    time.monotonic() - starts[key] if key in starts else None)
                with signals_deferred():
                    try:
                        done = commit(job, produced)
                        outcome.result, outcome.html = OK, done.html
                        write_index(Path(job.target).parent)  # current while a long run goes on
                    except (ReportError, OSError) as exc:
                        outcome.result, outcome.note = FAILED, str(exc)
                bar.finished(outcome)
            graceful = True
            return described
        finally:
            if backend is not None:
                backend.close(graceful=graceful)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
