"""``outputs/index.html``: every rendered report, by period and type, with links to HTML and PDF.

Each report's sidecar (``<period>/<stem>.json``, written last by :func:`styrkort.pipeline.render.commit`)
carries what the index needs, and what the report was made from (its fingerprint, which the
batch compares to skip an unchanged report); its executed notebook (``<stem>.ipynb``) carries
the same in its metadata (``metadata.styrkort``), which the index reads for reports rendered
before sidecars existed. So the index is rebuilt from the output folder alone. Kept notebooks
of failed runs (``*.misslyckad.ipynb``) are not reports and are skipped. Earlier versions of
re-rendered reports (``<period>/tidigare/``, :mod:`styrkort.pipeline.versions`) are listed after the
current ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from styrkort.data import fmt
from styrkort.data.atomic import write_atomic
from styrkort.data.municipality import Municipality
from styrkort.data.periods import PeriodError, parse_period
from styrkort.document.assets import report_css
from styrkort.document.html import esc
from styrkort.pipeline.job import FAILED_SUFFIX, SIDECAR_SUFFIX
from styrkort.pipeline.versions import Earlier, earlier_versions

INDEX_NAME = "index.html"


@dataclass(frozen=True)
class Entry:
    """One rendered report as the index lists it. Paths are relative to the output folder."""

    kind: str
    document: str  # the report type as a reader names it, lower case: "månadsrapport"
    period: str
    period_name: str
    title: str
    html: str
    pdf: str | None
    rendered_on: date | None
    board: str = ""
    municipality: str = ""
    diarienummer: str = ""
    dated: date | None = None  # the report's own date, from the data

    @property
    def shown_date(self) -> date | None:
        """The date a reader knows the report by: its own, else the day it was rendered."""
        return self.dated or self.rendered_on

    @property
    def year(self) -> int | None:
        try:
            return parse_period(self.period).year
        except PeriodError:
            return None


def entry_from_metadata(meta: dict, folder: Path, out_dir: Path) -> Entry | None:
    """The index entry of a report from its notebook's metadata, or None when the metadata is not
    a rendered report's or its HTML is gone."""
    files = meta.get("files") or {}
    if not (meta.get("title") and meta.get("period") and files.get("html")):
        return None
    html = folder / files["html"]
    if not html.is_file():
        return None
    pdf = folder / files["pdf"] if files.get("pdf") else None
    rendered, dated = _day(meta.get("rendered_at")), _day(meta.get("dated"))
    return Entry(
        kind=str(meta.get("kind", "")),
        document=str(meta.get("document", "")),
        period=str(meta["period"]),
        period_name=str(meta.get("period_name") or meta["period"]),
        title=str(meta["title"]),
        html=html.relative_to(out_dir).as_posix(),
        pdf=pdf.relative_to(out_dir).as_posix() if pdf is not None and pdf.is_file() else None,
        rendered_on=rendered,
        board=str(meta.get("board", "")),
        municipality=str(meta.get("municipality", "")),
        diarienummer=str(meta.get("diarienummer") or ""),
        dated=dated,
    )


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def scan(out_dir: Path) -> list[Entry]:
    """Every rendered report under ``out_dir``, newest period first: from its sidecar, or from its
    notebook's metadata where it has no sidecar."""
    entries = []
    seen: set[Path] = set()
    for sidecar in sorted(Path(out_dir).glob(f"*/*{SIDECAR_SUFFIX}")):
        if sidecar.name.startswith("."):
            continue
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict) and (entry := entry_from_metadata(meta, sidecar.parent, Path(out_dir))):
            entries.append(entry)
            seen.add(sidecar.with_suffix(".ipynb"))
    for nb in sorted(Path(out_dir).glob("*/*.ipynb")):
        if nb.name.endswith(FAILED_SUFFIX) or nb.name.startswith(".") or nb in seen:
            continue
        try:
            meta = json.loads(nb.read_text(encoding="utf-8")).get("metadata", {}).get("styrkort", {})
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict) and (entry := entry_from_metadata(meta, nb.parent, Path(out_dir))):
            entries.append(entry)
    return sort_entries(entries)


