"""Generated ledger extracts for the tests: a finance system's transactions, made column by column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

# Activity codes as a finance system has them, and the areas of the example data they map to.
MAPPING = {
    "100": "Förvaltningsövergripande", "110": "Förvaltningsövergripande", "200": "Vård för vuxna",
    "300": "Barn- och ungdomsvård", "310": "Barn- och ungdomsvård", "400": "Ekonomiskt bistånd",
    "500": "Arbetsmarknad", "600": "Integration",
}


def write_mapping(path: Path, mapping: dict[str, str] = MAPPING) -> Path:
    path.write_text("verksamhetskod;verksamhet\n" + "".join(f"{k};{v}\n" for k, v in mapping.items()),
                    encoding="utf-8")
    return path


def ledger_table(rows: int, year: int = 2024, last_month: int = 8, seed: int = 1,
                 codes: tuple[str, ...] = tuple(MAPPING)) -> pa.Table:
    """``rows`` transactions: about a tenth budget rows spread over the whole year, the rest
    outcome from January to ``last_month``; amounts in kronor, costs positive."""
    rng = np.random.default_rng(seed)
    is_budget = rng.random(rows) < 0.1
    month = np.where(is_budget, rng.integers(1, 13, rows), rng.integers(1, last_month + 1, rows))
    day = rng.integers(1, 29, rows)
    datum = pa.array((np.datetime64(f"{year}-01-01") + (np.cumsum(np.r_[0, [31, 29 if year % 4 == 0 else 28, 31, 30, 31,
                                                                               30, 31, 31, 30, 31, 30]])[month - 1]
                                                          + day - 1).astype("timedelta64[D]")).astype("datetime64[D]"))
    amount = np.round(rng.normal(4000, 3000, rows), 2)
    return pa.table({
        "datum": datum,
        "ansvar": pa.array(rng.choice(["1101", "1102", "2201", "3301"], rows)),
        "verksamhetskod": pa.array(rng.choice(np.array(codes), rows)),
        "konto": pa.array(rng.choice(["4010", "5410", "6110", "3010"], rows)),
        "belopp": amount,
        "typ": pa.array(np.where(is_budget, "budget", "utfall")),
    })


def write_ledger(path: Path, table: pa.Table, delimiter: str = ";", decimal_comma: bool = True) -> Path:
    """As a finance system exports it: ``;`` and decimal comma by default."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path)
        return path
    out = table
    if decimal_comma:
        import pyarrow.compute as pc

        text = pc.replace_substring(pc.cast(table["belopp"], pa.string()), ".", ",")
        out = table.set_column(table.schema.get_field_index("belopp"), "belopp", text)
    pacsv.write_csv(out, path, pacsv.WriteOptions(delimiter=delimiter, quoting_style="none"))
    return path


def expected_economy(table: pa.Table, mapping: dict[str, str] = MAPPING) -> dict[tuple[str, str], tuple[float, float]]:
    """The same aggregation done the plain way, row by row in pandas: (period, area) → (budget, utfall) in tkr."""
    df = table.to_pandas()
    df["area"] = df["verksamhetskod"].map(mapping)
    df["year"] = df["datum"].map(lambda d: d.year)
    df["month"] = df["datum"].map(lambda d: d.month)
    out = {}
    for year in sorted(df["year"].unique()):
        y = df[df["year"] == year]
        last = y[y["typ"] == "utfall"]["month"].max()
        for m in range(1, last + 1):
            for area in sorted(set(mapping.values())):
                a = y[y["area"] == area]
                budget = a[a["typ"] == "budget"]["belopp"].sum()
                outcome = a[(a["typ"] == "utfall") & (a["month"] <= m)]["belopp"].sum()
                out[(f"{year}-{m:02d}", area)] = (-budget / 1000, -outcome / 1000)
    return out
