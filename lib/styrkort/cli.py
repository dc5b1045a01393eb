"""The ``styrkort`` command: parses arguments and calls the package. Nothing else."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .errors import DataError, ReportError
from .pdf import DEFAULT_VARIANT, VARIANTS, parse_variant
from .periods import PeriodError
from .reports import REPORTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrkort", description="Rapporter för nämnden, renderade från data.")
    sub = parser.add_subparsers(dest="command", required=True)

    r = sub.add_parser("render", help="rendera en rapport till HTML och PDF")
    r.add_argument("kind", choices=sorted(REPORTS), help="rapporttyp")
    r.add_argument("--period", help="månad 2023-07 eller 2023-06..2023-07 (monthly), 2024-T1 eller 2024-T2 (interim)")
    r.add_argument("--year", help="år, för nämnd- och förvaltningsplanen (plan)")
    _data_args(r)
    r.add_argument("--out", type=Path, default=None, help="utmapp (standard: outputs/)")
    r.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=True,
                   help="skriv även en PDF bredvid HTML-filen (standard: ja; --no-pdf för att låta bli)")
    r.add_argument("--pdf-variant", default=DEFAULT_VARIANT, metavar="VARIANT",
                   help=f"arkivformat: {', '.join(VARIANTS)}, eller none för vanlig PDF (standard: {DEFAULT_VARIANT})")

    a = sub.add_parser("render-all", help="rendera alla rapporter för ett år, parallellt och bara det som ändrats",
                       description="Renderar varje rapport som datan räcker till (månadsrapporter, delårsrapporter, "
                                   "planen) parallellt på varma arbetsprocesser. En rapport vars underlag inte ändrats "
                                   "sedan förra renderingen hoppas över; en tidigare version sparas under tidigare/.")
    a.add_argument("--year", help="år, eller flera med komma: 2023,2024")
    a.add_argument("--period", help="latest: den senaste månaden med bedömningar (för den månatliga körningen), "
                                    "eller en enstaka period")
    a.add_argument("--reports", default="monthly,interim,plan", help="rapporttyper (standard: monthly,interim,plan)")
    a.add_argument("--jobs", type=int, default=None, help="arbetsprocesser sida vid sida (standard: antalet kärnor)")
    a.add_argument("--force", action="store_true", help="rendera även rapporter vars underlag inte ändrats")
    a.add_argument("--scheduler", metavar="ADRESS", help="kör på ett Dask-kluster, t.ex. tcp://värd:8786")
    a.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle renderas")
    _data_args(a)
    a.add_argument("--out", type=Path, default=None, help="utmapp (standard: outputs/)")
    a.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=True, help="skriv även PDF (standard: ja)")
    a.add_argument("--pdf-variant", default=DEFAULT_VARIANT, metavar="VARIANT",
                   help=f"arkivformat: {', '.join(VARIANTS)}, eller none (standard: {DEFAULT_VARIANT})")

    i = sub.add_parser("index", help="skriv om förteckningen index.html över renderade rapporter")
    i.add_argument("--out", type=Path, default=None, help="utmapp (standard: outputs/)")

    c = sub.add_parser("check", help="validera en datamapp")
    _data_args(c)

    d = sub.add_parser("docs", help="skriv docs/data.md från datakontraktet")
    d.add_argument("--out", type=Path, default=None)

    from .intake_commands import add_parsers as add_intake_parsers

    add_intake_parsers(sub, _data_args)  # template, import, history, ledger

    args = parser.parse_args(argv)
    if args.command in ("render", "render-all"):
        from .session import skip_slow_optional_imports

        skip_slow_optional_imports()
    try:
        if args.command == "render":
            from .render import render

            period = args.year if args.kind == "plan" else args.period
            if not period:
                parser.error("ange --year för plan och --period för övriga rapporttyper")
            done = render(args.kind, period, args.data, args.params, args.out, pdf=args.pdf,
                          pdf_variant=parse_variant(args.pdf_variant))
            print(f"{done.title}: {done.html}")
            if done.pdf:
                print(f"{done.title} (PDF): {done.pdf}")
            print(f"Förteckning: {done.index}")
        elif args.command == "render-all":
            from .batch import main as render_all

            return render_all(args)
        elif args.command == "index":
            from .index import write_index

            print(write_index(args.out or paths.default_out_dir()))
        elif args.command == "check":
            from .loading import load_data
            from .params import load_params

            data = load_data(args.data or paths.default_data_dir())
            load_params(args.params or paths.default_params())
            periods = data.reporting_periods()
            print(f"{data.folder}: {len(data.units)} enheter, {len(data.assessments)} bedömningar, "
                  f"perioder {periods[0]} – {periods[-1]}. Inga fel.")
        elif args.command == "docs":
            from .contract import markdown_docs

            out = args.out or paths.project_root() / "docs" / "data.md"
            out.write_text(markdown_docs(), encoding="utf-8")
            print(out)
        elif args.command in ("template", "import", "history", "ledger"):
            from .intake_commands import run

            return run(args)
    except (DataError, ReportError, PeriodError) as exc:
        print(f"styrkort: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, (DataError, PeriodError)) else 1
    return 0


def _data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=None, help="datamapp (standard: data/example)")
    p.add_argument("--params", type=Path, default=None, help="inställningsfil (standard: params/styrkort.yaml)")


if __name__ == "__main__":
    sys.exit(main())
