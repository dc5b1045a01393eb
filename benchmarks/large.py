"""A synthetic large municipality for the benchmark: boards × units × years of monthly data.

Each board is a data folder of the contract (as a real deployment would keep one per board),
plus one municipality-wide ledger of transactions as Parquet. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

AREAS = ((1, "Medarbetare"), (2, "Kvalitet"), (3, "Leverans"), (4, "Ekonomi"))
ACTIVITIES = ("Förvaltningsövergripande", "Vård för vuxna", "Barn- och ungdomsvård", "Ekonomiskt bistånd",
              "Arbetsmarknad", "Integration")
STATUSES = ("Grön", "Gul", "Röd")


def _write(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        w.writerows(rows)


def write_board(folder: Path, board: int, units: int, years: range, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "organisation.csv", ["kommun", "namnd", "namnd_forkortning", "forvaltning"],
           [["Storkommun", f"Nämnd {board}", f"N{board}", f"Förvaltning {board}"]])
    _write(folder / "verksamheter.csv", ["verksamhet", "ordning"], [[a, i] for i, a in enumerate(ACTIVITIES, 1)])
    ids = [f"B{board}U{u}" for u in range(1, units + 1)]
    _write(folder / "enheter.csv", ["enhet_id", "namn", "verksamhet", "arsarbetare", "ordning"],
           [[uid, f"Enhet {uid}", ACTIVITIES[i % len(ACTIVITIES)], f"{rng.uniform(5, 40):.1f}".replace(".", ","), i]
            for i, uid in enumerate(ids, 1)])
    _write(folder / "malomraden.csv", ["ar", "malomrade", "namn", "rubrik", "kommunmal"],
           [[y, n, name, name, f"Kommunmål {name}"] for y in years for n, name in AREAS])
    _write(folder / "namndmal.csv", ["ar", "malomrade", "mal_id", "mal"],
           [[y, n, f"{n}.1", f"Nämndmål {name}"] for y in years for n, name in AREAS])
    weights = (0.6, 0.3, 0.1)
    rows = [[f"{y}-{m:02d}", uid, n, rng.choices(STATUSES, weights)[0], "Kommentar"]
            for y in years for m in range(1, 13) for uid in ids for n, _ in AREAS]
    _write(folder / "bedomningar.csv", ["period", "enhet_id", "malomrade", "status", "kommentar"], rows)
    _write(folder / "ekonomi.csv", ["period", "verksamhet", "budget", "utfall", "prognos"],
           [[f"{y}-{m:02d}", a, -10000, -10000 * m / 12, -10050] for y in years for m in range(1, 13)
            for a in ACTIVITIES])


def write_ledger(path: Path, rows: int, boards: int, years: range, seed: int) -> Path:
    """Transactions: date, responsibility code, activity code, account, amount (kr), type.
    Codes are dictionary-encoded and dates are Arrow dates, as a finance system's export to
    Parquet would have them."""
    g = np.random.default_rng(seed)
    first = np.datetime64(f"{years.start}-01-01")
    days = (np.datetime64(f"{years.stop}-01-01") - first).astype(int)

    def codes(prefix: str, n: int) -> pa.DictionaryArray:
        return pa.DictionaryArray.from_arrays(pa.array(g.integers(0, n, rows, dtype=np.int32)),
                                              pa.array([f"{prefix}{i}" for i in range(1, n + 1)]))

    table = pa.table({
        "datum": pa.array(first + g.integers(0, days, rows).astype("timedelta64[D]")),
        "ansvar": codes("B", boards),
        "verksamhetskod": codes("V", len(ACTIVITIES)),
        "konto": codes("K", 400),
        "belopp": pa.array(np.round(g.normal(5000, 3000, rows), 2)),
        "typ": pa.DictionaryArray.from_arrays(pa.array((g.random(rows) < 0.1).astype(np.int32)),
                                              pa.array(["utfall", "budget"])),
    })
    pq.write_table(table, path)
    return path


def write_mapping(path: Path) -> Path:
    _write(path, ["verksamhetskod", "verksamhet"], [[f"V{i}", a] for i, a in enumerate(ACTIVITIES, 1)])
    return path


def write_municipality(root: Path, boards: int = 40, units: int = 30, years: range = range(2020, 2025),
                       ledger_rows: int = 10_000_000, seed: int = 7) -> tuple[list[Path], Path, Path]:
    rng = random.Random(seed)
    folders = []
    for b in range(1, boards + 1):
        folder = root / f"namnd-{b:02d}"
        write_board(folder, b, units, years, rng)
        folders.append(folder)
    (root / "kommun.yaml").write_text(f"kommun: Storkommun\nnamnder: [{', '.join(f.name for f in folders)}]\n",
                                      encoding="utf-8")  # a municipality's folder: every board in one run
    ledger = write_ledger(root / "huvudbok.parquet", ledger_rows, boards, years, seed)
    return folders, ledger, write_mapping(root / "mappning.csv")


def roll_up(folder: Path) -> int:
    """One board: load and validate its folder, then every period's outcome per goal area (what
    the overview and the strips show) and the latest economy summary. Returns the outcomes made."""
    from styrkort.reports.economy import economy_summary
    from styrkort.data.loading import load_data
    from styrkort.reports.outcomes import area_outcomes
    from styrkort.data.params import Params

    data = load_data(folder)
    params = Params()
    made = 0
    for year in sorted(set(data.goal_areas["ar"])):
        areas = [int(a) for y, a in zip(data.goal_areas["ar"], data.goal_areas["malomrade"]) if y == year]
        made += len(area_outcomes(data.assessments, data.units_of_periods(year), areas, params.status_rule))
    economy_summary(data.economy, list(data.activity_areas["verksamhet"]), max(data.economy["period"]),
                    params.budget_deviation)
    return made


def load(root: Path, jobs: int = 2) -> None:
    """All boards rolled up (in ``jobs`` processes) while the ledger is aggregated here."""
    from styrkort.intake import ledger
    from styrkort.data.loading import load_data

    start = time.perf_counter()
    boards = sorted(p for p in root.iterdir() if p.is_dir())
    with ProcessPoolExecutor(jobs) as pool:
        outcomes = pool.map(roll_up, boards, chunksize=max(1, len(boards) // (jobs * 4)))
        first = load_data(boards[0])
        table = ledger.read_ledger(root / "huvudbok.parquet")
        economy = ledger.aggregate(table, ledger.read_mapping(root / "mappning.csv", first), first,
                                   today=None)
        made = sum(outcomes)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"{len(boards)} boards, {made} outcomes, ledger {table.num_rows} rows → {len(economy)} economy rows; "
          f"{seconds:.2f} s, peak {peak / 1024:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="A synthetic large municipality for the benchmark.")
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("root", type=Path)
    w.add_argument("--boards", type=int, default=40)
    w.add_argument("--units", type=int, default=30)
    w.add_argument("--ledger-rows", type=int, default=10_000_000)
    r = sub.add_parser("load")
    r.add_argument("root", type=Path)
    r.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if args.command == "write":
        write_municipality(args.root, args.boards, args.units, ledger_rows=args.ledger_rows)
    else:
        load(args.root, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
