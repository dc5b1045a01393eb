"""Filling templates as a unit does, with openpyxl, for the intake tests."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from styrkort.data import store
from styrkort.data.loading import load_data
from styrkort.intake.templates import write_templates

STATUSES = ("Grön", "Gul", "Röd")


def area_rows(ws) -> dict[int, int]:
    """Goal area → its row on the Bedömningar sheet."""
    return {int(ws.cell(r, 1).value): r for r in range(8, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)}


def fill(path: Path, statuses: dict[int, str] | str = "Grön", comments: dict[int, str] | None = None,
         values: dict[str, object] | None = None, out: Path | None = None) -> Path:
    """Choose a status per area (one for all, or by area), write comments and indicator values."""
    wb = load_workbook(path)
    ws = wb["Bedömningar"]
    for area, row in area_rows(ws).items():
        ws.cell(row, 4).value = statuses if isinstance(statuses, str) else statuses.get(area)
        ws.cell(row, 5).value = (comments or {}).get(area, f"Kommentar om målområde {area}.")
    ind = wb["Indikatorer"]
    for r in range(8, ind.max_row + 1):
        if (values or {}).get(ind.cell(r, 1).value) is not None:
            ind.cell(r, 6).value = values[ind.cell(r, 1).value]
    target = out or path
    wb.save(target)
    return target


def templates(folder: Path, out: Path, period: str = "2024-09", units: list[str] | None = None) -> dict[str, Path]:
    """Unit id → its fresh template."""
    return {w.unit: w.path for w in write_templates(load_data(folder), period, out, units)}


def snapshot(folder: Path) -> tuple[dict, dict[str, bytes]]:
    """Everything an import could change: the store's rows and the folder's files. (A first import
    creates the store's empty tables even when it is refused: no rows is no rows.)"""
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != store.STORE_NAME}
    return {t: rows for t, rows in store.dump(folder).items() if rows}, files
