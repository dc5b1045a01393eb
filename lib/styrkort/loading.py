"""Load a data folder into validated tables. The only place that reads unit data files.

``load_data(folder)`` returns a :class:`Dataset` or raises :class:`DataError` listing every
problem with file, row, column, value and what is allowed. Notebooks and the renderer call
it; nothing else opens the files, so another store can replace the folder behind it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from . import contract, fmt, store
from .bridge import check_bridges
from .budget import TOTAL
from .contract import Column, Table
from .errors import DataError, Problem
from .periods import Month, PeriodError, current_month, parse_period
from .status import StatusError, parse_status


@dataclass(frozen=True)
class Dataset:
    folder: Path
    organisation: Mapping[str, str]
    documents: pd.DataFrame
    activity_areas: pd.DataFrame
    units: pd.DataFrame
    goal_areas: pd.DataFrame
    board_goals: pd.DataFrame
    indicators: pd.DataFrame
    assessments: pd.DataFrame
    indicator_values: pd.DataFrame
    economy: pd.DataFrame
    net_costs: pd.DataFrame
    allocation: pd.DataFrame
    risks: pd.DataFrame
    rates: pd.DataFrame
    accessibility_activities: pd.DataFrame
    texts: Mapping[tuple[str, str], str] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    def text(self, period_key: str, name: str) -> str | None:
        return self.texts.get((period_key, name))

    def diarienummer(self, report: str, period_key: str) -> str | None:
        d = self.documents
        hit = d[(d["rapport"] == report) & (d["period"] == period_key)]
        return None if hit.empty else str(hit["diarienummer"].iloc[0])

    def reporting_periods(self, year: int | None = None) -> list[str]:
        """Period keys with assessments, in time order."""
        keys = {k for k in self.assessments["period"].unique()}
        periods = sorted((parse_period(k) for k in keys), key=lambda p: p.first)
        return [p.key for p in periods if year is None or p.year == year]


_ATTRS = {
    "organisation": "organisation", "dokument": "documents", "verksamheter": "activity_areas",
    "enheter": "units", "malomraden": "goal_areas", "namndmal": "board_goals", "indikatorer": "indicators",
    "bedomningar": "assessments", "indikatorvarden": "indicator_values", "ekonomi": "economy",
    "nettokostnad": "net_costs", "kommunbidrag": "allocation", "risker": "risks", "ersattningar": "rates",
    "tillganglighetsplan": "accessibility_activities",
}


def load_data(folder: str | Path, today: date | None = None, *, pending: tuple = (),
              pending_label: str = "") -> Dataset:
    """Read and validate every file of the contract in ``folder``, with the current submissions
    of the intake store (``inlamningar.sqlite``) in place of the files' rows for their unit and
    period. ``pending`` submissions, not yet stored, are added the same way: an import checks
    with them that the data will still load before it stores anything."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), "mappen finns inte")], str(folder))
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    files: list[Path] = []
    names = {spec.name: f"{spec.name}.csv" for spec in contract.TABLES}
    for spec in contract.TABLES:
        path = _find_file(folder, spec, problems)
        if path is None:
            tables[spec.name] = _empty(spec)
            continue
        files.append(path)
        names[spec.name] = path.name
        rows = _read_rows(path, spec, problems)
        tables[spec.name] = _typed(path.name, spec, rows, problems, current_month(today))
    _apply_store(folder, tables, problems, current_month(today), pending, pending_label)
    if not problems:
        _check_references(tables, names, problems)
        _check_periods(tables, names, problems)
        _check_plan(tables, names, problems)
    texts = _read_texts(folder, problems, files)
    if problems:
        raise DataError(problems, str(folder))
    org = tables.pop("organisation").iloc[0].to_dict()
    frames = {_ATTRS[name]: df.drop(columns="_file", errors="ignore") for name, df in tables.items()}
    for name in ("activity_areas", "units"):
        frames[name] = frames[name].sort_values("ordning", kind="stable").reset_index(drop=True)
    return Dataset(folder=folder, organisation=org, texts=texts, files=tuple(sorted(files)), **frames)


