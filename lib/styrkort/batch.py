"""``styrkort render-all``: every report the data supports, in parallel, incremental, safe to stop.

1. **Plan** (here, without a kernel): load and validate the data once, list the reports (a year's
   reporting periods, T1 and T2 when their closing months have data, the plan when the year has
   one; or the latest month), check each report's adjustments and fingerprint its inputs
   (:mod:`styrkort.fingerprint`). A report whose fingerprint equals the one in its sidecar, and
   whose files are there, is skipped unless ``force``: a run of an unchanged year only reads.
2. **Produce** the rest on warm workers (:mod:`styrkort.workers`): ``jobs`` local processes, or
   the workers of a Dask cluster (``scheduler``). One report failing does not stop the others.
3. **Write** each report as it arrives (:func:`styrkort.render.commit`: previous version kept
   under ``tidigare/``, every file written to a temporary name and renamed into place, the
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
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, TextIO

from . import paths, unchanged
from .errors import DataError, ReportError
from .fingerprint import FileHashes, Fingerprint
from .pdf import DEFAULT_VARIANT, parse_variant
from .periods import PeriodError, parse_period
from .reports import REPORTS, latest_period, reports_for_year

if TYPE_CHECKING:
    from .loading import Dataset
    from .render import Job

OK, FAILED, SKIPPED, STOPPED, PLANNED = "ok", "misslyckad", "överhoppad", "avbruten", "att rendera"
LOCK_NAME = ".styrkort.lock"
#: Heavier reports first, so that the last report to finish is a short one.
_DISPATCH_ORDER = {"plan": 0, "interim": 1, "monthly": 2}


class Interrupted(BaseException):
    """SIGTERM (or a second signal) while the batch runs; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass
class Outcome:
    kind: str
    period: str
    title: str
    result: str = PLANNED
    seconds: float | None = None
    note: str = ""
    html: Path | None = None

    @property
    def key(self) -> str:
        return f"{self.kind} {self.period}"


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    index: Path | None = None
    interrupted: int | None = None  # the signal that stopped the run
    seconds: float = 0.0
    workers: str = ""
    errors: list[str] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 128 + self.interrupted
        return 1 if self.count(FAILED) else 0


# --- what to render -------------------------------------------------------------------------------------

