import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the example data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE, target)
    return target


def read_rows(folder: Path, name: str) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def write_rows(folder: Path, name: str, rows: list[dict], delimiter: str = ";", encoding: str = "utf-8") -> None:
    with open(folder / f"{name}.csv", "w", encoding=encoding, newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
