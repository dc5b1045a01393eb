"""A municipality folder: one data folder per board (nämnd) and ``kommun.yaml`` naming them.

::

    kommun/
    ├── kommun.yaml          # the municipality, its boards in order, defaults for every board's params
    ├── asn/                 # a board's data folder, in the data contract (docs/data.md)
    │   └── installningar.yaml   # optional: the board's own params, over the municipality's defaults
    └── bun/

``kommun.yaml``::

    kommun: Exempelkommun
    namnder: [asn, bun, kfn]     # the boards' folders, in the order reports and indexes list them
    installningar:               # optional: defaults for every board, over the params file
      budget_deviation: {green_from: 0.0, yellow_from: -1.0}
    styrelse: Kommunstyrelsen    # optional: who receives the summary of every board (the default),
    forkortning: KS              # its abbreviation in the diarienummer,
    forvaltning: Kommunledningskontoret   # and the administration that writes it

A board's settings are the params file's, then the municipality's ``installningar``, then its own
``installningar.yaml``: each layer replaces what it names (a section key by key). A single board's
folder without a ``kommun.yaml`` above it reads only the params file, as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from styrkort.data.errors import DataError, Problem

MUNICIPALITY_FILE = "kommun.yaml"
BOARD_PARAMS_FILE = "installningar.yaml"
_KEYS = ("kommun", "namnder", "installningar", "styrelse", "forkortning", "forvaltning")
_SUMMARY_DEFAULTS = {"styrelse": "Kommunstyrelsen", "forkortning": "KS", "forvaltning": "Kommunledningskontoret"}


@dataclass(frozen=True)
class Board:
    key: str  # the folder's name: in output paths, --board and messages
    folder: Path


@dataclass(frozen=True)
class Municipality:
    folder: Path
    name: str
    boards: tuple[Board, ...]
    defaults: dict[str, Any] = field(default_factory=dict)  # params for every board
    board_of_summary: str = _SUMMARY_DEFAULTS["styrelse"]  # who receives the summary of every board
    abbreviation: str = _SUMMARY_DEFAULTS["forkortning"]
    administration: str = _SUMMARY_DEFAULTS["forvaltning"]

    def board(self, key: str) -> Board:
        return next(b for b in self.boards if b.key == key)

    def select(self, names: str | None) -> tuple[Board, ...]:
        """``"asn,bun"`` → those boards, in the municipality's order; None → every board. An unknown
        name is refused with the known ones."""
        if names is None:
            return self.boards
        wanted = [n.strip() for n in names.split(",") if n.strip()]
        known = {b.key for b in self.boards}
        unknown = [n for n in wanted if n not in known]
        if unknown or not wanted:
            raise DataError([Problem(MUNICIPALITY_FILE, f"okänd nämnd {', '.join(unknown) or '(ingen)'}; kända: "
                                                        f"{', '.join(b.key for b in self.boards)}")],
                            str(self.folder))
        return tuple(b for b in self.boards if b.key in wanted)


def is_municipality(folder: str | Path) -> bool:
    return (Path(folder) / MUNICIPALITY_FILE).is_file()


def load_municipality(folder: str | Path) -> Municipality:
    """Read and check ``kommun.yaml``: every problem is named, in Swedish."""
    from styrkort.data.yamlfile import read_yaml  # here: a command that finds a run unchanged never loads pandas

    folder = Path(folder).resolve()
    raw = read_yaml(folder / MUNICIPALITY_FILE, "kommunfilen")
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(MUNICIPALITY_FILE, message))

    if not isinstance(raw, dict):
        raise DataError([Problem(MUNICIPALITY_FILE, "filen ska innehålla nycklar och värden: kommun, namnder")],
                        str(folder))
    for key in raw:
        if key not in _KEYS:
            problem(f"okänd nyckel {key!r}; kända: {', '.join(_KEYS)}")
    name = raw.get("kommun")
    if not isinstance(name, str) or not name.strip():
        problem("kommun saknas; skriv kommunens namn, t.ex. kommun: Exempelkommun")
    listed = raw.get("namnder")
    boards: list[Board] = []
    if not isinstance(listed, list) or not listed:
        problem("namnder saknas; lista nämndernas mappar, t.ex. namnder: [asn, bun]")
        listed = []
    for i, key in enumerate(listed, start=1):
        if not isinstance(key, str) or not key.strip() or "/" in key or "\\" in key or key.startswith("."):
            problem(f"namnder nr {i}: {key!r} är inget mappnamn i kommunmappen")
        elif key in (b.key for b in boards):
            problem(f"namnder nr {i}: {key!r} står redan i listan")
        elif not (folder / key).is_dir():
            problem(f"namnder nr {i}: mappen {key}/ finns inte i {folder}")
        else:
            boards.append(Board(key, folder / key))
    defaults = raw.get("installningar") or {}
    if not isinstance(defaults, dict):
        problem("installningar ska innehålla nycklar och värden, som inställningsfilen")
        defaults = {}
    summary = {}
    for key, default in _SUMMARY_DEFAULTS.items():
        value = raw.get(key, default)
        if not isinstance(value, str) or not value.strip():
            problem(f"{key} ska vara en text, t.ex. {key}: {default}")
        summary[key] = str(value).strip()
    if problems:
        raise DataError(problems, str(folder))
    return Municipality(folder, name.strip(), tuple(boards), defaults, summary["styrelse"], summary["forkortning"],
                        summary["forvaltning"])


def municipality_of(board_folder: str | Path) -> Board | None:
    """The board a data folder is of a municipality: listed by the ``kommun.yaml`` above it."""
    folder = Path(board_folder).resolve()
    if not is_municipality(folder.parent):
        return None
    return next((b for b in load_municipality(folder.parent).boards if b.folder == folder), None)


def params_layers(board_folder: str | Path | None) -> list[tuple[str, dict]]:
    """The settings over the params file for a board's folder, in order: the municipality's defaults,
    then the board's own ``installningar.yaml``; each as (file name, its mapping)."""
    if board_folder is None:
        return []
    layers: list[tuple[str, dict]] = []
    if (board := municipality_of(board_folder)) is not None:
        defaults = load_municipality(board.folder.parent).defaults
        if defaults:
            layers.append((MUNICIPALITY_FILE, defaults))
    own = Path(board_folder) / BOARD_PARAMS_FILE
    if own.is_file():
        from styrkort.data.yamlfile import read_yaml

        raw = read_yaml(own, "nämndens inställningsfil")
        if raw is not None and not isinstance(raw, dict):
            raise DataError([Problem(BOARD_PARAMS_FILE, "filen ska innehålla nycklar och värden")], str(own))
        layers.append((BOARD_PARAMS_FILE, raw or {}))
    return layers


def params_files(board_folder: str | Path | None) -> list[Path]:
    """The files beside the params file that a board's settings are read from (for fingerprints)."""
    if board_folder is None:
        return []
    folder = Path(board_folder).resolve()
    files = [folder / BOARD_PARAMS_FILE]
    if is_municipality(folder.parent):
        files.append(folder.parent / MUNICIPALITY_FILE)
    return [f for f in files if f.is_file()]
