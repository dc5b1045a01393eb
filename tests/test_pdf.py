"""The PDFs for the diarium, read back as a registrar would: pages, header, footer, cover, table of
contents, metadata, PDF/A identification and conformance, fonts, vector charts."""

import base64
import io
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import EXAMPLE, EXAMPLES, ROOT
from styrkort.data import fmt
from styrkort.data.errors import ReportError
from styrkort.data.loading import load_data
from styrkort.html import elements
from styrkort.html.assets import report_css
from styrkort.pipeline.pdf import DEFAULT_VARIANT, html_to_pdf, parse_variant, profile
from styrkort.reports.kinds import REPORTS

A4 = (595.28, 841.89)  # points
MONTHS = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
# A Jan–Dec strip as text: the twelve month labels in order, each with at most one line (its
# status) between it and the next. A strip split over two pages, or drawn as pixels, has none.
STRIP = re.compile(r"(?m)^" + r"\n(?:[^\n]*\n)?".join(MONTHS) + r"$")


@pytest.fixture(scope="module")
def data():
    return load_data(EXAMPLE)


@pytest.fixture(scope="module")
def pdfs(examples):
    """Per example: (Rendered, reader, text of every page, the HTML as soup)."""
    _, done = examples
    out = []
    for d in done:
        reader = PdfReader(d.pdf)
        texts = [p.extract_text() for p in reader.pages]
        out.append((d, reader, texts, BeautifulSoup(d.html.read_text(encoding="utf-8"), "html.parser")))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def _expected_dnr(data, d) -> str:
    dnr = data.diarienummer(REPORTS[d.kind].document, d.period)
    assert dnr, f"the example {d.kind} {d.period} has a diarienummer in dokument.csv"
    return dnr


def test_the_examples_are_what_make_report_renders(examples):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    lines = re.findall(r"styrkort render (\w+) --(?:period|year) (\S+)(.*)", target)
    assert [(kind, period) for kind, period, _ in lines] == EXAMPLES
    assert all("--no-pdf" not in rest for _, _, rest in lines)
    _, done = examples
    for d in done:
        assert d.pdf == d.html.with_suffix(".pdf") and d.pdf.stat().st_size > 10_000


def test_a4_pages_numbered_sida_n_av_m(pdfs):
    for d, reader, texts, _ in pdfs:
        n = len(reader.pages)
        assert n >= 3, d.title
        for page in reader.pages:
            box = page.mediabox
            assert (round(float(box.width), 1), round(float(box.height), 1)) == (round(A4[0], 1), round(A4[1], 1))
        assert "Sida" not in texts[0], f"{d.title}: the cover carries no page number"
        for i, text in enumerate(texts[1:], start=2):
            assert f"Sida {i} av {n}" in text, f"{d.title}, page {i}"


def test_board_and_diarienummer_on_every_page(pdfs, data):
    board = data.organisation["namnd"]
    for d, _, texts, _ in pdfs:
        dnr = _expected_dnr(data, d)
        for i, text in enumerate(texts, start=1):
            assert board in text, f"{d.title}, page {i}"
            assert dnr in text, f"{d.title}, page {i}"
        for i, text in enumerate(texts[1:], start=2):  # the running header proper
            assert f"{board} Diarienummer {dnr}" in _norm(text), f"{d.title}, page {i}"


def test_cover_page(pdfs, data):
    org = data.organisation
    for d, _, texts, soup in pdfs:
        cover = _norm(texts[0])
        rendered = soup.find("meta", attrs={"name": "dcterms.created"})["content"][:10]
        for words in (org["kommun"], org["namnd"], org["forvaltning"], d.title,
                      f"DIARIENUMMER {_expected_dnr(data, d)}", "UPPRÄTTAD",
                      fmt.date_sv(date.fromisoformat(rendered))):
            assert words in cover, f"{d.title}: {words!r} not on the cover"
        period_name = soup.find("meta", attrs={"name": "description"})["content"]
        assert period_name in cover
        # The cover is a page of its own: the first section starts on page 2 or later.
        first_h2 = soup.find("main").find("h2").get_text(" ", strip=True)
        assert first_h2 not in cover


def _toc_entries(texts: list[str], count: int) -> list[tuple[str, int]]:
    """The table of contents as (title, page): lines after "Innehåll", a long title wrapping
    onto the line that ends with the page number (at most three digits, so not a year)."""
    lines = "\n".join(texts[1:3]).split("Innehåll", 1)[1].strip().splitlines()
    entries, pending = [], []
    for line in lines:
        if m := re.match(r"^(.*\S)\s+(\d{1,3})$", line.strip()):
            entries.append((_norm(" ".join(pending + [m.group(1)])), int(m.group(2))))
            pending = []
            if len(entries) == count:
                break
        elif line.strip():
            pending.append(line.strip())
    return entries