def _find_file(folder: Path, spec: Table, problems: list[Problem]) -> Path | None:
    found = [p for p in (folder / f"{spec.name}.csv", folder / f"{spec.name}.xlsx") if p.exists()]
    if len(found) > 1:
        problems.append(Problem(f"{spec.name}.csv/.xlsx", "båda filerna finns; ta bort den ena så att det är entydigt"))
        return None
    if not found:
        if spec.required:
            problems.append(Problem(f"{spec.name}.csv", f"filen saknas i {folder} (krävs: {spec.title.lower()})"))
        return None
    return found[0]


def _read_rows(path: Path, spec: Table, problems: list[Problem]) -> dict[str, list[str]] | None:
    """The file's cells as text, column by column under the header's (folded) names; None, with a
    problem, when the file is unreadable. Rows with no text at all are left out."""
    name = path.name
    if path.stat().st_size == 0:
        problems.append(Problem(name, "filen är tom"))
        return None
    if path.suffix == ".xlsx":
        try:
            frame = pd.read_excel(path, sheet_name=0, dtype=object, header=None)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            problems.append(Problem(name, f"filen går inte att läsa som Excel-fil ({exc})"))
            return None
        grid = [["" if pd.isna(v) else _cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    else:
        text = _decode(path.read_bytes())
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        grid = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    grid = [row for row in grid if "".join(map(str, row)).strip()]
    if not grid:
        problems.append(Problem(name, "filen är tom"))
        return None
    header = [str(h).strip().casefold() for h in grid[0]]
    missing = [c.name for c in spec.columns if c.name not in header and c.required]
    if missing:
        problems.append(Problem(name, f"kolumn saknas: {', '.join(missing)} (filen har: {', '.join(h for h in header if h) or 'inga rubriker'})"))
        return None
    body = grid[1:]
    if not body:
        problems.append(Problem(name, "filen har rubriker men inga rader"))
        return None
    return {h: [str(row[i]).strip() if i < len(row) else "" for row in body] for i, h in enumerate(header) if h}


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); Excel's Windows-1252 as a documented fallback."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (pd.Timestamp, date)):
        return value.strftime("%Y-%m")
    return str(value)


def _empty(spec: Table) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in [c.name for c in spec.columns] + ["_row"]})


def _typed(name: str, spec: Table, rows: dict[str, list[str]] | list[dict[str, str]] | None,
           problems: list[Problem], now: Month) -> pd.DataFrame:
    """Cells converted to the contract's types (text columns as :func:`_read_rows` gives them, or
    rows as dicts); every bad cell becomes a problem with its row and column."""
    if rows is None:
        return _empty(spec)
    if isinstance(rows, list):
        rows = {c.name: [r.get(c.name, "") for r in rows] for c in spec.columns}
    count = len(next(iter(rows.values()), []))
    before = len(problems)
    columns: dict[str, list[Any]] = {}
    for c in spec.columns:
        # Columns repeat their values (periods, units, statuses): convert each distinct text once,
        # and report a bad one on every row it stands on.
        seen: dict[str, tuple[Any, list[Problem]]] = {}
        values = []
        for i, text in enumerate(rows.get(c.name) or [""] * count, start=2):
            hit = seen.get(text)
            if hit is None:
                found: list[Problem] = []
                hit = seen[text] = (_convert(text, c, name, 0, found, now), found)
            if hit[1]:
                problems.extend(replace(p, row=i) for p in hit[1])
            values.append(hit[0])
        columns[c.name] = values
    if spec.single_row and count != 1:
        problems.append(Problem(name, f"filen ska ha exakt en rad, har {count}"))
    if spec.key and len(problems) == before:
        first: dict[tuple, int] = {}
        for i, k in enumerate(zip(*(columns[c] for c in spec.key)), start=2):
            if k in first:
                shown = ", ".join(f"{c}={v!s}" for c, v in zip(spec.key, k))
                problems.append(Problem(name, f"dubblett: samma {shown} som rad {first[k]}", row=i))
            else:
                first[k] = i
    frame = pd.DataFrame({name: pd.Series(v, dtype=object) for name, v in columns.items()})
    frame["_row"] = range(2, count + 2)
    return frame


