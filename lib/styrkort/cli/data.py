"""``styrkort check`` (validate a data folder and its params) and ``styrkort docs`` (write the data
contract's documentation)."""

from __future__ import annotations

import argparse
from pathlib import Path

from styrkort.cli.main import add_data_args, board_workspaces, say
from styrkort.pipeline.workspace import Workspace, project_root


def add_parsers(sub) -> None:
    c = sub.add_parser("check", help="validera en datamapp (i en kommunmapp: varje nämnds, eller --board)")
    add_data_args(c)
    c.set_defaults(run=_check)

    d = sub.add_parser("docs", help="skriv docs/data.md från datakontraktet")
    d.add_argument("--out", type=Path, default=None)
    d.set_defaults(run=_docs)


def _check(args: argparse.Namespace) -> int:
    from styrkort.data.loading import load_data
    from styrkort.data.params import load_params
    from styrkort.reports.checks import check_params_against_data

    for _, ws in board_workspaces(Workspace.resolve(data=args.data, params=args.params), args.board):
        data = load_data(ws.data)
        check_params_against_data(data, load_params(ws.params, ws.data))
        periods = data.reporting_periods()
        say(f"{data.folder}: {len(data.units)} enheter, {len(data.assessments)} bedömningar, "
            f"perioder {periods[0]} – {periods[-1]}. Inga fel.")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from styrkort.data.contract import markdown_docs

    out = args.out or project_root() / "docs" / "data.md"
    out.write_text(markdown_docs(), encoding="utf-8")
    say(out)
    return 0
