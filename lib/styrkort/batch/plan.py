"""What a batch renders: the reports a request asks for, and why each is rendered again."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from styrkort.data.errors import ReportError
from styrkort.data.periods import Period
from styrkort.pipeline.fingerprint import Fingerprint
from styrkort.reports.kinds import (INTERIM, MONTHLY, MUNICIPALITY, REPORTS, ReportKind, kind_of_period, latest_period,
                                    reports_for_year)

if TYPE_CHECKING:
    from styrkort.data.loading import Dataset
    from styrkort.pipeline.job import Job


@dataclass(frozen=True)
class Request:
    """What ``render-all`` is asked for: years, or one period, or the latest month; of which kinds."""

    years: tuple[int, ...] = ()
    period: Period | None = None
    latest: bool = False  # the newest reporting period with assessments (the monthly schedule)
    kinds: tuple[ReportKind, ...] = tuple(REPORTS.values())
    force: bool = False  # also what has not changed

    def key(self) -> dict:
        """The request as plain values, for the record of an unchanged run."""
        return {"years": list(self.years), "period": "latest" if self.latest else self.period and self.period.key,
                "kinds": [k.name for k in self.kinds]}


def parse_years(text: str | int | None) -> tuple[int, ...]:
    """``"2023,2024"`` → (2023, 2024); a year is four digits."""
    if text is None:
        return ()
    years = []
    for part in str(text).split(","):
        part = part.strip()
        if not (part.isdigit() and len(part) == 4):
            raise ReportError(f"Året {part!r} ska skrivas ÅÅÅÅ, till exempel 2024.")
        years.append(int(part))
    return tuple(years)


def wanted_reports(data: Dataset, request: Request) -> list[tuple[ReportKind, Period]]:
    """(kind, period) of every report asked for, in report order."""
    if request.latest:
        if MONTHLY not in request.kinds:
            raise ReportError("--period latest gäller månadsrapporten; ta med monthly i --reports.")
        return [(MONTHLY, latest_period(data, list(request.years)))]
    if request.period is not None:
        return _reports_of_period(data, request.period, request.kinds)
    if not request.years:
        raise ReportError("Ange --year ÅÅÅÅ (alla rapporter för året) eller --period latest (den senaste månaden).")
    found = [r for y in request.years for r in reports_for_year(data, y, request.kinds)]
    if not found:
        raise ReportError(f"Datamappen har inga rapporter av typen {', '.join(k.name for k in request.kinds)} för "
                          f"{', '.join(map(str, request.years))}.")
    return found


def wanted_summaries(data: Any, request: Request) -> list[tuple[ReportKind, Period]]:
    """The municipality's summaries a run asks for: one for each month, combined period and interim
    period of the run (its years, latest month or period) that some board reports."""
    periods: dict[str, Period] = {}
    boards_request = replace(request, kinds=(MONTHLY, INTERIM))
    for b in data.boards:
        try:
            for _, p in wanted_reports(b.data, boards_request):
                periods.setdefault(p.key, p)
        except ReportError:
            continue
    return [(MUNICIPALITY, p) for p in sorted(periods.values(), key=lambda p: (p.last, bool(p.label), p.first))]


def _reports_of_period(data: Dataset, p: Period, kinds: tuple[ReportKind, ...]) -> list[tuple[ReportKind, Period]]:
    """The reports of one period: its kind's, or for a year those of the plan and the
    verksamhetsberättelse that are chosen and that the data supports (the first chosen when none
    is, so that its reason is what the run reports)."""
    chosen = [k for k in kinds if p.kind in k.period_kinds and not k.municipal]
    if not chosen:
        raise ReportError(f"Perioden {p.key} hör till rapporttypen {kind_of_period(p).name}, som inte är vald "
                          "med --reports.")
    supported = []
    for kind in chosen:
        try:
            kind.resolve(data, p)
            supported.append(kind)
        except ReportError:
            pass
    return [(k, p) for k in supported or chosen[:1]]


def why_rendered(job: Job, sidecar: dict | None, force: bool) -> str:
    if not sidecar:
        return "ny"
    changed = Fingerprint(job.fingerprint, job.inputs).changed_since(sidecar.get("inputs"))
    if not changed:
        return "--force" if force and sidecar.get("fingerprint") == job.fingerprint else "ofullständig"
    shown = ", ".join(c.split(":", 1)[-1] for c in changed[:3])
    return f"ändrat: {shown}" + (f" (+{len(changed) - 3})" if len(changed) > 3 else "")
