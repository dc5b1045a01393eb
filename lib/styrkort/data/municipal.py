"""A municipality's boards loaded together, for the report that sums them up (kommunövergripande
uppföljning): each board's dataset with its own settings, and the municipality's own ``dokument.csv``.

A board whose data or settings cannot be used is kept with the reason, so that the summary says
which board is missing and why instead of failing for every board.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from styrkort.data import contract
from styrkort.data.errors import DataError, Problem
from styrkort.data.loading import Dataset, Documents, load_data
from styrkort.data.municipality import MUNICIPALITY_FILE, Municipality, load_municipality, params_files
from styrkort.data.params import Params, load_params
from styrkort.data.periods import current_month
from styrkort.data.store import STORE_NAME
from styrkort.data.tables import empty_frame, find_table_file, read_rows, typed_frame


@dataclass(frozen=True)
class BoardData:
    key: str
    data: Dataset
    params: Params

    @property
    def name(self) -> str:
        return self.data.organisation["namnd"]


@dataclass(frozen=True)
class MunicipalData(Documents):
    municipality: Municipality
    boards: tuple[BoardData, ...]
    unusable: tuple[tuple[str, str], ...]  # (board, why its data cannot be used)
    documents: pd.DataFrame  # the municipality's own dokument.csv
    files: tuple[Path, ...] = ()  # every file read: the fingerprint of the summary
    organisation: dict[str, str] = field(default_factory=dict)  # as a board's, for the cover and the metadata

    @property
    def folder(self) -> Path:
        return self.municipality.folder

    def text(self, period_key: str, name: str) -> str | None:
        return None  # the summary's words are computed; it has no texts of its own


def load_municipal_data(folder: str | Path, params_file: str | Path) -> MunicipalData:
    """Every board of the municipality at ``folder`` with its settings (``params_file`` under the
    municipality's and the board's own); the municipality's ``dokument.csv`` checked like a board's."""
    m = load_municipality(folder)
    boards, unusable, files = [], [], [m.folder / MUNICIPALITY_FILE]
    for b in m.boards:
        try:
            data = load_data(b.folder)
            boards.append(BoardData(b.key, data, load_params(params_file, b.folder)))
        except DataError as exc:
            unusable.append((b.key, str(exc)))
            continue
        # What the summary is made from: the boards' tables, stores and settings; not their texts.
        files += [f for f in data.files if Path(f).relative_to(b.folder).parts[0] != "texter"]
        files += [f for f in (b.folder / STORE_NAME,) if f.exists()] + params_files(b.folder)
    problems: list[Problem] = []
    spec = contract.BY_NAME["dokument"]
    path = find_table_file(m.folder, spec, problems)
    documents = empty_frame(spec)
    if path is not None:
        documents = typed_frame(path.name, spec, read_rows(path, spec, problems), problems, current_month())
        files.append(path)
    if problems:
        raise DataError(problems, str(m.folder))
    organisation = {"kommun": m.name, "namnd": m.board_of_summary, "namnd_forkortning": m.abbreviation,
                    "forvaltning": m.administration}
    return MunicipalData(m, tuple(boards), tuple(unusable), documents, tuple(sorted(files)), organisation)
