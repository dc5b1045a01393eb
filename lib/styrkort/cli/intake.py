"""The intake's commands as the CLI runs them: ``template``, ``import``, ``history``, ``ledger``.

Each takes the parsed arguments, prints what it did in Swedish and returns the exit code;
refusals the user can act on raise DataError/ReportError/PeriodError, which the CLI prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from styrkort.cli.main import add_data_args, board_workspaces, say
from styrkort.data import store
from styrkort.data.atomic import write_atomic
from styrkort.data.errors import ReportError
from styrkort.data.periods import parse_period
from styrkort.pipeline.workspace import Workspace


def _workspaces(args: argparse.Namespace, one: bool = True) -> list[tuple[str, Workspace]]:
    return board_workspaces(Workspace.resolve(data=args.data, params=args.params), args.board, one)


def _folder(args: argparse.Namespace) -> Path:
    """The one board's data folder: the data folder, or in a municipality the board --board names."""
    return _workspaces(args)[0][1].data


def _template(args: argparse.Namespace) -> int:
    folder = _folder(args)
    from styrkort.data.loading import load_data
    from styrkort.intake.templates import write_templates
    from styrkort.pipeline.commit import check_output_folder

    check_output_folder(args.out)
    data = load_data(folder)
    written = write_templates(data, args.period, args.out, args.unit or None)
    for w in written:
        say(w.path)
    period = written[0].period if written else parse_period(args.period)
    say(f"{len(written)} mallar för {period.name_sv} i {args.out}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    folder = _folder(args)
    from styrkort.intake.imports import import_files

    results = import_files(args.files, folder)
    for r in results:
        say(r.describe(), file=sys.stdout if r.ok else sys.stderr)
    refused = sum(not r.ok for r in results)
    say(f"Varje fil importeras för sig: {len(results) - refused} importerade, {refused} inte importerade "
          f"({store.store_path(folder)}).")
    return 2 if refused else 0


def _history(args: argparse.Namespace) -> int:
    """One board's history, or in a municipality's folder every board's (or those --board names)."""
    places = _workspaces(args, one=False)
    for board, ws in places:
        if len(places) > 1:
            say(f"== {board}")
        if args.adjustments:
            _adjustment_history(args, ws.adjustments)
        elif args.table:
            _table_history(args.table, ws.data)
        else:
            _unit_history(args, ws.data)
    return 0


def _unit_history(args: argparse.Namespace, folder: Path) -> None:
    if not (args.unit and args.period):
        raise ReportError("Ange --unit och --period (eller --table för en hel tabell).")
    p = parse_period(args.period)
    period = p.key
    for unit in _across_reorganisations(folder, args.unit, p):
        rows = store.history(folder, unit, period)
        if not rows:
            say(f"Inga inlämningar för {unit}, {period} i {store.store_path(folder)}.")
            continue
        say(f"Inlämningar för {unit}, {period} (äldst först; den senaste gäller i rapporterna):")
        table = [("nr", "inläst", "fil", "av", "bedömningar", "")]
        for r in rows:
            statuses = " ".join(f"{a.area}:{a.status}" for a in r.assessments)
            table.append((str(r.submission_id), r.imported_at, r.source, r.who, statuses,
                          "gäller" if r.current else "ersatt"))
        _print_table(table)


def _across_reorganisations(folder, unit: str, p) -> list[str]:
    """``unit``, or where it did not exist in ``p``, the units it took over from (or that took
    over from it) that did: a unit's history continues across a reorganisation."""
    from styrkort.data.loading import load_data

    life = load_data(folder).lifecycle
    if unit not in life.spans or life.span(unit).meets(p):
        return [unit]
    related = [u for u in life.predecessors(unit) + life.successors(unit) if life.span(u).meets(p)]
    say(f"{unit} fanns inte under {p.key} ({life.span(unit).text()})"
        + (f"; visar {', '.join(related)}, som den hänger ihop med genom en omorganisation." if related else "."))
    return related


def _adjustment_history(args: argparse.Namespace, folder: Path) -> None:
    from styrkort.reports.adjustments import adjustment_log, describe_values

    entries = [e for e in adjustment_log(folder) if not args.period or e.get("period") == parse_period(args.period).key]
    if not entries:
        say(f"Inga sparade justeringar i {folder}.")
        return
    say(f"Justeringar i {folder} (äldst först):")
    rows = [("tid", "av", "rapport", "period", "avsnitt", "post", "handling", "före", "efter", "motivering")]
    for e in entries:
        rows.append(tuple(str(v) if v is not None else "–" for v in (
            e.get("tid"), e.get("av"), e.get("rapport"), e.get("period"), e.get("avsnitt"), e.get("post"),
            e.get("handling"), describe_values(e.get("före")), describe_values(e.get("efter")), e.get("motivering"))))
    _print_table(rows)


def _table_history(table: str, folder: Path) -> None:
    versions = store.table_history(folder, table)
    if not versions:
        say(f"Inga sparade versioner av {table} i {store.store_path(folder)}.")
        return
    say(f"Versioner av {table} (äldst först; den senaste ligger i datamappen):")
    rows = [("nr", "sparad", "fil", "källa", "av", "byte")]
    for v in versions:
        rows.append((str(v.id), v.stored_at, v.file_name, v.source or "datamappens fil före import", v.who or "",
                     str(v.size)))
    _print_table(rows)


def _ledger(args: argparse.Namespace) -> int:
    folder = _folder(args)
    if args.out:
        from styrkort.data.loading import load_data
        from styrkort.intake.ledger import economy_csv, ledger_economy

        summary = ledger_economy(args.ledger, args.mapping, load_data(folder), responsibilities=args.ansvar)
        write_atomic(args.out, economy_csv(summary.economy))
        say(f"{summary.rows} transaktioner → {len(summary.economy)} rader ({summary.months[0]} – "
              f"{summary.months[-1]}) i {args.out}.")
        if summary.unit_economy is not None:
            units = args.out.with_name("ekonomi_enhet.csv")
            write_atomic(units, economy_csv(summary.unit_economy, key="enhet_id"))
            say(f"{len(summary.unit_economy)} rader per enhet i {units}.")
        return 0
    from styrkort.intake.imports import import_ledger

    result = import_ledger(args.ledger, args.mapping, folder, responsibilities=args.ansvar)
    say(result.describe(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 2


def _print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        say("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def add_parsers(sub) -> None:
    t = sub.add_parser("template", help="skriv en Excel-mall per enhet att fylla i för en period")
    t.add_argument("--period", required=True, help="månad 2024-09 eller sammanslagen period 2024-06..2024-07")
    t.add_argument("--out", type=Path, required=True, help="mapp för mallarna")
    t.add_argument("--unit", action="append", help="bara denna enhet (enhet_id); kan upprepas")
    add_data_args(t)
    t.set_defaults(run=_template)

    m = sub.add_parser("import", help="läs in ifyllda mallar och filer i datakontraktet till inlämningsarkivet")
    m.add_argument("files", nargs="+", type=Path, metavar="FIL")
    add_data_args(m)
    m.set_defaults(run=_import)

    h = sub.add_parser("history", help="visa alla inlämningar för en enhet och period")
    h.add_argument("--unit", help="enhet_id")
    h.add_argument("--period", help="rapportperiod")
    h.add_argument("--table", help="i stället: versionerna av en hel tabell, t.ex. ekonomi")
    h.add_argument("--adjustments", action="store_true",
                   help="i stället: analytikerns sparade och ångrade justeringar (med --period bara den perioden)")
    add_data_args(h)
    h.set_defaults(run=_history)

    g = sub.add_parser("ledger", help="summera en huvudboksfil till ekonomitabellen")
    g.add_argument("ledger", type=Path, metavar="HUVUDBOK", help="transaktioner (CSV eller Parquet)")
    g.add_argument("--mapping", type=Path, required=True, help="verksamhetskod;verksamhet")
    g.add_argument("--ansvar", type=Path, default=None,
                   help="ansvar;enhet_id: ekonomi per enhet också (tomt enhet_id för koder utan enhet)")
    g.add_argument("--out", type=Path, default=None,
                   help="skriv bara tabellen hit (standard: in i datamappens ekonomi.csv, tidigare version sparas)")
    add_data_args(g)
    g.set_defaults(run=_ledger)
