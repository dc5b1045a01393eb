"""Load a data folder into validated tables. The only place that reads unit data files.

``load_data(folder)`` returns a :class:`Dataset` or raises :class:`DataError` listing every
problem with file, row, column, value and what is allowed. Notebooks and the renderer call
it; nothing else opens the files, so another store can replace the folder behind it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from styrkort.data import contract, store
from styrkort.data.bridge import check_bridges
from styrkort.data.budgets import MonthlyBudgets, check_monthly_budgets
from styrkort.data.contract import TOTAL
from styrkort.data.errors import DataError, Problem
from styrkort.data.periods import Month, PeriodError, current_month, parse_period
from styrkort.data.rules import GoalAreas, overlapping_period
from styrkort.data.decoding import decode
from styrkort.data.tables import empty_frame, find_table_file, read_rows, typed_frame
from styrkort.data.units import Lifecycle, check_lifecycle, check_unit_months
from styrkort.data.values import optional_float
from styrkort.data.yearend import check_year_end


class Documents:
    """What ``dokument`` says about a report (its diarienummer and dates), for a data set with a
    ``documents`` frame: a board's, or a municipality's for its own summaries."""

    documents: pd.DataFrame

    def _document(self, report: str, period_key: str, column: str) -> str | None:
        """A cell of the report's row in ``dokument``; None without a row or a value."""
        d = self.documents
        hit = d[(d["rapport"] == report) & (d["period"] == period_key)]
        value = hit[column].iloc[0] if not hit.empty and column in hit else None
        return str(value) if isinstance(value, str) and value else None

    def diarienummer(self, report: str, period_key: str) -> str | None:
        return self._document(report, period_key, "diarienummer")

    def has_economic_follow_up(self, report: str, period_key: str) -> bool:
        """Whether the report has an economic follow-up: ``dokument`` says ``nej`` for one without."""
        return self._document(report, period_key, "ekonomisk_uppfoljning") != "nej"

    def document_dates(self, report: str, period_key: str) -> tuple[date | None, date | None]:
        """The report's own date and its board meeting's, where ``dokument`` gives them."""
        return tuple(date.fromisoformat(v) if v else None for v in
                     (self._document(report, period_key, c) for c in ("datum", "sammantradesdatum")))


@dataclass(frozen=True)
class Dataset(Documents):
    folder: Path
    organisation: Mapping[str, str]
    documents: pd.DataFrame
    activity_areas: pd.DataFrame
    units: pd.DataFrame
    reorganisations: pd.DataFrame
    goal_areas: pd.DataFrame
    board_goals: pd.DataFrame
    indicators: pd.DataFrame
    assessments: pd.DataFrame
    indicator_values: pd.DataFrame
    economy: pd.DataFrame
    monthly_budget: pd.DataFrame
    unit_economy: pd.DataFrame
    economy_comments: pd.DataFrame
    goal_forecasts: pd.DataFrame
    net_costs: pd.DataFrame
    allocation: pd.DataFrame
    risks: pd.DataFrame
    agenda_2030: pd.DataFrame
    year_wheel: pd.DataFrame
    rates: pd.DataFrame
    accessibility_activities: pd.DataFrame
    assignments: pd.DataFrame
    assignment_follow_up: pd.DataFrame
    risk_follow_up: pd.DataFrame
    internal_control: pd.DataFrame
    year_outcome: pd.DataFrame
    balance_items: pd.DataFrame
    staff_figures: pd.DataFrame
    texts: Mapping[tuple[str, str], str] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    @cached_property
    def lifecycle(self) -> Lifecycle:
        """When each unit exists, and the reorganisations (:mod:`styrkort.data.units`)."""
        return Lifecycle.from_frames(self.units, self.reorganisations)

    def units_in(self, p) -> pd.DataFrame:
        """The units that exist in some month of the period ``p``, in their order."""
        alive = set(self.lifecycle.existing(self.units["enhet_id"], p))
        return self.units[self.units["enhet_id"].isin(alive)]

    def units_of_periods(self, year: int) -> dict[str, list[str]]:
        """Each reporting period of ``year`` → the units that existed in it: the ones a roll-up counts."""
        ids = list(self.units["enhet_id"])
        return {k: self.lifecycle.existing(ids, parse_period(k)) for k in self.reporting_periods(year)}

    @cached_property
    def monthly_budgets(self) -> MonthlyBudgets:
        """The periodised budget (:mod:`styrkort.data.budgets`)."""
        return MonthlyBudgets(self.monthly_budget)

    def text(self, period_key: str, name: str) -> str | None:
        return self.texts.get((period_key, name))

    @cached_property
    def goal_area_numbers(self) -> GoalAreas:
        """The goal areas of each year (:class:`~styrkort.data.rules.GoalAreas`)."""
        return GoalAreas(zip(self.goal_areas["ar"], self.goal_areas["malomrade"]))

    def has_goal_areas(self, year: int) -> bool:
        return bool(self.goal_area_numbers.of(year))

    def goal_area_years(self) -> list[int]:
        return self.goal_area_numbers.years()

    def reporting_periods(self, year: int | None = None) -> list[str]:
        """Period keys with assessments, in time order."""
        keys = {k for k in self.assessments["period"].unique()}
        periods = sorted((parse_period(k) for k in keys), key=lambda p: p.first)
        return [p.key for p in periods if year is None or p.year == year]


