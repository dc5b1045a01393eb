"""The report types: their notebooks, names and periods, and which reports a year's data supports.

Light on purpose (no pandas, Jupyter, nbconvert or WeasyPrint at import): the command line and
the batch's check for an unchanged run import this, and only what loads data or renders a
report pays for the rest. The period resolvers import their modules when called.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Callable

from .errors import ReportError
from .periods import Period, parse_period

if TYPE_CHECKING:
    from .loading import Dataset


def _monthly_period(data: Dataset, text: str) -> Period:
    from .monthly import resolve_period

    return resolve_period(data, text)


def _interim_period(data: Dataset, text: str) -> Period:
    from .interim import resolve_interim

    return resolve_interim(data, text)


def _plan_year(data: Dataset, text: str) -> Period:
    from .plan import resolve_year

    return resolve_year(data, text)


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
    "monthly": ReportKind("monthly", "monthly.ipynb", "månadsrapport", "manadsrapport", _monthly_period,
                          lambda p: f"Månadsrapport {p.name_sv}"),
    "interim": ReportKind("interim", "interim.ipynb", "delårsrapport", "delarsrapport", _interim_period,
                          lambda p: f"Delårsrapport {p.label[1]} {p.year}"),
    "plan": ReportKind("plan", "annual_plan.ipynb", "plan", "namnd-och-forvaltningsplan", _plan_year,
                       lambda p: f"Nämnd- och förvaltningsplan {p.year}"),
}


def report_kind(kind: str) -> ReportKind:
    if kind not in REPORTS:
        raise ReportError(f"Okänd rapporttyp {kind!r}; kända: {', '.join(REPORTS)}.")
    return REPORTS[kind]


def stem(report: ReportKind, p: Period) -> str:
    """The file name of a report without its suffix: ``manadsrapport-augusti-2024``."""
    return f"{report.file_prefix}-{p.slug}"


def document_metadata(report: ReportKind, data: Dataset, p: Period, title: str,
                      rendered_at: datetime | None = None) -> dict:
    """What the exported document says about itself (``<title>``, ``<meta>``, the running header
    of the printed pages, the PDF's metadata) and what the index lists. From data only."""
    org = data.organisation
    diarienummer = data.diarienummer(report.document, p.key)
    meta = {
        "title": title, "kind": report.name, "period": p.key, "period_name": p.name_sv,
        "document": report.document, "municipality": org["kommun"], "board": org["namnd"],
        "author": org["forvaltning"], "subject": p.name_sv,
        "keywords": [x for x in (report.document, p.name_sv, org["namnd"], org["kommun"],
                                 f"Diarienummer {diarienummer}" if diarienummer else "") if x],
        "diarienummer": diarienummer or "",
    }
    if rendered_at is not None:
        meta["rendered_at"] = rendered_at.isoformat(timespec="seconds")
    return meta


def text_periods(kind: str, data: Dataset, p: Period) -> list[str]:
    """The periods whose texts (``texter/<period>/``) a report shows. A monthly report and the plan
    read their own; an interim report its own where written, else its closing month's."""
    if kind == "interim":
        from .interim import text_period

        return sorted({p.key, text_period(data, p)})
    return [p.key]


def has_plan_data(data: Dataset, year: int) -> bool:
    """A year has a plan to render when it has goal areas and some of the plan's own tables."""
    if not (data.goal_areas["ar"] == year).any():
        return False
    return any((frame["ar"] == year).any() for frame in (data.net_costs, data.allocation, data.risks)
               if "ar" in frame)


def reports_for_year(data: Dataset, year: int, kinds: tuple[str, ...] = tuple(REPORTS)) -> list[tuple[str, str]]:
    """Every report the year's data supports, as (kind, period) in the order they are reported:
    each reporting period with assessments, T1 and T2 when their closing months have them, and
    the plan when the year has one."""
    wanted: list[tuple[str, str]] = []
    if "monthly" in kinds:
        wanted += [("monthly", key) for key in data.reporting_periods(year)]
    if "interim" in kinds:
        for label in ("T1", "T2"):
            try:
                wanted.append(("interim", _interim_period(data, f"{year}-{label}").key))
            except ReportError:
                pass
    if "plan" in kinds and has_plan_data(data, year):
        wanted.append(("plan", str(year)))
    return wanted


def latest_period(data: Dataset) -> str:
    """The latest reporting period with assessments (for the monthly schedule)."""
    periods = data.reporting_periods()
    if not periods:
        raise ReportError("Det finns inga bedömningar i datamappen, så ingen månadsrapport att rendera.")
    return periods[-1]


def years_with_data(data: Dataset) -> list[int]:
    return sorted({parse_period(k).year for k in data.reporting_periods()} | {int(y) for y in data.goal_areas["ar"]})
