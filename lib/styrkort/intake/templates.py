"""Excel workbooks the units fill in: one per unit and period, read back by :mod:`styrkort.intake.imports`.

A workbook has three sheets:

* **Bedömningar** – one row per goal area of the period's year: number, name, the council's and
  the board's goals as help text, a *Status* cell with a drop-down (Grön, Gul, Röd) and a wide,
  wrapped *Kommentar* cell;
* **Indikatorer** – the year's indicators with a *Värde* cell each, for the unit's own figures
  (optional: an empty cell is "not reported");
* **Ekonomi** – the unit's own comment on its economy for the period (optional), with its
  budget, outcome and forecast where the data has them, as help;
* **Instruktioner** – how to fill it in, in Swedish.

The unit and the period stand in fixed, locked cells at the top of both data sheets, and again
in the workbook's defined names and custom properties, so the importer can check that they
were not changed. Every sheet is protected, without a password, except the input cells.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import column_index_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from styrkort.data.atomic import write_atomic
from styrkort.data.errors import ReportError
from styrkort.data.loading import Dataset
from styrkort.data.periods import Period, PeriodError, current_month, parse_period, year_to_date
from styrkort.data.rules import overlapping_period
from styrkort.data.status import ALLOWED

SHEET_ASSESSMENTS = "Bedömningar"
SHEET_INDICATORS = "Indikatorer"
SHEET_ECONOMY = "Ekonomi"
SHEET_HELP = "Instruktioner"
KIND = "styrkort-inlamning"
VERSION = "1"

# The header block, the same on both data sheets: (label, row); values in column B.
UNIT_ID_ROW, UNIT_NAME_ROW, PERIOD_ROW, PERIOD_NAME_ROW = 2, 3, 4, 5
TABLE_HEADER_ROW = 7

# Defined names and custom properties the importer reads.
NAME_KIND, NAME_VERSION, NAME_UNIT, NAME_PERIOD = "styrkort_mall", "styrkort_version", "styrkort_enhet", "styrkort_period"

ASSESSMENT_COLUMNS = ("Målområde", "Namn", "Mål (hjälptext)", "Status", "Kommentar")
INDICATOR_COLUMNS = ("Indikator-id", "Indikator", "Målområde", "Måttenhet", "Önskad riktning", "Värde")
STATUS_COLUMN, COMMENT_COLUMN, VALUE_COLUMN = "D", "E", "F"
#: The economy sheet: the unit's comment in one input cell, below the figures it comments on.
ECONOMY_COMMENT_ROW, ECONOMY_COMMENT_CELL = 12, "B12"

_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="DDE4EE")
_INPUT = PatternFill("solid", fgColor="FFF9DB")
_WRAP = Alignment(wrap_text=True, vertical="top")

INSTRUCTIONS = """\
Så fyller du i månadsuppföljningen

1. Bladet Bedömningar har en rad per målområde. Välj Grön, Gul eller Röd i kolumnen Status
   (klicka i cellen och välj i listan). Alla målområden ska bedömas.
     Grön = målet uppfyllt, Gul = målet delvis uppfyllt eller i fara, Röd = målet inte uppfyllt.
2. Skriv en kommentar till varje bedömning i kolumnen Kommentar: vad som har hänt, varför du
   bedömer som du gör och vad enheten gör åt det. Radbrytning i en cell: Alt+Enter.
   Kommentaren visas för nämnden som vanlig text; formatering och HTML visas som tecken.
3. Bladet Indikatorer: fyll i enhetens eget värde där enheten mäter indikatorn. Lämna cellen
   tom om enheten inte har något värde. Skriv tal som vanligt, t.ex. 1 234,5 eller 7,9.
4. Bladet Ekonomi visar enhetens budget, utfall och prognos där förvaltningen har dem. Skriv
   gärna en kommentar till enhetens ekonomi i den gula cellen (valfritt).
5. Ändra inte enhet, period, bladens namn, rubrikerna eller ordningen på raderna. Lägg inte
   till eller ta bort rader och sammanfoga inte celler. Bladen är skyddade utan lösenord så att
   bara de gula cellerna går att ändra.
6. Spara filen som Excel-arbetsbok (.xlsx) och skicka den till förvaltningens analytiker.

