"""The finance system's ledger extract, aggregated to the contract's ``ekonomi`` table, and with a
mapping of responsibility codes to units to ``ekonomi_enhet``.

Input, read column by column with pyarrow (a large municipality's year is about ten million
rows; nothing here loops over rows):

* the **ledger** (``huvudbok``): one transaction per row with ``datum`` (YYYY-MM-DD or
  YYYYMMDD), ``ansvar`` (or ``enhet``: the unit or responsibility code), ``verksamhetskod``
  (or ``verksamhet``), ``konto``, ``belopp`` (kronor, as booked: costs positive, income
  negative; decimal comma or point) and ``typ`` (``budget`` or ``utfall``). CSV (``;``, ``,``
  or tab; UTF-8, with or without BOM, or Windows-1252) or Parquet.
* the **mapping** (``verksamhetskod;verksamhet``): which activity area each activity code
  belongs to. Every code in the ledger must be mapped: an unmapped code is refused, naming the
  codes, their rows and amounts, because an "unallocated" row would make the areas' figures
  silently wrong.
* the **responsibility mapping** (``ansvar;enhet_id``, optional): which unit each responsibility
  code belongs to, or an empty ``enhet_id`` for a code that belongs to no unit (the board's own,
  say). Every code in the ledger must be listed, for the same reason.

Output, per year, month and activity area, in tkr with net costs negative as the contract has
it: ``budget`` = the year's budget (all budget rows dated in the year, however the finance
system spreads them over months), ``utfall`` = outcome from January up to and including the
month. Months run from January to the last month with outcome. A ledger has no forecast, so
``prognos`` is kept from the data folder's ``ekonomi`` rows for the same month and area, or
left empty.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from styrkort.data import fmt
from styrkort.data.errors import DataError, Problem, shorten
from styrkort.data.loading import Dataset
from styrkort.data.periods import Month, current_month
from styrkort.data.decoding import decode
from styrkort.data.tables import csv_cell, refuse_binary

ALIASES = {
    "datum": "datum", "bokföringsdatum": "datum", "bokforingsdatum": "datum",
    "ansvar": "ansvar", "enhet": "ansvar", "ansvarskod": "ansvar", "enhet_id": "ansvar",
    "verksamhetskod": "verksamhetskod", "verksamhet": "verksamhetskod", "vht": "verksamhetskod",
    "konto": "konto", "belopp": "belopp", "typ": "typ",
}
REQUIRED = ("datum", "ansvar", "verksamhetskod", "konto", "belopp", "typ")
USED = ("datum", "ansvar", "verksamhetskod", "belopp", "typ")
TYPES = ("budget", "utfall")
SHOWN = 10  # rows named in a message before "… och N till"


@dataclass(frozen=True)
class LedgerSummary:
    rows: int
    years: tuple[int, ...]
    months: tuple[str, ...]
    economy: pd.DataFrame  # period, verksamhet, budget, utfall, prognos (tkr)
    unit_economy: pd.DataFrame | None = None  # period, enhet_id, budget, utfall, prognos (tkr)


# --- reading ------------------------------------------------------------------------------------

def _sniff(path: Path) -> tuple[str, str, list[str]]:
    """Encoding, delimiter and header of a CSV file, from its first bytes."""
    with open(path, "rb") as f:
        sample = f.read(1 << 16)
    problems: list[Problem] = []
    if refuse_binary(sample, path.name, problems):
        raise DataError(problems, path.name)
    try:
        sample.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        # A cut multi-byte character at the end of the sample is still UTF-8.
        encoding = "utf-8" if exc.start >= len(sample) - 3 else "cp1252"
    text = decode(sample) if encoding == "utf-8" else sample.decode("cp1252", errors="replace")
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = max((";", ",", "\t"), key=first.count)
    header = next(csv.reader([first], delimiter=delimiter)) if first else []
    return encoding, delimiter, [h.strip().casefold() for h in header]


def _columns(name: str, header: list[str]) -> dict[str, str]:
    """Canonical column → the file's column; DataError naming what is missing."""
    found: dict[str, str] = {}
    for h in header:
        canon = ALIASES.get(h)
        if canon and canon not in found:
            found[canon] = h
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise DataError([Problem(name, f"kolumn saknas: {', '.join(missing)} (filen har: "
                                       f"{shorten(', '.join(h for h in header if h) or 'inga rubriker')}). En huvudbok har "
                                       f"kolumnerna {', '.join(REQUIRED)}")], name)
    return found


