"""``styrkort render``, ``render-all`` and ``index``: arguments into a report kind, a period, a
workspace and output options, then one call into the pipeline or the batch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from styrkort.cli.main import add_data_args, board_workspaces, say
from styrkort.data.errors import ReportError
from styrkort.data.municipality import MUNICIPALITY_FILE, is_municipality, load_municipality, municipality_of
from styrkort.data.periods import PeriodError
from styrkort.pipeline.job import Output
from styrkort.pipeline.pdf import DEFAULT_VARIANT, VARIANTS, parse_variant
from styrkort.pipeline.workspace import Workspace
from styrkort.reports.kinds import REPORTS, parse_kinds


def add_parsers(sub) -> None:
    r = sub.add_parser("render", help="rendera en rapport till HTML och PDF")
    r.add_argument("kind", choices=sorted(REPORTS), help="rapporttyp")
    r.add_argument("--period", help="månad 2023-07 eller 2023-06..2023-07 (monthly), 2024-T1 eller 2024-T2 (interim); "
                                    "en månad eller ett delår för municipality")
    r.add_argument("--year", help="år, för nämnd- och förvaltningsplanen (plan) och verksamhetsberättelsen "
                                  "(annual-report)")
    _output_args(r)
    r.set_defaults(run=_render)

    a = sub.add_parser("render-all", help="rendera alla rapporter för ett år, parallellt och bara det som ändrats",
                       description="Renderar varje rapport som datan räcker till (månadsrapporter, delårsrapporter, "
                                   "planen, verksamhetsberättelsen; i en kommunmapp varje nämnds och kommunens "
                                   "sammanställning) parallellt på varma arbetsprocesser. En rapport vars underlag inte ändrats "
                                   "sedan förra renderingen hoppas över; en tidigare version sparas under tidigare/.")
    a.add_argument("--year", help="år, eller flera med komma: 2023,2024")
    a.add_argument("--period", help="latest: den senaste månaden med bedömningar (för den månatliga körningen), "
                                    "eller en enstaka period")
    a.add_argument("--reports", default=",".join(REPORTS), help=f"rapporttyper (standard: {','.join(REPORTS)})")
    a.add_argument("--jobs", type=int, default=None, help="arbetsprocesser sida vid sida (standard: antalet kärnor)")
    a.add_argument("--force", action="store_true", help="rendera även rapporter vars underlag inte ändrats")
    a.add_argument("--scheduler", metavar="ADRESS", help="kör på ett Dask-kluster, t.ex. tcp://värd:8786")
    a.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle renderas")
    _output_args(a)
    a.set_defaults(run=_render_all)

    i = sub.add_parser("index", help="skriv om förteckningen index.html över renderade rapporter")
    i.add_argument("--out", type=Path, default=None, help="utmapp (standard: outputs/)")
    i.set_defaults(run=_index)


def _output_args(p: argparse.ArgumentParser) -> None:
    add_data_args(p)
    p.add_argument("--out", type=Path, default=None, help="utmapp (standard: outputs/)")
    p.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=True,
                   help="skriv även en PDF bredvid HTML-filen (standard: ja; --no-pdf för att låta bli)")
    p.add_argument("--pdf-variant", default=DEFAULT_VARIANT, metavar="VARIANT",
                   help=f"arkivformat: {', '.join(VARIANTS)}, eller none för vanlig PDF (standard: {DEFAULT_VARIANT})")


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.resolve(data=args.data, params=args.params, out=args.out)


def _municipal_workspace(args: argparse.Namespace) -> Workspace:
    """The municipality's summary is made in its folder, from every board."""
    ws = _workspace(args)
    if not is_municipality(ws.data) or args.board:
        raise ReportError(f"Den kommunövergripande uppföljningen görs för en kommunmapp med {MUNICIPALITY_FILE} och "
                          f"alla dess nämnder (utan --board); {ws.data} är ingen kommunmapp.")
    return ws


def _board_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace `render` works in: the data folder's, or that of the board --board names."""
    return board_workspaces(_workspace(args), args.board, one=True)[0][1]


def _render(args: argparse.Namespace) -> int:
    from styrkort.pipeline.render import render
    from styrkort.pipeline.session import skip_slow_optional_imports

    skip_slow_optional_imports()
    kind = REPORTS[args.kind]
    by_year = "year" in kind.period_kinds
    period = args.year if by_year else args.period
    if not period:  # a usage error, exit 2 like argparse's
        raise PeriodError(f"Ange --{'year' if by_year else 'period'} för {kind.name}: --year för plan och "
                          "annual-report, --period för övriga rapporttyper.")
    ws = _municipal_workspace(args) if kind.municipal else _board_workspace(args)
    done = render(kind, period, ws, Output(args.pdf, parse_variant(args.pdf_variant)))
    say(f"{done.title}: {done.html}")
    if done.pdf:
        say(f"{done.title} (PDF): {done.pdf}")
    say(f"Förteckning: {done.index}")
    if (board := municipality_of(ws.data)) and ws.out.name == board.key:
        from styrkort.pipeline.index import write_municipality_index

        # A board rendered where its municipality's reports are: the municipality's front page lists it too.
        say(f"Kommunens förteckning: {write_municipality_index(ws.out.parent, load_municipality(board.folder.parent))}")
    return 0


def _render_all(args: argparse.Namespace) -> int:
    from styrkort.batch.plan import Request, parse_years
    from styrkort.batch.progress import FAILED, summary_table
    from styrkort.batch.run import render_all
    from styrkort.data.periods import parse_period
    from styrkort.pipeline.session import skip_slow_optional_imports

    skip_slow_optional_imports()
    latest = bool(args.period) and args.period.strip().lower() in ("latest", "senaste")
    request = Request(years=parse_years(args.year), latest=latest,
                      period=parse_period(args.period) if args.period and not latest else None,
                      kinds=parse_kinds(args.reports), force=args.force)
    ws = _workspace(args)
    board_workspaces(ws, args.board)  # --board only for a municipality's folder, naming its boards
    try:
        result = render_all(request, ws, Output(args.pdf, parse_variant(args.pdf_variant)), jobs=args.jobs,
                            scheduler=args.scheduler, dry_run=args.dry_run, boards=args.board)
    except KeyboardInterrupt:  # before anything was started or written
        say("styrkort: avbruten innan något renderades.", file=sys.stderr)
        return 130
    say(summary_table(result))
    failed = [o for o in result.outcomes if o.result == FAILED]
    if failed:
        say("", file=sys.stderr)
        for o in failed:
            say(f"styrkort: {o.name} ({o.period}): {o.note}" if o.period else f"styrkort: {o.name}: {o.note}",
                file=sys.stderr)
    return result.exit_code


def _index(args: argparse.Namespace) -> int:
    from styrkort.pipeline.index import write_index

    say(write_index(Workspace.resolve(out=args.out).out))
    return 0