Rättelser: fyll i en ny mall (eller rätta den du skickade) och skicka den igen. Den senast
inlästa versionen gäller i rapporten; tidigare versioner sparas med tid och filnamn.
"""


@dataclass(frozen=True)
class Written:
    unit: str
    path: Path
    period: Period  # as the template is for: July reported with June is June–July


def slug(text: str) -> str:
    """ASCII for file names: "Vuxenenheten" → "vuxenenheten", "Bogruppen/förvaltningsstöd" →
    "bogruppen-forvaltningsstod"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_ = "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "enhet"


def template_period(data: Dataset, text: str) -> Period:
    """A month or combined period that is not in the future. A month already reported as part of
    a combined period (July in June–July) is that period: its import would be refused otherwise."""
    p = parse_period(text)
    if p.kind not in ("month", "combined"):
        raise PeriodError(f"en mall gäller en månad eller en sammanslagen period, inte {p.key!r}")
    if p.first > current_month():
        raise PeriodError(f"perioden {p.key} ligger i framtiden (senast tillåtna är {current_month().key})")
    other = overlapping_period(p, data.reporting_periods(p.year))
    if other is None:
        return p
    if p.kind == "month" and other.kind == "combined":
        return other
    raise PeriodError(f"perioden {p.key} överlappar den redan rapporterade perioden {other.key}; en månad kan bara "
                      f"höra till en rapportperiod (skapa mallen för {other.key})")


#: Room for the folder in a path: file names stay well inside the 255 bytes file systems allow.
_NAME_CHARS = 60


