"""The elements every report page is built of: markup that Jupyter displays, tables with header
cells and scopes, status badges, figures with alternative text, the cover, and the note that marks
an adjustment made by hand. All text from data passes through :mod:`styrkort.html.textsafe`.
"""

from __future__ import annotations

import base64
from typing import Iterable, Sequence

from styrkort.data import fmt
from styrkort.data.status import NOT_ASSESSED, Status
from styrkort.html.textsafe import esc
from styrkort.reports.kinds import Header


class Html(str):
    """Markup that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def join(parts: Iterable[str]) -> Html:
    return Html("\n".join(parts))


def badge(status: Status | None, missing: str = NOT_ASSESSED) -> str:
    if status is None:
        return f'<span class="status status-none"><span aria-hidden="true">○</span> {esc(missing)}</span>'
    return (f'<span class="status status-{status.css}"><span class="symbol" aria-hidden="true">{status.symbol}</span>'
            f" {status.value}</span>")


def figure(svg: str, alt: str, caption: str = "", css: str = "") -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return (f'<figure class="chart {css}"><img src="data:image/svg+xml;base64,{data}" alt="{esc(alt)}">'
            f"{cap}</figure>")


def table(head: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "", css: str = "",
          foot: Sequence[str] | None = None, row_headers: bool = True, numeric: Sequence[int] = ()) -> str:
    """A table with header cells and scopes. Cells are markup: escape text before passing it."""
    def cells(values: Sequence[str], tag_first: bool) -> str:
        out = []
        for i, v in enumerate(values):
            cls = ' class="num"' if i in numeric else ""
            if i == 0 and tag_first:
                out.append(f'<th scope="row"{cls}>{v}</th>')
            else:
                out.append(f"<td{cls}>{v}</td>")
        return "".join(out)

    num = ' class="num"'
    th = "".join(f'<th scope="col"{num if i in numeric else ""}>{h}</th>' for i, h in enumerate(head))
    body = "".join(f"<tr>{cells(r, row_headers)}</tr>" for r in rows)
    tfoot = f"<tfoot><tr>{cells(foot, True)}</tr></tfoot>" if foot else ""
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="{css}">{cap}<thead><tr>{th}</tr></thead><tbody>{body}</tbody>{tfoot}</table>'


def cover(h: Header) -> Html:
    diarie = f"<div><dt>Diarienummer</dt><dd>{esc(h.diarienummer)}</dd></div>" if h.diarienummer else ""
    return Html(
        '<header class="cover">'
        f'<p class="org">{esc(h.municipality)}</p>'
        f'<p class="board">{esc(h.board)}</p>'
        f"<h1>{esc(h.title)}</h1>"
        f'<p class="administration">{esc(h.administration)}</p>'
        f'<dl class="meta"><div><dt>Period</dt><dd>{esc(h.period_name)}</dd></div>{diarie}'
        f"<div><dt>Upprättad</dt><dd>{fmt.date_sv(h.rendered_on)}</dd></div></dl>"
        "</header>"
    )


def adjustment_note(what: str, reason: str, by: str = "", at: str = "") -> str:
    """One adjustment made by hand, as the reader sees it. ``what`` is markup; the rest is text."""
    who = ", ".join(x for x in (by, at[:10]) if x)
    return (f'<p class="adjusted"><strong>Justerat av förvaltningen:</strong> {what} — motivering: {esc(reason)}'
            f'{f" ({esc(who)})" if who else ""}</p>')
