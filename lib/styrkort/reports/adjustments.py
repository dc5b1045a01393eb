"""The analyst's adjustments: what only a person can judge, saved so scheduled runs render it.

One YAML file per report and period under ``params/justeringar/`` (``monthly-2024-08.yaml``,
``interim-2024-T2.yaml``, ``plan-2024.yaml``), written by the notebooks' Save buttons and
readable and editable by hand. Every entry carries a reason (``motivering``), who (``av``)
and when (``tid``). Keys are Swedish like the data's columns::

    rapport: monthly
    period: 2024-08
    status:                      # monthly and interim reports (the plan has no goal outcomes)
    - {malomrade: 1, status: Grön, motivering: …, av: anna, tid: 2026-11-23T12:00:00}
    kommunbidrag:                # plan: a step's amount (belopp) or a percentage step's rate (procent)
    - {steg: prisuppräkning, procent: 4.5, motivering: …}
    risker:                      # plan: probability and consequence after actions (both or neither),
    - {risk: R1, sannolikhet: 3, konsekvens: 4, bedomning: …, motivering: …}   # and/or the actions' assessment
    prognos:                     # interim: tkr added to the forecast, net-cost sign
    - {verksamhet: Barn- och ungdomsvård, justering: -1500, motivering: …}
    malbedomning:                # annual report: a board goal's assessment for the year
    - {mal: "1.1", bedomning: delvis uppfyllt, motivering: …}

In the annual report (``annual-report-2024.yaml``) ``risker`` sets a risk's closing probability,
consequence and assessment.

A file that names an unknown area, step, risk or activity, a status outside Grön/Gul/Röd, or
an entry without a reason is refused with the file and the entry named.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

import yaml

from styrkort.data import fmt
from styrkort.data.atomic import write_atomic
from styrkort.data.errors import DataError, Problem, ReportError
from styrkort.data.identity import current_user
from styrkort.data.loading import Dataset
from styrkort.data.locks import exclusive
from styrkort.data.params import Params
from styrkort.data.periods import Period
from styrkort.data.status import StatusError, parse_status
from styrkort.data.values import whole_number
from styrkort.data.yamlfile import is_number, is_text, read_yaml
from styrkort.reports.kinds import MONTHLY, REPORTS, ReportKind, board_kind
from styrkort.reports.outcomes import YEAR_ASSESSMENTS, Override

SECTIONS = {
    "status": ("malomrade", "status"),
    "kommunbidrag": ("steg",),
    "risker": ("risk",),
    "prognos": ("verksamhet", "justering"),
    "malbedomning": ("mal", "bedomning"),
}
#: Keys an entry may have besides its required ones: a step's amount or rate; a risk's probability
#: and consequence after actions (both or neither) and the assessment of its actions.
OPTIONAL = {"kommunbidrag": ("belopp", "procent"), "risker": ("sannolikhet", "konsekvens", "bedomning")}
META = ("motivering", "av", "tid")
#: What each field holds; a list, a mapping, ``true``, ``.inf`` or ``.nan`` is refused where a value belongs.
_FIELDS = {"malomrade": "whole", "status": "text", "steg": "text", "belopp": "number", "procent": "number",
           "risk": "text", "sannolikhet": "whole", "konsekvens": "whole", "bedomning": "text", "verksamhet": "text",
           "justering": "number", "motivering": "text", "av": "text", "mal": "id"}
_FIELD_CHECKS = {"whole": lambda v: is_number(v) and whole_number(v) is not None, "text": is_text,
                 "number": is_number, "id": lambda v: is_text(v) or is_number(v)}
_KIND_TEXT = {"whole": "ett heltal", "text": "en text", "number": "ett tal", "id": "ett mål-id som 1.1"}


@dataclass(frozen=True)
class Entry:
    """One adjustment: its values (Swedish keys as in the file), the reason, who and when."""

    values: Mapping[str, Any]
    reason: str
    by: str = ""
    at: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass(frozen=True)
class Adjustments:
    report: str
    period: str
    status: tuple[Entry, ...] = ()
    bridge: tuple[Entry, ...] = ()
    risks: tuple[Entry, ...] = ()
    forecast: tuple[Entry, ...] = ()
    goal_assessments: tuple[Entry, ...] = ()
    source: str = ""
    # Status set in other reports of the same year, so that the Jan–Dec strip shows them.
    year_status: Mapping[tuple[str, int], Override] = field(default_factory=dict)

    def overrides_for(self, period_key: str) -> dict[tuple[str, int], Override]:
        """(period, area) → Override. This report's entries apply to ``period_key`` (an interim
        report's to its closing month) and win over the year's other reports."""
        own = {(period_key, int(e.get("malomrade"))): _override(e) for e in self.status}
        return {**self.year_status, **own}

    def bridge_amounts(self) -> dict[str, float]:
        return {e.get("steg"): float(e.get("belopp")) for e in self.bridge if e.get("belopp") is not None}

    def bridge_rates(self) -> dict[str, float]:
        return {e.get("steg"): float(e.get("procent")) for e in self.bridge if e.get("procent") is not None}

    def risk_changes(self) -> dict[str, tuple[int, int]]:
        """Risk → (probability, consequence) after actions, where an entry sets them."""
        return {e.get("risk"): (int(e.get("sannolikhet")), int(e.get("konsekvens"))) for e in self.risks
                if e.get("sannolikhet") is not None and e.get("konsekvens") is not None}

    def risk_assessments(self) -> dict[str, str]:
        """Risk → the analyst's assessment of its actions, where an entry gives one."""
        return {e.get("risk"): str(e.get("bedomning")) for e in self.risks if e.get("bedomning")}

    def forecast_changes(self) -> dict[str, float]:
        return {e.get("verksamhet"): float(e.get("justering")) for e in self.forecast}

    def goal_assessment(self, goal_id: str) -> Entry | None:
        """The analyst's year assessment of a board goal, where one is set."""
        return next((e for e in self.goal_assessments if str(e.get("mal")) == goal_id), None)


