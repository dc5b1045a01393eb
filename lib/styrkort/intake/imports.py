"""Import what units and the finance office send into the data folder's store.

``import_files(paths, folder)`` takes each file on its own:

* a filled unit template (``.xlsx`` from ``styrkort template``) becomes one submission: the
  unit's assessments of every goal area, with comments, and its indicator values;
* a ``bedomningar.csv`` / ``.xlsx`` of the contract becomes one submission per unit and period
  in it;
* any other table of the contract (``enheter.csv``, ``ekonomi.csv``, ``risker.csv``, …) is
  validated together with the rest of the folder and then replaces the folder's file; the
  replaced file and the new one are both kept in the store.

Everything in a file is validated before anything is written, inside the store's write lock,
against the data as it stands (the folder's files with the store's current submissions). A
file with any problem stores nothing and changes nothing; the problems name the file, sheet,
row, column, value and what is allowed, in Swedish. The files of one command are independent:
one refused file does not stop the others.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from styrkort.data import contract, store
from styrkort.data.errors import DataError, Problem
from styrkort.data.loading import Dataset, load_data
from styrkort.data.periods import Month, current_month, parse_period
from styrkort.data.rules import overlapping_period
from styrkort.data.store import Assessment, Import, IndicatorValue, Submission, TableFile
from styrkort.data.tables import cell_text, convert_cell, read_rows, typed_frame
from styrkort.intake import templates as tpl

SUBMISSION_TABLES = ("bedomningar",)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Result:
    """What became of one file."""

    path: Path
    ok: bool
    submissions: tuple[tuple[int, str, str], ...] = ()  # (submission id, unit, period)
    replaced: tuple[tuple[int, str, str], ...] = ()  # the submissions they supersede (id, time, source)
    table: str | None = None  # a whole table installed into the folder
    error: DataError | None = None
    note: str = ""  # what else the user should know (a ledger's rows and months, an unchanged file)

    def describe(self) -> str:
        if not self.ok:
            return (f"Inte importerad: {self.path.name} ({len(self.error.problems)} fel); "
                    f"inget från filen sparades:\n" + "\n".join(f"  - {p}" for p in self.error.problems[:25]))
        if self.table:
            return (f"Importerad: {self.path.name} → {self.table} i datamappen (tidigare version sparad i "
                    f"{store.STORE_NAME})" + (f"\n  {self.note}" if self.note else ""))
        parts = [f"Importerad: {self.path.name} → "
                 + ", ".join(f"inlämning {sid} ({unit}, {period})" for sid, unit, period in self.submissions)]
        parts += [f"  ersätter inlämning {sid} från {when} ({source}), som finns kvar i historiken"
                  for sid, when, source in self.replaced]
        if self.note:
            parts.append(f"  {self.note}")
        return "\n".join(parts)


def import_files(paths: list[str | Path], folder: str | Path, today: date | None = None) -> list[Result]:
    """Import each file on its own; a refused file stores nothing and does not stop the others.

    Raises DataError only when the data folder itself cannot be loaded (nothing can then be
    checked, so nothing is imported)."""
    folder = Path(folder)
    load_data(folder, today)  # the folder must be valid before anything is added to it
    return [import_file(Path(p), folder, today) for p in paths]


def import_file(path: Path, folder: Path, today: date | None = None) -> Result:
    return _run(path, folder, today, lambda data: read_import(path, data, folder, today))


def import_ledger(ledger: str | Path, mapping: str | Path, folder: str | Path, today: date | None = None,
                  responsibilities: str | Path | None = None) -> Result:
    """Aggregate a ledger extract (see :mod:`styrkort.intake.ledger`) and install it as the folder's
    ``ekonomi.csv`` and, with a responsibility mapping, ``ekonomi_enhet.csv``: the ledger's months
    replace the files', other months and the forecasts stay; the previous files are kept in the
    store. Each table is validated with the whole folder and installed on its own."""
    from styrkort.intake.ledger import economy_csv, ledger_economy, merge_economy

    ledger, mapping, folder = Path(ledger), Path(mapping), Path(folder)
    source = f"{ledger.name} med {mapping.name}" + (f" och {Path(responsibilities).name}" if responsibilities else "")
    summaries = []

    def make(data: Dataset) -> Import:
        summary = ledger_economy(ledger, mapping, data, today, responsibilities)
        summaries.append(summary)
        content = economy_csv(merge_economy(data.economy, summary.economy, "verksamhet",
                                            list(data.activity_areas["verksamhet"])))
        return Import(source, content, "ekonomi från huvudbok", table_file=TableFile("ekonomi", "ekonomi.csv", content))

    def make_units(data: Dataset) -> Import:
        summary = summaries[-1]
        content = economy_csv(merge_economy(data.unit_economy, summary.unit_economy, "enhet_id",
                                            list(data.units["enhet_id"])), key="enhet_id")
        return Import(source, content, "ekonomi per enhet från huvudbok",
                      table_file=TableFile("ekonomi_enhet", "ekonomi_enhet.csv", content))

    result = _run(ledger, folder, today, make)
    if not result.ok:
        return result
    s = summaries[-1]
    note = (f"{s.rows} transaktioner → {len(s.economy)} rader i ekonomi, {s.months[0]} – {s.months[-1]}; prognoser "
            "behållna där de fanns")
    if s.unit_economy is not None:
        units = _run(ledger, folder, today, make_units)
        if not units.ok:
            return replace(units, note=f"ekonomi.csv är inläst ({note}), men inte ekonomi per enhet")
        note += f"; {len(s.unit_economy)} rader i ekonomi_enhet"
    return replace(result, note=note)


def _run(path: Path, folder: Path, today: date | None, make) -> Result:
    """One file, all or nothing, inside the store's write lock. A folder without a store gets one
    only for a file that is accepted: the file is checked first, before the store is created."""
    try:
        if not store.store_path(folder).exists():
            imp = make(load_data(folder, today))
            if imp.table_file is not None:
                _validate_with(folder, imp.table_file, imp.source, today)
        with store.writing(folder) as con:
            data = load_data(folder, today)  # inside the lock: what the last import stored
            imp = make(data)
            return _store(con, imp, path, folder, today)
    except DataError as exc:
        return Result(path, False, error=exc)
    except store.StoreError as exc:
        return Result(path, False, error=DataError([Problem(store.STORE_NAME, str(exc))], path.name))


def read_import(path: Path, data: Dataset, folder: Path, today: date | None = None) -> Import:
    """Read and validate one file against ``data``; raise DataError with every problem."""
    name = path.name
    if path.is_dir():
        raise DataError([Problem(name, "är en mapp, inte en fil; ange filerna i mappen (till exempel mapp/*.xlsx)")],
                        name)
    if not path.is_file():
        raise DataError([Problem(name, "filen finns inte")], name)
    content = path.read_bytes()
    if not content.strip():
        raise DataError([Problem(name, "filen är tom")], name)
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        if not zipfile.is_zipfile(path):
            raise DataError([Problem(name, "filen går inte att läsa som Excel-fil (.xlsx); spara den som "
                                           "Excel-arbetsbok och försök igen")], name)
        table = _table_of(path)
        if table is None:
            return Import(name, content, "mall", submissions=(read_template(path, data, today),))
    elif suffix in (".csv", ".txt"):
        table = _table_of(path)
    else:
        hint = "; spara den som Excel-arbetsbok (.xlsx)" if suffix in (".xls", ".ods", ".xlsb") else ""
        raise DataError([Problem(name, f"filtypen {path.suffix or '(ingen)'} kan inte importeras{hint}; importera en "
                                       "ifylld mall (.xlsx) eller en fil i datakontraktet (.csv eller .xlsx)")], name)
    if table is None:
        known = ", ".join(t.name for t in contract.TABLES)
        raise DataError([Problem(name, f"filen är varken en ifylld mall eller en fil i datakontraktet; en CSV-fil ska "
                                       f"heta som sin tabell ({known}), t.ex. bedomningar.csv")], name)
    if table in SUBMISSION_TABLES:
        return Import(name, content, table, submissions=read_assessment_table(path, data, today))
    return Import(name, content, table, table_file=TableFile(table, f"{table}{suffix if suffix != '.txt' else '.csv'}",
                                                             content))


def _table_of(path: Path) -> str | None:
    """The contract table a file is, by its name: ``enheter.csv``, ``ekonomi_2024-08.xlsx``."""
    stem = path.stem.casefold()
    for t in contract.TABLES:
        if stem == t.name or re.match(rf"^{t.name}[\s_\-.]", stem):
            return t.name
    return None


# --- a filled template --------------------------------------------------------------------------

def read_template(path: Path, data: Dataset, today: date | None = None) -> Submission:
    from openpyxl import load_workbook

    name = path.name
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError([Problem(name, f"filen går inte att läsa som Excel-fil ({type(exc).__name__}: {exc})")], name)
    problems: list[Problem] = []
    missing = [s for s in (tpl.SHEET_ASSESSMENTS, tpl.SHEET_INDICATORS) if s not in wb.sheetnames]
    if missing:
        problems += [Problem(name, f"bladet {s!r} saknas; arbetsboken har: {', '.join(wb.sheetnames)}. Bladens namn "
                                   "får inte ändras; använd mallen som den är")
                     for s in missing]
        raise DataError(problems, name)
    ws = wb[tpl.SHEET_ASSESSMENTS]
    if not any(c.value is not None for row in ws.iter_rows() for c in row):
        raise DataError([Problem(name, "bladet är tomt", sheet=ws.title)], name)
    now = current_month(today)
    unit, period = _identity(wb, ws, name, data, now, problems)
    if problems:
        raise DataError(problems, name)
    p = parse_period(period)
    assessments = _read_assessment_sheet(ws, name, data, p, problems)
    values = _read_indicator_sheet(wb[tpl.SHEET_INDICATORS], name, data, p, unit, period, problems)
    # Templates made before the economy sheet existed have none: their units say nothing of it.
    comment = _text(wb[tpl.SHEET_ECONOMY][tpl.ECONOMY_COMMENT_CELL].value) if tpl.SHEET_ECONOMY in wb.sheetnames else ""
    _check_period_fits(data, p, name, problems, sheet=tpl.SHEET_ASSESSMENTS, row=tpl.PERIOD_ROW, column="Period")
    if problems:
        raise DataError(problems, name)
    sub = Submission(unit, period, tuple(assessments), tuple(values), sheet=tpl.SHEET_ASSESSMENTS,
                     economy_comment=comment or None, economy_comment_row=tpl.ECONOMY_COMMENT_ROW if comment else None)
    _final_check(data.folder, [sub], name, today)
    return sub


def _identity(wb, ws, name: str, data: Dataset, now: Month, problems: list[Problem]) -> tuple[str, str]:
    """The unit and period from the locked header block, checked against the custom properties."""
    props = {p.name: str(p.value) for p in wb.custom_doc_props}
    header = {str(ws.cell(r, 1).value or "").strip().casefold(): r for r in range(1, tpl.TABLE_HEADER_ROW)}
    if props.get(tpl.NAME_KIND) != tpl.KIND and "enhet-id" not in header:
        problems.append(Problem(name, "arbetsboken är ingen styrkort-mall (uppgift om enhet och period saknas); "
                                      "skapa mallen med `styrkort template`", sheet=ws.title))
        return "", ""
    values = {}
    for label, row, prop in (("Enhet-id", tpl.UNIT_ID_ROW, tpl.NAME_UNIT), ("Period", tpl.PERIOD_ROW, tpl.NAME_PERIOD)):
        row = header.get(label.casefold(), row)
        text = _text(ws.cell(row, 2).value)
        if text and prop in props and text != props[prop]:
            problems.append(Problem(name, f"värdet {text!r} har ändrats; mallen skapades för {props[prop]!r}. Enhet och "
                                          "period får inte ändras: skapa en ny mall", row=row, column=label, sheet=ws.title))
        elif not text:
            problems.append(Problem(name, "värde saknas", row=row, column=label, sheet=ws.title))
        values[label] = (text, row)
    if problems:
        return "", ""
    (unit, unit_row), (period, period_row) = values["Enhet-id"], values["Period"]
    known = list(data.units["enhet_id"])
    if unit not in known:
        problems.append(Problem(name, f"{unit!r} finns inte i enheter; kända: {', '.join(known)}", row=unit_row,
                                column="Enhet-id", sheet=ws.title))
    local: list[Problem] = []
    key = convert_cell(period, contract.BY_NAME["bedomningar"].column("period"), name, period_row, local, now)
    problems += [_at(p, ws.title, "Period") for p in local]
    return unit, key or ""


def _at(p: Problem, sheet: str, column: str | None) -> Problem:
    return Problem(p.file, p.message, p.row, column if column is not None else p.column, sheet)


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = cell_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _header_row(ws, first: str, name: str, problems: list[Problem]) -> tuple[int, dict[str, int]] | None:
    """The table's header row (the row whose first cell is ``first``) and its columns by name."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 40)):
        texts = [_text(c.value).casefold() for c in row]
        if texts and texts[0] == first.casefold():
            return row[0].row, {t: i + 1 for i, t in enumerate(texts) if t}
    if ws.max_row <= 1 and ws.cell(1, 1).value is None:
        problems.append(Problem(name, "bladet är tomt", sheet=ws.title))
    else:
        problems.append(Problem(name, f"rubrikraden saknas: ingen rad börjar med {first!r}. Rubrikerna får inte ändras",
                                sheet=ws.title))
    return None


