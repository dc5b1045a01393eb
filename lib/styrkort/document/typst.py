"""The Typst writer: document nodes as Typst markup, and the parts of a report as one Typst document.

Every text is a Typst string literal (``#"…";``), so no text from data is ever read as markup: a
``#``, ``*``, ``=`` or ``]`` in a comment stays that character. The layout itself (page, cover,
running header, tables, badges) is the template ``templates/report.typ``; this module only says
what is on the pages, in order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from styrkort.document.markdown import CONTROL
from styrkort.document.model import (Badge, Break, Colophon, Content, Cover, Figure, Group, Heading, ItemList, Link,
                                     Node, Paragraph, Preformatted, Quote, Rule, Section, Span, Table, Time,
                                     plain_text)

#: The MIME type of a displayed part's Typst, beside its text/html in the executed notebook.
MIME = "text/x-typst"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.typ"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: Charts drawn as wide as the text; the others keep their size up to the text's width.
_FULL_WIDTH = ("strip", "bars", "waterfall")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # ASCII whitespace: a no-break space stays one


def string(text: object) -> str:
    """A Typst string literal: the text, inert. Line breaks and tabs become spaces, as in HTML."""
    plain = _SPACE.sub(" ", CONTROL.sub("", "" if text is None else str(text)))
    return '"' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _strings(texts: Iterable[str]) -> str:
    items = [string(t) for t in texts]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def write(nodes: Iterable[Node]) -> str:
    return "".join(_node(n) for n in nodes)


def _block(nodes: Content) -> str:
    return "[" + write(nodes) + "]"


def _array(items: Sequence[str]) -> str:
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _longest(text: str) -> str:
    """The longest word of a text, by its letters: the narrowest a column holding it can be."""
    return max(text.split(), key=len, default="")


def table(t: Table) -> str:
    head = _array([_block(h) for h in t.head])
    columns = list(zip(*t.rows, *([t.foot] if t.foot else []))) or [()] * len(t.head)
    words = _array([_strings([_longest(plain_text(h)), _longest(" ".join(plain_text(c) for c in column))])
                    for h, column in zip(t.head, columns)])
    rows = _array([_array([_block(c) for c in r]) for r in t.rows])
    foot = _array([_block(c) for c in t.foot]) if t.foot else "none"
    caption = string(t.caption) if t.caption else "none"
    numeric = _array([str(i) for i in t.numeric])
    return (f"#report-table(caption: {caption}, head: {head}, words: {words}, rows: {rows}, foot: {foot}, "
            f"numeric: {numeric})\n")


def figure(f: Figure) -> str:
    caption = string(f.caption) if f.caption else "none"
    full = "true" if any(c in f.css.split() for c in _FULL_WIDTH) else "false"
    return f"#report-figure({string(f.svg)}, {string(f.alt)}, {caption}, {full})\n"


def _pairs(items: Iterable[tuple[str, Content | str]]) -> str:
    return _array([f"({string(k)}, {string(v) if isinstance(v, str) else _block(v)})" for k, v in items])


def cover(c: Cover) -> str:
    return (f"#cover(municipality: {string(c.municipality)}, board: {string(c.board)}, title: {string(c.title)}, "
            f"administration: {string(c.administration)}, facts: {_pairs(c.facts)})\n")


def _node(n: Node) -> str:
    if isinstance(n, str):
        return f"#{string(n)};" if n else ""
    if isinstance(n, Span):
        wrap = {"strong": "#strong", "em": "#emph", "small": "#text(size: 0.85em)"}[n.style]
        return f"{wrap}{_block(n.content)}"
    if isinstance(n, Badge):
        if n.status is None:
            return f'#status("none", "○", {string(n.missing)})'
        return f"#status({string(n.status.css)}, {string(n.status.symbol)}, {string(n.word)})"
    if isinstance(n, Break):
        return "#linebreak()"
    if isinstance(n, Link):
        if not n.local and n.href.strip().lower().startswith(SAFE_SCHEMES):
            return f"#link({string(n.href.strip())}){_block(n.content)}"
        return write(n.content)
    if isinstance(n, Time):
        return f"#{string(n.text)};"
    if isinstance(n, Paragraph):
        return f"#para({string(n.css)}){_block(n.content)}\n"
    if isinstance(n, Heading):
        return f"#heading(level: {n.level}){_block(n.content)}\n"
    if isinstance(n, ItemList):
        items = ", ".join(_block(i) for i in n.items)
        if n.ordered:
            return f"#enum(start: {n.start}, {items})\n"
        return f"#list({items})\n"
    if isinstance(n, Table):
        return table(n)
    if isinstance(n, Figure):
        return figure(n)
    if isinstance(n, Preformatted):
        return f"#raw({string(n.text)}, block: true)\n"
    if isinstance(n, Quote):
        return f"#quote(block: true){_block(n.content)}\n"
    if isinstance(n, Rule):
        return "#line(length: 100%, stroke: 0.5pt + rule-colour)\n"
    if isinstance(n, (Section, Group)):
        return write(n.content) + "\n"
    if isinstance(n, Cover):
        return cover(n)
    if isinstance(n, Colophon):
        return f"#colophon({string(n.title)}, {_pairs(n.facts)})\n"
    raise TypeError(f"not a document node: {n!r}")


@lru_cache(maxsize=1)
def template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def document(parts: Sequence[tuple[str, bool]], meta: dict, colophon: Colophon | None = None) -> str:
    """The whole report as one Typst source: the template, the document's metadata, the cover
    parts, the contents, the other parts in order and the colophon. ``parts`` are (Typst, is a
    cover) as the executed notebook holds them; ``meta`` is the notebook's ``styrkort`` metadata."""
    args = ", ".join([
        f"title: {string(meta.get('title', 'Rapport'))}",
        f"author: {string(meta.get('author', ''))}",
        f"subject: {string(meta.get('subject', ''))}",
        f"keywords: {_strings(meta.get('keywords') or [])}",
        f"board: {string(meta.get('board', ''))}",
        f"diarienummer: {string(meta.get('diarienummer') or '')}",
    ])
    # A report without its cover still opens with its title: PDF/UA's headings start at level 1.
    covers = ([source for source, is_cover in parts if is_cover]
              or [f"#heading(level: 1, outlined: false, {string(meta.get('title', 'Rapport'))})\n"])
    body = [source for source, is_cover in parts if not is_cover]
    closing = [_node(colophon)] if colophon is not None else []
    return "\n".join([template(), f"#show: report.with({args})", *covers, "#contents()", *body, *closing])