#: Each section of the file → the attribute of :class:`Adjustments` holding its entries.
SECTION_ATTRS = {"status": "status", "kommunbidrag": "bridge", "risker": "risks", "prognos": "forecast",
         "malbedomning": "goal_assessments"}


def _override(e: Entry) -> Override:
    return Override(parse_status(str(e.get("status"))), e.reason, e.by, e.at)


def adjustments_path(folder: str | Path, report: str, period_key: str) -> Path:
    return Path(folder) / f"{report}-{period_key}.yaml"


def read_adjustments(path: Path, report: str, period_key: str) -> Adjustments:
    """The file as written, checked for form only (see :func:`check_adjustments` for meaning)."""
    if not path.exists():
        return Adjustments(report, period_key, source=str(path))
    name = path.name
    raw = read_yaml(path)
    if raw is None:
        raw = {}
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise DataError([Problem(name, "filen ska innehålla nycklar och värden")], str(path))
    sections: dict[str, list[Entry]] = {}
    for key, items in raw.items():
        if key in ("rapport", "period"):
            continue
        allowed_sections = REPORTS[report].adjustment_sections if report in REPORTS else ()
        if key not in allowed_sections:
            allowed = ", ".join(allowed_sections)
            problems.append(Problem(name, f"okänd nyckel {key!r}; för den här rapporten finns {allowed}"))
            continue
        if not isinstance(items, list):
            problems.append(Problem(name, f"{key} ska vara en lista av poster"))
            continue
        entries = []
        first: dict[Any, int] = {}  # an entry's identity (area, step, risk, activity) → its number
        for i, item in enumerate(items, start=1):
            where = f"{key} nr {i}"
            if not isinstance(item, dict):
                problems.append(Problem(name, "posten ska ha nycklar och värden", column=where))
                continue
            missing = [k for k in SECTIONS[key] if item.get(k) is None]
            if key == "kommunbidrag" and item.get("belopp") is None and item.get("procent") is None:
                missing.append("belopp eller procent")
            if missing:
                problems.append(Problem(name, f"saknar {', '.join(missing)}", column=where))
            unknown = set(item) - set(SECTIONS[key]) - set(META) - set(OPTIONAL.get(key, ()))
            if unknown:
                problems.append(Problem(name, f"okända nycklar: {', '.join(sorted(map(str, unknown)))}", column=where))
            wrong = [f"{k} ska vara {_KIND_TEXT[_FIELDS[k]]}, inte {v!r}" for k, v in item.items()
                     if k in _FIELDS and v is not None and not _FIELD_CHECKS[_FIELDS[k]](v)]
            if wrong:
                problems.append(Problem(name, "; ".join(wrong), column=where))
                continue
            identity = item.get(SECTIONS[key][0])
            if identity in first:
                problems.append(Problem(name, f"dubblett: {SECTIONS[key][0]} {identity!r} står redan i {key} nr "
                                              f"{first[identity]}; en post per {SECTIONS[key][0]}", column=where))
                continue
            first[identity] = i
            reason = str(item.get("motivering") or "").strip()
            values = {k: v for k, v in item.items() if k not in META}
            entries.append(Entry(values, reason, str(item.get("av") or ""), str(item.get("tid") or "")))
        sections[SECTION_ATTRS[key]] = entries
    if problems:
        raise DataError(problems, str(path))
    return Adjustments(report, period_key, source=str(path), **{k: tuple(v) for k, v in sections.items()})