_DICT = pa.dictionary(pa.int32(), pa.string())


def read_ledger(path: str | Path) -> pa.Table:
    """The ledger's used columns as an Arrow table: datum (a date), verksamhetskod and typ (text,
    dictionary-encoded: a ledger repeats a few codes millions of times) and belopp (float64).
    Bad dates and amounts raise DataError naming the file, the rows and the column; codes and
    types are checked on the aggregate (:func:`aggregate`)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataError([Problem(name, "filen finns inte")], name)
    if path.stat().st_size == 0:
        raise DataError([Problem(name, "filen är tom")], name)
    if path.suffix.casefold() == ".parquet":
        return _read_parquet(path)
    encoding, delimiter, header = _sniff(path)
    cols = _columns(name, header)
    names, taken = [], set()
    for i, h in enumerate(header):
        canon = ALIASES.get(h)
        names.append(canon if canon and cols.get(canon) == h and canon not in taken else f"_ignored_{i}")
        taken.add(names[-1])
    read = pacsv.ReadOptions(column_names=names, skip_rows=1, encoding=encoding, block_size=1 << 24)
    parse = pacsv.ParseOptions(delimiter=delimiter)
    decimal = "," if delimiter != "," else "."

    def attempt(datum: pa.DataType, belopp: pa.DataType) -> pa.Table:
        types = {"datum": datum, "ansvar": _DICT, "verksamhetskod": _DICT, "typ": _DICT, "belopp": belopp}
        return pacsv.read_csv(path, read_options=read, parse_options=parse,
                              convert_options=pacsv.ConvertOptions(column_types=types, include_columns=list(USED),
                                                                   decimal_point=decimal, strings_can_be_null=False))

    # The fast path: ISO dates and plain numbers, parsed by the CSV reader itself. Anything
    # else (YYYYMMDD, "1 234,50", a word) is read as text and looked at column by column.
    table = None
    for datum, belopp in ((pa.date32(), pa.float64()), (pa.string(), pa.float64()), (pa.date32(), pa.string()),
                          (pa.string(), pa.string())):
        try:
            table = attempt(datum, belopp)
            break
        except pa.ArrowInvalid as exc:
            error = exc
    if table is None:
        if "UTF8" in str(error) or "UTF-8" in str(error):
            raise DataError([Problem(name, "filen blandar teckenkodningar: början är UTF-8 men längre ned finns tecken i "
                                           "en annan kodning (troligen Windows-1252). Spara hela filen i en och samma "
                                           "kodning (UTF-8) och läs in den igen")], name)
        raise DataError([Problem(name, f"filen går inte att läsa som CSV ({error}); en huvudbok är semikolon- eller "
                                       "kommaavgränsad text med en rubrikrad")], name)
    if table.num_rows == 0:
        raise DataError([Problem(name, "filen har rubriker men inga rader")], name)
    return _checked(name, table.unify_dictionaries())


def _read_parquet(path: Path) -> pa.Table:
    import pyarrow.parquet as pq

    name = path.name
    try:
        schema = pq.read_schema(path)
        original = {n.strip().casefold(): n for n in schema.names}
        cols = _columns(name, list(original))
        raw = pq.read_table(path, columns=[original[cols[c]] for c in USED])
    except (pa.ArrowException, OSError) as exc:
        raise DataError([Problem(name, f"filen går inte att läsa som Parquet ({type(exc).__name__}); exportera "
                                       "huvudboken igen, som Parquet eller CSV")], name) from None
    table = pa.table({c: raw.column(i) for i, c in enumerate(USED)})
    for c in ("ansvar", "verksamhetskod", "typ"):
        if not pa.types.is_dictionary(table[c].type):
            table = table.set_column(table.schema.get_field_index(c), c, pc.cast(table[c], pa.string()))
    datum = table["datum"].type
    if pa.types.is_timestamp(datum):
        table = table.set_column(0, "datum", pc.cast(table["datum"], pa.date32()))
    elif not (pa.types.is_date(datum) or pa.types.is_string(datum) or pa.types.is_large_string(datum)):
        table = table.set_column(0, "datum", pc.cast(table["datum"], pa.string()))
    if table.num_rows == 0:
        raise DataError([Problem(name, "filen har rubriker men inga rader")], name)
    return _checked(name, table)


def _rows(mask: pa.ChunkedArray | pa.Array) -> list[int]:
    """Excel-style row numbers (header = row 1) where ``mask`` is true (or null)."""
    mask = pc.fill_null(mask, True)
    idx = pc.indices_nonzero(mask.combine_chunks() if isinstance(mask, pa.ChunkedArray) else mask)
    return [int(i) + 2 for i in idx.to_pylist()]


def _where(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:SHOWN]))
    return shown + (f" … och {len(rows) - SHOWN} till" if len(rows) > SHOWN else "")


def _checked(name: str, table: pa.Table) -> pa.Table:
    """Dates and amounts as types, or DataError naming the rows that are neither."""
    problems: list[Problem] = []
    when = table["datum"]
    if not pa.types.is_date(when.type):
        text = pc.utf8_trim_whitespace(when)
        parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
        if parsed.null_count:
            parsed = pc.coalesce(parsed, pc.strptime(text, format="%Y%m%d", unit="s", error_is_null=True))
        if parsed.null_count:
            rows = _rows(pc.is_null(parsed))
            sample = when.take([rows[0] - 2]).to_pylist()[0]
            problems.append(Problem(name, f"datumet {sample!r} går inte att läsa; skriv ÅÅÅÅ-MM-DD (rader: "
                                          f"{_where(rows)})", row=rows[0], column="datum"))
        when = pc.cast(parsed, pa.date32())
    amount = table["belopp"]
    if pa.types.is_string(amount.type) or pa.types.is_large_string(amount.type):
        # Swedish forms as people and some systems write them: "1 234,50", "−12".
        s = pc.utf8_trim_whitespace(amount)
        for ch, to in ((" ", ""), ("\u00a0", ""), ("\u202f", ""), ("\u2212", "-"), ("\u2013", "-"), (",", ".")):
            s = pc.replace_substring(s, ch, to)
        ok = pc.match_substring_regex(s, r"^[+-]?(\d+\.?\d*|\.\d+)$")
        if not pc.all(ok).as_py():
            rows = _rows(pc.invert(ok))
            sample = amount.take([rows[0] - 2]).to_pylist()[0]
            problems.append(Problem(name, f"beloppet {sample!r} är inget tal (rader: {_where(rows)})", row=rows[0],
                                    column="belopp"))
        else:
            amount = pc.cast(s, pa.float64())
    elif not pa.types.is_floating(amount.type):
        amount = pc.cast(amount, pa.float64())
    if problems:
        raise DataError(problems, name)
    return pa.table({"datum": when, "ansvar": table["ansvar"], "verksamhetskod": table["verksamhetskod"],
                     "belopp": amount, "typ": table["typ"]})


def _code_file(path: str | Path, code_headers: tuple[str, ...], value_header: str) -> tuple[str, list[tuple[int, str, str]]]:
    """A two-column mapping file's rows as (row, code, value), the header found by its names."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataError([Problem(name, "filen finns inte")], name)
    raw = path.read_bytes()
    problems: list[Problem] = []
    if refuse_binary(raw, name, problems):
        raise DataError(problems, name)
    text = decode(raw)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    grid = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
    if not grid:
        raise DataError([Problem(name, "filen är tom")], name)
    header = [h.strip().casefold() for h in grid[0]]
    code_col = next((i for i, h in enumerate(header) if h in code_headers), None)
    value_col = next((i for i, h in enumerate(header) if h == value_header), None)
    if code_col is None or value_col is None:
        raise DataError([Problem(name, f"kolumn saknas: {code_headers[0]} och {value_header} krävs (filen har: "
                                       f"{shorten(', '.join(h for h in header if h))})")], name)
    rows = []
    for i, row in enumerate(grid[1:], start=2):
        row = row + [""] * (len(header) - len(row))
        rows.append((i, row[code_col].strip(), row[value_col].strip()))
    if not rows:
        raise DataError([Problem(name, "filen har rubriker men inga rader")], name)
    return name, rows