def _columns(ws, header_row: int, found: dict[str, int], wanted: tuple[str, ...], name: str,
             problems: list[Problem]) -> dict[str, int] | None:
    missing = [w for w in wanted if w.casefold() not in found]
    if missing:
        has = ", ".join(_text(c.value) for c in ws[header_row] if c.value is not None)
        problems.append(Problem(name, f"kolumn saknas: {', '.join(missing)} (rubrikraden har: {has}). Rubrikerna får "
                                      "inte ändras", row=header_row, sheet=ws.title))
        return None
    return {w: found[w.casefold()] for w in wanted}


def _merged(ws, first_row: int, columns: list[int], name: str, problems: list[Problem]) -> bool:
    """Merged cells across rows make one value stand for several: refused, naming the range.
    A merge within one row (a comment widened over the next columns) is read from its first cell.
    True when a merge was refused (the rows are then not read: that is the problem to fix)."""
    before = len(problems)
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if rng.max_row >= first_row and rng.max_row > rng.min_row and any(rng.min_col <= c <= rng.max_col for c in columns):
            problems.append(Problem(name, f"sammanfogade celler {rng.coord}: en cell kan inte gälla flera rader. Dela upp "
                                          "cellerna (Start → Sammanfoga och centrera → Dela upp celler) och fyll i "
                                          "varje rad", row=rng.min_row, sheet=ws.title))
    return len(problems) > before


