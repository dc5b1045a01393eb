"""The document model's two writers: text from data is inert in HTML and in Typst, Markdown keeps
its structure (nested lists too) and never fetches anything, and both writers say the same."""

import pytest
from pypdf import PdfReader

from styrkort.data.status import Status
from styrkort.document import html, typst
from styrkort.document.markdown import markdown
from styrkort.document.model import Badge, Heading, ItemList, Paragraph, Table, plain_text
from styrkort.pipeline.pdf import compile_pdf

HOSTILE = ('Rutin ]#import "/etc/passwd": * #let x = 1 $x^2$ <script>alert("x")</script> \\ '
           '@ref `kod` = Rubrik // kommentar /* block')


def _pdf_text(nodes, meta=None) -> str:
    import io

    source = typst.document([(typst.write(nodes), False)], meta or {"title": "Prov"})
    reader = PdfReader(io.BytesIO(compile_pdf(source, None)))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def _squash(text: str) -> str:
    """Text without whitespace or the soft hyphens Typst marks its hyphenation with."""
    return "".join(text.replace("\xad", "").split())


def test_plain_text_is_escaped_in_html():
    assert html.esc('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_text_from_data_is_one_typst_string_and_prints_as_itself():
    assert typst.string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c d"'
    nodes = (Paragraph((HOSTILE,)), Table((("Enhet",), ("Kommentar",)), ((("Enhet 1",), (HOSTILE,)),)))
    text = _pdf_text(nodes, {"title": HOSTILE, "board": HOSTILE, "keywords": [HOSTILE]})
    assert _squash(text).count(_squash(HOSTILE)) == 3, text  # the title on the cover, the paragraph, the cell


def test_markdown_shows_raw_html_as_text():
    out = html.write(markdown("Ny rutin <script>alert(1)</script> införd\n\n<img src=x onerror=alert(1)>"))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_markdown_drops_javascript_links_in_both_writers():
    nodes = markdown("[klicka](javascript:alert(1)) och [data](data:text/html,x)")
    assert "href" not in html.write(nodes)
    assert "#link" not in typst.write(nodes)
    assert 'href="https://example.org"' in html.write(markdown("[a](https://example.org)"))


def test_markdown_headings_sit_below_the_section():
    assert html.write(markdown("# Rubrik", heading_offset=2)).startswith("<h3>")
    assert "<ul>" in html.write(markdown("- en\n- två"))


def test_nested_markdown_lists_stay_nested_in_both_writers():
    [outer] = markdown("- Inledning:\n  - ett\n  - två\n- sist")
    assert isinstance(outer, ItemList) and isinstance(outer.items[0][-1], ItemList)
    assert html.write((outer,)) == "<ul><li>Inledning:<ul><li>ett</li><li>två</li></ul></li><li>sist</li></ul>"
    assert typst.write((outer,)).count("#list(") == 2


def test_a_markdown_image_is_never_fetched():
    out = html.write(markdown("Se ![logotyp](http://example.org/spår.png) och ![](https://x.example/a.gif)"))
    assert "<img" not in out and 'href="http://example.org/sp%C3%A5r.png"' in out


def test_control_characters_never_reach_either_writer():
    assert html.esc("Bra\x00 arbete\x1b[31m\x07") == "Bra arbete[31m"
    nodes = markdown("# Rubrik\x1b[2J\n\nText\x00 här")
    assert "\x1b" not in html.write(nodes) and "\x1b" not in typst.write(nodes)
    assert "\x00" not in typst.string("a\x00b")


@pytest.mark.parametrize("status", [*Status, None])
def test_a_badge_says_its_status_in_words_in_both(status):
    node = Badge(status, "Ej rapporterat")
    word = status.value if status else "Ej rapporterat"
    assert word in html.write((node,)) and word in _pdf_text((Paragraph((node,)),))
    assert plain_text((node,)) == word


def test_headings_keep_their_level():
    assert html.write((Heading(3, ("Indikatorer",)),)) == "<h3>Indikatorer</h3>"
    assert typst.write((Heading(3, ("Indikatorer",)),)).startswith("#heading(level: 3)")


def test_chart_labels_from_data_are_text_not_mathtext():
    from styrkort.pages.charts import waterfall_chart

    svg = waterfall_chart(["Start", "$\\foo$ och $x^2$", "Slut"], -1000.0, [-250.0], -1250.0)
    assert "$\\foo$ och $x^2$" in svg