_ATTRS = {
    "organisation": "organisation", "dokument": "documents", "verksamheter": "activity_areas",
    "enheter": "units", "omorganisationer": "reorganisations", "malomraden": "goal_areas", "namndmal": "board_goals", "indikatorer": "indicators",
    "bedomningar": "assessments", "indikatorvarden": "indicator_values", "ekonomi": "economy",
    "manadsbudget": "monthly_budget", "ekonomi_enhet": "unit_economy", "ekonomikommentarer": "economy_comments", "malprognos": "goal_forecasts",
    "nettokostnad": "net_costs", "kommunbidrag": "allocation", "risker": "risks", "agenda2030": "agenda_2030", "arshjul": "year_wheel", "ersattningar": "rates",
    "tillganglighetsplan": "accessibility_activities", "uppdrag": "assignments",
    "uppdragsuppfoljning": "assignment_follow_up", "riskuppfoljning": "risk_follow_up",
    "internkontroll": "internal_control", "arsutfall": "year_outcome", "balanskrav": "balance_items",
    "personal": "staff_figures",
}


def load_data(folder: str | Path, today: date | None = None, *, pending: tuple = (),
              pending_label: str = "") -> Dataset:
    """Read and validate every file of the contract in ``folder``, with the current submissions
    of the intake store (``inlamningar.sqlite``) in place of the files' rows for their unit and
    period. ``pending`` submissions, not yet stored, are added the same way: an import checks
    with them that the data will still load before it stores anything.

    A folder loaded before and unchanged since (:func:`folder_state`) is not read again: the
    caller gets its own copy of what was loaded then."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), "mappen finns inte")], str(folder))
    try:
        store.recover(folder)  # what a killed import left, put right before anything is read
    except store.StoreError as exc:
        raise DataError([Problem(store.STORE_NAME, str(exc))], str(folder)) from None
    state = None if pending else folder_state(folder)
    key = None if state is None else (folder.resolve(), state, current_month(today))
    if key is not None and key in _LOADED:
        _LOADED.move_to_end(key)
        return _copy(_LOADED[key])
    data = _load(folder, today, pending, pending_label)
    if key is not None:
        _LOADED[key] = data
        while len(_LOADED) > _LOADED_MAX:
            _LOADED.popitem(last=False)
    return _copy(data)


#: The data sets loaded last, by folder and :func:`folder_state`: a warm kernel renders a year's
#: reports from one folder, and reads and checks it once instead of once a report (0.1 s each).
_LOADED: OrderedDict[tuple, Dataset] = OrderedDict()
_LOADED_MAX = 4


def folder_state(folder: Path) -> tuple | None:
    """What :func:`load_data` reads in ``folder``, in a form that changes whenever it does: a hash
    of every table file and text, and the intake store's :func:`~styrkort.data.store.version`.
    None when part of it cannot be read: the folder is then loaded, and the loading says why."""
    state: list[tuple] = []
    tables = [path for spec in contract.TABLES for path in contract.table_paths(folder, spec.name)]
    for path in [*tables, *_text_files(folder)]:
        try:
            state.append((path.relative_to(folder).as_posix(), hashlib.blake2b(path.read_bytes()).digest()))
        except FileNotFoundError:
            continue
        except OSError:
            return None
    stored = store.version(folder)
    if stored is None and store.store_path(folder).exists():
        return None
    return (*state, stored)


def _copy(data: Dataset) -> Dataset:
    """A data set of its own: a caller that changes a frame changes only its own."""
    frames = {f.name: value.copy() for f in fields(data) if isinstance(value := getattr(data, f.name), pd.DataFrame)}
    return replace(data, organisation=dict(data.organisation), texts=dict(data.texts), **frames)


def _load(folder: Path, today: date | None, pending: tuple, pending_label: str) -> Dataset:
    """Read and check the folder (see :func:`load_data`)."""
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    files: list[Path] = []
    names = {spec.name: f"{spec.name}.csv" for spec in contract.TABLES}
    for spec in contract.TABLES:
        path = find_table_file(folder, spec, problems)
        if path is None:
            tables[spec.name] = empty_frame(spec)
            continue
        files.append(path)
        names[spec.name] = path.name
        rows = read_rows(path, spec, problems)
        tables[spec.name] = typed_frame(path.name, spec, rows, problems, current_month(today))
    _apply_store(folder, tables, problems, current_month(today), pending, pending_label)
    if not problems:
        _check_references(tables, names, problems)
        _check_units(tables, names, problems)
        _check_indicators(tables, names, problems)
        _check_periods(tables, names, problems)
        _check_plan(tables, names, problems)
        problems.extend(check_year_end(tables, names))
    texts = _read_texts(folder, problems, files)
    if problems:
        raise DataError(problems, str(folder))
    org = tables.pop("organisation").iloc[0].to_dict()
    frames = {_ATTRS[name]: df.drop(columns="_file", errors="ignore") for name, df in tables.items()}
    for name in ("activity_areas", "units"):
        frames[name] = frames[name].sort_values("ordning", kind="stable").reset_index(drop=True)
    return Dataset(folder=folder, organisation=org, texts=texts, files=tuple(sorted(files)), **frames)


def _apply_store(folder: Path, tables: dict[str, pd.DataFrame], problems: list[Problem], now: Month,
                 pending: tuple, pending_label: str) -> None:
    """The intake store's current submissions replace the folder's rows for the same unit and
    period; their rows are validated like a file's, and named by submission in messages."""
    try:
        overlay = store.overlay(folder, pending, pending_label)
    except store.StoreError as exc:
        problems.append(Problem(store.STORE_NAME, str(exc)))
        return
    if overlay is None:
        return
    for name, rows in overlay.rows.items():
        spec, frame = contract.BY_NAME[name], tables[name]
        keep = [(u, p) not in overlay.replaces for u, p in zip(frame["enhet_id"], frame["period"])]
        parts = [frame[keep]] if any(keep) else []
        by_file: dict[str, list[dict]] = {}
        for r in rows:
            by_file.setdefault(r["_file"], []).append(r)
        for label, group in by_file.items():
            typed = typed_frame(label, spec, group, problems, now)
            typed["_row"] = [r["_row"] for r in group]
            typed["_file"] = label
            parts.append(typed)
        tables[name] = pd.concat(parts, ignore_index=True) if parts else frame


