"""Where a render's inputs and outputs are: one value, filled in once, so every command agrees."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from styrkort.data.municipality import Board, municipality_of

#: The installed package: its source and templates are part of every report's fingerprint.
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def project_root() -> Path:
    """``$STYRKORT_HOME``, else the nearest folder upwards from here holding ``notebooks/``,
    else the checkout this package was installed from (editable installs)."""
    if env := os.environ.get("STYRKORT_HOME"):
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "notebooks").is_dir() and (folder / "params").is_dir():
            return folder
    return PACKAGE_DIR.parents[1]


@dataclass(frozen=True)
class Workspace:
    """The folders and files of a render, absolute: the data folder, the params file, the
    analyst's adjustments, the notebooks and the output folder."""

    data: Path
    params: Path
    adjustments: Path
    notebooks: Path
    out: Path

    @classmethod
    def resolve(cls, data: Path | str | None = None, params: Path | str | None = None,
                out: Path | str | None = None, notebooks: Path | str | None = None,
                adjustments: Path | str | None = None) -> "Workspace":
        """The defaults filled in (the project's example data, params, notebooks and outputs); the
        adjustments default to ``justeringar/`` beside the params file. A board of a municipality has its
        own: ``justeringar/<board>/`` and, by default, ``outputs/<board>/``, as when its municipality is
        rendered."""
        root = None if all((data, params, out, notebooks)) else project_root()
        params_path = Path(params or root / "params" / "styrkort.yaml").resolve()
        data_path = Path(data or root / "data" / "example" / "asn").resolve()
        board = municipality_of(data_path)  # a board's adjustments are its own, however it is addressed
        return cls(
            data=data_path,
            params=params_path,
            adjustments=Path(adjustments or params_path.parent / "justeringar" / (board.key if board else "")
                             ).resolve(),
            notebooks=Path(notebooks or root / "notebooks").resolve(),
            out=Path(out or root / "outputs" / (board.key if board else "")).resolve(),
        )

    def for_board(self, board: Board) -> "Workspace":
        """A board's workspace in a municipality: its data folder, its own adjustments
        (``justeringar/<board>/``) and output folder (``outputs/<board>/``); the same params file
        and notebooks."""
        return replace(self, data=board.folder, adjustments=self.adjustments / board.key, out=self.out / board.key)