def _data_rows(ws, header_row: int):
    for row in ws.iter_rows(min_row=header_row + 1, max_row=ws.max_row):
        if any(_text(c.value) for c in row):
            yield row[0].row


def _read_assessment_sheet(ws, name: str, data: Dataset, p, problems: list[Problem]) -> list[Assessment]:
    found = _header_row(ws, "Målområde", name, problems)
    if found is None:
        return []
    header_row, cols = found
    cols = _columns(ws, header_row, cols, ("Målområde", "Status", "Kommentar"), name, problems)
    if cols is None:
        return []
    if _merged(ws, header_row + 1, list(cols.values()), name, problems):
        return []
    spec = contract.BY_NAME["bedomningar"]
    now = current_month()
    year_areas = data.goal_area_numbers.of(p.year)
    out: list[Assessment] = []
    seen: dict[int, int] = {}
    for r in _data_rows(ws, header_row):
        local: list[Problem] = []
        area = convert_cell(_text(ws.cell(r, cols["Målområde"]).value), spec.column("malomrade"), name, r, local, now)
        status = convert_cell(_text(ws.cell(r, cols["Status"]).value), spec.column("status"), name, r, local, now)
        problems += [_at(x, ws.title, {"malomrade": "Målområde", "status": "Status"}[x.column]) for x in local]
        comment = _text(ws.cell(r, cols["Kommentar"]).value) or None
        if area is None:
            continue
        if unknown := data.goal_area_numbers.unknown(area, p.year):
            problems.append(Problem(name, unknown, r, "Målområde", ws.title))
        elif area in seen:
            problems.append(Problem(name, f"dubblett: målområde {area} står redan på rad {seen[area]}", r, "Målområde",
                                    ws.title))
        else:
            seen[area] = r
            if status is not None:
                out.append(Assessment(area, status, comment, r))
    missing = [a for a in year_areas if a not in seen]
    if missing and not problems:
        problems.append(Problem(name, f"målområde {', '.join(map(str, missing))} saknas; alla målområden för {p.year} "
                                      f"ska bedömas ({', '.join(map(str, year_areas))})", sheet=ws.title,
                                column="Målområde"))
    return out