def _source(row: Any, default: str) -> str:
    """The file a row came from: the intake store's submission, or the table's file."""
    f = row.get("_file") if hasattr(row, "get") else None
    return f if isinstance(f, str) else default


def _check_references(tables: dict[str, pd.DataFrame], names: dict[str, str], problems: list[Problem]) -> None:
    for spec in contract.TABLES:
        frame = tables[spec.name]
        for col, other, ocol in spec.references:
            known = set(tables[other][ocol].dropna())
            sources = frame["_file"] if "_file" in frame else [None] * len(frame)
            for value, row, source in zip(frame[col], frame["_row"], sources):
                if value is not None and value not in known:
                    listed = ", ".join(sorted(map(str, known))[:15])
                    problems.append(Problem(_source({"_file": source}, names[spec.name]),
                                            f"{value!r} finns inte i {other}; kända: {listed}", row=row, column=col))
    areas = GoalAreas(zip(tables["malomraden"]["ar"], tables["malomraden"]["malomrade"]))

    def check_area(table: str, years) -> None:
        frame = tables[table]
        sources = frame["_file"] if "_file" in frame else [None] * len(frame)
        for year, area, row, source in zip(years, frame["malomrade"], frame["_row"], sources):
            if message := areas.unknown(area, year):
                problems.append(Problem(_source({"_file": source}, names[table]), message, row=row,
                                        column="malomrade"))

    check_area("namndmal", tables["namndmal"]["ar"])
    check_area("indikatorer", tables["indikatorer"]["ar"])
    check_area("risker", tables["risker"]["ar"])
    check_area("agenda2030", tables["agenda2030"]["ar"])
    check_area("uppdrag", tables["uppdrag"]["ar"])
    check_area("malprognos", [parse_period(k).year for k in tables["malprognos"]["period"]])
    for key, row in zip(tables["malprognos"]["period"], tables["malprognos"]["_row"]):
        if parse_period(key).kind != "interim":
            problems.append(Problem(names["malprognos"], f"{key!r} är ingen delårsperiod; skriv ÅÅÅÅ-T1 eller ÅÅÅÅ-T2",
                                    row=row, column="period"))
    check_area("bedomningar", [parse_period(k).year for k in tables["bedomningar"]["period"]])
    indicators = {(a, i) for a, i in zip(tables["indikatorer"]["ar"], tables["indikatorer"]["indikator_id"])}
    values = tables["indikatorvarden"]
    sources = values["_file"] if "_file" in values else [None] * len(values)
    for key, indicator, row, source in zip(values["period"], values["indikator_id"], values["_row"], sources):
        year = parse_period(key).year
        if (year, indicator) not in indicators:
            problems.append(Problem(_source({"_file": source}, names["indikatorvarden"]),
                                    f"indikatorn {indicator!r} finns inte för {year} i indikatorer", row=row,
                                    column="indikator_id"))


