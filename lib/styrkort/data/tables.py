"""The one reader of tabular files: a contract table's file found, read as text cells, and
converted to the contract's types, every bad cell a problem with its file, row and column.

:func:`styrkort.data.loading.load_data` reads the data folder with these; the intake reads
imported files and filled templates with the same functions, so a cell means the same wherever it
comes from.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from styrkort.data import contract, fmt
from styrkort.data.contract import Column, Table
from styrkort.data.decoding import decode
from styrkort.data.errors import Problem, describe_os_error, shorten
from styrkort.data.periods import Month, PeriodError, parse_period
from styrkort.data.status import StatusError, parse_status


def find_table_file(folder: Path, spec: Table, problems: list[Problem]) -> Path | None:
    found = [p for p in contract.table_paths(folder, spec.name) if p.exists()]
    if len(found) > 1:
        problems.append(Problem(f"{spec.name}.csv/.xlsx", "båda filerna finns; ta bort den ena så att det är entydigt"))
        return None
    if not found:
        if spec.required:
            problems.append(Problem(f"{spec.name}.csv", f"filen saknas i {folder} (krävs: {spec.title.lower()})"))
        return None
    return found[0]


def read_rows(path: Path, spec: Table, problems: list[Problem]) -> dict[str, list[str]] | None:
    """The file's cells as text, column by column under the header's (folded) names, and the
    rows' numbers as the file numbers them under ``_row``; None, with a problem, when the file
    cannot be read as this table. Rows with no text at all are left out."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, f"filen går inte att läsa ({describe_os_error(exc)})"))
        return None
    if not raw.strip():
        problems.append(Problem(name, "filen är tom"))
        return None
    grid = _excel_grid(path, spec, problems) if path.suffix.casefold() == ".xlsx" else _csv_grid(raw, name, problems)
    if grid is None:
        return None
    numbered = [(i, row) for i, row in enumerate(grid, start=1) if any(str(c).strip() for c in row)]
    if not numbered:
        problems.append(Problem(name, "filen är tom"))
        return None
    (header_row, header_cells), body = numbered[0], numbered[1:]
    header = [unicodedata.normalize("NFC", str(h)).strip().casefold() for h in header_cells]
    if not _header_ok(name, spec, header, header_row, body, problems):
        return None
    if not body:
        problems.append(Problem(name, "filen har rubriker men inga rader"))
        return None
    columns = {h: [str(row[i]).strip() if i < len(row) else "" for _, row in body] for i, h in enumerate(header) if h}
    columns["_row"] = [str(n) for n, _ in body]
    return columns


def _header_ok(name: str, spec: Table, header: list[str], row: int, body: list[tuple[int, list]],
               problems: list[Problem]) -> bool:
    """Every column once, every column the contract's, none without a name but with values."""
    known = [c.name for c in spec.columns]
    missing = [c.name for c in spec.columns if c.name not in header and c.required]
    if missing:  # a renamed column: one message saying what is missing and what the file has instead
        unknown = [h for h in header if h and h not in known]
        problems.append(Problem(name, f"kolumn saknas: {', '.join(missing)} (filen har: "
                                      f"{shorten(', '.join(h for h in header if h) or 'inga rubriker')})"
                                + (f"; okänd: {', '.join(map(repr, unknown))}" if unknown else "")))
        return False
    before = len(problems)
    first: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            if any(i < len(r) and str(r[i]).strip() for _, r in body):
                problems.append(Problem(name, f"kolumn {column_letter(i)} har värden men ingen rubrik", row=row))
        elif h in first:
            problems.append(Problem(name, f"kolumnen {h!r} finns två gånger (kolumn {column_letter(first[h])} och "
                                          f"{column_letter(i)}); ta bort den ena", row=row))
        elif h not in known:
            problems.append(Problem(name, f"okänd kolumn {h!r} (kolumn {column_letter(i)}); kända: {', '.join(known)}",
                                    row=row))
        first.setdefault(h, i)
    return len(problems) == before


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_ZIP = b"PK\x03\x04"
csv.field_size_limit(16 * 1024 * 1024)  # a long comment is a cell, not an error


