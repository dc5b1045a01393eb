"""The PDFs for the diarium, read back as a registrar would: pages, header, footer, cover, table of
contents, metadata, PDF/A identification and conformance, fonts, vector charts."""

import base64
import functools
import io
import re
from datetime import date, datetime, timezone

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import EXAMPLE, EXAMPLES, MUNICIPALITY, ROOT, pdf_structure, read_rows
from styrkort.data import fmt
from styrkort.data.errors import ReportError
from styrkort.data.loading import load_data
from styrkort.data.municipal import load_municipal_data
from styrkort.document import typst
from styrkort.document.model import Break, Cover, Figure, Heading, Paragraph
from styrkort.pages import elements
from styrkort.pipeline.pdf import DEFAULT_VARIANT, compile_pdf, parse_variant, profile, standards
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
    """Whitespace as single spaces; a word hyphenated at a line's end (Typst marks the hyphen as a
    soft hyphen) joined again."""
    return " ".join(re.sub(r"\xad\s*", "", text).split())


def _xmp(packet: str, name: str) -> str | None:
    """A property of an XMP packet, written as an attribute or as an element."""
    m = re.search(rf'{name}="([^"]*)"|<{name}>([^<]*)</{name}>', packet)
    return (m.group(1) or m.group(2)) if m else None


@functools.cache
def _data_of(kind: str):
    """The data an example was made from: ASN's, or for the summary every board of the municipality."""
    if REPORTS[kind].municipal:
        return load_municipal_data(MUNICIPALITY, ROOT / "params" / "styrkort.yaml")
    return load_data(EXAMPLE)


def _expected_dnr(d) -> str:
    data = _data_of(d.kind)
    dnr = data.diarienummer(REPORTS[d.kind].document, d.period)
    assert dnr, f"the example {d.kind} {d.period} has a diarienummer in dokument.csv"
    return dnr