def _period_order(key: str) -> tuple:
    try:
        p = parse_period(key)
    except PeriodError:
        return (0, 0, 0, 0, key)
    return (p.last.year, p.last.month, p.first.year, p.first.month, key)


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Latest period (by its last month) first; within a period, by report type and title."""
    by_type = sorted(entries, key=lambda e: (e.document, e.title))
    return sorted(by_type, key=lambda e: _period_order(e.period), reverse=True)


def _href(relative: str) -> str:
    return quote(relative, safe="/")


def _earlier_html(earlier: list[Earlier]) -> str:
    """Kept versions of re-rendered reports: what the board received before a correction."""
    if not earlier:
        return ""
    rows = []
    for e in earlier:
        when = (f"{fmt.date_sv(e.rendered.date())} kl. {e.rendered:%H.%M}" if e.rendered else fmt.DASH)
        name = f"{e.title}, version {when}"
        html = f'<a href="{_href(e.html)}">{esc(name)}, HTML</a>' if e.html else fmt.DASH
        pdf = f'<a href="{_href(e.pdf)}">{esc(name)}, PDF</a>' if e.pdf else '<span class="muted">Ingen PDF</span>'
        rows.append(f'<tr><th scope="row">{esc(e.title)}</th><td class="date">{esc(when)}</td>'
                    f"<td>{html}</td><td>{pdf}</td></tr>")
    return ('<h2 id="tidigare">Tidigare versioner</h2>'
            "<p>När en rapport renderas om sparas den förra versionen, så att det nämnden redan fått finns "
            "kvar.</p>"
            + _scrolling("Tidigare versioner av omrenderade rapporter",
                         '<table class="index earlier"><caption>Tidigare versioner av omrenderade rapporter</caption>'
                         '<thead><tr><th scope="col">Rapport</th><th scope="col">Upprättad</th>'
                         '<th scope="col">Läs på skärm</th><th scope="col">För diariet</th></tr></thead>'
                         f"<tbody>{''.join(rows)}</tbody></table>"))


def _scrolling(label: str, table: str) -> str:
    """A table in a region that scrolls on a narrow screen, as the reports' tables do."""
    return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{esc(label)}">{table}</div>'


def index_html(entries: list[Entry], css: str, today: date, earlier: list[Earlier] | None = None) -> str:
    """The front page of the shared reports: by year, newest first, each report once with its
    date and diarienummer and links to read it (HTML) and to file it (PDF); the kept earlier
    versions of re-rendered reports after them."""
    first = entries[0] if entries else None
    org = ", ".join(x for x in ((first.board, first.municipality) if first else ()) if x)
    body = _by_year(entries) or "<p>Inga rapporter har renderats ännu.</p>"
    lead = f'<p class="board">{esc(org)}</p>' if org else ""
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="styrkort">\n'
        f"<title>Rapporter{(' – ' + esc(org)) if org else ''}</title>\n"
        f"<style>\n{css}\n</style>\n</head>\n<body>\n"
        '<main class="report index-page">\n'
        f'<header class="index-header">{lead}<h1>Rapporter</h1>'
        f'<p class="updated">Förteckningen uppdaterades {fmt.date_sv(today)}. HTML är till för '
        "att läsa på skärmen, PDF för utskrift och diariet.</p></header>\n"
        f"{body}{_earlier_html(earlier or [])}\n</main>\n</body>\n</html>\n"
    )