def _read_indicator_sheet(ws, name: str, data: Dataset, p, unit: str, period: str,
                          problems: list[Problem]) -> list[IndicatorValue]:
    found = _header_row(ws, "Indikator-id", name, problems)
    if found is None:
        return []
    header_row, cols = found
    cols = _columns(ws, header_row, cols, ("Indikator-id", "Värde"), name, problems)
    if cols is None:
        return []
    if _merged(ws, header_row + 1, [cols["Värde"]], name, problems):
        return []
    known = set(data.indicators[data.indicators["ar"] == p.year]["indikator_id"])
    value_col = contract.BY_NAME["indikatorvarden"].column("varde")
    out: list[IndicatorValue] = []
    seen: dict[str, int] = {}
    for r in _data_rows(ws, header_row):
        ind = _text(ws.cell(r, cols["Indikator-id"]).value)
        raw = _text(ws.cell(r, cols["Värde"]).value)
        if ind.startswith("Inga indikatorer"):
            continue
        if not raw:
            continue  # not reported: the unit has no value of its own
        if not ind:
            problems.append(Problem(name, "värde saknas (indikatorns id)", r, "Indikator-id", ws.title))
            continue
        if ind not in known:
            problems.append(Problem(name, f"indikatorn {ind!r} finns inte för {p.year} i indikatorer; kända: "
                                          f"{', '.join(sorted(known)) or 'inga'}", r, "Indikator-id", ws.title))
            continue
        if ind in seen:
            problems.append(Problem(name, f"dubblett: indikatorn {ind} står redan på rad {seen[ind]}", r, "Indikator-id",
                                    ws.title))
            continue
        seen[ind] = r
        local: list[Problem] = []
        value = convert_cell(raw, value_col, name, r, local, current_month())
        problems += [_at(x, ws.title, "Värde") for x in local]
        if value is not None and not local:
            out.append(IndicatorValue(ind, float(value), r))
    return out