def _convert(text: str, col: Column, file: str, row: int, problems: list[Problem], now: Month) -> Any:
    def bad(message: str) -> None:
        problems.append(Problem(file, message, row=row, column=col.name))

    if text == "":
        if col.required:
            bad(f"värde saknas ({contract.KINDS[col.kind]})")
        return None if col.kind in ("text", "choice") else float("nan") if col.kind == "number" else None
    try:
        if col.kind == "text":
            return text
        if col.kind == "choice":
            folded = {a.casefold(): a for a in col.allowed}
            if text.casefold() not in folded:
                bad(f"värdet {text!r} är inte tillåtet; tillåtna värden: {', '.join(col.allowed)}")
                return None
            return folded[text.casefold()]
        if col.kind == "status":
            return parse_status(text).value
        if col.kind in ("integer", "year", "number"):
            value = fmt.parse_number(text)
            if col.kind != "number":
                if not value.is_integer():
                    raise ValueError(text)
                value = int(value)
            if col.kind == "year" and not 1900 <= value <= 2200:
                raise ValueError(text)
            if col.minimum is not None and value < col.minimum or col.maximum is not None and value > col.maximum:
                rng = f"{col.minimum:g}–{col.maximum:g}" if col.maximum is not None else f"minst {col.minimum:g}"
                bad(f"värdet {text!r} ligger utanför tillåtet intervall ({rng})")
                return None
            return value
        if col.kind in ("month", "period", "document_period"):
            period = parse_period(text)
            allowed = {"month": ("month",), "period": ("month", "combined"),
                       "document_period": ("month", "combined", "interim", "year")}[col.kind]
            if period.kind not in allowed:
                bad(f"värdet {text!r} är inte tillåtet här; skriv {contract.KINDS[col.kind]}")
                return None
            if col.kind != "document_period" and period.first > now:
                bad(f"perioden {text!r} ligger i framtiden (senast tillåtna är {now.key})")
                return None
            return period.key
    except StatusError as exc:
        hint = f" Menade du {exc.suggestion}?" if exc.suggestion else ""
        bad(f"värdet {text!r} är inte en tillåten status; tillåtna värden: Grön, Gul, Röd.{hint}")
    except PeriodError as exc:
        bad(str(exc)[0].upper() + str(exc)[1:])
    except ValueError:
        bad(f"värdet {text!r} är inte {contract.KINDS[col.kind]}")
    return None


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
            typed = _typed(label, spec, group, problems, now)
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
    areas = {(a, m) for a, m in zip(tables["malomraden"]["ar"], tables["malomraden"]["malomrade"])}

    def check_area(table: str, years) -> None:
        frame = tables[table]
        sources = frame["_file"] if "_file" in frame else [None] * len(frame)
        for year, area, row, source in zip(years, frame["malomrade"], frame["_row"], sources):
            if (year, area) not in areas:
                known = ", ".join(str(m) for a, m in sorted(areas) if a == year) or "inga"
                problems.append(Problem(_source({"_file": source}, names[table]),
                                        f"målområde {area} finns inte för {year} i malomraden; kända: {known}",
                                        row=row, column="malomrade"))

    check_area("namndmal", tables["namndmal"]["ar"])
    check_area("indikatorer", tables["indikatorer"]["ar"])
    check_area("risker", tables["risker"]["ar"])
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
    owner: dict[Month, str] = {}
    for key in sorted(set(tables["bedomningar"]["period"]) | set(tables["indikatorvarden"]["period"])):
        for m in parse_period(key).months:
            if m in owner and owner[m] != key:
                problems.append(Problem(names["bedomningar"], f"perioderna {owner[m]} och {key} överlappar; en månad kan "
                                                       "bara höra till en rapportperiod", column="period"))
            owner.setdefault(m, key)


def _read_texts(folder: Path, problems: list[Problem], files: list[Path]) -> dict[tuple[str, str], str]:
    texts: dict[tuple[str, str], str] = {}
    root = folder / "texter"
    if not root.is_dir():
        return texts
    for path in sorted(root.glob("*/*")):
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
        texts[(key, path.stem)] = _decode(path.read_bytes())
    return texts
