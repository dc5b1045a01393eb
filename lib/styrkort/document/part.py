"""A part of a report as a notebook displays it: one output, two MIME types.

The output carries the part's HTML (``text/html``: what JupyterLab shows and the HTML export
takes) and its Typst (:data:`styrkort.document.typst.MIME`: what the PDF writer takes), the way
nbconvert's LaTeX route reads ``text/latex``. Both are written from the same nodes when the part
is displayed, so the executed notebook holds the report once, in both languages.
"""

from __future__ import annotations

from functools import cached_property

from styrkort.document import html, typst
from styrkort.document.assets import lab_style
from styrkort.document.model import Content, Cover, Node, content

#: Output metadata that marks the cover, which the PDF writer places before the contents.
COVER_KEY = "cover"


class Part:
    def __init__(self, *nodes: Node | Content | None) -> None:
        self.nodes: Content = content(*nodes)

    @cached_property
    def html(self) -> str:
        return html.write(self.nodes)

    @cached_property
    def typst(self) -> str:
        return typst.write(self.nodes)

    def _repr_mimebundle_(self, include=None, exclude=None):
        meta = {typst.MIME: {COVER_KEY: True}} if any(isinstance(n, Cover) for n in self.nodes) else {}
        # In JupyterLab the part looks as in the report; the HTML export takes the styling out.
        return {"text/html": lab_style() + self.html, typst.MIME: self.typst}, meta

    def __add__(self, other: Part) -> Part:
        return Part(self.nodes, other.nodes)

    def __repr__(self) -> str:
        return f"Part({len(self.nodes)} nodes)"