def test_the_examples_are_what_make_report_renders(examples):
    """`make report` renders the example municipality's year, every board's reports and the summaries, and
    ASN's June–July 2023; the examples these tests look at are among them."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    assert "styrkort render-all --data data/example --year 2024 --pdf" in target
    assert "styrkort render monthly --data data/example --board asn --period 2023-06..2023-07 --pdf" in target
    assert "--no-pdf" not in target
    assert [(k, p) for k, p in EXAMPLES if not p.startswith("2024")] == [("monthly", "2023-06..2023-07")]
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


def test_board_and_diarienummer_on_every_page(pdfs):
    for d, _, texts, _ in pdfs:
        board = _data_of(d.kind).organisation["namnd"]
        dnr = _expected_dnr(d)
        for i, text in enumerate(texts, start=1):
            assert board in text, f"{d.title}, page {i}"
            assert dnr in text, f"{d.title}, page {i}"
        for i, text in enumerate(texts[1:], start=2):  # the running header proper
            assert f"{board} Diarienummer {dnr}" in _norm(text), f"{d.title}, page {i}"


def test_cover_page(pdfs):
    for d, _, texts, soup in pdfs:
        org = _data_of(d.kind).organisation
        cover = _norm(texts[0])
        # The report's own dates, from dokument.csv: not the day it happened to be rendered.
        row = next(r for r in read_rows(MUNICIPALITY if REPORTS[d.kind].municipal else EXAMPLE, "dokument")
                   if r["rapport"] == REPORTS[d.kind].document and r["period"] == d.period)
        for words in (org["kommun"], org["namnd"], org["forvaltning"], d.title,
                      f"DIARIENUMMER {_expected_dnr(d)}",
                      "UPPRÄTTAD " + fmt.date_sv(date.fromisoformat(row["datum"])),
                      "NÄMNDENS SAMMANTRÄDE " + fmt.date_sv(date.fromisoformat(row["sammantradesdatum"]))):
            assert words in cover, f"{d.title}: {words!r} not on the cover"
        rendered = soup.find("meta", attrs={"name": "dcterms.created"})["content"][:10]
        if rendered not in (row["datum"], row["sammantradesdatum"]):
            assert fmt.date_sv(date.fromisoformat(rendered)) not in cover
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
        lines = texts[1].splitlines()  # the running header, then the page's own text
        assert lines[1].strip() == "Innehåll", f"{d.title}: the contents open page 2"
        sections = [_norm(h.get_text(" ", strip=True)) for h in soup.find("main").find_all("h2")]
        assert len(sections) >= 3
        entries = _toc_entries(texts, len(sections))
        assert [title for title, _ in entries] == sections, d.title
        pages = [page for _, page in entries]
        assert pages == sorted(pages) and 2 <= pages[0] and pages[-1] <= len(reader.pages)
        for title, page in entries:
            on_page = _norm(texts[page - 1])
            if page == 2:  # the contents page lists every title: look below the list
                on_page = on_page.split(sections[-1], 1)[1]
            assert title in on_page, f"{d.title}: {title!r} is not on page {page}"


def test_document_metadata(pdfs):
    for d, reader, texts, soup in pdfs:
        org = _data_of(d.kind).organisation
        info = reader.metadata
        assert info.title == d.title
        assert info.author == org["forvaltning"]
        assert info.subject == soup.find("meta", attrs={"name": "description"})["content"]
        assert info.subject and info.subject in texts[0]  # the period, as the cover names it
        assert _expected_dnr(d) in info["/Keywords"]
        assert reader.trailer["/Root"]["/Lang"] == "sv"
        xmp = reader.trailer["/Root"]["/Metadata"].get_object()
        assert "/Filter" not in xmp, "the XMP packet is stored unfiltered"
        packet = xmp.get_data().decode("utf-8")
        part, conformance = DEFAULT_VARIANT.removeprefix("pdf/a-")
        assert (_xmp(packet, "pdfaid:part"), _xmp(packet, "pdfaid:conformance")) == (part, conformance.upper())
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


def test_tagged_structure_mirrors_the_document(pdfs):
    """PDF/A level a and PDF/UA-1: headings, tables with header cells, and the charts' text
    alternatives are in the PDF's one structure tree, as in the HTML."""
    for d, reader, _, soup in pdfs:
        assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
        structure = pdf_structure(reader)
        kinds = [k for k, _ in structure]
        main = soup.find("main")
        assert kinds.count("/H1") == 1 and kinds.count("/H2") == len(main.find_all("h2")) + 1, d.title  # + Innehåll
        assert kinds.count("/H3") == len(main.find_all("h3")), d.title
        # One table per table, however many pages it spans; its header row marked as header cells.
        assert kinds.count("/Table") == len(main.find_all("table")) > 0, d.title
        assert kinds.count("/TH") == len(main.select("thead th")), d.title
        alts = [alt for kind, alt in structure if kind == "/Figure"]
        assert alts == [img["alt"] for img in main.find_all("img")], d.title


def test_what_a_pdf_ua_validator_checks(pdfs):
    """ISO 14289-1 as a validator reads it: the PDF/UA identifier, the title shown as the window's
    title, the language, one structure tree, headings in order (none skips a level), every table's
    header cells with their scope, every figure with alternative text."""
    for d, reader, _, _ in pdfs:
        root = reader.trailer["/Root"]
        packet = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert _xmp(packet, "pdfuaid:part") == "1", d.title
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) and reader.metadata.title == d.title
        assert root["/Lang"] == "sv"
        tree = root["/StructTreeRoot"].get_object()
        kids = tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]
        assert [str(k.get_object()["/S"]) for k in kids] == ["/Document"]
        levels = [int(k[2]) for k, _ in pdf_structure(reader) if re.fullmatch(r"/H\d", k)]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), (d.title, levels)
        for kind, attributes in _table_cells(reader):
            if kind == "/TH":
                assert attributes.get("/Scope") == "/Column", d.title
        assert all(alt for kind, alt in pdf_structure(reader) if kind == "/Figure"), d.title


