"""The ``styrkort`` command: one parser, one dispatch. Each subcommand is a thin adapter in a module
of its own (:mod:`~styrkort.cli.render`, :mod:`~styrkort.cli.data`, :mod:`~styrkort.cli.intake`)
that parses its arguments into the package's values and calls the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from styrkort.data.errors import DataError, ReportError
from styrkort.data.periods import PeriodError


def main(argv: list[str] | None = None) -> int:
    from styrkort.cli import data, intake, render

    parser = argparse.ArgumentParser(prog="styrkort", description="Rapporter för nämnden, renderade från data.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (render, data, intake):
        module.add_parsers(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (DataError, ReportError, PeriodError) as exc:
        print(f"styrkort: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, (DataError, PeriodError)) else 1


def add_data_args(p: argparse.ArgumentParser) -> None:
    """``--data`` and ``--params``, as every command that reads the data takes them."""
    p.add_argument("--data", type=Path, default=None, help="datamapp (standard: data/example)")
    p.add_argument("--params", type=Path, default=None, help="inställningsfil (standard: params/styrkort.yaml)")


if __name__ == "__main__":
    sys.exit(main())
