"""The ``styrkort`` command: one parser, one dispatch. Each subcommand is a thin adapter in a module
of its own (:mod:`~styrkort.cli.render`, :mod:`~styrkort.cli.data`, :mod:`~styrkort.cli.intake`)
that parses its arguments into the package's values and calls the package."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path
from typing import TextIO

from styrkort.data.errors import DataError, ReportError, describe_os_error
from styrkort.data.municipality import MUNICIPALITY_FILE, is_municipality, load_municipality
from styrkort.data.periods import PeriodError
from styrkort.data.store import StoreError
from styrkort.data.terminal import terminal_safe
from styrkort.pipeline.workspace import Workspace


def main(argv: list[str] | None = None) -> int:
    from styrkort.cli import data, intake, render

    parser = argparse.ArgumentParser(prog="styrkort", description="Rapporter för nämnden, renderade från data.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (render, data, intake):
        module.add_parsers(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (DataError, ReportError, PeriodError, StoreError) as exc:
        say(f"styrkort: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, ReportError) else 2
    except KeyboardInterrupt:
        say("styrkort: avbruten.", file=sys.stderr)
        return 130
    except OSError as exc:  # a full disk, a read-only folder, a missing permission
        say(f"styrkort: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception:  # a fault of styrkort's own: one line here, the traceback in a log
        log = _write_traceback()
        say(f"styrkort: ett oväntat fel inträffade i styrkort ({sys.exc_info()[0].__name__}). Felrapporten finns i "
            f"{log}; skicka den till den som förvaltar styrkort.", file=sys.stderr)
        return 70


def say(text: str, file: TextIO | None = None) -> None:
    """Print text that may come from data (file names, units' comments) with control characters
    shown, not obeyed: an ESC sequence in a file name cannot recolour or clear the terminal."""
    print(terminal_safe(text), file=file or sys.stdout, flush=True)


def _write_traceback() -> Path:
    """The current exception's traceback in a log file of its own; its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"styrkort {' '.join(sys.argv)}\n{traceback.format_exc()}"
    for folder in (Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "styrkort",
                   Path(tempfile.gettempdir()) / "styrkort"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"fel-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("(ingen loggfil kunde skrivas)")


def add_data_args(p: argparse.ArgumentParser) -> None:
    """``--data``, ``--params`` and ``--board``, as every command that reads the data takes them."""
    p.add_argument("--data", type=Path, default=None, help="datamapp, eller kommunmapp med kommun.yaml "
                                                          "(standard: data/example/asn)")
    p.add_argument("--params", type=Path, default=None, help="inställningsfil (standard: params/styrkort.yaml)")
    p.add_argument("--board", default=None, metavar="NÄMND",
                   help="i en kommunmapp: nämndens mapp, eller flera med komma (asn,bun)")


def board_workspaces(ws: Workspace, board: str | None, one: bool = False) -> list[tuple[str, Workspace]]:
    """(board, workspace) for each board a command works on: the data folder itself, or in a
    municipality's folder the boards ``board`` names (every board when it names none, unless the
    command works on ``one`` board only)."""
    if not is_municipality(ws.data):
        if board:
            raise ReportError(f"--board gäller en kommunmapp med {MUNICIPALITY_FILE}; {ws.data} är en nämnds "
                              "datamapp.")
        return [("", ws)]
    m = load_municipality(ws.data)
    if one and (not board or "," in board):
        raise ReportError(f"Ange en nämnd med --board: {ws.data} är en kommunmapp med nämnderna "
                          f"{', '.join(b.key for b in m.boards)}.")
    return [(b.key, ws.for_board(b)) for b in m.select(board)]


if __name__ == "__main__":
    sys.exit(main())