def refuse_binary(raw: bytes, name: str, problems: list[Problem]) -> bool:
    """A workbook or another binary file where text (CSV) belongs: True, with a problem saying what
    it is. Excel's UTF-16 "Unicode text" is text."""
    if raw.startswith(_ZIP):
        problems.append(Problem(name, "filen är en Excel-arbetsbok (.xlsx) men heter .csv; byt ändelse till .xlsx "
                                      "eller spara den som CSV i Excel"))
        return True
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = raw[:4096]
    if sum(b < 9 or 13 < b < 32 or b == 127 for b in sample) > max(8, len(sample) // 20):
        problems.append(Problem(name, "filen är ingen textfil (CSV); spara tabellen som CSV (semikolonavgränsad) "
                                      "eller som .xlsx"))
        return True
    return False


def _csv_grid(raw: bytes, name: str, problems: list[Problem]) -> list[list[str]] | None:
    """The rows of a CSV file saved by Excel or a text editor: UTF-8 with or without BOM, or
    Windows-1252; separated by ``;``, ``,`` or tabs. A workbook or other binary file with a
    ``.csv`` name is refused."""
    if refuse_binary(raw, name, problems):
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        text = raw.decode("utf-16", errors="replace").replace("\r\n", "\n")
    else:
        text = decode(raw)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=lambda d: (first.count(d), d == ";"))
    try:
        return [[_from_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        problems.append(Problem(name, f"filen går inte att läsa som CSV ({exc})"))
        return None


def _excel_grid(path: Path, spec: Table, problems: list[Problem]) -> list[list[str]] | None:
    """The rows of the sheet that holds the table: the one named like it, else the only visible
    one. Hidden sheets are never read; merged cells and formulas without a saved value refused."""
    import openpyxl  # here, not at the top: most runs read CSV only (0.07 s a process)

    name = path.name
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged or foreign file
        problems.append(Problem(name, f"filen går inte att läsa som Excel-arbetsbok (.xlsx) ({type(exc).__name__})"))
        return None
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    named = [ws for ws in visible if ws.title.strip().casefold() == spec.name]
    if named:
        ws = named[0]
    elif len(visible) == 1:
        ws = visible[0]
    else:
        titles = ", ".join(repr(ws.title) for ws in visible) or "inga"
        problems.append(Problem(name, f"arbetsboken har {len(visible)} synliga blad ({titles}); det är oklart vilket "
                                      f"som är tabellen. Döp bladet till {spec.name!r} eller ta bort de andra"))
        return None
    before = len(problems)
    for merged in ws.merged_cells.ranges:
        problems.append(Problem(name, f"sammanslagna celler ({merged.coord}); dela upp dem så att varje värde står i "
                                      "en egen cell", sheet=ws.title))
    grid = []
    for row, source in zip(ws.iter_rows(), formulas[ws.title].iter_rows()):
        cells = []
        for cell, formula in zip(row, source):
            if formula.data_type == "f" and cell.value is None:
                problems.append(Problem(name, f"cellen {cell.coordinate} har en formel utan sparat värde; öppna filen "
                                              "i Excel och spara den igen", row=cell.row, sheet=ws.title))
            cells.append("" if cell.value is None else cell_text(cell.value))
        grid.append(cells)
    return grid if len(problems) == before else None


#: A CSV cell that Excel would run as a formula (``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(…)``).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """Text for a CSV cell that a spreadsheet opens: a value that would start a formula gets a
    leading apostrophe (a number such as ``-1622`` stays as it is). :func:`read_rows` takes the
    apostrophe off again, so what is written is read back exactly."""
    if (text.startswith(_FORMULA_START) and not _is_number(text)) or _escaped(text):
        return "'" + text
    return text


def _escaped(text: str) -> bool:
    return text.startswith("'") and (text[1:].startswith(_FORMULA_START) or text[1:].startswith("'"))


def _from_csv_cell(text: str) -> str:
    return text[1:] if _escaped(text) else text


def _is_number(text: str) -> bool:
    try:
        fmt.parse_number(text)
    except ValueError:
        return False
    return True


def cell_text(value: Any) -> str:
    """An Excel cell as the text Excel shows: ``1e-05`` as ``0.00001``, ``0.30000000000000004`` as
    ``0.3`` (Excel keeps 15 significant digits), a date as its month ``2024-08``."""
    if isinstance(value, float) and math.isfinite(value):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(f"{value:.15g}"), "f")
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
    numbers = [int(n) for n in rows["_row"]] if "_row" in rows else list(range(2, count + 2))
    before = len(problems)
    columns: dict[str, list[Any]] = {}
    for c in spec.columns:
        # Columns repeat their values (periods, units, statuses): convert each distinct text once,
        # and report a bad one on every row it stands on.
        seen: dict[str, tuple[Any, list[Problem]]] = {}
        values = []
        for i, text in zip(numbers, rows.get(c.name) or [""] * count):
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
        for i, k in zip(numbers, zip(*(columns[c] for c in spec.key))):
            if k in first:
                shown = ", ".join(f"{c}={v!s}" for c, v in zip(spec.key, k))
                problems.append(Problem(name, f"dubblett: samma {shown} som rad {first[k]}", row=i))
            else:
                first[k] = i
    frame = pd.DataFrame({name: pd.Series(v, dtype=object) for name, v in columns.items()})
    frame["_row"] = numbers
    return frame


#: Control characters removed from running text (line breaks and tabs stay).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _invisible(text: str) -> str | None:
    """The first character of ``text`` that prints as nothing or as something else (a control, a
    zero-width or a direction mark, a line separator, a space other than the plain one), as U+XXXX."""
    for ch in text:
        if ch != " " and (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Cn")):
            return f"U+{ord(ch):04X}"
    return None


def convert_cell(text: str, col: Column, file: str, row: int, problems: list[Problem], now: Month) -> Any:
    def bad(message: str) -> None:
        problems.append(Problem(file, message, row=row, column=col.name))

    text = unicodedata.normalize("NFC", text)
    if col.prose:
        text = _CONTROL.sub("", text).strip()
    if text == "":
        if col.required:
            bad(f"värde saknas ({contract.KINDS[col.kind]})")
        return None if col.kind in ("text", "choice") else float("nan") if col.kind == "number" else None
    try:
        if col.kind == "text":
            if not col.prose and (hidden := _invisible(text)):
                bad(f"värdet {shorten(repr(text))} innehåller ett osynligt tecken eller styrtecken ({hidden}); ta bort det, så "
                    "att två värden inte kan se likadana ut men vara olika")
                return None
            return text
        if col.kind == "choice":
            folded = {a.casefold(): a for a in col.allowed}
            if text.casefold() not in folded:
                bad(f"värdet {shorten(repr(text))} är inte tillåtet; tillåtna värden: {', '.join(col.allowed)}")
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
                bad(f"värdet {shorten(repr(text))} ligger utanför tillåtet intervall ({rng})")
                return None
            return value
        if col.kind == "date":
            try:  # an Excel date cell reads as "2024-09-10 00:00:00"
                if len(text) != 10 and text[10:] not in (" 00:00:00", "T00:00:00"):
                    raise ValueError(text)
                return date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                bad(f"värdet {shorten(repr(text))} är inget datum; skriv {contract.KINDS['date']}")
                return None
        if col.kind in ("month", "month_ahead", "period", "document_period"):
            period = parse_period(text)
            allowed = {"month": ("month",), "month_ahead": ("month",), "period": ("month", "combined"),
                       "document_period": ("month", "combined", "interim", "year")}[col.kind]
            if period.kind not in allowed:
                bad(f"värdet {shorten(repr(text))} är inte tillåtet här; skriv {contract.KINDS[col.kind]}")
                return None
            if col.kind in ("month", "period") and period.first > now:
                bad(f"perioden {shorten(repr(text))} ligger i framtiden (senast tillåtna är {now.key})")
                return None
            return period.key
    except StatusError as exc:
        hint = f" Menade du {exc.suggestion}?" if exc.suggestion else ""
        bad(f"värdet {shorten(repr(text))} är inte en tillåten status; tillåtna värden: Grön, Gul, Röd.{hint}")
    except PeriodError as exc:
        bad(str(exc)[0].upper() + str(exc)[1:])
    except ValueError:
        bad(f"värdet {shorten(repr(text))} är inte {contract.KINDS[col.kind]}")
    return None