def _checked_codes(name: str, rows: list[tuple[int, str, str]], code: str, value: str, known: list[str],
                   table: str, empty_allowed: bool) -> dict[str, str]:
    problems, mapping, seen = [], {}, {}
    for i, key, to in rows:
        if not key:
            problems.append(Problem(name, f"värde saknas ({code})", row=i, column=code))
        elif to not in known and not (empty_allowed and to == ""):
            problems.append(Problem(name, f"{to!r} finns inte i {table}; kända: {', '.join(known)}", row=i,
                                    column=value))
        elif key in seen and mapping[key] != to:
            problems.append(Problem(name, f"{code} {key} står redan på rad {seen[key]} med {mapping[key]!r}", row=i,
                                    column=code))
        else:
            mapping[key], seen[key] = to, seen.get(key, i)
    if problems:
        raise DataError(problems, name)
    return mapping


def read_mapping(path: str | Path, data: Dataset) -> dict[str, str]:
    """verksamhetskod → verksamhet, every activity area known in the data folder."""
    name, rows = _code_file(path, ("verksamhetskod", "kod", "vht"), "verksamhet")
    return _checked_codes(name, rows, "verksamhetskod", "verksamhet", list(data.activity_areas["verksamhet"]),
                          "verksamheter", empty_allowed=False)