def _table_cells(reader) -> list[tuple[str, dict]]:
    """(TH or TD, its Table attributes) for every table cell in the structure tree."""
    out = []

    def visit(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") in ("/TH", "/TD"):
            attributes = node.get("/A") or []
            attributes = attributes if isinstance(attributes, list) else [attributes]
            table = next((a.get_object() for a in attributes if a.get_object().get("/O") == "/Table"), {})
            out.append((str(node["/S"]), dict(table)))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            visit(kid)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    return out


def test_nested_actions_stay_nested(pdfs):
    """The plan's risk register: a lead-in ending with ":" holds its actions as a nested list."""
    [(d, reader, texts, soup)] = [p for p in pdfs if p[0].kind == "plan"]
    lead = soup.find("table", class_="risk-register").find(lambda t: t.name == "li" and t.find("ul"))
    assert lead is not None and lead.contents[0].strip().endswith(":")
    nested = []

    def visit(node, depth):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/L":
            nested.append(depth)
            depth += 1
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            visit(kid, depth)

    visit(reader.trailer["/Root"]["/StructTreeRoot"], 0)
    assert max(nested) >= 1, "a list inside a list item"


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


# --- the Typst writer on documents made for a test ----------------------------------------------

def _pdf(*nodes, variant=None) -> PdfReader:
    cover = Cover("Provkommun", "Provnämnden", "Prov", "Provförvaltningen", (("Period", "juni 2024"),))
    source = typst.document([(typst.write((cover,)), True), (typst.write(nodes), False)],
                            {"title": "Prov", "board": "Provnämnden", "diarienummer": "2024/PROV 1"})
    return PdfReader(io.BytesIO(compile_pdf(source, variant)))


def test_long_table_repeats_its_header_and_never_splits_a_row():
    rows = [[f"Rad {n}", (f"första raden {n}", Break(), f"andra raden {n}", Break(), f"tredje raden {n}"),
             fmt.number(n * 1000)] for n in range(1, 121)]
    reader = _pdf(Heading(2, ("Lång tabell",)),
                  elements.table(["Kolumn ett", "Kolumn två", "Belopp"], rows, foot=["Summa", "", "7 260 000"],
                                 numeric=(2,)))
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
    assert [k for k, _ in pdf_structure(reader)].count("/Table") == 1  # one table across its pages


def test_a_chart_never_reads_a_file_or_the_network(tmp_path):
    """An SVG that points at a local file or another host is refused; only what it holds is drawn."""
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    (tmp_path / "bild.png").write_bytes(png)
    data_url = "data:image/png;base64," + base64.b64encode(png).decode()
    def svg(href: str) -> Figure:
        return Figure(f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                      f'width="20" height="20"><image xlink:href="{href}" width="20" height="20"/></svg>', "En bild")

    _, images = _walk(_pdf(svg(data_url)))
    assert len(images) == 1
    for href in ((tmp_path / "bild.png").as_uri(), str(tmp_path / "bild.png"), "bild.png", "http://127.0.0.1:9/b.png"):
        with pytest.raises(ReportError, match="PDF:en kunde inte skapas"):
            _pdf(svg(href))


def test_variants():
    assert parse_variant("none") is None and parse_variant(None) is None
    assert parse_variant("PDF/A-2B") == "pdf/a-2b" and profile("pdf/a-3u") == "3u"
    assert standards(DEFAULT_VARIANT) == ["a-2a", "ua-1"] and standards(None) == ["ua-1"]
    with pytest.raises(ReportError, match="Okänd PDF-variant"):
        parse_variant("pdf/a-9z")
    plain = _pdf(Paragraph(("Text",)))
    assert b"pdfaid" not in plain.trailer["/Root"]["/Metadata"].get_object().get_data()
    archival = _pdf(Paragraph(("Text",)), variant="pdf/a-2b")
    assert _xmp(archival.trailer["/Root"]["/Metadata"].get_object().get_data().decode(), "pdfaid:part") == "2"


def test_the_same_document_gives_the_same_pdf():
    """Fonts shipped, not found: the PDF depends on the report and its date only."""
    source = typst.document([(typst.write((Paragraph(("Text ● ▲ ■",)),)), False)], {"title": "Prov"})
    when = datetime(2024, 9, 5, 10, 0, tzinfo=timezone.utc)
    first = compile_pdf(source, DEFAULT_VARIANT, when)
    assert compile_pdf(source, DEFAULT_VARIANT, when) == first
    fonts, _ = _walk(PdfReader(io.BytesIO(first)))
    assert fonts and all(fonts.values()) and all("DejaVu" in f for f in fonts)


# --- words: broken only with a hyphen, table headers never hyphenated -------------------------------

def broken_words(text: str, vocabulary: set[str], prose: str) -> list[str]:
    """Words split over two lines without a hyphen: a line ending in letters, the next beginning
    with a lower-case letter, together a word of the document that the document never writes as
    the two pieces."""
    found = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for a, b in zip(lines, lines[1:]):
        left, right = re.search(r"(\w+)$", a), re.match(r"([a-zåäöé]\w*)", b)
        if not left or not right or a.endswith(("-", "\xad")):
            continue
        word = left.group(1) + right.group(1)
        if word.casefold() in vocabulary and f"{left.group(1)} {right.group(1)}".casefold() not in prose:
            found.append(f"{left.group(1)}|{right.group(1)}")
    return found


def test_the_broken_word_check_can_fail():
    vocabulary, prose = {"medarbetare", "digitalisering"}, "medarbetare och digitalisering"
    assert broken_words("Risk för\nMedarbetar\ne\nDigitaliserin\ng", vocabulary, prose) == [
        "Medarbetar|e", "Digitaliserin|g"]
    assert broken_words("Medarbe\xad\ntare\nMedarbetare och\ndigitalisering", vocabulary, prose) == []


def test_no_word_is_broken_without_a_hyphen(pdfs):
    for d, _, texts, soup in pdfs:
        prose = " ".join(soup.find("main").get_text(" ").split()).casefold()
        vocabulary = set(re.findall(r"\w{3,}", prose))
        found = [w for t in texts for w in broken_words(t, vocabulary, prose)]
        assert found == [], d.title


def test_table_headers_are_never_hyphenated(pdfs):
    """A header wraps between its words (the column as wide as its longest word), never inside one."""
    for d, _, texts, soup in pdfs:
        paper = re.sub(r"\s+", "", "".join(texts))
        for th in soup.find("main").select("thead th"):
            words = re.sub(r"\s+", "", th.get_text())
            assert words in paper, f"{d.title}: header {th.get_text()!r} is hyphenated or missing"


def _tiny_pdf(content: bytes) -> bytes:
    """A one-page PDF with a classic cross-reference table, its page's content stream ``content``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_stream_that_ends_with_a_carriage_return_is_made_unambiguous():
    """Data ending in CR before the LF ahead of `endstream` reads as a CR LF end-of-line, a byte
    short of its /Length (it happened to an example once the Medarbetare override changed its
    text). The stream gets an end-of-line of its own; its data and every object's place stay right."""
    from styrkort.pipeline.pdf import unambiguous_streams

    content = b"0 0 m 10 10 l S\r"
    pdf = _tiny_pdf(content)
    fixed = unambiguous_streams(pdf)
    assert fixed.count(b"\r\r\nendstream") == 1 and len(fixed) == len(pdf) + 1
    reader = PdfReader(io.BytesIO(fixed), strict=True)
    assert reader.pages[0].get_contents().get_data() == content
    xref = fixed[fixed.rindex(b"\nxref\n") + 1:]
    for n, offset in enumerate(re.findall(rb"(\d{10}) 00000 n", xref), start=1):
        assert fixed[int(offset):].startswith(b"%d 0 obj" % n)
    assert int(xref.split(b"startxref\n")[1].split(b"\n")[0]) == fixed.rindex(b"\nxref\n") + 1
    assert unambiguous_streams(_tiny_pdf(b"0 0 m 10 10 l S")) == _tiny_pdf(b"0 0 m 10 10 l S")