def _check_period_fits(data: Dataset, p, name: str, problems: list[Problem], **where) -> None:
    """A month belongs to one reporting period: 2023-07 cannot be reported when 2023-06..2023-07 was."""
    if other := overlapping_period(p, data.reporting_periods(p.year)):
        problems.append(Problem(name, f"perioden {p.key} överlappar den redan rapporterade perioden {other.key}; en "
                                      "månad kan bara höra till en rapportperiod (skapa mallen för "
                                      f"{other.key})", **where))


def _final_check(folder: Path, subs: list[Submission], name: str, today: date | None) -> None:
    """The data must still load with these submissions in place; what load_data finds is refused."""
    try:
        load_data(folder, today, pending=tuple(subs), pending_label=name)
    except DataError as exc:
        raise DataError(exc.problems, name) from None


# --- the contract's bedomningar table, for several units at once ----------------------------------

def read_assessment_table(path: Path, data: Dataset, today: date | None = None) -> tuple[Submission, ...]:
    name = path.name
    spec = contract.BY_NAME["bedomningar"]
    problems: list[Problem] = []
    rows = read_rows(path, spec, problems)
    frame = typed_frame(name, spec, rows, problems, current_month(today))
    if problems:
        raise DataError(problems, name)
    known_units = set(data.units["enhet_id"])
    areas = data.goal_area_numbers
    groups: dict[tuple[str, str], list[Assessment]] = {}
    for r in frame.to_dict("records"):
        year, row = parse_period(r["period"]).year, r["_row"]
        unit, area = r["enhet_id"], r["malomrade"]
        if unit not in known_units:
            problems.append(Problem(name, f"{unit!r} finns inte i enheter; kända: {', '.join(sorted(known_units))}",
                                    row, "enhet_id"))
            continue
        if unknown := areas.unknown(area, year):
            problems.append(Problem(name, unknown, row, "malomrade"))
            continue
        text = r.get("kommentar")
        comment = _CONTROL.sub("", text).strip() if isinstance(text, str) else None
        groups.setdefault((unit, r["period"]), []).append(Assessment(int(area), r["status"], comment or None, row))
    for (unit, period), items in groups.items():
        p = parse_period(period)
        missing = sorted(set(areas.of(p.year)) - {a.area for a in items})
        if missing:
            problems.append(Problem(name, f"{unit} {period}: målområde {', '.join(map(str, missing))} saknas; en "
                                          "inlämning ska bedöma alla målområden för året", column="malomrade"))
        _check_period_fits(data, p, name, problems, column="period")
    if problems:
        raise DataError(problems, name)
    subs = tuple(Submission(u, p, tuple(sorted(a, key=lambda x: x.area))) for (u, p), a in sorted(groups.items()))
    _final_check(data.folder, list(subs), name, today)
    return subs