def read_responsibilities(path: str | Path, data: Dataset) -> dict[str, str]:
    """ansvar → enhet_id, every unit known in the data folder; an empty enhet_id: no unit."""
    name, rows = _code_file(path, ("ansvar", "ansvarskod"), "enhet_id")
    return _checked_codes(name, rows, "ansvar", "enhet_id", list(data.units["enhet_id"]), "enheter",
                          empty_allowed=True)


# --- aggregating --------------------------------------------------------------------------------

def aggregate(table: pa.Table, mapping: dict[str, str], data: Dataset, name: str = "huvudbok",
              today: date | None = None) -> pd.DataFrame:
    """Per month and activity area: the year's budget and the outcome to date, in tkr with net
    costs negative. DataError for unknown types, unmapped codes, or outcome dated after this month.

    The ledger is grouped once by (year, month, code, type) in Arrow; everything after that
    works on at most a few thousand rows."""
    now = current_month(today)
    small = pa.table({
        "ar": pc.year(table["datum"]), "man": pc.month(table["datum"]),
        "kod": table["verksamhetskod"], "typ": table["typ"], "belopp": table["belopp"],
    }).group_by(["ar", "man", "kod", "typ"]).aggregate([("belopp", "sum"), ("belopp", "count")]).to_pandas()
    small["kod_raw"], small["typ_raw"] = small["kod"].astype(str), small["typ"].astype(str)
    small["kod"] = small["kod_raw"].str.strip()
    small["typ"] = small["typ_raw"].str.strip().str.casefold()
    problems: list[Problem] = []

    def rows_where(column: str, raw_values) -> list[int]:
        values = pa.array(sorted(set(raw_values)), pa.string())
        col = table[column]
        if pa.types.is_dictionary(col.type):
            col = pc.cast(col, pa.string())
        return _rows(pc.is_in(col, value_set=values))

    bad_type = small[~small["typ"].isin(TYPES)]
    if not bad_type.empty:
        rows = rows_where("typ", bad_type["typ_raw"])
        shown = ", ".join(repr(v) for v in sorted(set(bad_type["typ_raw"])))
        problems.append(Problem(name, f"värdet {shown} är inte tillåtet; tillåtna värden: {', '.join(TYPES)} "
                                      f"(rader: {_where(rows)})", row=rows[0], column="typ"))
    empty = small[small["kod"] == ""]
    if not empty.empty:
        rows = rows_where("verksamhetskod", empty["kod_raw"])
        problems.append(Problem(name, f"verksamhetskod saknas (rader: {_where(rows)})", row=rows[0],
                                column="verksamhetskod"))
    unmapped = small[~small["kod"].isin(list(mapping)) & (small["kod"] != "")]
    if not unmapped.empty:
        per_code = unmapped.groupby("kod").agg(rader=("belopp_count", "sum"), belopp=("belopp_sum", "sum"))
        listed = "; ".join(f"{k} ({int(r.rader)} rader, {fmt.number(r.belopp, 0, minus='-', space=' ')} kr)"
                           for k, r in per_code.sort_index().iterrows())
        rows = rows_where("verksamhetskod", unmapped["kod_raw"])
        problems.append(Problem(name, f"verksamhetskoder som saknas i mappningen: {listed}. Lägg till dem i "
                                      f"mappningsfilen (första rader: {_where(rows)})", row=rows[0],
                                column="verksamhetskod"))
    future = small[(small["typ"] == "utfall") & ((small["ar"] > now.year) | ((small["ar"] == now.year) &
                                                                              (small["man"] > now.month)))]
    if not future.empty:
        first_day_after = (now.next().year, now.next().month)
        cutoff = pa.scalar(date(*first_day_after, 1), pa.date32())
        types = table["typ"] if not pa.types.is_dictionary(table["typ"].type) else pc.cast(table["typ"], pa.string())
        mask = pc.and_(pc.equal(pc.utf8_lower(pc.utf8_trim_whitespace(types)), "utfall"),
                       pc.greater_equal(table["datum"], cutoff))
        rows = _rows(mask)
        problems.append(Problem(name, f"utfall daterat efter innevarande månad ({now.key}) (rader: {_where(rows)})",
                                row=rows[0] if rows else None, column="datum"))
    if problems:
        raise DataError(problems, name)
    small["verksamhet"] = small["kod"].map(mapping)
    order = {v: i for i, v in enumerate(data.activity_areas["verksamhet"])}
    areas = sorted(set(mapping.values()), key=lambda v: order.get(v, len(order)))
    out = []
    for year, rows in small.groupby("ar"):
        budget = rows[rows["typ"] == "budget"].groupby("verksamhet")["belopp_sum"].sum()
        outcome = rows[rows["typ"] == "utfall"]
        if outcome.empty:
            continue
        last = int(outcome["man"].max())
        by_month = outcome.pivot_table(index="man", columns="verksamhet", values="belopp_sum", aggfunc="sum")
        by_month = by_month.reindex(index=range(1, last + 1), columns=areas).fillna(0.0).cumsum()
        for m in range(1, last + 1):
            for area in areas:
                out.append({"period": f"{int(year):04d}-{m:02d}", "verksamhet": area,
                            "budget": _tkr(budget.get(area, 0.0)), "utfall": _tkr(by_month.loc[m, area]),
                            "prognos": None})
    if not out:
        raise DataError([Problem(name, "huvudboken har inga utfallsrader; ekonomitabellen behöver utfall")], name)
    return pd.DataFrame(out, columns=["period", "verksamhet", "budget", "utfall", "prognos"])