def check_adjustments(adj: Adjustments, data: Dataset, params: Params, year: int) -> None:
    """Refuse entries that name what the data does not have, or values outside what is allowed."""
    name = Path(adj.source).name
    problems: list[Problem] = []
    for key, attr in SECTION_ATTRS.items():
        for i, e in enumerate(getattr(adj, attr), start=1):
            if not e.reason.strip():
                problems.append(Problem(name, "motivering saknas; varje justering ska motiveras", column=f"{key} nr {i}"))
    for i, e in enumerate(adj.status, start=1):
        where = f"status nr {i}"
        if unknown := data.goal_area_numbers.unknown(e.get("malomrade"), year):
            problems.append(Problem(name, unknown, column=where))
        try:
            parse_status(str(e.get("status")))
        except StatusError as exc:
            hint = f" Menade du {exc.suggestion}?" if exc.suggestion else ""
            problems.append(Problem(name, f"status {e.get('status')!r} är inte tillåten; tillåtna: Grön, Gul, Röd."
                                          f"{hint}", column=where))
    if adj.bridge:
        steps = set(data.allocation[(data.allocation["ar"] == year) & (data.allocation["typ"] == "förändring")]["rubrik"])
        for i, e in enumerate(adj.bridge, start=1):
            where = f"kommunbidrag nr {i}"
            if e.get("steg") not in steps:
                problems.append(Problem(name, f"steget {e.get('steg')!r} finns inte i kommunbidraget {year}; kända: "
                                              f"{', '.join(sorted(steps))}", column=where))
    if adj.risks:
        risks = set(data.risks[data.risks["ar"] == year]["risk_id"])
        scale = params.risk.scale
        for i, e in enumerate(adj.risks, start=1):
            where = f"risker nr {i}"
            if e.get("risk") not in risks:
                problems.append(Problem(name, f"risken {e.get('risk')!r} finns inte i riskhanteringsplanen {year}; "
                                              f"kända: {', '.join(sorted(risks))}", column=where))
            given = [k for k in ("sannolikhet", "konsekvens") if e.get(k) is not None]
            if len(given) == 1:
                problems.append(Problem(name, "ange både sannolikhet och konsekvens, eller ingen av dem", column=where))
            elif not given and not e.get("bedomning"):
                problems.append(Problem(name, "saknar sannolikhet och konsekvens eller bedomning", column=where))
            for k in given:
                v = whole_number(e.get(k))
                if v is None or not 1 <= v <= scale:
                    problems.append(Problem(name, f"{k} {e.get(k)!r} ligger utanför skalan 1–{scale}", column=where))
    if adj.forecast:
        activities = set(data.activity_areas["verksamhet"])
        for i, e in enumerate(adj.forecast, start=1):
            where = f"prognos nr {i}"
            if e.get("verksamhet") not in activities:
                problems.append(Problem(name, f"verksamheten {e.get('verksamhet')!r} finns inte; kända: "
                                              f"{', '.join(sorted(activities))}", column=where))
    if adj.goal_assessments:
        goals = data.board_goals[data.board_goals["ar"] == year]
        known = [str(g) for g in goals["mal_id"]]
        for i, e in enumerate(adj.goal_assessments, start=1):
            where = f"malbedomning nr {i}"
            if str(e.get("mal")) not in known:
                problems.append(Problem(name, f"målet {e.get('mal')!r} finns inte bland nämndmålen {year}; kända: "
                                              f"{', '.join(known) or 'inga'}", column=where))
            if e.get("bedomning") not in YEAR_ASSESSMENTS:
                problems.append(Problem(name, f"bedömningen {e.get('bedomning')!r} är inte tillåten; tillåtna: "
                                              f"{', '.join(YEAR_ASSESSMENTS)}", column=where))
    if problems:
        raise DataError(problems, adj.source)


