"""The report as a document: the one model both writers take.

A page module (:mod:`styrkort.pages`) builds a report's sections from these nodes; the HTML writer
(:mod:`styrkort.document.html`) makes the page a reader opens, the Typst writer
(:mod:`styrkort.document.typst`) the PDF for the diarium. Neither writer computes anything about the
report: what a section says is decided once, here.

Text is plain ``str`` everywhere, untrusted (it may come from data): each writer makes it inert in
its own language. Markup is never passed as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal, Union

from styrkort.data.status import NOT_ASSESSED, Status


@dataclass(frozen=True)
class Span:
    """Inline content with a style: ``strong``, ``em`` or ``small``."""
    style: Literal["strong", "em", "small"]
    content: Content


@dataclass(frozen=True)
class Badge:
    """A status as the reader sees it: colour, a shape and a word (``None``: the ``missing`` word).
    ``label`` is the word in place of the status's own ("Uppfyllt" on green)."""
    status: Status | None
    missing: str = NOT_ASSESSED
    label: str | None = None

    @property
    def word(self) -> str:
        if self.status is None:
            return self.missing
        return self.label or self.status.value


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph or a cell."""


@dataclass(frozen=True)
class Link:
    """A link; writers keep only http(s) and mailto targets, anything else stays text. ``local``: a
    relative path the code made to another rendered report, kept in the HTML beside it and left as
    text in the PDF, where it would lead nowhere."""
    href: str
    content: Content
    local: bool = False


@dataclass(frozen=True)
class Time:
    """A date or time as the reader reads it, with its machine-readable ISO form."""
    iso: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    content: Content
    css: str = ""


@dataclass(frozen=True)
class Heading:
    """``level`` as in HTML: 1 is the report's title, 2 a section (listed in the contents)."""
    level: int
    content: Content
    id: str = ""


@dataclass(frozen=True)
class ItemList:
    """A bulleted (or numbered) list; an item may hold a nested list."""
    items: tuple[Content, ...]
    ordered: bool = False
    start: int = 1
    css: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row, an optional total row and a caption. ``numeric`` columns are
    right-aligned with tabular figures; ``row_headers`` makes each row's first cell its header."""
    head: tuple[Content, ...]
    rows: tuple[tuple[Content, ...], ...]
    caption: str = ""
    css: str = ""
    foot: tuple[Content, ...] | None = None
    row_headers: bool = True
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A chart: vector SVG, its text alternative and a caption."""
    svg: str
    alt: str
    caption: str = ""
    css: str = ""


@dataclass(frozen=True)
class Preformatted:
    text: str


@dataclass(frozen=True)
class Quote:
    content: Content


@dataclass(frozen=True)
class Rule:
    """A thematic break."""


@dataclass(frozen=True)
class Section:
    content: Content
    css: str = ""
    id: str = ""


@dataclass(frozen=True)
class Group:
    """Blocks that belong together without being a section of their own (a ``<div>``)."""
    content: Content
    css: str = ""


@dataclass(frozen=True)
class Cover:
    """The report's first page: who reports, the title, and the facts a registrar files it by."""
    municipality: str
    board: str
    title: str
    administration: str
    facts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Colophon:
    """What the report was made from, in small print at its end (``Om underlaget``)."""
    title: str
    facts: tuple[tuple[str, Content], ...]


Inline = Union[str, Span, Badge, Break, Link, Time]
Block = Union[Paragraph, Heading, ItemList, Table, Figure, Preformatted, Quote, Rule, Section, Group, Cover,
              Colophon]
Node = Union[Inline, Block]
#: What a cell, a list item or a section holds: text and nodes, in order.
Content = tuple[Node, ...]

BLOCKS = (Paragraph, Heading, ItemList, Table, Figure, Preformatted, Quote, Rule, Section, Group, Cover,
          Colophon)


def content(*parts: Node | Iterable[Node] | None) -> Content:
    """``content("a", Badge(s), None, [x, y])`` → ``("a", Badge(s), x, y)``: None and "" left out."""
    out: list[Node] = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, (str, *BLOCKS, Span, Badge, Break, Link, Time)):
            out.append(part)
        else:
            out.extend(p for p in part if p is not None and p != "")
    return tuple(out)


def plain_text(nodes: Content) -> str:
    """The text a reader reads, without markup: for alternative texts and tests."""
    out: list[str] = []
    for n in nodes:
        if isinstance(n, str):
            out.append(n)
        elif isinstance(n, Badge):
            out.append(n.word)
        elif isinstance(n, Break):
            out.append(" ")
        elif isinstance(n, Time):
            out.append(n.text)
        elif isinstance(n, (Span, Link, Paragraph, Heading, Section, Group, Quote)):
            out.append(plain_text(n.content))
        elif isinstance(n, ItemList):
            out.append(" ".join(plain_text(i) for i in n.items))
    return "".join(out)