def _check_units(tables: dict[str, pd.DataFrame], names: dict[str, str], problems: list[Problem]) -> None:
    """Units' spans and reorganisations, and no unit's data outside the months it exists."""
    life = Lifecycle.from_frames(tables["enheter"], tables["omorganisationer"])
    units, reorg = tables["enheter"], tables["omorganisationer"]
    problems.extend(check_lifecycle(life, names["enheter"], names["omorganisationer"],
                                    dict(zip(units["enhet_id"], units["_row"])),
                                    {(o, n): r for o, n, r in zip(reorg["fran_enhet"], reorg["till_enhet"], reorg["_row"])}))
    for table in ("bedomningar", "indikatorvarden", "ekonomi_enhet", "manadsbudget", "ekonomikommentarer"):
        frame = tables[table]
        sources = frame["_file"] if "_file" in frame else [None] * len(frame)
        for source, group in _by_source(frame, sources):
            problems.extend(check_unit_months(life, _source({"_file": source}, names[table]), group["enhet_id"],
                                              group["period"], group["_row"], column="enhet_id"))
    problems.extend(check_monthly_budgets(MonthlyBudgets(tables["manadsbudget"]), names["manadsbudget"],
                                          tables["ekonomi"], names["ekonomi"], tables["ekonomi_enhet"],
                                          names["ekonomi_enhet"]))


