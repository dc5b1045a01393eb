"""The report kinds: the one place where a kind's name is interpreted.

Each :class:`ReportKind` says which notebook renders it, how it names itself and its files, which
periods it takes and how a period the user typed resolves against the data ("2023-07" names the
combined period 2023-06..2023-07 when that is how it was reported), which adjustment sections
and texts it reads, and which function builds it. Everything else asks the registry.

Light on purpose (no pandas, Jupyter, nbconvert or Typst at import): the command line and
the batch's check for an unchanged run import this; the builders are imported when called.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable

from styrkort.data.errors import ReportError
from styrkort.data.periods import Period, parse_period

if TYPE_CHECKING:
    from styrkort.data.loading import Dataset


@dataclass(frozen=True)
class Header:
    """What the cover and every page header carry."""

    municipality: str
    board: str
    board_short: str
    administration: str
    title: str
    period_name: str
    diarienummer: str | None
    dated: date | None  # the report's date, from the data (upprättad)
    meeting: date | None  # the board meeting's date, from the data (sammanträdesdatum)


# --- how each kind resolves a period against the data --------------------------------------------------

def _reporting_period(data: Dataset, wanted: Period) -> Period:
    """A month or combined period with assessments; a month inside a combined period names it."""
    if wanted.kind not in ("month", "combined"):
        raise ReportError(f"En månadsrapport gäller en månad eller en sammanslagen period, inte {wanted.key}.")
    for key in data.reporting_periods(wanted.year):
        p = parse_period(key)
        if p == wanted or (wanted.kind == "month" and p.contains(wanted.first)):
            return p
    known = ", ".join(data.reporting_periods()) or "inga"
    raise ReportError(f"Det finns inga bedömningar för perioden {wanted.key}. Perioder med data: {known}.")


def _interim_period(data: Dataset, wanted: Period) -> Period:
    if wanted.kind != "interim":
        raise ReportError(f"En delårsrapport gäller ÅÅÅÅ-T1 (januari–april) eller ÅÅÅÅ-T2 (januari–augusti), "
                          f"inte {wanted.key}.")
    closing_period(data, wanted)
    return wanted


def _plan_year(data: Dataset, wanted: Period) -> Period:
    if wanted.kind != "year":
        raise ReportError(f"Nämnd- och förvaltningsplanen gäller ett år (ÅÅÅÅ), inte {wanted.key}.")
    if not data.has_goal_areas(wanted.year):
        years = ", ".join(str(y) for y in data.goal_area_years())
        raise ReportError(f"Det finns inga målområden för {wanted.year}. År med mål: {years}.")
    return wanted


def _closed_year(data: Dataset, wanted: Period) -> Period:
    """A year whose December has assessments and economy: the year the verksamhetsberättelse closes."""
    if wanted.kind != "year":
        raise ReportError(f"Verksamhetsberättelsen gäller ett år (ÅÅÅÅ), inte {wanted.key}.")
    december = parse_period(f"{wanted.year}-12")
    if not any(parse_period(key).contains(december.first) for key in data.reporting_periods(wanted.year)):
        latest = data.reporting_periods(wanted.year)
        raise ReportError(f"Verksamhetsberättelsen {wanted.year} sammanfattar hela året och kräver bedömningar för "
                          f"{december.name_sv}; senaste period med bedömningar {wanted.year}: "
                          f"{latest[-1] if latest else 'ingen'}.")
    if not (data.economy["period"] == december.key).any():
        raise ReportError(f"Det finns ingen ekonomisk uppföljning för {december.name_sv}, som "
                          f"verksamhetsberättelsen {wanted.year} redovisar årets utfall från.")
    return wanted


def closing_period(data: Dataset, p: Period) -> Period:
    """The reporting period holding a period's last month (April for T1, August for T2, December for
    a year): its units' results are the interim report's, its outcomes close the year."""
    for key in data.reporting_periods(p.year):
        if (reporting := parse_period(key)).contains(p.last):
            return reporting
    raise ReportError(f"Det finns inga bedömningar för {p.last.key}, som avslutar {p.key}.")


def interim_text_period(data: Dataset, p: Period) -> Period:
    """The period whose texts an interim report shows: its own where written, else its closing
    period's. (The batch's fingerprint reads the same texts.)"""
    return p if data.text(p.key, "viktiga-handelser") is not None else closing_period(data, p)


# --- the registry --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportKind:
    """A report type: its notebook, how it names itself, which periods it takes, what it reads."""

    name: str  # as on the command line and in the adjustment files' names
    notebook: str
    document: str  # the report type in dokument.csv
    type_name: str  # how a reader names the type
    file_prefix: str
    period_kinds: tuple[str, ...]  # the kinds of Period it is for
    adjustment_sections: tuple[str, ...]  # the sections of its adjustment file
    has_goal_outcomes: bool  # its Jan–Dec strip shows the year's monthly statuses
    builder: str  # "module:function" that builds the report object
    _resolve: Callable[[Any, Period], Period]
    _title: Callable[[Period], str]
    _text_period: Callable[[Any, Period], Period] = lambda data, p: p
    municipal: bool = False  # made from every board of a municipality (MunicipalData), not one board's data

    def resolve(self, data: Dataset, wanted: Period | str) -> Period:
        """The period this report is for: the user's text read once, then checked against the data."""
        return self._resolve(data, parse_period(wanted) if isinstance(wanted, str) else wanted)

    def title(self, p: Period) -> str:
        return self._title(p)

    def stem(self, p: Period) -> str:
        """The file name of a report without its suffix: ``manadsrapport-augusti-2024``."""
        return f"{self.file_prefix}-{p.slug}"

    def text_period(self, data: Dataset, p: Period) -> Period:
        """The period whose texts (``texter/<period>/``) the report shows."""
        return self._text_period(data, p)

    def text_periods(self, data: Dataset, p: Period) -> list[str]:
        """Every period whose texts the report may read: its own and the one it shows."""
        return sorted({p.key, self.text_period(data, p).key})

    def header(self, data: Dataset, p: Period) -> Header:
        org = data.organisation
        return Header(org["kommun"], org["namnd"], org["namnd_forkortning"], org["forvaltning"], self.title(p),
                      p.name_sv, data.diarienummer(self.document, p.key), *data.document_dates(self.document, p.key))

    def build(self, data: Dataset, p: Period, params: Any, adjustments: Any = None) -> Any:
        """The report object, built by the kind's builder (imported when first asked for)."""
        module, _, function = self.builder.partition(":")
        return getattr(importlib.import_module(module), function)(data, p, params, adjustments)


