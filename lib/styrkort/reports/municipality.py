"""The municipality's summary of every board (kommunövergripande uppföljning) for a month or an
interim period, for the executive board: each board's goal areas with their status, its budget and
full-year forecast with the deviation, and the municipality's total.

Every figure is the board's own report's: the summary builds each board's monthly or interim report
for the period, with the board's own settings and saved adjustments, and reads its outcome per goal
area and its economy from it. So the executive board reads the numbers each board decided on. A
board's allocation (kommunbidrag) is its budget, as the boards' reports state it. At T2 the boards'
forecast against their allocations is set against the balance requirement; the result proper is set
for the municipality as a whole, with its tax revenue and financial items, which are not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from styrkort.data.errors import ReportError
from styrkort.data.municipal import MunicipalData
from styrkort.data.params import BudgetThresholds, Params
from styrkort.data.periods import Period
from styrkort.data.status import Status
from styrkort.reports.adjustments import Adjustments
from styrkort.reports.economy import deviation_status, percent_of
from styrkort.reports.kinds import MUNICIPALITY, Header, board_kind


@dataclass(frozen=True)
class BoardArea:
    number: int
    name: str
    status: Status | None
    set_by_hand: bool


@dataclass(frozen=True)
class BoardSummary:
    """One board in the summary: its report for the period and what it says, or why it is missing."""

    key: str
    name: str
    report_title: str = ""
    report_href: str = ""  # the board's own report, from the summary's folder
    areas: tuple[BoardArea, ...] = ()
    budget: float | None = None  # the allocation (kommunbidrag)
    forecast: float | None = None
    status: Status | None = None  # the budget deviation's, by the board's own thresholds
    missing: str = ""

    @property
    def deviation(self) -> float | None:
        """Forecast − allocation, net costs negative: positive is a lower cost than allocated."""
        return None if self.forecast is None or self.budget is None else self.forecast - self.budget

    @property
    def deviation_percent(self) -> float | None:
        return percent_of(self.deviation, self.budget)


@dataclass(frozen=True)
class MunicipalityReport:
    header: Header
    period: Period
    boards: tuple[BoardSummary, ...]
    thresholds: BudgetThresholds  # the params file's, for the total

    @property
    def balance_checked(self) -> bool:
        """T2, the statutory interim report: the forecast is set against the balance requirement."""
        return self.period.label == "T2"

    @property
    def with_forecast(self) -> tuple[BoardSummary, ...]:
        return tuple(b for b in self.boards if b.deviation is not None)

    @property
    def budget(self) -> float:
        return sum(b.budget for b in self.with_forecast)

    @property
    def forecast(self) -> float:
        return sum(b.forecast for b in self.with_forecast)

    @property
    def deviation(self) -> float:
        return self.forecast - self.budget

    @property
    def deviation_percent(self) -> float | None:
        return percent_of(self.deviation, self.budget)

    @property
    def status(self) -> Status | None:
        """The total's budget deviation, by the params file's thresholds."""
        return deviation_status(self.deviation_percent, self.thresholds)


def _board(key: str, name: str, report, href: str) -> BoardSummary:
    areas = tuple(BoardArea(a.number, a.name, a.outcome.status, a.outcome.set_by_hand) for a in report.areas)
    economy = report.economy if getattr(report, "economic_follow_up", True) else None
    total = economy.total if economy is not None else None
    return BoardSummary(key, name, report.header.title, href, areas, total.budget if total else None,
                        total.forecast if total else None, economy.status if economy is not None else None)


def municipality_report(data: MunicipalData, p: Period, params: Params,
                        adjustments: Mapping[str, Adjustments] | None = None) -> MunicipalityReport:
    """The summary of ``p`` (resolved by :data:`~styrkort.reports.kinds.MUNICIPALITY`) from each board's
    own report, with ``adjustments`` per board (:func:`~styrkort.reports.adjustments.load_board_adjustments`)."""
    kind = board_kind(p)
    built = {}
    for b in data.boards:
        try:
            bp = kind.resolve(b.data, p)
        except ReportError as exc:  # the board has not reported the period
            built[b.key] = BoardSummary(b.key, b.name, missing=str(exc))
            continue
        report = kind.build(b.data, bp, b.params, (adjustments or {}).get(b.key))
        built[b.key] = _board(b.key, b.name, report, f"../{b.key}/{bp.key}/{kind.stem(bp)}.html")
    for key, why in data.unusable:
        built[key] = BoardSummary(key, key, missing=f"Nämndens underlag kan inte användas: {why.splitlines()[0]}")
    boards = tuple(built[b.key] for b in data.municipality.boards if b.key in built)
    return MunicipalityReport(MUNICIPALITY.header(data, p), p, boards, params.budget_deviation)