def aggregate_units(table: pa.Table, responsibilities: dict[str, str], data: Dataset, name: str = "huvudbok",
                    last: dict[int, int] | None = None) -> pd.DataFrame:
    """Per month and unit: the unit's budget for the year and its outcome to date, in tkr with net
    costs negative, for the months the unit exists up to each year's last month of outcome
    (``last``: year → month, as :func:`aggregate` found them). Codes that belong to no unit are
    left out; a code not in the mapping is refused. Run after :func:`aggregate` has checked the
    types."""
    small = pa.table({
        "ar": pc.year(table["datum"]), "man": pc.month(table["datum"]),
        "ansvar": table["ansvar"], "typ": table["typ"], "belopp": table["belopp"],
    }).group_by(["ar", "man", "ansvar", "typ"]).aggregate([("belopp", "sum"), ("belopp", "count")]).to_pandas()
    small["ansvar"] = small["ansvar"].astype(str).str.strip()
    small["typ"] = small["typ"].astype(str).str.strip().str.casefold()
    unmapped = small[~small["ansvar"].isin(list(responsibilities))]
    if not unmapped.empty:
        per_code = unmapped.groupby("ansvar").agg(rader=("belopp_count", "sum"), belopp=("belopp_sum", "sum"))
        listed = "; ".join(f"{k or '(tom)'} ({int(r.rader)} rader, {fmt.number(r.belopp, 0, minus='-', space=' ')} kr)"
                           for k, r in per_code.sort_index().iterrows())
        raise DataError([Problem(name, f"ansvarskoder som saknas i ansvarsmappningen: {listed}. Lägg till dem, med "
                                       "tomt enhet_id för koder som inte hör till någon enhet", column="ansvar")], name)
    small["enhet"] = small["ansvar"].map(responsibilities)
    small = small[small["enhet"] != ""]
    life = data.lifecycle
    order = {u: i for i, u in enumerate(data.units["enhet_id"])}
    out = []
    for year, rows in small.groupby("ar"):
        year = int(year)
        final = (last or {}).get(year)
        outcome = rows[rows["typ"] == "utfall"]
        if final is None:
            if outcome.empty:
                continue
            final = int(outcome["man"].max())
        budget = rows[rows["typ"] == "budget"].groupby("enhet")["belopp_sum"].sum()
        units = sorted(set(rows["enhet"]), key=lambda u: order.get(u, len(order)))
        by_month = outcome.pivot_table(index="man", columns="enhet", values="belopp_sum", aggfunc="sum")
        by_month = by_month.reindex(index=range(1, final + 1), columns=units).fillna(0.0).cumsum()
        for m in range(1, final + 1):
            for unit in units:
                if life.span(unit).contains(Month(year, m)):
                    out.append({"period": f"{year:04d}-{m:02d}", "enhet_id": unit, "budget": _tkr(budget.get(unit, 0.0)),
                                "utfall": _tkr(by_month.loc[m, unit]), "prognos": None})
    return pd.DataFrame(out, columns=["period", "enhet_id", "budget", "utfall", "prognos"])