MONTHLY = ReportKind(
    "monthly", "monthly.ipynb", "månadsrapport", "Månadsrapport", "manadsrapport", ("month", "combined"),
    ("status",), True, "styrkort.reports.monthly:monthly_report",
    _reporting_period, lambda p: f"Månadsrapport {p.name_sv}")
INTERIM = ReportKind(
    "interim", "interim.ipynb", "delårsrapport", "Delårsrapport", "delarsrapport", ("interim",),
    ("status", "prognos"), True, "styrkort.reports.interim:interim_report",
    _interim_period, lambda p: f"Delårsrapport {p.label[1]} {p.year}", interim_text_period)
PLAN = ReportKind(
    "plan", "annual_plan.ipynb", "plan", "Nämnd- och förvaltningsplan", "namnd-och-forvaltningsplan", ("year",),
    ("kommunbidrag", "risker"), False, "styrkort.reports.plan:annual_plan",
    _plan_year, lambda p: f"Nämnd- och förvaltningsplan {p.year}")
ANNUAL = ReportKind(
    "annual-report", "annual_report.ipynb", "verksamhetsberättelse", "Verksamhetsberättelse",
    "verksamhetsberattelse", ("year",), ("malbedomning", "risker"), True, "styrkort.reports.annual:annual_report",
    _closed_year, lambda p: f"Verksamhetsberättelse {p.year}")


def board_kind(p: Period) -> ReportKind:
    """The board report a municipality's summary of ``p`` sums up: the interim report of T1 and T2,
    else the monthly report."""
    return INTERIM if p.kind == "interim" else MONTHLY


def _summarised_period(data: Any, wanted: Period) -> Period:
    """A month, combined period or interim period that some board of the municipality reports."""
    if wanted.kind not in ("month", "combined", "interim"):
        raise ReportError(f"Den kommunövergripande uppföljningen gäller en månad eller ÅÅÅÅ-T1/ÅÅÅÅ-T2, inte "
                          f"{wanted.key}.")
    reasons = []
    for board in data.boards:
        try:
            return board_kind(wanted).resolve(board.data, wanted)
        except ReportError as exc:
            reasons.append(f"{board.key}: {exc}")
    raise ReportError(f"Ingen nämnd har rapporterat {wanted.key}. " + " ".join(reasons))


def _summary_title(p: Period) -> str:
    """``Kommunövergripande uppföljning delår 2 2024``, ``… augusti 2024``."""
    return "Kommunövergripande uppföljning " + (f"delår {p.label[1]} {p.year}" if p.label else p.name_sv)


MUNICIPALITY = ReportKind(
    "municipality", "municipality.ipynb", "kommunövergripande uppföljning", "Kommunövergripande uppföljning",
    "kommunovergripande-uppfoljning", ("month", "combined", "interim"), (), False,
    "styrkort.reports.municipality:municipality_report", _summarised_period, _summary_title, municipal=True)

