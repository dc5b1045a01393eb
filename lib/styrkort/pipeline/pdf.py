"""A rendered report's HTML as a PDF for the diarium, with WeasyPrint.

WeasyPrint lays out the same HTML the reader gets, with the report's print stylesheet (A4,
running header, page numbers, repeated table headers); nothing is fetched from the network.
Title, author, subject, keywords and language come from the HTML's ``<title>``, ``<meta>``
tags and ``<html lang>``, which the export template fills from the notebook's metadata.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from styrkort.data.errors import ReportError

#: The archival default, PDF/A-2a, the strictest level of PDF/A-2: level b (fonts embedded, colours
#: device-independent, XMP metadata, no encryption or scripts), plus level u (every glyph mapped to
#: Unicode, so the archived text stays searchable), plus level a (a tagged logical structure with
#: the document's language and the charts' text alternatives, for screen readers).
DEFAULT_VARIANT = "pdf/a-2a"
#: The variants a report may be written as. ``None`` (``--pdf-variant none``) is a plain PDF 1.7.
VARIANTS: tuple[str, ...] = ("pdf/a-2b", "pdf/a-2u", "pdf/a-2a", "pdf/a-3b", "pdf/a-3u", "pdf/a-3a")


def parse_variant(text: str | None) -> str | None:
    """``"pdf/a-2u"`` → itself, ``"none"`` or ``None`` → None (plain PDF); anything else is refused."""
    if text is None or text.strip().lower() in ("none", "ingen", ""):
        return None
    variant = text.strip().lower()
    if variant not in VARIANTS:
        raise ReportError(f"Okänd PDF-variant {text!r}; kända: {', '.join(VARIANTS)} eller none.")
    return variant


def profile(variant: str) -> str:
    """The conformance profile of a variant as validators name it: ``"pdf/a-2u"`` → ``"2u"``."""
    return variant.rsplit("-", 1)[1]


def html_to_pdf(html: str, variant: str | None = DEFAULT_VARIANT) -> bytes:
    """The document as PDF bytes, tagged (a logical structure for screen readers) in every variant.

    Only ``data:`` URLs are read: a report that referred to another host or a local file would
    come out without that resource rather than fetch it."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    variant = parse_variant(variant)
    fetcher = URLFetcher(allowed_protocols={"data"})
    options: dict[str, Any] = {"pdf_tags": True}
    if variant is not None:
        options["pdf_variant"] = variant
    return HTML(string=html, url_fetcher=fetcher).write_pdf(finisher=_finish, **options)


def _finish(_document: Any, pdf: Any) -> None:
    """Last touches to WeasyPrint's PDF (a ``pydyf.PDF``) before it is written.

    - The XMP metadata stream is left unfiltered, as PDF/A-1 requires and archive tools that
      read XMP without a PDF parser expect; WeasyPrint compresses it for PDF/A-2 and later.
    - No stream's data may end with a carriage return (see :func:`_unambiguous`)."""
    import pydyf

    ref = pdf.catalog.get("Metadata")  # pydyf's reference: b"12 0 R"
    if ref is not None:
        pdf.objects[int(ref.split()[0])].compress = False
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream):  # pydyf's streams and WeasyPrint's drawing streams
            obj.__class__ = _unambiguous(type(obj))


@lru_cache(maxsize=None)
def _unambiguous(stream_class: type) -> type:
    """``stream_class`` with data that does not end with a carriage return.

    pydyf writes a line feed between a stream's data and ``endstream``. Compressed data that
    happens to end with a carriage return (one stream in 256) then reads as data followed by a
    CR LF end-of-line, one byte shorter than its /Length: PDF/A validators refuse the file. Such
    a stream is written unfiltered instead."""

    class Unambiguous(stream_class):
        @property
        def data(self) -> bytes:
            data = super().data
            if self.compress and data.endswith(b"\r\nendstream"):
                self.compress = False
                plain = super().data
                if not plain.endswith(b"\r\nendstream"):
                    return plain
                self.compress = True
            return data

    Unambiguous.__name__ = Unambiguous.__qualname__ = f"Unambiguous{stream_class.__name__}"
    return Unambiguous