def _tkr(kronor: float) -> float:
    """Booked kronor (costs positive) → tkr with net costs negative, to the öre."""
    return round(-float(kronor) / 1000, 5) + 0.0


def merge_economy(existing: pd.DataFrame, new: pd.DataFrame, key: str, order: list[str]) -> pd.DataFrame:
    """The data folder's economy (``ekonomi`` by ``verksamhet``, or ``ekonomi_enhet`` by
    ``enhet_id``) with the ledger's months in place of its own; a month's forecast is kept from
    the existing row for the same area or unit."""
    months = set(new["period"])
    forecast = {(p, v): f for p, v, f in zip(existing["period"], existing[key], existing["prognos"])
                if f is not None and f == f}
    new = new.copy()
    new["prognos"] = [forecast.get((p, v)) for p, v in zip(new["period"], new[key])]
    kept = existing[~existing["period"].isin(months)][["period", key, "budget", "utfall", "prognos"]]
    rank = {v: i for i, v in enumerate(order)}
    merged = pd.concat([kept, new], ignore_index=True) if not kept.empty else new
    merged["_o"] = merged[key].map(rank)
    return merged.sort_values(["period", "_o"], kind="stable").drop(columns="_o").reset_index(drop=True)


def economy_csv(frame: pd.DataFrame, key: str = "verksamhet") -> bytes:
    """The contract's ekonomi.csv (or ekonomi_enhet.csv, ``key="enhet_id"``): ``;``-separated,
    UTF-8, decimal comma, ASCII minus."""
    def num(v) -> str:
        if v is None or v != v:
            return ""
        text = f"{float(v):.5f}".rstrip("0").rstrip(".")
        return ("0" if text in ("-0", "") else text).replace(".", ",")

    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(["period", key, "budget", "utfall", "prognos"])
    for r in frame.itertuples(index=False):
        w.writerow([r.period, csv_cell(getattr(r, key)), num(r.budget), num(r.utfall), num(r.prognos)])
    return out.getvalue().encode("utf-8")


def ledger_economy(ledger: str | Path, mapping: str | Path, data: Dataset, today: date | None = None,
                   responsibilities: str | Path | None = None) -> LedgerSummary:
    """Read, check and aggregate a ledger with its mapping, and per unit with the responsibility
    mapping when one is given."""
    table = read_ledger(ledger)
    codes = read_mapping(mapping, data)
    units = read_responsibilities(responsibilities, data) if responsibilities is not None else None
    economy = aggregate(table, codes, data, Path(ledger).name, today)
    months = tuple(sorted(set(economy["period"])))
    unit_economy = None
    if units is not None:
        last: dict[int, int] = {}
        for key in months:
            last[int(key[:4])] = max(last.get(int(key[:4]), 0), int(key[5:]))
        unit_economy = aggregate_units(table, units, data, Path(ledger).name, last)
    years = tuple(sorted({int(p[:4]) for p in economy["period"]}))
    return LedgerSummary(table.num_rows, years, months, economy, unit_economy)