def file_names(period: Period, units: list[tuple[str, str]]) -> dict[str, str]:
    """Unit id → its template's file name, ``<period>_<unit id>_<unit name>.xlsx`` in ASCII, cut to
    a length every file system takes, and unique even where two units' names fold to the same
    letters ("A/B Stöd", "A-B Stod")."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for unit_id, unit_name in units:
        base = f"{period.key}_{slug(unit_id)[:_NAME_CHARS]}_{slug(unit_name)[:_NAME_CHARS].strip('-')}"
        name, n = f"{base}.xlsx", 1
        while name.casefold() in taken:
            n += 1
            name = f"{base}-{n}.xlsx"
        taken.add(name.casefold())
        names[unit_id] = name
    return names


def write_templates(data: Dataset, period: str, out_dir: str | Path, units: list[str] | None = None) -> list[Written]:
    """One workbook per unit (or per unit in ``units``) for ``period`` into ``out_dir``."""
    p = template_period(data, period)
    year_areas = data.goal_areas[data.goal_areas["ar"] == p.year]
    if year_areas.empty:
        raise ReportError(f"Det finns inga målområden för {p.year} i malomraden; mallen kan inte skapas.")
    known = list(data.units["enhet_id"])
    unknown = [u for u in units or [] if u not in known]
    if unknown:
        raise ReportError(f"Okänd enhet {', '.join(unknown)}; kända: {', '.join(known)}.")
    existing = data.units_in(p)  # a unit that has closed, or not yet opened, reports nothing for p
    gone = [u for u in units or [] if u not in set(existing["enhet_id"])]
    if gone:
        life = data.lifecycle
        raise ReportError("Enheten finns inte under " + p.key + ": "
                          + ", ".join(f"{u} ({life.span(u).text()})" for u in gone) + ".")
    out = Path(out_dir)
    chosen = [(u.enhet_id, u.namn) for u in existing.itertuples(index=False) if not units or u.enhet_id in units]
    names = file_names(p, chosen)
    contents = {unit_id: workbook_bytes(data, p, unit_id) for unit_id, _ in chosen}  # every refusal before a file
    done = []
    for unit_id, _ in chosen:
        path = out / names[unit_id]
        write_atomic(path, contents[unit_id])
        done.append(Written(unit_id, path, p))
    return done


def workbook_bytes(data: Dataset, p: Period, unit_id: str) -> bytes:
    wb = build_workbook(data, p, unit_id)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_workbook(data: Dataset, p: Period, unit_id: str) -> Workbook:
    unit = data.units[data.units["enhet_id"] == unit_id].iloc[0]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_ASSESSMENTS
    _assessment_sheet(ws, data, p, unit)
    _indicator_sheet(wb.create_sheet(SHEET_INDICATORS), data, p, unit)
    _economy_sheet(wb.create_sheet(SHEET_ECONOMY), data, p, unit)
    _help_sheet(wb.create_sheet(SHEET_HELP))
    for name, ref in ((NAME_UNIT, f"$B${UNIT_ID_ROW}"), (NAME_PERIOD, f"$B${PERIOD_ROW}")):
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{SHEET_ASSESSMENTS}'!{ref}")
    for name, value in ((NAME_KIND, KIND), (NAME_VERSION, VERSION), (NAME_UNIT, unit_id), (NAME_PERIOD, p.key)):
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    wb.properties.title = f"Månadsuppföljning {p.name_sv} – {unit['namn']}"
    wb.properties.creator = "styrkort"
    wb.properties.language = "sv-SE"
    return wb


#: What one Excel cell holds; a longer text would be cut by Excel without a word.
CELL_LIMIT = 32_767


def _put(ws, row: int, column: int, value):
    """A value in a cell. Text is stored as text, never as a formula, whatever it starts with
    (``=HYPERLINK(…)`` in a unit's name or comment stays those characters, and comes back as them
    on import); a text longer than a cell holds is refused rather than cut."""
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if len(value) > CELL_LIMIT:
            raise ReportError(f"Texten i blad {ws.title!r}, cell {cell.coordinate}, är {len(value)} tecken; en "
                              f"Excel-cell rymmer {CELL_LIMIT}. Korta den i datamappen innan mallen skapas.")
    return cell


def _header_block(ws, data: Dataset, p: Period, unit, title: str) -> None:
    _put(ws, 1, 1, f"{title} – {unit['namn']}, {p.name_sv}").font = Font(bold=True, size=14)
    org = data.organisation
    _put(ws, 2, 3, f"{org['forvaltning']}, {org['kommun']}")
    for row, label, value in ((UNIT_ID_ROW, "Enhet-id", unit["enhet_id"]), (UNIT_NAME_ROW, "Enhet", unit["namn"]),
                              (PERIOD_ROW, "Period", p.key), (PERIOD_NAME_ROW, "Avser", p.name_sv)):
        ws.cell(row, 1, label).font = Font(bold=True)
        cell = _put(ws, row, 2, value)
        cell.number_format = "@"  # text: Excel must not turn 2024-09 into a date
        cell.border = _BOX


def _table_header(ws, columns: tuple[str, ...]) -> None:
    for i, name in enumerate(columns, start=1):
        cell = ws.cell(TABLE_HEADER_ROW, i, name)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), _HEAD, _BOX, _WRAP
    ws.freeze_panes = ws.cell(TABLE_HEADER_ROW + 1, 1)


def _input(cell) -> None:
    cell.protection = Protection(locked=False)
    cell.fill, cell.border, cell.alignment = _INPUT, _BOX, _WRAP


def _protect(ws) -> None:
    ws.protection.sheet = True  # no password: an analyst can lift it, a unit is guided by it
    ws.protection.formatRows = False  # False = allowed: rows may be made taller to read a comment
    ws.protection.formatColumns = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _assessment_sheet(ws, data: Dataset, p: Period, unit) -> None:
    _header_block(ws, data, p, unit, "Månadsuppföljning")
    _table_header(ws, ASSESSMENT_COLUMNS)
    current = data.assessments[(data.assessments["period"] == p.key) & (data.assessments["enhet_id"] == unit["enhet_id"])]
    prefill = {int(a): (s, c) for a, s, c in zip(current["malomrade"], current["status"], current["kommentar"])}
    status_dv = DataValidation(type="list", formula1='"' + ",".join(ALLOWED) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Ogiltig status",
                               error="Välj Grön, Gul eller Röd i listan.", showInputMessage=True,
                               promptTitle="Status", prompt="Välj Grön, Gul eller Röd.")
    ws.add_data_validation(status_dv)
    areas = data.goal_areas[data.goal_areas["ar"] == p.year].sort_values("malomrade")
    for i, area in enumerate(areas.itertuples(index=False), start=TABLE_HEADER_ROW + 1):
        n = int(area.malomrade)
        goals = data.board_goals[(data.board_goals["ar"] == p.year) & (data.board_goals["malomrade"] == n)]
        help_text = "\n".join([f"Kommunens mål: {area.kommunmal}"] +
                              [f"Nämndens mål {g.mal_id}: {g.mal}" for g in goals.sort_values("mal_id").itertuples()])
        for col, value in enumerate((n, area.namn, help_text), start=1):
            cell = _put(ws, i, col, value)
            cell.alignment, cell.border = _WRAP, _BOX
        status, comment = prefill.get(n, (None, None))
        status_cell = ws[f"{STATUS_COLUMN}{i}"]
        status_cell.value = status
        _input(status_cell)
        status_dv.add(status_cell)
        comment_cell = _put(ws, i, column_index_from_string(COMMENT_COLUMN), comment or None)
        _input(comment_cell)
        ws.row_dimensions[i].height = 150
    for col, width in zip("ABCDE", (11, 16, 55, 12, 80)):
        ws.column_dimensions[col].width = width
    _protect(ws)


def _indicator_sheet(ws, data: Dataset, p: Period, unit) -> None:
    _header_block(ws, data, p, unit, "Indikatorer")
    _table_header(ws, INDICATOR_COLUMNS)
    indicators = data.indicators[data.indicators["ar"] == p.year].sort_values(["malomrade", "indikator_id"])
    values = data.indicator_values
    values = values[(values["period"] == p.key) & (values["enhet_id"] == unit["enhet_id"])]
    prefill = dict(zip(values["indikator_id"], values["varde"]))
    dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                        allow_blank=True, showErrorMessage=True, errorTitle="Inget tal",
                        error="Skriv ett tal, t.ex. 7,9 eller 1 234. Lämna tomt om enheten inte har något värde.")
    ws.add_data_validation(dv)
    for i, ind in enumerate(indicators.itertuples(index=False), start=TABLE_HEADER_ROW + 1):
        direction = f"mål {ind.malvarde:g}" if ind.riktning == "mål" and ind.malvarde == ind.malvarde else ind.riktning
        for col, value in enumerate((ind.indikator_id, ind.namn, int(ind.malomrade), ind.mattenhet or "", direction),
                                    start=1):
            cell = _put(ws, i, col, value)
            cell.alignment, cell.border = _WRAP, _BOX
        cell = ws[f"{VALUE_COLUMN}{i}"]
        cell.value = prefill.get(ind.indikator_id)
        _input(cell)
        dv.add(cell)
    if indicators.empty:
        ws.cell(TABLE_HEADER_ROW + 1, 1, f"Inga indikatorer för {p.year}.")
    for col, width in zip("ABCDEF", (14, 50, 11, 11, 16, 14)):
        ws.column_dimensions[col].width = width
    _protect(ws)


def _economy_sheet(ws, data: Dataset, p: Period, unit) -> None:
    """The unit's figures for the period's last month, where the data has them, and one cell for
    its comment on them."""
    _header_block(ws, data, p, unit, "Ekonomi")
    rows = data.unit_economy
    mine = rows[(rows["period"] == p.last.key) & (rows["enhet_id"] == unit["enhet_id"])]
    figures = (("Årsbudget, tkr", "budget"), (f"Utfall {year_to_date(p.last.month)} {p.year}, tkr", "utfall"), ("Helårsprognos, tkr", "prognos"))
    for i, (label, column) in enumerate(figures, start=TABLE_HEADER_ROW + 1):
        value = mine[column].iloc[0] if not mine.empty else None
        _put(ws, i, 1, label).border = _BOX
        cell = _put(ws, i, 2, None if value is None or value != value else float(value))
        cell.border = _BOX
    _put(ws, ECONOMY_COMMENT_ROW - 1, 1, "Enhetens kommentar till ekonomin (valfri):").font = Font(bold=True)
    comments = data.economy_comments
    current = comments[(comments["period"] == p.key) & (comments["enhet_id"] == unit["enhet_id"])]
    _put(ws, ECONOMY_COMMENT_ROW, 1, "Kommentar").border = _BOX
    cell = _put(ws, ECONOMY_COMMENT_ROW, 2, current["kommentar"].iloc[0] if not current.empty else None)
    _input(cell)
    cell.alignment = _WRAP
    ws.row_dimensions[ECONOMY_COMMENT_ROW].height = 120
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 34, 90
    _protect(ws)


def _help_sheet(ws) -> None:
    ws.column_dimensions["A"].width = 100
    for i, line in enumerate(INSTRUCTIONS.splitlines(), start=1):
        ws.cell(i, 1, line).alignment = Alignment(wrap_text=False)
    ws["A1"].font = Font(bold=True, size=14)
    _protect(ws)