# --- storing ----------------------------------------------------------------------------------

def _store(con: sqlite3.Connection, imp: Import, path: Path, folder: Path, today: date | None) -> Result:
    if imp.table_file is not None:
        return _install_table(con, imp, path, folder, today)
    before = {(s.unit, s.period): store.latest_submission(con, s.unit, s.period) for s in imp.submissions}
    ids = store.write_import(con, imp)
    replaced = tuple(r[:3] for r in before.values() if r is not None)
    same = any(r is not None and r[3] == imp.sha256 for r in before.values())
    return Result(path, True, tuple((sid, s.unit, s.period) for sid, s in zip(ids, imp.submissions)), replaced,
                  note="samma fil, byte för byte, som inlämningen den ersätter" if same else "")


def _install_table(con: sqlite3.Connection, imp: Import, path: Path, folder: Path, today: date | None) -> Result:
    """Validate the folder with the new file in place (in a copy), then install it through the
    store's journal (:func:`styrkort.data.store.install_table`): the old file and the new one kept
    in the store, the new one in the folder once that is committed. Nothing changes on a problem."""
    t = imp.table_file
    _validate_with(folder, t, imp.source, today)
    store.install_table(con, folder, imp)
    return Result(path, True, table=t.file_name)


def _validate_with(folder: Path, t: TableFile, source: str, today: date | None) -> None:
    with tempfile.TemporaryDirectory(prefix="styrkort-import-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(folder, trial, ignore=shutil.ignore_patterns(f"{store.STORE_NAME}*", ".*"))
        for path in contract.table_paths(trial, t.table):
            path.unlink(missing_ok=True)
        (trial / t.file_name).write_bytes(t.content)
        store.copy_store(folder, trial)
        try:
            load_data(trial, today)
        except DataError as exc:
            problems = [Problem(source if p.file == t.file_name else p.file, p.message, p.row, p.column, p.sheet)
                        for p in exc.problems]
            raise DataError(problems, source) from None