def load_adjustments(folder: str | Path, kind: ReportKind, p: Period, data: Dataset, params: Params) -> Adjustments:
    """This report's adjustments, checked, with the status set in the year's other monthly reports
    (so the strip shows what was decided then)."""
    adj = read_adjustments(adjustments_path(folder, kind.name, p.key), kind.name, p.key)
    check_adjustments(adj, data, params, p.year)
    year_status: dict[tuple[str, int], Override] = {}
    if kind.has_goal_outcomes:
        for key in data.reporting_periods(p.year):
            if key == p.key and kind is MONTHLY:
                continue
            other = read_adjustments(adjustments_path(folder, MONTHLY.name, key), MONTHLY.name, key)
            check_adjustments(other, data, params, p.year)
            year_status.update({(key, int(e.get("malomrade"))): _override(e) for e in other.status})
    return replace(adj, year_status=year_status)


def adjustment_files(folder: str | Path, kind: ReportKind, p: Period, data: Dataset) -> list[Path]:
    """The adjustment files a report's content depends on, whether they exist or not: its own, and
    for the reports with goal outcomes (monthly, interim) the year's monthly files, whose statuses
    show in the Jan–Dec strip (see :func:`load_adjustments`); for the municipality's summary, those of
    every board's report it sums up (each board's under ``<folder>/<board>/``). The batch
    fingerprints these."""
    own = adjustments_path(folder, kind.name, p.key)
    if kind.municipal:
        return [own, *(f for key, (bk, bp, b) in _summed_up(data, p).items()
                       for f in adjustment_files(Path(folder) / key, bk, bp, b.data))]
    if not kind.has_goal_outcomes:
        return [own]
    others = [adjustments_path(folder, MONTHLY.name, key) for key in data.reporting_periods(p.year)]
    return [own, *(o for o in others if o != own)]


def _summed_up(data: Any, p: Period) -> dict[str, tuple[ReportKind, Period, Any]]:
    """Board → (kind, period, board) of each board report a municipality's summary of ``p`` sums up."""
    out = {}
    for b in data.boards:
        kind = board_kind(p)
        try:
            out[b.key] = (kind, kind.resolve(b.data, p), b)
        except ReportError:
            continue
    return out


def load_board_adjustments(folder: str | Path, data: Any, p: Period) -> dict[str, Adjustments]:
    """Each board's adjustments to the report a municipality's summary of ``p`` sums up (from
    ``<folder>/<board>/``), so that the summary shows what the board's own report shows."""
    return {key: load_adjustments(Path(folder) / key, kind, bp, b.data, b.params)
            for key, (kind, bp, b) in _summed_up(data, p).items()}


