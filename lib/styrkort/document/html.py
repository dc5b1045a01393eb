"""The HTML writer: document nodes as the markup of the page a reader opens.

Every text is escaped here and nowhere else, so text from data reaches the reader as characters,
never as markup. Tables get header cells with scopes, figures their text alternatives, statuses a
shape and a word beside their colour (:mod:`styrkort.document.model` says what each node is).
"""

from __future__ import annotations

import base64
import html
from typing import Iterable
from urllib.parse import quote

from styrkort.document.markdown import CONTROL
from styrkort.document.model import (Badge, Break, Colophon, Content, Cover, Figure, Group, Heading, ItemList, Link,
                                     Node, Paragraph, Preformatted, Quote, Rule, Section, Span, Table, Time,
                                     plain_text)

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def esc(text: object) -> str:
    """Text as inert HTML: escaped, quotes too, control characters left out."""
    return html.escape(CONTROL.sub("", "" if text is None else str(text)), quote=True)


def _class(css: str) -> str:
    return f' class="{esc(css)}"' if css else ""


def write(nodes: Iterable[Node]) -> str:
    return "".join(_node(n) for n in nodes)


def badge(b: Badge) -> str:
    if b.status is None:
        return f'<span class="status status-none"><span aria-hidden="true">○</span> {esc(b.missing)}</span>'
    s = b.status
    return (f'<span class="status status-{s.css}"><span class="symbol" aria-hidden="true">{s.symbol}</span>'
            f" {esc(b.word)}</span>")


def _cells(values: Content | tuple[Content, ...], numeric: tuple[int, ...], header_first: bool) -> str:
    out = []
    for i, v in enumerate(values):
        cls = ' class="num"' if i in numeric else ""
        if i == 0 and header_first:
            out.append(f'<th scope="row"{cls}>{write(v)}</th>')
        else:
            out.append(f"<td{cls}>{write(v)}</td>")
    return "".join(out)


def table(t: Table) -> str:
    num = ' class="num"'
    head = "".join(f'<th scope="col"{num if i in t.numeric else ""}>{write(h)}</th>' for i, h in enumerate(t.head))
    body = "".join(f"<tr>{_cells(r, t.numeric, t.row_headers)}</tr>" for r in t.rows)
    foot = f"<tfoot><tr>{_cells(t.foot, t.numeric, True)}</tr></tfoot>" if t.foot else ""
    cap = f"<caption>{esc(t.caption)}</caption>" if t.caption else ""
    label = t.caption or "Tabell: " + ", ".join(plain_text(h) for h in t.head)
    # On a narrow screen a wide table scrolls inside this region, not the page (WCAG 1.4.10):
    # focusable so that a keyboard scrolls it too, and named for a screen reader.
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{esc(label)}">'
            f'<table class="{esc(t.css)}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>')


def figure(f: Figure) -> str:
    data = base64.b64encode(f.svg.encode("utf-8")).decode("ascii")
    cap = f"<figcaption>{esc(f.caption)}</figcaption>" if f.caption else ""
    label = f.caption or "Diagram"
    return (f'<figure class="chart {esc(f.css)}"><div class="chart-scroll" role="region" tabindex="0" '
            f'aria-label="{esc(label)}"><img src="data:image/svg+xml;base64,{data}" alt="{esc(f.alt)}"></div>'
            f"{cap}</figure>")


def _terms(items: Iterable[tuple[str, Content | str]], css: str) -> str:
    rows = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v) if isinstance(v, str) else write(v)}</dd></div>"
                   for k, v in items)
    return f"<dl{_class(css)}>{rows}</dl>"


def cover(c: Cover) -> str:
    return ('<header class="cover">'
            f'<p class="org">{esc(c.municipality)}</p>'
            f'<p class="board">{esc(c.board)}</p>'
            f"<h1>{esc(c.title)}</h1>"
            f'<p class="administration">{esc(c.administration)}</p>'
            f"{_terms(c.facts, 'meta')}</header>")


def colophon(c: Colophon) -> str:
    """Small print that opens on request: complete, without taking a reader's attention."""
    return (f'<footer class="about underlag"><details><summary>{esc(c.title)}</summary>'
            f"{_terms(c.facts, '')}</details></footer>")


def _node(n: Node) -> str:
    if isinstance(n, str):
        return esc(n)
    if isinstance(n, Span):
        tag = {"strong": "strong", "em": "em", "small": "small"}[n.style]
        return f"<{tag}>{write(n.content)}</{tag}>"
    if isinstance(n, Badge):
        return badge(n)
    if isinstance(n, Break):
        return "<br>"
    if isinstance(n, Link):
        if n.local:
            return f'<a href="{esc(quote(n.href, safe="/.#"))}">{write(n.content)}</a>'
        if n.href.strip().lower().startswith(SAFE_SCHEMES):
            return f'<a href="{esc(n.href.strip())}">{write(n.content)}</a>'
        return write(n.content)
    if isinstance(n, Time):
        return f'<time datetime="{esc(n.iso)}">{esc(n.text)}</time>'
    if isinstance(n, Paragraph):
        return f"<p{_class(n.css)}>{write(n.content)}</p>"
    if isinstance(n, Heading):
        ident = f' id="{esc(n.id)}"' if n.id else ""
        return f"<h{n.level}{ident}>{write(n.content)}</h{n.level}>"
    if isinstance(n, ItemList):
        items = "".join(f"<li>{write(i)}</li>" for i in n.items)
        if n.ordered:
            start = f' start="{n.start}"' if n.start != 1 else ""
            return f"<ol{_class(n.css)}{start}>{items}</ol>"
        return f"<ul{_class(n.css)}>{items}</ul>"
    if isinstance(n, Table):
        return table(n)
    if isinstance(n, Figure):
        return figure(n)
    if isinstance(n, Preformatted):
        return f"<pre>{esc(n.text)}</pre>"
    if isinstance(n, Quote):
        return f"<blockquote>{write(n.content)}</blockquote>"
    if isinstance(n, Rule):
        return "<hr>"
    if isinstance(n, Section):
        ident = f' id="{esc(n.id)}"' if n.id else ""
        return f"<section{_class(n.css)}{ident}>{write(n.content)}</section>"
    if isinstance(n, Group):
        return f"<div{_class(n.css)}>{write(n.content)}</div>"
    if isinstance(n, Cover):
        return cover(n)
    if isinstance(n, Colophon):
        return colophon(n)
    raise TypeError(f"not a document node: {n!r}")


def add_provenance(document: str, colophon_html: str) -> str:
    """The exported HTML document with its colophon as the last part of ``<main>``."""
    at = document.rfind("</main>")
    return document[:at] + colophon_html + "\n" + document[at:] if at >= 0 else document + colophon_html
