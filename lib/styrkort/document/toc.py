"""Document structure of an exported report: ids on the section headings and a table of contents.

Works on the finished HTML of any report type, whatever its sections: every ``<h2>`` is a
section, gets an id if it has none, and is listed in a ``<nav>`` placed after the cover. The
print stylesheet adds page numbers to the list (``target-counter``) in the PDF.
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from dataclasses import dataclass

TOC_TITLE = "Innehåll"
TOC_LABEL_ID = "innehall"

_H2 = re.compile(r"<h2(?P<attrs>\s[^>]*)?>(?P<inner>.*?)</h2\s*>", re.S | re.I)
_ID_ATTR = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TAG = re.compile(r"<[^>]*>")
_COVER_END = re.compile(r"<header\s[^>]*class=\"[^\"]*\bcover\b[^\"]*\"[^>]*>.*?</header\s*>", re.S | re.I)
_MAIN_START = re.compile(r"<main\b[^>]*>", re.I)


@dataclass(frozen=True)
class Heading:
    id: str
    text: str  # markup-safe: the heading's text with its tags removed, entities kept


def slug(text: str) -> str:
    """``"Mål – översikt"`` → ``"mal-oversikt"``: lower case ASCII letters, digits and hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "avsnitt"


def _text(inner: str) -> str:
    return " ".join(_TAG.sub(" ", inner).split())


def with_heading_ids(document: str) -> tuple[str, list[Heading]]:
    """Give every h2 an id (kept where it has one, unique in the document) and list them in order."""
    taken = {m.group(1) or m.group(2) for m in _ID_ATTR.finditer(document)} | {TOC_LABEL_ID}
    headings: list[Heading] = []

    def visit(m: re.Match[str]) -> str:
        attrs, inner = m.group("attrs") or "", m.group("inner")
        text = _text(inner)
        if found := _ID_ATTR.search(attrs):
            headings.append(Heading(found.group(1) or found.group(2), text))
            return m.group(0)
        base = slug(htmllib.unescape(text))
        new, n = base, 2
        while new in taken:
            new, n = f"{base}-{n}", n + 1
        taken.add(new)
        headings.append(Heading(new, text))
        return f'<h2 id="{new}"{attrs}>{inner}</h2>'

    return _H2.sub(visit, document), headings


def toc_html(headings: list[Heading]) -> str:
    """The table of contents: a labelled navigation landmark with one link per section."""
    items = "".join(f'<li><a href="#{h.id}">{h.text}</a></li>' for h in headings)
    return (f'<nav class="toc" aria-labelledby="{TOC_LABEL_ID}">'
            f'<p class="toc-title" id="{TOC_LABEL_ID}">{TOC_TITLE}</p><ol>{items}</ol></nav>')


def add_toc(document: str) -> str:
    """The document with ids on its sections and the table of contents after the cover
    (at the start of ``<main>`` when there is no cover). A document without sections, or one
    that already has a table of contents, is returned unchanged."""
    if f'id="{TOC_LABEL_ID}"' in document:
        return document
    with_ids, headings = with_heading_ids(document)
    anchor = _COVER_END.search(with_ids) or _MAIN_START.search(with_ids)
    if not headings or anchor is None:
        return document
    return with_ids[:anchor.end()] + toc_html(headings) + with_ids[anchor.end():]