def parse_kinds(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"monthly,plan"`` → ("monthly", "plan"); unknown names are refused."""
    if text is None:
        return tuple(REPORTS)
    names = [t.strip() for t in (text.split(",") if isinstance(text, str) else text) if t.strip()]
    unknown = [n for n in names if n not in REPORTS]
    if unknown or not names:
        raise ReportError(f"Okänd rapporttyp {', '.join(unknown) or '(ingen)'}; kända: {', '.join(REPORTS)}.")
    return tuple(n for n in REPORTS if n in names)


def parse_years(text: str | int | Iterable | None) -> list[int]:
    if text is None:
        return []
    parts = str(text).split(",") if isinstance(text, (str, int)) else [str(t) for t in text]
    years = []
    for part in parts:
        part = part.strip()
        if not (part.isdigit() and len(part) == 4):
            raise ReportError(f"Året {part!r} ska skrivas ÅÅÅÅ, till exempel 2024.")
        years.append(int(part))
    return years


def wanted_reports(data: Dataset, years: list[int], period: str | None, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """(kind, period) of every report asked for, in report order."""
    if period and period.strip().lower() in ("latest", "senaste"):
        if "monthly" not in kinds:
            raise ReportError("--period latest gäller månadsrapporten; ta med monthly i --reports.")
        if years:
            keys = [k for y in years for k in data.reporting_periods(y)]
            if not keys:
                raise ReportError(f"Det finns inga bedömningar för {', '.join(map(str, years))}.")
            return [("monthly", keys[-1])]
        return [("monthly", latest_period(data))]
    if period:
        p = parse_period(period)
        kind = {"interim": "interim", "year": "plan"}.get(p.kind, "monthly")
        if kind not in kinds:
            raise ReportError(f"Perioden {p.key} hör till rapporttypen {kind}, som inte är vald med --reports.")
        return [(kind, p.key)]
    if not years:
        raise ReportError("Ange --year ÅÅÅÅ (alla rapporter för året) eller --period latest (den senaste månaden).")
    found = [r for y in years for r in reports_for_year(data, y, kinds)]
    if not found:
        raise ReportError(f"Datamappen har inga rapporter av typen {', '.join(kinds)} för "
                          f"{', '.join(map(str, years))}.")
    return found


def _why(job: Job, sidecar: dict | None, force: bool) -> str:
    if not sidecar:
        return "ny"
    changed = Fingerprint(job.fingerprint, job.inputs).changed_since(sidecar.get("inputs"))
    if not changed:
        return "--force" if force and sidecar.get("fingerprint") == job.fingerprint else "ofullständig"
    shown = ", ".join(c.split(":", 1)[-1] for c in changed[:3])
    return f"ändrat: {shown}" + (f" (+{len(changed) - 3})" if len(changed) > 3 else "")


# --- progress -------------------------------------------------------------------------------------------

def _seconds(s: float | None) -> str:
    return "–" if s is None else f"{s:.1f} s".replace(".", ",")


class Progress:
    """A progress bar on a terminal (tqdm); elsewhere (a log, the journal) one line per report."""

    def __init__(self, total: int, stream: TextIO | None, tty: bool | None = None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.bar = None
        if stream is not None and total and (tty if tty is not None else _isatty(stream)):
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="rapport", desc="Renderar", dynamic_ncols=True,
                            bar_format="{desc}: {n}/{total} |{bar}| {elapsed}<{remaining}{postfix}")

    def say(self, text: str) -> None:
        if self.stream is None:
            return
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def started(self, outcome: Outcome) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(outcome.title, refresh=True)
        else:
            self.say(f"[{self.done}/{self.total}] startar {outcome.title} ({outcome.period})")

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            if outcome.result == FAILED:
                self.say(f"MISSLYCKAD {outcome.title}: {outcome.note}")
        else:
            line = f"[{self.done}/{self.total}] {outcome.result} {outcome.title} ({outcome.period}) {_seconds(outcome.seconds)}"
            self.say(line + (f": {outcome.note}" if outcome.result == FAILED else ""))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summary_table(result: BatchResult) -> str:
    """The run as a table: Rapport, Period, Resultat, Tid (and what changed or failed), and a count."""
    head = ("Rapport", "Period", "Resultat", "Tid", "Anmärkning")
    rows = [(o.title, o.period, o.result, _seconds(o.seconds), o.note.splitlines()[0] if o.note else "")
            for o in result.outcomes]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r[:4], widths)) + ("  " + r[4] if r[4] else "")
             for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    counts = ", ".join(f"{result.count(r)} {r}" for r in (OK, FAILED, SKIPPED, STOPPED, PLANNED) if result.count(r))
    n = len(result.outcomes)
    total = f"{n} rapport{'er' if n != 1 else ''}: {counts or 'inga'} på {_seconds(result.seconds)}"
    if result.workers:
        total += f" ({result.workers})"
    lines += ["", total + "."]
    if result.interrupted:
        lines.append("Körningen avbröts; rapporterna som hann bli klara är skrivna hela, de andra är orörda.")
    if result.index:
        lines.append(f"Förteckning: {result.index}")
    return "\n".join(lines)


# --- signals and the output folder -----------------------------------------------------------------------

@contextmanager
def _signals_raise():
    """SIGTERM raises Interrupted (SIGINT raises KeyboardInterrupt already)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_interrupted(signum, _frame):
        raise Interrupted(signum)

    old = signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextmanager
def _signals_deferred():
    """While a report is written: a signal waits until its files are all in place."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    old = {s: signal.signal(s, lambda signum, _f: received.append(signum)) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        if received:
            if received[0] == signal.SIGINT:
                raise KeyboardInterrupt
            raise Interrupted(received[0])


@contextmanager
def output_lock(out_dir: Path):
    """One batch at a time writes into an output folder (the lock goes with the process, however
    it ends). Where locks are not supported (some network shares) the run goes on without."""
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReportError(f"En annan körning av styrkort render-all skriver redan i {out_dir}; "
                              "vänta tills den är klar.") from None
        except OSError:
            pass
        yield
    finally:
        os.close(fd)


# --- the run ----------------------------------------------------------------------------------------------

def render_all(years: str | int | Iterable | None = None, period: str | None = None,
               reports: str | Iterable[str] | None = None, jobs: int | None = None, force: bool = False,
               scheduler: str | None = None, data_dir: Path | None = None, params_path: Path | None = None,
               out_dir: Path | None = None, notebooks: Path | None = None, pdf: bool = True,
               pdf_variant: str | None = DEFAULT_VARIANT, adjustments_dir: Path | None = None,
               dry_run: bool = False, progress: TextIO | None = ..., tty: bool | None = None) -> BatchResult:  # type: ignore[assignment]
    """Render every report asked for (see the module's description); return what happened to each.
    Bad data or params raise DataError before anything runs; a report's own problem (its
    adjustments, a failing cell, its PDF) fails that report only. Progress goes to ``progress``
    (default: standard error; None: nowhere)."""
    from .atomic import remove_stale_temporaries
    from .index import write_index

    started = time.monotonic()
    if progress is ...:
        progress = sys.stderr
    variant = parse_variant(pdf_variant)
    kinds = parse_kinds(reports)
    year_list = parse_years(years)
    data_dir, params_path, out_dir, notebooks, adjustments_dir = paths.resolve(
        data_dir, params_path, out_dir, notebooks, adjustments_dir)
    hashes = FileHashes()
    request = unchanged.request_key(years=year_list, period=period, kinds=kinds, pdf=pdf, variant=variant,
                                    data=str(data_dir), params=str(params_path), notebooks=str(notebooks),
                                    adjustments=str(adjustments_dir))
    inputs = unchanged.inputs_digest(request, data_dir, params_path, adjustments_dir, notebooks, hashes)
    recorded = None if force else unchanged.recorded_run(out_dir, request, inputs)
    if recorded is not None:
        # Nothing changed since the last whole run: every report is skipped without loading the data.
        result = BatchResult([Outcome(r["kind"], r["period"], r["title"], SKIPPED, note="oförändrat underlag",
                                      html=out_dir / r["folder"] / f"{r['stem']}.html") for r in recorded])
        if not dry_run:
            with output_lock(out_dir):
                result.index = write_index(out_dir)
        result.seconds = time.monotonic() - started
        return result

    from .loading import load_data
    from .params import load_params
    from .render import prepare, read_sidecar, up_to_date

    if not (dry_run or scheduler):
        from .workers import start_fork_server

        start_fork_server()
    data = load_data(data_dir)
    params = load_params(params_path)
    wanted = wanted_reports(data, year_list, period, kinds)

    outcomes: list[Outcome] = []
    planned: list[tuple[Job, Outcome]] = []
    todo: list[tuple[Job, Outcome]] = []
    for kind, key in wanted:
        outcome = Outcome(kind, key, key)
        outcomes.append(outcome)
        try:
            job = prepare(kind, key, data, params, params_path, out_dir, notebooks, adjustments_dir, pdf, variant,
                          hashes)
        except (DataError, ReportError, PeriodError) as exc:
            outcome.result, outcome.note = FAILED, str(exc)
            continue
        outcome.title, outcome.period = job.title, job.period
        planned.append((job, outcome))
        sidecar = read_sidecar(job)
        if not force and up_to_date(job, sidecar):
            outcome.result, outcome.note = SKIPPED, "oförändrat underlag"
            outcome.html = Path(job.target) / f"{job.stem}.html"
            continue
        outcome.note = _why(job, sidecar, force)
        todo.append((job, outcome))

    result = BatchResult(outcomes)
    if dry_run:
        result.seconds = time.monotonic() - started
        return result
    bar = Progress(len(todo), progress, tty)
    for o in outcomes:
        if o.result == FAILED:
            bar.say(f"MISSLYCKAD {o.title}: {o.note}")
    with output_lock(out_dir):
        remove_stale_temporaries(out_dir)
        try:
            if todo:
                result.workers = _run(todo, jobs, scheduler, bar, out_dir)
        except (KeyboardInterrupt, Interrupted) as exc:
            result.interrupted = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            for _, o in todo:
                if o.result == PLANNED:
                    o.result, o.note = STOPPED, ""
        finally:
            bar.close()
        result.index = write_index(out_dir)
        if not result.interrupted and all(o.result in (OK, SKIPPED) for o in outcomes):
            _record(out_dir, request, inputs, planned, data_dir, params_path, adjustments_dir, notebooks)
    result.seconds = time.monotonic() - started
    return result


def _record(out_dir: Path, request: str, inputs: str, planned: list[tuple[Job, Outcome]], data_dir: Path,
            params_path: Path, adjustments_dir: Path, notebooks: Path) -> None:
    """Remember a whole run for the next one (:mod:`styrkort.unchanged`), unless its inputs
    changed while it ran: then the next run plans afresh."""
    if unchanged.inputs_digest(request, data_dir, params_path, adjustments_dir, notebooks) != inputs:
        return
    unchanged.record_run(out_dir, request, inputs, [
        {"kind": job.kind, "period": job.period, "title": job.title,
         "folder": Path(job.target).relative_to(out_dir).as_posix(), "stem": job.stem,
         "fingerprint": job.fingerprint, "pdf": job.pdf} for job, _ in planned])


def _run(todo: list[tuple[Job, Outcome]], jobs: int | None, scheduler: str | None, bar: Progress,
         out_dir: Path) -> str:
    """Produce and write every job, rebuilding the index after each; return a description of the
    workers."""
    from .index import write_index
    from .render import commit
    from .workers import DaskWorkers, LocalWorkers

    by_key = {job.key: (job, outcome) for job, outcome in todo}
    ordered = sorted((job for job, _ in todo), key=lambda j: _DISPATCH_ORDER.get(j.kind, 9))
    backend = None
    graceful = False
    with _signals_raise():
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
                with _signals_deferred():
                    try:
                        done = commit(job, produced)
                        outcome.result, outcome.html = OK, done.html
                        write_index(out_dir)  # current while a long run goes on
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


# --- the command ---------------------------------------------------------------------------------------------

def main(args) -> int:
    """``styrkort render-all`` with parsed arguments (see :mod:`styrkort.cli`)."""
    try:
        result = render_all(years=args.year, period=args.period, reports=args.reports, jobs=args.jobs,
                            force=args.force, scheduler=args.scheduler, data_dir=args.data, params_path=args.params,
                            out_dir=args.out, pdf=args.pdf, pdf_variant=args.pdf_variant, dry_run=args.dry_run)
    except KeyboardInterrupt:  # before anything was started or written
        print("styrkort: avbruten innan något renderades.", file=sys.stderr)
        return 130
    print(summary_table(result), flush=True)
    failed = [o for o in result.outcomes if o.result == FAILED]
    if failed:
        print("", file=sys.stderr)
        for o in failed:
            print(f"styrkort: {o.title} ({o.period}): {o.note}", file=sys.stderr)
    return result.exit_code