def test_table_of_contents_lists_every_section_with_its_page(pdfs):
    for d, reader, texts, soup in pdfs:
        assert _norm(texts[1]).startswith("Innehåll"), f"{d.title}: the contents open page 2"
        sections = [_norm(h.get_text(" ", strip=True)) for h in soup.find("main").find_all("h2")]
        assert len(sections) >= 4
        entries = _toc_entries(texts, len(sections))
        assert [title for title, _ in entries] == sections, d.title
        pages = [page for _, page in entries]
        assert pages == sorted(pages) and 2 <= pages[0] and pages[-1] <= len(reader.pages)
        for title, page in entries:
            on_page = _norm(texts[page - 1])
            if page == 2:  # the contents page lists every title: look below the list
                on_page = on_page.split(sections[-1], 1)[1]
            assert title in on_page, f"{d.title}: {title!r} is not on page {page}"


def test_document_metadata(pdfs, data):
    org = data.organisation
    for d, reader, texts, soup in pdfs:
        info = reader.metadata
        assert info.title == d.title
        assert info.author == org["forvaltning"]
        assert info.subject == soup.find("meta", attrs={"name": "description"})["content"]
        assert info.subject and info.subject in texts[0]  # the period, as the cover names it
        assert _expected_dnr(data, d) in info["/Keywords"]
        assert reader.trailer["/Root"]["/Lang"] == "sv"
        xmp = reader.trailer["/Root"]["/Metadata"].get_object()
        assert "/Filter" not in xmp, "the XMP packet is stored unfiltered"
        packet = xmp.get_data().decode("utf-8")
        part, conformance = DEFAULT_VARIANT.removeprefix("pdf/a-")
        assert f'pdfaid:part="{part}"' in packet and f'pdfaid:conformance="{conformance.upper()}"' in packet
        assert d.title in packet and org["forvaltning"] in packet


def test_pdf_a_conformance_by_validator(pdfs):
    """The `page` validator (Rust, PyPI: page-validation) checks every rule of the PDF/A-2 profile
    that is machine-checkable, as veraPDF does."""
    import page

    for d, *_ in pdfs:
        report = page.validate_pdf(str(d.pdf), profile=profile(DEFAULT_VARIANT))
        failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
        assert report.is_compliant, f"{d.pdf.name} is not PDF/A-{profile(DEFAULT_VARIANT)}:\n" + "\n".join(failures)
        assert report.rules.total > 100  # the whole profile ran, not a handful of rules


