"""The one reader of tabular files: a contract table's file found, read as text cells, and
converted to the contract's types, every bad cell a problem with its file, row and column.

:func:`styrkort.data.loading.load_data` reads the data folder with these; the intake reads
imported files and filled templates with the same functions, so a cell means the same wherever it
comes from.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from styrkort.data import contract, fmt
from styrkort.data.contract import Column, Table
from styrkort.data.errors import Problem
from styrkort.data.periods import Month, PeriodError, parse_period
from styrkort.data.status import StatusError, parse_status


def find_table_file(folder: Path, spec: Table, problems: list[Problem]) -> Path | None:
    found = [p for p in (folder / f"{spec.name}.csv", folder / f"{spec.name}.xlsx") if p.exists()]
    if len(found) > 1:
        problems.append(Problem(f"{spec.name}.csv/.xlsx", "båda filerna finns; ta bort den ena så att det är entydigt"))
        return None
    if not found:
        if spec.required:
            problems.append(Problem(f"{spec.name}.csv", f"filen saknas i {folder} (krävs: {spec.title.lower()})"))
        return None
    return found[0]


def read_rows(path: Path, spec: Table, problems: list[Problem]) -> dict[str, list[str]] | None:
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
        grid = [["" if pd.isna(v) else cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    else:
        text = decode(path.read_bytes())
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


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); Excel's Windows-1252 as a documented fallback."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (pd.Timestamp, date)):
        return value.strftime("%Y-%m")
    return str(value)


def empty_frame(spec: Table) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in [c.name for c in spec.columns] + ["_row"]})


def typed_frame(name: str, spec: Table, rows: dict[str, list[str]] | list[dict[str, str]] | None,
           problems: list[Problem], now: Month) -> pd.DataFrame:
    """Cells converted to the contract's types (text columns as :func:`read_rows` gives them, or
    rows as dicts); every bad cell becomes a problem with its row and column."""
    if rows is None:
        return empty_frame(spec)
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
                hit = seen[text] = (convert_cell(text, c, name, 0, found, now), found)
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


def convert_cell(text: str, col: Column, file: str, row: int, problems: list[Problem], now: Month) -> Any:
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