def _by_source(frame: pd.DataFrame, sources) -> list[tuple[str | None, pd.DataFrame]]:
    """The frame's rows grouped by the file (or intake submission) they came from."""
    labels = [s if isinstance(s, str) else None for s in sources]
    return [(label, frame[[x == label for x in labels]]) for label in dict.fromkeys(labels)]


def _check_indicators(tables: dict[str, pd.DataFrame], names: dict[str, str], problems: list[Problem]) -> None:
    """A target direction has its target; an interval runs upwards."""
    frame = tables["indikatorer"]
    for r in frame.to_dict("records"):
        low, high = optional_float(r.get("malvarde")), optional_float(r.get("malvarde_max"))
        if r["riktning"] in ("mål", "högst", "intervall") and low is None:
            problems.append(Problem(names["indikatorer"], f"riktningen {r['riktning']} behöver ett målvärde",
                                    row=r["_row"], column="malvarde"))
        elif r["riktning"] == "intervall" and (high is None or high < low):
            problems.append(Problem(names["indikatorer"], f"intervallet behöver ett malvarde_max som är minst "
                                                          f"malvarde ({low:g})", row=r["_row"], column="malvarde_max"))


def _check_plan(tables: dict[str, pd.DataFrame], names: dict[str, str], problems: list[Problem]) -> None:
    known = set(tables["verksamheter"]["verksamhet"])
    for value, row in zip(tables["nettokostnad"]["verksamhet"], tables["nettokostnad"]["_row"]):
        if value not in known and value != TOTAL:
            problems.append(Problem(names["nettokostnad"], f"{value!r} finns inte i verksamheter; kända: "
                                                           f"{', '.join(sorted(known))}, eller {TOTAL} för summaraden",
                                    row=row, column="verksamhet"))
    if not tables["kommunbidrag"].empty:
        problems.extend(check_bridges(tables["kommunbidrag"], names["kommunbidrag"]))


def _check_periods(tables: dict[str, pd.DataFrame], names: dict[str, str], problems: list[Problem]) -> None:
    """A month belongs to one reporting period only (2023-07 and 2023-06..2023-07 cannot both exist)."""
    seen: list[str] = []
    for key in sorted(set(tables["bedomningar"]["period"]) | set(tables["indikatorvarden"]["period"])):
        if other := overlapping_period(parse_period(key), seen):
            problems.append(Problem(names["bedomningar"], f"perioderna {other.key} och {key} överlappar; en månad kan "
                                                          "bara höra till en rapportperiod", column="period"))
        seen.append(key)


def _read_texts(folder: Path, problems: list[Problem], files: list[Path]) -> dict[tuple[str, str], str]:
    texts: dict[tuple[str, str], str] = {}
    for path in _text_files(folder):
        rel = path.relative_to(folder).as_posix()
        try:
            key = parse_period(path.parent.name).key
        except PeriodError as exc:
            problems.append(Problem(rel, f"mappnamnet är ingen period: {exc}"))
            continue
        if path.suffix != ".md" or not contract.text_name_allowed(path.stem):
            allowed = ", ".join(f"{name}.md" for name in contract.TEXTS)
            problems.append(Problem(rel, f"okänd textfil; tillåtna är {allowed}"))
            continue
        files.append(path)
        texts[(key, path.stem)] = decode(path.read_bytes())
    return texts


def _text_files(folder: Path) -> list[Path]:
    """Every file one level down in ``texter/`` (a period's folder): the texts, and what only
    looks like one (which loading refuses)."""
    root = folder / "texter"
    return sorted(root.glob("*/*")) if root.is_dir() else []