#: Every kind, in the order a year is reported: the monthly reports, the interim reports, the plan, the
#: verksamhetsberättelse, and the municipality's summary of every board.
REPORTS: dict[str, ReportKind] = {k.name: k for k in (MONTHLY, INTERIM, PLAN, ANNUAL, MUNICIPALITY)}
#: The order a batch hands reports to its workers: the heaviest first, so that the last to finish is
#: a short one.
HEAVIEST_FIRST: tuple[str, ...] = (PLAN.name, ANNUAL.name, INTERIM.name, MONTHLY.name, MUNICIPALITY.name)


def report_kind(name: str | ReportKind) -> ReportKind:
    """The kind of this name; an unknown name is refused in Swedish."""
    if isinstance(name, ReportKind):
        return name
    if name not in REPORTS:
        raise ReportError(f"Okänd rapporttyp {name!r}; kända: {', '.join(REPORTS)}.")
    return REPORTS[name]


def parse_kinds(text: str | None) -> tuple[ReportKind, ...]:
    """``"monthly,plan"`` → (MONTHLY, PLAN), in report order; unknown names are refused."""
    if text is None:
        return tuple(REPORTS.values())
    names = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [n for n in names if n not in REPORTS]
    if unknown or not names:
        raise ReportError(f"Okänd rapporttyp {', '.join(unknown) or '(ingen)'}; kända: {', '.join(REPORTS)}.")
    return tuple(k for k in REPORTS.values() if k.name in names)


def kind_of_period(p: Period) -> ReportKind:
    """The kind a period on its own names: a year the plan (not the verksamhetsberättelse), T1/T2 the
    interim report, else monthly (not the municipality's summary)."""
    return next(k for k in REPORTS.values() if p.kind in k.period_kinds)


def document_metadata(kind: ReportKind, data: Dataset, p: Period, title: str,
                      rendered_at: datetime | None = None) -> dict:
    """What the exported document says about itself (``<title>``, ``<meta>``, the running header
    of the printed pages, the PDF's metadata) and what the index lists. From data only."""
    org = data.organisation
    diarienummer = data.diarienummer(kind.document, p.key)
    meta = {
        "title": title, "kind": kind.name, "period": p.key, "period_name": p.name_sv,
        "document": kind.document, "municipality": org["kommun"], "board": org["namnd"],
        "author": org["forvaltning"], "subject": p.name_sv,
        "keywords": [x for x in (kind.document, p.name_sv, org["namnd"], org["kommun"],
                                 f"Diarienummer {diarienummer}" if diarienummer else "") if x],
        "diarienummer": diarienummer or "",
    }
    dated, _ = data.document_dates(kind.document, p.key)
    if dated is not None:
        meta["dated"] = dated.isoformat()
    if rendered_at is not None:
        meta["rendered_at"] = rendered_at.isoformat(timespec="seconds")
    return meta


def has_plan_data(data: Dataset, year: int) -> bool:
    """A year has a plan to render when it has goal areas and some of the plan's own tables."""
    if not data.has_goal_areas(year):
        return False
    return any((frame["ar"] == year).any() for frame in (data.net_costs, data.allocation, data.risks)
               if "ar" in frame)


def reports_for_year(data: Dataset, year: int, kinds: tuple[ReportKind, ...] = tuple(REPORTS.values())
                     ) -> list[tuple[ReportKind, Period]]:
    """Every report the year's data supports, in the order they are reported: each reporting
    period with assessments, T1 and T2 when their closing months have them, the plan when the
    year has one, and the verksamhetsberättelse once December has assessments and economy."""
    wanted: list[tuple[ReportKind, Period]] = []
    if MONTHLY in kinds:
        wanted += [(MONTHLY, parse_period(key)) for key in data.reporting_periods(year)]
    if INTERIM in kinds:
        for label in ("T1", "T2"):
            try:
                wanted.append((INTERIM, INTERIM.resolve(data, f"{year}-{label}")))
            except ReportError:
                pass
    if PLAN in kinds and has_plan_data(data, year):
        wanted.append((PLAN, parse_period(str(year))))
    if ANNUAL in kinds:
        try:
            wanted.append((ANNUAL, ANNUAL.resolve(data, str(year))))
        except ReportError:
            pass
    return wanted


def latest_period(data: Dataset, years: list[int] | None = None) -> Period:
    """The latest reporting period with assessments, of ``years`` or of all (the monthly schedule)."""
    periods = [k for y in years for k in data.reporting_periods(y)] if years else data.reporting_periods()
    if not periods:
        where = f" för {', '.join(map(str, years))}" if years else " i datamappen"
        raise ReportError(f"Det finns inga bedömningar{where}, så ingen månadsrapport att rendera.")
    return parse_period(periods[-1])
