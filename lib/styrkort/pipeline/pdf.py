"""The PDF writer: the executed notebook's Typst parts as one document, laid out by Typst in-process.

Every displayed part of a report carries its Typst beside its HTML (:mod:`styrkort.document.part`);
this module collects them in order, adds the template, the contents list and the colophon
(:func:`styrkort.document.typst.document`) and compiles. Nothing is laid out from the HTML.

The fonts are DejaVu Sans and DejaVu Sans Mono as matplotlib ships them (a dependency), and only
those: the machine's own fonts are ignored, so the same report gives the same PDF on any machine,
apart from its dates. DejaVu covers Swedish and the status shapes (● ▲ ■).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from styrkort.data.errors import ReportError
from styrkort.document.model import Colophon
from styrkort.document.part import COVER_KEY
from styrkort.document.typst import MIME, document

#: The archival default, PDF/A-2a, the strictest level of PDF/A-2: level b (fonts embedded, colours
#: device-independent, XMP metadata), plus level u (every glyph mapped to Unicode), plus level a (a
#: tagged logical structure with the document's language and the charts' text alternatives).
DEFAULT_VARIANT = "pdf/a-2a"
#: The variants a report may be written as. ``None`` (``--pdf-variant none``) is a PDF without an
#: archival claim. Every variant is tagged and claims PDF/UA-1 (ISO 14289-1) as well, which the
#: accessibility requirements of the DOS law (via EN 301 549) ask of a published document.
VARIANTS: tuple[str, ...] = ("pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u")
UNIVERSAL_ACCESSIBILITY = "ua-1"


def parse_variant(text: str | None) -> str | None:
    """``"pdf/a-2b"`` → itself, ``"none"`` or ``None`` → None (no archival claim); anything else is refused."""
    if text is None or text.strip().lower() in ("none", "ingen", ""):
        return None
    variant = text.strip().lower()
    if variant not in VARIANTS:
        raise ReportError(f"Okänd PDF-variant {text!r}; kända: {', '.join(VARIANTS)} eller none.")
    return variant


def profile(variant: str) -> str:
    """The conformance profile of a variant as validators name it: ``"pdf/a-2u"`` → ``"2u"``."""
    return variant.rsplit("-", 1)[1]


def standards(variant: str | None) -> list[str]:
    """The standards Typst is asked to meet: ``"pdf/a-2a"`` → ``["a-2a", "ua-1"]``."""
    return ([f"a-{profile(variant)}"] if variant else []) + [UNIVERSAL_ACCESSIBILITY]


def font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@lru_cache(maxsize=1)
def _compiler():
    """One compiler a process: its fonts are read once, and Typst remembers what it laid out."""
    import typst

    return typst.Compiler(font_paths=[str(font_dir())], ignore_system_fonts=True)


def parts(nb) -> list[tuple[str, bool]]:
    """The notebook's Typst parts in order: (source, is the cover)."""
    out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                source = data[MIME]
                source = "".join(source) if isinstance(source, list) else source
                out.append((source, bool(output.get("metadata", {}).get(MIME, {}).get(COVER_KEY))))
    return out


def typst_source(nb, meta: dict, colophon: Colophon | None) -> str:
    return document(parts(nb), meta, colophon)


def compile_pdf(source: str, variant: str | None, when: datetime | None = None) -> bytes:
    """The Typst document as PDF bytes; a failure is a ReportError with Typst's message."""
    import typst

    options = {"timestamp": int(when.timestamp())} if when is not None else {}
    try:
        pdf = _compiler().compile(input=source.encode("utf-8"), format="pdf", pdf_standards=standards(variant),
                                  **options)
    except typst.TypstError as exc:
        raise ReportError(f"PDF:en kunde inte skapas: {exc}") from exc
    return unambiguous_streams(pdf)


_STREAM = re.compile(rb">>\s*stream(\r\n|\n)")
_LENGTH = re.compile(rb"/Length (\d+)")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")


def unambiguous_streams(pdf: bytes) -> bytes:
    """The PDF with every stream's end unambiguous.

    A stream's data is followed by an end-of-line and ``endstream``. Compressed data that happens
    to end with a carriage return (one stream in 256), followed by the line feed, reads as data
    and a CR LF end-of-line: one byte shorter than its /Length, and PDF/A validators refuse the
    file. Such a stream gets a CR LF end-of-line of its own (its data untouched), and the
    cross-reference table the offsets that moves. A PDF whose objects are not found by a classic
    cross-reference table is returned as it is."""
    inserts = []
    for m in _STREAM.finditer(pdf):
        head = pdf[pdf.rfind(b" obj", 0, m.start()):m.start()]
        length = _LENGTH.search(head)
        end = m.end() + int(length.group(1)) if length else -1
        if length and pdf[end - 1:end] == b"\r" and pdf.startswith(b"\nendstream", end):
            inserts.append(end)
    xref = pdf.rfind(b"\nxref\n")
    if not inserts or xref < 0 or b"/XRef" in pdf:
        return pdf

    def moved(offset: int) -> int:
        return offset + sum(1 for i in inserts if i <= offset)

    body = bytearray()
    last = 0
    for i in inserts:
        body += pdf[last:i] + b"\r"
        last = i
    body += pdf[last:xref]
    tail = pdf[xref:]
    tail = _XREF_ENTRY.sub(lambda e: b"%010d %s n" % (moved(int(e.group(1))), e.group(2)), tail)
    start = tail.rfind(b"startxref\n")
    number_end = tail.index(b"\n", start + len(b"startxref\n"))
    tail = tail[:start] + b"startxref\n%d" % moved(int(tail[start + len(b"startxref\n"):number_end])) + tail[number_end:]
    return bytes(body) + tail


def notebook_to_pdf(nb, meta: dict, colophon: Colophon | None, variant: str | None = DEFAULT_VARIANT) -> bytes:
    """The executed notebook as the report's PDF, dated when it was rendered."""
    when = datetime.fromisoformat(meta["rendered_at"]) if meta.get("rendered_at") else None
    return compile_pdf(typst_source(nb, meta, colophon), variant, when)