def _by_year(entries: list[Entry], level: int = 2) -> str:
    """The reports by year, newest first: a table per year with each report's date, diarienummer and
    links to read it (HTML) and to file it (PDF)."""
    years: dict[int | None, list[Entry]] = {}
    for e in entries:  # already newest period first
        years.setdefault(e.year, []).append(e)
    parts = []
    for year, group in years.items():
        name = str(year) if year is not None else "Övriga"
        rows = []
        for e in group:
            pdf = (f'<a href="{_href(e.pdf)}">{esc(e.title)} (PDF)</a>' if e.pdf
                   else '<span class="muted">Ingen PDF</span>')
            rows.append(
                "<tr>"
                f'<th scope="row">{esc(e.title)}</th>'
                f'<td class="date">{fmt.date_sv(e.shown_date) if e.shown_date else fmt.DASH}</td>'
                f"<td>{esc(e.diarienummer) or fmt.DASH}</td>"
                f'<td><a href="{_href(e.html)}">{esc(e.title)} (HTML)</a></td>'
                f"<td>{pdf}</td>"
                "</tr>")
        parts.append(f'<h{level} id="ar-{esc(name)}">{esc(name)}</h{level}>' + _scrolling(
            f"Rapporter {name}",
            f'<table class="index"><caption>Rapporter {esc(name)}, senaste först</caption>'
            '<thead><tr><th scope="col">Rapport</th><th scope="col">Datum</th><th scope="col">Diarienummer</th>'
            '<th scope="col">Läs på skärm</th><th scope="col">För diariet</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"))
    return "".join(parts)


def write_index(out_dir: Path, today: date | None = None) -> Path:
    """Rebuild ``<out_dir>/index.html`` from the reports found there; return its path."""
    out_dir = Path(out_dir)
    target = out_dir / INDEX_NAME
    write_atomic(target, index_html(scan(out_dir), report_css(), today or date.today(), earlier_versions(out_dir)))
    return target


def municipality_index_html(municipality: str, boards: list[tuple[str, str, list[Entry]]], summaries: list[Entry],
                            css: str, today: date) -> str:
    """The front page of a municipality's reports: each board (folder, name, its reports) with its
    latest report and a link to its own index, then the summaries of every board by year."""
    rows = []
    for key, name, entries in boards:
        latest = entries[0] if entries else None
        shown = (f'<a href="{_href(f"{key}/{latest.html}")}">{esc(latest.title)}</a>' if latest
                 else '<span class="muted">Inga rapporter ännu</span>')
        rows.append(f'<tr><th scope="row">{esc(name)}</th><td>{shown}</td><td class="number">{len(entries)}</td>'
                    f'<td><a href="{_href(f"{key}/{INDEX_NAME}")}">Alla rapporter från {esc(name)}</a></td></tr>')
    table = _scrolling(f"Nämnderna i {municipality}",
                       f'<table class="index boards"><caption>Nämnderna i {esc(municipality)}, i kommunens ordning'
                       '</caption><thead><tr><th scope="col">Nämnd</th><th scope="col">Senaste rapporten</th>'
                       '<th scope="col">Rapporter</th><th scope="col">Förteckning</th></tr></thead>'
                       f"<tbody>{''.join(rows)}</tbody></table>")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="styrkort">\n'
        f"<title>Rapporter – {esc(municipality)}</title>\n"
        f"<style>\n{css}\n</style>\n</head>\n<body>\n"
        '<main class="report index-page">\n'
        f'<header class="index-header"><p class="board">{esc(municipality)}</p><h1>Nämndernas rapporter</h1>'
        f'<p class="updated">Förteckningen uppdaterades {fmt.date_sv(today)}. Varje nämnd har sin egen '
        "förteckning med rapporternas HTML och PDF.</p></header>\n"
        f'<h2 id="namnder">Nämnderna</h2>{table}'
        f'<h2 id="kommunovergripande">Kommunövergripande uppföljning</h2>'
        f"{_by_year(summaries, 3) or '<p>Ingen kommunövergripande uppföljning har renderats ännu.</p>'}"
        "\n</main>\n</body>\n</html>\n"
    )


def write_municipality_index(out_dir: Path, municipality: Municipality, today: date | None = None) -> Path:
    """Rebuild ``<out_dir>/index.html`` for a municipality: its boards, each with its index below it."""
    out_dir = Path(out_dir)
    boards = []
    for b in municipality.boards:
        entries = scan(out_dir / b.key)
        boards.append((b.key, next((e.board for e in entries if e.board), b.key), entries))
    target = out_dir / INDEX_NAME
    write_atomic(target, municipality_index_html(municipality.name, boards, scan(out_dir), report_css(),
                                                 today or date.today()))
    return target
