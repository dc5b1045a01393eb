from styrkort.html.textsafe import esc, markdown


def test_plain_text_is_escaped():
    assert esc('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_markdown_shows_raw_html_as_text():
    out = markdown("Ny rutin <script>alert(1)</script> införd\n\n<img src=x onerror=alert(1)>")
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_markdown_drops_javascript_links():
    out = markdown("[klicka](javascript:alert(1))")
    assert 'href="javascript:' not in out


def test_markdown_headings_sit_below_the_section():
    assert markdown("# Rubrik", heading_offset=2).startswith("<h3>")
    assert "<ul>" in markdown("- en\n- två")
