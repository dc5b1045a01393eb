"""The elements every report page is built of, as document nodes: tables, status badges, figures
with their text alternatives, the cover, a section of the data's text, and the note that marks an
adjustment made by hand.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from styrkort.data import fmt
from styrkort.data.status import NOT_ASSESSED, Status
from styrkort.document.markdown import markdown
from styrkort.document.model import Badge, Content, Cover, Figure, Heading, Node, Paragraph, Section, Span, Table, content
from styrkort.document.part import Part
from styrkort.reports.kinds import Header

Cell = Node | Iterable[Node] | None


def cell(value: Cell) -> Content:
    return content(value)


def badge(status: Status | None, missing: str = NOT_ASSESSED, label: str | None = None) -> Badge:
    return Badge(status, missing, label)


def text_section(title: str, text: str | None, css: str, missing: str, heading_offset: int = 2) -> Part:
    """A section of its own for one of the data's texts, saying ``missing`` where the data has none."""
    body = markdown(text, heading_offset) or (Paragraph((missing,)),)
    return Part(Section(content(Heading(2, (title,)), body), css=css))


def figure(svg: str, alt: str, caption: str = "", css: str = "") -> Figure:
    return Figure(svg, alt, caption, css)


def table(head: Sequence[Cell], rows: Iterable[Sequence[Cell]], caption: str = "", css: str = "",
          foot: Sequence[Cell] | None = None, row_headers: bool = True, numeric: Sequence[int] = ()) -> Table:
    """A table with header cells; each cell is text, a node or several."""
    return Table(tuple(cell(h) for h in head), tuple(tuple(cell(c) for c in r) for r in rows), caption, css,
                 tuple(cell(c) for c in foot) if foot else None, row_headers, tuple(numeric))


def cover(h: Header) -> Part:
    facts = [("Period", h.period_name)]
    if h.diarienummer:
        facts.append(("Diarienummer", h.diarienummer))
    if h.dated:
        facts.append(("Upprättad", fmt.date_sv(h.dated)))
    if h.meeting:
        facts.append(("Nämndens sammanträde", fmt.date_sv(h.meeting)))
    return Part(Cover(h.municipality, h.board, h.title, h.administration, tuple(facts)))


def marked(shown: Node, by_hand: bool) -> Node | tuple:
    """A status or assessment, marked where the analyst set it instead of the proposal."""
    return content(shown, " ", Span("em", ("(satt för hand)",))) if by_hand else shown


def adjustment_note(what: Cell, reason: str, by: str = "", at: str = "") -> Paragraph:
    """One adjustment made by hand, as the reader sees it."""
    who = ", ".join(x for x in (by, at[:10]) if x)
    return Paragraph(content(Span("strong", ("Justerat av förvaltningen:",)), " ", what, f" — motivering: {reason}",
                             f" ({who})" if who else ""), css="adjusted")
