"""The same words on screen and on paper. Each example report's HTML and PDF are written by two
writers from one model; here they are read back as a reader gets them and compared:

- every heading, table cell, paragraph, list item and caption of the HTML (apart from elements
  marked ``screen-only``) is in the PDF's text, in the same order;
- every heading of the PDF (its bookmarks) is a heading of the HTML, in the same order, and both
  have as many tables and figures.

And the comparison can fail: a section dropped from either writer is found.
"""

import io
import re

import nbformat
import pytest
from bs4 import BeautifulSoup, NavigableString
from pypdf import PdfReader

from conftest import pdf_structure
from styrkort.document.typst import MIME
from styrkort.pages.provenance import colophon
from styrkort.pipeline.pdf import notebook_to_pdf

SCREEN_ONLY = "screen-only"
#: The elements whose text a reader reads as one piece.
BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "th", "td", "p", "li", "dt", "dd", "caption", "figcaption", "pre")


def _squash(text: str) -> str:
    """Text as compared: no whitespace and no hyphens (a word hyphenated at a line's end reads
    back with a hyphen or a soft hyphen, and a line may end at a word's own hyphen), case folded
    (the cover's terms are upper case on paper, by style on screen). The minus sign stays."""
    return re.sub(r"[\s\xad-]+", "", text).casefold()


def html_blocks(soup) -> list[str]:
    """The text of each block of ``<main>`` in document order, each text node counted once, in
    the nearest block that holds it."""
    main = soup.find("main")
    blocks: dict[int, list[str]] = {}
    order: list[int] = []
    for text in main.find_all(string=True):
        if not isinstance(text, NavigableString) or not text.strip():
            continue
        holder = text.find_parent(BLOCKS)
        if holder is None or any(SCREEN_ONLY in (p.get("class") or []) for p in text.parents if p.name):
            continue
        if id(holder) not in blocks:
            blocks[id(holder)] = []
            order.append(id(holder))
        blocks[id(holder)].append(str(text))
    return [" ".join("".join(blocks[k]).split()) for k in order]


def pdf_text(reader: PdfReader) -> str:
    """The pages' text without the running header and footer (the first and last line of every
    page after the cover)."""
    pages = []
    for i, page in enumerate(reader.pages):
        lines = page.extract_text().splitlines()
        pages.append("\n".join(lines if i == 0 else lines[1:-1]))
    return "\n".join(pages)


def _headings(soup) -> list[str]:
    return [" ".join(h.get_text(" ", strip=True).split())
            for h in soup.find("main").find_all(re.compile(r"^h[1-6]$"))]


def _bookmarks(reader: PdfReader) -> list[str]:
    out = []

    def visit(items):
        for item in items:
            if isinstance(item, list):
                visit(item)
            else:
                out.append(" ".join(item.title.split()))

    visit(reader.outline)
    return out


def differences(html: str, pdf: bytes) -> list[str]:
    """What a reader of one would miss in the other; empty when both say the same."""
    soup = BeautifulSoup(html, "html.parser")
    reader = PdfReader(io.BytesIO(pdf))
    paper, at, missing = _squash(pdf_text(reader)), 0, []
    for block in html_blocks(soup):
        found = paper.find(_squash(block), at)
        if found < 0:
            missing.append(f"not in the PDF after the text before it: {block[:80]!r}")
        else:
            at = found + len(_squash(block))
    screen = [_squash(h) for h in _headings(soup)]
    at = 0
    for mark in _bookmarks(reader):
        try:
            at = screen.index(_squash(mark), at) + 1
        except ValueError:
            missing.append(f"a heading of the PDF not in the HTML (in order): {mark!r}")
    kinds = [kind for kind, _ in pdf_structure(reader)]
    for tag, kind in (("table", "/Table"), ("img", "/Figure")):
        if len(soup.find("main").find_all(tag)) != kinds.count(kind):
            missing.append(f"{len(soup.find('main').find_all(tag))} {tag} in the HTML, {kinds.count(kind)} in the PDF")
    return missing


@pytest.fixture(scope="module")
def rendered(examples):
    _, done = examples
    return [(d, d.html.read_text(encoding="utf-8"), d.pdf.read_bytes()) for d in done]


def test_every_example_says_the_same_on_screen_and_on_paper(rendered):
    for d, html, pdf in rendered:
        assert differences(html, pdf) == [], d.title


def test_a_section_dropped_from_the_html_is_found(rendered):
    d, html, pdf = next(r for r in rendered if r[0].kind == "monthly")
    soup = BeautifulSoup(html, "html.parser")
    soup.find("section", class_="economy").decompose()
    found = differences(str(soup), pdf)
    assert any("Ekonomi i korthet" in f for f in found), found


def test_a_section_dropped_from_the_pdf_is_found(rendered):
    d, html, _ = next(r for r in rendered if r[0].kind == "interim")
    nb = nbformat.read(d.html.with_suffix(".ipynb"), as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", []) if MIME in o.get("data", {})]
    dropped = next(o for o in outputs if "Ekonomi – utfall och helårsprognos" in o["data"][MIME])
    dropped["data"].pop(MIME)
    meta = nb.metadata["styrkort"]
    found = differences(html, notebook_to_pdf(nb, meta, colophon(meta), None))
    assert any("Ekonomi – utfall och helårsprognos" in f for f in found), found
    assert any("table in the HTML" in f for f in found), found