def save_adjustments(adj: Adjustments, folder: str | Path) -> Path:
    """Write the file atomically; entries keep their reason, who and when."""
    path = adjustments_path(folder, adj.report, adj.period)
    doc: dict[str, Any] = {"rapport": adj.report, "period": adj.period}
    for key, attr in SECTION_ATTRS.items():
        entries = getattr(adj, attr)
        if entries:
            doc[key] = [{**dict(e.values), "motivering": e.reason, "av": e.by, "tid": e.at} for e in entries]
    header = ("# Justeringar gjorda av förvaltningen. Skrivs av notebookens Spara-knapp och läses av varje\n"
              "# rendering av rapporten. Kan redigeras för hand; varje post ska ha en motivering.\n")
    write_atomic(path, header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    return path


LOG_NAME = "logg.jsonl"
LOCK_NAME = ".justeringar.lock"


class AdjustmentConflict(Exception):
    """The section was saved by someone else since the editor read it; ``current`` is theirs."""

    def __init__(self, current: tuple[Entry, ...]):
        super().__init__("changed since read")
        self.current = current


def save_section(folder: str | Path, report: str, period_key: str, section: str, entries: tuple[Entry, ...],
                 base: tuple[Entry, ...], undo_reason: str = "") -> Adjustments:
    """Save one section (``status``, ``kommunbidrag``, ``risker``, ``prognos``, ``malbedomning``) of a report's
    adjustment file without losing anything: under the folder's lock the file is read again, only
    this section is replaced (another editor's sections stay as that editor saved them), and the
    file is written atomically. ``base`` is the section as the editor read it: when the file's
    section differs from it, someone else saved it meanwhile, and AdjustmentConflict says what
    they saved instead of overwriting it. Every change is appended to the folder's log, an entry
    taken away with ``undo_reason`` when one is given."""
    folder = Path(folder)
    attr = SECTION_ATTRS[section]
    with exclusive(folder / LOCK_NAME, wait=30):
        current = read_adjustments(adjustments_path(folder, report, period_key), report, period_key)
        if _plain(getattr(current, attr)) != _plain(base):
            raise AdjustmentConflict(getattr(current, attr))
        updated = replace(current, **{attr: tuple(entries)})
        save_adjustments(updated, folder)
        _log(folder, report, period_key, section, base, entries, undo_reason)
    return updated


def _plain(entries: tuple[Entry, ...]) -> list:
    return [(dict(e.values), e.reason, e.by, e.at) for e in entries]


def _log(folder: Path, report: str, period_key: str, section: str, before: tuple[Entry, ...],
         after: tuple[Entry, ...], undo_reason: str = "") -> None:
    """Append what changed, entry by entry, to the log (never rewritten): who, when, old and new
    value, the reason. An entry taken away (back to the proposal) is logged as undone."""
    key = SECTIONS[section][0]
    old = {e.get(key): e for e in before}
    new = {e.get(key): e for e in after}
    now = datetime.now().isoformat(timespec="seconds")
    lines = []
    for identity in [*old, *(k for k in new if k not in old)]:
        o, n = old.get(identity), new.get(identity)
        if o is not None and n is not None and _plain((o,)) == _plain((n,)):
            continue
        lines.append({"tid": n.at if n is not None else now, "av": n.by if n is not None else current_user(),
                      "rapport": report, "period": period_key, "avsnitt": section, "post": identity,
                      "handling": "ångrad" if n is None else "sparad",
                      "före": _values(o), "efter": _values(n),
                      "motivering": n.reason if n is not None else (undo_reason or o.reason)})
    if lines:
        path = folder / LOG_NAME
        text = "".join(json.dumps(line, ensure_ascii=False, default=str) + "\n" for line in lines)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def _values(e: Entry | None) -> dict | None:
    return None if e is None else {k: v for k, v in e.values.items()}


def describe_values(values: Mapping[str, Any] | None) -> str:
    """An entry's values as a line a person reads: "malomrade 1, status Röd", "justering −1 500"."""
    if not values:
        return "–"

    def shown(v: Any) -> str:
        return fmt.number(v, 0 if float(v).is_integer() else 2) if is_number(v) else str(v)

    return ", ".join(f"{k} {shown(v)}" for k, v in values.items())


def adjustment_log(folder: str | Path) -> list[dict]:
    """Every save and undo in the folder's log, oldest first."""
    path = Path(folder) / LOG_NAME
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue  # a line cut by a crash; the rest stands
    return out


def stamp(values: Mapping[str, Any], reason: str) -> Entry:
    """A new entry made now by the current user."""
    return Entry(dict(values), reason.strip(), current_user(), datetime.now().isoformat(timespec="seconds"))