def _structure(reader) -> list[tuple[str, str | None]]:
    """The tagged logical structure in reading order: (type, alternative text) per element."""
    out = []

    def visit(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            out.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            visit(kid)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return out


def test_tagged_structure_mirrors_the_document(pdfs):
    """Level a: headings, tables with header cells, and the charts' text alternatives are in the
    PDF's structure for a screen reader, as in the HTML."""
    for d, reader, _, soup in pdfs:
        assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
        structure = _structure(reader)
        kinds = [k for k, _ in structure]
        main = soup.find("main")
        assert kinds.count("/H1") == 1 and kinds.count("/H2") == len(main.find_all("h2")), d.title
        # WeasyPrint tags a table per page it is on, its repeated header row with it.
        assert kinds.count("/Table") >= len(main.find_all("table")) > 0, d.title
        assert kinds.count("/TH") >= len(main.find_all("th")), d.title
        assert kinds.count("/H3") == len(main.find_all("h3")), d.title
        alts = [alt for kind, alt in structure if kind == "/Figure"]
        assert alts == [img["alt"] for img in main.find_all("img")], d.title


def _walk(reader):
    """Every font (name, embedded?) and every raster image on the pages and inside their forms."""
    fonts, images, seen = {}, [], set()

    def visit(resources):
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            parts = [font] + [x.get_object() for x in font.get("/DescendantFonts", [])]
            descriptors = [p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p]
            fonts[str(font.get("/BaseFont"))] = any(k in fd for fd in descriptors
                                                   for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        for ref in (resources.get("/XObject") or {}).values():
            key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(ref)
            if key in seen:
                continue
            seen.add(key)
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                images.append(xobject)
            elif xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for p in reader.pages:
        visit(p.get("/Resources"))
    return fonts, images


def test_fonts_embedded_and_charts_are_vector(pdfs):
    strips_seen = 0
    for d, reader, texts, soup in pdfs:
        fonts, images = _walk(reader)
        assert fonts and all(fonts.values()), f"{d.title}: fonts not embedded: {[f for f, e in fonts.items() if not e]}"
        assert any("DejaVu" in f for f in fonts), fonts
        assert not images, f"{d.title}: {len(images)} raster images; charts are to stay vector"
        strips = len(soup.find_all("figure", class_="strip"))
        assert sum(len(STRIP.findall(t)) for t in texts) == strips, f"{d.title}: a strip is split or not text"
        strips_seen += strips
        assert "●" in "".join(texts) or strips == 0  # the status symbols have a glyph in the font
    assert strips_seen >= 8


# --- the print stylesheet on a document made for it ------------------------------------------------

def _document(body: str) -> str:
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title>'
            f"<style>{report_css()}</style></head>"
            '<body data-running-board="Provnämnden" data-running-diarienummer="Diarienummer 2024/PROV 1" '
            f'data-running-title="Prov"><main class="report">{body}</main></body></html>')


def test_long_table_repeats_its_header_and_never_splits_a_row():
    rows = [[f"Rad {n}", f"första raden {n}<br>andra raden {n}<br>tredje raden {n}", fmt.number(n * 1000)]
            for n in range(1, 121)]
    body = ('<header class="cover"><h1>Prov</h1></header><h2>Lång tabell</h2>'
            + elements.table(["Kolumn ett", "Kolumn två", "Belopp"], rows, foot=["Summa", "", "7 260 000"],
                         numeric=(2,)))
    reader = PdfReader(io.BytesIO(html_to_pdf(_document(body), None)))
    texts = [_norm(p.extract_text()) for p in reader.pages]
    table_pages = [t for t in texts if "Rad " in t]
    assert len(table_pages) >= 3
    for t in table_pages:
        assert "Kolumn ett Kolumn två Belopp" in t
        assert "Provnämnden" in t and "Diarienummer 2024/PROV 1" in t
    for n in range(1, 121):
        holding = [i for i, t in enumerate(texts) if f"Rad {n} " in t]
        assert len(holding) == 1 and f"tredje raden {n} " in texts[holding[0]], f"row {n} split over pages"
    assert sum(t.count("Summa") for t in texts) == 1  # the total once, at the end


def test_only_data_urls_are_read(tmp_path):
    """A document that pointed at a local file (or another host) comes out without it."""
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    (tmp_path / "bild.png").write_bytes(png)
    data_url = "data:image/png;base64," + base64.b64encode(png).decode()
    local = (tmp_path / "bild.png").as_uri()
    for src, expected in ((data_url, 1), (local, 0), ("http://127.0.0.1:9/bild.png", 0)):
        pdf = html_to_pdf(_document(f'<p><img src="{src}" alt="En bild"></p>'), None)
        _, images = _walk(PdfReader(io.BytesIO(pdf)))
        assert len(images) == expected, src


def test_variants():
    assert parse_variant("none") is None and parse_variant(None) is None
    assert parse_variant("PDF/A-2B") == "pdf/a-2b" and profile("pdf/a-3u") == "3u"
    with pytest.raises(ReportError, match="Okänd PDF-variant"):
        parse_variant("pdf/a-9z")
    plain = PdfReader(io.BytesIO(html_to_pdf(_document("<p>Text</p>"), None)))
    packet = plain.trailer["/Root"].get("/Metadata")
    assert packet is None or b"pdfaid" not in packet.get_object().get_data()
    archival = PdfReader(io.BytesIO(html_to_pdf(_document("<p>Text</p>"), "pdf/a-2b")))
    assert b'pdfaid:part="2"' in archival.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_no_stream_ends_with_a_carriage_return():
    """Compressed data ending in CR, before the LF pydyf writes ahead of `endstream`, reads as a
    CR LF end-of-line: the stream looks a byte shorter than its /Length, and PDF/A validators
    refuse the file (it happened to one example in about twenty runs). Such a stream is written
    unfiltered, and reads back the same."""
    import zlib

    import pydyf

    from styrkort.pipeline.pdf import _finish

    content = next(c for c in (f"BT /F1 12 Tf 72 700 Td (Rad {i}) Tj ET".encode() for i in range(100_000))
                   if zlib.compress(c, 9).endswith(b"\r"))

    class Drawing(pydyf.Stream):  # as WeasyPrint's page content streams subclass pydyf's
        pass

    for kind in (pydyf.Stream, Drawing):
        pdf = pydyf.PDF()
        stream = kind([content], compress=True)
        pdf.add_object(stream)
        page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference,
                                 "MediaBox": pydyf.Array([0, 0, 200, 200]), "Contents": stream.reference})
        pdf.add_page(page)
        _finish(None, pdf)
        out = io.BytesIO()
        pdf.write(out)
        written = out.getvalue()
        assert b"\r\nendstream" not in written, kind
        for m in re.finditer(rb"/Length (\d+)[^\n]*\nstream\n", written):
            end = written.index(b"\nendstream", m.end())
            assert end - m.end() == int(m.group(1))
        assert PdfReader(io.BytesIO(written)).pages[0].get_contents().get_data() == content
